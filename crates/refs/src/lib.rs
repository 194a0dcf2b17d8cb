//! Citations in law text („§ 5 Absatz 2 Satz 1“, „§§ 3 bis 5“, „Anhang III
//! des Gesetzes VII“): `extract` finds them in the Sätze and titles of a law
//! with `grammar/refs.pest` (and the unit words of `grammar/units.pest`) and
//! maps them back to source spans; `resolve` resolves each to a node of this
//! law, of another law of the series ([`Universe`]) or to a declared external
//! part, and says why one fails ([`Status`]). A citation that does not resolve
//! here is classed as another law's only on evidence in the text. Lint rules
//! and the PDF's links read the result.

#![warn(missing_docs)]

// pest_derive without `std` generates code that names `alloc`
extern crate alloc;

mod extract;
mod grammar;
mod library;
mod names;
mod resolve;

pub use extract::{
    citations_only, eu_act, extract_from_text, locate, names_law_after, names_particular_law,
    title_names_other_law, Found, Locator,
};
pub use library::{parse_unit, unit_slices, Library, LibraryError, LibraryMatch};
pub use names::LawNames;
pub use resolve::{resolve_all, resolve_all_with, Index, OtherLaw, Universe};

use serde::Serialize;
use syntax::ast::{Kind, Span};

/// The level a citation names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// „§ 5“.
    Paragraf,
    /// „Artikel 5“, „Art. 5“.
    Artikel,
    /// „Absatz 2“, „Abs. 2“.
    Absatz,
    /// „Satz 1“, „S. 1“.
    Satz,
    /// „Nummer 3“, „Nr. 3“.
    Nummer,
    /// „Buchstabe a“.
    Buchstabe,
    /// „Doppelbuchstabe aa“.
    Doppelbuchstabe,
    /// „Anhang III“.
    Anhang,
    /// „Anlage 2“.
    Anlage,
    /// „Teil I“ of an annex.
    Teil,
    /// "Unterabsatz 2" of EU law: no unit of German law, passed through.
    Unterabsatz,
}

impl Level {
    /// The kind of unit of this level; `None` for the parts of an annex
    /// ("Teil I") and EU law's Unterabsatz.
    pub fn kind(self) -> Option<Kind> {
        Some(match self {
            Level::Paragraf => Kind::Paragraf,
            Level::Artikel => Kind::Artikel,
            Level::Absatz => Kind::Absatz,
            Level::Satz => Kind::Satz,
            Level::Nummer => Kind::Nummer,
            Level::Buchstabe => Kind::Buchstabe,
            Level::Doppelbuchstabe => Kind::Doppelbuchstabe,
            Level::Anhang => Kind::Anhang,
            Level::Anlage => Kind::Anlage,
            Level::Teil | Level::Unterabsatz => return None,
        })
    }

    /// The word drafters write for one unit of this level ("Absatz").
    pub fn word(self) -> &'static str {
        match self {
            Level::Teil => "Teil",
            Level::Unterabsatz => "Unterabsatz",
            l => l.kind().and_then(syntax::vocab::word).unwrap_or_default(),
        }
    }
}

/// One number or range at a level: "3", "3 bis 5".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The number ("3", "613a"; a spaced letter is joined: "613 a" is "613a").
    pub from: String,
    /// The end of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The range was written with a dash ("3-5") instead of "bis".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dash: bool,
    /// "f." or "ff." follows: the unit and the one or ones after it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub folgende: bool,
}

/// One level of a citation with its numbers: "Absatz 1 und 2".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The unit word's level.
    pub level: Level,
    /// Its numbers and ranges, in the order written.
    pub items: Vec<Item>,
    /// The unit word was abbreviated ("Abs.", "Nr.", "S.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
}

/// Which law a citation points into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "name")]
pub enum Scope {
    /// This law, absolute ("§ 5", "Anhang III", "§ 5 dieses Gesetzes").
    Internal,
    /// This law, relative to where it stands ("Absatz 1", "Satz 2").
    Relative,
    /// Another law of the series ("des Gesetzes VI"): its short name.
    Series(String),
    /// A law outside the series ("BGB", "des Bürgerlichen Gesetzbuchs").
    External(String),
    /// An act of the European Union ("der Verordnung (EU) 2016/679"):
    /// recognized and named, not resolved.
    Eu(EuAct),
}

/// The type of an act of the European Union.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EuKind {
    /// „Verordnung (EU) 2016/679“.
    Verordnung,
    /// „Richtlinie 2008/94/EG“.
    Richtlinie,
    /// „Delegierte Verordnung (EU) 2019/945“.
    DelegierteVerordnung,
    /// „Delegierte Richtlinie (EU) …“.
    DelegierteRichtlinie,
    /// „Durchführungsverordnung (EU) …“.
    Durchfuehrungsverordnung,
    /// „Durchführungsrichtlinie …“.
    Durchfuehrungsrichtlinie,
    /// „Durchführungsbeschluss (EU) …“.
    Durchfuehrungsbeschluss,
    /// „Beschluss (EU) …“.
    Beschluss,
    /// „Rahmenbeschluss 2002/584/JI“.
    Rahmenbeschluss,
    /// „Entscheidung 2000/520/EG“.
    Entscheidung,
    /// „Empfehlung 2003/361/EG“.
    Empfehlung,
}

impl EuKind {
    /// The type from its word as written ("Delegierten Verordnung", "Beschlusses").
    pub fn from_words(w: &str) -> Option<EuKind> {
        let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
        let delegated = w.starts_with("Delegierte");
        Some(match w.rsplit(' ').next()? {
            "Verordnung" if delegated => EuKind::DelegierteVerordnung,
            "Richtlinie" if delegated => EuKind::DelegierteRichtlinie,
            "Verordnung" => EuKind::Verordnung,
            "Richtlinie" => EuKind::Richtlinie,
            "Durchführungsverordnung" => EuKind::Durchfuehrungsverordnung,
            "Durchführungsrichtlinie" => EuKind::Durchfuehrungsrichtlinie,
            "Durchführungsbeschluss" | "Durchführungsbeschlusses" => {
                EuKind::Durchfuehrungsbeschluss
            }
            "Beschluss" | "Beschlusses" => EuKind::Beschluss,
            "Rahmenbeschluss" | "Rahmenbeschlusses" => EuKind::Rahmenbeschluss,
            "Entscheidung" => EuKind::Entscheidung,
            "Empfehlung" => EuKind::Empfehlung,
            _ => return None,
        })
    }

    /// The word in the nominative ("Durchführungsverordnung").
    pub fn word(self) -> &'static str {
        match self {
            EuKind::Verordnung => "Verordnung",
            EuKind::Richtlinie => "Richtlinie",
            EuKind::DelegierteVerordnung => "Delegierte Verordnung",
            EuKind::DelegierteRichtlinie => "Delegierte Richtlinie",
            EuKind::Durchfuehrungsverordnung => "Durchführungsverordnung",
            EuKind::Durchfuehrungsrichtlinie => "Durchführungsrichtlinie",
            EuKind::Durchfuehrungsbeschluss => "Durchführungsbeschluss",
            EuKind::Beschluss => "Beschluss",
            EuKind::Rahmenbeschluss => "Rahmenbeschluss",
            EuKind::Entscheidung => "Entscheidung",
            EuKind::Empfehlung => "Empfehlung",
        }
    }
}

/// An act of the European Union (or of the Communities before it): its type,
/// year and number ("Richtlinie 2008/94/EG": Richtlinie, 2008, 94).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EuAct {
    /// The type of act.
    pub kind: EuKind,
    /// The year, four digits ("93/42/EWG": 1993).
    pub year: u16,
    /// Its number in that year („2016/679“: 679).
    pub number: u32,
    /// The act as written ("Verordnung (EG) Nr. 1371/2007").
    pub text: String,
}

impl std::fmt::Display for EuAct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// A citation found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    /// The citation as written.
    pub text: String,
    /// Where it stands in the source.
    pub span: Span,
    /// The id of the node whose text holds it.
    pub node: String,
    /// Byte range in that node's normalized `text` (or `title`).
    pub text_range: (usize, usize),
    /// It stands in the node's title, not its text.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub in_title: bool,
    /// Its levels with their numbers, outermost first.
    pub steps: Vec<Step>,
    /// Whose units it names: this law's, another law's, an EU act's.
    pub scope: Scope,
}

/// What a citation resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// To a unit that exists ([`Resolved::target`]).
    Resolved,
    /// To no unit: lint R001, with [`Resolved::reason`].
    Unresolved,
    /// To a part declared in `paragraf.toml` as existing outside the repository.
    Declared,
    /// To a unit that is repealed („(weggefallen)“): lint R002.
    Repealed,
    /// To more than one unit of the same number: lint R003.
    Ambiguous,
    /// To another law that is not checked (no library holds it).
    External,
    /// Which law it cites is open: it names no unit of this law, and the
    /// text around it leaves open whether it means another law ("nach § 78"
    /// in a list whose lead-in names the Außenwirtschaftsverordnung without
    /// designating the list), or its designation names several laws of a
    /// library (`Resolved::candidates`): lint R005.
    Unclear,
}

/// A citation with its resolution.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    /// The citation as found.
    #[serde(flatten)]
    pub reference: Reference,
    /// What it resolved to.
    pub status: Status,
    /// The id of the node it names (the first, for lists and ranges).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The file of the target, when it is another law of the series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_file: Option<String>,
    /// Why it did not resolve.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// It did not resolve, and another law is named near it without being
    /// designated for it (in its Satz, its unit, its list's lead-in or the
    /// title): what was seen. Such a citation may mean that law; it is still
    /// this law's by the grammar, and unresolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_nearby: Option<String>,
    /// [`Status::Unclear`] because its designation names several laws of a
    /// library: their files. Empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

impl Reference {
    /// The single targets a citation names: "§§ 3, 5 Absatz 1" → [§ 3], [§ 5, Absatz 1].
    /// A range stays one target (its last item has `to`).
    pub fn targets(&self) -> Vec<Vec<(Level, Item)>> {
        let mut out = Vec::new();
        let mut prefix: Vec<(Level, Item)> = Vec::new();
        for (si, step) in self.steps.iter().enumerate() {
            let last_step = si + 1 == self.steps.len();
            for (ii, item) in step.items.iter().enumerate() {
                let last_item = ii + 1 == step.items.len();
                if !last_item || last_step {
                    let mut t = prefix.clone();
                    t.push((step.level, item.clone()));
                    out.push(t);
                }
            }
            if let Some(last) = step.items.last() {
                prefix.push((step.level, last.clone()));
            }
        }
        out
    }
}
