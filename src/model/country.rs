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
        match *code.as_bytes() {
            [a, b] => Country::from_bytes([a.to_ascii_uppercase(), b.to_ascii_uppercase()]),
            _ => None,
        }
    }

    /// The country whose code is these two bytes exactly, upper case (`*b"IQ"`): what the
    /// store's rows and keys hold. One look in a table, no search: every decoded row asks.
    pub fn from_bytes(bytes: [u8; 2]) -> Option<Country> {
        table_index(bytes).map(|_| Country(bytes))
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
        // A `Country` only ever holds a code of the table, so the fallback is never taken.
        &COUNTRY_CODES[table_index(self.0).unwrap_or(0)]
    }
}

/// Where each alpha-2 code sits in `COUNTRY_CODES`, plus one (0: no such code), by its two
/// letters `A`..`Z`: built once, at compile time, so a code costs one look instead of a
/// binary search (which took 7.7 % of a row query's time, once per decoded row).
static BY_LETTERS: [[u8; 26]; 26] = by_letters();

const fn by_letters() -> [[u8; 26]; 26] {
    // Indexes plus one must fit a byte.
    assert!(COUNTRY_CODES.len() < u8::MAX as usize);
    let mut table = [[0u8; 26]; 26];
    let mut i = 0;
    while i < COUNTRY_CODES.len() {
        let code = COUNTRY_CODES[i].0.as_bytes();
        assert!(code.len() == 2 && code[0].is_ascii_uppercase() && code[1].is_ascii_uppercase());
        table[(code[0] - b'A') as usize][(code[1] - b'A') as usize] = i as u8 + 1;
        i += 1;
    }
    table
}

/// The position of an upper-case alpha-2 code in `COUNTRY_CODES`.
fn table_index([a, b]: [u8; 2]) -> Option<usize> {
    let row = BY_LETTERS.get(usize::from(a.wrapping_sub(b'A')))?;
    match row.get(usize::from(b.wrapping_sub(b'A'))) {
        Some(&slot) if slot > 0 => Some(usize::from(slot) - 1),
        _ => None,
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
    fn table_is_sorted_and_whole() {
        assert!(COUNTRY_CODES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(Country::all().count(), COUNTRY_CODES.len());
    }

    #[test]
    fn the_direct_table_answers_as_a_search_of_the_iso_table() {
        let searched = |code: &str| {
            COUNTRY_CODES
                .iter()
                .find(|(a2, _, _)| a2.eq_ignore_ascii_case(code))
        };
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let Ok(text) = std::str::from_utf8(&[a, b]).map(str::to_string) else {
                    assert_eq!(Country::from_bytes([a, b]), None);
                    continue;
                };
                let found = Country::from_code(&text);
                assert_eq!(
                    found.map(|c| c.code()),
                    searched(&text).map(|e| e.0),
                    "{text:?}"
                );
                if let Some(country) = found {
                    let entry = searched(&text).expect("found");
                    assert_eq!((country.alpha3(), country.name()), (entry.1, entry.2));
                }
                // The store's bytes: upper case only.
                let exact = Country::from_bytes([a, b]).map(|c| c.code());
                assert_eq!(
                    exact,
                    found.filter(|c| c.as_bytes() == [a, b]).map(|c| c.code())
                );
            }
        }
    }
}
