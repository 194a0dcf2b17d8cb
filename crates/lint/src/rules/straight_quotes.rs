use crate::{Ctx, Rule, Severity, Sink};
use syntax::ast::Kind;

/// ## What it checks
/// Straight quotation marks `"` in law text.
///
/// ## Why
/// German law texts quote with „…“ (Handbuch der Rechtsförmlichkeit);
/// straight quotes come from typing in a code editor and are ambiguous
/// (opening or closing?) when an amending law quotes text.
///
/// ## Example
/// ```text
/// Der Begriff "Sprengstoffwirkung" wird als Analogie verwendet.
/// ```
///
/// ## Instead
/// ```text
/// Der Begriff „Sprengstoffwirkung“ wird als Analogie verwendet.
/// ```
pub const RULE: Rule = Rule {
    code: "T003",
    name: "straight-quotes",
    summary: "Straight quotes \" where „ “ belong",
    severity: Severity::Warning,
    source: include_str!("straight_quotes.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    ctx.doc.root.walk(&mut |n, _| {
        if n.kind != Kind::Satz {
            return;
        }
        let Some(t) = n.text.as_deref() else { return };
        let mut open = true;
        for i in memchr::memchr_iter(b'"', t.as_bytes()) {
            let want = if open { "„" } else { "“" };
            out.push(
                ctx.text_span(n, i, i + 1),
                "straight quotation mark",
                Some(format!("write {want}")),
            );
            open = !open;
        }
    });
}
