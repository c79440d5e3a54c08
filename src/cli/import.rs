//! `atelier import sirene|cnig`: the zone's profile and invitation list from open data files,
//! written into the session through the merge (a facilitator may have it open).

use std::path::{Path, PathBuf};

use clap::Subcommand;
use rust_i18n::t;

use super::CliError;
use super::out::say;
use crate::domain::profile::RegisterProfile;
use crate::domain::{History, Invitation, Op, Session};
use crate::import::{self, sirene};
use crate::store;
use crate::text;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The register's establishment file (SIRENE `StockEtablissement`, or an extract).
    Sirene {
        file: PathBuf,
        #[arg(long, value_name = "PATH")]
        session: PathBuf,
        #[arg(long, value_name = "CODES")]
        communes: Option<String>,
        #[arg(long = "voies", alias = "streets", value_name = "VOIES")]
        voies: Option<String>,
        #[arg(long, value_name = "ZONE.geojson")]
        zone: Option<PathBuf>,
    },
    /// The CNIG « sites économiques » file.
    Cnig {
        file: PathBuf,
        #[arg(long, value_name = "PATH")]
        session: PathBuf,
        #[arg(long, value_name = "NOM")]
        site: Option<String>,
    },
}

/// The help of `import` and its two commands in the interface's language.
pub(super) fn localise(cmd: clap::Command) -> clap::Command {
    let subs: [(&str, &[&str]); 2] = [
        ("sirene", &["file", "session", "communes", "voies", "zone"]),
        ("cnig", &["file", "session", "site"]),
    ];
    cmd.mut_subcommand("import", |s| {
        let s = s
            .about(t!("cli.import.about").into_owned())
            .subcommand_required(true);
        let s = subs.into_iter().fold(s, |s, (name, args)| {
            s.mut_subcommand(name, |mut c| {
                c = c.about(t!(format!("cli.import.{name}.about")).into_owned());
                for arg in args {
                    c = c.mut_arg(*arg, |a| {
                        a.help(t!(format!("cli.import.{name}.{arg}")).into_owned())
                    });
                }
                super::clap_text::localised(c)
            })
        });
        super::clap_text::localised(s)
    })
}

pub(super) fn run(what: ImportCommand) -> Result<(), CliError> {
    match what {
        ImportCommand::Sirene {
            file,
            session,
            communes,
            voies,
            zone,
        } => sirene(&file, &session, communes.as_deref(), voies.as_deref(), zone),
        ImportCommand::Cnig {
            file,
            session,
            site,
        } => cnig(&file, &session, site.as_deref()),
    }
}

/// Applies `ops` to the session at `path` and writes it the way every process does (the write
/// lock, the latest file re-read, these edits replayed onto it): a facilitator or rapporteurs
/// working on the file keep their edits, and see these at their next read.
fn write(path: &Path, ops: Vec<Op>) -> Result<Session, CliError> {
    let (session, text, stamp) = store::sync::read(path)?;
    let mut local = session.clone();
    let mut history = History::default();
    let mut pending = Vec::new();
    let mut push = |local: &mut Session, op: Op| -> Result<(), CliError> {
        let inverse = history
            .apply(local, op.clone())
            .map_err(|e| CliError::Usage(e.to_string()))?;
        pending.push(crate::domain::merge::Pending { op, inverse });
        Ok(())
    };
    // A file never opened yet keeps the id its calendar was named after (see
    // `store::stable_id`): given before the change alters its content.
    if local.id.is_empty() {
        push(&mut local, Op::SetId(store::stable_id(&session)))?;
    }
    for op in ops {
        push(&mut local, op)?;
    }
    store::sync::Shared::new(text, stamp).sync(
        path,
        &mut local,
        &mut pending,
        "atelier import",
        crate::tui::now(),
    )?;
    Ok(local)
}

/// The session file, resolved and read once to check it before the data file is read.
fn session_at(path: &Path) -> Result<(PathBuf, Session), CliError> {
    let path = store::resolve(path)?;
    let (session, _, _) = store::sync::read(&path)?;
    Ok((path, session))
}

fn sirene(
    file: &Path,
    session: &Path,
    communes: Option<&str>,
    voies: Option<&str>,
    zone: Option<PathBuf>,
) -> Result<(), CliError> {
    let (path, before) = session_at(session)?;
    let area = zone.as_deref().map(import::geojson::read).transpose()?;
    let filter = sirene::Filter {
        communes: communes.map(import::split_list).unwrap_or_default(),
        streets: voies.map(import::split_list).unwrap_or_default(),
        area,
    };
    let today = crate::tui::now().date_naive();
    let out = sirene::read(file, &filter, Some(today))?;
    if out.establishments.is_empty() {
        return Err(import::ImportError::NothingKept {
            path: file.to_path_buf(),
            rows: out.rows,
        }
        .into());
    }
    let invitations: Vec<Invitation> = out
        .establishments
        .iter()
        .map(Invitation::from_establishment)
        .collect();
    let known: std::collections::HashSet<&str> = before
        .invitations
        .iter()
        .map(|i| i.siret.as_str())
        .collect();
    let added = invitations
        .iter()
        .filter(|i| !known.contains(i.siret.as_str()))
        .count();
    let invalid = invitations.iter().filter(|i| !i.siret_ok).count();
    let profile = out.profile;
    let after = write(
        &path,
        vec![
            Op::SetRegisterProfile(Some(Box::new(profile.clone()))),
            Op::MergeInvitations(invitations),
        ],
    )?;
    let sep = t!("import.sep");
    say!(
        "{}{sep}{}{sep}{}",
        format!(
            "{} {}",
            t!(
                &text::plural(out.establishments.len(), "import.sirene.kept"),
                n = text::number(out.establishments.len() as u64)
            ),
            t!(
                &text::plural(out.rows as usize, "import.sirene.of_rows"),
                n = text::number(out.rows)
            )
        ),
        t!(
            &text::plural(added, "import.sirene.added"),
            n = text::number(added as u64)
        ),
        t!(
            &text::plural(invalid, "import.sirene.invalid"),
            n = text::number(invalid as u64)
        ),
    );
    if out.without_position > 0 {
        say!(
            "{}",
            t!(
                &text::plural(
                    out.without_position as usize,
                    "import.sirene.without_position"
                ),
                n = text::number(out.without_position)
            )
        );
    }
    if let Some(line) = vocation_line(&profile, &after) {
        say!("{line}");
    }
    say!("{}", t!("import.sirene.next"));
    Ok(())
}

/// « Vocation suggérée : industrielle (choisie : mixte) ».
fn vocation_line(profile: &RegisterProfile, s: &Session) -> Option<String> {
    let suggested = profile.suggested_vocation()?;
    Some(
        t!(
            "import.sirene.vocation",
            suggested = t!(suggested.label_key()),
            chosen = t!(s.zone.vocation.label_key())
        )
        .into_owned(),
    )
}

fn cnig(file: &Path, session: &Path, site: Option<&str>) -> Result<(), CliError> {
    let (path, before) = session_at(session)?;
    let wanted = site.unwrap_or(&before.zone.name).to_string();
    let found = import::cnig::read(file, &wanted)?;
    write(&path, vec![Op::SetSiteProfile(Some(found.clone()))])?;
    let mut facts = Vec::new();
    if let Some(ha) = found.area_ha {
        facts.push(text::hectares(ha));
    }
    if let Some(n) = found.establishments {
        facts.push(
            t!(
                &text::plural(n as usize, "import.cnig.establishments"),
                n = text::number(u64::from(n))
            )
            .into_owned(),
        );
    }
    if let Some(v) = &found.vocation {
        facts.push(text::label(&t!("import.cnig.vocation"), v));
    }
    say!(
        "{}",
        text::label(
            &t!("import.cnig.site", name = text::quoted(&found.name)),
            &if facts.is_empty() {
                t!("import.cnig.nothing").into_owned()
            } else {
                facts.join(", ")
            }
        )
    );
    Ok(())
}
