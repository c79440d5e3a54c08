//! The test-support generator of large sessions (`tests/support/sample`): the shape it
//! promises the benchmarks and tests.

#[path = "support/sample/mod.rs"]
#[allow(dead_code)]
mod sample;

mod shape {
    use super::sample::*;
    use atelier::domain::*;

    #[test]
    fn large_session_has_the_promised_shape() {
        let s = session(Size::LARGE, 7);
        assert_eq!(s.participants.len(), 80);
        assert_eq!(s.groups.len(), 12);
        assert!(s.groups.iter().all(|g| g.poster.lines.len() == 200));
        assert_eq!(s.workshops.len(), 3);
        assert!(s.integrity_problems().is_empty());
        // Two finished workshops with every step logged, the third live in round 2.
        let steps = s.steps(&s.workshops[0]).len();
        assert!(s.workshops[0].log.len() >= steps - 1);
        assert_eq!(s.workshops[0].phase, Phase::Closed);
        assert_eq!(s.workshops[2].phase, Phase::Groups { round: 2 });
        // Deterministic.
        assert_eq!(s, session(Size::LARGE, 7));
    }

    /// The example file, as shipped.
    fn example() -> Session {
        ron::from_str(include_str!("../sessions/exemple-za.ron")).unwrap()
    }

    /// What a finished rencontre that led to the example's four themes must be.
    fn check_rencontre(s: &Session) {
        use atelier::domain::rencontre::CardKind;
        use std::collections::BTreeSet;
        assert!(s.integrity_problems().is_empty());
        let r = s.rencontre(1).unwrap();
        assert_eq!(r.phase, Step::Closing);
        assert!(r.handed_off && r.revealed);
        assert!(!r.timer.is_running());
        // Dated a few weeks before workshop 1, its steps logged in order, every person's
        // introduction included.
        let w1 = s.workshop(1).and_then(|w| w.date).unwrap();
        let date = r.date.unwrap();
        assert!(date < w1 && (w1 - date).num_days() <= 42, "{date}");
        assert!(r.log.windows(2).all(|p| p[0].at < p[1].at));
        assert!(r.log.iter().all(|e| e.at.date_naive() == date));
        let logged: Vec<Step> = r.log.iter().map(|e| e.step).collect();
        assert_eq!(logged, s.rencontre_steps());
        // About forty cards of every kind, from at least twelve organisations.
        assert!((38..=44).contains(&r.cards.len()), "{}", r.cards.len());
        for kind in CardKind::ALL {
            assert!(r.cards_of(kind).next().is_some(), "{kind:?}");
        }
        let orgs: BTreeSet<String> = r.cards.iter().filter_map(|c| s.card_org(c)).collect();
        assert!(orgs.len() >= 12, "{orgs:?}");
        assert!(r.cards.iter().all(|c| c.author.is_some()));
        let ids: BTreeSet<_> = r.cards.iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), r.cards.len());
        assert!(r.cards_of(CardKind::Offer).any(|c| c.quantity.is_some()));
        assert!(
            r.cards
                .iter()
                .filter(|c| matches!(c.kind, CardKind::Need | CardKind::Offer))
                .all(|c| c.flow.is_some())
        );
        // Most cards gathered into existing candidate themes.
        let gathered = r.cards.iter().filter(|c| c.theme.is_some()).count();
        assert!(gathered * 4 >= r.cards.len() * 3, "{gathered}");
        assert!(
            r.cards
                .iter()
                .filter_map(|c| c.theme)
                .all(|t| r.candidate(t).is_some())
        );
        // Questions answered; problems « hors atelier » followed up, with an owner and a
        // due, their lines numbered after every poster line and apart.
        let questions: Vec<_> = r.cards_of(CardKind::Question).collect();
        assert!((3..=4).contains(&questions.len()));
        assert!(questions.iter().all(|c| !c.answer.trim().is_empty()));
        let outside: Vec<_> = r.cards_of(CardKind::OutOfScope).collect();
        assert!((1..=2).contains(&outside.len()));
        let poster_max = s
            .groups
            .iter()
            .flat_map(|g| g.poster.lines.iter().map(|l| l.id))
            .max()
            .unwrap_or(0);
        let mut follow_ids = BTreeSet::new();
        for c in &outside {
            let l = c.follow.as_ref().unwrap();
            assert!(l.id > poster_max && follow_ids.insert(l.id));
            assert!(!l.owners.is_empty() && l.due != Due::None && !l.action.is_empty());
        }
        // Synergies: accepted ones name an offer and a need of the same flow.
        assert!(r.synergies.iter().any(|m| m.accepted));
        for m in &r.synergies {
            let (o, n) = (r.card(m.offer).unwrap(), r.card(m.need).unwrap());
            assert_eq!((o.kind, n.kind), (CardKind::Offer, CardKind::Need));
            assert_eq!(o.flow, n.flow);
        }
        // The vote: every dot allowed by the limits when placed, three a voter.
        assert_eq!((r.vote.per_person, r.vote.per_theme), (3, 2));
        let mut replayed = r.clone();
        replayed.dots.clear();
        for d in &r.dots {
            assert_eq!(
                replayed.can_vote(&s.participants, d.participant, d.theme),
                Ok(()),
                "{d:?}"
            );
            replayed.dots.push(*d);
        }
        for p in s.speakers() {
            assert_eq!(r.dots_of(p.id), 3, "{}", p.name);
        }
        // Its top four are the example's themes, in their order; a tie lower down.
        let retained: Vec<&str> = r
            .default_retained()
            .iter()
            .filter_map(|c| r.candidate(*c))
            .map(|c| c.title.as_str())
            .collect();
        let themes: Vec<&str> = s.themes.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(retained, themes);
        assert_eq!(r.retained(), r.default_retained());
        assert!(r.themes.len() > themes.len());
        assert!(r.ranking().iter().skip(themes.len()).any(|x| x.tied));
        // The zone's stakes and steering group.
        assert!((3..=4).contains(&s.zone.stakes.len()));
        assert!((3..=4).contains(&s.zone.steering.len()));
        assert!(s.zone.steering.iter().all(|p| s.participant(*p).is_some()));
    }

    #[test]
    fn the_example_rencontre_led_to_the_four_themes() {
        // The shipped example without its rencontre (and the three companies that came only
        // to it): the function puts back exactly what the file holds.
        let mut before = example();
        before.rencontres.clear();
        before.participants.retain(|p| p.id < 15);
        before.zone.stakes.clear();
        before.zone.steering.clear();
        let mut s = before.clone();
        add_example_rencontre(&mut s);
        check_rencontre(&s);
        // The workshop's content is as it was; the participants only grew.
        assert_eq!(s.themes, before.themes);
        assert_eq!(s.groups, before.groups);
        assert_eq!(s.needs, before.needs);
        assert_eq!(s.workshops, before.workshops);
        assert_eq!(s.annual_plenary, before.annual_plenary);
        assert_eq!(
            s.participants.get(..before.participants.len()),
            Some(&before.participants[..])
        );
        assert_eq!(s.participants.len(), before.participants.len() + 3);
        assert_eq!(s, example());
        // Only once.
        let again = s.clone();
        add_example_rencontre(&mut s);
        assert_eq!(s, again);
    }

    /// Once the example file holds its rencontre, it must hold up too.
    #[test]
    fn the_example_file_rencontre_is_consistent() {
        let s = example();
        if !s.rencontres.is_empty() {
            check_rencontre(&s);
        }
    }
}

mod synergies {
    use super::sample::*;
    use atelier::domain::synergy::Stage;

    #[test]
    fn five_hundred_synergies_and_five_thousand_lines() {
        let s = bilan_session(500, 7);
        assert_eq!(s.synergies.len(), 500);
        let lines: usize = s.groups.iter().map(|g| g.poster.lines.len()).sum();
        assert!(lines >= 5_000, "{lines}");
        let stages: std::collections::BTreeSet<Stage> =
            s.synergies.iter().map(|x| x.stage()).collect();
        assert!(stages.len() >= 5, "{stages:?}");
        assert!(s.synergies.iter().any(|x| !x.lines.is_empty()));
        let units: std::collections::BTreeSet<String> = s
            .synergies
            .iter()
            .flat_map(|x| x.impacts.iter().map(|i| i.amount.unit.symbol().to_string()))
            .collect();
        assert_eq!(units.len(), 7, "{units:?}");
    }
}
