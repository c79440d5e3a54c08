//! Préparation: the zone profile, themes, participants, needs catalogue, agenda and round
//! tables, one tab each.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState, Widget};
use rust_i18n::t;

use super::model::{AGENDA_ROWS, AgendaRow, ZONE_ROWS};
use crate::app::{PrepTab, State, edit::AgendaField};
use crate::domain::NeedKind;
use crate::screens::rotation::view as rotation;
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

pub fn render(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    if area.height < 4 {
        return;
    }
    // Tabs.
    let mut spans = vec![Span::styled(" ", p.base)];
    for tab in PrepTab::ALL {
        let label = format!(" {} ", t!(tab.label_key()));
        spans.push(Span::styled(
            label,
            if tab == state.prep.tab {
                p.current_step
            } else {
                p.dim
            },
        ));
        spans.push(Span::styled(" ", p.base));
    }
    Line::from(spans).render(Rect::new(area.x, area.y, area.width, 1), buf);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    match state.prep.tab {
        PrepTab::Tables => {
            let title = t!(
                "prep.tables_title",
                k = state.tables.round,
                n = state.workshop().map(|w| w.round_count).unwrap_or(1)
            );
            put(
                buf,
                body.x + 1,
                body.y,
                &title,
                body.width.saturating_sub(2),
                p.title,
            );
            if let Some((line, warn)) = rotation::metrics_line(state) {
                let style = if warn { p.warn } else { p.dim };
                put(
                    buf,
                    body.x + 1,
                    body.y + 1,
                    &line,
                    body.width.saturating_sub(2),
                    style,
                );
            }
            rotation::render_tables(
                state,
                p,
                Rect::new(
                    body.x,
                    body.y + 2,
                    body.width,
                    body.height.saturating_sub(2),
                ),
                buf,
            );
        }
        tab => render_table(state, p, tab, body, buf),
    }
}

fn cell(s: String, w: u16) -> String {
    fit::truncate(&s, w as usize)
}

fn render_table(state: &State, p: &Palette, tab: PrepTab, area: Rect, buf: &mut Buffer) {
    let s = &state.session;
    let inner_w = area.width.saturating_sub(4);
    // The invitation list holds a zone's hundreds or thousands of establishments: only the
    // rows on screen are built (the selected one last when it is below them, as the table
    // scrolls).
    let visible = usize::from(area.height.saturating_sub(3)).max(1);
    let first = match tab {
        PrepTab::Invitations => state.prep.row.saturating_sub(visible - 1),
        _ => 0,
    };
    let (headers, widths, rows): (Vec<String>, Vec<u16>, Vec<Vec<String>>) = match tab {
        PrepTab::Zone => {
            let lw = 28.min(inner_w / 3);
            let vw = inner_w.saturating_sub(lw + 1);
            (
                vec![String::new(), String::new()],
                vec![lw, vw],
                ZONE_ROWS
                    .iter()
                    .map(|r| vec![r.label(), r.value(s)])
                    .collect(),
            )
        }
        PrepTab::Invitations => {
            super::profile_view::invitation_table(s, inner_w, first..first + visible)
        }
        PrepTab::Themes => {
            let w = [inner_w * 22 / 100, inner_w * 40 / 100, inner_w * 20 / 100];
            let last = inner_w.saturating_sub(w.iter().sum::<u16>() + 3);
            (
                vec![
                    t!("prep.theme.title").into_owned(),
                    t!("prep.theme.constat").into_owned(),
                    t!("prep.theme.expert").into_owned(),
                    t!("prep.theme.rapporteur").into_owned(),
                ],
                vec![w[0], w[1], w[2], last],
                s.themes
                    .iter()
                    .map(|th| {
                        let counts = crate::text::need_counts(s.needs_of(th.id));
                        let rap = s
                            .group(th.id)
                            .and_then(|g| g.rapporteur)
                            .and_then(|r| s.participant(r))
                            .map(|r| r.name.clone())
                            .unwrap_or_else(|| t!("groups.nobody").into_owned());
                        // The linked entries after the title, each kind counted as what
                        // it is (« 3 besoins, 2 offres »), never cut: where they would
                        // leave the title too little room, the title alone (the detail
                        // below names them).
                        let suffix = if counts.is_empty() {
                            format!(" ({})", crate::text::count(0, "words.needs"))
                        } else {
                            format!(" ({counts})")
                        };
                        // Several kinds that do not fit: their total, as catalogue entries.
                        let total = s.needs_of(th.id).count();
                        let room = usize::from(w[0]).saturating_sub(fit::width(&suffix) + 1);
                        let (suffix, room) = if room >= 12 {
                            (suffix, room)
                        } else {
                            let short = format!(
                                " ({})",
                                crate::text::count(total, "words.catalogue_entries")
                            );
                            let room = usize::from(w[0]).saturating_sub(fit::width(&short) + 1);
                            (short, room)
                        };
                        let title = if room >= 12 {
                            format!("{}{suffix}", fit::truncate(&th.title, room))
                        } else {
                            th.title.clone()
                        };
                        // A constat taken from a pilot or a model says so first.
                        let constat = if th.review {
                            format!("{} · {}", t!("prep.theme.review_short"), th.constat)
                        } else {
                            th.constat.clone()
                        };
                        vec![title, constat, th.expert.clone().unwrap_or_default(), rap]
                    })
                    .collect(),
            )
        }
        PrepTab::Participants => {
            // The role and the wishes (short, unreadable cut: « collecti… ») get what they
            // need first; the organisation and the e-mail share the rest.
            let need = |header: &str, values: Vec<String>, cap: usize| {
                values
                    .iter()
                    .map(|v| fit::width(v))
                    .chain(std::iter::once(fit::width(header)))
                    .max()
                    .unwrap_or(0)
                    .min(cap) as u16
            };
            let role = need(
                &t!("prep.person.role"),
                s.participants
                    .iter()
                    .map(|x| t!(x.role.label_key()).into_owned())
                    .collect(),
                16,
            );
            let wishes = need(
                &t!("prep.person.choices"),
                s.participants
                    .iter()
                    .map(|x| crate::app::edit::choices_text(s, &x.choices))
                    .collect(),
                14,
            );
            // Names whole too when they can be (up to 20 columns): the room reads them.
            let name = need(
                &t!("prep.person.name"),
                s.participants.iter().map(|x| x.name.clone()).collect(),
                20,
            )
            .min(inner_w / 4);
            let rest = inner_w.saturating_sub(name + role + wishes + 4);
            let w = [name, rest / 2, role];
            let email = rest.saturating_sub(w[1]);
            (
                vec![
                    t!("prep.person.name").into_owned(),
                    t!("prep.person.organisation").into_owned(),
                    t!("prep.person.role").into_owned(),
                    t!("prep.person.email").into_owned(),
                    t!("prep.person.choices").into_owned(),
                ],
                vec![w[0], w[1], w[2], email, wishes],
                s.participants
                    .iter()
                    .map(|x| {
                        vec![
                            x.name.clone(),
                            x.organisation.clone(),
                            t!(x.role.label_key()).into_owned(),
                            x.email.clone().unwrap_or_default(),
                            crate::app::edit::choices_text(s, &x.choices),
                        ]
                    })
                    .collect(),
            )
        }
        PrepTab::Needs => {
            // What each entry is (besoin, offre, piste, synergie), then its text and theme.
            let kinds: Vec<String> = NeedKind::ALL
                .iter()
                .map(|k| t!(k.label_key()).into_owned())
                .collect();
            let head = t!("prep.need.kind").into_owned();
            let w0 = kinds
                .iter()
                .chain([&head])
                .map(|k| fit::width(k) as u16)
                .max()
                .unwrap_or(0)
                .min(inner_w / 4);
            let w1 = inner_w.saturating_sub(w0 + 1) * 65 / 100;
            (
                vec![
                    head,
                    t!("prep.need.text").into_owned(),
                    t!("prep.need.theme").into_owned(),
                ],
                vec![w0, w1, inner_w.saturating_sub(w0 + w1 + 2)],
                s.needs
                    .iter()
                    .map(|n| {
                        vec![
                            t!(n.kind.label_key()).into_owned(),
                            n.text.clone(),
                            n.theme
                                .and_then(|t| s.theme(t))
                                .map(|t| t.title.clone())
                                .unwrap_or_else(|| "—".into()),
                        ]
                    })
                    .collect(),
            )
        }
        PrepTab::Agenda => {
            let lw = 34.min(inner_w / 2);
            let w = state.workshop();
            let steps = w.map(|w| s.steps(w)).unwrap_or_default();
            let rows = AGENDA_ROWS
                .iter()
                .map(|row| match row {
                    AgendaRow::Date => vec![
                        t!("prep.agenda.date").into_owned(),
                        w.and_then(|w| w.date)
                            .map(crate::text::long_date)
                            .unwrap_or_default(),
                    ],
                    AgendaRow::Start => vec![
                        t!("prep.agenda.start").into_owned(),
                        w.and_then(|w| w.agenda.start)
                            .map(|t| t.format("%H:%M").to_string())
                            .unwrap_or_default(),
                    ],
                    AgendaRow::Rounds => vec![
                        t!("prep.agenda.rounds").into_owned(),
                        w.map(|w| w.round_count.to_string()).unwrap_or_default(),
                    ],
                    AgendaRow::Minutes(f) => {
                        let a = w.map(|w| w.agenda.clone()).unwrap_or_default();
                        let (key, m) = match f {
                            AgendaField::Presentation => {
                                ("prep.agenda.presentation", a.presentation)
                            }
                            AgendaField::Groups => ("prep.agenda.groups", a.groups),
                            AgendaField::Rotation => ("prep.agenda.rotation", a.rotation),
                            AgendaField::Restitution => ("prep.agenda.restitution", a.restitution),
                            AgendaField::Commitments => ("prep.agenda.commitments", a.commitments),
                        };
                        vec![
                            t!(key).into_owned(),
                            t!("prep.agenda.minutes", n = m).into_owned(),
                        ]
                    }
                })
                .collect();
            let total = w.map(|w| w.agenda.total_minutes(&steps)).unwrap_or(0);
            let end = w.and_then(|w| w.agenda.start).map(|st| {
                (st + chrono::Duration::minutes(i64::from(total)))
                    .format("%H:%M")
                    .to_string()
            });
            (
                vec![
                    String::new(),
                    t!(
                        "prep.agenda.total",
                        n = total,
                        end = end.unwrap_or_else(|| "—".into())
                    )
                    .into_owned(),
                ],
                vec![lw, inner_w.saturating_sub(lw + 1)],
                rows,
            )
        }
        PrepTab::Tables => return,
    };
    let cols = widths.len();
    let header = Row::new(
        headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| Cell::from(cell(h.clone(), *w)).style(p.accent)),
    );
    let table_rows: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(ri, r)| {
            Row::new(r.iter().zip(&widths).enumerate().map(|(ci, (v, w))| {
                let selected = ri + first == state.prep.row
                    && (ci == state.prep.col.min(cols - 1)
                        || matches!(tab, PrepTab::Zone | PrepTab::Agenda) && ci == 1
                        // An invitation is chosen whole: Enter makes its participant.
                        || tab == PrepTab::Invitations);
                let style = if selected {
                    p.selected
                } else if ci == 0 && matches!(tab, PrepTab::Zone | PrepTab::Agenda) {
                    p.dim
                } else {
                    p.base
                };
                Cell::from(cell(
                    if v.is_empty() && selected && tab != PrepTab::Invitations {
                        "▏".into()
                    } else {
                        v.clone()
                    },
                    *w,
                ))
                .style(style)
            }))
        })
        .collect();
    let empty = table_rows.is_empty();
    // Under the zone's rows, its profile from open data.
    let wanted = table_rows.len() as u16 + 2;
    let area = if tab == PrepTab::Zone && area.height >= wanted + 3 {
        let top = Rect::new(area.x, area.y, area.width, wanted);
        let bottom = Rect::new(area.x, area.y + wanted, area.width, area.height - wanted);
        super::profile_view::render_profile(state, p, bottom, buf);
        top
    } else {
        area
    };
    // Below the table, the selected record in full: cells are cut, the detail is not.
    let detail = detail_lines(state, tab);
    let wanted = table_rows.len() as u16 + 3;
    let area = if !detail.is_empty() && area.height > wanted + 4 {
        let dh = (area.height - wanted).min(detail.len() as u16 * 2 + 2);
        let top = Rect::new(area.x, area.y, area.width, area.height - dh);
        let bottom = Rect::new(area.x, area.y + top.height, area.width, dh);
        let b = block(
            p,
            Line::styled(
                format!(
                    " {} ",
                    if tab == PrepTab::Invitations {
                        t!("import.inv.detail")
                    } else {
                        t!("prep.detail")
                    }
                ),
                p.dim,
            ),
            false,
        );
        let inner = b.inner(bottom);
        b.render(bottom, buf);
        let label_w = detail.iter().map(|(l, _)| fit::width(l)).max().unwrap_or(0) + 2;
        let value_w = (inner.width as usize).saturating_sub(label_w + 1).max(1);
        let mut y = inner.y;
        for (label, value) in &detail {
            for (i, line) in fit::wrap(value, value_w).into_iter().enumerate() {
                if y >= inner.y + inner.height {
                    break;
                }
                if i == 0 {
                    put(buf, inner.x + 1, y, label, label_w as u16, p.dim);
                }
                put(
                    buf,
                    inner.x + 1 + label_w as u16,
                    y,
                    &line,
                    value_w as u16,
                    p.base,
                );
                y += 1;
            }
        }
        top
    } else {
        area
    };
    let title = match tab {
        PrepTab::Invitations => format!(" {} ", super::profile_view::invitation_title(s)),
        _ => format!(" {} ", t!(tab.label_key())),
    };
    let has_header = headers.iter().any(|h| !h.is_empty());
    let table = Table::new(table_rows, widths.iter().map(|w| Constraint::Length(*w)));
    let table = if has_header {
        table.header(header)
    } else {
        table
    };
    let table = table
        .column_spacing(1)
        .block(block(p, Line::styled(title, p.dim), false))
        .row_highlight_style(ratatui::style::Style::default().add_modifier(Modifier::BOLD));
    let mut ts = TableState::default().with_selected(Some(state.prep.row.saturating_sub(first)));
    StatefulWidget::render(table, area, buf, &mut ts);
    if empty && area.height > 3 {
        put(
            buf,
            area.x + 2,
            area.y + 2,
            &if tab == PrepTab::Invitations {
                t!("import.inv.empty")
            } else {
                t!("prep.empty")
            },
            area.width.saturating_sub(4),
            p.dim,
        );
    }
}

/// (label, full value) of the selected record, for the detail pane.
fn detail_lines(state: &State, tab: PrepTab) -> Vec<(String, String)> {
    let s = &state.session;
    let row = state.prep.row;
    let l = |k: &str| t!(k).into_owned();
    match tab {
        PrepTab::Themes => s
            .themes
            .get(row)
            .map(|th| {
                let needs: Vec<String> = s
                    .needs_of(th.id)
                    .map(|n| format!("• {}", crate::text::label(&t!(n.kind.label_key()), &n.text)))
                    .collect();
                let counts = crate::text::need_counts(s.needs_of(th.id));
                vec![
                    (l("prep.theme.title"), th.title.clone()),
                    (
                        l("prep.theme.constat"),
                        if th.review {
                            format!("{} — {}", t!("prep.theme.review"), th.constat)
                        } else {
                            th.constat.clone()
                        },
                    ),
                    (
                        l("prep.theme.expert"),
                        th.expert.clone().unwrap_or_default(),
                    ),
                    (l("prep.need.counts"), counts),
                    (l("prep.need.list"), needs.join("  ")),
                ]
            })
            .unwrap_or_default(),
        PrepTab::Participants => s
            .participants
            .get(row)
            .map(|x| {
                vec![
                    (l("prep.person.name"), x.name.clone()),
                    (l("prep.person.organisation"), x.organisation.clone()),
                    (l("prep.person.email"), x.email.clone().unwrap_or_default()),
                ]
            })
            .unwrap_or_default(),
        PrepTab::Invitations => super::profile_view::invitation_detail(s, row),
        PrepTab::Needs => s
            .needs
            .get(row)
            .map(|n| {
                vec![
                    (l("prep.need.kind"), t!(n.kind.label_key()).into_owned()),
                    (l("prep.need.text"), n.text.clone()),
                ]
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
