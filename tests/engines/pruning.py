"""DuckDB reads only what the layout lets it skip to: a one-month query opens one partition,
and a 100 km query reads fewer row groups than the folder has. Reads the counts from DuckDB's
own profile of `EXPLAIN ANALYZE` (`Total Files Read`, `row_groups_scanned`).

    python pruning.py GEOCHRON STORE PARQUET_DIR
"""

import json
import subprocess
import sys

import duckdb


def compiled(geochron, store, parquet, query):
    out = subprocess.run(
        [geochron, "--db", store, "explain", "sql", "--dialect", "duckdb", "--parquet", parquet, query],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def scans(profile):
    """Every table scan of a profile tree."""
    stack = list(profile.get("operator", profile.get("children", [])))
    while stack:
        node = stack.pop()
        if node.get("type") == "TABLE_SCAN":
            yield node
        stack.extend(node.get("children", []))


def measured(connection, sql):
    connection.sql("PRAGMA enable_profiling = 'json'")
    rows = connection.sql("EXPLAIN ANALYZE " + sql.rstrip().rstrip(";")).fetchall()
    connection.sql("PRAGMA disable_profiling")
    profile = json.loads(rows[0][1])
    scan = next(scans(profile))
    info = scan.get("extra_info", {})
    return {
        "files": int(info.get("Total Files Read", "0")),
        "scanning": info.get("Scanning Files", "?"),
        "row_groups": int(scan.get("row_groups_scanned", -1)),
        "of_row_groups": int(scan.get("total_row_groups_to_scan", -1)),
    }


def main():
    geochron, store, parquet = sys.argv[1:4]
    connection = duckdb.connect()
    total_files = connection.sql(
        f"SELECT count(DISTINCT file_name) FROM parquet_metadata('{parquet}/*/*/*.parquet')"
    ).fetchall()[0][0]
    total_groups = connection.sql(
        f"SELECT count(*) FROM (SELECT DISTINCT file_name, row_group_id FROM parquet_metadata('{parquet}/*/*/*.parquet'))"
    ).fetchall()[0][0]
    checks = [
        ("one month", "events where date in 2015-03", lambda m: m["files"] == 1),
        (
            "100 km and one month",
            'events where near "Baghdad" within 100 km and date in 2015-03',
            lambda m: m["files"] == 1 and m["row_groups"] < m["of_row_groups"],
        ),
        (
            "100 km",
            'events where near "Baghdad" within 100 km',
            lambda m: 0 < m["row_groups"] < total_groups,
        ),
    ]
    passed = failed = 0
    for name, query, ok in checks:
        m = measured(connection, compiled(geochron, store, parquet, query))
        verdict = "ok" if ok(m) else "FAILED"
        print(
            f"pruning, {name} ({query}): {m['files']} of {total_files} files "
            f"(DuckDB: scanning {m['scanning']}), {m['row_groups']} row groups read "
            f"of {m['of_row_groups']} in the files opened ({total_groups} in all): {verdict}"
        )
        passed, failed = (passed + 1, failed) if verdict == "ok" else (passed, failed + 1)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
