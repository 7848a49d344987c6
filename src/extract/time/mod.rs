//! Temporal tagging: finds date and time expressions and normalises them to TIMEX3 values and
//! `When` intervals, against the publication date and the story's running date.

use chrono::NaiveDate;

use super::Timex;

/// Tags every temporal expression in `text`, in text order.
pub fn tag(text: &str, published: Option<NaiveDate>) -> Vec<Timex> {
    let _ = (text, published);
    Vec::new()
}
