//! Running text: normalization of wrapped lines, emphasis, and Satz splitting.
//!
//! A paragraph arrives as a list of source ranges (one per line, markers
//! already cut off). [`Paragraph::build`] joins them into one normalized
//! string (runs of spaces and line breaks become one space; `**`/`*`
//! emphasis delimiters removed and recorded) and keeps a map back to the
//! source, so that every Satz gets an exact source span.

use crate::ast::Emphasis;

/// A stretch of normalized text that is a verbatim copy of the source.
#[derive(Debug, Clone, Copy)]
struct Piece {
    norm: usize,
    src: usize,
    len: usize,
}

/// Normalized text of a paragraph with its map to the source.
#[derive(Debug, Default)]
pub struct Paragraph {
    /// The normalized text.
    pub text: String,
    /// The emphasis in it (`*`, `**`), as ranges of `text`.
    pub emphasis: Vec<Emphasis>,
    pieces: Vec<Piece>,
}

/// Bytes at which a run of text may end or markup begin: a space, a tab, the
/// first byte of a wide space (E2), a backslash.
static RUN_STOP: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[0xE2] = true;
    t[b'\\' as usize] = true;
    t
};

/// Skip plain text eight bytes at a time: up to the first byte that is a tab,
/// a backslash, 0xE2 (the start of a wide space, or of a quote or a dash), or a
/// space followed by a space, a tab or 0xE2. It may stop early, never late:
/// the byte loop after it decides. (A byte at a time, this loop was a tenth
/// of a parse.)
#[inline]
fn skip_plain(b: &[u8], mut i: usize, stop: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // high bit of each byte equal to `x` (exact for the lowest one; a byte
    // above a match may be flagged too, which only stops the skip early)
    let eq = |v: u64, x: u8| {
        let y = v ^ (LO * x as u64);
        y.wrapping_sub(LO) & !y & HI
    };
    while i + 9 <= stop {
        let v = u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        let w = u64::from_le_bytes(b[i + 1..i + 9].try_into().unwrap_or([0; 8]));
        let spaceish = |v: u64| eq(v, b' ') | eq(v, b'\t') | eq(v, 0xE2);
        let m = eq(v, b'\t') | eq(v, b'\\') | eq(v, 0xE2) | (eq(v, b' ') & spaceish(w));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i
}

/// Byte length of a collapsible space at `i` (0 if none). NBSP and narrow
/// NBSP are kept: they are meaningful ("§\u{A0}5").
#[inline]
fn space_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' | b'\t' => 1,
        // U+2007 figure space, U+2008 punctuation space, U+2009 thin space
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x87..=0x89)) => 3,
        _ => 0,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Delim {
    Strong,
    Em,
}

impl Paragraph {
    /// Build from source line ranges `(start, end)` (end excludes the newline).
    pub fn build(src: &str, lines: &[(usize, usize)]) -> Paragraph {
        Paragraph::build_with(src, lines, true)
    }

    /// `single_star`: whether `*x*` is emphasis (Markdown) or literal text
    /// (the drafters' plain text, where only `**x**` marks emphasis).
    pub fn build_with(src: &str, lines: &[(usize, usize)], single_star: bool) -> Paragraph {
        let mut p = Paragraph {
            text: String::with_capacity(lines.iter().map(|l| l.1 - l.0 + 1).sum()),
            ..Default::default()
        };
        // Collect delimiter candidates first (in source offsets), then pair them.
        let delims = find_emphasis(src, lines, single_star);
        let mut di = 0;
        let mut open: Option<(Delim, usize)> = None;
        let mut pending_space = false;
        let bytes = src.as_bytes();
        for &(ls, le) in lines {
            let mut i = ls;
            while i < le {
                if di < delims.len() && delims[di].0 == i {
                    let (_, len, kind, is_open) = delims[di];
                    di += 1;
                    if is_open {
                        if pending_space && !p.text.is_empty() {
                            p.text.push(' ');
                        }
                        pending_space = false;
                        open = Some((kind, p.text.len()));
                    } else if let Some((k, st)) = open.take() {
                        p.emphasis.push(Emphasis {
                            start: st,
                            end: p.text.len(),
                            strong: k == Delim::Strong,
                        });
                    }
                    i += len;
                    continue;
                }
                let sp = space_len(bytes, i);
                if sp > 0 {
                    pending_space = true;
                    i += sp;
                    continue;
                }
                if pending_space && !p.text.is_empty() {
                    p.text.push(' ');
                }
                pending_space = false;
                // copy a run up to the next space or delimiter
                let stop = if di < delims.len() {
                    delims[di].0.min(le)
                } else {
                    le
                };
                let mut run_start = i;
                while i < stop {
                    i = skip_plain(bytes, i, stop);
                    if i >= stop {
                        break;
                    }
                    // plain bytes are copied as they are; only these need a look
                    if !RUN_STOP[bytes[i] as usize] {
                        i += 1;
                        continue;
                    }
                    let b = bytes[i];
                    // Markdown's backslash escape ("1\. Januar", "C\_2"): the
                    // backslash is markup, the character after it is text
                    // plain text knows one escape: "\*" for a star that is no emphasis
                    if (single_star || bytes.get(i + 1) == Some(&b'*'))
                        && i + 1 < stop
                        && is_escape(bytes, i)
                    {
                        if i > run_start {
                            p.push_src(&src[run_start..i], run_start);
                        }
                        run_start = i + 1;
                        i += 2;
                        continue;
                    }
                    if b == b' ' {
                        // a single space between words is copied as it is
                        if i + 1 < stop && space_len(bytes, i + 1) == 0 {
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    if b == b'\t' || (b == 0xE2 && space_len(bytes, i) > 0) {
                        break;
                    }
                    i += 1;
                }
                // i is on a char boundary: stops are ASCII or the start of a 3-byte space
                if i > run_start {
                    p.push_src(&src[run_start..i], run_start);
                }
            }
            pending_space = true;
        }
        p
    }

    fn push_src(&mut self, s: &str, src: usize) {
        if let Some(last) = self.pieces.last_mut() {
            if last.norm + last.len == self.text.len() && last.src + last.len == src {
                last.len += s.len();
                self.text.push_str(s);
                return;
            }
        }
        self.pieces.push(Piece {
            norm: self.text.len(),
            src,
            len: s.len(),
        });
        self.text.push_str(s);
    }

    /// Source offset of a normalized offset (start of a character).
    pub fn src_offset(&self, norm: usize) -> usize {
        if self.pieces.is_empty() {
            return 0;
        }
        let i = match self.pieces.binary_search_by(|p| p.norm.cmp(&norm)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let p = self.pieces[i];
        if norm < p.norm + p.len {
            p.src + (norm - p.norm)
        } else if i + 1 < self.pieces.len() {
            // a synthesized space: map to the next piece's start
            self.pieces[i + 1].src
        } else {
            p.src + p.len
        }
    }

    /// Source offset just after the normalized offset `norm_end` (exclusive end).
    pub fn src_end(&self, norm_end: usize) -> usize {
        if norm_end == 0 || self.pieces.is_empty() {
            return self.src_offset(0);
        }
        // end of the character before norm_end
        let mut k = norm_end - 1;
        while !self.text.is_char_boundary(k) {
            k -= 1;
        }
        let c = self.text[k..]
            .chars()
            .next()
            .map(|c| c.len_utf8())
            .unwrap_or(1);
        let i = match self.pieces.binary_search_by(|p| p.norm.cmp(&k)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let p = self.pieces[i];
        if k < p.norm + p.len {
            p.src + (k - p.norm) + c
        } else {
            p.src + p.len
        }
    }

    /// Emphasis runs within `[start, end)`, rebased to `start`.
    pub fn emphasis_in(&self, start: usize, end: usize) -> Vec<Emphasis> {
        self.emphasis
            .iter()
            .filter(|e| e.end > start && e.start < end)
            .map(|e| Emphasis {
                start: e.start.max(start) - start,
                end: e.end.min(end) - start,
                strong: e.strong,
            })
            .collect()
    }
}

/// `s` without the `**` pairs the plain-text reader would take for emphasis
/// delimiters: what `fmt` writes reads back with the same text.
pub fn strip_plain_emphasis(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("**") {
        return std::borrow::Cow::Borrowed(s);
    }
    let delims = find_emphasis(s, &[(0, s.len())], false);
    if delims.is_empty() {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (off, len, _, _) in delims {
        out.push_str(&s[at..off]);
        at = off + len;
    }
    out.push_str(&s[at..]);
    std::borrow::Cow::Owned(out)
}

/// Emphasis delimiters `(src offset, len, kind, is_open)`, paired; unpaired ones are dropped.
fn find_emphasis(
    src: &str,
    lines: &[(usize, usize)],
    single_star: bool,
) -> Vec<(usize, usize, Delim, bool)> {
    let mut cands: Vec<(usize, usize, Delim, bool, bool)> = Vec::new(); // off, len, kind, can_open, can_close
    for &(ls, le) in lines {
        let line = &src[ls..le];
        if !line.contains('*') {
            continue;
        }
        let b = line.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'*' {
                i += 1;
                continue;
            }
            // an escaped star is a star ("\*")
            if i > 0 && b[i - 1] == b'\\' {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < b.len() && b[j] == b'*' {
                j += 1;
            }
            let run = j - i;
            let before = line[..i].chars().next_back();
            let after = line[j..].chars().next();
            let ws_before = before.is_none_or(|c| c.is_whitespace());
            let ws_after = after.is_none_or(|c| c.is_whitespace());
            let can_open = !ws_after && (ws_before || before.is_some_and(|c| !c.is_alphanumeric()));
            let can_close = !ws_before && (ws_after || after.is_some_and(|c| !c.is_alphanumeric()));
            let kind = match run {
                2 => Some(Delim::Strong),
                1 if single_star => Some(Delim::Em),
                _ => None,
            };
            if let Some(k) = kind {
                if can_open || can_close {
                    cands.push((ls + i, run, k, can_open, can_close));
                }
            }
            i = j;
        }
    }
    // the next closer of each kind at or after each candidate, in one backward pass
    let mut next_closer = vec![[usize::MAX; 2]; cands.len() + 1];
    for m in (0..cands.len()).rev() {
        next_closer[m] = next_closer[m + 1];
        if cands[m].4 {
            next_closer[m][cands[m].2 as usize] = m;
        }
    }
    // Pair: an opener with the next closer of the same kind, no nesting.
    let mut out = Vec::new();
    let mut k = 0;
    while k < cands.len() {
        let (off, len, kind, can_open, _) = cands[k];
        if can_open {
            let m = next_closer[k + 1][kind as usize];
            if m != usize::MAX {
                // anything between of the other kind is left literal
                out.push((off, len, kind, true));
                out.push((cands[m].0, cands[m].1, kind, false));
                k = m + 1;
                continue;
            }
        }
        k += 1;
    }
    out
}

const ABBREVIATIONS: &[&str] = &[
    "Abs", "Nr", "Art", "Buchst", "Bst", "bzw", "vgl", "ggf", "usw", "Dr", "St", "Ziff", "lit",
    "Anl", "Kap", "Abschn", "Bd", "gem", "einschl", "insbes", "sog", "Rn", "Tz", "Bek", "BGBl",
    "ca", "Hrsg", "Mio", "Mrd", "Nrn", "Abschn", "Verf", "Prof", "geb", "Std", "Min", "Sek",
    "zzgl", "inkl", "evtl", "jew", "lfd", "max", "min", "Tab", "Ges", "bzgl", "etc", "Var", "Alt",
    "Hs", "Halbs", "UAbs", "Unterabs", "Ref", "Bl", "Fn", "Anh", "Vorbem", "allg", "Reg", "Stand",
    "Abl", "ABl", "Sp", "Gl", "Ord", "Pos", "Tit", "i.V.m", "Nrn", "Buchst", "Dipl", "Ing", "med",
    "jur", "rer", "nat", "pol", "oec", "phil", "Gebr", "mbH", "Co", "Kfz", "Ltr", "bspw", "o.ä",
    "u.ä", "z.B", "d.h", "u.a", "i.S.d", "i.S.v", "i.d.F", "v.H", "u.U", "s.o", "s.u", "o.g",
    "a.F", "n.F",
];

fn is_month(w: &str) -> bool {
    w == "Jänner" || crate::date::MONATE.contains(&w)
}

/// Words after which a number is that of a unit or a year, so a period after
/// it ends the Satz ("nach Absatz 3.", "im Jahr 2025."): the unit words of
/// the vocabulary in all their forms, and the year.
fn numbers_unit(w: &str) -> bool {
    crate::vocab::is_unit_word(w) || matches!(w, "Jahr" | "Jahres" | "Jahre")
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// Markdown's backslash escapes taken out: a backslash before ASCII
/// punctuation is markup ("1\\. Januar" reads "1. Januar").
pub fn unescape_markdown(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\\') {
        return std::borrow::Cow::Borrowed(s);
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut from, mut i) = (0, 0);
    while i < b.len() {
        if is_escape(b, i) {
            // both bytes are ASCII: the cuts are char boundaries
            out.push_str(&s[from..i]);
            from = i + 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[from..]);
    std::borrow::Cow::Owned(out)
}

/// A Markdown backslash escape at byte `i`: a backslash before ASCII punctuation.
pub fn is_escape(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&b'\\') && b.get(i + 1).is_some_and(u8::is_ascii_punctuation)
}

/// A Satznummer as juris prints it: at the start of a line (after the
/// indentation), one or two digits, then a run of at least ten spaces up to
/// the text column, where a Satz begins ("2             Sie hat …"). `(marker start, text start,
/// number)` in the paragraph's normalized text, only where the numbers run on
/// (1, 2, 3, …; the first may go on from an earlier paragraph, and is at least
/// 2 after unnumbered text).
pub fn satznummern(p: &Paragraph, src: &str) -> Vec<(usize, usize, u32)> {
    let t = p.text.as_bytes();
    let sb = src.as_bytes();
    // a Satznummer stands before ten spaces: most paragraphs have no such run
    let (from, to) = (p.src_offset(0), p.src_end(t.len()).min(sb.len()));
    if from >= to || memchr::memmem::find(&sb[from..to], b"          ").is_none() {
        return Vec::new();
    }
    let mut out: Vec<(usize, usize, u32)> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        let at_word = k == 0 || t[k - 1] == b' ';
        if !at_word || !t[k].is_ascii_digit() {
            k += 1;
            continue;
        }
        let d = t[k..].iter().take_while(|b| b.is_ascii_digit()).count();
        if d > 2 || t.get(k + d) != Some(&b' ') {
            k += d;
            continue;
        }
        let num: u32 = p.text[k..k + d].parse().unwrap_or(0);
        // the numbering may go on from text before a list ("2" below its Nummern)
        let fits = match out.last() {
            Some(&(_, _, n)) => num == n + 1,
            None if k == 0 => num >= 1,
            None => num >= 2,
        };
        let s = p.src_offset(k);
        let line_start = sb[..s.min(sb.len())]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|&b| b == b' ' || b == b'\t');
        let gap = sb[(s + d).min(sb.len())..]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        // a Satz starts there: not a superscript ("kg/m" / "2             )")
        let starts_satz = p.text[k + d + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || matches!(c, '§' | '„'));
        if fits && line_start && gap >= 10 && starts_satz {
            out.push((k, k + d + 1, num));
        }
        k += d;
    }
    out
}

/// Split normalized text into Sätze; returns byte ranges (trimmed).
///
/// A Satz ends at ".", "!" or "?" (optionally followed by a closing quote or
/// parenthesis) when a space and an upper-case letter, „ or § follow, and the
/// word before the period is not an abbreviation ("Abs.", "z. B.", "S."), an
/// ordinal ("18. Lebensjahr") or the day of a date ("14. Oktober 2025").
pub fn split_saetze(t: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = t.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // the next sentence mark
        match memchr::memchr3(b'.', b'!', b'?', &b[i..]) {
            Some(k) => i += k,
            None => break,
        }
        let c = b[i];
        // skip closing quotes/parens
        let mut j = i + 1;
        loop {
            if t[j..].starts_with('“') || t[j..].starts_with('”') {
                j += '“'.len_utf8();
            } else if j < b.len() && (b[j] == b'"' || b[j] == b')' || b[j] == b'\'') {
                j += 1;
            } else {
                break;
            }
        }
        if j < b.len() && b[j] == b' ' {
            let next = t[j + 1..].chars().next();
            let starts_sentence = next.is_some_and(|n| n.is_uppercase() || n == '„' || n == '§');
            if starts_sentence && (c != b'.' || period_ends_sentence(t, i, j + 1)) {
                out.push((start, j));
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        i = j;
    }
    if start < t.len() {
        out.push((start, t.len()));
    }
    out.retain(|&(s, e)| e > s);
    out
}

fn period_ends_sentence(t: &str, dot: usize, next_start: usize) -> bool {
    let before = &t[..dot];
    let tok_start = before
        .rfind([' ', '(', '„', '/', '\u{a0}'])
        .map(|k| {
            k + before[k..]
                .chars()
                .next()
                .map(|c| c.len_utf8())
                .unwrap_or(1)
        })
        .unwrap_or(0);
    let tok = &before[tok_start..];
    if tok.is_empty() {
        return true;
    }
    let next_word: &str = t[next_start..].split([' ', ',', '.']).next().unwrap_or("");
    if is_month(next_word) {
        return false;
    }
    // single letters: "z. B.", "S.", "u. a."
    let mut chars = tok.chars();
    if let (Some(c0), None) = (chars.next(), chars.next()) {
        if c0.is_alphabetic() {
            return false;
        }
    }
    if ABBREVIATIONS.contains(&tok)
        || tok.contains('.') && ABBREVIATIONS.contains(&tok.trim_end_matches('.'))
    {
        return false;
    }
    // "z.B" style tokens with inner periods
    if tok.chars().filter(|&c| c == '.').count() >= 1
        && tok.len() <= 8
        && tok.chars().all(|c| c.is_alphabetic() || c == '.')
    {
        return false;
    }
    let digits = tok.trim_start_matches(|c: char| !c.is_ascii_digit());
    if tok.chars().next().is_some_and(|c| c.is_ascii_digit())
        || (!digits.is_empty() && digits.len() < tok.len() && tok.starts_with('§'))
    {
        // number: a reference ("§ 5.") or a year ends a Satz; an ordinal does not.
        let prev_word = before[..tok_start]
            .trim_end()
            .rsplit(' ')
            .next()
            .unwrap_or("");
        if numbers_unit(prev_word) || is_month(prev_word) {
            return true;
        }
        if tok.len() == 4 && tok.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
        if tok.chars().any(|c| c.is_ascii_alphabetic()) {
            return true; // "4a."
        }
        return false;
    }
    if is_roman(tok) {
        return true;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// `skip_plain` passes over bytes the byte loop would copy as they
        /// are, and no other.
        #[test]
        fn skip_plain_skips_only_plain_bytes(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "Zeit", " ", "  ", "\t", "\\", "\\*", "ä", "„", "“", "\u{2009}", "\u{a0}", "–", "§", "1."]),
                0..40,
            ),
            from in 0usize..64,
            cut in 0usize..64,
        ) {
            let s: String = parts.concat();
            let b = s.as_bytes();
            let stop = b.len().saturating_sub(cut);
            let i = from.min(stop);
            let r = skip_plain(b, i, stop);
            proptest::prop_assert!(i <= r && r <= stop);
            for p in i..r {
                let plain = !RUN_STOP[b[p] as usize]
                    || (b[p] == b' ' && p + 1 < stop && space_len(b, p + 1) == 0);
                proptest::prop_assert!(plain, "{s:?} {p}");
            }
        }
    }

    fn saetze(t: &str) -> Vec<&str> {
        split_saetze(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn splits_saetze_but_not_abbreviations() {
        assert_eq!(
            saetze("Klassische Waffen (z. B. Schusswaffen, Messer) sind nicht erfasst. Das gilt ab dem 18. Lebensjahr. Nach Abs. 2 S. 1 Nr. 3 gilt das. Ab 14. Oktober 2025 gilt es."),
            vec![
                "Klassische Waffen (z. B. Schusswaffen, Messer) sind nicht erfasst.",
                "Das gilt ab dem 18. Lebensjahr.",
                "Nach Abs. 2 S. 1 Nr. 3 gilt das.",
                "Ab 14. Oktober 2025 gilt es."
            ]
        );
        assert_eq!(
            saetze("Es gilt § 5. Satz 1 gilt nicht."),
            vec!["Es gilt § 5.", "Satz 1 gilt nicht."]
        );
        assert_eq!(
            saetze("Er trat 2020. Dann ging er."),
            vec!["Er trat 2020.", "Dann ging er."]
        );
        assert_eq!(
            saetze("die VIRES-Gesetzesreihe (u. a. Transparenz) sowie"),
            vec!["die VIRES-Gesetzesreihe (u. a. Transparenz) sowie"]
        );
    }

    #[test]
    fn normalizes_and_maps_back() {
        let src = "Das  **Bundesamt**\n  für KI";
        let p = Paragraph::build(src, &[(0, 18), (19, src.len())]);
        assert_eq!(p.text, "Das Bundesamt für KI");
        assert_eq!(p.emphasis.len(), 1);
        assert_eq!(&p.text[p.emphasis[0].start..p.emphasis[0].end], "Bundesamt");
        assert_eq!(p.src_offset(4), 7);
        assert_eq!(&src[p.src_offset(14)..p.src_end(p.text.len())], "für KI");
    }

    #[test]
    fn lone_asterisks_are_text() {
        let src = "Anlage 1*) gilt * hier";
        let p = Paragraph::build(src, &[(0, src.len())]);
        assert_eq!(p.text, src);
    }
}
