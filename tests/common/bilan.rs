//! A session for the bilan's tests, built in code (the example session is not used: its
//! follow-up changes): a zone of 40 companies, three groups with dated actions and
//! follow-up meetings in 2026, five synergies whose stages moved in 2025 and 2026, impacts
//! in three units, and a title that is an attack on the HTML.
#![allow(dead_code)]

use atelier::domain::synergy::{Amount, Impact, Member, MemberRole, Stage, Synergy, SynergyKind};
use atelier::domain::{
    ActionLine, Due, Meeting, Op, Participant, Pilot, PilotKind, Role, Session, Status, Timestamp,
    When,
};
use chrono::NaiveDate;

pub const HOSTILE: &str = "<script>alert(1)</script>";

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(&format!("{y}-{m:02}-{d:02}T10:00:00+01:00")).unwrap()
}

fn impact(text: &str, measured: bool) -> Impact {
    Impact {
        amount: Amount::parse(text).unwrap(),
        measured,
        what: String::new(),
        factor: String::new(),
        source: String::new(),
    }
}

fn member(org: &str, role: MemberRole) -> Member {
    Member {
        organisation: org.into(),
        role,
    }
}

pub fn session() -> Session {
    let mut s = Session::new("Éco-parc des Forges", "ZA des Forges");
    s.zone.companies = 40;
    for title in ["Déchets et matières", "Mobilité", "Énergie"] {
        let op = s.add_theme_op(title);
        s.apply(op).unwrap();
    }
    for (id, org, role) in [
        (1, "Scierie Vallet", Role::Company),
        (2, "Laiterie du Val", Role::Company),
        (3, "Mairie des Forges", Role::LocalAuthority),
        (4, "Transports Morel", Role::Company),
    ] {
        s.participants.push(Participant {
            id,
            name: format!("Personne {id}"),
            organisation: org.into(),
            role,
            email: None,
            choices: Vec::new(),
        });
    }
    // Theme 1: 2 done, 2 open (one overdue since 15/03/2026), 1 dropped. Theme 2: 1 done, 2
    // open (one overdue since 30/06/2026). Theme 3: 1 open due at the end of 2026.
    let lines = [
        (1, Status::Done, "janvier 2026"),
        (1, Status::Done, "mars 2026"),
        (1, Status::Todo, "15/03/2026"),
        (1, Status::InProgress, "31/12/2026"),
        (1, Status::Abandoned, ""),
        (2, Status::Done, "T1 2026"),
        (2, Status::Todo, "30/06/2026"),
        (2, Status::InProgress, "décembre 2026"),
        (3, Status::Todo, "31/12/2026"),
    ];
    for (i, (theme, status, due)) in lines.into_iter().enumerate() {
        let mut l = ActionLine::new(i as u32 + 1, 1);
        l.action = format!("Action {}", i + 1);
        l.status = status;
        l.due = Due::parse(due);
        s.apply(Op::AddLine {
            theme,
            index: 99,
            line: l,
        })
        .unwrap();
    }
    let meetings = |dates: &[NaiveDate]| -> Vec<Meeting> {
        dates
            .iter()
            .map(|d| Meeting {
                date: When::day(*d),
                note: String::new(),
            })
            .collect()
    };
    for g in &mut s.groups {
        match g.theme {
            1 => {
                g.enrolled = vec![1, 2, 3];
                g.meetings = meetings(&[day(2025, 11, 20), day(2026, 2, 10), day(2026, 5, 12)]);
            }
            2 => {
                g.enrolled = vec![4];
                g.pilot = Some(Pilot {
                    kind: PilotKind::Company,
                    name: "Transports Morel".into(),
                    contact: None,
                });
                g.meetings = meetings(&[day(2026, 3, 3)]);
            }
            _ => {}
        }
    }
    let mut palettes = Synergy::new(1, "Palettes réemployées", SynergyKind::Substitution)
        .handed_to("Scierie Vallet", "", at(2025, 10, 1))
        .moved(Stage::Study, "", at(2025, 10, 1))
        .moved(Stage::Decision, "", at(2026, 1, 15))
        .moved(Stage::Done, "", at(2026, 4, 1));
    palettes.group = Some(1);
    palettes.members = vec![member("Laiterie du Val", MemberRole::Receiver)];
    palettes.impacts = vec![impact("12 t", false), impact("9 500 kg", true)];
    let mut chaleur = Synergy::new(2, "Chaleur fatale du four", SynergyKind::Energy).moved(
        Stage::Study,
        "",
        at(2026, 2, 1),
    );
    chaleur.group = Some(3);
    chaleur.members = vec![
        member("Fromagerie Bel", MemberRole::Receiver),
        member("Boulangerie Leroux & Fils", MemberRole::Supplier),
    ];
    chaleur.impacts = vec![impact("800 MWh", false), impact("1 250,5 k€", false)];
    let mut covoit = Synergy::new(3, "Covoiturage", SynergyKind::Mobility)
        .moved(Stage::Study, "", at(2025, 9, 1))
        .moved(Stage::Abandoned, "personne", at(2026, 2, 10));
    covoit.members = vec![member("Garage Roux", MemberRole::Participant)];
    covoit.impacts = vec![impact("5 t CO2e", false)];
    let mut hostile = Synergy::new(4, HOSTILE, SynergyKind::Pooling).moved(
        Stage::Implementation,
        "",
        at(2026, 6, 1),
    );
    hostile.group = Some(2);
    hostile.members = vec![member("<b>Acme</b> & Cie", MemberRole::Participant)];
    hostile.impacts = vec![impact("3 t", false)];
    let idea = Synergy::new(5, "Achats groupés de cartons", SynergyKind::Pooling);
    s.synergies = vec![palettes, chaleur, covoit, hostile, idea];
    s.annual_plenary = Some(When::day(day(2026, 6, 15)));
    s
}
