//! `paragraf man` and `paragraf completions`: generated from the command line definition.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Write one man page per subcommand (paragraf.1, paragraf-lint.1, …) into
    /// this directory instead of printing paragraf(1) on standard output.
    #[arg(long, value_name = "OUT")]
    dir: Option<PathBuf>,
}

/// EXIT STATUS of every page.
const EXIT_STATUS: &str = "0: success (lint: no error; diff: equal, or the Änderungsbefehle were written; fmt --check: formatted).\n\
1: a check failed (lint found an error, diff found a difference, fmt --check found an unformatted file, amend could not apply a command).\n\
2: paragraf could not run: bad input (invalid UTF-8, NUL bytes, a directory where a file is expected, an unreadable file, a paragraf.toml that does not parse); the message names path and line:column.";

/// FILES of every page.
const FILES: &str = "paragraf.toml: the workspace, looked for in the directory of a law and above it. \
It names the laws of a series ([[law]] file, short, external, history), configures the lint rules ([lint] ignore, citation-style, [lint.severity]) and the canonical form ([format]). \
`paragraf explain config` documents every key.";

/// ENVIRONMENT of every page.
const ENVIRONMENT: &str = "NO_COLOR: when set and not empty, no colors.\n\
COLUMNS: the width of diff --format side-by-side (default 100).\n\
PARAGRAF_MAX_FILE_SIZE: the largest law text read, in bytes (default 268435456, 256 MB).";

/// Roff text: a paragraph per line, with the characters roff reads as commands escaped.
fn roff_text(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        let line = if line.starts_with('.') || line.starts_with('\'') {
            format!("\\&{line}")
        } else {
            line
        };
        out.push_str(".PP\n");
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// One page: clap_mangen's sections, then EXIT STATUS, FILES, ENVIRONMENT and SEE ALSO.
fn page(cmd: &clap::Command, root: &clap::Command, w: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(w)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(w)?;
    }
    for (title, text) in [
        ("EXIT STATUS", EXIT_STATUS),
        ("FILES", FILES),
        ("ENVIRONMENT", ENVIRONMENT),
    ] {
        write!(w, ".SH \"{title}\"\n{}", roff_text(text))?;
    }
    let see: Vec<String> = if cmd.get_name() == root.get_name() {
        subcommands(root)
            .map(|s| format!("{}-{}(1)", root.get_name(), s.get_name()))
            .collect()
    } else {
        vec![format!("{}(1)", root.get_name())]
    };
    write!(w, ".SH \"SEE ALSO\"\n{}", roff_text(&see.join(", ")))?;
    if let Some(v) = root.get_version() {
        write!(w, ".SH VERSION\n{}", roff_text(&format!("v{v}")))?;
    }
    Ok(())
}

fn subcommands(root: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    root.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// Write paragraf(1), or with `--dir` one page per subcommand.
pub fn run(a: Args, mut root: clap::Command) -> Result<ExitCode> {
    root.build();
    let Some(dir) = a.dir else {
        let mut buf = Vec::new();
        page(&root, &root, &mut buf)?;
        std::io::stdout().lock().write_all(&buf)?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut written = 0;
    let mut write = |cmd: &clap::Command, name: &str| -> Result<()> {
        let mut buf = Vec::new();
        page(cmd, &root, &mut buf)?;
        let path: PathBuf = Path::new(&dir).join(format!("{name}.1"));
        syntax::fsutil::write_atomic(&path, &buf)?;
        written += 1;
        Ok(())
    };
    write(&root, root.get_name())?;
    for s in subcommands(&root) {
        write(s, &format!("{}-{}", root.get_name(), s.get_name()))?;
    }
    eprintln!("{written} man page(s) in {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, mut root: clap::Command) -> Result<ExitCode> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut root, "paragraf", &mut buf);
    std::io::stdout().lock().write_all(&buf)?;
    Ok(ExitCode::SUCCESS)
}
