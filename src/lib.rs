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
//! 1. [`query::parse_script`] cuts a script into statements; [`query::parse_statement`] turns
//!    each into a spanned [`query::ast::Statement`] (syntax), and [`query::check::check`]
//!    finds errors of meaning; a [`query::QueryError`] renders with a caret under its span.
//! 2. The store's typed scans (by time range, by cell range, by country) are the building blocks
//!    a query engine plans over.
//!
//! The module maps also link to private modules, for whoever works inside them: read them with
//! `cargo doc --document-private-items`.
#![allow(rustdoc::private_intra_doc_links)]

pub mod cli;
pub mod db;
pub mod error;
pub mod extract;
pub mod gazetteer;
pub mod ingest;
pub mod link;
pub mod model;
pub mod output;
pub mod query;
pub mod repl;
pub mod restore;
pub mod store;

pub use db::{Db, IngestReport, Ingested};
pub use error::{Error, Result};
