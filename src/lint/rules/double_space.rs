use crate::ast::Kind;
use crate::lint::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// Two or more spaces in a row inside a line of law text.
///
/// ## Why
/// Runs of spaces are invisible in print but show up in diffs and in
/// amending laws that quote the text („die Wörter „…“ werden ersetzt“).
///
/// ## Example
/// ```text
/// Dieses Gesetz  regelt den Umgang ...
/// ```
///
/// ## Instead
/// One space between words (`paragraf fmt` removes the others).
pub const RULE: Rule = Rule {
    code: "T004",
    name: "double-space",
    summary: "Several spaces in a row",
    severity: Severity::Info,
    source: include_str!("double_space.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    // where two spaces occur at all, in one pass over the source
    let hits: Vec<usize> = memchr::memmem::find_iter(ctx.src.as_bytes(), b"  ").collect();
    if hits.is_empty() {
        return;
    }
    ctx.doc.root.walk(&mut |n, _| {
        if n.kind != Kind::Satz {
            return;
        }
        let (a, b) = (
            n.span.start.min(ctx.src.len()),
            n.span.end.min(ctx.src.len()),
        );
        // (a run of spaces may begin one byte before the Satz)
        let k = hits.partition_point(|&h| h + 1 < a);
        if hits.get(k).is_none_or(|&h| h >= b) {
            return;
        }
        let Some(src) = ctx.src.get(a..b) else { return };
        for line in src.split('\n') {
            let body = line.trim();
            if let Some(k) = body.find("  ") {
                let off = a + (body.as_ptr() as usize - src.as_ptr() as usize) + k;
                let run = body[k..].len() - body[k..].trim_start_matches(' ').len();
                out.push(
                    ctx.span(off, off + run),
                    format!("{run} spaces in a row"),
                    Some("write one space".into()),
                );
            }
        }
    });
}
