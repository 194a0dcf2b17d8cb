//! Step 2: assemble classified lines into the tree.
//!
//! A stack of open units (Gliederung, §, Absatz, Nummer, ...) receives
//! paragraphs of text. Gliederung units nest by the order of their types as
//! this law uses them (learned as they appear, starting from the canonical
//! order Buch > Teil > Kapitel > Abschnitt > Unterabschnitt > Titel >
//! Untertitel), not by Markdown heading level. Nummern and Buchstaben nest by
//! marker order and indentation.

use super::heading::{self, HeadingInfo};
use super::lines::{Line, LineKind, Lines, MarkerKind};
use super::reading;
use super::text::{satznummern, split_saetze, Paragraph};
use crate::ast::{Document, Kind, Node, SourceFormat, Span, Style};
use crate::diag::{Warning, WarningCode};
use crate::source::LineIndex;

/// Longest line, in bytes, still read as an entry of a table of contents.
const TOC_ENTRY_MAX: usize = 250;

/// Limits against hostile input.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Maximum nesting of Nummern, Buchstaben and list items inside one unit.
    pub max_item_depth: usize,
    /// A passage quoted in an Änderungsbefehl: no title or Fassung line.
    pub fragment: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_item_depth: 16,
            fragment: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    Root,
    Anhang,
    Gliederung {
        key: u16,
    },
    Special,
    Einzel,
    Absatz,
    Item {
        indent: usize,
        content_col: usize,
        rank: u8,
    },
}

struct Frame {
    node: Node,
    level: Level,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Owner {
    /// Sätze go directly into the unit on top of the stack (text after its marker).
    Unit,
    /// A free paragraph, placed by its indentation.
    Free,
    /// The value of a Metadatum.
    Meta,
    /// A footnote definition.
    Footnote,
    /// A further paragraph of the footnote just read (indented by four or more).
    FootnoteMore,
}

struct Para {
    lines: Vec<(usize, usize)>,
    indent: usize,
    owner: Owner,
    /// For Meta: the key; for Footnote: the id.
    label: Option<String>,
    start: usize,
}

struct Builder<'a> {
    src: &'a str,
    idx: LineIndex<'a>,
    plain: bool,
    stack: Vec<Frame>,
    para: Option<Para>,
    order: Vec<(u16, u8)>, // learned Gliederung order: (key, canonical rank)
    warnings: Vec<Warning>,
    title: Option<String>,
    fassung_pending: bool,
    fassung: Option<String>,
    seen_unit: bool,
    toc_seen: Vec<(Kind, String)>,
    /// Where each heading of plain text stands (its line ends), found when a
    /// table of contents first needs to know whether an entry comes again.
    headings_at: Option<rustc_hash::FxHashMap<(Kind, String), Vec<usize>>>,
    /// Plain text without blank lines: every line is a paragraph of its own.
    per_line: bool,
    limits: Limits,
}

pub fn build(src: &str, lines: Lines, limits: Limits) -> Document {
    // plain text: no Markdown heading of a title or a unit (a YAML front
    // matter may still precede it). "## Gebühren des Bundes", a heading
    // without type word or number, is how plain text says one (see write.rs).
    let plain = !lines.lines.iter().any(|l| match l.kind {
        LineKind::Heading { level } => {
            level == 1 || heading::classify(&src[l.content.0..l.content.1]).is_some()
        }
        _ => false,
    });
    let mut root = Node::new(
        Kind::Dokument,
        Span {
            start: 0,
            end: src.len(),
            ..Default::default()
        },
    );
    root.id = String::new();
    let mut b = Builder {
        src,
        idx: LineIndex::new(src),
        plain,
        stack: vec![Frame {
            node: root,
            level: Level::Root,
        }],
        para: None,
        order: Vec::new(),
        warnings: Vec::new(),
        title: limits.fragment.then(String::new),
        fassung_pending: false,
        fassung: None,
        seen_unit: false,
        toc_seen: Vec::new(),
        headings_at: None,
        per_line: plain && !limits.fragment && reading::one_paragraph_per_line(&lines.lines),
        limits,
    };
    let abbreviation = lines
        .front_matter
        .and_then(|(body, whole)| b.front_matter(body, whole));
    b.read_lines(&lines.lines);
    b.flush();
    b.no_unit_warning();
    while b.stack.len() > 1 {
        b.pop();
    }
    let mut root = b
        .stack
        .pop()
        .map(|f| f.node)
        .unwrap_or_else(|| Node::new(Kind::Dokument, Span::default()));
    super::ids::assign(&mut root);
    fix_spans(&mut root, &b.idx);
    let fassung = b.fassung;
    Document {
        path: None,
        title: b.title,
        abbreviation,
        fassung,
        format: if plain {
            SourceFormat::Plain
        } else {
            SourceFormat::Markdown
        },
        root,
        warnings: b.warnings,
    }
}

/// What the line before says about the line being read.
#[derive(Clone, Copy)]
struct Before {
    /// A blank line (or, one paragraph per line, any line) ends the paragraph.
    fresh: bool,
    /// End of the content of the previous non-blank line.
    text_end: Option<usize>,
}

impl<'a> Builder<'a> {
    /// Step 2 proper: every classified line into the tree.
    fn read_lines(&mut self, ls: &[Line]) {
        let src = self.src;
        let mut before = Before {
            fresh: true,
            text_end: None,
        };
        // a heading read without a blank line before it stands on its own line
        let mut heading_alone = false;
        for (i, line) in ls.iter().enumerate() {
            let line = *line;
            let prev_end = before.text_end.map(|e| src[..e].trim_end());
            let fresh = before.fresh
                || std::mem::take(&mut heading_alone)
                || self.per_line && self.starts_per_line(&line, prev_end);
            if self.footnote_paragraph(line, fresh) {
                before = Before {
                    fresh: false,
                    text_end: Some(line.end),
                };
                continue;
            }
            match line.kind {
                LineKind::Blank => {
                    self.flush();
                    before = Before {
                        fresh: true,
                        text_end: None,
                    };
                    continue;
                }
                LineKind::Heading { level } => {
                    self.flush();
                    self.heading(line, level);
                }
                LineKind::DefValue => self.def_value(line),
                LineKind::FootnoteDef => {
                    self.flush();
                    self.para = Some(Para {
                        lines: vec![line.content],
                        indent: 0,
                        owner: Owner::Footnote,
                        label: Some(src[line.marker.0..line.marker.1].to_string()),
                        start: line.start,
                    });
                }
                LineKind::TableRow => {
                    if self.para.as_ref().is_some_and(|p| p.owner != Owner::Free) && !fresh {
                        self.continue_para(line);
                    } else {
                        self.flush();
                        self.table_row(line, i > 0 && matches!(ls[i - 1].kind, LineKind::TableRow));
                    }
                }
                LineKind::Item { kind, dash } => {
                    if fresh
                        || dash
                        || self.para.is_none()
                        || self.item_starts_block(line, kind, prev_end, &ls[i + 1..])
                    {
                        self.flush();
                        self.item(line, kind, dash);
                    } else {
                        self.item_as_text(line, kind);
                        self.continue_para(line);
                    }
                }
                LineKind::Bullet => {
                    self.flush();
                    self.bullet(line);
                }
                LineKind::Text => {
                    if let Some(alone) = self.text_line(line, fresh, prev_end) {
                        heading_alone = alone;
                    }
                }
            }
            before = Before {
                fresh: false,
                text_end: Some(line.end),
            };
        }
    }

    /// One paragraph per line: whether `line` starts a paragraph. A
    /// Satznummer at the margin after a whole sentence does ("3
    /// Bei …" after a list), and a warning names the escape (indenting it).
    fn starts_per_line(&mut self, line: &Line, prev_end: Option<&str>) -> bool {
        // a list item's text goes on right of the text of the item around it
        let n = self.stack.len();
        let outer = match (&self.para, self.top().level) {
            (Some(p), Level::Item { .. }) if p.owner == Owner::Unit && n > 1 => {
                match self.stack[n - 2].level {
                    Level::Item { content_col, .. } => content_col,
                    _ => 0,
                }
            }
            _ => 0,
        };
        match reading::continues_numbered(self.src, line, prev_end, outer) {
            Some(true) => false,
            // (nothing to continue: "(2)" alone on the line above)
            Some(false) if self.para.is_some() => {
                let t = &self.src[line.content.0..line.content.1];
                let n = t.split_whitespace().next().unwrap_or("");
                self.warn(
                    line.content.0,
                    WarningCode::SatzAsParagraph,
                    format!(
                        "„{n}“ at the margin after a whole sentence starts a paragraph of its \
                         own (one paragraph per line); indented, it is Satz {n} of the \
                         paragraph above"
                    ),
                );
                true
            }
            Some(false) | None => true,
        }
    }

    /// An indented paragraph after a footnote continues it (Markdown's rule);
    /// in plain text an indented item starts one without a blank line. True
    /// when `line` was read so.
    fn footnote_paragraph(&mut self, line: Line, fresh: bool) -> bool {
        let footnote_item = !fresh
            && self.plain
            && matches!(line.kind, LineKind::Item { .. })
            && self
                .para
                .as_ref()
                .is_some_and(|p| matches!(p.owner, Owner::Footnote | Owner::FootnoteMore));
        (fresh || footnote_item) && self.footnote_more(line)
    }

    /// A line of text: it continues the paragraph, starts one, or (plain
    /// text) starts a heading without a blank line before it (Some: whether
    /// that heading stands on its own line).
    fn text_line(&mut self, line: Line, fresh: bool, prev_end: Option<&str>) -> Option<bool> {
        let heading = (!fresh && self.para.is_some())
            .then(|| self.heading_without_blank(line, prev_end))
            .flatten();
        if self.para.is_some() && !fresh && heading.is_none() {
            self.continue_para(line);
        } else {
            self.flush();
            self.para = Some(Para {
                lines: vec![line.content],
                indent: line.indent,
                owner: Owner::Free,
                label: None,
                start: line.start,
            });
        }
        heading
    }

    /// Plain text: a line that reads as a heading ("§ 5 – Zweck", "Anlage 2",
    /// "Abschnitt 3 – Pflichten") after a line that ends a sentence or a
    /// heading starts its unit without a blank line before it (Some: whether
    /// it needs a line of its own); after a line that breaks off mid-sentence
    /// it is text (None). Either way a warning names the other reading.
    fn heading_without_blank(&mut self, line: Line, prev_end: Option<&str>) -> Option<bool> {
        // an Inhaltsübersicht lists its entries one per line
        let in_toc = self
            .stack
            .iter()
            .any(|f| f.node.kind == Kind::Inhaltsuebersicht);
        if !self.plain || in_toc || line.indent > 0 || reading::escaped(self.src, &line) {
            return None;
        }
        let t = &self.src[line.content.0..line.content.1];
        let info = plain_heading(t, true)?;
        let head: String = t.chars().take(24).collect();
        let prev = prev_end.unwrap_or("");
        let after_heading = self.para.as_ref().is_some_and(|p| {
            p.lines.len() == 1 && {
                let (s, e) = p.lines[0];
                plain_heading(&self.src[s..e], true).is_some()
            }
        });
        // the title and the lines of the head before the first unit are one line each
        let at_header = !self.seen_unit && matches!(self.top().level, Level::Root);
        if reading::ends_sentence(prev) || prev.ends_with(':') || after_heading || at_header {
            self.warn(
                line.content.0,
                WarningCode::HeadingWithoutBlank,
                format!(
                    "„{head}…“ is read as a heading though no blank line precedes it; \
                     a backslash before it („\\{head}…“) keeps it text"
                ),
            );
            Some(!info.kind.is_einzelvorschrift())
        } else {
            self.warn(
                line.content.0,
                WarningCode::HeadingAsText,
                format!(
                    "„{head}…“ is read as text continuing the sentence above; \
                     a blank line before it makes it a heading"
                ),
            );
            None
        }
    }

    /// A line starting with a marker read as text of the paragraph above:
    /// in plain text, a warning names the escape (a blank line before it).
    fn item_as_text(&mut self, line: Line, kind: MarkerKind) {
        if !self.plain {
            return;
        }
        let marker = &self.src[line.marker.0..line.marker.1];
        let (k, _) = rank_of(kind, marker);
        let word = crate::vocab::word(k).unwrap_or("unit");
        self.warn(
            line.marker.0,
            WarningCode::ItemAsText,
            format!(
                "„{marker}“ at the start of the line is read as text of the paragraph above; \
                 a blank line before it makes it a {word}"
            ),
        );
    }

    /// A plain law that yields no §, Artikel, Absatz or Anlage says why.
    fn no_unit_warning(&mut self) {
        // (Markdown says its units by headings: a Bekanntmachung without any is no misreading)
        if !self.plain || self.limits.fragment || self.seen_unit || self.src.trim().is_empty() {
            return;
        }
        fn has_unit(n: &Node) -> bool {
            n.kind.is_einzelvorschrift()
                || n.kind.is_annex()
                || n.kind == Kind::Absatz
                || n.children.iter().any(has_unit)
        }
        let root = &self.stack[0].node;
        if self.stack.iter().any(|f| has_unit(&f.node)) {
            return;
        }
        let texts = root
            .children
            .iter()
            .filter(|c| c.kind == Kind::Text)
            .count();
        let reason = if texts == 0 && root.children.iter().any(|c| c.kind == Kind::Langtitel) {
            "the whole text reads as the title: no line starts a § („§ 1“), an \
             Artikel or an Absatz („(1)“) after a blank line"
                .to_string()
        } else {
            format!(
                "{texts} paragraph(s) of text, and no line starts a § („§ 1“), an \
                 Artikel or an Absatz („(1)“)"
            )
        };
        self.warn(
            0,
            WarningCode::NoUnit,
            format!("the law has no §, Artikel or Absatz: {reason}"),
        );
    }
}

/// Containers end where their last descendant ends; fill lines and columns.
/// A container that ends where its last child ends takes the child's end
/// line and column (counting them again went over every Absatz twice).
fn fix_spans(n: &mut Node, idx: &LineIndex) {
    for c in &mut n.children {
        fix_spans(c, idx);
    }
    let last = n.children.last().map(|l| l.span);
    if let Some(last) = last {
        if last.end > n.span.end {
            n.span.end = last.end;
        }
    }
    if n.span.end < n.span.start {
        n.span.end = n.span.start;
    }
    n.span = match last {
        Some(last) if last.end == n.span.end => {
            let (line, column) = idx.line_col(n.span.start);
            crate::ast::Span {
                start: n.span.start,
                line,
                column,
                ..last
            }
        }
        _ => idx.span(n.span.start, n.span.end),
    };
}

fn rank_of(kind: MarkerKind, marker: &str) -> (Kind, u8) {
    match kind {
        MarkerKind::Absatz => (Kind::Absatz, 0),
        MarkerKind::Nummer => (Kind::Nummer, 1),
        MarkerKind::Buchstabe => {
            let letters = marker.trim_end_matches(')');
            let mut cs = letters.chars();
            let first = cs.next();
            if letters.chars().count() >= 2 && letters.chars().all(|c| Some(c) == first) {
                (Kind::Doppelbuchstabe, 3)
            } else {
                (Kind::Buchstabe, 2)
            }
        }
    }
}

/// The kind of marker a written marker is: "(2)", "2." or "b)".
fn marker_kind(m: &str) -> MarkerKind {
    if m.starts_with('(') {
        MarkerKind::Absatz
    } else if m.ends_with('.') {
        MarkerKind::Nummer
    } else {
        MarkerKind::Buchstabe
    }
}

/// Whether two markers are written alike ("2." and "3.", "(2)" and "(3)").
fn same_marker_style(a: &str, b: &str) -> bool {
    a.ends_with('.') == b.ends_with('.') && a.starts_with('(') == b.starts_with('(')
}

fn strip_marker_num(marker: &str) -> String {
    marker
        .trim_matches(|c| c == '(' || c == ')' || c == '.')
        .to_string()
}

/// Is `next` the number that follows `prev` ("1" → "2", "1" → "1a", "a" → "b", "aa" → "bb")?
pub fn is_successor(prev: &str, next: &str) -> bool {
    let split = |s: &str| {
        let d: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = s[d.len()..].to_string();
        (d.parse::<u64>().ok(), rest)
    };
    let (pn, ps) = split(prev);
    let (nn, ns) = split(next);
    match (pn, nn) {
        (Some(p), Some(n)) => (n == p + 1 && ns.is_empty()) || (n == p && ns > ps),
        (None, None) => {
            let p: Vec<char> = ps.chars().collect();
            let n: Vec<char> = ns.chars().collect();
            if p.is_empty() || n.is_empty() {
                return false;
            }
            (n.len() == p.len() && n.iter().all(|&c| c as u32 == p[0] as u32 + 1))
                || (n.len() == p.len() + 1 && n.iter().all(|&c| c == 'a'))
        }
        _ => false,
    }
}

impl<'a> Builder<'a> {
    /// The YAML front matter as a node; its title becomes the law's title.
    /// Returns the abbreviation it gives (`jurabk`).
    fn front_matter(&mut self, body: (usize, usize), whole: (usize, usize)) -> Option<String> {
        let mut abbreviation = None;
        let raw = &self.src[body.0..body.1];
        let mut n = Node::new(
            Kind::Frontmatter,
            Span {
                start: whole.0,
                end: whole.1,
                ..Default::default()
            },
        );
        n.text = Some(raw.trim_end().to_string());
        match serde_norway::from_str::<serde_norway::Value>(raw) {
            Ok(v) => {
                if let Some(t) = v
                    .get("Title")
                    .or_else(|| v.get("title"))
                    .and_then(|t| t.as_str())
                {
                    self.title = Some(t.trim().to_string());
                }
                abbreviation = v
                    .get("jurabk")
                    .or_else(|| v.get("abbreviation"))
                    .and_then(|t| t.as_str())
                    .map(|s| s.to_string());
            }
            Err(e) => {
                let (line, column) = self.idx.line_col(body.0);
                self.warnings.push(Warning {
                    code: WarningCode::FrontMatter,
                    line,
                    column,
                    message: format!("front matter is not valid YAML: {e}"),
                });
            }
        }
        self.stack[0].node.children.push(n);
        abbreviation
    }

    fn top(&self) -> &Frame {
        self.stack.last().expect("root frame")
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let mut node = self.stack.pop().expect("len > 1").node;
        // a finished unit keeps no spare capacity: most have one to three children,
        // and a Vec's first allocation holds four
        node.children.shrink_to_fit();
        let parent = self.stack.last_mut().expect("root frame");
        parent.node.children.push(node);
    }

    fn pop_while(&mut self, mut pred: impl FnMut(&Level) -> bool) {
        while self.stack.len() > 1 && pred(&self.top().level) {
            self.pop();
        }
    }

    fn close_einzel(&mut self) {
        self.pop_while(|l| {
            matches!(
                l,
                Level::Item { .. } | Level::Absatz | Level::Einzel | Level::Special
            )
        });
    }

    fn push(&mut self, node: Node, level: Level) {
        self.stack.push(Frame { node, level });
    }

    fn span_at(&self, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            ..Default::default()
        }
    }

    fn warn(&mut self, off: usize, code: WarningCode, msg: impl Into<String>) {
        let (line, column) = self.idx.line_col(off);
        self.warnings.push(Warning {
            code,
            line,
            column,
            message: msg.into(),
        });
    }

    fn continue_para(&mut self, line: Line) {
        if let Some(p) = &mut self.para {
            // text lines: their content (after the indentation and an escaping backslash)
            let start = if line.kind == LineKind::Text {
                line.content.0
            } else {
                line.start + line.indent_bytes(self.src)
            };
            p.lines.push((start, line.end));
        }
    }

    // ----- headings -------------------------------------------------------

    fn heading(&mut self, line: Line, level: u8) {
        let text = &self.src[line.content.0..line.content.1];
        if level == 1
            && !self.seen_unit
            && self.stack[0]
                .node
                .children
                .iter()
                .all(|c| c.kind != Kind::Langtitel)
        {
            // the first level-1 heading is the title
            self.langtitel(line.start, line.content);
            return;
        }
        let unescaped;
        let text = if self.plain {
            text
        } else {
            unescaped = super::text::unescape_markdown(text);
            &*unescaped
        };
        let mut info = heading::classify(text);
        if info.is_none() && !self.seen_unit && heading::strip_emphasis(text).trim() == "Übersicht"
        {
            // juris' heading of the Inhaltsübersicht before the first unit (StPO 2013)
            info = toc_heading("Übersicht");
        }
        let mut node = Node::new(Kind::Ueberschrift, self.span_at(line.start, line.end));
        node.style = Some(Style::Heading);
        match info {
            Some(info) => self.open_unit(node, info),
            None => {
                let t = heading::strip_emphasis(text);
                let t = t.trim();
                let t = t.strip_prefix("(XXXX)").unwrap_or(t).trim();
                let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
                // "## § 2" then "## Ausbildungsvergütung": the title of the § on a heading of its own
                let top = &self.top().node;
                if top.kind.is_einzelvorschrift()
                    && top.title.is_none()
                    && top.children.is_empty()
                    && self.para.is_none()
                    && !t.is_empty()
                    && !bare_numbering(&t)
                {
                    let span = self.span_at(top.span.start, line.end);
                    let top = &mut self.stack.last_mut().expect("root").node;
                    top.title = Some(t);
                    top.span = span;
                    return;
                }
                node.title = if t.is_empty() { None } else { Some(t) };
                let key = 200 + level as u16;
                self.open_gliederung(node, key, 9 + level);
            }
        }
    }

    fn langtitel(&mut self, start: usize, content: (usize, usize)) {
        let para = Paragraph::build_with(self.src, &[content], !self.plain);
        let mut n = Node::new(Kind::Langtitel, self.span_at(start, content.1));
        let t = heading::strip_emphasis(&para.text).to_string();
        self.title = Some(t.clone());
        n.text = Some(t);
        self.stack[0].node.children.push(n);
    }

    fn open_unit(&mut self, mut node: Node, info: HeadingInfo) {
        node.kind = info.kind;
        node.marker = info.marker;
        node.num = info.num;
        node.title = info.title;
        node.repealed = info.repealed;
        match info.kind {
            Kind::Paragraf | Kind::Artikel => {
                self.seen_unit = true;
                self.close_einzel();
                self.push(node, Level::Einzel);
            }
            Kind::Anhang | Kind::Anlage => {
                self.seen_unit = true;
                self.pop_while(|_| true);
                self.push(node, Level::Anhang);
            }
            Kind::Eingangsformel
            | Kind::Praeambel
            | Kind::Inhaltsuebersicht
            | Kind::Schlussformel => {
                self.pop_while(|_| true);
                self.push(node, Level::Special);
            }
            Kind::Hinweis => {
                self.close_einzel();
                self.push(node, Level::Special);
            }
            k => {
                self.seen_unit = true;
                let sub = if k == Kind::Gliederung {
                    // Roman and Arabic untyped headings are different levels
                    let roman = node
                        .num
                        .as_deref()
                        .is_some_and(|n| n.chars().all(|c| "IVXLCDM".contains(c)));
                    if roman {
                        1
                    } else {
                        2
                    }
                } else {
                    0
                };
                let key = (k.gliederung_rank() as u16) * 4 + sub;
                self.open_gliederung(node, key, k.gliederung_rank());
            }
        }
    }

    fn open_gliederung(&mut self, node: Node, key: u16, canonical: u8) {
        self.seen_unit = true;
        self.close_einzel();
        if !self.order.iter().any(|(k, _)| *k == key) {
            // a type seen for the first time
            let top = self.top();
            let nest_under = match top.level {
                Level::Gliederung { key: tk } if top.node.children.is_empty() => Some(tk),
                _ => None,
            };
            let pos = match nest_under {
                Some(tk) => self
                    .order
                    .iter()
                    .position(|(k, _)| *k == tk)
                    .map(|p| p + 1)
                    .unwrap_or(self.order.len()),
                None => self
                    .order
                    .iter()
                    .position(|(_, r)| *r > canonical)
                    .unwrap_or(self.order.len()),
            };
            self.order.insert(pos, (key, canonical));
        }
        let rank = self.order.iter().position(|(k, _)| *k == key).unwrap_or(0);
        let order = &self.order;
        let rank_of = |k: u16| order.iter().position(|(x, _)| *x == k).unwrap_or(0);
        let mut pops = 0;
        for f in self.stack.iter().rev() {
            match f.level {
                Level::Gliederung { key: k } if rank_of(k) >= rank => pops += 1,
                _ => break,
            }
        }
        for _ in 0..pops {
            self.pop();
        }
        self.push(node, Level::Gliederung { key });
    }

    // ----- items ----------------------------------------------------------

    fn item_starts_block(
        &mut self,
        line: Line,
        kind: MarkerKind,
        prev_end: Option<&str>,
        next: &[Line],
    ) -> bool {
        let marker = &self.src[line.marker.0..line.marker.1];
        let num = strip_marker_num(marker);
        let first = reading::first_of_list(&num);
        if first && prev_end.is_some_and(|p| p.ends_with(':')) {
            return true;
        }
        let (k, _) = rank_of(kind, marker);
        if !self.plain {
            // Markdown: only the successor of an open unit of the same kind
            return self.open_predecessor(k, &num);
        }
        if self.follows_unit_seen(k, marker, &num)
            || kind != MarkerKind::Absatz
                && prev_end.is_some_and(|p| {
                    reading::after_elision(p)
                        || reading::trailing_number(p).is_some_and(|n| is_successor(n, &num))
                })
        {
            return true;
        }
        // plain text: "§ 1 Titel" directly followed by "(1) ..."
        if kind == MarkerKind::Absatz && num == "1" {
            if let Some(p) = &self.para {
                if p.lines.len() == 1 && p.owner == Owner::Free {
                    let t = &self.src[p.lines[0].0..p.lines[0].1];
                    return heading::classify(t).is_some_and(|h| h.kind.is_einzelvorschrift());
                }
            }
        }
        // a bullet's one line ("- 66", "- *") or an empty cell ("*") is no
        // Satz a marker continues: the corpus writes tables as bullets with
        // Nummern below them
        let one_line = |o: Owner| {
            self.para
                .as_ref()
                .is_some_and(|p| p.owner == o && p.lines.len() == 1)
        };
        let empty_cell = self.para.as_ref().is_some_and(|p| {
            p.lines.len() == 1
                && self.src[p.lines[0].0..p.lines[0].1]
                    .trim_matches(['*', ' '])
                    .is_empty()
        });
        if self.top().node.kind == Kind::Listenpunkt && one_line(Owner::Unit) || empty_cell {
            return true;
        }
        if !first || kind == MarkerKind::Absatz {
            return false;
        }
        let content = &self.src[line.content.0..line.content.1];
        // a "1." after text that breaks off mid-sentence ("…, wer vorsätzlich"),
        // unless it is a date ("am⏎1. Januar 2021"); with no "2." after it,
        // a warning names the escape
        if prev_end.is_some_and(reading::introduces_list) && !reading::is_date(content) {
            // ("1. und 2. ...⏎3. …": the last it stands for)
            let t = &self.src[line.marker.0..line.content.1];
            let last = reading::stands_for(t).map_or(num.as_str(), |(_, l)| l);
            if !self.successor_in_unit(line, kind, last, next) {
                self.lone_item_warning(line, marker);
            }
            return true;
        }
        // a "1." whose "2." follows before the next blank line, or after a
        // whole sentence anywhere in the same list
        self.successor_follows(line, kind, &num, next, false)
            || prev_end.is_some_and(reading::ends_sentence)
                && !reading::is_date(content)
                && self.successor_follows(line, kind, &num, next, true)
    }

    /// Whether an item with the next number follows `line` at its
    /// indentation anywhere before the next heading (past tables and
    /// paragraphs: a wider look than [`Self::successor_follows`], for the
    /// warning only).
    fn successor_in_unit(&self, line: Line, kind: MarkerKind, num: &str, next: &[Line]) -> bool {
        for l in next.iter().take(256) {
            let t = &self.src[l.content.0..l.content.1];
            match l.kind {
                LineKind::Heading { .. } => return false,
                LineKind::Text if l.indent == 0 && plain_heading(t, true).is_some() => {
                    return false
                }
                LineKind::Item { kind: nk, .. } if nk == kind && l.indent == line.indent => {
                    let m = &self.src[l.marker.0..l.marker.1];
                    if is_successor(num, &strip_marker_num(m)) {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// A "1." read as the first item of a list after text that breaks off
    /// mid-sentence, though no "2." follows: it could as well go on with the
    /// Satz („… mit dem⏎1. Tag des Monats“); a warning names the escape.
    fn lone_item_warning(&mut self, line: Line, marker: &str) {
        let (k, _) = rank_of(marker_kind(marker), marker);
        let word = crate::vocab::word(k).unwrap_or("unit");
        let marker = marker.to_string();
        self.warn(
            line.marker.0,
            WarningCode::ItemWithoutBlank,
            format!(
                "„{marker}“ after a Satz that breaks off is read as the first {word}, though \
                 no blank line precedes it and no second one follows; a backslash before \
                 it („\\{marker}“) keeps it text of the Satz"
            ),
        );
    }

    /// Markdown: whether the innermost open unit of kind `k` (within its §,
    /// Anlage or Gliederung) is the one before `num`.
    fn open_predecessor(&self, k: Kind, num: &str) -> bool {
        for f in self.stack.iter().rev() {
            if f.node.kind == k {
                return f.node.num.as_deref().is_some_and(|p| is_successor(p, num));
            }
            if matches!(
                f.level,
                Level::Einzel | Level::Anhang | Level::Root | Level::Gliederung { .. }
            ) {
                break;
            }
        }
        false
    }

    /// Plain text: whether `marker` follows a unit of its kind seen before it
    /// in the same §, Anlage or Gliederung: an open one ("1." above, its
    /// "a)" still open), the last one closed ("1." closed by a bullet
    /// "- wenn" at the margin), or a text that stands for one ("4.[^F1] …",
    /// "\\2.", "6. und 7. (weggefallen)", "\\* a) Bedeutung"). German lists
    /// skip "j".
    fn follows_unit_seen(&self, k: Kind, marker: &str, num: &str) -> bool {
        // "4a." may follow "3." (a Nummer 4 that never was)
        let follows = |p: &str| {
            is_successor(p, num)
                || reading::skips_j(p, num)
                || num
                    .strip_suffix('a')
                    .is_some_and(|n| n.bytes().all(|c| c.is_ascii_digit()) && is_successor(p, n))
        };
        let stands_for = |t: &str| {
            reading::stands_for(t).is_some_and(|(m, last)| {
                same_marker_style(m, marker) && rank_of(marker_kind(m), m).0 == k && follows(last)
            })
        };
        // the paragraph being read (from its unit's marker: "6. und 7.")
        if let Some(p) = &self.para {
            let (mut s, e) = p.lines[0];
            if p.owner == Owner::Unit {
                s = s.min(self.top().node.span.start);
            }
            if stands_for(&self.src[s..e]) {
                return true;
            }
        }
        for f in self.stack.iter().rev() {
            if f.node.kind == k && f.node.num.as_deref().is_some_and(follows) {
                return true;
            }
            // a bullet that stands for the unit ("- \\* * 1. Zurücknahme")
            let own = f.node.children.first().and_then(|s| s.text.as_deref());
            if f.node.kind == Kind::Listenpunkt && own.is_some_and(stands_for) {
                return true;
            }
            // the last unit of that kind among the frame's recent children
            let last = f.node.children.iter().rev().take(64).find_map(|c| {
                if c.kind == k {
                    let text = c.children.first().and_then(|s| s.text.as_deref());
                    return Some(
                        c.num.as_deref().is_some_and(follows)
                            || c.marker.as_deref().zip(text).is_some_and(|(m, t)| {
                                (t.starts_with(['u', 'b', '-', '–'])
                                    || t.starts_with(|c: char| c.is_ascii_digit()))
                                    && stands_for(&format!("{m} {t}"))
                            }),
                    );
                }
                let t = (c.kind == Kind::Text)
                    .then(|| c.children.first().and_then(|s| s.text.as_deref()))
                    .flatten()?;
                reading::stands_for(t).map(|_| stands_for(t))
            });
            if last == Some(true) {
                return true;
            }
            if matches!(
                f.level,
                Level::Einzel | Level::Anhang | Level::Root | Level::Gliederung { .. }
            ) {
                break;
            }
        }
        false
    }

    /// Whether a sibling with the next number follows `line` at its
    /// indentation: before the next blank line, or (`across_blanks`) within
    /// the same list, past blank lines and the paragraphs indented under it,
    /// up to a heading or a line left of it.
    fn successor_follows(
        &self,
        line: Line,
        kind: MarkerKind,
        num: &str,
        next: &[Line],
        across_blanks: bool,
    ) -> bool {
        let marker = &self.src[line.marker.0..line.marker.1];
        let (k, _) = rank_of(kind, marker);
        for l in next.iter().take(64) {
            match l.kind {
                LineKind::Item { kind: nk, .. } if l.indent <= line.indent => {
                    let m = &self.src[l.marker.0..l.marker.1];
                    return nk == kind
                        && l.indent == line.indent
                        && rank_of(nk, m).0 == k
                        && is_successor(num, &strip_marker_num(m));
                }
                LineKind::Blank if across_blanks => {}
                LineKind::Text | LineKind::Bullet | LineKind::TableRow
                    if across_blanks && l.indent <= line.indent =>
                {
                    return false
                }
                LineKind::Blank | LineKind::Heading { .. } => return false,
                _ => {}
            }
        }
        false
    }

    fn item(&mut self, line: Line, kind: MarkerKind, dash: bool) {
        let marker = &self.src[line.marker.0..line.marker.1];
        let (k, rank) = rank_of(kind, marker);
        let mut node = Node::new(
            k,
            self.span_at(
                if dash {
                    line.start + line.indent_bytes(self.src)
                } else {
                    line.marker.0
                },
                line.end,
            ),
        );
        node.marker = Some(marker.to_string());
        node.num = Some(strip_marker_num(marker));
        if dash {
            node.style = Some(Style::Dash);
        }
        if k == Kind::Absatz {
            self.pop_while(|l| matches!(l, Level::Item { .. } | Level::Absatz));
            self.push(node, Level::Absatz);
        } else {
            let indent = line.indent;
            self.pop_while(|l| match l {
                Level::Item {
                    indent: ti,
                    rank: tr,
                    ..
                } => *ti > indent || (*ti == indent && *tr >= rank),
                _ => false,
            });
            let depth = self
                .stack
                .iter()
                .filter(|f| matches!(f.level, Level::Item { .. }))
                .count();
            if depth >= self.limits.max_item_depth {
                self.warn(
                    line.start,
                    WarningCode::Nesting,
                    format!(
                        "nesting deeper than {} levels; kept at this level",
                        self.limits.max_item_depth
                    ),
                );
                self.pop();
            }
            self.push(
                node,
                Level::Item {
                    indent,
                    content_col: line.content_col,
                    rank,
                },
            );
        }
        if line.content.0 < line.content.1 {
            self.para = Some(Para {
                lines: vec![line.content],
                indent: line.content_col,
                owner: Owner::Unit,
                label: None,
                start: line.content.0,
            });
        }
    }

    fn bullet(&mut self, line: Line) {
        // "*    *   cell": one Listenpunkt per dash
        let mut indent = line.indent;
        let mut pos = line.start + line.indent_bytes(self.src);
        loop {
            let rest = &self.src[pos..line.end];
            let dash_len = rest.chars().next().map(|c| c.len_utf8()).unwrap_or(0);
            let after = &rest[dash_len..];
            let ws = after.len()
                - after
                    .trim_start_matches([' ', '\t', '\u{a0}', '\u{202f}', '\u{2007}', '\u{2009}'])
                    .len();
            let content_start = pos + dash_len + ws;
            let content_col = indent + self.src[pos..content_start].chars().count();
            let node = Node::new(Kind::Listenpunkt, self.span_at(pos, line.end));
            let rank = 4;
            // a bullet belongs to an item only when indented into it
            self.pop_while(|l| match l {
                Level::Item { indent: ti, .. } => *ti >= indent,
                _ => false,
            });
            let depth = self
                .stack
                .iter()
                .filter(|f| matches!(f.level, Level::Item { .. }))
                .count();
            if depth >= self.limits.max_item_depth {
                self.warn(
                    pos,
                    WarningCode::Nesting,
                    format!(
                        "nesting deeper than {} levels; kept at this level",
                        self.limits.max_item_depth
                    ),
                );
                self.pop();
            }
            self.push(
                node,
                Level::Item {
                    indent,
                    content_col,
                    rank,
                },
            );
            let next = &self.src[content_start..line.end];
            let mut cs = next.chars();
            let nested = matches!(cs.next(), Some('-' | '*' | '•' | '–'))
                && matches!(cs.next(), Some(' ' | '\t' | '\u{a0}'));
            if nested {
                indent = content_col;
                pos = content_start;
                continue;
            }
            // "- \1. text": the backslash escapes, it is not text
            let content_start = if line.content.0 == content_start + 1
                && self.src[content_start..].starts_with('\\')
            {
                content_start + 1
            } else {
                content_start
            };
            if content_start < line.end {
                self.para = Some(Para {
                    lines: vec![(content_start, line.end)],
                    indent: content_col,
                    owner: Owner::Unit,
                    label: None,
                    start: content_start,
                });
            }
            break;
        }
    }

    // ----- other lines ----------------------------------------------------

    fn def_value(&mut self, line: Line) {
        // key: the open paragraph, or a one-line Text just closed
        let key = match self.para.take() {
            Some(mut p) if p.owner == Owner::Free => {
                // a term is one line: the lines above it are text of their own
                // ("Stand: …" then "Geändert durch" then ":   Art. 1 V …")
                let last = p.lines.pop().expect("a paragraph has a line");
                if !p.lines.is_empty() {
                    self.para = Some(p);
                    self.flush();
                }
                Some((
                    Paragraph::build_with(self.src, &[last], !self.plain).text,
                    last.0,
                ))
            }
            Some(p) => {
                self.para = Some(p);
                self.flush();
                None
            }
            None => {
                let top = &mut self.stack.last_mut().expect("root").node;
                match top.children.last() {
                    Some(c) if c.kind == Kind::Text && c.children.len() == 1 => {
                        let c = top.children.pop().expect("checked");
                        Some((c.children[0].text.clone().unwrap_or_default(), c.span.start))
                    }
                    _ => None,
                }
            }
        };
        let start = key.as_ref().map(|k| k.1).unwrap_or(line.start);
        self.para = Some(Para {
            lines: vec![line.content],
            indent: 4,
            owner: Owner::Meta,
            label: key.map(|k| k.0),
            start,
        });
    }

    fn table_row(&mut self, line: Line, continues: bool) {
        let row = self.src[line.content.0..line.end].trim_end();
        let row_start = line.content.0 - 1;
        let is_sep = row
            .chars()
            .all(|c| matches!(c, '-' | ':' | '|' | ' ' | '+'));
        let top = &mut self.stack.last_mut().expect("root").node;
        let table_open = continues && top.children.last().is_some_and(|c| c.kind == Kind::Tabelle);
        if !table_open {
            top.children.push(Node::new(
                Kind::Tabelle,
                Span {
                    start: row_start,
                    end: line.end,
                    ..Default::default()
                },
            ));
        }
        let table = top.children.last_mut().expect("pushed");
        table.span.end = line.end;
        if is_sep {
            return;
        }
        let mut z = Node::new(
            Kind::Zeile,
            Span {
                start: row_start,
                end: line.end,
                ..Default::default()
            },
        );
        let inner = row.strip_suffix('|').unwrap_or(row);
        z.cells = inner.split('|').map(|c| c.trim().to_string()).collect();
        table.children.push(z);
    }

    // ----- paragraphs -----------------------------------------------------

    fn saetze(&self, para: &Paragraph) -> Vec<Node> {
        let marks = satznummern(para, self.src);
        if !marks.is_empty() {
            return self.numbered_saetze(para, &marks);
        }
        split_saetze(&para.text)
            .into_iter()
            .map(|(s, e)| {
                let mut n = Node::new(
                    Kind::Satz,
                    self.span_at(para.src_offset(s), para.src_end(e)),
                );
                n.text = Some(para.text[s..e].to_string());
                n.emphasis = para.emphasis_in(s, e);
                n
            })
            .collect()
    }

    /// Sätze numbered in the text (juris' Satznummern): one Satz per number, the
    /// number its marker; text before the first number is Satz 1.
    fn numbered_saetze(&self, para: &Paragraph, marks: &[(usize, usize, u32)]) -> Vec<Node> {
        let t = &para.text;
        let mut out = Vec::with_capacity(marks.len() + 1);
        let satz = |start: usize, text_start: usize, end: usize, marker: Option<u32>| {
            let end = text_start + t[text_start..end].trim_end().len();
            let mut n = Node::new(
                Kind::Satz,
                self.span_at(para.src_offset(start), para.src_end(end)),
            );
            if let Some(m) = marker {
                n.marker = Some(m.to_string());
                n.num = Some(m.to_string());
            }
            n.text = Some(t[text_start..end].to_string());
            n.emphasis = para.emphasis_in(text_start, end);
            n
        };
        if marks[0].0 > 0 {
            out.push(satz(0, 0, marks[0].0, None));
        }
        for (i, &(start, text_start, num)) in marks.iter().enumerate() {
            let end = marks.get(i + 1).map_or(t.len(), |m| m.0);
            out.push(satz(start, text_start, end, Some(num)));
        }
        out
    }

    fn text_node(&self, para: &Paragraph, start: usize) -> Node {
        let mut t = Node::new(
            Kind::Text,
            self.span_at(start, para.src_end(para.text.len())),
        );
        t.children = self.saetze(para);
        t
    }

    /// "Fassung vom …", "Stand: …" before the first unit: one line, or juris'
    /// several "Stand:" lines, each a Fassung node. False when the paragraph is not that.
    fn fassung_lines(&mut self, lines: &[(usize, usize)]) -> bool {
        let several = lines.len() > 1;
        let read: Option<Vec<_>> = lines
            .iter()
            .map(|&(s, e)| {
                let text = Paragraph::build_with(self.src, &[(s, e)], !self.plain).text;
                fassung_line(&text).filter(|f| !several || f.2.is_some())
            })
            .collect();
        let Some(read) = read else { return false };
        for (&(s, e), (w, marker, rest)) in lines.iter().zip(read) {
            let mut n = Node::new(Kind::Fassung, self.span_at(s, e));
            n.marker = Some(w.to_string());
            match rest {
                None => self.fassung_pending = true,
                Some(rest) => {
                    n.marker = Some(marker);
                    // juris' "Stand:" lines name amending laws, not this text's date
                    if self.plain && self.fassung.is_none() {
                        self.fassung = crate::date::parse_german(&rest);
                    }
                    n.text = Some(rest);
                }
            }
            self.stack[0].node.children.push(n);
        }
        true
    }

    /// True when `line` (after a blank line) starts an indented paragraph
    /// right after a footnote: it continues the footnote.
    fn footnote_more(&mut self, line: Line) -> bool {
        if line.indent < 4 || !matches!(line.kind, LineKind::Item { .. } | LineKind::Text) {
            return false;
        }
        self.flush();
        if !self.after_footnote() {
            return false;
        }
        self.para = Some(Para {
            lines: vec![(line.start + line.indent_bytes(self.src), line.end)],
            indent: line.indent,
            owner: Owner::FootnoteMore,
            label: None,
            start: line.start,
        });
        true
    }

    /// The last unit read is a footnote.
    fn after_footnote(&self) -> bool {
        let top = &self.top().node;
        top.children
            .last()
            .is_some_and(|n| n.kind == Kind::Fussnote)
    }

    fn flush(&mut self) {
        let Some(p) = self.para.take() else { return };
        match p.owner {
            Owner::Unit => {
                let para = Paragraph::build_with(self.src, &p.lines, !self.plain);
                let saetze = self.saetze(&para);
                let top = &mut self.stack.last_mut().expect("root").node;
                if matches!(
                    para.text.as_str(),
                    "(weggefallen)" | "(aufgehoben)" | "weggefallen" | "aufgehoben"
                ) {
                    top.repealed = true;
                }
                top.children.extend(saetze);
            }
            Owner::Meta => {
                let para = Paragraph::build_with(self.src, &p.lines, !self.plain);
                let mut n = Node::new(
                    Kind::Metadatum,
                    self.span_at(p.start, para.src_end(para.text.len())),
                );
                n.title = p.label;
                n.text = Some(para.text);
                self.stack.last_mut().expect("root").node.children.push(n);
            }
            Owner::Footnote => {
                let para = Paragraph::build_with(self.src, &p.lines, !self.plain);
                let mut n = Node::new(
                    Kind::Fussnote,
                    self.span_at(p.start, para.src_end(para.text.len()).max(p.start)),
                );
                n.marker = p.label.as_ref().map(|id| format!("[^{id}]"));
                n.num = p.label;
                n.text = Some(para.text);
                n.emphasis = para.emphasis;
                self.stack.last_mut().expect("root").node.children.push(n);
            }
            Owner::FootnoteMore => {
                let para = Paragraph::build_with(self.src, &p.lines, !self.plain);
                let end = para.src_end(para.text.len());
                let top = &mut self.stack.last_mut().expect("root").node;
                if let Some(f) = top.children.last_mut() {
                    f.span.end = f.span.end.max(end);
                    let t = f.text.get_or_insert_with(String::new);
                    t.push_str("\n\n");
                    t.push_str(&para.text);
                }
            }
            Owner::Free => self.flush_free(p),
        }
    }

    fn flush_free(&mut self, p: Para) {
        let in_toc = self
            .stack
            .iter()
            .any(|f| f.node.kind == Kind::Inhaltsuebersicht);
        if self.plain && p.indent == 0 && self.plain_structure(&p, in_toc) {
            return;
        }
        if in_toc && self.plain {
            // one entry per line, outside the list items it is not indented into
            let indent = p.indent;
            self.pop_while(
                |l| matches!(l, Level::Item { content_col, .. } if *content_col > indent),
            );
            for &(s, e) in &p.lines {
                let para = Paragraph::build_with(self.src, &[(s, e)], !self.plain);
                let mut t = Node::new(Kind::Text, self.span_at(s, e));
                let mut satz = Node::new(Kind::Satz, self.span_at(s, e));
                satz.text = Some(para.text);
                t.children.push(satz);
                self.stack.last_mut().expect("root").node.children.push(t);
            }
            return;
        }
        let para = Paragraph::build_with(self.src, &p.lines, !self.plain);
        if self.fassung_pending {
            self.fassung_pending = false;
            if let Some(f) = self.stack[0]
                .node
                .children
                .last_mut()
                .filter(|n| n.kind == Kind::Fassung)
            {
                f.text = Some(para.text.clone());
                f.span.end = para.src_end(para.text.len());
                self.fassung = crate::date::parse_german(&para.text);
                return;
            }
        }
        let at_header = !self.seen_unit && matches!(self.top().level, Level::Root);
        if !self.plain && at_header && !self.limits.fragment && self.fassung_lines(&p.lines) {
            return;
        }
        // place by indentation: leave list items whose content starts right of it
        let indent = p.indent;
        self.pop_while(|l| matches!(l, Level::Item { content_col, .. } if *content_col > indent));
        // (Markdown says its structure by headings: text under a Gliederung
        // heading is what it wrote, no misreading)
        if self.plain
            && self.seen_unit
            && matches!(self.top().level, Level::Root | Level::Gliederung { .. })
        {
            self.warn(
                p.start,
                WarningCode::TextOutsideUnit,
                "text outside of any unit (§, Artikel, Anhang)",
            );
        }
        let t = self.text_node(&para, p.start);
        self.stack.last_mut().expect("root").node.children.push(t);
    }

    /// Marks a heading as seen in the table of contents; true the first time.
    fn first_in_toc(&mut self, info: &HeadingInfo) -> bool {
        let key = (info.kind, info.num.clone().unwrap_or_default());
        let first = !self.toc_seen.contains(&key);
        if first {
            self.toc_seen.push(key);
        }
        first
    }

    /// Whether a heading like this one stands after `after` (the unit an
    /// entry of a table of contents names comes later; a heading that does not
    /// come again is the unit itself, after an empty Inhaltsübersicht).
    fn comes_again(&mut self, info: &HeadingInfo, after: usize) -> bool {
        let (src, per_line) = (self.src, self.per_line);
        let at = self.headings_at.get_or_insert_with(|| {
            let mut m: rustc_hash::FxHashMap<(Kind, String), Vec<usize>> = Default::default();
            let (mut start, mut after_blank) = (0, true);
            for end in memchr::memchr_iter(b'\n', src.as_bytes()).chain([src.len()]) {
                let line = src[start..end].trim_end_matches('\r');
                start = end + 1;
                // (one paragraph per line: every line does)
                let starts_paragraph =
                    std::mem::replace(&mut after_blank, per_line || line.trim().is_empty());
                // a heading starts a paragraph at the left margin, unbulleted
                // ("\\1. Abschnitt" is one, escaped from the list item reading),
                // with "§", a capital or a digit; a long one has a dash
                let t = line.strip_prefix('\\').unwrap_or(line);
                let first = t.chars().next().unwrap_or(' ');
                if !starts_paragraph
                    || !(first == '§' || first.is_uppercase() || first.is_ascii_digit())
                    || t.len() > 250 && !t.contains(" – ")
                    || t.len() > 4000
                {
                    continue;
                }
                if let Some(h) = plain_heading(t, true) {
                    m.entry((h.kind, h.num.unwrap_or_default()))
                        .or_default()
                        .push(end);
                }
            }
            m
        });
        at.get(&(info.kind, info.num.clone().unwrap_or_default()))
            .is_some_and(|v| v.iter().any(|&e| e > after))
    }

    /// The open Inhaltsübersicht holds nothing but lines of text so far.
    fn toc_is_textual(&self) -> bool {
        match self
            .stack
            .iter()
            .rposition(|f| f.node.kind == Kind::Inhaltsuebersicht)
        {
            Some(i) => {
                i + 1 == self.stack.len()
                    && self.stack[i].node.children.iter().all(|c| {
                        // an entry is a line; running text means the list has ended
                        c.kind == Kind::Text && c.span.end - c.span.start <= TOC_ENTRY_MAX
                    })
            }
            None => false,
        }
    }

    /// Plain text: title, Fassung, headings and notes written as paragraphs.
    fn plain_structure(&mut self, p: &Para, in_toc: bool) -> bool {
        let first = p.lines[0];
        let first_text = &self.src[first.0..first.1];
        // a backslash takes away one reading: before what would be a list item
        // ("\1. Abschnitt") only that one, before anything else the heading, note
        // or title reading ("\Kapitel 1" is text)
        let escaped = self.src[..first.0].ends_with('\\');
        if escaped && in_toc && self.toc_is_textual() {
            // an entry of a table of contents kept from the heading reading
            // ("\§ 1 Zweck", "\* § 1 Zweck") still counts as seen there: the next
            // such line is the heading itself
            let entry = first_text.trim_start_matches(['*', '-', '•', '–', ' ', '\t']);
            if let Some(info) = plain_heading(entry, p.lines.len() == 1) {
                self.first_in_toc(&info);
            }
        }
        if escaped && !reads_as_markup(first_text) {
            return false;
        }
        let at_header = !self.seen_unit && matches!(self.top().level, Level::Root);
        if at_header && self.title_paragraph(p) {
            return true;
        }
        if at_header && !self.limits.fragment && self.fassung_lines(&p.lines) {
            return true;
        }
        if self.fassung_pending {
            return false;
        }
        if !in_toc && self.hinweis_paragraph(p) {
            return true;
        }
        // a heading: one line, or a first line that reads as one
        let info = plain_heading(first_text, p.lines.len() == 1).or_else(|| {
            // juris' "Übersicht" before the first unit is the Inhaltsübersicht
            (p.lines.len() == 1 && at_header && first_text.trim() == "Übersicht")
                .then(|| toc_heading("Übersicht"))
                .flatten()
        });
        let Some(info) = info else {
            return false;
        };
        // a heading read for the first time is an entry of a table of contents
        // written one entry per line; a bulleted or tabular one holds no such lines
        if in_toc
            && self.toc_is_textual()
            && info.kind != Kind::Inhaltsuebersicht
            && self.first_in_toc(&info)
            && self.comes_again(&info, first.1)
        {
            return false;
        }
        let mut node = Node::new(info.kind, self.span_at(first.0, first.1));
        node.style = Some(Style::Plain);
        self.open_unit(node, info);
        if p.lines.len() > 1 {
            let rest = Para {
                lines: p.lines[1..].to_vec(),
                indent: 0,
                owner: Owner::Free,
                label: None,
                start: p.lines[1].0,
            };
            self.flush_free(rest);
        }
        true
    }

    /// The title line of a plain law, before its first unit: not when the
    /// title is known (front matter) and the paragraph does not repeat it.
    fn title_paragraph(&mut self, p: &Para) -> bool {
        let first = p.lines[0];
        let has_langtitel = self.stack[0]
            .node
            .children
            .iter()
            .any(|c| c.kind == Kind::Langtitel);
        // with the title known from the front matter, the first paragraph is the
        // title line only when it repeats that title
        let title_line = !has_langtitel
            && !self.fassung_pending
            && self.title.as_deref().is_none_or(|known| {
                let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                let line: Vec<&str> = p.lines.iter().map(|l| &self.src[l.0..l.1]).collect();
                !known.trim().is_empty() && norm(&line.join(" ")).starts_with(&norm(known))
            });
        if !title_line {
            return false;
        }
        let content = (first.0, p.lines.last().map(|l| l.1).unwrap_or(first.1));
        let para = Paragraph::build_with(self.src, &p.lines, !self.plain);
        let mut n = Node::new(Kind::Langtitel, self.span_at(p.start, content.1));
        self.title = Some(para.text.clone());
        n.text = Some(para.text);
        self.stack[0].node.children.push(n);
        true
    }

    /// "Hinweis: ...": a note that closes the current unit.
    fn hinweis_paragraph(&mut self, p: &Para) -> bool {
        let first = p.lines[0];
        let first_text = &self.src[first.0..first.1];
        let Some(w) = ["Hinweis:", "Hinweise:", "Anmerkung:"]
            .into_iter()
            .find(|w| first_text.starts_with(w))
        else {
            return false;
        };
        self.close_einzel();
        let mut n = Node::new(Kind::Hinweis, self.span_at(first.0, first.1));
        n.marker = Some(w.to_string());
        let mut lines = p.lines.clone();
        lines[0].0 += w.len();
        let para = Paragraph::build_with(self.src, &lines, !self.plain);
        n.children = self.saetze(&para);
        self.stack.last_mut().expect("root").node.children.push(n);
        true
    }
}

/// The heading a paragraph of plain text at the left margin reads as, by
/// its first line (`alone`: the paragraph has no other line).
pub fn plain_heading(first_line: &str, alone: bool) -> Option<HeadingInfo> {
    let t = first_line.trim_end();
    let long = t.len() > 250 && t.chars().count() > 250;
    if long && t.len() > 4000 {
        return None;
    }
    let info = heading::classify(t)?;
    let ok_kind = info.kind.is_einzelvorschrift()
        || info.kind.is_gliederung()
        || info.kind.is_annex()
        || matches!(
            info.kind,
            Kind::Praeambel | Kind::Eingangsformel | Kind::Inhaltsuebersicht | Kind::Schlussformel
        );
    // a Gliederung or annex needs its own line
    if !ok_kind || !alone && !info.kind.is_einzelvorschrift() {
        return None;
    }
    // "MARKER – Titel" on a line of its own is a heading even where the title
    // ends like a sentence or the marker has no type word ("I. – Allgemeines")
    let dashed = alone
        && info.marker.as_deref().is_some_and(|m| {
            t.trim_start_matches('\\')
                .strip_prefix(m)
                .is_some_and(|r| r.starts_with(" – ") && r.len() > " – ".len())
        });
    if long && !dashed {
        return None;
    }
    // otherwise a title never ends like a sentence
    if !dashed
        && info
            .title
            .as_deref()
            .is_some_and(|t| t.ends_with(['.', ',', ';']) && !t.ends_with("usw."))
    {
        return None;
    }
    if info.kind == Kind::Gliederung && !dashed {
        return None; // "1. Abschnitt..." without a type word is a Nummer in plain text
    }
    Some(info)
}

/// Whether a line would be read as markup (a list item, bullet, table row,
/// heading mark ...) rather than as text.
pub fn reads_as_markup(t: &str) -> bool {
    let ls = super::lines::classify(t);
    ls.front_matter.is_some()
        || ls
            .lines
            .first()
            .is_some_and(|l| !matches!(l.kind, super::lines::LineKind::Text))
}

impl Line {
    /// Byte length of the indentation.
    fn indent_bytes(&self, src: &str) -> usize {
        let l = &src[self.start..self.end];
        l.len()
            - l.trim_start_matches([' ', '\t', '\u{a0}', '\u{202f}', '\u{2007}', '\u{2009}'])
                .len()
    }
}

/// The heading of an Inhaltsübersicht under another word ("Übersicht").
/// A heading that is a number and nothing else ("I.", "A.", "2."): the
/// first subdivision of a unit, not its title.
fn bare_numbering(t: &str) -> bool {
    t.strip_suffix('.').is_some_and(|n| {
        !n.is_empty()
            && (n.chars().all(|c| c.is_ascii_digit())
                || n.chars().all(|c| "IVXLC".contains(c))
                || (n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase())))
    })
}

fn toc_heading(word: &str) -> Option<HeadingInfo> {
    heading::classify("Inhaltsübersicht").map(|mut i| {
        i.marker = Some(word.to_string());
        i
    })
}

/// A version line: its word, its marker ("Stand:") and the rest, if any.
fn fassung_line(line: &str) -> Option<(&'static str, String, Option<String>)> {
    let t = line.trim();
    ["Fassung", "Stand"].into_iter().find_map(|w| {
        let rest = t.strip_prefix(w)?;
        if !(rest.is_empty() || rest.starts_with([' ', ':', '\u{a0}'])) {
            return None;
        }
        let rest = rest.trim_start_matches([' ', ':', '\u{a0}']).trim();
        let marker = t[..t.len() - rest.len()].trim_end().to_string();
        Some((w, marker, (!rest.is_empty()).then(|| rest.to_string())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successors() {
        assert!(is_successor("1", "2"));
        assert!(is_successor("1", "1a"));
        assert!(is_successor("1a", "2"));
        assert!(is_successor("a", "b"));
        assert!(is_successor("aa", "bb"));
        assert!(!is_successor("1", "3"));
    }
}
