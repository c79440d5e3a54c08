//! The poster of a group (full screen in Groupes, and in Restitution): keys in, state out.

use rust_i18n::t;

use super::model::{Column, PosterCursor};
use crate::app::update::{apply, current_workshop_number, flash};
use crate::app::{Action, State};
use crate::domain::workshop::PhaseKind;
use crate::domain::{ActionLine, LineField, Op, Session, ThemeId};
use crate::overlays::editor::model::EditTarget;
use crate::overlays::editor::update::{open_editor, open_new};
use crate::overlays::picker::model::{PickTarget, Picker};

/// The rows of a poster as the cursor sees them: reactions, then lines.
pub(crate) fn poster_rows(s: &Session, theme: Option<ThemeId>) -> Vec<PosterCursor> {
    let Some(g) = theme.and_then(|t| s.group(t)) else {
        return Vec::new();
    };
    g.poster
        .reactions
        .iter()
        .map(|r| PosterCursor::Reaction(r.id))
        .chain(
            g.poster
                .lines
                .iter()
                .map(|l| PosterCursor::Line(l.id, Column::Solution)),
        )
        .collect()
}

pub fn first_cursor(s: &Session, theme: Option<ThemeId>) -> PosterCursor {
    let rows = poster_rows(s, theme);
    rows.iter()
        .find(|r| matches!(r, PosterCursor::Line(..)))
        .or(rows.first())
        .copied()
        .unwrap_or(PosterCursor::Nothing)
}

/// The cursor on another group's poster (Tab): the same kind of row at the same place (the
/// k-th reaction, or the k-th line in the same column) if that poster has one, else where
/// opening it puts the cursor (its first line).
fn same_place(
    s: &Session,
    from: Option<ThemeId>,
    cursor: PosterCursor,
    to: Option<ThemeId>,
) -> PosterCursor {
    let (Some(a), Some(b)) = (from.and_then(|t| s.group(t)), to.and_then(|t| s.group(t))) else {
        return first_cursor(s, to);
    };
    let (pa, pb) = (&a.poster, &b.poster);
    let found = match cursor {
        PosterCursor::Reaction(id) => pa
            .reaction_index(id)
            .and_then(|k| pb.reactions.get(k))
            .map(|r| PosterCursor::Reaction(r.id)),
        PosterCursor::Line(id, column) => pa
            .line_index(id)
            .and_then(|k| pb.lines.get(k))
            .map(|l| PosterCursor::Line(l.id, column)),
        PosterCursor::Nothing => None,
    };
    found.unwrap_or_else(|| first_cursor(s, to))
}

fn same_row(a: PosterCursor, b: PosterCursor) -> bool {
    match (a, b) {
        (PosterCursor::Line(x, _), PosterCursor::Line(y, _)) => x == y,
        (PosterCursor::Reaction(x), PosterCursor::Reaction(y)) => x == y,
        _ => false,
    }
}

fn poster_move(state: &mut State, delta: isize) {
    let rows = poster_rows(&state.session, state.poster_theme());
    if rows.is_empty() {
        state.poster = PosterCursor::Nothing;
        return;
    }
    let pos = rows
        .iter()
        .position(|r| same_row(*r, state.poster))
        .unwrap_or(0);
    let next = (pos as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
    let col = match state.poster {
        PosterCursor::Line(_, c) => c,
        _ => Column::Solution,
    };
    state.poster = match rows.get(next).copied() {
        Some(PosterCursor::Line(id, _)) => PosterCursor::Line(id, col),
        Some(other) => other,
        None => PosterCursor::Nothing,
    };
}

pub(crate) fn poster_action(state: &mut State, action: Action) {
    let Some(theme) = state.poster_theme() else {
        return;
    };
    let wn = current_workshop_number(state);
    match action {
        Action::Up => poster_move(state, -1),
        Action::Down => poster_move(state, 1),
        // The first action line (the reactions are above it), in the same column.
        Action::Home => {
            let col = match state.poster {
                PosterCursor::Line(_, c) => c,
                _ => Column::Solution,
            };
            state.poster = match first_cursor(&state.session, Some(theme)) {
                PosterCursor::Line(id, _) => PosterCursor::Line(id, col),
                other => other,
            };
        }
        Action::End => poster_move(state, isize::MAX / 2),
        Action::Left | Action::Right => {
            if let PosterCursor::Line(id, c) = state.poster {
                let i = c.index() as isize + if action == Action::Left { -1 } else { 1 };
                state.poster = PosterCursor::Line(id, Column::from_index(i.clamp(0, 4) as usize));
            }
        }
        Action::Activate => match state.poster {
            PosterCursor::Line(id, Column::Status) => cycle_status(state, id),
            PosterCursor::Line(line, column) => {
                open_editor(state, EditTarget::Cell { line, column })
            }
            PosterCursor::Reaction(id) => open_editor(state, EditTarget::Reaction(id)),
            PosterCursor::Nothing => add_line(state, theme, wn, false),
        },
        Action::Add => add_line(state, theme, wn, false),
        Action::AddBelow => add_line(state, theme, wn, true),
        Action::AddReaction => open_editor(state, EditTarget::NewReaction(theme)),
        Action::Delete => {
            let rows = poster_rows(&state.session, Some(theme));
            let pos = rows.iter().position(|r| same_row(*r, state.poster));
            let op = match state.poster {
                PosterCursor::Line(id, _) => Some(Op::DeleteLine(id)),
                PosterCursor::Reaction(id) => Some(Op::DeleteReaction(id)),
                PosterCursor::Nothing => None,
            };
            if let Some(op) = op
                && apply(state, op)
            {
                let rows = poster_rows(&state.session, Some(theme));
                let keep = pos.unwrap_or(0).min(rows.len().saturating_sub(1));
                state.poster = rows.get(keep).copied().unwrap_or(PosterCursor::Nothing);
                flash(state, t!("flash.deleted").into_owned(), false);
            }
        }
        Action::MoveUp | Action::MoveDown => {
            if let PosterCursor::Line(id, _) = state.poster
                && let Some(g) = state.session.group(theme)
                && let Some(i) = g.poster.line_index(id)
            {
                let to = if action == Action::MoveUp {
                    i.checked_sub(1)
                } else {
                    (i + 1 < g.poster.lines.len()).then_some(i + 1)
                };
                if let Some(to) = to {
                    apply(state, Op::MoveLine { line: id, to });
                }
            }
        }
        Action::CycleStatus => {
            if let PosterCursor::Line(id, _) = state.poster {
                cycle_status(state, id);
            }
        }
        Action::ShowHistory => {
            if let PosterCursor::Line(id, _) = state.poster {
                open_history_picker(state, id);
            }
        }
        Action::NewSynergy => match state.poster {
            PosterCursor::Line(id, _) => {
                crate::screens::followup::synergies_update::from_line(state, id)
            }
            _ => crate::app::update::flash(
                state,
                rust_i18n::t!("synergy.flash.no_line").into_owned(),
                false,
            ),
        },
        Action::Back => state.poster_open = None,
        Action::FocusNext | Action::FocusPrev => {
            if state.phase_kind() == PhaseKind::Restitution {
                state.notes_focus = true;
            } else {
                let n = state.group_themes().len().max(1);
                state.focus = if action == Action::FocusNext {
                    (state.focus + 1) % n
                } else {
                    (state.focus + n - 1) % n
                };
                let from = state.poster_open;
                state.poster_open = state.focused_theme();
                state.poster = same_place(&state.session, from, state.poster, state.poster_open);
            }
        }
        _ => {}
    }
}

pub(crate) fn cycle_status(state: &mut State, line: crate::domain::LineId) {
    let Some(l) = state.session.line(line) else {
        return;
    };
    let next = l.status.cycle();
    apply(
        state,
        Op::SetLine {
            line,
            field: LineField::Status(next),
        },
    );
}

/// A new line, at the end of the plan or, `below` the cursor's line (`o`, as in vi), under it;
/// the editor opens on its solution.
pub(crate) fn add_line(state: &mut State, theme: ThemeId, workshop: u32, below: bool) {
    let Some(g) = state.session.group(theme) else {
        return;
    };
    let index = match state.poster {
        PosterCursor::Line(id, _) if below => g.poster.line_index(id).map(|i| i + 1),
        _ => None,
    }
    .unwrap_or(g.poster.lines.len());
    let id = state.session.next_line_id();
    if apply(
        state,
        Op::AddLine {
            theme,
            index,
            line: ActionLine::new(id, workshop),
        },
    ) {
        state.poster = PosterCursor::Line(id, Column::Solution);
        open_new(
            state,
            EditTarget::Cell {
                line: id,
                column: Column::Solution,
            },
        );
    }
}

/// The texts a line lost to concurrent edits, newest first, to pick one back.
pub(crate) fn open_history_picker(state: &mut State, line: crate::domain::LineId) {
    let Some(l) = state.session.line(line) else {
        return;
    };
    if l.history.is_empty() {
        flash(state, t!("flash.no_history").into_owned(), false);
        return;
    }
    let options = l
        .history
        .iter()
        .enumerate()
        .rev()
        .map(|(i, h)| {
            let cell = t!(match h.field {
                crate::domain::poster::CellName::Solution => "poster.col.solution",
                crate::domain::poster::CellName::Action => "poster.col.action",
                crate::domain::poster::CellName::Owners => "poster.col.owners",
                crate::domain::poster::CellName::Due => "poster.col.due",
                crate::domain::poster::CellName::Status => "poster.col.status",
            });
            (
                Some(i as u32),
                t!(
                    "poster.history_entry",
                    cell = cell,
                    text = h.text,
                    by = h.replaced_by,
                    time = h.at.format("%H:%M")
                )
                .into_owned(),
            )
        })
        .collect();
    state.picker = Some(Picker::new(PickTarget::History(line), options));
}

#[cfg(test)]
mod tests {
    use super::{Column, PosterCursor};
    use crate::app::testing::{press, state_at};
    use crate::domain::{Phase, Status};

    #[test]
    fn a_adds_a_line_typed_and_validated_then_s_and_d() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        let theme = st.poster_open.expect("a poster open");
        let n = st.session.group(theme).unwrap().poster.lines.len();
        press(&mut st, "aNavette gare<Enter>");
        let lines = &st.session.group(theme).unwrap().poster.lines;
        assert_eq!(lines.len(), n + 1);
        let line = lines
            .iter()
            .find(|l| l.solution == "Navette gare")
            .expect("added");
        let id = line.id;
        assert_eq!(line.status, Status::Todo);
        press(&mut st, "s");
        assert_eq!(
            st.session.line(id).map(|l| l.status),
            Some(Status::InProgress)
        );
        press(&mut st, "d");
        assert!(st.session.line(id).is_none());
        press(&mut st, "u");
        assert!(st.session.line(id).is_some());
    }

    #[test]
    fn a_adds_at_the_end_and_o_under_the_selected_line() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        let theme = st.poster_open.expect("a poster open");
        let lines = |st: &crate::app::State| {
            st.session
                .group(theme)
                .map(|g| {
                    g.poster
                        .lines
                        .iter()
                        .map(|l| l.solution.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        };
        assert!(lines(&st).len() >= 2);
        // On the first line: a goes to the end, o right under the cursor's line.
        press(&mut st, "<Home>");
        while !matches!(st.poster, PosterCursor::Line(..)) {
            press(&mut st, "<Down>");
        }
        let PosterCursor::Line(first, _) = st.poster else {
            unreachable!()
        };
        press(&mut st, "aÀ la fin<Enter>");
        assert_eq!(lines(&st).last().map(String::as_str), Some("À la fin"));
        st.poster = PosterCursor::Line(first, Column::Solution);
        press(&mut st, "oDessous<Enter>");
        let at = st
            .session
            .group(theme)
            .and_then(|g| g.poster.line_index(first))
            .expect("first line");
        assert_eq!(lines(&st).get(at + 1).map(String::as_str), Some("Dessous"));
    }

    #[test]
    fn tab_to_the_next_poster_keeps_the_kind_and_place_of_the_row() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        let poster = |st: &crate::app::State| {
            st.poster_open
                .and_then(|t| st.session.group(t))
                .map(|g| g.poster.clone())
                .expect("a poster open")
        };
        // The second line, in the owners' column: the next poster's second line, same column.
        press(&mut st, "<Down><Right><Right>");
        assert!(matches!(st.poster, PosterCursor::Line(_, Column::Owners)));
        press(&mut st, "<Tab>");
        let p = poster(&st);
        assert!(p.lines.len() >= 2);
        assert_eq!(st.poster, PosterCursor::Line(p.lines[1].id, Column::Owners));
        // The second reaction: the next poster's second reaction.
        st.poster = PosterCursor::Reaction(p.reactions[1].id);
        press(&mut st, "<Tab>");
        let p = poster(&st);
        match p.reactions.get(1) {
            Some(r) => assert_eq!(st.poster, PosterCursor::Reaction(r.id)),
            None => assert!(matches!(st.poster, PosterCursor::Line(..))),
        }
        // A place the next poster does not have: its first line, as on opening it.
        let last = p.lines.last().expect("a line").id;
        st.poster = PosterCursor::Line(last, Column::Due);
        let n = p.lines.len();
        press(&mut st, "<Tab>");
        let p = poster(&st);
        if p.lines.len() < n {
            assert_eq!(
                st.poster,
                PosterCursor::Line(p.lines[0].id, Column::Solution)
            );
        }
    }

    #[test]
    fn home_goes_to_the_first_action_line_not_the_reactions() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        let theme = st.poster_open.expect("a poster open");
        let g = st.session.group(theme).expect("a group");
        assert!(!g.poster.reactions.is_empty());
        let first = g.poster.lines[0].id;
        press(&mut st, "<End><Right>");
        press(&mut st, "<Home>");
        assert_eq!(st.poster, PosterCursor::Line(first, Column::Action));
        // Up from there still reaches the reactions.
        press(&mut st, "<Up>");
        assert!(matches!(st.poster, PosterCursor::Reaction(_)));
    }

    #[test]
    fn esc_after_tab_drops_the_whole_line_being_added() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        let theme = st.poster_open.expect("a poster open");
        let poster = |st: &crate::app::State| st.session.group(theme).map(|g| g.poster.clone());
        let before = poster(&st);
        press(
            &mut st,
            "aNavette gare<Tab>Recenser les horaires<Tab>SAS Rochère<Esc>",
        );
        assert!(st.editor.is_none());
        assert_eq!(poster(&st), before);
        // Undo does not bring a half line back either: nothing of it is left to undo.
        press(&mut st, "u");
        assert_eq!(
            poster(&st).map(|p| p.lines.len()),
            before.as_ref().map(|p| p.lines.len())
        );
        // Validated, the whole line stays.
        let mut st = state_at(Phase::Groups { round: 1 });
        press(
            &mut st,
            "<Enter>aNavette gare<Tab>Recenser les horaires<Enter>",
        );
        let added = poster(&st)
            .and_then(|p| p.lines.last().cloned())
            .expect("added");
        assert_eq!(
            (added.solution.as_str(), added.action.as_str()),
            ("Navette gare", "Recenser les horaires")
        );
        // An existing line: Esc drops only the field being typed.
        press(&mut st, "<Enter><Tab> et encore<Esc>");
        let kept = poster(&st)
            .and_then(|p| p.lines.last().cloned())
            .expect("kept");
        assert_eq!(kept.solution, "Navette gare");
        assert_eq!(kept.action, "Recenser les horaires");
    }

    #[test]
    fn esc_closes_the_poster_and_tab_goes_to_the_next_group() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        let first = st.poster_open;
        press(&mut st, "<Tab>");
        assert!(st.poster_open.is_some());
        assert_ne!(st.poster_open, first);
        press(&mut st, "<Esc>");
        assert_eq!(st.poster_open, None);
    }
}
