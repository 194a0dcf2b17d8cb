use crate::CitationStyle;
use crate::{Ctx, Rule, Severity, Sink};
use refs::Scope;

/// ## What it checks
/// Citations with abbreviated unit words („Abs.“, „Nr.“, „S.“, „Buchst.“)
/// in a law that writes them out („Absatz“, „Nummer“, „Satz“,
/// „Buchstabe“), or in any law when `paragraf.toml` sets
/// `citation-style = "written"` under `[lint]`. With `"abbreviated"` the rule
/// is off; with `"auto"` (the default) the law's majority decides.
///
/// ## Why
/// Since its 3rd edition the Handbuch der Rechtsförmlichkeit asks for the
/// written-out form in new laws; one law should not mix both.
///
/// ## Example
/// ```text
/// Die Maßnahmen nach Abs. 1 Nr. 2 ...
/// ```
///
/// ## Instead
/// ```text
/// Die Maßnahmen nach Absatz 1 Nummer 2 ...
/// ```
pub const RULE: Rule = Rule {
    code: "C001",
    name: "abbreviated-citation",
    summary: "„Abs.“, „Nr.“, „S.“ where the law writes units out",
    severity: Severity::Warning,
    source: include_str!("abbreviated_citation.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    let own = |r: &&refs::Resolved| !matches!(r.reference.scope, Scope::External(_));
    let (mut written, mut abbreviated) = (0usize, 0usize);
    for r in ctx.refs.iter().filter(own) {
        for s in &r.reference.steps {
            if s.abbreviation.is_some() {
                abbreviated += 1;
            } else if !matches!(
                s.level,
                refs::Level::Paragraf | refs::Level::Anhang | refs::Level::Anlage
            ) {
                written += 1;
            }
        }
    }
    let enforce = match ctx.config.citation_style {
        CitationStyle::Written => true,
        CitationStyle::Abbreviated => false,
        CitationStyle::Auto => written >= abbreviated && written > 0,
    };
    if !enforce {
        return;
    }
    for r in ctx.refs.iter().filter(own) {
        let abbrs: Vec<String> = r
            .reference
            .steps
            .iter()
            .filter_map(|s| {
                s.abbreviation
                    .as_ref()
                    .map(|a| format!("„{a}“ → „{}“", s.level.word()))
            })
            .collect();
        if !abbrs.is_empty() {
            out.push(
                r.reference.span,
                format!("abbreviated citation „{}“", r.reference.text),
                Some(format!("write the units out: {}", abbrs.join(", "))),
            );
        }
    }
}
