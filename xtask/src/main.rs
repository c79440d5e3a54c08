//! `cargo xtask dist`: the archives a facilitator downloads, for machines without Rust.
//!
//! ```text
//! cargo xtask dist                        # Linux x86_64 (musl) and Windows x86_64, from Linux
//! cargo xtask dist --target x86_64-pc-windows-msvc --target aarch64-apple-darwin
//! cargo xtask dist --out DIR              # default: target/archives
//! ```
//!
//! One `cargo build --profile dist --locked --target T…` for every target, then for each an archive with the
//! binary, a ten-line French « LISEZMOI.txt » and the README: a zip for Windows (no folder
//! inside: « Extraire tout » makes one), a .tar.gz with one folder elsewhere. Beside each
//! archive its `.sha256`, and `SHA256SUMS` for every archive in the directory (the format
//! `sha256sum -c` reads). The release workflow (`.github/workflows/release.yml`) runs it on
//! each platform's runner and publishes what it writes.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use sha2::{Digest, Sha256};

const LISEZMOI_WINDOWS: &str = include_str!("../assets/LISEZMOI-windows.txt");
const LISEZMOI_UNIX: &str = include_str!("../assets/LISEZMOI-unix.txt");
const README: &str = include_str!("../../README.md");
const MANIFEST: &str = include_str!("../../Cargo.toml");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((task, rest)) = args.split_first() else {
        return Err(usage());
    };
    if task != "dist" {
        return Err(usage());
    }
    let mut targets = Vec::new();
    let mut out = None;
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--target" => targets.push(rest.next().ok_or_else(usage)?.clone()),
            "--out" => out = Some(PathBuf::from(rest.next().ok_or_else(usage)?)),
            _ => return Err(usage()),
        }
    }
    let root = workspace_root();
    if targets.is_empty() {
        targets = default_targets();
    }
    let out = out.unwrap_or_else(|| root.join("target").join("archives"));
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let version = version(MANIFEST).ok_or("no version in Cargo.toml")?;
    // One build for every target: cargo overlaps them (one target's dependencies compile while
    // the other's last crate does), about half a minute less than one after the other.
    build(&root, &targets)?;
    for target in &targets {
        let platform = Platform::of(target);
        let binary = root
            .join("target")
            .join(target)
            .join("dist")
            .join(platform.binary());
        let archive = package(&binary, &version, target, &out)
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        println!("{}", archive.display());
    }
    let sums = write_sums(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{}", sums.display());
    Ok(())
}

fn usage() -> String {
    "usage: cargo xtask dist [--target TRIPLE]... [--out DIR]".to_string()
}

/// Linux's and Windows' archives from a Linux machine; elsewhere the machine's own. Linux's
/// is linked statically with musl, so that it runs on any distribution (the glibc build
/// needs glibc 2.34: not Debian 11 or Ubuntu 20.04); Windows' is built with mingw
/// (Debian's gcc-mingw-w64-x86-64).
fn default_targets() -> Vec<String> {
    if cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        vec![
            "x86_64-unknown-linux-musl".to_string(),
            "x86_64-pc-windows-gnu".to_string(),
        ]
    } else {
        let host = Command::new(cargo())
            .args(["-vV"])
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|t| {
                t.lines()
                    .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
            });
        host.into_iter().collect()
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn build(root: &Path, targets: &[String]) -> Result<(), String> {
    let mut cmd = Command::new(cargo());
    cmd.current_dir(root).args([
        "build",
        "--package",
        "atelier",
        "--profile",
        "dist",
        "--locked",
    ]);
    for target in targets {
        cmd.args(["--target", target]);
    }
    let status = cmd.status().map_err(|e| format!("cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the build for {} failed", targets.join(", ")))
    }
}

/// The `version` of `[package]`.
fn version(manifest: &str) -> Option<String> {
    let manifest = format!("\n{manifest}");
    let package = manifest.split("\n[").find(|s| s.starts_with("package]"))?;
    package.lines().find_map(|l| {
        let v = l.strip_prefix("version")?.trim_start().strip_prefix('=')?;
        Some(v.trim().trim_matches('"').to_string())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Platform {
    Windows,
    Unix,
}

impl Platform {
    fn of(target: &str) -> Platform {
        if target.contains("windows") {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }

    fn binary(self) -> &'static str {
        match self {
            Platform::Windows => "atelier.exe",
            Platform::Unix => "atelier",
        }
    }
}

/// What people call the machine in the archive's name: `windows-x86_64`, `macos-aarch64`…
fn platform_name(target: &str) -> String {
    let arch = target.split('-').next().unwrap_or(target);
    let os = if target.contains("windows") {
        "windows"
    } else if target.contains("apple") {
        "macos"
    } else if target.contains("linux") {
        "linux"
    } else {
        return target.to_string();
    };
    format!("{os}-{arch}")
}

/// The LISEZMOI as Notepad shows it: CR LF line ends and a byte-order mark (older Notepads
/// read UTF-8 without one as the ANSI code page, « Ã© » for « é »).
fn lisezmoi_windows() -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    for line in LISEZMOI_WINDOWS.lines() {
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// Writes the archive of `binary` into `out`; returns its path.
fn package(binary: &Path, version: &str, target: &str, out: &Path) -> io::Result<PathBuf> {
    let exe = fs::read(binary)?;
    let name = format!("atelier-{version}-{}", platform_name(target));
    let platform = Platform::of(target);
    let archive = match platform {
        Platform::Windows => {
            let path = out.join(format!("{name}.zip"));
            let files: [(&str, &[u8], u32); 3] = [
                ("atelier.exe", &exe, 0o755),
                ("LISEZMOI.txt", &lisezmoi_windows(), 0o644),
                ("README.md", README.as_bytes(), 0o644),
            ];
            write_zip(&path, &files)?;
            path
        }
        Platform::Unix => {
            let path = out.join(format!("{name}.tar.gz"));
            let files: [(&str, &[u8], u32); 3] = [
                ("atelier", &exe, 0o755),
                ("LISEZMOI.txt", LISEZMOI_UNIX.as_bytes(), 0o644),
                ("README.md", README.as_bytes(), 0o644),
            ];
            write_tar_gz(&path, &name, &files)?;
            path
        }
    };
    let file = archive
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let line = format!("{}  {file}\n", sha256_hex(&fs::read(&archive)?));
    fs::write(archive.with_file_name(format!("{file}.sha256")), line)?;
    Ok(archive)
}

fn write_zip(path: &Path, files: &[(&str, &[u8], u32)]) -> io::Result<()> {
    use chrono::{Datelike, Timelike};
    let mut zip = zip::ZipWriter::new(fs::File::create(path)?);
    // Today's date on the files (a zip without one shows them from 1980 in the Explorer).
    let now = chrono::Local::now();
    let when = zip::DateTime::from_date_and_time(
        u16::try_from(now.year()).unwrap_or(1980),
        now.month() as u8,
        now.day() as u8,
        now.hour() as u8,
        now.minute() as u8,
        now.second() as u8,
    )
    .unwrap_or_default();
    for (name, bytes, mode) in files {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(when)
            .unix_permissions(*mode);
        zip.start_file(*name, options).map_err(io::Error::other)?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(io::Error::other)?;
    Ok(())
}

fn write_tar_gz(path: &Path, folder: &str, files: &[(&str, &[u8], u32)]) -> io::Result<()> {
    let gz = flate2::write::GzEncoder::new(fs::File::create(path)?, flate2::Compression::best());
    let mut tar = tar::Builder::new(gz);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    for (name, bytes, mode) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(*mode);
        header.set_mtime(now);
        header.set_cksum();
        tar.append_data(&mut header, format!("{folder}/{name}"), *bytes)?;
    }
    tar.into_inner()?.finish()?.sync_all()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `SHA256SUMS`: every archive's line, from the `.sha256` files in `out`, sorted by name.
fn write_sums(out: &Path) -> io::Result<PathBuf> {
    let mut lines = Vec::new();
    for entry in fs::read_dir(out)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "sha256") {
            lines.push(fs::read_to_string(&path)?);
        }
    }
    lines.sort_by(|a, b| {
        a.split_whitespace()
            .nth(1)
            .cmp(&b.split_whitespace().nth(1))
    });
    let path = out.join("SHA256SUMS");
    fs::write(&path, lines.concat())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_version_is_the_package_one() {
        let v = version(MANIFEST).unwrap();
        assert!(v.split('.').all(|p| p.parse::<u32>().is_ok()), "{v}");
        assert_eq!(
            version("[workspace]\nversion = \"9\"\n[package]\nname = \"a\"\nversion = \"1.2.3\"\n"),
            Some("1.2.3".to_string())
        );
    }

    #[test]
    fn archive_names_say_the_system_and_the_processor() {
        assert_eq!(platform_name("x86_64-pc-windows-msvc"), "windows-x86_64");
        assert_eq!(platform_name("x86_64-pc-windows-gnu"), "windows-x86_64");
        assert_eq!(platform_name("aarch64-apple-darwin"), "macos-aarch64");
        assert_eq!(platform_name("x86_64-unknown-linux-gnu"), "linux-x86_64");
    }

    #[test]
    fn each_lisezmoi_has_ten_lines_in_french_typography() {
        for text in [LISEZMOI_WINDOWS, LISEZMOI_UNIX] {
            assert_eq!(text.lines().count(), 10, "{text}");
            // A plain space before « : ; ? ! » or inside « » would break at a line's end.
            for bad in [" :", " ;", " ?", " !", "« ", " »"] {
                assert!(!text.contains(bad), "« {bad} » in {text}");
            }
        }
        assert!(LISEZMOI_WINDOWS.contains("SmartScreen"));
        assert!(LISEZMOI_WINDOWS.contains("Windows Terminal"));
        let bytes = lisezmoi_windows();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text.matches("\r\n").count(), 10);
        assert_eq!(text.matches('\n').count(), 10);
    }

    #[test]
    fn the_windows_zip_holds_the_program_the_lisezmoi_and_the_readme() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("atelier.exe");
        fs::write(&binary, b"MZ not really a program").unwrap();
        let out = dir.path().join("dist");
        fs::create_dir_all(&out).unwrap();
        let zip_path = package(&binary, "1.2.3", "x86_64-pc-windows-msvc", &out).unwrap();
        assert_eq!(zip_path, out.join("atelier-1.2.3-windows-x86_64.zip"));
        let mut zip = zip::ZipArchive::new(fs::File::open(&zip_path).unwrap()).unwrap();
        let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["LISEZMOI.txt", "README.md", "atelier.exe"]);
        let mut exe = Vec::new();
        zip.by_name("atelier.exe")
            .unwrap()
            .read_to_end(&mut exe)
            .unwrap();
        assert_eq!(exe, b"MZ not really a program");
        let sums = fs::read_to_string(write_sums(&out).unwrap()).unwrap();
        let digest = sha256_hex(&fs::read(&zip_path).unwrap());
        assert_eq!(
            sums,
            format!("{digest}  atelier-1.2.3-windows-x86_64.zip\n")
        );
    }

    #[test]
    fn the_unix_archive_has_one_folder_and_an_executable_program() {
        let dir = tempfile::tempdir().unwrap();
        let binary = dir.path().join("atelier");
        fs::write(&binary, b"\x7fELF").unwrap();
        let out = dir.path().join("dist");
        fs::create_dir_all(&out).unwrap();
        let path = package(&binary, "1.2.3", "aarch64-apple-darwin", &out).unwrap();
        assert_eq!(path, out.join("atelier-1.2.3-macos-aarch64.tar.gz"));
        let gz = flate2::read::GzDecoder::new(fs::File::open(&path).unwrap());
        let mut tar = tar::Archive::new(gz);
        let mut seen = Vec::new();
        for entry in tar.entries().unwrap() {
            let entry = entry.unwrap();
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            seen.push((name, entry.header().mode().unwrap() & 0o777));
        }
        seen.sort();
        assert_eq!(
            seen,
            [
                (
                    "atelier-1.2.3-macos-aarch64/LISEZMOI.txt".to_string(),
                    0o644
                ),
                ("atelier-1.2.3-macos-aarch64/README.md".to_string(), 0o644),
                ("atelier-1.2.3-macos-aarch64/atelier".to_string(), 0o755),
            ]
        );
    }
}
