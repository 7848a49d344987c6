"""Extraction at scale: `geochron extract --jsonl` as the map step of a PySpark job over a
folder of JSON-lines articles, writing the Parquet layout of `geochron export --format
parquet` (Hive-partitioned by the month of each event's start, sorted by cell inside a month).

    spark-submit tools/spark_extract.py ARTICLES_DIR OUT_DIR [GEOCHRON_BINARY]
    python tools/spark_extract.py ARTICLES_DIR OUT_DIR    # local mode, with pyspark installed

Each partition of lines is piped through one `geochron extract --jsonl` process (the
extractor is pure: no store, the same answer on any machine), whose output lines come back in
input order, so each event keeps its article's publisher. Extraction alone links no reports,
so every event is its own happening (`happening_id` = `id`); ids are `ARTICLE-N`. The columns
the contract does not give (`summary`, `admin1`, `geo_precision`) are null.
"""

import json
import subprocess
import sys
from datetime import date

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

ACTOR = T.StructType([T.StructField("name", T.StringType(), False), T.StructField("role", T.StringType(), False)])
BBOX = T.StructType([T.StructField(n, T.DoubleType(), False) for n in ("xmin", "ymin", "xmax", "ymax")])
SCHEMA = T.StructType(
    [
        T.StructField("id", T.StringType(), False),
        T.StructField("happening_id", T.StringType(), False),
        T.StructField("article", T.StringType(), False),
        T.StructField("published", T.DateType(), True),
        T.StructField("source", T.StringType(), True),
        T.StructField("date_start", T.DateType(), False),
        T.StructField("date_end", T.DateType(), False),
        T.StructField("date_precision", T.StringType(), False),
        T.StructField("kind", T.StringType(), False),
        T.StructField("kind_top", T.StringType(), False),
        T.StructField("place", T.StringType(), True),
        T.StructField("country", T.StringType(), True),
        T.StructField("admin1", T.StringType(), True),
        T.StructField("lat", T.DoubleType(), True),
        T.StructField("lon", T.DoubleType(), True),
        T.StructField("geo_precision", T.StringType(), True),
        T.StructField("killed", T.LongType(), True),
        T.StructField("injured", T.LongType(), True),
        T.StructField("actors", T.ArrayType(ACTOR, True), False),
        T.StructField("summary", T.StringType(), True),
        T.StructField("cell", T.LongType(), True),
        T.StructField("geometry", T.BinaryType(), True),
        T.StructField("bbox", BBOX, True),
    ]
)


def quantise(value, low, high):
    t = min(max((value - low) / (high - low), 0.0), 1.0)
    return min(int(t * 4294967296.0), 0xFFFFFFFF)


def spread(v):
    x = v
    x = (x | (x << 16)) & 0x0000FFFF0000FFFF
    x = (x | (x << 8)) & 0x00FF00FF00FF00FF
    x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0F
    x = (x | (x << 2)) & 0x3333333333333333
    x = (x | (x << 1)) & 0x5555555555555555
    return x


def cell(lat, lon):
    """The store's Z-order cell (src/store/cell.rs) with its top bit flipped, as the layout."""
    z = spread(quantise(lon, -180.0, 180.0)) | (spread(quantise(lat, -90.0, 90.0)) << 1)
    return z - (1 << 63)


def wkb(lon, lat):
    import struct

    return struct.pack("<BIdd", 1, 1, lon, lat)


def day(text):
    return date.fromisoformat(text[:10]) if text else None


def extract_partition(lines, binary):
    """One `extract --jsonl` process for a partition's articles; yields layout rows."""
    lines = [line for line in lines if line.strip()]
    if not lines:
        return
    out = subprocess.run(
        [binary, "extract", "--jsonl", "--threads", "1"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for line, result in zip(lines, out):
        article = json.loads(line)
        extracted = json.loads(result)
        published = day(extracted.get("article", {}).get("published"))
        for n, event in enumerate(extracted.get("events", [])):
            place = event.get("place") or {}
            lat, lon = place.get("lat"), place.get("lon")
            located = lat is not None and lon is not None
            event_id = f"{article['id']}-{n}"
            yield (
                event_id,
                event_id,
                article["id"],
                published,
                article.get("source"),
                day(event["date"]["start"]),
                day(event["date"]["end"]),
                event["date"]["precision"],
                event["kind"],
                event["kind"].split(".")[0],
                place.get("name"),
                place.get("country"),
                None,
                lat,
                lon,
                None,
                event.get("fatalities"),
                event.get("injured"),
                [(a["name"], a["role"]) for a in event.get("actors", [])],
                None,
                cell(lat, lon) if located else None,
                bytearray(wkb(lon, lat)) if located else None,
                (lon, lat, lon, lat) if located else None,
            )


def main():
    articles, out = sys.argv[1], sys.argv[2]
    binary = sys.argv[3] if len(sys.argv) > 3 else "geochron"
    spark = SparkSession.builder.appName("geochron-extract").getOrCreate()
    lines = spark.sparkContext.textFile(articles)
    rows = lines.mapPartitions(lambda part: extract_partition(part, binary))
    events = spark.createDataFrame(rows, SCHEMA)
    (
        events.withColumn("year", F.year("date_start"))
        .withColumn("month", F.month("date_start"))
        .repartition("year", "month")
        .sortWithinPartitions(F.col("cell").asc_nulls_last(), "date_start", "id")
        .write.mode("overwrite")
        .partitionBy("year", "month")
        .parquet(out)
    )
    print(f"wrote {events.count()} events to {out}")
    spark.stop()


if __name__ == "__main__":
    main()
