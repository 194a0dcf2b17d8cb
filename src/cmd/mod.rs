//! One module per subcommand.

pub mod amend;
mod checked;
pub mod diff;
pub mod explain;
mod fix;
pub mod fmt;
mod folge;
pub mod history;
pub mod init;
pub mod legaldocml;
pub mod lint;
pub mod man;
pub mod parse;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod refs;
mod side;
pub mod watch;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// A law named on the command line: `-` is standard input, under the name
/// `--stdin-filename` gives (its diagnostics name it, its `paragraf.toml` is
/// looked for from there).
pub fn input(p: &Path) -> PathBuf {
    match syntax::source::stdin_name() {
        Some(name) if p == Path::new("-") => name.to_path_buf(),
        _ => p.to_path_buf(),
    }
}

/// Colors on a terminal unless NO_COLOR is set.
#[allow(dead_code)]
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// A date as YYYY-MM-DD (or as German "1. März 2026").
pub fn iso_date(s: &str) -> Result<String, String> {
    let ok = |d: &str| {
        let p: Vec<&str> = d.split('-').collect();
        p.len() == 3
            && p[0].len() == 4
            && p[1].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
            && p[2].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
    };
    if ok(s) {
        return Ok(s.to_string());
    }
    syntax::date::parse_german(s)
        .filter(|d| ok(d))
        .ok_or_else(|| format!("not a date: {s:?} (YYYY-MM-DD)"))
}
