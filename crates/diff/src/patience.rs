//! The patience diff of two sequences of interned items, its anchors, and
//! the ops it gives (Myers between the anchors).

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// Patience diff of two sequences (items as numbers, see [`interned`]),
/// their common start and end taken off first: most changed units differ in
/// a few words, and the diff then looks only at those.
pub(crate) fn diff_ops(a: &[u32], b: &[u32]) -> Vec<DiffOp> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ea, eb) = (a.len() - suf, b.len() - suf);
    let mut ops = Vec::new();
    push_equal(&mut ops, 0, 0, pre);
    patience(&a[pre..ea], &b[pre..eb], pre, pre, (a, b), &mut ops);
    push_equal(&mut ops, ea, eb, suf);
    ops
}

/// Patience diff: the items found once on each side are anchors, kept in a
/// longest run in the same order ([`anchors`]), and only the stretches
/// between two anchors that have an item in common go to Myers. A stretch with nothing in common is a deletion and an insertion at
/// once (the units inserted into a Fassung, mostly), where Myers would spend
/// O(n·d) finding out. `da`, `db`: where `a` and `b` start in `whole`, the
/// sequences before their common start and end were taken off. An anchor
/// must be found once in the whole: a function word ("und") once in the
/// changed middle but also in the unchanged text is no anchor, as it was not
/// before the trimming (it would split one replacement into fragments).
fn patience(
    a: &[u32],
    b: &[u32],
    da: usize,
    db: usize,
    whole: (&[u32], &[u32]),
    ops: &mut Vec<DiffOp>,
) {
    let n = whole
        .0
        .iter()
        .chain(whole.1)
        .map(|&x| x as usize + 1)
        .max()
        .unwrap_or(0);
    // per item: how often on each side, and where in b (when once)
    let (mut ca, mut cb) = (vec![0u8; n], vec![0u8; n]);
    let mut at_b = vec![usize::MAX; n];
    for &x in whole.0 {
        ca[x as usize] = ca[x as usize].saturating_add(1);
    }
    for &x in whole.1 {
        cb[x as usize] = cb[x as usize].saturating_add(1);
    }
    for (j, &x) in b.iter().enumerate() {
        at_b[x as usize] = j;
    }
    let chain = anchors(a, b, (da, db), whole, &ca, &cb, &at_b);
    let (mut i, mut j) = (0, 0);
    let mut in_a = ca; // reused: which items a stretch of a has
    in_a.fill(0);
    for (x, y) in chain.into_iter().chain([(a.len(), b.len())]) {
        let (ga, gb) = (&a[i..x], &b[j..y]);
        let shared = !ga.is_empty() && !gb.is_empty() && {
            ga.iter().for_each(|&t| in_a[t as usize] = 1);
            let shared = gb.iter().any(|&t| in_a[t as usize] == 1);
            ga.iter().for_each(|&t| in_a[t as usize] = 0);
            shared
        };
        if shared {
            for op in capture_diff_slices(Algorithm::Myers, ga, gb) {
                push_op(ops, op, da + i, db + j);
            }
        } else {
            if !ga.is_empty() || !gb.is_empty() {
                ops.push(edit(da + i, ga.len(), db + j, gb.len()));
            }
        }
        if x < a.len() {
            push_equal(ops, da + x, db + y, 1);
        }
        (i, j) = (x + 1, y + 1);
    }
}

/// The anchors of a patience diff, in order: (position in a, position in b)
/// of items found once in the whole of each side. Where the lists of such
/// items are short (the words of a unit), Myers over them chooses, as
/// `similar`'s patience did (its choice among crossing anchors reads best:
/// "hat" kept, not "die", in ZPO § 807); where they are long (the units of a
/// law: Myers would be O(n·d) with d the units inserted), the longest
/// increasing run of their positions (patience sorting), ties to the earlier
/// one in a.
fn anchors(
    a: &[u32],
    b: &[u32],
    (da, db): (usize, usize),
    whole: (&[u32], &[u32]),
    ca: &[u8],
    cb: &[u8],
    at_b: &[usize],
) -> Vec<(usize, usize)> {
    let ua: Vec<usize> = (0..a.len()).filter(|&i| ca[a[i] as usize] == 1).collect();
    let ub: Vec<usize> = (0..b.len()).filter(|&j| cb[b[j] as usize] == 1).collect();
    if ua.len() + ub.len() <= 4096 {
        // over the whole sides, as `similar` saw them (its Myers weighs
        // items by the length of the lists), then the anchors in the middle
        let (wa, wb) = whole;
        let ua: Vec<usize> = (0..wa.len()).filter(|&i| ca[wa[i] as usize] == 1).collect();
        let ub: Vec<usize> = (0..wb.len()).filter(|&j| cb[wb[j] as usize] == 1).collect();
        let va: Vec<u32> = ua.iter().map(|&i| wa[i]).collect();
        let vb: Vec<u32> = ub.iter().map(|&j| wb[j]).collect();
        let inside =
            |i: usize, j: usize| (da..da + a.len()).contains(&i) && (db..db + b.len()).contains(&j);
        let mut chain = Vec::new();
        for op in capture_diff_slices(Algorithm::Myers, &va, &vb) {
            if let DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = op
            {
                chain.extend(
                    (0..len)
                        .map(|t| (ua[old_index + t], ub[new_index + t]))
                        .filter(|&(i, j)| inside(i, j))
                        .map(|(i, j)| (i - da, j - db)),
                );
            }
        }
        return chain;
    }
    let pairs: Vec<(usize, usize)> = ua
        .iter()
        .filter(|&&i| at_b[a[i] as usize] != usize::MAX)
        .map(|&i| (i, at_b[a[i] as usize]))
        .collect();
    // patience sorting taken from the end
    let mut tails: Vec<usize> = Vec::new(); // indices into pairs
    let mut next = vec![usize::MAX; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate().rev() {
        let at = tails.partition_point(|&t| pairs[t].1 > j);
        if at > 0 {
            next[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len() + 1);
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        chain.push(pairs[k]);
        k = next[k];
    }
    chain
}

/// An op of a part, moved to where the part starts; equal runs are joined.
fn push_op(ops: &mut Vec<DiffOp>, op: DiffOp, da: usize, db: usize) {
    ops.push(match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => return push_equal(ops, old_index + da, new_index + db, len),
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + da,
            old_len,
            new_index: new_index + db,
        },
        DiffOp::Insert {
            old_index,
            new_index,
            new_len,
        } => DiffOp::Insert {
            old_index: old_index + da,
            new_index: new_index + db,
            new_len,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + da,
            old_len,
            new_index: new_index + db,
            new_len,
        },
    });
}

fn push_equal(ops: &mut Vec<DiffOp>, old_index: usize, new_index: usize, len: usize) {
    if len == 0 {
        return;
    }
    if let Some(DiffOp::Equal {
        old_index: o,
        new_index: n,
        len: l,
    }) = ops.last_mut()
    {
        if *o + *l == old_index && *n + *l == new_index {
            *l += len;
            return;
        }
    }
    ops.push(DiffOp::Equal {
        old_index,
        new_index,
        len,
    });
}

/// The two sequences as numbers, equal items alike: the diff then compares
/// and hashes integers instead of strings (a third of the BGB's diff time).
pub(crate) fn interned<T: std::hash::Hash + Eq>(a: &[T], b: &[T]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: rustc_hash::FxHashMap<&T, u32> = Default::default();
    ids.reserve(a.len().max(b.len()));
    let mut id = |t| {
        let n = ids.len() as u32;
        *ids.entry(t).or_insert(n)
    };
    let ia = a.iter().map(&mut id).collect();
    let ib = b.iter().map(&mut id).collect();
    (ia, ib)
}

/// The edit that turns `a[o..o + ol]` into `b[n..n + nl]`.
pub(crate) fn edit(o: usize, ol: usize, n: usize, nl: usize) -> DiffOp {
    match (ol, nl) {
        (_, 0) => DiffOp::Delete {
            old_index: o,
            old_len: ol,
            new_index: n,
        },
        (0, _) => DiffOp::Insert {
            old_index: o,
            new_index: n,
            new_len: nl,
        },
        _ => DiffOp::Replace {
            old_index: o,
            old_len: ol,
            new_index: n,
            new_len: nl,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The ops rebuild `b` from `a`, cover both sides in order, and keep as
    /// many items as the general algorithm does (both find a longest common
    /// subsequence of the unique items; the stretches between are Myers').
    fn check(a: &[u32], b: &[u32]) {
        let ops = diff_ops(a, b);
        let (mut i, mut j) = (0, 0);
        let mut kept = 0;
        let mut rebuilt = Vec::new();
        for op in &ops {
            let (oi, ol, ni, nl) = match *op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => {
                    assert_eq!(a[old_index..old_index + len], b[new_index..new_index + len]);
                    kept += len;
                    (old_index, len, new_index, len)
                }
                DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                } => (old_index, old_len, new_index, 0),
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => (old_index, 0, new_index, new_len),
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => (old_index, old_len, new_index, new_len),
            };
            assert_eq!((oi, ni), (i, j), "{ops:?}");
            rebuilt.extend_from_slice(&b[ni..ni + nl]);
            (i, j) = (oi + ol, ni + nl);
        }
        assert_eq!((i, j), (a.len(), b.len()));
        assert_eq!(rebuilt, b);
        // equal runs are joined
        assert!(ops
            .windows(2)
            .all(|w| !matches!(w, [DiffOp::Equal { .. }, DiffOp::Equal { .. }])));
        let once = |v: &[u32]| v.iter().all(|x| v.iter().filter(|y| *y == x).count() == 1);
        if once(a) && once(b) && a.len() * b.len() <= 1_000_000 {
            // no item repeats on a side: the ops keep a longest common subsequence
            let lcs = {
                let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
                for x in (0..a.len()).rev() {
                    for y in (0..b.len()).rev() {
                        t[x][y] = if a[x] == b[y] {
                            t[x + 1][y + 1] + 1
                        } else {
                            t[x + 1][y].max(t[x][y + 1])
                        };
                    }
                }
                t[0][0]
            };
            assert_eq!(kept, lcs, "{a:?} {b:?} {ops:?}");
        }
    }

    #[test]
    fn crossing_anchors_keep_the_earlier_one() {
        // a Gliederung unit found by its title after a § that took its place
        let ops = diff_ops(&[1, 2, 3], &[3, 2, 4]);
        assert_eq!(
            ops[1],
            DiffOp::Equal {
                old_index: 1,
                new_index: 1,
                len: 1
            }
        );
        check(&[1, 2, 3], &[3, 2, 4]);
    }

    #[test]
    fn long_lists_of_unique_items_keep_the_longest_run() {
        // more than 4096 unique items: the anchors by patience sorting
        let a: Vec<u32> = (0..2500).collect();
        let mut b: Vec<u32> = (1000..3500).collect();
        b.swap(10, 2000); // 1010 and 3000 cross: one of them is kept
        check(&a, &b);
        let kept: usize = diff_ops(&a, &b)
            .iter()
            .map(|op| match op {
                DiffOp::Equal { len, .. } => *len,
                _ => 0,
            })
            .sum();
        assert_eq!(kept, 1500 - 1);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn ops_rebuild_the_new_side(
            a in proptest::collection::vec(0u32..12, 0..30),
            b in proptest::collection::vec(0u32..12, 0..30),
        ) {
            check(&a, &b);
        }

        #[test]
        fn unique_items_keep_a_longest_common_run(
            a in Just((0u32..40).collect::<Vec<_>>()).prop_shuffle(),
            b in Just((20u32..60).collect::<Vec<_>>()).prop_shuffle(),
            na in 0usize..40,
            nb in 0usize..40,
        ) {
            check(&a[..na], &b[..nb]);
        }
    }
}
