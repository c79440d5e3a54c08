//! The plenary's keys: opening and closing it, its steps and timer (PgDn/PgUp, Space, +/-),
//! then each step's own: the review's decisions, the leads, the next plenary's date.

use chrono::{Datelike, NaiveDate};
use rust_i18n::t;

use super::model::Model;
use crate::app::update::{apply, flash, take_step};
use crate::app::{Action, EditTarget, Editor, State};
use crate::domain::plenary::{Item, PlenaryStep, Verdict};
use crate::domain::{NeedKind, Op, Timer, Timestamp, cycle};
use crate::overlays::editor::update::open_editor;

/// `P` in Suivi: opens the plenary of the year, or asks the date of a new one (the day the
/// annual plenary was planned for, else today). `P` or Esc in the plenary: back to Suivi.
pub(crate) fn toggle_plenary(state: &mut State) {
    if state.plenary.take().is_some() {
        return;
    }
    let today = state.now.date_naive();
    if let Some(p) = state.session.plenary_of_year(today) {
        state.plenary = Some(Model::new(p.number));
        return;
    }
    let day = state
        .session
        .annual_plenary
        .map(|w| w.date)
        .filter(|d| d.year() >= today.year())
        .unwrap_or(today);
    state.editor = Some(Editor::new(EditTarget::NewPlenary, &day_text(day)));
}

fn day_text(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

fn number(state: &State) -> u32 {
    state.plenary.as_ref().map(|m| m.number).unwrap_or(0)
}

/// PgDn / PgUp in a plenary.
pub(crate) fn step(state: &mut State, forward: bool) {
    let n = number(state);
    let asked = state.session.plenary_step(n, state.now, forward);
    take_step(state, asked.map(|t| (t.op, t.warnings)));
}

pub(crate) fn timer(state: &mut State, f: impl Fn(&Timer, Timestamp) -> Timer) {
    let n = number(state);
    let Some(p) = state.session.plenary(n) else {
        return;
    };
    let op = Op::SetPlenaryTimer {
        plenary: n,
        timer: f(&p.timer, state.now),
    };
    apply(state, op);
}

/// The keys of the step on screen.
pub(crate) fn plenary_action(state: &mut State, action: Action) {
    let crate::app::Screen::Plenary(step) = state.screen() else {
        return;
    };
    if action == Action::Back {
        state.plenary = None;
        return;
    }
    match step {
        PlenaryStep::Bilan => {}
        PlenaryStep::Review => review(state, action),
        PlenaryStep::Leads => leads(state, action),
        PlenaryStep::Next => next(state, action),
    }
}

fn model(state: &mut State) -> Option<&mut Model> {
    state.plenary.as_mut()
}

fn review(state: &mut State, action: Action) {
    let Some(m) = state.plenary.clone() else {
        return;
    };
    let groups = state.session.review_groups(m.number).len();
    let items = m.review_items(&state.session).len();
    match action {
        Action::Left | Action::Right | Action::NextTab | Action::PrevTab => {
            let forward = matches!(action, Action::Right | Action::NextTab);
            let all: Vec<usize> = (0..groups).collect();
            if let Some(m) = model(state) {
                m.group = cycle(&all, &m.group.min(groups.saturating_sub(1)), forward).unwrap_or(0);
                m.row = 0;
            }
        }
        Action::Up => {
            if let Some(m) = model(state) {
                m.row = m.row.min(items.saturating_sub(1)).saturating_sub(1);
            }
        }
        Action::Down => {
            if let Some(m) = model(state) {
                m.row = (m.row + 1).min(items.saturating_sub(1));
            }
        }
        Action::Decide(verdict) => {
            let Some(item) = m.item(&state.session) else {
                flash(state, t!("plenary.nothing_to_decide").into_owned(), true);
                return;
            };
            match (verdict, item) {
                (Verdict::HandedOver, _) | (Verdict::Dropped, Item::Synergy(_)) => {
                    let target = if verdict == Verdict::HandedOver {
                        EditTarget::HandOver(m.number, item)
                    } else {
                        EditTarget::DropReason(m.number, item)
                    };
                    open_editor(state, target);
                }
                _ => {
                    if let Some(op) = state
                        .session
                        .decide_op(m.number, item, verdict, "", state.now)
                        && apply(state, op)
                    {
                        next_item(state);
                    }
                }
            }
        }
        _ => {}
    }
}

/// After a decision, the next item of the page is selected: the room goes down the list.
pub(crate) fn next_item(state: &mut State) {
    let n = state
        .plenary
        .as_ref()
        .map(|m| m.review_items(&state.session).len())
        .unwrap_or(0);
    if let Some(m) = model(state) {
        m.row = (m.row + 1).min(n.saturating_sub(1));
    }
}

/// The kinds a lead from the room can have.
const LEAD_KINDS: [NeedKind; 3] = [NeedKind::Need, NeedKind::Offer, NeedKind::Lead];

fn leads(state: &mut State, action: Action) {
    let Some(m) = state.plenary.clone() else {
        return;
    };
    let n = state
        .session
        .plenary(m.number)
        .map(|p| p.leads.len())
        .unwrap_or(0);
    let need = m
        .lead_id(&state.session)
        .and_then(|id| state.session.needs.iter().find(|x| x.id == id))
        .cloned();
    match action {
        Action::Up => {
            if let Some(m) = model(state) {
                m.lead = m.lead.min(n.saturating_sub(1)).saturating_sub(1);
            }
        }
        Action::Down => {
            if let Some(m) = model(state) {
                m.lead = (m.lead + 1).min(n.saturating_sub(1));
            }
        }
        Action::Add => open_editor(state, EditTarget::NewLead(m.number)),
        Action::Activate => {
            if let Some(x) = need {
                open_editor(state, EditTarget::NeedText(x.id));
            }
        }
        Action::CycleKind | Action::CycleTheme => {
            let Some(mut x) = need else {
                flash(state, t!("plenary.no_lead").into_owned(), true);
                return;
            };
            if action == Action::CycleKind {
                x.kind = cycle(&LEAD_KINDS, &x.kind, true).unwrap_or_default();
            } else {
                let mut themes: Vec<Option<u32>> = vec![None];
                themes.extend(state.session.themes.iter().map(|t| Some(t.id)));
                x.theme = cycle(&themes, &x.theme, true).flatten();
            }
            apply(state, Op::UpdateNeed(x));
        }
        Action::Delete => {
            if let Some(op) = need.and_then(|x| state.session.remove_lead_op(m.number, x.id))
                && apply(state, op)
                && let Some(m) = model(state)
            {
                m.lead = m.lead.saturating_sub(1);
            }
        }
        _ => {}
    }
}

fn next(state: &mut State, action: Action) {
    if !matches!(action, Action::Activate | Action::SetDate) {
        return;
    }
    let Some(p) = state.session.plenary(number(state)) else {
        return;
    };
    // The date planned, when it is after this plenary; else the same day a year on.
    let text = match state.session.annual_plenary {
        Some(w) if w.date > p.date => w.to_input(),
        _ => {
            let day = p
                .date
                .with_year(p.date.year() + 1)
                .or_else(|| p.date.checked_add_days(chrono::Days::new(365)))
                .unwrap_or(p.date);
            day_text(day)
        }
    };
    state.editor = Some(Editor::new(EditTarget::AnnualPlenary, &text));
}

/// The plenary's fields, stored with the clock's time (a decision is dated): `None` for any
/// other field. `Ok(None)`: nothing to store.
pub(crate) fn field_op(
    state: &State,
    target: EditTarget,
    text: &str,
) -> Option<Result<Option<Op>, String>> {
    let s = &state.session;
    let text = text.trim();
    Some(match target {
        EditTarget::NewPlenary => match NaiveDate::parse_from_str(text, "%d/%m/%Y")
            .ok()
            .or_else(|| crate::domain::When::parse_day(text))
        {
            Some(day) => Ok(Some(s.add_plenary_op(day))),
            None => Err(t!("edit.bad_date").into_owned()),
        },
        EditTarget::HandOver(n, item) => {
            if text.is_empty() {
                return Some(Err(t!("plenary.hand_over_empty").into_owned()));
            }
            Ok(s.decide_op(n, item, Verdict::HandedOver, text, state.now))
        }
        EditTarget::DropReason(n, item) => {
            Ok(s.decide_op(n, item, Verdict::Dropped, text, state.now))
        }
        EditTarget::NewLead(n) => {
            if text.is_empty() {
                return Some(Err(t!("plenary.empty_lead").into_owned()));
            }
            Ok(s.add_lead_op(n, text, NeedKind::Lead, None)
                .map(|(_, op)| op))
        }
        _ => return None,
    })
}

/// After one of the plenary's fields was stored: a new plenary opens, the review goes on to
/// the next item, a new lead is selected.
pub(crate) fn after_field(state: &mut State, target: EditTarget, op: &Op) {
    match (target, op) {
        (EditTarget::NewPlenary, Op::AddPlenary(p)) => {
            state.plenary = Some(Model::new(p.number));
        }
        (EditTarget::HandOver(..) | EditTarget::DropReason(..), _) => next_item(state),
        (EditTarget::NewLead(n), _) => {
            let last = state
                .session
                .plenary(n)
                .map(|p| p.leads.len().saturating_sub(1))
                .unwrap_or(0);
            if let Some(m) = model(state) {
                m.lead = last;
            }
        }
        _ => {}
    }
}
