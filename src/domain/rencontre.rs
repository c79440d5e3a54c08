//! The rencontre inter-entreprises: the meeting with all the zone's companies before the
//! workshops (DESIGN.md §9). Its steps: Diagnostic → Tour de table (one step a person) →
//! Recensement (cards) → Regroupement (candidate themes) → Vote (dots) → Questions et suites
//! → Clôture (themes retained, hand-off to workshop 1).
//!
//! Like a workshop, moving is always allowed both ways and only warns; the cards, candidate
//! themes and dots are changed through [`Op`]s like everything else, so they undo, save and
//! merge between processes the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    ParticipantId, ThemeId, Timestamp,
    due::Due,
    error::DomainError,
    op::Op,
    poster::ActionLine,
    session::{Group, Need, NeedKind, Participant, Role, Session, Theme},
    timer::Timer,
    workshop::Warning,
};

pub type CardId = u32;
pub type CandidateId = u32;
pub type DotId = u32;

/// A session holds at most this many rencontres (the guide: « 1 à 2 rencontres »).
pub const MAX_RENCONTRES: usize = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rencontre {
    pub number: u32,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub agenda: RencontreAgenda,
    pub phase: Step,
    #[serde(default)]
    pub log: Vec<StepLog>,
    #[serde(default)]
    pub timer: Timer,
    /// The wall: needs, offers, leads, questions, problems « hors atelier ». One card a line
    /// in the file.
    #[serde(default)]
    pub cards: Vec<Card>,
    /// Candidate themes of the Regroupement, voted on.
    #[serde(default)]
    pub themes: Vec<Candidate>,
    #[serde(default)]
    pub dots: Vec<Dot>,
    #[serde(default)]
    pub vote: VoteRules,
    /// The totals are shown (`v`); hidden until then so nobody votes for the leader.
    #[serde(default)]
    pub revealed: bool,
    /// Synergy leads the facilitator accepted or dismissed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synergies: Vec<SynergyMark>,
    /// The themes retained at the Clôture; `None`: the top of the vote.
    #[serde(default)]
    pub retained: Option<Vec<CandidateId>>,
    /// Workshop 1 was started from this rencontre.
    #[serde(default)]
    pub handed_off: bool,
}

/// A step of the rencontre. The tour de table has one step a person (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    Diagnostic,
    Introductions { person: u32 },
    Census,
    Grouping,
    Vote,
    Questions,
    Closing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepKind {
    Diagnostic,
    Introductions,
    Census,
    Grouping,
    Vote,
    Questions,
    Closing,
}

impl StepKind {
    pub const ALL: [StepKind; 7] = [
        StepKind::Diagnostic,
        StepKind::Introductions,
        StepKind::Census,
        StepKind::Grouping,
        StepKind::Vote,
        StepKind::Questions,
        StepKind::Closing,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            StepKind::Diagnostic => "rstep.diagnostic",
            StepKind::Introductions => "rstep.introductions",
            StepKind::Census => "rstep.census",
            StepKind::Grouping => "rstep.grouping",
            StepKind::Vote => "rstep.vote",
            StepKind::Questions => "rstep.questions",
            StepKind::Closing => "rstep.closing",
        }
    }
}

impl Step {
    pub fn kind(self) -> StepKind {
        match self {
            Step::Diagnostic => StepKind::Diagnostic,
            Step::Introductions { .. } => StepKind::Introductions,
            Step::Census => StepKind::Census,
            Step::Grouping => StepKind::Grouping,
            Step::Vote => StepKind::Vote,
            Step::Questions => StepKind::Questions,
            Step::Closing => StepKind::Closing,
        }
    }

    fn order_key(self) -> (u8, u32) {
        match self {
            Step::Diagnostic => (0, 0),
            Step::Introductions { person } => (1, person),
            Step::Census => (2, 0),
            Step::Grouping => (3, 0),
            Step::Vote => (4, 0),
            Step::Questions => (5, 0),
            Step::Closing => (6, 0),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepLog {
    pub at: Timestamp,
    pub step: Step,
}

/// Planned minutes of each step; the tour de table's is per person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RencontreAgenda {
    pub diagnostic: u32,
    pub per_person: u32,
    pub census: u32,
    pub grouping: u32,
    pub vote: u32,
    pub questions: u32,
    pub closing: u32,
}

impl Default for RencontreAgenda {
    fn default() -> Self {
        RencontreAgenda {
            diagnostic: 15,
            per_person: 1,
            census: 30,
            grouping: 20,
            vote: 10,
            questions: 15,
            closing: 10,
        }
    }
}

impl RencontreAgenda {
    pub fn minutes_for(&self, step: Step) -> u32 {
        match step {
            Step::Diagnostic => self.diagnostic,
            Step::Introductions { .. } => self.per_person,
            Step::Census => self.census,
            Step::Grouping => self.grouping,
            Step::Vote => self.vote,
            Step::Questions => self.questions,
            Step::Closing => self.closing,
        }
    }
}

/// Dot-voting: each participant has `per_person` dots, at most `per_theme` on one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteRules {
    pub per_person: u8,
    pub per_theme: u8,
}

impl Default for VoteRules {
    fn default() -> Self {
        VoteRules {
            per_person: 3,
            per_theme: 2,
        }
    }
}

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

/// One dot (« gommette ») a participant put on a candidate theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dot {
    pub id: DotId,
    pub participant: ParticipantId,
    pub theme: CandidateId,
}

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

/// A settings change of a rencontre (the cards, themes and dots have their own ops).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RencontreField {
    Date(Option<NaiveDate>),
    Agenda(RencontreAgenda),
    Vote(VoteRules),
    Revealed(bool),
    Retained(Option<Vec<CandidateId>>),
    HandedOff(bool),
}

/// Why a dot cannot be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DotRefusal {
    NoDotsLeft,
    ThemeFull,
    UnknownTheme,
    UnknownParticipant,
}

/// One candidate theme's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub theme: CandidateId,
    pub dots: u32,
    /// 1-based; equal totals share a rank.
    pub rank: u32,
    pub tied: bool,
}

impl Rencontre {
    pub fn new(number: u32) -> Self {
        Rencontre {
            number,
            date: None,
            agenda: RencontreAgenda::default(),
            phase: Step::Diagnostic,
            log: Vec::new(),
            timer: Timer::default(),
            cards: Vec::new(),
            themes: Vec::new(),
            dots: Vec::new(),
            vote: VoteRules::default(),
            revealed: false,
            synergies: Vec::new(),
            retained: None,
            handed_off: false,
        }
    }

    pub fn card(&self, id: CardId) -> Option<&Card> {
        self.cards.iter().find(|c| c.id == id)
    }

    pub fn candidate(&self, id: CandidateId) -> Option<&Candidate> {
        self.themes.iter().find(|c| c.id == id)
    }

    pub fn next_card_id(&self) -> CardId {
        self.cards.iter().map(|c| c.id).max().unwrap_or(0) + 1
    }

    pub fn next_candidate_id(&self) -> CandidateId {
        self.themes.iter().map(|c| c.id).max().unwrap_or(0) + 1
    }

    pub fn next_dot_id(&self) -> DotId {
        self.dots.iter().map(|d| d.id).max().unwrap_or(0) + 1
    }

    /// Cards of one kind, in the order they were written.
    pub fn cards_of(&self, kind: CardKind) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.kind == kind)
    }

    pub fn cards_in(&self, theme: Option<CandidateId>) -> impl Iterator<Item = &Card> {
        self.cards.iter().filter(move |c| c.theme == theme)
    }

    pub fn dots_of(&self, participant: ParticipantId) -> u32 {
        self.dots
            .iter()
            .filter(|d| d.participant == participant)
            .count() as u32
    }

    pub fn dots_by(&self, participant: ParticipantId, theme: CandidateId) -> u32 {
        self.dots
            .iter()
            .filter(|d| d.participant == participant && d.theme == theme)
            .count() as u32
    }

    pub fn total(&self, theme: CandidateId) -> u32 {
        self.dots.iter().filter(|d| d.theme == theme).count() as u32
    }

    /// Whether `participant` may put one more dot on `theme` under the rules.
    pub fn can_vote(
        &self,
        participants: &[Participant],
        participant: ParticipantId,
        theme: CandidateId,
    ) -> Result<(), DotRefusal> {
        if !participants.iter().any(|p| p.id == participant) {
            return Err(DotRefusal::UnknownParticipant);
        }
        if self.candidate(theme).is_none() {
            return Err(DotRefusal::UnknownTheme);
        }
        if self.dots_of(participant) >= u32::from(self.vote.per_person) {
            return Err(DotRefusal::NoDotsLeft);
        }
        if self.dots_by(participant, theme) >= u32::from(self.vote.per_theme) {
            return Err(DotRefusal::ThemeFull);
        }
        Ok(())
    }

    /// The candidate themes by total, most dots first; equal totals share a rank and are
    /// marked tied; equal totals keep the themes' order.
    pub fn ranking(&self) -> Vec<Ranked> {
        let mut out: Vec<Ranked> = self
            .themes
            .iter()
            .map(|t| Ranked {
                theme: t.id,
                dots: self.total(t.id),
                rank: 0,
                tied: false,
            })
            .collect();
        out.sort_by_key(|r| std::cmp::Reverse(r.dots));
        let totals: Vec<u32> = out.iter().map(|r| r.dots).collect();
        for (i, r) in out.iter_mut().enumerate() {
            r.rank = totals.iter().position(|&d| d == r.dots).unwrap_or(i) as u32 + 1;
            r.tied = totals.iter().filter(|&&d| d == r.dots).count() > 1;
        }
        out
    }

    /// The themes retained by default: the top of the vote, between 2 and 6. Four by
    /// default, more when a tie sits at the cut (up to six), themes with no dot left out
    /// unless fewer than two have any.
    pub fn default_retained(&self) -> Vec<CandidateId> {
        let ranking = self.ranking();
        let voted: Vec<&Ranked> = ranking.iter().filter(|r| r.dots > 0).collect();
        let pool: Vec<&Ranked> = if voted.len() >= 2 {
            voted
        } else {
            ranking.iter().collect()
        };
        let mut out: Vec<CandidateId> = Vec::new();
        for r in pool.iter().take(6) {
            if out.len() >= 4 && r.rank as usize > 4 {
                break;
            }
            out.push(r.theme);
        }
        out
    }

    /// The themes retained: chosen, or the default, in the order of the vote.
    pub fn retained(&self) -> Vec<CandidateId> {
        match &self.retained {
            Some(chosen) => self
                .ranking()
                .iter()
                .map(|r| r.theme)
                .filter(|t| chosen.contains(t))
                .collect(),
            None => self.default_retained(),
        }
    }

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

    /// When the current step was entered, from the log.
    pub fn entered_current_at(&self) -> Option<Timestamp> {
        self.log
            .iter()
            .rev()
            .find(|e| e.step == self.phase)
            .map(|e| e.at)
    }
}

/// Words that say nothing of what is offered or needed: grammar, and the words every card
/// of a wall uses (« chutes », « déchets », « besoin », « disponible »…). Accents folded,
/// without a final « s ».
const STOP_WORDS: &[&str] = &[
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
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            w.to_lowercase()
                .chars()
                .map(|c| match c {
                    'à' | 'â' | 'ä' => 'a',
                    'é' | 'è' | 'ê' | 'ë' => 'e',
                    'î' | 'ï' => 'i',
                    'ô' | 'ö' => 'o',
                    'ù' | 'û' | 'ü' => 'u',
                    'ç' => 'c',
                    'œ' => 'o',
                    c => c,
                })
                .collect::<String>()
        })
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
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 5 && common + 3 >= shorter
}

/// The result of asking a rencontre for its next or previous step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepTransition {
    pub op: Option<Op>,
    pub to: Step,
    pub warnings: Vec<Warning>,
}

impl Session {
    pub fn rencontre(&self, number: u32) -> Option<&Rencontre> {
        self.rencontres.iter().find(|r| r.number == number)
    }

    pub(crate) fn rencontre_mut(&mut self, number: u32) -> Result<&mut Rencontre, DomainError> {
        self.rencontres
            .iter_mut()
            .find(|r| r.number == number)
            .ok_or(DomainError::NoRencontre(number))
    }

    /// The latest rencontre.
    pub fn current_rencontre(&self) -> Option<&Rencontre> {
        self.rencontres.iter().max_by_key(|r| r.number)
    }

    /// Who speaks in the tour de table, and who votes: everyone but the facilitators.
    pub fn speakers(&self) -> Vec<&Participant> {
        self.participants
            .iter()
            .filter(|p| p.role != Role::Facilitator)
            .collect()
    }

    /// The steps of a rencontre with this session's participants.
    pub fn rencontre_steps(&self) -> Vec<Step> {
        let mut out = vec![Step::Diagnostic];
        out.extend((1..=self.speakers().len() as u32).map(|person| Step::Introductions { person }));
        out.extend([
            Step::Census,
            Step::Grouping,
            Step::Vote,
            Step::Questions,
            Step::Closing,
        ]);
        out
    }

    /// The transition to the next (or previous) step of a rencontre.
    pub fn rencontre_step(
        &self,
        number: u32,
        now: Timestamp,
        forward: bool,
    ) -> Result<StepTransition, DomainError> {
        let r = self
            .rencontre(number)
            .ok_or(DomainError::NoRencontre(number))?;
        let steps = self.rencontre_steps();
        let key = r.phase.order_key();
        let target = if forward {
            steps.iter().find(|s| s.order_key() > key)
        } else {
            steps.iter().rev().find(|s| s.order_key() < key)
        };
        Ok(match target {
            Some(&to) => self.rencontre_transition(r, to, now),
            None => StepTransition {
                op: None,
                to: r.phase,
                warnings: vec![if forward {
                    Warning::AlreadyAtEnd
                } else {
                    Warning::AlreadyAtStart
                }],
            },
        })
    }

    pub fn rencontre_goto(
        &self,
        number: u32,
        to: Step,
        now: Timestamp,
    ) -> Result<StepTransition, DomainError> {
        let r = self
            .rencontre(number)
            .ok_or(DomainError::NoRencontre(number))?;
        Ok(self.rencontre_transition(r, to, now))
    }

    fn rencontre_transition(&self, r: &Rencontre, to: Step, now: Timestamp) -> StepTransition {
        let mut warnings = Vec::new();
        match to {
            Step::Vote if r.themes.len() < 2 => {
                warnings.push(Warning::FewCandidates(r.themes.len()))
            }
            Step::Closing if r.dots.is_empty() => warnings.push(Warning::NoDots),
            Step::Introductions { .. } if self.participants.is_empty() => {
                warnings.push(Warning::NoParticipants)
            }
            _ => {}
        }
        StepTransition {
            op: Some(Op::SetRencontreStep {
                rencontre: r.number,
                step: to,
                timer: r.timer.reset_for_step(r.agenda.minutes_for(to), now),
                at: now,
            }),
            to,
            warnings,
        }
    }

    /// Position within the step's kind: (k, n) for « Tour de table 7/31 ».
    pub fn rencontre_position(&self, r: &Rencontre) -> (u32, u32) {
        match r.phase {
            Step::Introductions { person } => (person, self.speakers().len() as u32),
            _ => (1, 1),
        }
    }

    /// The person speaking at an Introductions step, and the next one.
    pub fn speaker_at(&self, step: Step) -> (Option<&Participant>, Option<&Participant>) {
        let Step::Introductions { person } = step else {
            return (None, None);
        };
        let speakers = self.speakers();
        let i = (person as usize).saturating_sub(1);
        (speakers.get(i).copied(), speakers.get(i + 1).copied())
    }

    /// A new rencontre (the first, or a second one), or `None` when there are two already.
    pub fn add_rencontre_op(&self) -> Option<Op> {
        if self.rencontres.len() >= MAX_RENCONTRES {
            return None;
        }
        let number = self.rencontres.iter().map(|r| r.number).max().unwrap_or(0) + 1;
        let mut r = Rencontre::new(number);
        if let Some(prev) = self.current_rencontre() {
            r.agenda = prev.agenda;
            r.vote = prev.vote;
        }
        r.timer = Timer::new(r.agenda.minutes_for(r.phase));
        Some(Op::AddRencontre(r))
    }

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

    /// « Parking saturé 8 h–10 h (Garage Benali) ».
    pub fn card_with_org(&self, c: &Card) -> String {
        match self.card_org(c) {
            Some(org) => super::with_aside(&c.text, &org),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Session;

    fn person(id: u32, name: &str, org: &str) -> Participant {
        Participant {
            id,
            name: name.into(),
            organisation: org.into(),
            role: Role::Company,
            email: None,
            choices: Vec::new(),
        }
    }

    fn session() -> Session {
        let mut s = Session::new("t", "z");
        s.participants = vec![
            person(1, "Anne", "Menuiserie Leroux"),
            person(2, "Bruno", "Chevalier Emballages"),
            person(3, "Chloé", "Laiterie du Val"),
        ];
        let mut r = Rencontre::new(1);
        r.themes = vec![
            Candidate {
                id: 1,
                title: "Déchets".into(),
            },
            Candidate {
                id: 2,
                title: "Mobilité".into(),
            },
            Candidate {
                id: 3,
                title: "Énergie".into(),
            },
        ];
        s.rencontres.push(r);
        s
    }

    #[test]
    fn quantities_read_french_and_english_numbers() {
        let q = Quantity::parse("12,5 t/an").unwrap();
        assert_eq!(q.amount, 12.5);
        assert_eq!(q.unit, "t/an");
        assert_eq!(q.to_text(true), "12,5\u{a0}t/an");
        // Thousands grouped in French (and read back), not in English nor in a CSV cell.
        let big = Quantity::parse("2000 L/an").unwrap();
        assert_eq!(big.to_text(true), "2\u{a0}000\u{a0}L/an");
        assert_eq!(Quantity::parse(&big.to_text(true)), Some(big.clone()));
        assert_eq!(big.to_text(false), "2000\u{a0}L/an");
        assert_eq!(big.amount_text(true, false), "2000");
        let q = Quantity::parse("1234567,25 m³").unwrap();
        assert_eq!(q.to_text(true), "1\u{a0}234\u{a0}567,25\u{a0}m³");
        assert_eq!(
            Quantity::parse("950 kg").unwrap().to_text(true),
            "950\u{a0}kg"
        );
        assert_eq!(Quantity::parse("1 500 m²").unwrap().amount, 1500.0);
        assert_eq!(Quantity::parse("200kW").unwrap().unit, "kW");
        assert_eq!(Quantity::parse("beaucoup"), None);
        assert_eq!(Quantity::parse(""), None);
    }

    #[test]
    fn dots_respect_both_limits() {
        let mut s = session();
        let add = |s: &mut Session, p, t| {
            let r = s.rencontre(1).unwrap();
            let dot = Dot {
                id: r.next_dot_id(),
                participant: p,
                theme: t,
            };
            s.apply(Op::AddDot { rencontre: 1, dot })
        };
        assert!(add(&mut s, 1, 1).is_ok());
        assert!(add(&mut s, 1, 1).is_ok());
        assert_eq!(
            add(&mut s, 1, 1),
            Err(DomainError::Dot(DotRefusal::ThemeFull))
        );
        assert!(add(&mut s, 1, 2).is_ok());
        assert_eq!(
            add(&mut s, 1, 3),
            Err(DomainError::Dot(DotRefusal::NoDotsLeft))
        );
        assert_eq!(
            add(&mut s, 9, 3),
            Err(DomainError::Dot(DotRefusal::UnknownParticipant))
        );
        assert_eq!(s.rencontre(1).unwrap().dots.len(), 3);
    }

    #[test]
    fn ties_share_a_rank() {
        let mut s = session();
        let r = s.rencontres.first_mut().unwrap();
        for (id, (p, t)) in [(1, 1), (2, 1), (1, 2), (2, 2), (3, 3)].iter().enumerate() {
            r.dots.push(Dot {
                id: id as u32 + 1,
                participant: *p,
                theme: *t,
            });
        }
        let ranking = r.ranking();
        assert_eq!(
            ranking
                .iter()
                .map(|x| (x.theme, x.dots, x.rank, x.tied))
                .collect::<Vec<_>>(),
            vec![(1, 2, 1, true), (2, 2, 1, true), (3, 1, 3, false)]
        );
        assert_eq!(r.default_retained(), vec![1, 2, 3]);
    }

    #[test]
    fn offers_meet_needs_of_the_same_flow_from_other_organisations() {
        let mut s = session();
        let r = s.rencontres.first_mut().unwrap();
        let mut pallets = Card::new(1, "Palettes bois 12 t/an", CardKind::Offer);
        pallets.author = Some(1);
        pallets.flow = Some(Flow::Materials);
        let mut packaging = Card::new(2, "Besoin de bois pour emballages", CardKind::Need);
        packaging.author = Some(2);
        packaging.flow = Some(Flow::Materials);
        let mut own = Card::new(3, "Chutes de bois", CardKind::Need);
        own.author = Some(1);
        own.flow = Some(Flow::Materials);
        let mut heat = Card::new(4, "Chaleur", CardKind::Need);
        heat.author = Some(3);
        heat.flow = Some(Flow::Energy);
        r.cards = vec![pallets, packaging, own, heat];
        let leads = r.synergy_leads(&s.participants);
        assert_eq!(leads.len(), 1);
        assert_eq!((leads[0].offer, leads[0].need, leads[0].shared), (1, 2, 1));
        r.synergies.push(SynergyMark {
            offer: 1,
            need: 2,
            accepted: false,
        });
        assert!(r.synergy_leads(&s.participants).is_empty());
    }

    /// What a facilitator would accept: « Chutes d'acier » meets a need of steel, not one of
    /// plastics of the same flow; a shared stem counts (« électricité », « électrique »);
    /// words every card uses (« chutes », « déchets ») do not.
    #[test]
    fn a_lead_needs_a_shared_meaningful_word_not_only_the_same_flow() {
        let mut s = session();
        let r = s.rencontres.first_mut().unwrap();
        let card = |id, text: &str, kind, author, flow| {
            let mut c = Card::new(id, text, kind);
            c.author = Some(author);
            c.flow = Some(flow);
            c
        };
        use CardKind::{Need, Offer};
        use Flow::{Energy, Materials};
        r.cards = vec![
            card(1, "Chutes d'acier et d'inox", Offer, 1, Materials),
            card(2, "Plastiques à recycler", Need, 2, Materials),
            card(3, "Acier pour l'atelier de réparation", Need, 2, Materials),
            card(4, "Chutes de bois, déchets verts", Need, 3, Materials),
            card(5, "Surplus d'électricité photovoltaïque", Offer, 3, Energy),
            card(
                6,
                "Facture électrique des chambres froides",
                Need,
                1,
                Energy,
            ),
        ];
        let pairs = |r: &Rencontre, s: &Session| -> Vec<(CardId, CardId)> {
            r.synergy_leads(&s.participants)
                .iter()
                .map(|l| (l.offer, l.need))
                .collect()
        };
        let snapshot = s.clone();
        let r = snapshot.rencontres.first().unwrap();
        assert_eq!(pairs(r, &snapshot), vec![(1, 3), (5, 6)]);
        // Accepted by the room, a lead stays even without a shared word.
        s.rencontres[0].synergies.push(SynergyMark {
            offer: 1,
            need: 2,
            accepted: true,
        });
        let r = s.rencontres.first().unwrap();
        assert_eq!(pairs(r, &s), vec![(1, 2), (1, 3), (5, 6)]);
    }

    #[test]
    fn steps_have_one_introduction_a_person() {
        let s = session();
        let steps = s.rencontre_steps();
        assert_eq!(steps.len(), 3 + 6);
        assert_eq!(steps[1], Step::Introductions { person: 1 });
        let now = chrono::DateTime::parse_from_rfc3339("2027-01-14T09:00:00+01:00").unwrap();
        let t = s.rencontre_step(1, now, true).unwrap();
        assert_eq!(t.to, Step::Introductions { person: 1 });
        let t = s.rencontre_step(1, now, false).unwrap();
        assert_eq!(t.warnings, vec![Warning::AlreadyAtStart]);
    }

    #[test]
    fn the_handoff_makes_themes_needs_and_wishes() {
        let mut s = session();
        {
            let r = s.rencontres.first_mut().unwrap();
            let mut c = Card::new(1, "Palettes bois", CardKind::Offer);
            c.author = Some(1);
            c.theme = Some(1);
            r.cards.push(c);
            let mut c = Card::new(2, "Navette gare", CardKind::Lead);
            c.theme = Some(2);
            r.cards.push(c);
            r.cards
                .push(Card::new(3, "Qui paie la voirie ?", CardKind::Question));
            for (id, (p, t)) in [(1, 2), (1, 2), (1, 1), (2, 1), (3, 2)].iter().enumerate() {
                r.dots.push(Dot {
                    id: id as u32 + 1,
                    participant: *p,
                    theme: *t,
                });
            }
        }
        let op = s
            .handoff_op(
                1,
                [
                    "Besoins\u{a0}:",
                    "Ressources\u{a0}:",
                    "Pistes\u{a0}:",
                    "Piste de synergie\u{a0}:",
                ],
            )
            .unwrap();
        s.apply(op).unwrap();
        let titles: Vec<&str> = s.themes.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, vec!["Mobilité", "Déchets"]);
        assert_eq!(s.groups.len(), 2);
        assert!(
            s.themes[1]
                .constat
                .contains("Palettes bois (Menuiserie Leroux)")
        );
        assert_eq!(s.needs.len(), 2);
        assert_eq!(s.needs[0].theme, Some(s.themes[1].id));
        // Each entry keeps what it is: an offer and a lead, not two « besoins ».
        assert_eq!(
            s.needs.iter().map(|n| n.kind).collect::<Vec<_>>(),
            vec![NeedKind::Offer, NeedKind::Lead]
        );
        // Anne put two dots on Mobilité and one on Déchets.
        assert_eq!(
            s.participant(1).unwrap().choices,
            vec![s.themes[0].id, s.themes[1].id]
        );
        assert!(s.rencontre(1).unwrap().handed_off);
    }
}
