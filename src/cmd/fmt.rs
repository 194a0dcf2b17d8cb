use anyhow::{bail, Result};
use std::path::PathBuf;
use std::process::ExitCode;
use syntax::print::{print, wording};

#[derive(clap::Args)]
pub struct Args {
    /// Law files or directories (their *.txt and *.md files).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write nothing; print a diff and exit 1 when a file is not formatted.
    #[arg(long)]
    check: bool,
    /// Print the formatted text instead of rewriting the file (one file only).
    #[arg(long, conflicts_with = "check")]
    stdout: bool,
    /// Skip the wording check (debugging the formatter only).
    #[arg(long, hide = true)]
    no_verify: bool,
}

fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(paragraf::workspace::law_files(p));
        } else {
            out.push(p.clone());
        }
    }
    out
}

pub fn run(a: Args) -> Result<ExitCode> {
    let paths: Vec<PathBuf> = a.paths.iter().map(|p| super::input(p)).collect();
    let files = files(&paths);
    if a.stdout && files.len() != 1 {
        bail!("--stdout formats exactly one file");
    }
    let mut unformatted = 0;
    for f in &files {
        let src = syntax::source::read_law(f)?;
        if legaldocml::is_xml(&src) {
            bail!(
                "{}: LegalDocML.de XML; `paragraf import` writes it as plain text",
                f.display()
            );
        }
        let doc = syntax::parse(&src);
        let opts = paragraf::workspace::print_options(f);
        let out = print(&doc, &opts);
        // the safety net: the formatted text must say exactly the same
        let again = syntax::parse(&out);
        if !a.no_verify && wording(&again) != wording(&doc) {
            bail!(
                "{}: formatting would change the wording; file left alone (please report this)",
                f.display()
            );
        }
        // standard input is formatted onto standard output, never written
        if a.stdout || (syntax::source::is_stdin(f) && !a.check) {
            print!("{out}");
            return Ok(ExitCode::SUCCESS);
        }
        if out == src {
            continue;
        }
        unformatted += 1;
        if a.check {
            let d = similar::TextDiff::from_lines(src.as_str(), out.as_str());
            print!(
                "{}",
                d.unified_diff().context_radius(2).header(
                    &f.display().to_string(),
                    &format!("{} (formatted)", f.display())
                )
            );
        } else {
            syntax::fsutil::write_atomic(f, out.as_bytes())?;
            eprintln!("formatted {}", f.display());
        }
    }
    if a.check && unformatted > 0 {
        eprintln!("{unformatted} file(s) not formatted");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
