//! What the language server knows of one open law: parse, resolve, lint, and
//! the answers to the editor's questions, as plain functions over that state.

use super::position::Lines;
use crate::project::{check, Law, Series};
use lint::LintConfig;
use lint::{Diagnostic, Severity};
use lsp_types as lsp;
use refs::{Resolved, Status, Universe};
use std::path::{Path, PathBuf};
use syntax::ast::{Kind, Node};

/// One law, analysed from the editor's buffer.
pub struct Analysis {
    /// The buffer's text, parsed.
    pub law: Law,
    /// Its citations, resolved against its workspace.
    pub refs: Vec<Resolved>,
    /// The findings of lint and of the parser.
    pub diags: Vec<Diagnostic>,
    /// Problems outside the text (workspace configuration, size limit).
    pub notes: Vec<String>,
}

/// Parse, resolve and lint `text` as the law at `path`, against its series.
pub fn analyze(path: &Path, text: String, series: Option<&Series>) -> Analysis {
    let limit = syntax::source::max_file_size();
    if text.len() as u64 > limit {
        let note = format!(
            "{} bytes exceeds the limit of {limit} bytes (set PARAGRAF_MAX_FILE_SIZE to raise it); not analysed",
            text.len()
        );
        let law = Law {
            path: path.to_path_buf(),
            doc: syntax::parse(""),
            src: String::new(),
        };
        return Analysis {
            law,
            refs: Vec::new(),
            diags: Vec::new(),
            notes: vec![note],
        };
    }
    let mut doc = syntax::parse(&text);
    doc.path = Some(path.display().to_string());
    let law = Law {
        path: path.to_path_buf(),
        src: text,
        doc,
    };
    let default = LintConfig::default();
    let (refs, diags) = match series {
        Some(s) => check(&law, &s.universe(path), s.lint_config()),
        None => check(
            &law,
            &Universe {
                declared: Vec::new(),
                libraries: &[],
                others: Vec::new(),
            },
            &default,
        ),
    };
    Analysis {
        law,
        refs,
        diags,
        notes: Vec::new(),
    }
}

impl Analysis {
    /// Lint findings (the parse warnings among them) and notes as LSP diagnostics.
    pub fn diagnostics(&self, utf8: bool) -> Vec<lsp::Diagnostic> {
        let lines = Lines::new(&self.law.src, utf8);
        let mut out: Vec<lsp::Diagnostic> = self
            .diags
            .iter()
            .map(|d| {
                let mut message = d.message.clone();
                if let Some(h) = &d.help {
                    message.push_str("\nhelp: ");
                    message.push_str(h);
                }
                lsp::Diagnostic {
                    range: lines.range(d.span.start, d.span.end),
                    severity: Some(match d.severity {
                        Severity::Error => lsp::DiagnosticSeverity::ERROR,
                        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
                    }),
                    code: Some(lsp::NumberOrString::String(d.code.to_string())),
                    source: Some("paragraf".into()),
                    message,
                    ..Default::default()
                }
            })
            .collect();
        // the parser's warnings are among the lint findings (rule P001)
        for n in &self.notes {
            out.push(lsp::Diagnostic {
                range: lines.range(0, 0),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                source: Some("paragraf".into()),
                message: n.clone(),
                ..Default::default()
            });
        }
        out
    }

    /// The citation under the cursor.
    pub fn reference_at(&self, off: usize) -> Option<&Resolved> {
        self.refs
            .iter()
            .find(|r| r.reference.span.start <= off && off <= r.reference.span.end)
    }

    /// Where the citation under the cursor points: this file or another law
    /// of the series (read from disk).
    pub fn definition(&self, off: usize, utf8: bool) -> Option<(PathBuf, lsp::Range)> {
        let r = self.reference_at(off)?;
        let target = r.target.as_deref()?;
        match &r.target_file {
            None => {
                let n = self.law.doc.root.find(target)?;
                let lines = Lines::new(&self.law.src, utf8);
                Some((self.law.path.clone(), lines.range(n.span.start, n.span.end)))
            }
            Some(file) => {
                let other = Law::load(Path::new(file)).ok()?;
                let n = other.doc.root.find(target)?;
                let lines = Lines::new(&other.src, utf8);
                Some((other.path.clone(), lines.range(n.span.start, n.span.end)))
            }
        }
    }

    /// The cited text (Markdown), or why the citation does not resolve.
    pub fn hover(&self, off: usize, utf8: bool) -> Option<lsp::Hover> {
        let r = self.reference_at(off)?;
        let lines = Lines::new(&self.law.src, utf8);
        let range = Some(lines.range(r.reference.span.start, r.reference.span.end));
        let body = match (r.status, r.target.as_deref()) {
            (Status::Resolved | Status::Repealed, Some(target)) => {
                let (other, title) = match &r.target_file {
                    Some(f) => match Law::load(Path::new(f)) {
                        Ok(l) => {
                            let t = l.doc.title.clone();
                            (Some(l), t)
                        }
                        Err(e) => return Some(plain_hover(format!("{e}"), range)),
                    },
                    None => (None, None),
                };
                let doc = other.as_ref().map(|l| &l.doc).unwrap_or(&self.law.doc);
                let n = doc.root.find(target)?;
                let mut s = format!("**{}**", escape_markdown(&cited_label(doc, n)));
                if let Some(t) = title {
                    s.push_str(&format!(" ({})", escape_markdown(&t)));
                }
                s.push_str("\n\n");
                let text = syntax::print::write_nodes(std::slice::from_ref(n), &Default::default());
                for para in text.split("\n\n") {
                    // the plain form's only "**" are emphasis: bold in Markdown too
                    s.push_str(&escape_markdown(para.trim_end()).replace("\\*\\*", "**"));
                    s.push_str("\n\n");
                }
                s.trim_end().to_string()
            }
            (Status::Declared, _) => format!(
                "**{}**: declared in paragraf.toml as existing outside the repository",
                escape_markdown(&r.reference.text)
            ),
            (Status::External, _) => format!(
                "**{}**: a citation of another law, not checked",
                escape_markdown(&r.reference.text)
            ),
            _ => format!(
                "**{}**: does not resolve{}",
                escape_markdown(&r.reference.text),
                r.reason
                    .as_deref()
                    .map(|x| format!(": {}", escape_markdown(x)))
                    .unwrap_or_default()
            ),
        };
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: body,
            }),
            range,
        })
    }

    /// The outline: Gliederung, §§, Anhänge, with Absätze below the §§.
    pub fn symbols(&self, utf8: bool) -> Vec<lsp::DocumentSymbol> {
        let lines = Lines::new(&self.law.src, utf8);
        let mut out = Vec::new();
        for c in &self.law.doc.root.children {
            symbols_of(c, &lines, &self.law.src, &mut out, 0);
        }
        out
    }

    /// `paragraf fmt` as one edit, or nothing when the text is formatted; an
    /// error when formatting would change the wording (the buffer is kept).
    pub fn format(&self, utf8: bool) -> Result<Vec<lsp::TextEdit>, WordingWouldChange> {
        let opts = crate::workspace::print_options(&self.law.path);
        let out = syntax::print::print(&self.law.doc, &opts);
        if out == self.law.src {
            return Ok(Vec::new());
        }
        let again = syntax::parse(&out);
        if syntax::print::wording(&again) != syntax::print::wording(&self.law.doc) {
            return Err(WordingWouldChange);
        }
        let lines = Lines::new(&self.law.src, utf8);
        Ok(vec![lsp::TextEdit {
            range: lines.range(0, self.law.src.len()),
            new_text: out,
        }])
    }
}

/// Formatting refused: the canonical form would read back with other wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("formatting would change the wording; buffer left alone")]
pub struct WordingWouldChange;

fn plain_hover(value: String, range: Option<lsp::Range>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::PlainText,
            value,
        }),
        range,
    }
}

/// "§ 3 Absatz 3" for an Absatz, the unit's label otherwise.
fn cited_label(doc: &syntax::ast::Document, n: &Node) -> String {
    let mut chain: Vec<String> = Vec::new();
    let mut found = false;
    doc.root.walk_with_parents(&mut |m, parents| {
        if found || !std::ptr::eq(m, n) {
            return;
        }
        found = true;
        for p in parents.iter().chain(std::iter::once(&m)) {
            match p.kind {
                k if k.is_einzelvorschrift() || k.is_annex() => {
                    chain.clear();
                    chain.push(p.marker.clone().unwrap_or_default());
                }
                Kind::Absatz | Kind::Nummer | Kind::Buchstabe | Kind::Doppelbuchstabe => {
                    let word = match p.kind {
                        Kind::Absatz => "Absatz",
                        Kind::Nummer => "Nummer",
                        Kind::Buchstabe => "Buchstabe",
                        _ => "Doppelbuchstabe",
                    };
                    chain.push(format!("{word} {}", p.num.clone().unwrap_or_default()));
                }
                _ => {}
            }
        }
    });
    let label = chain.join(" ");
    if label.trim().is_empty() {
        n.label()
    } else {
        label
    }
}

/// Backslash-escapes Markdown punctuation so that law text shows as written.
fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_{}[]<>()#+-.!|~$&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn symbols_of(n: &Node, lines: &Lines, src: &str, out: &mut Vec<lsp::DocumentSymbol>, depth: u32) {
    let kind = match n.kind {
        k if k.is_gliederungseinheit() => lsp::SymbolKind::NAMESPACE,
        k if k.is_einzelvorschrift() => lsp::SymbolKind::CLASS,
        k if k.is_annex() => lsp::SymbolKind::MODULE,
        Kind::Praeambel => lsp::SymbolKind::STRING,
        Kind::Absatz if depth > 0 => lsp::SymbolKind::FIELD,
        _ => {
            // look through containers the outline does not show
            for c in &n.children {
                symbols_of(c, lines, src, out, depth);
            }
            return;
        }
    };
    let mut children = Vec::new();
    if n.kind != Kind::Absatz && depth < 64 {
        for c in &n.children {
            symbols_of(c, lines, src, &mut children, depth + 1);
        }
    }
    let mut name = n.label();
    if name.trim().is_empty() {
        name = n.kind.as_str().to_string();
    }
    let start = n.span.start.min(src.len());
    let rest = &src[start..];
    let head_end = start + rest.find('\n').unwrap_or(rest.len());
    let end = n.span.end.max(head_end).min(src.len());
    #[allow(deprecated)]
    out.push(lsp::DocumentSymbol {
        name,
        detail: None,
        kind,
        tags: n.repealed.then(|| vec![lsp::SymbolTag::DEPRECATED]),
        deprecated: None,
        range: lines.range(start, end),
        selection_range: lines.range(start, head_end.min(end)),
        children: (!children.is_empty()).then_some(children),
    });
}
