//! A large, realistic session built through the operations (so it is valid by construction):
//! the worst case the benchmarks and stress tests measure against. Deterministic for a seed.
//!
//! Test support, not the product: included by path (`#[path = "support/sample/mod.rs"]`) by
//! the tests and the benches that need it, never compiled into atelier.
//!
//! Shape (issue 7): 12 groups × 200 poster lines, 80 participants, 3 workshops run through
//! every step (full phase logs), the third one live in its second round of groups.
//!
//! Also the example's rencontre inter-entreprises ([`add_example_rencontre`]): the meeting
//! that led to the four themes of `sessions/exemple-za.ron`.

use chrono::{Duration, NaiveDate, TimeZone};

use atelier::domain::{
    ActionLine, Due, Meeting, Need, Op, Owner, Participant, ParticipantId, Phase, Pilot, PilotKind,
    Reaction, Role, Session, Status, Timestamp, Vocation, Zone,
    op::GroupField,
    rencontre::{
        Candidate, CandidateId, Card, CardId, CardKind, Dot, Flow, Quantity, Rencontre,
        RencontreField, Step,
    },
    rng::Rng,
};

mod synergies;
#[allow(unused_imports)]
pub use synergies::{BILAN, add_synergies, bilan_session};

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
            profile: None,
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
                kind: Default::default(),
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
                        date: atelier::domain::When::day(date),
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

// ---------------------------------------------------------------- the example's rencontre

/// Companies that came to the rencontre but not to workshop 1: name, organisation, e-mail.
const NEWCOMERS: [(&str, &str, &str); 3] = [
    (
        "Nadia Haddad",
        "SAS Entrepôts Delmas",
        "n.haddad@entrepots-delmas.example.fr",
    ),
    (
        "Yann Le Gall",
        "SAS Métallerie Gaudin",
        "y.legall@metallerie-gaudin.example.fr",
    ),
    (
        "Sandrine Moreau",
        "EURL Paysages du Val",
        "contact@paysages-du-val.example.fr",
    ),
];

/// The steering committee's stakes for the zone, shown at the Diagnostic.
const STAKES: [&str; 4] = [
    "Réduire la part des salariés venant seuls en voiture (87 % aujourd'hui)",
    "Maîtriser la facture d'énergie des entreprises, chambres froides et fours en tête",
    "Valoriser sur place les déchets et les biodéchets de la zone",
    "Rendre la zone plus attractive pour recruter et garder les salariés",
];

/// The steering group (« ambassadeurs »): the CC's project lead and three company heads.
const STEERING: [ParticipantId; 4] = [1, 3, 8, 9];

/// The candidate themes of the Regroupement, numbered from 1 in this order: the four
/// retained (the example's themes) and two that were not.
const CANDIDATES: [&str; 6] = [
    "Parkings mutualisés",
    "Plan de mobilité inter-entreprises",
    "Photovoltaïque mutualisé",
    "Gestion des déchets",
    "Restauration le midi",
    "Sécurité et surveillance de la zone",
];

/// One card of the wall, numbered from 1 in this order.
struct Spec {
    kind: CardKind,
    author: ParticipantId,
    flow: Option<Flow>,
    /// As typed, « 12 t/an »; empty for none.
    quantity: &'static str,
    /// The candidate theme it was gathered into; 0: none.
    theme: CandidateId,
    text: &'static str,
    /// A question's answer.
    answer: &'static str,
}

const fn spec(
    kind: CardKind,
    author: ParticipantId,
    flow: Option<Flow>,
    quantity: &'static str,
    theme: CandidateId,
    text: &'static str,
) -> Spec {
    Spec {
        kind,
        author,
        flow,
        quantity,
        theme,
        text,
        answer: "",
    }
}

const fn question(author: ParticipantId, text: &'static str, answer: &'static str) -> Spec {
    Spec {
        kind: CardKind::Question,
        author,
        flow: None,
        quantity: "",
        theme: 0,
        text,
        answer,
    }
}

const NEED: CardKind = CardKind::Need;
const OFFER: CardKind = CardKind::Offer;
const LEAD: CardKind = CardKind::Lead;
use Flow::{Energy, Land, Materials, Mobility, Services, Skills, Water};

/// The wall. Authors: 1–2 CC du Val d'Orge, 3 Transports Rochère, 4 Fournil d'Orge,
/// 5 Imprimerie Duvernoy, 6 Garage Benali, 7 Conserverie des Coteaux, 8 Menuiserie Leroux,
/// 9 Laiterie du Val, 10 Chevalier Emballages, 11 Cœur de Blé, 12 Mairie, 13 Agence locale
/// de la mobilité, 15 Entrepôts Delmas, 16 Métallerie Gaudin, 17 Paysages du Val.
const CARDS: [Spec; 40] = [
    // Parkings mutualisés
    spec(
        NEED,
        6,
        Some(Land),
        "",
        1,
        "Parking saturé aux heures d'embauche, clients garés sur le trottoir",
    ),
    spec(
        NEED,
        3,
        Some(Land),
        "",
        1,
        "Poids lourds en attente de chargement stationnés rue des Tanneurs",
    ),
    spec(
        OFFER,
        8,
        Some(Land),
        "15 places",
        1,
        "Places libres l'après-midi sur le parking de la menuiserie",
    ),
    spec(
        OFFER,
        12,
        Some(Land),
        "60 places",
        1,
        "Parking de la salle des fêtes vide en semaine",
    ),
    spec(
        LEAD,
        5,
        None,
        "",
        1,
        "Partager les parkings privés par créneau horaire",
    ),
    spec(
        NEED,
        15,
        Some(Land),
        "8 emplacements",
        1,
        "Aire d'attente pour les camions arrivés avant l'ouverture des quais",
    ),
    // Plan de mobilité inter-entreprises
    spec(
        NEED,
        4,
        Some(Mobility),
        "",
        2,
        "Aucun bus pour l'équipe de 5 h 30 : des recrutements abandonnés",
    ),
    spec(
        NEED,
        11,
        Some(Mobility),
        "",
        2,
        "Apprentis sans permis, pas de transport avant 7 h",
    ),
    spec(
        OFFER,
        13,
        Some(Services),
        "",
        2,
        "Accompagnement gratuit pour un plan de mobilité inter-entreprises",
    ),
    spec(
        OFFER,
        3,
        Some(Mobility),
        "9 places",
        2,
        "Minibus inutilisé le matin, prêt à faire la navette depuis la gare",
    ),
    spec(
        LEAD,
        2,
        None,
        "",
        2,
        "Communauté de covoiturage de la zone sur la plateforme régionale",
    ),
    spec(
        NEED,
        9,
        Some(Mobility),
        "",
        2,
        "Piste cyclable interrompue au rond-point de la RD 31",
    ),
    // Photovoltaïque mutualisé
    spec(
        OFFER,
        15,
        Some(Land),
        "4 500 m²",
        3,
        "Toiture d'entrepôt libre, plein sud",
    ),
    spec(
        NEED,
        9,
        Some(Energy),
        "",
        3,
        "Électricité des chambres froides : +30 % en deux ans",
    ),
    spec(
        NEED,
        7,
        Some(Energy),
        "",
        3,
        "Froid de l'été : la facture d'électricité double de juin à septembre",
    ),
    spec(OFFER, 4, Some(Energy), "200 kW", 3, "Chaleur fatale four"),
    spec(
        NEED,
        7,
        Some(Energy),
        "",
        3,
        "Chaleur pour l'eau chaude de nettoyage des autoclaves",
    ),
    spec(
        LEAD,
        1,
        None,
        "",
        3,
        "Autoconsommation collective entre les toitures et les chambres froides",
    ),
    spec(
        NEED,
        16,
        Some(Energy),
        "",
        3,
        "Compresseurs et postes de soudure : abonnement électrique trop cher",
    ),
    // Gestion des déchets
    spec(OFFER, 8, Some(Materials), "12 t/an", 4, "Palettes bois"),
    spec(
        NEED,
        10,
        Some(Materials),
        "",
        4,
        "Bois de palettes pour le calage et les caisses",
    ),
    spec(
        OFFER,
        10,
        Some(Materials),
        "3 t/mois",
        4,
        "Chutes de carton ondulé",
    ),
    spec(
        NEED,
        5,
        Some(Materials),
        "",
        4,
        "Cartons et films : cinq prestataires de collecte dans la même rue",
    ),
    spec(
        OFFER,
        4,
        Some(Materials),
        "4 t/mois",
        4,
        "Biodéchets : pain invendu et pâtes crues",
    ),
    spec(
        OFFER,
        7,
        Some(Materials),
        "5 t/mois",
        4,
        "Épluchures et déchets de légumes",
    ),
    spec(
        NEED,
        17,
        Some(Materials),
        "",
        4,
        "Compost et broyat pour l'entretien des espaces verts",
    ),
    spec(
        OFFER,
        16,
        Some(Materials),
        "2 t/mois",
        4,
        "Chutes d'acier et d'inox",
    ),
    spec(
        LEAD,
        12,
        None,
        "",
        4,
        "Point de collecte commun des cartons rue des Tanneurs",
    ),
    // Restauration le midi
    spec(
        NEED,
        9,
        Some(Services),
        "",
        5,
        "Pas de restauration le midi sur la zone",
    ),
    spec(
        LEAD,
        11,
        None,
        "",
        5,
        "Un food truck trois midis par semaine sur le parking de la salle des fêtes",
    ),
    spec(
        OFFER,
        17,
        Some(Services),
        "",
        5,
        "Aménagement d'une aire de pique-nique par notre équipe d'insertion",
    ),
    // Sécurité et surveillance de la zone
    spec(
        NEED,
        3,
        Some(Services),
        "",
        6,
        "Vols de gasoil dans les réservoirs des camions la nuit",
    ),
    spec(
        LEAD,
        6,
        None,
        "",
        6,
        "Un contrat de surveillance nocturne commun pour la zone",
    ),
    // Not gathered into a theme.
    spec(
        OFFER,
        16,
        Some(Skills),
        "",
        0,
        "Formation au soudage pour des salariés d'autres entreprises",
    ),
    spec(
        NEED,
        9,
        Some(Water),
        "30 m³/jour",
        0,
        "Eaux de lavage à prétraiter avant rejet",
    ),
    // Questions et suites
    question(
        6,
        "Qui entretient la voirie et l'éclairage de la zone ?",
        "La communauté de communes depuis 2019 : signaler les pannes au service voirie.",
    ),
    question(
        15,
        "Une toiture louée pour du photovoltaïque reste-t-elle assurable ?",
        "Oui, avec un avenant au contrat ; la SEM Énergies du Val d'Orge fournit un modèle \
         de bail.",
    ),
    question(
        4,
        "Le pain invendu peut-il partir en méthanisation ?",
        "Oui, si le méthaniseur agricole le plus proche l'accepte : la CC prend contact \
         avant l'atelier.",
    ),
    question(
        17,
        "Les entreprises ont-elles accès à la déchetterie intercommunale ?",
        "Oui, avec un badge professionnel, jusqu'à 1 m³ par semaine.",
    ),
    spec(
        CardKind::OutOfScope,
        5,
        None,
        "",
        0,
        "Nid-de-poule dangereux à l'entrée de la zone, rue des Tanneurs",
    ),
];

/// The second problem « hors atelier », its follow-up written at the Clôture.
const SIGN: &str = "Panneau d'entrée de zone illisible depuis la RD 31";

/// Each voter's three dots (3 a person, at most 2 on a theme): 48 dots. Totals:
/// Parkings 11, Mobilité 10, Photovoltaïque 9, Déchets 8, then Restauration and Sécurité
/// tied at 5. The wishes of the example's participants follow their dots.
const DOTS: [(ParticipantId, [CandidateId; 3]); 16] = [
    (1, [3, 3, 1]),
    (2, [1, 1, 2]),
    (3, [2, 2, 1]),
    (4, [4, 5, 6]),
    (5, [4, 4, 3]),
    (6, [2, 2, 6]),
    (7, [4, 4, 5]),
    (8, [1, 1, 6]),
    (9, [3, 3, 5]),
    (10, [3, 3, 2]),
    (11, [2, 2, 4]),
    (12, [4, 4, 1]),
    (13, [2, 2, 1]),
    (15, [1, 1, 6]),
    (16, [3, 3, 6]),
    (17, [5, 5, 1]),
];

/// The example's rencontre inter-entreprises, finished and handed off: the meeting of
/// Thursday 5 November 2026, four weeks before workshop 1, that led to the four themes of
/// `sessions/exemple-za.ron`. Adds to the example (without a rencontre; otherwise nothing
/// is done) the zone's stakes and steering group, three companies that came to the
/// rencontre only, and the rencontre: 40 cards from 15 organisations, six candidate themes,
/// the vote, two synergies accepted and one dismissed, two problems « hors atelier » with
/// their follow-up lines (numbered after every poster line). Built through the operations
/// like [`session`]; the workshops, themes, groups and needs are left as they are.
pub fn add_example_rencontre(s: &mut Session) {
    if !s.rencontres.is_empty() {
        return;
    }
    let day = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap_or_default();
    // Seconds from 9:00 that day.
    let t = |secs: i64| at(day, 0) + Duration::seconds(secs);
    let mut zone = s.zone.clone();
    zone.stakes = STAKES.iter().map(|x| (*x).to_string()).collect();
    zone.steering = STEERING.to_vec();
    apply(s, Op::SetZone(zone));
    for (name, organisation, email) in NEWCOMERS {
        let participant = Participant {
            id: s.next_participant_id(),
            name: name.into(),
            organisation: organisation.into(),
            role: Role::Company,
            email: Some(email.into()),
            choices: Vec::new(),
        };
        let index = s.participants.len();
        apply(s, Op::AddParticipant { index, participant });
    }
    apply(s, Op::AddRencontre(Rencontre::new(1)));
    apply(
        s,
        Op::SetRencontre {
            rencontre: 1,
            field: RencontreField::Date(Some(day)),
        },
    );
    // Diagnostic at 8:32 (after the coffee), the timer started; the tour de table from
    // 8:47, about 70 seconds a person; the Recensement at 9:05.
    goto(s, Step::Diagnostic, t(-28 * 60));
    if let Some(timer) = s.rencontre(1).map(|r| r.timer.started(t(-28 * 60))) {
        apply(
            s,
            Op::SetRencontreTimer {
                rencontre: 1,
                timer,
            },
        );
    }
    let speakers = s.speakers().len() as i64;
    for person in 1..=speakers {
        let step = Step::Introductions {
            person: person as u32,
        };
        goto(s, step, t(-13 * 60 + (person - 1) * 70));
    }
    goto(s, Step::Census, t(-13 * 60 + speakers * 70 + 20));
    for (i, title) in CANDIDATES.iter().enumerate() {
        let candidate = Candidate {
            id: i as CandidateId + 1,
            title: (*title).to_string(),
        };
        apply(
            s,
            Op::AddCandidate {
                rencontre: 1,
                index: i,
                candidate,
            },
        );
    }
    for (i, c) in CARDS.iter().enumerate() {
        let mut card = Card::new(i as CardId + 1, c.text, c.kind);
        card.author = Some(c.author);
        card.flow = c.flow;
        card.quantity = Quantity::parse(c.quantity);
        card.theme = (c.theme > 0).then_some(c.theme);
        card.answer = c.answer.to_string();
        if c.kind == CardKind::OutOfScope {
            let mut line = s.follow_line_for(&card);
            line.action = "Faire reboucher la chaussée avant l'hiver".into();
            line.owners = vec![Owner {
                who: "Mairie de Saint-Aubin-sur-Orge".into(),
                role: "services techniques".into(),
            }];
            line.due = NaiveDate::from_ymd_opt(2026, 11, 30)
                .map(Due::Date)
                .unwrap_or_default();
            line.status = Status::InProgress;
            card.follow = Some(line);
        }
        apply(
            s,
            Op::AddCard {
                rencontre: 1,
                index: i,
                card,
            },
        );
    }
    let mut sign = Card::new(CARDS.len() as CardId + 1, SIGN, CardKind::OutOfScope);
    sign.author = Some(7);
    let mut line = s.follow_line_for(&sign);
    line.action = "Remplacer le panneau et demander un fléchage depuis la RD 31".into();
    line.owners = vec![Owner {
        who: "CC du Val d'Orge".into(),
        role: "pilote".into(),
    }];
    line.due = Due::parse("T1 2027");
    sign.follow = Some(line);
    apply(
        s,
        Op::AddCard {
            rencontre: 1,
            index: CARDS.len(),
            card: sign,
        },
    );
    goto(s, Step::Grouping, t(37 * 60));
    goto(s, Step::Vote, t(58 * 60));
    for (participant, themes) in DOTS {
        for theme in themes {
            let id = s.rencontre(1).map(|r| r.next_dot_id()).unwrap_or(1);
            let dot = Dot {
                id,
                participant,
                theme,
            };
            apply(s, Op::AddDot { rencontre: 1, dot });
        }
    }
    apply(
        s,
        Op::SetRencontre {
            rencontre: 1,
            field: RencontreField::Revealed(true),
        },
    );
    goto(s, Step::Questions, t(69 * 60));
    // Pallets for Chevalier's crates and the bakery's heat for the cannery's washing water,
    // accepted; the warehouse roof offered for parking, dismissed.
    for (offer, need, accepted) in [(20, 21, true), (16, 17, true), (13, 1, false)] {
        apply(
            s,
            Op::MarkSynergy {
                rencontre: 1,
                offer,
                need,
                mark: Some(accepted),
            },
        );
    }
    goto(s, Step::Closing, t(86 * 60));
    apply(
        s,
        Op::SetRencontre {
            rencontre: 1,
            field: RencontreField::HandedOff(true),
        },
    );
    if let Some(timer) = s.rencontre(1).map(|r| r.timer.paused(t(98 * 60))) {
        apply(
            s,
            Op::SetRencontreTimer {
                rencontre: 1,
                timer,
            },
        );
    }
}

/// Moves the example's rencontre to `step` at `now`.
fn goto(s: &mut Session, step: Step, now: Timestamp) {
    if let Ok(t) = s.rencontre_goto(1, step, now)
        && let Some(op) = t.op
    {
        apply(s, op);
    }
}
