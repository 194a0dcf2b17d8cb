use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The law to amend (plain text, Markdown or LegalDocML.de XML).
    law: PathBuf,
    /// The amending law (plain text or LegalDocML.de XML).
    amending: PathBuf,
    /// Write the consolidated text here (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Print the report of applied commands as JSON on standard error.
    #[arg(long)]
    json: bool,
    /// Apply every command that can apply, report the others, and still write
    /// the result (exit 1 when a command failed).
    #[arg(short, long)]
    keep_going: bool,
}

pub fn run(a: Args) -> Result<ExitCode> {
    let out = paragraf::consolidate::consolidate(&a.law, &a.amending, a.keep_going);
    let (text, report) = match out {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            if let paragraf::consolidate::ConsolidateError::Amend(ae) = &e {
                if let Some(t) = &ae.target {
                    eprintln!("  target: {t}");
                }
            }
            return Ok(ExitCode::from(1));
        }
    };
    if a.json {
        eprintln!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        for r in &report.applied {
            eprintln!("applied {:<8} (line {:>3}) {}", r.nummer, r.line, r.what);
        }
        for e in &report.failed {
            eprintln!("failed: {e}");
            if let Some(t) = &e.target {
                eprintln!("  target: {t}");
            }
        }
        eprintln!(
            "{} command(s) applied, {} failed",
            report.applied.len(),
            report.failed.len()
        );
    }
    match &a.output {
        Some(p) => syntax::fsutil::write_atomic(p, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
