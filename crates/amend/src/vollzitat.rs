//! The Vollzitat of a law for the Eingangssatz of an amending law (Handbuch
//! der Rechtsförmlichkeit, 4th ed., Rn. 168 ff.): „Die Eisenbahn-Bau- und
//! Betriebsordnung vom 8. Mai 1967 (BGBl. 1967 II S. 1563), die zuletzt durch
//! Artikel 2 der Verordnung vom … (BGBl. I S. …) geändert worden ist“. Read
//! from the juris front matter of a law (Ausfertigungsdatum, Fundstelle,
//! Neugefasst durch, Zuletzt geändert durch); what cannot be read is left
//! out and said ([`Vollzitat::unread`]), never guessed.

use syntax::ast::{Document, Kind};

/// The parts of a Vollzitat, in the Handbuch's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vollzitat {
    /// "vom 2. März 1974 (BGBl. I S. 469; 1975 I S. 1916)", or for a law
    /// promulgated anew "in der Fassung der Bekanntmachung vom … (…)".
    pub fassung: Option<String>,
    /// "Artikel 4 des Gesetzes vom 22. Dezember 2010 (BGBl. I S. 2300)".
    pub zuletzt: Option<String>,
    /// Front matter entries that could not be read (label, value).
    pub unread: Vec<(String, String)>,
}

/// "22.12.2010" → "2010-12-22".
fn iso(d: &str) -> Option<String> {
    let mut p = d.split('.');
    let (day, month, year) = (p.next()?, p.next()?, p.next()?);
    let n = |s: &str| s.parse::<u32>().ok();
    let (day, month, year) = (n(day)?, n(month)?, n(year)?);
    (p.next().is_none() && (1..=31).contains(&day) && (1..=12).contains(&month))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// "I 2300" or "2011 I 5" or "II 1563": the Bundesgesetzblatt and its
/// page(s), the year left out where it is the year of the date.
fn bgbl(parts: &[&str], year: &str) -> Option<String> {
    let (y, rest) = match parts {
        [y, rest @ ..] if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => (*y, rest),
        rest => (year, rest),
    };
    let [teil, pages @ ..] = rest else {
        return None;
    };
    if !matches!(*teil, "I" | "II") || pages.is_empty() {
        return None;
    }
    let pages: Vec<&str> = pages.iter().map(|p| p.trim_end_matches(',')).collect();
    if !pages
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    // Teil II is cited with its year always, Teil I where it differs
    let y = if *teil == "II" || y != year {
        format!("{y} ")
    } else {
        String::new()
    };
    Some(format!("BGBl. {y}{teil} S. {}", pages.join(", ")))
}

/// "BGBl I: 1974, 469 (1975 I 1916)(1976 I 507)" with the date's year →
/// "BGBl. I S. 469; 1975 I S. 1916; 1976 I S. 507".
fn fundstelle(v: &str, year: &str) -> Option<String> {
    let (head, rest) = v.split_once(':')?;
    let teil = head.strip_prefix("BGBl ")?.trim();
    let (main, corrections) = match rest.find('(') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (y, pages) = main.trim().split_once(", ")?;
    let mut parts = vec![y.trim(), teil];
    parts.extend(pages.split(", ").map(str::trim));
    let mut s = bgbl(&parts, year)?;
    for c in corrections
        .split(['(', ')'])
        .filter(|c| !c.trim().is_empty())
    {
        let words: Vec<&str> = c.split_whitespace().collect();
        // "(1193)": a further page of the same volume
        let more = match words.as_slice() {
            [page] if page.bytes().all(|b| b.is_ascii_digit()) => page.to_string(),
            _ => bgbl(&words, "")?.strip_prefix("BGBl. ")?.to_string(),
        };
        let sep = if more.contains(' ') { "; " } else { ", " };
        s.push_str(sep);
        s.push_str(&more);
    }
    Some(s)
}

/// "Art. 4 G v. 22.12.2010 I 2300" → "Artikel 4 des Gesetzes vom 22.
/// Dezember 2010 (BGBl. I S. 2300)".
fn aenderung(v: &str) -> Option<String> {
    let v = v.trim_end().trim_end_matches(';');
    let words: Vec<&str> = v.split_whitespace().collect();
    let v_at = words.iter().position(|w| *w == "v.")?;
    let (head, tail) = (&words[..v_at], &words[v_at + 1..]);
    let (kind, place) = head.split_last()?;
    let act = match *kind {
        "G" => "des Gesetzes",
        "V" => "der Verordnung",
        "Bek" | "Bek." => "der Bekanntmachung",
        _ => return None,
    };
    let mut where_ = Vec::new();
    let mut it = place.iter();
    while let Some(w) = it.next() {
        let word = match *w {
            "Art." => "Artikel",
            "Abs." => "Absatz",
            "Nr." => "Nummer",
            "§" => "§",
            _ => return None,
        };
        where_.push(format!("{word} {}", it.next()?));
    }
    let (date, fund) = tail.split_first()?;
    let d = iso(date)?;
    let german = syntax::date::german(&d)?;
    let b = bgbl(fund, &d[..4])?;
    let at = if where_.is_empty() {
        String::new()
    } else {
        format!("{} ", where_.join(" "))
    };
    Some(format!("{at}{act} vom {german} ({b})"))
}

/// "Bek. v. 8.10.2009 I 3366, 3862" → "der Bekanntmachung vom 8. Oktober
/// 2009 (BGBl. I S. 3366, 3862)".
fn neufassung(v: &str) -> Option<String> {
    // „Bek. v. 1.3.1994 I 358;“: the semicolon ends the entry
    let rest = v.strip_prefix("Bek. v. ")?.trim_end().trim_end_matches(';');
    let words: Vec<&str> = rest.split_whitespace().collect();
    let (date, fund) = words.split_first()?;
    let d = iso(date)?;
    let german = syntax::date::german(&d)?;
    Some(format!(
        "der Bekanntmachung vom {german} ({})",
        bgbl(fund, &d[..4])?
    ))
}

impl Vollzitat {
    /// From a law's front matter (the Metadaten of a juris Markdown law).
    pub fn of(doc: &Document) -> Vollzitat {
        let mut meta = Vec::new();
        doc.root.walk(&mut |n, _| {
            if n.kind == Kind::Metadatum {
                if let (Some(l), Some(v)) = (&n.title, &n.text) {
                    meta.push((l.trim().to_string(), v.trim().to_string()));
                }
            }
        });
        let get = |l: &str| meta.iter().find(|(k, _)| k == l).map(|(_, v)| v.as_str());
        let mut z = Vollzitat::default();
        let mut bad: Vec<(String, String)> = Vec::new();
        let mut unread = |l: &str, v: &str| bad.push((l.to_string(), v.to_string()));
        let date = get("Ausfertigungsdatum").and_then(|d| {
            let g = syntax::date::german(d);
            if g.is_none() {
                unread("Ausfertigungsdatum", d);
            }
            g.map(|g| (d.get(..4).unwrap_or_default().to_string(), g))
        });
        let neu = get("Neugefasst durch").or(get("Neufassung durch"));
        if let Some(v) = neu {
            match neufassung(v) {
                Some(b) => z.fassung = Some(format!("in der Fassung {b}")),
                None => unread("Neugefasst durch", v),
            }
        } else if let Some((year, german)) = &date {
            let f = get("Fundstelle");
            let fund = f.and_then(|f| fundstelle(f, year));
            if let (Some(f), None) = (f, &fund) {
                unread("Fundstelle", f);
            }
            z.fassung = Some(match fund {
                Some(b) => format!("vom {german} ({b})"),
                None => format!("vom {german}"),
            });
        }
        if let Some(v) = get("Zuletzt geändert durch") {
            match aenderung(v) {
                Some(a) => z.zuletzt = Some(a),
                None => unread("Zuletzt geändert durch", v),
            }
        }
        z.unread = bad;
        z
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn juris_fundstellen_in_the_handbuchs_words() {
        assert_eq!(
            fundstelle("BGBl I: 1974, 469 (1975 I 1916)(1976 I 507)", "1974").as_deref(),
            Some("BGBl. I S. 469; 1975 I S. 1916; 1976 I S. 507")
        );
        assert_eq!(
            fundstelle("BGBl II: 1967, 1563", "1967").as_deref(),
            Some("BGBl. 1967 II S. 1563")
        );
        assert_eq!(
            fundstelle("BGBl I: 1974, 721 (1193)", "1974").as_deref(),
            Some("BGBl. I S. 721, 1193")
        );
        assert_eq!(fundstelle("BAnz: 2000, Nr 58, 4897", "2000"), None);
        assert_eq!(
            aenderung("Art. 2 Abs. 63 G v. 22.12.2011 I 3044").as_deref(),
            Some("Artikel 2 Absatz 63 des Gesetzes vom 22. Dezember 2011 (BGBl. I S. 3044)")
        );
        assert_eq!(
            aenderung("Art. 1 V v. 8.9.2012 I 1935").as_deref(),
            Some("Artikel 1 der Verordnung vom 8. September 2012 (BGBl. I S. 1935)")
        );
        assert_eq!(
            aenderung("Art. 1 V v. 19.6.2012 BAnz, AT 04.07.2012 V2"),
            None
        );
        assert_eq!(
            neufassung("Bek. v. 8.10.2009 I 3366, 3862").as_deref(),
            Some("der Bekanntmachung vom 8. Oktober 2009 (BGBl. I S. 3366, 3862)")
        );
    }
}
