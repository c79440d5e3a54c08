//! The bindings: every key of every mode, with its description and whether the footer shows
//! it. The lookup, the footer and the help (in `keymap`) all read this one table.

use std::sync::LazyLock;

use super::{Binding, Mode, Who};
use crate::app::Action;
use crate::app::key::{KeyCode, KeyModifiers};
use Mode::*;

mod plenary;
mod rencontre;
mod screens;

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;

pub(super) const CTRL: KeyModifiers = KeyModifiers::CONTROL;

pub(super) const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// Who may use a key, for every binding of the table: the facilitator alone runs the room
/// (the steps, the timer, what opens over the workshop), moves between the groups and leaves
/// a poster (a rapporteur's view stays on their group's poster), and sets the rencontre up
/// (an assistant types cards and dots). Everything else is everyone's.
pub(super) fn who(mode: Mode, action: &Action) -> Who {
    use Action as A;
    match action {
        A::NextStep
        | A::PrevStep
        | A::TimerToggle
        | A::TimerPlus
        | A::TimerMinus
        | A::ToggleFollowUp
        | A::ToggleRencontre
        | A::OpenNextWorkshop
        | A::FocusNext
        | A::FocusPrev
        | A::StartWorkshop
        | A::AddRencontre
        | A::Reveal
        | A::Configure
        | A::SetDate
        | A::VoteRules
        // The register of synergies: the facilitator's, like the rest of Suivi.
        | A::NewSynergy
        | A::StageNext
        | A::StagePrev
        | A::Abandon
        | A::CycleGroup
        | A::TogglePlenary
        | A::Decide(_)
        // The room in the browsers is served from the facilitator's laptop.
        | A::ToggleRoom
        | A::RoomRevoke
        | A::RoomStop => Who::Facilitator,
        // The plenary is the facilitator's, whatever the key.
        _ if matches!(
            mode,
            PlenaryBilan | PlenaryReview | PlenaryLeads | PlenaryNext
        ) =>
        {
            Who::Facilitator
        }
        // Esc closes a list, the help or a dot being typed for anyone; elsewhere it leaves
        // the screen.
        A::Back if !matches!(mode, Picker | Help | DotEntry) => Who::Facilitator,
        _ => Who::Everyone,
    }
}

pub(super) fn b(
    mode: Mode,
    code: KeyCode,
    action: Action,
    help: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        mode,
        code,
        mods: NONE,
        who: who(mode, &action),
        action,
        help,
        hint,
    }
}

pub(super) fn bm(
    mode: Mode,
    code: KeyCode,
    mods: KeyModifiers,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        mode,
        code,
        mods,
        who: who(mode, &action),
        action,
        help,
        hint: false,
    }
}

/// A key the text area handles itself, bound only so that the help lists it.
pub(super) fn edit(code: KeyCode, mods: KeyModifiers) -> Action {
    Action::EditKey(crate::app::key::Key::new(code, mods))
}

pub(super) static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    // The order is the footer's and the help's.
    [
        screens::everywhere(),
        screens::followup(),
        screens::workshop(),
        screens::text_and_lists(),
        screens::numbered(),
        rencontre::rencontre(),
        plenary::plenary(),
        rencontre::rencontre_numbers(),
    ]
    .concat()
});
