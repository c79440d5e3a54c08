//! `join`: a rapporteur's view of one group, or an assistant typing the rencontre's cards.

use super::*;

/// `atelier join --cartes`: an assistant typing cards and dots of the rencontre under way,
/// beside the facilitator (its steps and timer stay the facilitator's).
pub(super) fn join_cards(
    path: PathBuf,
    who: Option<&str>,
    options: crate::tui::Options,
) -> Result<(), CliError> {
    let (path, opened) = open_to_join(&path)?;
    if opened.session.current_rencontre().is_none() {
        return Err(CliError::Usage(t!("cli.join.no_rencontre").into_owned()));
    }
    let who = who.map(crate::domain::clean::stored);
    let label = match who.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        Some(name) => t!("presence.assistant_named", name = name).into_owned(),
        None => t!("presence.assistant").into_owned(),
    };
    let seat = crate::tui::Seat {
        scope: None,
        who: label,
        assistant: true,
    };
    crate::tui::run_opened(opened, path, options, seat)
}

/// The session a `join` works on (through a link, its target), read without the facilitator
/// lock; read-only where its folder cannot be written, as for the facilitator.
pub(super) fn open_to_join(path: &Path) -> Result<(PathBuf, crate::tui::Opened), CliError> {
    let path = store::resolve(path)?;
    let mut opened = crate::tui::read_session(&path)?;
    opened.read_only = !store::can_write_beside(&path);
    Ok((path, opened))
}

/// `atelier join`: a rapporteur's view of one group, beside the facilitator's.
pub(super) fn join(
    path: PathBuf,
    group: &str,
    who: Option<&str>,
    options: crate::tui::Options,
) -> Result<(), CliError> {
    let (path, opened) = open_to_join(&path)?;
    let s = &opened.session;
    let themes: Vec<&crate::domain::Theme> = match s.current_workshop() {
        Some(w) => s.groups_in(w).into_iter().map(|(t, _)| t).collect(),
        None => s.groups_in_order().map(|(t, _)| t).collect(),
    };
    // A number (as shown on the projected screen) or part of the theme's title.
    let by_number = group
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| themes.get(i).copied());
    let wanted = crate::overlays::picker::model::fold(group);
    let by_name = || {
        themes.iter().copied().find(|t| {
            !wanted.is_empty() && crate::overlays::picker::model::fold(&t.title).contains(&wanted)
        })
    };
    let Some(theme) = by_number.or_else(by_name) else {
        let list = themes
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{} {}", i + 1, t.title))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(CliError::Usage(
            t!("cli.join.no_group", group = group, list = list).into_owned(),
        ));
    };
    let index = themes.iter().position(|t| t.id == theme.id).unwrap_or(0) + 1;
    let who = who.map(crate::domain::clean::stored);
    let who = who.as_deref();
    let name = who.map(|w| {
        let f = crate::overlays::picker::model::fold(w);
        s.participants
            .iter()
            .find(|p| !f.is_empty() && crate::overlays::picker::model::fold(&p.name).contains(&f))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| w.trim().to_string())
    });
    let label = match name {
        Some(n) => t!("presence.rapporteur_named", n = index, name = n).into_owned(),
        None => t!("presence.rapporteur", n = index).into_owned(),
    };
    let seat = crate::tui::Seat {
        scope: Some(theme.id),
        who: label,
        assistant: false,
    };
    crate::tui::run_opened(opened, path, options, seat)
}
