//! Step 1: classify every line with `grammar/law.pest`.

use crate::grammar::law::{LawParser, Rule};
use pest::Parser;

/// The kind of list item a marker starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// "(1)"
    Absatz,
    /// "1."
    Nummer,
    /// "a)" (also "aa)")
    Buchstabe,
}

/// What a line is, by its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// `#`..`######`; `level` is the number of marks.
    Heading {
        /// The number of `#`.
        level: u8,
    },
    /// An empty line, or spaces only.
    Blank,
    /// `[^id]: ...`; `marker` is the id.
    FootnoteDef,
    /// `:   value`
    DefValue,
    /// `| cell | cell |`
    TableRow,
    /// A line starting with a unit marker.
    Item {
        /// The kind of marker.
        kind: MarkerKind,
        /// Whether a list dash precedes it ("- (1)").
        dash: bool,
    },
    /// `- text`, `*   text`
    Bullet,
    /// Any other line: text.
    Text,
}

/// One classified line. Offsets are byte offsets into the source.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// What the line is.
    pub kind: LineKind,
    /// Start of the line and end of its content (before the line break).
    pub start: usize,
    /// End of its content.
    pub end: usize,
    /// Indentation in columns (a tab counts 4).
    pub indent: usize,
    /// Column where the content after the marker starts.
    pub content_col: usize,
    /// The marker ("(1)", "1.", "a)"), footnote id, or hashes.
    pub marker: (usize, usize),
    /// The content after the marker.
    pub content: (usize, usize),
}

/// Output of the line pass.
pub struct Lines {
    /// Whether the source starts with a byte order mark.
    pub bom: bool,
    /// Byte range of the front matter body, and of the whole front matter block.
    pub front_matter: Option<((usize, usize), (usize, usize))>,
    /// The lines, in order.
    pub lines: Vec<Line>,
}

fn cols(s: &str) -> usize {
    s.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// Chunk size for the line grammar: the text is parsed in pieces of about
/// this size, cut at line breaks, so pest's token queue stays small.
const CHUNK: usize = 16 * 1024;

/// The line pass: every line of `src` classified (it accepts every input).
pub fn classify(src: &str) -> Lines {
    let nlines = memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1;
    let mut out = Lines {
        bom: false,
        front_matter: None,
        lines: Vec::with_capacity(nlines),
    };
    let mut start = 0;
    while start < src.len() || start == 0 {
        let mut end = (start + CHUNK).min(src.len());
        if end < src.len() {
            // cut after a line break ("\r\n" stays whole)
            end = match memchr::memchr(b'\n', &src.as_bytes()[end..]) {
                Some(k) => end + k + 1,
                None => src.len(),
            };
        }
        classify_chunk(src, start, end, &mut out);
        if end >= src.len() {
            break;
        }
        start = end;
    }
    out
}

fn classify_chunk(src: &str, base: usize, chunk_end: usize, out: &mut Lines) {
    let chunk = &src[base..chunk_end];
    let rule = if base == 0 {
        Rule::document
    } else {
        Rule::chunk
    };
    let pairs = match LawParser::parse(rule, chunk) {
        Ok(mut p) => p.next().map(|d| d.into_inner()),
        Err(_) => None,
    };
    let Some(pairs) = pairs else {
        // The grammar accepts every text; keep a fallback all the same.
        fallback(src, base, chunk_end, out);
        return;
    };
    for p in pairs {
        let span = p.as_span();
        let (start, end) = (base + span.start(), base + span.end());
        // the empty "line" a chunk ends with is not a blank line of the text: the
        // next chunk goes on with the paragraph
        if start == end && end == chunk_end && chunk_end < src.len() {
            continue;
        }
        let mut line = Line {
            kind: LineKind::Text,
            start,
            end,
            indent: 0,
            content_col: 0,
            marker: (start, start),
            content: (end, end),
        };
        match p.as_rule() {
            Rule::bom => {
                out.bom = true;
                continue;
            }
            Rule::front_matter => {
                let body = p
                    .into_inner()
                    .find(|q| q.as_rule() == Rule::fm_body)
                    .map(|q| off(base, &q));
                out.front_matter = Some((body.unwrap_or((start, start)), (start, end)));
                continue;
            }
            Rule::EOI => continue,
            Rule::heading => heading_line(p, base, &mut line),
            Rule::blank => line.kind = LineKind::Blank,
            Rule::footnote_def => footnote_line(p, base, &mut line),
            Rule::def_value => {
                line.kind = LineKind::DefValue;
                if let Some(q) = p.into_inner().next() {
                    line.content = off(base, &q);
                }
            }
            Rule::text_fast => {
                // no inner tokens: measure the indentation here
                let l = &src[start..end];
                let body =
                    l.trim_start_matches([' ', '\t', '\u{a0}', '\u{202f}', '\u{2007}', '\u{2009}']);
                line.indent = cols(&l[..l.len() - body.len()]);
                line.content = (end - body.len(), end);
            }
            Rule::plain => plain_line(p, base, &mut line),
            _ => continue,
        }
        line.content_col = cols(&src[start..line.content.0.max(start).min(end)]);
        out.lines.push(line);
    }
}

/// A pair's span as offsets into the whole text.
fn off(base: usize, q: &pest::iterators::Pair<Rule>) -> (usize, usize) {
    (base + q.as_span().start(), base + q.as_span().end())
}

/// A Markdown heading line: its level, marks and content.
fn heading_line(p: pest::iterators::Pair<Rule>, base: usize, line: &mut Line) {
    let mut level = 1;
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::hashes => {
                level = q.as_str().len() as u8;
                line.marker = off(base, &q);
            }
            Rule::rest => line.content = off(base, &q),
            _ => {}
        }
    }
    line.kind = LineKind::Heading { level };
}

/// A footnote definition "[^1]: …": its label and text.
fn footnote_line(p: pest::iterators::Pair<Rule>, base: usize, line: &mut Line) {
    line.kind = LineKind::FootnoteDef;
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::footnote_id => line.marker = off(base, &q),
            Rule::rest => line.content = off(base, &q),
            _ => {}
        }
    }
}

/// A line of plain text: a list item, a bullet, a table row or text.
fn plain_line(p: pest::iterators::Pair<Rule>, base: usize, line: &mut Line) {
    let (mut dash, mut pipe, mut mk) = (false, false, None);
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::indent => line.indent = cols(q.as_str()),
            Rule::dash => dash = true,
            Rule::pipe => pipe = true,
            Rule::absatz_marker => mk = Some(MarkerKind::Absatz),
            Rule::nummer_marker => mk = Some(MarkerKind::Nummer),
            Rule::buchstabe_marker => mk = Some(MarkerKind::Buchstabe),
            Rule::rest => line.content = off(base, &q),
            _ => {}
        }
        if matches!(
            q.as_rule(),
            Rule::absatz_marker | Rule::nummer_marker | Rule::buchstabe_marker
        ) {
            line.marker = off(base, &q);
        }
    }
    line.kind = if pipe {
        LineKind::TableRow
    } else if let Some(kind) = mk {
        LineKind::Item { kind, dash }
    } else if dash {
        LineKind::Bullet
    } else {
        LineKind::Text
    };
}

fn fallback(src: &str, base: usize, end: usize, out: &mut Lines) {
    let mut start = base;
    for l in src[base..end].split_inclusive('\n') {
        let content = l.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        let kind = if content.trim().is_empty() {
            LineKind::Blank
        } else {
            LineKind::Text
        };
        out.lines.push(Line {
            kind,
            start,
            end,
            indent: 0,
            content_col: 0,
            marker: (start, start),
            content: (start, end),
        });
        start += l.len();
    }
}
