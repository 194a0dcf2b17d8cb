use anyhow::{bail, Context, Result};
use lint::Severity;
use pdf::model;
use pdf::{compile, Options, Template};
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

pub fn run(a: Args) -> Result<ExitCode> {
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
    #[arg(long)]
    template: Option<PathBuf>,
    #[arg(long, value_enum)]
    pdf_standard: Option<Standard>,
}

/// A line above the progress bar, or on stderr when there is no bar (not a terminal).
fn say(bar: &indicatif::ProgressBar, line: String) {
    if bar.is_hidden() {
        eprintln!("{line}");
    } else {
        bar.println(line);
    }
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
        }
    }
}

pub fn build(a: BuildArgs) -> Result<ExitCode> {
    if !a.dir.is_dir() {
        bail!("{}: not a directory", a.dir.display());
    }
    let ws = paragraf::workspace::Workspace::find(&a.dir)?;
    let (files, shorts, series_name): (Vec<PathBuf>, Vec<Option<String>>, Option<String>) =
        match &ws {
            Some(ws) if !ws.config.laws.is_empty() => (
                ws.config.laws.iter().map(|l| ws.law_path(l)).collect(),
                ws.config.laws.iter().map(|l| l.short.clone()).collect(),
                ws.config.series.name.clone(),
            ),
            _ => {
                let f = paragraf::workspace::law_files(&a.dir);
                let n = f.len();
                (f, vec![None; n], None)
            }
        };
    if files.is_empty() {
        bail!("{}: no law files", a.dir.display());
    }
    // a workspace's own templates/ (from `paragraf init`) take the place of the built-in ones
    let ws_templates = ws
        .as_ref()
        .map(|w| w.root.join("templates"))
        .filter(|t| t.join("gesetz.typ").is_file());
    let tpl = template(a.template.as_deref().or(ws_templates.as_deref()))?;
    let out_dir = a.out.clone().unwrap_or_else(|| a.dir.join("dist"));
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("{}: cannot create", out_dir.display()))?;

    // 1. lint everything
    let checked: Vec<super::lint::Checked> = super::lint::check_files(&files, |r| r)?
        .into_iter()
        .collect::<Result<_, String>>()
        .map_err(anyhow::Error::msg)?;
    let mut errors = 0;
    for c in &checked {
        let path = c.law.path.display().to_string();
        let errs: Vec<_> = c
            .diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        errors += errs.len();
        if !errs.is_empty() {
            let r = lint::render::FileReport {
                path: &path,
                src: &c.law.src,
                diagnostics: &errs,
            };
            eprint!("{}", lint::render::human(&r, super::use_color()));
        }
        let warnings = c
            .diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        eprintln!(
            "lint {path}: {} error(s), {warnings} warning(s)",
            errs.len()
        );
    }
    if errors > 0 && !a.force {
        eprintln!(
            "error: lint found {errors} error(s); nothing built (use --force to build anyway)"
        );
        return Ok(ExitCode::from(1));
    }

    // 2. one PDF per law, then the volume
    let opts = Options {
        pdf_a: a.pdf_standard == Some(Standard::A2b),
    };
    let bar = indicatif::ProgressBar::new(checked.len() as u64 + 1);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .expect("valid template"),
    );
    let mut laws = Vec::new();
    for (c, short) in checked.iter().zip(&shorts) {
        let stem = c
            .law
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("gesetz")
            .to_string();
        bar.set_message(stem.clone());
        let data = law_data(c, short.as_deref(), series_name.as_deref());
        let bytes = compile(data.clone(), &tpl, &opts)
            .with_context(|| format!("{}", c.law.path.display()))?;
        let target = out_dir.join(format!("{stem}.pdf"));
        syntax::fsutil::write_atomic(&target, &bytes)?;
        say(&bar, format!("wrote {}", target.display()));
        laws.push(data);
        bar.inc(1);
    }
    let title = series_name.clone().unwrap_or_else(|| "Gesetze".into());
    bar.set_message("volume");
    let bytes = compile(model::volume(&title, laws), &tpl, &opts)?;
    let target = out_dir.join(format!("{}.pdf", title.to_lowercase().replace(' ', "-")));
    syntax::fsutil::write_atomic(&target, &bytes)?;
    say(&bar, format!("wrote {}", target.display()));
    bar.finish_and_clear();
    Ok(ExitCode::SUCCESS)
}
