use crate::text::paragraphs;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// Parentheses that do not pair up within a paragraph.
///
/// ## Why
/// An unclosed parenthesis leaves it open where an insertion ends, which
/// changes the reading of the rest of the sentence.
///
/// ## Example
/// ```text
/// Klassische Waffen (z. B. Schusswaffen, Messer sind nicht Gegenstand.
/// ```
///
/// ## Instead
/// ```text
/// Klassische Waffen (z. B. Schusswaffen, Messer) sind nicht Gegenstand.
/// ```
pub const RULE: Rule = Rule {
    code: "T002",
    name: "unbalanced-parentheses",
    summary: "( and ) do not pair up",
    severity: Severity::Warning,
    source: include_str!("unbalanced_parentheses.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for para in paragraphs(&ctx.doc.root) {
        let mut open: Vec<(&syntax::ast::Node, usize)> = Vec::new();
        for s in &para {
            let t = s.text.as_deref().unwrap_or("");
            // ASCII bytes never occur inside a multi-byte character
            for i in memchr::memchr2_iter(b'(', b')', t.as_bytes()) {
                match t.as_bytes()[i] {
                    b'(' => open.push((s, i)),
                    b')' if open.pop().is_none() => {
                        // "1)" and "a)" enumerations inside running text are not parentheses
                        let prev = t[..i].chars().next_back();
                        let enum_marker = prev.is_some_and(|p| p.is_alphanumeric())
                            && t[..i]
                                .rsplit(' ')
                                .next()
                                .is_some_and(|w| w.chars().count() <= 3);
                        if !enum_marker {
                            out.push(
                                ctx.text_span(s, i, i + 1),
                                "closing ) without an opening (",
                                None,
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some((s, i)) = open.first() {
            out.push(
                ctx.text_span(s, *i, *i + 1),
                "opening ( is never closed in this paragraph",
                Some("add the closing )".into()),
            );
        }
    }
}
