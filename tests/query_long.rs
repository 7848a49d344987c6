//! No statement of any length can abort an embedding program: flat chains of `or` and `and`
//! of 100,000 terms go through the public `Db::query` path (parse, check, plan, execute) and
//! `Display` on a thread with a 2 MiB stack, the size Rust gives a spawned thread, and each
//! costs time in proportion to its length. (A flat chain of about 3,000 `or` terms used to
//! overflow such a stack: the tree was a chain of boxes, and every pass over it recursed
//! once per term.)

use geochron::Db;
use geochron::ingest::ArticleInput;
use geochron::query::parse_statement;

const TERMS: usize = 100_000;
const STACK: usize = 2 << 20;

/// Runs `job` on a thread with a 2 MiB stack; a stack overflow would abort the test binary.
fn on_small_stack<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(job)
        .expect("spawn")
        .join()
        .expect("no panic")
}

/// `events where country = IQ or country = SY or …` with `terms` terms joined by `op`.
fn chain(op: &str, terms: usize) -> String {
    let codes = ["IQ", "SY", "TR", "IR", "JO"];
    let parts: Vec<String> = (0..terms)
        .map(|i| format!("country = {}", codes[i % codes.len()]))
        .collect();
    format!("events where {}", parts.join(&format!(" {op} ")))
}

fn db_with_one_event() -> Db {
    let db = Db::temporary().expect("temporary store");
    db.ingest(ArticleInput {
        title: "Ambush near Makhmur".into(),
        published: chrono::NaiveDate::from_ymd_opt(2021, 10, 17),
        text: "Islamic State militants ambushed an army convoy near Makhmur on Saturday, killing six soldiers.".into(),
        ..ArticleInput::default()
    })
    .expect("ingest");
    db
}

#[test]
fn a_chain_of_100000_ors_runs_on_a_2_mib_stack() {
    let count = on_small_stack(|| {
        let db = db_with_one_event();
        let text = chain("or", TERMS);
        let statement = parse_statement(&text).expect("parses");
        // Display prints it back whole, and it parses to the same tree.
        let printed = statement.to_string();
        assert_eq!(printed.len(), text.len());
        assert_eq!(parse_statement(&printed).expect("reparses"), statement);
        drop(statement);
        let events = db.query(&text).expect("runs").events().len();
        let plan = db.explain(&text).expect("plans");
        assert!(!plan.to_string().is_empty());
        events
    });
    assert_eq!(count, 1);
}

#[test]
fn a_chain_of_100000_ands_and_a_chain_inside_parentheses_run_too() {
    on_small_stack(|| {
        let db = db_with_one_event();
        let ands = chain("and", TERMS);
        db.query(&ands).expect("runs");
        let inner = chain("or", TERMS);
        let inner = inner.trim_start_matches("events where ");
        let nested = format!("events where not ({inner}) and (kind = battle or ({inner}))");
        db.query(&nested).expect("runs");
    });
}

#[test]
fn nesting_stops_with_a_clear_error_well_inside_the_stack() {
    on_small_stack(|| {
        let db = db_with_one_event();
        let deep = format!(
            "events where {}country = IQ{}",
            "(".repeat(10_000),
            ")".repeat(10_000)
        );
        let Err(geochron::Error::Query(error)) = db.query(&deep) else {
            panic!("a nesting error");
        };
        let shown = error.render(&deep);
        assert!(shown.contains("nest at most 64 deep"), "{shown}");
        let nots = format!("events where {}country = IQ", "not ".repeat(10_000));
        assert!(db.query(&nots).is_err());
        // At the limit itself, the whole path runs on the small stack.
        let at_limit = format!(
            "events where {}country = IQ{}",
            "(".repeat(63),
            ")".repeat(63)
        );
        db.query(&at_limit).expect("runs");
    });
}

#[test]
fn a_chain_of_100000_misspelt_terms_reports_a_bounded_number_of_errors() {
    let terms = vec!["kind = batle"; TERMS].join(" or ");
    let statement = parse_statement(&format!("events where {terms}")).expect("parses");
    let errors = geochron::query::check::check(&statement);
    assert_eq!(errors.len(), geochron::query::check::MAX_ERRORS);
}
