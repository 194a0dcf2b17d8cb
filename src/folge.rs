//! Folgeänderungen: when an amendment renumbers, moves or repeals units of a
//! law, every citation of them (in the law itself and in the other laws of
//! its series) must follow. This finds those citations in the old Fassung,
//! rewrites the ones it can rewrite safely into the new numbering, and lists
//! the others for review; `diff --amendments` then writes the commands for
//! the rewritten texts as further Nummern and Artikel of the amending law.

use refs::{OtherLaw, Resolved, Status, Universe};
use std::collections::HashMap;
use syntax::ast::{Document, Kind, Node};

/// What became of a unit of the old Fassung.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// Still there under its id.
    Same,
    /// Renumbered or moved: its id in the new Fassung.
    To(String),
    /// Removed or repealed.
    Gone,
}

/// The fate of every unit of the old Fassung that moved or went.
pub struct Fates {
    map: HashMap<String, Option<String>>,
}

impl Fates {
    /// From the change list of the two Fassungen (`diff::diff_entries`).
    pub fn new(changes: &[diff::Change]) -> Fates {
        let mut map = HashMap::new();
        for c in changes {
            let Some(o) = c.old() else { continue };
            match c.kind {
                diff::ChangeKind::Renumbered | diff::ChangeKind::Moved => {
                    if let Some(p) = &c.pair {
                        map.insert(o.id.clone(), Some(p.clone()));
                    }
                }
                diff::ChangeKind::Removed | diff::ChangeKind::Repealed => {
                    map.insert(o.id.clone(), None);
                }
                _ => {}
            }
        }
        Fates { map }
    }

    /// The fate of the unit `id`: its own, or that of the nearest unit
    /// around it that moved or went ("para-5_abs-2" moves with "para-5").
    pub fn of(&self, id: &str) -> Fate {
        let mut cut = id.len();
        loop {
            let prefix = &id[..cut];
            if let Some(f) = self.map.get(prefix) {
                return match f {
                    Some(to) => Fate::To(format!("{to}{}", &id[cut..])),
                    None => Fate::Gone,
                };
            }
            match prefix.rfind('_') {
                Some(i) => cut = i,
                None => return Fate::Same,
            }
        }
    }

    /// Whether no unit moved or went (every citation keeps its target).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A citation rewritten into the new numbering.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rewrite {
    /// The unit of the citing law that holds it (its id there).
    pub node: String,
    /// The citation as it was written ("§ 5 Absatz 2").
    pub old: String,
    /// The citation in the new numbering ("§ 6 Absatz 2").
    pub new: String,
}

/// A citation of a unit that moved or went, left as it is: to be looked at.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Review {
    /// The citation's line in the citing law, from 1.
    pub line: u32,
    /// Its column, from 1 (in characters).
    pub column: u32,
    /// The citation as written.
    pub citation: String,
    /// Why it was not rewritten ("the unit it cites moved; the citing text
    /// changed around it").
    pub reason: String,
}

/// The Folgeänderungen of one citing law.
#[derive(Debug, Clone, Default)]
pub struct Folge {
    /// The citations rewritten into the new numbering.
    pub rewrites: Vec<Rewrite>,
    /// The citations left as they are, for a person to look at.
    pub review: Vec<Review>,
}

/// (kind, number) of `id` and the units around it, outermost first.
fn chain(doc: &Document, id: &str) -> Option<Vec<(Kind, String)>> {
    fn walk(n: &Node, id: &str, acc: &mut Vec<(Kind, String)>) -> bool {
        acc.push((n.kind, n.num.clone().unwrap_or_default()));
        if n.id == id {
            return true;
        }
        // ids nest: only a unit whose id begins the wanted one can hold it
        for c in &n.children {
            if (c.id.is_empty() || id.starts_with(&c.id)) && walk(c, id, acc) {
                return true;
            }
        }
        acc.pop();
        false
    }
    let mut acc = Vec::new();
    walk(&doc.root, id, &mut acc).then_some(acc)
}

/// `text` with the numbers of `r`'s one target renumbered from the `old`
/// chain to the `new` one; None where that cannot be done safely (a list or
/// range, a level the chains do not have, a number not found in the text).
fn renumbered_text(r: &Resolved, old: &[(Kind, String)], new: &[(Kind, String)]) -> Option<String> {
    let text = &r.reference.text;
    let mut out = String::with_capacity(text.len() + 4);
    let mut at = 0;
    let num_of = |chain: &[(Kind, String)], k: Kind| {
        chain
            .iter()
            .rev()
            .find(|(kind, _)| *kind == k)
            .map(|(_, n)| n.clone())
    };
    for step in &r.reference.steps {
        let [item] = step.items.as_slice() else {
            return None;
        };
        if item.to.is_some() {
            return None;
        }
        let k = step.level.kind()?;
        // the Sätze of a unit keep their numbers when the unit moves
        if k == Kind::Satz {
            continue;
        }
        let (Some(was), Some(is)) = (num_of(old, k), num_of(new, k)) else {
            return None;
        };
        if was != item.from {
            return None;
        }
        // the number as a token of its own, after what was rewritten
        let rel = find_token(&text[at..], &item.from)?;
        out.push_str(&text[at..at + rel]);
        out.push_str(&is);
        at += rel + item.from.len();
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// Where `token` stands in `s` not as part of a longer number or word.
fn find_token(s: &str, token: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(token) {
        let i = from + i;
        let before = s[..i].chars().next_back();
        let after = s[i + token.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(i);
        }
        from = i + token.len();
    }
    None
}

/// Per citing unit (its id, and whether in its title): the byte ranges of
/// its text to replace, and by what.
type Edits = HashMap<(String, bool), Vec<(usize, usize, String)>>;

/// The node with `id`, to change it.
fn find_mut<'a>(n: &'a mut Node, id: &str) -> Option<&'a mut Node> {
    if n.id == id {
        return Some(n);
    }
    n.children
        .iter_mut()
        .filter(|c| c.id.is_empty() || id.starts_with(&c.id))
        .find_map(|c| find_mut(c, id))
}

/// The citations of `cited_old` made by `citing` (with its source and its
/// `uni`verse), the ones to follow `fates` rewritten in `target`: the
/// citing law's Fassung to change (its old Fassung for another law of the
/// series, the new one for the law itself). `citing_fates` says where a
/// citing unit of `citing` stands in `target` (None: the same place).
#[allow(clippy::too_many_arguments)]
fn follow(
    citing: &Document,
    src: &str,
    uni: &Universe,
    wanted: &dyn Fn(&Resolved) -> bool,
    cited_old: &Document,
    cited_new: &Document,
    fates: &Fates,
    target: &mut Document,
    citing_fates: Option<&Fates>,
) -> Folge {
    let lines = syntax::source::LineIndex::new(src);
    let mut folge = Folge::default();
    // per citing node: (range in its new text, replacement)
    let mut edits: Edits = HashMap::new();
    for r in refs::resolve_all_with(citing, src, uni, &lines) {
        if r.status != Status::Resolved && r.status != Status::Repealed || !wanted(&r) {
            continue;
        }
        let Some(x) = r.target.as_deref() else {
            continue;
        };
        let (line, column) = lines.line_col(r.reference.span.start);
        let review = |reason: &str| Review {
            line,
            column,
            citation: r.reference.text.clone(),
            reason: reason.to_string(),
        };
        let fate = fates.of(x);
        if fate == Fate::Same {
            continue;
        }
        // the citing unit in the Fassung to change, and the citation in its
        // text: where the drafter changed it, it is theirs to say
        let node_id = match citing_fates.map(|f| f.of(&r.reference.node)) {
            None | Some(Fate::Same) => r.reference.node.clone(),
            Some(Fate::To(n)) => n,
            Some(Fate::Gone) => continue, // the citing text itself goes
        };
        let in_title = r.reference.in_title;
        let field = |n: &Node| {
            if in_title {
                n.title.clone()
            } else {
                n.text.clone()
            }
        };
        let old_text = citing
            .root
            .find(&r.reference.node)
            .and_then(field)
            .unwrap_or_default();
        let Some(now) = target.root.find(&node_id).and_then(field) else {
            continue;
        };
        let (s, e) = r.reference.text_range;
        let range = if now == old_text && now.get(s..e) == Some(r.reference.text.as_str()) {
            Some((s, e))
        } else if now.matches(r.reference.text.as_str()).count() == 1 {
            now.find(r.reference.text.as_str())
                .map(|i| (i, i + r.reference.text.len()))
        } else {
            None
        };
        let Some((s, e)) = range else {
            if now.contains(r.reference.text.as_str()) {
                folge.review.push(review(
                    "the unit it cites moved; the citing text changed around it",
                ));
            }
            continue;
        };
        let new_text = match rewritten(&r, fate, x, cited_old, cited_new) {
            Ok(t) => t,
            Err(reason) => {
                folge.review.push(review(reason));
                continue;
            }
        };
        if new_text == r.reference.text {
            continue;
        }
        edits
            .entry((node_id.clone(), in_title))
            .or_default()
            .push((s, e, new_text.clone()));
        folge.rewrites.push(Rewrite {
            node: node_id,
            old: r.reference.text.clone(),
            new: new_text,
        });
    }
    apply_edits(target, edits);
    folge
}

/// The citation `r` of `x` rewritten for the unit's fate, or why it
/// is left for review.
fn rewritten(
    r: &Resolved,
    fate: Fate,
    x: &str,
    cited_old: &Document,
    cited_new: &Document,
) -> Result<String, &'static str> {
    let y = match fate {
        Fate::Same => return Ok(r.reference.text.clone()),
        Fate::Gone => return Err("the unit it cites is repealed or removed"),
        Fate::To(y) => y,
    };
    if r.reference.targets().len() > 1 {
        return Err("the citation names several units; one of them moved");
    }
    let (Some(oc), Some(nc)) = (chain(cited_old, x), chain(cited_new, &y)) else {
        return Err("the unit it cites moved; its new place is not found");
    };
    renumbered_text(r, &oc, &nc)
        .ok_or("the unit it cites moved; the citation cannot be rewritten safely")
}

/// The rewritten citations written into the target's units, the last first.
fn apply_edits(target: &mut Document, edits: Edits) {
    for ((id, in_title), mut list) in edits {
        list.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
        list.dedup_by_key(|(s, _, _)| *s);
        let Some(n) = find_mut(&mut target.root, &id) else {
            continue;
        };
        let before = if in_title { &n.title } else { &n.text };
        let mut t = before.clone().unwrap_or_default();
        for (s, e, w) in list {
            if e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e) {
                t.replace_range(s..e, &w);
            }
        }
        if in_title {
            n.title = Some(t);
        } else {
            // the emphasis of the unit's words stays where the words stay
            n.emphasis =
                amend::apply::carry_emphasis(n.text.as_deref().unwrap_or(""), &n.emphasis, &t);
            n.text = Some(t);
        }
    }
}

/// The law's own citations of units that moved or went: rewritten in `new`
/// (the drafter's new Fassung), where the drafter left them as they were.
pub fn within(
    old: &Document,
    old_src: &str,
    declared: &[String],
    fates: &Fates,
    new: &mut Document,
) -> Folge {
    if fates.is_empty() {
        return Folge::default();
    }
    let uni = Universe {
        declared: declared.to_vec(),
        libraries: &[],
        others: Vec::new(),
    };
    let cited_new = new.clone();
    // the entries of the Inhaltsübersicht are no citations to follow: the
    // drafter's new Fassung has them in the new numbering already, and the
    // amending law changes them with their units
    let internal = |r: &Resolved| {
        matches!(
            r.reference.scope,
            refs::Scope::Internal | refs::Scope::Relative
        ) && !r
            .reference
            .node
            .split('_')
            .any(|p| p.starts_with("inhuebs"))
    };
    follow(
        old,
        old_src,
        &uni,
        &internal,
        old,
        &cited_new,
        fates,
        new,
        Some(fates),
    )
}

/// Another law of the series (`citing`, with its source), citing the law
/// `short` whose Fassung goes from `old` to `new`: its citations of units
/// that moved or went, rewritten in a copy of it.
pub fn across(
    citing: &Document,
    src: &str,
    short: &str,
    path: &str,
    old: &Document,
    new: &Document,
    fates: &Fates,
) -> (Document, Folge) {
    let mut target = citing.clone();
    if fates.is_empty() {
        return (target, Folge::default());
    }
    let uni = Universe {
        declared: Vec::new(),
        libraries: &[],
        others: vec![OtherLaw {
            short: short.to_string(),
            path: path.to_string(),
            doc: old,
            declared: Vec::new(),
        }],
    };
    let of_it = |r: &Resolved| matches!(&r.reference.scope, refs::Scope::Series(s) if s == short);
    let folge = follow(
        citing,
        src,
        &uni,
        &of_it,
        old,
        new,
        fates,
        &mut target,
        None,
    );
    (target, folge)
}
