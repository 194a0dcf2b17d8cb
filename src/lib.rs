//! paragraf: a toolkit for drafting German-style model legislation.
//!
//! Data flow: text → [`grammar`] (pest) → [`parse`] → [`ast::Document`] →
//! lint / diff / amend / render. See ARCHITECTURE.md.

extern crate alloc;

pub mod amend;
pub mod ast;
pub mod diag;
pub mod diff;
pub mod fsutil;
pub mod grammar;
pub mod legaldocml;
pub mod lint;
pub mod lsp;
pub mod outline;
pub mod parse;
pub mod pdf;
pub mod project;
pub mod refs;
pub mod source;
pub mod workspace;
pub mod write;

pub use ast::{Document, Kind, Node, Span};
pub use parse::parse;
