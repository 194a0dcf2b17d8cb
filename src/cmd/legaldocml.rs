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

pub fn import(a: ImportArgs) -> Result<ExitCode> {
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
}

pub fn export(a: ExportArgs) -> Result<ExitCode> {
    let (doc, _) = paragraf::consolidate::load_law(&a.file)?;
    let ex = legaldocml::export(&doc);
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
