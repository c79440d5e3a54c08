//! Clos: a read-only summary of the workshop: each group's plan, commitments and pilot, and
//! planned against actual time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use rust_i18n::t;

use crate::app::State;
use crate::domain::Status;
use crate::ui::palette::Palette;

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let Some(w) = state.workshop() else { return };
    let mut lines: Vec<Line> = vec![
        Line::styled(t!("summary.title", n = w.number).into_owned(), p.title),
        Line::default(),
    ];
    for (i, (t, g)) in s.groups_in(w).into_iter().enumerate() {
        let count = |st: Status| g.poster.lines.iter().filter(|l| l.status == st).count();
        let pilot = g
            .pilot
            .as_ref()
            .map(|pl| pl.name.clone())
            .unwrap_or_else(|| t!("commit.no_pilot").into_owned());
        lines.push(Line::from(vec![
            Span::styled(format!(" {} {}", i + 1, t.title), p.accent),
            Span::styled(
                format!(
                    "  —  {} · {} · {}",
                    crate::text::count(g.poster.lines.len(), "words.lines"),
                    crate::text::count(g.enrolled.len(), "commit.enrolled"),
                    pilot
                ),
                p.base,
            ),
        ]));
        lines.push(Line::styled(
            format!(
                "     {} {} · {} {} · {} {}",
                count(Status::Todo),
                t!("status.todo"),
                count(Status::InProgress),
                t!("status.in_progress"),
                count(Status::Done),
                t!("status.done")
            ),
            p.dim,
        ));
        // A meeting already past (set at an earlier workshop) is not the next one.
        if let Some(d) = g.next_meeting
            && d.date >= state.now.date_naive()
        {
            lines.push(Line::styled(
                format!(
                    "     {} {}",
                    t!("commit.next_meeting"),
                    crate::text::when(&d)
                ),
                p.dim,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(t!("summary.timing").into_owned(), p.title));
    for pt in s.time_by_phase(w, state.now) {
        lines.push(Line::styled(
            format!(
                "   {:<22} {}",
                crate::text::phase_kind(pt.kind),
                t!(
                    "summary.planned_actual",
                    planned = pt.planned_min,
                    actual = pt.actual_min
                )
            ),
            p.base,
        ));
    }
    let another = match w.another_workshop {
        Some(true) => t!("commit.another_yes"),
        Some(false) => t!("commit.another_no"),
        None => t!("commit.another_undecided"),
    };
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{} {another}", t!("summary.another", n = w.number + 1)),
        p.title,
    ));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .style(p.base)
        .render(
            Rect::new(
                area.x + 1,
                area.y + 1,
                area.width.saturating_sub(2),
                area.height.saturating_sub(1),
            ),
            buf,
        );
}
