//! Tests of the workshop state machine (steps, transitions, warnings, the log).

use super::*;
use crate::domain::{Participant, Role, Theme, session::Group};
use chrono::DateTime;

fn at(s: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2026-12-03T{s}+01:00")).unwrap()
}

fn session(themes: u32) -> Session {
    let mut s = Session::new("Test", "ZA");
    for id in 1..=themes {
        s.themes.push(Theme {
            id,
            title: format!("Thème {id}"),
            constat: String::new(),
            expert: None,
            review: false,
        });
        s.groups.push(Group::new(id));
    }
    s.participants.push(Participant {
        id: 1,
        name: "Léa".into(),
        organisation: "CC".into(),
        role: Role::LocalAuthority,
        email: None,
        choices: Vec::new(),
    });
    if let Some(w) = s.workshops.first_mut() {
        w.round_count = 2;
    }
    s
}

fn go(s: &mut Session, forward: bool, now: Timestamp) -> Transition {
    let t = if forward {
        s.next_step(now).unwrap()
    } else {
        s.prev_step(now).unwrap()
    };
    if let Some(op) = t.op.clone() {
        s.apply(op).unwrap();
    }
    t
}

#[test]
fn walks_every_step_forward_then_back() {
    let mut s = session(2);
    let expected = vec![
        Phase::Preparation,
        Phase::Presentation { theme: 1 },
        Phase::Presentation { theme: 2 },
        Phase::Groups { round: 1 },
        Phase::Rotation { to_round: 2 },
        Phase::Groups { round: 2 },
        Phase::Restitution { group: 1 },
        Phase::Restitution { group: 2 },
        Phase::Commitments,
        Phase::Closed,
    ];
    assert_eq!(s.steps(s.current_workshop().unwrap()), expected);
    let mut seen = vec![s.current_workshop().unwrap().phase];
    for _ in 1..expected.len() {
        seen.push(go(&mut s, true, at("09:00:00")).to);
    }
    assert_eq!(seen, expected);
    let t = go(&mut s, true, at("09:00:00"));
    assert_eq!(t.op, None);
    assert_eq!(t.warnings, vec![Warning::AlreadyAtEnd]);
    let mut back = vec![Phase::Closed];
    for _ in 1..expected.len() {
        back.push(go(&mut s, false, at("09:00:00")).to);
    }
    back.reverse();
    assert_eq!(back, expected);
    let t = go(&mut s, false, at("09:00:00"));
    assert_eq!(t.warnings, vec![Warning::AlreadyAtStart]);
    // Every transition is logged: 9 forward, 9 back.
    assert_eq!(s.current_workshop().unwrap().log.len(), 18);
}

#[test]
fn transitions_are_logged_with_the_callers_time() {
    let mut s = session(2);
    go(&mut s, true, at("09:00:00"));
    go(&mut s, true, at("09:05:00"));
    go(&mut s, false, at("09:06:00"));
    let log = &s.current_workshop().unwrap().log;
    assert_eq!(
        log.iter().map(|e| (e.phase, e.at)).collect::<Vec<_>>(),
        vec![
            (Phase::Presentation { theme: 1 }, at("09:00:00")),
            (Phase::Presentation { theme: 2 }, at("09:05:00")),
            (Phase::Presentation { theme: 1 }, at("09:06:00")),
        ]
    );
    assert_eq!(
        s.current_workshop().unwrap().entered_current_at(),
        Some(at("09:06:00"))
    );
}

#[test]
fn one_round_has_no_rotation() {
    let mut s = session(3);
    s.workshops[0].round_count = 1;
    let steps = s.steps(&s.workshops[0]);
    assert!(!steps.iter().any(|p| matches!(p, Phase::Rotation { .. })));
    assert_eq!(
        steps
            .iter()
            .filter(|p| matches!(p, Phase::Groups { .. }))
            .count(),
        1
    );
}

#[test]
fn six_rounds_have_five_rotations() {
    let mut s = session(3);
    s.workshops[0].round_count = 6;
    let steps = s.steps(&s.workshops[0]);
    assert_eq!(
        steps
            .iter()
            .filter(|p| matches!(p, Phase::Rotation { .. }))
            .count(),
        5
    );
}

#[test]
fn warnings_on_theme_count_rapporteurs_and_empty_posters() {
    let mut s = session(1);
    let t = s.next_step(at("09:00:00")).unwrap();
    assert!(t.warnings.contains(&Warning::TooFewThemes(1)));
    let mut s7 = session(7);
    let t = s7.next_step(at("09:00:00")).unwrap();
    assert!(t.warnings.contains(&Warning::TooManyThemes(7)));
    // Walk a 7-theme workshop to round 1: every group lacks a rapporteur.
    for _ in 0..7 {
        go(&mut s7, true, at("09:00:00"));
    }
    let t = go(&mut s7, true, at("09:00:00"));
    assert_eq!(t.to, Phase::Groups { round: 1 });
    assert_eq!(
        t.warnings,
        (1..=7).map(Warning::NoRapporteur).collect::<Vec<_>>()
    );
    s.groups[0].rapporteur = Some(1);
    s.workshops[0].phase = Phase::Groups { round: 2 };
    let t = s.next_step(at("09:00:00")).unwrap();
    assert_eq!(t.to, Phase::Restitution { group: 1 });
    assert_eq!(t.warnings, vec![Warning::EmptyPoster(1)]);
    // A warning never blocks: the op is there.
    assert!(t.op.is_some());
    let mut none = Session::new("x", "y");
    none.participants.clear();
    let t = none.next_step(at("09:00:00")).unwrap();
    assert!(t.warnings.contains(&Warning::NoParticipants));
}

#[test]
fn no_pilot_warned_on_closing() {
    let mut s = session(2);
    s.workshops[0].phase = Phase::Commitments;
    let t = s.next_step(at("12:00:00")).unwrap();
    assert_eq!(t.to, Phase::Closed);
    assert_eq!(t.warnings, vec![Warning::NoPilot(1), Warning::NoPilot(2)]);
}

#[test]
fn a_vanished_step_still_has_neighbours() {
    let mut s = session(3);
    s.workshops[0].phase = Phase::Presentation { theme: 3 };
    // The third theme is removed while it is being presented.
    s.themes.pop();
    s.groups.pop();
    assert_eq!(
        s.next_step(at("09:00:00")).unwrap().to,
        Phase::Groups { round: 1 }
    );
    assert_eq!(
        s.prev_step(at("09:00:00")).unwrap().to,
        Phase::Presentation { theme: 2 }
    );
    // Rounds reduced while in the last round.
    s.workshops[0].phase = Phase::Groups { round: 2 };
    s.workshops[0].round_count = 1;
    assert_eq!(
        s.next_step(at("09:00:00")).unwrap().to,
        Phase::Restitution { group: 1 }
    );
}

#[test]
fn transitions_never_touch_content() {
    let mut s = session(2);
    s.groups[0].poster.reactions.push(crate::domain::Reaction {
        id: 1,
        text: "pas de local vélo".into(),
        workshop: 1,
    });
    let before_groups = s.groups.clone();
    let before_themes = s.themes.clone();
    for _ in 0..20 {
        go(&mut s, true, at("09:00:00"));
    }
    for _ in 0..20 {
        go(&mut s, false, at("09:00:00"));
    }
    assert_eq!(s.groups, before_groups);
    assert_eq!(s.themes, before_themes);
}

#[test]
fn step_loads_its_planned_duration_into_the_timer() {
    let mut s = session(2);
    s.workshops[0].agenda.presentation = 7;
    s.workshops[0].agenda.groups = 30;
    go(&mut s, true, at("09:00:00"));
    assert_eq!(s.workshops[0].timer.planned_secs, 7 * 60);
    s.workshops[0].phase = Phase::Presentation { theme: 2 };
    go(&mut s, true, at("09:10:00"));
    assert_eq!(s.workshops[0].timer.planned_secs, 30 * 60);
}

#[test]
fn step_position_and_theme() {
    let mut s = session(4);
    s.workshops[0].phase = Phase::Presentation { theme: 2 };
    assert_eq!(s.step_position(&s.workshops[0]), (2, 4));
    let w = &s.workshops[0];
    assert_eq!(s.theme_of_step(w, w.phase).map(|t| t.id), Some(2));
    assert!(
        s.theme_of_step(w, Phase::Presentation { theme: 0 })
            .is_none()
    );
    assert!(
        s.theme_of_step(w, Phase::Restitution { group: 9 })
            .is_none()
    );
}
