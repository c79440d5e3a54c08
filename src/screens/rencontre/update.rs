//! The rencontre's keys: steps and timer (PgDn/PgUp, Space, +/-), then each step's own.

use rust_i18n::t;

use super::model::{
    DotEntry, Model, WALL, dot_matches, group_column, number_may_grow, question_rows, wall_column,
};
use crate::app::key::{KeyCode, KeyModifiers};
use crate::app::update::{apply, flash};
use crate::app::{Action, EditTarget, PickTarget, Picker, State};
use crate::domain::rencontre::CardId;
use crate::domain::rencontre::{
    Candidate, CardKind, Dot, DotRefusal, Flow, RencontreField, StepKind,
};
use crate::domain::{Op, ParticipantId, Timer, Timestamp, Zone};
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
    crate::app::update::flash_warnings(state, &transition.warnings);
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
            if no_participants(state) {
                return;
            }
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
            state.picker = Some(Picker::new(PickTarget::Steering, options));
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
        // `k`: the kind of the last card noted for the person speaking (noted as a need).
        Action::CycleKind => match speaker_last_card(state) {
            Some(c) => pick_card_kind(state, c),
            None => flash(state, t!("rintro.no_card").into_owned(), true),
        },
        _ => {}
    }
}

/// The last card noted for the person speaking in the tour de table.
pub(crate) fn speaker_last_card(state: &State) -> Option<CardId> {
    let r = state.open_rencontre()?;
    let speaker = state.session.speaker_at(r.phase).0?.id;
    r.cards
        .iter()
        .rev()
        .find(|c| c.author == Some(speaker))
        .map(|c| c.id)
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
        Action::CycleKind => match card {
            Some(c) => pick_card_kind(state, c.id),
            None => flash(state, t!("rcensus.no_card").into_owned(), true),
        },
        Action::CycleFlow => match card {
            Some(c) => pick_card_flow(state, c.id),
            None => flash(state, t!("rcensus.no_card").into_owned(), true),
        },
        // Who the next cards are from: the cards already written keep their author.
        Action::PickAuthor => pick_next_author(state),
        _ => {}
    }
}

/// No one in the session yet: a list of people would be empty, so this says where they are
/// added instead. `true` when there is no one.
fn no_participants(state: &mut State) -> bool {
    if state.session.participants.is_empty() {
        flash(state, t!("rcensus.no_participants").into_owned(), true);
        return true;
    }
    false
}

/// The participants, then « personne », for a card's author; `current` selected.
fn author_picker(
    state: &State,
    target: PickTarget,
    current: Option<ParticipantId>,
    title: String,
) -> Picker {
    let mut options: Vec<(Option<u32>, String)> = state
        .session
        .participants
        .iter()
        .map(|p| (Some(p.id), person_label(p)))
        .collect();
    options.push((None, t!("words.nobody").into_owned()));
    let selected = options.iter().position(|(v, _)| *v == current).unwrap_or(0);
    Picker {
        selected,
        title: Some(title),
        ..Picker::new(target, options)
    }
}

/// « Palettes bois », cut at 40 characters: a card named in a title or a message.
pub(crate) fn card_quote(state: &State, card: CardId) -> String {
    let text = state
        .open_rencontre()
        .and_then(|r| r.card(card))
        .map(|c| c.text.clone())
        .unwrap_or_default();
    crate::text::quoted(&crate::ui::fit::truncate(&text, 40))
}

/// `w` on the wall: who the next cards are from (the header says it).
fn pick_next_author(state: &mut State) {
    if no_participants(state) {
        return;
    }
    let current = state.rencontre.as_ref().and_then(|m| m.author);
    let title = t!("rcensus.pick_next_author").into_owned();
    state.picker = Some(author_picker(
        state,
        PickTarget::NewCardAuthor,
        current,
        title,
    ));
}

/// Who raised a card (Tab after its quantity): that card alone changes author.
pub(crate) fn pick_card_author(state: &mut State, card: CardId) {
    if no_participants(state) {
        return;
    }
    let current = state
        .open_rencontre()
        .and_then(|r| r.card(card))
        .and_then(|c| c.author);
    let title = t!("rcensus.pick_card_author", card = card_quote(state, card)).into_owned();
    state.picker = Some(author_picker(
        state,
        PickTarget::CardAuthor(card),
        current,
        title,
    ));
}

/// `k`: a card's kind, from a numbered list (a digit chooses).
pub(crate) fn pick_card_kind(state: &mut State, card: CardId) {
    let current = state
        .open_rencontre()
        .and_then(|r| r.card(card))
        .map(|c| c.kind);
    let options = CardKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| (Some(i as u32), format!("{} {}", i + 1, t!(k.label_key()))))
        .collect();
    let selected = CardKind::ALL
        .iter()
        .position(|k| Some(*k) == current)
        .unwrap_or(0);
    let title = t!("rcensus.pick_kind", card = card_quote(state, card)).into_owned();
    state.picker = Some(Picker {
        selected,
        title: Some(title),
        numbered: true,
        ..Picker::new(PickTarget::CardKind(card), options)
    });
}

/// `f`: a card's flow, from a numbered list (a digit chooses, `0` none).
fn pick_card_flow(state: &mut State, card: CardId) {
    let current = state
        .open_rencontre()
        .and_then(|r| r.card(card))
        .and_then(|c| c.flow);
    let mut options: Vec<(Option<u32>, String)> = Flow::ALL
        .iter()
        .enumerate()
        .map(|(i, f)| (Some(i as u32), format!("{} {}", i + 1, t!(f.label_key()))))
        .collect();
    options.push((None, format!("0 {}", t!("rcensus.no_flow"))));
    let selected = Flow::ALL
        .iter()
        .position(|f| Some(*f) == current)
        .unwrap_or(Flow::ALL.len());
    let title = t!("rcensus.pick_flow", card = card_quote(state, card)).into_owned();
    state.picker = Some(Picker {
        selected,
        title: Some(title),
        numbered: true,
        ..Picker::new(PickTarget::CardFlow(card), options)
    });
}

/// A choice made in one of the lists above: the card changed, said in the footer.
pub(crate) fn picked(state: &mut State, target: PickTarget, value: Option<u32>) {
    let n = number(state);
    let Some(mut c) = (match target {
        PickTarget::CardAuthor(id) | PickTarget::CardKind(id) | PickTarget::CardFlow(id) => {
            state.open_rencontre().and_then(|r| r.card(id)).cloned()
        }
        PickTarget::NewCardAuthor => {
            if let Some(m) = model(state) {
                m.author = value;
            }
            let who = value
                .and_then(|id| state.session.participant(id))
                .map(|p| p.name.clone())
                .unwrap_or_else(|| t!("words.nobody").into_owned());
            flash(
                state,
                t!("rcensus.next_author_set", name = who).into_owned(),
                false,
            );
            return;
        }
        _ => return,
    }) else {
        return;
    };
    let quote = card_quote(state, c.id);
    let said = match target {
        PickTarget::CardAuthor(_) => {
            c.author = value;
            match value.and_then(|id| state.session.participant(id)) {
                Some(p) => t!("rcensus.author_set", card = quote, name = p.name).into_owned(),
                None => t!("rcensus.author_cleared", card = quote).into_owned(),
            }
        }
        PickTarget::CardKind(_) => {
            let Some(kind) = value.and_then(|i| CardKind::ALL.get(i as usize)).copied() else {
                return;
            };
            c.kind = kind;
            t!(
                "rcensus.kind_set",
                card = quote,
                kind = t!(kind.label_key())
            )
            .into_owned()
        }
        _ => {
            c.flow = value.and_then(|i| Flow::ALL.get(i as usize)).copied();
            match c.flow {
                Some(f) => {
                    t!("rcensus.flow_set", card = quote, flow = t!(f.label_key())).into_owned()
                }
                None => t!("rcensus.flow_cleared", card = quote).into_owned(),
            }
        }
    };
    let id = c.id;
    let kind = c.kind;
    if apply(
        state,
        Op::UpdateCard {
            rencontre: n,
            card: c,
        },
    ) {
        // On the wall, the cursor follows the card to its kind's column.
        if let Some(m) = model(state) {
            m.column = WALL.iter().position(|k| k.contains(&kind)).unwrap_or(0);
            m.card = Some(id);
        }
        flash(state, said, false);
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
                // The cursor stays in the column, on the next card, as after a digit: the
                // cards to sort are one key away, and the new theme is its number.
                if let Some(m) = model(state) {
                    let rest: Vec<_> = ids.iter().filter(|x| Some(**x) != selected).collect();
                    m.group_card = pos.and_then(|i| rest.get(i).or(rest.last())).map(|x| **x);
                }
                let k = candidates.len() + 1;
                if k <= 9 {
                    flash(state, t!("rgroup.theme_made", n = k).into_owned(), false);
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
            state.picker = Some(Picker::new(PickTarget::MergeInto(t.id), options));
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
        Action::NextLead | Action::PrevLead => {
            if let Some(m) = model(state) {
                let forward = action == Action::NextLead;
                m.lead = if leads.is_empty() {
                    0
                } else {
                    next_column(m.lead.min(leads.len() - 1), leads.len(), forward)
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

    /// The screen as text, at the state's size.
    fn screen(st: &State) -> String {
        let (w, h) = st.size;
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        crate::ui::render(st, buf.area, &mut buf);
        buf.content
            .chunks(usize::from(w))
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
            .collect()
    }

    fn flash_text(st: &State) -> String {
        st.flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default()
    }

    fn id_of(st: &State, first: &str) -> ParticipantId {
        st.session
            .participants
            .iter()
            .find(|p| p.name.starts_with(first))
            .map(|p| p.id)
            .unwrap_or_else(|| panic!("{first}"))
    }

    fn card(st: &State, id: CardId) -> crate::domain::rencontre::Card {
        st.open_rencontre()
            .and_then(|r| r.card(id))
            .cloned()
            .expect("the card")
    }

    fn last_card(st: &State) -> crate::domain::rencontre::Card {
        st.open_rencontre()
            .and_then(|r| r.cards.last())
            .cloned()
            .expect("a card")
    }

    #[test]
    fn w_says_who_the_next_cards_are_from_and_leaves_the_written_ones_alone() {
        let mut st = at_step(Step::Census);
        let authors = |st: &State| -> Vec<Option<ParticipantId>> {
            st.open_rencontre()
                .map(|r| r.cards.iter().map(|c| c.author).collect())
                .unwrap_or_default()
        };
        let before = authors(&st);
        // A card is selected on the wall, but `w` is about the next cards only.
        assert!(wall_selection(&st).is_some());
        press(&mut st, "w");
        let title = st.picker.as_ref().and_then(|p| p.title.clone());
        assert!(title.is_some_and(|t| t.contains("prochaines cartes")));
        press(&mut st, "agnès<Enter>");
        assert_eq!(authors(&st), before, "no card changed author");
        assert!(flash_text(&st).contains("Prochaines cartes\u{a0}: Agnès Rivière"));
        st.flash = None;
        assert!(
            screen(&st).contains("Prochaines cartes de\u{a0}: Agnès Rivière"),
            "{}",
            screen(&st)
        );
        press(&mut st, "aBroyeur à partager<Enter>");
        assert_eq!(last_card(&st).author, Some(id_of(&st, "Agnès")));
        // Re-attributing one card is its own action: Tab after its quantity, and it is said.
        press(&mut st, "<Enter><Tab><Tab>");
        let title = st.picker.as_ref().and_then(|p| p.title.clone());
        assert!(title.is_some_and(|t| t.contains("Broyeur à partager")));
        press(&mut st, "karim<Enter>");
        assert_eq!(last_card(&st).author, Some(id_of(&st, "Karim")));
        assert_eq!(
            flash_text(&st),
            "Carte «\u{a0}Broyeur à partager\u{a0}» attribuée à Karim Benali"
        );
        // The next cards are still Agnès's.
        assert_eq!(
            st.rencontre.as_ref().and_then(|m| m.author),
            Some(id_of(&st, "Agnès"))
        );
    }

    #[test]
    fn w_with_no_participants_says_where_to_add_them() {
        let mut st = at_step(Step::Census);
        st.session.participants.clear();
        press(&mut st, "w");
        assert!(st.picker.is_none());
        assert!(
            flash_text(&st).contains("Préparation › Participants"),
            "{}",
            flash_text(&st)
        );
    }

    #[test]
    fn a_new_card_shows_its_kind_and_k_chooses_another_from_a_list() {
        let mut st = at_step(Step::Census);
        press(&mut st, "a");
        assert!(screen(&st).contains("Nouvelle carte\u{a0}: besoin"));
        press(&mut st, "<Esc><Right>a");
        assert!(screen(&st).contains("Nouvelle carte\u{a0}: offre / ressource"));
        press(&mut st, "Chaleur fatale du four<Enter>");
        let id = last_card(&st).id;
        assert_eq!(card(&st, id).kind, CardKind::Offer);
        // `k` then a digit: any kind, forwards or back; the cursor follows the card.
        press(&mut st, "k3");
        assert_eq!(card(&st, id).kind, CardKind::Lead);
        assert_eq!(wall_selection(&st), Some(id));
        press(&mut st, "k1");
        assert_eq!(card(&st, id).kind, CardKind::Need);
        assert_eq!(st.rencontre.as_ref().map(|m| m.column), Some(0));
        assert!(flash_text(&st).contains(": besoin"), "{}", flash_text(&st));
        // The footer says what `k` does.
        st.flash = None;
        assert!(
            screen(&st).contains("k type de la carte"),
            "{}",
            screen(&st)
        );
    }

    #[test]
    fn the_tour_de_table_s_card_kind_and_a_card_s_flow_are_chosen_from_lists() {
        let mut st = at_step(Step::Introductions { person: 1 });
        press(&mut st, "a");
        assert!(screen(&st).contains("Nouvelle carte\u{a0}: besoin"));
        press(&mut st, "Chutes de bois<Enter>k2");
        assert_eq!(last_card(&st).kind, CardKind::Offer);
        assert!(screen(&st).contains("offre / ressource (k pour changer) · «\u{a0}Chutes de bois"));
        // `f` and a digit: the flow at once (`0` none).
        let mut st = at_step(Step::Census);
        press(&mut st, "aEaux de rinçage<Enter>f3");
        assert_eq!(last_card(&st).flow, Some(Flow::Water));
        press(&mut st, "f0");
        assert_eq!(last_card(&st).flow, None);
    }

    #[test]
    fn t_keeps_the_cursor_on_the_cards_to_sort_and_shift_s_goes_back_a_lead() {
        let mut st = at_step(Step::Grouping);
        if let Some(r) = st.session.rencontres.first_mut() {
            r.themes.clear();
            for c in &mut r.cards {
                c.theme = None;
            }
        }
        let to_sort = group_column(st.open_rencontre().expect("r"), 0);
        press(&mut st, "t<C-u>Énergie<Enter>");
        let m = st.rencontre.as_ref().expect("model");
        assert_eq!(m.group_column, 0, "still on the cards to sort");
        assert_eq!(group_selection(&st), to_sort.get(1).copied());
        // One key sorts the next card into the new theme.
        press(&mut st, "1");
        let r = st.open_rencontre().expect("r");
        assert_eq!(group_column(r, 1).len(), 2);
        // `s` the next lead, `S` the previous one, round the list.
        let leads = r.synergy_leads(&st.session.participants).len();
        assert!(leads > 2);
        press(&mut st, "ssS");
        assert_eq!(st.rencontre.as_ref().map(|m| m.lead), Some(1));
        press(&mut st, "SS");
        assert_eq!(st.rencontre.as_ref().map(|m| m.lead), Some(leads - 1));
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

    #[test]
    fn ctrl_c_in_the_dot_entry_says_how_to_leave_and_keeps_the_entry() {
        let mut st = at_step(Step::Vote);
        press(&mut st, "1ma<C-c>");
        assert_eq!(query(&st), "ma");
        let said = st
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default();
        assert!(said.contains("Échap"), "{said}");
    }
}
