use crate::aenderung::{names_as, quotes, WOERTER, WORT};
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// „das Wort“ before several quoted words, „die Wörter“ before one.
///
/// ## Why
/// The object word says what the quotation holds (Handbuch der
/// Rechtsförmlichkeit, Rn. 619 ff.): one word is „das Wort“, several are
/// „die Wörter“; the verb agrees („wird“, „werden“).
///
/// ## Example
/// ```text
/// In § 2 wird das Wort „zuständige Behörde“ durch das Wort „Stelle“ ersetzt.
/// ```
///
/// ## Instead
/// ```text
/// In § 2 werden die Wörter „zuständige Behörde“ durch das Wort „Stelle“ ersetzt.
/// ```
pub const RULE: Rule = Rule {
    code: "A002",
    name: "wort-or-woerter",
    summary: "„das Wort“ for several words, or „die Wörter“ for one",
    severity: Severity::Warning,
    source: include_str!("word_count.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    if !ctx.is_amending_law() {
        return;
    }
    for q in quotes(ctx.src) {
        let words = q.inner.split_whitespace().count();
        if words == 0 || q.inner.contains('\n') {
            continue;
        }
        if names_as(q.before, WORT).is_some() && words > 1 {
            out.push(
                ctx.span(q.start, q.end),
                format!("„{}“ is {words} words, named „das Wort“", q.inner.trim()),
                Some("write „die Wörter“ (and the verb in the plural)".into()),
            );
        } else if names_as(q.before, WOERTER).is_some() && words == 1 {
            out.push(
                ctx.span(q.start, q.end),
                format!("„{}“ is one word, named „die Wörter“", q.inner.trim()),
                Some("write „das Wort“ (and the verb in the singular)".into()),
            );
        }
    }
}
