//! Recensement: the wall of cards, their kinds, flows, quantities and authors.

use super::*;

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

pub(super) fn census(state: &mut State, action: Action) {
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

/// The participants, then « personne », for a card's author; `current` selected.
pub(super) fn author_picker(
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
pub(super) fn pick_next_author(state: &mut State) {
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
pub(super) fn pick_card_flow(state: &mut State, card: CardId) {
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
