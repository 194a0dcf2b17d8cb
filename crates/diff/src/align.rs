//! The alignment of two Fassungen' units: by id, by title, by the §§ a
//! Gliederung unit holds; the change list it gives.

use crate::patience::{diff_ops, interned};
use crate::renumber::{pair_renumbered, push_inserted, push_removed, split_shifted};
use crate::{entries, word_edits, Change, ChangeKind, Entry, Units};
use similar::DiffOp;
use syntax::ast::{Document, Kind};

/// Compare two Fassungen.
pub fn diff(old: &Document, new: &Document) -> Vec<Change> {
    let a = entries(old);
    let b = entries(new);
    diff_entries(&a, &b)
}

/// Compare the units of two Fassungen ([`entries`] of each): align them,
/// pair what was renumbered or moved, and give the change list in the old
/// Fassung's order.
pub fn diff_entries(a: &[Entry], b: &[Entry]) -> Vec<Change> {
    let (ka, kb) = align_keys(a, b);
    let (ka, kb) = interned(&ka, &kb);
    let ops = diff_ops(&ka, &kb);
    let mut changes = Vec::new();
    // indices into `changes`, with the diff op they came from
    let mut removed: Vec<(usize, usize)> = Vec::new();
    let mut inserted: Vec<(usize, usize)> = Vec::new();
    for (op_ix, op) in ops.into_iter().enumerate() {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    push_aligned(
                        &mut changes,
                        &a[old_index + k],
                        &b[new_index + k],
                        old_index + k,
                    );
                }
            }
            // a replacement is a deletion followed by an insertion
            DiffOp::Delete {
                old_index, old_len, ..
            } => push_removed(
                &mut changes,
                &mut removed,
                &a[old_index..old_index + old_len],
                old_index,
                op_ix,
            ),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => push_inserted(
                &mut changes,
                &mut inserted,
                &b[new_index..new_index + new_len],
                old_index,
                op_ix,
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push_removed(
                    &mut changes,
                    &mut removed,
                    &a[old_index..old_index + old_len],
                    old_index,
                    op_ix,
                );
                push_inserted(
                    &mut changes,
                    &mut inserted,
                    &b[new_index..new_index + new_len],
                    old_index + old_len,
                    op_ix,
                );
            }
        }
    }
    word_edits_of_modified(&mut changes);
    pair_renumbered(&mut changes, &removed, &inserted);
    split_shifted(&mut changes);
    changes
}

/// The change, if any, between two units the alignment matched (`at`: the
/// old unit's position): renumbered (a Gliederung unit found by its title
/// under another number), reworded (its word edits follow in
/// [`word_edits_of_modified`]), repealed, or laid out anew.
fn push_aligned(changes: &mut Vec<Change>, x: &Entry, y: &Entry, at: usize) {
    if x.id != y.id {
        // a Gliederung unit found by its title under another number
        let mut gone = Change::removed(at, x);
        gone.kind = ChangeKind::Renumbered;
        gone.pair = Some(y.id.clone());
        let mut came = Change::inserted(at, y);
        came.kind = ChangeKind::Renumbered;
        came.pair = Some(x.id.clone());
        if x.text != y.text {
            came.words = word_edits(&x.text, &y.text);
        }
        changes.push(came);
        changes.push(gone);
    } else if !x.same_wording(y) {
        let kind = if y
            .title
            .as_deref()
            .is_some_and(|t| t.contains("weggefallen") || t.contains("aufgehoben"))
            && !x
                .title
                .as_deref()
                .is_some_and(|t| t.contains("weggefallen"))
        {
            ChangeKind::Repealed
        } else {
            ChangeKind::Modified
        };
        // the word edits follow below, in parallel
        changes.push(Change::new(kind, at, Units::both(x, y)));
    } else if x.layout != y.layout || x.depth != y.depth || x.wording() != y.wording() {
        changes.push(Change::new(ChangeKind::Layout, at, Units::both(x, y)));
    }
}

/// The word edits of the modified and repealed units, one core each.
fn word_edits_of_modified(changes: &mut [Change]) {
    use rayon::prelude::*;
    changes
        .par_iter_mut()
        .with_min_len(64)
        .filter(|c| matches!(c.kind, ChangeKind::Modified | ChangeKind::Repealed))
        .for_each(|c| {
            if let (Some(o), Some(n)) = (c.old(), c.new_unit()) {
                c.words = word_edits(&o.text, &n.text);
            }
        });
}

/// What the alignment compares: the id, except for a Gliederung unit
/// - whose title is found once in each Fassung (and is not a placeholder such
///   as "(weggefallen)"): it is found by its title, so that a new Titel 1
///   before the old Titel 1 shows the old one renumbered, not reworded;
/// - whose §§ are, for the most part, under another number of its kind in the
///   new Fassung (BGB 2018: Untertitel 2 "Reisevertrag" became Untertitel 4,
///   new Untertitel 2 and 3 came before it): it is found by its §§.
type AlignKey<'a> = (std::borrow::Cow<'a, str>, Kind, u8);

/// A unit's title that says what it is about: not empty, no placeholder
/// („(weggefallen)“, „aufgehoben“).
fn meaningful_title(e: &Entry) -> Option<&str> {
    let t = e.title.as_deref()?.trim();
    let placeholder = t.is_empty()
        || t.starts_with('(')
        || ["weggefallen", "aufgehoben", "zukünftig", "gestrichen"]
            .iter()
            .any(|w| t.contains(w));
    (!placeholder).then_some(t)
}

fn align_keys<'a>(a: &'a [Entry], b: &'a [Entry]) -> (Vec<AlignKey<'a>>, Vec<AlignKey<'a>>) {
    use std::borrow::Cow;
    fn title_of(e: &Entry) -> Option<&str> {
        meaningful_title(e).filter(|_| e.kind.is_gliederung())
    }
    let count = |v: &'a [Entry]| {
        let mut m: rustc_hash::FxHashMap<(Kind, &'a str), u32> = Default::default();
        for e in v {
            if let Some(t) = title_of(e) {
                *m.entry((e.kind, t)).or_default() += 1;
            }
        }
        m
    };
    let (ca, cb) = (count(a), count(b));
    let by_title = |e: &'a Entry| {
        title_of(e)
            .filter(|t| ca.get(&(e.kind, *t)) == Some(&1) && cb.get(&(e.kind, *t)) == Some(&1))
    };
    let keys = |v: &'a [Entry]| -> Vec<AlignKey<'a>> {
        v.iter()
            .map(|e| match by_title(e) {
                Some(t) => (Cow::Borrowed(t), e.kind, 1),
                None => (Cow::Borrowed(e.id.as_str()), e.kind, 0),
            })
            .collect()
    };
    let (mut ka, mut kb) = (keys(a), keys(b));
    renumbered_by_title(a, b, &mut ka);

    // the §§ under each Gliederung unit keyed by its id
    let paras = |v: &'a [Entry], keys: &[AlignKey<'a>]| {
        let mut m: rustc_hash::FxHashMap<&'a str, (usize, Vec<&'a str>)> = Default::default();
        for (i, e) in v.iter().enumerate() {
            if !e.kind.is_gliederung() || keys[i].2 != 0 {
                continue;
            }
            let ps: Vec<&str> = v[i + 1..]
                .iter()
                .take_while(|x| x.depth > e.depth)
                .filter(|x| x.kind.is_einzelvorschrift())
                .map(|x| x.id.as_str())
                .collect();
            if !ps.is_empty() {
                m.insert(e.id.as_str(), (i, ps));
            }
        }
        m
    };
    let (pa, pb) = (paras(a, &ka), paras(b, &kb));
    // does the unit of this id keep most of its §§ under the same id?
    let stays = |id: &str| -> bool {
        match (pa.get(id), pb.get(id)) {
            (Some((_, x)), Some((_, y))) => {
                let ys: rustc_hash::FxHashSet<&str> = y.iter().copied().collect();
                x.iter().filter(|p| ys.contains(*p)).count() * 2 >= x.len()
            }
            _ => false,
        }
    };
    // (kind, §) → the new unit of that kind holding it
    let mut holder: rustc_hash::FxHashMap<(Kind, &str), usize> = Default::default();
    for (i, ps) in pb.values() {
        for p in ps {
            holder.insert((b[*i].kind, p), *i);
        }
    }
    let mut claimed: rustc_hash::FxHashSet<usize> = Default::default();
    let mut olds: Vec<(&str, &(usize, Vec<&str>))> = pa.iter().map(|(k, v)| (*k, v)).collect();
    olds.sort_by_key(|(_, (i, _))| *i);
    for (id, (i, ps)) in olds {
        if stays(id) {
            continue;
        }
        let mut votes: rustc_hash::FxHashMap<usize, usize> = Default::default();
        for p in ps {
            if let Some(&j) = holder.get(&(a[*i].kind, *p)) {
                *votes.entry(j).or_default() += 1;
            }
        }
        let Some((j, n)) = votes
            .into_iter()
            .max_by_key(|&(j, n)| (n, std::cmp::Reverse(j)))
        else {
            continue;
        };
        if n * 2 < ps.len() || b[j].id == id || claimed.contains(&j) || stays(&b[j].id) {
            continue;
        }
        claimed.insert(j);
        ka[*i] = (Cow::Owned(b[j].id.clone()), a[*i].kind, 2);
        kb[j] = (Cow::Owned(b[j].id.clone()), b[j].kind, 2);
    }
    (ka, kb)
}

/// A § found by its title under another number ("§ 2 – Antrag" became
/// "§ 3 – Antrag" when a new § 2 was inserted): the old § and the units in
/// it are keyed by their ids in the new numbering, so that they align with
/// the units they became (renumbered), not with the units that now have
/// their numbers. Only titles that occur once on each side count.
fn renumbered_by_title<'a>(a: &'a [Entry], b: &'a [Entry], ka: &mut [AlignKey<'a>]) {
    use std::borrow::Cow;
    let title = |e: &'a Entry| -> Option<&'a str> {
        meaningful_title(e).filter(|_| e.kind.is_einzelvorschrift())
    };
    let unique = |v: &'a [Entry]| {
        let mut m: rustc_hash::FxHashMap<&'a str, Option<usize>> = Default::default();
        for (i, e) in v.iter().enumerate() {
            if let Some(t) = title(e) {
                m.entry(t).and_modify(|x| *x = None).or_insert(Some(i));
            }
        }
        m
    };
    let (ua, ub) = (unique(a), unique(b));
    let ids_b: rustc_hash::FxHashSet<&str> = b.iter().map(|e| e.id.as_str()).collect();
    for (t, i) in &ua {
        let (Some(i), Some(Some(j))) = (i, ub.get(t)) else {
            continue;
        };
        let (x, y) = (&a[*i], &b[*j]);
        if x.id == y.id || x.kind != y.kind {
            continue;
        }
        // the § and everything in it; only a § that is the same inside (a
        // renumbering and nothing else) is keyed anew: one changed inside
        // as well is left to the alignment by id
        let span = |v: &'a [Entry], at: usize| {
            let d = v[at].depth;
            let end = v[at + 1..]
                .iter()
                .position(|e| e.depth <= d)
                .map_or(v.len(), |p| at + 1 + p);
            &v[at..end]
        };
        let (sx, sy) = (span(a, *i), span(b, *j));
        let same = sx.len() == sy.len()
            && sx.iter().zip(sy).all(|(p, q)| {
                p.kind == q.kind
                    && p.text == q.text
                    && p.title == q.title
                    && p.id.strip_prefix(x.id.as_str()) == q.id.strip_prefix(y.id.as_str())
            });
        if !same {
            continue;
        }
        // in the new numbering
        for (k, e) in sx.iter().enumerate() {
            let Some(rest) = e.id.strip_prefix(x.id.as_str()) else {
                continue;
            };
            let key = format!("{}{rest}", y.id);
            if k == 0 || ids_b.contains(key.as_str()) {
                ka[*i + k] = (Cow::Owned(key), e.kind, 0);
            }
        }
    }
}
