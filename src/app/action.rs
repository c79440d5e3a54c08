//! Everything the user (or the clock) can ask of the app. Keys map to these through the
//! keymap table; `update` is the only consumer.

use super::key::Key;

use crate::domain::Timestamp;

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // Workshop navigation
    NextStep,
    PrevStep,
    TimerToggle,
    TimerPlus,
    TimerMinus,
    // Focus and movement
    FocusNext,
    FocusPrev,
    FocusGroup(u8),
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    /// Enter: open the focused pane, edit the selected cell, toggle the selected item.
    Activate,
    /// Esc: leave full screen, close an overlay.
    Back,
    // Poster and lists
    /// A new item: at the end of the list.
    Add,
    /// A new poster line under the selected one.
    AddBelow,
    AddReaction,
    Delete,
    MoveUp,
    MoveDown,
    CycleStatus,
    ShowHistory,
    Undo,
    Redo,
    // Phase-specific
    ToggleAnotherWorkshop,
    PrevTab,
    NextTab,
    RoundPrev,
    RoundNext,
    ToggleFollowUp,
    CycleSort,
    /// Suivi's Bilan: the next period.
    CyclePeriod,
    CycleFilter,
    OpenNextWorkshop,
    /// Plan the rounds' tables (the rotation planner), applied at once and undoable.
    ProposeRotation,
    /// Table editor: pick the selected person, then swap them with the next one picked.
    Swap,
    /// Export every format now (the event loop writes the files).
    Export,
    /// The room in the browsers: its panel, and the room started if needed (`W`).
    ToggleRoom,
    /// A new link for the chosen role (the old one stops working).
    RoomRevoke,
    RoomStop,
    /// From the shell: the room runs with these links (or is stopped); the row whose link
    /// was just revoked.
    RoomState(
        Option<crate::overlays::room::model::RoomInfo>,
        Option<usize>,
    ),
    /// From the shell: the room could not start, and why.
    RoomFailed(String),
    /// Copies a file-sync tool left beside the session, found at opening.
    CopiesFound(Vec<std::path::PathBuf>),
    /// The shell merged the copies: how many, the texts kept in the lines' history, and
    /// why each copy that could not be read was left.
    CopiesMerged {
        merged: usize,
        kept: usize,
        failed: Vec<String>,
    },
    /// The outcome of an export, for the footer.
    Exported {
        ok: bool,
        message: String,
    },
    // The rencontre inter-entreprises
    /// Open or leave the rencontre (it is created the first time).
    ToggleRencontre,
    /// Recensement: the selected card's kind, author, flow.
    CycleKind,
    PickAuthor,
    CycleFlow,
    /// Regroupement: a candidate theme from the selected card; rename, merge, delete one.
    NewCandidate,
    RenameCandidate,
    MergeCandidate,
    DeleteCandidate,
    /// Regroupement: the next or previous synergy lead; accept or dismiss it.
    NextLead,
    PrevLead,
    AcceptLead,
    DismissLead,
    /// Suivi › Synergies: the selected synergy to the next or previous stage; abandoned
    /// (its reason asked for).
    StageNext,
    StagePrev,
    Abandon,
    /// A synergy from the selected poster line or synergy lead.
    NewSynergy,
    /// A synergy's sheet: its working group, in turn.
    CycleGroup,
    /// Vote: show or hide the totals.
    Reveal,
    /// The planned minutes of the rencontre's step (a person's, in the tour de table).
    Configure,
    /// The rencontre's date; the vote's rules.
    SetDate,
    VoteRules,
    /// Diagnostic: add or remove someone from the steering group.
    PickSteering,
    /// Préparation › Invitations: a participant from every invitation that has none yet.
    InviteAll,
    /// Clôture: start workshop 1 with the themes retained; plan a second rencontre.
    StartWorkshop,
    AddRencontre,
    // The annual plenary
    /// Open the plenary of the year (asking the date of a new one), or leave it.
    TogglePlenary,
    /// Revue des groupes: the room's decision on the selected item.
    Decide(crate::domain::plenary::Verdict),
    /// Nouvelles pistes: the selected lead's theme, the next one.
    CycleTheme,
    // Text editing (the editor is open)
    EditKey(Key),
    EditCommit,
    EditNext,
    EditCancel,
    /// Ctrl-C in a field: says at once how to close it and how to quit, and loses nothing
    /// (in a list being filtered, the picker says it the same way).
    Interrupt,
    Paste(String),
    // Overlays and app
    Help,
    Quit,
    // From the event loop: everything that changes the state comes through here.
    /// The clock, at every wake-up of the loop.
    Tick(Timestamp),
    Resize(u16, u16),
    Click(u16, u16),
    /// How the screen is drawn (from the command line and the environment).
    SetDisplay {
        palette: super::PaletteName,
        depth: super::Depth,
    },
    /// The session's folder cannot be written (a read-only share, a protected folder): the
    /// session is shown, and no edit is made.
    SetReadOnly,
    /// Who this process is: its label for the others, and the group of a rapporteur.
    SetSeat {
        who: String,
        scope: Option<crate::domain::ThemeId>,
        /// An assistant of the rencontre (`join --cartes`).
        assistant: bool,
    },
    /// The other processes on the file.
    Others(Vec<String>),
    /// The session and the file were brought together (`store::sync`): what came in, what
    /// went out.
    Synced {
        at: Timestamp,
        outcome: Box<crate::store::sync::SyncOutcome>,
    },
    SaveFailed(String),
    /// An older file has no session id: this one is given to it, saved with the next save
    /// and never undone (see `Op::SetId`).
    AssignId(String),
    /// Letters typed where no field is open, too many and too fast to be commands: not run
    /// (see `app::typing`); the text, for the message.
    MistypedText(String),
}
