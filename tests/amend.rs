//! Applying amending laws: the drafters' pair in laws/, real LegalDocML.de
//! amendments, and commands that must not apply.

mod common;

use amend::{apply, parse, Op};
use std::path::PathBuf;
use syntax::print::{print, wording, Options};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_amending_law_in_laws_gives_the_amended_fassung() {
    let (text, out) = paragraf::consolidate::consolidate(
        &root().join("laws/gesetz-vii.txt"),
        &root().join("laws/aenderung-gesetz-vii-2026.txt"),
        false,
    )
    .unwrap();
    assert_eq!(out.applied.len(), 5);
    let got = syntax::parse(&text);
    let want = syntax::parse::parse_file(&root().join("laws/gesetz-vii-2026-03-01.txt")).unwrap();
    assert_eq!(common::law_units(&got), common::law_units(&want));
    assert!(text.contains("Fassung\n\n· 1. März 2026"), "{text}");
    // the output is in canonical form: formatting it changes nothing
    assert_eq!(print(&got, &Options::default()), text);
}

#[test]
fn generated_amendments_apply_back() {
    let old = syntax::parse(&common::seed());
    let new = syntax::parse::parse_file(&root().join("laws/gesetz-vii-2026-03-01.txt")).unwrap();
    common::generate_and_apply_docs(&old, &new);
}

fn apply_text(law: &str, commands: &str) -> Result<String, String> {
    let doc = syntax::parse(law);
    let src = format!("Das Gesetz X wird wie folgt geändert:\n\n{commands}\n");
    let g = parse::parse("a.txt", &src, doc.title.as_deref(), None).map_err(|e| e.to_string())?;
    let mut d = doc.clone();
    let o = apply::apply(&mut d, &g, "a.txt", &Default::default(), false);
    match o.failed.first() {
        Some(e) => Err(format!(
            "{e}{}",
            e.target
                .as_ref()
                .map(|t| format!(" [target {t}]"))
                .unwrap_or_default()
        )),
        None => Ok(print(&d, &Options::default())),
    }
}

const LAW: &str = "Gesetz X\n\n§ 1 – Zweck\n\n(1) Die Behörde prüft den Antrag. Sie entscheidet binnen eines Monats.\n\n(2) Für die Behörde gilt:\n\n1. erstens oder\n\n2. zweitens.\n\n§ 2 – Ende\n\nDieses Gesetz tritt in Kraft.\n";

#[test]
fn word_commands() {
    let t = apply_text(LAW, "1. In § 1 Absatz 1 Satz 2 wird das Wort „Monats“ durch die Wörter „von zwei Wochen“ ersetzt.").unwrap();
    assert!(
        t.contains("Sie entscheidet binnen eines von zwei Wochen."),
        "{t}"
    );
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 2 Nummer 1 wird das Wort „oder“ am Ende durch ein Komma ersetzt.",
    )
    .unwrap();
    assert!(t.contains("1. erstens,"), "{t}");
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 1 wird nach dem Wort „Antrag“ die Angabe „(§ 2)“ eingefügt.",
    )
    .unwrap();
    assert!(t.contains("prüft den Antrag (§ 2)."), "{t}");
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 1 werden die Wörter „binnen eines Monats“ gestrichen.",
    )
    .unwrap();
    assert!(t.contains("Sie entscheidet."), "{t}");
}

#[test]
fn structural_commands() {
    let t = apply_text(
        LAW,
        "1. § 1 wird wie folgt geändert:\n\n   a) Absatz 1 Satz 2 wird aufgehoben.\n\n   b) Dem Absatz 2 wird folgende Nummer 3 angefügt:\n      „3. drittens.“\n\n2. Nach § 1 wird der folgende § 1a eingefügt:\n   „§ 1a – Neu\n\n   (1) Erster.\n\n   (2) Zweiter „zitiert“.“",
    )
    .unwrap();
    assert!(t.contains("(1) Die Behörde prüft den Antrag.\n"), "{t}");
    assert!(t.contains("3. drittens."), "{t}");
    assert!(
        t.contains("§ 1a – Neu\n\n(1) Erster.\n\n(2) Zweiter „zitiert“."),
        "{t}"
    );
    let t = apply_text(LAW, "1. § 1 Absatz 1 wird aufgehoben.").unwrap();
    assert!(
        t.contains("(1) (weggefallen)"),
        "a placeholder keeps Absatz 2 in place: {t}"
    );
    let t = apply_text(LAW, "1. § 2 wird aufgehoben.").unwrap();
    assert!(t.contains("§ 2 (weggefallen)"), "{t}");
    let t = apply_text(LAW, "1. Der bisherige § 1 Absatz 2 wird Absatz 3.").unwrap();
    assert!(t.contains("(3) Für die Behörde gilt:"), "{t}");
}

#[test]
fn commands_that_cannot_apply_are_errors_with_places() {
    let e = apply_text(
        LAW,
        "1. In § 1 Absatz 1 wird das Wort „Gericht“ durch das Wort „Amt“ ersetzt.",
    )
    .unwrap_err();
    assert!(
        e.starts_with("a.txt:3:4:") && e.contains("„Gericht“ not found") && e.contains("target"),
        "{e}"
    );
    let e = apply_text(LAW, "1. In § 1 wird das Wort „erstens“ durch das Wort „zuerst“ ersetzt.\n\n2. In § 1 wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt.").unwrap_err();
    assert!(
        e.contains("command 2.") && e.contains("occurs 2 times"),
        "{e}"
    );
    let e = apply_text(LAW, "1. § 7 wird aufgehoben.").unwrap_err();
    assert!(e.contains("§ 7 not found"), "{e}");
    let e = apply_text(LAW, "1. Das Gesetz wird irgendwie verbessert.").unwrap_err();
    assert!(e.contains("cannot read this Änderungsbefehl"), "{e}");
}

#[test]
fn amend_writes_nothing_when_a_command_fails() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(
        &bad,
        "Das Gesetz wird wie folgt geändert:\n\n1. § 99 wird aufgehoben.\n",
    )
    .unwrap();
    let out = dir.path().join("out.txt");
    let st = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["amend", "laws/gesetz-vii.txt"])
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(st.status.code(), Some(1));
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(
        err.contains("bad.txt:3:4") && err.contains("§ 99 not found"),
        "{err}"
    );
    assert!(!out.exists());
}

fn fx(name: &str) -> PathBuf {
    root().join("tests/fixtures/legaldocml").join(name)
}

#[test]
fn legaldocml_mods_sample_applies_completely() {
    let (text, out) = paragraf::consolidate::consolidate(
        &fx("bgbl-1_1001_2_mods_01-zielgesetz.xml"),
        &fx("bgbl-1_1001_2_mods_01-aenderungsgesetz.xml"),
        false,
    )
    .unwrap();
    assert_eq!(out.applied.len(), 10);
    for k in 1..=10 {
        assert!(text.contains(&format!("{k}. Beispiel")), "{text}");
        assert!(!text.contains(&format!("{k}. Fall")), "{text}");
    }
}

#[test]
fn legaldocml_substitution_sample() {
    let (text, out) = paragraf::consolidate::consolidate(
        &fx("bgbl-1_1002_2_mods-subsitution_01-zielgesetz.xml"),
        &fx("bgbl-1_1002_2_mods-subsitution_01-aenderungsgesetz.xml"),
        true,
    )
    .unwrap();
    // the two commands whose replacement the sample leaves commented out cannot apply
    assert_eq!(out.applied.len(), 14, "{:#?}", out.failed);
    assert_eq!(out.failed.len(), 2);
    assert!(out
        .failed
        .iter()
        .all(|e| e.message.contains("empty") || e.message.contains("names no place")));
    assert!(!text.is_empty());
}

#[test]
fn vereinsgesetz_2017_gives_the_official_consolidated_text() {
    // The command names "§ 20 Absatz 1 Satz 2"; in this fixture § 20 Absatz 1 is one
    // Satz with Nummern, and the official consolidated version leaves the text as it was.
    let (text, out) = paragraf::consolidate::consolidate(
        &fx("vereinsgesetz-1964.xml"),
        &fx("vereinsgesetz-aenderung-2017.xml"),
        true,
    )
    .unwrap();
    assert_eq!(out.applied.len(), 0);
    assert_eq!(out.failed.len(), 1);
    assert!(
        out.failed[0].message.contains("Satz 2 not found"),
        "{:?}",
        out.failed
    );
    let official =
        legaldocml::import(&std::fs::read_to_string(fx("vereinsgesetz-2017.xml")).unwrap())
            .unwrap()
            .doc;
    assert_eq!(wording(&syntax::parse(&text)), wording(&official));
    assert!(matches!(
        parse::parse_befehl("In § 20 Absatz 1 Satz 2 wird die Angabe „§ 9 Abs. 1 Satz 2, Abs. 2“ durch die Wörter „§ 9 Absatz 1 Satz 2, Absatz 2 oder 3“ ersetzt."),
        Ok(Op::Ersetzen { .. })
    ));
}

#[test]
fn import_reads_structure() {
    let imp = legaldocml::import(&std::fs::read_to_string(fx("vereinsgesetz-1964.xml")).unwrap())
        .unwrap();
    let out = syntax::outline::outline(&imp.doc);
    assert!(out.contains("§ 20"), "{out}");
    assert!(out.contains("nummer 2."), "{out}");
}

#[test]
fn a_passage_with_quotation_marks_of_its_own_that_do_not_pair() {
    // VersMedV: the table cites „x" with a straight closing quote
    let t = apply_text(
        LAW,
        "1. § 2 wird wie folgt gefasst:\n   „§ 2 – Ende\n\n   Dieses Gesetz tritt am Tag nach der Verkündung „in Kraft\" und gilt.“",
    )
    .unwrap();
    assert!(
        t.contains("Dieses Gesetz tritt am Tag nach der Verkündung „in Kraft\" und gilt."),
        "{t}"
    );
}

#[test]
fn a_second_unit_of_a_number_is_inserted_after_the_first() {
    // juris keeps a future Fassung of a § beside the one in force (SGB IX 2013: two § 148)
    let old = syntax::parse("Gesetz X\n\n§ 1 – Zweck\n\nText eins.\n\n§ 2 – Ende\n\nText zwei.\n");
    let new = syntax::parse(
        "Gesetz X\n\n§ 1 – Zweck\n\nText eins.\n\n§ 1 – Zweck\n\nText eins, künftig.\n\n§ 2 – Ende\n\nText zwei.\n",
    );
    let text = common::generate_and_apply_docs(&old, &new);
    assert!(
        text.contains("Nach § 1 wird der folgende § 1 eingefügt:"),
        "{text}"
    );
}

#[test]
fn a_unit_moved_with_its_number_is_struck_before_it_is_inserted() {
    // FZV 2011: Anlage 10a stood before Anlage 9 and 10, and now follows them
    let old = syntax::parse("Gesetz X\n\n§ 1 – Zweck\n\nText eins.\n\nAnlage 8 – Acht\n\nAcht.\n\nAnlage 10a – Zehn a\n\nZehn a.\n\nAnlage 9 – Neun\n\nNeun.\n\nAnlage 10 – Zehn\n\nZehn.\n");
    let new = syntax::parse("Gesetz X\n\n§ 1 – Zweck\n\nText eins.\n\nAnlage 8 – Acht\n\nAcht.\n\nAnlage 9 – Neun\n\nNeun.\n\nAnlage 10 – Zehn\n\nZehn.\n\nAnlage 10a – Zehn a\n\nZehn a.\n");
    common::generate_and_apply_docs(&old, &new);
}
