//! One store size: the direct generator's events loaded into geochron and SQLite, the size on
//! disk and memory, the query mix on both (geochron through `Db::run`, the road `geochron
//! query` and the shell take), reopening the store and the REPL's cold start on it.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use geochron::Db;
use geochron::gazetteer::lookup::distance_km;
use geochron::model::{Article, Event};
use geochron::query::QueryResult;
use geochron::store::cell::circle_bbox;

use super::corpus::articles_for_events;
use super::measure::{self, Samples, human, peak_mib};
use super::mix::{Params, VARIANTS};
use super::sqlite::{IN_BOX, ROW, Sqlite};
use super::world::World;
use super::{Options, Outcome};

/// Articles per load chunk: both engines get the same chunks.
const CHUNK_ARTICLES: usize = 2_000;

/// The day relative dates resolve against.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default()
}

/// The two engines loaded with the same events, and what loading them took.
struct Loaded {
    db: Db,
    sqlite: Sqlite,
    articles: usize,
    events: usize,
    geochron_s: f64,
    sqlite_s: f64,
}

/// Loads `size` events from the direct generator into a fresh store and a fresh SQLite file.
fn load(
    world: &World,
    seed: u64,
    store_path: &Path,
    sqlite_path: &Path,
    size: usize,
) -> Outcome<Loaded> {
    let db = Db::open(store_path)?;
    let sqlite = Sqlite::create(sqlite_path)?;
    let (mut geochron_s, mut sqlite_s, mut events, mut articles) = (0.0, 0.0, 0usize, 0usize);
    let mut source = articles_for_events(world, seed.wrapping_add(1), size).peekable();
    sqlite.begin()?;
    while source.peek().is_some() {
        let chunk: Vec<(Article, Vec<Event>)> = source
            .by_ref()
            .take(CHUNK_ARTICLES)
            .map(|a| a.to_store())
            .collect();
        let t = Instant::now();
        articles += db
            .store()
            .put_articles(chunk.iter().map(|(a, e)| (a, e.as_slice())))?;
        geochron_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        events += sqlite.insert(chunk.iter().map(|(a, e)| (a, e.as_slice())))?;
        sqlite_s += t.elapsed().as_secs_f64();
    }
    let t = Instant::now();
    sqlite.finish()?;
    sqlite_s += t.elapsed().as_secs_f64();
    db.flush()?;
    Ok(Loaded {
        db,
        sqlite,
        articles,
        events,
        geochron_s,
        sqlite_s,
    })
}

/// The CI smoke run (`cargo test` runs the bench binary without `--bench`): a small store,
/// every query of the mix once per parameter set on both engines, and the row counts must
/// agree; the store must check clean. Times nothing: it only keeps the harness from rotting.
pub fn smoke(world: &World, seed: u64, scratch: &Path, size: usize) -> Outcome<()> {
    let loaded = load(
        world,
        seed,
        &scratch.join("smoke.db"),
        &scratch.join("smoke-sqlite.db"),
        size,
    )?;
    let report = loaded.db.check()?;
    if !report.is_clean() {
        return Err(format!("the smoke store does not check clean: {report}").into());
    }
    let mut runs = 0;
    for query in mix(world) {
        for i in 0..VARIANTS {
            let text = (query.geochron)(i);
            let geo = result_rows(&run_query(&loaded.db, &text)?);
            let sql = (query.sqlite)(&loaded.sqlite, i, &loaded.db)?;
            if geo != sql {
                return Err(format!("{}: `{text}` gave {geo} rows, SQL {sql}", query.name).into());
            }
            runs += 1;
        }
    }
    runs += edge_boxes(world, seed, size, &loaded)?;
    println!(
        "smoke: {} events, {runs} queries, both engines agree on every row count",
        loaded.events
    );
    Ok(())
}

/// Boxes with a stored event's point exactly on one edge, each edge in turn: both engines
/// must count the point in (edges belong to the box). The mix's boxes meet a point on an edge
/// only by chance, at millions of events; these meet one in every smoke run. Returns how many
/// queries it ran.
fn edge_boxes(world: &World, seed: u64, size: usize, loaded: &Loaded) -> Outcome<usize> {
    let mut points: Vec<(f64, f64)> = Vec::new();
    for article in articles_for_events(world, seed.wrapping_add(1), size).take(50) {
        let (_, events) = article.to_store();
        for place in events.iter().filter_map(|e| e.place.as_ref()) {
            let point = (place.lat, place.lon);
            // Inside the ±1° boxes below without crossing a pole or the antimeridian.
            if point.0.abs() < 88.0 && point.1.abs() < 178.0 && !points.contains(&point) {
                points.push(point);
            }
        }
    }
    if points.len() < 4 {
        return Err(format!("edge boxes: only {} distinct points", points.len()).into());
    }
    let sql = format!(
        "SELECT {ROW} FROM coords r JOIN events e ON e.id = r.id JOIN articles a ON a.id = e.article WHERE {IN_BOX}"
    );
    let mut runs = 0;
    for &(lat, lon) in points.iter().take(4) {
        // South, west, north, east: the point on the south edge, then west, north, east.
        let boxes = [
            (lat, lon - 1.0, lat + 1.0, lon + 1.0),
            (lat - 1.0, lon, lat + 1.0, lon + 1.0),
            (lat - 1.0, lon - 1.0, lat, lon + 1.0),
            (lat - 1.0, lon - 1.0, lat + 1.0, lon),
        ];
        for (s, w, n, e) in boxes {
            // `{}` prints the shortest text that parses back to the same f64.
            let text = format!("events where within bbox({s}, {w}, {n}, {e})");
            let geo = result_rows(&run_query(&loaded.db, &text)?);
            let sql = loaded.sqlite.rows(&sql, &[&s, &n, &w, &e], None)?;
            if geo == 0 || geo != sql {
                return Err(format!(
                    "a point on a box's edge: `{text}` gave {geo} rows, SQL {sql}"
                )
                .into());
            }
            runs += 1;
        }
    }
    Ok(runs)
}

/// Loads `size` events into both engines, then measures everything that depends on size.
pub fn size_section(world: &World, options: &Options, scratch: &Path, size: usize) -> Outcome<()> {
    println!(
        "\n== {size} events (direct generator, no extraction); load {} ==",
        measure::load()
    );
    let store_path = scratch.join(format!("store-{size}.db"));
    let sqlite_path = scratch.join(format!("sqlite-{size}.db"));
    // `GEOCHRON_BENCH_REUSE=1` with `GEOCHRON_BENCH_KEEP=DIR`: query the stores an earlier
    // run kept there instead of loading new ones (to measure a query change in minutes).
    let reuse = std::env::var_os("GEOCHRON_BENCH_REUSE").is_some()
        && store_path.exists()
        && sqlite_path.exists();
    if reuse {
        println!(
            "load: reusing the stores kept in {} (nothing loaded, nothing timed)",
            scratch.display()
        );
        // `GEOCHRON_BENCH_COMPACT=1` compacts the kept store first (`Db::compact`).
        if std::env::var_os("GEOCHRON_BENCH_COMPACT").is_some() {
            let before = measure::dir_bytes(&store_path);
            let (db, compacted) = Db::open(&store_path)?.compact()?;
            let after = measure::dir_bytes(&store_path);
            println!(
                "compact: {} keys rewritten in {:.1} s; size on disk {:.1} → {:.1} MB ({:.2}× live)",
                compacted.keys,
                compacted.seconds,
                before as f64 / 1e6,
                after as f64 / 1e6,
                after as f64 / live_bytes(&db)?.max(1) as f64,
            );
        }
    } else {
        let Loaded {
            db,
            sqlite,
            articles,
            events,
            geochron_s,
            sqlite_s,
        } = load(world, options.seed, &store_path, &sqlite_path, size)?;
        let bytes = measure::dir_bytes(&store_path);
        let sqlite_bytes = measure::dir_bytes(&sqlite_path);
        println!(
            "load: geochron {articles} articles, {events} events in {geochron_s:.1} s ({:.0} events/s); SQLite in {sqlite_s:.1} s ({:.0} rows/s, indexes included)",
            events as f64 / geochron_s.max(1e-9),
            events as f64 / sqlite_s.max(1e-9)
        );
        println!(
            "size on disk: geochron {:.1} MB ({:.0} B/event, article text included); SQLite {:.1} MB ({:.0} B/event, no article text); peak memory so far {:.0} MiB",
            bytes as f64 / 1e6,
            bytes as f64 / events.max(1) as f64,
            sqlite_bytes as f64 / 1e6,
            sqlite_bytes as f64 / events.max(1) as f64,
            peak_mib()
        );
        print_breakdown(&db, bytes, events)?;
        // The store rewritten in key order (`Db::compact`), as after a large load: its size
        // and the time the rewrite took, and the load's rate with it counted in.
        let (db, compacted) = db.compact()?;
        let after = measure::dir_bytes(&store_path);
        println!(
            "compact: {} keys rewritten in {:.1} s; size on disk {:.1} → {:.1} MB ({:.0} B/event, {:.2}× live); load with compaction {:.0} events/s",
            compacted.keys,
            compacted.seconds,
            bytes as f64 / 1e6,
            after as f64 / 1e6,
            after as f64 / events.max(1) as f64,
            after as f64 / live_bytes(&db)?.max(1) as f64,
            events as f64 / (geochron_s + compacted.seconds).max(1e-9)
        );
        // Both engines are opened again before they are queried, as a process that only
        // queries a store (the shell, `geochron query`) finds them: in the loading process
        // (sled's cache full of the last pages written, a heap churned by a million inserts)
        // every geochron query was slower, a week's rows about four times at a million events.
        drop((db, sqlite));
    }
    let db = Db::open(&store_path)?;
    let sqlite = Sqlite::open(&sqlite_path)?;
    query_table(&db, &sqlite, options.budget)?;
    drop(db);
    let mut opens = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let db = Db::open(&store_path)?;
        opens.push(t.elapsed().as_secs_f64());
        drop(db);
    }
    opens.sort_by(f64::total_cmp);
    let binary = Path::new(env!("CARGO_BIN_EXE_geochron"));
    let mut starts: Vec<f64> = (0..3)
        .filter_map(|_| measure::repl_cold_start(binary, &store_path))
        .collect();
    starts.sort_by(f64::total_cmp);
    let cold = starts
        .get(starts.len() / 2)
        .map_or("not measured (no `script` or no prompt)".to_string(), |s| {
            human(*s)
        });
    println!(
        "open the store: {} (median of 3); REPL cold start, process start to prompt: {cold}",
        human(opens.get(1).copied().unwrap_or(0.0)),
    );
    // The one-shot figure: a process that opens the store, answers one row and exits.
    let mut colds: Vec<measure::ColdQuery> = (0..3)
        .filter_map(|_| measure::cold_query(binary, &store_path, "events | limit 1"))
        .collect();
    colds.sort_by(|a, b| a.wall_s.total_cmp(&b.wall_s));
    match colds.get(colds.len() / 2) {
        Some(c) => println!(
            "cold `geochron query 'events | limit 1'`: {} wall, {} CPU, {:.0} MiB peak (median of {})",
            human(c.wall_s),
            human(c.cpu_s),
            c.peak_mib,
            colds.len()
        ),
        None => {
            println!("cold `geochron query 'events | limit 1'`: not measured (no /usr/bin/time)")
        }
    }
    Ok(())
}

/// The live key and value bytes of the store.
fn live_bytes(db: &Db) -> Outcome<u64> {
    Ok(db
        .store()
        .footprint()?
        .iter()
        .map(|f| f.key_bytes + f.value_bytes)
        .sum())
}

/// The size per event by key family (live key and value bytes), and what sled's files add.
fn print_breakdown(db: &Db, disk_bytes: u64, events: usize) -> Outcome<()> {
    let per_event = |bytes: u64| bytes as f64 / events.max(1) as f64;
    let families = db.store().footprint()?;
    let live: u64 = families.iter().map(|f| f.key_bytes + f.value_bytes).sum();
    let parts: Vec<String> = families
        .iter()
        .filter(|f| f.keys > 0)
        .map(|f| format!("{} {:.0}", f.family, per_event(f.key_bytes + f.value_bytes)))
        .collect();
    println!(
        "size per event, live key + value bytes: {} = {:.0} B live; on disk {:.0} B ({:.2}× live)",
        parts.join(", "),
        per_event(live),
        per_event(disk_bytes),
        disk_bytes as f64 / live.max(1) as f64
    );
    Ok(())
}

/// The SQL side of one query: runs repetition `i` and returns its row count.
type SqlRun = Box<dyn Fn(&Sqlite, usize, &Db) -> rusqlite::Result<usize>>;

/// One query of the mix, with its parameters for repetition `i`.
struct Mix {
    name: &'static str,
    geochron: Box<dyn Fn(usize) -> String>,
    sqlite: SqlRun,
}

fn mix(world: &World) -> Vec<Mix> {
    let params = Params::new(world);
    let p = params.clone();
    let week2 = move |i: usize| p.week(i);
    let p = params.clone();
    let cm2 = move |i: usize| p.country_month(i);
    let p = params.clone();
    let city2 = move |i: usize| p.city(i);
    let p = params.clone();
    let bbox2 = move |i: usize| p.bbox(i);
    let p = params.clone();
    let needle2 = move |i: usize| p.needle(i);
    let texts = params;
    let near_texts = texts.clone();
    vec![
        Mix {
            name: "time range (a week)",
            geochron: {
                let texts = texts.clone();
                Box::new(move |i| texts.week_query(i))
            },
            sqlite: Box::new(move |s, i, _| {
                let (a, b) = week2(i);
                let sql = format!(
                    "SELECT {ROW} FROM events e JOIN articles a ON a.id = e.article WHERE e.date BETWEEN ?1 AND ?2 AND e.end_date <= ?2"
                );
                s.rows(&sql, &[&a.to_string(), &b.to_string()], None)
            }),
        },
        Mix {
            name: "country + month",
            geochron: {
                let texts = texts.clone();
                Box::new(move |i| texts.country_month_query(i))
            },
            sqlite: Box::new(move |s, i, _| {
                let (c, a, b) = cm2(i);
                let sql = format!(
                    "SELECT {ROW} FROM events e JOIN articles a ON a.id = e.article WHERE e.country = ?3 AND e.date BETWEEN ?1 AND ?2 AND e.end_date <= ?2"
                );
                s.rows(&sql, &[&a.to_string(), &b.to_string(), &c], None)
            }),
        },
        Mix {
            name: "near a city, 50 km, 10 years",
            geochron: {
                let texts = texts.clone();
                Box::new(move |i| texts.near_query(i))
            },
            sqlite: Box::new(move |s, i, db| {
                // The same centre the geochron query resolved the name to.
                let (_, lat0, lon0) = city2(i);
                let text = near_texts.near_query(i);
                let (lat, lon) = db
                    .explain_at(&text, today())
                    .ok()
                    .and_then(|p| p.near.map(|c| (c.lat, c.lon)))
                    .unwrap_or((lat0, lon0));
                let b = circle_bbox(lat, lon, 50.0);
                let (west, east) = if b.west <= b.east {
                    (b.west, b.east)
                } else {
                    (-180.0, 180.0)
                };
                let sql = format!(
                    "SELECT {ROW}, e.lat, e.lon FROM coords r JOIN events e ON e.id = r.id JOIN articles a ON a.id = e.article WHERE {IN_BOX} AND e.date >= '2010-01-01' AND e.end_date <= '2019-12-31'"
                );
                let keep = move |plat: f64, plon: f64| distance_km(lat, lon, plat, plon) <= 50.0;
                s.rows(&sql, &[&b.south, &b.north, &west, &east], Some(&keep))
            }),
        },
        Mix {
            name: "bounding box + kind",
            geochron: {
                let texts = texts.clone();
                Box::new(move |i| texts.bbox_query(i))
            },
            sqlite: Box::new(move |s, i, _| {
                let (so, w, n, e) = bbox2(i);
                let r = |x: f64| (x * 100.0).round() / 100.0;
                let sql = format!(
                    "SELECT {ROW} FROM coords r JOIN events e ON e.id = r.id JOIN articles a ON a.id = e.article WHERE {IN_BOX} AND e.kind_top = 'battle'"
                );
                s.rows(&sql, &[&r(so), &r(n), &r(w), &r(e)], None)
            }),
        },
        Mix {
            name: "actor ~",
            geochron: Box::new(move |i| texts.actor_query(i)),
            sqlite: Box::new(move |s, i, _| {
                let sql = format!(
                    "SELECT {ROW} FROM events e JOIN articles a ON a.id = e.article WHERE e.id IN (SELECT event FROM actors WHERE name LIKE ?1)"
                );
                s.rows(&sql, &[&format!("%{}%", needle2(i))], None)
            }),
        },
        Mix {
            name: "count by country",
            geochron: Box::new(|_| Params::AGGREGATES[0].into()),
            sqlite: Box::new(|s, _, _| {
                s.groups("SELECT country, count(*) FROM events GROUP BY country")
            }),
        },
        Mix {
            name: "timeline by month (all)",
            geochron: Box::new(|_| Params::AGGREGATES[1].into()),
            sqlite: Box::new(|s, _, _| {
                s.groups("SELECT substr(date, 1, 7), count(*) FROM events GROUP BY 1")
            }),
        },
        Mix {
            name: "top 10 actors",
            geochron: Box::new(|_| Params::AGGREGATES[2].into()),
            sqlite: Box::new(|s, _, _| {
                s.groups(
                    "SELECT name, count(*) AS n FROM actors GROUP BY name ORDER BY n DESC LIMIT 10",
                )
            }),
        },
    ]
}

/// How many rows a result holds: events, groups or timeline units with events (SQL's
/// `GROUP BY` has no empty months; a timeline shows them).
fn result_rows(result: &QueryResult) -> usize {
    match result {
        QueryResult::Events { rows, .. } => rows.len(),
        QueryResult::Articles { rows, .. } => rows.len(),
        QueryResult::Places { rows, .. } => rows.len(),
        QueryResult::Table { rows, .. } => rows.len(),
        QueryResult::Timeline { rows, .. } => rows.iter().filter(|r| r.count > 0).count(),
        _ => 0,
    }
}

/// One statement the way `geochron query` and the shell run it: parsed, then `Db::run`, rows
/// as the index keeps them (`Db::query_at` also reads each event whole, by key).
fn run_query(db: &Db, text: &str) -> geochron::Result<QueryResult> {
    db.run(&geochron::query::parse(text)?, today())
}

fn query_table(db: &Db, sqlite: &Sqlite, budget: Duration) -> Outcome<()> {
    let world = World::new();
    println!(
        "{:<30} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8} {:>16}",
        "query", "geo p50", "geo p99", "sql p50", "sql p99", "p50 ×", "p99 ×", "rows geo/sql"
    );
    for query in mix(&world) {
        // One untimed pass over the parameter sets first, on both engines: the figures are
        // those of engines whose caches hold what the mix reads, not of the first disk reads.
        for i in 0..VARIANTS {
            run_query(db, &(query.geochron)(i))?;
            (query.sqlite)(sqlite, i, db)?;
        }
        let (geo, geo_rows) = Samples::collect(budget, 3, 400, |i| {
            run_query(db, &(query.geochron)(i)).map(|r| result_rows(&r))
        })?;
        let (sql, sql_rows) = Samples::collect(budget, 3, 400, |i| (query.sqlite)(sqlite, i, db))?;
        let ratio = |q: f64| geo.quantile(q) / sql.quantile(q).max(1e-9);
        println!(
            "{:<30} {:>10} {:>10} {:>10} {:>10} {:>8.2} {:>8.2} {:>16}",
            query.name,
            human(geo.quantile(0.5)),
            human(geo.quantile(0.99)),
            human(sql.quantile(0.5)),
            human(sql.quantile(0.99)),
            ratio(0.5),
            ratio(0.99),
            format!("{geo_rows}/{sql_rows} ({}×)", geo.len().min(sql.len()))
        );
    }
    Ok(())
}
