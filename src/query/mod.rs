//! The query language: text to a checked syntax tree, a plan, and typed rows. It owns the
//! grammar (grammar/query.ebnf), the tree ([`ast`]), the parser, the semantic check, the
//! planner, the executor and the error type. It knows nothing of the `Db` or of printing:
//! [`crate::Db::run`] hands it a statement with the store and the gazetteer, and
//! [`crate::output`] prints what it gives back.
//!
//! # The life of a query
//!
//! 1. [`script::parse_script`] cuts a script (a file, a REPL buffer) into statements at `;` and
//!    at newlines outside brackets, remembering each one's line.
//! 2. [`parse_statement`] turns one statement's text into an [`ast::Statement`] with spans:
//!    syntax only, so it knows every field name but not which source has which.
//! 3. [`check::check`] finds errors of meaning: fields a source lacks, unknown kinds and
//!    countries, impossible coordinates, columns a stage cannot see.
//! 4. [`plan()`] turns a checked query into a [`Plan`]: pure, with dates resolved against the
//!    `today` and names against the gazetteer of its [`PlanContext`].
//! 5. [`exec::run`] runs a plan over the store (the gazetteer, for places) and gives a
//!    [`QueryResult`]; [`provenance`] reads one event for `explain event`.
//! 6. Errors are [`QueryError`]s; [`QueryError::render`] underlines the span in the source.
//!
//! [`parse`] does steps 2 and 3 for one statement.

mod aggregate;
pub mod ast;
pub mod check;
mod display;
pub mod error;
pub(crate) mod exec;
mod explain_event;
pub mod filter;
mod parser;
pub mod plan;
pub(crate) mod resolve;
pub mod result;
pub mod rows;
pub(crate) mod script;
mod stages;
pub(crate) mod suggest;
pub(crate) mod sums;
pub(crate) mod words;

pub use ast::Statement;
pub(crate) use display::quoted;
pub use error::QueryError;
pub use explain_event::provenance;
pub use parser::parse_statement;
pub use plan::{Plan, PlanContext, plan};
pub use result::QueryResult;
pub use script::{ScriptStatement, parse_script};

/// Parses and checks one statement: the first error of syntax, or else of meaning.
pub fn parse(text: &str) -> Result<Statement, QueryError> {
    let statement = parse_statement(text)?;
    match check::check(&statement).into_iter().next() {
        Some(error) => Err(error),
        None => Ok(statement),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_is_reported_before_meaning() {
        let error = parse("events wher contry = IQ").unwrap_err();
        assert_eq!(error.found, "`wher`");
        assert_eq!(error.hint.as_deref(), Some("did you mean `where`?"));
        let error = parse("events where contry = IQ").unwrap_err();
        assert_eq!(
            error.hint.as_deref(),
            Some("unknown field `contry` — did you mean `country`?")
        );
        let error = parse("places where killed > 1").unwrap_err();
        assert_eq!(error.found, "`killed`");
        assert!(parse("events where country = \"Iraq\" | top 3 kind").is_ok());
    }

    #[test]
    fn library_errors_carry_the_query_error() {
        let error: crate::Error = parse("evnts").unwrap_err().into();
        assert!(error.to_string().contains("found `evnts`"), "{error}");
    }
}
