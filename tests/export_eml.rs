//! The e-mail drafts as Thunderbird would read them (parsed back with mail-parser): who they
//! come from and go to, who is in copy, who must be told by other means, and a body that says
//! what is missing instead of printing empty cells.

mod common;

use atelier::domain::{Pilot, PilotKind, Session};
use atelier::export::{self, Format, Options};

fn example() -> Session {
    atelier::text::Lang::Fr.set();
    common::example()
}

fn opts() -> Options {
    common::export_options()
}

fn parse(bytes: &[u8]) -> mail_parser::Message<'_> {
    mail_parser::MessageParser::default().parse(bytes).unwrap()
}

fn addresses(list: Option<&mail_parser::Address>) -> Vec<String> {
    list.map(|a| {
        a.iter()
            .filter_map(|x| x.address().map(str::to_string))
            .collect()
    })
    .unwrap_or_default()
}

fn draft(s: &Session, n: usize) -> Vec<u8> {
    export::render(s, Format::Eml, &opts())
        .into_iter()
        .find(|f| f.name.starts_with(&format!("groupe-{n}-")))
        .unwrap()
        .bytes
}

#[test]
fn from_the_facilitator_to_the_enrolled_with_the_pilot_in_copy() {
    let mut s = example();
    s.groups[0].enrolled = vec![1, 6, 8];
    s.groups[0].pilot = Some(Pilot {
        kind: PilotKind::LocalAuthority,
        name: "Julien Lefèvre".into(),
        contact: Some("j.lefevre@cc-valdorge.example.fr".into()),
    });
    let bytes = draft(&s, 1);
    let m = parse(&bytes);
    assert_eq!(
        addresses(m.from()),
        ["camille.roux@synergies-territoriales.example.fr"]
    );
    assert_eq!(
        addresses(m.to()),
        [
            "c.martin@cc-valdorge.example.fr",
            "francois@menuiserie-leroux.example.fr"
        ]
    );
    assert_eq!(addresses(m.cc()), ["j.lefevre@cc-valdorge.example.fr"]);
    // Karim Benali (6) has no address: named in the body, and said at export.
    let body = m.body_text(0).unwrap();
    assert!(
        body.contains("À transmettre à\u{a0}: Karim Benali (pas d'adresse e-mail connue)."),
        "{body}"
    );
    let notices = export::notices(&s, &[Format::Eml], &opts());
    assert!(
        notices
            .iter()
            .any(|n| n.contains("Groupe 1") && n.contains("Karim Benali")),
        "{notices:?}"
    );
    // No next meeting: the subject does not promise one.
    assert_eq!(
        m.subject(),
        Some("Atelier EIT – Parkings mutualisés\u{a0}: plan d'actions")
    );
}

#[test]
fn with_nobody_enrolled_the_table_and_rapporteur_receive_it() {
    let s = example();
    assert!(s.groups[1].enrolled.is_empty());
    let bytes = draft(&s, 2);
    let m = parse(&bytes);
    let to = addresses(m.to());
    // The rapporteur (Sophie Bérard) and people seated at group 2 in the rounds so far.
    assert!(
        to.contains(&"sophie.berard@transports-rochere.example.fr".to_string()),
        "{to:?}"
    );
    assert!(to.len() >= 3, "{to:?}");
}

#[test]
fn empty_cells_say_what_is_missing() {
    let s = example();
    // Group 4's second line has a solution only.
    let bytes = draft(&s, 4);
    let m = parse(&bytes);
    let body = m.body_text(0).unwrap();
    assert!(
        body.contains(
            "- Filière locale pour les biodéchets (méthanisation\u{a0}?) — action à préciser — \
             responsable à désigner — échéance à fixer — à faire"
        ) || body.contains(
            "- Filière locale pour les biodéchets (méthanisation ?) — action à préciser — \
             responsable à désigner — échéance à fixer — à faire"
        ),
        "{body}"
    );
    assert!(!body.contains("—  —"), "{body}");
}

#[test]
fn actions_without_a_date_are_said_at_export() {
    let mut s = example();
    s.groups[0].poster.lines[0].due = atelier::domain::Due::parse("dès que possible");
    let notices = export::notices(&s, &[Format::Ics], &opts());
    assert_eq!(
        notices,
        // Named by its action, so that it can be found (issue 25, item 17).
        ["1 action sans date précise, absente du calendrier\u{a0}: \
          1. Recenser les places libres par créneau… (dès que possible)."]
    );
}

#[test]
fn a_draft_whose_enrolled_people_have_no_address_goes_to_those_who_wrote_the_plan() {
    let mut s = example();
    // Group 1: only people without an address enrolled; one of them typed a name on two lines.
    let no_address: Vec<u32> = s
        .participants
        .iter()
        .filter(|p| p.email.is_none())
        .map(|p| p.id)
        .collect();
    assert!(!no_address.is_empty());
    if let Some(p) = s.participants.iter_mut().find(|p| p.id == no_address[0]) {
        p.name = "Karim\nBenali".into();
    }
    s.groups[0].enrolled = no_address;
    let bytes = draft(&s, 1);
    let mail = parse(&bytes);
    let rapporteur = s.groups[0]
        .rapporteur
        .and_then(|r| s.participant(r))
        .unwrap();
    let to = addresses(mail.to());
    assert!(to.contains(rapporteur.email.as_ref().unwrap()), "{to:?}");
    // Every line of the message ends in CR LF.
    let bare = bytes
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' && (*i == 0 || bytes[i - 1] != b'\r'))
        .count();
    assert_eq!(bare, 0, "{}", String::from_utf8_lossy(&bytes));
    assert!(mail.body_text(0).unwrap().contains("Karim Benali"));
}

#[test]
fn each_draft_has_its_own_message_id_and_the_sender_is_never_in_copy() {
    let mut s = example();
    let facilitator = s
        .participants
        .iter()
        .find(|p| p.role == atelier::domain::Role::Facilitator && p.email.is_some())
        .cloned()
        .unwrap();
    // The facilitator is also the contact of group 1's pilot.
    s.groups[0].pilot = Some(Pilot {
        name: facilitator.name.clone(),
        kind: PilotKind::Association,
        contact: facilitator.email.clone(),
    });
    let files = export::render(&s, Format::Eml, &opts());
    let ids: Vec<String> = files
        .iter()
        .map(|f| parse(&f.bytes).message_id().unwrap().to_string())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), files.len(), "{ids:?}");
    let bytes = draft(&s, 1);
    let mail = parse(&bytes);
    assert_eq!(addresses(mail.from()), [facilitator.email.clone().unwrap()]);
    assert!(!addresses(mail.cc()).contains(&facilitator.email.unwrap()));
}

/// A time on a day of 2026.
fn on(month: u32, day: u32) -> atelier::domain::Timestamp {
    chrono::DateTime::parse_from_rfc3339(&format!("2026-{month:02}-{day:02}T10:00:00+01:00"))
        .unwrap()
}

#[test]
fn a_progress_update_says_what_changed_since_the_date_and_nothing_older() {
    use atelier::domain::synergy::{Stage, Synergy, SynergyKind};
    use atelier::domain::{Meeting, Status, When};
    let mut s = example();
    s.groups[0].enrolled = vec![1, 6, 8];
    let theme = s.groups[0].theme;
    let since = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let lines = &mut s.groups[0].poster.lines;
    assert!(
        lines.len() >= 3,
        "the example's first poster has three lines"
    );
    // Done after the date; done before it; an open line with a new deadline.
    lines[0].status = Status::Done;
    lines[0].action = "Recenser les places libres".into();
    lines[0].revised_at = Some(on(10, 15));
    lines[1].status = Status::Done;
    lines[1].action = "Action d'avant".into();
    lines[1].revised_at = Some(on(9, 1));
    lines[2].status = Status::Todo;
    lines[2].action = "Signer la convention".into();
    lines[2].due = atelier::domain::Due::parse("15/01/2027");
    lines[2].revised_at = Some(on(11, 2));
    s.groups[0].meetings.push(Meeting {
        date: When::day(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        note: "visite du site".into(),
    });
    let mut syn = Synergy::new(1, "Parking partagé", SynergyKind::Pooling)
        .moved(Stage::Study, "", on(6, 1))
        .moved(Stage::Decision, "", on(10, 20))
        .handed_to("Menuiserie Leroux", "", on(11, 3));
    syn.group = Some(theme);
    s.synergies.push(syn);

    let files = export::progress_drafts(&s, &opts(), since);
    let file = files
        .iter()
        .find(|f| f.name.starts_with("point-etape-1-"))
        .unwrap();
    let m = parse(&file.bytes);
    assert_eq!(
        addresses(m.from()),
        ["camille.roux@synergies-territoriales.example.fr"]
    );
    assert_eq!(
        addresses(m.to()),
        [
            "c.martin@cc-valdorge.example.fr",
            "francois@menuiserie-leroux.example.fr"
        ]
    );
    let subject = m.subject().unwrap();
    assert!(subject.starts_with("Point d'étape"), "{subject}");
    assert!(subject.contains("1 octobre 2026"), "{subject}");
    let body = m.body_text(0).unwrap();
    let section = |title: &str| -> String {
        body.split("\r\n\r\n")
            .chain(body.split("\n\n"))
            .find(|b| b.starts_with(title))
            .unwrap_or_else(|| panic!("no {title} in {body}"))
            .to_string()
    };
    let done = section("Actions terminées");
    assert!(done.contains("Recenser les places libres"), "{done}");
    assert!(!body.contains("Action d'avant"), "{body}");
    let dated = section("Échéances nouvelles ou modifiées");
    assert!(dated.contains("Signer la convention"), "{dated}");
    assert!(dated.contains("15 janv. 2027"), "{dated}");
    let syn = section("Synergies");
    // The move to « Étude » was in June: only October's and the hand-over are told.
    assert!(
        syn.contains("Étude → Décision, le 20 octobre 2026"),
        "{syn}"
    );
    assert!(!syn.contains("Idée → Étude"), "{syn}");
    assert!(syn.contains("pilotage confié à Menuiserie Leroux"), "{syn}");
    let held = section("Réunions tenues");
    assert!(
        held.contains("20 novembre 2026") && held.contains("visite du site"),
        "{held}"
    );
    // No bare LF anywhere in the message.
    let raw = String::from_utf8(file.bytes.clone()).unwrap();
    assert!(!raw.replace("\r\n", "").contains('\n'));
}

#[test]
fn a_group_with_nothing_new_says_so() {
    let s = example();
    let since = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let files = export::progress_drafts(&s, &opts(), since);
    assert_eq!(files.len(), s.themes.len());
    let m = parse(&files[0].bytes);
    let body = m.body_text(0).unwrap();
    assert!(
        body.contains("Aucun changement enregistré depuis cette date."),
        "{body}"
    );
}
