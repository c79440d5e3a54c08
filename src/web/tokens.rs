//! Who may open which page: a random token per role in the link (and the QR code), and the
//! voters' own keys. A page without its token is a 404, like a page that does not exist.

use std::collections::{BTreeMap, HashMap};

use base64::Engine;

use crate::domain::{ParticipantId, ThemeId};

/// What a link lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The room view: phase, timer, every group's poster, read-only.
    View,
    /// A group's poster, to fill (its rapporteur).
    Group(ThemeId),
    /// The rencontre's card entry (assistants, participants).
    Cards,
    /// The dot vote: each person claims their name, then gets a page of their own.
    Vote,
}

/// 96 random bits, 16 URL-safe characters: out of reach of guessing on a room's network
/// (the server also limits the rate of requests).
pub fn fresh() -> String {
    let mut bytes = [0u8; 12];
    // The system's generator failing is unheard of; a clock-based fallback would be
    // guessable, so the token is then made of what was left in the buffer plus the
    // address of the stack, and the room still works.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        for (i, b) in nanos.to_le_bytes().iter().take(12).enumerate() {
            if let Some(slot) = bytes.get_mut(i) {
                *slot ^= b;
            }
        }
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[derive(Debug, Default)]
pub struct Tokens {
    by_role: BTreeMap<Role, String>,
    /// A voter's key → who they are.
    voters: HashMap<String, ParticipantId>,
}

/// Why a name cannot be claimed for the vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimRefused {
    /// Another phone took this name: the facilitator can give the vote a new link.
    Taken,
}

impl Tokens {
    pub fn new() -> Tokens {
        let mut t = Tokens::default();
        for role in [Role::View, Role::Cards, Role::Vote] {
            t.by_role.insert(role, fresh());
        }
        t
    }

    /// Every group of the session has its link (a group added later gets one too).
    pub fn cover_groups(&mut self, themes: impl IntoIterator<Item = ThemeId>) {
        for theme in themes {
            self.by_role.entry(Role::Group(theme)).or_insert_with(fresh);
        }
    }

    pub fn token(&self, role: Role) -> Option<&str> {
        self.by_role.get(&role).map(String::as_str)
    }

    pub fn roles(&self) -> impl Iterator<Item = (Role, &str)> {
        self.by_role.iter().map(|(r, t)| (*r, t.as_str()))
    }

    pub fn role_of(&self, token: &str) -> Option<Role> {
        self.by_role
            .iter()
            .find(|(_, t)| t.as_str() == token)
            .map(|(r, _)| *r)
    }

    /// A new token for `role`: the old link stops working at once. For the vote, every
    /// voter's key goes too (they claim their name again from the new link).
    pub fn revoke(&mut self, role: Role) {
        self.by_role.insert(role, fresh());
        if role == Role::Vote {
            self.voters.clear();
        }
    }

    /// A voter's key for `participant`, refused when another phone has it.
    pub fn claim(&mut self, participant: ParticipantId) -> Result<String, ClaimRefused> {
        if self.voters.values().any(|p| *p == participant) {
            return Err(ClaimRefused::Taken);
        }
        let key = fresh();
        self.voters.insert(key.clone(), participant);
        Ok(key)
    }

    pub fn voter(&self, key: &str) -> Option<ParticipantId> {
        self.voters.get(key).copied()
    }

    pub fn claimed(&self, participant: ParticipantId) -> bool {
        self.voters.values().any(|p| *p == participant)
    }

    pub fn voters(&self) -> usize {
        self.voters.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_distinct_url_safe_and_revocable() {
        let mut t = Tokens::new();
        t.cover_groups([1, 2]);
        let all: Vec<String> = t.roles().map(|(_, s)| s.to_string()).collect();
        assert_eq!(all.len(), 5);
        for s in &all {
            assert_eq!(s.len(), 16);
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            );
        }
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 5);
        let old = t.token(Role::Group(2)).map(str::to_string);
        assert_eq!(
            old.as_deref().and_then(|o| t.role_of(o)),
            Some(Role::Group(2))
        );
        t.revoke(Role::Group(2));
        assert_eq!(old.as_deref().and_then(|o| t.role_of(o)), None);
        assert!(
            t.token(Role::Group(2))
                .is_some_and(|n| Some(n) != old.as_deref())
        );
    }

    #[test]
    fn a_name_is_claimed_once_and_a_new_vote_link_frees_them_all() {
        let mut t = Tokens::new();
        let key = t.claim(7).ok();
        assert_eq!(key.as_deref().and_then(|k| t.voter(k)), Some(7));
        assert_eq!(t.claim(7), Err(ClaimRefused::Taken));
        t.revoke(Role::Vote);
        assert_eq!(key.as_deref().and_then(|k| t.voter(k)), None);
        assert!(t.claim(7).is_ok());
    }
}
