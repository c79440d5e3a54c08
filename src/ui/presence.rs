//! Who else is on the session file, as the header shows it: each label in this process's
//! language, and as much of the list as the room left by the breadcrumb allows.
//!
//! Each process writes its own label (`presence.*`, in its own language) beside the session
//! file; a facilitator in English must not read « groupe 2 · Léa » nor a rapporteur in French
//! « facilitator ». A label written from one of the `presence.*` texts of any language is
//! told again in the current one; anything else is shown as written.

use std::borrow::Cow;

use rust_i18n::t;

use super::fit;
use crate::text::Lang;

/// Who a presence label says is there.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    Facilitator,
    Assistant(Option<String>),
    Rapporteur(u32, Option<String>),
}

/// One piece of a `presence.*` text: literal text, a number `%{n}` or a name `%{name}`.
enum Piece<'a> {
    Text(&'a str),
    Number,
    Name,
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("%{") {
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        let after = &rest[start..];
        let Some(end) = after.find('}') else {
            out.push(Piece::Text(after));
            return out;
        };
        out.push(match &after[2..end] {
            "n" => Piece::Number,
            _ => Piece::Name,
        });
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The number and the name a label holds if it was written from `template`.
fn matches(template: &str, label: &str) -> Option<(Option<u32>, Option<String>)> {
    let pieces = pieces(template);
    let (mut n, mut name) = (None, None);
    let mut rest = label;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(s) => rest = rest.strip_prefix(s)?,
            Piece::Number => {
                let digits =
                    rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                n = Some(rest.get(..digits)?.parse().ok()?);
                rest = &rest[digits..];
            }
            Piece::Name => {
                // Up to the text that follows (the last of it: a name may hold « · »).
                let (value, after) = match pieces.get(i + 1) {
                    Some(Piece::Text(next)) => {
                        let at = rest.rfind(next)?;
                        (&rest[..at], &rest[at..])
                    }
                    _ => (rest, ""),
                };
                if value.trim().is_empty() {
                    return None;
                }
                name = Some(value.to_string());
                rest = after;
            }
        }
    }
    rest.is_empty().then_some((n, name))
}

fn who(label: &str) -> Option<Who> {
    for lang in [Lang::Fr, Lang::En] {
        let text = |key: &str| t!(key, locale = lang.code()).into_owned();
        if label == text("presence.facilitator") {
            return Some(Who::Facilitator);
        }
        if label == text("presence.assistant") {
            return Some(Who::Assistant(None));
        }
        if let Some((_, name)) = matches(&text("presence.assistant_named"), label) {
            return Some(Who::Assistant(name));
        }
        if let Some((Some(n), name)) = matches(&text("presence.rapporteur_named"), label) {
            return Some(Who::Rapporteur(n, name));
        }
        if let Some((Some(n), None)) = matches(&text("presence.rapporteur"), label) {
            return Some(Who::Rapporteur(n, None));
        }
    }
    None
}

/// A label of another process, in `lang`.
fn label_in(label: &str, lang: Lang) -> Cow<'_, str> {
    let l = lang.code();
    match who(label) {
        None => Cow::Borrowed(label),
        Some(Who::Facilitator) => t!("presence.facilitator", locale = l),
        Some(Who::Assistant(None)) => t!("presence.assistant", locale = l),
        Some(Who::Assistant(Some(name))) => {
            t!("presence.assistant_named", locale = l, name = name)
        }
        Some(Who::Rapporteur(n, None)) => t!("presence.rapporteur", locale = l, n = n),
        Some(Who::Rapporteur(n, Some(name))) => {
            t!("presence.rapporteur_named", locale = l, n = n, name = name)
        }
    }
}

/// A label of another process, in the language of this one.
pub fn label(label: &str) -> Cow<'_, str> {
    label_in(label, Lang::current())
}

/// The presence list in at most `room` columns: every label (« ⇄ animation, groupe 2 »),
/// else their count and the labels cut with « … » (« ⇄ 3 : animation, gr… »), else the
/// count alone (« ⇄ 3 »), else nothing. Leading and trailing spaces included.
pub fn fitted(others: &[String], room: usize) -> String {
    if others.is_empty() {
        return String::new();
    }
    let names = others
        .iter()
        .map(|o| label(o).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    let whole = format!(" ⇄ {names} ");
    if fit::width(&whole) <= room {
        return whole;
    }
    let count = format!(" ⇄ {} ", others.len());
    // A cut list says how many there are, unless there is only one.
    let cut = |names: &str| {
        if others.len() > 1 {
            format!(
                " ⇄ {} ",
                t!("presence.cut", n = others.len(), names = names)
            )
        } else {
            format!(" ⇄ {names} ")
        }
    };
    // Worth cutting only if a few letters of a name show.
    const LETTERS: usize = 6;
    let frame = fit::width(&cut(""));
    if room >= frame + LETTERS {
        return cut(&fit::truncate(&names, room - frame));
    }
    if fit::width(&count) <= room {
        return count;
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_written_in_either_language_are_told_in_the_other() {
        assert_eq!(label_in("animation", Lang::En), "facilitator");
        assert_eq!(label_in("facilitator", Lang::Fr), "animation");
        assert_eq!(label_in("groupe 2", Lang::En), "group 2");
        assert_eq!(
            label_in("groupe 12 · Léa Martin", Lang::En),
            "group 12 · Léa Martin"
        );
        assert_eq!(label_in("group 3 · Paul", Lang::Fr), "groupe 3 · Paul");
        assert_eq!(label_in("assistant · Paul", Lang::En), "assistant · Paul");
        assert_eq!(label_in("assistant", Lang::Fr), "assistant");
        // A name holding the separator stays whole.
        assert_eq!(label_in("groupe 1 · A · B", Lang::En), "group 1 · A · B");
        // What no template wrote is shown as written.
        assert_eq!(label_in("groupe x", Lang::En), "groupe x");
        assert_eq!(label_in("quelqu'un", Lang::En), "quelqu'un");
        assert_eq!(label_in("", Lang::En), "");
    }

    #[test]
    fn the_list_shrinks_to_its_count_then_to_nothing() {
        crate::text::Lang::Fr.set();
        let others = vec!["animation".to_string(), "groupe 2 · Léa Martin".to_string()];
        assert_eq!(fitted(&others, 80), " ⇄ animation, groupe 2 · Léa Martin ");
        let cut = fitted(&others, 24);
        assert!(cut.starts_with(" ⇄ 2\u{a0}: anim"), "{cut}");
        assert!(cut.ends_with("… "), "{cut}");
        assert!(fit::width(&cut) <= 24, "{cut}");
        assert_eq!(fitted(&others, 8), " ⇄ 2 ");
        assert_eq!(fitted(&others, 4), "");
        assert_eq!(fitted(&[], 80), "");
        for room in 0..50 {
            assert!(fit::width(&fitted(&others, room)) <= room, "{room}");
        }
    }
}
