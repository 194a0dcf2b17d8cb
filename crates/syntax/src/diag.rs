//! Warnings and errors as values, carrying their position.

use serde::{Deserialize, Serialize};

/// A non-fatal finding of the parser (a line it could not structure, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What kind of finding it is (a stable code).
    pub code: WarningCode,
    /// Its line (from 1).
    pub line: u32,
    /// Its column in characters (from 1).
    pub column: u32,
    /// What was found.
    pub message: String,
}

/// The kinds of parse warnings, each with a stable code (`paragraf parse
/// --json` writes it; lint shows them all as rule P001). The reading rules
/// of plain text are in ARCHITECTURE.md, "Plain text need not set its units
/// apart by blank lines".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    /// A line that reads as a heading starts its unit though no blank line
    /// precedes it (a backslash keeps it text).
    HeadingWithoutBlank,
    /// A line that reads as a heading continues the sentence above (a blank
    /// line makes it a heading).
    HeadingAsText,
    /// A line that starts with a list marker is text of the paragraph above
    /// (a blank line makes it the unit).
    ItemAsText,
    /// A line that starts with a list marker starts its unit though no blank
    /// line precedes it and the text above could go on (a backslash keeps
    /// it text).
    ItemWithoutBlank,
    /// One paragraph per line: a Satznummer at the margin after a whole
    /// sentence starts a paragraph of its own (indented, it continues the
    /// paragraph above).
    SatzAsParagraph,
    /// Plain text that yields no §, Artikel, Absatz or Anlage.
    NoUnit,
    /// Plain text outside of any unit, after the first.
    TextOutsideUnit,
    /// Lists nested deeper than the limit.
    Nesting,
    /// Front matter that is not valid YAML.
    FrontMatter,
}

impl WarningCode {
    /// The stable code ("item-as-text").
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HeadingWithoutBlank => "heading-without-blank",
            Self::HeadingAsText => "heading-as-text",
            Self::ItemAsText => "item-as-text",
            Self::ItemWithoutBlank => "item-without-blank",
            Self::SatzAsParagraph => "satz-as-paragraph",
            Self::NoUnit => "no-unit",
            Self::TextOutsideUnit => "text-outside-unit",
            Self::Nesting => "nesting",
            Self::FrontMatter => "front-matter",
        }
    }

    /// Whether it says how a line of plain text was read where it could be
    /// read otherwise (a unit or text), naming the escape for the other
    /// reading.
    pub fn is_reading(self) -> bool {
        matches!(
            self,
            Self::HeadingWithoutBlank
                | Self::HeadingAsText
                | Self::ItemAsText
                | Self::ItemWithoutBlank
                | Self::SatzAsParagraph
        )
    }
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
