//! The data a Typst template receives: the AST reduced to what is printed,
//! with Satz texts split into runs and resolved citations as links.
//! Every string is law text; the template prints it, it never runs it.

use refs::{Resolved, Status};
use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};
use syntax::ast::{Document, Kind, Node};

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
    if let Some(ls) = links {
        let mut ls = ls.clone();
        ls.sort();
        for (a, b, t) in ls {
            if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
                continue;
            }
            if a > at {
                v.push(json!({ "t": &text[at..a] }));
            }
            v.push(json!({ "t": &text[a..b], "link": t }));
            at = b;
        }
    }
    if at < text.len() {
        v.push(json!({ "t": &text[at..] }));
    }
    Value::Array(v)
}

fn node(n: &Node, links: &Links, targets: &HashSet<&str>) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), json!(n.kind.as_str()));
    m.insert("id".into(), json!(n.id));
    if targets.contains(n.id.as_str()) {
        // a link points here: the template labels the unit (labels cost layout time)
        m.insert("anchor".into(), json!(true));
    }
    if let Some(x) = &n.marker {
        m.insert("marker".into(), json!(x));
    }
    if let Some(x) = &n.num {
        m.insert("num".into(), json!(x));
    }
    if let Some(t) = &n.title {
        m.insert("title".into(), json!(t));
        m.insert(
            "title_runs".into(),
            runs(t, links.get(&(n.id.clone(), true))),
        );
    }
    if let Some(t) = &n.text {
        m.insert("text".into(), json!(t));
        m.insert("runs".into(), runs(t, links.get(&(n.id.clone(), false))));
    }
    if !n.cells.is_empty() {
        m.insert("cells".into(), json!(n.cells));
    }
    if n.repealed {
        m.insert("repealed".into(), json!(true));
    }
    if !n.children.is_empty() {
        m.insert(
            "children".into(),
            Value::Array(n.children.iter().map(|c| node(c, links, targets)).collect()),
        );
    }
    Value::Object(m)
}

/// The render data of one law.
pub fn law(doc: &Document, refs: &[Resolved], short: Option<&str>, series: Option<&str>) -> Value {
    let links = links(doc, refs);
    let targets: HashSet<&str> = links
        .values()
        .flatten()
        .map(|(_, _, t)| t.as_str())
        .collect();
    // the title and Fassung are printed in the title block
    let units: Vec<Value> = doc
        .root
        .children
        .iter()
        .filter(|c| !matches!(c.kind, Kind::Langtitel | Kind::Fassung | Kind::Frontmatter))
        .map(|c| node(c, &links, &targets))
        .collect();
    // a law with an Inhaltsübersicht of its own gets no second one from Typst
    // (the one Typst makes is a tenth of the BGB's layout time)
    let mut own_toc = false;
    doc.root.walk(&mut |n, _| {
        own_toc |= n.kind == Kind::Inhaltsuebersicht && !n.children.is_empty();
    });
    json!({
        "title": doc.title.clone().unwrap_or_else(|| "Gesetz".into()),
        "short": short.map(str::to_string).or_else(|| doc.abbreviation.clone()).or_else(|| doc.title.clone()),
        "series": series,
        "fassung": doc.fassung.as_deref().and_then(syntax::date::german),
        "fassung_iso": doc.fassung,
        "toc": !own_toc,
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
                    ("id" | "link", Value::String(s)) => s.insert_str(0, prefix),
                    (_, x) => prefix_ids(x, prefix),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| prefix_ids(x, prefix)),
        _ => {}
    }
}
