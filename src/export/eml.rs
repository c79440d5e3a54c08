//! One draft e-mail per group (RFC 5322), to its enrolled participants: French subject and
//! body with the action plan and the next meeting. Headers are RFC 2047-encoded and can never
//! carry a line break from user text, so nothing can be injected.

use base64::Engine;
use rust_i18n::t;

use super::{Options, OutFile, groups, owners, pilot_text, slug};
use crate::domain::Session;
use crate::text;

/// Header text on one line: CR and LF become spaces.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
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

pub fn render(s: &Session, opts: &Options) -> Vec<OutFile> {
    let mut out = Vec::new();
    for (n, theme, g) in groups(s, opts) {
        let to: Vec<String> = g
            .enrolled
            .iter()
            .filter_map(|id| s.participant(*id))
            .filter_map(|p| {
                let a = p.email.as_deref()?.trim();
                valid_address(a).then(|| format!("{} <{a}>", encode_words(&p.name)))
            })
            .collect();
        let subject = t!("export.eml.subject", theme = one_line(&theme.title));
        let mut body = String::new();
        let mut line = |l: String| {
            body.push_str(&l);
            body.push_str("\r\n");
        };
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
        line(String::new());
        line(format!("{} :", t!("poster.plan")));
        for l in &g.poster.lines {
            let due = text::due(&l.due);
            line(format!(
                "- {} — {} — {} — {} — {}",
                one_line(&l.solution),
                one_line(&l.action),
                one_line(&owners(&l.owners)),
                if due.is_empty() {
                    "—".into()
                } else {
                    one_line(&due)
                },
                t!(l.status.label_key())
            ));
        }
        line(String::new());
        line(format!(
            "{} : {}",
            t!("commit.pilot_kind"),
            one_line(&pilot_text(g.pilot.as_ref()))
        ));
        if !g.next_steps.is_empty() {
            line(format!(
                "{} : {}",
                t!("commit.next_steps"),
                one_line(&g.next_steps)
            ));
        }
        if let Some(d) = g.next_meeting {
            line(format!(
                "{} : {}",
                t!("commit.next_meeting"),
                text::long_date(d)
            ));
        }
        line(String::new());
        line(t!("export.eml.bye").into_owned());
        let mut headers = vec![
            format!("Date: {}", opts.now.to_rfc2822()),
            format!("Subject: {}", encode_words(&subject)),
            "MIME-Version: 1.0".to_string(),
            "Content-Type: text/plain; charset=utf-8".to_string(),
            "Content-Transfer-Encoding: 8bit".to_string(),
            "X-Unsent: 1".to_string(),
        ];
        if !to.is_empty() {
            headers.insert(0, format!("To: {}", to.join(",\r\n ")));
        }
        let mut mail = headers.join("\r\n");
        mail.push_str("\r\n\r\n");
        mail.push_str(&body);
        out.push(OutFile {
            name: format!("groupe-{n}-{}.eml", slug(&theme.title)),
            bytes: mail.into_bytes(),
        });
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
    fn addresses_that_could_break_a_header_are_refused() {
        assert!(valid_address("a.b@example.fr"));
        assert!(!valid_address("a@b.fr\r\nBcc: c@d.fr"));
        assert!(!valid_address("x <y@z.fr>"));
        assert!(!valid_address("nobody"));
    }
}
