//! Rollups: how many events start on each day, lie in each country, have each kind and name
//! each actor, each counted under the event's status (happened, background, not happened, so
//! a query that names no status reads the happened counters alone) — kept up to date by every write, so `timeline`, `count by` and `top` over the
//! whole store read a few thousand counters instead of decoding every event. Never decides
//! what a query means: the executor asks for counts and shapes them like the row path would.
//!
//! The counters live in their own sled tree (`rollups`), so the main tree's keyspace and bytes
//! (the store format) do not change. The two trees cannot share an atomic batch, so a write
//! marks the rollups dirty before its batch and clean after its counters; a store found dirty
//! at open (a crash in between) or without rollups (written by an older build) has them
//! rebuilt from the events.

use std::collections::HashMap;

use crate::error::{Error, Result};
use crate::model::{Country, Event, EventStatus, Kind, day_number};

use super::Store;
use super::codec::decode_event;
use super::keycode::{KeyReader, KeyWriter};
use super::keys::KeyPrefix;

/// The name of the sled tree that holds the counters.
pub(super) const TREE: &str = "rollups";

/// Present while a write is between its batch and its counters.
const DIRTY: &[u8] = b"\x00dirty";
/// Present once the counters describe every stored event, by status. Counters an older build
/// made (under `\x00built`, without statuses) lack this mark and are rebuilt at open.
const BUILT: &[u8] = b"\x00built-by-status";

/// One counter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Rollup {
    /// Every event.
    Events,
    /// Events whose interval starts on this day (`model::day_number`).
    Day(i32),
    /// Events by their place's country; `None` for events without one.
    Country(Option<Country>),
    /// Events by kind, exactly as stored.
    Kind(Kind),
    /// Actor entries by name as written (an event with two actors counts under each);
    /// `None` counts events with no actor.
    Actor(Option<String>),
}

/// Which family of counters to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RollupAxis {
    /// [`Rollup::Events`].
    Events,
    /// [`Rollup::Day`].
    Day,
    /// [`Rollup::Country`].
    Country,
    /// [`Rollup::Kind`].
    Kind,
    /// [`Rollup::Actor`].
    Actor,
}

impl RollupAxis {
    fn tag(self) -> u8 {
        match self {
            RollupAxis::Events => 1,
            RollupAxis::Day => 2,
            RollupAxis::Country => 3,
            RollupAxis::Kind => 4,
            RollupAxis::Actor => 5,
        }
    }
}

impl Rollup {
    fn axis(&self) -> RollupAxis {
        match self {
            Rollup::Events => RollupAxis::Events,
            Rollup::Day(_) => RollupAxis::Day,
            Rollup::Country(_) => RollupAxis::Country,
            Rollup::Kind(_) => RollupAxis::Kind,
            Rollup::Actor(_) => RollupAxis::Actor,
        }
    }

    /// The counter's key: its family, the status counted, then its value.
    fn encode(&self, status: EventStatus) -> Vec<u8> {
        let mut w = KeyWriter::new();
        w.u8(self.axis().tag()).u8(status_tag(status));
        match self {
            Rollup::Events => {}
            Rollup::Day(day) => {
                w.i32(*day);
            }
            Rollup::Country(country) => {
                w.str(country.as_ref().map_or("", |c| c.code()));
            }
            Rollup::Kind(kind) => {
                w.str(&kind.to_string());
            }
            Rollup::Actor(name) => {
                w.bool(name.is_some()).str(name.as_deref().unwrap_or(""));
            }
        }
        w.finish()
    }

    fn decode(bytes: &[u8]) -> Result<(Rollup, EventStatus)> {
        let mut r = KeyReader::new(bytes);
        let corrupt = |what: &str| Error::Corrupt(format!("rollup key: {what}"));
        let axis = r.u8()?;
        let status = EventStatus::ALL
            .get(usize::from(r.u8()?))
            .copied()
            .ok_or_else(|| corrupt("unknown status"))?;
        let rollup = match axis {
            1 => Rollup::Events,
            2 => Rollup::Day(r.i32()?),
            3 => {
                let code = r.str()?;
                Rollup::Country(if code.is_empty() {
                    None
                } else {
                    Some(Country::from_code(&code).ok_or_else(|| corrupt("unknown country"))?)
                })
            }
            4 => Rollup::Kind(r.str()?.parse().map_err(|_| corrupt("unknown kind"))?),
            5 => {
                let named = r.bool()?;
                let name = r.str()?;
                Rollup::Actor(named.then_some(name))
            }
            _ => return Err(corrupt("unknown axis")),
        };
        r.finish()?;
        Ok((rollup, status))
    }

    /// The counters one event adds to: none for a duplicate of another article's report,
    /// which is counted once, under that report.
    fn of_event(event: &Event) -> Vec<Rollup> {
        if !event.is_counted() {
            return Vec::new();
        }
        let mut rollups = vec![
            Rollup::Events,
            Rollup::Day(day_number(event.when.start)),
            Rollup::Country(event.place.as_ref().and_then(|p| p.country)),
            Rollup::Kind(event.kind),
        ];
        if event.actors.is_empty() {
            rollups.push(Rollup::Actor(None));
        }
        rollups.extend(
            event
                .actors
                .iter()
                .map(|a| Rollup::Actor(Some(a.name.clone()))),
        );
        rollups
    }
}

/// A status's tag in counter keys: its position in [`EventStatus::ALL`].
fn status_tag(status: EventStatus) -> u8 {
    EventStatus::ALL
        .iter()
        .position(|s| *s == status)
        .map_or(0, |i| i as u8)
}

/// Counter changes gathered over a write, applied at its end.
#[derive(Debug, Default)]
pub(super) struct Deltas(HashMap<(Rollup, EventStatus), i64>);

impl Deltas {
    /// Counts the events in (`sign` 1) or out (`sign` -1).
    pub(super) fn add(&mut self, events: &[Event], sign: i64) {
        for event in events {
            for rollup in Rollup::of_event(event) {
                *self.0.entry((rollup, event.status)).or_default() += sign;
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.0.values().all(|&d| d == 0)
    }

    /// Adds another write's changes to these.
    pub(super) fn merge(&mut self, other: Deltas) {
        for (key, delta) in other.0 {
            *self.0.entry(key).or_default() += delta;
        }
    }
}

fn count_of(bytes: &[u8]) -> Result<u64> {
    let array: [u8; 8] = bytes
        .try_into()
        .map_err(|_| Error::Corrupt("a rollup counter is not 8 bytes".into()))?;
    Ok(u64::from_be_bytes(array))
}

impl Store {
    /// Marks the counters as behind the events: call before a write's main batch.
    pub(super) fn rollups_dirty(&self, deltas: &Deltas) -> Result<()> {
        if !deltas.is_empty() {
            self.rollups.insert(DIRTY, &[])?;
        }
        Ok(())
    }

    /// Applies a write's counter changes and marks the counters clean again; the writer lock
    /// must be held since the main batch, so nothing else changes the counters meanwhile.
    pub(super) fn rollups_apply(&self, deltas: Deltas) -> Result<()> {
        if deltas.is_empty() {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        for ((rollup, status), delta) in deltas.0 {
            if delta == 0 {
                continue;
            }
            let key = rollup.encode(status);
            let now = match self.rollups.get(&key)? {
                Some(bytes) => count_of(&bytes)?,
                None => 0,
            };
            let next = now.saturating_add_signed(delta);
            if next == 0 {
                batch.remove(key);
            } else {
                batch.insert(key, &next.to_be_bytes());
            }
        }
        batch.remove(DIRTY);
        self.rollups.apply_batch(batch)?;
        Ok(())
    }

    /// Rebuilds the counters when they are dirty or missing; called at open.
    pub(super) fn rollups_check_at_open(&self) -> Result<()> {
        let built = self.rollups.contains_key(BUILT)?;
        let dirty = self.rollups.contains_key(DIRTY)?;
        if built && !dirty {
            return Ok(());
        }
        let _writer = self.lock_writer();
        self.rebuild_rollups()
    }

    /// Recounts every counter from the stored events. The writer lock must be held.
    pub(super) fn rebuild_rollups(&self) -> Result<()> {
        self.rollups.clear()?;
        let mut deltas = Deltas::default();
        for row in self.db.scan_prefix(KeyPrefix::Event.encode()) {
            let (_, value) = row?;
            // An event that does not decode is `check`'s business; it is not counted.
            if let Ok(event) = decode_event(&value) {
                deltas.add(std::slice::from_ref(&event), 1);
            }
        }
        self.rollups_apply(deltas)?;
        self.rollups.insert(BUILT, &[])?;
        Ok(())
    }

    /// Every counter of one family with its count over every status, in key order (days
    /// ascending).
    pub fn rollup_counts(&self, axis: RollupAxis) -> Result<Vec<(Rollup, u64)>> {
        let mut merged: std::collections::BTreeMap<Vec<u8>, (Rollup, u64)> = Default::default();
        for row in self.rollups.scan_prefix([axis.tag()]) {
            let (key, value) = row?;
            let (rollup, _) = Rollup::decode(&key)?;
            let n = count_of(&value)?;
            // The key as one status would have it: the same for the same counter.
            let slot = rollup.encode(EventStatus::Happened);
            merged.entry(slot).or_insert((rollup, 0)).1 += n;
        }
        Ok(merged.into_values().collect())
    }

    /// Every counter of one family with its count of the events of one status, in key order.
    pub fn rollup_counts_of(
        &self,
        axis: RollupAxis,
        status: EventStatus,
    ) -> Result<Vec<(Rollup, u64)>> {
        self.rollups
            .scan_prefix([axis.tag(), status_tag(status)])
            .map(|row| {
                let (key, value) = row?;
                Ok((Rollup::decode(&key)?.0, count_of(&value)?))
            })
            .collect()
    }

    /// Whether the counters describe every stored event (false only while a write by another
    /// thread is between its two batches).
    pub fn rollups_ready(&self) -> Result<bool> {
        Ok(self.rollups.contains_key(BUILT)? && !self.rollups.contains_key(DIRTY)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollup_keys_round_trip() -> Result<()> {
        for rollup in [
            Rollup::Events,
            Rollup::Day(-5),
            Rollup::Day(737_000),
            Rollup::Country(None),
            Rollup::Country(Country::from_code("IQ")),
            Rollup::Kind(Kind::OTHER),
            Rollup::Actor(None),
            Rollup::Actor(Some(String::new())),
            Rollup::Actor(Some("Islamic State".into())),
        ] {
            for status in EventStatus::ALL {
                assert_eq!(
                    Rollup::decode(&rollup.encode(status))?,
                    (rollup.clone(), status)
                );
            }
        }
        assert!(Rollup::decode(&[9]).is_err());
        assert!(Rollup::decode(&[1, 7]).is_err());
        Ok(())
    }

    #[test]
    fn days_sort_in_date_order() {
        let key = |day| Rollup::Day(day).encode(EventStatus::Happened);
        assert!(key(-1) < key(0));
        assert!(key(10) < key(300));
    }
}
