//! The pager: a table longer than the screen goes through `$PAGER` (`less`, say) when that is
//! set and results go to the terminal, as psql does; otherwise it is printed as it is.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The pager to use: `$PAGER` when set to something.
pub fn command() -> Option<String> {
    std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty())
}

/// Whether `text` needs more lines than the screen's `height` (a line left for the prompt).
pub fn too_long(text: &[u8], height: usize) -> bool {
    text.iter().filter(|b| **b == b'\n').count() >= height.saturating_sub(1)
}

/// Shows `text` through `pager` (run by the shell, so it may carry arguments) and waits for
/// it to end; a pager quit before reading everything is not an error. A pager that cannot
/// be started is, and the caller prints the text instead.
pub fn show(text: &[u8], pager: &str) -> io::Result<()> {
    let mut child = Command::new("sh")
        .args(["-c", pager])
        .stdin(Stdio::piped())
        .spawn()?;
    if let Some(mut input) = child.stdin.take() {
        match input.write_all(text) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
            other => other?,
        }
    }
    child.wait()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_too_long_when_it_passes_the_screen() {
        assert!(!too_long(b"a\nb\n", 24));
        assert!(too_long("x\n".repeat(23).as_bytes(), 24));
    }
}
