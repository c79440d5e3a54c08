//! The bilan a collectivité reports for a period: synergies by stage and how many moved,
//! impacts summed per unit (estimated and measured apart), each group's actions and
//! meetings, and the organisations engaged against the companies of the zone. One pure
//! function of the session, the period and the day it is computed on; the screen, the
//! plenary and `atelier bilan` (md, csv, html) all show this same value.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::{
    Session, Status, ThemeId,
    session::{PilotKind, Role},
    synergy::{self, EventKind, Stage, UnitTotal},
};

/// The days a bilan covers, both ends included; `None`: from the start, up to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }

    /// The day the figures are taken on: the period's end, or `today` when it is later
    /// or open.
    pub fn end(&self, today: NaiveDate) -> NaiveDate {
        self.to.map_or(today, |t| t.min(today))
    }
}

/// How many synergies are at a stage at the period's end, and how many reached it in the
/// period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageCount {
    pub stage: Stage,
    pub now: usize,
    pub reached: usize,
}

/// One group's actions and meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFigures {
    pub theme: ThemeId,
    pub title: String,
    pub done: usize,
    /// Neither done nor dropped (overdue ones included).
    pub open: usize,
    /// Open, and past their deadline at the period's end.
    pub overdue: usize,
    pub dropped: usize,
    /// Follow-up meetings held in the period (up to its end).
    pub meetings: usize,
    /// Synergies that come from the group.
    pub synergies: usize,
}

/// The organisations engaged, each counted once whatever the spelling's case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Organisations {
    /// The zone's number of companies, as its profile says (0: not given).
    pub in_zone: u32,
    /// Companies with someone enrolled in a group.
    pub enrolled: Vec<String>,
    /// Organisations piloting a group or a synergy.
    pub piloting: Vec<String>,
    /// Organisations in a synergy that is not abandoned.
    pub in_synergy: Vec<String>,
    /// All of the above, once each, but the organisations the session knows are not
    /// companies (a participant's of the collectivité, an expert's, the facilitator's): the
    /// figure set against the zone's companies.
    pub engaged: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bilan {
    pub period: Period,
    /// The day the figures are taken on.
    pub end: NaiveDate,
    pub synergies: usize,
    /// One row a stage, in the stages' order.
    pub stages: Vec<StageCount>,
    /// Synergies with at least one stage change in the period.
    pub moved: usize,
    pub impacts: Vec<UnitTotal>,
    pub groups: Vec<GroupFigures>,
    pub organisations: Organisations,
}

impl Bilan {
    /// The actions of every group together: done, open, overdue, dropped.
    pub fn actions(&self) -> (usize, usize, usize, usize) {
        self.groups.iter().fold((0, 0, 0, 0), |(d, o, l, x), g| {
            (d + g.done, o + g.open, l + g.overdue, x + g.dropped)
        })
    }

    pub fn meetings(&self) -> usize {
        self.groups.iter().map(|g| g.meetings).sum()
    }
}

/// An organisation's name as [`synergy::same_name`] compares it: case and spaces aside.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A list of names, each once whatever the spelling's case (a set of keys beside it: with
/// hundreds of organisations, comparing each with every other costs tens of milliseconds).
#[derive(Default)]
struct Names {
    list: Vec<String>,
    seen: HashSet<String>,
}

impl Names {
    fn push(&mut self, name: &str) {
        let name = name.trim();
        if !name.is_empty() && self.seen.insert(name_key(name)) {
            self.list.push(name.to_string());
        }
    }
}

/// The bilan of `session` over `period`, computed on `today`.
pub fn bilan(session: &Session, period: Period, today: NaiveDate) -> Bilan {
    let end = period.end(today);
    // The synergies as they stood at the end (one created later is not counted: it has
    // no event before then, but it exists now; a bilan of last year must not show it).
    let existing: Vec<&synergy::Synergy> = session
        .synergies
        .iter()
        .filter(|s| s.existed_on(end))
        .collect();
    let stages = Stage::ALL
        .iter()
        .map(|&stage| StageCount {
            stage,
            now: existing
                .iter()
                .filter(|s| s.stage_on(Some(end)) == stage)
                .count(),
            reached: existing
                .iter()
                .filter(|s| {
                    s.history.iter().any(|e| {
                        period.contains(e.at.date_naive())
                            && e.at.date_naive() <= end
                            && matches!(e.what, EventKind::Stage { stage: st, .. } if st == stage)
                    })
                })
                .count(),
        })
        .collect();
    let moved = existing
        .iter()
        .filter(|s| {
            s.history.iter().any(|e| {
                matches!(e.what, EventKind::Stage { .. })
                    && period.contains(e.at.date_naive())
                    && e.at.date_naive() <= end
            })
        })
        .count();

    let groups = session
        .themes
        .iter()
        .filter_map(|t| session.group(t.id).map(|g| (t, g)))
        .map(|(t, g)| {
            let lines = g.poster.lines.iter().filter(|l| !l.is_blank());
            let (mut done, mut open, mut overdue, mut dropped) = (0, 0, 0, 0);
            for l in lines {
                match l.status {
                    Status::Done => done += 1,
                    Status::Abandoned => dropped += 1,
                    Status::Todo | Status::InProgress => {
                        open += 1;
                        if l.due.deadline().is_some_and(|d| d < end) {
                            overdue += 1;
                        }
                    }
                }
            }
            GroupFigures {
                theme: t.id,
                title: t.title.clone(),
                done,
                open,
                overdue,
                dropped,
                meetings: g
                    .meetings
                    .iter()
                    .filter(|m| period.contains(m.date.date) && m.date.date <= end)
                    .count(),
                synergies: existing.iter().filter(|s| s.group == Some(t.id)).count(),
            }
        })
        .collect();

    let (mut enrolled, mut piloting, mut in_synergy) =
        (Names::default(), Names::default(), Names::default());
    for g in &session.groups {
        for p in g.enrolled.iter().filter_map(|id| session.participant(*id)) {
            if p.role == Role::Company {
                enrolled.push(&p.organisation);
            }
        }
        if let Some(pilot) = g
            .pilot
            .as_ref()
            .filter(|p| p.kind != PilotKind::LocalAuthority)
        {
            piloting.push(&pilot.name);
        }
    }
    for s in existing
        .iter()
        .filter(|s| s.stage_on(Some(end)) != Stage::Abandoned)
    {
        if let Some(pilot) = s.pilot() {
            piloting.push(pilot);
        }
        for o in s.organisations() {
            in_synergy.push(o);
        }
    }
    // Organisations of participants that are not companies: not counted as companies
    // engaged, wherever they appear.
    let not_companies: std::collections::HashSet<String> = session
        .participants
        .iter()
        .filter(|p| p.role != Role::Company)
        .map(|p| name_key(&p.organisation))
        .collect();
    let mut engaged = Names::default();
    for o in enrolled
        .list
        .iter()
        .chain(&piloting.list)
        .chain(&in_synergy.list)
    {
        if !not_companies.contains(&name_key(o)) {
            engaged.push(o);
        }
    }
    let orgs = Organisations {
        in_zone: session.zone.companies,
        enrolled: enrolled.list,
        piloting: piloting.list,
        in_synergy: in_synergy.list,
        engaged: engaged.list,
    };

    Bilan {
        period,
        end,
        synergies: existing.len(),
        stages,
        moved,
        impacts: synergy::totals_on(existing.iter().copied(), Some(end)),
        groups,
        organisations: orgs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::synergy::{Amount, Impact, Synergy, SynergyKind};
    use crate::domain::{ActionLine, Due, Meeting, Op, Participant, Pilot, When};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap_or_else(|| panic!("{m}/{d}"))
    }

    fn at(m: u32, d: u32) -> crate::domain::Timestamp {
        chrono::DateTime::parse_from_rfc3339(&format!("2027-{m:02}-{d:02}T10:00:00+01:00"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn impact(text: &str, measured: bool) -> Impact {
        Impact {
            amount: Amount::parse(text).unwrap_or_else(|e| panic!("{e}")),
            measured,
            what: String::new(),
            factor: String::new(),
            source: String::new(),
        }
    }

    /// A zone of 40 companies, two groups, three synergies, worked out by hand below.
    fn example() -> Session {
        let mut s = Session::new("Bilan", "ZA des Portes");
        s.zone.companies = 40;
        for title in ["Déchets", "Mobilité"] {
            let op = s.add_theme_op(title);
            s.apply(op).unwrap_or_else(|e| panic!("{e}"));
        }
        for (id, org, role) in [
            (1, "Scierie Vallet", Role::Company),
            (2, "Laiterie du Val", Role::Company),
            (3, "Mairie", Role::LocalAuthority),
        ] {
            s.participants.push(Participant {
                id,
                name: format!("P{id}"),
                organisation: org.into(),
                role,
                email: None,
                choices: Vec::new(),
            });
        }
        let lines = [
            (1, Status::Done, "mars 2027"),
            (1, Status::Todo, "15/02/2027"),
            (1, Status::InProgress, "30/09/2027"),
            (2, Status::Abandoned, ""),
            (2, Status::Todo, "31/01/2027"),
        ];
        for (i, (theme, status, due)) in lines.into_iter().enumerate() {
            let mut l = ActionLine::new(i as u32 + 1, theme);
            l.action = format!("action {i}");
            l.status = status;
            l.due = Due::parse(due);
            s.apply(Op::AddLine {
                theme,
                index: 9,
                line: l,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        if let Some(g) = s.groups.iter_mut().find(|g| g.theme == 1) {
            g.enrolled = vec![1, 2, 3];
            g.meetings = vec![
                Meeting {
                    date: When::day(day(1, 20)),
                    note: String::new(),
                },
                Meeting {
                    date: When::day(day(5, 20)),
                    note: String::new(),
                },
            ];
        }
        if let Some(g) = s.groups.iter_mut().find(|g| g.theme == 2) {
            g.pilot = Some(Pilot {
                kind: PilotKind::Company,
                name: "Transports Morel".into(),
                contact: None,
            });
        }
        let mut a = Synergy::new(1, "Palettes", SynergyKind::Substitution)
            .handed_to("scierie vallet", "", at(1, 5))
            .moved(Stage::Study, "", at(1, 10))
            .moved(Stage::Done, "", at(3, 1));
        a.group = Some(1);
        a.impacts = vec![impact("12 t", false), impact("9 500 kg", true)];
        let mut b =
            Synergy::new(2, "Chaleur", SynergyKind::Energy).moved(Stage::Study, "", at(2, 1));
        b.members = vec![
            crate::domain::synergy::Member {
                organisation: "Fromagerie Bel".into(),
                role: crate::domain::synergy::MemberRole::Receiver,
            },
            // The collectivité funds it: in the synergy, not a company engaged.
            crate::domain::synergy::Member {
                organisation: "mairie".into(),
                role: crate::domain::synergy::MemberRole::Funder,
            },
        ];
        b.impacts = vec![impact("800 MWh", false)];
        let mut c = Synergy::new(3, "Covoiturage", SynergyKind::Mobility)
            .moved(Stage::Study, "", at(1, 2))
            .moved(Stage::Abandoned, "personne", at(2, 10));
        c.members = vec![crate::domain::synergy::Member {
            organisation: "Garage Roux".into(),
            role: crate::domain::synergy::MemberRole::Participant,
        }];
        c.impacts = vec![impact("5 t CO2e", false)];
        s.synergies = vec![a, b, c];
        s
    }

    #[test]
    fn the_figures_of_a_first_quarter_worked_out_by_hand() {
        let s = example();
        let period = Period {
            from: Some(day(1, 1)),
            to: Some(day(3, 31)),
        };
        let b = bilan(&s, period, day(12, 1));
        assert_eq!(b.end, day(3, 31));
        assert_eq!(b.synergies, 3);
        let count = |st| {
            b.stages
                .iter()
                .find(|c| c.stage == st)
                .map(|c| (c.now, c.reached))
        };
        assert_eq!(count(Stage::Idea), Some((0, 0)));
        assert_eq!(count(Stage::Study), Some((1, 3)));
        assert_eq!(count(Stage::Done), Some((1, 1)));
        assert_eq!(count(Stage::Abandoned), Some((1, 1)));
        assert_eq!(b.moved, 3);
        // Tonnes: 12 estimated, 9.5 measured (Palettes); MWh: 800 (Chaleur); the abandoned
        // covoiturage's CO₂ is not counted.
        assert_eq!(b.impacts.len(), 2);
        assert_eq!(b.impacts[0].estimated.milli, 12_000);
        assert_eq!(b.impacts[0].measured.milli, 9_500);
        assert_eq!(b.impacts[1].estimated.milli, 800_000);
        // Déchets: 1 done, 2 open of which 1 overdue (15/02 < 31/03); 1 meeting (20/01).
        let g1 = &b.groups[0];
        assert_eq!(
            (g1.done, g1.open, g1.overdue, g1.dropped, g1.meetings),
            (1, 2, 1, 0, 1)
        );
        assert_eq!(g1.synergies, 1);
        let g2 = &b.groups[1];
        assert_eq!((g2.done, g2.open, g2.overdue, g2.dropped), (0, 1, 1, 1));
        assert_eq!(b.actions(), (1, 3, 2, 1));
        // Enrolled companies: Scierie Vallet, Laiterie du Val (the Mairie is not a
        // company); piloting: Transports Morel, scierie vallet; in a synergy: scierie
        // vallet, Fromagerie Bel, the mairie (Garage Roux's synergy is abandoned). Engaged:
        // 4 companies, the mairie not being one.
        let o = &b.organisations;
        assert_eq!(o.in_zone, 40);
        assert_eq!(o.enrolled, ["Scierie Vallet", "Laiterie du Val"]);
        assert_eq!(o.piloting, ["Transports Morel", "scierie vallet"]);
        assert_eq!(o.in_synergy, ["scierie vallet", "Fromagerie Bel", "mairie"]);
        assert_eq!(o.engaged.len(), 4);
    }

    #[test]
    fn a_period_before_a_synergy_existed_does_not_count_it() {
        let s = example();
        let january = Period {
            from: Some(day(1, 1)),
            to: Some(day(1, 31)),
        };
        let b = bilan(&s, january, day(12, 1));
        // Chaleur's first event is 1 February: not there in January.
        assert_eq!(b.synergies, 2);
        let study = b.stages.iter().find(|c| c.stage == Stage::Study);
        assert_eq!(study.map(|c| (c.now, c.reached)), Some((2, 2)));
        // The overdue marks are as of 31 January: 31/01 is not past yet.
        assert_eq!(b.groups[1].overdue, 0);
    }
}
