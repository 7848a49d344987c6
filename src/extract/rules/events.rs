//! The event rules' section of the rule book: the cues words and phrases give
//! (`rules/events/cues.tsv`), compiled for lookup at every token of every sentence.

use super::Tables;
use super::phrases::PhraseIndex;
use super::table::{Problem, Table};
use crate::extract::events::Cue;
use crate::extract::events::tokens::{Token, tokenize};
use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::FastMap;
use crate::model::Span;

/// What the event rules read, compiled.
#[derive(Debug, Default)]
pub struct EventRules {
    /// The one-word cues.
    word_cues: FastMap<Box<str>, Cue>,
    /// Their shapes: every word of every sentence asks, and the filter spares most of them the
    /// hashing.
    word_cue_shapes: ShapeFilter,
    /// The cues of several words.
    phrase_cues: PhraseIndex<Cue>,
}

impl EventRules {
    /// Builds the section from its tables, noting every problem.
    pub(crate) fn build(tables: &Tables, problems: &mut Vec<Problem>) -> EventRules {
        let mut rules = EventRules::default();
        rules.read_cues(tables.get("events/cues.tsv"), problems);
        rules
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
