use crate::{Ctx, Rule, Severity, Sink};
use syntax::ast::Kind;

/// ## What it checks
/// A § or Artikel with a single Absatz that is numbered „(1)“.
///
/// ## Why
/// Absätze are numbered only when there are at least two (Handbuch der
/// Rechtsförmlichkeit); a lone „(1)“ suggests a missing „(2)“.
///
/// ## Example
/// ```text
/// § 8 Inkrafttreten
/// (1) Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.
/// ```
///
/// ## Instead
/// ```text
/// § 8 Inkrafttreten
/// Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.
/// ```
pub const RULE: Rule = Rule {
    code: "S005",
    name: "lone-absatz-number",
    summary: "„(1)“ in a § that has only one Absatz",
    severity: Severity::Warning,
    source: include_str!("lone_absatz_number.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    ctx.doc.root.walk(&mut |n, _| {
        if !n.kind.is_einzelvorschrift() {
            return;
        }
        let abs: Vec<_> = n
            .children
            .iter()
            .filter(|c| c.kind == Kind::Absatz)
            .collect();
        if abs.len() == 1 && abs[0].num.as_deref() == Some("1") {
            out.push(
                ctx.head_span(abs[0]),
                format!(
                    "{} has a single Absatz numbered „(1)“",
                    n.marker.as_deref().unwrap_or("the unit")
                ),
                Some("drop the „(1)“, or add the missing Absätze".into()),
            );
        }
    });
}
