//! Reading law texts: UTF-8 validation, binary detection, size limit, line index.

use crate::diag::LoadError;
use std::path::Path;

/// Default upper bound for one law text (the largest federal law, BGB, is 1.5 MB).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// The size limit for one law text: `PARAGRAF_MAX_FILE_SIZE`, else
/// [`DEFAULT_MAX_FILE_SIZE`].
pub fn max_file_size() -> u64 {
    std::env::var("PARAGRAF_MAX_FILE_SIZE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_MAX_FILE_SIZE)
}

/// The name standard input goes by (`-`, or the command line's `--stdin-filename`).
static STDIN_NAME: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
/// Standard input, read once (a command may load a law twice).
static STDIN: std::sync::OnceLock<Result<Vec<u8>, (std::io::ErrorKind, String)>> =
    std::sync::OnceLock::new();

/// Let standard input be read under `name` (for diagnostics and the search for
/// `paragraf.toml`) as well as under `-`. Only the first call counts.
pub fn serve_stdin_as(name: &Path) {
    let _ = STDIN_NAME.set(name.to_path_buf());
}

/// The name given to [`serve_stdin_as`], if any.
pub fn stdin_name() -> Option<&'static Path> {
    STDIN_NAME.get().map(|p| p.as_path())
}

/// Whether `path` names standard input: `-`, or the name given to [`serve_stdin_as`].
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-") || STDIN_NAME.get().is_some_and(|n| n == path)
}

fn read_stdin(p: &str) -> Result<String, LoadError> {
    let read = STDIN.get_or_init(|| {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_file_size().saturating_add(1))
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| (e.kind(), e.to_string()))
    });
    match read {
        Ok(bytes) if bytes.len() as u64 > max_file_size() => Err(LoadError::TooLarge {
            path: p.to_string(),
            size: bytes.len() as u64,
            limit: max_file_size(),
        }),
        Ok(bytes) => decode(p, bytes.clone()),
        Err((kind, msg)) => Err(LoadError::Io {
            path: p.to_string(),
            source: std::io::Error::new(*kind, msg.clone()),
        }),
    }
}

/// Read a law text from disk (or standard input, see [`is_stdin`]) and check it is text.
pub fn read_law(path: &Path) -> Result<String, LoadError> {
    let p = path.display().to_string();
    if is_stdin(path) {
        return read_stdin(&p);
    }
    let meta = std::fs::metadata(path).map_err(|e| LoadError::Io {
        path: p.clone(),
        source: e,
    })?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory { path: p });
    }
    let limit = max_file_size();
    if meta.len() > limit {
        return Err(LoadError::TooLarge {
            path: p,
            size: meta.len(),
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io {
        path: p.clone(),
        source: e,
    })?;
    decode(&p, bytes)
}

/// Validate bytes as a law text: UTF-8 without NUL bytes.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Some(off) = memchr::memchr(0, &bytes) {
        let (line, column) = line_col_bytes(&bytes, off);
        return Err(LoadError::NulByte {
            path: path.to_string(),
            offset: off,
            line,
            column,
        });
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let off = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (line, column) = line_col_bytes(&bytes, off);
            Err(LoadError::InvalidUtf8 {
                path: path.to_string(),
                offset: off,
                line,
                column,
            })
        }
    }
}

/// 1-based line and column (in characters of the valid prefix) of a byte offset.
fn line_col_bytes(bytes: &[u8], off: usize) -> (usize, usize) {
    let before = &bytes[..off.min(bytes.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map(|i| i + 1).unwrap_or(0);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// Maps byte offsets to 1-based line and column (columns in characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last answer: (line index, byte offset, column). Offsets are asked
    /// for mostly in order, many on one long line (the Sätze of an Absatz in
    /// Markdown): counting on from the last one keeps that linear.
    last: std::cell::Cell<(usize, usize, u32)>,
}

impl<'a> LineIndex<'a> {
    /// The line starts of `text`, found once.
    pub fn new(text: &'a str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        let b = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            // "\r\n" counts once, at the "\n".
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i + 1);
        }
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 0, 1)),
        }
    }

    /// Line and column (from 1; the column counts characters) of a byte offset.
    pub fn line_col(&self, off: usize) -> (u32, u32) {
        let off = off.min(self.text.len());
        let (last_line, last_off, last_col) = self.last.get();
        let in_last_line = self.starts[last_line] <= off
            && self
                .starts
                .get(last_line + 1)
                .is_none_or(|&next| off < next);
        let line = if in_last_line {
            last_line
        } else {
            match self.starts.binary_search(&off) {
                Ok(i) => i,
                Err(i) => i - 1,
            }
        };
        let mut off2 = off;
        while !self.text.is_char_boundary(off2) {
            off2 -= 1;
        }
        let col = if in_last_line && last_off <= off2 {
            last_col + self.text[last_off..off2].chars().count() as u32
        } else {
            self.text[self.starts[line]..off2].chars().count() as u32 + 1
        };
        self.last.set((line, off2, col));
        (line as u32 + 1, col)
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte where a line (from 1) starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// The span of a byte range, with its lines and columns.
    pub fn span(&self, start: usize, end: usize) -> crate::ast::Span {
        let (line, column) = self.line_col(start);
        // most spans end on the line they start on, or a few lines below
        let (end_line, end_column) = match self.starts.get(line as usize) {
            Some(&next) if end >= start && end < next => {
                let mut e = end.min(self.text.len());
                while !self.text.is_char_boundary(e) {
                    e -= 1;
                }
                let mut s = start.min(e);
                while !self.text.is_char_boundary(s) {
                    s -= 1;
                }
                (line, column + self.text[s..e].chars().count() as u32)
            }
            _ => self.line_col(end),
        };
        crate::ast::Span {
            start,
            end,
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn spans_agree_with_line_col_everywhere() {
        let text = "§ 1 – Zweck\r\n\r\n(1) Größe\u{a0}und Maß.\nZeile\rletzte ä";
        let idx = LineIndex::new(text);
        for a in 0..=text.len() {
            for b in a..=text.len() + 2 {
                let s = idx.span(a, b);
                assert_eq!((s.line, s.column), idx.line_col(a), "start {a}");
                assert_eq!(
                    (s.end_line, s.end_column),
                    idx.line_col(b),
                    "end {b} (from {a})"
                );
            }
        }
    }

    #[test]
    fn line_col_in_any_order_is_line_col_from_scratch() {
        let text = "§ 1 – Zweck\r\n(1) Größe\u{a0}und Maß „x“.\nZeile\rletzte ä\n";
        let idx = LineIndex::new(text);
        let offs: Vec<usize> = (0..=text.len())
            .chain((0..=text.len()).rev())
            .chain((0..=text.len()).step_by(7))
            .chain((0..=text.len()).rev().step_by(5))
            .collect();
        for off in offs {
            assert_eq!(
                idx.line_col(off),
                LineIndex::new(text).line_col(off),
                "{off}"
            );
        }
    }
}
