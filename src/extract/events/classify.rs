//! Deciding what kind of event a sentence reports. Cues from the lexicon are collected first;
//! then rules that look at the victims and the perpetrators, not only the verb, pick one kind:
//! an attack on soldiers is a battle, the same attack on villagers is violence against
//! civilians; a protest the police break up is a protest with intervention.

use crate::model::{EventType, Kind, Span, SubKind};

use super::Cue;
use super::lexicon::{is_armed, is_civilian, is_crowd};
use super::tokens::Token;
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

const AIR_CONTEXT: &[&str] = &[
    "coalition",
    "aircraft",
    "warplane",
    "warplanes",
    "jets",
    "planes",
    "plane",
    "air",
    "drone",
    "drones",
    "helicopter",
    "helicopters",
    "airforce",
    "aerial",
];
const TERRITORY: &[&str] = &[
    "town",
    "city",
    "village",
    "villages",
    "district",
    "area",
    "areas",
    "territory",
    "base",
    "hill",
    "airport",
    "control",
    "region",
    "province",
    "positions",
    "camp",
    "camps",
    "swaths",
    "cities",
    "towns",
];
const SECURITY: &[&str] = &[
    "police",
    "security",
    "forces",
    "authorities",
    "troops",
    "soldiers",
    "army",
    "officers",
];
const PASSIVE_AUX: &[&str] = &["was", "were", "been", "being", "is", "are", "got"];

/// The kind of event one sentence reports, if it reports one.
pub fn classify(tokens: &[Token], rules: &EventRules) -> Option<Classified> {
    let found = cues(tokens, rules);
    if found.is_empty() {
        return None;
    }
    let has = |cue: Cue| found.iter().any(|f| f.cue == cue);
    let first = |cue: Cue| found.iter().find(|f| f.cue == cue).copied();
    let any_word = |words: &[&str]| tokens.iter().any(|t| words.contains(&t.lower.as_str()));

    let sub = |sub: SubKind| Kind::sub(sub);
    let (kind, at, confidence) = if let Some(f) = first(Cue::Suicide).filter(|_| {
        has(Cue::Explosive) || has(Cue::AttackVerb) || any_word(&["bomber", "bombers", "vest"])
    }) {
        (sub(SubKind::SuicideBomb), f, 0.9)
    } else if let Some(f) =
        first(Cue::Chemical).filter(|_| any_word(&["weapon", "weapons", "attack", "gas"]))
    {
        (sub(SubKind::ChemicalWeapon), f, 0.8)
    } else if let Some(f) = first(Cue::Air) {
        (sub(SubKind::AirDroneStrike), f, 0.85)
    } else if let Some(f) = first(Cue::Shelling).filter(|_| has(Cue::SmallArms) || has(Cue::Clash))
    {
        // Heavy weapons together with small arms, or in a clash, is fighting on the ground.
        (sub(SubKind::ArmedClash), f, 0.8)
    } else if let Some(f) = first(Cue::Shelling) {
        (sub(SubKind::ShellingArtilleryMissileAttack), f, 0.85)
    } else if let Some(f) = first(Cue::Explosive) {
        (sub(SubKind::RemoteExplosiveLandmineIed), f, 0.8)
    } else if let Some(f) = first(Cue::Grenade) {
        (sub(SubKind::Grenade), f, 0.8)
    } else if let Some(f) = first(Cue::Sexual) {
        (sub(SubKind::SexualViolence), f, 0.8)
    } else if let Some(f) = first(Cue::Abduction) {
        (sub(SubKind::AbductionForcedDisappearance), f, 0.8)
    } else if let Some(f) = first(Cue::Mob) {
        (sub(SubKind::MobViolence), f, 0.75)
    } else if let Some(f) = first(Cue::Riot) {
        (sub(SubKind::ViolentDemonstration), f, 0.75)
    } else if let Some(f) = first(Cue::Protest) {
        protest_kind(tokens, &found, f)
    } else if let Some(f) = first(Cue::Clash).filter(|_| crowd_without_arms(tokens)) {
        (sub(SubKind::MobViolence), f, 0.65)
    } else if let Some(f) = first(Cue::Regain) {
        (sub(SubKind::GovernmentRegainsTerritory), f, 0.7)
    } else if let Some(f) = first(Cue::Overtake) {
        (sub(SubKind::NonStateActorOvertakesTerritory), f, 0.7)
    } else if let Some(f) = first(Cue::Clash).or_else(|| first(Cue::SmallArms)) {
        (sub(SubKind::ArmedClash), f, 0.85)
    } else if let Some(f) = first(Cue::AttackVerb) {
        // The first attack word whose victims are named decides: soldiers make it a battle.
        let armed = found
            .iter()
            .filter(|c| c.cue == Cue::AttackVerb)
            .find_map(|c| victims_are_armed(tokens, c.index, is_passive(tokens, c.index)));
        // No victims named: two armed sides in the attack's clause make it a fight between
        // them ("peacekeepers escorted the convoy along a road where gunmen attacked a
        // minibus" names one side only).
        let armed_sides = clause_of(tokens, f.index)
            .iter()
            .filter(|t| is_armed(&t.lower))
            .count();
        if armed == Some(true) || (armed.is_none() && armed_sides >= 2) {
            (sub(SubKind::ArmedClash), f, 0.7)
        } else {
            (sub(SubKind::Attack), f, 0.7)
        }
    } else if let Some(f) = first(Cue::Looting) {
        (sub(SubKind::LootingPropertyDestruction), f, 0.65)
    } else if let Some(f) = first(Cue::Arrest) {
        (sub(SubKind::Arrests), f, 0.7)
    } else if let Some(f) = first(Cue::DisruptedWeapons) {
        (sub(SubKind::DisruptedWeaponsUse), f, 0.7)
    } else if let Some(f) = first(Cue::BaseEstablished) {
        (sub(SubKind::HeadquartersOrBaseEstablished), f, 0.6)
    } else if let Some(f) = first(Cue::Withdrawal) {
        (sub(SubKind::NonViolentTransferOfTerritory), f, 0.5)
    } else if let Some((kind, f)) = disaster(&found) {
        (kind, f, 0.8)
    } else if let Some(f) = first(Cue::Ceasefire) {
        (sub(SubKind::Ceasefire), f, 0.75)
    } else if let Some(f) = first(Cue::PeaceDeal) {
        (sub(SubKind::PeaceDeal), f, 0.75)
    } else if let Some(f) = first(Cue::TradeDeal) {
        (sub(SubKind::TradeDeal), f, 0.75)
    } else if let Some(f) = first(Cue::Election) {
        let result = any_word(&["elected", "won", "wins", "victory", "results"]);
        (
            sub(if result {
                SubKind::Result
            } else {
                SubKind::Vote
            }),
            f,
            0.7,
        )
    } else if let Some(f) = first(Cue::Agreement).filter(|_| {
        any_word(&[
            "agreement",
            "deal",
            "accord",
            "pact",
            "treaty",
            "memorandum",
        ])
    }) {
        (Kind::top(EventType::Agreement), f, 0.6)
    } else if let Some(f) = first(Cue::GroupChange) {
        (sub(SubKind::ChangeToGroupActivity), f, 0.5)
    } else if let Some(f) = first(Cue::Meeting) {
        (sub(SubKind::Talks), f, 0.6)
    } else if let Some(f) = first(Cue::Visit) {
        (sub(SubKind::Visit), f, 0.6)
    } else if let Some(f) = first(Cue::Aid).filter(|_| {
        any_word(&[
            "delivered",
            "distributed",
            "supplies",
            "food",
            "convoy",
            "aid",
            "relief",
        ])
    }) {
        (sub(SubKind::Humanitarian), f, 0.6)
    } else if let Some(f) = first(Cue::Statement) {
        (statement_kind(tokens, f), f, 0.4)
    } else {
        return None;
    };
    let trigger = Span::new(
        tokens[at.index].span.start,
        tokens[at.index + at.len - 1].span.end,
    );
    Some(Classified {
        kind,
        trigger,
        trigger_index: at.index,
        passive: is_passive(tokens, at.index),
        confidence,
    })
}

/// A protest, refined by what else happened: force against it, intervention, or violence by it.
fn protest_kind(tokens: &[Token], found: &[Found], protest: Found) -> (Kind, Found, f32) {
    let has = |cue: Cue| found.iter().any(|f| f.cue == cue);
    let words = |list: &[&str]| tokens.iter().any(|t| list.contains(&t.lower.as_str()));
    let security = words(SECURITY);
    let killed = words(&["killed", "dead", "died", "shot"]);
    let arrested = tokens.iter().enumerate().any(|(i, t)| {
        matches!(t.lower.as_str(), "arrested" | "detained" | "apprehended")
            && (is_passive(tokens, i)
                || tokens[i.saturating_sub(6)..i]
                    .iter()
                    .any(|p| SECURITY.contains(&p.lower.as_str())))
    });
    let kind = if killed && security && words(&["live", "ammunition", "opened", "shot"]) {
        SubKind::ExcessiveForceAgainstProtesters
    } else if has(Cue::Intervention) || arrested {
        SubKind::ProtestWithIntervention
    } else if has(Cue::Looting)
        || words(&["stormed", "torched", "vandalized", "vandalised", "stones"])
    {
        SubKind::ViolentDemonstration
    } else {
        SubKind::PeacefulProtest
    };
    (Kind::sub(kind), protest, 0.8)
}

/// Whether the people fighting are a crowd, not armed groups: "two groups clashed over land",
/// "youths clashed with forces".
fn crowd_without_arms(tokens: &[Token]) -> bool {
    let crowd = tokens.iter().any(|t| is_crowd(&t.lower));
    let armed_group = tokens.iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "militants"
                | "rebels"
                | "insurgents"
                | "fighters"
                | "militia"
                | "militias"
                | "gunmen"
                | "soldiers"
                | "troops"
                | "army"
        )
    });
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
    let Some(protest) = found.iter().find(|f| f.cue == Cue::Protest).copied() else {
        return kind;
    };
    if has(Cue::Riot) || (has(Cue::Clash) && crowd_without_arms(tokens)) {
        return Kind::sub(SubKind::ViolentDemonstration);
    }
    protest_kind(tokens, &found, protest).0
}

fn disaster(found: &[Found]) -> Option<(Kind, Found)> {
    found.iter().find_map(|f| {
        let sub = match f.cue {
            Cue::Earthquake => SubKind::Earthquake,
            Cue::Flood => SubKind::Flood,
            Cue::Storm => SubKind::Storm,
            Cue::Fire => SubKind::Fire,
            Cue::Drought => SubKind::Drought,
            Cue::Epidemic => SubKind::Epidemic,
            Cue::Accident => SubKind::Accident,
            _ => return None,
        };
        Some((Kind::sub(sub), *f))
    })
}

fn statement_kind(tokens: &[Token], f: Found) -> Kind {
    let sub = match tokens[f.index].lower.as_str() {
        "accused" | "condemned" | "denied" => SubKind::Accusation,
        "threatened" | "warned" => SubKind::Threat,
        "urged" | "demanded" | "called" => SubKind::Appeal,
        _ => SubKind::Claim,
    };
    Kind::sub(sub)
}

/// Whether the verb at `i` is passive: "were attacked", "was shot".
pub fn is_passive(tokens: &[Token], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|p| tokens.get(p))
        .is_some_and(|t| PASSIVE_AUX.contains(&t.lower.as_str()))
        || (i >= 2
            && PASSIVE_AUX.contains(&tokens[i - 2].lower.as_str())
            && tokens[i - 1].lower.ends_with("ly"))
}

/// Whether the people acted on are soldiers, police or fighters (`Some(true)`) or civilians
/// (`Some(false)`); `None` when the clause names neither. Victims stand after an active verb
/// and before a passive one.
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

fn victims_are_armed(tokens: &[Token], verb: usize, passive: bool) -> Option<bool> {
    let clause: Vec<&Token> = if passive {
        tokens[..verb]
            .iter()
            .rev()
            .take(8)
            .take_while(|t| !t.breaks_clause() || t.lower == ",")
            .collect()
    } else {
        tokens[verb + 1..]
            .iter()
            .take(8)
            .take_while(|t| !matches!(t.lower.as_str(), ";" | "."))
            .collect()
    };
    for t in clause {
        let w = t.lower.as_str();
        if is_civilian(w) {
            return Some(false);
        }
        if is_armed(w) {
            return Some(true);
        }
    }
    None
}

/// Every cue in the sentence, in token order, with context rules for the ambiguous words.
fn cues(tokens: &[Token], rules: &EventRules) -> Vec<Found> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let any = |list: &[&str]| words.iter().any(|w| list.contains(w));
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
        let word = words[i];
        let cue = rules.word_cue(word);
        let cue = match (word, cue) {
            (_, None) => None,
            ("bombed" | "bombing" | "bombings" | "bombarded", _) if !any(AIR_CONTEXT) => {
                Some(Cue::Explosive)
            }
            ("strike", _) => {
                let prev = i.checked_sub(1).map(|p| words[p]);
                if any(&["drone", "drones", "air", "missile"]) {
                    Some(Cue::Air)
                } else if prev
                    .is_some_and(|p| matches!(p, "general" | "hunger" | "workers" | "on" | "a"))
                {
                    Some(Cue::Protest)
                } else {
                    None
                }
            }
            ("mine", _)
                if !any(&[
                    "exploded",
                    "explosion",
                    "stepped",
                    "detonated",
                    "blast",
                    "struck",
                    "hit",
                ]) =>
            {
                None
            }
            ("captured" | "seized", _) => {
                let after = &words[i + 1..(i + 7).min(words.len())];
                let names_a_place = tokens.get(i + 1).is_some_and(|t| t.capitalised);
                if names_a_place || after.iter().any(|w| TERRITORY.contains(w)) {
                    Some(Cue::Overtake)
                } else if after.iter().any(|w| is_civilian(w) || is_armed(w)) {
                    Some(Cue::Arrest)
                } else {
                    None
                }
            }
            ("grenade" | "grenades", _)
                if words.get(i + 1).is_some_and(|n| n.starts_with("launcher")) =>
            {
                Some(Cue::Shelling)
            }
            ("helicopter" | "helicopters" | "drone" | "drones" | "jets", _)
                if !any(&[
                    "strike", "strikes", "struck", "fired", "bombed", "attack", "attacked",
                    "targeted", "raid",
                ]) =>
            {
                None
            }
            ("explosion" | "exploded" | "blast", _)
                if any(&["gas", "cylinder", "boiler", "factory"]) =>
            {
                Some(Cue::Accident)
            }
            ("fire", _) => None,
            // "a march" is a protest; "March" the month is not.
            ("march" | "marches", _) => (!tokens[i].capitalised).then_some(Cue::Protest),
            (_, cue) => cue,
        };
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
