//! The terminal's size, for tables and the pager: `COLUMNS` / `LINES` when set to a number
//! (an explicit choice), else what the terminal itself says (an ioctl on standard output or,
//! when that is a pipe, standard error, through `console`), else 80 × 24.

use crate::output::DEFAULT_WIDTH;

/// The narrowest width believed: below it nothing fits anyway.
const MIN_WIDTH: usize = 20;

/// The height assumed when no terminal says.
const DEFAULT_HEIGHT: usize = 24;

/// The terminal's width in columns.
pub fn width() -> usize {
    from_env("COLUMNS")
        .filter(|w| *w >= MIN_WIDTH)
        .or_else(|| size().map(|(_, columns)| columns))
        .filter(|w| *w >= MIN_WIDTH)
        .unwrap_or(DEFAULT_WIDTH)
}

/// The terminal's height in lines.
pub fn height() -> usize {
    from_env("LINES")
        .or_else(|| size().map(|(rows, _)| rows))
        .filter(|h| *h > 0)
        .unwrap_or(DEFAULT_HEIGHT)
}

fn from_env(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.trim().parse().ok()
}

/// Rows and columns of the terminal on standard output, else on standard error
/// (`geochron query … | less` has none on its output, but its error still goes to the
/// person's terminal).
fn size() -> Option<(usize, usize)> {
    [console::Term::stdout(), console::Term::stderr()]
        .iter()
        .find_map(|term| term.size_checked())
        .map(|(rows, columns)| (usize::from(rows), usize::from(columns)))
}
