//! PDF output with an embedded Typst. The law goes in as data (`/law.json`);
//! the world serves the template files and that data, nothing else.

pub mod model;

#[cfg(feature = "pdf")]
mod links;
#[cfg(feature = "pdf")]
mod world;

#[cfg(feature = "pdf")]
pub use world::{compile, compile_main, typeset, Options, PdfError, Template};
