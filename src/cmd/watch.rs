use anyhow::{bail, Context, Result};
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// The workspace directory to watch.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only re-lint; do not rebuild the PDFs.
    #[arg(long)]
    no_pdf: bool,
}

/// Whether a changed path is an input (a law, the workspace, a template)
/// and not an output of the build.
fn is_input(path: &Path, out_dir: &Path) -> bool {
    if path.starts_with(out_dir) {
        return false;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.ends_with(".tmp") || name.ends_with('~') {
        return false;
    }
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md" | "xml" | "typ" | "toml")
    )
}

/// The content of a file as a hash, or `None` when it cannot be read (removed).
fn content(path: &Path) -> Option<u64> {
    use std::hash::Hasher;
    let bytes = std::fs::read(path).ok()?;
    let mut h = rustc_hash::FxHasher::default();
    h.write(&bytes);
    Some(h.finish())
}

/// What the watched inputs contain: a change counts only when it changes
/// this (reading a file, ours or an editor's, or writing the same bytes
/// again, changes nothing).
struct Contents {
    known: std::collections::HashMap<PathBuf, Option<u64>>,
}

impl Contents {
    fn of(dir: &Path, out_dir: &Path) -> Contents {
        let known = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_entry(|e| !e.path().starts_with(out_dir))
            .flatten()
            .filter(|e| e.file_type().is_file() && is_input(e.path(), out_dir))
            .map(|e| (e.path().to_path_buf(), content(e.path())))
            .collect();
        Contents { known }
    }

    /// Whether `path` now holds other content than before; remembers it.
    fn changed(&mut self, path: &Path) -> bool {
        let now = content(path);
        let before = self.known.insert(path.to_path_buf(), now);
        before.flatten() != now
    }
}

fn once(dir: &Path, pdf: bool) {
    let result = if pdf {
        build(dir)
    } else {
        super::lint::run(super::lint::Args::text(vec![dir.to_path_buf()]))
    };
    if let Err(e) = result {
        eprintln!("error: {e:#}");
    }
}

#[cfg(feature = "pdf")]
fn build(dir: &Path) -> Result<ExitCode> {
    super::pdf::build(super::pdf::BuildArgs::for_dir(dir.to_path_buf()))
}

#[cfg(not(feature = "pdf"))]
fn build(dir: &Path) -> Result<ExitCode> {
    super::lint::run(super::lint::Args::text(vec![dir.to_path_buf()]))
}

pub fn run(a: Args) -> Result<ExitCode> {
    if !a.dir.is_dir() {
        bail!("{}: not a directory", a.dir.display());
    }
    let dir = std::path::absolute(&a.dir).with_context(|| a.dir.display().to_string())?;
    let out_dir = dir.join("dist");
    let pdf = cfg!(feature = "pdf") && !a.no_pdf;
    let mut contents = Contents::of(&dir, &out_dir);
    once(&dir, pdf);
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(200), tx)
        .with_context(|| format!("{}: cannot watch", dir.display()))?;
    debouncer
        .watcher()
        .watch(&dir, RecursiveMode::Recursive)
        .with_context(|| format!("{}: cannot watch", dir.display()))?;
    eprintln!("watching {} (Ctrl-C to stop)", dir.display());
    for res in rx {
        match res {
            Ok(events) => {
                let mut changed: Vec<&PathBuf> = events
                    .iter()
                    .map(|e| &e.path)
                    .filter(|p| is_input(p, &out_dir))
                    .collect();
                changed.sort();
                changed.dedup();
                changed.retain(|p| contents.changed(p));
                if changed.is_empty() {
                    continue;
                }
                let names: Vec<String> = changed
                    .iter()
                    .map(|p| p.strip_prefix(&dir).unwrap_or(p).display().to_string())
                    .collect();
                println!("── changed: {} ──", names.join(", "));
                once(&dir, pdf);
            }
            Err(e) => eprintln!("watch error: {e}"),
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_and_editor_files_are_not_inputs() {
        let out = Path::new("/w/dist");
        assert!(is_input(Path::new("/w/laws/gesetz.txt"), out));
        assert!(is_input(Path::new("/w/paragraf.toml"), out));
        assert!(!is_input(Path::new("/w/dist/gesetz.txt"), out));
        assert!(!is_input(Path::new("/w/dist/gesetz.pdf"), out));
        assert!(!is_input(Path::new("/w/.gesetz.txt.swp"), out));
        assert!(!is_input(Path::new("/w/gesetz.pdf"), out));
    }
}
