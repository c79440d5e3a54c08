//! Names that point elsewhere (issue 24): links planted at the names atelier writes (the lock,
//! temporary files) are never followed, and `new` never replaces a file, even when several
//! run at once for one name.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_atelier");
const EXAMPLE: &str = include_str!("../sessions/exemple-za.ron");

#[test]
fn eight_news_at_once_create_one_session_and_replace_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..8)
        .map(|i| {
            Command::new(BIN)
                .args(["new", &format!("Éco-parc {i}"), "-o", "meme.ron"])
                .env("ATELIER_DATA_DIR", dir.path())
                .current_dir(dir.path())
                .output()
        })
        .collect();
    let created = children
        .into_iter()
        .map(|o| o.unwrap())
        .filter(|o| o.status.success())
        .count();
    assert_eq!(created, 1);
    assert!(!dir.path().join("meme.ron.bak").exists());
    assert!(atelier::store::load(&dir.path().join("meme.ron")).is_ok());
    // Once it exists, `new` refuses it.
    let o = Command::new(BIN)
        .args(["new", "Autre", "-o", "meme.ron"])
        .env("ATELIER_DATA_DIR", dir.path())
        .current_dir(dir.path())
        .output()
        .unwrap();
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
