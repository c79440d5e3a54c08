//! No silent rollback (issue 24): another program writes an older copy of the session over the
//! file (a sync tool restoring a version, a copy from a USB key). The processes on the file
//! take the older copy in, but nothing they had is lost: the newer session goes beside the
//! file as `NAME.restauré-….ron`, the footer says so on every screen, and `atelier check`
//! names it.

mod common;

use std::process::Command;

use common::seat::Seat;

use common::solutions;

#[test]
fn an_older_copy_over_the_file_sets_the_newer_session_aside_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::pty::copy_example(dir.path());
    let mut fac = Seat::join(&path, Some(1), "animation");
    // A first save, then the copy another program keeps of the file as it is now.
    fac.keys("aPremière ligne<Enter>");
    fac.sync();
    let older = std::fs::read_to_string(&path).unwrap();
    fac.keys("aLigne gardée<Enter>");
    fac.sync();
    assert!(solutions(&atelier::store::load(&path).unwrap(), 1).contains(&"Ligne gardée".into()));

    // The older copy comes back over the file; meanwhile the facilitator typed a third line.
    std::fs::write(&path, &older).unwrap();
    fac.keys("aLigne tapée pendant ce temps<Enter>");
    fac.sync();

    // The file: the older copy, with the edit typed since replayed onto it.
    let file = solutions(&atelier::store::load(&path).unwrap(), 1);
    assert!(
        file.contains(&"Ligne tapée pendant ce temps".into()),
        "{file:?}"
    );
    // The newer session is beside it, whole.
    let aside = atelier::store::sync::set_aside_copies(&path);
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = solutions(&atelier::store::load(&aside[0]).unwrap(), 1);
    assert!(kept.contains(&"Ligne gardée".into()), "{kept:?}");
    // Said in the footer, whatever the screen.
    let name = aside[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("atelier.restauré-"), "{name}");
    for keys in ["", "<Esc>"] {
        fac.keys(keys);
        let screen = common::render(&fac.state);
        assert!(screen.contains("revenu en arrière"), "{screen}");
    }
    // `check` names the copy.
    let o = Command::new(common::pty::BIN)
        .args(["check", path.to_str().unwrap()])
        .env("ATELIER_DATA_DIR", dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains(&name), "{said}");
}

#[test]
fn a_rapporteur_without_edits_also_keeps_what_it_had() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::pty::copy_example(dir.path());
    let older = std::fs::read_to_string(&path).unwrap();
    let mut fac = Seat::join(&path, Some(1), "animation");
    let mut rap = Seat::join(&path, Some(2), "groupe 2");
    fac.keys("aLigne de l'animation<Enter>");
    fac.sync();
    rap.sync();
    std::fs::write(&path, &older).unwrap();
    // Nothing to save: the rapporteur only reads the file again.
    rap.sync();
    let aside = atelier::store::sync::set_aside_copies(&path);
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = solutions(&atelier::store::load(&aside[0]).unwrap(), 1);
    assert!(kept.contains(&"Ligne de l'animation".into()), "{kept:?}");
    assert!(rap.state.save.set_aside.is_some());
    // Saves go on counting from the copy: the next save is no new alarm, and the
    // facilitator, whose line was in the rapporteur's copy, is told where it is.
    rap.keys("aCompost<Enter>");
    rap.sync();
    fac.sync();
    assert_eq!(atelier::store::sync::set_aside_copies(&path).len(), 1);
    assert!(fac.state.save.set_aside.is_some());
    rap.keys("aCompost 2<Enter>");
    rap.sync();
    fac.sync();
    assert_eq!(atelier::store::sync::set_aside_copies(&path).len(), 1);
}
