//! The names a law goes by, and whether a designation in a citation names
//! it: its title, the short title and abbreviation in the title's bracket
//! ("Gesetz über die Nutzung öffentlicher Daten (Datennutzungsgesetz – DNG)"),
//! the abbreviation of its front matter and the short name of its workspace
//! entry, in any case and declension ("des Datennutzungsgesetzes", "des
//! DNG", "des Bürgerlichen Gesetzbuchs").

use syntax::ast::Document;

/// The names of one law, as comparison keys (see `names::key`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LawNames {
    keys: Vec<String>,
}

impl LawNames {
    /// The names of a law: its title, the names in the title's last bracket,
    /// its abbreviation, and `short` (the workspace's name for it).
    pub fn of(doc: &Document, short: Option<&str>) -> LawNames {
        let mut names = LawNames::default();
        if let Some(t) = doc.title.as_deref() {
            names.add_title(t);
        }
        if let Some(a) = doc.abbreviation.as_deref() {
            names.add(a);
        }
        if let Some(s) = short {
            names.add(s);
        }
        names
    }

    /// Adds a name.
    pub fn add(&mut self, name: &str) {
        let k = key(name);
        if !k.is_empty() && !self.keys.contains(&k) {
            self.keys.push(k);
        }
    }

    /// Adds a title and the names in its last bracket: "(Datennutzungsgesetz
    /// – DNG)", "(BGB)"; the part before a dash of the title too ("Gesetz VII
    /// – Missbrauch von KI-Systemen").
    pub fn add_title(&mut self, title: &str) {
        self.add(title);
        let t = title.trim();
        if let (Some(open), true) = (t.rfind('('), t.ends_with(')')) {
            let inner = &t[open + 1..t.len() - 1];
            self.add(t[..open].trim());
            // "Datennutzungsgesetz – DNG": each side of a spaced dash (a
            // hyphen inside a name, "DGL-VO", is no separator)
            for part in inner.split(" – ").flat_map(|p| p.split(" - ")) {
                self.add(part.trim());
            }
            self.add(inner.trim());
        }
        if let Some((head, _)) = t.split_once(" – ") {
            self.add(head.trim());
        }
    }

    /// Whether `designation` ("des Datennutzungsgesetzes", "DNG", "Gesetz
    /// VII") names this law.
    pub fn names(&self, designation: &str) -> bool {
        let k = key(designation);
        !k.is_empty() && self.keys.contains(&k)
    }

    /// The comparison keys of the names.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }

    /// Whether no name is known.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A name as a comparison key: the leading article dropped, each word
/// lowercased and stripped of its case endings ("des Bürgerlichen
/// Gesetzbuchs" and "Bürgerliches Gesetzbuch" give the same key). An
/// abbreviation ("DNG", "SGB V") is kept as it is written.
pub fn key(name: &str) -> String {
    let mut words: Vec<&str> = name
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    while let Some(first) = words.first() {
        if matches!(
            *first,
            "des" | "der" | "dem" | "den" | "die" | "das" | "zum" | "zur" | "im" | "in"
        ) {
            words.remove(0);
        } else {
            break;
        }
    }
    words
        .iter()
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let upper = w.chars().filter(|c| c.is_uppercase()).count();
            if upper >= 2 || w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
                // an abbreviation or a Roman numeral: as written
                w.to_string()
            } else {
                stem(&w.to_lowercase())
            }
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word without the endings of German declension, enough to tell
/// "Gesetzes" from "Gesetz" apart from nothing: both give "gesetz".
fn stem(w: &str) -> String {
    let mut w = w.to_string();
    for _ in 0..2 {
        if w.chars().count() <= 4 {
            break;
        }
        let cut = ["es", "en", "em", "er", "ns", "s", "e", "n"]
            .iter()
            .find(|e| w.ends_with(*e))
            .map(|e| e.len());
        match cut {
            Some(k) => w.truncate(w.len() - k),
            None => break,
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(title: &str, abbr: Option<&str>, short: Option<&str>) -> LawNames {
        let mut doc = syntax::parse(&format!("{title}\n\n§ 1\n\nText.\n"));
        doc.abbreviation = abbr.map(str::to_string);
        LawNames::of(&doc, short)
    }

    #[test]
    fn declension_and_abbreviation() {
        let dng = names(
            "Gesetz über die Nutzung öffentlicher Daten (Datennutzungsgesetz – DNG)",
            None,
            Some("DNG"),
        );
        for d in [
            "des DNG",
            "DNG",
            "des Datennutzungsgesetzes",
            "Datennutzungsgesetz",
            "dem Datennutzungsgesetz",
            "des Gesetzes über die Nutzung öffentlicher Daten",
        ] {
            assert!(dng.names(d), "{d}");
        }
        for d in [
            "des BKIE",
            "des Bürgerlichen Gesetzbuchs",
            "DNGV",
            "Gesetzes",
        ] {
            assert!(!dng.names(d), "{d}");
        }
        let bgb = names("Bürgerliches Gesetzbuch", Some("BGB"), None);
        assert!(bgb.names("des Bürgerlichen Gesetzbuchs"));
        assert!(bgb.names("des Bürgerlichen Gesetzbuches"));
        assert!(bgb.names("BGB"));
        let vii = names(
            "Gesetz VII – Missbrauch von KI-Systemen („Digitaler Waffeneinsatz“)",
            None,
            Some("Gesetz VII"),
        );
        assert!(vii.names("des Gesetzes VII"));
        assert!(!vii.names("des Gesetzes VI"));
    }
}
