//! PDF output with an embedded Typst, the only crate that depends on typst.
//!
//! [`model`] reduces a law to its render data (the AST's printed parts,
//! Sätze as runs with the citations that resolve in the same document);
//! `world` is the Typst `World` that serves the templates and that data as
//! `/law.json`, nothing else, with the bundled fonts and a fixed date; `links`
//! points citation links at their targets after layout. Law text is data,
//! never markup: it reaches Typst only through JSON.

#![warn(missing_docs)]

pub mod model;

mod links;
mod notes;
mod ties;
mod world;

pub use world::{compile, compile_main, typeset, Options, PdfError, Template};
