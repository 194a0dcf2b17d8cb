use crate::text::unit_name;
use crate::{Ctx, Rule, Severity, Sink};
use syntax::ast::{Kind, Node, Style};

/// ## What it checks
/// Absatz markers written in two ways, as a list item „- (1)“ and as a plain
/// „(1)“, within one § or across the law.
///
/// ## Why
/// The markers are the same unit; two spellings come from copying between
/// drafts and make the law look unfinished. Formatters and exporters treat
/// them alike, readers do not.
///
/// ## Example
/// ```text
/// - (2) Das BKIE arbeitet mit dem BSI zusammen.
///
/// (3) Die technische Einstufung erfolgt ...
/// ```
///
/// ## Instead
/// Write every Absatz as „(1)“ at the start of its paragraph (`paragraf fmt`
/// does this).
pub const RULE: Rule = Rule {
    code: "M001",
    name: "mixed-absatz-markers",
    summary: "Absatz markers written both as „- (1)“ and as „(1)“",
    severity: Severity::Warning,
    source: include_str!("mixed_absatz_markers.rs"),
    check,
};

fn dash(n: &Node) -> bool {
    n.style == Some(Style::Dash)
}

fn check(ctx: &Ctx, out: &mut Sink) {
    let mut law_first: Option<bool> = None;
    let mut law_reported = false;
    ctx.doc.root.walk(&mut |n, _| {
        if !n.kind.is_einzelvorschrift() {
            return;
        }
        let abs: Vec<&Node> = n
            .children
            .iter()
            .filter(|c| c.kind == Kind::Absatz)
            .collect();
        let Some(first) = abs.first() else { return };
        if let Some(other) = abs.iter().find(|a| dash(a) != dash(first)) {
            let (was, now) = if dash(first) {
                ("„- (1)“", "„(1)“")
            } else {
                ("„(1)“", "„- (1)“")
            };
            out.push(
                ctx.head_span(other),
                format!(
                    "{} in {} is written {now}, the Absätze before it {was}",
                    unit_name(other),
                    unit_name(n)
                ),
                Some("write every Absatz as „(1)“ (paragraf fmt)".into()),
            );
            law_reported = true;
            return;
        }
        match law_first {
            None => law_first = Some(dash(first)),
            Some(d) if d != dash(first) && !law_reported => {
                law_reported = true;
                out.push(
                    ctx.head_span(first),
                    format!(
                        "the Absätze of {} are written {}, earlier §§ {}",
                        unit_name(n),
                        if dash(first) {
                            "„- (1)“"
                        } else {
                            "„(1)“"
                        },
                        if d { "„- (1)“" } else { "„(1)“" }
                    ),
                    Some("write every Absatz as „(1)“ (paragraf fmt)".into()),
                );
            }
            _ => {}
        }
    });
}
