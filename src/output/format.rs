//! [`OutputFormat`]: the names of the output formats, as `--format`, `.format` and settings
//! spell them. Which renderer writes each is [`super::render`]'s business.

use std::fmt;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// Aligned columns, for people.
    Table,
    /// One `name = value` line per column, a blank line between rows: for wide rows.
    Line,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// Comma-separated values with a header.
    Csv,
    /// A GeoJSON FeatureCollection of events.
    Geojson,
}

impl OutputFormat {
    /// Every format, in the order `.help` lists them.
    pub const ALL: &'static [OutputFormat] = &[
        OutputFormat::Table,
        OutputFormat::Line,
        OutputFormat::Json,
        OutputFormat::Ndjson,
        OutputFormat::Csv,
        OutputFormat::Geojson,
    ];

    /// The name used on the command line and in `.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Table => "table",
            OutputFormat::Line => "line",
            OutputFormat::Json => "json",
            OutputFormat::Ndjson => "ndjson",
            OutputFormat::Csv => "csv",
            OutputFormat::Geojson => "geojson",
        }
    }

    /// The format of this name, in any case.
    pub fn from_name(name: &str) -> Option<OutputFormat> {
        OutputFormat::ALL
            .iter()
            .copied()
            .find(|f| f.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_found_by_its_name_in_any_case() {
        for format in OutputFormat::ALL {
            assert_eq!(OutputFormat::from_name(format.as_str()), Some(*format));
            let upper = format.as_str().to_ascii_uppercase();
            assert_eq!(OutputFormat::from_name(&upper), Some(*format));
        }
        assert_eq!(OutputFormat::from_name("xml"), None);
    }
}
