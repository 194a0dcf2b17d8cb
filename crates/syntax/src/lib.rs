//! The syntax of law texts: everything from bytes on disk to the typed AST
//! and back.
//!
//! [`source`] reads a file (size, NUL and UTF-8 checks with line:column);
//! [`grammar`] holds the pest parsers of `grammar/law.pest` (lines) and
//! `grammar/heading.pest` (heading text); [`mod@parse`] turns lines into the tree
//! of [`ast`] with spans into the source; [`mod@print`] writes the canonical
//! plain-text form and [`outline`] the indented outline. [`vocab`] is the one
//! table of unit kinds and their German words that refs, amend and the
//! generator of Änderungsbefehle share, and [`date`] reads and writes German
//! dates. Errors are values ([`diag`]); outputs are written atomically
//! ([`fsutil`]).

#![warn(missing_docs)]

// pest_derive without `std` generates code that names `alloc`
extern crate alloc;

pub mod ast;
pub mod date;
pub mod diag;
pub mod fsutil;
pub mod grammar;
pub mod outline;
pub mod parse;
pub mod print;
pub mod source;
pub mod vocab;

pub use ast::{Document, Kind, Node, Span};
pub use parse::parse;
