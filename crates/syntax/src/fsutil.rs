//! Writing outputs atomically: a temporary file in the target directory, then a rename.

use std::io::Write;
use std::path::Path;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The temporary file could not be written or renamed.
    #[error("{path}: cannot write: {reason}")]
    Io {
        /// The file that was to be written.
        path: String,
        /// What the OS said.
        reason: String,
    },
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
    // a temporary file is private (0600); the file written is not: it keeps
    // the mode of the file it replaces, or gets the usual 0644
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| err("cannot set its permissions", e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| err("writing failed", e))?;
    tmp.persist(path)
        .map_err(|e| err("cannot replace it", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_by_others_or_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.pdf");
        super::write_atomic(&p, b"x").unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o644);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        super::write_atomic(&p, b"y").unwrap();
        assert_eq!(mode(&p), 0o600);
    }
}
