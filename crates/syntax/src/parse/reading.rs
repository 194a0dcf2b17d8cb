//! The reading rules of plain text that do not depend on blank lines: when a
//! line that looks like the start of a unit starts it although no blank line
//! precedes it (ARCHITECTURE.md, "Plain text without blank lines").
//!
//! The predicates here look at lines only; `build` applies them with the
//! open units at hand.

use super::lines::{Line, LineKind};

/// Month names: "1. Januar 2021" after "am" is a date, not the first Nummer.
const MONTHS: [&str; 13] = [
    "Januar",
    "Jänner",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

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
/// or a number set apart the same way ("68            Ga").
pub fn continues_numbered(src: &str, line: &Line) -> bool {
    if line.kind != LineKind::Text {
        return false;
    }
    let t = &src[line.content.0..line.content.1];
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&d) && t[d..].starts_with("  ")
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

/// A "1." whose text is a month ("1. Januar 2021") is a date in running text.
pub fn is_date(content: &str) -> bool {
    let w = content.split_whitespace().next().unwrap_or("");
    MONTHS.iter().any(|m| w.trim_end_matches([',', '.']) == *m)
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
        assert!(!is_date("dem Hersteller,"));
    }
}
