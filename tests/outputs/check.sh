#!/usr/bin/env bash
# The outputs as their readers consume them: the example articles' events exported as CSV,
# JSON lines, JSON and GeoJSON (and places as GeoJSON) are read by pandas, DuckDB and GDAL
# (through pyogrio, whose wheel carries GDAL), and tests/outputs/check.py checks the types
# and shapes those readers see. Installs its readers from PyPI into target/outputs/venv
# (CI runs on a clean clone); run by .ci/run after `cargo test` built the binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=target/outputs
mkdir -p "$work"
venv="$work/venv"
packages=(duckdb==2.0.1 pandas==3.1.1 pyogrio==0.13.0)
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import duckdb, pandas, pyogrio' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"
fi
geochron=target/debug/geochron
[ -x "$geochron" ] || cargo build --locked --quiet --bin geochron

store="$work/store.db"
rm -rf "$store"
"$geochron" --db "$store" ingest examples/articles examples/jsonl >/dev/null
g() { "$geochron" --db "$store" "$@"; }
g export --format csv >"$work/events.csv"
g export >"$work/events.ndjson"
g query 'events' --format json >"$work/events.json"
g query 'events | select kind, date, confidence, actor | limit 5' --format json >"$work/select.json"
g query 'events | select kind, date, confidence, actor | limit 5' --format csv >"$work/select.csv"
g export --format geojson >"$work/events.geojson"
g query 'events where country = IQ | select date, kind, killed' --format geojson >"$work/select.geojson"
g query 'places where name ~ "kirk"' --format geojson >"$work/places.geojson"
g query 'events | count by date, country' --format csv >"$work/counts.csv"
g stats | awk '$1 == "events" { print $2; exit }' >"$work/events.txt"
"$venv/bin/python" tests/outputs/check.py "$work"
