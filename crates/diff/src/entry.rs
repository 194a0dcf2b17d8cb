//! The units of a law in document order, each with its own wording.

use serde::{Deserialize, Serialize};
use syntax::ast::{Document, Kind, Node, Style};

/// One unit with its own wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The unit's id ("para-4_abs-3").
    pub id: String,
    /// What the unit is.
    pub kind: Kind,
    /// How deep it stands in the tree (the document is 0).
    pub depth: usize,
    /// Marker and title as printed: "§ 4 Erfassung und Zuständigkeit", "(3)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Its number as written ("4", "3a", "II").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    /// Its title ("Erfassung und Zuständigkeit").
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
    pub(crate) fn wording(&self) -> (&Option<String>, &Option<String>, &str) {
        (&self.marker, &self.title, &self.text)
    }

    /// Same wording, but for the publisher's marks (juris' „♦“ after a Satz),
    /// which are no law text: a change of them alone is layout.
    pub(crate) fn same_wording(&self, other: &Entry) -> bool {
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
