//! Any text given to the query parser gives a statement or an error whose span lies inside
//! the text on character boundaries; a statement passes the semantic check, prints back as
//! text that parses to the same tree, and the renderer renders every error. Nothing panics,
//! aborts or overflows the stack.
#![no_main]

use geochron::query::check::check;
use geochron::query::{parse_script, parse_statement};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_statement(text) {
        Ok(statement) => {
            for error in check(&statement) {
                assert!(error.span.end <= text.len());
                let _ = error.render(text);
            }
            let printed = statement.to_string();
            let again = parse_statement(&printed).expect("printed text parses");
            assert_eq!(again.to_string(), printed, "printing is stable");
        }
        Err(error) => {
            let span = error.span;
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            let _ = error.render(text);
        }
    }
    for statement in parse_script(text) {
        assert!(text.get(statement.offset..).is_some());
    }
});
