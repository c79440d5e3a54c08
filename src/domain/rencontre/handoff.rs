//! The hand-off to workshop 1: the retained themes become themes with a drafted constat,
//! the cards become the needs catalogue, the dots the participants' wishes.

use super::*;

impl Session {
    /// The constat drafted from a candidate theme's cards: needs, resources, leads.
    /// `labels`: the headings of needs, resources and leads, in the UI's language
    /// (« Besoins : »).
    pub fn drafted_constat(&self, r: &Rencontre, theme: CandidateId, labels: [&str; 3]) -> String {
        let mut parts = Vec::new();
        for (kind, label) in [
            (CardKind::Need, labels[0]),
            (CardKind::Offer, labels[1]),
            (CardKind::Lead, labels[2]),
        ] {
            let texts: Vec<String> = r
                .cards_in(Some(theme))
                .filter(|c| c.kind == kind)
                .map(|c| self.card_with_org(c))
                .collect();
            if !texts.is_empty() {
                parts.push(format!("{label} {}.", texts.join(" ; ")));
            }
        }
        parts.join(" ")
    }

    /// Everything the Clôture hands to workshop 1, as one undoable step: the retained
    /// themes (with their constat drafted from their cards), the catalogue (needs, offers,
    /// leads and the synergy leads the room accepted, each entry of its [`NeedKind`],
    /// linked to the retained theme its cards were gathered into), each participant's
    /// wishes from where they put their dots (most dots first; kept when already filled),
    /// and the rencontre marked as handed off.
    /// `labels`: the constat's headings (see [`Self::drafted_constat`]), then the prefix
    /// an accepted synergy lead had in the catalogue's text before entries had a kind
    /// (« Piste de synergie : »): such an entry is not added a second time.
    pub fn handoff_op(&self, number: u32, labels: [&str; 4]) -> Result<Op, DomainError> {
        let r = self
            .rencontre(number)
            .ok_or(DomainError::NoRencontre(number))?;
        let retained = r.retained();
        let mut ops = Vec::new();
        let mut theme_of: Vec<(CandidateId, ThemeId)> = Vec::new();
        let mut next_theme = self.next_theme_id();
        for cid in &retained {
            let Some(c) = r.candidate(*cid) else { continue };
            // A theme of the same title (a second rencontre, or typed by hand) is reused.
            if let Some(t) = self
                .themes
                .iter()
                .find(|t| t.title.trim().eq_ignore_ascii_case(c.title.trim()))
            {
                theme_of.push((*cid, t.id));
                continue;
            }
            let id = next_theme;
            next_theme += 1;
            theme_of.push((*cid, id));
            ops.push(Op::AddTheme {
                index: self.themes.len() + ops.len(),
                theme: Theme {
                    id,
                    title: c.title.clone(),
                    constat: self.drafted_constat(r, *cid, [labels[0], labels[1], labels[2]]),
                    expert: None,
                    review: false,
                },
                group: Group::new(id),
            });
        }
        // The catalogue: every need, offer and lead, then the synergy leads the room accepted
        // (with the theme of the offer, or of the need), each linked to the retained theme its
        // cards were gathered into, so the workshop's presentation shows them.
        let cards = r.cards.iter().filter_map(|c| {
            let kind = match c.kind {
                CardKind::Need => NeedKind::Need,
                CardKind::Offer => NeedKind::Offer,
                CardKind::Lead => NeedKind::Lead,
                CardKind::Question | CardKind::OutOfScope => return None,
            };
            Some((self.card_with_org(c), kind, vec![c.theme]))
        });
        let synergies = r
            .synergies
            .iter()
            .filter(|m| m.accepted)
            .filter_map(|m| Some((r.card(m.offer)?, r.card(m.need)?)))
            .map(|(offer, need)| {
                let text = format!(
                    "{} → {}",
                    self.card_with_org(offer),
                    self.card_with_org(need)
                );
                (text, NeedKind::Synergy, vec![offer.theme, need.theme])
            });
        let mut added = 0;
        for (text, kind, candidates) in cards.chain(synergies) {
            let older = format!("{} {text}", labels[3]);
            if self.needs.iter().any(|n| n.text == text || n.text == older) {
                continue;
            }
            let theme = candidates
                .into_iter()
                .flatten()
                .find_map(|cid| theme_of.iter().find(|(c, _)| *c == cid))
                .map(|(_, t)| *t);
            ops.push(Op::AddNeed {
                index: self.needs.len() + added,
                need: Need {
                    id: self.next_need_id() + added as u32,
                    text,
                    theme,
                    kind,
                },
            });
            added += 1;
        }
        for p in &self.participants {
            if !p.choices.is_empty() {
                continue;
            }
            let mut wished: Vec<(u32, usize, ThemeId)> = theme_of
                .iter()
                .enumerate()
                .map(|(rank, (cid, tid))| (r.dots_by(p.id, *cid), rank, *tid))
                .filter(|(n, _, _)| *n > 0)
                .collect();
            if wished.is_empty() {
                continue;
            }
            wished.sort_by_key(|(n, rank, _)| (std::cmp::Reverse(*n), *rank));
            let mut q = p.clone();
            q.choices = wished.into_iter().map(|(_, _, t)| t).collect();
            ops.push(Op::UpdateParticipant(q));
        }
        ops.push(Op::SetRencontre {
            rencontre: number,
            field: RencontreField::HandedOff(true),
        });
        Ok(Op::Batch(ops))
    }
}
