//! Lint rules: a registry of rules, each in its own file under `rules/`, run over one law.
//!
//! A rule has a stable code (`R001`), a kebab-case name, a one-line summary,
//! a default severity and a doc comment (what it checks, why, an example,
//! what to write instead) that `paragraf explain CODE` prints: the doc is
//! read from the rule's own source file, so the comment is the single source.

#![warn(missing_docs)]

mod aenderung;
pub mod config;
mod definitions;
mod numbering;
pub mod render;
pub mod rules;
mod text;

pub use config::{CitationStyle, LintConfig, RuleCode};
use refs::Resolved;
use serde::{Deserialize, Serialize};
use syntax::ast::{Document, Node, Span};
use syntax::source::LineIndex;

/// How serious a finding is; in `paragraf.toml` and the JSON its lowercase name
/// (`warn` and `note` are read too). An error makes `lint` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The law is wrong: a citation that leads nowhere, a number twice.
    Error,
    /// Probably wrong, or against the drafting rules.
    #[serde(alias = "warn")]
    Warning,
    /// Worth a look.
    #[serde(alias = "note")]
    Info,
}

impl Severity {
    /// The lowercase name: "error", "warning", "info".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// The rule's code ("R001").
    pub code: &'static str,
    /// The rule's name ("unresolved-reference").
    pub name: &'static str,
    /// How serious it is (the rule's default or the configured one).
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// Where in the source.
    #[serde(skip)]
    pub span: Span,
    /// What to write instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A lint rule.
pub struct Rule {
    /// Its stable code: a letter for the family and three digits ("R001").
    pub code: &'static str,
    /// Its kebab-case name ("unresolved-reference").
    pub name: &'static str,
    /// One line on what it finds.
    pub summary: &'static str,
    /// Its default severity.
    pub severity: Severity,
    /// The source of the rule's file; its doc comment is the documentation.
    pub source: &'static str,
    /// The check: reads the law from the context, reports to the sink.
    pub check: fn(&Ctx, &mut Sink),
}

impl Rule {
    /// The rule's doc comment (the `///` lines before `pub const RULE`).
    pub fn doc(&self) -> String {
        let end = self
            .source
            .find("pub const RULE")
            .unwrap_or(self.source.len());
        let lines: Vec<&str> = self.source[..end].lines().collect();
        let mut doc: Vec<&str> = Vec::new();
        for l in lines.iter().rev() {
            let t = l.trim_start();
            if let Some(rest) = t.strip_prefix("///") {
                doc.push(rest.strip_prefix(' ').unwrap_or(rest));
            } else if !doc.is_empty() {
                break;
            }
        }
        doc.reverse();
        doc.join("\n")
    }
}

/// Source range and text (address, length) a cached locator was built for.
type LocatorKey = (usize, usize, usize, usize);

/// Everything a rule may look at.
pub struct Ctx<'a> {
    /// The law.
    pub doc: &'a Document,
    /// Its source text (spans point into it).
    pub src: &'a str,
    /// Its citations, resolved.
    pub refs: &'a [Resolved],
    /// The `[lint]` settings.
    pub config: &'a LintConfig,
    /// The source's line starts (byte offset to line:column).
    pub lines: LineIndex<'a>,
    /// The last node's text-to-source map, reused while a rule reports
    /// several findings in one unit.
    locator: std::cell::RefCell<Option<(LocatorKey, std::rc::Rc<refs::Locator<'a>>)>>,
    /// Adjacent numbered siblings, for the rules on order and gaps.
    neighbours: std::cell::OnceCell<Vec<numbering::Neighbours<'a>>>,
    /// Abbreviations defined in the law, for D001 and D002.
    definitions: std::cell::OnceCell<Vec<definitions::Definition>>,
    /// Whether the source reads as an amending law, for A001–A007.
    amending: std::cell::OnceCell<bool>,
}

impl<'a> Ctx<'a> {
    /// The context of one law.
    pub fn new(
        doc: &'a Document,
        src: &'a str,
        refs: &'a [Resolved],
        config: &'a LintConfig,
    ) -> Ctx<'a> {
        Ctx::with_lines(doc, src, refs, config, LineIndex::new(src))
    }

    /// [`Ctx::new`] with the source's line index already built.
    pub fn with_lines(
        doc: &'a Document,
        src: &'a str,
        refs: &'a [Resolved],
        config: &'a LintConfig,
        lines: LineIndex<'a>,
    ) -> Ctx<'a> {
        Ctx {
            doc,
            src,
            refs,
            config,
            lines,
            locator: Default::default(),
            neighbours: Default::default(),
            definitions: Default::default(),
            amending: Default::default(),
        }
    }

    /// Each numbered unit with the next one of its group (computed once).
    pub(crate) fn neighbours(&self) -> &[numbering::Neighbours<'a>] {
        self.neighbours
            .get_or_init(|| numbering::neighbours(&self.doc.root))
    }

    /// Whether the source reads as an amending law (computed once for the
    /// seven rules A001–A007: `aenderung::is_amending_law`).
    pub(crate) fn is_amending_law(&self) -> bool {
        *self
            .amending
            .get_or_init(|| aenderung::is_amending_law(self.src))
    }

    /// The abbreviations the law defines ("(BKIE)"), in order (computed once).
    pub(crate) fn definitions(&self) -> &[definitions::Definition] {
        self.definitions
            .get_or_init(|| definitions::definitions(self))
    }

    /// The span of a byte range of the source.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.lines.span(start, end)
    }

    /// Source span of `[a, b)` of a node's normalized `text`.
    pub fn text_span(&self, n: &'a Node, a: usize, b: usize) -> Span {
        let text = n.text.as_deref().unwrap_or("");
        let s0 = n.span.start.min(self.src.len());
        let s1 = n.span.end.min(self.src.len()).max(s0);
        match self.src.get(s0..s1) {
            Some(slice) => {
                let key = (s0, s1, text.as_ptr() as usize, text.len());
                let loc = {
                    let mut cache = self.locator.borrow_mut();
                    match &*cache {
                        Some((k, loc)) if *k == key => loc.clone(),
                        _ => {
                            let loc = std::rc::Rc::new(refs::Locator::new(slice, text));
                            *cache = Some((key, loc.clone()));
                            loc
                        }
                    }
                };
                let x = loc.get(a).unwrap_or(0);
                let y = loc.get(b).unwrap_or(x).max(x);
                let y = x + slice[x..y].trim_end_matches(['*', ' ', '\n', '\r']).len();
                self.span(s0 + x, s0 + y)
            }
            None => n.span,
        }
    }

    /// The span of a unit's marker or heading line (not the whole unit).
    pub fn head_span(&self, n: &Node) -> Span {
        let s0 = n.span.start.min(self.src.len());
        let rest = self.src.get(s0..).unwrap_or("");
        let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let len = match (&n.marker, n.kind) {
            (Some(m), k) if k.is_gliederungseinheit() => rest
                .find(m.as_str())
                .map(|k| k + m.len())
                .unwrap_or(len)
                .min(len),
            _ => len,
        };
        self.span(s0, s0 + len)
    }
}

/// Collects the findings of one rule.
pub struct Sink<'r> {
    rule: &'r Rule,
    severity: Severity,
    /// The findings so far.
    pub out: Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Report a finding at `span`, with what to write instead (`help`).
    pub fn push(&mut self, span: Span, message: impl Into<String>, help: Option<String>) {
        self.out.push(Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.severity,
            message: message.into(),
            span,
            help,
        });
    }
}

/// All rules, in code order.
pub fn registry() -> &'static [Rule] {
    rules::ALL
}

/// The rule with this code (any case) or name.
pub fn rule(code: &str) -> Option<&'static Rule> {
    registry()
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code) || r.name == code)
}

/// Run every enabled rule over one law; findings in source order.
pub fn run(ctx: &Ctx) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in registry() {
        if ctx.config.ignores(r.code) {
            continue;
        }
        let severity = ctx.config.severity_of(r.code).unwrap_or(r.severity);
        let mut sink = Sink {
            rule: r,
            severity,
            out: Vec::new(),
        };
        (r.check)(ctx, &mut sink);
        out.extend(sink.out);
    }
    out.sort_by_key(|d| (d.span.start, d.code));
    out
}
