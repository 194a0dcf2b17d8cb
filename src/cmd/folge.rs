//! `diff --amendments`: the Änderungsbefehle of an amending law, and in a
//! workspace its Folgeänderungen (citations of units that moved, in the law
//! itself and in the other laws of the series) as further Artikel.

use super::side::Side;
use amend::generate::Style;
use anyhow::{Context, Result};
use paragraf::folge::Review;
use paragraf::mantel::{self, Fassung, Followed};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn fassung(s: &Side) -> Fassung<'_> {
    Fassung {
        doc: &s.doc,
        src: &s.src,
        path: &s.path,
    }
}

/// Tell what was rewritten and what is left for review.
fn report(f: &Followed) {
    for (unit, w) in &f.rewrites {
        eprintln!(
            "Folgeänderung: {}: in {unit} „{}“ → „{}“",
            f.path.display(),
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
            f.path.display()
        );
    }
}

/// Where to write the three-column Synopse of the amending law.
pub(crate) struct SynopseOut {
    pub html: Option<PathBuf>,
    pub pdf: Option<PathBuf>,
    /// The skeleton of the Begründung („Zu Artikel 1 / Zu Nummer 1 …“).
    pub begruendung: Option<PathBuf>,
}

/// The Begründung's skeleton for the amending law's Artikel and its
/// Inkrafttreten, written to `to`.
fn write_begruendung(to: &Path, m: &mantel::Mantel) -> Result<()> {
    use amend::begruendung::{skeleton, ArtikelBefehle};
    let mut artikel: Vec<ArtikelBefehle> = m
        .artikel
        .iter()
        .map(|a| ArtikelBefehle {
            heading: &a.heading,
            befehle: &a.section.befehle,
        })
        .collect();
    artikel.push(ArtikelBefehle {
        heading: "Inkrafttreten",
        befehle: &[],
    });
    syntax::fsutil::write_atomic(to, skeleton(&artikel).as_bytes())
        .with_context(|| format!("writing {}", to.display()))
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

/// The amending law that turns `old` into `new`, with the Folgeänderungen
/// where `old` is a law of a workspace; written only when each of its
/// Artikel, applied, gives what it was made for (else exit 2, the unit and
/// its line named).
pub(crate) fn amendments(
    old: &Side,
    new: Side,
    style: Style,
    synopse: &SynopseOut,
    rahmen: &mantel::Rahmen,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let m = mantel::build(&fassung(old), &fassung(&new), style)?;
    for f in &m.followed {
        report(f);
    }
    if m.is_empty() {
        // an Eingangssatz without a command is no amending law
        eprintln!(
            "no change of the law text: the Fassungen differ only in what is not law text (front matter, notes, layout), which no Änderungsbefehl says"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut failed = false;
    for u in &m.unexpressed {
        // listed with the unit and its line; the amending law leaves them out
        eprintln!(
            "{}:{}: no Änderungsbefehl can say the change of this {} ({}); it is not in the amending law",
            u.path.display(),
            u.unit.line,
            u.unit.kind.as_str(),
            u.unit.id
        );
        failed = true;
    }
    if !m.unexpressed.is_empty() {
        eprintln!(
            "error: {} change(s) could not be expressed",
            m.unexpressed.len()
        );
    }
    for p in m.verify() {
        eprintln!(
            "{}: error: the amending law is not complete: Artikel {}: {}",
            p.path.display(),
            p.artikel,
            p.mismatch
        );
        failed = true;
    }
    // the Synopse: headed by Artikel where there are several
    if synopse.html.is_some() || synopse.pdf.is_some() {
        let mut sections: Vec<_> = m.artikel.iter().map(|a| a.section.clone()).collect();
        if let [one] = sections.as_mut_slice() {
            one.heading.clear();
        } else {
            for (i, s) in sections.iter_mut().enumerate() {
                s.heading = format!("Artikel {} – {}", i + 1, s.heading);
            }
        }
        let title = old.doc.title.clone().unwrap_or_default();
        write_synopse(synopse, &title, &old.doc, &new.doc, sections)?;
    }
    if let Some(p) = &synopse.begruendung {
        write_begruendung(p, &m)?;
    }
    let mut rahmen = rahmen.clone();
    rahmen.ordinal = rahmen.ordinal.or(m.ordinal);
    let (text, warnings) = m.document(&rahmen);
    for w in warnings {
        eprintln!("warning: {w}");
    }
    write!(out, "{text}")?;
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
