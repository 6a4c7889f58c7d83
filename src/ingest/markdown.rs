//! Markdown markup that is no article text, masked by spaces: HTML comments
//! (`<!-- was $2m -->`, where suppression directives live), link targets
//! (`[city](https://…/2024-plan)` keeps "city"), images, autolinks
//! (`<https://…>`) and reference definitions (`[1]: https://…`). The masked
//! text has the same length and the same line breaks as the file, so every
//! span and line:column still points into the file itself.

/// `text` with its non-article markup replaced by spaces, byte for byte.
pub fn mask(text: &str) -> String {
    let b = text.as_bytes();
    let mut keep = vec![true; b.len()];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' if b[i..].starts_with(b"<!--") => {
                // a comment left open runs to the end: it is no text either
                let end = text[i + 4..].find("-->").map_or(b.len(), |j| i + 4 + j + 3);
                blank(&mut keep, i, end);
                i = end;
            }
            b'<' if b[i..].starts_with(b"<http://") || b[i..].starts_with(b"<https://") => {
                match line_find(b, i, b'>') {
                    Some(j) => {
                        blank(&mut keep, i, j + 1);
                        i = j + 1;
                    }
                    None => i += 1,
                }
            }
            b'[' if at_line_start(b, i) && reference_definition(b, i) => {
                let end = line_end(b, i);
                blank(&mut keep, i, end);
                i = end;
            }
            b'[' => match link(b, i) {
                Some((label_end, end)) => {
                    let image = i > 0 && b[i - 1] == b'!';
                    if image {
                        blank(&mut keep, i - 1, end);
                    } else {
                        blank(&mut keep, i, i + 1);
                        blank(&mut keep, label_end, end);
                    }
                    i = end;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    // line breaks stay, so lines and columns do not move
    let out: Vec<u8> = b
        .iter()
        .zip(&keep)
        .map(|(&c, &k)| {
            if k || c == b'\n' || c == b'\r' {
                c
            } else {
                b' '
            }
        })
        .collect();
    // whole characters are kept or blanked (markup delimiters are ASCII), so
    // the bytes are UTF-8
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn blank(keep: &mut [bool], from: usize, to: usize) {
    let to = to.min(keep.len());
    keep[from..to].fill(false);
}

/// The first `c` after `from` on the same line.
fn line_find(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b[from..]
        .iter()
        .take_while(|&&x| x != b'\n')
        .position(|&x| x == c)
        .map(|p| from + p)
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&x| x == b'\n')
        .map_or(b.len(), |p| from + p)
}

fn at_line_start(b: &[u8], i: usize) -> bool {
    b[..i]
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .all(|&c| c == b' ')
}

/// `[id]: target` on a line of its own.
fn reference_definition(b: &[u8], i: usize) -> bool {
    line_find(b, i, b']').is_some_and(|j| b.get(j + 1) == Some(&b':'))
}

/// A link at `i` (`[label](target)` or `[label][ref]`), on one line: the end
/// of its label (the `]`) and of the whole link.
fn link(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let close = line_find(b, i + 1, b']')?;
    let (open, shut) = match b.get(close + 1)? {
        b'(' => (b'(', b')'),
        b'[' => (b'[', b']'),
        _ => return None,
    };
    debug_assert!(open != shut);
    let end = line_find(b, close + 2, shut)?;
    Some((close, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_link_targets_are_blank_and_lengths_kept() {
        let t = "Spend $3m <!-- was $2m --> on the [new plan](https://x.com/2024-plan) ![map](m.png) <https://y.org>.\n[1]: https://z.net/9\nCafé [é][1] here.\n";
        let m = mask(t);
        assert_eq!(m.len(), t.len());
        assert_eq!(m.lines().count(), t.lines().count());
        assert!(!m.contains("$2m") && !m.contains("2024") && !m.contains("png"));
        assert!(!m.contains("y.org") && !m.contains("z.net"));
        assert!(m.contains("new plan") && m.contains("Café") && m.contains("é"));
        // an unclosed bracket is text
        assert_eq!(mask("a [b c\n"), "a [b c\n");
    }
}
