//! Inkrafttreten and Außerkrafttreten: when the commands of an amending law
//! take effect ("Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.",
//! "Artikel 1 Nummer 3 tritt am 1. Januar 2027 in Kraft.", "Im Übrigen …",
//! "… mit Ablauf des 31. Dezember 2027 außer Kraft."), and which of them are
//! in force on a given date.

use crate::Befehl;
use serde::Serialize;

/// What a rule speaks of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Geltung {
    /// "Dieses Gesetz": everything the other rules do not name.
    Gesetz,
    /// "Artikel 1 Nummer 3 und 5", "Artikel 1 Nummer 2 Buchstabe a", "Artikel 2".
    Teile {
        artikel: Option<String>,
        /// Numberings as the commands have them: "3.", "2. a)"; empty: the whole Artikel.
        nummern: Vec<String>,
    },
}

/// When.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Zeitpunkt {
    /// A fixed date (ISO).
    Datum(String),
    /// "am Tag der Verkündung".
    Verkuendung,
    /// "am Tag nach der Verkündung".
    TagNachVerkuendung,
    /// "am ersten Tag des auf die Verkündung folgenden Kalendermonats".
    ErsterTagFolgemonat,
}

/// One sentence of the Inkrafttreten Artikel, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Regel {
    pub geltung: Geltung,
    /// In force from (`true`), or out of force after (`false`, "mit Ablauf des …").
    pub in_kraft: bool,
    pub zeitpunkt: Zeitpunkt,
    pub line: u32,
}

/// Why the dates of an amending law cannot be told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InkraftError {
    #[error(
        "the amending law says nothing of its Inkrafttreten (\"Dieses Gesetz tritt … in Kraft.\")"
    )]
    Missing,
    #[error("line {line}: cannot read when this takes effect: „{text}“")]
    Unreadable { line: u32, text: String },
    #[error(
        "line {line}: the date depends on the Verkündung; give its date (--verkuendet YYYY-MM-DD)"
    )]
    NeedsVerkuendung { line: u32 },
}

/// The rules of Inkrafttreten and Außerkrafttreten in an amending law's text.
pub fn read(src: &str) -> Result<Vec<Regel>, InkraftError> {
    let idx = syntax::source::LineIndex::new(src);
    let mut out = Vec::new();
    // a sentence ends with "Kraft."; it starts after the previous one, a
    // paragraph break or an Absatz marker
    let mut from = 0;
    for (at, _) in src.match_indices("Kraft.") {
        let end = at + "Kraft.".len();
        let head = &src[from..at];
        let start = head
            .rfind("\n\n")
            .map_or(from, |i| from + i + 2)
            .max(sentence_start(head).map_or(from, |i| from + i));
        from = end;
        let sentence = src[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let sentence = strip_absatz(&sentence);
        if !(sentence.contains(" tritt ") || sentence.contains(" treten ")) {
            continue;
        }
        let (line, _) = idx.line_col(start);
        out.extend(sentence_rules(sentence, line)?);
    }
    if out.is_empty() {
        return Err(InkraftError::Missing);
    }
    Ok(out)
}

/// Where the last sentence in `s` starts, after a full stop that ends a word
/// (not the one of "1. Januar").
fn sentence_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (1..b.len().saturating_sub(2)).rev().find_map(|i| {
        let ends_word = b[i] == b'.' && (b[i - 1].is_ascii_alphabetic() || b[i - 1] >= 0x80);
        (ends_word && b[i + 1] == b' ' && b[i + 2].is_ascii_uppercase()).then_some(i + 2)
    })
}

fn strip_absatz(s: &str) -> &str {
    match s.strip_prefix('(') {
        Some(r) => r.split_once(") ").map_or(s, |(_, rest)| rest),
        None => s,
    }
}

/// "X tritt am … in Kraft und mit Ablauf des … außer Kraft."
fn sentence_rules(s: &str, line: u32) -> Result<Vec<Regel>, InkraftError> {
    let unreadable = || InkraftError::Unreadable {
        line,
        text: s.to_string(),
    };
    let (subject, rest) = s
        .split_once(" tritt ")
        .or_else(|| s.split_once(" treten "))
        .ok_or_else(unreadable)?;
    let geltung = geltung(subject).ok_or_else(unreadable)?;
    let mut rules = Vec::new();
    for part in rest.split(" Kraft und ") {
        let part = part.trim_end_matches('.').trim_end_matches(" Kraft");
        let (when, in_kraft) = if let Some(w) = part.strip_suffix(" in") {
            (w, true)
        } else if let Some(w) = part.strip_suffix(" außer") {
            (w, false)
        } else {
            return Err(unreadable());
        };
        let zeitpunkt = zeitpunkt(when).ok_or_else(unreadable)?;
        rules.push(Regel {
            geltung: geltung.clone(),
            in_kraft,
            zeitpunkt,
            line,
        });
    }
    Ok(rules)
}

fn geltung(subject: &str) -> Option<Geltung> {
    let s = subject.trim();
    let lower = s.to_lowercase();
    if lower.contains("dieses gesetz")
        || lower.contains("diese verordnung")
        || lower.starts_with("im übrigen")
    {
        return Some(Geltung::Gesetz);
    }
    let rest = s
        .strip_prefix("Artikel ")
        .or_else(|| s.strip_prefix("Art. "))?;
    let (artikel, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let mut nummern = Vec::new();
    let rest = rest.trim();
    if !rest.is_empty() {
        let list = rest
            .strip_prefix("Nummer ")
            .or_else(|| rest.strip_prefix("Nr. "))
            .or_else(|| rest.strip_prefix("Nummern "))?;
        // "3 und 5", "2 Buchstabe a", "1, 2 und 4"
        for item in list.split([',']).flat_map(|p| p.split(" und ")) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let (n, b) = match item.split_once(" Buchstabe ") {
                Some((n, b)) => (n.trim(), Some(b.trim())),
                None => (item, None),
            };
            if !n.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            nummern.push(match b {
                Some(b) => format!("{n}. {b})"),
                None => format!("{n}."),
            });
        }
    }
    Some(Geltung::Teile {
        artikel: Some(artikel.trim_end_matches(',').to_string()),
        nummern,
    })
}

fn zeitpunkt(when: &str) -> Option<Zeitpunkt> {
    let w = when.trim();
    let verkuendung = w.contains("Verkündung") || w.contains("Veröffentlichung");
    if verkuendung && w.contains("ersten Tag") && w.contains("Monats") {
        return Some(Zeitpunkt::ErsterTagFolgemonat);
    }
    if verkuendung && w.contains("Tag nach") {
        return Some(Zeitpunkt::TagNachVerkuendung);
    }
    if verkuendung && w.contains("Tag der") {
        return Some(Zeitpunkt::Verkuendung);
    }
    // "dieses Gesetz am …", "vorbehaltlich des Absatzes 2 am …": the date phrase
    let date = ["mit Wirkung vom ", "mit Ablauf des ", "am "]
        .into_iter()
        .find_map(|p| {
            w.strip_prefix(p)
                .or_else(|| w.find(&format!(" {p}")).map(|i| &w[i + 1 + p.len()..]))
        })?;
    syntax::date::parse_german(date).map(Zeitpunkt::Datum)
}

/// A civil date, for the arithmetic of "am Tag nach" and "am ersten Tag des
/// folgenden Monats".
fn ymd(iso: &str) -> Option<(i32, u32, u32)> {
    let mut p = iso.split('-');
    Some((
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
        p.next()?.parse().ok()?,
    ))
}

fn days_in(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn iso(y: i32, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The day after `date` (ISO).
pub fn next_day(date: &str) -> Option<String> {
    let (y, m, d) = ymd(date)?;
    Some(if d < days_in(y, m) {
        iso(y, m, d + 1)
    } else if m < 12 {
        iso(y, m + 1, 1)
    } else {
        iso(y + 1, 1, 1)
    })
}

impl Zeitpunkt {
    /// The date, given the Verkündung's where it depends on it.
    pub fn datum(&self, verkuendet: Option<&str>) -> Option<String> {
        match self {
            Zeitpunkt::Datum(d) => Some(d.clone()),
            Zeitpunkt::Verkuendung => verkuendet.map(str::to_string),
            Zeitpunkt::TagNachVerkuendung => next_day(verkuendet?),
            Zeitpunkt::ErsterTagFolgemonat => {
                let (y, m, _) = ymd(verkuendet?)?;
                Some(if m < 12 {
                    iso(y, m + 1, 1)
                } else {
                    iso(y + 1, 1, 1)
                })
            }
        }
    }
}

/// When a command is in force: from (inclusive) and until (inclusive, "mit
/// Ablauf des …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Zeitraum {
    pub ab: String,
    pub bis: Option<String>,
}

impl Zeitraum {
    pub fn gilt_am(&self, date: &str) -> bool {
        self.ab.as_str() <= date && self.bis.as_deref().is_none_or(|b| date <= b)
    }
}

/// Whether a rule speaks of the command `nummer` ("2. a)") of Artikel `artikel`.
fn names(g: &Geltung, artikel: Option<&str>, nummer: &str) -> bool {
    match g {
        Geltung::Gesetz => false,
        Geltung::Teile {
            artikel: a,
            nummern,
        } => {
            let same_artikel = a.is_none() || artikel.is_none() || a.as_deref() == artikel;
            same_artikel
                && (nummern.is_empty()
                    || nummern
                        .iter()
                        .any(|n| nummer == n || nummer.starts_with(&format!("{n} "))))
        }
    }
}

/// When the command `b` of the Artikel `artikel` is in force: the rule that
/// names it, else the rule for the whole law ("Im Übrigen …").
pub fn zeitraum(
    regeln: &[Regel],
    artikel: Option<&str>,
    b: &Befehl,
    verkuendet: Option<&str>,
) -> Result<Zeitraum, InkraftError> {
    let pick = |in_kraft: bool| {
        regeln
            .iter()
            .filter(|r| r.in_kraft == in_kraft)
            .find(|r| names(&r.geltung, artikel, &b.nummer))
            .or_else(|| {
                regeln
                    .iter()
                    .filter(|r| r.in_kraft == in_kraft)
                    .find(|r| r.geltung == Geltung::Gesetz)
            })
    };
    let date = |r: &Regel| {
        r.zeitpunkt
            .datum(verkuendet)
            .ok_or(InkraftError::NeedsVerkuendung { line: r.line })
    };
    let ab = match pick(true) {
        Some(r) => date(r)?,
        None => return Err(InkraftError::Missing),
    };
    let bis = pick(false).map(date).transpose()?;
    Ok(Zeitraum { ab, bis })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_sentences() {
        let r = read("Artikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach seiner Verkündung in Kraft.\n").unwrap();
        assert_eq!(r[0].zeitpunkt, Zeitpunkt::TagNachVerkuendung);
        assert_eq!(r[0].geltung, Geltung::Gesetz);
        let r = read("(1) Artikel 1 Nummer 3 und 5 tritt am 1. Januar 2027 in Kraft.\n\n(2) Im Übrigen tritt dieses Gesetz am 3. März 2026 in Kraft.").unwrap();
        assert_eq!(
            r[0].geltung,
            Geltung::Teile {
                artikel: Some("1".into()),
                nummern: vec!["3.".into(), "5.".into()]
            }
        );
        assert_eq!(r[0].zeitpunkt, Zeitpunkt::Datum("2027-01-01".into()));
        assert_eq!(r[1].zeitpunkt, Zeitpunkt::Datum("2026-03-03".into()));
        let r = read("Artikel 1 Nummer 2 tritt am 1. April 2026 in Kraft und mit Ablauf des 31. Dezember 2027 außer Kraft.").unwrap();
        assert_eq!(r.len(), 2);
        assert!(!r[1].in_kraft);
        assert_eq!(r[1].zeitpunkt, Zeitpunkt::Datum("2027-12-31".into()));
        assert_eq!(
            read("Artikel 1 – Änderung\n\nText."),
            Err(InkraftError::Missing)
        );
        assert!(matches!(
            read("Dieses Gesetz tritt irgendwann in Kraft."),
            Err(InkraftError::Unreadable { .. })
        ));
    }

    #[test]
    fn computes_dates_from_the_verkuendung() {
        assert_eq!(next_day("2026-02-28").as_deref(), Some("2026-03-01"));
        assert_eq!(next_day("2028-02-28").as_deref(), Some("2028-02-29"));
        assert_eq!(next_day("2026-12-31").as_deref(), Some("2027-01-01"));
        assert_eq!(
            Zeitpunkt::ErsterTagFolgemonat
                .datum(Some("2026-12-15"))
                .as_deref(),
            Some("2027-01-01")
        );
        assert_eq!(Zeitpunkt::TagNachVerkuendung.datum(None), None);
    }
}
