//! The rule book's loader: the extractor's knowledge (cue words, toll words, actor names, geo and
//! time vocabularies) lives as plain-text tables in `rules/` at the top of the repository, and
//! this module is their only reader. Decisions stay in the wings' Rust; what they decide with is
//! read here. `rules/README.md` gives each table's columns, its reader and how to test a change.
//!
//! 1. Every table is built into the binary (`include_str!`), so a fresh binary needs nothing on
//!    disk; [`Rules::from_dir`] reads another folder instead, table by table, so a change is
//!    tried without a rebuild (`geochron extract --rules DIR`). A table the folder does not hold
//!    is the built-in one.
//! 2. [`table`] splits each table into rows under its header: every problem names its file and
//!    line, and no key comes twice.
//! 3. Each wing's section ([`EventRules`] and its siblings) is built from its tables once,
//!    checking every name a row refers to (cues, roles, actor classes, countries…), into the
//!    compiled forms the wings look words up in: hash maps behind shape filters, phrase indexes,
//!    word sets.
//!
//! The embedded rules are built on first use ([`Rules::embedded`]); extraction takes a `&Rules`
//! ([`crate::extract::extract_with_rules`]), never a swapped global.

pub mod events;
pub mod geo;
pub(crate) mod phrases;
pub(crate) mod table;
pub mod text;
pub mod time;
pub(crate) mod words;

use std::fmt;
use std::path::{Path, PathBuf};

pub use events::EventRules;
pub use geo::GeoRules;
pub use table::Problem;
use table::Table;
pub use text::TextRules;
pub use time::TimeRules;

/// One table of the rule book.
pub(crate) struct Spec {
    /// Its path under the rules folder (`events/cues.tsv`).
    pub path: &'static str,
    /// Its columns, as its header names them.
    pub columns: &'static [&'static str],
    /// How many leading columns form its key: no two rows share one.
    pub key: usize,
    /// The copy built into the binary.
    embedded: &'static str,
}

/// A [`Spec`] with its embedded copy, read from `rules/` at build time.
macro_rules! spec {
    ($path:literal, [$($column:literal),* $(,)?], key $key:expr) => {
        Spec {
            path: $path,
            columns: &[$($column),*],
            key: $key,
            embedded: include_str!(concat!("../../../rules/", $path)),
        }
    };
}

/// Every table of the rule book.
pub(crate) const TABLES: &[Spec] = &[
    spec!("events/cues.tsv", ["phrase", "cue"], key 1),
    spec!("events/ambiguous_cues.tsv", ["word", "check"], key 1),
    spec!("events/words.tsv", ["word", "role"], key 2),
    spec!("events/mentions.tsv", ["phrase", "class"], key 1),
    spec!("events/actor_classes.tsv", ["class", "name"], key 1),
    spec!("events/country_names.tsv", ["country", "name"], key 1),
    spec!("actors.tsv", ["written", "canonical", "country", "theatre"], key 1),
    spec!("theatres.tsv", ["theatre", "country", "lat", "lon"], key 1),
    spec!("events/casualties.tsv", ["word", "role"], key 2),
    spec!("events/amounts.tsv", ["word", "low", "best", "high"], key 1),
    spec!("text/numbers.tsv", ["word", "value"], key 1),
    spec!("events/happenings.tsv", ["noun", "family"], key 1),
    spec!("geo/words.tsv", ["word", "role"], key 2),
    spec!("geo/markets.tsv", ["marker", "country", "strength"], key 1),
    spec!(
        "geo/region_abbreviations.tsv",
        ["abbreviation", "region", "country"],
        key 1
    ),
    spec!("geo/ranker.tsv", ["feature", "weight", "origin"], key 1),
    spec!("time/words.tsv", ["word", "meaning", "value"], key 1),
    spec!("time/marks.tsv", ["word", "role"], key 2),
    spec!("text/abbreviations.tsv", ["abbreviation"], key 1),
];

/// The tables as read, one per [`TABLES`] entry, in its order.
pub(crate) struct Tables {
    tables: Vec<Table>,
}

impl Tables {
    /// The table at `path` (`events/cues.tsv`).
    pub(crate) fn get(&self, path: &str) -> &Table {
        static EMPTY: Table = Table {
            file: String::new(),
            rows: Vec::new(),
        };
        TABLES
            .iter()
            .position(|spec| spec.path == path)
            .and_then(|i| self.tables.get(i))
            .unwrap_or(&EMPTY)
    }
}

/// The extractor's knowledge, read from the rule book: one section per wing.
#[derive(Debug)]
pub struct Rules {
    /// What the event rules read: cues, toll words, actors.
    pub events: EventRules,
    /// What the geoparser reads: the roles of words around names, markets, organisations.
    pub geo: GeoRules,
    /// What the temporal tagger reads: the meanings of words for time.
    pub time: TimeRules,
    /// What the sentence splitter reads: abbreviations.
    pub text: TextRules,
}

/// Why a rules folder could not be read.
#[derive(Debug)]
pub enum RulesError {
    /// A file or folder could not be read.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Tables that do not read, each problem with its file and line.
    Tables {
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RulesError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            RulesError::Tables { problems } => {
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for RulesError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RulesError::Io { source, .. } => Some(source),
            RulesError::Tables { .. } => None,
        }
    }
}

impl Rules {
    /// The rules built into the binary, read on first use.
    pub fn embedded() -> &'static Rules {
        static EMBEDDED: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
        EMBEDDED.get_or_init(|| {
            // The embedded tables are checked by this module's tests: a failure here is a
            // build that skipped them, not anything a user did.
            Rules::parse_embedded()
                .unwrap_or_else(|e| panic!("the rule book built into geochron does not read:\n{e}"))
        })
    }

    /// Reads the built-in tables afresh.
    pub fn parse_embedded() -> Result<Rules, RulesError> {
        let mut problems = Vec::new();
        let tables = TABLES
            .iter()
            .map(|spec| {
                let file = format!("rules/{}", spec.path);
                Table::parse(&file, spec.embedded, spec.columns, spec.key, &mut problems)
            })
            .collect();
        Rules::build(&Tables { tables }, problems)
    }

    /// Reads the rule book from `dir`, laid out as `rules/` is (`DIR/events/cues.tsv`): each
    /// table the folder holds replaces the built-in one, and a table it does not hold is the
    /// built-in one. A `.tsv` file there that is no table of the rule book is an error (a
    /// misspelt name would otherwise be ignored).
    pub fn from_dir(dir: &Path) -> Result<Rules, RulesError> {
        let io = |path: &Path, source| RulesError::Io {
            path: path.to_path_buf(),
            source,
        };
        std::fs::read_dir(dir).map_err(|e| io(dir, e))?;
        let mut problems = stray_files(dir, dir)?;
        let mut tables = Vec::with_capacity(TABLES.len());
        for spec in TABLES {
            let path = dir.join(spec.path);
            let table = if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
                let file = path.display().to_string();
                Table::parse(&file, &text, spec.columns, spec.key, &mut problems)
            } else {
                let file = format!("rules/{} (built in)", spec.path);
                Table::parse(&file, spec.embedded, spec.columns, spec.key, &mut problems)
            };
            tables.push(table);
        }
        Rules::build(&Tables { tables }, problems)
    }

    /// Builds every section from the tables, adding their problems to those of the reading.
    fn build(tables: &Tables, mut problems: Vec<Problem>) -> Result<Rules, RulesError> {
        let events = EventRules::build(tables, &mut problems);
        let geo = GeoRules::build(tables, &mut problems);
        let time = TimeRules::build(tables, &mut problems);
        let text = TextRules::build(tables, &mut problems);
        if problems.is_empty() {
            Ok(Rules {
                events,
                geo,
                time,
                text,
            })
        } else {
            Err(RulesError::Tables { problems })
        }
    }
}

/// The `.tsv` files under `dir` (searched from `root`) that are no table of the rule book.
fn stray_files(root: &Path, dir: &Path) -> Result<Vec<Problem>, RulesError> {
    let mut problems = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|source| RulesError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let path = entry
            .map_err(|source| RulesError::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        if path.is_dir() {
            problems.extend(stray_files(root, &path)?);
            continue;
        }
        if path.extension().is_none_or(|e| e != "tsv") {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !TABLES.iter().any(|spec| spec.path == name) {
            let known: Vec<&str> = TABLES.iter().map(|spec| spec.path).collect();
            problems.push(Problem {
                file: path.display().to_string(),
                line: 0,
                message: format!(
                    "no table of the rule book is called `{name}`; the tables are {}",
                    known.join(", ")
                ),
            });
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table test: every embedded table reads, has no key twice and names only things that
    /// exist (cues, roles, classes, countries): building the rules checks each row.
    #[test]
    fn every_embedded_table_reads_and_refers_to_what_exists() {
        if let Err(e) = Rules::parse_embedded() {
            panic!("{e}");
        }
        for spec in TABLES {
            let mut problems = Vec::new();
            let table = Table::parse(
                spec.path,
                spec.embedded,
                spec.columns,
                spec.key,
                &mut problems,
            );
            assert!(problems.is_empty(), "{problems:?}");
            assert!(!table.rows.is_empty(), "{} has no rows", spec.path);
        }
    }

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (path, text) in files {
            let path = dir.path().join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    }

    #[test]
    fn a_folder_replaces_the_tables_it_holds() {
        let dir = folder(&[("events/cues.tsv", "phrase\tcue\nskirmished\tclash\n")]);
        let rules = Rules::from_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            rules.events.word_cue("skirmished"),
            Some(crate::extract::events::Cue::Clash)
        );
        assert_eq!(rules.events.word_cue("attacked"), None);
        let empty = folder(&[]);
        let rules = Rules::from_dir(empty.path()).unwrap_or_else(|e| panic!("{e}"));
        assert!(rules.events.word_cue("attacked").is_some());
    }

    #[test]
    fn a_bad_folder_says_what_is_wrong_and_where() {
        let dir = folder(&[
            (
                "events/cues.tsv",
                "phrase\tcue\nskirmished\tbrawl\nRaided\tattack_verb\n",
            ),
            ("events/cue.tsv", "phrase\tcue\n"),
        ]);
        let shown = match Rules::from_dir(dir.path()) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        };
        let dir_name = dir.path().display();
        assert!(
            shown.contains(&format!(
                "{dir_name}/events/cues.tsv:2: unknown cue `brawl`"
            )),
            "{shown}"
        );
        assert!(
            shown.contains(&format!("{dir_name}/events/cues.tsv:3: ")),
            "{shown}"
        );
        assert!(
            shown.contains("no table of the rule book is called `events/cue.tsv`"),
            "{shown}"
        );
        assert!(matches!(
            Rules::from_dir(&dir.path().join("missing")),
            Err(RulesError::Io { .. })
        ));
    }
}
