//! Workshop 1 closed, workshop 2 started with some of the themes: posters continue, and
//! what is new or changed since workshop 1 is marked.

mod common;

use atelier::app::{Action, update};
use atelier::domain::{LineChange, Phase, Status};
use common::{at, example, press, render, state};

#[test]
fn close_then_start_workshop_two_with_a_subset_of_themes() {
    let mut session = example();
    session.workshops[0].phase = Phase::Commitments;
    // Group 3 (photovoltaïque) finished its plan: it should not be proposed by default.
    for l in &mut session.groups[2].poster.lines {
        l.status = Status::Done;
    }
    let mut st = state(session, at("11:30:00"));
    press(&mut st, "<PgDn>");
    assert_eq!(st.session.workshops[0].phase, Phase::Closed);
    // Once the closing warnings have faded, the footer offers the next workshop.
    common::tick(&mut st, at("11:31:00"));
    assert!(
        render(&st).contains("N démarrer l'atelier suivant"),
        "{}",
        render(&st)
    );

    // The dialog proposes the unfinished themes: 1, 2 and 4 ticked, 3 not.
    press(&mut st, "N");
    let d = st.next_workshop.clone().expect("dialog open");
    assert_eq!(d.choices, vec![(1, true), (2, true), (3, false), (4, true)]);
    assert!(render(&st).contains("Démarrer l'atelier 2"));
    // Untick theme 4, then start.
    press(&mut st, "<Down><Down><Down><Enter><Down><Enter>");
    assert!(st.next_workshop.is_none());
    assert_eq!(st.session.workshops.len(), 2);
    let w2 = &st.session.workshops[1];
    assert_eq!(w2.number, 2);
    assert_eq!(w2.phase, Phase::Preparation);
    assert_eq!(w2.themes, Some(vec![1, 2]));
    // Workshop 2's steps present and restitute only the continuing themes.
    let steps = st.session.steps(w2);
    assert_eq!(
        steps
            .iter()
            .filter(|p| matches!(p, Phase::Presentation { .. }))
            .count(),
        2
    );
    // Posters, rapporteurs and groups are carried over untouched.
    let before = example();
    assert_eq!(
        st.session.group(1).unwrap().poster,
        before.group(1).unwrap().poster
    );
    assert_eq!(
        st.session.group(2).unwrap().rapporteur,
        before.group(2).unwrap().rapporteur
    );

    // Run to round 1 of workshop 2 and edit group 1: a new line, a changed line.
    for _ in 0..3 {
        press(&mut st, "<PgDn>");
    }
    assert_eq!(st.session.workshops[1].phase, Phase::Groups { round: 1 });
    let screen = render(&st);
    assert!(screen.contains("Atelier 2"), "{screen}");
    assert!(
        !screen.contains("Gestion des déchets"),
        "only the continuing groups:\n{screen}"
    );
    press(&mut st, "1<Enter>");
    press(&mut st, "<Down>s"); // line 2's status moves on: changed
    press(&mut st, "aBornes de recharge<Enter>"); // new
    let g1 = st.session.group(1).unwrap();
    let new = g1
        .poster
        .lines
        .iter()
        .find(|l| l.solution == "Bornes de recharge")
        .unwrap();
    assert_eq!(new.workshop, 2);
    assert_eq!(st.session.line_change(new), LineChange::New);
    let changed = g1.poster.lines.iter().find(|l| l.id == 2).unwrap();
    assert_eq!(st.session.line_change(changed), LineChange::Changed);
    let same = g1.poster.lines.iter().find(|l| l.id == 1).unwrap();
    assert_eq!(st.session.line_change(same), LineChange::Same);
    let screen = render(&st);
    assert!(screen.contains("● Bornes de recharge"), "{screen}");
    assert!(screen.contains("◆ Convention"), "{screen}");
    assert!(screen.contains("depuis l'atelier 1"), "{screen}");

    // Undo takes the change back, and the mark goes with it.
    press(&mut st, "u");
    press(&mut st, "u");
    press(&mut st, "u");
    let g1 = st.session.group(1).unwrap();
    let line2 = g1.poster.lines.iter().find(|l| l.id == 2).unwrap();
    assert_eq!(st.session.line_change(line2), LineChange::Same);

    // The file keeps both workshops and reads back.
    let text = atelier::store::to_text(&st.session).unwrap();
    let back = atelier::store::parse(&text, std::path::Path::new("x.ron")).unwrap();
    assert_eq!(back, st.session);
}

#[test]
fn follow_up_lists_filters_and_changes_status() {
    let mut st = state(example(), at("10:00:00"));
    // "Today" is after several deadlines.
    update(
        &mut st,
        Action::Tick(chrono::DateTime::parse_from_rfc3339("2027-03-10T09:00:00+01:00").unwrap()),
    );
    press(&mut st, "f");
    let screen = render(&st);
    assert!(screen.contains("Suivi"), "{screen}");
    // The 11 poster lines and the 2 problems « hors atelier » of the rencontre.
    assert!(screen.contains("13 lignes"), "{screen}");
    // Filter: overdue only (January and February deadlines).
    press(&mut st, "x");
    let screen = render(&st);
    assert!(screen.contains("en retard"), "{screen}");
    let f = st.followup.clone().unwrap();
    let rows = atelier::app::followup::rows(&st.session, &f, st.now.date_naive());
    // Three poster lines, and the road repair raised « hors atelier » at the rencontre.
    assert_eq!(rows.len(), 4, "{screen}");
    assert!(rows[0].outside, "{screen}");
    // Mark the first one done (in progress → done): it leaves the overdue list, its status
    // changed on the rencontre's card.
    press(&mut st, "s");
    let rows = atelier::app::followup::rows(&st.session, &f, st.now.date_naive());
    assert_eq!(rows.len(), 3);
    assert_eq!(
        st.session
            .outside_lines()
            .filter(|(_, l)| l.status == atelier::domain::Status::Done)
            .count(),
        1
    );
    // Groups view: a follow-up meeting for group 1, and the annual plenary.
    press(
        &mut st,
        "<Tab><Tab>a20/03/2027 14h Point d'étape avec la commune<Enter>",
    );
    let g1 = st.session.group(1).unwrap();
    assert_eq!(g1.meetings.len(), 1);
    assert_eq!(g1.meetings[0].date.to_input(), "20/03/2027 14:00");
    let screen = render(&st);
    assert!(
        screen.contains("20 mars 2027, 14\u{a0}h – 15\u{a0}h — Point d'étape"),
        "{screen}"
    );
    assert_eq!(g1.meetings[0].note, "Point d'étape avec la commune");
    press(
        &mut st,
        "<Down><Down><Down><Down><Enter><C-u>20/11/2027 9h30 3h<Enter>",
    );
    assert_eq!(
        st.session.annual_plenary.map(|w| w.to_input()),
        Some("20/11/2027 09:30 3h".to_string())
    );
    // Timeline and chart render with today marked.
    press(&mut st, "<Tab>");
    assert!(render(&st).contains("aujourd'hui"));
    press(&mut st, "<Tab>");
    assert!(render(&st).contains("prévu"));
    press(&mut st, "<Esc>");
    assert!(st.followup.is_none());
}

#[test]
fn workshop_two_closes_asking_for_workshop_three_without_past_meetings() {
    let mut session = example();
    session.workshops[0].phase = Phase::Closed;
    // Set at workshop 1, for a date now past.
    session.groups[0].next_meeting =
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).map(atelier::domain::When::day);
    let mut st = state(session, at("11:30:00"));
    press(&mut st, "N<Down><Down><Down><Down><Enter>");
    assert_eq!(st.session.workshops.len(), 2);
    let t = st
        .session
        .goto_step(Phase::Closed, at("11:40:00"))
        .expect("step");
    if let Some(op) = t.op {
        st.session.apply(op).expect("apply");
    }
    let screen = render(&st);
    assert!(screen.contains("Atelier 3 nécessaire"), "{screen}");
    assert!(!screen.contains("Deuxième atelier"), "{screen}");
    assert!(!screen.contains("20 novembre 2026"), "{screen}");
}

#[test]
fn the_calendar_ticks_are_whole_months_apart_at_80_columns() {
    const MONTHS: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    let mut st = state(example(), at("11:30:00"));
    st.size = (80, 24);
    press(&mut st, "f<Tab><Tab><Tab>");
    let screen = render(&st);
    let ticks = screen
        .lines()
        .find(|l| MONTHS.iter().any(|m| l.contains(m)))
        .unwrap_or_else(|| panic!("no month on the calendar:\n{screen}"));
    let inside = ticks.trim_matches(|c: char| c == '│' || c == '┃' || c.is_whitespace());
    for token in inside.split_whitespace() {
        let year = token.len() == 4 && token.chars().all(|c| c.is_ascii_digit());
        assert!(
            MONTHS.contains(&token) || year,
            "« {token} » is not a month: {ticks}\n{screen}"
        );
    }
}

/// The year changes in January: its tick is never the one left out for lack of room (the
/// example's calendar runs from December 2026, and « janv. 2027 » used to be skipped at 80
/// columns), at every size; the first month is named too (alone when its year has no room).
#[test]
fn the_calendar_names_january_with_its_year_at_every_size() {
    for (w, h) in [(80, 24), (120, 36), (200, 60)] {
        let mut st = state(example(), at("11:30:00"));
        st.size = (w, h);
        press(&mut st, "f<Tab><Tab><Tab>");
        let screen = render(&st);
        // The line under the calendar's title.
        let ticks = screen
            .lines()
            .skip_while(|l| !l.contains("╭ Calendrier"))
            .nth(1)
            .unwrap_or_else(|| panic!("no calendar:\n{screen}"));
        assert!(ticks.contains("janv. 2027"), "{w}x{h}: {ticks}\n{screen}");
        assert!(ticks.contains("déc."), "{w}x{h}: {ticks}\n{screen}");
    }
}
