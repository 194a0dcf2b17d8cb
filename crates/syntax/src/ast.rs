//! The typed AST of a law: one [`Node`] type whose [`Kind`] says what it is.
//!
//! Every node carries a [`Span`] into the source and a stable `id` in the
//! style of LegalDocML.de eIds (`para-4_abs-3_nr-2`). Text is stored
//! normalized (line breaks and runs of spaces become one space, Markdown
//! markup removed); the span points at the original bytes.

use serde::{Deserialize, Serialize};

/// A byte range with 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// The byte after the last.
    pub end: usize,
    /// Line of the first byte (from 1).
    pub line: u32,
    /// Its column (from 1).
    pub column: u32,
    /// Line of the end.
    pub end_line: u32,
    /// Its column.
    pub end_column: u32,
}

/// What a node is. Serialized in snake_case (`paragraf`, `absatz`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The whole law.
    Dokument,
    /// YAML front matter (raw text in `text`).
    Frontmatter,
    /// The title line of the law.
    Langtitel,
    /// The version line ("Fassung · 14. Oktober 2025", "Stand: ...").
    Fassung,
    /// One entry of the corpus' definition-list metadata (`title`: key, `text`: value).
    Metadatum,
    /// The Eingangsformel ("Der Bundestag hat … beschlossen").
    Eingangsformel,
    /// A Präambel.
    Praeambel,
    /// The Inhaltsübersicht (table of contents).
    Inhaltsuebersicht,
    /// The Schlussformel (signatures).
    Schlussformel,
    // Gliederung, from top to bottom in their usual order.
    /// Gliederung: Buch.
    Buch,
    /// Gliederung: Teil.
    Teil,
    /// Gliederung: Unterteil.
    Unterteil,
    /// Gliederung: Kapitel.
    Kapitel,
    /// Gliederung: Unterkapitel.
    Unterkapitel,
    /// Gliederung: Abschnitt.
    Abschnitt,
    /// Gliederung: Unterabschnitt.
    Unterabschnitt,
    /// Gliederung: Titel.
    Titel,
    /// Gliederung: Untertitel.
    Untertitel,
    /// A Gliederung heading without a type word ("I. - Die Grundrechte").
    Gliederung,
    /// A heading of no known kind ("Geltungsbereich").
    Ueberschrift,
    /// A § (Einzelvorschrift); also "§§ 3 bis 6 (weggefallen)".
    Paragraf,
    /// An Artikel (Einzelvorschrift).
    Artikel,
    /// An Absatz: "(1)".
    Absatz,
    /// A Nummer: "1.".
    Nummer,
    /// A Buchstabe: "a)".
    Buchstabe,
    /// A Doppelbuchstabe: "aa)".
    Doppelbuchstabe,
    /// A Satz; a leaf holding text.
    Satz,
    /// An unnumbered paragraph of text (its children are Sätze).
    Text,
    /// A bullet list item ("- ...", "* ..."); the corpus writes tables this way.
    Listenpunkt,
    /// An Anhang (annex).
    Anhang,
    /// An Anlage (annex).
    Anlage,
    /// "Hinweis: ..." and the like.
    Hinweis,
    /// A footnote definition `[^id]: ...` (`num`: the id).
    Fussnote,
    /// A Markdown table (children: `zeile`).
    Tabelle,
    /// A table row; `cells` holds its cells.
    Zeile,
}

impl Kind {
    /// The kind's name in the JSON form (`paragraf`, `absatz`, …).
    pub fn as_str(self) -> &'static str {
        use Kind::*;
        match self {
            Dokument => "dokument",
            Frontmatter => "frontmatter",
            Langtitel => "langtitel",
            Fassung => "fassung",
            Metadatum => "metadatum",
            Eingangsformel => "eingangsformel",
            Praeambel => "praeambel",
            Inhaltsuebersicht => "inhaltsuebersicht",
            Schlussformel => "schlussformel",
            Buch => "buch",
            Teil => "teil",
            Unterteil => "unterteil",
            Kapitel => "kapitel",
            Unterkapitel => "unterkapitel",
            Abschnitt => "abschnitt",
            Unterabschnitt => "unterabschnitt",
            Titel => "titel",
            Untertitel => "untertitel",
            Gliederung => "gliederung",
            Ueberschrift => "ueberschrift",
            Paragraf => "paragraf",
            Artikel => "artikel",
            Absatz => "absatz",
            Nummer => "nummer",
            Buchstabe => "buchstabe",
            Doppelbuchstabe => "doppelbuchstabe",
            Satz => "satz",
            Text => "text",
            Listenpunkt => "listenpunkt",
            Anhang => "anhang",
            Anlage => "anlage",
            Hinweis => "hinweis",
            Fussnote => "fussnote",
            Tabelle => "tabelle",
            Zeile => "zeile",
        }
    }

    /// What is not law text but the publisher's: the Fassung line ("Stand: …"),
    /// the metadata ("Fundstelle", "Änderung durch"), the front matter and
    /// footnotes. No Änderungsbefehl says a change of them.
    pub fn is_editorial(self) -> bool {
        matches!(
            self,
            Kind::Fassung | Kind::Metadatum | Kind::Frontmatter | Kind::Fussnote
        )
    }

    /// Gliederung units (Buch ... Untertitel, untyped headings).
    pub fn is_gliederung(self) -> bool {
        use Kind::*;
        matches!(
            self,
            Buch | Teil
                | Unterteil
                | Kapitel
                | Unterkapitel
                | Abschnitt
                | Unterabschnitt
                | Titel
                | Untertitel
                | Gliederung
                | Ueberschrift
        )
    }

    /// § and Artikel.
    pub fn is_einzelvorschrift(self) -> bool {
        matches!(self, Kind::Paragraf | Kind::Artikel)
    }

    /// Units below the Einzelvorschrift that carry a marker.
    pub fn is_gliederungseinheit(self) -> bool {
        matches!(
            self,
            Kind::Absatz | Kind::Nummer | Kind::Buchstabe | Kind::Doppelbuchstabe
        )
    }

    /// An Anhang or an Anlage.
    pub fn is_annex(self) -> bool {
        matches!(self, Kind::Anhang | Kind::Anlage)
    }

    /// Canonical rank of a Gliederung type (smaller is higher).
    pub fn gliederung_rank(self) -> u8 {
        use Kind::*;
        match self {
            Buch => 0,
            Teil => 1,
            Unterteil => 2,
            Kapitel => 3,
            Unterkapitel => 4,
            Abschnitt => 5,
            Unterabschnitt => 6,
            Titel => 7,
            Untertitel => 8,
            Gliederung => 9,
            _ => 10,
        }
    }

    /// Prefix of this kind in eIds.
    pub fn eid_prefix(self) -> &'static str {
        use Kind::*;
        match self {
            Dokument => "doc",
            Frontmatter => "frontmatter",
            Langtitel => "langtitel",
            Fassung => "fassung",
            Metadatum => "meta",
            Eingangsformel => "eingangsformel",
            Praeambel => "praeambel",
            Inhaltsuebersicht => "inhuebs",
            Schlussformel => "schlussformel",
            Buch => "buch",
            Teil => "teil",
            Unterteil => "uteil",
            Kapitel => "kapitel",
            Unterkapitel => "ukapitel",
            Abschnitt => "abschnitt",
            Unterabschnitt => "uabschnitt",
            Titel => "titel",
            Untertitel => "utitel",
            Gliederung => "gl",
            Ueberschrift => "ueb",
            Paragraf => "para",
            Artikel => "art",
            Absatz => "abs",
            Nummer => "nr",
            Buchstabe => "bst",
            Doppelbuchstabe => "dbst",
            Satz => "satz",
            Text => "text",
            Listenpunkt => "li",
            Anhang => "anhang",
            Anlage => "anlage",
            Hinweis => "hinweis",
            Fussnote => "fn",
            Tabelle => "tabelle",
            Zeile => "zeile",
        }
    }
}

/// How a unit was marked up in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// A Markdown heading ("## § 1 ...").
    Heading,
    /// A heading written as a plain line ("§ 1 – ...").
    Plain,
    /// A list item with a dash ("- (1) ...").
    Dash,
}

/// An emphasized run inside `text` (byte offsets into the normalized text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emphasis {
    /// First byte of the run.
    pub start: usize,
    /// The byte after its last.
    pub end: usize,
    /// `**strong**` (true) or `*emphasis*` (false).
    pub strong: bool,
}

/// One node of the AST.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// What the node is.
    pub kind: Kind,
    /// Stable id in the style of LegalDocML.de eIds.
    pub id: String,
    /// Where it stands in the source.
    pub span: Span,
    /// The marker as written: "§ 4a", "§§ 3 bis 6", "(1)", "1.", "a)", "Abschnitt 1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// The number without decoration: "4a", "1", "a", "III".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    /// The heading after the marker ("Zweck des Gesetzes").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Normalized text (leaves: Satz, Metadatum, Fassung, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Emphasized runs in `text` (Markdown `**...**`, kept, marked as such).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emphasis: Vec<Emphasis>,
    /// Table cells of a `zeile`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    /// "(weggefallen)" / "(aufgehoben)".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub repealed: bool,
    /// How the unit was marked up: `dash` for "- (1)", `heading` for "## § 1",
    /// `plain` for a heading written as a line of plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    /// The nodes it holds, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

impl Node {
    /// A node of a kind at a span, with nothing else set.
    pub fn new(kind: Kind, span: Span) -> Node {
        Node {
            kind,
            id: String::new(),
            span,
            marker: None,
            num: None,
            title: None,
            text: None,
            emphasis: Vec::new(),
            cells: Vec::new(),
            repealed: false,
            style: None,
            children: Vec::new(),
        }
    }

    /// Pre-order traversal.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Node, usize)) {
        fn go<'a>(n: &'a Node, depth: usize, f: &mut impl FnMut(&'a Node, usize)) {
            f(n, depth);
            for c in &n.children {
                go(c, depth + 1, f);
            }
        }
        go(self, 0, f)
    }

    /// Pre-order traversal that may change each node.
    pub fn walk_mut(&mut self, f: &mut impl FnMut(&mut Node)) {
        f(self);
        for c in &mut self.children {
            c.walk_mut(f);
        }
    }

    /// Pre-order traversal with the chain of ancestors.
    pub fn walk_with_parents<'a>(&'a self, f: &mut impl FnMut(&'a Node, &[&'a Node])) {
        fn go<'a>(
            n: &'a Node,
            stack: &mut Vec<&'a Node>,
            f: &mut impl FnMut(&'a Node, &[&'a Node]),
        ) {
            f(n, stack);
            stack.push(n);
            for c in &n.children {
                go(c, stack, f);
            }
            stack.pop();
        }
        go(self, &mut Vec::new(), f)
    }

    /// The text of this node and everything below it, Sätze joined by spaces.
    pub fn full_text(&self) -> String {
        let mut out = String::new();
        self.walk(&mut |n, _| {
            for part in [&n.text].into_iter().flatten() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(part);
            }
            for c in &n.cells {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(c);
            }
        });
        out
    }

    /// Every character the node holds, in document order: marker, title, text, cells.
    pub fn content_parts<'a>(&'a self, out: &mut Vec<&'a str>) {
        self.walk(&mut |n, _| {
            if let Some(m) = &n.marker {
                out.push(m);
            }
            if let Some(t) = &n.title {
                out.push(t);
            }
            if let Some(t) = &n.text {
                out.push(t);
            }
            for c in &n.cells {
                out.push(c);
            }
        });
    }

    /// Find a node by id.
    pub fn find(&self, id: &str) -> Option<&Node> {
        if self.id == id {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(id))
    }

    /// A one-line label for outlines: "§ 4 Erfassung und Zuständigkeit".
    pub fn label(&self) -> String {
        let mut s = String::new();
        if let Some(m) = &self.marker {
            s.push_str(m);
        }
        if let Some(t) = &self.title {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(t);
        }
        if self.repealed && !s.contains("weggefallen") && !s.contains("aufgehoben") {
            s.push_str(" (weggefallen)");
        }
        s
    }
}

/// A parsed law with its parse warnings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// The path the law was read from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The title of the law.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The short title or abbreviation ("BGB"), from the front matter or the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// The Fassung date as ISO 8601 ("2025-10-14").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fassung: Option<String>,
    /// What the law was read from: Markdown (the corpus), plain text (the
    /// drafters' text) or LegalDocML.de.
    pub format: SourceFormat,
    /// The tree: a `Dokument` node.
    pub root: Node,
    /// What the parser could not structure, and where.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::diag::Warning>,
}

/// The format a law was read from; in the JSON form its lowercase name
/// (`"markdown"`, `"plain"`, `"legaldocml"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// Markdown with `#` headings (the corpus).
    Markdown,
    /// Plain text, as drafters write it.
    Plain,
    /// LegalDocML.de XML (imported).
    LegalDocMl,
}

impl Document {
    /// All § and Artikel units, in document order.
    pub fn einzelvorschriften(&self) -> Vec<&Node> {
        let mut v = Vec::new();
        self.root.walk(&mut |n, _| {
            if n.kind.is_einzelvorschrift() {
                v.push(n)
            }
        });
        v
    }
}
