//! Output of lint findings: rustc-style text (annotate-snippets), JSON, SARIF 2.1.0.

use super::{registry, Diagnostic, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::{json, Value};

/// The findings of one file.
pub struct FileReport<'a> {
    /// The file as it is to be named.
    pub path: &'a str,
    /// Its text.
    pub src: &'a str,
    /// Its findings.
    pub diagnostics: &'a [Diagnostic],
}

/// rustc-style text: the source line, a caret under the span, the code, a help line.
pub fn human(report: &FileReport, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in report.diagnostics {
        // only the lines of the span, so long laws render fast
        let src = report.src;
        let s = d.span.start.min(src.len());
        let e = d.span.end.min(src.len()).max(s);
        let line_start = src[..s].rfind('\n').map(|k| k + 1).unwrap_or(0);
        let line_end = src[e..].find('\n').map(|k| e + k).unwrap_or(src.len());
        let excerpt = &src[line_start..line_end];
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let mut group: Group = level.primary_title(d.message.as_str()).id(d.code).element(
            Snippet::source(excerpt)
                .line_start(d.span.line as usize)
                .path(report.path)
                .annotation(
                    AnnotationKind::Primary
                        .span((s - line_start)..(e - line_start))
                        .label(d.name),
                ),
        );
        if let Some(h) = &d.help {
            group = group.element(Level::HELP.message(h.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

fn obj(path: &str, d: &Diagnostic) -> Value {
    json!({
        "code": d.code,
        "name": d.name,
        "severity": d.severity.as_str(),
        "file": path,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "message": d.message,
        "help": d.help,
    })
}

/// An array of findings.
pub fn json(reports: &[FileReport]) -> Value {
    Value::Array(
        reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(|d| obj(r.path, d)))
            .collect(),
    )
}

/// SARIF 2.1.0 from the JSON objects of [`json()`].
pub fn sarif_from_json(findings: &[Value]) -> Value {
    let results: Vec<Value> = findings
        .iter()
        .map(|d| {
            let level = match d["severity"].as_str() {
                Some("error") => "error",
                Some("warning") => "warning",
                _ => "note",
            };
            let msg = match d["help"].as_str() {
                Some(h) => format!("{} ({h})", d["message"].as_str().unwrap_or("")),
                None => d["message"].as_str().unwrap_or("").to_string(),
            };
            json!({
                "ruleId": d["code"],
                "level": level,
                "message": { "text": msg },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": d["file"] },
                    "region": { "startLine": d["line"], "startColumn": d["column"], "endLine": d["end_line"], "endColumn": d["end_column"] }
                }}]
            })
        })
        .collect();
    sarif_run(results)
}

fn sarif_run(results: Vec<Value>) -> Value {
    let rules: Vec<Value> = registry()
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "help": { "text": r.doc(), "markdown": r.doc() },
                "defaultConfiguration": { "level": sarif_level(r.severity) },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": "paragraf", "version": env!("CARGO_PKG_VERSION"), "rules": rules } },
            "results": results,
        }]
    })
}

/// SARIF 2.1.0, for code-scanning tools.
pub fn sarif(reports: &[FileReport]) -> Value {
    let findings = json(reports);
    sarif_from_json(findings.as_array().map(|v| v.as_slice()).unwrap_or(&[]))
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
