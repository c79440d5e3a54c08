//! Suivi › Synergies: the board's and the sheet's keys, and a synergy created in one key
//! from the board, a poster line or a rencontre's synergy lead.

use rust_i18n::t;

use super::model::{FollowUp, View};
use super::synergies::{self as model, Board, Sheet, SheetRow};
use crate::app::update::{apply, flash};
use crate::app::{Action, State};
use crate::domain::synergy::{Member, MemberRole, Stage, Synergy, SynergyId, SynergyKind};
use crate::domain::{LineId, NeedId, NeedKind, Op, cycle};
use crate::overlays::editor::model::EditTarget;
use crate::overlays::editor::update::open_editor;

/// A key on the Synergies view: the sheet's when one is open, else the board's.
pub(crate) fn synergies_action(state: &mut State, f: &mut FollowUp, action: Action) {
    // A sheet whose synergy went (undone, removed elsewhere) is closed.
    if let Some(sh) = f.synergies.sheet
        && state.session.synergy(sh.id).is_none()
    {
        f.synergies.sheet = None;
    }
    match f.synergies.sheet {
        Some(sh) => sheet_action(state, &mut f.synergies, sh, action),
        None => board_action(state, f, action),
    }
    clamp(state, &mut f.synergies);
}

fn clamp(state: &State, b: &mut Board) {
    b.column = b.column.min(Stage::ALL.len() - 1);
    let n = model::column(&state.session, &b.filter, b.stage()).len();
    b.row = b.row.min(n.saturating_sub(1));
    if let Some(sh) = b.sheet.as_mut()
        && let Some(x) = state.session.synergy(sh.id)
    {
        sh.row = sh.row.min(model::sheet_rows(x).len().saturating_sub(1));
    }
}

fn board_action(state: &mut State, f: &mut FollowUp, action: Action) {
    let b = &mut f.synergies;
    let selected = model::selected(&state.session, b);
    match action {
        Action::Back => state.followup = None,
        Action::NextTab | Action::PrevTab => {
            f.view = cycle(&View::ALL, &f.view, action == Action::NextTab).unwrap_or_default();
            f.row = 0;
        }
        Action::Left => {
            b.column = b.column.saturating_sub(1);
            b.row = 0;
        }
        Action::Right => {
            b.column = (b.column + 1).min(Stage::ALL.len() - 1);
            b.row = 0;
        }
        Action::Up => b.row = b.row.saturating_sub(1),
        Action::Down => b.row += 1,
        Action::CycleFilter => {
            b.filter = cycle(&model::filters(&state.session), &b.filter, true).unwrap_or_default();
            b.row = 0;
        }
        Action::Activate => match selected {
            Some(id) => b.sheet = Some(Sheet { id, row: 0 }),
            None => flash(state, t!("synergy.flash.none").into_owned(), false),
        },
        Action::Add => open_editor(state, EditTarget::NewSynergy),
        Action::Delete => {
            if let Some(id) = selected
                && apply(state, Op::RemoveSynergy(id))
            {
                flash(state, t!("flash.deleted").into_owned(), false);
            }
        }
        Action::StageNext | Action::StagePrev | Action::Abandon => {
            if let Some(id) = selected {
                move_stage(state, b, id, action);
            }
        }
        _ => {}
    }
}

fn sheet_action(state: &mut State, b: &mut Board, sh: Sheet, action: Action) {
    let Some(x) = state.session.synergy(sh.id).cloned() else {
        return;
    };
    let rows = model::sheet_rows(&x);
    let row = rows.get(sh.row).copied();
    let set_row = |b: &mut Board, r: usize| {
        if let Some(s) = b.sheet.as_mut() {
            s.row = r;
        }
    };
    match action {
        Action::Back => {
            b.sheet = None;
            model::select(&state.session, b, sh.id);
        }
        Action::Up => set_row(b, sh.row.saturating_sub(1)),
        Action::Down => set_row(b, (sh.row + 1).min(rows.len().saturating_sub(1))),
        Action::StageNext | Action::StagePrev | Action::Abandon => {
            move_stage(state, b, sh.id, action)
        }
        Action::CycleKind => cycle_kind(state, &x),
        Action::CycleGroup => cycle_group(state, &x),
        Action::Add => open_editor(state, EditTarget::SynergyImpact(x.id)),
        Action::Delete => match row {
            Some(SheetRow::Impact(i)) if i < x.impacts.len() => {
                let mut y = x.clone();
                y.impacts.remove(i);
                if apply(state, Op::UpdateSynergy(y)) {
                    flash(state, t!("flash.deleted").into_owned(), false);
                }
            }
            _ => flash(state, t!("synergy.flash.not_an_impact").into_owned(), false),
        },
        Action::Activate => match row {
            Some(SheetRow::Title) => open_editor(state, EditTarget::SynergyTitle(x.id)),
            Some(SheetRow::Kind) => cycle_kind(state, &x),
            Some(SheetRow::Stage) => {
                flash(state, t!("synergy.flash.stage_keys").into_owned(), false)
            }
            Some(SheetRow::Pilot) => open_editor(state, EditTarget::SynergyPilot(x.id)),
            Some(SheetRow::Members) => open_editor(state, EditTarget::SynergyMembers(x.id)),
            Some(SheetRow::Group) => cycle_group(state, &x),
            Some(SheetRow::Impact(_)) => {
                flash(state, t!("synergy.flash.impact_keys").into_owned(), false)
            }
            Some(SheetRow::NewImpact) => open_editor(state, EditTarget::SynergyImpact(x.id)),
            Some(SheetRow::Note) => open_editor(state, EditTarget::SynergyNote(x.id)),
            None => {}
        },
        _ => {}
    }
}

fn cycle_kind(state: &mut State, x: &Synergy) {
    let kind = cycle(&SynergyKind::ALL, &x.kind, true).unwrap_or_default();
    apply(state, Op::UpdateSynergy(Synergy { kind, ..x.clone() }));
}

/// No group, then each group in turn.
fn cycle_group(state: &mut State, x: &Synergy) {
    let mut all = vec![None];
    all.extend(state.session.themes.iter().map(|t| Some(t.id)));
    let group = cycle(&all, &x.group, true).unwrap_or_default();
    apply(state, Op::UpdateSynergy(Synergy { group, ..x.clone() }));
}

/// `>` and `<`: the next or previous stage, dated; `X`: abandoned, the reason asked for
/// first. The board's cursor follows the card.
fn move_stage(state: &mut State, b: &mut Board, id: SynergyId, action: Action) {
    let Some(x) = state.session.synergy(id) else {
        return;
    };
    let now = x.stage();
    let to = match action {
        Action::StageNext => now.next(),
        Action::StagePrev => now.previous(),
        _ => {
            if now == Stage::Abandoned {
                flash(
                    state,
                    t!("synergy.flash.already_abandoned").into_owned(),
                    false,
                );
            } else {
                open_editor(state, EditTarget::SynergyAbandon(id));
            }
            return;
        }
    };
    let Some(event) = x.stage_event(to, "", state.now) else {
        let why = match (now, action) {
            (Stage::Abandoned, _) => "synergy.flash.abandoned_back",
            (_, Action::StageNext) => "synergy.flash.at_end",
            _ => "synergy.flash.at_start",
        };
        flash(state, t!(why).into_owned(), false);
        return;
    };
    if apply(state, Op::AddSynergyEvent { synergy: id, event }) {
        if b.sheet.is_none() {
            model::select(&state.session, b, id);
        }
        flash(
            state,
            t!("synergy.flash.moved", stage = t!(to.label_key())).into_owned(),
            false,
        );
    }
}

/// After an undo or a redo: the board's cursor goes to the synergy it changed, so that a
/// stage put back is seen where it went.
pub(crate) fn follow(state: &mut State, op: &Op) {
    let id = match op {
        Op::AddSynergyEvent { synergy, .. } | Op::RemoveSynergyEvent { synergy, .. } => *synergy,
        Op::UpdateSynergy(x) | Op::AddSynergy { synergy: x, .. } => x.id,
        _ => return,
    };
    follow_id(state, id);
}

fn follow_id(state: &mut State, id: SynergyId) {
    if let Some(f) = state.followup.as_mut()
        && f.view == View::Synergies
        && f.synergies.sheet.is_none()
    {
        model::select(&state.session, &mut f.synergies, id);
    }
}

/// A synergy was just abandoned (its reason typed): said, the cursor following it.
pub(crate) fn abandoned(state: &mut State, id: SynergyId) {
    follow_id(state, id);
    flash(
        state,
        t!(
            "synergy.flash.moved",
            stage = t!(Stage::Abandoned.label_key())
        )
        .into_owned(),
        false,
    );
}

/// A synergy was just created: said, and the board's cursor put on it when it is on screen.
pub(crate) fn created(state: &mut State, id: SynergyId) {
    let Some(title) = state.session.synergy(id).map(|x| x.title.clone()) else {
        return;
    };
    if let Some(f) = state.followup.as_mut()
        && f.view == View::Synergies
    {
        f.synergies.sheet = None;
        model::select(&state.session, &mut f.synergies, id);
    }
    flash(
        state,
        t!("synergy.flash.created", title = crate::text::quoted(&title)).into_owned(),
        false,
    );
}

/// Adds `x` to the register and says so.
fn create(state: &mut State, mut x: Synergy) {
    // Dated, so that a bilan of an earlier period leaves it out.
    x.created = Some(state.now);
    let id = x.id;
    let op = Op::AddSynergy {
        index: state.session.synergies.len(),
        synergy: x,
    };
    if apply(state, op) {
        created(state, id);
    }
}

/// The synergy already made from this line or lead, said instead of a second one.
fn exists(state: &mut State, found: Option<String>) -> bool {
    let Some(title) = found else {
        return false;
    };
    flash(
        state,
        t!("synergy.flash.exists", title = crate::text::quoted(&title)).into_owned(),
        false,
    );
    true
}

/// `S` on a poster line (in the poster or in Suivi › Actions): a synergy titled from its
/// solution (else its action), in the line's group, served by the line, its owners'
/// organisations as participants.
pub(crate) fn from_line(state: &mut State, line: LineId) {
    let s = &state.session;
    let Some(l) = s.line(line) else {
        return;
    };
    let title = [&l.solution, &l.action]
        .into_iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty())
        .unwrap_or("")
        .to_string();
    let members: Vec<Member> = model::line_organisations(s, &l.owners)
        .into_iter()
        .map(|organisation| Member {
            organisation,
            role: MemberRole::Participant,
        })
        .collect();
    let mut x = Synergy::new(s.next_synergy_id(), title, SynergyKind::Substitution);
    x.group = s.group_of_line(line);
    x.lines = vec![line];
    x.members = members;
    let found = s
        .synergies
        .iter()
        .find(|y| y.lines.contains(&line))
        .map(|y| y.title.clone());
    if exists(state, found) {
        return;
    }
    if x.title.is_empty() {
        flash(state, t!("synergy.flash.empty_line").into_owned(), false);
        return;
    }
    create(state, x);
}

/// `S` on a synergy lead of the catalogue (Préparation › Besoins): a substitution titled
/// from its text, grown from it (`lead`), in its theme's group when it has one.
pub(crate) fn from_need(state: &mut State, need: NeedId) {
    let s = &state.session;
    let Some(n) = s.needs.iter().find(|n| n.id == need) else {
        return;
    };
    if n.kind != NeedKind::Synergy {
        flash(state, t!("synergy.flash.not_a_lead").into_owned(), false);
        return;
    }
    if n.text.trim().is_empty() {
        flash(state, t!("synergy.flash.empty_line").into_owned(), false);
        return;
    }
    let (text, theme) = (n.text.trim().to_string(), n.theme);
    let found = s
        .synergies
        .iter()
        .find(|x| x.lead == Some(need))
        .map(|x| x.title.clone());
    if exists(state, found) {
        return;
    }
    let mut x = Synergy::new(
        state.session.next_synergy_id(),
        text,
        SynergyKind::Substitution,
    );
    x.lead = Some(need);
    x.group = theme.filter(|t| state.session.group(*t).is_some());
    create(state, x);
}
