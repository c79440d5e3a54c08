//! The session the git tests branch from: « Éco-parc des Forges », two themes, three lines
//! on the first poster (« action 1 » … « action 3 »). Shared by `tests/git.rs` (real git) and
//! `tests/merge_driver.rs` (the driver without git), included by path.

use atelier::domain::{ActionLine, Op, Session};

pub fn base() -> Session {
    let mut s = Session::new("Éco-parc des Forges", "ZA des Forges");
    s.apply(s.add_theme_op("Mobilité")).unwrap();
    s.apply(s.add_theme_op("Déchets")).unwrap();
    for id in [1, 2, 3] {
        let mut line = ActionLine::new(id, 1);
        line.action = format!("action {id}");
        s.apply(Op::AddLine {
            theme: 1,
            index: 9,
            line,
        })
        .unwrap();
    }
    s
}
