//! Opening a file and turning it into articles: refuses empty, binary and non-UTF-8 input with
//! an error naming the file (and line), detects the format, and streams JSON lines one line at
//! a time. The formats themselves are parsed in `seed`, `jsonl` and `plain`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::jsonl::parse_json_line;
use super::layout::strip_bom;
use super::limits::cut_to_limits;
use super::plain::parse_plain;
use super::seed::{looks_like_seed, parse_seed};
use super::{ArticleInput, Format, InputError, InputWarning, ReadOptions};

/// The largest seed or plain-text file read as one article; bigger is not an article.
const MAX_ARTICLE_BYTES: u64 = 16 << 20;
/// The longest JSON line read; the line is skipped with an error beyond it.
const MAX_LINE_BYTES: u64 = 64 << 20;
/// How many bytes are sniffed for the format and for binary content.
const HEAD_BYTES: usize = 64 << 10;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// Binary lines at the start of a JSON-lines file after which the file is given up.
const MAX_BINARY_LINES: usize = 8;

/// The articles of one file, in order, as `Ok` articles and `Err` errors naming file and line.
/// Holds at most one line (JSON lines) or one article (other formats) in memory.
pub struct ArticleReader {
    path: PathBuf,
    options: ReadOptions,
    state: State,
}

enum State {
    /// One result left to give: a whole-file article, or the error that refused the file.
    Once(Option<Result<ArticleInput, InputError>>),
    /// Reading JSON lines.
    Lines(JsonLines),
}

struct JsonLines {
    input: BufReader<Box<dyn Read + Send>>,
    /// The number of the line last read.
    line_no: usize,
    /// Whether any non-blank line was seen, so a file of blank lines is reported as empty.
    seen_text: bool,
    buffer: Vec<u8>,
    finished: bool,
    /// Lines of binary content in a row.
    binary_run: usize,
    /// Whether a line of text was read: a file that starts with binary lines and has none
    /// is not JSON lines, and is given up after [`MAX_BINARY_LINES`].
    seen_article: bool,
    /// Bytes of the lines read so far, for progress.
    bytes_read: u64,
}

/// Opens `path` and reads its articles. A file that cannot be opened, or is not a regular
/// file (a folder, a named pipe, a device), gives one error.
pub fn read_file(path: &Path, options: &ReadOptions) -> ArticleReader {
    match open_regular(path) {
        Ok(file) => read_from(path, file, options),
        Err(refusal) => ArticleReader::once(path, options, Err(refusal)),
    }
}

/// Opens a regular file for reading. The open does not wait (a named pipe with no writer
/// would block it forever), and the file is refused unless it is a regular file.
fn open_regular(path: &Path) -> Result<File, InputError> {
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Reading a regular file never waits anyway; only the open of a pipe would.
        open.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = open
        .open(path)
        .map_err(|e| io_error(path, None, "cannot open", &e))?;
    let meta = file
        .metadata()
        .map_err(|e| io_error(path, None, "cannot open", &e))?;
    if !meta.is_file() {
        return Err(InputError::new(
            path,
            None,
            format!(
                "{}, not a regular file; skipped",
                super::paths::special_kind(meta.file_type())
            ),
        ));
    }
    Ok(file)
}

/// Reads the articles of any byte stream (standard input, say); `path` names it in errors and
/// its extension counts for format detection, as with a file.
pub fn read_from(
    path: &Path,
    input: impl Read + Send + 'static,
    options: &ReadOptions,
) -> ArticleReader {
    let boxed: Box<dyn Read + Send> = Box::new(input);
    let mut input = BufReader::with_capacity(HEAD_BYTES, boxed);
    let head = match input.fill_buf() {
        Ok(head) => head,
        Err(e) => {
            return ArticleReader::once(
                path,
                options,
                Err(io_error(path, None, "cannot read", &e)),
            );
        }
    };
    let is_json_lines = match options.format {
        Some(format) => format == Format::JsonLines,
        None => looks_like_json_lines(path, head),
    };
    // JSON lines are judged line by line: a NUL byte costs its line, not the file.
    let judged = if is_json_lines {
        check_encoding(path, head)
    } else {
        check_head(path, head)
    };
    if let Err(refusal) = judged {
        return ArticleReader::once(path, options, Err(refusal));
    }
    if is_json_lines {
        let lines = JsonLines {
            input,
            line_no: 0,
            seen_text: false,
            buffer: Vec::new(),
            finished: false,
            binary_run: 0,
            seen_article: false,
            bytes_read: 0,
        };
        return ArticleReader {
            path: path.to_path_buf(),
            options: options.clone(),
            state: State::Lines(lines),
        };
    }
    let article = read_whole(path, input, options);
    ArticleReader::once(path, options, article)
}

impl ArticleReader {
    fn once(path: &Path, options: &ReadOptions, result: Result<ArticleInput, InputError>) -> Self {
        ArticleReader {
            path: path.to_path_buf(),
            options: options.clone(),
            state: State::Once(Some(result)),
        }
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many bytes of a JSON-lines file have been read so far, for progress; 0 for a file
    /// read as one article (it is read whole, at once).
    pub fn bytes_read(&self) -> u64 {
        match &self.state {
            State::Lines(lines) => lines.bytes_read,
            State::Once(_) => 0,
        }
    }
}

impl Iterator for ArticleReader {
    type Item = Result<ArticleInput, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (result, line) = match &mut self.state {
            State::Once(result) => (result.take()?, None),
            State::Lines(lines) => {
                let result = lines.next_article(&self.path, &self.options)?;
                (result, Some(lines.line_no))
            }
        };
        // An article past what extraction reads is cut here, with a warning, so that the
        // store keeps what was read (`limits`).
        Some(result.map(|mut article| {
            for cut in cut_to_limits(&mut article) {
                article
                    .warnings
                    .push(InputWarning::new(&self.path, line, cut));
            }
            article
        }))
    }
}

impl JsonLines {
    fn next_article(
        &mut self,
        path: &Path,
        options: &ReadOptions,
    ) -> Option<Result<ArticleInput, InputError>> {
        while !self.finished {
            self.buffer.clear();
            let read = (&mut self.input)
                .take(MAX_LINE_BYTES + 1)
                .read_until(b'\n', &mut self.buffer);
            let line_no = self.line_no + 1;
            match read {
                Ok(0) => {
                    self.finished = true;
                    if !self.seen_text {
                        return Some(Err(InputError::new(
                            path,
                            None,
                            "empty file (only blank lines)",
                        )));
                    }
                    return None;
                }
                Ok(n) => {
                    self.line_no = line_no;
                    self.bytes_read += n as u64;
                }
                Err(e) => {
                    self.finished = true;
                    return Some(Err(io_error(path, Some(line_no), "cannot read", &e)));
                }
            }
            if self.buffer.len() as u64 > MAX_LINE_BYTES {
                if let Err(e) = self.input.skip_until(b'\n') {
                    self.finished = true;
                    return Some(Err(io_error(path, Some(line_no), "cannot read", &e)));
                }
                self.seen_text = true;
                return Some(Err(InputError::new(
                    path,
                    Some(line_no),
                    format!("line longer than {} MiB; skipped", MAX_LINE_BYTES >> 20),
                )));
            }
            let mut bytes = self.buffer.as_slice();
            if line_no == 1 {
                bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.seen_text = true;
            if bytes.contains(&0) || looks_binary(bytes) {
                self.binary_run += 1;
                if self.binary_run >= MAX_BINARY_LINES && !self.seen_article {
                    self.finished = true;
                    return Some(Err(InputError::new(
                        path,
                        Some(line_no),
                        format!(
                            "binary file: its first {MAX_BINARY_LINES} lines are not text; the rest of it skipped"
                        ),
                    )));
                }
                return Some(Err(InputError::new(
                    path,
                    Some(line_no),
                    "binary content (a NUL or control bytes), not an article line; skipped",
                )));
            }
            self.binary_run = 0;
            self.seen_article = true;
            return Some(match std::str::from_utf8(bytes) {
                Ok(line) => parse_json_line(line.trim_end(), path, line_no, options),
                Err(e) => Err(InputError::new(
                    path,
                    Some(line_no),
                    format!(
                        "not valid UTF-8 (at byte {} of the line); skipped",
                        e.valid_up_to() + 1
                    ),
                )),
            });
        }
        None
    }
}

/// Refuses a file by its first bytes: empty, or binary (a NUL byte, or mostly control bytes).
fn check_head(path: &Path, head: &[u8]) -> Result<(), InputError> {
    check_encoding(path, head)?;
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(binary_at(path, head, at));
    }
    if looks_binary(head) {
        return Err(InputError::new(
            path,
            None,
            "binary file (mostly control bytes), not an article",
        ));
    }
    Ok(())
}

/// Refuses a file that is empty or UTF-16 by its first bytes.
fn check_encoding(path: &Path, head: &[u8]) -> Result<(), InputError> {
    if head.is_empty() {
        return Err(InputError::new(path, None, "empty file"));
    }
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(InputError::new(
            path,
            None,
            "UTF-16 text, not UTF-8 (convert it to UTF-8)",
        ));
    }
    Ok(())
}

fn binary_at(path: &Path, bytes: &[u8], at: usize) -> InputError {
    InputError::new(
        path,
        Some(line_of(bytes, at)),
        "binary file (a NUL byte), not an article",
    )
}

/// Whether more than one byte in ten is a control byte no text file holds.
fn looks_binary(head: &[u8]) -> bool {
    let control = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    control * 10 > head.len()
}

/// JSON lines by extension (`.jsonl`, `.ndjson`), or by a first character of `{`.
fn looks_like_json_lines(path: &Path, head: &[u8]) -> bool {
    let by_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"));
    let head = head.strip_prefix(UTF8_BOM).unwrap_or(head);
    by_extension || head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Reads a whole seed or plain-text file as one article.
fn read_whole(
    path: &Path,
    input: impl Read,
    options: &ReadOptions,
) -> Result<ArticleInput, InputError> {
    let mut bytes = Vec::new();
    input
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, None, "cannot read", &e))?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(InputError::new(
            path,
            None,
            format!(
                "larger than {} MiB: too big for one article (JSON lines files may be any size)",
                MAX_ARTICLE_BYTES >> 20
            ),
        ));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(binary_at(path, &bytes, at));
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        InputError::new(
            path,
            Some(line_of(&bytes, e.valid_up_to())),
            "not valid UTF-8 (convert it: it may be Latin-1 or Windows-1252)",
        )
    })?;
    let text = strip_bom(text);
    if text.trim().is_empty() {
        return Err(InputError::new(path, None, "empty file (only whitespace)"));
    }
    let format = match options.format {
        Some(format) => format,
        None if looks_like_seed(text) => Format::Seed,
        None => Format::Plain,
    };
    match format {
        Format::Seed => parse_seed(text, path, options),
        // A whole file forced to JSON lines never reaches here; read it as plain text if it does.
        Format::Plain | Format::JsonLines => parse_plain(text, path, options),
    }
}

/// The 1-based line byte `at` of `bytes` stands on.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes.iter().take(at).filter(|&&b| b == b'\n').count() + 1
}

fn io_error(path: &Path, line: Option<usize>, doing: &str, e: &io::Error) -> InputError {
    InputError::new(path, line, format!("{doing}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_control_bytes_not_foreign_letters() {
        assert!(looks_binary(b"\x01\x02\x03abc\x04\x05"));
        assert!(!looks_binary("Ça va, Mosul? Ж ✓\r\n\tok\n".as_bytes()));
        assert!(!looks_binary(b"\xff\xfe Latin-1 \xe9t\xe9"));
    }

    #[test]
    fn utf16_and_empty_heads_are_refused_with_their_reason() {
        let path = Path::new("a.txt");
        let utf16 = check_head(path, b"\xFF\xFET\x00i\x00").unwrap_err();
        assert!(utf16.message.starts_with("UTF-16"), "{utf16}");
        assert_eq!(check_head(path, b"").unwrap_err().message, "empty file");
        assert!(check_head(path, b"Title\n\nText.").is_ok());
    }

    #[test]
    fn json_lines_by_extension_or_first_brace() {
        assert!(looks_like_json_lines(Path::new("a.JSONL"), b"x"));
        assert!(looks_like_json_lines(Path::new("a.ndjson"), b""));
        assert!(looks_like_json_lines(
            Path::new("-"),
            b"\xEF\xBB\xBF \n{\"text\": 1}"
        ));
        assert!(!looks_like_json_lines(Path::new("a.txt"), b"Title\n{"));
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of(b"a\nb\nc", 0), 1);
        assert_eq!(line_of(b"a\nb\nc", 2), 2);
        assert_eq!(line_of(b"a\nb\nc", 99), 3);
    }
}
