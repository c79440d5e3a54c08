//! The workshop's screens, Suivi and the dialogs: their keys, in the order the footer and
//! the help show them.

use super::*;
use KeyCode::{
    BackTab, Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Everywhere, and the room's panel.
pub(super) fn everywhere() -> Vec<Binding> {
    vec![
        // Everywhere (outside text entry). A presenter clicker sends PageDown/PageUp.
        b(Global, PageDown, Action::NextStep, "keys.next_step", true),
        b(Global, Char('n'), Action::NextStep, "keys.next_step", true),
        b(Global, PageUp, Action::PrevStep, "keys.prev_step", false),
        b(Global, Char('p'), Action::PrevStep, "keys.prev_step", false),
        b(
            Global,
            Char(' '),
            Action::TimerToggle,
            "keys.timer_toggle",
            true,
        ),
        b(
            Global,
            Char('+'),
            Action::TimerPlus,
            "keys.timer_plus",
            false,
        ),
        b(
            Global,
            Char('='),
            Action::TimerPlus,
            "keys.timer_plus",
            false,
        ),
        b(
            Global,
            Char('-'),
            Action::TimerMinus,
            "keys.timer_minus",
            false,
        ),
        b(Global, Char('u'), Action::Undo, "keys.undo", false),
        bm(Global, Char('z'), CTRL, Action::Undo, "keys.undo"),
        bm(Global, Char('r'), CTRL, Action::Redo, "keys.redo"),
        b(Global, Char('?'), Action::Help, "keys.help", true),
        b(Global, F(1), Action::Help, "keys.help", false),
        b(Global, Char('q'), Action::Quit, "keys.quit", false),
        bm(Global, Char('c'), CTRL, Action::Quit, "keys.quit"),
        b(
            Global,
            Char('f'),
            Action::ToggleFollowUp,
            "keys.followup",
            false,
        ),
        b(Global, Char('e'), Action::Export, "keys.export", false),
        b(Global, Char('W'), Action::ToggleRoom, "keys.room", false),
        // The room's panel
        b(Room, Up, Action::Up, "keys.room_link", true),
        b(Room, Down, Action::Down, "keys.room_link", false),
        b(
            Room,
            Char('r'),
            Action::RoomRevoke,
            "keys.room_revoke",
            true,
        ),
        b(Room, Char('x'), Action::RoomStop, "keys.room_stop", true),
        b(Room, Esc, Action::Back, "keys.room_close", true),
        b(Room, Char('W'), Action::Back, "keys.room_close", false),
        b(Room, Char('q'), Action::Back, "keys.room_close", false),
        bm(Room, Char('c'), CTRL, Action::Back, "keys.room_close"),
    ]
}

/// Suivi, its register of synergies and a synergy's sheet.
pub(super) fn followup() -> Vec<Binding> {
    vec![
        // Suivi
        b(FollowUp, Tab, Action::NextTab, "keys.followup_view", true),
        b(
            FollowUp,
            BackTab,
            Action::PrevTab,
            "keys.followup_view",
            false,
        ),
        b(FollowUp, Up, Action::Up, "keys.up", false),
        b(FollowUp, Down, Action::Down, "keys.down", false),
        b(
            FollowUp,
            Enter,
            Action::Activate,
            "keys.followup_enter",
            true,
        ),
        b(
            FollowUp,
            Char('s'),
            Action::CycleStatus,
            "keys.cycle_status",
            false,
        ),
        b(FollowUp, Char('o'), Action::CycleSort, "keys.sort", true),
        b(
            FollowUp,
            Char('t'),
            Action::CyclePeriod,
            "bilan.key_period",
            false,
        ),
        b(
            FollowUp,
            Char('x'),
            Action::CycleFilter,
            "keys.filter",
            true,
        ),
        b(FollowUp, Char('a'), Action::Add, "keys.add_meeting", false),
        b(
            FollowUp,
            Char('d'),
            Action::Delete,
            "keys.delete_meeting",
            false,
        ),
        b(
            FollowUp,
            Char('S'),
            Action::NewSynergy,
            "skeys.from_line",
            false,
        ),
        b(FollowUp, Esc, Action::Back, "keys.back", true),
        // Suivi › Synergies: the board by stage
        b(Synergies, Tab, Action::NextTab, "keys.followup_view", false),
        b(
            Synergies,
            BackTab,
            Action::PrevTab,
            "keys.followup_view",
            false,
        ),
        b(Synergies, Left, Action::Left, "keys.left", false),
        b(Synergies, Right, Action::Right, "keys.right", false),
        b(Synergies, Up, Action::Up, "keys.up", false),
        b(Synergies, Down, Action::Down, "keys.down", false),
        b(Synergies, Enter, Action::Activate, "skeys.open_sheet", true),
        b(
            Synergies,
            Char('>'),
            Action::StageNext,
            "skeys.stage_next",
            true,
        ),
        b(
            Synergies,
            Char('<'),
            Action::StagePrev,
            "skeys.stage_prev",
            true,
        ),
        b(
            Synergies,
            Char('X'),
            Action::Abandon,
            "skeys.abandon",
            false,
        ),
        b(Synergies, Char('a'), Action::Add, "skeys.add", true),
        b(
            Synergies,
            Char('x'),
            Action::CycleFilter,
            "keys.filter",
            true,
        ),
        b(Synergies, Char('d'), Action::Delete, "skeys.delete", false),
        b(Synergies, Esc, Action::Back, "keys.back", false),
        // A synergy's sheet
        b(SynergySheet, Up, Action::Up, "keys.up", false),
        b(SynergySheet, Down, Action::Down, "keys.down", false),
        b(
            SynergySheet,
            Enter,
            Action::Activate,
            "skeys.sheet_edit",
            true,
        ),
        b(
            SynergySheet,
            Char('>'),
            Action::StageNext,
            "skeys.stage_next",
            false,
        ),
        b(
            SynergySheet,
            Char('<'),
            Action::StagePrev,
            "skeys.stage_prev",
            false,
        ),
        b(
            SynergySheet,
            Char('X'),
            Action::Abandon,
            "skeys.abandon",
            false,
        ),
        b(
            SynergySheet,
            Char('k'),
            Action::CycleKind,
            "skeys.kind",
            false,
        ),
        b(
            SynergySheet,
            Char('g'),
            Action::CycleGroup,
            "skeys.group",
            false,
        ),
        b(
            SynergySheet,
            Char('a'),
            Action::Add,
            "skeys.add_impact",
            true,
        ),
        b(
            SynergySheet,
            Char('d'),
            Action::Delete,
            "skeys.remove_impact",
            false,
        ),
        b(SynergySheet, Esc, Action::Back, "skeys.sheet_close", true),
    ]
}

/// The dialogs at opening and between workshops, then the workshop's screens.
pub(super) fn workshop() -> Vec<Binding> {
    vec![
        // The copies a file-sync tool left, at opening
        b(Copies, Enter, Action::Activate, "keys.copies_merge", true),
        b(Copies, Esc, Action::Back, "keys.copies_later", true),
        b(Copies, Char('q'), Action::Back, "keys.copies_later", false),
        bm(Copies, Char('c'), CTRL, Action::Back, "keys.copies_later"),
        // Starting the next workshop
        b(
            Commitments,
            Char('N'),
            Action::OpenNextWorkshop,
            "keys.next_workshop",
            false,
        ),
        b(
            Closed,
            Char('N'),
            Action::OpenNextWorkshop,
            "keys.next_workshop",
            true,
        ),
        b(NextWorkshop, Up, Action::Up, "keys.up", false),
        b(NextWorkshop, Down, Action::Down, "keys.down", false),
        b(
            NextWorkshop,
            Enter,
            Action::Activate,
            "keys.next_workshop_enter",
            true,
        ),
        b(NextWorkshop, Esc, Action::Back, "keys.cancel", true),
        // No text here: q and Ctrl-C close the dialog (the workshop is not started).
        b(NextWorkshop, Char('q'), Action::Back, "keys.cancel", false),
        bm(NextWorkshop, Char('c'), CTRL, Action::Back, "keys.cancel"),
        // Préparation
        b(Preparation, Tab, Action::NextTab, "keys.next_tab", true),
        b(
            Preparation,
            BackTab,
            Action::PrevTab,
            "keys.prev_tab",
            false,
        ),
        b(Preparation, Up, Action::Up, "keys.up", false),
        b(Preparation, Down, Action::Down, "keys.down", false),
        b(Preparation, Left, Action::Left, "keys.left", false),
        b(Preparation, Right, Action::Right, "keys.right", false),
        b(Preparation, Enter, Action::Activate, "keys.edit", true),
        b(Preparation, Char('a'), Action::Add, "keys.add", true),
        b(Preparation, Char('d'), Action::Delete, "keys.delete", false),
        b(
            Preparation,
            Char('S'),
            Action::NewSynergy,
            "skeys.from_lead",
            false,
        ),
        bm(Preparation, Up, SHIFT, Action::MoveUp, "keys.move_up"),
        bm(Preparation, Down, SHIFT, Action::MoveDown, "keys.move_down"),
        b(
            Preparation,
            Char('['),
            Action::RoundPrev,
            "keys.round_prev",
            false,
        ),
        b(
            Preparation,
            Char(']'),
            Action::RoundNext,
            "keys.round_next",
            false,
        ),
        // Préparation › Invitations: participants from the register's establishments
        // The footer has room for the list's own keys rather than Tab.
        b(Invitations, Tab, Action::NextTab, "keys.next_tab", false),
        b(
            Invitations,
            BackTab,
            Action::PrevTab,
            "keys.prev_tab",
            false,
        ),
        b(Invitations, Up, Action::Up, "keys.up", false),
        b(Invitations, Down, Action::Down, "keys.down", false),
        b(
            Invitations,
            Enter,
            Action::Activate,
            "keys.invite_one",
            true,
        ),
        b(
            Invitations,
            Char('c'),
            Action::InviteAll,
            "keys.invite_all",
            true,
        ),
        // Groupes: the grid of posters
        b(Groups, Tab, Action::FocusNext, "keys.focus_next", true),
        b(Groups, BackTab, Action::FocusPrev, "keys.focus_prev", false),
        b(Groups, Right, Action::Right, "keys.focus_next", false),
        b(Groups, Left, Action::Left, "keys.focus_prev", false),
        b(Groups, Down, Action::Down, "keys.focus_below", false),
        b(Groups, Up, Action::Up, "keys.focus_above", false),
        b(Groups, Enter, Action::Activate, "keys.open_poster", true),
        // A poster full screen (Groupes, Restitution)
        b(Poster, Up, Action::Up, "keys.up", false),
        b(Poster, Down, Action::Down, "keys.down", false),
        b(Poster, Left, Action::Left, "keys.left", false),
        b(Poster, Right, Action::Right, "keys.right", false),
        b(Poster, Home, Action::Home, "keys.home", false),
        b(Poster, End, Action::End, "keys.end", false),
        b(Poster, Enter, Action::Activate, "keys.edit", true),
        b(Poster, Char('a'), Action::Add, "keys.add_line", true),
        b(Poster, Char('o'), Action::AddBelow, "keys.add_below", true),
        b(
            Poster,
            Char('r'),
            Action::AddReaction,
            "keys.add_reaction",
            false,
        ),
        b(Poster, Char('d'), Action::Delete, "keys.delete", false),
        b(
            Poster,
            Char('s'),
            Action::CycleStatus,
            "keys.cycle_status",
            false,
        ),
        b(
            Poster,
            Char('h'),
            Action::ShowHistory,
            "keys.history",
            false,
        ),
        bm(Poster, Up, SHIFT, Action::MoveUp, "keys.move_up"),
        bm(Poster, Down, SHIFT, Action::MoveDown, "keys.move_down"),
        b(Poster, Char('K'), Action::MoveUp, "keys.move_up", false),
        b(Poster, Char('J'), Action::MoveDown, "keys.move_down", false),
        b(Poster, Tab, Action::FocusNext, "keys.poster_tab", false),
        b(
            Poster,
            BackTab,
            Action::FocusPrev,
            "keys.poster_backtab",
            false,
        ),
        b(
            Poster,
            Char('S'),
            Action::NewSynergy,
            "skeys.from_line",
            false,
        ),
        b(Poster, Esc, Action::Back, "keys.back", true),
        // Restitution notes
        b(Notes, Enter, Action::Activate, "keys.edit_notes", true),
        b(Notes, Tab, Action::FocusNext, "keys.notes_tab", true),
        b(Notes, BackTab, Action::FocusPrev, "keys.notes_tab", false),
        b(Notes, Esc, Action::Back, "keys.notes_tab", false),
        // Rotation (and Préparation › Tours): move people between tables
        b(Rotation, Up, Action::Up, "keys.up", false),
        b(Rotation, Down, Action::Down, "keys.down", false),
        b(Rotation, Left, Action::Left, "keys.left", false),
        b(Rotation, Right, Action::Right, "keys.right", false),
        b(Rotation, Enter, Action::Activate, "keys.pick_drop", true),
        b(Rotation, Char('x'), Action::Swap, "keys.swap", false),
        b(Rotation, Esc, Action::Back, "keys.drop_cancel", false),
        b(Rotation, Tab, Action::NextTab, "keys.next_tab", false),
        b(Rotation, BackTab, Action::PrevTab, "keys.prev_tab", false),
        b(
            Rotation,
            Char('['),
            Action::RoundPrev,
            "keys.round_prev",
            false,
        ),
        b(
            Rotation,
            Char(']'),
            Action::RoundNext,
            "keys.round_next",
            false,
        ),
        // Engagements
        b(Commitments, Tab, Action::FocusNext, "keys.focus_next", true),
        b(
            Commitments,
            BackTab,
            Action::FocusPrev,
            "keys.focus_prev",
            false,
        ),
        b(Commitments, Up, Action::Up, "keys.up", false),
        b(Commitments, Down, Action::Down, "keys.down", false),
        b(
            Commitments,
            Enter,
            Action::Activate,
            "keys.commit_toggle",
            true,
        ),
        b(
            Commitments,
            Char('w'),
            Action::ToggleAnotherWorkshop,
            "keys.another_workshop",
            true,
        ),
    ]
}

/// Text entry, lists, the help, the territory and the launcher.
pub(super) fn text_and_lists() -> Vec<Binding> {
    vec![
        // Text entry: Enter and Tab keep what was typed, Esc cancels (as in every form).
        b(Edit, Enter, Action::EditCommit, "keys.edit_commit", true),
        b(Edit, Tab, Action::EditNext, "keys.edit_next", true),
        b(Edit, Esc, Action::EditCancel, "keys.edit_cancel", true),
        bm(Edit, Char('c'), CTRL, Action::Interrupt, "keys.interrupt"),
        // The text area's own keys, listed in the help (F1: `?` is text here).
        bm(
            Edit,
            Char('u'),
            CTRL,
            edit(Char('u'), CTRL),
            "keys.edit_clear",
        ),
        b(Edit, Home, edit(Home, NONE), "keys.edit_home", false),
        b(Edit, End, edit(End, NONE), "keys.edit_end", false),
        bm(Edit, Left, CTRL, edit(Left, CTRL), "keys.edit_word_left"),
        bm(Edit, Right, CTRL, edit(Right, CTRL), "keys.edit_word_right"),
        bm(
            Edit,
            Char('w'),
            CTRL,
            edit(Char('w'), CTRL),
            "keys.edit_delete_word",
        ),
        bm(
            Edit,
            Char('k'),
            CTRL,
            edit(Char('k'), CTRL),
            "keys.edit_delete_end",
        ),
        // Shift-Tab: validates and goes back a cell (never text; see `overlays::editor`).
        b(
            Edit,
            BackTab,
            edit(BackTab, KeyModifiers::NONE),
            "keys.edit_prev",
            false,
        ),
        b(Edit, F(1), Action::Help, "keys.help", false),
        // Choosing from a list
        b(Picker, Up, Action::Up, "keys.up", false),
        b(Picker, Down, Action::Down, "keys.down", false),
        b(Picker, Enter, Action::Activate, "keys.pick", true),
        b(Picker, Esc, Action::Back, "keys.cancel", true),
        // Help overlay
        b(Help, Esc, Action::Back, "keys.close_help", true),
        b(Help, Char('?'), Action::Back, "keys.close_help", false),
        b(Help, Char('q'), Action::Back, "keys.close_help", false),
        // Territory
        b(Territory, Up, Action::Up, "keys.up", false),
        b(Territory, Down, Action::Down, "keys.down", false),
        b(Territory, Enter, Action::Activate, "keys.open_zone", true),
        b(Territory, Char('s'), Action::CycleSort, "keys.sort", true),
        b(Territory, Esc, Action::Back, "keys.back_launcher", true),
        b(Territory, Char('q'), Action::Quit, "keys.quit", false),
        bm(Territory, Char('c'), CTRL, Action::Quit, "keys.quit"),
        // Launcher
        b(Launcher, Up, Action::Up, "keys.up", false),
        b(Launcher, Down, Action::Down, "keys.down", false),
        b(Launcher, Enter, Action::Activate, "keys.open", true),
        b(Launcher, Esc, Action::Quit, "keys.quit", true),
        b(Launcher, Char('q'), Action::Quit, "keys.quit", false),
        bm(Launcher, Char('c'), CTRL, Action::Quit, "keys.quit"),
    ]
}

/// `R` and the digits of the workshop's screens.
pub(super) fn numbered() -> Vec<Binding> {
    let mut v = Vec::new();
    v.push(b(
        Rotation,
        Char('R'),
        Action::ProposeRotation,
        "keys.propose_rotation",
        true,
    ));
    v.push(b(
        Groups,
        Char('R'),
        Action::ProposeRotation,
        "keys.propose_rotation",
        false,
    ));
    v.push(b(
        Preparation,
        Char('R'),
        Action::ProposeRotation,
        "keys.propose_rotation",
        false,
    ));
    for n in 1..=9u8 {
        let c = Char(char::from(b'0' + n));
        v.push(b(
            Groups,
            c,
            Action::FocusGroup(n),
            "keys.focus_group",
            n == 1,
        ));
        v.push(b(
            Rotation,
            c,
            Action::FocusGroup(n),
            "keys.send_to_group",
            false,
        ));
        v.push(b(
            Commitments,
            c,
            Action::FocusGroup(n),
            "keys.focus_group",
            false,
        ));
    }
    v.push(b(
        Rotation,
        Char('0'),
        Action::FocusGroup(0),
        "keys.unseat",
        false,
    ));
    v
}
