//! A large, realistic session built through the operations (so it is valid by construction):
//! the worst case the benchmarks and stress tests measure against. Deterministic for a seed.
//!
//! Shape (issue 7): 12 groups × 200 poster lines, 80 participants, 3 workshops run through
//! every step (full phase logs), the third one live in its second round of groups.

use chrono::{Duration, NaiveDate, TimeZone};

use super::{
    ActionLine, Due, Meeting, Need, Op, Owner, Participant, Phase, Pilot, PilotKind, Reaction,
    Role, Session, Status, Timestamp, Vocation, Zone, op::GroupField, rng::Rng,
};

/// The size of the generated session.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub groups: usize,
    pub lines_per_group: usize,
    pub participants: usize,
    pub workshops: u32,
}

impl Size {
    /// The benchmark's large session.
    pub const LARGE: Size = Size {
        groups: 12,
        lines_per_group: 200,
        participants: 80,
        workshops: 3,
    };
}

const FIRST: [&str; 24] = [
    "Claire",
    "François",
    "Sophie",
    "Karim",
    "Maëlle",
    "Thomas",
    "Isabelle",
    "Julien",
    "Léa",
    "Patrick",
    "Chloé",
    "Mehdi",
    "Anaïs",
    "Grégoire",
    "Zoé",
    "Noël",
    "Inès",
    "Bastien",
    "Hélène",
    "Loïc",
    "Céline",
    "Jérôme",
    "Manon",
    "Stéphane",
];
const LAST: [&str; 20] = [
    "Martin",
    "Leroux",
    "Bérard",
    "Benali",
    "Péron",
    "Nguyen",
    "Fontaine",
    "Lefèvre",
    "Dumas",
    "Moreau",
    "Gauthier",
    "Chevalier",
    "Rousseau",
    "Lemaître",
    "Faure",
    "Mercier",
    "Blanchard",
    "Guérin",
    "Boyer",
    "Garnier",
];
const ORGS: [&str; 16] = [
    "SARL Menuiserie Leroux & Fils",
    "SAS Transports Rochère",
    "SAS Laiterie du Val",
    "SAS Le Fournil d'Orge",
    "SARL Garage Benali",
    "Imprimerie Chauvet",
    "SCOP Les Ateliers Réunis",
    "SA Logistique Seine-Essonne",
    "SAS Métallerie Gaudin",
    "EURL Paysages & Jardins",
    "SAS Froid Industriel Orgeval",
    "SARL Béton du Plateau",
    "CC du Val d'Orge",
    "Mairie de Saint-Aubin-sur-Orge",
    "CCI Essonne",
    "ADEME Île-de-France",
];
const THEMES: [&str; 12] = [
    "Parkings mutualisés",
    "Plan de mobilité inter-entreprises",
    "Photovoltaïque mutualisé",
    "Gestion des déchets",
    "Achats groupés d'énergie",
    "Restauration inter-entreprises",
    "Gestion de l'eau pluviale",
    "Biodiversité et espaces verts",
    "Sécurité et gardiennage",
    "Emploi et compétences partagées",
    "Chaleur fatale et réseau de chaleur",
    "Signalétique et accueil de la zone",
];
const SOLUTIONS: [&str; 10] = [
    "Mutualiser l'équipement entre entreprises voisines",
    "Groupement de commandes piloté par la collectivité",
    "Convention d'usage partagée",
    "Étude de faisabilité commune",
    "Plateforme d'échange entre entreprises de la zone",
    "Contrat-cadre négocié pour toute la zone",
    "Charte d'engagement des entreprises",
    "Expérimentation sur six mois",
    "Formation commune des salariés",
    "Diagnostic partagé avec l'expert",
];
const ACTIONS: [&str; 10] = [
    "Recenser les besoins de chaque entreprise par créneau horaire",
    "Rédiger le cahier des charges et le faire relire par l'expert",
    "Réunir les volontaires et fixer le calendrier des prochaines étapes",
    "Chiffrer l'investissement et les économies attendues sur trois ans",
    "Consulter trois prestataires et comparer leurs offres",
    "Présenter le projet au conseil communautaire",
    "Signer la convention avec la commune et les entreprises",
    "Diffuser un questionnaire aux salariés de la zone",
    "Baliser un cheminement piéton éclairé",
    "Installer des compteurs et suivre les consommations",
];
const ROLES: [&str; 3] = ["porteur", "contributeur", "pilote"];

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(rng.below(items.len())).copied().unwrap_or("")
}

fn apply(s: &mut Session, op: Op) {
    // Every op here is built from the session itself, so it applies; a failure would only
    // make the sample smaller, never invalid.
    let _ = s.apply(op);
}

/// The time `minutes` after 9:00 on `day` (Paris winter time).
fn at(day: NaiveDate, minutes: i64) -> Timestamp {
    let nine = day.and_hms_opt(9, 0, 0).unwrap_or_default() + Duration::minutes(minutes);
    chrono::FixedOffset::east_opt(3600)
        .and_then(|offset| offset.from_local_datetime(&nine).single())
        .unwrap_or_default()
}

/// A session of the given size, the same for the same seed.
pub fn session(size: Size, seed: u64) -> Session {
    let mut rng = Rng::new(seed);
    let mut s = Session::new(
        "Éco-parc de la ZA des Grands Champs",
        "ZA des Grands Champs",
    );
    apply(
        &mut s,
        Op::SetZone(Zone {
            name: "ZA des Grands Champs".into(),
            vocation: Vocation::Mixed,
            specialisation: Some("agroalimentaire et logistique".into()),
            companies: 140,
            company_size: Some("TPE et PME, 3 ETI".into()),
            since: Some(1979),
            stakes: Vec::new(),
            steering: Vec::new(),
        }),
    );
    for i in 0..size.participants {
        let first = FIRST.get(i % FIRST.len()).copied().unwrap_or("Camille");
        let last = LAST
            .get((i * 7 + i / FIRST.len()) % LAST.len())
            .copied()
            .unwrap_or("Durand");
        let organisation = pick(&mut rng, &ORGS).to_string();
        let role = if organisation.starts_with("CC ") || organisation.starts_with("Mairie") {
            Role::LocalAuthority
        } else if organisation.starts_with("ADEME") || organisation.starts_with("CCI") {
            Role::Expert
        } else {
            Role::Company
        };
        let id = s.next_participant_id();
        apply(
            &mut s,
            Op::AddParticipant {
                index: i,
                participant: Participant {
                    id,
                    name: format!("{first} {last}"),
                    organisation,
                    role,
                    email: Some(format!(
                        "{}.{}{}@exemple.fr",
                        first.to_lowercase(),
                        last.to_lowercase(),
                        i
                    )),
                    choices: Vec::new(),
                },
            },
        );
    }
    for g in 0..size.groups {
        let title = THEMES
            .get(g % THEMES.len())
            .map(|t| {
                if g < THEMES.len() {
                    (*t).to_string()
                } else {
                    format!("{t} ({})", g / THEMES.len() + 1)
                }
            })
            .unwrap_or_default();
        let mut op = s.add_theme_op(title.clone());
        let id = match &mut op {
            Op::AddTheme { theme, .. } => {
                theme.constat = format!(
                    "Sur la zone, « {title} » : les entreprises agissent chacune de leur côté, \
                     les coûts sont élevés et les petites structures n'ont ni le temps ni les \
                     moyens d'étudier des solutions ; plusieurs ont exprimé ce besoin lors de la \
                     rencontre inter-entreprises."
                );
                theme.expert = Some(format!("{} (ADEME)", pick(&mut rng, &FIRST)));
                theme.id
            }
            _ => 0,
        };
        apply(&mut s, op);
        for k in 0..2 {
            let need = Need {
                id: s.next_need_id(),
                text: format!("Besoin {} exprimé sur « {title} »", k + 1),
                theme: Some(id),
            };
            let index = s.needs.len();
            apply(&mut s, Op::AddNeed { index, need });
        }
        let rapporteur = (g % size.participants.max(1)) as u32 + 1;
        apply(
            &mut s,
            Op::SetGroup {
                theme: id,
                field: GroupField::Rapporteur(Some(rapporteur)),
            },
        );
        apply(
            &mut s,
            Op::SetGroup {
                theme: id,
                field: GroupField::Pilot(Some(Pilot {
                    kind: PilotKind::LocalAuthority,
                    name: "CC du Val d'Orge".into(),
                    contact: Some("c.martin@exemple.fr".into()),
                })),
            },
        );
        apply(
            &mut s,
            Op::SetGroup {
                theme: id,
                field: GroupField::NextSteps(
                    "Réunion du groupe en février, puis point d'étape en plénière annuelle.".into(),
                ),
            },
        );
        for k in 0..6 {
            let reaction = Reaction {
                id: s.next_reaction_id(),
                text: format!(
                    "Réaction {} : le constat ne dit rien des {} ; à compléter.",
                    k + 1,
                    pick(
                        &mut rng,
                        &["livraisons", "intérimaires", "horaires décalés"]
                    )
                ),
                workshop: 1,
            };
            apply(
                &mut s,
                Op::AddReaction {
                    theme: id,
                    index: k,
                    reaction,
                },
            );
        }
        for m in 0..4u32 {
            let date = NaiveDate::from_ymd_opt(2027, 2 + m * 2, 10).unwrap_or_default();
            apply(
                &mut s,
                Op::AddMeeting {
                    theme: id,
                    index: m as usize,
                    meeting: Meeting {
                        date: crate::domain::When::day(date),
                        note: "Point d'avancement, compte rendu envoyé aux inscrits".into(),
                    },
                },
            );
        }
        for p in 0..8 {
            let participant = ((g * 5 + p * 11) % size.participants.max(1)) as u32 + 1;
            apply(
                &mut s,
                Op::SetEnrolled {
                    theme: id,
                    participant,
                    enrolled: true,
                },
            );
        }
    }
    // Lines are written over the workshops: a third in each.
    let day1 = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    for w in 1..=size.workshops {
        let day = day1 + Duration::weeks(i64::from(w - 1) * 6);
        if w > 1 {
            let themes = s.themes.iter().map(|t| t.id).collect();
            let op = s.start_workshop_op(themes, Some(day));
            apply(&mut s, op);
        } else {
            apply(
                &mut s,
                Op::SetWorkshopDate {
                    workshop: 1,
                    date: Some(day),
                },
            );
        }
        let theme_ids: Vec<_> = s.themes.iter().map(|t| t.id).collect();
        let per_workshop = size.lines_per_group / size.workshops.max(1) as usize;
        for &theme in &theme_ids {
            let n = if w == size.workshops {
                size.lines_per_group - per_workshop * (size.workshops as usize - 1)
            } else {
                per_workshop
            };
            for _ in 0..n {
                add_line(&mut s, &mut rng, theme, w);
            }
        }
        run_workshop(
            &mut s,
            &mut rng,
            w,
            day,
            w == size.workshops,
            size.participants,
        );
    }
    s
}

fn add_line(s: &mut Session, rng: &mut Rng, theme: u32, workshop: u32) {
    let mut line = ActionLine::new(s.next_line_id(), workshop);
    line.solution = pick(rng, &SOLUTIONS).to_string();
    line.action = pick(rng, &ACTIONS).to_string();
    line.owners = (0..1 + rng.below(3))
        .map(|_| Owner {
            who: pick(rng, &ORGS).to_string(),
            role: pick(rng, &ROLES).to_string(),
        })
        .collect();
    line.due = match rng.below(4) {
        0 => Due::None,
        1 => Due::Month(2027, 1 + rng.below(12) as u32),
        2 => NaiveDate::from_ymd_opt(2027, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
            .map(Due::Date)
            .unwrap_or_default(),
        _ => Due::parse(&format!("T{} 2027", 1 + rng.below(4))),
    };
    line.status = Status::ALL.get(rng.below(4)).copied().unwrap_or_default();
    let index = s.group(theme).map(|g| g.poster.lines.len()).unwrap_or(0);
    let _ = s.apply(Op::AddLine { theme, index, line });
}

/// Runs workshop `w` step by step, 10 minutes a step; the last one stops in round 2.
fn run_workshop(
    s: &mut Session,
    rng: &mut Rng,
    w: u32,
    day: NaiveDate,
    live: bool,
    participants: usize,
) {
    // Tables for every round: rapporteurs stay, the others spread over the groups.
    let themes: Vec<_> = s.themes.iter().map(|t| t.id).collect();
    let groups = themes.len().max(1);
    let rounds = s.workshop(w).map(|x| x.round_count).unwrap_or(3);
    for round in 1..=rounds {
        let mut people: Vec<u32> = (groups as u32 + 1..=participants as u32).collect();
        rng.shuffle(&mut people);
        for (g, &theme) in themes.iter().enumerate() {
            let mut members = vec![g as u32 + 1];
            members.extend(people.iter().skip(g).step_by(groups).copied());
            apply(
                s,
                Op::SetTable {
                    workshop: w,
                    round,
                    theme,
                    members,
                },
            );
        }
    }
    let mut minute = 0;
    for _ in 0..200 {
        let phase = s.workshop(w).map(|x| x.phase).unwrap_or(Phase::Closed);
        if phase == Phase::Closed || (live && phase == (Phase::Groups { round: 2 })) {
            break;
        }
        minute += 8 + rng.below(8) as i64;
        match s.next_step(at(day, minute)) {
            Ok(t) => {
                if let Some(op) = t.op {
                    apply(s, op);
                }
            }
            Err(_) => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_session_has_the_promised_shape() {
        let s = session(Size::LARGE, 7);
        assert_eq!(s.participants.len(), 80);
        assert_eq!(s.groups.len(), 12);
        assert!(s.groups.iter().all(|g| g.poster.lines.len() == 200));
        assert_eq!(s.workshops.len(), 3);
        assert!(s.integrity_problems().is_empty());
        // Two finished workshops with every step logged, the third live in round 2.
        let steps = s.steps(&s.workshops[0]).len();
        assert!(s.workshops[0].log.len() >= steps - 1);
        assert_eq!(s.workshops[0].phase, Phase::Closed);
        assert_eq!(s.workshops[2].phase, Phase::Groups { round: 2 });
        // Deterministic.
        assert_eq!(s, session(Size::LARGE, 7));
    }
}
