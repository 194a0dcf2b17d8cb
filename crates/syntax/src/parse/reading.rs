//! The reading rules of plain text that do not depend on blank lines: when a
//! line that looks like the start of a unit starts it although no blank line
//! precedes it (ARCHITECTURE.md, "Plain text without blank lines").
//!
//! The predicates here look at lines only; `build` applies them with the
//! open units at hand.

use super::lines::{Line, LineKind};

/// One paragraph per line: plain text with no blank line between its first
/// and its last line (Word's "Nur Text" export). Every line is a paragraph of
/// its own, except the Satznummer lines of a numbered paragraph.
pub fn one_paragraph_per_line(lines: &[Line]) -> bool {
    let first = lines.iter().position(|l| l.kind != LineKind::Blank);
    let last = lines.iter().rposition(|l| l.kind != LineKind::Blank);
    match (first, last) {
        (Some(f), Some(l)) if l > f => lines[f..=l].iter().all(|l| l.kind != LineKind::Blank),
        _ => false,
    }
}

/// A line that continues a paragraph even where every line is one: a
/// Satznummer ("2             Die Behörde …") under the paragraph's marker,
/// or a number set apart the same way after text that breaks off
/// ("… mit (⏎68            Ga)Gallium"). Indented, it continues the
/// paragraph above only if right of the text of the list item around the
/// paragraph's own (`outer`, 0 when there is none): else it is a paragraph
/// of that item ("3             Die Sätze …" under Nummer 5 after its
/// Buchstaben). None: the line is no such number,
/// the first line, or indented less; Some(false): one at the margin after a whole
/// sentence, read as a paragraph of its own (the Satz after a list: "3
/// Bei …"), where indented it would continue the paragraph above.
pub fn continues_numbered(
    src: &str,
    line: &Line,
    prev: Option<&str>,
    outer: usize,
) -> Option<bool> {
    if line.kind != LineKind::Text {
        return None;
    }
    let t = &src[line.content.0..line.content.1];
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&d) || !t[d..].starts_with("  ") {
        return None;
    }
    let p = prev?;
    let last = p.rsplit('\n').next().unwrap_or(p).trim();
    // the next Satznummer after one ("1             …⏎2             …")
    let pd = last.bytes().take_while(u8::is_ascii_digit).count();
    let next_satz = (1..=2).contains(&pd)
        && last[pd..].starts_with("  ")
        && last[..pd].parse::<u32>().ok().map(|n| n + 1) == t[..d].parse().ok();
    if line.indent > 0 {
        return (line.indent > outer).then_some(true);
    }
    Some(
        next_satz || !ends_sentence(p) && leading_marker(last).is_none_or(|m| m.len() < last.len()),
    )
}

/// The marker a text starts with, markup and escape aside ("4." of
/// "4.[^F1] in Gebieten", "a)" of "\\* a) Bedeutung", "(2)"): the unit a
/// text stands for where the canonical form kept it from reading as one.
pub fn leading_marker(t: &str) -> Option<&str> {
    let t = t.trim_start_matches(['\\', '*', '-', ' ', '\t']);
    let b = t.as_bytes();
    let paren = b.first() == Some(&b'(');
    let from = usize::from(paren);
    let d = b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let l = b[from + d..]
        .iter()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let end = from + d + l;
    let ok = match b.get(end) {
        Some(b')') if paren => d > 0,
        Some(b')') => d == 0 && l > 0,
        Some(b'.') => !paren && d > 0 && l <= 2,
        _ => false,
    };
    ok.then(|| &t[..=end])
}

/// The marker a text starts with and the number of the last unit it stands
/// for: ("6.", "7") of "6. und 7. (weggefallen)", ("1.", "19") of "1. bis
/// 19.", ("3.", "4") of "\\3. 4.", ("4.", "4") of "4.[^F1] in Gebieten".
pub fn stands_for(t: &str) -> Option<(&str, &str)> {
    let m = leading_marker(t)?;
    let num = m.trim_matches(['(', ')', '.']);
    if m.starts_with('(') {
        return Some((m, num));
    }
    if m.ends_with(')') {
        return Some((m, letter_range_end(t, m, num)));
    }
    let start = t.find(m).map_or(0, |i| i + m.len());
    let mut last = num;
    let mut rest = &t[start..];
    // "1.9. Flächen" stands for Nummer 1 only
    while rest.starts_with([' ', '\t']) {
        let r = rest.trim_start();
        let joined = ["und ", "bis ", "- ", "– ", ", "]
            .iter()
            .find_map(|w| r.strip_prefix(w));
        let r = joined.unwrap_or(r).trim_start();
        let d = r.bytes().take_while(u8::is_ascii_digit).count();
        let l = r[d..].bytes().take_while(u8::is_ascii_lowercase).count();
        // "1. bis 4 (weggefallen)": after "bis" the dot may be missing
        let after = r[d + l..]
            .strip_prefix('.')
            .or_else(|| joined.and(Some(&r[d + l..])));
        match after {
            Some(a) if d > 0 && l <= 2 && (a.is_empty() || a.starts_with([' ', '\t'])) => {
                last = &r[..d + l];
                rest = a;
            }
            _ => break,
        }
    }
    Some((m, last))
}

/// Whether the text of a line ends a sentence (or a heading's title ends
/// like one): ".", "!", "?" or ";", before closing quotes or brackets.
pub fn ends_sentence(t: &str) -> bool {
    let t = t
        .trim_end()
        .trim_end_matches(['“', '”', '"', '\'', '’', '«', '»']);
    t.ends_with(['.', '!', '?', ';'])
}

/// Text that introduces a list on the next line: it ends with ":" or in the
/// middle of a sentence ("Ordnungswidrig handelt, wer vorsätzlich").
pub fn introduces_list(prev: &str) -> bool {
    let t = prev.trim_end();
    !t.is_empty() && !ends_sentence(t)
}

/// The last letter of "aa) und bb)", "a) bis c)": the range a Buchstabe
/// marker starts.
fn letter_range_end<'a>(t: &'a str, m: &str, num: &'a str) -> &'a str {
    let start = t.find(m).map_or(0, |i| i + m.len());
    let r = t[start..].trim_start();
    let Some(r) = ["und ", "bis "].iter().find_map(|w| r.strip_prefix(w)) else {
        return num;
    };
    let l = r.bytes().take_while(u8::is_ascii_lowercase).count();
    if l > 0 && r[l..].starts_with(')') {
        &r[..l]
    } else {
        num
    }
}

/// Text that ends in an elision ("… in Kraft: ..."): the list goes on with
/// any number.
pub fn after_elision(prev: &str) -> bool {
    let t = prev.trim_end();
    t.ends_with("...") || t.ends_with('…')
}

/// The number or letter a text ends in ("1" of "… ankaufen: 1.", "1" of
/// "… des 1. (weggefallen)", "a" of "2. a)"): an empty unit the line after
/// may continue.
pub fn trailing_number(prev: &str) -> Option<&str> {
    let prev = ["(weggefallen)", "(aufgehoben)"]
        .iter()
        .find_map(|w| prev.strip_suffix(w))
        .unwrap_or(prev)
        .trim_end();
    let last = prev.rsplit([' ', '\t', '\n']).next().unwrap_or("");
    let number = last
        .strip_suffix('.')
        .filter(|n| n.bytes().all(|c| c.is_ascii_digit()));
    let letter = last
        .strip_suffix(')')
        .filter(|n| n.bytes().all(|c| c.is_ascii_lowercase()));
    number
        .or(letter)
        .filter(|n| !n.is_empty() && last.len() < prev.len())
}

/// A "1." whose text is a month ("1. Januar 2021") is a date in running text.
pub fn is_date(content: &str) -> bool {
    let w = content.split_whitespace().next().unwrap_or("");
    // a month name ("1. Januar 2021" after "am" is a date, not the first
    // Nummer); Austrian "Jänner" too
    let w = w.trim_end_matches([',', '.']);
    w == "Jänner" || crate::date::MONATE.contains(&w)
}

/// German lists skip "j": "k)" follows "i)", "kk)" follows "ii)".
pub fn skips_j(prev: &str, next: &str) -> bool {
    !prev.is_empty()
        && prev.len() == next.len()
        && prev.bytes().all(|c| c == b'i')
        && next.bytes().all(|c| c == b'k')
}

/// The first marker of a list: "1", "a" or "aa".
pub fn first_of_list(num: &str) -> bool {
    matches!(num, "1" | "a" | "aa")
}

/// A backslash before the content escapes the line from every reading
/// but text.
pub fn escaped(src: &str, line: &Line) -> bool {
    src[..line.content.0].ends_with('\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_introductions() {
        assert!(ends_sentence("… in Kraft."));
        assert!(ends_sentence("„Sprengstoffwirkung.“"));
        assert!(!ends_sentence("erteilt werden:"));
        assert!(introduces_list("erteilt werden:"));
        assert!(introduces_list("wer vorsätzlich oder fahrlässig"));
        assert!(!introduces_list("Die Gebühr beträgt 5 Euro."));
        assert!(is_date("Januar 2021 in Kraft"));
        assert!(after_elision("in Kraft: ...") && !after_elision("in Kraft."));
        assert_eq!(trailing_number("ankaufen: 1."), Some("1"));
        assert_eq!(trailing_number("1."), None);
        assert_eq!(trailing_number("im Jahr 2019."), Some("2019"));
        assert_eq!(
            trailing_number("in den Fällen des 1. (weggefallen)"),
            Some("1")
        );
        assert_eq!(trailing_number("2. a)"), Some("a"));
        assert!(!is_date("dem Hersteller,"));
        assert!(skips_j("i", "k") && skips_j("ii", "kk") && !skips_j("i", "kk"));
        assert_eq!(leading_marker("4.[^F1] in Gebieten"), Some("4."));
        assert_eq!(leading_marker("\\* a) Bedeutung"), Some("a)"));
        assert_eq!(leading_marker("(1)"), Some("(1)"));
        // a numbered heading of an Anlage stands for Nummer 1: "2." follows it
        assert_eq!(leading_marker("1.3 Praktikum"), Some("1."));
        assert_eq!(leading_marker("als Kit mit ("), None);
        assert_eq!(stands_for("6. und 7. (weggefallen)"), Some(("6.", "7")));
        assert_eq!(stands_for("1. bis 19."), Some(("1.", "19")));
        assert_eq!(stands_for("\\3. 4."), Some(("3.", "4")));
        assert_eq!(stands_for("1. - 7."), Some(("1.", "7")));
        assert_eq!(stands_for("4.[^F1] in Gebieten"), Some(("4.", "4")));
        assert_eq!(stands_for("2. Januar 2020"), Some(("2.", "2")));
        assert_eq!(stands_for("1.9. Flächen"), Some(("1.", "1")));
        assert_eq!(stands_for("1. bis 4 (weggefallen)"), Some(("1.", "4")));
        assert_eq!(stands_for("1. Monat 2"), Some(("1.", "1")));
        assert_eq!(stands_for("aa) und bb) (weggefallen)"), Some(("aa)", "bb")));
        assert_eq!(stands_for("a) bis c) (weggefallen)"), Some(("a)", "c")));
        assert_eq!(stands_for("a) Bedeutung"), Some(("a)", "a")));
    }
}
