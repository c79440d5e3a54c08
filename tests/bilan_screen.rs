//! Suivi's Bilan view at 80×24 and 200×60, both themes, French and English, on a session
//! built here (synergies, impacts, actions, meetings), with a fixed clock; `t` changes the
//! period. One test: the UI language is process-global.

#[path = "common/bilan.rs"]
mod bilan_session;
mod common;

use std::path::PathBuf;

use atelier::app::{Action, Depth, PaletteName, State, update};
use atelier::screens::followup::model::View;
use atelier::text::Lang;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn now() -> atelier::domain::Timestamp {
    chrono::DateTime::parse_from_rfc3339("2026-12-03T10:05:00+01:00").unwrap()
}

fn state(size: (u16, u16), theme: PaletteName) -> State {
    let mut st = State::new(bilan_session::session(), PathBuf::from("bilan.ron"), now());
    st.size = size;
    st.palette = theme;
    st.depth = Depth::TrueColor;
    update(&mut st, Action::ToggleFollowUp);
    while st.followup.as_ref().map(|f| f.view) != Some(View::Bilan) {
        update(&mut st, Action::NextTab);
    }
    st
}

fn render(st: &State) -> Buffer {
    let (w, h) = st.size;
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    atelier::ui::render(st, buf.area, &mut buf);
    buf
}

/// Each distinct (fg, bg) and how many cells use it: a colour regression shows too.
fn census(buf: &Buffer) -> String {
    let mut styles: std::collections::BTreeMap<String, usize> = Default::default();
    for cell in &buf.content {
        *styles
            .entry(format!(
                "fg={:?} bg={:?} mod={:?}",
                cell.fg, cell.bg, cell.modifier
            ))
            .or_default() += 1;
    }
    styles
        .into_iter()
        .map(|(k, n)| format!("{k} : {n}\n"))
        .collect()
}

#[test]
fn the_bilan_view_at_both_sizes_in_both_themes_and_languages() {
    for lang in [Lang::Fr, Lang::En] {
        lang.set();
        for theme in [PaletteName::Dark, PaletteName::Light] {
            for size in [(80, 24), (200, 60)] {
                let st = state(size, theme);
                let buf = render(&st);
                let text = common::screen_text(&buf);
                let (period, total) = match lang {
                    Lang::Fr => ("Période (t)", "Total"),
                    Lang::En => ("Period (t)", "Total"),
                };
                assert!(text.contains(period), "{text}");
                assert!(text.contains(total), "{text}");
                // The figures of the whole démarche: 5 synergies, 3 done / 5 open / 2
                // overdue / 1 dropped actions, 4 meetings, 6 of 40 companies.
                assert!(text.contains("3/5/2/1 · 4"), "{text}");
                assert!(text.contains("6 ") && text.contains(" 40 "), "{text}");
                let name = format!(
                    "bilan_{}_{}x{}_{}",
                    lang.code(),
                    size.0,
                    size.1,
                    match theme {
                        PaletteName::Dark => "dark",
                        _ => "light",
                    }
                );
                insta::assert_snapshot!(name, format!("{text}\nstyles:\n{}", census(&buf)));
            }
        }
    }
    // P goes through the periods: this year (2026), the last 12 months, since the plenary
    // of 15 June 2026, then the whole démarche again.
    Lang::Fr.set();
    let mut st = state((200, 60), PaletteName::Dark);
    let mut heads = Vec::new();
    for _ in 0..4 {
        // Through the real keymap, as typed.
        common::press(&mut st, "t");
        let text = common::screen_text(&render(&st));
        heads.push(text.lines().nth(3).unwrap_or_default().trim().to_string());
    }
    assert!(
        heads[0].contains("année 2026 — du 1er janvier 2026 au 31 décembre 2026"),
        "{heads:?}"
    );
    assert!(
        heads[1].contains("12 derniers mois — du 4 décembre 2025 au 3 décembre 2026"),
        "{heads:?}"
    );
    assert!(
        heads[2].contains("depuis la plénière annuelle — depuis le 15 juin 2026"),
        "{heads:?}"
    );
    assert!(
        heads[3].contains("toute la démarche — depuis le début"),
        "{heads:?}"
    );
    // Since the plenary: only the hostile synergy moved (to « mise en œuvre », 1 June is
    // before: none), one meeting (none after 15 June): figures change with the period.
    let mut st = state((200, 60), PaletteName::Dark);
    for _ in 0..3 {
        update(&mut st, Action::CyclePeriod);
    }
    let text = common::screen_text(&render(&st));
    assert!(text.contains("0 synergie a changé d'étape"), "{text}");
    assert!(text.contains("· 0"), "{text}");
}
