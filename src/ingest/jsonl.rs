//! One JSON-lines article: `{"id", "title", "published", "text", "source", "url", "countries"}`.
//! Only `text` is required; unknown fields are ignored. A value of the wrong type fails the
//! line; a `published` that is not a date, or a country no name matches, is a warning.

use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::countries::resolve_countries;
use super::{ArticleInput, InputError, InputWarning, ReadOptions};

/// The fields a line may carry, as serde reads them.
#[derive(Deserialize)]
struct JsonArticle {
    #[serde(default)]
    id: Option<JsonId>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<String>,
    text: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    countries: Option<Vec<String>>,
}

/// Ids come as strings or as numbers; both are kept as text.
#[derive(Deserialize)]
#[serde(untagged)]
enum JsonId {
    Text(String),
    Number(serde_json::Number),
}

/// Reads the article on line `line_no` of `path` (the line's text without its newline).
pub(super) fn parse_json_line(
    line: &str,
    path: &Path,
    line_no: usize,
    options: &ReadOptions,
) -> Result<ArticleInput, InputError> {
    let doc: JsonArticle = serde_json::from_str(line).map_err(|e| {
        InputError::new(path, Some(line_no), format!("not a JSON article line: {e}"))
    })?;
    if doc.text.trim().is_empty() {
        return Err(InputError::new(path, Some(line_no), "`text` is empty"));
    }
    let mut warnings = Vec::new();
    let published = match doc.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => {
            let date = parse_published(value);
            if date.is_none() {
                warnings.push(InputWarning::new(
                    path,
                    Some(line_no),
                    format!("`published` is neither YYYY-MM-DD nor RFC 3339: {value:?}; ignored"),
                ));
            }
            date
        }
    };
    let names = doc.countries.unwrap_or_default();
    let (countries, country_warnings) =
        resolve_countries(names.iter().map(String::as_str), path, Some(line_no));
    warnings.extend(country_warnings);
    Ok(ArticleInput {
        id: doc.id.map(|id| match id {
            JsonId::Text(text) => text,
            JsonId::Number(number) => number.to_string(),
        }),
        title: doc.title.map(|t| t.trim().to_string()).unwrap_or_default(),
        published: published.or(options.published),
        source: doc.source.filter(|s| !s.trim().is_empty()),
        url: doc.url.filter(|u| !u.trim().is_empty()),
        countries,
        text: doc.text,
        warnings,
    })
}

/// `2020-01-03`, or the date part of a timestamp (`2020-01-03T22:15:00+03:00`, `…Z`, or
/// without an offset) as written, in the writer's own time zone.
pub(crate) fn parse_published(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .or_else(|| {
            DateTime::parse_from_rfc3339(value)
                .ok()
                .map(|t| t.date_naive())
        })
        .or_else(|| {
            ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
                .map(|t| t.date())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Result<ArticleInput, InputError> {
        parse_json_line(line, Path::new("w.jsonl"), 3, &ReadOptions::default())
    }

    #[test]
    fn published_takes_dates_and_timestamps_as_written() {
        let day = NaiveDate::from_ymd_opt(2020, 1, 3);
        assert_eq!(parse_published("2020-01-03"), day);
        assert_eq!(parse_published("2020-01-03T23:30:00-05:00"), day);
        assert_eq!(parse_published("2020-01-03T10:00:00Z"), day);
        assert_eq!(parse_published("2020-01-03T10:00:00.5"), day);
        assert_eq!(parse_published("03/01/2020"), None);
        assert_eq!(parse_published("2020-02-30"), None);
    }

    #[test]
    fn a_full_line_fills_every_field() {
        let article = read(r#"{"id": 42, "title": " T ", "published": "2020-01-03", "text": "Six died.", "source": "AP", "url": "u", "countries": ["IQ", "Iran"], "extra": [1]}"#).unwrap();
        assert_eq!(article.id.as_deref(), Some("42"));
        assert_eq!(article.title, "T");
        assert_eq!(article.countries.len(), 2);
        assert!(article.warnings.is_empty());
    }

    #[test]
    fn wrong_types_and_missing_text_fail_with_the_line() {
        let missing = read(r#"{"id": "a", "title": "T"}"#).unwrap_err();
        assert_eq!(missing.line, Some(3));
        assert!(
            missing.message.contains("missing field `text`"),
            "{missing}"
        );
        assert!(read(r#"{"text": 5}"#).is_err());
        assert!(read(r#"{"text": "x", "countries": "IQ"}"#).is_err());
        assert!(read(r#"{"text": "x", "id": [1]}"#).is_err());
        assert!(read(r#"{"text": "  "}"#).is_err());
        assert!(read(r#"[1, 2]"#).is_err());
    }

    #[test]
    fn a_bad_date_or_country_is_a_warning() {
        let article =
            read(r#"{"text": "x", "published": "yesterday", "countries": ["xx"]}"#).unwrap();
        assert_eq!(article.published, None);
        assert_eq!(article.warnings.len(), 2);
    }
}
