//! The rencontre's keys: steps and timer (PgDn/PgUp, Space, +/-), then each step's own.

use rust_i18n::t;

use super::model::{
    DotEntry, Model, WALL, dot_matches, group_column, number_may_grow, question_rows, wall_column,
};
use crate::app::key::{KeyCode, KeyModifiers};
use crate::app::update::{apply, flash};
use crate::app::{Action, EditTarget, PickTarget, Picker, State};
use crate::domain::rencontre::{
    Candidate, CardKind, Dot, DotRefusal, Flow, RencontreField, StepKind,
};
use crate::domain::{Op, Timer, Timestamp, Zone};
use crate::overlays::editor::update::open_editor;

/// `i`: opens the rencontre (creating the first one), or goes back to the workshop.
pub(crate) fn toggle_rencontre(state: &mut State) {
    if state.rencontre.take().is_some() {
        return;
    }
    state.followup = None;
    if let Some(r) = state.session.current_rencontre() {
        state.rencontre = Some(Model::new(r.number));
        return;
    }
    if let Some(op) = state.session.add_rencontre_op()
        && apply(state, op)
        && let Some(r) = state.session.current_rencontre()
    {
        state.rencontre = Some(Model::new(r.number));
    }
}

fn number(state: &State) -> u32 {
    state.rencontre.as_ref().map(|m| m.number).unwrap_or(0)
}

fn model(state: &mut State) -> Option<&mut Model> {
    state.rencontre.as_mut()
}

/// PgDn / PgUp in a rencontre.
pub(crate) fn step(state: &mut State, forward: bool) {
    let n = number(state);
    let transition = match state.session.rencontre_step(n, state.now, forward) {
        Ok(t) => t,
        Err(e) => {
            flash(state, e.to_string(), true);
            return;
        }
    };
    if let Some(op) = transition.op {
        apply(state, op);
    }
    state.flash = None;
    if let Some(m) = model(state) {
        m.entry = None;
        m.row = 0;
    }
    if !transition.warnings.is_empty() {
        let text = transition
            .warnings
            .iter()
            .map(|w| crate::app::update::warning_text(&state.session, w))
            .collect::<Vec<_>>()
            .join(" · ");
        flash(state, text, true);
    }
}

pub(crate) fn timer(state: &mut State, f: impl Fn(&Timer, Timestamp) -> Timer) {
    let n = number(state);
    let Some(r) = state.session.rencontre(n) else {
        return;
    };
    let op = Op::SetRencontreTimer {
        rencontre: n,
        timer: f(&r.timer, state.now),
    };
    apply(state, op);
}

/// The keys of the step on screen.
pub(crate) fn rencontre_action(state: &mut State, action: Action) {
    let crate::app::Screen::Rencontre(kind) = state.screen() else {
        return;
    };
    // `c`: the step's planned minutes, wherever no step-specific meaning was given.
    if action == Action::Configure
        && matches!(
            kind,
            StepKind::Census | StepKind::Grouping | StepKind::Questions | StepKind::Closing
        )
    {
        open_editor(state, EditTarget::StepMinutes(number(state), kind));
        return;
    }
    match kind {
        StepKind::Diagnostic => diagnostic(state, action),
        StepKind::Introductions => introductions(state, action),
        StepKind::Census => census(state, action),
        StepKind::Grouping => grouping(state, action),
        StepKind::Vote => vote(state, action),
        StepKind::Questions => questions(state, action),
        StepKind::Closing => closing(state, action),
    }
}

fn diagnostic(state: &mut State, action: Action) {
    let n = state.session.zone.stakes.len();
    let Some(m) = model(state) else { return };
    match action {
        Action::Up => m.stake = m.stake.saturating_sub(1),
        Action::Down => m.stake = (m.stake + 1).min(n.saturating_sub(1)),
        Action::Add => open_editor(state, EditTarget::NewStake),
        Action::Activate if n > 0 => {
            let i = m.stake.min(n - 1);
            open_editor(state, EditTarget::Stake(i));
        }
        Action::Delete if n > 0 => {
            let i = m.stake.min(n - 1);
            let mut zone: Zone = state.session.zone.clone();
            zone.stakes.remove(i);
            apply(state, Op::SetZone(zone));
            if let Some(m) = model(state) {
                m.stake = m.stake.min(n.saturating_sub(2));
            }
        }
        Action::PickSteering => {
            let steering = state.session.zone.steering.clone();
            let options = state
                .session
                .participants
                .iter()
                .map(|p| {
                    let mark = if steering.contains(&p.id) {
                        "✓ "
                    } else {
                        "  "
                    };
                    (Some(p.id), format!("{mark}{}", person_label(p)))
                })
                .collect();
            state.picker = Some(Picker {
                target: PickTarget::Steering,
                options,
                filter: String::new(),
                selected: 0,
            });
        }
        Action::Configure => open_editor(
            state,
            EditTarget::StepMinutes(number(state), StepKind::Diagnostic),
        ),
        Action::SetDate => open_editor(state, EditTarget::RencontreDate(number(state))),
        _ => {}
    }
}

fn introductions(state: &mut State, action: Action) {
    let n = number(state);
    match action {
        Action::Configure => {
            open_editor(state, EditTarget::StepMinutes(n, StepKind::Introductions))
        }
        // A card for the person speaking: what they say they need or offer.
        Action::Add => {
            let speaker = state
                .open_rencontre()
                .and_then(|r| state.session.speaker_at(r.phase).0)
                .map(|p| p.id);
            if let Some(m) = model(state) {
                m.author = speaker;
            }
            open_editor(
                state,
                EditTarget::NewCard {
                    rencontre: n,
                    kind: CardKind::Need,
                    author: speaker,
                },
            );
        }
        _ => {}
    }
}

fn person_label(p: &crate::domain::Participant) -> String {
    if p.organisation.trim().is_empty() {
        p.name.clone()
    } else {
        format!("{} ({})", p.name, p.organisation)
    }
}

/// The column after (or before) `col` of `n`, wrapping round (the wall's, the Regroupement's).
fn next_column(col: usize, n: usize, forward: bool) -> usize {
    let n = n.max(1);
    if forward {
        (col + 1) % n
    } else {
        (col + n - 1) % n
    }
}

/// The card above (or below) the one at `pos` in a column, staying at its ends; the first
/// when none is selected.
fn moved(
    ids: &[crate::domain::rencontre::CardId],
    pos: Option<usize>,
    down: bool,
) -> Option<crate::domain::rencontre::CardId> {
    let i = match (pos, down) {
        (Some(i), false) => i.saturating_sub(1),
        (Some(i), true) => (i + 1).min(ids.len().saturating_sub(1)),
        (None, _) => 0,
    };
    ids.get(i).copied()
}

/// The card selected on the wall, put back on an existing card of its column.
pub(crate) fn wall_selection(state: &State) -> Option<crate::domain::rencontre::CardId> {
    let m = state.rencontre.as_ref()?;
    let r = state.open_rencontre()?;
    let ids = wall_column(r, m.column);
    match m.card {
        Some(c) if ids.contains(&c) => Some(c),
        _ => ids.last().copied(),
    }
}

fn census(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let selected = wall_selection(state);
    let Some(m) = state.rencontre.as_ref() else {
        return;
    };
    let ids = wall_column(r, m.column);
    let pos = selected.and_then(|c| ids.iter().position(|x| *x == c));
    let card = selected.and_then(|c| r.card(c)).cloned();
    let kind = WALL
        .get(m.column)
        .and_then(|k| k.first())
        .copied()
        .unwrap_or_default();
    let author = m.author;
    let column = m.column;
    match action {
        Action::Left | Action::Right => {
            if let Some(m) = model(state) {
                m.column = next_column(column, WALL.len(), action == Action::Right);
                m.card = None;
            }
        }
        Action::Up | Action::Down => {
            if let Some(m) = model(state) {
                m.card = moved(&ids, pos, action == Action::Down);
            }
        }
        Action::Add => open_editor(
            state,
            EditTarget::NewCard {
                rencontre: n,
                kind,
                author,
            },
        ),
        Action::Activate => {
            if let Some(c) = card {
                open_editor(state, EditTarget::CardText(n, c.id));
            }
        }
        Action::Delete => {
            if let Some(c) = card {
                apply(
                    state,
                    Op::RemoveCard {
                        rencontre: n,
                        card: c.id,
                    },
                );
                if let Some(m) = model(state) {
                    m.card = pos
                        .and_then(|i| i.checked_sub(1))
                        .and_then(|i| ids.get(i).copied());
                }
            }
        }
        Action::CycleKind => {
            if let Some(mut c) = card {
                c.kind = crate::domain::cycle(&CardKind::ALL, &c.kind, true).unwrap_or_default();
                let id = c.id;
                let to = WALL.iter().position(|k| k.contains(&c.kind)).unwrap_or(0);
                apply(
                    state,
                    Op::UpdateCard {
                        rencontre: n,
                        card: c,
                    },
                );
                if let Some(m) = model(state) {
                    m.column = to;
                    m.card = Some(id);
                }
            }
        }
        Action::CycleFlow => {
            if let Some(mut c) = card {
                c.flow = match c.flow {
                    None => Flow::ALL.first().copied(),
                    Some(f) => Flow::ALL
                        .iter()
                        .position(|x| *x == f)
                        .and_then(|i| Flow::ALL.get(i + 1))
                        .copied(),
                };
                apply(
                    state,
                    Op::UpdateCard {
                        rencontre: n,
                        card: c,
                    },
                );
            }
        }
        Action::PickAuthor => {
            let mut options: Vec<(Option<u32>, String)> = state
                .session
                .participants
                .iter()
                .map(|p| (Some(p.id), person_label(p)))
                .collect();
            options.push((None, t!("words.nobody").into_owned()));
            let current = card.as_ref().and_then(|c| c.author).or(author);
            let selected = options.iter().position(|(v, _)| *v == current).unwrap_or(0);
            state.picker = Some(Picker {
                target: match card {
                    Some(c) => PickTarget::CardAuthor(c.id),
                    None => PickTarget::NewCardAuthor,
                },
                options,
                filter: String::new(),
                selected,
            });
        }
        _ => {}
    }
}

/// The card selected in Regroupement, put back on an existing card of its column.
pub(crate) fn group_selection(state: &State) -> Option<crate::domain::rencontre::CardId> {
    let m = state.rencontre.as_ref()?;
    let r = state.open_rencontre()?;
    let ids = group_column(r, m.group_column);
    match m.group_card {
        Some(c) if ids.contains(&c) => Some(c),
        _ => ids.first().copied(),
    }
}

fn grouping(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let selected = group_selection(state);
    let Some(m) = state.rencontre.as_ref() else {
        return;
    };
    let col = m.group_column.min(r.themes.len());
    let ids = group_column(r, col);
    let pos = selected.and_then(|c| ids.iter().position(|x| *x == c));
    let card = selected.and_then(|c| r.card(c)).cloned();
    let theme = col.checked_sub(1).and_then(|i| r.themes.get(i)).cloned();
    let leads = r.synergy_leads(&state.session.participants);
    let lead = leads
        .get(m.lead.min(leads.len().saturating_sub(1)))
        .copied();
    let columns = r.themes.len() + 1;
    let next_candidate = r.next_candidate_id();
    let candidates: Vec<Candidate> = r.themes.clone();
    match action {
        Action::Left | Action::Right => {
            if let Some(m) = model(state) {
                m.group_column = next_column(col, columns, action == Action::Right);
                m.group_card = None;
            }
        }
        Action::Up | Action::Down => {
            if let Some(m) = model(state) {
                m.group_card = moved(&ids, pos, action == Action::Down);
            }
        }
        Action::FocusGroup(k) => {
            let Some(mut c) = card else { return };
            let to = match k {
                0 => None,
                k => match candidates.get(usize::from(k) - 1) {
                    Some(t) => Some(t.id),
                    None => {
                        flash(state, t!("rgroup.no_theme", n = k).into_owned(), true);
                        return;
                    }
                },
            };
            if c.theme == to {
                return;
            }
            c.theme = to;
            apply(
                state,
                Op::UpdateCard {
                    rencontre: n,
                    card: c,
                },
            );
            // The cursor stays in the column, on the next card: sorting is a run of digits.
            if let Some(m) = model(state) {
                let rest: Vec<_> = ids.iter().filter(|x| Some(**x) != selected).collect();
                m.group_card = pos.and_then(|i| rest.get(i).or(rest.last())).map(|x| **x);
            }
        }
        Action::NewCandidate => {
            let title = card
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_else(|| t!("rgroup.new_theme").into_owned());
            let mut ops = vec![Op::AddCandidate {
                rencontre: n,
                index: candidates.len(),
                candidate: Candidate {
                    id: next_candidate,
                    title,
                },
            }];
            if let Some(mut c) = card {
                c.theme = Some(next_candidate);
                ops.push(Op::UpdateCard {
                    rencontre: n,
                    card: c,
                });
            }
            if apply(state, Op::Batch(ops)) {
                if let Some(m) = model(state) {
                    m.group_column = candidates.len() + 1;
                    m.group_card = selected;
                }
                open_editor(state, EditTarget::CandidateTitle(n, next_candidate));
            }
        }
        Action::RenameCandidate => {
            if let Some(t) = theme {
                open_editor(state, EditTarget::CandidateTitle(n, t.id));
            }
        }
        Action::Activate => match (theme, card) {
            (_, Some(c)) => open_editor(state, EditTarget::CardText(n, c.id)),
            (Some(t), None) => open_editor(state, EditTarget::CandidateTitle(n, t.id)),
            _ => {}
        },
        Action::MergeCandidate => {
            let Some(t) = theme else { return };
            let options = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.id != t.id)
                .map(|(i, c)| (Some(c.id), format!("{} {}", i + 1, c.title)))
                .collect();
            state.picker = Some(Picker {
                target: PickTarget::MergeInto(t.id),
                options,
                filter: String::new(),
                selected: 0,
            });
        }
        Action::DeleteCandidate => {
            if let Some(t) = theme
                && let Some(op) = state.session.remove_candidate_op(n, t.id)
            {
                apply(state, op);
                if let Some(m) = model(state) {
                    m.group_column = col.saturating_sub(1);
                }
            }
        }
        Action::NextLead => {
            if let Some(m) = model(state) {
                m.lead = if leads.is_empty() {
                    0
                } else {
                    (m.lead + 1) % leads.len()
                };
            }
        }
        Action::AcceptLead | Action::DismissLead => {
            let Some(l) = lead else { return };
            let accepted = state
                .open_rencontre()
                .is_some_and(|r| r.accepted(l.offer, l.need));
            let mark = match (action == Action::AcceptLead, accepted) {
                (true, true) => None,
                (true, false) => Some(true),
                (false, _) => Some(false),
            };
            apply(
                state,
                Op::MarkSynergy {
                    rencontre: n,
                    offer: l.offer,
                    need: l.need,
                    mark,
                },
            );
        }
        _ => {}
    }
}

fn vote(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let themes: Vec<Candidate> = r.themes.clone();
    let revealed = r.revealed;
    if state.rencontre.as_ref().is_some_and(|m| m.entry.is_some()) {
        dot_entry(state, action, n);
        return;
    }
    let Some(m) = model(state) else { return };
    let row = m.vote_row.min(themes.len().saturating_sub(1));
    match action {
        Action::Up => m.vote_row = row.saturating_sub(1),
        Action::Down => m.vote_row = (row + 1).min(themes.len().saturating_sub(1)),
        Action::FocusGroup(k) if k >= 1 => {
            if let Some(t) = themes.get(usize::from(k) - 1) {
                m.vote_row = usize::from(k) - 1;
                m.entry = Some(DotEntry {
                    theme: t.id,
                    ..DotEntry::default()
                });
            } else {
                flash(state, t!("rgroup.no_theme", n = k).into_owned(), true);
            }
        }
        Action::Activate => {
            if let Some(t) = themes.get(row) {
                m.entry = Some(DotEntry {
                    theme: t.id,
                    ..DotEntry::default()
                });
            }
        }
        Action::Reveal => {
            apply(
                state,
                Op::SetRencontre {
                    rencontre: n,
                    field: RencontreField::Revealed(!revealed),
                },
            );
        }
        Action::Configure => open_editor(state, EditTarget::StepMinutes(n, StepKind::Vote)),
        Action::VoteRules => open_editor(state, EditTarget::VoteRules(n)),
        Action::Delete => {
            // The last dot put on the selected theme comes off.
            let last = themes.get(row).and_then(|t| {
                state
                    .open_rencontre()
                    .and_then(|r| r.dots.iter().rev().find(|d| d.theme == t.id))
                    .map(|d| d.id)
            });
            if let Some(dot) = last {
                apply(state, Op::RemoveDot { rencontre: n, dot });
            }
        }
        _ => {}
    }
}

/// Typing a dot: a number or letters; the dot is placed as soon as one person matches and
/// no longer number could still be meant, or on Enter.
fn dot_entry(state: &mut State, action: Action, n: u32) {
    let Some(entry) = state.rencontre.as_mut().and_then(|m| m.entry.as_mut()) else {
        return;
    };
    match action {
        Action::Back => {
            if let Some(m) = model(state) {
                m.entry = None;
            }
        }
        Action::Up | Action::Down => {
            let theme = entry.theme;
            let themes: Vec<_> = state
                .open_rencontre()
                .map(|r| r.themes.iter().map(|t| t.id).collect())
                .unwrap_or_default();
            let i = themes.iter().position(|t| *t == theme).unwrap_or(0);
            let j = if action == Action::Up {
                i.saturating_sub(1)
            } else {
                (i + 1).min(themes.len().saturating_sub(1))
            };
            if let Some(m) = model(state) {
                m.vote_row = j;
                if let (Some(e), Some(t)) = (m.entry.as_mut(), themes.get(j)) {
                    e.theme = *t;
                    e.query.clear();
                    e.error = None;
                    e.done = None;
                }
            }
        }
        Action::EditKey(key) => {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            let waiting = match key.code {
                // Ctrl-U empties the entry, Ctrl-W takes its last word off, as in a shell.
                KeyCode::Char('u') if ctrl => {
                    entry.clear();
                    None
                }
                KeyCode::Char('w') if ctrl => {
                    entry.delete_word();
                    None
                }
                KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                    if c.is_control() {
                        return;
                    }
                    entry.push(&state.session, c)
                }
                KeyCode::Backspace => {
                    entry.backspace();
                    None
                }
                _ => return,
            };
            if let Some(p) = waiting {
                place_dot(state, n, p);
                // The letter typed after the number starts the next name.
                if let Some(e) = model(state).and_then(|m| m.entry.as_mut()) {
                    e.done = None;
                }
            }
            let Some(entry) = state.rencontre.as_ref().and_then(|m| m.entry.as_ref()) else {
                return;
            };
            if entry.done.is_some() {
                return;
            }
            let query = entry.query.clone();
            let matches = dot_matches(&state.session, &query);
            if let [one] = matches.as_slice()
                && !number_may_grow(&state.session, &query)
            {
                place_dot(state, n, *one);
            }
        }
        Action::Activate => {
            // Enter after a name that got its dot ends it; on nothing typed, does nothing.
            if entry.done.is_some() || entry.query.trim().is_empty() {
                entry.query.clear();
                entry.done = None;
                return;
            }
            let query = entry.query.clone();
            let matches = dot_matches(&state.session, &query);
            match matches.as_slice() {
                [one] => place_dot(state, n, *one),
                [] => set_entry_error(state, t!("rvote.nobody", query = query).into_owned()),
                many => {
                    let names: Vec<String> = many
                        .iter()
                        .take(4)
                        .filter_map(|id| state.session.participant(*id))
                        .map(|p| p.name.clone())
                        .collect();
                    set_entry_error(
                        state,
                        t!("rvote.several", names = names.join(", ")).into_owned(),
                    );
                }
            }
        }
        _ => {}
    }
}

fn set_entry_error(state: &mut State, text: String) {
    if let Some(e) = state.rencontre.as_mut().and_then(|m| m.entry.as_mut()) {
        e.error = Some(text);
    }
}

fn place_dot(state: &mut State, n: u32, participant: crate::domain::ParticipantId) {
    let Some(theme) = state
        .rencontre
        .as_ref()
        .and_then(|m| m.entry.as_ref())
        .map(|e| e.theme)
    else {
        return;
    };
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let name = state
        .session
        .participant(participant)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    if let Err(why) = r.can_vote(&state.session.participants, participant, theme) {
        let text = match why {
            DotRefusal::NoDotsLeft => {
                t!("rvote.no_dots_left", name = name, n = r.vote.per_person).into_owned()
            }
            DotRefusal::ThemeFull => {
                t!("rvote.theme_full", name = name, n = r.vote.per_theme).into_owned()
            }
            DotRefusal::UnknownTheme | DotRefusal::UnknownParticipant => {
                t!("rvote.nobody", query = name).into_owned()
            }
        };
        set_entry_error(state, text);
        // The rest of the name typed on is still this person's, not a new name.
        if let Some(e) = model(state).and_then(|m| m.entry.as_mut()) {
            e.done = Some((participant, e.query.len()));
        }
        return;
    }
    let title = r
        .candidate(theme)
        .map(|c| c.title.clone())
        .unwrap_or_default();
    let used = r.dots_of(participant) + 1;
    let per = r.vote.per_person;
    let dot = Dot {
        id: r.next_dot_id(),
        participant,
        theme,
    };
    if apply(state, Op::AddDot { rencontre: n, dot }) {
        // The entry stays on the theme for the next person; Esc closes it.
        if let Some(e) = model(state).and_then(|m| m.entry.as_mut()) {
            e.done = Some((participant, e.query.len()));
            e.error = None;
        }
        flash(
            state,
            t!(
                "rvote.placed",
                name = name,
                theme = title,
                used = used,
                n = per
            )
            .into_owned(),
            false,
        );
    }
}

fn questions(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let rows = question_rows(r);
    let Some(m) = model(state) else { return };
    let row = m.row.min(rows.len().saturating_sub(1));
    match action {
        Action::Up => m.row = row.saturating_sub(1),
        Action::Down => m.row = (row + 1).min(rows.len().saturating_sub(1)),
        Action::Activate => {
            let Some(id) = rows.get(row).copied() else {
                return;
            };
            let kind = state
                .open_rencontre()
                .and_then(|r| r.card(id))
                .map(|c| c.kind);
            let target = match kind {
                Some(CardKind::OutOfScope) => EditTarget::OutsideOwner(n, id),
                _ => EditTarget::CardAnswer(n, id),
            };
            open_editor(state, target);
        }
        _ => {}
    }
}

fn closing(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let ranking = r.ranking();
    let retained = r.retained();
    let Some(m) = model(state) else { return };
    let row = m.row.min(ranking.len().saturating_sub(1));
    match action {
        Action::Up => m.row = row.saturating_sub(1),
        Action::Down => m.row = (row + 1).min(ranking.len().saturating_sub(1)),
        Action::Activate => {
            let Some(t) = ranking.get(row).map(|x| x.theme) else {
                return;
            };
            let mut chosen = retained;
            if let Some(i) = chosen.iter().position(|x| *x == t) {
                chosen.remove(i);
            } else {
                chosen.push(t);
            }
            apply(
                state,
                Op::SetRencontre {
                    rencontre: n,
                    field: RencontreField::Retained(Some(chosen)),
                },
            );
        }
        Action::StartWorkshop => start_workshop(state, n),
        Action::AddRencontre => match state.session.add_rencontre_op() {
            Some(op) => {
                if apply(state, op)
                    && let Some(r) = state.session.current_rencontre()
                {
                    state.rencontre = Some(Model::new(r.number));
                }
            }
            None => flash(state, t!("rclose.two_already").into_owned(), true),
        },
        _ => {}
    }
}

/// Clôture → workshop 1: the retained themes, needs and wishes go in; the workshop's
/// Préparation opens.
fn start_workshop(state: &mut State, n: u32) {
    let Some(r) = state.open_rencontre() else {
        return;
    };
    if r.handed_off {
        flash(state, t!("rclose.already_handed").into_owned(), true);
        return;
    }
    let count = r.retained().len();
    if count == 0 {
        flash(state, t!("rclose.none_retained").into_owned(), true);
        return;
    }
    let labels = [
        t!("rclose.constat_needs").into_owned(),
        t!("rclose.constat_offers").into_owned(),
        t!("rclose.constat_leads").into_owned(),
        t!("rclose.synergy").into_owned(),
    ];
    let op = match state
        .session
        .handoff_op(n, [&labels[0], &labels[1], &labels[2], &labels[3]])
    {
        Ok(op) => op,
        Err(e) => {
            flash(state, e.to_string(), true);
            return;
        }
    };
    let wishes = match &op {
        Op::Batch(ops) => ops
            .iter()
            .filter(|o| matches!(o, Op::UpdateParticipant(_)))
            .count(),
        _ => 0,
    };
    if apply(state, op) {
        state.rencontre = None;
        state.sync_after_step();
        flash(
            state,
            t!("rclose.handed", themes = count, wishes = wishes).into_owned(),
            false,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;
    use crate::domain::rencontre::Step;

    /// The example's rencontre back at `step`, its dots taken off, open on screen.
    fn at_step(step: Step) -> State {
        let mut st = state_at(Phase::Preparation);
        if let Some(r) = st.session.rencontres.first_mut() {
            r.phase = step;
            r.dots.clear();
            r.revealed = false;
            r.handed_off = false;
        }
        st.rencontre = Some(Model::new(1));
        st
    }

    /// Who got a dot, in order, by first name.
    fn voters(st: &State) -> Vec<String> {
        let r = st.open_rencontre().expect("rencontre");
        r.dots
            .iter()
            .filter_map(|d| st.session.participant(d.participant))
            .filter_map(|p| p.name.split_whitespace().next().map(str::to_string))
            .collect()
    }

    fn query(st: &State) -> String {
        st.rencontre
            .as_ref()
            .and_then(|m| m.entry.as_ref())
            .map(|e| e.query.clone())
            .expect("an entry")
    }

    #[test]
    fn the_letter_after_a_dot_that_spells_no_one_starts_the_next_name() {
        // « Cl » gives Claire her dot; the « a » of « Agn » also goes on spelling Claire,
        // but « ag » spells no one but Agnès: she gets hers, nothing is lost.
        let mut st = at_step(Step::Vote);
        press(&mut st, "1clagn");
        assert_eq!(voters(&st), ["Claire", "Agnès"]);
        assert_eq!(query(&st), "agn");
        // Typed with capitals, the capital starts the next name at once.
        let mut st = at_step(Step::Vote);
        press(&mut st, "1ClAgn");
        assert_eq!(voters(&st), ["Claire", "Agnès"]);
        // Whole names, with or without a space between them, one dot each.
        let mut st = at_step(Step::Vote);
        press(&mut st, "1claireagnès");
        assert_eq!(voters(&st), ["Claire", "Agnès"]);
        let mut st = at_step(Step::Vote);
        press(&mut st, "1Claire Martin Agnès Rivière");
        assert_eq!(voters(&st), ["Claire", "Agnès"]);
        // Enter after a name that got its dot ends it: no second dot, no complaint.
        press(&mut st, "<Enter>");
        assert_eq!(voters(&st), ["Claire", "Agnès"]);
        let entry = st.rencontre.as_ref().and_then(|m| m.entry.clone());
        assert_eq!(
            entry.map(|e| (e.query, e.error)),
            Some((String::new(), None))
        );
    }

    #[test]
    fn a_letter_that_makes_the_query_match_no_one_starts_a_new_name() {
        // « ma » is Maëlle, Claire Martin or Océane Marchal; « x » matches no one after it.
        let mut st = at_step(Step::Vote);
        press(&mut st, "1max");
        assert_eq!(query(&st), "x");
        assert!(voters(&st).is_empty());
        // A number waiting for a possible second digit (« 1 » of 16) is complete when a
        // letter follows: person 1 gets the dot, the letter starts the next name.
        let mut st = at_step(Step::Vote);
        press(&mut st, "11a");
        let first = st.session.speakers()[0].name.clone();
        let first = first.split_whitespace().next().unwrap_or("").to_string();
        assert_eq!(voters(&st), [first, "Agnès".to_string()]);
    }

    #[test]
    fn ctrl_u_and_ctrl_w_clear_the_dot_entry_instead_of_typing_letters() {
        let mut st = at_step(Step::Vote);
        press(&mut st, "1ma<C-u>");
        assert_eq!(query(&st), "");
        press(&mut st, "ma<C-w>");
        assert_eq!(query(&st), "");
        assert!(voters(&st).is_empty());
        // Then a name is typed afresh.
        press(&mut st, "agn");
        assert_eq!(voters(&st), ["Agnès"]);
    }
}
