"""Who did it, to whom, and where: actor, recipient and location of an event trigger.

No parser: a trigger's clause is cut at clause boundaries, and candidates are entities
(PERSON, ORG, NORP, GPE) and the agent/victim head nouns of lexicons/actors.toml, expanded
to their noun phrase. The events stage calls these helpers once per trigger.
"""

from __future__ import annotations

import re
from functools import cache

from ..doc import Doc
from ..lexicons import load
from ..record import Entity, Location, Mention

_WORD = re.compile(r"[\w][\w'’.-]*")
_CLAUSE_BREAK = re.compile(
    r";|:|\s[—–]\s|,\s+(?:when|after|as|while|since|because|before|where|but|although|though)\s|"
    r"\b(?:a day|two days|hours|days|weeks|months|shortly|soon|just|only)\s+(?:after|before)\s|"
    r"\b(?:after|when|while|because|although)\s",
    re.IGNORECASE,
)
_PREPOSITIONS = frozenset(
    "of in at on near from against with to into for across by over under through between among toward towards "
    "outside inside around behind beside along within without".split()
)
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "i": "SPEAKER", "we": "SPEAKER"}
_PLACE_PREPS = re.compile(
    r"\b(?:in|near|at|outside|into|inside|across|on|from|around|of|towards?|to)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|villages|district|province|region|state|county|area|capital|outskirts)\s+of\s+)?$",
    re.IGNORECASE,
)
_FEATURE_RANK = {"city": 3, "admin2": 2, "admin1": 1, "country": 0}


@cache
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    lex = load("actors")

    def alternation(words):
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    agents = re.compile(rf"(?<![\w-])(?:{alternation(lex['agents'])})(?![\w-])", re.IGNORECASE)
    victims = re.compile(rf"(?<![\w-])(?:{alternation(lex['victims'])})(?![\w-])", re.IGNORECASE)
    return agents, victims, frozenset(lex["np_stop"])


def entities_between(doc: Doc, start: int, end: int, types: frozenset[str] | None = None):
    """(span, entity) for each entity mention inside [start, end), in text order."""
    found = []
    for ent in doc.entities:
        if types and ent.type not in types:
            continue
        for s, e in ent.spans:
            if s >= start and e <= end:
                found.append(((s, e), ent))
    found.sort(key=lambda item: item[0])
    return found


def _clause_start(text: str, sent_start: int, trigger_start: int) -> int:
    cut = sent_start
    for m in _CLAUSE_BREAK.finditer(text, sent_start, trigger_start):
        cut = m.end()
    return cut


def _expand_left(text: str, start: int, floor: int, stop: frozenset[str]) -> int:
    """Grow a noun phrase leftwards over modifiers ("stone-throwing", "Iraq's", "al-Shabaab")."""
    pos = start
    for _ in range(4):
        m = re.search(r"([\w][\w'’-]*)\s+$", text[floor:pos])
        if not m:
            break
        word = m.group(1)
        if word.lower() in stop or word.lower().endswith("ly") or re.fullmatch(r"\d+", word):
            break
        pos = floor + m.start(1)
    return pos


def _expand_right(text: str, end: int, limit: int) -> int:
    """Take an "of the Kurdistan Region" / "of Ecuador" complement into the phrase."""
    m = re.match(r"\s+of\s+(?:the\s+)?((?:[\w-]+\s+){0,2}?(?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*)*)", text[end:limit])
    return end + m.end() if m else end


def _preceded_by_preposition(text: str, start: int, floor: int) -> bool:
    m = re.search(r"(\w+)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}$", text[floor:start])
    if not m:
        return False
    return m.group(1).lower() in _PREPOSITIONS


def _mention(doc: Doc, start: int, end: int, entity: Entity | None) -> Mention:
    from .places import country_of  # the places stage knows demonyms and country names

    text = doc.text[start:end].strip(" ,")
    country = entity.country if entity is not None else None
    if country is None:
        for word in re.findall(r"[A-Z][\w'’-]+", text):
            country = country_of(word)
            if country:
                break
    return Mention(text=text, span=(start, end), entity=entity.id if entity else None, country=country)


def _candidates(doc: Doc, start: int, end: int):
    """Actor candidates in [start, end): (start, end, entity or None), in text order."""
    agents, _, stop = _lexicon()
    text = doc.text
    out = []
    for span, ent in entities_between(doc, start, end, frozenset({"PERSON", "ORG", "NORP", "GPE"})):
        s = _expand_left(text, span[0], start, stop) if ent.type == "NORP" else span[0]
        e = span[1]
        head = agents.match(text, e + 1, end) if ent.type in {"NORP", "GPE"} else None
        if head:  # "Turkish forces", "Iraq's Foreign Ministry"
            e = head.end()
        elif ent.type == "GPE" and text[e:e + 2] in ("'s", "’s"):
            nxt = re.match(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:[\w-]+)", text[e:end])
            head2 = agents.search(text, e, min(end, e + 40))
            if nxt and head2:
                e = head2.end()
        out.append((s, e, ent))
    for m in agents.finditer(text, start, end):
        if any(s <= m.start() < e for s, e, _ in out):
            continue
        s = _expand_left(text, m.start(), start, stop)
        e = _expand_right(text, m.end(), end)
        out.append((s, e, None))
    out.sort(key=lambda c: c[0])
    return out


def _pronoun_actor(doc: Doc, start: int, end: int, speaker_at) -> Mention | None:
    m = re.search(r"\b(he|she|I|we|We|He|She)\b", doc.text[start:end])
    if not m:
        return None
    kind = _PRONOUNS[m.group(1).lower()]
    if kind == "SPEAKER":
        return speaker_at(start + m.start())
    people = [(span, ent) for span, ent in entities_between(doc, 0, start + m.start(), frozenset({"PERSON"}))]
    if people:
        span, ent = people[-1]
        return Mention(text=ent.name, span=span, entity=ent.id, country=ent.country)
    return None


def find_actor(doc: Doc, sent_start: int, sent_end: int, trig_start: int, trig_end: int,
               noun_trigger: bool, speaker_at) -> Mention | None:
    text = doc.text
    # "accused Tajik troops of firing", "blamed X for the attack"
    m = re.search(r"\b(?:accused|accuses|accusing|blamed|blames)\s+(.{2,80}?)\s+(?:of|for)\s+(?:\w+\s+){0,2}$",
                  text[sent_start:trig_start])
    if m:
        cands = _candidates(doc, sent_start + m.start(1), sent_start + m.end(1))
        if cands:
            s, e, ent = cands[0]
            return _mention(doc, s, e, ent)
    # passive or nominal: "killed by gunmen", "fighting between rival gangs", "an attack by al-Shabaab"
    after = re.match(r"[^.;,]{0,40}?\b(?:by|between)\s+", text[trig_end:sent_end])
    if after and (noun_trigger or re.search(r"\b(?:was|were|been|being)\s+\S+$", text[sent_start:trig_end])
                  or "between" in after.group()):
        lo = trig_end + after.end()
        cands = _candidates(doc, lo, min(sent_end, lo + 60))
        if cands and cands[0][0] - lo < 25:
            s, e, ent = cands[0]
            return _mention(doc, s, e, ent)
    claimed = re.search(r"\b(?:claimed by|blamed on|attributed to)\s+", text[sent_start:sent_end])
    if claimed:
        lo = sent_start + claimed.end()
        cands = _candidates(doc, lo, sent_end)
        if cands:
            s, e, ent = cands[0]
            return _mention(doc, s, e, ent)
    # modifiers of a nominal trigger: "a Turkish drone strike", "an al-Shabaab attack"
    if noun_trigger:
        lo = max(sent_start, trig_start - 30)
        mods = [c for c in _candidates(doc, lo, trig_start) if c[2] is not None and c[2].type in {"NORP", "ORG"}]
        if mods and not re.search(r"[,;]", text[mods[-1][1]:trig_start]):
            s, _, ent = mods[-1]
            return _mention(doc, s, trig_end, ent)
    # the subject: first candidate of the clause that is not inside a prepositional phrase
    lo = _clause_start(text, sent_start, trig_start)
    for s, e, ent in _candidates(doc, lo, trig_start):
        if _preceded_by_preposition(text, s, lo):
            continue
        return _mention(doc, s, e, ent)
    return _pronoun_actor(doc, lo, trig_start, speaker_at)


def find_recipient(doc: Doc, trig_end: int, sent_end: int) -> Mention | None:
    _, victims, stop = _lexicon()
    text = doc.text
    window_end = min(sent_end, trig_end + 80)
    m = re.match(r"\s*(?:against|on|at|of)?\s*", text[trig_end:window_end])
    lo = trig_end + (m.end() if m else 0)
    for span, ent in entities_between(doc, lo, window_end, frozenset({"PERSON", "ORG", "NORP", "GPE"})):
        if span[0] - lo < 25:
            return _mention(doc, span[0], span[1], ent)
        break
    v = victims.search(text, lo, window_end)
    if v and v.start() - lo < 40:
        s = _expand_left(text, v.start(), lo, stop)
        return _mention(doc, s, v.end(), None)
    return None


def find_location(doc: Doc, sent_start: int, sent_end: int, trig_start: int, exclude: tuple[int, int] | None):
    """The most specific place of the sentence, preferring places introduced by in/near/at."""
    best = None
    for span, ent in entities_between(doc, sent_start, sent_end, frozenset({"GPE", "LOC", "FAC"})):
        if exclude and exclude[0] <= span[0] < exclude[1]:
            continue
        if ent.country is None and ent.geo is None:
            continue
        if doc.text[span[1]:span[1] + 2] in ("'s", "’s") and ent.geo and ent.geo.feature == "country":
            prep = False  # "Iraq's northern Duhok province": the possessor is context, not the place
        else:
            prep = bool(_PLACE_PREPS.search(doc.text[max(sent_start, span[0] - 45):span[0]]))
        feature = ent.geo.feature if ent.geo else "city"
        score = (_FEATURE_RANK.get(feature or "city", 2) * 2 + (2 if prep else 0)
                 - abs(span[0] - trig_start) / 400.0)
        if best is None or score > best[0]:
            best = (score, ent)
    if best is None:
        return None
    return location_of(best[1])


def location_of(ent: Entity) -> Location:
    geo = ent.geo
    return Location(name=ent.name, country=ent.country, admin1=ent.admin1,
                    lat=geo.lat if geo else None, lon=geo.lon if geo else None,
                    geonames_id=geo.geonames_id if geo else None)
