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
        if !a.no_verify {
            if let Some(unit) = tree_change(&doc, &again) {
                bail!(
                    "{}: formatting would change the tree at {unit}; file left alone (please report this)",
                    f.display()
                );
            }
        }
        // what the canonical form changes besides the text: said, never silent
        let notes = encoding_notes(&src, &out);
        for n in &notes {
            eprintln!("note: {}: {n}", f.display());
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
            // the line endings and the byte order mark are in the notes: the
            // diff shows the rest (nothing when only they differ)
            let shown = src.trim_start_matches('\u{feff}').replace("\r\n", "\n");
            if shown == out {
                continue;
            }
            let d = similar::TextDiff::from_lines(shown.as_str(), out.as_str());
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

/// The first unit whose kind, number, marker, title or wording differs
/// between the law as read and its formatted text read back (its id and
/// what changed), or None when both read as the same law.
fn tree_change(doc: &syntax::Document, again: &syntax::Document) -> Option<String> {
    let (a, b) = (diff::entries(doc), diff::entries(again));
    let changes = diff::diff_entries(&a, &b);
    let c = changes
        .iter()
        .find(|c| c.kind != diff::ChangeKind::Layout)?;
    let unit = |e: Option<&diff::Entry>| {
        e.map(|e| format!("{} {}", e.kind.as_str(), e.marker.as_deref().unwrap_or("")))
    };
    let what = match (unit(c.old()), unit(c.new_unit())) {
        (Some(o), Some(n)) if o != n => format!("{o} (would read as {n})"),
        (Some(o), _) => format!("{o} ({})", format!("{:?}", c.kind).to_lowercase()),
        (None, Some(n)) => format!("{n} (would be added)"),
        (None, None) => String::new(),
    };
    Some(format!("{} {what}", c.id()).trim().to_string())
}

/// What formatting changes that a diff of the lines does not show: CRLF
/// line endings become LF, a byte order mark is dropped.
fn encoding_notes(src: &str, out: &str) -> Vec<&'static str> {
    let mut notes = Vec::new();
    if src.contains("\r\n") && !out.contains("\r\n") {
        notes.push("line endings CRLF → LF");
    } else if src.contains('\r') && !out.contains('\r') {
        notes.push("line endings CR → LF");
    }
    if src.starts_with('\u{feff}') && !out.starts_with('\u{feff}') {
        notes.push("byte order mark (U+FEFF) dropped");
    }
    notes
}
