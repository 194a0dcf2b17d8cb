//! Structural comparison of two Fassungen of a law.
//!
//! Both laws are flattened into their units in document order ([`Entry`]: a
//! Gliederung heading, a §, an Absatz, a Nummer, a paragraph of text ...,
//! each with its own wording; Sätze belong to the unit that holds them).
//! Units are aligned by their id (kind and number) with the patience
//! algorithm; units left over on both sides are paired by wording, which
//! finds renumbered and moved units. Inside a matched unit the wording is
//! compared word by word. The result is a list of [`Change`]s that
//! [`apply`] turns back into the new Fassung.

pub mod render;

/// "para-3_abs-3_nr-2" → "§ 3 Absatz 3 Nummer 2" (unnumbered parts are skipped).
pub fn citation_of(id: &str, all: &[Entry]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut prefix = String::new();
    for p in id.split('_') {
        if !prefix.is_empty() {
            prefix.push('_');
        }
        prefix.push_str(p);
        let Some(mut name) = syntax::vocab::part_name(p) else {
            continue;
        };
        // one unit for several §§ ("§§ 114, 115 (weggefallen)") is named as it reads
        if (p.starts_with("para-") || p.starts_with("art-"))
            && p.split_once('-').is_some_and(|(_, n)| n.contains('-'))
        {
            if let Some(num) = all
                .iter()
                .find(|e| e.id == prefix)
                .and_then(|e| e.num.as_deref())
            {
                if syntax::vocab::is_multi(num) {
                    name = if p.starts_with("para-") {
                        format!("§§ {num}")
                    } else {
                        format!("Artikel {num}")
                    };
                }
            }
        }
        // an annex without a number ("Anlage (zu § 6)") is named without one
        if p.starts_with("anlage-") || p.starts_with("anhang-") {
            if let Some(e) = all.iter().find(|e| e.id == prefix) {
                if e.num.is_none() {
                    name = name.split(' ').next().unwrap_or("Anlage").to_string();
                }
            }
        }
        parts.push(name);
    }
    // a § stands alone: "§ 3 Absatz 3", not "Abschnitt 1 § 3 Absatz 3"
    let start = parts
        .iter()
        .rposition(|p| {
            p.starts_with("§ ")
                || p.starts_with("Artikel ")
                || p.starts_with("Anhang")
                || p.starts_with("Anlage")
        })
        .unwrap_or(0);
    let s = parts[start..].join(" ");
    if s.is_empty() {
        "der Text".to_string()
    } else {
        s
    }
}

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use syntax::ast::{Document, Kind, Node, Style};

/// One unit with its own wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    pub depth: usize,
    /// Marker and title as printed: "§ 4 Erfassung und Zuständigkeit", "(3)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The unit's own text (its Sätze, or its `text`).
    pub text: String,
    /// Layout that does not change the wording: list dash, emphasis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
}

impl Entry {
    /// The wording: what a change of layout leaves alone.
    fn wording(&self) -> (&Option<String>, &Option<String>, &str) {
        (&self.marker, &self.title, &self.text)
    }

    /// Same wording, but for the publisher's marks (juris' „♦“ after a Satz),
    /// which are no law text: a change of them alone is layout.
    fn same_wording(&self, other: &Entry) -> bool {
        if self.wording() == other.wording() {
            return true;
        }
        let bare = |s: &str| s.replace(PUBLISHER_MARK, "").trim_end().to_string();
        self.marker == other.marker
            && self.title == other.title
            && self.text.contains(PUBLISHER_MARK) != other.text.contains(PUBLISHER_MARK)
            && bare(&self.text) == bare(&other.text)
    }

    /// "§ 4 Erfassung und Zuständigkeit", "(3) Die technische ...".
    pub fn label(&self) -> String {
        let mut s = self.marker.clone().unwrap_or_default();
        if let Some(t) = &self.title {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(t);
        }
        s
    }
}

/// juris marks some Sätze with „♦“; the mark is the publisher's, not the law's.
pub const PUBLISHER_MARK: char = '♦';

/// The unit's Sätze (see [`syntax::print::own_text`]) and table cells.
fn own_text(n: &Node) -> String {
    let own = syntax::print::own_text(n);
    if n.cells.is_empty() {
        return own;
    }
    let has_own = n.text.is_some() || n.children.iter().any(|c| c.kind == Kind::Satz);
    let mut parts: Vec<&str> = Vec::new();
    if has_own {
        parts.push(&own);
    }
    parts.extend(n.cells.iter().map(String::as_str));
    parts.join(" ")
}

fn layout_of(n: &Node) -> Option<String> {
    let mut l = Vec::new();
    if n.style == Some(Style::Dash) {
        l.push("dash".to_string());
    }
    let emph = n.emphasis.len()
        + n.children
            .iter()
            .filter(|c| c.kind == Kind::Satz)
            .map(|c| c.emphasis.len())
            .sum::<usize>();
    if emph > 0 {
        l.push(format!("emphasis×{emph}"));
    }
    (!l.is_empty()).then(|| l.join(","))
}

/// Whether a node is one of the units [`entries`] lists.
fn is_entry(k: Kind) -> bool {
    !matches!(k, Kind::Dokument | Kind::Satz | Kind::Frontmatter)
}

/// The units of a law in document order.
pub fn entries(doc: &Document) -> Vec<Entry> {
    // sized once: an Entry is large, and growing by doubling touches twice the memory
    let mut count = 0;
    doc.root.walk(&mut |n, _| {
        count += usize::from(is_entry(n.kind));
    });
    let mut out = Vec::with_capacity(count);
    doc.root.walk(&mut |n, depth| {
        if !is_entry(n.kind) {
            return;
        }
        out.push(Entry {
            id: n.id.clone(),
            kind: n.kind,
            depth,
            marker: n.marker.clone(),
            num: n.num.clone(),
            title: n.title.clone(),
            text: own_text(n),
            layout: layout_of(n),
        });
    });
    out
}

/// What happened to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Same unit, other wording (or other title).
    Modified,
    /// A new unit.
    Inserted,
    /// A unit removed.
    Removed,
    /// A unit now marked „(weggefallen)“.
    Repealed,
    /// Same wording under another number.
    Renumbered,
    /// Same wording elsewhere.
    Moved,
    /// Only the layout changed (list dash, emphasis), not the wording.
    Layout,
}

/// A word-level edit inside a modified unit. Offsets are byte ranges into the old and new text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordEdit {
    /// "equal", "delete" or "insert" (static: one allocation less per word)
    pub op: std::borrow::Cow<'static, str>,
    pub text: String,
    pub old: (usize, usize),
    pub new: (usize, usize),
}

/// What a change holds of the two Fassungen: the old unit, the new one, or both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Units {
    /// A unit in both Fassungen (modified, repealed, layout; a renumbered or
    /// moved unit whose old wording stood at this place).
    Both { old: Entry, new: Entry },
    /// A unit of the old Fassung only (removed; the old half of a renumbered or moved unit).
    Old { old: Entry },
    /// A unit of the new Fassung only (inserted; the new half of a renumbered or moved unit).
    New { new: Entry },
}

impl Units {
    fn both(old: &Entry, new: &Entry) -> Units {
        Units::Both {
            old: old.clone(),
            new: new.clone(),
        }
    }
}

/// One change. `at` is the position in the old law's units where it applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub at: usize,
    /// The unit in the old Fassung, the new one, or both.
    #[serde(flatten)]
    pub units: Units,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordEdit>,
    /// For renumbered and moved units: the id on the other side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pair: Option<String>,
}

impl Change {
    fn new(kind: ChangeKind, at: usize, units: Units) -> Change {
        Change {
            kind,
            at,
            units,
            words: Vec::new(),
            pair: None,
        }
    }

    fn removed(at: usize, old: &Entry) -> Change {
        Change::new(ChangeKind::Removed, at, Units::Old { old: old.clone() })
    }

    fn inserted(at: usize, new: &Entry) -> Change {
        Change::new(ChangeKind::Inserted, at, Units::New { new: new.clone() })
    }

    /// The unit in the old Fassung, if the change has one.
    pub fn old(&self) -> Option<&Entry> {
        match &self.units {
            Units::Both { old, .. } | Units::Old { old } => Some(old),
            Units::New { .. } => None,
        }
    }

    /// The unit in the new Fassung, if the change has one.
    pub fn new_unit(&self) -> Option<&Entry> {
        match &self.units {
            Units::Both { new, .. } | Units::New { new } => Some(new),
            Units::Old { .. } => None,
        }
    }

    /// The id of the unit concerned (new id when there is one).
    pub fn id(&self) -> &str {
        self.new_unit()
            .or(self.old())
            .map(|e| e.id.as_str())
            .unwrap_or("")
    }
}

/// Words and punctuation as separate tokens; spaces are tokens too, so that
/// the tokens always add up to the text.
pub fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<u8> = None; // 0 word, 1 space
    for (i, c) in s.char_indices() {
        let class = if c.is_alphanumeric() || c == '-' && prev == Some(0) {
            Some(0)
        } else if c.is_whitespace() {
            Some(1)
        } else {
            None
        };
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
                "equal",
                (old_index, old_index + len),
                (new_index, new_index + len),
            ),
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (
                "delete",
                (old_index, old_index + old_len),
                (new_index, new_index),
            ),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (
                "insert",
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
                    op: "delete".into(),
                    text: old[oa[old_index]..oa[old_index + old_len]].to_string(),
                    old: (oa[old_index], oa[old_index + old_len]),
                    new: (ob[new_index], ob[new_index]),
                });
                (
                    "insert",
                    (old_index + old_len, old_index + old_len),
                    (new_index, new_index + new_len),
                )
            }
        };
        let (os, oe) = (oa[o.0], oa[o.1]);
        let (ns, ne) = (ob[n.0], ob[n.1]);
        let text = if tag == "insert" {
            &new[ns..ne]
        } else {
            &old[os..oe]
        };
        out.push(WordEdit {
            op: tag.into(),
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

/// The edit that turns `a[o..o + ol]` into `b[n..n + nl]`.
fn edit(o: usize, ol: usize, n: usize, nl: usize) -> DiffOp {
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

/// Patience diff of two sequences (items as numbers, see [`interned`]),
/// their common start and end taken off first: most changed units differ in
/// a few words, and the diff then looks only at those.
fn diff_ops(a: &[u32], b: &[u32]) -> Vec<DiffOp> {
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
fn interned<T: std::hash::Hash + Eq>(a: &[T], b: &[T]) -> (Vec<u32>, Vec<u32>) {
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

/// The words of a text (no spaces) as a sorted list of their hashes: two
/// lists are compared by one merge, without a hash map per text.
type Bag = Vec<u64>;

fn bag(s: &str) -> Bag {
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
fn dice(a: &Bag, b: &Bag) -> f64 {
    dice_from(a, b, 0.0).unwrap_or(0.0)
}

/// Dice's coefficient when it is at least `min`, else None: the merge stops
/// as soon as the words left cannot reach it (most pairs of units tried as
/// one unit moved are far apart, and are told so after a few words).
fn dice_from(a: &Bag, b: &Bag, min: f64) -> Option<f64> {
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

/// Compare two Fassungen.
pub fn diff(old: &Document, new: &Document) -> Vec<Change> {
    let a = entries(old);
    let b = entries(new);
    diff_entries(&a, &b)
}

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
                    let (x, y) = (&a[old_index + k], &b[new_index + k]);
                    if x.id != y.id {
                        // a Gliederung unit found by its title under another number
                        let mut gone = Change::removed(old_index + k, x);
                        gone.kind = ChangeKind::Renumbered;
                        gone.pair = Some(y.id.clone());
                        let mut came = Change::inserted(old_index + k, y);
                        came.kind = ChangeKind::Renumbered;
                        came.pair = Some(x.id.clone());
                        if x.text != y.text {
                            came.words = word_edits(&x.text, &y.text);
                        }
                        changes.push(came);
                        changes.push(gone);
                    } else if !x.same_wording(y) {
                        let kind =
                            if y.title.as_deref().is_some_and(|t| {
                                t.contains("weggefallen") || t.contains("aufgehoben")
                            }) && !x
                                .title
                                .as_deref()
                                .is_some_and(|t| t.contains("weggefallen"))
                            {
                                ChangeKind::Repealed
                            } else {
                                ChangeKind::Modified
                            };
                        // the word edits follow below, in parallel
                        changes.push(Change::new(kind, old_index + k, Units::both(x, y)));
                    } else if x.layout != y.layout
                        || x.depth != y.depth
                        || x.wording() != y.wording()
                    {
                        changes.push(Change::new(
                            ChangeKind::Layout,
                            old_index + k,
                            Units::both(x, y),
                        ));
                    }
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
    // the word edits of the modified units, one core each
    {
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
    pair_renumbered(&mut changes, &removed, &inserted);
    split_shifted(&mut changes);
    changes
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

/// „(2) new“ inserted before the old Absatz 2, which becomes Absatz 3: the
/// id alignment sees Absatz 2 modified and Absatz 3 inserted. When the old
/// wording reappears (nearly) unchanged in an inserted unit, it is the old
/// unit renumbered, and the modified one is new.
fn split_shifted(changes: &mut Vec<Change>) {
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
    // the modified units that may be another unit moved in: mostly replaced
    // (little of their wording kept), with inserted units of their kind and
    // about their length to compare with; found, and their words counted,
    // on both cores
    use rayon::prelude::*;
    let checked: Vec<(usize, Bag, Vec<usize>)> = (0..changes.len())
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
                .filter(|w| w.op == "equal" && w.text.chars().any(char::is_alphanumeric))
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
        .collect();
    let mut wanted = vec![false; ins.len()];
    for (_, _, cands) in &checked {
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
    for (k, ob, cands) in &checked {
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
    if pairs.is_empty() {
        return;
    }
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

fn push_removed(
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

fn push_inserted(
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
fn pair_renumbered(
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
            let ob = bag(ko);
            for (j, &(i, _)) in inserted.iter().enumerate() {
                if used[j] {
                    continue;
                }
                let Some(new) = changes[i].new_unit() else {
                    continue;
                };
                let kn = &keys[j];
                if new.kind != old.kind
                    || kn.len() * 10 < ko.len() * 8
                    || ko.len() * 10 < kn.len() * 8
                {
                    continue;
                }
                let Some(s) = dice_from(&ob, &bags[j], 0.9) else {
                    continue;
                };
                if best.is_none_or(|(_, bs)| s > bs) {
                    best = Some((j, s));
                }
            }
        }
        if let Some((j, _)) = best {
            used[j] = true;
            let (i, i_op) = inserted[j];
            let near = i_op == r_op || changes[i].at.abs_diff(changes[r].at) <= 1;
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
    }
    pair_under_renumbered(changes, removed, inserted, &mut used);
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

/// Why a change list does not fit the old Fassung it is applied to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("change at unit {at} beyond the {units} units of the old Fassung")]
    Beyond { at: usize, units: usize },
    #[error("change of {id} does not match the old Fassung at unit {at}")]
    Mismatch { id: String, at: usize },
}

/// Apply changes to the old Fassung's units; gives the new Fassung's units.
pub fn apply(old: &[Entry], changes: &[Change]) -> Result<Vec<Entry>, ApplyError> {
    let mut out = Vec::with_capacity(old.len() + changes.len());
    let mut i = 0;
    let mut sorted: Vec<&Change> = changes.iter().collect();
    // at one position, insertions come before the change of the unit there
    sorted.sort_by(|x, y| {
        x.at.cmp(&y.at)
            .then_with(|| x.old().is_some().cmp(&y.old().is_some()))
    });
    for c in sorted {
        if c.at > old.len() {
            return Err(ApplyError::Beyond {
                at: c.at,
                units: old.len(),
            });
        }
        while i < c.at {
            out.push(old[i].clone());
            i += 1;
        }
        match (c.old(), c.new_unit()) {
            (Some(o), n) => {
                if i >= old.len() || old[i].id != o.id {
                    return Err(ApplyError::Mismatch {
                        id: o.id.clone(),
                        at: c.at,
                    });
                }
                i += 1;
                out.extend(n.cloned());
            }
            (None, n) => out.extend(n.cloned()),
        }
    }
    out.extend(old[i..].iter().cloned());
    Ok(out)
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
