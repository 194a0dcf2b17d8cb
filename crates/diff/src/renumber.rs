//! Renumbered and moved units: removed and inserted units of (nearly) the
//! same wording paired, and units shifted by an insertion told apart.

use crate::words::{bag, dice, dice_from, Bag};
use crate::{word_edits, Change, ChangeKind, Entry, Units, WordOp};
use syntax::ast::Kind;

/// „(2) new“ inserted before the old Absatz 2, which becomes Absatz 3: the
/// id alignment sees Absatz 2 modified and Absatz 3 inserted. When the old
/// wording reappears (nearly) unchanged in an inserted unit, it is the old
/// unit renumbered, and the modified one is new.
///
/// The same along a chain of siblings („2. new“ inserted before Nummern 2
/// to 4, which become 3 to 5): the id alignment sees Nummern 2 to 4
/// modified, each with its neighbour's wording, and the old Nummer 4 in the
/// inserted Nummer 5. A modified unit's old wording is then looked for in
/// the other modified siblings too, and a removed unit's (a Nummer taken
/// out, the following moving up) in the modified siblings: each old unit is
/// paired with the new unit that holds its wording.
pub(crate) fn split_shifted(changes: &mut Vec<Change>) {
    let replaced: Vec<bool> = changes.iter().map(mostly_replaced).collect();
    // the units an old wording may have gone to: inserted, or a sibling
    // whose own old wording went (mostly) elsewhere
    let ins: Vec<usize> = (0..changes.len())
        .filter(|&k| {
            changes[k].new_unit().is_some()
                && (changes[k].kind == ChangeKind::Inserted || replaced[k])
        })
        .collect();
    if ins.is_empty() {
        return;
    }
    let texts: Vec<&str> = ins
        .iter()
        .map(|&k| changes[k].new_unit().map_or("", |n| n.text.as_str()))
        .collect();
    let checked = shift_candidates(changes, &replaced, &ins, &texts);
    // two changes of units under one parent whose numbers are next to each other
    let siblings = |a: usize, b: usize| {
        let (Some(o), Some(n)) = (changes[a].old(), changes[b].new_unit()) else {
            return false;
        };
        adjacent(o, n)
    };
    let mut pairs = shift_pairs(&checked, &ins, &texts, siblings);
    if pairs.is_empty() {
        return;
    }
    carry_children(changes, &mut pairs);
    apply_shifts(changes, &pairs);
}

/// A modified unit mostly replaced: little of its wording kept (the word
/// edits say so at once; the bags only where they do not).
fn mostly_replaced(c: &Change) -> bool {
    if c.kind != ChangeKind::Modified {
        return false;
    }
    let (Some(o), Some(n)) = (c.old(), c.new_unit()) else {
        return false;
    };
    if o.text.len() < 20 {
        return false;
    }
    let kept: usize = c
        .words
        .iter()
        .filter(|w| w.op == WordOp::Equal && w.text.chars().any(char::is_alphanumeric))
        .map(|w| w.text.len())
        .sum();
    kept * 2 < o.text.len().max(n.text.len()) && dice(&bag(&o.text), &bag(&n.text)) < 0.5
}

/// Two units of one kind under one parent whose numbers are next to each
/// other (Nummer 3 and Nummer 4; Buchstabe c and Buchstabe d).
fn adjacent(o: &Entry, n: &Entry) -> bool {
    let num = |e: &Entry| {
        let t = e.num.as_deref()?;
        syntax::vocab::leading_number(t).or_else(|| {
            let c = t.chars().next().filter(char::is_ascii_lowercase)?;
            (t.len() == 1).then_some(c as u64)
        })
    };
    // items of a list: an Absatz shifted has Sätze and cross-references of
    // its own, which the commands on it name by its old number
    let item = matches!(
        o.kind,
        Kind::Nummer | Kind::Buchstabe | Kind::Doppelbuchstabe
    );
    item && parent_id(&o.id) == parent_id(&n.id)
        && o.kind == n.kind
        && num(o).zip(num(n)).is_some_and(|(x, y)| x.abs_diff(y) == 1)
}

/// The id of the unit around `id` ("para-2_nr-3" → "para-2").
fn parent_id(id: &str) -> &str {
    id.rfind('_').map_or("", |i| &id[..i])
}

/// The old units that may live on in another unit (mostly replaced
/// modified units, removed units), each with the bag of its old words and
/// the units to compare it with: inserted units of its kind and about its
/// length, and its modified siblings of that kind; found, and their words
/// counted, on both cores.
fn shift_candidates(
    changes: &[Change],
    replaced: &[bool],
    ins: &[usize],
    texts: &[&str],
) -> Vec<(usize, Bag, Vec<usize>)> {
    use rayon::prelude::*;
    (0..changes.len())
        .into_par_iter()
        .filter_map(|k| {
            let c = &changes[k];
            let removed = c.kind == ChangeKind::Removed && c.new_unit().is_none();
            if !replaced[k] && !removed {
                return None;
            }
            let o = c.old()?;
            if o.text.len() < 20 {
                return None;
            }
            // about its length (a short unit: a few words more or less)
            let close = |t: &str| {
                t.len().abs_diff(o.text.len()) <= 24
                    || (t.len() * 10 >= o.text.len() * 8 && o.text.len() * 10 >= t.len() * 8)
            };
            let cands: Vec<usize> = (0..ins.len())
                .filter(|&q| {
                    let t = &changes[ins[q]];
                    let Some(x) = t.new_unit() else {
                        return false;
                    };
                    let fits = if t.kind == ChangeKind::Inserted {
                        !removed
                    } else {
                        ins[q] != k && adjacent(o, x)
                    };
                    fits && close(texts[q]) && x.kind == o.kind && x.id != o.id
                })
                .collect();
            if cands.is_empty() {
                return None;
            }
            Some((k, bag(&o.text), cands))
        })
        .collect()
}

/// The modified units whose old wording reappears (nearly) unchanged in an
/// inserted unit: (modified change, inserted change), in document order,
/// each inserted unit taken once.
fn shift_pairs(
    checked: &[(usize, Bag, Vec<usize>)],
    ins: &[usize],
    texts: &[&str],
    siblings: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    use rayon::prelude::*;
    let mut wanted = vec![false; ins.len()];
    for (_, _, cands) in checked {
        for &q in cands {
            wanted[q] = true;
        }
    }
    let bags: Vec<Option<Bag>> = (0..ins.len())
        .into_par_iter()
        .map(|q| wanted[q].then(|| bag(texts[q])))
        .collect();
    // in document order, each inserted unit taken once
    let mut taken = vec![false; ins.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new(); // (modified change, inserted change)
    for (k, ob, cands) in checked {
        for &q in cands {
            if taken[q] {
                continue;
            }
            // a sibling shifted by one may have a word changed too
            // („Betreiber, wer ein Labor gewerblich betreibt“)
            let min = if siblings(*k, ins[q]) { 0.8 } else { 0.9 };
            if bags[q]
                .as_ref()
                .is_some_and(|qb| dice_from(ob, qb, min).is_some())
            {
                taken[q] = true;
                pairs.push((*k, ins[q]));
                break;
            }
        }
    }
    pairs
}

/// A unit paired with another number carries its units along: the old
/// „Absatz 3 Nummer 1“ of an Absatz 3 that became Absatz 2 is the new
/// „Absatz 2 Nummer 1“ (whatever the new Absatz 2's own Nummer 1 was).
/// Each such pair of a modified, removed or inserted unit is added.
fn carry_children(changes: &[Change], pairs: &mut Vec<(usize, usize)>) {
    use std::collections::{BTreeMap, HashMap, HashSet};
    let sources: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let targets: HashSet<usize> = pairs.iter().map(|p| p.1).collect();
    let free = |c: &Change| {
        matches!(
            c.kind,
            ChangeKind::Modified | ChangeKind::Removed | ChangeKind::Inserted
        )
    };
    let olds: BTreeMap<&str, usize> = (0..changes.len())
        .filter(|k| free(&changes[*k]) && !sources.contains(k))
        .filter_map(|k| Some((changes[k].old()?.id.as_str(), k)))
        .collect();
    let news: HashMap<&str, usize> = (0..changes.len())
        .filter(|k| free(&changes[*k]) && !targets.contains(k))
        .filter_map(|k| Some((changes[k].new_unit()?.id.as_str(), k)))
        .collect();
    let (mut used_old, mut used_new) = (HashSet::new(), HashSet::new());
    let mut more = Vec::new();
    for &(k, j) in pairs.iter() {
        let (Some(o), Some(n)) = (changes[k].old(), changes[j].new_unit()) else {
            continue;
        };
        let prefix = format!("{}_", o.id);
        for (&id, &c1) in olds.range(prefix.as_str()..) {
            let Some(rest) = id.strip_prefix(&prefix) else {
                break;
            };
            let Some(&c2) = news.get(format!("{}_{rest}", n.id).as_str()) else {
                continue;
            };
            if c1 != c2 && used_old.insert(c1) && used_new.insert(c2) {
                more.push((c1, c2));
            }
        }
    }
    pairs.extend(more);
}

/// The change list with each pair rewritten: the source's old wording
/// renumbered to the target's place (the source's new wording, if any,
/// inserted), the target's new wording the source renumbered (the target's
/// old wording, if it was modified, gone elsewhere or removed).
fn apply_shifts(changes: &mut Vec<Change>, pairs: &[(usize, usize)]) {
    let target_of: std::collections::HashMap<usize, usize> = pairs.iter().copied().collect();
    let source_of: std::collections::HashMap<usize, usize> =
        pairs.iter().map(|&(a, b)| (b, a)).collect();
    let old_changes = std::mem::take(changes);
    changes.reserve(old_changes.len() + 2 * pairs.len());
    // the ids and old units the pairs need (not a copy of every change)
    let ids: std::collections::HashMap<usize, String> = target_of
        .values()
        .filter_map(|&j| Some((j, old_changes[j].new_unit()?.id.clone())))
        .collect();
    let olds: std::collections::HashMap<usize, Entry> = source_of
        .values()
        .filter_map(|&src| Some((src, old_changes[src].old()?.clone())))
        .collect();
    for (k, c) in old_changes.into_iter().enumerate() {
        let to = target_of.get(&k).and_then(|j| ids.get(j)).cloned();
        let from = source_of.get(&k).and_then(|src| olds.get(src));
        if to.is_none() && from.is_none() {
            changes.push(c);
            continue;
        }
        let (old, new) = match c.units {
            Units::Both { old, new } => (Some(old), Some(new)),
            Units::Old { old } => (Some(old), None),
            Units::New { new } => (None, Some(new)),
        };
        // the new wording here: the source's renumbered, or inserted
        if let Some(new) = new {
            let mut n = Change::new(ChangeKind::Inserted, c.at, Units::New { new });
            if let Some(src) = from {
                n.kind = ChangeKind::Renumbered;
                n.pair = Some(src.id.clone());
                n.words = word_edits(&src.text, n.new_unit().map_or("", |n| &n.text));
            }
            changes.push(n);
        }
        // the old wording here: renumbered to the target, or removed
        if let Some(old) = old {
            let mut gone = Change::new(ChangeKind::Removed, c.at, Units::Old { old });
            if let Some(to) = to {
                gone.kind = ChangeKind::Renumbered;
                gone.pair = Some(to);
            }
            changes.push(gone);
        }
    }
}

pub(crate) fn push_removed(
    changes: &mut Vec<Change>,
    removed: &mut Vec<(usize, usize)>,
    units: &[Entry],
    at: usize,
    op: usize,
) {
    for (k, e) in units.iter().enumerate() {
        removed.push((changes.len(), op));
        changes.push(Change::removed(at + k, e));
    }
}

pub(crate) fn push_inserted(
    changes: &mut Vec<Change>,
    inserted: &mut Vec<(usize, usize)>,
    units: &[Entry],
    at: usize,
    op: usize,
) {
    for e in units {
        inserted.push((changes.len(), op));
        changes.push(Change::inserted(at, e));
    }
}

/// A removed and an inserted unit of the same kind with (nearly) the same
/// wording are one unit that was renumbered (same place: the same replaced
/// block, or next to it) or moved.
pub(crate) fn pair_renumbered(
    changes: &mut [Change],
    removed: &[(usize, usize)],
    inserted: &[(usize, usize)],
) {
    if removed.is_empty() || inserted.is_empty() {
        return;
    }
    let keys = subtree_keys(changes, inserted, true);
    let old_keys = subtree_keys(changes, removed, false);
    // exact wording first (a hash lookup), then similar wording among few candidates
    let mut exact: std::collections::HashMap<(Kind, &str), Vec<usize>> = Default::default();
    for (j, &(i, _)) in inserted.iter().enumerate() {
        if let Some(n) = changes[i].new_unit() {
            exact.entry((n.kind, keys[j].as_str())).or_default().push(j);
        }
    }
    let fuzzy_budget = removed.len() * inserted.len() <= 40_000;
    let bags: Vec<Bag> = if fuzzy_budget {
        keys.iter().map(|k| bag(k)).collect()
    } else {
        Vec::new()
    };
    let mut used = vec![false; inserted.len()];
    for (ri, &(r, r_op)) in removed.iter().enumerate() {
        let Some(old) = changes[r].old().cloned() else {
            continue;
        };
        // a placeholder ("§§ 907 und 908 (weggefallen)") says nothing of its own
        let placeholder = old
            .title
            .as_deref()
            .is_some_and(|t| t.contains("weggefallen") || t.contains("aufgehoben"));
        if old.text.len() < 20 && old.title.is_none() {
            continue;
        }
        // ... unless it names the same units ("§§ 114, 115" → "§§ 114 und 115")
        let same_units = |j: usize| {
            !placeholder
                || changes[inserted[j].0]
                    .new_unit()
                    .and_then(|n| {
                        Some(syntax::vocab::same_numbers(
                            old.num.as_deref()?,
                            n.num.as_deref()?,
                        ))
                    })
                    .unwrap_or(false)
        };
        let ko = &old_keys[ri];
        let mut best: Option<(usize, f64)> = exact
            .get(&(old.kind, ko.as_str()))
            .and_then(|v| v.iter().find(|&&j| !used[j] && same_units(j)))
            .map(|&j| (j, 1.0));
        if best.is_none() && fuzzy_budget && !placeholder {
            best = most_similar(changes, inserted, &keys, &bags, &used, &old, ko);
        }
        if let Some((j, _)) = best {
            used[j] = true;
            let (i, i_op) = inserted[j];
            let near = i_op == r_op || changes[i].at.abs_diff(changes[r].at) <= 1;
            pair(changes, r, i, near, &old);
        }
    }
    pair_under_renumbered(changes, removed, inserted, &mut used);
}

/// The inserted unit of the old unit's kind and about its length whose
/// wording (`keys`, as [`bag`]s in `bags`) is closest to `ko`, at least 0.9
/// alike; none taken yet.
fn most_similar(
    changes: &[Change],
    inserted: &[(usize, usize)],
    keys: &[String],
    bags: &[Bag],
    used: &[bool],
    old: &Entry,
    ko: &str,
) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    let ob = bag(ko);
    for (j, &(i, _)) in inserted.iter().enumerate() {
        if used[j] {
            continue;
        }
        let Some(new) = changes[i].new_unit() else {
            continue;
        };
        let kn = &keys[j];
        if new.kind != old.kind || kn.len() * 10 < ko.len() * 8 || ko.len() * 10 < kn.len() * 8 {
            continue;
        }
        let Some(s) = dice_from(&ob, &bags[j], 0.9) else {
            continue;
        };
        if best.is_none_or(|(_, bs)| s > bs) {
            best = Some((j, s));
        }
    }
    best
}

/// The removed change `r` and the inserted change `i` as one unit
/// renumbered (`near`: in the same place) or moved, with its word edits.
fn pair(changes: &mut [Change], r: usize, i: usize, near: bool, old: &Entry) {
    let kind = if near {
        ChangeKind::Renumbered
    } else {
        ChangeKind::Moved
    };
    changes[r].kind = kind;
    changes[i].kind = kind;
    changes[r].pair = changes[i].new_unit().map(|e| e.id.clone());
    changes[i].pair = Some(old.id.clone());
    let (ot, nt) = (
        old.text.clone(),
        changes[i]
            .new_unit()
            .map(|e| e.text.clone())
            .unwrap_or_default(),
    );
    if ot != nt {
        changes[i].words = word_edits(&ot, &nt);
    }
}

/// A unit left over under a renumbered unit (Absatz 1 of the old § 4, now §
/// 5, with one word changed) is the unit of that number under its new
/// number, reworded: paired with it, not removed and inserted anew.
fn pair_under_renumbered(
    changes: &mut [Change],
    removed: &[(usize, usize)],
    inserted: &[(usize, usize)],
    used: &mut [bool],
) {
    let mut by_id: std::collections::HashMap<String, usize> = Default::default();
    for (j, &(i, _)) in inserted.iter().enumerate() {
        if let Some(n) = changes[i].new_unit().filter(|_| !used[j]) {
            by_id.insert(n.id.clone(), j);
        }
    }
    // old id → new id of each unit paired so far (parents come before children)
    let mut moved: std::collections::HashMap<String, String> = Default::default();
    for &(r, _) in removed {
        let Some(old) = changes[r].old().cloned() else {
            continue;
        };
        if let Some(p) = &changes[r].pair {
            moved.insert(old.id.clone(), p.clone());
            continue;
        }
        let Some((parent, last)) = old.id.rsplit_once('_') else {
            continue;
        };
        let Some(np) = moved.get(parent) else {
            continue;
        };
        let want = format!("{np}_{last}");
        let Some(&j) = by_id.get(&want) else {
            continue;
        };
        let i = inserted[j].0;
        if used[j] || changes[i].new_unit().is_none_or(|n| n.kind != old.kind) {
            continue;
        }
        used[j] = true;
        let kind = changes
            .iter()
            .find(|c| c.old().is_some_and(|o| o.id == parent))
            .map_or(ChangeKind::Renumbered, |c| c.kind);
        changes[r].kind = kind;
        changes[i].kind = kind;
        changes[r].pair = Some(want.clone());
        changes[i].pair = Some(old.id.clone());
        let nt = changes[i]
            .new_unit()
            .map(|e| e.text.clone())
            .unwrap_or_default();
        if old.text != nt {
            changes[i].words = word_edits(&old.text, &nt);
        }
        moved.insert(old.id.clone(), want);
    }
}

/// The wording that identifies each unit of a removed (or inserted) run: its
/// title and text, and for a unit whose text is all in the units below it
/// (a § of Absätze), their text too, so that two §§ "Abweichende
/// Vereinbarungen" are told apart by what they say.
fn subtree_keys(changes: &[Change], list: &[(usize, usize)], new_side: bool) -> Vec<String> {
    let entry = |i: usize| {
        if new_side {
            changes[i].new_unit()
        } else {
            changes[i].old()
        }
    };
    (0..list.len())
        .map(|k| {
            let Some(e) = entry(list[k].0) else {
                return String::new();
            };
            let mut s = format!("{} {}", e.title.as_deref().unwrap_or(""), e.text);
            if e.text.trim().is_empty() && !e.kind.is_gliederung() {
                let prefix = format!("{}_", e.id);
                for &(i, _) in &list[k + 1..] {
                    match entry(i) {
                        Some(d) if d.id.starts_with(&prefix) => {
                            s.push(' ');
                            s.push_str(&d.text);
                        }
                        _ => break,
                    }
                }
            }
            s
        })
        .collect()
}
