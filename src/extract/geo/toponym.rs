//! The toponym: a run of words that names something in the gazetteer and reads as a place.
//! The geoparser's shared type: [`super::recognise`] finds toponyms, [`super::containers`] links
//! them, [`super::resolve`] picks what each means.

use std::rc::Rc;

use crate::gazetteer::Candidate;
use crate::model::Span;

/// A run of words that names something in the gazetteer and reads as a place.
#[derive(Clone, Debug, PartialEq)]
pub struct Toponym {
    /// Where it stands in the text.
    pub span: Span,
    /// Its index key.
    pub key: String,
    /// What it may mean, best first by prior.
    pub candidates: Rc<[Candidate]>,
    /// Whether the context said it is a place ("in X", "X province").
    pub evidenced: bool,
    /// The spans of the places named beside it as its containers ("Oxford, North Carolina",
    /// "Abu Salim (Tripoli)", "the town of Bara in Idleb", "Beirut's Hamra district").
    pub containers: Vec<Span>,
    /// Whether the same name follows it as its container ("Valparaiso, Valparaiso"): a city
    /// named with its region of the same name.
    pub twin: bool,
    /// The span of the route's other end, when it is named as one end of a route ("the
    /// Tripoli-Beirut highway"): the two ends lie near each other.
    pub partner: Option<Span>,
}
