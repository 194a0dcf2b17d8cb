//! Amending laws: read the Änderungsbefehle of an amending law
//! ([`parse`]), apply them to a law ([`apply`]), write the consolidated text.
//!
//! A command names a place ("§ 3 Absatz 3 Satz 1") and an operation (replace
//! words, restate a unit, insert, repeal, renumber). Places are resolved in
//! the law's AST; a command that cannot apply unambiguously is an error that
//! points at the command and, where there is one, at the target.

pub mod apply;
pub mod parse;

use serde::Serialize;

/// The kind of a part of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TeilKind {
    Paragraf,
    Artikel,
    Absatz,
    Satz,
    Nummer,
    Buchstabe,
    Doppelbuchstabe,
    Anhang,
    Anlage,
    /// Buch, Teil, Kapitel, Abschnitt, ... (the Kind in `gliederung`).
    Gliederung,
    /// The heading of the unit named before or after it.
    Ueberschrift,
    /// The text of a unit before its Nummern ("einleitender Satzteil").
    Einleitung,
    /// The text of a unit after its Nummern ("abschließender Satzteil").
    Schluss,
    /// The law itself ("Dem Gesetz wird ... angefügt").
    Gesetz,
    Eingangsformel,
    Praeambel,
    Inhaltsuebersicht,
}

/// One part of a place: "Absatz 3", "Absätze 2 bis 4", "Überschrift".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Teil {
    pub kind: TeilKind,
    /// For `Gliederung`: the type of unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gliederung: Option<crate::ast::Kind>,
    /// One number, a list ("2 und 3") or a range ("2 bis 4": both ends, `range`).
    pub nums: Vec<String>,
    pub range: bool,
}

/// A place in the law: "§ 3 Absatz 3 Satz 1".
pub type Ort = Vec<Teil>;

/// Quoted words, or a punctuation mark ("der Punkt am Ende").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Objekt {
    pub text: String,
    /// "am Ende": the occurrence at the end of the text.
    pub am_ende: bool,
}

/// What a command does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// "§ 3 wird wie folgt geändert:" (the commands below it are relative to it).
    Aendern { ort: Ort },
    /// "§ 3 Absatz 3 wird wie folgt gefasst: „…“"
    Fassen { ort: Ort, zitat: String },
    /// "Satz 2 wird durch die folgenden Sätze ersetzt: „…“"
    ErsetzenEinheit { ort: Ort, zitate: Vec<String> },
    /// "In § 3 werden die Wörter „x“ durch die Wörter „y“ ersetzt."
    Ersetzen {
        ort: Ort,
        alt: Objekt,
        neu: Objekt,
        jeweils: bool,
    },
    /// "In § 5 werden die Wörter „x“ gestrichen."
    Streichen {
        ort: Ort,
        alt: Objekt,
        jeweils: bool,
    },
    /// "In Absatz 1 wird nach dem Wort „x“ das Wort „y“ eingefügt."
    EinfuegenWort {
        ort: Ort,
        nach: bool,
        anker: Objekt,
        neu: Objekt,
        jeweils: bool,
    },
    /// "Nach § 4 wird der folgende § 4a eingefügt: „…“"
    Einfuegen {
        nach: bool,
        ort: Ort,
        zitate: Vec<String>,
    },
    /// "Dem § 3 wird folgender Absatz 4 angefügt: „…“" (`vorn`: "vorangestellt").
    Anfuegen {
        ort: Ort,
        neu: Ort,
        zitate: Vec<String>,
        vorn: bool,
    },
    /// "§ 5 Absatz 4 wird aufgehoben." (`streichen`: "gestrichen", no placeholder).
    Aufheben { ort: Ort, streichen: bool },
    /// "Der bisherige Absatz 3 wird Absatz 4."
    Umnummern { alt: Ort, neu: Ort },
    /// A command the grammar could not read (applying it fails with `message`).
    Unlesbar { message: String },
}

/// One Änderungsbefehl with where it was written.
#[derive(Debug, Clone, Serialize)]
pub struct Befehl {
    /// "1.", "1. a)", "2. b) aa)": the numbering down to this command.
    pub nummer: String,
    /// The command as written (without its number).
    pub text: String,
    pub line: u32,
    pub column: u32,
    /// The place given by "… wird wie folgt geändert:" above this command.
    pub kontext: Ort,
    pub op: Op,
    /// LegalDocML: the eId of the target (from `akn:ref/@href`), if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eid: Option<String>,
}

/// An amending law, as far as it amends one law.
#[derive(Debug, Clone, Serialize)]
pub struct Aenderungsgesetz {
    /// The Eingangssatz: "Das Gesetz VII ... wird wie folgt geändert:".
    pub eingangssatz: String,
    pub befehle: Vec<Befehl>,
}

/// A command that could not be read or applied.
#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct AmendError {
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    /// Where in the target law (line:column), when the target was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// What one command did.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub nummer: String,
    pub line: u32,
    /// "§ 3 Absatz 3: 1 replacement".
    pub what: String,
}

/// The Gliederung type a word of a citation names, also in the genitive
/// ("des Abschnitts", "des Buches").
pub(crate) fn gliederung_kind(word: &str) -> Option<crate::ast::Kind> {
    use crate::ast::Kind;
    Kind::from_gliederung_word(word)
        .or_else(|| word.strip_suffix("es").and_then(Kind::from_gliederung_word))
        .or_else(|| word.strip_suffix('s').and_then(Kind::from_gliederung_word))
}

/// "§ 3 Absatz 3 Satz 1" from a place.
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

pub fn ort_text(ort: &[Teil]) -> String {
    let mut s = Vec::new();
    for t in ort {
        let word = match t.kind {
            TeilKind::Paragraf if t.nums.len() > 1 => "§§",
            TeilKind::Paragraf => "§",
            TeilKind::Artikel => "Artikel",
            TeilKind::Absatz => "Absatz",
            TeilKind::Satz => "Satz",
            TeilKind::Nummer => "Nummer",
            TeilKind::Buchstabe => "Buchstabe",
            TeilKind::Doppelbuchstabe => "Doppelbuchstabe",
            TeilKind::Anhang => "Anhang",
            TeilKind::Anlage => "Anlage",
            TeilKind::Gliederung => t
                .gliederung
                .and_then(crate::ast::Kind::gliederung_word)
                .unwrap_or("Abschnitt"),
            TeilKind::Ueberschrift => "Überschrift",
            TeilKind::Einleitung => "einleitender Satzteil",
            TeilKind::Schluss => "abschließender Satzteil",
            TeilKind::Gesetz => "Gesetz",
            TeilKind::Eingangsformel => "Eingangsformel",
            TeilKind::Praeambel => "Präambel",
            TeilKind::Inhaltsuebersicht => "Inhaltsübersicht",
        };
        let mut p = word.to_string();
        if !t.nums.is_empty() {
            p.push(' ');
            p.push_str(&t.nums.join(if t.range { " bis " } else { ", " }));
        }
        s.push(p);
    }
    s.join(" ")
}

/// Why a consolidation failed.
#[derive(Debug, thiserror::Error)]
pub enum ConsolidateError {
    #[error(transparent)]
    Load(#[from] crate::diag::LoadError),
    #[error(transparent)]
    Amend(#[from] AmendError),
    #[error("{0}")]
    Xml(String),
}

/// Read a law (plain text, Markdown or LegalDocML.de XML).
pub fn load_law(
    path: &std::path::Path,
) -> Result<
    (
        crate::ast::Document,
        std::collections::HashMap<String, String>,
    ),
    ConsolidateError,
> {
    let src = crate::source::read_law(path)?;
    if crate::legaldocml::is_xml(&src) {
        let imp = crate::legaldocml::import(&src)
            .map_err(|e| ConsolidateError::Xml(format!("{}:{e}", path.display())))?;
        let mut doc = imp.doc;
        doc.path = Some(path.display().to_string());
        return Ok((doc, imp.eids));
    }
    let mut doc = crate::parse(&src);
    doc.path = Some(path.display().to_string());
    Ok((doc, Default::default()))
}

/// What applying an amending law did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcome {
    pub applied: Vec<Applied>,
    /// Commands that could not apply (only with `keep_going`; otherwise the first is an error).
    pub failed: Vec<AmendError>,
}

/// Apply the amending law at `amending` to the law at `law`; the consolidated
/// text in canonical plain text, and what was applied. Without `keep_going`
/// the first command that cannot apply is an error.
pub fn consolidate(
    law: &std::path::Path,
    amending: &std::path::Path,
    keep_going: bool,
) -> Result<(String, Outcome), ConsolidateError> {
    let (mut doc, eids) = load_law(law)?;
    let src = crate::source::read_law(amending)?;
    let apath = amending.display().to_string();
    let gesetz = if crate::legaldocml::is_xml(&src) {
        crate::legaldocml::import_amendments(&apath, &src, doc.title.as_deref())?
    } else {
        parse::parse(
            &apath,
            &src,
            doc.title.as_deref(),
            doc.abbreviation.as_deref(),
        )?
    };
    let report = apply::apply(&mut doc, &gesetz, &apath, &eids, keep_going);
    if !keep_going {
        if let Some(e) = report.failed.first() {
            return Err(e.clone().into());
        }
    }
    // the consolidated text is the Fassung of the amending law's date
    if !crate::legaldocml::is_xml(&src) {
        let a = crate::parse(&src);
        if let (Some(date), Some(f)) = (
            a.fassung
                .as_deref()
                .and_then(crate::pdf::model::german_date),
            doc.root
                .children
                .iter_mut()
                .find(|c| c.kind == crate::ast::Kind::Fassung),
        ) {
            f.text = Some(format!("· {date}"));
        }
    }
    let text = crate::write::write(&doc, &crate::write::Options::default());
    Ok((text, report))
}
