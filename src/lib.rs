//! The `paragraf` binary's library: what ties the phase crates together for
//! the command line, the language server and `watch`.
//!
//! [`workspace`] reads `paragraf.toml` into typed values and finds law files;
//! [`project`] loads a law with its workspace, resolves its citations and
//! lints it; [`consolidate`] loads laws and amending laws in any format
//! (plain text, Markdown, LegalDocML.de) and applies one to the other;
//! [`lsp`] is the language server. The phases themselves live in their
//! crates: `syntax` (paragraf-syntax), `refs`, `lint`, `diff`, `amend`,
//! `legaldocml` and `pdf`.

#![warn(missing_docs)]

pub mod consolidate;
pub mod folge;
pub mod history;
pub mod lsp;
pub mod mantel;
pub mod project;
pub mod workspace;
