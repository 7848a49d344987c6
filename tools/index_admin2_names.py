#!/usr/bin/env python3
"""Index second-level subdivisions under their English names with the administrative word
("Lamar County", "St. Mary Parish"), in the generated name files (data/names-*.tsv).

The generator (tools/gen_gazetteer.py) indexes a subdivision under its name without the word
("Lamar") only when that is no frequent English word, and a name a town of its country already
takes is left to the town: so "Lamar County" found nothing, and "Lamar" the town. A name that
carries its administrative word is never a common word nor a town's: it names the subdivision.
This pass adds, for each subdivision whose own name ends in such a word, its key (and its
spelling skeleton, the admin2 index form) when nothing but subdivisions is filed under it: every
namesake county of a country's states is reachable, and the story's geography picks one. It is idempotent,
runs on the generated files alone (no sources needed) and keeps the keys sorted across files;
tools/gen_gazetteer.py runs it after writing them.

usage: python3 tools/index_admin2_names.py   (from the repository root)
"""
import glob
import os
import re
import unicodedata

# The English administrative words a subdivision's name may end in ("Reno County").
WORDS = (" county", " parish", " borough")
# As tools/gen_gazetteer.py's MAX_FILE: every committed file stays under 8 MB.
MAX_FILE = 7_500_000


def name_key(name):
    """tools/gen_gazetteer.py's name_key, for the Latin names this pass reads: lower case,
    accents stripped, every run of non-alphanumerics one space."""
    out = []
    for ch in name:
        if not ch.isascii():
            ch = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            if not ch.isascii():
                return None
        out.append(ch.lower() if ch.isalnum() else " ")
    return " ".join("".join(out).split()) or None


def skeleton(key):
    """tools/gen_gazetteer.py's skeleton: the spelling-variant form admin2 keys are filed by."""
    k = key.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    return re.sub(r"(.)\1+", r"\1", k)


def main():
    stems = sorted(glob.glob(os.path.join("data", "names-*.tsv")),
                   key=lambda p: int(re.search(r"-(\d+)\.tsv$", p).group(1)))
    names = {}
    for path in stems:
        with open(path, encoding="utf-8") as f:
            for line in f:
                key, refs = line.rstrip("\n").split("\t")
                names[key] = refs
    added = 0
    with open(os.path.join("data", "admin2.tsv"), encoding="utf-8") as f:
        for idx, line in enumerate(f):
            row = line.rstrip("\n").split("\t")
            key = name_key(row[3]) if len(row) > 3 else None
            if key is None or not key.endswith(WORDS):
                continue
            # Every namesake subdivision is filed under the key ("Cook County" in Georgia,
            # Illinois and Minnesota), as long as only subdivisions hold it.
            for k in sorted({key, skeleton(key)}):
                refs = names.get(k, "").split(",") if k in names else []
                if any(not r.startswith("b") for r in refs) or f"b{idx}" in refs:
                    continue
                names[k] = ",".join(refs + [f"b{idx}"])
                added += 1
    files, out, size = [], [], 0
    for key in sorted(names):
        line = f"{key}\t{names[key]}\n"
        n = len(line.encode())
        if size + n > MAX_FILE:
            files.append(out)
            out, size = [], 0
        out.append(line)
        size += n
    files.append(out)
    for old in stems:
        os.remove(old)
    for i, lines in enumerate(files, start=1):
        with open(os.path.join("data", f"names-{i}.tsv"), "w", encoding="utf-8", newline="\n") as f:
            f.writelines(lines)
    print(f"admin2 English names: {added} keys added")


if __name__ == "__main__":
    main()
