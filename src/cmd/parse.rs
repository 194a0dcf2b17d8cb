use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use syntax::ast::Kind;

#[derive(clap::Args)]
pub struct Args {
    /// A law text file, or with --stats a directory.
    path: PathBuf,
    /// Print the AST as JSON.
    #[arg(long)]
    json: bool,
    /// Parse every law under the directory in parallel and print counts per kind.
    #[arg(long)]
    stats: bool,
}

pub fn run(mut a: Args) -> Result<ExitCode> {
    a.path = super::input(&a.path);
    if a.stats {
        return stats(&a.path);
    }
    let doc = syntax::parse::parse_file(&a.path)?;
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    if a.json {
        serde_json::to_writer_pretty(&mut out, &doc).context("writing JSON")?;
        writeln!(out)?;
    } else {
        write!(out, "{}", syntax::outline::outline(&doc))?;
    }
    let path = a.path.display();
    for w in &doc.warnings {
        eprintln!("warning: {path}:{}:{}: {}", w.line, w.column, w.message);
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Default)]
struct Acc {
    bytes: u64,
    files: usize,
    warnings: usize,
    /// units per kind (counted by kind: a name lookup per unit cost a tenth of the run)
    kinds: rustc_hash::FxHashMap<Kind, usize>,
    failed: Vec<String>,
}

impl Acc {
    fn merge(mut self, o: Acc) -> Acc {
        self.bytes += o.bytes;
        self.files += o.files;
        self.warnings += o.warnings;
        for (k, v) in o.kinds {
            *self.kinds.entry(k).or_default() += v;
        }
        self.failed.extend(o.failed);
        self
    }
}

fn stats(dir: &std::path::Path) -> Result<ExitCode> {
    if !dir.is_dir() {
        bail!(
            "{}: not a directory (--stats takes a directory)",
            dir.display()
        );
    }
    let mut files = paragraf::workspace::law_files(dir);
    // largest first: the two cores finish together
    files.sort_by_cached_key(|p| {
        std::cmp::Reverse(std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
    });
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
            .expect("valid template"),
    );
    let t0 = Instant::now();
    let acc = files
        .par_iter()
        .map(|p| {
            let mut acc = Acc::default();
            match syntax::source::read_law(p) {
                Ok(src) => {
                    let doc = syntax::parse(&src);
                    acc.bytes = src.len() as u64;
                    acc.files = 1;
                    acc.warnings = doc.warnings.len();
                    doc.root.walk(&mut |n, _| {
                        if n.kind != Kind::Dokument {
                            *acc.kinds.entry(n.kind).or_default() += 1;
                        }
                    });
                }
                Err(e) => acc.failed.push(e.to_string()),
            }
            bar.inc(1);
            acc
        })
        .reduce(Acc::default, Acc::merge);
    bar.finish_and_clear();
    let secs = t0.elapsed().as_secs_f64();
    println!("files: {} parsed, {} failed", acc.files, acc.failed.len());
    let kinds: BTreeMap<&str, usize> = acc.kinds.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    for (k, v) in &kinds {
        println!("{k:>18}: {v}");
    }
    println!("warnings: {}", acc.warnings);
    println!(
        "{:.1} MB in {:.2} s: {:.1} MB/s",
        acc.bytes as f64 / 1e6,
        secs,
        acc.bytes as f64 / 1e6 / secs.max(1e-9)
    );
    for f in &acc.failed {
        println!("failed: {f}");
    }
    Ok(if acc.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
