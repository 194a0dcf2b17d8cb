use crate::text::unit_name;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// Units whose number is smaller than the one before them: § 5 after § 6,
/// Absatz (2) after (3), Nummer 1 after Nummer 2, Buchstabe a) after b).
///
/// ## Why
/// Numbers run in document order; a unit out of order is either misnumbered
/// or misplaced, and readers and amending laws rely on the order.
///
/// ## Example
/// ```text
/// § 6 ...
/// § 5 ...
/// ```
///
/// ## Instead
/// Move the unit or correct its number.
pub const RULE: Rule = Rule {
    code: "S002",
    name: "number-order",
    summary: "Unit numbers out of order",
    severity: Severity::Error,
    source: include_str!("number_order.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for (a, b, ka, kb) in ctx.neighbours() {
        if kb < ka {
            out.push(
                ctx.head_span(b),
                format!("{} follows {}", unit_name(b), unit_name(a)),
                None,
            );
        }
    }
}
