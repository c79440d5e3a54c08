//! Tour de table: one step a person, their last card at hand.

use super::*;

pub(super) fn introductions(state: &mut State, action: Action) {
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
