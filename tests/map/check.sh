#!/usr/bin/env bash
# The map in a real browser: `geochron map` writes the page of the example articles' events,
# and headless Chromium (Debian's package) opens it through playwright-core (from npm), which
# checks that every point and the timeline render, that the timeline filters the points and a
# point opens its popup, takes a screenshot, and fails if the page requested anything at all
# from the network. Installs what it needs into target/map-check/ (CI runs on a clean clone).
#
#   bash tests/map/check.sh        (after `cargo build`; .ci/run runs it after the tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=target/map-check
mkdir -p "$work"
geochron=target/debug/geochron
[ -x "$geochron" ] || cargo build --locked --bin geochron

if ! command -v chromium >/dev/null; then
    echo "map check: installing chromium (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d "$work/node_modules/playwright-core" ]; then
    echo "map check: installing playwright-core (npm)"
    (cd "$work" && npm install --no-save --no-audit --no-fund --silent playwright-core@1.65.1 >/dev/null)
fi

store="$work/store.db"
rm -rf "$store"
"$geochron" --db "$store" ingest examples/articles >/dev/null
"$geochron" --db "$store" map 'events' -o "$work/map.html"
# The events the page must draw: those of the same query with coordinates, as the GeoJSON export counts them.
placed=$("$geochron" --db "$store" export --format geojson 'events' |
    python3 -c 'import json, sys; print(sum(f["geometry"] is not None for f in json.load(sys.stdin)["features"]))')
NODE_PATH="$PWD/$work/node_modules" node tests/map/check.mjs "$work/map.html" "$work/map.png" "$placed"
