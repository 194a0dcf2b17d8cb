use crate::aenderung::lines_outside;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// An Eingangssatz that names the amended law without its Vollzitat
/// („Das Aktiengesetz wird wie folgt geändert:“).
///
/// ## Why
/// The Handbuch der Rechtsförmlichkeit names the amended law in the
/// Eingangssatz with its full citation: title, date of Ausfertigung or
/// Bekanntmachung, Fundstelle and its last change („…, das zuletzt durch
/// … geändert worden ist, …“). Without it, which law and which Fassung is
/// meant is for the reader to guess.
///
/// ## Example
/// ```text
/// Das Aktiengesetz wird wie folgt geändert:
/// ```
///
/// ## Instead
/// ```text
/// Das Aktiengesetz vom 6. September 1965 (BGBl. I S. 1089), das zuletzt
/// durch Artikel 7 des Gesetzes vom … (BGBl. I S. …) geändert worden ist,
/// wird wie folgt geändert:
/// ```
pub const RULE: Rule = Rule {
    code: "A007",
    name: "eingangssatz-without-vollzitat",
    summary: "An Eingangssatz without the Vollzitat of the amended law",
    severity: Severity::Warning,
    source: include_str!("eingangssatz_vollzitat.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    if !ctx.is_amending_law() {
        return;
    }
    for (at, l) in lines_outside(ctx.src) {
        let t = l.trim();
        let names_law = t.starts_with("Das ") || t.starts_with("Die ");
        if !names_law || !t.ends_with("wird wie folgt geändert:") {
            continue;
        }
        if !(t.contains(" vom ") || t.contains("in der Fassung")) {
            let start = at + (l.len() - l.trim_start().len());
            out.push(
                ctx.span(start, start + t.len()),
                "the Eingangssatz names the law without its Vollzitat",
                Some("add the date, the Fundstelle and the last change („…, das zuletzt durch … geändert worden ist, …“)".into()),
            );
        }
    }
}
