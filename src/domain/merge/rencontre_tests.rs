//! Tests of the merge of the rencontre's cards, candidate themes and dots: several processes
//! (the facilitator and assistants with `atelier join --cartes`) write on one rencontre.

use super::test_proc::Proc;
use super::*;
use crate::domain::op::LineField;
use crate::domain::poster::Status;
use crate::domain::rencontre::{Candidate, Dot};
use crate::domain::rencontre::{CandidateId, CardId, DotId};
use crate::domain::{ActionLine, CardKind, Participant, Rencontre, Role};
use chrono::DateTime;
use std::collections::BTreeMap;

fn at() -> Timestamp {
    DateTime::parse_from_rfc3339("2026-11-05T10:00:00+01:00").unwrap()
}

fn base() -> Session {
    let mut s = Session::new("t", "z");
    s.apply(s.add_theme_op("Mobilité")).unwrap();
    for (id, name, org) in [
        (1, "Anne", "Menuiserie Leroux"),
        (2, "Bruno", "Chevalier Emballages"),
        (3, "Chloé", "Laiterie du Val"),
    ] {
        s.apply(Op::AddParticipant {
            index: 9,
            participant: Participant {
                id,
                name: name.into(),
                organisation: org.into(),
                role: Role::Company,
                email: None,
                choices: Vec::new(),
            },
        })
        .unwrap();
    }
    let mut r = Rencontre::new(1);
    r.themes = vec![
        Candidate {
            id: 1,
            title: "Déchets".into(),
        },
        Candidate {
            id: 2,
            title: "Mobilité".into(),
        },
        Candidate {
            id: 3,
            title: "Énergie".into(),
        },
    ];
    r.cards
        .push(Card::new(1, "Parking saturé le matin", CardKind::Need));
    s.apply(Op::AddRencontre(r)).unwrap();
    s
}

/// A process on `s`, saving at the tests' hour.
fn proc(s: &Session) -> Proc {
    Proc::new_at(s, at())
}

impl Proc {
    fn rencontre(&self) -> &Rencontre {
        self.s.rencontre(1).unwrap()
    }

    /// Writes a card, numbered as this process sees the rencontre.
    fn add_card(&mut self, text: &str) -> CardId {
        let r = self.rencontre();
        let id = r.next_card_id();
        let index = r.cards.len();
        self.edit(Op::AddCard {
            rencontre: 1,
            index,
            card: Card::new(id, text, CardKind::Offer),
        });
        id
    }

    fn add_dot(&mut self, participant: u32, theme: CandidateId) -> DotId {
        let id = self.rencontre().next_dot_id();
        self.edit(Op::AddDot {
            rencontre: 1,
            dot: Dot {
                id,
                participant,
                theme,
            },
        });
        id
    }

    fn update_card(&mut self, id: CardId, change: impl FnOnce(&mut Card)) {
        let mut card = self.rencontre().card(id).unwrap().clone();
        change(&mut card);
        self.edit(Op::UpdateCard { rencontre: 1, card });
    }
}

fn texts(s: &Session) -> Vec<String> {
    let mut t: Vec<String> = s
        .rencontre(1)
        .unwrap()
        .cards
        .iter()
        .map(|c| c.text.clone())
        .collect();
    t.sort();
    t
}

fn card_by_text<'a>(s: &'a Session, text: &str) -> &'a Card {
    s.rencontre(1)
        .unwrap()
        .cards
        .iter()
        .find(|c| c.text == text)
        .unwrap()
}

fn distinct_ids(s: &Session) -> bool {
    let r = s.rencontre(1).unwrap();
    let mut cards: Vec<_> = r.cards.iter().map(|c| c.id).collect();
    let mut dots: Vec<_> = r.dots.iter().map(|d| d.id).collect();
    let mut themes: Vec<_> = r.themes.iter().map(|c| c.id).collect();
    let n = (cards.len(), dots.len(), themes.len());
    cards.sort_unstable();
    cards.dedup();
    dots.sort_unstable();
    dots.dedup();
    themes.sort_unstable();
    themes.dedup();
    n == (cards.len(), dots.len(), themes.len())
}

#[test]
fn cards_added_at_once_with_the_same_ids_are_all_kept_renumbered() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    let a1 = a.add_card("Palettes bois 12 t/an");
    let a2 = a.add_card("Chaleur fatale four 200 kW");
    let b1 = b.add_card("Cartons propres 3 t/mois");
    let b2 = b.add_card("Local vélo partagé");
    assert_eq!((a1, a2), (b1, b2));
    assert_eq!(a.sync(&mut file).dropped, 0);
    let r = b.sync(&mut file);
    assert_eq!((r.applied, r.dropped), (2, 0));
    assert_eq!(
        r.renumbered.cards,
        BTreeMap::from([(b1, a2 + 1), (b2, a2 + 2)])
    );
    assert_eq!(r.renumbered.card(b1), a2 + 1);
    assert!(!r.renumbered.is_empty());
    assert_eq!(
        texts(&file),
        vec![
            "Cartons propres 3 t/mois",
            "Chaleur fatale four 200 kW",
            "Local vélo partagé",
            "Palettes bois 12 t/an",
            "Parking saturé le matin",
        ]
    );
    assert!(distinct_ids(&file));
    // A's cards kept their numbers.
    assert_eq!(card_by_text(&file, "Palettes bois 12 t/an").id, a1);
}

#[test]
fn edits_of_a_renumbered_card_follow_it_and_so_does_undo() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.add_card("Carte de A");
    let id = b.add_card("Carte de B");
    b.update_card(id, |c| c.text = "Carte de B, corrigée".into());
    b.update_card(id, |c| c.theme = Some(1));
    b.edit(Op::MarkSynergy {
        rencontre: 1,
        offer: id,
        need: 1,
        mark: Some(true),
    });
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.dropped, 0);
    let new = r.renumbered.card(id);
    assert_ne!(new, id);
    let a_card = card_by_text(&file, "Carte de A");
    assert_eq!((a_card.id, a_card.theme), (id, None));
    let b_card = card_by_text(&file, "Carte de B, corrigée");
    assert_eq!((b_card.id, b_card.theme), (new, Some(1)));
    assert!(file.rencontre(1).unwrap().accepted(new, 1));
    // B's undo history names the card by its new number: B's undos act on B's card.
    b.undo(); // the synergy
    b.undo(); // the theme
    b.undo(); // the text
    b.sync(&mut file);
    assert_eq!(card_by_text(&file, "Carte de B").theme, None);
    assert!(!file.rencontre(1).unwrap().accepted(new, 1));
    assert_eq!(card_by_text(&file, "Carte de A").id, id);
    b.undo(); // the card itself
    b.sync(&mut file);
    assert_eq!(texts(&file), vec!["Carte de A", "Parking saturé le matin"]);
}

#[test]
fn dots_over_the_limits_are_dropped_and_counted() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    // Two assistants place Anne's dots at the same time (3 a person, 2 on a theme).
    a.add_dot(1, 1);
    a.add_dot(1, 1);
    a.add_dot(1, 2);
    let b1 = b.add_dot(1, 3);
    let b2 = b.add_dot(1, 3);
    // And Bruno's, which fit.
    let b3 = b.add_dot(2, 3);
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!((r.applied, r.dropped), (1, 2));
    let rc = file.rencontre(1).unwrap();
    assert_eq!(rc.dots_of(1), 3);
    assert_eq!(rc.dots_by(1, 3), 0);
    assert_eq!(rc.dots_of(2), 1);
    assert_eq!(rc.dots.len(), 4);
    assert!(distinct_ids(&file));
    assert_eq!(r.renumbered.dot(b1), Renumbering::GONE);
    assert_eq!(r.renumbered.dot(b2), Renumbering::GONE);
    assert_ne!(r.renumbered.dot(b3), Renumbering::GONE);
    // B's undo of a refused dot does not take one of A's dots that has its number.
    assert!(b.h.undo(&mut b.s).is_ok()); // Bruno's dot
    assert!(b.h.undo(&mut b.s).is_err()); // a refused one: nothing to undo
    assert_eq!(b.s.rencontre(1).unwrap().dots_of(1), 3);
    assert_eq!(b.s.rencontre(1).unwrap().dots_of(2), 0);
}

#[test]
fn a_dot_of_one_theme_limit_is_dropped_and_the_others_kept() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.add_dot(3, 1);
    a.add_dot(3, 1);
    b.add_dot(3, 1);
    b.add_dot(3, 2);
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!((r.applied, r.dropped), (1, 1));
    let rc = file.rencontre(1).unwrap();
    assert_eq!((rc.dots_by(3, 1), rc.dots_by(3, 2)), (2, 1));
}

#[test]
fn two_edits_of_one_card_keep_both_fields() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    // The facilitator gathers the card into a theme; an assistant corrects its text.
    a.update_card(1, |c| c.theme = Some(2));
    b.update_card(1, |c| c.text = "Parking saturé de 7 h à 9 h".into());
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.conflicts, 0);
    let c = file.rencontre(1).unwrap().card(1).unwrap();
    assert_eq!(c.text, "Parking saturé de 7 h à 9 h");
    assert_eq!(c.theme, Some(2));
    // The same field changed on both sides: the later wins, counted as a conflict.
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.update_card(1, |c| c.theme = Some(1));
    b.update_card(1, |c| c.theme = Some(3));
    a.sync(&mut file);
    assert_eq!(b.sync(&mut file).conflicts, 1);
    assert_eq!(file.rencontre(1).unwrap().card(1).unwrap().theme, Some(3));
}

#[test]
fn a_card_deleted_elsewhere_while_edited_here_comes_back() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.edit(Op::RemoveCard {
        rencontre: 1,
        card: 1,
    });
    b.update_card(1, |c| c.answer = "Voir avec la mairie".into());
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.restored, 1);
    assert_eq!(
        file.rencontre(1).unwrap().card(1).unwrap().answer,
        "Voir avec la mairie"
    );
    // And a delete does not take an edit it never saw.
    let mut a = proc(&file);
    let mut b = proc(&file);
    b.update_card(1, |c| c.text = "Parking saturé, précisé".into());
    a.edit(Op::RemoveCard {
        rencontre: 1,
        card: 1,
    });
    b.sync(&mut file);
    let r = a.sync(&mut file);
    assert_eq!(r.restored, 1);
    assert_eq!(texts(&file), vec!["Parking saturé, précisé"]);
}

#[test]
fn candidates_added_at_once_are_renumbered_with_their_cards_and_dots() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    for (p, title) in [(&mut a, "Eau pluviale"), (&mut b, "Restauration")] {
        let id = p.rencontre().next_candidate_id();
        p.edit(Op::AddCandidate {
            rencontre: 1,
            index: 9,
            candidate: Candidate {
                id,
                title: title.into(),
            },
        });
        let card = p.add_card(&format!("Carte {title}"));
        p.update_card(card, |c| c.theme = Some(id));
        p.add_dot(2, id);
        p.edit(Op::SetRencontre {
            rencontre: 1,
            field: RencontreField::Retained(Some(vec![id])),
        });
    }
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.dropped, 0);
    assert_eq!(r.renumbered.candidate(4), 5);
    let rc = file.rencontre(1).unwrap();
    assert!(distinct_ids(&file));
    assert_eq!(rc.candidate(4).unwrap().title, "Eau pluviale");
    assert_eq!(rc.candidate(5).unwrap().title, "Restauration");
    assert_eq!(card_by_text(&file, "Carte Eau pluviale").theme, Some(4));
    assert_eq!(card_by_text(&file, "Carte Restauration").theme, Some(5));
    assert_eq!((rc.total(4), rc.total(5)), (1, 1));
    assert_eq!(rc.retained, Some(vec![5]));
}

#[test]
fn a_removed_candidate_leaves_no_card_or_dot_behind() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    let op = a.s.remove_candidate_op(1, 3).unwrap();
    a.edit(op);
    // Meanwhile an assistant gathers a card into it and places a dot on it.
    b.update_card(1, |c| c.theme = Some(3));
    b.add_dot(2, 3);
    b.sync(&mut file);
    a.sync(&mut file);
    let rc = file.rencontre(1).unwrap();
    assert!(rc.candidate(3).is_none());
    assert_eq!(rc.card(1).unwrap().theme, None);
    assert!(rc.dots.is_empty());
}

#[test]
fn a_follow_up_line_and_a_poster_line_written_at_once_get_distinct_ids() {
    let mut file = base();
    let mut a = proc(&file);
    let mut b = proc(&file);
    // A rapporteur writes a poster line; the facilitator gives a problem « hors atelier »
    // its follow-up line: both take the next line number.
    let id = a.s.next_line_id();
    a.edit(Op::AddLine {
        theme: 1,
        index: 0,
        line: ActionLine::new(id, 1),
    });
    let line = b.s.follow_line_for(b.rencontre().card(1).unwrap());
    assert_eq!(line.id, id);
    b.update_card(1, |c| c.follow = Some(line));
    b.edit(Op::SetLine {
        line: id,
        field: LineField::Action("Relancer la mairie".into()),
    });
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.dropped, 0);
    let new = r.renumbered.line(id);
    assert_ne!(new, id);
    let follow = file.rencontre(1).unwrap().card(1).unwrap().follow.clone();
    assert_eq!(
        follow.map(|l| (l.id, l.action)),
        Some((new, "Relancer la mairie".into()))
    );
    assert_eq!(file.line(id).map(|l| l.action.as_str()), Some(""));
    // The other way round: a poster line written after a follow-up line was saved.
    let mut a = proc(&file);
    let mut b = proc(&file);
    let id = a.s.next_line_id();
    let line =
        a.s.follow_line_for(&Card::new(0, "x", CardKind::OutOfScope));
    a.update_card(1, |c| c.follow = Some(ActionLine { id, ..line }));
    b.edit(Op::AddLine {
        theme: 1,
        index: 0,
        line: ActionLine::new(id, 1),
    });
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_ne!(r.renumbered.line(id), id);
    assert_eq!(file.group(1).unwrap().poster.lines.len(), 2);
}

#[test]
fn an_edit_of_a_follow_up_line_from_another_process_is_kept() {
    let mut file = base();
    let mut line = file.follow_line_for(file.rencontre(1).unwrap().card(1).unwrap());
    line.action = "Appeler la mairie".into();
    let id = line.id;
    let mut card = file.rencontre(1).unwrap().card(1).unwrap().clone();
    card.follow = Some(line);
    file.apply(Op::UpdateCard { rencontre: 1, card }).unwrap();
    let mut a = proc(&file);
    let mut b = proc(&file);
    a.edit(Op::SetRencontre {
        rencontre: 1,
        field: RencontreField::Revealed(true),
    });
    b.edit(Op::SetLine {
        line: id,
        field: LineField::Status(Status::Done),
    });
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.dropped, 0);
    assert_eq!(file.line(id).map(|l| l.status), Some(Status::Done));
}

#[test]
fn renumber_covers_the_rencontre_ops() {
    let map = Renumbering {
        cards: BTreeMap::from([(4, 7)]),
        candidates: BTreeMap::from([(2, 5)]),
        dots: BTreeMap::from([(3, 9), (6, Renumbering::GONE)]),
        lines: BTreeMap::from([(12, 14)]),
        ..Renumbering::default()
    };
    let mut card = Card::new(4, "x", CardKind::OutOfScope);
    card.theme = Some(2);
    card.follow = Some(ActionLine::new(12, 0));
    let dot = Dot {
        id: 3,
        participant: 1,
        theme: 2,
    };
    let mut ops = Op::Batch(vec![
        Op::UpdateCard {
            rencontre: 1,
            card: card.clone(),
        },
        Op::RemoveCard {
            rencontre: 1,
            card: 4,
        },
        Op::RemoveCandidate {
            rencontre: 1,
            candidate: 2,
        },
        Op::AddDot { rencontre: 1, dot },
        Op::RemoveDot {
            rencontre: 1,
            dot: 6,
        },
        Op::MarkSynergy {
            rencontre: 1,
            offer: 4,
            need: 1,
            mark: None,
        },
        Op::SetRencontre {
            rencontre: 1,
            field: RencontreField::Retained(Some(vec![1, 2])),
        },
    ]);
    ops.renumber(&map);
    let mut want_card = card;
    want_card.id = 7;
    want_card.theme = Some(5);
    want_card.follow = Some(ActionLine::new(14, 0));
    assert_eq!(
        ops,
        Op::Batch(vec![
            Op::UpdateCard {
                rencontre: 1,
                card: want_card,
            },
            Op::RemoveCard {
                rencontre: 1,
                card: 7,
            },
            Op::RemoveCandidate {
                rencontre: 1,
                candidate: 5,
            },
            Op::AddDot {
                rencontre: 1,
                dot: Dot {
                    id: 9,
                    participant: 1,
                    theme: 5,
                },
            },
            Op::RemoveDot {
                rencontre: 1,
                dot: Renumbering::GONE,
            },
            Op::MarkSynergy {
                rencontre: 1,
                offer: 7,
                need: 1,
                mark: None,
            },
            Op::SetRencontre {
                rencontre: 1,
                field: RencontreField::Retained(Some(vec![1, 5])),
            },
        ])
    );
}
