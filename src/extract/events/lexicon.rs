//! Word lists the event rules read: triggers by the kind of happening they signal, and the nouns
//! that tell armed actors from civilians. Lower-case; multi-word cues are matched on token
//! sequences.

use super::phrases::PhraseIndex;
use crate::extract::shapes::ShapeFilter;
use crate::gazetteer::fast_hash::{FastMap, FastSet};
use std::sync::OnceLock;

/// A class of evidence a sentence can hold. Several cues combine into one kind in `classify`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cue {
    /// protest, demonstrators, rally, sit-in, marched, blocked roads to demand…
    Protest,
    /// rioters, riot, threw stones, torched, vandalised…
    Riot,
    /// mob, lynched.
    Mob,
    /// Police dispersing a crowd: tear gas, water cannon, dispersed.
    Intervention,
    /// clashes, fighting, gunfight, exchange of fire.
    Clash,
    /// attacked, ambushed, shot, opened fire, stormed.
    AttackVerb,
    /// airstrike, drone strike, warplanes, bombed.
    Air,
    /// shelling, artillery, mortar, rocket, missile.
    Shelling,
    /// IED, roadside bomb, landmine, car bomb, explosive device.
    Explosive,
    /// suicide bomber, blew himself up.
    Suicide,
    /// hand grenade.
    Grenade,
    /// small arms, machine guns, shots, gunfire: fighting at close range.
    SmallArms,
    /// chemical weapons, gas attack.
    Chemical,
    /// abducted, kidnapped, taken hostage.
    Abduction,
    /// raped, sexual assault.
    Sexual,
    /// looted, burned houses, vandalised property.
    Looting,
    /// arrested, detained.
    Arrest,
    /// defused, seized weapons, weapons cache.
    DisruptedWeapons,
    /// recaptured, regained control, retook.
    Regain,
    /// captured, seized, overran, took control.
    Overtake,
    /// formed, joined, merged, became part of, deployed.
    GroupChange,
    /// set up a base or camp.
    BaseEstablished,
    /// withdrew, handed over.
    Withdrawal,
    /// earthquake, quake.
    Earthquake,
    /// flood, flooding.
    Flood,
    /// storm, cyclone, hurricane, typhoon.
    Storm,
    /// fire, blaze, wildfire.
    Fire,
    /// drought.
    Drought,
    /// outbreak, epidemic.
    Epidemic,
    /// crash, derailed, collapsed.
    Accident,
    /// election, voted, ballots.
    Election,
    /// ceasefire, truce.
    Ceasefire,
    /// peace deal, peace agreement.
    PeaceDeal,
    /// trade deal.
    TradeDeal,
    /// signed an agreement, deal.
    Agreement,
    /// met, talks, summit.
    Meeting,
    /// visited.
    Visit,
    /// aid, relief, humanitarian deliveries.
    Aid,
    /// accused, condemned, threatened, warned, urged.
    Statement,
}

/// Single-word triggers.
pub const WORD_CUES: &[(&str, Cue)] = &[
    ("protest", Cue::Protest),
    ("protests", Cue::Protest),
    ("protested", Cue::Protest),
    ("protesting", Cue::Protest),
    ("protesters", Cue::Protest),
    ("protestors", Cue::Protest),
    ("demonstration", Cue::Protest),
    ("demonstrations", Cue::Protest),
    ("demonstrated", Cue::Protest),
    ("demonstrators", Cue::Protest),
    ("demonstrating", Cue::Protest),
    ("rally", Cue::Protest),
    ("rallies", Cue::Protest),
    ("rallied", Cue::Protest),
    ("marched", Cue::Protest),
    ("sit-in", Cue::Protest),
    ("picketed", Cue::Protest),
    ("strike", Cue::Protest),
    ("striking", Cue::Protest),
    ("boycott", Cue::Protest),
    ("petitioned", Cue::Protest),
    ("rioters", Cue::Riot),
    ("riot", Cue::Riot),
    ("riots", Cue::Riot),
    ("rioted", Cue::Riot),
    ("rioting", Cue::Riot),
    ("vandalised", Cue::Riot),
    ("vandalized", Cue::Riot),
    ("pelted", Cue::Riot),
    ("mob", Cue::Mob),
    ("lynched", Cue::Mob),
    ("lynching", Cue::Mob),
    ("vigilantes", Cue::Mob),
    ("dispersed", Cue::Intervention),
    ("disperse", Cue::Intervention),
    ("teargas", Cue::Intervention),
    ("clash", Cue::Clash),
    ("clashes", Cue::Clash),
    ("clashed", Cue::Clash),
    ("fighting", Cue::Clash),
    ("fought", Cue::Clash),
    ("gunfight", Cue::Clash),
    ("firefight", Cue::Clash),
    ("shootout", Cue::Clash),
    ("shoot-out", Cue::Clash),
    ("skirmish", Cue::Clash),
    ("skirmishes", Cue::Clash),
    ("battle", Cue::Clash),
    ("battled", Cue::Clash),
    ("engaged", Cue::Clash),
    ("repulsed", Cue::Clash),
    ("repelled", Cue::Clash),
    ("attacked", Cue::AttackVerb),
    ("attack", Cue::AttackVerb),
    ("attacks", Cue::AttackVerb),
    ("attacking", Cue::AttackVerb),
    ("ambushed", Cue::AttackVerb),
    ("ambush", Cue::AttackVerb),
    ("shot", Cue::AttackVerb),
    ("stabbed", Cue::AttackVerb),
    ("stormed", Cue::AttackVerb),
    ("raided", Cue::AttackVerb),
    ("raid", Cue::AttackVerb),
    ("assaulted", Cue::AttackVerb),
    ("beat", Cue::AttackVerb),
    ("beaten", Cue::AttackVerb),
    ("hacked", Cue::AttackVerb),
    ("killed", Cue::AttackVerb),
    ("murdered", Cue::AttackVerb),
    ("executed", Cue::AttackVerb),
    ("beheaded", Cue::AttackVerb),
    ("massacred", Cue::AttackVerb),
    ("massacre", Cue::AttackVerb),
    ("tortured", Cue::AttackVerb),
    ("torture", Cue::AttackVerb),
    ("shooting", Cue::AttackVerb),
    ("decapitated", Cue::AttackVerb),
    ("dismembered", Cue::AttackVerb),
    ("commemorated", Cue::Protest),
    ("evicted", Cue::Riot),
    ("ban", Cue::GroupChange),
    ("curfew", Cue::GroupChange),
    ("gunned", Cue::AttackVerb),
    ("fired", Cue::AttackVerb),
    ("airstrike", Cue::Air),
    ("airstrikes", Cue::Air),
    ("air-strike", Cue::Air),
    ("air-strikes", Cue::Air),
    ("warplanes", Cue::Air),
    ("warplane", Cue::Air),
    ("bombed", Cue::Air),
    ("bombing", Cue::Air),
    ("bombings", Cue::Air),
    ("bombarded", Cue::Air),
    ("drone", Cue::Air),
    ("drones", Cue::Air),
    ("helicopter", Cue::Air),
    ("helicopters", Cue::Air),
    ("jets", Cue::Air),
    ("shelled", Cue::Shelling),
    ("shelling", Cue::Shelling),
    ("shells", Cue::Shelling),
    ("artillery", Cue::Shelling),
    ("mortar", Cue::Shelling),
    ("mortars", Cue::Shelling),
    ("rocket", Cue::Shelling),
    ("rockets", Cue::Shelling),
    ("missile", Cue::Shelling),
    ("missiles", Cue::Shelling),
    ("launchers", Cue::Shelling),
    ("launcher", Cue::Shelling),
    ("rpg", Cue::Shelling),
    ("projectiles", Cue::Shelling),
    ("howitzer", Cue::Shelling),
    ("ied", Cue::Explosive),
    ("ieds", Cue::Explosive),
    ("landmine", Cue::Explosive),
    ("landmines", Cue::Explosive),
    ("mine", Cue::Explosive),
    ("explosive", Cue::Explosive),
    ("explosives", Cue::Explosive),
    ("explosion", Cue::Explosive),
    ("exploded", Cue::Explosive),
    ("detonated", Cue::Explosive),
    ("blast", Cue::Explosive),
    ("bomb", Cue::Explosive),
    ("explosions", Cue::Shelling),
    ("gunfire", Cue::SmallArms),
    ("shots", Cue::SmallArms),
    ("bursts", Cue::SmallArms),
    ("rifles", Cue::SmallArms),
    ("snipers", Cue::SmallArms),
    ("sniper", Cue::SmallArms),
    ("machineguns", Cue::SmallArms),
    ("shoot-outs", Cue::SmallArms),
    ("shootouts", Cue::SmallArms),
    ("thwarted", Cue::Clash),
    ("incursion", Cue::Clash),
    ("incursions", Cue::Clash),
    ("offensive", Cue::Clash),
    ("assault", Cue::AttackVerb),
    ("targeted", Cue::AttackVerb),
    ("besieged", Cue::Clash),
    ("confronted", Cue::Clash),
    ("motorcade", Cue::Protest),
    ("march", Cue::Protest),
    ("marches", Cue::Protest),
    ("caravan", Cue::Protest),
    ("cacerolazo", Cue::Protest),
    ("chanting", Cue::Protest),
    ("slogans", Cue::Protest),
    ("intervened", Cue::Intervention),
    ("pelting", Cue::Riot),
    ("smashed", Cue::Looting),
    ("damaged", Cue::Looting),
    ("damages", Cue::Looting),
    ("reinforcements", Cue::GroupChange),
    ("suicide", Cue::Suicide),
    ("grenade", Cue::Grenade),
    ("grenades", Cue::Grenade),
    ("chemical", Cue::Chemical),
    ("sarin", Cue::Chemical),
    ("chlorine", Cue::Chemical),
    ("abducted", Cue::Abduction),
    ("abduction", Cue::Abduction),
    ("kidnapped", Cue::Abduction),
    ("kidnapping", Cue::Abduction),
    ("hostage", Cue::Abduction),
    ("hostages", Cue::Abduction),
    ("abducting", Cue::Abduction),
    ("kidnappers", Cue::Abduction),
    ("raped", Cue::Sexual),
    ("rape", Cue::Sexual),
    ("sexually", Cue::Sexual),
    ("sexual", Cue::Sexual),
    ("looted", Cue::Looting),
    ("looting", Cue::Looting),
    ("torched", Cue::Looting),
    ("burned", Cue::Looting),
    ("burnt", Cue::Looting),
    ("demolished", Cue::Looting),
    ("destroyed", Cue::Looting),
    ("ransacked", Cue::Looting),
    ("razed", Cue::Looting),
    ("arrested", Cue::Arrest),
    ("arrests", Cue::Arrest),
    ("arrest", Cue::Arrest),
    ("detained", Cue::Arrest),
    ("apprehended", Cue::Arrest),
    ("nabbed", Cue::Arrest),
    ("defused", Cue::DisruptedWeapons),
    ("cache", Cue::DisruptedWeapons),
    ("dismantled", Cue::DisruptedWeapons),
    ("recaptured", Cue::Regain),
    ("retook", Cue::Regain),
    ("regained", Cue::Regain),
    ("liberated", Cue::Regain),
    ("captured", Cue::Overtake),
    ("seized", Cue::Overtake),
    ("overran", Cue::Overtake),
    ("formed", Cue::GroupChange),
    ("joined", Cue::GroupChange),
    ("merged", Cue::GroupChange),
    ("defected", Cue::GroupChange),
    ("deployed", Cue::GroupChange),
    ("became", Cue::GroupChange),
    ("withdrew", Cue::Withdrawal),
    ("withdrawn", Cue::Withdrawal),
    ("withdrawal", Cue::Withdrawal),
    ("earthquake", Cue::Earthquake),
    ("quake", Cue::Earthquake),
    ("tremor", Cue::Earthquake),
    ("flood", Cue::Flood),
    ("floods", Cue::Flood),
    ("flooding", Cue::Flood),
    ("flooded", Cue::Flood),
    ("landslide", Cue::Flood),
    ("landslides", Cue::Flood),
    ("mudslide", Cue::Flood),
    ("storm", Cue::Storm),
    ("cyclone", Cue::Storm),
    ("hurricane", Cue::Storm),
    ("typhoon", Cue::Storm),
    ("tornado", Cue::Storm),
    ("wildfire", Cue::Fire),
    ("wildfires", Cue::Fire),
    ("blaze", Cue::Fire),
    ("drought", Cue::Drought),
    ("outbreak", Cue::Epidemic),
    ("epidemic", Cue::Epidemic),
    ("cholera", Cue::Epidemic),
    ("crashed", Cue::Accident),
    ("derailed", Cue::Accident),
    ("collapsed", Cue::Accident),
    ("capsized", Cue::Accident),
    ("election", Cue::Election),
    ("elections", Cue::Election),
    ("elected", Cue::Election),
    ("voted", Cue::Election),
    ("vote", Cue::Election),
    ("ballots", Cue::Election),
    ("polls", Cue::Election),
    ("referendum", Cue::Election),
    ("ceasefire", Cue::Ceasefire),
    ("cease-fire", Cue::Ceasefire),
    ("truce", Cue::Ceasefire),
    ("signed", Cue::Agreement),
    ("agreement", Cue::Agreement),
    ("accord", Cue::Agreement),
    ("met", Cue::Meeting),
    ("gathered", Cue::Protest),
    ("assembled", Cue::Protest),
    ("talks", Cue::Meeting),
    ("summit", Cue::Meeting),
    ("negotiations", Cue::Meeting),
    ("visited", Cue::Visit),
    ("visit", Cue::Visit),
    ("aid", Cue::Aid),
    ("relief", Cue::Aid),
    ("humanitarian", Cue::Aid),
    ("delivered", Cue::Aid),
    ("accused", Cue::Statement),
    ("condemned", Cue::Statement),
    ("threatened", Cue::Statement),
    ("warned", Cue::Statement),
    ("urged", Cue::Statement),
    ("demanded", Cue::Statement),
    ("announced", Cue::Statement),
    ("denied", Cue::Statement),
    ("claimed", Cue::Statement),
];

/// Multi-word triggers, matched on consecutive tokens.
pub const PHRASE_CUES: &[(&[&str], Cue)] = &[
    (&["tear", "gas"], Cue::Intervention),
    (&["water", "cannon"], Cue::Intervention),
    (&["rubber", "bullets"], Cue::Intervention),
    (&["exchange", "of", "fire"], Cue::Clash),
    (&["exchanged", "fire"], Cue::Clash),
    (&["opened", "fire"], Cue::AttackVerb),
    (&["found", "dead"], Cue::AttackVerb),
    (&["drive-by", "shooting"], Cue::AttackVerb),
    (&["gunshot", "wounds"], Cue::AttackVerb),
    (&["blocked", "the", "roads"], Cue::Protest),
    (&["blocked", "the", "highway"], Cue::Protest),
    (&["turned", "violent"], Cue::Riot),
    (&["joint", "patrol"], Cue::GroupChange),
    (&["conducted", "a", "patrol"], Cue::GroupChange),
    (&["military", "convoys"], Cue::GroupChange),
    (&["were", "released"], Cue::GroupChange),
    (&["forcibly", "disappeared"], Cue::Abduction),
    (&["small", "arms"], Cue::SmallArms),
    (&["machine", "guns"], Cue::SmallArms),
    (&["heavy", "machine", "guns"], Cue::SmallArms),
    (&["stone", "pelting"], Cue::Riot),
    (&["burning", "tires"], Cue::Riot),
    (&["burning", "tyres"], Cue::Riot),
    (&["burning", "objects"], Cue::Riot),
    (&["broke", "into"], Cue::Riot),
    (&["baton", "charged"], Cue::Intervention),
    (&["blocked", "the", "path"], Cue::Intervention),
    (&["air", "strike"], Cue::Air),
    (&["air", "strikes"], Cue::Air),
    (&["air", "raid"], Cue::Air),
    (&["air", "raids"], Cue::Air),
    (&["roadside", "bomb"], Cue::Explosive),
    (&["car", "bomb"], Cue::Explosive),
    (&["land", "mine"], Cue::Explosive),
    (&["blew", "himself"], Cue::Suicide),
    (&["blew", "herself"], Cue::Suicide),
    (&["took", "control"], Cue::Overtake),
    (&["taken", "control"], Cue::Overtake),
    (&["seized", "control"], Cue::Overtake),
    (&["regained", "control"], Cue::Regain),
    (&["set", "fire"], Cue::Looting),
    (&["set", "ablaze"], Cue::Looting),
    (&["set", "on", "fire"], Cue::Looting),
    (&["threw", "stones"], Cue::Riot),
    (&["pelted", "stones"], Cue::Riot),
    (&["hurled", "stones"], Cue::Riot),
    (&["blocked", "the", "road"], Cue::Protest),
    (&["blocked", "roads"], Cue::Protest),
    (&["blocked", "a", "road"], Cue::Protest),
    (&["road", "blockade"], Cue::Protest),
    (&["hunger", "strike"], Cue::Protest),
    (&["became", "part"], Cue::GroupChange),
    (&["pledged", "allegiance"], Cue::GroupChange),
    (&["set", "up", "a", "base"], Cue::BaseEstablished),
    (&["established", "a", "base"], Cue::BaseEstablished),
    (&["peace", "deal"], Cue::PeaceDeal),
    (&["peace", "agreement"], Cue::PeaceDeal),
    (&["peace", "accord"], Cue::PeaceDeal),
    (&["trade", "deal"], Cue::TradeDeal),
    (&["trade", "agreement"], Cue::TradeDeal),
    (&["handed", "over"], Cue::Withdrawal),
    (&["weapons", "cache"], Cue::DisruptedWeapons),
    (&["arms", "cache"], Cue::DisruptedWeapons),
    (&["seized", "weapons"], Cue::DisruptedWeapons),
    (&["seized", "arms"], Cue::DisruptedWeapons),
    (&["seized", "ammunition"], Cue::DisruptedWeapons),
    (&["seized", "explosives"], Cue::DisruptedWeapons),
    (&["called", "for"], Cue::Statement),
];

/// Nouns for armed actors and military targets: a victim among them makes a fight a battle.
pub const ARMED_NOUNS: &[&str] = &[
    "soldier",
    "soldiers",
    "troops",
    "army",
    "military",
    "police",
    "policemen",
    "policeman",
    "officers",
    "forces",
    "militants",
    "militant",
    "fighters",
    "fighter",
    "rebels",
    "rebel",
    "insurgents",
    "insurgent",
    "militia",
    "militias",
    "militiamen",
    "gunmen",
    "jihadists",
    "terrorists",
    "guards",
    "guard",
    "positions",
    "position",
    "base",
    "bases",
    "checkpoint",
    "convoy",
    "outpost",
    "patrol",
    "peshmerga",
    "commander",
    "commanders",
    "personnel",
    "servicemen",
    "gendarmes",
    "gendarmerie",
    "marines",
    "sniper",
    "snipers",
    "bandits",
    "gang",
    "gangs",
    "combatants",
    "paramilitaries",
    "battalion",
    "brigade",
    "unit",
    "units",
    "taliban",
    "vehicles",
    "tank",
    "tanks",
    "barracks",
];

/// Crowds: when they clash, it is a riot, not a battle.
pub const CROWD_NOUNS: &[&str] = &[
    "youths",
    "youth",
    "villagers",
    "residents",
    "people",
    "groups",
    "community",
    "supporters",
    "protesters",
    "demonstrators",
    "students",
    "workers",
    "prisoners",
    "inmates",
    "locals",
    "families",
    "mob",
    "crowd",
    "villages",
    "clans",
    "factions",
    "fans",
    "farmers",
    "herders",
];

/// Nouns for people outside the fight: a victim among them makes an attack violence against
/// civilians.
pub const CIVILIAN_NOUNS: &[&str] = &[
    "civilian",
    "civilians",
    "man",
    "woman",
    "men",
    "women",
    "child",
    "children",
    "boy",
    "girl",
    "boys",
    "girls",
    "villager",
    "villagers",
    "resident",
    "residents",
    "farmer",
    "farmers",
    "herder",
    "herders",
    "worker",
    "workers",
    "teacher",
    "teachers",
    "student",
    "students",
    "journalist",
    "journalists",
    "family",
    "families",
    "people",
    "passenger",
    "passengers",
    "trader",
    "traders",
    "shopkeeper",
    "chief",
    "pastor",
    "priest",
    "imam",
    "councilor",
    "councillor",
    "chairperson",
    "chairman",
    "activist",
    "activists",
    "driver",
    "drivers",
    "motorcyclist",
    "youth",
    "youths",
    "couple",
    "worshippers",
    "pupils",
    "doctor",
    "nurse",
    "leader",
    "official",
    "officials",
    "mayor",
    "candidate",
    "person",
    "persons",
    "body",
    "bodies",
    "victim",
    "victims",
    "refugees",
    "migrants",
    "displaced",
    "member",
];

/// The cue a single word gives, if any.
pub fn word_cue(word: &str) -> Option<Cue> {
    let (shapes, index) = word_cues();
    // Every word of every sentence asks: the filter spares most of them the hashing.
    if !shapes.may_contain(word) {
        return None;
    }
    index.get(word).copied()
}

/// The single-word cues, hashed on first use, with their shapes.
fn word_cues() -> &'static (ShapeFilter, FastMap<&'static str, Cue>) {
    static INDEX: OnceLock<(ShapeFilter, FastMap<&'static str, Cue>)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = FastMap::default();
        for &(word, cue) in WORD_CUES {
            map.entry(word).or_insert(cue);
        }
        (map.keys().copied().collect(), map)
    })
}

/// The longest multi-word cue the tokens start with.
pub fn phrase_cue(tokens: &[super::tokens::Token]) -> Option<(usize, Cue)> {
    phrase_cues().longest_at(tokens)
}

/// The multi-word cues, indexed on first use.
fn phrase_cues() -> &'static PhraseIndex<Cue> {
    static INDEX: OnceLock<PhraseIndex<Cue>> = OnceLock::new();
    INDEX.get_or_init(|| PhraseIndex::new(PHRASE_CUES))
}

/// Whether `word` may be a cue or start one: false means [`word_cue`] and [`phrase_cue`] both
/// answer `None` for it, so a caller asking at every token skips both.
pub fn may_cue(word: &str) -> bool {
    word_cues().0.may_contain(word) || phrase_cues().may_start(word)
}

/// Whether a word names armed actors or military targets.
pub fn is_armed(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ARMED_NOUNS.iter().copied().collect())
        .contains(word)
}

/// Whether a word names people outside the fight.
pub fn is_civilian(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| CIVILIAN_NOUNS.iter().copied().collect())
        .contains(word)
}

/// Whether a word names a crowd.
pub fn is_crowd(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| CROWD_NOUNS.iter().copied().collect())
        .contains(word)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;
    use crate::model::Span;

    #[test]
    fn phrase_index_finds_the_longest_entry_and_turns_others_away() {
        static ENTRIES: &[(&[&str], u8)] = &[
            (&["car", "bomb"], 1),
            (&["car", "bomb", "attack"], 2),
            (&["ambush"], 3),
        ];
        let index = PhraseIndex::new(ENTRIES);
        let at = |text: &str| index.longest_at(&tokenize(text, Span::new(0, text.len())));
        assert_eq!(at("car bomb attack today"), Some((3, 2)));
        assert_eq!(at("Car bomb"), Some((2, 1)));
        assert_eq!(at("ambush"), Some((1, 3)));
        // Same first byte and length as an entry, or neither: no match either way.
        for miss in ["cat bomb", "carbomb", "bomb car", "ambushed", ""] {
            assert_eq!(at(miss), None, "{miss}");
        }
    }
}
