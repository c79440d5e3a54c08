//! The room's panel: the links on the left, the chosen one's QR code on the right, large
//! enough to be scanned from the back of the room when projected.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use crate::app::State;
use crate::ui::palette::Palette;
use crate::ui::{block, fit, layout, put};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(panel) = &state.room_panel else {
        return;
    };
    let popup = layout::centered(area, area.width, area.height);
    ratatui::widgets::Clear.render(popup, buf);
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("room.title")), p.accent),
        true,
    );
    let inner = b.inner(popup);
    b.render(popup, buf);
    let x = inner.x + 1;
    let w = inner.width.saturating_sub(2);
    let Some(room) = &state.room else {
        let text = match &panel.error {
            Some(e) => e.clone(),
            None => t!("room.starting").into_owned(),
        };
        let style = if panel.error.is_some() { p.warn } else { p.dim };
        for (i, line) in fit::wrap(&text, usize::from(w)).iter().enumerate() {
            let y = inner.y + i as u16;
            if y >= inner.y + inner.height {
                break;
            }
            put(buf, x, y, line, w, style);
        }
        if panel.error.is_some() && inner.height > 3 {
            let y = inner.y + inner.height - 1;
            put(buf, x, y, &t!("room.retry"), w, p.dim);
        }
        return;
    };
    let selected = room.links.get(panel.selected);
    // As large as the panel allows beside a list of 32 columns: read from the back of the room.
    let url = selected.map(|l| l.url.as_str()).unwrap_or("");
    let mut qr = crate::ui::qr::lines(url);
    for scale in [4, 2] {
        let big = crate::ui::qr::scaled(url, scale);
        let (bw, bh) = (
            big.first().map(|l| l.chars().count() as u16).unwrap_or(0),
            big.len() as u16,
        );
        if bw + 35 <= inner.width && bh <= inner.height {
            qr = big;
            break;
        }
    }
    let qr_w = qr.first().map(|l| l.chars().count() as u16).unwrap_or(0);
    let qr_h = qr.len() as u16;
    // The code on the right when it fits beside a list of 30 columns; else the list alone.
    let show_qr = qr_w > 0 && inner.width >= qr_w + 32 && inner.height >= qr_h;
    let list_w = if show_qr {
        inner.width.saturating_sub(qr_w + 3)
    } else {
        w
    };
    let intro = fit::wrap(
        &t!("room.intro", addr = room.addr.as_str()),
        usize::from(list_w),
    );
    for (i, line) in intro.iter().take(2).enumerate() {
        put(buf, x, inner.y + i as u16, line, list_w, p.dim);
    }
    let top = inner.y + intro.len().min(2) as u16 + 1;
    // Two rows a link (its label, its address) when there is room, else one.
    let rows = (inner.y + inner.height).saturating_sub(top);
    let per = if room.links.len() as u16 * 2 <= rows {
        2
    } else {
        1
    };
    let first = usize::from(panel.selected as u16 / (rows / per).max(1) * (rows / per).max(1));
    for (i, link) in room.links.iter().enumerate().skip(first) {
        let y = top + (i - first) as u16 * per;
        if y + per > inner.y + inner.height {
            break;
        }
        let on = i == panel.selected;
        let style = if on { p.selected } else { p.base };
        let mark = if on { "▶ " } else { "  " };
        if per == 2 {
            put(buf, x, y, &format!("{mark}{}", link.label), list_w, style);
            put(
                buf,
                x + 2,
                y + 1,
                &link.url,
                list_w.saturating_sub(2),
                p.accent,
            );
        } else {
            put(
                buf,
                x,
                y,
                &format!("{mark}{} {}", link.label, link.url),
                list_w,
                style,
            );
        }
    }
    if show_qr {
        // Black on white whatever the theme: that is what a phone's camera reads.
        let style = Style::default().fg(Color::Black).bg(Color::White);
        let qx = inner.x + inner.width - qr_w - 1;
        let qy = inner.y + (inner.height - qr_h) / 2;
        for (i, line) in qr.iter().enumerate() {
            put(buf, qx, qy + i as u16, line, qr_w, style);
        }
    }
}
