//! Space cells: a point's position on a Z-order (Morton) curve, and the curve ranges that cover
//! a box or a circle. The store indexes events by [`cell_id`]; the query planner turns
//! `within bbox(…)` and `near … within …` into [`covering_bbox`] / [`covering_circle`] ranges,
//! scans them, and filters the events exactly ([`crate::gazetteer::lookup::distance_km`], on
//! the same sphere of [`EARTH_RADIUS_KM`]). Pure arithmetic: no storage here.
//!
//! Latitude and longitude are each quantised to 32 bits (about 4 mm of latitude, 9 mm of
//! longitude at the equator — far finer than the ~100 m a query needs) and their bits are
//! interleaved, longitude in the even bits. Every aligned quadtree square is then one contiguous
//! range of ids, which is what makes a covering a handful of ranges. Z-order rather than
//! Hilbert: the covering is the same quadtree walk, the id is a few shifts, and the ranges it
//! gives for small boxes are within a small factor of Hilbert's.

use std::ops::RangeInclusive;

use crate::gazetteer::lookup::EARTH_RADIUS_KM;

/// Bits per axis.
const AXIS_BITS: u32 = 32;

/// A latitude/longitude box in degrees. `west > east` means the box crosses the antimeridian
/// (it runs east from `west` to 180 and on from −180 to `east`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BBox {
    /// Southern edge, −90..=90.
    pub south: f64,
    /// Western edge, −180..=180.
    pub west: f64,
    /// Northern edge, −90..=90.
    pub north: f64,
    /// Eastern edge, −180..=180.
    pub east: f64,
}

impl BBox {
    /// Whether the point lies in the box (edges included), the antimeridian handled.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        let in_lat = self.south <= lat && lat <= self.north;
        let in_lon = if self.west <= self.east {
            self.west <= lon && lon <= self.east
        } else {
            self.west <= lon || lon <= self.east
        };
        in_lat && in_lon
    }
}

/// The cell of a point: its Z-order index. Out-of-range coordinates are clamped to the globe;
/// NaN counts as the lowest value.
pub fn cell_id(lat: f64, lon: f64) -> u64 {
    interleave(quantise(lon, -180.0, 180.0), quantise(lat, -90.0, 90.0))
}

/// Ranges of cell ids that together contain every point of the box, at most `max_ranges` of
/// them (at least one is always allowed), sorted and disjoint. They may contain cells outside
/// the box too: callers filter exactly. A box crossing the antimeridian (`west > east`) is
/// handled; a box with `south > north` or a NaN edge is empty.
pub fn covering_bbox(
    south: f64,
    west: f64,
    north: f64,
    east: f64,
    max_ranges: usize,
) -> Vec<RangeInclusive<u64>> {
    if [south, west, north, east].iter().any(|v| v.is_nan()) || south > north {
        return Vec::new();
    }
    let lat = (quantise(south, -90.0, 90.0), quantise(north, -90.0, 90.0));
    let rects: Vec<Rect> = if west <= east {
        vec![Rect::new(
            (quantise(west, -180.0, 180.0), quantise(east, -180.0, 180.0)),
            lat,
        )]
    } else {
        vec![
            Rect::new((quantise(west, -180.0, 180.0), u32::MAX), lat),
            Rect::new((0, quantise(east, -180.0, 180.0)), lat),
        ]
    };
    cover(&rects, max_ranges.max(1))
}

/// The box around a circle of `radius_km` around a point: exact on the sphere, crossing the
/// antimeridian when the circle does, and spanning all longitudes when a pole lies inside.
pub fn circle_bbox(lat: f64, lon: f64, radius_km: f64) -> BBox {
    let whole = BBox {
        south: -90.0,
        west: -180.0,
        north: 90.0,
        east: 180.0,
    };
    let angle = radius_km.max(0.0) / EARTH_RADIUS_KM;
    if angle.is_nan() || lat.is_nan() || lon.is_nan() || angle >= std::f64::consts::PI {
        return whole;
    }
    let lat = lat.clamp(-90.0, 90.0);
    let angle_deg = angle.to_degrees();
    let south = lat - angle_deg;
    let north = lat + angle_deg;
    if north >= 90.0 || south <= -90.0 {
        return BBox {
            south: south.max(-90.0),
            north: north.min(90.0),
            ..whole
        };
    }
    let half_width = (angle.sin() / lat.to_radians().cos())
        .clamp(-1.0, 1.0)
        .asin()
        .to_degrees();
    let lon = lon.clamp(-180.0, 180.0);
    let mut west = lon - half_width;
    let mut east = lon + half_width;
    if west < -180.0 {
        west += 360.0;
    }
    if east > 180.0 {
        east -= 360.0;
    }
    BBox {
        south,
        west,
        north,
        east,
    }
}

/// Ranges of cell ids covering every point within `radius_km` of a point (see [`circle_bbox`]
/// and [`covering_bbox`]).
pub fn covering_circle(
    lat: f64,
    lon: f64,
    radius_km: f64,
    max_ranges: usize,
) -> Vec<RangeInclusive<u64>> {
    let b = circle_bbox(lat, lon, radius_km);
    covering_bbox(b.south, b.west, b.north, b.east, max_ranges)
}

/// Maps `value` in `[min, max]` onto `0..=u32::MAX`, monotonically.
fn quantise(value: f64, min: f64, max: f64) -> u32 {
    let t = ((value - min) / (max - min)).clamp(0.0, 1.0);
    // `as` saturates and sends NaN to 0, so this cannot overflow.
    let scaled = (t * 4_294_967_296.0) as u64;
    u32::try_from(scaled).unwrap_or(u32::MAX)
}

/// Spreads the 32 bits of `v` into the even bits of a u64.
fn spread(v: u32) -> u64 {
    let mut x = u64::from(v);
    x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
    x = (x | (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
    x = (x | (x << 2)) & 0x3333_3333_3333_3333;
    x = (x | (x << 1)) & 0x5555_5555_5555_5555;
    x
}

/// The Morton code of quantised (x, y): x in the even bits, y in the odd ones.
fn interleave(x: u32, y: u32) -> u64 {
    spread(x) | (spread(y) << 1)
}

/// An inclusive rectangle of quantised coordinates.
#[derive(Clone, Copy, Debug)]
struct Rect {
    x: (u32, u32),
    y: (u32, u32),
}

impl Rect {
    fn new(x: (u32, u32), y: (u32, u32)) -> Rect {
        Rect { x, y }
    }
}

/// An aligned quadtree square: at `level` the plane is cut into `2^level × 2^level` squares.
#[derive(Clone, Copy, Debug)]
struct Square {
    level: u32,
    cx: u64,
    cy: u64,
}

impl Square {
    /// The quantised x (or y) interval of cell coordinate `c` at this level.
    fn span(&self, c: u64) -> (u64, u64) {
        let shift = AXIS_BITS - self.level;
        (c << shift, ((c + 1) << shift) - 1)
    }

    /// The square's ids: the Morton code of its corner with all lower bits free.
    fn ids(&self) -> RangeInclusive<u64> {
        let free_bits = 2 * (AXIS_BITS - self.level);
        if free_bits >= 64 {
            return 0..=u64::MAX;
        }
        // cx, cy < 2^level ≤ 2^32 here, so they fit in u32.
        let corner = interleave(
            u32::try_from(self.cx).unwrap_or(u32::MAX),
            u32::try_from(self.cy).unwrap_or(u32::MAX),
        ) << free_bits;
        corner..=corner | ((1u64 << free_bits) - 1)
    }

    fn children(&self) -> [Square; 4] {
        let level = self.level + 1;
        let (cx, cy) = (self.cx * 2, self.cy * 2);
        [
            Square { level, cx, cy },
            Square {
                level,
                cx: cx + 1,
                cy,
            },
            Square {
                level,
                cx,
                cy: cy + 1,
            },
            Square {
                level,
                cx: cx + 1,
                cy: cy + 1,
            },
        ]
    }

    fn relation(&self, rects: &[Rect]) -> Relation {
        let (x0, x1) = self.span(self.cx);
        let (y0, y1) = self.span(self.cy);
        let mut relation = Relation::Outside;
        for r in rects {
            let (rx0, rx1) = (u64::from(r.x.0), u64::from(r.x.1));
            let (ry0, ry1) = (u64::from(r.y.0), u64::from(r.y.1));
            if x1 < rx0 || rx1 < x0 || y1 < ry0 || ry1 < y0 {
                continue;
            }
            if rx0 <= x0 && x1 <= rx1 && ry0 <= y0 && y1 <= ry1 {
                return Relation::Inside;
            }
            relation = Relation::Partial;
        }
        relation
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relation {
    Inside,
    Partial,
    Outside,
}

/// Walks the quadtree down from the whole plane, splitting squares the rectangles cut, for as
/// long as the (merged) ranges stay within `max_ranges`.
fn cover(rects: &[Rect], max_ranges: usize) -> Vec<RangeInclusive<u64>> {
    let root = Square {
        level: 0,
        cx: 0,
        cy: 0,
    };
    let mut inside: Vec<RangeInclusive<u64>> = Vec::new();
    let mut partial = match root.relation(rects) {
        Relation::Outside => return Vec::new(),
        Relation::Inside => return vec![root.ids()],
        Relation::Partial => vec![root],
    };
    while partial.first().is_some_and(|s| s.level < AXIS_BITS) {
        let mut next_inside = inside.clone();
        let mut next_partial = Vec::new();
        for child in partial.iter().flat_map(Square::children) {
            match child.relation(rects) {
                Relation::Inside => next_inside.push(child.ids()),
                Relation::Partial => next_partial.push(child),
                Relation::Outside => {}
            }
        }
        // Cut squares are what the next level splits; bound them as well as the ranges.
        let candidate = merged(&next_inside, &next_partial);
        if candidate.len() > max_ranges || next_partial.len() > 4 * max_ranges + 64 {
            break;
        }
        inside = merge_adjacent(next_inside);
        partial = next_partial;
        if partial.is_empty() {
            return candidate;
        }
    }
    let mut ranges = merged(&inside, &partial);
    shrink_to(&mut ranges, max_ranges);
    ranges
}

/// The inside ranges and the partial squares' ranges, sorted and merged.
fn merged(inside: &[RangeInclusive<u64>], partial: &[Square]) -> Vec<RangeInclusive<u64>> {
    let mut all: Vec<RangeInclusive<u64>> = inside.to_vec();
    all.extend(partial.iter().map(Square::ids));
    merge_adjacent(all)
}

/// Sorts ranges and joins those that touch or overlap.
fn merge_adjacent(mut ranges: Vec<RangeInclusive<u64>>) -> Vec<RangeInclusive<u64>> {
    ranges.sort_by_key(|r| *r.start());
    let mut out: Vec<RangeInclusive<u64>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start().saturating_sub(1) <= *last.end() => {
                let end = (*last.end()).max(*r.end());
                *last = *last.start()..=end;
            }
            _ => out.push(r),
        }
    }
    out
}

/// Joins the ranges with the smallest gaps until at most `max` remain. Only reached when the
/// first split already gives more ranges than allowed.
fn shrink_to(ranges: &mut Vec<RangeInclusive<u64>>, max: usize) {
    while ranges.len() > max.max(1) {
        let smallest_gap = ranges
            .windows(2)
            .enumerate()
            .min_by_key(|(_, w)| match w {
                [a, b] => b.start() - a.end(),
                _ => u64::MAX,
            })
            .map(|(i, _)| i);
        let Some(i) = smallest_gap else { return };
        let next = ranges.remove(i + 1);
        if let Some(r) = ranges.get_mut(i) {
            *r = *r.start()..=*next.end();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::lookup::distance_km;
    use proptest::prelude::*;

    fn covered(ranges: &[RangeInclusive<u64>], id: u64) -> bool {
        ranges.iter().any(|r| r.contains(&id))
    }

    #[test]
    fn ids_keep_quadrant_order() {
        assert_eq!(cell_id(-90.0, -180.0), 0);
        assert_eq!(cell_id(90.0, 180.0), u64::MAX);
        assert!(cell_id(-1.0, -1.0) < cell_id(-1.0, 1.0));
        assert!(cell_id(-1.0, 1.0) < cell_id(1.0, -1.0));
        assert_eq!(cell_id(f64::NAN, f64::NAN), 0);
    }

    #[test]
    fn small_boxes_need_few_ranges_and_stay_tight() {
        // About 1 km around Mosul.
        let ranges = covering_bbox(36.33, 43.11, 36.34, 43.12, 8);
        assert!(!ranges.is_empty() && ranges.len() <= 8, "{ranges:?}");
        let cells: u128 = ranges
            .iter()
            .map(|r| u128::from(r.end() - r.start()) + 1)
            .sum();
        // The box is about 0.01° × 0.01° of 360° × 180°: 1 / 648 000 000 of all 2^64 ids.
        let box_cells = (1u128 << 64) / 648_000_000;
        assert!(cells < box_cells * 64, "{cells} ids cover {box_cells}");
        // Straddling the equator and the prime meridian splits the curve four ways.
        assert!(covering_bbox(-0.01, -0.01, 0.01, 0.01, 4).len() <= 4);
    }

    #[test]
    fn boxes_at_the_edges_of_the_world() {
        let across = covering_bbox(-10.0, 170.0, 10.0, -170.0, 16);
        assert!(covered(&across, cell_id(0.0, 179.9)));
        assert!(covered(&across, cell_id(0.0, -179.9)));
        assert!(!covered(&across, cell_id(0.0, 0.0)));
        assert_eq!(
            covering_bbox(-90.0, -180.0, 90.0, 180.0, 1),
            vec![0..=u64::MAX]
        );
        assert!(covering_bbox(10.0, 0.0, -10.0, 1.0, 8).is_empty());
        assert!(covering_bbox(f64::NAN, 0.0, 1.0, 1.0, 8).is_empty());
    }

    #[test]
    fn circles_reach_over_the_pole_and_the_antimeridian() {
        let polar = circle_bbox(89.0, 10.0, 500.0);
        assert_eq!((polar.west, polar.east, polar.north), (-180.0, 180.0, 90.0));
        let fiji = circle_bbox(-17.7, 179.5, 200.0);
        assert!(fiji.west > fiji.east);
        assert!(fiji.contains(-17.7, -179.5));
        assert!(covered(
            &covering_circle(-17.7, 179.5, 200.0, 16),
            cell_id(-17.7, -179.5)
        ));
    }

    proptest! {
        #[test]
        fn every_point_in_a_box_is_covered(
            south in -90.0f64..90.0,
            height in 0.0f64..20.0,
            west in -180.0f64..180.0,
            width in 0.0f64..40.0,
            (ty, tx) in (0.0f64..=1.0, 0.0f64..=1.0),
            max_ranges in 1usize..32,
        ) {
            let north = (south + height).min(90.0);
            let east_unwrapped = west + width;
            let east = if east_unwrapped > 180.0 { east_unwrapped - 360.0 } else { east_unwrapped };
            let ranges = covering_bbox(south, west, north, east, max_ranges);
            prop_assert!(!ranges.is_empty() && ranges.len() <= max_ranges);
            let lat = south + (north - south) * ty;
            let mut lon = west + width * tx;
            if lon > 180.0 { lon -= 360.0; }
            prop_assert!(covered(&ranges, cell_id(lat, lon)), "{lat},{lon} not in {ranges:?}");
        }

        #[test]
        fn every_point_in_a_circle_is_covered(
            lat in -89.0f64..89.0,
            lon in -180.0f64..180.0,
            radius in 0.1f64..2000.0,
            bearing in 0.0f64..360.0,
            fraction in 0.0f64..=1.0,
        ) {
            // Walk `fraction` of the radius along `bearing` (a great circle).
            let d = radius * fraction / EARTH_RADIUS_KM;
            let (p1, l1, b) = (lat.to_radians(), lon.to_radians(), bearing.to_radians());
            let p2 = (p1.sin() * d.cos() + p1.cos() * d.sin() * b.cos()).asin();
            let l2 = l1 + (b.sin() * d.sin() * p1.cos()).atan2(d.cos() - p1.sin() * p2.sin());
            let (plat, mut plon) = (p2.to_degrees(), l2.to_degrees());
            plon = (plon + 540.0).rem_euclid(360.0) - 180.0;
            prop_assume!(distance_km(lat, lon, plat, plon) <= radius * 0.999);
            prop_assert!(circle_bbox(lat, lon, radius).contains(plat, plon));
            let ranges = covering_circle(lat, lon, radius, 16);
            prop_assert!(covered(&ranges, cell_id(plat, plon)));
        }
    }
}
