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
        /// The Artikel of the amending law named ("1"); `None` where the
        /// amending law has no Artikel.
        artikel: Option<String>,
        /// Numberings as the commands have them: "3.", "2. a)"; empty: the whole Artikel.
        nummern: Vec<String>,
    },
}

/// When.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Zeitpunkt {
    /// A fixed date ("am 1. Januar 2027").
    Datum(Datum),
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
    /// Which commands the rule speaks of.
    pub geltung: Geltung,
    /// In force from (`true`), or out of force after (`false`, "mit Ablauf des …").
    pub in_kraft: bool,
    /// When they take effect (or lose it).
    pub zeitpunkt: Zeitpunkt,
    /// The line of the sentence in the amending law, from 1.
    pub line: u32,
}

/// Why the dates of an amending law cannot be told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InkraftError {
    /// No sentence "… tritt … in Kraft." in the whole text.
    #[error(
        "the amending law says nothing of its Inkrafttreten (\"Dieses Gesetz tritt … in Kraft.\")"
    )]
    Missing,
    /// A sentence of Inkrafttreten whose subject or date is not understood.
    #[error("line {line}: cannot read when this takes effect: „{text}“")]
    Unreadable {
        /// The line where the sentence starts, from 1.
        line: u32,
        /// The sentence, its whitespace collapsed.
        text: String,
    },
    /// A date counted from the Verkündung ("am Tag nach der Verkündung")
    /// when the Verkündung's date was not given.
    #[error(
        "line {line}: the date depends on the Verkündung; give its date (--verkuendet YYYY-MM-DD)"
    )]
    NeedsVerkuendung {
        /// The line of the sentence whose date depends on the Verkündung.
        line: u32,
    },
    /// A date given from outside (the Verkündung's, the day asked for) that
    /// is no day of the calendar in the form YYYY-MM-DD.
    #[error("„{0}“ is no date (YYYY-MM-DD)")]
    NotADate(String),
}

impl Datum {
    /// A date given from outside ("--verkuendet 2026-02-28"): ISO 8601, or
    /// the error that says it is none.
    pub fn given(s: &str) -> Result<Datum, InkraftError> {
        Datum::from_iso(s).ok_or_else(|| InkraftError::NotADate(s.to_string()))
    }
}

/// A day of the Gregorian calendar, as the dates of Inkrafttreten,
/// Außerkrafttreten and Verkündung are: ordered by time, printed and
/// serialized in ISO 8601 ("2027-01-01"). Always a real day (the month 1–12,
/// the day within the month; years 1–9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Datum {
    year: u16,
    month: u8,
    day: u8,
}

impl Datum {
    /// The day `day` of month `month` (1–12) of `year` (1–9999), if the
    /// calendar has it.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Datum> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in(year, month)).contains(&day);
        ok.then_some(Datum {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// "2027-01-01" (exactly ISO 8601's YYYY-MM-DD), if it is a real day.
    pub fn from_iso(s: &str) -> Option<Datum> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let t = &s[r];
            t.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| t.parse().ok())?
        };
        Datum::new(num(0..4)?, num(5..7)?, num(8..10)?)
    }

    /// A date as German law texts write it ("1. Januar 2027", "01.01.2027"),
    /// read by `syntax::date::parse_german`.
    pub fn from_german(s: &str) -> Option<Datum> {
        Datum::from_iso(&syntax::date::parse_german(s)?)
    }

    /// The day after this one ("am Tag nach der Verkündung").
    pub fn next_day(self) -> Datum {
        let (y, m, d) = (
            u32::from(self.year),
            u32::from(self.month),
            u32::from(self.day),
        );
        if d < days_in(y, m) {
            self.with(y, m, d + 1)
        } else {
            self.first_of_next_month()
        }
    }

    /// The first day of the month after this one ("am ersten Tag des auf die
    /// Verkündung folgenden Kalendermonats").
    pub fn first_of_next_month(self) -> Datum {
        let (y, m) = (u32::from(self.year), u32::from(self.month));
        if m < 12 {
            self.with(y, m + 1, 1)
        } else {
            self.with(y + 1, 1, 1)
        }
    }

    /// The date `y`-`m`-`d`, or this one where it would leave the calendar
    /// (after 9999-12-31).
    fn with(self, y: u32, m: u32, d: u32) -> Datum {
        Datum::new(y, m, d).unwrap_or(self)
    }
}

impl std::fmt::Display for Datum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Datum {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
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
    Datum::from_german(date).map(Zeitpunkt::Datum)
}

fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Zeitpunkt {
    /// The date, given the Verkündung's where it depends on it (`None`:
    /// it depends on the Verkündung and none was given).
    pub fn datum(&self, verkuendet: Option<Datum>) -> Option<Datum> {
        match self {
            Zeitpunkt::Datum(d) => Some(*d),
            Zeitpunkt::Verkuendung => verkuendet,
            Zeitpunkt::TagNachVerkuendung => verkuendet.map(Datum::next_day),
            Zeitpunkt::ErsterTagFolgemonat => verkuendet.map(Datum::first_of_next_month),
        }
    }
}

/// When a command is in force: from (inclusive) and until (inclusive, "mit
/// Ablauf des …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Zeitraum {
    /// The first day in force (the Inkrafttreten).
    pub ab: Datum,
    /// The last day in force ("mit Ablauf des …" of an Außerkrafttreten);
    /// `None`: in force without end.
    pub bis: Option<Datum>,
}

impl Zeitraum {
    /// Whether the command is in force on `date` (both ends included).
    pub fn gilt_am(&self, date: Datum) -> bool {
        self.ab <= date && self.bis.is_none_or(|b| date <= b)
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
    verkuendet: Option<Datum>,
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
        assert_eq!(r[0].zeitpunkt, Zeitpunkt::Datum(d("2027-01-01")));
        assert_eq!(r[1].zeitpunkt, Zeitpunkt::Datum(d("2026-03-03")));
        let r = read("Artikel 1 Nummer 2 tritt am 1. April 2026 in Kraft und mit Ablauf des 31. Dezember 2027 außer Kraft.").unwrap();
        assert_eq!(r.len(), 2);
        assert!(!r[1].in_kraft);
        assert_eq!(r[1].zeitpunkt, Zeitpunkt::Datum(d("2027-12-31")));
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
        assert_eq!(d("2026-02-28").next_day(), d("2026-03-01"));
        assert_eq!(d("2028-02-28").next_day(), d("2028-02-29"));
        assert_eq!(d("2026-12-31").next_day(), d("2027-01-01"));
        assert_eq!(
            Zeitpunkt::ErsterTagFolgemonat.datum(Some(d("2026-12-15"))),
            Some(d("2027-01-01"))
        );
        assert_eq!(Zeitpunkt::TagNachVerkuendung.datum(None), None);
    }

    #[test]
    fn dates_are_real_days() {
        assert_eq!(d("2027-01-01").to_string(), "2027-01-01");
        assert_eq!(Datum::from_iso("2026-02-29"), None);
        assert_eq!(Datum::from_iso("2026-13-01"), None);
        assert_eq!(Datum::from_iso("2026-1-01"), None);
        assert_eq!(Datum::from_iso("+026-01-01"), None);
        assert_eq!(
            Datum::from_german("31. Dezember 2027"),
            Some(d("2027-12-31"))
        );
        assert_eq!(Datum::from_german("31. Februar 2027"), None);
        assert!(d("2026-12-31") < d("2027-01-01"));
        assert_eq!(d("9999-12-31").next_day(), d("9999-12-31"));
        let z = Zeitraum {
            ab: d("2026-04-01"),
            bis: Some(d("2027-12-31")),
        };
        assert!(!z.gilt_am(d("2026-03-31")));
        assert!(z.gilt_am(d("2026-04-01")) && z.gilt_am(d("2027-12-31")));
        assert!(!z.gilt_am(d("2028-01-01")));
        assert_eq!(
            serde_json::to_string(&Zeitpunkt::Datum(d("2027-01-01"))).unwrap(),
            r#"{"Datum":"2027-01-01"}"#
        );
    }

    fn d(iso: &str) -> Datum {
        Datum::from_iso(iso).unwrap()
    }
}
