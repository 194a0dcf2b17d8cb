//! Parsing: text → classified lines (pest) → tree ([`crate::ast`]).

pub(crate) mod build;
pub mod heading;
mod ids;
pub mod lines;
mod reading;
pub mod text;

pub use build::{is_successor, Limits};

use crate::ast::Document;

/// Parse a law text. Never fails: lines the grammar cannot structure become
/// text nodes, and the document's `warnings` say so.
pub fn parse(src: &str) -> Document {
    parse_with(src, Limits::default())
}

/// [`parse`] with other limits (nesting, sizes) than the defaults.
pub fn parse_with(src: &str, limits: Limits) -> Document {
    let lines = lines::classify(src);
    build::build(src, lines, limits)
}

/// Parse a passage quoted in an Änderungsbefehl ("§ 4a Meldepflicht\n\n(1) ...")
/// into the units it holds.
pub fn parse_fragment(src: &str) -> Vec<crate::ast::Node> {
    let doc = parse_with(
        src,
        Limits {
            fragment: true,
            ..Limits::default()
        },
    );
    doc.root.children
}

/// Give every node its id anew (after the tree was changed).
pub fn assign_ids(root: &mut crate::ast::Node) {
    ids::assign(root);
}

/// Read and parse a file.
pub fn parse_file(path: &std::path::Path) -> Result<Document, crate::diag::LoadError> {
    let src = crate::source::read_law(path)?;
    let mut doc = parse(&src);
    doc.path = Some(path.display().to_string());
    Ok(doc)
}
