//! The outline of a law as an indented tree (`paragraf parse FILE`).

use crate::ast::{Document, Kind, Node};
use std::fmt::Write;

/// One line per unit down to Absatz/Nummer; Sätze and text are summarized.
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(t) = &doc.title {
        let _ = writeln!(out, "{t}");
    }
    if let Some(f) = &doc.fassung {
        let _ = writeln!(out, "Fassung: {f}");
    }
    for c in &doc.root.children {
        write_node(&mut out, c, 0);
    }
    out
}

fn write_node(out: &mut String, n: &Node, depth: usize) {
    match n.kind {
        Kind::Satz | Kind::Langtitel | Kind::Fassung | Kind::Frontmatter | Kind::Zeile => return,
        _ => {}
    }
    let indent = "  ".repeat(depth);
    let label = n.label();
    let saetze = n.children.iter().filter(|c| c.kind == Kind::Satz).count();
    let mut line = format!("{indent}{}", n.kind.as_str());
    if !label.is_empty() {
        let _ = write!(line, " {label}");
    }
    if n.kind == Kind::Metadatum {
        let _ = write!(line, ": {}", n.text.as_deref().unwrap_or(""));
    }
    if saetze > 0 {
        let _ = write!(
            line,
            " [{saetze} {}]",
            if saetze == 1 { "Satz" } else { "Sätze" }
        );
    }
    let _ = writeln!(out, "{line}  ({}:{})", n.span.line, n.span.column);
    for c in &n.children {
        write_node(out, c, depth + 1);
    }
}
