//! Keys of the territory: move, sort, open a zone, back to the launcher.

use super::model::Territory;
use crate::app::Action;

/// What a key asks of the launcher holding the territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Open(std::path::PathBuf),
    Back,
    Quit,
}

pub fn territory_action(t: &mut Territory, action: Action) -> Outcome {
    match action {
        Action::Up => t.selected = t.selected.saturating_sub(1),
        Action::Down => t.selected = (t.selected + 1).min(t.entries.len().saturating_sub(1)),
        Action::CycleSort => t.resort(),
        Action::Activate => {
            if let Some(e) = t.entries.get(t.selected)
                && e.row.is_ok()
            {
                return Outcome::Open(e.path.clone());
            }
        }
        Action::Back => return Outcome::Back,
        Action::Quit => return Outcome::Quit,
        _ => {}
    }
    Outcome::Stay
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::{Mode, action_for};
    use crate::app::testing::keys;
    use crate::domain::territory::Entry;
    use crate::domain::territory::{SortKey, Stage, ZoneRow};

    fn entry(title: &str, overdue: usize) -> Entry {
        Entry {
            path: format!("{title}.ron").into(),
            row: Ok(ZoneRow {
                title: title.into(),
                zone: title.into(),
                stage: Stage::FollowUp,
                engaged: 3,
                companies: 40,
                done: 1,
                open: 2,
                overdue,
                synergies: [0; 6],
                next: None,
                summary: crate::domain::session::SessionSummary {
                    title: title.into(),
                    workshop: 0,
                    phase: None,
                },
            }),
        }
    }

    fn press(t: &mut Territory, script: &str) -> Outcome {
        let mut last = Outcome::Stay;
        for key in keys(script) {
            if let Some(a) = action_for(Mode::Territory, key) {
                last = territory_action(t, a);
            }
        }
        last
    }

    #[test]
    fn s_sorts_keeping_the_cursor_on_its_zone_and_enter_opens_it() {
        let mut t = Territory::new(
            vec![entry("Forges", 0), entry("Tanneurs", 4), entry("Abbaye", 1)],
            SortKey::Zone,
        );
        assert_eq!(t.entries[0].path.to_str(), Some("Abbaye.ron"));
        press(&mut t, "<Down>");
        // Zone → Stage → Engaged → Actions → Overdue.
        press(&mut t, "ssss");
        assert_eq!(t.sort, SortKey::Overdue);
        assert_eq!(t.entries[0].path.to_str(), Some("Tanneurs.ron"));
        assert_eq!(t.entries[t.selected].path.to_str(), Some("Forges.ron"));
        assert_eq!(press(&mut t, "<Enter>"), Outcome::Open("Forges.ron".into()));
        assert_eq!(press(&mut t, "<Esc>"), Outcome::Back);
        assert_eq!(press(&mut t, "q"), Outcome::Quit);
    }
}
