//! Workspaces: `paragraf.toml`, found by walking up from a law file, and the law files of a directory.

use lint::LintConfig;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use syntax::print::FormatConfig;

/// Law text extensions paragraf reads from directories.
pub const LAW_EXTENSIONS: &[&str] = &["md", "txt", "law"];

/// The name of the workspace file.
pub const CONFIG_FILE: &str = "paragraf.toml";

/// Law files under `dir` (sorted; symlinks are not followed, so loops cannot occur).
pub fn law_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| LAW_EXTENSIONS.contains(&e))
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.') || n.eq_ignore_ascii_case("README.md"))
        })
        .collect();
    v.sort();
    v
}

/// `paragraf.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[series]`: what the laws together are called.
    #[serde(default)]
    pub series: Series,
    /// The laws of the series.
    #[serde(default, rename = "law")]
    pub laws: Vec<LawEntry>,
    /// `[lint]`: rules switched off, severities changed, the citation style.
    #[serde(default)]
    pub lint: LintConfig,
    /// `[format]`: how `fmt` and every law written print (the separator
    /// between a heading's number and its title).
    #[serde(default)]
    pub format: FormatConfig,
    /// Directories of laws outside the series that citations of other laws
    /// resolve against, by name: `bund = "../corpus/bund"` (relative to
    /// `paragraf.toml`).
    #[serde(default)]
    pub library: std::collections::BTreeMap<String, PathBuf>,
}

/// `[series]`: the series the laws form (printed on their PDFs).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// The name of the series ("VIRES").
    pub name: Option<String>,
}

/// One law of the series.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LawEntry {
    /// Path relative to `paragraf.toml`.
    pub file: PathBuf,
    /// How other laws cite it: "Gesetz VII".
    pub short: Option<String>,
    /// Parts known to exist outside the repository: "Anhang III".
    #[serde(default)]
    pub external: Vec<String>,
    /// Its Fassung history: the amending laws that changed it, in order.
    #[serde(default)]
    pub history: Vec<Step>,
    /// Its Ausfertigungsdatum (YYYY-MM-DD), by which an amending law's
    /// Eingangssatz may name it ("vom 12. Mai 2005").
    pub date: Option<String>,
    /// Its Fundstelle ("BGBl. I S. 1394"), by which an Eingangssatz may name it.
    pub fundstelle: Option<String>,
}

/// One amending law of a law's history.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Path of the amending law, relative to `paragraf.toml`.
    pub amending: PathBuf,
    /// The date of its Verkündung (YYYY-MM-DD), where its Inkrafttreten depends on it.
    pub verkuendet: Option<String>,
}

/// Why a `paragraf.toml` cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The paragraf.toml's path.
        path: String,
        /// The error of the file system.
        #[source]
        source: std::io::Error,
    },
    /// The file is no valid TOML or does not fit the schema.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The paragraf.toml's path.
        path: String,
        /// Where the problem is: line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// The TOML reader's message.
        message: String,
    },
    /// A law or amending law it lists is no file.
    #[error("{path}: law file {law} listed in paragraf.toml does not exist")]
    MissingLaw {
        /// The paragraf.toml's path.
        path: String,
        /// The listed file, as written there.
        law: String,
    },
}

/// A loaded workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// The directory of `paragraf.toml`.
    pub root: PathBuf,
    /// The file's settings, read.
    pub config: Config,
}

impl Workspace {
    /// Read the `paragraf.toml` at `config_path` and check that every law and
    /// amending law it lists exists.
    pub fn load(config_path: &Path) -> Result<Workspace, ConfigError> {
        let p = config_path.display().to_string();
        let text = std::fs::read_to_string(config_path).map_err(|e| ConfigError::Io {
            path: p.clone(),
            source: e,
        })?;
        let config: Config = toml::from_str(&text).map_err(|e| {
            let index = syntax::source::LineIndex::new(&text);
            let (line, column) = e
                .span()
                .map(|s| index.line_col(s.start))
                .map_or((1, 1), |(l, c)| (l as usize, c as usize));
            ConfigError::Invalid {
                path: p.clone(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let root = config_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        for law in &config.laws {
            for f in std::iter::once(&law.file).chain(law.history.iter().map(|s| &s.amending)) {
                if !root.join(f).is_file() {
                    return Err(ConfigError::MissingLaw {
                        path: p,
                        law: f.display().to_string(),
                    });
                }
            }
        }
        Ok(Workspace { root, config })
    }

    /// The workspace a path belongs to: the nearest `paragraf.toml` at or above it.
    pub fn find(path: &Path) -> Result<Option<Workspace>, ConfigError> {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut dir = if abs.is_dir() {
            Some(abs.as_path())
        } else {
            abs.parent()
        };
        let mut hops = 0;
        while let Some(d) = dir {
            let c = d.join(CONFIG_FILE);
            if c.is_file() {
                return Workspace::load(&c).map(Some);
            }
            dir = d.parent();
            hops += 1;
            if hops > 64 {
                break;
            }
        }
        Ok(None)
    }

    /// The entry of a law file, if the workspace lists it.
    pub fn entry(&self, file: &Path) -> Option<&LawEntry> {
        let abs = std::fs::canonicalize(file).ok()?;
        self.config.laws.iter().find(|l| {
            std::fs::canonicalize(self.root.join(&l.file))
                .ok()
                .as_deref()
                == Some(abs.as_path())
        })
    }

    /// The file of a listed law (its path joined to the workspace's root).
    pub fn law_path(&self, entry: &LawEntry) -> PathBuf {
        self.root.join(&entry.file)
    }
}

/// The print options of the workspace a file belongs to (its `[format]`
/// table), or the defaults.
pub fn print_options(path: &Path) -> syntax::print::Options {
    match Workspace::find(path) {
        Ok(Some(ws)) => syntax::print::Options::from_config(&ws.config.format),
        _ => syntax::print::Options::default(),
    }
}
