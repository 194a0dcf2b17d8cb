//! A law checked by `lint`: what `lint --fix` and `pdf` take from it (its own
//! module, so that `lint` and `fix` do not name each other).

use paragraf::project::Law;

/// A law parsed, its citations resolved and linted.
pub struct Checked {
    /// The law as loaded.
    pub law: Law,
    /// Its citations, resolved.
    pub refs: Vec<refs::Resolved>,
    /// The findings of the lint rules.
    pub diags: Vec<lint::Diagnostic>,
}
