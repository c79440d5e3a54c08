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

fn zone3(b: &Zone, o: &Zone, t: &Zone) -> Zone {
    let Zone {
        name,
        vocation,
        specialisation,
        companies,
        company_size,
        since,
        stakes,
        steering,
        profile,
    } = b;
    Zone {
        name: pick(name, &o.name, &t.name),
        vocation: pick(vocation, &o.vocation, &t.vocation),
        specialisation: pick(specialisation, &o.specialisation, &t.specialisation),
        companies: pick(companies, &o.companies, &t.companies),
        company_size: pick(company_size, &o.company_size, &t.company_size),
        since: pick(since, &o.since, &t.since),
        stakes: set3(stakes, &o.stakes, &t.stakes),
        steering: set3(steering, &o.steering, &t.steering),
        profile: profile3(profile, &o.profile, &t.profile),
    }
}

/// The zone's open data, each import on its own (the register's, the CNIG site's): theirs
/// if theirs imported it again, else ours.
fn profile3(
    b: &Option<ZoneProfile>,
    o: &Option<ZoneProfile>,
    t: &Option<ZoneProfile>,
) -> Option<ZoneProfile> {
    let part = |p: &Option<ZoneProfile>| p.clone().unwrap_or_default();
    let (b, o, t) = (part(b), part(o), part(t));
    let merged = ZoneProfile {
        register: pick(&b.register, &o.register, &t.register),
        site: pick(&b.site, &o.site, &t.site),
    };
    (!merged.is_empty()).then_some(merged)
}

/// The invitation list, by SIRET: each side's establishments (theirs' new ones after ours'),
/// for one both have the register's data as theirs imported it if it did, and the
/// participant made from it on either side (theirs if both made one); one theirs no longer
/// has (a list set back) goes unless ours changed it.
fn invitations3(b: &[Invitation], o: &[Invitation], t: &[Invitation]) -> Vec<Invitation> {
    use std::collections::HashMap;
    let index = |list: &[Invitation]| -> HashMap<String, Invitation> {
        list.iter().map(|i| (i.siret.clone(), i.clone())).collect()
    };
    let (bs, os, ts) = (index(b), index(o), index(t));
    let data = |i: &Invitation| Invitation {
        participant: None,
        ..i.clone()
    };
    let mut out = Vec::with_capacity(o.len().max(t.len()));
    for x in o {
        match (bs.get(&x.siret), ts.get(&x.siret)) {
            (Some(bx), Some(tx)) => {
                let mut m = pick(&data(bx), &data(x), &data(tx));
                m.participant = pick(&bx.participant, &x.participant, &tx.participant);
                out.push(m);
            }
            (Some(bx), None) if x == bx => {}
            _ => out.push(x.clone()),
        }
    }
    for x in t {
        if !os.contains_key(&x.siret) && bs.get(&x.siret).is_none_or(|bx| bx != x) {
            out.push(x.clone());
        }
    }
    out
}

fn participant3(b: &Participant, o: &Participant, t: &Participant) -> Participant {
    let Participant {
        id,
        name,
        organisation,
        role,
        email,
        choices,
    } = b;
    Participant {
        id: *id,
        name: pick(name, &o.name, &t.name),
        organisation: pick(organisation, &o.organisation, &t.organisation),
        role: pick(role, &o.role, &t.role),
        email: pick(email, &o.email, &t.email),
        choices: pick(choices, &o.choices, &t.choices),
    }
}

fn need3(b: &Need, o: &Need, t: &Need) -> Need {
    let Need {
        id,
        text,
        theme,
        kind,
    } = b;
    Need {
        id: *id,
        text: pick(text, &o.text, &t.text),
        theme: pick(theme, &o.theme, &t.theme),
        kind: pick(kind, &o.kind, &t.kind),
    }
}

type ThemeGroup = (Theme, Option<Group>);

fn theme_groups(s: &Session) -> Vec<ThemeGroup> {
    s.themes
        .iter()
        .map(|t| (t.clone(), s.group(t.id).cloned()))
        .collect()
}

fn theme_group3(b: &ThemeGroup, o: &ThemeGroup, t: &ThemeGroup) -> ThemeGroup {
    let Theme {
        id,
        title,
        constat,
        expert,
        review,
    } = &b.0;
    let (ot, tt) = (&o.0, &t.0);
    let theme = Theme {
        id: *id,
        title: pick(title, &ot.title, &tt.title),
        constat: pick(constat, &ot.constat, &tt.constat),
        expert: pick(expert, &ot.expert, &tt.expert),
        review: pick(review, &ot.review, &tt.review),
    };
    let group = match (&b.1, &o.1, &t.1) {
        (Some(b), Some(o), Some(t)) => Some(group3(b, o, t)),
        (_, o, t) => o.clone().or_else(|| t.clone()),
    };
    (theme, group)
}

/// The group's fields; its poster is ours' (theirs' edits of it are replayed).
fn group3(b: &Group, o: &Group, t: &Group) -> Group {
    let Group {
        theme,
        rapporteur,
        pilot,
        enrolled,
        next_steps,
        next_meeting,
        notes,
        capacity,
        poster: _,
        meetings,
        meeting_revision: _,
    } = b;
    Group {
        theme: *theme,
        rapporteur: pick(rapporteur, &o.rapporteur, &t.rapporteur),
        pilot: pick(pilot, &o.pilot, &t.pilot),
        enrolled: set3(enrolled, &o.enrolled, &t.enrolled),
        next_steps: pick(next_steps, &o.next_steps, &t.next_steps),
        next_meeting: pick(next_meeting, &o.next_meeting, &t.next_meeting),
        notes: pick(notes, &o.notes, &t.notes),
        capacity: pick(capacity, &o.capacity, &t.capacity),
        poster: o.poster.clone(),
        meetings: set3(meetings, &o.meetings, &t.meetings),
        meeting_revision: revision3(&o.meeting_revision, &t.meeting_revision),
    }
}

fn workshop3(b: &Workshop, o: &Workshop, t: &Workshop) -> Workshop {
    let Workshop {
        number,
        date,
        round_count,
        agenda,
        phase,
        log,
        timer,
        rounds,
        another_workshop,
        themes,
        baseline,
    } = b;
    Workshop {
        number: *number,
        date: pick(date, &o.date, &t.date),
        round_count: pick(round_count, &o.round_count, &t.round_count),
        agenda: pick(agenda, &o.agenda, &t.agenda),
        phase: pick(phase, &o.phase, &t.phase),
        log: set3(log, &o.log, &t.log),
        timer: pick(timer, &o.timer, &t.timer),
        rounds: pick(rounds, &o.rounds, &t.rounds),
        another_workshop: pick(another_workshop, &o.another_workshop, &t.another_workshop),
        themes: pick(themes, &o.themes, &t.themes),
        baseline: set3(baseline, &o.baseline, &t.baseline),
    }
}

/// A rencontre's settings and steps; its cards, themes, dots, leads and retained themes
/// are ours' (theirs' edits of them are replayed).
fn rencontre3(b: &Rencontre, o: &Rencontre, t: &Rencontre) -> Rencontre {
    let Rencontre {
        number,
        date,
        agenda,
        phase,
        log,
        timer,
        cards: _,
        themes: _,
        dots: _,
        vote,
        revealed,
        synergies: _,
        retained: _,
        handed_off,
    } = b;
    Rencontre {
        number: *number,
        date: pick(date, &o.date, &t.date),
        agenda: pick(agenda, &o.agenda, &t.agenda),
        phase: pick(phase, &o.phase, &t.phase),
        log: set3(log, &o.log, &t.log),
        timer: pick(timer, &o.timer, &t.timer),
        cards: o.cards.clone(),
        themes: o.themes.clone(),
        dots: o.dots.clone(),
        vote: pick(vote, &o.vote, &t.vote),
        revealed: pick(revealed, &o.revealed, &t.revealed),
        synergies: o.synergies.clone(),
        retained: o.retained.clone(),
        handed_off: pick(handed_off, &o.handed_off, &t.handed_off),
    }
}

fn plenary3(b: &Plenary, o: &Plenary, t: &Plenary) -> Plenary {
    let Plenary {
        number,
        date,
        step,
        log,
        timer,
        decisions,
        leads,
    } = b;
    Plenary {
        number: *number,
        date: pick(date, &o.date, &t.date),
        step: pick(step, &o.step, &t.step),
        log: set3(log, &o.log, &t.log),
        timer: pick(timer, &o.timer, &t.timer),
        decisions: set3(decisions, &o.decisions, &t.decisions),
        leads: set3(leads, &o.leads, &t.leads),
    }
}

/// The edits theirs made since the base, as a live process's pending edits: ops with the
/// inverses that tell what each edit replaced.
fn edits(base: &Session, theirs: &Session) -> Vec<Pending> {
    let mut out = Vec::new();
    let mut push = |op: Op, inverse: Op| out.push(Pending { op, inverse });
    for g in &theirs.groups {
        let theme = g.theme;
        let empty = Poster::default();
        let gone_theme = base.group(theme).is_some() && theirs.theme(theme).is_none();
        let before = base.group(theme).map_or(&empty, |b| &b.poster);
        for (index, r) in g.poster.reactions.iter().enumerate() {
            match before.reactions.iter().find(|x| x.id == r.id) {
                None => push(
                    Op::AddReaction {
                        theme,
                        index,
                        reaction: r.clone(),
                    },
                    Op::DeleteReaction(r.id),
                ),
                Some(b) if b.text != r.text => push(
                    Op::SetReaction {
                        reaction: r.id,
                        text: r.text.clone(),
                    },
                    Op::SetReaction {
                        reaction: r.id,
                        text: b.text.clone(),
                    },
                ),
                Some(_) => {}
            }
        }
        for b in &before.reactions {
            if !g.poster.reactions.iter().any(|r| r.id == b.id) && !gone_theme {
                push(
                    Op::DeleteReaction(b.id),
                    Op::AddReaction {
                        theme,
                        index: 0,
                        reaction: b.clone(),
                    },
                );
            }
        }
        for (index, l) in g.poster.lines.iter().enumerate() {
            match base.line(l.id) {
                None => push(
                    Op::AddLine {
                        theme,
                        index,
                        line: l.clone(),
                    },
                    Op::DeleteLine(l.id),
                ),
                Some(b) => {
                    for (now, was) in cells(l).into_iter().zip(cells(b)) {
                        if now != was {
                            push(
                                Op::SetLine {
                                    line: l.id,
                                    field: now,
                                },
                                Op::SetLine {
                                    line: l.id,
                                    field: was,
                                },
                            );
                        }
                    }
                }
            }
        }
        for (index, b) in before.lines.iter().enumerate() {
            if theirs.line(b.id).is_none() {
                push(
                    Op::DeleteLine(b.id),
                    Op::AddLine {
                        theme,
                        index,
                        line: b.clone(),
                    },
                );
            }
        }
    }
    for r in &theirs.rencontres {
        rencontre_edits(base.rencontre(r.number), r, &mut push);
    }
    for (index, s) in theirs.synergies.iter().enumerate() {
        match base.synergy(s.id) {
            None => push(
                Op::AddSynergy {
                    index,
                    synergy: s.clone(),
                },
                Op::RemoveSynergy(s.id),
            ),
            Some(b) => {
                let (mut s0, mut b0) = (s.clone(), b.clone());
                s0.history.clear();
                b0.history.clear();
                if s0 != b0 {
                    push(Op::UpdateSynergy(s.clone()), Op::UpdateSynergy(b.clone()));
                }
                for e in s.history.iter().filter(|e| !b.history.contains(e)) {
                    push(
                        Op::AddSynergyEvent {
                            synergy: s.id,
                            event: e.clone(),
                        },
                        Op::RemoveSynergyEvent {
                            synergy: s.id,
                            event: e.clone(),
                        },
                    );
                }
                for e in b.history.iter().filter(|e| !s.history.contains(e)) {
                    push(
                        Op::RemoveSynergyEvent {
                            synergy: s.id,
                            event: e.clone(),
                        },
                        Op::AddSynergyEvent {
                            synergy: s.id,
                            event: e.clone(),
                        },
                    );
                }
            }
        }
    }
    for (index, b) in base.synergies.iter().enumerate() {
        if theirs.synergy(b.id).is_none() {
            push(
                Op::RemoveSynergy(b.id),
                Op::AddSynergy {
                    index,
                    synergy: b.clone(),
                },
            );
        }
    }
    out
}

fn rencontre_edits(b: Option<&Rencontre>, r: &Rencontre, push: &mut impl FnMut(Op, Op)) {
    let rencontre = r.number;
    let (bt, bc, bd, bs) = match b {
        Some(b) => (
            b.themes.as_slice(),
            b.cards.as_slice(),
            b.dots.as_slice(),
            b.synergies.as_slice(),
        ),
        None => (&[][..], &[][..], &[][..], &[][..]),
    };
    for (index, c) in r.themes.iter().enumerate() {
        match bt.iter().find(|x| x.id == c.id) {
            None => push(
                Op::AddCandidate {
                    rencontre,
                    index,
                    candidate: c.clone(),
                },
                Op::RemoveCandidate {
                    rencontre,
                    candidate: c.id,
                },
            ),
            Some(was) if was != c => push(
                Op::UpdateCandidate {
                    rencontre,
                    candidate: c.clone(),
                },
                Op::UpdateCandidate {
                    rencontre,
                    candidate: was.clone(),
                },
            ),
            Some(_) => {}
        }
    }
    for (index, c) in r.cards.iter().enumerate() {
        match bc.iter().find(|x| x.id == c.id) {
            None => push(
                Op::AddCard {
                    rencontre,
                    index,
                    card: c.clone(),
                },
                Op::RemoveCard {
                    rencontre,
                    card: c.id,
                },
            ),
            Some(was) if was != c => push(
                Op::UpdateCard {
                    rencontre,
                    card: c.clone(),
                },
                Op::UpdateCard {
                    rencontre,
                    card: was.clone(),
                },
            ),
            Some(_) => {}
        }
    }
    for (index, was) in bc.iter().enumerate() {
        if !r.cards.iter().any(|c| c.id == was.id) {
            push(
                Op::RemoveCard {
                    rencontre,
                    card: was.id,
                },
                Op::AddCard {
                    rencontre,
                    index,
                    card: was.clone(),
                },
            );
        }
    }
    for d in &r.dots {
        match bd.iter().find(|x| x.id == d.id) {
            None => push(
                Op::AddDot { rencontre, dot: *d },
                Op::RemoveDot {
                    rencontre,
                    dot: d.id,
                },
            ),
            Some(was) if was != d => push(
                Op::UpdateDot { rencontre, dot: *d },
                Op::UpdateDot {
                    rencontre,
                    dot: *was,
                },
            ),
            Some(_) => {}
        }
    }
    for was in bd {
        if !r.dots.iter().any(|d| d.id == was.id) {
            push(
                Op::RemoveDot {
                    rencontre,
                    dot: was.id,
                },
                Op::UpdateDot {
                    rencontre,
                    dot: *was,
                },
            );
        }
    }
    // Candidates go after the cards and dots that may still name them.
    for was in bt {
        if !r.themes.iter().any(|c| c.id == was.id) {
            push(
                Op::RemoveCandidate {
                    rencontre,
                    candidate: was.id,
                },
                Op::AddCandidate {
                    rencontre,
                    index: 0,
                    candidate: was.clone(),
                },
            );
        }
    }
    let mark = |offer, need, mark| Op::MarkSynergy {
        rencontre,
        offer,
        need,
        mark,
    };
    for m in &r.synergies {
        let was = bs
            .iter()
            .find(|x| x.offer == m.offer && x.need == m.need)
            .map(|x| x.accepted);
        if was != Some(m.accepted) {
            push(
                mark(m.offer, m.need, Some(m.accepted)),
                mark(m.offer, m.need, was),
            );
        }
    }
    for was in bs {
        if !r
            .synergies
            .iter()
            .any(|m| m.offer == was.offer && m.need == was.need)
        {
            push(
                mark(was.offer, was.need, None),
                mark(was.offer, was.need, Some(was.accepted)),
            );
        }
    }
    let before = b.and_then(|b| b.retained.clone());
    if r.retained != before {
        push(
            Op::SetRencontre {
                rencontre,
                field: RencontreField::Retained(r.retained.clone()),
            },
            Op::SetRencontre {
                rencontre,
                field: RencontreField::Retained(before),
            },
        );
    }
}

/// A line's five cells, in one order.
fn cells(l: &ActionLine) -> [LineField; 5] {
    [
        LineField::Solution(l.solution.clone()),
        LineField::Action(l.action.clone()),
        LineField::Owners(l.owners.clone()),
        LineField::Due(l.due.clone()),
        LineField::Status(l.status),
    ]
}

/// What the cells' ops do not carry: the texts theirs' own conflicts moved to a line's
/// history, the restored mark, and the calendar's revision count.
fn line_extras(
    out: &mut Session,
    base: &Session,
    theirs: &Session,
    lines: &BTreeMap<LineId, LineId>,
) {
    for t in theirs.groups.iter().flat_map(|g| g.poster.lines.iter()) {
        let id = lines.get(&t.id).copied().unwrap_or(t.id);
        let b = base.line(t.id);
        let Some(l) = out
            .groups
            .iter_mut()
            .flat_map(|g| g.poster.lines.iter_mut())
            .find(|l| l.id == id)
        else {
            continue;
        };
        for h in &t.history {
            let new = b.is_none_or(|b| !b.history.contains(h));
            if new && !l.history.contains(h) {
                l.history.push(h.clone());
            }
        }
        l.restored |= t.restored && b.is_none_or(|b| !b.restored);
        if t.revision > l.revision {
            l.revision = t.revision;
            l.revised_at = t.revised_at;
        }
    }
}

/// Theirs' workshops and plenaries with the line and synergy numbers the replay gave.
fn remap_lines(
    theirs: &Session,
    lines: &BTreeMap<LineId, LineId>,
    synergies: &BTreeMap<SynergyId, SynergyId>,
) -> Session {
    let mut t = Session {
        workshops: theirs.workshops.clone(),
        plenaries: theirs.plenaries.clone(),
        ..Session::new("", "")
    };
    for w in &mut t.workshops {
        for m in &mut w.baseline {
            *m = LineMark {
                id: lines.get(&m.id).copied().unwrap_or(m.id),
                fp: m.fp,
            };
        }
    }
    for p in &mut t.plenaries {
        for d in &mut p.decisions {
            d.item = match d.item {
                Item::Line(l) => Item::Line(lines.get(&l).copied().unwrap_or(l)),
                Item::Synergy(s) => Item::Synergy(synergies.get(&s).copied().unwrap_or(s)),
            };
        }
    }
    t
}

/// Theirs, where both sides added a participant, a need or a theme under one number: theirs'
/// takes a new number, and everything in theirs that names it follows.
fn renumber_collisions(base: &Session, ours: &Session, theirs: &Session) -> Session {
    let mut t = theirs.clone();
    fn clashes<T: PartialEq, K: PartialEq + Copy + Ord>(
        b: &[T],
        o: &[T],
        t: &[T],
        key: impl Fn(&T) -> K,
    ) -> Vec<K> {
        t.iter()
            .filter(|x| !b.iter().any(|y| key(y) == key(x)))
            .filter(|x| o.iter().any(|y| key(y) == key(x) && y != *x))
            .map(&key)
            .collect()
    }
    let people = clashes(
        &base.participants,
        &ours.participants,
        &theirs.participants,
        |p| p.id,
    );
    let mut next = ours
        .participants
        .iter()
        .chain(&theirs.participants)
        .map(|p| p.id)
        .max()
        .unwrap_or(0);
    for from in people {
        next += 1;
        rename_participant(&mut t, from, next);
    }
    let needs = clashes(&base.needs, &ours.needs, &theirs.needs, |n| n.id);
    let mut next = ours
        .needs
        .iter()
        .chain(&theirs.needs)
        .map(|n| n.id)
        .max()
        .unwrap_or(0);
    for from in needs {
        next += 1;
        rename_need(&mut t, from, next);
    }
    let themes = clashes(&base.themes, &ours.themes, &theirs.themes, |x| x.id);
    let mut next = ours
        .themes
        .iter()
        .chain(&theirs.themes)
        .map(|x| x.id)
        .max()
        .unwrap_or(0);
    for from in themes {
        next += 1;
        rename_theme(&mut t, from, next);
    }
    t
}

fn swap<T: PartialEq + Copy>(from: T, to: T) -> impl Fn(&mut T) {
    move |x: &mut T| {
        if *x == from {
            *x = to;
        }
    }
}

fn rename_participant(s: &mut Session, from: ParticipantId, to: ParticipantId) {
    let f = swap(from, to);
    s.participants.iter_mut().for_each(|p| f(&mut p.id));
    s.zone.steering.iter_mut().for_each(&f);
    for i in &mut s.invitations {
        i.participant.iter_mut().for_each(&f);
    }
    for g in &mut s.groups {
        g.rapporteur.iter_mut().for_each(&f);
        g.enrolled.iter_mut().for_each(&f);
    }
    for w in &mut s.workshops {
        for r in &mut w.rounds {
            for table in &mut r.tables {
                table.members.iter_mut().for_each(&f);
            }
        }
    }
    for r in &mut s.rencontres {
        for c in &mut r.cards {
            c.author.iter_mut().for_each(&f);
        }
        r.dots.iter_mut().for_each(|d| f(&mut d.participant));
    }
}

fn rename_need(s: &mut Session, from: NeedId, to: NeedId) {
    let f = swap(from, to);
    s.needs.iter_mut().for_each(|n| f(&mut n.id));
    for x in &mut s.synergies {
        x.lead.iter_mut().for_each(&f);
    }
    for p in &mut s.plenaries {
        p.leads.iter_mut().for_each(&f);
    }
}

fn rename_theme(s: &mut Session, from: ThemeId, to: ThemeId) {
    let f = swap(from, to);
    s.themes.iter_mut().for_each(|t| f(&mut t.id));
    s.groups.iter_mut().for_each(|g| f(&mut g.theme));
    for p in &mut s.participants {
        p.choices.iter_mut().for_each(&f);
    }
    for n in &mut s.needs {
        n.theme.iter_mut().for_each(&f);
    }
    for w in &mut s.workshops {
        w.themes.iter_mut().flatten().for_each(&f);
        for r in &mut w.rounds {
            r.tables.iter_mut().for_each(|t| f(&mut t.theme));
        }
    }
    for x in &mut s.synergies {
        x.group.iter_mut().for_each(&f);
    }
}

#[cfg(test)]
#[path = "merge3_tests.rs"]
mod tests;
