//! The data a Typst template receives: the AST reduced to what is printed,
//! with Satz texts split into runs and resolved citations as links.
//! Every string is law text; the template prints it, it never runs it.

use refs::{Resolved, Status};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use syntax::ast::{Document, Kind, Node};

use crate::notes::Notes;
use crate::ties::{apply, positions, tie};

/// Links of one law: (node id, in title) → [(start, end, target id)].
type Links = HashMap<(String, bool), Vec<(usize, usize, String)>>;

fn links(doc: &Document, refs: &[Resolved]) -> Links {
    let mut ids = HashSet::new();
    doc.root.walk(&mut |n, _| {
        ids.insert(n.id.as_str());
    });
    let mut out: Links = HashMap::new();
    for r in refs {
        let Some(t) = &r.target else { continue };
        if r.status != Status::Resolved || r.target_file.is_some() || !ids.contains(t.as_str()) {
            continue;
        }
        // Sätze and unnumbered paragraphs carry no label in the PDF: link to their unit
        let mut target = t.as_str();
        while let Some((head, last)) = target.rsplit_once('_') {
            if last.starts_with("satz-") || last.starts_with("text-") {
                target = head;
            } else {
                break;
            }
        }
        if target.starts_with("satz-") || target.starts_with("text-") {
            continue;
        }
        let (a, b) = r.reference.text_range;
        out.entry((r.reference.node.clone(), r.reference.in_title))
            .or_default()
            .push((a, b, target.to_string()));
    }
    out
}

fn runs(text: &str, links: Option<&Vec<(usize, usize, String)>>) -> Value {
    let mut v = Vec::new();
    let mut at = 0;
    // non-breaking spaces by the whole text: a citation's link may start after its „§“
    let ties = positions(text);
    // a run without a link is a plain string (most are: less JSON for Typst to read)
    let plain = |r: std::ops::Range<usize>, v: &mut Vec<Value>| {
        v.push(Value::String(apply(text, r, &ties)));
    };
    if let Some(ls) = links {
        let mut ls = ls.clone();
        ls.sort();
        for (a, b, t) in ls {
            if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                continue;
            }
            if a > at {
                plain(at..a, &mut v);
            }
            v.push(json!({ "t": apply(text, a..b, &ties), "link": t }));
            at = b;
        }
    }
    if at < text.len() {
        plain(at..text.len(), &mut v);
    }
    Value::Array(v)
}

/// What the units of one law are rendered with.
struct Ctx<'a> {
    links: &'a Links,
    targets: &'a HashSet<&'a str>,
    notes: Notes,
}

/// The children of `n`, with footnote references that stand alone moved to
/// `n`'s heading and the definitions printed at the foot left out.
fn children(n: &Node, cx: &mut Ctx, m: &mut Map<String, Value>) {
    let mut kids = Vec::with_capacity(n.children.len());
    let mut notes = Vec::new();
    for c in &n.children {
        if cx.notes.is_placed_elsewhere(c) {
            continue;
        }
        match Notes::heading_refs(c) {
            Some(ids) if n.title.is_some() || n.marker.is_some() => {
                notes.extend(ids.iter().map(|id| cx.notes.note(id)));
            }
            _ => kids.push(node(c, cx)),
        }
    }
    if !notes.is_empty() {
        m.insert("notes".into(), Value::Array(notes));
    }
    if !kids.is_empty() {
        m.insert("children".into(), Value::Array(kids));
    }
}

fn node(n: &Node, cx: &mut Ctx) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), json!(n.kind.as_str()));
    m.insert("id".into(), json!(n.id));
    if cx.targets.contains(n.id.as_str()) {
        // a link points here: the template labels the unit (labels cost layout time)
        m.insert("anchor".into(), json!(true));
    }
    if let Some(x) = &n.marker {
        if n.kind != Kind::Fussnote {
            m.insert("marker".into(), json!(tie(x)));
        }
    }
    if let Some(x) = &n.num {
        m.insert("num".into(), json!(x));
    }
    if let Some(t) = &n.title {
        let r = runs(t, cx.links.get(&(n.id.clone(), true)));
        m.insert("title_runs".into(), cx.notes.expand(r));
    }
    if let Some(t) = &n.text {
        let r = runs(t, cx.links.get(&(n.id.clone(), false)));
        m.insert("runs".into(), cx.notes.expand(r));
    }
    if !n.cells.is_empty() {
        // a cell is a string, or its runs when it refers to a footnote
        let cells = n.cells.iter().map(|c| {
            if c.contains("[^") {
                cx.notes.expand(json!([tie(c)]))
            } else {
                json!(tie(c))
            }
        });
        m.insert("cells".into(), Value::Array(cells.collect()));
    }
    if n.repealed {
        m.insert("repealed".into(), json!(true));
    }
    children(n, cx, &mut m);
    Value::Object(m)
}

/// More §§ or Artikel than this, in a Gliederung: the Inhaltsübersicht lists the Gliederung only.
const COMPACT_TOC: usize = 150;

/// The render data of one law.
pub fn law(doc: &Document, refs: &[Resolved], short: Option<&str>, series: Option<&str>) -> Value {
    let links = links(doc, refs);
    let targets: HashSet<&str> = links
        .values()
        .flatten()
        .map(|(_, _, t)| t.as_str())
        .collect();
    // the title and Fassung are printed in the title block
    // a definition's own references (`[^a]: [^b]`) are left out of its text
    let notes = Notes::new(doc, |n, t| {
        let own = n.text.as_deref() == Some(t);
        runs(t, links.get(&(n.id.clone(), false)).filter(|_| own))
    });
    let mut cx = Ctx {
        links: &links,
        targets: &targets,
        notes,
    };
    let mut units = Vec::with_capacity(doc.root.children.len());
    for c in &doc.root.children {
        let title = matches!(c.kind, Kind::Langtitel | Kind::Fassung | Kind::Frontmatter);
        if !title && !cx.notes.is_placed_elsewhere(c) {
            units.push(node(c, &mut cx));
        }
    }
    // a law with an Inhaltsübersicht of its own gets no second one from Typst
    // (the one Typst makes is a tenth of the BGB's layout time)
    let (mut own_toc, mut units_count, mut glied) = (false, 0usize, false);
    doc.root.walk(&mut |n, _| {
        own_toc |= n.kind == Kind::Inhaltsuebersicht && !n.children.is_empty();
        units_count += usize::from(matches!(n.kind, Kind::Paragraf | Kind::Artikel));
        glied |= n.kind.is_gliederung();
    });
    json!({
        "title": doc.title.clone().unwrap_or_else(|| "Gesetz".into()),
        "short": short.map(str::to_string).or_else(|| doc.abbreviation.clone()).or_else(|| doc.title.clone()),
        "series": series,
        "fassung": doc.fassung.as_deref().and_then(syntax::date::german),
        "fassung_iso": doc.fassung,
        "toc": !own_toc,
        // a long law's Inhaltsübersicht lists its Gliederung only (the BGB's
        // listed every § on 55 pages)
        "toc_compact": glied && units_count > COMPACT_TOC,
        "units": units,
    })
}

/// A volume of several laws.
pub fn volume(title: &str, mut laws: Vec<Value>) -> Value {
    // the laws of a volume share ids ("para-3_abs-3"): make labels and links unique
    for (i, law) in laws.iter_mut().enumerate() {
        prefix_ids(law, &format!("law-{}/", i + 1));
    }
    json!({ "title": title, "short": title, "laws": laws })
}

fn prefix_ids(v: &mut Value, prefix: &str) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match (k.as_str(), x) {
                    ("id" | "link" | "note_ref", Value::String(s)) => s.insert_str(0, prefix),
                    (_, x) => prefix_ids(x, prefix),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| prefix_ids(x, prefix)),
        _ => {}
    }
}
