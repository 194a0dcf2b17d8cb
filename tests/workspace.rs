//! paragraf.toml is read into typed values: a typo is an error with the
//! file's line and column, never silently ignored.

mod common;

use std::process::Command;

fn lint_with_config(config: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("g.txt"),
        "Gesetz G\n\n§ 1 – Zweck\n\nText.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("paragraf.toml"), config).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("lint")
        .arg(dir.path())
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_bad_severity_is_an_error_at_its_line_and_column() {
    let (code, err) = lint_with_config("[lint]\n[lint.severity]\nT001 = \"eror\"\n");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("paragraf.toml:3:8:") && err.contains("eror"),
        "{err}"
    );
}

#[test]
fn an_unknown_rule_code_is_an_error() {
    for config in [
        "[lint]\nignore = [\"X123\"]\n",
        "[lint.severity]\nX123 = \"info\"\n",
    ] {
        let (code, err) = lint_with_config(config);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("paragraf.toml:") && err.contains("unknown rule `X123`"),
            "{err}"
        );
    }
}

#[test]
fn an_unknown_key_is_an_error() {
    let (code, err) = lint_with_config("[[law]]\nfile = \"g.txt\"\nrole = \"x\"\n");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("paragraf.toml:3:1:") && err.contains("unknown field `role`"),
        "{err}"
    );
}

#[test]
fn a_good_configuration_is_obeyed() {
    // T001 is switched off by code, R001 lowered to info by name
    let (code, err) = lint_with_config(
        "[lint]\nignore = [\"t001\"]\n[lint.severity]\nunresolved-reference = \"info\"\n",
    );
    assert_eq!(code, Some(0), "{err}");
}

/// The line of `paragraf history` output for `unit`.
fn line_of(history: &str, unit: &str) -> String {
    history
        .lines()
        .find(|l| l.starts_with(&format!("{unit} ")))
        .unwrap_or_else(|| panic!("no {unit} in\n{history}"))
        .to_string()
}

#[test]
fn history_names_the_amending_law_of_each_changed_unit_and_show_gives_the_fassung_at_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "gesetz.txt",
        "Gesetz über Fristen\n\nFassung\n\n· 1. Februar 2026\n\n§ 1 – Frist\n\nDie Frist beträgt einen Monat.\n\n§ 2 – Form\n\nDer Antrag ist schriftlich zu stellen.\n\n§ 3 – Zuständigkeit\n\nZuständig ist die Gemeinde.\n",
    );
    let aenderung = |n: u32, cmd: &str, inkraft: &str| {
        format!("Gesetz {n} zur Änderung des Gesetzes über Fristen\n\nArtikel 1 – Änderung\n\nDas Gesetz über Fristen wird wie folgt geändert:\n\n1. {cmd}\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt {inkraft} in Kraft.\n")
    };
    w(
        "a1.txt",
        &aenderung(
            1,
            "In § 1 werden die Wörter „einen Monat“ durch die Wörter „zwei Wochen“ ersetzt.",
            "am 1. April 2026",
        ),
    );
    w(
        "a2.txt",
        &aenderung(
            2,
            "In § 3 wird das Wort „Gemeinde“ durch das Wort „Kreisverwaltung“ ersetzt.",
            "am Tag nach der Verkündung",
        ),
    );
    w("a3.txt", &aenderung(3, "Nach § 2 wird der folgende § 2a eingefügt:\n   „§ 2a – Frist für Einwendungen\n\n   Einwendungen sind binnen einer Woche zu erheben.“", "am 1. Januar 2027"));
    w(
        "paragraf.toml",
        "[[law]]\nfile = \"gesetz.txt\"\nhistory = [\n  { amending = \"a1.txt\" },\n  { amending = \"a2.txt\", verkuendet = \"2026-06-14\" },\n  { amending = \"a3.txt\" },\n]\n",
    );
    let run = |args: &[&str]| common::run_in(dir.path(), args);
    let h = run(&["history", "gesetz.txt"]);
    let line = |unit: &str| line_of(&h, unit);
    assert!(
        line("§ 1").contains("a1.txt") && line("§ 1").contains("1. April 2026"),
        "{h}"
    );
    assert!(
        line("§ 3").contains("a2.txt") && line("§ 3").contains("15. Juni 2026"),
        "{h}"
    );
    assert!(
        line("§ 2a").contains("a3.txt") && line("§ 2a").contains("1. Januar 2027"),
        "{h}"
    );
    assert!(!h.contains("§ 2 "), "§ 2 never changed:\n{h}");
    assert_eq!(run(&["history", "gesetz.txt", "§ 3"]).lines().count(), 1);
    // the Fassung at three dates
    let at = |d: &str| run(&["show", "gesetz.txt", "--as-of", d]);
    let v = at("2026-03-01");
    assert!(
        v.contains("einen Monat") && v.contains("Gemeinde") && v.contains("· 1. Februar 2026"),
        "{v}"
    );
    let v = at("2026-07-01");
    assert!(
        v.contains("zwei Wochen") && v.contains("Kreisverwaltung") && !v.contains("§ 2a"),
        "{v}"
    );
    assert!(v.contains("· 15. Juni 2026"), "{v}");
    let v = at("2027-01-01");
    assert!(
        v.contains("§ 2a – Frist für Einwendungen") && v.contains("· 1. Januar 2027"),
        "{v}"
    );
    // and diff compares two dates of the law: the changes of a1 and a2, not a3
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "diff",
            "gesetz.txt",
            "--from",
            "2026-03-01",
            "--to",
            "2026-07-01",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let d = String::from_utf8(out.stdout).unwrap();
    assert!(
        d.contains("§ 1 (geändert)") && d.contains("§ 3 (geändert)") && !d.contains("§ 2a"),
        "{d}"
    );
    assert!(
        !d.contains("Layout"),
        "the two dates differ in wording only:\n{d}"
    );
}

#[test]
fn an_amending_law_with_two_dates_makes_two_fassungen() {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    w(
        "gesetz.txt",
        "Gesetz über Fristen\n\nFassung\n\n· 1. Februar 2026\n\n§ 1 – Frist\n\nDie Frist beträgt einen Monat.\n\n§ 2 – Form\n\nDer Antrag ist schriftlich zu stellen.\n\n§ 3 – Zuständigkeit\n\nZuständig ist die Gemeinde.\n",
    );
    w(
        "a1.txt",
        "Gesetz zur Änderung des Gesetzes über Fristen\n\nArtikel 1 – Änderung\n\nDas Gesetz über Fristen wird wie folgt geändert:\n\n1. In § 1 werden die Wörter „einen Monat“ durch die Wörter „zwei Wochen“ ersetzt.\n\n2. In § 3 wird das Wort „Gemeinde“ durch das Wort „Kreisverwaltung“ ersetzt.\n\nArtikel 2 – Inkrafttreten\n\n(1) Artikel 1 Nummer 2 tritt am 1. Januar 2027 in Kraft.\n\n(2) Im Übrigen tritt dieses Gesetz am Tag nach der Verkündung in Kraft.\n",
    );
    w(
        "paragraf.toml",
        "[[law]]\nfile = \"gesetz.txt\"\nhistory = [{ amending = \"a1.txt\", verkuendet = \"2026-03-31\" }]\n",
    );
    let run = |args: &[&str]| common::run_in(dir.path(), args);
    // the blame names both dates of the one amending law
    let h = run(&["history", "gesetz.txt"]);
    let line = |unit: &str| line_of(&h, unit);
    assert!(line("§ 1").contains("1. April 2026"), "{h}");
    assert!(line("§ 3").contains("1. Januar 2027"), "{h}");
    assert!(line("§ 1").contains("a1.txt") && line("§ 3").contains("a1.txt"));
    // three dates: before, between, after
    let at = |d: &str| run(&["show", "gesetz.txt", "--as-of", d]);
    let v = at("2026-03-31");
    assert!(v.contains("einen Monat") && v.contains("Gemeinde"), "{v}");
    let v = at("2026-06-01");
    assert!(v.contains("zwei Wochen") && v.contains("Gemeinde"), "{v}");
    assert!(v.contains("· 1. April 2026"), "{v}");
    let v = at("2027-01-01");
    assert!(
        v.contains("zwei Wochen") && v.contains("Kreisverwaltung"),
        "{v}"
    );
    assert!(v.contains("· 1. Januar 2027"), "{v}");
    // the LegalDocML export knows three Fassungen: the third is version 3
    let x = run(&["export", "gesetz.txt", "--as-of", "2027-01-01"]);
    assert!(
        x.contains("/2027-01-01/3/deu"),
        "{}",
        &x[..x.len().min(3000)]
    );
}

#[test]
fn the_example_law_of_init_is_clean_and_in_the_canonical_form() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["init", demo.to_str().unwrap()]).status.success());
    let law = demo.join("laws/beispiel.txt");
    let o = run(&["lint", law.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("0 error(s), 0 warning(s)"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = run(&["fmt", "--check", law.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // it shows the forms it explains: Buchstaben, a footnote, an Anlage with its § and a table
    let o = run(&["parse", law.to_str().unwrap()]);
    let tree = String::from_utf8_lossy(&o.stdout);
    for kind in [
        "buchstabe a)",
        "fussnote",
        "anlage Anlage 1 (zu § 2)",
        "tabelle",
        "hinweis",
    ] {
        assert!(tree.contains(kind), "no {kind} in\n{tree}");
    }
}
