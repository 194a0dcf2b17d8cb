//! `paragraf show LAW --as-of DATE` and `paragraf history LAW [UNIT]`: a law
//! in time, from the history its workspace declares.

use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ShowArgs {
    /// A law of a workspace whose paragraf.toml declares its history.
    law: PathBuf,
    /// The Fassung in force on this date (YYYY-MM-DD); default: the last one.
    #[arg(long, value_name = "DATE", value_parser = super::iso_date)]
    as_of: Option<String>,
    /// Write it here (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct HistoryArgs {
    /// A law of a workspace whose paragraf.toml declares its history.
    law: PathBuf,
    /// Only the units that start so: "§ 3", "§ 3 Absatz 2".
    unit: Option<String>,
    /// As JSON.
    #[arg(long)]
    json: bool,
}

pub fn show(a: ShowArgs) -> Result<ExitCode> {
    let (ws, e) = paragraf::history::law_of(&a.law)?;
    let last = paragraf::history::fassung_at(&ws, &e, a.as_of.as_deref())?;
    let text = syntax::print::print(&last.doc, &paragraf::workspace::print_options(&a.law));
    match &a.output {
        Some(p) => syntax::fsutil::write_atomic(p, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn history(a: HistoryArgs) -> Result<ExitCode> {
    let (ws, e) = paragraf::history::law_of(&a.law)?;
    if e.history.is_empty() {
        eprintln!(
            "{}: paragraf.toml declares no history for it (history = [{{ amending = \"…\" }}])",
            a.law.display()
        );
    }
    let f = paragraf::history::fassungen(&ws, &e, None)?;
    let mut changes = paragraf::history::changes(&f);
    if let Some(u) = &a.unit {
        changes.retain(|c| {
            c.unit
                .strip_prefix(u.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        });
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&changes)?);
        return Ok(ExitCode::SUCCESS);
    }
    let width = changes
        .iter()
        .map(|c| c.unit.chars().count())
        .max()
        .unwrap_or(0);
    for c in &changes {
        let date = c
            .date
            .as_deref()
            .and_then(syntax::date::german)
            .unwrap_or_else(|| "(ohne Datum)".into());
        println!(
            "{:width$}  {:<12}  {:<18}  {}",
            c.unit,
            diff::render::kind_word(c.kind),
            date,
            c.by.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
