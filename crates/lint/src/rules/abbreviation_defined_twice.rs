use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// An abbreviation introduced in parentheses twice: „(BKIE)“ in § 4 and again
/// in § 6.
///
/// ## Why
/// A second definition suggests the two passages mean different things, or
/// that text was copied between laws.
///
/// ## Example
/// ```text
/// § 4 (1) Das Bundesamt für KI-Ethik und Integrität (BKIE) ...
/// § 6 (2) Das Bundesamt für KI-Ethik und Integrität (BKIE) ...
/// ```
///
/// ## Instead
/// Define it once, at its first use; afterwards write only „das BKIE“.
pub const RULE: Rule = Rule {
    code: "D002",
    name: "abbreviation-defined-twice",
    summary: "Abbreviation defined twice",
    severity: Severity::Warning,
    source: include_str!("abbreviation_defined_twice.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    let mut firsts = rustc_hash::FxHashMap::default();
    for d in ctx.definitions() {
        let first = *firsts.entry(&d.abbr).or_insert(d);
        if !std::ptr::eq(first, d) {
            out.push(
                d.span,
                format!(
                    "„{}“ is defined again (first at line {})",
                    d.abbr, first.span.line
                ),
                Some(format!("write only „{}“ here", d.abbr)),
            );
        }
    }
}
