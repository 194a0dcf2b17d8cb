//! The AST as a LegalDocML.de 1.8.2 Regelungstext (Verkündungsfassung).
//!
//! Gliederung, §§/Artikel, Absätze, Nummern and Buchstaben map to
//! book/part/chapter/.../article/paragraph/point; Sätze become the text of
//! `akn:p`; tables `akn:table`. Anhänge and Anlagen are separate documents in
//! LegalDocML.de: each becomes an `offenestruktur` document
//! (`anlage-regelungstext-N.xml`) referenced from `akn:attachments`.
//! eIds are positional (`art-n3_abs-n1`), GUIDs derived from the eId and the
//! law's title, so that exporting twice gives the same bytes.

use std::fmt::Write;
use syntax::ast::{Document, Kind, Node};

/// An exported law: the Regelungstext and its Anlagen.
pub struct Export {
    /// The XML of the Regelungstext.
    pub regelungstext: String,
    /// (file name, XML) of each Anlage.
    pub anlagen: Vec<(String, String)>,
    /// Parts of the law with no place in a Regelungstext (editorial metadata):
    /// said, never dropped silently.
    pub not_exported: Vec<String>,
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            // characters XML 1.0 cannot carry
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

fn fnv(seed: u64, s: &str) -> u64 {
    let mut h = 0xcbf29ce484222325u64 ^ seed;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

struct W<'a> {
    out: String,
    seed: &'a str,
}

impl W<'_> {
    fn guid(&self, eid: &str) -> String {
        let k = format!("{}\u{0}{eid}", self.seed);
        let (a, b) = (fnv(1, &k), fnv(2, &k));
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            (a >> 32) as u32,
            (a >> 16) as u16,
            (a & 0xfff) as u16,
            ((b >> 48) as u16 & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }

    fn open(&mut self, tag: &str, eid: &str, extra: &str) {
        let g = self.guid(eid);
        let _ = write!(self.out, "<akn:{tag} eId=\"{eid}\" GUID=\"{g}\"{extra}>");
    }

    fn close(&mut self, tag: &str) {
        let _ = write!(self.out, "</akn:{tag}>");
    }

    fn leaf(&mut self, tag: &str, eid: &str, text: &str) {
        self.open(tag, eid, "");
        self.out.push_str(&esc(text));
        self.close(tag);
    }
}

/// Child eIds: "name-nK", counted per name under one parent.
#[derive(Default)]
struct Counter(Vec<(String, usize)>);

impl Counter {
    fn next(&mut self, parent: &str, name: &str) -> String {
        let k = match self.0.iter_mut().find(|(n, _)| n == name) {
            Some((_, k)) => {
                *k += 1;
                *k
            }
            None => {
                self.0.push((name.to_string(), 1));
                1
            }
        };
        if parent.is_empty() {
            format!("{name}-n{k}")
        } else {
            format!("{parent}_{name}-n{k}")
        }
    }
}

fn own_saetze(n: &Node) -> String {
    syntax::print::own_text(n)
}

fn is_item(k: Kind) -> bool {
    matches!(k, Kind::Nummer | Kind::Buchstabe | Kind::Doppelbuchstabe)
}

/// The text blocks of a unit other than its items: paragraphs and tables.
fn blocks(w: &mut W, nodes: &[&Node], parent: &str, c: &mut Counter) {
    for n in nodes {
        match n.kind {
            Kind::Tabelle => table(w, n, parent, c),
            Kind::Satz => {}
            _ => {
                let mut t = own_saetze(n);
                // a bullet list item keeps its text; what is below it follows
                if t.is_empty()
                    && n.cells.is_empty()
                    && n.children.iter().all(|x| x.kind == Kind::Satz)
                {
                    continue;
                }
                if n.kind == Kind::Listenpunkt && !t.is_empty() {
                    t = format!("– {t}");
                }
                if !t.is_empty() {
                    let e = c.next(parent, "text");
                    w.leaf("p", &e, &t);
                }
                let rest: Vec<&Node> = n.children.iter().filter(|x| x.kind != Kind::Satz).collect();
                blocks(w, &rest, parent, c);
            }
        }
    }
}

fn table(w: &mut W, n: &Node, parent: &str, c: &mut Counter) {
    if n.children.is_empty() {
        return;
    }
    let e = c.next(parent, "tabelle");
    w.open("table", &e, "");
    let mut rc = Counter::default();
    for (i, z) in n.children.iter().enumerate() {
        let r = rc.next(&e, "tabellereihe");
        w.open("tr", &r, "");
        let mut cc = Counter::default();
        let (tag, name) = if i == 0 {
            ("th", "tabellekopf")
        } else {
            ("td", "tabelleinh")
        };
        let cells: Vec<&String> = if z.cells.is_empty() {
            Vec::new()
        } else {
            z.cells.iter().collect()
        };
        let empty = String::new();
        let cells = if cells.is_empty() {
            vec![&empty]
        } else {
            cells
        };
        for cell in cells {
            let ce = cc.next(&r, name);
            w.open(tag, &ce, "");
            let pe = format!("{ce}_text-n1");
            w.leaf("p", &pe, cell);
            w.close(tag);
        }
        w.close("tr");
    }
    w.close("table");
}

/// All the text of a node and what is below it, table cells included, on one line.
fn push_text(out: &mut String, n: &Node) {
    n.walk(&mut |d, _| {
        for t in d.text.iter().chain(d.cells.iter()) {
            if !t.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(t);
            }
        }
    });
}

/// A paragraph or point: num, then content or list.
fn unit_body(w: &mut W, n: &Node, eid: &str) {
    let bez = format!("{eid}_bezeichnung-n1");
    w.leaf("num", &bez, n.marker.as_deref().unwrap_or(""));
    let children: Vec<&Node> = n.children.iter().collect();
    let first_item = children.iter().position(|c| is_item(c.kind));
    match first_item {
        None => {
            let ce = format!("{eid}_inhalt-n1");
            w.open("content", &ce, "");
            let mut c = Counter::default();
            let own = own_saetze(n);
            let mut wrote = false;
            if !own.is_empty() {
                let e = c.next(&ce, "text");
                w.leaf("p", &e, &own);
                wrote = true;
            }
            let rest: Vec<&Node> = children
                .iter()
                .copied()
                .filter(|x| x.kind != Kind::Satz)
                .collect();
            let before = w.out.len();
            blocks(w, &rest, &ce, &mut c);
            if !wrote && w.out.len() == before {
                let e = c.next(&ce, "text");
                w.leaf("p", &e, if n.repealed { "(weggefallen)" } else { "" });
            }
            w.close("content");
        }
        Some(fi) => {
            let le = format!("{eid}_untergl-n1");
            w.open("list", &le, "");
            // intro: the unit's own Sätze and what stands before the first item
            let ie = format!("{le}_intro-n1");
            w.open("intro", &ie, "");
            // intro and wrapUp hold one paragraph each
            let mut t = own_saetze(n);
            for x in children[..fi].iter().filter(|x| x.kind != Kind::Satz) {
                push_text(&mut t, x);
            }
            w.leaf("p", &format!("{ie}_text-n1"), &t);
            w.close("intro");
            let last_item = children.iter().rposition(|c| is_item(c.kind)).unwrap_or(fi);
            let mut pc = Counter::default();
            let mut pending: Vec<&Node> = Vec::new();
            for ch in &children[fi..=last_item] {
                if is_item(ch.kind) {
                    let pe = pc.next(&le, "listenelem");
                    w.open("point", &pe, "");
                    let mut item = (*ch).clone();
                    // text between items belongs to the item before it
                    for p in pending.drain(..) {
                        item.children.push(p.clone());
                    }
                    unit_body(w, &item, &pe);
                    w.close("point");
                } else if ch.kind != Kind::Satz {
                    pending.push(ch);
                }
            }
            let post: Vec<&Node> = children[last_item + 1..]
                .iter()
                .copied()
                .filter(|x| x.kind != Kind::Satz)
                .collect();
            if !post.is_empty() || !pending.is_empty() {
                let we = format!("{le}_schlusstext-n1");
                w.open("wrapUp", &we, "");
                let mut t = String::new();
                for x in pending.into_iter().chain(post) {
                    push_text(&mut t, x);
                }
                w.leaf("p", &format!("{we}_text-n1"), &t);
                w.close("wrapUp");
            }
            w.close("list");
        }
    }
}

fn article(w: &mut W, n: &Node, eid: &str) {
    w.open(
        "article",
        eid,
        " period=\"#meta-n1_geltzeiten-n1_geltungszeitgr-n1\"",
    );
    w.leaf(
        "num",
        &format!("{eid}_bezeichnung-n1"),
        n.marker.as_deref().unwrap_or(""),
    );
    if let Some(t) = &n.title {
        w.leaf("heading", &format!("{eid}_überschrift-n1"), t);
    }
    let absaetze: Vec<&Node> = n
        .children
        .iter()
        .filter(|c| c.kind == Kind::Absatz)
        .collect();
    let mut c = Counter::default();
    if absaetze.is_empty() {
        // a § without Absätze: one unnumbered paragraph
        let pe = c.next(eid, "abs");
        w.open("paragraph", &pe, "");
        let mut un = n.clone();
        un.marker = None;
        un.title = None;
        unit_body(w, &un, &pe);
        w.close("paragraph");
    } else {
        // text outside the Absätze goes with the Absatz before it (or the first)
        let mut groups: Vec<Node> = Vec::new();
        let mut lead: Vec<Node> = Vec::new();
        for ch in &n.children {
            if ch.kind == Kind::Absatz {
                let mut a = ch.clone();
                if groups.is_empty() {
                    let mut l = std::mem::take(&mut lead);
                    l.extend(a.children);
                    a.children = l;
                }
                groups.push(a);
            } else if let Some(g) = groups.last_mut() {
                g.children.push(ch.clone());
            } else {
                lead.push(ch.clone());
            }
        }
        for a in &groups {
            let pe = c.next(eid, "abs");
            w.open("paragraph", &pe, "");
            unit_body(w, a, &pe);
            w.close("paragraph");
        }
    }
    w.close("article");
}

fn gliederung_tag(k: Kind) -> (&'static str, &'static str) {
    match k {
        Kind::Buch => ("book", "buch"),
        Kind::Teil | Kind::Unterteil => ("part", "teil"),
        Kind::Kapitel => ("chapter", "kapitel"),
        Kind::Unterkapitel => ("subchapter", "ukapitel"),
        Kind::Unterabschnitt => ("subsection", "uabschnitt"),
        Kind::Titel => ("title", "titel"),
        Kind::Untertitel => ("subtitle", "utitel"),
        _ => ("section", "abschnitt"),
    }
}

/// Body elements of a container; loose text becomes a § of its own would be
/// wrong, so it goes to `loose` (exported as an Anlage-like text block).
fn body_children(w: &mut W, nodes: &[Node], parent: &str, c: &mut Counter, loose: &mut Vec<Node>) {
    for n in nodes {
        if n.kind.is_einzelvorschrift() {
            let e = c.next(parent, "art");
            article(w, n, &e);
        } else if n.kind.is_gliederung() {
            let (tag, name) = gliederung_tag(n.kind);
            let e = c.next(parent, name);
            let has_units = n
                .children
                .iter()
                .any(|x| x.kind.is_einzelvorschrift() || x.kind.is_gliederung());
            if !has_units {
                // a heading with no § under it: LegalDocML.de wants one; keep its text loose
                loose.push(n.clone());
                continue;
            }
            w.open(tag, &e, "");
            w.leaf(
                "num",
                &format!("{e}_bezeichnung-n1"),
                n.marker.as_deref().unwrap_or(""),
            );
            w.leaf(
                "heading",
                &format!("{e}_überschrift-n1"),
                n.title.as_deref().unwrap_or(""),
            );
            let mut cc = Counter::default();
            let (units, rest): (Vec<Node>, Vec<Node>) = n
                .children
                .iter()
                .cloned()
                .partition(|x| x.kind.is_einzelvorschrift() || x.kind.is_gliederung());
            loose.extend(rest);
            body_children(w, &units, &e, &mut cc, loose);
            w.close(tag);
        } else {
            loose.push(n.clone());
        }
    }
}

fn slug(s: &str) -> String {
    let mut o = String::new();
    for c in s.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            o.push(c);
        } else if !o.ends_with('-') && !o.is_empty() {
            o.push('-');
        }
        if o.len() > 40 {
            break;
        }
    }
    let o = o.trim_end_matches('-').to_string();
    if o.is_empty() {
        "gesetz".into()
    } else {
        o
    }
}

/// One empty element with its eId and GUID.
fn item(w: &mut W, tag: &str, e: String, attrs: String) {
    let g = w.guid(&e);
    let _ = write!(w.out, "<akn:{tag} eId=\"{e}\" GUID=\"{g}\" {attrs}/>");
}

/// An FRBR block of empty elements, in order; their eIds count per tag
/// ("…_frbrdate-n1", "…_frbrdate-n2").
fn frbr(w: &mut W, block: &str, eid: &str, items: &[(&str, String)]) {
    w.open(block, eid, "");
    let mut seen: Vec<&str> = Vec::new();
    for (tag, attrs) in items {
        seen.push(tag);
        let n = seen.iter().filter(|t| *t == tag).count();
        let e = format!("{eid}_{}-n{n}", tag.to_lowercase());
        item(w, tag, e, attrs.clone());
    }
    w.close(block);
}

const SOURCE: &str = " source=\"attributsemantik-noch-undefiniert\"";

/// A law in time, for the metadata of one of its Fassungen: the dates of its
/// Fassungen (the first the Ausfertigung, each later one an Inkrafttreten of
/// an amending law), and which of them this document is.
#[derive(Debug, Clone)]
pub struct Zeitlinie {
    /// The dates of the Fassungen (ISO), in order.
    pub fassungen: Vec<String>,
    /// Index into `fassungen` of the Fassung written.
    pub diese: usize,
}

impl Zeitlinie {
    fn einzeln(date: &str) -> Zeitlinie {
        Zeitlinie {
            fassungen: vec![date.to_string()],
            diese: 0,
        }
    }
}

fn meta(w: &mut W, z: &Zeitlinie, work: &str, subtype: &str, name: &str) {
    let date = z.fassungen[z.diese].as_str();
    let first = z.fassungen[0].as_str();
    let version = z.diese + 1;
    let expr = format!("{work}/{date}/{version}/deu");
    let m = "meta-n1";
    w.open("meta", m, "");
    let id = format!("{m}_ident-n1");
    w.open("identification", &id, SOURCE);
    let bundesregierung = "href=\"recht.bund.de/institution/bundesregierung\"".to_string();
    let work_alias = format!("name=\"übergreifende-id\" value=\"{}\"", w.guid("work"));
    frbr(
        w,
        "FRBRWork",
        &format!("{id}_frbrwork-n1"),
        &[
            ("FRBRthis", format!("value=\"{work}/{subtype}\"")),
            ("FRBRuri", format!("value=\"{work}\"")),
            ("FRBRalias", work_alias),
            (
                "FRBRdate",
                format!("name=\"verkuendungsfassung-ausfertigungsdatum\" date=\"{first}\""),
            ),
            (
                "FRBRdate",
                format!("name=\"verkuendungsfassung-verkuendungsdatum\" date=\"{first}\""),
            ),
            ("FRBRauthor", bundesregierung.clone()),
            ("FRBRcountry", "value=\"de\"".into()),
            ("FRBRnumber", "value=\"1\"".into()),
            ("FRBRname", format!("value=\"{name}\"")),
            ("FRBRsubtype", format!("value=\"{subtype}\"")),
        ],
    );
    let expression_alias = format!(
        "name=\"aktuelle-version-id\" value=\"{}\"",
        w.guid("expression")
    );
    frbr(
        w,
        "FRBRExpression",
        &format!("{id}_frbrexpression-n1"),
        &[
            ("FRBRthis", format!("value=\"{expr}/{subtype}\"")),
            ("FRBRuri", format!("value=\"{expr}\"")),
            ("FRBRalias", expression_alias),
            ("FRBRauthor", bundesregierung),
            ("FRBRdate", format!("name=\"verkuendung\" date=\"{date}\"")),
            ("FRBRlanguage", "language=\"deu\"".into()),
            ("FRBRversionNumber", format!("value=\"{version}\"")),
        ],
    );
    frbr(
        w,
        "FRBRManifestation",
        &format!("{id}_frbrmanifestation-n1"),
        &[
            ("FRBRthis", format!("value=\"{expr}/{date}/{subtype}.xml\"")),
            ("FRBRuri", format!("value=\"{expr}/{date}/{subtype}.xml\"")),
            ("FRBRdate", format!("name=\"generierung\" date=\"{date}\"")),
            ("FRBRauthor", "href=\"recht.bund.de\"".into()),
            ("FRBRformat", "value=\"xml\"".into()),
        ],
    );
    w.close("identification");
    lifecycle(w, m, z);
    w.close("meta");
}

/// The lifecycle (the Ausfertigung, then the Inkrafttreten of each later
/// Fassung) and the Geltungszeit of the Fassung written: from its event to the
/// next one, if there is a next.
fn lifecycle(w: &mut W, m: &str, z: &Zeitlinie) {
    let lz = format!("{m}_lebzykl-n1");
    w.open("lifecycle", &lz, SOURCE);
    for (i, d) in z.fassungen.iter().enumerate() {
        let (refers, kind) = if i == 0 {
            ("ausfertigung", "generation")
        } else {
            ("inkrafttreten", "amendment")
        };
        item(
            w,
            "eventRef",
            format!("{lz}_ereignis-n{}", i + 1),
            format!("date=\"{d}\" refersTo=\"{refers}\" type=\"{kind}\"{SOURCE}"),
        );
    }
    w.close("lifecycle");
    item(
        w,
        "analysis",
        format!("{m}_analysis-n1"),
        SOURCE.trim_start().into(),
    );
    let gz = format!("{m}_geltzeiten-n1");
    w.open("temporalData", &gz, SOURCE);
    let gr = format!("{gz}_geltungszeitgr-n1");
    w.open("temporalGroup", &gr, "");
    let end = if z.diese + 1 < z.fassungen.len() {
        format!(" end=\"#{lz}_ereignis-n{}\"", z.diese + 2)
    } else {
        String::new()
    };
    item(
        w,
        "timeInterval",
        format!("{gr}_gelzeitintervall-n1"),
        format!(
            "refersTo=\"geltungszeit\" start=\"#{lz}_ereignis-n{}\"{end}",
            z.diese + 1
        ),
    );
    w.close("temporalGroup");
    w.close("temporalData");
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akn:akomaNtoso xmlns:akn=\"http://Inhaltsdaten.LegalDocML.de/1.8.2/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";

/// The preamble: Eingangsformel and Präambel, if the law has them.
fn preamble(w: &mut W, doc: &Document) {
    let formel: Vec<&Node> = doc
        .root
        .children
        .iter()
        .filter(|c| c.kind == Kind::Eingangsformel)
        .collect();
    let praeambel: Vec<&Node> = doc
        .root
        .children
        .iter()
        .filter(|c| c.kind == Kind::Praeambel)
        .collect();
    if !formel.is_empty() || !praeambel.is_empty() {
        w.open("preamble", "präambel-n1", "");
        if !formel.is_empty() {
            let e = "präambel-n1_formel-n1";
            w.open(
                "formula",
                e,
                " name=\"attributsemantik-noch-undefiniert\" refersTo=\"eingangsformel\"",
            );
            let mut c = Counter::default();
            for f in &formel {
                let ch: Vec<&Node> = f.children.iter().collect();
                let b = w.out.len();
                blocks(w, &ch, e, &mut c);
                if w.out.len() == b {
                    let t = c.next(e, "text");
                    w.leaf("p", &t, f.title.as_deref().unwrap_or(""));
                }
            }
            w.close("formula");
        }
        if !praeambel.is_empty() {
            let e = "präambel-n1_präambeln-n1";
            w.open("recitals", e, "");
            w.leaf("heading", &format!("{e}_überschrift-n1"), "Präambel");
            let ri = format!("{e}_präambelinh-n1");
            w.open("recital", &ri, "");
            let mut c = Counter::default();
            for p in &praeambel {
                let ch: Vec<&Node> = p.children.iter().collect();
                let b = w.out.len();
                blocks(w, &ch, &ri, &mut c);
                if w.out.len() == b {
                    let t = c.next(&ri, "text");
                    w.leaf("p", &t, "");
                }
            }
            w.close("recital");
            w.close("recitals");
        }
        w.close("preamble");
    }
}

/// The attachments block, one documentRef per Anlage; the Anlagen as
/// documents of their own (file name, XML).
fn attachments(
    w: &mut W,
    annexes: &[Node],
    title: &str,
    date: &str,
    work: &str,
) -> Vec<(String, String)> {
    let mut anlagen = Vec::new();
    if !annexes.is_empty() {
        w.open("attachments", "anlagen-n1", "");
        for (i, a) in annexes.iter().enumerate() {
            let e = format!("anlagen-n1_anlage-n{}", i + 1);
            w.open("attachment", &e, "");
            let file = format!("anlage-regelungstext-{}.xml", i + 1);
            let ve = format!("{e}_verweis-n1");
            let g = w.guid(&ve);
            let _ = write!(
                w.out,
                "<akn:documentRef eId=\"{ve}\" GUID=\"{g}\" href=\"{work}/{date}/1/deu/{}\" showAs=\"/akn/ontology/de/concept/documenttype/bund/anlage-regelungstext\"/>",
                file.trim_end_matches(".xml")
            );
            w.close("attachment");
            anlagen.push((file, anlage(a, title, date, work, i + 1)));
        }
        w.close("attachments");
    }
    anlagen
}

/// Write `doc` as LegalDocML.de: a Regelungstext and one document per Anlage.
pub fn export(doc: &Document) -> Export {
    export_at(doc, None)
}

/// As [`export`], for one Fassung of a law in time: the Work is the law
/// (its first Fassung), the Expression this Fassung, with its date and
/// version, the lifecycle and the Geltungszeit.
pub fn export_at(doc: &Document, zeit: Option<&Zeitlinie>) -> Export {
    let title = doc.title.clone().unwrap_or_else(|| "Gesetz".into());
    let mut w = W {
        out: String::with_capacity(64 * 1024),
        seed: &title,
    };
    let date = doc
        .fassung
        .clone()
        .or_else(|| {
            doc.root
                .children
                .iter()
                .find(|c| {
                    c.kind == Kind::Metadatum && c.title.as_deref() == Some("Ausfertigungsdatum")
                })
                .and_then(|c| c.text.clone())
                .filter(|t| t.len() == 10 && t.as_bytes()[4] == b'-')
        })
        .unwrap_or_else(syntax::date::today);
    let zeit = zeit.cloned().unwrap_or_else(|| Zeitlinie::einzeln(&date));
    let year = &zeit.fassungen[0][..4];
    let work = format!("eli/bund/paragraf/{year}/{}", slug(&title));
    let mut not_exported = Vec::new();
    w.out.push_str(HEAD);
    w.out.push_str(
        "<akn:act name=\"/akn/ontology/de/concept/documenttype/bund/regelungstext-verkuendung\">",
    );
    meta(
        &mut w,
        &zeit,
        &work,
        "regelungstext-verkuendung-1",
        "paragraf",
    );

    // preface: the title
    w.open("preface", "einleitung-n1", "");
    w.open("longTitle", "einleitung-n1_doktitel-n1", "");
    w.open("p", "einleitung-n1_doktitel-n1_text-n1", "");
    w.leaf(
        "docTitle",
        "einleitung-n1_doktitel-n1_text-n1_doctitel-n1",
        &title,
    );
    w.close("p");
    w.close("longTitle");
    w.close("preface");

    preamble(&mut w, doc);

    // body
    w.open("body", "hauptteil-n1", "");
    let mut loose: Vec<Node> = Vec::new();
    let mut annexes: Vec<Node> = Vec::new();
    let mut body_nodes: Vec<Node> = Vec::new();
    for c in &doc.root.children {
        match c.kind {
            Kind::Langtitel | Kind::Eingangsformel | Kind::Praeambel => {}
            Kind::Frontmatter | Kind::Metadatum | Kind::Fassung => {
                not_exported.push(format!("{}: {}", c.kind.as_str(), c.label()))
            }
            Kind::Anhang | Kind::Anlage => annexes.push(c.clone()),
            _ => body_nodes.push(c.clone()),
        }
    }
    let mut c = Counter::default();
    let before = w.out.len();
    body_children(&mut w, &body_nodes, "hauptteil-n1", &mut c, &mut loose);
    if w.out.len() == before {
        // a body needs one unit: an empty Artikel holding nothing
        let e = c.next("hauptteil-n1", "art");
        let mut a = Node::new(Kind::Artikel, Default::default());
        a.marker = Some(String::new());
        article(&mut w, &a, &e);
    }
    w.close("body");

    // text outside any §: Inhaltsübersicht, Hinweise, footnotes, Schlussformel
    // go into an Anlage of their own, so nothing is lost
    if !loose.is_empty() {
        let mut a = Node::new(Kind::Anlage, Default::default());
        a.title = Some("Weitere Bestandteile".into());
        a.children = loose;
        annexes.insert(0, a);
    }
    let anlagen = attachments(&mut w, &annexes, &title, &date, &work);
    w.close("act");
    w.out.push_str("</akn:akomaNtoso>\n");
    Export {
        regelungstext: w.out,
        anlagen,
        not_exported,
    }
}

/// One Anlage as an `offenestruktur` document.
fn anlage(a: &Node, title: &str, date: &str, work: &str, k: usize) -> String {
    let seed = format!("{title}\u{0}anlage-{k}");
    let mut w = W {
        out: String::with_capacity(16 * 1024),
        seed: &seed,
    };
    let subtype = format!("anlage-regelungstext-{k}");
    w.out.push_str(HEAD);
    w.out.push_str(
        "<akn:doc name=\"/akn/ontology/de/concept/documenttype/bund/anlage-regelungstext\">",
    );
    meta(
        &mut w,
        &Zeitlinie::einzeln(date),
        work,
        &subtype,
        "paragraf",
    );
    w.open("preface", "einleitung-n1", "");
    let head = a.label();
    w.leaf(
        "p",
        "einleitung-n1_text-n1",
        if head.is_empty() { "Anlage" } else { &head },
    );
    w.close("preface");
    w.open("mainBody", "hauptteil-n1", "");
    let mut c = Counter::default();
    // everything below the Anlage, flattened to paragraphs and tables
    let mut flat: Vec<Node> = Vec::new();
    fn flatten(n: &Node, out: &mut Vec<Node>) {
        for ch in &n.children {
            match ch.kind {
                Kind::Satz => {}
                Kind::Tabelle => out.push(ch.clone()),
                _ => {
                    let mut t = Node::new(Kind::Text, Default::default());
                    let label = ch.label();
                    let own = syntax::print::own_text(ch);
                    let s = match (label.is_empty(), own.is_empty()) {
                        (true, _) => own,
                        (false, true) => label,
                        (false, false) => format!("{label} {own}"),
                    };
                    if !s.is_empty() {
                        let mut satz = Node::new(Kind::Satz, Default::default());
                        satz.text = Some(s);
                        t.children.push(satz);
                        out.push(t);
                    }
                    flatten(ch, out);
                }
            }
        }
    }
    flatten(a, &mut flat);
    let refs: Vec<&Node> = flat.iter().collect();
    let b = w.out.len();
    blocks(&mut w, &refs, "hauptteil-n1", &mut c);
    if w.out.len() == b {
        let e = c.next("hauptteil-n1", "text");
        w.leaf("p", &e, "");
    }
    w.close("mainBody");
    w.close("doc");
    w.out.push_str("</akn:akomaNtoso>\n");
    w.out
}
