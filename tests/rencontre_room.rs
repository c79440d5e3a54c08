//! The rencontre, simulated with the real binary: the facilitator (`open`, projected) and two
//! assistants (`join --cartes`) on one session file, each in its own pseudo-terminal. During
//! the Recensement all three type cards at once, at human speed; then the facilitator moves
//! to the vote and the assistants enter dots from their terminals while the facilitator does
//! too. At the end: every card typed is in the file exactly once and reached the projected
//! wall, every dot is there and the vote's limits hold, and every process is idle again.

// Unix only: three terminals, each a pseudo-terminal. portable-pty's Windows pseudo-console does
// not run under Wine, where CI runs the Windows build's tests; `two_processes.rs` covers saving,
// locks and presence there.
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use atelier::domain::rencontre::{Rencontre, Step};
use common::pty::*;

const CARDS_EACH: usize = 6;

/// Types `text` one character at a time, about 8 characters a second.
fn type_slowly(app: &mut App, text: &str) {
    for c in text.chars() {
        app.send(&c.to_string());
        std::thread::sleep(Duration::from_millis(110));
    }
}

/// Adds `n` cards tagged `tag`, each: `a`, wait for the field, type, Enter.
fn cards(mut app: App, tag: &str, n: usize) -> (App, Vec<String>) {
    let mut typed = Vec::new();
    for i in 1..=n {
        let text = format!("{tag}{i:02} palettes et cartons");
        app.send("a");
        app.wait_text("Nouvelle carte");
        std::thread::sleep(Duration::from_millis(250));
        type_slowly(&mut app, &text);
        app.send(ENTER);
        typed.push(text);
        std::thread::sleep(Duration::from_millis(400));
    }
    (app, typed)
}

#[test]
fn a_facilitator_and_two_assistants_lose_no_card_and_no_dot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rencontre.ron");
    // The example's people, at a rencontre's Recensement with two candidate themes ready.
    let mut s = atelier::store::parse(EXAMPLE, &path).unwrap();
    let mut r = Rencontre::new(1);
    r.phase = Step::Census;
    r.themes = s
        .rencontres
        .first()
        .map(|x| x.themes.iter().take(2).cloned().collect())
        .unwrap_or_default();
    s.rencontres = vec![r];
    atelier::store::save(&path, &s).unwrap();
    let p = path.to_str().unwrap();

    let fac = App::spawn(&["open", p], dir.path(), dir.path(), (160, 45));
    fac.wait_text("Recensement des besoins");
    let lucie = App::spawn(
        &["join", p, "--cartes", "--as", "Lucie"],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    let marc = App::spawn(
        &["join", p, "--cartes", "--as", "Marc"],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    lucie.wait_text("Recensement des besoins");
    marc.wait_text("Recensement des besoins");
    fac.wait_text("assistant · Marc");

    // All three type cards at the same time.
    let start = Instant::now();
    let typists: Vec<_> = [(fac, "F"), (lucie, "L"), (marc, "M")]
        .into_iter()
        .map(|(app, tag)| std::thread::spawn(move || cards(app, tag, CARDS_EACH)))
        .collect();
    let mut apps = Vec::new();
    let mut typed = Vec::new();
    for t in typists {
        let (app, cards) = t.join().unwrap();
        apps.push(app);
        typed.extend(cards);
    }
    eprintln!(
        "{} cards typed by 3 terminals in {:.1} s",
        typed.len(),
        start.elapsed().as_secs_f64()
    );
    // The projected wall shows the newest cards of each column: the last card of each typist.
    let fac = &apps[0];
    for tag in ["F", "L", "M"] {
        fac.wait_text(&format!("{tag}{CARDS_EACH:02} palettes"));
    }

    // The vote: the facilitator moves on twice; the assistants' screens follow.
    let mut apps = apps.into_iter();
    let (mut fac, mut lucie, mut marc) = (
        apps.next().unwrap(),
        apps.next().unwrap(),
        apps.next().unwrap(),
    );
    fac.keys(&["\x1b[6~", "\x1b[6~"]);
    fac.wait_text("résultats masqués");
    lucie.wait_text("résultats masqués");
    marc.wait_text("résultats masqués");
    // Voters 1–4 from Lucie on theme 1, 5–8 from Marc on theme 2, 9–10 from the facilitator
    // on theme 1: each a digit for the theme, then the person's number.
    let vote = |app: &mut App, theme: &str, people: std::ops::RangeInclusive<u32>| {
        app.send(theme);
        std::thread::sleep(Duration::from_millis(200));
        for n in people {
            type_slowly(app, &n.to_string());
            app.send(ENTER);
            std::thread::sleep(Duration::from_millis(250));
        }
        app.keys(&["\x1b"]);
    };
    let votes = std::thread::scope(|sc| {
        sc.spawn(|| vote(&mut lucie, "1", 1..=4));
        sc.spawn(|| vote(&mut marc, "2", 5..=8));
        vote(&mut fac, "1", 9..=10);
        10
    });
    fac.wait_text(&format!("{votes}/"));

    // The file: every card once, every dot, limits kept.
    let deadline = Instant::now() + Duration::from_secs(10);
    let session = loop {
        let s = atelier::store::load(&path).unwrap();
        let r = s.rencontre(1).unwrap();
        if (r.cards.len() >= typed.len() && r.dots.len() >= votes) || Instant::now() > deadline {
            break s;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let r = session.rencontre(1).unwrap();
    for text in &typed {
        assert_eq!(
            r.cards.iter().filter(|c| &c.text == text).count(),
            1,
            "{text} in the file once: {:?}",
            r.cards.iter().map(|c| &c.text).collect::<Vec<_>>()
        );
    }
    assert_eq!(r.cards.len(), typed.len());
    assert_eq!(r.dots.len(), votes, "{:?}", r.dots);
    let voters = session.speakers();
    for p in &voters {
        assert!(r.dots_of(p.id) <= 3);
    }
    let on = |theme: usize| {
        r.themes
            .get(theme)
            .map(|t| r.total(t.id))
            .unwrap_or_default()
    };
    assert_eq!((on(0), on(1)), (6, 4));

    // Idle again, every one of them.
    std::thread::sleep(Duration::from_secs(2));
    for (app, who) in [(&fac, "open"), (&lucie, "Lucie"), (&marc, "Marc")] {
        let (cpu, wake) = assert_idle(app, who, Duration::from_secs(5));
        eprintln!("{who}: idle {cpu:.2} ms/s CPU, {wake:.1} wake-ups/s");
    }
}
