//! The three-column Synopse in a real headless browser (Debian's chromium,
//! which .ci/run installs): it renders with its three columns and the
//! links between commands and units, its screenshot is a page of that
//! size with something on it, and it prints in landscape. Skipped, with a
//! note, where no chromium is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";
/// The browser itself, without Debian's wrapper script (which runs `ls`
/// and sources /etc/chromium.d at every start).
const CHROMIUM_BIN: &str = "/usr/lib/chromium/chromium";

fn paragraf(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_paragraf"))
        .args(args)
        .output()
        .unwrap()
}

/// chromium, headless, on a local file; as root it needs --no-sandbox, and
/// on a closed network no background connections.
fn chromium(dir: &Path, extra: &[String], page: &Path) -> std::process::Output {
    let profile = dir.join("profile");
    let mut args: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    args.extend(extra.iter().cloned());
    args.push(format!("file://{}", page.display()));
    let bin = if Path::new(CHROMIUM_BIN).exists() {
        CHROMIUM_BIN
    } else {
        CHROMIUM
    };
    Command::new(bin)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let n = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    Some((n(16), n(20)))
}

/// Render `html` in chromium and check it: DOM, screenshot, print.
fn check_in_browser(dir: &Path, html: &Path, expect: &[&str]) {
    // the DOM as the browser built it
    let o = chromium(dir, &["--dump-dom".into()], html);
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(
        dom.contains("<th>Änderungsbefehl</th>"),
        "no third column:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(dom.contains("class=\"befehl\"") && dom.contains("class=\"to\""));
    for e in expect {
        assert!(dom.contains(e), "no {e:?} in the rendered page");
    }
    // a screenshot of the first screen
    let shot = dir.join("synopse.png");
    let o = chromium(
        dir,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1600,1000".into(),
        ],
        html,
    );
    let png = std::fs::read(&shot)
        .unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&o.stderr)));
    assert_eq!(png_size(&png), Some((1600, 1000)));
    // a white page compresses to a few KiB; text and tables do not
    assert!(
        png.len() > 30_000,
        "the screenshot looks empty ({} bytes)",
        png.len()
    );
    // printed: landscape A4
    let pdf = dir.join("synopse-print.pdf");
    chromium(
        dir,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
        html,
    );
    if let Ok(o) = Command::new("pdfinfo").arg(&pdf).output() {
        let info = String::from_utf8_lossy(&o.stdout);
        let size = info
            .lines()
            .find(|l| l.starts_with("Page size:"))
            .unwrap_or_default();
        let nums: Vec<f64> = size
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert!(
            nums.len() >= 2 && nums[0] > nums[1],
            "not landscape: {size}"
        );
    }
}

/// The three-column Synopse of `old` → `new`, written into `dir`.
fn synopse(dir: &Path, old: &Path, new: &Path) -> PathBuf {
    let html = dir.join("synopse.html");
    let o = paragraf(&[
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--amendments",
        "--synopse",
        html.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    html
}

fn have_chromium() -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    // under CI (.ci/run installs it) a missing browser is a failure, not a skip
    assert!(
        std::env::var_os("CI").is_none(),
        "{CHROMIUM} is not installed (apt-get install chromium)"
    );
    eprintln!("note: {CHROMIUM} is not installed (apt-get install chromium); the browser check is skipped");
    false
}

#[test]
fn the_synopse_of_the_shipped_amending_law_in_a_browser() {
    if !have_chromium() {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let html = synopse(
        dir.path(),
        &root.join("laws/gesetz-vii.txt"),
        &root.join("tests/fixtures/vires/gesetz-vii-2026-03-01.txt"),
    );
    check_in_browser(
        dir.path(),
        &html,
        &[
            "Nach § 4 wird der folgende § 4a eingefügt",
            "href=\"#s0-para-4a\"",
        ],
    );
}

#[test]
fn the_synopse_of_the_bgb_2013_2018_in_a_browser() {
    let pair = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/history/052-bgb");
    if !pair.is_dir() {
        eprintln!("note: ../shared/corpus is not here; the BGB Synopse is not checked");
        return;
    }
    if !have_chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let html = synopse(dir.path(), &pair.join("old.md"), &pair.join("new.md"));
    check_in_browser(
        dir.path(),
        &html,
        // § 491 Absatz 3 becomes Absatz 4 with a new wording: one command;
        // a renumbered unit stands beside its old self, the renumbering said once
        &[
            "Der bisherige Absatz 3 wird Absatz 4 und wie folgt gefasst:",
            "<div class=\"renum\">",
        ],
    );
}
