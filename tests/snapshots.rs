//! Snapshots of every screen at 80×24 and 160×45, in both themes, on the example session,
//! with a fixed clock and the French UI. Each snapshot is the screen text plus a census of
//! the colours used, so a colour regression shows too.

mod common;

use std::collections::BTreeMap;

use atelier::app::{Action, State, ThemeName, update};
use atelier::domain::Phase;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

fn buffer(state: &State) -> Buffer {
    let (w, h) = state.size;
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    atelier::ui::render(state, buf.area, &mut buf);
    buf
}

fn snapshot_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut row = String::new();
        for x in 0..buf.area.width {
            if let Some(cell) = buf.cell((x, y)) {
                row.push_str(cell.symbol());
            }
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    let mut styles: BTreeMap<String, usize> = BTreeMap::new();
    for cell in &buf.content {
        let key = format!("fg={:?} bg={:?} mod={:?}", cell.fg, cell.bg, cell.modifier);
        *styles.entry(key).or_default() += 1;
    }
    out.push_str("\nstyles:\n");
    for (k, n) in styles {
        out.push_str(&format!("{k} : {n}\n"));
    }
    out
}

fn state_at(phase: Phase, theme: ThemeName, size: (u16, u16)) -> State {
    let mut session = common::example();
    session.workshops[0].phase = phase;
    let mut st = common::state(session, common::at("10:05:00"));
    st.sync_after_step();
    st.size = size;
    st.theme = theme;
    st
}

fn theme_name(t: ThemeName) -> &'static str {
    match t {
        ThemeName::Dark => "dark",
        ThemeName::Light => "light",
    }
}

fn each(name: &str, phase: Phase, prepare: impl Fn(&mut State)) {
    for theme in [ThemeName::Dark, ThemeName::Light] {
        for size in SIZES {
            let mut st = state_at(phase, theme, size);
            prepare(&mut st);
            let text = snapshot_text(&buffer(&st));
            let landmark = if st.help { "Aide" } else { "Éco-parc" };
            assert!(text.contains(landmark), "{name}: no {landmark}\n{text}");
            insta::assert_snapshot!(
                format!("{name}_{}x{}_{}", size.0, size.1, theme_name(theme)),
                text
            );
        }
    }
}

#[test]
fn preparation_tabs() {
    let tabs = [
        "themes",
        "participants",
        "needs",
        "agenda",
        "tables",
        "zone",
    ];
    for (i, tab) in tabs.iter().enumerate() {
        each(&format!("preparation_{tab}"), Phase::Preparation, |st| {
            for _ in 0..i {
                update(st, Action::NextTab);
            }
        });
    }
}

#[test]
fn presentation() {
    each("presentation", Phase::Presentation { theme: 1 }, |_| {});
}

#[test]
fn groups_grid_poster_editor_and_help() {
    each("groups", Phase::Groups { round: 2 }, |_| {});
    each("poster", Phase::Groups { round: 2 }, |st| {
        update(st, Action::Activate);
    });
    each("poster_editor", Phase::Groups { round: 2 }, |st| {
        update(st, Action::Activate);
        update(st, Action::Add);
    });
    each("help", Phase::Groups { round: 2 }, |st| {
        update(st, Action::Help);
    });
}

#[test]
fn rotation_restitution_commitments_closed() {
    each("rotation", Phase::Rotation { to_round: 3 }, |_| {});
    each("restitution", Phase::Restitution { group: 1 }, |_| {});
    each("commitments", Phase::Commitments, |_| {});
    each("closed", Phase::Closed, |_| {});
}

#[test]
fn what_matters_is_on_screen_at_80x24() {
    let st = state_at(Phase::Groups { round: 2 }, ThemeName::Dark, (80, 24));
    let text = snapshot_text(&buffer(&st));
    for needle in [
        "Parkings mutualisés",
        "Gestion des déchets",
        "Chrono",
        "tour 2/3",
        "PgDn",
    ] {
        assert!(text.contains(needle), "missing {needle}\n{text}");
    }
    // The round started at 09:57 for 25 minutes: 17 minutes left at 10:05, in big digits
    // (block characters), not as plain text.
    assert!(text.contains('▀') || text.contains('█'));
    let st = state_at(Phase::Groups { round: 2 }, ThemeName::Dark, (79, 23));
    assert!(snapshot_text(&buffer(&st)).contains("Agrandir le terminal"));
}

#[test]
fn light_theme_is_black_on_white() {
    use ratatui::style::Color;
    let light = buffer(&state_at(
        Phase::Groups { round: 2 },
        ThemeName::Light,
        (80, 24),
    ));
    let dark = buffer(&state_at(
        Phase::Groups { round: 2 },
        ThemeName::Dark,
        (80, 24),
    ));
    let cell = |b: &Buffer| b.cell((5, 12)).map(|c| (c.fg, c.bg));
    assert_eq!(
        light.cell((40, 12)).map(|c| c.bg),
        Some(Color::Rgb(255, 255, 255))
    );
    assert_ne!(
        dark.cell((40, 12)).map(|c| c.bg),
        Some(Color::Rgb(255, 255, 255))
    );
    assert_ne!(cell(&light), cell(&dark));
}

#[test]
fn no_colour_means_no_colour() {
    let mut st = state_at(Phase::Groups { round: 2 }, ThemeName::Dark, (80, 24));
    st.color = false;
    let buf = buffer(&st);
    use ratatui::style::Color;
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}
