//! Classification of heading text with `grammar/heading.pest`.

use crate::ast::Kind;
use crate::grammar::heading::{HeadingParser, Rule};
use pest::iterators::Pair;
use pest::Parser;

/// What a heading line says.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingInfo {
    /// The unit the heading starts.
    pub kind: Kind,
    /// "§ 4a", "Abschnitt 1", "Erster Abschnitt", "Anhang III".
    pub marker: Option<String>,
    /// "4a", "1", "III"; ranges as "3 bis 6".
    pub num: Option<String>,
    /// The title after the number ("Zweck").
    pub title: Option<String>,
    /// Whether it says „(weggefallen)“ or „(aufgehoben)“.
    pub repealed: bool,
    /// The corpus' "(XXXX)" placeholder was present.
    pub placeholder: bool,
}

/// Strip emphasis delimiters wrapping (parts of) a heading: "**Teil 1**".
pub fn strip_emphasis(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('*') {
        return std::borrow::Cow::Borrowed(s);
    }
    // a "**" standing alone at either end pairs with nothing ("**Titel** **")
    let mut s = s.trim();
    while !s.matches("**").count().is_multiple_of(2) {
        if let Some(r) = s.strip_suffix(" **") {
            s = r.trim_end();
        } else if let Some(r) = s.strip_prefix("** ") {
            s = r.trim_start();
        } else {
            break;
        }
    }
    // paired "**" only; a lone "*" is text
    let mut t = if s.matches("**").count().is_multiple_of(2) {
        s.replace("**", "")
    } else {
        s.to_string()
    };
    let trimmed = t.trim();
    if trimmed.len() > 2
        && trimmed.starts_with('*')
        && trimmed.ends_with('*')
        && !trimmed[1..].starts_with(' ')
    {
        t = trimmed[1..trimmed.len() - 1].to_string();
    }
    std::borrow::Cow::Owned(t.trim().to_string())
}

fn ordinal_value(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let stems: &[(&str, u32)] = &[
        ("erst", 1),
        ("zweit", 2),
        ("dritt", 3),
        ("viert", 4),
        ("fünft", 5),
        ("sechst", 6),
        ("siebent", 7),
        ("siebt", 7),
        ("achtzehnt", 18),
        ("acht", 8),
        ("neunt", 9),
        ("zehnt", 10),
        ("elft", 11),
        ("zwölft", 12),
        ("dreizehnt", 13),
        ("vierzehnt", 14),
        ("fünfzehnt", 15),
        ("sechzehnt", 16),
        ("siebzehnt", 17),
        ("neunzehnt", 19),
        ("zwanzigst", 20),
        ("dreißigst", 30),
        ("vierzigst", 40),
        ("fünfzigst", 50),
    ];
    let units: &[(&str, u32)] = &[
        ("ein", 1),
        ("zwei", 2),
        ("drei", 3),
        ("vier", 4),
        ("fünf", 5),
        ("sechs", 6),
        ("sieben", 7),
        ("acht", 8),
        ("neun", 9),
    ];
    let (add, rest) = match w.find("und") {
        Some(k) if k > 0 => {
            let u = units.iter().find(|(s, _)| *s == &w[..k]).map(|x| x.1)?;
            (u, &w[k + 3..])
        }
        _ => (0, &w[..]),
    };
    stems
        .iter()
        .find(|(s, _)| rest.starts_with(s))
        .map(|(_, v)| v + add)
}

/// Classify the text of a heading (without the "#" marks). `None`: not a
/// recognized unit heading (the caller makes it an `ueberschrift`).
pub fn classify(text: &str) -> Option<HeadingInfo> {
    let text = strip_emphasis(text);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let first = text.as_bytes()[0];
    // fast reject: every recognized heading starts with one of these
    if !(first == b'('
        || first.is_ascii_alphanumeric()
        || text.starts_with('§')
        || text.starts_with("Ä")
        || text.starts_with("Ü"))
    {
        return None;
    }
    let mut info = match plain_paragraf(text) {
        Some(info) => info,
        None => by_grammar(text)?,
    };
    if info.kind == Kind::Ueberschrift {
        return None;
    }
    // a run of spaces in a heading is layout ("Europäischen  Union")
    if let Some(t) = info.title.as_mut().filter(|t| t.contains("  ")) {
        *t = normalize_ws(t);
    }
    Some(info)
}

/// "§ 433 Vertragstypische Pflichten", nine in ten headings of a law: "§",
/// one space, up to five digits and two lower-case letters, one space and a
/// title that starts with an upper-case letter. Read without the grammar
/// (a fifteenth of a diff went to it), as `heading.pest` reads it: the
/// title's capital is no "bis", "und", "u.", separator or "(weggefallen)",
/// so `einzel` takes the one number and `sep ~ title` the rest. Any other
/// form goes to the grammar.
fn plain_paragraf(text: &str) -> Option<HeadingInfo> {
    let rest = text.strip_prefix("§ ")?;
    let b = rest.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let letters = b[digits..]
        .iter()
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    if !(1..=5).contains(&digits) || letters > 2 {
        return None;
    }
    let num = &rest[..digits + letters];
    let title = rest[num.len()..].strip_prefix(' ')?;
    let first = title.chars().next()?;
    if !(first.is_ascii_uppercase() || matches!(first, 'Ä' | 'Ö' | 'Ü')) {
        return None;
    }
    Some(HeadingInfo {
        kind: Kind::Paragraf,
        marker: Some(format!("§ {num}")),
        num: Some(num.to_string()),
        title: Some(title.trim().to_string()),
        repealed: false,
        placeholder: false,
    })
}

/// A heading read by `heading.pest` (its kind `Ueberschrift` when it names no unit).
fn by_grammar(text: &str) -> Option<HeadingInfo> {
    let pairs = HeadingParser::parse(Rule::heading_text, text).ok()?;
    let top = pairs.into_iter().next()?;
    let mut info = HeadingInfo {
        kind: Kind::Ueberschrift,
        marker: None,
        num: None,
        title: None,
        repealed: false,
        placeholder: false,
    };
    for p in top.into_inner() {
        match p.as_rule() {
            Rule::placeholder => info.placeholder = true,
            Rule::einzel => einzel(&mut info, p, text),
            Rule::gliederung | Rule::untyped => gliederung(&mut info, p, text),
            Rule::anhang => anhang(&mut info, p, text),
            Rule::special => special(&mut info, p),
            _ => {}
        }
    }
    Some(info)
}

/// "§ 4a Titel", "Artikel 1 – Titel", "§§ 3 bis 6 (weggefallen)".
fn einzel(info: &mut HeadingInfo, p: Pair<Rule>, text: &str) {
    let mut word = "";
    let mut marker_end = 0;
    let start = p.as_span().start();
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::einzel_word => word = q.as_str(),
            Rule::einzel_nums => {
                marker_end = q.as_span().end();
                let nums: Vec<&str> = q
                    .clone()
                    .into_inner()
                    .filter(|u| u.as_rule() == Rule::unit_num)
                    .map(|u| u.as_str())
                    .collect();
                info.num = Some(if nums.len() == 1 {
                    nums[0].to_string()
                } else {
                    // keep the connective words: "3 bis 6", "3, 4"
                    normalize_ws(q.as_str())
                });
            }
            Rule::repealed => {
                info.repealed = true;
                info.title = Some(q.as_str().to_string());
            }
            Rule::title => info.title = Some(q.as_str().trim().to_string()),
            _ => {}
        }
    }
    info.kind = if word.starts_with('§') {
        Kind::Paragraf
    } else {
        Kind::Artikel
    };
    if text[marker_end..].starts_with(". ") || &text[marker_end..] == "." {
        marker_end += 1; // "§ 1. Titel": keep the period with the marker
    }
    info.marker = Some(normalize_ws(&text[start..marker_end]));
}

/// "Abschnitt 2 – Titel", "Zweiter Teil", "I. Titel" (untyped).
fn gliederung(info: &mut HeadingInfo, p: Pair<Rule>, text: &str) {
    let untyped = p.as_rule() == Rule::untyped;
    let start = p.as_span().start();
    let mut marker_end = start;
    let mut kind = Kind::Gliederung;
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::g_type => {
                marker_end = marker_end.max(q.as_span().end());
                kind = crate::vocab::gliederung_type(q.as_str()).unwrap_or(Kind::Gliederung)
            }
            Rule::g_num | Rule::g_num_dot => {
                marker_end = marker_end.max(q.as_span().end());
                info.num = Some(q.as_str().trim_end_matches('.').to_string());
            }
            Rule::ordinal => {
                marker_end = marker_end.max(q.as_span().end());
                info.num = ordinal_value(q.as_str()).map(|v| v.to_string());
            }
            Rule::repealed => {
                info.repealed = true;
                info.title = Some(q.as_str().to_string());
            }
            Rule::title => info.title = Some(q.as_str().trim().to_string()),
            _ => {}
        }
    }
    info.kind = if untyped { Kind::Gliederung } else { kind };
    info.marker = Some(normalize_ws(&text[start..marker_end]));
}

/// "Anlage 1 (zu § 3)", "Anhang III".
fn anhang(info: &mut HeadingInfo, p: Pair<Rule>, text: &str) {
    let start = p.as_span().start();
    let mut marker_end = start;
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::anhang_word => {
                marker_end = q.as_span().end();
                info.kind = if q.as_str().starts_with("Anh") {
                    Kind::Anhang
                } else {
                    Kind::Anlage
                };
            }
            Rule::g_num => {
                marker_end = q.as_span().end();
                info.num = Some(q.as_str().trim_end_matches('.').to_string());
            }
            Rule::title => info.title = Some(q.as_str().trim().to_string()),
            _ => {}
        }
    }
    info.marker = Some(normalize_ws(&text[start..marker_end]));
}

/// "Präambel", "Eingangsformel", "Inhaltsübersicht", "Schlussformel", "Hinweis".
fn special(info: &mut HeadingInfo, p: Pair<Rule>) {
    for q in p.into_inner() {
        match q.as_rule() {
            Rule::special_word => {
                info.marker = Some(q.as_str().to_string());
                info.kind = match q.as_str() {
                    "Eingangsformel" => Kind::Eingangsformel,
                    "Präambel" => Kind::Praeambel,
                    "Inhaltsübersicht" | "Inhaltsverzeichnis" => Kind::Inhaltsuebersicht,
                    "Schlussformel" | "Schlußformel" => Kind::Schlussformel,
                    _ => Kind::Hinweis,
                };
            }
            Rule::title => info.title = Some(q.as_str().trim().to_string()),
            _ => {}
        }
    }
}

fn normalize_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// The plain § heading read without the grammar reads as with it.
        #[test]
        fn plain_paragraf_as_the_grammar(
            s in "§[ \u{a0}]{1,2}[0-9]{0,6}[a-z]{0,3}[.]?[ \t]{0,2}(bis|und|u\\.|[A-ZÄÖÜaä(–:,-])[a-zäöü ()]{0,12}( weggefallen\\)| 5|  x)?"
        ) {
            let t = s.trim();
            if let Some(fast) = plain_paragraf(t) {
                prop_assert_eq!(Some(fast), by_grammar(t));
            }
        }

        #[test]
        fn plain_paragraf_as_the_grammar_common(
            s in "§ [0-9]{1,5}[a-z]{0,2} [A-ZÄÖÜ][a-zäöüA-Z ()–,.:\u{a0}-]{0,20}"
        ) {
            let t = s.trim();
            let fast = plain_paragraf(t);
            prop_assert!(fast.is_some());
            prop_assert_eq!(fast, by_grammar(t));
        }
    }

    #[test]
    fn plain_paragraf_takes_the_common_form_only() {
        assert!(plain_paragraf("§ 433 Vertragstypische Pflichten").is_some());
        assert!(plain_paragraf("§ 4ab Übergang").is_some());
        for s in [
            "§ 4abc Titel",
            "§ 1. Titel",
            "§ 1 bis 3",
            "§ 123456 Titel",
            "§§ 1 Titel",
            "§ 1 (weggefallen)",
            "§ 1 – Titel",
            "§  1 Titel",
        ] {
            assert!(plain_paragraf(s).is_none(), "{s}");
        }
    }

    fn c(s: &str) -> (Kind, Option<String>, Option<String>, Option<String>, bool) {
        let h = classify(s).unwrap_or_else(|| panic!("not a heading: {s}"));
        (h.kind, h.marker, h.num, h.title, h.repealed)
    }

    #[test]
    fn einzelvorschriften() {
        assert_eq!(
            c("§ 4a – Titel"),
            (
                Kind::Paragraf,
                Some("§ 4a".into()),
                Some("4a".into()),
                Some("Titel".into()),
                false
            )
        );
        assert_eq!(c("§ 4a Titel").3, Some("Titel".into()));
        assert_eq!(c("§4a").2, Some("4a".into()));
        assert_eq!(c("Art 1").0, Kind::Artikel);
        assert_eq!(c("Artikel 1 – Titel").3, Some("Titel".into()));
        let r = c("(XXXX) §§ 3 bis 6 (weggefallen)");
        assert_eq!(
            (r.1.as_deref(), r.2.as_deref(), r.4),
            (Some("§§ 3 bis 6"), Some("3 bis 6"), true)
        );
        assert!(c("§ 10 (weggefallen)").4);
        assert!(classify("Art und Umfang der Leistung").is_none());
    }

    #[test]
    fn gliederung() {
        assert_eq!(
            c("Abschnitt 1 – Allgemeine Vorschriften").0,
            Kind::Abschnitt
        );
        assert_eq!(
            c("I. - Die Grundrechte"),
            (
                Kind::Gliederung,
                Some("I.".into()),
                Some("I".into()),
                Some("Die Grundrechte".into()),
                false
            )
        );
        assert_eq!(c("Titel 2 - Juristische Personen").0, Kind::Titel);
        let e = c("Erster Abschnitt");
        assert_eq!((e.0, e.2.as_deref()), (Kind::Abschnitt, Some("1")));
        assert_eq!(
            c("Einundzwanzigster Titel Leibrente").2.as_deref(),
            Some("21")
        );
        assert_eq!(c("**Teil 1** Grundsätze").0, Kind::Teil);
        assert!(classify("Teilnahme am Verfahren").is_none());
    }

    #[test]
    fn annexes_and_specials() {
        let a = c("Anhang III – Typologie digitaler Waffen");
        assert_eq!(
            (a.0, a.2.as_deref(), a.3.as_deref()),
            (
                Kind::Anhang,
                Some("III"),
                Some("Typologie digitaler Waffen")
            )
        );
        let b = c("Anlage 1 (zu § 3)");
        assert_eq!(
            (b.0, b.2.as_deref(), b.3.as_deref()),
            (Kind::Anlage, Some("1"), Some("(zu § 3)"))
        );
        assert_eq!(c("Präambel").0, Kind::Praeambel);
        assert_eq!(c("Eingangsformel").0, Kind::Eingangsformel);
    }
}
