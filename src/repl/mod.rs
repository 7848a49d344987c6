//! The interactive shell: dot-command parsing and statement completeness (pure), the help
//! texts, the rustyline helper that completes, hints and highlights, Ctrl-C, the pager, and
//! the shell's loop over a store, which runs statements through a [`crate::session::Session`].

mod command;
mod help;
mod helper;
mod interrupt;
mod pager;
pub mod shell;
