//! A key as the app sees it. The terminal's key events are turned into these by the terminal
//! shell (`tui::input`), so nothing in `app` depends on a terminal library; tests build them
//! directly.

use std::ops::Sub;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab: terminals send it as its own key (`ESC [ Z`), usually with SHIFT set too.
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    F(u8),
}

/// Modifier keys held with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct KeyModifiers {
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
}

impl KeyModifiers {
    pub const NONE: KeyModifiers = KeyModifiers {
        shift: false,
        ctrl: false,
        alt: false,
    };
    pub const SHIFT: KeyModifiers = KeyModifiers {
        shift: true,
        ctrl: false,
        alt: false,
    };
    pub const CONTROL: KeyModifiers = KeyModifiers {
        shift: false,
        ctrl: true,
        alt: false,
    };
    pub const ALT: KeyModifiers = KeyModifiers {
        shift: false,
        ctrl: false,
        alt: true,
    };

    /// Whether every modifier of `other` is held.
    pub fn contains(self, other: KeyModifiers) -> bool {
        (self.shift || !other.shift) && (self.ctrl || !other.ctrl) && (self.alt || !other.alt)
    }
}

impl Sub for KeyModifiers {
    type Output = KeyModifiers;

    /// These modifiers without those of `other`.
    fn sub(self, other: KeyModifiers) -> KeyModifiers {
        KeyModifiers {
            shift: self.shift && !other.shift,
            ctrl: self.ctrl && !other.ctrl,
            alt: self.alt && !other.alt,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    /// The same key for the text area of the editor.
    pub fn to_input(self) -> ratatui_textarea::Input {
        use ratatui_textarea::Key as K;
        let key = match self.code {
            KeyCode::Char(c) => K::Char(c),
            KeyCode::Enter => K::Enter,
            KeyCode::Esc => K::Esc,
            KeyCode::Tab | KeyCode::BackTab => K::Tab,
            KeyCode::Backspace => K::Backspace,
            KeyCode::Delete => K::Delete,
            KeyCode::Up => K::Up,
            KeyCode::Down => K::Down,
            KeyCode::Left => K::Left,
            KeyCode::Right => K::Right,
            KeyCode::Home => K::Home,
            KeyCode::End => K::End,
            KeyCode::PageUp => K::PageUp,
            KeyCode::PageDown => K::PageDown,
            KeyCode::F(n) => K::F(n),
            KeyCode::Insert => K::Null,
        };
        ratatui_textarea::Input {
            key,
            ctrl: self.modifiers.ctrl,
            alt: self.modifiers.alt,
            shift: self.modifiers.shift || self.code == KeyCode::BackTab,
        }
    }
}

impl From<KeyCode> for Key {
    fn from(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }
}

/// A key script, as the tests write them: plain characters are typed, `<Name>` is a special
/// key: `<Enter> <Esc> <Tab> <BackTab> <Up> <Down> <Left> <Right> <Home> <End> <PgDn> <PgUp>
/// <Space> <Bs> <S-Up> <S-Down> <C-r> <C-u> <C-w> <lt>` (`<lt>` is a `<`). An unknown name is
/// an error.
pub fn parse_script(script: &str) -> Result<Vec<Key>, String> {
    use KeyCode as C;
    const NONE: KeyModifiers = KeyModifiers::NONE;
    let mut out = Vec::new();
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            out.push(Key::new(C::Char(c), NONE));
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        let (code, mods) = match name.as_str() {
            "Enter" => (C::Enter, NONE),
            "Esc" => (C::Esc, NONE),
            "Tab" => (C::Tab, NONE),
            // As terminals send it.
            "BackTab" => (C::BackTab, KeyModifiers::SHIFT),
            "Up" => (C::Up, NONE),
            "Down" => (C::Down, NONE),
            "Left" => (C::Left, NONE),
            "Right" => (C::Right, NONE),
            "Home" => (C::Home, NONE),
            "End" => (C::End, NONE),
            "PgDn" => (C::PageDown, NONE),
            "PgUp" => (C::PageUp, NONE),
            "Space" => (C::Char(' '), NONE),
            "Bs" => (C::Backspace, NONE),
            "S-Up" => (C::Up, KeyModifiers::SHIFT),
            "S-Down" => (C::Down, KeyModifiers::SHIFT),
            "C-r" => (C::Char('r'), KeyModifiers::CONTROL),
            "C-u" => (C::Char('u'), KeyModifiers::CONTROL),
            "C-w" => (C::Char('w'), KeyModifiers::CONTROL),
            "C-c" => (C::Char('c'), KeyModifiers::CONTROL),
            "C-Left" => (C::Left, KeyModifiers::CONTROL),
            "F1" => (C::F(1), NONE),
            "lt" => (C::Char('<'), NONE),
            other => return Err(format!("unknown key <{other}>")),
        };
        out.push(Key::new(code, mods));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifiers_contain_and_subtract() {
        let both = KeyModifiers {
            shift: true,
            ctrl: true,
            alt: false,
        };
        assert!(both.contains(KeyModifiers::SHIFT));
        assert!(both.contains(KeyModifiers::NONE));
        assert!(!KeyModifiers::SHIFT.contains(KeyModifiers::CONTROL));
        assert_eq!(both - KeyModifiers::SHIFT, KeyModifiers::CONTROL);
    }
}
