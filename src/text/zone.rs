//! The zone in words: what the facilitator typed and what the open data add (the company
//! register, the CNIG sites file). Shared by the rencontre's Diagnostic, Préparation's
//! profile, the compte rendu and `atelier summary`, so that they say the same thing.

use rust_i18n::t;

use super::{count, hectares, label, number, percent, plural, quoted, short_date};
use crate::domain::profile::{
    RegisterProfile, SiteProfile, division_label_key, section_short_key, size_label_key,
};
use crate::domain::{Invitation, Zone};

/// What was typed about the zone, in a list: « mixte, agroalimentaire, 42 entreprises, PME,
/// créée en 1987 ».
pub fn typed(z: &Zone) -> Vec<String> {
    let mut out = vec![t!(z.vocation.label_key()).into_owned()];
    out.extend(
        z.specialisation
            .iter()
            .filter(|s| !s.trim().is_empty())
            .cloned(),
    );
    if z.companies > 0 {
        out.push(count(z.companies as usize, "words.companies"));
    }
    out.extend(
        z.company_size
            .iter()
            .filter(|s| !s.trim().is_empty())
            .cloned(),
    );
    if let Some(year) = z.since {
        out.push(t!("cli.summary.since", year = year).into_owned());
    }
    out
}

/// « 63 établissements actifs (SIRENE stock.csv, 7 déc. 2026) »; without the file's name
/// when `file` is false (on the projected screen): « (SIRENE, 7 déc. 2026) ».
pub fn register_count(r: &RegisterProfile, file: bool) -> String {
    let n = t!(
        &plural(r.establishments as usize, "zone_text.establishments"),
        n = number(u64::from(r.establishments))
    );
    let mut source = if file {
        t!("import.profile.source", file = r.source.as_str()).into_owned()
    } else {
        "SIRENE".to_string()
    };
    if let Some(d) = r.imported {
        source = format!("{source}, {}", short_date(d));
    }
    format!("{n} ({source})")
}

/// The NAF sections, most first, at most `most`: « C Industrie manufacturière 34 % · G Commerce ;
/// réparation d'automobiles 22 % ».
pub fn sections(r: &RegisterProfile, most: usize) -> String {
    let mut sections = r.sections();
    sections.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sections
        .iter()
        .take(most)
        .map(|(sec, n)| {
            format!(
                "{sec} {} {}",
                t!(section_short_key(*sec)),
                percent(r.percent(*n))
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The size bands, most first, at most `most`: « 1 à 9 salariés 45 % · 0 salarié 30 % ».
pub fn sizes(r: &RegisterProfile, most: usize) -> String {
    r.top_sizes()
        .iter()
        .take(most)
        .map(|(code, n)| {
            format!(
                "{} {}",
                t!(size_label_key(code)),
                percent(r.percent_of_all(*n))
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The CNIG site's line: « « ZA des Portes du Sud » · 42,5 ha · 63 établissements ·
/// vocation : mixte ».
pub fn site(site: &SiteProfile) -> String {
    let mut facts = vec![quoted(&site.name)];
    facts.extend(site.area_ha.map(hectares));
    facts.extend(site.establishments.map(|n| {
        t!(
            &plural(n as usize, "import.cnig.establishments"),
            n = number(u64::from(n))
        )
        .into_owned()
    }));
    facts.extend(
        site.vocation
            .as_deref()
            .map(|v| label(&t!("import.cnig.vocation"), v)),
    );
    facts.join(" · ")
}

/// The open data in one line for a document (none when nothing was imported):
/// « 63 établissements actifs (SIRENE …) · activités : C … 34 % · … · site : « … » · 42,5 ha ».
pub fn open_data(z: &Zone) -> Option<String> {
    let p = z.profile.as_ref()?;
    let mut parts = Vec::new();
    if let Some(r) = &p.register {
        parts.push(register_count(r, true));
        let s = sections(r, 3);
        if !s.is_empty() {
            parts.push(label(&t!("zone_text.activities"), &s));
        }
        let s = sizes(r, 3);
        if !s.is_empty() {
            parts.push(label(&t!("zone_text.sizes"), &s));
        }
    }
    if let Some(s) = &p.site {
        parts.push(label(&t!("zone_text.site"), &site(s)));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// An establishment's activity, its NAF division in words (« Fabrication de produits
/// métalliques »), or « activité non classée ».
pub fn activity(i: &Invitation) -> String {
    match i.division() {
        Some(d) => t!(division_label_key(d)).into_owned(),
        None => t!("naf.unclassified").into_owned(),
    }
}

/// What the register says of one establishment, for the room: « Fabrication de produits
/// métalliques · 10 à 19 salariés · depuis 1999 » (the size and year when known).
pub fn establishment(i: &Invitation) -> String {
    let mut parts = vec![activity(i)];
    if !i.size.trim().is_empty() {
        parts.push(t!(size_label_key(&i.size)).into_owned());
    }
    if let Some(d) = i.created {
        parts.push(t!("zone_text.since", year = d.format("%Y").to_string()).into_owned());
    }
    parts.join(" · ")
}
