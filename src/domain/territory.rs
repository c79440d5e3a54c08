//! Every zone on one screen (`atelier territoire`): a row per session, worked out from the
//! session alone and the day — where its démarche stands, the companies engaged, the
//! actions, the synergies by stage, the next dated event.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::session::SessionSummary;
use super::{Role, Session, Status, synergy::Stage as SynergyStage};

/// Where a zone's démarche stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Nothing run yet: the zone, the participants and the themes being prepared.
    Preparation,
    /// A rencontre inter-entreprises started, no workshop yet.
    Rencontre,
    /// Workshop n prepared or under way.
    Workshop(u32),
    /// The last workshop closed: the groups' actions are followed.
    FollowUp,
    /// An annual plenary has been held or opened.
    Plenary,
}

impl Stage {
    /// For sorting: the démarche's order.
    pub fn rank(self) -> u32 {
        match self {
            Stage::Preparation => 0,
            Stage::Rencontre => 1,
            Stage::Workshop(n) => 1 + n.max(1),
            Stage::FollowUp => u32::MAX - 1,
            Stage::Plenary => u32::MAX,
        }
    }
}

/// The next dated event of a zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Workshop(u32),
    Rencontre(u32),
    /// A group's next meeting: the theme's title.
    Meeting(String),
    Plenary,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneRow {
    pub title: String,
    pub zone: String,
    pub stage: Stage,
    /// Companies (distinct organisations) with someone enrolled in a group.
    pub engaged: usize,
    /// The companies of the zone, as its profile says (0: not filled in).
    pub companies: u32,
    pub done: usize,
    /// To do or in progress.
    pub open: usize,
    /// Open with a deadline before the day.
    pub overdue: usize,
    /// Synergies by stage, in [`SynergyStage::ALL`]'s order.
    pub synergies: [usize; 6],
    pub next: Option<(NaiveDate, Event)>,
    /// What the launcher and `atelier list` show of the file: it is read once, for both.
    pub summary: SessionSummary,
}

/// One session of the table: its file, and its row or why the file does not read.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub path: std::path::PathBuf,
    pub row: Result<ZoneRow, String>,
}

/// The columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortKey {
    #[default]
    Zone,
    Stage,
    Engaged,
    Actions,
    Overdue,
    Synergies,
    Next,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        SortKey::Zone,
        SortKey::Stage,
        SortKey::Engaged,
        SortKey::Actions,
        SortKey::Overdue,
        SortKey::Synergies,
        SortKey::Next,
    ];

    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL.get(i + 1).copied().unwrap_or(SortKey::Zone)
    }
}

/// A session's row on `today`.
pub fn row(s: &Session, today: NaiveDate) -> ZoneRow {
    let lines = || s.groups.iter().flat_map(|g| g.poster.lines.iter());
    let mut engaged: Vec<String> = s
        .participants
        .iter()
        .filter(|p| p.role == Role::Company)
        .filter(|p| s.groups.iter().any(|g| g.enrolled.contains(&p.id)))
        .map(|p| {
            let org = p.organisation.trim();
            if org.is_empty() { p.name.trim() } else { org }.to_lowercase()
        })
        .collect();
    engaged.sort();
    engaged.dedup();
    let mut synergies = [0; 6];
    for x in &s.synergies {
        let stage = x.stage();
        if let Some(i) = SynergyStage::ALL.iter().position(|st| *st == stage)
            && let Some(n) = synergies.get_mut(i)
        {
            *n += 1;
        }
    }
    ZoneRow {
        summary: SessionSummary::of(s),
        title: s.title.clone(),
        zone: s.zone.name.clone(),
        stage: stage(s),
        engaged: engaged.len(),
        companies: companies(s),
        done: lines().filter(|l| l.status == Status::Done).count(),
        open: lines()
            .filter(|l| matches!(l.status, Status::Todo | Status::InProgress))
            .count(),
        overdue: lines().filter(|l| l.is_overdue(today)).count(),
        synergies,
        next: next_event(s, today),
    }
}

/// The zone's companies: as typed in Préparation › Zone, else the active establishments the
/// register's import counted, else those the CNIG file declares.
fn companies(s: &Session) -> u32 {
    if s.zone.companies > 0 {
        return s.zone.companies;
    }
    let profile = s.zone.profile.as_ref();
    profile
        .and_then(|p| p.register.as_ref().map(|r| r.establishments))
        .or_else(|| profile.and_then(|p| p.site.as_ref()?.establishments))
        .unwrap_or(0)
}

fn stage(s: &Session) -> Stage {
    if !s.plenaries.is_empty() {
        return Stage::Plenary;
    }
    use super::workshop::PhaseKind;
    if let Some(w) = s.workshops.iter().max_by_key(|w| w.number) {
        match w.phase.kind() {
            PhaseKind::Closed => return Stage::FollowUp,
            // The first workshop not started: the démarche is still being prepared.
            PhaseKind::Preparation if w.number <= 1 => {}
            _ => return Stage::Workshop(w.number),
        }
    }
    if s.rencontres.is_empty() {
        Stage::Preparation
    } else {
        Stage::Rencontre
    }
}

/// The first event dated on or after `today`.
fn next_event(s: &Session, today: NaiveDate) -> Option<(NaiveDate, Event)> {
    let workshops = s
        .workshops
        .iter()
        .filter_map(|w| Some((w.date?, Event::Workshop(w.number))));
    let rencontres = s
        .rencontres
        .iter()
        .filter_map(|r| Some((r.date?, Event::Rencontre(r.number))));
    let meetings = s.groups.iter().filter_map(|g| {
        let title = s
            .theme(g.theme)
            .map(|t| t.title.clone())
            .unwrap_or_default();
        Some((g.next_meeting.as_ref()?.date, Event::Meeting(title)))
    });
    let plenaries = s
        .plenaries
        .iter()
        .map(|p| (p.date, Event::Plenary))
        .chain(s.annual_plenary.as_ref().map(|w| (w.date, Event::Plenary)));
    workshops
        .chain(rencontres)
        .chain(meetings)
        .chain(plenaries)
        .filter(|(d, _)| *d >= today)
        .min_by_key(|(d, _)| *d)
}

/// Sorts rows (with anything beside them) by `key`: the zone's name, the démarche's order,
/// then the most engaged, the most actions, the most overdue, the most synergies and the
/// nearest event first; ties by name.
pub fn sort<T>(rows: &mut [T], key: SortKey, row: impl Fn(&T) -> Option<&ZoneRow>) {
    let name = |r: Option<&ZoneRow>| {
        r.map(|r| super::clean::folded(&r.title))
            .unwrap_or_default()
    };
    rows.sort_by(|a, b| {
        let (ra, rb) = (row(a), row(b));
        let by = match (ra, rb) {
            (Some(x), Some(y)) => match key {
                SortKey::Zone => std::cmp::Ordering::Equal,
                SortKey::Stage => x.stage.rank().cmp(&y.stage.rank()),
                SortKey::Engaged => y.engaged.cmp(&x.engaged),
                SortKey::Actions => (y.done + y.open).cmp(&(x.done + x.open)),
                SortKey::Overdue => y.overdue.cmp(&x.overdue),
                SortKey::Synergies => {
                    let n = |r: &ZoneRow| r.synergies.iter().sum::<usize>();
                    n(y).cmp(&n(x))
                }
                SortKey::Next => match (&x.next, &y.next) {
                    (Some(a), Some(b)) => a.0.cmp(&b.0),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                },
            },
            // A file that does not read goes last.
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        by.then_with(|| name(ra).cmp(&name(rb)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionLine, Due, Op, Participant, Phase};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn zone() -> Session {
        let mut s = Session::new("Éco-parc des Forges", "ZA des Forges");
        s.zone.companies = 40;
        s.apply(s.add_theme_op("Mobilité")).unwrap();
        s.apply(s.add_theme_op("Déchets")).unwrap();
        for (id, org) in [
            (1, "Scierie Vallet"),
            (2, "Scierie Vallet"),
            (3, "Laiterie du Val"),
        ] {
            s.apply(Op::AddParticipant {
                index: 9,
                participant: Participant {
                    id,
                    name: format!("P{id}"),
                    organisation: org.into(),
                    role: Role::Company,
                    email: None,
                    choices: Vec::new(),
                },
            })
            .unwrap();
        }
        s
    }

    #[test]
    fn a_new_zone_is_in_preparation_with_nothing_counted() {
        let r = row(&zone(), day("2027-01-10"));
        assert_eq!(r.stage, Stage::Preparation);
        assert_eq!((r.engaged, r.companies), (0, 40));
        assert_eq!((r.done, r.open, r.overdue), (0, 0, 0));
        assert_eq!(r.next, None);
    }

    #[test]
    fn companies_actions_stages_and_the_next_event_are_counted() {
        let mut s = zone();
        for (p, theme) in [(1, 1), (2, 2), (3, 2)] {
            s.apply(Op::SetEnrolled {
                theme,
                participant: p,
                enrolled: true,
            })
            .unwrap();
        }
        for (id, status, due) in [
            (1, Status::Done, None),
            (2, Status::Todo, Some("2027-01-01")),
            (3, Status::InProgress, Some("2027-03-01")),
            (4, Status::Abandoned, Some("2026-01-01")),
        ] {
            let mut l = ActionLine::new(id, 1);
            l.status = status;
            if let Some(d) = due {
                l.due = Due::Date(day(d));
            }
            s.apply(Op::AddLine {
                theme: 1,
                index: 9,
                line: l,
            })
            .unwrap();
        }
        s.apply(Op::SetWorkshopDate {
            workshop: 1,
            date: Some(day("2027-02-04")),
        })
        .unwrap();
        assert_eq!(row(&s, day("2027-01-10")).stage, Stage::Preparation);
        let now = chrono::DateTime::parse_from_rfc3339("2027-02-04T09:00:00+01:00").unwrap();
        let t = s.goto_step(Phase::Presentation { theme: 1 }, now).unwrap();
        if let Some(op) = t.op {
            s.apply(op).unwrap();
        }
        let r = row(&s, day("2027-01-10"));
        // Two people of one company count once.
        assert_eq!(r.engaged, 2);
        assert_eq!((r.done, r.open, r.overdue), (1, 2, 1));
        assert_eq!(r.stage, Stage::Workshop(1));
        assert_eq!(r.next, Some((day("2027-02-04"), Event::Workshop(1))));
        // Past its date, the workshop is no next event.
        assert_eq!(row(&s, day("2027-02-05")).next, None);
        let now = chrono::DateTime::parse_from_rfc3339("2027-02-04T17:00:00+01:00").unwrap();
        let t = s.goto_step(Phase::Closed, now).unwrap();
        if let Some(op) = t.op {
            s.apply(op).unwrap();
        }
        assert_eq!(row(&s, day("2027-01-10")).stage, Stage::FollowUp);
    }

    #[test]
    fn sorting_puts_the_chosen_column_first_and_unreadable_files_last() {
        let today = day("2027-01-10");
        let mut a = row(&zone(), today);
        a.title = "Bois".into();
        a.overdue = 1;
        let mut b = a.clone();
        b.title = "Écluse".into();
        b.overdue = 3;
        let mut rows = vec![None, Some(a.clone()), Some(b.clone())];
        sort(&mut rows, SortKey::Zone, |r| r.as_ref());
        let names: Vec<_> = rows
            .iter()
            .map(|r| r.as_ref().map(|r| r.title.as_str()))
            .collect();
        assert_eq!(names, [Some("Bois"), Some("Écluse"), None]);
        let mut rows = vec![Some(a), Some(b)];
        sort(&mut rows, SortKey::Overdue, |r| r.as_ref());
        assert_eq!(rows[0].as_ref().unwrap().overdue, 3);
        assert_eq!(SortKey::Next.next(), SortKey::Zone);
    }
}
