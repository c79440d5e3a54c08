//! `atelier import sirene` on a register file of 100 000 establishments with the real header
//! (the 53 columns of `StockEtablissement` and the geolocated edition's 4), generated in a
//! temporary folder when the bench starts (never committed): the whole import, read + filter +
//! aggregate + the invitation list, by communes and streets, and by an outline (every active
//! row's coordinates tested).
//!
//! And Préparation › Invitations drawn with a large zone's list (3 000 establishments, half of
//! them made participants), the cursor far down it: only the rows on screen are built.
//!
//! Run: `cargo bench --bench import`.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::LazyLock;

use atelier::domain::Invitation;
use atelier::domain::profile::{Area, Polygon};
use atelier::import::sirene::{self, Filter};

#[path = "../tests/support/register.rs"]
mod register;

const ROWS: usize = 100_000;

const STREETS: [(&str, &str); 8] = [
    ("RUE", "DES TANNEURS"),
    ("ZA", "DES PORTES DU SUD"),
    ("AV", "DU GAL DE GAULLE"),
    ("RUE", "DE LA GARE"),
    ("BD", "DE L EUROPE"),
    ("CHE", "DES PRES"),
    ("IMP", "DES TANNEURS"),
    ("RTE", "DE PARIS"),
];
const NAF: [&str; 10] = [
    "25.62B", "10.71C", "43.22A", "47.11F", "49.41A", "52.10B", "62.01Z", "70.22Z", "38.11Z",
    "46.69B",
];
const SIZES: [&str; 8] = ["NN", "00", "01", "02", "03", "11", "12", ""];

/// A small deterministic generator (no dependency for a bench's data).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The 100 000-row file, written once, and its folder (removed at exit with the process).
static FILE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("StockEtablissement_utf8_geo.csv");
    let file = std::fs::File::create(&path).expect("the bench file");
    let mut out = std::io::BufWriter::new(file);
    let mut rng = Lcg(7);
    writeln!(out, "{}{}", register::STOCK, register::GEO).expect("written");
    let mut row = String::new();
    for i in 0..ROWS {
        row.clear();
        let siren = 300_000_000 + i;
        let (kind, street) = STREETS[rng.next(STREETS.len())];
        // 50 communes of a département; the zone's two hold a tenth of the rows.
        let commune = 91_000 + rng.next(50);
        let state = if rng.next(4) == 0 { "F" } else { "A" };
        let lon = 2.0 + rng.next(10_000) as f64 / 10_000.0;
        let lat = 48.0 + rng.next(10_000) as f64 / 10_000.0;
        let _ = write!(
            row,
            "{siren},00017,{siren}00017,O,{}-0{}-15,{},2022,,2024-03-22T12:00:00,true,2,,\
             {},,,,{kind},{street},91220,BRETIGNY-SUR-ORGE,,,{commune},,,,,{commune}_{i},\
             640000.5,6840000.5,,,,,,,,,,,,,,,2019-01-01,{state},\"Enseigne {i}, atelier\",,,\
             Société {i},{},NAFRev2,O,640000.5,6840000.5,{lon:.6},{lat:.6}",
            1950 + rng.next(75),
            1 + rng.next(9),
            SIZES[rng.next(SIZES.len())],
            1 + rng.next(200),
            NAF[rng.next(NAF.len())],
        );
        writeln!(out, "{row}").expect("written");
    }
    out.flush().expect("flushed");
    drop(out);
    (dir, path)
});

/// The import as `atelier import sirene` runs it, the session's write aside.
fn import(filter: &Filter) -> (usize, usize) {
    let out = sirene::read(&FILE.1, filter, None).expect("the bench file reads");
    let invitations: Vec<Invitation> = out
        .establishments
        .iter()
        .map(Invitation::from_establishment)
        .collect();
    (invitations.len(), out.profile.divisions.len())
}

fn by_streets() -> Filter {
    Filter {
        communes: vec!["91021".into(), "91022".into()],
        streets: vec!["rue des Tanneurs".into(), "ZA des Portes du Sud".into()],
        area: None,
    }
}

fn by_outline() -> Filter {
    let ring = vec![
        (2.40, 48.40),
        (2.46, 48.40),
        (2.46, 48.46),
        (2.40, 48.46),
        (2.40, 48.40),
    ];
    Filter {
        area: Some(Area {
            polygons: vec![Polygon {
                outer: ring,
                holes: Vec::new(),
            }],
        }),
        ..Filter::default()
    }
}

/// The example session with 3 000 invitations, 1 500 made participants, on the Invitations
/// tab, the 2 000th selected.
fn invitations_screen(w: u16, h: u16) -> atelier::app::State {
    use atelier::app::{Action, PrepTab, State, update};
    use atelier::domain::profile::Establishment;
    use atelier::domain::{Op, Phase};
    let mut s = atelier::store::parse(atelier::store::EXAMPLE, std::path::Path::new("x.ron"))
        .expect("the example parses");
    if let Some(w) = s.workshops.first_mut() {
        w.phase = Phase::Preparation;
    }
    let list: Vec<Invitation> = (0..3000)
        .map(|i| {
            Invitation::from_establishment(&Establishment {
                siret: format!("{:014}", 42_100_000_000_000u64 + i * 17),
                naf: NAF[i as usize % NAF.len()].into(),
                size: SIZES[i as usize % SIZES.len()].into(),
                name: format!("Établissement {i}"),
                street: "12 RUE DES TANNEURS".into(),
                commune: "91021".into(),
                ..Default::default()
            })
        })
        .collect();
    s.apply(Op::MergeInvitations(list)).expect("merged");
    let half: Vec<String> = s
        .invitations
        .iter()
        .step_by(2)
        .map(|i| i.siret.clone())
        .collect();
    let refs: Vec<&str> = half.iter().map(String::as_str).collect();
    let op = s.invite_op(&refs, |i| i.name.clone()).expect("to make");
    s.apply(op).expect("made");
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-03T10:00:00+01:00").unwrap_or_default();
    let mut st = State::new(s, PathBuf::from("bench.ron"), now);
    update(&mut st, Action::Resize(w, h));
    while st.prep.tab != PrepTab::Invitations {
        update(&mut st, Action::NextTab);
    }
    st.prep.row = 2000;
    st
}

#[divan::bench(args = [(80, 24), (200, 60)])]
fn invitations_tab_3000(bencher: divan::Bencher, (w, h): (u16, u16)) {
    let st = invitations_screen(w, h);
    let area = ratatui::layout::Rect::new(0, 0, w, h);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        atelier::ui::render(&st, area, &mut buf);
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn communes_and_streets_100k(bencher: divan::Bencher) {
    let filter = by_streets();
    bencher.bench(|| import(&filter));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn outline_100k(bencher: divan::Bencher) {
    let filter = by_outline();
    bencher.bench(|| import(&filter));
}

fn main() {
    let bytes = std::fs::metadata(&FILE.1).map(|m| m.len()).unwrap_or(0);
    let (kept, divisions) = import(&by_streets());
    let (inside, _) = import(&by_outline());
    println!(
        "{ROWS} rows, {:.1} MB; communes and streets keep {kept} ({divisions} divisions), the \
         outline {inside}\n",
        bytes as f64 / 1e6
    );
    divan::main();
}
