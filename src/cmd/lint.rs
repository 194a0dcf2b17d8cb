pub use super::checked::Checked;
use anyhow::{bail, Result};
use lint::render::{self, FileReport};
use lint::LintConfig;
use lint::Severity;
use paragraf::project::{check, Law, Series};
use paragraf::workspace::Workspace;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style text with the source line and a caret
    Text,
    /// an array of objects (code, severity, file, line, column, ...)
    Json,
    /// SARIF 2.1.0 for code-scanning tools
    Sarif,
}

#[derive(clap::Args)]
pub struct Args {
    /// Law files or directories (`-`: standard input); default: the
    /// workspace (paragraf.toml) of the current directory, else the directory.
    paths: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Print a summary of counts per rule instead of each finding.
    #[arg(long)]
    statistics: bool,
    /// Fix what is certain (C001, C002, T003, T004) in place, then lint the
    /// result; standard input is printed fixed on standard output.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print what --fix would change as a unified diff and write nothing
    /// (exit 1 when there is something to fix).
    #[arg(long)]
    diff: bool,
}

impl Args {
    /// Text output for these paths (what `watch` runs).
    pub fn text(paths: Vec<PathBuf>) -> Args {
        Args {
            paths,
            format: Format::Text,
            statistics: false,
            fix: false,
            diff: false,
        }
    }
}

/// The files named on the command line, directories expanded.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if syntax::source::is_stdin(p) {
            files.push(p.clone());
            continue;
        }
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => bail!("{}: cannot read: {e}", p.display()),
        };
        if meta.is_dir() {
            files.extend(paragraf::workspace::law_files(p));
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Workspaces by their root, loaded once.
pub fn series_for(files: &[PathBuf]) -> Result<(Vec<Option<usize>>, Vec<Series>)> {
    let mut roots: HashMap<PathBuf, usize> = HashMap::new();
    let mut all: Vec<Series> = Vec::new();
    let mut which = Vec::new();
    // files of one directory share its workspace: look it up once per
    // directory (a symlinked file is looked up where it points)
    let mut by_dir: HashMap<PathBuf, Option<usize>> = HashMap::new();
    for f in files {
        let dir = f
            .parent()
            .filter(|_| !f.is_symlink())
            .map(Path::to_path_buf);
        if let Some(k) = dir.as_ref().and_then(|d| by_dir.get(d)) {
            which.push(*k);
            continue;
        }
        let found = match Workspace::find(f)? {
            Some(ws) => {
                let key = ws.root.clone();
                let k = match roots.get(&key) {
                    Some(k) => *k,
                    None => {
                        all.push(Series::load(ws)?);
                        roots.insert(key, all.len() - 1);
                        all.len() - 1
                    }
                };
                Some(k)
            }
            None => None,
        };
        if let Some(d) = dir {
            by_dir.insert(d, found);
        }
        which.push(found);
    }
    Ok((which, all))
}

/// Parse, resolve and lint every file in parallel; `f` turns each result into
/// what the caller keeps (so the ASTs of a large corpus are not all held at once).
pub fn check_files<T: Send>(
    files: &[PathBuf],
    f: impl Fn(Result<Checked, String>) -> T + Sync,
) -> Result<Vec<T>> {
    let (which, series) = series_for(files)?;
    let default = LintConfig::default();
    let empty = refs::Universe {
        declared: Vec::new(),
        libraries: &[],
        others: Vec::new(),
    };
    Ok(files
        .par_iter()
        .zip(which.par_iter())
        .map(|(file, w)| {
            let checked = Law::load(file).map_err(|e| e.to_string()).map(|law| {
                let (refs, diags) = match w {
                    Some(k) => {
                        let s = &series[*k];
                        check(&law, &s.universe(file), s.lint_config())
                    }
                    None => check(&law, &empty, &default),
                };
                Checked { law, refs, diags }
            });
            f(checked)
        })
        .collect())
}

/// What `lint` keeps of a file.
struct Done {
    /// The file, when it holds no text at all (a warning, not a clean law).
    empty: Option<String>,
    counts: [usize; 3],
    by_rule: Vec<(&'static str, &'static str)>,
    text: String,
    json: Vec<serde_json::Value>,
}

/// What `lint` reads without a path: the workspace of the current directory, else the directory.
fn default_paths() -> Result<Vec<PathBuf>> {
    let Some(ws) = Workspace::find(Path::new("."))? else {
        return Ok(vec![PathBuf::from(".")]);
    };
    // relative to the current directory, as a path on the command line would be
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
    let up = cwd.ok().and_then(|c| {
        c.strip_prefix(&ws.root)
            .ok()
            .map(|r| r.components().count())
    });
    Ok(vec![match up {
        Some(0) => PathBuf::from("."),
        Some(n) => std::iter::repeat_n("..", n).collect(),
        None => ws.root,
    }])
}

pub fn run(mut a: Args) -> Result<ExitCode> {
    a.paths = if a.paths.is_empty() {
        default_paths()?
    } else {
        a.paths.iter().map(|p| super::input(p)).collect()
    };
    let files = expand(&a.paths)?;
    if files.is_empty() {
        let names: Vec<String> = a.paths.iter().map(|p| display(p)).collect();
        eprintln!(
            "warning: no law files (*.txt, *.md) in {}: nothing to lint",
            names.join(", ")
        );
        return Ok(ExitCode::SUCCESS);
    }
    if a.fix || a.diff {
        if let Some(code) = fix_files(&files, a.diff)? {
            return Ok(code);
        }
    }
    let color = super::use_color();
    let results = check_files(&files, |r| {
        r.map(|c| done(&c, a.format, a.statistics, color))
    })?;
    let mut failed = false;
    let mut totals = [0usize; 3];
    let mut done = Vec::new();
    for r in results {
        match r {
            Ok(d) => {
                if let Some(p) = &d.empty {
                    eprintln!("warning: {p}: empty: no law text to lint");
                }
                for (t, c) in totals.iter_mut().zip(d.counts) {
                    *t += c;
                }
                done.push(d);
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    write_report(&a, done, totals)?;
    if failed {
        return Ok(ExitCode::from(2));
    }
    Ok(if totals[0] > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What `lint` keeps of a checked file: its counts, its findings by rule,
/// and its report in the format asked for.
fn done(c: &Checked, format: Format, statistics: bool, color: bool) -> Done {
    let path = display(&c.law.path);
    let report = FileReport {
        path: &path,
        src: &c.law.src,
        diagnostics: &c.diags,
    };
    let mut counts = [0usize; 3];
    for d in &c.diags {
        counts[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    let text = if format == Format::Text && !statistics {
        render::human(&report, color)
    } else {
        String::new()
    };
    let json = if format == Format::Text {
        Vec::new()
    } else {
        render::json(std::slice::from_ref(&report))
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let by_rule = c.diags.iter().map(|d| (d.code, d.name)).collect();
    Done {
        empty: c.law.src.trim().is_empty().then_some(path.clone()),
        counts,
        by_rule,
        text,
        json,
    }
}

/// The report of every file, in the format asked for (`totals`: errors,
/// warnings, infos of all files).
fn write_report(a: &Args, done: Vec<Done>, totals: [usize; 3]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match a.format {
        Format::Json => {
            let all: Vec<serde_json::Value> = done.into_iter().flat_map(|d| d.json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?
        }
        Format::Sarif => {
            let all: Vec<serde_json::Value> = done.into_iter().flat_map(|d| d.json).collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&render::sarif_from_json(&all))?
            )?
        }
        Format::Text if a.statistics => {
            let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
            for d in &done {
                for k in &d.by_rule {
                    *counts.entry(*k).or_default() += 1;
                }
            }
            for ((code, name), n) in counts {
                writeln!(out, "{n:>8}  {code}  {name}")?;
            }
        }
        Format::Text => {
            for d in &done {
                write!(out, "{}", d.text)?;
            }
            let n = done.len();
            writeln!(
                out,
                "{n} file(s): {} error(s), {} warning(s), {} info",
                totals[0], totals[1], totals[2]
            )?;
        }
    }
    Ok(())
}

pub fn display(p: &Path) -> String {
    p.display().to_string()
}

/// `--fix` and `--diff`: `Some(exit code)` when that ends the command (a
/// diff, or standard input printed fixed), `None` when the lint goes on.
fn fix_files(files: &[PathBuf], diff_only: bool) -> Result<Option<ExitCode>> {
    let fixed = check_files(files, |r| {
        r.map_err(anyhow::Error::msg).and_then(|c| {
            let f = super::fix::fix(&c)?;
            Ok((c.law.path, c.law.src, f))
        })
    })?;
    let mut out = std::io::stdout().lock();
    let mut any = false;
    for r in fixed {
        let (path, src, f) = r?;
        let stdin = syntax::source::is_stdin(&path);
        let Some(f) = f else {
            if stdin && !diff_only {
                write!(out, "{src}")?;
            }
            continue;
        };
        any = true;
        let name = display(&path);
        if diff_only {
            write!(out, "{}", super::fix::unified(&name, &src, &f.text))?;
        } else if stdin {
            write!(out, "{}", f.text)?;
        } else {
            syntax::fsutil::write_atomic(&path, f.text.as_bytes())?;
            eprintln!("fixed {} finding(s) in {name}", f.edits.len());
        }
    }
    if diff_only {
        return Ok(Some(if any {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }));
    }
    if files.iter().any(|f| syntax::source::is_stdin(f)) {
        return Ok(Some(ExitCode::SUCCESS));
    }
    Ok(None)
}
