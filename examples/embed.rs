//! Embedding geochron in a Rust program: open a store, ingest an article, read back its events,
//! scan the time index, and run statements of the query language, typed or printed.
//!
//! Run: `cargo run --example embed`

use chrono::NaiveDate;
use geochron::ingest::ArticleInput;
use geochron::query::QueryResult;
use geochron::store::{DayRange, TimeMatch};
use geochron::{Db, Ingested, Session, Settings};

fn main() -> geochron::Result<()> {
    // A temporary store; `Db::open("geochron.db")` keeps one on disk.
    let db = Db::temporary()?;

    let article = ArticleInput {
        title: "Convoy ambushed near Makhmur".into(),
        published: NaiveDate::from_ymd_opt(2021, 10, 18),
        text:
            "Islamic State militants ambushed an Iraqi army convoy near Makhmur on Saturday night, \
               killing four soldiers and wounding 11 others. Later that night, coalition aircraft \
               bombed positions on Qarachogh mountain."
                .into(),
        ..ArticleInput::default()
    };

    // Extraction and storage in one call; the same article again changes nothing.
    let Ingested::Stored {
        article: id,
        events,
    } = db.ingest(article.clone())?
    else {
        unreachable!("a fresh store has no articles");
    };
    println!("stored article {id} with {events} events");
    assert!(matches!(db.ingest(article)?, Ingested::Duplicate(_)));

    // Typed events, most salient first.
    for event in db.article_events(id)? {
        let place = event.place.as_ref().map_or("?", |p| p.name.as_str());
        let killed = event.fatalities.map_or(0, |c| c.best);
        println!(
            "{} {}..{} {} at {place}, {killed} killed",
            event.kind, event.when.start, event.when.end, event.when.precision
        );
    }

    // The time index: events whose interval lies inside October 2021.
    let october = DayRange::from_dates(
        NaiveDate::from_ymd_opt(2021, 10, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2021, 10, 31).unwrap_or_default(),
    );
    let ids = db.store().scan_time(october, TimeMatch::Within);
    let in_october = db.store().events_of(ids).filter_map(Result::ok).count();
    println!("{in_october} events in October 2021");

    println!("{}", db.stats()?);

    // Any statement gives a typed result; a session prints a script as `geochron run` does.
    if let QueryResult::Stats(stats) = db.query("stats")? {
        println!("{} articles, {} events", stats.articles, stats.events);
    }
    let session = Session::new(&db, Settings::default());
    let script = "events | count by kind\nevents where killed >= 1 | select date, place, killed";
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    session.run_script(script, "embed", &mut out, &mut err)?;
    Ok(())
}
