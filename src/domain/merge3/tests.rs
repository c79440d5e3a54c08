//! Tests of the three-way merge: two copies of a session edited apart (two branches) and
//! brought together.

use super::*;
use crate::domain::{History, Role, poster::CellName};
use chrono::DateTime;

fn at() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-12-07T10:00:00+01:00").unwrap()
}

fn base() -> Session {
    let mut s = Session::new("t", "z");
    s.apply(s.add_theme_op("Mobilité")).unwrap();
    s.apply(s.add_theme_op("Déchets")).unwrap();
    for id in [1, 2, 3] {
        let mut line = ActionLine::new(id, 1);
        line.action = format!("action {id}");
        s.apply(Op::AddLine {
            theme: 1,
            index: 9,
            line,
        })
        .unwrap();
    }
    s.apply(Op::AddParticipant {
        index: 0,
        participant: person(1, "Anne"),
    })
    .unwrap();
    s
}

fn person(id: ParticipantId, name: &str) -> Participant {
    Participant {
        id,
        name: name.into(),
        organisation: String::new(),
        role: Role::Company,
        email: None,
        choices: Vec::new(),
    }
}

/// A branch: a copy of the base edited through the app's operations.
fn edit(s: &Session, ops: Vec<Op>) -> Session {
    let mut s = s.clone();
    let mut h = History::default();
    for op in ops {
        h.apply(&mut s, op).unwrap();
    }
    s
}

fn set(line: LineId, text: &str) -> Op {
    Op::SetLine {
        line,
        field: LineField::Action(text.into()),
    }
}

fn merged(b: &Session, o: &Session, t: &Session) -> (Session, MergeReport) {
    merge3(b, o, t, "fusion", at())
}

#[test]
fn edits_of_different_cells_and_lines_are_all_kept() {
    let b = base();
    let o = edit(
        &b,
        vec![
            set(1, "de A"),
            Op::SetLine {
                line: 2,
                field: LineField::Solution("solution de A".into()),
            },
        ],
    );
    let t = edit(
        &b,
        vec![
            Op::SetLine {
                line: 1,
                field: LineField::Solution("solution de B".into()),
            },
            set(3, "de B"),
        ],
    );
    let (m, r) = merged(&b, &o, &t);
    let l1 = m.line(1).unwrap();
    assert_eq!(
        (l1.action.as_str(), l1.solution.as_str()),
        ("de A", "solution de B")
    );
    assert_eq!(m.line(2).unwrap().solution, "solution de A");
    assert_eq!(m.line(3).unwrap().action, "de B");
    assert_eq!(r.conflicts, 0);
    assert!(m.lines().all(|l| l.history.is_empty()));
}

#[test]
fn the_same_cell_goes_to_theirs_and_ours_text_to_the_history() {
    let b = base();
    let o = edit(&b, vec![set(1, "version A")]);
    let t = edit(&b, vec![set(1, "version B")]);
    let (m, r) = merged(&b, &o, &t);
    let l = m.line(1).unwrap();
    assert_eq!(l.action, "version B");
    assert_eq!(r.conflicts, 1);
    assert_eq!(l.history.len(), 1);
    assert_eq!(l.history[0].text, "version A");
    assert_eq!(l.history[0].field, CellName::Action);
    assert_eq!(l.history[0].replaced_by, "fusion");
}

#[test]
fn a_line_deleted_on_one_side_and_edited_on_the_other_comes_back_marked() {
    let b = base();
    // Deleted in ours, edited in theirs.
    let o = edit(&b, vec![Op::DeleteLine(2)]);
    let t = edit(&b, vec![set(2, "gardée")]);
    let (m, r) = merged(&b, &o, &t);
    let back: Vec<_> = m.lines().filter(|l| l.action == "gardée").collect();
    assert_eq!(back.len(), 1);
    assert!(back[0].restored);
    assert_eq!(r.restored, 1);
    // Edited in ours, deleted in theirs.
    let (m, _) = merged(&b, &t, &o);
    let l = m.line(2).unwrap();
    assert_eq!(l.action, "gardée");
    assert!(l.restored);
    // Deleted in theirs and not touched in ours: gone.
    let (m, _) = merged(&b, &b, &o);
    assert!(m.line(2).is_none());
}

#[test]
fn lines_and_people_both_sides_added_under_one_number_are_all_there() {
    let b = base();
    let mut a_line = ActionLine::new(4, 1);
    a_line.action = "ligne de A".into();
    let mut b_line = ActionLine::new(4, 1);
    b_line.action = "ligne de B".into();
    let o = edit(
        &b,
        vec![
            Op::AddLine {
                theme: 1,
                index: 9,
                line: a_line,
            },
            Op::AddParticipant {
                index: 9,
                participant: person(2, "Bruno"),
            },
        ],
    );
    let t = edit(
        &b,
        vec![
            Op::AddLine {
                theme: 1,
                index: 9,
                line: b_line,
            },
            Op::AddParticipant {
                index: 9,
                participant: person(2, "Chloé"),
            },
            Op::SetEnrolled {
                theme: 2,
                participant: 2,
                enrolled: true,
            },
        ],
    );
    let (m, _) = merged(&b, &o, &t);
    let actions: Vec<_> = m.lines().map(|l| l.action.as_str()).collect();
    assert!(actions.contains(&"ligne de A") && actions.contains(&"ligne de B"));
    let mut ids: Vec<_> = m.lines().map(|l| l.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "every line has its own number");
    let names: Vec<_> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Anne", "Bruno", "Chloé"]);
    // Chloé was renumbered; her enrolment followed her, and Bruno is not enrolled.
    let chloe = m
        .participants
        .iter()
        .find(|p| p.name == "Chloé")
        .unwrap()
        .id;
    assert_eq!(chloe, 3);
    assert_eq!(m.group(2).unwrap().enrolled, vec![chloe]);
}

/// The actions of theme 1's poster, in order.
fn order(s: &Session) -> Vec<String> {
    s.group(1)
        .unwrap()
        .poster
        .lines
        .iter()
        .map(|l| l.action.clone())
        .collect()
}

#[test]
fn lines_theirs_moved_take_theirs_order_and_ours_additions_stay_in_place() {
    let b = base();
    // Theirs puts action 3 first; ours edits action 2 and adds a line after it.
    let t = edit(&b, vec![Op::MoveLine { line: 3, to: 0 }]);
    let mut added = ActionLine::new(4, 1);
    added.action = "après 2".into();
    let o = edit(
        &b,
        vec![
            set(2, "action 2 revue"),
            Op::AddLine {
                theme: 1,
                index: 2,
                line: added,
            },
        ],
    );
    let (m, _) = merged(&b, &o, &t);
    assert_eq!(
        order(&m),
        ["action 3", "action 1", "action 2 revue", "après 2"]
    );
    // Theirs moved nothing: ours' order stands.
    let o = edit(&b, vec![Op::MoveLine { line: 1, to: 2 }]);
    let t = edit(&b, vec![set(3, "action 3 revue")]);
    let (m, _) = merged(&b, &o, &t);
    assert_eq!(order(&m), ["action 2", "action 3 revue", "action 1"]);
    // Both moved: theirs' order, as for a cell both changed.
    let o = edit(&b, vec![Op::MoveLine { line: 1, to: 2 }]);
    let t = edit(&b, vec![Op::MoveLine { line: 2, to: 0 }]);
    let (m, _) = merged(&b, &o, &t);
    assert_eq!(order(&m), ["action 2", "action 1", "action 3"]);
    // A sync tool's copy that moved lines does not reorder the session's.
    let copy = edit(&b, vec![Op::MoveLine { line: 3, to: 0 }]);
    let (m, _) = merge2(&b, &copy, "copie", at());
    assert_eq!(order(&m), ["action 1", "action 2", "action 3"]);
}

#[test]
fn a_theme_added_on_theirs_comes_with_its_poster() {
    let b = base();
    let o = edit(&b, vec![set(1, "de A")]);
    let mut t = b.clone();
    t.apply(t.add_theme_op("Énergie")).unwrap();
    let mut line = ActionLine::new(t.next_line_id(), 1);
    line.action = "panneaux".into();
    t.apply(Op::AddLine {
        theme: 3,
        index: 0,
        line,
    })
    .unwrap();
    let (m, _) = merged(&b, &o, &t);
    let titles: Vec<_> = m.themes.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Mobilité", "Déchets", "Énergie"]);
    let poster = &m.group(3).unwrap().poster;
    assert_eq!(poster.lines.len(), 1);
    assert_eq!(poster.lines[0].action, "panneaux");
    assert_eq!(m.line(1).unwrap().action, "de A");
}

#[test]
fn zone_fields_changed_apart_are_both_kept() {
    let b = base();
    let mut zo = b.zone.clone();
    zo.companies = 42;
    let mut zt = b.zone.clone();
    zt.since = Some(1987);
    let o = edit(&b, vec![Op::SetZone(zo)]);
    let t = edit(&b, vec![Op::SetZone(zt)]);
    let (m, _) = merged(&b, &o, &t);
    assert_eq!((m.zone.companies, m.zone.since), (42, Some(1987)));
}

#[test]
fn one_side_unchanged_gives_the_other_side() {
    // The example: a rencontre, synergies, a plenary's date, posters.
    let b = crate::app::testing::example();
    let mut t = b.clone();
    let line = t.lines().next().unwrap().id;
    t.apply(set(line, "changée")).unwrap();
    t.apply(Op::SetTitle("Nouveau titre".into())).unwrap();
    let (m, r) = merged(&b, &b, &t);
    assert_eq!(m, t);
    assert_eq!(r.conflicts, 0);
    let (m, _) = merged(&b, &t, &b);
    assert_eq!(m, t);
    let (m, _) = merged(&b, &b, &b);
    assert_eq!(m, b);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever each side did (cells written, lines added or deleted, people added), every
    /// text either side wrote is in the merge: in a cell or in the line's history.
    #[test]
    fn the_merge_keeps_every_edit_of_both_sides(
        ours in proptest::collection::vec((0u8..4, 0usize..8), 0..12),
        theirs in proptest::collection::vec((0u8..4, 0usize..8), 0..12),
    ) {
        let b = base();
        let o = play(&b, &ours, "A");
        let t = play(&b, &theirs, "B");
        let (m, _) = merged(&b, &o, &t);
        for side in [&o, &t] {
            for l in side.lines() {
                let before = b.line(l.id);
                for (cell, text) in [(CellName::Action, &l.action), (CellName::Solution, &l.solution)] {
                    let was = before.map(|x| if cell == CellName::Action { &x.action } else { &x.solution });
                    if was == Some(text) {
                        continue;
                    }
                    let found = m.lines().any(|x| {
                        (cell == CellName::Action && &x.action == text)
                            || (cell == CellName::Solution && &x.solution == text)
                            || x.history.iter().any(|h| h.field == cell && &h.text == text)
                    });
                    proptest::prop_assert!(found, "{text:?} lost");
                }
            }
            for p in &side.participants {
                proptest::prop_assert!(m.participants.iter().any(|x| x.name == p.name));
            }
        }
        let mut ids: Vec<_> = m.lines().map(|l| l.id).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        proptest::prop_assert_eq!(ids.len(), n);
    }
}

/// Random edits of one side, each text unique to it.
fn play(b: &Session, script: &[(u8, usize)], side: &str) -> Session {
    let mut s = b.clone();
    for (n, (what, pick)) in script.iter().enumerate() {
        let lines: Vec<LineId> = s.lines().map(|l| l.id).collect();
        let line = lines.get(pick % lines.len().max(1)).copied();
        let text = format!("{side}{n}");
        let op = match (what, line) {
            (0, Some(l)) => set(l, &text),
            (1, Some(l)) => Op::SetLine {
                line: l,
                field: LineField::Solution(text),
            },
            (2, _) => {
                let mut line = ActionLine::new(s.next_line_id(), 1);
                line.action = text;
                Op::AddLine {
                    theme: 1 + (*pick as u32 % 2),
                    index: *pick,
                    line,
                }
            }
            (3, Some(l)) if pick % 2 == 0 => Op::DeleteLine(l),
            _ => Op::AddParticipant {
                index: 9,
                participant: person(s.next_participant_id(), &text),
            },
        };
        s.apply(op).unwrap();
    }
    s
}

/// Every poster line of a session.
trait Lines {
    fn lines(&self) -> impl Iterator<Item = &ActionLine>;
}

impl Lines for Session {
    fn lines(&self) -> impl Iterator<Item = &ActionLine> {
        self.groups.iter().flat_map(|g| g.poster.lines.iter())
    }
}

#[test]
fn a_copy_without_base_adds_what_it_alone_has_and_keeps_its_texts() {
    let b = base();
    let mut copy_line = ActionLine::new(4, 1);
    copy_line.action = "ligne de la copie".into();
    let mut main_line = ActionLine::new(4, 1);
    main_line.action = "ligne du fichier".into();
    let copy = edit(
        &b,
        vec![
            set(1, "texte de la copie"),
            Op::AddLine {
                theme: 2,
                index: 0,
                line: copy_line,
            },
            Op::AddParticipant {
                index: 9,
                participant: person(2, "Bruno"),
            },
        ],
    );
    let main = edit(
        &b,
        vec![
            set(1, "texte du fichier"),
            set(2, "seulement dans le fichier"),
            Op::AddLine {
                theme: 1,
                index: 9,
                line: main_line,
            },
        ],
    );
    let (m, r) = merge2(&main, &copy, "copie", at());
    let l1 = m.line(1).unwrap();
    assert_eq!(l1.action, "texte du fichier");
    assert_eq!(l1.history.len(), 1);
    assert_eq!(l1.history[0].text, "texte de la copie");
    // With no base, the copy's older text of line 2 is kept too.
    assert_eq!(r.conflicts, 2);
    assert_eq!(m.line(2).unwrap().history[0].text, "action 2");
    assert_eq!(m.line(2).unwrap().action, "seulement dans le fichier");
    let actions: Vec<_> = m.lines().map(|l| l.action.as_str()).collect();
    assert!(actions.contains(&"ligne de la copie") && actions.contains(&"ligne du fichier"));
    assert!(m.participants.iter().any(|p| p.name == "Bruno"));
    assert!(
        !m.lines()
            .any(|l| l.action.contains('\u{1}') || l.solution.contains('\u{1}'))
    );
    // Nothing differs: nothing changes.
    let (same, r) = merge2(&main, &main, "copie", at());
    assert_eq!(same, main);
    assert_eq!(r.conflicts, 0);
}
