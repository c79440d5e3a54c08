//! Suivi: every action line of every group, sorted and filtered; per-group follow-up (pilot,
//! members, meetings); a timeline of deadlines; planned against actual time.

use chrono::NaiveDate;
use rust_i18n::t;

use crate::domain::{ActionLine, LineId, Owner, Session, Status, ThemeId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Actions,
    /// The register of synergies as a board by stage.
    Synergies,
    Groups,
    Timeline,
    Chart,
    Bilan,
}

impl View {
    pub const ALL: [View; 6] = [
        View::Actions,
        View::Synergies,
        View::Groups,
        View::Timeline,
        View::Chart,
        View::Bilan,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            View::Actions => "followup.view.actions",
            View::Synergies => "followup.view.synergies",
            View::Groups => "followup.view.groups",
            View::Timeline => "followup.view.timeline",
            View::Chart => "followup.view.chart",
            View::Bilan => "bilan.tab",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Due,
    Group,
    Status,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Due => Sort::Group,
            Sort::Group => Sort::Status,
            Sort::Status => Sort::Due,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Sort::Due => "followup.sort.due",
            Sort::Group => "followup.sort.group",
            Sort::Status => "followup.sort.status",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Overdue,
    /// Lines whose due is text that is not a date (« demain »): never marked overdue.
    Undated,
    Group(ThemeId),
    /// Lines where this owner (by name) is one of the responsables.
    Owner(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUp {
    pub view: View,
    pub sort: Sort,
    pub filter: Filter,
    pub row: usize,
    /// The Synergies view: its board and the sheet open over it.
    pub synergies: super::synergies::Board,
    /// The Bilan view's period.
    pub period: super::bilan::Choice,
}

/// One row of the actions list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub theme: ThemeId,
    pub group_index: usize,
    pub line: &'a ActionLine,
    pub overdue: bool,
    /// A problem « hors atelier » raised at a rencontre, followed like an action.
    pub outside: bool,
}

impl Row<'_> {
    /// « 2 Mobilité », or « hors atelier ».
    pub fn group_label(&self, s: &Session) -> String {
        if self.outside {
            return t!("followup.outside").into_owned();
        }
        let title = s.theme(self.theme).map(|t| t.title.as_str()).unwrap_or("");
        format!("{} {title}", self.group_index + 1)
    }
}

/// A line is overdue when its deadline is past and it is neither done nor dropped.
pub fn is_overdue(line: &ActionLine, today: NaiveDate) -> bool {
    line.is_overdue(today)
}

/// The rows shown for a sort and a filter, on `today`.
pub fn rows<'a>(s: &'a Session, f: &FollowUp, today: NaiveDate) -> Vec<Row<'a>> {
    let mut out: Vec<Row> = s
        .themes
        .iter()
        .enumerate()
        .filter_map(|(i, t)| s.group(t.id).map(|g| (i, t, g)))
        .flat_map(|(i, t, g)| {
            g.poster.lines.iter().map(move |line| Row {
                theme: t.id,
                group_index: i,
                line,
                overdue: is_overdue(line, today),
                outside: false,
            })
        })
        .chain(s.outside_lines().map(|(_, line)| Row {
            theme: 0,
            group_index: s.themes.len(),
            line,
            overdue: is_overdue(line, today),
            outside: true,
        }))
        .filter(|r| match &f.filter {
            Filter::All => true,
            Filter::Overdue => r.overdue,
            Filter::Undated => r.line.due.is_undated(),
            Filter::Group(t) => r.theme == *t && !r.outside,
            Filter::Owner(name) => r.line.owners.iter().any(|o| &o.who == name),
        })
        .collect();
    let status_rank = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
    // Keys computed once per row (a sort compares each row many times); the sort is stable,
    // so equal keys keep the poster's order.
    match f.sort {
        // Dated lines first, soonest first; then free-text dues; then none.
        Sort::Due => out.sort_by_cached_key(|r| {
            let d = r.line.due.deadline();
            (d.is_none(), d, r.group_index)
        }),
        Sort::Group => out.sort_by_key(|r| r.group_index),
        Sort::Status => {
            out.sort_by_cached_key(|r| (status_rank(r.line.status), r.line.due.deadline()))
        }
    }
    out
}

/// The filters in the order `x` cycles through them: all, overdue, without a precise date,
/// each group, each owner.
pub fn filters(s: &Session) -> Vec<Filter> {
    let mut v = vec![Filter::All, Filter::Overdue, Filter::Undated];
    v.extend(s.themes.iter().map(|t| Filter::Group(t.id)));
    let mut owners: Vec<String> = s
        .groups
        .iter()
        .flat_map(|g| g.poster.lines.iter())
        .flat_map(|l| l.owners.iter().map(|o| o.who.clone()))
        .collect();
    owners.sort();
    owners.dedup();
    v.extend(owners.into_iter().map(Filter::Owner));
    v
}

pub fn filter_label(s: &Session, f: &Filter) -> String {
    match f {
        Filter::All => t!("followup.filter.all").into_owned(),
        Filter::Overdue => t!("followup.filter.overdue").into_owned(),
        Filter::Undated => t!("followup.filter.undated").into_owned(),
        Filter::Group(id) => s.theme(*id).map(|t| t.title.clone()).unwrap_or_default(),
        Filter::Owner(name) => t!("followup.filter.owner", name = name).into_owned(),
    }
}

/// The line under the cursor.
pub fn selected_line(s: &Session, f: &FollowUp, today: NaiveDate) -> Option<LineId> {
    rows(s, f, today).get(f.row).map(|r| r.line.id)
}

pub fn owners_text(line: &ActionLine) -> String {
    Owner::format_list(&line.owners)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Due;

    fn session() -> Session {
        crate::store::parse(
            include_str!("../../../sessions/exemple-za.ron"),
            std::path::Path::new("x"),
        )
        .unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn overdue_means_past_deadline_and_still_open() {
        let mut l = ActionLine::new(1, 1);
        l.due = Due::Month(2027, 2);
        assert!(!is_overdue(&l, day(2027, 2, 28)));
        assert!(is_overdue(&l, day(2027, 3, 1)));
        l.status = Status::Done;
        assert!(!is_overdue(&l, day(2027, 3, 1)));
        l.due = Due::Text("demain".into());
        l.status = Status::Todo;
        assert!(!is_overdue(&l, day(2030, 1, 1)));
        // A period is overdue the day after its last day.
        l.due = Due::parse("T2 2027");
        assert!(!is_overdue(&l, day(2027, 6, 30)));
        assert!(is_overdue(&l, day(2027, 7, 1)));
    }

    #[test]
    fn periods_sort_by_their_last_day_and_text_is_listed_without_a_date() {
        let mut s = session();
        let lines: Vec<LineId> = s
            .groups
            .iter()
            .flat_map(|g| g.poster.lines.iter().map(|l| l.id))
            .collect();
        for (id, due) in lines
            .iter()
            .zip(["30/06/2027", "fin 2026", "demain", "S1 2027"])
        {
            s.apply(crate::domain::Op::SetLine {
                line: *id,
                field: crate::domain::LineField::Due(Due::parse(due)),
            })
            .unwrap();
        }
        let today = day(2026, 12, 1);
        let r = rows(&s, &FollowUp::default(), today);
        let pos = |id: LineId| r.iter().position(|x| x.line.id == id).unwrap();
        // « fin 2026 » before « 30 juin 2027 » and « S1 2027 » (both 30 June, poster order).
        assert!(pos(lines[1]) < pos(lines[0]));
        assert!(pos(lines[0]) < pos(lines[3]));
        // « demain » after every dated line, and alone under « sans date précise ».
        assert!(
            r[..pos(lines[2])]
                .iter()
                .all(|x| x.line.due.deadline().is_some())
        );
        let undated = FollowUp {
            filter: Filter::Undated,
            ..Default::default()
        };
        let u = rows(&s, &undated, today);
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].line.id, lines[2]);
        assert!(filters(&s).contains(&Filter::Undated));
    }

    #[test]
    fn sort_by_due_puts_dated_lines_first_in_order() {
        let s = session();
        let f = FollowUp::default();
        let r = rows(&s, &f, day(2027, 2, 15));
        // Every poster line, and the problems « hors atelier » followed like them.
        let all: usize = s.groups.iter().map(|g| g.poster.lines.len()).sum::<usize>()
            + s.outside_lines().count();
        assert_eq!(r.len(), all);
        let dates: Vec<_> = r.iter().filter_map(|r| r.line.due.deadline()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        assert!(r.first().is_some_and(|x| x.line.due.deadline().is_some()));
    }

    #[test]
    fn filters_select_overdue_group_and_owner() {
        let s = session();
        let today = day(2027, 2, 15);
        let overdue = FollowUp {
            filter: Filter::Overdue,
            ..Default::default()
        };
        let r = rows(&s, &overdue, today);
        assert!(!r.is_empty());
        assert!(r.iter().all(|x| x.overdue));
        let g = FollowUp {
            filter: Filter::Group(2),
            ..Default::default()
        };
        assert!(rows(&s, &g, today).iter().all(|x| x.theme == 2));
        let fs = filters(&s);
        let owner = fs
            .iter()
            .find(|f| matches!(f, Filter::Owner(n) if n == "CC du Val d'Orge"))
            .unwrap();
        let o = FollowUp {
            filter: owner.clone(),
            ..Default::default()
        };
        let r = rows(&s, &o, today);
        assert!(r.len() >= 3);
        assert!(
            r.iter()
                .all(|x| x.line.owners.iter().any(|o| o.who == "CC du Val d'Orge"))
        );
    }
}
