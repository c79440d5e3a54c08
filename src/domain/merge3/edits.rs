//! Theirs' edits since the base as a live process's pending ops (replayed by
//! `merge::replay`), and what the ops do not carry.

use super::*;

/// The edits theirs made since the base, as a live process's pending edits: ops with the
/// inverses that tell what each edit replaced.
pub(super) fn edits(base: &Session, theirs: &Session) -> Vec<Pending> {
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

pub(super) fn rencontre_edits(b: Option<&Rencontre>, r: &Rencontre, push: &mut impl FnMut(Op, Op)) {
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
pub(super) fn cells(l: &ActionLine) -> [LineField; 5] {
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
pub(super) fn line_extras(
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
pub(super) fn remap_lines(
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

/// Theirs' order of a poster's lines, where theirs moved lines since the base: the lines both
/// have take theirs' order (over ours' too: the merged-in branch wins, as for a cell), and
/// what only ours has stays after the line it followed. Where theirs moved nothing, ours'
/// order stands. `lines` renumbers theirs' lines as they are in `out`.
pub(super) fn line_order(
    out: &mut Session,
    base: &Session,
    theirs: &Session,
    lines: &BTreeMap<LineId, LineId>,
) {
    for g in &mut out.groups {
        let (Some(b), Some(t)) = (base.group(g.theme), theirs.group(g.theme)) else {
            continue;
        };
        let in_base = |id: &LineId| b.poster.line(*id).is_some();
        let in_theirs = |id: &LineId| t.poster.line(*id).is_some();
        let base_order: Vec<LineId> = b
            .poster
            .lines
            .iter()
            .map(|l| l.id)
            .filter(in_theirs)
            .collect();
        let theirs_common: Vec<LineId> = t
            .poster
            .lines
            .iter()
            .map(|l| l.id)
            .filter(in_base)
            .collect();
        if base_order == theirs_common {
            continue;
        }
        let here: Vec<LineId> = g.poster.lines.iter().map(|l| l.id).collect();
        // Theirs' lines in theirs' order, as `out` numbers them, where `out` has them.
        let mut order: Vec<LineId> = t
            .poster
            .lines
            .iter()
            .map(|l| lines.get(&l.id).copied().unwrap_or(l.id))
            .filter(|id| here.contains(id))
            .collect();
        // The others (ours' own, lines brought back) after the line they follow here.
        for (i, id) in here.iter().enumerate() {
            if order.contains(id) {
                continue;
            }
            let after = here
                .get(..i)
                .unwrap_or(&[])
                .iter()
                .rev()
                .find_map(|p| order.iter().position(|o| o == p));
            let at = after.map_or(0, |k| k + 1);
            order.insert(at.min(order.len()), *id);
        }
        let mut old = std::mem::take(&mut g.poster.lines);
        for id in order {
            if let Some(k) = old.iter().position(|l| l.id == id) {
                g.poster.lines.push(old.remove(k));
            }
        }
        // Nothing is dropped, whatever the order said.
        g.poster.lines.append(&mut old);
    }
}
