//! paragraf.toml is read into typed values: a typo is an error with the
//! file's line and column, never silently ignored.

use std::process::Command;

fn lint_with_config(config: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("g.txt"),
        "Gesetz G\n\n§ 1 – Zweck\n\nText.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("paragraf.toml"), config).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .arg("lint")
        .arg(dir.path())
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_bad_severity_is_an_error_at_its_line_and_column() {
    let (code, err) = lint_with_config("[lint]\n[lint.severity]\nT001 = \"eror\"\n");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("paragraf.toml:3:8:") && err.contains("eror"),
        "{err}"
    );
}

#[test]
fn an_unknown_rule_code_is_an_error() {
    for config in [
        "[lint]\nignore = [\"X123\"]\n",
        "[lint.severity]\nX123 = \"info\"\n",
    ] {
        let (code, err) = lint_with_config(config);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("paragraf.toml:") && err.contains("unknown rule `X123`"),
            "{err}"
        );
    }
}

#[test]
fn an_unknown_key_is_an_error() {
    let (code, err) = lint_with_config("[[law]]\nfile = \"g.txt\"\nrole = \"x\"\n");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("paragraf.toml:3:1:") && err.contains("unknown field `role`"),
        "{err}"
    );
}

#[test]
fn a_good_configuration_is_obeyed() {
    // T001 is switched off by code, R001 lowered to info by name
    let (code, err) = lint_with_config(
        "[lint]\nignore = [\"t001\"]\n[lint.severity]\nunresolved-reference = \"info\"\n",
    );
    assert_eq!(code, Some(0), "{err}");
}
