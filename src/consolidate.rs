//! Consolidation across formats: a law and an amending law may each be
//! plain text, Markdown or LegalDocML.de XML; this is the one place that
//! dispatches on the format, so `amend` and `legaldocml` need not know of
//! each other's callers.

use amend::{apply, parse, AmendError, Outcome};
use std::collections::HashMap;
use std::path::Path;
use syntax::ast::{Document, Kind};

/// Why a consolidation failed.
#[derive(Debug, thiserror::Error)]
pub enum ConsolidateError {
    #[error(transparent)]
    Load(#[from] syntax::diag::LoadError),
    #[error(transparent)]
    Amend(#[from] AmendError),
    #[error("{path}:{source}")]
    Xml {
        path: String,
        #[source]
        source: legaldocml::ImportError,
    },
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
    let (mut doc, eids) = load_law(law)?;
    let src = syntax::source::read_law(amending)?;
    let apath = amending.display().to_string();
    let gesetz = if legaldocml::is_xml(&src) {
        legaldocml::import_amendments(&apath, &src, doc.title.as_deref())?
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
    if !legaldocml::is_xml(&src) {
        let a = syntax::parse(&src);
        if let (Some(date), Some(f)) = (
            a.fassung.as_deref().and_then(syntax::date::german),
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
