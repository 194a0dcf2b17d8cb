//! Stable ids in the style of LegalDocML.de eIds: `para-4_abs-3_nr-2_satz-1`.
//!
//! §§ and Artikel are numbered flat (their id does not include the
//! Gliederung), since citations name them without it; inside an Anhang the
//! Anhang's id is the prefix. Units without a number count among their
//! siblings of the same kind. A duplicate id gets a suffix `-dup2`, `-dup3`.

use crate::ast::{Kind, Node};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Append `num` to `id`, keeping letters, digits and periods; other runs become "-".
fn push_clean(id: &mut String, num: &str) -> bool {
    let start = id.len();
    for c in num.chars() {
        if c.is_alphanumeric() || c == '.' {
            id.push(c);
        } else if id.len() > start && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.len() > start && id.ends_with('-') {
        id.pop();
    }
    id.len() > start
}

pub fn assign(root: &mut Node) {
    let mut ids = Ids::default();
    root.id = "doc".into();
    assign_children(root, "", "", &mut ids);
}

#[derive(Default)]
struct Ids {
    /// Flat ids of §§ and Artikel (and every `-dup` id) handed out so far.
    seen: HashSet<String>,
    /// Next `-dup` suffix to try per colliding id (ids are globally unique, so one map
    /// serves all parents): n duplicates cost O(n), not O(n²).
    next_dup: HashMap<String, usize>,
}

/// Append a count in decimal (without the formatting machinery: ids are
/// made for every unit of every law).
fn push_count(id: &mut String, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut k = buf.len();
    loop {
        k -= 1;
        buf[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    id.extend(buf[k..].iter().map(|&b| b as char));
}

/// The hash of an id, for the sibling check (a hit is confirmed on the id itself).
fn hash(s: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(s)
}

fn assign_children(n: &mut Node, prefix: &str, unit_prefix: &str, ids: &mut Ids) {
    let mut counters: Vec<(Kind, usize)> = Vec::new();
    // sibling ids handed out so far: hash → index of the sibling (no copies of
    // the ids); a unit with few children compares with each of them instead
    let many = n.children.len() > 16;
    let mut local: HashMap<u64, usize> = HashMap::default();
    for i in 0..n.children.len() {
        let (done, rest) = n.children.split_at_mut(i);
        let c = &mut rest[0];
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
        // §§ and Artikel restart from the unit prefix (document or Anhang)
        let base = if c.kind.is_einzelvorschrift() {
            unit_prefix
        } else {
            prefix
        };
        let mut id = String::with_capacity(base.len() + 16);
        if !base.is_empty() {
            id.push_str(base);
            id.push('_');
        }
        id.push_str(c.kind.eid_prefix());
        id.push('-');
        let named = c.kind != Kind::Fussnote
            && c.num.as_deref().is_some_and(|num| push_clean(&mut id, num));
        if !named {
            push_count(&mut id, count);
        }
        let sibling_has = |id: &str| {
            if many {
                local.get(&hash(id)).is_some_and(|&k| done[k].id == id)
            } else {
                done.iter().any(|d| d.id == id)
            }
        };
        // ids are hierarchical: only §§ and Artikel (flat) can collide beyond siblings
        let fresh = if c.kind.is_einzelvorschrift() {
            ids.seen.insert(id.clone())
        } else {
            !sibling_has(&id)
        };
        if !fresh {
            let Ids { seen, next_dup } = &mut *ids;
            let k = next_dup.entry(id.clone()).or_insert(2);
            loop {
                let cand = format!("{id}-dup{k}");
                *k += 1;
                if !seen.contains(&cand) && !sibling_has(&cand) {
                    seen.insert(cand.clone());
                    id = cand;
                    break;
                }
            }
        }
        if many {
            local.insert(hash(&id), i);
        }
        let child_unit_prefix: &str = if c.kind.is_annex() { &id } else { unit_prefix };
        assign_children(c, &id, child_unit_prefix, ids);
        c.id = id;
    }
}
