//! The rustyline helper: completion of keywords, fields, kinds, country codes and place names;
//! hints from history; and highlighting of keywords, strings, numbers and comments.

use std::borrow::Cow;
use std::sync::Arc;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::HistoryHinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper, Hinter};

use super::command::COMMANDS;
use crate::gazetteer::Gazetteer;
use crate::model::{Country, GeoPrecision, Kind, Precision};
use crate::query::ast::Field;

/// The words of the language the shell completes and highlights (grammar/query.ebnf).
pub const KEYWORDS: &[&str] = &[
    "events",
    "articles",
    "places",
    "where",
    "and",
    "or",
    "not",
    "in",
    "overlaps",
    "near",
    "within",
    "bbox",
    "km",
    "mi",
    "m",
    "sort",
    "asc",
    "desc",
    "limit",
    "select",
    "count",
    "by",
    "timeline",
    "top",
    "nearest",
    "to",
    "as",
    "of",
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "today",
    "yesterday",
    "last",
    "this",
    "days",
    "weeks",
    "months",
    "years",
    "explain",
    "event",
    "ingest",
    "delete",
    "article",
    "stats",
    "distance",
];

/// Place names offered at once, at most.
const PLACE_CANDIDATES: usize = 20;

/// The shell's rustyline helper.
#[derive(Helper, Hinter)]
pub struct ShellHelper {
    #[rustyline(Hinter)]
    hinter: HistoryHinter,
    /// Whether to colour the input (off when `NO_COLOR` is set).
    colour: bool,
    /// The open store's gazetteer, whose names completion offers; the embedded one until a
    /// store is open.
    gazetteer: Option<Arc<Gazetteer>>,
}

impl ShellHelper {
    /// A helper; colours unless `NO_COLOR` is set.
    pub fn new() -> ShellHelper {
        ShellHelper {
            hinter: HistoryHinter::new(),
            colour: std::env::var_os("NO_COLOR").is_none(),
            gazetteer: None,
        }
    }

    /// Completes place names from `gazetteer` (the open store's) from now on.
    pub fn set_gazetteer(&mut self, gazetteer: Arc<Gazetteer>) {
        self.gazetteer = Some(gazetteer);
    }
}

impl Default for ShellHelper {
    fn default() -> Self {
        ShellHelper::new()
    }
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let line = line.get(..pos).unwrap_or(line);
        let gazetteer = self.gazetteer.as_deref().unwrap_or(Gazetteer::embedded());
        Ok(complete_with(line, gazetteer))
    }
}

/// Completions for the text before the cursor: where the word starts, and the candidates;
/// place names from `gazetteer` (a store's: its imported entries included).
pub fn complete_with(line: &str, gazetteer: &Gazetteer) -> (usize, Vec<Pair>) {
    let start = line
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | ',' | '"' | '\'' | '|'))
        .map_or(0, |i| {
            i + line[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &line[start..];
    let before = line[..start].trim_end();
    let in_quotes = line[..start].matches('"').count() % 2 == 1;
    let pair = |s: String| Pair {
        display: s.clone(),
        replacement: s,
    };
    if line.trim_start().starts_with('.') && !line.trim_start().contains(' ') {
        let names = COMMANDS
            .iter()
            .filter_map(|(synopsis, _)| synopsis.split_whitespace().next())
            .filter(|name| name.starts_with(line.trim_start()))
            .map(|name| pair(name.to_string()))
            .collect();
        return (line.len() - line.trim_start().len(), names);
    }
    if in_quotes {
        // Inside quotes a place name is typed, spaces and all: "New Yo" completes "New York".
        let start = line.rfind('"').map_or(start, |i| i + 1);
        let word = &line[start..];
        if word.chars().count() < 2 {
            return (start, Vec::new());
        }
        // Every name that starts as typed, alternate names and imported entries included, the
        // most prominent place first.
        let places = gazetteer
            .completions(word, PLACE_CANDIDATES)
            .into_iter()
            .map(|(name, _)| pair(name))
            .collect();
        return (start, places);
    }
    let field = last_field(before);
    let vocabulary: Vec<String> = match field.as_deref() {
        Some("kind") => Kind::all().map(|k| k.to_string()).collect(),
        Some("country") => Country::all().map(|c| c.code().to_string()).collect(),
        Some("precision") => Precision::ALL
            .iter()
            .map(|p| p.as_str().to_string())
            .chain(
                [
                    GeoPrecision::Point,
                    GeoPrecision::City,
                    GeoPrecision::Admin1,
                    GeoPrecision::Country,
                    GeoPrecision::Region,
                ]
                .iter()
                .map(|p| p.as_str().to_string()),
            )
            .collect(),
        _ => KEYWORDS
            .iter()
            .chain(Field::NAMES.iter())
            .map(|s| s.to_string())
            .collect(),
    };
    let lower = word.to_lowercase();
    let mut candidates: Vec<String> = vocabulary
        .into_iter()
        .filter(|c| c.to_lowercase().starts_with(&lower) && !word.is_empty())
        .collect();
    candidates.sort();
    candidates.dedup();
    (start, candidates.into_iter().map(pair).collect())
}

/// The field a value is being typed for: `kind = ` or `country in (IQ, ` → `kind`/`country`.
fn last_field(before: &str) -> Option<String> {
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut rest = words
        .iter()
        .rev()
        .skip_while(|w| w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase()));
    let op = rest.next()?;
    if !matches!(*op, "=" | "!=" | "in") {
        return None;
    }
    rest.next().map(|f| f.to_lowercase())
}

impl Highlighter for ShellHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !self.colour {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight(line))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if !self.colour {
            return Cow::Borrowed(hint);
        }
        Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        true
    }
}

/// The line with ANSI colours: keywords bold, strings green, numbers cyan, comments dim. Only
/// escape codes are added, so the display width stays the same.
pub fn highlight(line: &str) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '-' && line[i..].starts_with("--") {
            out.push_str("\x1b[2m");
            out.push_str(&line[i..]);
            out.push_str("\x1b[0m");
            break;
        }
        if c == '"' || c == '\'' {
            let mut end = line.len();
            for (j, d) in chars.by_ref() {
                if d == c {
                    end = j + d.len_utf8();
                    break;
                }
            }
            out.push_str("\x1b[32m");
            out.push_str(&line[i..end]);
            out.push_str("\x1b[0m");
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() || matches!(d, '_' | '.' | '-') {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &line[i..end];
            if word
                .chars()
                .all(|d| d.is_ascii_digit() || matches!(d, '.' | '-'))
            {
                out.push_str("\x1b[36m");
                out.push_str(word);
                out.push_str("\x1b[0m");
            } else if KEYWORDS.contains(&word.to_lowercase().as_str()) {
                out.push_str("\x1b[1;34m");
                out.push_str(word);
                out.push_str("\x1b[0m");
            } else {
                out.push_str(word);
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Every line is handed back as typed: the shell itself decides whether the statement is
/// complete, and asks for its next line under a continuation prompt (rustyline would keep
/// editing one buffer with no prompt on its later lines).
impl Validator for ShellHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(line: &str) -> (usize, Vec<Pair>) {
        complete_with(line, Gazetteer::embedded())
    }

    fn names(line: &str) -> Vec<String> {
        complete(line)
            .1
            .into_iter()
            .map(|p| p.replacement)
            .collect()
    }

    #[test]
    fn completes_keywords_fields_kinds_and_countries() {
        assert!(names("events wh").contains(&"where".to_string()));
        assert!(names("events where cou").contains(&"country".to_string()));
        assert!(names("events where kind = bat").contains(&"battle.armed_clash".to_string()));
        assert_eq!(
            names("events where country = I"),
            vec!["ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT"]
        );
        assert!(names("events where country in (IQ, S").contains(&"SY".to_string()));
        assert_eq!(names(".fo"), vec![".format"]);
    }

    #[test]
    fn completes_place_names_inside_quotes() {
        let (start, pairs) = complete("events where near \"Mos");
        assert_eq!(start, "events where near \"".len());
        assert!(pairs.iter().any(|p| p.replacement == "Mosul"));
    }

    #[test]
    fn completes_names_of_several_words_and_alternate_names_most_prominent_first() {
        let (start, pairs) = complete("places where name = \"New Yo");
        assert_eq!(start, "places where name = \"".len());
        assert_eq!(
            pairs.first().map(|p| p.replacement.as_str()),
            Some("New York")
        );
        // The store calls it Mexmur; it is offered by the name typed.
        assert!(names("events where near \"Makhm").contains(&"Makhmur".to_string()));
        let springs = names("events where near \"Springf");
        assert_eq!(springs.first().map(String::as_str), Some("Springfield"));
    }

    #[test]
    fn completes_imported_entries_through_the_store_index() -> crate::Result<()> {
        use crate::gazetteer::Entry;
        use crate::model::GeoPrecision;
        let db = crate::Db::temporary()?;
        let entry = |id: u32, name: &str, alternate: &str, population: u64| Entry {
            geonameid: Some(id),
            name: name.into(),
            alternate_names: vec![alternate.into()],
            country: None,
            admin1: None,
            lat: 1.0,
            lon: 2.0,
            population,
            precision: GeoPrecision::City,
        };
        db.put_places(&[
            entry(90_000_001, "Qzvorth Minor", "Ksar Qzvorth", 10),
            entry(90_000_002, "Qzvorth Major", "Qzvorth Grand", 5000),
        ])?;
        let gazetteer = db.gazetteer()?;
        let offered: Vec<String> = complete_with("events where near \"qzvorth", &gazetteer)
            .1
            .into_iter()
            .map(|p| p.replacement)
            .collect();
        // The more populous first, by its name as written; then the other.
        assert_eq!(offered, ["Qzvorth Major", "Qzvorth Minor"]);
        let offered = complete_with("events where near \"Ksar q", &gazetteer).1;
        assert_eq!(
            offered.first().map(|p| p.replacement.as_str()),
            Some("Ksar Qzvorth")
        );
        Ok(())
    }

    #[test]
    fn highlighting_only_adds_escape_codes() {
        let line = "events where kind = battle and killed >= 5 -- big ones";
        let coloured = highlight(line);
        let stripped: String = {
            let mut s = String::new();
            let mut in_escape = false;
            for c in coloured.chars() {
                match (in_escape, c) {
                    (false, '\x1b') => in_escape = true,
                    (true, 'm') => in_escape = false,
                    (true, _) => {}
                    (false, c) => s.push(c),
                }
            }
            s
        };
        assert_eq!(stripped, line);
        assert!(coloured.contains("\x1b[1;34mwhere\x1b[0m"));
    }
}
