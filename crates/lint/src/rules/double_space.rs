use crate::{Ctx, Rule, Severity, Sink};
use syntax::ast::Kind;

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
    let bytes = ctx.src.as_bytes();
    let hits = inner_double_spaces(bytes);
    if hits.is_empty() {
        return;
    }
    // whether a pair of spaces starts in `[from, to)` (or one byte before)
    let any_in = |from: usize, to: usize| {
        let k = hits.partition_point(|&h| h + 1 < from);
        hits.get(k).is_some_and(|&h| h < to)
    };
    ctx.doc.root.walk(&mut |n, _| {
        if n.kind != Kind::Satz {
            return;
        }
        let (a, b) = (
            n.span.start.min(ctx.src.len()),
            n.span.end.min(ctx.src.len()),
        );
        if !any_in(a, b) {
            return;
        }
        let Some(src) = ctx.src.get(a..b) else { return };
        for line in src.split('\n') {
            let start = a + (line.as_ptr() as usize - src.as_ptr() as usize);
            if !any_in(start, start + line.len()) {
                continue;
            }
            let body = line.trim();
            if let Some(k) = memchr::memmem::find(body.as_bytes(), b"  ") {
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

/// Where two spaces occur inside a line (not as its indentation: only spaces
/// and tabs before them on their line), in one pass over the source. A look
/// back that reaches the previous pair over spaces and tabs takes that pair's
/// answer, so a long run of spaces is read once, not once per pair.
fn inner_double_spaces(bytes: &[u8]) -> Vec<usize> {
    let mut hits = Vec::new();
    // the previous pair, and whether it indents its line
    let mut prev: Option<(usize, bool)> = None;
    for h in memchr::memmem::find_iter(bytes, b"  ") {
        let mut k = h;
        let indent = loop {
            if let Some((p, ind)) = prev {
                if k == p + 1 {
                    break ind;
                }
            }
            match k.checked_sub(1).map(|j| bytes[j]) {
                None | Some(b'\n') => break true,
                Some(b' ' | b'\t') => k -= 1,
                Some(_) => break false,
            }
        };
        prev = Some((h, indent));
        if !indent {
            hits.push(h);
        }
    }
    hits
}
