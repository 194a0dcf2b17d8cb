//! LegalDocML.de 1.8: the XML standard of the German federal legislative
//! process. [`import`] reads a Regelungstext into the AST (and the
//! Änderungsbefehle of an amending law, [`import_amendments`]); [`export()`]
//! writes the AST as a Regelungstext that validates against the schemas.

#![warn(missing_docs)]

mod export;

pub use export::{export, export_at, Export, Zeitlinie};

use amend::{Aenderungsgesetz, AmendError, Befehl, Op};
use roxmltree::Node as X;
use std::collections::HashMap;
use syntax::ast::{Document, Kind, Node, Span};
use syntax::parse::text::split_saetze;

/// The XML namespace of LegalDocML.de 1.8.2 (`akn:`).
pub const NS: &str = "http://Inhaltsdaten.LegalDocML.de/1.8.2/";

/// Whether a text is XML (after an optional BOM and whitespace).
pub fn is_xml(src: &str) -> bool {
    src.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// An imported Regelungstext.
pub struct Import {
    /// The law as the AST.
    pub doc: Document,
    /// LegalDocML eId (normalized, see [`norm_eid`]) → id in the AST.
    pub eids: HashMap<String, String>,
}

/// "hauptteil-n1_art-n1_abs-z1" and "hauptteil-1_art-1_abs-1" name the same place.
pub fn norm_eid(e: &str) -> String {
    e.split('_')
        .map(|seg| {
            let seg = seg.replace("präambel", "preambel");
            match seg.rsplit_once('-') {
                Some((name, n)) => {
                    let n = n.trim_start_matches(['n', 'z']);
                    format!("{name}-{}", if n.is_empty() { "1" } else { n })
                }
                None => seg,
            }
        })
        .collect::<Vec<_>>()
        .join("_")
}

fn local<'a>(n: &X<'a, '_>) -> &'a str {
    n.tag_name().name()
}

fn elems<'a, 'i>(n: X<'a, 'i>) -> impl Iterator<Item = X<'a, 'i>> {
    n.children().filter(|c| c.is_element())
}

fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `body` between the quotes an `akn:quotedText`/`akn:quotedStructure` names („ “ by default).
fn quoted(q: X, body: &str) -> String {
    format!(
        "{}{body}{}",
        q.attribute("startQuote").unwrap_or("„"),
        q.attribute("endQuote").unwrap_or("“")
    )
}

/// The text of an element; quoted passages inside it get their quotes.
fn text_of(n: X) -> String {
    let mut s = String::new();
    fn go(n: X, s: &mut String) {
        for c in n.children() {
            if c.is_text() {
                s.push_str(c.text().unwrap_or(""));
            } else if c.is_element() {
                match local(&c) {
                    "authorialNote" => {}
                    "quotedText" => {
                        let mut inner = String::new();
                        go(c, &mut inner);
                        s.push_str(&quoted(c, &inner));
                    }
                    _ => go(c, s),
                }
            }
        }
    }
    go(n, &mut s);
    ws(&s)
}

/// The marker of a unit-like element (its `akn:num`), whitespace normalized.
fn num_of(c: X) -> String {
    elems(c)
        .find(|d| local(d) == "num")
        .map(|d| ws(&text_of(d)))
        .unwrap_or_default()
}

/// The text of an `akn:p`; an `akn:mod` in it as its sentence, a quoted
/// structure restated as law text in its quotes (its units on lines of
/// their own), so that a command outside the `akn:mod` markup reads as the
/// gazette prints it.
fn p_text(p: X) -> String {
    if !p
        .descendants()
        .any(|d| d.is_element() && local(&d) == "quotedStructure")
    {
        return text_of(p);
    }
    let mut s = String::new();
    for c in p.children() {
        if c.is_text() {
            s.push_str(c.text().unwrap_or(""));
        } else if c.is_element() && local(&c) == "mod" {
            s.push_str(&mod_sentence(c).0);
        } else if c.is_element() {
            s.push_str(&text_of(c));
        }
    }
    restate_outside_quotes(&s)
}

/// Builds AST nodes from LegalDocML.de elements (the eId rides in `id` until ids are assigned).
struct Builder;

fn unit(kind: Kind) -> Node {
    Node::new(kind, Span::default())
}

fn saetze(text: &str) -> Vec<Node> {
    split_saetze(text)
        .into_iter()
        .map(|(s, e)| {
            let mut n = unit(Kind::Satz);
            n.text = Some(text[s..e].to_string());
            n
        })
        .collect()
}

fn text_node(text: &str) -> Node {
    let mut t = unit(Kind::Text);
    t.children = saetze(text);
    t
}

fn item_kind(num: &str) -> Kind {
    let n = num.trim().trim_end_matches([')', '.']);
    if n.chars().all(|c| c.is_ascii_lowercase()) && !n.is_empty() {
        if n.len() >= 2 && n.chars().all(|c| n.starts_with(c)) {
            Kind::Doppelbuchstabe
        } else {
            Kind::Buchstabe
        }
    } else {
        Kind::Nummer
    }
}

fn gliederung_kind(tag: &str) -> Option<Kind> {
    Some(match tag {
        "book" => Kind::Buch,
        "part" => Kind::Teil,
        "chapter" => Kind::Kapitel,
        "subchapter" => Kind::Unterkapitel,
        "section" => Kind::Abschnitt,
        "subsection" => Kind::Unterabschnitt,
        "title" => Kind::Titel,
        "subtitle" => Kind::Untertitel,
        _ => return None,
    })
}

fn strip_num(marker: &str, kind: Kind) -> String {
    let m = marker.trim();
    let m = match kind {
        Kind::Paragraf => m.trim_start_matches('§').trim(),
        Kind::Artikel => m
            .trim_start_matches("Artikel")
            .trim_start_matches("Art.")
            .trim(),
        Kind::Absatz => m.trim_start_matches('(').trim_end_matches(')'),
        Kind::Nummer | Kind::Buchstabe | Kind::Doppelbuchstabe => m.trim_end_matches(['.', ')']),
        _ => m
            .split_whitespace()
            .last()
            .unwrap_or(m)
            .trim_end_matches('.'),
    };
    m.trim().to_string()
}

impl Builder {
    fn tag(&mut self, n: &mut Node, x: X) {
        // the eId rides in `id` until ids are assigned
        n.id = x.attribute("eId").map(norm_eid).unwrap_or_default();
    }

    /// Children of a unit-like element into `n`.
    fn fill(&mut self, n: &mut Node, x: X) {
        for c in elems(x) {
            match local(&c) {
                "num" => {
                    let m = ws(&text_of(c));
                    if !m.is_empty() {
                        n.num = Some(strip_num(&m, n.kind));
                        n.marker = Some(m);
                    }
                }
                "heading" => {
                    let t = text_of(c);
                    if !t.is_empty() {
                        n.title = Some(t);
                    }
                }
                "intro" | "listIntroduction" => {
                    let t = text_of(c);
                    self.push_text(n, &t, true);
                }
                "wrapUp" | "listWrapUp" => {
                    let t = text_of(c);
                    if !t.is_empty() {
                        n.children.push(text_node(&t));
                    }
                }
                "content" | "blockContainer" | "list" | "blockList" | "tblock" => self.fill(n, c),
                "p" => {
                    let t = p_text(c);
                    self.push_text(n, &t, false);
                }
                "paragraph" => self.paragraph(n, c),
                "point" | "item" => {
                    let num = num_of(c);
                    let kind = if num.is_empty() {
                        Kind::Listenpunkt
                    } else {
                        item_kind(&num)
                    };
                    self.child(n, c, kind);
                }
                "table" => n.children.push(self.table(c)),
                "foreign" => self.foreign(n, c),
                "article" => {
                    let kind = if num_of(c).starts_with('§') {
                        Kind::Paragraf
                    } else {
                        Kind::Artikel
                    };
                    self.child(n, c, kind);
                }
                "authorialNote" => {}
                "toc" => {
                    for e in c
                        .descendants()
                        .filter(|d| d.is_element() && local(d) == "tocItem")
                    {
                        n.children.push(text_node(&text_of(e)));
                    }
                }
                tag => match gliederung_kind(tag) {
                    Some(k) => self.child(n, c, k),
                    None => self.fill(n, c),
                },
            }
        }
    }

    /// A unit of `kind` from `c`, filled, as the last child of `n`.
    fn child(&mut self, n: &mut Node, c: X, kind: Kind) {
        let mut a = unit(kind);
        self.tag(&mut a, c);
        self.fill(&mut a, c);
        n.children.push(a);
    }

    /// An Absatz; an unnumbered one's content belongs to the unit.
    fn paragraph(&mut self, n: &mut Node, c: X) {
        if num_of(c).is_empty() {
            self.fill(n, c);
        } else {
            self.child(n, c, Kind::Absatz);
        }
    }

    /// A table: one Zeile per `tr`, its cells' text.
    fn table(&mut self, c: X) -> Node {
        let mut t = unit(Kind::Tabelle);
        self.tag(&mut t, c);
        for tr in c
            .descendants()
            .filter(|d| d.is_element() && local(d) == "tr")
        {
            let mut z = unit(Kind::Zeile);
            z.cells = elems(tr).map(|td| text_of(td)).collect();
            t.children.push(z);
        }
        t
    }

    /// Foreign markup (MathML, SVG): its text as a paragraph.
    fn foreign(&mut self, n: &mut Node, c: X) {
        let t = ws(&c
            .descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect::<Vec<_>>()
            .join(" "));
        if !t.is_empty() {
            let mut tn = text_node(&t);
            self.tag(&mut tn, c);
            n.children.push(tn);
        }
    }

    /// Text of a unit: the first paragraph becomes its Sätze, later ones text paragraphs.
    fn push_text(&mut self, n: &mut Node, t: &str, intro: bool) {
        if t.is_empty() {
            return;
        }
        let own_sentences = n.kind.is_gliederungseinheit();
        let has_own = n.children.iter().any(|c| c.kind == Kind::Satz);
        let has_items = n.children.iter().any(|c| c.kind != Kind::Satz);
        if own_sentences && !has_items && (!has_own || intro) {
            n.children.extend(saetze(t));
        } else {
            n.children.push(text_node(t));
        }
    }

    fn preface_and_preamble(&mut self, root: &mut Node, act: X) {
        for part in elems(act) {
            match local(&part) {
                "preface" => {
                    for c in part
                        .descendants()
                        .filter(|d| d.is_element() && local(d) == "longTitle")
                    {
                        let mut t = unit(Kind::Langtitel);
                        self.tag(&mut t, c);
                        t.text = Some(text_of(c));
                        root.children.push(t);
                    }
                }
                "preamble" => {
                    for c in elems(part) {
                        let kind = match (local(&c), c.attribute("refersTo")) {
                            ("recitals", _) => Kind::Praeambel,
                            ("blockContainer", Some("inhaltsuebersicht")) => {
                                Kind::Inhaltsuebersicht
                            }
                            _ => Kind::Eingangsformel,
                        };
                        let mut n = unit(kind);
                        self.tag(&mut n, c);
                        if kind == Kind::Inhaltsuebersicht {
                            n.marker = Some("Inhaltsübersicht".into());
                            for e in c
                                .descendants()
                                .filter(|d| d.is_element() && local(d) == "tocItem")
                            {
                                n.children.push(text_node(&text_of(e)));
                            }
                        } else {
                            for p in c
                                .descendants()
                                .filter(|d| d.is_element() && local(d) == "p")
                            {
                                n.children.push(text_node(&text_of(p)));
                            }
                            if let Some(h) = c
                                .descendants()
                                .find(|d| d.is_element() && local(d) == "heading")
                            {
                                n.marker = Some(text_of(h));
                            } else if kind == Kind::Praeambel {
                                n.marker = Some("Präambel".into());
                            }
                        }
                        root.children.push(n);
                    }
                }
                "body" => self.fill(root, part),
                "conclusions" => {
                    let mut n = unit(Kind::Schlussformel);
                    self.tag(&mut n, part);
                    for p in part
                        .descendants()
                        .filter(|d| d.is_element() && local(d) == "p")
                    {
                        let t = text_of(p);
                        if !t.is_empty() {
                            n.children.push(text_node(&t));
                        }
                    }
                    root.children.push(n);
                }
                _ => {}
            }
        }
    }
}

/// Why a LegalDocML.de document could not be imported; the message starts
/// with "line:column: ", so a caller puts the path in front.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The XML parser's error at its place.
    #[error("{line}:{column}: not well-formed XML: {message}")]
    NotWellFormed {
        /// The line (1-based).
        line: u32,
        /// The column (1-based).
        column: u32,
        /// What the XML parser says.
        message: String,
    },
    /// Well-formed XML without a law in it.
    #[error("1:1: no akn:act, akn:bill or akn:doc element: not a LegalDocML.de Regelungstext")]
    NoAct,
}

/// Read a LegalDocML.de Regelungstext.
pub fn import(src: &str) -> Result<Import, ImportError> {
    // roxmltree refuses DTDs, so no entity expansion
    let xml = roxmltree::Document::parse(src.trim_start_matches('\u{feff}')).map_err(|e| {
        ImportError::NotWellFormed {
            line: e.pos().row,
            column: e.pos().col,
            message: e.to_string(),
        }
    })?;
    let act = xml
        .descendants()
        .find(|n| n.is_element() && matches!(local(n), "act" | "bill" | "doc"))
        .ok_or(ImportError::NoAct)?;
    let mut root = unit(Kind::Dokument);
    let mut b = Builder;
    b.preface_and_preamble(&mut root, act);
    // remember the eIds (pre-order), then give our own ids
    let mut pre: Vec<String> = Vec::new();
    root.walk(&mut |n, _| pre.push(n.id.clone()));
    syntax::parse::assign_ids(&mut root);
    let mut eids = HashMap::new();
    let mut k = 0;
    root.walk(&mut |n, _| {
        if let Some(e) = pre.get(k) {
            if !e.is_empty() {
                eids.insert(e.clone(), n.id.clone());
            }
        }
        k += 1;
    });
    let title = root
        .children
        .iter()
        .find(|c| c.kind == Kind::Langtitel)
        .and_then(|c| c.text.clone());
    let fassung = xml
        .descendants()
        .find(|n| {
            n.is_element()
                && local(n) == "FRBRdate"
                && n.parent().is_some_and(|p| local(&p) == "FRBRExpression")
        })
        .and_then(|n| n.attribute("date"))
        .map(str::to_string);
    Ok(Import {
        doc: Document {
            path: None,
            title,
            abbreviation: None,
            fassung,
            format: syntax::ast::SourceFormat::LegalDocMl,
            root,
            warnings: Vec::new(),
        },
        eids,
    })
}

/// The eId a mod's `akn:ref/@href` points at: ".../regelungstext-verkuendung-1/hauptteil-1_art-1/9-34.xml".
fn href_eid(href: &str) -> Option<String> {
    let segs: Vec<&str> = href.split('/').collect();
    let i = segs
        .iter()
        .rposition(|s| s.starts_with("regelungstext") || s.starts_with("anlage-regelungstext"))?;
    let e = segs.get(i + 1)?.trim_end_matches(".xml");
    (!e.is_empty()).then(|| norm_eid(e))
}

/// The sentence of an akn:mod, quoted structures restated as law text, and
/// the eId of the target its first akn:ref names.
fn mod_sentence(m: X) -> (String, Option<String>) {
    let mut s = String::new();
    let mut eid = None;
    for d in m.children() {
        if d.is_text() {
            s.push_str(d.text().unwrap_or(""));
        } else if d.is_element() {
            match local(&d) {
                "quotedStructure" => {
                    let mut holder = unit(Kind::Dokument);
                    let mut b = Builder;
                    b.fill(&mut holder, d);
                    for c in elems(d) {
                        if local(&c) == "longTitle" {
                            holder.children.push({
                                let mut t = unit(Kind::Text);
                                t.children = saetze(&text_of(c));
                                t
                            });
                        }
                    }
                    let body = syntax::print::write_nodes(
                        &holder.children,
                        &syntax::print::Options::default(),
                    );
                    s.push_str(&quoted(d, &body));
                }
                "quotedText" => {
                    s.push_str(&quoted(d, &text_of(d)));
                }
                "ref" => {
                    if eid.is_none() {
                        eid = d.attribute("href").and_then(href_eid);
                    }
                    s.push_str(&text_of(d));
                }
                // one sentence of several akn:mod ("… die Wörter „b“ und nach dem Wort …")
                "mod" => {
                    let (t, e) = mod_sentence(d);
                    s.push_str(&t);
                    eid = eid.or(e);
                }
                _ => s.push_str(&text_of(d)),
            }
        }
    }
    if eid.is_none() {
        eid = m
            .descendants()
            .find(|d| d.is_element() && local(d) == "ref")
            .and_then(|d| d.attribute("href"))
            .and_then(href_eid);
    }
    (s, eid)
}

/// The Änderungsbefehle (`akn:mod`) of a LegalDocML.de amending law.
pub fn import_amendments(
    path: &str,
    src: &str,
    _target: Option<&str>,
) -> Result<Aenderungsgesetz, AmendError> {
    let idx = syntax::source::LineIndex::new(src);
    let err = |off: usize, message: String| AmendError::at(path, &idx, off, message);
    let text = src.trim_start_matches('\u{feff}');
    let bom = src.len() - text.len();
    let xml = roxmltree::Document::parse(text).map_err(|e| AmendError {
        path: path.to_string(),
        line: e.pos().row,
        column: e.pos().col,
        grund: amend::Grund::Lesen(format!("not well-formed XML: {e}")),
        target: None,
        stuck: None,
    })?;
    let mut befehle = Vec::new();
    let mut eingangssatz = String::new();
    // akn:mod read as part of an earlier one's sentence
    let mut joined: Vec<roxmltree::NodeId> = Vec::new();
    for m in xml
        .descendants()
        .filter(|n| n.is_element() && local(n) == "mod")
    {
        let off = m.range().start + bom;
        let (nummer, kontext) = frame(m, &mut eingangssatz);
        if joined.contains(&m.id()) {
            continue;
        }
        // the command's sentence, quoted structures restated as law text
        let (s, eid) = sentence_of(m, &mut joined);
        let siblings = mod_siblings(m);
        let sentence = restate_outside_quotes(&s);
        let op = op_of(m, &sentence, eid.is_some());
        // "In Nummer 4 wird … ersetzt und wird der Punkt am Ende … ersetzt": a
        // second akn:mod of one sentence without a place of its own has the first's
        let mut op = op;
        if siblings.len() > 1 && siblings[0] != m {
            let prev = befehle.last_mut().and_then(|b: &mut Befehl| b.op.ort_mut());
            if let (Some(o), Some(p)) = (op.ort_mut(), prev) {
                if o.is_empty() {
                    *o = p.clone();
                }
            }
        }
        let (line, column) = idx.line_col(off);
        befehle.push(Befehl {
            nummer: if nummer.is_empty() {
                format!("{}", befehle.len() + 1)
            } else {
                nummer.join(" ")
            },
            text: sentence,
            line,
            column,
            kontext,
            op,
            eid,
        });
    }
    if befehle.is_empty() {
        return Err(err(
            0,
            "no akn:mod (Änderungsbefehl) in this document".into(),
        ));
    }
    Ok(Aenderungsgesetz {
        eingangssatz,
        befehle,
        artikel: None,
    })
}

/// The numbering ("2.", "b)") and the context ("§ 6 wird wie folgt
/// geändert:") of an `akn:mod` from its enclosing list items; the first
/// intro that names the law (`akn:affectedDocument`) is the Eingangssatz.
fn frame(m: X, eingangssatz: &mut String) -> (Vec<String>, amend::Ort) {
    let mut nummer = Vec::new();
    let mut kontext = Vec::new();
    for a in m.ancestors().filter(|a| a.is_element()) {
        if matches!(local(&a), "point" | "item") {
            if let Some(n) = elems(a).find(|d| local(d) == "num") {
                nummer.push(ws(&text_of(n)));
            }
        }
        if !matches!(local(&a), "list" | "blockList") {
            continue;
        }
        let Some(intro) = elems(a).find(|d| matches!(local(d), "intro" | "listIntroduction"))
        else {
            continue;
        };
        let t = text_of(intro);
        let names_law = intro
            .descendants()
            .any(|d| d.is_element() && local(&d) == "affectedDocument");
        if names_law {
            if eingangssatz.is_empty() {
                *eingangssatz = t;
            }
        } else if t.ends_with("geändert:") {
            if let Ok(Op::Aendern { ort }) = amend::parse::parse_befehl(&t) {
                kontext.push(ort);
            }
        }
    }
    nummer.reverse();
    kontext.reverse();
    let kontext = kontext
        .iter()
        .fold(Vec::new(), |acc, o| amend::parse::combine(&acc, o));
    (nummer, kontext)
}

/// The `akn:mod` elements of `m`'s parent (one sentence may hold several).
fn mod_siblings<'a, 'i>(m: X<'a, 'i>) -> Vec<X<'a, 'i>> {
    m.parent()
        .map(|p| elems(p).filter(|c| local(c) == "mod").collect())
        .unwrap_or_default()
}

/// The sentence of an `akn:mod` and the eId it names. Several `akn:mod`
/// that make one sentence ("In Nummer 1 werden nach … und nach …
/// eingefügt."): the sentence of their paragraph, when one alone is no
/// command; the others are then `joined`.
fn sentence_of(m: X, joined: &mut Vec<roxmltree::NodeId>) -> (String, Option<String>) {
    let (mut s, mut eid) = mod_sentence(m);
    let siblings = mod_siblings(m);
    if siblings.len() > 1
        && siblings[0] == m
        && amend::parse::parse_befehl(&restate_outside_quotes(&s)).is_err()
    {
        if let Some(p) = m.parent() {
            let (whole, e) = mod_sentence(p);
            if amend::parse::parse_befehl(&restate_outside_quotes(&whole)).is_ok() {
                s = whole;
                eid = eid.or(e);
                joined.extend(siblings[1..].iter().map(|n| n.id()));
            }
        }
    }
    (s, eid)
}

/// The operation of a command sentence; a command the grammar cannot read
/// still applies through its eId when it restates ("ersetzen",
/// "neufassung"), else it is unreadable with the reason.
fn op_of(m: X, sentence: &str, has_eid: bool) -> Op {
    match amend::parse::parse_befehl(sentence) {
        Ok(op) => op,
        Err(e) => match first_quote(sentence) {
            Some(q)
                if has_eid
                    && m.attribute("refersTo")
                        .is_some_and(|r| r.contains("ersetzen") || r.contains("neufassung")) =>
            {
                Op::Fassen {
                    ort: Vec::new(),
                    zitat: q,
                }
            }
            _ => Op::Unlesbar {
                message: e.to_string(),
                at: None,
            },
        },
    }
}

/// Normalize whitespace outside quotes; keep quoted passages as they are.
fn restate_outside_quotes(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0i32;
    let mut last_space = false;
    for c in s.chars() {
        match c {
            '„' => depth += 1,
            '“' => depth -= 1,
            _ => {}
        }
        if depth == 0 && c.is_whitespace() {
            if !last_space && !out.is_empty() {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        out.push(c);
    }
    out.trim().to_string()
}

fn first_quote(s: &str) -> Option<String> {
    let start = s.find('„')? + '„'.len_utf8();
    let mut depth = 1;
    for (i, c) in s[start..].char_indices() {
        match c {
            '„' => depth += 1,
            '“' => {
                depth -= 1;
                if depth == 0 {
                    return Some(s[start..start + i].to_string());
                }
            }
            _ => {}
        }
    }
    None
}
