//! The canonical plain-text form of a law: what `paragraf fmt` writes, what
//! `paragraf amend` writes, and how quoted passages of Änderungsbefehle are
//! restated.
//!
//! One unit per paragraph, one blank line between paragraphs; headings as
//! plain lines ("§ 1 – Zweck des Gesetzes", "Abschnitt 2 – Pflichten");
//! Absätze as "(1) ..." without list dashes; Nummern and Buchstaben indented
//! by their depth; emphasis as `**…**` in §§ (where it reads back). The wording (every title, text and
//! table cell) is written unchanged: parsing the output gives the same text.

use crate::ast::{Document, Kind, Node};
use crate::parse::text::strip_plain_emphasis;

/// The `[format]` table of `paragraf.toml`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FormatConfig {
    /// Separator between § number and title: "–" (default), "-", or "" for none.
    pub heading_separator: Option<String>,
}

/// How headings are written.
#[derive(Debug, Clone)]
pub struct Options {
    /// Between the number and the title of a § or Gliederung unit: " – " (default) or " ".
    pub heading_separator: String,
    /// juris' Satznummern ("1             Wer nach § 44 …") as read (default), or
    /// left out, as the wording an amending law quotes (the Sätze run on).
    pub satznummern: bool,
    /// Emphasis kept as `**…**` (default), or left out (quoted wording).
    pub emphasis: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            heading_separator: " – ".into(),
            satznummern: true,
            emphasis: true,
        }
    }
}

impl Options {
    /// The wording as an amending law quotes it: no Satznummern, no emphasis.
    pub fn quoted() -> Options {
        Options {
            satznummern: false,
            emphasis: false,
            ..Options::default()
        }
    }
}

impl Options {
    /// The options a workspace's `[format]` table asks for.
    pub fn from_config(c: &FormatConfig) -> Options {
        let mut o = Options::default();
        if let Some(sep) = c.heading_separator.as_deref() {
            o.heading_separator = if sep.trim().is_empty() {
                " ".into()
            } else {
                format!(" {} ", sep.trim())
            };
        }
        o
    }
}

/// The whole law in canonical plain text.
pub fn print(doc: &Document, opts: &Options) -> String {
    let mut w = Writer {
        out: String::with_capacity(4096),
        opts,
        ueb: 0,
        norm: 0,
    };
    // text above the title line (a corpus title line over a broken front
    // matter) must not read back as the title: it is escaped
    let title_at = doc
        .root
        .children
        .iter()
        .position(|c| c.kind == Kind::Langtitel);
    for (i, c) in doc.root.children.iter().enumerate() {
        if title_at.is_some_and(|t| i < t) && c.kind == Kind::Text {
            let t = w.plain(c);
            w.para(0, &format!("\\{}", t.trim_start_matches('\n')));
            continue;
        }
        w.node(c, 0);
    }
    let mut s = w.out.trim_end().to_string();
    s.push('\n');
    s
}

/// Units as quoted in an Änderungsbefehl (no trailing newline).
pub fn write_nodes(nodes: &[Node], opts: &Options) -> String {
    let mut w = Writer {
        out: String::new(),
        opts,
        ueb: 0,
        norm: 1,
    };
    for n in nodes {
        w.node(n, 0);
    }
    w.out.trim_end().to_string()
}

struct Writer<'a> {
    out: String,
    opts: &'a Options,
    /// Untyped headings around the node being written.
    ueb: usize,
    /// §§, Artikel and the Präambel around it: where the reader takes
    /// `**…**` back as emphasis (not in an Inhaltsübersicht, an Anlage or
    /// the text between units, where a line of it may read as a heading).
    norm: usize,
}

/// Whether a paragraph of plain text at the left margin would be read as a
/// heading, a note or the Fassung line.
fn looks_structural(t: &str) -> bool {
    // the notes `parse` recognizes, and the Fassung line of the header
    ["Hinweis:", "Hinweise:", "Anmerkung:", "Fassung", "Stand"]
        .iter()
        .any(|w| t.starts_with(w))
        || crate::parse::build::plain_heading(t.lines().next().unwrap_or(""), !t.contains('\n'))
            .is_some()
}

/// `t` as the content of a text line (or, with `bullet`, of a "- " line):
/// a leading backslash keeps text that would read as a marker, a bullet, a
/// table row or a heading mark from being read as one.
fn escape_line(t: &str, bullet: bool) -> String {
    // the lines after the first start with a Satznummer: text as they are
    if let Some((first, rest)) = t.split_once('\n') {
        return format!("{}\n{rest}", escape_line(first, bullet));
    }
    use crate::parse::lines::{classify, LineKind};
    let probe = if bullet {
        format!("- {t}")
    } else {
        t.to_string()
    };
    let ls = classify(&probe);
    let ok = ls.front_matter.is_none()
        && ls.lines.len() == 1
        && !t.starts_with('\\')
        && match ls.lines[0].kind {
            LineKind::Text => !bullet,
            LineKind::Bullet => bullet && &probe[ls.lines[0].content.0..ls.lines[0].content.1] == t,
            _ => false,
        };
    // "- * text": the builder would read a nested bullet
    let nested = bullet && {
        let mut c = t.chars();
        matches!(c.next(), Some('-' | '*' | '•' | '–'))
            && matches!(c.next(), Some(' ' | '\t' | '\u{a0}'))
    };
    if ok && !nested {
        t.to_string()
    } else {
        format!("\\{t}")
    }
}

/// The Sätze of a unit as one paragraph.
pub fn own_text(n: &Node) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if let Some(t) = &n.text {
        parts.push(t);
    }
    for c in &n.children {
        if c.kind == Kind::Satz {
            if let Some(t) = &c.text {
                parts.push(t);
            }
        }
    }
    parts.join(" ")
}

/// Whether an untyped heading written "## Titel" reads back as itself (a title
/// with stars of its own would lose them; such a heading is written as text).
fn untyped_heading_reads(n: &Node) -> bool {
    let Some(t) = n.title.as_deref() else {
        return true;
    };
    let read = crate::parse::heading::strip_emphasis(t);
    let read = read.trim();
    read == t && !t.starts_with("(XXXX)") && crate::parse::heading::classify(t).is_none()
}

/// A text as plain text reads it back: its emphasized runs as `**…**` where
/// the reader takes them back as the same runs, and a text with stars of its
/// own without emphasis pairs (the reader would take them for emphasis).
fn marked(text: &str, emphasis: &[crate::ast::Emphasis], with_emphasis: bool) -> String {
    if text.contains("**") {
        // stars of its own ("Unternehmen**)"): escaped, they are no emphasis
        return text.replace('*', "\\*");
    }
    if !with_emphasis || emphasis.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4 * emphasis.len());
    let mut at = 0;
    for e in emphasis {
        let ok = at <= e.start
            && e.start < e.end
            && e.end <= text.len()
            && text.is_char_boundary(e.start)
            && text.is_char_boundary(e.end);
        if !ok {
            continue;
        }
        let run = &text[e.start..e.end];
        let before = text[..e.start].chars().next_back();
        let after = text[e.end..].chars().next();
        let opens = run.chars().next().is_some_and(|c| !c.is_whitespace())
            && before.is_none_or(|c| !c.is_alphanumeric());
        let closes = run.chars().next_back().is_some_and(|c| !c.is_whitespace())
            && after.is_none_or(|c| !c.is_alphanumeric());
        if !(opens && closes) {
            continue;
        }
        out.push_str(&text[at..e.start]);
        out.push_str("**");
        out.push_str(run);
        out.push_str("**");
        at = e.end;
    }
    out.push_str(&text[at..]);
    // what the reader takes back must be the text itself
    if read_back(&out) == text {
        out
    } else {
        text.to_string()
    }
}

/// A text as the plain reader takes it: emphasis pairs out, escaped stars
/// as stars.
fn read_back(t: &str) -> String {
    let s = strip_plain_emphasis(t);
    if s.contains("\\*") {
        s.replace("\\*", "*")
    } else {
        s.into_owned()
    }
}

/// A unit's text as plain text reads it back. A Satz numbered in the text
/// (juris' "2             Sie hat …") starts a line of its own, its number
/// in front, as it was read.
fn plain_text_with(n: &Node, satznummern: bool, emphasis: bool) -> String {
    let numbered = satznummern
        && n.children
            .iter()
            .any(|c| c.kind == Kind::Satz && c.marker.is_some());
    // the text as read (`raw`), and with its emphasis marked (`t`)
    let mut raw = n.text.clone().unwrap_or_default();
    let mut t = n
        .text
        .as_deref()
        .map(|x| marked(x, &n.emphasis, emphasis))
        .unwrap_or_default();
    for c in n.children.iter().filter(|c| c.kind == Kind::Satz) {
        let Some(text) = c.text.as_deref() else {
            continue;
        };
        let sep = match &c.marker {
            Some(m) if numbered => {
                format!(
                    "\n{m}{}",
                    " ".repeat(14usize.saturating_sub(m.len()).max(10))
                )
            }
            _ if !raw.is_empty() => " ".to_string(),
            _ => String::new(),
        };
        raw.push_str(&sep);
        raw.push_str(text);
        t.push_str(&sep);
        t.push_str(&marked(text, &c.emphasis, emphasis));
    }
    // what the reader takes back must be the text itself
    if read_back(&t) == raw {
        t
    } else {
        strip_plain_emphasis(&raw).into_owned()
    }
}

/// "(3)" and its text: on one line, or the text on the lines below when it
/// starts with a Satznummer; continuation lines at the text's column.
fn lead(marker: &str, t: &str) -> String {
    let t = t.replace(
        '\n',
        &format!("\n{}", " ".repeat(marker.chars().count() + 1)),
    );
    if t.starts_with('\n') {
        format!("{marker}{t}")
    } else {
        format!("{marker} {t}").trim_end().to_string()
    }
}

impl Writer<'_> {
    fn plain(&self, n: &Node) -> String {
        let norm =
            self.norm > 0 || matches!(n.kind, Kind::Paragraf | Kind::Artikel | Kind::Praeambel);
        plain_text_with(n, self.opts.satznummern, self.opts.emphasis && norm)
    }

    fn para(&mut self, indent: usize, s: &str) {
        // a text starting with a numbered Satz starts on its own line
        let s = s.strip_prefix('\n').unwrap_or(s);
        if s.is_empty() {
            return;
        }
        for line in s.split('\n') {
            for _ in 0..indent {
                self.out.push(' ');
            }
            self.out.push_str(line);
            self.out.push('\n');
        }
        self.out.push('\n');
    }

    fn heading(&self, n: &Node) -> String {
        let marker = n.marker.clone().unwrap_or_default();
        let Some(t) = &n.title else {
            return if n.repealed && !marker.is_empty() {
                format!("{marker} (weggefallen)")
            } else {
                marker
            };
        };
        // runs of spaces collapse, as in every other paragraph
        let mut title = String::with_capacity(t.len());
        let mut prev = ' ';
        title.extend(t.chars().filter(|&c| {
            let keep = !(c == ' ' && prev == ' ');
            prev = c;
            keep
        }));
        if marker.is_empty() {
            return title;
        }
        let repealed = n.repealed && t.starts_with('(');
        let bare = n.num.is_none(); // "Anlage Rechtsnormen ..."
                                    // without the dash, these would read as a Nummer or as a sentence
        let needs_dash =
            n.kind == Kind::Gliederung || t.ends_with(['.', ',', ';']) && !t.ends_with("usw.");
        // "Anlage 1 (zu § 3)": the reference to its § follows the number
        let zu = n.kind.is_annex() && (t.starts_with("(zu ") || t.starts_with("(Zu "));
        let preferred = if repealed || bare || zu {
            " "
        } else if needs_dash {
            " – "
        } else if marker.ends_with('.') && n.kind.is_einzelvorschrift() {
            " "
        } else {
            self.opts.heading_separator.as_str()
        };
        // the separator must not read as part of the number ("§ 24a – 0,5 Promille-Grenze")
        let candidates = [preferred, " – ", " "];
        let line = |sep: &str| format!("{marker}{sep}{title}");
        for sep in candidates {
            let h = line(sep);
            // a long heading reads as one only with the dash
            // a long heading, or an Anlage's, reads as one only by plain_heading's rules
            let read = if h.chars().count() > 250 || n.kind.is_annex() {
                crate::parse::build::plain_heading(&h, true)
            } else {
                crate::parse::heading::classify(&h)
            };
            let reads = read.is_some_and(|i| {
                i.marker.as_deref() == Some(marker.as_str())
                    && i.title.as_deref().map(str::trim) == Some(title.trim())
            });
            if reads {
                return h;
            }
        }
        line(preferred)
    }

    fn children(&mut self, n: &Node, depth: usize) {
        for c in &n.children {
            if c.kind != Kind::Satz {
                self.node(c, depth);
            }
        }
    }

    /// `depth`: list depth (indentation level) for items and free text.
    fn node(&mut self, n: &Node, depth: usize) {
        let ind = depth * 4;
        match n.kind {
            Kind::Dokument => self.children(n, 0),
            Kind::Frontmatter | Kind::Langtitel | Kind::Fassung | Kind::Metadatum => {
                self.head_node(n)
            }
            Kind::Hinweis => {
                let m = n.marker.clone().unwrap_or_else(|| "Hinweis:".into());
                let t = self.plain(n);
                if n.marker.as_deref().is_some_and(|m| m.ends_with(':')) {
                    self.para(ind, format!("{m} {t}").trim_end());
                } else {
                    self.para(ind, &self.heading(n));
                    self.para(ind, &t);
                }
                self.children(n, depth);
            }
            Kind::Fussnote => {
                let id = n.num.clone().unwrap_or_default();
                let text = n.text.clone().unwrap_or_default();
                let mut parts = text.split("\n\n");
                self.para(0, &format!("[^{id}]: {}", parts.next().unwrap_or_default()));
                // further paragraphs of the footnote: indented by four
                for part in parts {
                    self.para(4, part);
                }
            }
            Kind::Tabelle => self.table(n, ind),
            Kind::Zeile => {}
            Kind::Text => self.text(n, depth, ind),
            Kind::Satz => {
                let t = n.text.clone().unwrap_or_default();
                self.para(ind, &t);
            }
            Kind::Listenpunkt => {
                let t = self.plain(n);
                if t.is_empty() {
                    // an empty bullet: "- " (the space makes it a bullet)
                    self.out.push_str(&" ".repeat(ind));
                    self.out.push_str("- \n\n");
                } else {
                    self.para(ind, &format!("- {}", escape_line(&t, true)));
                }
                self.children(n, depth + 1);
            }
            Kind::Absatz => {
                let m = n.marker.clone().unwrap_or_default();
                let t = self.plain(n);
                self.para(0, &lead(&m, &t));
                self.children(n, 0);
            }
            Kind::Nummer | Kind::Buchstabe | Kind::Doppelbuchstabe => self.item(n, depth, ind),
            Kind::Ueberschrift if n.marker.is_none() && untyped_heading_reads(n) => {
                self.untyped_heading(n)
            }
            // headings: Gliederung, §, Artikel, Anhang, Präambel, ...
            _ => self.unit(n),
        }
    }

    /// The head of a law: front matter, title, Fassung, a Metadatum.
    fn head_node(&mut self, n: &Node) {
        match n.kind {
            Kind::Frontmatter => {
                let t = n.text.clone().unwrap_or_default();
                self.out.push_str("---\n");
                self.out.push_str(t.trim_end_matches('\n'));
                if !t.trim().is_empty() {
                    self.out.push('\n');
                }
                self.out.push_str("---\n\n");
            }
            Kind::Langtitel => {
                let t = n.text.clone().unwrap_or_default();
                // "31. Verordnung …" would read as a Nummer: escaped, it is the title
                if crate::parse::build::reads_as_markup(&t) {
                    self.para(0, &format!("\\{t}"));
                } else {
                    self.para(0, &t);
                }
            }
            Kind::Fassung => {
                let m = n.marker.clone().unwrap_or_else(|| "Fassung".into());
                match &n.text {
                    Some(t) if m == "Fassung" || m == "Stand" => {
                        self.para(0, &m);
                        self.para(0, t);
                    }
                    Some(t) => self.para(0, &format!("{m} {t}")),
                    None => self.para(0, &m),
                }
            }
            Kind::Metadatum => {
                let k = n.title.clone().unwrap_or_default();
                let v = n.text.clone().unwrap_or_default();
                self.out.push_str(&k);
                self.out.push_str("\n:   ");
                self.out.push_str(&v);
                self.out.push_str("\n\n");
            }
            _ => {}
        }
    }

    /// A heading unit (Gliederung, §, Artikel, Anhang, Präambel, …): its
    /// heading line, its text, its children.
    fn unit(&mut self, n: &Node) {
        let h = self.heading(n);
        // "1. Abschnitt" would read as a Nummer: escaped, it is read as a heading
        let h = if crate::parse::build::reads_as_markup(&h) {
            format!("\\{h}")
        } else {
            h
        };
        self.para(0, &h);
        let t = self.plain(n);
        self.para(0, &t);
        let norm = matches!(n.kind, Kind::Paragraf | Kind::Artikel | Kind::Praeambel);
        self.norm += usize::from(norm);
        self.children(n, 0);
        self.norm -= usize::from(norm);
    }

    /// A Markdown pipe table, its first row the header.
    fn table(&mut self, n: &Node, ind: usize) {
        for (i, z) in n.children.iter().enumerate() {
            self.out.push_str(&" ".repeat(ind));
            self.out.push('|');
            for c in &z.cells {
                self.out.push(' ');
                self.out.push_str(c);
                self.out.push_str(" |");
            }
            self.out.push('\n');
            if i == 0 {
                self.out.push_str(&" ".repeat(ind));
                self.out.push('|');
                for _ in &z.cells {
                    self.out.push_str(" --- |");
                }
                self.out.push('\n');
            }
        }
        self.out.push('\n');
    }

    /// An unnumbered paragraph; escaped where it would read as a marker or heading.
    fn text(&mut self, n: &Node, depth: usize, ind: usize) {
        let t = self.plain(n);
        // a text that reads as a heading once its emphasis is gone ("**1.1**
        // **Ableitung**") is escaped, and written without emphasis
        let t = if t.contains("**") && looks_structural(&strip_plain_emphasis(&t)) {
            strip_plain_emphasis(&t).into_owned()
        } else {
            t
        };
        let t = t.strip_prefix('\n').unwrap_or(&t);
        let line = escape_line(t, false);
        if ind == 0 && looks_structural(t) {
            if line.starts_with('\\') {
                // the backslash already stands for the item reading: indent
                // (by one: not into the content of a list item before it)
                self.para(1, &line);
            } else {
                // a backslash keeps it from reading as a heading or note
                self.para(0, &format!("\\{t}"));
            }
        } else {
            self.para(ind, &line);
        }
        self.children(n, depth);
    }

    /// A Nummer, Buchstabe or Doppelbuchstabe with what it holds.
    fn item(&mut self, n: &Node, depth: usize, ind: usize) {
        let m = n.marker.clone().unwrap_or_default();
        let t = self.plain(n);
        self.para(ind, &lead(&m, &t));
        // free text below an item sits at its content column
        let sub = depth + 1;
        for c in &n.children {
            match c.kind {
                Kind::Satz => {}
                Kind::Text => {
                    let pad = ind + m.chars().count() + 1;
                    let t = self.plain(c);
                    let t = t.strip_prefix('\n').unwrap_or(&t);
                    self.para(pad, &escape_line(t, false));
                }
                _ => self.node(c, sub),
            }
        }
    }

    /// A heading without type word or number ("## Gebühren des Bundes"):
    /// plain text has no other way to say it than Markdown's, one level
    /// deeper per untyped heading around it.
    fn untyped_heading(&mut self, n: &Node) {
        // a heading without type word or number ("## Gebühren des Bundes"):
        // plain text has no other way to say it than Markdown's, one
        // level deeper per untyped heading around it
        let hashes = "#".repeat((2 + self.ueb).min(6));
        let title = self.heading(n);
        if title.is_empty() {
            self.para(0, &hashes);
        } else {
            self.para(0, &format!("{hashes} {title}"));
        }
        let t = self.plain(n);
        self.para(0, &t);
        self.ueb += 1;
        self.children(n, 0);
        self.ueb -= 1;
    }
}

/// The wording of a law: every marker, title, text and table cell in order,
/// whitespace normalized. `fmt` and `amend` never write a text whose
/// wording differs from what they meant to write.
pub fn wording(doc: &Document) -> String {
    let mut parts = Vec::new();
    doc.root.content_parts(&mut parts);
    let mut out = String::new();
    for p in parts {
        for w in p.split_whitespace() {
            // "**" is emphasis, not wording: Markdown leaves a pair of them literal
            // inside a "*…*" span, where plain text (no single-star emphasis) reads it
            let w = if w.contains("**") {
                std::borrow::Cow::Owned(w.replace("**", ""))
            } else {
                std::borrow::Cow::Borrowed(w)
            };
            if w.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_of_contents_the_plain_form_could_misread() {
        // an empty one, with the Abschnitte right after it (ptbbgebv)
        roundtrip("---\ntitle: V\n---\n\n# V\n\n## § 1 Zweck\n\nText.\n\n## Anlage 1 Verzeichnis\n\n## Inhaltsübersicht\n\n## Abschnitt 1\n\nMessgesetz (MessEG),\n\n## Abschnitt 2\n\nText.\n");
        // entries written as an empty bullet before the heading (feuao)
        roundtrip("---\ntitle: X\n---\n\n# X\n\n## Inhaltsverzeichnis\n\n*\n    § 1 Geltungsbereich, Begriffe\n\n\n    § 2 Feuerstätten\n\n## § 1 Geltungsbereich, Begriffe\n\n(1) Text.\n\n## § 2 Feuerstätten\n\nText.\n");
        // running text under the heading ends the list of entries (eemd-zvanl_ii)
        let long = "Der Mauterheber betreibt einen technischen Service Desk, der dem Anbieter über eine zentrale Adresse sowie eine telefonische Hotline zur Verfügung steht, um Störungen, technische Fragen und Anfragen zu Schnittstellen zu bearbeiten, und zwar werktäglich.";
        roundtrip(&format!("---\ntitle: Y\n---\n\n# Y\n\n## § 1 Zweck\n\nText.\n\n## Anlage 1 zum Vertrag\n\n## Inhaltsverzeichnis\n\n1 Einleitung\n\n{long}\n\n## Anlage 2 zum Vertrag\n\nText.\n"));
    }

    #[test]
    fn stars_markdown_left_literal_are_not_written_as_emphasis() {
        // "**…**" inside a "*…*" span is literal in Markdown, emphasis in plain text
        roundtrip("---\ntitle: Z\n---\n\n# Z\n\n## § 1 Zweck\n\nText *) Nicht III. **Wir geben ab:** a) Der *) Ende.\n");
        assert_eq!(
            crate::parse::text::strip_plain_emphasis("a **b** c"),
            "a b c"
        );
        assert_eq!(crate::parse::text::strip_plain_emphasis("a ** b"), "a ** b");
    }

    fn roundtrip(src: &str) {
        let a = crate::parse(src);
        let out = print(&a, &Options::default());
        let b = crate::parse(&out);
        assert_eq!(wording(&a), wording(&b), "wording changed:\n{out}");
        assert_eq!(print(&b, &Options::default()), out, "not idempotent");
    }

    /// The units of a law as (kind, marker, title, own text, emphasis).
    fn units(d: &Document) -> Vec<String> {
        fn walk(n: &Node, out: &mut Vec<String>) {
            out.push(format!(
                "{:?} {:?} {:?} {:?} {:?}",
                n.kind, n.marker, n.title, n.text, n.emphasis
            ));
            n.children.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        walk(&d.root, &mut out);
        out
    }

    #[test]
    fn what_the_plain_form_keeps() {
        let same_tree = |src: &str| {
            let a = crate::parse(src);
            let out = print(&a, &Options::default());
            assert_eq!(units(&a), units(&crate::parse(&out)), "{out}");
            out
        };
        // emphasis in a §, and a text with stars of its own
        let out = same_tree("# Gesetz\n\n## § 1 Zweck\n\n(1) Das **Bundesamt** prüft.\n\n(2) Anteile an Unternehmen\\*\\*) und Rücklagen\\*\\*).\n");
        assert!(out.contains("(1) Das **Bundesamt** prüft."), "{out}");
        assert!(out.contains(r"Unternehmen\*\*) und"), "{out}");
        // an empty Inhaltsübersicht before a heading without type word
        let out = same_tree("# Verordnung\n\n## § 1 Eins\n\nText.\n\n## Anlage 1\n\n## Inhaltsverzeichnis\n\n## Vorbemerkung\n\nDie Kriterien gelten.\n");
        assert!(
            out.contains("\nInhaltsverzeichnis\n\n## Vorbemerkung\n"),
            "{out}"
        );
        // "## Art 2" then "## I.": I. is a subdivision, not the title of Art 2
        let d = crate::parse(
            "# Verordnung\n\n## Art 1\n\nText.\n\n## Art 2\n\n## I.\n\nRechtsanwälte dürfen.\n",
        );
        let art2 = d
            .root
            .children
            .iter()
            .find(|c| c.marker.as_deref() == Some("Art 2"))
            .unwrap();
        assert_eq!(art2.title, None);
        same_tree(
            "# Verordnung\n\n## Art 1\n\nText.\n\n## Art 2\n\n## I.\n\nRechtsanwälte dürfen.\n",
        );
        // a heading with a "**" that pairs with nothing
        let d = crate::parse("# V\n\n## Anlage 1\n\n## **Allgemeine Hinweise** **\n\nText.\n");
        assert!(
            units(&d)
                .iter()
                .any(|u| u.contains("Some(\"Allgemeine Hinweise\")")),
            "{:#?}",
            units(&d)
        );
        // an Anlage's "(zu § 3)" follows its number
        let out = same_tree("Gesetz X\n\n§ 3 – Eins\n\nText.\n\nAnlage 1 (zu § 3)\n\nTabelle.\n");
        assert!(out.contains("\nAnlage 1 (zu § 3)\n"), "{out}");
    }

    #[test]
    fn headings_the_plain_form_needs_a_dash_for() {
        // a Gliederung without type word, a title ending like a sentence, a long title
        let long = "Wort ".repeat(70);
        roundtrip(&format!(
            "# Gesetz\n\n## I. Allgemeines\n\n### § 244 Bestätigung anfechtbarer Beschlüsse.\n\nDie Anfechtung ist ausgeschlossen.\n\n## 1. Diensterfindungen\n\n### § 245 {long}\n\nText.\n"
        ));
        let out = print(
            &crate::parse("# Gesetz\n\n## I. Allgemeines\n\n### § 1 Zweck.\n\nText.\n"),
            &Options::from_config(&FormatConfig {
                heading_separator: Some(String::new()),
            }),
        );
        assert!(out.contains("\nI. – Allgemeines\n"), "{out}");
        assert!(out.contains("\n§ 1 – Zweck.\n"), "{out}");
    }

    #[test]
    fn plain_law_round_trips() {
        roundtrip(
            "Gesetz X\n\nFassung\n\n· 1. März 2026\n\n§ 1 – Zweck\n\n- (1) Satz eins. Satz zwei.\n- (2) Es gilt:\n  1. erstens,\n  2. zweitens, und zwar\n     a) dies,\n     b) das.\n\nHinweis: Ein Hinweis.\n\nAnhang I – Liste\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        );
    }
}
