//! The event rules' section of the rule book: the cues words and phrases give
//! (`rules/events/cues.tsv`), the checks of ambiguous cue words (`ambiguous_cues.tsv`), the
//! roles words play (`words.tsv`), the actors named (`rules/actors.tsv`) and the generic ones
//! (`mentions.tsv`, `actor_classes.tsv`, `country_names.tsv`), compiled for lookup at every
//! token of every sentence.

use super::Tables;
use super::phrases::PhraseIndex;
use super::table::{Problem, Table};
use super::words::Roles;
use crate::extract::events::Cue;
use crate::extract::events::tokens::{Token, tokenize};
use crate::extract::events::words::{ActorClass, CasualtyRole, CueCheck, EntryForm, WordRole};
use crate::extract::shapes::ShapeFilter;
use crate::extract::time::lexicon::Word;
use crate::gazetteer::fast_hash::FastMap;
use crate::model::{Count, Country, EventType, Span};

/// What every state's forces' actor name holds ("Military Forces of Iraq", "Police Forces of
/// Iraq"): an event whose actors hold it names the state's side. The military and police names
/// of `actor_classes.tsv` are checked to hold it.
pub const STATE_FORCES_MARK: &str = "Forces of";

/// An actor class's ACLED-style name: a template whose `{}` is the country's name.
#[derive(Clone, Debug, Default)]
pub struct ActorName {
    template: String,
}

impl ActorName {
    /// The name for a country (its name as ACLED writes it).
    pub fn of(&self, country: &str) -> String {
        self.template.replace("{}", country)
    }

    /// The name's words before the country: "Protesters" of "Protesters ({})". Every name of
    /// the class starts with them.
    pub fn stem(&self) -> &str {
        let cut = self
            .template
            .find(" (")
            .or_else(|| self.template.find("{}"))
            .unwrap_or(self.template.len());
        self.template.get(..cut).unwrap_or("").trim_end()
    }
}

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
    /// The named groups, by their lower-cased words, with their canonical names.
    named_groups: PhraseIndex<Box<str>>,
    /// The generic mentions and the class each stands for.
    mentions: PhraseIndex<ActorClass>,
    /// Each actor class's name, by class.
    actor_names: Vec<ActorName>,
    /// The countries whose ACLED name is not their ISO name.
    country_names: FastMap<Country, Box<str>>,
    /// The casualty words of each role.
    casualties: Roles<CasualtyRole>,
    /// The shapes of the words of death and injury: most tokens are turned away before either
    /// set is asked.
    casualty_cue_shapes: ShapeFilter,
    /// Number words and exact amounts, with their value.
    exact_numbers: FastMap<Box<str>, u32>,
    /// Vague amounts, as ranges.
    vague_amounts: FastMap<Box<str>, Count>,
    /// The happening nouns and the family each points at (`None`: any violent happening).
    happenings: FastMap<Box<str>, Option<EventType>>,
    /// The months' names and abbreviations: a number beside one is a date, not a count.
    months: super::words::WordSet,
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
            named_groups: PhraseIndex::default(),
            mentions: PhraseIndex::default(),
            actor_names: vec![ActorName::default(); ActorClass::ALL.len()],
            country_names: FastMap::default(),
            casualties: Roles::new(CasualtyRole::ALL.len()),
            casualty_cue_shapes: ShapeFilter::default(),
            exact_numbers: FastMap::default(),
            vague_amounts: FastMap::default(),
            happenings: FastMap::default(),
            months: super::words::WordSet::default(),
        };
        rules.read_cues(tables.get("events/cues.tsv"), problems);
        rules.read_cue_checks(tables.get("events/ambiguous_cues.tsv"), problems);
        rules.read_words(tables.get("events/words.tsv"), problems);
        rules.read_named_groups(tables.get("actors.tsv"), problems);
        rules.read_mentions(tables.get("events/mentions.tsv"), problems);
        rules.read_actor_names(tables.get("events/actor_classes.tsv"), problems);
        rules.read_country_names(tables.get("events/country_names.tsv"), problems);
        rules.read_casualties(tables.get("events/casualties.tsv"), problems);
        rules.read_numbers(tables.get("text/numbers.tsv"), problems);
        rules.read_amounts(tables.get("events/amounts.tsv"), problems);
        rules.read_happenings(tables.get("events/happenings.tsv"), problems);
        rules.read_months(tables.get("time/words.tsv"));
        rules
    }

    /// `time/words.tsv`: the words whose meaning is a month (checked by the temporal tagger's
    /// reader).
    fn read_months(&mut self, table: &Table) {
        for row in &table.rows {
            if let Ok(Word::Month(_) | Word::MonthAbbr(_)) =
                Word::from_table(row.field(1), row.field(2))
            {
                self.months.insert(row.field(0));
            }
        }
    }

    /// Whether `word` names a month, in full or abbreviated, lower case.
    #[inline]
    pub fn is_month(&self, word: &str) -> bool {
        self.months.contains(word)
    }

    /// `events/happenings.tsv`: noun, family.
    fn read_happenings(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let family = match row.field(1) {
                "any" => None,
                name => match name.parse::<EventType>() {
                    Ok(family) => Some(family),
                    Err(_) => {
                        problems.push(table.problem(
                            row,
                            format!("`{name}` is no event type (src/model/kind.rs) and not `any`"),
                        ));
                        continue;
                    }
                },
            };
            if one_token(table, row.line, row.field(0), problems) {
                self.happenings.insert(row.field(0).into(), family);
            }
        }
    }

    /// `events/casualties.tsv`: word, role.
    fn read_casualties(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let Some(role) = CasualtyRole::from_table_name(row.field(1)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown role `{}` (the roles are {})",
                        row.field(1),
                        CasualtyRole::table_names()
                    ),
                ));
                continue;
            };
            let Some(words) = token_words(table, row.line, row.field(0), problems) else {
                continue;
            };
            let wanted = if role.two_words() { 2 } else { 1 };
            if words.len() != wanted {
                problems.push(table.problem(
                    row,
                    format!(
                        "the role `{}` takes {wanted} word(s), not {}",
                        role.table_name(),
                        words.len()
                    ),
                ));
                continue;
            }
            self.casualties.insert(role, row.field(0));
        }
        for &role in CasualtyRole::ALL {
            if self.casualties.set(role).is_empty() {
                problems.push(Problem {
                    file: table.file.clone(),
                    line: 0,
                    message: format!("no word plays the role `{}`", role.table_name()),
                });
            }
        }
        self.casualty_cue_shapes = self
            .casualties
            .set(CasualtyRole::Death)
            .iter()
            .chain(self.casualties.set(CasualtyRole::Injury).iter())
            .chain(self.casualties.set(CasualtyRole::Hit).iter())
            .chain(self.casualties.set(CasualtyRole::Fatal).iter())
            .collect();
    }

    /// `text/numbers.tsv`: word, value.
    fn read_numbers(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let Some(value) = row.field(1).parse::<u32>().ok() else {
                problems.push(table.problem(row, "the value must be a whole number".to_string()));
                continue;
            };
            if one_token(table, row.line, row.field(0), problems) {
                self.exact_numbers.insert(row.field(0).into(), value);
            }
        }
    }

    /// `events/amounts.tsv`: word, low, best, high.
    fn read_amounts(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            let number = |i: usize| row.field(i).parse::<u32>().ok();
            let (Some(low), Some(best), Some(high)) = (number(1), number(2), number(3)) else {
                problems.push(
                    table.problem(row, "low, best and high must be whole numbers".to_string()),
                );
                continue;
            };
            if !(low <= best && best <= high) {
                problems.push(table.problem(row, "want low <= best <= high".to_string()));
                continue;
            }
            if !one_token(table, row.line, row.field(0), problems) {
                continue;
            }
            if self.exact_numbers.contains_key(row.field(0)) {
                problems.push(table.problem(
                    row,
                    format!(
                        "`{}` is a number word of text/numbers.tsv already",
                        row.field(0)
                    ),
                ));
                continue;
            }
            if low == high {
                self.exact_numbers.insert(row.field(0).into(), low);
            } else {
                self.vague_amounts
                    .insert(row.field(0).into(), Count { low, best, high });
            }
        }
    }

    /// Whether `word` plays the casualty role `role`.
    #[inline]
    pub fn casualty(&self, role: CasualtyRole, word: &str) -> bool {
        self.casualties.has(role, word)
    }

    /// The casualty words of `role`.
    pub fn casualty_words(&self, role: CasualtyRole) -> &super::words::WordSet {
        self.casualties.set(role)
    }

    /// Whether `word` may be a word of death or injury: false means it is neither.
    #[inline]
    pub fn may_count_casualties(&self, word: &str) -> bool {
        self.casualty_cue_shapes.may_contain(word)
    }

    /// The value of a number word or an exact amount ("six", "hundred", "dozen").
    pub fn exact_number(&self, word: &str) -> Option<u32> {
        self.exact_numbers.get(word).copied()
    }

    /// A vague amount as a range ("dozens").
    pub fn vague_amount(&self, word: &str) -> Option<Count> {
        self.vague_amounts.get(word).copied()
    }

    /// `actors.tsv`: written, canonical (the rest is the geoparser's). Every name with a canonical
    /// name, lower-cased.
    fn read_named_groups(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        let mut entries: Vec<(Vec<String>, Box<str>)> = Vec::new();
        for row in &table.rows {
            let canonical = row.field(1);
            if canonical == "-" {
                continue;
            }
            let lower = row.field(0).to_lowercase();
            let Some(words) = token_words(table, row.line, &lower, problems) else {
                continue;
            };
            match entries.iter().find(|(w, _)| *w == words) {
                Some((_, other)) if **other != *canonical => problems.push(table.problem(
                    row,
                    format!(
                        "`{}` reads as a name already given as `{other}`: the event rules read \
                         names in any case",
                        row.field(0)
                    ),
                )),
                Some(_) => {}
                None => entries.push((words, canonical.into())),
            }
        }
        self.named_groups = PhraseIndex::new(entries);
    }

    /// `events/mentions.tsv`: phrase, class.
    fn read_mentions(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        let mut entries = Vec::new();
        for row in &table.rows {
            let Some(class) = ActorClass::from_table_name(row.field(1)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown actor class `{}` (the classes are {})",
                        row.field(1),
                        ActorClass::table_names()
                    ),
                ));
                continue;
            };
            if let Some(words) = token_words(table, row.line, row.field(0), problems) {
                entries.push((words, class));
            }
        }
        self.mentions = PhraseIndex::new(entries);
    }

    /// `events/actor_classes.tsv`: class, name.
    fn read_actor_names(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        let mut named = vec![false; ActorClass::ALL.len()];
        for row in &table.rows {
            let Some(class) = ActorClass::from_table_name(row.field(0)) else {
                problems.push(table.problem(
                    row,
                    format!(
                        "unknown actor class `{}` (the classes are {})",
                        row.field(0),
                        ActorClass::table_names()
                    ),
                ));
                continue;
            };
            let name = ActorName {
                template: row.field(1).to_string(),
            };
            let state = matches!(class, ActorClass::Military | ActorClass::Police);
            if state && !name.template.contains(STATE_FORCES_MARK) {
                problems.push(table.problem(
                    row,
                    format!("a state's forces' name must hold `{STATE_FORCES_MARK}`"),
                ));
            }
            if name.stem().is_empty() {
                problems.push(table.problem(row, "the name must open with words".to_string()));
            }
            if let Some(slot) = self.actor_names.get_mut(usize::from(class)) {
                *slot = name;
            }
            if let Some(seen) = named.get_mut(usize::from(class)) {
                *seen = true;
            }
        }
        for (&class, seen) in ActorClass::ALL.iter().zip(named) {
            if !seen {
                problems.push(Problem {
                    file: table.file.clone(),
                    line: 0,
                    message: format!("the actor class `{}` has no name", class.table_name()),
                });
            }
        }
    }

    /// `events/country_names.tsv`: country, name.
    fn read_country_names(&mut self, table: &Table, problems: &mut Vec<Problem>) {
        for row in &table.rows {
            match Country::from_code(row.field(0)) {
                Some(country) => {
                    self.country_names.insert(country, row.field(1).into());
                }
                None => problems.push(table.problem(
                    row,
                    format!("`{}` is no ISO 3166-1 country code", row.field(0)),
                )),
            }
        }
    }

    /// Whether a named group may start with `word`: false means none does.
    #[inline]
    pub fn may_name_group(&self, word: &str) -> bool {
        self.named_groups.may_start(word)
    }

    /// The longest named group the tokens start with: its length in tokens and its canonical
    /// name.
    pub fn named_group(&self, tokens: &[Token]) -> Option<(usize, &str)> {
        self.named_groups
            .longest_at(tokens)
            .map(|(len, name)| (len, &**name))
    }

    /// Whether a generic mention may start with `word`: false means none does.
    #[inline]
    pub fn may_mention(&self, word: &str) -> bool {
        self.mentions.may_start(word)
    }

    /// The longest generic mention the tokens start with: its length in tokens and its class.
    pub fn mention(&self, tokens: &[Token]) -> Option<(usize, ActorClass)> {
        self.mentions
            .longest_at(tokens)
            .map(|(len, class)| (len, *class))
    }

    /// An actor class's name.
    pub fn actor_name(&self, class: ActorClass) -> &ActorName {
        static NONE: ActorName = ActorName {
            template: String::new(),
        };
        self.actor_names.get(usize::from(class)).unwrap_or(&NONE)
    }

    /// The name ACLED uses for a country in actor names: the common one, not the formal ISO one.
    pub fn country_name(&self, country: Country) -> &str {
        self.country_names
            .get(&country)
            .map_or(country.name(), |name| name)
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
            let written = match role.form() {
                EntryForm::Word => one_token(table, row.line, row.field(0), problems),
                EntryForm::Phrase => token_words(table, row.line, row.field(0), problems).is_some(),
                EntryForm::Text => true,
            };
            if written {
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

    /// The family of happening a noun points back at, when it names one: `Some(None)` for any
    /// violent happening.
    pub fn happening(&self, noun: &str) -> Option<Option<EventType>> {
        self.happenings.get(noun).copied()
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
