//! Renumbered and moved units: removed and inserted units of (nearly) the
//! same wording paired, and units shifted by an insertion told apart.

use crate::words::{bag, dice, dice_from, Bag};
use crate::{word_edits, Change, ChangeKind, Entry, Units, WordOp};
use syntax::ast::Kind;

/// „(2) new“ inserted before the old Absatz 2, which becomes Absatz 3: the
/// id alignment sees Absatz 2 modified and Absatz 3 inserted. When the old
/// wording reappears (nearly) unchanged in an inserted unit, it is the old
/// unit renumbered, and the modified one is new.
pub(crate) fn split_shifted(changes: &mut Vec<Change>) {
    // the inserted units' words, counted once
    let ins: Vec<usize> = (0..changes.len())
        .filter(|&k| changes[k].kind == ChangeKind::Inserted && changes[k].new_unit().is_some())
        .collect();
    if ins.is_empty() {
        return;
    }
    let texts: Vec<&str> = ins
        .iter()
        .map(|&k| changes[k].new_unit().map_or("", |n| n.text.as_str()))
        .collect();
    let checked = shift_candidates(changes, &ins, &texts);
    let pairs = shift_pairs(&checked, &ins, &texts);
    if pairs.is_empty() {
        return;
    }
    apply_shifts(changes, &pairs);
}

/// The modified units that may be another unit moved in, each with the
/// bag of its old words and the inserted units to compare it with.
fn shift_candidates(
    changes: &[Change],
    ins: &[usize],
    texts: &[&str],
) -> Vec<(usize, Bag, Vec<usize>)> {
    // the modified units that may be another unit moved in: mostly replaced
    // (little of their wording kept), with inserted units of their kind and
    // about their length to compare with; found, and their words counted,
    // on both cores
    use rayon::prelude::*;
    (0..changes.len())
        .into_par_iter()
        .filter_map(|k| {
            let c = &changes[k];
            if c.kind != ChangeKind::Modified {
                return None;
            }
            let (o, n) = (c.old()?, c.new_unit()?);
            if o.text.len() < 20 {
                return None;
            }
            // the unit itself was reworded, not replaced: half of it is still there
            // (the word edits say so at once; the bags only where they do not)
            let kept: usize = c
                .words
                .iter()
                .filter(|w| w.op == WordOp::Equal && w.text.chars().any(char::is_alphanumeric))
                .map(|w| w.text.len())
                .sum();
            if kept * 2 >= o.text.len().max(n.text.len()) {
                return None;
            }
            let close =
                |t: &str| t.len() * 10 >= o.text.len() * 8 && o.text.len() * 10 >= t.len() * 8;
            let cands: Vec<usize> = (0..ins.len())
                .filter(|&q| {
                    close(texts[q])
                        && changes[ins[q]]
                            .new_unit()
                            .is_some_and(|x| x.kind == o.kind && x.id != o.id)
                })
                .collect();
            if cands.is_empty() {
                return None;
            }
            let ob = bag(&o.text);
            if dice(&ob, &bag(&n.text)) >= 0.5 {
                return None;
            }
            Some((k, ob, cands))
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
            if bags[q]
                .as_ref()
                .is_some_and(|qb| dice_from(ob, qb, 0.9).is_some())
            {
                taken[q] = true;
                pairs.push((*k, ins[q]));
                break;
            }
        }
    }
    pairs
}

/// The change list with each pair rewritten: the modified unit's new
/// wording inserted, its old one renumbered to the inserted unit's place.
fn apply_shifts(changes: &mut Vec<Change>, pairs: &[(usize, usize)]) {
    let target_of: std::collections::HashMap<usize, usize> = pairs.iter().copied().collect();
    let source_of: std::collections::HashMap<usize, usize> =
        pairs.iter().map(|&(a, b)| (b, a)).collect();
    let old_changes = std::mem::take(changes);
    changes.reserve(old_changes.len() + pairs.len());
    // the ids and old units the pairs need (not a copy of every change)
    let ids: std::collections::HashMap<usize, String> = target_of
        .values()
        .filter_map(|&j| Some((j, old_changes[j].new_unit()?.id.clone())))
        .collect();
    let olds: std::collections::HashMap<usize, Entry> = source_of
        .values()
        .filter_map(|&src| Some((src, old_changes[src].old()?.clone())))
        .collect();
    for (k, mut c) in old_changes.into_iter().enumerate() {
        if let Some(&j) = target_of.get(&k) {
            // a modified unit: its new wording is inserted, its old one lives on elsewhere
            match c.units {
                Units::Both { old, new } => {
                    changes.push(Change::new(ChangeKind::Inserted, c.at, Units::New { new }));
                    let mut gone = Change::new(ChangeKind::Renumbered, c.at, Units::Old { old });
                    gone.pair = ids.get(&j).cloned();
                    changes.push(gone);
                }
                units => changes.push(Change { units, ..c }),
            }
        } else if let Some(old) = source_of.get(&k).and_then(|src| olds.get(src)) {
            c.kind = ChangeKind::Renumbered;
            c.pair = Some(old.id.clone());
            c.words = word_edits(&old.text, c.new_unit().map_or("", |n| &n.text));
            changes.push(c);
        } else {
            changes.push(c);
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
