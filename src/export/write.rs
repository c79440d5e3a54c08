//! Putting export files on disk without ever clobbering someone else's file.
//!
//! The directory keeps a manifest, `.atelier-export`: one line per file export wrote, with a
//! fingerprint of what it wrote. A file that exists but is not in the manifest (somebody
//! else's), or whose content no longer matches its fingerprint (edited by hand since), is
//! never replaced: the whole export is refused before anything is written.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rust_i18n::t;

use super::OutFile;

/// The manifest of the files export wrote in a directory.
pub const MANIFEST: &str = ".atelier-export";

const MANIFEST_HEADER: &str =
    "# Files written by atelier export (name, fingerprint). Others are never overwritten.\n";

pub fn write_files(dir: &Path, files: &[OutFile]) -> io::Result<Vec<PathBuf>> {
    for f in files {
        check_name(&f.name)?;
    }
    if dir.exists() && !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            t!("export.out_not_a_dir", path = dir.display()).into_owned(),
        ));
    }
    fs::create_dir_all(dir)?;
    let manifest_path = dir.join(MANIFEST);
    let mut manifest = match fs::read_to_string(&manifest_path) {
        Ok(text) => parse_manifest(&text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
        Err(e) => return Err(e),
    };
    // Every check before the first write: a refusal leaves the directory as it was.
    for f in files {
        let path = dir.join(&f.name);
        match fs::read(&path) {
            Ok(existing) => match manifest.get(&f.name) {
                None => return Err(refusal("export.foreign_file", &path)),
                Some(Some(print)) if *print != fingerprint(&existing) => {
                    return Err(refusal("export.modified_file", &path));
                }
                Some(_) => {}
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) if crate::store::in_use(&e) => return Err(in_use(e, &path)),
            // Something there that cannot be read as a file (a directory…): not ours.
            Err(_) if path.symlink_metadata().is_ok() => {
                return Err(refusal("export.foreign_file", &path));
            }
            Err(e) => return Err(e),
        }
    }
    let mut written = Vec::with_capacity(files.len());
    let mut failed = None;
    for f in files {
        let path = dir.join(&f.name);
        if let Err(e) = write_atomic(&path, &f.bytes) {
            failed = Some(e);
            break;
        }
        manifest.insert(f.name.clone(), Some(fingerprint(&f.bytes)));
        written.push(path);
    }
    // The files written before a failure (one held open by another program, a full disk)
    // are in the manifest too: the next export replaces them instead of refusing them as
    // changed by hand.
    let saved = write_atomic(&manifest_path, manifest_text(&manifest).as_bytes());
    match failed {
        Some(e) => Err(e),
        None => saved.map(|()| written),
    }
}

/// A plain file name in the directory: no path, no hidden file, no session file.
fn check_name(name: &str) -> io::Result<()> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.chars().any(char::is_control)
        && !name.to_ascii_lowercase().ends_with(".ron")
        && !name.to_ascii_lowercase().ends_with(".ron.bak");
    if plain {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            t!("export.bad_name", name = name).into_owned(),
        ))
    }
}

/// A file another program holds open, in words.
fn in_use(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(
        e.kind(),
        t!("export.in_use", path = path.display()).into_owned(),
    )
}

fn refusal(key: &str, path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::AlreadyExists,
        t!(key, path = path.display()).into_owned(),
    )
}

/// Names and fingerprints; a line with a name only (written by hand) is trusted as ours.
fn parse_manifest(text: &str) -> BTreeMap<String, Option<u64>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.rsplit_once('\t') {
            Some((name, print)) => match u64::from_str_radix(print.trim(), 16) {
                Ok(p) => (name.to_string(), Some(p)),
                Err(_) => (l.to_string(), None),
            },
            None => (l.trim_end().to_string(), None),
        })
        .collect()
}

fn manifest_text(manifest: &BTreeMap<String, Option<u64>>) -> String {
    let mut out = MANIFEST_HEADER.to_string();
    for (name, print) in manifest {
        match print {
            Some(p) => out.push_str(&format!("{name}\t{p:016x}\n")),
            None => out.push_str(&format!("{name}\n")),
        }
    }
    out
}

/// FNV-1a, 64 bits: stable across builds and platforms (unlike `DefaultHasher`); it only has
/// to notice a hand edit, not resist an attacker.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Temporary file in the same directory, synced, then renamed over the target: readers see
/// the old file or the new one, never a part.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = crate::store::new_temp(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // On Windows a file open in another program (a CSV in Excel, a page in a browser
        // that locks it) refuses the rename: retried for a moment, then said in words.
        crate::store::replace(&tmp, path).map_err(|e| {
            if crate::store::in_use(&e) {
                in_use(e, path)
            } else {
                e
            }
        })?;
        if let Some(dir) = path.parent()
            && let Ok(d) = File::open(dir)
        {
            // Makes the rename durable where directories can be synced.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_reads_back() {
        let mut m = BTreeMap::new();
        m.insert("a.csv".to_string(), Some(fingerprint(b"x")));
        m.insert("b.md".to_string(), None);
        assert_eq!(parse_manifest(&manifest_text(&m)), m);
    }

    #[test]
    fn names_outside_the_directory_or_sessions_are_refused() {
        for bad in [
            "",
            "../x.md",
            "a/b.md",
            ".atelier-export",
            "s.ron",
            "S.RON",
            "s.ron.bak",
        ] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert!(check_name("compte-rendu.md").is_ok());
    }
}
