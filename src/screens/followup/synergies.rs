//! Suivi › Synergies: the register of synergies as a board, one column a stage, filtered by
//! group, type or organisation; and the sheet of one synergy, its rows in screen order.

use chrono::NaiveDate;
use rust_i18n::t;

use crate::domain::synergy::{Stage, Synergy, SynergyId, SynergyKind, same_name};
use crate::domain::{Session, ThemeId};

use super::model::is_overdue;

/// The board's cursor and filter, and the sheet open over it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    /// The column: a position in [`Stage::ALL`].
    pub column: usize,
    /// The card in that column.
    pub row: usize,
    pub filter: Filter,
    pub sheet: Option<Sheet>,
}

/// One synergy's sheet, and its row under the cursor (a position in [`sheet_rows`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sheet {
    pub id: SynergyId,
    pub row: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    Group(ThemeId),
    Kind(SynergyKind),
    /// Synergies this organisation is in (a member or a pilot, now or before).
    Organisation(String),
}

impl Board {
    pub fn stage(&self) -> Stage {
        Stage::ALL.get(self.column).copied().unwrap_or_default()
    }
}

/// The filters in the order `x` cycles through them: all, each group with a synergy, each
/// type in use, each organisation named.
pub fn filters(s: &Session) -> Vec<Filter> {
    let mut v = vec![Filter::All];
    v.extend(
        s.themes
            .iter()
            .filter(|t| s.synergies.iter().any(|x| x.group == Some(t.id)))
            .map(|t| Filter::Group(t.id)),
    );
    v.extend(
        SynergyKind::ALL
            .iter()
            .filter(|k| s.synergies.iter().any(|x| x.kind == **k))
            .map(|k| Filter::Kind(*k)),
    );
    let mut orgs: Vec<&str> = Vec::new();
    for o in s.synergies.iter().flat_map(|x| x.organisations()) {
        if !orgs.iter().any(|x| same_name(x, o)) {
            orgs.push(o);
        }
    }
    orgs.sort_by_key(|o| o.to_lowercase());
    v.extend(
        orgs.into_iter()
            .map(|o| Filter::Organisation(o.to_string())),
    );
    v
}

pub fn filter_label(s: &Session, f: &Filter) -> String {
    match f {
        Filter::All => t!("synergy.filter.all").into_owned(),
        Filter::Group(id) => group_label(s, Some(*id)),
        Filter::Kind(k) => t!("synergy.filter.kind", kind = t!(k.label_key())).into_owned(),
        Filter::Organisation(o) => t!("synergy.filter.organisation", name = o).into_owned(),
    }
}

fn passes(x: &Synergy, f: &Filter) -> bool {
    match f {
        Filter::All => true,
        Filter::Group(g) => x.group == Some(*g),
        Filter::Kind(k) => x.kind == *k,
        Filter::Organisation(o) => x.organisations().iter().any(|n| same_name(n, o)),
    }
}

/// The synergies the filter shows, in the register's order.
pub fn shown<'a>(s: &'a Session, f: &Filter) -> Vec<&'a Synergy> {
    s.synergies.iter().filter(|x| passes(x, f)).collect()
}

/// The cards of one column.
pub fn column<'a>(s: &'a Session, f: &Filter, stage: Stage) -> Vec<&'a Synergy> {
    s.synergies
        .iter()
        .filter(|x| x.stage() == stage && passes(x, f))
        .collect()
}

/// The synergy under the board's cursor.
pub fn selected(s: &Session, b: &Board) -> Option<SynergyId> {
    column(s, &b.filter, b.stage()).get(b.row).map(|x| x.id)
}

/// The board's cursor on synergy `id` (its column and row), the filter left as it is when
/// it shows it, else dropped.
pub fn select(s: &Session, b: &mut Board, id: SynergyId) {
    let Some(x) = s.synergy(id) else {
        return;
    };
    if !passes(x, &b.filter) {
        b.filter = Filter::All;
    }
    let stage = x.stage();
    b.column = Stage::ALL.iter().position(|st| *st == stage).unwrap_or(0);
    b.row = column(s, &b.filter, stage)
        .iter()
        .position(|c| c.id == id)
        .unwrap_or(0);
}

/// How many of its action lines are overdue on `today`.
pub fn overdue_lines(s: &Session, x: &Synergy, today: NaiveDate) -> usize {
    x.lines
        .iter()
        .filter_map(|id| s.line(*id))
        .filter(|l| is_overdue(l, today))
        .count()
}

/// « 2 Mobilité », or « sans groupe ».
pub fn group_label(s: &Session, group: Option<ThemeId>) -> String {
    match group.and_then(|g| s.themes.iter().position(|t| t.id == g).map(|i| (g, i))) {
        Some((g, i)) => {
            let title = s.theme(g).map(|t| t.title.as_str()).unwrap_or("");
            format!("{} {title}", i + 1)
        }
        None => t!("synergy.no_group").into_owned(),
    }
}

/// The rows of a sheet the cursor stops on: each is edited with Enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetRow {
    Title,
    /// Enter cycles the type (`k` too).
    Kind,
    /// Shown with its date; `>` and `<` move it.
    Stage,
    /// Enter hands it over (a dated event).
    Pilot,
    Members,
    /// Enter cycles the group (`g` too).
    Group,
    /// An impact, by position; `d` removes it.
    Impact(usize),
    /// Enter (or `a`) adds an impact.
    NewImpact,
    Note,
}

pub fn sheet_rows(x: &Synergy) -> Vec<SheetRow> {
    let mut v = vec![
        SheetRow::Title,
        SheetRow::Kind,
        SheetRow::Stage,
        SheetRow::Pilot,
        SheetRow::Members,
        SheetRow::Group,
    ];
    // Estimated first, then measured: the sheet shows them apart.
    for measured in [false, true] {
        v.extend(
            x.impacts
                .iter()
                .enumerate()
                .filter(|(_, i)| i.measured == measured)
                .map(|(k, _)| SheetRow::Impact(k)),
        );
    }
    v.push(SheetRow::NewImpact);
    v.push(SheetRow::Note);
    v
}

/// The organisations of a poster line's owners: a participant's organisation when the owner
/// is a participant's name, else the owner as written (« CC du Val d'Orge »), each once.
pub fn line_organisations(s: &Session, owners: &[crate::domain::Owner]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for o in owners {
        let who = o.who.trim();
        let org = s
            .participants
            .iter()
            .find(|p| same_name(&p.name, who))
            .map(|p| p.organisation.trim())
            .filter(|org| !org.is_empty())
            .unwrap_or(who);
        if !org.is_empty() && !out.iter().any(|x| same_name(x, org)) {
            out.push(org.to_string());
        }
    }
    out
}
