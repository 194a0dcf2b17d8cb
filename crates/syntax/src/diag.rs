//! Warnings and errors as values, carrying their position.

use serde::{Deserialize, Serialize};

/// A non-fatal finding of the parser (a line it could not structure, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Its line (from 1).
    pub line: u32,
    /// Its column in characters (from 1).
    pub column: u32,
    /// What was found.
    pub message: String,
}

/// Why a law could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file cannot be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// The path names a directory.
    #[error("{path}: is a directory, expected a law text file")]
    IsDirectory {
        /// The path.
        path: String,
    },
    /// The file is not UTF-8.
    #[error("{path}:{line}:{column}: invalid UTF-8 at byte {offset}; law texts must be UTF-8")]
    InvalidUtf8 {
        /// The file.
        path: String,
        /// The byte where the text stops being UTF-8.
        offset: usize,
        /// Its line (from 1).
        line: usize,
        /// Its column in characters (from 1).
        column: usize,
    },
    /// The file holds a NUL byte (a binary file).
    #[error("{path}:{line}:{column}: NUL byte at byte {offset}; this looks like a binary file, not a law text")]
    NulByte {
        /// The file.
        path: String,
        /// The byte of the first NUL.
        offset: usize,
        /// Its line (from 1).
        line: usize,
        /// Its column in characters (from 1).
        column: usize,
    },
    /// The file is larger than the limit.
    #[error("{path}: {size} bytes exceeds the limit of {limit} bytes (set PARAGRAF_MAX_FILE_SIZE to raise it)")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes (`PARAGRAF_MAX_FILE_SIZE`).
        limit: u64,
    },
}
