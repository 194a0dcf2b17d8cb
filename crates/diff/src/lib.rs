//! Structural comparison of two Fassungen of a law.
//!
//! Both laws are flattened into their units in document order ([`Entry`]: a
//! Gliederung heading, a §, an Absatz, a Nummer, a paragraph of text ...,
//! each with its own wording; Sätze belong to the unit that holds them).
//! Units are aligned by their id (kind and number) with the patience
//! algorithm; units left over on both sides are paired by wording, which
//! finds renumbered and moved units. Inside a matched unit the wording is
//! compared word by word. The result is a list of [`Change`]s that
//! [`apply()`] turns back into the new Fassung.

#![warn(missing_docs)]

pub mod render;

mod align;
mod apply;
mod change;
mod entry;
mod patience;
mod renumber;
mod words;

pub use align::{diff, diff_entries};
pub use apply::{apply, ApplyError};
pub use change::{Change, ChangeKind, Units, WordEdit, WordOp};
pub use entry::{citation_of, entries, Entry, PUBLISHER_MARK};
pub use words::{tokens, word_edits};
