//! Reads GeoNames dumps (`allCountries.txt`, `cities500.txt`, a country's `IQ.txt`: the standard
//! 19-column tab-separated format) into [`Entry`]s for [`super::Gazetteer::with_extra`]. A bad
//! row is skipped with an error naming the file and line; the rest are read. Never writes
//! anything: persisting entries is the store's job.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::error::Error;
use crate::ingest::InputError;
use crate::model::{Country, GeoPrecision};

use super::{Entry, names};

/// What a dump yielded: the entries read and an error for each row that could not be.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Import {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// One error per bad row, naming file and line.
    pub errors: Vec<InputError>,
}

/// Reads the dump at `path`. Fails only when the file cannot be opened or read.
pub fn read_dump(path: &Path) -> Result<Import, Error> {
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_dump(BufReader::new(file), path)
}

/// Reads a dump from `reader`; `path` names it in errors.
pub fn parse_dump(reader: impl BufRead, path: &Path) -> Result<Import, Error> {
    let mut import = Import::default();
    for (index, line) in reader.lines().enumerate() {
        let line_no = index + 1;
        let line = match line {
            Ok(line) => line,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                import.errors.push(InputError {
                    path: path.to_path_buf(),
                    line: Some(line_no),
                    message: "not valid UTF-8".into(),
                });
                continue;
            }
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        // Comment lines open some GeoNames files (`#` headers in countryInfo.txt, say).
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_row(&line) {
            Ok(entry) => import.entries.push(entry),
            Err(message) => import.errors.push(InputError {
                path: path.to_path_buf(),
                line: Some(line_no),
                message,
            }),
        }
    }
    Ok(import)
}

/// One row of the 19-column format, or what is wrong with it.
pub fn parse_row(line: &str) -> Result<Entry, String> {
    let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
    if fields.len() != 19 {
        return Err(format!(
            "expected 19 tab-separated columns, found {}",
            fields.len()
        ));
    }
    let field = |i: usize| fields.get(i).copied().unwrap_or("").trim();
    let geonameid: u32 = field(0)
        .parse()
        .map_err(|_| format!("geonameid `{}` is not a number", field(0)))?;
    let name = field(1);
    if name.is_empty() {
        return Err("empty name".into());
    }
    let lat: f64 = field(4)
        .parse()
        .ok()
        .filter(|v: &f64| (-90.0..=90.0).contains(v))
        .ok_or_else(|| format!("latitude `{}` is not a number in -90..=90", field(4)))?;
    let lon: f64 = field(5)
        .parse()
        .ok()
        .filter(|v: &f64| (-180.0..=180.0).contains(v))
        .ok_or_else(|| format!("longitude `{}` is not a number in -180..=180", field(5)))?;
    let country =
        match field(8) {
            "" => None,
            code => Some(Country::from_code(code).ok_or_else(|| {
                format!("country code `{code}` is not an ISO 3166-1 alpha-2 code")
            })?),
        };
    let population = match field(14) {
        "" => 0,
        p => p
            .parse()
            .map_err(|_| format!("population `{p}` is not a number"))?,
    };
    let mut alternate_names: Vec<String> = Vec::new();
    for alt in std::iter::once(field(2)).chain(field(3).split(',')) {
        let alt = alt.trim();
        if !alt.is_empty()
            && alt != name
            && names::fold(alt).is_some()
            && !alternate_names.iter().any(|a| a == alt)
        {
            alternate_names.push(alt.to_string());
        }
    }
    Ok(Entry {
        geonameid: Some(geonameid),
        name: name.to_string(),
        alternate_names,
        country,
        admin1: Some(field(10))
            .filter(|a| !a.is_empty())
            .map(str::to_string),
        lat,
        lon,
        population,
        precision: precision_of(field(6), field(7)),
    })
}

/// The precision a GeoNames feature class and code stand for.
pub fn precision_of(class: &str, code: &str) -> GeoPrecision {
    match (class, code) {
        ("P", _) => GeoPrecision::City,
        ("A", "ADM1") => GeoPrecision::Admin1,
        ("A", c) if c.starts_with("PCL") => GeoPrecision::Country,
        ("L", "CONT" | "RGN") => GeoPrecision::Region,
        _ => GeoPrecision::Point,
    }
}
