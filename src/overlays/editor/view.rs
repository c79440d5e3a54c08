//! The editor, drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};
use rust_i18n::t;

use crate::app::Column;
use crate::domain::{Due, When};
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
        None => date_note(editor).map(|(text, warn)| (text, if warn { p.warn } else { p.dim })),
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

/// What the editor says under a date being typed: an example while it is empty, then how the
/// text is read as it is typed (« compris : jeudi 14 janvier 2027 »), or that it is not a
/// date (yet). `true` for the warning. Other fields say nothing.
pub fn date_note(editor: &crate::app::Editor) -> Option<(String, bool)> {
    let text = editor.text();
    let empty = text.trim().is_empty();
    let read = |what: String| Some((t!("edit.day_read", date = what).into_owned(), false));
    match editor.target {
        EditTarget::Cell {
            column: Column::Due,
            ..
        }
        | EditTarget::OutsideDue(..) => {
            if empty {
                return Some((t!("edit.due_example").into_owned(), false));
            }
            let due = Due::parse(&text);
            if due.is_undated() {
                return Some((t!("edit.not_a_date").into_owned(), true));
            }
            let last = due.deadline()?;
            Some((
                t!("edit.due_until", date = crate::text::long_date(last)).into_owned(),
                false,
            ))
        }
        EditTarget::WorkshopDate | EditTarget::RencontreDate(_) | EditTarget::NewPlenary => {
            if empty {
                return Some((t!("edit.day_example").into_owned(), false));
            }
            match When::parse_day(&text) {
                Some(day) => read(meeting(&When::day(day))),
                None => Some((t!("edit.day_not_yet").into_owned(), true)),
            }
        }
        EditTarget::NextMeeting(_) | EditTarget::AnnualPlenary => {
            if empty {
                return Some((t!("edit.when_example").into_owned(), false));
            }
            match When::parse(&text) {
                Some(w) => read(meeting(&w)),
                None => Some((t!("edit.when_not_yet").into_owned(), true)),
            }
        }
        EditTarget::NewMeeting(_) => {
            if empty {
                return Some((t!("edit.meeting_example").into_owned(), false));
            }
            match When::parse_prefix(&text) {
                Some((w, note)) if note.is_empty() => read(meeting(&w)),
                Some((w, note)) => Some((
                    t!("edit.meeting_read", when = meeting(&w), note = note).into_owned(),
                    false,
                )),
                None => Some((t!("edit.when_not_yet").into_owned(), true)),
            }
        }
        target => crate::overlays::editor::fields_synergy::note(target, &text),
    }
}

/// « jeudi 12 janvier 2027, 14 h – 15 h 30 ».
fn meeting(w: &When) -> String {
    format!("{} {}", crate::text::weekday(w.date), crate::text::when(w))
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    use crate::app::testing::{press, state_at};
    use crate::domain::{Due, Phase};
    use crate::overlays::editor::model::EditTarget;
    use crate::overlays::editor::update::open_editor;

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

    #[test]
    fn the_workshop_date_shows_an_example_then_how_it_is_read_and_takes_spoken_dates() {
        let mut st = state_at(Phase::Preparation);
        // Préparation › Déroulé, its first row: the date.
        press(&mut st, "<Tab><Tab><Tab><Enter><C-u>");
        let screen = screen(&st);
        assert!(
            screen.contains("ex.\u{a0}: 14/01/2027 ou 14 janvier 2027"),
            "{screen}"
        );
        press(&mut st, "14 janv");
        assert!(screen_has(&st, "⚠ pas encore une date"));
        press(&mut st, "ier 2027");
        assert!(screen_has(&st, "compris\u{a0}: jeudi 14 janvier 2027"));
        press(&mut st, "<Enter>");
        assert!(st.editor.is_none());
        let w = st.session.current_workshop().expect("workshop");
        assert_eq!(w.date, chrono::NaiveDate::from_ymd_opt(2027, 1, 14));
    }

    #[test]
    fn the_rencontre_date_takes_what_a_meeting_takes() {
        let mut st = state_at(Phase::Preparation);
        open_editor(&mut st, EditTarget::RencontreDate(1));
        press(&mut st, "<C-u>le 14 janvier 2027<Enter>");
        assert!(
            st.editor.is_none(),
            "{:?}",
            st.editor.as_ref().map(|e| &e.error)
        );
        let r = st.session.rencontre(1).expect("rencontre");
        assert_eq!(r.date, chrono::NaiveDate::from_ymd_opt(2027, 1, 14));
    }

    #[test]
    fn a_hors_atelier_due_says_how_it_is_read() {
        let mut st = state_at(Phase::Preparation);
        let card = st.session.rencontre(1).expect("rencontre").cards[0].id;
        open_editor(&mut st, EditTarget::OutsideDue(1, card));
        press(&mut st, "<C-u>");
        assert!(screen_has(&st, "ex.\u{a0}: 15/03/2027, mars 2027"));
        press(&mut st, "T2 2027");
        assert!(screen_has(
            &st,
            "échéance suivie\u{a0}: au plus tard le 30 juin 2027"
        ));
    }

    #[test]
    fn a_meeting_being_typed_is_read_back_with_its_note() {
        let mut st = state_at(Phase::Commitments);
        open_editor(&mut st, EditTarget::NewMeeting(1));
        assert!(screen_has(&st, "ex.\u{a0}: 20/03/2027 10h visite du site"));
        press(&mut st, "20/03/2027 10h visite");
        assert!(screen_has(
            &st,
            "compris\u{a0}: samedi 20 mars 2027, 10\u{a0}h – 11\u{a0}h · note\u{a0}: visite"
        ));
        st.editor = None;
        open_editor(&mut st, EditTarget::NextMeeting(1));
        press(&mut st, "<C-u>12 janvier 2027 14h-16h");
        assert!(screen_has(
            &st,
            "compris\u{a0}: mardi 12 janvier 2027, 14\u{a0}h – 16\u{a0}h"
        ));
    }

    fn screen_has(st: &crate::app::State, text: &str) -> bool {
        let s = screen(st);
        s.contains(text) || panic!("{text:?} not in\n{s}")
    }
}
