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
fn create(state: &mut State, x: Synergy) {
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

#[cfg(test)]
mod tests {
    use crate::app::keymap::Mode;
    use crate::app::testing::{press, state_at};
    use crate::app::{PrepTab, State};
    use crate::domain::synergy::{Stage, Synergy, SynergyKind};
    use crate::domain::{Need, NeedKind, Op, Phase};

    fn flash(st: &State) -> String {
        st.flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default()
    }

    /// Suivi › Synergies, on the example after its workshop.
    fn board() -> State {
        let mut st = state_at(Phase::Closed);
        press(&mut st, "f<Tab>");
        assert_eq!(st.mode(), Mode::Synergies);
        st
    }

    fn add(st: &mut State, title: &str, group: Option<u32>) -> u32 {
        let id = st.session.next_synergy_id();
        let mut x = Synergy::new(id, title, SynergyKind::Pooling);
        x.group = group;
        st.session
            .apply(Op::AddSynergy {
                index: st.session.synergies.len(),
                synergy: x,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        id
    }

    fn stage(st: &State, id: u32) -> Stage {
        st.session
            .synergy(id)
            .map(|x| x.stage())
            .unwrap_or_default()
    }

    #[test]
    fn a_creates_a_synergy_at_idee_from_its_title_and_selects_it() {
        let mut st = board();
        press(&mut st, "a");
        assert_eq!(st.mode(), Mode::Edit);
        press(&mut st, "Palettes bois vers la chaufferie<Enter>");
        let x = st
            .session
            .synergies
            .last()
            .cloned()
            .unwrap_or_else(|| panic!("created"));
        assert_eq!(x.title, "Palettes bois vers la chaufferie");
        assert_eq!(x.stage(), Stage::Idea);
        assert_eq!(x.group, None);
        assert!(
            flash(&st).contains("Synergie créée\u{a0}: «\u{a0}Palettes bois"),
            "{}",
            flash(&st)
        );
        assert!(flash(&st).contains("(Suivi › Synergies)"));
        // The cursor is on it: Enter opens its sheet.
        press(&mut st, "<Enter>");
        assert_eq!(st.mode(), Mode::SynergySheet);
        // Undone, it goes, and the flash says what went.
        press(&mut st, "<Esc>u");
        assert!(st.session.synergies.is_empty());
        assert!(flash(&st).contains("Palettes bois"), "{}", flash(&st));
    }

    #[test]
    fn s_on_a_poster_line_makes_a_synergy_of_it_in_its_group_with_its_organisations() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        assert_eq!(st.mode(), Mode::Poster);
        let crate::app::PosterCursor::Line(line, _) = st.poster else {
            panic!("no line selected: {:?}", st.poster);
        };
        press(&mut st, "S");
        let x = st
            .session
            .synergies
            .last()
            .cloned()
            .unwrap_or_else(|| panic!("{}", flash(&st)));
        let l = st
            .session
            .line(line)
            .cloned()
            .unwrap_or_else(|| panic!("line"));
        assert_eq!(x.title, l.solution);
        assert_eq!(x.lines, vec![line]);
        assert_eq!(x.group, st.session.group_of_line(line));
        assert_eq!(x.members.len(), l.owners.len(), "{:?}", x.members);
        assert!(flash(&st).contains("Synergie créée"));
        // A second S says it exists rather than making a twin.
        press(&mut st, "S");
        assert_eq!(st.session.synergies.len(), 1);
        assert!(flash(&st).contains("Déjà une synergie"), "{}", flash(&st));
    }

    #[test]
    fn s_in_suivi_actions_makes_a_synergy_of_the_selected_line() {
        let mut st = state_at(Phase::Closed);
        press(&mut st, "f<Down>S");
        assert_eq!(st.session.synergies.len(), 1, "{}", flash(&st));
        let x = &st.session.synergies[0];
        assert_eq!(x.lines.len(), 1);
        assert!(x.group.is_some());
    }

    #[test]
    fn s_on_a_synergy_lead_of_the_catalogue_makes_a_substitution_grown_from_it() {
        let mut st = state_at(Phase::Preparation);
        let id = st.session.next_need_id();
        let need = Need {
            id,
            text: "Palettes de la menuiserie vers la chaufferie bois".into(),
            theme: None,
            kind: NeedKind::Synergy,
        };
        st.session
            .apply(Op::AddNeed { index: 0, need })
            .unwrap_or_else(|e| panic!("{e}"));
        while st.prep.tab != PrepTab::Needs {
            press(&mut st, "<Tab>");
        }
        // On a plain need, S says what it needs.
        press(&mut st, "<Down>S");
        assert!(st.session.synergies.is_empty());
        assert!(flash(&st).contains("piste de synergie"), "{}", flash(&st));
        press(&mut st, "<Up>S");
        let x = st
            .session
            .synergies
            .first()
            .cloned()
            .unwrap_or_else(|| panic!("{}", flash(&st)));
        assert_eq!(x.lead, Some(id));
        assert_eq!(x.kind, SynergyKind::Substitution);
        assert_eq!(x.title, "Palettes de la menuiserie vers la chaufferie bois");
        assert!(flash(&st).contains("Suivi › Synergies"));
    }

    #[test]
    fn stages_move_both_ways_dated_undo_puts_the_stage_back_abandon_asks_why() {
        let mut st = board();
        let id = add(&mut st, "Chaleur fatale", None);
        press(&mut st, ">>");
        assert_eq!(stage(&st, id), Stage::Decision);
        // The cursor followed the card to its column.
        assert_eq!(st.followup.as_ref().map(|f| f.synergies.column), Some(2));
        press(&mut st, "<lt>");
        assert_eq!(stage(&st, id), Stage::Study);
        let history = st.session.synergy(id).map(|x| x.history.len());
        assert_eq!(history, Some(3));
        press(&mut st, "u");
        assert_eq!(stage(&st, id), Stage::Decision);
        assert!(flash(&st).contains("Étude"), "{}", flash(&st));
        // Abandoned: the reason is asked for, and an empty one is refused.
        press(&mut st, "X");
        assert_eq!(st.mode(), Mode::Edit);
        press(&mut st, "<Enter>");
        assert!(st.editor.as_ref().is_some_and(|e| e.error.is_some()));
        assert_eq!(stage(&st, id), Stage::Decision);
        press(&mut st, "coût du transport<Enter>");
        assert_eq!(stage(&st, id), Stage::Abandoned);
        let reason = st
            .session
            .synergy(id)
            .and_then(|x| x.abandon_reason().map(str::to_string));
        assert_eq!(reason.as_deref(), Some("coût du transport"));
        assert_eq!(st.followup.as_ref().map(|f| f.synergies.column), Some(5));
        assert!(flash(&st).contains("Abandonnée"), "{}", flash(&st));
        // Taken up again: back to « idée ».
        press(&mut st, "<lt>");
        assert_eq!(stage(&st, id), Stage::Idea);
    }

    #[test]
    fn x_filters_the_board_by_group_type_and_organisation() {
        let mut st = board();
        let a = add(&mut st, "A", Some(1));
        let b = add(&mut st, "B", Some(2));
        let shown = |st: &State| {
            let f = st
                .followup
                .as_ref()
                .map(|f| f.synergies.filter.clone())
                .unwrap_or_default();
            super::model::column(&st.session, &f, Stage::Idea)
                .iter()
                .map(|x| x.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(shown(&st), vec![a, b]);
        press(&mut st, "x");
        assert_eq!(shown(&st), vec![a]);
        press(&mut st, "x");
        assert_eq!(shown(&st), vec![b]);
        // Then the type (both pooling), then back to all.
        press(&mut st, "x");
        assert_eq!(shown(&st), vec![a, b]);
        press(&mut st, "x");
        assert_eq!(
            st.followup.as_ref().map(|f| f.synergies.filter.clone()),
            Some(super::model::Filter::All)
        );
    }

    #[test]
    fn the_sheet_edits_kind_group_members_pilot_and_impacts_refusing_an_unknown_unit() {
        let mut st = board();
        let id = add(&mut st, "Palettes", None);
        press(&mut st, "<Enter>");
        assert_eq!(st.mode(), Mode::SynergySheet);
        press(&mut st, "kg");
        let x = st
            .session
            .synergy(id)
            .cloned()
            .unwrap_or_else(|| panic!("x"));
        assert_eq!(x.kind, SynergyKind::Energy);
        assert_eq!(x.group, Some(1));
        // Members: the fifth row.
        press(&mut st, "<Down><Down><Down><Down><Enter>");
        press(
            &mut st,
            "Scierie Vallet (fournisseur), Laiterie du Val (receiver)<Enter>",
        );
        let x = st
            .session
            .synergy(id)
            .cloned()
            .unwrap_or_else(|| panic!("x"));
        assert_eq!(x.members.len(), 2);
        // The pilot, handed over: a dated event.
        press(&mut st, "<Up><Enter>Laiterie du Val, Claire Morel<Enter>");
        let x = st
            .session
            .synergy(id)
            .cloned()
            .unwrap_or_else(|| panic!("x"));
        assert_eq!(x.pilot(), Some("Laiterie du Val"));
        // An impact in an unknown unit: refused, the units named, the text kept.
        press(&mut st, "a12 palettes<Enter>");
        let e = st.editor.as_ref().unwrap_or_else(|| panic!("still open"));
        let err = e.error.clone().unwrap_or_default();
        assert!(err.contains("palettes") && err.contains("t, kg"), "{err}");
        assert_eq!(e.text(), "12 palettes");
        press(&mut st, "<C-u>120 t/an estimé acier<Enter>");
        assert!(st.editor.is_none());
        let x = st
            .session
            .synergy(id)
            .cloned()
            .unwrap_or_else(|| panic!("x"));
        assert_eq!(x.impacts.len(), 1);
        assert_eq!(x.impacts[0].what, "acier");
        // Removed from its row, and back with u.
        let row = super::model::sheet_rows(&x)
            .iter()
            .position(|r| *r == super::SheetRow::Impact(0))
            .unwrap_or(0);
        if let Some(sh) = st
            .followup
            .as_mut()
            .and_then(|f| f.synergies.sheet.as_mut())
        {
            sh.row = row;
        }
        press(&mut st, "d");
        assert!(st.session.synergy(id).is_some_and(|x| x.impacts.is_empty()));
        press(&mut st, "u");
        assert!(st.session.synergy(id).is_some_and(|x| x.impacts.len() == 1));
        assert!(
            flash(&st).contains("fiche de la synergie"),
            "{}",
            flash(&st)
        );
    }
}
