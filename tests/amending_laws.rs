//! Real amending laws applied in bulk to their target laws in the Fassung
//! they amend (tests/amending-laws.tsv): per law, commands applied / total
//! and, where an official consolidation exists, whether the result has its
//! wording. The check recomputes the table and fails when a figure drops.
//!
//! Sources, read where they are (nothing is copied into the repository):
//! - `ris:PATH`: a file of the ris-norms repository (LegalDocML.de amending
//!   laws with their targets), from its git copy (RIS_NORMS_GIT, or
//!   ../.mirror/digitalservicebund+ris-norms/repo);
//! - `gesetze:COMMIT:PATH`: a federal law of bundestag/gesetze at a commit
//!   (GESETZE_GIT, or ../.mirror/bundestag+gesetze/repo);
//! - `corpus:FILE`: a law of ../shared/corpus/bund.
//!
//! A row without a target (`-`) is an amending law whose target Fassung no
//! source has (older than the history of bundestag/gesetze): its commands are
//! only read, and "applied" counts the commands read.
//!
//! Run by .ci/run (`cargo test --release --test amending_laws -- --ignored`).

use std::path::{Path, PathBuf};

const TABLE: &str = include_str!("amending-laws.tsv");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn git_dir(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(default))
}

fn git_show(dir: &Path, rev: &str, path: &str) -> Result<String, String> {
    let out = std::process::Command::new("git")
        .arg("--git-dir")
        .arg(dir)
        .args(["show", &format!("{rev}:{path}")])
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{}: {rev}:{path}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{path}: {e}"))
}

/// The text a source spec names.
fn source(spec: &str) -> Result<String, String> {
    if let Some(p) = spec.strip_prefix("ris:") {
        let dir = git_dir(
            "RIS_NORMS_GIT",
            "../.mirror/digitalservicebund+ris-norms/repo",
        );
        git_show(&dir, "HEAD", p)
    } else if let Some(rest) = spec.strip_prefix("gesetze:") {
        let (commit, p) = rest.split_once(':').ok_or(format!("bad spec {spec}"))?;
        let dir = git_dir("GESETZE_GIT", "../.mirror/bundestag+gesetze/repo");
        git_show(&dir, commit, p)
    } else if let Some(f) = spec.strip_prefix("corpus:") {
        let p = root().join("../shared/corpus/bund").join(f);
        std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
    } else {
        Err(format!("unknown source {spec}"))
    }
}

/// The spec's text in a file of `dir`, named as the spec ends (the file's
/// extension tells its format).
fn materialize(dir: &Path, n: usize, spec: &str) -> Result<PathBuf, String> {
    let text = source(spec)?;
    let name = spec.rsplit('/').next().unwrap_or("law.md");
    let sub = dir.join(n.to_string());
    std::fs::create_dir_all(&sub).map_err(|e| e.to_string())?;
    let p = sub.join(name.rsplit(':').next().unwrap_or(name));
    std::fs::write(&p, text).map_err(|e| e.to_string())?;
    Ok(p)
}

/// The units whose law text differs between the official consolidation at
/// `official` and the consolidated `text` (what the publisher adds, Stand
/// and footnotes, is no law text and left out).
fn differences(official: &Path, text: &str) -> Result<Vec<String>, String> {
    let (off, _) = paragraf::consolidate::load_law(official).map_err(|e| e.to_string())?;
    // both as the canonical text reads back (the consolidated text is printed)
    let off = syntax::parse(&syntax::print::print(&off, &Default::default()));
    let ours = syntax::parse(text);
    let (oe, ne) = (diff::entries(&off), diff::entries(&ours));
    Ok(diff::diff_entries(&oe, &ne)
        .iter()
        .filter(|c| {
            !c.new_unit()
                .or(c.old())
                .is_some_and(|e| e.kind.is_editorial())
        })
        .map(|c| {
            let e = c.new_unit().or(c.old()).expect("a change has a unit");
            diff::render::place(e, if c.new_unit().is_some() { &ne } else { &oe })
        })
        .collect())
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    amending: String,
    target: String,
    official: String,
    applied: usize,
    total: usize,
    consolidation: String,
}

fn rows() -> Vec<Row> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "tests/amending-laws.tsv: {l}");
            Row {
                amending: f[0].into(),
                target: f[1].into(),
                official: f[2].into(),
                applied: f[3].parse().expect("applied"),
                total: f[4].parse().expect("total"),
                consolidation: f[5].into(),
            }
        })
        .collect()
}

/// Commands read / found of an amending law without a target: every
/// Eingangssatz's commands.
fn read_only(apath: &Path) -> Result<(usize, usize), String> {
    let src = std::fs::read_to_string(apath).map_err(|e| e.to_string())?;
    let name = apath.display().to_string();
    let (mut read, mut total) = (0, 0);
    for (satz, start) in amend::parse::eingangssaetze(&src) {
        let g = match amend::parse::parse_at(&name, &src, start) {
            Ok(g) => g,
            Err(e) => {
                // an Eingangssatz whose commands cannot be read is one command unread
                total += 1;
                eprintln!("  unread: {e}: {}", first_words(&satz));
                continue;
            }
        };
        total += g.befehle.len();
        for b in &g.befehle {
            match &b.op {
                amend::Op::Unlesbar { message, .. } => {
                    eprintln!(
                        "  unread: line {}: {message}: {}",
                        b.line,
                        first_words(&b.text)
                    )
                }
                _ => read += 1,
            }
        }
    }
    Ok((read, total))
}

fn first_words(t: &str) -> String {
    t.split_whitespace().take(16).collect::<Vec<_>>().join(" ")
}

/// The row recomputed.
fn measure(dir: &Path, n: usize, want: &Row) -> Result<Row, String> {
    let apath = materialize(dir, n * 3, &want.amending)?;
    let mut got = Row {
        applied: 0,
        total: 0,
        consolidation: "none".into(),
        ..want.clone()
    };
    if want.target == "-" {
        (got.applied, got.total) = read_only(&apath)?;
        return Ok(got);
    }
    let law = materialize(dir, n * 3 + 1, &want.target)?;
    let zeit = paragraf::consolidate::Zeit::default();
    let (text, out) = paragraf::consolidate::consolidate_at(&law, &apath, true, &zeit)
        .map_err(|e| e.to_string())?;
    for f in &out.failed {
        eprintln!("  not applied: {}", f.grund);
    }
    got.applied = out.applied.len();
    got.total = out.applied.len() + out.failed.len();
    if want.official != "-" {
        let off = materialize(dir, n * 3 + 2, &want.official)?;
        let differ = differences(&off, &text)?;
        for d in &differ {
            eprintln!("  differs from the official consolidation: {d}");
        }
        got.consolidation = if differ.is_empty() {
            "equal"
        } else {
            "unequal"
        }
        .into();
    }
    Ok(got)
}

#[test]
#[ignore = "needs the git copies of ris-norms and bundestag/gesetze and ../shared (run by .ci/run)"]
fn the_real_amending_laws_apply_as_the_table_says() {
    let dir = tempfile::tempdir().unwrap();
    let mut drops = Vec::new();
    let (mut applied, mut total) = (0, 0);
    for (n, want) in rows().iter().enumerate() {
        let got = match measure(dir.path(), n, want) {
            Ok(g) => g,
            // a row the table lists as an error (the reason in its comment)
            Err(e) if want.consolidation == "error" => {
                eprintln!("{}\t{}\terror: {e}", want.amending, want.target);
                continue;
            }
            Err(e) => {
                drops.push(format!("{}: {e}", want.amending));
                continue;
            }
        };
        eprintln!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            got.amending, got.target, got.official, got.applied, got.total, got.consolidation
        );
        if want.target != "-" {
            applied += got.applied;
            total += got.total;
        }
        let worse = got.applied < want.applied
            || got.total != want.total
            || (want.consolidation == "equal" && got.consolidation != "equal");
        if worse {
            drops.push(format!("{want:?}\n  now {got:?}"));
        }
    }
    eprintln!("amending laws with their targets: {applied} of {total} commands applied");
    assert!(drops.is_empty(), "figures dropped:\n{}", drops.join("\n"));
}
