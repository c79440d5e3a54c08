//! Revue des groupes: one group at a time, its open action lines and open synergies, each
//! with the decision the room took on it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use rust_i18n::t;

use crate::app::State;
use crate::domain::plenary::{Decision, Item, ReviewGroup, Verdict};
use crate::domain::{Owner, Plenary};
use crate::ui::palette::Palette;
use crate::ui::{fit, put};

/// One row of the page: what it is, who carries it, where it stands, what was decided.
struct Row {
    mark: &'static str,
    text: String,
    who: String,
    state: String,
    decision: Option<Decision>,
}

fn row(state: &State, pl: &Plenary, item: Item) -> Row {
    let s = &state.session;
    let decision = pl.decision(item).cloned();
    match item {
        Item::Line(id) => {
            let l = s.line(id);
            let text = l.map(|l| l.title().to_string()).unwrap_or_default();
            Row {
                mark: "▪",
                text,
                who: l.map(|l| Owner::format_list(&l.owners)).unwrap_or_default(),
                state: l.map(|l| crate::text::due(&l.due)).unwrap_or_default(),
                decision,
            }
        }
        Item::Synergy(id) => {
            let syn = s.synergy(id);
            Row {
                mark: "◆",
                text: syn.map(|x| x.title.clone()).unwrap_or_default(),
                who: syn
                    .and_then(|x| x.pilot())
                    .map(str::to_string)
                    .unwrap_or_default(),
                state: syn
                    .map(|x| t!(x.stage().label_key()).into_owned())
                    .unwrap_or_default(),
                decision,
            }
        }
    }
}

fn decision_text(d: &Decision) -> String {
    let label = t!(d.verdict.label_key()).into_owned();
    let mark = match d.verdict {
        Verdict::Continue => "↻",
        Verdict::Done => "✓",
        Verdict::Dropped => "✗",
        Verdict::HandedOver => "→",
    };
    match (d.verdict, d.note.is_empty()) {
        (Verdict::HandedOver, false) => {
            format!("{mark} {}", t!("plenary.handed_to", who = d.note))
        }
        (Verdict::Dropped, false) => format!("{mark} {}", crate::text::label(&label, &d.note)),
        _ => format!("{mark} {label}"),
    }
}

fn decision_style(p: &Palette, v: Verdict) -> Style {
    match v {
        Verdict::Continue => p.accent,
        Verdict::Done => p.ok,
        Verdict::Dropped => p.dim,
        Verdict::HandedOver => p.warn,
    }
}

pub(super) fn render(state: &State, pl: &Plenary, p: &Palette, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let Some(m) = state.plenary.as_ref() else {
        return;
    };
    let groups = s.review_groups(pl.number);
    let x = area.x + 1;
    let w = area.width.saturating_sub(2);
    let Some(group) = m.review_group(s) else {
        put(
            buf,
            x,
            area.y + 1,
            &t!("plenary.nothing_to_review"),
            w,
            p.dim,
        );
        return;
    };
    let page = groups.iter().position(|g| *g == group).unwrap_or(0) + 1;
    let title = match group {
        ReviewGroup::Theme(id) => s.theme(id).map(|t| t.title.clone()).unwrap_or_default(),
        ReviewGroup::NoGroup => t!("plenary.no_group").into_owned(),
    };
    let items = m.review_items(s);
    let decided = items.iter().filter(|i| pl.decision(**i).is_some()).count();
    let head = format!("{page}/{} · {title}", groups.len());
    // The group's name large where the screen allows (a projector), else bold.
    let head_rows = if area.height >= 40 { 4 } else { 1 };
    let tally = t!(
        crate::text::plural(decided, "plenary.decided"),
        n = decided,
        total = items.len()
    )
    .into_owned();
    let tw = fit::width(&tally) as u16;
    let used = crate::ui::big::big(
        &head,
        p.title.add_modifier(Modifier::BOLD),
        x,
        area.y,
        w.saturating_sub(tw + 16),
        head_rows,
        buf,
    )
    .max(1);
    put(buf, x, area.y + used, &tally, w, p.dim);
    let top = area.y + used + 2;
    let room = (area.y + area.height).saturating_sub(top);
    if items.is_empty() {
        put(buf, x, top, &t!("plenary.nothing_open"), w, p.dim);
        return;
    }
    let rows: Vec<Row> = items.iter().map(|i| row(state, pl, *i)).collect();
    // Columns: the text takes what the others leave.
    let dec_w = (w / 4).clamp(14, 40);
    let who_w = (w / 6).clamp(10, 36);
    let state_w = (w / 8).clamp(13, 16);
    let text_w = w.saturating_sub(dec_w + who_w + state_w + 5);
    let per = if room >= 2 * rows.len() as u16 { 2 } else { 1 };
    let selected = m.row.min(rows.len().saturating_sub(1));
    // Scrolled so that the selected row shows.
    let fits = (room / per).max(1) as usize;
    let first = selected.saturating_sub(fits.saturating_sub(1));
    for (i, r) in rows.iter().enumerate().skip(first).take(fits) {
        let y = top + (i - first) as u16 * per;
        let style = if i == selected { p.selected } else { p.base };
        if i == selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), p.selected);
        }
        let mut cx = x;
        put(buf, cx, y, r.mark, 2, style);
        cx += 2;
        put(
            buf,
            cx,
            y,
            &fit::truncate(&r.text, text_w as usize),
            text_w,
            style,
        );
        cx += text_w + 1;
        put(
            buf,
            cx,
            y,
            &fit::truncate(&r.who, who_w as usize),
            who_w,
            style,
        );
        cx += who_w + 1;
        put(
            buf,
            cx,
            y,
            &fit::truncate(&r.state, state_w as usize),
            state_w,
            if i == selected { style } else { p.dim },
        );
        cx += state_w + 1;
        if let Some(d) = &r.decision {
            let text = decision_text(d);
            put(
                buf,
                cx,
                y,
                &fit::truncate(&text, dec_w as usize),
                dec_w,
                decision_style(p, d.verdict).add_modifier(Modifier::BOLD),
            );
        }
    }
}
