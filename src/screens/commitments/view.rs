//! Engagements: for each group, who commits to it, its pilot and next steps; and whether
//! another workshop is needed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::{FIELDS, index_of};
use crate::app::State;
use crate::ui::palette::Palette;
use crate::ui::{block, fit, layout, put, timer};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let (main, timer_area) = if area.width >= 120 {
        let (m, t) = layout::split_timer(area);
        (m, Some(t))
    } else {
        (area, None)
    };
    let another = match state.workshop().and_then(|w| w.another_workshop) {
        Some(true) => t!("commit.another_yes"),
        Some(false) => t!("commit.another_no"),
        None => t!("commit.another_undecided"),
    };
    put(
        buf,
        main.x + 1,
        main.y,
        &format!(
            "{} {another}",
            t!(
                "commit.another",
                n = state.workshop().map_or(1, |w| w.number) + 1
            )
        ),
        main.width.saturating_sub(2),
        p.title,
    );
    let list_w = (main.width / 3).clamp(20, 40);
    let list = Rect::new(main.x, main.y + 1, list_w, main.height.saturating_sub(1));
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("commit.groups")), p.dim),
        false,
    );
    let inner = b.inner(list);
    b.render(list, buf);
    let groups = state.workshop().map(|w| s.groups_in(w)).unwrap_or_default();
    let pilot_of = |g: &crate::domain::Group| {
        g.pilot
            .as_ref()
            .map(|pl| crate::text::label(&t!("commit.pilot"), &pl.name))
            .unwrap_or_else(|| t!("commit.no_pilot").into_owned())
    };
    let enrolled_of =
        |g: &crate::domain::Group| crate::text::count(g.enrolled.len(), "commit.enrolled");
    // « 0 inscrit · pas de pilote » on one line when every group's fits, else on two: cut,
    // it reads « pas de p… ».
    let room = inner.width.saturating_sub(3) as usize;
    let one_line = groups
        .iter()
        .all(|(_, g)| fit::width(&format!("{} · {}", enrolled_of(g), pilot_of(g))) <= room);
    let per_group: u16 = if one_line { 2 } else { 3 };
    for (i, (t, g)) in groups.into_iter().enumerate() {
        let y = inner.y + (i as u16) * per_group;
        if y + per_group > inner.y + inner.height {
            break;
        }
        let focused = i == state.focus;
        let style = if focused { p.selected } else { p.base };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        put(
            buf,
            inner.x + 1,
            y,
            &format!("{} {}", i + 1, t.title),
            inner.width.saturating_sub(2),
            style.add_modifier(Modifier::BOLD),
        );
        let (enrolled, pilot) = (enrolled_of(g), pilot_of(g));
        let lines = if one_line {
            vec![format!("{enrolled} · {pilot}")]
        } else {
            vec![enrolled, pilot]
        };
        for (k, l) in lines.iter().enumerate() {
            put(
                buf,
                inner.x + 2,
                y + 1 + k as u16,
                l,
                inner.width.saturating_sub(3),
                p.dim,
            );
        }
    }
    let detail = Rect::new(
        main.x + list_w,
        main.y + 1,
        main.width.saturating_sub(list_w),
        main.height.saturating_sub(1),
    );
    let Some(theme) = state.focused_theme() else {
        return;
    };
    let (Some(t), Some(g)) = (s.theme(theme), s.group(theme)) else {
        return;
    };
    let b = block(
        p,
        Line::styled(crate::ui::title_in(&t.title, detail.width), p.focus),
        true,
    );
    let inner = b.inner(detail);
    b.render(detail, buf);
    let people = s.participants.len();
    let fields_h = FIELDS.len() as u16 + 1;
    let rows_h = inner.height.saturating_sub(fields_h) as usize;
    // When not everyone fits, the last row says how many are out of sight.
    let list_h = if people > rows_h && rows_h > 2 {
        rows_h - 1
    } else {
        rows_h
    };
    // Scroll the participants so the cursor stays visible.
    let offset = if state.commit.row < people {
        state.commit.row.saturating_sub(list_h.saturating_sub(1))
    } else {
        people.saturating_sub(list_h)
    };
    let w = inner.width.saturating_sub(2);
    if list_h < rows_h {
        let y = inner.y + list_h as u16;
        put(
            buf,
            inner.x + 1,
            y,
            &format!(
                "… {}–{}/{people} (↑↓)",
                offset + 1,
                (offset + list_h).min(people)
            ),
            w,
            p.dim,
        );
    }
    for (i, person) in s.participants.iter().enumerate().skip(offset).take(list_h) {
        let y = inner.y + (i - offset) as u16;
        let on = g.enrolled.contains(&person.id);
        let mark = if on { "[x]" } else { "[ ]" };
        let style = if state.commit.row == i {
            p.selected
        } else if on {
            p.ok
        } else {
            p.base
        };
        let org = if person.organisation.is_empty() {
            String::new()
        } else {
            format!(" ({})", person.organisation)
        };
        put(
            buf,
            inner.x + 1,
            y,
            &format!("{mark} {}{org}", person.name),
            w,
            style,
        );
    }
    for (i, row) in FIELDS.iter().enumerate() {
        let y = inner.y + rows_h as u16 + 1 + i as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let selected = state.commit.row == index_of(people, *row);
        let value = row.value(g);
        let used = put(
            buf,
            inner.x + 1,
            y,
            &format!("{:<18}", row.label()),
            w,
            p.dim,
        );
        put(
            buf,
            inner.x + 1 + used,
            y,
            if value.is_empty() { "—" } else { &value },
            w.saturating_sub(used),
            if selected { p.selected } else { p.base },
        );
    }
    if let Some(ta) = timer_area {
        timer::render(
            state,
            p,
            Rect::new(ta.x, ta.y, ta.width, ta.height.min(14)),
            buf,
        );
    }
}
