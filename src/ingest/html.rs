//! HTML articles: keep the article's paragraphs, blank everything else.
//!
//! The text handed to the pipeline has exactly the HTML file's bytes count and
//! line breaks: tags, scripts, styles and page chrome (nav, header, footer,
//! aside, forms, figures) become spaces, and character references are decoded
//! in place (the spare bytes become spaces at the end of the word). So every
//! span is still a byte range of the HTML file and lines are the file's lines.

use crate::model::BlockKind;
use crate::span::Span;

/// Elements whose whole content is page chrome or not text.
const SKIP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button",
    "figure", "iframe", "select", "template", "textarea", "menu", "dialog", "object", "canvas",
];

/// Elements whose content is raw text up to the matching end tag.
const RAW: &[&str] = &["script", "style", "textarea", "template"];

/// Elements that hold one block of article text.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "title",
    "pre",
    "dd",
    "dt",
];

/// Elements that end a block without being one.
const BREAKS: &[&str] = &[
    "div", "section", "article", "main", "ul", "ol", "dl", "table", "tr", "td", "th", "body",
    "head", "hr", "br",
];

/// Named character references decoded; others are left as written.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("rsquo", "\u{2019}"),
    ("lsquo", "\u{2018}"),
    ("rdquo", "\u{201d}"),
    ("ldquo", "\u{201c}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("hellip", "\u{2026}"),
    ("eacute", "\u{e9}"),
    ("euro", "\u{20ac}"),
    ("pound", "\u{a3}"),
    ("copy", "\u{a9}"),
];

/// A block found in the HTML: its kind and its (untrimmed) content span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    /// Structural role.
    pub kind: BlockKind,
    /// Content bytes.
    pub span: Span,
    /// Inside an `<article>` or `<main>` element.
    pub in_article: bool,
    /// The `<title>` element (a headline only when there is no `<h1>`).
    pub title_tag: bool,
}

/// Decode the character reference at the start of `s` (`&name;`, `&#n;`, `&#xh;`):
/// its text and its length in bytes.
fn entity(s: &str) -> Option<(String, usize)> {
    if !s.starts_with('&') {
        return None;
    }
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let text = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(h) => u32::from_str_radix(h, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        ENTITIES.iter().find(|(n, _)| *n == name)?.1.to_string()
    };
    (text.len() <= end + 1).then_some((text, end + 1))
}

/// The tag at the start of `s` (which begins with `<`): (name lower-cased, closing,
/// length in bytes). Quotes in attribute values are honoured.
fn tag(s: &str) -> Option<(String, bool, usize)> {
    let b = s.as_bytes();
    let closing = b.get(1) == Some(&b'/');
    let from = if closing { 2 } else { 1 };
    let name_len = b[from..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
        .count();
    if name_len == 0 {
        return None;
    }
    let mut quote = None;
    // a tag longer than this is broken markup: read as text, so that unclosed
    // quotes cannot make reading quadratic
    const MAX_TAG: usize = 8192;
    for (i, &c) in b.iter().enumerate().take(MAX_TAG).skip(from + name_len) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => {
                return Some((
                    s[from..from + name_len].to_ascii_lowercase(),
                    closing,
                    i + 1,
                ))
            }
            None => {}
        }
    }
    None
}

/// Where `</name` starts in `s`, the name matched without regard to case.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = s[from..].find("</") {
        let at = from + k;
        let rest = &b[at + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Blank `bytes[from..to]` except line breaks.
fn blank(out: &mut [u8], from: usize, to: usize) {
    for c in &mut out[from..to] {
        if *c != b'\n' && *c != b'\r' {
            *c = b' ';
        }
    }
}

/// Mask an HTML document into same-length text and find its blocks.
pub fn read(html: &str) -> (String, Vec<RawBlock>) {
    let src = html.as_bytes();
    let mut out = src.to_vec();
    let mut blocks = Vec::new();
    let mut skip: Vec<String> = Vec::new();
    let mut article_depth = 0usize;
    let mut li_depth = 0usize;
    let mut open: Option<RawBlock> = None;
    let mut i = 0;
    let close_block = |open: &mut Option<RawBlock>, at: usize, blocks: &mut Vec<RawBlock>| {
        if let Some(mut b) = open.take() {
            if at > b.span.start {
                b.span.end = at;
                blocks.push(b);
            }
        }
    };
    while i < src.len() {
        let c = src[i];
        if c == b'<' {
            let rest = &html[i..];
            let len = if rest.starts_with("<!--") {
                rest.find("-->").map_or(rest.len(), |e| e + 3)
            } else if rest.starts_with("<!") || rest.starts_with("<?") {
                rest.find('>').map_or(rest.len(), |e| e + 1)
            } else if let Some((name, closing, len)) = tag(rest) {
                let self_closing = rest[..len].ends_with("/>");
                if !closing && RAW.contains(&name.as_str()) {
                    // raw text: up to the matching end tag
                    let end = find_end_tag(&rest[len..], &name).map_or(rest.len(), |e| {
                        let after = len + e;
                        after
                            + rest[after..]
                                .find('>')
                                .map_or(rest.len() - after, |g| g + 1)
                    });
                    blank(&mut out, i, i + end);
                    i += end;
                    continue;
                }
                let is_block = BLOCKS.contains(&name.as_str());
                let is_break = BREAKS.contains(&name.as_str());
                if SKIP.contains(&name.as_str()) && !self_closing {
                    if closing {
                        if let Some(p) = skip.iter().rposition(|s| *s == name) {
                            skip.truncate(p);
                        }
                    } else {
                        close_block(&mut open, i, &mut blocks);
                        skip.push(name.clone());
                    }
                } else if skip.is_empty() {
                    if name == "article" || name == "main" {
                        if closing {
                            article_depth = article_depth.saturating_sub(1);
                        } else {
                            article_depth += 1;
                        }
                    }
                    if name == "li" {
                        if closing {
                            li_depth = li_depth.saturating_sub(1);
                        } else if !self_closing {
                            li_depth += 1;
                        }
                    }
                    if is_block || is_break {
                        close_block(&mut open, i, &mut blocks);
                    }
                    if is_block && !closing {
                        let kind = match name.as_str() {
                            "h1" | "title" => BlockKind::Title,
                            n if n.starts_with('h') && n.len() == 2 => BlockKind::Heading,
                            _ if li_depth > 0 => BlockKind::Bullet,
                            _ => BlockKind::Paragraph,
                        };
                        open = Some(RawBlock {
                            kind,
                            span: Span::new(i + len, i + len),
                            in_article: article_depth > 0,
                            title_tag: name == "title",
                        });
                    }
                }
                len
            } else {
                // a lone `<` in text
                i += 1;
                continue;
            };
            blank(&mut out, i, (i + len).min(src.len()));
            i += len;
            continue;
        }
        if !skip.is_empty() {
            blank(&mut out, i, i + 1);
            i += 1;
            continue;
        }
        if c == b'&' && entity(&html[i..]).is_some() {
            // decode every reference up to the end of the word, write the word
            // shifted left, and blank the spare bytes after it
            let word_end = html[i..]
                .find(|ch: char| ch.is_whitespace() || ch == '<')
                .map_or(src.len(), |e| i + e);
            let mut word = String::new();
            let mut j = i;
            while j < word_end {
                match entity(&html[j..word_end]) {
                    Some((text, len)) => {
                        word.push_str(&text);
                        j += len;
                    }
                    _ => {
                        let ch = html[j..].chars().next().expect("j is inside the word");
                        word.push(ch);
                        j += ch.len_utf8();
                    }
                }
            }
            out[i..i + word.len()].copy_from_slice(word.as_bytes());
            blank(&mut out, i + word.len(), word_end);
            i = word_end;
            continue;
        }
        i += 1;
    }
    close_block(&mut open, src.len(), &mut blocks);
    let text = String::from_utf8(out).unwrap_or_else(|e| {
        // a multi-byte character cut by a tag boundary cannot happen: tags are ASCII
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    });
    (text, resolve_titles(blocks))
}

/// Keep one headline: the first `<h1>` if there is one, else the `<title>`.
fn resolve_titles(blocks: Vec<RawBlock>) -> Vec<RawBlock> {
    let has_h1 = blocks
        .iter()
        .any(|b| b.kind == BlockKind::Title && !b.title_tag);
    let mut seen_title = false;
    let mut out = Vec::new();
    for mut b in blocks {
        if b.title_tag && has_h1 {
            continue;
        }
        if b.kind == BlockKind::Title {
            if seen_title {
                b.kind = BlockKind::Heading;
            }
            seen_title = true;
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_length_and_lines_and_chrome_blanked() {
        let html = "<html><head><title>T</title><script>var x = '<p>no</p>';</script></head>\n<body><nav><p>Menu</p></nav>\n<article><h1>Head line</h1>\n<p>He said it&rsquo;s fine &amp; good.</p></article>\n<footer><p>Copyright</p></footer></body></html>";
        let (text, blocks) = read(html);
        assert_eq!(text.len(), html.len());
        assert_eq!(text.matches('\n').count(), html.matches('\n').count());
        assert!(!text.contains("Menu") && !text.contains("var x") && !text.contains("Copyright"));
        let got: Vec<(BlockKind, String)> = blocks
            .iter()
            .map(|b| (b.kind, b.span.text(&text).trim().to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Title, "Head line".to_string()),
                (
                    BlockKind::Paragraph,
                    "He said it\u{2019}s     fine &     good.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn title_tag_is_the_headline_without_h1_and_bullets_are_kept() {
        let (text, blocks) =
            read("<title>The headline</title><ul><li>One.</li><li><p>Two.</p></li></ul>");
        let got: Vec<(BlockKind, &str)> = blocks
            .iter()
            .map(|b| (b.kind, b.span.text(&text).trim()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Title, "The headline"),
                (BlockKind::Bullet, "One."),
                (BlockKind::Bullet, "Two."),
            ]
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<p",
            "<p>a &",
            "&#xffffffff;",
            "<script>",
            "<!--",
            "<a href='>",
            "&;",
            "&é;",
            "a&amp;&amp;b",
            "&#0;",
            "<p>x&ééééééé;",
        ] {
            let (t, _) = read(s);
            assert_eq!(t.len(), s.len());
        }
    }
}
