//! Two versions of a session brought together from their common base, as git merges two
//! branches (`atelier merge-driver`), with the rules of live editing:
//! - poster lines, reactions, the rencontre's cards, candidate themes and dots, and the
//!   synergies: what `theirs` changed since the base is replayed onto `ours` as a live
//!   process's save is (`merge::replay`): edits of different cells are both kept; two edits
//!   of the same cell: theirs (replayed last, like the later save) wins and ours' text goes
//!   to the line's history; a line deleted on one side and edited on the other comes back,
//!   marked restored; lines and cards both sides added under one number are renumbered;
//! - the rest (the zone, participants, needs, themes and their groups, workshops,
//!   plenaries, a rencontre's settings) field by field: a field only one side changed takes
//!   that side's value; changed on both: theirs; an item removed on one side and changed on
//!   the other stays; lists of plain values (logs, members, decisions) keep both sides'
//!   additions and removals; an item both sides added under one number: theirs gets a new
//!   number, and everything that names it follows.
//!
//! Not merged: the order of poster lines (a line moved on one side stays where ours has it).

use std::collections::BTreeMap;

mod edits;
mod fields;
mod renumber;

use edits::{edits, line_extras, line_order, remap_lines};
use fields::*;
use renumber::renumber_collisions;

use super::{
    ActionLine, LineId, NeedId, ParticipantId, Session, ThemeId, Timestamp,
    invitation::Invitation,
    merge::{MergeReport, Pending, replay},
    op::{LineField, Op},
    plenary::{Item, Plenary},
    poster::Poster,
    profile::ZoneProfile,
    rencontre::{Rencontre, RencontreField},
    session::{Group, Need, Participant, Revision, Theme, Zone},
    synergy::SynergyId,
    workshop::{LineMark, Workshop},
};

/// `ours` with what `theirs` changed since `base`. `who` and `at` label the texts a
/// same-cell conflict moves to a line's history.
pub fn merge3(
    base: &Session,
    ours: &Session,
    theirs: &Session,
    who: &str,
    at: Timestamp,
) -> (Session, MergeReport) {
    let theirs = &renumber_collisions(base, ours, theirs);
    let mut kept = 0;
    let mut out = ours.clone();
    out.version = ours.version.max(theirs.version);
    out.saves = ours.saves.max(theirs.saves);
    out.id = pick(&base.id, &ours.id, &theirs.id);
    if out.id.is_empty() {
        out.id = theirs.id.clone();
    }
    out.title = pick(&base.title, &ours.title, &theirs.title);
    out.zone = zone3(&base.zone, &ours.zone, &theirs.zone);
    out.participants = list3(
        &base.participants,
        &ours.participants,
        &theirs.participants,
        |p| p.id,
        participant3,
        &mut kept,
    );
    out.needs = list3(
        &base.needs,
        &ours.needs,
        &theirs.needs,
        |n| n.id,
        need3,
        &mut kept,
    );
    out.invitations = invitations3(&base.invitations, &ours.invitations, &theirs.invitations);
    let pairs = list3(
        &theme_groups(base),
        &theme_groups(ours),
        &theme_groups(theirs),
        |(t, _)| t.id,
        theme_group3,
        &mut kept,
    );
    // A group that comes from theirs whole starts from the base's poster (or none): the
    // replayed edits below bring it to theirs'.
    let (themes, groups): (Vec<Theme>, Vec<Group>) = pairs
        .into_iter()
        .map(|(t, g)| {
            let mut g = g.unwrap_or_else(|| Group::new(t.id));
            if ours.group(t.id).is_none() {
                g.poster = base
                    .group(t.id)
                    .map(|b| b.poster.clone())
                    .unwrap_or_default();
            }
            (t, g)
        })
        .unzip();
    out.themes = themes;
    out.groups = groups;
    out.annual_plenary = pick(
        &base.annual_plenary,
        &ours.annual_plenary,
        &theirs.annual_plenary,
    );
    out.plenary_revision = revision3(&ours.plenary_revision, &theirs.plenary_revision);
    out.rencontres = list3(
        &base.rencontres,
        &ours.rencontres,
        &theirs.rencontres,
        |r| r.number,
        rencontre3,
        &mut kept,
    )
    .into_iter()
    .map(|mut r| {
        // Theirs' whole: its cards, themes and dots come in through the replay.
        if ours.rencontre(r.number).is_none() {
            let b = base.rencontre(r.number);
            r.cards = b.map(|b| b.cards.clone()).unwrap_or_default();
            r.themes = b.map(|b| b.themes.clone()).unwrap_or_default();
            r.dots = b.map(|b| b.dots.clone()).unwrap_or_default();
            r.synergies = b.map(|b| b.synergies.clone()).unwrap_or_default();
            r.retained = b.and_then(|b| b.retained.clone());
        }
        r
    })
    .collect();

    let pending = edits(base, theirs);
    let mut report = replay(&mut out, &pending, theirs, who, at);
    report.restored += kept;
    let lines = &report.renumbered.lines;
    let synergies = &report.renumbered.synergies;
    line_extras(&mut out, base, theirs, lines);
    line_order(&mut out, base, theirs, lines);
    let theirs_mapped = remap_lines(theirs, lines, synergies);
    out.workshops = list3(
        &base.workshops,
        &ours.workshops,
        &theirs_mapped.workshops,
        |w| w.number,
        workshop3,
        &mut report.restored,
    );
    out.plenaries = list3(
        &base.plenaries,
        &ours.plenaries,
        &theirs_mapped.plenaries,
        |p| p.number,
        plenary3,
        &mut report.restored,
    );
    (out, report)
}

/// Two versions with no common base (a copy a file-sync tool left beside the session):
/// `main` with what only the copy has (people, themes, lines, cards, synergies…); where both
/// have an item, main's version, and the copy's differing texts of a poster line (its
/// solution, action and owners) go to that line's history, as a same-cell conflict's do.
pub fn merge2(main: &Session, copy: &Session, who: &str, at: Timestamp) -> (Session, MergeReport) {
    let (mut out, mut report) = merge3(&common(main, copy), copy, main, who, at);
    // A text the line's history already keeps (a second copy saying the same) is not kept
    // twice.
    for l in out
        .groups
        .iter_mut()
        .flat_map(|g| g.poster.lines.iter_mut())
    {
        let mut seen: Vec<(super::poster::CellName, String)> = Vec::new();
        l.history.retain(|h| {
            let key = (h.field, h.text.clone());
            let again = seen.contains(&key);
            seen.push(key);
            let ours = h.replaced_by == who && h.at == at;
            if again && ours {
                report.conflicts = report.conflicts.saturating_sub(1);
            }
            !(again && ours)
        });
    }
    (out, report)
}

/// A base for [`merge2`]: the copy, less what main does not have (so that it counts as
/// added by the copy), with the line cells the two write differently set to a value
/// neither has (so that the merge sees two edits of one cell).
fn common(main: &Session, copy: &Session) -> Session {
    const NEITHER: &str = "\u{1}";
    let mut b = copy.clone();
    b.participants
        .retain(|p| main.participants.iter().any(|m| m.id == p.id));
    b.needs.retain(|n| main.needs.iter().any(|m| m.id == n.id));
    b.themes.retain(|t| main.theme(t.id).is_some());
    b.groups.retain(|g| main.group(g.theme).is_some());
    for g in &mut b.groups {
        g.poster.reactions.retain(|r| {
            main.groups
                .iter()
                .any(|m| m.poster.reaction_index(r.id).is_some())
        });
        // A line main has under the same number in another group is another line.
        let theme = g.theme;
        g.poster
            .lines
            .retain(|l| main.group_of_line(l.id) == Some(theme));
        for l in &mut g.poster.lines {
            let Some(m) = main.line(l.id) else { continue };
            if m.solution != l.solution {
                l.solution = NEITHER.into();
            }
            if m.action != l.action {
                l.action = NEITHER.into();
            }
            if m.owners != l.owners {
                l.owners = vec![super::Owner {
                    who: NEITHER.into(),
                    role: String::new(),
                }];
            }
        }
    }
    b.workshops
        .retain(|w| main.workshops.iter().any(|m| m.number == w.number));
    b.plenaries
        .retain(|p| main.plenaries.iter().any(|m| m.number == p.number));
    b.synergies.retain(|x| main.synergy(x.id).is_some());
    // An establishment only the copy lists is one the copy added.
    b.invitations
        .retain(|i| main.invitation(&i.siret).is_some());
    b.rencontres.retain(|r| main.rencontre(r.number).is_some());
    for r in &mut b.rencontres {
        let Some(m) = main.rencontre(r.number) else {
            continue;
        };
        r.cards.retain(|c| m.card(c.id).is_some());
        r.themes.retain(|c| m.candidate(c.id).is_some());
        r.dots.retain(|d| m.dots.iter().any(|x| x.id == d.id));
        r.synergies.retain(|x| {
            m.synergies
                .iter()
                .any(|y| y.offer == x.offer && y.need == x.need)
        });
    }
    b
}

/// Theirs if theirs changed it, else ours.
fn pick<T: PartialEq + Clone>(b: &T, o: &T, t: &T) -> T {
    if t != b { t.clone() } else { o.clone() }
}

/// A list of plain values: ours, less what theirs removed, plus what theirs added.
fn set3<T: PartialEq + Clone>(b: &[T], o: &[T], t: &[T]) -> Vec<T> {
    let mut out: Vec<T> = o
        .iter()
        .filter(|x| !b.contains(x) || t.contains(x))
        .cloned()
        .collect();
    for x in t {
        if !b.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// A list of items with a number: each side's additions (theirs after the item before it
/// in theirs), a removal unless the other side changed the item (then it stays and `kept`
/// counts it), and an item both kept merged by `merge`.
fn list3<T: Clone + PartialEq, K: PartialEq + Copy>(
    b: &[T],
    o: &[T],
    t: &[T],
    key: impl Fn(&T) -> K,
    merge: impl Fn(&T, &T, &T) -> T,
    kept: &mut usize,
) -> Vec<T> {
    let find = |list: &[T], k: K| list.iter().find(|x| key(x) == k).cloned();
    let mut out = Vec::with_capacity(o.len().max(t.len()));
    for x in o {
        let k = key(x);
        match (find(b, k), find(t, k)) {
            (Some(bx), Some(tx)) => out.push(merge(&bx, x, &tx)),
            (Some(bx), None) => {
                if *x != bx {
                    *kept += 1;
                    out.push(x.clone());
                }
            }
            (None, _) => out.push(x.clone()),
        }
    }
    for (i, x) in t.iter().enumerate() {
        let k = key(x);
        if o.iter().any(|y| key(y) == k) {
            continue;
        }
        match find(b, k) {
            Some(bx) if *x == bx => continue,
            Some(_) => *kept += 1,
            None => {}
        }
        let mut at = t
            .iter()
            .take(i)
            .rev()
            .find_map(|p| out.iter().position(|y| key(y) == key(p)))
            .map_or(if i == 0 { 0 } else { out.len() }, |p| p + 1);
        // After what ours added at the same place.
        while out
            .get(at)
            .is_some_and(|y| find(b, key(y)).is_none() && find(t, key(y)).is_none())
        {
            at += 1;
        }
        out.insert(at.min(out.len()), x.clone());
    }
    out
}

fn revision3(o: &Revision, t: &Revision) -> Revision {
    if t.count > o.count { *t } else { *o }
}

#[cfg(test)]
mod tests;
