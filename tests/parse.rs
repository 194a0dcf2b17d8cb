//! Parser behaviour on the seed (Gesetz VII as the drafters wrote it) and on corpus excerpts.

mod common;

use syntax::ast::{Kind, Node};

fn units(doc: &syntax::Document) -> Vec<&Node> {
    doc.einzelvorschriften()
}

#[test]
fn seed_outline_is_exact() {
    let doc = syntax::parse(&common::seed());
    assert_eq!(
        doc.title.as_deref(),
        Some("Gesetz VII – Missbrauch von KI-Systemen („Digitaler Waffeneinsatz“)")
    );
    assert_eq!(doc.fassung.as_deref(), Some("2025-10-14"));
    assert_eq!(doc.format, syntax::ast::SourceFormat::Plain);
    let kinds: Vec<Kind> = doc.root.children.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds[..3],
        [Kind::Langtitel, Kind::Fassung, Kind::Praeambel]
    );
    let praeambel = &doc.root.children[2];
    assert!(praeambel
        .full_text()
        .starts_with("Zweck dieses Gesetzes ist die Prävention"));

    let paras = units(&doc);
    let titles: Vec<(&str, &str)> = paras
        .iter()
        .map(|p| (p.num.as_deref().unwrap(), p.title.as_deref().unwrap()))
        .collect();
    assert_eq!(
        titles,
        [
            ("1", "Zweck des Gesetzes"),
            ("2", "Abgrenzung und Geltungsbereich"),
            ("3", "Analogie der Wirkungsweise"),
            ("4", "Erfassung und Zuständigkeit"),
            ("5", "Rechtsfolgen und Sanktionen"),
            ("6", "Verhältnis zu internationalen Regelungen"),
            ("7", "Verweis auf Anhang III"),
            ("8", "Inkrafttreten"),
        ]
    );
    let absaetze: Vec<usize> = paras
        .iter()
        .map(|p| p.children.iter().filter(|c| c.kind == Kind::Absatz).count())
        .collect();
    assert_eq!(absaetze, [0, 3, 3, 4, 4, 3, 0, 0]);

    let note = doc.root.children.last().unwrap();
    assert_eq!(note.kind, Kind::Hinweis);
    assert!(note
        .full_text()
        .starts_with("Anhang III (Typologie und Definition digitaler Waffen) ist Bestandteil"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn seed_ids_spans_and_styles() {
    let src = common::seed();
    let doc = syntax::parse(&src);
    let abs = doc.root.find("para-4_abs-3").expect("§ 4 Absatz 3");
    assert_eq!(abs.span.line, 34);
    assert_eq!(abs.span.column, 1);
    assert_eq!(abs.style, None);
    let dash = doc.root.find("para-4_abs-1").unwrap();
    assert_eq!(dash.style, Some(syntax::ast::Style::Dash));
    let satz = doc.root.find("para-4_abs-3_satz-1").unwrap();
    assert_eq!(&src[satz.span.start..satz.span.end], "Die technische Einstufung der Gefährdung erfolgt gemäß den Bewertungsdimensionen im **Anhang III**.");
    assert_eq!(satz.text.as_deref(), Some("Die technische Einstufung der Gefährdung erfolgt gemäß den Bewertungsdimensionen im Anhang III."));
    // the emphasis is kept, marked as such
    let e = satz.emphasis[0];
    assert_eq!(&satz.text.as_deref().unwrap()[e.start..e.end], "Anhang III");
    assert!(e.strong);
    // "(z. B. Schusswaffen, Messer)" does not split the Satz
    assert_eq!(doc.root.find("para-2_abs-3").unwrap().children.len(), 1);
    // § 1 has two Sätze in one unnumbered paragraph
    let p1 = doc.root.find("para-1").unwrap();
    assert_eq!(p1.children[0].kind, Kind::Text);
    assert_eq!(p1.children[0].children.len(), 2);
}

#[test]
fn json_round_trips_and_names_kinds() {
    let doc = syntax::parse(&common::seed());
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.contains(r#""kind":"paragraf""#));
    assert!(json.contains(r#""kind":"absatz""#));
    let back: syntax::Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back.root, doc.root);
}

#[test]
fn outline_snapshot() {
    let doc = syntax::parse(&common::seed());
    insta::assert_snapshot!(syntax::outline::outline(&doc));
}

#[test]
fn corpus_excerpt_gliederung_nests_by_type_not_heading_level() {
    let doc = syntax::parse(&common::fixture("bgb-excerpt.md"));
    assert_eq!(doc.abbreviation.as_deref(), Some("BGB"));
    let buch = doc
        .root
        .children
        .iter()
        .find(|n| n.kind == Kind::Buch)
        .expect("Buch 1");
    let abschnitt = &buch.children[0];
    assert_eq!(abschnitt.kind, Kind::Abschnitt);
    let titel2 = abschnitt
        .children
        .iter()
        .find(|n| n.kind == Kind::Titel && n.num.as_deref() == Some("2"))
        .expect("Titel 2");
    let untertitel = &titel2.children[0];
    assert_eq!(untertitel.kind, Kind::Untertitel);
    // "Kapitel 1" directly under "Untertitel 1" nests there (BGB's own order)
    assert_eq!(untertitel.children[0].kind, Kind::Kapitel);
    let p21 = doc.root.find("para-21").expect("§ 21");
    assert_eq!(p21.title.as_deref(), Some("Nicht wirtschaftlicher Verein"));
    // "§§ 3 bis 6 (weggefallen)"
    let rep = doc
        .einzelvorschriften()
        .into_iter()
        .find(|p| p.marker.as_deref() == Some("§§ 3 bis 6"))
        .unwrap();
    assert!(rep.repealed);
    // metadata as definition list
    let meta: Vec<_> = doc
        .root
        .children
        .iter()
        .filter(|n| n.kind == Kind::Metadatum)
        .collect();
    assert_eq!(meta[0].title.as_deref(), Some("Ausfertigungsdatum"));
    assert_eq!(meta[0].text.as_deref(), Some("1896-08-18"));
}

#[test]
fn nummern_and_buchstaben_nest() {
    let src = "# Test\n\n## § 1 Begriffe\n\n(1) Im Sinne dieses Gesetzes ist\n\n1.  ein Ding\n\n    a)  rund oder\n\n    b)  eckig,\n\n2.  ein anderes Ding.\n\nDas gilt nicht für Kreise.\n\n(2) Satz 1 gilt entsprechend.\n";
    let doc = syntax::parse(src);
    let abs1 = doc.root.find("para-1_abs-1").unwrap();
    let kinds: Vec<Kind> = abs1.children.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [Kind::Satz, Kind::Nummer, Kind::Nummer, Kind::Text]);
    let nr1 = doc.root.find("para-1_abs-1_nr-1").unwrap();
    assert_eq!(
        nr1.children
            .iter()
            .filter(|c| c.kind == Kind::Buchstabe)
            .count(),
        2
    );
    assert!(doc.root.find("para-1_abs-1_nr-1_bst-b_satz-1").is_some());
    assert!(doc.root.find("para-1_abs-2").is_some());
}

#[test]
fn plain_items_on_consecutive_lines() {
    let src = "Gesetz X\n\n§ 1 Begriffe\n\n(1) Es gilt:\n1. eins,\n2. zwei.\n(2) Die Frist endet mit dem\n18. Lebensjahr.\n";
    let doc = syntax::parse(src);
    let p = doc.root.find("para-1").unwrap();
    assert_eq!(p.children.len(), 2, "{p:#?}");
    assert_eq!(
        doc.root
            .find("para-1_abs-1")
            .unwrap()
            .children
            .iter()
            .filter(|c| c.kind == Kind::Nummer)
            .count(),
        2
    );
    // "18. Lebensjahr" at the start of a wrapped line is no Nummer
    assert_eq!(doc.root.find("para-1_abs-2").unwrap().children.len(), 1);
}

#[test]
fn line_endings_bom_and_spaces() {
    let lf = "Gesetz X\n\n§ 1 Zweck\n\n(1) Das Gesetz gilt.\n(2) Es gilt\nweiter.\n";
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    let a = syntax::parse(lf);
    let b = syntax::parse(&crlf);
    assert_eq!(a.root.full_text(), b.root.full_text());
    assert_eq!(
        b.root.find("para-1_abs-2_satz-1").unwrap().text.as_deref(),
        Some("Es gilt weiter.")
    );
    let nbsp = "Gesetz X\n\n§\u{a0}1 Zweck\n\n(1)\u{a0}Nach\u{a0}§\u{a0}2 gilt das.\n";
    let c = syntax::parse(nbsp);
    assert_eq!(c.einzelvorschriften().len(), 1);
    assert_eq!(
        c.root.find("para-1_abs-1_satz-1").unwrap().text.as_deref(),
        Some("Nach\u{a0}§\u{a0}2 gilt das.")
    );
}

#[test]
fn empty_and_odd_inputs_parse() {
    for s in [
        "",
        "\n",
        "\r",
        "#",
        "######",
        "(1)",
        "- ",
        "*",
        "---\n",
        "---\nfoo: [\n---\n",
        "§",
        "§§",
        "Art",
        "a)",
        "1.",
        ":",
        "[^x]:",
        "|",
    ] {
        let d = syntax::parse(s);
        let _ = serde_json::to_string(&d).unwrap();
    }
}

#[test]
fn bad_bytes_are_errors_with_position() {
    let e = syntax::source::decode("x.txt", b"abc\nd\xffe".to_vec())
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "x.txt:2:2: invalid UTF-8 at byte 5; law texts must be UTF-8"
    );
    let e = syntax::source::decode("x.txt", b"ab\0".to_vec())
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("x.txt:1:3: NUL byte at byte 2"), "{e}");
}

#[test]
fn a_paragraph_across_the_chunks_of_the_line_grammar_stays_one() {
    // lines are classified in 16 KiB pieces; a piece's end is no blank line
    // (kredwg.md § 6 Absatz 1f was cut in two at byte 131,072)
    let line = "die Behörde prüft den Antrag und entscheidet über ihn nach Maßgabe\n";
    let body = line.repeat(3000); // ~200 KiB, one Satz
    let src =
        format!("# Gesetz\n\n## § 1 Test\n\n(1) {body}des Gesetzes.\n\n(2) Zweiter Absatz.\n");
    let doc = syntax::parse(&src);
    let p = &doc
        .root
        .children
        .iter()
        .find(|n| n.kind == Kind::Paragraf)
        .unwrap();
    let abs1 = &p.children[0];
    assert_eq!(abs1.kind, Kind::Absatz);
    assert_eq!(
        abs1.children.len(),
        1,
        "{:?}",
        abs1.children.iter().map(|c| c.kind).collect::<Vec<_>>()
    );
    assert_eq!(abs1.children[0].kind, Kind::Satz);
    assert!(abs1.children[0]
        .text
        .as_deref()
        .unwrap()
        .ends_with("Maßgabe des Gesetzes."));
}

#[test]
fn an_empty_inhaltsuebersicht_before_a_typed_heading_in_plain_text() {
    // ptbbgebv.md: Anlage 1 has an empty Inhaltsübersicht, then its
    // Abschnitte; a heading that does not come again is the unit itself,
    // not an entry of the table of contents
    let src = "Verordnung P\n\n§ 1 – Zweck\n\nText.\n\nAnlage 1 Gebührenverzeichnis\n\n\
               Inhaltsübersicht\n\nAbschnitt 1\n\nMess- und Eichgesetz (MessEG),\n\n\
               Abschnitt 2\n\nGewerbeordnung (GewO),\n";
    let doc = syntax::parse(src);
    let kinds: Vec<(Kind, usize)> = doc
        .root
        .children
        .iter()
        .map(|n| (n.kind, n.children.len()))
        .collect();
    assert_eq!(
        kinds,
        [
            (Kind::Langtitel, 0),
            (Kind::Paragraf, 1),
            (Kind::Anlage, 0),
            (Kind::Inhaltsuebersicht, 0),
            (Kind::Abschnitt, 1),
            (Kind::Abschnitt, 1),
        ]
    );
    // and the canonical form reads back with the same tree
    let out = syntax::print::print(&doc, &Default::default());
    let again = syntax::parse(&out);
    assert_eq!(syntax::print::print(&again, &Default::default()), out);
    assert_eq!(again.root.children.len(), doc.root.children.len(), "{out}");

    // entries of a table of contents name units that come later
    let toc = "Gesetz U\n\nInhaltsübersicht\n\nErster Teil\n\nZweiter Teil\n\n\
               Erster Teil\n\n§ 1 – Zweck\n\nText.\n\nZweiter Teil\n\n§ 2 – Ende\n\nText.\n";
    let doc = syntax::parse(toc);
    let toc = &doc.root.children[1];
    assert_eq!((toc.kind, toc.children.len()), (Kind::Inhaltsuebersicht, 2));
    assert_eq!(doc.root.children[2].kind, Kind::Teil);
}

#[test]
fn a_definition_term_is_the_one_line_above_its_value() {
    // the corpus writes a new entry right under a line of text (LKWÜberlStVAusnV 2012)
    let src = "Stand: Die V tritt mit Ablauf des 31.12.2016 außer Kraft\nGeändert durch\n:   Art. 1 V v. 5.7.2012 BAnz AT 11.07.2012 V1\n\n## § 1 Anwendungsbereich\n\nText.\n";
    let doc = syntax::parse(src);
    let kinds: Vec<Kind> = doc.root.children.iter().map(|n| n.kind).collect();
    // juris' "Stand:" line is a version line, not law text
    assert_eq!(kinds[..2], [Kind::Fassung, Kind::Metadatum]);
    let meta = &doc.root.children[1];
    assert_eq!(meta.title.as_deref(), Some("Geändert durch"));
    assert_eq!(
        meta.text.as_deref(),
        Some("Art. 1 V v. 5.7.2012 BAnz AT 11.07.2012 V1")
    );
    assert_eq!(meta.span.line, 2);
}

/// The Sätze under a node, as (marker, text).
fn saetze_of(n: &Node) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    n.walk(&mut |c, _| {
        if c.kind == Kind::Satz {
            out.push((c.marker.clone(), c.text.clone().unwrap_or_default()));
        }
    });
    out
}

#[test]
fn juris_satznummern_number_the_saetze() {
    // EStG § 43a Absatz 3 and § 1a, as the corpus has them: the number at the start of
    // a line, then spaces up to the text column
    let src = "# Einkommensteuergesetz (EStG)\n\n#### § 43a Bemessung\n\n(3)\n1             Die auszahlende Stelle hat ausländische Steuern nach\nMaßgabe des Absatzes 4 zu berücksichtigen.\n2             Sie hat nach Absatz 4 bis zum 15. Dezember auszugleichen.\n3             Der nicht ausgeglichene Verlust ist zu übertragen.\n\n(4)\n1.  Aufwendungen sind abziehbar.\n    2                   Voraussetzung ist, dass Satz 1 gilt.\n\n(5) Die Dichte von Wasser (ρ = 1,0 · 10\n3             kg/m 3 ) gilt nach Absatz 3 Satz 3.\n";
    let doc = syntax::parse(src);
    let abs = |n: &str| {
        doc.root
            .find(&format!("para-43a_abs-{n}"))
            .unwrap_or_else(|| panic!("Absatz {n}"))
    };
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        saetze_of(abs("3")),
        vec![
            (some("1"), "Die auszahlende Stelle hat ausländische Steuern nach Maßgabe des Absatzes 4 zu berücksichtigen.".into()),
            (some("2"), "Sie hat nach Absatz 4 bis zum 15. Dezember auszugleichen.".into()),
            (some("3"), "Der nicht ausgeglichene Verlust ist zu übertragen.".into()),
        ]
    );
    // Satz 1 of a Nummer is not numbered, Satz 2 is
    assert_eq!(
        saetze_of(abs("4")),
        vec![
            (None, "Aufwendungen sind abziehbar.".into()),
            (some("2"), "Voraussetzung ist, dass Satz 1 gilt.".into())
        ]
    );
    // a superscript is not a Satznummer
    assert_eq!(saetze_of(abs("5")).len(), 1);
    // "Satz 1" of the Nummer and "Absatz 3 Satz 3" are there
    let refs = common::refs_alone(&doc, src);
    assert!(
        refs.iter().all(|r| r.status == refs::Status::Resolved),
        "{refs:?}"
    );
    // a citation in a numbered Satz is placed in its line, after the number
    let r = refs
        .iter()
        .find(|r| r.reference.text == "Absatz 4" && r.reference.span.line == 8)
        .expect("Absatz 4 in Satz 2");
    assert_eq!(r.reference.span.column, 28);
    // the plain form writes the numbers where they were, and reads them back
    let out = syntax::print::print(&doc, &Default::default());
    assert!(
        out.contains("\n2             Sie hat nach Absatz 4 bis zum 15. Dezember auszugleichen.\n"),
        "{out}"
    );
    let again = syntax::parse(&out);
    assert_eq!(
        syntax::print::print(&again, &Default::default()),
        out,
        "idempotent"
    );
    assert_eq!(
        saetze_of(again.root.find("para-43a_abs-3").unwrap()),
        saetze_of(abs("3"))
    );
}

#[test]
fn markdown_backslash_escapes_are_markup_but_plain_text_keeps_backslashes() {
    // the corpus (pandoc) writes "1\. Januar", "C\_2", "\*"
    let md = "# Gesetz\n\n## § 3 Titel mit \\_Strich\n\n(1) Ab dem 1\\. Januar 2027 gilt C\\_2 \\* 3 nach Absatz 2, ein Backslash \\\\ und \\§ 4 bleiben.\n\n| a\\_b |\n|---|\n| c |\n";
    let doc = syntax::parse(md);
    let p = doc.root.find("para-3").expect("§ 3");
    assert_eq!(p.title.as_deref(), Some("Titel mit _Strich"));
    assert_eq!(
        saetze_of(p),
        vec![(
            None,
            "Ab dem 1. Januar 2027 gilt C_2 * 3 nach Absatz 2, ein Backslash \\ und \\§ 4 bleiben."
                .to_string()
        )]
    );
    // a citation after the escapes is placed where it stands in the source
    let refs = common::refs_alone(&doc, md);
    let r = refs
        .iter()
        .find(|r| r.reference.text == "Absatz 2")
        .expect("Absatz 2");
    let line = md.lines().nth(r.reference.span.line as usize - 1).unwrap();
    let col = line.find("Absatz 2").map(|b| line[..b].chars().count() + 1);
    assert_eq!(Some(r.reference.span.column as usize), col, "{line}");
    let mut cells = Vec::new();
    doc.root
        .walk(&mut |n, _| cells.extend(n.cells.iter().cloned()));
    assert!(cells.contains(&"a\\_b".to_string()), "{cells:?}");
    // plain text has no escapes but at the start of a line
    let plain = syntax::parse("Gesetz\n\n§ 3 Titel\n\n(1) Es gilt C\\_2.\n");
    let p = plain.root.find("para-3").expect("§ 3");
    assert_eq!(saetze_of(p), vec![(None, "Es gilt C\\_2.".to_string())]);
}

#[test]
fn a_paragraph_title_on_a_heading_of_its_own_is_the_paragraphs() {
    // SokaSiG's Anlagen (Tarifverträge): "## § 2" then "## Ausbildungsvergütung"
    let src = "# Gesetz\n\n## § 1 Eins\n\n(1) Text.\n\n### Anlage 1 (zu § 1)\n\n## § 2\n\n## Ausbildungsvergütung\n\n(1) Satz eins.\n\n(2) Die Vergütung.\n\n(3) Weiter.\nAbs. 2 bleibt unberührt.\n\n## § 3\n\n(1) Ohne Titel.\n\n## Schlussbestimmung\n\nText.\n";
    let doc = syntax::parse(src);
    let anlage = doc
        .root
        .children
        .iter()
        .find(|n| n.kind == Kind::Anlage)
        .unwrap();
    let p2 = &anlage.children[0];
    assert_eq!(p2.kind, Kind::Paragraf);
    assert_eq!(p2.title.as_deref(), Some("Ausbildungsvergütung"));
    assert_eq!(p2.children.len(), 3, "the Absätze are the §'s");
    assert!(src[p2.span.start..].starts_with("## § 2\n\n## Ausbildungsvergütung"));
    // a heading after a § that already has text stays a heading
    let last = anlage.children.last().unwrap();
    assert_eq!(last.kind, Kind::Ueberschrift);
    let refs = common::refs_alone(&doc, src);
    let abs = refs.iter().find(|r| r.reference.text == "Abs. 2").unwrap();
    assert_eq!(abs.status, refs::Status::Resolved);
}

#[test]
fn juris_stand_lines_and_footnote_paragraphs_are_not_law_text() {
    // AWV 2013 and BauGB as juris publishes them in 2022
    let src = "# Außenwirtschaftsverordnung (AWV 2013)\n\nStand: Berichtigung v. 14.9.2021 I 4304 ist berücksichtigt\nStand: V in Kraft gem. § 83 Satz 1 mWv 1.9.2013\n\n[^F1]:     Dieses Gesetz dient der Umsetzung folgender Richtlinien:\n    1\\.          Richtlinie 92/43/EWG des Rates,\n\n\n    2\\.          Richtlinie 2001/42/EG des Rates.\n\n## § 1 Zweck\n\nText.\n";
    let doc = syntax::parse(src);
    let kinds: Vec<Kind> = doc.root.children.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Langtitel,
            Kind::Fassung,
            Kind::Fassung,
            Kind::Fussnote,
            Kind::Paragraf
        ]
    );
    assert_eq!(
        doc.root.children[2].text.as_deref(),
        Some("V in Kraft gem. § 83 Satz 1 mWv 1.9.2013")
    );
    let note = doc.root.children[3].text.as_deref().unwrap();
    assert!(
        note.ends_with("\n\n2. Richtlinie 2001/42/EG des Rates."),
        "{note:?}"
    );
    // the canonical form keeps both, and reads back the same
    let out = syntax::print::print(&doc, &Default::default());
    let again = syntax::parse(&out);
    let kinds2: Vec<Kind> = again.root.children.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, kinds2, "{out}");
    assert_eq!(
        again.root.children[3].text, doc.root.children[3].text,
        "{out}"
    );
}
