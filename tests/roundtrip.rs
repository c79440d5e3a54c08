//! Property: for random sessions, load(save(s)) == s, and saving again is byte-identical.

use std::path::Path;

use atelier::domain::plenary::{Decision, Item, Plenary, PlenaryLog, PlenaryStep, Verdict};
use atelier::domain::profile::{RegisterProfile, SiteProfile};
use atelier::domain::rencontre::{
    Candidate, Card, CardKind, Dot, Flow, Quantity, Rencontre, Step, StepLog,
};
use atelier::domain::{
    ActionLine, Agenda, Due, Group, Invitation, LogEntry, Need, Owner, Participant, Phase, Pilot,
    PilotKind, Poster, Reaction, Role, Round, Session, Status, Table, Theme, Timer, Vocation, When,
    Workshop, Zone, ZoneProfile,
};
use atelier::store;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

fn text() -> impl Strategy<Value = String> {
    // Accents, quotes, backslashes, newlines, CJK, emoji and zero-width joiners.
    proptest::string::string_regex(
        "[a-zA-Z0-9 éèçàœÉ«»'\"\\\\\n\t,;:()\\[\\]{}#日本👩‍🔧\u{301}-]{0,24}",
    )
    .unwrap()
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

/// A meeting: a day, or a day with a start time and a duration.
fn when() -> impl Strategy<Value = When> {
    (
        date(),
        proptest::option::of((0u32..24, 0u32..60)),
        1u32..=24 * 60,
    )
        .prop_map(|(date, start, minutes)| When {
            date,
            start: start.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
            minutes: if start.is_some() {
                minutes
            } else {
                atelier::domain::when::DEFAULT_MINUTES
            },
        })
}

fn timestamp() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..4_000_000_000, -12i32..=12).prop_map(|(secs, h)| {
        let off = FixedOffset::east_opt(h * 3600).unwrap();
        off.timestamp_opt(secs, 0).single().unwrap()
    })
}

fn phase() -> impl Strategy<Value = Phase> {
    prop_oneof![
        Just(Phase::Preparation),
        (1u32..8).prop_map(|theme| Phase::Presentation { theme }),
        (1u8..7).prop_map(|round| Phase::Groups { round }),
        (2u8..7).prop_map(|to_round| Phase::Rotation { to_round }),
        (1u32..8).prop_map(|group| Phase::Restitution { group }),
        Just(Phase::Commitments),
        Just(Phase::Closed),
    ]
}

fn due() -> impl Strategy<Value = Due> {
    prop_oneof![
        Just(Due::None),
        date().prop_map(Due::Date),
        (2000i32..2100, 1u32..=12).prop_map(|(y, m)| Due::Month(y, m)),
        (1u32..=4, 2000i32..2100).prop_map(|(q, y)| Due::parse(&format!("T{q} {y}"))),
        // Typed text is read as a date when it is one: « 2027 » is a period, not text.
        text().prop_map(|t| Due::parse(&t)),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    proptest::sample::select(Status::ALL.to_vec())
}

fn line(id: u32) -> impl Strategy<Value = ActionLine> {
    (
        text(),
        text(),
        proptest::collection::vec((text(), text()), 0..3),
        due(),
        status(),
        1u32..4,
    )
        .prop_map(
            move |(solution, action, owners, due, status, workshop)| ActionLine {
                id,
                solution,
                action,
                owners: owners
                    .into_iter()
                    .map(|(who, role)| Owner { who, role })
                    .collect(),
                due,
                status,
                workshop,
                history: if workshop == 2 {
                    vec![atelier::domain::poster::Overwritten {
                        field: atelier::domain::poster::CellName::Action,
                        text: "texte « écrasé »".into(),
                        replaced_by: "Léa (groupe 1)".into(),
                        at: chrono::DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00")
                            .unwrap(),
                    }]
                } else {
                    Vec::new()
                },
                restored: workshop == 3,
                revision: workshop * 3,
                revised_at: (workshop == 2).then(|| {
                    chrono::DateTime::parse_from_rfc3339("2027-01-20T18:05:00+01:00").unwrap()
                }),
            },
        )
}

fn group(theme: u32, first_line: u32) -> impl Strategy<Value = Group> {
    let lines = proptest::collection::vec(Just(()), 0..4).prop_flat_map(move |v| {
        v.iter()
            .enumerate()
            .map(|(i, _)| line(first_line + i as u32))
            .collect::<Vec<_>>()
    });
    (
        proptest::option::of(1u32..20),
        proptest::option::of((
            proptest::sample::select(vec![
                PilotKind::LocalAuthority,
                PilotKind::Company,
                PilotKind::Association,
            ]),
            text(),
            opt_text(),
        )),
        proptest::collection::vec(1u32..20, 0..4),
        text(),
        proptest::option::of(when()),
        text(),
        proptest::collection::vec(text(), 0..3),
        lines,
    )
        .prop_map(
            move |(
                rapporteur,
                pilot,
                enrolled,
                next_steps,
                next_meeting,
                notes,
                reactions,
                lines,
            )| {
                Group {
                    theme,
                    capacity: theme.is_multiple_of(2).then_some(theme + 3),
                    rapporteur,
                    pilot: pilot.map(|(kind, name, contact)| Pilot {
                        kind,
                        name,
                        contact,
                    }),
                    enrolled,
                    next_steps,
                    next_meeting,
                    notes,
                    meeting_revision: atelier::domain::Revision {
                        count: theme % 3,
                        at: (!theme.is_multiple_of(3)).then(|| {
                            chrono::DateTime::parse_from_rfc3339("2027-01-21T09:30:00+01:00")
                                .unwrap()
                        }),
                    },
                    poster: Poster {
                        reactions: reactions
                            .into_iter()
                            .enumerate()
                            .map(|(i, text)| Reaction {
                                id: theme * 100 + i as u32,
                                text,
                                workshop: 1,
                            })
                            .collect(),
                        lines,
                    },
                    meetings: next_meeting
                        .map(|date| atelier::domain::Meeting {
                            date,
                            note: "réunion ; « 1 »".into(),
                        })
                        .into_iter()
                        .collect(),
                }
            },
        )
}

fn workshop(number: u32) -> impl Strategy<Value = Workshop> {
    (
        proptest::option::of(date()),
        1u8..=6,
        (
            0u32..60,
            0u32..60,
            proptest::option::of((0u32..24, 0u32..60)),
        ),
        phase(),
        proptest::collection::vec((timestamp(), phase()), 0..5),
        (
            0i64..10_000,
            0i64..10_000,
            proptest::option::of(timestamp()),
        ),
        proptest::collection::vec(proptest::collection::vec(1u32..20, 0..4), 0..3),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            move |(date, round_count, (a, b, start), phase, log, (p, e, r), rounds, another)| {
                Workshop {
                    number,
                    date,
                    // Raised with the number: a revision both with and without its time.
                    date_revision: atelier::domain::Revision {
                        count: number % 3,
                        at: (number % 3 == 1).then(|| {
                            chrono::DateTime::parse_from_rfc3339("2027-01-21T09:30:00+01:00")
                                .unwrap()
                        }),
                    },
                    round_count,
                    agenda: Agenda {
                        start: start.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
                        presentation: a,
                        groups: b,
                        ..Agenda::default()
                    }
                    .with_minutes(Phase::Groups { round: 1 }, a + 1),
                    phase,
                    log: log
                        .into_iter()
                        .map(|(at, phase)| LogEntry { at, phase })
                        .collect(),
                    timer: Timer {
                        planned_secs: p,
                        elapsed_secs: e,
                        running_since: r,
                    },
                    rounds: rounds
                        .into_iter()
                        .enumerate()
                        .map(|(i, members)| Round {
                            number: i as u8 + 1,
                            tables: vec![Table { theme: 1, members }],
                        })
                        .collect(),
                    another_workshop: another,
                    themes: (number > 1).then(|| vec![1]),
                    baseline: Vec::new(),
                }
            },
        )
}

/// The zone's open data: the register's part, the CNIG site's, either or both.
fn profile() -> impl Strategy<Value = ZoneProfile> {
    let register = (
        text(),
        proptest::option::of(date()),
        0u64..1_000_000,
        0u32..5000,
        proptest::collection::vec(
            (
                proptest::sample::select(vec!["NN", "00", "11", ""]),
                1u32..50,
            ),
            0..4,
        ),
        proptest::collection::vec(
            (proptest::sample::select(vec!["25", "47", "49"]), 1u32..50),
            0..3,
        ),
        (0u32..10, 0u32..10),
        proptest::collection::vec((1950i32..2030, 1u32..9), 0..5),
        0u32..10,
    )
        .prop_map(
            |(
                source,
                imported,
                rows,
                establishments,
                sizes,
                divisions,
                (unclassified, small),
                years,
                undated,
            )| {
                RegisterProfile {
                    source,
                    imported,
                    rows,
                    establishments,
                    sizes: sizes.into_iter().map(|(c, n)| (c.to_string(), n)).collect(),
                    divisions: divisions
                        .into_iter()
                        .map(|(c, n)| (c.to_string(), n))
                        .collect(),
                    unclassified,
                    small_manufacturing: small,
                    years,
                    undated,
                }
            },
        );
    let site = (
        text(),
        text(),
        opt_text(),
        proptest::option::of(0u32..100_000),
        proptest::option::of(0u32..999),
    )
        .prop_map(
            |(source, name, vocation, area, establishments)| SiteProfile {
                source,
                name,
                vocation,
                area_ha: area.map(|a| f64::from(a) / 100.0),
                establishments,
            },
        );
    (proptest::option::of(register), proptest::option::of(site))
        .prop_map(|(register, site)| ZoneProfile { register, site })
}

/// The invitation list: SIRETs whose key checks or not, names or none, made or not.
fn invitations() -> impl Strategy<Value = Vec<Invitation>> {
    proptest::collection::vec(
        (
            "[0-9]{14}",
            text(),
            proptest::sample::select(vec!["25.62B", "", "15.8C"]),
            proptest::sample::select(vec!["11", "NN", ""]),
            text(),
            proptest::option::of(date()),
            proptest::option::of(1u32..9),
        ),
        0..4,
    )
    .prop_map(|list| {
        list.into_iter()
            .map(
                |(siret, name, naf, size, street, created, participant)| Invitation {
                    siret_ok: atelier::domain::profile::siret_checks(&siret),
                    siret,
                    name,
                    naf: naf.into(),
                    nomenclature: if naf == "15.8C" {
                        "NAFRev1".into()
                    } else {
                        String::new()
                    },
                    size: size.into(),
                    street,
                    commune: "91021".into(),
                    created,
                    participant,
                },
            )
            .collect()
    })
}

fn session_without_rencontre() -> impl Strategy<Value = Session> {
    (
        session_without_open_data(),
        proptest::option::of(profile()),
        invitations(),
    )
        .prop_map(|(mut s, profile, invitations)| {
            s.zone.profile = profile;
            s.invitations = invitations;
            s
        })
}

fn session_without_open_data() -> impl Strategy<Value = Session> {
    let themes = 0usize..5;
    themes.prop_flat_map(|n| {
        (
            text(),
            (
                text(),
                proptest::sample::select(Vocation::ALL.to_vec()),
                opt_text(),
                0u32..500,
                opt_text(),
                proptest::option::of(1900i32..2100),
            ),
            proptest::collection::vec(
                (
                    text(),
                    text(),
                    proptest::sample::select(Role::ALL.to_vec()),
                    opt_text(),
                ),
                0..6,
            ),
            proptest::collection::vec((text(), proptest::option::of(1u32..5)), 0..5),
            proptest::collection::vec((text(), text(), opt_text()), n..=n),
            (0..n)
                .map(|i| group(i as u32 + 1, i as u32 * 10 + 1))
                .collect::<Vec<_>>(),
            proptest::collection::vec(Just(()), 1..3)
                .prop_flat_map(|v| (1..=v.len() as u32).map(workshop).collect::<Vec<_>>()),
        )
            .prop_map(
                |(
                    title,
                    (name, vocation, specialisation, companies, company_size, since),
                    people,
                    needs,
                    themes,
                    groups,
                    workshops,
                )| Session {
                    version: 1,
                    id: "4f2a9c0de1b37a58".into(),
                    saves: 0,
                    plenary_revision: atelier::domain::Revision::default(),
                    title,
                    zone: Zone {
                        name,
                        vocation,
                        specialisation,
                        companies,
                        company_size,
                        since,
                        stakes: Vec::new(),
                        steering: Vec::new(),
                        profile: None,
                    },
                    participants: people
                        .into_iter()
                        .enumerate()
                        .map(|(i, (name, organisation, role, email))| Participant {
                            id: i as u32 + 1,
                            name,
                            organisation,
                            role,
                            email,
                            choices: if i.is_multiple_of(2) {
                                vec![1, 2]
                            } else {
                                Vec::new()
                            },
                        })
                        .collect(),
                    needs: needs
                        .into_iter()
                        .enumerate()
                        .map(|(i, (text, theme))| Need {
                            id: i as u32 + 1,
                            text,
                            theme,
                            kind: Default::default(),
                        })
                        .collect(),
                    themes: themes
                        .into_iter()
                        .enumerate()
                        .map(|(i, (title, constat, expert))| Theme {
                            id: i as u32 + 1,
                            title,
                            constat,
                            expert,
                            review: i % 2 == 0,
                        })
                        .collect(),
                    groups,
                    workshops,
                    annual_plenary: None,
                    rencontres: Vec::new(),
                    synergies: Vec::new(),
                    plenaries: Vec::new(),
                    invitations: Vec::new(),
                },
            )
    })
}

/// A rencontre: cards of every kind with flows, quantities, answers and follow-ups;
/// candidate themes; dots; a step with its log.
fn rencontre(number: u32) -> impl Strategy<Value = Rencontre> {
    let card = (
        text(),
        0usize..5,
        proptest::option::of(0usize..8),
        proptest::option::of(((0u32..100_000, 0u32..100), text())),
        proptest::option::of(1u32..4),
        proptest::option::of(1u32..6),
        text(),
        proptest::option::of(line(900)),
    );
    (
        proptest::collection::vec(card, 0..6),
        proptest::collection::vec(text(), 0..4),
        proptest::collection::vec((1u32..6, 1u32..4), 0..8),
        timestamp(),
        any::<bool>(),
        proptest::option::of(date()),
    )
        .prop_map(move |(cards, themes, dots, at, revealed, date)| {
            let mut r = Rencontre::new(number);
            r.date = date;
            r.revealed = revealed;
            r.phase = Step::Introductions { person: 2 };
            r.log.push(StepLog { at, step: r.phase });
            r.cards = cards
                .into_iter()
                .enumerate()
                .map(
                    |(i, (text, kind, flow, quantity, author, theme, answer, follow))| {
                        let mut c = Card::new(i as u32 + 1, text, CardKind::ALL[kind]);
                        c.flow = flow.map(|f| Flow::ALL[f]);
                        c.quantity = quantity.map(|((a, b), unit)| Quantity {
                            amount: f64::from(a) + f64::from(b) / 100.0,
                            unit,
                        });
                        c.author = author;
                        c.theme = theme;
                        c.answer = answer;
                        c.follow = follow.map(|mut l| {
                            l.id = 900 + i as u32;
                            l
                        });
                        c
                    },
                )
                .collect();
            r.themes = themes
                .into_iter()
                .enumerate()
                .map(|(i, title)| Candidate {
                    id: i as u32 + 1,
                    title,
                })
                .collect();
            r.dots = dots
                .into_iter()
                .enumerate()
                .map(|(i, (participant, theme))| Dot {
                    id: i as u32 + 1,
                    participant,
                    theme,
                })
                .collect();
            r
        })
}

/// A plenary: a step with its log, a running timer, decisions of every kind on lines and
/// synergies (notes with any text), leads.
fn plenary(number: u32) -> impl Strategy<Value = Plenary> {
    let decision = (0usize..4, any::<bool>(), 1u32..50, text(), timestamp());
    (
        date(),
        0usize..4,
        timestamp(),
        proptest::collection::vec(decision, 0..5),
        proptest::collection::vec(1u32..40, 0..4),
    )
        .prop_map(move |(date, step, at, decisions, leads)| {
            let mut p = Plenary::new(number, date);
            p.step = PlenaryStep::ALL[step];
            p.log.push(PlenaryLog { at, step: p.step });
            p.timer = p.timer.started(at);
            p.decisions = decisions
                .into_iter()
                .map(|(v, line, id, note, at)| Decision {
                    item: if line {
                        Item::Line(id)
                    } else {
                        Item::Synergy(id)
                    },
                    verdict: Verdict::ALL[v],
                    note,
                    at,
                })
                .collect();
            p.leads = leads;
            p
        })
}

fn session() -> impl Strategy<Value = Session> {
    (
        session_without_rencontre(),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(1u32..5, 0..3),
        proptest::collection::vec(Just(()), 0..3),
        proptest::collection::vec(Just(()), 0..3),
    )
        .prop_flat_map(|(s, stakes, steering, rs, ps)| {
            let rs: Vec<_> = (1..=rs.len() as u32).map(rencontre).collect();
            let ps: Vec<_> = (1..=ps.len() as u32).map(plenary).collect();
            (Just(s), Just(stakes), Just(steering), rs, ps)
        })
        .prop_map(|(mut s, stakes, steering, rencontres, plenaries)| {
            s.zone.stakes = stakes;
            s.zone.steering = steering;
            s.rencontres = rencontres;
            s.plenaries = plenaries;
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn load_of_save_is_identity_and_save_is_byte_stable(s in session()) {
        let text = store::to_text(&s).unwrap();
        let back = store::parse(&text, Path::new("p.ron"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &s);
        prop_assert_eq!(store::to_text(&back).unwrap(), text);
    }
}

#[test]
fn the_same_through_a_real_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..16 {
        let s = session().new_tree(&mut runner).unwrap().current();
        store::save(&path, &s).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(store::load(&path).unwrap(), s);
        store::save(&path, &store::load(&path).unwrap()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}

/// A file written before plenaries existed loads with none, and writes no `plenaries`.
#[test]
fn an_older_file_has_no_plenary_and_a_plenary_is_one_decision_a_line() {
    let s = Session::new("t", "z");
    let text = store::to_text(&s).unwrap();
    assert!(!text.contains("plenaries"));
    assert!(
        store::parse(&text, Path::new("p.ron"))
            .unwrap()
            .plenaries
            .is_empty()
    );
    let mut s = s;
    let day = NaiveDate::from_ymd_opt(2028, 1, 20).unwrap();
    s.apply(s.add_plenary_op(day)).unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let p = plenary(1).new_tree(&mut runner).unwrap().current();
    s.plenaries = vec![p];
    let text = store::to_text(&s).unwrap();
    let one_a_line = text
        .lines()
        .filter(|l| l.contains("item:") && l.contains("verdict:"))
        .count();
    assert_eq!(one_a_line, s.plenaries[0].decisions.len(), "{text}");
    assert_eq!(store::parse(&text, Path::new("p.ron")).unwrap(), s);
}
