//! The `paragraf` command line: clap at the edge, anyhow only here.

mod cmd;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "paragraf",
    version,
    about = "Parse, lint, diff, amend and publish German-style law texts"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a law: print its outline, its AST as JSON, or statistics over a directory.
    Parse(cmd::parse::Args),
    /// Check citations, numbering, structure and drafting style.
    Lint(cmd::lint::Args),
    /// List the citations of a law and what they resolve to.
    Refs(cmd::refs::Args),
    /// Compare two Fassungen: changes, Synopse, Änderungsbefehle (exit 0 equal, 1 different, 2 error).
    Diff(cmd::diff::Args),
    /// For git: `git config diff.paragraf.command "paragraf git-diff"` (see README).
    #[command(name = "git-diff", hide = true)]
    GitDiff(cmd::diff::GitArgs),
    /// Rewrite law texts into the canonical plain-text form (wording unchanged).
    Fmt(cmd::fmt::Args),
    /// Apply an amending law: write the consolidated text (exit 1 when a command cannot apply).
    Amend(cmd::amend::Args),
    /// Print the Fassung of a law at a date, from the history its paragraf.toml declares.
    Show(cmd::history::ShowArgs),
    /// List which amending law changed each unit of a law, and when.
    History(cmd::history::HistoryArgs),
    /// Read a LegalDocML.de Regelungstext and write it as plain text (or JSON).
    Import(cmd::legaldocml::ImportArgs),
    /// Write a law as LegalDocML.de 1.8.2 (Regelungstext and Anlagen).
    Export(cmd::legaldocml::ExportArgs),
    /// Start a workspace: paragraf.toml, an example law, templates to customize.
    Init(cmd::init::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Re-lint, and rebuild the PDFs, whenever a file of the workspace changes.
    Watch(cmd::watch::Args),
    /// Run the language server on stdin/stdout (diagnostics, definition, hover, outline, formatting).
    Lsp,
    /// Explain a lint rule (or list all rules).
    Explain(cmd::explain::Args),
    /// Typeset laws as PDF with the embedded Typst.
    #[cfg(feature = "pdf")]
    Pdf(cmd::pdf::Args),
    /// Lint a workspace, then write one PDF per law and a volume into dist/.
    #[cfg(feature = "pdf")]
    Build(cmd::pdf::BuildArgs),
}

/// mi_option_purge_delay: option 15 of mimalloc v2 (default 10 ms) and v3 (default
/// 1000 ms); -1: never purge, 0: at once.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// One-shot commands keep the memory they free for reuse. By default mimalloc
/// returns it to the OS after 10 ms, and every page taken back costs a page
/// fault and a page clear: a fifth of `paragraf pdf` on the BGB went there.
/// The long-running commands (lsp, watch) keep the default.
fn keep_freed_memory() {
    // SAFETY: plain option calls; set only if the option is the one we mean
    unsafe {
        if matches!(libmimalloc_sys::mi_option_get(PURGE_DELAY), 10 | 1000) {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, -1);
        }
    }
}

/// Typesetting keeps no huge pages and returns what it frees at once: Typst's
/// many small allocations are spread over the heap, a 2 MiB page counts whole
/// once one byte of it is touched, and without huge pages a page given back is
/// cheap to take again (the BGB's PDF: 1,016 MiB peak with huge pages, 897 MiB
/// without, 848 MiB purging at once; no slower within the noise of 3 runs each).
#[cfg(feature = "pdf")]
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with an integer option and flag; it only sets a process flag
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    // SAFETY: as in keep_freed_memory; -1 is what that set
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == -1 {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Lsp | Command::Watch(_)) {
        keep_freed_memory();
    }
    #[cfg(feature = "pdf")]
    if matches!(cli.command, Command::Pdf(_) | Command::Build(_)) {
        small_pages_only();
    }
    let result = match cli.command {
        Command::Parse(a) => cmd::parse::run(a),
        Command::Lint(a) => cmd::lint::run(a),
        Command::Refs(a) => cmd::refs::run(a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Init(a) => cmd::init::run(a),
        Command::Fmt(a) => cmd::fmt::run(a),
        Command::Amend(a) => cmd::amend::run(a),
        Command::Show(a) => cmd::history::show(a),
        Command::History(a) => cmd::history::history(a),
        Command::Import(a) => cmd::legaldocml::import(a),
        Command::Export(a) => cmd::legaldocml::export(a),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "paragraf",
                &mut std::io::stdout(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            use clap::CommandFactory;
            let man = clap_mangen::Man::new(Cli::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) => Err(e.into()),
            }
        }
        Command::Watch(a) => cmd::watch::run(a),
        Command::Lsp => paragraf::lsp::run_stdio()
            .map(|()| ExitCode::SUCCESS)
            .map_err(Into::into),
        Command::Diff(a) => cmd::diff::run(a),
        Command::GitDiff(a) => cmd::diff::git(a),
        #[cfg(feature = "pdf")]
        Command::Pdf(a) => cmd::pdf::run(a),
        #[cfg(feature = "pdf")]
        Command::Build(a) => cmd::pdf::build(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
