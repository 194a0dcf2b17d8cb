//! `paragraf lsp`: a language server over stdio (lsp-server, full-text sync).
//!
//! Diagnostics as you type (lint of the buffer against its series), go to
//! definition and hover on citations, document symbols (the outline) and
//! formatting (`paragraf fmt`). The other laws of a series are read from disk
//! and reloaded when a file is saved.

mod analysis;
mod position;

pub use analysis::{analyze, Analysis};
pub use position::Lines;

use crate::project::Series;
use crate::workspace::Workspace;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Why the language server stopped.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    /// The client broke the protocol (initialization, message framing).
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    /// Reading from or writing to the client failed.
    #[error("language server i/o: {0}")]
    Io(#[from] std::io::Error),
    /// A message's parameters or result could not be (de)serialized.
    #[error("language server: {0}")]
    Json(#[from] serde_json::Error),
    /// The client closed the connection without "exit".
    #[error("language server: the client went away")]
    Disconnected,
}

/// Serve on stdin/stdout until the client sends `exit`.
pub fn run_stdio() -> Result<(), LspError> {
    let (conn, io) = Connection::stdio();
    serve(&conn)?;
    drop(conn);
    io.join()?;
    Ok(())
}

/// Serve on a connection (stdio, or memory in tests).
pub fn serve(conn: &Connection) -> Result<(), LspError> {
    let (id, params) = conn.initialize_start()?;
    let params: lsp::InitializeParams = serde_json::from_value(params)?;
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&lsp::PositionEncodingKind::UTF8));
    let caps = lsp::ServerCapabilities {
        position_encoding: Some(if utf8 {
            lsp::PositionEncodingKind::UTF8
        } else {
            lsp::PositionEncodingKind::UTF16
        }),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::FULL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        definition_provider: Some(lsp::OneOf::Left(true)),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        ..Default::default()
    };
    conn.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": caps,
            "serverInfo": {"name": "paragraf", "version": env!("CARGO_PKG_VERSION")},
        }),
    )?;
    let mut server = Server {
        conn,
        utf8,
        docs: HashMap::new(),
        series: HashMap::new(),
    };
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                if conn.handle_shutdown(&req)? {
                    return Ok(());
                }
                server.request(req)?;
            }
            Message::Notification(n) => server.notification(n)?,
            Message::Response(_) => {}
        }
    }
    Err(LspError::Disconnected)
}

struct Open {
    path: PathBuf,
    analysis: Analysis,
}

struct Server<'c> {
    conn: &'c Connection,
    utf8: bool,
    docs: HashMap<lsp::Uri, Open>,
    /// Workspaces by root, loaded once until a file is saved.
    series: HashMap<PathBuf, Result<Series, crate::project::SeriesError>>,
}

fn params<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(v).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn reply(v: impl serde::Serialize) -> Result<serde_json::Value, (ErrorCode, String)> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

/// The file a `file:` URI names; other schemes (untitled:) get a pseudo path.
fn uri_path(uri: &lsp::Uri) -> PathBuf {
    url::Url::parse(uri.as_str())
        .ok()
        .filter(|u| u.scheme() == "file")
        .and_then(|u| u.to_file_path().ok())
        .unwrap_or_else(|| PathBuf::from(uri.as_str()))
}

fn path_uri(path: &Path) -> Option<lsp::Uri> {
    let abs = std::path::absolute(path).ok()?;
    url::Url::from_file_path(abs).ok()?.as_str().parse().ok()
}

impl Server<'_> {
    fn send(&self, m: Message) -> Result<(), LspError> {
        self.conn.sender.send(m).map_err(|_| LspError::Disconnected)
    }

    fn analyze(&mut self, uri: lsp::Uri, text: String) -> Result<(), LspError> {
        let path = uri_path(&uri);
        let mut notes = Vec::new();
        let root = match Workspace::find(&path) {
            Ok(Some(ws)) => {
                let root = ws.root.clone();
                self.series
                    .entry(root.clone())
                    .or_insert_with(|| Series::load(ws));
                Some(root)
            }
            Ok(None) => None,
            Err(e) => {
                notes.push(format!("paragraf.toml: {e}"));
                None
            }
        };
        let series = match root.as_ref().map(|r| &self.series[r]) {
            Some(Ok(s)) => Some(s),
            Some(Err(e)) => {
                notes.push(format!("workspace not loaded: {e}"));
                None
            }
            None => None,
        };
        let mut analysis = analyze(&path, text, series);
        analysis.notes.extend(notes);
        let diagnostics = analysis.diagnostics(self.utf8);
        self.docs.insert(uri.clone(), Open { path, analysis });
        self.publish(uri, diagnostics)
    }

    fn publish(&self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>) -> Result<(), LspError> {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.send(Message::Notification(Notification::new(
            lsp::notification::PublishDiagnostics::METHOD.into(),
            params,
        )))
    }

    fn notification(&mut self, n: Notification) -> Result<(), LspError> {
        use lsp::notification::*;
        fn get<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Option<T> {
            serde_json::from_value(v).ok()
        }
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(p) = get::<lsp::DidOpenTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                self.analyze(p.text_document.uri, p.text_document.text)?;
            }
            DidChangeTextDocument::METHOD => {
                let Some(p) = get::<lsp::DidChangeTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                // full sync: the last change holds the whole text
                if let Some(c) = p.content_changes.into_iter().last() {
                    self.analyze(p.text_document.uri, c.text)?;
                }
            }
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => {
                // another law of the series may have changed: reload, re-lint all
                self.series.clear();
                let open: Vec<(lsp::Uri, String)> = self
                    .docs
                    .iter()
                    .map(|(u, o)| (u.clone(), o.analysis.law.src.clone()))
                    .collect();
                for (u, t) in open {
                    self.analyze(u, t)?;
                }
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = get::<lsp::DidCloseTextDocumentParams>(n.params) else {
                    return Ok(());
                };
                self.docs.remove(&p.text_document.uri);
                self.publish(p.text_document.uri, Vec::new())?;
            }
            _ => {}
        }
        Ok(())
    }

    fn request(&mut self, req: Request) -> Result<(), LspError> {
        let id = req.id.clone();
        let resp = match self.answer(req) {
            Ok(v) => Response::new_ok(id, v),
            Err((code, msg)) => Response::new_err(id, code as i32, msg),
        };
        self.send(Message::Response(resp))
    }

    fn answer(&self, req: Request) -> Result<serde_json::Value, (ErrorCode, String)> {
        use lsp::request::*;
        match req.method.as_str() {
            GotoDefinition::METHOD => {
                let p: lsp::GotoDefinitionParams = params(req.params)?;
                let tdp = p.text_document_position_params;
                let found = self
                    .at(&tdp.text_document.uri, tdp.position)
                    .and_then(|(o, off)| o.analysis.definition(off, self.utf8))
                    .and_then(|(path, range)| {
                        Some(lsp::Location {
                            uri: path_uri(&path)?,
                            range,
                        })
                    });
                reply(found.map(lsp::GotoDefinitionResponse::Scalar))
            }
            HoverRequest::METHOD => {
                let p: lsp::HoverParams = params(req.params)?;
                let tdp = p.text_document_position_params;
                reply(
                    self.at(&tdp.text_document.uri, tdp.position)
                        .and_then(|(o, off)| o.analysis.hover(off, self.utf8)),
                )
            }
            DocumentSymbolRequest::METHOD => {
                let p: lsp::DocumentSymbolParams = params(req.params)?;
                reply(
                    self.docs.get(&p.text_document.uri).map(|o| {
                        lsp::DocumentSymbolResponse::Nested(o.analysis.symbols(self.utf8))
                    }),
                )
            }
            Formatting::METHOD => {
                let p: lsp::DocumentFormattingParams = params(req.params)?;
                match self.docs.get(&p.text_document.uri) {
                    Some(o) => match o.analysis.format(self.utf8) {
                        Ok(edits) => reply(edits),
                        Err(e) => Err((
                            ErrorCode::RequestFailed,
                            format!("{}: {e}", o.path.display()),
                        )),
                    },
                    None => reply(None::<Vec<lsp::TextEdit>>),
                }
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("paragraf does not handle {}", req.method),
            )),
        }
    }

    /// The open document and the byte offset of a position in it.
    fn at(&self, uri: &lsp::Uri, p: lsp::Position) -> Option<(&Open, usize)> {
        let o = self.docs.get(uri)?;
        let off = Lines::new(&o.analysis.law.src, self.utf8).offset(p);
        Some((o, off))
    }
}
