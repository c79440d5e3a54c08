//! The rencontre's screens. Diagnostic and Tour de table are projected: the zone and the
//! person speaking in type as large as the width allows. Recensement and Regroupement are in
//! `view_wall.rs`, the Vote in `view_vote.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use rust_i18n::t;

use super::model::question_rows;
use crate::app::State;
use crate::domain::rencontre::{CardKind, Rencontre, StepKind};
use crate::text::{label, zone};
use crate::ui::palette::Palette;
use crate::ui::{big::big, fit, put, timer};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let crate::app::Screen::Rencontre(kind) = state.screen() else {
        return;
    };
    match kind {
        StepKind::Diagnostic => diagnostic(state, r, p, area, buf),
        StepKind::Introductions => introductions(state, r, p, area, buf),
        StepKind::Census => super::view_wall::census(state, r, p, area, buf),
        StepKind::Grouping => super::view_wall::grouping(state, r, p, area, buf),
        StepKind::Vote => super::view_vote::vote(state, r, p, area, buf),
        StepKind::Questions => questions(state, r, p, area, buf),
        StepKind::Closing => closing(state, r, p, area, buf),
    }
    // The steps without a timer pane show it small at the top right.
    if !matches!(kind, StepKind::Diagnostic | StepKind::Introductions) {
        let running = state
            .active_timer()
            .is_some_and(|t| t.live(state.now).is_running());
        timer::corner(state, running, p, area, buf);
    }
}

/// The text column and the timer column of a projected step.
fn with_timer(area: Rect) -> (Rect, Rect) {
    let margin = if area.width >= 120 { 4 } else { 1 };
    let tw = crate::layout::timer_column_width(area.width);
    let text = Rect::new(
        area.x + margin,
        area.y + 1,
        area.width.saturating_sub(tw + 2 * margin + 1),
        area.height.saturating_sub(1),
    );
    let timer = Rect::new(
        area.x + area.width.saturating_sub(tw + margin),
        area.y + 1,
        tw,
        area.height.saturating_sub(1).min(10),
    );
    (text, timer)
}

fn zone_facts(state: &State) -> Vec<String> {
    let z = &state.session.zone;
    let mut facts = vec![crate::text::label(
        &t!("rdiag.vocation"),
        &t!(z.vocation.label_key()),
    )];
    if let Some(s) = z.specialisation.as_deref().filter(|s| !s.trim().is_empty()) {
        facts.push(crate::text::label(&t!("rdiag.specialisation"), s));
    }
    if z.companies > 0 {
        facts.push(crate::text::count(z.companies as usize, "rdiag.companies"));
    }
    if let Some(size) = z.company_size.as_deref().filter(|s| !s.trim().is_empty()) {
        facts.push(crate::text::label(&t!("rdiag.size"), size));
    }
    if let Some(year) = z.since {
        let age = i64::from(
            state
                .now
                .format("%Y")
                .to_string()
                .parse::<i32>()
                .unwrap_or(year),
        ) - i64::from(year);
        facts.push(t!("rdiag.since", year = year, age = age.max(0)).into_owned());
    }
    facts
}

/// What the open data say of the zone (`atelier import`), beside what was typed.
fn open_data_facts(state: &State) -> Vec<String> {
    let mut facts = Vec::new();
    let profile = state.session.zone.profile.as_ref();
    if let Some(r) = profile.and_then(|p| p.register.as_ref()) {
        facts.push(label(
            &t!("zone_text.register"),
            &zone::register_count(r, false),
        ));
        let sections = zone::sections(r, 3);
        if !sections.is_empty() {
            facts.push(label(&t!("zone_text.activities_heading"), &sections));
        }
        let sizes = zone::sizes(r, 3);
        if !sizes.is_empty() {
            facts.push(label(&t!("zone_text.sizes_heading"), &sizes));
        }
    }
    if let Some(site) = profile.and_then(|p| p.site.as_ref()) {
        facts.push(label(&t!("zone_text.site_heading"), &zone::site(site)));
    }
    facts
}

fn diagnostic(state: &State, _r: &Rencontre, p: &Palette, area: Rect, buf: &mut Buffer) {
    let (text, timer_area) = with_timer(area);
    timer::render(state, p, timer_area, buf);
    let z = &state.session.zone;
    put(buf, text.x, text.y, &t!("rdiag.heading"), text.width, p.dim);
    let mut y = text.y + 1;
    // The name as large as a third of the height allows: the figures and stakes matter too.
    let room = (text.height / 3).min(8);
    y += big(
        &z.name.to_uppercase(),
        p.accent,
        text.x,
        y,
        text.width,
        room,
        buf,
    );
    y += 1;
    let bottom = text.y + text.height;
    // The key figures in bold, read from the back of the room: what was typed one a line,
    // then what the open data say (two lines at most each: they are long).
    // Below 30 rows (a laptop, not a projector) the stakes come first: the register's count
    // and activities only, a line each.
    let roomy = text.height >= 30;
    let typed = zone_facts(state).into_iter().map(|f| vec![f]);
    let open = open_data_facts(state)
        .into_iter()
        .take(if roomy { usize::MAX } else { 2 })
        .map(|f| {
            if roomy {
                fit::wrap(&f, text.width as usize)
                    .into_iter()
                    .take(2)
                    .collect()
            } else {
                // Cut with « … » by `put`, like a long typed fact.
                vec![f]
            }
        });
    for lines in typed.chain(open) {
        for l in &lines {
            if y >= bottom {
                return;
            }
            put(
                buf,
                text.x,
                y,
                l,
                text.width,
                p.title.add_modifier(Modifier::BOLD),
            );
            y += 1;
        }
    }
    y += 1;
    let m = state.rencontre.as_ref();
    // Below the timer pane the text takes the whole width.
    let full = area.width.saturating_sub(2 * (text.x - area.x));
    let width_at = |y: u16| {
        if y >= timer_area.y + timer_area.height {
            full
        } else {
            text.width
        }
    };
    if y < bottom {
        put(buf, text.x, y, &t!("rdiag.stakes"), text.width, p.dim);
        y += 1;
    }
    if z.stakes.is_empty() && y < bottom {
        put(
            buf,
            text.x + 2,
            y,
            &t!("rdiag.no_stakes"),
            text.width,
            p.dim,
        );
        y += 1;
    }
    for (i, s) in z.stakes.iter().enumerate() {
        let style = if m.is_some_and(|m| m.stake == i) {
            p.selected
        } else {
            p.base
        };
        let w = width_at(y);
        for (j, l) in fit::wrap(s, w.saturating_sub(2) as usize)
            .iter()
            .enumerate()
        {
            if y >= bottom {
                return;
            }
            let head = if j == 0 { "• " } else { "  " };
            put(buf, text.x, y, &format!("{head}{l}"), w, style);
            y += 1;
        }
    }
    y += 1;
    if y < bottom {
        put(buf, text.x, y, &t!("rdiag.steering"), text.width, p.dim);
        y += 1;
    }
    let names: Vec<String> = z
        .steering
        .iter()
        .filter_map(|id| state.session.participant(*id))
        .map(|p| {
            if p.organisation.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.organisation)
            }
        })
        .collect();
    let steering = if names.is_empty() {
        t!("rdiag.no_steering").into_owned()
    } else {
        names.join(" · ")
    };
    let w = width_at(y);
    for l in fit::wrap(&steering, w.saturating_sub(2) as usize) {
        if y >= bottom {
            break;
        }
        put(buf, text.x + 2, y, &l, w, p.base);
        y += 1;
    }
}

fn introductions(state: &State, r: &Rencontre, p: &Palette, area: Rect, buf: &mut Buffer) {
    let (text, timer_area) = with_timer(area);
    timer::render(state, p, timer_area, buf);
    let s = &state.session;
    let (k, n) = s.rencontre_position(r);
    put(
        buf,
        text.x,
        text.y,
        &t!("rintro.position", k = k, n = n),
        text.width,
        p.dim,
    );
    let (now, next) = s.speaker_at(r.phase);
    let Some(person) = now else {
        put(
            buf,
            text.x,
            text.y + 2,
            &t!("rintro.nobody"),
            text.width,
            p.warn,
        );
        return;
    };
    let mut y = text.y + 2;
    let room = text.height.saturating_sub(8).min(16);
    y += big(
        &person.name.to_uppercase(),
        p.accent,
        text.x,
        y,
        text.width,
        room,
        buf,
    );
    y += 1;
    let mut who = vec![t!(person.role.label_key()).into_owned()];
    if !person.organisation.trim().is_empty() {
        who.insert(0, person.organisation.clone());
    }
    let bottom = text.y + text.height;
    if y < bottom {
        put(
            buf,
            text.x,
            y,
            &who.join(" · "),
            text.width,
            p.title.add_modifier(Modifier::BOLD),
        );
        y += 1;
        // A company made from the register's list: what it does, its size, its age.
        if let Some(i) = s
            .invitations
            .iter()
            .find(|i| i.participant == Some(person.id))
            && y < bottom
        {
            put(buf, text.x, y, &zone::establishment(i), text.width, p.dim);
            y += 1;
        }
        y += 1;
    }
    // Their cards so far: what the room will hear again at the Recensement.
    let cards = r
        .cards
        .iter()
        .filter(|c| c.author == Some(person.id))
        .count();
    if cards > 0 && y < bottom {
        put(
            buf,
            text.x,
            y,
            &crate::text::count(cards, "rintro.cards"),
            text.width,
            p.dim,
        );
        y += 1;
    }
    // The last one and its kind (`k` changes it): a card noted here is a need until then.
    if let Some(c) = super::update::speaker_last_card(state).and_then(|id| r.card(id))
        && y + 1 < bottom
    {
        let line = t!(
            "rintro.last_card",
            kind = t!(c.kind.label_key()),
            text = crate::text::quoted(&c.text)
        );
        put(buf, text.x, y, &line, text.width, p.base);
        y += 1;
    }
    if y + 1 < bottom {
        let next_text = match next {
            Some(q) if !q.organisation.trim().is_empty() => {
                format!("{} ({})", q.name, q.organisation)
            }
            Some(q) => q.name.clone(),
            None => t!("rintro.last").into_owned(),
        };
        put(
            buf,
            text.x,
            bottom - 1,
            &crate::text::label(&t!("rintro.next"), &next_text),
            text.width,
            p.base,
        );
    }
}

fn questions(state: &State, r: &Rencontre, p: &Palette, area: Rect, buf: &mut Buffer) {
    let x = area.x + 1;
    let width = area.width.saturating_sub(2);
    let rows = question_rows(r);
    let selected = state
        .rencontre
        .as_ref()
        .map(|m| m.row.min(rows.len().saturating_sub(1)))
        .unwrap_or(0);
    let bottom = area.y + area.height;
    let mut y = area.y;
    let questions = r.cards_of(CardKind::Question).count();
    let outside = r.cards_of(CardKind::OutOfScope).count();
    put(
        buf,
        x,
        y,
        &format!(
            "{} · {}",
            crate::text::count(questions, "rquestions.questions"),
            crate::text::count(outside, "rquestions.outside")
        ),
        width,
        p.title,
    );
    y += 2;
    if rows.is_empty() {
        put(buf, x, y, &t!("rquestions.none"), width, p.dim);
        return;
    }
    // Rows before the selection scroll out when the list is long.
    let mut lines: Vec<(String, Style, usize)> = Vec::new();
    let mut last_kind = None;
    for (i, id) in rows.iter().enumerate() {
        let Some(c) = r.card(*id) else { continue };
        if last_kind != Some(c.kind) {
            if last_kind.is_some() {
                lines.push((String::new(), p.base, i));
            }
            lines.push((t!(c.kind.heading_key()).into_owned(), p.dim, i));
            last_kind = Some(c.kind);
        }
        let sel = i == selected;
        let style = if sel { p.selected } else { p.base };
        let who = state
            .session
            .card_org(c)
            .map(|o| format!(" ({o})"))
            .unwrap_or_default();
        for (j, l) in fit::wrap(
            &format!("{}{who}", c.text),
            width.saturating_sub(4) as usize,
        )
        .into_iter()
        .enumerate()
        {
            let head = if j == 0 { c.kind.mark() } else { " " };
            lines.push((format!(" {head} {l}"), style, i));
        }
        let answer = match c.kind {
            CardKind::OutOfScope => {
                let l = c.follow.as_ref();
                let owner = l
                    .map(|l| crate::domain::Owner::format_list(&l.owners))
                    .filter(|o| !o.is_empty())
                    .unwrap_or_else(|| t!("rquestions.owner_missing").into_owned());
                let due = l
                    .map(|l| l.due.to_input())
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| t!("rquestions.due_missing").into_owned());
                format!("→ {owner} · {due}")
            }
            _ if c.answer.trim().is_empty() => t!("rquestions.unanswered").into_owned(),
            _ => format!("→ {}", c.answer),
        };
        let dim = if sel { p.selected } else { p.dim };
        for l in fit::wrap(&answer, width.saturating_sub(6) as usize) {
            lines.push((format!("     {l}"), dim, i));
        }
    }
    let room = bottom.saturating_sub(y) as usize;
    let first_sel = lines
        .iter()
        .position(|(_, _, i)| *i == selected)
        .unwrap_or(0);
    let skip = (first_sel + 4).saturating_sub(room);
    for (text, style, _) in lines.iter().skip(skip).take(room) {
        put(buf, x, y, text, width, *style);
        y += 1;
    }
}

fn closing(state: &State, r: &Rencontre, p: &Palette, area: Rect, buf: &mut Buffer) {
    let x = area.x + 1;
    let width = area.width.saturating_sub(2);
    let bottom = area.y + area.height;
    let ranking = r.ranking();
    let retained = r.retained();
    let selected = state
        .rencontre
        .as_ref()
        .map(|m| m.row.min(ranking.len().saturating_sub(1)))
        .unwrap_or(0);
    let mut y = area.y;
    let head = if r.handed_off {
        t!("rclose.heading_done").into_owned()
    } else {
        crate::text::count(retained.len(), "rclose.heading")
    };
    put(buf, x, y, &head, width, p.title);
    y += 2;
    if ranking.is_empty() {
        put(buf, x, y, &t!("rclose.no_themes"), width, p.dim);
        return;
    }
    let list_w = if width >= 100 { width / 2 } else { width };
    for (i, rank) in ranking.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let Some(c) = r.candidate(rank.theme) else {
            continue;
        };
        let mark = if retained.contains(&rank.theme) {
            "[x]"
        } else {
            "[ ]"
        };
        let tie = if rank.tied {
            format!(" {}", t!("rvote.tie"))
        } else {
            String::new()
        };
        let line = format!(
            "{mark} {}. {} · {}{tie}",
            rank.rank,
            c.title,
            crate::text::count(rank.dots as usize, "rvote.dots")
        );
        let style = if i == selected { p.selected } else { p.base };
        put(buf, x, y, &line, list_w, style);
        y += 1;
    }
    // The selected theme: its drafted constat and how many wish for it.
    let Some(theme) = ranking.get(selected).map(|x| x.theme) else {
        return;
    };
    let labels = [
        t!("rclose.constat_needs").into_owned(),
        t!("rclose.constat_offers").into_owned(),
        t!("rclose.constat_leads").into_owned(),
    ];
    let constat = state
        .session
        .drafted_constat(r, theme, [&labels[0], &labels[1], &labels[2]]);
    let wishers = state
        .session
        .speakers()
        .iter()
        .filter(|s| r.dots_by(s.id, theme) > 0)
        .count();
    let (dx, mut dy, dw) = if width >= 100 {
        (x + list_w + 2, area.y + 2, width - list_w - 2)
    } else {
        (x, y + 1, width)
    };
    let lines = [
        crate::text::label(
            &t!("rclose.constat"),
            if constat.is_empty() { "—" } else { &constat },
        ),
        crate::text::count(wishers, "rclose.wishers"),
    ];
    for l in lines.iter().flat_map(|l| fit::wrap(l, dw as usize)) {
        if dy >= bottom {
            break;
        }
        put(buf, dx, dy, &l, dw, p.dim);
        dy += 1;
    }
}
