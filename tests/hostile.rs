//! Hostile input: each case ends in correct output or a clear error with exit code 2, never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_paragraf"));
    c.env("NO_COLOR", "1").env_remove("RUST_BACKTRACE");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("paragraf runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn assert_no_panic(o: &Output) {
    let (out, err) = text(o);
    assert!(
        !err.contains("panicked") && !out.contains("panicked"),
        "panic:\n{err}"
    );
    // an abort (stack overflow) or a signal is no cleaner than a panic
    assert!(
        o.status.code().is_some() && !err.contains("overflowed its stack"),
        "killed: {:?}\n{err}",
        o.status
    );
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn fixture(name: &str) -> String {
    format!("{}/tests/hostile/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn invalid_utf8_names_byte_line_and_column() {
    let d = tmp();
    let p = write(d.path(), "bad.txt", b"Gesetz\n\n\xa7 1 Zweck\n");
    let o = run(&["parse", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let (_, err) = text(&o);
    assert!(
        err.contains("bad.txt:3:1: invalid UTF-8 at byte 8"),
        "{err}"
    );
}

#[test]
fn nul_bytes_and_binary_files_are_refused() {
    let d = tmp();
    let p = write(d.path(), "nul.txt", b"Gesetz\n\nText\0mehr\n");
    let o = run(&["parse", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("nul.txt:3:5: NUL byte at byte 12"),
        "{}",
        text(&o).1
    );
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let p = write(d.path(), "binary.txt", &bytes);
    for cmd in ["parse", "lint"] {
        let o = run(&[cmd, p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{cmd}");
        assert_no_panic(&o);
    }
}

#[test]
fn bom_crlf_nbsp_tabs_parse() {
    let o = run(&["parse", &fixture("mixed-line-endings.txt")]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let (out, _) = text(&o);
    assert!(out.contains("absatz (2) [1 Satz]"), "{out}");
    let o = run(&["parse", &fixture("bom-nbsp-tabs.txt"), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "Gesetz H");
    let o = run(&["refs", &fixture("bom-nbsp-tabs.txt")]);
    let (out, _) = text(&o);
    assert!(
        out.contains("§\u{a0}2") && out.contains("Absatz\u{a0}\u{a0}1")
            || out.contains("Absatz\u{a0}1"),
        "{out}"
    );
}

#[test]
fn empty_files_and_odd_shapes() {
    let d = tmp();
    for (name, content) in [
        ("empty.txt", "".to_string()),
        ("newlines.txt", "\n\n\n".into()),
        ("long-line.txt", "a".repeat(1 << 20)),
        ("word.txt", format!("§ 1 {}\n", "x".repeat(150))),
        // a run of spaces is read once by T004, not once per pair of spaces
        // (a million of them once took hours)
        (
            "spaces.txt",
            format!(
                "§ 1 Text{}x\n{}y\n",
                " ".repeat(1 << 20),
                " ".repeat(1 << 20)
            ),
        ),
    ] {
        let p = write(d.path(), name, content.as_bytes());
        let o = run(&["parse", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o).1);
        let o = run(&["lint", p.to_str().unwrap(), "--format", "json"]);
        assert_no_panic(&o);
        assert_ne!(o.status.code(), Some(2), "{name}");
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let d = tmp();
    let mut s = String::from("Gesetz T\n\n§ 1 Tief\n\nEs gilt:\n\n");
    for i in 0..10_000 {
        s.push_str(&" ".repeat(i % 4000));
        s.push_str("1. tief\n\n");
    }
    for i in 0..10_000 {
        s.push_str(&format!(
            "{} Abschnitt {i}\n\n",
            if i % 2 == 0 { "#" } else { "##" }
        ));
    }
    let p = write(d.path(), "deep.md", s.as_bytes());
    let o = run(&["parse", p.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let o = run(&["lint", p.to_str().unwrap(), "--format", "json"]);
    assert_no_panic(&o);
}

#[test]
fn size_limit_is_configurable() {
    let d = tmp();
    let p = write(
        d.path(),
        "big.txt",
        "Gesetz\n\n§ 1 Zweck\n\nText.\n".repeat(100).as_bytes(),
    );
    let o = bin()
        .args(["parse", p.to_str().unwrap()])
        .env("PARAGRAF_MAX_FILE_SIZE", "100")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("exceeds the limit of 100 bytes"),
        "{}",
        text(&o).1
    );
}

#[test]
fn directories_missing_files_and_bad_workspaces() {
    let d = tmp();
    let o = run(&["parse", d.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("is a directory"), "{}", text(&o).1);
    let o = run(&["parse", d.path().join("nope.txt").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("nope.txt: cannot read"),
        "{}",
        text(&o).1
    );
    // a workspace that lists a law that is not there
    write(
        d.path(),
        "paragraf.toml",
        b"[[law]]\nfile = \"fehlt.txt\"\nshort = \"Gesetz I\"\n",
    );
    let p = write(d.path(), "da.txt", b"Gesetz\n\n\xc2\xa7 1 Zweck\n\nText.\n");
    let o = run(&["lint", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o)
            .1
            .contains("fehlt.txt listed in paragraf.toml does not exist"),
        "{}",
        text(&o).1
    );
    // a broken paragraf.toml names line and column
    write(d.path(), "paragraf.toml", b"[[law]]\nfile = 3\n");
    let o = run(&["lint", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("paragraf.toml:2:8"), "{}", text(&o).1);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    let d = tmp();
    write(d.path(), "a.txt", b"Gesetz\n\n\xc2\xa7 1 Zweck\n\nText.\n");
    std::os::unix::fs::symlink(d.path(), d.path().join("loop")).unwrap();
    let o = run(&["parse", d.path().to_str().unwrap(), "--stats"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    assert!(
        text(&o).0.contains("files: 1 parsed, 0 failed"),
        "{}",
        text(&o).0
    );
}

#[test]
fn broken_xml_and_dtds_are_refused_with_a_place() {
    let d = tmp();
    let bad = write(
        d.path(),
        "bad.xml",
        b"<akn:akomaNtoso xmlns:akn=\"x\"><akn:act>\n<akn:body><akn:p>",
    );
    let o = run(&["import", bad.to_str().unwrap()]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).1.contains("bad.xml:1:1: not well-formed XML"),
        "{}",
        text(&o).1
    );
    // an entity bomb is never expanded: documents with a DTD are refused
    let bomb = write(
        d.path(),
        "bomb.xml",
        b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><x>&b;</x>",
    );
    let o = run(&["import", bomb.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("DTD"), "{}", text(&o).1);
    // an amending law that is broken XML: no output file
    let out = d.path().join("out.txt");
    let law = format!("{}/laws/gesetz-vii.txt", env!("CARGO_MANIFEST_DIR"));
    let o = run(&[
        "amend",
        &law,
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_no_panic(&o);
    assert_ne!(o.status.code(), Some(0));
    assert!(!out.exists());
}

#[test]
fn amending_laws_with_unbalanced_quotes_or_garbage_fail_cleanly() {
    for (name, body) in [
        ("unbalanced.txt", "Das Gesetz wird wie folgt geändert:\n\n1. § 1 wird wie folgt gefasst:\n   „§ 1 – Neu\n\n2. § 2 wird aufgehoben.\n".as_bytes()),
        ("nested.txt", "Das Gesetz wird wie folgt geändert:\n\n1. In § 1 wird das Wort „„„x“ durch das Wort „y“ ersetzt.\n".as_bytes()),
        ("empty.txt", b"".as_slice()),
        ("no-commands.txt", "Das Gesetz wird wie folgt geändert:\n".as_bytes()),
        ("deep.txt", "Das Gesetz wird wie folgt geändert:\n\n1. § 3 wird wie folgt geändert:\n\n   a) Absatz 1 wird wie folgt geändert:\n\n      aa) Satz 9 wird aufgehoben.\n".as_bytes()),
    ] {
        amend_fails_cleanly(name, body);
    }
}

/// `amend` of Gesetz VII with the amending law `body` fails with an error that
/// names the file, writes nothing and does not panic; its stderr.
fn amend_fails_cleanly(name: &str, body: &[u8]) -> String {
    let d = tmp();
    let law = format!("{}/laws/gesetz-vii.txt", env!("CARGO_MANIFEST_DIR"));
    let p = write(d.path(), name, body);
    let out = d.path().join(format!("{name}.out"));
    let o = run(&[
        "amend",
        &law,
        p.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_no_panic(&o);
    assert_ne!(o.status.code(), Some(0), "{name}");
    let err = text(&o).1;
    assert!(err.contains(&format!("{name}:")), "{name}: {err}");
    assert!(!out.exists(), "{name}");
    err
}

#[test]
fn quotations_nested_deeper_than_any_command_fail_cleanly() {
    // the command grammar reads „…“ in „…“ by recursion: 200,000 levels once
    // overflowed the stack (an abort, not an error)
    let body = format!(
        "Das Gesetz wird wie folgt geändert:\n\n1. In § 1 wird das Wort „{}x“ durch das Wort „y“ ersetzt.\n",
        "„".repeat(200_000)
    );
    let err = amend_fails_cleanly("deep-quotes.txt", body.as_bytes());
    assert!(err.contains("nest more than"), "{err}");
}

#[test]
fn outputs_into_missing_directories_fail_and_existing_files_are_replaced_whole() {
    let d = tmp();
    let root = env!("CARGO_MANIFEST_DIR");
    let law = format!("{root}/laws/gesetz-vii.txt");
    let amending = format!("{root}/laws/aenderung-gesetz-vii-2026.txt");
    let missing = d.path().join("no/such/dir/out.txt");
    for args in [
        vec![
            "amend",
            law.as_str(),
            amending.as_str(),
            "-o",
            missing.to_str().unwrap(),
        ],
        vec!["export", law.as_str(), "-o", missing.to_str().unwrap()],
        vec![
            "import",
            "tests/fixtures/legaldocml/vereinsgesetz-1964.xml",
            "-o",
            missing.to_str().unwrap(),
        ],
    ] {
        let o = bin().args(&args).current_dir(root).output().unwrap();
        assert_no_panic(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o).1.contains("out.txt"), "{args:?}: {}", text(&o).1);
        assert!(!missing.exists());
    }
    // onto an existing file: replaced by the whole new text, no temporary file left
    let out = write(d.path(), "out.txt", b"old content\n");
    let o = run(&["amend", &law, &amending, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let got = std::fs::read_to_string(&out).unwrap();
    assert!(
        got.starts_with("Gesetz VII") && got.contains("§ 4a – Meldepflicht"),
        "{got}"
    );
    let left: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// Whether permissions keep this process from creating files in `dir` (root passes).
fn cannot_create_in(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    let denied = std::fs::File::create(&probe).is_err();
    let _ = std::fs::remove_file(probe);
    denied
}

#[test]
fn unreadable_files_and_unwritable_outputs_fail_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let root = env!("CARGO_MANIFEST_DIR");
    let law = format!("{root}/laws/gesetz-vii.txt");
    // an output where nobody can create a file, root included
    let o = run(&["export", &law, "-o", "/proc/paragraf-out.xml"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o).1;
    assert!(
        err.contains("/proc/paragraf-out.xml: cannot write: cannot create a file in /proc"),
        "{err}"
    );
    assert_eq!(err.matches("os error").count(), 1, "said once: {err}");

    // a read-only directory and an unreadable law: only meaningful when not root
    let ro = d.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let locked = write(
        d.path(),
        "locked.txt",
        b"Gesetz\n\n\xc2\xa7 1 Zweck\n\nText.\n",
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if cannot_create_in(&ro) && std::fs::read(&locked).is_err() {
        let out = ro.join("out.xml");
        let o = run(&["export", &law, "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).1.contains("cannot write"), "{}", text(&o).1);
        assert_eq!(
            std::fs::read_dir(&ro).unwrap().count(),
            0,
            "nothing half-written"
        );
        let o = run(&["lint", locked.to_str().unwrap()]);
        assert_no_panic(&o);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).1.contains("locked.txt"), "{}", text(&o).1);
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A 100 MB law with about 80,000 §§ (every one cited): parsed and linted whole, in
/// time linear in its size. About a minute and up to 3.6 GB, so `.ci/run` runs it
/// (`cargo test --release --test hostile -- --ignored`).
#[test]
#[ignore]
fn a_100_mb_law_is_parsed_and_linted_whole() {
    let d = tmp();
    let mut law = String::with_capacity(105 << 20);
    law.push_str("Gesetz über sehr viele Vorschriften\n\n");
    let mut n = 0;
    while law.len() < 100 << 20 {
        n += 1;
        law.push_str(&format!("§ {n} Vorschrift {n}\n\n"));
        for k in 1..=6 {
            law.push_str(&format!(
                "({k}) Nach § {} Absatz {k} gilt dies auch für die Fälle des Absatzes 1 \
                 Satz 1, soweit nicht die Nummer 2 etwas anderes bestimmt. Ein zweiter \
                 Satz folgt hier, damit der Absatz zwei Sätze hat.\n\n1. eins,\n2. zwei.\n\n",
                n.max(2) - 1
            ));
        }
    }
    let p = write(d.path(), "gross.txt", law.as_bytes());
    let o = run(&["parse", p.to_str().unwrap()]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let outline = text(&o).0;
    assert_eq!(outline.matches("paragraf § ").count(), n, "every § found");
    let o = run(&["lint", p.to_str().unwrap(), "--statistics"]);
    assert_no_panic(&o);
    let (out, err) = text(&o);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{err}");
    assert!(!out.contains("R001") && !out.contains("S001"), "{out}");
}

#[test]
fn huge_reference_ranges_resolve_by_their_ends_not_by_enumeration() {
    let d = tmp();
    let p = write(
        d.path(),
        "range.txt",
        "Gesetz\n\n§ 1 Zweck\n\n(1) Die §§ 1 bis 99999 gelten.\n\n(2) Die Absätze 1 bis 999999999 \
         und die Nummern 1 bis 18446744073709551616 ebenso.\n"
            .as_bytes(),
    );
    let o = run(&["refs", p.to_str().unwrap()]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let out = text(&o).0;
    assert!(
        out.contains("§§ 1 bis 99999\tunresolved\tthe law has no § 99999"),
        "{out}"
    );
    let o = run(&["lint", p.to_str().unwrap()]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1));
}
