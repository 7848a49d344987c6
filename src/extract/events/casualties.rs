//! Casualty counts: "Six died", "31 people … were injured", "killing two and injuring five",
//! "a man was shot dead", "no fatalities", "the death toll rose to 20". Reads one sentence's
//! tokens, with the casualty words of the rule book (`rules/events/casualties.tsv`); the caller
//! combines sentences of one event.

use crate::extract::rules::EventRules;
use crate::model::{Count, Span};

use super::numbers::count_word;
use super::tokens::Token;
use super::words::CasualtyRole as R;

/// What one sentence says of the dead and the hurt.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Casualties {
    /// The dead, when the sentence counts them (0 for "no fatalities").
    pub killed: Option<Count>,
    /// The hurt, when the sentence counts them.
    pub injured: Option<Count>,
    /// Whether `killed` is a stated total ("death toll rose to", "fatalities coded as") that
    /// replaces, rather than adds to, counts from other sentences.
    pub killed_is_total: bool,
    /// The words the death count came from, the cue and its number.
    pub killed_at: Vec<Span>,
    /// The words the injury count came from.
    pub injured_at: Vec<Span>,
    /// Everyone the sentence says was hit ("two men were shot"), dead or hurt: those of them
    /// not counted dead are the hurt.
    pub hit: Option<Count>,
    /// The words the count of the hit came from.
    pub hit_at: Vec<Span>,
    /// Whether a word of death with no count tells of one dead ("Lewis died"): the dead are at
    /// least one.
    pub someone_died: bool,
    /// Whether a word of injury with no count tells of one hurt ("suffered injuries"): the hurt
    /// are at least one.
    pub someone_hurt: bool,
}

/// How many words before a cue may say no one was hurt ("no one was killed").
const NEGATION_BEFORE: usize = 4;
/// How many words after a cue may say no one was hurt ("killing nobody").
const NEGATION_AFTER: usize = 2;
/// How far before a cue a total's word may stand ("the death toll rose"), in tokens.
const TOTAL_BEFORE: usize = 2;
/// How far after a cue a total's word may stand, in tokens (the window ends before this one).
const TOTAL_AFTER: usize = 3;
/// How far after a total's word its number may stand ("toll rose to 20"), in tokens.
const TOTAL_NUMBER_REACH: usize = 6;
/// How far after an active cue its victims' number may stand ("killing at least four"), in
/// tokens (the window ends before this one).
const FORWARD_REACH: usize = 5;
/// How far before a cue its number may stand ("31 people from the … unit were injured"), in
/// tokens.
const BACKWARD_REACH: usize = 11;
/// How far before a passive cue a lone victim may stand ("a man was found dead"), in tokens.
const ONE_PERSON_REACH: usize = 5;
/// How far before a number the start of its range may stand ("between 30 and 40"), in tokens.
const RANGE_REACH: usize = 3;
/// How far before a number another joined to it by "and" may stand ("1 militant and 1
/// soldier"), in tokens.
const CONJOINED_REACH: usize = 5;
/// The years a four-digit number is taken for rather than a count.
const YEARS: std::ops::Range<u32> = 1800..2100;

/// Counts the dead and the hurt in one sentence.
pub fn casualties(tokens: &[Token], rules: &EventRules) -> Casualties {
    let mut found = Casualties::default();
    let mut used = vec![false; tokens.len()];
    for (i, token) in tokens.iter().enumerate() {
        let word = token.lower.as_str();
        // The cue words' shapes: most tokens are turned away before either set is asked.
        if !rules.may_count_casualties(word) {
            continue;
        }
        if rules.casualty(R::Fatal, word) {
            // "a fatal shooting": one dead at least, whatever else the sentence counts.
            found.someone_died = true;
        }
        let is_hit = rules.casualty(R::Hit, word);
        // "fatally shot": a word of death.
        let fatally = is_hit
            && i.checked_sub(1)
                .is_some_and(|p| rules.casualty(R::Fatally, &tokens[p].lower));
        let is_death = rules.casualty(R::Death, word) || fatally;
        let is_injury = rules.casualty(R::Injury, word);
        let is_hit = is_hit && !fatally;
        if !is_death && !is_injury && !is_hit {
            continue;
        }
        let was_used = used.clone();
        let (count, total) = if is_hit {
            (hit_count(tokens, i, &mut used, rules), false)
        } else if fatally {
            let passive = i
                .checked_sub(1)
                .and_then(|p| passive_at(tokens, p, rules))
                .is_some();
            let forward = if passive {
                None
            } else {
                forward(tokens, i, &mut used, rules)
            };
            (
                forward.or_else(|| backward(tokens, i, &mut used, rules)),
                false,
            )
        } else if let Some(zero) = negated(tokens, i, rules) {
            (Some(zero), false)
        } else if let Some(total) = stated_total(tokens, i, rules) {
            (Some(total), is_death)
        } else if let Some(summary) = summary_count(tokens, i, &used, rules) {
            // "1 fatality and 1 injured.": a coder's summary line, the event's total.
            (Some(summary), is_death)
        } else {
            (count_for(tokens, i, &mut used, rules), false)
        };
        let Some(count) = count else {
            let plural = passive_at(tokens, i, rules)
                .is_some_and(|p| rules.casualty(R::PluralPassive, &tokens[p].lower));
            found.someone_died |= is_death
                && !fatally
                && !plural
                && !grievance(tokens, i, rules)
                && rules.casualty(R::LoneDeath, word);
            // "died of his injuries" tells of the dead, not of one more hurt.
            let of_death = tokens.iter().any(|t| rules.casualty(R::Death, &t.lower));
            found.someone_hurt |=
                is_injury && !plural && !of_death && rules.casualty(R::LoneHurt, word);
            continue;
        };
        // "one was killed and two others were shot": the others are the hurt, not the dead.
        let others = is_hit
            && (0..i)
                .filter(|&k| used[k] && !was_used[k])
                .min()
                .is_some_and(|first| {
                    tokens[first..i]
                        .iter()
                        .any(|t| rules.casualty(R::Others, &t.lower))
                });
        let (slot, words) = if is_hit && !others {
            (&mut found.hit, &mut found.hit_at)
        } else if is_death && !others {
            (&mut found.killed, &mut found.killed_at)
        } else {
            (&mut found.injured, &mut found.injured_at)
        };
        // The words behind the count: the cue and the number it took ("killing four soldiers",
        // "31 people … were injured").
        let taken = (0..tokens.len()).filter(|&k| used[k] && !was_used[k]);
        let first = taken.clone().chain([i]).min().unwrap_or(i);
        let last = taken.chain([i]).max().unwrap_or(i);
        words.push(Span::new(tokens[first].span.start, tokens[last].span.end));
        if total {
            found.killed_is_total = true;
            *slot = Some(count);
        } else if !(is_death && found.killed_is_total) {
            *slot = Some(add(*slot, count));
        }
    }
    if found.hit.is_none() {
        hit_nouns(tokens, &mut found, &used, rules);
    }
    if found.hit.is_none() {
        taken_to_care(tokens, &mut found, &mut used, rules);
    }
    found
}

/// How far before a place of care the verb of being taken there may stand ("were rushed to
/// an area hospital"), in tokens.
const CARE_REACH: usize = 4;

/// "Four people were taken to the hospital": those carried to care were hurt, counted as the
/// hit (a later telling that counts them again does not add to them). Not when the sentence
/// tells a death ("taken to the hospital, where he died"): its dead are counted by their word.
fn taken_to_care(tokens: &[Token], found: &mut Casualties, used: &mut [bool], rules: &EventRules) {
    if tokens.iter().any(|t| rules.casualty(R::Death, &t.lower)) {
        return;
    }
    for (i, token) in tokens.iter().enumerate() {
        if !rules.casualty(R::CarePlace, &token.lower) {
            continue;
        }
        let verb = (i.saturating_sub(CARE_REACH)..i)
            .rev()
            .take_while(|&k| !tokens[k].breaks_clause())
            .find(|&k| rules.casualty(R::TakenTo, &tokens[k].lower))
            .filter(|&v| tokens.get(v + 1).is_some_and(|t| t.lower == "to"));
        let Some(verb) = verb.filter(|&v| passive_at(tokens, v, rules).is_some()) else {
            continue;
        };
        let count = backward(tokens, verb, used, rules)
            .or_else(|| single_passive(tokens, verb, rules).then(|| Count::exact(1)));
        if let Some(count) = count {
            found.hit = Some(count);
            found
                .hit_at
                .push(Span::new(tokens[verb].span.start, token.span.end));
            return;
        }
    }
}

/// "Two victims were taken to the hospital": a number right before a noun of the hit counts
/// them, unless a word of death or injury in the same clause tells their fate (and so counted
/// them already, or says why not).
fn hit_nouns(tokens: &[Token], found: &mut Casualties, used: &[bool], rules: &EventRules) {
    for (i, token) in tokens.iter().enumerate() {
        if !rules.casualty(R::HitNoun, &token.lower) {
            continue;
        }
        let mut j = i;
        // "two other victims"
        while j > 0 && rules.casualty(R::Others, &tokens[j - 1].lower) {
            j -= 1;
        }
        let Some(n) = j.checked_sub(1).filter(|&n| !used[n]) else {
            continue;
        };
        let Some(count) = number_at(tokens, n, rules) else {
            continue;
        };
        let start = tokens[..n]
            .iter()
            .rposition(Token::breaks_clause)
            .map_or(0, |b| b + 1);
        let end = tokens[i..]
            .iter()
            .position(Token::breaks_clause)
            .map_or(tokens.len(), |b| i + b);
        if tokens[start..end].iter().any(|t| is_cue(t, rules)) {
            continue;
        }
        found.hit = Some(add(found.hit, count));
        found
            .hit_at
            .push(Span::new(tokens[n].span.start, token.span.end));
    }
}

/// Whether the word of death at token `i` is a crowd's grievance ("against the death of a
/// student", "justice for his death"), not a toll.
fn grievance(tokens: &[Token], i: usize, rules: &EventRules) -> bool {
    let before = |k: usize| i.checked_sub(k).map(|p| tokens[p].lower.as_str());
    let determiner = before(1).is_some_and(|w| matches!(w, "the" | "a" | "his" | "her" | "their"));
    let at = if determiner { 2 } else { 1 };
    before(at).is_some_and(|w| rules.casualty(R::Grievance, w))
}

/// The passive verb before token `i`'s cue ("were shot", "was also critically injured"): its
/// index, when one stands right before the cue or with adverbs between.
fn passive_at(tokens: &[Token], i: usize, rules: &EventRules) -> Option<usize> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let word = tokens[j].lower.as_str();
        if rules.casualty(R::Passive, word) {
            return Some(j);
        }
        if !rules.casualty(R::Adverb, word) {
            return None;
        }
    }
    None
}

/// "Four students shot outside school": a count right before the word of being hit, or
/// before the one noun between them, is of the hit (a headline drops the passive's verb).
fn reduced_passive(
    tokens: &[Token],
    i: usize,
    used: &mut [bool],
    rules: &EventRules,
) -> Option<Count> {
    (1..=2)
        .filter_map(|back| i.checked_sub(back))
        .find_map(|j| {
            let count = number_at(tokens, j, rules).filter(|_| !used[j])?;
            used[j] = true;
            Some(count)
        })
}

/// Whether the passive before token `i`'s cue is singular ("the victim was shot"): with no
/// count near it, the sentence tells of one.
fn single_passive(tokens: &[Token], i: usize, rules: &EventRules) -> bool {
    passive_at(tokens, i, rules).is_some_and(|p| rules.casualty(R::SinglePassive, &tokens[p].lower))
}

/// The count of the hit a word of being hit refers to: backwards after a passive ("two men
/// were shot"), forwards after an active one ("shot a man"); "no one was shot" is zero. A noun
/// ("a shooting") counts no one.
fn hit_count(tokens: &[Token], i: usize, used: &mut [bool], rules: &EventRules) -> Option<Count> {
    if let Some(zero) = negated(tokens, i, rules) {
        return Some(zero);
    }
    let next = tokens.get(i + 1).map(|t| t.lower.as_str());
    let aimed = next.is_some_and(|w| rules.casualty(R::AimedAt, w));
    if passive_at(tokens, i, rules).is_some() {
        // "he was shot at but not hit": aimed, when nothing follows to say where.
        let aimed_only = aimed
            && tokens
                .get(i + 2)
                .is_none_or(|t| t.breaks_clause() || t.lower == "but" || t.lower == "by");
        if aimed_only {
            return None;
        }
        backward(tokens, i, used, rules)
            .or_else(|| single_passive(tokens, i, rules).then(|| Count::exact(1)))
    } else if let Some(count) = reduced_passive(tokens, i, used, rules) {
        // A headline's passive without its verb: "10 people shot at armory".
        Some(count)
    } else if aimed {
        // "someone shot at the car": aimed, not known to hit.
        None
    } else {
        forward(tokens, i, used, rules)
    }
}

/// Adds two counts, range by range.
pub fn add(a: Option<Count>, b: Count) -> Count {
    match a {
        None => b,
        Some(a) => Count {
            low: a.low.saturating_add(b.low),
            best: a.best.saturating_add(b.best),
            high: a.high.saturating_add(b.high),
        },
    }
}

/// Whether the token is a word of death or injury.
fn is_cue(token: &Token, rules: &EventRules) -> bool {
    rules.casualty(R::Death, &token.lower) || rules.casualty(R::Injury, &token.lower)
}

/// "no fatalities", "no one was killed", "without casualties": an explicit zero.
fn negated(tokens: &[Token], i: usize, rules: &EventRules) -> Option<Count> {
    let before: Vec<&str> = tokens[i.saturating_sub(NEGATION_BEFORE)..i]
        .iter()
        .map(|t| t.lower.as_str())
        .collect();
    let no_one = rules.casualty_words(R::NoOne);
    let zero = before
        .last()
        .is_some_and(|w| rules.casualty(R::ZeroBefore, w))
        || before.windows(2).any(|pair| {
            no_one.contains_pair(pair[0], pair[1]) || rules.casualty(R::NoneOf, pair[0])
        })
        || before.iter().any(|w| rules.casualty(R::Nobody, w));
    let after: Vec<&str> = tokens
        .iter()
        .skip(i + 1)
        .take(NEGATION_AFTER)
        .map(|t| t.lower.as_str())
        .collect();
    let zero = zero
        || after
            .first()
            .is_some_and(|w| rules.casualty(R::Nobody, w) || rules.casualty(R::NoneOf, w))
        || matches!(after.as_slice(), [a, b] if no_one.contains_pair(a, b));
    zero.then_some(Count::exact(0))
}

/// "3 fatalities": a number directly before the noun is a stated total.
fn summary_count(tokens: &[Token], i: usize, used: &[bool], rules: &EventRules) -> Option<Count> {
    if !rules.casualty(R::SummaryNoun, &tokens[i].lower) {
        return None;
    }
    let j = i.checked_sub(1)?;
    number_at(tokens, j, rules).filter(|_| !used[j])
}

/// "the death toll rose to 20", "Total fatalities coded as 5", "a total of 12 people died".
fn stated_total(tokens: &[Token], i: usize, rules: &EventRules) -> Option<Count> {
    let near = |range: std::ops::Range<usize>| {
        tokens
            .get(range)
            .is_some_and(|ts| ts.iter().any(|t| rules.casualty(R::Total, &t.lower)))
    };
    let window_start = i.saturating_sub(TOTAL_BEFORE);
    if !near(window_start..(i + TOTAL_AFTER).min(tokens.len())) {
        return None;
    }
    tokens
        .iter()
        .skip(i + 1)
        .take(TOTAL_NUMBER_REACH)
        .take_while(|t| !t.breaks_clause())
        .find_map(|t| count_word(&t.lower, rules))
}

/// The count a casualty word refers to: forwards for an active verb ("killing two"), else
/// backwards to the nearest number in the same clause ("31 people … were injured").
fn count_for(tokens: &[Token], i: usize, used: &mut [bool], rules: &EventRules) -> Option<Count> {
    let word = tokens[i].lower.as_str();
    let prev = i.checked_sub(1).map(|p| tokens[p].lower.as_str());
    let passive = passive_at(tokens, i, rules).is_some();
    // "shot dead a civilian": the victim follows.
    let victim_after =
        prev.is_some_and(|p| rules.casualty_words(R::VictimAfter).contains_pair(p, word));
    let prev_is_number = i
        .checked_sub(1)
        .is_some_and(|p| number_at(tokens, p, rules).is_some());
    if (rules.casualty(R::Active, word) || victim_after)
        && !passive
        && !prev_is_number
        && let Some(count) = forward(tokens, i, used, rules)
    {
        return Some(count);
    }
    backward(tokens, i, used, rules).or_else(|| {
        // "the driver was injured": one hurt (a lone death is told by `someone_died`).
        (rules.casualty(R::Injury, word) && single_passive(tokens, i, rules))
            .then(|| Count::exact(1))
    })
}

/// "between 30 and 40", "30 to 40", "30-40": a range starting at token `j`, and its last token.
fn range_at(tokens: &[Token], j: usize, rules: &EventRules) -> Option<(Count, usize)> {
    let word = |k: usize| tokens.get(k).map(|t| t.lower.as_str());
    let (first, joiner, second) = if word(j) == Some("between") {
        (j + 1, j + 2, j + 3)
    } else {
        (j, j + 1, j + 2)
    };
    if let Some((low, high)) = word(first).and_then(|w| w.split_once('-')) {
        let (low, high) = (count_word(low, rules)?.low, count_word(high, rules)?.high);
        return (low < high).then(|| {
            (
                Count {
                    low,
                    best: low.midpoint(high),
                    high,
                },
                first,
            )
        });
    }
    if !word(joiner).is_some_and(|w| rules.casualty(R::RangeJoiner, w)) {
        return None;
    }
    let low = count_word(word(first)?, rules)?.low;
    let high = count_word(word(second)?, rules)?.high;
    (low < high).then(|| {
        (
            Count {
                low,
                best: low.midpoint(high),
                high,
            },
            second,
        )
    })
}

fn forward(tokens: &[Token], i: usize, used: &mut [bool], rules: &EventRules) -> Option<Count> {
    for j in (i + 1)..(i + FORWARD_REACH).min(tokens.len()) {
        if let Some((range, last)) = range_at(tokens, j, rules).filter(|_| !used[j]) {
            used[j..=last].iter_mut().for_each(|u| *u = true);
            return Some(range);
        }
        let t = &tokens[j];
        if t.breaks_clause() || is_cue(t, rules) {
            return None;
        }
        if let Some(count) = number_at(tokens, j, rules).filter(|_| !used[j]) {
            used[j] = true;
            return Some(count);
        }
        if rules.casualty(R::ObjectPronoun, &t.lower) {
            return Some(Count::exact(1));
        }
        // "killing a man", "shot his cousin", "shot a 19 year old"; "shot their two sons"
        // counts on.
        if rules.casualty(R::Indefinite, &t.lower)
            && tokens.get(j + 1).is_some_and(|n| {
                !rules.casualty(R::NotPerson, &n.lower) && number_at(tokens, j + 1, rules).is_none()
            })
        {
            return Some(Count::exact(1));
        }
    }
    None
}

fn backward(tokens: &[Token], i: usize, used: &mut [bool], rules: &EventRules) -> Option<Count> {
    let lowest = i.saturating_sub(BACKWARD_REACH);
    let mut j = i;
    while j > lowest {
        j -= 1;
        let t = &tokens[j];
        if t.breaks_clause() || (j + 1 < i && is_cue(t, rules)) {
            return None;
        }
        if let Some(count) = number_at(tokens, j, rules).filter(|_| !used[j]) {
            used[j] = true;
            // "between 30 and 40 people were killed": the number found last ends a range.
            let start = j.saturating_sub(RANGE_REACH);
            if let Some((range, _)) =
                (start..j).find_map(|k| range_at(tokens, k, rules).filter(|(_, last)| *last == j))
            {
                used[start..j].iter_mut().for_each(|u| *u = true);
                return Some(range);
            }
            return Some(
                conjoined(tokens, j, lowest, used, rules)
                    .map_or(count, |more| add(Some(count), more)),
            );
        }
        // "a man was found dead", "he was shot": one person, if the subject is close.
        if rules.casualty(R::OnePerson, &t.lower) && i - j <= ONE_PERSON_REACH {
            return Some(Count::exact(1));
        }
    }
    None
}

/// "1 militant and 1 soldier were killed": the number before an `and` joined to `j`'s.
fn conjoined(
    tokens: &[Token],
    j: usize,
    lowest: usize,
    used: &mut [bool],
    rules: &EventRules,
) -> Option<Count> {
    let mut k = j;
    let mut saw_and = false;
    while k > lowest && j - k < CONJOINED_REACH {
        k -= 1;
        let w = tokens[k].lower.as_str();
        if w == "and" {
            saw_and = true;
        } else if tokens[k].breaks_clause() {
            return None;
        } else if saw_and && let Some(count) = number_at(tokens, k, rules).filter(|_| !used[k]) {
            used[k] = true;
            return Some(count);
        }
    }
    None
}

/// The count at token `j`, unless the number is part of a date, a time or a measure.
fn number_at(tokens: &[Token], j: usize, rules: &EventRules) -> Option<Count> {
    let count = count_word(&tokens[j].lower, rules)?;
    let next = tokens.get(j + 1).map(|t| t.lower.as_str());
    let prev = j.checked_sub(1).map(|p| tokens[p].lower.as_str());
    let dated = next.is_some_and(|n| rules.is_month(n)) || prev.is_some_and(|p| rules.is_month(p));
    let measured = next.is_some_and(|n| rules.casualty(R::Measure, n))
        || prev.is_some_and(|p| rules.casualty(R::Age, p) || rules.casualty(R::AtNumber, p));
    let year_like = tokens[j].lower.len() == 4 && YEARS.contains(&count.best);
    (!dated && !measured && !year_like).then_some(count)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// What one sentence says, read with the embedded rules.
    fn counted(sentence: &str) -> Casualties {
        casualties(
            &tokenize(sentence, Span::new(0, sentence.len())),
            &crate::extract::rules::Rules::embedded().events,
        )
    }

    fn read(sentence: &str) -> (Option<u32>, Option<u32>) {
        let c = counted(sentence);
        (c.killed.map(|c| c.best), c.injured.map(|c| c.best))
    }

    #[test]
    fn counts_in_the_usual_news_forms() {
        assert_eq!(
            read(
                "Six died, and 31 people from the predominantly ethnic Turkmen unit were injured in the shooting."
            ),
            (Some(6), Some(31))
        );
        assert_eq!(
            read("Gunmen stormed the village, killing two and injuring five."),
            (Some(2), Some(5))
        );
        assert_eq!(
            read("At least 20 people were killed in the blast."),
            (Some(20), None)
        );
        assert_eq!(
            read("A Barangay chairperson was shot dead while a councilor was wounded."),
            (Some(1), Some(1))
        );
        assert_eq!(
            read("Militants killed three soldiers near the border."),
            (Some(3), None)
        );
        assert_eq!(
            read("A child was injured by stray bullets. No fatalities."),
            (Some(0), Some(1))
        );
        assert_eq!(read("No fatalities were reported."), (Some(0), None));
        assert_eq!(
            read("The death toll rose to 45 on Tuesday."),
            (Some(45), None)
        );
        assert_eq!(
            read("3 soldiers were killed, 1 was wounded, and 1 was taken as a hostage."),
            (Some(3), Some(1))
        );
        assert_eq!(read("Dozens were wounded."), (None, Some(24)));
        assert_eq!(
            read("Airstrikes hit the market, killing between 30 and 40 people."),
            (Some(35), None)
        );
        assert_eq!(
            read("Between 30 and 40 people were killed."),
            (Some(35), None)
        );
        assert_eq!(read("The blast killed 12-15 people."), (Some(13), None));
    }

    fn hit(sentence: &str) -> (Option<u32>, bool) {
        let c = counted(sentence);
        (c.hit.map(|c| c.best), c.someone_died)
    }

    #[test]
    fn the_shot_are_counted_as_news_tells_them() {
        assert_eq!(hit("A woman was shot outside the store."), (Some(1), false));
        assert_eq!(
            hit("Three boys and two girls were shot near the park."),
            (Some(5), false)
        );
        assert_eq!(hit("Officers shot two men on the porch."), (Some(2), false));
        assert_eq!(hit("No one was shot, police said."), (Some(0), false));
        assert_eq!(
            hit("The shooting happened in the 4100 block."),
            (None, false)
        );
        assert_eq!(
            read("A driver was fatally shot on the ramp."),
            (Some(1), None)
        );
        assert_eq!(hit("Jenkins died at the hospital."), (None, true));
        assert_eq!(hit("Several guards were killed."), (None, false));
        assert_eq!(
            read("One person was killed and two others were hospitalized."),
            (Some(1), Some(2))
        );
    }

    #[test]
    fn tolls_as_local_news_states_them() {
        // A singular passive with no count is one; adverbs may stand inside the passive.
        assert_eq!(
            hit("The cashier was shot in the shoulder."),
            (Some(1), false)
        );
        assert_eq!(hit("The boy was also critically shot."), (Some(1), false));
        assert_eq!(read("The driver was seriously injured."), (None, Some(1)));
        assert_eq!(read("The clerk was not injured."), (None, Some(0)));
        // Shots aimed are not shots that hit; "shot at a bar" tells where.
        assert_eq!(hit("A man shot at the officers and ran."), (None, false));
        assert_eq!(hit("He was shot at but not hit."), (None, false));
        assert_eq!(hit("A teenager was shot at a bus stop."), (Some(1), false));
        assert_eq!(hit("6 people shot at house party"), (Some(6), false));
        // An object pronoun is one victim.
        assert_eq!(hit("Her neighbour shot her twice."), (Some(1), false));
        // "others" beside the dead are the hurt.
        assert_eq!(
            read("One woman died and three others were shot."),
            (Some(1), Some(3))
        );
        // Victims counted by a noun, unless their clause tells their fate.
        assert_eq!(
            hit("Two victims were driven to a hospital."),
            (Some(2), false)
        );
        assert_eq!(read("Two victims were killed."), (Some(2), None));
        // Those carried to care were hurt, unless the sentence tells a death.
        assert_eq!(
            hit("Four people were taken to the hospital after the shooting."),
            (Some(4), false)
        );
        assert_eq!(
            hit("The woman was rushed to an area hospital."),
            (Some(1), false)
        );
        let died = counted("He was taken to the hospital, where he died.");
        assert_eq!((died.hit, died.killed.map(|c| c.best)), (None, Some(1)));
        assert_eq!(hit("Paramedics took him to the hospital."), (None, false));
        // Ages are not counts.
        assert_eq!(hit("A man aged 58 was shot."), (Some(1), false));
        assert_eq!(hit("Police shot a 19 year old."), (Some(1), false));
        // Nor are addresses.
        assert_eq!(
            read("He shot his cousin at 101 Lighthouse Lane."),
            (None, None)
        );
        assert_eq!(
            hit("He shot his cousin at 101 Lighthouse Lane."),
            (Some(1), false)
        );
        // Injuries with no count tell of one hurt, unless they are what someone died of.
        let hurt = |s: &str| counted(s).someone_hurt;
        assert!(hurt("The man suffered non-life-threatening injuries."));
        assert!(!hurt("The man later died of his injuries."));
        assert!(!hurt("Several people were injured."));
        // A death a crowd protests is no toll of the protest; a fatal shooting has one dead.
        assert_eq!(
            hit("Hundreds marched against the death of a student."),
            (None, false)
        );
        assert_eq!(
            hit("Police are investigating a fatal shooting."),
            (None, true)
        );
        assert_eq!(
            hit("Detectives are looking into the death of a teenager."),
            (None, true)
        );
    }

    #[test]
    fn dates_and_measures_are_not_counts() {
        assert_eq!(
            read("On 29 April 2020, fighting killed nobody."),
            (Some(0), None)
        );
        assert_eq!(read("The 2019 attack, 30 km away, killed."), (None, None));
        assert_eq!(read("Total fatalities coded as 5."), (Some(5), None));
    }
}
