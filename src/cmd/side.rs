//! One Fassung of a comparison, shared by `diff` and `diff --amendments`
//! (its own module, so that `diff` and `folge` do not name each other).

use std::path::PathBuf;

/// A Fassung to compare: the document, and what to call it.
pub(crate) struct Side {
    pub doc: syntax::Document,
    /// The text the document was read from (its spans point into it).
    pub src: String,
    pub path: PathBuf,
}
