//! The event rules' section of the rule book: the cues words and phrases give
//! (`rules/events/cues.tsv`), the checks of ambiguous cue words (`ambiguous_cues.tsv`) and the
//! roles words play (`words.tsv`), compiled for lookup at every token of every sentence.

use super::Tables;
use super::phrases::PhraseIndex;
use super::table::{Problem, Table};
use super::words::Roles;
use crate::extract::events::Cue;
use crate::extract::events::tokens::{Token, tokenize};
use crate::extract::events::words::{CueCheck, WordRole};
use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastMap;
use crate::model::Span;

/// What the event rules read, compiled.
#[derive(Debug)]
pub struct EventRules {
    /// The one-word cues.
    word_cues: FastMap<Box<str>, Cue>,
    /// Their shapes: every word of every sentence asks, and the filter spares most of them the
    /// hashing.
    word_cue_shapes: ShapeFilter,
    /// The cues of several words.
    phrase_cues: PhraseIndex<Cue>,
    /// The checks of the words whose cue depends on the words around them.
    cue_checks: FastMap<Box<str>, CueCheck>,
    /// The words of each role.
    words: Roles<WordRole>,
}

impl EventRules {
    /// Builds the section from its tables, noting every problem.
    pub(crate) fn build(tables: &Tables, problems: &mut Vec<Problem>) -> EventRules {
        let mut rules = EventRules {
            word_cues: FastMap::default(),
            word_cue_shapes: ShapeFilter::default(),
            phrase_cues: PhraseIndex::default(),
            cue_checks: FastMap::default(),
            words: Roles::new(WordRole::ALL.len()),
        };
        rules.read_cues(tables.get("events/cues.tsv"), problems);
        rules.read_cue_checks(tables.get("events/ambiguous_cues.tsv"), problems);
        rules.read_words(tables.get("events/words.tsv"), problems);
        rules
    }

    /// `events/ambiguous_cues.tsv`: word, check.
    fn read_cue_checks(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let Some(check) = CueCheck::from_table_name(row.field(1)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown check `{}` (the checks are {})",
                        row.field(1),
                        CueCheck::table_names()
                    ),
                ));
                continue;
            };
            if one_token(table, row.line, row.field(0), problems) {
                self.cue_checks.insert(row.field(0).into(), check);
            }
        }
    }

    /// `events/words.tsv`: word, role.
    fn read_words(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let Some(role) = WordRole::from_table_name(row.field(1)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown role `{}` (the roles are {})",
                        row.field(1),
                        WordRole::table_names()
                    ),
                ));
                continue;
            };
            if one_token(table, row.line, row.field(0), problems) {
                self.words.insert(role, row.field(0));
            }
        }
        for &role in WordRole::ALL {
            if self.words.set(role).is_empty() {
                problems.push(Problem {
                    file: table.file.clone(),
                    line: 0,
                    message: format!("no word plays the role `{}`", role.table_name()),
                });
            }
        }
    }

    /// Whether `word` plays `role`.
    #[inline]
    pub fn is(&self, role: WordRole, word: &str) -> bool {
        self.words.has(role, word)
    }

    /// The words of `role`.
    pub fn words(&self, role: WordRole) -> &super::words::WordSet {
        self.words.set(role)
    }

    /// The check a word's cue must pass, when it depends on the words around it.
    pub fn cue_check(&self, word: &str) -> Option<CueCheck> {
        self.cue_checks.get(word).copied()
    }

    /// `events/cues.tsv`: phrase, cue.
    fn read_cues(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        let mut phrases = Vec::new();
        for row in &table.rows {
            let Some(cue) = Cue::from_table_name(row.field(1)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown cue `{}` (the cues are {})",
                        row.field(1),
                        Cue::table_names()
                    ),
                ));
                continue;
            };
            let Some(words) = token_words(table, row.line, row.field(0), problems) else {
                continue;
            };
            if words.len() == 1 {
                self.word_cues.insert(row.field(0).into(), cue);
            } else {
                phrases.push((words, cue));
            }
        }
        self.word_cue_shapes = self.word_cues.keys().map(|k| &**k).collect();
        self.phrase_cues = PhraseIndex::new(phrases);
    }

    /// The cue a single word gives, if any.
    #[inline]
    pub fn word_cue(&self, word: &str) -> Option<Cue> {
        if !self.word_cue_shapes.may_contain(word) {
            return None;
        }
        self.word_cues.get(word).copied()
    }

    /// The longest multi-word cue the tokens start with: its length in tokens and its cue.
    pub fn phrase_cue(&self, tokens: &[Token]) -> Option<(usize, Cue)> {
        self.phrase_cues
            .longest_at(tokens)
            .map(|(len, cue)| (len, *cue))
    }

    /// Whether `word` may be a cue or start one: false means [`Self::word_cue`] and
    /// [`Self::phrase_cue`] both answer `None` for it, so a caller asking at every token skips
    /// both.
    #[inline]
    pub fn may_cue(&self, word: &str) -> bool {
        self.word_cue_shapes.may_contain(word) || self.phrase_cues.may_start(word)
    }
}

/// Whether `word` is one lower-case token as the event tokenizer reads a sentence; a problem
/// when not.
fn one_token(table: &Table, line: usize, word: &str, problems: &mut Vec<Problem>) -> bool {
    match token_words(table, line, word, problems) {
        Some(words) if words.len() == 1 => true,
        Some(_) => {
            problems.push(Problem {
                file: table.file.clone(),
                line,
                message: format!("`{word}` must be one word"),
            });
            false
        }
        None => false,
    }
}

/// The words of a phrase as the event tokenizer reads a sentence: lower case, one token each.
/// `None`, with a problem, for a phrase no sentence could match.
fn token_words(
    table: &Table,
    line: usize,
    phrase: &str,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    let words: Vec<String> = phrase.split(' ').map(str::to_string).collect();
    let tokens: Vec<String> = tokenize(phrase, Span::new(0, phrase.len()))
        .iter()
        .map(|t| t.lower.to_string())
        .collect();
    let problem = |message: String| Problem {
        file: table.file.clone(),
        line,
        message,
    };
    if phrase.to_lowercase() != phrase {
        problems.push(problem(format!(
            "`{phrase}` must be written in lower case: sentences are matched lower-cased"
        )));
        return None;
    }
    if tokens != words {
        problems.push(problem(format!(
            "`{phrase}` is read as the tokens {tokens:?}, not as its words separated by single spaces: \
             no sentence could match it"
        )));
        return None;
    }
    Some(words)
}
