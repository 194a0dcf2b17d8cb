use crate::text::unit_name;
use crate::{Ctx, Rule, Severity, Sink};
use syntax::ast::Kind;

/// ## What it checks
/// A §, Artikel, Absatz, Nummer or Buchstabe without any text, and a
/// Gliederung heading (Abschnitt, Titel, ...) with nothing under it, unless
/// the unit is marked „(weggefallen)“.
///
/// ## Why
/// An empty unit is a placeholder left behind; published, it reads as an
/// error.
///
/// ## Example
/// ```text
/// § 9 Übergangsvorschrift
///
/// § 10 Inkrafttreten
/// ```
///
/// ## Instead
/// Write the provision, delete the unit, or mark it „(weggefallen)“.
pub const RULE: Rule = Rule {
    code: "S004",
    name: "empty-unit",
    summary: "A unit has no content",
    severity: Severity::Warning,
    source: include_str!("empty_unit.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    ctx.doc.root.walk(&mut |n, _| {
        let unit = n.kind.is_einzelvorschrift()
            || n.kind.is_gliederungseinheit()
            || (n.kind.is_gliederung() && n.kind != Kind::Ueberschrift);
        if unit && !n.repealed && n.children.is_empty() && n.text.is_none() {
            let title_repealed = n
                .title
                .as_deref()
                .is_some_and(|t| t.contains("weggefallen") || t.contains("aufgehoben"));
            if !title_repealed {
                out.push(
                    ctx.head_span(n),
                    format!("{} is empty", unit_name(n)),
                    Some("write the provision, delete the unit, or mark it „(weggefallen)“".into()),
                );
            }
        }
    });
}
