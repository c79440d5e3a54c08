//! What goes wrong with a session file, said once for the user: a parse error with its line
//! and column, a newer format, a file that is not UTF-8, an I/O error with the path.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{path}: format version {found} is newer than this atelier ({supported})")]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: {problems:?}")]
    Integrity {
        path: PathBuf,
        problems: Vec<crate::domain::session::Problem>,
    },
    #[error("{path}: already open by {holder}")]
    Locked { path: PathBuf, holder: String },
    #[error("{path}: already exists")]
    AlreadyExists { path: PathBuf },
    #[error("{path}: deleted by another program")]
    Missing { path: PathBuf },
    #[error("{path}: {links} names (hard links)")]
    HardLinked { path: PathBuf, links: u64 },
    #[error("serialisation failed: {0}")]
    Serialize(String),
}

impl StoreError {
    pub fn io(path: &Path, source: io::Error) -> Self {
        StoreError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// One clear message for the user, in the UI language.
    pub fn user_message(&self) -> String {
        match self {
            StoreError::Io { path, source } => {
                rust_i18n::t!("store.io", path = path.display(), error = source).into_owned()
            }
            StoreError::Parse {
                path,
                line,
                col,
                message,
            } => format!(
                "{}:{line}:{col}: {}",
                path.display(),
                rust_i18n::t!("store.parse", message = message)
            ),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => rust_i18n::t!(
                "store.too_new",
                path = path.display(),
                found = found,
                supported = supported
            )
            .into_owned(),
            StoreError::Integrity { path, problems } => rust_i18n::t!(
                "store.integrity",
                path = path.display(),
                problems = problems
                    .iter()
                    .map(|p| problem_text(*p))
                    .collect::<Vec<_>>()
                    .join(if crate::text::Lang::current() == crate::text::Lang::Fr {
                        "\u{a0}; "
                    } else {
                        "; "
                    })
            )
            .into_owned(),
            StoreError::Locked { path, holder } => {
                rust_i18n::t!("store.locked", path = path.display(), holder = holder).into_owned()
            }
            StoreError::AlreadyExists { path } => {
                rust_i18n::t!("store.exists", path = path.display()).into_owned()
            }
            StoreError::Missing { path } => {
                // The file's name: the footer has room for little more.
                let name = path.file_name().unwrap_or(path.as_os_str());
                rust_i18n::t!("store.missing", path = name.display()).into_owned()
            }
            StoreError::HardLinked { path, links } => {
                rust_i18n::t!("store.hard_linked", path = path.display(), links = links)
                    .into_owned()
            }
            StoreError::Serialize(e) => rust_i18n::t!("store.serialize", error = e).into_owned(),
        }
    }
}

/// The parser's complaint in the interface's language, worded for someone who edited the file
/// by hand; the rare ones share one sentence (the line and column say where).
pub(super) fn ron_message(e: &ron::error::SpannedError, text: &str) -> String {
    use ron::Error as E;
    use rust_i18n::t;
    // An error on the last line of text is the file ending too early (a cut copy, a
    // half-written file from another tool), whatever token the parser wanted next.
    let at_end = e.span.start.line >= text.trim_end().lines().count();
    match &e.code {
        E::ExceededRecursionLimit => t!("store.ron.too_deep"),
        E::TrailingCharacters => t!("store.ron.trailing"),
        _ if at_end => t!("store.ron.eof"),
        E::Eof => t!("store.ron.eof"),
        E::ExpectedComma => t!("store.ron.comma"),
        E::ExpectedMapColon => t!("store.ron.colon"),
        E::ExpectedIdentifier => t!("store.ron.identifier"),
        E::ExpectedString => t!("store.ron.string"),
        E::ExpectedStringEnd => t!("store.ron.string_end"),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => t!("store.ron.open_paren"),
        E::ExpectedStructLikeEnd => t!("store.ron.close_paren"),
        E::ExpectedArray => t!("store.ron.open_bracket"),
        E::ExpectedArrayEnd => t!("store.ron.close_bracket"),
        E::ExpectedInteger | E::IntegerOutOfBounds => t!("store.ron.integer"),
        E::UnexpectedChar(c) => t!("store.ron.unexpected_char", c = c),
        E::MissingStructField { field, .. } => t!("store.ron.missing_field", field = field),
        E::DuplicateStructField { field, .. } => t!("store.ron.duplicate_field", field = field),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => t!(
            "store.ron.no_such_value",
            found = found,
            expected = expected.join(", ")
        ),
        _ => t!("store.ron.syntax"),
    }
    .into_owned()
}

fn problem_text(p: crate::domain::session::Problem) -> String {
    use crate::domain::session::Problem;
    match p {
        Problem::ParticipantTwice(id) => rust_i18n::t!("store.problem.participant_twice", id = id),
        Problem::ThemeTwice(id) => rust_i18n::t!("store.problem.theme_twice", id = id),
        Problem::GroupWithoutTheme(id) => {
            rust_i18n::t!("store.problem.group_without_theme", id = id)
        }
        Problem::ThemeWithTwoGroups(id) => {
            rust_i18n::t!("store.problem.theme_with_two_groups", id = id)
        }
        Problem::LineTwice(id) => rust_i18n::t!("store.problem.line_twice", id = id),
        Problem::WorkshopTwice(n) => rust_i18n::t!("store.problem.workshop_twice", n = n),
    }
    .into_owned()
}

/// Where a file stops being UTF-8 (a session saved by another program in another encoding).
#[derive(Debug)]
pub(super) struct NotUtf8 {
    pub(super) line: usize,
    pub(super) col: usize,
    pub(super) utf16: bool,
}

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not UTF-8 at {}:{}", self.line, self.col)
    }
}

impl std::error::Error for NotUtf8 {}

impl StoreError {
    /// A failed read of a session file: a text that is not UTF-8 is a parse error with its
    /// line and column (exit 2), anything else an I/O error.
    pub fn reading(path: &Path, e: io::Error) -> StoreError {
        match e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<NotUtf8>())
        {
            Some(at) => StoreError::Parse {
                path: path.to_path_buf(),
                line: at.line,
                col: at.col,
                message: if at.utf16 {
                    rust_i18n::t!("store.ron.utf16").into_owned()
                } else {
                    rust_i18n::t!("store.ron.utf8").into_owned()
                },
            },
            None => StoreError::io(path, e),
        }
    }
}
