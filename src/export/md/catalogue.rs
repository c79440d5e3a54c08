//! The catalogue's section of the compte rendu, walking the document of
//! [`crate::export::catalogue`].

use rust_i18n::t;

use super::inline;
use crate::domain::Session;
use crate::domain::rencontre::Card;
use crate::export::Options;
use crate::export::catalogue::{
    by_kind, flow, follow, parts, quantity, raised_by, rank_cell, result, retained_by_hand,
    summary, title, unreviewed, with_org,
};
use crate::text;

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
pub(in crate::export) fn markdown(s: &Session, opts: &Options) -> Vec<String> {
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
