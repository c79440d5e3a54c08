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
