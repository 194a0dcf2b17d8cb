use crate::{Ctx, Rule, Severity, Sink};

/// ## What it checks
/// The parser's warnings, at their line: chiefly where it had to choose how
/// to read a line of plain text (a line that starts like a unit „§ 5 …“,
/// „1.“, „(2)“ without a blank line before it, read as the unit or as text of
/// the paragraph above, with the escape that forces the other reading), a law
/// that yields no §, Artikel or Absatz at all, plain text outside of any
/// unit. Markdown says its structure by headings and has none of these.
/// Each warning has a stable code (`paragraf parse --json`):
/// `heading-without-blank`, `heading-as-text`, `item-as-text`,
/// `item-without-blank`, `satz-as-paragraph` (how a line was read),
/// `no-unit`, `text-outside-unit`, `nesting`, `front-matter`.
///
/// ## Why
/// Plain text says its structure by lines alone. Where a line could start a
/// unit or continue a Satz, a silent choice can lose a list or invent a §;
/// the drafter decides, and the text then says it.
///
/// ## Example
/// ```text
/// § 1 Frist
/// Die Frist endet am
/// 1. Januar 2027.
/// ```
///
/// ## Instead
/// ```text
/// § 1 Frist
/// Die Frist endet am 1. Januar 2027.
/// ```
/// (or a blank line before „1.“ where it is a Nummer, a backslash before a
/// line that must stay text: „\§ 5 Abs. 2 gilt“)
pub const RULE: Rule = Rule {
    code: "P001",
    name: "parse-warning",
    summary: "the parser read a line one way where it could be read another",
    severity: Severity::Warning,
    source: include_str!("parse_warning.rs"),
    check,
};

fn check(ctx: &Ctx, out: &mut Sink) {
    for w in &ctx.doc.warnings {
        let start = ctx.lines.line_start(w.line as usize);
        let line = &ctx.src[start..];
        let line = &line[..line.find(['\n', '\r']).unwrap_or(line.len())];
        // the warning's column counts characters from 1
        let col = line
            .char_indices()
            .nth((w.column as usize).saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        out.push(
            ctx.lines.span(start + col, start + line.len()),
            w.message.clone(),
            None,
        );
    }
}
