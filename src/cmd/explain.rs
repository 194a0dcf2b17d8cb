use anyhow::{bail, Result};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A rule code (R001) or name (unresolved-reference); without one, all rules are listed.
    code: Option<String>,
}

pub fn run(a: Args) -> Result<ExitCode> {
    match a.code {
        None => {
            for r in lint::registry() {
                println!(
                    "{}  {:<32} {:<8} {}",
                    r.code,
                    r.name,
                    r.severity.as_str(),
                    r.summary
                );
            }
        }
        Some(c) => match lint::rule(&c) {
            Some(r) => {
                println!("# {} ({}): {}\n", r.name, r.code, r.summary);
                println!("Default severity: {}\n", r.severity.as_str());
                println!("{}", r.doc());
            }
            None => bail!("no rule {c}; `paragraf explain` lists them"),
        },
    }
    Ok(ExitCode::SUCCESS)
}
