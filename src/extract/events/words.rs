//! The names the event rules' tables use: the roles words play (`rules/events/words.tsv` lists
//! the words of each role, and the rules ask whether a token plays one: each role is one
//! question a rule asks of the words around a cue, and a word may play several), the checks of
//! ambiguous cue words (`ambiguous_cues.tsv`), and the classes of generic actor mentions
//! (`mentions.tsv`, named in `actor_classes.tsv`).

use crate::extract::rules::words::table_enum;

table_enum! {
    /// A role a word plays for the event rules (a column value of `rules/events/words.tsv`).
    pub enum WordRole {
        /// Armed actors and military targets: a victim among them makes a fight a battle.
        Armed,
        /// Crowds: when they clash, it is a riot, not a battle.
        Crowd,
        /// People outside the fight: a victim among them makes an attack violence against
        /// civilians.
        Civilian,
        /// Armed groups whose presence makes a clash of crowds a battle after all.
        ArmedGroup,
        /// Aircraft and air forces: with one in the sentence, "bombed" is an air strike.
        AirContext,
        /// After "captured" or "seized": a place taken, so the territory changed hands.
        Territory,
        /// Security forces facing a protest.
        Security,
        /// Auxiliaries before a passive verb ("were attacked").
        PassiveAux,
        /// Words that make a suicide cue a suicide bombing ("bomber", "vest").
        SuicideContext,
        /// Words that make a chemical cue a chemical weapon ("gas", "weapons").
        ChemicalContext,
        /// Words that make an election told its result, not its vote.
        ElectionResult,
        /// Nouns that make an agreement cue an agreement ("deal", "treaty").
        AgreementNoun,
        /// Words that make an aid cue a humanitarian delivery ("supplies", "food").
        AidContext,
        /// Deaths in a protest: with security forces and live fire, excessive force.
        ProtestDeath,
        /// Live fire at a protest.
        LiveFire,
        /// Arrests at a protest, by the police or passive: an intervention.
        ProtestArrest,
        /// Violence by protesters: a violent demonstration.
        ProtestViolence,
        /// Statement verbs of accusation.
        Accusation,
        /// Statement verbs of threat.
        Threat,
        /// Statement verbs of appeal.
        Appeal,
        /// With "strike": an air strike ("drone strike", "missile strike").
        AirStrikeContext,
        /// Right before "strike": a labour strike, a protest ("general strike", "on strike").
        StrikeProtestBefore,
        /// With "mine": an explosive, not a pit ("the mine exploded").
        MineContext,
        /// The start of the word after "grenade" that makes it a launcher: shelling.
        Launcher,
        /// With an aircraft word: it struck ("drones struck"), so it is an air strike.
        AircraftStrikeContext,
        /// With an explosion word: an accident ("a gas cylinder exploded").
        AccidentContext,
        /// People who protest when the event is a protest: "farmers blocked roads".
        ProtestCrowd,
        /// After a country's name or adjective: its state forces ("Egyptian troops").
        StateForce,
        /// Between a country's adjective and its forces ("Iraqi national security forces").
        ForceQualifier,
        /// After a generic noun, before a named group: the noun is the group's members
        /// ("soldiers from the PMF", "fighters of Boko Haram").
        GroupOf,
        /// Words that open a new clause: actors on the other side of one are not the event's.
        ClauseOpener,
        /// After the trigger and a comma, it opens a clause set against the trigger's ("…, but many credit
        /// Iran"): a place named after it is not where the event was.
        Contrast,
        /// Generic nouns that a definite article ties back to a named group ("the militias").
        Coreferent,
        /// Small words inside the name an acronym stands for ("Allied Democratic Forces").
        AcronymJoiner,
        /// A pronoun object right after the trigger: the main clause's actor ("ambushed it").
        ObjectPronoun,
        /// Before a happening noun: it points back at a happening told already ("the strikes").
        Definite,
        /// Verbs that carry a happening already under way on ("the gunfire continued").
        Continuing,
        /// Verbs of denial: what follows them is said not to have happened.
        Denial,
        /// Right before a trigger, it says the happening did not take place ("no arrests",
        /// "never attacked").
        Negation,
        /// Verbs and nouns of intent whose `to` before a trigger says it has not happened yet:
        /// asked to, threatened to, plans to ("asked the coalition to bomb").
        Intention,
        /// Right before a trigger (through `be`, `have`, `been`): a happening only possible,
        /// expected or imagined ("would attack", "could have been killed").
        Modal,
        /// Between a modal and its trigger ("would be killed", "could have been killed").
        ModalFiller,
        /// Opens a condition: a trigger after it, in the same clause, is imagined ("if they
        /// attack").
        Condition,
        /// Relative pronouns: they open a clause of their own ("the child who was killed").
        Relative,
        /// The sentence says its happening is another ("in a separate attack").
        Another,
        /// Before "the clash": the sentence dates by the told happening, it does not re-tell it.
        DatingPreposition,
        /// After a trigger, before "the shooting": the trigger is a part of the happening told
        /// already ("two were wounded during the robbery").
        WithinHappening,
        /// A verb of taking place ("it happened about 9 p.m. Sunday", "the shooting occurred
        /// …"): after a pronoun or a definite noun opening the sentence, the sentence dates the
        /// happening told before it.
        Occurrence,
        /// A legal step after a happening ("charged", "pleaded", "sentenced"): a trigger after
        /// it names what the step is about, and the sentence's date is the step's.
        LegalStep,
        /// Skipped between a happening noun and its verb ("the fighting has also raised…").
        AdverbBeforeVerb,
        /// After a happening noun: the sentence sets the told happening beside another ("the
        /// ambush came a week after…").
        SetsBeside,
        /// The present perfect's auxiliaries: a state of affairs, or a happening's effects.
        Perfect,
        /// A bare present verb that, after a relative or plural pronoun, tells a habit.
        HabitVerb,
        /// The pronouns before a verb of habit ("units that attack villages").
        HabitSubject,
        /// A trigger that only tells the toll of the attack before it ("3 were killed.").
        TollVerb,
        /// Right before a trigger: it refers back to the happening before ("in the shooting").
        RefersBack,
        /// Right before a fight's trigger: the sentence introduces it ("a clash …").
        IntroducingArticle,
        /// Before a place: where the event happened ("in Jundiai").
        Locative,
        /// Before a place: an origin or destination, not where the event happened.
        Movement,
        /// After a region's name: a district, as specific as a town ("Maywand district").
        DistrictNoun,
        /// Before a city's name: it stands for the land around it ("the countryside of Aleppo").
        RegionNoun,
        /// Skipped back to a region noun ("the northern countryside of Aleppo").
        RegionNounSkip,
        /// Skipped back to the preposition before a place ("in northern Iraq").
        Direction,
        /// Skipped back to the preposition before a place ("the town of Bara").
        PlaceNoun,
        /// The end of a one-word country or region adjective ("Iraqi", "Kurdish").
        DemonymEnding,
        /// Words of a date that continue the story ("later that night"): a phrase.
        NarrativeCue,
        /// Before a date, the telling's verb ("said on Sunday"): a phrase ending the text
        /// before the date.
        SayingVerb,
        /// The start of a header line of the seed format ("Source:"), as written.
        HeaderLine,
        /// Before a bare year and a noun: the year names a thing ("the 2016 peace agreement").
        ThingDeterminer,
    }
}

/// How the entries of a role are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryForm {
    /// One lower-case word, as the event tokenizer splits a sentence.
    Word,
    /// Lower-case words separated by single spaces.
    Phrase,
    /// Any text, matched as written.
    Text,
}

impl WordRole {
    /// How the role's entries are written.
    pub fn form(self) -> EntryForm {
        match self {
            WordRole::NarrativeCue | WordRole::SayingVerb => EntryForm::Phrase,
            WordRole::HeaderLine => EntryForm::Text,
            _ => EntryForm::Word,
        }
    }
}

table_enum! {
    /// The check a word's cue must pass, for words whose cue depends on the words around them
    /// (a column value of `rules/events/ambiguous_cues.tsv`).
    pub enum CueCheck {
        /// An explosive, unless the sentence names aircraft ([`WordRole::AirContext`]): "bombed".
        ExplosiveUnlessAir,
        /// An air strike with [`WordRole::AirStrikeContext`], a protest after
        /// [`WordRole::StrikeProtestBefore`], else nothing: "strike".
        Strike,
        /// Its cue only with [`WordRole::MineContext`]: "mine".
        Mine,
        /// Territory taken when a place or [`WordRole::Territory`] follows, an arrest when people
        /// do, else nothing: "captured", "seized".
        Seizure,
        /// Shelling when a launcher follows ([`WordRole::Launcher`]): "grenade".
        GrenadeLauncher,
        /// Its cue only with [`WordRole::AircraftStrikeContext`]: "drones", "helicopters".
        Aircraft,
        /// An accident with [`WordRole::AccidentContext`]: "explosion", "blast".
        Blast,
        /// Never a cue on its own: "fire" ("opened fire" and "set fire" are phrases).
        Never,
        /// Its cue only in lower case: "march" (not the month).
        LowerCase,
    }
}

table_enum! {
    /// The kind of actor a generic mention stands for (a column value of
    /// `rules/events/mentions.tsv`); `rules/events/actor_classes.tsv` gives each its ACLED-style
    /// name.
    pub enum ActorClass {
        /// A state's armed forces: soldiers, troops, security forces.
        Military,
        /// A state's police.
        Police,
        /// An international coalition's forces.
        Coalition,
        /// Armed men nobody names: gunmen, militants, assailants. "The militants" after a named
        /// group are that group.
        UnidentifiedArmedGroup,
        /// A criminal gang.
        UnidentifiedGang,
        /// Protesters, and every crowd of a protest.
        Protesters,
        /// Rioters, and the crowd of every riot.
        Rioters,
        /// People outside the fight; in a protest, protesters.
        Civilians,
    }
}

table_enum! {
    /// A role a word plays in reading casualty counts (a column value of
    /// `rules/events/casualties.tsv`).
    pub enum CasualtyRole {
        /// A word of death: the count near it is of the dead.
        Death,
        /// A word of injury: the count near it is of the hurt.
        Injury,
        /// A verb that, active, takes the victims as object: the count follows it.
        Active,
        /// Right before a cue, it makes the cue passive: the count stands before it.
        Passive,
        /// Near a cue, it announces a stated total that replaces other counts.
        Total,
        /// After a number, it makes the number a measure, not a count of people.
        Measure,
        /// Right before a cue: an explicit zero ("no fatalities").
        ZeroBefore,
        /// In the words before a cue, or right after it: an explicit zero ("nobody").
        Nobody,
        /// In the words before a cue with a word after it, or right after the cue: an explicit
        /// zero ("none of them").
        NoneOf,
        /// Two words, in the words before a cue or the two after it: an explicit zero.
        NoOne,
        /// A number right before it is a coder's stated total ("3 fatalities").
        SummaryNoun,
        /// Between two numbers: a range ("30 to 40").
        RangeJoiner,
        /// After an active cue, before a person: one victim ("killing a man").
        Indefinite,
        /// A few words before a passive cue: one victim ("a man was found dead").
        OnePerson,
        /// After "a": no person, so no victim counted ("a car bomb").
        NotPerson,
        /// Two words, a cue and the word before it, that put the victim after them ("shot
        /// dead a civilian").
        VictimAfter,
        /// A word of being hit ("shot"): the count near it is of everyone hit, dead or hurt;
        /// those of them not counted dead are the hurt.
        Hit,
        /// Right before a word of being hit, it makes it a word of death ("fatally shot").
        Fatally,
        /// A word of death that, with no count near it, still tells of one dead ("Lewis died").
        LoneDeath,
        /// Right before a word of death, it says the dead were many ("were killed"), so a lone
        /// word of death tells no count.
        PluralPassive,
        /// Right before a passive cue, it says one was hit or hurt ("the victim was shot"): with
        /// no count near, the sentence tells of one.
        SinglePassive,
        /// It may stand between a passive verb and its cue ("was also shot", "were critically
        /// injured") without undoing the passive.
        Adverb,
        /// Right after an active word of being hit, it says the shots were aimed, not that they
        /// hit ("shot at the car"): no victim is counted after it.
        AimedAt,
        /// An object pronoun: one victim right after an active cue ("shot him").
        ObjectPronoun,
        /// Between a count and its cue, it says the count is of others than those already told
        /// ("two others were shot"): they are the hurt, beside the dead.
        Others,
        /// A noun of those hit ("two victims"): a number right before it counts the hit, unless a
        /// word of death or injury in the same clause tells their fate.
        HitNoun,
        /// A verb of being carried to care ("were taken to the hospital"): before `to` and a
        /// place of care, its passive's subject are those hurt.
        TakenTo,
        /// A place of care the hurt are taken to ("hospital").
        CarePlace,
        /// Right before a number, it makes the number an age ("aged 35"), not a count.
        Age,
        /// Right before a number, it makes the number an address or a clock time ("at 101
        /// Elm Street", "at 9"), not a count.
        AtNumber,
        /// A word of injury that, with no count near it, still tells of one hurt ("suffered
        /// non-life-threatening injuries").
        LoneHurt,
        /// A word that makes a happening deadly ("a fatal shooting", "fatally shooting"): it tells
        /// of one dead at least, and adds no count of its own.
        Fatal,
        /// Right before a lone word of death (or its article), it makes the death a grievance,
        /// not a toll ("protested against the death of a student").
        Grievance,
    }
}

impl CasualtyRole {
    /// Whether the role's entries are two words.
    pub fn two_words(self) -> bool {
        matches!(self, CasualtyRole::NoOne | CasualtyRole::VictimAfter)
    }
}
