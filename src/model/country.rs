//! `Country`: an ISO 3166-1 alpha-2 code, validated against the ISO table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::country_codes::COUNTRY_CODES;

/// A country as its ISO 3166-1 alpha-2 code (`IQ`, `US`); only codes in the ISO table exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Country([u8; 2]);

/// A string that is not an ISO 3166-1 alpha-2 code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an ISO 3166-1 alpha-2 country code")]
pub struct UnknownCountry(pub String);

impl Country {
    /// The country with this alpha-2 code, in any case (`iq`, `IQ`); `None` if ISO has no such code.
    pub fn from_code(code: &str) -> Option<Country> {
        let bytes = code.as_bytes();
        if bytes.len() != 2 {
            return None;
        }
        let upper = [bytes[0].to_ascii_uppercase(), bytes[1].to_ascii_uppercase()];
        COUNTRY_CODES
            .binary_search_by(|(a2, _, _)| a2.as_bytes().cmp(&upper[..]))
            .ok()
            .map(|_| Country(upper))
    }

    /// The country with this alpha-3 code (`IRQ`), in any case.
    pub fn from_alpha3(code: &str) -> Option<Country> {
        COUNTRY_CODES
            .iter()
            .find(|(_, a3, _)| a3.eq_ignore_ascii_case(code))
            .and_then(|(a2, _, _)| Country::from_code(a2))
    }

    /// The country whose ISO short name matches, ignoring case, punctuation and spacing:
    /// `"Iraq"`, `"united-states"`, `"United States"`. Aliases ("the U.S.", "Burma") are the
    /// gazetteer's job; this knows only the ISO names.
    pub fn from_name(name: &str) -> Option<Country> {
        let wanted = fold_name(name);
        if wanted.is_empty() {
            return None;
        }
        COUNTRY_CODES
            .iter()
            .find(|(_, _, n)| fold_name(n) == wanted)
            .and_then(|(a2, _, _)| Country::from_code(a2))
    }

    /// The alpha-2 code, upper case, as the ISO table spells it.
    pub fn code(&self) -> &'static str {
        self.entry().0
    }

    /// The ISO short name ("Iraq", "United States").
    pub fn name(&self) -> &'static str {
        self.entry().2
    }

    /// The alpha-3 code ("IRQ").
    pub fn alpha3(&self) -> &'static str {
        self.entry().1
    }

    /// The two code bytes, for compact encodings.
    pub fn as_bytes(&self) -> [u8; 2] {
        self.0
    }

    /// Every country in the ISO table, in code order.
    pub fn all() -> impl Iterator<Item = Country> {
        COUNTRY_CODES
            .iter()
            .filter_map(|(a2, _, _)| Country::from_code(a2))
    }

    fn entry(&self) -> &'static (&'static str, &'static str, &'static str) {
        let i = COUNTRY_CODES
            .binary_search_by(|(a2, _, _)| a2.as_bytes().cmp(&self.0[..]))
            .unwrap_or(0);
        &COUNTRY_CODES[i]
    }
}

/// Lower-case letters only: "United-States" and "united states" fold alike.
fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Country {
    type Err = UnknownCountry;

    /// An alpha-2 code, an alpha-3 code or an ISO short name.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Country::from_code(s)
            .or_else(|| (s.len() == 3).then(|| Country::from_alpha3(s)).flatten())
            .or_else(|| Country::from_name(s))
            .ok_or_else(|| UnknownCountry(s.to_string()))
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Country::from_code(&s).ok_or_else(|| serde::de::Error::custom(UnknownCountry(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_names_and_alpha3_resolve() {
        assert_eq!(
            Country::from_code("iq").map(|c| c.code().to_string()),
            Some("IQ".into())
        );
        assert_eq!("IRQ".parse::<Country>().ok(), Country::from_code("IQ"));
        assert_eq!(
            "united-states".parse::<Country>().ok(),
            Country::from_code("US")
        );
        assert_eq!(Country::from_code("IQ").map(|c| c.name()), Some("Iraq"));
        assert!(Country::from_code("XX").is_none());
        assert!(Country::from_code("").is_none());
        assert!(Country::from_code("ñ").is_none());
        assert!("".parse::<Country>().is_err());
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(COUNTRY_CODES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(Country::all().count(), COUNTRY_CODES.len());
    }
}
