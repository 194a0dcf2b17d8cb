//! PDF output: text completeness, hostile law text, reproducibility, template errors.
#![cfg(feature = "pdf")]

mod common;

use std::process::Command;

/// The PDF's text; None when pdftotext is missing outside CI (see common::tool).
fn pdftotext(pdf: &std::path::Path) -> Option<String> {
    if !common::tool("pdftotext", "poppler-utils") {
        return None;
    }
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn paragraf(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// Words (letters and digits) in order, with hyphenation at line ends undone.
fn words(s: &str) -> Vec<String> {
    let s = s.replace("\u{ad}\n", "").replace("-\n", "-");
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_subsequence(needle: &[String], hay: &[String]) -> Result<(), String> {
    let mut i = 0;
    for w in hay {
        if i < needle.len() && *w == needle[i] {
            i += 1;
        }
    }
    if i == needle.len() {
        Ok(())
    } else {
        Err(format!(
            "word {i} „{}“ missing (context: {:?})",
            needle[i],
            &needle[i.saturating_sub(5)..(i + 5).min(needle.len())]
        ))
    }
}

#[test]
fn seed_pdf_holds_every_word_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.pdf");
    let seed = format!("{}/laws/gesetz-vii.txt", env!("CARGO_MANIFEST_DIR"));
    let o = paragraf(&["pdf", &seed, "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let Some(text) = pdftotext(&out) else {
        return;
    };
    // the words of the seed, without the list dashes and emphasis marks (markup)
    let seed_words = words(&common::seed());
    is_subsequence(&seed_words, &words(&text)).unwrap();
}

#[test]
fn a_law_with_its_own_inhaltsuebersicht_gets_no_second_one() {
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join("g.txt");
    std::fs::write(
        &law,
        "Gesetz T\n\nInhaltsübersicht\n\n§ 1 Zweck\n\n§ 2 Ende\n\n§ 1 – Zweck\n\nText eins.\n\n\
         § 2 – Ende\n\nText zwei.\n",
    )
    .unwrap();
    let out = dir.path().join("g.pdf");
    let o = paragraf(&["pdf", law.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let Some(text) = pdftotext(&out) else {
        return;
    };
    assert_eq!(text.matches("Inhaltsübersicht").count(), 1, "{text}");
    // the seed has none: Typst makes one
    let seed = format!("{}/laws/gesetz-vii.txt", env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("seed.pdf");
    let o = paragraf(&["pdf", &seed, "-o", out.to_str().unwrap()]);
    assert!(o.status.success());
    let text = pdftotext(&out).unwrap_or_default();
    assert_eq!(text.matches("Inhaltsübersicht").count(), 1, "{text}");
}

#[test]
fn hostile_text_prints_literally() {
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join("boese.txt");
    let long = "Donau".repeat(30);
    let src = format!(
        "Gesetz B\n\n§ 1 Zweck\n\n(1) #read(\"/etc/passwd\") und #import \"x.typ\": * und #set page(width: 1cm).\n(2) Formeln $x^2$, *fett*, _kursiv_, `code`, @marke, <anker>.\n(3) Zeichen \\ und \\\\ und ] [ und {{ }}.\n(4) {long}.\n(5) Nach §\u{a0}2 und Absatz\u{a0}1.\n"
    );
    std::fs::write(&law, &src).unwrap();
    let out = dir.path().join("boese.pdf");
    let o = paragraf(&["pdf", law.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let Some(text) = pdftotext(&out) else {
        return;
    };
    let flat: String = text
        .replace("\u{ad}\n", "")
        .replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for needle in [
        "#read(\"/etc/passwd\")",
        "#import \"x.typ\": *",
        "#set page(width: 1cm)",
        "$x^2$",
        "*fett*",
        "_kursiv_",
        "`code`",
        "@marke",
        "<anker>",
        "\\ und \\\\",
        "] [",
        "{ }",
        "§ 2",
    ] {
        assert!(
            flat.contains(needle),
            "„{needle}“ not printed literally in:\n{flat}"
        );
    }
    assert!(
        flat.replace(' ', "").contains(&long),
        "the 150-letter word is cut"
    );
    // nothing was read from the disk: no passwd content
    assert!(!flat.contains("root:x:0:0"));
    // the page width was not changed by the law text
    let info = Command::new("pdfinfo").arg(&out).output().unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("595.276 x 841.89"));
}

#[test]
fn same_input_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let seed = format!("{}/laws/gesetz-vii.txt", env!("CARGO_MANIFEST_DIR"));
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    assert!(paragraf(&["pdf", &seed, "-o", a.to_str().unwrap()])
        .status
        .success());
    assert!(paragraf(&["pdf", &seed, "-o", b.to_str().unwrap()])
        .status
        .success());
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn template_errors_name_file_line_column_and_leave_no_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(
        tpl.join("gesetz.typ"),
        "#let data = json(\"/law.json\")\n\n#data.nonexistent\n",
    )
    .unwrap();
    let out = dir.path().join("x.pdf");
    let seed = format!("{}/laws/gesetz-vii.txt", env!("CARGO_MANIFEST_DIR"));
    let o = paragraf(&[
        "pdf",
        &seed,
        "-o",
        out.to_str().unwrap(),
        "--template",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("tpl/gesetz.typ:3:") && err.contains("nonexistent"),
        "{err}"
    );
    assert!(!out.exists());
    // the template may not read other files
    std::fs::write(tpl.join("gesetz.typ"), "#read(\"/etc/passwd\")\n").unwrap();
    let o = paragraf(&[
        "pdf",
        &seed,
        "-o",
        out.to_str().unwrap(),
        "--template",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("access denied"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.exists());
}

#[test]
fn build_publishes_each_fassung_of_the_series_and_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let laws = format!("{}/laws", env!("CARGO_MANIFEST_DIR"));
    let build = |as_of: &str| {
        let o = paragraf(&[
            "build",
            &laws,
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            as_of,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let err = build("2026-12-06");
    for f in [
        "gesetz-vii-2025-10-14.pdf",
        "gesetz-vii-2026-03-01.pdf",
        "gesetz-vii-2026-03-01.txt",
        "gesetz-vii.pdf",
        "aenderung-gesetz-vii-2026.pdf",
        "vires.pdf",
    ] {
        assert!(out.join(f).is_file(), "no {f}:\n{err}");
    }
    // the derived Fassung was linted (with its entry's Anhang III: no
    // error anywhere), and is the text the drafters expect
    assert!(
        err.contains("lint: 3 law(s) and Fassung(en): 0 error(s), ") && !err.contains("error["),
        "{err}"
    );
    let fixture = format!(
        "{}/tests/fixtures/vires/gesetz-vii-2026-03-01.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let derived = out.join("gesetz-vii-2026-03-01.txt");
    let o = paragraf(&["diff", derived.to_str().unwrap(), &fixture]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // the current Fassung is the 2026 one
    let read = |f: &str| std::fs::read(out.join(f)).unwrap();
    assert_eq!(read("gesetz-vii.pdf"), read("gesetz-vii-2026-03-01.pdf"));
    let volume = pdftotext(&out.join("vires.pdf"));
    if let Some(v) = &volume {
        assert!(v.contains("§ 4a"), "the volume holds the current Fassung");
    }

    // before the Inkrafttreten the current Fassung is the original
    let out2 = tempfile::tempdir().unwrap();
    let o = paragraf(&[
        "build",
        &laws,
        "--out",
        out2.path().to_str().unwrap(),
        "--as-of",
        "2026-02-28",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!out2.path().join("gesetz-vii-2026-03-01.pdf").exists());
    let read2 = |f: &str| std::fs::read(out2.path().join(f)).unwrap();
    assert_eq!(read2("gesetz-vii.pdf"), read2("gesetz-vii-2025-10-14.pdf"));
    assert_eq!(
        read2("gesetz-vii-2025-10-14.pdf"),
        read("gesetz-vii-2025-10-14.pdf")
    );
}

/// The text of the Synopse PDF of the shipped law and its 2026 Fassung,
/// made by `paragraf diff` with `extra` arguments (None without pdftotext).
fn shipped_synopse_text(extra: &[&str]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synopse.pdf");
    let root = env!("CARGO_MANIFEST_DIR");
    let (old, new) = (
        format!("{root}/laws/gesetz-vii.txt"),
        format!("{root}/tests/fixtures/vires/gesetz-vii-2026-03-01.txt"),
    );
    let mut args = vec!["diff", &old, &new];
    args.extend_from_slice(extra);
    args.extend(["--pdf", out.to_str().unwrap()]);
    let o = paragraf(&args);
    // a diff that finds changes is 1; a complete amending law is 0
    let want = if extra.contains(&"--amendments") {
        0
    } else {
        1
    };
    assert_eq!(
        o.status.code(),
        Some(want),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    pdftotext(&out)
}

#[test]
fn synopse_pdf_has_both_columns() {
    let Some(text) = shipped_synopse_text(&[]) else {
        return;
    };
    for w in [
        "Fassung vom 14. Oktober 2025",
        "Fassung vom 1. März 2026",
        "unverändert",
        "Meldepflicht",
        "Lizenzentzug",
    ] {
        assert!(text.contains(w), "{w} missing");
    }
}

#[test]
fn init_then_build_works_for_a_newcomer() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let o = paragraf(&["init", demo.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = paragraf(&["build", demo.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(demo.join("dist/beispiel.pdf").is_file());
    // init does not overwrite a workspace
    assert_eq!(
        paragraf(&["init", demo.to_str().unwrap()]).status.code(),
        Some(2)
    );
    // the workspace's templates are used: a broken one is reported with its path
    std::fs::write(demo.join("templates/gesetz.typ"), "#undefined-thing\n").unwrap();
    let o = paragraf(&["build", demo.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("templates/gesetz.typ:1:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn three_column_synopse_pdf_of_the_shipped_amending_law() {
    let Some(text) = shipped_synopse_text(&["--amendments"]) else {
        return;
    };
    for w in [
        "Änderungsbefehl",
        "Fassung vom 14. Oktober 2025",
        "Nach § 4 wird der folgende § 4a eingefügt",
        "§ 5 Absatz 4 wird aufgehoben.",
    ] {
        assert!(text.contains(w), "no {w:?} in\n{text}");
    }
}

/// Renders `src` (a law's text) and returns the PDF's text (None without pdftotext).
fn render_text(name: &str, src: &str) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join(name);
    std::fs::write(&law, src).unwrap();
    let out = dir.path().join("out.pdf");
    let o = paragraf(&["pdf", law.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    pdftotext(&out)
}

#[test]
fn footnotes_print_at_the_foot_without_their_markers() {
    let Some(text) = render_text("bgb.md", &common::fixture("bgb-excerpt.md")) else {
        return;
    };
    // § 14's footnote: a number after its heading, the definition at the foot, once
    assert!(!text.contains("[^"), "a raw footnote marker:\n{text}");
    assert!(!text.contains("BJNR"), "a footnote id:\n{text}");
    assert!(text.contains("§ 14 Unternehmer1\n") || text.contains("§\u{a0}14 Unternehmer1\n"));
    assert_eq!(text.matches("Amtlicher Hinweis:").count(), 1, "{text}");
    // the footnote (numbered 1) stands below § 14's text at the foot of its
    // page, not in the Inhaltsübersicht nor where it was defined
    let foot = text
        .find("1Amtlicher Hinweis: Diese Vorschrift dient der")
        .unwrap();
    let page = text[..foot].matches("Seite ").count();
    let unit = text.find("Unternehmer ist").unwrap();
    assert!(
        unit < foot && text[unit..foot].matches("Seite ").count() == 0,
        "{text}"
    );
    assert_eq!(page, 1, "not at the foot of page 2:\n{text}");
}

#[test]
fn footnote_forms_of_the_corpus_print_no_marker() {
    // an inline reference, one referred to twice, one without a definition, a
    // definition that is only another reference, one in a table cell
    let src = "Gesetz F\n\n§ 1 Eins\n\n(1) Erster Satz.[^a] Zweiter Satz.[^b]\n\n(2) Wieder a.[^a] Ohne Text.[^fehlt]\n\n\
[^a]: Fußnote A.\n\n[^b]: Fußnote B.\n\n[^c]: [^d]\n\n§ 2 Zwei\n\nText ohne Fußnote.[^c]\n";
    let Some(text) = render_text("f.txt", src) else {
        return;
    };
    assert!(!text.contains("[^"), "a raw footnote marker:\n{text}");
    assert_eq!(text.matches("Fußnote A.").count(), 1, "{text}");
    assert_eq!(text.matches("Fußnote B.").count(), 1, "{text}");
    assert!(
        text.contains("Fußnote „fehlt“: ohne Text in der Quelle."),
        "{text}"
    );
    assert!(
        text.contains("Fußnote „c“: ohne Text in der Quelle."),
        "{text}"
    );
}

#[test]
fn no_line_ends_with_a_section_sign() {
    // citations at every position of a line: without non-breaking spaces some
    // „§“, „§§“, „Art.“ and „Abs.“ end a line
    let mut src = String::from("Gesetz Z\n\n§ 1 Verweise\n\n");
    let fill = ["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "ggggggg"];
    for i in 1..=60 {
        let pad = fill[..i % fill.len()].join(" ");
        src.push_str(&format!(
            "({i}) Wer {pad} nach § {i} Abs. 2 oder §§ {i} bis {} und Art. {i} handelt, {pad} \
             verletzt § {}a Absatz 1 Satz 3 und Nr. 4 des Gesetzes, Anhang III.\n\n",
            i + 2,
            i + 1
        ));
    }
    let Some(text) = render_text("z.txt", &src) else {
        return;
    };
    let bad: Vec<&str> = text
        .lines()
        .filter(|l| {
            let l = l.trim_end();
            ["§", "§§", "Art.", "Abs.", "Absatz", "Satz", "Nr.", "Anhang"]
                .iter()
                .any(|w| l == *w || l.ends_with(&format!(" {w}")))
        })
        .collect();
    assert!(bad.is_empty(), "lines end before the number: {bad:?}");
    assert!(text.matches('§').count() >= 240);
}

/// The corpus laws with footnotes, an even sample of `n` (sorted by name).
fn laws_with_footnotes(dir: &std::path::Path, n: usize) -> Vec<std::path::PathBuf> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|s| s.contains("[^")))
        .collect();
    all.sort();
    let step = (all.len() as f64 / n as f64).max(1.0);
    let mut picked: Vec<_> = (0..n)
        .map(|i| (i as f64 * step) as usize)
        .take_while(|&i| i < all.len())
        .map(|i| all[i].clone())
        .collect();
    picked.dedup();
    picked
}

#[test]
#[ignore = "needs ../shared/corpus; .ci/run runs it"]
fn corpus_pdfs_print_no_footnote_marker_and_no_lone_section_sign() {
    let Some(corpus) = common::corpus_dir() else {
        eprintln!("skipped: no ../shared/corpus");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (mut failed, mut notes, mut checked) = (Vec::new(), 0, 0);
    let mut laws = laws_with_footnotes(&corpus.join("bund"), 200);
    let bgb = corpus.join("bund/bgb.md");
    if !laws.contains(&bgb) {
        laws.push(bgb);
    }
    for law in &laws {
        let out = dir.path().join("law.pdf");
        let o = paragraf(&["pdf", law.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        let name = law.file_name().unwrap().to_string_lossy().into_owned();
        if !o.status.success() {
            failed.push(format!("{name}: {}", String::from_utf8_lossy(&o.stderr)));
            continue;
        }
        let Some(text) = pdftotext(&out) else { return };
        checked += 1;
        notes += std::fs::read_to_string(law).unwrap().matches("]:").count();
        if text.contains("[^") {
            failed.push(format!("{name}: a raw footnote marker"));
        }
        // „§“ at the end of a line and its number on the next („§§“ alone, a
        // table's column head, is the law's own text)
        let lines: Vec<&str> = text.lines().collect();
        let lone = lines
            .windows(2)
            .filter(|w| w[0].trim_end().ends_with('§'))
            .filter(|w| w[1].trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .count();
        if lone > 0 {
            failed.push(format!(
                "{name}: {lone} lines end with „§“ before its number"
            ));
        }
    }
    println!(
        "footnote check: {checked} laws rendered ({notes} footnote definitions), {} failures",
        failed.len()
    );
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    assert!(checked >= 200);
}
