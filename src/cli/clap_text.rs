//! The command line's own words in the interface's language: clap writes « Print help »,
//! English headings and English errors; these replace them.

use rust_i18n::t;

use crate::text;

/// The help of a command in the interface's language: clap's own flag says « Print help »
/// and its headings are English, so the flag, the template and the headings are ours.
pub(super) fn localised(cmd: clap::Command) -> clap::Command {
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t!("cli.help.usage")
    );
    let cmd = cmd
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(t!("cli.help_flag").into_owned()),
        )
        .help_template(template)
        .subcommand_help_heading(t!("cli.help.commands").into_owned());
    // Every argument under a heading in the language (positional ones apart), defaults and
    // possible values said in the help texts themselves.
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| {
            (
                a.get_id().to_string(),
                a.is_positional(),
                a.get_action().takes_values(),
            )
        })
        .collect();
    ids.into_iter().fold(cmd, |cmd, (id, positional, values)| {
        cmd.mut_arg(id, |a| {
            let a = a.help_heading(if positional {
                t!("cli.help.arguments").into_owned()
            } else {
                t!("cli.help.options").into_owned()
            });
            if values {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        })
    })
}

/// A command-line mistake in the interface's language: what was wrong, the possible values
/// where there are some, and where to look. clap's own wording for the rare cases.
pub(super) fn usage_error(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            Some(other) => other.to_string(),
            None => String::new(),
        }
    };
    let what = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = ctx(ContextKind::ValidValue);
            let base = t!(
                "cli.error.invalid_value",
                value = ctx(ContextKind::InvalidValue),
                arg = ctx(ContextKind::InvalidArg)
            )
            .into_owned();
            if valid.is_empty() {
                base
            } else {
                format!("{base} {}", t!("cli.error.possible", values = valid))
            }
        }
        ErrorKind::UnknownArgument => t!(
            "cli.error.unknown_argument",
            arg = ctx(ContextKind::InvalidArg)
        )
        .into_owned(),
        ErrorKind::InvalidSubcommand => t!(
            "cli.error.unknown_command",
            command = ctx(ContextKind::InvalidSubcommand)
        )
        .into_owned(),
        ErrorKind::MissingRequiredArgument => {
            t!("cli.error.missing", arg = ctx(ContextKind::InvalidArg)).into_owned()
        }
        ErrorKind::ValueValidation => t!(
            "cli.error.invalid_value",
            value = ctx(ContextKind::InvalidValue),
            arg = ctx(ContextKind::InvalidArg)
        )
        .into_owned(),
        _ => return e.to_string().trim_end().to_string(),
    };
    format!(
        "{}\n{}",
        text::label("atelier", &what),
        t!("cli.error.more")
    )
}
