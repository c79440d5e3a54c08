//! The merge field by field of what has no cells: the zone, people, needs, themes and
//! their groups, workshops, rencontres' settings, plenaries.

use super::*;

pub(super) fn zone3(b: &Zone, o: &Zone, t: &Zone) -> Zone {
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
pub(super) fn profile3(
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
pub(super) fn invitations3(
    b: &[Invitation],
    o: &[Invitation],
    t: &[Invitation],
) -> Vec<Invitation> {
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

pub(super) fn participant3(b: &Participant, o: &Participant, t: &Participant) -> Participant {
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

pub(super) fn need3(b: &Need, o: &Need, t: &Need) -> Need {
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

pub(super) type ThemeGroup = (Theme, Option<Group>);

pub(super) fn theme_groups(s: &Session) -> Vec<ThemeGroup> {
    s.themes
        .iter()
        .map(|t| (t.clone(), s.group(t.id).cloned()))
        .collect()
}

pub(super) fn theme_group3(b: &ThemeGroup, o: &ThemeGroup, t: &ThemeGroup) -> ThemeGroup {
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
pub(super) fn group3(b: &Group, o: &Group, t: &Group) -> Group {
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

pub(super) fn workshop3(b: &Workshop, o: &Workshop, t: &Workshop) -> Workshop {
    let Workshop {
        number,
        date,
        date_revision: _,
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
        date_revision: revision3(&o.date_revision, &t.date_revision),
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
pub(super) fn rencontre3(b: &Rencontre, o: &Rencontre, t: &Rencontre) -> Rencontre {
    let Rencontre {
        number,
        date,
        date_revision: _,
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
        date_revision: revision3(&o.date_revision, &t.date_revision),
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

pub(super) fn plenary3(b: &Plenary, o: &Plenary, t: &Plenary) -> Plenary {
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
