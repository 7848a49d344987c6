//! The `geochron` command line: clap dispatch only; the commands live in `geochron::cli`.

use std::io::{self, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        /// Read and write JSON lines (the evaluation contract).
        #[arg(long)]
        jsonl: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract { file, jsonl: _ } => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let mut err = io::stderr();
            if file.as_os_str() == "-" {
                geochron::cli::extract::run_jsonl(io::stdin().lock(), &mut out, &mut err, "-")
            } else {
                std::fs::File::open(&file).and_then(|f| {
                    geochron::cli::extract::run_jsonl(
                        BufReader::new(f),
                        &mut out,
                        &mut err,
                        &file.display().to_string(),
                    )
                })
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("geochron: {e}");
            ExitCode::from(3)
        }
    }
}
