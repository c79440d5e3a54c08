//! The wall of cards (Recensement), live as they arrive, and the Regroupement into candidate
//! themes with the synergy leads.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::{WALL, group_column, wall_column};
use super::update::{group_selection, wall_selection};
use crate::app::State;
use crate::domain::rencontre::{Card, CardId, Rencontre};
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

/// « Menuiserie Leroux · matières / déchets · 12 t/an »: what is under a card's text.
fn card_detail(state: &State, c: &Card) -> String {
    let mut parts = Vec::new();
    if let Some(org) = state.session.card_org(c) {
        parts.push(org);
    }
    if let Some(f) = c.flow {
        parts.push(t!(f.label_key()).into_owned());
    }
    if let Some(q) = &c.quantity {
        parts.push(q.to_text(crate::text::Lang::current() == crate::text::Lang::Fr));
    }
    parts.join(" · ")
}

/// Draws cards in a column: each its text (wrapped) and a dim detail line; the newest stay
/// in view unless the selection is above them.
fn cards_pane(
    state: &State,
    r: &Rencontre,
    ids: &[CardId],
    selected: Option<CardId>,
    p: &Palette,
    inner: Rect,
    buf: &mut Buffer,
) {
    let w = inner.width as usize;
    let room = inner.height as usize;
    // A card's lines: its text wrapped, then who raised it, its flow and quantity (dim).
    let block = |id: CardId| -> Vec<(String, Style)> {
        let Some(c) = r.card(id) else {
            return Vec::new();
        };
        let sel = selected == Some(id);
        let style = if sel { p.selected } else { p.base };
        let mut out: Vec<(String, Style)> = fit::wrap(&c.text, w.saturating_sub(2))
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let head = if i == 0 { c.kind.mark() } else { " " };
                (format!("{head} {l}"), style)
            })
            .collect();
        let detail = card_detail(state, c);
        let wrapped = fit::wrap(&detail, w.saturating_sub(2));
        for (i, l) in wrapped.iter().take(2).enumerate() {
            let l = if i == 1 && wrapped.len() > 2 {
                fit::truncate(
                    &format!("{l} {}", wrapped[2..].join(" ")),
                    w.saturating_sub(2),
                )
            } else {
                l.clone()
            };
            out.push((format!("  {l}"), if sel { p.selected } else { p.dim }));
        }
        out
    };
    // Only the cards in view are laid out (a wall can hold hundreds): from the selected card,
    // or the newest, upwards until the pane is full, then downwards if room is left.
    let Some(anchor) = selected
        .and_then(|c| ids.iter().position(|x| *x == c))
        .or(ids.len().checked_sub(1))
    else {
        return;
    };
    let mut blocks: std::collections::VecDeque<Vec<(String, Style)>> = Default::default();
    let mut total = 0;
    let mut first = anchor + 1;
    while first > 0 && total < room {
        first -= 1;
        let b = ids.get(first).map(|id| block(*id)).unwrap_or_default();
        total += b.len();
        blocks.push_front(b);
    }
    // Start on a card, not in the middle of one, as long as the anchor stays whole.
    if total > room && blocks.len() > 1 {
        total -= blocks.pop_front().map(|b| b.len()).unwrap_or(0);
    }
    let mut next = anchor + 1;
    while total < room && next < ids.len() {
        let b = ids.get(next).map(|id| block(*id)).unwrap_or_default();
        total += b.len();
        blocks.push_back(b);
        next += 1;
    }
    for (i, (text, style)) in blocks.iter().flatten().take(room).enumerate() {
        put(buf, inner.x, inner.y + i as u16, text, inner.width, *style);
    }
}

/// A column of the wall or of the Regroupement: its titled frame (thick when it has the
/// cursor), then its cards.
#[allow(clippy::too_many_arguments)]
fn card_column(
    state: &State,
    r: &Rencontre,
    title: &str,
    ids: &[CardId],
    focused: bool,
    selected: Option<CardId>,
    p: &Palette,
    pane: Rect,
    buf: &mut Buffer,
) {
    let b = block(
        p,
        ratatui::text::Line::styled(
            format!(
                " {} ",
                fit::truncate(title, pane.width.saturating_sub(4) as usize)
            ),
            if focused { p.focus } else { p.dim },
        ),
        focused,
    );
    let inner = b.inner(pane);
    b.render(pane, buf);
    cards_pane(state, r, ids, selected, p, inner, buf);
}

/// Column widths splitting `width` in `n`, the remainder to the first ones.
fn split(area: Rect, n: usize) -> Vec<Rect> {
    let n = n.max(1) as u16;
    let base = area.width / n;
    let extra = area.width % n;
    let mut x = area.x;
    (0..n)
        .map(|i| {
            let w = base + u16::from(i < extra);
            let r = Rect::new(x, area.y, w, area.height);
            x += w;
            r
        })
        .collect()
}

pub(super) fn census(state: &State, r: &Rencontre, p: &Palette, area: Rect, buf: &mut Buffer) {
    let orgs: std::collections::BTreeSet<String> = r
        .cards
        .iter()
        .filter_map(|c| state.session.card_org(c))
        .collect();
    let cards = crate::text::count(r.cards.len(), "rcensus.cards");
    let m = state.rencontre.as_ref();
    // Who the next cards are from (`w`), at the right: the heading gives way to it.
    let (author, optional) = match m
        .and_then(|m| m.author)
        .and_then(|a| state.session.participant(a))
    {
        Some(p) => (crate::text::label(&t!("rcensus.author"), &p.name), false),
        None if state.session.participants.is_empty() => (String::new(), true),
        None => (t!("rcensus.no_author").into_owned(), true),
    };
    // Left of the small timer (12 columns at the right).
    let room = (area.width as usize).saturating_sub(16);
    let aw = fit::width(&author);
    let full = format!(
        "{} · {cards} · {}",
        t!("rcensus.heading"),
        crate::text::count(orgs.len(), "rcensus.organisations")
    );
    let short = format!("{} · {cards}", t!("rcensus.heading"));
    // The heading gives way to a chosen author; « sans auteur » gives way to the heading.
    let mut choices = vec![(full.clone(), true), (short, true)];
    if optional {
        choices.push((full, false));
    }
    choices.push((cards, true));
    let fits = |(h, with): &(String, bool)| fit::width(h) + if *with { aw + 2 } else { 0 } <= room;
    let (head, with_author) = choices
        .iter()
        .find(|c| fits(c))
        .or(choices.last())
        .cloned()
        .unwrap_or_default();
    put(
        buf,
        area.x + 1,
        area.y,
        &head,
        area.width.saturating_sub(2),
        p.title,
    );
    if with_author && !author.is_empty() {
        let w = (aw as u16).min(room.saturating_sub(fit::width(&head) + 2) as u16);
        put(
            buf,
            area.x + area.width.saturating_sub(w + 14),
            area.y,
            &fit::truncate(&author, w as usize),
            w,
            p.accent,
        );
    }
    let leads = r.synergy_leads(&state.session.participants);
    let lead_rows = u16::from(!leads.is_empty());
    let wall = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1 + lead_rows),
    );
    let selected = wall_selection(state);
    let column = m.map(|m| m.column).unwrap_or(0);
    for (i, pane) in split(wall, WALL.len()).into_iter().enumerate() {
        let ids = wall_column(r, i);
        let kinds = WALL.get(i).copied().unwrap_or(&[]);
        let title = kinds
            .iter()
            .map(|k| format!("{} ({})", t!(k.heading_key()), r.cards_of(*k).count()))
            .collect::<Vec<_>>()
            .join(" · ");
        let focused = i == column;
        let sel = if focused { selected } else { None };
        card_column(state, r, &title, &ids, focused, sel, p, pane, buf);
    }
    if let Some(l) = leads.first() {
        let text = format!(
            "⚡ {}",
            crate::text::label(
                &crate::text::count(leads.len(), "rcensus.leads"),
                &lead_text(state, r, l.offer, l.need)
            )
        );
        put(
            buf,
            area.x + 1,
            area.y + area.height.saturating_sub(1),
            &text,
            area.width.saturating_sub(2),
            p.warn,
        );
    }
}

/// « Palettes bois 12 t/an (Menuiserie Leroux) → Besoin d'emballages (Chevalier) ».
fn lead_text(state: &State, r: &Rencontre, offer: CardId, need: CardId) -> String {
    let text = |id| {
        r.card(id)
            .map(|c| state.session.card_with_org(c))
            .unwrap_or_default()
    };
    format!("{} → {}", text(offer), text(need))
}

pub(super) fn grouping(state: &State, r: &Rencontre, p: &Palette, area: Rect, buf: &mut Buffer) {
    let m = state.rencontre.as_ref();
    let unsorted = group_column(r, 0).len();
    let head = format!(
        "{} · {} · {}",
        t!("rgroup.heading"),
        crate::text::count(r.themes.len(), "rgroup.themes"),
        crate::text::count(unsorted, "rgroup.unsorted")
    );
    put(
        buf,
        area.x + 1,
        area.y,
        &head,
        area.width.saturating_sub(2),
        p.title,
    );
    let leads = r.synergy_leads(&state.session.participants);
    let lead_rows: u16 = if leads.is_empty() { 0 } else { 3 };
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1 + lead_rows),
    );
    // As many columns as fit at 18 wide or more, sliding to keep the cursor's in view.
    let columns = r.themes.len() + 1;
    let fit_n = ((body.width / 18).max(1) as usize).min(columns);
    let col = m.map(|m| m.group_column.min(columns - 1)).unwrap_or(0);
    let first = col.saturating_sub(fit_n - 1).min(columns - fit_n);
    let selected = group_selection(state);
    for (k, pane) in split(body, fit_n).into_iter().enumerate() {
        let i = first + k;
        let ids = group_column(r, i);
        let title = match i {
            0 => format!("{} ({})", t!("rgroup.unsorted_title"), ids.len()),
            n => r
                .themes
                .get(n - 1)
                .map(|t| format!("{n} {} ({})", t.title, ids.len()))
                .unwrap_or_default(),
        };
        let focused = i == col;
        let sel = if focused { selected } else { None };
        card_column(state, r, &title, &ids, focused, sel, p, pane, buf);
    }
    if lead_rows == 0 {
        return;
    }
    let y = area.y + area.height.saturating_sub(lead_rows);
    let i = m.map(|m| m.lead.min(leads.len() - 1)).unwrap_or(0);
    let accepted = leads.iter().filter(|l| r.accepted(l.offer, l.need)).count();
    put(
        buf,
        area.x + 1,
        y,
        &format!(
            "⚡ {} · {} · {}/{}",
            crate::text::count(leads.len(), "rcensus.leads"),
            crate::text::count(accepted, "rgroup.accepted"),
            i + 1,
            leads.len()
        ),
        area.width.saturating_sub(2),
        p.warn,
    );
    if let Some(l) = leads.get(i) {
        let mark = if r.accepted(l.offer, l.need) {
            format!(" [{}]", t!("rgroup.accepted_mark"))
        } else {
            String::new()
        };
        let text = format!("{}{mark}", lead_text(state, r, l.offer, l.need));
        for (k, line) in fit::wrap(&text, area.width.saturating_sub(4) as usize)
            .iter()
            .take(2)
            .enumerate()
        {
            put(
                buf,
                area.x + 3,
                y + 1 + k as u16,
                line,
                area.width.saturating_sub(4),
                p.base,
            );
        }
    }
}
