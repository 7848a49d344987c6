//! How a caller steers a statement while it runs: an [`Interrupt`] it stops at (the shell
//! triggers one on Ctrl-C), and where an `ingest` reports its progress. [`Control`] carries
//! both from a [`crate::Session`] to [`crate::Db::run_with`]. No signal handling here: the
//! shell turns SIGINT into a triggered interrupt (src/repl/interrupt.rs).

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};
use crate::query::result::IngestReport;

/// A flag a running statement checks: once triggered, the statement stops at its next check
/// with [`Error::Interrupted`]. Clones share the flag.
#[derive(Clone, Debug, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// An interrupt not triggered yet.
    pub fn new() -> Interrupt {
        Interrupt::default()
    }

    /// Asks whatever checks this interrupt to stop.
    pub fn trigger(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether it has been triggered since the last [`Interrupt::clear`].
    pub fn is_triggered(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Lowers the flag, before the next statement runs.
    pub fn clear(&self) {
        self.0.store(false, Ordering::SeqCst);
    }

    /// The shared flag itself, for a signal handler to raise.
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0)
    }

    /// `Err(Error::Interrupted)` once triggered, saying what had been done (`done`).
    pub fn check(&self, done: impl FnOnce() -> String) -> Result<()> {
        if self.is_triggered() {
            Err(Error::Interrupted(done()))
        } else {
            Ok(())
        }
    }
}

/// A callback an ingest calls with its running totals after each batch.
pub type Progress = Arc<dyn Fn(&IngestReport) + Send + Sync>;

/// What a statement listens to while it runs.
#[derive(Clone, Default)]
pub struct Control {
    /// Stops the statement when triggered.
    pub interrupt: Interrupt,
    /// Told the running totals of an `ingest` after each batch.
    pub progress: Option<Progress>,
}

impl fmt::Debug for Control {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Control")
            .field("interrupt", &self.interrupt)
            .field("progress", &self.progress.as_ref().map(|_| "…"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_flag() {
        let interrupt = Interrupt::new();
        let other = interrupt.clone();
        assert!(interrupt.check(String::new).is_ok());
        other.trigger();
        assert!(matches!(
            interrupt.check(|| "2 articles stored".into()),
            Err(Error::Interrupted(m)) if m == "2 articles stored"
        ));
        interrupt.clear();
        assert!(!other.is_triggered());
    }
}
