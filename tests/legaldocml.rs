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
