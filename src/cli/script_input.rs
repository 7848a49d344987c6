//! Scripts as the CLI receives them: their text read as UTF-8 (a file or standard input that
//! is not is an input error naming the line, exit code 1, not a store error), and `--safe`,
//! for scripts from elsewhere, which refuses every statement and command that reads or writes
//! a file other than the store before anything runs (as sqlite3's `-safe`).

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::ingest::InputError;
use crate::query::Statement;
use crate::query::parse_script;

/// The whole of `input` as text; `name` names it in errors (`-` for standard input).
pub fn read_text(mut input: impl Read, name: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|source| Error::Io {
        path: name.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        InputError::new(
            name,
            Some(line),
            format!("not valid UTF-8 (at byte {}); nothing was run", at + 1),
        )
        .into()
    })
}

/// With `--safe`: refuses a script holding a statement that reads files (`ingest`), naming
/// its line, before any statement of it runs.
pub fn refuse_file_access(text: &str, name: &Path) -> Result<()> {
    for statement in parse_script(text) {
        if let Ok(Statement::Ingest(_)) = statement.result {
            return Err(InputError::new(
                name,
                Some(statement.line),
                "`ingest` reads files, and --safe allows no file but the store; nothing was run",
            )
            .into());
        }
    }
    Ok(())
}

/// With `--safe`: the error for a command that reads or writes files other than the store.
pub fn refused(command: &str) -> Error {
    Error::Invalid(format!(
        "`geochron {command}` reads or writes files other than the store, which --safe does not allow"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_an_input_error_naming_its_line() {
        let e = read_text(&b"events\n| limit 1\n\xff\n"[..], Path::new("-")).unwrap_err();
        assert!(matches!(e, Error::Input(_)), "{e:?}");
        assert_eq!(
            e.to_string(),
            "-:3: not valid UTF-8 (at byte 18); nothing was run"
        );
        assert_eq!(
            read_text(&b"stats"[..], Path::new("-")).ok().as_deref(),
            Some("stats")
        );
    }

    #[test]
    fn safe_scripts_may_not_ingest() {
        let script = "events | count\n-- a comment\ningest '/etc'\n";
        let e = refuse_file_access(script, Path::new("x.gq")).unwrap_err();
        assert!(
            e.to_string().starts_with("x.gq:3: `ingest` reads files"),
            "{e}"
        );
        assert!(refuse_file_access("events | count; stats", Path::new("x.gq")).is_ok());
    }
}
