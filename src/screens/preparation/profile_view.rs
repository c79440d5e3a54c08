//! Préparation's open data: the zone's profile under the Zone tab, the invitation list's
//! rows and detail.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use rust_i18n::t;

use super::model::{invitation_activity, invitation_name};
use crate::app::State;
use crate::domain::Session;
use crate::domain::profile::{division_label_key, section_label_key, section_of, size_label_key};
use crate::text::{self, zone};
use crate::ui::palette::Palette;
use crate::ui::{block, fit, put};

/// How many activities the profile lists at most.
const MAX_DIVISIONS: usize = 10;

/// The profile as (label, value) lines for `rows` lines of screen: the activities take
/// what the other lines leave (one at least, ten at most).
pub fn profile_lines(s: &Session, rows: usize) -> Vec<(String, String)> {
    let profile = s.zone.profile.as_ref();
    let register = profile.and_then(|p| p.register.as_ref());
    let site = profile.and_then(|p| p.site.as_ref());
    if register.is_none() && site.is_none() {
        return vec![(String::new(), t!("import.profile.none").into_owned())];
    }
    let l = |k: &str| t!(k).into_owned();
    let mut out = Vec::new();
    if let Some(r) = register {
        // « 63 actifs sur 400 lignes · SIRENE stock.csv, 7 déc. 2026 »
        let mut source = t!("import.profile.source", file = r.source.as_str()).into_owned();
        if let Some(d) = r.imported {
            source = format!("{source}, {}", text::short_date(d));
        }
        let count = format!(
            "{} {}",
            t!(
                &text::plural(r.establishments as usize, "import.profile.count"),
                n = text::number(u64::from(r.establishments))
            ),
            t!(
                &text::plural(r.rows as usize, "import.sirene.of_rows"),
                n = text::number(r.rows)
            )
        );
        out.push((
            l("import.profile.establishments"),
            format!("{count} · {source}"),
        ));
        out.push((l("import.profile.sizes"), zone::sizes(r, usize::MAX)));
        // The sections, most first: « G Commerce ; réparation… 28 % · C Industrie… ».
        out.push((l("import.profile.sections"), zone::sections(r, usize::MAX)));
        let fixed = out.len() + 2 + usize::from(site.is_some());
        let room = rows.saturating_sub(fixed).clamp(1, MAX_DIVISIONS);
        let mut activities: Vec<String> = r
            .divisions
            .iter()
            .take(room)
            .map(|(d, n)| {
                format!(
                    "{:>5}  {d} {}",
                    text::percent(r.percent(*n)),
                    t!(division_label_key(d))
                )
            })
            .collect();
        if activities.len() < room && r.unclassified > 0 {
            let pct = text::percent(r.percent_of_all(r.unclassified));
            activities.push(t!("import.profile.unclassified", pct = pct).into_owned());
        }
        for (i, a) in activities.into_iter().enumerate() {
            let label = if i == 0 {
                l("import.profile.activities")
            } else {
                String::new()
            };
            out.push((label, a));
        }
        let mut age: Vec<String> = r
            .median_year()
            .map(|y| t!("import.profile.median", year = y).into_owned())
            .into_iter()
            .collect();
        age.extend(r.periods().iter().filter(|(_, n)| *n > 0).map(|(p, n)| {
            format!(
                "{} {}",
                t!(p.label_key()),
                text::percent(r.percent_of_all(*n))
            )
        }));
        out.push((l("import.profile.age"), age.join(" · ")));
        out.push((
            l("import.profile.vocation"),
            match r.suggested_vocation() {
                Some(v) => format!(
                    "{} · {}",
                    t!("import.profile.suggested", v = t!(v.label_key())),
                    t!("import.profile.chosen", v = t!(s.zone.vocation.label_key()))
                ),
                None => l("import.profile.no_suggestion"),
            },
        ));
    }
    if let Some(site) = site {
        out.push((l("import.profile.site"), zone::site(site)));
    }
    out
}

/// The profile's block in `area` (under the zone's rows).
pub fn render_profile(state: &State, p: &Palette, area: Rect, buf: &mut Buffer) {
    let b = block(
        p,
        Line::styled(format!(" {} ", t!("import.profile.title")), p.dim),
        false,
    );
    let inner = b.inner(area);
    b.render(area, buf);
    let mut lines = profile_lines(&state.session, inner.height as usize);
    // No data yet: the one sentence that says how, wrapped rather than cut.
    if let [(label, value)] = lines.as_slice()
        && label.is_empty()
    {
        let width = (inner.width as usize).saturating_sub(2).max(1);
        lines = fit::wrap(value, width)
            .into_iter()
            .map(|l| (String::new(), l))
            .collect();
    }
    let label_w = lines.iter().map(|(l, _)| fit::width(l)).max().unwrap_or(0);
    let label_w = if label_w == 0 { 0 } else { label_w + 2 };
    let value_w = (inner.width as usize).saturating_sub(label_w + 2).max(1);
    for (i, (label, value)) in lines.iter().enumerate() {
        let Some(y) = u16::try_from(i).ok().map(|i| inner.y + i) else {
            break;
        };
        if y >= inner.y + inner.height {
            break;
        }
        put(buf, inner.x + 1, y, label, label_w as u16, p.dim);
        let style = if label_w == 0 { p.dim } else { p.base };
        put(
            buf,
            inner.x + 1 + label_w as u16,
            y,
            &fit::truncate(value, value_w),
            value_w as u16,
            style,
        );
    }
}

/// The invitation list's title: « Liste d'invitation · 312 organisations, 12 participants
/// créés ».
pub fn invitation_title(s: &Session) -> String {
    let present = participant_ids(s);
    let made = s
        .invitations
        .iter()
        .filter(|i| i.participant.is_some_and(|id| present.contains(&id)))
        .count();
    format!(
        "{} · {}, {}",
        t!("import.inv.title"),
        text::count(s.invitations.len(), "import.inv.count"),
        text::count(made, "import.inv.made")
    )
}

/// The ids of the session's participants, to tell the invitations made at a glance.
fn participant_ids(s: &Session) -> std::collections::HashSet<crate::domain::ParticipantId> {
    s.participants.iter().map(|p| p.id).collect()
}

/// Headers, widths and the rows in `shown` of the invitation list: name, activity, size,
/// SIRET (marked when its key is wrong), whether a participant was made from it.
pub fn invitation_table(
    s: &Session,
    inner_w: u16,
    shown: std::ops::Range<usize>,
) -> (Vec<String>, Vec<u16>, Vec<Vec<String>>) {
    let headers: [String; 5] = [
        "import.inv.name",
        "import.inv.activity",
        "import.inv.size",
        "import.inv.siret",
        "import.inv.status",
    ]
    .map(|k| t!(k).into_owned());
    let created = t!("import.inv.created").into_owned();
    // The SIRET and the mark whole; the names and activities share the rest.
    let siret_w = 16u16;
    let status_w = fit::width(&created).max(fit::width(&headers[4])) as u16;
    let size_w = 9u16;
    let rest = inner_w.saturating_sub(siret_w + status_w + size_w + 4);
    // The names whole when they can be (the activity takes what they leave), else 55 %.
    let longest = s
        .invitations
        .iter()
        .map(|i| fit::width(&invitation_name(i)))
        .chain(std::iter::once(fit::width(&headers[0])))
        .max()
        .unwrap_or(0);
    let name_w = (longest as u16).min(rest * 55 / 100);
    let activity_w = rest.saturating_sub(name_w);
    let bad = t!("import.inv.bad_key").into_owned();
    let present = participant_ids(s);
    let shown = shown.start.min(s.invitations.len())..shown.end.min(s.invitations.len());
    let rows = s
        .invitations
        .get(shown)
        .unwrap_or_default()
        .iter()
        .map(|i| {
            let short = size_label_key(&i.size).replacen("naf.size.", "import.size_short.", 1);
            vec![
                invitation_name(i),
                invitation_activity(i),
                t!(short).into_owned(),
                if i.siret_ok {
                    i.siret.clone()
                } else {
                    format!("{} {bad}", i.siret)
                },
                if i.participant.is_some_and(|id| present.contains(&id)) {
                    created.clone()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    (
        headers.to_vec(),
        vec![name_w, activity_w, size_w, siret_w, status_w],
        rows,
    )
}

/// The selected invitation in full, for the detail pane.
pub fn invitation_detail(s: &Session, row: usize) -> Vec<(String, String)> {
    let l = |k: &str| t!(k).into_owned();
    let Some(i) = s.invitations.get(row) else {
        return Vec::new();
    };
    let mut siret = i.siret.clone();
    if !i.siret_ok {
        siret = format!(
            "{siret} {} {}",
            t!("import.inv.bad_key"),
            l("import.inv.bad_key_long")
        );
    }
    let naf = match i.division() {
        Some(d) => {
            let section = section_of(d)
                .map(|sec| format!(" ({sec} {})", t!(section_label_key(sec))))
                .unwrap_or_default();
            format!("{} · {}{section}", i.naf, invitation_activity(i))
        }
        None if i.naf.is_empty() => invitation_activity(i),
        None => format!("{} · {}", i.naf, invitation_activity(i)),
    };
    let mut address = vec![i.street.clone()];
    if !i.commune.is_empty() {
        address.push(t!("import.inv.commune", code = i.commune.as_str()).into_owned());
    }
    let participant = i
        .participant
        .and_then(|id| s.participant(id))
        .map(|p| crate::domain::with_aside(&p.name, &p.organisation))
        .unwrap_or_else(|| l("import.inv.not_yet"));
    let mut out = vec![
        (l("import.inv.name"), invitation_name(i)),
        (l("import.inv.siret"), siret),
        (l("import.inv.naf"), naf),
        (
            l("import.inv.size"),
            t!(size_label_key(&i.size)).into_owned(),
        ),
        (
            l("import.inv.address"),
            address
                .into_iter()
                .filter(|a| !a.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ];
    if let Some(d) = i.created {
        out.push((l("import.inv.since"), text::long_date(d)));
    }
    out.push((l("import.inv.status"), participant));
    out
}

#[cfg(test)]
mod tests {
    use crate::app::testing::{press, state_at};
    use crate::app::{Action, PrepTab, update};
    use crate::domain::profile::Establishment;
    use crate::domain::{Invitation, Op, Phase};

    fn screen(st: &crate::app::State) -> String {
        let area = ratatui::layout::Rect::new(0, 0, 80, 24);
        let mut buf = ratatui::buffer::Buffer::empty(area);
        crate::ui::render(st, area, &mut buf);
        (0..24)
            .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
            .collect()
    }

    /// A long list scrolls with the cursor, though only the rows on screen are built.
    #[test]
    fn a_long_invitation_list_follows_the_cursor() {
        let mut st = state_at(Phase::Preparation);
        update(&mut st, Action::Resize(80, 24));
        let list = (0..300)
            .map(|i| {
                Invitation::from_establishment(&Establishment {
                    siret: format!("{:014}", 42_100_000_000_000u64 + i),
                    name: format!("Étab {i:03}"),
                    ..Default::default()
                })
            })
            .collect();
        st.session.apply(Op::MergeInvitations(list)).unwrap();
        while st.prep.tab != PrepTab::Invitations {
            press(&mut st, "<Tab>");
        }
        assert!(screen(&st).contains("Étab 000"));
        for _ in 0..250 {
            press(&mut st, "<Down>");
        }
        let text = screen(&st);
        assert!(text.contains("Étab 250"), "{text}");
        assert!(!text.contains("Étab 000"), "{text}");
        assert!(text.contains("300 organisations"), "{text}");
        press(&mut st, "<Enter>");
        assert_eq!(
            st.session.invitations[250].participant,
            st.session.participants.last().map(|p| p.id)
        );
        assert!(screen(&st).contains("✓ participant"));
    }
}
