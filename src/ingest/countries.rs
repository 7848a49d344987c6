//! Country names as article headers write them (`iraq`, `united-states`, `IQ`, `Russia`) to
//! [`Country`]. ISO codes and ISO short names first, then a short list of the common names ISO
//! spells otherwise. Place names are the gazetteer's job, never this module's.

use std::path::Path;

use crate::model::Country;

use super::InputWarning;

/// Common names of countries whose ISO short name differs, folded (lower-case letters and
/// digits only), with their alpha-2 code.
const COMMON_NAMES: &[(&str, &str)] = &[
    ("britain", "GB"),
    ("burma", "MM"),
    ("capeverde", "CV"),
    ("congobrazzaville", "CG"),
    ("congokinshasa", "CD"),
    ("cotedivoire", "CI"),
    ("czechrepublic", "CZ"),
    ("democraticrepublicofcongo", "CD"),
    ("democraticrepublicofthecongo", "CD"),
    ("drc", "CD"),
    ("drcongo", "CD"),
    ("easttimor", "TL"),
    ("greatbritain", "GB"),
    ("ivorycoast", "CI"),
    ("macedonia", "MK"),
    ("micronesia", "FM"),
    ("palestine", "PS"),
    ("palestinianterritories", "PS"),
    ("republicofcongo", "CG"),
    ("russia", "RU"),
    ("swaziland", "SZ"),
    ("turkey", "TR"),
    ("uk", "GB"),
    ("unitedstatesofamerica", "US"),
    ("vatican", "VA"),
];

/// The country a header name stands for: an alpha-2 or alpha-3 code, an ISO short name in any
/// case and spelling of spaces and hyphens, or a common name ISO spells otherwise.
pub(super) fn resolve_country(name: &str) -> Option<Country> {
    let name = name.trim();
    if let Ok(country) = name.parse::<Country>() {
        return Some(country);
    }
    let folded: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    COMMON_NAMES
        .iter()
        .find(|(common, _)| *common == folded)
        .and_then(|(_, code)| Country::from_code(code))
}

/// The countries `names` stand for, in order and without repeats, and a warning naming each
/// name that stands for none (the article is still read).
pub(super) fn resolve_countries<'a>(
    names: impl IntoIterator<Item = &'a str>,
    path: &Path,
    line: Option<usize>,
) -> (Vec<Country>, Vec<InputWarning>) {
    let mut countries = Vec::new();
    let mut warnings = Vec::new();
    for name in names {
        match resolve_country(name) {
            Some(country) if !countries.contains(&country) => countries.push(country),
            Some(_) => {}
            None => warnings.push(InputWarning::new(
                path,
                line,
                format!("unknown country `{}`; dropped", name.trim()),
            )),
        }
    }
    (countries, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(name: &str) -> Option<String> {
        resolve_country(name).map(|c| c.code().to_string())
    }

    #[test]
    fn slugs_codes_and_common_names_resolve() {
        assert_eq!(code("iraq").as_deref(), Some("IQ"));
        assert_eq!(code("united-states").as_deref(), Some("US"));
        assert_eq!(code("USA").as_deref(), Some("US"));
        assert_eq!(code(" sy ").as_deref(), Some("SY"));
        assert_eq!(code("russia").as_deref(), Some("RU"));
        assert_eq!(code("democratic-republic-of-congo").as_deref(), Some("CD"));
        assert_eq!(code("UK").as_deref(), Some("GB"));
        assert_eq!(code("ivory-coast").as_deref(), Some("CI"));
        assert_eq!(code("narnia"), None);
        assert_eq!(code(""), None);
    }

    #[test]
    fn unknown_names_become_warnings_and_repeats_go() {
        let (countries, warnings) = resolve_countries(
            ["iraq", "narnia", "IQ", "iran"],
            Path::new("a.txt"),
            Some(7),
        );
        let codes: Vec<&str> = countries.iter().map(|c| c.code()).collect();
        assert_eq!(codes, ["IQ", "IR"]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].to_string(),
            "a.txt:7: unknown country `narnia`; dropped"
        );
    }

    #[test]
    fn every_common_name_points_at_a_real_code() {
        for (name, code) in COMMON_NAMES {
            assert!(Country::from_code(code).is_some(), "{name} → {code}");
        }
        assert!(COMMON_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
