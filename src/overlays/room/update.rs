//! The room panel's keys: `W` opens it (and starts the room), ↑↓ choose the link whose QR
//! code is shown, `r` gives that link a new token, `x` stops the room, Esc closes the panel
//! (the room goes on).

use rust_i18n::t;

use super::model::{RoomCommand, RoomInfo, RoomPanel};
use crate::app::update::{Effect, flash};
use crate::app::{Action, State};

/// `W`: the panel, and the room started if it is not running.
pub(crate) fn toggle(state: &mut State) -> Effect {
    if state.room_panel.is_some() {
        state.room_panel = None;
        return Effect::None;
    }
    state.room_panel = Some(RoomPanel::default());
    // Running already: the shell answers with the links as they are now (a group added
    // since has its own).
    Effect::Room(RoomCommand::Start)
}

pub(crate) fn room_action(state: &mut State, action: Action) -> Effect {
    let count = state.room.as_ref().map(|r| r.links.len()).unwrap_or(0);
    let Some(panel) = state.room_panel.as_mut() else {
        return Effect::None;
    };
    match action {
        Action::Up => panel.selected = panel.selected.saturating_sub(1),
        Action::Down => panel.selected = (panel.selected + 1).min(count.saturating_sub(1)),
        Action::Back => state.room_panel = None,
        Action::RoomRevoke if state.room.is_some() => {
            return Effect::Room(RoomCommand::Revoke(panel.selected));
        }
        Action::RoomStop if state.room.is_some() => return Effect::Room(RoomCommand::Stop),
        // Stopped: `r` or `x` start it again rather than do nothing.
        Action::RoomRevoke | Action::RoomStop => return Effect::Room(RoomCommand::Start),
        _ => {}
    }
    Effect::None
}

/// What the shell says of the room: running with these links, or stopped.
pub(crate) fn set_state(state: &mut State, info: Option<RoomInfo>, revoked: Option<usize>) {
    let was_running = state.room.is_some();
    if let (Some(row), Some(info)) = (revoked, &info)
        && let Some(link) = info.links.get(row)
    {
        flash(
            state,
            t!("room.revoked", label = link.label.as_str()).into_owned(),
            false,
        );
    } else if info.is_none() && was_running {
        flash(state, t!("room.stopped").into_owned(), false);
    }
    if let Some(panel) = state.room_panel.as_mut() {
        panel.error = None;
        if let Some(info) = &info {
            panel.selected = panel.selected.min(info.links.len().saturating_sub(1));
        }
    }
    state.room = info;
}

/// The room could not start: said in the panel, where it was asked for.
pub(crate) fn failed(state: &mut State, message: String) {
    state.room = None;
    state
        .room_panel
        .get_or_insert_with(RoomPanel::default)
        .error = Some(message);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{press, state_at};
    use crate::app::update::update;
    use crate::domain::Phase;
    use crate::overlays::room::model::RoomLink;

    fn info(n: usize) -> RoomInfo {
        RoomInfo {
            addr: "192.168.1.20:8765".into(),
            links: (0..n)
                .map(|i| RoomLink {
                    label: format!("lien {i}"),
                    url: format!("http://192.168.1.20:8765/t{i}"),
                })
                .collect(),
        }
    }

    #[test]
    fn w_opens_the_panel_and_asks_the_shell_for_the_room() {
        let mut st = state_at(Phase::Groups { round: 1 });
        assert_eq!(
            update(&mut st, Action::ToggleRoom),
            Effect::Room(RoomCommand::Start)
        );
        assert!(st.room_panel.is_some());
        update(&mut st, Action::RoomState(Some(info(4)), None));
        press(&mut st, "<Esc>");
        assert!(st.room_panel.is_none());
        assert!(
            st.room.is_some(),
            "closing the panel leaves the room running"
        );
        // Running: W opens the panel and asks for the links as they are now (the shell
        // starts nothing new: `tui::RoomSlot`).
        assert_eq!(
            update(&mut st, Action::ToggleRoom),
            Effect::Room(RoomCommand::Start)
        );
        assert!(st.room_panel.is_some());
    }

    #[test]
    fn arrows_choose_the_link_r_revokes_it_x_stops_the_room() {
        let mut st = state_at(Phase::Groups { round: 1 });
        update(&mut st, Action::ToggleRoom);
        update(&mut st, Action::RoomState(Some(info(3)), None));
        press(&mut st, "<Down><Down><Down>");
        assert_eq!(st.room_panel.as_ref().map(|p| p.selected), Some(2));
        assert_eq!(
            update(&mut st, Action::RoomRevoke),
            Effect::Room(RoomCommand::Revoke(2))
        );
        update(&mut st, Action::RoomState(Some(info(3)), Some(2)));
        assert!(st.flash.as_ref().is_some_and(|f| f.text.contains("lien 2")));
        assert_eq!(
            update(&mut st, Action::RoomStop),
            Effect::Room(RoomCommand::Stop)
        );
        update(&mut st, Action::RoomState(None, None));
        assert!(st.room.is_none());
        assert!(
            st.room_panel.is_some(),
            "the panel says the room is stopped"
        );
    }
}
