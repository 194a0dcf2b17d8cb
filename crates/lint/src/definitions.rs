//! Abbreviations defined in parentheses („(BKIE)“) and their uses (D001,
//! D002).

use crate::Ctx;
use syntax::ast::{Kind, Span};

/// An abbreviation defined in parentheses, and where.
pub(crate) struct Definition {
    /// The abbreviation („BKIE“).
    pub abbr: String,
    /// Where it stands between its parentheses.
    pub span: Span,
}

/// An abbreviation: 2 to 10 letters (digits and hyphens inside), at least two of them capitals.
fn is_abbr(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && s.chars().next().is_some_and(|c| c.is_uppercase())
        && s.chars().filter(|c| c.is_uppercase()).count() >= 2
        && s.chars().all(|c| c.is_alphanumeric() || c == '-')
        && !s.chars().all(|c| "IVXLCDM".contains(c))
}

/// "(BKIE)" after a name.
pub(crate) fn definitions(ctx: &Ctx) -> Vec<Definition> {
    let mut out = Vec::new();
    ctx.doc.root.walk(&mut |n, _| {
        if n.kind != Kind::Satz {
            return;
        }
        let Some(t) = n.text.as_deref() else { return };
        let mut from = 0;
        while let Some(k) = t[from..].find('(') {
            let a = from + k + 1;
            if let Some(e) = t[a..].find(')') {
                let inner = &t[a..a + e];
                if is_abbr(inner) && a >= 2 {
                    out.push(Definition {
                        abbr: inner.to_string(),
                        span: ctx.text_span(n, a, a + e),
                    });
                }
            }
            from = a;
        }
    });
    out
}

/// Uses of the defined abbreviations that come before their first
/// definition (`first`: each abbreviation's first definition), with their spans.
pub(crate) fn uses_before(
    ctx: &Ctx,
    first: &rustc_hash::FxHashMap<&str, Span>,
) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let Some(last) = first.values().map(|s| s.start).max() else {
        return out;
    };
    let finders: Vec<(&str, &Span, memchr::memmem::Finder)> = first
        .iter()
        .map(|(abbr, def)| (*abbr, def, memchr::memmem::Finder::new(abbr.as_bytes())))
        .collect();
    ctx.doc.root.walk(&mut |n, _| {
        // a unit that starts after every definition has no use before one
        if n.kind != Kind::Satz || n.span.start > last {
            return;
        }
        let Some(t) = n.text.as_deref() else { return };
        // each abbreviation's occurrences as a whole word, in text order
        let word = |c: char| c.is_alphanumeric() || c == '-';
        let mut hits: Vec<(usize, usize, &str, &Span)> = Vec::new();
        for (abbr, def, finder) in &finders {
            if n.span.start > def.start {
                continue;
            }
            for a in finder.find_iter(t.as_bytes()) {
                let i = a + abbr.len();
                let open = t[..a].chars().next_back().is_none_or(|c| !word(c));
                let close = t[i..].chars().next().is_none_or(|c| !word(c));
                if open && close {
                    hits.push((a, i, abbr, def));
                }
            }
        }
        hits.sort_unstable_by_key(|h| h.0);
        for (a, i, w, def) in hits {
            let defining = t[..a].ends_with('(') && t[i..].starts_with(')');
            if !defining {
                let span = ctx.text_span(n, a, i);
                if span.start < def.start {
                    out.push((w.to_string(), span));
                }
            }
        }
    });
    out
}
