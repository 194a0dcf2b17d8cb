//! The amending law for two Fassungen of a law, as a value: Artikel 1 with
//! the drafter's changes and, where the law is one of a workspace, its
//! Folgeänderungen (the law's own citations of units that moved, as
//! „Weitere Änderung …“, and one Artikel per other law of the series that
//! cites it). Each Artikel is checked before anyone writes it: read back and
//! applied to the Fassung it amends, it must give the Fassung it was made for
//! ([`Mantel::verify`]).

use crate::folge::{Fates, Folge, Review, Rewrite};
use crate::workspace::{ConfigError, LawEntry, Workspace};
use amend::generate::{self, Style, Unexpressed};
use amend::verify::Mismatch;
use std::path::{Path, PathBuf};
use syntax::ast::Document;
use syntax::diag::LoadError;

/// Why the amending law cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum MantelError {
    /// The workspace's paragraf.toml cannot be read.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A law of the workspace cannot be read.
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// One Artikel: the changes of one law.
#[derive(Clone)]
pub struct Artikel {
    /// "Änderung des Gesetzes VI".
    pub heading: String,
    /// Its Eingangssatz and numbered commands.
    pub text: String,
    /// The file of the law it amends.
    pub path: PathBuf,
    /// The law's Fassung it amends.
    pub base: Document,
    /// The Fassung applying it must give.
    pub expected: Document,
    /// Rows and commands side by side, for the Synopse.
    pub section: amend::synopse::Section,
}

/// The Folgeänderungen found in one law: what was rewritten, what is left.
pub struct Followed {
    /// The citing law's file.
    pub path: PathBuf,
    /// Each rewrite with how a citation names the unit that holds it.
    pub rewrites: Vec<(String, Rewrite)>,
    /// The citations left as they are, for a person to look at.
    pub review: Vec<Review>,
}

/// A change of the law text that is not in the amending law, where it stands.
pub struct Unsaid {
    /// The changed law's file.
    pub path: PathBuf,
    /// The unit whose change no command says.
    pub unit: Unexpressed,
}

/// The whole amending law.
pub struct Mantel {
    /// One Artikel per amended law, the law asked for first.
    pub artikel: Vec<Artikel>,
    /// How many commands Artikel 1 has (0: the Fassungen differ only in
    /// what is not law text).
    pub commands: usize,
    /// The changes no command says (empty when the amending law is complete).
    pub unexpressed: Vec<Unsaid>,
    /// The Folgeänderungen: per citing law, the citations rewritten and left.
    pub followed: Vec<Followed>,
    /// The how-manieth amendment of the law this is, where the workspace
    /// declares its history.
    pub ordinal: Option<usize>,
}

/// A Fassung: the document, its source (its spans point into it) and its file.
pub struct Fassung<'a> {
    /// The law as parsed.
    pub doc: &'a Document,
    /// The text it was parsed from.
    pub src: &'a str,
    /// The file it was read from.
    pub path: &'a Path,
}

pub use amend::titel::{feminine, genitive};

/// What a law is called in the heading of its Artikel: the workspace's
/// short name, else its title (never juris' abbreviation, which is no
/// official name: „HeilMWerbG“, „BtMG 1981“).
fn name_of(entry: Option<&LawEntry>, doc: &Document) -> String {
    let title = doc.title.as_deref().map(amend::titel::bezeichnung);
    // an abbreviation that begins the title is its short name („Gesetz VII“)
    let short = doc.abbreviation.clone().filter(|a| {
        title
            .as_deref()
            .is_some_and(|t| t.starts_with(&format!("{a} ")))
    });
    entry
        .and_then(|e| e.short.clone())
        .or(short)
        .or(title)
        .or_else(|| doc.abbreviation.clone())
        .unwrap_or_else(|| "Gesetz".into())
}

/// The laws of the workspace that may cite the law at `path`: every other
/// law, but not the amending laws of a history.
fn citing_laws(ws: &Workspace, path: &Path) -> Vec<LawEntry> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let me = canon(path);
    let amending: Vec<PathBuf> = ws
        .config
        .laws
        .iter()
        .flat_map(|e| e.history.iter().map(|s| canon(&ws.root.join(&s.amending))))
        .collect();
    ws.config
        .laws
        .iter()
        .filter(|e| {
            let p = canon(&ws.law_path(e));
            p != me && !amending.contains(&p)
        })
        .cloned()
        .collect()
}

/// The how-manieth amendment an amendment of the Fassung `old` is: one
/// more than the amending laws of the declared history promulgated before
/// its date; none where no history is declared or a date is missing.
fn ordinal(entry: Option<&LawEntry>, old: &Document) -> Option<usize> {
    let e = entry.filter(|e| !e.history.is_empty())?;
    let at = old.fassung.as_deref()?;
    let mut before = 0;
    for step in &e.history {
        if step.verkuendet.as_deref()? < at {
            before += 1;
        }
    }
    Some(before + 1)
}

/// The Artikel that turns `base` into `expected` of the law at `path`.
fn artikel(
    heading: String,
    path: &Path,
    base: &Document,
    expected: Document,
    style: Style,
) -> (Artikel, generate::Generated) {
    let (a, b) = (diff::entries(base), diff::entries(&expected));
    let c = diff::diff_entries(&a, &b);
    let g = generate::generate(base, &expected, &a, &b, &c, style);
    let section = amend::synopse::Section {
        heading: heading.clone(),
        rows: diff::render::synopse_rows(&a, &b, &c),
        befehle: g.befehle.clone(),
    };
    let art = Artikel {
        heading,
        text: g.text.clone(),
        path: path.to_path_buf(),
        base: base.clone(),
        expected,
        section,
    };
    (art, g)
}

fn followed(path: &Path, doc: &Document, f: Folge) -> Followed {
    let entries = diff::entries(doc);
    Followed {
        path: path.to_path_buf(),
        rewrites: f
            .rewrites
            .into_iter()
            .map(|w| (diff::citation_of(&w.node, &entries), w))
            .collect(),
        review: f.review,
    }
}

/// The amending law that turns `old` into `new`, with the Folgeänderungen
/// where `old` is a law of a workspace.
pub fn build(old: &Fassung, new: &Fassung, style: Style) -> Result<Mantel, MantelError> {
    let ws = Workspace::find(old.path)?;
    let entry = ws.as_ref().and_then(|w| w.entry(old.path).cloned());
    let (oe, ne) = (diff::entries(old.doc), diff::entries(new.doc));
    let changes = diff::diff_entries(&oe, &ne);
    let name = name_of(entry.as_ref(), old.doc);
    let title = old.doc.title.clone().unwrap_or_default();
    let heading = format!("Änderung {}", genitive(&name, &title));
    let (first, g) = artikel(heading, old.path, old.doc, new.doc.clone(), style);
    let mut m = Mantel {
        artikel: vec![first],
        commands: g.commands,
        unexpressed: g
            .unexpressed
            .into_iter()
            .map(|u| Unsaid {
                path: if u.in_new { new.path } else { old.path }.to_path_buf(),
                unit: u,
            })
            .collect(),
        followed: Vec::new(),
        ordinal: ordinal(entry.as_ref(), old.doc),
    };
    // what became of each unit: the one change list for every citing law
    let fates = Fates::new(&changes);
    // 1. the law's own citations follow its units: a further Artikel, on
    // the law as Artikel 1 leaves it
    if let Some(e) = &entry {
        let mut after = new.doc.clone();
        let f = crate::folge::within(old.doc, old.src, &e.external, &fates, &mut after);
        let any = !f.rewrites.is_empty();
        m.followed.push(followed(old.path, old.doc, f));
        if any {
            let heading = format!("Weitere Änderung {}", genitive(&name, &title));
            let (mut art, g) = artikel(heading, old.path, new.doc, after, style);
            art.text = g.text_for(&g.eingang.after_artikel(1));
            m.artikel.push(art);
        }
    }
    // 2. the other laws of the series that cite it by its short name
    if let (Some(ws), Some(e)) = (&ws, &entry) {
        if let Some(short) = &e.short {
            for other in citing_laws(ws, old.path) {
                let path = ws.law_path(&other);
                let law = crate::project::Law::load(&path)?;
                let (changed, f) = crate::folge::across(
                    &law.doc,
                    &law.src,
                    short,
                    &old.path.display().to_string(),
                    old.doc,
                    new.doc,
                    &fates,
                );
                let any = !f.rewrites.is_empty();
                m.followed.push(followed(&path, &law.doc, f));
                if !any {
                    continue;
                }
                let name = name_of(Some(&other), &law.doc);
                let t = law.doc.title.clone().unwrap_or_default();
                let heading = format!("Änderung {}", genitive(&name, &t));
                m.artikel
                    .push(artikel(heading, &path, &law.doc, changed, style).0);
            }
        }
    }
    Ok(m)
}

/// A problem of one Artikel: which, and what.
#[derive(Debug, Clone, thiserror::Error)]
#[error("Artikel {artikel} ({path}): {mismatch}")]
pub struct Unverified {
    /// The Artikel's number (1 …).
    pub artikel: usize,
    /// The file of the law it amends.
    pub path: PathBuf,
    /// The first unit where its result differs from the Fassung it was made for.
    pub mismatch: Mismatch,
}

impl Mantel {
    /// Whether there is anything to amend.
    pub fn is_empty(&self) -> bool {
        self.commands == 0 && self.unexpressed.is_empty() && self.artikel.len() == 1
    }

    /// Each Artikel read back, applied to the Fassung it amends and compared
    /// with the Fassung it was made for: the problems found (none when the
    /// amending law says every change).
    pub fn verify(&self) -> Vec<Unverified> {
        self.artikel
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let title = a.base.title.as_deref();
                let r = amend::verify::verify(&a.base, &a.expected, &a.text, title);
                r.err().map(|mismatch| Unverified {
                    artikel: i + 1,
                    path: a.path.clone(),
                    mismatch,
                })
            })
            .collect()
    }

    /// The amending law as text: one Artikel alone, or a Mantelgesetz with
    /// one headed Artikel per law.
    pub fn text(&self) -> String {
        if let [one] = self.artikel.as_slice() {
            return one.text.clone();
        }
        let mut s = String::new();
        for (i, a) in self.artikel.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&format!("Artikel {} – {}\n\n", i + 1, a.heading));
            s.push_str(&a.text);
        }
        s
    }
}

/// What frames the Artikel of an amending law.
#[derive(Debug, Clone, Default)]
pub struct Rahmen {
    /// The day it takes effect (ISO); none: the day after its Verkündung.
    pub in_kraft: Option<String>,
    /// „Erstes“, „Zweites“ … Gesetz zur Änderung: the how-manieth
    /// amendment of the law this is (where the workspace's history tells).
    pub ordinal: Option<usize>,
    /// A Verordnung's Eingangsformel names its Ermächtigung: „Auf Grund des
    /// § 5 des Gesetzes X verordnet das Bundesministerium …:“.
    pub eingangsformel: Option<String>,
}

/// What the frame of an amending law could not say from its inputs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RahmenWarning {
    /// A Verordnung without `--eingangsformel`: its Eingangsformel has a gap.
    #[error("a Verordnung's Eingangsformel names its Ermächtigung (--eingangsformel): the amending law has none")]
    NoErmaechtigung,
    /// The `--in-kraft` value as given, which is no date: the Inkrafttreten
    /// falls back to the day after the Verkündung.
    #[error("--in-kraft {0}: not a date (YYYY-MM-DD)")]
    BadDate(String),
    /// A field of the amended law's front matter that the Vollzitat of the
    /// Eingangssatz cannot read, and so leaves out.
    #[error(
        "{path}: the front matter's „{label}: {value}“ cannot be read; the Vollzitat leaves it out"
    )]
    Vollzitat {
        /// The amended law's file.
        path: PathBuf,
        /// The front matter's field ("Ausfertigungsdatum", "Fundstelle").
        label: String,
        /// Its value as written.
        value: String,
    },
}

impl Mantel {
    /// The whole amending law: Bezeichnung, Eingangsformel, one Artikel per
    /// law with its heading and Eingangssatz, and the Inkrafttreten; with
    /// what the frame could not say.
    pub fn document(&self, r: &Rahmen) -> (String, Vec<RahmenWarning>) {
        let mut warnings = Vec::new();
        let Some(first) = self.artikel.first() else {
            return (String::new(), warnings);
        };
        let title = first.base.title.clone().unwrap_or_default();
        let verordnung = feminine(&title) && title.to_lowercase().contains("verordnung");
        let act = if verordnung { "Verordnung" } else { "Gesetz" };
        let name = first
            .heading
            .strip_prefix("Änderung ")
            .unwrap_or(&first.heading);
        let ordinal = r
            .ordinal
            .and_then(syntax::vocab::ordinal)
            .map(|o| format!("{o} "))
            .unwrap_or_default();
        let others = self
            .artikel
            .iter()
            .skip(1)
            .any(|a| !a.heading.starts_with("Weitere Änderung"));
        let more = if others {
            " und anderer Vorschriften"
        } else {
            ""
        };
        let mut s = format!(
            "{ordinal}{act} zur Änderung {name}{more}

"
        );
        match (&r.eingangsformel, verordnung) {
            (Some(f), _) => s.push_str(&format!(
                "{}

",
                f.trim()
            )),
            (None, false) => s.push_str(
                "Der Bundestag hat das folgende Gesetz beschlossen:

",
            ),
            (None, true) => {
                // a skeleton the drafter completes, never a Verordnung without one
                s.push_str("Auf Grund des [Ermächtigungsgrundlage] verordnet [das Bundesministerium …]:\n\n");
                warnings.push(RahmenWarning::NoErmaechtigung)
            }
        }
        for a in &self.artikel {
            for (label, value) in amend::vollzitat::Vollzitat::of(&a.base).unread {
                warnings.push(RahmenWarning::Vollzitat {
                    path: a.path.clone(),
                    label,
                    value,
                });
            }
        }
        let n = self.artikel.len();
        for (i, a) in self.artikel.iter().enumerate() {
            s.push_str(&format!(
                "Artikel {} – {}

{}
",
                i + 1,
                a.heading,
                a.text
            ));
        }
        let day = match r.in_kraft.as_deref() {
            None => "am Tag nach der Verkündung".to_string(),
            Some(d) => match syntax::date::german(d) {
                Some(g) => format!("am {g}"),
                None => {
                    warnings.push(RahmenWarning::BadDate(d.to_string()));
                    "am Tag nach der Verkündung".to_string()
                }
            },
        };
        let this = if verordnung {
            "Diese Verordnung"
        } else {
            "Dieses Gesetz"
        };
        s.push_str(&format!(
            "Artikel {} – Inkrafttreten

{this} tritt {day} in Kraft.
",
            n + 1
        ));
        (s, warnings)
    }
}
