//! The seed's text format, line by line:
//!
//! ```text
//! Skip to Content                                  junk before the date line: dropped
//! January 3, 2020 » Today News »                   the date line → published
//! Iran-backed militias … from Iraq                 the title (repeated once: kept once)
//!  Affected Countries: iraq; iran; united-states;  slugs → countries
//! The crisscrossing agendas facing Iraq …          body paragraphs → text
//! Source: Washington Times                         → source
//! ```
//!
//! Every part may be missing; only a body is required. Pure: text in, article out.

use std::path::Path;

use chrono::NaiveDate;

use super::countries::resolve_countries;
use super::layout::{is_blank, join_paragraphs, split_lines};
use super::{ArticleInput, InputError, InputWarning, ReadOptions};

/// How many lines from the top the header (date line, `Affected Countries:`) may start at.
const HEADER_LINES: usize = 40;
/// How many non-blank lines from the bottom the `Source:` line may stand at.
const SOURCE_LINES: usize = 4;

/// Whether `text` has the seed format's header near its top: a `… »` date line or an
/// `Affected Countries:` line.
pub(super) fn looks_like_seed(text: &str) -> bool {
    split_lines(text)
        .iter()
        .take(HEADER_LINES)
        .any(|line| parse_date_line(line).is_some() || parse_countries_line(line).is_some())
}

/// The date of a seed date line, `January 3, 2020 » Today News »`: the text before the first
/// `»` must be a date. `None` for any other line.
pub(super) fn parse_date_line(line: &str) -> Option<NaiveDate> {
    let (date, _sections) = line.split_once('»')?;
    parse_header_date(date)
}

/// A date as article headers write it: `January 3, 2020`, `Jan. 3, 2020`, `Sept 30 2019`,
/// `3 January 2020`, `Friday, January 3rd, 2020`, `2020-01-03`.
pub(super) fn parse_header_date(text: &str) -> Option<NaiveDate> {
    let mut words: Vec<String> = text
        .split_whitespace()
        .map(|word| word.trim_end_matches([',', '.']).to_string())
        .filter(|word| !word.is_empty())
        .collect();
    if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    let words: Vec<String> = words
        .into_iter()
        .map(|word| strip_ordinal(&word))
        .map(|word| match word.to_ascii_lowercase().as_str() {
            "sept" => "Sep".to_string(),
            _ => word,
        })
        .collect();
    let normal = words.join(" ");
    ["%B %d %Y", "%d %B %Y", "%Y-%m-%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(&normal, format).ok())
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let lower = word.to_ascii_lowercase();
    lower.len() >= 3
        && lower.chars().all(|c| c.is_ascii_alphabetic())
        && DAYS.iter().any(|day| lower.starts_with(day))
}

/// `3rd` → `3`; other words unchanged.
fn strip_ordinal(word: &str) -> String {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word.get(digits.len()..).unwrap_or("");
    let is_ordinal = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].contains(&suffix.to_ascii_lowercase().as_str());
    if is_ordinal { digits } else { word }.to_string()
}

/// The names an `Affected Countries: iraq; iran; united-states;` line lists (any case, any
/// leading bullet or no-break space, `;` or `,` between names). `None` for any other line.
pub(super) fn parse_countries_line(line: &str) -> Option<Vec<&str>> {
    let line = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let (label, names) = line.split_once(':')?;
    if !label.trim().eq_ignore_ascii_case("affected countries") {
        return None;
    }
    Some(
        names
            .split([';', ','])
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .collect(),
    )
}

/// The publisher a `Source: Washington Times` line names; `None` for any other line.
pub(super) fn parse_source_line(line: &str) -> Option<&str> {
    let line = line.trim();
    let (label, source) = line.split_once(':')?;
    label
        .trim()
        .eq_ignore_ascii_case("source")
        .then_some(source.trim())
}

/// Reads one article in the seed format from the whole of a file's text (BOM already gone).
pub(super) fn parse_seed(
    text: &str,
    path: &Path,
    options: &ReadOptions,
) -> Result<ArticleInput, InputError> {
    let lines = split_lines(text);
    let head = lines.len().min(HEADER_LINES);
    let date_at = lines
        .iter()
        .take(head)
        .position(|line| parse_date_line(line).is_some());
    let countries_at = lines
        .iter()
        .enumerate()
        .take(head)
        .skip(date_at.map_or(0, |at| at + 1))
        .find(|(_, line)| parse_countries_line(line).is_some())
        .map(|(at, _)| at);

    let title_at = find_title(&lines, date_at, countries_at);
    let title = title_at
        .and_then(|at| lines.get(at))
        .map_or("", |line| line.trim());
    // The seed repeats the title; the repeat is header, not body.
    let title_end = title_at.map(|at| match next_non_blank(&lines, at + 1) {
        Some(next) if !title.is_empty() && lines.get(next).map(|l| l.trim()) == Some(title) => next,
        _ => at,
    });
    let body_start = [countries_at, title_end, date_at]
        .into_iter()
        .flatten()
        .max()
        .map_or(0, |at| at + 1);

    let (body_end, source) = match find_source(&lines) {
        Some((at, source)) if at >= body_start => (at, Some(source)),
        _ => (lines.len(), None),
    };
    let body = lines.get(body_start..body_end).unwrap_or_default();
    let text = join_paragraphs(body);
    if text.is_empty() {
        return Err(InputError::new(
            path,
            None,
            "no body text after the header (date line, title, `Affected Countries:`)",
        ));
    }

    let (countries, mut warnings) = match countries_at {
        Some(at) => {
            let names = lines
                .get(at)
                .and_then(|line| parse_countries_line(line))
                .unwrap_or_default();
            resolve_countries(names, path, Some(at + 1))
        }
        None => (Vec::new(), Vec::new()),
    };
    let published = date_at
        .and_then(|at| parse_date_line(lines.get(at)?))
        .or(options.published);
    if published.is_none() {
        warnings.push(InputWarning::new(
            path,
            None,
            "no `Month D, YYYY »` date line; publication date unknown",
        ));
    }

    Ok(ArticleInput {
        title: title.to_string(),
        published,
        source: source.filter(|s| !s.is_empty()).map(str::to_string),
        countries,
        text,
        warnings,
        ..ArticleInput::default()
    })
}

/// The title's line: the first non-blank line after the date line (unless that is already the
/// countries line); without a date line, the last non-blank line above the countries line
/// (what comes before it is page junk); with neither, the first non-blank line.
fn find_title(
    lines: &[&str],
    date_at: Option<usize>,
    countries_at: Option<usize>,
) -> Option<usize> {
    match (date_at, countries_at) {
        (Some(date), countries) => next_non_blank(lines, date + 1)
            .filter(|&at| countries.is_none_or(|countries| at < countries)),
        (None, Some(countries)) => {
            let above = lines.get(..countries)?;
            let last = above.iter().rposition(|line| !is_blank(line))?;
            // With the title twice, take the first of the pair so the repeat is skipped.
            match above.get(..last)?.iter().rposition(|line| !is_blank(line)) {
                Some(before)
                    if above.get(before).map(|l| l.trim()) == above.get(last).map(|l| l.trim()) =>
                {
                    Some(before)
                }
                _ => Some(last),
            }
        }
        (None, None) => next_non_blank(lines, 0),
    }
}

/// The `Source:` line among the last few non-blank lines (page junk such as "Share this" may
/// follow it), with its line index; what follows it is not body.
fn find_source<'a>(lines: &[&'a str]) -> Option<(usize, &'a str)> {
    lines
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, line)| !is_blank(line))
        .take(SOURCE_LINES)
        .find_map(|(at, line)| Some((at, parse_source_line(line)?)))
}

fn next_non_blank(lines: &[&str], from: usize) -> Option<usize> {
    lines
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, line)| !is_blank(line))
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn date_lines_parse_in_the_forms_headers_use() {
        assert_eq!(
            parse_date_line("January 3, 2020 » Today News »"),
            day(2020, 1, 3)
        );
        assert_eq!(parse_date_line("Jan. 3, 2020 » World »"), day(2020, 1, 3));
        assert_eq!(parse_date_line("Sept. 30, 2019 »"), day(2019, 9, 30));
        assert_eq!(
            parse_date_line("Friday, January 3rd, 2020 » News"),
            day(2020, 1, 3)
        );
        assert_eq!(parse_date_line("3 January 2020 »"), day(2020, 1, 3));
        assert_eq!(parse_date_line("2020-01-03 » Wire"), day(2020, 1, 3));
    }

    #[test]
    fn other_lines_are_not_date_lines() {
        assert_eq!(parse_date_line("January 3, 2020"), None);
        assert_eq!(parse_date_line("Home » World » Middle East"), None);
        assert_eq!(parse_date_line("February 30, 2020 »"), None);
        assert_eq!(parse_date_line("»"), None);
        assert_eq!(parse_date_line(""), None);
        assert_eq!(parse_header_date("The 3rd man"), None);
    }

    #[test]
    fn countries_line_lists_names() {
        assert_eq!(
            parse_countries_line("\u{a0} Affected Countries: iraq; iran; united-states;"),
            Some(vec!["iraq", "iran", "united-states"])
        );
        assert_eq!(
            parse_countries_line("affected countries: Iraq, Syria"),
            Some(vec!["Iraq", "Syria"])
        );
        assert_eq!(parse_countries_line("Affected Countries:"), Some(vec![]));
        assert_eq!(parse_countries_line("Countries: iraq"), None);
        assert_eq!(parse_countries_line("The affected countries: none"), None);
    }

    #[test]
    fn source_line_names_the_publisher() {
        assert_eq!(
            parse_source_line("Source: Washington Times"),
            Some("Washington Times")
        );
        assert_eq!(parse_source_line("  SOURCE :  AFP  "), Some("AFP"));
        assert_eq!(parse_source_line("Sources say: nothing"), None);
    }

    #[test]
    fn the_whole_layout_splits_into_its_fields() {
        let text = "Skip to Content\n\n\nJanuary 3, 2020 » Today News »\n\nA title\n\nA title\n\n\n\u{a0} Affected Countries: iraq; narnia;\n\nFirst paragraph.\n\nSecond paragraph.\n\nSource: Washington Times";
        let article = parse_seed(text, Path::new("s.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(article.title, "A title");
        assert_eq!(article.published, day(2020, 1, 3));
        assert_eq!(article.text, "First paragraph.\n\nSecond paragraph.");
        assert_eq!(article.source.as_deref(), Some("Washington Times"));
        assert_eq!(article.countries.len(), 1);
        assert_eq!(article.warnings.len(), 1);
        assert_eq!(article.warnings[0].line, Some(11));
    }

    #[test]
    fn without_a_date_line_the_title_sits_above_the_countries() {
        let text = "Menu\nA title\nA title\nAffected Countries: mali\nBody.";
        let article = parse_seed(text, Path::new("s.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(article.title, "A title");
        assert_eq!(article.text, "Body.");
        assert_eq!(article.source, None);
        assert_eq!(article.published, None);
        assert_eq!(article.warnings.len(), 1, "no date: one warning");
    }

    #[test]
    fn junk_after_the_source_line_is_not_body() {
        let text =
            "May 1, 2020 »\nTitle\nBody.\n\nSource: AFP\n\nShare this article\nComments (0)\n";
        let article = parse_seed(text, Path::new("s.txt"), &ReadOptions::default()).unwrap();
        assert_eq!(article.text, "Body.");
        assert_eq!(article.source.as_deref(), Some("AFP"));
    }

    #[test]
    fn a_header_without_a_body_is_an_error() {
        let text = "January 3, 2020 »\nTitle\nSource: X";
        assert!(parse_seed(text, Path::new("s.txt"), &ReadOptions::default()).is_err());
    }
}
