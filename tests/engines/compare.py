"""Runs the compiled SQL of an answers file (tests/engines/answers.rs) on DuckDB or Spark and
compares every result with geochron's own, row for row: event ids and columns, groups and
counts, timeline units. Rows of a query without a `sort` are compared as a multiset.

    python compare.py duckdb ANSWERS.json [ANSWERS.json ...]
    python compare.py spark ANSWERS.json [ANSWERS.json ...]

Prints one line per mismatch and a closing `N passed, N failed`; exits 1 on any mismatch.
"""

import datetime
import json
import math
import sys
import time


def normalised(value):
    """A value as geochron's JSON shows it: dates as text, lists as lists."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (list, tuple)):
        return [normalised(v) for v in value]
    if hasattr(value, "__fields__") and not isinstance(value, str):  # a Spark Row
        return [normalised(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value
    return value


def same(a, b):
    """Equal, floats within a millionth (the engines' sin and cos are not Rust's)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def sort_key(row):
    return json.dumps(
        [round(v, 4) if isinstance(v, float) else v for v in row], default=str
    )


def compare(entry, rows):
    """None when the engine's rows are geochron's, else what differs."""
    want = entry["rows"]
    got = [[normalised(v) for v in row] for row in rows]
    if not entry["ordered"]:
        want, got = sorted(want, key=sort_key), sorted(got, key=sort_key)
    if len(want) != len(got):
        return f"geochron gave {len(want)} rows, the engine {len(got)}"
    for i, (w, g) in enumerate(zip(want, got)):
        if not same(w, g):
            return f"row {i}: geochron {w!r}, engine {g!r}"
    return None


class DuckDb:
    name = "duckdb"

    def __init__(self):
        import duckdb

        self.connection = duckdb.connect()

    def rows(self, sql):
        return self.connection.sql(sql).fetchall()


class Spark:
    name = "spark"

    def __init__(self):
        from pyspark.sql import SparkSession

        self.session = (
            SparkSession.builder.master("local[2]")
            .appName("geochron-engine-check")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate()
        )
        self.session.sparkContext.setLogLevel("ERROR")

    def rows(self, sql):
        return [tuple(row) for row in self.session.sql(sql).collect()]


def main():
    engine = {"duckdb": DuckDb, "spark": Spark}[sys.argv[1]]()
    passed = failed = refused = 0
    started = time.time()
    for path in sys.argv[2:]:
        with open(path) as f:
            entries = json.load(f)
        for entry in entries:
            where = f"{entry['file']}:{entry['line']}: {entry['query']}"
            if "sql" not in entry:
                refused += 1
                continue
            try:
                problem = compare(entry, engine.rows(entry["sql"][engine.name]))
            except Exception as error:  # an engine error is a failure, with its text
                problem = f"{type(error).__name__}: {error}"
            if problem:
                failed += 1
                print(f"MISMATCH {where}\n  {problem}\n  SQL:\n{entry['sql'][engine.name]}")
            else:
                passed += 1
    seconds = time.time() - started
    print(
        f"{engine.name}: {passed} queries equal to geochron's answers, {failed} differ, "
        f"{refused} do not compile (refused with an error); {seconds:.1f} s"
    )
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
