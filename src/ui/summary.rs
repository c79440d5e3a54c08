//! Clos: a read-only summary of the workshop: each group's plan, commitments and pilot, and
//! planned against actual time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use rust_i18n::t;

use super::theme::Palette;
use crate::app::State;
use crate::domain::{Status, workshop::PhaseKind};

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
        if let Some(d) = g.next_meeting {
            lines.push(Line::styled(
                format!(
                    "     {} {}",
                    t!("commit.next_meeting"),
                    crate::text::long_date(d)
                ),
                p.dim,
            ));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(t!("summary.timing").into_owned(), p.title));
    let actual = w.actual_seconds(state.now);
    for kind in PhaseKind::ALL
        .iter()
        .filter(|k| !matches!(k, PhaseKind::Preparation | PhaseKind::Closed))
    {
        let planned: u32 = s
            .steps(w)
            .iter()
            .filter(|st| st.kind() == *kind)
            .map(|st| w.agenda.minutes_for(*st))
            .sum();
        let real: i64 = actual
            .iter()
            .filter(|(ph, _)| ph.kind() == *kind)
            .map(|(_, s)| *s)
            .sum();
        lines.push(Line::styled(
            format!(
                "   {:<22} {}",
                crate::text::phase_kind(*kind),
                t!(
                    "summary.planned_actual",
                    planned = planned,
                    actual = (real + 30) / 60
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
        format!("{} {another}", t!("summary.another")),
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
