//! Amending laws, in one vocabulary: the Änderungsbefehl model ([`Op`] on an
//! [`Ort`]), its parser ([`parse`]: an amending law cut into numbered
//! commands, each read by `grammar/aenderung.pest`), its applier ([`apply`]:
//! one function per operation), its generator ([`generate`]: the amending law
//! that turns one Fassung into another) and its printer ([`mod@print`]: an `Op`
//! as its sentence, read back by the parser as the same `Op`).
//!
//! A command names a place ("§ 3 Absatz 3 Satz 1") and an operation (replace
//! words, restate a unit, insert, repeal, renumber). Places are resolved in
//! the law's AST; a command that cannot apply unambiguously is an error that
//! points at the command and, where there is one, at the target.

#![warn(missing_docs)]

// pest_derive without `std` generates code that names `alloc`
extern crate alloc;

pub mod apply;
pub mod begruendung;
pub mod generate;
mod grammar;
pub mod inkraft;
pub mod kennung;
pub mod parse;
pub mod print;
pub mod synopse;
pub mod titel;
pub mod verify;
pub mod vollzitat;

use serde::Serialize;

/// The kind of a part of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TeilKind {
    /// "§ 3", "§§ 4 bis 6": an Einzelvorschrift of a Gesetz or Verordnung.
    Paragraf,
    /// "Artikel 2": the Einzelvorschrift of a Mantelgesetz or Staatsvertrag.
    Artikel,
    /// "Absatz 3": a numbered paragraph of a § or Artikel ("(3)").
    Absatz,
    /// "Satz 2": a sentence, counted within its unit (not a node of its own).
    Satz,
    /// "Nummer 4": an item of a numbered list ("4.").
    Nummer,
    /// "Buchstabe b": an item of a lettered list ("b)").
    Buchstabe,
    /// "Doppelbuchstabe bb": an item of a list under a Buchstabe ("bb)").
    Doppelbuchstabe,
    /// "Anhang 1": an annex of the law under this name (others say Anlage).
    Anhang,
    /// "Anlage 2": an annex of the law (tables, forms, lists).
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
    /// The Eingangsformel ("Der Bundestag hat … beschlossen:").
    Eingangsformel,
    /// The Präambel before the first § or Artikel.
    Praeambel,
    /// The Inhaltsübersicht (the law's own table of contents).
    Inhaltsuebersicht,
    /// "Der bisherige Wortlaut": the text of a unit that has no Absätze yet.
    Wortlaut,
    /// An entry of the Inhaltsübersicht ("die Angabe zu § 5"): the unit it
    /// names in `gliederung` (its kind) and `nums`.
    Angabe,
}

impl TeilKind {
    /// The kind of unit this part names; `None` for the parts that are no
    /// unit of their own (Gliederung without its type, Überschrift, Satzteile, Gesetz).
    pub fn unit_kind(self) -> Option<syntax::ast::Kind> {
        use syntax::ast::Kind;
        Some(match self {
            TeilKind::Paragraf => Kind::Paragraf,
            TeilKind::Artikel => Kind::Artikel,
            TeilKind::Absatz => Kind::Absatz,
            TeilKind::Satz => Kind::Satz,
            TeilKind::Nummer => Kind::Nummer,
            TeilKind::Buchstabe => Kind::Buchstabe,
            TeilKind::Doppelbuchstabe => Kind::Doppelbuchstabe,
            TeilKind::Anhang => Kind::Anhang,
            TeilKind::Anlage => Kind::Anlage,
            TeilKind::Eingangsformel => Kind::Eingangsformel,
            TeilKind::Praeambel => Kind::Praeambel,
            TeilKind::Inhaltsuebersicht => Kind::Inhaltsuebersicht,
            TeilKind::Gliederung
            | TeilKind::Wortlaut
            | TeilKind::Angabe
            | TeilKind::Ueberschrift
            | TeilKind::Einleitung
            | TeilKind::Schluss
            | TeilKind::Gesetz => return None,
        })
    }
}

/// One part of a place: "Absatz 3", "Absätze 2 bis 4", "Überschrift".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Teil {
    /// What the part names: a kind of unit, a heading, a Satzteil, the law.
    pub kind: TeilKind,
    /// For `Gliederung`: the type of unit; for `Angabe`: the kind of unit the entry names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gliederung: Option<syntax::ast::Kind>,
    /// One number, a list ("2 und 3") or a range ("2 bis 4": both ends, `range`).
    /// The numbers as written ("3", "4a", "bb"); empty for parts without one
    /// ("Überschrift", "Gesetz").
    pub nums: Vec<String>,
    /// `nums` are the two ends of a range ("2 bis 4"), not a list.
    pub range: bool,
}

/// A place in the law: "§ 3 Absatz 3 Satz 1".
pub type Ort = Vec<Teil>;

/// Quoted words, or a punctuation mark ("der Punkt am Ende").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Objekt {
    /// The words between the quotation marks, or the punctuation mark itself
    /// (".", ",", ";").
    pub text: String,
    /// "am Ende": the occurrence at the end of the text.
    pub am_ende: bool,
}

/// What a command does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// "§ 3 wird wie folgt geändert:" (the commands below it are relative to it).
    Aendern {
        /// The unit the commands below amend.
        ort: Ort,
    },
    /// "§ 3 Absatz 3 wird wie folgt gefasst: „…“"
    Fassen {
        /// The unit restated.
        ort: Ort,
        /// Its new text, as quoted (marker and heading included).
        zitat: String,
    },
    /// "Satz 2 wird durch die folgenden Sätze ersetzt: „…“"
    ErsetzenEinheit {
        /// The units replaced (Sätze, Nummern, …).
        ort: Ort,
        /// The units that take their place, one quoted passage each.
        zitate: Vec<String>,
    },
    /// "In § 3 werden die Wörter „x“ durch die Wörter „y“ ersetzt."
    Ersetzen {
        /// The unit in whose text the words stand.
        ort: Ort,
        /// The words replaced.
        alt: Objekt,
        /// The words that take their place.
        neu: Objekt,
        /// "jeweils": every occurrence (else the words must occur once).
        jeweils: bool,
    },
    /// "In § 5 werden die Wörter „x“ gestrichen."
    Streichen {
        /// The unit in whose text the words stand.
        ort: Ort,
        /// The words struck.
        alt: Objekt,
        /// "jeweils": every occurrence (else the words must occur once).
        jeweils: bool,
    },
    /// "In Absatz 1 wird nach dem Wort „x“ das Wort „y“ eingefügt."
    EinfuegenWort {
        /// The unit in whose text the anchor stands.
        ort: Ort,
        /// "nach" (`true`) or "vor" (`false`) the anchor.
        nach: bool,
        /// The words next to which the new words go.
        anker: Objekt,
        /// The words inserted.
        neu: Objekt,
        /// "jeweils": at every occurrence of the anchor.
        jeweils: bool,
    },
    /// "Nach § 4 wird der folgende § 4a eingefügt: „…“"
    Einfuegen {
        /// "Nach" (`true`) or "Vor" (`false`) the unit at `ort`.
        nach: bool,
        /// The unit next to which the new units go.
        ort: Ort,
        /// The new units, one quoted passage each.
        zitate: Vec<String>,
    },
    /// "Dem § 3 wird folgender Absatz 4 angefügt: „…“" (`vorn`: "vorangestellt").
    Anfuegen {
        /// The unit that receives the new units (the law itself: "Dem Gesetz
        /// wird … angefügt").
        ort: Ort,
        /// The new units as the command names them ("folgender Absatz 4").
        neu: Ort,
        /// The new units, one quoted passage each.
        zitate: Vec<String>,
        /// Put before the existing units ("vorangestellt"), not after them.
        vorn: bool,
    },
    /// "§ 5 Absatz 4 wird aufgehoben." (`streichen`: "gestrichen", no placeholder).
    Aufheben {
        /// The units repealed.
        ort: Ort,
        /// "gestrichen": the units go without a "(weggefallen)" placeholder.
        streichen: bool,
    },
    /// "Der bisherige Absatz 3 wird Absatz 4."
    Umnummern {
        /// The unit as numbered before ("der bisherige Absatz 3").
        alt: Ort,
        /// Its new number ("Absatz 4").
        neu: Ort,
    },
    /// "Es werden ersetzt:": the numbered items below carry only their places
    /// and words (`verb`: "ersetzt", "gestrichen", "aufgehoben"); "In den
    /// folgenden Vorschriften wird die Angabe „X“ durch die Angabe „Y“
    /// ersetzt:": the items are only places, `vorlage` the edit at each.
    Rahmen {
        /// What the items do.
        verb: RahmenVerb,
        /// The edit made at each item's place ("In den folgenden Vorschriften
        /// wird … ersetzt:"); `None` where each item carries its own words.
        #[serde(skip_serializing_if = "Option::is_none")]
        vorlage: Option<Box<Op>>,
    },
    /// Several edits of one command, applied in order: "werden die Wörter „a“
    /// durch die Wörter „b“ und die Wörter „c“ durch die Wörter „d“ ersetzt".
    Mehrere {
        /// The edits, in the order of the sentence.
        ops: Vec<Op>,
    },
    /// A command the grammar could not read (applying it fails with `message`).
    Unlesbar {
        /// Why the command could not be read (the reader's message).
        message: String,
        /// Where reading stopped: a byte offset into the command's text.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<usize>,
    },
}

/// What the items under a frame ([`Op::Rahmen`]) do: the verb of "Es werden
/// ersetzt:" (each item a place and its words), or the frame that carries
/// the edit itself ("In den folgenden Vorschriften wird … ersetzt:", each
/// item a place only). Serialized and printed as the words of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RahmenVerb {
    /// "Es werden ersetzt:": each item names a place, the old and the new words.
    #[serde(rename = "ersetzt")]
    Ersetzt,
    /// "Es werden gestrichen:": each item names a place and the words struck.
    #[serde(rename = "gestrichen")]
    Gestrichen,
    /// "Es werden aufgehoben:": each item names a unit that is repealed.
    #[serde(rename = "aufgehoben")]
    Aufgehoben,
    /// "In den folgenden Vorschriften wird … ersetzt:": each item is a place,
    /// the edit at it is the frame's `vorlage`.
    #[serde(rename = "an den folgenden Stellen")]
    FolgendeStellen,
}

impl RahmenVerb {
    /// The verb as the frame writes it ("ersetzt"), or "an den folgenden
    /// Stellen" for the frame that carries its edit.
    pub fn as_str(self) -> &'static str {
        match self {
            RahmenVerb::Ersetzt => "ersetzt",
            RahmenVerb::Gestrichen => "gestrichen",
            RahmenVerb::Aufgehoben => "aufgehoben",
            RahmenVerb::FolgendeStellen => "an den folgenden Stellen",
        }
    }

    /// The verb of "Es werden ersetzt:" (also "gestrichen", "aufgehoben").
    pub fn from_word(word: &str) -> Option<RahmenVerb> {
        Some(match word {
            "ersetzt" => RahmenVerb::Ersetzt,
            "gestrichen" => RahmenVerb::Gestrichen,
            "aufgehoben" => RahmenVerb::Aufgehoben,
            _ => return None,
        })
    }
}

impl std::fmt::Display for RahmenVerb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Op {
    /// The place a command names, where it names one (not for insertions
    /// before or after a unit, renumberings, several edits, unread commands).
    pub fn ort_mut(&mut self) -> Option<&mut Ort> {
        match self {
            Op::Aendern { ort }
            | Op::Fassen { ort, .. }
            | Op::ErsetzenEinheit { ort, .. }
            | Op::Ersetzen { ort, .. }
            | Op::Streichen { ort, .. }
            | Op::EinfuegenWort { ort, .. }
            | Op::Anfuegen { ort, .. }
            | Op::Aufheben { ort, .. } => Some(ort),
            Op::Einfuegen { .. }
            | Op::Umnummern { .. }
            | Op::Mehrere { .. }
            | Op::Rahmen { .. }
            | Op::Unlesbar { .. } => None,
        }
    }
}

/// One Änderungsbefehl with where it was written.
#[derive(Debug, Clone, Serialize)]
pub struct Befehl {
    /// "1.", "1. a)", "2. b) aa)": the numbering down to this command.
    pub nummer: String,
    /// The command as written (without its number).
    pub text: String,
    /// The line of the command in the amending law, from 1.
    pub line: u32,
    /// The column where the command starts, from 1 (in characters).
    pub column: u32,
    /// The place given by "… wird wie folgt geändert:" above this command.
    pub kontext: Ort,
    /// What the command does, as read.
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
    /// Its commands in the order they are written (and applied).
    pub befehle: Vec<Befehl>,
    /// The Artikel of the amending law that holds these commands ("1"), for
    /// its Inkrafttreten ("Artikel 1 Nummer 3 tritt am … in Kraft").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub artikel: Option<String>,
}

/// A command that could not be read or applied.
#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[error("{path}:{line}:{column}: {grund}")]
pub struct AmendError {
    /// The amending law's path, as given.
    pub path: String,
    /// The line of the command (or of what could not be read), from 1.
    pub line: u32,
    /// Its column, from 1 (in characters).
    pub column: u32,
    /// What went wrong (serialized as `message`, in the words of the error).
    #[serde(rename = "message")]
    pub grund: Grund,
    /// Where in the target law, when the target was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Zielort>,
    /// A command that could not be read: its text and where reading stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stuck: Option<Box<Stuck>>,
}

/// What went wrong with an amending law ([`AmendError`]): a text that could
/// not be read, or a command that could not apply. Printed and serialized as
/// the message ("command 2. a): „Gericht“ not found").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grund {
    /// The amending law, or the place of its commands, could not be read
    /// (no Eingangssatz naming the law, XML that is not well-formed, …): the
    /// reader's message.
    Lesen(String),
    /// A command that could not apply (boxed: the error stays small).
    Anwenden(Box<Gescheitert>),
}

/// A command that could not apply: which, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gescheitert {
    /// Its numbering ("2. a)").
    pub nummer: String,
    /// Why it could not apply.
    pub problem: apply::Problem,
}

impl std::fmt::Display for Grund {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Grund::Lesen(m) => f.write_str(m),
            Grund::Anwenden(g) => write!(f, "command {}: {}", g.nummer, g.problem),
        }
    }
}

impl Serialize for Grund {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where a command's target stands in the amended law: its file and the
/// 1-based line and column (in characters) of the unit. Printed and
/// serialized as "path:line:column", the form editors jump to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zielort {
    /// The amended law's path as it was loaded (empty for a law read from
    /// no file).
    pub path: String,
    /// The line of the target, from 1.
    pub line: u32,
    /// The column of the target in that line, from 1.
    pub column: u32,
}

impl std::fmt::Display for Zielort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

impl Serialize for Zielort {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where reading a command stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stuck {
    /// The command as written (without its number).
    pub text: String,
    /// A byte offset into `text`.
    pub at: usize,
}

impl AmendError {
    /// An error at byte `off` of the amending law `src` read from `path`.
    pub fn at(
        path: &str,
        idx: &syntax::source::LineIndex,
        off: usize,
        message: String,
    ) -> AmendError {
        let (line, column) = idx.line_col(off);
        AmendError {
            path: path.to_string(),
            line,
            column,
            grund: Grund::Lesen(message),
            target: None,
            stuck: None,
        }
    }
}

/// What one command did.
#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    /// The command's numbering ("2. a)").
    pub nummer: String,
    /// Its line in the amending law, from 1.
    pub line: u32,
    /// "§ 3 Absatz 3: 1 replacement".
    pub what: String,
}

/// The Gliederung type a word of a citation names, also in the genitive
/// ("des Abschnitts", "des Buches").
pub fn gliederung_kind(word: &str) -> Option<syntax::ast::Kind> {
    syntax::vocab::gliederung_kind(word)
}

/// "dem § 3" → "Dem § 3": a sentence's first word.
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "§ 3 Absatz 3 Satz 1" from a place.
pub fn ort_text(ort: &[Teil]) -> String {
    let mut s = Vec::new();
    for t in ort {
        let word = match t.kind {
            TeilKind::Paragraf if t.nums.len() > 1 => "§§",
            TeilKind::Gliederung => t
                .gliederung
                .and_then(syntax::vocab::gliederung_word)
                .unwrap_or("Abschnitt"),
            TeilKind::Ueberschrift => "Überschrift",
            TeilKind::Einleitung => "einleitender Satzteil",
            TeilKind::Schluss => "abschließender Satzteil",
            TeilKind::Gesetz => "Gesetz",
            TeilKind::Wortlaut => "Wortlaut",
            TeilKind::Angabe => {
                let kind = t.gliederung.and_then(syntax::vocab::word).unwrap_or("§");
                s.push(format!("Angabe zu {kind} {}", t.nums.join(", ")));
                continue;
            }
            k => k
                .unit_kind()
                .and_then(syntax::vocab::word)
                .unwrap_or_default(),
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

/// What applying an amending law did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Outcome {
    /// The commands that applied, in order.
    pub applied: Vec<Applied>,
    /// Commands that could not apply (only with `keep_going`; otherwise the first is an error).
    pub failed: Vec<AmendError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_prints_and_serializes_as_path_line_column() {
        let z = Zielort {
            path: "laws/gesetz-vii.txt".into(),
            line: 12,
            column: 3,
        };
        assert_eq!(z.to_string(), "laws/gesetz-vii.txt:12:3");
        assert_eq!(
            serde_json::to_string(&z).unwrap(),
            r#""laws/gesetz-vii.txt:12:3""#
        );
    }

    #[test]
    fn an_error_keeps_its_reason_typed_and_prints_it_as_its_message() {
        let e = AmendError {
            path: "a.txt".into(),
            line: 3,
            column: 4,
            grund: Grund::Anwenden(Box::new(Gescheitert {
                nummer: "1. a)".into(),
                problem: apply::Problem::WordsNotFound {
                    words: "Gericht".into(),
                    at_end: false,
                },
            })),
            target: Some(Zielort {
                path: "law.txt".into(),
                line: 5,
                column: 1,
            }),
            stuck: None,
        };
        assert_eq!(
            e.to_string(),
            "a.txt:3:4: command 1. a): „Gericht“ not found"
        );
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"path":"a.txt","line":3,"column":4,"message":"command 1. a): „Gericht“ not found","target":"law.txt:5:1"}"#
        );
        let r = Grund::Lesen("not well-formed XML: unexpected end of stream".into());
        assert_eq!(
            r.to_string(),
            "not well-formed XML: unexpected end of stream"
        );
    }
}
