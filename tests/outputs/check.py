"""The exports as pandas, DuckDB and GDAL read them (tests/outputs/check.sh writes them).

python check.py DIR: DIR holds events.csv, events.ndjson, events.json, select.json, select.csv,
events.geojson, select.geojson, places.geojson, counts.csv and events.txt (the store's event count).
"""

import json
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyogrio

work = Path(sys.argv[1])
passed, failed = 0, []


def check(ok, what):
    global passed
    print(("ok   " if ok else "FAIL ") + what)
    if ok:
        passed += 1
    else:
        failed.append(what)


events_total = int(work.joinpath("events.txt").read_text())
WHOLE = [
    "id", "start", "end", "precision", "kind", "status", "place", "geo_precision", "country", "admin1",
    "lat", "lon", "killed", "injured", "actors", "summary", "article", "published", "source",
    "sources", "confidence",
]
GEO_PRECISIONS = {"point", "city", "district", "admin1", "country", "region"}

# pandas: CSV with real date columns, numbers as numbers.
csv = pd.read_csv(work / "events.csv", parse_dates=["start", "end", "published"])
check(list(csv.columns) == WHOLE, f"csv columns are the whole event: {list(csv.columns)}")
check(len(csv) == events_total, f"csv has every event ({len(csv)} of {events_total})")
check(str(csv["start"].dtype).startswith("datetime64") and str(csv["end"].dtype).startswith("datetime64"),
      f"pandas reads start and end as dates ({csv['start'].dtype}, {csv['end'].dtype})")
check(bool((csv["end"] >= csv["start"]).all()), "every end is on or after its start")
check(csv["lat"].dtype == "float64" and csv["lon"].dtype == "float64", "lat and lon are floats")
check(csv["killed"].dtype.kind in "fi", f"killed is a number ({csv['killed'].dtype})")
check(set(csv["geo_precision"].dropna()) <= GEO_PRECISIONS and csv["geo_precision"].notna().any(),
      f"geo_precision names a precision: {sorted(set(csv['geo_precision'].dropna()))}")
check(csv["admin1"].notna().any(), "admin1 is given")
raw = (work / "events.csv").read_text()
check("0000000" not in raw and "9999999" not in raw, "floats print as written (no binary tails)")
check(bool(pd.to_datetime(csv["start"]).notna().all()), "pd.to_datetime reads every start")

# pandas: JSON lines and JSON, one shape per field.
lines = pd.read_json(work / "events.ndjson", lines=True)
check(list(lines.columns) == WHOLE, "ndjson has the same columns as the csv")
check(len(lines) == events_total, "ndjson has every event")
array = json.loads((work / "events.json").read_text())
check(list(array[0].keys()) == WHOLE, "json objects keep the column order")
check(all(isinstance(a, dict) and set(a) == {"name", "role"} for e in array for a in e["actors"]),
      "actors carry their roles")
selected = json.loads((work / "select.json").read_text())
check(all(list(o.keys()) == ["kind", "start", "end", "confidence", "actors"] for o in selected),
      f"select keeps its order, a date as start and end: {list(selected[0].keys())}")
whole_by_kind = {(e["kind"], e["start"], e["end"]) for e in array}
check(all((o["kind"], o["start"], o["end"]) in whole_by_kind for o in selected),
      "a selected date has the whole event's shape")
check(all(len(repr(o["confidence"])) <= 5 for o in selected),
      f"confidence as written: {[o['confidence'] for o in selected]}")
select_csv = pd.read_csv(work / "select.csv", parse_dates=["start", "end"])
check(list(select_csv.columns) == ["kind", "start", "end", "confidence", "actors"],
      "the selected csv has the same columns as the selected json")

# DuckDB: its readers infer dates, doubles and a list of structs.
con = duckdb.connect()
types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_csv('{work / 'events.csv'}')").fetchall()}
check(types.get("start") == "DATE" and types.get("end") == "DATE", f"DuckDB reads csv dates as DATE ({types.get('start')})")
check(types.get("lat") == "DOUBLE" and types.get("lon") == "DOUBLE", "DuckDB reads lat, lon as DOUBLE")
check(types.get("killed") in ("BIGINT", "INTEGER"), f"DuckDB reads killed as a number ({types.get('killed')})")
json_types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_json('{work / 'events.ndjson'}')").fetchall()}
check(json_types.get("start") == "DATE", f"DuckDB reads ndjson start as DATE ({json_types.get('start')})")
check(json_types.get("actors", "").startswith("STRUCT(") and json_types["actors"].endswith("[]"),
      f"DuckDB reads actors as a list of structs ({json_types.get('actors')})")
check(json_types.get("confidence") == "DOUBLE", "DuckDB reads confidence as DOUBLE")
count = con.execute(f"SELECT count(*) FROM read_json('{work / 'events.ndjson'}') WHERE \"end\" >= start").fetchone()[0]
check(count == events_total, "DuckDB compares the dates as dates")
counts = con.execute(f"DESCRIBE SELECT * FROM read_csv('{work / 'counts.csv'}')").fetchall()
check([r[0] for r in counts] == ["start", "end", "country", "count"] and counts[0][1] == "DATE",
      f"a count by date has date columns: {[(r[0], r[1]) for r in counts]}")

# GDAL: the GeoJSON opens as a layer of points with the event's fields.
info = pyogrio.read_info(work / "events.geojson")
fields = list(info["fields"])
check(info["features"] == events_total, f"GDAL reads every event ({info['features']})")
check(info["geometry_type"] in ("Point", "Unknown"), f"the geometry is points ({info['geometry_type']})")
check("4326" in str(info["crs"]), f"in WGS 84 ({info['crs']})")
for name in ("admin1", "published", "source", "geo_precision", "actors", "start", "end", "killed"):
    check(name in fields, f"GDAL sees the field {name}")
geojson = json.loads((work / "events.geojson").read_text())
check(all(isinstance(a, dict) and "role" in a for f in geojson["features"] for a in f["properties"]["actors"]),
      "GeoJSON actors carry their roles")
_, _, geometry, values = pyogrio.raw.read(work / "events.geojson")
check(len(geometry) == events_total, "GDAL reads a geometry (or none) per event")
selected_info = pyogrio.read_info(work / "select.geojson")
# GDAL shows a feature's string `id` member as a field of its own, first.
check(list(selected_info["fields"]) == ["id", "start", "end", "kind", "killed"],
      f"GeoJSON honours select: {list(selected_info['fields'])}")
places = pyogrio.read_info(work / "places.geojson")
check(places["features"] > 0 and "geo_precision" in list(places["fields"]),
      f"places export as GeoJSON ({places['features']} places, fields {list(places['fields'])})")

print(f"outputs: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
