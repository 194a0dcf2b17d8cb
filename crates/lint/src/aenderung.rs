//! What the rules on amending laws (A001–A007) share: whether a text is an
//! amending law, its quotations with the words before them, and its lines
//! outside quotations.

/// Whether the source reads as an amending law: an Eingangssatz („… wird
/// wie folgt geändert:“) or a one-change command naming the law („…,
/// das zuletzt durch … geändert worden ist, wird …“).
pub(crate) fn is_amending_law(src: &str) -> bool {
    // one pass for the word all four forms share
    memchr::memmem::find(src.as_bytes(), "geändert".as_bytes()).is_some() && is_amending_form(src)
}

fn is_amending_form(src: &str) -> bool {
    src.contains("wird wie folgt geändert")
        || src.contains("werden wie folgt geändert")
        || src.contains("geändert worden ist, wird ")
        || src.contains("geändert worden ist, werden ")
}

/// A quotation „…“ outside any other, with the words before it.
pub(crate) struct Quote<'a> {
    /// The byte offset of „ in the source.
    pub start: usize,
    /// The byte offset after “.
    pub end: usize,
    /// What it quotes.
    pub inner: &'a str,
    /// The source between the previous quotation (or the line's start) and this one.
    pub before: &'a str,
}

/// The quotations of the source that stand outside any other, in order.
pub(crate) fn quotes(src: &str) -> Vec<Quote<'_>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    let mut prev_end = 0;
    for (i, c) in src.char_indices() {
        match c {
            '„' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            '“' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let line_start = src[..open].rfind('\n').map_or(0, |k| k + 1);
                    let from = prev_end.max(line_start);
                    out.push(Quote {
                        start: open,
                        end: i + c.len_utf8(),
                        inner: &src[open + '„'.len_utf8()..i],
                        before: &src[from..open],
                    });
                    prev_end = i + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    out
}

/// The lines that begin outside any quotation: (byte offset, line).
pub(crate) fn lines_outside(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0i64;
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        if depth <= 0 {
            depth = 0;
            out.push((pos, line.trim_end_matches(['\n', '\r'])));
        }
        for c in line.chars() {
            match c {
                '„' => depth += 1,
                '“' => depth -= 1,
                _ => {}
            }
        }
        pos += line.len();
    }
    out
}

/// Whether the words before a quotation end in one of `objects`
/// („die Angabe “, „nach dem Wort “ …).
pub(crate) fn names_as<'a>(before: &str, objects: &[&'a str]) -> Option<&'a str> {
    objects.iter().copied().find(|o| before.ends_with(o))
}

/// The object words a command quotes words with, in any case.
pub(crate) const ANGABE: &[&str] = &["die Angabe ", "der Angabe ", "die Angaben ", "den Angaben "];
/// „das Wort“ in any case.
pub(crate) const WORT: &[&str] = &["das Wort ", "dem Wort ", "des Wortes "];
/// „die Wörter“ in any case.
pub(crate) const WOERTER: &[&str] = &["die Wörter ", "den Wörtern ", "der Wörter "];

#[cfg(test)]
mod tests {
    /// The findings of the rules on amending laws: (code, line, what they quote).
    fn findings(src: &str) -> Vec<(&'static str, u32, String)> {
        let doc = syntax::parse(src);
        let config = crate::LintConfig::default();
        let ctx = crate::Ctx::new(&doc, src, &[], &config);
        crate::run(&ctx)
            .into_iter()
            .filter(|d| d.code.starts_with('A'))
            .map(|d| {
                let text = src[d.span.start..d.span.end].to_string();
                (d.code, d.span.line, text)
            })
            .collect()
    }

    #[test]
    fn a_hand_written_amending_law_breaking_each_rule() {
        let src = "Artikel 1 – Änderung des Aktiengesetzes\n\n\
Das Aktiengesetz wird wie folgt geändert:\n\n\
1. In § 4 Absatz 1 wird die Angabe „Behörde“ durch das Wort „Stelle“ ersetzt.\n\n\
2. In § 5 wird das Wort „zuständige Behörde“ durch die Wörter „Stelle“ ersetzt.\n\n\
3. In § 6 Nummer 2 wird die Angabe „.“ durch die Angabe „;“ ersetzt.\n\n\
4. In § 7 werden nach dem Wort „und“ die Wörter „oder Stelle“ eingefügt.\n\n\
5. § 8 Absatz 4 wird gestrichen.\n\n\
6. § 9 wird wie folgt geändert:\n\n   a) Absatz 2 wird aufgehoben.\n\n\
Artikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n";
        let got = findings(src);
        let codes: Vec<(&str, u32)> = got.iter().map(|(c, l, _)| (*c, *l)).collect();
        assert_eq!(
            codes,
            vec![
                ("A007", 3),
                ("A001", 5),
                ("A002", 7),
                ("A002", 7),
                ("A003", 9),
                ("A003", 9),
                ("A004", 11),
                ("A005", 13),
                ("A006", 15),
            ],
            "{got:?}"
        );
    }

    #[test]
    fn the_handbuchs_forms_pass() {
        let src = "Artikel 1 – Änderung des Aktiengesetzes\n\n\
Das Aktiengesetz vom 6. September 1965 (BGBl. I S. 1089), das zuletzt durch Artikel 7 des Gesetzes vom 22. Dezember 2023 (BGBl. 2023 I Nr. 411) geändert worden ist, wird wie folgt geändert:\n\n\
1. In § 4 Absatz 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n\
2. In § 6 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n\
3. § 8 Absatz 4 wird aufgehoben.\n\n\
4. In § 9 werden die Wörter „Wörter wie „und““ gestrichen.\n\n\
Artikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n";
        assert_eq!(findings(src), vec![]);
        // a law that amends nothing is not checked
        assert_eq!(
            findings("§ 1 Zweck\n\nDie Angabe „Behörde“ gilt.\n"),
            vec![]
        );
    }
}
