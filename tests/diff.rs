//! Structural diff, Synopse and Änderungsbefehle on the shipped Fassungen of Gesetz VII.

mod common;

use amend::generate;
use diff::{render, ChangeKind};
use std::process::Command;

fn law(name: &str) -> syntax::Document {
    let src =
        std::fs::read_to_string(format!("{}/laws/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    syntax::parse(&src)
}

fn pair() -> (syntax::Document, syntax::Document) {
    (
        law("gesetz-vii.txt"),
        law("../tests/fixtures/vires/gesetz-vii-2026-03-01.txt"),
    )
}

#[test]
fn changes_apply_back_to_the_new_fassung() {
    let (old, new) = pair();
    let (a, b) = (diff::entries(&old), diff::entries(&new));
    let changes = diff::diff_entries(&a, &b);
    assert_eq!(diff::apply(&a, &changes).unwrap(), b);
    let kinds: Vec<(ChangeKind, String)> = changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Layout)
        .map(|c| (c.kind, c.id().to_string()))
        .collect();
    assert!(
        kinds.contains(&(ChangeKind::Inserted, "para-4a".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(ChangeKind::Removed, "para-5_abs-4".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(ChangeKind::Modified, "para-6".into())),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(ChangeKind::Inserted, "anhang-I".into())),
        "{kinds:?}"
    );
    // the word diff of § 3 Absatz 3
    let c = changes.iter().find(|c| c.id() == "para-3_abs-3").unwrap();
    let ops: Vec<(diff::WordOp, &str)> = c
        .words
        .iter()
        .filter(|w| w.op != diff::WordOp::Equal)
        .map(|w| (w.op, w.text.as_str()))
        .collect();
    use diff::WordOp::{Delete, Insert};
    assert_eq!(
        ops,
        [(Delete, "kann"), (Insert, "wird"), (Delete, " werden")]
    );
}

#[test]
fn equal_versions_have_no_changes_and_layout_is_separate() {
    let (old, _) = pair();
    let a = diff::entries(&old);
    assert!(diff::diff_entries(&a, &a).is_empty());
    // "- (1)" to "(1)" and dropping emphasis is layout, not wording
    let x = syntax::parse("Gesetz\n\n§ 1 Zweck\n\n- (1) Das **Amt** prüft.\n- (2) Es gilt.\n");
    let y = syntax::parse("Gesetz\n\n§ 1 Zweck\n\n(1) Das Amt prüft.\n\n(2) Es gilt.\n");
    let changes = diff::diff(&x, &y);
    assert!(!changes.is_empty());
    assert!(
        changes.iter().all(|c| c.kind == ChangeKind::Layout),
        "{changes:?}"
    );
}

#[test]
fn renumbered_units_are_recognized() {
    let x = syntax::parse("Gesetz\n\n§ 1 Zweck\n\n(1) Die erste Regel gilt für alle Beteiligten des Verfahrens.\n\n(2) Die zweite Regel gilt für die Behörden des Bundes und der Länder.\n");
    let y = syntax::parse("Gesetz\n\n§ 1 Zweck\n\n(1) Die erste Regel gilt für alle Beteiligten des Verfahrens.\n\n(2) Neu eingefügte Regel über die Zuständigkeit der Gerichte.\n\n(3) Die zweite Regel gilt für die Behörden des Bundes und der Länder.\n");
    let (a, b) = (diff::entries(&x), diff::entries(&y));
    let changes = diff::diff_entries(&a, &b);
    assert_eq!(diff::apply(&a, &changes).unwrap(), b);
    let text = generate::aenderungsbefehle(&x, &y, &a, &b, &changes, generate::Style::Hdr4);
    assert!(
        text.contains("Der bisherige Absatz 2 wird Absatz 3."),
        "{text}"
    );
}

#[test]
fn amendments_snapshot() {
    let (old, new) = pair();
    let (a, b) = (diff::entries(&old), diff::entries(&new));
    let changes = diff::diff_entries(&a, &b);
    let text = generate::aenderungsbefehle(&old, &new, &a, &b, &changes, generate::Style::Hdr4);
    insta::assert_snapshot!(text);
    let hdr3 = generate::aenderungsbefehle(&old, &new, &a, &b, &changes, generate::Style::Hdr3);
    assert!(
        hdr3.contains("Nach § 4 wird folgender § 4a eingefügt:"),
        "{hdr3}"
    );
}

/// The generated amending law for OLD → NEW, and whether it applies back to NEW.
fn generate_and_apply(old: &str, new: &str) -> String {
    common::generate_and_apply_docs(&syntax::parse(old), &syntax::parse(new))
}

#[test]
fn one_unit_for_several_paragraphs_is_cited_in_the_plural() {
    // BGB 2013 → 2018: "§§ 114, 115 (weggefallen)" became "§§ 114 und 115 (weggefallen)"
    let old = "# Gesetz\n\n## § 113 Eins\n\nText eins.\n\n## §§ 114, 115 (weggefallen)\n\n## § 116 Drei\n\nText drei.\n";
    let text = generate_and_apply(old, &old.replace("§§ 114, 115", "§§ 114 und 115"));
    assert!(
        text.contains(
            "Die §§ 114, 115 des Gesetzes werden wie folgt gefasst:\n   „§§ 114 und 115 (weggefallen)“"
        ),
        "{text}"
    );
    let text = generate_and_apply(
        old,
        &old.replace("## § 116 Drei", "## § 115a Neu\n\nNeu.\n\n## § 116 Drei"),
    );
    assert!(
        text.contains("Nach den §§ 114, 115 des Gesetzes wird der folgende § 115a eingefügt:"),
        "{text}"
    );
}

#[test]
fn untyped_headings_are_quoted_as_headings() {
    // an Anlage with headings that have no type word (StGebO 2011, GOZ 1987)
    let old = "# Verordnung\n\n## § 1 Tarif\n\nDie Gebühren ergeben sich aus der Anlage.\n\n## Anlage (zu § 1)\n\n## A.\n\n## Gebühren des Bundes\n\nZulassung: 10 Euro.\n";
    let text = generate_and_apply(
        old,
        &old.replace("10 Euro", "12 Euro").replace("## A.", "## B."),
    );
    assert!(text.contains("\n   ## B.\n"), "{text}");
}

#[test]
fn headings_inserted_inside_a_unit_take_in_the_units_after_them() {
    // BGB 2018: Untertitel 1 gets Kapitel, a type it did not have, and § 475 Absatz 2
    // moves to § 476 while a new Absatz 2 comes in
    let old = "# Gesetz\n\n## Titel 9 - Werk\n\n### Untertitel 1 - Werkvertrag\n\n#### § 631 Eins\n\nText eins.\n\n#### § 650 Zwei\n\n(1) Erstens.\n\n(2) Zweitens, alt.\n\n### Untertitel 2 - Reise\n\n#### § 651a Drei\n\n(1) Dritter Absatz eins.\n";
    let new = "# Gesetz\n\n## Titel 9 - Werk\n\n### Untertitel 1 - Werkvertrag\n\n#### Kapitel 1 - Allgemein\n\n#### § 631 Eins\n\nText eins.\n\n#### § 650 Zwei\n\n(1) Erstens.\n\n(2) Ganz neu und anders gefasst.\n\n#### Kapitel 2 - Bau\n\n#### § 650a Bau\n\nBau.\n\n### Untertitel 2 - Reise\n\n#### § 651a Drei\n\n(1) Dritter Absatz eins.\n\n(2) Zweitens, alt.\n";
    let text = generate_and_apply(old, new);
    assert!(
        text.contains("Vor § 631 wird das folgende Kapitel 1 eingefügt:"),
        "{text}"
    );
    assert!(
        text.contains("Nach § 650 wird das folgende Kapitel 2 eingefügt:"),
        "{text}"
    );
}

#[test]
fn a_mark_replaced_by_a_word_keeps_the_words_apart() {
    let old = "Gesetz\n\n§ 1 – Zweck\n\n(1) Die gespeicherten Daten können gelesen, geprüft werden.\n\n(2) Text.\n";
    let text = generate_and_apply(old, &old.replace("gelesen, geprüft", "gelesen und geprüft"));
    assert!(text.contains("„,“ durch das Wort „und“ ersetzt"), "{text}");
}

#[test]
fn word_commands_agree_in_number() {
    let x = syntax::parse("Gesetz\n\n§ 1 Zweck\n\n(1) Die Behörde prüft den Antrag sorgfältig und zügig nach den geltenden Vorschriften des Bundes.\n\n(2) Text.\n");
    for (new, want) in [
        ("Die Behörde prüft den Antrag sorgfältig und zügig nach den geltenden Vorschriften der Länder.", "In § 1 Absatz 1 des Gesetzes werden die Wörter „des Bundes“ durch die Wörter „der Länder“ ersetzt."),
        ("Die Behörde prüft den Antrag zügig nach den geltenden Vorschriften des Bundes.", "In § 1 Absatz 1 des Gesetzes werden die Wörter „sorgfältig und“ gestrichen."),
        ("Die Behörde prüft den Antrag sorgfältig und zügig nach den geltenden Vorschriften des Bundes und der Europäischen Union.", "In § 1 Absatz 1 des Gesetzes werden nach dem Wort „Bundes“ die Wörter „und der Europäischen Union“ eingefügt."),
        ("Die Stelle prüft den Antrag sorgfältig und zügig nach den geltenden Vorschriften des Bundes.", "In § 1 Absatz 1 des Gesetzes wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt."),
    ] {
        let y = syntax::parse(&format!("Gesetz\n\n§ 1 Zweck\n\n(1) {new}\n\n(2) Text.\n"));
        let (a, b) = (diff::entries(&x), diff::entries(&y));
        let changes = diff::diff_entries(&a, &b);
        let text = generate::aenderungsbefehle(&x, &y, &a, &b, &changes, generate::Style::Hdr4);
        assert!(text.contains(want), "want {want}\ngot {text}");
    }
}

#[test]
fn synopse_marks_old_and_new() {
    let (old, new) = pair();
    let (a, b) = (diff::entries(&old), diff::entries(&new));
    let changes = diff::diff_entries(&a, &b);
    let html = render::synopse_html("Gesetz VII", &a, &b, &changes);
    assert!(html.contains("unverändert"));
    assert!(html.contains("<del>kann</del>"));
    assert!(html.contains("<ins>wird</ins>"));
    assert!(html.contains("class=del>(4) Der Lizenzentzug"));
    assert!(html.starts_with("<!DOCTYPE html>"));
}

fn paragraf(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

#[test]
fn exit_codes_like_diff() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let old = format!("{dir}/laws/gesetz-vii.txt");
    let new = format!("{dir}/tests/fixtures/vires/gesetz-vii-2026-03-01.txt");
    assert_eq!(paragraf(&["diff", &old, &old]).status.code(), Some(0));
    assert_eq!(paragraf(&["diff", &old, &new]).status.code(), Some(1));
    assert_eq!(
        paragraf(&["diff", &old, "/nonexistent"]).status.code(),
        Some(2)
    );
    let o = paragraf(&["diff", &old, &new, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "inserted" && c["new"]["id"] == "para-4a"));
    let o = paragraf(&["diff", &old, &new, "--side-by-side", "--width", "80"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains(" │ "));
}

#[test]
fn git_external_diff_driver() {
    // git calls: path old-file old-hex old-mode new-file new-hex new-mode
    let dir = env!("CARGO_MANIFEST_DIR");
    let old = format!("{dir}/laws/gesetz-vii.txt");
    let new = format!("{dir}/tests/fixtures/vires/gesetz-vii-2026-03-01.txt");
    let o = paragraf(&[
        "git-diff",
        "laws/gesetz-vii.txt",
        &old,
        "abc",
        "100644",
        &new,
        "def",
        "100644",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("laws/gesetz-vii.txt") && out.contains("§ 4a"),
        "{out}"
    );
}

#[test]
fn gliederung_units_renumbered_in_a_chain_run_from_the_last_and_take_their_units_along() {
    // ZPO 2012 → 2013: a new Titel 1 before Titel 1 to 4, which become Titel 2 to 5
    let old = "# Gesetz\n\n## Abschnitt 1 – Vollstreckung\n\n### Titel 1 – Bewegliches Vermögen\n\n#### Untertitel 1 – Allgemeines\n\n##### § 1 Eins\n\nText eins, der lang genug ist.\n\n### Titel 2 – Unbewegliches Vermögen\n\n##### § 2 Zwei\n\nText zwei, der lang genug ist.\n";
    let new = old.replace(
        "### Titel 1 – Bewegliches Vermögen",
        "### Titel 1 – Allgemeine Vorschriften\n\n##### § 0a Neu\n\nNeu.\n\n### Titel 2 – Bewegliches Vermögen",
    )
    .replace("### Titel 2 – Unbewegliches", "### Titel 3 – Unbewegliches");
    let text = generate_and_apply(old, &new);
    let later = text.find("Der bisherige Abschnitt 1 Titel 1 wird Titel 2.");
    let first = text.find("Der bisherige Abschnitt 1 Titel 2 wird Titel 3.");
    assert!(
        first.is_some() && later.is_some() && first < later,
        "{text}"
    );
    assert!(!text.contains("Untertitel"), "{text}");
    assert!(
        text.contains("Vor Abschnitt 1 Titel 2 wird der folgende Titel 1 eingefügt:"),
        "{text}"
    );
}

#[test]
fn a_gliederung_unit_renamed_and_renumbered_is_found_by_its_paragraphs() {
    // BGB 2018: Untertitel 2 "Reisevertrag" became Untertitel 3 "Pauschalreisevertrag",
    // a new Untertitel 2 came before it
    let old = "# Gesetz\n\n## Titel 9 – Werkvertrag und ähnliche Verträge\n\n### Untertitel 1 – Werkvertrag\n\n#### § 631 Werkvertrag\n\nDurch den Werkvertrag wird der Unternehmer verpflichtet.\n\n### Untertitel 2 – Reisevertrag\n\n#### § 651a Reisevertrag\n\nDurch den Reisevertrag wird der Reiseveranstalter verpflichtet.\n\n#### § 651b Vertragsübertragung\n\nDer Reisende kann verlangen, dass ein Dritter eintritt.\n";
    let new = old
        .replace(
            "### Untertitel 2 – Reisevertrag",
            "### Untertitel 2 – Architektenvertrag\n\n#### § 650p Architektenvertrag\n\nDurch einen Architektenvertrag wird der Architekt verpflichtet.\n\n### Untertitel 3 – Pauschalreisevertrag",
        )
        .replace("#### § 651a Reisevertrag", "#### § 651a Pauschalreisevertrag");
    let text = generate_and_apply(old, &new);
    for cmd in [
        "Der bisherige Titel 9 Untertitel 2 wird Untertitel 3.",
        "Die Überschrift des Titels 9 Untertitel 3 wird wie folgt gefasst:\n   „Pauschalreisevertrag“",
        "Nach § 631 wird der folgende Untertitel 2 eingefügt:",
    ] {
        assert!(text.contains(cmd), "{cmd}\n\n{text}");
    }
}

#[test]
fn two_units_of_one_number_that_swap_places_are_restated_with_their_gliederung_unit() {
    // ApoBetrO 2012: "§ 37 (weggefallen)" and "§ 37 Übergangsvorschriften" swap places
    let old = "# Verordnung\n\n## Erster Abschnitt – Allgemeines\n\n### § 1 Eins\n\nText eins.\n\n## Fünfter Abschnitt – Schlussbestimmungen\n\n### § 37 (weggefallen)\n\n### § 37 Übergangsvorschriften\n\nDie Vorschrift gilt ab 2013.\n";
    let new = "# Verordnung\n\n## Erster Abschnitt – Allgemeines\n\n### § 1 Eins\n\nText eins.\n\n## Fünfter Abschnitt – Schlussbestimmungen\n\n### § 37 Übergangsvorschriften\n\nDie Vorschrift gilt ab 2013.\n\n### § 37 (weggefallen)\n";
    let text = generate_and_apply(old, new);
    assert!(
        text.contains(
            "Abschnitt 5 der Verordnung wird wie folgt gefasst:\n   „Fünfter Abschnitt – Schlussbestimmungen"
        ),
        "{text}"
    );
    assert!(!text.contains("nicht ausdrückbar"), "{text}");
}

/// Two Fassungen of a law with an Inhaltsübersicht, the second with a § renamed,
/// one inserted and one repealed.
const UEB_ALT: &str = "Gesetz U\n\nInhaltsübersicht\n\nAbschnitt 1 Allgemeines\n\n§ 1 Zweck\n\n§ 2 Begriffe\n\n§ 3 Meldungen\n\n§ 4 Ende\n\nAbschnitt 1 – Allgemeines\n\n§ 1 – Zweck\n\nText eins.\n\n§ 2 – Begriffe\n\nText zwei.\n\n§ 3 – Meldungen\n\nText drei.\n\n§ 4 – Ende\n\nText vier.\n";

#[test]
fn changes_of_the_inhaltsuebersicht_are_written_by_their_angaben() {
    let new = UEB_ALT
        .replace("§ 2 Begriffe\n\n§ 3 Meldungen\n\n", "§ 2 Begriffsbestimmungen\n\n§ 2a Anwendungsbereich\n\n")
        .replace("§ 2 – Begriffe\n\nText zwei.\n\n§ 3 – Meldungen\n\nText drei.\n\n", "§ 2 – Begriffsbestimmungen\n\nText zwei.\n\n§ 2a – Anwendungsbereich\n\nText zwei a.\n\n");
    let (x, y) = (syntax::parse(UEB_ALT), syntax::parse(&new));
    let text = common::generate_and_apply_docs(&x, &y);
    assert!(!text.contains("nicht ausdrückbar"), "{text}");
    assert!(
        text.contains("Die Inhaltsübersicht wird wie folgt geändert:"),
        "{text}"
    );
    assert!(
        text.contains("Die Angabe zu § 2 wird wie folgt gefasst:"),
        "{text}"
    );
    assert!(
        text.contains("Nach der Angabe zu § 2 wird folgende Angabe eingefügt:"),
        "{text}"
    );
    assert!(
        text.contains("Die Angabe zu § 3 wird gestrichen."),
        "{text}"
    );
    // a line inserted, and struck again
    let newer = new
        .replace("§ 4 Ende\n\nAbschnitt", "§ 3 Neu\n\n§ 4 Ende\n\nAbschnitt")
        .replace("§ 4 – Ende", "§ 3 – Neu\n\nText drei neu.\n\n§ 4 – Ende");
    let text = common::generate_and_apply_docs(&y, &syntax::parse(&newer));
    assert!(
        text.contains("Nach der Angabe zu § 2a wird folgende Angabe eingefügt:\n   „§ 3 Neu“"),
        "{text}"
    );
    let text = common::generate_and_apply_docs(&syntax::parse(&newer), &y);
    assert!(
        text.contains("Die Angabe zu § 3 wird gestrichen."),
        "{text}"
    );
}

#[test]
fn an_inhaltsuebersicht_whose_lines_have_no_angabe_is_restated() {
    // lines that name no unit ("Allgemeine Vorschriften"), before the § itself
    let old = "Gesetz U\n\nInhaltsübersicht\n\nAllgemeine Vorschriften\n\nSchlussvorschriften\n\n\
               § 1 – Zweck\n\nText.\n";
    let new = old.replace(
        "Schlussvorschriften\n\n",
        "Schluss- und Übergangsvorschriften\n\n",
    );
    let (x, y) = (syntax::parse(old), syntax::parse(&new));
    let text = common::generate_and_apply_docs(&x, &y);
    assert!(
        text.contains("Die Inhaltsübersicht des Gesetzes U wird wie folgt gefasst:"),
        "{text}"
    );
}

#[test]
fn a_change_no_command_can_say_is_listed_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(
        &a,
        "Gesetz X\n\nEin Vorspruch ohne Nummer.\n\n§ 1 – Zweck\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Gesetz X\n\nEin anderer Vorspruch ohne Nummer.\n\n§ 1 – Zweck\n\nText.\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["diff", "--amendments"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(2), "{out}\n{err}");
    assert!(
        !out.contains("nicht ausdrückbar") && !out.contains('['),
        "{out}"
    );
    assert!(err.contains("b.txt:3: no Änderungsbefehl can say"), "{err}");
}

// Forms met on unseen Fassungen of federal laws (tests/history-pairs.tsv).

#[test]
fn a_clause_replaced_after_a_bracket_keeps_its_space() {
    // HGB § 341l 2013 → 2018
    let old = "Gesetz\n\n§ 1 – Zweck\n\n(1) Für die Bewertung der Kapitalanlagen und für die Angaben im Anhang des Jahresabschlusses gilt neben den allgemeinen Vorschriften die Verordnung über die Rechnungslegung von Versicherungsunternehmen vom 8. November 1994 (BGBl. I S. 3378), die zuletzt durch Artikel 8 des Gesetzes vom 4. Dezember 2004 geändert worden ist.\n\n(2) Text.\n";
    let new = old.replace(
        "), die zuletzt durch Artikel 8 des Gesetzes vom 4. Dezember 2004 geändert worden ist.",
        ") in der jeweils geltenden Fassung.",
    );
    let text = generate_and_apply(old, &new);
    assert!(
        text.contains("durch die Wörter „in der jeweils geltenden Fassung“ ersetzt"),
        "{text}"
    );
}

#[test]
fn a_renumbering_past_an_absatz_that_stays_is_a_move() {
    // StPO § 100g 2013 → 2018: Absatz 3 became Absatz 5, Absatz 4 was restated in place
    let old = "Gesetz\n\n§ 1 – Zweck\n\n(1) Eins.\n\n(2) Zwei.\n\n(3) Drei bleibt als fünf.\n\n(4) Vier alt mit ganz anderem Wortlaut als später.\n";
    let new = "Gesetz\n\n§ 1 – Zweck\n\n(1) Eins.\n\n(2) Zwei.\n\n(3) Drei ist neu.\n\n(4) Vier neu, ganz und gar anders gefasst als vorher.\n\n(5) Drei bleibt als fünf.\n";
    generate_and_apply(old, new);
}

#[test]
fn a_restatement_says_every_change_inside_it() {
    // BNatSchG § 30 2018 → 2022: a Nummer changed, one added and the closing text changed
    let old = "Gesetz\n\n§ 1 – Zweck\n\n(1) Verboten sind:\n\n1. eins,\n\n2. zwei.\n\nDas gilt nicht für Höhlen.\n\n(2) Text.\n";
    let new = "Gesetz\n\n§ 1 – Zweck\n\n(1) Verboten sind:\n\n1. eins,\n\n2. zwei,\n\n3. drei.\n\nDas gilt nicht für Höhlen und Stollen.\n\n(2) Text.\n";
    let text = generate_and_apply(old, new);
    assert!(
        text.contains("§ 1 Absatz 1 des Gesetzes wird wie folgt gefasst"),
        "{text}"
    );
    assert!(!text.contains("\n2. "), "one command: {text}");
}

#[test]
fn the_units_of_a_renumbered_nummer_follow_it() {
    // HGB § 291 Absatz 2: Nummer 3 with its Buchstaben became Nummer 4
    let old = "Gesetz\n\n§ 1 – Zweck\n\n(1) Es gilt:\n\n1. eins,\n\n2. zwei,\n\n3. drei mit\n\n   a) a,\n\n   b) b.\n\n(2) Text.\n";
    let new = "Gesetz\n\n§ 1 – Zweck\n\n(1) Es gilt:\n\n1. eins,\n\n2. zwei,\n\n3. neu,\n\n4. drei mit\n\n   a) a,\n\n   b) b.\n\n(2) Text.\n";
    let text = generate_and_apply(old, new);
    assert!(!text.contains("Buchstabe"), "{text}");
}

#[test]
fn a_struck_heading_waits_for_the_struck_headings_inside_it() {
    // HGB Buch 5 2013 → 2018: Abschnitt 7 and its Titel 1 and 2 struck
    let old = "# Gesetz\n\n## Abschnitt 1 - Eins\n\n### § 1 Eins\n\nText.\n\n## Abschnitt 2 - Zwei\n\n### Titel 1 - A\n\n#### § 2 Zwei\n\nText.\n\n### Titel 2 - B\n\n#### § 3 Drei\n\nText.\n";
    let new = "# Gesetz\n\n## Abschnitt 1 - Eins\n\n### § 1 Eins\n\nText.\n\n### § 2 Zwei\n\nText.\n\n### § 3 Drei\n\nText.\n";
    let text = generate_and_apply(old, new);
    let (t2, a2) = (
        text.find("Titel 2 wird").unwrap(),
        text.find("Abschnitt 2 wird").unwrap(),
    );
    assert!(t2 < a2, "{text}");
}

#[test]
fn the_inhaltsuebersicht_of_the_stpo_changes_by_its_angaben() {
    // StPO 2019 → 2021 (Gesetz zur Fortentwicklung der Strafprozessordnung):
    // §§ 95a and 100k inserted, § 96 renamed, each with its Angabe
    let (alt, neu) = (
        common::fixture("stpo/alt.txt"),
        common::fixture("stpo/neu.txt"),
    );
    let text = common::generate_and_apply_docs(&syntax::parse(&alt), &syntax::parse(&neu));
    for want in [
        "1. Die Inhaltsübersicht wird wie folgt geändert:",
        "Nach der Angabe zu § 95 wird folgende Angabe eingefügt:\n      „§ 95a Zurückstellung der Benachrichtigung des Beschuldigten; Offenbarungsverbot“",
        "Die Angabe zu § 96 wird wie folgt gefasst:\n      „§ 96 Amtlich verwahrte Schriftstücke und Dateien“",
        "Nach der Angabe zu § 100j wird folgende Angabe eingefügt:\n      „§ 100k Erhebung von Nutzungsdaten bei Telemediendiensten“",
        "Nach § 95 wird der folgende § 95a eingefügt:",
        "Nach § 100j wird der folgende § 100k eingefügt:",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn a_publisher_mark_is_no_change_of_the_law() {
    // GmbHG § 57f Absatz 3 2018 → 2022: juris dropped its „♦“, nothing else changed
    let old = "# Gesetz\n\n## § 1 Zweck\n\n(1) Text eins.\n\n(2) Zu Prüfern dürfen nur Abschlussprüfer bestellt werden.♦\n";
    let new = old.replace(".♦", ".");
    let (x, y) = (syntax::parse(old), syntax::parse(&new));
    let (a, b) = (diff::entries(&x), diff::entries(&y));
    let changes = diff::diff_entries(&a, &b);
    assert!(
        changes.iter().all(|c| c.kind == diff::ChangeKind::Layout),
        "{changes:?}"
    );
    let g = amend::generate::generate(&x, &y, &a, &b, &changes, Default::default());
    assert_eq!(g.commands, 0, "{}", g.text);
    // and the command line writes no amending law, but says why
    let dir = tempfile::tempdir().unwrap();
    let (p, q) = (dir.path().join("alt.md"), dir.path().join("neu.md"));
    std::fs::write(&p, old).unwrap();
    std::fs::write(&q, &new).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["diff", "--amendments"])
        .args([&p, &q])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no change of the law text"));
}

#[test]
fn a_renumbered_heading_with_an_ordinal_gets_the_new_ordinal() {
    // StPO Buch 5 2013 → 2018: a new Erster Abschnitt, the old one becomes the Zweiter
    let old = "# Gesetz\n\n## Fünftes Buch - Beteiligung\n\n### Erster Abschnitt - Privatklage\n\n#### § 374 Zulässigkeit\n\nText.\n";
    let new = "# Gesetz\n\n## Fünftes Buch - Beteiligung\n\n### Erster Abschnitt - Definition\n\n#### § 373b Begriff\n\nText b.\n\n### Zweiter Abschnitt - Privatklage\n\n#### § 374 Zulässigkeit\n\nText.\n";
    let (x, y) = (syntax::parse(old), syntax::parse(new));
    let text = common::generate_and_apply_docs(&x, &y);
    let law = amend::parse::parse("gen", &text, x.title.as_deref(), None).unwrap();
    let mut doc = x.clone();
    amend::apply::apply(&mut doc, &law, "gen", &Default::default(), false);
    let out = syntax::print::print(&doc, &Default::default());
    assert!(out.contains("Zweiter Abschnitt – Privatklage"), "{out}");
}

#[test]
fn a_paragraph_repealed_is_aufgehoben_not_restated_as_weggefallen() {
    // Handbuch: „§ 2 wird aufgehoben.“, never „§ 2 wird wie folgt gefasst:
    // „§ 2 (weggefallen)““
    let old = "# Gesetz\n\n## § 1 Eins\n\nText eins.\n\n## § 2 Zwei\n\n(1) Text zwei.\n\n(2) Noch mehr.\n\n## § 3 Drei\n\nText drei.\n";
    let new = "# Gesetz\n\n## § 1 Eins\n\nText eins.\n\n## § 2 (weggefallen)\n\n## § 3 Drei\n\nText drei.\n";
    let text = generate_and_apply(old, new);
    assert!(text.contains("§ 2 des Gesetzes wird aufgehoben."), "{text}");
    assert!(!text.contains("gefasst"), "{text}");
}

/// Five Nummern; a new Nummer 2 is inserted, so the old Nummern 2 to 5
/// become 3 to 6, and the old Nummer 4 (now 5) gets a word more (the
/// shift of GeschmMV § 13, issue 37).
const NUMMERN: &str = "Gesetz X – Gesetz über Proben\n\n§ 1 – Zweck\n\nDieses Gesetz regelt Proben.\n\n§ 2 – Begriffe\n\nIm Sinne dieses Gesetzes ist:\n\n1. Probe eine Menge eines Stoffes,\n\n2. Labor eine Stelle, die Proben untersucht,\n\n3. Behörde die nach Landesrecht zuständige Stelle,\n\n4. Betreiber, wer ein Labor betreibt,\n\n5. Gutachten der schriftliche Bericht über eine Probe.\n\n§ 3 – Pflicht\n\nDer Betreiber untersucht jede Probe.\n";

fn nummern_neu() -> String {
    NUMMERN
        .replace("5. Gutachten", "6. Gutachten")
        .replace(
            "4. Betreiber, wer ein Labor betreibt",
            "5. Betreiber, wer ein Labor gewerblich betreibt",
        )
        .replace("3. Behörde", "4. Behörde")
        .replace(
            "2. Labor",
            "2. Stoff jede chemische Verbindung,\n\n3. Labor",
        )
}

#[test]
fn a_shift_of_nummern_is_a_renumbering_not_restatements() {
    // „Die bisherigen Nummern 2 bis 5 werden die Nummern 3 bis 6.“, then
    // the insertion: no Nummer restated with its neighbour's text
    let text = generate_and_apply(NUMMERN, &nummern_neu());
    insta::assert_snapshot!(text);
}

/// Gesetz VI with a new § 3: the old § 4 becomes § 5 and one word in it changes.
const PARAGRAFEN: &str = "Gesetz VI – Gesetz über Anträge\n\n§ 1 – Zweck\n\nDieses Gesetz regelt Anträge.\n\n§ 2 – Antrag\n\nDer Antrag ist schriftlich zu stellen.\n\n§ 3 – Angaben\n\nDer Antrag enthält den Namen.\n\n§ 4 – Frist\n\n(1) Die Frist beträgt einen Monat.\n\n(2) Sie beginnt mit dem Tag, an dem der Antrag bei der zuständigen Behörde eingeht.\n";

fn paragrafen_neu() -> String {
    PARAGRAFEN
        .replace("§ 4 – Frist", "§ 5 – Frist")
        .replace("§ 3 – Angaben", "§ 4 – Angaben")
        .replace("einen Monat", "zwei Monate")
        .replace(
            "\n\n§ 4 – Angaben",
            "\n\n§ 3 – Zuständigkeit\n\nZuständig ist die Gemeinde.\n\n§ 4 – Angaben",
        )
}

/// The rows of a Synopse in HTML, one a line (the page around them left out).
fn table_rows(html: &str) -> String {
    html.lines()
        .filter(|l| l.starts_with("<tr"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_synopse_sets_the_old_unit_beside_the_renumbered_one() {
    for (old, new) in [
        (PARAGRAFEN.to_string(), paragrafen_neu()),
        (NUMMERN.to_string(), nummern_neu()),
    ] {
        let (x, y) = (syntax::parse(&old), syntax::parse(&new));
        let (a, b) = (diff::entries(&x), diff::entries(&y));
        let changes = diff::diff_entries(&a, &b);
        let rows = render::synopse_rows(&a, &b, &changes);
        // nothing struck out beside something inserted: each old unit has its row
        assert!(
            rows.iter().all(|r| r.state != render::RowState::Removed),
            "{rows:#?}"
        );
        let three = table_rows(&render::synopse_html("Gesetz", &a, &b, &changes));
        let two = table_rows(&amend::synopse::zweispaltig("Gesetz", rows));
        insta::assert_snapshot!(format!("{three}\n\n--- synopse2 ---\n{two}"));
    }
}
