//! Deciding what kind of event a sentence reports. Cues from the rule book are collected first
//! ([`cues`], with the checks of words whose cue depends on the words around them); then the
//! kind rules ([`KIND_RULES`]), a priority chain that looks at the victims and the perpetrators,
//! not only the verb, pick one kind: an attack on soldiers is a battle, the same attack on
//! villagers is violence against civilians; a protest the police break up is a protest with
//! intervention.

use crate::model::{EventType, Kind, Span, SubKind};

use super::Cue;
use super::tokens::Token;
use super::words::{CueCheck, WordRole};
use crate::extract::rules::EventRules;

/// The kind a sentence reports, and the evidence for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Classified {
    /// The event's kind.
    pub kind: Kind,
    /// The trigger word or phrase that decided it.
    pub trigger: Span,
    /// Index of the trigger's first token, for finding who did what to whom.
    pub trigger_index: usize,
    /// Whether the trigger verb is passive ("were attacked by"): victims before, perpetrators after.
    pub passive: bool,
    /// How sure the rules are, 0.0..=1.0.
    pub confidence: f32,
}

/// A cue found in a sentence, at a token index.
#[derive(Clone, Copy, Debug)]
struct Found {
    cue: Cue,
    index: usize,
    len: usize,
}

/// One rule of the priority chain: the first rule, in [`KIND_RULES`] order, whose trigger is
/// found in the sentence and whose condition holds decides its kind, with the trigger as the
/// words that decided it.
struct KindRule {
    /// The cue (or cues) that fire the rule; the trigger is the one [`Trigger`] picks.
    trigger: Trigger,
    /// What else the sentence must hold.
    condition: Condition,
    /// The kind it gives.
    decide: Decide,
    /// How sure the rule is, 0.0..=1.0 (one of the named levels above [`KIND_RULES`]): roughly
    /// how often its kind is the coders' on ACLED's notes, violent kinds with a specific weapon
    /// surest.
    confidence: f32,
}

/// Which found cue fires a rule.
enum Trigger {
    /// The first occurrence of this cue.
    Cue(Cue),
    /// The first occurrence of the first of these cues the sentence holds.
    FirstOf(&'static [Cue]),
    /// Whichever of these cues comes first in the sentence.
    Earliest(&'static [Cue]),
}

/// What a sentence must hold besides the trigger for a rule to fire.
enum Condition {
    /// Nothing more.
    Always,
    /// One of these cues too.
    AnyCue(&'static [Cue]),
    /// A word of this role anywhere in the sentence.
    Word(WordRole),
    /// One of these cues, or a word of this role.
    AnyCueOrWord(&'static [Cue], WordRole),
    /// A crowd and no armed group ([`crowd_without_arms`]).
    CrowdWithoutArms,
}

/// How a rule decides the kind.
enum Decide {
    /// This sub-kind.
    Sub(SubKind),
    /// This top kind, with no sub-kind.
    Top(EventType),
    /// A protest, refined by what else happened ([`protest_kind`]).
    Protest,
    /// A battle when the victims are armed or two armed sides fight, else an attack on
    /// civilians ([`attack_kind`]).
    Attack,
    /// The disaster its trigger cue names ([`disaster_kind`]).
    Disaster,
    /// The vote, or its result when the sentence tells one ([`WordRole::ElectionResult`]).
    Election,
    /// An accusation, threat, appeal or claim, by its verb ([`statement_kind`]).
    Statement,
}

/// The disasters: each cue and the sub-kind it gives; whichever comes first in the sentence.
const DISASTER_CUES: &[Cue] = &[
    Cue::Earthquake,
    Cue::Flood,
    Cue::Storm,
    Cue::Fire,
    Cue::Drought,
    Cue::Epidemic,
    Cue::Accident,
];

/// A rule that gives `sub` on `cue` alone.
const fn on(cue: Cue, sub: SubKind, confidence: f32) -> KindRule {
    KindRule {
        trigger: Trigger::Cue(cue),
        condition: Condition::Always,
        decide: Decide::Sub(sub),
        confidence,
    }
}

/// A suicide cue with its bomb: nothing else reads so.
const SUREST: f32 = 0.9;
/// The cue names the fight outright: an air strike, shelling, a clash.
const NAMED_FIGHT: f32 = 0.85;
/// The cue names its weapon or its happening: an explosive, a grenade, an abduction, a protest,
/// a disaster.
const NAMED_HAPPENING: f32 = 0.8;
/// Crowds and deals: the cue is clear, its sub-kind less so.
const CROWD_OR_DEAL: f32 = 0.75;
/// The sub-kind rests on the words around the cue: the victims, what was taken, who was
/// arrested, an election's result.
const BY_CONTEXT: f32 = 0.7;
/// A cue often used of other things: a crowd's clash, damage.
const LOOSE: f32 = 0.65;
/// Talk and moves: meetings, visits, aid, bases, agreements.
const TALK: f32 = 0.6;
/// A group's change of activity or a withdrawal: vague cues.
const VAGUE: f32 = 0.5;
/// A statement: talk about happenings.
const STATEMENT: f32 = 0.4;

/// The kind rules, in priority order: specific weapons before fighting, violence before the
/// non-violent, talk last.
const KIND_RULES: &[KindRule] = &[
    // A suicide bomber: the suicide cue with an explosive, an attack or a bomber's word.
    KindRule {
        trigger: Trigger::Cue(Cue::Suicide),
        condition: Condition::AnyCueOrWord(
            &[Cue::Explosive, Cue::AttackVerb],
            WordRole::SuicideContext,
        ),
        decide: Decide::Sub(SubKind::SuicideBomb),
        confidence: SUREST,
    },
    // Chemical weapons, not a chemical factory.
    KindRule {
        trigger: Trigger::Cue(Cue::Chemical),
        condition: Condition::Word(WordRole::ChemicalContext),
        decide: Decide::Sub(SubKind::ChemicalWeapon),
        confidence: NAMED_HAPPENING,
    },
    on(Cue::Air, SubKind::AirDroneStrike, NAMED_FIGHT),
    // Heavy weapons together with small arms, or in a clash, is fighting on the ground.
    KindRule {
        trigger: Trigger::Cue(Cue::Shelling),
        condition: Condition::AnyCue(&[Cue::SmallArms, Cue::Clash]),
        decide: Decide::Sub(SubKind::ArmedClash),
        confidence: NAMED_HAPPENING,
    },
    on(
        Cue::Shelling,
        SubKind::ShellingArtilleryMissileAttack,
        NAMED_FIGHT,
    ),
    on(
        Cue::Explosive,
        SubKind::RemoteExplosiveLandmineIed,
        NAMED_HAPPENING,
    ),
    on(Cue::Grenade, SubKind::Grenade, NAMED_HAPPENING),
    on(Cue::Sexual, SubKind::SexualViolence, NAMED_HAPPENING),
    on(
        Cue::Abduction,
        SubKind::AbductionForcedDisappearance,
        NAMED_HAPPENING,
    ),
    on(Cue::Mob, SubKind::MobViolence, CROWD_OR_DEAL),
    on(Cue::Riot, SubKind::ViolentDemonstration, CROWD_OR_DEAL),
    KindRule {
        trigger: Trigger::Cue(Cue::Protest),
        condition: Condition::Always,
        decide: Decide::Protest,
        confidence: NAMED_HAPPENING,
    },
    // "Two groups clashed over land", "youths clashed with forces": a crowd's fight is mob
    // violence.
    KindRule {
        trigger: Trigger::Cue(Cue::Clash),
        condition: Condition::CrowdWithoutArms,
        decide: Decide::Sub(SubKind::MobViolence),
        confidence: LOOSE,
    },
    on(Cue::Regain, SubKind::GovernmentRegainsTerritory, BY_CONTEXT),
    on(
        Cue::Overtake,
        SubKind::NonStateActorOvertakesTerritory,
        BY_CONTEXT,
    ),
    KindRule {
        trigger: Trigger::FirstOf(&[Cue::Clash, Cue::SmallArms]),
        condition: Condition::Always,
        decide: Decide::Sub(SubKind::ArmedClash),
        confidence: NAMED_FIGHT,
    },
    KindRule {
        trigger: Trigger::Cue(Cue::AttackVerb),
        condition: Condition::Always,
        decide: Decide::Attack,
        confidence: BY_CONTEXT,
    },
    on(Cue::Looting, SubKind::LootingPropertyDestruction, LOOSE),
    on(Cue::Arrest, SubKind::Arrests, BY_CONTEXT),
    on(
        Cue::DisruptedWeapons,
        SubKind::DisruptedWeaponsUse,
        BY_CONTEXT,
    ),
    on(
        Cue::BaseEstablished,
        SubKind::HeadquartersOrBaseEstablished,
        TALK,
    ),
    on(
        Cue::Withdrawal,
        SubKind::NonViolentTransferOfTerritory,
        VAGUE,
    ),
    KindRule {
        trigger: Trigger::Earliest(DISASTER_CUES),
        condition: Condition::Always,
        decide: Decide::Disaster,
        confidence: NAMED_HAPPENING,
    },
    on(Cue::Ceasefire, SubKind::Ceasefire, CROWD_OR_DEAL),
    on(Cue::PeaceDeal, SubKind::PeaceDeal, CROWD_OR_DEAL),
    on(Cue::TradeDeal, SubKind::TradeDeal, CROWD_OR_DEAL),
    KindRule {
        trigger: Trigger::Cue(Cue::Election),
        condition: Condition::Always,
        decide: Decide::Election,
        confidence: BY_CONTEXT,
    },
    // "Signed" and "deal" need an agreement's noun: "signed a letter" is no agreement.
    KindRule {
        trigger: Trigger::Cue(Cue::Agreement),
        condition: Condition::Word(WordRole::AgreementNoun),
        decide: Decide::Top(EventType::Agreement),
        confidence: TALK,
    },
    on(Cue::GroupChange, SubKind::ChangeToGroupActivity, VAGUE),
    on(Cue::Meeting, SubKind::Talks, TALK),
    on(Cue::Visit, SubKind::Visit, TALK),
    // Aid delivered, not aid promised.
    KindRule {
        trigger: Trigger::Cue(Cue::Aid),
        condition: Condition::Word(WordRole::AidContext),
        decide: Decide::Sub(SubKind::Humanitarian),
        confidence: TALK,
    },
    KindRule {
        trigger: Trigger::Cue(Cue::Statement),
        condition: Condition::Always,
        decide: Decide::Statement,
        confidence: STATEMENT,
    },
];

/// The kind of event one sentence reports, if it reports one.
pub fn classify(tokens: &[Token], rules: &EventRules) -> Option<Classified> {
    let found = cues(tokens, rules);
    if found.is_empty() {
        return None;
    }
    let (kind, at, confidence) = KIND_RULES.iter().find_map(|rule| {
        let at = triggered(rule, &found)?;
        holds(&rule.condition, tokens, &found, rules).then(|| {
            (
                decide(&rule.decide, tokens, &found, at, rules),
                at,
                rule.confidence,
            )
        })
    })?;
    let trigger = Span::new(
        tokens[at.index].span.start,
        tokens[at.index + at.len - 1].span.end,
    );
    Some(Classified {
        kind,
        trigger,
        trigger_index: at.index,
        passive: is_passive(tokens, at.index, rules),
        confidence,
    })
}

/// The found cue that fires `rule`, if the sentence holds one.
fn triggered(rule: &KindRule, found: &[Found]) -> Option<Found> {
    let first = |cue: Cue| found.iter().find(|f| f.cue == cue).copied();
    match rule.trigger {
        Trigger::Cue(cue) => first(cue),
        Trigger::FirstOf(cues) => cues.iter().find_map(|&cue| first(cue)),
        Trigger::Earliest(cues) => found.iter().find(|f| cues.contains(&f.cue)).copied(),
    }
}

/// Whether the sentence meets a rule's condition.
fn holds(condition: &Condition, tokens: &[Token], found: &[Found], rules: &EventRules) -> bool {
    let has = |cues: &[Cue]| found.iter().any(|f| cues.contains(&f.cue));
    let word = |role: WordRole| tokens.iter().any(|t| rules.is(role, &t.lower));
    match *condition {
        Condition::Always => true,
        Condition::AnyCue(cues) => has(cues),
        Condition::Word(role) => word(role),
        Condition::AnyCueOrWord(cues, role) => has(cues) || word(role),
        Condition::CrowdWithoutArms => crowd_without_arms(tokens, rules),
    }
}

/// The kind a rule gives, triggered at `at`.
fn decide(
    decide: &Decide,
    tokens: &[Token],
    found: &[Found],
    at: Found,
    rules: &EventRules,
) -> Kind {
    match *decide {
        Decide::Sub(sub) => Kind::sub(sub),
        Decide::Top(top) => Kind::top(top),
        Decide::Protest => protest_kind(tokens, found, rules),
        Decide::Attack => attack_kind(tokens, found, at, rules),
        Decide::Disaster => disaster_kind(at.cue),
        Decide::Election => {
            let result = tokens
                .iter()
                .any(|t| rules.is(WordRole::ElectionResult, &t.lower));
            Kind::sub(if result {
                SubKind::Result
            } else {
                SubKind::Vote
            })
        }
        Decide::Statement => statement_kind(tokens, at, rules),
    }
}

/// An attack decided by its victims: the first attack word whose victims are named decides,
/// and soldiers make it a battle. No victims named: two armed sides in the attack's clause make
/// it a fight between them ("peacekeepers escorted the convoy along a road where gunmen
/// attacked a minibus" names one side only).
fn attack_kind(tokens: &[Token], found: &[Found], at: Found, rules: &EventRules) -> Kind {
    let armed = found
        .iter()
        .filter(|c| c.cue == Cue::AttackVerb)
        .find_map(|c| {
            victims_are_armed(tokens, c.index, is_passive(tokens, c.index, rules), rules)
        });
    let armed_sides = clause_of(tokens, at.index)
        .iter()
        .filter(|t| rules.is(WordRole::Armed, &t.lower))
        .count();
    if armed == Some(true) || (armed.is_none() && armed_sides >= ARMED_SIDES) {
        Kind::sub(SubKind::ArmedClash)
    } else {
        Kind::sub(SubKind::Attack)
    }
}

/// How many armed words an attack's clause needs to be a fight between two sides.
pub(super) const ARMED_SIDES: usize = 2;

/// How far before an arrest verb security forces make it theirs, in tokens.
const ARREST_REACH: usize = 6;

/// How far from an attack verb its victims are looked for, in tokens.
const VICTIM_REACH: usize = 8;

/// How far after "captured" or "seized" what was taken is looked for, in tokens.
const SEIZURE_REACH: usize = 6;

/// A protest, refined by what else happened: force against it, intervention, or violence by it.
fn protest_kind(tokens: &[Token], found: &[Found], rules: &EventRules) -> Kind {
    let has = |cue: Cue| found.iter().any(|f| f.cue == cue);
    let words = |role: WordRole| tokens.iter().any(|t| rules.is(role, &t.lower));
    let security = words(WordRole::Security);
    let killed = words(WordRole::ProtestDeath);
    let arrested = tokens.iter().enumerate().any(|(i, t)| {
        rules.is(WordRole::ProtestArrest, &t.lower)
            && (is_passive(tokens, i, rules)
                || tokens[i.saturating_sub(ARREST_REACH)..i]
                    .iter()
                    .any(|p| rules.is(WordRole::Security, &p.lower)))
    });
    let kind = if killed && security && words(WordRole::LiveFire) {
        SubKind::ExcessiveForceAgainstProtesters
    } else if has(Cue::Intervention) || arrested {
        SubKind::ProtestWithIntervention
    } else if has(Cue::Looting) || words(WordRole::ProtestViolence) {
        SubKind::ViolentDemonstration
    } else {
        SubKind::PeacefulProtest
    };
    Kind::sub(kind)
}

/// Whether the people fighting are a crowd, not armed groups: "two groups clashed over land",
/// "youths clashed with forces".
fn crowd_without_arms(tokens: &[Token], rules: &EventRules) -> bool {
    let crowd = tokens.iter().any(|t| rules.is(WordRole::Crowd, &t.lower));
    let armed_group = tokens
        .iter()
        .any(|t| rules.is(WordRole::ArmedGroup, &t.lower));
    crowd && !armed_group
}

/// Re-decides a protest or riot from every sentence of its event: the police breaking up a
/// protest, or the crowd turning violent, is often told in the sentence after the protest.
pub fn refine_protest(kind: Kind, tokens: &[Token], rules: &EventRules) -> Kind {
    if !matches!(kind.event_type(), EventType::Protest | EventType::Riot) {
        return kind;
    }
    let found = cues(tokens, rules);
    let has = |cue: Cue| found.iter().any(|f| f.cue == cue);
    if kind.event_type() == EventType::Riot {
        return kind;
    }
    if !has(Cue::Protest) {
        return kind;
    }
    if has(Cue::Riot) || (has(Cue::Clash) && crowd_without_arms(tokens, rules)) {
        return Kind::sub(SubKind::ViolentDemonstration);
    }
    protest_kind(tokens, &found, rules)
}

/// The disaster a cue names.
fn disaster_kind(cue: Cue) -> Kind {
    Kind::sub(match cue {
        Cue::Earthquake => SubKind::Earthquake,
        Cue::Flood => SubKind::Flood,
        Cue::Storm => SubKind::Storm,
        Cue::Fire => SubKind::Fire,
        Cue::Drought => SubKind::Drought,
        Cue::Epidemic => SubKind::Epidemic,
        _ => SubKind::Accident,
    })
}

/// A statement by its verb: an accusation, a threat, an appeal, else a claim.
fn statement_kind(tokens: &[Token], f: Found, rules: &EventRules) -> Kind {
    let verb = tokens[f.index].lower.as_str();
    let sub = if rules.is(WordRole::Accusation, verb) {
        SubKind::Accusation
    } else if rules.is(WordRole::Threat, verb) {
        SubKind::Threat
    } else if rules.is(WordRole::Appeal, verb) {
        SubKind::Appeal
    } else {
        SubKind::Claim
    };
    Kind::sub(sub)
}

/// Whether the verb at `i` is passive: "were attacked", "was shot", "were reportedly shot".
pub fn is_passive(tokens: &[Token], i: usize, rules: &EventRules) -> bool {
    let aux = |t: &Token| rules.is(WordRole::PassiveAux, &t.lower);
    i.checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(aux)
        || (i >= 2 && aux(&tokens[i - 2]) && tokens[i - 1].lower.ends_with("ly"))
}

/// The words of the sentence that can take part in the attack at token `at`: from the last
/// `where` before it ("along a road where gunmen attacked a minibus" — a clause about the
/// place, whose actors are not the main clause's), else the whole sentence. Narrower clauses
/// (at commas, `who`, `which`) were measured on ACLED's notes and lost: they cut off the
/// attackers named before an apposition.
fn clause_of<'a, 't>(tokens: &'a [Token<'t>], at: usize) -> &'a [Token<'t>] {
    let at = at.min(tokens.len());
    let start = tokens[..at]
        .iter()
        .rposition(|t| t.lower == "where")
        .map_or(0, |p| p + 1);
    &tokens[start..]
}

/// Whether the people acted on are soldiers, police or fighters (`Some(true)`) or civilians
/// (`Some(false)`); `None` when the clause names neither. Victims stand after an active verb
/// and before a passive one.
fn victims_are_armed(
    tokens: &[Token],
    verb: usize,
    passive: bool,
    rules: &EventRules,
) -> Option<bool> {
    let clause: Vec<&Token> = if passive {
        tokens[..verb]
            .iter()
            .rev()
            .take(VICTIM_REACH)
            .take_while(|t| !t.breaks_clause() || t.lower == ",")
            .collect()
    } else {
        tokens[verb + 1..]
            .iter()
            .take(VICTIM_REACH)
            .take_while(|t| !matches!(t.lower.as_str(), ";" | "."))
            .collect()
    };
    for t in clause {
        let w = t.lower.as_str();
        if rules.is(WordRole::Civilian, w) {
            return Some(false);
        }
        if rules.is(WordRole::Armed, w) {
            return Some(true);
        }
    }
    None
}

/// Every cue in the sentence, in token order: the longest phrase at each token, else the
/// word's own cue once it passes its check ([`checked_cue`]).
fn cues(tokens: &[Token], rules: &EventRules) -> Vec<Found> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(&word) = words.get(i) {
        // Most words are no cue and start none: turned away before any lookup.
        if !rules.may_cue(word) {
            i += 1;
            continue;
        }
        if let Some((len, cue)) = rules.phrase_cue(&tokens[i..]) {
            found.push(Found { cue, index: i, len });
            i += len;
            continue;
        }
        let cue = rules
            .word_cue(word)
            .and_then(|cue| match rules.cue_check(word) {
                Some(check) => checked_cue(check, cue, tokens, &words, i, rules),
                None => Some(cue),
            });
        if let Some(cue) = cue {
            found.push(Found {
                cue,
                index: i,
                len: 1,
            });
        }
        i += 1;
    }
    found
}

/// The cue of the ambiguous word at `i` (whose own cue is `cue`) once its check has looked at
/// the words around it.
fn checked_cue(
    check: CueCheck,
    cue: Cue,
    tokens: &[Token],
    words: &[&str],
    i: usize,
    rules: &EventRules,
) -> Option<Cue> {
    let any = |role: WordRole| words.iter().any(|w| rules.is(role, w));
    match check {
        CueCheck::ExplosiveUnlessAir if !any(WordRole::AirContext) => Some(Cue::Explosive),
        CueCheck::Strike => {
            let prev = i.checked_sub(1).map(|p| words[p]);
            if any(WordRole::AirStrikeContext) {
                Some(Cue::Air)
            } else if prev.is_some_and(|p| rules.is(WordRole::StrikeProtestBefore, p)) {
                Some(Cue::Protest)
            } else {
                None
            }
        }
        CueCheck::Mine if !any(WordRole::MineContext) => None,
        CueCheck::Seizure => {
            let after = &words[i + 1..(i + 1 + SEIZURE_REACH).min(words.len())];
            let names_a_place = tokens.get(i + 1).is_some_and(|t| t.capitalised);
            if names_a_place || after.iter().any(|w| rules.is(WordRole::Territory, w)) {
                Some(Cue::Overtake)
            } else if after
                .iter()
                .any(|w| rules.is(WordRole::Civilian, w) || rules.is(WordRole::Armed, w))
            {
                Some(Cue::Arrest)
            } else {
                None
            }
        }
        CueCheck::GrenadeLauncher
            if words
                .get(i + 1)
                .is_some_and(|n| rules.words(WordRole::Launcher).starts(n)) =>
        {
            Some(Cue::Shelling)
        }
        CueCheck::Aircraft if !any(WordRole::AircraftStrikeContext) => None,
        CueCheck::Blast if any(WordRole::AccidentContext) => Some(Cue::Accident),
        CueCheck::Never => None,
        CueCheck::LowerCase => (!tokens[i].capitalised).then_some(cue),
        _ => Some(cue),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn kind(sentence: &str) -> Option<String> {
        classify(
            &tokenize(sentence, Span::new(0, sentence.len())),
            &crate::extract::rules::Rules::embedded().events,
        )
        .map(|c| c.kind.to_string())
    }

    #[test]
    fn the_victims_decide_between_battle_and_attack() {
        assert_eq!(
            kind("Islamic State militants attacked their convoy near Makhmour.").as_deref(),
            Some("battle.armed_clash")
        );
        assert_eq!(
            kind("Gunmen attacked villagers in Kaduna.").as_deref(),
            Some("violence_against_civilians.attack")
        );
        assert_eq!(
            kind("A man was shot dead by unidentified gunmen.").as_deref(),
            Some("violence_against_civilians.attack")
        );
        assert_eq!(
            kind("Three soldiers were killed when militants attacked a checkpoint.").as_deref(),
            Some("battle.armed_clash")
        );
    }

    #[test]
    fn protests_and_riots() {
        assert_eq!(
            kind("Residents blocked the road to demand fuel.").as_deref(),
            Some("protest.peaceful_protest")
        );
        assert_eq!(
            kind("Police dispersed the protesters with tear gas.").as_deref(),
            Some("protest.protest_with_intervention")
        );
        assert_eq!(
            kind("Journalists held a protest against the unjust arrest of their editor.")
                .as_deref(),
            Some("protest.peaceful_protest")
        );
        assert_eq!(
            kind("Rioters threw stones at police.").as_deref(),
            Some("riot.violent_demonstration")
        );
        assert_eq!(
            kind("A mob lynched a suspected thief.").as_deref(),
            Some("riot.mob_violence")
        );
    }

    #[test]
    fn remote_violence_by_its_weapon() {
        assert_eq!(
            kind("The coalition bombed Qarachokh mountain later that night.").as_deref(),
            Some("explosion_remote_violence.air_drone_strike")
        );
        assert_eq!(
            kind("Rebels fired grenade launchers at government positions.").as_deref(),
            Some("explosion_remote_violence.shelling_artillery_missile_attack")
        );
        assert_eq!(
            kind("A roadside bomb hit a patrol.").as_deref(),
            Some("explosion_remote_violence.remote_explosive_landmine_ied")
        );
        assert_eq!(
            kind("A suicide bomber blew himself up at a market.").as_deref(),
            Some("explosion_remote_violence.suicide_bomb")
        );
    }

    #[test]
    fn non_violent_kinds_and_nothing() {
        assert_eq!(
            kind("A magnitude 6.1 earthquake struck the region.").as_deref(),
            Some("disaster.earthquake")
        );
        assert_eq!(
            kind("The two sides signed a ceasefire in Doha.").as_deref(),
            Some("agreement.ceasefire")
        );
        assert_eq!(
            kind("The Islamic State captured Ramadi, Mosul and Fallujah.").as_deref(),
            Some("battle.non_state_actor_overtakes_territory")
        );
        assert_eq!(kind("The weather was mild and the market was busy."), None);
    }
}
