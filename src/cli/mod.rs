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
mod join;
pub(crate) mod out;
mod rotation;
mod sessions;
mod territory;

use out::say;

use join::{join, join_cards};
use sessions::{Start, check, demo, list, new, welcome};
pub use sessions::{session_dirs, summary};

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
