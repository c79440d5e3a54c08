//! A whole workshop run with the keyboard alone, in process: from Préparation through two
//! rounds, a rotation, the restitution and the commitments to Clos; then the saved file.

mod common;

use atelier::domain::{Due, Phase, Status};
use atelier::store;
use common::{at, example, press, render, state, tick};

#[test]
fn a_whole_workshop_from_preparation_to_clos() {
    let mut session = example();
    // Start the example over: Préparation, no log, no tables.
    let w = &mut session.workshops[0];
    w.phase = Phase::Preparation;
    w.log.clear();
    w.rounds.clear();
    w.timer = Default::default();
    let mut st = state(session, at("08:55:00"));

    // Préparation › Déroulé: two rounds, 20 minutes each.
    press(&mut st, "<Tab><Tab><Tab>");
    assert!(render(&st).contains("Nombre de tours"), "{}", render(&st));
    press(&mut st, "<Down><Down><Enter>");
    press(&mut st, "<Bs>2<Enter>");
    press(&mut st, "<Down><Down><Enter><Bs><Bs>20<Enter>");
    assert_eq!(st.session.workshops[0].round_count, 2);
    assert_eq!(st.session.workshops[0].agenda.groups, 20);
    // Préparation › Tours: the first person not seated goes to group 3, the next to group 1.
    press(&mut st, "<Tab>");
    assert!(render(&st).contains("Non placés"));
    press(&mut st, "<Right><Right><Right><Right>");
    let free = atelier::app::update::table_columns(&st, 1)[4].1.clone();
    press(&mut st, "3");
    press(&mut st, "1");
    assert_eq!(st.session.workshops[0].members(1, 3), &[free[0]]);
    assert_eq!(st.session.workshops[0].members(1, 1), &[free[1]]);

    // Presentation of the 4 themes, started on time.
    tick(&mut st, at("09:00:00"));
    press(&mut st, "<PgDn>");
    assert!(render(&st).contains("Thème 1 sur 4"), "{}", render(&st));
    press(&mut st, "<Space>");
    for (i, t) in ["09:05:00", "09:10:00", "09:15:00"].iter().enumerate() {
        tick(&mut st, at(t));
        press(&mut st, "n");
        assert!(render(&st).contains(&format!("Thème {} sur 4", i + 2)));
    }
    tick(&mut st, at("09:20:00"));
    press(&mut st, "<PgDn>");
    assert_eq!(st.session.workshops[0].phase, Phase::Groups { round: 1 });

    // Round 1: group 1 types a whole line with accents, cell by cell.
    press(&mut st, "1<Enter>");
    assert!(render(&st).contains("Plan d'actions"));
    press(&mut st, "a");
    press(
        &mut st,
        "Covoiturage été<Tab>Plateforme commune à l'échelle de la zone<Tab>CC (pilote), SARL Dupont<Tab>mars 2027<Enter>",
    );
    press(&mut st, "r« Il manque un local vélo »<Enter>");
    press(&mut st, "<Esc>");
    // Group 2: a line, then its status moved on with `s`.
    press(&mut st, "2<Enter>aNavette gare<Enter>ss<Esc>");
    tick(&mut st, at("09:41:00"));

    // Rotation to round 2: Karim Benali (6) goes to group 4 with `4`.
    press(&mut st, "<PgDn>");
    assert!(
        render(&st).contains("Rotation vers le tour 2"),
        "{}",
        render(&st)
    );
    let karim_col = atelier::app::update::table_columns(&st, 2)
        .iter()
        .position(|(_, m)| m.contains(&6))
        .expect("Karim is in a column");
    st.tables.column = karim_col;
    st.tables.row = atelier::app::update::table_columns(&st, 2)[karim_col]
        .1
        .iter()
        .position(|&p| p == 6)
        .unwrap_or(0);
    press(&mut st, "4");
    assert!(st.session.workshops[0].members(2, 4).contains(&6));
    tick(&mut st, at("09:46:00"));
    press(&mut st, "<PgDn>");
    assert_eq!(st.session.workshops[0].phase, Phase::Groups { round: 2 });
    press(&mut st, "3<Enter>aŒuvre commune : 日本 ✓<Enter><Esc>");
    tick(&mut st, at("10:06:00"));

    // Restitution of the 4 groups; notes on the first.
    press(&mut st, "<PgDn>");
    assert_eq!(
        st.session.workshops[0].phase,
        Phase::Restitution { group: 1 }
    );
    press(
        &mut st,
        "<Tab><Enter>Accord pour une réunion en janvier<Enter>",
    );
    for t in ["10:13:00", "10:20:00", "10:27:00", "10:34:00"] {
        tick(&mut st, at(t));
        press(&mut st, "<PgDn>");
    }
    assert_eq!(st.session.workshops[0].phase, Phase::Commitments);

    // Engagements: group 1 gets its first two participants, a pilot and a next meeting.
    press(&mut st, "1<Enter><Down><Enter>");
    let people = st.session.participants.len();
    for _ in 0..people {
        press(&mut st, "<Down>");
    }
    // Below the participants: pilot kind, name, contact, next steps, next meeting.
    press(&mut st, "<Up><Enter>");
    press(
        &mut st,
        "<Down><Down><Down><Enter>Réunion de lancement<Enter>",
    );
    press(&mut st, "<Down><Enter>15/01/2027 14h<Enter>");
    press(&mut st, "w");
    tick(&mut st, at("10:50:00"));
    press(&mut st, "<PgDn>");
    assert_eq!(st.session.workshops[0].phase, Phase::Closed);
    let screen = render(&st);
    assert!(screen.contains("Atelier 1 clos"), "{screen}");

    // Saved and read back as the app does.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atelier.ron");
    store::save(&path, &st.session).unwrap();
    let s = store::load(&path).unwrap();
    let g1 = s.group(1).unwrap();
    let line = g1
        .poster
        .lines
        .iter()
        .find(|l| l.solution == "Covoiturage été")
        .expect("typed line saved");
    assert_eq!(line.action, "Plateforme commune à l'échelle de la zone");
    assert_eq!(line.owners.len(), 2);
    assert_eq!(line.owners[0].who, "CC");
    assert_eq!(line.owners[0].role, "pilote");
    assert_eq!(line.due, Due::Month(2027, 3));
    assert_eq!(line.workshop, 1);
    assert!(
        g1.poster
            .reactions
            .iter()
            .any(|r| r.text == "« Il manque un local vélo »")
    );
    assert_eq!(g1.notes, "Accord pour une réunion en janvier");
    assert_eq!(g1.enrolled, vec![1, 2]);
    assert!(g1.pilot.is_some());
    assert_eq!(g1.next_steps, "Réunion de lancement");
    assert_eq!(
        g1.next_meeting.map(|w| w.to_input()),
        Some("15/01/2027 14:00".to_string())
    );
    let g2 = s.group(2).unwrap();
    let navette = g2
        .poster
        .lines
        .iter()
        .find(|l| l.solution == "Navette gare")
        .unwrap();
    assert_eq!(navette.status, Status::Done);
    assert!(
        s.group(3)
            .unwrap()
            .poster
            .lines
            .iter()
            .any(|l| l.solution == "Œuvre commune : 日本 ✓")
    );
    let w = &s.workshops[0];
    assert_eq!(w.another_workshop, Some(true));
    // The phase log holds every step, in order, with the fake clock's times.
    let phases: Vec<Phase> = w.log.iter().map(|e| e.phase).collect();
    assert_eq!(phases, s.steps(w)[1..].to_vec());
    assert_eq!(w.log[0].at, at("09:00:00"));
    assert_eq!(w.log.last().map(|e| e.at), Some(at("10:50:00")));
    // The timer was started once and kept running through the steps.
    assert!(w.timer.is_running());
}

#[test]
fn undo_and_redo_from_the_keyboard() {
    let mut st = state(example(), at("10:00:00"));
    press(&mut st, "1<Enter>aPremier jet<Enter>");
    let count = st.session.group(1).unwrap().poster.lines.len();
    press(&mut st, "u");
    assert_eq!(
        st.session.group(1).unwrap().poster.lines.len(),
        count,
        "undo of the text keeps the line"
    );
    assert!(
        !st.session
            .group(1)
            .unwrap()
            .poster
            .lines
            .iter()
            .any(|l| l.solution == "Premier jet")
    );
    press(&mut st, "u");
    assert_eq!(st.session.group(1).unwrap().poster.lines.len(), count - 1);
    press(&mut st, "<C-r><C-r>");
    assert!(
        st.session
            .group(1)
            .unwrap()
            .poster
            .lines
            .iter()
            .any(|l| l.solution == "Premier jet")
    );
    // Delete then undo restores the line at its place.
    let before = st.session.clone();
    press(&mut st, "<Up>d");
    assert_ne!(st.session, before);
    press(&mut st, "u");
    assert_eq!(st.session, before);
}

#[test]
fn a_paste_with_newlines_stays_in_the_cell() {
    let mut st = state(example(), at("10:00:00"));
    let phase = st.session.workshops[0].phase;
    press(&mut st, "1<Enter>a");
    atelier::app::update(
        &mut st,
        atelier::app::Action::Paste("ligne un\nligne deux\r\nn\n".into()),
    );
    press(&mut st, "<Enter>");
    assert_eq!(st.session.workshops[0].phase, phase, "no step moved");
    assert!(
        st.session
            .group(1)
            .unwrap()
            .poster
            .lines
            .iter()
            .any(|l| l.solution == "ligne un ligne deux n")
    );
}

#[test]
fn the_timer_rings_once_and_never_moves_the_step() {
    let mut st = state(example(), at("10:00:00"));
    // The example's round 2 started at 09:57 for 25 minutes: zero at 10:22.
    let phase = st.session.workshops[0].phase;
    let rings: Vec<_> = ["10:21:59", "10:22:00", "10:22:01", "10:30:00"]
        .iter()
        .map(|t| atelier::app::update(&mut st, atelier::app::Action::Tick(at(t))))
        .collect();
    use atelier::app::Effect::{Bell, None};
    assert_eq!(rings, vec![None, Bell, None, None]);
    assert_eq!(st.session.workshops[0].phase, phase);
    assert!(render(&st).contains("dépassement"));
    // One more minute: back under zero, and it may ring again at the new zero.
    press(&mut st, "+++++++++");
    assert!(render(&st).contains("restant"));
}

#[test]
fn the_example_opened_days_later_shows_a_stopped_timer_not_an_alarm() {
    // Round 2 of the example started on 3 December at 09:57 and its timer was left running;
    // a newcomer opens it three days later.
    let days_later = |hms: &str| {
        chrono::DateTime::parse_from_rfc3339(&format!("2026-12-06T{hms}+01:00")).expect("time")
    };
    let mut st = state(example(), days_later("06:07:00"));
    let before = st.session.workshops[0].timer.clone();
    let screen = render(&st);
    assert!(!screen.contains("retard"), "{screen}");
    assert!(!screen.contains("dépassement"), "{screen}");
    assert!(screen.contains("arrêté (Espace)"), "{screen}");
    assert!(screen.contains("lancé le 3 déc. 2026"), "{screen}");
    let rings = atelier::app::update(&mut st, atelier::app::Action::Tick(days_later("06:07:01")));
    assert_eq!(rings, atelier::app::Effect::None);
    // Nothing written for having looked.
    assert_eq!(st.session.workshops[0].timer, before);
    assert!(st.pending.is_empty());
    // Space starts the step afresh: its 25 minutes, counting down.
    press(&mut st, "<Space>");
    tick(&mut st, days_later("06:08:01"));
    let screen = render(&st);
    assert!(screen.contains("restant"), "{screen}");
    assert!(!screen.contains("arrêté"), "{screen}");
    let timer = &st.session.workshops[0].timer;
    assert_eq!(timer.remaining_secs(days_later("06:08:01")), 24 * 60);
}

#[test]
fn a_text_lost_to_a_concurrent_edit_is_visible_and_restorable() {
    use atelier::domain::poster::{CellName, Overwritten};
    let mut session = example();
    let line = &mut session.groups[0].poster.lines[0];
    line.action = "version de Marc".into();
    line.history.push(Overwritten {
        field: CellName::Action,
        text: "version de Léa".into(),
        replaced_by: "groupe 1 · Marc".into(),
        at: at("10:01:00"),
    });
    let id = line.id;
    let mut st = state(session, at("10:02:00"));
    press(&mut st, "1<Enter>");
    assert!(render(&st).contains("⟲"), "{}", render(&st));
    press(&mut st, "h");
    let screen = render(&st);
    assert!(screen.contains("«\u{a0}version de Léa\u{a0}»"), "{screen}");
    assert!(screen.contains("groupe 1 · Marc"), "{screen}");
    press(&mut st, "<Enter>");
    let l = st.session.group(1).unwrap().poster.line(id).unwrap();
    assert_eq!(l.action, "version de Léa");
    // And undo brings the other version back.
    press(&mut st, "u");
    let l = st.session.group(1).unwrap().poster.line(id).unwrap();
    assert_eq!(l.action, "version de Marc");
}

#[test]
fn two_people_swap_places_in_one_undo_step() {
    let mut session = example();
    let t = session
        .goto_step(
            atelier::domain::Phase::Rotation { to_round: 2 },
            at("10:00:00"),
        )
        .unwrap();
    session.apply(t.op.unwrap()).unwrap();
    let mut st = state(session, at("10:00:00"));
    let members =
        |st: &atelier::app::State, theme| st.session.workshops[0].members(2, theme).to_vec();
    let (g1, g2) = (members(&st, 1), members(&st, 2));
    assert_eq!(
        (g1.clone(), g2.clone()),
        (vec![8, 13, 5], vec![3, 6, 11, 1])
    );
    // x on the first person of group 1 (its rapporteur stays apart), then on the first of
    // group 2.
    press(&mut st, "x");
    let screen = render(&st);
    assert!(screen.contains("⇄ "), "{screen}");
    press(&mut st, "<Right>x");
    assert_eq!(members(&st, 1), vec![8, 6, 5]);
    assert_eq!(members(&st, 2), vec![3, 13, 11, 1]);
    assert!(!render(&st).contains("⇄ "), "the pick is put down");
    // One undo puts both back.
    press(&mut st, "u");
    assert_eq!((members(&st, 1), members(&st, 2)), (g1, g2));
    // Esc puts a pick down without swapping.
    press(&mut st, "x<Esc><Right>x");
    assert_eq!(members(&st, 1), vec![8, 13, 5]);
    assert!(st.tables.picked.is_some(), "the second x is a new pick");
}

#[test]
fn proposing_a_rotation_mid_workshop_keeps_the_rounds_played() {
    // The example is in round 2 of 3: rounds 1 and 2 have been (or are being) played.
    let mut st = state(example(), at("10:00:00"));
    let before = st.session.workshops[0].rounds.clone();
    let played: Vec<_> = before.iter().filter(|r| r.number <= 2).cloned().collect();
    press(&mut st, "R");
    let after = &st.session.workshops[0];
    let kept: Vec<_> = after
        .rounds
        .iter()
        .filter(|r| r.number <= 2)
        .cloned()
        .collect();
    assert_eq!(kept, played, "played tables untouched");
    let round3 = after.round(3).expect("round 3 planned");
    assert!(!round3.tables.is_empty());
    // Nobody but a rapporteur goes back to a group they sat at in rounds 1 or 2 (4 groups,
    // 3 rounds: always possible).
    let rapporteurs: Vec<u32> = st
        .session
        .groups
        .iter()
        .filter_map(|g| g.rapporteur)
        .collect();
    for t in &round3.tables {
        for p in &t.members {
            if rapporteurs.contains(p) {
                continue;
            }
            let visited = (1..=2).any(|r| after.members(r, t.theme).contains(p));
            assert!(!visited, "{p} back at group {}", t.theme);
        }
    }
    let said = st
        .flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default();
    assert!(said.contains("tours 1 à 2 gardés"), "{said}");
    // The live line above the tables weighs the repeats against the fewest possible.
    let (line, broken) = atelier::screens::rotation::view::metrics_line(&st).expect("groups");
    assert!(!broken, "{line}");
    let inst =
        atelier::domain::rotation::Instance::from_session(&st.session, after, 3).present_at(after);
    let bound = atelier::domain::rotation::repeat_lower_bound(&inst);
    assert!(
        line.contains(&format!(
            "(minimum\u{a0}: {bound}\u{a0}; R\u{a0}: proposer)"
        )),
        "{line}"
    );
    // One undo takes the proposal back.
    press(&mut st, "u");
    assert_eq!(st.session.workshops[0].rounds, before);
}

#[test]
fn the_rotation_screen_says_where_each_person_comes_from() {
    let mut s = common::example();
    let t = s
        .goto_step(Phase::Rotation { to_round: 3 }, at("10:30:00"))
        .expect("step");
    if let Some(op) = t.op {
        s.apply(op).expect("apply");
    }
    let mut st = state(s, at("10:30:00"));
    st.size = (120, 35);
    // Claire Martin's table in round 2, by its number on screen.
    let w = st.session.workshops[0].clone();
    let claire = st
        .session
        .participants
        .iter()
        .find(|p| p.name == "Claire Martin")
        .map(|p| p.id)
        .expect("Claire");
    let from = st
        .session
        .groups_in(&w)
        .iter()
        .position(|(t, _)| w.members(2, t.id).contains(&claire))
        .map(|i| i + 1)
        .expect("seated in round 2");
    let screen = render(&st);
    assert!(
        screen.contains(&format!("{from} → Claire Martin")),
        "{screen}"
    );
}
