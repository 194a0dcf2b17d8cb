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
    let want =
        syntax::parse::parse_file(&root().join("tests/fixtures/vires/gesetz-vii-2026-03-01.txt"))
            .unwrap();
    assert_eq!(common::law_units(&got), common::law_units(&want));
    assert!(text.contains("Fassung\n\n· 1. März 2026"), "{text}");
    // the output is in canonical form: formatting it changes nothing
    assert_eq!(print(&got, &Options::default()), text);
}

#[test]
fn generated_amendments_apply_back() {
    let old = syntax::parse(&common::seed());
    let new =
        syntax::parse::parse_file(&root().join("tests/fixtures/vires/gesetz-vii-2026-03-01.txt"))
            .unwrap();
    common::generate_and_apply_docs(&old, &new);
}

/// What an amendment changed in a law: a line diff of the law in canonical
/// form and the amended law (one line of context). A snapshot of it asserts
/// the whole change, so that an edit nobody asked for shows too.
fn changes(law: &str, amended: &str) -> String {
    let before = print(&syntax::parse(law), &Options::default());
    similar::TextDiff::from_lines(&before, amended)
        .unified_diff()
        .context_radius(1)
        .to_string()
}

fn apply_text(law: &str, commands: &str) -> Result<String, String> {
    let doc = syntax::parse(law);
    // a bare "Das Gesetz" names whatever law it is applied to
    let src = format!("Das Gesetz wird wie folgt geändert:\n\n{commands}\n");
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
    insta::assert_snapshot!(changes(LAW, &t));
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 2 Nummer 1 wird das Wort „oder“ am Ende durch ein Komma ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 1 wird nach dem Wort „Antrag“ die Angabe „(§ 2)“ eingefügt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 1 werden die Wörter „binnen eines Monats“ gestrichen.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
}

#[test]
fn structural_commands() {
    let t = apply_text(
        LAW,
        "1. § 1 wird wie folgt geändert:\n\n   a) Absatz 1 Satz 2 wird aufgehoben.\n\n   b) Dem Absatz 2 wird folgende Nummer 3 angefügt:\n      „3. drittens.“\n\n2. Nach § 1 wird der folgende § 1a eingefügt:\n   „§ 1a – Neu\n\n   (1) Erster.\n\n   (2) Zweiter „zitiert“.“",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
    let t = apply_text(LAW, "1. § 1 Absatz 1 wird aufgehoben.").unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
    let t = apply_text(LAW, "1. § 2 wird aufgehoben.").unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
    let t = apply_text(LAW, "1. Der bisherige § 1 Absatz 2 wird Absatz 3.").unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
}

#[test]
fn commands_that_cannot_apply_are_errors_with_places() {
    let e = apply_text(
        LAW,
        "1. In § 1 Absatz 1 wird das Wort „Gericht“ durch das Wort „Amt“ ersetzt.",
    )
    .unwrap_err();
    insta::assert_snapshot!(e);
    let e = apply_text(LAW, "1. In § 1 wird das Wort „erstens“ durch das Wort „zuerst“ ersetzt.\n\n2. In § 1 wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt.").unwrap_err();
    insta::assert_snapshot!(e);
    let e = apply_text(LAW, "1. § 7 wird aufgehoben.").unwrap_err();
    insta::assert_snapshot!(e);
    let e = apply_text(LAW, "1. Das Gesetz wird irgendwie verbessert.").unwrap_err();
    insta::assert_snapshot!(e);
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
    assert!(out.failed.iter().all(|e| matches!(
        &e.grund,
        amend::Grund::Anwenden(g)
            if matches!(g.problem, apply::Problem::EmptyPassage | apply::Problem::NoPlace)
    )));
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
        out.failed[0].grund.to_string().contains("Satz 2 not found"),
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
    insta::assert_snapshot!(changes(LAW, &t));
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
        text.contains("Nach § 1 des Gesetzes X wird der folgende § 1 eingefügt:"),
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

// ----- forms of real amending laws (issue: real amending laws apply as published)

#[test]
fn punctuation_and_words_are_inserted_together() {
    let law = "Gesetz W\n\n§ 2 – Verbote\n\n(3) Verboten ist das Führen von Messer in der Öffentlichkeit.\n";
    let t = apply_text(
        law,
        "1. In § 2 Absatz 3 werden nach dem Wort „Messer“ ein Komma und das Wort „Sprengstoffe“ eingefügt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(law, &t));
    // a Semikolon and words, replacing a Punkt at the end (BGBl. style)
    let t = apply_text(
        law,
        "1. In § 2 Absatz 3 wird der Punkt am Ende durch ein Semikolon und die Wörter „dies gilt auch für Waffen.“ ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(law, &t));
}

#[test]
fn quoted_words_match_whatever_emphasis_the_law_text_has() {
    // Gesetz VII marks "Anhangs III" bold; a drafter copies the passage with the stars
    let seed = common::seed();
    let doc = syntax::parse(&seed);
    let cmd = "1. In § 3 Absatz 3 werden die Wörter „kann nach Maßgabe des **Anhangs III** eingestuft werden“ durch die Wörter „wird nach Maßgabe des Anhangs III eingestuft“ ersetzt.";
    let src = format!("Das Gesetz VII wird wie folgt geändert:\n\n{cmd}\n");
    let g = parse::parse("a.txt", &src, doc.title.as_deref(), None).unwrap();
    let mut d = doc.clone();
    let o = apply::apply(&mut d, &g, "a.txt", &Default::default(), false);
    assert!(o.failed.is_empty(), "{:?}", o.failed);
    let out = print(&d, &Options::default());
    assert!(
        out.contains("wird nach Maßgabe des Anhangs III eingestuft"),
        "{out}"
    );
}

#[test]
fn nummern_that_continue_a_satz_are_addressed_through_it() {
    // Lobbyregistergesetz 2024: "§ 2 Absatz 1 Satz 1 Nummer 3"
    let law = "Gesetz L\n\n§ 2 – Ausnahmen\n\n(1) Eine Registrierungspflicht besteht nicht, soweit\n\n1. erstens,\n\n2. zweitens,\n\n3. drittens oder\n\n4. viertens.\n\nSatz 1 gilt entsprechend.\n";
    let t = apply_text(
        law,
        "1. In § 2 Absatz 1 Satz 1 Nummer 3 wird das Wort „oder“ durch ein Komma ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(law, &t));
}

const LISTE: &str = "Gesetz L\n\n§ 2 – Ausnahmen\n\n(1) Erstens.\n\n(2) Zweitens.\n\n(3) Drittens.\n\n(4) Viertens.\n\n(5) Von der Pflicht ist ausgenommen, wer\n\n1. eins,\n\n2. zwei,\n\n3. drei,\n\n4. vier,\n\n5. fünf,\n\n6. sechs oder\n\n7. sieben nachgeht.\n";

#[test]
fn a_repealed_nummer_whose_number_is_used_again_leaves_no_placeholder() {
    // Lobbyregistergesetz 2024, Artikel 1 Nummer 2 Buchstabe c
    let t = apply_text(
        LISTE,
        "1. § 2 Absatz 5 wird wie folgt geändert:\n\n   a) Nummer 5 wird aufgehoben.\n\n   b) Nummer 6 wird Nummer 5.\n\n   c) Nummer 7 wird Nummer 6 und die Wörter „sieben nachgeht“ werden durch die Wörter „sieben nachgehen“ ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LISTE, &t));
}

#[test]
fn an_ascending_cascade_names_units_in_the_numbering_before_the_law() {
    let t = apply_text(
        LISTE,
        "1. § 2 wird wie folgt geändert:\n\n   a) Der bisherige Absatz 3 wird Absatz 4.\n\n   b) Der bisherige Absatz 4 wird Absatz 5.\n\n   c) Der bisherige Absatz 5 wird Absatz 6.\n\n   d) Nach Absatz 2 wird folgender Absatz 3 eingefügt:\n\n      „(3) Neu.“",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LISTE, &t));
}

#[test]
fn an_insertion_before_the_renumbering_that_frees_its_number() {
    // the insertion is written first; "der bisherige Absatz 3" is still the old one
    let t = apply_text(
        LISTE,
        "1. § 2 wird wie folgt geändert:\n\n   a) Nach Absatz 2 wird folgender Absatz 3 eingefügt:\n\n      „(3) Neu.“\n\n   b) Der bisherige Absatz 5 wird Absatz 6.\n\n   c) Der bisherige Absatz 4 wird Absatz 5.\n\n   d) Der bisherige Absatz 3 wird Absatz 4.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LISTE, &t));
}

#[test]
fn a_renumbering_bundled_with_a_new_wording() {
    let t = apply_text(
        LISTE,
        "1. § 2 wird wie folgt geändert:\n\n   a) Der bisherige Absatz 5 wird Absatz 6.\n\n   b) Der bisherige Absatz 4 wird Absatz 5 und wie folgt gefasst:\n\n      „(5) Viertens, neu gefasst.“",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LISTE, &t));
}

#[test]
fn several_replacements_and_insertions_in_one_command() {
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 1 werden die Wörter „Die Behörde“ durch die Wörter „Das Amt“ und das Wort „Monats“ durch die Wörter „von zwei Wochen“ ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
    // Lobbyregistergesetz 2024, Artikel 1 Nummer 7 Buchstabe a, as plain text
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 1 werden nach den Wörtern „prüft den“ das Wort „vollständigen“ und nach dem Wort „entscheidet“ die Wörter „in der Regel“ eingefügt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
    // a replacement and an insertion in one command, applied in order
    let t = apply_text(
        LAW,
        "1. In § 1 Absatz 1 wird das Wort „Antrag“ durch die Wörter „schriftlichen Antrag“ ersetzt und nach dem Wort „entscheidet“ das Wort „unverzüglich“ eingefügt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
}

#[test]
fn the_lobbyregister_amending_law_applies_whole() {
    // BGBl. I 2024 Nr. 10 on the Lobbyregistergesetz of 2021 (LegalDocML.de, ../shared)
    let Some(dir) = common::corpus_dir() else {
        eprintln!("skipped: ../shared not found");
        return;
    };
    let f = dir.join("../legaldocml-de/fixtures/eli/bund/bgbl-1");
    let law = f.join("2021/s818/2021-04-16/1/deu/2021-04-16/regelungstext-verkuendung-1.xml");
    let amending = f.join("2024/10/2024-01-18/1/deu/2024-01-18/regelungstext-verkuendung-1.xml");
    let (text, out) = paragraf::consolidate::consolidate(&law, &amending, true).unwrap();
    // the sample restates Nummer 8 as „6. …“ (it would leave two Nummern 6):
    // an error of the amending law, listed, never applied in silence (issue 36)
    let failed: Vec<String> = out.failed.iter().map(|e| e.grund.to_string()).collect();
    assert_eq!(
        failed,
        ["command 2. b) dd): the quoted Nummer is numbered 6, but the command restates Nummer 8"]
    );
    // 46 akn:mod; 7 a) is one sentence of two of them
    assert_eq!(out.applied.len(), 44);
    for want in [
        "müssen die Angaben nach § 3 Absatz 1 und 2 in einem öffentlichen Verzeichnis",
        "4. innerhalb der jeweils letzten drei Monate mehr als 30 unterschiedliche Interessenvertretungskontakte aufgenommen wurden oder\n\n5. die Interessenvertretung bei Gewährung einer Gegenleistung in Auftrag gegeben wird.\n\nDie Eintragung ist unverzüglich",
        "17. diplomatische oder konsularische Tätigkeiten wahrnehmen.",
        "gegenüber den Organen, Gremien, Mitgliedern, Fraktionen",
    ] {
        assert!(text.contains(want), "{want}\n---\n{text}");
    }
    // § 6 Absatz 3 (the akn:ref's unit; the sentence says "Absatz 2")
    assert!(
        !text.contains("Nummer 6 bis 8 verweigert worden sind, die Eintragung"),
        "{text}"
    );
}

#[test]
fn places_of_the_handbuch() {
    // "In der Überschrift", "Im Satzteil vor der Aufzählung", "nach der Angabe"
    let t = apply_text(
        LAW,
        "1. In der Überschrift des § 1 wird das Wort „Zweck“ durch die Wörter „Zweck und Ziel“ ersetzt.\n\n2. Im Satzteil vor der Aufzählung des § 1 Absatz 2 wird nach dem Wort „Behörde“ das Wort „stets“ eingefügt.\n\n3. In § 1 Absatz 2 Nummer 1 wird das Wort „oder“ am Ende durch ein Komma ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
}

#[test]
fn a_unit_replaced_by_several() {
    // "§ 2 wird durch die folgenden §§ 2 und 2a ersetzt"
    let t = apply_text(
        LAW,
        "1. § 2 wird durch die folgenden §§ 2 und 2a ersetzt:\n\n   „§ 2 – Übergang\n\n   Es gilt das bisherige Recht.\n\n   § 2a – Ende\n\n   Dieses Gesetz tritt in Kraft.“",
    )
    .unwrap();
    insta::assert_snapshot!(changes(LAW, &t));
}

#[test]
fn the_title_of_the_law_gets_a_new_wording() {
    for cmd in [
        "1. Die Überschrift des Gesetzes wird wie folgt gefasst:\n\n   „Gesetz Y“",
        "1. Die Bezeichnung des Gesetzes wird wie folgt gefasst:\n\n   „Gesetz Y“",
    ] {
        let t = apply_text(LAW, cmd).unwrap_or_else(|e| panic!("{cmd}: {e}"));
        assert!(t.starts_with("Gesetz Y\n"), "{cmd}\n{t}");
    }
}

const MIT_UEBERSICHT: &str = "Gesetz U\n\nInhaltsübersicht\n\nAbschnitt 1 Allgemeines\n\n§ 1 Zweck\n\n§ 2 Begriffe\n\n§ 3 Ende\n\nAbschnitt 1 – Allgemeines\n\n§ 1 – Zweck\n\nText eins.\n\n§ 2 – Begriffe\n\nText zwei.\n\n§ 3 – Ende\n\nText drei.\n";

#[test]
fn entries_of_the_inhaltsuebersicht() {
    // Handbuch der Rechtsförmlichkeit, Rn. 622 ff.: "Die Inhaltsübersicht wird wie folgt geändert:"
    let t = apply_text(
        MIT_UEBERSICHT,
        "1. Die Inhaltsübersicht wird wie folgt geändert:\n\n   a) Die Angabe zu § 2 wird wie folgt gefasst:\n\n      „§ 2 Begriffsbestimmungen“\n\n   b) Nach der Angabe zu § 2 wird folgende Angabe eingefügt:\n\n      „§ 2a Anwendungsbereich“\n\n   c) Die Angabe zu § 3 wird gestrichen.\n\n   d) Folgende Angabe wird angefügt:\n\n      „§ 4 Inkrafttreten“\n\n2. Die Überschrift des § 2 wird wie folgt gefasst:\n\n   „Begriffsbestimmungen“",
    )
    .unwrap();
    // the entries, as the consolidated text reads back
    let doc = syntax::parse(&t);
    let ueb = doc
        .root
        .children
        .iter()
        .find(|n| n.kind == syntax::Kind::Inhaltsuebersicht)
        .unwrap();
    let entries: Vec<String> = ueb.children.iter().map(syntax::print::own_text).collect();
    assert_eq!(
        entries,
        [
            "Abschnitt 1 Allgemeines",
            "§ 1 Zweck",
            "§ 2 Begriffsbestimmungen",
            "§ 2a Anwendungsbereich",
            "§ 4 Inkrafttreten"
        ],
        "{t}"
    );
    insta::assert_snapshot!(changes(MIT_UEBERSICHT, &t));
    // the consolidated text reads back with the same Inhaltsübersicht
    let again = syntax::parse(&t);
    assert_eq!(
        wording(&again),
        wording(&syntax::parse(&print(&again, &Options::default())))
    );
}

#[test]
fn an_entry_the_inhaltsuebersicht_lacks_is_an_error() {
    let e = apply_text(
        MIT_UEBERSICHT,
        "1. In der Inhaltsübersicht wird die Angabe zu § 9 wie folgt gefasst:\n\n   „§ 9 Neu“",
    );
    assert!(e.is_err(), "{e:?}");
    let e = apply_text(
        MIT_UEBERSICHT,
        "1. Die Angabe zu § 9 wird wie folgt gefasst:\n\n   „§ 9 Neu“",
    )
    .unwrap_err();
    insta::assert_snapshot!(e);
}

/// A workspace with Gesetz VI and Gesetz VII and a Mantelgesetz for both.
fn mantel_workspace(mantel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("paragraf.toml"),
        "[[law]]\nfile = \"vi.txt\"\nshort = \"Gesetz VI\"\n\n[[law]]\nfile = \"vii.txt\"\nshort = \"Gesetz VII\"\n",
    )
    .unwrap();
    std::fs::write(
        p.join("vi.txt"),
        "Gesetz VI – Datenschutz\n\n§ 1 – Zweck\n\nDieses Gesetz schützt Daten.\n",
    )
    .unwrap();
    std::fs::write(
        p.join("vii.txt"),
        "Gesetz VII – Missbrauch von KI-Systemen\n\n§ 1 – Zweck\n\nDieses Gesetz regelt KI-Systeme.\n",
    )
    .unwrap();
    std::fs::write(p.join("mantel.txt"), mantel).unwrap();
    dir
}

const MANTEL: &str = "Gesetz zur Änderung der Gesetze VI und VII\n\nArtikel 1 – Änderung des Gesetzes VI\n\nDas Gesetz VI vom 1. Januar 2025 wird wie folgt geändert:\n\n1. In § 1 wird das Wort „Daten“ durch die Wörter „personenbezogene Daten“ ersetzt.\n\nArtikel 2 – Änderung des Gesetzes VII\n\nDas Gesetz VII vom 14. Oktober 2025 wird wie folgt geändert:\n\n1. In § 1 wird das Wort „regelt“ durch das Wort „ordnet“ ersetzt.\n\nArtikel 3 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n";

#[test]
fn a_mantelgesetz_amends_every_law_of_the_workspace_it_names() {
    let ws = mantel_workspace(MANTEL);
    let out = ws.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "amend",
            ws.path().join("mantel.txt").to_str().unwrap(),
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let vi = std::fs::read_to_string(out.join("vi.txt")).unwrap();
    let vii = std::fs::read_to_string(out.join("vii.txt")).unwrap();
    assert!(
        vi.contains("Dieses Gesetz schützt personenbezogene Daten."),
        "{vi}"
    );
    assert!(vii.contains("Dieses Gesetz ordnet KI-Systeme."), "{vii}");
    // one law of the pair, as before: the Artikel that names it
    let (text, _) = paragraf::consolidate::consolidate_named(
        &ws.path().join("vii.txt"),
        &ws.path().join("mantel.txt"),
        false,
        &["Gesetz VII"],
    )
    .unwrap();
    assert!(text.contains("ordnet KI-Systeme"), "{text}");
}

#[test]
fn a_mantelgesetz_naming_a_law_the_workspace_lacks_is_reported() {
    let ws = mantel_workspace(&MANTEL.replace("Das Gesetz VI vom", "Das Gesetz IX vom"));
    let out = ws.path().join("out");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "amend",
            ws.path().join("mantel.txt").to_str().unwrap(),
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("mantel.txt:5:1:") && err.contains("Gesetz IX"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn frames_whose_items_carry_only_places() {
    let law = "Gesetz F\n\n§ 1 – Eins\n\nNach § 9 gilt dies.\n\n§ 2 – Zwei\n\nDie Behörde prüft nach § 9.\n\n§ 3 – Drei\n\nDie Behörde entscheidet nach § 9 und § 9.\n";
    // "Es werden ersetzt:" with a place and words per item
    let t = apply_text(
        law,
        "1. Es werden ersetzt:\n\n   a) in § 1 die Angabe „§ 9“ durch die Angabe „§ 10“,\n\n   b) in § 2 das Wort „Behörde“ durch das Wort „Stelle“ und\n\n   c) in § 3 die Angabe „§ 9“ jeweils durch die Angabe „§ 10“.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(law, &t));
    // "In den folgenden Vorschriften wird … ersetzt:" with a place per item
    let t = apply_text(
        law,
        "1. In den folgenden Vorschriften wird jeweils die Angabe „§ 9“ durch die Angabe „§ 11“ ersetzt:\n\n   a) § 1,\n\n   b) § 2 und\n\n   c) § 3.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(law, &t));
    assert_eq!(t.matches("§ 11").count(), 4, "{t}");
}

#[test]
fn headings_are_inserted_before_the_units_they_take_in() {
    // "Nach § 33 werden die folgenden Überschriften zu Teil 3 eingefügt"
    let law = "Gesetz H\n\nAbschnitt 1 – Allgemeines\n\n§ 1 – Eins\n\nText.\n\n§ 2 – Zwei\n\nText.\n\n§ 3 – Drei\n\nText.\n";
    let t = apply_text(
        law,
        "1. Nach § 1 werden die folgenden Überschriften zu Abschnitt 2 eingefügt:\n\n   „Abschnitt 2 – Pflichten“",
    )
    .unwrap();
    let doc = syntax::parse(&t);
    let kinds: Vec<(syntax::Kind, Option<String>)> = doc
        .root
        .children
        .iter()
        .filter(|n| n.kind == syntax::Kind::Abschnitt)
        .map(|n| (n.kind, n.num.clone()))
        .collect();
    assert_eq!(kinds.len(), 2, "{t}");
    // § 2 and § 3 now stand under Abschnitt 2
    let a2 = doc
        .root
        .children
        .iter()
        .find(|n| n.num.as_deref() == Some("2"))
        .unwrap();
    assert_eq!(
        a2.children
            .iter()
            .filter(|c| c.kind == syntax::Kind::Paragraf)
            .count(),
        2,
        "{t}"
    );
}

// ----- the examples of the Handbuch der Rechtsförmlichkeit and the Länder's guides

#[test]
fn the_heading_of_the_law_is_replaced_whole() {
    // HdR4 Teil D 2: "Die Überschrift wird durch die folgende Überschrift ersetzt"
    let law = "Gesetz über den rechtlichen Schutz von Mustern und Modellen (Geschmacksmustergesetz – GeschmMG)\n\n§ 1 – Begriffsbestimmungen\n\n(1) Text.\n";
    let t = apply_text(
        law,
        "1. Die Überschrift wird durch die folgende Überschrift ersetzt:\n\n   „Gesetz über den rechtlichen Schutz von Design\n   (Designgesetz – DesignG)“.",
    )
    .unwrap();
    assert!(
        t.starts_with("Gesetz über den rechtlichen Schutz von Design (Designgesetz – DesignG)\n"),
        "{t}"
    );
}

#[test]
fn the_wording_of_a_paragraph_becomes_its_absatz_1() {
    // "§ 3 wird wie folgt geändert: a) Der bisherige Wortlaut wird Absatz 1. b) Folgender Absatz 2 wird angefügt"
    let law = "Gesetz W\n\n§ 3 – Pflichten\n\nDer Betreiber meldet Vorfälle.\n";
    let t = apply_text(
        law,
        "1. § 3 wird wie folgt geändert:\n\n   a) Der bisherige Wortlaut wird Absatz 1.\n\n   b) Folgender Absatz 2 wird angefügt:\n\n      „(2) Die Meldung erfolgt elektronisch.“",
    )
    .unwrap();
    insta::assert_snapshot!(changes(law, &t));
}

#[test]
fn new_nummern_and_renumbered_ones_with_their_changes() {
    // the pattern of the Rhineland-Palatinate guide (Merkblatt vom 14. Februar 2000), numbered after 6.
    let law = "Gesetz N\n\n§ 10 – Liste\n\n(1) Es gelten:\n\n1. eins,\n\n2. zwei mit alten Worten,\n\n3. drei,\n\n4. vier,\n\n5. fünf und\n\n6. sechs.\n";
    let t = apply_text(
        law,
        "1. § 10 wird wie folgt geändert:\n\n   a) Absatz 1 wird wie folgt geändert:\n\n      aa) Folgende neue Nummer 2 wird eingefügt:\n\n          „2. neu,“.\n\n      bb) Die bisherige Nummer 2 wird Nummer 3 und wie folgt geändert:\n          Die Worte „alten Worten“ werden durch die Worte „neuen Worten“ ersetzt.\n\n      cc) Die bisherigen Nummern 3 bis 5 werden Nummern 4 bis 6.\n\n      dd) Die bisherige Nummer 6 wird Nummer 7 und wie folgt geändert:\n          Der Punkt wird durch ein Komma ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(law, &t));
}

#[test]
fn the_drafters_command_on_the_seed() {
    // the sentence from the drafters' report: § 2 Absatz 3 of Gesetz VII
    let seed = common::seed();
    let doc = syntax::parse(&seed);
    let src = "Das Gesetz VII wird wie folgt geändert:\n\n1. In § 2 Absatz 3 werden nach dem Wort „Messer“ ein Komma und das Wort „Sprengstoffe“ eingefügt.\n";
    let g = parse::parse("a.txt", src, doc.title.as_deref(), None).unwrap();
    let mut d = doc.clone();
    let o = apply::apply(&mut d, &g, "a.txt", &Default::default(), false);
    assert!(o.failed.is_empty(), "{:?}", o.failed);
    let out = print(&d, &Options::default());
    assert!(
        out.contains("(z. B. Schusswaffen, Messer, Sprengstoffe) sind nicht Gegenstand"),
        "{out}"
    );
}

const ABSAETZE: &str = "Gesetz A\n\n§ 4 – Verfahren\n\n(1) Erster Satz. Zweiter Satz. Dritter Satz.\n\n(2) Es gilt:\n\n1. eins,\n\n2. zwei,\n\n3. drei\n\nund der Rest.\n\n(8) Acht.\n\n(9) Neun.\n\nAnlage 1 – Gebühren\n\nAlte Tabelle.\n";

#[test]
fn units_replaced_by_more_units_and_other_handbuch_forms() {
    // "Die Absätze 8 und 9 werden durch die folgenden Absätze 8 bis 10 ersetzt"
    let t = apply_text(
        ABSAETZE,
        "1. § 4 wird wie folgt geändert:\n\n   a) Die Absätze 8 und 9 werden durch die folgenden Absätze 8 bis 10 ersetzt:\n\n      „(8) Acht neu.\n\n      (9) Neun neu.\n\n      (10) Zehn.“",
    )
    .unwrap();
    insta::assert_snapshot!(changes(ABSAETZE, &t));
    // "Dem § 4 Absatz 1 wird folgender Satz angefügt", "Die Sätze 2 und 3 werden aufgehoben"
    let t = apply_text(
        ABSAETZE,
        "1. § 4 wird wie folgt geändert:\n\n   a) In Absatz 1 werden die Sätze 2 und 3 aufgehoben.\n\n   b) Dem Absatz 1 wird folgender Satz angefügt:\n\n      „Vierter Satz.“\n\n   c) Dem Absatz 8 wird folgender Satz vorangestellt:\n\n      „Vorweg.“\n\n   d) Im Satzteil nach Nummer 3 des Absatzes 2 wird das Wort „Rest“ durch das Wort „Übrige“ ersetzt.",
    )
    .unwrap();
    insta::assert_snapshot!(changes(ABSAETZE, &t));
    // "Anlage 1 wird wie folgt gefasst"
    let t = apply_text(
        ABSAETZE,
        "1. Anlage 1 wird wie folgt gefasst:\n\n   „Anlage 1 – Gebühren\n\n   Neue Tabelle.“",
    )
    .unwrap();
    insta::assert_snapshot!(changes(ABSAETZE, &t));
}

#[test]
fn the_new_forms_fail_cleanly_where_they_do_not_fit() {
    for (cmd, says) in [
        // no § named: the whole law has no "bisheriger Wortlaut"
        (
            "1. Der bisherige Wortlaut wird Absatz 1.",
            "is the text of a § or Artikel",
        ),
        (
            "1. Die Überschrift wird durch die folgende Überschrift ersetzt:\n\n   „“",
            "the quoted passage is empty",
        ),
        (
            "1. Die Angabe zu § 1 wird wie folgt gefasst:\n\n   „§ 1 Neu“",
            "Angabe zu § 1 not found",
        ),
        (
            "1. Es werden ersetzt:\n\n   a) in",
            "an item of „Es werden ersetzt:“",
        ),
        (
            "1. Folgende neue Nummer 9 wird eingefügt:\n\n   „9. neu“",
            "Nummer 9 not found",
        ),
    ] {
        let e = apply_text(LAW, cmd).unwrap_err();
        assert!(e.contains(says), "{cmd}: {e}");
    }
}

// Fassungen in time (issue 22): which commands are in force on a date.

const ZEIT_GESETZ: &str = "Gesetz über Fristen\n\nFassung\n\n· 1. Februar 2026\n\n§ 1 – Frist\n\nDie Frist beträgt einen Monat.\n\n§ 2 – Form\n\nDer Antrag ist schriftlich zu stellen.\n";

fn zeit_aenderung(inkraft: &str) -> String {
    format!(
        "Gesetz zur Änderung des Gesetzes über Fristen\n\nArtikel 1 – Änderung des Gesetzes über Fristen\n\nDas Gesetz über Fristen wird wie folgt geändert:\n\n1. In § 1 werden die Wörter „einen Monat“ durch die Wörter „zwei Wochen“ ersetzt.\n\n2. In § 2 wird das Wort „schriftlich“ durch das Wort „elektronisch“ ersetzt.\n\nArtikel 2 – Inkrafttreten\n\n{inkraft}\n"
    )
}

/// The consolidated text at `as_of`: (Frist, Form, Fassung line), or the error.
fn zeit_at(
    inkraft: &str,
    as_of: &str,
    verkuendet: Option<&str>,
) -> Result<(String, String, String), String> {
    let dir = tempfile::tempdir().unwrap();
    let (law, am) = (
        dir.path().join("gesetz.txt"),
        dir.path().join("aenderung.txt"),
    );
    std::fs::write(&law, ZEIT_GESETZ).unwrap();
    std::fs::write(&am, zeit_aenderung(inkraft)).unwrap();
    let zeit = paragraf::consolidate::Zeit {
        as_of: Some(as_of.into()),
        verkuendet: verkuendet.map(str::to_string),
        inkraft: false,
    };
    let (text, _) = paragraf::consolidate::consolidate_at(&law, &am, false, &zeit)
        .map_err(|e| e.to_string())?;
    let pick = |w: &[&str]| {
        w.iter()
            .find(|x| text.contains(*x))
            .unwrap_or(&"?")
            .to_string()
    };
    let fassung = text
        .lines()
        .find(|l| l.starts_with('·'))
        .unwrap_or("")
        .to_string();
    Ok((
        pick(&["einen Monat", "zwei Wochen"]),
        pick(&["schriftlich", "elektronisch"]),
        fassung,
    ))
}

fn t(a: &str, b: &str, f: &str) -> Result<(String, String, String), String> {
    Ok((a.into(), b.into(), f.into()))
}

#[test]
fn a_law_in_force_at_one_date() {
    let r = "Dieses Gesetz tritt am 1. April 2026 in Kraft.";
    assert_eq!(
        zeit_at(r, "2026-03-31", None),
        t("einen Monat", "schriftlich", "· 1. Februar 2026")
    );
    assert_eq!(
        zeit_at(r, "2026-04-01", None),
        t("zwei Wochen", "elektronisch", "· 1. April 2026")
    );
    assert_eq!(
        zeit_at(r, "2030-01-01", None),
        t("zwei Wochen", "elektronisch", "· 1. April 2026")
    );
}

#[test]
fn two_dates_for_different_nummern() {
    let r = "(1) Artikel 1 Nummer 2 tritt am 1. Januar 2027 in Kraft.\n\n(2) Im Übrigen tritt dieses Gesetz am 1. April 2026 in Kraft.";
    assert_eq!(
        zeit_at(r, "2026-03-31", None),
        t("einen Monat", "schriftlich", "· 1. Februar 2026")
    );
    assert_eq!(
        zeit_at(r, "2026-06-30", None),
        t("zwei Wochen", "schriftlich", "· 1. April 2026")
    );
    assert_eq!(
        zeit_at(r, "2027-01-01", None),
        t("zwei Wochen", "elektronisch", "· 1. Januar 2027")
    );
}

#[test]
fn in_force_the_day_after_the_verkuendung() {
    let r = "Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.";
    let v = Some("2026-02-28");
    assert_eq!(
        zeit_at(r, "2026-02-28", v),
        t("einen Monat", "schriftlich", "· 1. Februar 2026")
    );
    assert_eq!(
        zeit_at(r, "2026-03-01", v),
        t("zwei Wochen", "elektronisch", "· 1. März 2026")
    );
    assert_eq!(
        zeit_at(r, "2027-03-01", v),
        t("zwei Wochen", "elektronisch", "· 1. März 2026")
    );
    // without the date of the Verkündung, no guess
    let e = zeit_at(r, "2026-03-01", None).unwrap_err();
    assert!(e.contains("--verkuendet"), "{e}");
}

#[test]
fn a_change_out_of_force_again() {
    let r = "Artikel 1 tritt am 1. April 2026 in Kraft und mit Ablauf des 31. Dezember 2026 außer Kraft.";
    assert_eq!(
        zeit_at(r, "2026-03-31", None),
        t("einen Monat", "schriftlich", "· 1. Februar 2026")
    );
    assert_eq!(
        zeit_at(r, "2026-12-31", None),
        t("zwei Wochen", "elektronisch", "· 1. April 2026")
    );
    assert_eq!(
        zeit_at(r, "2027-01-01", None),
        t("einen Monat", "schriftlich", "· 1. Februar 2026")
    );
}

#[test]
fn an_amending_law_without_inkrafttreten_is_an_error_at_a_date() {
    let e = zeit_at("Die Änderung gilt bald.", "2026-06-01", None).unwrap_err();
    assert!(e.contains("Inkrafttreten"), "{e}");
}

#[test]
fn a_date_that_is_no_day_is_an_error_that_names_it() {
    let r = "Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.";
    // 2026 has no 29 February; a German date is no ISO date
    let e = zeit_at(r, "2026-02-29", Some("2026-02-20")).unwrap_err();
    assert!(e.ends_with(": „2026-02-29“ is no date (YYYY-MM-DD)"), "{e}");
    let e = zeit_at(r, "2026-03-01", Some("28.02.2026")).unwrap_err();
    assert!(e.ends_with(": „28.02.2026“ is no date (YYYY-MM-DD)"), "{e}");
}

#[test]
fn the_shipped_amending_law_gives_the_2026_fassung_and_before_it_the_original() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("laws");
    let (law, am) = (
        dir.join("gesetz-vii.txt"),
        dir.join("aenderung-gesetz-vii-2026.txt"),
    );
    let at = |d: &str| {
        let zeit = paragraf::consolidate::Zeit {
            as_of: Some(d.into()),
            verkuendet: Some("2026-02-28".into()),
            inkraft: false,
        };
        paragraf::consolidate::consolidate_at(&law, &am, false, &zeit)
            .unwrap()
            .0
    };
    let units = |s: &str| common::law_units(&syntax::parse(s));
    let full = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    assert_eq!(
        units(&at("2026-03-01")),
        units(&full(
            &dir.join("../tests/fixtures/vires/gesetz-vii-2026-03-01.txt")
        ))
    );
    assert!(at("2026-03-01").contains("· 1. März 2026"));
    assert_eq!(units(&at("2026-02-28")), units(&full(&law)));
    assert!(at("2026-02-28").contains("· 14. Oktober 2025"));
}

#[test]
fn emphasis_of_the_words_a_change_leaves_alone_stays() {
    let law = "Gesetz X\n\n§ 1 – Zweck\n\n(1) Das **Bundesamt** prüft den Antrag binnen einer Woche. Der **Antrag** ist schriftlich zu stellen.\n\n§ 2 – Ende\n\nDie **Aufsicht** führt das Land.\n";
    let out = apply_text(
        law,
        "1. In § 1 Absatz 1 Satz 1 werden die Wörter „einer Woche“ durch die Wörter „zwei Wochen“ ersetzt.\n\n2. In § 2 wird das Wort „Land“ durch das Wort „Bundesamt“ ersetzt.",
    )
    .unwrap();
    assert!(
        out.contains("(1) Das **Bundesamt** prüft den Antrag binnen zwei Wochen. Der **Antrag** ist schriftlich zu stellen."),
        "{out}"
    );
    assert!(
        out.contains("Die **Aufsicht** führt das Bundesamt."),
        "{out}"
    );
    // a run the change touches goes with it
    let out = apply_text(
        law,
        "1. In § 2 wird das Wort „Aufsicht“ durch das Wort „Kontrolle“ ersetzt.",
    )
    .unwrap();
    assert!(out.contains("Die Kontrolle führt das Land."), "{out}");
    // and the written text reads back with the same emphasis
    let again = syntax::parse(&out);
    assert_eq!(print(&again, &Options::default()), out);
}

#[test]
fn amend_writes_a_synopse_of_what_each_command_did() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synopse.html");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args([
            "amend",
            root().join("laws/gesetz-vii.txt").to_str().unwrap(),
            root()
                .join("laws/aenderung-gesetz-vii-2026.txt")
                .to_str()
                .unwrap(),
            "-o",
            dir.path().join("g.txt").to_str().unwrap(),
            "--synopse",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let h = std::fs::read_to_string(&out).unwrap();
    // each command beside the unit it changed, linked both ways
    for (b, unit) in [
        ("b1", "para-3"),
        ("b2", "para-4a"),
        ("b3", "para-5"),
        ("b4", "para-6"),
    ] {
        assert!(
            h.contains(&format!("id=\"s0-{b}\"><a href=\"#s0-{unit}\"")),
            "{b} not beside {unit}"
        );
        assert!(
            h.contains(&format!("<tbody id=\"s0-{unit}\"")),
            "no rows of {unit}"
        );
        assert!(
            h.contains(&format!("href=\"#s0-{b}\"")),
            "{unit} does not link to {b}"
        );
    }
    assert!(h.contains("<th>Änderungsbefehl</th>"));
}
