//! The `geochron` command line: clap dispatch only; the commands live in `geochron::cli`.

use std::io::{self, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use geochron::ingest::ReadOptions;

/// An embedded timeline and geo-event database: news articles in, events with time and place out.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract {
            file,
            jsonl,
            published,
        } => extract(file, jsonl, published),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("geochron: {e}");
            ExitCode::from(3)
        }
    }
}

fn extract(file: PathBuf, jsonl: bool, published: Option<chrono::NaiveDate>) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let stdin = file.as_os_str() == "-";
    if jsonl {
        return if stdin {
            geochron::cli::extract::run_jsonl(io::stdin().lock(), &mut out, &mut err, "-")
        } else {
            let f = std::fs::File::open(&file)?;
            let name = file.display().to_string();
            geochron::cli::extract::run_jsonl(BufReader::new(f), &mut out, &mut err, &name)
        };
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
    geochron::cli::extract::run_report(articles, &mut out, &mut err).map(|_| ())
}
