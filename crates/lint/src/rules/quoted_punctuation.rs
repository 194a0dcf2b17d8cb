use crate::aenderung::{names_as, quotes, ANGABE, WORT};
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// A punctuation mark quoted („die Angabe „,““) instead of named.
///
/// ## Why
/// The Handbuch der Rechtsförmlichkeit names punctuation in words („ein
/// Komma“, „das Semikolon“, „der Punkt am Ende“): a quoted comma is hard to
/// see in print and easy to misread.
///
/// ## Example
/// ```text
/// In § 3 Nummer 2 wird die Angabe „.“ durch die Angabe „;“ ersetzt.
/// ```
///
/// ## Instead
/// ```text
/// In § 3 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.
/// ```
pub const RULE: Rule = Rule {
    code: "A003",
    name: "quoted-punctuation",
    summary: "A punctuation mark quoted instead of named",
    severity: Severity::Warning,
    source: include_str!("quoted_punctuation.rs"),
    check,
};

/// The name of a punctuation mark, with its indefinite article.
fn name(s: &str) -> Option<&'static str> {
    Some(match s {
        "," => "ein Komma",
        ";" => "ein Semikolon",
        "." => "ein Punkt",
        ":" => "ein Doppelpunkt",
        "!" => "ein Ausrufezeichen",
        "?" => "ein Fragezeichen",
        "-" | "–" => "ein Gedankenstrich",
        _ => return None,
    })
}

fn check(ctx: &Ctx, out: &mut Sink) {
    if !ctx.is_amending_law() {
        return;
    }
    let objects: Vec<&str> = ANGABE.iter().chain(WORT).copied().collect();
    for q in quotes(ctx.src) {
        let Some(n) = name(q.inner.trim()) else {
            continue;
        };
        if names_as(q.before, &objects).is_some() {
            out.push(
                ctx.span(q.start, q.end),
                format!("the punctuation mark „{}“ is quoted", q.inner.trim()),
                Some(format!("name it: „{n}“")),
            );
        }
    }
}
