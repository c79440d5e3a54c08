//! A whole rencontre inter-entreprises run with the keyboard alone, in process: the zone's
//! diagnostic, the tour de table, cards on the wall, the regroupement into themes with a
//! synergy lead, the vote, the questions and the hand-off to workshop 1; then the file.

mod common;

use atelier::app::{Mode, Screen};
use atelier::domain::rencontre::{CardKind, Flow, Step, StepKind};
use atelier::domain::{Session, Workshop};
use atelier::store;
use common::{at, example, press, render, state, tick};

/// The example's people and zone, before anything was decided: no theme, no need, no wish.
fn before_the_rencontre() -> Session {
    let mut s = example();
    s.themes.clear();
    s.groups.clear();
    s.needs.clear();
    s.rencontres.clear();
    s.workshops = vec![Workshop::new(1)];
    s.zone.stakes.clear();
    s.zone.steering.clear();
    for p in &mut s.participants {
        p.choices.clear();
    }
    s
}

fn id_of(st: &atelier::app::State, name: &str) -> u32 {
    st.session
        .participants
        .iter()
        .find(|p| p.name.starts_with(name))
        .map(|p| p.id)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn a_whole_rencontre_from_the_diagnostic_to_workshop_1() {
    let mut st = state(before_the_rencontre(), at("08:55:00"));
    st.size = (120, 35);
    let speakers = st.session.speakers().len();

    // `i` opens the first rencontre, on its diagnostic.
    press(&mut st, "i");
    assert_eq!(st.screen(), Screen::Rencontre(StepKind::Diagnostic));
    press(&mut st, "aGarder les entreprises sur la zone<Enter>");
    press(&mut st, "aRéduire le coût des déchets<Enter>");
    press(&mut st, "wclaire<Enter>");
    assert_eq!(st.session.zone.stakes.len(), 2);
    assert_eq!(st.session.zone.steering, vec![id_of(&st, "Claire")]);
    let screen = render(&st);
    assert!(screen.contains("Enjeux du comité de pilotage"), "{screen}");
    assert!(screen.contains("• Réduire le coût des déchets"), "{screen}");
    assert!(screen.contains("Claire Martin"), "{screen}");

    // Tour de table: one step a person, the next one named; `a` notes the speaker's card.
    tick(&mut st, at("09:00:00"));
    press(&mut st, "<PgDn>");
    let first = st.session.speakers()[0].clone();
    let second = st.session.speakers()[1].clone();
    let screen = render(&st);
    assert!(
        screen.contains(&format!("Tour de table · 1/{speakers}")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Suivant\u{a0}: {}", second.name)),
        "{screen}"
    );
    press(&mut st, "aParking saturé le matin<Enter>");
    press(&mut st, "<Space>");
    tick(&mut st, at("09:01:10"));
    let timer = st.open_rencontre().map(|r| r.timer.clone()).expect("timer");
    assert_eq!(timer.planned_secs, 60, "a minute a person");
    assert_eq!(timer.remaining_secs(at("09:01:10")), -10, "running over");
    for _ in 0..speakers {
        press(&mut st, "<PgDn>");
    }
    assert_eq!(st.open_rencontre().map(|r| r.phase), Some(Step::Census));
    // `c`: the step's planned minutes; the running step's timer takes them.
    press(&mut st, "c<C-u>45<Enter>");
    let rc = st.open_rencontre().expect("rencontre");
    assert_eq!(rc.agenda.census, 45);
    assert_eq!(rc.timer.planned_secs, 45 * 60);
    press(&mut st, "c<C-u>0<Enter>");
    assert!(
        render(&st).contains("Entre 1 et 600 minutes."),
        "refused in the field"
    );
    press(&mut st, "<Esc>");

    // Recensement: a card takes its column's kind, `k` and a digit change it; `w` says who
    // the next cards are from; Tab after a card's quantity, who raised that card; `f` and a
    // digit its flow.
    let r = || 1u32;
    press(
        &mut st,
        "<Right>aPalettes bois<Tab>12 t/an<Tab>karim<Enter>f1",
    );
    press(
        &mut st,
        "<Left>wclaire<Enter>aEmballages carton et bois<Enter>f1",
    );
    press(&mut st, "aQui entretient la voirie<Enter>k4");
    press(&mut st, "aÉclairage public en panne<Enter>k5");
    let rc = st.session.rencontre(r()).expect("rencontre").clone();
    assert_eq!(rc.cards.len(), 5);
    let pallets = rc
        .cards
        .iter()
        .find(|c| c.text == "Palettes bois")
        .expect("card");
    assert_eq!(pallets.kind, CardKind::Offer);
    assert_eq!(pallets.flow, Some(Flow::Materials));
    assert_eq!(pallets.quantity.as_ref().map(|q| q.amount), Some(12.0));
    assert_eq!(pallets.author, Some(id_of(&st, "Karim")));
    assert_eq!(rc.cards[0].author, Some(first.id));
    assert!(
        rc.cards[2..]
            .iter()
            .all(|c| c.author == Some(id_of(&st, "Claire")))
    );
    assert_eq!(
        rc.cards.iter().map(|c| c.kind).collect::<Vec<_>>(),
        vec![
            CardKind::Need,
            CardKind::Offer,
            CardKind::Need,
            CardKind::Question,
            CardKind::OutOfScope
        ]
    );
    let screen = render(&st);
    assert!(screen.contains("5 cartes"), "{screen}");
    assert!(screen.contains("1 piste de synergie"), "{screen}");

    // Regroupement: a theme from a card, another, digits sort the rest.
    press(&mut st, "<PgDn>");
    assert_eq!(st.mode(), Mode::Grouping);
    // The cursor stays on the cards to sort: `2` puts the packaging need in Déchets.
    press(&mut st, "t<C-u>Mobilité<Enter>");
    press(&mut st, "t<C-u>Déchets<Enter>");
    press(&mut st, "2");
    press(&mut st, "y");
    let rc = st.session.rencontre(r()).expect("rencontre").clone();
    assert_eq!(rc.themes.len(), 2);
    let in_dechets: Vec<&str> = rc
        .cards_in(Some(rc.themes[1].id))
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        in_dechets,
        vec!["Palettes bois", "Emballages carton et bois"]
    );
    assert_eq!(
        rc.synergies.len(),
        1,
        "the pallets → packaging lead accepted"
    );

    // Vote: theme number, then the person's number or first letters; hidden until `v`.
    press(&mut st, "<PgDn>");
    // The entry stays on the theme: the rest of a name already matched is not a new query.
    press(&mut st, "2claire");
    assert_eq!(st.session.rencontre(r()).map(|r| r.dots.len()), Some(1));
    press(&mut st, "claire");
    press(&mut st, "claire");
    let screen = render(&st);
    assert!(
        screen.contains("a déjà 2 gommettes sur ce thème"),
        "{screen}"
    );
    press(&mut st, "<Esc>1claire<Esc>1");
    let karim = st
        .session
        .speakers()
        .iter()
        .position(|p| p.name.starts_with("Karim"))
        .expect("Karim")
        + 1;
    press(&mut st, &format!("{karim}<Enter>"));
    let rc = st.session.rencontre(r()).expect("rencontre").clone();
    assert_eq!(rc.dots.len(), 4);
    assert!(render(&st).contains("résultats masqués"));
    assert!(!render(&st).contains("ex æquo"));
    press(&mut st, "<Esc>v");
    let screen = render(&st);
    assert!(screen.contains("ex æquo"), "two dots each: {screen}");
    press(&mut st, "u");
    assert_eq!(st.session.rencontre(r()).map(|r| r.revealed), Some(false));
    press(&mut st, "<C-r>");

    // Questions et suites: the answer; the problem's owner and due date, then in Suivi.
    press(&mut st, "<PgDn>");
    press(&mut st, "<Enter>La communauté de communes<Enter>");
    press(
        &mut st,
        "<Down><Enter>CC du Val (services techniques)<Tab>fin mars 2027<Enter>",
    );
    let rc = st.session.rencontre(r()).expect("rencontre").clone();
    let q = rc.cards_of(CardKind::Question).next().expect("question");
    assert_eq!(q.answer, "La communauté de communes");
    let outside = rc.cards_of(CardKind::OutOfScope).next().expect("problem");
    let line = outside.follow.as_ref().expect("followed");
    assert_eq!(line.owners.len(), 1);
    assert!(line.due.deadline().is_some());

    // Clôture: both themes retained by default; `l` hands off to workshop 1.
    press(&mut st, "<PgDn>");
    assert_eq!(st.mode(), Mode::Closing);
    press(&mut st, "l");
    assert!(st.rencontre.is_none());
    assert_eq!(st.screen(), Screen::Preparation);
    let titles: Vec<&str> = st.session.themes.iter().map(|t| t.title.as_str()).collect();
    // A tie keeps the order the themes were made in.
    assert_eq!(titles, vec!["Mobilité", "Déchets"]);
    assert_eq!(st.session.groups.len(), 2);
    let dechets = st.session.themes[1].clone();
    assert!(
        dechets.constat.contains("Palettes bois"),
        "{}",
        dechets.constat
    );
    assert!(
        st.session
            .needs
            .iter()
            .any(|n| n.text.starts_with("Emballages carton") && n.theme == Some(dechets.id))
    );
    let claire = st
        .session
        .participant(id_of(&st, "Claire"))
        .expect("Claire");
    assert_eq!(
        claire.choices.first(),
        Some(&dechets.id),
        "two dots on Déchets first"
    );
    // The problem « hors atelier » is followed with the groups' actions.
    press(&mut st, "f");
    let screen = render(&st);
    assert!(screen.contains("hors atelier"), "{screen}");
    press(&mut st, "<Esc>");

    // Undo takes the hand-off back whole.
    press(&mut st, "u");
    assert!(st.session.themes.is_empty());
    assert!(st.session.rencontre(r()).is_some_and(|r| !r.handed_off));
    press(&mut st, "<C-r>");

    // Saved and read back: the rencontre is in the file, one card a line.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rencontre.ron");
    store::save(&path, &st.session).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("rencontres:"));
    // One card a line, readable in a text editor.
    for card in &st.session.rencontres[0].cards {
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(&format!("text: \"{}\"", card.text)))
            .collect();
        assert_eq!(lines.len(), 1, "{}", card.text);
        assert!(lines[0].trim_start().starts_with("(id: "), "{}", lines[0]);
    }
    let back = store::load(&path).expect("load");
    assert_eq!(back.rencontres, st.session.rencontres);
}

#[test]
fn a_rapporteur_never_lands_on_the_rencontre() {
    let mut s = example();
    // A second rencontre under way, after the workshops' groups exist.
    let op = s.add_rencontre_op().expect("a second one");
    s.apply(op).expect("added");
    let mut st = state(s, at("10:00:00"));
    assert!(st.rencontre.is_some(), "the facilitator opens on it");
    let theme = st.session.themes[0].id;
    atelier::app::update(
        &mut st,
        atelier::app::Action::SetSeat {
            who: "groupe 1".into(),
            scope: Some(theme),
            assistant: false,
        },
    );
    assert!(st.rencontre.is_none());
    assert_eq!(st.screen(), Screen::Poster);
    press(&mut st, "i");
    assert!(st.rencontre.is_none(), "i is the facilitator's");
}
