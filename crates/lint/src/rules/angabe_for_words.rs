use crate::aenderung::{names_as, quotes, ANGABE};
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// An Änderungsbefehl that quotes plain words as „die Angabe“.
///
/// ## Why
/// The Handbuch der Rechtsförmlichkeit (Rn. 619 ff.) calls quoted words
/// „das Wort“ or „die Wörter“; „die Angabe“ is for numbers, citations,
/// abbreviations and mixed passages („§ 3 Absatz 2“, „2026“, „BGB“). A
/// reader checks the quoted passage against the object word.
///
/// ## Example
/// ```text
/// In § 4 Absatz 1 wird die Angabe „Behörde“ durch die Angabe „Stelle“ ersetzt.
/// ```
///
/// ## Instead
/// ```text
/// In § 4 Absatz 1 wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt.
/// ```
pub const RULE: Rule = Rule {
    code: "A001",
    name: "angabe-for-words",
    summary: "„die Angabe“ quotes plain words",
    severity: Severity::Warning,
    source: include_str!("angabe_for_words.rs"),
    check,
};

/// Whether a quoted passage is plain words: letters, spaces and hyphens,
/// no abbreviation (two capitals) and no number.
pub(crate) fn plain_words(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && s.chars().any(char::is_lowercase)
        && s.split_whitespace()
            .all(|w| w.chars().filter(|c| c.is_uppercase()).count() <= 1)
}

fn check(ctx: &Ctx, out: &mut Sink) {
    if !ctx.is_amending_law() {
        return;
    }
    for q in quotes(ctx.src) {
        if names_as(q.before, ANGABE).is_some() && plain_words(q.inner) {
            let word = if q.inner.trim().contains(' ') {
                "die Wörter"
            } else {
                "das Wort"
            };
            out.push(
                ctx.span(q.start, q.end),
                format!("„{}“ are words, quoted as „die Angabe“", q.inner.trim()),
                Some(format!("write „{word}“")),
            );
        }
    }
}
