//! Groupes de travail, the grid of posters: keys in, state out.

use crate::app::{Action, State};
use crate::screens::poster::update::first_cursor;

pub(crate) fn groups_action(state: &mut State, action: Action) {
    let n = state.group_themes().len();
    if n == 0 {
        return;
    }
    let (grid, _) = crate::layout::split_timer(crate::layout::body(state.size));
    let cols = crate::layout::grid_columns(n, grid.width);
    match action {
        Action::FocusNext | Action::Right => state.focus = (state.focus + 1) % n,
        Action::FocusPrev | Action::Left => state.focus = (state.focus + n - 1) % n,
        Action::Down if state.focus + cols < n => state.focus += cols,
        Action::Up => state.focus = state.focus.checked_sub(cols).unwrap_or(state.focus),
        Action::FocusGroup(k) if (1..=n).contains(&(k as usize)) => state.focus = k as usize - 1,
        Action::Activate => {
            state.poster_open = state.focused_theme();
            state.poster = first_cursor(&state.session, state.poster_open);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::app::testing::{press, state_at};
    use crate::domain::Phase;

    #[test]
    fn tab_and_digits_move_the_focus_enter_opens_it() {
        let mut st = state_at(Phase::Groups { round: 1 });
        let n = st.group_themes().len();
        assert!(n >= 2);
        press(&mut st, "<Tab>");
        assert_eq!(st.focus, 1);
        press(&mut st, "<BackTab><BackTab>");
        assert_eq!(st.focus, n - 1);
        press(&mut st, "1");
        assert_eq!(st.focus, 0);
        press(&mut st, "<Enter>");
        assert_eq!(st.poster_open, st.group_themes().first().copied());
    }
}
