//! Issue 35: plain text as people write it. Lists without blank lines, one
//! paragraph per line (Word's "Nur Text" export), and never a silent
//! misreading: the same law as the canonical form, or a warning at the line.

mod common;

use std::process::Command;
use syntax::ast::Kind;

/// The first unit that differs between two readings (kind, number, marker,
/// title or wording), or None when both read as the same law.
fn first_change(a: &syntax::Document, b: &syntax::Document) -> Option<String> {
    let (ea, eb) = (diff::entries(a), diff::entries(b));
    let changes = diff::diff_entries(&ea, &eb);
    let c = changes
        .iter()
        .find(|c| c.kind != diff::ChangeKind::Layout)?;
    Some(format!("{:?} {}", c.kind, c.id()))
}

fn warnings(doc: &syntax::Document) -> Vec<String> {
    doc.warnings
        .iter()
        .map(|w| format!("{}:{}: {}", w.line, w.column, w.message))
        .collect()
}

/// FZTV § 2 (1), the example: Nummern typed on consecutive lines right
/// below the Satz that introduces them, then the text after the list.
#[test]
fn a_list_on_consecutive_lines_reads_as_with_blank_lines() {
    let canonical = common::fixture("fztv-2.txt");
    let typed = canonical
        .replace(":\n\n1. ", ":\n1. ")
        .replace("werden\n\n1. ", "werden\n1. ")
        .replace(",\n\n2. ", ",\n2. ")
        .replace(",\n\n3. ", ",\n3. ");
    assert_ne!(typed, canonical);
    let (a, b) = (syntax::parse(&canonical), syntax::parse(&typed));
    assert_eq!(first_change(&a, &b), None);
    let abs1 = b.root.find("para-2_abs-1").expect("§ 2 Absatz 1");
    let kinds: Vec<Kind> = abs1.children.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Satz,
            Kind::Satz,
            Kind::Satz,
            Kind::Nummer,
            Kind::Nummer,
            Kind::Nummer,
            Kind::Text
        ]
    );
    assert!(warnings(&b).is_empty(), "{:?}", warnings(&b));
    insta::assert_snapshot!(syntax::outline::outline(&b));
}

/// The seed's "- (1) …⏎- (2) …", a Nummer list after a colon, "2." after
/// "1.", and a number inside running text that stays text (with a warning
/// that names the escape).
#[test]
fn units_without_blank_lines_and_numbers_in_running_text() {
    let src = "Gesetz X\n\n§ 1 Begriffe\n\n- (1) Im Sinne dieses Gesetzes sind:\n1. Hersteller: wer ein KI-System entwickelt,\n2. Betreiber: wer es einsetzt.\n- (2) Die Frist endet am\n1. Januar 2027.\n(3) Ordnungswidrig handelt, wer vorsätzlich\n1. entgegen § 2 ein System einsetzt oder\n2. entgegen § 3 eine Meldung unterlässt.\n";
    let doc = syntax::parse(src);
    let abs: Vec<_> = doc
        .root
        .find("para-1")
        .unwrap()
        .children
        .iter()
        .filter(|c| c.kind == Kind::Absatz)
        .collect();
    assert_eq!(abs.len(), 3);
    let nummern =
        |n: &syntax::ast::Node| n.children.iter().filter(|c| c.kind == Kind::Nummer).count();
    assert_eq!(
        (nummern(abs[0]), nummern(abs[1]), nummern(abs[2])),
        (2, 0, 2)
    );
    assert_eq!(
        doc.root
            .find("para-1_abs-2_satz-1")
            .unwrap()
            .text
            .as_deref(),
        Some("Die Frist endet am 1. Januar 2027.")
    );
    insta::assert_snapshot!(warnings(&doc).join("\n"));
}

/// A Word "Nur Text" export of Gesetz VII: one paragraph per line, no blank
/// line at all, CRLF and a byte order mark. The same law as the seed.
#[test]
fn a_word_export_of_gesetz_vii_reads_as_the_seed() {
    let seed = syntax::parse(&common::seed());
    let word = syntax::parse(&common::fixture("gesetz-vii-word-export.txt"));
    assert_eq!(first_change(&seed, &word), None);
    assert_eq!(seed.title, word.title);
    assert_eq!(seed.fassung, word.fassung);
    // the same outline, but for the line numbers
    let strip = |o: String| {
        o.lines()
            .map(|l| l.split("  (").next().unwrap_or(l).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(syntax::outline::outline(&seed)),
        strip(syntax::outline::outline(&word))
    );
    assert!(warnings(&word).is_empty(), "{:?}", warnings(&word));
}

/// Planted defects: where a line could read either way, a warning at that
/// line names the other reading and its escape; a law that yields no unit
/// says why.
#[test]
fn uncertain_lines_are_warnings_at_the_line() {
    // a § heading after a sentence, and one in the middle of a sentence
    let src = "Gesetz X\n\n§ 1 Zweck\n\nDieses Gesetz gilt.\n§ 2 Frist\n\nDie Frist richtet sich nach\n§ 5 Abs. 2 und\nden Vorschriften.\n";
    let doc = syntax::parse(src);
    assert_eq!(doc.einzelvorschriften().len(), 2);
    let w = warnings(&doc);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("6:1: „§ 2 Frist…“ is read as a heading"),
        "{w:?}"
    );
    assert!(w[0].contains("backslash"), "{w:?}");
    assert!(
        w[1].starts_with("9:1: „§ 5 Abs. 2 und…“ is read as text"),
        "{w:?}"
    );
    assert!(w[1].contains("blank line"), "{w:?}");
    // with the escapes the warnings go
    let escaped = src
        .replace("gilt.\n§ 2", "gilt.\n\n§ 2")
        .replace("nach\n§ 5", "nach\n\\§ 5");
    assert!(warnings(&syntax::parse(&escaped)).is_empty());
    // a text that yields no unit at all
    let doc = syntax::parse("Gesetz X\nDieses Gesetz regelt alles.\nEs tritt morgen in Kraft.\n");
    let w = warnings(&doc);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("no §, Artikel or Absatz"), "{w:?}");
}

/// P001 of `paragraf lint` on a plain law: (line, message) of each.
fn p001(src: &str) -> Vec<(u32, String)> {
    let law = paragraf::project::Law {
        path: "test.txt".into(),
        src: src.to_string(),
        doc: syntax::parse(src),
    };
    let universe = refs::Universe {
        declared: Vec::new(),
        libraries: &[],
        others: Vec::new(),
    };
    paragraf::project::check(&law, &universe, &lint::LintConfig::default())
        .1
        .into_iter()
        .filter(|d| d.code == "P001")
        .map(|d| (d.span.line, d.message))
        .collect()
}

/// Mutations of the real Gesetz VII: before each of its §§, the blank line
/// removed and the Satz above broken off mid-sentence. Each such § line
/// really reads either way; `lint` must say so (P001) at that line, and the
/// unmutated seed has no P001 at all.
#[test]
fn a_planted_ambiguity_is_p001_at_its_line() {
    let seed = common::seed();
    assert_eq!(p001(&seed), []);
    let lines: Vec<&str> = seed.lines().collect();
    let mut planted = 0;
    for (i, l) in lines.iter().enumerate() {
        // a § heading after a blank line after a Satz ending in "."
        if !l.starts_with("§ ") || i < 2 || !lines[i - 1].is_empty() {
            continue;
        }
        let Some(open) = lines[i - 2].strip_suffix('.') else {
            continue;
        };
        let mut mutated: Vec<&str> = lines.clone();
        mutated[i - 2] = open;
        mutated.remove(i - 1);
        let src = mutated.join("\n") + "\n";
        let at = i as u32; // the § line, 1-based, one line up
        let found = p001(&src);
        assert!(
            found
                .iter()
                .any(|(line, m)| *line == at && m.contains("read as text")),
            "planted before {l:?} (line {at}): {found:?}"
        );
        planted += 1;
    }
    assert!(planted >= 5, "only {planted} places planted");
}

/// Lists that go on after a text that stands for a unit, as the corpus
/// writes them (AMRNOG Art. 9: an empty Nummer "\\2."; AltZertG § 1:
/// "6. und 7. (weggefallen)"; FamRÄndG: "1. bis 4 (weggefallen)"), and a
/// footnote's list of directives (AufenthG): the same law without the
/// blank lines before their items.
#[test]
fn lists_go_on_after_a_text_that_stands_for_their_units() {
    let cases = [
        (
            "Art 9 – Außerkrafttreten\n\nMit Inkrafttreten dieses Gesetzes treten außer Kraft\n\n\
             1. das Arzneimittelgesetz 1961 vorbehaltlich Artikel 3 § 11 Abs. 1,\n\n\\2.\n\n\
             3. das Gesetz über die Berufsausübung im Einzelhandel vom 5. August 1957,\n\n\
             4. die Verordnung über den Nachweis der Sachkunde für den Einzelhandel vom 4. März 1960,\n",
            3,
        ),
        (
            "§ 1 – Zertifizierungskriterien\n\n(1) Ein Altersvorsorgevertrag liegt vor, wenn eine \
             Vereinbarung geschlossen wird,\n\n\
             1. die für den Vertragspartner eine lebenslange Leistung vorsieht,\n\n\
             2. und 3. (weggefallen)\n\n\
             4. die vorsieht, dass die Abschluss- und Vertriebskosten verteilt werden,\n\n\
             5. (weggefallen)\n",
            4,
        ),
        (
            "§ 9 – Übergangsvorschriften\n\n1. bis 4 (weggefallen)\n\n\
             5. Soweit im deutschen bürgerlichen Recht die Staatsangehörigkeit entscheidet, gilt dies.\n\n\
             6. (weggefallen)\n",
            3,
        ),
    ];
    for (canonical, nummern) in cases {
        // the blank lines before the items gone (the corpus check's variant a)
        let lines: Vec<&str> = canonical.lines().collect();
        let typed: String = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| {
                let item = |n: &&str| n.starts_with(|c: char| c.is_ascii_digit());
                !l.is_empty() || !lines.get(i + 1).is_some_and(item)
            })
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        assert_ne!(typed, canonical);
        let (a, b) = (syntax::parse(canonical), syntax::parse(&typed));
        let count = |d: &syntax::Document| {
            let mut n = 0;
            d.root
                .walk(&mut |c, _| n += usize::from(c.kind == Kind::Nummer));
            n
        };
        assert_eq!(count(&a), nummern, "{canonical}");
        assert_eq!(first_change(&a, &b), None, "{typed}");
    }
    // a footnote's further paragraphs, each an item indented by four
    let canonical = "§ 1 Zweck\n\nDieses Gesetz gilt.[^f1]\n\n[^f1]: Dieses Gesetz dient der Umsetzung \
                     folgender Richtlinien: 1. Richtlinie 2001/40/EG,\n\n    2. Richtlinie 2001/51/EG,\n\n    \
                     3. Richtlinie 2001/55/EG.\n";
    let typed = canonical.replace(",\n\n    ", ",\n    ");
    assert_eq!(
        first_change(&syntax::parse(canonical), &syntax::parse(&typed)),
        None
    );
}

/// `paragraf fmt` on a law with CRLF line endings and a byte order mark:
/// the canonical form (LF, no BOM), and notes on stderr that say so;
/// `--check` reports them.
#[test]
fn fmt_says_when_it_changes_line_endings_or_drops_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let law = dir.path().join("gesetz.txt");
    let src = "\u{feff}Gesetz X\r\n\r\n§ 1 Zweck\r\n\r\n(1) Dieses Gesetz gilt.\r\n\r\n(2) Es gilt weiter.\r\n";
    std::fs::write(&law, src).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .args(args)
            .arg(&law)
            .output()
            .unwrap()
    };
    let o = run(&["fmt", "--check"]);
    let check = format!(
        "exit {:?}\nstdout:\n{}stderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(&["fmt"]);
    let written = std::fs::read_to_string(&law).unwrap();
    let fmt = format!(
        "exit {:?}\nstderr:\n{}written:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr),
        written
    );
    let show = format!("$ paragraf fmt --check\n{check}\n$ paragraf fmt\n{fmt}")
        .replace(&law.display().to_string(), "gesetz.txt");
    insta::assert_snapshot!(show);
}

/// The warnings with their codes, as `paragraf parse --json` names them.
fn coded(doc: &syntax::Document) -> Vec<String> {
    doc.warnings
        .iter()
        .map(|w| {
            format!(
                "{}:{}: [{}] {}",
                w.line,
                w.column,
                w.code.as_str(),
                w.message
            )
        })
        .collect()
}

/// One paragraph per line: the canonical form with every blank line removed
/// (the corpus check's variant b).
fn one_per_line(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("{l}\n"))
        .collect()
}

/// EStDV § 8c one paragraph per line: a Satznummer at the margin after a
/// whole sentence („bestimmen.⏎2             Ein Betrieb …“) could be Satz 2
/// of that text (the canonical form) or a paragraph of its own. It is read
/// as a paragraph, and a warning at its line names the escape: indented,
/// it is the Satz, and the law reads as the canonical form.
#[test]
fn a_satznummer_at_the_margin_is_a_warning_with_its_escape() {
    let canonical = common::fixture("estdv-8c.txt");
    let variant = one_per_line(&canonical);
    let (a, b) = (syntax::parse(&canonical), syntax::parse(&variant));
    // it reads otherwise than the canonical form: at that line
    assert!(first_change(&a, &b).is_some());
    insta::assert_snapshot!(format!(
        "{}\n\n{}",
        coded(&b).join("\n"),
        syntax::outline::outline(&b)
    ));
    let escaped = variant.replace("\n2             Ein", "\n   2             Ein");
    assert_ne!(escaped, variant);
    let c = syntax::parse(&escaped);
    assert_eq!(first_change(&a, &c), None);
    assert!(warnings(&c).is_empty(), "{:?}", warnings(&c));
}

/// KStG § 5 Absatz 1 Nummer 10 one paragraph per line: the Sätze 2 to 7 of
/// the Nummer, indented as its text after its Buchstaben, are its
/// paragraph, not more of Buchstabe b (they stand left of b's text).
#[test]
fn satznummern_left_of_a_buchstabe_go_to_the_nummer_around() {
    let canonical = common::fixture("kstg-5-nr-10.txt");
    let (a, b) = (
        syntax::parse(&canonical),
        syntax::parse(&one_per_line(&canonical)),
    );
    assert_eq!(first_change(&a, &b), None);
    assert!(warnings(&b).is_empty(), "{:?}", warnings(&b));
    let nr10 = b.root.find("para-5_abs-1_nr-10").expect("Nummer 10");
    let kinds: Vec<Kind> = nr10.children.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Satz, Kind::Buchstabe, Kind::Buchstabe, Kind::Text]
    );
}

/// The Anlage of the WZG § 4 Bekanntmachung (ČSSR) without the blank line
/// before its one Nummer: „1.“ after a parenthesis that breaks off the Satz
/// could start a list or go on with the text above. It is read as the
/// Nummer, as the canonical form has it, and since no „2.“ follows, a
/// warning at its line names the escape; with the backslash it is text,
/// with the blank line there is no doubt.
#[test]
fn a_lone_first_item_after_a_broken_off_satz_is_a_warning() {
    let canonical = common::fixture("wzg-4-cskbek.txt");
    let typed = canonical.replace("1559)\n\n1. ", "1559)\n1. ");
    assert_ne!(typed, canonical);
    let (a, b) = (syntax::parse(&canonical), syntax::parse(&typed));
    assert_eq!(first_change(&a, &b), None);
    assert!(warnings(&a).iter().all(|w| !w.contains("„1.“")));
    insta::assert_snapshot!(format!(
        "{}\n\n{}",
        coded(&b).join("\n"),
        syntax::outline::outline(&b)
    ));
    let escaped = syntax::parse(&typed.replace("1559)\n1. ", "1559)\n\\1. "));
    assert!(first_change(&a, &escaped).is_some());
    assert!(warnings(&escaped).iter().all(|w| !w.contains("„1.“")));
}
