//! The synergy leads: an offer and a need of the same flow from two organisations, with a
//! meaningful word in common, accepted or dismissed.

use super::*;

/// A synergy lead (an offer and a need of the same flow) accepted or dismissed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynergyMark {
    pub offer: CardId,
    pub need: CardId,
    pub accepted: bool,
}

/// A lead the facilitator has not decided on yet, or one accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynergyLead {
    pub offer: CardId,
    pub need: CardId,
    /// Words the two cards share (more first).
    pub shared: usize,
}

impl Rencontre {
    /// Offers and needs from different organisations that name the same thing, not
    /// dismissed: the « pistes de synergie » the wall suggests. Two cards make a lead when
    /// their texts share a meaningful word (« Chutes d'acier » and « Acier pour
    /// l'atelier »: yes; « Chutes d'acier » and « Plastiques »: no, however alike their
    /// flow), and their flows, when both are given, are the same. Accepted ones are
    /// included (flag them with [`Self::accepted`]).
    pub fn synergy_leads(&self, participants: &[Participant]) -> Vec<SynergyLead> {
        let org = |c: &Card| -> String {
            c.author
                .and_then(|a| participants.iter().find(|p| p.id == a))
                .map(|p| {
                    if p.organisation.trim().is_empty() {
                        p.name.to_lowercase()
                    } else {
                        p.organisation.trim().to_lowercase()
                    }
                })
                .unwrap_or_default()
        };
        let needs: Vec<(&Card, String, Vec<String>)> = self
            .cards_of(CardKind::Need)
            .map(|n| (n, org(n), words(&n.text)))
            .collect();
        let mut out = Vec::new();
        for offer in self.cards_of(CardKind::Offer) {
            let offer_org = org(offer);
            let offer_words = words(&offer.text);
            for (need, need_org, need_words) in &needs {
                if let (Some(a), Some(b)) = (offer.flow, need.flow)
                    && a != b
                {
                    continue;
                }
                if !offer_org.is_empty() && offer_org == *need_org {
                    continue;
                }
                if self
                    .synergies
                    .iter()
                    .any(|m| m.offer == offer.id && m.need == need.id && !m.accepted)
                {
                    continue;
                }
                let shared = offer_words
                    .iter()
                    .filter(|w| need_words.iter().any(|n| same_word(w, n)))
                    .count();
                // What the room accepted stays, whatever its words.
                if shared == 0 && !self.accepted(offer.id, need.id) {
                    continue;
                }
                out.push(SynergyLead {
                    offer: offer.id,
                    need: need.id,
                    shared,
                });
            }
        }
        // Accepted first, then the pairs sharing most words; stable on card order.
        out.sort_by_key(|l| (!self.accepted(l.offer, l.need), std::cmp::Reverse(l.shared)));
        out
    }

    pub fn accepted(&self, offer: CardId, need: CardId) -> bool {
        self.synergies
            .iter()
            .any(|m| m.offer == offer && m.need == need && m.accepted)
    }
}

/// Words that say nothing of what is offered or needed: grammar, and the words every card
/// of a wall uses (« chutes », « déchets », « besoin », « disponible »…). Accents folded,
/// without a final « s ».
pub(super) const STOP_WORDS: &[&str] = &[
    // French grammar (three letters kept whole, longer ones without their final « s »)
    "aux",
    "ans",
    "car",
    "ces",
    "cet",
    "des",
    "est",
    "les",
    "nos",
    "par",
    "pas",
    "qui",
    "que",
    "ses",
    "son",
    "sur",
    "une",
    "vos",
    "avec",
    "cette",
    "chez",
    "dan",
    "elle",
    "entre",
    "leur",
    "mai",
    "moin",
    "notre",
    "nou",
    "plu",
    "pour",
    "san",
    "sont",
    "sou",
    "tou",
    "tout",
    "toute",
    "trop",
    "votre",
    "avant",
    "apre",
    "depui",
    "autre",
    "meme",
    "tre",
    "bien",
    "deux",
    "troi",
    "aucun",
    "aucune",
    "etre",
    "avoir",
    "faire",
    "fait",
    "peut",
    // English grammar
    "and",
    "the",
    "for",
    "our",
    "per",
    "not",
    "any",
    "with",
    "from",
    "their",
    "into",
    // what every card says
    "chute",
    "dechet",
    "residu",
    "reste",
    "surplu",
    "excedent",
    "besoin",
    "offre",
    "ressource",
    "recherche",
    "cherche",
    "disponible",
    "dispo",
    "libre",
    "inutilise",
    "gratuit",
    "piste",
    "mutualiser",
    "mutualise",
    "mutualisation",
    "commun",
    "commune",
    "partage",
    "partager",
    "zone",
    "entreprise",
    "societe",
    "site",
    "local",
    "locale",
    "annee",
    "moi",
    "semaine",
    "jour",
    "tonne",
    "litre",
    "waste",
    "need",
    "offer",
    "available",
    "spare",
    "free",
    "shared",
    "company",
];

/// Lowercase words of three letters or more, accents folded, a final « s » or « x »
/// dropped, the words every card uses left out: what two cards can share.
pub(super) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(crate::domain::clean::folded)
        .map(|w| {
            if w.chars().count() > 3 {
                w.trim_end_matches(['s', 'x']).to_string()
            } else {
                w
            }
        })
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// One word in two forms: the same, or the same stem (« électricité » and « électrique »,
/// « transport » and « transporteur »): a common start of five letters or more that leaves
/// at most three letters of the shorter word.
pub(super) fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 5 && common + 3 >= shorter
}
