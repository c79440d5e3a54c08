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
