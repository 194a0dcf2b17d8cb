//! A library: a directory of laws that are not part of the series (the
//! federal corpus, say), which citations of other laws resolve against
//! („§ 823 Absatz 5 BGB“). Indexed by abbreviation and title from each
//! file's front matter (or first line); the index is cached in a file so
//! that linting one law does not read the whole directory again, and each
//! cited law is parsed once, when first cited.

use crate::LawNames;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use syntax::ast::Document;

/// Why a library cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The directory cannot be listed.
    #[error("{path}: cannot read the library: {source}")]
    Io {
        /// The directory.
        path: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
}

/// One law of a library.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    file: String,
    title: String,
    abbreviation: String,
    /// The comparison keys of its names (see `names::key`).
    keys: Vec<String>,
}

/// A directory of laws, indexed by their names.
pub struct Library {
    name: String,
    dir: PathBuf,
    entries: Vec<Entry>,
    by_key: FxHashMap<String, Vec<usize>>,
    docs: Vec<OnceLock<Option<Document>>>,
}

/// Law text extensions of a library.
const EXTENSIONS: &[&str] = &["md", "txt", "law"];

/// The version of the cache file's format.
const CACHE_VERSION: &str = "paragraf-library-2";

impl Library {
    /// Opens the library `name` at `dir`; with `cache`, the index is read
    /// from and written to that file (a cache that does not match the
    /// directory is rebuilt; one that cannot be written is skipped).
    pub fn open(name: &str, dir: &Path, cache: Option<&Path>) -> Result<Library, LibraryError> {
        let io = |source| LibraryError::Io {
            path: dir.display().to_string(),
            source,
        };
        // the directory's modification time changes when a file is added,
        // removed or renamed (as git and editors save): with the names, it
        // tells a stale cache
        let mtime = std::fs::metadata(dir)
            .map_err(io)?
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        let mut files: Vec<String> = Vec::new();
        for e in std::fs::read_dir(dir).map_err(io)? {
            let e = e.map_err(io)?;
            let file = e.file_name().to_string_lossy().to_string();
            let ext_ok = Path::new(&file)
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| EXTENSIONS.contains(&x));
            if !ext_ok || file.starts_with('.') || file.eq_ignore_ascii_case("README.md") {
                continue;
            }
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            files.push(file);
        }
        files.sort();
        let stamp = format!("{CACHE_VERSION}\t{mtime}\t{}", files.len());
        let cached = cache.and_then(|c| read_cache(c, &stamp, &files));
        let entries = match cached {
            Some(e) => e,
            None => {
                let entries: Vec<Entry> = files
                    .iter()
                    .map(|file| {
                        let (title, abbreviation) = names_in(&dir.join(file));
                        let mut names = LawNames::default();
                        names.add_title(&title);
                        for a in aliases(&abbreviation) {
                            names.add(&a);
                        }
                        Entry {
                            file: file.clone(),
                            keys: names.keys().map(str::to_string).collect(),
                            title,
                            abbreviation,
                        }
                    })
                    .collect();
                if let Some(c) = cache {
                    write_cache(c, &stamp, &entries);
                }
                entries
            }
        };
        let mut by_key: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (k, e) in entries.iter().enumerate() {
            for key in &e.keys {
                let v = by_key.entry(key.clone()).or_default();
                if !v.contains(&k) {
                    v.push(k);
                }
            }
        }
        let docs = entries.iter().map(|_| OnceLock::new()).collect();
        Ok(Library {
            name: name.to_string(),
            dir: dir.to_path_buf(),
            entries,
            by_key,
            docs,
        })
    }

    /// The library's name in `paragraf.toml` ("bund").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many laws it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no law.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The one law a designation names ("BGB", "des Bürgerlichen
    /// Gesetzbuchs", "SGB V"); `None` when none or several do.
    pub fn find(&self, designation: &str) -> Option<usize> {
        match self.by_key.get(&crate::names::key(designation))?.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// The path of law `k`.
    pub fn path(&self, k: usize) -> PathBuf {
        self.dir.join(&self.entries[k].file)
    }

    /// How law `k` is named in messages: its abbreviation, else its title.
    pub fn label(&self, k: usize) -> &str {
        let e = &self.entries[k];
        if e.abbreviation.is_empty() {
            &e.title
        } else {
            &e.abbreviation
        }
    }

    /// Law `k`, parsed on first use; `None` when it cannot be read.
    pub fn doc(&self, k: usize) -> Option<&Document> {
        self.docs[k]
            .get_or_init(|| {
                let src = syntax::source::read_law(&self.path(k)).ok()?;
                Some(syntax::parse(&src))
            })
            .as_ref()
    }
}

/// The names a file gives itself: `Title:` and `jurabk:` of its front
/// matter, else its first line as the title.
fn names_in(path: &Path) -> (String, String) {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(4096).read_to_end(&mut head);
    }
    let text = String::from_utf8_lossy(&head);
    let mut title = String::new();
    let mut abbr = String::new();
    if let Some(fm) = text.strip_prefix("---") {
        let mut in_title = false;
        for line in fm.lines().skip(1) {
            if line.trim() == "---" {
                break;
            }
            if let Some(v) = line.strip_prefix("Title:") {
                title = v.trim().to_string();
                in_title = true;
            } else if let Some(v) = line.strip_prefix("jurabk:") {
                abbr = v.trim().to_string();
                in_title = false;
            } else if in_title && line.starts_with(' ') {
                title.push(' ');
                title.push_str(line.trim());
            } else {
                in_title = false;
            }
        }
    } else if let Some(first) = text.lines().map(str::trim).find(|l| !l.is_empty()) {
        title = first.trim_start_matches('#').trim().to_string();
    }
    (title, abbr)
}

/// The forms in which laws cite an abbreviation: "SGB 5" is cited as "SGB
/// V" and as "Fünftes Buch Sozialgesetzbuch".
fn aliases(abbr: &str) -> Vec<String> {
    let mut out = vec![abbr.to_string()];
    if let Some(n) = abbr
        .strip_prefix("SGB ")
        .and_then(|n| n.parse::<usize>().ok())
    {
        const ROMAN: &[&str] = &[
            "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        ];
        if let (Some(r), Some(o)) = (
            n.checked_sub(1).and_then(|i| ROMAN.get(i)),
            syntax::vocab::ordinal(n),
        ) {
            out.push(format!("SGB {r}"));
            out.push(format!("{o} Buch Sozialgesetzbuch"));
            out.push(format!("{o} Buch Sozialgesetzbuches"));
        }
    }
    out
}

/// The cache's entries, if its first line is `stamp` and it lists `files`.
fn read_cache(path: &Path, stamp: &str, files: &[String]) -> Option<Vec<Entry>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != stamp {
        return None;
    }
    let mut entries = Vec::with_capacity(files.len());
    for (line, file) in lines.zip(files) {
        let mut f = line.split('\t');
        let (name, title, abbr, keys) = (f.next()?, f.next()?, f.next()?, f.next()?);
        if name != file {
            return None;
        }
        entries.push(Entry {
            file: file.clone(),
            title: title.to_string(),
            abbreviation: abbr.to_string(),
            keys: keys
                .split('\u{1f}')
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    (entries.len() == files.len()).then_some(entries)
}

fn write_cache(path: &Path, stamp: &str, entries: &[Entry]) {
    let mut out = String::from(stamp);
    out.push('\n');
    let clean = |s: &str| s.replace(['\t', '\n', '\r', '\u{1f}'], " ");
    for e in entries {
        let keys: Vec<String> = e.keys.iter().map(|k| clean(k)).collect();
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            clean(&e.file),
            clean(&e.title),
            clean(&e.abbreviation),
            keys.join("\u{1f}")
        ));
    }
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    // a cache that cannot be written is only slower next time
    let _ = syntax::fsutil::write_atomic(path, out.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_laws_by_abbreviation_and_title_and_caches_the_index() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("bgb.md"),
            "---\nTitle: Bürgerliches Gesetzbuch\njurabk: BGB\n---\n\n# Bürgerliches Gesetzbuch (BGB)\n\n## § 823 Schadensersatzpflicht\n\n(1) Eins.\n\n(2) Zwei.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("sgb_5.md"),
            "---\nTitle: Sozialgesetzbuch (SGB) Fünftes Buch (V) - Gesetzliche Krankenversicherung -\n  (Artikel 1 des Gesetzes v. 20. Dezember 1988, BGBl. I S. 2477)\njurabk: SGB 5\n---\n\n# SGB V\n\n## § 1 Solidarität\n\nText.\n",
        )
        .unwrap();
        let cache = dir.path().join("cache/index.tsv");
        for _ in 0..2 {
            let lib = Library::open("bund", dir.path(), Some(&cache)).unwrap();
            assert_eq!(lib.len(), 2);
            let bgb = lib.find("BGB").unwrap();
            assert_eq!(lib.find("des Bürgerlichen Gesetzbuchs"), Some(bgb));
            assert_eq!(lib.label(bgb), "BGB");
            let sgb = lib.find("SGB V").unwrap();
            assert_eq!(lib.find("des Fünften Buches Sozialgesetzbuch"), Some(sgb));
            assert_eq!(lib.find("StGB"), None);
            assert!(lib.doc(bgb).is_some());
            assert!(cache.is_file());
        }
    }
}
