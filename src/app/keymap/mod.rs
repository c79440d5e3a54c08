//! The one keymap table. Lookups, the footer hints and the help overlay all read it, so they
//! can never disagree with the keys.

use super::key::{Key, KeyCode, KeyModifiers};
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
    Diagnostic,
    Introductions,
    Census,
    Grouping,
    Vote,
    /// A dot being typed: the participant's number or name.
    DotEntry,
    Questions,
    Closing,
    /// Suivi › Synergies: the board by stage.
    Synergies,
    /// A synergy's sheet, over the board.
    SynergySheet,
    // The annual plenary's steps.
    PlenaryBilan,
    PlenaryReview,
    PlenaryLeads,
    PlenaryNext,
    /// The room in the browsers' panel (`W`).
    Room,
    /// The copies a file-sync tool left, offered at opening.
    Copies,
    /// Every zone on one screen (`atelier territoire`, the launcher's « Territoire »).
    Territory,
    /// Préparation › Invitations: the establishments of the zone to invite.
    Invitations,
}

impl Mode {
    /// Modes where typed characters are text (or dialogs), so global keys must not fire.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Edit
                | Mode::Picker
                | Mode::Help
                | Mode::Launcher
                | Mode::NextWorkshop
                | Mode::DotEntry
                // The room's panel is a dialog over the screen: PgDn, Space or `n` do not
                // run the workshop under it.
                | Mode::Room
                | Mode::Copies
                | Mode::Territory
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
            Mode::Diagnostic => "rmode.diagnostic",
            Mode::Introductions => "rmode.introductions",
            Mode::Census => "rmode.census",
            Mode::Grouping => "rmode.grouping",
            Mode::Vote => "rmode.vote",
            Mode::DotEntry => "rmode.dot_entry",
            Mode::Questions => "rmode.questions",
            Mode::Closing => "rmode.closing",
            Mode::Synergies => "mode.synergies",
            Mode::SynergySheet => "mode.synergy_sheet",
            Mode::PlenaryBilan => "pmode.bilan",
            Mode::PlenaryReview => "pmode.review",
            Mode::PlenaryLeads => "pmode.leads",
            Mode::PlenaryNext => "pmode.next",
            Mode::Room => "mode.room",
            Mode::Copies => "mode.copies",
            Mode::Territory => "mode.territory",
            Mode::Invitations => "mode.invitations",
        }
    }
}

/// Who this process is on the session (`State::seat`): the keys it may use follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// `atelier open`: runs the room (steps, timer, what opens over the workshop).
    Facilitator,
    /// `atelier join`: one group's poster.
    Rapporteur,
    /// `atelier join --cartes`: cards and dots of the rencontre.
    Assistant,
}

/// Who may use a binding. A key refused to a seat is neither in its footer nor in its
/// help, and `update` answers it with « réservé à l'animation ».
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Everyone,
    /// The steps, the timer, moving between groups, what opens over the workshop, the
    /// rencontre's settings.
    Facilitator,
}

impl Who {
    pub fn admits(self, seat: Seat) -> bool {
        match self {
            Who::Everyone => true,
            Who::Facilitator => seat == Seat::Facilitator,
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
    /// Who may use it.
    pub who: Who,
}

mod table;

use table::BINDINGS;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};
use Mode::*;

pub fn bindings() -> &'static [Binding] {
    &BINDINGS
}

fn matches(binding: &Binding, key: &Key) -> bool {
    // Shifted characters arrive as the uppercase char, with or without SHIFT set; Shift-Tab
    // arrives as BackTab, which terminals send with SHIFT set too.
    let mods = if let Char(_) | BackTab = key.code {
        key.modifiers - SHIFT
    } else {
        key.modifiers
    };
    let want = if let Char(_) | BackTab = binding.code {
        binding.mods - SHIFT
    } else {
        binding.mods
    };
    binding.code == key.code && mods == want
}

/// The bindings that apply in a mode: its own first, then the global ones (except where
/// keys are text).
fn in_mode(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    bindings().iter().filter(move |b| b.mode == mode).chain(
        bindings()
            .iter()
            .filter(move |b| b.mode == Global && !mode.takes_text()),
    )
}

/// The action for a key in a mode: the mode's own bindings first, then the global ones
/// (except where keys are text). In text modes unbound keys become text input.
pub fn action_for(mode: Mode, key: Key) -> Option<Action> {
    let found = in_mode(mode)
        .find(|b| matches(b, &key))
        .map(|b| b.action.clone());
    match (found, mode) {
        (Some(a), _) => Some(a),
        (None, Mode::Edit | Mode::Picker | Mode::DotEntry) => Some(Action::EditKey(key)),
        (None, Mode::Launcher) if key.code == Char('c') && key.modifiers == CTRL => {
            Some(Action::Quit)
        }
        _ => None,
    }
}

/// Whether `seat` may do `action` in `mode`: what the first binding of the action there
/// says. Actions no key gives (the clock, the file, typed text) are everyone's.
pub fn allowed(seat: Seat, mode: Mode, action: &Action) -> bool {
    let own = bindings().iter().filter(|b| b.mode == mode);
    // The global keys even where keys are text: an action sent there otherwise than by a
    // key is still refused.
    let global = bindings().iter().filter(|b| b.mode == Global);
    own.chain(global)
        .find(|b| b.action == *action)
        .is_none_or(|b| b.who.admits(seat))
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

fn entries(mode: Mode, seat: Seat, only_hints: bool) -> Vec<HintEntry> {
    let mut out: Vec<(Action, &'static str, Vec<String>)> = Vec::new();
    for b in bindings()
        .iter()
        .filter(|b| b.mode == mode && (!only_hints || b.hint) && b.who.admits(seat))
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

/// Footer hints for a seat: the next step first (what the facilitator needs most), then the
/// essentials of the mode, then the other global essentials; only keys the seat may use.
pub fn hints(mode: Mode, seat: Seat) -> Vec<HintEntry> {
    if mode.takes_text() {
        return entries(mode, seat, true);
    }
    let global = entries(Global, seat, true);
    let next_step = t!("keys.next_step");
    let (first, rest): (Vec<_>, Vec<_>) = global.into_iter().partition(|e| e.text == next_step);
    let mut v = first;
    v.extend(entries(mode, seat, true));
    v.extend(rest);
    v
}

/// Everything for the help overlay of a seat: (section title, entries), current mode first.
pub fn help_sections(mode: Mode, seat: Seat) -> Vec<(String, Vec<HintEntry>)> {
    let mut v = vec![(
        t!(mode.label_key()).into_owned(),
        entries(mode, seat, false),
    )];
    if !mode.takes_text() && mode != Global {
        v.push((
            t!(Global.label_key()).into_owned(),
            entries(Global, seat, false),
        ));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
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
            action_for(Poster, Key::new(Char('K'), SHIFT)),
            Some(Action::MoveUp)
        );
        assert_eq!(action_for(Poster, key(Char('K'))), Some(Action::MoveUp));
        assert_eq!(
            action_for(Poster, Key::new(Up, SHIFT)),
            Some(Action::MoveUp)
        );
        assert_eq!(action_for(Poster, key(Up)), Some(Action::Up));
        assert_eq!(
            action_for(Groups, Key::new(Char('+'), SHIFT)),
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
        let h = hints(Groups, Seat::Facilitator);
        assert!(h.iter().any(|e| e.keys == "PgDn/n"), "{h:?}");
        assert!(h.iter().any(|e| e.keys == "1…9"), "{h:?}");
        let help = help_sections(Poster, Seat::Facilitator);
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

#[cfg(test)]
mod seat_tests {
    use super::*;
    use crate::app::testing::state_at;
    use crate::app::{State, update};
    use crate::domain::Phase;

    const REFUSED: [&str; 2] = ["flash.facilitator_only", "rassist.facilitator_only"];

    /// The example as a rapporteur of group 2 (`join`), or as an assistant (`join --cartes`).
    fn seated(seat: Seat) -> State {
        let mut st = state_at(Phase::Groups { round: 2 });
        let theme = st.group_themes().get(1).copied();
        update(
            &mut st,
            Action::SetSeat {
                who: "x".into(),
                scope: (seat == Seat::Rapporteur).then_some(theme).flatten(),
                assistant: seat == Seat::Assistant,
            },
        );
        assert_eq!(st.seat(), seat);
        st
    }

    fn refused(st: &State) -> bool {
        st.flash.as_ref().is_some_and(|f| {
            REFUSED
                .iter()
                .any(|k| f.text == rust_i18n::t!(*k).into_owned())
        })
    }

    fn footer(st: &State) -> String {
        let (w, h) = (200, 40);
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        crate::ui::render(st, buf.area, &mut buf);
        (0..w)
            .filter_map(|x| buf.cell((x, h - 1)).map(|c| c.symbol().to_string()))
            .collect()
    }

    #[test]
    fn a_seat_is_shown_exactly_the_keys_it_may_use() {
        for seat in [Seat::Rapporteur, Seat::Assistant] {
            let st = seated(seat);
            let mode = st.mode();
            // Each key of the mode and the global ones: refused exactly when the footer and
            // the help leave it out.
            for b in in_mode(mode) {
                let mut st = seated(seat);
                // A global key the mode binds to something else is that other binding's.
                if action_for(mode, Key::new(b.code, b.mods)).as_ref() != Some(&b.action) {
                    continue;
                }
                update(&mut st, b.action.clone());
                assert_eq!(
                    refused(&st),
                    !b.who.admits(seat),
                    "{seat:?} {mode:?} {:?}",
                    b.code
                );
            }
            let help: Vec<String> = help_sections(mode, seat)
                .into_iter()
                .flat_map(|(_, e)| e.into_iter().map(|e| e.text))
                .collect();
            let shown = footer(&st);
            for key in ["keys.next_step", "keys.timer_toggle", "keys.back"] {
                let text = rust_i18n::t!(key).into_owned();
                assert!(!help.contains(&text), "{seat:?} help: {text}");
                assert!(!shown.contains(&text), "{seat:?} footer: {shown}");
            }
            assert!(!shown.contains("PgDn"), "{seat:?}: {shown}");
        }
        // The facilitator's footer keeps them.
        let st = state_at(Phase::Groups { round: 2 });
        assert!(footer(&st).contains("PgDn"), "{}", footer(&st));
    }

    #[test]
    fn the_keys_of_one_action_in_a_mode_agree_on_who() {
        for a in bindings() {
            for b in bindings() {
                if a.mode == b.mode && a.action == b.action {
                    assert_eq!(a.who, b.who, "{:?} {:?}", a.mode, a.action);
                }
            }
        }
    }
}
