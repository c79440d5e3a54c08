//! A load generator for the concurrency test (`atelier __stress`, hidden): one process of
//! many that edit the same session file through the real store, with random timing.
//!
//! Every cell edit appends a unique token to what the process sees in the cell, the way a
//! rapporteur completes a sentence; so at the end every token must be somewhere in the file:
//! in a cell, or in a line's history when it lost a same-cell conflict.

use std::path::Path;
use std::time::Duration;

use crate::domain::merge::Pending;
use crate::domain::{ActionLine, History, LineField, Op, Session, Status, ThemeId};

use super::StoreError;
use super::sync::Shared;
use crate::domain::rng::Rng;

pub struct StressReport {
    /// Every token this process wrote.
    pub tokens: Vec<String>,
    pub ops: usize,
    pub syncs: usize,
    pub conflicts: usize,
}

fn line_ids(s: &Session, theme: ThemeId) -> Vec<u32> {
    s.group(theme)
        .map(|g| g.poster.lines.iter().map(|l| l.id).collect())
        .unwrap_or_default()
}

/// Runs `ops` random edits as process `id` (0 = facilitator) on `path`.
pub fn run(path: &Path, id: u32, seed: u64, ops: usize) -> Result<StressReport, StoreError> {
    let stamp = super::sync::stamp(path);
    let text = std::fs::read_to_string(path).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e,
    })?;
    let mut session = super::parse(&text, path)?;
    let mut shared = Shared::new(text, stamp);
    let mut history = History::default();
    let mut pending: Vec<Pending> = Vec::new();
    // One stream a process, from the run's seed.
    let mut rng = Rng::new(
        seed.wrapping_mul(6364136223846793005)
            .wrapping_add(u64::from(id)),
    );
    let who = format!("p{id}");
    let themes: Vec<ThemeId> = session.themes.iter().map(|t| t.id).collect();
    let mut report = StressReport {
        tokens: Vec::new(),
        ops: 0,
        syncs: 0,
        conflicts: 0,
    };
    let now = chrono::Local::now().fixed_offset();
    for n in 0..ops {
        // Most edits in the process's own group; some in the first group, shared by all.
        let own = themes
            .get(id as usize % themes.len().max(1))
            .copied()
            .unwrap_or(1);
        let theme = if rng.below(4) == 0 {
            themes.first().copied().unwrap_or(own)
        } else {
            own
        };
        let token = format!("{who}-{n}");
        let lines = line_ids(&session, theme);
        let op = match rng.below(10) {
            0..=4 if !lines.is_empty() => {
                let line = lines[rng.below(lines.len())];
                let l = session.line(line);
                let Some(l) = l else { continue };
                report.tokens.push(token.clone());
                let field = if rng.below(2) == 0 {
                    LineField::Solution(format!("{} {token}", l.solution).trim().to_string())
                } else {
                    LineField::Action(format!("{} {token}", l.action).trim().to_string())
                };
                Op::SetLine { line, field }
            }
            5 | 6 => {
                report.tokens.push(token.clone());
                let mut line = ActionLine::new(session.next_line_id(), 1);
                line.solution = token;
                Op::AddLine {
                    theme,
                    index: rng.below(lines.len() + 1),
                    line,
                }
            }
            7 if lines.len() > 1 => Op::MoveLine {
                line: lines[rng.below(lines.len())],
                to: rng.below(lines.len()),
            },
            8 if !lines.is_empty() => Op::SetLine {
                line: lines[rng.below(lines.len())],
                field: LineField::Status(Status::ALL[rng.below(4)]),
            },
            _ => {
                let w = session
                    .current_workshop()
                    .map(|w| (w.number, w.timer.clone()));
                let Some((number, timer)) = w else { continue };
                Op::SetTimer {
                    workshop: number,
                    timer: timer.adjusted(1),
                }
            }
        };
        let inverse = match history.apply(&mut session, op.clone()) {
            Ok(inv) => inv,
            Err(_) => continue,
        };
        pending.push(Pending { op, inverse });
        report.ops += 1;
        if rng.below(3) == 0 {
            let out = shared.sync(path, &mut session, &mut pending, &who, now)?;
            report.syncs += 1;
            report.conflicts += out.report.conflicts;
        }
        if rng.below(4) == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(3000) as u64));
        }
    }
    let out = shared.sync(path, &mut session, &mut pending, &who, now)?;
    report.syncs += 1;
    report.conflicts += out.report.conflicts;
    Ok(report)
}
