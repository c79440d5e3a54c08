//! The text editor over a screen: typing, validating (with its checks), moving on.

use super::model::{self as edit, EditTarget, Editor};
use crate::app::key::{Key, KeyCode, KeyModifiers};
use crate::app::update::{apply_seen, current_workshop_number};
use crate::app::{Column, PosterCursor, State};
use crate::domain::Op;

pub(crate) fn open_editor(state: &mut State, target: EditTarget) {
    let text = edit::current_text(&state.session, current_workshop_number(state), target);
    // A number at zero is as good as unset: typing replaces it, validating empty keeps it.
    state.editor = Some(if target.is_number() && text.trim() == "0" {
        let dim = ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::DIM);
        Editor::with_placeholder(target, "0", dim)
    } else {
        Editor::new(target, &text)
    });
}

/// The editor on the first field of an item just added (see `Editor::adding`).
pub(crate) fn open_new(state: &mut State, target: EditTarget) {
    open_editor(state, target);
    if let Some(e) = state.editor.as_mut() {
        e.adding = true;
    }
}

pub(crate) fn edit_key(state: &mut State, key: Key) {
    // Shift-Tab (BackTab, with SHIFT from a terminal) is never text: back a field, as Tab goes
    // on to the next.
    if key.code == KeyCode::BackTab {
        if state.picker.is_none() {
            edit_prev(state);
        }
        return;
    }
    // Ctrl-C in a list being filtered: how to close it and quit, at once (a field's Ctrl-C is
    // bound in the keymap).
    if state.picker.is_some()
        && key.code == KeyCode::Char('c')
        && key.modifiers.contains(KeyModifiers::CONTROL)
    {
        let how = rust_i18n::t!("flash.interrupt_list").into_owned();
        crate::app::update::flash(state, how, true);
        return;
    }
    if let Some(p) = state.picker.as_mut() {
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                // In a numbered list, a digit chooses at once.
                if let Some(i) = c.is_ascii_digit().then(|| p.numbered_option(c)).flatten() {
                    p.selected = i;
                    crate::overlays::picker::update::picker_action(
                        state,
                        crate::app::Action::Activate,
                    );
                    return;
                }
                p.filter.push(c);
                p.selected = 0;
            }
            KeyCode::Backspace => {
                p.filter.pop();
                p.selected = 0;
            }
            _ => {}
        }
        return;
    }
    if let Some(e) = state.editor.as_mut() {
        // Ctrl-U clears the field, as in a shell (the text area would undo a character).
        if key.code == KeyCode::Char('u') && key.modifiers.contains(KeyModifiers::CONTROL) {
            e.textarea.select_all();
            e.textarea.cut();
            e.error = None;
            return;
        }
        // Enter never reaches the text area: cells are one paragraph.
        if key.code != KeyCode::Enter {
            e.textarea.input(key.to_input());
            e.error = None;
        }
    }
}

pub(crate) fn paste(state: &mut State, text: &str) {
    if let Some(p) = state.picker.as_mut() {
        p.filter.push_str(&edit::one_line(text));
        return;
    }
    if let Some(e) = state.editor.as_mut() {
        e.textarea.insert_str(edit::one_line(text));
        e.error = None;
    }
    // A paste outside text entry is ignored: it must never trigger keys or steps.
}

/// Stores the editor's text. Returns false (and keeps the editor open) if refused.
pub(crate) fn commit_editor(state: &mut State) -> bool {
    let Some(editor) = state.editor.as_ref() else {
        return true;
    };
    let target = editor.target;
    // Whatever reached the text area (typed, pasted, kept from a file), stored clean.
    let mut text = crate::domain::clean::stored(&editor.text()).into_owned();
    // Left empty, a new item keeps its placeholder (« Nouveau thème »).
    if let Some(p) = &editor.placeholder
        && text.trim().is_empty()
    {
        text = p.clone();
    }
    let original = editor.original.clone();
    let wn = current_workshop_number(state);
    let plenary = crate::screens::plenary::update::field_op(state, target, &text);
    let is_plenary = plenary.is_some();
    match plenary
        .unwrap_or_else(|| edit::commit_op_at(&state.session, wn, Some(state.now), target, &text))
    {
        Ok(Some(op)) if is_plenary => {
            state.editor = None;
            if apply_seen(state, op.clone(), None) {
                crate::screens::plenary::update::after_field(state, target, &op);
            }
            true
        }
        Ok(op) => {
            state.editor = None;
            if let Some(op) = op {
                let seen = overwritten_while_editing(state, wn, target, &original);
                let added = match &op {
                    Op::AddCard { card, .. } => Some(card.id),
                    _ => None,
                };
                let synergy = match &op {
                    Op::AddSynergy { synergy, .. } => Some(synergy.id),
                    _ => None,
                };
                let done = apply_seen(state, op, seen);
                if done
                    && let Some(m) = state.rencontre.as_mut()
                    && added.is_some()
                {
                    // The wall's cursor goes to the card just written.
                    m.card = added;
                }
                if done && let Some(id) = synergy {
                    crate::screens::followup::synergies_update::created(state, id);
                }
                if done && let EditTarget::SynergyAbandon(id) = target {
                    crate::screens::followup::synergies_update::abandoned(state, id);
                }
            }
            true
        }
        Err(reason) => {
            if let Some(e) = state.editor.as_mut() {
                e.error = Some(reason);
            }
            false
        }
    }
}

/// The editor was opened on `original`, but the cell now holds another process's text (it
/// arrived while typing): that text goes to the line's history, as a same-cell conflict on
/// save would put it, and the op that would set the cell back to `original` is returned, for
/// the save's merge to compare with what the file holds then.
fn overwritten_while_editing(
    state: &mut State,
    wn: u32,
    target: EditTarget,
    original: &str,
) -> Option<Op> {
    let EditTarget::Cell { line, .. } = target else {
        return None;
    };
    let current = edit::current_text(&state.session, wn, target);
    if current == original {
        return None;
    }
    let seen = edit::commit_op(&state.session, wn, target, original)
        .ok()
        .flatten()?;
    if let Op::SetLine { field, .. } = &seen
        && !current.is_empty()
    {
        let who = state.who.clone();
        state
            .session
            .keep_overwritten(line, field.cell(), current, who, state.now);
    }
    Some(seen)
}

/// Esc: what was typed is dropped. An item being added (`a`: a poster line, a participant,
/// a need, a theme) goes too, as if never added, with the fields Tab already stored: nothing
/// half-made stays.
pub(crate) fn cancel_editor(state: &mut State) {
    let Some(editor) = state.editor.take() else {
        return;
    };
    if !editor.adding {
        return;
    }
    let Some(created) = creation(editor.target) else {
        return;
    };
    // Back through this item's fields stored by Tab, to its creation.
    while let Some(last) = state.history.last() {
        let is_creation = match last {
            Op::Batch(ops) => ops.contains(&created),
            last => *last == created,
        };
        if !is_creation && !touches(last, editor.target) {
            break;
        }
        crate::app::update::undo_redo(state, true);
        if is_creation {
            break;
        }
    }
}

/// What undoes the creation of the item a field belongs to, for the items `a` adds.
fn creation(target: EditTarget) -> Option<Op> {
    use EditTarget as E;
    Some(match target {
        E::Cell { line, .. } => Op::DeleteLine(line),
        E::ParticipantName(id)
        | E::ParticipantOrg(id)
        | E::ParticipantEmail(id)
        | E::Choices(id) => Op::RemoveParticipant(id),
        E::NeedText(id) => Op::RemoveNeed(id),
        E::ThemeTitle(id) | E::ThemeConstat(id) | E::ThemeExpert(id) => Op::RemoveTheme(id),
        _ => return None,
    })
}

/// Whether an undo entry puts back a field of the item `target` belongs to.
fn touches(op: &Op, target: EditTarget) -> bool {
    use EditTarget as E;
    match (op, target) {
        (Op::Batch(ops), _) => !ops.is_empty() && ops.iter().all(|o| touches(o, target)),
        (Op::SetLine { line, .. }, E::Cell { line: l, .. }) => *line == l,
        (
            Op::UpdateParticipant(p),
            E::ParticipantName(id)
            | E::ParticipantOrg(id)
            | E::ParticipantEmail(id)
            | E::Choices(id),
        ) => p.id == id,
        (Op::UpdateNeed(n), E::NeedText(id)) => n.id == id,
        (Op::UpdateTheme(t), E::ThemeTitle(id) | E::ThemeConstat(id) | E::ThemeExpert(id)) => {
            t.id == id
        }
        _ => false,
    }
}

/// Tab in the editor: store, then edit the next cell of the line (a whole line typed in one go).
pub(crate) fn edit_next(state: &mut State) {
    let Some((target, adding)) = state.editor.as_ref().map(|e| (e.target, e.adding)) else {
        return;
    };
    if !commit_editor(state) {
        return;
    }
    // The next field of an item being added is still part of adding it.
    let open = |state: &mut State, next| {
        if adding {
            open_new(state, next)
        } else {
            open_editor(state, next)
        }
    };
    if let EditTarget::Cell { line, column } = target {
        let next = Column::from_index(column.index() + 1);
        state.poster = PosterCursor::Line(line, next);
        if next != Column::Status {
            open(state, EditTarget::Cell { line, column: next });
        }
        return;
    }
    // A new card: Tab goes on to its quantity.
    if let EditTarget::NewCard { rencontre, .. } = target {
        if let Some(card) = state.rencontre.as_ref().and_then(|m| m.card) {
            open_editor(state, EditTarget::CardQuantity(rencontre, card));
        }
        return;
    }
    // A card's quantity: Tab goes on to who raised it (that card alone).
    if let EditTarget::CardQuantity(_, card) = target {
        crate::screens::rencontre::update::pick_card_author(state, card);
        return;
    }
    if let Some(next) = next_field(target) {
        follow_cursor(state, next);
        open(state, next);
    }
}

/// The field Tab goes on to in the tables outside the poster: the next typed cell of the same
/// row (Thèmes, Participants), or the next typed row (Zone, a group's detail in Engagements).
/// Cells that cycle or pick (a role, the vocation, a rapporteur) are stepped over; at the end
/// of a row Tab only validates.
fn next_field(target: EditTarget) -> Option<EditTarget> {
    tab_order(target)
        .into_iter()
        .find(|(from, _)| *from == target)
        .map(|(_, to)| to)
}

/// The field Shift-Tab goes back to: Tab's order the other way; at the start of a row it only
/// validates.
fn prev_field(target: EditTarget) -> Option<EditTarget> {
    tab_order(target)
        .into_iter()
        .find(|(_, to)| *to == target)
        .map(|(from, _)| from)
}

/// The fields of `target`'s row (or fixed list) as (field, the one Tab goes on to).
fn tab_order(target: EditTarget) -> Vec<(EditTarget, EditTarget)> {
    use super::model::ZoneField as Z;
    use EditTarget as E;
    let chain = |fields: &[EditTarget]| {
        fields
            .windows(2)
            .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
            .collect()
    };
    match target {
        E::ThemeTitle(t) | E::ThemeConstat(t) | E::ThemeExpert(t) => {
            chain(&[E::ThemeTitle(t), E::ThemeConstat(t), E::ThemeExpert(t)])
        }
        E::ParticipantName(p) | E::ParticipantOrg(p) | E::ParticipantEmail(p) | E::Choices(p) => {
            chain(&[
                E::ParticipantName(p),
                E::ParticipantOrg(p),
                E::ParticipantEmail(p),
                E::Choices(p),
            ])
        }
        E::SessionTitle | E::Zone(_) => chain(&[
            E::SessionTitle,
            E::Zone(Z::Name),
            E::Zone(Z::Specialisation),
            E::Zone(Z::Companies),
            E::Zone(Z::CompanySize),
            E::Zone(Z::Since),
        ]),
        E::PilotName(t) | E::PilotContact(t) | E::NextSteps(t) | E::NextMeeting(t) => chain(&[
            E::PilotName(t),
            E::PilotContact(t),
            E::NextSteps(t),
            E::NextMeeting(t),
        ]),
        E::CardText(n, c) | E::CardQuantity(n, c) => {
            chain(&[E::CardText(n, c), E::CardQuantity(n, c)])
        }
        E::OutsideOwner(n, c) | E::OutsideDue(n, c) => {
            chain(&[E::OutsideOwner(n, c), E::OutsideDue(n, c)])
        }
        _ => Vec::new(),
    }
}

/// Shift-Tab in the editor: store, then edit the previous cell of the line or the previous
/// field. Nothing is typed: a terminal's Shift-Tab is never text.
fn edit_prev(state: &mut State) {
    let Some(target) = state.editor.as_ref().map(|e| e.target) else {
        return;
    };
    let prev = match target {
        EditTarget::Cell { line, column } => {
            column.index().checked_sub(1).map(|i| EditTarget::Cell {
                line,
                column: Column::from_index(i),
            })
        }
        other => prev_field(other),
    };
    if !commit_editor(state) {
        return;
    }
    let Some(prev) = prev else {
        return;
    };
    if let EditTarget::Cell { line, column } = prev {
        state.poster = PosterCursor::Line(line, column);
    }
    follow_cursor(state, prev);
    open_editor(state, prev);
}

/// Puts the screen's cursor on the field the editor moves to, so that the selection follows.
fn follow_cursor(state: &mut State, next: EditTarget) {
    use crate::screens::commitments::model::{FIELDS, index_of};
    use crate::screens::preparation::model::ZONE_ROWS;
    use EditTarget as E;
    match next {
        E::ThemeTitle(_) | E::ParticipantName(_) => state.prep.col = 0,
        E::ThemeConstat(_) | E::ParticipantOrg(_) => state.prep.col = 1,
        E::ThemeExpert(_) => state.prep.col = 2,
        E::ParticipantEmail(_) => state.prep.col = 3,
        E::Choices(_) => state.prep.col = 4,
        E::SessionTitle | E::Zone(_) => {
            if let Some(i) = ZONE_ROWS.iter().position(|r| r.editor() == Some(next)) {
                state.prep.row = i;
            }
        }
        E::PilotName(t) | E::PilotContact(t) | E::NextSteps(t) | E::NextMeeting(t) => {
            let people = state.session.participants.len();
            if let Some(row) = FIELDS.iter().find(|r| r.editor(t) == Some(next)) {
                state.commit.row = index_of(people, *row);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::EditTarget;
    use crate::app::PrepTab;
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;

    #[test]
    fn esc_cancels_what_was_typed_and_a_line_just_added() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>");
        let theme = st.poster_open.expect("a poster");
        let before = st.session.group(theme).map(|g| g.poster.clone());
        // A new line, typed in, then Esc: no line, no text.
        press(&mut st, "aNe pas garder<Esc>");
        assert!(st.editor.is_none());
        assert_eq!(st.session.group(theme).map(|g| g.poster.clone()), before);
        // An existing cell: what was typed is dropped, the cell keeps its text.
        while !matches!(st.poster, crate::app::PosterCursor::Line(..)) {
            press(&mut st, "<Down>");
        }
        press(&mut st, "<Enter> et encore<Esc>");
        assert_eq!(st.session.group(theme).map(|g| g.poster.clone()), before);
        // Enter and Tab keep it.
        press(&mut st, "<Enter> gardé<Enter>");
        assert!(st.session.group(theme).is_some_and(|g| {
            g.poster
                .lines
                .iter()
                .any(|l| l.solution.ends_with(" gardé"))
        }));
    }

    #[test]
    fn tab_types_a_whole_participant_in_one_go() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Participants {
            press(&mut st, "<Tab>");
        }
        press(
            &mut st,
            "aLéa Martin<Tab>SAS Laiterie du Val<Tab>lea@laiterie.fr<Tab>2<Enter>",
        );
        let p = st.session.participants.last().expect("added");
        assert_eq!(p.name, "Léa Martin");
        assert_eq!(p.organisation, "SAS Laiterie du Val");
        assert_eq!(p.email.as_deref(), Some("lea@laiterie.fr"));
        assert_eq!(p.choices.len(), 1);
        assert_eq!(st.prep.col, 4);
        assert!(st.editor.is_none());
    }

    #[test]
    fn tab_goes_down_the_zone_and_a_groups_commitments() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Zone {
            press(&mut st, "<Tab>");
        }
        press(&mut st, "<Down><Enter><Tab>");
        assert_eq!(
            st.editor.as_ref().map(|e| e.target),
            Some(EditTarget::Zone(
                super::super::model::ZoneField::Specialisation
            ))
        );
        assert_eq!(st.prep.row, 3);
        press(&mut st, "<Esc>");
        let mut st = state_at(Phase::Commitments);
        let theme = st.focused_theme().expect("a group");
        let people = st.session.participants.len();
        st.commit.row = people + 1;
        press(&mut st, "<Enter><Tab>");
        assert_eq!(
            st.editor.as_ref().map(|e| e.target),
            Some(EditTarget::PilotContact(theme))
        );
        assert_eq!(st.commit.row, people + 2);
    }

    #[test]
    fn a_new_theme_replaces_its_greyed_placeholder_and_ctrl_u_clears() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Themes {
            press(&mut st, "<Tab>");
        }
        // Typed over the placeholder, not after it.
        press(&mut st, "aMutualisation des achats<Enter>");
        let last = st.session.themes.last().expect("added");
        assert_eq!(last.title, "Mutualisation des achats");
        // Validated empty, the placeholder stays the title.
        press(&mut st, "a<Enter>");
        let last = st.session.themes.last().expect("added");
        assert_eq!(last.title, "Nouveau thème");
        // Ctrl-U clears what is in a field.
        press(&mut st, "<Enter>");
        let ctrl_u = crate::app::Key::new(
            crate::app::KeyCode::Char('u'),
            crate::app::KeyModifiers::CONTROL,
        );
        if let Some(a) = crate::app::keymap::action_for(st.mode(), ctrl_u) {
            crate::app::update(&mut st, a);
        }
        assert_eq!(st.editor.as_ref().map(|e| e.text()), Some(String::new()));
        press(&mut st, "Énergie<Enter>");
        assert_eq!(
            st.session.themes.last().map(|t| t.title.as_str()),
            Some("Énergie")
        );
    }

    #[test]
    fn esc_on_a_new_participant_removes_it() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Participants {
            press(&mut st, "<Tab>");
        }
        let n = st.session.participants.len();
        press(&mut st, "aLéa<Esc>");
        assert_eq!(st.session.participants.len(), n);
        // Even after Tab stored its name: nobody half-typed stays.
        press(&mut st, "aLéa Martin<Tab>SAS Laiterie<Esc>");
        assert_eq!(st.session.participants.len(), n);
        assert!(
            st.session
                .participants
                .iter()
                .all(|p| p.name != "Léa Martin")
        );
    }

    #[test]
    fn a_number_at_zero_is_replaced_by_what_is_typed() {
        use crate::screens::preparation::model::ZONE_ROWS;
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Zone {
            press(&mut st, "<Tab>");
        }
        st.session.zone.companies = 0;
        let target = EditTarget::Zone(super::super::model::ZoneField::Companies);
        st.prep.row = ZONE_ROWS
            .iter()
            .position(|r| r.editor() == Some(target))
            .expect("the companies row");
        press(&mut st, "<Enter>14");
        assert_eq!(st.editor.as_ref().map(|e| e.text()), Some("14".to_string()));
        press(&mut st, "<Enter>");
        assert_eq!(st.session.zone.companies, 14);
        // Validated empty, it stays 0; any other number is edited from where it is.
        st.session.zone.companies = 0;
        press(&mut st, "<Enter><Enter>");
        assert!(st.editor.is_none());
        assert_eq!(st.session.zone.companies, 0);
        st.session.zone.companies = 48;
        press(&mut st, "<Enter>");
        assert_eq!(st.editor.as_ref().map(|e| e.text()), Some("48".to_string()));
    }

    #[test]
    fn esc_after_tab_on_a_new_theme_removes_it() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Themes {
            press(&mut st, "<Tab>");
        }
        let before = (st.session.themes.clone(), st.session.groups.len());
        press(&mut st, "aÉnergie<Tab>Des toitures libres<Esc>");
        assert!(st.editor.is_none());
        assert_eq!((st.session.themes.clone(), st.session.groups.len()), before);
    }

    #[test]
    fn a_refused_value_keeps_the_editor_open_with_why() {
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Participants {
            press(&mut st, "<Tab>");
        }
        // A new participant; name, organisation, role: the e-mail is the fourth column.
        press(&mut st, "aLéa Martin<Enter><Right><Right><Right><Enter>");
        let last = st.session.participants.len() - 1;
        press(&mut st, "lea.martin<Enter>");
        let editor = st.editor.as_ref().expect("still open");
        assert!(editor.error.is_some());
        assert_eq!(st.session.participants[last].email, None);
        // Corrected, it is stored.
        press(&mut st, "@exemple.fr<Enter>");
        assert!(st.editor.is_none());
        assert_eq!(
            st.session.participants[last].email.as_deref(),
            Some("lea.martin@exemple.fr")
        );
    }

    #[test]
    fn shift_tab_goes_back_a_cell_and_never_types() {
        // A participant typed forwards, then back to the name with Shift-Tab (BackTab with
        // SHIFT, as terminals send it).
        let mut st = state_at(Phase::Preparation);
        while st.prep.tab != PrepTab::Participants {
            press(&mut st, "<Tab>");
        }
        press(&mut st, "aLéa Martin<Tab>SAS Laiterie<BackTab>");
        let p = st.session.participants.last().expect("added").clone();
        assert_eq!(p.organisation, "SAS Laiterie");
        assert_eq!(
            st.editor.as_ref().map(|e| (e.target, e.text())),
            Some((EditTarget::ParticipantName(p.id), "Léa Martin".to_string()))
        );
        assert_eq!(st.prep.col, 0);
        // At the start of the row it only validates; nothing was typed.
        press(&mut st, "<BackTab>");
        assert!(st.editor.is_none());
        let p = st.session.participants.last().expect("added");
        assert_eq!(p.name, "Léa Martin");
        // A poster line: from the action back to the solution.
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>aNavette<Tab>Chiffrer<BackTab>");
        assert_eq!(st.editor.as_ref().map(|e| e.text()), Some("Navette".into()));
        assert!(matches!(
            st.editor.as_ref().map(|e| e.target),
            Some(EditTarget::Cell {
                column: crate::app::Column::Solution,
                ..
            })
        ));
        press(&mut st, "<Enter>");
        assert!(
            st.session
                .groups
                .iter()
                .flat_map(|g| &g.poster.lines)
                .any(|l| l.solution == "Navette" && l.action == "Chiffrer")
        );
    }

    #[test]
    fn ctrl_c_in_a_list_says_how_to_close_it() {
        let mut st = state_at(Phase::Preparation);
        st.prep.col = 3;
        // The themes' rapporteur column: Enter opens the list of people, filtered as typed.
        press(&mut st, "<Enter>cl<C-c>");
        assert!(st.picker.is_some());
        let flash = st
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default();
        assert!(flash.contains("Échap ferme la liste"), "{flash}");
    }

    #[test]
    fn ctrl_c_in_a_field_says_how_to_leave_and_keeps_the_text() {
        let mut st = state_at(Phase::Groups { round: 1 });
        press(&mut st, "<Enter>aNavette<C-c>");
        assert_eq!(st.editor.as_ref().map(|e| e.text()), Some("Navette".into()));
        let flash = st
            .flash
            .as_ref()
            .map(|f| f.text.clone())
            .unwrap_or_default();
        assert!(flash.contains("Échap"), "{flash}");
        assert!(flash.contains("q quitte"), "{flash}");
    }
}
