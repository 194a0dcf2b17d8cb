use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// Ranges in citations written with a dash: „§§ 3-5“, „Absätze 2–4“.
///
/// ## Why
/// The Handbuch der Rechtsförmlichkeit writes ranges with „bis“; a dash can
/// be misread as a list of two units.
///
/// ## Example
/// ```text
/// Die §§ 3-5 gelten entsprechend.
/// ```
///
/// ## Instead
/// ```text
/// Die §§ 3 bis 5 gelten entsprechend.
/// ```
pub const RULE: Rule = Rule {
    code: "C002",
    name: "dash-range",
    summary: "Range written with a dash instead of „bis“",
    severity: Severity::Warning,
    source: include_str!("dash_range.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for r in ctx.refs {
        for s in &r.reference.steps {
            for it in s.items.iter().filter(|i| i.dash) {
                out.push(
                    r.reference.span,
                    format!("range „{}“ written with a dash", r.reference.text),
                    Some(format!(
                        "write „{} bis {}“",
                        it.from,
                        it.to.as_deref().unwrap_or("")
                    )),
                );
            }
        }
    }
}
