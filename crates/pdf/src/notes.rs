//! Footnotes: a reference `[^id]` in the text becomes a Typst footnote that
//! carries the text of the definition `[^id]: …`, numbered per law; the
//! definition itself is not printed where it stands. No raw marker reaches
//! the page: a reference without a definition gets a footnote that says so,
//! a definition nobody refers to is printed where it stands, without its id.

use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use syntax::ast::{Document, Kind, Node};

/// The pieces of a text: plain text and footnote references, in order.
pub fn split_refs(text: &str) -> Vec<Result<&str, &str>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(a) = rest.find("[^") {
        let after = &rest[a + 2..];
        let Some(b) = after.find(']') else { break };
        let id = &after[..b];
        if id.is_empty() || id.contains(char::is_whitespace) {
            // not a reference: keep "[^" as text and look further
            out.push(Ok(&rest[..a + 2]));
            rest = after;
            continue;
        }
        if a > 0 {
            out.push(Ok(&rest[..a]));
        }
        out.push(Err(id));
        rest = &after[b + 1..];
    }
    if !rest.is_empty() {
        out.push(Ok(rest));
    }
    out
}

/// The ids a text refers to, if the text is nothing but references (and spaces).
fn only_refs(text: &str) -> Option<Vec<&str>> {
    let mut ids = Vec::new();
    for p in split_refs(text) {
        match p {
            Err(id) => ids.push(id),
            Ok(t) if t.trim().is_empty() => {}
            Ok(_) => return None,
        }
    }
    (!ids.is_empty()).then_some(ids)
}

/// The footnotes of one law.
pub struct Notes {
    /// id → the runs of its definition.
    defs: HashMap<String, Value>,
    /// id → how often the text refers to it.
    uses: HashMap<String, usize>,
    /// ids whose footnote has been placed (a later reference points to it).
    placed: HashSet<String>,
}

impl Notes {
    /// The definitions of `doc` (their runs made by `runs`) and its references.
    pub fn new(doc: &Document, runs: impl Fn(&Node, &str) -> Value) -> Notes {
        let mut defs = HashMap::new();
        let mut uses: HashMap<String, usize> = HashMap::new();
        doc.root.walk(&mut |n, _| {
            if n.kind == Kind::Fussnote {
                let text = n.text.as_deref().unwrap_or("");
                let own: String = split_refs(text)
                    .into_iter()
                    .filter_map(Result::ok)
                    .collect();
                if let (Some(id), false) = (&n.num, own.trim().is_empty()) {
                    defs.insert(id.clone(), runs(n, own.trim()));
                }
                return;
            }
            for t in [&n.text, &n.title].into_iter().flatten().chain(&n.cells) {
                if t.contains("[^") {
                    for id in split_refs(t).into_iter().filter_map(Result::err) {
                        *uses.entry(id.to_string()).or_default() += 1;
                    }
                }
            }
        });
        Notes {
            defs,
            uses,
            placed: HashSet::new(),
        }
    }

    /// Whether the definition `n` is printed at the foot of a page (not where it stands).
    pub fn is_placed_elsewhere(&self, n: &Node) -> bool {
        n.kind == Kind::Fussnote && n.num.as_ref().is_some_and(|id| self.uses.contains_key(id))
    }

    /// The footnote references of a unit that holds nothing else (a Satz of
    /// only `[^id]` under a heading): they go to the heading.
    pub fn heading_refs(n: &Node) -> Option<Vec<String>> {
        if n.kind != Kind::Text || n.children.is_empty() {
            return None;
        }
        let mut ids = Vec::new();
        for c in &n.children {
            ids.extend(
                only_refs(c.text.as_deref()?)?
                    .into_iter()
                    .map(str::to_string),
            );
        }
        Some(ids)
    }

    /// The run of one reference: the footnote with its text, or, when it has
    /// been placed before, a reference to it (by its label `fn-<id>`).
    pub fn note(&mut self, id: &str) -> Value {
        if self.placed.contains(id) {
            return json!({ "t": "", "note_ref": format!("fn-{id}") });
        }
        let text = self
            .defs
            .get(id)
            .cloned()
            .unwrap_or_else(|| json!([format!("Fußnote „{id}“: ohne Text in der Quelle.")]));
        let mut run = json!({ "t": "", "note": text });
        if self.uses.get(id).copied().unwrap_or(0) > 1 {
            self.placed.insert(id.to_string());
            run["id"] = json!(format!("fn-{id}"));
        }
        run
    }

    /// `runs` with the references in their plain runs (strings) made footnotes.
    pub fn expand(&mut self, runs: Value) -> Value {
        let list = match runs {
            Value::Array(list) => list,
            other => return other,
        };
        let mut out = Vec::with_capacity(list.len());
        for r in list {
            let text = match &r {
                Value::String(t) if t.contains("[^") => t.clone(),
                _ => {
                    out.push(r);
                    continue;
                }
            };
            for p in split_refs(&text) {
                match p {
                    Ok(t) => out.push(Value::String(t.to_string())),
                    Err(id) => out.push(self.note(id)),
                }
            }
        }
        Value::Array(out)
    }
}

#[cfg(test)]
mod tests {
    use super::split_refs;

    #[test]
    fn splits_references_from_text() {
        assert_eq!(
            split_refs("Text.[^a1] Weiter [^b] und [^ kein] [^"),
            vec![
                Ok("Text."),
                Err("a1"),
                Ok(" Weiter "),
                Err("b"),
                Ok(" und [^"),
                Ok(" kein] [^"),
            ]
        );
        assert_eq!(split_refs("[^x]"), vec![Err("x")]);
    }
}
