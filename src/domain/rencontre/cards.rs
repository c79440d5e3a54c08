//! The cards of the census: their kinds, flows and quantities, the candidate themes they are
//! gathered into, and the follow-up of the problems « hors atelier ».

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum CardKind {
    #[default]
    #[serde(rename = "Besoin")]
    Need,
    /// An offer, or a resource available (« offre / ressource disponible »).
    #[serde(rename = "Offre")]
    Offer,
    #[serde(rename = "Piste")]
    Lead,
    #[serde(rename = "Question")]
    Question,
    /// A problem that needs an answer outside the workshops.
    #[serde(rename = "HorsAtelier")]
    OutOfScope,
}

impl CardKind {
    pub const ALL: [CardKind; 5] = [
        CardKind::Need,
        CardKind::Offer,
        CardKind::Lead,
        CardKind::Question,
        CardKind::OutOfScope,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            CardKind::Need => "card.kind.need",
            CardKind::Offer => "card.kind.offer",
            CardKind::Lead => "card.kind.lead",
            CardKind::Question => "card.kind.question",
            CardKind::OutOfScope => "card.kind.out_of_scope",
        }
    }

    /// The plural heading of a column of the wall.
    pub fn heading_key(self) -> &'static str {
        match self {
            CardKind::Need => "card.kinds.need",
            CardKind::Offer => "card.kinds.offer",
            CardKind::Lead => "card.kinds.lead",
            CardKind::Question => "card.kinds.question",
            CardKind::OutOfScope => "card.kinds.out_of_scope",
        }
    }

    /// The mark before a card's text on the wall (readable without colour).
    pub fn mark(self) -> &'static str {
        match self {
            CardKind::Need => "●",
            CardKind::Offer => "◆",
            CardKind::Lead => "▸",
            CardKind::Question => "?",
            CardKind::OutOfScope => "!",
        }
    }
}

/// What flows between companies (the guide's list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flow {
    #[serde(rename = "Matieres")]
    Materials,
    #[serde(rename = "Energie")]
    Energy,
    #[serde(rename = "Eau")]
    Water,
    #[serde(rename = "Equipements")]
    Equipment,
    #[serde(rename = "Services")]
    Services,
    #[serde(rename = "Competences")]
    Skills,
    #[serde(rename = "Foncier")]
    Land,
    #[serde(rename = "Mobilite")]
    Mobility,
}

impl Flow {
    pub const ALL: [Flow; 8] = [
        Flow::Materials,
        Flow::Energy,
        Flow::Water,
        Flow::Equipment,
        Flow::Services,
        Flow::Skills,
        Flow::Land,
        Flow::Mobility,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Flow::Materials => "flow.materials",
            Flow::Energy => "flow.energy",
            Flow::Water => "flow.water",
            Flow::Equipment => "flow.equipment",
            Flow::Services => "flow.services",
            Flow::Skills => "flow.skills",
            Flow::Land => "flow.land",
            Flow::Mobility => "flow.mobility",
        }
    }
}

/// A quantity as a number and a unit, « 12 t/an », « 200 kW ».
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub amount: f64,
    #[serde(default)]
    pub unit: String,
}

impl Quantity {
    /// Reads « 12 t/an », « 12,5 t », « 200kW », « 1 500 m² »; `None` when there is no
    /// number first.
    pub fn parse(text: &str) -> Option<Quantity> {
        let t = text.trim();
        let end = t
            .char_indices()
            .find(|(_, c)| {
                !(c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}'))
            })
            .map(|(i, _)| i)
            .unwrap_or(t.len());
        let number: String = t
            .get(..end)?
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let amount: f64 = number.parse().ok()?;
        if !amount.is_finite() || amount < 0.0 {
            return None;
        }
        Some(Quantity {
            amount,
            unit: t.get(end..).unwrap_or("").trim().to_string(),
        })
    }

    /// « 12 t/an », « 12,5 t », « 2 000 L/an » (French: decimal comma, thousands
    /// grouped by a no-break space U+00A0 like every space the app puts inside a figure;
    /// no trailing zeros). English keeps the figure ungrouped, so that the editor reads back
    /// what it shows.
    pub fn to_text(&self, decimal_comma: bool) -> String {
        let n = self.amount_text(decimal_comma, decimal_comma);
        if self.unit.is_empty() {
            n
        } else {
            format!("{n}\u{a0}{}", self.unit)
        }
    }

    /// The amount alone: « 2 000 » grouped, « 2000 » for a spreadsheet cell that must stay
    /// a number.
    pub fn amount_text(&self, decimal_comma: bool, grouped: bool) -> String {
        let mut n = format!("{:.3}", self.amount);
        while n.ends_with('0') {
            n.pop();
        }
        if n.ends_with('.') {
            n.pop();
        }
        let (int, frac) = match n.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.to_string())),
            None => (n, None),
        };
        let int = if grouped && int.len() > 3 {
            let digits: Vec<char> = int.chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push('\u{a0}');
                }
                out.push(*c);
            }
            out
        } else {
            int
        };
        match frac {
            Some(f) => format!("{int}{}{f}", if decimal_comma { ',' } else { '.' }),
            None => int,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: CardId,
    pub text: String,
    #[serde(default)]
    pub kind: CardKind,
    /// Who raised it (so, their organisation).
    #[serde(default)]
    pub author: Option<ParticipantId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// The candidate theme it was gathered into (Regroupement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<CandidateId>,
    /// A question's answer (Questions et suites).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub answer: String,
    /// A problem « hors atelier »: its follow-up, an action line with an owner and a due
    /// date, listed in Suivi with the groups' actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow: Option<ActionLine>,
}

impl Card {
    pub fn new(id: CardId, text: impl Into<String>, kind: CardKind) -> Self {
        Card {
            id,
            text: text.into(),
            kind,
            author: None,
            flow: None,
            quantity: None,
            theme: None,
            answer: String::new(),
            follow: None,
        }
    }
}

/// A candidate theme: cards gathered under a title, voted on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: CandidateId,
    pub title: String,
}

impl Session {
    /// « Parking saturé 8 h–10 h (Garage Benali) ».
    pub fn card_with_org(&self, c: &Card) -> String {
        match self.card_org(c) {
            Some(org) => crate::domain::with_aside(&c.text, &org),
            None => c.text.trim().to_string(),
        }
    }

    /// The organisation of a card's author (their name when they have none).
    pub fn card_org(&self, c: &Card) -> Option<String> {
        let p = self.participant(c.author?)?;
        Some(if p.organisation.trim().is_empty() {
            p.name.clone()
        } else {
            p.organisation.clone()
        })
    }

    /// Every « hors atelier » follow-up line of every rencontre, with its card.
    pub fn outside_lines(&self) -> impl Iterator<Item = (&Card, &ActionLine)> {
        self.rencontres
            .iter()
            .flat_map(|r| r.cards.iter())
            .filter_map(|c| c.follow.as_ref().map(|l| (c, l)))
    }

    /// The follow-up line of a « hors atelier » card, made when first needed (its id taken
    /// after every line of the session).
    pub fn follow_line_for(&self, card: &Card) -> ActionLine {
        card.follow.clone().unwrap_or_else(|| {
            let mut l = ActionLine::new(self.next_line_id(), 0);
            l.action = card.text.clone();
            l.due = Due::None;
            l
        })
    }
}
