"""Where an event happened: the place a trigger group's sentence names for it.

Places nearer to another event's trigger belong to that event ("A court in Abuja sentenced a
man for a raid in Borno state": Abuja is the court's); among the rest the most specific wins,
preferring one after in/near/at; a statement takes only the place it was made in. Split from
participants.py (the actor and the recipient).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..doc import Doc
from ..record import Entity, Geo, Location
from .participants import entities_between, is_country_name
from .phrases import caseless, folded
from .places import capital_of, is_street, resolve_place

_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who)\s")
_MADE_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
_MADE_AT = re.compile(r"\b(?:conference|briefing|meeting|statement|speech|rally)\s+in\s+(?:the\s+)?$")
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "ORG"})
_PLACE_PREPS = re.compile(
    r"\b(?:in|near|at|outside|into|inside|across|on|from|around|of|towards?|to)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:\s+(?:state|province|region|county|district))?['’]s\s+"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west|remote|restive)\s+)?)?"
    r"(?:(?:town|city|village|villages|district|province|region|state|county|area|capital|outskirts)\s+of\s+)?$",
    re.IGNORECASE,
)
# _PLACE_PREPS for the folded text (see phrases.caseless), each preposition spelt to open with a
# plain letter and check the word boundary after it, so that the regex engine skips most
# positions at the first character (IGNORECASE makes it try every alternative at every one)
_PLACE_PREPS_FOLDED = re.compile(
    r"(?:i(?<!\wi)n(?:to|side)?|n(?<!\wn)ear|a(?<!\wa)(?:t|cross|round)|o(?<!\wo)(?:utside|n|f)|f(?<!\wf)rom"
    r"|t(?<!\wt)o(?:wards?)?)\s+(?:the\s+)?"
    r"(?:[a-z][\w'’-]+(?:\s+[a-z][\w'’-]+)?(?:\s+(?:state|province|region|county|district))?['’]s\s+"
    r"(?:(?:northern|southern|eastern|western|central|north|south|east|west|remote|restive)\s+)?)?"
    r"(?:(?:town|city|village|villages|district|province|region|state|county|area|capital|outskirts)\s+of\s+)?$"
)
# what _PLACE_PREPS_FOLDED reads where there is no possessive, word by word: a preposition (which
# a non-word character may precede in its word: "(in"), then "the", "<town> of" or both
_PREPOSITIONS = frozenset("in into inside near at across around outside on of from toward towards to".split())
_TOWN_WORDS = frozenset("town city village villages district province region state county area capital "
                        "outskirts".split())
_PREPOSITION_ENDING = re.compile(r"(?:i(?<!\wi)n(?:to|side)?|n(?<!\wn)ear|a(?<!\wa)(?:t|cross|round)"
                                 r"|o(?<!\wo)(?:utside|n|f)|f(?<!\wf)rom|t(?<!\wt)o(?:wards?)?)$")
_PLACE_TYPES_AND_PEOPLES = _PLACE_TYPES | {"NORP"}
_CAPITAL_AFTER = (re.compile(r"['’]s\s+capital\b"), re.compile(r"\s+capital\b"))  # after a country, a people
_FEATURE_RANK = {"city": 3, "unresolved": 2.4, "admin2": 2, "admin1": 1, "country": 0}


_SINCE = re.compile(r"\bsince\s+(?:the|a|an|its|their)\b")
# (not "as he fetched water in X", "while she ...": what happened meanwhile happened there too)
# (each alternative opens with a plain letter, so that the regex engine skips most positions)
_OWN_SUBJECT_CLAUSE = re.compile(r"(?:a(?<!\wa)fter|b(?<!\wb)e(?:fore|cause))\s+(?:they|he|she|we|I)\s")
_PREP_WEIGHTS = {"in": 2.0, "near": 2.0, "at": 2.0, "outside": 2.0, "inside": 2.0, "outskirts": 2.0, "across": 1.5,
                 "into": 1.5, "around": 1.5, "on": 1.0, "from": 0.5, "to": 0.5, "towards": 0.5, "toward": 0.5,
                 "of": 0.5}
_FACILITY_AFTER = re.compile(r"\s+(?:penitentiary|prison|jail|mine|hospital|school|market|square|university|"
                             r"college|airport|stadium|camp|base|post|checkpoint|embassy|mosque|church)\b", re.I)


_PART_OF = re.compile(r"\s+(?:neighbou?rhood|suburb|quarter|district|area|section|township|slum|commune|"
                      r"sector|ward|estate|locality)\s+of\s", re.I)
_ROUTE_BEFORE = re.compile(r"\b(?:road|highway|motorway|expressway|route|railway|flights?|bus(?:es)?|trains?)"
                           r"\s+(?:to|towards|toward)\s+$", re.I)
_PART_AFTER_POSSESSIVE = re.compile(r"['’]s\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:neighbou?rhood|suburb|quarter|district|"
                                    r"area|section|township|slum|commune|sector|ward|estate|locality)\b")
_NAMED_FACILITY = re.compile(r"^([A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)??)\s+(?:Stadium|University|College|Hospital|Airport|"
                             r"Prison|Penitentiary|Market|Mosque|Church|Cathedral|School|Square|Bridge|Mine|Port|"
                             r"Police Station|Police Post|Camp|Barracks)\b")


_MONTH_NAME = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
                         r"December)$")


def _prep_weight(before: str, preps: re.Pattern = _PLACE_PREPS) -> float:
    m = preps.search(before)
    if not m:
        return 0.0
    return _PREP_WEIGHTS.get(m.group().split()[0].lower(), 1.0)


def _folded_prep_weight(before: str) -> float:
    """_prep_weight of the folded text before a place. Without an apostrophe only the form
    without the possessive can match, and it spans four words at most ("in the town of "): the
    leftmost of those that opens it is the preposition."""
    if "'" in before or "’" in before:
        return _prep_weight(before, _PLACE_PREPS_FOLDED)
    if before[-1:] != " ":
        return 0.0  # (a match ends with white space, which folding makes a space)
    words = before.split()[-4:]
    n = len(words)
    for k in range(n):
        after = n - k - 1  # the words after this one
        if after == 0 or (after == 1 and words[k + 1] == "the") \
                or (after == 2 and words[k + 2] == "of" and words[k + 1] in _TOWN_WORDS) \
                or (after == 3 and words[k + 1] == "the" and words[k + 3] == "of" and words[k + 2] in _TOWN_WORDS):
            word = words[k]
            if word not in _PREPOSITIONS:
                m = _PREPOSITION_ENDING.search(word) if not word.isalnum() else None
                if m is None:
                    continue
                word = m.group()
            return _PREP_WEIGHTS.get(word, 1.0)
    return 0.0


def _place_distance(span: tuple[int, int], triggers) -> int | None:
    """Characters between a place and the nearest of ``triggers`` (None for none); a place usually
    follows its verb ("abducted 23 villagers in Zamfara state last week have threatened"), so one
    before the trigger counts more."""
    start, end = span
    nearest = None
    for trig in triggers:
        distance = start - trig.end if start >= trig.end else (trig.start - end if trig.start > end else 0) + 40
        if nearest is None or distance < nearest:
            nearest = distance
    return nearest




class _Place(NamedTuple):
    """A place named in a sentence, with what does not depend on the trigger asking about it."""

    span: tuple[int, int]
    entity: Entity
    base: float  # rank of the place's precision, preposition before it, facility noun after it
    after_relative: bool  # a ", which/who" clause opens before it
    before: str  # the text before it in its sentence, up to 45 characters


def _made_in(place: _Place) -> bool:
    """"in/at (the) ..." right before it: where a statement can be made."""
    return _MADE_IN.search(place.before[-30:]) is not None


def _made_at(place: _Place) -> bool:
    """"(news) conference in ..." right before it."""
    return _MADE_AT.search(place.before[-40:]) is not None


def _places_in(doc: Doc, sent_start: int, sent_end: int) -> list[_Place]:
    key = ("places_in", sent_start)
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = _find_places(doc, sent_start, sent_end)
    return found


def _country_in_story(doc: Doc, country: str) -> bool:
    """Is ``country`` the dateline's or that of a place the article names?"""
    return country == doc.country_hint or any(e.country == country for e in doc.entities
                                               if e.type in ("GPE", "LOC") and e.geo is not None)


def _dateline_town(doc: Doc) -> Entity | None:
    """The town of the dateline, where a local story's streets are."""
    place = doc.article.dateline.place if doc.article.dateline else None
    town = resolve_place(place.title() if place.isupper() else place, doc) if place else None
    if town is None or town.lat is None or town.country is None:
        return None
    return Entity(id="dateline", type="GPE", name=town.name or place, country=town.country, admin1=town.admin1,
                  geo=Geo(town.lat, town.lon, town.geonames_id, "city"))


_IN_AFTER = re.compile(r"\s+in\s+")


def _facility_towns(doc: Doc) -> dict[str, Entity]:
    """Names of facilities the text places in a town ("the Litoral penitentiary in Guayaquil"): name -> town."""
    found = doc.memo.get("facility_towns")
    if found is None:
        found = doc.memo["facility_towns"] = {}
        text = doc.text
        towns = {span[0]: ent for ent in doc.entities if _is_town(ent) for span in ent.spans}
        for ent in doc.entities:
            if ent.geo is not None:
                continue
            for _, b in ent.spans:
                facility = _FACILITY_AFTER.match(text, b)
                within = _IN_AFTER.match(text, facility.end()) if facility else None
                town = towns.get(within.end()) if within else None
                if town is not None:
                    found.setdefault(ent.name, town)
    return found


def _find_places(doc: Doc, sent_start: int, sent_end: int) -> list[_Place]:
    text = doc.article.text
    lowered = folded(doc) if caseless(doc) else None
    out = []
    carried_prep = 0.0
    for span, ent in entities_between(doc, sent_start, sent_end, _PLACE_TYPES_AND_PEOPLES):
        if ent.type == "NORP" or (ent.geo is not None and ent.geo.feature == "country"):
            capital = _CAPITAL_AFTER[ent.type == "NORP"].match(text, span[1], sent_end)
            town = capital_of(ent.country) if capital and ent.country else None
            if town is None:
                if ent.type == "NORP":
                    continue
            else:  # "the Libyan capital", "Haiti's capital"
                ent = Entity(id=ent.id, type="GPE", name=town.name, country=town.country, admin1=town.admin1,
                             geo=Geo(town.lat, town.lon, town.geonames_id, "city"))
                span = (span[0], capital.end())
        placed = _facility_towns(doc).get(ent.name) if ent.geo is None and _FACILITY_AFTER.match(text, span[1]) \
            else None
        if placed is not None:
            ent = placed  # "The Litoral prison" after "the Litoral penitentiary in Guayaquil"
        elif ent.type in ("FAC", "ORG"):  # "Alexandria Stadium", "Garissa University College": the town it is in
            named = _NAMED_FACILITY.match(ent.name)
            town = resolve_place(named.group(1), doc) if named else None
            if town is None or town.country is None or not _country_in_story(doc, town.country):
                continue  # ("Freedom Square" in Tbilisi is not in Freedom, USA)
            ent = Entity(id=ent.id, type="GPE", name=town.name or named.group(1), country=town.country,
                         geo=Geo(town.lat, town.lon, town.geonames_id, "city") if town.lat is not None else None,
                         admin1=town.admin1)
        elif ent.geo is None and is_street(ent.name):
            town = _dateline_town(doc)  # "in the 3600 block of Mount Vernon Avenue" in a story from Alexandria
            if town is None or ent.country not in (None, town.country):
                continue
            ent = town
        elif ent.country is None and ent.geo is None:
            continue
        lo = span[0] - 45 if span[0] - 45 > sent_start else sent_start
        before = text[lo:span[0]]
        possessor = text[span[1]:span[1] + 2] in ("'s", "’s")
        if not possessor and _ROUTE_BEFORE.search(before):
            continue  # "closed the highway to Basra": where the road leads (but "the road to Mogadishu's airport")
        if possessor and not _PART_AFTER_POSSESSIVE.match(text, span[1], sent_end):
            prep = 0.0  # (but "a swoop on Nairobi's Eastleigh district": the town holds the district)
        else:
            prep = _prep_weight(before) if lowered is None else _folded_prep_weight(lowered[lo:span[0]])
        # "in the Viento Libre neighbourhood of Tumaco", "in the Athens district of Kolonaki": both
        # places stand where the preposition puts them, and the rank of each decides
        prep, carried_prep = (prep if prep >= carried_prep else carried_prep), \
            (prep if _PART_OF.match(text, span[1], sent_end) else 0.0)
        if _MONTH_NAME.match(ent.name):
            continue  # "in May 2017"
        if ent.type == "LOC":
            feature = "admin1"  # a lake, a valley, a region: less precise than the town beside it
        elif ent.geo:
            feature = ent.geo.feature
        else:  # no coordinates: a former state ("USSR"), or a village or quarter the gazetteer lacks,
            # which yields to a town the gazetteer knows ("in Kolonaki, in central Athens")
            feature = "country" if is_country_name(ent.name) else "unresolved"
        base = (_FEATURE_RANK.get(feature or "city", 2) * 2 + 2 * prep
                - (2.0 if _FACILITY_AFTER.match(text, span[1]) else 0.0))
        out.append(_Place(span, ent, base, bool(_RELATIVE_CLAUSE.search(text, sent_start, span[0])), before))
    return out


def find_location(doc: Doc, sent_start: int, sent_end: int, group, others, exclude, statement: bool):
    """The place of a trigger group in its sentence.

    Places nearer to another event's trigger belong to that event ("A court in Abuja sentenced
    a man for a raid in Borno state": Abuja is the court's). Among the rest the
    most specific place wins, preferring one introduced by in/near/at. A statement takes only
    a place it was made in ("said at a news conference in Baghdad"), not the places it is about.
    """
    lead_start = group[0].start
    text = doc.article.text
    best = None
    for place in _places_in(doc, sent_start, sent_end):
        span = place.span
        if exclude and exclude[0] <= span[0] < exclude[1] and not _is_town(place.entity):
            continue  # (but "Akron police officers" are where their town is)
        # (only a statement asks where it was made)
        if statement and not (span[1] <= lead_start and _made_in(place)) and not _made_at(place):
            continue  # a statement is placed where it was made, not at the places it is about
        mine = _place_distance(span, group)
        # "Soviet forces, which had entered Baku ..., committed massacres": the subject's relative
        # clause sets the scene of the main verb's event
        in_relative = span[1] <= lead_start and place.after_relative
        theirs = _place_distance(span, others)
        if theirs is None:
            theirs = 10**6
        if span[0] > lead_start and ((text.find("since", lead_start, span[0]) >= 0
                                      and _SINCE.search(text, lead_start, span[0]))
                                     or _OWN_SUBJECT_CLAUSE.search(text, lead_start, span[0])):
            continue  # "killed 20 ... in the heaviest exchange since the war in Gaza began"; "detained
            # them after they discussed a report on migrants in Sfax": that clause's place
        score = place.base - mine / 80.0 - (5.0 if theirs + 10 < mine and not in_relative else 0.0)
        if best is None or score > best[0]:
            best = (score, place.entity)
    return location_of(best[1]) if best is not None else None


def _is_town(ent: Entity) -> bool:
    return ent.type == "GPE" and ent.geo is not None and ent.geo.feature == "city"


def location_of(ent: Entity) -> Location:
    geo = ent.geo
    # (name, country, admin1, lat, lon, geonames_id): positional, as building a dataclass from
    # keywords costs twice as much
    if geo is None:
        return Location(ent.name, ent.country, ent.admin1)
    return Location(ent.name, ent.country, ent.admin1, geo.lat, geo.lon, geo.geonames_id)


_TOWN_TYPES = frozenset({"GPE"})


def refine_regions(doc: Doc, events, clusters, follow: int = 2) -> None:
    """"Bandits who abducted 23 villagers in Zamfara state ... The bandits rode into a village near
    the town of Maru": an event placed only in a region happened in the town of that region that
    the next sentences name, when they tell no other event."""
    told = {m.sentence for c in clusters for m in c.mentions}
    for event, cluster in zip(events, clusters, strict=True):
        loc = event.location
        if loc is None or not loc.admin1 or loc.geonames_id is not None or cluster.modality:
            continue  # (a region has no geonames id here; a town has one)
        last = max(m.sentence for m in cluster.mentions)
        for i in range(last + 1, min(len(doc.sentences), last + 1 + follow)):
            s = doc.sentences[i]
            if i in told or s.in_quote:
                break
            town = next((ent for _, ent in entities_between(doc, s.start, s.end, _TOWN_TYPES)
                         if _is_town(ent) and ent.admin1 == loc.admin1 and ent.country == loc.country), None)
            if town is not None:
                event.location = location_of(town)
                break


def in_dateline_town(doc: Doc, events, clusters) -> None:
    """"TBILISI, Georgia — ... Several thousand protesters blocked the avenue outside parliament":
    news the text places nowhere more precise than the country happened, as far as it says, in
    the town it was filed from. Only for today's news: the past it recalls may lie anywhere."""
    town = _dateline_town(doc)
    if town is None:
        return
    for event, cluster in zip(events, clusters, strict=True):
        loc = event.location
        if cluster.modality or any(m.framed_historical or m.negated for m in cluster.mentions) \
                or not _recent(doc, cluster.timex):
            continue
        if loc is not None and (loc.country not in (None, town.country)
                                or (loc.name and not is_country_name(loc.name))):
            continue
        event.location = location_of(town)
        event.confidence = round(max(0.3, event.confidence - 0.1), 2)


def _recent(doc: Doc, timex) -> bool:
    published = doc.reference_date
    return timex is None or published is None or timex.end is None or abs((published - timex.end).days) <= 31
