//! The help overlay: every key of the current mode, from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use rust_i18n::t;

use crate::app::{State, keymap};
use crate::ui::palette::Palette;
use crate::ui::{block, fit, layout};

/// Whose keys the help lists: the field's when it was opened over one (F1), else the screen's.
pub fn help_mode(state: &State) -> keymap::Mode {
    if state.editor.is_some() {
        keymap::Mode::Edit
    } else {
        state.screen_mode()
    }
}

/// One row of the help: a section title, or a key and (a line of) what it does.
enum Row {
    Title(String),
    Blank,
    Key(String, String),
    /// The next line of a description too long for one.
    More(String),
}

/// The rows in columns `col_w` wide: descriptions wrap under themselves, never cut.
fn rows(state: &State, col_w: usize) -> Vec<Row> {
    let sections = keymap::help_sections(help_mode(state), state.seat());
    let key_w = sections
        .iter()
        .flat_map(|(_, e)| e.iter().map(|e| fit::width(&e.keys)))
        .max()
        .unwrap_or(0)
        .min(12);
    // « ␣␣keys␣ » then the text.
    let text_w = col_w.saturating_sub(key_w + 3).max(10);
    let mut out = Vec::new();
    for (title, entries) in sections {
        if !out.is_empty() {
            out.push(Row::Blank);
        }
        out.push(Row::Title(title));
        for e in entries {
            let mut lines = fit::wrap(&e.text, text_w).into_iter();
            let keys = format!("{:<key_w$}", e.keys);
            out.push(Row::Key(keys, lines.next().unwrap_or_default()));
            out.extend(lines.map(Row::More));
        }
    }
    out
}

pub fn render_help(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let room = area.height.saturating_sub(2) as usize;
    // One column when it fits the height, else two side by side (every key stays visible at
    // 80×24); a column a little narrower than half of the screen, for the border.
    let one_w = area.width.min(76);
    let one = rows(state, one_w.saturating_sub(2) as usize);
    let (columns, w, lines) = if one.len() <= room || area.width < 80 {
        (1, one_w, one)
    } else {
        let w = area.width.min(150);
        (2, w, rows(state, (w.saturating_sub(2) / 2) as usize))
    };
    // Two columns split where a section starts if both halves fit, else evenly but never
    // leaving a section's title alone at the bottom of the first.
    let split = if columns == 1 {
        lines.len()
    } else {
        let half = lines.len().div_ceil(2);
        let at_section = lines.iter().position(|r| matches!(r, Row::Blank));
        match at_section {
            Some(i) if i <= room && lines.len() - i - 1 <= room => i + 1,
            _ => {
                let mut i = half;
                while i > 0 && matches!(lines.get(i - 1), Some(Row::Title(_) | Row::Blank)) {
                    i -= 1;
                }
                i
            }
        }
    };
    let per_col = split.max(lines.len() - split);
    let h = (per_col as u16 + 2).min(area.height);
    let popup = layout::centered(area, w, h);
    Clear.render(popup, buf);
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("ui.help_title")), p.accent),
        true,
    )
    .title_bottom(Line::styled(format!(" {} ", t!("ui.help_close")), p.dim).right_aligned());
    let inner = b.inner(popup);
    b.render(popup, buf);
    let col_w = inner.width / columns as u16;
    let indent = lines
        .iter()
        .find_map(|r| match r {
            Row::Key(k, _) => Some(fit::width(k) + 3),
            _ => None,
        })
        .unwrap_or(0);
    let line = |r: &Row| -> Line<'static> {
        match r {
            Row::Title(t) => Line::styled(t.clone(), p.accent),
            Row::Blank => Line::default(),
            Row::Key(k, text) => Line::from(vec![
                Span::styled(format!("  {k} "), p.focus),
                Span::styled(text.clone(), p.base),
            ]),
            Row::More(text) => Line::from(vec![
                Span::styled(" ".repeat(indent), Style::default()),
                Span::styled(text.clone(), p.base),
            ]),
        }
    };
    let (left, right) = lines.split_at(split.min(lines.len()));
    for (c, chunk) in [left, right].into_iter().take(columns).enumerate() {
        let rect = Rect::new(inner.x + c as u16 * col_w, inner.y, col_w, inner.height);
        Paragraph::new(chunk.iter().map(line).collect::<Vec<_>>())
            .style(p.base)
            .render(rect, buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::testing::{press, state_at};
    use crate::app::{Action, State, keymap, update};
    use crate::domain::Phase;
    use crate::text::Lang;

    fn screen(state: &State) -> String {
        let (w, h) = state.size;
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        crate::ui::render(state, buf.area, &mut buf);
        let mut out = String::new();
        for row in buf.content.chunks(w as usize) {
            out.extend(row.iter().map(|c| c.symbol()));
            out.push('\n');
        }
        out
    }

    /// At 80×24, on every screen, every key of the help and the whole of what it does is on
    /// screen: nothing is cut (« nouvelles rencontre… »). English: `tests/english_80x24.rs`
    /// (the language is process-wide, so each test binary keeps to one).
    #[test]
    fn every_key_and_its_whole_text_fit_at_80x24() {
        let places: [(Phase, &str); 9] = [
            (Phase::Preparation, ""),
            (Phase::Presentation { theme: 1 }, ""),
            (Phase::Groups { round: 1 }, ""),
            (Phase::Groups { round: 1 }, "<Enter>"),
            (Phase::Groups { round: 1 }, "<Enter>a"),
            (Phase::Rotation { to_round: 2 }, ""),
            (Phase::Restitution { group: 1 }, ""),
            (Phase::Commitments, ""),
            (Phase::Closed, "f"),
        ];
        for lang in [Lang::Fr] {
            for (phase, script) in places {
                let mut st = state_at(phase);
                st.size = (80, 24);
                press(&mut st, script);
                update(&mut st, Action::Help);
                let text: String = screen(&st)
                    .lines()
                    .map(|l| l.trim_matches(|c| "┃│ ".contains(c)).to_string() + " ")
                    .collect();
                let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
                for (_, entries) in keymap::help_sections(super::help_mode(&st), st.seat()) {
                    for e in entries {
                        let last = e.text.split_whitespace().last().unwrap_or_default();
                        assert!(
                            flat.contains(e.keys.trim()) && flat.contains(last),
                            "{lang:?} {phase:?} {script}: {} {} cut\n{}",
                            e.keys,
                            e.text,
                            screen(&st)
                        );
                    }
                }
            }
        }
    }

    /// F1 in a field shows the field's keys (Ctrl-U, Home/End, Ctrl-←/→…) over it; Esc goes
    /// back to the field with its text; `?` there is text.
    #[test]
    fn f1_in_a_field_lists_the_fields_keys_and_esc_goes_back_to_it() {
        let mut st = state_at(Phase::Groups { round: 1 });
        st.size = (80, 24);
        press(&mut st, "<Enter>aNavette ?<F1>");
        assert!(st.help);
        let text = screen(&st);
        for needle in [
            "Ctrl-u",
            "vider le champ",
            "Ctrl-←",
            "mot précédent",
            "Ctrl-k",
        ] {
            assert!(text.contains(needle), "{needle}\n{text}");
        }
        press(&mut st, "<Esc>");
        assert!(!st.help);
        assert_eq!(
            st.editor.as_ref().map(|e| e.text()),
            Some("Navette ?".into())
        );
        press(&mut st, " gare<C-Left><C-u>Bus<Enter>");
        assert!(st.editor.is_none());
    }
}
