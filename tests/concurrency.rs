//! Seven processes of the real binary (one facilitator, six rapporteurs) edit one session
//! file at once through the store, with random timing and shared cells: every edit must be
//! in the file at the end, in a cell or, for the loser of a same-cell conflict, in the
//! line's history; and the file must be valid.

mod common;

use std::process::Command;

use common::EXAMPLE;
use common::pty::BIN;
const PROCESSES: u32 = 7;
/// Operations per process: 250, or 2 000 with `ATELIER_SOAK=1`.
fn ops_per_process() -> usize {
    if common::proof() == common::Proof::Soak {
        2_000
    } else {
        250
    }
}

#[test]
fn seven_processes_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("atelier.ron");
    std::fs::write(&path, EXAMPLE).unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|id| {
            Command::new(BIN)
                .args([
                    "__stress",
                    path.to_str().unwrap(),
                    "--id",
                    &id.to_string(),
                    "--seed",
                    "20261203",
                    "--ops",
                    &ops_per_process().to_string(),
                ])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let mut tokens = Vec::new();
    let mut conflicts = 0usize;
    let mut ops = 0usize;
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let head: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
        ops += head[1].parse::<usize>().unwrap();
        conflicts += head[5].parse::<usize>().unwrap();
        tokens.extend(lines.map(str::to_string));
    }
    let s = atelier::store::load(&path).expect("the file is valid");
    assert!(s.integrity_problems().is_empty());
    // Seven writers never look like a rollback to one another (the save count only rises).
    assert!(atelier::store::sync::set_aside_copies(&path).is_empty());
    assert!(s.saves > 0);
    // Everything written, cells and histories, as one haystack of whole words.
    let mut words = std::collections::HashSet::new();
    for l in s.groups.iter().flat_map(|g| g.poster.lines.iter()) {
        for text in [&l.solution, &l.action]
            .into_iter()
            .chain(l.history.iter().map(|h| &h.text))
        {
            words.extend(text.split_whitespace().map(str::to_string));
        }
    }
    let missing: Vec<_> = tokens.iter().filter(|t| !words.contains(*t)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} edits lost: {:?}",
        missing.len(),
        tokens.len(),
        &missing[..missing.len().min(20)]
    );
    eprintln!(
        "{PROCESSES} processes, {ops} ops, {} tokens all present, {conflicts} same-cell conflicts kept in history",
        tokens.len()
    );
    assert!(ops >= PROCESSES as usize * ops_per_process() * 8 / 10);
}
