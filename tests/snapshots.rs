//! Snapshots of every screen at 80×24 and 160×45, in both themes, on the example session,
//! with a fixed clock and the French UI.
//!
//! Each snapshot is the text of the screen (one row per line, trailing spaces trimmed,
//! wide glyphs written once) followed by a census of the styles in use, so that a colour
//! regression shows as well as a layout one.
//!
//! The snapshots catch changes; the plain assertions further down check behaviour that must
//! hold whatever the layout: what is visible at 80×24, the light theme's white background,
//! the header on every screen, tiny terminals.
//!
//! Every test sets the French UI itself: the locale is process-global and tests run in
//! parallel threads, so nothing in this file may switch to another language.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use atelier::app::{Action, Depth, PaletteName, PrepTab, State, update};
use atelier::domain::{Phase, Session, Timestamp};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];
const THEMES: [PaletteName; 2] = [PaletteName::Dark, PaletteName::Light];
/// The header's title, on every screen.
const TITLE: &str = "Éco-parc";

fn now() -> Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-12-03T10:05:00+01:00").unwrap()
}

fn example() -> Session {
    atelier::store::parse(include_str!("../sessions/exemple-za.ron"), Path::new("x"))
        .expect("the example session parses")
}

/// The example session at `phase`, rendered at `size` in `theme`, with colours on.
fn state_at(phase: Phase, theme: PaletteName, size: (u16, u16)) -> State {
    let mut session = example();
    session.workshops[0].phase = phase;
    let mut state = State::new(session, PathBuf::from("exemple-za.ron"), now());
    state.sync_after_step();
    state.size = size;
    state.palette = theme;
    state.depth = Depth::TrueColor;
    state
}

fn render(state: &State) -> Buffer {
    let (w, h) = state.size;
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    atelier::ui::render(state, buf.area, &mut buf);
    buf
}

fn screen_text(buf: &Buffer) -> String {
    common::screen_text(buf)
}

/// Each distinct (fg, bg, modifiers) and how many cells use it, sorted.
fn style_census(buf: &Buffer) -> String {
    let mut styles: BTreeMap<String, usize> = BTreeMap::new();
    for cell in &buf.content {
        let key = format!("fg={:?} bg={:?} mod={:?}", cell.fg, cell.bg, cell.modifier);
        *styles.entry(key).or_default() += 1;
    }
    let mut out = String::from("styles:\n");
    for (style, n) in styles {
        out.push_str(&format!("{style} : {n}\n"));
    }
    out
}

fn snapshot_text(buf: &Buffer) -> String {
    format!("{}\n{}", screen_text(buf), style_census(buf))
}

fn theme_name(theme: PaletteName) -> &'static str {
    match theme {
        PaletteName::Dark => "dark",
        PaletteName::Light => "light",
    }
}

/// Snapshots one screen in both themes and both sizes: the example at `phase`, then
/// `prepare` (actions a user would take to reach the screen).
fn snapshot_screen(name: &str, phase: Phase, prepare: impl Fn(&mut State)) {
    atelier::text::Lang::Fr.set();
    for theme in THEMES {
        for size in SIZES {
            let mut state = state_at(phase, theme, size);
            prepare(&mut state);
            let buf = render(&state);
            let text = screen_text(&buf);
            let id = format!("{name}_{}x{}_{}", size.0, size.1, theme_name(theme));
            // The help overlay covers the header at 80×24; it has its own title.
            let landmark = if state.help { "Aide" } else { TITLE };
            assert!(text.contains(landmark), "{id}: no {landmark:?}\n{text}");
            insta::assert_snapshot!(id, snapshot_text(&buf));
        }
    }
}

/// From the initial tab (Thèmes), presses Tab until `tab` is shown.
fn go_to_tab(state: &mut State, tab: PrepTab) {
    for _ in 0..PrepTab::ALL.len() {
        if state.prep.tab == tab {
            return;
        }
        update(state, Action::NextTab);
    }
    assert_eq!(state.prep.tab, tab, "Tab never reaches {tab:?}");
}

// ---------------------------------------------------------------------------------------
// Snapshots, one test per screen.

#[test]
fn preparation_zone() {
    snapshot_screen("preparation_zone", Phase::Preparation, |s| {
        go_to_tab(s, PrepTab::Zone)
    });
}

/// The zone's profile from open data under its rows (`atelier import sirene` and `cnig`).
#[test]
fn preparation_profile() {
    snapshot_screen("preparation_profile", Phase::Preparation, |s| {
        common::with_open_data(&mut s.session);
        go_to_tab(s, PrepTab::Zone)
    });
}

/// The invitation list, two establishments made participants, one SIRET marked.
#[test]
fn preparation_invitations() {
    snapshot_screen("preparation_invitations", Phase::Preparation, |s| {
        common::with_open_data(&mut s.session);
        go_to_tab(s, PrepTab::Invitations);
        update(s, Action::Down);
    });
}

#[test]
fn preparation_themes() {
    snapshot_screen("preparation_themes", Phase::Preparation, |s| {
        assert_eq!(s.prep.tab, PrepTab::Themes, "Préparation opens on Thèmes");
    });
}

#[test]
fn preparation_participants() {
    snapshot_screen("preparation_participants", Phase::Preparation, |s| {
        go_to_tab(s, PrepTab::Participants)
    });
}

#[test]
fn preparation_needs() {
    snapshot_screen("preparation_needs", Phase::Preparation, |s| {
        go_to_tab(s, PrepTab::Needs)
    });
}

#[test]
fn preparation_agenda() {
    snapshot_screen("preparation_agenda", Phase::Preparation, |s| {
        go_to_tab(s, PrepTab::Agenda)
    });
}

#[test]
fn preparation_tables() {
    snapshot_screen("preparation_tables", Phase::Preparation, |s| {
        go_to_tab(s, PrepTab::Tables)
    });
}

#[test]
fn presentation() {
    snapshot_screen("presentation", Phase::Presentation { theme: 2 }, |_| {});
}

#[test]
fn groups() {
    snapshot_screen("groups", Phase::Groups { round: 2 }, |_| {});
}

#[test]
fn poster() {
    snapshot_screen("poster", Phase::Groups { round: 2 }, |s| {
        update(s, Action::Activate);
        assert!(s.poster_open.is_some(), "Enter opens the focused poster");
    });
}

#[test]
fn poster_editor() {
    snapshot_screen("poster_editor", Phase::Groups { round: 2 }, |s| {
        update(s, Action::Activate);
        update(s, Action::Add);
        assert!(s.editor.is_some(), "a on the poster opens an editor");
    });
}

#[test]
fn help() {
    snapshot_screen("help", Phase::Groups { round: 2 }, |s| {
        update(s, Action::Help);
        assert!(s.help);
    });
}

/// The room's panel (`W`), with the links the shell would give: the list, and the chosen
/// link's QR code as large as the screen allows (half blocks at 80×24, double at 200×60).
#[test]
fn room_panel() {
    use atelier::overlays::room::model::{RoomInfo, RoomLink};
    let links = [
        "Vue de la salle",
        "Groupe « Parkings mutualisés »",
        "Groupe « Plan de mobilité inter-entreprises »",
        "Groupe « Photovoltaïque mutualisé »",
        "Groupe « Gestion des déchets »",
        "Saisie des cartes",
        "Vote par gommettes",
    ];
    snapshot_screen("room_panel", Phase::Groups { round: 2 }, |s| {
        update(s, Action::ToggleRoom);
        let info = RoomInfo {
            addr: "192.168.1.20:8765".into(),
            links: links
                .iter()
                .enumerate()
                .map(|(i, label)| RoomLink {
                    label: (*label).into(),
                    url: format!("http://192.168.1.20:8765/JetonDeTest00{i:02}"),
                })
                .collect(),
        };
        update(s, Action::RoomState(Some(info), None));
        update(s, Action::Down);
        assert!(s.room_panel.is_some());
    });
}

/// The copies a file-sync tool left, offered at opening.
#[test]
fn copies_dialog() {
    snapshot_screen("copies_dialog", Phase::Groups { round: 2 }, |s| {
        update(
            s,
            Action::CopiesFound(vec![
                "exemple-za (conflicted copy 2026-12-07 101500).ron".into(),
                "exemple-za.sync-conflict-20261207-101500-ABCDEFG.ron".into(),
            ]),
        );
        assert!(s.copies.is_some());
    });
}

#[test]
fn rotation() {
    snapshot_screen("rotation", Phase::Rotation { to_round: 3 }, |_| {});
}

#[test]
fn restitution() {
    snapshot_screen("restitution", Phase::Restitution { group: 1 }, |_| {});
}

#[test]
fn commitments() {
    snapshot_screen("commitments", Phase::Commitments, |_| {});
}

#[test]
fn closed() {
    snapshot_screen("closed", Phase::Closed, |_| {});
}

#[test]
fn followup_views() {
    for (view, tabs) in [("actions", 0), ("groups", 2), ("timeline", 3), ("chart", 4)] {
        snapshot_screen(&format!("followup_{view}"), Phase::Closed, |s| {
            update(s, Action::ToggleFollowUp);
            for _ in 0..tabs {
                update(s, Action::NextTab);
            }
        });
    }
}

/// The rencontre's steps at 80×24 and 200×60 (the projector's size), both themes: the
/// example's rencontre opened with `i` (in its Clôture), then `back` steps back.
fn snapshot_rencontre(name: &str, back: usize, then: &[Action]) {
    snapshot_rencontre_of(name, back, then, |_| {});
}

/// The same, the session prepared first by `prepare`.
fn snapshot_rencontre_of(name: &str, back: usize, then: &[Action], prepare: impl Fn(&mut Session)) {
    atelier::text::Lang::Fr.set();
    for theme in THEMES {
        for size in [(80, 24), (200, 60)] {
            let mut state = state_at(Phase::Closed, theme, size);
            prepare(&mut state.session);
            update(&mut state, Action::ToggleRencontre);
            for _ in 0..back {
                update(&mut state, Action::PrevStep);
            }
            for a in then {
                update(&mut state, a.clone());
            }
            let buf = render(&state);
            let text = screen_text(&buf);
            let id = format!(
                "rencontre_{name}_{}x{}_{}",
                size.0,
                size.1,
                theme_name(theme)
            );
            assert!(text.contains("Rencontre 1"), "{id}\n{text}");
            insta::assert_snapshot!(id, snapshot_text(&buf));
        }
    }
}

#[test]
fn rencontre_steps() {
    snapshot_rencontre("closing", 0, &[]);
    snapshot_rencontre("questions", 1, &[]);
    snapshot_rencontre("vote", 2, &[]);
    snapshot_rencontre("grouping", 3, &[]);
    snapshot_rencontre("census", 4, &[]);
    snapshot_rencontre("introductions", 5, &[]);
    snapshot_rencontre("diagnostic", 40, &[]);
    // The register's profile and the CNIG site beside what was typed.
    snapshot_rencontre_of("diagnostic_open_data", 40, &[], common::with_open_data);
    // The last introduction is a company made from the register's list: its activity, size
    // and age under its name.
    snapshot_rencontre_of("introductions_open_data", 5, &[], common::with_open_data);
    let key = |c| {
        Action::EditKey(atelier::app::Key::new(
            atelier::app::KeyCode::Char(c),
            atelier::app::KeyModifiers::NONE,
        ))
    };
    // Hidden totals, and a dot being typed: theme 2, then « ma » (Maëlle? Marc?…).
    snapshot_rencontre(
        "vote_entry",
        2,
        &[Action::Reveal, Action::FocusGroup(2), key('m'), key('a')],
    );
}

/// Two synergies of « Gestion des déchets » and one of no group, with a pilot, stages and
/// impacts, for the plenary's bilan and review.
fn add_synergies(state: &mut State) {
    use atelier::domain::Op;
    use atelier::domain::synergy::{Amount, Impact, Stage, Synergy, SynergyKind};
    let at = chrono::DateTime::parse_from_rfc3339("2026-05-12T10:00:00+02:00").unwrap();
    let impact = |a: &str, measured| Impact {
        amount: Amount::parse(a).unwrap(),
        measured,
        what: String::new(),
        factor: String::new(),
        source: String::new(),
    };
    let mut a = Synergy::new(1, "Bennes de carton partagées", SynergyKind::Pooling);
    a.group = Some(4);
    a.impacts = vec![impact("12 t/an", false), impact("9 t/an", true)];
    let a = a
        .handed_to("Cartonnerie Vidal", "", at)
        .moved(Stage::Implementation, "", at);
    let mut b = Synergy::new(2, "Palettes vers la menuiserie", SynergyKind::Substitution);
    b.group = Some(4);
    b.impacts = vec![impact("15 k€/an", false)];
    let b = b.moved(Stage::Study, "", at);
    let c = Synergy::new(
        3,
        "Chaleur du four vers la blanchisserie",
        SynergyKind::Energy,
    )
    .moved(Stage::Done, "", at);
    state.session.synergies.clear();
    for (i, x) in [a, b, c].into_iter().enumerate() {
        state
            .session
            .apply(Op::AddSynergy {
                index: i,
                synergy: x,
            })
            .unwrap();
    }
}

/// The plenary's steps at 80×24 and 200×60, both themes: opened from Suivi with `P` (its
/// date validated as proposed), `steps` PgDn, then `then`.
fn snapshot_plenary(name: &str, steps: usize, then: &[Action]) {
    atelier::text::Lang::Fr.set();
    for theme in THEMES {
        for size in [(80, 24), (200, 60)] {
            let mut state = state_at(Phase::Closed, theme, size);
            add_synergies(&mut state);
            for a in [
                Action::ToggleFollowUp,
                Action::TogglePlenary,
                Action::EditCommit,
            ] {
                update(&mut state, a);
            }
            for _ in 0..steps {
                update(&mut state, Action::NextStep);
            }
            for a in then {
                update(&mut state, a.clone());
            }
            let buf = render(&state);
            let text = screen_text(&buf);
            let id = format!("plenary_{name}_{}x{}_{}", size.0, size.1, theme_name(theme));
            assert!(text.contains("Plénière 1"), "{id}\n{text}");
            insta::assert_snapshot!(id, snapshot_text(&buf));
        }
    }
}

#[test]
fn plenary_steps() {
    use atelier::domain::plenary::Verdict;
    snapshot_plenary("bilan", 0, &[]);
    // Group 4's page: a line done, the next continued, a synergy handed over.
    snapshot_plenary(
        "review",
        1,
        &[
            Action::Right,
            Action::Right,
            Action::Right,
            Action::Decide(Verdict::Done),
            Action::Decide(Verdict::Continue),
            Action::Decide(Verdict::HandedOver),
            Action::Paste("Scierie Morel".into()),
            Action::EditCommit,
        ],
    );
    snapshot_plenary(
        "leads",
        2,
        &[
            Action::Add,
            Action::Paste("Vapeur basse pression disponible le week-end".into()),
            Action::EditCommit,
            Action::CycleKind,
            Action::Add,
            Action::Paste("Un local pour stocker les bennes".into()),
            Action::EditCommit,
        ],
    );
    snapshot_plenary("next", 3, &[Action::Activate, Action::EditCommit]);
    // The date being typed, read as it is typed.
    snapshot_plenary("next_editor", 3, &[Action::Activate]);
}

// ---------------------------------------------------------------------------------------
// Behaviour, independent of the snapshots.

#[test]
fn groups_at_80x24_shows_the_groups_and_the_big_timer() {
    atelier::text::Lang::Fr.set();
    for theme in THEMES {
        let text = screen_text(&render(&state_at(
            Phase::Groups { round: 2 },
            theme,
            (80, 24),
        )));
        for needle in [
            TITLE,
            "Parkings mutualisés",
            "Gestion des déchets",
            "Chrono",
            "tour 2/3",
        ] {
            assert!(text.contains(needle), "missing {needle:?}\n{text}");
        }
        // The big digits are drawn with block characters, not as plain text.
        assert!(
            text.contains('█') || text.contains('▀') || text.contains('▄'),
            "no big timer digits\n{text}"
        );
    }
}

#[test]
fn light_theme_has_a_white_background_and_dark_does_not() {
    atelier::text::Lang::Fr.set();
    let white = Color::Rgb(255, 255, 255);
    let phases = [
        Phase::Preparation,
        Phase::Presentation { theme: 2 },
        Phase::Groups { round: 2 },
        Phase::Rotation { to_round: 3 },
        Phase::Restitution { group: 1 },
        Phase::Commitments,
        Phase::Closed,
    ];
    for phase in phases {
        for size in SIZES {
            let light = render(&state_at(phase, PaletteName::Light, size));
            let dark = render(&state_at(phase, PaletteName::Dark, size));
            let bg = |b: &Buffer| b.cell((0, 5)).map(|c| c.bg);
            assert_eq!(bg(&light), Some(white), "{phase:?} {size:?} light");
            assert_ne!(bg(&dark), Some(white), "{phase:?} {size:?} dark");
            // Most of the light screen is on white, hardly any of the dark one.
            let on_white = |b: &Buffer| b.content.iter().filter(|c| c.bg == white).count();
            let cells = light.content.len();
            assert!(
                on_white(&light) * 2 > cells,
                "{phase:?} {size:?}: light screen mostly not white"
            );
            assert!(
                on_white(&dark) * 10 < cells,
                "{phase:?} {size:?}: dark screen has white areas"
            );
        }
    }
}

#[test]
fn every_phase_screen_has_the_header_title() {
    atelier::text::Lang::Fr.set();
    let phases = [
        Phase::Preparation,
        Phase::Presentation { theme: 1 },
        Phase::Presentation { theme: 2 },
        Phase::Groups { round: 1 },
        Phase::Groups { round: 2 },
        Phase::Rotation { to_round: 2 },
        Phase::Rotation { to_round: 3 },
        Phase::Restitution { group: 1 },
        Phase::Restitution { group: 4 },
        Phase::Commitments,
        Phase::Closed,
    ];
    for phase in phases {
        for theme in THEMES {
            for size in SIZES {
                let text = screen_text(&render(&state_at(phase, theme, size)));
                assert!(text.contains(TITLE), "{phase:?} {size:?}: no title\n{text}");
                assert!(
                    !text.contains("Agrandir le terminal"),
                    "{phase:?} {size:?} is big enough"
                );
            }
        }
    }
}

#[test]
fn every_preparation_tab_is_reached_and_titled() {
    atelier::text::Lang::Fr.set();
    let mut state = state_at(Phase::Preparation, PaletteName::Dark, (80, 24));
    assert_eq!(state.prep.tab, PrepTab::Themes);
    let mut seen = vec![state.prep.tab];
    for _ in 1..PrepTab::ALL.len() {
        update(&mut state, Action::NextTab);
        assert!(!seen.contains(&state.prep.tab), "Tab cycles too early");
        seen.push(state.prep.tab);
        let text = screen_text(&render(&state));
        assert!(text.contains(TITLE), "{:?}\n{text}", state.prep.tab);
    }
    update(&mut state, Action::NextTab);
    assert_eq!(state.prep.tab, PrepTab::Themes, "Tab comes back to Thèmes");
}

#[test]
fn poster_at_80x24_shows_its_title_and_lines() {
    atelier::text::Lang::Fr.set();
    let mut state = state_at(Phase::Groups { round: 2 }, PaletteName::Dark, (80, 24));
    update(&mut state, Action::Activate);
    let text = screen_text(&render(&state));
    for needle in [
        TITLE,
        "Parkings mutualisés",
        "Plan d'actions",
        "Solutions",
        "Échéances",
        "Recenser les places",
        "à faire",
    ] {
        assert!(text.contains(needle), "missing {needle:?}\n{text}");
    }
}

#[test]
fn tiny_terminals_do_not_panic() {
    atelier::text::Lang::Fr.set();
    for size in [(0, 0), (1, 1), (20, 5), (79, 23), (80, 23), (79, 24)] {
        for theme in THEMES {
            let mut state = state_at(Phase::Groups { round: 2 }, theme, size);
            let _ = render(&state);
            update(&mut state, Action::Activate);
            let _ = render(&state);
            update(&mut state, Action::Help);
            let _ = render(&state);
        }
    }
    let text = screen_text(&render(&state_at(
        Phase::Groups { round: 2 },
        PaletteName::Dark,
        (79, 23),
    )));
    assert!(text.contains("Agrandir le terminal"), "{text}");
}

#[test]
fn no_colour_means_no_colour() {
    atelier::text::Lang::Fr.set();
    let mut state = state_at(Phase::Groups { round: 2 }, PaletteName::Light, (80, 24));
    state.depth = Depth::None;
    let buf = render(&state);
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
}

/// The 16-colour palette (old Windows console, macOS Terminal.app): named colours only, on
/// black (dark) or white (light), and a snapshot of each to look at.
#[test]
fn sixteen_colours_use_only_named_colours() {
    atelier::text::Lang::Fr.set();
    for theme in THEMES {
        let mut state = state_at(Phase::Groups { round: 2 }, theme, (80, 24));
        state.depth = Depth::Ansi16;
        let buf = render(&state);
        let id = format!("groups_80x24_{}_16_colours", theme_name(theme));
        for (i, cell) in buf.content.iter().enumerate() {
            for c in [cell.fg, cell.bg] {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{id}: cell {i} ({:?}) has {c:?}",
                    cell.symbol()
                );
            }
        }
        let screen_bg = match theme {
            PaletteName::Dark => Color::Black,
            PaletteName::Light => Color::White,
        };
        let on_bg = buf.content.iter().filter(|c| c.bg == screen_bg).count();
        assert!(
            on_bg * 2 > buf.content.len(),
            "{id}: most of the screen is not on {screen_bg:?}"
        );
        assert!(screen_text(&buf).contains(TITLE), "{id}");
        insta::assert_snapshot!(id, snapshot_text(&buf));
    }
}

/// Five synergies on the example, one at each stage but « mise en œuvre », one served by an
/// overdue line, one with impacts, hand-overs and a note.
fn with_synergies(state: &mut State) {
    use atelier::domain::synergy::{
        Amount, Impact, Member, MemberRole, Stage, Synergy, SynergyKind,
    };
    use atelier::domain::{Due, LineField, Op};
    let at =
        |d: &str| chrono::DateTime::parse_from_rfc3339(&format!("{d}T10:00:00+01:00")).unwrap();
    let impact = |a: &str, measured, what: &str, factor: &str, source: &str| Impact {
        amount: Amount::parse(a).unwrap(),
        measured,
        what: what.into(),
        factor: factor.into(),
        source: source.into(),
    };
    let member = |o: &str, role| Member {
        organisation: o.into(),
        role,
    };
    let mut pallets = Synergy::new(
        1,
        "Palettes bois de la menuiserie vers la chaufferie",
        SynergyKind::Substitution,
    )
    .handed_to("CC du Val d'Orge", "", at("2026-10-02"))
    .moved(Stage::Study, "", at("2026-11-05"))
    .handed_to("Laiterie du Val", "Claire Morel", at("2026-11-20"));
    pallets.group = Some(4);
    pallets.members = vec![
        member("SARL Menuiserie Leroux & Fils", MemberRole::Supplier),
        member("Laiterie du Val", MemberRole::Receiver),
    ];
    pallets.impacts = vec![
        impact("12 t/an", false, "palettes", "", ""),
        impact(
            "3,2 t CO2e",
            true,
            "",
            "0,8 kgCO2e/km",
            "ADEME Base Carbone",
        ),
    ];
    pallets.note = "Visite de la chaufferie prévue en janvier.".into();
    let mut parking = Synergy::new(
        2,
        "Parking mutualisé entre la menuiserie, le garage et l'imprimerie",
        SynergyKind::Pooling,
    )
    .moved(Stage::Decision, "", at("2026-10-02"));
    parking.group = Some(1);
    parking.lines = vec![1];
    let mut trucks = Synergy::new(3, "Aire d'attente poids lourds", SynergyKind::Mobility);
    trucks.group = Some(1);
    trucks.lines = vec![3];
    let heat = Synergy::new(4, "Chaleur fatale du four", SynergyKind::Energy).moved(
        Stage::Abandoned,
        "trop loin des besoins de chaleur",
        at("2026-09-02"),
    );
    let mut energy = Synergy::new(5, "Achats groupés d'énergie", SynergyKind::Energy).moved(
        Stage::Done,
        "",
        at("2026-06-02"),
    );
    energy.impacts = vec![impact("15 k€", true, "", "", "")];
    // These, not the example's: a register made to show each case.
    state.session.synergies.clear();
    for (index, synergy) in [pallets, parking, trucks, heat, energy]
        .into_iter()
        .enumerate()
    {
        state
            .session
            .apply(Op::AddSynergy { index, synergy })
            .unwrap();
    }
    // Line 3 was due last month: its synergy is marked.
    state
        .session
        .apply(Op::SetLine {
            line: 3,
            field: LineField::Due(Due::Month(2026, 11)),
        })
        .unwrap();
}

/// Suivi › Synergies at 80×24 and 200×60 (the projector's size), both themes: the board on
/// « Étude », then the sheet of its synergy.
#[test]
fn synergies_board_and_sheet() {
    atelier::text::Lang::Fr.set();
    for (name, sheet) in [("board", false), ("sheet", true)] {
        for theme in THEMES {
            for size in [(80, 24), (200, 60)] {
                let mut state = state_at(Phase::Closed, theme, size);
                with_synergies(&mut state);
                update(&mut state, Action::ToggleFollowUp);
                update(&mut state, Action::NextTab);
                update(&mut state, Action::Right);
                if sheet {
                    update(&mut state, Action::Activate);
                }
                let buf = render(&state);
                let text = screen_text(&buf);
                let id = format!(
                    "synergies_{name}_{}x{}_{}",
                    size.0,
                    size.1,
                    theme_name(theme)
                );
                assert!(text.contains("Palettes bois"), "{id}\n{text}");
                insta::assert_snapshot!(id, snapshot_text(&buf));
            }
        }
    }
}

/// Every zone on one screen (`atelier territoire`), drawn as the launcher draws it: rows of
/// each stage, an unreadable file, the sort on « En retard ».
#[test]
fn territory() {
    use atelier::domain::territory::Entry;
    use atelier::domain::territory::{Event, SortKey, Stage, ZoneRow};
    use atelier::screens::launcher::model::Launcher;
    use atelier::screens::territory::model::Territory;
    atelier::text::Lang::Fr.set();
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    let zone = |title: &str, stage, engaged, companies, actions: (usize, usize, usize)| ZoneRow {
        title: title.into(),
        zone: title.into(),
        stage,
        engaged,
        companies,
        done: actions.0,
        open: actions.1,
        overdue: actions.2,
        synergies: [2, 1, 0, 1, 1, 0],
        next: None,
        summary: atelier::domain::session::SessionSummary {
            title: title.into(),
            workshop: 0,
            phase: None,
        },
    };
    let mut rows = vec![
        zone("ZA des Portes du Sud", Stage::FollowUp, 14, 48, (9, 21, 3)),
        zone("Éco-parc des Forges", Stage::Workshop(2), 9, 31, (4, 12, 0)),
        zone("ZA du Moulin", Stage::Preparation, 0, 0, (0, 0, 0)),
        zone(
            "Parc d'activités de l'Abbaye",
            Stage::Rencontre,
            0,
            22,
            (0, 0, 0),
        ),
        zone("ZI des Tanneurs", Stage::Plenary, 22, 60, (30, 12, 1)),
    ];
    rows[1].next = Some((day("2027-02-04"), Event::Workshop(2)));
    rows[0].next = Some((day("2027-01-12"), Event::Meeting("Mobilité".into())));
    rows[4].next = Some((day("2027-06-20"), Event::Plenary));
    let mut entries: Vec<Entry> = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| Entry {
            path: format!("zone{i}.ron").into(),
            row: Ok(r),
        })
        .collect();
    entries.push(Entry {
        path: "casse.ron".into(),
        row: Err("casse.ron:1:1: le fichier s'arrête avant la fin".into()),
    });
    for theme in THEMES {
        for size in SIZES.into_iter().chain([(200, 60)]) {
            let mut l = Launcher::new(Vec::new());
            let mut t = Territory::new(entries.clone(), SortKey::Zone);
            while t.sort != SortKey::Overdue {
                t.resort();
            }
            l.territory = Some(t);
            let palette = atelier::ui::palette::Palette::new(theme, Depth::TrueColor);
            let area = Rect::new(0, 0, size.0, size.1);
            let mut buf = Buffer::empty(area);
            atelier::screens::launcher::view::render(&l, &palette, area, &mut buf);
            let text = screen_text(&buf);
            let id = format!("territory_{}x{}_{}", size.0, size.1, theme_name(theme));
            assert!(text.contains("Territoire"), "{id}\n{text}");
            assert!(text.contains("ZI des Tanneurs"), "{id}\n{text}");
            insta::assert_snapshot!(id, snapshot_text(&buf));
        }
    }
}
