//! Writing outputs atomically: a temporary file in the target directory, then a rename.

use std::io::Write;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: cannot write: {reason}")]
    Io { path: String, reason: String },
}

/// The OS's words for an I/O error, without the temporary path tempfile appends.
fn os_words(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" at path ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Write `bytes` to `path` through a temporary file in the same directory and a
/// rename, so that readers never see half a file and a failure leaves nothing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |what: &str, e: std::io::Error| WriteError::Io {
        path: path.display().to_string(),
        reason: format!("{what}: {}", os_words(&e)),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".paragraf-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| err(&format!("cannot create a file in {}", dir.display()), e))?;
    tmp.write_all(bytes).map_err(|e| err("writing failed", e))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| err("writing failed", e))?;
    tmp.persist(path)
        .map_err(|e| err("cannot replace it", e.error))?;
    Ok(())
}
