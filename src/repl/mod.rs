//! The interactive shell: dot-command parsing and statement completeness (pure), the rustyline
//! helper that completes, hints and highlights, and the session loop over an open store.

pub mod command;
pub mod helper;
pub mod session;
