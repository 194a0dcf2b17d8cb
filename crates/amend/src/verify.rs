//! Verified before written: an amending law, read back and applied to the
//! old Fassung, must give the new one. [`verify`] does it and names the
//! first unit where the result and the new Fassung part, with its line.

use crate::{parse, AmendError};
use syntax::ast::{Document, Kind};

/// Why an amending law does not turn the old Fassung into the new one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Mismatch {
    /// The reader does not accept the generated text.
    #[error("the amending law does not read back: {0}")]
    Unreadable(String),
    /// A command does not apply.
    #[error("{0}")]
    Failed(String),
    /// Applied, the result differs from the new Fassung at this unit.
    #[error("{line}: {unit} ({id}) {what}")]
    Differs {
        /// The unit's id (in the new Fassung, or the result where the new one lacks it).
        id: String,
        /// How a citation names it: "§ 5 Absatz 1".
        unit: String,
        /// Its line in the new Fassung (0 where it has none).
        line: u32,
        /// What differs.
        what: Difference,
    },
}

/// How a unit of the result differs from the new Fassung.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Difference {
    /// Both have it, with other wording (number, heading or text).
    Wording,
    /// The new Fassung has it, the result does not.
    Missing,
    /// The result has it, the new Fassung does not.
    Extra,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Difference::Wording => "reads otherwise after the amending law than in the new Fassung",
            Difference::Missing => "is in the new Fassung but not after the amending law",
            Difference::Extra => "is after the amending law but not in the new Fassung",
        })
    }
}

/// A unit as the comparison sees it: id, kind, number, heading and text,
/// whitespace and the publisher's marks left out.
type View = (String, Kind, Option<String>, Option<String>, String);

fn words(s: &str) -> String {
    s.replace(diff::PUBLISHER_MARK, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The law text of a Fassung, unit by unit (not its editorial parts).
pub fn law_units(doc: &Document) -> Vec<View> {
    diff::entries(doc)
        .into_iter()
        .filter(|e| !e.kind.is_editorial())
        .map(|e| {
            let title = e.title.as_deref().map(words);
            (e.id, e.kind, e.num, title, words(&e.text))
        })
        .collect()
}

/// The first unit where `got` and `want` part.
pub fn first_difference(got: &Document, want: &Document) -> Option<Mismatch> {
    let (g, w) = (law_units(got), law_units(want));
    let i = g.iter().zip(&w).position(|(x, y)| x != y);
    let (id, what) = match i {
        Some(i) if g[i].0 == w[i].0 => (w[i].0.clone(), Difference::Wording),
        // a unit one side has and the other lacks: the one that is not further on
        Some(i) if g[i..].iter().any(|x| x.0 == w[i].0) => (g[i].0.clone(), Difference::Extra),
        Some(i) => (w[i].0.clone(), Difference::Missing),
        None if g.len() > w.len() => (g[w.len()].0.clone(), Difference::Extra),
        None if w.len() > g.len() => (w[g.len()].0.clone(), Difference::Missing),
        None => return None,
    };
    let at = want.root.find(&id).or_else(|| got.root.find(&id));
    let entries = if what == Difference::Extra {
        diff::entries(got)
    } else {
        diff::entries(want)
    };
    Some(Mismatch::Differs {
        unit: diff::citation_of(&id, &entries),
        line: at.map_or(0, |n| n.span.line),
        id,
        what,
    })
}

/// Read the amending law `text` (for the law called `title`), apply it to
/// `old` and compare with `new`: Ok with the consolidated Fassung, or the
/// first problem.
pub fn verify(
    old: &Document,
    new: &Document,
    text: &str,
    title: Option<&str>,
) -> Result<Document, Mismatch> {
    let mut doc = old.clone();
    if text.trim_end().ends_with("wie folgt geändert:") {
        // no command: the Fassungen must agree as they are
        return match first_difference(&doc, new) {
            Some(m) => Err(m),
            None => Ok(doc),
        };
    }
    let law = parse::parse("generated", text, title, None)
        .map_err(|e: AmendError| Mismatch::Unreadable(e.to_string()))?;
    let o = crate::apply::apply(&mut doc, &law, "generated", &Default::default(), false);
    if let Some(e) = o.failed.first() {
        return Err(Mismatch::Failed(e.to_string()));
    }
    match first_difference(&doc, new) {
        Some(m) => Err(m),
        None => Ok(doc),
    }
}
