//! Drives `paragraf lsp` over stdio as an editor would.

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start() -> Client {
        Client::start_with(&[])
    }

    fn start_with(env: &[(&str, &Path)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_paragraf"))
            .arg("lsp")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("paragraf lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            while let Some(m) = read_message(&mut stdout) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 1,
        };
        let init = c.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        assert_eq!(
            init["result"]["capabilities"]["positionEncoding"], "utf-16",
            "{init}"
        );
        assert_eq!(init["result"]["capabilities"]["hoverProvider"], true);
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message that satisfies `pred` (others are skipped).
    fn wait_for(&self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no {what} within 30 s"),
                Err(RecvTimeoutError::Disconnected) => panic!("server exited before {what}"),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(method, |m| m["id"] == id)
    }

    fn open(&mut self, path: &Path) -> (String, String) {
        let text = std::fs::read_to_string(path).unwrap();
        let uri = url::Url::from_file_path(path).unwrap().to_string();
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "paragraf", "version": 1, "text": text}}),
        );
        (uri, text)
    }

    fn diagnostics(&self, uri: &str) -> Vec<Value> {
        let m = self.wait_for("diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// LSP position (UTF-16 columns) of the n-th occurrence of `needle`.
fn position_of(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let off = text.match_indices(needle).nth(nth).expect("needle").0;
    let before = &text[..off];
    let line = before.matches('\n').count();
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .encode_utf16()
        .count();
    (line as u64, col as u64)
}

#[test]
fn seed_outside_a_workspace_gets_the_anhang_iii_errors() {
    // the seed on its own, without the paragraf.toml that declares Anhang III
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gesetz-vii.txt");
    std::fs::write(&path, common::seed()).unwrap();
    let mut c = Client::start();
    let (uri, text) = c.open(&path);
    let diags = c.diagnostics(&uri);
    let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == 1).collect();
    let lines: Vec<u64> = errors
        .iter()
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    // § 3 Absatz 3, § 4 Absatz 3, heading and text of § 7, the closing note
    let expect: Vec<u64> = [
        ("des **Anhangs III**", 0),
        ("im **Anhang III**", 0),
        ("Verweis auf Anhang III", 0),
        ("im **Anhang III**", 1),
        ("Hinweis: Anhang III", 0),
    ]
    .iter()
    .map(|(n, k)| position_of(&text, n, *k).0)
    .collect();
    assert_eq!(lines, expect, "{diags:#?}");
    for d in &errors {
        assert_eq!(d["code"], "R001", "{d}");
        assert_eq!(d["source"], "paragraf");
        assert!(d["message"].as_str().unwrap().contains("Anhang III"), "{d}");
    }
    // the column points at the citation itself
    let (_, col) = position_of(&text, "Anhang III", 0);
    assert_eq!(errors[1]["range"]["start"]["character"], col);
    // the mixed Absatz markers are reported too, as a warning
    assert!(diags.iter().any(|d| d["code"] == "M001"), "{diags:#?}");

    // typing a fix: the diagnostics follow the buffer, not the file
    let fixed = text
        .replace("Anhangs III", "Anhangs 3")
        .replace("Anhang III", "Anhang 3");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let after = c.diagnostics(&uri);
    assert!(
        after
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("Anhang III")),
        "{after:#?}"
    );
    c.shutdown();
}

#[test]
fn definition_and_hover_on_a_citation_in_the_amended_fassung() {
    // the amended Fassung in a workspace that declares its Anhang III
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gesetz-vii-2026-03-01.txt");
    std::fs::copy(
        root().join("tests/fixtures/vires/gesetz-vii-2026-03-01.txt"),
        &path,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("paragraf.toml"),
        "[[law]]\nfile = \"gesetz-vii-2026-03-01.txt\"\nexternal = [\"Anhang III\"]\n",
    )
    .unwrap();
    let mut c = Client::start();
    let (uri, text) = c.open(&path);
    // inside the workspace, Anhang III is declared: no errors
    let diags = c.diagnostics(&uri);
    assert!(diags.iter().all(|d| d["severity"] != 1), "{diags:#?}");

    let (line, col) = position_of(&text, "§ 3 Absatz 3", 0);
    let at =
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 4}});
    let def = c.request("textDocument/definition", at.clone());
    let loc = &def["result"];
    assert_eq!(loc["uri"], uri, "{def}");
    // lands on the line of "(3)" in § 3
    let target = position_of(&text, "(3) Die Wirkungsweise", 0);
    assert_eq!(loc["range"]["start"]["line"], target.0, "{def}");

    let hover = c.request("textDocument/hover", at);
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("§ 3 Absatz 3"), "{value}");
    assert!(
        value.contains("Die Wirkungsweise wird nach Maßgabe des **Anhangs III** eingestuft"),
        "{value}"
    );

    // no citation under the cursor: null, not an error
    let none = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    assert!(
        none["result"].is_null() && none.get("error").is_none(),
        "{none}"
    );
    c.shutdown();
}

/// `[library]`: hover and go to definition open the cited § of a law
/// outside the series (an excerpt of the BGB), parsed alone for the lint.
#[test]
fn definition_and_hover_into_a_library_law() {
    let dir = tempfile::tempdir().unwrap();
    let root_dir = dir.path();
    std::fs::create_dir_all(root_dir.join("bund")).unwrap();
    let bgb = root_dir.join("bund/bgb.md");
    std::fs::copy(root().join("tests/fixtures/bgb-excerpt.md"), &bgb).unwrap();
    std::fs::write(
        root_dir.join("paragraf.toml"),
        "[[law]]\nfile = \"x.txt\"\n\n[library]\nbund = \"bund\"\n",
    )
    .unwrap();
    let path = root_dir.join("x.txt");
    std::fs::write(
        &path,
        "Gesetz X\n\n§ 1 Rechtsfähigkeit\n\n(1) § 1 BGB gilt entsprechend.\n\n(2) § 2 Absatz 3 BGB bleibt unberührt.\n",
    )
    .unwrap();
    let cache = root_dir.join("cache");
    let mut c = Client::start_with(&[("XDG_CACHE_HOME", &cache)]);
    let (uri, text) = c.open(&path);
    // the dangling citation into the library law is an error at its place
    let diags = c.diagnostics(&uri);
    let r001: Vec<(u64, String)> = diags
        .iter()
        .filter(|d| d["code"] == "R001")
        .map(|d| {
            (
                d["range"]["start"]["line"].as_u64().unwrap(),
                d["message"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        r001,
        [(
            6,
            "„§ 2 Absatz 3 BGB“ points nowhere: BGB § 2 has no Absätze".to_string()
        )],
        "{diags:#?}"
    );

    let (line, col) = position_of(&text, "§ 1 BGB", 0);
    let at =
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 2}});
    let def = c.request("textDocument/definition", at.clone());
    let loc = &def["result"];
    assert_eq!(
        loc["uri"],
        url::Url::from_file_path(&bgb).unwrap().to_string(),
        "{def}"
    );
    let bgb_text = std::fs::read_to_string(&bgb).unwrap();
    let target = position_of(&bgb_text, "##### § 1 Beginn der Rechtsfähigkeit", 0);
    assert_eq!(loc["range"]["start"]["line"], target.0, "{def}");

    let hover = c.request("textDocument/hover", at);
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert_eq!(
        value,
        "**§ 1** (Bürgerliches Gesetzbuch \\(BGB\\))\n\n§ 1 – Beginn der Rechtsfähigkeit\n\nDie Rechtsfähigkeit des Menschen beginnt mit der Vollendung der Geburt\\."
    );
    c.shutdown();
}

#[test]
fn outline_and_formatting() {
    let path = root().join("laws/gesetz-vii.txt");
    let mut c = Client::start();
    let (uri, _) = c.open(&path);
    c.diagnostics(&uri);
    let sym = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = sym["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "Präambel", "{names:?}");
    assert_eq!(names[1], "§ 1 Zweck des Gesetzes", "{names:?}");
    assert_eq!(names.iter().filter(|n| n.starts_with('§')).count(), 8);
    let s3 = &sym["result"][3];
    assert_eq!(s3["children"].as_array().unwrap().len(), 3, "{s3}");

    // the seed uses "- (1)": formatting rewrites it, keeping the wording
    let fmt = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let edits = fmt["result"].as_array().expect("edits");
    assert_eq!(edits.len(), 1);
    let new_text = edits[0]["newText"].as_str().unwrap();
    assert!(
        new_text.contains("\n(1) Dieses Gesetz ergänzt"),
        "{new_text}"
    );
    assert!(!new_text.contains("- (1)"));

    // unknown methods are errors, the server goes on
    let r = c.request("textDocument/rename", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.shutdown();
}
