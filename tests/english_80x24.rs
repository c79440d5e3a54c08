//! Every screen in English at 80×24, the smallest size atelier supports: a snapshot of each
//! (the text only; colours are covered by `snapshots.rs`), and checks that labels and the help
//! stay whole. This binary sets the English UI only: the language is process-wide.

mod common;

use std::path::{Path, PathBuf};

use atelier::app::{Action, PrepTab, State, keymap, update};
use atelier::domain::{Phase, Session, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn now() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-12-03T10:05:00+01:00").unwrap()
}

fn example() -> Session {
    atelier::store::parse(include_str!("../sessions/exemple-za.ron"), Path::new("x"))
        .expect("the example session parses")
}

fn state_at(phase: Phase) -> State {
    atelier::text::Lang::En.set();
    let mut session = example();
    session.workshops[0].phase = phase;
    let mut state = State::new(session, PathBuf::from("exemple-za.ron"), now());
    state.sync_after_step();
    state.size = (80, 24);
    state
}

fn screen_text(state: &State) -> String {
    let mut buf = Buffer::empty(Rect::new(0, 0, 80, 24));
    atelier::ui::render(state, buf.area, &mut buf);
    common::screen_text(&buf)
}

fn go_to_tab(state: &mut State, tab: PrepTab) {
    for _ in 0..PrepTab::ALL.len() {
        if state.prep.tab == tab {
            return;
        }
        update(state, Action::NextTab);
    }
    assert_eq!(state.prep.tab, tab);
}

/// The screens, each as the example at a step then what a user presses to reach it.
fn screens() -> Vec<(&'static str, Phase, Vec<Action>)> {
    use Action as A;
    let groups = Phase::Groups { round: 2 };
    vec![
        ("preparation_themes", Phase::Preparation, vec![]),
        ("preparation_zone", Phase::Preparation, vec![]),
        ("preparation_profile", Phase::Preparation, vec![]),
        (
            "preparation_invitations",
            Phase::Preparation,
            vec![Action::Down],
        ),
        ("preparation_participants", Phase::Preparation, vec![]),
        ("preparation_needs", Phase::Preparation, vec![]),
        ("preparation_agenda", Phase::Preparation, vec![]),
        ("preparation_tables", Phase::Preparation, vec![]),
        ("presentation", Phase::Presentation { theme: 2 }, vec![]),
        ("groups", groups, vec![]),
        ("poster", groups, vec![A::Activate]),
        ("poster_editor", groups, vec![A::Activate, A::Add]),
        ("help", groups, vec![A::Help]),
        (
            "copies",
            groups,
            vec![A::CopiesFound(vec![
                "exemple-za.sync-conflict-20261207-101500-ABCDEFG.ron".into(),
            ])],
        ),
        ("rotation", Phase::Rotation { to_round: 3 }, vec![]),
        ("restitution", Phase::Restitution { group: 1 }, vec![]),
        ("commitments", Phase::Commitments, vec![]),
        ("closed", Phase::Closed, vec![]),
        ("followup_actions", Phase::Closed, vec![A::ToggleFollowUp]),
        (
            "followup_synergies",
            Phase::Closed,
            vec![A::ToggleFollowUp, A::NextTab],
        ),
        (
            "followup_groups",
            Phase::Closed,
            vec![A::ToggleFollowUp, A::NextTab, A::NextTab],
        ),
        (
            "followup_timeline",
            Phase::Closed,
            vec![A::ToggleFollowUp, A::NextTab, A::NextTab, A::NextTab],
        ),
        (
            "followup_chart",
            Phase::Closed,
            vec![
                A::ToggleFollowUp,
                A::NextTab,
                A::NextTab,
                A::NextTab,
                A::NextTab,
            ],
        ),
    ]
    .into_iter()
    .chain(rencontre_screens())
    .collect()
}

/// The example's rencontre (handed off, in its Clôture), opened with `i`, then so many steps
/// back: Questions, Vote, Regroupement, Recensement, the last introduction, the Diagnostic.
fn rencontre_screens() -> Vec<(&'static str, Phase, Vec<Action>)> {
    use Action as A;
    let back = |n: usize| {
        std::iter::once(A::ToggleRencontre)
            .chain(std::iter::repeat_n(A::PrevStep, n))
            .collect::<Vec<_>>()
    };
    let mut typing = back(2);
    typing.push(A::FocusGroup(2));
    typing.push(A::EditKey(atelier::app::Key::new(
        atelier::app::KeyCode::Char('m'),
        atelier::app::KeyModifiers::NONE,
    )));
    vec![
        ("rencontre_closing", Phase::Closed, back(0)),
        ("rencontre_questions", Phase::Closed, back(1)),
        ("rencontre_vote", Phase::Closed, back(2)),
        ("rencontre_vote_entry", Phase::Closed, typing),
        ("rencontre_grouping", Phase::Closed, back(3)),
        ("rencontre_census", Phase::Closed, back(4)),
        ("rencontre_introductions", Phase::Closed, back(5)),
        ("rencontre_diagnostic", Phase::Closed, back(40)),
        ("rencontre_diagnostic_open_data", Phase::Closed, back(40)),
        ("rencontre_introductions_open_data", Phase::Closed, back(5)),
        ("plenary_bilan", Phase::Closed, plenary(0)),
        ("plenary_review", Phase::Closed, plenary(1)),
        ("plenary_leads", Phase::Closed, {
            let mut v = plenary(2);
            v.extend([
                A::Add,
                A::Paste("Low-pressure steam at weekends".into()),
                A::EditCommit,
            ]);
            v
        }),
        ("plenary_next", Phase::Closed, plenary(3)),
    ]
}

/// The plenary opened from Suivi (its date as proposed), then `steps` PgDn.
fn plenary(steps: usize) -> Vec<Action> {
    use Action as A;
    [A::ToggleFollowUp, A::TogglePlenary, A::EditCommit]
        .into_iter()
        .chain(std::iter::repeat_n(A::NextStep, steps))
        .collect()
}

fn reach(name: &str, phase: Phase, actions: &[Action]) -> State {
    let mut st = state_at(phase);
    let tab = match name {
        "preparation_zone" | "preparation_profile" => Some(PrepTab::Zone),
        "preparation_invitations" => Some(PrepTab::Invitations),
        "preparation_participants" => Some(PrepTab::Participants),
        "preparation_needs" => Some(PrepTab::Needs),
        "preparation_agenda" => Some(PrepTab::Agenda),
        "preparation_tables" => Some(PrepTab::Tables),
        _ => None,
    };
    if matches!(
        name,
        "preparation_profile"
            | "preparation_invitations"
            | "rencontre_diagnostic_open_data"
            | "rencontre_introductions_open_data"
    ) {
        common::with_open_data(&mut st.session);
    }
    if let Some(tab) = tab {
        go_to_tab(&mut st, tab);
    }
    for a in actions {
        update(&mut st, a.clone());
    }
    st
}

#[test]
fn every_screen_in_english_at_80x24() {
    for (name, phase, actions) in screens() {
        let st = reach(name, phase, &actions);
        let text = screen_text(&st);
        insta::assert_snapshot!(format!("en_{name}_80x24"), text);
    }
}

/// Words that are French on screen mean a string missed the locale files.
#[test]
fn no_french_on_english_screens() {
    for (name, phase, actions) in screens() {
        let st = reach(name, phase, &actions);
        let text = screen_text(&st);
        for french in [
            " étape",
            "enregistré",
            "Échap",
            "Entrée",
            "Groupe ",
            "tour ",
            "Suivi",
            "Pilote",
            "Échéance",
            "à faire",
            "Prochaine",
            "Rapporteur :",
        ] {
            assert!(!text.contains(french), "{name}: {french:?}\n{text}");
        }
    }
}

/// Every key of the help and the whole of what it does is on screen at 80×24, on every
/// screen: nothing is cut.
#[test]
fn the_english_help_is_whole_at_80x24() {
    for (name, phase, actions) in screens() {
        let mut st = reach(name, phase, &actions);
        if !st.help {
            update(&mut st, Action::Help);
        }
        let text: String = screen_text(&st)
            .lines()
            .map(|l| l.trim_matches(|c| "┃│ ".contains(c)).to_string() + " ")
            .collect();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (_, entries) in
            keymap::help_sections(atelier::overlays::help::view::help_mode(&st), st.seat())
        {
            for e in entries {
                let last = e.text.split_whitespace().last().unwrap_or_default();
                assert!(
                    flat.contains(e.keys.trim()) && flat.contains(last),
                    "{name}: « {} {} » cut\n{}",
                    e.keys,
                    e.text,
                    screen_text(&st)
                );
            }
        }
    }
}

/// Who else is on the file, as their processes wrote it (in French here), reads in English
/// in the header, after the step under way.
#[test]
fn the_presence_list_is_in_english() {
    let mut st = state_at(Phase::Commitments);
    update(
        &mut st,
        Action::Others(vec![
            "animation".into(),
            "groupe 2 · Léa Martin".into(),
            "assistant · Paul".into(),
        ]),
    );
    for (w, h) in [(200, 60), (120, 36)] {
        st.size = (w, h);
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        atelier::ui::render(&st, buf.area, &mut buf);
        let text = common::screen_text(&buf);
        let crumb = text.lines().nth(1).unwrap_or_default().to_string();
        assert!(crumb.contains("Commitments"), "{w}×{h}: {crumb}");
        assert!(!crumb.contains("animation"), "{w}×{h}: {crumb}");
        assert!(!crumb.contains("groupe"), "{w}×{h}: {crumb}");
        if w == 200 {
            assert!(
                crumb.contains("⇄ facilitator, group 2 · Léa Martin, assistant · Paul"),
                "{crumb}"
            );
        } else {
            assert!(crumb.contains("⇄ 3: facilitator"), "{crumb}");
        }
    }
}

/// The territory's table, as the launcher draws it, in English at 80×24.
#[test]
fn the_territory_in_english_at_80x24() {
    use atelier::domain::territory::Entry;
    use atelier::domain::territory::{Event, SortKey, Stage, ZoneRow};
    use atelier::screens::launcher::model::Launcher;
    use atelier::screens::territory::model::Territory;
    atelier::text::Lang::En.set();
    let row = ZoneRow {
        title: "ZA des Portes du Sud".into(),
        zone: "ZA des Portes du Sud".into(),
        stage: Stage::Workshop(2),
        engaged: 14,
        companies: 48,
        done: 9,
        open: 21,
        overdue: 3,
        synergies: [2, 1, 0, 1, 1, 0],
        next: chrono::NaiveDate::from_ymd_opt(2027, 2, 4).map(|d| (d, Event::Workshop(2))),
        summary: atelier::domain::session::SessionSummary {
            title: "ZA des Portes du Sud".into(),
            workshop: 2,
            phase: None,
        },
    };
    let entries = vec![
        Entry {
            path: "portes.ron".into(),
            row: Ok(row),
        },
        Entry {
            path: "casse.ron".into(),
            row: Err("casse.ron:1:1: the file ends too early".into()),
        },
    ];
    let mut l = Launcher::new(Vec::new());
    l.territory = Some(Territory::new(entries, SortKey::Zone));
    let palette = atelier::ui::palette::Palette::new(
        atelier::app::PaletteName::Dark,
        atelier::app::Depth::TrueColor,
    );
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    atelier::screens::launcher::view::render(&l, &palette, area, &mut buf);
    let text: String = (0..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                + "\n"
        })
        .collect();
    for english in [
        "Territory: 2 zones",
        "workshop 2",
        "14/48",
        "4 Feb 2027",
        "unreadable",
        "sorted by Zone",
        "Enter open the zone",
    ] {
        assert!(text.contains(english), "{english:?}\n{text}");
    }
    for french in ["Entrée", "atelier", "trié", "Échap", "fichier"] {
        assert!(!text.contains(french), "{french:?}\n{text}");
    }
}
