//! The `geochron` command line: clap dispatch only; the commands live in `geochron::cli`.
//!
//! Exit codes: 0 ok, 1 a query or input error, 2 usage, 3 a store or I/O error.

use std::io::{self, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use geochron::ingest::ReadOptions;
use geochron::output::OutputFormat;
use geochron::{Db, Error, cli};

/// mimalloc instead of the system allocator: extraction, sled and the query stages allocate
/// many short-lived small values, which it serves faster (extraction about 10% less time).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An embedded timeline and geo-event database: news articles in, events with time and place out.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The store to use.
    #[arg(
        long,
        global = true,
        env = "GEOCHRON_DB",
        default_value = "geochron.db"
    )]
    db: PathBuf,
    /// For scripts from elsewhere: no `ingest`, and no command that reads or writes a file
    /// other than the store.
    #[arg(long, global = true)]
    safe: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files, folders, globs) into the store.
    Ingest {
        /// Files, folders or glob patterns.
        #[arg(required = true)]
        paths: Vec<String>,
        /// The publication date of articles that do not give one (YYYY-MM-DD).
        #[arg(long)]
        published: Option<chrono::NaiveDate>,
    },
    /// What the store holds: articles, events, index rows, size.
    Stats,
    /// Verify that every event has all its index rows and no row points at nothing.
    Check {
        /// Rebuild every index row from the stored events first.
        #[arg(long)]
        repair: bool,
    },
    /// Rewrite the store in key order into a fresh file and swap it in: the same events and
    /// articles, after a large ingest or restore a smaller file that opens faster (as
    /// sqlite3's VACUUM).
    Compact,
    /// Show one article and its events.
    Get {
        /// The article id, as `stats` prints it.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Delete one article with its events and index rows.
    Delete {
        /// The article id, as `stats` prints it.
        id: String,
    },
    /// Extract times, places and events from articles, without a store.
    Extract {
        /// The file to read, or `-` for standard input.
        #[arg(default_value = "-")]
        file: PathBuf,
        /// Read and write JSON lines (the evaluation contract of DESIGN.md).
        #[arg(long)]
        jsonl: bool,
        /// The publication date of articles that do not give one (YYYY-MM-DD).
        #[arg(long)]
        published: Option<chrono::NaiveDate>,
        /// Threads extracting `--jsonl` lines, 1 or more (default: one per core); output
        /// stays in input order whatever the number.
        #[arg(long, value_parser = cli::extract::parse_threads)]
        threads: Option<usize>,
        /// A rules folder laid out as the repository's `rules/`: each table it holds replaces
        /// the built-in one (try a change to the rule book without a rebuild).
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Look a place name up in the gazetteer: ranked candidates.
    Places {
        /// The name ("Mosul", "Makhmour", "Georgia").
        name: String,
    },
    /// Manage the gazetteer's imported entries.
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
    /// Run one statement of the query language and print its result.
    Query {
        /// The statement: `events where country = IQ | limit 5`.
        text: String,
        /// table, line, json, ndjson, csv or geojson.
        #[arg(long, default_value = "table", value_parser = cli::query::parse_format)]
        format: OutputFormat,
    },
    /// Run the statements of a script file (`.gq`) in order.
    Run {
        /// The script.
        file: PathBuf,
        /// Go on after a failing statement (the exit code still says it failed).
        #[arg(long)]
        keep_going: bool,
        /// table, line, json, ndjson, csv or geojson.
        #[arg(long, default_value = "table", value_parser = cli::query::parse_format)]
        format: OutputFormat,
    },
    /// Write every article (with its text and events) and imported gazetteer entry as JSON
    /// lines: what `restore` rebuilds a store from. Reads what it can of a damaged store.
    Dump {
        /// The file to write, or `-` for standard output.
        file: PathBuf,
    },
    /// Rebuild a store in a fresh path from a `dump`.
    Restore {
        /// The dump, or `-` for standard input.
        file: PathBuf,
    },
    /// Write the events of a query (all events by default) as ndjson (by default), csv or
    /// geojson, or as a GeoParquet folder: `export --format parquet DIR [QUERY]`.
    Export {
        /// ndjson, csv, geojson or parquet.
        #[arg(long, default_value = "ndjson", value_parser = cli::export::parse_format)]
        format: cli::export::ExportFormat,
        /// The query (`events` when left out); for parquet, the folder to write comes first.
        #[arg(num_args = 0..=2, value_name = "[DIR] [QUERY]")]
        args: Vec<String>,
        /// For parquet: the most rows in one row group.
        #[arg(long, default_value_t = cli::export::ROW_GROUP_ROWS)]
        row_group_rows: usize,
    },
    /// Draw the events of a query on a map: one HTML page that works offline (a world
    /// outline, points by kind and toll, a popup per event, a timeline that filters them).
    Map {
        /// The query: `events where country = IQ and date in 2021`.
        query: String,
        /// The page to write.
        #[arg(short, long, value_name = "FILE.html")]
        output: PathBuf,
    },
    /// Explain a query in another engine's words.
    Explain {
        #[command(subcommand)]
        command: ExplainCommand,
    },
}

#[derive(Subcommand)]
enum ExplainCommand {
    /// Compile an events query into DuckDB, Spark or BigQuery SQL over a Parquet export.
    Sql {
        /// duckdb, spark or bigquery.
        #[arg(long, value_parser = cli::export::parse_dialect)]
        dialect: geochron::export::sql::Dialect,
        /// Read this export folder (its manifest bounds `overlaps` scans).
        #[arg(long)]
        parquet: Option<PathBuf>,
        /// Read this table or view instead (default `events`).
        #[arg(long)]
        table: Option<String>,
        /// The query: `events where near "Mosul" within 100 km | count by kind`.
        query: String,
    },
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Read a GeoNames dump (allCountries.txt, cities500.txt, a country's file) into the store;
    /// articles ingested afterwards find its places.
    Import {
        /// The dump: GeoNames' 19-column tab-separated format.
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages, and a one-shot command then spends most of
    // its time in the kernel zeroing 2 MiB pages it barely touches: `query 'events | limit 1'`
    // on a 1M-event store took 0.7-1.2 s of CPU with them, 0.57 s without (issue 20).
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(cli, &mut out);
    let flushed = out.flush();
    match result.and(flushed.map_err(|source| Error::Io {
        path: "-".into(),
        source,
    })) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped reading (`geochron export | head`) is not an error.
        Err(e) if closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Query errors were already rendered under their text, with a caret.
            if !matches!(e, Error::Query(_)) {
                eprintln!("geochron: {e}");
            }
            ExitCode::from(exit_code(&e))
        }
    }
}

fn run(cli: Cli, out: &mut impl Write) -> geochron::Result<()> {
    let mut err = io::stderr();
    let Some(command) = cli.command else {
        return statements_from_stdin(&cli.db, cli.safe, out, &mut err);
    };
    if cli.safe {
        let refused = match &command {
            Command::Ingest { .. } => Some("ingest"),
            Command::Gazetteer { .. } => Some("gazetteer import"),
            Command::Dump { .. } => Some("dump"),
            Command::Restore { .. } => Some("restore"),
            Command::Extract { file, .. } if file.as_os_str() != "-" => Some("extract FILE"),
            Command::Extract { rules: Some(_), .. } => Some("extract --rules DIR"),
            Command::Map { .. } => Some("map -o FILE"),
            Command::Export { format, .. } if *format == cli::export::ExportFormat::Parquet => {
                Some("export --format parquet DIR")
            }
            Command::Explain {
                command:
                    ExplainCommand::Sql {
                        parquet: Some(_), ..
                    },
            } => Some("explain sql --parquet DIR"),
            _ => None,
        };
        if let Some(command) = refused {
            return Err(cli::script_input::refused(command));
        }
    }
    match command {
        Command::Extract {
            file,
            jsonl,
            published,
            threads,
            rules,
        } => {
            let read;
            let rules = match rules {
                Some(dir) => {
                    read = geochron::extract::Rules::from_dir(&dir).map_err(|e| match e {
                        geochron::extract::RulesError::Io { path, source } => {
                            Error::Io { path, source }
                        }
                        tables => Error::Invalid(format!("rules in {}:\n{tables}", dir.display())),
                    })?;
                    &read
                }
                None => geochron::extract::Rules::embedded(),
            };
            extract(file, jsonl, published, threads, rules, out)
        }
        // A store that exists lends its imported entries; without one, the embedded data.
        Command::Places { name } if cli.db.exists() => {
            cli::places::run_in(&Db::open(&cli.db)?, &name, out)
        }
        Command::Places { name } => cli::places::run(&name, out),
        Command::Gazetteer {
            command: GazetteerCommand::Import { file },
        } => cli::places::import(&Db::open(&cli.db)?, &file, out, &mut err),
        Command::Ingest { paths, published } => {
            let db = Db::open(&cli.db)?;
            let options = ReadOptions {
                published,
                format: None,
            };
            let report = cli::ingest::run(&db, &paths, &options, out, &mut err)?;
            cli::ingest::fail_if_skipped(&report)
        }
        // Reads never create a store: `Db::open_existing` and `open_for` refuse a missing one.
        Command::Stats => cli::inspect::stats(&Db::open_existing(&cli.db)?, out),
        Command::Check { repair } => cli::inspect::check_path(&cli.db, repair, out),
        Command::Compact => cli::inspect::compact(Db::open_existing(&cli.db)?, out),
        Command::Get { id, json } => {
            cli::inspect::get(&Db::open_existing(&cli.db)?, &id, json, out)
        }
        Command::Delete { id } => cli::inspect::delete(&Db::open_existing(&cli.db)?, &id, out),
        Command::Query { text, format } => {
            let db = cli::query::open_for(&cli.db, &text)?;
            cli::query::run_one(&db, &text, format, out, &mut err)
        }
        Command::Run {
            file,
            keep_going,
            format,
        } => {
            let script = std::fs::File::open(&file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            let text = cli::script_input::read_text(script, &file)?;
            if cli.safe {
                cli::script_input::refuse_file_access(&text, &file)?;
            }
            let db = cli::query::open_for(&cli.db, &text)?;
            let name = file.display().to_string();
            cli::query::run_script(&db, &text, &name, format, keep_going, out, &mut err).map(|_| ())
        }
        Command::Export {
            format,
            args,
            row_group_rows,
        } => {
            let db = Db::open_existing(&cli.db)?;
            cli::export::run(&db, format, &args, row_group_rows, out, &mut err)
        }
        Command::Map { query, output } => {
            cli::map::run(&Db::open_existing(&cli.db)?, &query, &output, out, &mut err)
        }
        Command::Explain {
            command:
                ExplainCommand::Sql {
                    dialect,
                    parquet,
                    table,
                    query,
                },
        } => {
            let source = cli::export::SqlSource { parquet, table };
            cli::export::explain_sql(&cli.db, dialect, &query, &source, out, &mut err)
        }
        Command::Dump { file } => cli::backup::dump(&cli.db, &file, &mut err),
        Command::Restore { file } => {
            cli::backup::restore(&Db::open(&cli.db)?, &file, out, &mut err)
        }
    }
}

/// No subcommand: statements from stdin when it is a pipe or a file (`geochron < tour.gq`);
/// at a terminal, a pointer to the commands until the interactive shell lands.
fn statements_from_stdin(
    db: &std::path::Path,
    safe: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> geochron::Result<()> {
    if io::stdin().is_terminal() {
        if safe {
            return Err(Error::Invalid(
                "--safe is for scripts from elsewhere (`run FILE`, standard input); the shell is not started with it".into(),
            ));
        }
        return geochron::repl::shell::Shell::opening(db.to_path_buf())?.run();
    }
    let text = cli::script_input::read_text(io::stdin(), std::path::Path::new("-"))?;
    if safe {
        cli::script_input::refuse_file_access(&text, std::path::Path::new("-"))?;
    }
    let db = cli::query::open_for(db, &text)?;
    cli::query::run_script(&db, &text, "-", OutputFormat::Table, false, out, err).map(|_| ())
}

/// Whether the error is a write to a pipe whose reader has gone.
fn closed_pipe(error: &Error) -> bool {
    matches!(error, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}

fn exit_code(error: &Error) -> u8 {
    match error {
        Error::Query(_)
        | Error::Input(_)
        | Error::NotFound(_)
        | Error::Invalid(_)
        | Error::Interrupted(_) => 1,
        Error::Io { .. }
        | Error::Store(_)
        | Error::Locked { .. }
        | Error::FormatVersion { .. }
        | Error::NoStore { .. }
        | Error::Corrupt(_) => 3,
    }
}

/// `extract`: input errors (a file skipped) exit 1 after the report, I/O errors 3.
fn extract(
    file: PathBuf,
    jsonl: bool,
    published: Option<chrono::NaiveDate>,
    threads: Option<usize>,
    rules: &geochron::extract::Rules,
    out: &mut impl Write,
) -> geochron::Result<()> {
    let skipped =
        extract_io(file, jsonl, published, threads, rules, out).map_err(|source| Error::Io {
            path: "-".into(),
            source,
        })?;
    match skipped {
        0 => Ok(()),
        n => Err(geochron::ingest::InputError::new(
            std::path::Path::new("extract"),
            None,
            format!("{n} of the inputs skipped (see above)"),
        )
        .into()),
    }
}

/// `extract` itself; how many inputs were skipped.
fn extract_io(
    file: PathBuf,
    jsonl: bool,
    published: Option<chrono::NaiveDate>,
    threads: Option<usize>,
    rules: &geochron::extract::Rules,
    out: &mut impl Write,
) -> io::Result<usize> {
    let mut err = io::stderr();
    let stdin = file.as_os_str() == "-";
    if jsonl {
        let threads = threads.unwrap_or_else(cli::extract::default_threads);
        return if stdin {
            cli::extract::run_jsonl_with(io::stdin().lock(), out, &mut err, "-", threads, rules)
        } else {
            let f = std::fs::File::open(&file)?;
            let name = file.display().to_string();
            cli::extract::run_jsonl_with(BufReader::new(f), out, &mut err, &name, threads, rules)
        }
        .map(|()| 0);
    }
    let options = ReadOptions {
        published,
        format: None,
    };
    let articles = if stdin {
        geochron::ingest::read_from(&file, io::stdin(), &options)
    } else {
        geochron::ingest::read_file(&file, &options)
    };
    cli::extract::run_report_with(articles, out, &mut err, rules)
}
