//! The one rule for user text: what is never stored, and what never reaches a terminal or an
//! export.
//!
//! A terminal runs control characters as commands: ESC starts sequences that write the
//! clipboard (OSC 52), retitle the window or clear the screen; C1 codes (U+0080–U+009F) do the
//! same on terminals that read 8-bit codes. Bidirectional embeddings, overrides and isolates
//! (U+202A–U+202E, U+2066–U+2069) and the direction marks reorder what a line shows, so that
//! a screen or a printed poster says something other than the text (« Trojan Source »). A
//! workshop's French and English text has no use for any of them, so the project's decision is
//! that none is legitimate: they are removed where text is typed or pasted, and removed again
//! on the way to every terminal and export, for text that came from a file written by another
//! program.

use std::borrow::Cow;

/// Characters that never reach a session, a terminal or an export: C0 controls but tab and
/// line feed, DEL, C1 controls, bidirectional controls and marks.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Embeddings and overrides, isolates, and the direction marks (LRM, RLM, ALM).
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Invisible characters that make a line read differently from what it holds (a zero-width
/// space splits a word without a trace): shown on a terminal as nothing.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Text as typed or pasted, as it is stored: the unsafe characters removed; a pasted CR LF or
/// lone CR becomes a line feed.
pub fn stored(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c) || c == '\r') {
        return Cow::Borrowed(text);
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Cow::Owned(text.chars().filter(|c| !is_unsafe(*c)).collect())
}

/// Text on its way to a terminal (the TUI's cells, the command line's lines): the unsafe
/// characters and the invisible ones removed; tab and line feed kept.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_unsafe(c) || is_invisible(c) || c == '\r')
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_unsafe(*c) && !is_invisible(*c) && *c != '\r')
            .collect(),
    )
}

/// An export file's text: the unsafe characters removed; tab, CR and LF kept (calendars,
/// e-mails and Excel's CSV want CR LF), and a byte-order mark kept (Excel reads it).
pub fn for_export(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| *c == '\r' || !is_unsafe(*c))
            .collect(),
    )
}

/// The hostile strings the tests send through every path (issue 24): OSC 52 writing the
/// clipboard, a title change, clear-screen, BEL, an 8-bit CSI, right-to-left override and
/// isolates, a zero-width space.
pub const HOSTILE: &[&str] = &[
    "Parking\u{1b}]52;c;cm0gLXJmIH4=\u{7} partagé",
    "Titre\u{1b}]0;pwned\u{7} changé",
    "Écran\u{1b}[2J\u{1b}[H effacé",
    "Cloche\u{7}\u{7} muette",
    "CSI\u{9b}31m huit bits",
    "Facture \u{202e}fdp.exe\u{202c} piégée",
    "Isolat \u{2066}droite\u{2069} fermé",
    "Zéro\u{200b}largeur",
];

/// A lowercase accented Latin letter without its accent (« é » → « e », « œ » → « oe »).
pub fn unaccented(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'œ' => "oe",
        'æ' => "ae",
        _ => return None,
    })
}

/// Lowercase with accents taken off: to sort French names as a reader expects (« Éco-parc »
/// beside « Ecluse », not after « Z »).
pub fn folded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match unaccented(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
    out
}

/// A safe file stem from a title: accents folded, spaces and punctuation as dashes.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let folded = match unaccented(c) {
            Some(base) => base,
            None if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            None => "-",
        };
        out.push_str(folded);
    }
    let mut collapsed = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if !collapsed.is_empty() {
            collapsed.push('-');
        }
        collapsed.push_str(part);
    }
    let mut s: String = collapsed.chars().take(60).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        "session".to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_a_terminal_would_run_is_stored() {
        for h in HOSTILE {
            let s = stored(h);
            assert!(!s.chars().any(is_unsafe), "{s:?}");
            assert!(!s.contains('\u{1b}') && !s.contains('\u{9b}'), "{s:?}");
        }
        assert_eq!(
            stored("Parking\u{1b}]52;c;cm0gLXJmIH4=\u{7} partagé"),
            "Parking]52;c;cm0gLXJmIH4= partagé"
        );
        assert_eq!(
            stored("Facture \u{202e}fdp.exe\u{202c} piégée"),
            "Facture fdp.exe piégée"
        );
    }

    #[test]
    fn french_text_tabs_and_line_ends_are_kept() {
        let text = "Covoiturage été\u{a0}: «\u{a0}oui\u{a0}» — 12\u{202f}t/an\tœuvre\nligne 2";
        assert!(matches!(stored(text), Cow::Borrowed(_)));
        assert!(matches!(for_terminal(text), Cow::Borrowed(_)));
        assert!(matches!(for_export(text), Cow::Borrowed(_)));
        assert_eq!(stored("un\r\ndeux\rtrois"), "un\ndeux\ntrois");
        assert_eq!(for_export("a\r\nb\u{1b}c"), "a\r\nbc");
        // Emoji sequences joined by a zero-width joiner stay whole.
        assert_eq!(for_terminal("👩\u{200d}🌾"), "👩\u{200d}🌾");
    }

    #[test]
    fn a_terminal_gets_no_invisible_character() {
        assert_eq!(for_terminal("Zéro\u{200b}largeur\u{feff}"), "Zérolargeur");
    }
}
