use anyhow::{bail, Context, Result};
use lint::Severity;
use pdf::model;
use pdf::{compile, Options, Template};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Standard {
    /// PDF/A-2b, for archiving
    #[value(name = "a-2b")]
    A2b,
}

#[derive(clap::Args)]
pub struct Args {
    /// Law files; several make one volume.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The PDF to write.
    #[arg(short, long)]
    output: PathBuf,
    /// A directory with gesetz.typ (copy `templates/` to start).
    #[arg(long)]
    template: Option<PathBuf>,
    /// Write a PDF/A (archival) file of this conformance level.
    #[arg(long, value_enum)]
    pdf_standard: Option<Standard>,
}

pub fn template(dir: Option<&Path>) -> Result<Template> {
    Ok(match dir {
        Some(d) => Template::from_dir(d)?,
        None => Template::builtin(),
    })
}

/// Render data of checked laws, with their series short names.
fn law_data(
    c: &super::lint::Checked,
    short: Option<&str>,
    series: Option<&str>,
) -> serde_json::Value {
    model::law(&c.law.doc, &c.refs, short, series)
}

pub fn run(mut a: Args) -> Result<ExitCode> {
    a.files = a.files.iter().map(|f| super::input(f)).collect();
    let tpl = template(a.template.as_deref())?;
    let checked: Vec<super::lint::Checked> = super::lint::check_files(&a.files, |r| r)?
        .into_iter()
        .collect::<Result<_, String>>()
        .map_err(anyhow::Error::msg)?;
    let data = if checked.len() == 1 {
        law_data(&checked[0], None, None)
    } else {
        let laws = checked.iter().map(|c| law_data(c, None, None)).collect();
        model::volume("Gesetze", laws)
    };
    let opts = Options {
        pdf_a: a.pdf_standard == Some(Standard::A2b),
    };
    // the laws are in `data` now: free them before Typst needs the memory
    drop(checked);
    let bytes = compile(data, &tpl, &opts)?;
    syntax::fsutil::write_atomic(&a.output, &bytes)?;
    eprintln!("wrote {} ({} KiB)", a.output.display(), bytes.len() / 1024);
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// A workspace directory (with paragraf.toml) or a directory of laws.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Build even when lint finds errors.
    #[arg(long)]
    force: bool,
    /// Where to write the PDFs (default: DIR/dist).
    #[arg(long)]
    out: Option<PathBuf>,
    /// A directory with gesetz.typ (default: the workspace's templates/, else the built-in ones).
    #[arg(long)]
    template: Option<PathBuf>,
    /// Write PDF/A (archival) files of this conformance level.
    #[arg(long, value_enum)]
    pdf_standard: Option<Standard>,
    /// For a law whose paragraf.toml declares a history: publish its
    /// Fassungen up to this date, the last as the current one (default: today).
    #[arg(long, value_name = "DATE", value_parser = super::iso_date)]
    as_of: Option<String>,
}

impl BuildArgs {
    /// A build of `dir` with the defaults (what `watch` runs).
    pub fn for_dir(dir: PathBuf) -> BuildArgs {
        BuildArgs {
            dir,
            force: false,
            out: None,
            template: None,
            pdf_standard: None,
            as_of: None,
        }
    }
}

/// One law text to publish.
struct Publication {
    checked: super::lint::Checked,
    /// The PDF's file stem: "gesetz-vii", "gesetz-vii-2026-03-01".
    stem: String,
    short: Option<String>,
    /// Also publish it as the current Fassung under this stem.
    current: Option<String>,
    /// Part of the series' volume: a law as written, or its current Fassung.
    in_volume: bool,
}

/// The file stem of a path.
fn stem_of(p: &Path) -> String {
    p.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("gesetz")
        .to_string()
}

/// The laws of a workspace to publish: each law as written, and for a law
/// with a history each of its Fassungen up to `as_of` (the derived ones
/// written as text to `out_dir` first, so that lint can point into them),
/// the last one also as the current one.
fn publications(
    series: &paragraf::project::Series,
    as_of: &str,
    out_dir: &Path,
) -> Result<Vec<Publication>> {
    use paragraf::project::{check, Law};
    let ws = &series.workspace;
    // (law, its entry, its stem, the stem it is the current Fassung of)
    let mut todo: Vec<(Law, usize, String, Option<String>, bool)> = Vec::new();
    for (i, (e, written)) in series.laws.iter().enumerate() {
        let stem = stem_of(&written.path);
        if e.history.is_empty() {
            todo.push((Law::load(&written.path)?, i, stem, None, true));
            continue;
        }
        let all = paragraf::history::fassungen(ws, e, Some(as_of))
            .with_context(|| format!("{}: its history", written.path.display()))?;
        let n = all.len();
        let opts = paragraf::workspace::print_options(&written.path);
        for (k, f) in all.into_iter().enumerate() {
            let name = match &f.date {
                Some(d) => format!("{stem}-{d}"),
                None => format!("{stem}-{}", k + 1),
            };
            // the original is the file as written; a later Fassung is derived
            let law = if f.by.is_none() {
                Law::load(&written.path)?
            } else {
                let path = out_dir.join(format!("{name}.txt"));
                let src = syntax::print::print(&f.doc, &opts);
                syntax::fsutil::write_atomic(&path, src.as_bytes())?;
                Law::load(&path)?
            };
            let last = k + 1 == n;
            todo.push((law, i, name, last.then(|| stem.clone()), last));
        }
    }
    Ok(todo
        .into_par_iter()
        .map(|(law, i, stem, current, in_volume)| {
            let (refs, diags) = check(&law, &series.universe_of(Some(i)), series.lint_config());
            Publication {
                checked: super::lint::Checked { law, refs, diags },
                stem,
                short: series.laws[i].0.short.clone(),
                current,
                in_volume,
            }
        })
        .collect())
}

pub fn build(a: BuildArgs) -> Result<ExitCode> {
    if !a.dir.is_dir() {
        bail!("{}: not a directory", a.dir.display());
    }
    let ws = paragraf::workspace::Workspace::find(&a.dir)?;
    // a workspace's own templates/ (from `paragraf init`) take the place of the built-in ones
    let ws_templates = ws
        .as_ref()
        .map(|w| w.root.join("templates"))
        .filter(|t| t.join("gesetz.typ").is_file());
    let tpl = template(a.template.as_deref().or(ws_templates.as_deref()))?;
    let out_dir = a.out.clone().unwrap_or_else(|| a.dir.join("dist"));
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("{}: cannot create", out_dir.display()))?;

    // 1. what to publish, linted
    let as_of = a.as_of.clone().unwrap_or_else(syntax::date::today);
    let (pubs, series_name) = match ws {
        Some(ws) if !ws.config.laws.is_empty() => {
            let name = ws.config.series.name.clone();
            let series = paragraf::project::Series::load(ws)?;
            (publications(&series, &as_of, &out_dir)?, name)
        }
        _ => {
            let files = paragraf::workspace::law_files(&a.dir);
            let checked: Vec<super::lint::Checked> = super::lint::check_files(&files, |r| r)?
                .into_iter()
                .collect::<Result<_, String>>()
                .map_err(anyhow::Error::msg)?;
            let pubs = checked
                .into_iter()
                .map(|c| Publication {
                    stem: stem_of(&c.law.path),
                    checked: c,
                    short: None,
                    current: None,
                    in_volume: true,
                })
                .collect::<Vec<_>>();
            (pubs, None)
        }
    };
    if pubs.is_empty() {
        bail!("{}: no law files", a.dir.display());
    }
    let errors = report_lint(&pubs, &a.dir);
    if errors > 0 && !a.force {
        eprintln!(
            "error: lint found {errors} error(s); nothing built (use --force to build anyway)"
        );
        return Ok(ExitCode::from(1));
    }

    // 2. one PDF per law (and Fassung), then the volume of the current ones
    let opts = Options {
        pdf_a: a.pdf_standard == Some(Standard::A2b),
    };
    let bar = indicatif::ProgressBar::new(pubs.len() as u64 + 1);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .expect("valid template"),
    );
    let mut laws = Vec::new();
    let mut written = 0;
    for p in &pubs {
        bar.set_message(p.stem.clone());
        let data = law_data(&p.checked, p.short.as_deref(), series_name.as_deref());
        let bytes = compile(data.clone(), &tpl, &opts)
            .with_context(|| format!("{}", p.checked.law.path.display()))?;
        let mut names = vec![p.stem.clone()];
        names.extend(p.current.clone());
        for name in names {
            let target = out_dir.join(format!("{name}.pdf"));
            syntax::fsutil::write_atomic(&target, &bytes)?;
            written += 1;
        }
        // the volume holds each law once: as written, or its current Fassung
        if p.in_volume {
            laws.push(data);
        }
        bar.inc(1);
    }
    let title = series_name.clone().unwrap_or_else(|| "Gesetze".into());
    bar.set_message("volume");
    let bytes = compile(model::volume(&title, laws), &tpl, &opts)?;
    let target = out_dir.join(format!("{}.pdf", title.to_lowercase().replace(' ', "-")));
    syntax::fsutil::write_atomic(&target, &bytes)?;
    bar.finish_and_clear();
    eprintln!(
        "built {} PDF(s) in {}: {} law(s) and Fassung(en), the volume {}",
        written + 1,
        out_dir.display(),
        pubs.len(),
        target.file_name().unwrap_or_default().to_string_lossy()
    );
    Ok(ExitCode::SUCCESS)
}

/// Warnings shown in full up to this many; above, `build` says how to see them.
const SHOW_WARNINGS: usize = 20;

/// The lint before a build: errors in full, warnings in full when there are
/// few, else how to see them, and one summary line. Returns the errors.
fn report_lint(pubs: &[Publication], dir: &std::path::Path) -> usize {
    let count = |s: Severity| -> usize {
        pubs.iter()
            .map(|p| p.checked.diags.iter().filter(|d| d.severity == s).count())
            .sum()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let show = |d: &lint::Diagnostic| {
        d.severity == Severity::Error
            || (d.severity == Severity::Warning && warnings <= SHOW_WARNINGS)
    };
    for p in pubs {
        let c = &p.checked;
        let shown: Vec<_> = c.diags.iter().filter(|d| show(d)).cloned().collect();
        if shown.is_empty() {
            continue;
        }
        let path = c.law.path.display().to_string();
        let r = lint::render::FileReport {
            path: &path,
            src: &c.law.src,
            diagnostics: &shown,
        };
        eprint!("{}", lint::render::human(&r, super::use_color()));
    }
    let hint = if warnings > SHOW_WARNINGS {
        format!(" (`paragraf lint {}` shows them)", dir.display())
    } else {
        String::new()
    };
    eprintln!(
        "lint: {} law(s) and Fassung(en): {errors} error(s), {warnings} warning(s){hint}",
        pubs.len()
    );
    errors
}
