//! `Kind`: the two-level event taxonomy. The top level follows ACLED's six event types and adds
//! the non-violent kinds news is full of; each sub-kind belongs to exactly one top kind. Text
//! form `top.sub` (`battle.armed_clash`), or `top` alone when the sub-kind is not known.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares the top kinds and sub-kinds from one table, so names, parents and parsing agree.
macro_rules! taxonomy {
    ($( $top:ident $top_name:literal : $doc:literal { $( $sub:ident $sub_name:literal ),* $(,)? } )*) => {
        /// The top level of the taxonomy.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum EventType {
            $( #[doc = $doc] $top, )*
        }

        /// The second level; every sub-kind has one parent `EventType`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum SubKind {
            $( $( #[doc = concat!("`", $top_name, ".", $sub_name, "`")] $sub, )* )*
        }

        impl EventType {
            /// Every top kind, in taxonomy order.
            pub const ALL: &'static [EventType] = &[ $( EventType::$top, )* ];

            /// The snake_case name used in text and queries.
            pub fn as_str(self) -> &'static str {
                match self { $( EventType::$top => $top_name, )* }
            }

            /// The sub-kinds of this top kind, in taxonomy order.
            pub fn sub_kinds(self) -> &'static [SubKind] {
                match self { $( EventType::$top => &[ $( SubKind::$sub, )* ], )* }
            }
        }

        impl SubKind {
            /// The snake_case name, unique within its parent.
            pub fn as_str(self) -> &'static str {
                match self { $( $( SubKind::$sub => $sub_name, )* )* }
            }

            /// The top kind this sub-kind belongs to.
            pub fn parent(self) -> EventType {
                match self { $( $( SubKind::$sub => EventType::$top, )* )* }
            }
        }
    };
}

taxonomy! {
    Battle "battle": "Armed groups fighting each other (ACLED: Battles)." {
        ArmedClash "armed_clash",
        GovernmentRegainsTerritory "government_regains_territory",
        NonStateActorOvertakesTerritory "non_state_actor_overtakes_territory",
    }
    ExplosionRemoteViolence "explosion_remote_violence": "Violence at a distance (ACLED: Explosions/Remote violence)." {
        AirDroneStrike "air_drone_strike",
        ShellingArtilleryMissileAttack "shelling_artillery_missile_attack",
        RemoteExplosiveLandmineIed "remote_explosive_landmine_ied",
        SuicideBomb "suicide_bomb",
        Grenade "grenade",
        ChemicalWeapon "chemical_weapon",
    }
    ViolenceAgainstCivilians "violence_against_civilians": "Armed actors harming unarmed people (ACLED: Violence against civilians)." {
        Attack "attack",
        AbductionForcedDisappearance "abduction_forced_disappearance",
        SexualViolence "sexual_violence",
    }
    Protest "protest": "Public demonstrations that stay non-violent (ACLED: Protests)." {
        PeacefulProtest "peaceful_protest",
        ProtestWithIntervention "protest_with_intervention",
        ExcessiveForceAgainstProtesters "excessive_force_against_protesters",
    }
    Riot "riot": "Violent demonstrations and mobs (ACLED: Riots)." {
        ViolentDemonstration "violent_demonstration",
        MobViolence "mob_violence",
    }
    StrategicDevelopment "strategic_development": "Context events that shape conflict (ACLED: Strategic developments)." {
        Agreement "agreement",
        Arrests "arrests",
        ChangeToGroupActivity "change_to_group_activity",
        DisruptedWeaponsUse "disrupted_weapons_use",
        HeadquartersOrBaseEstablished "headquarters_or_base_established",
        LootingPropertyDestruction "looting_property_destruction",
        NonViolentTransferOfTerritory "non_violent_transfer_of_territory",
        OtherDevelopment "other",
    }
    Statement "statement": "Something said: claims, accusations, threats, appeals." {
        Claim "claim",
        Accusation "accusation",
        Threat "threat",
        Appeal "appeal",
    }
    Meeting "meeting": "Leaders or delegations meeting or visiting." {
        Talks "talks",
        Visit "visit",
    }
    Agreement "agreement": "Deals signed or announced." {
        Ceasefire "ceasefire",
        PeaceDeal "peace_deal",
        TradeDeal "trade_deal",
    }
    Election "election": "Votes, results and campaigns." {
        Vote "vote",
        Result "result",
        Campaign "campaign",
    }
    Aid "aid": "Humanitarian or military aid delivered or pledged." {
        Humanitarian "humanitarian",
        Military "military",
    }
    Disaster "disaster": "Natural and industrial disasters." {
        Earthquake "earthquake",
        Flood "flood",
        Storm "storm",
        Fire "fire",
        Drought "drought",
        Epidemic "epidemic",
        Accident "accident",
    }
    Other "other": "Something happened that no other kind fits." {}
}

/// An event's kind: a top kind and, when known, one of its sub-kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kind {
    top: EventType,
    sub: Option<SubKind>,
}

/// Text that names no kind of the taxonomy.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an event kind (expected `top` or `top.sub`, e.g. `battle.armed_clash`)")]
pub struct UnknownKind(pub String);

impl Kind {
    /// The kind of an event nothing more is known of.
    pub const OTHER: Kind = Kind::top(EventType::Other);

    /// A top kind without a sub-kind.
    pub const fn top(top: EventType) -> Kind {
        Kind { top, sub: None }
    }

    /// A sub-kind, with its parent as top kind.
    pub fn sub(sub: SubKind) -> Kind {
        Kind {
            top: sub.parent(),
            sub: Some(sub),
        }
    }

    /// The top kind.
    pub fn event_type(&self) -> EventType {
        self.top
    }

    /// The sub-kind, if known.
    pub fn sub_kind(&self) -> Option<SubKind> {
        self.sub
    }

    /// Whether the kind is organised political violence, ACLED's three violent types: a
    /// battle, explosions and remote violence, violence against civilians.
    pub fn is_political_violence(&self) -> bool {
        matches!(
            self.top,
            EventType::Battle
                | EventType::ExplosionRemoteViolence
                | EventType::ViolenceAgainstCivilians
        )
    }

    /// Whether `self` is `other` or lies under it: `battle` matches `battle.armed_clash`.
    pub fn matches(&self, other: &Kind) -> bool {
        self.top == other.top && (self.sub.is_none() || self.sub == other.sub)
    }

    /// Every kind, top kinds each followed by their sub-kinds; for completion and `.schema`.
    pub fn all() -> impl Iterator<Item = Kind> {
        EventType::ALL.iter().flat_map(|&top| {
            std::iter::once(Kind::top(top)).chain(top.sub_kinds().iter().map(|&s| Kind::sub(s)))
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sub {
            Some(sub) => write!(f, "{}.{}", self.top.as_str(), sub.as_str()),
            None => f.write_str(self.top.as_str()),
        }
    }
}

impl FromStr for EventType {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EventType::ALL
            .iter()
            .copied()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownKind(s.to_string());
        let (top, sub) = match s.split_once('.') {
            Some((top, sub)) => (top, Some(sub)),
            None => (s, None),
        };
        let top: EventType = top.parse().map_err(|_| unknown())?;
        match sub {
            None => Ok(Kind::top(top)),
            Some(sub) => top
                .sub_kinds()
                .iter()
                .copied()
                .find(|k| k.as_str().eq_ignore_ascii_case(sub))
                .map(Kind::sub)
                .ok_or_else(unknown),
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_text() {
        for kind in Kind::all() {
            assert_eq!(kind.to_string().parse::<Kind>(), Ok(kind));
        }
    }

    #[test]
    fn top_kind_matches_its_sub_kinds_only() {
        let battle = Kind::top(EventType::Battle);
        let clash = Kind::sub(SubKind::ArmedClash);
        assert!(battle.matches(&clash));
        assert!(clash.matches(&clash));
        assert!(!clash.matches(&battle));
        assert!(!Kind::top(EventType::Riot).matches(&clash));
    }

    #[test]
    fn sub_kind_must_belong_to_its_top_kind() {
        assert!("riot.armed_clash".parse::<Kind>().is_err());
        assert_eq!(
            "strategic_development.agreement".parse::<Kind>(),
            Ok(Kind::sub(SubKind::Agreement))
        );
        assert_eq!(
            "agreement.ceasefire"
                .parse::<Kind>()
                .map(|k| k.event_type()),
            Ok(EventType::Agreement)
        );
        assert!("".parse::<Kind>().is_err());
        assert!("battle.".parse::<Kind>().is_err());
    }
}
