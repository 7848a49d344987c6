//! The roles words play for the geoparser: the rule book's `rules/geo/words.tsv` lists the words
//! of each role, and the rules of recognition and resolution ask whether a word around a name
//! plays one. Each role compares its words in one form ([`WordForm`]).

use crate::extract::rules::words::table_enum;

table_enum! {
    /// A role a word plays for the geoparser (a column value of `rules/geo/words.tsv`).
    pub enum GeoRole {
        /// Never a place on its own: function words, months, weekdays, titles, organisations.
        NeverPlace,
        /// Before a name: a person's title or office ("President", "Gen.").
        Title,
        /// Before a name: it is a place ("in", "near", "the city").
        PlaceBefore,
        /// After a name: it is a place ("province", "border").
        PlaceAfter,
        /// Capitalised after a name: part of an organisation's or a person's name ("Bank").
        OrganisationAfter,
        /// After a one-word name: a person's ("Obama said").
        SpeechAfter,
        /// In lower case after a name: the name of a thing ("a Molotov cocktail").
        ThingAfter,
        /// Before a place: the exchange a security is listed on ("listed in").
        ListingCue,
        /// After a country's name or adjective: a currency, no place ("the US dollar").
        CurrencyAfter,
        /// After a country's name: whose forces acted, no place ("US military forces").
        ForcesAfter,
        /// Arabic articles written in lower case before a name ("el Mina").
        Particle,
        /// Lower-case words that join the parts of one name ("Rio de Janeiro").
        Connector,
        /// Between a place and its container ("X district (Y)", "X in Y").
        GapWord,
        /// In the gap between two places, without a comma or bracket: the second contains the
        /// first ("X in Y", "the town of X of the Y district").
        ContainerPreposition,
        /// After a hyphened pair of names: a route's two ends ("the Tripoli-Beirut highway").
        RouteNoun,
        /// Before a name, or opening it: a town's neighbourhood ("Colonia Las Flores").
        NeighbourhoodBefore,
        /// After a name: a town's neighbourhood ("Periperi neighborhood").
        NeighbourhoodAfter,
        /// Before "of": a place's name follows ("the village of X", "south of X").
        OfAPlace,
        /// Before "Town, Region": the pair names where ("located at Goyali, Gadabay").
        ContainerLocative,
        /// Before an unknown name: a known place in another spelling ("in Qalqiliyah").
        VariantLocative,
        /// Skipped before such a name ("in southern Qalqiliyah").
        VariantDirection,
        /// After an unknown name: another spelling of a region ("Saladin province").
        RegionWord,
        /// After an unknown name: another spelling of a town ("Bhitshah town").
        TownWord,
        /// With a dot and a space: the start of a name ("St. Louis").
        DottedBeforeName,
        /// Inside a name, before an article and a capitalised word ("de los Aldama").
        RomancePreposition,
        /// After such a preposition inside a name.
        RomanceArticle,
        /// Connectors that start a new phrase more often than they continue a name.
        PhraseOpener,
        /// A people's name the gazetteer also knows as a place's ("Kurds"): it names the people,
        /// so it is evidence of where the story is, not a toponym.
        People,
        /// Right before a demonym, it makes it a people's name ("ethnic Turkmen").
        PeopleBefore,
        /// Arabic articles written as such before any letter ("al", "el"); the others are "al"
        /// assimilated to the name's first consonant ("ash Shaddadi").
        PlainArticle,
    }
}

/// The form in which a role's words are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordForm {
    /// Folded: lower case, accents stripped, every other run one space ("u n" for "U.N.").
    Folded,
    /// Lower case, as written otherwise ("area's", "sub-district").
    Lower,
    /// As written, case and all.
    Written,
}

impl GeoRole {
    /// The form the role's words are compared in.
    pub fn form(self) -> WordForm {
        match self {
            GeoRole::NeverPlace
            | GeoRole::Title
            | GeoRole::PlaceBefore
            | GeoRole::PlaceAfter
            | GeoRole::OrganisationAfter
            | GeoRole::SpeechAfter
            | GeoRole::ThingAfter => WordForm::Folded,
            GeoRole::DottedBeforeName => WordForm::Written,
            _ => WordForm::Lower,
        }
    }
}
