use crate::{Ctx, Rule, Severity, Sink};
use syntax::ast::SourceFormat;

/// ## What it checks
/// Markdown emphasis (`**fett**`, `*kursiv*`) inside the text of a law.
///
/// ## Why
/// Law texts carry no emphasis: the Bundesgesetzblatt prints none, and a
/// highlighted word suggests a meaning the wording does not have. In a draft
/// it is usually a reviewer's marking left behind.
///
/// ## Example
/// ```text
/// (3) Die Einstufung erfolgt gemäß **Anhang III**.
/// ```
///
/// ## Instead
/// ```text
/// (3) Die Einstufung erfolgt gemäß Anhang III.
/// ```
pub const RULE: Rule = Rule {
    code: "M002",
    name: "markdown-emphasis",
    summary: "Markdown emphasis in law text",
    severity: Severity::Warning,
    source: include_str!("markdown_emphasis.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    if ctx.doc.format != SourceFormat::Plain {
        return; // the federal corpus uses emphasis for tables and notes
    }
    ctx.doc.root.walk(&mut |n, _| {
        let Some(text) = n.text.as_deref() else {
            return;
        };
        for e in &n.emphasis {
            let word = text.get(e.start..e.end).unwrap_or("");
            let mut span = ctx.text_span(n, e.start, e.end);
            // include the delimiters
            let d = if e.strong { 2 } else { 1 };
            if span.start >= d
                && ctx
                    .src
                    .get(span.start - d..span.start)
                    .is_some_and(|s| s.chars().all(|c| c == '*'))
            {
                span = ctx.span(span.start - d, (span.end + d).min(ctx.src.len()));
            }
            out.push(
                span,
                format!("emphasis „{word}“ in law text"),
                Some(format!("write „{word}“ without asterisks")),
            );
        }
    });
}
