//! A library: a directory of laws that are not part of the series (the
//! federal corpus, say), which citations of other laws resolve against
//! („§ 823 Absatz 5 BGB“). Indexed by abbreviation and title from each
//! file's front matter (or first line); the index is cached in a file so
//! that linting one law does not read the whole directory again. A cited
//! law is parsed when first cited: in Markdown, only the § or Artikel cited
//! (its heading found by a scan of the heading lines, the slice parsed
//! alone); a citation that the slice does not hold falls back to the
//! whole law, so the slice can make a lint faster but never different.

use crate::LawNames;
use rustc_hash::FxHashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use syntax::ast::{Document, Kind};

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
    laws: Vec<Law>,
    /// The index's cache file, dropped when a law read no longer bears the
    /// names the index has for it (a title edited in place).
    cache: Option<PathBuf>,
}

/// What is known of one law of the library, each part on first use.
#[derive(Default)]
struct Law {
    /// Its text (`None`: it cannot be read).
    src: OnceLock<Option<String>>,
    /// The whole law parsed.
    doc: OnceLock<Option<Document>>,
    /// Its § and Artikel headings (Markdown only).
    units: OnceLock<Units>,
}

/// The § and Artikel headings of a Markdown law, each with the slice of
/// text from its heading to the next heading, parsed alone when cited.
#[derive(Default)]
struct Units {
    /// (is Artikel, number) → the first heading of that unit.
    at: FxHashMap<(bool, String), usize>,
    /// The byte range of each unit's slice.
    ranges: Vec<(usize, usize)>,
    /// Each slice parsed; `None` when the parse does not yield the unit.
    docs: Vec<OnceLock<Option<Document>>>,
}

/// How a designation names laws of a library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryMatch {
    /// Exactly one law.
    One(usize),
    /// Several laws (their indices): the designation does not decide.
    Several(Vec<usize>),
    /// No law.
    None,
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
        let laws = entries.iter().map(|_| Law::default()).collect();
        Ok(Library {
            name: name.to_string(),
            dir: dir.to_path_buf(),
            entries,
            by_key,
            laws,
            cache: cache.map(Path::to_path_buf),
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
        match self.lookup(designation) {
            LibraryMatch::One(k) => Some(k),
            _ => None,
        }
    }

    /// The laws a designation names: one, several or none.
    pub fn lookup(&self, designation: &str) -> LibraryMatch {
        match self
            .by_key
            .get(&crate::names::key(designation))
            .map(Vec::as_slice)
        {
            Some([one]) => LibraryMatch::One(*one),
            Some(many) if !many.is_empty() => LibraryMatch::Several(many.to_vec()),
            _ => LibraryMatch::None,
        }
    }

    /// The file name of law `k` in the library's directory.
    pub fn file(&self, k: usize) -> &str {
        &self.entries[k].file
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

    /// Law `k`'s text, read on first use; `None` when it cannot be read.
    pub fn source(&self, k: usize) -> Option<&str> {
        self.laws[k]
            .src
            .get_or_init(|| {
                let src = syntax::source::read_law(&self.path(k)).ok()?;
                let e = &self.entries[k];
                // a file's names edited in place leave the directory's
                // time alone: the next run rebuilds the index
                if names_of(&src) != (e.title.clone(), e.abbreviation.clone()) {
                    if let Some(c) = &self.cache {
                        let _ = std::fs::remove_file(c);
                    }
                }
                Some(src)
            })
            .as_deref()
    }

    /// Law `k`, parsed whole on first use; `None` when it cannot be read.
    pub fn doc(&self, k: usize) -> Option<&Document> {
        self.laws[k]
            .doc
            .get_or_init(|| self.source(k).map(syntax::parse))
            .as_ref()
    }

    /// The § (or, with `artikel`, the Artikel) `num` of law `k` parsed
    /// alone, from its heading to the next heading of the Markdown file:
    /// a document whose only unit is that § with the ids a parse of the
    /// whole law gives it. `None` when the law is not Markdown, has no
    /// such heading, or the slice does not parse to that unit; the caller
    /// then takes [`Library::doc`].
    pub fn unit_doc(&self, k: usize, artikel: bool, num: &str) -> Option<&Document> {
        self.unit(k, artikel, num).map(|(_, doc)| doc)
    }

    /// [`Library::unit_doc`] with the slot of its slice in law `k` (for
    /// caches keyed by it).
    pub fn unit(&self, k: usize, artikel: bool, num: &str) -> Option<(usize, &Document)> {
        if !self.entries[k].file.ends_with(".md") {
            return None;
        }
        let src = self.source(k)?;
        let units = self.laws[k].units.get_or_init(|| Units::scan(src));
        let &slot = units.at.get(&(artikel, num.to_string()))?;
        let (from, to) = units.ranges[slot];
        let doc = units.docs[slot].get_or_init(|| parse_unit(&src[from..to], artikel, num));
        doc.as_ref().map(|d| (slot, d))
    }
}

/// A slice of a Markdown law from a § or Artikel heading to the next
/// heading, parsed alone: the document, if it reads as that one unit
/// (§ or, with `artikel`, Artikel `num`), else `None`.
pub fn parse_unit(slice: &str, artikel: bool, num: &str) -> Option<Document> {
    let doc = syntax::parse(slice);
    let want = if artikel {
        Kind::Artikel
    } else {
        Kind::Paragraf
    };
    let units: Vec<&syntax::ast::Node> = doc
        .root
        .children
        .iter()
        .filter(|c| c.kind != Kind::Text)
        .collect();
    match units.as_slice() {
        [u] if u.kind == want && u.num.as_deref() == Some(num) => Some(doc),
        _ => None,
    }
}

/// The § and Artikel headings of a Markdown law, each unit's first heading
/// with the byte range of its slice (to the next heading of any kind).
pub fn unit_slices(src: &str) -> Vec<(bool, String, std::ops::Range<usize>)> {
    let u = Units::scan(src);
    let mut out: Vec<(usize, (bool, String))> =
        u.at.iter().map(|(k, &slot)| (slot, k.clone())).collect();
    out.sort();
    out.into_iter()
        .map(|(slot, (a, n))| (a, n, u.ranges[slot].0..u.ranges[slot].1))
        .collect()
}

impl Units {
    /// The § and Artikel headings of a Markdown text: lines "##### § 823
    /// Schadensersatzpflicht", "## Art 5"; each unit's slice runs to the
    /// next heading line of any kind.
    fn scan(src: &str) -> Units {
        let mut u = Units::default();
        let mut open: Option<usize> = None;
        // a heading line right after a unit's heading, before any text, is
        // its title („## § 2.1⏎⏎## **Allgemeines**“): it stays in the slice
        let mut annex = false;
        let mut twice = Vec::new();
        // the heading lines: at the start, and after each "\n#"
        let starts = src
            .starts_with('#')
            .then_some(0)
            .into_iter()
            .chain(memchr::memmem::find_iter(src.as_bytes(), b"\n#").map(|i| i + 1));
        let mut last_end = 0;
        for start in starts {
            let end = memchr::memchr(b'\n', &src.as_bytes()[start..])
                .map_or(src.len(), |i| start + i + 1);
            let line = &src[start..end];
            let body = !src[last_end..start].trim().is_empty();
            last_end = end;
            let text = line.trim_start_matches('#').trim();
            let text = text.strip_prefix("**").unwrap_or(text);
            let unit = if let Some(r) = text.strip_prefix("§ ") {
                Some((false, r))
            } else {
                text.strip_prefix("Art ")
                    .or_else(|| text.strip_prefix("Artikel "))
                    .map(|r| (true, r))
            };
            if unit.is_none() && open.is_some() && !body {
                continue;
            }
            if let Some(slot) = open.take() {
                u.ranges[slot].1 = start;
            }
            // after an annex heading, a § may belong to the annex (its id
            // then has the annex's prefix): the whole law decides
            annex |= ["Anlage", "Anhang"].iter().any(|w| text.starts_with(w));
            let Some((artikel, rest)) = unit.filter(|_| !annex) else {
                continue;
            };
            let num: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '.')
                .collect();
            let num = num.trim_end_matches('.');
            if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let slot = u.ranges.len();
            u.ranges.push((start, src.len()));
            u.docs.push(OnceLock::new());
            // a number that heads two units is the whole law's to resolve
            // (R003 names both)
            match u.at.entry((artikel, num.to_string())) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(slot);
                }
                std::collections::hash_map::Entry::Occupied(e) => {
                    twice.push(e.key().clone());
                }
            }
            open = Some(slot);
        }
        for k in twice {
            u.at.remove(&k);
        }
        u
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
    names_of(&String::from_utf8_lossy(&head))
}

/// [`names_in`] of a text: the first 4096 bytes decide.
fn names_of(text: &str) -> (String, String) {
    let mut cut = text.len().min(4096);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
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
        // the abbreviation edited in place: the directory's time stays, so
        // the index is stale until a cited law shows it; then it is dropped
        // and the next run finds the law by its new name
        let bgb = dir.path().join("bgb.md");
        let edited = std::fs::read_to_string(&bgb)
            .unwrap()
            .replace("jurabk: BGB", "jurabk: BGBX");
        std::fs::write(&bgb, edited).unwrap();
        let lib = Library::open("bund", dir.path(), Some(&cache)).unwrap();
        let k = lib.find("BGB").expect("the stale index still has it");
        assert!(lib.source(k).is_some());
        assert!(!cache.is_file(), "a stale index is dropped");
        let lib = Library::open("bund", dir.path(), Some(&cache)).unwrap();
        assert_eq!(lib.find("BGB"), None);
        assert!(lib.find("BGBX").is_some());
    }

    /// The units of a node, for comparing a slice's parse with the whole
    /// law's (spans differ: the slice's count from its own start).
    fn shape(n: &syntax::ast::Node, out: &mut Vec<String>) {
        out.push(format!(
            "{:?} {} {:?} {:?} {:?} {:?} {:?} {}",
            n.kind, n.id, n.marker, n.num, n.title, n.text, n.cells, n.repealed
        ));
        for c in &n.children {
            shape(c, out);
        }
    }

    #[test]
    fn a_cited_unit_parsed_alone_reads_as_in_the_whole_law() {
        let dir = tempfile::tempdir().unwrap();
        let law = "---\nTitle: Gesetz über Beispiele\njurabk: BspG\n---\n\n# Gesetz über Beispiele (BspG)\n\n## Abschnitt 1 - Allgemeines\n\n### § 1 Zweck\n\n(1) Eins nach § 2.\n\n(2) Zwei:\n\n1.  erstens,\n2.  zweitens.\n\n### § 2 Begriffe\n\nText.\n\n## Abschnitt 2 - Weiteres\n\n### § 2a Neu\n\n(1) A.\n\n(2) B.\n\n### §§ 3 bis 5 (weggefallen)\n\n### § 6 Schluss\n\nEnde.\n";
        std::fs::write(dir.path().join("bspg.md"), law).unwrap();
        let lib = Library::open("t", dir.path(), None).unwrap();
        let k = lib.find("BspG").unwrap();
        let units: Vec<(bool, String)> = unit_slices(lib.source(k).unwrap())
            .into_iter()
            .map(|(a, n, _)| (a, n))
            .collect();
        assert_eq!(
            units,
            [
                (false, "1".into()),
                (false, "2".into()),
                (false, "2a".into()),
                (false, "6".into())
            ]
        );
        let whole = lib.doc(k).unwrap();
        for (artikel, num) in &units {
            let slice = lib.unit_doc(k, *artikel, num).expect("slice parses");
            let unit = slice
                .root
                .children
                .iter()
                .find(|c| c.kind == Kind::Paragraf)
                .unwrap();
            let mut full = None;
            whole.root.walk(&mut |n, _| {
                if n.id == unit.id {
                    full = Some(n.clone());
                }
            });
            let (mut a, mut b) = (Vec::new(), Vec::new());
            shape(unit, &mut a);
            shape(&full.expect("same id in the whole law"), &mut b);
            assert_eq!(a, b, "§ {num}");
        }
        // §§ 3 bis 5 are one heading: no slice, the whole law decides
        assert!(lib.unit_doc(k, false, "4").is_none());
        // a number heading two units, or a § after an annex, neither
        let twice =
            "## § 3 A\n\nx\n\n## § 3 B\n\ny\n\n## § 4 C\n\nz\n\n## Anlage 1\n\n## § 5 D\n\nw\n";
        let found: Vec<String> = unit_slices(twice).into_iter().map(|(_, n, _)| n).collect();
        assert_eq!(found, ["4"]);
    }

    #[test]
    fn a_designation_of_two_library_laws_is_found_as_both() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["ao.md", "ao_1919.md"] {
            std::fs::write(
                dir.path().join(f),
                "---\nTitle: Abgabenordnung\njurabk: AO\n---\n\n# Abgabenordnung (AO)\n\n## § 3 Steuern\n\nText.\n",
            )
            .unwrap();
        }
        let lib = Library::open("t", dir.path(), None).unwrap();
        assert_eq!(lib.lookup("AO"), LibraryMatch::Several(vec![0, 1]));
        assert_eq!(lib.find("AO"), None);
        assert_eq!(lib.lookup("StGB"), LibraryMatch::None);
    }
}
