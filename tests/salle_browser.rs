//! The room in a real browser: Debian's headless Chromium, driven through chromedriver
//! (`common::webdriver`), on the pages `atelier salle` serves (src/web).
//!
//! - a rapporteur's line typed on the group page reaches the facilitator's projected screen
//!   (`atelier open` in a pseudo-terminal beside it), and the file once;
//! - 60 voters claim their names and place their dots, the totals show only once revealed,
//!   a fourth dot is refused;
//! - a card submitted while the network is down, or before a reload, is stored once;
//! - hostile text (terminal escapes, bidi controls, HTML that would run) shows literally
//!   and runs nowhere;
//! - `ATELIER_SCREENSHOTS=1`: the README's screenshots (docs/img/salle-*.png).
//!
//! Skipped (with a line on stderr) where Chromium or chromedriver is missing, unless
//! `ATELIER_BROWSER=1` (CI), which makes that a failure. Every wait polls the page, the file
//! or the screen; none sleeps for a fixed time.

// Unix only: the facilitator's screen is a pseudo-terminal, and Debian's Chromium.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use atelier::domain::merge::Pending;
use atelier::domain::rencontre::{Candidate, CardKind, Rencontre, RencontreField, Step};
use atelier::domain::{Op, Participant, Role, Session};
use atelier::store::sync::Shared;
use common::pty::{App, BIN, ENTER};
use common::webdriver::{self as wd, Browser};
use serde_json::{Value, json};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Every wait for the page, the file or the screen.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The short browser tests take turns (each starts a Chromium). The vote, which waits on
/// its 60 tabs more than it computes, runs beside them: the file's run is the vote's time,
/// not the sum.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Whether Chromium and chromedriver are here; if not, said on stderr (the test passes),
/// or with `ATELIER_BROWSER=1` (CI) the test fails.
fn browser_here(test: &str) -> bool {
    if wd::available() {
        return true;
    }
    let required = std::env::var_os("ATELIER_BROWSER").is_some_and(|v| v == "1");
    let why = format!(
        "{test}: Chromium ({}) or chromedriver is missing (Debian: apt-get install chromium chromium-driver)",
        wd::CHROMIUM
    );
    assert!(!required, "{why}, and ATELIER_BROWSER=1 requires them");
    eprintln!("{why}: skipped");
    false
}

/// A short test's turn, or `None` when it is skipped (`browser_here`).
fn turn(test: &str) -> Option<MutexGuard<'static, ()>> {
    browser_here(test).then(|| ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner))
}

/// `atelier salle FILE --adresse localhost --port PORT`, its links read from its output.
struct Salle {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    addr: String,
    port: u16,
    /// (label, address), in the order printed.
    links: Vec<(String, String)>,
}

impl Salle {
    fn start(dir: &Path, file: &Path) -> Salle {
        Salle::start_on(dir, file, wd::free_port())
    }

    fn start_on(dir: &Path, file: &Path, port: u16) -> Salle {
        let stderr = std::fs::File::create(dir.join(format!("salle-{port}.stderr")))
            .expect("stderr file of atelier salle");
        let mut child = Command::new(BIN)
            .arg("salle")
            .arg(file)
            .args(["--adresse", "localhost", "--port", &port.to_string()])
            .env("ATELIER_DATA_DIR", dir)
            .env("HOME", dir)
            .env("XDG_DATA_HOME", dir.join("share"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("start atelier salle");
        let out = child.stdout.take().expect("its output");
        let (tx, rx) = mpsc::channel();
        // Reads to the end, also once the links are known: the QR code follows them, and
        // `atelier salle` ends quietly when its output is closed (a reader gone, `cli::out`).
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let since = Instant::now();
        let mut links = Vec::new();
        let mut heard = Vec::new();
        let mut serving = false;
        loop {
            let left = TIMEOUT.saturating_sub(since.elapsed());
            let line = match rx.recv_timeout(left) {
                Ok(l) => l,
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let err = std::fs::read_to_string(dir.join(format!("salle-{port}.stderr")))
                        .unwrap_or_default();
                    panic!("atelier salle gave no links ({e}); stdout: {heard:?}; stderr: {err}");
                }
            };
            heard.push(line.clone());
            if line.starts_with("Salle ouverte sur") {
                serving = true;
                continue;
            }
            if serving {
                match line
                    .strip_prefix("  ")
                    .and_then(|l| l.split_once("\u{a0}: "))
                {
                    Some((label, url)) => links.push((label.to_string(), url.trim().to_string())),
                    None => break,
                }
            }
        }
        let addr = format!("http://127.0.0.1:{port}");
        assert!(
            links.iter().all(|(_, u)| u.starts_with(&addr)),
            "links not on {addr}: {links:?}"
        );
        Salle {
            child,
            addr,
            port,
            links,
        }
    }

    /// The link whose label is `label`.
    fn link(&self, label: &str) -> String {
        self.links
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, u)| u.clone())
            .unwrap_or_else(|| panic!("no link « {label} » in {:?}", self.links))
    }
}

impl Drop for Salle {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const VIEW: &str = "Vue de la salle";
const CARDS: &str = "Saisie des cartes";
const VOTE: &str = "Vote par gommettes";
const GROUP_1: &str = "Groupe «\u{a0}Parkings mutualisés\u{a0}»";

fn example() -> Session {
    atelier::store::parse(common::pty::EXAMPLE, Path::new("exemple-za.ron")).expect("example")
}

fn write_session(path: &Path, s: &Session) {
    let text = atelier::store::to_text(s).expect("session as text");
    std::fs::write(path, text).expect("write the session");
}

fn read_text(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read the session file")
}

fn read_session(path: &Path) -> Session {
    atelier::store::parse(&read_text(path), path).expect("the file parses")
}

/// The example with a second rencontre under way (the first handed off to workshop 1): at
/// `step`, with four candidate themes and a few cards; `voters` companies more when the
/// example has fewer speakers.
fn with_rencontre(step: Step, voters: usize) -> Session {
    let mut s = example();
    let mut next = s.participants.iter().map(|p| p.id).max().unwrap_or(0) + 1;
    while s.speakers().len() < voters {
        s.participants.push(Participant {
            id: next,
            name: format!("Votant {next:02}"),
            organisation: format!("Entreprise {next:02}"),
            role: Role::Company,
            email: None,
            choices: Vec::new(),
        });
        next += 1;
    }
    let first = s.rencontre(1).cloned().expect("the example's rencontre");
    let mut r = Rencontre::new(2);
    r.phase = step;
    r.timer.planned_secs = 600;
    for (i, title) in [
        "Parkings mutualisés",
        "Navette depuis la gare",
        "Chaleur fatale du four",
        "Collecte commune des cartons",
    ]
    .into_iter()
    .enumerate()
    {
        r.themes.push(Candidate {
            id: i as u32 + 1,
            title: title.to_string(),
        });
    }
    for c in first.cards.iter().take(5) {
        let mut c = c.clone();
        c.theme = None;
        r.cards.push(c);
    }
    s.rencontres.push(r);
    s
}

/// Polls `check` until it is true; panics naming `what` after `TIMEOUT`.
fn wait_until(what: &str, mut check: impl FnMut() -> bool) {
    let since = Instant::now();
    while !check() {
        assert!(since.elapsed() < TIMEOUT, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// How many times `needle` is in the session file.
fn count_in_file(path: &Path, needle: &str) -> usize {
    read_text(path).matches(needle).count()
}

/// The page's unsent forms (room.js's outbox in localStorage).
const OUTBOX: &str = "return JSON.parse(localStorage.getItem('atelier:outbox:' + document.body.dataset.base) || '[]');";

/// Types into the element `css` (found afresh).
fn type_into(b: &Browser, css: &str, text: &str) -> wd::Result<()> {
    let e = b.find(css)?;
    b.send_keys(&e, text)
}

/// What the page shows and keeps, for a failure's message: `#net`, the outbox, the forms'
/// errors, the start of `#live`.
fn page_state(b: &Browser) -> String {
    b.execute(
        "var q = function (s) { return Array.prototype.map.call(document.querySelectorAll(s),
             function (e) { return e.textContent; }).join(' | '); };
         return JSON.stringify({ url: location.href, net: q('#net'),
             errors: q('.field-error, .form-error'),
             outbox: (localStorage.getItem('atelier:outbox:' + document.body.dataset.base) || '').slice(0, 400),
             live: (document.getElementById('live') || document.body).textContent.slice(0, 600) });",
        vec![],
    )
    .map(|v| v.as_str().unwrap_or("").to_string())
    .unwrap_or_else(|e| e.to_string())
}

/// `wait_script`, the page's state added to a failure.
fn wait_page(b: &Browser, what: &str, script: &str, args: Vec<Value>) -> wd::Result<Value> {
    b.wait_script(what, TIMEOUT, script, args).map_err(|mut e| {
        e.message = format!("{}; page: {}", e.message, page_state(b));
        e
    })
}

/// Waits for `#live` to hold `text` (its text content: HTML shows as text).
fn wait_live(b: &Browser, text: &str) -> wd::Result<Value> {
    wait_page(
        b,
        &format!("« {text} » in #live"),
        "return document.getElementById('live').textContent.includes(arguments[0]);",
        vec![json!(text)],
    )
}

/// Waits for the page's outbox to be empty and `#net` to say « Enregistré. » (or nothing:
/// the events' stream opening again clears it), no error beside the form.
fn wait_sent(b: &Browser) -> wd::Result<Value> {
    wait_page(
        b,
        "the outbox sent",
        "var key = 'atelier:outbox:' + document.body.dataset.base;
         var net = document.getElementById('net').textContent;
         var errors = Array.prototype.some.call(
             document.querySelectorAll('.field-error, .form-error'),
             function (p) { return p.textContent !== ''; });
         return localStorage.getItem(key) === null && !errors
             && (net === document.body.dataset.sent || net === '');",
        vec![],
    )
}

#[test]
fn a_line_typed_on_the_group_page_reaches_the_projected_screen_and_the_file_once() -> TestResult {
    let Some(_turn) = turn("browser line to projected screen") else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let path = common::pty::copy_example(dir.path());
    let p = path.to_str().expect("a UTF-8 path");
    let mut fac = App::spawn(&["open", p], dir.path(), dir.path(), (200, 60));
    fac.wait_text("Groupes de travail");
    let salle = Salle::start(dir.path(), &path);
    let b = Browser::start(&[])?;
    b.navigate(&salle.link(GROUP_1))?;
    wait_live(&b, "Parking mutualisé entre la menuiserie")?;

    let solution = "Covoiturage été";
    let action = "Navette depuis la gare à 5 h 30, « même en août »";
    type_into(&b, "#f-solution", solution)?;
    type_into(&b, "#f-action", action)?;
    type_into(&b, "#f-owners", "SAS Transports Rochère (porteur)")?;
    type_into(&b, "#f-due", "juin 2027")?;
    let submit = b.find("#line-form button[type=submit]")?;
    b.click(&submit)?;

    // The page: the line pushed back into #live, the form emptied, « Enregistré. ».
    wait_live(&b, solution)?;
    wait_live(&b, action)?;
    wait_sent(&b)?;
    let left = b.execute(
        "return document.getElementById('f-solution').value;",
        vec![],
    )?;
    assert_eq!(left, json!(""), "the form is emptied once sent");

    // The projected screen: the Groups screen shows every poster; then the group's own.
    fac.wait_text(solution);
    fac.keys(&["1", ENTER]);
    fac.wait_text("Plan d'actions");
    fac.wait_text(solution);
    fac.wait_text("Navette depuis la gare à 5 h 30");

    // The file: once, in group 1's poster, each cell as typed.
    assert_eq!(
        count_in_file(&path, solution),
        1,
        "{solution} once in the file"
    );
    let s = read_session(&path);
    let lines: Vec<_> = s
        .group(1)
        .expect("group 1")
        .poster
        .lines
        .iter()
        .filter(|l| l.solution == solution)
        .collect();
    assert_eq!(lines.len(), 1);
    let line = lines.first().expect("the line");
    assert_eq!(line.action, action);
    assert_eq!(
        atelier::domain::Owner::format_list(&line.owners),
        "SAS Transports Rochère (porteur)"
    );
    assert_eq!(line.workshop, 1);

    // « Modifier » on that line: its cells in the form; the status changed, the rest kept.
    let id = line.id;
    click_fresh(&b, &format!("#line-{id} button.edit"))?;
    wait_page(
        &b,
        "the line's cells in the form",
        "var f = document.getElementById('line-form');
         return f.elements.namedItem('line').value === arguments[0]
             && f.elements.namedItem('solution').value === arguments[1];",
        vec![json!(id.to_string()), json!(solution)],
    )?;
    let doing = b.find("#f-status option[value=doing]")?;
    b.click(&doing)?;
    let submit = b.find("#line-form button[type=submit]")?;
    b.click(&submit)?;
    wait_sent(&b)?;
    wait_until("the line in progress in the file", || {
        read_session(&path)
            .group(1)
            .and_then(|g| g.poster.lines.iter().find(|l| l.id == id).cloned())
            .is_some_and(|l| {
                l.status == atelier::domain::Status::InProgress
                    && l.solution == solution
                    && l.action == action
            })
    });
    assert_eq!(count_in_file(&path, solution), 1, "edited, not added again");
    fac.keys(&["q"]);
    fac.wait_exit();
    Ok(())
}

// ---- The dot vote: 60 voters -------------------------------------------------------------

const VOTERS: usize = 60;

/// Tabs open at once (`ATELIER_BROWSER_TABS`, 30 by default): the 60 voters in two
/// turns, each voter on a page of their own (their own host, storage and claim). Chromium
/// holds the 60 at once (`ATELIER_BROWSER_TABS=60`), but every change redraws every open
/// page and each WebDriver command costs more with more tabs: on a 2-core machine the test
/// took 35 to 57 s with 60 tabs, 27 to 29 s with 20 or 30.
const TABS: usize = 30;

fn tabs() -> usize {
    std::env::var("ATELIER_BROWSER_TABS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(TABS)
        .min(VOTERS)
}

/// Voter `i`'s three dots, in the order placed: two on one theme (the most a theme takes),
/// one on another.
fn plan(i: usize) -> [u32; 3] {
    let x = (i % 4) as u32 + 1;
    let mut y = ((i / 4 + i / 3) % 4) as u32 + 1;
    if y == x {
        y = x % 4 + 1;
    }
    if i.is_multiple_of(2) {
        [x, x, y]
    } else {
        [x, y, x]
    }
}

/// Each voter's tab has a host name of its own (Chromium maps `*.salle.test` to 127.0.0.1):
/// as on phones, each its own storage and its own connections. One browser opens at most 6
/// connections to one host, and each page holds one for its events.
const HOSTS: &str = "--host-resolver-rules=MAP *.salle.test 127.0.0.1";

fn voter_url(link: &str, i: usize) -> String {
    link.replacen("127.0.0.1", &format!("v{i}.salle.test"), 1)
}

/// The totals a page shows, by theme (`.total`, digits read).
const TOTALS: &str = "var out = {};
    document.querySelectorAll('article.theme').forEach(function (a) {
        var t = a.querySelector('.total');
        if (t) out[a.dataset.theme] = parseInt(t.textContent.replace(/[^0-9]/g, ''), 10);
    });
    return out;";

/// The totals in a voter's live fragment (`GET /TOKEN/KEY/live`), by theme.
fn totals_in_html(html: &str) -> BTreeMap<u32, u32> {
    let mut out = BTreeMap::new();
    for part in html.split("<article class=\"theme\" data-theme=\"").skip(1) {
        let theme: u32 = part
            .split('"')
            .next()
            .and_then(|t| t.parse().ok())
            .expect("a theme id");
        let article = part.split("</article>").next().unwrap_or("");
        if let Some(total) = article.split("class=\"total\">").nth(1) {
            let digits: String = total
                .chars()
                .take_while(|c| *c != '<')
                .filter(char::is_ascii_digit)
                .collect();
            out.insert(theme, digits.parse().expect("a total"));
        }
    }
    out
}

/// Clicks the element `css` finds, finding it again when the page replaced it meanwhile
/// (every change anyone makes redraws `#live`).
fn click_fresh(b: &Browser, css: &str) -> wd::Result<()> {
    let since = Instant::now();
    loop {
        let done = b.find(css).and_then(|e| b.click(&e));
        match done {
            Err(e) if e.is_stale() && since.elapsed() < TIMEOUT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

#[test]
fn sixty_voters_place_their_dots_and_see_the_totals_once_revealed() -> TestResult {
    if !browser_here("browser vote") {
        return Ok(());
    }
    let started = Instant::now();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("atelier.ron");
    let session = with_rencontre(Step::Vote, VOTERS);
    let voters: Vec<u32> = session
        .speakers()
        .iter()
        .take(VOTERS)
        .map(|p| p.id)
        .collect();
    assert_eq!(voters.len(), VOTERS);
    write_session(&path, &session);
    let salle = Salle::start(dir.path(), &path);
    let vote = salle.link(VOTE);
    // Tabs load side by side: `navigate` returns at once, and each step waits for its page.
    let b = Browser::start_with(&[HOSTS], "none")?;
    let tabs = tabs();
    let mut handles = vec![b.window_handle()?];
    // Each voter's own page: /VOTE/KEY.
    let mut pages: Vec<String> = Vec::new();
    let (mut claiming, mut dotting) = (Duration::ZERO, Duration::ZERO);

    for batch in (0..VOTERS).collect::<Vec<_>>().chunks(tabs) {
        // Every tab of the batch on the vote's first page, each with its own host.
        for (t, &i) in batch.iter().enumerate() {
            while handles.len() <= t {
                handles.push(b.new_window()?);
            }
            b.switch_to(&handles[t])?;
            b.navigate(&voter_url(&vote, i))?;
        }
        let t0 = Instant::now();
        // Each taps their name. The first of each batch through WebDriver's pointer, the
        // others with the button's click() once it is there: one exchange with the browser
        // instead of four (with 60 tabs open, each costs more).
        for (t, &i) in batch.iter().enumerate() {
            b.switch_to(&handles[t])?;
            let button = format!(
                "form.claim:has(input[name=participant][value=\"{}\"]) button",
                voters[i]
            );
            let real = t == 0;
            wait_page(
                &b,
                &format!("voter {i}'s name, free"),
                "var b = document.querySelector(arguments[0]);
                 if (!b || b.disabled) return false;
                 if (!arguments[1]) b.click();
                 return true;",
                vec![json!(button), json!(real)],
            )?;
            if real {
                click_fresh(&b, &button)?;
            }
        }
        claiming += t0.elapsed();
        let t1 = Instant::now();
        // Then their dots, a round at a time: each page shows its dots so far before the
        // next (every change anyone makes redraws every page meanwhile).
        for round in 0..3 {
            for (t, &i) in batch.iter().enumerate() {
                b.switch_to(&handles[t])?;
                let theme = plan(i)[round];
                let plus = format!("article.theme[data-theme=\"{theme}\"] button.plus");
                let real = t == 0;
                let page = wait_page(
                    &b,
                    &format!("voter {i}'s page with {round} dots and + on theme {theme}"),
                    "var mine = 0;
                     document.querySelectorAll('article.theme').forEach(function (a) {
                         mine += parseInt(a.dataset.mine, 10); });
                     var b = document.querySelector(arguments[1]);
                     if (location.pathname.split('/').length !== 3 || mine !== arguments[0]
                         || !b || b.disabled) return false;
                     if (!arguments[2]) b.click();
                     return location.pathname;",
                    vec![json!(round), json!(plus), json!(real)],
                )?;
                if real {
                    click_fresh(&b, &plus)?;
                }
                if round == 0 {
                    pages.push(page.as_str().unwrap_or("").to_string());
                }
            }
        }
        dotting += t1.elapsed();
        // Every page shows its 3 dots, every + disabled (no dot left), no total.
        for (t, &i) in batch.iter().enumerate() {
            b.switch_to(&handles[t])?;
            wait_page(
                &b,
                &format!("voter {i}'s 3 dots shown, every + disabled"),
                "var mine = {};
                 document.querySelectorAll('article.theme').forEach(function (a) {
                     mine[a.dataset.theme] = parseInt(a.dataset.mine, 10); });
                 var plus = document.querySelectorAll('button.plus');
                 var all = Array.prototype.every.call(plus, function (b) { return b.disabled; });
                 return plus.length === 4 && all && JSON.stringify(mine) === arguments[0]
                     && document.querySelector('.ballot').dataset.left === '0';",
                vec![json!(serde_json::to_string(&mine_of(i))?)],
            )?;
            let totals = b.execute("return document.querySelectorAll('.total').length;", vec![])?;
            assert_eq!(
                totals,
                json!(0),
                "voter {i} sees totals before they are revealed"
            );
        }
    }
    let voting = started.elapsed();

    // 60 distinct pages, 180 dots in the file, each voter's as placed.
    let mut distinct = pages.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), VOTERS, "one page per voter: {pages:?}");
    wait_until("180 dots in the file", || {
        read_session(&path)
            .rencontre(2)
            .is_some_and(|r| r.dots.len() == 3 * VOTERS)
    });
    let s = read_session(&path);
    let r = s.rencontre(2).expect("rencontre 2");
    for (i, &who) in voters.iter().enumerate() {
        assert_eq!(r.dots_of(who), 3, "voter {i}'s dots");
        for theme in 1..=4 {
            let planned = plan(i).iter().filter(|t| **t == theme).count() as u32;
            assert_eq!(r.dots_by(who, theme), planned, "voter {i}, theme {theme}");
        }
    }
    assert!(!r.revealed);

    // No total on any voter's page before the reveal (the tabs open, and the others' pages).
    let agent = wd::agent(Duration::from_secs(10));
    for (i, page) in pages.iter().enumerate() {
        let mut answer = agent.get(format!("{}{page}/live", salle.addr)).call()?;
        let html = answer.body_mut().read_to_string()?;
        assert!(
            html.contains("class=\"ballot\""),
            "voter {i}'s page: {html:.300}"
        );
        assert!(
            !html.contains("class=\"total\""),
            "voter {i} sees totals before the reveal"
        );
    }

    // A fourth dot: the buttons are disabled, and the server refuses it anyway.
    let first = pages.first().expect("a page");
    let mut answer = agent
        .post(format!("{}{first}/dot", salle.addr))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Room", "1")
        .send(format!("theme={}&rid=fourth-dot", plan(0)[2]))?;
    assert_eq!(answer.status().as_u16(), 422, "a fourth dot is refused");
    let why = answer.body_mut().read_to_string()?;
    assert_eq!(why, "Vous avez posé toutes vos gommettes.");
    assert_eq!(
        read_session(&path).rencontre(2).map(|r| r.dots.len()),
        Some(3 * VOTERS)
    );

    // The facilitator reveals the totals (another process on the file): every page shows them.
    reveal(&path, 2)?;
    let mut expected: BTreeMap<u32, u32> = BTreeMap::new();
    for i in 0..VOTERS {
        for t in plan(i) {
            *expected.entry(t).or_default() += 1;
        }
    }
    let expected_json: BTreeMap<String, u32> =
        expected.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    let open = VOTERS - (VOTERS - 1) / tabs * tabs;
    for (t, handle) in handles.iter().enumerate().take(open) {
        b.switch_to(handle)?;
        let shown = wait_page(
            &b,
            &format!("tab {t} showing the totals"),
            &format!(
                "var t = (function () {{ {TOTALS} }})();
                      return JSON.stringify(t) === arguments[0] ? t : null;"
            ),
            vec![json!(serde_json::to_string(&expected_json)?)],
        )?;
        assert_eq!(shown, serde_json::to_value(&expected_json)?);
        let ranked = b.execute(
            "return document.querySelectorAll('.results li').length;",
            vec![],
        )?;
        assert_eq!(ranked, json!(4), "tab {t}: the results list every theme");
    }
    for (i, page) in pages.iter().enumerate() {
        let mut answer = agent.get(format!("{}{page}/live", salle.addr)).call()?;
        let html = answer.body_mut().read_to_string()?;
        assert_eq!(totals_in_html(&html), expected, "voter {i}'s totals");
    }
    eprintln!(
        "vote: {VOTERS} voters in {tabs} tabs: pages opened, names claimed and dots placed in \
         {:.1} s (claims {:.1} s, dots {:.1} s); the test in {:.1} s",
        voting.as_secs_f64(),
        claiming.as_secs_f64(),
        dotting.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// What voter `i`'s page shows as their own dots, by theme (JSON object, themes as keys).
fn mine_of(i: usize) -> BTreeMap<String, u32> {
    (1..=4u32)
        .map(|t| {
            (
                t.to_string(),
                plan(i).iter().filter(|x| **x == t).count() as u32,
            )
        })
        .collect()
}

/// The facilitator shows the vote's totals: another process's edit of the file, saved the
/// way every process saves (the write lock, the latest file, the merge).
fn reveal(path: &Path, rencontre: u32) -> TestResult {
    let stamp = atelier::store::sync::stamp(path);
    let text = read_text(path);
    let mut session = atelier::store::parse(&text, path)?;
    let op = Op::SetRencontre {
        rencontre,
        field: RencontreField::Revealed(true),
    };
    let inverse = session.apply(op.clone())?;
    let mut pending = vec![Pending { op, inverse }];
    let mut shared = Shared::new(text, stamp);
    shared.sync(
        path,
        &mut session,
        &mut pending,
        "animation (test)",
        atelier::tui::now(),
    )?;
    assert!(pending.is_empty(), "the reveal is in the file");
    assert!(
        read_session(path)
            .rencontre(rencontre)
            .is_some_and(|r| r.revealed)
    );
    Ok(())
}

// ---- A dropped connection --------------------------------------------------------------

/// The cards in rencontre 2 whose text is `text`.
fn cards_with(path: &Path, text: &str) -> Vec<atelier::domain::rencontre::Card> {
    read_session(path)
        .rencontre(2)
        .map(|r| r.cards.iter().filter(|c| c.text == text).cloned().collect())
        .unwrap_or_default()
}

/// Fills the card form and sends it (the form is emptied at once; the text waits in the
/// outbox until the server has it).
fn send_card(b: &Browser, kind: &str, text: &str, quantity: &str) -> wd::Result<()> {
    let option = b.find(&format!("#f-kind option[value=\"{kind}\"]"))?;
    b.click(&option)?;
    type_into(b, "#f-text", text)?;
    if !quantity.is_empty() {
        type_into(b, "#f-quantity", quantity)?;
    }
    let submit = b.find("#card-form button[type=submit]")?;
    b.click(&submit)
}

/// Waits for the outbox to hold exactly `text` (one card) and `#net` to say it is not sent
/// after an attempt failed (`bad`; the same words show, as `wait`, while one is under way).
fn wait_unsent(b: &Browser, text: &str) -> wd::Result<Value> {
    wait_page(
        b,
        "the card kept in the outbox, « Pas encore envoyé »",
        &format!(
            "var o = (function () {{ {OUTBOX} }})();
             var net = document.getElementById('net');
             return o.length === 1 && o[0].values.text === arguments[0]
                 && net.textContent === document.body.dataset.unsent
                 && net.classList.contains('bad')
                 && document.getElementById('f-text').value === '';"
        ),
        vec![json!(text)],
    )
}

#[test]
fn a_card_sent_while_offline_or_before_a_reload_is_stored_once() -> TestResult {
    let Some(_turn) = turn("browser dropped connection") else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("atelier.ron");
    write_session(&path, &with_rencontre(Step::Census, 0));
    let salle = Salle::start(dir.path(), &path);
    let cards = salle.link(CARDS);
    let b = Browser::start(&[])?;
    b.navigate(&cards)?;
    wait_live(&b, "5 cartes")?;
    let step = b.find("#live .step h2")?;
    assert_eq!(b.text(&step)?, "Rencontre 2 · Recensement");

    // Offline: the card waits in the outbox, the page says it is not sent.
    b.set_offline(true)?;
    let first = "Palettes à donner, été comme hiver";
    send_card(&b, "offer", first, "3 t/an")?;
    wait_unsent(&b, first)?;
    assert!(cards_with(&path, first).is_empty(), "sent while offline");
    // Back online: sent once (the retry, and the `online` event, do not send it twice).
    b.set_offline(false)?;
    wait_sent(&b)?;
    wait_live(&b, first)?;
    wait_live(&b, "6 cartes")?;
    let stored = cards_with(&path, first);
    assert_eq!(stored.len(), 1, "the card once in the file");
    let card = stored.first().expect("the card");
    assert_eq!(card.kind, CardKind::Offer);
    let quantity = card.quantity.as_ref().expect("its quantity");
    assert_eq!((quantity.amount, quantity.unit.as_str()), (3.0, "t/an"));
    assert_eq!(count_in_file(&path, first), 1);

    // Sent offline, then the page closed before it went out: the outbox is in the browser's
    // storage, and the page opened again sends it. (Closed, not left for another page: a
    // page left is kept a while for « back », and sends its outbox itself once online.)
    b.set_offline(true)?;
    let second = "Chaleur du four : qui la prend ?";
    send_card(&b, "question", second, "")?;
    wait_unsent(&b, second)?;
    let old = b.window_handle()?;
    let fresh = b.new_window()?;
    b.close_window()?;
    b.switch_to(&fresh)?;
    assert_ne!(old, fresh);
    assert!(
        cards_with(&path, second).is_empty(),
        "sent before the page came back"
    );
    // (The network conditions are the session's: the new tab was offline too.)
    b.set_offline(false)?;
    b.navigate(&cards)?;
    wait_sent(&b)?;
    wait_live(&b, "7 cartes")?;
    let stored = cards_with(&path, second);
    assert_eq!(stored.len(), 1, "the card once in the file");
    assert_eq!(stored.first().map(|c| c.kind), Some(CardKind::Question));
    // Nothing else went in twice.
    assert_eq!(cards_with(&path, first).len(), 1);
    assert_eq!(
        read_session(&path).rencontre(2).map(|r| r.cards.len()),
        Some(7)
    );
    Ok(())
}

#[test]
fn a_card_sent_while_the_room_was_down_comes_back_into_its_form_after_a_restart() -> TestResult {
    let Some(_turn) = turn("browser room restarted") else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("atelier.ron");
    write_session(&path, &with_rencontre(Step::Census, 0));
    let salle = Salle::start(dir.path(), &path);
    let port = salle.port;
    let b = Browser::start(&[])?;
    b.navigate(&salle.link(CARDS))?;
    wait_live(&b, "5 cartes")?;
    // The room stops (the laptop restarted): the card waits in the page.
    drop(salle);
    let text = "Benne à bois commune, rue des Tanneurs";
    send_card(&b, "lead", text, "")?;
    wait_unsent(&b, text)?;
    // Started again on the same port: its links are new (tokens are drawn at each start), so
    // the page's link is dead. The page says so and gives the text back in its form: nothing
    // was stored under a link that no longer exists, and nothing is lost from the screen.
    let salle = Salle::start_on(dir.path(), &path, port);
    wait_page(
        &b,
        "« lien révoqué » and the text back in the form",
        "return document.getElementById('net').textContent === document.body.dataset.revoked
             && document.getElementById('f-text').value === arguments[0];",
        vec![json!(text)],
    )?;
    assert!(cards_with(&path, text).is_empty());
    // From the new link, the card goes in.
    b.navigate(&salle.link(CARDS))?;
    wait_live(&b, "5 cartes")?;
    send_card(&b, "lead", text, "")?;
    wait_sent(&b)?;
    wait_live(&b, "6 cartes")?;
    assert_eq!(cards_with(&path, text).len(), 1);
    Ok(())
}

/// A browser opens at most 6 connections to one host (HTTP/1.1), and each page of the room
/// holds one for its events: with 6 pages open in one browser (the room view projected and
/// a few groups' pages on the facilitator's laptop, or a phone that opened the link from the
/// QR code six times), a form would wait for a connection that never comes. A hidden page
/// gives its connection back (room.js, `visibilitychange`), so the page in front saves.
#[test]
fn six_pages_of_the_room_in_one_browser_still_save() -> TestResult {
    let Some(_turn) = turn("browser six pages") else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let path = common::pty::copy_example(dir.path());
    let salle = Salle::start(dir.path(), &path);
    let b = Browser::start(&[])?;
    let group = b.window_handle()?;
    b.navigate(&salle.link(GROUP_1))?;
    for _ in 0..5 {
        let tab = b.new_window()?;
        b.switch_to(&tab)?;
        b.navigate(&salle.link(VIEW))?;
        wait_live(&b, "Parking mutualisé")?;
    }
    b.switch_to(&group)?;
    let solution = "Six onglets ouverts";
    type_into(&b, "#f-solution", solution)?;
    let submit = b.find("#line-form button[type=submit]")?;
    b.click(&submit)?;
    wait_sent(&b)?;
    assert_eq!(count_in_file(&path, solution), 1);
    Ok(())
}

// ---- Hostile text ------------------------------------------------------------------------

const XSS: [&str; 2] = [
    "<script>window.__pwned=1</script>",
    "<img src=x onerror=\"window.__pwned=1\">",
];

/// Types `text` into the field `css`, as typed by a keyboard when WebDriver can; a
/// character it cannot type (a control character) is put in the field by a script, as a
/// paste would. Returns whether the keyboard typed it all.
fn type_or_paste(b: &Browser, css: &str, text: &str) -> wd::Result<bool> {
    type_into(b, css, text)?;
    let typed = b.execute(
        "return document.querySelector(arguments[0]).value === arguments[1];",
        vec![json!(css), json!(text)],
    )?;
    if typed == json!(true) {
        return Ok(true);
    }
    b.execute(
        "var f = document.querySelector(arguments[0]); f.value = arguments[1];
         f.dispatchEvent(new Event('input', { bubbles: true }));
         return f.value === arguments[1];",
        vec![json!(css), json!(text)],
    )?;
    Ok(false)
}

#[test]
fn hostile_text_shows_literally_and_runs_nowhere() -> TestResult {
    let Some(_turn) = turn("browser hostile text") else {
        return Ok(());
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("atelier.ron");
    write_session(&path, &with_rencontre(Step::Census, 0));
    let salle = Salle::start(dir.path(), &path);
    let b = Browser::start(&[])?;
    let view = b.window_handle()?;
    b.navigate(&salle.link(VIEW))?;
    let group = b.new_window()?;
    b.switch_to(&group)?;
    b.navigate(&salle.link(GROUP_1))?;
    let cards = b.new_window()?;
    b.switch_to(&cards)?;
    b.navigate(&salle.link(CARDS))?;

    let texts: Vec<&str> = atelier::domain::clean::HOSTILE
        .iter()
        .copied()
        .chain(XSS)
        .collect();
    let mut pasted = Vec::new();
    for (k, text) in texts.iter().enumerate() {
        b.switch_to(&group)?;
        let solution = format!("{text} (ligne {k})");
        if !type_or_paste(&b, "#f-solution", &solution)? {
            pasted.push(k);
        }
        type_or_paste(&b, "#f-action", &format!("{text} (action {k})"))?;
        if k >= atelier::domain::clean::HOSTILE.len() {
            type_or_paste(&b, "#f-owners", text)?;
        }
        let submit = b.find("#line-form button[type=submit]")?;
        b.click(&submit)?;
        b.switch_to(&cards)?;
        type_or_paste(&b, "#f-text", &format!("{text} (carte {k})"))?;
        let submit = b.find("#card-form button[type=submit]")?;
        b.click(&submit)?;
    }
    eprintln!("hostile: strings put in by a script, WebDriver could not type them: {pasted:?}");

    // Each text as stored: once in the file, its unsafe characters gone, shown literally.
    let clean = |s: &str| atelier::domain::clean::stored(s).trim().to_string();
    for handle in [&group, &cards] {
        b.switch_to(handle)?;
        wait_sent(&b)?;
    }
    let s = read_session(&path);
    let lines = &s.group(1).expect("group 1").poster.lines;
    let wall = &s.rencontre(2).expect("rencontre 2").cards;
    for (k, text) in texts.iter().enumerate() {
        let line = clean(&format!("{text} (ligne {k})"));
        let card = clean(&format!("{text} (carte {k})"));
        assert_eq!(
            lines.iter().filter(|l| l.solution == line).count(),
            1,
            "{line:?} once on the poster"
        );
        assert_eq!(
            wall.iter().filter(|c| c.text == card).count(),
            1,
            "{card:?} once on the wall"
        );
        // During a rencontre the room view shows its wall of cards.
        for (handle, shown) in [(&view, &card), (&group, &line), (&cards, &card)] {
            b.switch_to(handle)?;
            wait_live(&b, shown)?;
        }
    }
    let file = read_text(&path);
    let bad: Vec<char> = file
        .chars()
        .filter(|c| (c.is_control() && *c != '\n') || atelier::domain::clean::is_unsafe(*c))
        .collect();
    assert!(bad.is_empty(), "control characters in the file: {bad:?}");

    // Nothing ran: no flag set, no element made from the text, on every page.
    for (name, handle) in [("room view", &view), ("group", &group), ("cards", &cards)] {
        b.switch_to(handle)?;
        for x in XSS {
            wait_live(&b, x)?;
        }
        let ran = b.execute(
            "return [typeof window.__pwned, document.scripts.length,
                     document.querySelectorAll('#live script, #live img, img').length];",
            vec![],
        )?;
        assert_eq!(ran, json!(["undefined", 1, 0]), "{name}: the text ran");
    }
    Ok(())
}

// ---- Screenshots for the README ------------------------------------------------------------

/// Saves the current tab's viewport as docs/img/salle-NAME.png (kept small).
fn shoot(b: &Browser, name: &str) -> TestResult {
    let png = b.screenshot()?;
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/img");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join(format!("salle-{name}.png"));
    std::fs::write(&file, &png)?;
    assert!(
        png.len() < 150 * 1024,
        "{} is {} KB",
        file.display(),
        png.len() / 1024
    );
    eprintln!("{}: {} KB", file.display(), png.len() / 1024);
    Ok(())
}

#[test]
fn screenshots_for_the_readme() -> TestResult {
    if std::env::var_os("ATELIER_SCREENSHOTS").is_none_or(|v| v != "1") {
        eprintln!("screenshots: ATELIER_SCREENSHOTS=1 saves them in docs/img");
        return Ok(());
    }
    let Some(_turn) = turn("browser screenshots") else {
        return Ok(());
    };
    // The workshop: the room view and a group's page, as in the example.
    let dir = tempfile::tempdir()?;
    let workshop = common::pty::copy_example(dir.path());
    let salle = Salle::start(dir.path(), &workshop);
    let b = Browser::start(&[])?;
    b.navigate(&salle.link(VIEW))?;
    wait_live(&b, "Parking mutualisé")?;
    shoot(&b, "vue")?;
    b.navigate(&salle.link(GROUP_1))?;
    wait_live(&b, "Parking mutualisé")?;
    type_into(&b, "#f-solution", "Covoiturage été")?;
    type_into(&b, "#f-action", "Navette depuis la gare à 5 h 30")?;
    b.execute(
        "document.getElementById('line-form').scrollIntoView({ block: 'end' });",
        vec![],
    )?;
    shoot(&b, "groupe")?;

    // A rencontre: the card entry and a voter's page.
    let dir2 = tempfile::tempdir()?;
    let path = dir2.path().join("atelier.ron");
    write_session(&path, &with_rencontre(Step::Vote, 0));
    let salle2 = Salle::start(dir2.path(), &path);
    b.navigate(&salle2.link(CARDS))?;
    wait_live(&b, "5 cartes")?;
    type_into(&b, "#f-text", "Palettes bois à donner chaque semaine")?;
    type_into(&b, "#f-quantity", "12 t/an")?;
    b.execute(
        "document.getElementById('card-form').scrollIntoView({ block: 'end' });",
        vec![],
    )?;
    shoot(&b, "cartes")?;
    b.navigate(&salle2.link(VOTE))?;
    wait_live(&b, "Qui êtes-vous")?;
    click_fresh(&b, "form.claim button")?;
    for theme in [3, 3] {
        let plus = format!("article.theme[data-theme=\"{theme}\"] button.plus");
        wait_page(
            &b,
            "the voter's page",
            "var b = document.querySelector(arguments[0]); return b && !b.disabled;",
            vec![json!(plus)],
        )?;
        let before = b.execute(
            "return document.querySelector('.ballot').dataset.left;",
            vec![],
        )?;
        click_fresh(&b, &plus)?;
        wait_page(
            &b,
            "the dot shown",
            "return document.querySelector('.ballot').dataset.left !== arguments[0];",
            vec![before],
        )?;
    }
    b.execute("window.scrollTo(0, 0);", vec![])?;
    shoot(&b, "vote")?;
    Ok(())
}
