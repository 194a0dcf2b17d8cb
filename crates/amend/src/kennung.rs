//! The amended law as the gazette names it: an Eingangssatz calls a law by
//! its title, short title or abbreviation in any case ("des Strafgesetzbuchs",
//! "der Gleichstellungsbeauftragten-Wahlverordnung Soldatinnen"), and by its
//! date and Fundstelle ("vom 12. Mai 2005 (BGBl. I S. 1394)", "in der Fassung
//! der Bekanntmachung vom 13. November 1998 (BGBl. I S. 3322)"). A
//! [`Kennung`] is what the law's file knows of itself (title, abbreviation,
//! the corpus' Ausfertigungsdatum and Fundstelle, `paragraf.toml`), and
//! [`Kennung::genannt_in`] tells whether an Eingangssatz names that law.

/// Where a law was promulgated: "BGBl. I S. 1394" of 2005.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fundstelle {
    /// "BGBl I", "BGBl II", "RGBl" (without dots).
    pub blatt: String,
    /// The year of the volume ("2005").
    pub jahr: String,
    /// The page ("1394") or, from 2023, the number ("Nr. 411").
    pub seite: String,
}

/// What identifies a law in an Eingangssatz.
#[derive(Debug, Clone, Default)]
pub struct Kennung {
    /// Title, short title, abbreviation (each also without its brackets).
    pub names: Vec<String>,
    /// The Ausfertigungsdatum (ISO), where known.
    pub datum: Option<String>,
    /// The Fundstelle of the law and of its Neufassung.
    pub fundstellen: Vec<Fundstelle>,
}

/// Words of a designation that name no law of their own ("Das Gesetz wird …").
const BARE: &[&str] = &[
    "das",
    "die",
    "der",
    "dem",
    "des",
    "gesetz",
    "gesetzes",
    "verordnung",
    "satzung",
    "rechtsverordnung",
    "vertrag",
    "vertrages",
    "vertrags",
];

impl Kennung {
    /// The names a law is called by: "Long title (Kurztitel - ABK)" gives
    /// the long title, "Kurztitel" and "ABK".
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Kennung {
        let mut k = Kennung::default();
        for n in names {
            k.add_name(n);
        }
        k
    }

    /// Add a name (split at its brackets, see [`Kennung::from_names`]).
    pub fn add_name(&mut self, n: &str) {
        let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut push = |s: &str| {
            let s = s.trim();
            if s.chars().count() >= 2 && !self.names.iter().any(|x| x == s) {
                self.names.push(s.to_string());
            }
        };
        match (n.rfind(" ("), n.ends_with(')')) {
            (Some(i), true) => {
                push(&n[..i]);
                let inner = &n[i + 2..n.len() - 1];
                for part in inner.split(" - ").flat_map(|p| p.split(" – ")) {
                    push(part);
                }
            }
            _ => push(&n),
        }
        // the drafters' "Gesetz VII – Missbrauch von KI-Systemen": "Gesetz VII"
        if let Some((kurz, _)) = n.split_once(" – ") {
            push(kurz);
        }
    }

    /// Ausfertigungsdatum and Fundstellen from a corpus law's Markdown
    /// ("Ausfertigungsdatum\n:   2005-05-12", "Fundstelle\n:   BGBl I: 2005,
    /// 1394", "Neugefasst durch\n:   Bek. v. 13.11.1998 I 3322;").
    pub fn read_source(&mut self, src: &str) {
        let head = &src[..src.len().min(4000)];
        let mut last = "";
        for line in head.lines() {
            let Some(v) = line.strip_prefix(":") else {
                if !line.trim().is_empty() {
                    last = line.trim();
                }
                continue;
            };
            let v = v.trim();
            match last {
                "Ausfertigungsdatum" => self.datum = syntax::date::parse_german(v),
                "Fundstelle" => self.fundstellen.extend(corpus_fundstelle(v)),
                "Neugefasst durch" => self.fundstellen.extend(bek_fundstelle(v)),
                _ => {}
            }
        }
    }

    /// Add a Fundstelle as `paragraf.toml` writes it ("BGBl. I S. 1394")
    /// for the law of `datum`.
    pub fn add_fundstelle(&mut self, text: &str) {
        let jahr = self
            .datum
            .as_deref()
            .map(|d| d[..4.min(d.len())].to_string());
        if let Some(f) = fundstelle_in(&format!("({text})"), jahr.as_deref()) {
            self.fundstellen.push(f);
        }
    }

    /// Whether nothing identifies the law: no name and no Fundstelle.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.fundstellen.is_empty()
    }

    /// Whether the Eingangssatz `satz` names this law: one of its names in
    /// the designation (any case), or its Fundstelle as the first one given.
    pub fn genannt_in(&self, satz: &str) -> bool {
        let kopf = kopf(satz);
        let words = tokens(kopf);
        if self.names.iter().any(|n| {
            let nt = tokens(n);
            !nt.is_empty() && words.windows(nt.len()).any(|w| w == nt.as_slice())
        }) {
            return true;
        }
        let datum = datum_in(kopf);
        if let Some(f) = fundstelle_in(kopf, datum.as_deref().map(|d| &d[..4])) {
            if self.fundstellen.contains(&f) {
                return true;
            }
        }
        datum.is_some() && datum == self.datum && self.title_abridged_in(&words)
    }

    /// The long title abridged, with the Ausfertigungsdatum: "des Vertrages
    /// zwischen der Bundesrepublik Deutschland und dem Zentralrat der Juden
    /// … vom 27. Januar 2003" for the "Vertrag zwischen der Bundesrepublik
    /// Deutschland, vertreten durch den Bundeskanzler, und dem Zentralrat …":
    /// its first two words in a row and most of its words in the designation.
    fn title_abridged_in(&self, words: &[String]) -> bool {
        let Some(title) = self.names.first().map(|n| tokens(n)) else {
            return false;
        };
        if title.len() < 4 || !words.windows(2).any(|w| w == &title[..2]) {
            return false;
        }
        let found = title.iter().filter(|t| words.contains(t)).count();
        found * 2 > title.len()
    }
}

/// The designation of the law in an Eingangssatz: before "zuletzt geändert"
/// (the Fundstellen after it are of other laws).
fn kopf(satz: &str) -> &str {
    satz.find(" zuletzt ")
        .or_else(|| satz.find(" geändert worden ist"))
        .map_or(satz, |i| &satz[..i])
}

/// Whether an Eingangssatz names no law in particular ("Das Gesetz wird wie
/// folgt geändert:").
pub fn bare(satz: &str) -> bool {
    let head = satz
        .split(" wird ")
        .next()
        .unwrap_or(satz)
        .split(" werden ")
        .next()
        .unwrap_or(satz);
    head.split_whitespace()
        .all(|w| BARE.contains(&w.to_lowercase().as_str()))
}

/// Lower-cased word stems: "des Bürgerlichen Gesetzbuchs" and "Bürgerliches
/// Gesetzbuch" share "bürgerlich gesetzbuch".
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | ':'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| stem(&w.replace('\u{ad}', "").to_lowercase()))
        .collect()
}

fn stem(w: &str) -> String {
    let mut s = w.to_string();
    if s.chars().count() > 4 {
        for _ in 0..2 {
            if s.ends_with(['e', 's', 'n', 'r', 'm']) && s.chars().count() > 4 {
                s.pop();
            }
        }
    }
    s
}

/// The first date "vom 12. Mai 2005" in a designation.
fn datum_in(s: &str) -> Option<String> {
    s.match_indices("vom ")
        .find_map(|(i, _)| syntax::date::parse_german(&s[i + 4..]))
}

/// The first Fundstelle "(BGBl. I S. 1394" / "(BGBl. 1955 II S. 305" /
/// "(BGBl. 2023 I Nr. 411" in `s`; the year from it or `jahr`.
fn fundstelle_in(s: &str, jahr: Option<&str>) -> Option<Fundstelle> {
    let i = s.find("(BGBl").or_else(|| s.find("(RGBl"))?;
    let rest = &s[i + 1..];
    let mut words = rest.split_whitespace();
    let blatt0 = words.next()?.trim_end_matches('.');
    let mut teil = None;
    let mut year = jahr.map(str::to_string);
    for w in words.by_ref() {
        match w {
            "I" | "II" | "III" => teil = Some(w),
            "S." | "Nr." => break,
            _ if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) => {
                year = Some(w.to_string())
            }
            _ => return None,
        }
    }
    let seite: String = words
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if seite.is_empty() {
        return None;
    }
    let blatt = match teil {
        Some(t) => format!("{blatt0} {t}"),
        None => blatt0.to_string(),
    };
    Some(Fundstelle {
        blatt,
        jahr: year?,
        seite,
    })
}

/// "BGBl I: 2005, 1394" (the corpus' front matter).
fn corpus_fundstelle(v: &str) -> Option<Fundstelle> {
    let (blatt, rest) = v.split_once(':')?;
    let (jahr, seite) = rest.split_once(',')?;
    let seite: String = seite
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!seite.is_empty()).then(|| Fundstelle {
        blatt: blatt.trim().to_string(),
        jahr: jahr.trim().to_string(),
        seite,
    })
}

/// "Bek. v. 13.11.1998 I 3322;" (a Neufassung in the corpus).
fn bek_fundstelle(v: &str) -> Option<Fundstelle> {
    let mut w = v.split_whitespace().skip_while(|w| *w != "v.").skip(1);
    let datum = syntax::date::parse_german(w.next()?)?;
    let teil = w.next()?;
    let seite: String = w.next()?.chars().take_while(char::is_ascii_digit).collect();
    (matches!(teil, "I" | "II" | "III") && !seite.is_empty()).then(|| Fundstelle {
        blatt: format!("BGBl {teil}"),
        jahr: datum[..4].to_string(),
        seite,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_case_and_the_fundstelle() {
        let mut k = Kennung::from_names(["Strafgesetzbuch (StGB)"]);
        k.read_source("# Strafgesetzbuch (StGB)\n\nAusfertigungsdatum\n:   1871-05-15\n\nFundstelle\n:   RGBl: 1871, 127\n\nNeugefasst durch\n:   Bek. v. 13.11.1998 I 3322;\n");
        assert_eq!(k.datum.as_deref(), Some("1871-05-15"));
        assert!(k.genannt_in("Nach § 353b Absatz 3 des Strafgesetzbuchs in der Fassung der Bekanntmachung vom 13. November 1998 (BGBl. I S. 3322), das zuletzt durch Artikel 2 des Gesetzes vom 1. Juni 2024 (BGBl. 2024 I Nr. 1) geändert worden ist, wird folgender Absatz 3a eingefügt:"));
        // by the Fundstelle alone
        assert!(k.genannt_in("Das Gesetz in der Fassung der Bekanntmachung vom 13. November 1998 (BGBl. I S. 3322) wird wie folgt geändert:"));
        // a Fundstelle after "zuletzt" is another law's
        assert!(!k.genannt_in("Das Gesetz vom 1. Juni 2020 (BGBl. I S. 1), das zuletzt durch Artikel 1 des Gesetzes vom 13. November 1998 (BGBl. I S. 3322) geändert worden ist, wird wie folgt geändert:"));
        let w = Kennung::from_names([
            "Verordnung über die Wahl der Gleichstellungsbeauftragten und ihrer Stellvertreterinnen in den Streitkräften (Gleichstellungsbeauftragten-Wahlverordnung Soldatinnen - SGleibWV)",
        ]);
        assert!(w.genannt_in("Die Gleichstellungsbeauftragten-Wahlverordnung Soldatinnen vom 12. Mai 2005 (BGBl. I S. 1394), die zuletzt durch Artikel 2 der Verordnung vom 1. Januar 2020 geändert worden ist, wird wie folgt geändert:"));
        let b = Kennung::from_names(["Bürgerliches Gesetzbuch (BGB)"]);
        assert!(b.genannt_in("In § 1 des Bürgerlichen Gesetzbuchs wird …"));
        assert!(!Kennung::from_names(["Gesetz VI"])
            .genannt_in("Das Gesetz VII wird wie folgt geändert:"));
        // ZJDVtrÄndVtr 2018 (BGBl. I S. 2236): the title abridged, the
        // Ausfertigungsdatum, the Fundstelle of the Gesetz zu dem Vertrag
        let mut z = Kennung::from_names(["Vertrag zwischen der Bundesrepublik Deutschland, vertreten durch den Bundeskanzler, und dem Zentralrat der Juden in Deutschland - Körperschaft des öffentlichen Rechts -, vertreten durch den Präsidenten und die Vizepräsidenten (ZJDVtr)"]);
        z.read_source("Ausfertigungsdatum\n:   2003-01-27\n\nFundstelle\n:   BGBl I: 2003, 1598\n");
        let satz = "Artikel 2 Absatz 1 des Vertrages zwischen der Bundesrepublik Deutschland und dem Zentralrat der Juden in Deutschland – Körperschaft des öffentlichen Rechts – vom 27. Januar 2003 (BGBl. I S. 1597), zuletzt geändert durch den Vertrag vom 30. November 2011 (BGBl. I S. 1222), wird wie folgt gefasst:";
        assert!(z.genannt_in(satz));
        // another date: another law
        assert!(!z.genannt_in(&satz.replace("27. Januar 2003", "28. Januar 2003")));
        assert!(bare("Das Gesetz wird wie folgt geändert:"));
        assert!(!bare("Das Bürgerliche Gesetzbuch wird wie folgt geändert:"));
    }
}
