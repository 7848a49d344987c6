//! Text layout shared by the line-based formats: the byte-order mark, numbered lines without
//! their `\r`, and body paragraphs joined in one canonical form. Knows nothing of any format.

/// The text without a leading UTF-8 byte-order mark.
pub(super) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The lines of `text`, without their `\n` or `\r\n`; index `i` is line `i + 1`.
pub(super) fn split_lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect()
}

/// Whether a line holds nothing but whitespace (no-break spaces included).
pub(super) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Body paragraphs (runs of non-blank lines) joined by exactly one blank line, each kept as it
/// stands. A CRLF file and its LF twin so give the same text, the same article id and the same
/// byte offsets.
pub(super) fn join_paragraphs(lines: &[&str]) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for line in lines {
        if is_blank(line) {
            in_paragraph = false;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if in_paragraph { "\n" } else { "\n\n" });
        }
        text.push_str(line);
        in_paragraph = true;
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lf_give_the_same_paragraphs() {
        let lf = join_paragraphs(&split_lines("\nOne.\nStill one.\n\n\n\nTwo.\n"));
        let crlf = join_paragraphs(&split_lines(
            "\r\nOne.\r\nStill one.\r\n\r\n\r\n\r\nTwo.\r\n",
        ));
        assert_eq!(lf, "One.\nStill one.\n\nTwo.");
        assert_eq!(crlf, lf);
    }

    #[test]
    fn bom_goes_and_no_break_spaces_are_blank() {
        assert_eq!(strip_bom("\u{feff}Title"), "Title");
        assert_eq!(strip_bom("Title"), "Title");
        assert!(is_blank("\u{a0} \t"));
        assert_eq!(join_paragraphs(&["\u{a0}", ""]), "");
    }
}
