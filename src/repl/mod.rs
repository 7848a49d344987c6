//! The interactive shell's pure parts: dot-command parsing and statement completeness. The
//! line editor itself (rustyline) comes later and lives beside them; nothing here does I/O.

pub mod command;
