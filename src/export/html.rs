//! Printable posters: one self-contained HTML page per group (A4 landscape), and an index.

use rust_i18n::t;

use super::{Options, OutFile, groups, owners, pilot_text, slug};
use crate::domain::{Session, Status};
use crate::text;

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "@page { size: A4 landscape; margin: 12mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; color: #000; background: #fff; margin: 0 2em; }
h1 { font-size: 22pt; margin: 0.2em 0; } h2 { font-size: 13pt; color: #333; margin: 0.2em 0 0.8em; }
.constat { font-size: 12pt; border-left: 4px solid #0a3caa; padding-left: 0.6em; }
.reactions li { font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; page-break-inside: auto; }
th, td { border: 1px solid #555; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
th { background: #e1e6ee; } tr { page-break-inside: avoid; }
.done { color: #006e1e; } .abandoned { color: #666; text-decoration: line-through; }
.meta { margin-top: 1em; font-size: 11pt; }
@media print { a { color: #000; text-decoration: none; } }";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

pub fn render(s: &Session, opts: &Options) -> Vec<OutFile> {
    let mut files = Vec::new();
    let mut index = format!(
        "<h1>{}</h1>\n<h2>{}</h2>\n<ul>\n",
        escape(&s.title),
        escape(&s.zone.name)
    );
    for (n, theme, g) in groups(s, opts) {
        let name = format!("poster-{n}-{}.html", slug(&theme.title));
        index.push_str(&format!(
            "<li><a href=\"{name}\">{} {n} — {}</a></li>\n",
            t!("poster.group"),
            escape(&theme.title)
        ));
        let mut b = format!(
            "<h1>{} {n} — {}</h1>\n<h2>{}</h2>\n<p class=\"constat\"><strong>{}</strong> {}</p>\n",
            t!("poster.group"),
            escape(&theme.title),
            escape(&s.title),
            escape(&t!("poster.constat")),
            escape(&theme.constat)
        );
        if !g.poster.reactions.is_empty() {
            b.push_str(&format!(
                "<p><strong>{}</strong></p>\n<ul class=\"reactions\">\n",
                escape(&t!("poster.reactions"))
            ));
            for r in &g.poster.reactions {
                b.push_str(&format!("<li>{}</li>\n", escape(&r.text)));
            }
            b.push_str("</ul>\n");
        }
        b.push_str(&format!(
            "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            t!("poster.col.solution"),
            t!("poster.col.action"),
            t!("poster.col.owners"),
            t!("poster.col.due"),
            t!("poster.col.status")
        ));
        for l in &g.poster.lines {
            let class = match l.status {
                Status::Done => " class=\"done\"",
                Status::Abandoned => " class=\"abandoned\"",
                _ => "",
            };
            b.push_str(&format!(
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&l.solution),
                escape(&l.action),
                escape(&owners(&l.owners)),
                escape(&text::due(&l.due)),
                escape(&t!(l.status.label_key()))
            ));
        }
        b.push_str("</tbody>\n</table>\n");
        if !g.notes.trim().is_empty() {
            b.push_str(&format!(
                "<p class=\"notes\"><strong>{}</strong> {}</p>\n",
                escape(&t!("restitution.notes")),
                escape(&g.notes)
            ));
        }
        b.push_str("<p class=\"meta\">");
        b.push_str(&format!(
            "<strong>{}</strong> {}",
            escape(&t!("commit.pilot_kind")),
            escape(&pilot_text(g.pilot.as_ref()))
        ));
        if !g.next_steps.is_empty() {
            b.push_str(&format!(
                "<br><strong>{}</strong> {}",
                escape(&t!("commit.next_steps")),
                escape(&g.next_steps)
            ));
        }
        if let Some(d) = g.next_meeting {
            b.push_str(&format!(
                "<br><strong>{}</strong> {}",
                escape(&t!("commit.next_meeting")),
                escape(&text::when(&d))
            ));
        }
        b.push_str("</p>\n");
        files.push(OutFile {
            name,
            bytes: page(&format!("{} — {}", theme.title, s.title), &b).into_bytes(),
        });
    }
    index.push_str("</ul>\n");
    files.insert(
        0,
        OutFile {
            name: "index.html".into(),
            bytes: page(&s.title, &index).into_bytes(),
        },
    );
    files
}
