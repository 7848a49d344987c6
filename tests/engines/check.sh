#!/usr/bin/env bash
# The engine check: geochron's own answers against the compiled SQL run on a real engine.
#
#   bash tests/engines/check.sh            DuckDB (what .ci/run runs; a few minutes)
#   bash tests/engines/check.sh spark      PySpark in local mode (needs Java 17; slower)
#
# It makes its own Python virtual environment under target/engines/ and installs the engine
# from PyPI; builds the debug binaries `cargo test` already built; ingests the examples
# (examples/articles, examples/jsonl and tests/engines/linked.jsonl, two reports of one raid)
# and generates a store of 100,000 events with the benchmark's direct generator; exports both
# as Parquet; then runs every events query of the benchmark mix, of examples/queries/tour.gq,
# of tests/engines/queries.gq and of the query golden files through the engine and compares
# each result with geochron's, row for row. With DuckDB it also checks pruning: a one-month
# query reads one partition, and a 100 km query skips row groups.
#
# GEOCHRON_ENGINES_REUSE=1 keeps the stores, exports and answers of an earlier run.
# Nothing here needs ../shared.
set -euo pipefail
cd "$(dirname "$0")/../.."
engine="${1:-duckdb}"
work=target/engines
mkdir -p "$work"
started=$(date +%s)

venv="$work/venv-$engine"
case "$engine" in
duckdb) package="duckdb==2.0.1" ;;
spark) package="pyspark==4.0.1" ;;
*) echo "unknown engine $engine (duckdb or spark)" >&2; exit 2 ;;
esac
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/pip" show -q "${package%%==*}" >/dev/null 2>&1; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$package"
fi

cargo build --locked --quiet --bin geochron --example engine_answers
geochron=target/debug/geochron
answers=target/debug/examples/engine_answers

queries=("$work/mix.gq" examples/queries/tour.gq tests/engines/queries.gq tests/golden/plan/*.gq tests/golden/result/*.gq tests/golden/parse/*.gq)
if [ "${GEOCHRON_ENGINES_REUSE:-}" != 1 ] || [ ! -f "$work/generated-answers.json" ]; then
    rm -rf "$work/examples.db" "$work/examples.parquet" "$work/generated.db" "$work/generated.parquet"
    "$geochron" --db "$work/examples.db" ingest examples/articles examples/jsonl tests/engines/linked.jsonl
    "$geochron" --db "$work/examples.db" export --format parquet "$work/examples.parquet"
    "$answers" generate --out "$work/generated.db" --events 100000 --queries "$work/mix.gq"
    # About 400 events a month: row groups of 100 rows give each month several, as 100,000
    # rows do at GDELT's scale, so the 100 km check below has something to skip.
    "$geochron" --db "$work/generated.db" export --format parquet "$work/generated.parquet" --row-group-rows 100
    "$answers" answers --db "$work/examples.db" --parquet "$work/examples.parquet" \
        --out "$work/examples-answers.json" "${queries[@]}"
    "$answers" answers --db "$work/generated.db" --parquet "$work/generated.parquet" \
        --out "$work/generated-answers.json" "${queries[@]}"
fi

"$venv/bin/python" tests/engines/compare.py "$engine" "$work/examples-answers.json" "$work/generated-answers.json"
if [ "$engine" = duckdb ]; then
    "$venv/bin/python" tests/engines/pruning.py "$geochron" "$work/generated.db" "$work/generated.parquet"
fi
echo "engine check ($engine) took $(( $(date +%s) - started )) s"
