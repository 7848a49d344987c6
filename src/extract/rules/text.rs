//! The text basics' section of the rule book: the abbreviations whose period does not end a
//! sentence (`rules/text/abbreviations.tsv`).

use super::Tables;
use super::table::{Problem, Table};
use super::words::WordSet;

/// What the sentence splitter reads, compiled.
#[derive(Debug, Default)]
pub struct TextRules {
    /// The abbreviations, as written (compared in any case).
    abbreviations: WordSet,
}

impl TextRules {
    /// Builds the section from its tables, noting every problem.
    pub(crate) fn build(tables: &Tables, problems: &mut Vec<Problem>) -> TextRules {
        let mut rules = TextRules::default();
        rules.read_abbreviations(tables.get("text/abbreviations.tsv"), problems);
        rules
    }

    /// `text/abbreviations.tsv`: abbreviation.
    fn read_abbreviations(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let word = row.field(0);
            // The splitter compares the ASCII word before a period, case-blind.
            if !word.is_ascii() || word.contains(char::is_whitespace) || word.contains('.') {
                problems.push(table.problem(
                    row,
                    format!("`{word}` must be one ASCII word, without its period"),
                ));
                continue;
            }
            self.abbreviations.insert(word);
        }
    }

    /// Whether `word` (ASCII, the word before a period) is an abbreviation, in any case.
    #[inline]
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains_ignore_ascii_case(word)
    }
}
