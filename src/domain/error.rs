use thiserror::Error;

use super::{LineId, NeedId, ParticipantId, ReactionId, ThemeId};

/// Why an operation could not be applied. These arise when an operation addresses something
/// that no longer exists (another process deleted it, or a stale undo entry).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("no participant with id {0}")]
    NoParticipant(ParticipantId),
    #[error("no theme with id {0}")]
    NoTheme(ThemeId),
    #[error("no need with id {0}")]
    NoNeed(NeedId),
    #[error("no poster line with id {0}")]
    NoLine(LineId),
    #[error("no reaction with id {0}")]
    NoReaction(ReactionId),
    #[error("no follow-up meeting number {0}")]
    NoMeeting(usize),
    #[error("no workshop number {0}")]
    NoWorkshop(u32),
    #[error("id {0} is already used")]
    DuplicateId(u32),
    #[error("the session has no workshop yet")]
    NoCurrentWorkshop,
    #[error("no rencontre number {0}")]
    NoRencontre(u32),
    #[error("no card with id {0}")]
    NoCard(u32),
    #[error("no candidate theme with id {0}")]
    NoCandidate(u32),
    #[error("no dot with id {0}")]
    NoDot(u32),
    #[error("dot refused: {0:?}")]
    Dot(super::rencontre::DotRefusal),
    #[error("not a rencontre operation: {0}")]
    NotARencontreOp(String),
    #[error("no plenary number {0}")]
    NoPlenary(u32),
    #[error("not a plenary operation: {0}")]
    NotAPlenaryOp(String),
    #[error("the number of rounds must be between 1 and 6, not {0}")]
    RoundsOutOfRange(u8),
    #[error("no synergy with id {0}")]
    NoSynergy(u32),
    #[error("unknown unit: {0:?}")]
    UnknownUnit(String),
    #[error("not a number: {0:?}")]
    NotANumber(String),
    #[error("{0} and {1} cannot be added")]
    UnitMismatch(String, String),
    #[error("no invitation with SIRET {0}")]
    NoInvitation(String),
    #[error("a participant was already created from SIRET {0}")]
    AlreadyInvited(String),
    #[error("not an invitation operation: {0}")]
    NotAnInvitationOp(String),
}
