//! Width-aware text helpers: accents, CJK and emoji keep columns aligned.

use unicode_width::UnicodeWidthStr;

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts to at most `max` columns, with "…" when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Word wrap to `max` columns; words longer than a line are split.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut lw = 0;
    // A non-breaking space (« 14 h », before « : ») keeps its neighbours on one line.
    let breaks = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}');
    for word in s.split(breaks).filter(|w| !w.is_empty()) {
        let ww = width(word);
        if lw > 0 && lw + 1 + ww <= max {
            line.push(' ');
            line.push_str(word);
            lw += 1 + ww;
            continue;
        }
        if lw > 0 {
            lines.push(std::mem::take(&mut line));
            lw = 0;
        }
        if ww <= max {
            line.push_str(word);
            lw = ww;
        } else {
            for c in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if lw + cw > max && lw > 0 {
                    lines.push(std::mem::take(&mut line));
                    lw = 0;
                }
                line.push(c);
                lw += cw;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_never_breaks_at_a_non_breaking_space() {
        assert_eq!(
            wrap("réunion à 14\u{a0}h – 15\u{a0}h", 12),
            ["réunion à", "14\u{a0}h – 15\u{a0}h"]
        );
    }

    #[test]
    fn truncate_counts_columns_not_bytes() {
        assert_eq!(truncate("été", 3), "été");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert!(width(&truncate("日本語テキスト", 5)) <= 5);
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn wrap_respects_width_with_wide_chars() {
        for line in wrap("Covoiturage inter-entreprises 日本語テキスト 👩‍🔧 été", 8)
        {
            assert!(width(&line) <= 8, "{line}");
        }
        assert_eq!(wrap("", 5), vec![String::new()]);
        assert_eq!(wrap("a b c", 3), vec!["a b", "c"]);
    }
}
