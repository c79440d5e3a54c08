//! Groupes de travail: every group at a glance, as a grid of panes, beside the timer.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use crate::app::State;
use crate::domain::{Owner, Status};
use crate::ui::palette::Palette;
use crate::ui::{block, fit, layout, put, timer};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let (_, timer_area) = layout::split_timer(area);
    let themes = state.group_themes();
    let panes = layout::group_panes(area, themes.len(), area.width);
    for (i, (theme, pane)) in themes.iter().zip(panes).enumerate() {
        render_pane(state, p, *theme, i, pane, buf);
    }
    if themes.is_empty() {
        put(
            buf,
            area.x + 2,
            area.y + 1,
            &t!("groups.none"),
            area.width.saturating_sub(4),
            p.warn,
        );
    }
    let timer_h = timer_area
        .height
        .min(if timer_area.width >= 40 { 14 } else { 9 });
    timer::render(
        state,
        p,
        Rect::new(timer_area.x, timer_area.y, timer_area.width, timer_h),
        buf,
    );
    // Under the timer: who is where this round, by count.
    let mut y = timer_area.y + timer_h;
    let bottom = timer_area.y + timer_area.height;
    if let Some(w) = state.workshop()
        && let crate::domain::Phase::Groups { round } = w.phase
    {
        let seated: usize = themes.iter().map(|t| w.members(round, *t).len()).sum();
        if y < bottom {
            put(
                buf,
                timer_area.x + 1,
                y,
                &crate::text::count(seated, "groups.seated"),
                timer_area.width.saturating_sub(2),
                p.dim,
            );
            y += 1;
        }
    }
    let _ = y;
}

fn render_pane(state: &State, p: &Palette, theme: u32, index: usize, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let (Some(t), Some(g)) = (s.theme(theme), s.group(theme)) else {
        return;
    };
    let focused = index == state.focus;
    let title = crate::ui::title_in(&format!("{} {}", index + 1, t.title), area.width);
    let b = block(
        p,
        Line::styled(title, if focused { p.focus } else { p.title }),
        focused,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let w = inner.width;
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let x = inner.x + 1;
    let cw = w.saturating_sub(2);
    // The name with the organisation if it fits, else the whole name, else « François L. ».
    let rapporteur = g.rapporteur.and_then(|id| s.participant(id)).map(|p| {
        let with_org = if p.organisation.is_empty() {
            p.name.clone()
        } else {
            format!("{} ({})", p.name, p.organisation)
        };
        [with_org, p.name.clone(), crate::text::short_name(&p.name)]
            .into_iter()
            .map(|r| format!("{} {r}", t!("groups.rapporteur")))
            .collect::<Vec<_>>()
    });
    let (rap_text, rap_style) = match rapporteur {
        Some(forms) => {
            let fits = |l: &&String| fit::width(l) <= usize::from(cw);
            let text = forms
                .iter()
                .find(fits)
                .or(forms.last())
                .cloned()
                .unwrap_or_default();
            (text, p.base)
        }
        None => (t!("groups.no_rapporteur").into_owned(), p.warn),
    };
    put(buf, x, y, &rap_text, cw, rap_style);
    y += 1;
    let members = state.members_now(theme);
    let round = state.workshop().map(|w| match w.phase {
        crate::domain::Phase::Groups { round } => round,
        _ => 1,
    });
    // The poster's layout for `rows` rows: the most detailed in which it fits whole (see
    // below), None when even its solutions alone do not.
    let whole_in = |rows: usize| {
        [Detail::Full, Detail::Compact, Detail::Titles]
            .into_iter()
            .find(|d| pane_lines(s, g, *d, cw as usize, rows + 1).len() <= rows)
    };
    let layout_for = |rows: usize| whole_in(rows).unwrap_or(Detail::Titles);
    if y < bottom {
        let names: Vec<String> = members
            .iter()
            .filter(|&&m| Some(m) != g.rapporteur)
            .filter_map(|m| s.participant(*m))
            .map(|p| p.name.clone())
            .collect();
        let head = t!(
            "groups.round_people",
            k = round.unwrap_or(1),
            n = members.len()
        );
        // Whole names if they fit, on up to three lines when the poster loses nothing to
        // them; else first names and initials (« Karim B. »), the same way; else initials
        // (« KB ») on one line: the room must be able to read its own table.
        let short = |n: &String| crate::text::short_name(n);
        let initials = |n: &String| {
            n.split_whitespace()
                .filter_map(|w| w.chars().next())
                .collect::<String>()
        };
        let forms: [Vec<String>; 3] = [
            names.clone(),
            names.iter().map(short).collect(),
            names.iter().map(initials).collect(),
        ];
        let lines: Vec<String> = if names.is_empty() {
            vec![head.into_owned()]
        } else {
            let fits = |l: &String| fit::width(l) <= usize::from(cw);
            let left = usize::from(bottom - y);
            // The poster shows as much under the people's lines as under one: all of its
            // lines, as detailed.
            let poster_gets = |taken: usize| {
                g.poster.lines.is_empty() || {
                    let one = whole_in(left - 1);
                    one.is_some() && whole_in(left.saturating_sub(taken)) == one
                }
            };
            let wrapped = forms[..2].iter().find_map(|f| {
                let l = fit::wrap(&crate::text::label(&head, &f.join(", ")), usize::from(cw));
                (l.len() == 1 || (l.len() <= 3 && l.len() < left && poster_gets(l.len())))
                    .then_some(l)
            });
            wrapped.unwrap_or_else(|| {
                let mut candidates: Vec<String> = forms
                    .iter()
                    .map(|f| crate::text::label(&head, &f.join(", ")))
                    .collect();
                // The tightest: a short head and initials only.
                let short_head = t!(
                    "groups.round_people_short",
                    k = round.unwrap_or(1),
                    n = members.len()
                );
                candidates.push(crate::text::label(&short_head, &forms[2].join(" ")));
                vec![
                    candidates
                        .iter()
                        .find(|l| fits(l))
                        .or(candidates.last())
                        .cloned()
                        .unwrap_or_default(),
                ]
            })
        };
        for l in lines {
            if y >= bottom {
                break;
            }
            put(buf, x, y, &l, cw, p.dim);
            y += 1;
        }
    }
    if g.poster.lines.is_empty() && y < bottom {
        put(buf, x, y, &t!("groups.empty_poster"), cw, p.dim);
        return;
    }
    let rows = (bottom - y) as usize;
    // The most detailed layout that fits: wrapped lines with owners apart, then one line of
    // detail per action, then solutions only. Lines are laid out only until the pane is full
    // (one more tells that it overflows), so the cost follows the pane, not the length of
    // the poster.
    let lines = pane_lines(s, g, layout_for(rows), cw as usize, rows + 1);
    let total_items = g.poster.lines.len();
    let mut shown_items = 0;
    for (i, pl) in lines.iter().enumerate() {
        if y >= bottom {
            break;
        }
        // Keep the last row for "… +N" when lines are left out.
        if i + 1 == rows && i + 1 < lines.len() {
            let left = total_items - shown_items;
            put(buf, x, y, &format!("… +{left}"), cw, p.dim);
            break;
        }
        let (indent, style) = match pl.kind {
            PaneLine::Solution(status, line_workshop, first) => {
                if first {
                    shown_items += 1;
                    let mark = match status {
                        Status::Done => "✓ ",
                        Status::Abandoned => "✗ ",
                        Status::InProgress => "◐ ",
                        Status::Todo => "▸ ",
                    };
                    let mark_style = if line_workshop { p.new_mark } else { p.accent };
                    put(buf, x, y, mark, 2, mark_style);
                }
                let st = if status == Status::Abandoned {
                    p.dim
                } else {
                    p.base
                };
                (2, st.add_modifier(ratatui::style::Modifier::BOLD))
            }
            PaneLine::Action => (2, p.base),
            PaneLine::Who => (4, p.dim),
        };
        put(
            buf,
            x + indent,
            y,
            &pl.text,
            cw.saturating_sub(indent),
            style,
        );
        y += 1;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    Compact,
    Titles,
}

#[derive(Debug, Clone, Copy)]
enum PaneLine {
    /// (status, new or changed in this workshop, first row of the solution)
    Solution(Status, bool, bool),
    Action,
    Who,
}

struct PLine {
    kind: PaneLine,
    text: String,
}

fn pane_lines(
    s: &crate::domain::Session,
    g: &crate::domain::Group,
    detail: Detail,
    width: usize,
    limit: usize,
) -> Vec<PLine> {
    let mut out = Vec::new();
    let w2 = width.saturating_sub(2).max(1);
    let w4 = width.saturating_sub(4).max(1);
    for line in &g.poster.lines {
        if out.len() >= limit {
            break;
        }
        let fresh = s.line_change(line) != crate::domain::LineChange::Same;
        let solution = if line.solution.is_empty() {
            "…".to_string()
        } else {
            line.solution.clone()
        };
        let who = {
            let mut parts = Vec::new();
            if !line.owners.is_empty() {
                parts.push(Owner::format_list(&line.owners));
            }
            let due = crate::text::due(&line.due);
            if !due.is_empty() {
                parts.push(due);
            }
            parts.join(" · ")
        };
        match detail {
            Detail::Full => {
                for (i, l) in fit::wrap(&solution, w2).into_iter().take(2).enumerate() {
                    out.push(PLine {
                        kind: PaneLine::Solution(line.status, fresh, i == 0),
                        text: l,
                    });
                }
                if !line.action.is_empty() {
                    for l in fit::wrap(&format!("→ {}", line.action), w2)
                        .into_iter()
                        .take(2)
                    {
                        out.push(PLine {
                            kind: PaneLine::Action,
                            text: l,
                        });
                    }
                }
                if !who.is_empty() {
                    out.push(PLine {
                        kind: PaneLine::Who,
                        text: fit::truncate(&who, w4),
                    });
                }
            }
            Detail::Compact => {
                out.push(PLine {
                    kind: PaneLine::Solution(line.status, fresh, true),
                    text: solution,
                });
                let detail = [line.action.clone(), who]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                if !detail.is_empty() {
                    out.push(PLine {
                        kind: PaneLine::Action,
                        text: format!("→ {detail}"),
                    });
                }
            }
            Detail::Titles => {
                out.push(PLine {
                    kind: PaneLine::Solution(line.status, fresh, true),
                    text: solution,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::app::testing::state_at;
    use crate::domain::Phase;

    #[test]
    fn whole_names_when_the_pane_has_room_initials_only_when_needed() {
        let mut st = state_at(Phase::Groups { round: 2 });
        st.size = (120, 36);
        let text = crate::ui::screen_text(&st);
        // The round's people of group 2, whole, over two lines.
        assert!(text.contains("Karim Benali, Océane"), "{text}");
        assert!(text.contains("Marchal, Claire Martin"), "{text}");
        assert!(!text.contains("KB"), "{text}");
        // At 80×24 a full pane keeps its poster and says its people in initials.
        st.size = (80, 24);
        let text = crate::ui::screen_text(&st);
        assert!(text.contains("IF, HG"), "{text}");
    }

    #[test]
    fn names_never_push_poster_lines_out_of_sight() {
        let mut st = state_at(Phase::Groups { round: 2 });
        let theme = st.group_themes().get(1).copied().expect("group 2");
        for i in 1..=5 {
            let id = st.session.next_line_id();
            let mut line = crate::domain::ActionLine::new(id, 1);
            line.solution = format!("Vélo partagé n°{i}");
            let index = st.session.group(theme).map_or(0, |g| g.poster.lines.len());
            crate::app::update::apply(&mut st, crate::domain::Op::AddLine { theme, index, line });
        }
        st.size = (100, 30);
        let text = crate::ui::screen_text(&st);
        // Nine solutions fill the pane: its people go to initials, every line shows.
        assert!(text.contains("Vélo partagé n°5"), "{text}");
        assert!(!text.contains("… +"), "{text}");
    }
}
