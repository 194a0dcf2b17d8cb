//! Consolidation across formats: a law and an amending law may each be
//! plain text, Markdown or LegalDocML.de XML; this is the one place that
//! dispatches on the format, so `amend` and `legaldocml` need not know of
//! each other's callers.

use amend::inkraft::Datum;
use amend::{apply, parse, AmendError, Outcome};
use std::collections::HashMap;
use std::path::Path;
use syntax::ast::{Document, Kind};

/// One law of a workspace consolidated by a Mantelgesetz.
#[derive(Debug)]
pub struct Consolidated {
    /// The amended law's file in the workspace.
    pub law: std::path::PathBuf,
    /// Its new text, printed in the canonical plain form.
    pub text: String,
    /// What each command of the Artikel for it did, or why it did not apply.
    pub outcome: Outcome,
}

/// A law of the workspace with the names an Eingangssatz may call it by.
struct SeriesLaw {
    path: std::path::PathBuf,
    names: Vec<String>,
    kennung: amend::kennung::Kennung,
    loaded: Option<(Document, HashMap<String, String>)>,
}

/// Each law of the workspace once: its names, what identifies it in an
/// Eingangssatz (`paragraf.toml`'s date and Fundstelle too), and the law
/// itself for the Artikel that amends it.
fn series_laws(ws: &crate::workspace::Workspace) -> Vec<SeriesLaw> {
    ws.config
        .laws
        .iter()
        .map(|e| {
            let path = ws.law_path(e);
            let mut names: Vec<String> = e.short.iter().cloned().collect();
            let loaded = load_law(&path).ok();
            if let Some((doc, _)) = &loaded {
                names.extend(doc.title.clone());
                names.extend(doc.abbreviation.clone());
            }
            let mut kennung = kennung_of(&path, &names);
            if let Some(d) = &e.date {
                kennung.datum = Some(d.clone());
            }
            if let Some(f) = &e.fundstelle {
                kennung.add_fundstelle(f);
            }
            SeriesLaw {
                path,
                names,
                kennung,
                loaded,
            }
        })
        .collect()
}

/// Apply an amending law that amends several laws (a Mantelgesetz: one
/// Artikel per law) to the laws of `ws` it names. Each Eingangssatz must name
/// exactly one law of the workspace (by title, short name or abbreviation);
/// one that names none is an error, never a guess.
pub fn consolidate_series(
    ws: &crate::workspace::Workspace,
    amending: &Path,
    keep_going: bool,
) -> Result<Vec<Consolidated>, ConsolidateError> {
    let src = syntax::source::read_law(amending)?;
    let apath = amending.display().to_string();
    let idx = syntax::source::LineIndex::new(&src);
    let mut laws = series_laws(ws);
    let saetze = parse::eingangssaetze(&src);
    // every Artikel that amends no law of the workspace, listed at once
    let unknown: Vec<String> = saetze
        .iter()
        .filter(|(satz, _)| !laws.iter().any(|l| l.kennung.genannt_in(satz)))
        .map(|(satz, at)| {
            let (line, column) = idx.line_col(*at);
            format!("{apath}:{line}:{column}: „{satz}“")
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ConsolidateError::UnknownLaw {
            list: unknown.join("\n"),
        });
    }
    let mut out = Vec::new();
    for (satz, at) in saetze {
        let hits: Vec<usize> = (0..laws.len())
            .filter(|&i| laws[i].kennung.genannt_in(&satz))
            .collect();
        let (line, column) = idx.line_col(at);
        let law = match hits.as_slice() {
            [one] => &mut laws[*one],
            [] => {
                return Err(ConsolidateError::UnknownLaw {
                    list: format!("{apath}:{line}:{column}: „{satz}“"),
                })
            }
            _ => {
                return Err(ConsolidateError::AmbiguousLaw {
                    path: apath,
                    line,
                    column,
                    eingangssatz: satz,
                    count: hits.len(),
                })
            }
        };
        let (doc, eids) = match law.loaded.take() {
            Some(l) => l,
            None => load_law(&law.path)?,
        };
        let names: Vec<&str> = law.names.iter().map(String::as_str).collect();
        let which = Which {
            also: &names,
            at: Some(at),
        };
        let (text, outcome) = consolidate_loaded(doc, &eids, amending, &src, keep_going, which)?;
        // a further Artikel for the same law ("Weitere Änderung …") starts
        // from what this one made of it
        law.loaded = Some((syntax::parse(&text), eids));
        match out
            .iter_mut()
            .find(|c: &&mut Consolidated| c.law == law.path)
        {
            Some(c) => {
                c.text = text;
                c.outcome.applied.extend(outcome.applied);
                c.outcome.failed.extend(outcome.failed);
            }
            None => out.push(Consolidated {
                law: law.path.clone(),
                text,
                outcome,
            }),
        }
    }
    Ok(out)
}

/// Why a consolidation failed.
#[derive(Debug, thiserror::Error)]
pub enum ConsolidateError {
    /// A law or amending law could not be read (file, encoding, size).
    #[error(transparent)]
    Load(#[from] syntax::diag::LoadError),
    /// A command could not be read or applied.
    #[error(transparent)]
    Amend(#[from] AmendError),
    /// Each Eingangssatz that names no law of the workspace, one a line.
    #[error("{list}\n(these Artikel amend no law of the workspace; paragraf.toml names a law by its title, short, abbreviation, date or fundstelle)")]
    UnknownLaw {
        /// "path:line:column: „Eingangssatz“", one a line.
        list: String,
    },
    /// An Eingangssatz that fits several laws of the workspace.
    #[error("{path}:{line}:{column}: „{eingangssatz}“ names {count} laws of the workspace")]
    AmbiguousLaw {
        /// The amending law's path.
        path: String,
        /// The Eingangssatz's line, from 1.
        line: u32,
        /// Its column, from 1.
        column: u32,
        /// The Eingangssatz as written.
        eingangssatz: String,
        /// How many laws of the workspace it fits.
        count: usize,
    },
    /// The amending law's Inkrafttreten cannot be read, or a date is missing.
    #[error("{path}: {source}")]
    Inkraft {
        /// The amending law's path.
        path: String,
        /// What is wrong with its Inkrafttreten.
        #[source]
        source: amend::inkraft::InkraftError,
    },
    /// An amending law in LegalDocML.de that cannot be imported.
    #[error("{path}:{source}")]
    Xml {
        /// The XML file's path.
        path: String,
        /// Why it cannot be imported.
        #[source]
        source: legaldocml::ImportError,
    },
}

/// Which Eingangssatz of an amending law speaks to the law: the one that
/// names it (by its title, abbreviation or one of `also`), or the one at a
/// known place (a Mantelgesetz read Artikel by Artikel).
#[derive(Clone, Copy, Default)]
struct Which<'a> {
    also: &'a [&'a str],
    at: Option<usize>,
}

/// What identifies the law at `path` in an Eingangssatz: `names`, and the
/// Ausfertigungsdatum and Fundstelle a corpus law's Markdown gives.
pub fn kennung_of(path: &Path, names: &[String]) -> amend::kennung::Kennung {
    let mut k = amend::kennung::Kennung::from_names(names.iter().map(String::as_str));
    if let Ok(src) = syntax::source::read_law(path) {
        k.read_source(&src);
    }
    k
}

/// Read a law (plain text, Markdown or LegalDocML.de XML).
pub fn load_law(path: &Path) -> Result<(Document, HashMap<String, String>), ConsolidateError> {
    let src = syntax::source::read_law(path)?;
    if legaldocml::is_xml(&src) {
        let imp = legaldocml::import(&src).map_err(|source| ConsolidateError::Xml {
            path: path.display().to_string(),
            source,
        })?;
        let mut doc = imp.doc;
        doc.path = Some(path.display().to_string());
        return Ok((doc, imp.eids));
    }
    let mut doc = syntax::parse(&src);
    doc.path = Some(path.display().to_string());
    Ok((doc, Default::default()))
}

/// Apply the amending law at `amending` to the law at `law`; the consolidated
/// text in canonical plain text, and what was applied. Without `keep_going`
/// the first command that cannot apply is an error.
pub fn consolidate(
    law: &Path,
    amending: &Path,
    keep_going: bool,
) -> Result<(String, Outcome), ConsolidateError> {
    consolidate_named(law, amending, keep_going, &[])
}

/// The Fassung asked for: at a date (`as_of`), with the Verkündung's date
/// where the Inkrafttreten depends on it.
#[derive(Debug, Clone, Default)]
pub struct Zeit {
    /// The day whose Fassung is asked for (YYYY-MM-DD): only the commands in
    /// force on it apply; `None`: all of them.
    pub as_of: Option<String>,
    /// The day of the Verkündung (YYYY-MM-DD), for an Inkrafttreten counted
    /// from it ("am Tag nach der Verkündung").
    pub verkuendet: Option<String>,
    /// Read the Inkrafttreten even without a date asked (for the Fassung's date).
    pub inkraft: bool,
}

impl Zeit {
    fn asked(&self) -> bool {
        self.inkraft || self.as_of.is_some() || self.verkuendet.is_some()
    }
}

/// As [`consolidate`], at a point in time: only the commands in force on
/// `zeit.as_of` apply (all, without a date), and the Fassung line gives the
/// date the wording took effect.
pub fn consolidate_at(
    law: &Path,
    amending: &Path,
    keep_going: bool,
    zeit: &Zeit,
) -> Result<(String, Outcome), ConsolidateError> {
    let (doc, eids) = load_law(law)?;
    let src = syntax::source::read_law(amending)?;
    consolidate_timed(
        doc,
        &eids,
        amending,
        &src,
        keep_going,
        Which::default(),
        zeit,
    )
}

/// As [`consolidate`]; `also` are further names of the law (its short name
/// in the workspace) by which the amending law's Eingangssatz may name it.
pub fn consolidate_named(
    law: &Path,
    amending: &Path,
    keep_going: bool,
    also: &[&str],
) -> Result<(String, Outcome), ConsolidateError> {
    let (doc, eids) = load_law(law)?;
    let src = syntax::source::read_law(amending)?;
    let which = Which { also, at: None };
    consolidate_loaded(doc, &eids, amending, &src, keep_going, which)
}

/// Apply the amending law `src` (read from `amending`) to a loaded law.
fn consolidate_loaded(
    doc: Document,
    eids: &HashMap<String, String>,
    amending: &Path,
    src: &str,
    keep_going: bool,
    which: Which,
) -> Result<(String, Outcome), ConsolidateError> {
    consolidate_timed(
        doc,
        eids,
        amending,
        src,
        keep_going,
        which,
        &Zeit::default(),
    )
}

/// The commands of `gesetz` in force on `zeit.as_of`, and the date the last
/// of them took effect (None: no date asked, or none in force).
fn in_force(
    gesetz: &mut amend::Aenderungsgesetz,
    src: &str,
    apath: &str,
    zeit: &Zeit,
) -> Result<Option<String>, ConsolidateError> {
    let err = |source| ConsolidateError::Inkraft {
        path: apath.to_string(),
        source,
    };
    let regeln = amend::inkraft::read(src).map_err(err)?;
    let given = |d: &Option<String>| d.as_deref().map(Datum::given).transpose().map_err(err);
    let (verkuendet, as_of) = (given(&zeit.verkuendet)?, given(&zeit.as_of)?);
    let mut latest: Option<Datum> = None;
    let mut keep = Vec::new();
    for b in std::mem::take(&mut gesetz.befehle) {
        let z = amend::inkraft::zeitraum(&regeln, gesetz.artikel.as_deref(), &b, verkuendet)
            .map_err(err)?;
        if as_of.is_none_or(|d| z.gilt_am(d)) {
            latest = latest.max(Some(z.ab));
            keep.push(b);
        }
    }
    gesetz.befehle = keep;
    Ok(latest.map(|d| d.to_string()))
}

/// The commands of the amending law `src` (read from `apath`) for `doc`.
fn commands_for(
    doc: &Document,
    apath: &str,
    src: &str,
    which: Which,
) -> Result<amend::Aenderungsgesetz, ConsolidateError> {
    Ok(if legaldocml::is_xml(src) {
        legaldocml::import_amendments(apath, src, doc.title.as_deref())?
    } else if let Some(at) = which.at {
        parse::parse_at(apath, src, at)?
    } else {
        let names: Vec<String> = [doc.title.as_deref(), doc.abbreviation.as_deref()]
            .into_iter()
            .flatten()
            .chain(which.also.iter().copied())
            .map(str::to_string)
            .collect();
        let kennung = match &doc.path {
            Some(p) => kennung_of(Path::new(p), &names),
            None => amend::kennung::Kennung::from_names(names.iter().map(String::as_str)),
        };
        parse::parse_for_law(apath, src, &kennung, doc.title.as_deref())?
    })
}

/// The dates on which what the amending law at `amending` does to `doc`
/// changes (ISO, ascending): each Inkrafttreten of a part of it, and the day
/// after each Außerkrafttreten. One date for most laws; several when its
/// Artikel or Nummern take effect at different times.
pub fn stichtage(
    doc: &Document,
    amending: &Path,
    verkuendet: Option<&str>,
) -> Result<Vec<String>, ConsolidateError> {
    let src = syntax::source::read_law(amending)?;
    let apath = amending.display().to_string();
    let gesetz = commands_for(doc, &apath, &src, Which::default())?;
    let err = |source| ConsolidateError::Inkraft {
        path: apath.clone(),
        source,
    };
    let regeln = amend::inkraft::read(&src).map_err(err)?;
    let verkuendet = verkuendet.map(Datum::given).transpose().map_err(err)?;
    let mut dates = Vec::new();
    for b in &gesetz.befehle {
        let z = amend::inkraft::zeitraum(&regeln, gesetz.artikel.as_deref(), b, verkuendet)
            .map_err(err)?;
        dates.push(z.ab);
        dates.extend(z.bis.map(Datum::next_day));
    }
    dates.sort();
    dates.dedup();
    Ok(dates.iter().map(Datum::to_string).collect())
}

/// Apply the amending law at `amending` to a loaded law, at a point in time.
pub fn consolidate_doc(
    doc: Document,
    amending: &Path,
    zeit: &Zeit,
) -> Result<(String, Outcome), ConsolidateError> {
    let src = syntax::source::read_law(amending)?;
    consolidate_timed(
        doc,
        &HashMap::new(),
        amending,
        &src,
        false,
        Which::default(),
        zeit,
    )
}

/// A LegalDocML.de Mantelgesetz (Artikel that amend several laws) as the
/// plain text `paragraf import` prints: read like a Mantelgesetz of the
/// gazette, so that the Artikel of the law is selected and the command
/// sentences outside `akn:mod` (an Eingangssatz that is itself the command)
/// are read too; so is a document without any `akn:mod` (its commands are
/// only sentences). None for plain text and for a document that amends one
/// law with `akn:mod` (those and their eIds are read as they are).
fn mantel_text(src: &str) -> Option<String> {
    if !legaldocml::is_xml(src) {
        return None;
    }
    let imp = legaldocml::import(src).ok()?;
    let text = syntax::print::print(&imp.doc, &syntax::print::Options::default());
    let no_mod = !src.contains("<akn:mod ") && !src.contains("<akn:mod>");
    (no_mod || parse::eingangssaetze(&text).len() > 1).then_some(text)
}

/// As [`consolidate_loaded`], at a point in time.
fn consolidate_timed(
    mut doc: Document,
    eids: &HashMap<String, String>,
    amending: &Path,
    src: &str,
    keep_going: bool,
    which: Which,
    zeit: &Zeit,
) -> Result<(String, Outcome), ConsolidateError> {
    let mut apath = amending.display().to_string();
    let as_text = mantel_text(src);
    let src = match &as_text {
        Some(t) => {
            apath = format!("{apath} (as `paragraf import` prints it)");
            t.as_str()
        }
        None => src,
    };
    let mut gesetz = commands_for(&doc, &apath, src, which)?;
    let in_kraft = if zeit.asked() {
        Some(in_force(&mut gesetz, src, &apath, zeit)?)
    } else {
        None
    };
    let report = apply::apply(&mut doc, &gesetz, &apath, eids, keep_going);
    if !keep_going {
        if let Some(e) = report.failed.first() {
            return Err(e.clone().into());
        }
    }
    // the consolidated text is the Fassung of the date its wording took effect
    // (with a date asked), else of the amending law's date; with no command in
    // force, the law is as it was
    let date = match in_kraft {
        Some(Some(d)) => Some(d),
        Some(None) => None,
        None if !legaldocml::is_xml(src) => syntax::parse(src).fassung,
        None => None,
    };
    {
        if let (Some(date), Some(f)) = (
            date.as_deref().and_then(syntax::date::german),
            doc.root
                .children
                .iter_mut()
                .find(|c| c.kind == Kind::Fassung),
        ) {
            f.text = Some(format!("· {date}"));
        }
    }
    let text = syntax::print::print(&doc, &syntax::print::Options::default());
    Ok((text, report))
}
