//! The annual plenary's keys.

use super::*;
use KeyCode::{BackTab, Char, Down, Enter, Esc, Left, Right, Tab, Up};

/// The annual plenary: opened from Suivi with `P`, closed with `P` or Esc; its steps and
/// timer are the global keys'. The decisions come first in the footer.
pub(super) fn plenary() -> Vec<Binding> {
    use crate::domain::plenary::Verdict;
    let mut v = vec![b(
        FollowUp,
        Char('P'),
        Action::TogglePlenary,
        "pkeys.open",
        true,
    )];
    let decide = |c: char, verdict: Verdict, help: &'static str| {
        b(PlenaryReview, Char(c), Action::Decide(verdict), help, true)
    };
    v.extend([
        decide('c', Verdict::Continue, "pkeys.continue"),
        decide('d', Verdict::Done, "pkeys.done"),
        decide('x', Verdict::Dropped, "pkeys.dropped"),
        decide('h', Verdict::HandedOver, "pkeys.handed_over"),
        b(
            PlenaryReview,
            Right,
            Action::Right,
            "pkeys.group_next",
            true,
        ),
        b(PlenaryReview, Left, Action::Left, "pkeys.group_prev", false),
        b(
            PlenaryReview,
            Tab,
            Action::NextTab,
            "pkeys.group_next",
            false,
        ),
        b(
            PlenaryReview,
            BackTab,
            Action::PrevTab,
            "pkeys.group_prev",
            false,
        ),
        b(PlenaryReview, Up, Action::Up, "pkeys.item_prev", false),
        b(PlenaryReview, Down, Action::Down, "pkeys.item_next", false),
        b(PlenaryLeads, Char('a'), Action::Add, "pkeys.lead_add", true),
        b(
            PlenaryLeads,
            Char('k'),
            Action::CycleKind,
            "pkeys.lead_kind",
            true,
        ),
        b(
            PlenaryLeads,
            Char('t'),
            Action::CycleTheme,
            "pkeys.lead_theme",
            true,
        ),
        b(
            PlenaryLeads,
            Enter,
            Action::Activate,
            "pkeys.lead_edit",
            false,
        ),
        b(
            PlenaryLeads,
            Char('d'),
            Action::Delete,
            "pkeys.lead_delete",
            false,
        ),
        b(PlenaryLeads, Up, Action::Up, "pkeys.lead_prev", false),
        b(PlenaryLeads, Down, Action::Down, "pkeys.lead_next", false),
        b(
            PlenaryNext,
            Enter,
            Action::Activate,
            "pkeys.next_date",
            true,
        ),
        b(
            PlenaryNext,
            Char('j'),
            Action::SetDate,
            "pkeys.next_date",
            false,
        ),
    ]);
    for mode in [PlenaryBilan, PlenaryReview, PlenaryLeads, PlenaryNext] {
        v.push(b(mode, Esc, Action::Back, "pkeys.close", true));
        v.push(b(
            mode,
            Char('P'),
            Action::TogglePlenary,
            "pkeys.close",
            false,
        ));
    }
    v
}
