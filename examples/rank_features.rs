//! The toponym ranker's features, for fitting its weights (`tools/fit_ranker.py`): reads
//! articles as JSON lines (`{"id", "title", "text", "countries"}`, countries as ISO codes) on
//! stdin, geoparses each, and writes one JSON line per weighing of a name's candidates:
//! `{"id", "start", "end", "stage", "decided", "candidates": [{"geonameid", "lat", "lon",
//! "features": [..]}]}`, the features in the order of the `features` line written first.
//! Only the body's weighings are written (not the title's).
//!
//! Run: `cargo run --release --example rank_features -- [RULES_DIR] < docs.jsonl > rows.jsonl`

use std::io::{BufRead, Write};

use geochron::extract::geo::rank::{self, Feature};
use geochron::extract::rules::Rules;
use geochron::gazetteer::Gazetteer;
use geochron::ingest::ArticleInput;
use geochron::model::Country;
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let from_dir;
    let rules: &Rules = match std::env::args().nth(1) {
        Some(dir) => {
            from_dir = Rules::from_dir(std::path::Path::new(&dir))?;
            &from_dir
        }
        None => Rules::embedded(),
    };
    let gazetteer = Gazetteer::embedded();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let names: Vec<&str> = Feature::ALL.iter().map(|f| f.table_name()).collect();
    writeln!(out, "{}", json!({ "features": names }))?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = serde_json::from_str(&line)?;
        let text = doc["text"].as_str().unwrap_or_default().to_string();
        let article = ArticleInput {
            title: doc["title"].as_str().unwrap_or_default().to_string(),
            countries: doc["countries"]
                .as_array()
                .map(|cs| {
                    cs.iter()
                        .filter_map(|c| c.as_str().and_then(Country::from_code))
                        .collect()
                })
                .unwrap_or_default(),
            text: text.clone(),
            ..ArticleInput::default()
        };
        let (_, weighings) = rank::traced(|| {
            geochron::extract::geo::geoparse_with_rules(&article, gazetteer, rules)
        });
        for w in weighings.iter().filter(|w| w.text == text) {
            let candidates: Vec<Value> = w
                .candidates
                .iter()
                .map(|(c, f)| {
                    json!({
                        "geonameid": c.place.geonameid,
                        "lat": c.place.lat,
                        "lon": c.place.lon,
                        "features": Feature::ALL.iter().map(|&x| f.get(x)).collect::<Vec<f64>>(),
                    })
                })
                .collect();
            writeln!(
                out,
                "{}",
                json!({
                    "id": doc["id"],
                    "start": w.span.start,
                    "end": w.span.end,
                    "stage": w.stage,
                    "decided": w.decided,
                    "candidates": candidates,
                })
            )?;
        }
    }
    Ok(())
}
