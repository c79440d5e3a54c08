//! What the rencontre's screens remember beyond the session: which rencontre is open, and a
//! cursor for each step (the card selected on the wall, the column in Regroupement, the theme
//! being voted on, the dot being typed…).

use crate::domain::rencontre::{CandidateId, CardId, CardKind, Rencontre};
use crate::domain::{ParticipantId, Session};

/// The columns of the wall (Recensement): questions and « hors atelier » share the last.
pub const WALL: [&[CardKind]; 4] = [
    &[CardKind::Need],
    &[CardKind::Offer],
    &[CardKind::Lead],
    &[CardKind::Question, CardKind::OutOfScope],
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Model {
    /// The rencontre on screen.
    pub number: u32,
    /// Recensement: the column (in [`WALL`]) and the card selected.
    pub column: usize,
    pub card: Option<CardId>,
    /// Who new cards are written for (the last author picked): cards come a person at a time.
    pub author: Option<ParticipantId>,
    /// Regroupement: 0 is « à classer », then the candidate themes in order.
    pub group_column: usize,
    pub group_card: Option<CardId>,
    /// Regroupement: the synergy lead selected.
    pub lead: usize,
    /// Vote: the theme selected (in theme order) and the dot being typed.
    pub vote_row: usize,
    pub entry: Option<DotEntry>,
    /// Diagnostic: the stake selected; Questions and Clôture: the row.
    pub stake: usize,
    pub row: usize,
}

/// A dot being entered: the theme, then the participant's number or the first letters of
/// their name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotEntry {
    pub theme: CandidateId,
    /// What was typed for the name being entered.
    pub query: String,
    pub error: Option<String>,
    /// Who the query already gave a dot to (or was refused one), and how long the query was
    /// then: letters that go on spelling their name are theirs; the first that does not
    /// starts the next name (see [`DotEntry::push`]).
    pub done: Option<(ParticipantId, usize)>,
}

impl DotEntry {
    /// A character typed. Matching restarts at each new name:
    /// - after a dot, letters that go on spelling that person's name are swallowed (« Cl »
    ///   gives Claire her dot, « aire » is the rest of her name);
    /// - an uppercase letter after a lowercase one starts the next name (« ClAgn »);
    /// - a letter that spells no one any more starts the next name, with the letters typed
    ///   since the dot that, with it, begin someone's name (« Cl » then « agn »: the « a »
    ///   went on spelling Claire, « ag » is Agnès);
    /// - with no dot yet, a letter that makes the query match no one starts a new name with
    ///   that letter (a number typed past the list stays, for Enter to say so).
    ///
    /// Returns who must get a dot before the new name starts: a number that was waiting for
    /// a possible next digit (« 1 » of 12) and is followed by a letter.
    pub fn push(&mut self, s: &Session, c: char) -> Option<ParticipantId> {
        let mut next = self.query.clone();
        next.push(c);
        if let Some((p, at)) = self.done {
            let after_lower = self.query.chars().last().is_some_and(char::is_lowercase);
            // The rest of the name: a refusal (« already 3 dots ») stays in view meanwhile.
            if !(c.is_uppercase() && after_lower) && dot_matches(s, &next).contains(&p) {
                self.query = next;
                return None;
            }
            self.done = None;
            self.error = None;
            let since = format!("{}{c}", self.query.get(at..).unwrap_or(""));
            self.query = if c.is_uppercase() && after_lower {
                c.to_string()
            } else {
                longest_name_start(s, &since).unwrap_or_else(|| c.to_string())
            };
            self.query = self.query.trim_start().to_string();
            return None;
        }
        self.error = None;
        let digits = |t: &str| !t.is_empty() && t.chars().all(|x| x.is_ascii_digit());
        if self.query.trim().is_empty()
            || (digits(self.query.trim()) && c.is_ascii_digit())
            || !dot_matches(s, &next).is_empty()
        {
            self.query = next.trim_start().to_string();
            return None;
        }
        // A letter after a number waiting for its next digit: the number is complete.
        let waiting = match dot_matches(s, &self.query).as_slice() {
            [one] if digits(self.query.trim()) => Some(*one),
            _ => None,
        };
        self.query = c.to_string().trim_start().to_string();
        waiting
    }

    /// Backspace: the last character goes; an emptied entry starts afresh.
    pub fn backspace(&mut self) {
        self.query.pop();
        self.after_deletion();
    }

    /// Ctrl-U: the entry is emptied, as in a shell.
    pub fn clear(&mut self) {
        self.query.clear();
        self.after_deletion();
    }

    /// Ctrl-W: the last word goes (and the spaces after it), as in a shell.
    pub fn delete_word(&mut self) {
        let kept = self.query.trim_end();
        let cut = kept.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        self.query.truncate(cut);
        self.after_deletion();
    }

    fn after_deletion(&mut self) {
        self.error = None;
        if self.query.trim().is_empty() {
            self.query.clear();
            self.done = None;
        } else if let Some((_, at)) = self.done.as_mut() {
            *at = (*at).min(self.query.len());
        }
    }
}

/// The longest end of `typed` that begins someone's name, without its leading spaces.
fn longest_name_start(s: &Session, typed: &str) -> Option<String> {
    typed
        .char_indices()
        .map(|(i, _)| typed.get(i..).unwrap_or("").trim_start())
        .find(|t| !t.is_empty() && !dot_matches(s, t).is_empty())
        .map(str::to_string)
}

impl Model {
    pub fn new(number: u32) -> Self {
        Model {
            number,
            ..Model::default()
        }
    }
}

/// The cards of a column of the wall, in the order they were written.
pub fn wall_column(r: &Rencontre, column: usize) -> Vec<CardId> {
    let kinds = WALL.get(column).copied().unwrap_or(&[]);
    r.cards
        .iter()
        .filter(|c| kinds.contains(&c.kind))
        .map(|c| c.id)
        .collect()
}

/// The cards of a Regroupement column: 0 the unsorted ones, then each candidate's.
pub fn group_column(r: &Rencontre, column: usize) -> Vec<CardId> {
    let theme = match column {
        0 => None,
        n => match r.themes.get(n - 1) {
            Some(t) => Some(t.id),
            None => return Vec::new(),
        },
    };
    // Questions and « hors atelier » problems are not themes' material.
    r.cards
        .iter()
        .filter(|c| {
            c.theme == theme && !matches!(c.kind, CardKind::Question | CardKind::OutOfScope)
        })
        .map(|c| c.id)
        .collect()
}

/// The rows of Questions et suites: the questions, then the « hors atelier » problems.
pub fn question_rows(r: &Rencontre) -> Vec<CardId> {
    r.cards_of(CardKind::Question)
        .chain(r.cards_of(CardKind::OutOfScope))
        .map(|c| c.id)
        .collect()
}

/// Who matches a typed dot query: the participant of that number (as listed, from 1), or
/// those whose name (or initials) starts with the letters, accents and case ignored.
pub fn dot_matches(s: &Session, query: &str) -> Vec<ParticipantId> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    let voters = s.speakers();
    if let Ok(n) = q.parse::<usize>() {
        return n
            .checked_sub(1)
            .and_then(|i| voters.get(i))
            .map(|p| vec![p.id])
            .unwrap_or_default();
    }
    let f = crate::overlays::picker::model::fold(q);
    voters
        .iter()
        .filter(|p| {
            let name = crate::overlays::picker::model::fold(&p.name);
            let initials: String = name
                .split_whitespace()
                .filter_map(|w| w.chars().next())
                .collect();
            name.starts_with(&f)
                || name.split_whitespace().any(|w| w.starts_with(&f))
                || initials == f.replace(' ', "")
        })
        .map(|p| p.id)
        .collect()
}

/// A number typed so far that could still grow into another participant's (« 1 » with 12
/// voters): the dot waits for Enter or the next digit.
pub fn number_may_grow(s: &Session, query: &str) -> bool {
    let Ok(n) = query.trim().parse::<usize>() else {
        return false;
    };
    n.checked_mul(10).is_some_and(|m| m <= s.speakers().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_w_takes_the_last_word_off_the_dot_entry() {
        let mut e = DotEntry {
            query: "claire ma".into(),
            ..DotEntry::default()
        };
        e.delete_word();
        assert_eq!(e.query, "claire ");
        e.delete_word();
        assert_eq!(e.query, "");
        e.query = "agn  ".into();
        e.done = Some((7, 3));
        e.delete_word();
        assert_eq!((e.query.as_str(), e.done), ("", None));
    }
}
