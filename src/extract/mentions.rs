//! What the wings find in a text and hand on: temporal expressions ([`Timex`]) and resolved
//! toponyms ([`PlaceMention`]). Shared by the wings and the caller, so none imports another's
//! dispatcher for them.

use serde::Serialize;

use crate::model::{Place, Span, When};

/// The TIMEX3 type of a temporal expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period ("January 3, 2020", "last week", "2016").
    Date,
    /// A time of day, or a day part ("later that night", "Tuesday morning").
    Time,
    /// A length of time ("three weeks").
    Duration,
    /// A recurrence ("every Friday").
    Set,
}

/// A temporal expression found in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timex {
    /// Where it stands in the text.
    pub span: Span,
    /// The words, as written.
    pub text: String,
    /// Its TIMEX3 type.
    #[serde(rename = "type")]
    pub timex_type: TimexType,
    /// Its TIMEX3 value (`2013-03-22`, `2013-W11`, `P3D`, `PRESENT_REF`).
    pub value: String,
    /// For dates and times, the interval of days it denotes.
    pub when: Option<When>,
    /// Its TIMEX3 `mod` as a `When` modifier ("late 2016", "about two years"), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<crate::model::Modifier>,
}

/// A toponym found in the text and the place it was resolved to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceMention {
    /// Where it stands in the text.
    pub span: Span,
    /// The words, as written ("Makhmour").
    pub text: String,
    /// The place it names.
    pub place: Place,
    /// Whether the words are a demonym ("Iraqi", "Americans"): evidence of what the story is
    /// about and where its actors are from. A plural one names a people, not a place: the
    /// extraction's `places` leave those out.
    #[serde(skip)]
    pub by_demonym: bool,
}
