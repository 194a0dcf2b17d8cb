use crate::aenderung::lines_outside;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// „… wird wie folgt geändert:“ followed by a list of one command („1.“
/// and no „2.“, or „a)“ and no „b)“).
///
/// ## Why
/// A list of one is no list. The Handbuch der Rechtsförmlichkeit writes a
/// single change as one sentence: the law (or the unit) named in the
/// command itself, without a number.
///
/// ## Example
/// ```text
/// Das Gesetz VII vom 14. Oktober 2025 wird wie folgt geändert:
///
/// 1. § 5 Absatz 4 wird aufgehoben.
/// ```
///
/// ## Instead
/// ```text
/// § 5 Absatz 4 des Gesetzes VII vom 14. Oktober 2025 wird aufgehoben.
/// ```
pub const RULE: Rule = Rule {
    code: "A006",
    name: "list-of-one",
    summary: "A numbered list of one command",
    severity: Severity::Warning,
    source: include_str!("list_of_one.rs"),
    check,
};

/// A list marker's kind: 0 for „1.“, 1 for „a)“, 2 for „aa)“.
fn marker_kind(l: &str) -> Option<usize> {
    let m = l.trim_start().split(' ').next()?;
    if let Some(n) = m.strip_suffix('.') {
        let digits = n.trim_end_matches(|c: char| c.is_ascii_lowercase());
        return (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(0);
    }
    let n = m.strip_suffix(')')?;
    let first = n.chars().next()?;
    (n.chars().all(|c| c == first) && first.is_ascii_lowercase() && n.len() <= 2).then_some(n.len())
}

fn indent(l: &str) -> usize {
    l.len() - l.trim_start().len()
}

fn check(ctx: &Ctx, out: &mut Sink) {
    if !ctx.is_amending_law() {
        return;
    }
    let lines = lines_outside(ctx.src);
    for (i, (at, l)) in lines.iter().enumerate() {
        let t = l.trim_end();
        if !t.ends_with("wie folgt geändert:") {
            continue;
        }
        // the list after it: its first marker, then the markers of that kind at that indent
        let mut rest = lines[i + 1..].iter().filter(|(_, l)| !l.trim().is_empty());
        let Some((_, first)) = rest.next() else {
            continue;
        };
        let Some(kind) = marker_kind(first) else {
            continue;
        };
        let ind = indent(first);
        let mut items = 1;
        for (_, l) in rest {
            let same = marker_kind(l) == Some(kind) && indent(l) == ind;
            if same {
                items += 1;
            } else if indent(l) < ind || (indent(l) == ind && marker_kind(l).is_none()) {
                break;
            }
        }
        if items == 1 {
            let start = at + indent(l);
            out.push(
                ctx.span(start, at + t.len()),
                "the list after „wie folgt geändert:“ has one command",
                Some("write the one change as one sentence, without a number".into()),
            );
        }
    }
}
