//! One module per subcommand.

pub mod amend;
pub mod diff;
pub mod explain;
pub mod fmt;
pub mod history;
pub mod init;
pub mod legaldocml;
pub mod lint;
pub mod parse;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod refs;
pub mod watch;

use std::io::IsTerminal;

/// Colors on a terminal unless NO_COLOR is set.
#[allow(dead_code)]
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}
