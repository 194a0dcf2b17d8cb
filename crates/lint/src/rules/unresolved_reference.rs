use crate::{Ctx, Rule, Severity, Sink};
use refs::Status;

/// ## What it checks
/// Citations of this law ("§ 5 Absatz 2", "Anhang III", "Satz 3") and of other
/// laws of the workspace ("Anhang III des Gesetzes VII") that name no unit:
/// the §, Absatz, Satz, Nummer, Buchstabe or Anhang does not exist, or the
/// number is beyond the count ("Absatz 5" of a § with three Absätze).
///
/// ## Why
/// A law whose citations point nowhere cannot be applied as written. This is
/// the drafting error readers notice first.
///
/// ## Example
/// ```text
/// (3) Die Wirkungsweise kann nach Maßgabe des Anhangs III eingestuft werden.
/// ```
/// when the law has no Anhang III.
///
/// ## Instead
/// Add the cited unit, correct the number, or, when the part exists outside
/// the repository (an Anhang submitted separately), declare it in
/// `paragraf.toml`: `external = ["Anhang III"]` under the law's `[[law]]` entry.
pub const RULE: Rule = Rule {
    code: "R001",
    name: "unresolved-reference",
    summary: "Citation names a unit that does not exist",
    severity: Severity::Error,
    source: include_str!("unresolved_reference.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for r in ctx.refs.iter().filter(|r| r.status == Status::Unresolved) {
        let reason = r.reason.as_deref().unwrap_or("no such unit");
        out.push(
            r.reference.span,
            format!("„{}“ points nowhere: {reason}", r.reference.text),
            Some("add the cited unit, correct the citation, or declare the part in paragraf.toml (`external = [...]`)".into()),
        );
    }
}
