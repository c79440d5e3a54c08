//! The rencontre inter-entreprises' keys.

use super::*;
use KeyCode::{Char, Down, Enter, Esc, Left, Right, Up};

/// The rencontre's steps, opened over the workshop with `i`.
pub(super) fn rencontre() -> Vec<Binding> {
    let mut v = Vec::new();
    // The rencontre inter-entreprises.
    v.push(b(
        Global,
        Char('i'),
        Action::ToggleRencontre,
        "rkeys.toggle_rencontre",
        false,
    ));
    v.extend([
        b(Diagnostic, Up, Action::Up, "rkeys.stake_move", false),
        b(Diagnostic, Down, Action::Down, "rkeys.stake_move", false),
        b(Diagnostic, Char('a'), Action::Add, "rkeys.stake_add", true),
        b(
            Diagnostic,
            Enter,
            Action::Activate,
            "rkeys.stake_edit",
            false,
        ),
        b(
            Diagnostic,
            Char('d'),
            Action::Delete,
            "rkeys.stake_delete",
            false,
        ),
        b(
            Diagnostic,
            Char('w'),
            Action::PickSteering,
            "rkeys.steering",
            true,
        ),
        b(
            Diagnostic,
            Char('c'),
            Action::Configure,
            "rkeys.step_minutes",
            false,
        ),
        b(Diagnostic, Char('j'), Action::SetDate, "rkeys.date", false),
        b(
            Census,
            Char('c'),
            Action::Configure,
            "rkeys.step_minutes",
            false,
        ),
        b(
            Grouping,
            Char('c'),
            Action::Configure,
            "rkeys.step_minutes",
            false,
        ),
        b(
            Questions,
            Char('c'),
            Action::Configure,
            "rkeys.step_minutes",
            false,
        ),
        b(
            Closing,
            Char('c'),
            Action::Configure,
            "rkeys.step_minutes",
            false,
        ),
        b(
            Introductions,
            Char('c'),
            Action::Configure,
            "rkeys.per_person",
            false,
        ),
        b(
            Introductions,
            Char('a'),
            Action::Add,
            "rkeys.card_speaker",
            true,
        ),
        b(
            Introductions,
            Char('k'),
            Action::CycleKind,
            "rkeys.card_speaker_kind",
            true,
        ),
        b(Census, Char('a'), Action::Add, "rkeys.card_add", true),
        b(
            Census,
            Char('k'),
            Action::CycleKind,
            "rkeys.card_kind",
            true,
        ),
        b(
            Census,
            Char('w'),
            Action::PickAuthor,
            "rkeys.card_author",
            true,
        ),
        b(
            Census,
            Char('f'),
            Action::CycleFlow,
            "rkeys.card_flow",
            false,
        ),
        b(Census, Enter, Action::Activate, "rkeys.card_edit", false),
        b(
            Census,
            Char('d'),
            Action::Delete,
            "rkeys.card_delete",
            false,
        ),
        b(Census, Left, Action::Left, "rkeys.card_column", false),
        b(Census, Right, Action::Right, "rkeys.card_column", false),
        b(Census, Up, Action::Up, "rkeys.card_move", false),
        b(Census, Down, Action::Down, "rkeys.card_move", false),
        b(
            Grouping,
            Char('t'),
            Action::NewCandidate,
            "rkeys.theme_new",
            true,
        ),
        b(
            Grouping,
            Char('r'),
            Action::RenameCandidate,
            "rkeys.theme_rename",
            false,
        ),
        b(
            Grouping,
            Char('m'),
            Action::MergeCandidate,
            "rkeys.theme_merge",
            false,
        ),
        b(
            Grouping,
            Char('X'),
            Action::DeleteCandidate,
            "rkeys.theme_delete",
            false,
        ),
        b(
            Grouping,
            Char('0'),
            Action::FocusGroup(0),
            "rkeys.card_unsort",
            false,
        ),
        b(Grouping, Enter, Action::Activate, "rkeys.group_edit", false),
        b(
            Grouping,
            Char('s'),
            Action::NextLead,
            "rkeys.lead_next",
            false,
        ),
        b(
            Grouping,
            Char('S'),
            Action::PrevLead,
            "rkeys.lead_prev",
            false,
        ),
        b(
            Grouping,
            Char('y'),
            Action::AcceptLead,
            "rkeys.lead_accept",
            true,
        ),
        b(
            Grouping,
            Char('x'),
            Action::DismissLead,
            "rkeys.lead_dismiss",
            false,
        ),
        b(Grouping, Left, Action::Left, "rkeys.card_column", false),
        b(Grouping, Right, Action::Right, "rkeys.card_column", false),
        b(Grouping, Up, Action::Up, "rkeys.card_move", false),
        b(Grouping, Down, Action::Down, "rkeys.card_move", false),
        b(Vote, Up, Action::Up, "rkeys.vote_move", false),
        b(Vote, Down, Action::Down, "rkeys.vote_move", false),
        b(Vote, Enter, Action::Activate, "rkeys.vote_dot", false),
        b(Vote, Char('v'), Action::Reveal, "rkeys.vote_reveal", true),
        b(Vote, Char('d'), Action::Delete, "rkeys.vote_remove", false),
        b(
            Vote,
            Char('c'),
            Action::Configure,
            "rkeys.step_minutes",
            false,
        ),
        b(
            Vote,
            Char('g'),
            Action::VoteRules,
            "rkeys.vote_rules",
            false,
        ),
        b(DotEntry, Enter, Action::Activate, "rkeys.dot_place", true),
        b(DotEntry, Up, Action::Up, "rkeys.vote_move", false),
        b(DotEntry, Down, Action::Down, "rkeys.vote_move", false),
        b(DotEntry, Esc, Action::Back, "rkeys.dot_cancel", true),
        bm(
            DotEntry,
            Char('c'),
            CTRL,
            Action::Interrupt,
            "keys.interrupt",
        ),
        b(Questions, Up, Action::Up, "rkeys.question_move", false),
        b(Questions, Down, Action::Down, "rkeys.question_move", false),
        b(
            Questions,
            Enter,
            Action::Activate,
            "rkeys.question_answer",
            true,
        ),
        b(Closing, Up, Action::Up, "rkeys.close_move", false),
        b(Closing, Down, Action::Down, "rkeys.close_move", false),
        b(Closing, Enter, Action::Activate, "rkeys.close_toggle", true),
        b(
            Closing,
            Char('l'),
            Action::StartWorkshop,
            "rkeys.close_start",
            true,
        ),
        b(
            Closing,
            Char('N'),
            Action::AddRencontre,
            "rkeys.close_second",
            false,
        ),
    ]);
    v
}

/// The digits of Regroupement and Vote.
pub(super) fn rencontre_numbers() -> Vec<Binding> {
    let mut v = Vec::new();
    for n in 1..=9u8 {
        let c = Char(char::from(b'0' + n));
        v.push(b(
            Grouping,
            c,
            Action::FocusGroup(n),
            "rkeys.card_to_theme",
            n == 1,
        ));
        v.push(b(
            Vote,
            c,
            Action::FocusGroup(n),
            "rkeys.vote_theme",
            n == 1,
        ));
    }
    v
}
