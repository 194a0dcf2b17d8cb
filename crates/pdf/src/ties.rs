//! Non-breaking spaces where the gazette keeps words together: „§ 5“, „§§ 3“,
//! „Art. 2“, „Absatz 1“, „Abs. 2“, „Nr. 3“, „Satz 1“, „Anhang III“, and the
//! whole of „§ 5 Abs. 2“. The text is not changed otherwise: only these
//! spaces become U+00A0, so the printed words and their order stay the same.

use std::borrow::Cow;

/// Words after which the space before a number is kept.
const BEFORE_NUMBER: &[&str] = &[
    "§",
    "§§",
    "Art.",
    "Artikel",
    "Abs.",
    "Absatz",
    "Absätze",
    "Nr.",
    "Nummer",
    "Satz",
    "Sätze",
    "Buchstabe",
    "Anlage",
    "Anhang",
    "Anlagen",
    "Anhänge",
];

/// Words that tie to the number before them when a „§“ or „Art.“ precedes it
/// („§ 5 Abs. 2“).
const AFTER_NUMBER: &[&str] = &["Abs.", "Absatz"];

/// A number as a law writes one: „5“, „5a“, „12c“, „3.16“, and for Anhänge „III“.
fn numberlike(w: &str, roman: bool) -> bool {
    let w = w.trim_end_matches([',', ';', '.', ')', ':']);
    let mut cs = w.chars();
    match cs.next() {
        // „3.16“: the numbering of the inland waterway rules
        Some(c) if c.is_ascii_digit() => w.chars().all(|c| c.is_alphanumeric() || c == '.'),
        Some(_) if roman => !w.is_empty() && w.chars().all(|c| "IVXLC".contains(c)),
        _ => false,
    }
}

/// A word as the list above names it: „(§“ is „§“.
fn bare(w: &str) -> &str {
    w.trim_start_matches(['(', '[', '„', '"', '\''])
}

/// The byte offsets of the spaces of `text` to make non-breaking.
pub fn positions(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if !text.contains(' ') {
        return out;
    }
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in text.split(' ') {
        words.push((at, w));
        at += w.len() + 1;
    }
    for i in 0..words.len() - 1 {
        let ((start, raw), (_, next)) = (words[i], words[i + 1]);
        let w = bare(raw);
        let roman = matches!(w, "Anlage" | "Anhang" | "Anlagen" | "Anhänge");
        let before = BEFORE_NUMBER.contains(&w) && numberlike(next, roman);
        let after = i > 0
            && AFTER_NUMBER.contains(&next)
            && numberlike(w, false)
            && matches!(bare(words[i - 1].1), "§" | "§§" | "Art.");
        if before || after {
            out.push(start + raw.len());
        }
    }
    out
}

/// `text[range]` with the spaces at `ties` (offsets into `text`) made non-breaking.
pub fn apply(text: &str, range: std::ops::Range<usize>, ties: &[usize]) -> String {
    let piece = &text[range.clone()];
    let first = ties.partition_point(|&p| p < range.start);
    let inside = ties[first..].iter().take_while(|&&p| p < range.end);
    let mut out = String::with_capacity(piece.len() + 8);
    let mut at = range.start;
    for &p in inside {
        out.push_str(&text[at..p]);
        out.push('\u{a0}');
        at = p + 1;
    }
    out.push_str(&text[at..range.end]);
    out
}

/// `text` with the spaces described above made non-breaking.
pub fn tie(text: &str) -> Cow<'_, str> {
    let ties = positions(text);
    if ties.is_empty() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(apply(text, 0..text.len(), &ties))
}

#[cfg(test)]
mod tests {
    use super::tie;

    #[test]
    fn ties_citations_and_leaves_the_rest() {
        let s = "nach § 5 Abs. 2 Satz 1 und §§ 3 bis 4, Art. 2, Anhang III oder § der Rest";
        assert_eq!(
            tie(s),
            "nach §\u{a0}5\u{a0}Abs.\u{a0}2 Satz\u{a0}1 und §§\u{a0}3 bis 4, Art.\u{a0}2, \
             Anhang\u{a0}III oder § der Rest"
        );
        assert_eq!(tie("Absatz 1 gilt."), "Absatz\u{a0}1 gilt.");
        assert_eq!(tie("ohne Zitat"), "ohne Zitat");
        assert_eq!(tie("§ 14a"), "§\u{a0}14a");
        assert_eq!(
            tie("eine Ware (§ 241a Absatz 1)"),
            "eine Ware (§\u{a0}241a\u{a0}Absatz\u{a0}1)"
        );
        assert_eq!(tie(""), "");
        // a run of the text (a citation's link) keeps the ties of the whole
        let s = "nach § 5 Abs. 2 gilt";
        let ties = super::positions(s);
        assert_eq!(
            super::apply(s, 5..s.len(), &ties),
            "§\u{a0}5\u{a0}Abs.\u{a0}2 gilt"
        );
        assert_eq!(super::apply(s, 0..8, &ties), "nach §\u{a0}");
    }
}
