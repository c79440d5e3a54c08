//! The vote by dots: its rules, the dots, what refuses one, and the ranking.

use super::*;

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

/// One dot (« gommette ») a participant put on a candidate theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dot {
    pub id: DotId,
    pub participant: ParticipantId,
    pub theme: CandidateId,
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
}
