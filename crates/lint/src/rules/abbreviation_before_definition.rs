use crate::definitions::uses_before;
use crate::{Ctx, Rule, Severity, Sink};
use syntax::ast::Span;

/// ## What it checks
/// An abbreviation used before the Satz that introduces it in parentheses:
/// „das BKIE“ in § 2 when § 4 first says „Bundesamt für KI-Ethik und
/// Integrität (BKIE)“.
///
/// ## Why
/// Abbreviations are defined at their first use; a reader meeting „BKIE“
/// first has to search the law for its meaning.
///
/// ## Example
/// ```text
/// § 2 ... Das BKIE überwacht ...
/// § 4 (1) Das Bundesamt für KI-Ethik und Integrität (BKIE) ist ...
/// ```
///
/// ## Instead
/// Move the definition to the first use, or write the name out there.
pub const RULE: Rule = Rule {
    code: "D001",
    name: "abbreviation-before-definition",
    summary: "Abbreviation used before it is defined",
    severity: Severity::Warning,
    source: include_str!("abbreviation_before_definition.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    let mut first: rustc_hash::FxHashMap<&str, Span> = Default::default();
    for d in ctx.definitions() {
        let f = first.entry(d.abbr.as_str()).or_insert(d.span);
        if d.span.start < f.start {
            *f = d.span;
        }
    }
    for (abbr, span) in uses_before(ctx, &first) {
        let def = first[abbr.as_str()];
        out.push(
            span,
            format!("„{abbr}“ is used before it is defined (line {})", def.line),
            Some("define the abbreviation at its first use".into()),
        );
    }
}
