use crate::{Ctx, Rule, Severity, Sink};
use refs::Status;

/// ## What it checks
/// Citations that fit more than one unit because two units carry the same
/// number (two „§ 4“, two „Absatz 2“ in one §).
///
/// ## Why
/// A reader cannot tell which unit is meant; neither can a court.
///
/// ## Example
/// ```text
/// § 4 Zuständigkeit ... § 4 Verfahren ... nach § 4 gilt
/// ```
///
/// ## Instead
/// Renumber the units (see S001) so each number is used once.
pub const RULE: Rule = Rule {
    code: "R003",
    name: "ambiguous-target",
    summary: "Citation fits more than one unit",
    severity: Severity::Error,
    source: include_str!("ambiguous_target.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for r in ctx.refs.iter().filter(|r| r.status == Status::Ambiguous) {
        out.push(
            r.reference.span,
            format!(
                "„{}“ is ambiguous: {}",
                r.reference.text,
                r.reason.as_deref().unwrap_or("")
            ),
            None,
        );
    }
}
