//! A law with its workspace: loading, the other laws of the series, lint.

use crate::workspace::Workspace;
use lint::LintConfig;
use lint::{self, Ctx, Diagnostic};
use refs::{self, OtherLaw, Resolved, Universe};
use std::path::{Path, PathBuf};
use syntax::ast::Document;
use syntax::diag::LoadError;

/// A law read and parsed.
pub struct Law {
    pub path: PathBuf,
    pub src: String,
    pub doc: Document,
}

impl Law {
    pub fn load(path: &Path) -> Result<Law, LoadError> {
        let src = syntax::source::read_law(path)?;
        let mut doc = syntax::parse(&src);
        doc.path = Some(path.display().to_string());
        Ok(Law {
            path: path.to_path_buf(),
            src,
            doc,
        })
    }
}

/// The laws of a workspace, parsed once.
pub struct Series {
    pub workspace: Workspace,
    pub laws: Vec<(crate::workspace::LawEntry, Law)>,
}

impl Series {
    pub fn load(workspace: Workspace) -> Result<Series, LoadError> {
        let mut laws = Vec::new();
        for e in &workspace.config.laws {
            laws.push((e.clone(), Law::load(&workspace.law_path(e))?));
        }
        Ok(Series { workspace, laws })
    }

    fn is(&self, a: &Path, b: &Path) -> bool {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        }
    }

    /// What citations of `path` resolve against: its declared parts and the other laws.
    pub fn universe(&self, path: &Path) -> Universe<'_> {
        let mut declared = Vec::new();
        let mut others = Vec::new();
        for (e, law) in &self.laws {
            if self.is(&law.path, path) {
                declared = e.external.clone();
            } else if let Some(short) = &e.short {
                others.push(OtherLaw {
                    short: short.clone(),
                    path: law.path.display().to_string(),
                    doc: &law.doc,
                    declared: e.external.clone(),
                });
            }
        }
        Universe { declared, others }
    }

    pub fn lint_config(&self) -> &LintConfig {
        &self.workspace.config.lint
    }
}

/// Resolve and lint one law.
pub fn check(law: &Law, uni: &Universe, config: &LintConfig) -> (Vec<Resolved>, Vec<Diagnostic>) {
    let lines = syntax::source::LineIndex::new(&law.src);
    let refs = refs::resolve_all_with(&law.doc, &law.src, uni, &lines);
    let ctx = Ctx::with_lines(&law.doc, &law.src, &refs, config, lines);
    let diags = lint::run(&ctx);
    (refs, diags)
}
