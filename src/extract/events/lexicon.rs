//! Word lists the event rules read: the nouns that tell armed actors from civilians.

use crate::gazetteer::fast_hash::FastSet;
use std::sync::OnceLock;

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
