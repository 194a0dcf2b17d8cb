//! Amending laws as the Bundesgesetzblatt prints them (issue 36): the amended
//! law named by its Vollzitat (short title, date, Fundstelle, any case), the
//! Eingangssatz that is itself the command or names the place, two verbs in
//! one command, "jeweils" over a list of places, renumbering with changes,
//! the old spelling and straight quotes of 1990, a quoted § in the gazette's
//! layout, and what must fail: another law named, a restated unit whose
//! number differs from its place. The target laws are excerpts of the
//! federal corpus (tests/fixtures/gazette/).

mod common;

use amend::parse::{ohne_gesetz, parse_befehl};
use amend::{ort_text, Op};
use std::path::PathBuf;

fn fx(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gazette")
        .join(name)
}

fn unit_text(text: &str, heading: &str) -> String {
    // the unit from its heading line to the next heading of a §
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("{heading} in {text}"));
    let rest = &text[start..];
    let end = rest[heading.len()..]
        .find("\n§ ")
        .map_or(rest.len(), |e| e + heading.len());
    rest[..end].trim().to_string()
}

#[test]
fn the_eingangssatz_that_is_the_command_gives_the_official_text() {
    // PrStG 2012, Artikel 1: "Nach § 353b Absatz 3 des Strafgesetzbuches in
    // der Fassung der Bekanntmachung vom 13. November 1998 (BGBl. I S. 3322),
    // das zuletzt … geändert worden ist, wird folgender Absatz 3a eingefügt:"
    let (text, out) = paragraf::consolidate::consolidate(
        &fx("stgb-excerpt-2011.md"),
        &fx("pressefreiheit-2012.txt"),
        false,
    )
    .unwrap();
    assert_eq!(out.applied.len(), 1, "{out:?}");
    assert!(out.applied[0].what.contains("§ 353b Absatz 3"), "{out:?}");
    let got = syntax::parse(&text);
    let want = syntax::parse::parse_file(&fx("stgb-excerpt.md")).unwrap();
    assert_eq!(common::law_units(&got), common::law_units(&want));
}

#[test]
fn a_mantelgesetz_artikel_is_found_by_the_laws_fundstelle() {
    // the file's title is the long one ("Verordnung über die Wahl der
    // Gleichstellungsbeauftragten …"); the Eingangssatz names the short title,
    // the date and the Fundstelle, which the front matter gives
    let (text, out) = paragraf::consolidate::consolidate(
        &fx("sgleibwv-excerpt.md"),
        &fx("gleichstellung-streitkraefte.txt"),
        false,
    )
    .unwrap();
    assert!(out.failed.is_empty(), "{out:?}");
    insta::assert_snapshot!(
        "sgleibwv_amended",
        [
            unit_text(&text, "§ 1 "),
            unit_text(&text, "§ 3 "),
            unit_text(&text, "§ 5 ")
        ]
        .join("\n\n")
    );
    let what: Vec<&str> = out.applied.iter().map(|a| a.what.as_str()).collect();
    insta::assert_snapshot!("sgleibwv_applied", what.join("\n"));
}

#[test]
fn a_single_command_in_the_eingangssatz_of_another_artikel() {
    // Artikel 2 of the same law: "In § 31 Absatz 8 Satz 1 des
    // Soldatengesetzes … werden die Wörter „…“ durch die Wörter „…“ ersetzt."
    let (text, out) = paragraf::consolidate::consolidate(
        &fx("sg-excerpt.md"),
        &fx("gleichstellung-streitkraefte.txt"),
        false,
    )
    .unwrap();
    assert_eq!(out.applied.len(), 1, "{out:?}");
    assert!(
        text.contains("(8) Durch Rechtsverordnung kann vorgesehen werden"),
        "{text}"
    );
}

#[test]
fn an_amending_law_that_names_another_law_is_an_error_naming_both() {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("amend")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("laws/gesetz-vii.txt"))
        .arg(fx("bgb-aenderung.txt"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("bgb-aenderung.txt:5:1: the amending law amends „Das Bürgerliche Gesetzbuch")
            && err.contains("not Gesetz VII"),
        "{err}"
    );
    assert!(o.stdout.is_empty(), "nothing is written");
    // and the PrStG is no amending law of the Soldatengesetz
    let e = paragraf::consolidate::consolidate(
        &fx("sg-excerpt.md"),
        &fx("pressefreiheit-2012.txt"),
        false,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("amends „Nach § 353b Absatz 3 des Strafgesetzbuches")
            && e.contains("not Gesetz über die Rechtsstellung der Soldaten"),
        "{e}"
    );
}

#[test]
fn the_forms_of_the_bundesgesetzblatt_are_read() {
    let one = |t: &str| parse_befehl(t).unwrap_or_else(|e| panic!("{t}: {e}"));
    // the place of an Eingangssatz, the law taken out of it
    assert_eq!(
        ohne_gesetz("§ 37 des Bundesgleichstellungsgesetzes vom 24. April 2015 (BGBl. I S. 642), das zuletzt durch Artikel 1 des Gesetzes vom 7. August 2021 (BGBl. I S. 3311) geändert worden ist, wird wie folgt geändert:").as_deref(),
        Some("§ 37 wird wie folgt geändert:")
    );
    assert_eq!(
        ohne_gesetz("Das Gesetz VII vom 14. Oktober 2025 wird wie folgt geändert:"),
        None
    );
    // two verbs
    match one("In Absatz 1 werden die Wörter „oder der Stellvertreterin“ gestrichen und wird das Wort „zwei“ durch das Wort „vier“ ersetzt.") {
        Op::Mehrere { ops } => {
            assert!(matches!(&ops[0], Op::Streichen { ort, alt, .. } if ort_text(ort) == "Absatz 1" && alt.text == "oder der Stellvertreterin"));
            assert!(matches!(&ops[1], Op::Ersetzen { ort, alt, neu, .. } if ort_text(ort) == "Absatz 1" && alt.text == "zwei" && neu.text == "vier"));
        }
        o => panic!("{o:?}"),
    }
    // jeweils over a list of places
    match one("In der Überschrift, in § 1 Satz 1 und in § 5 wird jeweils das Wort „Stellvertreterin“ durch das Wort „Stellvertreterinnen“ ersetzt.") {
        Op::Mehrere { ops } => {
            let places: Vec<String> = ops
                .iter()
                .map(|o| match o {
                    Op::Ersetzen { ort, jeweils: true, .. } => ort_text(ort),
                    o => panic!("{o:?}"),
                })
                .collect();
            assert_eq!(places, ["Überschrift", "§ 1 Satz 1", "§ 5"]);
        }
        o => panic!("{o:?}"),
    }
    // renumbering with "und wird wie folgt geändert:"
    match one("Der bisherige Absatz 4 wird Absatz 5 und wird wie folgt geändert:") {
        Op::Mehrere { ops } => {
            assert!(matches!(&ops[0], Op::Umnummern { .. }));
            assert!(matches!(&ops[1], Op::Aendern { ort } if ort_text(ort) == "Absatz 5"));
        }
        o => panic!("{o:?}"),
    }
    // the Einigungsvertrag of 1990: "gefaßt" and straight quotes
    assert!(matches!(
        one("§ 16 wird wie folgt gefaßt:\n\n\"§ 16\n\nBis zum Zeitpunkt des Wirksamwerdens des Beitritts bestehende Ansprüche sind erloschen.\""),
        Op::Fassen { .. }
    ));
    assert!(matches!(
        one("In Nummer 6 wird das Wort \"oder\" durch ein Komma ersetzt."),
        Op::Ersetzen { .. }
    ));
    // the second verb left out (Anlage I Kap. II C II Nr. 1 a bb)
    match one("In Nummer 7 wird der Punkt durch das Wort \"oder\" ersetzt und folgende\nNummer 8 angefügt:\n\n\"8. entgegen § 59b Abs. 5 Satz 1 die tatsächliche Gewalt ausübt.\"") {
        Op::Mehrere { ops } => {
            assert!(matches!(&ops[0], Op::Ersetzen { ort, .. } if ort_text(ort) == "Nummer 7"));
            assert!(matches!(&ops[1], Op::Anfuegen { neu, .. } if ort_text(neu) == "Nummer 8"));
        }
        o => panic!("{o:?}"),
    }
    // a list of §§ without "in", and "Nach § 55 werden … angefügt"
    assert!(
        matches!(one("§ 234 Abs. 4 und § 334a werden aufgehoben."), Op::Mehrere { ops } if ops.len() == 2)
    );
    assert!(matches!(
        one("Nach § 55 werden folgende §§ 56 bis 59 angefügt:\n\n\"§ 56 …\""),
        Op::Einfuegen { nach: true, .. }
    ));
    // the law named in the place of a command
    assert!(matches!(
        one("Nach § 744 der Zivilprozeßordnung in der im Bundesgesetzblatt Teil III, Gliederungsnummer 310-4, veröffentlichten bereinigten Fassung wird folgender § 744a eingefügt:\n\n\"§ 744a …\""),
        Op::Einfuegen { nach: true, .. }
    ));
}

fn sgleibwv_with(commands: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let am = dir.path().join("aenderung.txt");
    std::fs::write(
        &am,
        format!("Artikel 1\n\nDie Gleichstellungsbeauftragten-Wahlverordnung Soldatinnen vom 12. Mai 2005 (BGBl. I S. 1394) wird wie folgt geändert:\n\n{commands}\n"),
    )
    .unwrap();
    (dir, fx("sgleibwv-excerpt.md"), am)
}

#[test]
fn a_quoted_paragraph_in_gazette_layout_keeps_its_heading_and_absaetze() {
    // the layout of the Einigungsvertrag ("„§ 59b⏎⏎Überleitungsregelung aus
    // Anlaß der Herstellung der Einheit⏎Deutschlands⏎⏎(1) …")
    let (_d, law, am) = sgleibwv_with(
        "1. Nach § 5 wird folgender § 5a eingefügt:\n\n   „§ 5a\n\n   Überleitungsregelung aus Anlass der Herstellung der Einheit\n   Deutschlands\n\n   (1) Die erste Wahl findet binnen eines Jahres statt.\n\n   (2) Bis dahin bleibt es bei der bisherigen Bestellung.“",
    );
    let (text, out) = paragraf::consolidate::consolidate(&law, &am, false).unwrap();
    assert!(out.failed.is_empty(), "{out:?}");
    let doc = syntax::parse(&text);
    let p = doc
        .einzelvorschriften()
        .into_iter()
        .find(|n| n.num.as_deref() == Some("5a"))
        .unwrap_or_else(|| panic!("no § 5a in {text}"));
    assert_eq!(
        p.title.as_deref(),
        Some("Überleitungsregelung aus Anlass der Herstellung der Einheit Deutschlands")
    );
    let absaetze: Vec<&str> = p.children.iter().filter_map(|c| c.num.as_deref()).collect();
    assert_eq!(absaetze, ["1", "2"], "{text}");
}

#[test]
fn a_restated_unit_with_another_number_is_an_error_and_listed_with_k() {
    let (_d, law, am) = sgleibwv_with(
        "1. § 3 Absatz 2 wird wie folgt gefasst:\n\n   „(3) Voraussetzung ist die Eintragung.“\n\n2. In § 5 wird das Wort „eine“ durch das Wort „zwei“ ersetzt.",
    );
    let e = paragraf::consolidate::consolidate(&law, &am, false)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("aenderung.txt:5:4:")
            && e.contains("the quoted Absatz is numbered 3, but the command restates Absatz 2"),
        "{e}"
    );
    let (text, out) = paragraf::consolidate::consolidate(&law, &am, true).unwrap();
    assert_eq!(out.applied.len(), 1);
    assert_eq!(out.failed.len(), 1);
    assert!(
        text.contains("(2) Voraussetzung für die Teilnahme"),
        "{text}"
    );
}

#[test]
fn without_a_date_amend_applies_what_is_in_force_today() {
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join("g.txt");
    let am = dir.path().join("a.txt");
    std::fs::write(&law, "Gesetz über Fristen\n\nFassung\n\n· 1. Februar 2026\n\n§ 1 – Frist\n\nDie Frist beträgt einen Monat.\n\n§ 2 – Form\n\nDer Antrag ist schriftlich zu stellen.\n").unwrap();
    std::fs::write(&am, "Artikel 1 – Änderung des Gesetzes über Fristen\n\nDas Gesetz über Fristen wird wie folgt geändert:\n\n1. In § 1 werden die Wörter „einen Monat“ durch die Wörter „zwei Wochen“ ersetzt.\n\n2. In § 2 wird das Wort „schriftlich“ durch das Wort „elektronisch“ ersetzt.\n\nArtikel 2 – Inkrafttreten\n\n(1) Artikel 1 Nummer 2 tritt am 1. Januar 2099 in Kraft.\n\n(2) Im Übrigen tritt dieses Gesetz am 1. April 2026 in Kraft.\n").unwrap();
    let run = |extra: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .arg("amend")
            .arg(&law)
            .arg(&am)
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (text, err) = run(&[]);
    assert!(
        text.contains("zwei Wochen") && text.contains("schriftlich"),
        "{text}"
    );
    assert!(text.contains("· 1. April 2026"), "{text}");
    assert!(
        err.contains("applied the commands in force today (")
            && err.contains("the text is the Fassung of 1. April 2026"),
        "{err}"
    );
    let (text, err) = run(&["--all"]);
    assert!(
        text.contains("elektronisch") && text.contains("· 1. Januar 2099"),
        "{text}"
    );
    assert!(
        err.contains("applied every command (--all); the text is the Fassung of 1. Januar 2099"),
        "{err}"
    );
}

#[test]
fn paragraf_toml_declares_date_and_fundstelle_and_unknown_artikel_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("paragraf.toml"),
        "[[law]]\nfile = \"wahlv.txt\"\ndate = \"2005-05-12\"\nfundstelle = \"BGBl. I S. 1394\"\n",
    )
    .unwrap();
    std::fs::write(
        p.join("wahlv.txt"),
        "Verordnung über die Wahl der Gleichstellungsbeauftragten\n\n§ 5 – Fristen\n\nDie Wahl muss spätestens eine Woche vor Ablauf der Amtszeit abgeschlossen sein.\n",
    )
    .unwrap();
    let artikel1 = "Artikel 1 – Änderung der Gleichstellungsbeauftragten-Wahlverordnung Soldatinnen\n\nDie Gleichstellungsbeauftragten-Wahlverordnung Soldatinnen vom 12. Mai 2005 (BGBl. I S. 1394) wird wie folgt geändert:\n\n1. In § 5 wird das Wort „spätestens“ gestrichen.\n";
    std::fs::write(p.join("mantel.txt"), artikel1).unwrap();
    let out = p.join("out");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .arg("amend")
            .arg(p.join("mantel.txt"))
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap()
    };
    let o = run();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.join("wahlv.txt")).unwrap();
    assert!(
        text.contains("Die Wahl muss eine Woche vor Ablauf"),
        "{text}"
    );
    // an Artikel on a law the workspace lacks: listed, nothing written
    std::fs::remove_dir_all(&out).unwrap();
    std::fs::write(
        p.join("mantel.txt"),
        format!("{artikel1}\nArtikel 2 – Änderung des Soldatengesetzes\n\nIn § 31 Absatz 8 Satz 1 des Soldatengesetzes in der Fassung der Bekanntmachung vom 30. Mai 2005 (BGBl. I S. 1482) werden die Wörter „In einer“ durch das Wort „Durch“ ersetzt.\n"),
    )
    .unwrap();
    let o = run();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("mantel.txt:9:1: „In § 31 Absatz 8 Satz 1 des Soldatengesetzes")
            && err.contains("amend no law of the workspace"),
        "{err}"
    );
    assert!(!out.exists());
}

/// Each command form the bulk reading of real amending laws found
/// (tests/amending-laws.tsv, the Einigungsvertrag), with its real sentence
/// and where it stands, and the command as paragraf says it back.
#[test]
fn the_forms_found_in_bulk_are_read() {
    let forms = [
        // BGBl. 2024 I Nr. 17 Art. 4 Nr. 7 a): two replacements, one verb
        ("MilPersGleiFoG Art. 4 Nr. 7 a)", "In Absatz 1 wird die Angabe „§§ 16a bis 16c“ durch die Angabe „§§ 23 bis 28“ und werden die Wörter „der Stellvertreterin“ durch die Wörter „einer Stellvertreterin“ ersetzt."),
        // ibid. Nr. 14 a): the second verb's command without a place of its own
        ("MilPersGleiFoG Art. 4 Nr. 14 a)", "In Absatz 1 wird das Wort „Stellvertreterin“ durch das Wort „Stellvertreterinnen“ ersetzt und werden die Wörter „durch zweiwöchigen Aushang“ gestrichen."),
        // ibid. Art. 6 Nr. 5: struck, then inserted after a word
        ("MilPersGleiFoG Art. 6 Nr. 5", "In § 55a Absatz 1 Satz 2 Nummer 3 werden die Wörter „in Verbindung mit § 84a Satz 1 und 2“ gestrichen und werden nach dem Wort „Bundesversorgungsgesetzes“ die Wörter „in der am 31. Dezember 2023 geltenden Fassung“ eingefügt."),
        // ibid. Art. 4 Nr. 6 b) bb) as ris-norms has it: the passage without quotes
        ("MilPersGleiFoG Art. 4 Nr. 6 b) bb) (ris-norms)", "Folgender Satz wird angefügt:Zur Erhöhung der Reichweite sollen möglichst vielfältige schriftliche und elektronische Wege genutzt werden."),
        // Einigungsvertrag, Anlage I: a list dash before the command
        ("EinigVtr Anl. I Kap. III A III Nr. 1", "- Absatz 2 Satz 2 wird aufgehoben."),
        // ibid.: "die Verweisung" as the quoted object
        ("EinigVtr Anl. I", "In Absatz 8 Satz 1 wird die Verweisung \"nach Absatz 2\" durch die Verweisung \"nach Absatz 3\" ersetzt."),
        // ibid.: "In § 3 wird nach Absatz 1 folgender Absatz 1a eingefügt"
        ("EinigVtr Anl. I", "In § 3 wird nach Absatz 1 folgender Absatz 1a eingefügt:\n\n\"(1a) Bei den Leistungen gilt Satz 1 entsprechend.\""),
        // ibid.: "An Absatz 1 wird folgender Satz 2 angefügt"
        ("EinigVtr Anl. I", "An Absatz 1 wird folgender Satz 2 angefügt: \"In den Fällen des § 20 gilt dies entsprechend.\""),
        // ZJDVtrÄndVtr 2018: the Eingangssatz is the command, „…" closed straight
        ("ZJDVtrÄndVtr 2018 Art. 1", "Artikel 2 Absatz 1 des Vertrages zwischen der Bundesrepublik Deutschland und dem Zentralrat der Juden in Deutschland – Körperschaft des öffentlichen Rechts – vom 27. Januar 2003 (BGBl. I S. 1597), zuletzt geändert durch den Vertrag vom 30. November 2011 (BGBl. I S. 1222), wird wie folgt gefasst:\n„(1) Zu den in Artikel 1 genannten Zwecken zahlt die Bundesrepublik Deutschland an den Zentralrat der Juden in Deutschland jährlich einen Betrag von 13 000 000 Euro.\""),
        // ibid.: "jeweils" before the unit struck in each place
        ("EinigVtr Anl. I", "In § 4 Abs. 1 Nr. 11 und 12 wird jeweils Satz 2 gestrichen."),
        // LAGÄndG 14 (1961): "entfällt"
        ("LAGÄndG 14 Art. I Nr. 12", "§ 24 Abs. 7 entfällt."),
        // SVSaarAnglG: "entfallen"
        ("SVSaarAnglG", "Die Absätze 2 und 3 entfallen."),
        // LAGÄndG 14: "erhält den folgenden Satz 2"
        ("LAGÄndG 14 Art. I", "§ 25 Abs. 1 erhält den folgenden Satz 2: „Die Durchschnittssätze sind jährlich zu überprüfen.“"),
        // WoBauG2ÄndG: "In Absatz 2 erhält Satz 1 folgende Fassung"
        ("WoBauG2ÄndG", "In Absatz 2 erhält Satz 1 folgende Fassung: „Die öffentlichen Mittel nach § 24 Abs. 2 sind zu verzinsen.“"),
    ];
    let out: Vec<String> = forms
        .iter()
        .map(|(wo, t)| match parse_befehl(t) {
            Ok(op) => format!("{wo}\n  {}\n  → {}", t.replace('\n', " "), said(&op)),
            Err(e) => format!("{wo}\n  {}\n  → not read: {e}", t.replace('\n', " ")),
        })
        .collect();
    insta::assert_snapshot!("forms_found_in_bulk", out.join("\n\n"));
}

/// A command as paragraf says it back; several, one after the other.
fn said(op: &Op) -> String {
    match op {
        Op::Mehrere { ops } => ops.iter().map(said).collect::<Vec<_>>().join("\n  + "),
        op => amend::print::befehl(op).unwrap_or_else(|| format!("{op:?}")),
    }
}

#[test]
fn dry_run_says_what_each_command_would_do_and_writes_nothing() {
    // the Gleichstellungsbeauftragten-Wahlverordnung Soldatinnen (an
    // excerpt) and Artikel 4 of BGBl. 2024 I Nr. 17, plus a command on a §
    // the excerpt does not have
    let dir = tempfile::tempdir().unwrap();
    let am = dir.path().join("aenderung.txt");
    let src = std::fs::read_to_string(fx("gleichstellung-streitkraefte.txt")).unwrap();
    let src = src.replace(
        "\n\nArtikel 2 – ",
        "\n\n4. In § 12 Absatz 1 wird das Wort „Wahl“ durch das Wort „Abstimmung“ ersetzt.\n\nArtikel 2 – ",
    );
    std::fs::write(&am, &src).unwrap();
    let law = dir.path().join("sgleibwv.md");
    std::fs::copy(fx("sgleibwv-excerpt.md"), &law).unwrap();
    let before = std::fs::read(&law).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(["amend", "--all", "--dry-run"])
        .arg(&law)
        .arg(&am)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).replace(&*dir.path().to_string_lossy(), "DIR");
    assert_eq!(std::fs::read(&law).unwrap(), before, "the law was written");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "a file was written"
    );
    insta::assert_snapshot!("dry_run", out);
    assert_eq!(o.status.code(), Some(out.contains("cannot apply") as i32));
}

#[test]
fn jeweils_satz_2_struck_in_two_nummern() {
    // Einigungsvertrag, Anlage I: „In § 4 Abs. 1 Nr. 11 und 12 wird jeweils Satz 2 gestrichen.“
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join("g.txt");
    let am = dir.path().join("a.txt");
    std::fs::write(&law, "Gesetz über Beispiele\n\n§ 4 – Ausnahmen\n\n(1) Ausgenommen sind\n\n10. Ärzte,\n\n11. Apotheker. Dies gilt im Beitrittsgebiet.\n\n12. Tierärzte. Dies gilt im Beitrittsgebiet.\n").unwrap();
    std::fs::write(&am, "Das Gesetz über Beispiele wird wie folgt geändert:\n\n1. In § 4 Abs. 1 Nr. 11 und 12 wird jeweils Satz 2 gestrichen.\n").unwrap();
    let (text, out) = paragraf::consolidate::consolidate(&law, &am, false).unwrap();
    assert_eq!(out.applied.len(), 1, "{out:?}");
    assert!(
        text.contains("11. Apotheker.\n\n12. Tierärzte.\n"),
        "{text}"
    );
}

#[test]
fn an_escaped_eingangssatz_still_names_its_place() {
    // BGBl. 2024 I Nr. 17 Art. 2 as `paragraf import` prints it: the line
    // starting with „§ 37“ is escaped („\§ 37 des …“), and its § is still
    // the place of the commands below it (the law has a Nummer 4 elsewhere)
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join("bgleig.txt");
    let am = dir.path().join("a.txt");
    std::fs::write(&law, "Gesetz für die Gleichstellung von Frauen und Männern in der Bundesverwaltung und in den Unternehmen und Gerichten des Bundes (Bundesgleichstellungsgesetz - BGleiG)\n\n§ 19 – Wahl\n\n(1) Es gilt:\n\n4. wer wählt,\n\n5. wer gewählt wird.\n\n§ 37 – Sonderregelungen\n\nFür den Bundesnachrichtendienst gilt:\n\n4. beim Bundesnachrichtendienst beschäftigte Soldatinnen sind wahlberechtigt,\n\n5. Soldatinnen gelten als Beschäftigte.\n").unwrap();
    std::fs::write(&am, "Artikel 2 – Änderung des Bundesgleichstellungsgesetzes\n\n\\§ 37 des Bundesgleichstellungsgesetzes vom 24. April 2015 (BGBl. I S. 642, 643), das zuletzt durch Artikel 2 des Gesetzes vom 7. August 2021 (BGBl. I S. 3311) geändert worden ist, wird wie folgt geändert:\n\n1. Nummer 4 wird wie folgt gefasst: „4. beim Bundesnachrichtendienst beschäftigte Soldatinnen sind gemäß § 19 Absatz 4 Satz 2 wahlberechtigt und wählbar,“\n").unwrap();
    let (text, out) = paragraf::consolidate::consolidate(&law, &am, false).unwrap();
    assert_eq!(out.applied.len(), 1, "{out:?}");
    assert!(text.contains("4. wer wählt,"), "{text}");
    assert!(
        text.contains("4. beim Bundesnachrichtendienst beschäftigte Soldatinnen sind gemäß § 19 Absatz 4 Satz 2 wahlberechtigt und wählbar,"),
        "{text}"
    );
}
