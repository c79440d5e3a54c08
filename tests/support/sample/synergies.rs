//! The register of synergies of a large démarche, for the bilan's benchmark: 500 synergies
//! with dated stage histories (some abandoned), a pilot, members among 200 organisations,
//! impacts in every unit of the list, some tied to their group's action lines. Added
//! through the operations, like the rest of the sample.

use chrono::{Duration, NaiveDate};

use super::{ORGS, Size, apply, at, pick, session};
use atelier::domain::rng::Rng;
use atelier::domain::synergy::{Amount, Impact, Member, MemberRole, Stage, Synergy, SynergyKind};
use atelier::domain::{Op, Session};

/// The bilan's large session: 12 groups × 420 lines (5 040 action lines) and 500 synergies.
pub const BILAN: Size = Size {
    groups: 12,
    lines_per_group: 420,
    participants: 80,
    workshops: 3,
};

const TITLES: [&str; 8] = [
    "Palettes réemployées",
    "Chaleur fatale du four",
    "Mutualisation des bennes",
    "Achat groupé d'électricité",
    "Récupération des eaux de process",
    "Covoiturage inter-entreprises",
    "Cartons vers la papeterie",
    "Parking partagé",
];

/// Amounts as people type them, one per unit of the list.
const AMOUNTS: [&str; 7] = [
    "12,5 t",
    "300 m3",
    "450 MWh",
    "15 k€",
    "4,2 t CO2e",
    "2 emplois",
    "1 200 m²",
];

/// The large session of [`BILAN`]'s size with `count` synergies (see the module).
pub fn bilan_session(count: usize, seed: u64) -> Session {
    let mut s = session(BILAN, seed);
    add_synergies(&mut s, count, seed);
    s
}

/// Adds `count` synergies to `s`, the same for the same seed.
pub fn add_synergies(s: &mut Session, count: usize, seed: u64) {
    let mut rng = Rng::new(seed ^ 0x5e7e_61e5);
    s.zone.companies = s.zone.companies.max(180);
    let themes: Vec<u32> = s.themes.iter().map(|t| t.id).collect();
    let start = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or_default();
    for i in 0..count {
        let id = s.synergies.iter().map(|x| x.id).max().unwrap_or(0) + 1;
        let kind = SynergyKind::ALL
            .get(rng.below(SynergyKind::ALL.len()))
            .copied()
            .unwrap_or_default();
        let mut syn = Synergy::new(
            id,
            format!("{} n° {}", pick(&mut rng, &TITLES), i + 1),
            kind,
        );
        syn.group = themes.get(rng.below(themes.len().max(1))).copied();
        if let Some(g) = syn.group.and_then(|t| s.group(t))
            && !g.poster.lines.is_empty()
        {
            for _ in 0..rng.below(4) {
                if let Some(l) = g.poster.lines.get(rng.below(g.poster.lines.len())) {
                    syn.lines.push(l.id);
                }
            }
        }
        // Members among the sample's organisations and 200 other companies of the zone.
        for k in 0..1 + rng.below(3) {
            let organisation = if rng.below(3) == 0 {
                pick(&mut rng, &ORGS).to_string()
            } else {
                format!("Entreprise {:03}", rng.below(200))
            };
            let role = MemberRole::ALL
                .get(k % MemberRole::ALL.len())
                .copied()
                .unwrap_or(MemberRole::Participant);
            syn.members.push(Member { organisation, role });
        }
        for _ in 0..1 + rng.below(3) {
            let text = pick(&mut rng, &AMOUNTS);
            if let Ok(amount) = Amount::parse(text) {
                syn.impacts.push(Impact {
                    amount,
                    measured: rng.below(3) == 0,
                    what: String::new(),
                    factor: String::new(),
                    source: String::new(),
                });
            }
        }
        let mut day = start + Duration::days(rng.below(540) as i64);
        syn.created = Some(at(day, 0));
        let index = s.synergies.len();
        apply(
            s,
            Op::AddSynergy {
                index,
                synergy: syn,
            },
        );
        // A pilot, then a few steps along the way (one in ten abandoned).
        let pilot = syn_pilot(&mut rng);
        apply(
            s,
            Op::AddSynergyEvent {
                synergy: id,
                event: Synergy::pilot_event(&pilot, "", at(day, 30)),
            },
        );
        let mut stage = Stage::Idea;
        for _ in 0..rng.below(5) {
            day += Duration::days(20 + rng.below(120) as i64);
            stage = if rng.below(10) == 0 {
                Stage::Abandoned
            } else {
                stage.next()
            };
            let reason = if stage == Stage::Abandoned {
                "pas de financement"
            } else {
                ""
            };
            if let Some(event) = s
                .synergies
                .iter()
                .find(|x| x.id == id)
                .and_then(|x| x.stage_event(stage, reason, at(day, 60)))
            {
                apply(s, Op::AddSynergyEvent { synergy: id, event });
            }
            if stage == Stage::Abandoned {
                break;
            }
        }
    }
}

fn syn_pilot(rng: &mut Rng) -> String {
    if rng.below(2) == 0 {
        pick(rng, &ORGS).to_string()
    } else {
        format!("Entreprise {:03}", rng.below(200))
    }
}
