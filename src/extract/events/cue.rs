//! The cues: the classes of evidence a sentence can hold for what happened. The rule book's
//! `rules/events/cues.tsv` gives each cue its words and phrases; the kind rules of
//! [`super::classify`] combine a sentence's cues into one kind.

use crate::extract::rules::words::table_enum;

table_enum! {
    /// A class of evidence a sentence can hold. Several cues combine into one kind in `classify`.
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
}
