//! Word-level comparison: tokens, the word edits of a modified unit, and
//! the similarity of two wordings (bags of words).

use crate::patience::{diff_ops, edit, interned};
use crate::{WordEdit, WordOp};
use similar::DiffOp;

/// Words and punctuation as separate tokens; spaces are tokens too, so that
/// the tokens always add up to the text. A word is a run of alphanumeric
/// characters (with "-" inside or after it), a space a run of white space;
/// every other character is a token of its own. ASCII is classified by its
/// byte, other characters by `char` (a third of the diff's own time went to
/// decoding every character).
pub fn tokens(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 3 + 1);
    let (mut start, mut i) = (0, 0);
    let mut prev: Option<u8> = None; // 0 word, 1 space
    while i < b.len() {
        let (class, len) = if b[i] < 0x80 {
            (ascii_class(b[i], prev), 1)
        } else {
            match s[i..].chars().next() {
                Some(c) => (char_class(c, prev), c.len_utf8()),
                None => break,
            }
        };
        let boundary = match (prev, class) {
            (Some(x), Some(y)) => x != y,
            _ => true,
        };
        if boundary && i > start {
            out.push(&s[start..i]);
            start = i;
        }
        prev = class;
        i += len;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// The class of a character for [`tokens`]: 0 word, 1 space, None a token
/// of its own.
fn char_class(c: char, prev: Option<u8>) -> Option<u8> {
    if c.is_alphanumeric() || c == '-' && prev == Some(0) {
        Some(0)
    } else if c.is_whitespace() {
        Some(1)
    } else {
        None
    }
}

/// [`char_class`] of an ASCII byte (`char::is_whitespace` counts the
/// vertical tab, `u8::is_ascii_whitespace` does not).
fn ascii_class(x: u8, prev: Option<u8>) -> Option<u8> {
    if x.is_ascii_alphanumeric() || x == b'-' && prev == Some(0) {
        Some(0)
    } else if matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
        Some(1)
    } else {
        None
    }
}

/// Word-level edits from `old` to `new` (patience: anchors on words that
/// occur once, so repeated function words do not pull unrelated passages together).
pub fn word_edits(old: &str, new: &str) -> Vec<WordEdit> {
    let a = tokens(old);
    let b = tokens(new);
    let offs = |t: &[&str]| {
        let mut v = Vec::with_capacity(t.len() + 1);
        let mut o = 0;
        v.push(0);
        for x in t {
            o += x.len();
            v.push(o);
        }
        v
    };
    let (oa, ob) = (offs(&a), offs(&b));
    let (ia, ib) = interned(&a, &b);
    let mut ops = diff_ops(&ia, &ib);
    let no_word = |t: &str| !t.chars().any(char::is_alphanumeric);
    slide_to_words(&mut ops, |i| no_word(a[i]), |j| no_word(b[j]), &ia, &ib);
    let mut out = Vec::new();
    for op in ops {
        let (tag, o, n) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (
                WordOp::Equal,
                (old_index, old_index + len),
                (new_index, new_index + len),
            ),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (
                WordOp::Delete,
                (old_index, old_index + old_len),
                (new_index, new_index),
            ),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (
                WordOp::Insert,
                (old_index, old_index),
                (new_index, new_index + new_len),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.push(WordEdit {
                    op: WordOp::Delete,
                    text: old[oa[old_index]..oa[old_index + old_len]].to_string(),
                    old: (oa[old_index], oa[old_index + old_len]),
                    new: (ob[new_index], ob[new_index]),
                });
                (
                    WordOp::Insert,
                    (old_index + old_len, old_index + old_len),
                    (new_index, new_index + new_len),
                )
            }
        };
        let (os, oe) = (oa[o.0], oa[o.1]);
        let (ns, ne) = (ob[n.0], ob[n.1]);
        let text = if tag == WordOp::Insert {
            &new[ns..ne]
        } else {
            &old[os..oe]
        };
        out.push(WordEdit {
            op: tag,
            text: text.to_string(),
            old: (os, oe),
            new: (ns, ne),
        });
    }
    out
}

/// An inserted or deleted run of words that starts with a space or a
/// punctuation mark, where the same follows it, is moved on until it starts
/// with a word: "oder {+daraus +}freigesetzt", not "oder{+ daraus+}
/// freigesetzt" (equally short; the edit then starts at a word, as a reader
/// and an Änderungsbefehl see it).
fn slide_to_words(
    ops: &mut Vec<DiffOp>,
    no_word_a: impl Fn(usize) -> bool,
    no_word_b: impl Fn(usize) -> bool,
    a: &[u32],
    b: &[u32],
) {
    for k in 1..ops.len().saturating_sub(1) {
        while slide_once(ops, k, &no_word_a, &no_word_b, a, b) {}
    }
    // an equal run used up: the edits on either side of it are one
    let mut out: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops.drain(..) {
        if matches!(op, DiffOp::Equal { len: 0, .. }) {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        match out.last_mut() {
            Some(last)
                if !matches!(last, DiffOp::Equal { .. }) && !matches!(op, DiffOp::Equal { .. }) =>
            {
                let (lo, ln) = (last.old_range(), last.new_range());
                *last = edit(lo.start, o.end - lo.start, ln.start, n.end - ln.start);
            }
            _ => out.push(op),
        }
    }
    *ops = out;
}

fn slide_once(
    ops: &mut [DiffOp],
    k: usize,
    no_word_a: &impl Fn(usize) -> bool,
    no_word_b: &impl Fn(usize) -> bool,
    a: &[u32],
    b: &[u32],
) -> bool {
    let (DiffOp::Equal { .. }, DiffOp::Equal { len: after, .. }) = (&ops[k - 1], &ops[k + 1])
    else {
        return false;
    };
    if *after == 0 {
        return false;
    }
    let slides = match ops[k] {
        DiffOp::Insert {
            new_index, new_len, ..
        } => no_word_b(new_index) && b[new_index] == b[new_index + new_len],
        DiffOp::Delete {
            old_index, old_len, ..
        } => no_word_a(old_index) && a[old_index] == a[old_index + old_len],
        _ => false,
    };
    if !slides {
        return false;
    }
    if let DiffOp::Equal { len, .. } = &mut ops[k - 1] {
        *len += 1;
    }
    match &mut ops[k] {
        DiffOp::Insert {
            old_index,
            new_index,
            ..
        }
        | DiffOp::Delete {
            old_index,
            new_index,
            ..
        } => {
            *old_index += 1;
            *new_index += 1;
        }
        _ => {}
    }
    if let DiffOp::Equal {
        old_index,
        new_index,
        len,
    } = &mut ops[k + 1]
    {
        *old_index += 1;
        *new_index += 1;
        *len -= 1;
    }
    true
}

/// The words of a text (no spaces) as a sorted list of their hashes: two
/// lists are compared by one merge, without a hash map per text.
pub(crate) type Bag = Vec<u64>;

pub(crate) fn bag(s: &str) -> Bag {
    use std::hash::BuildHasher;
    let h = rustc_hash::FxBuildHasher;
    let mut v: Bag = tokens(s)
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .map(|t| h.hash_one(t))
        .collect();
    v.sort_unstable();
    v
}

/// Dice's coefficient of two bags of words (counted with their repetitions).
pub(crate) fn dice(a: &Bag, b: &Bag) -> f64 {
    dice_from(a, b, 0.0).unwrap_or(0.0)
}

/// Dice's coefficient when it is at least `min`, else None: the merge stops
/// as soon as the words left cannot reach it (most pairs of units tried as
/// one unit moved are far apart, and are told so after a few words).
pub(crate) fn dice_from(a: &Bag, b: &Bag, min: f64) -> Option<f64> {
    let total = (a.len() + b.len()).max(1) as f64;
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        // the most it can still reach, computed as the result is
        let most = common + (a.len() - i).min(b.len() - j);
        if 2.0 * (most as f64) / total < min {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let d = 2.0 * common as f64 / total;
    (d >= min).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokens as they were cut before the byte fast path.
    fn tokens_by_char(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut prev: Option<u8> = None;
        for (i, c) in s.char_indices() {
            let class = char_class(c, prev);
            let boundary = match (prev, class) {
                (Some(a), Some(b)) => a != b,
                _ => true,
            };
            if boundary && i > start {
                out.push(&s[start..i]);
                start = i;
            }
            prev = class;
        }
        if start < s.len() {
            out.push(&s[start..]);
        }
        out
    }

    #[test]
    fn ascii_classes_agree_with_char() {
        for x in 0u8..0x80 {
            for prev in [None, Some(0), Some(1)] {
                assert_eq!(ascii_class(x, prev), char_class(x as char, prev), "{x:#x}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn tokens_as_by_char(s in "[a-zA-Z0-9äöüßÄ§„“ \t\n\u{a0}\u{b}\u{85}\u{2009}.,;:()\\-]{0,40}") {
            prop_assert_eq!(tokens(&s), tokens_by_char(&s));
        }
        #[test]
        fn tokens_as_by_char_any(s in any::<String>()) {
            prop_assert_eq!(tokens(&s), tokens_by_char(&s));
        }
    }
}
