//! Ingestion: read an article's bytes, check they are usable text, and find its
//! blocks (title, headings, paragraphs, bullets) without rewriting a byte.

use crate::error::{Error, Result};
use crate::model::{Block, BlockKind, Dropped};
use crate::rules::Rules;
use crate::span::Span;
use std::io::Read;
use std::path::Path;

pub mod html;
pub mod markdown;

/// Default maximum input size in bytes (20 MiB); larger inputs are refused.
pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// Largest article factdiff analyses (1 GiB less one byte): a token keeps its
/// offsets in 30 bits (a token is kept for every word, so its size counts
/// many times over).
pub const TEXT_MAX_BYTES: usize = (1 << 30) - 1;

/// Largest data file factdiff reads (a pairs file for `batch` or `eval`, an
/// attribution file, a CoNLL-U treebank, a baseline): far over any real one
/// (UD English EWT's training file is 15 MB), and a bound on what an endless
/// input such as `/dev/zero` can cost.
pub const DATA_MAX_BYTES: usize = 512 * 1024 * 1024;

/// The format an article is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text: one paragraph per line or per blank-line block.
    Text,
    /// Markdown: headings, lists and front matter understood.
    Markdown,
    /// HTML: article paragraphs kept, tags, scripts and page chrome blanked.
    Html,
}

impl Format {
    /// Guess the format from a path's extension.
    pub fn from_path(path: &str) -> Format {
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        Format::from_ext(ext).unwrap_or(Format::Text)
    }

    /// The format an extension names (`md`, `markdown`, `html`, `htm`, `txt`, `text`).
    pub fn from_ext(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Read `path` (or stdin for `-`) and return its text, refusing unusable input.
pub fn read_path(path: &str, max_bytes: usize) -> Result<String> {
    let bad = |reason: String| Error::Input {
        path: path.to_string(),
        reason,
    };
    let bytes = if path == "-" {
        read_limited(std::io::stdin(), max_bytes, 0)
            .map_err(|e| bad(e.unwrap_or_else(|e| format!("cannot read standard input: {e}"))))?
    } else {
        let p = Path::new(path);
        let meta = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => bad("no such file".into()),
            std::io::ErrorKind::PermissionDenied => bad("permission denied".into()),
            _ => bad(format!("cannot read: {e}")),
        })?;
        if meta.is_dir() {
            return Err(bad("is a directory, not an article file".into()));
        }
        if meta.len() > max_bytes as u64 {
            return Err(bad(format!(
                "file is {} bytes, over the limit of {} bytes{}",
                meta.len(),
                max_bytes,
                limit_name(max_bytes)
            )));
        }
        let f = std::fs::File::open(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied => bad("permission denied".into()),
            _ => bad(format!("cannot read: {e}")),
        })?;
        // read into a buffer of the file's size: a long article kept whole
        // through the comparison, not grown by doubling
        read_limited(f, max_bytes, meta.len() as usize)
            .map_err(|e| bad(e.unwrap_or_else(|e| format!("cannot read: {e}"))))?
    };
    decode(path, bytes, max_bytes)
}

/// Which limit `max_bytes` is, for messages: the data files' fixed one, or
/// `--max-bytes` for articles.
fn limit_name(max_bytes: usize) -> &'static str {
    if max_bytes == DATA_MAX_BYTES {
        " (the limit for data files)"
    } else {
        " (--max-bytes)"
    }
}

/// At most `max_bytes + 1` bytes of `r`, read in blocks: a NUL byte stops the
/// read at once (a binary file, or an endless one such as `/dev/zero`), so no
/// input costs more than its limit. Room is made for `expected` bytes at
/// first (a file's size). `Err(Ok(why))` for a NUL, `Err(Err(e))` for a read
/// error.
fn read_limited(
    mut r: impl Read,
    max_bytes: usize,
    expected: usize,
) -> std::result::Result<Vec<u8>, std::result::Result<String, std::io::Error>> {
    let mut bytes = Vec::with_capacity(expected.min(max_bytes));
    let mut block = vec![0u8; 64 * 1024];
    let cap = max_bytes.saturating_add(1);
    while bytes.len() < cap {
        let want = block.len().min(cap - bytes.len());
        let n = match r.read(&mut block[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Err(e)),
        };
        bytes.extend_from_slice(&block[..n]);
        // UTF-16 text holds NULs too: `decode` names it by its byte order mark
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if !utf16 && block[..n].contains(&0) {
            return Err(Ok("is a binary file (contains NUL bytes)".into()));
        }
    }
    Ok(bytes)
}

/// Check that `bytes` are a usable UTF-8 article and return them as a string.
pub fn decode(path: &str, bytes: Vec<u8>, max_bytes: usize) -> Result<String> {
    let bad = |reason: String| Error::Input {
        path: path.to_string(),
        reason,
    };
    if bytes.len() > max_bytes {
        return Err(bad(format!(
            "input is over the limit of {max_bytes} bytes{}",
            limit_name(max_bytes)
        )));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(bad(
            "is UTF-16 (byte order mark found); convert it to UTF-8".into(),
        ));
    }
    if bytes.contains(&0) {
        return Err(bad("is a binary file (contains NUL bytes)".into()));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let b = e.as_bytes();
        let line = b[..at].iter().filter(|&&c| c == b'\n').count() + 1;
        // columns count characters, as everywhere else: the line's valid prefix
        let line_start = b[..at]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |p| p + 1);
        let col = std::str::from_utf8(&b[line_start..at])
            .map_or(at - line_start, |t| t.chars().count())
            + 1;
        bad(format!(
            "invalid UTF-8 at byte {at} (line {line}, column {col})"
        ))
    })?;
    if text.trim().is_empty() {
        return Err(bad("is empty (no article text)".into()));
    }
    Ok(text)
}

/// Lines of `text` as spans without their line ends (LF, CRLF, lone CR).
pub fn line_spans(text: &str) -> Vec<Span> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            out.push(Span::new(start, i));
            if b[i] == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    if start < b.len() {
        out.push(Span::new(start, b.len()));
    }
    out
}

const BULLETS: &[char] = &['•', '-', '*', '·', '▪', '◦', '‣', '⁃', '–', '—', '+'];

/// Length in bytes of a bullet or number marker at the start of `line` (with its space).
fn bullet_marker_len(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, c) = chars.next()?;
    if BULLETS.contains(&c) {
        let rest = &line[c.len_utf8()..];
        let ws = rest.len() - rest.trim_start().len();
        if ws > 0 || (c == '•' && !rest.is_empty()) {
            return Some(c.len_utf8() + ws);
        }
        return None;
    }
    let digits = line.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')')) {
            let ws = r.len() - r.trim_start().len();
            if ws > 0 && !r.trim_start().is_empty() {
                return Some(digits + 1 + ws);
            }
        }
    }
    None
}

/// Widest line of text that counts as hard-wrapped (in characters).
const WRAP_WIDTH_MAX: usize = 100;
/// Lines of text a document needs before its wrapping is judged.
const WRAP_LINES_MIN: usize = 5;

/// True when plain text is hard-wrapped: no line is wider than
/// [`WRAP_WIDTH_MAX`], and most lines fill the width (at least 60% of the
/// widest) while many end no clause (a line cut mid-sentence). One paragraph
/// per line, as most articles come, has far longer lines.
fn hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let widths: Vec<(usize, bool)> = lines
        .iter()
        .map(|l| l.trim(text).text(text))
        .filter(|t| !t.is_empty())
        .map(|t| (t.chars().count(), ends_clause(t)))
        .collect();
    let widest = widths.iter().map(|w| w.0).max().unwrap_or(0);
    if widths.len() < WRAP_LINES_MIN || widest > WRAP_WIDTH_MAX {
        return false;
    }
    let full = widths.iter().filter(|w| w.0 * 10 >= widest * 6).count();
    let open = widths.iter().filter(|w| !w.1).count();
    full * 2 >= widths.len() && open * 10 >= widths.len() * 3
}

fn ends_clause(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '?', '!', ':', '"', '”', '’', ')', ';', '…'])
}

/// Cut the furniture prefixes of `rules` off the start of `span`.
fn strip_prefixes(mut span: Span, text: &str, rules: &Rules) -> Span {
    for (_, prefix) in &rules.strip_prefixes {
        if let Some(end) = prefix.end(span.text(text)).filter(|&end| end > 0) {
            span = Span::new(span.start + end, span.end).trim(text);
        }
    }
    span
}

/// The id of the drop-line rule `content` matches, if any.
fn drop_rule<'r>(content: &str, rules: &'r Rules) -> Option<&'r String> {
    let hit = rules.drop_line_set.first_match(content)?;
    rules.drop_line_ids.get(hit)
}

/// The text the pipeline reads, with its blocks and dropped furniture. Plain text
/// is read as it is; Markdown's comments and link targets, and HTML's markup,
/// are masked to same-length text first.
pub fn article(text: String, rules: &Rules, format: Format) -> (String, Vec<Block>, Vec<Dropped>) {
    if format == Format::Markdown {
        let masked = markdown::mask(&text);
        let (b, d) = blocks(&masked, rules, format);
        return (masked, b, d);
    }
    if format != Format::Html {
        let (b, d) = blocks(&text, rules, format);
        return (text, b, d);
    }
    let (masked, raw) = html::read(&text);
    if raw.iter().all(|b| b.span.trim(&masked).is_empty()) {
        let (b, d) = blocks(&masked, rules, Format::Text);
        return (masked, b, d);
    }
    let article_only = raw.iter().any(|b| b.in_article);
    let mut blocks = Vec::new();
    let mut dropped = Vec::new();
    for b in raw {
        if article_only && !b.in_article && b.kind != BlockKind::Title {
            continue;
        }
        let span = strip_prefixes(b.span.trim(&masked), &masked, rules);
        if span.is_empty() {
            continue;
        }
        match drop_rule(span.text(&masked), rules) {
            Some(id) => dropped.push(Dropped {
                span,
                rule: id.clone(),
            }),
            None => blocks.push(Block { kind: b.kind, span }),
        }
    }
    (masked, blocks, dropped)
}

/// Split `text` into blocks and dropped furniture by the boilerplate rules
/// (plain text and Markdown; HTML goes through [`article`]).
pub fn blocks(text: &str, rules: &Rules, format: Format) -> (Vec<Block>, Vec<Dropped>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut dropped = Vec::new();
    let mut open_paragraph = false;
    let mut in_front_matter = false;
    let lines = line_spans(text);
    let wrapped = format == Format::Text && hard_wrapped(text, &lines);
    for (n, line) in lines.iter().enumerate() {
        let mut span = line.trim(text);
        let raw = span.text(text);
        if format == Format::Markdown {
            // a UTF-8 byte order mark may stand before the front matter
            if n == 0 && raw.trim_start_matches('\u{feff}') == "---" {
                in_front_matter = true;
                continue;
            }
            if in_front_matter {
                if raw == "---" || raw == "..." {
                    in_front_matter = false;
                }
                continue;
            }
        }
        span = strip_prefixes(span, text, rules);
        let content = span.text(text);
        if content.is_empty() {
            open_paragraph = false;
            continue;
        }
        if let Some(id) = drop_rule(content, rules) {
            dropped.push(Dropped {
                span,
                rule: id.clone(),
            });
            open_paragraph = false;
            continue;
        }
        let mut kind = BlockKind::Paragraph;
        if format == Format::Markdown {
            let hashes = content.bytes().take_while(|&b| b == b'#').count();
            if hashes > 0 && content[hashes..].starts_with(' ') {
                span = Span::new(span.start + hashes, span.end).trim(text);
                kind = BlockKind::Heading;
            } else if let Some(rest) = content.strip_prefix('>') {
                span = Span::new(span.end - rest.len(), span.end).trim(text);
            }
        }
        if kind == BlockKind::Paragraph {
            if let Some(len) = bullet_marker_len(span.text(text)) {
                span = Span::new(span.start + len, span.end).trim(text);
                kind = BlockKind::Bullet;
                if span.is_empty() {
                    open_paragraph = false;
                    continue;
                }
            }
        }
        let content = span.text(text);
        if kind == BlockKind::Paragraph {
            if open_paragraph {
                let prev = blocks.last_mut().expect("open paragraph has a block");
                let open_clause = !ends_clause(prev.span.text(text));
                let continues =
                    open_clause && content.chars().next().is_some_and(|c| c.is_lowercase());
                // in hard-wrapped text a line that ends no clause goes on in the
                // next, whatever its first letter ("... said Mr.\nSmith")
                if continues || format == Format::Markdown || (wrapped && open_clause) {
                    prev.span = prev.span.cover(&span);
                    continue;
                }
            }
            let words = content.split_whitespace().count();
            if content.ends_with(':') && words <= 8 {
                kind = BlockKind::Heading;
            }
        }
        open_paragraph = kind == BlockKind::Paragraph;
        blocks.push(Block { kind, span });
    }
    let several = blocks.len() > 1;
    if let Some(first) = blocks.first_mut() {
        let t = first.span.text(text);
        if first.kind == BlockKind::Paragraph
            && !t.trim_end().ends_with(['.', '?', '!', '"', '”'])
            && t.len() < 250
            && several
        {
            first.kind = BlockKind::Title;
        }
    }
    (blocks, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, f: Format) -> Vec<(BlockKind, String)> {
        let rules = Rules::builtin().unwrap();
        blocks(text, &rules, f)
            .0
            .iter()
            .map(|b| (b.kind, b.span.text(text).to_string()))
            .collect()
    }

    #[test]
    fn hard_wrapped_text_is_told_from_a_paragraph_per_line() {
        let wrapped = "The mayor said on Monday that the city would hire forty new\nteachers this year, more than the council had asked for, and that\nMs. Ruiz would lead the\nSchool Board through the summer before the\nvote in September. The union said it would\nwait and see.\n";
        assert!(hard_wrapped(wrapped, &line_spans(wrapped)));
        let k = kinds(wrapped, Format::Text);
        assert_eq!(k.len(), 1, "{k:?}");
        let per_line = "The mayor said on Monday that the city would hire forty new teachers this year, more than the council had asked for.\nThe union said it would wait and see how the plan works out over the coming school year.\nShort line\nAnother paragraph that is long enough to be a paragraph of an article on its own.\nAnd one more paragraph of the same article, which goes on and on for a while.\n";
        assert!(!hard_wrapped(per_line, &line_spans(per_line)));
    }

    #[test]
    fn furniture_is_dropped_and_prefix_cut() {
        let text = "Be First to CommentBig News Today\n\nwww.nytimes.com\nHere is what to know:\n  • One thing happened.\n•\nBody text here.";
        let k = kinds(text, Format::Text);
        assert_eq!(k[0], (BlockKind::Title, "Big News Today".into()));
        assert_eq!(k[1], (BlockKind::Bullet, "One thing happened.".into()));
        assert_eq!(k[2], (BlockKind::Paragraph, "Body text here.".into()));
        assert_eq!(k.len(), 3);
    }

    #[test]
    fn wrapped_lines_join_and_markdown_is_understood() {
        let text = "---\nsource: a.txt\n---\n# Head line\n\nThe minister said\nthat it rained.\n\n- item one\n1. item two\n";
        let k = kinds(text, Format::Markdown);
        assert_eq!(k[0], (BlockKind::Heading, "Head line".into()));
        assert_eq!(
            k[1],
            (
                BlockKind::Paragraph,
                "The minister said\nthat it rained.".into()
            )
        );
        assert_eq!(k[2], (BlockKind::Bullet, "item one".into()));
        assert_eq!(k[3], (BlockKind::Bullet, "item two".into()));
    }

    #[test]
    fn decode_rejects_bad_bytes() {
        let e = decode("f", vec![b'a', 0xff, b'b'], 100)
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid UTF-8 at byte 1"), "{e}");
        assert!(decode("f", vec![0xff, 0xfe, b'a', 0], 100)
            .unwrap_err()
            .to_string()
            .contains("UTF-16"));
        assert!(decode("f", b"a\0b".to_vec(), 100)
            .unwrap_err()
            .to_string()
            .contains("binary"));
        assert!(decode("f", b"  \n ".to_vec(), 100)
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(decode("f", b"abcdef".to_vec(), 3)
            .unwrap_err()
            .to_string()
            .contains("limit"));
    }
}
