//! One error type for the library. Variants keep their sources and say which file, line or part
//! of a query was at fault; nothing a user or a file can influence panics instead.

use std::path::PathBuf;

/// A `Result` with geochron's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in geochron.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// An article could not be read from its input; the rest of the batch goes on.
    #[error(transparent)]
    Input(#[from] crate::ingest::InputError),
    /// The store failed underneath.
    #[error("store: {0}")]
    Store(#[from] sled::Error),
    /// The store is in use by another process.
    #[error("{}: the store is in use by another process (close it there, or open another path)", path.display())]
    Locked {
        /// The store's folder.
        path: PathBuf,
    },
    /// The store was written by a version of geochron with another format.
    #[error(
        "{}: store format {found}, but this geochron reads format {expected}; move it: with the geochron that wrote it, `geochron --db OLD dump FILE`, then with this one `geochron --db NEW restore FILE`",
        path.display()
    )]
    FormatVersion {
        /// The store's folder.
        path: PathBuf,
        /// The format the store declares.
        found: u32,
        /// The format this build reads and writes.
        expected: u32,
    },
    /// The store is damaged: sled cannot read its file back, a stored value or key does not
    /// decode, or committed writes were lost. `geochron check` says what is lost;
    /// `check --repair` keeps what can be read.
    #[error("store damaged: {}", with_check_hint(.0))]
    Corrupt(String),
    /// A statement did not parse or made no sense; render it with [`crate::query::QueryError::render`].
    #[error(transparent)]
    Query(#[from] crate::query::QueryError),
    /// A value handed to the library breaks its contract (an event naming another article,
    /// a value too large to store); nothing was written.
    #[error("invalid: {0}")]
    Invalid(String),
    /// Something asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A read was asked of a store that does not exist (a write — `ingest`, a gazetteer
    /// import — creates it); opening one for reading never creates an empty one.
    #[error("no store at {}: ingest first, or --db PATH", shown_path(path))]
    NoStore {
        /// Where the store was looked for.
        path: PathBuf,
    },
    /// The statement was interrupted (Ctrl-C in the shell) before it finished. What it had
    /// written stays written: an ingest stops between two batches, each stored whole.
    #[error("interrupted{}", if .0.is_empty() { String::new() } else { format!(": {}", .0) })]
    Interrupted(String),
}

/// A path as a message shows it: a relative one from `./`, so it reads as a path.
fn shown_path(path: &std::path::Path) -> String {
    if path.is_relative() && !path.starts_with(".") && !path.starts_with("..") {
        format!("./{}", path.display())
    } else {
        path.display().to_string()
    }
}

/// A damage message with the way on (`run geochron check`), unless it names one already.
fn with_check_hint(message: &str) -> String {
    if message.contains("`geochron ") {
        message.to_string()
    } else {
        format!("{message}; run `geochron check`")
    }
}
