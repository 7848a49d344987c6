#!/usr/bin/env python3
"""Fits the toponym ranker's weights (the table of rules/geo/ranker.tsv) on documents
synthesised from the embedded gazetteer, so the true place of every name is known and no news
corpus is needed.

    python3 tools/fit_ranker.py                  # writes target/ranker/geo/ranker.tsv
    geochron extract --rules target/ranker --jsonl < docs.jsonl   # try it
    python3 tools/fit_ranker.py --docs F.jsonl   # fit on other documents with gold places instead
                                                 # (a cross-check; never for the shipped table)

The shipped table keeps the hand-set rules' weights: the fitted ones scored lower on the dev
corpora (see rules/README.md, `geo/ranker.tsv`). Copy the output over rules/geo/ranker.tsv only
when a fit beats them on every feed.

1. Synthesis (seeded, so the same every run): a story region is drawn (a country, weighted by
   population, then one of its towns), then a few towns near it, ambiguous namesakes preferred
   (a Springfield whose bigger namesake lies elsewhere), and they are named as news names
   them: a dateline ("SPRINGFIELD, Ill. -", "KARACHI, Pakistan -"), "X, Region", bare names, the
   region and the country by name, now and then a foreign capital. Each named place is gold.
2. Features: `cargo run --release --example rank_features` geoparses every document and writes
   each weighing of a name's candidates with the features src/extract/geo/rank.rs computes.
3. Fit: a conditional logit over each name's candidates (the true one against its namesakes),
   L2-regularised, by seeded SGD with AdaGrad steps. The features the synthesised documents
   cannot show (continents, organisations' theatres, "Gaza city", "Sao Paulo, Sao Paulo") keep
   the rules' weights. The weights are written in units of the population weight (a score 1
   higher is worth a factor e in population), the scale of the pass-1 margin.
4. The features of a name depend on the weights (what pass 1 settled is its context), so steps
   2-3 run again with the fitted table (--rounds, 2 by default).

Only the standard library. Data: data/places-*.tsv, names-*.tsv, admin1.tsv, countries.tsv
(GeoNames, CC BY 4.0) and rules/geo/region_abbreviations.tsv.
"""

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A rules folder of one table, for `geochron extract --rules target/ranker`.
TABLE = os.path.join(ROOT, "target", "ranker", "geo", "ranker.tsv")

# The features the synthesised documents cannot show, or show wrongly: they keep the rules'
# weights. The documents name no continent, no organisation's theatre, no "Gaza city", no
# "Sao Paulo, Sao Paulo", no holding container, no seat city. They name countries and regions
# only in fixed frames and never in header metadata, and capitals only as foreign capitals:
# fitted on them, class_country fell to 0.6, namesake_region rose to +1.4 and capital fell to 2,
# and the dev corpora lost (acc@161 0.875, AUC 0.212, against 0.881 and 0.208 with these kept).
FROZEN = {"class_region", "seat_lift", "named_city", "twin_city", "holds", "theatre", "neighbour",
          "class_country", "class_admin1", "namesake_region", "capital", "header"}
# The unit of the score, fixed rather than fitted: with no other evidence a candidate's odds are
# its population's (a town ten times bigger is ten times likelier), and the pass-1 margin and
# the frozen weights are written in this unit.
UNIT = "log_population"

# The rules' weights (the hand-set ranker), the start of the fit and the value of FROZEN.
RULES = {
    "class_country": 9.0, "class_region": 20.0, "class_admin1": 5.0, "log_population": 1.0,
    "named_city": 8.0, "alternate_name": -3.0, "capital": 8.0, "namesake_region": -12.0,
    "seat_lift": 1.0, "header": 14.0, "home_region": 10.0, "home_near": 4.0,
    "home_country": 0.0, "twin_city": 12.0, "holds": 0.5, "story_country": 6.0,
    "sentence_country": 4.0, "container_country": 10.0, "container_inside": 8.0,
    "nearby": 3.0, "anchor_distance": 0.0, "anchor_region": 0.0, "theatre": 8.0,
    "neighbour": 4.0,
}


def fold(name):
    """A name's rough key: lower case, without accents (for namesake counts only)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


class Gazetteer:
    """The embedded gazetteer's towns, regions and countries."""

    def __init__(self):
        data = os.path.join(ROOT, "data")
        self.places = {}
        for part in ("places-1.tsv", "places-2.tsv"):
            for r in rows(os.path.join(data, part)):
                gid, name, cc, a1, lat, lon, pop = r[:7]
                self.places[int(gid)] = (name, cc, a1, float(lat), float(lon), int(pop))
        self.admin1 = {}
        for r in rows(os.path.join(data, "admin1.tsv")):
            cc, code, gid, name = r[0], r[1], int(r[2]), r[3]
            self.admin1[(cc, code)] = (gid, name, float(r[5]), float(r[6]))
        self.countries = {}
        for r in rows(os.path.join(data, "countries.tsv")):
            cc, name, capital = r[0], r[1], r[4]
            self.countries[cc] = {"name": name, "capital": capital, "lat": float(r[5]),
                                  "lon": float(r[6]), "pop": int(r[8] or 0), "gid": int(r[9])}
        self.abbreviations = {}
        for r in rows(os.path.join(ROOT, "rules", "geo", "region_abbreviations.tsv")):
            if r[0] != "abbreviation":
                self.abbreviations.setdefault((r[2], r[1]), r[0])
        # Towns by name, to tell which names have namesakes.
        self.by_name = {}
        for gid, p in self.places.items():
            self.by_name.setdefault(fold(p[0]), []).append(gid)
        # Towns by country, and a coarse grid for "near".
        self.by_country = {}
        self.grid = {}
        for gid, p in self.places.items():
            self.by_country.setdefault(p[1], []).append(gid)
            self.grid.setdefault((int(p[3] // 1), int(p[4] // 1)), []).append(gid)
        for ids in self.by_country.values():
            ids.sort()
        self.capitals = {}
        for cc, c in self.countries.items():
            ids = [g for g in self.by_name.get(fold(c["capital"]), ()) if self.places[g][1] == cc]
            if ids:
                self.capitals[cc] = max(ids, key=lambda g: self.places[g][5])

    def near(self, gid, within):
        _, _, _, lat, lon, _ = self.places[gid]
        out = []
        for dy in range(-3, 4):
            for dx in range(-3, 4):
                for other in self.grid.get((int(lat // 1) + dy, int(lon // 1) + dx), ()):
                    o = self.places[other]
                    if other != gid and km(lat, lon, o[3], o[4]) <= within:
                        out.append(other)
        return sorted(out)

    def ambiguous(self, gid):
        """Whether a namesake at least as big lies far away."""
        name, _, _, lat, lon, pop = self.places[gid]
        return any(
            g != gid and self.places[g][5] >= pop
            and km(lat, lon, self.places[g][3], self.places[g][4]) > 161
            for g in self.by_name.get(fold(name), ())
        )


def writable(name):
    """Whether news would write the name as it stands: capitalised words of letters."""
    return (name[:1].isupper() and all(w[:1].isupper() or w in ("de", "la", "el", "al")
            for w in name.replace("-", " ").split()) and len(name) >= 4
            and all(ch.isalpha() or ch in " -'." for ch in name))


SENTENCES = [
    "Police in {a} said two men were arrested after a robbery on Tuesday.",
    "The fire spread from {a} to nearby {b}, officials said.",
    "Residents of {a} were told to leave their homes as the river rose.",
    "Roads between {a} and {b} were closed for much of the day.",
    "The storm hit {a} and {b} before moving towards {c}.",
    "A school bus overturned near {a} on Monday morning.",
    "Hundreds of people gathered in {a} to protest against the plan.",
    "The victim was taken to a hospital in {a}, where he later died.",
    "Officials from {a} and {b} met to discuss the water supply.",
    "Farmers around {a} say the drought is the worst in decades.",
]


def synthesise(gaz, n, seed):
    """`n` documents with gold places, in the eval feeds' format."""
    rng = random.Random(seed)
    ccs = sorted(cc for cc in gaz.countries
                 if sum(1 for g in gaz.by_country.get(cc, ()) if gaz.places[g][5] >= 5000) >= 5)
    weights = [math.sqrt(max(gaz.countries[cc]["pop"], 1)) for cc in ccs]
    docs = []
    while len(docs) < n:
        cc = rng.choices(ccs, weights)[0]
        towns = [g for g in gaz.by_country[cc]
                 if gaz.places[g][5] >= 2000 and writable(gaz.places[g][0])]
        if not towns:
            continue
        anchor = rng.choices(towns, [gaz.places[g][5] ** 0.4 for g in towns])[0]
        # A story's places lie in its region: mostly its first-level region (a state-wide
        # story), else near its home town, across the regional border.
        state = rng.random() < 0.7
        around = [g for g in gaz.near(anchor, 300 if state else 120)
                  if gaz.places[g][1] == cc and gaz.places[g][5] >= 500
                  and (not state or gaz.places[g][2] == gaz.places[anchor][2])
                  and writable(gaz.places[g][0])]
        if len(around) < 2:
            continue
        ambiguous = [g for g in around if gaz.ambiguous(g)]
        picked = []
        for _ in range(rng.randint(2, 4)):
            pool = ambiguous if ambiguous and rng.random() < 0.6 else around
            g = rng.choice(pool)
            if g not in picked and fold(gaz.places[g][0]) != fold(gaz.places[anchor][0]):
                picked.append(g)
        docs.append(document(gaz, rng, len(docs), cc, anchor, picked))
    return docs


def document(gaz, rng, index, cc, anchor, picked):
    """One story: a dateline, sentences naming the picked towns, the region, the country."""
    text, gold = "", []
    country = gaz.countries[cc]
    region = gaz.admin1.get((cc, gaz.places[anchor][2]))
    # A region named as a town of its own is written "X province", "the state of X" in news:
    # bare, the name is the town ("Baghdad", "Istanbul"). Such regions are not named bare here.
    if region and any(gaz.places[g][1] == cc for g in gaz.by_name.get(fold(region[1]), ())):
        region = None

    def name(gid=None, written=None, lat=None, lon=None):
        nonlocal text
        written = written or gaz.places[gid][0]
        if gid in gaz.places and lat is None:
            lat, lon = gaz.places[gid][3], gaz.places[gid][4]
        gold.append({"start": len(text.encode()), "end": len(text.encode()) + len(written.encode()),
                     "text": written, "geonameid": gid, "lat": lat, "lon": lon})
        text += written

    if rng.random() < 0.6:
        name(anchor, gaz.places[anchor][0].upper())
        abbreviation = region and gaz.abbreviations.get((cc, region[1]))
        if abbreviation:
            text += ", " + abbreviation + ". - "
        else:
            text += ", "
            name(country["gid"], country["name"], country["lat"], country["lon"])
            text += " - "
    towns = [anchor] + picked
    rng.shuffle(towns)
    for i, gid in enumerate(towns):
        template = rng.choice(SENTENCES)
        fills = [gid] + [g for g in towns if g != gid]
        parts = template.split("{")
        text += parts[0]
        for part in parts[1:]:
            slot, rest = part.split("}", 1)
            g = fills[min("abc".index(slot), len(fills) - 1)]
            name(g)
            if region and g == gid and rng.random() < 0.3:
                text += ", "
                name(region[0], region[1], region[2], region[3])
            text += rest
        text += " "
        if i == 0 and region and rng.random() < 0.5:
            text += "The governor of "
            name(region[0], region[1], region[2], region[3])
            text += " declared an emergency. "
        if i == 1 and rng.random() < 0.4:
            text += "The government of "
            name(country["gid"], country["name"], country["lat"], country["lon"])
            text += " promised help. "
    if rng.random() < 0.3:
        other = rng.choice(sorted(gaz.capitals))
        if other != cc:
            capital = gaz.capitals[other]
            text += "Aid was flown in from "
            name(capital)
            text += "."
    header = [cc] if rng.random() < 0.1 else []
    return {"id": f"synth-{index}", "published": "2020-01-01", "title": "", "text": text.strip(),
            "countries": header, "gold": gold}


def dump_features(docs_path, rules_dir):
    """Runs the Rust side on the documents: one weighing a line."""
    cmd = ["cargo", "run", "--quiet", "--release", "--example", "rank_features", "--"]
    if rules_dir:
        cmd.append(rules_dir)
    with open(docs_path, encoding="utf-8") as f:
        out = subprocess.run(cmd, stdin=f, capture_output=True, check=True, cwd=ROOT).stdout
    lines = out.decode().splitlines()
    names = json.loads(lines[0])["features"]
    return names, [json.loads(line) for line in lines[1:]]


def examples(docs, names, weighings):
    """Each weighing of a name with gold, as (features, indices of the right ones)."""
    gold = {}
    for d in docs:
        # The eval feeds keep their toponyms under "places".
        places = d["gold"]["places"] if isinstance(d["gold"], dict) else d["gold"]
        for g in places:
            gold[(str(d["id"]), g["start"])] = g
    out = []
    for w in weighings:
        # Every pass-1 weighing counts, decided or not: the prior alone must say as much as
        # it can, since what it settles is never weighed again.
        g = gold.get((str(w["id"]), w["start"]))
        if g is None or len(w["candidates"]) < 2:
            continue
        # Every candidate within 161 km of the gold point is right (the measure of the eval
        # feeds, acc@161): a town and its namesake region, two namesakes of one district.
        truth = [i for i, c in enumerate(w["candidates"])
                 if c["geonameid"] is not None and c["geonameid"] == g.get("geonameid")
                 or km(c["lat"], c["lon"], g["lat"], g["lon"]) <= 161]
        if truth and len(truth) < len(w["candidates"]):
            out.append(([c["features"] for c in w["candidates"]], truth))
    return out


def fit(names, data, seed, l2, prior, epochs=40, step=0.3):
    """Conditional logit by SGD: each name's right candidates against the rest. The score
    is in population units (UNIT fixed at 1), the FROZEN features at the rules' weights."""
    fitted = [i for i, n in enumerate(names) if n not in FROZEN and n != UNIT]
    fixed = [(i, RULES[n]) for i, n in enumerate(names) if n in FROZEN or n == UNIT]
    w = [RULES[n] for n in names]
    centre = w[:] if prior == "rules" else [0.0] * len(names)
    g2 = [1e-8] * len(names)
    rng = random.Random(seed)
    order = list(range(len(data)))
    offsets = [[sum(r * x[i] for i, r in fixed) for x in xs] for xs, _ in data]
    for epoch in range(epochs):
        rng.shuffle(order)
        loss = 0.0
        for k in order:
            xs, truth = data[k]
            scores = [o + sum(w[i] * x[i] for i in fitted) for x, o in zip(xs, offsets[k])]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            probs = [e / total for e in exps]
            right = sum(probs[t] for t in truth)
            loss -= math.log(max(right, 1e-300))
            shares = [(probs[t] / right if right > 0 else 1 / len(truth), t) for t in truth]
            for i in fitted:
                grad = sum(p * x[i] for p, x in zip(probs, xs))
                grad -= sum(q * xs[t][i] for q, t in shares)
                grad += l2 * (w[i] - centre[i])
                if grad:
                    g2[i] += grad * grad
                    w[i] -= step * grad / math.sqrt(g2[i])
        if epoch % 10 == 9 or epoch == epochs - 1:
            print(f"  epoch {epoch + 1}: loss {loss / max(len(data), 1):.4f}", file=sys.stderr)
    return {n: (RULES[n] if n in FROZEN or n == UNIT else w[i]) for i, n in enumerate(names)}


def write_table(path, weights, names, note):
    with open(path, "w", encoding="utf-8") as f:
        f.write("# The toponym ranker's weights (src/extract/geo/rank.rs): a candidate scores the sum "
                "of its\n# features times these, in units of ln(1 + population).\n")
        f.write(f"# {note}\n")
        f.write("# Origin `fitted`: fitted; `rules`: the hand-set rules' weight, kept because "
                "the documents\n# it was fitted on cannot show the feature (log_population is "
                "the unit: a candidate's\n# odds before context are its population's).\n")
        f.write("feature\tweight\torigin\n")
        for n in names:
            origin = "fitted" if n not in FROZEN and n != UNIT else "rules"
            f.write(f"{n}\t{weights[n]:.3f}\t{origin}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", help="fit on these documents with gold places (JSON lines)")
    ap.add_argument("--n", type=int, default=3000, help="synthesised documents")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--l2", type=float, default=1e-3, help="L2 penalty per name")
    ap.add_argument("--prior", choices=("zero", "rules"), default="zero",
                    help="what the penalty pulls the weights towards")
    ap.add_argument("--frozen", default="", help="more features to keep at the rules' weight")
    ap.add_argument("--out", default=TABLE, help="the table to write")
    ap.add_argument("--keep-docs", help="also write the synthesised documents here")
    args = ap.parse_args()
    FROZEN.update(f for f in args.frozen.split(",") if f)
    work = tempfile.mkdtemp(prefix="fit_ranker")
    try:
        if args.docs:
            docs_path = args.docs
            with open(docs_path, encoding="utf-8") as f:
                docs = [json.loads(line) for line in f if line.strip()]
            note = f"Fitted by tools/fit_ranker.py --docs {os.path.basename(docs_path)}."
        else:
            docs = synthesise(Gazetteer(), args.n, args.seed)
            docs_path = args.keep_docs or os.path.join(work, "docs.jsonl")
            with open(docs_path, "w", encoding="utf-8") as f:
                for d in docs:
                    f.write(json.dumps(d, ensure_ascii=False) + "\n")
            note = (f"Produced by `python3 tools/fit_ranker.py` (--n {args.n} --seed {args.seed} "
                    f"--rounds {args.rounds} --l2 {args.l2} --prior {args.prior}"
                    + (f" --frozen {args.frozen}" if args.frozen else "") + "): fitted on documents synthesised from data/.")
        rules_dir = None
        for round_ in range(args.rounds):
            names, weighings = dump_features(docs_path, rules_dir)
            data = examples(docs, names, weighings)
            print(f"round {round_ + 1}: {len(data)} names", file=sys.stderr)
            weights = fit(names, data, args.seed, args.l2, args.prior)
            rules_dir = os.path.join(work, "rules")
            os.makedirs(os.path.join(rules_dir, "geo"), exist_ok=True)
            write_table(os.path.join(rules_dir, "geo", "ranker.tsv"), weights, names, note)
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        shutil.copy(os.path.join(rules_dir, "geo", "ranker.tsv"), args.out)
        print(f"wrote {args.out}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
