//! The annual plenary run with the keyboard alone, in process: opened from Suivi with its
//! date, its steps and log, the review's decisions on lines and synergies (and their undo),
//! a lead from the room that becomes a catalogue entry, the next plenary's date.

mod common;

use atelier::app::{Mode, Screen, State};
use atelier::domain::plenary::{Item, PlenaryStep, Verdict};
use atelier::domain::synergy::{Amount, EventKind, Impact, Stage, Synergy, SynergyKind};
use atelier::domain::{NeedKind, Op, Phase, Session, Status};
use common::{at, example, press, render, state};

/// The example after its workshops: a group's lines in every status, and three synergies
/// (two of group 1, one of no group) with a pilot, stages and impacts.
pub fn with_synergies() -> Session {
    let mut s = example();
    // No plenary planned yet: `P` proposes today, the last step « pas encore de date ».
    s.annual_plenary = None;
    let now = at("10:00:00");
    let t = s.goto_step(Phase::Closed, now).expect("closed");
    if let Some(op) = t.op {
        s.apply(op).expect("phase");
    }
    let earlier = chrono::DateTime::parse_from_rfc3339("2026-05-12T10:00:00+02:00").expect("t");
    let impact = |a: &str, measured| Impact {
        amount: Amount::parse(a).expect("amount"),
        measured,
        what: String::new(),
        factor: String::new(),
        source: String::new(),
    };
    let mut a = Synergy::new(1, "Bennes de carton partagées", SynergyKind::Pooling);
    a.group = Some(4);
    a.impacts = vec![impact("12 t/an", false), impact("9 t/an", true)];
    let a = a
        .handed_to("Cartonnerie Vidal", "", earlier)
        .moved(Stage::Implementation, "", earlier);
    let mut b = Synergy::new(2, "Palettes vers la menuiserie", SynergyKind::Substitution);
    b.group = Some(4);
    b.impacts = vec![impact("15 k€/an", false)];
    let b = b.moved(Stage::Study, "", earlier);
    let c = Synergy::new(
        3,
        "Chaleur du four vers la blanchisserie",
        SynergyKind::Energy,
    )
    .moved(Stage::Done, "", earlier);
    let d = Synergy::new(4, "Navette vers la gare", SynergyKind::Mobility);
    // These, not the example's register: each case once.
    s.synergies.clear();
    for (i, x) in [a, b, c, d].into_iter().enumerate() {
        s.apply(Op::AddSynergy {
            index: i,
            synergy: x,
        })
        .expect("synergy");
    }
    s
}

fn open_lines(st: &State, theme: u32) -> Vec<u32> {
    st.session
        .group(theme)
        .map(|g| {
            g.poster
                .lines
                .iter()
                .filter(|l| matches!(l.status, Status::Todo | Status::InProgress))
                .map(|l| l.id)
                .collect()
        })
        .unwrap_or_default()
}

fn plenary_state() -> State {
    let mut st = state(with_synergies(), at("14:00:00"));
    press(&mut st, "f");
    assert_eq!(st.mode(), Mode::FollowUp);
    // `P` asks the plenary's date, today's by default; Enter creates it.
    press(&mut st, "P");
    assert_eq!(st.mode(), Mode::Edit);
    press(&mut st, "<Enter>");
    st
}

/// Goes to the review's page of group `theme`.
fn review_page(st: &mut State, theme: u32) {
    press(st, "<PgDn>");
    for _ in 0..10 {
        let page = st
            .plenary
            .as_ref()
            .and_then(|m| m.review_group(&st.session));
        if page == Some(atelier::domain::plenary::ReviewGroup::Theme(theme)) {
            return;
        }
        press(st, "<Right>");
    }
    panic!("no page for group {theme}");
}

#[test]
fn p_in_suivi_creates_the_year_s_plenary_then_reopens_it_and_esc_goes_back() {
    let mut st = plenary_state();
    assert_eq!(st.session.plenaries.len(), 1);
    let p = &st.session.plenaries[0];
    assert_eq!(p.date, at("14:00:00").date_naive());
    assert_eq!(st.screen(), Screen::Plenary(PlenaryStep::Bilan));
    assert_eq!(st.mode(), Mode::PlenaryBilan);
    let screen = render(&st);
    assert!(screen.contains("Bilan de l'année"), "{screen}");
    assert!(
        screen.contains("Depuis le début de la démarche"),
        "{screen}"
    );
    press(&mut st, "<Esc>");
    assert_eq!(st.mode(), Mode::FollowUp);
    // Reopened, not created again; `P` closes it too.
    press(&mut st, "P");
    assert_eq!(st.session.plenaries.len(), 1);
    assert_eq!(st.mode(), Mode::PlenaryBilan);
    press(&mut st, "P");
    assert_eq!(st.mode(), Mode::FollowUp);
}

#[test]
fn a_typed_date_is_read_and_a_wrong_one_refused() {
    let mut st = state(with_synergies(), at("14:00:00"));
    press(&mut st, "fP<C-u>31/02/2027<Enter>");
    assert!(st.session.plenaries.is_empty());
    assert!(st.editor.as_ref().is_some_and(|e| e.error.is_some()));
    press(&mut st, "<C-u>15 janvier 2027<Enter>");
    let p = st.session.current_plenary().expect("created");
    assert_eq!(p.date.to_string(), "2027-01-15");
    // Undone, the plenary goes and its screen closes.
    press(&mut st, "u");
    assert!(st.session.plenaries.is_empty());
    assert_eq!(st.mode(), Mode::FollowUp);
}

#[test]
fn steps_move_with_pgdn_pgup_and_are_logged_with_their_timer() {
    let mut st = plenary_state();
    let workshop_timer = st.session.current_workshop().expect("w").timer.clone();
    press(&mut st, "<PgDn><PgDn><PgDn>");
    assert_eq!(st.mode(), Mode::PlenaryNext);
    press(&mut st, "<PgDn>");
    assert_eq!(st.mode(), Mode::PlenaryNext);
    press(&mut st, "<PgUp>");
    assert_eq!(st.mode(), Mode::PlenaryLeads);
    let p = st.session.current_plenary().expect("plenary");
    let steps: Vec<PlenaryStep> = p.log.iter().map(|l| l.step).collect();
    assert_eq!(
        steps,
        vec![
            PlenaryStep::Review,
            PlenaryStep::Leads,
            PlenaryStep::Next,
            PlenaryStep::Leads
        ]
    );
    assert_eq!(p.timer.planned_secs, 30 * 60);
    press(&mut st, " ++");
    let p = st.session.current_plenary().expect("plenary");
    assert!(p.timer.is_running());
    assert_eq!(p.timer.planned_secs, 32 * 60);
    // The workshop's timer is not touched.
    assert_eq!(
        st.session.current_workshop().expect("w").timer,
        workshop_timer
    );
}

#[test]
fn the_review_decides_lines_and_synergies_in_a_few_keys_and_undo_takes_each_back() {
    let mut st = plenary_state();
    review_page(&mut st, 4);
    assert_eq!(st.mode(), Mode::PlenaryReview);
    let lines = open_lines(&st, 4);
    assert!(lines.len() >= 2, "{lines:?}");
    let before = st.session.clone();
    let (first, second) = (lines[0], lines[1]);
    // d: done; the selection goes on to the next item.
    press(&mut st, "d");
    assert_eq!(st.session.line(first).map(|l| l.status), Some(Status::Done));
    // x: dropped.
    press(&mut st, "x");
    assert_eq!(
        st.session.line(second).map(|l| l.status),
        Some(Status::Abandoned)
    );
    // Then down to the first synergy of the page: h hands its pilot over.
    let items = st
        .plenary
        .as_ref()
        .map(|m| m.review_items(&st.session))
        .expect("items");
    let syn_row = items
        .iter()
        .position(|i| *i == Item::Synergy(1))
        .expect("synergy 1 listed");
    st.plenary.as_mut().expect("model").row = syn_row;
    press(&mut st, "hScierie Morel<Enter>");
    let s1 = st.session.synergy(1).expect("s1");
    assert_eq!(s1.pilot(), Some("Scierie Morel"));
    // The next synergy: x asks why (Enter leaves it empty), c continues.
    press(&mut st, "xtrop loin<Enter>");
    let s2 = st.session.synergy(2).expect("s2");
    assert_eq!(s2.stage(), Stage::Abandoned);
    assert_eq!(s2.abandon_reason(), Some("trop loin"));
    // Back up to the first line: h gives it to new owners (a second decision on an item
    // replaces the first); then c on the second.
    press(&mut st, "<Up><Up><Up><Up><Up><Up>");
    press(&mut st, "hCC (pilote), Vidal<Enter>");
    let owners = &st.session.line(first).expect("line").owners;
    assert_eq!(owners.len(), 2);
    assert_eq!(owners[0].who, "CC");
    press(&mut st, "c");
    // The minutes: one decision an item, with its note.
    let p = st.session.current_plenary().expect("plenary");
    let verdict = |i: Item| p.decision(i).map(|d| (d.verdict, d.note.clone()));
    assert_eq!(
        verdict(Item::Line(first)),
        Some((Verdict::HandedOver, "CC (pilote), Vidal".into()))
    );
    assert_eq!(
        verdict(Item::Line(second)).map(|v| v.0),
        Some(Verdict::Continue)
    );
    assert_eq!(
        verdict(Item::Synergy(1)),
        Some((Verdict::HandedOver, "Scierie Morel".into()))
    );
    assert_eq!(
        verdict(Item::Synergy(2)),
        Some((Verdict::Dropped, "trop loin".into()))
    );
    // Decided items stay on the page, with their decision.
    let screen = render(&st);
    assert!(screen.contains("↻ Poursuivie"), "{screen}");
    assert!(screen.contains("à Scierie Morel"), "{screen}");
    // « Poursuivre » on `second` replaced « abandonnée » and kept its status.
    assert_eq!(
        st.session.line(second).map(|l| l.status),
        Some(Status::Abandoned)
    );
    // Undo takes each decision back with its effect, to the session before the review.
    for _ in 0..6 {
        press(&mut st, "u");
    }
    assert_eq!(st.session.groups, before.groups);
    assert_eq!(st.session.synergies, before.synergies);
    assert!(
        st.session
            .current_plenary()
            .expect("plenary")
            .decisions
            .is_empty()
    );
    // And a pilot hand-over is a pilot event of the synergy.
    press(&mut st, "<C-r><C-r><C-r>");
    let s1 = st.session.synergy(1).expect("s1");
    assert!(matches!(
        s1.history.last().map(|e| &e.what),
        Some(EventKind::Pilot { organisation, .. }) if organisation == "Scierie Morel"
    ));
}

#[test]
fn a_hand_over_with_no_name_is_refused_and_esc_decides_nothing() {
    let mut st = plenary_state();
    review_page(&mut st, 4);
    press(&mut st, "h<Enter>");
    assert!(st.editor.as_ref().is_some_and(|e| e.error.is_some()));
    press(&mut st, "<Esc>");
    assert!(st.editor.is_none());
    let p = st.session.current_plenary().expect("plenary");
    assert!(p.decisions.is_empty());
}

#[test]
fn a_lead_from_the_room_becomes_a_catalogue_entry() {
    let mut st = plenary_state();
    press(&mut st, "<PgDn><PgDn>");
    assert_eq!(st.mode(), Mode::PlenaryLeads);
    let n = st.session.needs.len();
    press(&mut st, "aVapeur basse pression disponible<Enter>");
    assert_eq!(st.session.needs.len(), n + 1);
    let need = st.session.needs.last().expect("need").clone();
    assert_eq!(need.text, "Vapeur basse pression disponible");
    assert_eq!(need.kind, NeedKind::Lead);
    // k: its kind; t: its theme.
    press(&mut st, "kt");
    let need = st.session.needs.last().expect("need").clone();
    assert_eq!(need.kind, NeedKind::Need);
    assert_eq!(need.theme, st.session.themes.first().map(|t| t.id));
    let p = st.session.current_plenary().expect("plenary");
    assert_eq!(p.leads, vec![need.id]);
    let screen = render(&st);
    assert!(screen.contains("Vapeur basse pression"), "{screen}");
    assert!(screen.contains("1 besoin"), "{screen}");
    // d takes it away, from the catalogue too; undo brings it back.
    press(&mut st, "d");
    assert_eq!(st.session.needs.len(), n);
    press(&mut st, "u");
    assert_eq!(st.session.needs.len(), n + 1);
}

#[test]
fn the_next_plenary_s_date_is_set_from_its_step() {
    let mut st = plenary_state();
    press(&mut st, "<PgDn><PgDn><PgDn>");
    assert_eq!(st.mode(), Mode::PlenaryNext);
    assert!(render(&st).contains("Pas encore de date"));
    // Enter proposes the same day a year on; typing replaces it.
    press(&mut st, "<Enter>");
    assert_eq!(
        st.editor.as_ref().map(|e| e.text()),
        Some("03/12/2027".to_string())
    );
    press(&mut st, "<C-u>9 décembre 2027 18h<Enter>");
    let next = st.session.annual_plenary.expect("set");
    assert_eq!(next.date.to_string(), "2027-12-09");
    let screen = render(&st);
    assert!(!screen.contains("Pas encore de date"), "{screen}");
}

#[test]
fn the_plenary_is_the_facilitator_s() {
    let st = plenary_state();
    for b in atelier::app::keymap::bindings()
        .iter()
        .filter(|b| b.mode == Mode::PlenaryReview)
    {
        assert_eq!(
            b.who,
            atelier::app::keymap::Who::Facilitator,
            "{:?}",
            b.action
        );
    }
    drop(st);
}
