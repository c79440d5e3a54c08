//! Two rapporteurs on one file, driven through the real keymap, `update` and `store::sync`
//! (what the event loop does), at the moments the room simulator showed to be dangerous:
//! an editor open while the file changes under it.

mod common;

use std::path::Path;

use common::seat::Seat as Rapporteur;

fn file(path: &Path) -> atelier::domain::Session {
    atelier::store::load(path).unwrap()
}

use common::solutions;

#[test]
fn a_line_renumbered_on_save_keeps_its_open_editor() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::pty::copy_example(dir.path());
    let mut a = Rapporteur::join(&path, Some(1), "groupe 1");
    let mut b = Rapporteur::join(&path, Some(2), "groupe 2");
    // Both add a line at the same moment: both take the same next id.
    a.keys("a");
    b.keys("a");
    // A's new (empty) line is saved while its rapporteur types; B's line is saved first.
    b.sync();
    a.sync();
    a.keys("Navette gare<Enter>");
    b.keys("Compostage<Enter>");
    a.sync();
    b.sync();
    a.sync();
    let s = file(&path);
    let g1 = solutions(&s, 1);
    let g2 = solutions(&s, 2);
    assert!(g1.contains(&"Navette gare".to_string()), "{g1:?}");
    assert!(g2.contains(&"Compostage".to_string()), "{g2:?}");
    assert!(!g2.contains(&"Navette gare".to_string()), "{g2:?}");
    // Nothing went to a history: no cell was written twice.
    assert!(
        s.groups
            .iter()
            .flat_map(|g| &g.poster.lines)
            .all(|l| l.history.is_empty())
    );
    // Undo follows the renumbering too: it empties A's line, not B's.
    a.keys("u");
    a.sync();
    let s = file(&path);
    assert!(!solutions(&s, 1).contains(&"Navette gare".to_string()));
    assert!(solutions(&s, 2).contains(&"Compostage".to_string()));
}

#[test]
fn text_that_arrived_while_the_editor_was_open_goes_to_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::pty::copy_example(dir.path());
    // The facilitator and a rapporteur on group 1's poster, both on its first line.
    let mut a = Rapporteur::join(&path, Some(1), "groupe 1");
    let mut b = Rapporteur::join(&path, Some(1), "animation");
    a.keys("<Enter>");
    assert!(a.state.editor.is_some());
    let old = file(&path).group(1).unwrap().poster.lines[0]
        .solution
        .clone();
    b.keys("<Enter> + B<Enter>");
    b.sync();
    // A, not dirty, takes B's text in (the editor stays open) then validates its own.
    a.sync();
    a.keys(" (A)<Enter>");
    a.sync();
    let s = file(&path);
    let line = &s.group(1).unwrap().poster.lines[0];
    assert!(line.solution.ends_with(" (A)"), "{line:?}");
    assert!(
        line.history.iter().any(|h| h.text == format!("{old} + B")),
        "B's text must be kept: {line:?}"
    );
}

/// Every save of an edit to a line's cells raises the line's revision in the file (the
/// calendar's SEQUENCE), undo included, and another process's save never lowers it.
#[test]
fn each_saved_edit_raises_the_line_revision() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::pty::copy_example(dir.path());
    let mut a = Rapporteur::join(&path, Some(1), "groupe 1");
    let mut b = Rapporteur::join(&path, Some(2), "groupe 2");
    let line = file(&path).group(1).unwrap().poster.lines[0].id;
    let revision = |path: &Path| {
        file(path)
            .group(1)
            .and_then(|g| g.poster.line(line))
            .map(|l| l.revision)
            .unwrap()
    };
    assert_eq!(revision(&path), 0);
    while !matches!(a.state.poster, atelier::app::PosterCursor::Line(l, _) if l == line) {
        a.keys("<Down>");
    }
    a.keys("s");
    a.sync();
    assert_eq!(revision(&path), 1);
    a.keys("u");
    a.sync();
    assert_eq!(revision(&path), 2);
    // Group 2 saves after: group 1's line keeps its revision.
    b.keys("aNavette<Enter>");
    b.sync();
    assert_eq!(revision(&path), 2);
    // And group 1's next save goes on from the file's count.
    a.keys("s");
    a.sync();
    assert_eq!(revision(&path), 3);
    assert_eq!(
        a.state
            .session
            .group(1)
            .and_then(|g| g.poster.line(line))
            .map(|l| l.revision),
        Some(3)
    );
}
