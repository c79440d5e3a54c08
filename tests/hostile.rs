//! Hostile text (issue 24): escape sequences that write the clipboard (OSC 52), retitle the
//! window or clear the screen, BEL, an 8-bit CSI, bidirectional overrides and isolates, a
//! zero-width space. Typed or pasted, they are never stored; from a file written by another
//! program, they never reach a terminal (the TUI, the command line) or an export.

mod common;

use std::path::Path;
use std::process::Command;

use atelier::app::{Action, update};
use atelier::domain::clean::{HOSTILE, is_unsafe};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// What no byte stream we write may hold (beyond a terminal backend's own sequences): OSC,
/// BEL, an 8-bit CSI, the bidirectional controls, a zero-width space.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for bad in [
        "\u{1b}]", "\u{7}", "\u{9b}", "\u{202e}", "\u{202c}", "\u{2066}", "\u{2069}",
    ] {
        assert!(!text.contains(bad), "{what} holds {bad:?}");
    }
    assert!(!text.contains("\u{1b}[2J"), "{what} clears the screen");
}

/// The example with a hostile sequence after every « é »: in titles, names, poster lines,
/// notes, cards… wherever the example has French text. Written raw into the file, as another
/// program could.
fn hostile_file_text() -> String {
    common::EXAMPLE.replace(
        'é',
        "é\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}\u{2066}\u{200b}",
    )
}

fn hostile_session() -> atelier::domain::Session {
    atelier::store::parse(&hostile_file_text(), Path::new("h.ron")).expect("parses")
}

#[test]
fn pasted_and_typed_hostile_text_is_stored_without_its_controls() {
    let mut state = common::state(common::example(), common::at("10:00:00"));
    state.scope = Some(1);
    state.sync_after_step();
    for (i, h) in HOSTILE.iter().enumerate() {
        common::press(&mut state, "a");
        assert!(state.editor.is_some());
        update(&mut state, Action::Paste(h.to_string()));
        common::press(&mut state, "<Enter>");
        let lines = &state.session.group(1).unwrap().poster.lines;
        let stored = &lines[lines.len() - 1].solution;
        assert!(!stored.chars().any(is_unsafe), "{i}: {stored:?}");
    }
    // Byte for byte: the sequence's printable rest stays, its controls are gone.
    let lines = &state.session.group(1).unwrap().poster.lines;
    let texts: Vec<&str> = lines.iter().map(|l| l.solution.as_str()).collect();
    assert!(
        texts.contains(&"Parking]52;c;cm0gLXJmIH4= partagé"),
        "{texts:?}"
    );
    assert!(texts.contains(&"Facture fdp.exe piégée"), "{texts:?}");
    assert!(texts.contains(&"Isolat droite fermé"), "{texts:?}");
}

#[test]
fn the_projected_screen_never_draws_what_a_file_smuggled_in() {
    let mut state = common::state(hostile_session(), common::at("10:00:00"));
    state.size = (200, 60);
    for keys in ["", "<Enter>", "<Esc><Tab><Enter>"] {
        common::press(&mut state, keys);
        let mut out = Vec::new();
        {
            let backend = atelier::tui::SafeBackend(CrosstermBackend::new(&mut out));
            let mut terminal = Terminal::with_options(
                backend,
                ratatui::TerminalOptions {
                    viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 200, 60)),
                },
            )
            .unwrap();
            terminal
                .draw(|f| atelier::ui::render(&state, f.area(), f.buffer_mut()))
                .unwrap();
        }
        assert_clean(&format!("the screen after « {keys} »"), &out);
        // The text itself is there, without its controls.
        assert!(String::from_utf8_lossy(&out).contains("]52;c;cm0gLXJmIH4="));
    }
}

#[test]
fn every_export_is_free_of_the_controls() {
    let session = hostile_session();
    let opts = common::export_options();
    let formats = [
        atelier::export::Format::Md,
        atelier::export::Format::Csv,
        atelier::export::Format::Ics,
        atelier::export::Format::Eml,
        atelier::export::Format::Html,
    ];
    let mut seen = 0;
    for format in formats {
        for f in atelier::export::render(&session, format, &opts) {
            assert_clean(&f.name, &f.bytes);
            seen += 1;
            if f.name.ends_with(".eml") {
                // What Thunderbird shows: the decoded subject and body.
                let mail = mail_parser::MessageParser::default()
                    .parse(&f.bytes)
                    .expect("a mail");
                let subject = mail.subject().unwrap_or_default();
                let body = mail.body_text(0).unwrap_or_default();
                assert!(subject.contains('é'));
                assert_clean(&format!("{} decoded", f.name), subject.as_bytes());
                assert_clean(&format!("{} decoded", f.name), body.as_bytes());
            }
        }
    }
    assert!(seen >= 8, "{seen} files");
    for notice in atelier::export::notices(&session, &formats, &opts) {
        assert_clean("a notice", notice.as_bytes());
    }
}

#[test]
fn the_command_line_prints_no_control_from_a_session_or_an_argument() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.ron");
    std::fs::write(&path, hostile_file_text()).unwrap();
    let run = |args: &[&str]| {
        Command::new(common::pty::BIN)
            .args(args)
            .env("ATELIER_DATA_DIR", dir.path())
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let p = path.to_str().unwrap();
    for args in [
        vec!["check", p],
        vec!["list"],
        vec!["export", p, "--out", "exports"],
        vec!["rotation", p],
        // An argument smuggling a sequence, echoed in the refusal with every group's title.
        vec!["join", p, "--group", "zz\u{1b}]52;c;aGk=\u{7}"],
    ] {
        let out = run(&args);
        assert_clean(&format!("stdout of {args:?}"), &out.stdout);
        assert_clean(&format!("stderr of {args:?}"), &out.stderr);
    }
    // A title given on the command line is stored clean.
    let out = run(&["new", "Éco\u{1b}]0;x\u{7}-parc \u{202e}Sud", "-o", "n.ron"]);
    assert!(out.status.success());
    let s = atelier::store::load(&dir.path().join("n.ron")).unwrap();
    assert_eq!(s.title, "Éco]0;x-parc Sud");
}
