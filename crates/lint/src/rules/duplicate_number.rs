use crate::numbering::{first_num, numbered_groups};
use crate::text::unit_name;
use crate::{Ctx, Rule, Severity, Sink};
use rustc_hash::FxHashMap;
use syntax::ast::Node;

/// ## What it checks
/// Two units of the same kind with the same number where numbers must be
/// unique: two §§ 4 in a law, two Absätze (2) in a §, two Nummern 3 in an
/// Absatz, two Buchstaben a), two „Abschnitt 2“ under one parent.
///
/// ## Why
/// Citations of a duplicated number are ambiguous (R003), and amending laws
/// cannot address either unit.
///
/// ## Example
/// ```text
/// (1) ...
/// (2) ...
/// (2) ...
/// ```
///
/// ## Instead
/// Renumber; an inserted unit takes a letter: „(2a)“, „§ 4a“.
pub const RULE: Rule = Rule {
    code: "S001",
    name: "duplicate-number",
    summary: "Two units share a number",
    severity: Severity::Error,
    source: include_str!("duplicate_number.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for group in numbered_groups(&ctx.doc.root) {
        // first unit per (kind, number): one pass, not a scan per unit
        let mut first: FxHashMap<_, &Node> = FxHashMap::default();
        for n in group.iter().copied() {
            let Some(num) = first_num(n) else { continue };
            let prev = *first.entry((n.kind, num)).or_insert(n);
            if !std::ptr::eq(prev, n) {
                out.push(
                    ctx.head_span(n),
                    format!(
                        "{} is numbered twice (first at line {})",
                        unit_name(n),
                        prev.span.line
                    ),
                    Some("renumber; an inserted unit takes a letter („4a“)".into()),
                );
            }
        }
    }
}
