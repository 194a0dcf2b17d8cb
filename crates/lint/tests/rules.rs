//! One case per lint rule, with a snapshot of what it reports (`rules__rule_<code>.snap`),
//! and per rule a text close to it that it must not fire on. A new rule
//! adds one line to `CASES` and one to `CLEAN`.

use paragraf_lint as lint;

use lint::render::{self, FileReport};
use lint::{Ctx, LintConfig};
use refs::Universe;
use syntax::source::LineIndex;

/// What the lint reports for a law with no other laws around it (as
/// `paragraf lint` does for a single file).
fn lint(src: &str, config: &LintConfig) -> Vec<lint::Diagnostic> {
    let doc = syntax::parse(src);
    let uni = Universe {
        declared: Vec::new(),
        libraries: &[],
        others: Vec::new(),
    };
    let lines = LineIndex::new(src);
    let refs = refs::resolve_all_with(&doc, src, &uni, &lines);
    let ctx = Ctx::with_lines(&doc, src, &refs, config, lines);
    lint::run(&ctx)
}

fn rendered(code: &str, src: &str, config: &LintConfig) -> String {
    let diags: Vec<_> = lint(src, config)
        .into_iter()
        .filter(|d| d.code == code)
        .collect();
    assert!(!diags.is_empty(), "{code} found nothing in:\n{src}");
    render::human(
        &FileReport {
            path: "test.txt",
            src,
            diagnostics: &diags,
        },
        false,
    )
}

const CASES: &[(&str, &str)] = &[
    ("R001", "Gesetz X\n\n§ 1 Zweck\n\n(1) Die Einstufung erfolgt nach Anhang III.\n(2) Es gilt § 9 Absatz 2.\n(3) Absatz 5 bleibt unberührt.\n"),
    ("R002", "Gesetz X\n\n§ 1 Zweck\n\nDie Frist nach § 2 gilt.\n\n§ 2 (weggefallen)\n"),
    ("R003", "Gesetz X\n\n§ 1 Zweck\n\nEs gilt § 2.\n\n§ 2 Eins\n\nText.\n\n§ 2 Zwei\n\nText.\n"),
    ("R004", "Gesetz X\n\n§ 1 Zweck\n\n(1) Text.\n(2) Die Maßnahmen nach § 1 Absatz 1 gelten.\n"),
    ("R005", "# Verordnung\n\n## § 1 Eins\n\nText.\n\n## Anlage (zu § 1)\n\n*   47\n\n    *   Eingefahren und dadurch gefährdet\n\n    *   § 49 Absatz 1 Nummer 10\n\n    *   30 €\n"),
    ("P001", "Gesetz X\n\n§ 1 Frist\n\nDie Frist endet am\n1. Januar 2027.\nSie verlängert sich nach\n§ 5 Abs. 2 und\nden Vorschriften.\n"),
    ("S001", "Gesetz X\n\n§ 1 Zweck\n\n(1) Eins.\n(2) Zwei.\n\n(2) Noch einmal zwei.\n"),
    ("S002", "Gesetz X\n\n§ 2 Zwei\n\nText.\n\n§ 1 Eins\n\nText.\n"),
    ("S003", "Gesetz X\n\n§ 1 Eins\n\nText.\n\n§ 3 Drei\n\nText.\n"),
    ("S004", "Gesetz X\n\n§ 1 Eins\n\n§ 2 Zwei\n\nText.\n"),
    ("S005", "Gesetz X\n\n§ 1 Inkrafttreten\n\n(1) Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("S006", "# Gesetz X\n\n## Abschnitt 1 - Allgemeines\n\n### Teil 1 - Grundsätze\n\n#### § 1 Zweck\n\nText.\n"),
    ("M001", "Gesetz X\n\n§ 1 Zweck\n\n- (1) Eins.\n- (2) Zwei.\n\n(3) Drei.\n"),
    ("M002", "Gesetz X\n\n§ 1 Zweck\n\nDie Einstufung erfolgt gemäß **Anlage 1**.\n\nAnlage 1 – Tabelle\n\nInhalt.\n"),
    ("D001", "Gesetz X\n\n§ 1 Zweck\n\nDas BKIE überwacht.\n\n§ 2 Behörde\n\nDas Bundesamt für KI-Ethik und Integrität (BKIE) ist zuständig.\n"),
    ("D002", "Gesetz X\n\n§ 1 Zweck\n\nDas Bundesamt für KI (BKI) prüft.\n\n§ 2 Behörde\n\nDas Bundesamt für KI (BKI) ist zuständig.\n"),
    ("T001", "Gesetz X\n\n§ 1 Zweck\n\nDer Begriff „Sprengstoffwirkung wird als Analogie verwendet.\n"),
    ("T002", "Gesetz X\n\n§ 1 Zweck\n\nKlassische Waffen (z. B. Schusswaffen, Messer sind nicht Gegenstand.\n"),
    ("T003", "Gesetz X\n\n§ 1 Zweck\n\nDer Begriff \"Sprengstoffwirkung\" wird verwendet.\n"),
    ("T004", "Gesetz X\n\n§ 1 Zweck\n\nDieses Gesetz  regelt den Umgang.\n"),
    ("C001", "Gesetz X\n\n§ 1 Zweck\n\n(1) Eins. Zwei.\n(2) Nach Absatz 1 Satz 2 und nach Abs. 1 S. 1 gilt das.\n"),
    ("C002", "Gesetz X\n\n§ 1 Eins\n\nDie §§ 2-3 gelten.\n\n§ 2 Zwei\n\nText.\n\n§ 3 Drei\n\nText.\n"),
    ("A001", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 wird die Angabe „Behörde“ durch das Wort „Stelle“ ersetzt.\n\n2. § 2 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A002", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 wird das Wort „zuständige Behörde“ durch das Wort „Stelle“ ersetzt.\n\n2. § 2 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A003", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Nummer 2 wird die Angabe „.“ durch ein Semikolon ersetzt.\n\n2. § 2 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A004", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 werden nach dem Wort „und“ die Wörter „oder Stelle“ eingefügt.\n\n2. § 2 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A005", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt.\n\n2. § 2 Absatz 4 wird gestrichen.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A006", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. § 2 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A007", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X wird wie folgt geändert:\n\n1. In § 1 wird das Wort „Behörde“ durch das Wort „Stelle“ ersetzt.\n\n2. § 2 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
];

/// Per rule, a text close to its case that it must not fire on: the fix the
/// rule's help asks for, or the form it is documented to accept.
const CLEAN: &[(&str, &str)] = &[
    ("R001", "Gesetz X\n\n§ 1 Zweck\n\n(1) Die Einstufung erfolgt nach § 2.\n(2) Es gilt Absatz 1.\n\n§ 2 Einstufung\n\nText.\n"),
    ("R002", "Gesetz X\n\n§ 1 Zweck\n\nDie Frist nach § 2 gilt.\n\n§ 2 Frist\n\nEin Monat.\n"),
    ("R003", "Gesetz X\n\n§ 1 Zweck\n\nEs gilt § 2.\n\n§ 2 Eins\n\nText.\n\n§ 3 Zwei\n\nText.\n"),
    ("R004", "Gesetz X\n\n§ 1 Zweck\n\n(1) Text.\n(2) Die Maßnahmen nach Absatz 1 gelten.\n"),
    ("R005", "# Verordnung\n\n## § 1 Eins\n\nText.\n\n## Anlage (zu § 1)\n\n*   47\n\n    *   Eingefahren und dadurch gefährdet\n\n    *   § 49 Absatz 1 Nummer 10 StVO\n\n    *   30 €\n"),
    ("P001", "Gesetz X\n\n§ 1 Frist\n\nDie Frist endet am 1. Januar 2027.\n"),
    ("S001", "Gesetz X\n\n§ 1 Zweck\n\n(1) Eins.\n(2) Zwei.\n\n(3) Drei.\n"),
    ("S002", "Gesetz X\n\n§ 1 Eins\n\nText.\n\n§ 2 Zwei\n\nText.\n"),
    ("S003", "Gesetz X\n\n§ 1 Eins\n\nText.\n\n§ 1a Einsa\n\nText.\n\n§ 2 Zwei\n\nText.\n"),
    ("S004", "Gesetz X\n\n§ 1 Eins\n\nText.\n\n§ 2 (weggefallen)\n\n§ 3 Drei\n\nText.\n"),
    ("S005", "Gesetz X\n\n§ 1 Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("S006", "# Gesetz X\n\n## Teil 1 - Allgemeines\n\n### Abschnitt 1 - Grundsätze\n\n#### § 1 Zweck\n\nText.\n"),
    ("M001", "Gesetz X\n\n§ 1 Zweck\n\n(1) Eins.\n(2) Zwei.\n\n(3) Drei.\n"),
    ("M002", "Gesetz X\n\n§ 1 Zweck\n\nDie Einstufung erfolgt gemäß Anlage 1.\n\nAnlage 1 – Tabelle\n\nInhalt.\n"),
    ("D001", "Gesetz X\n\n§ 1 Behörde\n\nDas Bundesamt für KI-Ethik und Integrität (BKIE) ist zuständig.\n\n§ 2 Aufsicht\n\nDas BKIE überwacht.\n"),
    ("D002", "Gesetz X\n\n§ 1 Zweck\n\nDas Bundesamt für KI (BKI) prüft.\n\n§ 2 Behörde\n\nDas BKI ist zuständig.\n"),
    ("T001", "Gesetz X\n\n§ 1 Zweck\n\nDer Begriff „Sprengstoffwirkung“ wird als Analogie verwendet.\n"),
    ("T002", "Gesetz X\n\n§ 1 Zweck\n\nKlassische Waffen (z. B. Schusswaffen, Messer) sind nicht Gegenstand.\n"),
    ("T003", "Gesetz X\n\n§ 1 Zweck\n\nDer Begriff „Sprengstoffwirkung“ wird verwendet.\n"),
    ("T004", "Gesetz X\n\n§ 1 Zweck\n\nDieses Gesetz regelt den Umgang.\n\n- (1) Eingerückt:\n    1. bleibt erlaubt.\n"),
    ("C001", "Gesetz X\n\n§ 1 Zweck\n\n(1) Eins. Zwei.\n(2) Nach Absatz 1 Satz 2 und nach Absatz 1 Satz 1 gilt das.\n"),
    ("C002", "Gesetz X\n\n§ 1 Eins\n\nDie §§ 2 bis 3 gelten.\n\n§ 2 Zwei\n\nText.\n\n§ 3 Drei\n\nText.\n"),
    ("A001", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n2. In § 1 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n3. § 2 Absatz 4 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A002", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n2. In § 1 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n3. § 2 Absatz 4 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A003", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n2. In § 1 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n3. § 2 Absatz 4 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A004", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n2. In § 1 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n3. § 2 Absatz 4 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A005", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n2. In § 1 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n3. § 2 Absatz 4 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A006", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n2. In § 1 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n3. § 2 Absatz 4 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
    ("A007", "Artikel 1 – Änderung des Gesetzes X\n\nDas Gesetz X vom 1. Januar 2025 (BGBl. I S. 1) wird wie folgt geändert:\n\n1. In § 1 Satz 2 wird das Wort „Behörde“ jeweils durch das Wort „Stelle“ ersetzt.\n\n2. In § 1 Nummer 2 wird der Punkt am Ende durch ein Semikolon ersetzt.\n\n3. § 2 Absatz 4 wird aufgehoben.\n\nArtikel 2 – Inkrafttreten\n\nDieses Gesetz tritt am Tag nach der Verkündung in Kraft.\n"),
];

#[test]
fn no_rule_fires_on_its_clean_case() {
    let config = LintConfig::default();
    for r in lint::registry() {
        assert!(
            CLEAN.iter().any(|(c, _)| *c == r.code),
            "no clean case for {}",
            r.code
        );
    }
    for (code, src) in CLEAN {
        let fired: Vec<_> = lint(src, &config)
            .into_iter()
            .filter(|d| d.code == *code)
            .map(|d| d.message)
            .collect();
        assert!(
            fired.is_empty(),
            "{code} fired on its clean case:\n{src}\n{fired:?}"
        );
    }
}

#[test]
fn every_rule_has_a_case_and_a_full_doc() {
    for r in lint::registry() {
        assert!(
            CASES.iter().any(|(c, _)| *c == r.code),
            "no test case for {}",
            r.code
        );
        let doc = r.doc();
        for h in ["## What it checks", "## Why", "## Example", "## Instead"] {
            assert!(doc.contains(h), "{}: doc lacks {h}", r.code);
        }
    }
}

/// README.md's table of rules has a row for every rule, with its name and
/// default level (a newcomer found the A rules missing there).
#[test]
fn every_rule_has_its_row_in_the_readme() {
    let readme = include_str!("../../../README.md");
    for r in lint::registry() {
        let row = format!("| {} | {} | {} |", r.code, r.name, r.severity.as_str());
        assert!(readme.contains(&row), "README.md lacks the row „{row} …“");
    }
}

#[test]
fn rule_snapshots() {
    let config = LintConfig::default();
    for (code, src) in CASES {
        insta::assert_snapshot!(format!("rule_{code}"), rendered(code, src, &config));
    }
}
