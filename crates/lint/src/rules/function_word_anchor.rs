use crate::aenderung::quotes;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// An insertion anchored on a function word („nach dem Wort „und““).
///
/// ## Why
/// Articles, conjunctions and prepositions occur many times in a unit: the
/// place the command means is not clear, and a later change to the unit
/// moves it. The Handbuch anchors on the words that identify the place
/// („nach dem Wort „Behörde““, „nach der Angabe „§ 5““).
///
/// ## Example
/// ```text
/// In § 4 Absatz 2 werden nach dem Wort „und“ die Wörter „oder Stelle“ eingefügt.
/// ```
///
/// ## Instead
/// ```text
/// In § 4 Absatz 2 werden nach dem Wort „Behörde“ die Wörter „oder Stelle“ eingefügt.
/// ```
pub const RULE: Rule = Rule {
    code: "A004",
    name: "function-word-anchor",
    summary: "An insertion anchored on a function word",
    severity: Severity::Warning,
    source: include_str!("function_word_anchor.rs"),
    check,
};

/// Words that do not identify a place: articles, conjunctions, prepositions,
/// auxiliaries.
const FUNCTION_WORDS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "und", "oder", "sowie", "aber", "dass", "wenn", "ist", "sind", "wird", "werden", "hat",
    "haben", "in", "im", "an", "am", "auf", "aus", "bei", "mit", "nach", "von", "vom", "vor", "zu",
    "zum", "zur", "für", "über", "unter", "durch", "als", "auch", "nicht", "sich", "es",
];

fn check(ctx: &Ctx, out: &mut Sink) {
    if !ctx.is_amending_law() {
        return;
    }
    for q in quotes(ctx.src) {
        let anchor = ["nach dem Wort ", "vor dem Wort "]
            .iter()
            .any(|o| q.before.ends_with(o));
        let w = q.inner.trim();
        if anchor && FUNCTION_WORDS.contains(&w) {
            out.push(
                ctx.span(q.start, q.end),
                format!("the insertion is anchored on the function word „{w}“"),
                Some("anchor on a word that identifies the place".into()),
            );
        }
    }
}
