//! Sentences that are not new happenings: those that point back at one the story already told
//! ("the explosion shook…", "gunmen then entered…", "the gunbattle lasted seven hours"), and
//! those that tell no happening at all — a denial ("denied that any commander had been
//! killed"), a state of affairs ("has stepped up attacks since 2011"), a habit ("units that
//! attack villages"). Reads one sentence's tokens; the caller decides what to fold into what.

use crate::extract::rules::EventRules;
use crate::model::EventType;

use super::tokens::Token;
use super::words::WordRole;

/// What a sentence points back at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointsBack {
    /// A happening of this family told before ("the strikes" → an air strike).
    Family(EventType),
    /// Any violent happening told before ("the attack", "the violence").
    AnyViolent,
}

/// How a sentence points back, with how strongly it binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// What it points at.
    pub target: PointsBack,
    /// Whether it talks about the told happening's effects now ("the fighting has raised
    /// fears"): then its own dates are of something else and do not keep it apart.
    pub present_perfect: bool,
}

/// How far after a definite word a happening noun may stand ("the recent strikes"), in tokens.
const HAPPENING_NOUN_REACH: usize = 2;
/// How far into the sentence, and back from the trigger, `then` ties it to the story, in tokens.
const THEN_OPENING: usize = 3;
/// How far back from the trigger `then` ties it to the story, in tokens.
const THEN_BEFORE_TRIGGER: usize = 4;

/// How the sentence points back at a happening already told, if it does. A definite
/// happening noun up to the trigger ("the strikes killed…"), `then` opening the sentence or
/// before the trigger, or a
/// verb of continuing. Not when the noun is the subject of `came` ("the ambush came a week
/// after a similar attack"): that sentence sets the told happening beside another one.
pub fn points_back(
    tokens: &[Token],
    trigger: usize,
    own_family: EventType,
    rules: &EventRules,
) -> Option<Reference> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    // "In a separate exchange of fire", "a similar attack": the sentence says it is another.
    if tokens.iter().any(|t| rules.is(WordRole::Another, &t.lower)) {
        return None;
    }
    let definite = (0..=trigger).find_map(|i| {
        // "The day before the clash" dates by the told happening; it does not re-tell it.
        let dates_by = i
            .checked_sub(1)
            .is_some_and(|p| rules.is(WordRole::DatingPreposition, word(p)));
        if !rules.is(WordRole::Definite, word(i)) || dates_by {
            return None;
        }
        (i + 1..=(i + HAPPENING_NOUN_REACH).min(trigger + 1))
            .find_map(|n| rules.happening(word(n)).map(|family| (n, family)))
    });
    if let Some((noun, family)) = definite {
        // Skip an apposition ("the fighting, the worst in months, began") to the verb.
        let verb = (noun + 1..tokens.len()).find(|&i| {
            !tokens[i].breaks_clause() && !rules.is(WordRole::AdverbBeforeVerb, word(i))
        });
        let verb_word = verb.map_or("", word);
        if rules.is(WordRole::SetsBeside, verb_word) {
            return None;
        }
        let present_perfect = rules.is(WordRole::Perfect, verb_word);
        return Some(Reference {
            target: family.map_or(PointsBack::AnyViolent, PointsBack::Family),
            present_perfect,
        });
    }
    // "It happened about 11 p.m., when officers heard gunfire": the sentence says when the
    // happening told before took place.
    if tells_when_told_happened(tokens, rules) {
        return Some(Reference {
            target: PointsBack::AnyViolent,
            present_perfect: false,
        });
    }
    // "Two were wounded during the robbery": what the trigger tells is a part of a happening
    // the story told already.
    if let Some(family) = within_told(tokens, trigger, rules) {
        return Some(Reference {
            target: family.map_or(PointsBack::AnyViolent, PointsBack::Family),
            present_perfect: false,
        });
    }
    // "Gunmen then entered…": `then` opening the sentence, or just before the trigger.
    let before = &tokens[..trigger.min(tokens.len())];
    let then = before
        .iter()
        .take(THEN_OPENING)
        .chain(before.iter().rev().take(THEN_BEFORE_TRIGGER))
        .any(|t| t.lower == "then");
    let continuing = tokens
        .iter()
        .any(|t| rules.is(WordRole::Continuing, &t.lower));
    (then || continuing).then_some(Reference {
        target: PointsBack::Family(own_family),
        present_perfect: false,
    })
}

/// How far into a sentence its verb of taking place may stand ("the deadly shooting
/// happened"), in tokens.
const OCCURRENCE_OPENING: usize = 4;

/// Whether the sentence says when the happening told before it took place: a verb of taking
/// place after "it" or a definite noun opening the sentence ("It happened about 9 p.m.
/// Sunday", "The shooting occurred on Elm Street").
pub fn tells_when_told_happened(tokens: &[Token], rules: &EventRules) -> bool {
    let opens = tokens
        .first()
        .is_some_and(|t| t.lower == "it" || rules.is(WordRole::Definite, &t.lower));
    opens
        && tokens
            .iter()
            .take(OCCURRENCE_OPENING)
            .take_while(|t| !t.breaks_clause())
            .any(|t| rules.is(WordRole::Occurrence, &t.lower))
}

/// Whether the trigger names what a step of the law is about ("was charged Friday in the
/// shooting death of", "pleaded guilty to the Nov. 22 shootout"): the happening came before
/// the sentence's date, which is the step's.
pub fn told_as_charged(tokens: &[Token], trigger: usize, rules: &EventRules) -> bool {
    tokens[..trigger.min(tokens.len())]
        .iter()
        .any(|t| rules.is(WordRole::LegalStep, &t.lower))
}

/// How far after the trigger "during the robbery" may stand, in tokens.
const WITHIN_REACH: usize = 4;

/// The family of the happening the trigger is said to be part of: "during", "in" or "amid"
/// and a definite happening noun just after it, in its clause ("were shot during the home
/// invasion", "killed in the attack").
fn within_told(tokens: &[Token], trigger: usize, rules: &EventRules) -> Option<Option<EventType>> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    let after = trigger + 1..(trigger + 1 + WITHIN_REACH).min(tokens.len());
    let within = after
        .take_while(|&i| !tokens[i].breaks_clause())
        .find(|&i| rules.is(WordRole::WithinHappening, word(i)))?;
    if !rules.is(WordRole::Definite, word(within + 1)) {
        return None;
    }
    (within + 2..=within + 1 + HAPPENING_NOUN_REACH).find_map(|n| rules.happening(word(n)))
}

/// Whether the trigger stands in what someone denies ("denied that any commander had been
/// killed").
pub fn denied(tokens: &[Token], trigger: usize, rules: &EventRules) -> bool {
    let negated = trigger
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(|t| rules.is(WordRole::Negation, &t.lower));
    negated
        || tokens[..trigger.min(tokens.len())]
            .iter()
            .any(|t| rules.is(WordRole::Denial, &t.lower))
}

/// How far back from an infinitive's `to` a verb of intent may stand ("asked the US-led
/// coalition to bomb"), in tokens.
const INTENTION_REACH: usize = 8;
/// How many auxiliaries may stand between a modal and its trigger ("could have been killed").
const MODAL_FILLERS: usize = 2;
/// How far after a condition's opening word its subject's article may stand ("whether a
/// shooting", "if the deadly attack"), in tokens.
const CONDITION_SUBJECT_ARTICLE: usize = 2;
/// How far after that article the subject's noun may stand ("if a drive-by shooting"), in
/// tokens, counting the article.
const CONDITION_SUBJECT_REACH: usize = 3;

/// Whether the trigger tells a happening that has not taken place: one intended or asked for
/// ("asked the coalition to bomb", "threatened to attack"), only possible or expected ("would
/// retaliate", "could have been killed"), imagined in a condition ("if they attack") or asked
/// about (a question).
pub fn intended(tokens: &[Token], trigger: usize, rules: &EventRules) -> bool {
    let trigger = trigger.min(tokens.len());
    let before = &tokens[..trigger];
    let asked_about = tokens.last().is_some_and(|t| t.lower == "?");
    asked_about
        || infinitive_of_intent(before, rules)
        || after_modal(before, rules)
        || in_condition(before, rules)
}

/// "asked the coalition to bomb": `to` right before the trigger, a verb of intent before it in
/// the same clause.
fn infinitive_of_intent(before: &[Token], rules: &EventRules) -> bool {
    let Some((to, rest)) = before.split_last() else {
        return false;
    };
    // Inside a sentence a full stop or a hyphen is part of a word ("the U.S.-led coalition").
    let inside_a_word = |t: &&Token| matches!(t.lower.as_str(), "." | "-");
    to.lower == "to"
        && rest
            .iter()
            .rev()
            .filter(|t| !inside_a_word(t))
            .take(INTENTION_REACH)
            .take_while(|t| !t.breaks_clause())
            .any(|t| rules.is(WordRole::Intention, &t.lower))
}

/// "would attack", "could have been killed": a modal right before the trigger, through at most
/// [`MODAL_FILLERS`] auxiliaries. A capitalised "May" is the month.
fn after_modal(before: &[Token], rules: &EventRules) -> bool {
    let mut back = before.iter().rev();
    for _ in 0..=MODAL_FILLERS {
        let Some(t) = back.next() else {
            return false;
        };
        if rules.is(WordRole::Modal, &t.lower) {
            return !(t.capitalised && t.lower == "may");
        }
        if !rules.is(WordRole::ModalFiller, &t.lower) {
            return false;
        }
    }
    false
}

/// "if they attack": a word that opens a condition before the trigger, in the same clause (a
/// relative pronoun or a clause opener between them ends it: "whether the child who was killed
/// …" takes the killing as told). Not
/// when the trigger is the noun the condition opens with ("whether a shooting … was
/// gang-related", "if the attack was planned"): what the condition asks is about a happening
/// it takes as told.
fn in_condition(before: &[Token], rules: &EventRules) -> bool {
    let Some(at) = before
        .iter()
        .rposition(|t| {
            t.breaks_clause()
                || rules.is(WordRole::Condition, &t.lower)
                || rules.is(WordRole::Relative, &t.lower)
                || rules.is(WordRole::ClauseOpener, &t.lower)
        })
        .filter(|&i| rules.is(WordRole::Condition, &before[i].lower))
    else {
        return false;
    };
    let opening = &before[at + 1..];
    let article = |t: &Token| {
        rules.is(WordRole::Definite, &t.lower) || rules.is(WordRole::IntroducingArticle, &t.lower)
    };
    let its_subject = opening
        .iter()
        .take(CONDITION_SUBJECT_ARTICLE)
        .position(article)
        .is_some_and(|a| opening.len() - a <= CONDITION_SUBJECT_REACH);
    !its_subject
}

/// Whether the sentence tells a state of affairs rather than a happening: a verb in the
/// present perfect before the trigger, and a starting point ("has stepped up attacks … since
/// Kenyan troops entered Somalia", "has killed at least 300 civilians since the army launched
/// an offensive") or only a period to date it ("has seen heavy fighting this year": pass
/// `period_dated`). "Has since captured" is a happening: `since` right after the auxiliary
/// means "after that".
pub fn tells_a_period(
    tokens: &[Token],
    trigger: usize,
    period_dated: bool,
    rules: &EventRules,
) -> bool {
    let perfect = |t: &Token| rules.is(WordRole::Perfect, &t.lower);
    let since = tokens.iter().enumerate().any(|(i, t)| {
        t.lower == "since"
            && !i
                .checked_sub(1)
                .and_then(|p| tokens.get(p))
                .is_some_and(perfect)
    });
    let has_perfect = tokens[..trigger.min(tokens.len())].iter().any(perfect);
    has_perfect && (since || period_dated)
}

/// Whether the trigger is a verb of habit: a bare present after a relative pronoun or a
/// plural subject pronoun ("units that attack villages", "they attack convoys"), told with
/// no date of its own.
pub fn habitual(tokens: &[Token], trigger: usize, rules: &EventRules) -> bool {
    let before = trigger
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .map_or("", |t| t.lower.as_str());
    let verb = tokens.get(trigger).map_or("", |t| t.lower.as_str());
    rules.is(WordRole::HabitVerb, verb) && rules.is(WordRole::HabitSubject, before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::events::tokens::tokenize;
    use crate::model::Span;

    fn rules() -> &'static EventRules {
        &crate::extract::rules::Rules::embedded().events
    }

    fn tokens(text: &str) -> Vec<Token<'_>> {
        tokenize(text, Span::new(0, text.len()))
    }

    fn at(tokens: &[Token], word: &str) -> usize {
        tokens.iter().position(|t| t.lower == word).unwrap_or(0)
    }

    #[test]
    fn a_definite_happening_noun_points_back_at_its_family() {
        let t = tokens("The coalition said on Sunday that the strikes killed several fighters.");
        let r = points_back(&t, at(&t, "killed"), EventType::Battle, rules());
        assert_eq!(
            r.map(|r| r.target),
            Some(PointsBack::Family(EventType::ExplosionRemoteViolence))
        );
        let t = tokens("The attack came as Somalia prepares for an election.");
        assert_eq!(
            points_back(&t, at(&t, "attack"), EventType::Battle, rules()),
            None,
            "came: set beside another"
        );
        let t = tokens(
            "A boy was killed on Friday, the day before the clash, in a separate exchange of fire.",
        );
        assert_eq!(
            points_back(&t, at(&t, "killed"), EventType::Battle, rules()),
            None
        );
        let t = tokens("The fighting has also raised fears for the Rohingya.");
        assert!(
            points_back(&t, at(&t, "fighting"), EventType::Battle, rules())
                .is_some_and(|r| r.present_perfect)
        );
    }

    #[test]
    fn then_and_continuing_verbs_point_back_at_the_same_family() {
        let t = tokens("Gunmen then entered the hotel and fought their way upstairs.");
        let r = points_back(&t, at(&t, "fought"), EventType::Battle, rules());
        assert_eq!(
            r.map(|r| r.target),
            Some(PointsBack::Family(EventType::Battle))
        );
        let t = tokens("Residents said the sound of gunfire continued until 1 a.m.");
        assert!(points_back(&t, at(&t, "gunfire"), EventType::Battle, rules()).is_some());
        let t = tokens("Militants attacked a convoy near Makhmur.");
        assert_eq!(
            points_back(&t, at(&t, "attacked"), EventType::Battle, rules()),
            None
        );
    }

    #[test]
    fn what_is_intended_possible_imagined_or_asked_has_not_happened() {
        let not_yet = [
            (
                "Local commanders asked the air force to bomb the ridge.",
                "bomb",
            ),
            (
                "After the raid, units near the town asked the U.S.-led coalition to bomb the ridge.",
                "bomb",
            ),
            ("The rebels threatened to attack the garrison.", "attack"),
            ("The group plans to attack more convoys.", "attack"),
            (
                "Officials warned that militants would attack again.",
                "attack",
            ),
            ("Dozens could have been killed in the blast.", "killed"),
            ("If the talks fail, they will attack the town.", "attack"),
            ("The army said it would not attack civilians.", "attack"),
            ("Was anyone killed in the fire?", "killed"),
            ("A reward is offered if a tip leads to an arrest.", "arrest"),
        ];
        for (text, trigger) in not_yet {
            let t = tokens(text);
            assert!(intended(&t, at(&t, trigger), rules()), "{text}");
        }
        let happened = [
            ("Gunmen attacked a bus on Monday.", "attacked"),
            (
                "The attack, which officials said was planned, killed four.",
                "killed",
            ),
            ("Two men were shot after they refused to leave.", "shot"),
            ("Police came to the house and arrested him.", "arrested"),
            ("In May attackers killed two farmers.", "killed"),
            (
                "Police are investigating whether a shooting was gang-related.",
                "shooting",
            ),
            (
                "Detectives asked if the deadly attack was planned.",
                "attack",
            ),
            (
                "It was unclear whether she was the woman who was killed.",
                "killed",
            ),
        ];
        for (text, trigger) in happened {
            let t = tokens(text);
            assert!(!intended(&t, at(&t, trigger), rules()), "{text}");
        }
    }

    #[test]
    fn denials_periods_and_habits_are_not_happenings() {
        let t = tokens("The Taliban denied that any commander had been killed.");
        assert!(denied(&t, at(&t, "killed"), rules()));
        let t = tokens("Al-Shabaab has stepped up attacks since Kenyan troops entered Somalia.");
        assert!(tells_a_period(&t, at(&t, "attacks"), false, rules()));
        let t = tokens("Kunduz has seen heavy fighting this year.");
        assert!(tells_a_period(&t, at(&t, "fighting"), true, rules()));
        let t = tokens("Militants have attacked the town on Monday.");
        assert!(!tells_a_period(&t, at(&t, "attacked"), false, rules()));
        let t = tokens("It says it has since captured military positions in Minbya.");
        assert!(!tells_a_period(&t, at(&t, "captured"), false, rules()));
        let t = tokens("The fighters scattered into units that attack villages.");
        assert!(habitual(&t, at(&t, "attack"), rules()));
        let t = tokens("They launched an attack on the village.");
        assert!(!habitual(&t, at(&t, "attack"), rules()));
    }
}
