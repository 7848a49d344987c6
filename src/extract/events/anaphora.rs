//! Sentences that are not new happenings: those that point back at one the story already told
//! ("the explosion shook…", "gunmen then entered…", "the gunbattle lasted seven hours"), and
//! those that tell no happening at all — a denial ("denied that any commander had been
//! killed"), a state of affairs ("has stepped up attacks since 2011"), a habit ("units that
//! attack villages"). Reads one sentence's tokens; the caller decides what to fold into what.

use crate::model::EventType;

use super::tokens::Token;

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

/// Words that, after `the`, `this` or `that`, name a violent happening, with the family they
/// point at (`None`: any violent happening).
const HAPPENING_NOUNS: &[(&str, Option<EventType>)] = &[
    ("strike", Some(EventType::ExplosionRemoteViolence)),
    ("strikes", Some(EventType::ExplosionRemoteViolence)),
    ("airstrike", Some(EventType::ExplosionRemoteViolence)),
    ("airstrikes", Some(EventType::ExplosionRemoteViolence)),
    ("explosion", Some(EventType::ExplosionRemoteViolence)),
    ("explosions", Some(EventType::ExplosionRemoteViolence)),
    ("blast", Some(EventType::ExplosionRemoteViolence)),
    ("bombing", Some(EventType::ExplosionRemoteViolence)),
    ("bombings", Some(EventType::ExplosionRemoteViolence)),
    ("shelling", Some(EventType::ExplosionRemoteViolence)),
    ("fighting", Some(EventType::Battle)),
    ("clash", Some(EventType::Battle)),
    ("clashes", Some(EventType::Battle)),
    ("gunbattle", Some(EventType::Battle)),
    ("battle", Some(EventType::Battle)),
    ("ambush", Some(EventType::Battle)),
    ("siege", Some(EventType::Battle)),
    ("shootout", Some(EventType::Battle)),
    ("attack", None),
    ("attacks", None),
    ("assault", None),
    ("raid", None),
    ("violence", None),
    ("killings", None),
    ("shooting", None),
];

const DEFINITE: &[&str] = &["the", "this", "that", "these", "those", "same"];

/// Verbs that carry a happening already under way on: "continued until 1 a.m.", "lasted
/// nearly an hour".
const CONTINUING: &[&str] = &["continued", "lasted", "raged"];

/// Verbs of denial: what follows them is said not to have happened.
const DENIAL: &[&str] = &["denied", "denies", "deny", "denying"];

/// How the sentence points back at a happening already told, if it does. A definite
/// happening noun up to the trigger ("the strikes killed…"), `then` opening the sentence or
/// before the trigger, or a
/// verb of continuing. Not when the noun is the subject of `came` ("the ambush came a week
/// after a similar attack"): that sentence sets the told happening beside another one.
pub fn points_back(tokens: &[Token], trigger: usize, own_family: EventType) -> Option<Reference> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.lower.as_str());
    // "In a separate exchange of fire", "a similar attack": the sentence says it is another.
    if tokens
        .iter()
        .any(|t| matches!(t.lower.as_str(), "separate" | "similar"))
    {
        return None;
    }
    let definite = (0..=trigger).find_map(|i| {
        // "The day before the clash" dates by the told happening; it does not re-tell it.
        let dates_by = i
            .checked_sub(1)
            .is_some_and(|p| matches!(word(p), "before" | "after" | "since" | "until"));
        if !DEFINITE.contains(&word(i)) || dates_by {
            return None;
        }
        (i + 1..=(i + 2).min(trigger + 1)).find_map(|n| {
            HAPPENING_NOUNS
                .iter()
                .find(|(noun, _)| *noun == word(n))
                .map(|(_, family)| (n, *family))
        })
    });
    if let Some((noun, family)) = definite {
        // Skip an apposition ("the fighting, the worst in months, began") to the verb.
        let verb = (noun + 1..tokens.len()).find(|&i| {
            !tokens[i].breaks_clause() && !matches!(word(i), "also" | "already" | "now")
        });
        let verb_word = verb.map_or("", word);
        if matches!(verb_word, "came" | "comes" | "follows" | "followed") {
            return None;
        }
        let present_perfect = matches!(verb_word, "has" | "have");
        return Some(Reference {
            target: family.map_or(PointsBack::AnyViolent, PointsBack::Family),
            present_perfect,
        });
    }
    // "Gunmen then entered…": `then` opening the sentence, or just before the trigger.
    let before = &tokens[..trigger.min(tokens.len())];
    let then = before
        .iter()
        .take(3)
        .chain(before.iter().rev().take(4))
        .any(|t| t.lower == "then");
    let continuing = tokens
        .iter()
        .any(|t| CONTINUING.contains(&t.lower.as_str()));
    (then || continuing).then_some(Reference {
        target: PointsBack::Family(own_family),
        present_perfect: false,
    })
}

/// Whether the trigger stands in what someone denies ("denied that any commander had been
/// killed").
pub fn denied(tokens: &[Token], trigger: usize) -> bool {
    tokens[..trigger.min(tokens.len())]
        .iter()
        .any(|t| DENIAL.contains(&t.lower.as_str()))
}

/// Whether the sentence tells a state of affairs rather than a happening: a verb in the
/// present perfect before the trigger, and a starting point ("has stepped up attacks … since
/// Kenyan troops entered Somalia", "has killed at least 300 civilians since the army launched
/// an offensive") or only a period to date it ("has seen heavy fighting this year": pass
/// `period_dated`). "Has since captured" is a happening: `since` right after the auxiliary
/// means "after that".
pub fn tells_a_period(tokens: &[Token], trigger: usize, period_dated: bool) -> bool {
    let perfect = |t: &Token| matches!(t.lower.as_str(), "has" | "have");
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
pub fn habitual(tokens: &[Token], trigger: usize) -> bool {
    let before = trigger
        .checked_sub(1)
        .and_then(|p| tokens.get(p))
        .map_or("", |t| t.lower.as_str());
    let verb = tokens.get(trigger).map_or("", |t| t.lower.as_str());
    let bare = matches!(
        verb,
        "attack" | "kill" | "raid" | "ambush" | "fight" | "shell" | "bomb" | "abduct" | "kidnap"
    );
    bare && matches!(before, "that" | "who" | "which" | "they")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::events::tokens::tokenize;
    use crate::model::Span;

    fn tokens(text: &str) -> Vec<Token<'_>> {
        tokenize(text, Span::new(0, text.len()))
    }

    fn at(tokens: &[Token], word: &str) -> usize {
        tokens.iter().position(|t| t.lower == word).unwrap_or(0)
    }

    #[test]
    fn a_definite_happening_noun_points_back_at_its_family() {
        let t = tokens("The coalition said on Sunday that the strikes killed several fighters.");
        let r = points_back(&t, at(&t, "killed"), EventType::Battle);
        assert_eq!(
            r.map(|r| r.target),
            Some(PointsBack::Family(EventType::ExplosionRemoteViolence))
        );
        let t = tokens("The attack came as Somalia prepares for an election.");
        assert_eq!(
            points_back(&t, at(&t, "attack"), EventType::Battle),
            None,
            "came: set beside another"
        );
        let t = tokens(
            "A boy was killed on Friday, the day before the clash, in a separate exchange of fire.",
        );
        assert_eq!(points_back(&t, at(&t, "killed"), EventType::Battle), None);
        let t = tokens("The fighting has also raised fears for the Rohingya.");
        assert!(
            points_back(&t, at(&t, "fighting"), EventType::Battle)
                .is_some_and(|r| r.present_perfect)
        );
    }

    #[test]
    fn then_and_continuing_verbs_point_back_at_the_same_family() {
        let t = tokens("Gunmen then entered the hotel and fought their way upstairs.");
        let r = points_back(&t, at(&t, "fought"), EventType::Battle);
        assert_eq!(
            r.map(|r| r.target),
            Some(PointsBack::Family(EventType::Battle))
        );
        let t = tokens("Residents said the sound of gunfire continued until 1 a.m.");
        assert!(points_back(&t, at(&t, "gunfire"), EventType::Battle).is_some());
        let t = tokens("Militants attacked a convoy near Makhmur.");
        assert_eq!(points_back(&t, at(&t, "attacked"), EventType::Battle), None);
    }

    #[test]
    fn denials_periods_and_habits_are_not_happenings() {
        let t = tokens("The Taliban denied that any commander had been killed.");
        assert!(denied(&t, at(&t, "killed")));
        let t = tokens("Al-Shabaab has stepped up attacks since Kenyan troops entered Somalia.");
        assert!(tells_a_period(&t, at(&t, "attacks"), false));
        let t = tokens("Kunduz has seen heavy fighting this year.");
        assert!(tells_a_period(&t, at(&t, "fighting"), true));
        let t = tokens("Militants have attacked the town on Monday.");
        assert!(!tells_a_period(&t, at(&t, "attacked"), false));
        let t = tokens("It says it has since captured military positions in Minbya.");
        assert!(!tells_a_period(&t, at(&t, "captured"), false));
        let t = tokens("The fighters scattered into units that attack villages.");
        assert!(habitual(&t, at(&t, "attack")));
        let t = tokens("They launched an attack on the village.");
        assert!(!habitual(&t, at(&t, "attack")));
    }
}
