//! A new zone's session started from what another zone already prepared (a pilot) or from a
//! model of the guide's typical themes: the guide's advice is a pilot operation on one zone,
//! then the same démarche on the territory's other zones.

use super::rencontre::Rencontre;
use super::{Group, Session, Theme};

/// A theme to start from: its title, a starter constat, the kind of expert to invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    pub title: String,
    pub constat: String,
    pub expert: Option<String>,
}

/// A session for another zone from the pilot's: its themes with their constats (marked to be
/// reviewed for this zone) and experts, its first workshop's agenda and rounds, and its
/// rencontre's set-up (agenda, vote rules) when it started with one. None of its people,
/// needs, posters, synergies or follow-up: those belong to the pilot's zone.
pub fn from_pilot(pilot: &Session, title: &str, zone: &str) -> Session {
    let mut s = Session::new(title, zone);
    for th in &pilot.themes {
        s.themes.push(Theme {
            id: th.id,
            title: th.title.clone(),
            constat: th.constat.clone(),
            expert: th.expert.clone(),
            review: !th.constat.trim().is_empty(),
        });
        let mut g = Group::new(th.id);
        g.capacity = pilot.group(th.id).and_then(|g| g.capacity);
        s.groups.push(g);
    }
    if let (Some(from), Some(to)) = (
        pilot.workshops.iter().min_by_key(|w| w.number),
        s.workshops.first_mut(),
    ) {
        to.agenda = from.agenda.clone();
        to.round_count = from.round_count;
    }
    if let Some(r) = pilot.rencontres.iter().min_by_key(|r| r.number) {
        let mut fresh = Rencontre::new(1);
        fresh.agenda = r.agenda;
        fresh.vote = r.vote;
        s.rencontres.push(fresh);
    }
    s
}

/// A session whose themes are `seeds`, each constat to be reviewed for the zone.
pub fn from_seeds(seeds: &[Seed], title: &str, zone: &str) -> Session {
    let mut s = Session::new(title, zone);
    for (i, seed) in seeds.iter().enumerate() {
        let id = i as u32 + 1;
        s.themes.push(Theme {
            id,
            title: seed.title.clone(),
            constat: seed.constat.clone(),
            expert: seed.expert.clone(),
            review: !seed.constat.trim().is_empty(),
        });
        s.groups.push(Group::new(id));
    }
    s
}

/// The built-in models, by the name `atelier new --modele` takes.
pub const MODELS: &[&str] = &["eco-parc"];

/// The themes of a built-in model, in the interface's language: `eco-parc` is the guide's list
/// of what an eco-park's démarche typically works on (« Aménagement de parkings communs, Plan
/// de mobilité inter-entreprises, Parc photovoltaïque mutualisé… »), each with a constat to
/// complete for the zone and the kind of expert the guide suggests inviting.
pub fn model(name: &str) -> Option<Vec<Seed>> {
    match name.trim().to_lowercase().as_str() {
        "eco-parc" | "ecoparc" | "éco-parc" => Some(
            [
                "parkings",
                "mobility",
                "solar",
                "surveillance",
                "waste",
                "services",
                "heat",
            ]
            .iter()
            .map(|k| Seed {
                title: rust_i18n::t!(format!("model.eco_parc.{k}.title")).into_owned(),
                constat: rust_i18n::t!(format!("model.eco_parc.{k}.constat")).into_owned(),
                expert: Some(rust_i18n::t!(format!("model.eco_parc.{k}.expert")).into_owned()),
            })
            .collect(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rencontre::Step;

    fn pilot() -> Session {
        ron::from_str(include_str!("../../sessions/exemple-za.ron"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_pilot_gives_its_themes_agenda_and_rencontre_set_up_but_none_of_its_people_or_work() {
        let p = pilot();
        assert!(!p.participants.is_empty() && !p.synergies.is_empty());
        let s = from_pilot(&p, "Éco-parc des Forges", "ZA des Forges");
        assert_eq!(s.title, "Éco-parc des Forges");
        assert_eq!(s.zone.name, "ZA des Forges");
        let titles = |s: &Session| s.themes.iter().map(|t| t.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&s), titles(&p));
        for (a, b) in s.themes.iter().zip(&p.themes) {
            assert_eq!((&a.constat, &a.expert), (&b.constat, &b.expert));
            assert!(
                a.review,
                "{}: a constat of another zone, to review",
                a.title
            );
        }
        assert_eq!(s.groups.len(), s.themes.len());
        assert!(s.groups.iter().all(|g| g.poster.lines.is_empty()
            && g.poster.reactions.is_empty()
            && g.enrolled.is_empty()
            && g.rapporteur.is_none()
            && g.pilot.is_none()
            && g.meetings.is_empty()));
        assert!(s.participants.is_empty() && s.needs.is_empty());
        assert!(s.synergies.is_empty() && s.plenaries.is_empty());
        assert!(s.annual_plenary.is_none());
        assert_eq!(s.workshops.len(), 1);
        let (w, pw) = (&s.workshops[0], &p.workshops[0]);
        assert_eq!((&w.agenda, w.round_count), (&pw.agenda, pw.round_count));
        assert!(w.log.is_empty() && w.rounds.is_empty());
        let r = s
            .rencontres
            .first()
            .expect("the pilot started with a rencontre");
        let pr = &p.rencontres[0];
        assert_eq!((&r.agenda, r.vote), (&pr.agenda, pr.vote));
        assert_eq!(r.phase, Step::Diagnostic);
        assert!(r.cards.is_empty() && r.themes.is_empty() && r.dots.is_empty() && !r.handed_off);
        assert!(
            s.id.is_empty(),
            "a new session gets its own id when created"
        );
    }

    #[test]
    fn the_eco_parc_model_has_the_guides_seven_themes_in_each_language() {
        for lang in [crate::text::Lang::Fr, crate::text::Lang::En] {
            lang.set();
            let seeds = model("eco-parc").unwrap_or_default();
            assert_eq!(seeds.len(), 7);
            for s in &seeds {
                assert!(!s.title.starts_with("model."), "{}", s.title);
                assert!(s.constat.len() > 40 && !s.constat.starts_with("model."));
                assert!(
                    s.expert
                        .as_deref()
                        .is_some_and(|e| !e.starts_with("model."))
                );
            }
        }
        crate::text::Lang::Fr.set();
        assert_eq!(model("Éco-parc").map(|m| m.len()), Some(7));
        assert_eq!(model("zae"), None);
    }

    #[test]
    fn seeds_become_themes_with_groups_and_constats_to_review() {
        let seeds = [
            Seed {
                title: "Parkings communs".into(),
                constat: "À décrire".into(),
                expert: Some("voirie".into()),
            },
            Seed {
                title: "Réseau de chaleur".into(),
                constat: String::new(),
                expert: None,
            },
        ];
        let s = from_seeds(&seeds, "Éco-parc", "ZA");
        assert_eq!(s.themes.len(), 2);
        assert_eq!(s.groups.iter().map(|g| g.theme).collect::<Vec<_>>(), [1, 2]);
        assert!(s.themes[0].review && !s.themes[1].review);
        assert_eq!(s.themes[0].expert.as_deref(), Some("voirie"));
    }
}
