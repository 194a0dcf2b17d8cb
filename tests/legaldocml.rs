//! LegalDocML.de export and import: the export validates against the shipped
//! XSDs (tests/schema, with xmllint), and reading it back keeps the wording.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use syntax::Kind;

fn schema(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schema")
        .join(name)
}

/// xmllint --schema; None when xmllint is not installed.
pub fn validate(xsd: &Path, files: &[PathBuf]) -> Option<Result<(), String>> {
    if !common::tool("xmllint", "libxml2-utils") {
        return None;
    }
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(xsd)
        .args(files)
        .output()
        .ok()?;
    Some(if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr)
            .chars()
            .take(3000)
            .collect())
    })
}

#[test]
fn seed_export_validates() {
    let doc = syntax::parse(&common::seed());
    let ex = legaldocml::export(&doc);
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("regelungstext-verkuendung-1.xml");
    std::fs::write(&main, &ex.regelungstext).unwrap();
    // the Hinweis, outside any §, goes into an Anlage rather than being lost
    assert_eq!(ex.anlagen.len(), 1);
    let mut anl = Vec::new();
    for (name, xml) in &ex.anlagen {
        let p = dir.path().join(name);
        std::fs::write(&p, xml).unwrap();
        anl.push(p);
    }
    assert!(ex
        .regelungstext
        .contains("<akn:num eId=\"hauptteil-n1_art-n3_bezeichnung-n1\""));
    if let Some(r) = validate(
        &schema("legalDocML.de-regelungstextverkuendungsfassung.xsd"),
        &[main],
    ) {
        r.unwrap();
    }
    if let Some(r) = validate(&schema("legalDocML.de-offenestruktur.xsd"), &anl) {
        r.unwrap();
    }
}

#[test]
fn export_is_deterministic_and_escapes_text() {
    let src = "Gesetz <X> & \"Y\"\n\n§ 1 – A&B\n\n(1) Text mit <tag> & #read(\"x\") und \u{1}Steuerzeichen.\n";
    let doc = syntax::parse(src);
    let a = legaldocml::export(&doc).regelungstext;
    let b = legaldocml::export(&doc).regelungstext;
    assert_eq!(a, b);
    assert!(
        a.contains("Text mit &lt;tag&gt; &amp; #read(&quot;x&quot;)"),
        "{a}"
    );
    assert!(roxmltree::Document::parse(&a).is_ok());
}

#[test]
fn export_then_import_keeps_the_sections() {
    let doc = syntax::parse(&common::seed());
    let ex = legaldocml::export(&doc);
    let back = legaldocml::import(&ex.regelungstext).unwrap().doc;
    let paras = |d: &syntax::Document| -> Vec<(Option<String>, Option<String>, String)> {
        let mut v = Vec::new();
        d.root.walk(&mut |n, _| {
            if matches!(n.kind, Kind::Paragraf | Kind::Absatz) {
                v.push((n.marker.clone(), n.title.clone(), n.full_text()));
            }
        });
        v
    };
    assert_eq!(paras(&back), paras(&doc));
}

#[test]
fn each_fassung_is_an_expression_of_the_law_with_its_geltungszeit() {
    // Gesetz VII as of two dates (laws/paragraf.toml declares its amending law)
    let law = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("laws/gesetz-vii.txt");
    let dir = tempfile::tempdir().unwrap();
    let mut mains = Vec::new();
    let mut anlagen = Vec::new();
    for d in ["2026-01-01", "2026-03-01"] {
        let sub = dir.path().join(d);
        std::fs::create_dir_all(&sub).unwrap();
        let main = sub.join("regelungstext-verkuendung-1.xml");
        let args = [
            "export".as_ref(),
            "--as-of".as_ref(),
            d.as_ref(),
            "-o".as_ref(),
            main.as_os_str(),
            law.as_os_str(),
        ];
        common::run_in(dir.path(), &args);
        mains.push(main);
        for e in std::fs::read_dir(&sub).unwrap().flatten() {
            if e.file_name().to_string_lossy().starts_with("anlage-") {
                anlagen.push(e.path());
            }
        }
    }
    let (a, b) = (
        std::fs::read_to_string(&mains[0]).unwrap(),
        std::fs::read_to_string(&mains[1]).unwrap(),
    );
    let work = "eli/bund/paragraf/2025/gesetz-vii-missbrauch-von-ki-systemen-dig";
    // one Work, two Expressions: the original (version 1) and the 2026 Fassung (version 2)
    assert!(
        a.contains(&format!("value=\"{work}/2025-10-14/1/deu\"")),
        "{a}"
    );
    assert!(
        b.contains(&format!("value=\"{work}/2026-03-01/2/deu\"")),
        "{b}"
    );
    for x in [&a, &b] {
        assert!(x.contains("date=\"2025-10-14\" refersTo=\"ausfertigung\""));
        assert!(x.contains("date=\"2026-03-01\" refersTo=\"inkrafttreten\""));
    }
    // the original is in force until the amending law, the 2026 Fassung from it on
    assert!(a.contains(
        "start=\"#meta-n1_lebzykl-n1_ereignis-n1\" end=\"#meta-n1_lebzykl-n1_ereignis-n2\""
    ));
    assert!(b.contains("start=\"#meta-n1_lebzykl-n1_ereignis-n2\"/>"));
    assert!(b.contains("§ 4a") || b.contains("Meldepflicht"));
    assert!(!a.contains("Meldepflicht"));
    if let Some(r) = validate(
        &schema("legalDocML.de-regelungstextverkuendungsfassung.xsd"),
        &mains,
    ) {
        r.unwrap();
    }
    if let Some(r) = validate(&schema("legalDocML.de-offenestruktur.xsd"), &anlagen) {
        r.unwrap();
    }
}
