//! Tests of the merge of the register of synergies: the facilitator and the project lead,
//! in two processes on one file, create synergies and move them at once.

use super::test_proc::Proc;
use super::*;
use crate::domain::History;
use crate::domain::synergy::SynergyId;
use crate::domain::synergy::{Stage, Synergy, SynergyKind};
use chrono::DateTime;

fn at(h: u32) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2027-03-05T{h:02}:00:00+01:00")).unwrap()
}

/// A process on `s`, saving at noon.
fn proc(s: &Session) -> Proc {
    Proc::new_at(s, at(12))
}

impl Proc {
    fn add(&mut self, title: &str) -> SynergyId {
        let id = self.s.next_synergy_id();
        self.edit(Op::AddSynergy {
            index: self.s.synergies.len(),
            synergy: Synergy::new(id, title, SynergyKind::Pooling),
        });
        id
    }

    fn change(&mut self, id: SynergyId, f: impl FnOnce(&mut Synergy)) {
        let mut s = self.s.synergy(id).unwrap().clone();
        f(&mut s);
        self.edit(Op::UpdateSynergy(s));
    }

    fn stage(&mut self, id: SynergyId, stage: Stage, h: u32) {
        let event = self
            .s
            .synergy(id)
            .unwrap()
            .stage_event(stage, "", at(h))
            .unwrap();
        self.edit(Op::AddSynergyEvent { synergy: id, event });
    }
}

fn titles(s: &Session) -> Vec<&str> {
    s.synergies.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn synergies_created_at_once_in_two_processes_are_both_kept_and_renumbered() {
    let mut file = Session::new("t", "z");
    let (mut a, mut b) = (proc(&file), proc(&file));
    let ida = a.add("Chaufferie bois");
    let idb = b.add("Achats groupés");
    assert_eq!(ida, idb);
    a.sync(&mut file);
    let r = b.sync(&mut file);
    let mut both = titles(&file);
    both.sort();
    assert_eq!(both, ["Achats groupés", "Chaufferie bois"]);
    assert_ne!(file.synergies[0].id, file.synergies[1].id);
    // B's undo follows the new number: it takes off B's synergy, not A's.
    let b_id = file
        .synergies
        .iter()
        .find(|s| s.title == "Achats groupés")
        .unwrap()
        .id;
    assert_eq!(r.renumbered.synergy(idb), b_id);
    b.undo();
    b.sync(&mut file);
    assert_eq!(titles(&file), ["Chaufferie bois"]);
}

#[test]
fn a_stage_change_and_a_title_edit_made_at_once_are_both_kept() {
    let mut file = Session::new("t", "z");
    let mut a = proc(&file);
    let id = a.add("Chaufferie");
    a.sync(&mut file);
    let mut b = proc(&file);
    a.stage(id, Stage::Study, 9);
    b.change(id, |s| s.title = "Chaufferie bois mutualisée".into());
    b.edit(Op::AddSynergyEvent {
        synergy: id,
        event: Synergy::pilot_event("Scierie Vallet", "", at(10)),
    });
    a.sync(&mut file);
    let r = b.sync(&mut file);
    assert_eq!(r.conflicts, 0);
    let s = file.synergy(id).unwrap();
    assert_eq!(s.title, "Chaufferie bois mutualisée");
    assert_eq!(s.stage(), Stage::Study);
    assert_eq!(s.pilot(), Some("Scierie Vallet"));
    assert_eq!(s.history.len(), 2);
}

#[test]
fn two_stage_changes_at_once_are_both_in_the_history_and_the_later_is_the_stage() {
    let mut file = Session::new("t", "z");
    let mut a = proc(&file);
    let id = a.add("Eau de process");
    a.sync(&mut file);
    let mut b = proc(&file);
    b.stage(id, Stage::Decision, 11);
    a.stage(id, Stage::Study, 10);
    b.sync(&mut file);
    a.sync(&mut file);
    let s = file.synergy(id).unwrap();
    assert_eq!(s.history.len(), 2);
    assert_eq!(s.stage(), Stage::Decision);
    // An undo here takes off this process's change only.
    a.undo();
    a.sync(&mut file);
    let s = file.synergy(id).unwrap();
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.stage(), Stage::Decision);
}

#[test]
fn a_synergy_deleted_elsewhere_while_moved_here_comes_back() {
    let mut file = Session::new("t", "z");
    let mut a = proc(&file);
    let id = a.add("Covoiturage");
    a.sync(&mut file);
    let mut b = proc(&file);
    b.edit(Op::RemoveSynergy(id));
    a.change(id, |s| s.note = "voir la DREAL".into());
    b.sync(&mut file);
    let r = a.sync(&mut file);
    assert_eq!(r.restored, 1);
    assert_eq!(
        file.synergy(id).map(|s| s.note.as_str()),
        Some("voir la DREAL")
    );
}

proptest::proptest! {
    /// Stage changes made one after the other, then undone one by one: each undo puts back
    /// the stage before, and the history stays in time order throughout.
    #[test]
    fn each_undo_puts_back_the_previous_stage(moves in proptest::collection::vec(0usize..6, 1..15)) {
        let mut s = Session::new("t", "z");
        s.apply(Op::AddSynergy { index: 0, synergy: Synergy::new(1, "x", SynergyKind::Water) })
            .unwrap();
        let mut h = History::default();
        let stage = |s: &Session| s.synergy(1).map(Synergy::stage).unwrap_or_default();
        let mut seen = vec![stage(&s)];
        for (i, k) in moves.into_iter().enumerate() {
            let to = Stage::ALL[k % Stage::ALL.len()];
            let event = s.synergy(1).and_then(|x| x.stage_event(to, "", at(i as u32 + 1)));
            if let Some(event) = event {
                h.apply(&mut s, Op::AddSynergyEvent { synergy: 1, event }).unwrap();
                seen.push(stage(&s));
            }
        }
        while seen.len() > 1 {
            seen.pop();
            h.undo(&mut s).unwrap();
            proptest::prop_assert_eq!(Some(&stage(&s)), seen.last());
            let x = s.synergy(1).unwrap();
            proptest::prop_assert!(x.history.windows(2).all(|w| w[0].at <= w[1].at));
        }
    }
}
