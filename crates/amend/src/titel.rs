//! The grammar of a law's title as an amending law uses it: its gender, its
//! genitive („des Einführungsgesetzes zum Strafgesetzbuch“, „der
//! Eisenbahn-Bau- und Betriebsordnung“) and the Eingangssatz built from it
//! with the Vollzitat (`Eingang`).

use syntax::Document;

/// The words after which a title qualifies its noun („Gesetz über …“).
const QUALIFIERS: [&str; 12] = [
    "über", "zur", "zum", "zu", "für", "des", "der", "vom", "von", "–", "-", "(",
];

/// The words of a title before its qualification: „Allgemeines
/// Eisenbahngesetz“ of „Allgemeines Eisenbahngesetz (AEG)“.
fn head_words(title: &str) -> impl Iterator<Item = &str> {
    title
        .split_whitespace()
        .take_while(|w| !QUALIFIERS.contains(w) && !w.starts_with('('))
}

/// Whether the law a title names is feminine („die Verordnung“, „die
/// Eisenbahn-Bau- und Betriebsordnung“) rather than neuter („das Gesetz“):
/// by the nouns before the words that qualify them („über“, „zur“, „–“).
pub fn feminine(title: &str) -> bool {
    const FEMININE: [&str; 5] = [
        "ordnung",
        "satzung",
        "regelung",
        "bekanntmachung",
        "richtlinie",
    ];
    head_words(title).any(|w| {
        let w = w.to_lowercase();
        FEMININE.iter().any(|f| w.ends_with(f))
    })
}

/// One word of a title's head in the genitive: „Gesetz“ → „Gesetzes“,
/// „Handelsgesetzbuch“ → „Handelsgesetzbuchs“, „Allgemeines“ →
/// „Allgemeinen“; a feminine noun, an abbreviation and a number stay.
fn genitive_word(w: &str, feminine: bool, last: bool) -> String {
    let upper = w.chars().next().is_some_and(char::is_uppercase);
    let abbreviation = w.chars().filter(|c| c.is_uppercase()).count() > 1 && !w.contains('-');
    if !upper || abbreviation || w.ends_with('-') {
        return w.to_string();
    }
    let lower = w.to_lowercase();
    // an adjective before the noun: „Allgemeines“, „Bürgerliches“, „Erste“
    if !last && !feminine && lower.ends_with("es") {
        return format!("{}en", &w[..w.len() - 2]);
    }
    if feminine {
        return match w.strip_suffix('e') {
            Some(stem) if !last => format!("{stem}en"),
            _ => w.to_string(),
        };
    }
    if lower.ends_with("gesetz") || lower.ends_with("vertrag") || lower.ends_with("statut") {
        format!("{w}es")
    } else if lower.ends_with("buch")
        || lower.ends_with("abkommen")
        || lower.ends_with("übereinkommen")
    {
        format!("{w}s")
    } else {
        w.to_string()
    }
}

/// A law's title or name in the genitive with its article: „Gesetz VII“ →
/// „des Gesetzes VII“, „Verordnung X“ → „der Verordnung X“, „Allgemeines
/// Eisenbahngesetz“ → „des Allgemeinen Eisenbahngesetzes“; an abbreviation
/// takes the article of its law's `title` („der LMRStV“, „des BGB“).
pub fn genitive(name: &str, title: &str) -> String {
    let abbreviation = !name.contains(' ')
        && !name.contains('-')
        && name.chars().filter(|c| c.is_uppercase()).count() > 1
        && !name.ends_with("gesetz")
        && !name.ends_with("buch");
    if abbreviation {
        let art = if feminine(title) { "der" } else { "des" };
        return format!("{art} {name}");
    }
    if let Some(ordinal) = name.strip_suffix(" Buch Sozialgesetzbuch") {
        let ordinal = ordinal.strip_suffix("es").unwrap_or(ordinal);
        return format!("des {ordinal}en Buches Sozialgesetzbuch");
    }
    let fem = feminine(name);
    let heads = head_words(name).count();
    let words: Vec<String> = name
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            // roman numerals and numbers after the noun stay („Gesetz VII“)
            if i < heads && !w.chars().all(|c| "IVXLCDM".contains(c)) {
                genitive_word(w, fem, i + 1 == heads)
            } else {
                w.to_string()
            }
        })
        .collect();
    let art = if fem { "der" } else { "des" };
    format!("{art} {}", words.join(" "))
}

/// A law's title as its Bezeichnung names it: without the abbreviation in
/// parentheses („Eisenbahn-Bau- und Betriebsordnung (EBO)“ → „Eisenbahn-Bau-
/// und Betriebsordnung“), a book of the Sozialgesetzbuch by its number
/// („Sozialgesetzbuch (SGB) Drittes Buch (III) - Arbeitsförderung -“ →
/// „Drittes Buch Sozialgesetzbuch“).
pub fn bezeichnung(title: &str) -> String {
    let t = title.trim();
    if let Some(rest) = t.strip_prefix("Sozialgesetzbuch (SGB) ") {
        if let Some((ordinal, _)) = rest.split_once(" Buch") {
            return format!("{ordinal} Buch Sozialgesetzbuch");
        }
    }
    let t = match t.rfind(" (") {
        Some(i) if t.ends_with(')') => &t[..i],
        _ => t,
    };
    t.to_string()
}

/// Whether the genitive of a title declines an adjective before its noun
/// („Allgemeine Waffengesetz-Verordnung“ → „der Allgemeinen …“).
fn declines_an_adjective(title: &str) -> bool {
    let heads: Vec<&str> = head_words(title).collect();
    heads.len() > 1
        && heads[..heads.len() - 1]
            .iter()
            .any(|w| w.starts_with(char::is_uppercase) && (w.ends_with("es") || w.ends_with('e')))
}

/// A title in the nominative with its article: „Das Bürgerliche
/// Gesetzbuch“ (the adjective after „das“ ends in -e), „Die Erste
/// Verordnung …“.
fn nominative(title: &str, fem: bool) -> String {
    let heads = head_words(title).count();
    let words: Vec<String> = title
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| match w.strip_suffix("es") {
            Some(stem) if !fem && i + 1 < heads && w.starts_with(char::is_uppercase) => {
                format!("{stem}e")
            }
            _ => w.to_string(),
        })
        .collect();
    format!("{} {}", if fem { "Die" } else { "Das" }, words.join(" "))
}

/// The law an Eingangssatz names, with its Vollzitat: „Das Gesetz VII vom
/// 14. Oktober 2025 (…), das zuletzt durch … geändert worden ist“.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eingang {
    /// The title without its abbreviation („Eisenbahn-Bau- und Betriebsordnung“).
    pub title: String,
    /// „vom 8. Mai 1967 (BGBl. 1967 II S. 1563)“ or „in der Fassung der
    /// Bekanntmachung vom …“, when known.
    pub fassung: Option<String>,
    /// The last change: the amending law („Artikel 4 des Gesetzes vom …“).
    pub geaendert: Option<Geaendert>,
}

/// The last change of a law an Eingangssatz names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geaendert {
    /// „Artikel 4 des Gesetzes vom 22. Dezember 2010 (BGBl. I S. 2300)“.
    pub durch: String,
    /// Whether there were changes before it („zuletzt durch“).
    pub zuletzt: bool,
}

impl Eingang {
    /// The Eingang of an amending law for `doc`: the Vollzitat from the front
    /// matter where the law has one, else the date of its Fassung.
    pub fn of(doc: &Document) -> Eingang {
        let mut title = doc.title.clone().unwrap_or_default();
        // "Eisenbahn-Bau- und Betriebsordnung (EBO)": the Vollzitat has the title only
        if let Some(abbr) = &doc.abbreviation {
            if let Some(t) = title.strip_suffix(&format!(" ({abbr})")) {
                title = t.to_string();
            }
        }
        // juris' empty title with the abbreviation alone: „(LFGB)“
        if let Some(inner) = title
            .trim()
            .strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
        {
            title = inner.to_string();
        }
        if title.trim().is_empty() {
            title = doc.abbreviation.clone().unwrap_or_else(|| "Gesetz".into());
        }
        let z = crate::vollzitat::Vollzitat::of(doc);
        let fassung = z.fassung.clone().or_else(|| {
            doc.fassung
                .as_deref()
                .and_then(syntax::date::german)
                .map(|d| format!("vom {d}"))
        });
        Eingang {
            title,
            fassung,
            geaendert: z.zuletzt.map(|durch| Geaendert {
                durch,
                zuletzt: true,
            }),
        }
    }

    /// The law as another Artikel of the same amending law left it: „…, das
    /// zuletzt durch Artikel 1 dieses Gesetzes geändert worden ist“.
    pub fn after_artikel(&self, artikel: usize) -> Eingang {
        Eingang {
            geaendert: Some(Geaendert {
                durch: format!("Artikel {artikel} dieses Gesetzes"),
                zuletzt: self.geaendert.is_some(),
            }),
            ..self.clone()
        }
    }

    /// The law with its Vollzitat, after its article (`genitive`: „des
    /// Gesetzes VII vom …“, else „Das Gesetz VII vom …“), and the relative
    /// clause of its last change, ending in a comma when there is one.
    fn named(&self, genitive_case: bool) -> String {
        let fem = feminine(&self.title);
        let mut s = if genitive_case {
            genitive(&self.title, &self.title)
        } else {
            nominative(&self.title, fem)
        };
        if let Some(f) = &self.fassung {
            s.push(' ');
            s.push_str(f);
        }
        if let Some(g) = &self.geaendert {
            let rel = if fem { "die" } else { "das" };
            let zuletzt = if g.zuletzt { "zuletzt " } else { "" };
            s.push_str(&format!(
                ", {rel} {zuletzt}durch {} geändert worden ist,",
                g.durch
            ));
        }
        s
    }

    /// The Eingangssatz without its colon: „Das Gesetz VII vom … wird wie
    /// folgt geändert“.
    pub fn satz(&self) -> String {
        self.named(false) + " wird wie folgt geändert"
    }

    /// The one command of an Artikel with the law named in it (the
    /// one-change form: no list, no „1.“): „In § 4 Absatz 1 des Gesetzes VII
    /// vom …, das zuletzt durch … geändert worden ist, wird …“. The law
    /// follows the place, before the first „wird“ or „werden“ outside quotes;
    /// None when the command has no such verb.
    pub fn einzeln(&self, befehl: &str) -> Option<String> {
        // the reader knows a law by its title's words with their endings
        // trimmed, which a declined adjective („der Allgemeinen …“) defeats:
        // such a law keeps its Eingangssatz
        if declines_an_adjective(&self.title) {
            return None;
        }
        let at = crate::parse::top_level_find(befehl, &[" wird ", " werden "])?;
        let named = self.named(true);
        let (place, rest) = befehl.split_at(at);
        // the place may end in a quotation mark's word („Die Überschrift …“)
        Some(format!("{place} {named}{rest}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genitives() {
        assert_eq!(
            genitive("Gesetz VII", "Gesetz VII – Missbrauch"),
            "des Gesetzes VII"
        );
        assert_eq!(genitive("Verordnung IV", ""), "der Verordnung IV");
        assert_eq!(
            genitive("Bundeskriminalamtgesetz", ""),
            "des Bundeskriminalamtgesetzes"
        );
        assert_eq!(genitive("BGB", "Bürgerliches Gesetzbuch"), "des BGB");
        let v = "Verordnung über die Landesmedienanstalten";
        assert_eq!(genitive("LMRStV", v), "der LMRStV");
        assert_eq!(
            genitive("Allgemeines Eisenbahngesetz", ""),
            "des Allgemeinen Eisenbahngesetzes"
        );
        assert_eq!(
            genitive("Einführungsgesetz zum Strafgesetzbuch", ""),
            "des Einführungsgesetzes zum Strafgesetzbuch"
        );
        assert_eq!(genitive("Handelsgesetzbuch", ""), "des Handelsgesetzbuchs");
        let sgb = bezeichnung("Sozialgesetzbuch (SGB) Drittes Buch (III) - Arbeitsförderung -");
        assert_eq!(genitive(&sgb, ""), "des Dritten Buches Sozialgesetzbuch");
        assert_eq!(
            genitive(&bezeichnung("Coronavirus-Impfverordnung (CoronaImpfV)"), ""),
            "der Coronavirus-Impfverordnung"
        );
        assert_eq!(
            genitive("Eisenbahn-Bau- und Betriebsordnung", ""),
            "der Eisenbahn-Bau- und Betriebsordnung"
        );
        assert_eq!(
            genitive("Gesetz über das Bundesverfassungsgericht", ""),
            "des Gesetzes über das Bundesverfassungsgericht"
        );
    }

    #[test]
    fn the_article_agrees_with_the_adjective() {
        let e = Eingang {
            title: "Bürgerliches Gesetzbuch".into(),
            fassung: None,
            geaendert: None,
        };
        assert_eq!(
            e.satz(),
            "Das Bürgerliche Gesetzbuch wird wie folgt geändert"
        );
        // the reader does not know „des Bürgerlichen Gesetzbuchs“: no one-change form
        assert_eq!(e.einzeln("§ 1 wird aufgehoben."), None);
    }

    #[test]
    fn one_change_names_the_law_after_the_place() {
        let e = Eingang {
            title: "Einführungsgesetz zum Strafgesetzbuch".into(),
            fassung: Some("vom 2. März 1974 (BGBl. I S. 469)".into()),
            geaendert: Some(Geaendert {
                durch: "Artikel 4 des Gesetzes vom 22. Dezember 2010 (BGBl. I S. 2300)".into(),
                zuletzt: true,
            }),
        };
        assert_eq!(
            e.einzeln("Dem Artikel 316e wird der folgende Absatz 4 angefügt:")
                .unwrap(),
            "Dem Artikel 316e des Einführungsgesetzes zum Strafgesetzbuch vom 2. März 1974 \
             (BGBl. I S. 469), das zuletzt durch Artikel 4 des Gesetzes vom 22. Dezember 2010 \
             (BGBl. I S. 2300) geändert worden ist, wird der folgende Absatz 4 angefügt:"
        );
        let plain = Eingang {
            title: "Gesetz VII".into(),
            fassung: Some("vom 14. Oktober 2025".into()),
            geaendert: None,
        };
        assert_eq!(
            plain
                .einzeln("In § 4 werden die Wörter „es wird“ gestrichen.")
                .unwrap(),
            "In § 4 des Gesetzes VII vom 14. Oktober 2025 werden die Wörter „es wird“ gestrichen."
        );
        assert_eq!(
            plain.after_artikel(1).satz(),
            "Das Gesetz VII vom 14. Oktober 2025, das durch Artikel 1 dieses Gesetzes \
             geändert worden ist, wird wie folgt geändert"
        );
    }
}
