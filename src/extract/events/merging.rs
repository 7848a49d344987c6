//! Stitching sentences into events: a sentence's casualty counts added to the event it
//! continues, and a sentence that re-tells an event merged into it.

use super::casualties::{self, Casualties};
use super::classify::ARMED_SIDES;
use super::draft::Draft;
use super::words::WordRole;
use crate::extract::rules::EventRules;
use crate::gazetteer::lookup::distance_km;
use crate::model::{Count, EventType, Kind, SubKind};

/// Adds one sentence's casualty counts to an event; a stated total replaces the sum.
pub(super) fn absorb(draft: &mut Draft, counted: &Casualties) {
    let evidence = &mut draft.evidence;
    if let Some(killed) = counted.killed {
        if counted.killed_is_total {
            draft.killed = Some(killed);
            draft.killed_is_total = true;
            evidence.fatalities = counted.killed_at.clone();
        } else if !draft.killed_is_total {
            draft.killed = Some(casualties::add(draft.killed, killed));
            evidence.fatalities.extend(&counted.killed_at);
        }
    }
    if let Some(injured) = counted.injured {
        draft.injured = Some(casualties::add(draft.injured, injured));
        evidence.injured.extend(&counted.injured_at);
    }
    draft.someone_died |= counted.someone_died;
    draft.someone_hurt |= counted.someone_hurt;
    // The hit are told again and again ("a man was shot … the man was shot in the chest"):
    // the fullest telling counts them.
    if more(counted.hit, draft.hit) {
        draft.hit = counted.hit;
        draft.hit_at = counted.hit_at.clone();
    }
}

/// The dead of an event: those counted, else one when a sentence told of a death without a
/// count ("Lewis died"); `None` when nothing counts them.
pub(super) fn dead(draft: &Draft) -> Option<Count> {
    draft
        .killed
        .or_else(|| draft.someone_died.then(|| Count::exact(1)))
}

/// The hurt of an event: those counted hurt, else those hit and not counted dead ("a man was
/// shot" → 1 hurt; "two were shot, one fatally" → 1), else one when a sentence told of
/// injuries without a count and no one died; `None` when nothing counts them. A zero ("no one else was hurt")
/// does not undo those hit.
pub(super) fn hurt(draft: &Draft) -> Option<Count> {
    let counted = draft.injured.filter(|c| c.best > 0);
    counted
        .or_else(|| {
            let hit = draft.hit?;
            let dead = dead(draft).map_or(0, |k| k.best);
            (hit.best > dead).then(|| Count::exact(hit.best - dead))
        })
        // "suffered a gunshot wound" in a story that tells one death is most often of the one
        // who died: it counts one hurt only when no one died.
        .or_else(|| {
            let no_one_died = dead(draft).is_none_or(|k| k.best == 0);
            (draft.someone_hurt && no_one_died).then(|| Count::exact(1))
        })
        .or(draft.injured)
}

/// Whether `later` re-tells `earlier`: kinds of one family ([`same_family`]), dates that
/// overlap, places that agree.
pub(super) fn retells(earlier: &Draft, later: &Draft, rules: &EventRules) -> bool {
    let (a, b) = (earlier.classified.kind, later.classified.kind);
    let same_kind = same_family(earlier, later, rules);
    // "In a separate exchange of fire": the sentence says its happening is another.
    let another = later
        .tokens
        .iter()
        .any(|t| rules.is(WordRole::Another, &t.lower));
    // A violent sentence with no date of its own ("Students said they heard six shots") took
    // the story's running date, which says nothing against its being the happening told.
    let dates = earlier.when.overlaps(later.when.start, later.when.end)
        || (later.borrowed_date && is_violent(a) && is_violent(b));
    // A lede that names the fight but no toll ("a clash … this month") is told in detail by
    // the next paragraph, wherever in the country that puts it.
    // A protest is no lede for a riot told far from it: that is another event.
    let vague = earlier.killed.is_none()
        && earlier.injured.is_none()
        && !(a.event_type() == EventType::Protest && b.event_type() == EventType::Riot);
    let places = match (&earlier.place, &later.place) {
        (Some(a), Some(b)) => {
            a.country == b.country
                && (vague || distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM)
        }
        _ => true,
    };
    // A story about one shooting retells it in the lead, the police quote and the follow-up,
    // however far apart: a violent happening of the same kind on the same dates and place is
    // the one already told.
    let near = later.sentence_index - earlier.last_sentence <= RETELLING_REACH;
    same_kind && !another && dates && places && (near || is_violent(a))
}

/// Whether two drafts' kinds may tell one happening: the same kind; a protest and a riot (a
/// protest can turn into a riot); an attack and an exchange of fire that names fewer than two
/// armed sides ("shots were fired", "officers exchanged fire with the suspect"): a local
/// shooting told once as the attack and once as the gunfire, not a battle between armed groups.
fn same_family(earlier: &Draft, later: &Draft, rules: &EventRules) -> bool {
    let (a, b) = (earlier.classified.kind, later.classified.kind);
    let crowd = |k: Kind| matches!(k.event_type(), EventType::Protest | EventType::Riot);
    let attack = Kind::sub(SubKind::Attack);
    let clash = Kind::sub(SubKind::ArmedClash);
    let unsided = |d: &Draft| {
        d.tokens
            .iter()
            .filter(|t| rules.is(WordRole::Armed, &t.lower))
            .count()
            < ARMED_SIDES
    };
    a == b
        || (crowd(a) && crowd(b))
        || (a == attack && b == clash && unsided(later))
        || (a == clash && b == attack && unsided(earlier))
}

fn is_violent(kind: Kind) -> bool {
    kind.is_political_violence()
}

/// How far apart two places of one happening may lie, in kilometres, when the first telling
/// gave a toll (a vague lede may be told in detail anywhere in its country).
pub(super) const SAME_PLACE_KM: f64 = 50.0;

/// How many sentences after an event's last one a re-telling may come.
pub(super) const RETELLING_REACH: usize = 3;

/// How many words before a fight's trigger may introduce it ("a fierce clash").
const INTRODUCED_REACH: usize = 2;

/// Folds a re-telling into the event it re-tells, keeping the more specific of each field.
pub(super) fn merge<'a>(earlier: &mut Draft<'a>, later: Draft<'a>, rules: &EventRules) {
    if later.when.days() < earlier.when.days() {
        earlier.when = later.when;
        earlier.undated = later.undated;
    }
    // "A clash …" introduces the fight; the sentence that tells it in detail knows where.
    let at = earlier.classified.trigger_index;
    let introduced = earlier.tokens
        [at.saturating_sub(INTRODUCED_REACH)..at.min(earlier.tokens.len())]
        .iter()
        .any(|t| rules.is(WordRole::IntroducingArticle, &t.lower));
    let detailed = introduced && earlier.killed.is_none() && earlier.injured.is_none();
    // … and it is the sentence to quote: it tells the happening, the lede only names it.
    let tells_more = later.killed.is_some()
        || later.injured.is_some()
        || later.hit.is_some()
        || match (&earlier.place, &later.place) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b.precision <= a.precision,
        };
    if detailed && tells_more {
        earlier.span = later.span;
    }
    match (&earlier.place, later.place) {
        (None, Some(place)) => earlier.place = Some(place),
        (Some(a), Some(b))
            if b.precision < a.precision || (detailed && b.precision <= a.precision) =>
        {
            earlier.place = Some(b)
        }
        _ => {}
    }
    // Each count keeps the words of the report it was taken from.
    if more(later.killed, earlier.killed) {
        earlier.evidence.fatalities = later.evidence.fatalities.clone();
    }
    if more(later.injured, earlier.injured) {
        earlier.evidence.injured = later.evidence.injured.clone();
    }
    if more(later.hit, earlier.hit) {
        earlier.hit_at = later.hit_at.clone();
    }
    earlier.hit = max_count(earlier.hit, later.hit);
    earlier.someone_died |= later.someone_died;
    earlier.someone_hurt |= later.someone_hurt;
    earlier.killed = max_count(earlier.killed, later.killed);
    earlier.injured = max_count(earlier.injured, later.injured);
    earlier.evidence.sentences.extend(&later.evidence.sentences);
    earlier.more_tokens.extend(later.tokens.iter().cloned());
    earlier.more_tokens.extend(later.more_tokens);
    earlier.retold.push((later.tokens, later.classified));
    earlier.last_sentence = later.last_sentence;
    earlier.last_end = later.last_end;
}

/// Whether `max_count(a, b)` would take `b`'s figure over `a`'s.
pub(super) fn more(b: Option<Count>, a: Option<Count>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => b.best > a.best,
        (None, b) => b.is_some(),
        (Some(_), None) => false,
    }
}

pub(super) fn max_count(a: Option<Count>, b: Option<Count>) -> Option<Count> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.best > a.best { b } else { a }),
        (a, b) => a.or(b),
    }
}
