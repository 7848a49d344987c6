//! Plain text: the first non-blank line is the title, the rest is the body. A file of a single
//! line is all body, no title. The publication date comes only from [`ReadOptions::published`].

use std::path::Path;

use super::layout::{is_blank, join_paragraphs, split_lines};
use super::{ArticleInput, InputError, ReadOptions};

/// Reads one plain-text article from the whole of a file's text (BOM already gone).
pub(super) fn parse_plain(
    text: &str,
    path: &Path,
    options: &ReadOptions,
) -> Result<ArticleInput, InputError> {
    let lines = split_lines(text);
    let first = lines
        .iter()
        .position(|line| !is_blank(line))
        .ok_or_else(|| InputError::new(path, None, "empty file (only whitespace)"))?;
    let rest = lines.get(first + 1..).unwrap_or_default();
    let (title, text) = if rest.iter().all(|line| is_blank(line)) {
        (String::new(), join_paragraphs(&lines))
    } else {
        let title = lines.get(first).map_or("", |line| line.trim());
        (title.to_string(), join_paragraphs(rest))
    };
    Ok(ArticleInput {
        title,
        published: options.published,
        text,
        ..ArticleInput::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_is_the_title_and_the_rest_the_body() {
        let article = parse_plain(
            "\n  Floods in Sindh \nWater rose.\n\nSix died.\n",
            Path::new("p.txt"),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(article.title, "Floods in Sindh");
        assert_eq!(article.text, "Water rose.\n\nSix died.");
        assert_eq!(article.published, None);
    }

    #[test]
    fn one_line_is_all_body() {
        let article =
            parse_plain("Six died.\n", Path::new("p.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(article.title, "");
        assert_eq!(article.text, "Six died.");
    }
}
