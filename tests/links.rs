//! Names that point elsewhere (issue 24): links planted at the names atelier writes (the lock,
//! temporary files) are never followed, and `new` never replaces a file, even when several
//! run at once for one name.

#[cfg(unix)]
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_atelier");
#[cfg(unix)]
const EXAMPLE: &str = include_str!("../sessions/exemple-za.ron");

#[test]
fn eight_news_at_once_create_one_session_and_replace_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Eight at once: each its own process, started before any is waited for.
    let children: Vec<_> = (0..8)
        .map(|i| {
            Command::new(BIN)
                .args(["new", &format!("Éco-parc {i}"), "-o", "meme.ron"])
                .env("ATELIER_DATA_DIR", dir.path())
                .current_dir(dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let created = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .filter(|o| o.status.success())
        .count();
    assert_eq!(created, 1);
    assert!(!dir.path().join("meme.ron.bak").exists());
    assert!(atelier::store::load(&dir.path().join("meme.ron")).is_ok());
    // Once it exists, `new` refuses it.
    let o = atelier(dir.path(), &["new", "Autre", "-o", "meme.ron"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("n'écrase jamais"));
}

#[cfg(unix)]
fn plant(link: &Path, target: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
#[test]
fn links_planted_at_the_temporary_names_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, EXAMPLE).unwrap();
    let victim = dir.path().join("victime.txt");
    std::fs::write(&victim, "à garder").unwrap();
    let pid = std::process::id();
    for tag in ["tmp", "baktmp"] {
        plant(&dir.path().join(format!(".s.ron.{tag}.{pid}")), &victim);
    }
    let mut s = atelier::store::load(&session).unwrap();
    s.title = "Enregistré".to_string();
    atelier::store::save(&session, &s).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "à garder");
    assert_eq!(atelier::store::load(&session).unwrap().title, "Enregistré");
    assert!(atelier::store::load(&atelier::store::backup_path(&session)).is_ok());
    assert!(!std::fs::symlink_metadata(&session).unwrap().is_symlink());
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_lock_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, EXAMPLE).unwrap();
    let victim = dir.path().join("victime.txt");
    std::fs::write(&victim, "à garder").unwrap();
    plant(&dir.path().join("s.ron.lock"), &victim);
    assert!(atelier::store::Lock::acquire(&session).is_err());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "à garder");
}

fn atelier(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("ATELIER_DATA_DIR", dir)
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_reaches_the_same_session_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, EXAMPLE).unwrap();
    let link = dir.path().join("lien.ron");
    plant(&link, &session);
    assert_eq!(
        atelier::store::resolve(&link).unwrap(),
        std::fs::canonicalize(&session).unwrap()
    );
    // The facilitator has `s.ron` open: `open lien.ron` is the same session, refused.
    let lock = atelier::store::Lock::acquire(&session).unwrap();
    let o = atelier(dir.path(), &["open", "lien.ron"]);
    assert!(!o.status.success());
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains(&format!("pid {}", std::process::id())),
        "{said}"
    );
    drop(lock);
    // A save through the link writes the target; the link stays a link.
    let before = std::fs::read_to_string(&session).unwrap();
    let o = atelier(dir.path(), &["rotation", "lien.ron", "--apply"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_ne!(std::fs::read_to_string(&session).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_file_with_two_names_is_refused_before_a_save_separates_them() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    std::fs::write(&session, EXAMPLE).unwrap();
    std::fs::hard_link(&session, dir.path().join("autre.ron")).unwrap();
    for args in [
        vec!["open", "autre.ron"],
        vec!["join", "s.ron", "--group", "1"],
    ] {
        let o = atelier(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("liens physiques"));
    }
    assert!(!dir.path().join("autre.ron.lock").exists());
}
