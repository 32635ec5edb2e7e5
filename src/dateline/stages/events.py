"""PLOVER events: triggers found per sentence, grouped into mentions, mentions linked into events.

1. Each sentence's lexicon triggers (stages/triggers.py) are filtered (weak triggers need a
   figure; a disaster in the sentence claims its "killed") and grouped by family and modality
   into one *mention* per group.
2. Each mention gets the time expression that governs it (reporting times such as "said on
   Wednesday" and toll updates are skipped for non-statement events), its figures, actor,
   recipient and location (stages/participants.py).
3. Mentions link into events across sentences: same family and modality, compatible dates and
   places; a mention without a date joins the latest event of its family.
The timing stage then decides each event's timing and fills dates the text does not give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..doc import Doc, Figure, TimeX
from ..record import Count, Event, Location, Mention
from . import participants, timing_cues
from .triggers import STATEMENT_TYPES, VIOLENT_FAMILIES, TriggerMatch, find_triggers

REQUIRES = ("sentences", "entities", "places", "times", "quotes", "figures")
SETS = "events"

_MODE_PRIORITY = ("drone", "aerial", "unconventional", "suicide-attack", "explosives", "heavy-weapons",
                  "targeted", "abduct", "sexual", "torture", "primitive", "firearms", "crowd-control", "beat",
                  "arrest", "sentence", "deport", "curfew", "hunger", "strike", "riot", "obstruct", "boycott", "demo",
                  "disaster", "accident")
_LABOUR = re.compile(r"\b(?:workers?|unions?|pay|wages?|salar\w+|walked out|employees|staff)\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|announced|confirmed|added|stated|statement|"
    r"denied|denies|accused|condemned|demanded|urged|called|according|rose|climbed|risen|reached|"
    r"updated|revised|jumped|increased)\b",
    re.IGNORECASE,
)
_TOLL_UPDATE = re.compile(r"\b(?:toll|number of (?:dead|deaths|victims))\b[^.]{0,60}?\b(?:rose|climbed|risen|"
                          r"reached|jumped|increased|rises|climbs|has risen)\b", re.IGNORECASE)
_CASUALTY_KINDS = ("killed", "injured", "missing", "abducted", "displaced")


@dataclass
class EventMention:
    family: str
    type: str | None
    mode: str | None
    sentence: int
    trigger: TriggerMatch
    modality: str  # "" | hypothetical | future
    negated: bool = False
    framed_historical: bool = False
    timex: TimeX | None = None
    figures: list[Figure] = field(default_factory=list)
    actor: Mention | None = None
    recipient: Mention | None = None
    location: Location | None = None


def _pick_mode(modes) -> str | None:
    present = [m for m in modes if m]
    for mode in _MODE_PRIORITY:
        if mode in present:
            return mode
    return present[0] if present else None


def _filter(doc: Doc, matches: list[TriggerMatch], has_figure: bool) -> list[TriggerMatch]:
    text = doc.text
    hazards = [m for m in matches if m.spec.type is None and not m.spec.weak]
    strong_violence = [m for m in matches if m.spec.type == "ASSAULT" and m.spec.mode and not m.spec.weak]
    out = []
    for m in matches:
        word = m.text.lower()
        if m.spec.weak and not has_figure and not strong_violence and not hazards:
            continue
        if m.spec.type == "ASSAULT" and word in ("strike", "strikes"):
            sentence = text[doc.sentences[doc.sentence_at(m.start)].start:m.end + 60]
            if _LABOUR.search(sentence):
                continue  # a labour strike: the PROTEST forms ("on strike", "strikers") cover it
        if hazards and m.spec.type == "ASSAULT" and not m.spec.mode:
            continue  # "floods killed eight": the disaster is the event, "killed" its figure
        if m.spec.type is None and m.spec.weak and strong_violence:
            continue  # "bomb blast": an attack, not an accident
        out.append(m)
    return out


def _governing_timex(doc: Doc, sentence: int, trig: TriggerMatch, statement: bool) -> TimeX | None:
    text = doc.text
    s = doc.sentences[sentence]
    toll = _TOLL_UPDATE.search(text, s.start, s.end)
    best, best_score = None, None
    for tx in doc.timexes:
        if tx.sentence != sentence or tx.start is None or tx.time.type not in ("DATE", "TIME"):
            continue
        a, b = tx.time.span
        if toll and a > toll.start() and not statement:
            continue
        left = text[max(s.start, a - 30):a]
        right = text[b:min(s.end, b + 25)]
        reporting = bool(_REPORTING.search(left[-22:]) or re.match(r"\s*(?:,\s*)?(?:\w+\s+){0,2}?"
                                                                    r"(?:said|told|announced|reported)\b", right))
        between = text[min(b, trig.start):max(a, trig.end)]
        subordinate = bool(re.search(r"\b(?:after|before|since|following)\b", between)) and a < trig.start
        score = abs((a + b) / 2 - (trig.start + trig.end) / 2)
        if reporting and not statement:
            score += 400
        if subordinate:
            score += 300
        if statement and not reporting:
            score += 60
        if best_score is None or score < best_score:
            best, best_score = tx, score
    if best is not None and best_score >= 400 and not statement:
        return None
    return best


def _speaker_at(doc: Doc):
    def lookup(offset: int) -> Mention | None:
        for q in doc.quotes:
            if q.span[0] - 2 <= offset <= q.span[1] + 2 and q.speaker:
                ent = next((e for e in doc.entities if e.id == q.speaker_entity), None)
                return Mention(text=q.speaker, span=None, entity=q.speaker_entity,
                               country=ent.country if ent else None)
        return None
    return lookup


def _mentions_in_sentence(doc: Doc, index: int, figures: list[Figure], speaker_at) -> list[EventMention]:
    s = doc.sentences[index]
    matches = _filter(doc, find_triggers(doc.text, s.start, s.end), bool(figures))
    groups: dict[tuple[str, str], list[TriggerMatch]] = {}
    cues = {}
    for m in matches:
        cue = timing_cues.cues_for(doc, index, m.start, m.end)
        cues[id(m)] = cue
        modality = "hypothetical" if cue.hypothetical else "future" if cue.future else ""
        groups.setdefault((m.spec.family, modality), []).append(m)
    mentions = []
    for (family, modality), group in groups.items():
        lead = next((m for m in group if not m.spec.weak and m.spec.kind == "verb"),
                    next((m for m in group if not m.spec.weak), group[0]))
        statement = family in STATEMENT_TYPES
        mention = EventMention(
            family=family, type=lead.spec.type, mode=_pick_mode(m.spec.mode for m in group),
            sentence=index, trigger=lead, modality=modality,
            negated=any(cues[id(m)].negated for m in group),
            framed_historical=any(cues[id(m)].historical for m in group),
        )
        mention.timex = _governing_timex(doc, index, lead, statement)
        mention.actor = participants.find_actor(doc, s.start, s.end, lead.start, lead.end,
                                                lead.spec.kind == "noun", speaker_at)
        if family not in ("disaster", "accident"):
            mention.recipient = participants.find_recipient(doc, lead.end, s.end)
        else:
            mention.actor = None
        exclude = mention.actor.span if mention.actor and mention.actor.span else None
        mention.location = participants.find_location(doc, s.start, s.end, lead.start, exclude)
        mentions.append(mention)
    _attach_figures(mentions, figures)
    return mentions


def _attach_figures(mentions: list[EventMention], figures: list[Figure]) -> None:
    violent = [m for m in mentions if m.family in VIOLENT_FAMILIES and m.modality == ""]
    coerce = [m for m in mentions if m.family == "COERCE" and m.modality == ""]
    casualty_list = any(f.count.kind in ("killed", "injured") for f in figures) and violent
    for f in figures:
        pool = violent
        if f.count.kind == "detained" and coerce and not casualty_list:
            pool = coerce
        if not pool:
            continue
        target = min(pool, key=lambda m: abs(m.trigger.start - f.anchor[0]) + (0 if m.trigger.start <= f.anchor[0] else 50))
        target.figures.append(f)
    if casualty_list:  # "... killed, 744 injured and 841 detained": the arrests belong to the attack
        for m in list(coerce):
            if any(f.count.kind == "detained" for v in violent for f in v.figures) and not m.figures:
                mentions.remove(m)


def _dates_compatible(a: TimeX, b: TimeX) -> bool:
    slack = 1 if a.precision == "day" and b.precision == "day" else 0
    return (a.start.toordinal() - slack <= b.end.toordinal()) and (b.start.toordinal() - slack <= a.end.toordinal())


def _places_compatible(a: Location | None, b: Location | None) -> bool:
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.name and b.name and a.lat is not None and b.lat is not None:
        if a.name.lower() in b.name.lower() or b.name.lower() in a.name.lower():
            return True
        return abs(a.lat - b.lat) + abs(a.lon - b.lon) < 1.5
    return True


@dataclass
class _Cluster:
    mentions: list[EventMention]

    @property
    def family(self):
        return self.mentions[0].family

    @property
    def modality(self):
        return self.mentions[0].modality

    @property
    def timex(self) -> TimeX | None:
        dated = [m.timex for m in self.mentions if m.timex is not None]
        if not dated:
            return None
        rank = {"day": 0, "month": 1, "year": 2, "unknown": 3}
        return min(dated, key=lambda t: (rank.get(t.precision, 3), t.basis != "explicit"))

    @property
    def location(self) -> Location | None:
        located = [m.location for m in self.mentions if m.location is not None]
        if not located:
            return None
        return max(located, key=lambda loc: (loc.lat is not None and loc.name is not None,
                                             -located.index(loc) if loc.lat is None else 0))


def _link(mentions: list[EventMention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for m in mentions:
        target = None
        for c in reversed(clusters):
            if c.family != m.family or c.modality != m.modality:
                continue
            if m.family in STATEMENT_TYPES:
                same_actor = (m.actor and c.mentions[0].actor and m.actor.text == c.mentions[0].actor.text)
                if not same_actor or m.sentence - c.mentions[-1].sentence > 1:
                    continue
            if not _places_compatible(c.location, m.location):
                continue
            ct = c.timex
            if m.timex is not None and ct is not None and not _dates_compatible(m.timex, ct):
                continue
            if m.timex is None and ct is None or m.timex is None or ct is None:
                if m.timex is not None and ct is None and m.framed_historical != any(
                        x.framed_historical for x in c.mentions) and m.family not in VIOLENT_FAMILIES:
                    continue
            target = c
            break
        if target is None:
            clusters.append(_Cluster([m]))
        else:
            target.mentions.append(m)
    return clusters


def _counts(cluster: _Cluster) -> list[Count]:
    chosen: dict[str, Count] = {}
    for m in cluster.mentions:
        for f in m.figures:
            kind = f.count.kind
            if kind not in chosen or f.update_from is not None:
                chosen[kind] = f.count
    order = {k: i for i, k in enumerate(("killed", "injured", "detained", "missing", "abducted", "displaced"))}
    return sorted(chosen.values(), key=lambda c: order.get(c.kind, 9))


def _to_event(doc: Doc, cluster: _Cluster, number: int) -> Event:
    lead = next((m for m in cluster.mentions if m.trigger.spec.kind == "verb" and not m.trigger.spec.weak),
                cluster.mentions[0])
    actor = next((m.actor for m in cluster.mentions if m.actor and m.actor.entity), None) or next(
        (m.actor for m in cluster.mentions if m.actor), None)
    if lead.actor is not None and cluster.family not in STATEMENT_TYPES:
        actor = lead.actor if not (actor and actor.entity and not lead.actor.entity) else actor
    recipient = next((m.recipient for m in cluster.mentions if m.recipient), None)
    counts = _counts(cluster)
    etype = cluster.mentions[0].type
    mode = _pick_mode(m.mode for m in cluster.mentions)
    if etype == "PROTEST" and mode == "riot" and any(c.kind == "killed" and (c.min or 0) > 0 for c in counts):
        etype, mode = "ASSAULT", None  # a deadly riot is coded as the violence it was
    if etype is None and mode not in ("disaster", "accident"):
        mode = "accident"
    evidence = sorted({(doc.sentences[i].start, doc.sentences[i].end)
                       for i in {m.sentence for m in cluster.mentions}
                       | {f.sentence for m in cluster.mentions for f in m.figures}})
    confidence = min(0.95, 0.45 + 0.1 * (len(cluster.mentions) - 1) + (0.15 if cluster.timex else 0)
                     + (0.1 if actor else 0) + (0.1 if counts else 0))
    event = Event(
        id=f"ev{number}", type=etype, mode=mode,
        trigger=Mention(text=lead.trigger.text, span=(lead.trigger.start, lead.trigger.end)),
        actor=actor, recipient=recipient, location=cluster.location, counts=counts,
        evidence=evidence, confidence=confidence,
    )
    return event


def apply(doc: Doc) -> None:
    by_sentence: dict[int, list[Figure]] = {}
    for f in doc.figures:
        by_sentence.setdefault(f.sentence, []).append(f)
    speaker_at = _speaker_at(doc)
    mentions: list[EventMention] = []
    orphan_figures: list[Figure] = []
    for index in range(len(doc.sentences)):
        found = _mentions_in_sentence(doc, index, by_sentence.get(index, []), speaker_at)
        attached = {id(f) for m in found for f in m.figures}
        orphan_figures += [f for f in by_sentence.get(index, []) if id(f) not in attached]
        mentions += found
    clusters = _link(mentions)
    _adopt_orphans(doc, clusters, orphan_figures)
    clusters = [c for c in clusters if c.family is not None]
    for number, cluster in enumerate(clusters, start=1):
        event = _to_event(doc, cluster, number)
        doc.events.append(event)
        doc.mentions[event.id] = cluster.mentions


def _adopt_orphans(doc: Doc, clusters: list[_Cluster], orphans: list[Figure]) -> None:
    """Figures in sentences without a trigger join the latest fitting event before them."""
    for f in orphans:
        wanted = VIOLENT_FAMILIES if f.count.kind in _CASUALTY_KINDS else VIOLENT_FAMILIES | {"COERCE"}
        best = None
        for c in clusters:
            if c.family not in wanted or c.modality:
                continue
            first = c.mentions[0].sentence
            if first <= f.sentence and (best is None or c.mentions[-1].sentence >= best.mentions[-1].sentence):
                best = c
        if best is not None and not any(x.count.kind == f.count.kind for m in best.mentions for x in m.figures):
            best.mentions[-1].figures.append(f)
