//! The editor, drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};
use rust_i18n::t;

use crate::app::Column;
use crate::domain::Due;
use crate::overlays::editor::model::EditTarget;
use crate::ui::palette::Palette;
use crate::ui::{block, fit};

pub fn render_editor(
    editor: &crate::app::Editor,
    session: &crate::domain::Session,
    p: &Palette,
    body: Rect,
    top: bool,
    buf: &mut Buffer,
) {
    let h = if editor.target.is_long() { 6 } else { 4 };
    // Full width: a narrower box would leave slivers of the screen beneath on its sides.
    let w = body.width;
    let y = if top {
        body.y
    } else {
        body.y + body.height.saturating_sub(h + 1)
    };
    let area = Rect::new(
        body.x + (body.width.saturating_sub(w)) / 2,
        y,
        w,
        h.min(body.height),
    );
    Clear.render(area, buf);
    let title = format!(
        " {} ",
        fit::truncate(&editor.target.title(session), w.saturating_sub(4) as usize)
    );
    let hint = format!(" {} ", t!(editor.target.hint_key()));
    let b = block(p, Line::styled(title, p.accent), true)
        .title_bottom(Line::styled(hint, p.dim).right_aligned());
    let inner = b.inner(area);
    b.render(area, buf);
    let note = match &editor.error {
        Some(err) => Some((format!("⚠ {err}"), p.danger)),
        None => due_note(editor).map(|(text, warn)| (text, if warn { p.warn } else { p.dim })),
    };
    // The note under the text, on two lines when it needs them and the box has room for
    // them besides a line of text.
    let text_area = match note {
        Some((note, style)) if inner.height > 1 => {
            let mut lines = fit::wrap(&note, inner.width as usize);
            let room = if inner.height > 2 { 2 } else { 1 };
            if lines.len() > room {
                lines = vec![fit::truncate(&note, inner.width as usize)];
            }
            let n = lines.len() as u16;
            for (i, l) in lines.iter().enumerate() {
                let y = inner.y + inner.height - n + i as u16;
                buf.set_string(inner.x, y, l, style);
            }
            Rect::new(inner.x, inner.y, inner.width, inner.height - n)
        }
        _ => inner,
    };
    buf.set_style(text_area, p.base);
    editor.textarea.render(text_area, buf);
}

/// While a due is typed: how it is read (« suivie jusqu'au 30 juin 2027 »), or that it is not
/// a date and will not be tracked. `true` for the warning.
pub fn due_note(editor: &crate::app::Editor) -> Option<(String, bool)> {
    if !matches!(
        editor.target,
        EditTarget::Cell {
            column: Column::Due,
            ..
        }
    ) {
        return None;
    }
    let due = Due::parse(&editor.text());
    if due.is_undated() {
        return Some((t!("edit.not_a_date").into_owned(), true));
    }
    let last = due.deadline()?;
    Some((
        t!("edit.due_until", date = crate::text::long_date(last)).into_owned(),
        false,
    ))
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::testing::{press, state_at};
    use crate::domain::{Due, Phase};

    fn screen(state: &crate::app::State) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, 100, 30));
        crate::ui::render(state, buf.area, &mut buf);
        let mut out = String::new();
        for row in buf.content.chunks(100) {
            out.extend(row.iter().map(|c| c.symbol()));
            out.push('\n');
        }
        out
    }

    #[test]
    fn a_due_says_at_once_how_it_is_read_or_that_it_is_not_a_date() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>aNavette<Tab>Chiffrer<Tab>CC<Tab>T2 2027");
        assert!(
            screen(&st).contains("échéance suivie\u{a0}: au plus tard le 30 juin 2027"),
            "{}",
            screen(&st)
        );
        press(&mut st, "<C-u>demain");
        assert!(
            screen(&st).contains("⚠ pas une date\u{a0}: échéance non suivie"),
            "{}",
            screen(&st)
        );
        // Kept as typed all the same.
        press(&mut st, "<Enter>");
        assert!(st.editor.is_none());
        let line = st
            .session
            .groups
            .iter()
            .flat_map(|g| &g.poster.lines)
            .find(|l| l.solution == "Navette")
            .expect("added");
        assert_eq!(line.due, Due::Text("demain".into()));
    }
}
