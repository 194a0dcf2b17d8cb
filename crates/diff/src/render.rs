//! Diff output: colored inline and side by side, unified by unit, JSON, Synopse (HTML).

use super::{Change, ChangeKind, Entry, Units, WordEdit, WordOp};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const STRIKE: &str = "\x1b[9m";
const RESET: &str = "\x1b[0m";

/// The German word for a kind of change: "geändert", "eingefügt", …
pub fn kind_word(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Modified => "geändert",
        ChangeKind::Inserted => "eingefügt",
        ChangeKind::Removed => "aufgehoben",
        ChangeKind::Repealed => "weggefallen",
        ChangeKind::Renumbered => "umnummeriert",
        ChangeKind::Moved => "verschoben",
        ChangeKind::Layout => "nur Layout",
    }
}

/// Where a unit stands: "§ 4 Absatz 3".
pub fn place(e: &Entry, all: &[Entry]) -> String {
    crate::citation_of(&e.id, all)
}

/// Where a change stands: in the new Fassung, or in the old one for removals.
fn change_place(c: &Change, old: &[Entry], new: &[Entry]) -> String {
    match (c.new_unit(), c.old()) {
        (Some(n), _) => place(n, new),
        (None, Some(o)) => place(o, old),
        (None, None) => String::new(),
    }
}

fn words_inline(words: &[WordEdit], color: bool) -> String {
    let mut s = String::new();
    for w in words {
        match (w.op, color) {
            (WordOp::Equal, _) => s.push_str(&w.text),
            (WordOp::Delete, true) => s.push_str(&format!("{RED}{STRIKE}{}{RESET}", w.text)),
            (WordOp::Insert, true) => s.push_str(&format!("{GREEN}{}{RESET}", w.text)),
            (WordOp::Delete, false) => s.push_str(&format!("[-{}-]", w.text)),
            (WordOp::Insert, false) => s.push_str(&format!("{{+{}+}}", w.text)),
        }
    }
    s
}

/// Inline: one block per change, words marked in place.
/// Changes of law text first; then, apart, those of what the publisher adds
/// (Stand, Fundstelle, footnotes), which no amending law says.
pub fn inline(changes: &[Change], old: &[Entry], new: &[Entry], color: bool) -> String {
    let editorial = |c: &&Change| {
        c.new_unit()
            .or(c.old())
            .is_some_and(|e| e.kind.is_editorial())
    };
    let mut out = String::new();
    for c in changes.iter().filter(|c| !editorial(c)) {
        inline_change(&mut out, c, old, new, color);
    }
    let notes: Vec<&Change> = changes.iter().filter(editorial).collect();
    if !notes.is_empty() {
        let head = "Nicht Gesetzestext (Angaben des Herausgebers):";
        out.push_str(&if color {
            format!("{DIM}{head}{RESET}\n\n")
        } else {
            format!("{head}\n\n")
        });
        for c in notes {
            inline_change(&mut out, c, old, new, color);
        }
    }
    out
}

/// How an editorial unit is named: "Fundstelle", "Stand", "Fußnote `[^1]`".
fn editorial_place(e: &Entry) -> String {
    match e.kind {
        syntax::ast::Kind::Fassung => e.marker.clone().unwrap_or_else(|| "Stand".into()),
        syntax::ast::Kind::Fussnote => format!("Fußnote {}", e.marker.clone().unwrap_or_default()),
        syntax::ast::Kind::Frontmatter => "Vorspann".into(),
        _ => e.title.clone().unwrap_or_else(|| "Angabe".into()),
    }
}

fn inline_change(out: &mut String, c: &Change, old: &[Entry], new: &[Entry], color: bool) {
    {
        let (e, all) = match (c.new_unit(), c.old()) {
            (Some(n), _) => (n, new),
            (None, Some(o)) => (o, old),
            _ => return,
        };
        if c.kind == ChangeKind::Renumbered && c.old().is_some() && c.new_unit().is_none() {
            return; // shown with its new number
        }
        let at = if e.kind.is_editorial() {
            editorial_place(e)
        } else {
            place(e, all)
        };
        let head = format!("{at} ({})", kind_word(c.kind));
        out.push_str(&if color {
            format!("{BOLD}{head}{RESET}\n")
        } else {
            format!("{head}\n")
        });
        match (c.kind, &c.units) {
            (ChangeKind::Modified | ChangeKind::Repealed, Units::Both { old: o, new: n }) => {
                if o.label() != n.label() {
                    out.push_str(&format!(
                        "  {}\n",
                        words_inline(&super::word_edits(&o.label(), &n.label()), color)
                    ));
                }
                if o.text != n.text {
                    out.push_str(&format!("  {}\n", words_inline(&c.words, color)));
                }
            }
            (ChangeKind::Modified | ChangeKind::Repealed, _) => {}
            (ChangeKind::Inserted, _) => out.push_str(&paint(
                &format!("  + {} {}\n", e.label(), e.text),
                GREEN,
                color,
            )),
            (ChangeKind::Removed, _) => out.push_str(&paint(
                &format!("  - {} {}\n", e.label(), e.text),
                RED,
                color,
            )),
            (ChangeKind::Renumbered | ChangeKind::Moved, _) => {
                if let Some(p) = &c.pair {
                    out.push_str(&paint(&format!("  bisher {}\n", p), DIM, color));
                }
                if !c.words.is_empty() && c.words.iter().any(|w| w.op != WordOp::Equal) {
                    out.push_str(&format!("  {}\n", words_inline(&c.words, color)));
                }
            }
            // a publisher's mark ("♦") that came or went
            (ChangeKind::Layout, Units::Both { old: o, new: n }) if o.text != n.text => {
                let words = super::word_edits(&o.text, &n.text);
                out.push_str(&format!("  {}\n", words_inline(&words, color)));
            }
            (ChangeKind::Layout, _) => out.push_str(&paint(
                &format!(
                    "  {} → {}\n",
                    c.old()
                        .and_then(|o| o.layout.clone())
                        .unwrap_or_else(|| "–".into()),
                    e.layout.clone().unwrap_or_else(|| "–".into())
                ),
                DIM,
                color,
            )),
        }
        out.push('\n');
    }
}

fn paint(s: &str, c: &str, color: bool) -> String {
    if color {
        format!("{c}{}{RESET}\n", s.trim_end_matches('\n'))
    } else {
        s.to_string()
    }
}

fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for w in s.split(' ') {
        let cur = lines.last_mut().expect("one line");
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            lines.push(String::new());
        }
        let cur = lines.last_mut().expect("one line");
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    lines
}

/// Side by side: old | new, wrapped to the terminal width.
pub fn side_by_side(
    changes: &[Change],
    old: &[Entry],
    new: &[Entry],
    width: usize,
    color: bool,
) -> String {
    let col = (width.saturating_sub(3) / 2).max(20);
    let mut out = String::new();
    for c in changes {
        if c.kind == ChangeKind::Layout {
            continue;
        }
        let lt = c
            .old()
            .map(|o| format!("{} {}", o.label(), o.text))
            .unwrap_or_default();
        let rt = c
            .new_unit()
            .map(|n| format!("{} {}", n.label(), n.text))
            .unwrap_or_default();
        let head = change_place(c, old, new);
        out.push_str(&format!(
            "{}── {head} ({})\n",
            if color { BOLD } else { "" },
            kind_word(c.kind)
        ));
        if color {
            out.push_str(RESET);
        }
        let (l, r) = (wrap(&lt, col), wrap(&rt, col));
        for k in 0..l.len().max(r.len()) {
            let a = l.get(k).map(String::as_str).unwrap_or("");
            let b = r.get(k).map(String::as_str).unwrap_or("");
            let pad = col.saturating_sub(a.chars().count());
            if color {
                out.push_str(&format!(
                    "{RED}{a}{RESET}{} │ {GREEN}{b}{RESET}\n",
                    " ".repeat(pad)
                ));
            } else {
                out.push_str(&format!("{a}{} │ {b}\n", " ".repeat(pad)));
            }
        }
    }
    out
}

/// Unified diff by unit.
pub fn unified(
    changes: &[Change],
    old: &[Entry],
    new: &[Entry],
    old_name: &str,
    new_name: &str,
) -> String {
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    for c in changes {
        if c.kind == ChangeKind::Layout {
            continue;
        }
        let head = change_place(c, old, new);
        out.push_str(&format!("@@ {head} @@\n"));
        if let Some(o) = c.old() {
            out.push_str(&format!("-{} {}\n", o.label(), o.text));
        }
        if let Some(n) = c.new_unit() {
            out.push_str(&format!("+{} {}\n", n.label(), n.text));
        }
    }
    out
}

/// Text escaped for HTML (also inside attribute values in double quotes).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A piece of text in the Synopse, marked as deleted or inserted.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Seg {
    /// The text.
    pub t: String,
    /// Whether it is deleted or inserted (none: kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<Mark>,
}

/// How the Synopse marks a piece of text; in its JSON `"del"` or `"ins"`,
/// in its HTML `<del>` or `<ins>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Deleted (old column).
    Del,
    /// Inserted (new column).
    Ins,
}

/// What a row of the Synopse shows of its unit; written as its German word
/// (in the JSON of the Synopse and in its HTML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum RowState {
    /// The unit reads as before („unverändert“).
    #[serde(rename = "unverändert")]
    Unchanged,
    /// The unit's wording or number changed („geändert“).
    #[serde(rename = "geändert")]
    Changed,
    /// The unit is new („eingefügt“).
    #[serde(rename = "eingefügt")]
    Inserted,
    /// The unit is gone („aufgehoben“).
    #[serde(rename = "aufgehoben")]
    Removed,
}

impl RowState {
    /// The German word: „unverändert“, „geändert“, „eingefügt“, „aufgehoben“.
    pub fn word(self) -> &'static str {
        match self {
            RowState::Unchanged => "unverändert",
            RowState::Changed => "geändert",
            RowState::Inserted => "eingefügt",
            RowState::Removed => "aufgehoben",
        }
    }
}

/// One row of the Synopse.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    /// The unit's id (in the new Fassung; in the old one where it is gone).
    pub id: String,
    /// The old Fassung's column.
    pub left: Vec<Seg>,
    /// The new Fassung's column.
    pub right: Vec<Seg>,
    /// What the row shows of its unit.
    pub state: RowState,
    /// How deep the unit stands (for its indentation and weight).
    pub depth: usize,
    /// A unit renumbered or moved (the old unit stands beside the new):
    /// its renumbering, said once („§ 4 → § 5“); none for the units it
    /// carries along.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renumbered: Option<String>,
}

fn seg(t: String, mark: Option<Mark>) -> Seg {
    Seg { t, mark }
}

fn segs(words: &[WordEdit], new_side: bool) -> Vec<Seg> {
    words
        .iter()
        .filter_map(|w| match (w.op, new_side) {
            (WordOp::Equal, _) => Some(seg(w.text.clone(), None)),
            (WordOp::Delete, false) => Some(seg(w.text.clone(), Some(Mark::Del))),
            (WordOp::Insert, true) => Some(seg(w.text.clone(), Some(Mark::Ins))),
            _ => None,
        })
        .collect()
}

/// The rows of the Synopse: every unit of the new Fassung, with removed units where they stood.
pub fn synopse_rows(old: &[Entry], new: &[Entry], changes: &[Change]) -> Vec<Row> {
    use std::collections::HashMap;
    let by_new: HashMap<&str, &Change> = changes
        .iter()
        .filter_map(|c| c.new_unit().map(|n| (n.id.as_str(), c)))
        .collect();
    let old_index: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    // the old side of a renumbered or moved unit stands beside its new unit
    let beside = |c: &Change| {
        matches!(c.kind, ChangeKind::Renumbered | ChangeKind::Moved)
            && c.pair.as_deref().is_some_and(|p| by_new.contains_key(p))
    };
    let removed: Vec<&Change> = changes
        .iter()
        .filter(|c| c.new_unit().is_none() && !beside(c))
        .collect();
    let mut rows = Vec::new();
    let mut rm = removed.iter().peekable();
    let mut old_pos = 0usize;
    let gone = |o: &Entry| Row {
        id: o.id.clone(),
        left: vec![seg(
            format!("{} {}", o.label(), o.text).trim().to_string(),
            Some(Mark::Del),
        )],
        right: Vec::new(),
        state: RowState::Removed,
        depth: o.depth,
        renumbered: None,
    };
    for n in new {
        if let Some(&oi) = old_index.get(n.id.as_str()) {
            old_pos = oi;
        }
        while let Some(r) = rm.peek() {
            if r.at > old_pos {
                break;
            }
            rows.extend(r.old().map(&gone));
            rm.next();
        }
        let whole = format!("{} {}", n.label(), n.text).trim().to_string();
        let row = match by_new.get(n.id.as_str()) {
            None
            | Some(Change {
                kind: ChangeKind::Layout,
                ..
            }) => unchanged_row(n, whole),
            Some(c) if c.old().is_none() && c.pair.is_some() => {
                match c.pair.as_deref().and_then(|p| old_index.get(p)) {
                    Some(&oi) => renumbered_row(&old[oi], n, c),
                    None => inserted_row(n, whole),
                }
            }
            Some(c) => match (c.old(), c.kind) {
                (Some(o), ChangeKind::Modified | ChangeKind::Repealed) => {
                    let lw = super::word_edits(&o.label(), &n.label());
                    let mut left = segs(&lw, false);
                    let mut right = segs(&lw, true);
                    left.push(seg(" ".into(), None));
                    right.push(seg(" ".into(), None));
                    left.extend(segs(&c.words, false));
                    right.extend(segs(&c.words, true));
                    Row {
                        id: n.id.clone(),
                        left,
                        right,
                        state: RowState::Changed,
                        depth: n.depth,
                        renumbered: None,
                    }
                }
                (Some(o), _) => Row {
                    id: n.id.clone(),
                    left: vec![seg(format!("{} {}", o.label(), o.text), None)],
                    right: vec![seg(whole, None)],
                    state: RowState::Changed,
                    depth: n.depth,
                    renumbered: None,
                },
                (None, _) => inserted_row(n, whole),
            },
        };
        rows.push(row);
    }
    for r in rm {
        rows.extend(r.old().map(&gone));
    }
    rows
}

fn unchanged_row(n: &Entry, whole: String) -> Row {
    Row {
        id: n.id.clone(),
        left: vec![seg(whole, None)],
        right: vec![seg("unverändert".into(), None)],
        state: RowState::Unchanged,
        depth: n.depth,
        renumbered: None,
    }
}

fn inserted_row(n: &Entry, whole: String) -> Row {
    Row {
        id: n.id.clone(),
        left: Vec::new(),
        right: vec![seg(whole, Some(Mark::Ins))],
        state: RowState::Inserted,
        depth: n.depth,
        renumbered: None,
    }
}

/// The old unit `o` beside the new unit `n` it became (renumbered or
/// moved): the number marked where it changed, the wording where it
/// changed too; the renumbering said where the unit's own number changed
/// (not in the units it carries along: „(1)“ stays „(1)“).
fn renumbered_row(o: &Entry, n: &Entry, c: &Change) -> Row {
    let (lo, ln) = (o.label(), n.label());
    if lo == ln && o.text == n.text {
        // carried along by the unit around it, as it was
        return unchanged_row(n, format!("{ln} {}", n.text).trim().to_string());
    }
    let lw = super::word_edits(&lo, &ln);
    let mut left = segs(&lw, false);
    let mut right = segs(&lw, true);
    if !lo.is_empty() || !ln.is_empty() {
        left.push(seg(" ".into(), None));
        right.push(seg(" ".into(), None));
    }
    if c.words.is_empty() {
        left.push(seg(o.text.clone(), None));
        right.push(seg(n.text.clone(), None));
    } else {
        left.extend(segs(&c.words, false));
        right.extend(segs(&c.words, true));
    }
    let renumbered =
        (o.marker != n.marker).then(|| format!("{} → {}", renumber_label(o), renumber_label(n)));
    Row {
        id: n.id.clone(),
        left,
        right,
        state: RowState::Changed,
        depth: n.depth,
        renumbered,
    }
}

/// How a renumbering names a unit: „§ 4“ as its marker says, a list item
/// by its word and number („Nummer 2“, not the marker „2.“).
fn renumber_label(e: &Entry) -> String {
    use syntax::ast::Kind;
    let list_item = matches!(
        e.kind,
        Kind::Absatz | Kind::Nummer | Kind::Buchstabe | Kind::Doppelbuchstabe
    );
    match (list_item, syntax::vocab::word(e.kind), e.num.as_deref()) {
        (true, Some(word), Some(num)) => format!("{word} {num}"),
        _ => e.marker.clone().unwrap_or_default(),
    }
}

/// A row's renumbering as HTML, said once above the new wording
/// (`<div class=renum>§ 4 → § 5</div>`); empty where it has none.
pub fn renumbered_html(r: &Row) -> String {
    r.renumbered.as_deref().map_or(String::new(), |t| {
        format!("<div class=renum>{}</div>", esc(t))
    })
}

/// Pieces of the Synopse as HTML: deleted in `<del>`, inserted in `<ins>`.
pub fn html_segs(v: &[Seg]) -> String {
    v.iter()
        .map(|s| match s.mark {
            Some(Mark::Del) => format!("<del>{}</del>", esc(&s.t)),
            Some(Mark::Ins) => format!("<ins>{}</ins>", esc(&s.t)),
            None => esc(&s.t),
        })
        .collect()
}

/// The Synopse: old | new in two columns, as ministries print it.
pub fn synopse_html(title: &str, old: &[Entry], new: &[Entry], changes: &[Change]) -> String {
    let mut rows = String::new();
    for r in synopse_rows(old, new, changes) {
        let cls = format!("d{}", r.depth.min(6));
        match r.state {
            RowState::Unchanged => rows.push_str(&format!(
                "<tr class={cls}><td class=same>{}</td><td class=unv>unverändert</td></tr>\n",
                html_segs(&r.left)
            )),
            RowState::Removed => rows.push_str(&format!(
                "<tr class={cls}><td class=del>{}</td><td class=gone></td></tr>\n",
                esc(&r.left.iter().map(|s| s.t.as_str()).collect::<String>())
            )),
            _ => rows.push_str(&format!(
                "<tr class=\"{cls} chg\"><td>{}</td><td>{}{}</td></tr>\n",
                html_segs(&r.left),
                renumbered_html(&r),
                html_segs(&r.right)
            )),
        }
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Synopse – {t}</title>
<style>
body{{font-family:Georgia,'Times New Roman',serif;margin:2em auto;max-width:70em;color:#111}}
h1{{font-size:1.3em;text-align:center}}
table{{border-collapse:collapse;width:100%}}
th{{background:#eee;text-align:left;padding:.4em;border:1px solid #999}}
td{{vertical-align:top;padding:.35em .5em;border:1px solid #bbb;width:50%}}
td.unv{{color:#777;font-style:italic}}
td.same{{color:#333}}
td.del,del{{background:#fde2e2;text-decoration:line-through}}
ins{{background:#ddf4dd;text-decoration:none;font-weight:bold}}
tr.d1 td,tr.d2 td{{font-weight:bold}}
.renum{{font-style:italic;font-weight:normal}}
</style></head><body>
<h1>Synopse: {t}</h1>
<table><thead><tr><th>Geltende Fassung</th><th>Neue Fassung</th></tr></thead>
<tbody>
{rows}</tbody></table></body></html>
"#,
        t = esc(title)
    )
}
