//! Ctrl-C in the shell. While a statement runs the terminal is in its ordinary mode, so Ctrl-C
//! sends SIGINT; the shell turns that signal into its [`Interrupt`] (the statement stops at
//! its next check and the prompt comes back) instead of letting it end the process and lose
//! the session. At the prompt the line editor reads Ctrl-C as a key and clears the line.

use std::io;

use crate::control::Interrupt;

/// Makes SIGINT trigger `interrupt` for the rest of the process's life.
pub fn install(interrupt: &Interrupt) -> io::Result<()> {
    #[cfg(unix)]
    signal_hook::flag::register(signal_hook::consts::SIGINT, interrupt.flag())?;
    #[cfg(not(unix))]
    let _ = interrupt;
    Ok(())
}
