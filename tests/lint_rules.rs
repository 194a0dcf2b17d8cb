//! One case per lint rule, with a snapshot of what `paragraf lint` prints for it.

mod common;

use lint::render::{self, FileReport};
use lint::LintConfig;
use paragraf::project::{check, Law};
use refs::Universe;

fn lint(src: &str, config: &LintConfig) -> Vec<lint::Diagnostic> {
    let law = Law {
        path: "test.txt".into(),
        src: src.to_string(),
        doc: syntax::parse(src),
    };
    check(
        &law,
        &Universe {
            declared: Vec::new(),
            libraries: &[],
            others: Vec::new(),
        },
        config,
    )
    .1
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

#[test]
fn rule_snapshots() {
    let config = LintConfig::default();
    for (code, src) in CASES {
        insta::assert_snapshot!(format!("rule_{code}"), rendered(code, src, &config));
    }
}

#[test]
fn seed_reports_anhang_iii_five_times_and_nothing_else_as_error() {
    let src = common::seed();
    let diags = lint(&src, &LintConfig::default());
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == lint::Severity::Error)
        .collect();
    let at: Vec<(u32, u32, &str)> = errors
        .iter()
        .map(|d| (d.span.line, d.span.column, d.code))
        .collect();
    // § 3 Absatz 3, § 4 Absatz 3, heading and text of § 7, the closing note
    assert_eq!(
        at,
        [
            (27, 49, "R001"),
            (34, 91, "R001"),
            (56, 19, "R001"),
            (58, 110, "R001"),
            (64, 10, "R001")
        ]
    );
    assert!(
        diags.iter().any(|d| d.code == "M001" && d.span.line == 34),
        "mixed markers in § 4"
    );
}

#[test]
fn declared_anhang_clears_the_errors() {
    let src = common::seed();
    let law = Law {
        path: "gesetz-vii.txt".into(),
        src: src.clone(),
        doc: syntax::parse(&src),
    };
    let uni = Universe {
        declared: vec!["Anhang III".into()],
        libraries: &[],
        others: Vec::new(),
    };
    let (refs, diags) = check(&law, &uni, &LintConfig::default());
    assert!(diags.iter().all(|d| d.severity != lint::Severity::Error));
    assert_eq!(
        refs.iter()
            .filter(|r| r.status == refs::Status::Declared)
            .count(),
        5
    );
}

#[test]
fn workspace_file_of_the_shipped_laws() {
    let ws = paragraf::workspace::Workspace::find(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/laws/gesetz-vii.txt"
    )))
    .unwrap()
    .unwrap();
    let series = paragraf::project::Series::load(ws).unwrap();
    let (_, law) = &series.laws[0];
    let (_, diags) = check(law, &series.universe(&law.path), series.lint_config());
    assert!(
        diags.iter().all(|d| d.severity != lint::Severity::Error),
        "{diags:?}"
    );
}

#[test]
fn cross_law_references_resolve() {
    let vii =
        syntax::parse("Gesetz VII\n\n§ 1 Zweck\n\nText.\n\nAnhang III – Typologie\n\nInhalt.\n");
    let src = "Gesetz VIII\n\n§ 1 Zweck\n\nDie Einstufung nach Anhang III des Gesetzes VII gilt. Anhang IV des Gesetzes VII nicht.\n";
    let law = Law {
        path: "viii.txt".into(),
        src: src.into(),
        doc: syntax::parse(src),
    };
    let uni = Universe {
        declared: Vec::new(),
        libraries: &[],
        others: vec![refs::OtherLaw {
            short: "Gesetz VII".into(),
            path: "vii.txt".into(),
            doc: &vii,
            declared: Vec::new(),
        }],
    };
    let (refs, diags) = check(&law, &uni, &LintConfig::default());
    assert_eq!(refs[0].status, refs::Status::Resolved);
    assert_eq!(refs[0].target.as_deref(), Some("anhang-III"));
    assert_eq!(refs[0].target_file.as_deref(), Some("vii.txt"));
    assert_eq!(refs[1].status, refs::Status::Unresolved);
    assert!(diags.iter().any(|d| d.code == "R001"));
}

#[test]
fn json_and_sarif_have_the_fields() {
    let src = common::seed();
    let diags = lint(&src, &LintConfig::default());
    let r = FileReport {
        path: "laws/gesetz-vii.txt",
        src: &src,
        diagnostics: &diags,
    };
    let j = render::json(std::slice::from_ref(&r));
    let first = &j[0];
    for k in [
        "code",
        "severity",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
    ] {
        assert!(!first[k].is_null(), "missing {k}");
    }
    let s = render::sarif(std::slice::from_ref(&r));
    assert_eq!(s["version"], "2.1.0");
    assert!(s["runs"][0]["results"].as_array().unwrap().len() == diags.len());
    assert!(
        s["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len()
            >= 20
    );
}

#[test]
fn a_decimal_paragraph_is_another_ordinances_unless_the_law_has_them() {
    // BinSchStrEV: "§ 1.07 Nummer 1 bis 3, Nummer 4 …" cites the Binnenschifffahrtsstraßen-Ordnung
    let src = "Verordnung\n\n§ 1 Anwendung\n\n(1) § 1.07 Nummer 1 bis 3, Nummer 4 Satz 1 und § 2 gelten.\n\n§ 2 Zwei\n\nText.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    // "Nummer 1 bis 3, Nummer 4": the unit word again continues the list
    assert_eq!(
        status("§ 1.07 Nummer 1 bis 3, Nummer 4 Satz 1"),
        Status::External
    );
    assert_eq!(status("§ 2"), Status::Resolved);
    // a law numbered that way resolves its own
    let own = "Ordnung\n\n§ 1.07 Eins\n\nText.\n\n§ 1.08 Zwei\n\nNach § 1.07 gilt.\n";
    let refs = common::refs_of(own);
    assert!(refs.iter().any(|r| r.reference.text == "§ 1.07"));
    assert!(
        refs.iter().all(|r| r.status == Status::Resolved),
        "{refs:?}"
    );
}

#[test]
fn a_missing_paragraph_in_a_sentence_naming_another_law_is_that_laws() {
    // AnzV: "nach § 24 Absatz 1 Nummer 1 oder … nach § 24 Absatz 1 Nummer 15 des Kreditwesengesetzes"
    let src = "Verordnung\n\n§ 1 Anzeigen\n\n(1) Die Angaben nach § 24 Absatz 1 Nummer 1 oder nach § 24 Absatz 1 Nummer 15 des Kreditwesengesetzes genügen. Die Frist nach § 2 und nach den §§ 2, 3 und 16 bis 18 des Justizvergütungs- und -entschädigungsgesetzes gilt.\n\n(2) Nach § 99 dieser Verordnung und § 98 gilt das auch.\n\n(3) Die §§ 79 ff. EStG und § 97 gelten.\n\n§ 2 Zwei\n\nText.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    // "oder nach": a phrase of its own, which the designation of the next one
    // does not reach; the Satz names the KWG, which decides nothing (R001)
    assert_eq!(status("§ 24 Absatz 1 Nummer 1"), Status::Unresolved);
    assert_eq!(status("§ 2"), Status::Resolved);
    // a § the law has stays its own, even beside another law's
    assert!(refs
        .iter()
        .any(|r| r.reference.text.starts_with("§§ 2, 3") && r.status == Status::External));
    // "dieser Verordnung" names the law itself: § 99 stays unresolved, and so does § 98
    assert_eq!(status("§ 99 dieser Verordnung"), Status::Unresolved);
    assert_eq!(status("§ 98"), Status::Unresolved);
}

#[test]
fn names_law_after_tells_another_laws_name_from_this_ones() {
    use refs::names_law_after;
    assert!(names_law_after("§ 5 des Kreditwesengesetzes", 3));
    assert!(names_law_after("§§ 79 ff. EStG", 0));
    assert!(names_law_after(
        "§ 53 Absatz 2 Seeleute- Befähigungsverordnung",
        3
    ));
    assert!(names_law_after(
        "bis 18 des Justizvergütungs- und -entschädigungsgesetzes",
        0
    ));
    assert!(names_law_after(
        "gemäß Absatz 8.6 der UN-Regelung Nr. 132",
        0
    ));
    assert!(!names_law_after("§ 99 dieser Verordnung", 0));
    assert!(!names_law_after(
        "§ 99 dieses Gesetzes gilt ab 1. Januar 2027.",
        0
    ));
    assert!(!names_law_after(
        "§ 4 gilt in der EU und im EWR (BGBl. I S. 3).",
        0
    ));
}

#[test]
fn a_paragraph_numbered_with_f_is_itself_when_the_law_has_it() {
    // ZPO: "§ 802f Abs. 1" is § 802f, not "§ 802 folgende"
    let src = "Gesetz\n\n§ 802 Eins\n\nText.\n\n§ 802f Zwei\n\n(1) Text.\n\n(2) Nach § 802f Abs. 1 und § 802ff. und § 5f. gilt.\n";
    let refs = common::refs_of(src);
    let get = |t: &str| common::reference_starting(&refs, t);
    use refs::Status;
    assert_eq!(get("§ 802f").target.as_deref(), Some("para-802f_abs-1"));
    assert_eq!(get("§ 802ff").target.as_deref(), Some("para-802"));
    // no § 5f and no § 5: unresolved as § 5
    assert_eq!(get("§ 5f").status, Status::Unresolved);
}

#[test]
fn a_relative_citation_that_fails_in_a_sentence_naming_another_law_is_that_laws() {
    // USG: "§ 9 Absatz 2 Satz 2, auch in Verbindung mit Absatz 11, des Arbeitsplatzschutzgesetzes"
    let src = "Gesetz\n\n§ 1 Eins\n\n(1) Leistungen nach § 9 Absatz 2 Satz 2, auch in Verbindung mit Absatz 11, des Arbeitsplatzschutzgesetzes.\n\n(2) Nach Absatz 7 gilt das.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    assert_eq!(status("Absatz 11"), Status::External);
    assert_eq!(status("Absatz 7"), Status::Unresolved);
}

#[test]
fn a_table_cell_of_citations_in_an_anlage_is_unclear() {
    // BKatV: the StVO column of the catalog, "§ 10 Satz 1 / § 49 Absatz 1 Nummer 10"
    let src = "# Verordnung\n\n## § 1 Eins\n\n(1) Text nach § 2.\n\n## § 2 Zwei\n\nText.\n\n## Anlage (zu § 1)\n\n*   47\n\n    *   Eingefahren und dadurch gefährdet\n\n    *   § 10 Satz 1\n        § 49 Absatz 1 Nummer 10\n\n    *   30 €\n\n*   48\n\n    *   Nach § 77 Absatz 2 gilt das.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    // the cell does not say which law: a warning (R005), not a guess
    assert_eq!(status("§ 10 Satz 1"), Status::Unclear);
    assert_eq!(status("§ 49 Absatz 1 Nummer 10"), Status::Unclear);
    // a sentence that cites among other words is not such a cell
    assert_eq!(status("§ 77 Absatz 2"), Status::Unresolved);
    assert_eq!(status("§ 2"), Status::Resolved);
}

#[test]
fn a_table_cell_with_a_relative_citation_that_fails_is_unclear() {
    // BBesG Anlage IX: a column "Nummer 2" / "Absatz 3" of the Besoldungsordnung's Vorbemerkungen
    let src = "# Gesetz\n\n## § 1 Eins\n\nText.\n\n## Anlage IX (zu § 1)\n\n*   88\n\n    *   Nummer 2\n\n    *   615,00\n";
    let refs = common::refs_of(src);
    let r = refs
        .iter()
        .find(|r| r.reference.text == "Nummer 2")
        .unwrap();
    assert_eq!(r.status, refs::Status::Unclear);
}

#[test]
fn a_nummer_that_the_citing_unit_lacks_is_the_annexes() {
    // JVEG: "nach den Nummern 100, 101 und 300 bis 302" are rows of the Anlage's table
    let src = "# Gesetz\n\n## § 1 Eins\n\n(1) Die Beträge nach den Nummern 100 und 300 bis 302 steigen.\n\n(2) Nach Nummer 7 gilt nichts.\n\n## Anlage 1 (zu § 1)\n\n| Nr. | Tätigkeit | Betrag |\n|---|---|---|\n| 100 | Erste | 5 |\n| 300 | Zweite | 6 |\n| 302 | Dritte | 7 |\n\n## Anlage 2 (zu § 1)\n\n1. Eins\n\n2. Zwei\n";
    let refs = common::refs_of(src);
    let get = |t: &str| common::reference(&refs, t);
    use refs::Status;
    let r = get("Nummern 100 und 300 bis 302");
    assert_eq!(r.status, Status::Resolved, "{r:?}");
    assert!(
        r.target.as_deref().unwrap().starts_with("anlage-1"),
        "{r:?}"
    );
    // no annex has a 7
    assert_eq!(get("Nummer 7").status, Status::Unresolved);
}

#[test]
fn a_missing_paragraph_in_a_law_whose_title_names_another_is_unresolved() {
    // AOEG: "§ 89 Absatz 2 Satz 4 in der am 1. Januar 2017 geltenden Fassung"
    let src = "# Einführungsgesetz zur Abgabenordnung\n\n## § 1 Eins\n\n(1) § 89 Absatz 2 Satz 4 in der am 1. Januar 2017 geltenden Fassung ist anzuwenden.\n\n(2) § 77 dieses Gesetzes gilt.\n\n(3) Die Vorschriften des Patentgesetzes über die Priorität (§ 41) gelten.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    // the title names the Abgabenordnung, the citation does not: that decides
    // nothing (R001), and the reason says what was seen
    let r = common::reference(&refs, "§ 89 Absatz 2 Satz 4");
    assert_eq!(r.status, Status::Unresolved);
    assert_eq!(
        r.reason.as_deref(),
        Some("the law has no § 89 (the title names „Abgabenordnung“; if that law is meant, designate it with the citation)")
    );
    assert_eq!(status("§ 77 dieses Gesetzes"), Status::Unresolved);
    // the bracketed apposition of a phrase that designates a law is that law's
    assert_eq!(status("§ 41"), Status::External);
    // a title of its own kind only names no other law
    use refs::title_names_other_law;
    assert!(title_names_other_law(
        "Einführungsgesetz zur Abgabenordnung"
    ));
    assert!(title_names_other_law(
        "Achtes Gesetz zur Änderung des Lastenausgleichsgesetzes"
    ));
    assert!(!title_names_other_law(
        "Zweites Gesetz über die Krankenversicherung der Landwirte"
    ));
    assert!(!title_names_other_law(
        "Gesetz VII – Missbrauch von KI-Systemen"
    ));
}

#[test]
fn a_unit_below_an_existing_paragraph_that_fails_before_another_laws_name_is_that_laws() {
    // USG: "§ 1 Absatz 2 Satz 1 und § 9 Absatz 2 Satz 2, auch in Verbindung mit Absatz 11,
    // des Arbeitsplatzschutzgesetzes": this law's § 1 has one Absatz
    let src = "Gesetz\n\n§ 1 Eins\n\nLeistungen nach § 1 Absatz 2 Satz 1, auch in Verbindung mit Absatz 11, des Arbeitsplatzschutzgesetzes. Nach § 1 Absatz 5 dieses Gesetzes und dem Bundesgesetz gilt das.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    assert_eq!(status("§ 1 Absatz 2 Satz 1"), Status::External);
    assert_eq!(status("§ 1 Absatz 5 dieses Gesetzes"), Status::Unresolved);
}

#[test]
fn a_row_number_of_a_table_is_no_citation() {
    // GärtnAusbV Anlage 2b: "gemäß Anlage 2a … der Berufsbildposition" then "lfd. Nr. 3"
    let src = "# Verordnung\n\n## § 1 Eins\n\nText.\n\n## Anlage 1a (zu § 1)\n\n*   1\n\n    *   Eins\n\n*   3\n\n    *   Drei\n\n## Anlage 2a (zu § 1)\n\n*   3\n\n    *   Andere Drei\n\n## Anlage 1b (zu § 1)\n\nDie Kenntnisse gemäß Anlage 1a sind zu vermitteln.\n\n*   lfd. Nr. 3 Drei\n";
    let refs = common::refs_of(src);
    // a row's own number ("lfd. Nr.") is no citation (it used to be resolved to
    // the row of the annex cited before; issue 34 counts it among the false R001)
    assert!(
        refs.iter().all(|r| !r.reference.text.contains("Nr. 3")),
        "{refs:?}"
    );
}

#[test]
fn an_unterabsatz_keeps_an_eu_citation_whole() {
    // FischRDV: "entgegen Artikel 29d Absatz 3 Unterabsatz 2 Satz 3" (an EU regulation)
    let src = "Verordnung\n\n§ 1 Eins\n\n(1) Ordnungswidrig handelt, wer entgegen Artikel 29d Absatz 3 Unterabsatz 2 Satz 3 der Verordnung (EG) Nr. 2371/2002 handelt.\n";
    let refs = common::refs_of(src);
    assert_eq!(refs.len(), 1, "{refs:#?}");
    assert!(refs[0]
        .reference
        .text
        .starts_with("Artikel 29d Absatz 3 Unterabsatz 2 Satz 3 der Verordnung (EG)"));
    assert_eq!(refs[0].status, refs::Status::External);
}

#[test]
fn absatz_1_of_a_paragraph_without_absaetze_is_its_text() {
    // WaStrSchlBetrZV: "Wird eine nach § 2 Abs. 1 erlaubte Fahrt abgebrochen" (§ 2 has one text)
    let src = "Verordnung\n\n§ 1 Eins\n\n(1) Nach § 2 Abs. 1 Satz 2 und § 2 Abs. 2 gilt das. Nach § 3 Absatz 5 des Artikel 10-Gesetzes gilt das auch.\n\n§ 2 Zwei\n\nDer Hund bellt. Die Katze schläft.\n";
    let refs = common::refs_of(src);
    let get = |t: &str| common::reference(&refs, t);
    use refs::Status;
    assert_eq!(get("§ 2 Abs. 1 Satz 2").status, Status::Resolved);
    assert_eq!(get("§ 2 Abs. 2").status, Status::Unresolved);
    assert!(refs::names_law_after("des Artikel 10-Gesetzes", 0));
}

#[test]
fn a_citation_in_brackets_after_a_law_is_that_laws() {
    // NatPhHarzV: "die im Sinne des Bundesnaturschutzgesetzes (§ 8 Abs. 7) ordnungsgemäße …"
    let src = "Verordnung\n\n§ 8 Eins\n\n(1) Text.\n\n(2) Die im Sinne des Bundesnaturschutzgesetzes (§ 8 Abs. 7) ordnungsgemäße Nutzung und die nach § 8 Abs. 7 bleiben.\n";
    let refs = common::refs_of(src);
    use refs::Status;
    let st: Vec<Status> = refs
        .iter()
        .filter(|r| r.reference.text == "§ 8 Abs. 7")
        .map(|r| r.status)
        .collect();
    assert_eq!(st, vec![Status::External, Status::Unresolved]);
}

#[test]
fn satz_in_a_buchstabe_counts_the_saetze_of_the_nummer_around_it() {
    // BinSchStrO § 1.02 Nummer 7: "b) unter der Wirkung … nach Satz 3 steht."
    let src = "Verordnung\n\n§ 1 Eins\n\n1. Erster Satz. Zweiter Satz, wenn er\n\n    a) betrunken ist oder\n\n    b) berauscht nach Satz 3 ist.\n\n    Der dritte Satz.\n";
    let refs = common::refs_of(src);
    let r = common::reference(&refs, "Satz 3");
    assert_eq!(r.status, refs::Status::Resolved, "{r:?}");
}

#[test]
fn a_nummer_of_a_named_annex_is_the_annexes() {
    // ZollKostV: "nach Nummer 2 der Anlage 2 zu dieser Verordnung"; BBhV: "nach Nummer 8000
    // der Anlage 1 zur Gebührenordnung für Zahnärzte"
    let src = "# Verordnung\n\n## § 1 Eins\n\n(1) Gebühren nach Nummer 2 der Anlage 2 zu dieser Verordnung.\n\n(2) Leistungen nach Nummer 8000 der Anlage 1 zur Gebührenordnung für Zahnärzte.\n\n## Anlage 2 (zu § 1)\n\n1. Eins\n\n2. Zwei\n";
    let refs = common::refs_of(src);
    use refs::Status;
    let r = common::reference_starting(&refs, "Nummer 2 der Anlage 2");
    assert_eq!(r.status, Status::Resolved, "{r:?}");
    assert!(
        r.target.as_deref().unwrap().starts_with("anlage-2"),
        "{r:?}"
    );
    let r = common::reference_starting(&refs, "Nummer 8000 der Anlage 1");
    assert_eq!(r.status, Status::External, "{r:?}");
}

#[test]
fn a_catalog_whose_lead_in_names_a_law_cites_that_law() {
    // § 100a Absatz 2 StPO: "1. aus dem Strafgesetzbuch: a) … nach den §§ 80a bis 82"
    let src = "# Strafprozeßordnung (StPO)\n\n## § 100a Überwachung\n\n(1) Die Telekommunikation darf überwacht werden, wenn eine in Absatz 2 bezeichnete Tat vorliegt.\n\n(2) Schwere Straftaten im Sinne des Absatzes 1 sind:\n\n1.  aus dem Strafgesetzbuch:\n\n    a)  Straftaten nach den §§ 80a bis 82,\n\n    b)  Straftaten nach § 177 Absatz 6 Satz 2 Nummer 2,\n\n2.  aus dem Asylgesetz:\n\n    a)  Straftaten nach § 84 Absatz 3,\n\n## § 177 Kosten\n\nDie Kosten trägt der Antragsteller.\n\n## § 178 Bußgeld\n\nOrdnungswidrig im Sinne des § 15 Absatz 1 Nummer 2 des Binnenschifffahrtsaufgabengesetzes handelt, wer\n\n1.  entgegen § 177 Absatz 5 eine Sache nicht herausgibt,\n\n2.  entgegen § 190 etwas tut.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    assert_eq!(status("§§ 80a bis 82"), Status::External);
    assert_eq!(status("§ 177 Absatz 6 Satz 2 Nummer 2"), Status::External);
    assert_eq!(status("§ 84 Absatz 3"), Status::External);
    // the law a lead-in names inside its own citation is not the items' law
    assert_eq!(status("§ 177 Absatz 5"), Status::Unresolved);
    assert_eq!(status("§ 190"), Status::Unresolved);
    // "des Gesetzes" names no particular law
    assert!(!refs::names_particular_law(
        "Folgende Vorschriften treten am Tage nach der Verkündung des Gesetzes in Kraft:"
    ));
    assert!(refs::names_particular_law("aus dem Strafgesetzbuch:"));
}

#[test]
fn a_relative_citation_that_fails_continues_the_last_citation_above_its_level() {
    // ZPO § 776, FZV § 16, AtG § 58, AMVV § 2
    let src = "# Gesetz\n\n## § 2 Angaben\n\n(1) Die Verschreibung enthält:\n\n1.  den Namen,\n\n2.  das Datum,\n\n4.  die Dosierung,\n\n5.  die Menge.\n\n(6) Fehlen Angaben nach Absatz 1 Nummer 2, nach Nummer 5 oder zur Dosierung nach Nummer 4, so gilt § 3 mit Ausnahme des Absatzes 2 entsprechend.\n\n## § 3 Zwei Absätze\n\n(1) Eins.\n\n(2) Zwei.\n\n## § 775 Einstellung\n\nDie Vollstreckung ist einzustellen:\n\n1.  eins,\n\n2.  zwei,\n\n3.  drei.\n\n## § 776 Aufhebung\n\nIn den Fällen des § 775 Nr. 1, 3 sind die Maßregeln aufzuheben. Im Fall der Nummer 2 bleiben sie bestehen, ebenso im Fall der Nummer 9.\n\n## § 777 Fremd\n\nDie Pflicht nach § 9 Absatz 1 Nummer 1 des Kreditwesengesetzes gilt; Nummer 3 gilt nicht.\n";
    let refs = common::refs_of(src);
    let r = |t: &str| common::reference(&refs, t);
    use refs::Status;
    assert_eq!(r("Nummer 5").target.as_deref(), Some("para-2_abs-1_nr-5"));
    assert_eq!(r("Nummer 4").target.as_deref(), Some("para-2_abs-1_nr-4"));
    assert_eq!(r("Absatzes 2").target.as_deref(), Some("para-3_abs-2"));
    assert_eq!(r("Nummer 2").target.as_deref(), Some("para-775_nr-2"));
    // a number that does not exist there either stays unresolved
    assert_eq!(r("Nummer 9").status, Status::Unresolved);
    // after another law's citation, the continuation is that law's
    assert_eq!(r("Nummer 3").status, Status::External);
}

#[test]
fn nummern_cited_in_an_absatz_without_any_are_those_of_the_one_absatz_that_has_them() {
    // ZPO § 579: "(2) In den Fällen der Nummern 1, 3 findet die Klage nicht statt"
    let src = "# Gesetz\n\n## § 579 Nichtigkeitsklage\n\n(1) Die Nichtigkeitsklage findet statt:\n\n1.  wenn das Gericht nicht vorschriftsmäßig besetzt war;\n\n2.  wenn ein Richter mitgewirkt hat;\n\n3.  wenn ein Richter abgelehnt war.\n\n(2) In den Fällen der Nummern 1, 3 findet die Klage nicht statt, wenn ein Rechtsmittel möglich war. Nummer 7 gibt es nicht.\n";
    let refs = common::refs_of(src);
    let r = |t: &str| common::reference(&refs, t);
    use refs::Status;
    assert_eq!(r("Nummern 1, 3").status, Status::Resolved);
    assert_eq!(
        r("Nummern 1, 3").target.as_deref(),
        Some("para-579_abs-1_nr-1")
    );
    assert_eq!(r("Nummer 7").status, Status::Unresolved);
}

#[test]
fn a_missing_paragraph_is_unresolved_though_another_satz_of_its_unit_names_a_law() {
    // BMVI-WS-BGebV: a cell split into Sätze after "II."
    let src = "# Gebührenverordnung\n\n## § 1 Gebühren\n\nDie Gebühren ergeben sich aus der Anlage.\n\n## Anlage Gebührenverzeichnis\n\n- § 9 Absatz 1 und 3 Nummer 1, Anlage 2 Abschnitt A. 1. II. Nummer 15 SchSV i. V. m. MARPOL Anlage II Regel 9\n\n- § 12 Absatz 2. Änderungen beschließt das BKIE.\n";
    let refs = common::refs_of(src);
    let status = |t: &str| common::reference(&refs, t).status;
    use refs::Status;
    // another Satz names the SchSV, this one does not designate it: R001
    assert_eq!(status("§ 9 Absatz 1 und 3 Nummer 1"), Status::Unresolved);
    // an authority's abbreviation names no law
    assert_eq!(status("§ 12 Absatz 2"), Status::Unresolved);
}

/// One `lint` run over files of several directories: each file gets its own
/// directory's workspace (looked up once per directory), and a symlinked file
/// the workspace of the file it points to.
#[test]
fn each_directory_gets_its_own_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let (ws, plain) = (dir.path().join("ws"), dir.path().join("plain"));
    std::fs::create_dir_all(&ws).unwrap();
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::write(
        ws.join("paragraf.toml"),
        "[[law]]\nfile = \"gesetz-vii.txt\"\nexternal = [\"Anhang III\"]\n",
    )
    .unwrap();
    for d in [&ws, &plain] {
        std::fs::write(d.join("gesetz-vii.txt"), common::seed()).unwrap();
    }
    let mut files = vec![
        plain.join("gesetz-vii.txt"),
        ws.join("gesetz-vii.txt"),
        plain.join("zweite.txt"),
    ];
    std::fs::write(&files[2], common::seed()).unwrap();
    #[cfg(unix)]
    {
        let link = plain.join("verweis.txt");
        std::os::unix::fs::symlink(ws.join("gesetz-vii.txt"), &link).unwrap();
        files.push(link);
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("lint")
        .args(["--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let diags: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let errors_in = |f: &std::path::Path| {
        diags
            .iter()
            .filter(|d| d["severity"] == "error")
            .filter(|d| {
                d["file"]
                    .as_str()
                    .is_some_and(|s| s.ends_with(&*f.to_string_lossy()))
            })
            .count()
    };
    assert_eq!(errors_in(&files[0]), 5);
    assert_eq!(errors_in(&files[1]), 0);
    assert_eq!(errors_in(&files[2]), 5);
    if let Some(link) = files.get(3) {
        assert_eq!(errors_in(link), 0);
    }
}

#[test]
fn a_possessive_or_a_quoted_directive_designates_another_instrument() {
    // KovZusVtrAutG: "der Zusatzvertrag nach seinem Artikel 9 Abs. 2";
    // AbBergV: "die Bestimmungen des Anhangs II dieser Richtlinie"
    let src = "Verordnung\n\n§ 1 Eins\n\n(1) Der Tag, an dem der Zusatzvertrag nach seinem Artikel 9 Abs. 2 in Kraft tritt, ist bekanntzugeben.\n(2) Die Bestimmungen des Anhangs II dieser Richtlinie werden eingehalten.\n(3) Die Posten sind unter \"Treuhandvermögen\" (Aktivposten Nr. 9) auszuweisen.\n";
    let refs = common::refs_of(src);
    use refs::Status;
    assert_eq!(
        common::reference(&refs, "Artikel 9 Abs. 2").status,
        Status::External
    );
    assert_eq!(
        common::reference(&refs, "Anhangs II dieser Richtlinie").status,
        Status::External
    );
    assert!(refs.iter().all(|r| r.reference.text != "Nr. 9"), "{refs:?}");
    // SchSG: "der Anwendungsbereich dieses Gesetzes nach seinem § 1 Absatz 3"
    // is this law's
    let own = "Gesetz\n\n§ 1 Geltung\n\n(1) Eins.\n(2) Zwei.\n(3) Drei.\n\n§ 2 Zwei\n\nSoweit der Anwendungsbereich dieses Gesetzes nach seinem § 1 Absatz 3 reicht, gilt das.\n";
    let refs = common::refs_of(own);
    assert_eq!(
        common::reference(&refs, "§ 1 Absatz 3").target.as_deref(),
        Some("para-1_abs-3")
    );
}
