use crate::text::unit_name;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// Gaps in a numbering: § 5 followed by § 7, Absatz (1) followed by (3),
/// Nummer 2 followed by Nummer 4, Buchstabe a) followed by c). Units that
/// were repealed keep their number („§ 6 (weggefallen)“) and close the gap.
///
/// ## Why
/// A missing number is usually a unit deleted without „(weggefallen)“ or a
/// typo; citations of the following units then look wrong.
///
/// ## Example
/// ```text
/// (1) ...
/// (3) ...
/// ```
///
/// ## Instead
/// Renumber, or keep the number with „(2) (weggefallen)“ when the law is in
/// force and other laws cite its units.
pub const RULE: Rule = Rule {
    code: "S003",
    name: "number-gap",
    summary: "A number is skipped",
    severity: Severity::Warning,
    source: include_str!("number_gap.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for (a, b, ka, kb) in ctx.neighbours() {
        if kb.0 > ka.0 + 1 {
            let missing = if kb.0 == ka.0 + 2 {
                format!("{}", ka.0 + 1)
            } else {
                format!("{} to {}", ka.0 + 1, kb.0 - 1)
            };
            out.push(
                ctx.head_span(b),
                format!(
                    "{} follows {}: number {missing} is missing",
                    unit_name(b),
                    unit_name(a)
                ),
                None,
            );
        }
    }
}
