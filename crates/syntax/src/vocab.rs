//! The vocabulary of units: how ids, numbers and the German words of
//! citations and Änderungsbefehle name them. One place for the words that
//! the parser, refs, the applier and the generator of Änderungsbefehle share.

/// An id part ("abs-3") as it is cited ("Absatz 3"); `None` for unnumbered parts.
pub fn part_name(part: &str) -> Option<String> {
    let (p, n) = part.split_once('-')?;
    let n = n.split("-dup").next().unwrap_or(n);
    let n = &n.replace("-bis-", " bis ").replace("-und-", " und ");
    Some(match p {
        "para" => format!("§ {n}"),
        "art" => format!("Artikel {n}"),
        "abs" => format!("Absatz {n}"),
        "nr" => format!("Nummer {n}"),
        "bst" => format!("Buchstabe {n}"),
        "dbst" => format!("Doppelbuchstabe {n}"),
        "satz" => format!("Satz {n}"),
        "anhang" => format!("Anhang {n}"),
        "anlage" => format!("Anlage {n}"),
        "buch" => format!("Buch {n}"),
        "teil" => format!("Teil {n}"),
        "kapitel" => format!("Kapitel {n}"),
        "abschnitt" => format!("Abschnitt {n}"),
        "uabschnitt" => format!("Unterabschnitt {n}"),
        "ukapitel" => format!("Unterkapitel {n}"),
        "uteil" => format!("Unterteil {n}"),
        "titel" => format!("Titel {n}"),
        "utitel" => format!("Untertitel {n}"),
        "praeambel" => "Präambel".to_string(),
        "eingangsformel" => "Eingangsformel".to_string(),
        "hinweis" => "Hinweis".to_string(),
        "langtitel" => "Bezeichnung des Gesetzes".to_string(),
        "fassung" => "Fassung".to_string(),
        _ => return None,
    })
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
