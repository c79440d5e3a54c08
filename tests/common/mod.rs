//! Shared test helpers: the example session, a fixed clock, and key scripts.
#![allow(dead_code)]

pub mod pty;
pub mod seat;
pub mod webdriver;

use std::path::{Path, PathBuf};

use atelier::app::key::Key as KeyEvent;
use atelier::app::{Action, State, keymap, update};
use atelier::domain::{Session, Timestamp};

pub const EXAMPLE: &str = include_str!("../../sessions/exemple-za.ron");

/// How hard the proofs push: `cargo test` (about a minute each), `ATELIER_LONG=1`, or
/// `ATELIER_SOAK=1` (the sizes the README promises: 2 000 kills, 1 000 000 UI events, 7 writers
/// × 2 000 operations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Proof {
    Default,
    Long,
    Soak,
}

pub fn proof() -> Proof {
    let on = |name: &str| std::env::var_os(name).is_some_and(|v| v == "1");
    if on("ATELIER_SOAK") {
        Proof::Soak
    } else if on("ATELIER_LONG") {
        Proof::Long
    } else {
        Proof::Default
    }
}

pub fn example() -> Session {
    atelier::store::parse(EXAMPLE, Path::new("exemple-za.ron")).expect("example parses")
}

/// The options the export tests share: `;`, a BOM, every group, A3, exported on 15 February
/// 2027 at 10:00.
pub fn export_options() -> atelier::export::Options {
    let now = chrono::DateTime::parse_from_rfc3339("2027-02-15T10:00:00+01:00").expect("time");
    atelier::export::Options {
        delimiter: b';',
        bom: true,
        group: None,
        today: now.date_naive(),
        now,
        paper: Default::default(),
        saved: None,
    }
}

/// Group `theme`'s poster solutions, in order.
pub fn solutions(s: &Session, theme: u32) -> Vec<String> {
    s.group(theme)
        .map(|g| g.poster.lines.iter().map(|l| l.solution.clone()).collect())
        .unwrap_or_default()
}

pub fn at(hms: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(&format!("2026-12-03T{hms}+01:00")).expect("time")
}

pub fn state(session: Session, now: Timestamp) -> State {
    atelier::text::Lang::Fr.set();
    let mut s = State::new(session, PathBuf::from("test.ron"), now);
    s.size = (100, 30);
    s
}

/// A key script (see `atelier::app::key::parse_script`).
pub fn keys(script: &str) -> Vec<KeyEvent> {
    atelier::app::key::parse_script(script).unwrap_or_else(|e| panic!("{e}"))
}

/// Sends keys through the real keymap and update, rendering after each like the app does.
pub fn press(state: &mut State, script: &str) {
    for key in keys(script) {
        if let Some(action) = keymap::action_for(state.mode(), key) {
            update(state, action);
        }
        render(state);
    }
}

pub fn render(state: &State) -> String {
    let (w, h) = state.size;
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
    atelier::ui::render(state, buf.area, &mut buf);
    let mut text = String::new();
    for y in 0..h {
        for x in 0..w {
            if let Some(cell) = buf.cell((x, y)) {
                text.push_str(cell.symbol());
            }
        }
        text.push('\n');
    }
    text
}

/// Moves the fake clock.
pub fn tick(state: &mut State, now: Timestamp) {
    update(state, Action::Tick(now));
}

pub fn temp_copy(dir: &Path) -> PathBuf {
    let p = dir.join("atelier.ron");
    std::fs::write(&p, EXAMPLE).expect("write copy");
    p
}

/// One line per row. A wide glyph sits in its first cell; the cells it covers are skipped,
/// as the terminal does.
pub fn screen_text(buf: &ratatui::buffer::Buffer) -> String {
    let width = buf.area.width as usize;
    let mut out = String::new();
    if width == 0 {
        return out;
    }
    for row in buf.content.chunks(width) {
        let mut line = String::new();
        let mut hidden: u16 = 0;
        for cell in row {
            if hidden == 0 {
                line.push_str(cell.symbol());
            }
            hidden = hidden
                .max(ratatui::buffer::CellWidth::cell_width(cell))
                .saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A SIRET whose Luhn key checks, from its first 13 digits.
pub fn siret(first13: &str) -> String {
    (0..10)
        .map(|d| format!("{first13}{d}"))
        .find(|s| atelier::domain::profile::siret_checks(s))
        .expect("one key digit checks")
}

/// The example's zone with open data as `atelier import` leaves it: the register's profile of
/// its twelve active establishments (imported on 20 November 2026 from 48 210 rows), the CNIG
/// site, and the invitation list (one SIRET whose key is wrong, one establishment with no
/// name in the register), the first two already made participants.
pub fn with_open_data(s: &mut Session) {
    use atelier::domain::profile::{Establishment, SiteProfile, Tally};
    use atelier::domain::{Invitation, Op};
    let rows = [
        (
            "Le Fournil d'Orge",
            "",
            "10.71C",
            "11",
            1994,
            "RUE DES TANNEURS",
        ),
        (
            "Transports Rochère",
            "",
            "49.41A",
            "12",
            1987,
            "ZA DES PORTES DU SUD",
        ),
        (
            "Laiterie du Val",
            "",
            "10.51C",
            "21",
            1979,
            "ZA DES PORTES DU SUD",
        ),
        (
            "Menuiserie Leroux",
            "",
            "16.23Z",
            "02",
            2008,
            "RUE DES TANNEURS",
        ),
        (
            "Chaudronnerie Morel",
            "",
            "25.62B",
            "12",
            1999,
            "RUE DES TANNEURS",
        ),
        (
            "Froid Services 91",
            "",
            "33.12Z",
            "11",
            2016,
            "ZA DES PORTES DU SUD",
        ),
        (
            "Entrepôts Valdor",
            "",
            "52.10B",
            "12",
            2003,
            "ZA DES PORTES DU SUD",
        ),
        (
            "",
            "Garage des Tanneurs",
            "45.20A",
            "01",
            2012,
            "RUE DES TANNEURS",
        ),
        ("", "", "25.11Z", "11", 2021, "RUE DES TANNEURS"),
        (
            "Imprimerie Vallée",
            "",
            "18.12Z",
            "02",
            1991,
            "RUE DES TANNEURS",
        ),
        (
            "Recyclage Sud Essonne",
            "",
            "38.32Z",
            "11",
            2010,
            "ZA DES PORTES DU SUD",
        ),
        (
            "Plasturgie de l'Orge",
            "",
            "22.29A",
            "12",
            2019,
            "ZA DES PORTES DU SUD",
        ),
    ];
    let establishments: Vec<Establishment> = rows
        .iter()
        .enumerate()
        .map(|(i, (name, sign, naf, size, year, street))| {
            let mut siret = siret(&format!("4210{:05}0001", 31 + i * 7));
            if i == 11 {
                // A key that does not check (a typing slip in the register's extract).
                siret = format!("{}{}", &siret[..13], (siret.as_bytes()[13] - b'0' + 1) % 10);
            }
            Establishment {
                siret,
                naf: naf.to_string(),
                nomenclature: "NAFRev2".into(),
                size: size.to_string(),
                created: chrono::NaiveDate::from_ymd_opt(*year, 3, 1),
                name: name.to_string(),
                sign: sign.to_string(),
                street: format!("{} {street}", 2 + i * 4),
                commune: if street.starts_with("ZA") {
                    "91022"
                } else {
                    "91021"
                }
                .into(),
            }
        })
        .collect();
    let mut tally = Tally::default();
    establishments.iter().for_each(|e| tally.add(e));
    let profile = tally.finish(
        "StockEtablissement_utf8_geo.csv",
        48_210,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
    );
    s.apply(Op::SetRegisterProfile(Some(Box::new(profile))))
        .expect("profile");
    s.apply(Op::SetSiteProfile(Some(SiteProfile {
        source: "sites-economiques-91.csv".into(),
        name: "ZA des Portes du Sud".into(),
        vocation: Some("Mixte".into()),
        area_ha: Some(42.5),
        establishments: Some(51),
    })))
    .expect("site");
    s.apply(Op::MergeInvitations(
        establishments
            .iter()
            .map(Invitation::from_establishment)
            .collect(),
    ))
    .expect("invitations");
    let first: Vec<String> = s
        .invitations
        .iter()
        .take(2)
        .map(|i| i.siret.clone())
        .collect();
    let refs: Vec<&str> = first.iter().map(String::as_str).collect();
    let op = s.invite_op(&refs, |i| i.name.clone()).expect("two to make");
    s.apply(op).expect("made");
}
