// Generates data/world_110m.json, the world outline `geochron map` draws under its points:
// Natural Earth's 1:110m land and the borders between countries (public domain), from the
// npm package world-atlas (Natural Earth 4.1.0 as TopoJSON), turned into lines with
// topojson-client.
//
//   cd tools && npm install --no-save world-atlas@2.0.2 topojson-client@3.1.0
//   node gen_world.mjs > ../data/world_110m.json
//
// The file is compact: each ring or line is one flat array of integers, longitude and latitude
// in hundredths of a degree, the first point absolute and each later one the step from the one
// before (so most numbers are one or two digits). src/output/map.js decodes it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature, mesh } from "topojson-client";

const require = createRequire(import.meta.url);
const read = (name) => JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), "utf8"));

/** One line of [lon, lat] points as deltas of hundredths of a degree; repeated points dropped. */
function encode(points) {
  const flat = [];
  let [px, py] = [0, 0];
  for (const [lon, lat] of points) {
    const [x, y] = [Math.round(lon * 100), Math.round(lat * 100)];
    if (flat.length > 0 && x === px && y === py) continue;
    flat.push(x - px, y - py);
    [px, py] = [x, y];
  }
  return flat;
}

/**
 * A ring cut where it crosses the antimeridian (a step of more than 180° of longitude, which
 * drawn flat would be a line across the whole map): each piece is a ring of its own, closed
 * along the ±180° edge. The ring's last piece continues its first when the ring closes
 * without crossing.
 */
function cutAtAntimeridian(ring) {
  const pieces = [[]];
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i];
    const previous = ring[i - 1];
    if (previous && Math.abs(lon - previous[0]) > 180) {
      const edge = previous[0] > 0 ? 180 : -180;
      const crossing = (previous[1] + lat) / 2;
      pieces[pieces.length - 1].push([edge, crossing]);
      pieces.push([[-edge, crossing]]);
    }
    pieces[pieces.length - 1].push([lon, lat]);
  }
  if (pieces.length > 1) {
    const last = pieces.pop();
    pieces[0] = last.concat(pieces[0]);
  }
  return pieces;
}

const land = read("land-110m.json");
const rings = [];
for (const polygon of feature(land, land.objects.land).features.flatMap((f) =>
  f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates,
)) {
  for (const ring of polygon) {
    for (const piece of cutAtAntimeridian(ring)) rings.push(encode(piece));
  }
}

const countries = read("countries-110m.json");
const borders = mesh(countries, countries.objects.countries, (a, b) => a !== b)
  .coordinates.map(encode);

process.stdout.write(
  JSON.stringify({
    source: "Natural Earth 1:110m land and admin-0 boundaries, version 4.1.0 (public domain), via world-atlas 2.0.2",
    scale: 100,
    land: rings,
    borders,
  }) + "\n",
);
