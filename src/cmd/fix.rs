//! `paragraf lint --fix` and `--diff`: the fixes that are certain, for
//! C001 (abbreviated-citation), C002 (dash-range), T003 (straight-quotes) and
//! T004 (double-space). A finding whose fix is not certain (a plural after
//! „den“, a quotation mark between two letters, a range whose dash cannot be
//! found once) is left for the drafter and stays in the report.

use super::checked::Checked;
use std::ops::Range;

/// Which rule a fix answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fixable {
    /// C001: „Abs.“ → „Absatz“.
    AbbreviatedCitation,
    /// C002: „§§ 3-5“ → „§§ 3 bis 5“.
    DashRange,
    /// T003: `"` → „ or “.
    StraightQuotes,
    /// T004: several spaces → one.
    DoubleSpace,
}

impl Fixable {
    fn of(code: &str) -> Option<Fixable> {
        Some(match code {
            "C001" => Fixable::AbbreviatedCitation,
            "C002" => Fixable::DashRange,
            "T003" => Fixable::StraightQuotes,
            "T004" => Fixable::DoubleSpace,
            _ => return None,
        })
    }
}

/// One edit of the source: replace the bytes `range` by `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub with: String,
    pub rule: Fixable,
}

/// What fixing a law gives: the new text, the edits made, and what the
/// wording check says.
pub struct Fixed {
    pub text: String,
    pub edits: Vec<Edit>,
}

/// Why the fixes of a law are not written.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    #[error("{path}: the fixes would change the wording beyond them; file left alone (please report this)")]
    Wording { path: String },
}

/// The fixes of one checked law; `None` when there is nothing to fix.
pub fn fix(c: &Checked) -> Result<Option<Fixed>, FixError> {
    let src = c.law.src.as_str();
    let mut edits: Vec<Edit> = Vec::new();
    for d in &c.diags {
        let Some(rule) = Fixable::of(d.code) else {
            continue;
        };
        let span = d.span.start.min(src.len())..d.span.end.min(src.len());
        match rule {
            Fixable::DoubleSpace => edits.extend(double_space(src, span)),
            Fixable::StraightQuotes => {
                edits.extend(straight_quote(src, span, d.help.as_deref().unwrap_or("")))
            }
            Fixable::DashRange | Fixable::AbbreviatedCitation => {
                let Some(r) = c.refs.iter().find(|r| {
                    r.reference.span.start == d.span.start && r.reference.span.end == d.span.end
                }) else {
                    continue;
                };
                if rule == Fixable::DashRange {
                    edits.extend(dash_ranges(src, &r.reference));
                } else {
                    edits.extend(abbreviations(src, &r.reference));
                }
            }
        }
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup();
    // overlapping edits: keep the first
    let mut kept: Vec<Edit> = Vec::new();
    for e in edits {
        if kept.last().is_none_or(|k| k.range.end <= e.range.start) {
            kept.push(e);
        }
    }
    if kept.is_empty() {
        return Ok(None);
    }
    let mut text = String::with_capacity(src.len());
    let mut at = 0;
    for e in &kept {
        text.push_str(&src[at..e.range.start]);
        text.push_str(&e.with);
        at = e.range.end;
    }
    text.push_str(&src[at..]);
    // the safety net: the wording is the same but for what the fixes meant
    let (before, after) = (syntax::parse(src), syntax::parse(&text));
    let pairs = abbreviation_pairs(src, &kept);
    let canon = |doc: &syntax::Document| canonical(&syntax::print::wording(doc), &pairs);
    if canon(&before) != canon(&after) {
        return Err(FixError::Wording {
            path: c.law.path.display().to_string(),
        });
    }
    Ok(Some(Fixed { text, edits: kept }))
}

/// T004: the run of spaces becomes one.
fn double_space(src: &str, span: Range<usize>) -> Option<Edit> {
    let run = src.get(span.clone())?;
    (run.len() >= 2 && run.bytes().all(|b| b == b' ')).then(|| Edit {
        range: span,
        with: " ".into(),
        rule: Fixable::DoubleSpace,
    })
}

/// T003: a straight quotation mark whose side is clear from its neighbours
/// (a space or the line's start before and a letter after: „; a letter or a
/// punctuation mark before and a space, punctuation or the line's end after:
/// “) and agrees with the rule's reading.
fn straight_quote(src: &str, span: Range<usize>, help: &str) -> Option<Edit> {
    if src.get(span.clone())? != "\"" {
        return None;
    }
    let before = src[..span.start].chars().next_back();
    let after = src[span.end..].chars().next();
    let open_before = before.is_none_or(|c| c.is_whitespace() || "([/–—-".contains(c));
    let closed_after = after.is_none_or(|c| c.is_whitespace() || ".,;:!?)]–—-".contains(c));
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '§');
    let with = match (open_before, closed_after) {
        (true, false) if word(after) || after == Some('„') => "„",
        (false, true) => "“",
        _ => return None,
    };
    help.contains(with).then(|| Edit {
        range: span,
        with: with.into(),
        rule: Fixable::StraightQuotes,
    })
}

/// C002: the dash of each range written with one, where it stands exactly
/// once between the two numbers in the citation's source.
fn dash_ranges(src: &str, r: &refs::Reference) -> Vec<Edit> {
    let mut out = Vec::new();
    let Some(text) = src.get(r.span.start..r.span.end) else {
        return out;
    };
    for step in &r.steps {
        for it in step.items.iter().filter(|i| i.dash) {
            let Some(to) = it.to.as_deref() else { continue };
            let found = find_dash_range(text, &it.from, to);
            if let [(a, b)] = found.as_slice() {
                out.push(Edit {
                    range: r.span.start + a..r.span.start + b,
                    with: " bis ".into(),
                    rule: Fixable::DashRange,
                });
            }
        }
    }
    out
}

/// The byte ranges (spaces and dash) between `from` and `to` in `text`
/// where `from`, optional spaces, a dash, optional spaces and `to` stand as
/// whole numbers.
fn find_dash_range(text: &str, from: &str, to: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let alnum_at = |s: &str| s.chars().next().is_some_and(char::is_alphanumeric);
    for (i, _) in text.match_indices(from) {
        if text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let start = i + from.len();
        let rest = &text[start..];
        let trimmed = rest.trim_start_matches(' ');
        let Some(dash) = trimmed
            .chars()
            .next()
            .filter(|c| matches!(c, '-' | '–' | '‐'))
        else {
            continue;
        };
        let after = trimmed[dash.len_utf8()..].trim_start_matches(' ');
        if !after.starts_with(to) || alnum_at(&after[to.len()..]) {
            continue;
        }
        let end = text.len() - after.len();
        out.push((start, end));
    }
    out
}

/// C001: each abbreviated unit word, written out where its form is certain:
/// the genitive after „des“, the plural for several numbers after „die“ or
/// „der“ („die Absätze 1 und 2“; without an article the law writes the
/// singular: „§ 2 Nummer 1 und 2“), the singular otherwise; never after „den“
/// (the dative plural „den Absätzen“ is not a form refs reads back).
fn abbreviations(src: &str, r: &refs::Reference) -> Vec<Edit> {
    let mut out = Vec::new();
    let Some(text) = src.get(r.span.start..r.span.end) else {
        return out;
    };
    for step in &r.steps {
        let Some(abbr) = step.abbreviation.as_deref() else {
            continue;
        };
        let Some(unit) = step.level.kind().and_then(syntax::vocab::of) else {
            continue;
        };
        let hits: Vec<usize> = text
            .match_indices(abbr)
            .map(|(i, _)| i)
            .filter(|&i| {
                !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[i + abbr.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
            .collect();
        let [i] = hits.as_slice() else { continue };
        let at = r.span.start + i;
        let article = src[..at].trim_end_matches(' ');
        let after_word = |w: &str| {
            article.ends_with(w)
                && !article[..article.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
        };
        let several = step.items.len() > 1 || step.items.iter().any(|it| it.to.is_some());
        let article = ["die", "Die", "der", "Der"].iter().any(|w| after_word(w));
        let genitive = after_word("des") || after_word("Des");
        let word = if after_word("den") || after_word("Den") || (several && genitive) {
            continue;
        } else if several && article {
            unit.plural
        } else if genitive {
            unit.genitive
        } else {
            unit.singular
        };
        out.push(Edit {
            range: at..at + abbr.len(),
            with: word.to_string(),
            rule: Fixable::AbbreviatedCitation,
        });
    }
    out
}

/// The abbreviations replaced and what replaced them.
fn abbreviation_pairs(src: &str, edits: &[Edit]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = edits
        .iter()
        .filter(|e| e.rule == Fixable::AbbreviatedCitation)
        .map(|e| (src[e.range.clone()].to_string(), e.with.clone()))
        .collect();
    pairs.sort();
    pairs.dedup();
    // longer words first, so that „Absatzes“ is not read as „Absatz“ + „es“
    pairs.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
    pairs
}

/// Wording with what the fixes change made alike: quotation marks, a range's
/// „bis“ and its dash, and each written-out word and its abbreviation.
fn canonical(wording: &str, pairs: &[(String, String)]) -> String {
    let mut s = wording.replace(['„', '“'], "\"");
    for (abbr, word) in pairs {
        s = s.replace(word.as_str(), abbr);
    }
    s.replace(" bis ", "-")
        .replace(['–', '‐'], "-")
        .replace(" - ", "-")
        .replace(" -", "-")
        .replace("- ", "-")
}

/// A unified diff of a fix, as `--diff` prints it.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    let d = similar::TextDiff::from_lines(old, new);
    d.unified_diff()
        .context_radius(1)
        .header(path, &format!("{path} (fixed)"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_range_found_once_between_whole_numbers() {
        // „§“ is two bytes
        assert_eq!(find_dash_range("§§ 3-5", "3", "5"), vec![(6, 7)]);
        assert_eq!(find_dash_range("§§ 3 – 5", "3", "5"), vec![(6, 11)]);
        assert_eq!(find_dash_range("§§ 13-5", "3", "5"), vec![]);
        assert_eq!(find_dash_range("§§ 3-55", "3", "5"), vec![]);
    }

    #[test]
    fn quotes_only_where_their_side_is_clear() {
        let q = |s: &str, help: &str| {
            let i = s.find('"').unwrap();
            straight_quote(s, i..i + 1, help).map(|e| e.with)
        };
        assert_eq!(q("das Wort \"Bund\" ist", "write „").as_deref(), Some("„"));
        assert_eq!(q("das Wort „Bund\" ist", "write “").as_deref(), Some("“"));
        // the rule read it the other way: not certain
        assert_eq!(q("das Wort \"Bund ist", "write “"), None);
        // between two letters: no side
        assert_eq!(q("a\"b", "write „"), None);
    }
}
