use super::test_proc::Proc;
use super::*;
use crate::domain::ActionLine;
use crate::domain::op::LineField;
use crate::domain::poster::CellName;
use chrono::DateTime;

fn at() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00").unwrap()
}

/// A process on `s`, saving at the tests' hour.
fn proc(s: &Session) -> Proc {
    Proc::new_at(s, at())
}

fn base() -> Session {
    let mut s = Session::new("t", "z");
    s.apply(s.add_theme_op("Mobilité")).unwrap();
    s.apply(s.add_theme_op("Déchets")).unwrap();
    for id in [1, 2] {
        s.apply(Op::AddLine {
            theme: 1,
            index: 9,
            line: ActionLine::new(id, 1),
        })
        .unwrap();
    }
    s
}

fn set(line: LineId, text: &str) -> Op {
    Op::SetLine {
        line,
        field: LineField::Action(text.into()),
    }
}

#[test]
fn edits_of_different_cells_both_survive() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.edit(set(1, "de A"));
    b.edit(Op::SetLine {
        line: 1,
        field: LineField::Solution("de B".into()),
    });
    a.sync(&mut file);
    b.sync(&mut file);
    let l = file.group(1).unwrap().poster.line(1).unwrap();
    assert_eq!(l.action, "de A");
    assert_eq!(l.solution, "de B");
    assert!(l.history.is_empty());
}

#[test]
fn same_cell_the_later_wins_and_the_other_is_kept() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.edit(set(1, "version A"));
    b.edit(set(1, "version B"));
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.conflicts, 1);
    let l = file.group(1).unwrap().poster.line(1).unwrap();
    assert_eq!(l.action, "version B");
    assert_eq!(l.history.len(), 1);
    assert_eq!(l.history[0].text, "version A");
    assert_eq!(l.history[0].field, CellName::Action);
    // Restorable: the history entry turns back into the field.
    assert_eq!(
        l.history[0].field.field(&l.history[0].text),
        LineField::Action("version A".into())
    );
}

#[test]
fn a_line_deleted_elsewhere_while_edited_comes_back() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.edit(Op::DeleteLine(2));
    b.edit(set(2, "encore utile"));
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.restored, 1);
    let l = file
        .groups
        .iter()
        .flat_map(|g| g.poster.lines.iter())
        .find(|l| l.action == "encore utile")
        .unwrap();
    assert!(l.restored);
}

#[test]
fn lines_added_concurrently_get_distinct_ids_and_later_edits_follow() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    let id_a = a.s.next_line_id();
    a.edit(Op::AddLine {
        theme: 1,
        index: 9,
        line: ActionLine::new(id_a, 1),
    });
    a.edit(set(id_a, "ligne de A"));
    let id_b = b.s.next_line_id();
    assert_eq!(id_a, id_b);
    b.edit(Op::AddLine {
        theme: 2,
        index: 0,
        line: ActionLine::new(id_b, 1),
    });
    b.edit(set(id_b, "ligne de B"));
    b.edit(Op::MoveLine { line: id_b, to: 0 });
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.dropped, 0);
    assert!(file.integrity_problems().is_empty());
    let texts: Vec<_> = file
        .groups
        .iter()
        .flat_map(|g| g.poster.lines.iter().map(|l| l.action.clone()))
        .collect();
    assert!(texts.contains(&"ligne de A".to_string()));
    assert!(texts.contains(&"ligne de B".to_string()));
    assert_eq!(file.group(2).unwrap().poster.lines[0].action, "ligne de B");
}

#[test]
fn a_delete_does_not_take_an_edit_it_never_saw() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    b.edit(set(2, "modifiée par B"));
    a.edit(Op::DeleteLine(2));
    b.sync(&mut file);
    let r = a.sync(&mut file);
    assert_eq!(r.restored, 1);
    let l = file.group(1).unwrap().poster.line(2).unwrap();
    assert_eq!(l.action, "modifiée par B");
    assert!(l.restored);
}

#[test]
fn deleting_what_is_already_gone_is_harmless() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.edit(Op::DeleteLine(1));
    b.edit(Op::DeleteLine(1));
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.dropped, 1);
    assert!(file.group(1).unwrap().poster.line(1).is_none());
}
