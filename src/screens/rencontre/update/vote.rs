//! Vote: the dots, typed by number or name, within the vote's limits.

use super::*;

pub(super) fn vote(state: &mut State, action: Action) {
    let n = number(state);
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let themes: Vec<Candidate> = r.themes.clone();
    let revealed = r.revealed;
    if state.rencontre.as_ref().is_some_and(|m| m.entry.is_some()) {
        dot_entry(state, action, n);
        return;
    }
    let Some(m) = model(state) else { return };
    let row = m.vote_row.min(themes.len().saturating_sub(1));
    match action {
        Action::Up => m.vote_row = row.saturating_sub(1),
        Action::Down => m.vote_row = (row + 1).min(themes.len().saturating_sub(1)),
        Action::FocusGroup(k) if k >= 1 => {
            if let Some(t) = themes.get(usize::from(k) - 1) {
                m.vote_row = usize::from(k) - 1;
                m.entry = Some(DotEntry {
                    theme: t.id,
                    ..DotEntry::default()
                });
            } else {
                flash(state, t!("rgroup.no_theme", n = k).into_owned(), true);
            }
        }
        Action::Activate => {
            if let Some(t) = themes.get(row) {
                m.entry = Some(DotEntry {
                    theme: t.id,
                    ..DotEntry::default()
                });
            }
        }
        Action::Reveal => {
            apply(
                state,
                Op::SetRencontre {
                    rencontre: n,
                    field: RencontreField::Revealed(!revealed),
                },
            );
        }
        Action::Configure => open_editor(state, EditTarget::StepMinutes(n, StepKind::Vote)),
        Action::VoteRules => open_editor(state, EditTarget::VoteRules(n)),
        Action::Delete => {
            // The last dot put on the selected theme comes off.
            let last = themes.get(row).and_then(|t| {
                state
                    .open_rencontre()
                    .and_then(|r| r.dots.iter().rev().find(|d| d.theme == t.id))
                    .map(|d| d.id)
            });
            if let Some(dot) = last {
                apply(state, Op::RemoveDot { rencontre: n, dot });
            }
        }
        _ => {}
    }
}

/// Typing a dot: a number or letters; the dot is placed as soon as one person matches and
/// no longer number could still be meant, or on Enter.
pub(super) fn dot_entry(state: &mut State, action: Action, n: u32) {
    let Some(entry) = state.rencontre.as_mut().and_then(|m| m.entry.as_mut()) else {
        return;
    };
    match action {
        Action::Back => {
            if let Some(m) = model(state) {
                m.entry = None;
            }
        }
        Action::Up | Action::Down => {
            let theme = entry.theme;
            let themes: Vec<_> = state
                .open_rencontre()
                .map(|r| r.themes.iter().map(|t| t.id).collect())
                .unwrap_or_default();
            let i = themes.iter().position(|t| *t == theme).unwrap_or(0);
            let j = if action == Action::Up {
                i.saturating_sub(1)
            } else {
                (i + 1).min(themes.len().saturating_sub(1))
            };
            if let Some(m) = model(state) {
                m.vote_row = j;
                if let (Some(e), Some(t)) = (m.entry.as_mut(), themes.get(j)) {
                    e.theme = *t;
                    e.query.clear();
                    e.error = None;
                    e.done = None;
                }
            }
        }
        Action::EditKey(key) => {
            let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
            let waiting = match key.code {
                // Ctrl-U empties the entry, Ctrl-W takes its last word off, as in a shell.
                KeyCode::Char('u') if ctrl => {
                    entry.clear();
                    None
                }
                KeyCode::Char('w') if ctrl => {
                    entry.delete_word();
                    None
                }
                KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => {
                    if c.is_control() {
                        return;
                    }
                    entry.push(&state.session, c)
                }
                KeyCode::Backspace => {
                    entry.backspace();
                    None
                }
                _ => return,
            };
            if let Some(p) = waiting {
                place_dot(state, n, p);
                // The letter typed after the number starts the next name.
                if let Some(e) = model(state).and_then(|m| m.entry.as_mut()) {
                    e.done = None;
                }
            }
            let Some(entry) = state.rencontre.as_ref().and_then(|m| m.entry.as_ref()) else {
                return;
            };
            if entry.done.is_some() {
                return;
            }
            let query = entry.query.clone();
            let matches = dot_matches(&state.session, &query);
            if let [one] = matches.as_slice()
                && !number_may_grow(&state.session, &query)
            {
                place_dot(state, n, *one);
            }
        }
        Action::Activate => {
            // Enter after a name that got its dot ends it; on nothing typed, does nothing.
            if entry.done.is_some() || entry.query.trim().is_empty() {
                entry.query.clear();
                entry.done = None;
                return;
            }
            let query = entry.query.clone();
            let matches = dot_matches(&state.session, &query);
            match matches.as_slice() {
                [one] => place_dot(state, n, *one),
                [] => set_entry_error(state, t!("rvote.nobody", query = query).into_owned()),
                many => {
                    let names: Vec<String> = many
                        .iter()
                        .take(4)
                        .filter_map(|id| state.session.participant(*id))
                        .map(|p| p.name.clone())
                        .collect();
                    set_entry_error(
                        state,
                        t!("rvote.several", names = names.join(", ")).into_owned(),
                    );
                }
            }
        }
        _ => {}
    }
}

pub(super) fn set_entry_error(state: &mut State, text: String) {
    if let Some(e) = state.rencontre.as_mut().and_then(|m| m.entry.as_mut()) {
        e.error = Some(text);
    }
}

pub(super) fn place_dot(state: &mut State, n: u32, participant: crate::domain::ParticipantId) {
    let Some(theme) = state
        .rencontre
        .as_ref()
        .and_then(|m| m.entry.as_ref())
        .map(|e| e.theme)
    else {
        return;
    };
    let Some(r) = state.open_rencontre() else {
        return;
    };
    let name = state
        .session
        .participant(participant)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    if let Err(why) = r.can_vote(&state.session.participants, participant, theme) {
        let text = match why {
            DotRefusal::NoDotsLeft => {
                t!("rvote.no_dots_left", name = name, n = r.vote.per_person).into_owned()
            }
            DotRefusal::ThemeFull => {
                t!("rvote.theme_full", name = name, n = r.vote.per_theme).into_owned()
            }
            DotRefusal::UnknownTheme | DotRefusal::UnknownParticipant => {
                t!("rvote.nobody", query = name).into_owned()
            }
        };
        set_entry_error(state, text);
        // The rest of the name typed on is still this person's, not a new name.
        if let Some(e) = model(state).and_then(|m| m.entry.as_mut()) {
            e.done = Some((participant, e.query.len()));
        }
        return;
    }
    let title = r
        .candidate(theme)
        .map(|c| c.title.clone())
        .unwrap_or_default();
    let used = r.dots_of(participant) + 1;
    let per = r.vote.per_person;
    let dot = Dot {
        id: r.next_dot_id(),
        participant,
        theme,
    };
    if apply(state, Op::AddDot { rencontre: n, dot }) {
        // The entry stays on the theme for the next person; Esc closes it.
        if let Some(e) = model(state).and_then(|m| m.entry.as_mut()) {
            e.done = Some((participant, e.query.len()));
            e.error = None;
        }
        flash(
            state,
            t!(
                "rvote.placed",
                name = name,
                theme = title,
                used = used,
                n = per
            )
            .into_owned(),
            false,
        );
    }
}
