//! How a command's result reads: the summary `ingest`, `delete article` and `stats` print, the
//! same words in every format (the table prints it as lines, json as `{"message": …}`, csv as
//! one `text` column).

use crate::query::QueryResult;
use crate::query::result::IngestReport;
use crate::store::Stats;

/// The text of a command's result; `None` for the results of queries.
pub(super) fn text(result: &QueryResult) -> Option<String> {
    Some(match result {
        QueryResult::Ingested(report) => ingested(report),
        QueryResult::Deleted(id) => format!("deleted article {id}"),
        QueryResult::Stats(stats) => stats_text(stats),
        _ => return None,
    })
}

/// `ingested 19 articles (87 events); 0 already stored, 1 skipped`, then a line per skipped
/// article naming its file and line.
fn ingested(report: &IngestReport) -> String {
    let mut text = format!(
        "ingested {} articles ({} events); {} already stored, {} skipped",
        report.articles,
        report.events,
        report.duplicates,
        report.skipped.len()
    );
    for skipped in &report.skipped {
        text.push_str(&format!("\n  skipped: {skipped}"));
    }
    text
}

/// `19 articles, 87 events`, then the rows of each index, a line each.
fn stats_text(stats: &Stats) -> String {
    let mut text = format!("{} articles, {} events", stats.articles, stats.events);
    for (index, rows) in &stats.rows {
        text.push_str(&format!("\n  {index:?}: {rows} rows"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::InputError;
    use crate::model::ArticleId;
    use crate::store::keys::Index;

    #[test]
    fn commands_read_as_one_summary_with_detail_lines() {
        let report = IngestReport {
            articles: 2,
            events: 5,
            duplicates: 1,
            skipped: vec![InputError::new("a.jsonl".as_ref(), Some(3), "not JSON")],
            ..IngestReport::default()
        };
        assert_eq!(
            text(&QueryResult::Ingested(report)).as_deref(),
            Some(
                "ingested 2 articles (5 events); 1 already stored, 1 skipped\n  \
                 skipped: a.jsonl:3: not JSON"
            )
        );
        assert_eq!(
            text(&QueryResult::Deleted(ArticleId(0xab))).as_deref(),
            Some("deleted article 00000000000000ab")
        );
        let stats = Stats {
            articles: 1,
            events: 2,
            rows: vec![(Index::Time, 2), (Index::Article, 2)],
            disk_bytes: 0,
        };
        assert_eq!(
            text(&QueryResult::Stats(stats)).as_deref(),
            Some("1 articles, 2 events\n  Time: 2 rows\n  Article: 2 rows")
        );
    }
}
