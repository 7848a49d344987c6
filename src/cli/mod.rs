//! The command implementations behind `src/main.rs`: each takes parsed arguments and the
//! streams to write to, so tests can drive them without a process.

pub mod backup;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod inspect;
pub mod map;
pub mod places;
pub mod query;
pub mod script_input;
pub mod terminal;
