//! The catalogue des besoins et pistes d'opportunités: what the rencontres inter-entreprises
//! gathered on their wall, in three formats: a section of the compte rendu (one a rencontre),
//! `catalogue.csv` (one row a card) and `catalogue.html` (A4 portrait, to print).
//!
//! This module is the catalogue as one document: a [`Part`] is read once from each rencontre
//! that has cards, with the texts every format shows, and the formats walk it (`md::catalogue`,
//! `csv_out::catalogue`, `html::catalogue`), so they say the same thing. It imports none of
//! them.
//!
//! Every card is in it once: needs, offers and leads under their candidate theme (themes in
//! vote order, then the cards not gathered into one), questions with their answers, problems « hors atelier » with their follow-up line (owner, due,
//! status). Then the vote's results and the synergy leads (an offer meeting a need of the same
//! flow), accepted ones first.
//!
//! A session without a rencontre, or exported for one group only (`--group`), has no
//! catalogue: no section, no file.

use rust_i18n::t;

use super::{Options, owners};
use crate::domain::Session;
use crate::domain::poster::ActionLine;
use crate::domain::rencontre::{Candidate, CandidateId, Card, CardKind, Rencontre};
use crate::text::{self, Lang};

/// The kinds listed under a theme; questions and problems have lists of their own.
pub(super) const THEMED: [CardKind; 3] = [CardKind::Need, CardKind::Offer, CardKind::Lead];

/// A candidate theme and what it gathered.
pub(super) struct Theme<'a> {
    pub(super) candidate: &'a Candidate,
    pub(super) dots: u32,
    pub(super) rank: u32,
    pub(super) tied: bool,
    pub(super) retained: bool,
    /// Its needs, offers and leads, in the order they were written.
    pub(super) cards: Vec<&'a Card>,
}

/// An offer meeting a need, accepted by the room.
pub(super) struct Lead<'a> {
    pub(super) offer: &'a Card,
    pub(super) need: &'a Card,
}

/// One rencontre's catalogue.
pub(super) struct Part<'a> {
    pub(super) r: &'a Rencontre,
    /// « Rencontre 2 » when the session has two rencontres with cards.
    pub(super) name: Option<String>,
    /// Dots were placed: the totals and ranks mean something.
    pub(super) voted: bool,
    pub(super) themes: Vec<Theme<'a>>,
    /// Needs, offers and leads gathered into no (existing) theme.
    pub(super) loose: Vec<&'a Card>,
    pub(super) questions: Vec<&'a Card>,
    pub(super) outside: Vec<&'a Card>,
    /// The synergy leads the room accepted.
    pub(super) leads: Vec<Lead<'a>>,
    /// How many leads the wall suggests that nobody reviewed: counted, never listed (they
    /// are the tool's guesses, not what the room said).
    pub(super) unreviewed: usize,
}

/// The catalogue of every rencontre with cards, by number; empty when there is none or the
/// export is for one group.
pub(super) fn parts<'a>(s: &'a Session, opts: &Options) -> Vec<Part<'a>> {
    if opts.group.is_some() {
        return Vec::new();
    }
    let mut rs: Vec<&Rencontre> = s
        .rencontres
        .iter()
        .filter(|r| !r.cards.is_empty())
        .collect();
    rs.sort_by_key(|r| r.number);
    let several = rs.len() > 1;
    rs.into_iter()
        .map(|r| part(s, r, several.then(|| rencontre_name(r.number))))
        .collect()
}

pub(super) fn rencontre_name(n: u32) -> String {
    t!("export.catalogue.rencontre", n = n).into_owned()
}

pub(super) fn part<'a>(s: &'a Session, r: &'a Rencontre, name: Option<String>) -> Part<'a> {
    let voted = !r.dots.is_empty();
    // Without a dot, the default « top of the vote » would be every theme: only a choice
    // made by hand counts then.
    let retained: Vec<CandidateId> = if voted || r.retained.is_some() {
        r.retained()
    } else {
        Vec::new()
    };
    let themes: Vec<Theme> = r
        .ranking()
        .into_iter()
        .filter_map(|x| {
            let candidate = r.candidate(x.theme)?;
            Some(Theme {
                candidate,
                dots: x.dots,
                rank: x.rank,
                tied: x.tied,
                retained: retained.contains(&x.theme),
                cards: r
                    .cards_in(Some(x.theme))
                    .filter(|c| THEMED.contains(&c.kind))
                    .collect(),
            })
        })
        .collect();
    let loose = r
        .cards
        .iter()
        .filter(|c| THEMED.contains(&c.kind) && gathered(r, c).is_none())
        .collect();
    Part {
        r,
        name,
        voted,
        themes,
        loose,
        questions: r.cards_of(CardKind::Question).collect(),
        outside: r.cards_of(CardKind::OutOfScope).collect(),
        leads: leads(s, r),
        unreviewed: r
            .synergy_leads(&s.participants)
            .iter()
            .filter(|l| !r.accepted(l.offer, l.need))
            .count(),
    }
}

/// The candidate theme a card was gathered into, if it still exists.
pub(super) fn gathered<'a>(r: &'a Rencontre, c: &Card) -> Option<&'a Candidate> {
    c.theme.and_then(|id| r.candidate(id))
}

/// The accepted leads: those the wall still proposes (most shared words first), then those
/// whose cards changed since. Dismissed ones and the ones nobody decided on are left out.
pub(super) fn leads<'a>(s: &Session, r: &'a Rencontre) -> Vec<Lead<'a>> {
    let proposed = r.synergy_leads(&s.participants);
    let accepted = proposed
        .iter()
        .filter(|l| r.accepted(l.offer, l.need))
        .map(|l| (l.offer, l.need))
        .chain(
            r.synergies
                .iter()
                .filter(|m| m.accepted)
                .map(|m| (m.offer, m.need)),
        );
    let mut out: Vec<Lead> = Vec::new();
    for (offer, need) in accepted {
        if out.iter().any(|l| l.offer.id == offer && l.need.id == need) {
            continue;
        }
        if let (Some(o), Some(n)) = (r.card(offer), r.card(need)) {
            out.push(Lead { offer: o, need: n });
        }
    }
    out
}

/// The name and the organisation of who raised a card (empty when unknown).
pub(super) fn author(s: &Session, c: &Card) -> (String, String) {
    c.author
        .and_then(|id| s.participant(id))
        .map(|p| (p.name.trim().to_string(), p.organisation.trim().to_string()))
        .unwrap_or_default()
}

/// « Anne Leroux (Menuiserie Leroux) », « Anne Leroux », or empty.
pub(super) fn raised_by(s: &Session, c: &Card) -> String {
    let (name, org) = author(s, c);
    crate::domain::with_aside(&name, &org)
}

pub(super) fn flow(c: &Card) -> String {
    c.flow
        .map(|f| t!(f.label_key()).into_owned())
        .unwrap_or_default()
}

pub(super) fn decimal_comma() -> bool {
    Lang::current() == Lang::Fr
}

pub(super) fn quantity(c: &Card) -> String {
    c.quantity
        .as_ref()
        .map(|q| q.to_text(decimal_comma()))
        .unwrap_or_default()
}

/// The offer's or need's text with its organisation, for the synergy leads.
pub(super) fn with_org(s: &Session, c: &Card) -> String {
    s.card_with_org(c)
}

/// « 7 gommettes · rang 1 (ex æquo) · retenu »: what the vote said of a theme.
pub(super) fn result(part: &Part, t: &Theme) -> String {
    let mut bits = Vec::new();
    if part.voted {
        bits.push(text::count(t.dots as usize, "export.catalogue.dots"));
        bits.push(rank(t));
    }
    if t.retained {
        bits.push(t!("export.catalogue.retained").into_owned());
    }
    bits.join(" · ")
}

/// « rang 1 », « rang 1 (ex æquo) ».
pub(super) fn rank(t: &Theme) -> String {
    t!("export.catalogue.rank", n = rank_cell(t)).into_owned()
}

/// « 1 », « 1 (ex æquo) »: the rank in the vote's table.
pub(super) fn rank_cell(t: &Theme) -> String {
    if t.tied {
        format!("{} ({})", t.rank, t!("export.catalogue.tied"))
    } else {
        t.rank.to_string()
    }
}

/// The titles of the themes retained without a vote (chosen by hand at the Clôture).
pub(super) fn retained_by_hand<'a>(p: &Part<'a>) -> Vec<&'a str> {
    p.themes
        .iter()
        .filter(|t| t.retained)
        .map(|t| t.candidate.title.as_str())
        .collect()
}

/// « Rencontre inter-entreprises du 14 janvier 2027 · 12 cartes ».
pub(super) fn summary(p: &Part) -> String {
    let mut bits = Vec::new();
    if let Some(d) = p.r.date {
        bits.push(t!("export.catalogue.held", date = text::long_date(d)).into_owned());
    }
    bits.push(text::count(p.r.cards.len(), "export.catalogue.cards"));
    bits.join(" · ")
}

/// « 3 pistes suggérées automatiquement … n'ont pas été examinées en séance ».
pub(super) fn unreviewed(n: usize) -> String {
    text::count(n, "export.catalogue.unreviewed")
}

pub(super) fn title() -> String {
    t!("export.catalogue.title").into_owned()
}

/// A follow-up line's owners, due and status (empty strings when the card has none).
pub(super) fn follow(l: Option<&ActionLine>) -> (String, String, String) {
    match l {
        Some(l) => (
            owners(&l.owners),
            text::due(&l.due),
            t!(l.status.label_key()).into_owned(),
        ),
        None => Default::default(),
    }
}

/// Kinds with cards among `cards`, in the wall's order, with their cards.
pub(super) fn by_kind<'a>(cards: &[&'a Card]) -> Vec<(CardKind, Vec<&'a Card>)> {
    THEMED
        .iter()
        .map(|&k| (k, cards.iter().copied().filter(|c| c.kind == k).collect()))
        .filter(|(_, v): &(CardKind, Vec<&Card>)| !v.is_empty())
        .collect()
}
