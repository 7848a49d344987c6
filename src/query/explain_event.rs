//! `explain event ID`: an event with its article and the other articles' reports of the same
//! happening, for the renderers to quote field by field. Reads the store; prints nothing.

use super::result::{OtherReport, Provenance};
use crate::error::{Error, Result};
use crate::model::{Event, EventId};
use crate::store::Store;

/// The provenance of event `id`: the event, its article, and the reports linked with it.
pub fn provenance(store: &Store, id: EventId) -> Result<Provenance> {
    let event = store
        .get_event(id)?
        .ok_or_else(|| Error::NotFound(format!("no event has the id {id}")))?;
    let article = store.get_article(event.article)?;
    let other_reports = other_reports(store, &event)?;
    Ok(Provenance {
        event,
        article,
        other_reports,
    })
}

/// The reports of `event`'s happening by other articles: the counted one first, then its
/// duplicates in the order they were linked; `event` itself left out.
fn other_reports(store: &Store, event: &Event) -> Result<Vec<OtherReport>> {
    let counted = match event.duplicate_of {
        Some(canonical) => store.get_event(canonical)?,
        None => Some(event.clone()),
    };
    let Some(counted) = counted else {
        return Ok(Vec::new());
    };
    let mut reports = vec![(counted.id, counted.article, true)];
    reports.extend(
        counted
            .duplicates
            .iter()
            .map(|r| (r.event, r.article, false)),
    );
    let mut out = Vec::new();
    for (other, article, is_counted) in reports {
        if other == event.id {
            continue;
        }
        let source = store.article_head(article)?.and_then(|(_, source)| source);
        out.push(OtherReport {
            event: other,
            article,
            source,
            counted: is_counted,
        });
    }
    Ok(out)
}
