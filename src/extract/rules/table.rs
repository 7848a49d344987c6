//! Reading one table of the rule book: tab-separated rows under a header, `#` comments and blank
//! lines skipped, every field required, no key twice. Knows nothing of what a table means: the
//! sections ([`super::events`] and its siblings) read the rows.

use std::fmt;

use crate::gazetteer::fast_hash::FastMap;

/// A problem with a table, where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the reader should look for it (`rules/events/cues.tsv`, `DIR/geo/words.tsv`).
    pub file: String,
    /// The line, counting from 1; 0 for the file as a whole.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

/// One row of a table: its fields, in the header's order, and its line.
#[derive(Clone, Debug)]
pub struct Row {
    /// The line it stands on, counting from 1.
    pub line: usize,
    fields: Vec<String>,
}

impl Row {
    /// The field of column `i` ("" past the end: the reader checked the count).
    pub fn field(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", String::as_str)
    }
}

/// A table read from its text.
#[derive(Clone, Debug)]
pub struct Table {
    /// Where it was read from, for messages.
    pub file: String,
    /// Its rows, in file order.
    pub rows: Vec<Row>,
}

impl Table {
    /// Reads `text` as a table of `columns` whose first `key` columns form its key, noting every
    /// problem on `problems`. Rows with a problem are left out; the rest are kept.
    pub fn parse(
        file: &str,
        text: &str,
        columns: &'static [&'static str],
        key: usize,
        problems: &mut Vec<Problem>,
    ) -> Table {
        let mut table = Table {
            file: file.to_string(),
            rows: Vec::new(),
        };
        let mut problem = |line: usize, message: String| {
            problems.push(Problem {
                file: file.to_string(),
                line,
                message,
            })
        };
        let mut header_seen = false;
        // Each key's first line, to name it when the key comes again.
        let mut keys: FastMap<String, usize> = FastMap::default();
        for (number, line) in (1..).zip(text.lines()) {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<String> = line.split('\t').map(str::to_string).collect();
            if !header_seen {
                header_seen = true;
                if fields != columns {
                    problem(
                        number,
                        format!(
                            "the header must name the columns {}, tab-separated; found {line:?}",
                            columns.join(" ")
                        ),
                    );
                }
                continue;
            }
            if fields.len() != columns.len() {
                problem(
                    number,
                    format!(
                        "{} tab-separated fields ({}) wanted, {} found",
                        columns.len(),
                        columns.join(", "),
                        fields.len()
                    ),
                );
                continue;
            }
            if let Some((column, _)) = columns
                .iter()
                .zip(&fields)
                .find(|(_, f)| f.is_empty() || f.trim() != f.as_str())
            {
                problem(
                    number,
                    format!(
                        "column `{column}` is empty or has spaces around it (write `-` for none)"
                    ),
                );
                continue;
            }
            let row_key = fields.get(..key).unwrap_or_default().join("\t");
            if let Some(first) = keys.get(&row_key) {
                problem(
                    number,
                    format!(
                        "{} `{row_key}` is already on line {first}",
                        columns.get(..key).unwrap_or_default().join(" and "),
                    ),
                );
                continue;
            }
            keys.insert(row_key, number);
            table.rows.push(Row {
                line: number,
                fields,
            });
        }
        if !header_seen {
            problem(
                0,
                format!("no header line (want the columns {})", columns.join(" ")),
            );
        }
        table
    }

    /// A problem at `row`'s line.
    pub fn problem(&self, row: &Row, message: String) -> Problem {
        Problem {
            file: self.file.clone(),
            line: row.line,
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Table, Vec<Problem>) {
        let mut problems = Vec::new();
        let table = Table::parse("t.tsv", text, &["word", "role"], 1, &mut problems);
        (table, problems)
    }

    #[test]
    fn rows_under_a_header_with_comments_and_blank_lines() {
        let (table, problems) =
            read("# a comment\nword\trole\n\nkilled\tdeath\n# more\nhurt\tinjury\n");
        assert!(problems.is_empty(), "{problems:?}");
        let rows: Vec<(usize, &str, &str)> = table
            .rows
            .iter()
            .map(|r| (r.line, r.field(0), r.field(1)))
            .collect();
        assert_eq!(rows, [(4, "killed", "death"), (6, "hurt", "injury")]);
    }

    #[test]
    fn every_problem_names_its_line() {
        let (table, problems) =
            read("word\trole\nkilled\tdeath\nkilled\tinjury\nhurt\nwounded\t injury\n\tdeath\n");
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "t.tsv:3: word `killed` is already on line 2",
                "t.tsv:4: 2 tab-separated fields (word, role) wanted, 1 found",
                "t.tsv:5: column `role` is empty or has spaces around it (write `-` for none)",
                "t.tsv:6: column `word` is empty or has spaces around it (write `-` for none)",
            ]
        );
        assert_eq!(table.rows.len(), 1);
    }

    #[test]
    fn a_wrong_or_missing_header_is_a_problem() {
        let (_, problems) = read("phrase\tcue\nkilled\tdeath\n");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("t.tsv:1: the header must name")
        );
        let (_, problems) = read("# only a comment\n");
        assert_eq!(
            problems[0].to_string(),
            "t.tsv: no header line (want the columns word role)"
        );
    }
}
