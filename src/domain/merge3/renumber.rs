//! Items both sides added under one number: theirs' renumbered, and what names them.

use super::*;

/// Theirs, where both sides added a participant, a need or a theme under one number: theirs'
/// takes a new number, and everything in theirs that names it follows.
pub(super) fn renumber_collisions(base: &Session, ours: &Session, theirs: &Session) -> Session {
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

pub(super) fn swap<T: PartialEq + Copy>(from: T, to: T) -> impl Fn(&mut T) {
    move |x: &mut T| {
        if *x == from {
            *x = to;
        }
    }
}

pub(super) fn rename_participant(s: &mut Session, from: ParticipantId, to: ParticipantId) {
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

pub(super) fn rename_need(s: &mut Session, from: NeedId, to: NeedId) {
    let f = swap(from, to);
    s.needs.iter_mut().for_each(|n| f(&mut n.id));
    for x in &mut s.synergies {
        x.lead.iter_mut().for_each(&f);
    }
    for p in &mut s.plenaries {
        p.leads.iter_mut().for_each(&f);
    }
}

pub(super) fn rename_theme(s: &mut Session, from: ThemeId, to: ThemeId) {
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
