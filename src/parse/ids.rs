//! Stable ids in the style of LegalDocML.de eIds: `para-4_abs-3_nr-2_satz-1`.
//!
//! §§ and Artikel are numbered flat (their id does not include the
//! Gliederung), since citations name them without it; inside an Anhang the
//! Anhang's id is the prefix. Units without a number count among their
//! siblings of the same kind. A duplicate id gets a suffix `-dup2`, `-dup3`.

use crate::ast::{Kind, Node};
use std::collections::HashSet;

fn clean(num: &str) -> String {
    let mut s = String::with_capacity(num.len());
    for c in num.chars() {
        if c.is_alphanumeric() || c == '.' {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

pub fn assign(root: &mut Node) {
    let mut seen = HashSet::new();
    root.id = "doc".into();
    assign_children(root, "", "", &mut seen);
}

fn assign_children(n: &mut Node, prefix: &str, unit_prefix: &str, seen: &mut HashSet<String>) {
    let mut counters: Vec<(Kind, usize)> = Vec::new();
    for c in &mut n.children {
        let count = match counters.iter_mut().find(|(k, _)| *k == c.kind) {
            Some((_, v)) => {
                *v += 1;
                *v
            }
            None => {
                counters.push((c.kind, 1));
                1
            }
        };
        let part = match c.num.as_deref().map(clean).filter(|s| !s.is_empty()) {
            Some(num) if c.kind != Kind::Fussnote => format!("{}-{}", c.kind.eid_prefix(), num),
            _ => format!("{}-{}", c.kind.eid_prefix(), count),
        };
        // §§ and Artikel restart from the unit prefix (document or Anhang)
        let base = if c.kind.is_einzelvorschrift() { unit_prefix } else { prefix };
        let mut id = if base.is_empty() { part } else { format!("{base}_{part}") };
        if !seen.insert(id.clone()) {
            let mut k = 2;
            loop {
                let cand = format!("{id}-dup{k}");
                if seen.insert(cand.clone()) {
                    id = cand;
                    break;
                }
                k += 1;
            }
        }
        c.id = id.clone();
        let child_unit_prefix = if c.kind.is_annex() { id.clone() } else { unit_prefix.to_string() };
        assign_children(c, &id, &child_unit_prefix, seen);
    }
}
