//! Suivi › Synergies, key scripts: a synergy made from the board, a poster line or a
//! lead; stages moved both ways and abandoned; filters; the sheet's fields.

use crate::app::keymap::Mode;
use crate::app::testing::{press, state_at};
use crate::app::{PrepTab, State};
use crate::domain::synergy::{Stage, Synergy, SynergyKind};
use crate::domain::{Need, NeedKind, Op, Phase};

/// The example at `phase`, its register emptied: these tests make their own synergies.
fn example_at(phase: Phase) -> State {
    let mut st = state_at(phase);
    st.session.synergies.clear();
    st
}

fn flash(st: &State) -> String {
    st.flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// Suivi › Synergies, on the example after its workshop.
fn board() -> State {
    let mut st = example_at(Phase::Closed);
    press(&mut st, "f<Tab>");
    assert_eq!(st.mode(), Mode::Synergies);
    st
}

fn add(st: &mut State, title: &str, group: Option<u32>) -> u32 {
    let id = st.session.next_synergy_id();
    let mut x = Synergy::new(id, title, SynergyKind::Pooling);
    x.group = group;
    st.session
        .apply(Op::AddSynergy {
            index: st.session.synergies.len(),
            synergy: x,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    id
}

fn stage(st: &State, id: u32) -> Stage {
    st.session
        .synergy(id)
        .map(|x| x.stage())
        .unwrap_or_default()
}

#[test]
fn a_creates_a_synergy_at_idee_from_its_title_and_selects_it() {
    let mut st = board();
    press(&mut st, "a");
    assert_eq!(st.mode(), Mode::Edit);
    press(&mut st, "Palettes bois vers la chaufferie<Enter>");
    let x = st
        .session
        .synergies
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("created"));
    assert_eq!(x.title, "Palettes bois vers la chaufferie");
    assert_eq!(x.stage(), Stage::Idea);
    assert_eq!(x.group, None);
    assert!(
        flash(&st).contains("Synergie créée\u{a0}: «\u{a0}Palettes bois"),
        "{}",
        flash(&st)
    );
    assert!(flash(&st).contains("(Suivi › Synergies)"));
    // The cursor is on it: Enter opens its sheet.
    press(&mut st, "<Enter>");
    assert_eq!(st.mode(), Mode::SynergySheet);
    // Undone, it goes, and the flash says what went.
    press(&mut st, "<Esc>u");
    assert!(st.session.synergies.is_empty());
    assert!(flash(&st).contains("Palettes bois"), "{}", flash(&st));
}

#[test]
fn s_on_a_poster_line_makes_a_synergy_of_it_in_its_group_with_its_organisations() {
    let mut st = example_at(Phase::Groups { round: 1 });
    press(&mut st, "<Enter>");
    assert_eq!(st.mode(), Mode::Poster);
    let crate::app::PosterCursor::Line(line, _) = st.poster else {
        panic!("no line selected: {:?}", st.poster);
    };
    press(&mut st, "S");
    let x = st
        .session
        .synergies
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("{}", flash(&st)));
    let l = st
        .session
        .line(line)
        .cloned()
        .unwrap_or_else(|| panic!("line"));
    assert_eq!(x.title, l.solution);
    assert_eq!(x.lines, vec![line]);
    assert_eq!(x.group, st.session.group_of_line(line));
    assert_eq!(x.members.len(), l.owners.len(), "{:?}", x.members);
    assert!(flash(&st).contains("Synergie créée"));
    // A second S says it exists rather than making a twin.
    press(&mut st, "S");
    assert_eq!(st.session.synergies.len(), 1);
    assert!(flash(&st).contains("Déjà une synergie"), "{}", flash(&st));
}

#[test]
fn s_in_suivi_actions_makes_a_synergy_of_the_selected_line() {
    let mut st = example_at(Phase::Closed);
    press(&mut st, "f<Down>S");
    assert_eq!(st.session.synergies.len(), 1, "{}", flash(&st));
    let x = &st.session.synergies[0];
    assert_eq!(x.lines.len(), 1);
    assert!(x.group.is_some());
}

#[test]
fn s_on_a_synergy_lead_of_the_catalogue_makes_a_substitution_grown_from_it() {
    let mut st = example_at(Phase::Preparation);
    let id = st.session.next_need_id();
    let need = Need {
        id,
        text: "Palettes de la menuiserie vers la chaufferie bois".into(),
        theme: None,
        kind: NeedKind::Synergy,
    };
    st.session
        .apply(Op::AddNeed { index: 0, need })
        .unwrap_or_else(|e| panic!("{e}"));
    while st.prep.tab != PrepTab::Needs {
        press(&mut st, "<Tab>");
    }
    // On a plain need, S says what it needs.
    press(&mut st, "<Down>S");
    assert!(st.session.synergies.is_empty());
    assert!(flash(&st).contains("piste de synergie"), "{}", flash(&st));
    press(&mut st, "<Up>S");
    let x = st
        .session
        .synergies
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("{}", flash(&st)));
    assert_eq!(x.lead, Some(id));
    assert_eq!(x.kind, SynergyKind::Substitution);
    assert_eq!(x.title, "Palettes de la menuiserie vers la chaufferie bois");
    assert!(flash(&st).contains("Suivi › Synergies"));
}

#[test]
fn stages_move_both_ways_dated_undo_puts_the_stage_back_abandon_asks_why() {
    let mut st = board();
    let id = add(&mut st, "Chaleur fatale", None);
    press(&mut st, ">>");
    assert_eq!(stage(&st, id), Stage::Decision);
    // The cursor followed the card to its column.
    assert_eq!(st.followup.as_ref().map(|f| f.synergies.column), Some(2));
    press(&mut st, "<lt>");
    assert_eq!(stage(&st, id), Stage::Study);
    let history = st.session.synergy(id).map(|x| x.history.len());
    assert_eq!(history, Some(3));
    press(&mut st, "u");
    assert_eq!(stage(&st, id), Stage::Decision);
    assert!(flash(&st).contains("Étude"), "{}", flash(&st));
    // Abandoned: the reason is asked for, and an empty one is refused.
    press(&mut st, "X");
    assert_eq!(st.mode(), Mode::Edit);
    press(&mut st, "<Enter>");
    assert!(st.editor.as_ref().is_some_and(|e| e.error.is_some()));
    assert_eq!(stage(&st, id), Stage::Decision);
    press(&mut st, "coût du transport<Enter>");
    assert_eq!(stage(&st, id), Stage::Abandoned);
    let reason = st
        .session
        .synergy(id)
        .and_then(|x| x.abandon_reason().map(str::to_string));
    assert_eq!(reason.as_deref(), Some("coût du transport"));
    assert_eq!(st.followup.as_ref().map(|f| f.synergies.column), Some(5));
    assert!(flash(&st).contains("Abandonnée"), "{}", flash(&st));
    // Taken up again: back to « idée ».
    press(&mut st, "<lt>");
    assert_eq!(stage(&st, id), Stage::Idea);
}

#[test]
fn x_filters_the_board_by_group_type_and_organisation() {
    let mut st = board();
    let a = add(&mut st, "A", Some(1));
    let b = add(&mut st, "B", Some(2));
    let shown = |st: &State| {
        let f = st
            .followup
            .as_ref()
            .map(|f| f.synergies.filter.clone())
            .unwrap_or_default();
        super::synergies::column(&st.session, &f, Stage::Idea)
            .iter()
            .map(|x| x.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&st), vec![a, b]);
    press(&mut st, "x");
    assert_eq!(shown(&st), vec![a]);
    press(&mut st, "x");
    assert_eq!(shown(&st), vec![b]);
    // Then the type (both pooling), then back to all.
    press(&mut st, "x");
    assert_eq!(shown(&st), vec![a, b]);
    press(&mut st, "x");
    assert_eq!(
        st.followup.as_ref().map(|f| f.synergies.filter.clone()),
        Some(super::synergies::Filter::All)
    );
}

#[test]
fn the_sheet_edits_kind_group_members_pilot_and_impacts_refusing_an_unknown_unit() {
    let mut st = board();
    let id = add(&mut st, "Palettes", None);
    press(&mut st, "<Enter>");
    assert_eq!(st.mode(), Mode::SynergySheet);
    press(&mut st, "kg");
    let x = st
        .session
        .synergy(id)
        .cloned()
        .unwrap_or_else(|| panic!("x"));
    assert_eq!(x.kind, SynergyKind::Energy);
    assert_eq!(x.group, Some(1));
    // Members: the fifth row.
    press(&mut st, "<Down><Down><Down><Down><Enter>");
    press(
        &mut st,
        "Scierie Vallet (fournisseur), Laiterie du Val (receiver)<Enter>",
    );
    let x = st
        .session
        .synergy(id)
        .cloned()
        .unwrap_or_else(|| panic!("x"));
    assert_eq!(x.members.len(), 2);
    // The pilot, handed over: a dated event.
    press(&mut st, "<Up><Enter>Laiterie du Val, Claire Morel<Enter>");
    let x = st
        .session
        .synergy(id)
        .cloned()
        .unwrap_or_else(|| panic!("x"));
    assert_eq!(x.pilot(), Some("Laiterie du Val"));
    // An impact in an unknown unit: refused, the units named, the text kept.
    press(&mut st, "a12 palettes<Enter>");
    let e = st.editor.as_ref().unwrap_or_else(|| panic!("still open"));
    let err = e.error.clone().unwrap_or_default();
    assert!(err.contains("palettes") && err.contains("t, kg"), "{err}");
    assert_eq!(e.text(), "12 palettes");
    press(&mut st, "<C-u>120 t/an estimé acier<Enter>");
    assert!(st.editor.is_none());
    let x = st
        .session
        .synergy(id)
        .cloned()
        .unwrap_or_else(|| panic!("x"));
    assert_eq!(x.impacts.len(), 1);
    assert_eq!(x.impacts[0].what, "acier");
    // Removed from its row, and back with u.
    let row = super::synergies::sheet_rows(&x)
        .iter()
        .position(|r| *r == super::synergies::SheetRow::Impact(0))
        .unwrap_or(0);
    if let Some(sh) = st
        .followup
        .as_mut()
        .and_then(|f| f.synergies.sheet.as_mut())
    {
        sh.row = row;
    }
    press(&mut st, "d");
    assert!(st.session.synergy(id).is_some_and(|x| x.impacts.is_empty()));
    press(&mut st, "u");
    assert!(st.session.synergy(id).is_some_and(|x| x.impacts.len() == 1));
    assert!(
        flash(&st).contains("fiche de la synergie"),
        "{}",
        flash(&st)
    );
}
