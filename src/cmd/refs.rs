use anyhow::{bail, Result};
use refs::Status;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A law file.
    file: PathBuf,
    /// Print JSON (one object per citation).
    #[arg(long)]
    json: bool,
}

pub fn run(mut a: Args) -> Result<ExitCode> {
    a.file = super::input(&a.file);
    let mut results = super::lint::check_files(std::slice::from_ref(&a.file), |r| r)?;
    let c = match results.pop() {
        Some(Ok(c)) => c,
        Some(Err(e)) => bail!("{e}"),
        None => bail!("nothing to read"),
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        let v: Vec<serde_json::Value> = c
            .refs
            .iter()
            .map(|r| {
                serde_json::json!({
                    "text": r.reference.text,
                    "line": r.reference.span.line,
                    "column": r.reference.span.column,
                    "end_line": r.reference.span.end_line,
                    "end_column": r.reference.span.end_column,
                    "in": r.reference.node,
                    "scope": r.reference.scope,
                    "target": r.reference.steps,
                    "status": match r.status {
                        Status::Resolved | Status::Declared => "resolved",
                        Status::External => "external",
                        _ => "unresolved",
                    },
                    "detail": r.status,
                    "resolved_to": r.target,
                    "resolved_file": r.target_file,
                    "reason": r.reason,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        for r in &c.refs {
            let status = format!("{:?}", r.status).to_lowercase();
            writeln!(
                out,
                "{}:{}:{}\t{}\t{status}\t{}",
                a.file.display(),
                r.reference.span.line,
                r.reference.span.column,
                r.reference.text,
                r.target.as_deref().or(r.reason.as_deref()).unwrap_or("")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
