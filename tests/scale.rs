//! The large session (12 groups × 200 lines, 80 people, 3 workshops): the screens only lay out
//! what fits, so they must still scroll to the selection, count what they leave out, and mark
//! what changed since the last workshop.

mod common;

#[path = "support/sample/mod.rs"]
#[allow(dead_code)]
mod sample;

use atelier::app::{Action, State, update};
use atelier::domain::{LineField, Op, Phase, Session};

fn large() -> Session {
    sample::session(sample::Size::LARGE, 7)
}

fn at_step(mut s: Session, phase: Phase) -> State {
    let t = s.goto_step(phase, common::at("10:00:00")).expect("step");
    if let Some(op) = t.op {
        s.apply(op).expect("apply");
    }
    common::state(s, common::at("10:00:00"))
}

fn rename(st: &mut State, index: usize, text: &str) {
    let id = st.session.groups[0].poster.lines[index].id;
    st.session
        .apply(Op::SetLine {
            line: id,
            field: LineField::Solution(text.into()),
        })
        .expect("set");
}

#[test]
fn the_poster_scrolls_to_the_selected_line_of_a_long_plan() {
    let mut st = at_step(large(), Phase::Groups { round: 2 });
    rename(&mut st, 0, "Tête-du-poster");
    rename(&mut st, 150, "Cible-151");
    common::press(&mut st, "<Enter>");
    let top = common::render(&st);
    assert!(top.contains("Tête-du-poster"), "{top}");
    assert!(!top.contains("Cible-151"), "{top}");
    // The cursor starts on the first reaction or line; 150 lines down is line 151.
    for _ in 0..150 {
        update(&mut st, Action::Down);
    }
    let screen = common::render(&st);
    assert!(screen.contains("Cible-151"), "{screen}");
    assert!(!screen.contains("Tête-du-poster"), "{screen}");
    // Down to the very end and back to the top: the first line shows again.
    for _ in 0..250 {
        update(&mut st, Action::Down);
    }
    for _ in 0..250 {
        update(&mut st, Action::Up);
    }
    assert!(common::render(&st).contains("Tête-du-poster"));
}

#[test]
fn a_group_pane_counts_the_lines_it_leaves_out() {
    let mut st = at_step(large(), Phase::Groups { round: 2 });
    st.size = (200, 60);
    let screen = common::render(&st);
    // Each of the 12 panes has 200 lines: a few are shown, the rest counted.
    let counts: Vec<u32> = screen
        .lines()
        .flat_map(|l| l.split("… +").skip(1))
        .filter_map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .collect();
    assert!(!counts.is_empty(), "{screen}");
    assert_eq!(counts.len(), 12, "{screen}");
    assert!(counts.iter().all(|&n| n > 150 && n < 200), "{counts:?}");
}

#[test]
fn follow_up_scrolls_to_the_selected_row() {
    let mut st = at_step(large(), Phase::Groups { round: 2 });
    common::press(&mut st, "f");
    let first = common::render(&st);
    for _ in 0..1000 {
        update(&mut st, Action::Down);
    }
    let f = st.followup.clone().expect("follow-up open");
    assert_eq!(f.row, 1000);
    let screen = common::render(&st);
    assert_ne!(screen, first, "the list moved");
    // The selected row is the one on screen: its action text is there.
    let today = st.now.date_naive();
    let rows = atelier::app::followup::rows(&st.session, &f, today);
    let line = rows[1000].line;
    let wanted: String = line.solution.chars().take(12).collect();
    assert!(screen.contains(&wanted), "{wanted} not in {screen}");
}

#[test]
fn the_third_workshop_marks_its_new_and_changed_lines() {
    let mut st = at_step(large(), Phase::Groups { round: 2 });
    // Lines of workshop 3 are new; a line of workshop 1 edited now is changed; undoing the
    // edit removes the mark.
    let old = st.session.groups[0].poster.lines[0].clone();
    let fresh = st.session.groups[0]
        .poster
        .lines
        .iter()
        .find(|l| l.workshop == 3)
        .cloned()
        .expect("a line of workshop 3");
    use atelier::domain::LineChange;
    assert_eq!(st.session.line_change(&fresh), LineChange::New);
    assert_eq!(st.session.line_change(&old), LineChange::Same);
    common::press(&mut st, "<Enter>");
    // The poster opens with the cursor on its first line's solution: edit it.
    assert!(matches!(st.poster, atelier::app::PosterCursor::Line(id, _) if id == old.id));
    common::press(&mut st, "<Enter> modifiée<Enter>");
    let now = st.session.groups[0].poster.lines[0].clone();
    assert_eq!(st.session.line_change(&now), LineChange::Changed);
    assert!(common::render(&st).contains("◆"));
    common::press(&mut st, "<Esc>u");
    let back = st.session.groups[0].poster.lines[0].clone();
    assert_eq!(back, old);
    assert_eq!(st.session.line_change(&back), LineChange::Same);
}

#[test]
fn a_frame_drawn_from_the_cached_screen_is_the_frame_drawn_afresh() {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let mut st = at_step(large(), Phase::Groups { round: 2 });
    st.size = (200, 60);
    common::press(&mut st, "<Enter><Enter>");
    assert!(st.editor.is_some());
    let area = Rect::new(0, 0, 200, 60);
    let mut cache = atelier::ui::ScreenCache::default();
    let mut cached = Buffer::empty(area);
    cache.render(&st, area, &mut cached, false);
    for (i, key) in common::keys("Covoiturage été 日本👩‍🔧<Bs><Left><Left>x<Right>")
        .into_iter()
        .enumerate()
    {
        let action = atelier::app::keymap::action_for(st.mode(), key).expect("bound");
        assert!(matches!(action, Action::EditKey(_)), "{action:?}");
        update(&mut st, action);
        cached.reset();
        cache.render(&st, area, &mut cached, true);
        let mut fresh = Buffer::empty(area);
        atelier::ui::render(&st, area, &mut fresh);
        assert_eq!(cached, fresh, "key {i}: {key:?}");
    }
    // Anything else redraws the screen: the clock moved, the frame follows.
    update(&mut st, Action::Tick(common::at("10:07:00")));
    cached.reset();
    cache.render(&st, area, &mut cached, false);
    let mut fresh = Buffer::empty(area);
    atelier::ui::render(&st, area, &mut fresh);
    assert_eq!(cached, fresh);
    // And with the editor closed there is nothing to reuse.
    update(&mut st, Action::EditCommit);
    cached.reset();
    cache.render(&st, area, &mut cached, true);
    let mut fresh = Buffer::empty(area);
    atelier::ui::render(&st, area, &mut fresh);
    assert_eq!(cached, fresh);
}
