//! A team through git: real `git` in a temporary repository, `atelier git-init`, two
//! branches edited through the app's operations, `git merge` with no conflict markers.
//! Unix only: the Windows build's tests run under Wine, which has no git of its own (the
//! merge itself, `domain::merge3`, is tested there by the unit tests, and the driver on files
//! by `tests/merge_driver.rs`).
#![cfg(unix)]

mod common;

#[path = "support/forges.rs"]
mod forges;

use std::path::Path;
use std::process::{Command, Output};

use atelier::domain::{ActionLine, LineField, Op, Session, ThemeId};
use atelier::store;
use forges::base;

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("LANG", "C")
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"))
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn atelier(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atelier"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("atelier: {e}"))
}

/// A repository set up by `atelier git-init`, with `zone.ron` committed on `main`.
fn repo() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["init", "-q", "-b", "main"]);
    ok(dir, &["config", "user.name", "Camille"]);
    ok(dir, &["config", "user.email", "camille@example.org"]);
    ok(dir, &["config", "commit.gpgsign", "false"]);
    store::create(&dir.join("zone.ron"), &base()).unwrap();
    let out = atelier(dir, &["git-init"]);
    assert!(out.status.success(), "{out:?}");
    // Twice changes nothing.
    assert!(atelier(dir, &["git-init", "."]).status.success());
    let attributes = std::fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.ron merge=atelier\n");
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*.ron.bak"), "{ignore}");
    assert_eq!(ignore.lines().count(), 7, "{ignore}");
    let driver = ok(dir, &["config", "merge.atelier.driver"]);
    assert!(
        driver.trim_end().ends_with("merge-driver %O %A %B %P"),
        "{driver}"
    );
    ok(dir, &["add", "."]);
    ok(dir, &["commit", "-q", "-m", "base"]);
    tmp
}

/// Edits `zone.ron` through the app's operations and commits it.
fn edit_and_commit(dir: &Path, file: &str, ops: Vec<Op>, message: &str) {
    let path = dir.join(file);
    let mut s = store::load(&path).unwrap();
    for op in ops {
        s.apply(op).unwrap();
    }
    s.saves += 1;
    store::save(&path, &s).unwrap();
    ok(dir, &["commit", "-q", "-am", message]);
}

fn set(line: u32, text: &str) -> Op {
    Op::SetLine {
        line,
        field: LineField::Action(text.into()),
    }
}

fn add(theme: ThemeId, id: u32, text: &str) -> Op {
    let mut line = ActionLine::new(id, 1);
    line.action = text.into();
    Op::AddLine {
        theme,
        index: 9,
        line,
    }
}

fn merged(dir: &Path) -> Session {
    let text = std::fs::read_to_string(dir.join("zone.ron")).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "conflict markers:\n{text}"
    );
    store::parse(&text, Path::new("zone.ron")).unwrap()
}

fn actions(s: &Session) -> Vec<String> {
    s.groups
        .iter()
        .flat_map(|g| g.poster.lines.iter().map(|l| l.action.clone()))
        .collect()
}

#[test]
fn two_branches_merge_with_every_edit_and_no_conflict() {
    let tmp = repo();
    let dir = tmp.path();
    ok(dir, &["checkout", "-q", "-b", "camille"]);
    edit_and_commit(
        dir,
        "zone.ron",
        vec![
            set(1, "Covoiturage : plateforme commune"),
            add(2, 4, "Benne à carton partagée"),
            Op::DeleteLine(3),
        ],
        "camille",
    );
    ok(dir, &["checkout", "-q", "main"]);
    edit_and_commit(
        dir,
        "zone.ron",
        vec![
            Op::SetLine {
                line: 1,
                field: LineField::Solution("Plan de mobilité".into()),
            },
            set(2, "version de main"),
            add(1, 4, "Navette depuis la gare"),
        ],
        "main",
    );
    let out = git(dir, &["merge", "-m", "fusion", "camille"]);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("atelier a fusionné zone.ron"));
    let s = merged(dir);
    let l1 = s.line(1).unwrap();
    assert_eq!(l1.action, "Covoiturage : plateforme commune");
    assert_eq!(l1.solution, "Plan de mobilité");
    assert_eq!(s.line(2).unwrap().action, "version de main");
    assert!(
        s.line(3).is_none(),
        "deleted on one side, untouched on the other"
    );
    let all = actions(&s);
    assert!(all.contains(&"Benne à carton partagée".to_string()));
    assert!(all.contains(&"Navette depuis la gare".to_string()));
    let clean = ok(dir, &["status", "--porcelain"]);
    assert_eq!(clean, "");
}

#[test]
fn the_same_cell_on_both_branches_keeps_both_texts() {
    let tmp = repo();
    let dir = tmp.path();
    ok(dir, &["checkout", "-q", "-b", "camille"]);
    edit_and_commit(dir, "zone.ron", vec![set(1, "texte de Camille")], "c");
    ok(dir, &["checkout", "-q", "main"]);
    edit_and_commit(
        dir,
        "zone.ron",
        vec![set(1, "texte de main"), Op::DeleteLine(2)],
        "m",
    );
    ok(dir, &["checkout", "-q", "camille"]);
    edit_and_commit(dir, "zone.ron", vec![set(2, "ligne 2 reprise")], "c2");
    // Merged into camille's branch: main's text is the other side's, so it wins.
    let out = git(dir, &["merge", "-m", "fusion", "main"]);
    assert!(out.status.success(), "{out:?}");
    let s = merged(dir);
    let l1 = s.line(1).unwrap();
    assert_eq!(l1.action, "texte de main");
    assert_eq!(l1.history.len(), 1);
    assert_eq!(l1.history[0].text, "texte de Camille");
    assert_eq!(l1.history[0].replaced_by, "fusion git");
    // Deleted on main, edited on camille: back, marked.
    let l2 = s.line(2).unwrap();
    assert_eq!(l2.action, "ligne 2 reprise");
    assert!(l2.restored);
}

#[test]
fn a_file_added_on_both_branches_is_merged_without_base() {
    let tmp = repo();
    let dir = tmp.path();
    ok(dir, &["checkout", "-q", "-b", "camille"]);
    let mut a = base();
    a.apply(set(1, "de Camille")).unwrap();
    store::create(&dir.join("autre.ron"), &a).unwrap();
    ok(dir, &["add", "autre.ron"]);
    ok(dir, &["commit", "-q", "-m", "c"]);
    ok(dir, &["checkout", "-q", "main"]);
    let mut b = base();
    b.apply(add(2, 4, "de main")).unwrap();
    store::create(&dir.join("autre.ron"), &b).unwrap();
    ok(dir, &["add", "autre.ron"]);
    ok(dir, &["commit", "-q", "-m", "m"]);
    let out = git(dir, &["merge", "-m", "fusion", "camille"]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(dir.join("autre.ron")).unwrap();
    let s = store::parse(&text, Path::new("autre.ron")).unwrap();
    let all = actions(&s);
    assert!(all.contains(&"de main".to_string()));
    let l1 = s.line(1).unwrap();
    // No base: main's (this side's) text stays, the other's is in the history.
    assert_eq!(l1.action, "action 1");
    assert_eq!(l1.history[0].text, "de Camille");
}

#[test]
fn a_side_that_does_not_parse_stops_the_merge_with_a_clear_message() {
    let tmp = repo();
    let dir = tmp.path();
    ok(dir, &["checkout", "-q", "-b", "camille"]);
    std::fs::write(dir.join("zone.ron"), "ceci n'est pas une session\n").unwrap();
    ok(dir, &["commit", "-q", "-am", "cassé"]);
    ok(dir, &["checkout", "-q", "main"]);
    edit_and_commit(dir, "zone.ron", vec![set(1, "main")], "m");
    let out = git(dir, &["merge", "-m", "fusion", "camille"]);
    assert!(!out.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("la version de l'autre branche de zone.ron ne se lit pas comme une session"),
        "{said}"
    );
    // Our version is untouched, and git says the file is in conflict.
    let status = ok(dir, &["status", "--porcelain"]);
    assert!(status.contains("UU zone.ron"), "{status}");
}

#[test]
fn git_init_outside_a_repository_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = atelier(tmp.path(), &["git-init"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("n'est pas dans un dépôt git"), "{said}");
}

/// Copies Syncthing and Nextcloud left beside the session: offered at opening, merged by
/// Enter sent as a terminal sends it, the file then holds what only they had.
#[test]
fn copies_a_sync_tool_left_are_merged_with_one_key() {
    use common::pty::{App, ENTER, copy_example};
    let dir = tempfile::tempdir().unwrap();
    let path = copy_example(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let mut copy = store::parse(&text, &path).unwrap();
    let theme = copy.themes[0].id;
    let id = copy.next_line_id();
    copy.apply(add(theme, id, "Ligne écrite sur l'autre portable"))
        .unwrap();
    let syncthing = dir
        .path()
        .join("atelier.sync-conflict-20261207-101500-ABCDEFG.ron");
    store::create(&syncthing, &copy).unwrap();
    let mut other = store::parse(&text, &path).unwrap();
    let mut anne = other.participants[0].clone();
    anne.id = other.next_participant_id();
    anne.name = "Anne Nouvelle".into();
    other
        .apply(Op::AddParticipant {
            index: 0,
            participant: anne,
        })
        .unwrap();
    let nextcloud = dir
        .path()
        .join("atelier (conflicted copy 2026-12-07 101500).ron");
    store::create(&nextcloud, &other).unwrap();
    let mut app = App::open(&path, dir.path(), (80, 24));
    app.wait_text("2 copies en conflit");
    app.keys(&[ENTER]);
    app.wait_text("2 copies fusionnées");
    app.keys(&["q"]);
    assert!(app.wait_exit().success());
    let s = store::load(&path).unwrap();
    assert!(actions(&s).contains(&"Ligne écrite sur l'autre portable".to_string()));
    assert!(s.participants.iter().any(|p| p.name == "Anne Nouvelle"));
    assert!(!syncthing.exists() && !nextcloud.exists());
    assert!(
        dir.path()
            .join("atelier.sync-conflict-20261207-101500-ABCDEFG.fusionnée.ron")
            .exists()
    );
    assert!(store::sync::conflict_copies(&path).is_empty());
}
