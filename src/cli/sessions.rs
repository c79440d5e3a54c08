//! `new`, `check`, `list`, `demo`, the welcome without a terminal, and the summary of a
//! session they print.

use super::*;

pub(super) fn sessions_dir() -> Result<PathBuf, CliError> {
    store::data_sessions_dir().ok_or(CliError::NoDataDir)
}

/// The directories `list` and the launcher look in.
pub fn session_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = store::data_sessions_dir().into_iter().collect();
    dirs.push(PathBuf::from("sessions"));
    dirs
}

pub(super) fn example() -> Result<Session, CliError> {
    Ok(store::parse(EXAMPLE, Path::new(EXAMPLE_FILE))?)
}

pub(super) fn welcome() -> Result<(), CliError> {
    say!("{}\n", t!("cli.welcome.intro"));
    out::text(&summary(&example()?));
    say!();
    let dir = sessions_dir()?;
    say!("{}", t!("cli.welcome.where", dir = dir.display()));
    let n = store::list_sessions(&[dir]).len();
    say!("{}", text::count(n, "cli.welcome.sessions"));
    say!("\n{}", t!("cli.welcome.next"));
    Ok(())
}

/// What a new session starts from: nothing, another zone's session, or a built-in model.
pub(super) enum Start {
    Empty,
    Pilot(PathBuf),
    Model(String),
}

impl Start {
    pub(super) fn of(depuis: Option<PathBuf>, modele: Option<String>) -> Start {
        match (depuis, modele) {
            (Some(p), _) => Start::Pilot(p),
            (None, Some(m)) => Start::Model(m),
            (None, None) => Start::Empty,
        }
    }
}

pub(super) fn new(
    title: &str,
    zone: Option<&str>,
    out: Option<PathBuf>,
    start: Start,
) -> Result<(), CliError> {
    use crate::domain::template;
    // Arguments are typed text too: stored without control characters (`domain::clean`).
    let title = crate::domain::clean::stored(title.trim()).into_owned();
    let zone = zone.map(|z| crate::domain::clean::stored(z).into_owned());
    let title = title.as_str();
    let zone_name = zone.as_deref().unwrap_or(title);
    let session = match &start {
        Start::Empty => Session::new(title, zone_name),
        Start::Pilot(path) => template::from_pilot(&store::load(path)?, title, zone_name),
        Start::Model(name) => match template::model(name) {
            Some(seeds) => template::from_seeds(&seeds, title, zone_name),
            None => {
                return Err(CliError::Usage(
                    t!(
                        "cli.new.no_model",
                        typed = name.as_str(),
                        list = template::MODELS.join(", ")
                    )
                    .into_owned(),
                ));
            }
        },
    };
    let path = match out {
        Some(p) => p,
        None => store::unique_path(&sessions_dir()?, &store::slug(title)),
    };
    store::create(&path, &session)?;
    // Found again by `list` wherever it is (`-o` in a project folder).
    store::recent::remember(&path);
    say!("{}", t!("cli.new.created", path = path.display()));
    if !matches!(start, Start::Empty) {
        let count = session.themes.len();
        say!(
            "{}",
            t!(&text::plural(count, "cli.new.themes_to_review"), n = count)
        );
    }
    // The next command, as it can be pasted: quoted when the path has a space.
    let shown = path.display().to_string();
    let shown = if shown.contains(' ') {
        format!("\"{shown}\"")
    } else {
        shown
    };
    say!("{}", t!("cli.new.open_it", path = shown));
    Ok(())
}

pub(super) fn check(path: &Path) -> Result<(), CliError> {
    let session = store::load(path)?;
    out::text(&summary(&session));
    // Newer versions kept aside when an older copy came over the file (`store::sync`).
    for aside in store::sync::set_aside_copies(path) {
        out::line(&t!("cli.check.set_aside", path = aside.display()));
    }
    Ok(())
}

pub(super) fn list() -> Result<(), CliError> {
    // The data folder's and ./sessions, and those used lately elsewhere.
    let infos = store::known_sessions(&session_dirs(), &store::recent::recent());
    if infos.is_empty() {
        say!("{}", t!("cli.list.none"));
        return Ok(());
    }
    for info in infos {
        say!("{}", list_line(&info));
    }
    Ok(())
}

pub(super) fn list_line(info: &SessionInfo) -> String {
    let when = info
        .modified
        .map(|m| {
            let local: chrono::DateTime<chrono::Local> = m.into();
            local.format("%Y-%m-%d %H:%M").to_string()
        })
        .unwrap_or_else(|| "????-??-?? ??:??".into());
    match &info.content {
        Ok(s) => {
            let phase = s
                .phase
                .map(|p| text::phase_kind(p.kind()))
                .unwrap_or_default();
            format!(
                "{when}  {}  ·  {} {} · {phase}\n    {}",
                s.title,
                t!("words.workshop"),
                s.workshop,
                info.path.display()
            )
        }
        Err(e) => format!("{when}  ⚠ {e}"),
    }
}

pub(super) fn demo() -> Result<(), CliError> {
    let dir = sessions_dir()?;
    let path = dir.join(EXAMPLE_FILE);
    if path.exists() {
        say!("{}", t!("cli.demo.exists", path = path.display()));
        return Ok(());
    }
    example()?;
    store::create_text(&path, EXAMPLE)?;
    say!("{}", t!("cli.demo.copied", path = path.display()));
    Ok(())
}

/// The one-screen summary of `check`: zone, participants, themes and groups, workshops.
pub fn summary(s: &Session) -> String {
    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(&l);
        out.push('\n');
    };
    line(s.title.clone());
    let z = &s.zone;
    line(format!(
        "{} {} ({})",
        t!("cli.summary.zone"),
        z.name,
        text::zone::typed(z).join(", ")
    ));
    if let Some(data) = text::zone::open_data(z) {
        line(text::label(&t!("zone_text.open_data"), &data));
    }
    let by_role: Vec<String> = Role::ALL
        .iter()
        .filter_map(|r| {
            let n = s.participants.iter().filter(|p| p.role == *r).count();
            (n > 0).then(|| text::count(n, &r.label_key().replacen("role.", "roles.", 1)))
        })
        .collect();
    // « Participants : 0 », not « 0 () ».
    let roles = if by_role.is_empty() {
        String::new()
    } else {
        format!(" ({})", by_role.join(", "))
    };
    line(format!(
        "{} {}{roles}",
        t!("cli.summary.participants"),
        s.participants.len(),
    ));
    let linked = s.needs.iter().filter(|n| n.theme.is_some()).count();
    line(format!(
        "{} {}",
        t!("cli.summary.needs"),
        t!(
            &text::plural(linked, "cli.summary.needs_linked"),
            counts = if s.needs.is_empty() {
                text::count(0, "words.needs")
            } else {
                text::need_counts(&s.needs)
            },
            linked = linked
        )
    ));
    // The rencontres before the workshops: cards, organisations, dots, hand-off.
    for r in &s.rencontres {
        let orgs: std::collections::BTreeSet<String> =
            r.cards.iter().filter_map(|c| s.card_org(c)).collect();
        let mut parts = vec![
            text::count(r.cards.len(), "rcensus.cards"),
            text::count(orgs.len(), "rcensus.organisations"),
            text::count(r.dots.len(), "rvote.dots"),
        ];
        if r.handed_off {
            parts.push(t!("cli.summary.handed_off").into_owned());
        }
        let name = t!("rstep.rencontre", n = r.number).into_owned();
        let name = match r.date {
            Some(d) => format!("{name} — {}", text::long_date(d)),
            None => name,
        };
        line(text::label(&name, &parts.join(", ")));
    }
    line(format!("{} {}", t!("cli.summary.themes"), s.themes.len()));
    for (i, (theme, group)) in s.groups_in_order().enumerate() {
        let rapporteur = group
            .rapporteur
            .and_then(|id| s.participant(id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| t!("cli.summary.no_rapporteur").into_owned());
        line(format!(
            "  {}. {} — {} {} — {}, {}",
            i + 1,
            theme.title,
            t!("words.rapporteur"),
            rapporteur,
            text::count(group.poster.lines.len(), "words.lines"),
            text::count(group.poster.reactions.len(), "words.reactions"),
        ));
    }
    for w in &s.workshops {
        // An undated workshop: « Atelier 1 — Préparation », not « Atelier 1 —  — … ».
        let date = w
            .date
            .map(|d| format!(" — {}", text::long_date(d)))
            .unwrap_or_default();
        line(format!(
            "{} {}{date} — {}",
            t!("words.workshop_cap"),
            w.number,
            text::phase(s, w, w.phase)
        ));
    }
    if let Some(w) = s.annual_plenary {
        line(text::label(&t!("followup.annual_plenary"), &text::when(&w)));
    }
    out
}
