//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// Whether the command-line tool `name` runs. When it does not, a test that
/// needs it is skipped on a developer's machine, but fails under CI (`CI` set),
/// where `.ci/run` installs `package`: a check must not pass by not running.
pub fn tool(name: &str, package: &str) -> bool {
    let ok = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{name} is missing (apt-get install {package}); CI requires it"
        );
        eprintln!("skipped: {name} not installed (apt-get install {package})");
    }
    ok
}

/// `../shared/corpus` beside the project, if present.
pub fn corpus_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    p.is_dir().then_some(p)
}

pub fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/laws/gesetz-vii.txt"))
        .expect("laws/gesetz-vii.txt")
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// The units of a law that an amending law speaks about (not the editorial
/// parts), for comparing a consolidated text with the new Fassung.
/// A unit as the comparison sees it: id, kind, number, title, text.
pub type UnitView = (String, String, Option<String>, Option<String>, String);

///
/// Text is compared word by word: the kind and run of a space (a double
/// space, a no-break space in "500 000") is layout, which no Änderungsbefehl
/// says and `diff` reports as no change of wording.
pub fn law_units(doc: &syntax::Document) -> Vec<UnitView> {
    // (nor is juris' mark „♦“ law text)
    let words = |s: &str| {
        s.replace(diff::PUBLISHER_MARK, " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    diff::entries(doc)
        .into_iter()
        .filter(|e| !amend::generate::is_editorial(e.kind))
        .map(|e| {
            (
                e.id,
                e.kind.as_str().to_string(),
                e.num,
                e.title.as_deref().map(words),
                words(&e.text),
            )
        })
        .collect()
}

/// The amending law generated for OLD → NEW, after asserting that it applies
/// to OLD and gives NEW's units.
pub fn generate_and_apply_docs(x: &syntax::Document, y: &syntax::Document) -> String {
    let (a, b) = (diff::entries(x), diff::entries(y));
    let changes = diff::diff_entries(&a, &b);
    let text = amend::generate::aenderungsbefehle(x, y, &a, &b, &changes, Default::default());
    let law = amend::parse::parse("gen", &text, x.title.as_deref(), None).unwrap();
    let mut doc = x.clone();
    let o = amend::apply::apply(&mut doc, &law, "gen", &Default::default(), false);
    assert!(o.failed.is_empty(), "{:?}\n{text}", o.failed);
    assert_eq!(law_units(&doc), law_units(y), "{text}");
    assert_eq!(
        written_back(&doc),
        law_units(&doc),
        "the consolidated text as written reads back otherwise"
    );
    text
}

/// The units of a consolidated law as `paragraf amend` writes it and reads it
/// back (issue 23: the same tree as in memory).
pub fn written_back(doc: &syntax::Document) -> Vec<UnitView> {
    law_units(&syntax::parse(&syntax::print::print(
        doc,
        &Default::default(),
    )))
}

/// The citations of a law resolved on its own (no workspace, nothing declared).
/// The citations of a law text parsed alone (no workspace).
pub fn refs_of(src: &str) -> Vec<refs::Resolved> {
    refs_alone(&syntax::parse(src), src)
}

pub fn refs_alone(doc: &syntax::Document, src: &str) -> Vec<refs::Resolved> {
    let uni = refs::Universe {
        declared: Vec::new(),
        libraries: &[],
        others: Vec::new(),
    };
    refs::resolve_all(doc, src, &uni)
}

/// The citation written `text` among `refs` (the first one), or a panic listing them all.
pub fn reference<'r>(refs: &'r [refs::Resolved], text: &str) -> &'r refs::Resolved {
    refs.iter()
        .find(|r| r.reference.text == text)
        .unwrap_or_else(|| panic!("{text} not in {refs:#?}"))
}

/// The first citation whose text starts with `text`.
pub fn reference_starting<'r>(refs: &'r [refs::Resolved], text: &str) -> &'r refs::Resolved {
    refs.iter()
        .find(|r| r.reference.text.starts_with(text))
        .unwrap_or_else(|| panic!("{text} not in {refs:#?}"))
}

/// `paragraf ARGS` in `dir`, which must succeed: its standard output.
pub fn run_in(dir: &std::path::Path, args: &[impl AsRef<std::ffi::OsStr>]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
