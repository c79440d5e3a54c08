//! Property: random keys, pastes (newlines, combining accents, CJK, emoji, zero-width joiners),
//! clicks and resizes from 0×0 to 300×100 never panic, and the session stays valid.

mod common;

use atelier::app::{Action, State, keymap, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Ev {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Click(u16, u16),
    Tick(i64),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        6 => proptest::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Up,
            KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::PageDown, KeyCode::PageUp,
            KeyCode::Home, KeyCode::End, KeyCode::Backspace, KeyCode::Delete, KeyCode::F(1),
        ]),
        // Every letter bound somewhere, plus text.
        8 => proptest::sample::select(
            "nparsdwuqKJ+-=?[]0123456789 éœ日👩‍🔧xyz".chars().collect::<Vec<_>>()
        ).prop_map(KeyCode::Char),
    ]
}

fn mods() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        10 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
    ]
}

fn paste() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zé\u{301}\u{200d}日本語👩‍🔧🇫🇷 \n\r\t«»'\"]{0,40}").unwrap()
}

fn event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        20 => (key_code(), mods()).prop_map(|(c, m)| Ev::Key(c, m)),
        2 => paste().prop_map(Ev::Paste),
        2 => (0u16..=300, 0u16..=100).prop_map(|(w, h)| Ev::Resize(w, h)),
        1 => (0u16..300, 0u16..100).prop_map(|(x, y)| Ev::Click(x, y)),
        2 => (0i64..3600).prop_map(Ev::Tick),
    ]
}

fn apply(st: &mut State, ev: &Ev) {
    let action = match ev {
        Ev::Key(code, m) => {
            // Quitting would end the run early; the real loop handles it.
            if matches!(code, KeyCode::Char('q') | KeyCode::Char('c')) {
                return;
            }
            keymap::action_for(st.mode(), KeyEvent::new(*code, *m))
        }
        Ev::Paste(t) => Some(Action::Paste(t.clone())),
        Ev::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Ev::Click(x, y) => Some(Action::Click(*x, *y)),
        Ev::Tick(s) => Some(Action::Tick(
            common::at("10:00:00") + chrono::Duration::seconds(*s),
        )),
    };
    if let Some(a) = action {
        update(st, a);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_input_never_panics_and_keeps_the_session_valid(
        events in proptest::collection::vec(event(), 1..250),
        start_phase in 0usize..10,
    ) {
        let mut session = common::example();
        let steps = session.steps(&session.workshops[0]);
        session.workshops[0].phase = steps[start_phase % steps.len()];
        let mut st = common::state(session, common::at("10:00:00"));
        for ev in &events {
            apply(&mut st, ev);
            let _ = common::render(&st);
            let problems = st.session.integrity_problems();
            prop_assert!(problems.is_empty(), "{:?} after {:?}", problems, ev);
        }
        // What is in memory can always be written and read back.
        let text = atelier::store::to_text(&st.session).unwrap();
        let back = atelier::store::parse(&text, std::path::Path::new("x.ron")).unwrap();
        prop_assert_eq!(back, st.session);
    }
}

#[test]
fn every_screen_renders_at_every_small_size() {
    let session = common::example();
    let steps = session.steps(&session.workshops[0]);
    for phase in steps {
        let mut s = session.clone();
        s.workshops[0].phase = phase;
        let mut st = common::state(s, common::at("10:00:00"));
        for (w, h) in [
            (0, 0),
            (1, 1),
            (2, 1),
            (10, 3),
            (79, 23),
            (80, 24),
            (81, 25),
            (300, 100),
        ] {
            st.size = (w, h);
            let _ = common::render(&st);
            update(&mut st, Action::Help);
            let _ = common::render(&st);
            update(&mut st, Action::Help);
        }
    }
}
