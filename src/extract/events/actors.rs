//! Actors: who acts and who is acted on. Named groups come from the rule book's
//! `rules/actors.tsv` and from the article's own definitions ("Popular Mobilization Forces
//! (PMF)"); generic mentions ("soldiers", "protesters", "gunmen": `rules/events/mentions.tsv`)
//! become ACLED-style actor names with the event's country ("Military Forces of Iraq",
//! "Protesters (Iraq)": `actor_classes.tsv`). Roles follow the trigger: before an active verb or
//! after a passive one's "by" is the initiator, the other side the target.

use std::collections::BTreeMap;

use crate::model::{Actor, Country, Role, Span, SubKind};

use super::classify::Classified;
use super::tokens::Token;
use super::words::{ActorClass, WordRole};
use crate::extract::mentions::PlaceMention;
use crate::extract::rules::EventRules;

/// The shortest and longest acronym an article defines, in bytes.
const ACRONYM_BYTES: std::ops::RangeInclusive<usize> = 2..=8;
/// How many capitals an acronym needs: "OK" in brackets is no definition.
const ACRONYM_CAPITALS: usize = 2;
/// How many words before the bracket may spell an acronym out.
const ACRONYM_REACH: usize = 8;

/// Acronyms the article defines: "Popular Mobilization Forces (PMF)" maps `pmf` to the name.
pub fn acronyms(text: &str, rules: &EventRules) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        let acronym = &after[..close];
        let is_acronym = ACRONYM_BYTES.contains(&acronym.len())
            && acronym
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            && acronym.chars().filter(char::is_ascii_uppercase).count() >= ACRONYM_CAPITALS;
        if is_acronym {
            let before = text[..offset + open].trim_end();
            let words: Vec<&str> = before
                .split_whitespace()
                .rev()
                .take(ACRONYM_REACH)
                .collect();
            let initials: Vec<char> = acronym.chars().filter(char::is_ascii_uppercase).collect();
            // Take as many capitalised words (skipping small joiners) as the acronym has letters.
            let mut taken = Vec::new();
            let mut capitals = 0;
            for w in &words {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-');
                if w.is_empty() {
                    break;
                }
                let cap = w.chars().next().is_some_and(char::is_uppercase);
                if cap {
                    capitals += 1;
                } else if !rules.is(WordRole::AcronymJoiner, w) {
                    break;
                }
                taken.push(w);
                if capitals == initials.len() {
                    break;
                }
            }
            // Every initial spelt out, or all but one ("Islamic State in Iraq (ISIS)").
            if capitals >= ACRONYM_CAPITALS && capitals + 1 >= initials.len() {
                taken.reverse();
                let name = taken.join(" ");
                let name = name.trim_start_matches("the ").to_string();
                found.insert(acronym.to_lowercase(), name);
            }
        }
        offset += open + 1;
        rest = &text[offset..];
    }
    found
}

/// What the article tells the actor rules beyond one sentence.
pub struct Context<'a> {
    /// Acronyms the article defines.
    pub defined: &'a BTreeMap<String, String>,
    /// What its generic nouns stood for before the event.
    pub coreference: &'a Coreference,
    /// Its resolved places: "Egyptian forces" are Egypt's, whatever country the event is in.
    pub places: &'a [PlaceMention],
    /// The rule book's actors, mentions and words.
    pub rules: &'a EventRules,
}

/// An actor the sentence names: the token it starts at, its name and the words that named it.
type Mention = (usize, String, Span);

/// The actors of one event, with roles, in order of appearance; no duplicates. Each comes with
/// the words that named it, or `None` when the rules implied it.
///
/// 1. Every actor the sentence names ([`mentions`]).
/// 2. Those of the trigger's clause, and a pronoun's actor ([`clause_mentions`]).
/// 3. Each given a role by where it stands from the trigger ([`with_roles`]).
/// 4. The actors an event implies ([`add_implied`]): a protest's protesters, the police that
///    broke it up.
pub fn actors(
    tokens: &[Token],
    classified: &Classified,
    country: Option<Country>,
    context: &Context<'_>,
) -> Vec<(Actor, Option<Span>)> {
    let rules = context.rules;
    let country_name = country.map_or("Unknown", |c| rules.country_name(c));
    let protest = matches!(
        classified.kind.event_type(),
        crate::model::EventType::Protest | crate::model::EventType::Riot
    );
    let mentions = mentions(tokens, protest, country_name, context);
    let mentions = clause_mentions(tokens, classified.trigger_index, mentions, rules);
    let mut actors = with_roles(tokens, classified, protest, mentions, rules);
    add_implied(&mut actors, classified, country_name, rules);
    actors.sort_by_key(|(a, _)| match a.role {
        Role::Initiator => 0,
        Role::Target => 1,
        Role::Other => 2,
    });
    actors
}

/// Every actor the sentence names, in order: named groups and the article's acronyms, generic
/// mentions ("soldiers", "the militias": the group the story last named), state forces named by
/// their country ("Egyptian troops"), and in a protest its crowds ("farmers").
fn mentions(
    tokens: &[Token],
    protest: bool,
    country_name: &str,
    context: &Context<'_>,
) -> Vec<Mention> {
    let (defined, coreference, rules) = (context.defined, context.coreference, context.rules);
    let mut mentions: Vec<Mention> = Vec::new();
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        // Most tokens start no mention: turned away before any lookup.
        let may_name =
            (token.capitalised && !defined.is_empty()) || rules.may_name_group(&token.lower);
        if may_name && let Some((len, name)) = named(&tokens[i..], defined, rules) {
            mentions.push((i, name, words_span(tokens, i, len)));
            i += len;
            continue;
        }
        if rules.may_mention(&token.lower)
            && let Some((words, class)) = rules.mention(&tokens[i..])
        {
            // "Islamic State militants": the generic noun only repeats the named group. (A
            // generic actor's name holds its country in brackets or after "of".)
            let follows_named = mentions.last().is_some_and(|(at, name, _)| {
                *at < i
                    && i <= *at + NAMED_GROUP_NOUN_REACH
                    && !name.contains('(')
                    && !name.contains(" of ")
            });
            if follows_named && !matches!(class, ActorClass::Civilians | ActorClass::Protesters) {
                i += words;
                continue;
            }
            // "soldiers from the Popular Mobilization Forces", "fighters of Boko Haram": the
            // generic noun is the named group's members; the group follows.
            if !matches!(class, ActorClass::Civilians | ActorClass::Protesters)
                && members_of_named(&tokens[i + words..], defined, rules)
            {
                i += words;
                continue;
            }
            // "the militias", "the militants": the group the story last named.
            let definite = i.checked_sub(1).is_some_and(|p| tokens[p].lower == "the");
            let unnamed = class == ActorClass::UnidentifiedArmedGroup;
            let linked = coreference
                .get(tokens[i].lower.as_str())
                .or_else(|| coreference.get(""));
            // "Egyptian military forces", "Turkish troops": the state the adjective names.
            let owner = state_named_before(tokens, i, context).map(|c| rules.country_name(c));
            let template_country = owner.unwrap_or(country_name);
            let name = match linked.filter(|_| definite && unnamed) {
                Some(named) => named.clone(),
                None => rules.actor_name(class).of(template_country),
            };
            let civilians = rules.actor_name(ActorClass::Civilians).stem();
            let name = if protest && name.starts_with(civilians) {
                rules.actor_name(ActorClass::Protesters).of(country_name)
            } else {
                name
            };
            mentions.push((i, name, words_span(tokens, i, words)));
            i += words;
            continue;
        }
        if rules.is(WordRole::StateForce, &tokens[i].lower)
            && let Some(owner) = state_named_before(tokens, i, context)
        {
            mentions.push((
                i,
                rules
                    .actor_name(ActorClass::Military)
                    .of(rules.country_name(owner)),
                tokens[i].span,
            ));
            i += 1;
            continue;
        }
        if protest && rules.is(WordRole::ProtestCrowd, &tokens[i].lower) {
            let protesters = rules.actor_name(ActorClass::Protesters).of(country_name);
            mentions.push((i, protesters, tokens[i].span));
        }
        i += 1;
    }
    mentions
}

/// The mentions that take part in the trigger's clause. A trigger in a trailing clause ("…,
/// killing 2 after an exchange of fire") names nobody: then the whole sentence speaks for the
/// event. "… when fighters ambushed it": the pronoun stands for the main clause's actor.
fn clause_mentions(
    tokens: &[Token],
    trigger: usize,
    mentions: Vec<Mention>,
    rules: &EventRules,
) -> Vec<Mention> {
    let (mut lo, mut hi) = clause(tokens, trigger, rules);
    // "the Islamic State, which had just captured …": a relative clause's subject is the
    // mention right before its comma, not the main clause's.
    let antecedent = relative_antecedent(tokens, lo, trigger, &mentions, rules);
    if let Some(named) = antecedent {
        let mut mentions: Vec<Mention> = mentions
            .into_iter()
            .filter(|(at, _, _)| (lo..hi).contains(at))
            .collect();
        mentions.insert(0, (lo, named.1, named.2));
        return mentions;
    }
    if !mentions.iter().any(|(at, _, _)| (lo..hi).contains(at)) {
        (lo, hi) = (0, tokens.len());
    }
    let outside: Vec<Mention> = mentions
        .iter()
        .filter(|(at, _, _)| *at < lo)
        .cloned()
        .collect();
    let mut mentions: Vec<Mention> = mentions
        .into_iter()
        .filter(|(at, _, _)| (lo..hi).contains(at))
        .collect();
    let pronoun_object = tokens[trigger.min(tokens.len())..hi]
        .iter()
        .take(PRONOUN_REACH)
        .any(|t| rules.is(WordRole::ObjectPronoun, &t.lower));
    if pronoun_object
        && !mentions.iter().any(|(at, _, _)| *at > trigger)
        && let Some((_, name, span)) = outside.first()
    {
        mentions.push((trigger + 1, name.clone(), *span));
    }
    mentions
}

/// The mention a relative clause opening at `lo` ("…, which had just captured") stands for:
/// the one ending right before its comma, when the clause names no one before the trigger.
fn relative_antecedent(
    tokens: &[Token],
    lo: usize,
    trigger: usize,
    mentions: &[Mention],
    rules: &EventRules,
) -> Option<Mention> {
    let opens_relative = tokens
        .get(lo)
        .is_some_and(|t| rules.is(WordRole::Relative, &t.lower));
    let comma = lo.checked_sub(1).and_then(|c| tokens.get(c))?;
    if !opens_relative || comma.lower != "," || lo < 2 {
        return None;
    }
    if mentions.iter().any(|(at, _, _)| (lo..trigger).contains(at)) {
        return None;
    }
    let before = tokens[lo - 2].span.end;
    mentions
        .iter()
        .find(|(at, _, span)| *at < lo && span.end == before)
        .cloned()
}

/// The mentions as actors, each once, with the role its place gives it: in a protest its
/// crowds initiate; before an active verb the initiator, after it the target; a passive verb's
/// "by" names the initiator, and who stands before it is the target.
fn with_roles(
    tokens: &[Token],
    classified: &Classified,
    protest: bool,
    mentions: Vec<Mention>,
    rules: &EventRules,
) -> Vec<(Actor, Option<Span>)> {
    let trigger = classified.trigger_index;
    let by = tokens.iter().position(|t| t.lower == "by");
    let mut actors: Vec<(Actor, Option<Span>)> = Vec::new();
    let protesters = rules.actor_name(ActorClass::Protesters);
    let rioters = rules.actor_name(ActorClass::Rioters);
    for (at, name, span) in mentions {
        let before = at < trigger;
        let role = if protest {
            if name.starts_with(protesters.stem()) || name.starts_with(rioters.stem()) {
                Role::Initiator
            } else {
                Role::Other
            }
        } else if classified.passive {
            if by.is_some_and(|b| b > trigger && at > b) {
                Role::Initiator
            } else if before {
                Role::Target
            } else {
                Role::Other
            }
        } else if before {
            Role::Initiator
        } else {
            Role::Target
        };
        match actors.iter_mut().find(|(a, _)| a.name == name) {
            Some((existing, _)) if existing.role == Role::Other => existing.role = role,
            Some(_) => {}
            None => actors.push((Actor { name, role }, Some(span))),
        }
    }
    actors
}

/// The actors an event implies, named or not: every protest has its protesters and every riot
/// its rioters; a protest broken up was broken up by someone: the police, unless the text says
/// who.
fn add_implied(
    actors: &mut Vec<(Actor, Option<Span>)>,
    classified: &Classified,
    country_name: &str,
    rules: &EventRules,
) {
    let crowd = match classified.kind.event_type() {
        crate::model::EventType::Protest => Some(rules.actor_name(ActorClass::Protesters)),
        crate::model::EventType::Riot => Some(rules.actor_name(ActorClass::Rioters)),
        _ => None,
    };
    if let Some(crowd) = crowd
        && !actors.iter().any(|(a, _)| a.name.starts_with(crowd.stem()))
    {
        actors.push((
            Actor {
                name: crowd.of(country_name),
                role: Role::Initiator,
            },
            None,
        ));
    }
    let intervened = matches!(
        classified.kind.sub_kind(),
        Some(SubKind::ProtestWithIntervention | SubKind::ExcessiveForceAgainstProtesters)
    );
    if intervened
        && !actors.iter().any(|(a, _)| {
            a.name
                .contains(crate::extract::rules::events::STATE_FORCES_MARK)
        })
    {
        actors.push((
            Actor {
                name: rules.actor_name(ActorClass::Police).of(country_name),
                role: Role::Target,
            },
            None,
        ));
    }
}

/// The span of `len` tokens from token `at`: the words that named an actor.
fn words_span(tokens: &[Token], at: usize, len: usize) -> Span {
    let first = tokens.get(at).map(|t| t.span).unwrap_or_default();
    let last = tokens.get(at + len.max(1) - 1).map_or(first, |t| t.span);
    Span::new(first.start, last.end.max(first.end))
}

/// How far after a named group a generic noun only repeats it ("Islamic State militants"), in
/// tokens.
const NAMED_GROUP_NOUN_REACH: usize = 3;

/// How far after the trigger a pronoun object stands for the main clause's actor, in tokens.
const PRONOUN_REACH: usize = 3;

/// The token range `[lo, hi)` of the clause around the trigger: back to the nearest comma,
/// semicolon or clause opener; forward to a semicolon or a clause opener (commas after the
/// verb often introduce its victims or its "by" phrase, so they do not end it).
fn clause(tokens: &[Token], trigger: usize, rules: &EventRules) -> (usize, usize) {
    let trigger = trigger.min(tokens.len());
    let opener = |t: &Token| rules.is(WordRole::ClauseOpener, &t.lower);
    let lo = tokens[..trigger]
        .iter()
        .rposition(|t| matches!(t.lower.as_str(), "," | ";" | ":") || opener(t))
        .map_or(0, |p| p + 1);
    let hi = tokens[trigger..]
        .iter()
        .position(|t| matches!(t.lower.as_str(), ";" | ".") || opener(t))
        .map_or(tokens.len(), |p| trigger + p);
    (lo, hi)
}

/// What the story's generic nouns stand for: each generic armed noun ("militias", "fighters")
/// linked to the named group nearest it in a sentence ("the PMF, the mostly Shiite militias"),
/// and `""` linked to the last named group. Later sentences' "the militias" resolve through it.
pub type Coreference = BTreeMap<String, String>;

/// Adds one sentence's links to `links`.
pub fn link_generic_nouns(
    tokens: &[Token],
    defined: &BTreeMap<String, String>,
    links: &mut Coreference,
    rules: &EventRules,
) {
    let mut named_at: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    // Most tokens start no name: they are turned away here, before any lookup.
    while let Some(token) = tokens.get(i) {
        let may_name =
            (token.capitalised && !defined.is_empty()) || rules.may_name_group(&token.lower);
        if !may_name {
            i += 1;
            continue;
        }
        match named(&tokens[i..], defined, rules) {
            Some((len, name)) => {
                named_at.push((i, name));
                i += len;
            }
            None => i += 1,
        }
    }
    let Some((_, last)) = named_at.last() else {
        return;
    };
    links.insert(String::new(), last.clone());
    for (at, token) in tokens.iter().enumerate() {
        let noun = token.lower.as_str();
        if !rules.is(WordRole::Coreferent, noun) {
            continue;
        }
        if let Some((_, name)) = named_at.iter().min_by_key(|(n, _)| n.abs_diff(at)) {
            links.insert(noun.to_string(), name.clone());
        }
    }
}

/// The country named just before token `i` ("Egyptian" / "Israel's" before "forces"), if a
/// place mention at country precision ends there.
fn state_named_before(tokens: &[Token], i: usize, context: &Context<'_>) -> Option<Country> {
    let mut k = i;
    // "Egyptian military forces": step back over another state-force word.
    while k > 0
        && k + 2 > i
        && (context.rules.is(WordRole::StateForce, &tokens[k - 1].lower)
            || context
                .rules
                .is(WordRole::ForceQualifier, &tokens[k - 1].lower))
    {
        k -= 1;
    }
    let before = tokens.get(k.checked_sub(1)?)?;
    context
        .places
        .iter()
        .find(|m| {
            m.span.end >= before.span.start
                && m.span.end <= before.span.end + 2
                && m.span.start <= before.span.start
        })
        .filter(|m| m.place.precision == crate::model::GeoPrecision::Country)
        .and_then(|m| m.place.country)
}

/// Whether `rest` opens with "of"/"from", maybe "the", and a named group: what a generic noun
/// before it ("soldiers", "fighters") is part of.
fn members_of_named(
    rest: &[Token],
    defined: &BTreeMap<String, String>,
    rules: &EventRules,
) -> bool {
    let Some(first) = rest.first() else {
        return false;
    };
    if !rules.is(WordRole::GroupOf, &first.lower) {
        return false;
    }
    let at = if rest.get(1).is_some_and(|t| t.lower == "the") {
        2
    } else {
        1
    };
    rest.get(at..)
        .is_some_and(|group| named(group, defined, rules).is_some())
}

/// A named group starting at the first of `words`: from the lexicon, or an acronym the article
/// defined. Returns how many tokens it spans.
fn named(
    tokens: &[Token],
    defined: &BTreeMap<String, String>,
    rules: &EventRules,
) -> Option<(usize, String)> {
    let first = tokens.first()?;
    // Most tokens are lower case: the capital is the cheaper test, so it goes first.
    if let Some(name) = first
        .capitalised
        .then(|| defined.get(first.lower.as_str()))
        .flatten()
    {
        return Some((1, name.clone()));
    }
    rules
        .named_group(tokens)
        // Short all-letter acronyms must be written in capitals: "is" and "kia" are words too.
        .filter(|(len, _)| *len > 1 || first.capitalised)
        .map(|(len, name)| (len, name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::classify::classify;
    use super::super::tokens::tokenize;
    use super::*;
    use crate::model::Span;

    fn read(sentence: &str, country: &str) -> Vec<(String, Role)> {
        let tokens = tokenize(sentence, Span::new(0, sentence.len()));
        let classified =
            classify(&tokens, &crate::extract::rules::Rules::embedded().events).unwrap();
        let rules = &crate::extract::rules::Rules::embedded().events;
        let defined = acronyms(sentence, rules);
        let coreference = Coreference::new();
        let context = Context {
            defined: &defined,
            coreference: &coreference,
            places: &[],
            rules,
        };
        actors(&tokens, &classified, Country::from_code(country), &context)
            .into_iter()
            .map(|(a, _)| (a.name, a.role))
            .collect()
    }

    #[test]
    fn acronyms_join_their_expansions() {
        let rules = &crate::extract::rules::Rules::embedded().events;
        let defined = acronyms(
            "The pro-Iran Popular Mobilization Forces (PMF) group and the Allied Democratic Forces (ADF).",
            rules,
        );
        assert_eq!(
            defined.get("pmf").map(String::as_str),
            Some("Popular Mobilization Forces")
        );
        assert_eq!(
            defined.get("adf").map(String::as_str),
            Some("Allied Democratic Forces")
        );
        assert!(acronyms("He said (OK) and left (in 2014).", rules).is_empty());
    }

    #[test]
    fn roles_follow_the_verb() {
        assert_eq!(
            read(
                "Islamic State militants attacked a PMF convoy near Makhmour.",
                "IQ"
            ),
            vec![
                ("Islamic State".into(), Role::Initiator),
                ("Popular Mobilization Forces".into(), Role::Target)
            ]
        );
        assert_eq!(
            read("A man was shot dead by unidentified gunmen.", "BR"),
            vec![
                ("Unidentified Armed Group (Brazil)".into(), Role::Initiator),
                ("Civilians (Brazil)".into(), Role::Target)
            ]
        );
    }

    #[test]
    fn a_relative_clause_is_its_antecedents() {
        assert_eq!(
            read(
                "Troops arrived in 2014 to fight Boko Haram, which had just captured the town of Gwoza.",
                "NG"
            ),
            vec![("Boko Haram".into(), Role::Initiator)]
        );
    }

    #[test]
    fn members_of_a_named_group_are_the_group() {
        assert_eq!(
            read("Fighters from Boko Haram attacked a market.", "NG"),
            vec![("Boko Haram".into(), Role::Initiator)]
        );
    }

    #[test]
    fn a_possessive_after_the_trigger_is_the_main_clauses_actor() {
        assert_eq!(
            read(
                "Soldiers from the PMF were traveling when Islamic State militants attacked their convoy.",
                "IQ"
            ),
            vec![
                ("Islamic State".into(), Role::Initiator),
                ("Popular Mobilization Forces".into(), Role::Target)
            ]
        );
    }

    #[test]
    fn crowds_in_a_protest_are_protesters() {
        assert_eq!(
            read(
                "Residents blocked the road to demand fuel, and police dispersed them.",
                "VE"
            ),
            vec![
                ("Protesters (Venezuela)".into(), Role::Initiator),
                ("Police Forces of Venezuela".into(), Role::Other)
            ]
        );
    }
}
