//! geochron: an embedded timeline and geo-event database. It reads news articles, extracts the
//! events they report — what happened, when, where, who, how many hurt — keeps them in an
//! embedded sled store indexed by time and place, and answers queries.
//!
//! # The life of an article
//!
//! 1. [`ingest`] reads a file (the seed's text format, JSON lines, plain text) into
//!    [`ingest::ArticleInput`]s, with an error naming file and line for each one it cannot read.
//! 2. [`extract::extract`] — pure, no storage — splits sentences, tags dates
//!    ([`extract::time`]), resolves places ([`extract::geo`]) and finds events
//!    ([`extract::events`]), giving an [`extract::Extraction`].
//! 3. [`link`] links each event that another article already reported to that report, so the
//!    happening is counted once and shows both sources.
//! 4. [`store`] writes the [`model::Article`], its [`model::Event`]s and every index row in one
//!    atomic batch; the same article twice is a no-op.
//!
//! # The life of a query
//!
//! 1. A statement's text reaches a [`Session`] — from `geochron query`, `run`, `export` or
//!    stdin, the shell's typed lines and `.read`, or the tests — or [`Db::query`], a
//!    program's one statement. [`query::parse_script`] cuts a script into statements;
//!    [`query::parse_statement`] turns each into a spanned [`query::ast::Statement`] (syntax),
//!    and [`query::check::check`] finds errors of meaning; a [`query::QueryError`] renders with
//!    a caret under its span.
//! 2. [`Db::run`] runs the statement. A query is planned ([`query::plan()`], pure: dates
//!    resolved against the day given, place names against the gazetteer): the most selective
//!    index among its top-level conjuncts becomes the access path, the rest the residual
//!    filter; `explain` gives back that plan.
//! 3. [`query::exec`] runs the plan with only what it reads, the store and the gazetteer: the
//!    access path's scan (or the rollups, for a whole-store count, top or timeline), the
//!    filter on each row, then the stages. Commands (`ingest`, `delete article`, `stats`,
//!    `explain event`) are answered by the `Db`. Either way the result is a typed
//!    [`query::QueryResult`], never text.
//! 4. [`output::render`] prints it in the session's format: an aligned table with timeline
//!    bars, json, ndjson, csv or geojson.
//!
//! # Embedding it
//!
//! A program opens a store (or a temporary one), ingests articles and asks questions; the
//! events come back typed and whole.
//!
//! ```
//! use geochron::ingest::ArticleInput;
//! use geochron::{Db, NaiveDate};
//!
//! # fn main() -> geochron::Result<()> {
//! let db = Db::temporary()?; // or Db::open("geochron.db")
//! db.ingest(ArticleInput {
//!     title: "Convoy ambushed near Mosul".into(),
//!     published: NaiveDate::from_ymd_opt(2021, 10, 18),
//!     text: "Militants ambushed an army convoy near Mosul on Saturday, killing four soldiers."
//!         .into(),
//!     ..ArticleInput::default()
//! })?;
//! let today = NaiveDate::from_ymd_opt(2021, 10, 20).expect("a real day");
//! let result = db.query_at("events where kind = battle | sort date", today)?;
//! let events = result.events();
//! assert_eq!(events.len(), 1);
//! let ambush = events[0];
//! assert_eq!(ambush.kind.to_string(), "battle.armed_clash");
//! assert_eq!(ambush.fatalities.map(|k| k.best), Some(4));
//! assert_eq!(ambush.place.as_ref().map(|p| p.name.as_str()), Some("Mosul"));
//! assert_eq!(ambush.when.text, "Saturday"); // whole: the words of its date too
//! println!("{} {} at {:?}", ambush.when.start, ambush.kind, ambush.place);
//! # Ok(())
//! # }
//! ```
//!
//! The module maps also link to private modules, for whoever works inside them: read them with
//! `cargo doc --document-private-items`.
#![allow(rustdoc::private_intra_doc_links)]

#[cfg(feature = "cli")]
pub mod cli;
pub mod control;
pub mod db;
pub mod error;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod ingest;
mod link;
pub mod model;
pub mod output;
pub mod query;
#[cfg(feature = "cli")]
pub mod repl;
pub mod restore;
pub mod session;
pub mod store;

/// The date and time crate the API takes its days and instants from ([`NaiveDate`] for days,
/// `DateTime<Utc>` for when an article was ingested), so callers need not pin it themselves.
pub use chrono;
pub use chrono::{DateTime, NaiveDate, Utc};
pub use control::{Control, Interrupt};
pub use db::{Db, IngestReport, Ingested};
pub use error::{Error, Result};
pub use session::{Session, Settings};
