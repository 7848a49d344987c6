//! The interactive shell: dot-command parsing and statement completeness (pure), the rustyline
//! helper that completes, hints and highlights, and the shell's loop over an open store, which
//! runs statements through a [`crate::session::Session`].

mod command;
mod helper;
pub mod shell;
