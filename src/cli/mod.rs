//! The command line: parse (with help in the UI language), dispatch, and turn every error
//! into one clear message and an exit code.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use rust_i18n::t;

use crate::app::PaletteName;
use crate::domain::{Role, Session};
use crate::store::{self, SessionInfo};
use crate::text::{self, Lang};

/// The example session, built into the binary so an installed `atelier` has it too.
mod bilan;
mod clap_text;
mod git;
mod import;
pub(crate) mod out;
mod rotation;
mod territory;

use out::say;

use clap_text::{localised, usage_error};

use crate::error::EXIT_BAD_INPUT;
pub use crate::error::{CliError, RunError};
use crate::store::{EXAMPLE, EXAMPLE_FILE};

#[derive(Debug, Parser)]
#[command(name = "atelier", version)]
pub struct Cli {
    #[arg(long, global = true, value_enum, default_value = "fr")]
    pub lang: Lang,
    #[arg(long, global = true, value_enum, default_value = "dark")]
    pub theme: PaletteName,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Open {
        path: PathBuf,
        #[arg(long = "salle", alias = "room")]
        salle: bool,
        #[arg(
            long = "adresse",
            alias = "address",
            value_name = "IP",
            requires = "salle"
        )]
        adresse: Option<String>,
        #[arg(long, value_name = "PORT", requires = "salle")]
        port: Option<u16>,
    },
    /// The room in the browsers, without the terminal screen.
    Salle {
        path: PathBuf,
        #[arg(long = "adresse", alias = "address", value_name = "IP")]
        adresse: Option<String>,
        #[arg(long, value_name = "PORT")]
        port: Option<u16>,
    },
    /// Load generator for the concurrency test.
    #[command(name = "__stress", hide = true)]
    Stress {
        path: PathBuf,
        #[arg(long)]
        id: u32,
        #[arg(long)]
        seed: u64,
        #[arg(long)]
        ops: usize,
    },
    Rotation {
        path: PathBuf,
        #[arg(long)]
        rounds: Option<u8>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        apply: bool,
    },
    Join {
        path: PathBuf,
        #[arg(long, required_unless_present = "cards", conflicts_with = "cards")]
        group: Option<String>,
        #[arg(long = "cartes", alias = "cards", id = "cards")]
        cards: bool,
        #[arg(long = "as")]
        who: Option<String>,
    },
    New {
        title: String,
        #[arg(long)]
        zone: Option<String>,
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        #[arg(
            long = "depuis",
            alias = "from",
            value_name = "PILOTE.ron",
            conflicts_with = "modele"
        )]
        depuis: Option<PathBuf>,
        #[arg(long = "modele", alias = "model", value_name = "MODELE")]
        modele: Option<String>,
    },
    Check {
        path: PathBuf,
    },
    /// Open data about the zone: the register's establishments, the CNIG site.
    Import {
        #[command(subcommand)]
        what: import::ImportCommand,
    },
    List,
    Demo,
    Export {
        path: PathBuf,
        /// Without it: every format.
        #[arg(long, value_enum)]
        format: Option<crate::export::Format>,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        group: Option<usize>,
        #[arg(long, default_value = ";")]
        delimiter: char,
        #[arg(long)]
        no_bom: bool,
        #[arg(
            long = "papier",
            alias = "paper",
            value_name = "PAPIER",
            value_enum,
            default_value = "a3"
        )]
        paper: crate::export::Paper,
        #[arg(long = "depuis", alias = "since", value_name = "DATE")]
        since: Option<String>,
    },
    #[command(alias = "territory")]
    Territoire {
        dirs: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: Option<crate::export::territory::TerritoryFormat>,
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
        #[arg(long = "tri", alias = "sort", value_enum, default_value = "zone")]
        tri: crate::domain::territory::SortKey,
    },
    #[command(name = "git-init")]
    GitInit {
        dir: Option<PathBuf>,
    },
    /// Called by git (`merge.atelier.driver`): %O %A %B %P.
    #[command(name = "merge-driver")]
    MergeDriver {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        name: String,
    },
    Bilan {
        path: PathBuf,
        #[arg(long = "from", value_name = "DATE")]
        from: Option<String>,
        #[arg(long = "to", value_name = "DATE")]
        to: Option<String>,
        #[arg(long, value_enum, default_value = "md")]
        format: crate::export::bilan::BilanFormat,
        #[arg(short = 'o', long = "out")]
        out: Option<PathBuf>,
    },
}

/// `--lang` is needed before clap runs, so that clap's help is in the right language.
fn lang_from_args(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let value = if a == "--lang" {
            it.next().map(String::as_str)
        } else {
            a.strip_prefix("--lang=")
        };
        if value == Some("en") {
            return Lang::En;
        }
    }
    Lang::Fr
}

/// The clap command with every help text taken from `locales/`.
pub fn command() -> clap::Command {
    let cmd = Cli::command()
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(t!("cli.version_flag").into_owned()),
        )
        .about(t!("cli.about").into_owned())
        .mut_arg("lang", |a| a.help(t!("cli.lang").into_owned()))
        .mut_arg("theme", |a| a.help(t!("cli.theme").into_owned()));
    let cmd = localised(cmd);
    let subs: Vec<(&str, &[&str])> = vec![
        ("open", &["path", "salle", "adresse", "port"]),
        ("join", &["path", "group", "cards", "who"]),
        ("rotation", &["path", "rounds", "seed", "apply"]),
        ("new", &["title", "zone", "out", "depuis", "modele"]),
        ("check", &["path"]),
        ("list", &[]),
        ("demo", &[]),
        (
            "export",
            &[
                "path",
                "format",
                "out",
                "group",
                "delimiter",
                "no_bom",
                "paper",
                "since",
            ],
        ),
        ("bilan", &["path", "from", "to", "format", "out"]),
        ("salle", &["path", "adresse", "port"]),
        ("territoire", &["dirs", "format", "out", "tri"]),
        ("git-init", &["dir"]),
        ("merge-driver", &["base", "ours", "theirs", "name"]),
    ];
    let cmd = subs.into_iter().fold(cmd, |cmd, (name, args)| {
        cmd.mut_subcommand(name, |mut s| {
            s = s.about(t!(format!("cli.{name}.about")).into_owned());
            for arg in args {
                s = s.mut_arg(*arg, |a| {
                    a.help(t!(format!("cli.{name}.{arg}")).into_owned())
                });
            }
            localised(s)
        })
    });
    import::localise(cmd)
}

pub fn run() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    lang_from_args(&args).set();
    let matches = match command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            if !e.use_stderr() {
                // --help and --version: clap prints them.
                let _ = e.print();
                return ExitCode::from(0);
            }
            let _ = writeln!(std::io::stderr(), "{}", usage_error(&e));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    cli.lang.set();
    let options = crate::tui::Options::from_env(cli.theme);
    let result = match cli.command {
        // Without a terminal (a pipe, a test), print the summary instead of the launcher.
        None if !std::io::stdout().is_terminal() => welcome(),
        None => crate::tui::run_launcher(session_dirs(), store::data_sessions_dir(), options),
        Some(Command::Open {
            path,
            salle,
            adresse,
            port,
        }) => match bind(adresse.as_deref(), port) {
            Ok(bind) => crate::tui::run_session(
                path,
                crate::tui::Options {
                    room: bind,
                    room_at_start: salle,
                    ..options
                },
            ),
            Err(e) => Err(e),
        },
        Some(Command::Salle {
            path,
            adresse,
            port,
        }) => bind(adresse.as_deref(), port).and_then(|b| salle(&path, b)),
        Some(Command::Rotation {
            path,
            rounds,
            seed,
            apply,
        }) => rotation::rotation(&path, rounds, seed, apply),
        Some(Command::Stress {
            path,
            id,
            seed,
            ops,
        }) => crate::store::stress::run(&path, id, seed, ops)
            .map(|r| {
                say!("ops {} syncs {} conflicts {}", r.ops, r.syncs, r.conflicts);
                for t in r.tokens {
                    say!("{t}");
                }
            })
            .map_err(CliError::Store),
        Some(Command::Join {
            path,
            cards: true,
            who,
            ..
        }) => join_cards(path, who.as_deref(), options),
        Some(Command::Join {
            path, group, who, ..
        }) => join(
            path,
            group.as_deref().unwrap_or(""),
            who.as_deref(),
            options,
        ),
        Some(Command::New {
            title,
            zone,
            out,
            depuis,
            modele,
        }) => new(&title, zone.as_deref(), out, Start::of(depuis, modele)),
        Some(Command::Check { path }) => check(&path),
        Some(Command::Import { what }) => import::run(what),
        Some(Command::List) => list(),
        Some(Command::Demo) => demo(),
        Some(Command::Export {
            path,
            format,
            out,
            group,
            delimiter,
            no_bom,
            paper,
            since,
        }) => export(ExportRequest {
            path: &path,
            format,
            out,
            group,
            delimiter,
            bom: !no_bom,
            paper,
            since: since.as_deref(),
        }),
        Some(Command::Bilan {
            path,
            from,
            to,
            format,
            out,
        }) => bilan::run(&path, from.as_deref(), to.as_deref(), format, out),
        Some(Command::Territoire {
            dirs,
            format,
            out,
            tri,
        }) => territory::run(dirs, format, out, tri, options),
        Some(Command::GitInit { dir }) => git::git_init(dir),
        Some(Command::MergeDriver {
            base,
            ours,
            theirs,
            name,
        }) => git::merge_driver(&base, &ours, &theirs, &name),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Not eprintln!: after a lost terminal, a failing write must not panic.
            out::warn(&format!("atelier: {}", e.message()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Where the room listens: `--adresse` (an IP address, or `localhost`) and `--port`.
fn bind(adresse: Option<&str>, port: Option<u16>) -> Result<crate::web::Bind, CliError> {
    let ip =
        match adresse.map(str::trim) {
            None => None,
            Some("localhost") => Some(std::net::IpAddr::from([127, 0, 0, 1])),
            Some(a) => Some(a.parse().map_err(|_| {
                CliError::Usage(t!("cli.salle.bad_address", typed = a).into_owned())
            })?),
        };
    if ip.is_some_and(|ip| ip.is_unspecified()) {
        out::warn(&t!("cli.salle.everywhere"));
    }
    Ok(crate::web::Bind { ip, port })
}

/// `atelier salle`: serves the room until Ctrl-C. Each page's edit is in the file before the
/// page is told it is saved, so stopping it loses nothing.
fn salle(path: &Path, bind: crate::web::Bind) -> Result<(), CliError> {
    let path = store::resolve(path)?;
    let room = crate::web::Room::start(&path, bind, true)?;
    say!("{}", t!("cli.salle.serving", addr = room.addr.to_string()));
    for link in room.links() {
        say!("  {}", text::label(&link.label, &link.url));
    }
    if let Some(view) = room.links().first() {
        say!("");
        // Dark modules on light, whatever the terminal's colours: a phone reads it so.
        let (on, off) = if std::io::stdout().is_terminal() {
            ("\x1b[30;107m", "\x1b[0m")
        } else {
            ("", "")
        };
        for line in crate::ui::qr::lines(&view.url) {
            say!("{on}{line}{off}");
        }
    }
    say!("{}", t!("cli.salle.stop"));
    loop {
        std::thread::park();
    }
}

fn sessions_dir() -> Result<PathBuf, CliError> {
    store::data_sessions_dir().ok_or(CliError::NoDataDir)
}

/// The directories `list` and the launcher look in.
pub fn session_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = store::data_sessions_dir().into_iter().collect();
    dirs.push(PathBuf::from("sessions"));
    dirs
}

fn example() -> Result<Session, CliError> {
    Ok(store::parse(EXAMPLE, Path::new(EXAMPLE_FILE))?)
}

fn welcome() -> Result<(), CliError> {
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
enum Start {
    Empty,
    Pilot(PathBuf),
    Model(String),
}

impl Start {
    fn of(depuis: Option<PathBuf>, modele: Option<String>) -> Start {
        match (depuis, modele) {
            (Some(p), _) => Start::Pilot(p),
            (None, Some(m)) => Start::Model(m),
            (None, None) => Start::Empty,
        }
    }
}

fn new(
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

fn check(path: &Path) -> Result<(), CliError> {
    let session = store::load(path)?;
    out::text(&summary(&session));
    // Newer versions kept aside when an older copy came over the file (`store::sync`).
    for aside in store::sync::set_aside_copies(path) {
        out::line(&t!("cli.check.set_aside", path = aside.display()));
    }
    Ok(())
}

fn list() -> Result<(), CliError> {
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

fn list_line(info: &SessionInfo) -> String {
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

fn demo() -> Result<(), CliError> {
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

/// `atelier join --cartes`: an assistant typing cards and dots of the rencontre under way,
/// beside the facilitator (its steps and timer stay the facilitator's).
fn join_cards(
    path: PathBuf,
    who: Option<&str>,
    options: crate::tui::Options,
) -> Result<(), CliError> {
    let (path, opened) = open_to_join(&path)?;
    if opened.session.current_rencontre().is_none() {
        return Err(CliError::Usage(t!("cli.join.no_rencontre").into_owned()));
    }
    let who = who.map(crate::domain::clean::stored);
    let label = match who.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
        Some(name) => t!("presence.assistant_named", name = name).into_owned(),
        None => t!("presence.assistant").into_owned(),
    };
    let seat = crate::tui::Seat {
        scope: None,
        who: label,
        assistant: true,
    };
    crate::tui::run_opened(opened, path, options, seat)
}

/// The session a `join` works on (through a link, its target), read without the facilitator
/// lock; read-only where its folder cannot be written, as for the facilitator.
fn open_to_join(path: &Path) -> Result<(PathBuf, crate::tui::Opened), CliError> {
    let path = store::resolve(path)?;
    let mut opened = crate::tui::read_session(&path)?;
    opened.read_only = !store::can_write_beside(&path);
    Ok((path, opened))
}

/// `atelier join`: a rapporteur's view of one group, beside the facilitator's.
fn join(
    path: PathBuf,
    group: &str,
    who: Option<&str>,
    options: crate::tui::Options,
) -> Result<(), CliError> {
    let (path, opened) = open_to_join(&path)?;
    let s = &opened.session;
    let themes: Vec<&crate::domain::Theme> = match s.current_workshop() {
        Some(w) => s.groups_in(w).into_iter().map(|(t, _)| t).collect(),
        None => s.groups_in_order().map(|(t, _)| t).collect(),
    };
    // A number (as shown on the projected screen) or part of the theme's title.
    let by_number = group
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| themes.get(i).copied());
    let wanted = crate::overlays::picker::model::fold(group);
    let by_name = || {
        themes.iter().copied().find(|t| {
            !wanted.is_empty() && crate::overlays::picker::model::fold(&t.title).contains(&wanted)
        })
    };
    let Some(theme) = by_number.or_else(by_name) else {
        let list = themes
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{} {}", i + 1, t.title))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(CliError::Usage(
            t!("cli.join.no_group", group = group, list = list).into_owned(),
        ));
    };
    let index = themes.iter().position(|t| t.id == theme.id).unwrap_or(0) + 1;
    let who = who.map(crate::domain::clean::stored);
    let who = who.as_deref();
    let name = who.map(|w| {
        let f = crate::overlays::picker::model::fold(w);
        s.participants
            .iter()
            .find(|p| !f.is_empty() && crate::overlays::picker::model::fold(&p.name).contains(&f))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| w.trim().to_string())
    });
    let label = match name {
        Some(n) => t!("presence.rapporteur_named", n = index, name = n).into_owned(),
        None => t!("presence.rapporteur", n = index).into_owned(),
    };
    let seat = crate::tui::Seat {
        scope: Some(theme.id),
        who: label,
        assistant: false,
    };
    crate::tui::run_opened(opened, path, options, seat)
}

/// What `atelier export` was asked.
struct ExportRequest<'a> {
    path: &'a Path,
    format: Option<crate::export::Format>,
    out: Option<PathBuf>,
    group: Option<usize>,
    delimiter: char,
    bom: bool,
    paper: crate::export::Paper,
    since: Option<&'a str>,
}

fn export(req: ExportRequest) -> Result<(), CliError> {
    let ExportRequest {
        path,
        format,
        out,
        group,
        delimiter,
        bom,
        paper,
        since,
    } = req;
    // `--depuis` is about the e-mails: checked before the file is read.
    let since = match since {
        None => None,
        Some(_) if format.is_some_and(|f| f != crate::export::Format::Eml) => {
            return Err(CliError::Usage(
                t!("cli.export.since_eml_only").into_owned(),
            ));
        }
        Some(text) => Some(crate::domain::When::parse_day(text).ok_or_else(|| {
            CliError::Usage(t!("cli.export.bad_since", text = text).into_owned())
        })?),
    };
    let session = store::load(path)?;
    let theme = match group {
        None => None,
        Some(n) => Some(
            n.checked_sub(1)
                .and_then(|i| session.themes.get(i))
                .map(|t| t.id)
                .ok_or_else(|| {
                    CliError::Usage(
                        t!("cli.export.no_group", n = n, max = session.themes.len()).into_owned(),
                    )
                })?,
        ),
    };
    if !delimiter.is_ascii() || delimiter == '"' || delimiter == '\n' {
        return Err(CliError::Usage(t!("cli.export.bad_delimiter").into_owned()));
    }
    let now = crate::tui::now();
    let opts = crate::export::Options {
        delimiter: delimiter as u8,
        bom,
        group: theme,
        today: now.date_naive(),
        now,
        paper,
        saved: crate::store::saved_at(path),
    };
    let dir = out.unwrap_or_else(|| crate::export::default_dir(path));
    let formats = match (format, since) {
        (Some(f), _) => vec![f],
        (None, Some(_)) => vec![crate::export::Format::Eml],
        (None, None) => crate::export::Format::ALL.to_vec(),
    };
    let files: Vec<crate::export::OutFile> = match since {
        Some(day) => crate::export::progress_drafts(&session, &opts, day),
        None => formats
            .iter()
            .flat_map(|f| crate::export::render(&session, *f, &opts))
            .collect(),
    };
    let written = crate::export::write_files(&dir, &files).map_err(CliError::Export)?;
    for p in &written {
        say!("{}", p.display());
    }
    say!("{}", text::count(written.len(), "cli.export.done"));
    // Written all the same; what the files cannot do is said, on the error stream.
    for notice in crate::export::notices(&session, &formats, &opts) {
        out::warn(&format!("⚠ {notice}"));
    }
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
    let mut zone = vec![t!(z.vocation.label_key()).into_owned()];
    zone.extend(z.specialisation.clone());
    if z.companies > 0 {
        zone.push(text::count(z.companies as usize, "words.companies"));
    }
    if let Some(since) = z.since {
        zone.push(t!("cli.summary.since", year = since).into_owned());
    }
    line(format!(
        "{} {} ({})",
        t!("cli.summary.zone"),
        z.name,
        zone.join(", ")
    ));
    let by_role: Vec<String> = Role::ALL
        .iter()
        .filter_map(|r| {
            let n = s.participants.iter().filter(|p| p.role == *r).count();
            (n > 0).then(|| text::count(n, &r.label_key().replacen("role.", "roles.", 1)))
        })
        .collect();
    line(format!(
        "{} {} ({})",
        t!("cli.summary.participants"),
        s.participants.len(),
        by_role.join(", ")
    ));
    let linked = s.needs.iter().filter(|n| n.theme.is_some()).count();
    line(format!(
        "{} {}",
        t!("cli.summary.needs"),
        t!(
            "cli.summary.needs_linked",
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
        line(text::label(
            &t!("rstep.rencontre", n = r.number),
            &parts.join(", "),
        ));
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
        let date = w.date.map(text::long_date).unwrap_or_default();
        line(format!(
            "{} {} — {} — {}",
            t!("words.workshop_cap"),
            w.number,
            date,
            text::phase(s, w, w.phase)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_is_found_before_clap() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lang_from_args(&args(&["atelier", "--lang", "en"])),
            Lang::En
        );
        assert_eq!(
            lang_from_args(&args(&["atelier", "list", "--lang=en"])),
            Lang::En
        );
        assert_eq!(lang_from_args(&args(&["atelier", "--lang"])), Lang::Fr);
        assert_eq!(lang_from_args(&args(&["atelier"])), Lang::Fr);
    }

    #[test]
    fn the_clap_command_is_consistent() {
        command().debug_assert();
    }
}
