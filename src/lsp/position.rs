//! Byte offsets ↔ LSP positions (line, column in UTF-16 code units, or in
//! bytes when the client accepts UTF-8).

use lsp_types::{Position, Range};

/// Line starts of one text.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    utf8: bool,
}

impl<'a> Lines<'a> {
    /// The line starts of `text`; `utf8`: columns count bytes (the client
    /// accepts UTF-8), else UTF-16 code units (the protocol's default).
    pub fn new(text: &'a str, utf8: bool) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts, utf8 }
    }

    fn floor(&self, mut off: usize) -> usize {
        off = off.min(self.text.len());
        while !self.text.is_char_boundary(off) {
            off -= 1;
        }
        off
    }

    /// The position of byte `off` (0-based line and column; an offset inside
    /// a character counts as the character's start, one past the end as the end).
    pub fn position(&self, off: usize) -> Position {
        let off = self.floor(off);
        let line = self.starts.partition_point(|&s| s <= off) - 1;
        let prefix = &self.text[self.starts[line]..off];
        let character = if self.utf8 {
            prefix.len()
        } else {
            prefix.encode_utf16().count()
        };
        Position::new(line as u32, character as u32)
    }

    /// The range of the bytes `start..end` (an end before the start: empty).
    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end.max(start)))
    }

    /// The byte offset of a position; past the end of a line means its end.
    pub fn offset(&self, p: Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(p.line as usize + 1)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let want = p.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= want {
                return start + i;
            }
            units += if self.utf8 {
                c.len_utf8()
            } else {
                c.len_utf16()
            };
        }
        end
    }

    /// The offset of a 1-based line and character column (the parser's warnings).
    pub fn offset_of_line_col(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1) as usize) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        rest.char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map(|(i, _)| start + i)
            .unwrap_or(start + rest.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let t = "§ 1\n„𝔄“ Absatz\n";
        let l = Lines::new(t, false);
        let off = t.find("Absatz").unwrap();
        assert_eq!(l.position(off), Position::new(1, 5));
        assert_eq!(l.offset(Position::new(1, 5)), off);
        let l8 = Lines::new(t, true);
        assert_eq!(l8.position(off), Position::new(1, 11));
        assert_eq!(l8.offset(Position::new(1, 11)), off);
        // past the end of the line and of the text
        assert_eq!(l.offset(Position::new(0, 99)), 4);
        assert_eq!(l.offset(Position::new(9, 0)), t.len());
        // inside a character: rounds down
        assert_eq!(l.position(1), Position::new(0, 0));
    }
}
