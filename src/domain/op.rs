//! Every change to a session is an [`Op`]: a value addressed by stable ids, applied by one
//! function ([`Session::apply`]) that returns its inverse. Undo/redo replay inverses; a
//! process that shares the file replays its pending ops onto the latest version.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    LineId, NeedId, ParticipantId, ReactionId, ThemeId, Timestamp,
    agenda::Agenda,
    due::Due,
    error::DomainError,
    invitation::Invitation,
    plenary::{Decision, Item, Plenary, PlenaryStep},
    poster::{ActionLine, Owner, Reaction, Status},
    profile::{RegisterProfile, SiteProfile},
    rencontre::{
        Candidate, CandidateId, Card, CardId, Dot, DotId, Rencontre, RencontreField, Step,
    },
    session::{Group, Meeting, Need, Participant, Pilot, Session, Theme, Zone},
    synergy::{Event, Synergy, SynergyId},
    timer::Timer,
    workshop::{LogEntry, MAX_ROUNDS, MIN_ROUNDS, Phase, Round, Table, Workshop},
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// Several ops as one undo step; applied all or none.
    Batch(Vec<Op>),
    SetTitle(String),
    /// Gives the session its id if it has none (an older file); an id is never replaced, so
    /// two processes opening the same older file at once keep the first one saved.
    SetId(String),
    SetZone(Zone),
    AddParticipant {
        index: usize,
        participant: Participant,
    },
    UpdateParticipant(Participant),
    /// Removes the record only; see [`Session::remove_participant_op`] for the full removal.
    RemoveParticipant(ParticipantId),
    AddNeed {
        index: usize,
        need: Need,
    },
    UpdateNeed(Need),
    RemoveNeed(NeedId),
    /// Adds a theme with its group (a fresh one, or the one restored by an undo).
    AddTheme {
        index: usize,
        theme: Theme,
        group: Group,
    },
    UpdateTheme(Theme),
    /// Removes a theme and its group; see [`Session::remove_theme_op`] for the full removal.
    RemoveTheme(ThemeId),
    MoveTheme {
        theme: ThemeId,
        to: usize,
    },
    SetGroup {
        theme: ThemeId,
        field: GroupField,
    },
    SetEnrolled {
        theme: ThemeId,
        participant: ParticipantId,
        enrolled: bool,
    },
    AddLine {
        theme: ThemeId,
        index: usize,
        line: ActionLine,
    },
    SetLine {
        line: LineId,
        field: LineField,
    },
    DeleteLine(LineId),
    MoveLine {
        line: LineId,
        to: usize,
    },
    AddReaction {
        theme: ThemeId,
        index: usize,
        reaction: Reaction,
    },
    SetReaction {
        reaction: ReactionId,
        text: String,
    },
    DeleteReaction(ReactionId),
    AddWorkshop(Workshop),
    RemoveWorkshop(u32),
    /// A phase transition: sets the phase and the step's timer, and appends to the log.
    SetPhase {
        workshop: u32,
        phase: Phase,
        timer: Timer,
        at: Timestamp,
    },
    SetTimer {
        workshop: u32,
        timer: Timer,
    },
    SetAgenda {
        workshop: u32,
        agenda: Agenda,
    },
    SetRoundCount {
        workshop: u32,
        rounds: u8,
    },
    SetWorkshopDate {
        workshop: u32,
        date: Option<NaiveDate>,
    },
    /// Who sits at a group in a round; an empty list removes the table.
    SetTable {
        workshop: u32,
        round: u8,
        theme: ThemeId,
        members: Vec<ParticipantId>,
    },
    SetAnotherWorkshop {
        workshop: u32,
        needed: Option<bool>,
    },
    AddMeeting {
        theme: ThemeId,
        index: usize,
        meeting: Meeting,
    },
    DeleteMeeting {
        theme: ThemeId,
        index: usize,
    },
    SetAnnualPlenary(Option<super::When>),
    // The register of synergies (see `domain::synergy`).
    AddSynergy {
        index: usize,
        synergy: Synergy,
    },
    /// Every field but the history, which keeps what the session holds: stage changes and
    /// hand-overs are events of their own, so that two made at once are both kept and an
    /// undo takes off its own only.
    UpdateSynergy(Synergy),
    RemoveSynergy(SynergyId),
    /// A stage change or a pilot hand-over, put in time order.
    AddSynergyEvent {
        synergy: SynergyId,
        event: Event,
    },
    /// Takes off one event equal to `event`.
    RemoveSynergyEvent {
        synergy: SynergyId,
        event: Event,
    },
    // The annual plenary (see `domain::plenary`).
    AddPlenary(Plenary),
    RemovePlenary(u32),
    /// A step of a plenary: sets it and its timer, and appends to its log.
    SetPlenaryStep {
        plenary: u32,
        step: PlenaryStep,
        timer: Timer,
        at: Timestamp,
    },
    SetPlenaryTimer {
        plenary: u32,
        timer: Timer,
    },
    SetPlenaryDate {
        plenary: u32,
        date: NaiveDate,
    },
    /// The review's decision on an item (`None`: none); its effects are ops of their own,
    /// batched with it by [`Session::decide_op`].
    SetDecision {
        plenary: u32,
        item: Item,
        decision: Option<Decision>,
    },
    /// A catalogue entry noted in the plenary's « Nouvelles pistes ».
    AddPlenaryLead {
        plenary: u32,
        need: NeedId,
    },
    RemovePlenaryLead {
        plenary: u32,
        need: NeedId,
    },
    // The rencontre inter-entreprises (see `domain::rencontre`).
    AddRencontre(Rencontre),
    RemoveRencontre(u32),
    /// A step of a rencontre: sets it and its timer, and appends to its log.
    SetRencontreStep {
        rencontre: u32,
        step: Step,
        timer: Timer,
        at: Timestamp,
    },
    SetRencontreTimer {
        rencontre: u32,
        timer: Timer,
    },
    SetRencontre {
        rencontre: u32,
        field: RencontreField,
    },
    AddCard {
        rencontre: u32,
        index: usize,
        card: Card,
    },
    UpdateCard {
        rencontre: u32,
        card: Card,
    },
    RemoveCard {
        rencontre: u32,
        card: CardId,
    },
    AddCandidate {
        rencontre: u32,
        index: usize,
        candidate: Candidate,
    },
    UpdateCandidate {
        rencontre: u32,
        candidate: Candidate,
    },
    /// Removes the record only; see [`Session::remove_candidate_op`].
    RemoveCandidate {
        rencontre: u32,
        candidate: CandidateId,
    },
    /// A dot, refused when the vote's limits would be passed.
    AddDot {
        rencontre: u32,
        dot: Dot,
    },
    RemoveDot {
        rencontre: u32,
        dot: DotId,
    },
    /// Moves a dot to another theme (merging two themes), without the limits.
    UpdateDot {
        rencontre: u32,
        dot: Dot,
    },
    /// Accepts (`Some(true)`), dismisses (`Some(false)`) or forgets a synergy lead.
    MarkSynergy {
        rencontre: u32,
        offer: CardId,
        need: CardId,
        mark: Option<bool>,
    },
    // The zone's open data and the invitation list (see `domain::profile`,
    // `domain::invitation`).
    /// The register's part of the zone profile (`atelier import sirene`).
    SetRegisterProfile(Option<Box<RegisterProfile>>),
    /// The CNIG site's part of the zone profile (`atelier import cnig`).
    SetSiteProfile(Option<SiteProfile>),
    /// The whole invitation list (the inverse of a merge).
    SetInvitations(Vec<Invitation>),
    /// An import's establishments, merged by SIRET: the register's data replace what an
    /// invitation had, the participant made from it stays; new ones go at the end. Replayed
    /// onto another process's file, it keeps the links made there.
    MergeInvitations(Vec<Invitation>),
    /// A participant made from an invitation, and the invitation linked to it, in one op:
    /// replayed onto a file where the number is taken, or the invitation already made,
    /// both are dropped together, never one without the other.
    AddInvitedParticipant {
        index: usize,
        siret: String,
        participant: Participant,
    },
    /// The inverse: the participant removed, the invitation's link back to `link`.
    RemoveInvitedParticipant {
        siret: String,
        participant: ParticipantId,
        link: Option<ParticipantId>,
    },
    /// Which participant an invitation made (`None`: none, the participant was removed).
    LinkInvitation {
        siret: String,
        participant: Option<ParticipantId>,
    },
}

/// One cell of a poster line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LineField {
    Solution(String),
    Action(String),
    Owners(Vec<Owner>),
    Due(Due),
    Status(Status),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum GroupField {
    Rapporteur(Option<ParticipantId>),
    Pilot(Option<Pilot>),
    NextSteps(String),
    NextMeeting(Option<super::When>),
    Notes(String),
}

impl Op {
    /// Content edits go on the undo stack; navigation (phase, timer) does not: the facilitator
    /// moves back with PageUp, and undoing a clock would be surprising.
    pub fn is_undoable(&self) -> bool {
        match self {
            Op::SetPhase { .. }
            | Op::SetTimer { .. }
            | Op::SetRencontreStep { .. }
            | Op::SetRencontreTimer { .. }
            | Op::SetPlenaryStep { .. }
            | Op::SetPlenaryTimer { .. } => false,
            Op::Batch(ops) => ops.iter().any(Op::is_undoable),
            _ => true,
        }
    }
}

fn insert_at<T>(v: &mut Vec<T>, index: usize, item: T) {
    let index = index.min(v.len());
    v.insert(index, item);
}

impl Session {
    /// Applies one operation and returns its inverse. On error the session is unchanged.
    pub fn apply(&mut self, op: Op) -> Result<Op, DomainError> {
        Ok(match op {
            Op::Batch(ops) => {
                let mut inverses = Vec::with_capacity(ops.len());
                for op in ops {
                    match self.apply(op) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            // All or nothing: roll back what was applied.
                            for inv in inverses.into_iter().rev() {
                                let _ = self.apply(inv);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Op::Batch(inverses)
            }
            Op::SetTitle(title) => Op::SetTitle(std::mem::replace(&mut self.title, title)),
            Op::SetId(id) => {
                if self.id.is_empty() {
                    self.id = id;
                }
                Op::SetId(self.id.clone())
            }
            // Every field but the profile, which the imports set (`SetRegisterProfile`,
            // `SetSiteProfile`): an edit of the zone's name replayed onto a file imported
            // meanwhile keeps the import.
            Op::SetZone(mut zone) => {
                zone.profile = self.zone.profile.clone();
                Op::SetZone(std::mem::replace(&mut self.zone, zone))
            }
            Op::SetRegisterProfile(register) => {
                let profile = self.zone.profile.get_or_insert_with(Default::default);
                let old = std::mem::replace(&mut profile.register, register.map(|b| *b));
                if profile.is_empty() {
                    self.zone.profile = None;
                }
                Op::SetRegisterProfile(old.map(Box::new))
            }
            Op::SetSiteProfile(site) => {
                let profile = self.zone.profile.get_or_insert_with(Default::default);
                let old = std::mem::replace(&mut profile.site, site);
                if profile.is_empty() {
                    self.zone.profile = None;
                }
                Op::SetSiteProfile(old)
            }
            op @ (Op::SetInvitations(_)
            | Op::MergeInvitations(_)
            | Op::AddInvitedParticipant { .. }
            | Op::RemoveInvitedParticipant { .. }
            | Op::LinkInvitation { .. }) => self.apply_invitation(op)?,
            Op::AddParticipant { index, participant } => {
                if self.participant(participant.id).is_some() {
                    return Err(DomainError::DuplicateId(participant.id));
                }
                let id = participant.id;
                insert_at(&mut self.participants, index, participant);
                Op::RemoveParticipant(id)
            }
            Op::UpdateParticipant(p) => {
                let slot = self
                    .participants
                    .iter_mut()
                    .find(|x| x.id == p.id)
                    .ok_or(DomainError::NoParticipant(p.id))?;
                Op::UpdateParticipant(std::mem::replace(slot, p))
            }
            Op::RemoveParticipant(id) => {
                let index = self
                    .participants
                    .iter()
                    .position(|p| p.id == id)
                    .ok_or(DomainError::NoParticipant(id))?;
                let participant = self.participants.remove(index);
                Op::AddParticipant { index, participant }
            }
            Op::AddNeed { index, need } => {
                if self.needs.iter().any(|n| n.id == need.id) {
                    return Err(DomainError::DuplicateId(need.id));
                }
                let id = need.id;
                insert_at(&mut self.needs, index, need);
                Op::RemoveNeed(id)
            }
            Op::UpdateNeed(need) => {
                let slot = self
                    .needs
                    .iter_mut()
                    .find(|n| n.id == need.id)
                    .ok_or(DomainError::NoNeed(need.id))?;
                Op::UpdateNeed(std::mem::replace(slot, need))
            }
            Op::RemoveNeed(id) => {
                let index = self
                    .needs
                    .iter()
                    .position(|n| n.id == id)
                    .ok_or(DomainError::NoNeed(id))?;
                let need = self.needs.remove(index);
                Op::AddNeed { index, need }
            }
            Op::AddTheme {
                index,
                theme,
                mut group,
            } => {
                if self.theme(theme.id).is_some() || self.group(theme.id).is_some() {
                    return Err(DomainError::DuplicateId(theme.id));
                }
                group.theme = theme.id;
                let id = theme.id;
                insert_at(&mut self.themes, index, theme);
                self.groups.push(group);
                self.sort_groups_like_themes();
                Op::RemoveTheme(id)
            }
            Op::UpdateTheme(theme) => {
                let slot = self
                    .themes
                    .iter_mut()
                    .find(|t| t.id == theme.id)
                    .ok_or(DomainError::NoTheme(theme.id))?;
                Op::UpdateTheme(std::mem::replace(slot, theme))
            }
            Op::RemoveTheme(id) => {
                let index = self
                    .themes
                    .iter()
                    .position(|t| t.id == id)
                    .ok_or(DomainError::NoTheme(id))?;
                let theme = self.themes.remove(index);
                let group = match self.groups.iter().position(|g| g.theme == id) {
                    Some(gi) => self.groups.remove(gi),
                    None => Group::new(id),
                };
                Op::AddTheme {
                    index,
                    theme,
                    group,
                }
            }
            Op::MoveTheme { theme, to } => {
                let from = self
                    .themes
                    .iter()
                    .position(|t| t.id == theme)
                    .ok_or(DomainError::NoTheme(theme))?;
                let t = self.themes.remove(from);
                insert_at(&mut self.themes, to, t);
                self.sort_groups_like_themes();
                Op::MoveTheme { theme, to: from }
            }
            Op::SetGroup { theme, field } => {
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                let old = match field {
                    GroupField::Rapporteur(v) => {
                        GroupField::Rapporteur(std::mem::replace(&mut g.rapporteur, v))
                    }
                    GroupField::Pilot(v) => GroupField::Pilot(std::mem::replace(&mut g.pilot, v)),
                    GroupField::NextSteps(v) => {
                        GroupField::NextSteps(std::mem::replace(&mut g.next_steps, v))
                    }
                    GroupField::NextMeeting(v) => {
                        GroupField::NextMeeting(std::mem::replace(&mut g.next_meeting, v))
                    }
                    GroupField::Notes(v) => GroupField::Notes(std::mem::replace(&mut g.notes, v)),
                };
                Op::SetGroup { theme, field: old }
            }
            Op::SetEnrolled {
                theme,
                participant,
                enrolled,
            } => {
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                let was = g.enrolled.contains(&participant);
                if enrolled && !was {
                    // In id order rather than at the end, so that an undo or a redo of a
                    // removal gives the same list again.
                    let at = g
                        .enrolled
                        .iter()
                        .position(|&p| p > participant)
                        .unwrap_or(g.enrolled.len());
                    g.enrolled.insert(at, participant);
                } else if !enrolled && was {
                    g.enrolled.retain(|&p| p != participant);
                }
                Op::SetEnrolled {
                    theme,
                    participant,
                    enrolled: was,
                }
            }
            Op::AddLine { theme, index, line } => {
                // Follow-up lines of rencontre cards share the numbering.
                if self.line(line.id).is_some() {
                    return Err(DomainError::DuplicateId(line.id));
                }
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                let id = line.id;
                insert_at(&mut g.poster.lines, index, line);
                Op::DeleteLine(id)
            }
            Op::SetLine { line, field } => {
                let l = self.line_mut(line)?;
                let old = match field {
                    LineField::Solution(v) => {
                        LineField::Solution(std::mem::replace(&mut l.solution, v))
                    }
                    LineField::Action(v) => LineField::Action(std::mem::replace(&mut l.action, v)),
                    LineField::Owners(v) => LineField::Owners(std::mem::replace(&mut l.owners, v)),
                    LineField::Due(v) => LineField::Due(std::mem::replace(&mut l.due, v)),
                    LineField::Status(v) => LineField::Status(std::mem::replace(&mut l.status, v)),
                };
                Op::SetLine { line, field: old }
            }
            Op::DeleteLine(id) => {
                let theme = self.group_of_line(id).ok_or(DomainError::NoLine(id))?;
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                let index = g.poster.line_index(id).ok_or(DomainError::NoLine(id))?;
                let line = g.poster.lines.remove(index);
                Op::AddLine { theme, index, line }
            }
            Op::MoveLine { line, to } => {
                let theme = self.group_of_line(line).ok_or(DomainError::NoLine(line))?;
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                let from = g.poster.line_index(line).ok_or(DomainError::NoLine(line))?;
                let l = g.poster.lines.remove(from);
                insert_at(&mut g.poster.lines, to, l);
                Op::MoveLine { line, to: from }
            }
            Op::AddReaction {
                theme,
                index,
                reaction,
            } => {
                if self.find_reaction(reaction.id).is_some() {
                    return Err(DomainError::DuplicateId(reaction.id));
                }
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                let id = reaction.id;
                insert_at(&mut g.poster.reactions, index, reaction);
                Op::DeleteReaction(id)
            }
            Op::SetReaction { reaction, text } => {
                let (gi, ri) = self
                    .find_reaction(reaction)
                    .ok_or(DomainError::NoReaction(reaction))?;
                let r = self
                    .groups
                    .get_mut(gi)
                    .and_then(|g| g.poster.reactions.get_mut(ri))
                    .ok_or(DomainError::NoReaction(reaction))?;
                Op::SetReaction {
                    reaction,
                    text: std::mem::replace(&mut r.text, text),
                }
            }
            Op::DeleteReaction(id) => {
                let (gi, index) = self.find_reaction(id).ok_or(DomainError::NoReaction(id))?;
                let g = self.groups.get_mut(gi).ok_or(DomainError::NoReaction(id))?;
                let theme = g.theme;
                let reaction = g.poster.reactions.remove(index);
                Op::AddReaction {
                    theme,
                    index,
                    reaction,
                }
            }
            Op::AddWorkshop(mut w) => {
                if self.workshop(w.number).is_some() {
                    return Err(DomainError::DuplicateId(w.number));
                }
                w.sort_baseline();
                let n = w.number;
                self.workshops.push(w);
                self.workshops.sort_by_key(|w| w.number);
                Op::RemoveWorkshop(n)
            }
            Op::RemoveWorkshop(n) => {
                let i = self
                    .workshops
                    .iter()
                    .position(|w| w.number == n)
                    .ok_or(DomainError::NoWorkshop(n))?;
                Op::AddWorkshop(self.workshops.remove(i))
            }
            Op::SetPhase {
                workshop,
                phase,
                timer,
                at,
            } => {
                let w = self.workshop_mut_or(workshop)?;
                let old_phase = std::mem::replace(&mut w.phase, phase);
                let old_timer = std::mem::replace(&mut w.timer, timer);
                w.log.push(LogEntry { at, phase });
                Op::SetPhase {
                    workshop,
                    phase: old_phase,
                    timer: old_timer,
                    at,
                }
            }
            Op::SetTimer { workshop, timer } => {
                let w = self.workshop_mut_or(workshop)?;
                Op::SetTimer {
                    workshop,
                    timer: std::mem::replace(&mut w.timer, timer),
                }
            }
            Op::SetAgenda { workshop, agenda } => {
                let w = self.workshop_mut_or(workshop)?;
                Op::SetAgenda {
                    workshop,
                    agenda: std::mem::replace(&mut w.agenda, agenda),
                }
            }
            Op::SetRoundCount { workshop, rounds } => {
                if !(MIN_ROUNDS..=MAX_ROUNDS).contains(&rounds) {
                    return Err(DomainError::RoundsOutOfRange(rounds));
                }
                let w = self.workshop_mut_or(workshop)?;
                Op::SetRoundCount {
                    workshop,
                    rounds: std::mem::replace(&mut w.round_count, rounds),
                }
            }
            Op::SetWorkshopDate { workshop, date } => {
                let w = self.workshop_mut_or(workshop)?;
                Op::SetWorkshopDate {
                    workshop,
                    date: std::mem::replace(&mut w.date, date),
                }
            }
            Op::SetTable {
                workshop,
                round,
                theme,
                members,
            } => {
                let w = self.workshop_mut_or(workshop)?;
                let old = w.members(round, theme).to_vec();
                set_table(w, round, theme, members);
                Op::SetTable {
                    workshop,
                    round,
                    theme,
                    members: old,
                }
            }
            Op::AddMeeting {
                theme,
                index,
                meeting,
            } => {
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                let index = index.min(g.meetings.len());
                g.meetings.insert(index, meeting);
                Op::DeleteMeeting { theme, index }
            }
            Op::DeleteMeeting { theme, index } => {
                let g = self.group_mut(theme).ok_or(DomainError::NoTheme(theme))?;
                if index >= g.meetings.len() {
                    return Err(DomainError::NoMeeting(index));
                }
                let meeting = g.meetings.remove(index);
                Op::AddMeeting {
                    theme,
                    index,
                    meeting,
                }
            }
            Op::SetAnnualPlenary(date) => {
                Op::SetAnnualPlenary(std::mem::replace(&mut self.annual_plenary, date))
            }
            op @ (Op::AddPlenary(_)
            | Op::RemovePlenary(_)
            | Op::SetPlenaryStep { .. }
            | Op::SetPlenaryTimer { .. }
            | Op::SetPlenaryDate { .. }
            | Op::SetDecision { .. }
            | Op::AddPlenaryLead { .. }
            | Op::RemovePlenaryLead { .. }) => self.apply_plenary(op)?,
            op @ (Op::AddRencontre(_)
            | Op::RemoveRencontre(_)
            | Op::SetRencontreStep { .. }
            | Op::SetRencontreTimer { .. }
            | Op::SetRencontre { .. }
            | Op::AddCard { .. }
            | Op::UpdateCard { .. }
            | Op::RemoveCard { .. }
            | Op::AddCandidate { .. }
            | Op::UpdateCandidate { .. }
            | Op::RemoveCandidate { .. }
            | Op::AddDot { .. }
            | Op::RemoveDot { .. }
            | Op::UpdateDot { .. }
            | Op::MarkSynergy { .. }) => self.apply_rencontre(op)?,
            Op::AddSynergy { index, synergy } => {
                if self.synergy(synergy.id).is_some() {
                    return Err(DomainError::DuplicateId(synergy.id));
                }
                let id = synergy.id;
                let index = index.min(self.synergies.len());
                self.synergies.insert(index, synergy);
                Op::RemoveSynergy(id)
            }
            Op::UpdateSynergy(synergy) => {
                let slot = self
                    .synergies
                    .iter_mut()
                    .find(|s| s.id == synergy.id)
                    .ok_or(DomainError::NoSynergy(synergy.id))?;
                let mut synergy = synergy;
                synergy.history = slot.history.clone();
                Op::UpdateSynergy(std::mem::replace(slot, synergy))
            }
            Op::AddSynergyEvent { synergy, event } => {
                let s = self.synergy_mut(synergy)?;
                s.record(event.clone());
                Op::RemoveSynergyEvent { synergy, event }
            }
            Op::RemoveSynergyEvent { synergy, event } => {
                let s = self.synergy_mut(synergy)?;
                let i = s
                    .history
                    .iter()
                    .rposition(|e| *e == event)
                    .ok_or(DomainError::NoSynergy(synergy))?;
                s.history.remove(i);
                Op::AddSynergyEvent { synergy, event }
            }
            Op::RemoveSynergy(id) => {
                let index = self
                    .synergies
                    .iter()
                    .position(|s| s.id == id)
                    .ok_or(DomainError::NoSynergy(id))?;
                Op::AddSynergy {
                    index,
                    synergy: self.synergies.remove(index),
                }
            }
            Op::SetAnotherWorkshop { workshop, needed } => {
                let w = self.workshop_mut_or(workshop)?;
                Op::SetAnotherWorkshop {
                    workshop,
                    needed: std::mem::replace(&mut w.another_workshop, needed),
                }
            }
        })
    }

    /// Groups are kept in theme order, so the file reads in the order the room sees.
    fn sort_groups_like_themes(&mut self) {
        let themes = &self.themes;
        self.groups.sort_by_key(|g| {
            themes
                .iter()
                .position(|t| t.id == g.theme)
                .unwrap_or(usize::MAX)
        });
    }

    fn workshop_mut_or(&mut self, number: u32) -> Result<&mut Workshop, DomainError> {
        self.workshop_mut(number)
            .ok_or(DomainError::NoWorkshop(number))
    }

    fn line_mut(&mut self, id: LineId) -> Result<&mut ActionLine, DomainError> {
        self.line_anywhere_mut(id).ok_or(DomainError::NoLine(id))
    }

    fn find_reaction(&self, id: ReactionId) -> Option<(usize, usize)> {
        self.groups
            .iter()
            .enumerate()
            .find_map(|(gi, g)| g.poster.reaction_index(id).map(|ri| (gi, ri)))
    }

    /// Removing a participant also clears them as rapporteur, from enrolments and from the
    /// round tables, so nothing points at a missing person; one undo brings it all back.
    pub fn remove_participant_op(&self, id: ParticipantId) -> Op {
        let mut ops = Vec::new();
        for g in &self.groups {
            if g.rapporteur == Some(id) {
                ops.push(Op::SetGroup {
                    theme: g.theme,
                    field: GroupField::Rapporteur(None),
                });
            }
            if g.enrolled.contains(&id) {
                ops.push(Op::SetEnrolled {
                    theme: g.theme,
                    participant: id,
                    enrolled: false,
                });
            }
        }
        for w in &self.workshops {
            for r in &w.rounds {
                for t in r.tables.iter().filter(|t| t.members.contains(&id)) {
                    ops.push(Op::SetTable {
                        workshop: w.number,
                        round: r.number,
                        theme: t.theme,
                        members: t.members.iter().copied().filter(|&m| m != id).collect(),
                    });
                }
            }
        }
        ops.push(Op::RemoveParticipant(id));
        // The invitation it was made from no longer names it: the next participant may take
        // its number. (After the removal, which names the step in the undo's words.)
        ops.extend(
            self.invitations
                .iter()
                .filter(|i| i.participant == Some(id))
                .map(|i| Op::LinkInvitation {
                    siret: i.siret.clone(),
                    participant: None,
                }),
        );
        Op::Batch(ops)
    }

    /// Removing a theme unlinks its needs and clears its round tables; its group and poster
    /// go with it and come back whole on undo.
    pub fn remove_theme_op(&self, id: ThemeId) -> Op {
        let mut ops: Vec<Op> = self
            .needs
            .iter()
            .filter(|n| n.theme == Some(id))
            .map(|n| {
                Op::UpdateNeed(Need {
                    theme: None,
                    ..n.clone()
                })
            })
            .collect();
        for w in &self.workshops {
            for r in &w.rounds {
                if r.tables.iter().any(|t| t.theme == id) {
                    ops.push(Op::SetTable {
                        workshop: w.number,
                        round: r.number,
                        theme: id,
                        members: Vec::new(),
                    });
                }
            }
        }
        ops.push(Op::RemoveTheme(id));
        Op::Batch(ops)
    }

    /// A new theme with an empty group, at the end.
    pub fn add_theme_op(&self, title: impl Into<String>) -> Op {
        let id = self.next_theme_id();
        Op::AddTheme {
            index: self.themes.len(),
            theme: Theme {
                id,
                title: title.into(),
                constat: String::new(),
                expert: None,
                review: false,
            },
            group: Group::new(id),
        }
    }
}

fn set_table(w: &mut Workshop, round: u8, theme: ThemeId, members: Vec<ParticipantId>) {
    let ri = match w.rounds.iter().position(|r| r.number == round) {
        Some(i) => i,
        None => {
            if members.is_empty() {
                return;
            }
            w.rounds.push(Round {
                number: round,
                tables: Vec::new(),
            });
            w.rounds.sort_by_key(|r| r.number);
            match w.rounds.iter().position(|r| r.number == round) {
                Some(i) => i,
                None => return,
            }
        }
    };
    let Some(r) = w.rounds.get_mut(ri) else {
        return;
    };
    match r.tables.iter().position(|t| t.theme == theme) {
        Some(ti) if members.is_empty() => {
            r.tables.remove(ti);
        }
        Some(ti) => {
            if let Some(t) = r.tables.get_mut(ti) {
                t.members = members;
            }
        }
        None if members.is_empty() => {}
        // In theme order rather than at the end: removing a table and adding it back (an
        // undo, a redo) must give the same round again.
        None => {
            let at = r
                .tables
                .iter()
                .position(|t| t.theme > theme)
                .unwrap_or(r.tables.len());
            r.tables.insert(at, Table { theme, members });
        }
    }
    if r.tables.is_empty() {
        w.rounds.retain(|r| r.number != round);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Role, Vocation};
    use chrono::DateTime;

    fn at(s: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2026-12-03T{s}+01:00")).unwrap()
    }

    fn sample() -> Session {
        let mut s = Session::new("Éco-parc", "ZA des Forges");
        s.apply(s.add_theme_op("Mobilité")).unwrap();
        s.apply(s.add_theme_op("Déchets")).unwrap();
        for (id, name) in [(1, "Léa"), (2, "Marc"), (3, "Anne")] {
            s.apply(Op::AddParticipant {
                index: 99,
                participant: Participant {
                    id,
                    name: name.into(),
                    organisation: "SARL".into(),
                    role: Role::Company,
                    email: None,
                    choices: Vec::new(),
                },
            })
            .unwrap();
        }
        s.apply(Op::AddLine {
            theme: 1,
            index: 0,
            line: ActionLine::new(1, 1),
        })
        .unwrap();
        s.apply(Op::AddLine {
            theme: 1,
            index: 1,
            line: ActionLine::new(2, 1),
        })
        .unwrap();
        s.apply(Op::AddReaction {
            theme: 1,
            index: 0,
            reaction: Reaction {
                id: 1,
                text: "pas de local vélo".into(),
                workshop: 1,
            },
        })
        .unwrap();
        s.apply(Op::AddNeed {
            index: 0,
            need: Need {
                id: 1,
                text: "Parking saturé".into(),
                theme: Some(1),
                kind: Default::default(),
            },
        })
        .unwrap();
        s.apply(Op::SetGroup {
            theme: 1,
            field: GroupField::Rapporteur(Some(1)),
        })
        .unwrap();
        s.apply(Op::SetEnrolled {
            theme: 1,
            participant: 1,
            enrolled: true,
        })
        .unwrap();
        s.apply(Op::SetTable {
            workshop: 1,
            round: 1,
            theme: 1,
            members: vec![1, 2],
        })
        .unwrap();
        s.apply(Op::MergeInvitations(vec![invitation("00079927398713")]))
            .unwrap();
        s
    }

    fn invitation(siret: &str) -> Invitation {
        Invitation::from_establishment(&crate::domain::profile::Establishment {
            siret: siret.into(),
            name: "Chaudronnerie Morel".into(),
            naf: "25.62B".into(),
            ..Default::default()
        })
    }

    /// Every kind of op, each valid on `sample()`.
    fn all_ops(s: &Session) -> Vec<Op> {
        let mut zone = s.zone.clone();
        zone.vocation = Vocation::Industrial;
        vec![
            Op::SetTitle("Nouveau titre".into()),
            Op::SetZone(zone),
            Op::AddParticipant {
                index: 0,
                participant: Participant {
                    id: 9,
                    name: "Zoé".into(),
                    organisation: String::new(),
                    role: Role::Expert,
                    email: Some("z@example.fr".into()),
                    choices: Vec::new(),
                },
            },
            Op::UpdateParticipant(Participant {
                name: "Léa Martin".into(),
                ..s.participants[0].clone()
            }),
            Op::RemoveParticipant(3),
            s.remove_participant_op(1),
            Op::AddNeed {
                index: 1,
                need: Need {
                    id: 7,
                    text: "Éclairage".into(),
                    theme: None,
                    kind: Default::default(),
                },
            },
            Op::UpdateNeed(Need {
                id: 1,
                text: "Parking".into(),
                theme: None,
                kind: Default::default(),
            }),
            Op::RemoveNeed(1),
            s.add_theme_op("Énergie"),
            Op::UpdateTheme(Theme {
                constat: "85 % en voiture".into(),
                ..s.themes[0].clone()
            }),
            s.remove_theme_op(1),
            Op::MoveTheme { theme: 1, to: 5 },
            Op::SetGroup {
                theme: 2,
                field: GroupField::Pilot(Some(Pilot {
                    kind: crate::domain::PilotKind::LocalAuthority,
                    name: "CC".into(),
                    contact: None,
                })),
            },
            Op::SetGroup {
                theme: 1,
                field: GroupField::NextSteps("Réunion".into()),
            },
            Op::SetGroup {
                theme: 1,
                field: GroupField::NextMeeting(
                    NaiveDate::from_ymd_opt(2027, 1, 15).map(super::super::When::day),
                ),
            },
            Op::SetGroup {
                theme: 1,
                field: GroupField::Notes("Débat".into()),
            },
            Op::SetEnrolled {
                theme: 1,
                participant: 1,
                enrolled: false,
            },
            Op::SetEnrolled {
                theme: 2,
                participant: 2,
                enrolled: true,
            },
            Op::AddLine {
                theme: 2,
                index: 0,
                line: ActionLine::new(3, 1),
            },
            Op::SetLine {
                line: 1,
                field: LineField::Solution("Covoiturage".into()),
            },
            Op::SetLine {
                line: 1,
                field: LineField::Action("Choisir une plateforme".into()),
            },
            Op::SetLine {
                line: 1,
                field: LineField::Owners(Owner::parse_list("CC (pilote)")),
            },
            Op::SetLine {
                line: 2,
                field: LineField::Due(Due::Month(2027, 3)),
            },
            Op::SetLine {
                line: 2,
                field: LineField::Status(Status::Done),
            },
            Op::DeleteLine(1),
            Op::MoveLine { line: 1, to: 1 },
            Op::AddReaction {
                theme: 2,
                index: 0,
                reaction: Reaction {
                    id: 2,
                    text: "horaires".into(),
                    workshop: 1,
                },
            },
            Op::SetReaction {
                reaction: 1,
                text: "pas de douche".into(),
            },
            Op::DeleteReaction(1),
            Op::AddWorkshop(Workshop::new(2)),
            Op::RemoveWorkshop(1),
            Op::SetPhase {
                workshop: 1,
                phase: Phase::Groups { round: 1 },
                timer: Timer::new(25),
                at: at("09:00:00"),
            },
            Op::SetTimer {
                workshop: 1,
                timer: Timer::new(3).started(at("09:00:00")),
            },
            Op::SetAgenda {
                workshop: 1,
                agenda: Agenda {
                    groups: 40,
                    ..Agenda::default()
                },
            },
            Op::SetRoundCount {
                workshop: 1,
                rounds: 2,
            },
            Op::SetWorkshopDate {
                workshop: 1,
                date: NaiveDate::from_ymd_opt(2026, 12, 3),
            },
            Op::SetTable {
                workshop: 1,
                round: 2,
                theme: 2,
                members: vec![3],
            },
            Op::SetTable {
                workshop: 1,
                round: 1,
                theme: 1,
                members: vec![],
            },
            Op::SetAnotherWorkshop {
                workshop: 1,
                needed: Some(true),
            },
            Op::AddMeeting {
                theme: 1,
                index: 0,
                meeting: Meeting {
                    date: super::super::When::day(NaiveDate::from_ymd_opt(2027, 1, 10).unwrap()),
                    note: "lancement".into(),
                },
            },
            Op::SetAnnualPlenary(
                NaiveDate::from_ymd_opt(2027, 11, 20).map(super::super::When::day),
            ),
            Op::SetRegisterProfile(Some(Box::new(RegisterProfile {
                establishments: 3,
                ..RegisterProfile::default()
            }))),
            Op::SetSiteProfile(Some(SiteProfile {
                name: "ZA des Forges".into(),
                area_ha: Some(12.5),
                ..SiteProfile::default()
            })),
            Op::SetInvitations(Vec::new()),
            Op::MergeInvitations(vec![invitation("00000000000000")]),
            s.invite_op(&["00079927398713"], |i| i.name.clone())
                .expect("not made yet"),
            Op::LinkInvitation {
                siret: "00079927398713".into(),
                participant: Some(2),
            },
        ]
    }

    #[test]
    fn a_zone_edit_keeps_the_imported_profile() {
        let mut s = sample();
        let before_edit = s.zone.clone();
        s.apply(Op::SetSiteProfile(Some(SiteProfile {
            name: "ZA des Forges".into(),
            ..SiteProfile::default()
        })))
        .unwrap();
        // An edit made on the zone as it was before the import (another process's).
        let mut zone = before_edit;
        zone.name = "ZA des Forges Nord".into();
        let inverse = s.apply(Op::SetZone(zone)).unwrap();
        assert_eq!(s.zone.name, "ZA des Forges Nord");
        assert!(s.zone.profile.as_ref().is_some_and(|p| p.site.is_some()));
        s.apply(inverse).unwrap();
        assert!(s.zone.profile.is_some());
        // Both parts gone, no profile at all (the file stays as it was).
        s.apply(Op::SetSiteProfile(None)).unwrap();
        assert_eq!(s.zone.profile, None);
    }

    #[test]
    fn every_op_changes_something_and_its_inverse_restores() {
        let base = sample();
        for op in all_ops(&base) {
            let mut s = base.clone();
            let inverse = s
                .apply(op.clone())
                .unwrap_or_else(|e| panic!("{op:?}: {e}"));
            if !matches!(op, Op::SetPhase { .. }) {
                assert_ne!(s, base, "{op:?} changed nothing");
            }
            let redo = s.apply(inverse).unwrap();
            if matches!(op, Op::SetPhase { .. }) {
                // The log keeps both transitions; everything else is back.
                let w = &s.workshops[0];
                assert_eq!(w.phase, base.workshops[0].phase);
                assert_eq!(w.log.len(), 2);
                continue;
            }
            assert_eq!(s, base, "inverse of {op:?}");
            // And the redo op re-applies the change.
            let mut again = base.clone();
            again.apply(op.clone()).unwrap();
            s.apply(redo).unwrap();
            assert_eq!(s, again, "redo of {op:?}");
        }
    }

    #[test]
    fn ops_on_missing_ids_fail_and_leave_the_session_unchanged() {
        let base = sample();
        let bad = vec![
            Op::RemoveParticipant(42),
            Op::SetLine {
                line: 42,
                field: LineField::Solution("x".into()),
            },
            Op::DeleteLine(42),
            Op::MoveLine { line: 42, to: 0 },
            Op::SetGroup {
                theme: 42,
                field: GroupField::Notes("x".into()),
            },
            Op::AddLine {
                theme: 1,
                index: 0,
                line: ActionLine::new(1, 1),
            },
            Op::SetRoundCount {
                workshop: 1,
                rounds: 7,
            },
            Op::SetTimer {
                workshop: 5,
                timer: Timer::new(1),
            },
            Op::Batch(vec![
                Op::SetTitle("changed".into()),
                Op::DeleteLine(1),
                Op::DeleteLine(42),
            ]),
        ];
        for op in bad {
            let mut s = base.clone();
            assert!(s.apply(op.clone()).is_err(), "{op:?}");
            assert_eq!(s, base, "{op:?} left a trace");
        }
    }

    #[test]
    fn removing_a_participant_clears_every_reference() {
        let mut s = sample();
        let inverse = s.apply(s.remove_participant_op(1)).unwrap();
        assert!(s.participant(1).is_none());
        assert_eq!(s.group(1).unwrap().rapporteur, None);
        assert!(s.group(1).unwrap().enrolled.is_empty());
        assert_eq!(s.workshops[0].members(1, 1), &[2]);
        s.apply(inverse).unwrap();
        assert_eq!(s, sample());
    }

    #[test]
    fn removing_a_theme_takes_its_group_and_unlinks_needs() {
        let mut s = sample();
        s.apply(s.remove_theme_op(1)).unwrap();
        assert!(s.theme(1).is_none());
        assert!(s.group(1).is_none());
        assert_eq!(s.needs[0].theme, None);
        assert!(s.workshops[0].rounds.is_empty());
        assert!(s.integrity_problems().is_empty());
    }

    #[test]
    fn undoable_flags() {
        assert!(Op::DeleteLine(1).is_undoable());
        assert!(
            !Op::SetTimer {
                workshop: 1,
                timer: Timer::new(1)
            }
            .is_undoable()
        );
    }
}
