use crate::{Ctx, Rule, Severity, Sink};
use refs::Status;

/// ## What it checks
/// Citations of a unit marked „(weggefallen)“ or „(aufgehoben)“.
///
/// ## Why
/// A repealed unit has no content; a citation of it is left over from an
/// earlier Fassung and usually should have been amended with it.
///
/// ## Example
/// ```text
/// § 10 (weggefallen)
/// ...
/// Die Frist nach § 10 gilt entsprechend.
/// ```
///
/// ## Instead
/// Cite the provision that now holds the rule, or delete the citation.
pub const RULE: Rule = Rule {
    code: "R002",
    name: "repealed-target",
    summary: "Citation names a repealed unit",
    severity: Severity::Warning,
    source: include_str!("repealed_target.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for r in ctx.refs.iter().filter(|r| r.status == Status::Repealed) {
        out.push(
            r.reference.span,
            format!(
                "„{}“ cites a repealed unit: {}",
                r.reference.text,
                r.reason.as_deref().unwrap_or("repealed")
            ),
            None,
        );
    }
}
