//! What `.help` and `.schema` print: the language in brief (statements, sources, filters,
//! stages, after grammar/query.ebnf) and the dot-commands; each source's columns (from the
//! query check's own table, so it never drifts from what queries accept), kinds, precisions
//! and formats. Pure text, written to the stream given.

use std::io::{self, Write};

use super::command::COMMANDS;
use crate::model::{Kind, Precision};
use crate::output::OutputFormat;
use crate::query::ast::Source;
use crate::query::check::columns;

/// The language, as `.help` explains it before the dot-commands.
const LANGUAGE: &str = "\
A statement ends with `;` or at the end of a line outside brackets and quotes; a line ending
in `|`, or one starting with `|`, `and` or `or`, goes on (the prompt shows `...>`).

Statements
  SOURCE [where FILTER] [| STAGE]...   a query
  explain QUERY                        the plan: which index, which key ranges, which filters
  explain event ID                     an event with the words each field was read from
  ingest 'PATH'                        read articles (a file, a folder, a glob)
  delete article ID                    remove an article and its events
  stats                                what the store holds

Sources
  events     what happened, when, where, who, how many hurt
  articles   the stored articles
  places     the gazetteer itself (needs no store)

Filters (joined with and, or, not and parentheses)
  date in 2021-10 | date overlaps 2021 | date in 2016..2020 | date >= 2020-01-03
      an interval lies inside (in) or meets (overlaps) the range; `today`, `yesterday`,
      `last 30 days`, `this month` count from today; ISO weeks and quarters `2021-W10`,
      `2021-Q1`; any date moved by whole units: `2021-10-18 - 7 days`, `today - 2 weeks`
  near \"Mosul\" within 100 km | near (36.34, 43.13) within 20 mi
  within bbox(south, west, north, east)
  kind = battle (a top kind matches its sub-kinds) | country = IQ | country in (IQ, SY)
  actor ~ \"islamic state\" (contains, any case) | text ~ \"ambushed\" (the article's words)
  summary ~ \"ambushed convoy\" (the words of the sentence that reports the event)
  ingested >= 2024-05-01 | ingested in last 7 days: when the store first stored the article
  actor ~ \"islamic state\" as initiator (or target, other): the actor plays that part
  killed is null | place is not null | actor is null: the row has no value there
  killed >= 5 | injured > 0 | source = \"Erbil Ledger\" | article = ID | precision = day
  status = background | status in (happened, not_happened) | status != happened
      a query that names no status sees only the events told as having happened;
      `background` is history behind the story, `not_happened` a plan, threat or denial

Stages
  sort FIELD [asc|desc], ... stable; later keys break ties, then the id (`sort distance` after a near)
  limit N                    the first N rows
  select FIELD, ...          these columns only
  count [by FIELD, ...]      one row per group, with its count
  sum|avg|min|max killed|injured [by FIELD, ...]
                             the toll of each group (rows without it left out of it);
                             leaves a `sum_killed`, `avg_injured`, ... column
  top N FIELD                the N most frequent values
  nearest N [to] PLACE       the N events nearest a place (a name or (lat, lon)),
                             nearest first, with a distance column
  as of DATE                 first stage: what the store knew by the end of DATE
  timeline [by day|week|month|quarter|year]   counts over time, with bars; a unit named
                             is kept (too long: an error says how to narrow it)
  group keys day, week, month, quarter, year: the unit an event starts in
                             (`count by month, kind`, `sum killed by year`)

Examples
  events where near \"Makhmur\" within 100 km and date in 2021 | sort date desc | limit 20
  events where kind = battle | count by country | sort count desc
  events where killed >= 5 | select date, place, kind, killed
  events where country = NG | sum killed by admin1 | sort sum_killed desc
  places where name ~ \"kirk\"
";

/// Writes the language in brief, then every dot-command with what it does.
pub fn write_help(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(LANGUAGE.as_bytes())?;
    writeln!(out, "\nCommands")?;
    for (synopsis, what) in COMMANDS {
        writeln!(out, "  {synopsis:<22} {what}")?;
    }
    writeln!(
        out,
        "\nThe grammar in full: grammar/query.ebnf; `.schema` lists each source's columns."
    )
}

/// Writes each source's columns, then the kinds, precisions and formats.
pub fn write_schema(out: &mut dyn Write) -> io::Result<()> {
    for source in [Source::Events, Source::Articles, Source::Places] {
        let names: Vec<&str> = columns(source).iter().map(|f| f.as_str()).collect();
        let extra = match source {
            Source::Places => " (+ distance after a near; no store needed)",
            Source::Events => " (+ distance after a near or a nearest)",
            Source::Articles => "",
        };
        writeln!(out, "{:<9} {}{extra}", source.as_str(), names.join(", "))?;
    }
    writeln!(
        out,
        "          `where` tests these fields (events and articles also `text ~`, the words)"
    )?;
    let tops: Vec<String> = Kind::all()
        .filter(|k| k.sub_kind().is_none())
        .map(|k| k.to_string())
        .collect();
    writeln!(
        out,
        "kinds     {} (a top kind matches its sub-kinds; Tab completes them all)",
        tops.join(", ")
    )?;
    let precisions: Vec<&str> = Precision::ALL.iter().map(|p| p.as_str()).collect();
    writeln!(out, "dates     precision {}", precisions.join(", "))?;
    writeln!(
        out,
        "places    precision point, city, admin1, country, region (geo_precision in csv, json, geojson)"
    )?;
    let formats: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.as_str()).collect();
    writeln!(out, "formats   {}", formats.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_covers_the_language_and_the_commands() {
        let mut out = Vec::new();
        write_help(&mut out).unwrap_or_default();
        let text = String::from_utf8_lossy(&out);
        for word in [
            "Sources", "Filters", "Stages", "timeline", "near", ".maxrows", ".headers",
        ] {
            assert!(text.contains(word), "no {word} in:\n{text}");
        }
    }

    #[test]
    fn schema_lists_each_sources_columns() {
        let mut out = Vec::new();
        write_schema(&mut out).unwrap_or_default();
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("events    id, date, published, ingested, kind"),
            "{text}"
        );
        assert!(
            text.contains("articles  id, published, ingested, title"),
            "{text}"
        );
        assert!(text.contains("places    id, name, country"), "{text}");
    }
}
