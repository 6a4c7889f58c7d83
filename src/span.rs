//! The one span type of factdiff: a byte range into the original file.

use serde::Serialize;

/// A byte range `[start, end)` into the original text of one file.
///
/// Every stage of the pipeline speaks in spans so that any claim can be
/// pointed at as `file:line:col` without rewriting the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }

    /// This span with leading and trailing white space removed.
    pub fn trim(&self, source: &str) -> Span {
        let t = self.text(source);
        let lead = t.len() - t.trim_start().len();
        let trail = t.len() - t.trim_end().len();
        if lead == t.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Maps byte offsets to 1-based line and column numbers.
///
/// Columns count characters, not bytes, so they match what an editor shows.
/// Checkpoints every few KiB keep look-ups cheap on very long lines. Offsets
/// and counts are kept in 32 bits, each list sized once (a document keeps its
/// index while it is compared, issue 25): a text indexed here is under 4 GiB,
/// as `Engine::analyze` requires of a document.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    /// (byte offset, characters since its line start), sorted by offset.
    checkpoints: Vec<(u32, u32)>,
}

/// Bytes between two column checkpoints.
const CHECKPOINT_EVERY: usize = 256;

impl LineIndex {
    /// Index the line starts of `text` (LF, CRLF and lone CR all end a line).
    pub fn new(text: &str) -> Self {
        debug_assert!(u32::try_from(text.len()).is_ok(), "a text under 4 GiB");
        let bytes = text.as_bytes();
        let mut line_starts: Vec<u32> = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push((i + 1) as u32),
                b'\r' => {
                    if i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                        i += 1;
                    }
                    line_starts.push((i + 1) as u32);
                }
                _ => {}
            }
            i += 1;
        }
        line_starts.shrink_to_fit();
        // one checkpoint a line, and at most one more every CHECKPOINT_EVERY bytes
        let mut checkpoints = Vec::with_capacity(line_starts.len() + text.len() / CHECKPOINT_EVERY);
        for (k, &start) in line_starts.iter().enumerate() {
            let start = start as usize;
            let end = line_starts
                .get(k + 1)
                .map_or(text.len(), |&next| next as usize);
            checkpoints.push((start as u32, 0));
            // the first character start at least CHECKPOINT_EVERY bytes after
            // the last checkpoint, with the characters before it on its line
            let (mut last, mut chars) = (start, 0);
            loop {
                let mut at = last + CHECKPOINT_EVERY;
                while at < end && !text.is_char_boundary(at) {
                    at += 1;
                }
                if at >= end {
                    break;
                }
                chars += text[last..at].chars().count();
                checkpoints.push((at as u32, chars as u32));
                last = at;
            }
        }
        LineIndex {
            line_starts,
            checkpoints,
        }
    }

    /// 1-based (line, column) of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let k = self
            .checkpoints
            .partition_point(|&(o, _)| o as usize <= offset)
            - 1;
        let (from, chars) = self.checkpoints[k];
        let col = chars as usize + text[from as usize..offset].chars().count() + 1;
        (line + 1, col)
    }
}

/// A span as printed in every output format: offsets, position and text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SpanView {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column (in characters) of `start`.
    pub column: usize,
    /// 1-based line of `end`.
    pub end_line: usize,
    /// 1-based column of `end`: the character after the span (exclusive, as in SARIF).
    pub end_column: usize,
    /// The covered text.
    pub text: String,
}

impl SpanView {
    /// Resolve `span` against `text` and its line index.
    pub fn new(span: Span, text: &str, index: &LineIndex) -> Self {
        let (line, column) = index.line_col(text, span.start);
        let (end_line, end_column) = index.line_col(text, span.end);
        SpanView {
            start: span.start,
            end: span.end,
            line,
            column,
            end_line,
            end_column,
            text: span.text(text).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_and_all_line_ends() {
        let text = "ab\r\ncé\rx\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 4), (2, 1));
        // 'x' follows "cé\r": c(1) é(2 bytes) \r(1) → offset 8
        assert_eq!(idx.line_col(text, 8), (3, 1));
        assert_eq!(idx.line_col(text, 10), (4, 1));
        let e = text.find('\r').unwrap();
        assert_eq!(idx.line_col(text, e), (1, 3));
    }

    #[test]
    fn columns_on_a_long_line_count_characters() {
        let text = format!("{}é{}x", "a".repeat(5000), "b".repeat(5000));
        let idx = LineIndex::new(&text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(&text, x), (1, 10002));
        assert_eq!(idx.line_col(&text, 5000), (1, 5001));
        assert_eq!(idx.line_col(&text, 5002), (1, 5002));
        // every offset of a long line of wide characters, against a count
        let text = "aé€😀\n".repeat(100) + &"é€a😀".repeat(400);
        let idx = LineIndex::new(&text);
        let line_start = text.rfind('\n').unwrap() + 1;
        for (at, _) in text.char_indices().filter(|&(at, _)| at >= line_start) {
            let col = text[line_start..at].chars().count() + 1;
            assert_eq!(idx.line_col(&text, at), (101, col), "{at}");
        }
    }

    #[test]
    fn trim_and_overlap() {
        let s = "  hi  ";
        let sp = Span::new(0, s.len()).trim(s);
        assert_eq!(sp.text(s), "hi");
        assert!(Span::new(0, 3).overlaps(&Span::new(2, 5)));
        assert!(!Span::new(0, 2).overlaps(&Span::new(2, 5)));
        assert_eq!(Span::new(0, 2).trim("  "), Span::new(0, 0));
    }
}
