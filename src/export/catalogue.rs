//! The catalogue des besoins et pistes d'opportunités: what the rencontres inter-entreprises
//! gathered on their wall, in three formats: a section of the compte rendu (one a rencontre),
//! `catalogue.csv` (one row a card) and `catalogue.html` (A4 portrait, to print).
//!
//! A [`Part`] is read once from each rencontre that has cards, and the three formats walk it,
//! so they say the same thing. Every card is in it once: needs, offers and leads under their
//! candidate theme (themes in vote order, then the cards not gathered into one), questions
//! with their answers, problems « hors atelier » with their follow-up line (owner, due,
//! status). Then the vote's results and the synergy leads (an offer meeting a need of the same
//! flow), accepted ones first.
//!
//! A session without a rencontre, or exported for one group only (`--group`), has no
//! catalogue: no section, no file.

use rust_i18n::t;

use super::{Options, OutFile, csv_out, html, md::inline, owners};
use crate::domain::Session;
use crate::domain::poster::ActionLine;
use crate::domain::rencontre::{Candidate, CandidateId, Card, CardKind, Rencontre};
use crate::text::{self, Lang};

/// The kinds listed under a theme; questions and problems have lists of their own.
const THEMED: [CardKind; 3] = [CardKind::Need, CardKind::Offer, CardKind::Lead];

/// A candidate theme and what it gathered.
struct Theme<'a> {
    candidate: &'a Candidate,
    dots: u32,
    rank: u32,
    tied: bool,
    retained: bool,
    /// Its needs, offers and leads, in the order they were written.
    cards: Vec<&'a Card>,
}

/// An offer meeting a need, accepted by the room.
struct Lead<'a> {
    offer: &'a Card,
    need: &'a Card,
}

/// One rencontre's catalogue.
struct Part<'a> {
    r: &'a Rencontre,
    /// « Rencontre 2 » when the session has two rencontres with cards.
    name: Option<String>,
    /// Dots were placed: the totals and ranks mean something.
    voted: bool,
    themes: Vec<Theme<'a>>,
    /// Needs, offers and leads gathered into no (existing) theme.
    loose: Vec<&'a Card>,
    questions: Vec<&'a Card>,
    outside: Vec<&'a Card>,
    /// The synergy leads the room accepted.
    leads: Vec<Lead<'a>>,
    /// How many leads the wall suggests that nobody reviewed: counted, never listed (they
    /// are the tool's guesses, not what the room said).
    unreviewed: usize,
}

/// The catalogue of every rencontre with cards, by number; empty when there is none or the
/// export is for one group.
fn parts<'a>(s: &'a Session, opts: &Options) -> Vec<Part<'a>> {
    if opts.group.is_some() {
        return Vec::new();
    }
    let mut rs: Vec<&Rencontre> = s
        .rencontres
        .iter()
        .filter(|r| !r.cards.is_empty())
        .collect();
    rs.sort_by_key(|r| r.number);
    let several = rs.len() > 1;
    rs.into_iter()
        .map(|r| part(s, r, several.then(|| rencontre_name(r.number))))
        .collect()
}

fn rencontre_name(n: u32) -> String {
    t!("export.catalogue.rencontre", n = n).into_owned()
}

fn part<'a>(s: &'a Session, r: &'a Rencontre, name: Option<String>) -> Part<'a> {
    let voted = !r.dots.is_empty();
    // Without a dot, the default « top of the vote » would be every theme: only a choice
    // made by hand counts then.
    let retained: Vec<CandidateId> = if voted || r.retained.is_some() {
        r.retained()
    } else {
        Vec::new()
    };
    let themes: Vec<Theme> = r
        .ranking()
        .into_iter()
        .filter_map(|x| {
            let candidate = r.candidate(x.theme)?;
            Some(Theme {
                candidate,
                dots: x.dots,
                rank: x.rank,
                tied: x.tied,
                retained: retained.contains(&x.theme),
                cards: r
                    .cards_in(Some(x.theme))
                    .filter(|c| THEMED.contains(&c.kind))
                    .collect(),
            })
        })
        .collect();
    let loose = r
        .cards
        .iter()
        .filter(|c| THEMED.contains(&c.kind) && gathered(r, c).is_none())
        .collect();
    Part {
        r,
        name,
        voted,
        themes,
        loose,
        questions: r.cards_of(CardKind::Question).collect(),
        outside: r.cards_of(CardKind::OutOfScope).collect(),
        leads: leads(s, r),
        unreviewed: r
            .synergy_leads(&s.participants)
            .iter()
            .filter(|l| !r.accepted(l.offer, l.need))
            .count(),
    }
}

/// The candidate theme a card was gathered into, if it still exists.
fn gathered<'a>(r: &'a Rencontre, c: &Card) -> Option<&'a Candidate> {
    c.theme.and_then(|id| r.candidate(id))
}

/// The accepted leads: those the wall still proposes (most shared words first), then those
/// whose cards changed since. Dismissed ones and the ones nobody decided on are left out.
fn leads<'a>(s: &Session, r: &'a Rencontre) -> Vec<Lead<'a>> {
    let proposed = r.synergy_leads(&s.participants);
    let accepted = proposed
        .iter()
        .filter(|l| r.accepted(l.offer, l.need))
        .map(|l| (l.offer, l.need))
        .chain(
            r.synergies
                .iter()
                .filter(|m| m.accepted)
                .map(|m| (m.offer, m.need)),
        );
    let mut out: Vec<Lead> = Vec::new();
    for (offer, need) in accepted {
        if out.iter().any(|l| l.offer.id == offer && l.need.id == need) {
            continue;
        }
        if let (Some(o), Some(n)) = (r.card(offer), r.card(need)) {
            out.push(Lead { offer: o, need: n });
        }
    }
    out
}

/// The name and the organisation of who raised a card (empty when unknown).
fn author(s: &Session, c: &Card) -> (String, String) {
    c.author
        .and_then(|id| s.participant(id))
        .map(|p| (p.name.trim().to_string(), p.organisation.trim().to_string()))
        .unwrap_or_default()
}

/// « Anne Leroux (Menuiserie Leroux) », « Anne Leroux », or empty.
fn raised_by(s: &Session, c: &Card) -> String {
    let (name, org) = author(s, c);
    crate::domain::with_aside(&name, &org)
}

fn flow(c: &Card) -> String {
    c.flow
        .map(|f| t!(f.label_key()).into_owned())
        .unwrap_or_default()
}

fn decimal_comma() -> bool {
    Lang::current() == Lang::Fr
}

fn quantity(c: &Card) -> String {
    c.quantity
        .as_ref()
        .map(|q| q.to_text(decimal_comma()))
        .unwrap_or_default()
}

/// The offer's or need's text with its organisation, for the synergy leads.
fn with_org(s: &Session, c: &Card) -> String {
    s.card_with_org(c)
}

/// « 7 gommettes · rang 1 (ex æquo) · retenu »: what the vote said of a theme.
fn result(part: &Part, t: &Theme) -> String {
    let mut bits = Vec::new();
    if part.voted {
        bits.push(text::count(t.dots as usize, "export.catalogue.dots"));
        bits.push(rank(t));
    }
    if t.retained {
        bits.push(t!("export.catalogue.retained").into_owned());
    }
    bits.join(" · ")
}

/// « rang 1 », « rang 1 (ex æquo) ».
fn rank(t: &Theme) -> String {
    t!("export.catalogue.rank", n = rank_cell(t)).into_owned()
}

/// « 1 », « 1 (ex æquo) »: the rank in the vote's table.
fn rank_cell(t: &Theme) -> String {
    if t.tied {
        format!("{} ({})", t.rank, t!("export.catalogue.tied"))
    } else {
        t.rank.to_string()
    }
}

/// The titles of the themes retained without a vote (chosen by hand at the Clôture).
fn retained_by_hand<'a>(p: &Part<'a>) -> Vec<&'a str> {
    p.themes
        .iter()
        .filter(|t| t.retained)
        .map(|t| t.candidate.title.as_str())
        .collect()
}

/// « Rencontre inter-entreprises du 14 janvier 2027 · 12 cartes ».
fn summary(p: &Part) -> String {
    let mut bits = Vec::new();
    if let Some(d) = p.r.date {
        bits.push(t!("export.catalogue.held", date = text::long_date(d)).into_owned());
    }
    bits.push(text::count(p.r.cards.len(), "export.catalogue.cards"));
    bits.join(" · ")
}

/// « 3 pistes suggérées automatiquement … n'ont pas été examinées en séance ».
fn unreviewed(n: usize) -> String {
    text::count(n, "export.catalogue.unreviewed")
}

fn title() -> String {
    t!("export.catalogue.title").into_owned()
}

/// A follow-up line's owners, due and status (empty strings when the card has none).
fn follow(l: Option<&ActionLine>) -> (String, String, String) {
    match l {
        Some(l) => (
            owners(&l.owners),
            text::due(&l.due),
            t!(l.status.label_key()).into_owned(),
        ),
        None => Default::default(),
    }
}

/// Kinds with cards among `cards`, in the wall's order, with their cards.
fn by_kind<'a>(cards: &[&'a Card]) -> Vec<(CardKind, Vec<&'a Card>)> {
    THEMED
        .iter()
        .map(|&k| (k, cards.iter().copied().filter(|c| c.kind == k).collect()))
        .filter(|(_, v): &(CardKind, Vec<&Card>)| !v.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------
// Markdown

/// A cell or a value: the typed text escaped, « — » when there is nothing.
fn md_or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        inline(s)
    }
}

/// « - Palettes bois — Anne Leroux (Menuiserie Leroux) · matières / déchets · 12 t/an ».
fn md_card(s: &Session, c: &Card) -> String {
    let details: Vec<String> = [raised_by(s, c), flow(c), quantity(c)]
        .iter()
        .filter(|x| !x.trim().is_empty())
        .map(|x| inline(x))
        .collect();
    if details.is_empty() {
        format!("- {}", md_or_dash(&c.text))
    } else {
        format!("- {} — {}", md_or_dash(&c.text), details.join(" · "))
    }
}

/// The compte rendu's catalogue: one section a rencontre with cards, each line without its
/// end of line, starting with a blank line; nothing when there is no catalogue.
pub(super) fn markdown(s: &Session, opts: &Options) -> Vec<String> {
    let mut o = Vec::new();
    for p in parts(s, opts) {
        let mut line = |l: String| o.push(l);
        line(String::new());
        match &p.name {
            Some(n) => line(format!("## {} — {}", title(), n)),
            None => line(format!("## {}", title())),
        }
        line(String::new());
        line(summary(&p));
        for th in &p.themes {
            line(String::new());
            line(format!("### {}", md_or_dash(&th.candidate.title)));
            let result = result(&p, th);
            if !result.is_empty() {
                line(String::new());
                line(result);
            }
            if th.cards.is_empty() {
                line(String::new());
                line(t!("export.catalogue.no_cards").into_owned());
            }
            for (kind, cards) in by_kind(&th.cards) {
                line(String::new());
                line(format!("#### {}", t!(kind.heading_key())));
                line(String::new());
                for c in cards {
                    line(md_card(s, c));
                }
            }
        }
        if !p.loose.is_empty() {
            line(String::new());
            line(format!("### {}", t!("export.catalogue.not_gathered")));
            for (kind, cards) in by_kind(&p.loose) {
                line(String::new());
                line(format!("#### {}", t!(kind.heading_key())));
                line(String::new());
                for c in cards {
                    line(md_card(s, c));
                }
            }
        }
        if !p.themes.is_empty() {
            line(String::new());
            line(format!("### {}", t!("export.catalogue.votes")));
            line(String::new());
            if p.voted {
                line(format!(
                    "| {} | {} | {} | {} |",
                    t!("export.catalogue.col.rank"),
                    t!("export.catalogue.col.theme"),
                    t!("export.catalogue.col.dots"),
                    t!("export.catalogue.col.retained")
                ));
                line("|---|---|---:|---|".into());
                for th in &p.themes {
                    line(format!(
                        "| {} | {} | {} | {} |",
                        rank_cell(th),
                        md_or_dash(&th.candidate.title),
                        th.dots,
                        if th.retained {
                            t!("export.catalogue.retained").into_owned()
                        } else {
                            String::new()
                        }
                    ));
                }
            } else {
                line(t!("export.catalogue.no_dots").into_owned());
                let retained: Vec<String> =
                    retained_by_hand(&p).iter().map(|t| md_or_dash(t)).collect();
                if !retained.is_empty() {
                    line(String::new());
                    line(text::label(
                        &t!("export.catalogue.retained_themes"),
                        &retained.join(", "),
                    ));
                }
            }
        }
        if !p.questions.is_empty() {
            line(String::new());
            line(format!("### {}", t!("export.catalogue.questions")));
            line(String::new());
            for c in &p.questions {
                let answer = if c.answer.trim().is_empty() {
                    t!("export.catalogue.no_answer").into_owned()
                } else {
                    format!(
                        "**{}** {}",
                        t!("export.catalogue.answer"),
                        inline(&c.answer)
                    )
                };
                let who = raised_by(s, c);
                let who = if who.is_empty() {
                    String::new()
                } else {
                    format!("{} · ", inline(&who))
                };
                line(format!("- {} — {who}{answer}", md_or_dash(&c.text)));
            }
        }
        if !p.outside.is_empty() {
            line(String::new());
            line(format!("### {}", t!("export.catalogue.outside")));
            line(String::new());
            line(format!(
                "| {} | {} | {} | {} | {} |",
                t!("export.catalogue.col.problem"),
                t!("export.catalogue.col.author"),
                t!("export.catalogue.col.owner"),
                t!("export.catalogue.col.due"),
                t!("export.catalogue.col.status")
            ));
            line("|---|---|---|---|---|".into());
            for c in &p.outside {
                let (owner, due, status) = follow(c.follow.as_ref());
                line(format!(
                    "| {} | {} | {} | {} | {} |",
                    md_or_dash(&c.text),
                    md_or_dash(&raised_by(s, c)),
                    md_or_dash(&owner),
                    md_or_dash(&due),
                    md_or_dash(&status)
                ));
            }
        }
        if !p.leads.is_empty() || p.unreviewed > 0 {
            line(String::new());
            line(format!("### {}", t!("export.catalogue.leads")));
            line(String::new());
            for l in &p.leads {
                let mut item = format!(
                    "- {} → {}",
                    md_or_dash(&with_org(s, l.offer)),
                    md_or_dash(&with_org(s, l.need))
                );
                let f = flow(l.offer);
                if !f.is_empty() {
                    item.push_str(&format!(" · {}", inline(&f)));
                }
                item.push_str(&format!(" — **{}**", t!("export.catalogue.accepted")));
                line(item);
            }
            if p.unreviewed > 0 {
                if !p.leads.is_empty() {
                    line(String::new());
                }
                line(unreviewed(p.unreviewed));
            }
        }
    }
    o
}

// ---------------------------------------------------------------------------------------
// CSV

/// `catalogue.csv`: one row a card, in the catalogue's order; `None` without a catalogue.
/// Amounts take a decimal comma with the French `;` separator.
pub(super) fn csv(s: &Session, opts: &Options) -> Option<OutFile> {
    let parts = parts(s, opts);
    if parts.is_empty() {
        return None;
    }
    let comma = opts.delimiter == b';';
    let header: Vec<String> = [
        t!("export.catalogue.csv.rencontre"),
        t!("export.catalogue.csv.theme"),
        t!("export.catalogue.csv.kind"),
        t!("export.catalogue.csv.text"),
        t!("export.catalogue.csv.author"),
        t!("export.catalogue.csv.organisation"),
        t!("export.catalogue.csv.flow"),
        t!("export.catalogue.csv.amount"),
        t!("export.catalogue.csv.unit"),
        t!("export.catalogue.csv.dots"),
        t!("export.catalogue.csv.answer"),
        t!("export.catalogue.csv.owner"),
        t!("export.catalogue.csv.due"),
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let mut rows = vec![header];
    for p in &parts {
        let themed = p
            .themes
            .iter()
            .flat_map(|th| by_kind(&th.cards).into_iter().flat_map(|(_, v)| v));
        let loose = by_kind(&p.loose).into_iter().flat_map(|(_, v)| v);
        let others = p.questions.iter().chain(&p.outside).copied();
        for c in themed.chain(loose).chain(others) {
            let (name, org) = author(s, c);
            let theme = gathered(p.r, c);
            let dots = match theme {
                Some(t) if p.voted => p.r.total(t.id).to_string(),
                _ => String::new(),
            };
            let (amount, unit) = match &c.quantity {
                // Ungrouped, so that the spreadsheet reads a number.
                Some(q) => (q.amount_text(comma, false), q.unit.clone()),
                None => Default::default(),
            };
            let (owner, due, _) = follow(c.follow.as_ref());
            rows.push(vec![
                p.r.number.to_string(),
                theme.map(|t| t.title.clone()).unwrap_or_default(),
                t!(c.kind.label_key()).into_owned(),
                c.text.clone(),
                name,
                org,
                flow(c),
                amount,
                unit,
                dots,
                c.answer.clone(),
                owner,
                due,
            ]);
        }
    }
    Some(csv_out::file("catalogue.csv", rows, opts))
}

// ---------------------------------------------------------------------------------------
// HTML

/// On screen, 11 pt; printed, a compact 8 pt on 10 mm margins, so that the example's 41 cards
/// fit on two A4 pages (`chromium --headless --print-to-pdf`, counted with `pdfinfo`). No
/// forced page break: a second rencontre follows the first.
const STYLE: &str = "@page { size: A4; margin: 10mm 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.35; color: #000; background: #fff; margin: 0; }
h1 { font-size: 20pt; line-height: 1.15; margin: 0 0 0.15em; color: #0a3caa; }
p.session { font-size: 12pt; color: #333; margin: 0 0 1em; }
h2 { font-size: 16pt; margin: 0.6em 0 0.3em; break-after: avoid; }
h3 { font-size: 13pt; margin: 0.6em 0 0.3em; break-after: avoid; border-bottom: 2pt solid #0a3caa; }
p.summary { margin: 0 0 0.9em; color: #333; }
p.empty { font-style: italic; margin: 0 0 1.2em; }
table { table-layout: fixed; width: 100%; border-collapse: collapse; margin: 0 0 1.2em; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.6pt solid #555; padding: 0.22em 0.4em; vertical-align: top; text-align: left; overflow-wrap: anywhere; word-break: break-word; }
thead tr.title th { border: none; border-bottom: 2pt solid #0a3caa; padding: 0.3em 0 0.25em; font-size: 13pt; }
thead tr.title .result { font-weight: normal; font-size: 10pt; color: #333; margin-left: 0.6em; }
thead tr.heads th { background: #dde4ef; font-size: 10pt; }
tbody tr.kind th { background: #eef0f3; font-size: 10.5pt; }
tr.kind { break-after: avoid; }
td.empty { font-style: italic; color: #444; }
td.text { white-space: pre-line; }
td.num { text-align: right; }
tr.retained td { font-weight: bold; }
.accepted { font-weight: bold; color: #005a18; }
@media screen { body { background: #e8e8e8; } main { background: #fff; max-width: 210mm; margin: 1em auto; padding: 14mm 13mm; } }
@media print {
body { font-size: 8pt; line-height: 1.2; }
h1 { font-size: 13pt; margin: 0 0 0.1em; }
p.session { font-size: 8pt; margin: 0 0 0.4em; }
p.summary, p.empty { margin: 0 0 0.4em; }
h2 { font-size: 11pt; margin: 0.4em 0 0.2em; }
h3 { font-size: 9.5pt; margin: 0.4em 0 0.2em; border-bottom-width: 1pt; }
table { margin: 0 0 0.5em; }
th, td { padding: 0.08em 0.3em; border-width: 0.4pt; }
thead tr.title th { font-size: 9pt; padding: 0.15em 0 0.1em; border-bottom-width: 1pt; }
thead tr.title .result { font-size: 7.5pt; }
thead tr.heads th, tbody tr.kind th { font-size: 7pt; padding: 0.05em 0.3em; }
}";

/// A table whose `<thead>` (its title and its column headers) the browser repeats on every
/// printed page it runs onto. `widths` in percent.
fn table_head(title: &str, result: &str, heads: &[String], widths: &[u32]) -> String {
    let mut b = String::from("<table>\n<colgroup>");
    for w in widths {
        b.push_str(&format!("<col style=\"width: {w}%\">"));
    }
    let result = if result.is_empty() {
        String::new()
    } else {
        format!(" <span class=\"result\">{}</span>", html::escape(result))
    };
    b.push_str(&format!(
        "</colgroup>\n<thead>\n<tr class=\"title\"><th colspan=\"{}\">{}{result}</th></tr>\n<tr class=\"heads\">",
        heads.len(),
        html::escape(title)
    ));
    for h in heads {
        b.push_str(&format!("<th>{}</th>", html::escape(h)));
    }
    b.push_str("</tr>\n</thead>\n");
    b
}

fn row(cells: &[(&str, &str)]) -> String {
    let mut b = String::from("<tr>");
    for (class, text) in cells {
        if class.is_empty() {
            b.push_str(&format!("<td>{}</td>", html::escape(text)));
        } else {
            b.push_str(&format!(
                "<td class=\"{class}\">{}</td>",
                html::escape(text)
            ));
        }
    }
    b.push_str("</tr>\n");
    b
}

/// The cards of a theme (or those gathered into none), a `<tbody>` a kind.
fn html_cards(s: &Session, title: &str, result: &str, cards: &[&Card]) -> String {
    let heads = [
        t!("export.catalogue.col.card").into_owned(),
        t!("export.catalogue.col.author").into_owned(),
        t!("export.catalogue.col.flow").into_owned(),
        t!("export.catalogue.col.quantity").into_owned(),
    ];
    let mut b = table_head(title, result, &heads, &[43, 28, 16, 13]);
    if cards.is_empty() {
        b.push_str(&format!(
            "<tbody>\n<tr><td colspan=\"4\" class=\"empty\">{}</td></tr>\n</tbody>\n",
            html::escape(&t!("export.catalogue.no_cards"))
        ));
    }
    for (kind, cards) in by_kind(cards) {
        b.push_str(&format!(
            "<tbody>\n<tr class=\"kind\"><th colspan=\"4\">{}</th></tr>\n",
            html::escape(&t!(kind.heading_key()))
        ));
        for c in cards {
            b.push_str(&row(&[
                ("text", &c.text),
                ("", &raised_by(s, c)),
                ("", &flow(c)),
                ("", &quantity(c)),
            ]));
        }
        b.push_str("</tbody>\n");
    }
    b.push_str("</table>\n");
    b
}

fn html_part(s: &Session, p: &Part) -> String {
    let mut b = String::from("<section class=\"rencontre\">\n");
    if let Some(n) = &p.name {
        b.push_str(&format!("<h2>{}</h2>\n", html::escape(n)));
    }
    b.push_str(&format!(
        "<p class=\"summary\">{}</p>\n",
        html::escape(&summary(p))
    ));
    for th in &p.themes {
        b.push_str(&html_cards(
            s,
            &th.candidate.title,
            &result(p, th),
            &th.cards,
        ));
    }
    if !p.loose.is_empty() {
        b.push_str(&html_cards(
            s,
            &t!("export.catalogue.not_gathered"),
            "",
            &p.loose,
        ));
    }
    if !p.themes.is_empty() {
        let title = t!("export.catalogue.votes").into_owned();
        if p.voted {
            let heads = [
                t!("export.catalogue.col.rank").into_owned(),
                t!("export.catalogue.col.theme").into_owned(),
                t!("export.catalogue.col.dots").into_owned(),
                t!("export.catalogue.col.retained").into_owned(),
            ];
            b.push_str(&table_head(&title, "", &heads, &[20, 46, 17, 17]));
            b.push_str("<tbody>\n");
            for th in &p.themes {
                let retained = if th.retained {
                    t!("export.catalogue.retained").into_owned()
                } else {
                    String::new()
                };
                let r = row(&[
                    ("", &rank_cell(th)),
                    ("", &th.candidate.title),
                    ("num", &th.dots.to_string()),
                    ("", &retained),
                ]);
                if th.retained {
                    b.push_str(&r.replacen("<tr>", "<tr class=\"retained\">", 1));
                } else {
                    b.push_str(&r);
                }
            }
            b.push_str("</tbody>\n</table>\n");
        } else {
            b.push_str(&format!(
                "<h3>{}</h3>\n<p class=\"empty\">{}</p>\n",
                html::escape(&title),
                html::escape(&t!("export.catalogue.no_dots"))
            ));
            let retained = retained_by_hand(p);
            if !retained.is_empty() {
                b.push_str(&format!(
                    "<p>{}</p>\n",
                    html::escape(&text::label(
                        &t!("export.catalogue.retained_themes"),
                        &retained.join(", ")
                    ))
                ));
            }
        }
    }
    if !p.questions.is_empty() {
        let heads = [
            t!("export.catalogue.col.question").into_owned(),
            t!("export.catalogue.col.author").into_owned(),
            t!("export.catalogue.col.answer").into_owned(),
        ];
        b.push_str(&table_head(
            &t!("export.catalogue.questions"),
            "",
            &heads,
            &[38, 24, 38],
        ));
        b.push_str("<tbody>\n");
        for c in &p.questions {
            let answer = if c.answer.trim().is_empty() {
                t!("export.catalogue.no_answer").into_owned()
            } else {
                c.answer.clone()
            };
            b.push_str(&row(&[
                ("text", &c.text),
                ("", &raised_by(s, c)),
                ("text", &answer),
            ]));
        }
        b.push_str("</tbody>\n</table>\n");
    }
    if !p.outside.is_empty() {
        let heads = [
            t!("export.catalogue.col.problem").into_owned(),
            t!("export.catalogue.col.author").into_owned(),
            t!("export.catalogue.col.owner").into_owned(),
            t!("export.catalogue.col.due").into_owned(),
            t!("export.catalogue.col.status").into_owned(),
        ];
        b.push_str(&table_head(
            &t!("export.catalogue.outside"),
            "",
            &heads,
            &[34, 21, 19, 13, 13],
        ));
        b.push_str("<tbody>\n");
        for c in &p.outside {
            let (owner, due, status) = follow(c.follow.as_ref());
            b.push_str(&row(&[
                ("text", &c.text),
                ("", &raised_by(s, c)),
                ("", &owner),
                ("", &due),
                ("", &status),
            ]));
        }
        b.push_str("</tbody>\n</table>\n");
    }
    if !p.leads.is_empty() || p.unreviewed > 0 {
        let heads = [
            t!("export.catalogue.col.offer").into_owned(),
            t!("export.catalogue.col.need").into_owned(),
            t!("export.catalogue.col.flow").into_owned(),
            t!("export.catalogue.col.decision").into_owned(),
        ];
        b.push_str(&table_head(
            &t!("export.catalogue.leads"),
            "",
            &heads,
            &[36, 36, 14, 14],
        ));
        b.push_str("<tbody>\n");
        for l in &p.leads {
            let decision = format!(
                "<span class=\"accepted\">{}</span>",
                html::escape(&t!("export.catalogue.accepted"))
            );
            b.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{decision}</td></tr>\n",
                html::escape(&with_org(s, l.offer)),
                html::escape(&with_org(s, l.need)),
                html::escape(&flow(l.offer))
            ));
        }
        if p.unreviewed > 0 {
            b.push_str(&format!(
                "<tr><td colspan=\"4\" class=\"empty\">{}</td></tr>\n",
                html::escape(&unreviewed(p.unreviewed))
            ));
        }
        b.push_str("</tbody>\n</table>\n");
    }
    b.push_str("</section>\n");
    b
}

/// `catalogue.html`, on A4 portrait; `None` without a catalogue.
pub(super) fn html(s: &Session, opts: &Options) -> Option<OutFile> {
    let parts = parts(s, opts);
    if parts.is_empty() {
        return None;
    }
    let mut body = format!(
        "<main>\n<h1>{}</h1>\n<p class=\"session\">{}</p>\n",
        html::escape(&title()),
        html::escape(&format!("{} · {}", s.title, s.zone.name))
    );
    for p in &parts {
        body.push_str(&html_part(s, p));
    }
    body.push_str("</main>\n");
    Some(OutFile {
        name: "catalogue.html".into(),
        bytes: html::page(&format!("{} — {}", title(), s.title), STYLE, &body).into_bytes(),
    })
}

/// The line of `index.html` that links to `catalogue.html`.
pub(super) fn index_link() -> String {
    format!(
        "<p class=\"all\"><a href=\"catalogue.html\">{}</a> — {}</p>\n",
        html::escape(&title()),
        html::escape(&t!("export.catalogue.index_note"))
    )
}
