//! The README's keys table says what the keymap does: every key bound in a mode is named in
//! that mode's row (or, for the keys of every screen and of text entry, in the paragraph
//! under the table). A key added to the keymap without a word in the README fails here.

use atelier::app::keymap::{Mode, bindings};
use atelier::app::{KeyCode, KeyModifiers};

const README: &str = include_str!("../README.md");

/// The row of the table whose first cell starts with `name`.
fn row(name: &str) -> &'static str {
    README
        .lines()
        .find(|l| l.starts_with(&format!("| {name}")))
        .unwrap_or_else(|| panic!("no README row for {name}"))
}

/// The paragraph on the keys of every screen and of text entry.
fn everywhere() -> &'static str {
    let start = README
        .find("Everywhere: PgDn")
        .expect("the Everywhere paragraph");
    let end = README[start..]
        .find("\n\n")
        .map_or(README.len(), |e| start + e);
    &README[start..end]
}

/// How the README names a key: `a`, `1`…`9`, Enter, Shift-Tab, Shift-↑/↓, arrows, Ctrl-k.
fn named(text: &str, code: KeyCode, mods: KeyModifiers) -> bool {
    let lower = text.to_lowercase();
    if mods.contains(KeyModifiers::CONTROL) {
        let key = match code {
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            other => format!("{other:?}").to_lowercase(),
        };
        return lower.contains(&format!("ctrl-{key}"));
    }
    match code {
        KeyCode::Char(c) if c.is_ascii_digit() && c != '0' => text.contains("`1`…`9`"),
        KeyCode::Char(' ') => text.contains("Space"),
        KeyCode::Char(c) => {
            text.contains(&format!("`{c}`"))
                || (c == '=' && text.contains("`+`"))
                || (c.is_ascii_uppercase() && text.contains(&format!("`{}`", c)))
        }
        KeyCode::Up | KeyCode::Down if mods.contains(KeyModifiers::SHIFT) => {
            text.contains("Shift-↑/↓")
        }
        KeyCode::Up | KeyCode::Down => {
            text.contains("arrows") || text.contains("↑/↓") || text.contains("Shift-↑/↓")
        }
        KeyCode::Left | KeyCode::Right => text.contains("arrows"),
        KeyCode::BackTab => text.contains("Shift-Tab"),
        KeyCode::Enter => text.contains("Enter"),
        KeyCode::Tab => text.contains("Tab"),
        KeyCode::Esc => text.contains("Esc"),
        KeyCode::Home => text.contains("Home"),
        KeyCode::End => text.contains("End"),
        KeyCode::PageDown => text.contains("PgDn"),
        KeyCode::PageUp => text.contains("PgUp"),
        KeyCode::F(n) => text.contains(&format!("F{n}")),
        _ => false,
    }
}

#[test]
fn every_bound_key_is_in_the_readme_keys_table() {
    let places: [(Mode, &str); 29] = [
        (Mode::Diagnostic, row("Diagnostic")),
        (Mode::Introductions, row("Tour de table")),
        (Mode::Census, row("Recensement")),
        (Mode::Grouping, row("Regroupement")),
        (Mode::Vote, row("Vote")),
        (Mode::DotEntry, row("Vote")),
        (Mode::Questions, row("Questions et suites")),
        (Mode::Closing, row("Clôture")),
        (Mode::Preparation, row("Préparation")),
        (Mode::Invitations, row("Préparation › Invitations")),
        (Mode::Presentation, row("Présentation")),
        (Mode::Groups, row("Groupes")),
        (Mode::Poster, row("Poster")),
        (Mode::Notes, row("Restitution")),
        (Mode::Rotation, row("Rotation")),
        (Mode::Commitments, row("Engagements")),
        (Mode::Closed, row("Clos")),
        (Mode::FollowUp, row("Suivi")),
        (Mode::Synergies, row("Synergies")),
        (Mode::SynergySheet, row("Synergies")),
        (Mode::PlenaryBilan, row("Plénière › Bilan")),
        (Mode::PlenaryReview, row("Plénière › Revue")),
        (Mode::PlenaryLeads, row("Plénière › Nouvelles")),
        (Mode::PlenaryNext, row("Plénière › Prochaine")),
        (Mode::Room, row("Salle dans les navigateurs")),
        (Mode::Copies, row("Copies en conflit")),
        (Mode::Territory, row("Territoire")),
        (Mode::Global, everywhere()),
        (Mode::Edit, everywhere()),
    ];
    let mut missing = Vec::new();
    for (mode, text) in places {
        for b in bindings().iter().filter(|b| b.mode == mode) {
            if !named(text, b.code, b.mods) {
                missing.push(format!("{mode:?}: {:?} {:?} ({})", b.mods, b.code, b.help));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the README:\n{}",
        missing.join("\n")
    );
}
