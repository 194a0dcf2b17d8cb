use crate::{Ctx, Rule, Severity, Sink};
use refs::{Level, Scope, Status};

/// ## What it checks
/// A § or Artikel that cites itself by number („§ 5 Absatz 1“ inside § 5).
///
/// ## Why
/// The Handbuch der Rechtsförmlichkeit asks for the short relative form inside
/// a unit: „nach Absatz 1“, not „nach § 5 Absatz 1“. A bare „§ 5“ inside § 5
/// says nothing at all.
///
/// ## Example
/// ```text
/// § 5 Sanktionen
/// (2) Die Maßnahmen nach § 5 Absatz 1 müssen geeignet sein.
/// ```
///
/// ## Instead
/// ```text
/// (2) Die Maßnahmen nach Absatz 1 müssen geeignet sein.
/// ```
pub const RULE: Rule = Rule {
    code: "R004",
    name: "self-reference",
    summary: "A § cites itself by number",
    severity: Severity::Warning,
    source: include_str!("self_reference.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for r in ctx.refs {
        if r.status != Status::Resolved || r.reference.scope != Scope::Internal {
            continue;
        }
        let Some(first) = r.reference.steps.first() else {
            continue;
        };
        if !matches!(first.level, Level::Paragraf | Level::Artikel)
            || first.items.len() != 1
            || first.items[0].to.is_some()
        {
            continue;
        }
        let prefix = if first.level == Level::Paragraf {
            "para-"
        } else {
            "art-"
        };
        let own = format!("{prefix}{}", first.items[0].from);
        let inside = r.reference.node == own || r.reference.node.starts_with(&format!("{own}_"));
        if inside
            && r.target
                .as_deref()
                .is_some_and(|t| t == own || t.starts_with(&format!("{own}_")))
        {
            let rest: Vec<String> = r.reference.steps[1..]
                .iter()
                .map(|s| format!("{} {}", s.level.word(), s.items[0].from))
                .collect();
            let help = if rest.is_empty() {
                "delete the citation, or name the Absatz or Satz meant".to_string()
            } else {
                format!("write „{}“", rest.join(" "))
            };
            out.push(
                r.reference.span,
                format!("„{}“ cites the unit it stands in", r.reference.text),
                Some(help),
            );
        }
    }
}
