//! Errors the library reports to its callers; the CLI maps every one to exit code 2.

use std::fmt;

/// Everything that can stop factdiff from producing a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// An input article could not be used; `path` names it, `reason` says why.
    Input {
        /// The file (or `file:line`, or a batch line's id) the input came from.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A rules file is malformed: file, line, column and the problem (with the key).
    Rules {
        /// The rules or config file.
        file: String,
        /// Line, column, key and the problem.
        message: String,
    },
    /// Anything else the caller passed that cannot be honoured.
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input { path, reason } => write!(f, "{path}: {reason}"),
            Error::Rules { file, message } => write!(f, "{file}: {message}"),
            Error::Usage(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for Error {}

/// Result type of the library.
pub type Result<T> = std::result::Result<T, Error>;
