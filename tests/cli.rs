//! The command line as a whole: closed pipes, standard input, defaults,
//! `lint --fix`, `diff --format`, man pages, `amend`'s errors.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn paragraf() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_paragraf"));
    c.env("NO_COLOR", "1").env_remove("COLUMNS");
    c
}

/// Run with `input` on standard input.
fn with_stdin(mut c: Command, input: &str) -> Output {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A copy of the fix fixture (a workspace with citation-style "written").
fn fix_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["paragraf.toml", "gesetz-x.txt"] {
        std::fs::copy(
            root().join("tests/fixtures/fix").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    dir
}

/// Every command that prints, with its standard output a pipe whose reader
/// is gone before it writes: exit 0, nothing on standard error.
#[test]
fn a_closed_pipe_ends_quietly_with_exit_0() {
    let seed = root().join("laws/gesetz-vii.txt");
    let seed = seed.to_str().unwrap();
    let fixture = root().join("tests/fixtures/vires/gesetz-vii-2026-03-01.txt");
    let cases: Vec<Vec<&str>> = vec![
        vec!["completions", "bash"],
        vec!["explain"],
        vec!["explain", "unresolved-reference"],
        vec!["explain", "config"],
        vec!["man"],
        vec!["parse", seed],
        vec!["parse", seed, "--json"],
        vec!["lint", seed],
        vec!["refs", seed],
        vec!["fmt", "--stdout", seed],
        vec!["diff", seed, fixture.to_str().unwrap()],
        vec!["diff", seed, fixture.to_str().unwrap(), "--format", "json"],
    ];
    for args in cases {
        for _ in 0..3 {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            let o = paragraf()
                .args(&args)
                .stdout(writer)
                .stderr(Stdio::piped())
                .output()
                .unwrap();
            assert_eq!(
                (o.status.code(), text(&o.stderr)),
                (Some(0), String::new()),
                "paragraf {args:?}"
            );
        }
    }
}

#[test]
fn fmt_and_lint_read_standard_input() {
    let law = common::fixture("fix/gesetz-x.txt");
    let o = with_stdin(
        {
            let mut c = paragraf();
            c.args(["fmt", "-"]);
            c
        },
        &law,
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("Gesetz X – Gesetz über die Beispiele\n"));
    // the name given stands in the diagnostics, and its workspace counts
    // (citation-style "written": C001 fires)
    let name = root().join("tests/fixtures/fix/gesetz-x.txt");
    let o = with_stdin(
        {
            let mut c = paragraf();
            c.args(["lint", "-", "--stdin-filename"]).arg(&name);
            c
        },
        &law,
    );
    let out = text(&o.stdout);
    assert!(
        out.contains(&format!("--> {}:7:", name.display())) && out.contains("C001"),
        "{out}"
    );
    // a missing file: the OS message once
    let o = paragraf()
        .args(["fmt", "--stdout", "/nonexistent/x.txt"])
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn lint_defaults_to_the_workspace_and_warns_when_there_is_nothing() {
    let ws = fix_workspace();
    let sub = ws.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let o = paragraf().arg("lint").current_dir(&sub).output().unwrap();
    let out = text(&o.stdout);
    assert!(
        out.contains("gesetz-x.txt") && out.contains("1 file(s):"),
        "{out}"
    );
    let empty = tempfile::tempdir().unwrap();
    let o = paragraf().arg("lint").arg(empty.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stderr).starts_with("warning: no law files (*.txt, *.md) in "),
        "{}",
        text(&o.stderr)
    );
    // an empty law text, here on standard input
    let mut c = paragraf();
    c.args(["lint", "-"]);
    let o = with_stdin(c, " \n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stderr), "warning: -: empty: no law text to lint\n");
}

/// `--diff` shows the certain fixes; `--fix` writes them and lints the rest.
#[test]
fn lint_fix_and_diff() {
    let ws = fix_workspace();
    let law = ws.path().join("gesetz-x.txt");
    let o = paragraf()
        .args(["lint", "--diff", "gesetz-x.txt"])
        .current_dir(ws.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    insta::assert_snapshot!("lint_diff", text(&o.stdout));
    assert_eq!(
        std::fs::read_to_string(&law).unwrap(),
        common::fixture("fix/gesetz-x.txt"),
        "--diff writes nothing"
    );
    let o = paragraf()
        .args(["lint", "--fix", "gesetz-x.txt"])
        .current_dir(ws.path())
        .output()
        .unwrap();
    assert_eq!(
        text(&o.stderr),
        "fixed 8 finding(s) in gesetz-x.txt\n",
        "{}",
        text(&o.stdout)
    );
    // what is left: „a"b“ and „den Abs. 3“ (the dative plural), not certain
    insta::assert_snapshot!("lint_after_fix", text(&o.stdout));
    insta::assert_snapshot!("fixed_law", std::fs::read_to_string(&law).unwrap());
    // nothing left to fix
    let o = paragraf()
        .args(["lint", "--diff", "gesetz-x.txt"])
        .current_dir(ws.path())
        .output()
        .unwrap();
    assert_eq!((o.status.code(), text(&o.stdout)), (Some(0), String::new()));
}

#[test]
fn diff_formats_are_one_choice() {
    let seed = root().join("laws/gesetz-vii.txt");
    let new = root().join("tests/fixtures/vires/gesetz-vii-2026-03-01.txt");
    let run = |extra: &[&str]| {
        paragraf()
            .arg("diff")
            .arg(&seed)
            .arg(&new)
            .args(extra)
            .output()
            .unwrap()
    };
    // the old flags are aliases of --format
    for (flag, format) in [
        ("--json", "json"),
        ("--unified", "unified"),
        ("--side-by-side", "side-by-side"),
    ] {
        let (a, b) = (run(&[flag]), run(&["--format", format]));
        assert_eq!(a.status.code(), Some(1));
        assert_eq!(text(&a.stdout), text(&b.stdout), "{flag}");
    }
    assert_eq!(
        text(&run(&[]).stdout),
        text(&run(&["--format", "inline"]).stdout)
    );
    // and exclude each other
    for bad in [
        &["--json", "--unified"][..],
        &["--format", "json", "--side-by-side"],
        &["--amendments", "--json"],
    ] {
        let o = run(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(text(&o.stderr).contains("cannot be used with"), "{bad:?}");
    }
}

#[test]
fn man_pages_per_subcommand() {
    let out = tempfile::tempdir().unwrap();
    let o = paragraf()
        .args(["man", "--dir"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() > 15, "{names:?}");
    let main = std::fs::read_to_string(out.path().join("paragraf.1")).unwrap();
    // every page it points to exists
    for n in names.iter().filter(|n| *n != "paragraf.1") {
        let page = n.trim_end_matches(".1").replace('-', "\\-");
        assert!(main.contains(&format!("{page}(1)")), "{n} not in SEE ALSO");
    }
    let lint = std::fs::read_to_string(out.path().join("paragraf-lint.1")).unwrap();
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH \"EXIT STATUS\"",
        ".SH \"FILES\"",
        ".SH \"ENVIRONMENT\"",
        "paragraf.toml",
        "\\-\\-fix",
    ] {
        assert!(lint.contains(section), "{section} missing:\n{lint}");
    }
    assert!(names.contains(&"paragraf-lint.1".to_string()));
    assert!(!names
        .iter()
        .any(|n| n.contains("git-diff") || n.contains("help")));
}

/// An Änderungsbefehl the reader cannot read: its text, a caret where
/// reading stopped, the forms expected.
#[test]
fn amend_errors_show_where_reading_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "Gesetz zur Änderung des Gesetzes VII\n\nArtikel 1\n\nDas Gesetz VII wird wie folgt geändert:\n\n1. In § 3 Absatz 1 wird das Wort „KI“ verschoben nach hinten.\n",
    )
    .unwrap();
    let o = paragraf()
        .args(["amend", "laws/gesetz-vii.txt"])
        .arg(&bad)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr).replace(&dir.path().display().to_string(), "DIR");
    insta::assert_snapshot!("amend_unreadable", err);
}

#[cfg(feature = "pdf")]
#[test]
fn build_prints_a_summary() {
    let ws = fix_workspace();
    let out = tempfile::tempdir().unwrap();
    let o = paragraf()
        .args(["build", "--force", "--out"])
        .arg(out.path())
        .arg(ws.path())
        .output()
        .unwrap();
    let err = text(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("wrote "), "{err}");
    // the warnings it counts are shown
    assert!(err.contains("warning[C001]"), "{err}");
    let last: Vec<&str> = err.lines().filter(|l| !l.is_empty()).collect();
    assert!(
        last[last.len() - 2].starts_with("lint: 1 law(s) and Fassung(en): 0 error(s), "),
        "{err}"
    );
    assert!(
        last[last.len() - 1].starts_with("built 2 PDF(s) in "),
        "{err}"
    );
}
