//! One draft e-mail per group (RFC 5322), from the facilitator to its enrolled participants
//! (or, while nobody is enrolled, to the people who sat at its table), the pilot in copy:
//! subject and body with the action plan and the next meeting; people without an address are
//! named in the body, to pass the draft on to them. Headers are RFC 2047-encoded and can never
//! carry a line break from user text, so nothing can be injected.

use base64::Engine;
use rust_i18n::t;

use super::{Options, OutFile, groups, owners, pilot_text, slug};
use crate::domain::{Participant, ParticipantId, Role, Session, ThemeId};
use crate::text;

/// One line of a header, without what a terminal would run (`domain::clean`): the encoded
/// words and the base64 body hide it from the filter every export file goes through.
pub(super) fn one_line(s: &str) -> String {
    crate::domain::clean::for_export(s).replace(['\r', '\n'], " ")
}

/// An RFC 2047 encoded phrase (UTF-8, base64), split into encoded-words of at most 75
/// characters each, separated by folding whitespace.
pub fn encode_words(s: &str) -> String {
    let s = one_line(s);
    if s.is_ascii() && !s.contains("=?") && s.chars().all(|c| !c.is_control()) {
        return s;
    }
    // 12 chars of wrapper (=?UTF-8?B? ?=): at most 45 input bytes → 60 base64 chars.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(chunk);
    }
    words
        .iter()
        .map(|w| {
            format!(
                "=?UTF-8?B?{}?=",
                base64::engine::general_purpose::STANDARD.encode(w.as_bytes())
            )
        })
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// A display name: as is when it is a plain phrase, a quoted string when it holds ASCII
/// specials (a comma would otherwise split the address list), encoded-words when it is not
/// ASCII.
pub fn display_name(name: &str) -> String {
    let n = one_line(name).trim().to_string();
    if !n.is_ascii() || n.contains("=?") || n.chars().any(|c| c.is_control()) {
        return encode_words(&n);
    }
    if n.chars().any(|c| "()<>[]:;@\\,.\"".contains(c)) {
        return format!("\"{}\"", n.replace('\\', "\\\\").replace('"', "\\\""));
    }
    n
}

/// The longest line RFC 5322 allows, CRLF excluded.
const MAX_LINE: usize = 998;

/// The body and its Content-Transfer-Encoding: readable 8bit text, unless a line is longer
/// than RFC 5322 allows, then quoted-printable (RFC 2045 §6.7), lines of at most 76.
fn encode_body(body: &str) -> (&'static str, String) {
    if body.split("\r\n").all(|l| l.len() <= MAX_LINE) {
        return ("8bit", body.to_string());
    }
    let mut out = String::with_capacity(body.len() * 2);
    for l in body.split_terminator("\r\n") {
        let mut width = 0;
        let bytes = l.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let token = match b {
                b' ' | b'\t' if !last => (b as char).to_string(),
                33..=60 | 62..=126 => (b as char).to_string(),
                _ => format!("={b:02X}"),
            };
            // Room for the token and, unless the line ends here, a soft break "=".
            let room = if last { 76 } else { 75 };
            if width + token.len() > room {
                out.push_str("=\r\n");
                width = 0;
            }
            out.push_str(&token);
            width += token.len();
        }
        out.push_str("\r\n");
    }
    ("quoted-printable", out)
}

/// An address is kept only if it cannot break the header.
fn valid_address(a: &str) -> bool {
    let a = a.trim();
    let Some((local, domain)) = a.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !a
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;:\"()[]\\".contains(c))
}

/// « Claire Martin <c.martin@cc.fr> », if the address cannot break a header.
fn mailbox(name: &str, address: &str) -> Option<String> {
    let a = address.trim();
    valid_address(a).then(|| match display_name(name) {
        n if n.is_empty() => format!("<{a}>"),
        n => format!("{n} <{a}>"),
    })
}

/// Who a group's draft goes to: the people enrolled in it, or, while nobody is, the people
/// who sat at its table in any round and its rapporteur (they wrote the plan).
pub(crate) fn recipients(s: &Session, theme: ThemeId) -> Vec<&Participant> {
    let Some(g) = s.group(theme) else {
        return Vec::new();
    };
    if g.enrolled.is_empty() {
        return writers(s, theme);
    }
    people(s, g.enrolled.clone())
}

/// These participants, each once, in this order.
fn people(s: &Session, mut ids: Vec<ParticipantId>) -> Vec<&Participant> {
    let mut seen = Vec::new();
    ids.retain(|id| {
        let new = !seen.contains(id);
        seen.push(*id);
        new
    });
    ids.into_iter().filter_map(|id| s.participant(id)).collect()
}

/// Those who wrote a group's plan: its rapporteur and whoever sat at its tables.
fn writers(s: &Session, theme: ThemeId) -> Vec<&Participant> {
    let mut ids: Vec<ParticipantId> = s
        .group(theme)
        .and_then(|g| g.rapporteur)
        .into_iter()
        .collect();
    for w in &s.workshops {
        for r in &w.rounds {
            ids.extend(w.members(r.number, theme));
        }
    }
    people(s, ids)
}

/// A Message-ID that names the session, the group and the export: unique to this draft, the
/// same for the same export (a client that files drafts by it keeps them apart).
pub(super) fn message_id(s: &Session, n: usize, opts: &Options, kind: &str) -> String {
    let session = crate::store::stable_id(s);
    format!(
        "<atelier.{session}.{kind}-{n}.{}@atelier.invalid>",
        opts.now.timestamp()
    )
}

/// Recipients without a usable address: their names, to pass the draft on to them.
pub(crate) fn unreachable(s: &Session, theme: ThemeId) -> Vec<&str> {
    recipients(s, theme)
        .into_iter()
        .filter(|p| !p.email.as_deref().is_some_and(valid_address))
        .map(|p| p.name.as_str())
        .collect()
}

/// Who a group's draft is from, to and in copy: the facilitator (the first « animateur »
/// with an address); the recipients with an address, or, when none has one, those who
/// wrote the plan (the rapporteur, the tables), who can pass it on, rather than nobody; the
/// pilot in copy when the contact is an address.
pub(super) struct Addresses {
    from: Option<String>,
    to: Vec<String>,
    cc: Option<String>,
}

pub(super) fn addresses(s: &Session, theme: ThemeId) -> Addresses {
    let from = s
        .participants
        .iter()
        .filter(|p| p.role == Role::Facilitator)
        .find_map(|p| mailbox(&p.name, p.email.as_deref()?));
    let addressed = |people: Vec<&Participant>| -> Vec<String> {
        people
            .into_iter()
            .filter_map(|p| mailbox(&p.name, p.email.as_deref()?))
            .collect()
    };
    let mut to = addressed(recipients(s, theme));
    if to.is_empty() {
        to = addressed(writers(s, theme));
    }
    let cc = s
        .group(theme)
        .and_then(|g| g.pilot.as_ref())
        .and_then(|p| mailbox(&p.name, p.contact.as_deref()?))
        .filter(|c| !to.contains(c) && from.as_ref() != Some(c));
    Addresses { from, to, cc }
}

/// A group's draft, `KIND-N-THEME.eml`, to its members, its id made from `kind` (« groupe »,
/// « point-etape »): one file of the e-mail exports.
pub(super) fn group_draft(
    s: &Session,
    n: usize,
    theme: &crate::domain::Theme,
    kind: &str,
    subject: &str,
    body: &Body,
    opts: &Options,
) -> OutFile {
    OutFile {
        name: format!("{kind}-{n}-{}.eml", slug(&theme.title)),
        bytes: draft(
            addresses(s, theme.id),
            subject,
            message_id(s, n, opts, kind),
            body.text(),
            opts,
        ),
    }
}

/// A whole draft: headers (the subject encoded, the Message-ID given) and the body, CR LF
/// lines, cleaned of what a terminal would run, encoded as its lines need.
pub(super) fn draft(
    a: Addresses,
    subject: &str,
    message_id: String,
    body: &str,
    opts: &Options,
) -> Vec<u8> {
    let body = crate::domain::clean::for_export(body);
    let (encoding, body) = encode_body(&body);
    let mut headers = vec![
        format!("Date: {}", opts.now.to_rfc2822()),
        format!("Message-ID: {message_id}"),
        format!("Subject: {}", encode_words(subject)),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=utf-8".to_string(),
        format!("Content-Transfer-Encoding: {encoding}"),
        "X-Unsent: 1".to_string(),
    ];
    if let Some(cc) = a.cc {
        headers.insert(0, format!("Cc: {cc}"));
    }
    if !a.to.is_empty() {
        headers.insert(0, format!("To: {}", a.to.join(",\r\n ")));
    }
    if let Some(from) = &a.from {
        headers.insert(0, format!("From: {from}"));
    }
    let mut mail = headers.join("\r\n");
    mail.push_str("\r\n\r\n");
    mail.push_str(&body);
    mail.into_bytes()
}

/// A body built line by line, every line ended by CR LF whatever a name or a text holds (a
/// bare LF breaks the message's lines for some clients).
#[derive(Default)]
pub(super) struct Body(String);

impl Body {
    pub(super) fn line(&mut self, l: impl AsRef<str>) {
        self.0
            .push_str(&l.as_ref().replace("\r\n", " ").replace(['\r', '\n'], " "));
        self.0.push_str("\r\n");
    }

    pub(super) fn text(&self) -> &str {
        &self.0
    }
}

pub fn render(s: &Session, opts: &Options) -> Vec<OutFile> {
    let mut out = Vec::new();
    for (n, theme, g) in groups(s, opts) {
        let missing = unreachable(s, theme.id);
        let subject = if g.next_meeting.is_some() {
            t!("export.eml.subject", theme = one_line(&theme.title))
        } else {
            t!("export.eml.subject_plan", theme = one_line(&theme.title))
        };
        let mut body = Body::default();
        let mut line = |l: String| body.line(l);
        line(t!("export.eml.hello").into_owned());
        line(String::new());
        line(
            t!(
                "export.eml.intro",
                n = n,
                theme = one_line(&theme.title),
                title = one_line(&s.title)
            )
            .into_owned(),
        );
        if !missing.is_empty() {
            line(String::new());
            line(t!("export.eml.pass_on", names = missing.join(", ")).into_owned());
        }
        line(String::new());
        line(
            crate::text::label(&t!("poster.plan"), "")
                .trim_end()
                .to_string(),
        );
        // Each line says what is missing rather than printing empty cells as dashes.
        let or = |text: String, missing: &str| {
            let text = one_line(text.trim());
            if text.is_empty() {
                t!(missing).into_owned()
            } else {
                text
            }
        };
        for l in g.poster.lines.iter().filter(|l| !l.is_blank()) {
            let parts = [
                one_line(l.solution.trim()),
                or(l.action.clone(), "export.eml.no_action"),
                or(owners(&l.owners), "export.eml.no_owner"),
                or(text::due(&l.due), "export.eml.no_due"),
                t!(l.status.label_key()).into_owned(),
            ];
            let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
            line(format!("- {}", parts.join(" — ")));
        }
        line(String::new());
        if !g.notes.trim().is_empty() {
            line(text::label(&t!("restitution.notes"), &one_line(&g.notes)));
            line(String::new());
        }
        line(text::label(
            &t!("commit.pilot_kind"),
            &one_line(&pilot_text(g.pilot.as_ref())),
        ));
        if !g.next_steps.is_empty() {
            line(text::label(
                &t!("commit.next_steps"),
                &one_line(&g.next_steps),
            ));
        }
        if let Some(d) = g.next_meeting {
            line(text::label(&t!("commit.next_meeting"), &text::when(&d)));
        }
        line(String::new());
        line(t!("export.eml.bye").into_owned());
        out.push(group_draft(s, n, theme, "groupe", &subject, &body, opts));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_are_short_and_carry_no_line_break() {
        let e = encode_words(&"Réunion\r\nBcc: x@y.fr ".repeat(10));
        for w in e.split("\r\n ") {
            assert!(w.len() <= 75, "{w}");
            assert!(!w.contains('\n') && !w.contains('\r'));
        }
        assert_eq!(encode_words("Hello"), "Hello");
    }

    #[test]
    fn display_names_never_split_the_address_list() {
        assert_eq!(display_name("Claire Martin"), "Claire Martin");
        assert_eq!(display_name("Dupont, Jean"), "\"Dupont, Jean\"");
        assert_eq!(display_name("A \"B\" \\ C"), "\"A \\\"B\\\" \\\\ C\"");
        assert!(display_name("Hélène").starts_with("=?UTF-8?B?"));
    }

    #[test]
    fn long_lines_go_quoted_printable() {
        let short = "Bonjour,\r\n";
        assert_eq!(encode_body(short), ("8bit", short.to_string()));
        let long = format!("é={} \r\nfin\r\n", "x".repeat(1200));
        let (enc, body) = encode_body(&long);
        assert_eq!(enc, "quoted-printable");
        assert!(body.starts_with("=C3=A9=3Dxxx"));
        for l in body.split_terminator("\r\n") {
            assert!(l.len() <= 76, "{l}");
        }
        assert!(body.ends_with("=20\r\nfin\r\n"));
    }

    #[test]
    fn addresses_that_could_break_a_header_are_refused() {
        assert!(valid_address("a.b@example.fr"));
        assert!(!valid_address("a@b.fr\r\nBcc: c@d.fr"));
        assert!(!valid_address("x <y@z.fr>"));
        assert!(!valid_address("nobody"));
    }
}
