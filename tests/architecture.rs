//! The structure ARCHITECTURE.md describes, checked on the source: a rule broken by a change
//! fails here, with the file and the line, rather than in the next review.
//!
//! - no file over 650 lines of code, tests aside (the op enum and the rotation planner are
//!   one concern each and exempt);
//! - `domain` is pure: no terminal crate, no file or network I/O, no wall clock;
//! - `app` draws nothing (no `ui`); a screen's model reads no file (no `store`);
//! - the export formats import each other in one direction only, and the catalogue's
//!   document model imports none of them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 650;
const EXEMPT: [&str; 2] = ["src/domain/op.rs", "src/domain/rotation.rs"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, as a path relative to the crate, with `/`.
fn sources(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&root().join(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// A file of tests only: declared `#[cfg(test)] mod …;` by its parent.
fn is_test_file(path: &str) -> bool {
    path.ends_with("/tests.rs") || path.ends_with("_tests.rs")
}

/// The lines before the file's first `#[cfg(test)]`: its code, tests aside.
fn code(text: &str) -> Vec<&str> {
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .collect()
}

/// The lines of code (numbered from 1) that contain any of `needles`, comments aside. An
/// import counts as the paths it names, over as many lines as it takes: `use std::{fs, io};`
/// names `std::fs`.
fn offending(text: &str, needles: &[&str]) -> Vec<(usize, String)> {
    let lines = code(text);
    let hit = |t: &str| needles.iter().any(|n| t.contains(n));
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(l) = lines.get(i) {
        let t = l.trim_start();
        if t.starts_with("//") {
            i += 1;
            continue;
        }
        if let Some(rest) = t
            .strip_prefix("use ")
            .or_else(|| t.strip_prefix("pub use "))
        {
            // The whole statement, to its `;`.
            let mut stmt = rest.to_string();
            let mut j = i;
            while !stmt.contains(';') {
                j += 1;
                match lines.get(j) {
                    Some(next) => stmt.push_str(next.trim()),
                    None => break,
                }
            }
            let stmt = stmt.split(';').next().unwrap_or("");
            if use_paths(stmt).iter().any(|p| hit(p)) {
                out.push((i + 1, t.trim().to_string()));
            }
            i = j + 1;
            continue;
        }
        if hit(t) {
            out.push((i + 1, t.trim().to_string()));
        }
        i += 1;
    }
    out
}

/// The paths an import names: `a::{b, c::{d, e}}` is `a::b`, `a::c::d`, `a::c::e`.
fn use_paths(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = tree.get(..open).unwrap_or("");
    let inner = tree
        .get(open + 1..tree.rfind('}').unwrap_or(tree.len()))
        .unwrap_or("");
    // Split the group at its top-level commas.
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| use_paths(&format!("{prefix}{p}")))
        .collect()
}

#[test]
fn an_import_is_read_as_the_paths_it_names() {
    let text = "use std::{fs, io};\nuse crate::{\n    domain::Session,\n    ui::{fit, put},\n};\nfn f() { crate::store::load(p); }\n";
    let found = offending(text, &["std::fs", "crate::ui::fit", "crate::store"]);
    assert_eq!(
        found.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [1, 2, 6],
        "{found:?}"
    );
    assert!(offending("use std::{io, fmt};\n", &["std::fs"]).is_empty());
    assert_eq!(
        use_paths("a::{b, c::{d, e}}"),
        ["a::b", "a::c::d", "a::c::e"]
    );
}

#[test]
fn no_file_is_over_650_lines_of_code() {
    let mut long: Vec<String> = sources("src")
        .into_iter()
        .filter(|(p, _)| !is_test_file(p) && !EXEMPT.contains(&p.as_str()))
        .map(|(p, t)| (code(&t).len(), p))
        .filter(|(n, _)| *n > MAX_LINES)
        .map(|(n, p)| format!("{p}: {n} lines"))
        .collect();
    long.sort();
    assert!(long.is_empty(), "over {MAX_LINES} lines of code: {long:#?}");
}

#[test]
fn the_domain_is_pure() {
    let forbidden = [
        "ratatui",
        "crossterm",
        "std::fs",
        "std::net",
        "std::process",
        "SystemTime",
        "Instant::now",
        "Local::now",
        "Utc::now",
        "crate::store",
        "crate::ui",
        "crate::tui",
        "crate::app",
    ];
    let found: Vec<String> = sources("src/domain")
        .iter()
        .filter(|(p, _)| !is_test_file(p))
        .flat_map(|(p, t)| {
            offending(t, &forbidden)
                .into_iter()
                .map(move |(n, l)| format!("{p}:{n}: {l}"))
        })
        .collect();
    assert!(found.is_empty(), "the domain must stay pure: {found:#?}");
}

#[test]
fn the_app_draws_nothing_and_screen_models_read_no_file() {
    let mut found: Vec<String> = sources("src/app")
        .iter()
        .filter(|(p, _)| !is_test_file(p))
        .flat_map(|(p, t)| {
            offending(t, &["crate::ui", "ratatui::", "crossterm"])
                .into_iter()
                .map(move |(n, l)| format!("{p}:{n}: {l}"))
        })
        .collect();
    found.extend(
        sources("src/screens")
            .iter()
            .filter(|(p, _)| p.ends_with("/model.rs") || p.contains("/model/"))
            .flat_map(|(p, t)| {
                offending(t, &["crate::store", "std::fs"])
                    .into_iter()
                    .map(move |(n, l)| format!("{p}:{n}: {l}"))
            }),
    );
    assert!(found.is_empty(), "{found:#?}");
}

/// The export module a file belongs to (`md` for `src/export/md/catalogue.rs`), and how many
/// `super::` lead from the file to `export` (1 for `md.rs` or `md/mod.rs`, 2 below).
fn export_module(path: &str) -> Option<(String, usize)> {
    let rest = path.strip_prefix("src/export/")?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [file] if *file != "mod.rs" => Some((file.trim_end_matches(".rs").to_string(), 1)),
        [dir, "mod.rs"] => Some((dir.to_string(), 1)),
        [dir, _] => Some((dir.to_string(), 2)),
        _ => None,
    }
}

/// The sibling export modules a file's code names: `crate::export::x`, or `super::x` (or
/// `super::{x, y::z}`) through as many `super::` as lead to `export`.
fn named_modules(code: &str, depth: usize, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut prefixes = vec!["crate::export::".to_string()];
    prefixes.push("super::".repeat(depth));
    let mut out = BTreeSet::new();
    for prefix in &prefixes {
        let mut rest = code;
        while let Some(i) = rest.find(prefix.as_str()) {
            let after = &rest[i + prefix.len()..];
            // `super::super::x` seen from `super::`: not this depth.
            let deeper = after.starts_with("super::");
            let preceded = i >= 7 && rest[..i].ends_with("super::");
            if !deeper && !preceded {
                let names: Vec<&str> = if let Some(list) = after.strip_prefix('{') {
                    let end = list.find('}').unwrap_or(list.len());
                    list[..end].split(',').collect()
                } else {
                    vec![after]
                };
                for n in names {
                    let first: String = n
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if modules.contains(&first) {
                        out.insert(first);
                    }
                }
            }
            rest = &rest[i + prefix.len()..];
        }
    }
    out
}

/// Which export module imports which, from the code of each file.
fn export_graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = sources("src/export");
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|(p, _)| export_module(p).map(|(m, _)| m))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (p, t) in &files {
        if is_test_file(p) {
            continue;
        }
        let Some((m, depth)) = export_module(p) else {
            continue;
        };
        let code: String = code(t)
            .into_iter()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut named = named_modules(&code, depth, &modules);
        named.remove(&m);
        graph.entry(m).or_default().extend(named);
    }
    graph
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|x| x == m) {
            let mut c = path[i..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_export_formats_import_each_other_one_way_only() {
    let graph = export_graph();
    // The reading itself must see imports, or the check below could never fail.
    assert!(
        graph["territory"].contains("html") && graph["md"].contains("catalogue"),
        "{graph:#?}"
    );
    assert_eq!(cycle(&graph), None, "{graph:#?}");
    let formats = ["csv_out", "html", "md", "eml", "ics"];
    let catalogue = &graph["catalogue"];
    assert!(
        formats.iter().all(|f| !catalogue.contains(*f)),
        "the catalogue's model imports a format: {catalogue:?}"
    );
}

#[test]
fn a_circle_between_formats_is_seen() {
    // The shape the catalogue had before it was one model: each imported the other.
    let modules: BTreeSet<String> = ["catalogue", "md", "html"]
        .into_iter()
        .map(String::from)
        .collect();
    let before = "use super::{Options, OutFile, csv_out, html, md::inline, owners};";
    let named = named_modules(before, 1, &modules);
    assert_eq!(
        named,
        ["html", "md"].into_iter().map(String::from).collect()
    );
    let mut graph = BTreeMap::new();
    graph.insert("catalogue".to_string(), named);
    graph.insert(
        "md".to_string(),
        named_modules("for l in super::catalogue::markdown(s, o) {}", 1, &modules),
    );
    graph.insert("html".to_string(), BTreeSet::new());
    assert_eq!(
        cycle(&graph),
        Some(vec!["catalogue".into(), "md".into(), "catalogue".into()])
    );
}
