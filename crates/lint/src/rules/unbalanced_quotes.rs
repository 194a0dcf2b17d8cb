use crate::text::paragraphs;
use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// German quotation marks that do not pair up within a paragraph: an opening
/// „ without a closing “, or a “ without an opening „.
///
/// ## Why
/// A quotation without its end swallows the rest of the provision for the
/// reader; in an amending law it changes what is inserted.
///
/// ## Example
/// ```text
/// Der Begriff „Sprengstoffwirkung wird als Analogie verwendet.
/// ```
///
/// ## Instead
/// ```text
/// Der Begriff „Sprengstoffwirkung“ wird als Analogie verwendet.
/// ```
pub const RULE: Rule = Rule {
    code: "T001",
    name: "unbalanced-quotes",
    summary: "„ and “ do not pair up",
    severity: Severity::Warning,
    source: include_str!("unbalanced_quotes.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for para in paragraphs(&ctx.doc.root) {
        let mut depth: i32 = 0;
        let mut open_at = None;
        for s in &para {
            let t = s.text.as_deref().unwrap_or("");
            // „ and “ both start with the byte E2
            for i in memchr::memchr_iter(0xE2, t.as_bytes()) {
                let Some(c) = t[i..].chars().next() else {
                    continue;
                };
                match c {
                    '„' => {
                        depth += 1;
                        if depth == 1 {
                            open_at = Some((*s, i));
                        }
                    }
                    '“' => {
                        depth -= 1;
                        if depth < 0 {
                            out.push(
                                ctx.text_span(s, i, i + c.len_utf8()),
                                "closing “ without an opening „",
                                Some("add the opening „ or delete this “".into()),
                            );
                            depth = 0;
                        }
                    }
                    _ => {}
                }
            }
        }
        if depth > 0 {
            if let Some((s, i)) = open_at {
                out.push(
                    ctx.text_span(s, i, i + '„'.len_utf8()),
                    "opening „ is never closed in this paragraph",
                    Some("add the closing “".into()),
                );
            }
        }
    }
}
