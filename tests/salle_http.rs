//! The room in the browser, over HTTP: what every page allows and refuses, with a real
//! server on the loopback and a plain HTTP client (the browser tests are in
//! `salle_browser.rs`). Runs on Windows too (under Wine in CI).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use atelier::domain::rencontre::{RencontreField, Step};
use atelier::domain::{Op, Session};
use atelier::web::{Bind, Role, Room};

const TIMEOUT: Duration = Duration::from_secs(20);

struct Served {
    _dir: tempfile::TempDir,
    path: PathBuf,
    room: Room,
    agent: ureq::Agent,
}

fn served(session: Session) -> Served {
    atelier::text::Lang::Fr.set();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("salle.ron");
    atelier::store::save(&path, &session).expect("session written");
    let bind = Bind {
        ip: Some(std::net::IpAddr::from([127, 0, 0, 1])),
        port: Some(0),
    };
    let room = Room::start(&path, bind, true).expect("room starts");
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(TIMEOUT))
        .build()
        .new_agent();
    Served {
        _dir: dir,
        path,
        room,
        agent,
    }
}

/// The example with its rencontre reopened at the vote: nobody has voted, nothing shown.
fn at_the_vote() -> Session {
    let mut s = common::example();
    let r = s
        .rencontres
        .last_mut()
        .expect("the example has a rencontre");
    r.phase = Step::Vote;
    r.handed_off = false;
    r.revealed = false;
    r.dots.clear();
    s
}

impl Served {
    fn url(&self, role: Role) -> String {
        self.room
            .links()
            .into_iter()
            .find(|l| l.role == role)
            .map(|l| l.url)
            .expect("a link for the role")
    }

    fn get(&self, url: &str) -> (u16, String) {
        let mut r = self.agent.get(url).call().expect("GET answered");
        let status = r.status().as_u16();
        (status, r.body_mut().read_to_string().unwrap_or_default())
    }

    /// A form as the page's script sends it; the status, the body and the field named.
    fn post(&self, url: &str, form: &[(&str, &str)]) -> (u16, String, String) {
        let mut r = self
            .agent
            .post(url)
            .header("X-Room", "1")
            .send_form(form.iter().copied())
            .expect("POST answered");
        let field = r
            .headers()
            .get("X-Field")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let status = r.status().as_u16();
        (
            status,
            r.body_mut().read_to_string().unwrap_or_default(),
            field,
        )
    }

    fn file(&self) -> Session {
        let text = std::fs::read_to_string(&self.path).expect("session file");
        atelier::store::parse(&text, &self.path).expect("session parses")
    }

    fn wait_for(&self, url: &str, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let (_, body) = self.get(url);
            if cond(&body) {
                return body;
            }
            assert!(start.elapsed() < TIMEOUT, "{what}: never seen in {body}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Another process (the facilitator's terminal) makes an edit through the file.
fn another_process(path: &Path, op: Op) {
    let opened = atelier::tui::read_session(path).expect("read");
    let mut shared = atelier::store::sync::Shared::new(opened.text, opened.stamp);
    let mut session = opened.session;
    let inverse = session.apply(op.clone()).expect("op applies");
    let mut pending = vec![atelier::domain::merge::Pending { op, inverse }];
    shared
        .sync(
            path,
            &mut session,
            &mut pending,
            "animation",
            atelier::tui::now(),
        )
        .expect("saved");
}

fn line_count(s: &Session, theme: u32) -> usize {
    s.group(theme).map(|g| g.poster.lines.len()).unwrap_or(0)
}

#[test]
fn no_page_without_its_token_and_a_revoked_link_stops_at_once() {
    let sv = served(common::example());
    let view = sv.url(Role::View);
    let base = view
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or("")
        .to_string();
    for path in [
        "/",
        "/index.html",
        "/AAAAAAAAAAAAAAAA",
        "/../salle.ron",
        "/a/../../salle.ron",
        "/salle.ron",
    ] {
        let (status, body) = sv.get(&format!("{base}{path}"));
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("Portes du Sud"), "{path}: {body}");
    }
    let (status, body) = sv.get(&view);
    assert_eq!(status, 200);
    assert!(body.contains("Parkings mutualisés"));
    sv.room.revoke(Role::View);
    assert_eq!(sv.get(&view).0, 404, "the old link");
    let new = sv.url(Role::View);
    assert_ne!(new, view);
    assert_eq!(sv.get(&new).0, 200);
}

#[test]
fn a_rapporteurs_line_is_in_the_file_before_the_page_is_told_and_only_once() {
    let sv = served(common::example());
    let group = sv.url(Role::Group(1));
    let before = line_count(&sv.file(), 1);
    let form = [
        ("solution", "Covoiturage été"),
        ("action", "Sondage des horaires"),
        ("owners", "Garage Benali (porteur)"),
        ("due", "juin 2027"),
        ("status", "doing"),
        ("rid", "r-1"),
    ];
    let (status, body, _) = sv.post(&format!("{group}/line"), &form);
    assert_eq!((status, body.as_str()), (200, "ok"));
    let s = sv.file();
    assert_eq!(line_count(&s, 1), before + 1);
    let line = s
        .group(1)
        .and_then(|g| g.poster.lines.last())
        .cloned()
        .expect("the new line");
    assert_eq!(line.solution, "Covoiturage été");
    assert_eq!(line.status, atelier::domain::Status::InProgress);
    assert_eq!(atelier::text::due(&line.due), "juin 2027");
    // Sent again after a dropped answer: stored once.
    assert_eq!(sv.post(&format!("{group}/line"), &form).0, 200);
    assert_eq!(line_count(&sv.file(), 1), before + 1);
    // Another group's token cannot write to this group: the line goes to its own group.
    let other = sv.url(Role::Group(2));
    let (status, _, _) = sv.post(
        &format!("{other}/line"),
        &[
            ("line", &line.id.to_string()),
            ("solution", "détournée"),
            ("seen_solution", "Covoiturage été"),
        ],
    );
    assert_eq!(status, 422, "a line of another group is refused");
    assert_eq!(
        sv.file()
            .line(line.id)
            .map(|l| l.solution.clone())
            .as_deref(),
        Some("Covoiturage été")
    );
    // The view and the cards pages have no form for lines.
    for role in [Role::View, Role::Cards, Role::Vote] {
        let (status, _, _) = sv.post(&format!("{}/line", sv.url(role)), &form[..2]);
        assert_eq!(status, 404, "{role:?}");
    }
}

#[test]
fn an_edit_changes_only_the_cells_typed_and_keeps_a_concurrent_text_in_the_history() {
    let sv = served(common::example());
    let group = sv.url(Role::Group(1));
    let line = sv
        .file()
        .group(1)
        .and_then(|g| g.poster.lines.first())
        .cloned()
        .expect("line 1");
    // The facilitator changes the action while the rapporteur edits the solution and,
    // from the same old view, the action too.
    another_process(
        &sv.path,
        Op::SetLine {
            line: line.id,
            field: atelier::domain::LineField::Action("Texte de l'animation".into()),
        },
    );
    let owners = atelier::domain::Owner::format_list(&line.owners);
    let due = atelier::text::due(&line.due);
    let form = [
        ("line", line.id.to_string()),
        ("solution", "Solution du rapporteur".into()),
        ("action", "Action du rapporteur".into()),
        ("owners", owners.clone()),
        ("due", due.clone()),
        ("status", "todo".into()),
        ("seen_solution", line.solution.clone()),
        ("seen_action", line.action.clone()),
        ("seen_owners", owners),
        ("seen_due", due),
        ("seen_status", "todo".into()),
        ("rid", "edit-1".into()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(sv.post(&format!("{group}/line"), &form).0, 200);
    let after = sv
        .file()
        .line(line.id)
        .cloned()
        .expect("line 1 still there");
    assert_eq!(after.solution, "Solution du rapporteur");
    assert_eq!(after.action, "Action du rapporteur", "the later edit wins");
    assert!(
        after
            .history
            .iter()
            .any(|h| h.text == "Texte de l'animation"),
        "the other text is kept in the line's history: {:?}",
        after.history
    );
    assert_eq!(after.owners, line.owners, "cells not typed are not sent");
}

#[test]
fn sizes_lengths_and_rates_are_limited_and_refusals_name_the_field() {
    let sv = served(at_the_vote());
    let group = sv.url(Role::Group(1));
    let before = line_count(&sv.file(), 1);
    let huge = "x".repeat(20_000);
    assert_eq!(
        sv.post(&format!("{group}/line"), &[("solution", &huge)]).0,
        413
    );
    let long = "é".repeat(2001);
    let (status, body, field) = sv.post(&format!("{group}/line"), &[("action", &long)]);
    assert_eq!((status, field.as_str()), (422, "action"));
    assert!(body.contains("2\u{a0}000"), "{body}");
    let (status, _, field) = sv.post(&format!("{group}/line"), &[("owners", "x")]);
    assert_eq!((status, field.as_str()), (422, "solution"), "an empty line");
    let cards = sv.url(Role::Cards);
    let (status, body, field) = sv.post(
        &format!("{cards}/card"),
        &[("text", "Palettes bois"), ("quantity", "beaucoup")],
    );
    assert_eq!((status, field.as_str()), (422, "quantity"));
    assert!(body.contains("beaucoup"), "{body}");
    assert_eq!(
        line_count(&sv.file(), 1),
        before,
        "nothing refused was stored"
    );
    // One page sending far faster than anyone types: answered « too many » before any work
    // (empty forms, refused at once otherwise, so that the flood is fast on any machine).
    let mut statuses = Vec::new();
    for _ in 0..60 {
        statuses.push(sv.post(&format!("{cards}/card"), &[("text", "")]).0);
    }
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(refused >= 10, "{statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == 429 || *s == 422),
        "{statuses:?}"
    );
    // The page's budget spent: a real card now is « too many » and not stored.
    let (status, _, _) = sv.post(&format!("{cards}/card"), &[("text", "trop vite")]);
    let stored = sv
        .file()
        .current_rencontre()
        .map(|r| r.cards.iter().any(|c| c.text == "trop vite"))
        .unwrap_or(false);
    assert_eq!(stored, status == 200, "{status}");
}

#[test]
fn hostile_text_is_stored_clean_and_shown_as_text_on_every_page() {
    let sv = served(at_the_vote());
    let cards = sv.url(Role::Cards);
    let group = sv.url(Role::Group(1));
    let mut hostile: Vec<String> = atelier::domain::clean::HOSTILE
        .iter()
        .map(|s| s.to_string())
        .collect();
    hostile.push("<script>window.__pwned=1</script>".into());
    hostile.push("<img src=x onerror=\"window.__pwned=1\">".into());
    hostile.push("\" onmouseover=\"alert(1)".into());
    for (i, h) in hostile.iter().enumerate() {
        let rid = format!("h-{i}");
        assert_eq!(
            sv.post(&format!("{cards}/card"), &[("text", h), ("rid", &rid)])
                .0,
            200,
            "{h:?}"
        );
        let rid = format!("l-{i}");
        assert_eq!(
            sv.post(&format!("{group}/line"), &[("solution", h), ("rid", &rid)])
                .0,
            200,
            "{h:?}"
        );
    }
    let text = std::fs::read_to_string(&sv.path).expect("file");
    assert!(
        !text.chars().any(atelier::domain::clean::is_unsafe),
        "control characters stored"
    );
    for role in [Role::View, Role::Cards, Role::Group(1)] {
        let (_, page) = sv.get(&sv.url(role));
        assert!(!page.contains("<script>window"), "{role:?}");
        assert!(!page.contains("<img"), "{role:?}");
        assert!(!page.contains("\" onmouseover"), "{role:?}");
        assert!(
            !page.chars().any(atelier::domain::clean::is_unsafe),
            "{role:?}"
        );
        assert!(
            page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
            "{role:?}"
        );
        assert_eq!(
            page.matches("<script").count(),
            1,
            "only the page's own script: {role:?}"
        );
        // Every word of the page is translated: no key left as it is in the source.
        for key in [
            "salle.",
            "rstep.",
            "rencontre.",
            "status.",
            "poster.col",
            "card.kind",
        ] {
            assert!(!page.contains(key), "{role:?}: {key} untranslated");
        }
    }
}

#[test]
fn each_voter_has_their_own_dots_within_the_limits_and_totals_wait_for_the_reveal() {
    let sv = served(at_the_vote());
    let vote = sv.url(Role::Vote);
    let s = sv.file();
    let r = s.current_rencontre().cloned().expect("rencontre");
    let themes: Vec<u32> = r.themes.iter().map(|t| t.id).collect();
    assert!(themes.len() >= 2);
    let speakers: Vec<u32> = s.speakers().iter().map(|p| p.id).collect();
    let claim = |who: u32| {
        sv.post(
            &format!("{vote}/claim"),
            &[("participant", &who.to_string())],
        )
    };
    let (status, mine, _) = claim(speakers[0]);
    assert_eq!(status, 200);
    assert!(mine.starts_with('/'), "{mine}");
    let (status, _, _) = claim(speakers[0]);
    assert_eq!(status, 422, "a name is taken once");
    let origin = vote
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or("")
        .to_string();
    let me = format!("{origin}{mine}");
    let dot = |theme: u32| sv.post(&format!("{me}/dot"), &[("theme", &theme.to_string())]);
    assert_eq!(dot(themes[0]).0, 200);
    assert_eq!(dot(themes[0]).0, 200);
    let (status, body, _) = dot(themes[0]);
    assert_eq!(status, 422, "per_theme = 2: {body}");
    assert_eq!(dot(themes[1]).0, 200);
    let (status, body, _) = dot(themes[1]);
    assert_eq!(status, 422, "3 dots each: {body}");
    let dots = sv
        .file()
        .current_rencontre()
        .map(|r| r.dots_of(speakers[0]))
        .unwrap_or(0);
    assert_eq!(dots, 3);
    // Taking one off gives it back.
    assert_eq!(
        sv.post(&format!("{me}/undot"), &[("theme", &themes[1].to_string())])
            .0,
        200
    );
    assert_eq!(dot(themes[1]).0, 200);
    // Another voter's page does not show these dots, and no page shows totals yet.
    let (_, other_key, _) = claim(speakers[1]);
    let other = format!("{origin}{other_key}");
    let (_, page) = sv.get(&format!("{other}/live"));
    assert!(!page.contains("class=\"total\""), "{page}");
    assert!(page.contains("data-mine=\"0\""), "{page}");
    let (_, page) = sv.get(&format!("{me}/live"));
    assert!(page.contains("data-mine=\"2\""), "{page}");
    assert!(!page.contains("class=\"total\""));
    // A key that does not exist is a 404.
    assert_eq!(sv.get(&format!("{vote}/AAAAAAAAAAAAAAAA")).0, 404);
    // The facilitator reveals the totals in the terminal: the pages show them.
    another_process(
        &sv.path,
        Op::SetRencontre {
            rencontre: r.number,
            field: RencontreField::Revealed(true),
        },
    );
    sv.wait_for(&format!("{other}/live"), "the totals", |b| {
        b.contains("class=\"total\"")
    });
    // The vote over, dots are refused.
    another_process(
        &sv.path,
        Op::SetRencontreStep {
            rencontre: r.number,
            step: Step::Questions,
            timer: atelier::domain::Timer::new(10),
            at: atelier::tui::now(),
        },
    );
    sv.wait_for(&format!("{other}/live"), "the vote closed", |b| {
        !b.contains("class=\"plus\"")
    });
    let (status, _, _) = sv.post(
        &format!("{other}/dot"),
        &[("theme", &themes[0].to_string())],
    );
    assert_eq!(status, 422);
}

#[test]
fn the_steps_and_the_timer_are_not_reachable_from_any_page() {
    let sv = served(at_the_vote());
    let before = sv.file();
    for role in [Role::View, Role::Group(1), Role::Cards, Role::Vote] {
        let url = sv.url(role);
        for action in [
            "step",
            "next",
            "phase",
            "timer",
            "reveal",
            "events/../step",
            "rencontre",
        ] {
            let (status, _, _) = sv.post(&format!("{url}/{action}"), &[("step", "Closing")]);
            assert!(status == 404, "{role:?} {action}: {status}");
        }
    }
    let after = sv.file();
    assert_eq!(after.workshops, before.workshops);
    assert_eq!(
        after
            .current_rencontre()
            .map(|r| (r.phase, r.timer.clone(), r.revealed)),
        before
            .current_rencontre()
            .map(|r| (r.phase, r.timer.clone(), r.revealed))
    );
}

/// Reads a page's event stream until an event's data contains `needle`.
fn stream_until(url: &str, needle: &str, then: impl FnOnce()) -> Duration {
    let rest = url.trim_start_matches("http://");
    let (host, path) = rest.split_once('/').expect("a path");
    let mut tcp = TcpStream::connect(host).expect("connect");
    tcp.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    write!(
        tcp,
        "GET /{path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("request");
    let mut reader = BufReader::new(tcp);
    let mut line = String::new();
    // The first event is the page as it is.
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("stream closed before its first event");
        }
        if line.starts_with("data: ") {
            break;
        }
    }
    let start = Instant::now();
    then();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("stream closed before {needle}");
        }
        if line.contains(needle) {
            return start.elapsed();
        }
        assert!(start.elapsed() < TIMEOUT, "{needle} never came");
    }
}

#[test]
fn a_change_reaches_the_open_pages_by_their_event_stream_and_a_revoked_page_is_told() {
    let sv = served(common::example());
    let view = sv.url(Role::View);
    let group = sv.url(Role::Group(2));
    let took = stream_until(&format!("{view}/events"), "Navette vélo", || {
        assert_eq!(
            sv.post(&format!("{group}/line"), &[("solution", "Navette vélo")])
                .0,
            200
        );
    });
    assert!(took < Duration::from_secs(5), "{took:?}");
    // Another process's save reaches the pages too.
    let first = sv
        .file()
        .group(1)
        .and_then(|g| g.poster.lines.first())
        .map(|l| l.id)
        .expect("a line");
    let took = stream_until(&format!("{view}/events"), "Texte changé ailleurs", || {
        another_process(
            &sv.path,
            Op::SetLine {
                line: first,
                field: atelier::domain::LineField::Solution("Texte changé ailleurs".into()),
            },
        );
    });
    assert!(took < Duration::from_secs(5), "{took:?}");
    stream_until(&format!("{group}/events"), "event: revoked", || {
        sv.room.revoke(Role::Group(2))
    });
}

#[test]
fn a_request_without_a_body_limit_or_with_a_bad_form_is_answered_not_crashed() {
    let sv = served(common::example());
    let group = sv.url(Role::Group(1));
    let rest = group.trim_start_matches("http://");
    let (host, path) = rest.split_once('/').expect("a path");
    // A declared body far over the limit, never sent.
    let mut tcp = TcpStream::connect(host).expect("connect");
    tcp.set_read_timeout(Some(TIMEOUT)).expect("timeout");
    write!(
        tcp,
        "POST /{path}/line HTTP/1.1\r\nHost: {host}\r\nContent-Length: 99999999\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nsolution=x"
    )
    .expect("request");
    let mut answer = [0u8; 12];
    tcp.read_exact(&mut answer).expect("an answer");
    assert_eq!(&answer, b"HTTP/1.1 413");
    // Bytes that are not a form, and invalid UTF-8.
    let r = sv
        .agent
        .post(&format!("{group}/line"))
        .header("X-Room", "1")
        .send(&b"\xff\xfe%%%&&=solution=%ZZ"[..])
        .expect("answered");
    assert!(
        r.status().as_u16() == 422 || r.status().as_u16() == 200,
        "{}",
        r.status()
    );
    assert_eq!(sv.get(&sv.url(Role::View)).0, 200, "still serving");
}

/// A phone that stops reading its page's stream (screen off, Wi-Fi gone without closing the
/// connection) holds neither the session nor the other pages: with such a page open on a
/// group whose page is large, every change still reaches a page that reads, and every
/// form is answered at once.
#[test]
fn a_page_that_stops_reading_holds_up_nothing() {
    let mut s = common::example();
    // 2 MB a page: the stalled connection's buffers fill after a few changes.
    if let Some(t) = s.themes.first_mut() {
        t.constat = "Constat très long. ".repeat(110_000);
    }
    let sv = served(s);
    let group = sv.url(Role::Group(1));
    let rest = group.trim_start_matches("http://");
    let (host, path) = rest.split_once('/').expect("a path");
    let mut stalled = TcpStream::connect(host).expect("connect");
    write!(
        stalled,
        "GET /{path}/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
    )
    .expect("request");
    // A page that reads, on the same group.
    let mut reading = TcpStream::connect(host).expect("connect");
    write!(
        reading,
        "GET /{path}/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
    )
    .expect("request");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let last = seen.clone();
    std::thread::spawn(move || {
        let mut r = BufReader::new(reading);
        let mut l = String::new();
        while r.read_line(&mut l).unwrap_or(0) > 0 {
            if let Some(i) = l.find("Action ") {
                let n: String = l[i..].chars().take(10).collect();
                if let Ok(mut s) = last.lock() {
                    *s = n;
                }
            }
            l.clear();
        }
    });
    let line = sv
        .file()
        .group(1)
        .and_then(|g| g.poster.lines.first())
        .map(|l| l.id)
        .expect("a line");
    let other = sv.url(Role::Group(2));
    for i in 0..25 {
        // A change of group 1 (its page is sent again to both readers)...
        another_process(
            &sv.path,
            Op::SetLine {
                line,
                field: atelier::domain::LineField::Action(format!("Action {i}")),
            },
        );
        // ...and a rapporteur's form, answered at once.
        let start = Instant::now();
        let rid = format!("stall-{i}");
        let (status, _, _) = sv.post(
            &format!("{other}/line"),
            &[("solution", &format!("Ligne {i}")), ("rid", &rid)],
        );
        assert_eq!(status, 200);
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "form {i} waited {:?}",
            start.elapsed()
        );
    }
    // The page that reads gets the last change.
    let start = Instant::now();
    while !seen
        .lock()
        .map(|s| s.starts_with("Action 24"))
        .unwrap_or(false)
    {
        assert!(
            start.elapsed() < TIMEOUT,
            "the reading page saw {:?}",
            seen.lock().map(|s| s.clone())
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(stalled);
}
