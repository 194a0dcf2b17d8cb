//! The text of the law as the rules read it (its paragraphs of Sätze), and
//! units as messages name them.

use syntax::ast::{Kind, Node};
use syntax::vocab;

/// The Sätze of each paragraph (Absatz, Nummer, Text, ...).
pub(crate) fn paragraphs(root: &Node) -> Vec<Vec<&Node>> {
    let mut out = Vec::new();
    root.walk(&mut |n, _| {
        let s: Vec<&Node> = n.children.iter().filter(|c| c.kind == Kind::Satz).collect();
        if !s.is_empty() {
            out.push(s);
        }
    });
    out
}

/// How a unit is named in messages: "§ 4", "Absatz 3", "Nummer 2",
/// "Doppelbuchstabe aa", "Abschnitt 1" (the words from [`syntax::vocab`]).
pub(crate) fn unit_name(n: &Node) -> String {
    use syntax::ast::Kind::*;
    let num = n.num.as_deref().unwrap_or("");
    match (n.kind, vocab::word(n.kind)) {
        (Paragraf, _) => n.marker.clone().unwrap_or_else(|| format!("§ {num}")),
        (Artikel | Absatz | Nummer | Buchstabe | Doppelbuchstabe, Some(word)) => {
            format!("{word} {num}")
        }
        (_, word) => n
            .marker
            .clone()
            .unwrap_or_else(|| format!("{} {num}", word.unwrap_or(n.kind.as_str()))),
    }
}
