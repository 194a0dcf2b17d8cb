//! Warnings and errors as values, carrying their position.

use serde::{Deserialize, Serialize};

/// A non-fatal finding of the parser (a line it could not structure, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// Why a law could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: is a directory, expected a law text file")]
    IsDirectory { path: String },
    #[error("{path}:{line}:{column}: invalid UTF-8 at byte {offset}; law texts must be UTF-8")]
    InvalidUtf8 {
        path: String,
        offset: usize,
        line: usize,
        column: usize,
    },
    #[error("{path}:{line}:{column}: NUL byte at byte {offset}; this looks like a binary file, not a law text")]
    NulByte {
        path: String,
        offset: usize,
        line: usize,
        column: usize,
    },
    #[error("{path}: {size} bytes exceeds the limit of {limit} bytes (set PARAGRAF_MAX_FILE_SIZE to raise it)")]
    TooLarge { path: String, size: u64, limit: u64 },
}
