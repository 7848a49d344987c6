#!/usr/bin/env python3
"""Writes a synthetic GeoNames dump of N rows (the 19-column allCountries format) to stdout,
for measuring `geochron gazetteer import` and the lookups after it without downloading
anything. Deterministic: the same N gives the same bytes.

    python3 tools/gen_geonames_dump.py 12000000 > /tmp/allCountries.txt
    geochron --db /tmp/big.db gazetteer import /tmp/allCountries.txt
    geochron --db /tmp/big.db query 'places where name = "Vorthel Springs" | limit 5'

The shape follows allCountries where it matters for the store: about a third of the rows carry
alternate names (two to five, some only differing in case or accents, as GeoNames' do), a
feature class mix of populated places, streams, hills and districts, populations skewed so few
places are large, and names that repeat: every 997th row is called "Vorthel Springs" (a name
thousands of places share, as "San Antonio" or "Springfield" do), and made-up names otherwise
(two syllable words, so they name no embedded place). Ids start at 90,000,000, above GeoNames'.
"""

import sys

SYLLABLES = [
    "vor", "thel", "qua", "zin", "mor", "kal", "dra", "pex", "lun", "tor", "syl", "ban",
    "rok", "mir", "gat", "hul", "wen", "fos", "jor", "nik", "plo", "xan", "yeb", "cur",
]
COUNTRIES = ["IQ", "SY", "US", "DE", "FR", "BR", "NG", "IN", "CN", "RU", "TR", "XK"]
FEATURES = [("P", "PPL"), ("P", "PPL"), ("H", "STM"), ("T", "HLL"), ("A", "ADM2"), ("S", "FRM")]


def word(i: int) -> str:
    """A made-up word for number i: three syllables picked by its digits in base 24."""
    n = len(SYLLABLES)
    return (SYLLABLES[i % n] + SYLLABLES[(i // n) % n] + SYLLABLES[(i // n // n) % n]).capitalize()


def row(i: int) -> str:
    geonameid = 90_000_000 + i
    if i % 997 == 0:
        name = "Vorthel Springs"
    else:
        name = f"{word(i)} {word(i // 7 + 13)}"
    alternates = []
    if i % 3 == 0:
        alternates = [name.upper(), f"{name} Fort", f"Ksar {word(i)}"][: 2 + i % 2]
        if i % 9 == 0:
            alternates += [f"{word(i)}ville", f"{word(i)}é {word(i // 7 + 13)}"]
    lat = (i * 7919) % 170_000 / 1000.0 - 85.0
    lon = (i * 104_729) % 350_000 / 1000.0 - 175.0
    cls, code = FEATURES[i % len(FEATURES)]
    country = COUNTRIES[i % len(COUNTRIES)]
    population = 0 if i % 5 else (i * 2654435761) % 100_000 // (1 + i % 97)
    fields = [
        str(geonameid), name, name, ",".join(alternates), f"{lat:.5f}", f"{lon:.5f}",
        cls, code, country, "", f"{1 + i % 20:02d}", "", "", "", str(population), "",
        "220", "Etc/UTC", "2024-01-01",
    ]
    return "\t".join(fields)


def main() -> None:
    if len(sys.argv) != 2 or not sys.argv[1].isdigit():
        sys.exit("usage: gen_geonames_dump.py ROWS > FILE")
    out = sys.stdout
    for i in range(int(sys.argv[1])):
        out.write(row(i))
        out.write("\n")


if __name__ == "__main__":
    main()
