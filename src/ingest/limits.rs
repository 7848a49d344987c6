//! The most of one article extraction reads, so that hostile input costs what its size says.
//! Owns the limits and the cut; never extracts.
//!
//! Several extraction steps cost more than linear time in an article's names and sentences
//! (they compare each place name or date with every other in the text: the geo resolver's
//! namesake count, the recogniser's capitalised-word count, the event pass's date lookups per
//! sentence), which no real article notices and a hostile one turns into minutes: a title of
//! 1 MB took 391 s, an article of 100,000 sentences 317 s and 3.5 GB. Every limit here is
//! several times what the largest article of the evaluation feeds has (a title of 346 bytes,
//! 59 KB and 588 sentences of text, 113 events), so ordinary articles are never cut.
//!
//! The reader cuts every article it reads ([`cut_to_limits`]) and warns with what was cut: the
//! store keeps what was read, so the article's id, its text and its events' spans agree.
//! [`crate::extract::extract_with`] applies the same limits to whatever it is handed
//! ([`within_limits`]), so an embedding program is bounded too.

use std::borrow::Cow;

use super::ArticleInput;

/// The longest title read, in bytes (cut at a word where there is one).
pub const MAX_TITLE_BYTES: usize = 1024;

/// The most text read, in bytes: extraction reads the sentences that end within it.
pub const MAX_TEXT_BYTES: usize = 128 << 10;

/// The most sentences read.
pub const MAX_SENTENCES: usize = 2_000;

/// The most events stored of one article: the most salient ones.
pub const MAX_EVENTS: usize = 500;

/// The article as extraction reads it: itself when it is within the limits (no copy), else a
/// copy cut to them.
pub fn within_limits(input: &ArticleInput) -> Cow<'_, ArticleInput> {
    if title_end(&input.title).is_none() && text_end(&input.text).is_none() {
        return Cow::Borrowed(input);
    }
    let mut cut = input.clone();
    cut_to_limits(&mut cut);
    Cow::Owned(cut)
}

/// Cuts an article's title and text to the limits, in place; says what was cut, one sentence
/// each (nothing for an article within them).
pub fn cut_to_limits(input: &mut ArticleInput) -> Vec<String> {
    let mut cuts = Vec::new();
    if let Some(end) = title_end(&input.title) {
        cuts.push(format!(
            "title of {} bytes cut to its first {} (at most {} are read)",
            thousands(input.title.len()),
            thousands(end),
            thousands(MAX_TITLE_BYTES)
        ));
        input.title.truncate(end);
    }
    if let Some(end) = text_end(&input.text) {
        let sentences = sentence_bound(&input.text);
        cuts.push(format!(
            "text of {} bytes (up to {} sentences) cut to its first {} bytes: extraction reads at most {} sentences and {} KiB, and only that much is stored",
            thousands(input.text.len()),
            thousands(sentences),
            thousands(end),
            thousands(MAX_SENTENCES),
            MAX_TEXT_BYTES >> 10,
        ));
        input.text.truncate(end);
    }
    cuts
}

/// What cutting an article's events to [`MAX_EVENTS`] says, when it has more.
pub fn events_cut(found: usize) -> Option<String> {
    (found > MAX_EVENTS).then(|| {
        format!(
            "{} events found; the {MAX_EVENTS} most salient were kept",
            thousands(found)
        )
    })
}

/// Where a title past [`MAX_TITLE_BYTES`] is cut: at the last space before the limit when
/// there is one in its second half, else at the last character that fits.
fn title_end(title: &str) -> Option<usize> {
    if title.len() <= MAX_TITLE_BYTES {
        return None;
    }
    let hard = title.floor_char_boundary(MAX_TITLE_BYTES);
    let at_word = title[..hard]
        .rfind(char::is_whitespace)
        .filter(|&at| at >= hard / 2);
    Some(title[..at_word.unwrap_or(hard)].trim_end().len())
}

/// Where a text past the limits is cut: after its last whole sentence within
/// [`MAX_TEXT_BYTES`] and [`MAX_SENTENCES`] (at the byte limit itself when a single sentence
/// runs past it).
fn text_end(text: &str) -> Option<usize> {
    // Every sentence but the last ends at a `.`, `!`, `?` or line break: fewer of those than
    // the limit, and the splitter need not run. A text shorter than the limit in bytes has
    // fewer of them still, so most texts are not scanned at all.
    if text.len() < MAX_SENTENCES
        || (text.len() <= MAX_TEXT_BYTES && sentence_bound(text) <= MAX_SENTENCES)
    {
        return None;
    }
    let by_bytes = text.len() > MAX_TEXT_BYTES;
    let hard = text.floor_char_boundary(MAX_TEXT_BYTES);
    let head = &text[..hard];
    let spans = crate::extract::text::sentences(head);
    if !by_bytes && spans.len() <= MAX_SENTENCES {
        return None;
    }
    let whole = if by_bytes {
        // The last sentence of the head may run on past it.
        spans.len().saturating_sub(1)
    } else {
        spans.len()
    };
    let keep = whole.min(MAX_SENTENCES);
    let end = match keep.checked_sub(1).and_then(|last| spans.get(last)) {
        Some(last) => last.end,
        // One sentence longer than the byte limit: as much of it as fits, at a word.
        None => head
            .rfind(char::is_whitespace)
            .filter(|&at| at >= hard / 2)
            .unwrap_or(hard),
    };
    (end < text.len()).then_some(end)
}

/// An upper bound on the sentences of `text`: one more than the bytes that may end one.
fn sentence_bound(text: &str) -> usize {
    1 + text
        .bytes()
        .filter(|b| matches!(b, b'.' | b'!' | b'?' | b'\n'))
        .count()
}

/// `1234567` as `1,234,567`.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, text: &str) -> ArticleInput {
        ArticleInput {
            title: title.into(),
            text: text.into(),
            ..ArticleInput::default()
        }
    }

    #[test]
    fn an_ordinary_article_is_not_copied_or_cut() {
        let input = article("Six killed in Mosul", "Six died in Mosul. Four were hurt.");
        assert!(matches!(within_limits(&input), Cow::Borrowed(_)));
        let mut same = input.clone();
        assert!(cut_to_limits(&mut same).is_empty());
        assert_eq!(same, input);
    }

    #[test]
    fn a_long_title_is_cut_at_a_word() {
        let mut input = article(&"Mosul attack ".repeat(1000), "Six died.");
        let cuts = cut_to_limits(&mut input);
        assert!(input.title.len() <= MAX_TITLE_BYTES);
        let title = input.title.clone();
        assert!(
            title.ends_with("attack") || title.ends_with("Mosul"),
            "{title}"
        );
        assert!(
            "Mosul attack "
                .repeat(1000)
                .starts_with(&format!("{title} "))
        );
        assert_eq!(cuts.len(), 1);
        assert!(cuts[0].starts_with("title of 13,000 bytes cut"), "{cuts:?}");
        // Without spaces, at a character boundary.
        let mut wide = article(&"ж".repeat(2000), "Six died.");
        cut_to_limits(&mut wide);
        assert_eq!(wide.title.len(), MAX_TITLE_BYTES);
    }

    #[test]
    fn many_sentences_are_cut_after_the_last_one_read() {
        let text = "Six died in Mosul. ".repeat(5000);
        let mut input = article("", &text);
        let cuts = cut_to_limits(&mut input);
        assert_eq!(
            crate::extract::text::sentences(&input.text).len(),
            MAX_SENTENCES
        );
        assert!(input.text.ends_with("Mosul."));
        assert!(cuts[0].contains("5,001 sentences"), "{cuts:?}");
        // Cutting again cuts nothing: what was read is within the limits.
        assert!(cut_to_limits(&mut input).is_empty());
    }

    #[test]
    fn a_long_text_is_cut_at_a_sentence_within_the_bytes() {
        let sentence = format!("{} end.\n\n", "word ".repeat(199));
        let mut input = article("", &sentence.repeat(200));
        cut_to_limits(&mut input);
        assert!(input.text.len() <= MAX_TEXT_BYTES);
        assert!(input.text.ends_with("end."));
        // One sentence longer than the limit: cut at a word.
        let mut one = article("", &"word ".repeat(100_000));
        cut_to_limits(&mut one);
        assert!(one.text.len() <= MAX_TEXT_BYTES && one.text.ends_with("word"));
        assert!(matches!(within_limits(&one), Cow::Borrowed(_)));
    }

    #[test]
    fn events_past_the_limit_are_named() {
        assert_eq!(events_cut(MAX_EVENTS), None);
        assert_eq!(
            events_cut(1234).as_deref(),
            Some("1,234 events found; the 500 most salient were kept")
        );
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
