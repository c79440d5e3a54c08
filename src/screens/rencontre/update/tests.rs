use super::*;
use crate::app::testing::{press, state_at};
use crate::domain::Phase;
use crate::domain::rencontre::Step;

/// The example's rencontre back at `step`, its dots taken off, open on screen.
fn at_step(step: Step) -> State {
    let mut st = state_at(Phase::Preparation);
    if let Some(r) = st.session.rencontres.first_mut() {
        r.phase = step;
        r.dots.clear();
        r.revealed = false;
        r.handed_off = false;
    }
    st.rencontre = Some(Model::new(1));
    st
}

/// Who got a dot, in order, by first name.
fn voters(st: &State) -> Vec<String> {
    let r = st.open_rencontre().expect("rencontre");
    r.dots
        .iter()
        .filter_map(|d| st.session.participant(d.participant))
        .filter_map(|p| p.name.split_whitespace().next().map(str::to_string))
        .collect()
}

/// The screen as text, at the state's size.
fn screen(st: &State) -> String {
    let (w, h) = st.size;
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    crate::ui::render(st, buf.area, &mut buf);
    buf.content
        .chunks(usize::from(w))
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect()
}

fn flash_text(st: &State) -> String {
    st.flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

fn id_of(st: &State, first: &str) -> ParticipantId {
    st.session
        .participants
        .iter()
        .find(|p| p.name.starts_with(first))
        .map(|p| p.id)
        .unwrap_or_else(|| panic!("{first}"))
}

fn card(st: &State, id: CardId) -> crate::domain::rencontre::Card {
    st.open_rencontre()
        .and_then(|r| r.card(id))
        .cloned()
        .expect("the card")
}

fn last_card(st: &State) -> crate::domain::rencontre::Card {
    st.open_rencontre()
        .and_then(|r| r.cards.last())
        .cloned()
        .expect("a card")
}

#[test]
fn w_says_who_the_next_cards_are_from_and_leaves_the_written_ones_alone() {
    let mut st = at_step(Step::Census);
    let authors = |st: &State| -> Vec<Option<ParticipantId>> {
        st.open_rencontre()
            .map(|r| r.cards.iter().map(|c| c.author).collect())
            .unwrap_or_default()
    };
    let before = authors(&st);
    // A card is selected on the wall, but `w` is about the next cards only.
    assert!(wall_selection(&st).is_some());
    press(&mut st, "w");
    let title = st.picker.as_ref().and_then(|p| p.title.clone());
    assert!(title.is_some_and(|t| t.contains("prochaines cartes")));
    press(&mut st, "agnès<Enter>");
    assert_eq!(authors(&st), before, "no card changed author");
    assert!(flash_text(&st).contains("Prochaines cartes\u{a0}: Agnès Rivière"));
    st.flash = None;
    assert!(
        screen(&st).contains("Prochaines cartes de\u{a0}: Agnès Rivière"),
        "{}",
        screen(&st)
    );
    press(&mut st, "aBroyeur à partager<Enter>");
    assert_eq!(last_card(&st).author, Some(id_of(&st, "Agnès")));
    // Re-attributing one card is its own action: Tab after its quantity, and it is said.
    press(&mut st, "<Enter><Tab><Tab>");
    let title = st.picker.as_ref().and_then(|p| p.title.clone());
    assert!(title.is_some_and(|t| t.contains("Broyeur à partager")));
    press(&mut st, "karim<Enter>");
    assert_eq!(last_card(&st).author, Some(id_of(&st, "Karim")));
    assert_eq!(
        flash_text(&st),
        "Carte «\u{a0}Broyeur à partager\u{a0}» attribuée à Karim Benali"
    );
    // The next cards are still Agnès's.
    assert_eq!(
        st.rencontre.as_ref().and_then(|m| m.author),
        Some(id_of(&st, "Agnès"))
    );
}

#[test]
fn w_with_no_participants_says_where_to_add_them() {
    let mut st = at_step(Step::Census);
    st.session.participants.clear();
    press(&mut st, "w");
    assert!(st.picker.is_none());
    assert!(
        flash_text(&st).contains("Préparation › Participants"),
        "{}",
        flash_text(&st)
    );
}

#[test]
fn a_new_card_shows_its_kind_and_k_chooses_another_from_a_list() {
    let mut st = at_step(Step::Census);
    press(&mut st, "a");
    assert!(screen(&st).contains("Nouvelle carte\u{a0}: besoin"));
    press(&mut st, "<Esc><Right>a");
    assert!(screen(&st).contains("Nouvelle carte\u{a0}: offre / ressource"));
    press(&mut st, "Chaleur fatale du four<Enter>");
    let id = last_card(&st).id;
    assert_eq!(card(&st, id).kind, CardKind::Offer);
    // `k` then a digit: any kind, forwards or back; the cursor follows the card.
    press(&mut st, "k3");
    assert_eq!(card(&st, id).kind, CardKind::Lead);
    assert_eq!(wall_selection(&st), Some(id));
    press(&mut st, "k1");
    assert_eq!(card(&st, id).kind, CardKind::Need);
    assert_eq!(st.rencontre.as_ref().map(|m| m.column), Some(0));
    assert!(flash_text(&st).contains(": besoin"), "{}", flash_text(&st));
    // The footer says what `k` does.
    st.flash = None;
    assert!(
        screen(&st).contains("k type de la carte"),
        "{}",
        screen(&st)
    );
}

#[test]
fn the_tour_de_table_s_card_kind_and_a_card_s_flow_are_chosen_from_lists() {
    let mut st = at_step(Step::Introductions { person: 1 });
    press(&mut st, "a");
    assert!(screen(&st).contains("Nouvelle carte\u{a0}: besoin"));
    press(&mut st, "Chutes de bois<Enter>k2");
    assert_eq!(last_card(&st).kind, CardKind::Offer);
    assert!(screen(&st).contains("offre / ressource (k pour changer) · «\u{a0}Chutes de bois"));
    // `f` and a digit: the flow at once (`0` none).
    let mut st = at_step(Step::Census);
    press(&mut st, "aEaux de rinçage<Enter>f3");
    assert_eq!(last_card(&st).flow, Some(Flow::Water));
    press(&mut st, "f0");
    assert_eq!(last_card(&st).flow, None);
}

#[test]
fn t_keeps_the_cursor_on_the_cards_to_sort_and_shift_s_goes_back_a_lead() {
    let mut st = at_step(Step::Grouping);
    if let Some(r) = st.session.rencontres.first_mut() {
        r.themes.clear();
        for c in &mut r.cards {
            c.theme = None;
        }
    }
    let to_sort = group_column(st.open_rencontre().expect("r"), 0);
    press(&mut st, "t<C-u>Énergie<Enter>");
    let m = st.rencontre.as_ref().expect("model");
    assert_eq!(m.group_column, 0, "still on the cards to sort");
    assert_eq!(group_selection(&st), to_sort.get(1).copied());
    // One key sorts the next card into the new theme.
    press(&mut st, "1");
    let r = st.open_rencontre().expect("r");
    assert_eq!(group_column(r, 1).len(), 2);
    // `s` the next lead, `S` the previous one, round the list.
    let leads = r.synergy_leads(&st.session.participants).len();
    assert!(leads > 2);
    press(&mut st, "ssS");
    assert_eq!(st.rencontre.as_ref().map(|m| m.lead), Some(1));
    press(&mut st, "SS");
    assert_eq!(st.rencontre.as_ref().map(|m| m.lead), Some(leads - 1));
}

fn query(st: &State) -> String {
    st.rencontre
        .as_ref()
        .and_then(|m| m.entry.as_ref())
        .map(|e| e.query.clone())
        .expect("an entry")
}

#[test]
fn the_letter_after_a_dot_that_spells_no_one_starts_the_next_name() {
    // « Cl » gives Claire her dot; the « a » of « Agn » also goes on spelling Claire,
    // but « ag » spells no one but Agnès: she gets hers, nothing is lost.
    let mut st = at_step(Step::Vote);
    press(&mut st, "1clagn");
    assert_eq!(voters(&st), ["Claire", "Agnès"]);
    assert_eq!(query(&st), "agn");
    // Typed with capitals, the capital starts the next name at once.
    let mut st = at_step(Step::Vote);
    press(&mut st, "1ClAgn");
    assert_eq!(voters(&st), ["Claire", "Agnès"]);
    // Whole names, with or without a space between them, one dot each.
    let mut st = at_step(Step::Vote);
    press(&mut st, "1claireagnès");
    assert_eq!(voters(&st), ["Claire", "Agnès"]);
    let mut st = at_step(Step::Vote);
    press(&mut st, "1Claire Martin Agnès Rivière");
    assert_eq!(voters(&st), ["Claire", "Agnès"]);
    // Enter after a name that got its dot ends it: no second dot, no complaint.
    press(&mut st, "<Enter>");
    assert_eq!(voters(&st), ["Claire", "Agnès"]);
    let entry = st.rencontre.as_ref().and_then(|m| m.entry.clone());
    assert_eq!(
        entry.map(|e| (e.query, e.error)),
        Some((String::new(), None))
    );
}

#[test]
fn a_letter_that_makes_the_query_match_no_one_starts_a_new_name() {
    // « ma » is Maëlle, Claire Martin or Océane Marchal; « x » matches no one after it.
    let mut st = at_step(Step::Vote);
    press(&mut st, "1max");
    assert_eq!(query(&st), "x");
    assert!(voters(&st).is_empty());
    // A number waiting for a possible second digit (« 1 » of 16) is complete when a
    // letter follows: person 1 gets the dot, the letter starts the next name.
    let mut st = at_step(Step::Vote);
    press(&mut st, "11a");
    let first = st.session.speakers()[0].name.clone();
    let first = first.split_whitespace().next().unwrap_or("").to_string();
    assert_eq!(voters(&st), [first, "Agnès".to_string()]);
}

#[test]
fn ctrl_u_and_ctrl_w_clear_the_dot_entry_instead_of_typing_letters() {
    let mut st = at_step(Step::Vote);
    press(&mut st, "1ma<C-u>");
    assert_eq!(query(&st), "");
    press(&mut st, "ma<C-w>");
    assert_eq!(query(&st), "");
    assert!(voters(&st).is_empty());
    // Then a name is typed afresh.
    press(&mut st, "agn");
    assert_eq!(voters(&st), ["Agnès"]);
}

#[test]
fn ctrl_c_in_the_dot_entry_says_how_to_leave_and_keeps_the_entry() {
    let mut st = at_step(Step::Vote);
    press(&mut st, "1ma<C-c>");
    assert_eq!(query(&st), "ma");
    let said = st
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default();
    assert!(said.contains("Échap"), "{said}");
}
