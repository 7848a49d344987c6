//! Reads GeoNames dumps (`allCountries.txt`, `cities500.txt`, a country's `IQ.txt`: the standard
//! 19-column tab-separated format) into [`Entry`]s for [`super::Gazetteer::with_extra`]. A bad
//! row is skipped with an error naming the file and line; the rest are read. Never writes
//! anything: persisting entries is the store's job.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

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

/// Reads the whole dump at `path` into memory. Fails only when the file cannot be opened or
/// read. For a dump of millions of rows use [`DumpRows`], which holds one row at a time.
pub fn read_dump(path: &Path) -> Result<Import, Error> {
    collect(DumpRows::open(path)?)
}

/// Reads a whole dump from `reader`; `path` names it in errors.
pub fn parse_dump(reader: impl BufRead, path: &Path) -> Result<Import, Error> {
    collect(DumpRows::new(reader, path))
}

fn collect(rows: DumpRows<impl BufRead>) -> Result<Import, Error> {
    let mut import = Import::default();
    for row in rows {
        match row? {
            Ok(entry) => import.entries.push(entry),
            Err(error) => import.errors.push(error),
        }
    }
    Ok(import)
}

/// One row of a dump: its entry, or an error naming file and line.
pub type Row = std::result::Result<Entry, InputError>;

/// A dump read one row at a time, in file order: memory stays that of one line however long
/// the file. Yields an `Err` (and then nothing) only when the file cannot be read; a bad row
/// is an `Ok(Err(..))` naming its line, and the rows after it are still read.
pub struct DumpRows<R> {
    reader: R,
    path: PathBuf,
    line_no: usize,
    line: Vec<u8>,
    failed: bool,
}

impl DumpRows<BufReader<File>> {
    /// Opens the dump at `path`.
    pub fn open(path: &Path) -> Result<Self, Error> {
        let file = File::open(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        // A large buffer: a dump is read once, front to back.
        Ok(DumpRows::new(BufReader::with_capacity(1 << 20, file), path))
    }
}

impl<R: BufRead> DumpRows<R> {
    /// Reads a dump from `reader`; `path` names it in errors.
    pub fn new(reader: R, path: &Path) -> Self {
        DumpRows {
            reader,
            path: path.to_path_buf(),
            line_no: 0,
            line: Vec::new(),
            failed: false,
        }
    }

    fn bad(&self, message: String) -> Row {
        Err(InputError {
            path: self.path.clone(),
            line: Some(self.line_no),
            message,
        })
    }
}

impl<R: BufRead> Iterator for DumpRows<R> {
    type Item = Result<Row, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.failed {
            self.line.clear();
            match self.reader.read_until(b'\n', &mut self.line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(source) => {
                    self.failed = true;
                    return Some(Err(Error::Io {
                        path: self.path.clone(),
                        source,
                    }));
                }
            }
            self.line_no += 1;
            let Ok(line) = std::str::from_utf8(&self.line) else {
                return Some(Ok(self.bad("not valid UTF-8".into())));
            };
            let line = line.trim_end_matches(['\n', '\r']);
            // Comment lines open some GeoNames files (`#` headers in countryInfo.txt, say).
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            return Some(Ok(parse_row(line).or_else(|message| self.bad(message))));
        }
        None
    }
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
    // Only what lookup needs: one written form per index key. An allCountries row lists a
    // place's name in every script and case it is known by; most fold to keys already kept.
    let mut keys: Vec<String> = names::name_key(name).into_iter().collect();
    let mut alternate_names: Vec<String> = Vec::new();
    for alt in std::iter::once(field(2)).chain(field(3).split(',')) {
        let alt = alt.trim();
        if let Some(key) = names::name_key(alt)
            && !keys.contains(&key)
        {
            keys.push(key);
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
