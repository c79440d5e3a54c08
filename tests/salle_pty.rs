//! The room from the facilitator's terminal: `atelier open --salle` shows the links and the
//! QR code, a rapporteur's line sent from a page is on the projected screen, `W` (sent as a
//! terminal sends it) opens the panel again, `x` stops the room; idle stays idle with the
//! room open after edits.

// Unix only: the binary in a pseudo-terminal (portable-pty's Windows console does not run
// under Wine); `salle_http.rs` runs the server itself on Windows.
#![cfg(unix)]

mod common;

use std::time::Duration;

use common::pty::*;

/// The room's links as the panel shows them, room view first.
fn links(app: &App) -> Vec<String> {
    app.text()
        .split_whitespace()
        .filter(|w| w.starts_with("http://127.0.0.1:") && w.matches('/').count() == 3)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_line_sent_from_a_page_is_on_the_projected_screen_and_the_room_stops_with_x() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = copy_example(dir.path());
    let file = path.to_string_lossy().into_owned();
    let mut app = App::spawn(
        &[
            "open",
            &file,
            "--salle",
            "--adresse",
            "localhost",
            "--port",
            "0",
        ],
        dir.path(),
        dir.path(),
        (100, 30),
    );
    app.wait_text("Salle dans les navigateurs");
    app.wait_for("the links", |_| links(&app).len() >= 7);
    // The QR code is drawn beside them.
    app.wait_text("█▀▀▀▀▀█");
    let all = links(&app);
    let group2 = all.get(2).cloned().expect("the second group's link");
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .new_agent();
    let r = agent
        .post(&format!("{group2}/line"))
        .header("X-Room", "1")
        .send_form([("solution", "Covoiturage été"), ("action", "Sondage")])
        .expect("posted");
    assert_eq!(r.status().as_u16(), 200);
    app.send("\x1b");
    app.wait_text("Covoiturage été");
    assert_idle(
        &app,
        "the room open, after a page's edit",
        Duration::from_secs(4),
    );
    // W as the terminal sends it: the panel again, with the same links.
    app.send("W");
    app.wait_text("Salle dans les navigateurs");
    app.wait_for("the same links", |_| links(&app) == all);
    app.send("x");
    app.wait_text("Salle fermée");
    let gone = agent.get(&all[0]).call();
    assert!(
        gone.is_err(),
        "the room no longer answers: {:?}",
        gone.map(|r| r.status())
    );
}
