//! The vocabulary of units: one table of the unit kinds that citations and
//! Änderungsbefehle name, with their German words and their prefixes in ids.
//! The parser (ids), refs, the applier and the generator of
//! Änderungsbefehle take their words from here; the grammars
//! (`grammar/units.pest`) spell the same words with their case forms.

use crate::ast::Kind;

/// A unit kind as law texts name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// The kind of unit.
    pub kind: Kind,
    /// "Absatz", "§", "Abschnitt".
    pub singular: &'static str,
    /// "Absätze", "§§", "Abschnitte".
    pub plural: &'static str,
    /// The genitive singular: "des Absatzes", "des Abschnitts".
    pub genitive: &'static str,
}

const fn unit(
    kind: Kind,
    singular: &'static str,
    plural: &'static str,
    genitive: &'static str,
) -> Unit {
    Unit {
        kind,
        singular,
        plural,
        genitive,
    }
}

/// Every unit a citation or command can name, Gliederung from the top.
pub const UNITS: &[Unit] = &[
    unit(Kind::Paragraf, "§", "§§", "§"),
    unit(Kind::Artikel, "Artikel", "Artikel", "Artikels"),
    unit(Kind::Absatz, "Absatz", "Absätze", "Absatzes"),
    unit(Kind::Satz, "Satz", "Sätze", "Satzes"),
    unit(Kind::Nummer, "Nummer", "Nummern", "Nummer"),
    unit(Kind::Buchstabe, "Buchstabe", "Buchstaben", "Buchstabens"),
    unit(
        Kind::Doppelbuchstabe,
        "Doppelbuchstabe",
        "Doppelbuchstaben",
        "Doppelbuchstabens",
    ),
    unit(Kind::Anhang, "Anhang", "Anhänge", "Anhangs"),
    unit(Kind::Anlage, "Anlage", "Anlagen", "Anlage"),
    unit(Kind::Buch, "Buch", "Bücher", "Buches"),
    unit(Kind::Teil, "Teil", "Teile", "Teils"),
    unit(Kind::Unterteil, "Unterteil", "Unterteile", "Unterteils"),
    unit(Kind::Kapitel, "Kapitel", "Kapitel", "Kapitels"),
    unit(
        Kind::Unterkapitel,
        "Unterkapitel",
        "Unterkapitel",
        "Unterkapitels",
    ),
    unit(Kind::Abschnitt, "Abschnitt", "Abschnitte", "Abschnitts"),
    unit(
        Kind::Unterabschnitt,
        "Unterabschnitt",
        "Unterabschnitte",
        "Unterabschnitts",
    ),
    unit(Kind::Titel, "Titel", "Titel", "Titels"),
    unit(Kind::Untertitel, "Untertitel", "Untertitel", "Untertitels"),
    unit(
        Kind::Eingangsformel,
        "Eingangsformel",
        "Eingangsformeln",
        "Eingangsformel",
    ),
    unit(Kind::Praeambel, "Präambel", "Präambeln", "Präambel"),
    unit(
        Kind::Inhaltsuebersicht,
        "Inhaltsübersicht",
        "Inhaltsübersichten",
        "Inhaltsübersicht",
    ),
    unit(
        Kind::Schlussformel,
        "Schlussformel",
        "Schlussformeln",
        "Schlussformel",
    ),
];

/// The entry of a kind, if citations can name it.
pub fn of(kind: Kind) -> Option<&'static Unit> {
    UNITS.iter().find(|u| u.kind == kind)
}

/// "Absatz" for `Absatz`; `None` for kinds no citation names (text, table …).
pub fn word(kind: Kind) -> Option<&'static str> {
    of(kind).map(|u| u.singular)
}

/// "Absätze" for `Absatz`.
pub fn plural(kind: Kind) -> Option<&'static str> {
    of(kind).map(|u| u.plural)
}

/// The kind a word names, in any of its forms ("Absätze", "des Abschnitts": "Abschnitts").
pub fn kind_of_word(word: &str) -> Option<Kind> {
    UNITS
        .iter()
        .find(|u| u.singular == word || u.plural == word || u.genitive == word)
        .map(|u| u.kind)
}

/// Abbreviations of unit words in citations.
pub const ABBREVIATIONS: &[&str] = &["Abs.", "Art.", "Nr.", "Nrn.", "S.", "Buchst."];

/// Whether a word names a unit in one of its forms ("Absatz", "Absätzen",
/// "Abschnitts", "§§", "Abs."): a number after it is a unit's number.
pub fn is_unit_word(w: &str) -> bool {
    kind_of_word(w).is_some()
        || ABBREVIATIONS.contains(&w)
        // the dative plural: "in den Absätzen", "nach den Anlagen"
        || w
            .strip_suffix('n')
            .is_some_and(|p| UNITS.iter().any(|u| u.plural == p))
}

/// The type word of a Gliederung kind ("Abschnitt"); `None` for other kinds.
pub fn gliederung_word(kind: Kind) -> Option<&'static str> {
    word(kind).filter(|_| kind.gliederung_rank() < 9)
}

/// The Gliederung kind a type word names as a heading writes it ("Abschnitt").
pub fn gliederung_type(word: &str) -> Option<Kind> {
    UNITS
        .iter()
        .find(|u| u.singular == word && u.kind.gliederung_rank() < 9)
        .map(|u| u.kind)
}

/// The Gliederung kind a type word names ("Abschnitt", also "Abschnitts", "Buches").
pub fn gliederung_kind(word: &str) -> Option<Kind> {
    let typed = |w: &str| kind_of_word(w).filter(|k| k.gliederung_rank() < 9);
    typed(word)
        .or_else(|| word.strip_suffix("es").and_then(typed))
        .or_else(|| word.strip_suffix('s').and_then(typed))
}

/// The kind of an id part's prefix ("abs" → `Absatz`), for the kinds in [`UNITS`].
pub fn kind_of_id_prefix(prefix: &str) -> Option<Kind> {
    UNITS
        .iter()
        .find(|u| u.kind.eid_prefix() == prefix)
        .map(|u| u.kind)
}

/// An id part ("abs-3") as it is cited ("Absatz 3"); `None` for unnumbered parts.
pub fn part_name(part: &str) -> Option<String> {
    let (p, n) = part.split_once('-')?;
    let n = n.split("-dup").next().unwrap_or(n);
    let n = &n.replace("-bis-", " bis ").replace("-und-", " und ");
    let kind = kind_of_id_prefix(p);
    Some(match (kind, p) {
        // the Inhaltsübersicht is amended by its entries ("die Angabe zu § 5")
        (Some(Kind::Inhaltsuebersicht | Kind::Schlussformel), _) => return None,
        (Some(k), _) if matches!(k, Kind::Eingangsformel | Kind::Praeambel) => word(k)?.to_string(),
        (Some(k), _) => format!("{} {n}", word(k)?),
        (None, "hinweis") => "Hinweis".to_string(),
        (None, "langtitel") => "Bezeichnung des Gesetzes".to_string(),
        (None, "fassung") => "Fassung".to_string(),
        _ => return None,
    })
}

/// The number a unit's number begins with: "4a" → 4, "12.3" → 12; `None` for "IV", "a".
pub fn leading_number(s: &str) -> Option<u64> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    s[..end].parse().ok()
}

/// A number that names several units: "114, 115", "3 bis 6", "8 und 9".
pub fn is_multi(num: &str) -> bool {
    num.contains(',') || num.contains(" und ") || num.contains(" bis ") || num.contains(" sowie ")
}

/// Whether two numbers name the same units, however they are joined:
/// "114, 115" and "114 und 115"; "3 bis 6" stays a range ("3, 6" is not it).
pub fn same_numbers(a: &str, b: &str) -> bool {
    fn tokens(s: &str) -> impl Iterator<Item = &str> {
        s.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|t| !t.is_empty() && *t != "und" && *t != "sowie")
            .map(|t| t.trim_end_matches('.'))
    }
    tokens(a).eq(tokens(b))
}

/// The German ordinal of `n` with the ending of the word it replaces
/// ("er" for "Erster Abschnitt", "es" for "Erstes Buch"): "Zweiter", "Elftes".
pub fn ordinal_word(n: u32, ending: &str) -> Option<String> {
    const ONES: [&str; 10] = [
        "", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
    ];
    const TENS: [&str; 10] = [
        "", "zehn", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig",
        "neunzig",
    ];
    let stem = match n {
        1 => "erst".to_string(),
        2 => "zweit".into(),
        3 => "dritt".into(),
        7 => "siebent".into(),
        8 => "acht".into(),
        11 => "elft".into(),
        12 => "zwölft".into(),
        4..=19 if n != 10 && n < 10 => format!("{}t", ONES[n as usize]),
        10 => "zehnt".into(),
        13..=19 => format!(
            "{}zehnt",
            ["", "", "", "drei", "vier", "fünf", "sech", "sieb", "acht", "neun"][(n - 10) as usize]
        ),
        20..=99 => {
            let (t, o) = ((n / 10) as usize, (n % 10) as usize);
            if o == 0 {
                format!("{}st", TENS[t])
            } else {
                format!("{}und{}st", ONES[o], TENS[t])
            }
        }
        _ => return None,
    };
    let mut c = stem.chars();
    let first = c.next()?.to_uppercase().collect::<String>();
    Some(format!("{first}{}{ending}", c.as_str()))
}

/// The ordinal words, neuter nominative, from one: „Erstes Gesetz zur
/// Änderung …“, „Fünftes Buch Sozialgesetzbuch“.
pub const ORDINALS: [&str; 14] = [
    "Erstes",
    "Zweites",
    "Drittes",
    "Viertes",
    "Fünftes",
    "Sechstes",
    "Siebtes",
    "Achtes",
    "Neuntes",
    "Zehntes",
    "Elftes",
    "Zwölftes",
    "Dreizehntes",
    "Vierzehntes",
];

/// The ordinal word of `n` (from 1), if [`ORDINALS`] has it.
pub fn ordinal(n: usize) -> Option<&'static str> {
    n.checked_sub(1).and_then(|i| ORDINALS.get(i)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_ids_agree() {
        assert_eq!(part_name("abs-3").as_deref(), Some("Absatz 3"));
        assert_eq!(part_name("para-4a").as_deref(), Some("§ 4a"));
        assert_eq!(part_name("para-3-bis-6").as_deref(), Some("§ 3 bis 6"));
        assert_eq!(
            part_name("uabschnitt-2").as_deref(),
            Some("Unterabschnitt 2")
        );
        assert_eq!(part_name("praeambel-1").as_deref(), Some("Präambel"));
        assert_eq!(part_name("text-2"), None);
        assert_eq!(part_name("inhuebs-1"), None);
        assert_eq!(ordinal_word(2, "er").as_deref(), Some("Zweiter"));
        assert_eq!(ordinal_word(11, "es").as_deref(), Some("Elftes"));
        assert_eq!(ordinal_word(7, "er").as_deref(), Some("Siebenter"));
        assert_eq!(ordinal_word(16, "er").as_deref(), Some("Sechzehnter"));
        assert_eq!(ordinal_word(21, "er").as_deref(), Some("Einundzwanzigster"));
        assert_eq!(gliederung_kind("Abschnitts"), Some(Kind::Abschnitt));
        assert_eq!(gliederung_kind("Buches"), Some(Kind::Buch));
        assert_eq!(gliederung_kind("Buchs"), Some(Kind::Buch));
        assert_eq!(gliederung_kind("Absatz"), None);
        assert_eq!(kind_of_word("Absätze"), Some(Kind::Absatz));
        // every unit's id prefix leads back to it
        for u in UNITS {
            assert_eq!(kind_of_id_prefix(u.kind.eid_prefix()), Some(u.kind));
        }
    }
}
