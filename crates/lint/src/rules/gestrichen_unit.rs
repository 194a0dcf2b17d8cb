use crate::aenderung::lines_outside;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// A whole unit „gestrichen“ („Absatz 3 wird gestrichen.“).
///
/// ## Why
/// The Handbuch der Rechtsförmlichkeit keeps the two verbs apart: words
/// and Angaben are „gestrichen“, Vorschriften (§§, Absätze, Sätze,
/// Nummern, Buchstaben, Anlagen) „aufgehoben“.
///
/// ## Example
/// ```text
/// 3. § 5 Absatz 4 wird gestrichen.
/// ```
///
/// ## Instead
/// ```text
/// 3. § 5 Absatz 4 wird aufgehoben.
/// ```
pub const RULE: Rule = Rule {
    code: "A005",
    name: "gestrichen-for-unit",
    summary: "A whole unit „gestrichen“ instead of „aufgehoben“",
    severity: Severity::Warning,
    source: include_str!("gestrichen_unit.rs"),
    check,
};

/// The words that name a Vorschrift at the start of a command.
const UNITS: &[&str] = &[
    "§",
    "§§",
    "Artikel",
    "Absatz",
    "Absätze",
    "Satz",
    "Sätze",
    "Nummer",
    "Nummern",
    "Buchstabe",
    "Buchstaben",
    "Doppelbuchstabe",
    "Doppelbuchstaben",
    "Anlage",
    "Anlagen",
];

/// A line without its list marker („3. “, „b) “, „cc) “).
fn without_marker(l: &str) -> &str {
    let t = l.trim_start();
    match t.split_once(' ') {
        Some((m, rest))
            if (m.ends_with('.') && m[..m.len() - 1].chars().all(|c| c.is_ascii_digit()))
                || (m.ends_with(')')
                    && m[..m.len() - 1].chars().all(|c| c.is_ascii_lowercase())) =>
        {
            rest.trim_start()
        }
        _ => t,
    }
}

fn check(ctx: &Ctx, out: &mut Sink) {
    if !ctx.is_amending_law() {
        return;
    }
    for (at, line) in lines_outside(ctx.src) {
        let cmd = without_marker(line);
        let first = cmd.split_whitespace().next().unwrap_or("");
        let whole = cmd.ends_with(" wird gestrichen.") || cmd.ends_with(" werden gestrichen.");
        if whole && UNITS.contains(&first) && !cmd.contains('„') {
            let off = at + (cmd.as_ptr() as usize - line.as_ptr() as usize);
            out.push(
                ctx.span(off, off + cmd.len()),
                "a Vorschrift is „gestrichen“",
                Some("write „aufgehoben“: words are gestrichen, Vorschriften aufgehoben".into()),
            );
        }
    }
}
