//! The invitation list: the organisations of the zone to contact (from the register), and the
//! participants created from them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::profile::{Establishment, naf_division, siret_checks};
use super::{DomainError, Op, Participant, ParticipantId, Role, Session};

/// One establishment to invite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub siret: String,
    /// Whether the SIRET's key checks (`profile::siret_checks`); one that does not is listed
    /// all the same, marked.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub siret_ok: bool,
    /// `denominationUsuelleEtablissement`, else `enseigne1Etablissement`; empty when the
    /// register gives neither (shown as « SIRET … »).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The NAF code, « 25.62B ».
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub naf: String,
    /// The NAF code's nomenclature when it is not NAF rév. 2 (« NAFRev1 »).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nomenclature: String,
    /// The register's size band code (« 11 »).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub size: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street: String,
    /// The commune's INSEE code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub commune: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDate>,
    /// The participant created from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant: Option<ParticipantId>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Invitation {
    pub fn from_establishment(e: &Establishment) -> Invitation {
        let name = if e.name.trim().is_empty() {
            e.sign.trim()
        } else {
            e.name.trim()
        };
        let rev2 = e.nomenclature.is_empty() || e.nomenclature.eq_ignore_ascii_case("NAFRev2");
        Invitation {
            siret: e.siret.clone(),
            siret_ok: siret_checks(&e.siret),
            name: name.to_string(),
            naf: e.naf.clone(),
            nomenclature: if rev2 {
                String::new()
            } else {
                e.nomenclature.clone()
            },
            size: e.size.clone(),
            street: e.street.clone(),
            commune: e.commune.clone(),
            created: e.created,
            participant: None,
        }
    }

    /// The NAF rév. 2 division of its activity, `None` when unclassified.
    pub fn division(&self) -> Option<&str> {
        naf_division(&self.naf, &self.nomenclature)
    }

    /// Whether a participant was created from it and is still in the session.
    pub fn invited(&self, s: &Session) -> bool {
        self.participant
            .is_some_and(|id| s.participant(id).is_some())
    }
}

impl Session {
    pub fn invitation(&self, siret: &str) -> Option<&Invitation> {
        self.invitations.iter().find(|i| i.siret == siret)
    }

    /// Creates a participant from each invitation of `sirets` that has none yet (role
    /// Entreprise, organisation = its name, `name_of` giving the name shown for one without a
    /// name): one op, so that one undo takes them all back. `None` when there is nothing to
    /// create. The participant is named after the organisation too, until the person to
    /// invite is known (a blank name would leave blank rows in every list).
    pub fn invite_op(
        &self,
        sirets: &[&str],
        name_of: impl Fn(&Invitation) -> String,
    ) -> Option<Op> {
        let mut next = self.next_participant_id();
        let mut index = self.participants.len();
        let mut ops = Vec::new();
        let wanted: std::collections::HashSet<&str> = sirets.iter().copied().collect();
        for inv in self
            .invitations
            .iter()
            .filter(|i| wanted.contains(i.siret.as_str()))
        {
            if inv.invited(self) {
                continue;
            }
            let organisation = name_of(inv);
            ops.push(Op::AddInvitedParticipant {
                index,
                siret: inv.siret.clone(),
                participant: Participant {
                    id: next,
                    name: organisation.clone(),
                    organisation,
                    role: Role::Company,
                    email: None,
                    choices: Vec::new(),
                },
            });
            next += 1;
            index += 1;
        }
        match ops.len() {
            0 => None,
            1 => ops.pop(),
            _ => Some(Op::Batch(ops)),
        }
    }

    /// The invitation ops (see `op.rs`): applied here, each returning its inverse.
    pub(super) fn apply_invitation(&mut self, op: Op) -> Result<Op, DomainError> {
        Ok(match op {
            Op::SetInvitations(list) => {
                Op::SetInvitations(std::mem::replace(&mut self.invitations, list))
            }
            Op::MergeInvitations(list) => {
                let before = self.invitations.clone();
                // By SIRET through an index: a zone's few thousand establishments imported
                // again are not compared two by two.
                let mut at: std::collections::HashMap<String, usize> = self
                    .invitations
                    .iter()
                    .enumerate()
                    .map(|(i, inv)| (inv.siret.clone(), i))
                    .collect();
                for mut inv in list {
                    match at
                        .get(&inv.siret)
                        .and_then(|&i| self.invitations.get_mut(i))
                    {
                        // The register's newer data; the participant made from it stays.
                        Some(slot) => {
                            inv.participant = slot.participant;
                            *slot = inv;
                        }
                        None => {
                            at.insert(inv.siret.clone(), self.invitations.len());
                            self.invitations.push(inv);
                        }
                    }
                }
                Op::SetInvitations(before)
            }
            Op::AddInvitedParticipant {
                index,
                siret,
                participant,
            } => {
                let inv = self
                    .invitation(&siret)
                    .ok_or_else(|| DomainError::NoInvitation(siret.clone()))?;
                // Made already (by another process, whose save came first): not twice.
                if inv.invited(self) {
                    return Err(DomainError::AlreadyInvited(siret));
                }
                let old = inv.participant;
                let id = participant.id;
                self.apply(Op::AddParticipant { index, participant })?;
                self.link(&siret, Some(id));
                Op::RemoveInvitedParticipant {
                    siret,
                    participant: id,
                    link: old,
                }
            }
            Op::RemoveInvitedParticipant {
                siret,
                participant,
                link,
            } => {
                if self.invitation(&siret).is_none() {
                    return Err(DomainError::NoInvitation(siret));
                }
                let Op::AddParticipant { index, participant } =
                    self.apply(Op::RemoveParticipant(participant))?
                else {
                    return Err(DomainError::NoParticipant(participant));
                };
                self.link(&siret, link);
                Op::AddInvitedParticipant {
                    index,
                    siret,
                    participant,
                }
            }
            Op::LinkInvitation { siret, participant } => {
                let inv = self
                    .invitations
                    .iter_mut()
                    .find(|i| i.siret == siret)
                    .ok_or_else(|| DomainError::NoInvitation(siret.clone()))?;
                let old = std::mem::replace(&mut inv.participant, participant);
                Op::LinkInvitation {
                    siret,
                    participant: old,
                }
            }
            other => return Err(DomainError::NotAnInvitationOp(format!("{other:?}"))),
        })
    }

    fn link(&mut self, siret: &str, participant: Option<ParticipantId>) {
        if let Some(i) = self.invitations.iter_mut().find(|i| i.siret == siret) {
            i.participant = participant;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::merge::{Pending, replay};
    use crate::domain::profile::Establishment;

    fn inv(siret: &str, name: &str) -> Invitation {
        Invitation::from_establishment(&Establishment {
            siret: siret.into(),
            naf: "25.62B".into(),
            size: "11".into(),
            name: name.into(),
            commune: "91021".into(),
            ..Default::default()
        })
    }

    fn session() -> Session {
        let mut s = Session::new("t", "ZA des Portes du Sud");
        s.apply(Op::MergeInvitations(vec![
            inv("00079927398713", "Chaudronnerie Morel"),
            inv("00079927398710", ""),
            inv("35600000000001", "La Poste"),
        ]))
        .unwrap();
        s
    }

    fn all(s: &Session) -> Vec<&str> {
        s.invitations.iter().map(|i| i.siret.as_str()).collect()
    }

    #[test]
    fn an_invitation_reads_the_register() {
        let s = session();
        assert!(s.invitations[0].siret_ok);
        assert!(!s.invitations[1].siret_ok);
        assert!(s.invitations[2].siret_ok, "La Poste's own rule");
        assert_eq!(s.invitations[0].division(), Some("25"));
        let e = Establishment {
            siret: "1".into(),
            name: " ".into(),
            sign: "Boulangerie du Parc".into(),
            naf: "15.8C".into(),
            nomenclature: "NAFRev1".into(),
            ..Default::default()
        };
        let i = Invitation::from_establishment(&e);
        assert_eq!(i.name, "Boulangerie du Parc");
        assert_eq!(i.division(), None);
    }

    #[test]
    fn creating_participants_is_one_undo_and_never_twice() {
        let mut s = session();
        let before = s.clone();
        let op = s.invite_op(&all(&s), |i| i.name.clone()).unwrap();
        let inverse = s.apply(op).unwrap();
        assert_eq!(s.participants.len(), 3);
        assert!(s.invitations.iter().all(|i| i.invited(&s)));
        let p = s
            .participant(s.invitations[0].participant.unwrap())
            .unwrap();
        assert_eq!(p.organisation, "Chaudronnerie Morel");
        assert_eq!(p.role, Role::Company);
        // Nothing left to create.
        assert_eq!(s.invite_op(&all(&s), |i| i.name.clone()), None);
        let redo = s.apply(inverse).unwrap();
        assert_eq!(s, before);
        s.apply(redo).unwrap();
        assert_eq!(s.participants.len(), 3);
    }

    #[test]
    fn removing_a_participant_unlinks_its_invitation() {
        let mut s = session();
        let op = s
            .invite_op(&["00079927398713"], |i| i.name.clone())
            .unwrap();
        s.apply(op).unwrap();
        let id = s.invitations[0].participant.unwrap();
        let before = s.clone();
        let inverse = s.apply(s.remove_participant_op(id)).unwrap();
        assert_eq!(s.invitations[0].participant, None);
        // The next participant takes the same number: the invitation must not claim it.
        assert_eq!(s.next_participant_id(), id);
        s.apply(inverse).unwrap();
        assert_eq!(s, before);
    }

    #[test]
    fn importing_again_keeps_the_links_and_adds_the_new() {
        let mut s = session();
        let op = s
            .invite_op(&["00079927398713"], |i| i.name.clone())
            .unwrap();
        s.apply(op).unwrap();
        let link = s.invitations[0].participant;
        let mut newer = inv("00079927398713", "Chaudronnerie Morel et fils");
        newer.size = "12".into();
        let before = s.clone();
        let inverse = s
            .apply(Op::MergeInvitations(vec![
                newer,
                inv("00000000000000", "Nouvelle"),
            ]))
            .unwrap();
        assert_eq!(s.invitations.len(), 4);
        assert_eq!(s.invitations[0].name, "Chaudronnerie Morel et fils");
        assert_eq!(s.invitations[0].size, "12");
        assert_eq!(s.invitations[0].participant, link);
        s.apply(inverse).unwrap();
        assert_eq!(s, before);
    }

    fn at() -> crate::domain::Timestamp {
        chrono::DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00").unwrap()
    }

    /// Two processes on one file: the facilitator creates participants from the list while
    /// another process adds a participant (taking the same number) and imports the register
    /// again. Replayed onto the other's file, the participant whose number was taken is not
    /// linked to somebody else, and the links made survive the new import.
    #[test]
    fn the_merge_neither_links_the_wrong_participant_nor_loses_links() {
        let base = session();
        // This process: every invitation becomes a participant (1, 2, 3).
        let mut local = base.clone();
        let op = local.invite_op(&all(&local), |i| i.name.clone()).unwrap();
        let inverse = local.apply(op.clone()).unwrap();
        let pending = vec![Pending { op, inverse }];
        // The other process: participant 1 is somebody else.
        let mut latest = base.clone();
        latest
            .apply(Op::AddParticipant {
                index: 0,
                participant: Participant {
                    id: 1,
                    name: "Claire Martin".into(),
                    organisation: "Communauté de communes".into(),
                    role: Role::LocalAuthority,
                    email: None,
                    choices: Vec::new(),
                },
            })
            .unwrap();
        let report = replay(&mut latest, &pending, &local, "test", at());
        assert_eq!(report.dropped, 1);
        assert_eq!(latest.participants.len(), 3);
        let first = latest.invitation("00079927398713").unwrap();
        assert_eq!(first.participant, None, "not linked to Claire Martin");
        assert!(
            latest
                .invitation("00079927398710")
                .unwrap()
                .invited(&latest)
        );
        // Pressing again creates the one left, with a free number.
        let again = latest.invite_op(&all(&latest), |i| i.name.clone()).unwrap();
        latest.apply(again).unwrap();
        assert!(latest.invitations.iter().all(|i| i.invited(&latest)));
        assert!(latest.integrity_problems().is_empty());

        // A new import elsewhere, then this process's links replayed: both kept.
        let mut latest = base.clone();
        latest
            .apply(Op::MergeInvitations(vec![inv(
                "00000000000000",
                "Nouvelle",
            )]))
            .unwrap();
        replay(&mut latest, &pending, &local, "test", at());
        assert_eq!(latest.invitations.len(), 4);
        assert_eq!(
            latest
                .invitations
                .iter()
                .filter(|i| i.invited(&latest))
                .count(),
            3
        );
        // And the other way round: links made elsewhere survive this process's import.
        let mut here = base.clone();
        let import = Op::MergeInvitations(vec![inv("00079927398713", "Morel SA")]);
        let inverse = here.apply(import.clone()).unwrap();
        let mut file = base.clone();
        let made = file.invite_op(&all(&file), |i| i.name.clone()).unwrap();
        file.apply(made).unwrap();
        replay(
            &mut file,
            &[Pending {
                op: import,
                inverse,
            }],
            &here,
            "test",
            at(),
        );
        assert_eq!(file.invitations[0].name, "Morel SA");
        assert!(file.invitations.iter().all(|i| i.invited(&file)));
    }

    /// Two branches of a session merged by git (`merge3`): here an establishment made a
    /// participant; there a participant added under the same number, the register imported
    /// again (one renamed, one new) and another establishment made a participant. Both
    /// participants, both links (theirs renumbered and followed), the newer data, the new
    /// establishment, and the profile imported there.
    #[test]
    fn a_git_merge_keeps_both_sides_links_and_imports() {
        use crate::domain::merge3::merge3;
        use crate::domain::profile::RegisterProfile;
        let base = session();
        let mut ours = base.clone();
        let op = ours
            .invite_op(&["00079927398713"], |i| i.name.clone())
            .unwrap();
        ours.apply(op).unwrap();
        let mut theirs = base.clone();
        theirs
            .apply(Op::AddParticipant {
                index: 0,
                participant: Participant {
                    id: 1,
                    name: "Claire Martin".into(),
                    organisation: "Communauté de communes".into(),
                    role: Role::LocalAuthority,
                    email: None,
                    choices: Vec::new(),
                },
            })
            .unwrap();
        theirs
            .apply(Op::MergeInvitations(vec![
                inv("35600000000001", "La Poste Bretigny"),
                inv("00000000000000", "Nouvelle"),
            ]))
            .unwrap();
        theirs
            .apply(Op::SetRegisterProfile(Some(Box::new(RegisterProfile {
                establishments: 4,
                ..RegisterProfile::default()
            }))))
            .unwrap();
        let op = theirs
            .invite_op(&["35600000000001"], |i| i.name.clone())
            .unwrap();
        theirs.apply(op).unwrap();
        let (merged, _) = merge3(&base, &ours, &theirs, "git", at());
        assert_eq!(merged.participants.len(), 3);
        assert!(merged.integrity_problems().is_empty());
        let org = |siret: &str| {
            merged
                .invitation(siret)
                .and_then(|i| i.participant)
                .and_then(|id| merged.participant(id))
                .map(|p| p.organisation.clone())
        };
        assert_eq!(
            org("00079927398713").as_deref(),
            Some("Chaudronnerie Morel")
        );
        assert_eq!(org("35600000000001").as_deref(), Some("La Poste Bretigny"));
        assert_eq!(merged.invitations.len(), 4);
        assert_eq!(merged.invitations[2].name, "La Poste Bretigny");
        assert_eq!(
            merged
                .zone
                .profile
                .as_ref()
                .and_then(|p| p.register.as_ref())
                .map(|r| r.establishments),
            Some(4)
        );
    }
}
