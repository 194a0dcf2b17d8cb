//! Checks over the whole federal corpus (`../shared/corpus`). Ignored by
//! default; `.ci/run` runs them with `--ignored` when the corpus exists.

mod common;

use rayon::prelude::*;
use regex::Regex;
use std::sync::LazyLock;
use syntax::ast::{Kind, Node};

/// Heading lines that are § or Artikel units, written independently of the grammar.
static EINZEL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^#{1,6}[ \t]+(?:\(XXXX\)[ \t]*)?(?:\*\*)?(?:§|Art\.?[ \t]+[0-9IVXLC]|Artikel[ \t]+[0-9IVXLC])").unwrap()
});
static HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}(?:[ \t]+|$)").unwrap());
static BULLETS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t\u{a0}]*(?:[-*•–][ \t\u{a0}]+)+").unwrap());
static ESCAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([ \t\u{a0}]*(?:[-*•–][ \t\u{a0}]+)?)\\").unwrap());
static DEFLIST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^:[ \t]+").unwrap());
static FOOTDEF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\[\^[^\]]+\]):").unwrap());
static MD_ESCAPE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\\([!-/:-@\[-`{-~])").unwrap());

/// The characters of the source that must appear in the AST, in order.
///
/// Markup (not counted): whitespace; the front matter's `---` lines; heading
/// marks `#` and the corpus' `(XXXX)` placeholder; list bullets `-`, `*`, `•`
/// at the start of a line; the definition-list `:` at the start of a line;
/// the `:` after a footnote label; the characters `*` (emphasis) and `|`
/// (table pipes) anywhere; a backslash before ASCII punctuation outside
/// table rows (Markdown's escape); and in heading lines the separators `-`,
/// `–`, `—` and `:` between number and title.
fn source_chars(src: &str) -> String {
    let mut out = String::new();
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut lines = src.lines().peekable();
    if src.starts_with("---") {
        lines.next();
        for l in lines.by_ref() {
            if l.trim_end() == "---" {
                break;
            }
            out.extend(l.chars().filter(|&c| keep(c)));
        }
    }
    for l in lines {
        let mut l = l.to_string();
        let heading = HEADING.is_match(&l);
        if heading {
            l = HEADING.replace(&l, "").replacen("(XXXX)", "", 1);
        } else {
            // a backslash at the start of the content (after at most one bullet) is markup
            l = ESCAPE.replace(&l, "$1").to_string();
            l = DEFLIST.replace(&l, "").to_string();
            l = BULLETS.replace(&l, "").to_string();
            l = FOOTDEF.replace(&l, "$1").to_string();
        }
        // Markdown's backslash escapes, except in table rows (cells are kept as written)
        if !l.trim_start().starts_with('|') {
            l = MD_ESCAPE.replace_all(&l, "$1").to_string();
        }
        out.extend(l.chars().filter(|&c| keep(c) && !(heading && is_sep(c))));
    }
    out
}

fn keep(c: char) -> bool {
    !c.is_whitespace() && c != '*' && c != '|'
}
fn is_sep(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | ':')
}

/// The characters the AST holds, in document order.
fn ast_chars(root: &Node) -> String {
    let mut out = String::new();
    root.walk(&mut |n, _| {
        let heading = n.style == Some(syntax::ast::Style::Heading) || n.kind == Kind::Langtitel;
        for s in [&n.marker, &n.title, &n.text].into_iter().flatten() {
            out.extend(s.chars().filter(|&c| keep(c) && !(heading && is_sep(c))));
        }
        for c in &n.cells {
            out.extend(c.chars().filter(|&c| keep(c)));
        }
    });
    out
}

fn first_difference(a: &str, b: &str) -> String {
    let pos = a
        .chars()
        .zip(b.chars())
        .position(|(x, y)| x != y)
        .unwrap_or(a.chars().count().min(b.chars().count()));
    let ctx = |s: &str| {
        s.chars()
            .skip(pos.saturating_sub(30))
            .take(60)
            .collect::<String>()
    };
    format!("at char {pos}:\n  source: {}\n  ast:    {}", ctx(a), ctx(b))
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_parses_counts_and_covers_every_character() {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let files = paragraf::workspace::law_files(&dir.join("bund"));
    assert!(files.len() >= 6000, "corpus has {} files", files.len());
    let problems: Vec<String> = files
        .par_iter()
        .filter_map(|p| {
            let src = match syntax::source::read_law(p) {
                Ok(s) => s,
                Err(e) => return Some(format!("{}: load failed: {e}", p.display())),
            };
            let doc = syntax::parse(&src);
            let expected = src.lines().filter(|l| EINZEL_HEADING.is_match(l)).count();
            let got = doc.einzelvorschriften().len();
            let mut msg = String::new();
            if expected != got {
                msg += &format!(
                    "{}: {got} §/Artikel units, the heading regex counts {expected}\n",
                    p.display()
                );
            }
            let a = source_chars(&src);
            let b = ast_chars(&doc.root);
            if a != b {
                msg += &format!(
                    "{}: text not covered {}\n",
                    p.display(),
                    first_difference(&a, &b)
                );
            }
            (!msg.is_empty()).then_some(msg)
        })
        .collect();
    if let Ok(out) = std::env::var("PARAGRAF_CORPUS_REPORT") {
        std::fs::write(out, problems.concat()).expect("write report");
    }
    for p in problems.iter().take(40) {
        eprintln!("{p}");
    }
    assert!(
        problems.is_empty(),
        "{} of {} files have problems",
        problems.len(),
        files.len()
    );
    eprintln!(
        "corpus: {} files parsed; unit counts and text coverage hold for all",
        files.len()
    );
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_references_resolve() {
    use refs::{Scope, Status, Universe};
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let files = paragraf::workspace::law_files(&dir.join("bund"));
    let per_file: Vec<(usize, usize, usize, Vec<String>)> = files
        .par_iter()
        .map(|p| {
            let Ok(src) = syntax::source::read_law(p) else {
                return (0, 0, 0, Vec::new());
            };
            let doc = syntax::parse(&src);
            let uni = Universe {
                declared: Vec::new(),
                libraries: &[],
                others: Vec::new(),
            };
            let refs = refs::resolve_all(&doc, &src, &uni);
            let internal: Vec<_> = refs
                .iter()
                .filter(|r| matches!(r.reference.scope, Scope::Internal | Scope::Relative))
                .collect();
            // a citation with another law named near it (not designated) is
            // reported as R001 with that law seen; it does not count here: the
            // share measures citations that mean this law
            let internal: Vec<_> = internal
                .into_iter()
                .filter(|r| r.named_nearby.is_none())
                .collect();
            let resolved = internal
                .iter()
                .filter(|r| r.status != Status::Unresolved)
                .count();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let unresolved = internal
                .iter()
                .filter(|r| r.status == Status::Unresolved)
                .map(|r| {
                    format!(
                        "{name}:{}:{}: „{}“ – {}",
                        r.reference.span.line,
                        r.reference.span.column,
                        r.reference.text,
                        r.reason.as_deref().unwrap_or("")
                    )
                })
                .collect();
            (refs.len(), internal.len(), resolved, unresolved)
        })
        .collect();
    let total: usize = per_file.iter().map(|x| x.0).sum();
    let internal: usize = per_file.iter().map(|x| x.1).sum();
    let resolved: usize = per_file.iter().map(|x| x.2).sum();
    let unresolved: Vec<&String> = per_file.iter().flat_map(|x| x.3.iter()).collect();
    let share = resolved as f64 / internal.max(1) as f64 * 100.0;
    if let Ok(out) = std::env::var("PARAGRAF_REFS_REPORT") {
        std::fs::write(
            out,
            unresolved
                .iter()
                .map(|s| format!("{s}\n"))
                .collect::<String>(),
        )
        .expect("write report");
    }
    eprintln!("corpus references: {total} found, {internal} internal (this law), {resolved} of them resolve: {share:.2} %");
    // a fixed-seed sample of unresolved ones, for review
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    eprintln!("sample of unresolved internal references:");
    for _ in 0..20.min(unresolved.len()) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        eprintln!(
            "  {}",
            unresolved[(seed % unresolved.len() as u64) as usize]
        );
    }
    // The acceptance of issue 3: at least 97 % resolve.
    assert!(
        share >= 97.0,
        "only {share:.2} % of internal references resolve"
    );
}

/// The version pairs under `history/`, sorted, then those of the directories
/// in `PARAGRAF_HISTORY_EXTRA` (`:`-separated; `.ci/history_pairs.py` writes
/// them from the pairs listed in `tests/history-pairs.tsv`).
fn history_pairs(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let in_dir = |d: &std::path::Path| {
        let mut pairs: Vec<_> = std::fs::read_dir(d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("old.md").is_file())
            .collect();
        pairs.sort();
        pairs
    };
    let mut pairs = in_dir(&dir.join("history"));
    assert!(pairs.len() >= 50, "{} pairs", pairs.len());
    if let Some(extra) = std::env::var_os("PARAGRAF_HISTORY_EXTRA") {
        for d in std::env::split_paths(&extra) {
            let more = in_dir(&d);
            eprintln!("{} further pairs from {}", more.len(), d.display());
            pairs.extend(more);
        }
    }
    pairs
}

/// A pair's name: its directory, with the parent's name when it is not `history`.
fn pair_name(p: &std::path::Path) -> String {
    let name = p.file_name().unwrap().to_string_lossy().to_string();
    match p.parent().and_then(|d| d.file_name()) {
        Some(d) if d != "history" => format!("{}/{name}", d.to_string_lossy()),
        _ => name,
    }
}

/// A pair's name, its number of changes, the outcome, the old text's size and the seconds taken.
type RoundTrip = (String, usize, Result<(), String>, u64, f64);

type Pair = (
    String,
    syntax::Document,
    syntax::Document,
    Vec<diff::Entry>,
    Vec<diff::Entry>,
    Vec<diff::Change>,
);

/// A pair's name, both Fassungen, their units and the change list.
fn load_pair(p: &std::path::Path) -> Pair {
    let name = pair_name(p);
    let old = syntax::parse(&syntax::source::read_law(&p.join("old.md")).unwrap());
    let new = syntax::parse(&syntax::source::read_law(&p.join("new.md")).unwrap());
    let (a, b) = (diff::entries(&old), diff::entries(&new));
    let changes = diff::diff_entries(&a, &b);
    (name, old, new, a, b, changes)
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn history_pairs_round_trip_through_the_change_list() {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let pairs = history_pairs(&dir);
    let results: Vec<(String, usize, Result<(), String>)> = pairs
        .par_iter()
        .map(|p| {
            let (name, _, _, a, b, changes) = load_pair(p);
            // the change list survives JSON, then applies back to the new Fassung
            let json = serde_json::to_string(&changes).unwrap();
            let back: Vec<diff::Change> = serde_json::from_str(&json).unwrap();
            let r = match diff::apply(&a, &back) {
                Ok(got) if got == b => Ok(()),
                Ok(got) => Err(format!(
                    "{} units after applying, {} expected",
                    got.len(),
                    b.len()
                )),
                Err(e) => Err(e.to_string()),
            };
            (name, changes.len(), r)
        })
        .collect();
    let mut failed = 0;
    for (name, n, r) in &results {
        match r {
            Ok(()) => {}
            Err(e) => {
                failed += 1;
                eprintln!("{name}: {n} changes: {e}");
            }
        }
    }
    let total: usize = results.iter().map(|r| r.1).sum();
    eprintln!(
        "history: {} pairs, {total} changes, {failed} failed to round-trip",
        results.len()
    );
    assert_eq!(failed, 0);
}

/// Every corpus law, parsed, written in the canonical form and read back:
/// `check(path, doc, formatted text, doc read back)` says what is wrong, if
/// anything. The problems (also to `PARAGRAF_CORPUS_REPORT`) and the number of
/// laws; None without the corpus.
fn each_law_formatted(
    check: impl Fn(&std::path::Path, &syntax::Document, &str, &syntax::Document) -> Option<String>
        + Sync,
) -> Option<(Vec<String>, usize)> {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return None;
    };
    let mut files = paragraf::workspace::law_files(&dir.join("bund"));
    // a trial run over a few laws: PARAGRAF_CORPUS_ONLY=abwv,bnoto
    if let Ok(only) = std::env::var("PARAGRAF_CORPUS_ONLY") {
        let only: Vec<&str> = only.split(',').collect();
        files.retain(|p| p.file_stem().is_some_and(|s| only.iter().any(|o| s == *o)));
    }
    let opts = syntax::print::Options::default();
    let problems: Vec<String> = files
        .par_iter()
        .filter_map(|p| {
            let src = syntax::source::read_law(p).ok()?;
            let doc = syntax::parse(&src);
            let out = syntax::print::print(&doc, &opts);
            let again = syntax::parse(&out);
            check(p, &doc, &out, &again)
        })
        .collect();
    if let Ok(out) = std::env::var("PARAGRAF_CORPUS_REPORT") {
        std::fs::write(out, problems.concat()).expect("write report");
    }
    Some((problems, files.len()))
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_fmt_is_idempotent_and_keeps_the_wording() {
    use syntax::print::{print, wording, Options};
    let opts = Options::default();
    let Some((problems, n)) = each_law_formatted(|p, doc, out, again| {
        let (a, b) = (wording(doc), wording(again));
        if a != b {
            return Some(format!(
                "{}: wording changed {}\n",
                p.display(),
                first_difference(&a, &b)
            ));
        }
        let twice = print(again, &opts);
        if twice != out {
            let d = similar::TextDiff::from_lines(out, twice.as_str());
            let u = d.unified_diff().context_radius(1).to_string();
            return Some(format!(
                "{}: not idempotent\n{}\n",
                p.display(),
                u.chars().take(600).collect::<String>()
            ));
        }
        None
    }) else {
        return;
    };
    for p in problems.iter().take(20) {
        eprintln!("{p}");
    }
    let ok = n - problems.len();
    eprintln!(
        "fmt: {ok} of {n} files idempotent with the wording kept ({:.1}%)",
        100.0 * ok as f64 / n as f64
    );
    assert!(problems.is_empty(), "fmt keeps only {ok} files");
}

/// The findings of the rules on amending laws (codes A…) on a text.
fn amending_law_findings(text: &str) -> Vec<lint::Diagnostic> {
    let doc = syntax::parse(text);
    let config = lint::LintConfig::default();
    let ctx = lint::Ctx::new(&doc, text, &[], &config);
    lint::run(&ctx)
        .into_iter()
        .filter(|d| d.code.starts_with('A'))
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn history_pairs_round_trip_through_the_amending_law() {
    use amend::generate;
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let pairs = history_pairs(&dir);
    let lint_counts = std::sync::Mutex::new(std::collections::BTreeMap::new());
    let results: Vec<RoundTrip> = pairs
        .par_iter()
        .map(|p| {
            let size = std::fs::metadata(p.join("old.md")).map_or(0, |m| m.len());
            let start = std::time::Instant::now();
            let (name, old, new, a, b, changes) = load_pair(p);
            let generated = generate::generate(&old, &new, &a, &b, &changes, generate::Style::Hdr4);
            let text = generated.text;
            if let Ok(dir) = std::env::var("PARAGRAF_AMEND_DUMP") {
                std::fs::write(format!("{dir}/{}.txt", name.replace('/', "_")), &text).unwrap();
            }
            let r = (|| {
                if let Some(u) = generated.unexpressed.first() {
                    return Err(format!(
                        "{} changes no command can say, the first: {} at line {}",
                        generated.unexpressed.len(),
                        u.id,
                        u.line
                    ));
                }
                // the amending law passes the lint for amending laws (A001–A007),
                // but for two the generator cannot meet yet: a unit removed
                // without a placeholder is „gestrichen“ (A005: the applier reads
                // „aufgehoben“ as leaving „(weggefallen)“), and a law whose front
                // matter has no date has no Vollzitat (A007), a law with a declined
                // adjective in its title („der Allgemeinen …“) keeps its list of one
                // (A006: the reader does not know it in the genitive), and a comma
                // or semicolon inside a text is quoted (A003: only „der Punkt am
                // Ende“ names its place); they are counted
                let findings = amending_law_findings(&text);
                for d in &findings {
                    *lint_counts.lock().unwrap().entry(d.code).or_insert(0usize) += 1;
                }
                if let Some(d) = findings
                    .iter()
                    .find(|d| !matches!(d.code, "A003" | "A005" | "A006" | "A007"))
                {
                    return Err(format!(
                        "{} findings of the amending-law lint, the first: {} {} at {}:{}",
                        findings.len(),
                        d.code,
                        d.message,
                        d.span.line,
                        d.span.column
                    ));
                }
                if generated.commands == 0 {
                    // nothing but editorial changes: no amending law to apply
                    return if common::law_units(&old) == common::law_units(&new) { Ok(0) } else { Err("changes but no commands".to_string()) };
                }
                let law = amend::parse::parse(&name, &text, old.title.as_deref(), None)
                    .map_err(|e| e.to_string())?;
                let n = law.befehle.len();
                let mut doc = old.clone();
                let o = amend::apply::apply(&mut doc, &law, &name, &Default::default(), false);
                if let Some(e) = o.failed.first() {
                    return Err(e.to_string());
                }
                let (got, want) = (common::law_units(&doc), common::law_units(&new));
                let back = common::written_back(&doc);
                if back != got {
                    let i = back.iter().zip(&got).position(|(x, y)| x != y).unwrap_or(back.len().min(got.len()));
                    return Err(format!(
                        "the consolidated text, written, reads back with another tree at unit {i}:\n  read {:?}\n  had  {:?}",
                        back.get(i),
                        got.get(i)
                    ));
                }
                if got != want {
                    let i = got.iter().zip(&want).position(|(x, y)| x != y).unwrap_or(got.len().min(want.len()));
                    return Err(format!(
                        "{} units, {} expected; first difference at unit {i}:\n  got  {:?}\n  want {:?}",
                        got.len(),
                        want.len(),
                        got.get(i),
                        want.get(i)
                    ));
                }
                Ok(n)
            })();
            let secs = start.elapsed().as_secs_f64();
            (name, changes.len(), r.map(|_| ()), size, secs)
        })
        .collect();
    let mut failed = 0;
    for (name, n, r, _, _) in &results {
        if let Err(e) = r {
            failed += 1;
            eprintln!("{name}: {n} changes: {e}");
        }
    }
    let ok = results.len() - failed;
    let changes: usize = results.iter().map(|r| r.1).sum();
    eprintln!(
        "amend round trip: {} pairs, {changes} changes, {ok} consolidated exactly, {failed} failed",
        results.len(),
    );
    eprintln!(
        "amending-law lint over the generated laws: {:?} (A003, A005, A006 and A007 counted, the others fail the pair)",
        lint_counts.lock().unwrap()
    );
    let largest = results.iter().max_by_key(|r| r.3);
    let most = results.iter().max_by_key(|r| r.1);
    for (what, r) in [("largest pair", largest), ("most changes", most)] {
        if let Some((name, n, _, size, secs)) = r {
            eprintln!(
                "{what}: {name} ({:.1} MB, {n} changes): diff, generate, read, apply and compare in {secs:.2} s",
                *size as f64 / 1e6
            );
        }
    }
    assert_eq!(failed, 0, "only {ok} of {} pairs round-trip", results.len());
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_export_validates_against_the_legaldocml_schemas() {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let files = paragraf::workspace::law_files(&dir.join("bund"));
    // 100 laws spread over the alphabet
    let pick: Vec<_> = files.iter().step_by(files.len() / 100).take(100).collect();
    let tmp = tempfile::tempdir().unwrap();
    let mut main = Vec::new();
    let mut anlagen = Vec::new();
    for (i, p) in pick.iter().enumerate() {
        let doc = syntax::parse(&syntax::source::read_law(p).unwrap());
        let ex = legaldocml::export(&doc);
        let d = tmp.path().join(format!("{i:03}"));
        std::fs::create_dir_all(&d).unwrap();
        let m = d.join("regelungstext-verkuendung-1.xml");
        std::fs::write(&m, &ex.regelungstext).unwrap();
        main.push(m);
        for (name, xml) in &ex.anlagen {
            let a = d.join(name);
            std::fs::write(&a, xml).unwrap();
            anlagen.push(a);
        }
    }
    let schema = |n: &str| {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/schema")
            .join(n)
    };
    let run = |xsd: std::path::PathBuf, files: &[std::path::PathBuf]| {
        let out = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(xsd)
            .args(files)
            .output()
            .expect("xmllint (apt-get install libxml2-utils)");
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let bad: Vec<&str> = err
            .lines()
            .filter(|l| !l.ends_with(" validates"))
            .take(10)
            .collect();
        assert!(out.status.success(), "{}", bad.join("\n"));
    };
    run(
        schema("legalDocML.de-regelungstextverkuendungsfassung.xsd"),
        &main,
    );
    run(schema("legalDocML.de-offenestruktur.xsd"), &anlagen);
    eprintln!(
        "legaldocml: {} Regelungstexte and {} Anlagen validate",
        main.len(),
        anlagen.len()
    );
}

/// Issue 23: the canonical plain form keeps every unit. For every law,
/// `paragraf fmt` then `paragraf diff ORIGINAL FORMATTED` finds no change but
/// layout: the same kinds, numbers, markers, titles and wording.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_fmt_keeps_every_unit() {
    let Some((problems, n)) = each_law_formatted(|p, doc, _, again| {
        let (a, b) = (diff::entries(doc), diff::entries(again));
        let changes = diff::diff_entries(&a, &b);
        let c = changes
            .iter()
            .find(|c| c.kind != diff::ChangeKind::Layout)?;
        let show = |e: Option<&diff::Entry>| {
            e.map(|e| {
                format!(
                    "{} {:?} {:?} {:.60}",
                    e.kind.as_str(),
                    e.marker,
                    e.title,
                    e.text
                )
            })
        };
        Some(format!(
            "{}: {:?} {}\n  old {:?}\n  new {:?}\n",
            p.display(),
            c.kind,
            c.id(),
            show(c.old()),
            show(c.new_unit())
        ))
    }) else {
        return;
    };
    for p in problems.iter().take(10) {
        eprintln!("{p}");
    }
    eprintln!("fmt keeps every unit: {} of {n} laws", n - problems.len());
    // every law (the last one, ptbbgebv, has an empty Inhaltsübersicht right
    // before a typed heading: it reads back since an entry of a table of
    // contents must name a unit that comes later)
    assert!(
        problems.is_empty(),
        "fmt changes the tree of {} laws",
        problems.len()
    );
}

/// A line that starts a Nummer, Buchstabe or Doppelbuchstabe ("1.", "2a.", "a)", "aa)").
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:[0-9]{1,4}[a-z]{0,2}\.|[a-z]{1,4}\))(?:[ \t]|$)").unwrap()
});

/// A plain variant of the canonical form: some of its lines dropped. It
/// keeps, for every line of the canonical form (from 1), the variant's line
/// at or after it, so that a unit of the canonical form has a place in the
/// variant.
struct Variant {
    text: String,
    line_of: Vec<u32>,
}

impl Variant {
    fn keeping(plain: &str, keep: impl Fn(usize, &[&str]) -> bool) -> Variant {
        let lines: Vec<&str> = plain.lines().collect();
        let (mut text, mut line_of) = (String::with_capacity(plain.len()), Vec::new());
        let mut n = 1;
        for (i, l) in lines.iter().enumerate() {
            line_of.push(n);
            if keep(i, &lines) {
                text.push_str(l);
                text.push('\n');
                n += 1;
            }
        }
        Variant { text, line_of }
    }

    /// The variant's line for a line of the canonical form.
    fn line(&self, canonical: u32) -> u32 {
        let i = (canonical as usize).saturating_sub(1);
        self.line_of.get(i).copied().unwrap_or(0)
    }
}

/// The canonical plain form with the blank lines before list items removed
/// (variant a: the items of a list on consecutive lines, right below the
/// text that introduces them).
fn without_blank_lines_before_items(plain: &str) -> Variant {
    Variant::keeping(plain, |i, lines| {
        let blank = lines[i].trim().is_empty();
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        !(blank && next.is_some_and(|n| LIST_ITEM.is_match(n)))
    })
}

/// Variant b: no blank line at all (one paragraph per line, as Word's "Nur
/// Text" export writes a law).
fn without_blank_lines(plain: &str) -> Variant {
    Variant::keeping(plain, |i, lines| !lines[i].trim().is_empty())
}

/// The first unit that differs (kind, number, marker, title or wording): its
/// id, its line in the variant (where the variant has no such unit: the
/// variant's line where the canonical form has it), and what differs.
fn first_unit_change(
    a: &syntax::Document,
    b: &syntax::Document,
    variant: &Variant,
) -> Option<(String, u32, String)> {
    let (ea, eb) = (diff::entries(a), diff::entries(b));
    let changes = diff::diff_entries(&ea, &eb);
    let c = changes
        .iter()
        .find(|c| c.kind != diff::ChangeKind::Layout)?;
    let show = |e: Option<&diff::Entry>| {
        e.map(|e| format!("{} {:?} {:.60}", e.kind.as_str(), e.marker, e.text))
    };
    let line_of = |doc: &syntax::Document, id: &str| {
        let mut line = None;
        doc.root.walk(&mut |n, _| {
            if line.is_none() && n.id == id {
                line = Some(n.span.line);
            }
        });
        line
    };
    let id = c.id().to_string();
    let line = c
        .new_unit()
        .and_then(|e| line_of(b, &e.id))
        .or_else(|| {
            c.old()
                .and_then(|e| line_of(a, &e.id))
                .map(|l| variant.line(l))
        })
        .unwrap_or(0);
    let detail = format!(
        "{:?} {id}\n  canonical {:?}\n  variant   {:?}",
        c.kind,
        show(c.old()),
        show(c.new_unit())
    );
    Some((id, line, detail))
}

/// How far (in lines) a parse warning may stand from the line where a
/// variant first reads otherwise and still say so: the warning stands at
/// the line the reader decided on, the difference shows at the unit that
/// took that line in, the line above (all 145 known misreadings: within 1
/// line; 2 on the very line).
const WARNING_REACH: u32 = 1;

/// The code of the reading's parse warning nearest to `line` within
/// [`WARNING_REACH`], or "-" when the misreading is silent there.
fn warning_near(doc: &syntax::Document, line: u32) -> &'static str {
    doc.warnings
        .iter()
        .filter(|w| w.code.is_reading() && w.line.abs_diff(line) <= WARNING_REACH)
        .min_by_key(|w| w.line.abs_diff(line))
        .map_or("-", |w| w.code.as_str())
}

/// Why a plain variant of a corpus law still reads otherwise than its
/// canonical form: the reason classes of `tests/plain-variants-known.tsv`.
/// Each is a place where the text without its blank line really leaves the
/// reading open, or where the corpus' conversion left no text a person
/// would write.
const PLAIN_REASONS: [(&str, &str); 8] = [
    (
        "after-sentence",
        "a list item after a whole sentence, with no unit of its kind before it \
         and its successor not in the same list („… zu bearbeiten.⏎1. \
         Bestattungsberatung“): read as text",
    ),
    (
        "mid-sentence",
        "an item that does not start a list after text that breaks off, with no \
         unit of its kind before it in the same unit („Lb Lösemittelbasis⏎2. \
         Grenzwerte“)",
    ),
    (
        "after-colon",
        "an item that does not start a list after a line ending in „:“, its \
         predecessor out of reach (a heading or an Absatz between)",
    ),
    (
        "table-as-bullets",
        "the corpus' tables flattened into bullets and empty cells („- *“, „*“, \
         „- \\3.“): the item follows a cell",
    ),
    (
        "quoted",
        "an item inside or right after quoted text (an amendment's quoted \
         Absätze „(3) …“ before „b)“)",
    ),
    (
        "numbering",
        "the item's predecessor is numbered otherwise: a gap („7.⏎9.“), a \
         numbered heading („4 Qualitätssicherung“, „II. 1.“, „1.3“), an Absatz \
         that closed the Nummer („7. (1) …⏎(3) …⏎8.“)",
    ),
    (
        "footnote",
        "a further paragraph of a footnote that starts with a marker, not indented \
         as a footnote's paragraph",
    ),
    (
        "satznummer-at-margin",
        "(b) Satznummern at the margin right after a Nummer's text: one paragraph \
         per line reads each as a paragraph",
    ),
];

/// A named failure of `tests/plain-variants-known.tsv`: its reason class
/// and the code of the parse warning that says so at its line.
struct Known {
    reason: String,
    warning: String,
}

/// The named failures: (law, variant) → reason class and warning. Malformed
/// lines fail.
fn known_plain_failures() -> std::collections::BTreeMap<(String, String), Known> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/plain-variants-known.tsv"
    );
    let text = std::fs::read_to_string(path).expect("tests/plain-variants-known.tsv");
    let mut known = std::collections::BTreeMap::new();
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = l.split('\t').collect();
        assert!(
            f.len() >= 6
                && matches!(f[1], "a" | "b")
                && PLAIN_REASONS.iter().any(|(r, _)| *r == f[4]),
            "tests/plain-variants-known.tsv:{}: want law, a|b, line, unit, a reason of \
             PLAIN_REASONS, a warning code: {l:?}",
            i + 1
        );
        let k = Known {
            reason: f[4].to_string(),
            warning: f[5].to_string(),
        };
        let prev = known.insert((f[0].to_string(), f[1].to_string()), k);
        assert!(
            prev.is_none(),
            "tests/plain-variants-known.tsv:{}: listed twice",
            i + 1
        );
    }
    known
}

/// The failing plain variants of one law with lists: "L" (a law with
/// lists), then one line per variant that reads otherwise: law, variant,
/// line, unit, the code of the parse warning at that line ("-": none), the
/// variant's line, what differs.
fn plain_variant_failures(
    p: &std::path::Path,
    out: &str,
    canonical: &syntax::Document,
) -> Option<String> {
    let mut has_list = false;
    canonical
        .root
        .walk(&mut |c, _| has_list |= matches!(c.kind, Kind::Nummer | Kind::Buchstabe));
    if !has_list {
        return None;
    }
    let law = p.file_stem()?.to_string_lossy().to_string();
    let mut msg = String::from("L\n");
    for (name, variant) in [
        ("a", without_blank_lines_before_items(out)),
        ("b", without_blank_lines(out)),
    ] {
        let doc = syntax::parse(&variant.text);
        if let Some((unit, line, detail)) = first_unit_change(canonical, &doc, &variant) {
            let text: String = variant
                .text
                .lines()
                .nth((line as usize).saturating_sub(1))
                .unwrap_or("")
                .trim()
                .chars()
                .take(60)
                .collect();
            let warning = warning_near(&doc, line);
            let detail = detail.replace('\n', "\u{1f}");
            msg += &format!("{law}\t{name}\t{line}\t{unit}\t{warning}\t{text}\t{detail}\n");
        }
    }
    Some(msg)
}

/// Issue 35: plain text as people write it. For every corpus law with a
/// list, its canonical plain form (a) with the blank lines before list items
/// removed and (b) with every blank line removed reads as the same law.
/// What still reads otherwise is named with its reason in
/// `tests/plain-variants-known.tsv`, and never in silence: a parse warning
/// (lint's P001) stands at the line where it first reads otherwise, and the
/// list names its code. A failure not listed there, or listed with another
/// warning, fails the check; a listed law that now reads the same is
/// reported (strike it). `PARAGRAF_PLAIN_TSV=FILE` writes the list anew.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_plain_variants_read_as_the_same_law() {
    let Some((problems, n)) =
        each_law_formatted(|p, _, out, canonical| plain_variant_failures(p, out, canonical))
    else {
        return;
    };
    let laws = problems.len();
    let failures: Vec<Vec<&str>> = problems
        .iter()
        .flat_map(|m| m.lines().skip(1))
        .map(|l| l.split('\t').collect())
        .collect();
    let fails = |v: &str| failures.iter().filter(|f| f[1] == v).count();
    let (fa, fb) = (fails("a"), fails("b"));
    eprintln!(
        "plain variants of {laws} laws with lists (of {n}): (a) lists without blank lines {} \
         the same law, (b) no blank lines at all {}",
        laws - fa,
        laws - fb
    );
    let warned = failures.iter().filter(|f| f[4] != "-").count();
    eprintln!(
        "misreadings with a parse warning at their line (±{WARNING_REACH}): {warned} of {}",
        failures.len()
    );
    check_known_plain_failures(&failures);
}

/// The failures against `tests/plain-variants-known.tsv`: each named, with
/// the warning that stands at its line.
fn check_known_plain_failures(failures: &[Vec<&str>]) {
    let known = known_plain_failures();
    let mut by_reason = std::collections::BTreeMap::<&str, usize>::new();
    let (mut unnamed, mut silent, mut tsv) = (Vec::new(), Vec::new(), String::new());
    for f in failures {
        let Some(k) = known.get(&(f[0].to_string(), f[1].to_string())) else {
            unnamed.push(f);
            continue;
        };
        *by_reason.entry(k.reason.as_str()).or_default() += 1;
        if f[4] == "-" || f[4] != k.warning {
            silent.push(f);
        }
        let text = f[5].replace('\t', " ");
        tsv += &format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{text}\n",
            f[0], f[1], f[2], f[3], k.reason, f[4]
        );
    }
    if let Ok(path) = std::env::var("PARAGRAF_PLAIN_TSV") {
        std::fs::write(path, &tsv).expect("write PARAGRAF_PLAIN_TSV");
    }
    eprintln!("named reasons: {by_reason:?}");
    let failing: std::collections::BTreeSet<(&str, &str)> =
        failures.iter().map(|f| (f[0], f[1])).collect();
    for (law, v) in known.keys() {
        if !failing.contains(&(law.as_str(), v.as_str())) {
            eprintln!("now reads as the same law: {law} ({v}); strike it from tests/plain-variants-known.tsv");
        }
    }
    for f in unnamed.iter().chain(&silent) {
        // law, variant, line, unit, warning, the variant's line
        eprintln!(
            "{}\t{}\t{}\t{}\t?\t{}\t{}",
            f[0], f[1], f[2], f[3], f[4], f[5]
        );
        eprintln!("  {}", f[6].replace('\u{1f}', "\n  "));
    }
    assert!(
        unnamed.is_empty() && silent.is_empty(),
        "{} plain variants read otherwise and are not named in tests/plain-variants-known.tsv, \
         {} are named without the warning at their line",
        unnamed.len(),
        silent.len()
    );
}
