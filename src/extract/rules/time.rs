//! The temporal tagger's section of the rule book: what each word means for time
//! (`rules/time/words.tsv`, and the number words of `rules/text/numbers.tsv`) and the marks its
//! patterns compare as written (`rules/time/marks.tsv`), compiled for one lookup per word of
//! every story.

use super::Tables;
use super::table::{Problem, Table};
use super::words::Roles;
use crate::extract::time::lexicon::{MAX_WORD, Mark, Word};
use crate::gazetteer::fast_hash::FastMap;

/// The size of the shape filter, in 64-bit words: a few bits in ten set.
const SHAPE_WORDS: usize = 64;

/// What the temporal tagger reads, compiled.
#[derive(Debug)]
pub struct TimeRules {
    /// Each word's meaning, keyed by the lower-cased word; hashed a word (eight bytes) at a time.
    table: FastMap<Box<[u8]>, Word>,
    /// The entries' shapes, one bit each ([`shape_bit`]).
    shapes: [u64; SHAPE_WORDS],
    /// The words of each mark.
    marks: Roles<Mark>,
}

/// A word's bit in the shape filter: from its length and its first, second and last letters,
/// in either case (the tokens' words are ASCII letters, whose case is bit 5).
fn shape_bit(word: &[u8]) -> usize {
    let byte = |i: usize| usize::from(word.get(i).map_or(0, |b| b | 0x20));
    let last = byte(word.len().saturating_sub(1));
    (byte(0) * 31 + byte(1) * 7 + last * 17 + word.len() * 131) % (SHAPE_WORDS * 64)
}

impl TimeRules {
    /// Builds the section from its tables, noting every problem.
    pub(crate) fn build(tables: &Tables, problems: &mut Vec<Problem>) -> TimeRules {
        let mut rules = TimeRules {
            table: FastMap::default(),
            shapes: [0; SHAPE_WORDS],
            marks: Roles::new(Mark::ALL.len()),
        };
        rules.read_words(tables.get("time/words.tsv"), problems);
        rules.read_numbers(tables.get("text/numbers.tsv"), problems);
        rules.read_marks(tables.get("time/marks.tsv"), problems);
        for key in rules.table.keys() {
            let bit = shape_bit(key);
            if let Some(slot) = rules.shapes.get_mut(bit / 64) {
                *slot |= 1 << (bit % 64);
            }
        }
        rules
    }

    /// `time/words.tsv`: word, meaning, value.
    fn read_words(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            match Word::from_table(row.field(1), row.field(2)) {
                Ok(word) => self.insert(table, row, word, problems),
                Err(message) => problems.push(table.problem(row, message)),
            }
        }
    }

    /// `text/numbers.tsv`: word, value (the value was checked by the event rules' reader).
    fn read_numbers(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            if let Ok(value) = row.field(1).parse::<u32>() {
                self.insert(table, row, Word::Number(value), problems);
            }
        }
    }

    /// `time/marks.tsv`: word, role.
    fn read_marks(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let Some(mark) = Mark::from_table_name(row.field(1)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown role `{}` (the roles are {})",
                        row.field(1),
                        Mark::table_names()
                    ),
                ));
                continue;
            };
            if letters_only(table, row, problems) {
                self.marks.insert(mark, row.field(0));
            }
        }
        for &mark in Mark::ALL {
            if self.marks.set(mark).is_empty() {
                problems.push(Problem {
                    file: table.file.clone(),
                    line: 0,
                    message: format!("no word plays the role `{}`", mark.table_name()),
                });
            }
        }
    }

    /// Gives `row`'s word its meaning: one word, one meaning, across both tables.
    fn insert(
        &mut self,
        table: &Table,
        row: &super::table::Row,
        word: Word,
        problems: &mut Vec<Problem>,
    ) {
        if !letters_only(table, row, problems) {
            return;
        }
        let written = row.field(0);
        if written.len() > MAX_WORD {
            problems.push(table.problem(
                row,
                format!(
                    "`{written}` is longer than the {MAX_WORD} letters a word is looked up with"
                ),
            ));
            return;
        }
        if let Some(other) = self.table.get(written.as_bytes()) {
            problems.push(table.problem(
                row,
                format!("`{written}` already means {other:?} for time (in time/words.tsv or text/numbers.tsv)"),
            ));
            return;
        }
        self.table.insert(written.as_bytes().into(), word);
    }

    /// What `word` means for time, in any case; `None` for the words that mean nothing for it.
    /// Allocation-free: the word is lower-cased into a stack buffer.
    #[inline]
    pub fn classify(&self, word: &[u8]) -> Option<Word> {
        if word.is_empty() || word.len() > MAX_WORD {
            return None;
        }
        // Most words are no time word: a shape no entry has turns them away before lower-casing
        // or hashing.
        let bit = shape_bit(word);
        if self
            .shapes
            .get(bit / 64)
            .is_none_or(|slot| slot & (1 << (bit % 64)) == 0)
        {
            return None;
        }
        let mut buf = [0u8; MAX_WORD];
        let lower = buf.get_mut(..word.len())?;
        for (dst, src) in lower.iter_mut().zip(word) {
            *dst = src.to_ascii_lowercase();
        }
        self.table.get(&*lower).copied()
    }

    /// Whether `word` is one of `mark`'s words, in any case.
    #[inline]
    pub fn marks(&self, mark: Mark, word: &str) -> bool {
        self.marks.set(mark).contains_ignore_ascii_case(word)
    }

    /// Every word with a meaning, sorted: for tests that check a rule against the whole lexicon.
    pub fn words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self
            .table
            .keys()
            .filter_map(|k| std::str::from_utf8(k).ok())
            .collect();
        words.sort_unstable();
        words
    }
}

/// Whether `row`'s word is lower-case ASCII letters, as the tokenizer splits a text; a problem
/// when not.
fn letters_only(table: &Table, row: &super::table::Row, problems: &mut Vec<Problem>) -> bool {
    let word = row.field(0);
    let fits = word.bytes().all(|b| b.is_ascii_lowercase());
    if !fits {
        problems.push(table.problem(
            row,
            format!(
                "`{word}` must be lower-case ASCII letters: the tokenizer splits at anything else"
            ),
        ));
    }
    fits
}
