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
    /// The file name standard input (`-`) stands for: diagnostics name it, and
    /// its paragraf.toml is looked for from there (nothing is written to it).
    #[arg(long, global = true, value_name = "PATH")]
    stdin_filename: Option<std::path::PathBuf>,
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
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page paragraf(1) (roff), or write one per subcommand with --dir.
    Man(cmd::man::Args),
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

/// Whether an error comes from writing into a pipe whose reader has gone
/// (`paragraf … | head -1`): not a failure of paragraf.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().map(std::io::Error::kind) == pipe
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == pipe
    })
}

/// `print!` into a closed pipe panics: end quietly with exit 0 instead, from
/// whatever thread printed. Every other panic is reported as before.
fn quiet_broken_pipes() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info)
    }));
}

/// The error and its causes, each said once (an error that names its cause
/// in its own message is not followed by the cause again).
fn message(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let s = cause.to_string();
        if msg.contains(&s) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&s);
    }
    msg
}

fn main() -> ExitCode {
    quiet_broken_pipes();
    let cli = Cli::parse();
    if let Some(name) = &cli.stdin_filename {
        syntax::source::serve_stdin_as(name);
    }
    if !matches!(cli.command, Command::Lsp | Command::Watch(_)) {
        keep_freed_memory();
    }
    #[cfg(feature = "pdf")]
    if matches!(cli.command, Command::Pdf(_) | Command::Build(_)) {
        small_pages_only();
    }
    let result = run(cli.command);
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    match command {
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
        Command::Completions { shell } => cmd::man::completions(shell, Cli::command()),
        Command::Man(a) => cmd::man::run(a, Cli::command()),
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
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every argument of every command has help text (`--help`, the man pages).
    #[test]
    fn every_argument_has_help() {
        fn check(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let builtin = matches!(a.get_id().as_str(), "help" | "version");
                if !a.is_hide_set() && !builtin && a.get_help().is_none() {
                    missing.push(format!("{path} {}", a.get_id()));
                }
            }
            for s in cmd.get_subcommands() {
                check(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        check(&Cli::command(), "paragraf", &mut missing);
        assert!(missing.is_empty(), "no help for: {missing:?}");
    }
}
