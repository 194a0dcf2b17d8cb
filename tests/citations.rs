//! Citations checked the way they fail: the drafters' own examples of a
//! dangling citation next to a law's name, citations of other laws of the
//! series by any of their names, and (over the corpus, run by .ci/run)
//! planted defects in real laws.

mod common;

use rayon::prelude::*;
use refs::{Scope, Status, Universe};
use std::collections::BTreeMap;

fn lint_alone(src: &str) -> Vec<lint::Diagnostic> {
    let doc = syntax::parse(src);
    let uni = Universe {
        declared: Vec::new(),
        libraries: &[],
        others: Vec::new(),
    };
    let refs = refs::resolve_all(&doc, src, &uni);
    let config = lint::LintConfig::default();
    let ctx = lint::Ctx::new(&doc, src, &refs, &config);
    lint::run(&ctx)
}

/// (line, column, code) of every diagnostic whose code starts with "R".
fn reference_findings(src: &str) -> Vec<(u32, u32, &'static str)> {
    reference_diagnostics(src)
        .into_iter()
        .map(|d| (d.span.line, d.span.column, d.code))
        .collect()
}

fn reference_diagnostics(src: &str) -> Vec<lint::Diagnostic> {
    lint_alone(src)
        .into_iter()
        .filter(|d| d.code.starts_with('R'))
        .collect()
}

#[test]
fn an_acronym_in_the_title_does_not_make_a_dangling_citation_external() {
    let src = "Gesetz über die Nutzung öffentlicher Daten (Datennutzungsgesetz – DNG)\n\n\
               § 1 Zweck\n\nDaten werden nach § 9. bereitgestellt.\n\n\
               § 2 Aufsicht\n\nDie Aufsicht richtet sich nach § 1.\n";
    assert_eq!(reference_findings(src), vec![(5, 19, "R001")]);
}

#[test]
fn an_authority_named_in_the_satz_does_not_make_a_dangling_citation_external() {
    // the shipped Gesetz VII with a new § 4a that cites a § 13 the law lacks
    let seed = common::seed();
    let at = seed.find("§ 5").expect("the seed has a § 5");
    let planted = format!(
        "{}§ 4a Einstufung\n\nDas BKIE stuft den gemeldeten Vorfall nach § 13 Absatz 3 ein.\n\n{}",
        &seed[..at],
        &seed[at..]
    );
    let line = planted[..planted.find("nach § 13").unwrap()]
        .lines()
        .count() as u32;
    let found = reference_findings(&planted);
    assert!(
        found.iter().any(|(l, _, c)| *l == line && *c == "R001"),
        "no R001 on line {line}: {found:?}"
    );
}

#[test]
fn a_law_of_the_series_is_found_by_its_short_name_and_title() {
    let dng_src = "Gesetz über die Nutzung öffentlicher Daten (Datennutzungsgesetz – DNG)\n\n\
                   § 3 Bereitstellung\n\n(1) Text.\n\n§ 7 Aufsicht\n\nText.\n";
    let dng = syntax::parse(dng_src);
    let citing = "Gesetz X\n\n§ 1 Zweck\n\n\
                  (1) Es gilt § 3 Absatz 1 des DNG.\n\
                  (2) Es gilt § 7 des DNG.\n\
                  (3) Es gilt § 7 des Datennutzungsgesetzes.\n\
                  (4) Es gilt § 3 Absatz 4 des DNG.\n\
                  (5) Es gilt § 8 des Datennutzungsgesetzes.\n";
    let doc = syntax::parse(citing);
    let uni = Universe {
        declared: Vec::new(),
        libraries: &[],
        others: vec![refs::OtherLaw {
            short: "DNG".into(),
            path: "dng.txt".into(),
            doc: &dng,
            declared: Vec::new(),
        }],
    };
    let got: Vec<(String, Status, Option<String>, Option<String>)> =
        refs::resolve_all(&doc, citing, &uni)
            .into_iter()
            .map(|r| (r.reference.text, r.status, r.target, r.target_file))
            .collect();
    let dng_file = Some("dng.txt".to_string());
    assert_eq!(
        got,
        vec![
            (
                "§ 3 Absatz 1 des DNG".into(),
                Status::Resolved,
                Some("para-3_abs-1".into()),
                dng_file.clone()
            ),
            (
                "§ 7 des DNG".into(),
                Status::Resolved,
                Some("para-7".into()),
                dng_file.clone()
            ),
            (
                "§ 7 des Datennutzungsgesetzes".into(),
                Status::Resolved,
                Some("para-7".into()),
                dng_file
            ),
            (
                "§ 3 Absatz 4 des DNG".into(),
                Status::Unresolved,
                None,
                None
            ),
            (
                "§ 8 des Datennutzungsgesetzes".into(),
                Status::Unresolved,
                None,
                None
            ),
        ]
    );
}

/// One planted defect: a citation whose first number was changed.
struct Planted {
    law: String,
    line: u32,
    column: u32,
    before: String,
    after: String,
}

/// The § or Artikel numbers a law has (plain integers only), and whether it
/// has § (false: Artikel).
fn top_numbers(doc: &syntax::Document, artikel: bool) -> Vec<u64> {
    let mut v = Vec::new();
    doc.root.walk(&mut |n, _| {
        let kind = if artikel {
            syntax::ast::Kind::Artikel
        } else {
            syntax::ast::Kind::Paragraf
        };
        if n.kind == kind {
            if let Some(num) = n.num.as_deref() {
                for w in num.split([' ', ',']) {
                    if let Ok(k) = w.trim_matches(|c: char| !c.is_ascii_digit()).parse() {
                        v.push(k);
                    }
                }
            }
        }
    });
    v.sort_unstable();
    v.dedup();
    v
}

/// Plants defects into real laws: resolved citations of a § or Artikel of the
/// law itself, their number changed (a) to one the law lacks (R001 must
/// appear there) and (b) to another § or Artikel it has, for citations of a
/// whole § (no new R001 may appear). Every 8th law of the corpus, up to three
/// citations each.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn corpus_mutations() {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let files = paragraf::workspace::law_files(&dir.join("bund"));
    let sample: Vec<_> = files.iter().step_by(8).collect();
    type Outcome = (
        Vec<(Planted, Vec<&'static str>)>,
        Vec<(Planted, Vec<&'static str>)>,
    );
    let results: Vec<Outcome> = sample
        .par_iter()
        .map(|p| {
            let Ok(src) = syntax::source::read_law(p) else {
                return (Vec::new(), Vec::new());
            };
            let doc = syntax::parse(&src);
            let uni = Universe {
                declared: Vec::new(),
                libraries: &[],
                others: Vec::new(),
            };
            let resolved = refs::resolve_all(&doc, &src, &uni);
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let candidates: Vec<_> = resolved
                .iter()
                .filter(|r| {
                    r.status == Status::Resolved
                        && r.reference.scope == Scope::Internal
                        && r.reference.span.line == r.reference.span.end_line
                        && matches!(
                            r.reference.steps.first().map(|s| s.level),
                            Some(refs::Level::Paragraf | refs::Level::Artikel)
                        )
                        && r.reference.steps[0].items.len() == 1
                        && r.reference.steps[0].items[0].to.is_none()
                        && r.reference.steps[0].items[0]
                            .from
                            .chars()
                            .all(|c| c.is_ascii_digit())
                })
                .collect();
            let pick: Vec<_> = if candidates.len() <= 3 {
                candidates
            } else {
                let k = candidates.len();
                vec![candidates[0], candidates[k / 2], candidates[k - 1]]
            };
            let mut dangling = Vec::new();
            let mut valid = Vec::new();
            for r in pick {
                let artikel = r.reference.steps[0].level == refs::Level::Artikel;
                let have = top_numbers(&doc, artikel);
                let from = &r.reference.steps[0].items[0].from;
                let Some(&max) = have.last() else { continue };
                let span = r.reference.span;
                let text = &src[span.start..span.end];
                // "§ 2 in der Fassung des Gesetzes vom …" cites an earlier
                // text, which a changed number may well name
                let after = src[span.end..].trim_start();
                let soon: String = after.chars().take(40).collect();
                if soon.contains("in der") || after.starts_with("a. F.") {
                    continue;
                }
                let Some(k) = text.find(from.as_str()) else {
                    continue;
                };
                let at = span.start + k;
                let plant = |to: &str| {
                    let mut s = src.clone();
                    s.replace_range(at..at + from.len(), to);
                    s
                };
                let findings = |s: &str| -> Vec<&'static str> {
                    reference_diagnostics(s)
                        .into_iter()
                        .filter(|d| d.span.line == span.line && d.span.column == span.column)
                        .map(|d| match d.code {
                            // the R005 with its kind of evidence
                            "R005" => match d.message.rsplit("; ").next().unwrap_or("") {
                                m if m.starts_with("the Satz") => "R005 (Satz)",
                                m if m.starts_with("another Satz") => "R005 (unit)",
                                m if m.starts_with("the title") => "R005 (title)",
                                m if m.starts_with("the lead-in") => "R005 (lead-in)",
                                m if m.starts_with("it stands in a table") => "R005 (table)",
                                _ => "R005",
                            },
                            c => c,
                        })
                        .collect()
                };
                let missing = (max + 1..).find(|n| !have.contains(n)).unwrap_or(max + 1);
                let to = missing.to_string();
                dangling.push((
                    Planted {
                        law: name.clone(),
                        line: span.line,
                        column: span.column,
                        before: text.to_string(),
                        after: text.replacen(from.as_str(), &to, 1),
                    },
                    findings(&plant(&to)),
                ));
                // a valid one: a whole § or Artikel cited, changed to another it has
                if r.reference.steps.len() == 1 && have.len() > 1 {
                    let other = have
                        .iter()
                        .find(|n| n.to_string() != *from)
                        .map(|n| n.to_string())
                        .unwrap_or_default();
                    let planted = plant(&other);
                    let doc2 = syntax::parse(&planted);
                    let target_ok = refs::resolve_all(&doc2, &planted, &uni).iter().any(|x| {
                        x.reference.span.line == span.line
                            && x.reference.span.column == span.column
                            && x.status == Status::Resolved
                    });
                    if target_ok {
                        valid.push((
                            Planted {
                                law: name.clone(),
                                line: span.line,
                                column: span.column,
                                before: text.to_string(),
                                after: text.replacen(from.as_str(), &other, 1),
                            },
                            findings(&planted),
                        ));
                    }
                }
            }
            (dangling, valid)
        })
        .collect();
    let laws = results.iter().filter(|(d, _)| !d.is_empty()).count();
    let dangling: Vec<_> = results.iter().flat_map(|(d, _)| d).collect();
    let valid: Vec<_> = results.iter().flat_map(|(_, v)| v).collect();
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for (_, codes) in &dangling {
        let key = if codes.contains(&"R001") {
            "R001".to_string()
        } else if codes.is_empty() {
            "silent".to_string()
        } else {
            codes.join("+")
        };
        *by_code.entry(key).or_default() += 1;
    }
    let r001 = by_code.get("R001").copied().unwrap_or(0);
    eprintln!(
        "planted dangling citations: {} in {laws} laws; R001 on {r001}; by outcome: {by_code:?}",
        dangling.len()
    );
    for (p, codes) in dangling
        .iter()
        .filter(|(_, c)| !c.contains(&"R001"))
        .take(40)
    {
        eprintln!(
            "  no R001: {}:{}:{} „{}“ → „{}“ {codes:?}",
            p.law, p.line, p.column, p.before, p.after
        );
    }
    let false_alarms: Vec<_> = valid.iter().filter(|(_, c)| c.contains(&"R001")).collect();
    eprintln!(
        "planted valid citations: {}; new R001 on {}",
        valid.len(),
        false_alarms.len()
    );
    for (p, _) in false_alarms.iter().take(20) {
        eprintln!(
            "  R001 on a valid citation: {}:{}:{} „{}“ → „{}“",
            p.law, p.line, p.column, p.before, p.after
        );
    }
    assert!(
        dangling.len() >= 1000 && laws >= 300,
        "too few planted: {}",
        dangling.len()
    );
    // every planted dangling citation is reported, never silent
    let silent = by_code.get("silent").copied().unwrap_or(0);
    assert_eq!(silent, 0, "silent on {silent} planted dangling citations");
    assert!(false_alarms.is_empty(), "R001 on planted valid citations");
}

/// `[library]` in paragraf.toml: citations of a law outside the series are
/// checked against it („§ 823 Absatz 5 BGB“ when § 823 has three Absätze).
#[test]
fn a_library_checks_citations_of_other_laws() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("bund")).unwrap();
    std::fs::create_dir_all(root.join("laws")).unwrap();
    std::fs::write(
        root.join("bund/bgb.md"),
        "---\nTitle: Bürgerliches Gesetzbuch\njurabk: BGB\n---\n\n# Bürgerliches Gesetzbuch (BGB)\n\n\
         ## § 823 Schadensersatzpflicht\n\n(1) Eins.\n\n(2) Zwei.\n\n(3) Drei.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("paragraf.toml"),
        "[[law]]\nfile = \"laws/x.txt\"\n\n[library]\nbund = \"bund\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("laws/x.txt"),
        "Gesetz X\n\n§ 1 Haftung\n\n(1) § 823 Absatz 2 BGB bleibt unberührt.\n\
         (2) § 823 Absatz 5 BGB gilt entsprechend.\n\
         (3) § 830 des Bürgerlichen Gesetzbuchs gilt.\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["lint", "laws/x.txt", "--format", "json"])
        .current_dir(root)
        .env("XDG_CACHE_HOME", root.join("cache"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(u64, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "R001")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                6,
                "„§ 823 Absatz 5 BGB“ points nowhere: BGB § 823 has 3 Absätze, none numbered 5"
                    .to_string()
            ),
            (
                7,
                "„§ 830 des Bürgerlichen Gesetzbuchs“ points nowhere: BGB has no § 830".to_string()
            ),
        ]
    );
    assert!(!out.status.success());
    // the index is cached for the next run
    assert!(
        std::fs::read_dir(root.join("cache/paragraf"))
            .unwrap()
            .count()
            == 1
    );
}

/// The shape of a unit, for comparing a § parsed alone with the same § in
/// the whole law (spans differ).
fn shape(n: &syntax::ast::Node, out: &mut Vec<String>) {
    out.push(format!(
        "{:?} {} {:?} {:?} {:?} {:?} {:?} {}",
        n.kind, n.id, n.marker, n.num, n.title, n.text, n.cells, n.repealed
    ));
    for c in &n.children {
        shape(c, out);
    }
}

/// A library law's cited § is parsed alone (`refs::parse_unit`), for speed;
/// over every corpus law and every § and Artikel heading, the slice reads
/// as the same unit, with the same ids, as in the whole law, or is not
/// used (the whole law then decides). Never different.
#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn library_slices_read_as_the_whole_law() {
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared/corpus not found");
        return;
    };
    let files = paragraf::workspace::law_files(&dir.join("bund"));
    let (units, used, differ): (usize, usize, Vec<String>) = files
        .par_iter()
        .map(|f| {
            let Ok(src) = std::fs::read_to_string(f) else {
                return (0, 0, Vec::new());
            };
            let whole = syntax::parse(&src);
            let mut by_id = std::collections::HashMap::new();
            whole.root.walk(&mut |n, _| {
                if matches!(
                    n.kind,
                    syntax::ast::Kind::Paragraf | syntax::ast::Kind::Artikel
                ) {
                    by_id.entry(n.id.clone()).or_insert(n);
                }
            });
            let slices = refs::unit_slices(&src);
            let (mut used, mut differ) = (0, Vec::new());
            for (artikel, num, range) in &slices {
                let Some(doc) = refs::parse_unit(&src[range.clone()], *artikel, num) else {
                    continue;
                };
                used += 1;
                let unit = doc
                    .root
                    .children
                    .iter()
                    .find(|c| c.kind != syntax::ast::Kind::Text)
                    .expect("parse_unit checked it");
                let (mut a, mut b) = (Vec::new(), Vec::new());
                shape(unit, &mut a);
                match by_id.get(&unit.id) {
                    Some(n) => shape(n, &mut b),
                    None => b.push("(no such id in the whole law)".into()),
                }
                if a != b {
                    let at = a
                        .iter()
                        .zip(&b)
                        .position(|(x, y)| x != y)
                        .unwrap_or(a.len().min(b.len()));
                    differ.push(format!(
                        "{} {} {num}: slice {:?} / whole {:?}",
                        f.display(),
                        if *artikel { "Artikel" } else { "§" },
                        a.get(at),
                        b.get(at)
                    ));
                }
            }
            (slices.len(), used, differ)
        })
        .reduce(
            || (0, 0, Vec::new()),
            |(a, b, mut c), (x, y, z)| {
                c.extend(z);
                (a + x, b + y, c)
            },
        );
    println!(
        "library slices: {units} § and Artikel headings in {} laws, {used} parsed alone, {} differ from the whole law",
        files.len(),
        differ.len()
    );
    for d in differ.iter().take(20) {
        println!("  {d}");
    }
    assert!(differ.is_empty());
    assert!(
        used * 10 >= units * 9,
        "fewer than 90 % of the slices are usable"
    );
}
