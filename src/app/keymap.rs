//! The one keymap table. Lookups, the footer hints and the help overlay all read it, so they
//! can never disagree with the keys.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rust_i18n::t;

use super::Action;

/// Input modes. `Global` bindings apply in every mode where keys are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Global,
    Launcher,
    Preparation,
    Presentation,
    Groups,
    Poster,
    Notes,
    Rotation,
    Commitments,
    Closed,
    Edit,
    Picker,
    Help,
    FollowUp,
    NextWorkshop,
}

impl Mode {
    /// Modes where typed characters are text, so global single-letter keys must not fire.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Edit | Mode::Picker | Mode::Help | Mode::Launcher | Mode::NextWorkshop
        )
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Mode::Global => "mode.global",
            Mode::Launcher => "mode.launcher",
            Mode::Preparation => "mode.preparation",
            Mode::Presentation => "mode.presentation",
            Mode::Groups => "mode.groups",
            Mode::Poster => "mode.poster",
            Mode::Notes => "mode.notes",
            Mode::Rotation => "mode.rotation",
            Mode::Commitments => "mode.commitments",
            Mode::Closed => "mode.closed",
            Mode::Edit => "mode.edit",
            Mode::Picker => "mode.picker",
            Mode::Help => "mode.help",
            Mode::FollowUp => "mode.followup",
            Mode::NextWorkshop => "mode.next_workshop",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub mode: Mode,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// Locale key of the description.
    pub help: &'static str,
    /// Shown in the footer (the essentials); every binding is in the help overlay.
    pub hint: bool,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn b(mode: Mode, code: KeyCode, action: Action, help: &'static str, hint: bool) -> Binding {
    Binding {
        mode,
        code,
        mods: NONE,
        action,
        help,
        hint,
    }
}

fn bm(
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
        action,
        help,
        hint: false,
    }
}

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};
use Mode::*;

static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    let mut v = vec![
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
        b(FollowUp, Esc, Action::Back, "keys.back", true),
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
        // Text entry: Enter and Esc both keep what was typed (u undoes it afterwards).
        b(Edit, Enter, Action::EditCommit, "keys.edit_commit", true),
        b(Edit, Esc, Action::EditCommit, "keys.edit_commit", false),
        b(Edit, Tab, Action::EditNext, "keys.edit_next", true),
        // Choosing from a list
        b(Picker, Up, Action::Up, "keys.up", false),
        b(Picker, Down, Action::Down, "keys.down", false),
        b(Picker, Enter, Action::Activate, "keys.pick", true),
        b(Picker, Esc, Action::Back, "keys.cancel", true),
        // Help overlay
        b(Help, Esc, Action::Back, "keys.close_help", true),
        b(Help, Char('?'), Action::Back, "keys.close_help", false),
        b(Help, Char('q'), Action::Back, "keys.close_help", false),
        // Launcher
        b(Launcher, Up, Action::Up, "keys.up", false),
        b(Launcher, Down, Action::Down, "keys.down", false),
        b(Launcher, Enter, Action::Activate, "keys.open", true),
        b(Launcher, Esc, Action::Quit, "keys.quit", true),
        b(Launcher, Char('q'), Action::Quit, "keys.quit", false),
        bm(Launcher, Char('c'), CTRL, Action::Quit, "keys.quit"),
    ];
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
});

pub fn bindings() -> &'static [Binding] {
    &BINDINGS
}

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    // Shifted characters arrive as the uppercase char, with or without SHIFT set.
    let mods = if let Char(_) = key.code {
        key.modifiers - SHIFT
    } else {
        key.modifiers
    };
    let want = if let Char(_) = binding.code {
        binding.mods - SHIFT
    } else {
        binding.mods
    };
    binding.code == key.code && mods == want
}

/// The action for a key in a mode: the mode's own bindings first, then the global ones
/// (except where keys are text). In text modes unbound keys become text input.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let found = bindings()
        .iter()
        .filter(|b| b.mode == mode)
        .chain(
            bindings()
                .iter()
                .filter(|b| b.mode == Global && !mode.takes_text()),
        )
        .find(|b| matches(b, &key))
        .map(|b| b.action.clone());
    match (found, mode) {
        (Some(a), _) => Some(a),
        (None, Mode::Edit | Mode::Picker) => Some(Action::EditKey(key)),
        (None, Mode::Launcher) if key.code == Char('c') && key.modifiers == CTRL => {
            Some(Action::Quit)
        }
        _ => None,
    }
}

/// How a key is written in hints: `Entrée`, `PgDn`, `Maj+↑`.
pub fn key_label(code: KeyCode, mods: KeyModifiers) -> String {
    let base = match code {
        Enter => t!("keyname.enter").into_owned(),
        Esc => t!("keyname.esc").into_owned(),
        Tab => "Tab".into(),
        BackTab => t!("keyname.backtab").into_owned(),
        Backspace => t!("keyname.backspace").into_owned(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        Home => t!("keyname.home").into_owned(),
        End => t!("keyname.end").into_owned(),
        F(n) => format!("F{n}"),
        Char(' ') => t!("keyname.space").into_owned(),
        Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if mods.contains(CTRL) {
        format!("Ctrl-{base}")
    } else if mods.contains(SHIFT) && !matches!(code, Char(_)) {
        format!("{}+{base}", t!("keyname.shift"))
    } else {
        base
    }
}

/// One help or hint entry: all the keys of one action in a mode, with its description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HintEntry {
    pub keys: String,
    pub text: String,
}

fn entries(mode: Mode, only_hints: bool) -> Vec<HintEntry> {
    let mut out: Vec<(Action, &'static str, Vec<String>)> = Vec::new();
    for b in bindings()
        .iter()
        .filter(|b| b.mode == mode && (!only_hints || b.hint))
    {
        // Digits 1–9 are one entry: "1…9".
        let label = match b.action {
            Action::FocusGroup(n) if n >= 1 => "1…9".to_string(),
            _ => key_label(b.code, b.mods),
        };
        match out.iter_mut().find(|(a, h, _)| {
            *h == b.help
                && (a == &b.action
                    || matches!(
                        (a, &b.action),
                        (Action::FocusGroup(_), Action::FocusGroup(_))
                    ))
        }) {
            Some((_, _, keys)) => {
                if !keys.contains(&label) {
                    keys.push(label);
                }
            }
            None => out.push((b.action.clone(), b.help, vec![label])),
        }
    }
    out.into_iter()
        .map(|(_, help, keys)| HintEntry {
            keys: keys.join("/"),
            text: t!(help).into_owned(),
        })
        .collect()
}

/// Footer hints: the next step first (what the facilitator needs most), then the essentials
/// of the mode, then the other global essentials.
pub fn hints(mode: Mode) -> Vec<HintEntry> {
    if mode.takes_text() {
        return entries(mode, true);
    }
    let global = entries(Global, true);
    let (first, rest): (Vec<_>, Vec<_>) =
        global.into_iter().enumerate().partition(|(i, _)| *i == 0);
    let mut v: Vec<HintEntry> = first.into_iter().map(|(_, e)| e).collect();
    v.extend(entries(mode, true));
    v.extend(rest.into_iter().map(|(_, e)| e));
    v
}

/// Everything for the help overlay: (section title, entries), current mode first.
pub fn help_sections(mode: Mode) -> Vec<(String, Vec<HintEntry>)> {
    let mut v = vec![(t!(mode.label_key()).into_owned(), entries(mode, false))];
    if !mode.takes_text() && mode != Global {
        v.push((t!(Global.label_key()).into_owned(), entries(Global, false)));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, NONE)
    }

    #[test]
    fn clicker_keys_move_steps_everywhere_but_in_text() {
        for mode in [Groups, Poster, Presentation, Rotation, Commitments, Closed] {
            assert_eq!(action_for(mode, key(PageDown)), Some(Action::NextStep));
            assert_eq!(action_for(mode, key(PageUp)), Some(Action::PrevStep));
        }
        assert_eq!(
            action_for(Edit, key(Char('n'))),
            Some(Action::EditKey(key(Char('n'))))
        );
        assert_eq!(
            action_for(Edit, key(PageDown)),
            Some(Action::EditKey(key(PageDown)))
        );
    }

    #[test]
    fn mode_bindings_win_over_global_ones() {
        assert_eq!(
            action_for(Groups, key(Char('1'))),
            Some(Action::FocusGroup(1))
        );
        assert_eq!(action_for(Poster, key(Esc)), Some(Action::Back));
        assert_eq!(action_for(Help, key(Char('q'))), Some(Action::Back));
        assert_eq!(action_for(Groups, key(Char('q'))), Some(Action::Quit));
    }

    #[test]
    fn shifted_chars_match_with_or_without_the_shift_flag() {
        assert_eq!(
            action_for(Poster, KeyEvent::new(Char('K'), SHIFT)),
            Some(Action::MoveUp)
        );
        assert_eq!(action_for(Poster, key(Char('K'))), Some(Action::MoveUp));
        assert_eq!(
            action_for(Poster, KeyEvent::new(Up, SHIFT)),
            Some(Action::MoveUp)
        );
        assert_eq!(action_for(Poster, key(Up)), Some(Action::Up));
        assert_eq!(
            action_for(Groups, KeyEvent::new(Char('+'), SHIFT)),
            Some(Action::TimerPlus)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        let all = bindings();
        for (i, a) in all.iter().enumerate() {
            for bb in &all[i + 1..] {
                assert!(
                    !(a.mode == bb.mode && a.code == bb.code && a.mods == bb.mods),
                    "{:?} {:?} bound twice in {:?}",
                    a.code,
                    a.mods,
                    a.mode
                );
            }
        }
    }

    #[test]
    fn hints_come_from_the_table() {
        let h = hints(Groups);
        assert!(h.iter().any(|e| e.keys == "PgDn/n"), "{h:?}");
        assert!(h.iter().any(|e| e.keys == "1…9"), "{h:?}");
        let help = help_sections(Poster);
        assert_eq!(help.len(), 2);
        // Every binding of the mode appears in its help section.
        let keys: Vec<_> = help[0].1.iter().map(|e| e.keys.clone()).collect();
        assert!(keys.iter().any(|k| k.contains("K")), "{keys:?}");
    }
}

#[cfg(test)]
mod locale_tests {
    #[test]
    fn every_binding_has_a_description_in_both_languages() {
        for lang in ["fr", "en"] {
            for b in super::bindings() {
                let text = rust_i18n::t!(b.help, locale = lang);
                assert_ne!(text, b.help, "{} missing in {lang}", b.help);
            }
        }
    }
}
