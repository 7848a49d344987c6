//! Any article (title and text from the fuzzer's bytes) goes through the reader's limits and
//! the whole extractor without a panic, and every span extraction gives lies inside the text.
#![no_main]

use geochron::extract::extract;
use geochron::ingest::ArticleInput;
use geochron::ingest::limits::cut_to_limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first line is the title, the rest the text, as in a plain-text file.
    let (title, body) = text.split_once('\n').unwrap_or(("", &text));
    let mut input = ArticleInput {
        title: title.to_string(),
        published: chrono::NaiveDate::from_ymd_opt(2021, 10, 17),
        text: body.to_string(),
        ..ArticleInput::default()
    };
    cut_to_limits(&mut input);
    let extraction = extract(&input);
    for time in &extraction.times {
        assert!(input.text.get(time.span.start..time.span.end).is_some());
    }
    for place in &extraction.places {
        assert!(input.text.get(place.span.start..place.span.end).is_some());
    }
    for event in &extraction.events {
        assert!(input.text.get(event.span.start..event.span.end).is_some());
    }
});
