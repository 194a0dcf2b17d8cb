use anyhow::{bail, Result};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// A LegalDocML.de Regelungstext (XML).
    file: PathBuf,
    /// Write the law in canonical plain text here (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Print the AST as JSON instead.
    #[arg(long)]
    json: bool,
}

pub fn import(mut a: ImportArgs) -> Result<ExitCode> {
    a.file = super::input(&a.file);
    let src = syntax::source::read_law(&a.file)?;
    if !legaldocml::is_xml(&src) {
        bail!("{}: not XML", a.file.display());
    }
    let imp = legaldocml::import(&src).map_err(|e| anyhow::anyhow!("{}:{e}", a.file.display()))?;
    let text = if a.json {
        serde_json::to_string_pretty(&imp.doc)? + "\n"
    } else {
        syntax::print::print(&imp.doc, &syntax::print::Options::default())
    };
    match &a.output {
        Some(p) => syntax::fsutil::write_atomic(p, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// A law text (plain text, Markdown or LegalDocML.de).
    file: PathBuf,
    /// Write LegalDocML.de 1.8.2 (the only format for now; may be omitted).
    #[arg(long, default_value_t = true)]
    legaldocml: bool,
    /// Write the Regelungstext here; its Anlagen go beside it as
    /// anlage-regelungstext-N.xml (default: standard output, Anlagen need -o).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The Fassung in force on this date, from the history the law's
    /// paragraf.toml declares: its own Expression (ELI with date and
    /// version), with the lifecycle of all Fassungen and its Geltungszeit.
    #[arg(long, value_name = "DATE", value_parser = super::iso_date)]
    as_of: Option<String>,
}

/// The Fassung at `date` of the law at `file`, and its place in the law's time line.
fn fassung_at(
    file: &std::path::Path,
    date: &str,
) -> Result<(syntax::Document, legaldocml::Zeitlinie)> {
    let (ws, entry) = paragraf::history::law_of(file)?;
    let all = paragraf::history::fassungen(&ws, &entry, None)?;
    let dates: Vec<String> = all
        .iter()
        .map(|f| {
            f.date.clone().ok_or_else(|| {
                anyhow::anyhow!("{}: a Fassung of its history has no date", file.display())
            })
        })
        .collect::<Result<_>>()?;
    let diese = dates
        .iter()
        .rposition(|d| d.as_str() <= date)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{}: no Fassung in force on {date} (the first is of {})",
                file.display(),
                dates[0]
            )
        })?;
    let doc = all.into_iter().nth(diese).map(|f| f.doc).expect("in range");
    Ok((
        doc,
        legaldocml::Zeitlinie {
            fassungen: dates,
            diese,
        },
    ))
}

pub fn export(mut a: ExportArgs) -> Result<ExitCode> {
    a.file = super::input(&a.file);
    let ex = match &a.as_of {
        Some(d) => {
            let (doc, zeit) = fassung_at(&a.file, d)?;
            legaldocml::export_at(&doc, Some(&zeit))
        }
        None => legaldocml::export(&paragraf::consolidate::load_law(&a.file)?.0),
    };
    for n in &ex.not_exported {
        eprintln!("note: not part of a Regelungstext, not exported: {n}");
    }
    match &a.output {
        Some(p) => {
            syntax::fsutil::write_atomic(p, ex.regelungstext.as_bytes())?;
            let dir = p.parent().map(|d| d.to_path_buf()).unwrap_or_default();
            for (name, xml) in &ex.anlagen {
                let f = dir.join(name);
                syntax::fsutil::write_atomic(&f, xml.as_bytes())?;
                eprintln!("wrote {}", f.display());
            }
            eprintln!("wrote {}", p.display());
        }
        None => {
            print!("{}", ex.regelungstext);
            if !ex.anlagen.is_empty() {
                eprintln!(
                    "note: {} Anlage(n) are separate documents in LegalDocML.de; write them with -o",
                    ex.anlagen.len()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
