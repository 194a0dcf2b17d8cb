//! A law in time: its Fassungen from the history its workspace declares
//! (`history` of a `[[law]]` in paragraf.toml), and which amending law
//! changed each unit when (a blame for law text).

use crate::consolidate::{consolidate_doc, load_law, stichtage, ConsolidateError, Zeit};
use crate::workspace::{ConfigError, LawEntry, Workspace};
use std::path::{Path, PathBuf};
use syntax::Document;

/// Why a law's Fassungen cannot be had.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The law's path, which does not exist.
    #[error("{0}: no such file")]
    NoFile(String),
    /// The law's path, with no paragraf.toml in its directory or above.
    #[error("{0}: no paragraf.toml at or above it")]
    NoWorkspace(String),
    /// A file whose workspace (the paragraf.toml above it) does not list it
    /// as a law.
    #[error("{law}: not a law of {root}/paragraf.toml")]
    NotALaw {
        /// The file asked for.
        law: String,
        /// The directory of the workspace's paragraf.toml.
        root: String,
    },
    /// The workspace's paragraf.toml cannot be read.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A step of the history cannot be applied.
    #[error(transparent)]
    Consolidate(#[from] ConsolidateError),
}

/// The workspace of the law at `path`, and the law's entry in it.
pub fn law_of(path: &Path) -> Result<(Workspace, LawEntry), HistoryError> {
    if !path.is_file() {
        return Err(HistoryError::NoFile(path.display().to_string()));
    }
    let ws = Workspace::find(path)?
        .ok_or_else(|| HistoryError::NoWorkspace(path.display().to_string()))?;
    let e = ws
        .entry(path)
        .cloned()
        .ok_or_else(|| HistoryError::NotALaw {
            law: path.display().to_string(),
            root: ws.root.display().to_string(),
        })?;
    Ok((ws, e))
}

/// The Fassung of `law` in force on `as_of` (the last one, without a date).
pub fn fassung_at(
    ws: &Workspace,
    law: &LawEntry,
    as_of: Option<&str>,
) -> Result<Fassung, ConsolidateError> {
    let mut all = fassungen(ws, law, as_of)?;
    Ok(all.pop().expect("the original is always there"))
}

/// One Fassung: the text after an amending law (or the original).
pub struct Fassung {
    /// The date its wording took effect ("YYYY-MM-DD"), where known.
    pub date: Option<String>,
    /// The amending law that made it; None for the original.
    pub by: Option<PathBuf>,
    /// The law in this Fassung.
    pub doc: Document,
}

/// The Fassungen of `law`: the original, then one per date on which a part
/// of an amending law of its history took effect, up to `as_of` (all,
/// without a date). An amending law whose Nummern take effect at two dates
/// makes two Fassungen.
pub fn fassungen(
    ws: &Workspace,
    law: &LawEntry,
    as_of: Option<&str>,
) -> Result<Vec<Fassung>, ConsolidateError> {
    let (doc, _) = load_law(&ws.law_path(law))?;
    // in the canonical form, as the Fassungen after it are written: two
    // Fassungen then differ in their wording, not in how they were typed
    let doc = syntax::parse(&syntax::print::print(&doc, &Default::default()));
    let mut out = vec![Fassung {
        date: doc.fassung.clone(),
        by: None,
        doc,
    }];
    for step in &law.history {
        let path = ws.root.join(&step.amending);
        let base = out.last().expect("the original").doc.clone();
        let dates = stichtage(&base, &path, step.verkuendet.as_deref())?;
        // one Fassung per date on which a part of it takes effect (or ends)
        for date in dates
            .into_iter()
            .filter(|d| as_of.is_none_or(|a| d.as_str() <= a))
        {
            let zeit = Zeit {
                as_of: Some(date.clone()),
                verkuendet: step.verkuendet.clone(),
                inkraft: true,
            };
            let (text, _) = consolidate_doc(base.clone(), &path, &zeit)?;
            out.push(Fassung {
                date: Some(date),
                by: Some(step.amending.clone()),
                doc: syntax::parse(&text),
            });
        }
    }
    Ok(out)
}

/// A unit changed by an amending law.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// "§ 3 Absatz 3".
    pub unit: String,
    /// How it changed (wording, inserted, repealed, …).
    pub kind: diff::ChangeKind,
    /// The day the change took effect (YYYY-MM-DD), where known.
    pub date: Option<String>,
    /// The amending law that made it.
    pub by: PathBuf,
}

/// For each step of the history, the units it changed (law text only).
pub fn changes(fassungen: &[Fassung]) -> Vec<Change> {
    let mut out = Vec::new();
    for w in fassungen.windows(2) {
        let (a, b) = (diff::entries(&w[0].doc), diff::entries(&w[1].doc));
        for c in diff::diff_entries(&a, &b) {
            let Some(e) = c.new_unit().or(c.old()) else {
                continue;
            };
            if c.kind == diff::ChangeKind::Layout || e.kind.is_editorial() {
                continue;
            }
            if c.kind == diff::ChangeKind::Renumbered && c.new_unit().is_none() {
                continue; // told with its new number
            }
            let all = if c.new_unit().is_some() { &b } else { &a };
            let change = Change {
                unit: diff::citation_of(&e.id, all),
                kind: c.kind,
                date: w[1].date.clone(),
                by: w[1].by.clone().unwrap_or_default(),
            };
            // a § and its only text are one unit to tell
            if out.last() != Some(&change) {
                out.push(change);
            }
        }
    }
    out
}
