use crate::{Ctx, Rule, Severity, Sink};
use refs::Status;

/// ## What it checks
/// Citations whose law is left open. Two cases:
///
/// 1. A designation that several laws of a `[library]` carry (two files
///    whose abbreviation is „AO“): the citation is not checked against
///    either, and the warning lists them.
/// 2. Citations that name no unit of this law and stand alone in a table
///    cell of an Anlage, a cell of nothing but citations („§ 10 Satz 1 § 49
///    Absatz 1 Nummer 10“ in the column of a catalog): the column's head may
///    name the law, the citation does not.
///
/// ## Why
/// A citation belongs to another law only when a law designation belongs to
/// it by the grammar of German citations („§ 49 StVO“). A table may
/// designate a whole column in its head, which paragraf does not read as a
/// designation; the text of the cell alone leaves it open. paragraf does not
/// guess (a guess would hide a dangling citation); it says so, as a warning.
/// A citation in running text whose Satz, unit or title names another law is
/// not such a case: it is this law's, and R001 reports it when it points
/// nowhere.
///
/// ## Example
/// ```text
/// § 3 Absatz 1 AO        (library files ao.md and ao_1919.md, both „AO“)
/// Anlage (zu § 1)
/// | 47 | Eingefahren und dadurch gefährdet | § 49 Absatz 1 Nummer 10 | 30 € |
/// ```
/// when this law has no § 49.
///
/// ## Instead
/// Cite the library law by a designation only it carries (its title), or
/// keep one of the files out of the library. In a table,
/// designate the law in the cell („§ 49 Absatz 1 Nummer 10 StVO“); if this
/// law's unit is meant, correct the number.
pub const RULE: Rule = Rule {
    code: "R005",
    name: "unclear-law",
    summary: "Citation whose law the text or the library leaves open",
    severity: Severity::Warning,
    source: include_str!("unclear_law.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for r in ctx.refs.iter().filter(|r| r.status == Status::Unclear) {
        if !r.candidates.is_empty() {
            out.push(
                r.reference.span,
                format!(
                    "„{}“ is not checked: {} ({})",
                    r.reference.text,
                    r.reason.as_deref().unwrap_or("its designation names several laws"),
                    r.candidates.join(", ")
                ),
                Some("cite the law by a designation only it carries (its title), or keep one of the files out of the library".into()),
            );
            continue;
        }
        out.push(
            r.reference.span,
            format!(
                "„{}“ names no unit of this law, and no law is designated with it: {}",
                r.reference.text,
                r.reason.as_deref().unwrap_or("")
            ),
            Some(
                "designate the law in the cell („§ 49 Absatz 1 StVO“) or correct the number".into(),
            ),
        );
    }
}
