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
    /// The file it was read from.
    pub path: PathBuf,
    /// Its text (the spans of `doc` point into it).
    pub src: String,
    /// The law as parsed, its `path` set.
    pub doc: Document,
}

impl Law {
    /// Read and parse the law at `path` (an error: not readable, not UTF-8,
    /// a NUL byte, too large).
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

/// Why the laws of a workspace cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SeriesError {
    /// A law of the workspace cannot be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A library of `[library]` cannot be opened or indexed.
    #[error("paragraf.toml: library {name}: {source}")]
    Library {
        /// Its name in `[library]`.
        name: String,
        /// Why it cannot be opened.
        #[source]
        source: refs::LibraryError,
    },
    #[error("{law}: the history paragraf.toml declares for it: {source}")]
    /// A law whose declared history cannot be consolidated to today.
    History {
        /// The law's file.
        law: String,
        /// Why a step of its history fails.
        #[source]
        source: crate::consolidate::ConsolidateError,
    },
}

/// The laws of a workspace, parsed once.
pub struct Series {
    /// The workspace the laws are listed in.
    pub workspace: Workspace,
    /// Each law of `[[law]]` with its entry, in the order listed (for a law
    /// with a history: its file, the original Fassung).
    pub laws: Vec<(crate::workspace::LawEntry, Law)>,
    /// For a law with a history: its Fassung in force today, which the
    /// other laws cite.
    current: Vec<Option<Document>>,
    /// The libraries of `[library]`: laws outside the series that citations
    /// of other laws resolve against.
    pub libraries: Vec<refs::Library>,
}

impl Series {
    /// Load every law of the workspace, consolidate those with a history to
    /// the Fassung in force today, and open its libraries.
    pub fn load(workspace: Workspace) -> Result<Series, SeriesError> {
        let today = syntax::date::today();
        let mut laws = Vec::new();
        let mut current = Vec::new();
        for e in &workspace.config.laws {
            let path = workspace.law_path(e);
            current.push(if e.history.is_empty() {
                None
            } else {
                let f =
                    crate::history::fassung_at(&workspace, e, Some(&today)).map_err(|source| {
                        SeriesError::History {
                            law: path.display().to_string(),
                            source,
                        }
                    })?;
                Some(f.doc)
            });
            laws.push((e.clone(), Law::load(&path)?));
        }
        let mut libraries = Vec::new();
        for (name, dir) in &workspace.config.library {
            let dir = workspace.root.join(dir);
            let cache = library_cache(&dir);
            libraries.push(refs::Library::open(name, &dir, cache.as_deref()).map_err(
                |source| SeriesError::Library {
                    name: name.clone(),
                    source,
                },
            )?);
        }
        Ok(Series {
            workspace,
            laws,
            current,
            libraries,
        })
    }

    fn is(&self, a: &Path, b: &Path) -> bool {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        }
    }

    /// What citations of `path` resolve against: its declared parts and the other laws.
    pub fn universe(&self, path: &Path) -> Universe<'_> {
        let i = self.laws.iter().position(|(_, l)| self.is(&l.path, path));
        self.universe_of(i)
    }

    /// What citations in the `i`-th law of the workspace (in any of its
    /// Fassungen; None: a law outside it) resolve against.
    pub fn universe_of(&self, i: Option<usize>) -> Universe<'_> {
        let mut declared = Vec::new();
        let mut others = Vec::new();
        for (k, (e, law)) in self.laws.iter().enumerate() {
            if Some(k) == i {
                declared = e.external.clone();
            } else if let Some(short) = &e.short {
                others.push(OtherLaw {
                    short: short.clone(),
                    path: law.path.display().to_string(),
                    doc: self.current[k].as_ref().unwrap_or(&law.doc),
                    declared: e.external.clone(),
                });
            }
        }
        Universe {
            declared,
            others,
            libraries: &self.libraries,
        }
    }

    /// The workspace's `[lint]` settings.
    pub fn lint_config(&self) -> &LintConfig {
        &self.workspace.config.lint
    }
}

/// Where the index of a library is cached: `$XDG_CACHE_HOME/paragraf/` (or
/// `~/.cache/paragraf/`), one file per directory; `None` without a home.
fn library_cache(dir: &Path) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut h = rustc_hash::FxHasher::default();
    abs.hash(&mut h);
    Some(
        base.join("paragraf")
            .join(format!("library-{:016x}.tsv", h.finish())),
    )
}

/// Resolve and lint one law.
pub fn check(law: &Law, uni: &Universe, config: &LintConfig) -> (Vec<Resolved>, Vec<Diagnostic>) {
    let lines = syntax::source::LineIndex::new(&law.src);
    let refs = refs::resolve_all_with(&law.doc, &law.src, uni, &lines);
    let ctx = Ctx::with_lines(&law.doc, &law.src, &refs, config, lines);
    let diags = lint::run(&ctx);
    (refs, diags)
}
