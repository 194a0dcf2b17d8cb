//! `diff --amendments`: the Änderungsbefehle of an amending law, and in a
//! workspace its Folgeänderungen (citations of units that moved, in the law
//! itself and in the other laws of the series) as further Artikel.

use super::diff::Side;
use amend::generate::{self, Style};
use anyhow::Result;
use paragraf::folge::{Folge, Review};
use paragraf::workspace::{LawEntry, Workspace};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Whether a law of this title is feminine ("die Verordnung", "die
/// Satzung") rather than neuter ("das Gesetz", "das Gesetzbuch").
fn feminine(title: &str) -> bool {
    let first = title.split_whitespace().next().unwrap_or("").to_lowercase();
    [
        "ordnung",
        "satzung",
        "regelung",
        "bekanntmachung",
        "richtlinie",
    ]
    .iter()
    .any(|w| first.ends_with(w))
}

/// "Gesetz VII" → "des Gesetzes VII"; "Verordnung X" → "der Verordnung X";
/// an abbreviation takes the article of its law's title ("der LMRStV").
fn genitive(name: &str, title: &str) -> String {
    let (first, rest) = name.split_once(' ').unwrap_or((name, ""));
    let rest = if rest.is_empty() {
        String::new()
    } else {
        format!(" {rest}")
    };
    let abbreviation =
        !name.contains(' ') && !first.ends_with("gesetz") && !first.ends_with("buch");
    if feminine(name) || (feminine(title) && abbreviation) {
        format!("der {name}")
    } else if first.ends_with("gesetz") || first.ends_with("Gesetz") {
        format!("des {first}es{rest}")
    } else if first.ends_with("buch") {
        format!("des {first}s{rest}")
    } else {
        format!("des {name}")
    }
}

/// What a law is called in the heading of its Artikel.
fn name_of(entry: Option<&LawEntry>, doc: &syntax::Document) -> String {
    entry
        .and_then(|e| e.short.clone())
        .or_else(|| doc.abbreviation.clone())
        .or_else(|| doc.title.clone())
        .unwrap_or_else(|| "Gesetzes".into())
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

/// Tell what was rewritten and what is left for review.
fn report(path: &Path, doc: &syntax::Document, f: &Folge) {
    let entries = diff::entries(doc);
    for w in &f.rewrites {
        eprintln!(
            "Folgeänderung: {}: in {} „{}“ → „{}“",
            path.display(),
            diff::citation_of(&w.node, &entries),
            w.old,
            w.new
        );
    }
    for Review {
        line,
        column,
        citation,
        reason,
    } in &f.review
    {
        eprintln!(
            "{}:{line}:{column}: „{citation}“: {reason}; left as it is (review)",
            path.display()
        );
    }
}

/// Where to write the three-column Synopse of the amending law.
pub(crate) struct SynopseOut {
    pub html: Option<PathBuf>,
    pub pdf: Option<PathBuf>,
}

/// The Synopse of the amending law: one section per Artikel.
fn write_synopse(
    to: &SynopseOut,
    title: &str,
    old: &syntax::Document,
    new: &syntax::Document,
    sections: Vec<amend::synopse::Section>,
) -> Result<()> {
    let (old_title, new_title) = fassung_titles(old, new);
    if let Some(p) = &to.pdf {
        let data = amend::synopse::typst_data(title, &old_title, &new_title, sections.clone());
        pdf_synopse(p, data)?;
    }
    if let Some(p) = &to.html {
        let h = amend::synopse::html(title, &old_title, &new_title, sections);
        syntax::fsutil::write_atomic(p, h.as_bytes())?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

/// The headings of the two text columns of a Synopse: „Fassung vom 14.
/// Oktober 2025“, or what they are where a Fassung has no date.
pub(crate) fn fassung_titles(old: &syntax::Document, new: &syntax::Document) -> (String, String) {
    let date = |d: &syntax::Document| d.fassung.as_deref().and_then(syntax::date::german);
    (
        date(old).map_or("Bisherige Fassung".into(), |d| format!("Fassung vom {d}")),
        date(new).map_or("Neue Fassung".into(), |d| format!("Fassung vom {d}")),
    )
}

/// The Synopse (its data for `synopse.typ`) typeset to `p`.
#[cfg(feature = "pdf")]
pub(crate) fn pdf_synopse(p: &Path, data: serde_json::Value) -> Result<()> {
    let bytes = pdf::compile_main(
        "synopse.typ",
        data,
        &pdf::Template::builtin(),
        &Default::default(),
    )?;
    syntax::fsutil::write_atomic(p, &bytes)?;
    eprintln!("wrote {}", p.display());
    Ok(())
}

#[cfg(not(feature = "pdf"))]
pub(crate) fn pdf_synopse(_: &Path, _: serde_json::Value) -> Result<()> {
    anyhow::bail!("this paragraf is built without the pdf feature")
}

/// One section of the Synopse: an Artikel's law before and after.
fn section(
    heading: &str,
    a: &[diff::Entry],
    b: &[diff::Entry],
    c: &[diff::Change],
    befehle: Vec<amend::generate::Numbered>,
) -> amend::synopse::Section {
    amend::synopse::Section {
        heading: heading.to_string(),
        rows: diff::render::synopse_rows(a, b, c),
        befehle,
    }
}

/// The amending law that turns `old` into `new`, with the Folgeänderungen
/// where `old` is a law of a workspace.
pub(crate) fn amendments(
    old: &Side,
    new: Side,
    style: Style,
    synopse: &SynopseOut,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let ws = Workspace::find(&old.path)?;
    let entry = ws.as_ref().and_then(|w| w.entry(&old.path).cloned());
    let (oe, ne) = (diff::entries(&old.doc), diff::entries(&new.doc));
    let changes = diff::diff_entries(&oe, &ne);
    let g = generate::generate(&old.doc, &new.doc, &oe, &ne, &changes, style);
    // what became of each unit: the one change list for every citing law
    let fates = paragraf::folge::Fates::new(&changes);
    let name = name_of(entry.as_ref(), &old.doc);
    let title = old.doc.title.clone().unwrap_or_default();
    let mut artikel = vec![(
        format!("Änderung {}", genitive(&name, &title)),
        g.text.clone(),
    )];
    let mut sections = vec![section(
        &artikel[0].0,
        &oe,
        &ne,
        &changes,
        g.befehle.clone(),
    )];
    // 1. the law's own citations follow its units: a further Artikel, on
    // the law as Artikel 1 leaves it
    if let Some(e) = &entry {
        let mut followed = new.doc.clone();
        let f = paragraf::folge::within(&old.doc, &old.src, &e.external, &fates, &mut followed);
        report(&old.path, &old.doc, &f);
        if !f.rewrites.is_empty() {
            let (a, b) = (&ne, diff::entries(&followed));
            let c = diff::diff_entries(a, &b);
            let gen = generate::generate(&new.doc, &followed, a, &b, &c, style);
            let heading = format!("Weitere Änderung {}", genitive(&name, &title));
            sections.push(section(&heading, a, &b, &c, gen.befehle));
            let text = gen
                .text
                .replacen(
                    " wird wie folgt geändert:",
                    &format!(
                        ", {} durch Artikel 1 dieses Gesetzes geändert worden ist, wird wie folgt geändert:",
                        if feminine(&title) { "die" } else { "das" }
                    ),
                    1,
                );
            artikel.push((
                format!("Weitere Änderung {}", genitive(&name, &title)),
                text,
            ));
        }
    }
    // 2. the other laws of the series that cite it by its short name
    if let (Some(ws), Some(e)) = (&ws, &entry) {
        if let Some(short) = &e.short {
            for other in citing_laws(ws, &old.path) {
                let path = ws.law_path(&other);
                let law = paragraf::project::Law::load(&path)?;
                let (changed, f) = paragraf::folge::across(
                    &law.doc,
                    &law.src,
                    short,
                    &old.path.display().to_string(),
                    &old.doc,
                    &new.doc,
                    &fates,
                );
                report(&path, &law.doc, &f);
                if f.rewrites.is_empty() {
                    continue;
                }
                let (a, b) = (diff::entries(&law.doc), diff::entries(&changed));
                let c = diff::diff_entries(&a, &b);
                let gen = generate::generate(&law.doc, &changed, &a, &b, &c, style);
                let name = name_of(Some(&other), &law.doc);
                let t = law.doc.title.clone().unwrap_or_default();
                let heading = format!("Änderung {}", genitive(&name, &t));
                sections.push(section(&heading, &a, &b, &c, gen.befehle));
                artikel.push((heading, gen.text));
            }
        }
    }
    if g.commands == 0 && g.unexpressed.is_empty() && artikel.len() == 1 {
        // an Eingangssatz without a command is no amending law
        eprintln!(
            "no change of the law text: the Fassungen differ only in what is not law text (front matter, notes, layout), which no Änderungsbefehl says"
        );
        return Ok(ExitCode::SUCCESS);
    }
    // the Synopse: headed by Artikel where there are several
    if synopse.html.is_some() || synopse.pdf.is_some() {
        if artikel.len() == 1 {
            sections[0].heading.clear();
        } else {
            for (i, s) in sections.iter_mut().enumerate() {
                s.heading = format!("Artikel {} – {}", i + 1, s.heading);
            }
        }
        let title = old.doc.title.clone().unwrap_or_default();
        write_synopse(synopse, &title, &old.doc, &new.doc, sections)?;
    }
    if artikel.len() == 1 {
        write!(out, "{}", g.text)?;
    } else {
        // a Mantelgesetz: one Artikel per law
        for (i, (heading, text)) in artikel.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "Artikel {} – {heading}\n", i + 1)?;
            write!(out, "{text}")?;
        }
    }
    out.flush()?;
    if !g.unexpressed.is_empty() {
        // listed with the unit and its line; the amending law above leaves them out
        for u in &g.unexpressed {
            let path = if u.in_new { &new.path } else { &old.path };
            eprintln!(
                "{}:{}: no Änderungsbefehl can say the change of this {} ({}); it is not in the amending law",
                path.display(),
                u.line,
                u.kind.as_str(),
                u.id
            );
        }
        eprintln!(
            "error: {} change(s) could not be expressed",
            g.unexpressed.len()
        );
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::from(1))
}

#[cfg(test)]
mod tests {
    use super::genitive;

    #[test]
    fn genitives() {
        assert_eq!(
            genitive("Gesetz VII", "Gesetz VII – Missbrauch"),
            "des Gesetzes VII"
        );
        assert_eq!(genitive("Verordnung IV", ""), "der Verordnung IV");
        assert_eq!(
            genitive("Bundeskriminalamtgesetz", ""),
            "des Bundeskriminalamtgesetzes"
        );
        assert_eq!(genitive("BGB", "Bürgerliches Gesetzbuch"), "des BGB");
        let v = "Verordnung zur Durchsetzung lebensmittelrechtlicher Rechtsakte";
        assert_eq!(genitive("LMRStV", v), "der LMRStV");
    }
}
