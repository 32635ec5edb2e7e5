"""Merging the typed mentions of the entities stage into entities.

Later mentions join earlier entities: a surname the full name, an acronym the organisation it
abbreviates, a weak single word the person or place of that name; then every other place in
the text where a found name is written becomes a mention of it too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter

from .. import gazetteer
from ..doc import Doc
from ..record import Entity
from .entity_chunks import ACRONYM, PARTICLE_TOKEN, Mention, title_after, title_before, title_reverse

_PLAIN_HONORIFICS = frozenset(("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Doctor"))
_DIVISION_NOUN_END = re.compile(r" (?:state|province|region|county|governorate|district)$")
_START = attrgetter("start")


def merge(doc: Doc, mentions: list[Mention], lex) -> list[Entity]:
    text = doc.text
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], Entity] = {}
    persons: list[tuple[Entity, list[str], set[str]]] = []
    full_tokens: set[str] = set()  # the name words of the people named in full
    by_name: dict[str, Entity] = {}  # folded name -> first non-person entity of that name
    for m in mentions:
        if m.type == "PERSON" and len(m.name.split()) > 1 and not m.weak:
            full_tokens.update(gazetteer.fold(part) for part in m.name.split() if part[:1].isupper())

    def new(m: Mention, key: tuple[str, str]) -> Entity:
        # (id, type, name, title, country, spans), given in order: quicker than by keyword
        ent = Entity("", m.type, m.name, None if m.title == "?" else m.title, m.country, [(m.start, m.end)])
        entities.append(ent)
        by_key[key] = ent
        return ent

    for m in sorted(mentions, key=_START):
        span = (m.start, m.end)
        folded = gazetteer.fold(m.name)
        if m.type == "PERSON" or (m.weak and folded in full_tokens):
            parts = [gazetteer.fold(p) for p in m.name.split() if p[:1].isupper() or PARTICLE_TOKEN.match(p)]
            match = None
            if parts:
                part_set = set(parts)
                for ent, ent_parts, ent_set in reversed(persons):
                    if parts == ent_parts or part_set <= ent_set and parts[-1] in ent_set:
                        match = ent
                        break
            if match is None and m.weak and len(parts) == 1:
                other = by_name.get(folded)
                if other is not None:  # "in Madyan, said": the town named before
                    other.spans.append(span)
                continue  # an unknown single word that is no one's surname
            if match is None and m.type != "PERSON":
                continue
            if match is None:
                ent = new(Mention(m.start, m.end, "PERSON", m.name, m.title, m.country), ("PERSON", folded))
                persons.append((ent, parts, set(parts)))
                match = ent
            else:
                match.spans.append(span)
                if len(m.name) > len(match.name):
                    match.name = m.name
            honorific = m.title is not None and m.title.rstrip(".") in _PLAIN_HONORIFICS
            if match.title is None and m.title not in (None, "?") and not honorific:
                match.title = m.title
            if match.title is None:
                match.title = (title_before(text, m.start, lex) or title_after(text, m.end, lex)
                               or title_reverse(text, m.start, lex) or (m.title if honorific else None))
            match.country = match.country or m.country
            continue
        if m.weak and ("ORG", folded) in by_key:  # "told Meridian": the agency of the dateline
            by_key[("ORG", folded)].spans.append(span)
            continue
        key_name = m.country if m.type == "NORP" and m.country else folded
        if " " in key_name:
            key_name = _DIVISION_NOUN_END.sub("", key_name)
        key = (m.type if m.type != "LOC" else "GPE", key_name)
        if m.type == "ORG" and (m.alias or (ACRONYM.match(m.name) and ("ORG", folded) not in by_key)):
            alias_key = ("ORG", gazetteer.fold(m.alias or m.name))
            if alias_key in by_key and not m.alias:
                by_key[alias_key].spans.append(span)
                continue
        ent = by_key.get(key) or (by_name.get(folded) if m.weak else None)
        if ent is None:
            ent = new(m, key)
            by_name.setdefault(folded, ent)
            if m.alias:
                by_key[("ORG", gazetteer.fold(m.alias))] = ent
        else:
            ent.spans.append(span)
            ent.country = ent.country or m.country
            if ent.name.isupper() and not m.name.isupper():
                ent.name = m.name
    for i, ent in enumerate(entities, 1):
        ent.id = f"e{i}"
        ent.spans.sort()
    return entities


def _add_repeated_mentions(doc: Doc) -> None:
    """A name found once is the same name wherever else it is written, also where the chunker
    could not tell it from a capitalised sentence opener ("Mogadishu's worst bombing ...")."""
    names = {ent.name: ent for ent in doc.entities
             if ent.type in ("GPE", "LOC", "ORG", "FAC") and len(ent.name) >= 4}
    if not names:
        return
    text = doc.text
    size = len(text)
    # every whole-word occurrence, read left to right without overlaps; at one offset the
    # longest name wins (so "Nairobi County" before "Nairobi")
    found = []
    for rank, name in enumerate(sorted(names, key=len, reverse=True)):
        n = len(name)
        i = text.find(name)
        while i >= 0:
            if i and (text[i - 1].isalnum() or text[i - 1] in "_-"):  # re's [\w-] before
                pass
            elif i + n == size or not (text[i + n].isalnum() or text[i + n] in "_-"):
                found.append((i, rank, name))
            i = text.find(name, i + 1)
    if not found:
        return
    found.sort()
    taken = sorted(span for ent in doc.entities for span in ent.spans)
    starts = [s for s, _ in taken]
    added = False
    read_to = 0
    for start, _rank, name in found:
        if start < read_to:
            continue
        end = read_to = start + len(name)
        i = bisect_right(starts, start) - 1
        if (i >= 0 and taken[i][1] > start) or (i + 1 < len(taken) and taken[i + 1][0] < end):
            continue  # already part of a mention
        names[name].spans.append((start, end))
        added = True
    if added:
        for ent in names.values():
            ent.spans.sort()
