"""Linking event mentions across sentences into events.

A mention joins the latest event of its family and modality whose date and place are
compatible with it. A mention without a date joins the latest such event, but a dated past
mention never joins a current undated event, "a second strike" starts a new one, a negated
aside stays apart, background ("groups have carried out similar bombings") never absorbs the
news, and counter-violence (the target of an event striking back) is its own event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..doc import Doc, Figure, TimeX
from ..gazetteer import fold
from ..lexicons import load
from ..record import Count, Location, Mention
from . import participants
from .event_time import best_timex
from .timing import HISTORICAL_AFTER_DAYS
from .triggers import STATEMENT_TYPES, VIOLENT_FAMILIES, TriggerMatch

CASUALTY_KINDS = ("killed", "injured", "missing", "abducted", "displaced")


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
    weak: bool = False  # only weak triggers and no figure: may join an event, never start one
    distinct: bool = False  # "a second drone strike": never joins an earlier event
    timex: TimeX | None = None
    context_timex: TimeX | None = None  # the sentence's own day, for a current event the text leaves undated
    figures: list[Figure] = field(default_factory=list)
    actor: Mention | None = None
    recipient: Mention | None = None
    location: Location | None = None


# a day's slack only where the night may straddle two dates; "Monday" and "Tuesday's clashes" are two days
_AROUND_MIDNIGHT = re.compile(r"\b(?:late|overnight|night|midnight|early|dawn|pre-dawn|evening)\b", re.I)


_PERIOD_DAYS = 400  # longer than a year: "between 1985 and 2018" is a period, not one event's date


def _period(t: TimeX) -> bool:
    return t.start is not None and t.end is not None and (t.end - t.start).days > _PERIOD_DAYS


def dates_compatible(a: TimeX, b: TimeX) -> bool:
    if _period(a) != _period(b):
        return False  # "450,000 were killed between 1985 and 2018" is a tally, not the massacre of March 8, 2002
    # a day's slack between two single days ("late Tuesday", "overnight into Wednesday"), none for spans
    slack = 1 if a.precision == "day" and b.precision == "day" and a.start == a.end and b.start == b.end \
        and (_AROUND_MIDNIGHT.search(a.time.text) or _AROUND_MIDNIGHT.search(b.time.text)
             or "inferred" in (a.basis, b.basis)) else 0
    return (a.start.toordinal() - slack <= b.end.toordinal()) and (b.start.toordinal() - slack <= a.end.toordinal())


def places_compatible(a: Location | None, b: Location | None, coarser: bool = False) -> bool:
    """Can two places name the site of one event? ``coarser``: the second comes with a date of
    another precision ("earlier this month" against "late on Monday"), so a different place
    name means a different event."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if not (a.name and b.name) or participants.is_country_name(a.name) or participants.is_country_name(b.name):
        return True  # a town lies inside the country named before it
    x, y = _fold(a.name), _fold(b.name)
    if x in y or y in x or (a.admin1 and _region(a.admin1) in y) or (b.admin1 and _region(b.admin1) in x):
        return True  # (a town in "Sagaing Region" lies in "the central Sagaing region")
    if a.lat is not None and b.lat is not None:
        return abs(a.lat - b.lat) + abs(a.lon - b.lon) < 0.5
    return not coarser


_REGION_WORD = re.compile(r"\s+(?:region|province|state|governorate|division|oblast|county|department|district)$")


@lru_cache(maxsize=4096)
def _region(admin1: str) -> str:
    return _REGION_WORD.sub("", fold(admin1))


_fold = lru_cache(maxsize=4096)(fold)  # (place names recur from mention to mention)


SPECIFICITY = {"city": 3, "admin2": 2, "admin1": 1, "country": 0}


def specificity(doc: Doc, loc: Location) -> int:
    if loc.name is None:
        return -1
    located = doc.memo.get("located_entities")
    if located is None:
        located = doc.memo["located_entities"] = {}
        for e in doc.entities:
            if e.geo is not None:
                located.setdefault(e.name, e)
    ent = located.get(loc.name)
    if ent is None:
        return 0 if participants.is_country_name(loc.name) else 3
    return SPECIFICITY.get(ent.geo.feature or "city", 2)




@dataclass
class Cluster:
    mentions: list[EventMention]
    # (number of mentions, value): linking asks each cluster for these once per new mention
    _timex: tuple[int, TimeX | None] = (0, None)
    _location: tuple[int, Location | None] = (0, None)

    @property
    def family(self):
        return self.mentions[0].family

    @property
    def modality(self):
        return self.mentions[0].modality

    @property
    def timex(self) -> TimeX | None:
        if self._timex[0] != len(self.mentions):
            self._timex = (len(self.mentions), best_timex(self.mentions))
        return self._timex[1]

    def location(self, doc: Doc) -> Location | None:
        if self._location[0] != len(self.mentions):
            # the most specific place, the first told of those as specific
            best = None
            best_rank = -2
            for m in self.mentions:
                if m.location is not None:
                    rank = specificity(doc, m.location)
                    if rank > best_rank:
                        best, best_rank = m.location, rank
            self._location = (len(self.mentions), best)
        return self._location[1]


@cache
def _same_force() -> dict[str, str]:
    return {word: group[0] for group in load("actors")["same_force"] for word in group}


def head_word(mention: Mention | None) -> str | None:
    """The head of an actor or target, singular, one word for one force ("officers" is "police")."""
    if mention is None or not mention.text:
        return None
    return _head_word(mention.text)


@lru_cache(maxsize=4096)
def _head_word(text: str) -> str:
    word = text.split()[-1].lower().strip(".,'’")
    word = word[:-1] if word.endswith("s") and len(word) > 3 else word
    return _same_force().get(word, word)


def roles_reversed(c: Cluster, m: EventMention) -> bool:
    """"Police fired tear gas at the protesters" and "protesters threw stones at police" are
    two events: the doer of one is the target of the other."""
    if m.family != "ASSAULT":
        return False
    actor = head_word(m.actor)
    if actor is None:
        return False
    targets = {head_word(x.recipient) for x in c.mentions if x.recipient}
    return actor in targets and actor not in {head_word(x.actor) for x in c.mentions if x.actor}


def _victims_are_its_actors(c: Cluster, m: EventMention) -> bool:
    """"11 police officers had been injured" is no toll of the police's own water cannon."""
    if not m.figures:
        return False
    own = {head_word(x.actor) for x in c.mentions if x.actor}
    if not own:
        return False
    for f in m.figures:
        if f.count.who and _head_word(f.count.who) in own:
            return True
    return False


def figures_apart(c: Cluster, m: EventMention) -> int:
    """"About 200 Tutsi civilians were killed in the church" and "about 800,000 were killed in
    100 days": figures of one kind orders of magnitude apart count two events, not one toll.
    1 where the mention's figure is the far larger (a tally), -1 where the cluster's is, else 0."""
    for f in m.figures:
        for mention in c.mentions:
            for x in mention.figures:
                if x.count.kind == f.count.kind and x.count.min and f.count.min:
                    low, high = sorted((x.count.min, f.count.min))
                    if high > 20 * low and high - low > 50:
                        return 1 if f.count.min == high else -1
    return 0


def _all_historical(c: Cluster) -> bool:
    for x in c.mentions:
        if not x.framed_historical:
            return False
    return True


def joinable(doc: Doc, c: Cluster, m: EventMention) -> bool:
    first = c.mentions[0]
    if first.family != m.family or first.modality != m.modality:
        return False
    if (m.family == "ASSAULT" and m.actor is not None and roles_reversed(c, m)) \
            or (m.figures and (figures_apart(c, m) or _victims_are_its_actors(c, m))):
        return False
    if m.family == "COERCE" and m.mode and first.mode and m.mode != first.mode:
        return False  # an arrest, a curfew and a sentence are three measures, not one
    ct = c.timex
    if m.timex is None and ct is None and not m.framed_historical and _all_historical(c):
        return False  # background ("groups have carried out similar bombings") is not the news event
    if m.negated and not first.negated and (m.timex is None or ct is None):
        return False  # "the town had not been attacked": not a mention of the attack before it
    if m.figures and not m.negated and all(x.negated for x in c.mentions):
        return False  # "denied that police fired live ammunition. A man was killed by a bullet": not the denial's
    if m.family in STATEMENT_TYPES:
        same_actor = m.actor and first.actor and m.actor.text == first.actor.text
        if not same_actor or m.sentence - c.mentions[-1].sentence > 1:
            return False
    coarser = m.timex is not None and ct is not None and m.timex.precision != ct.precision
    if not places_compatible(c.location(doc), m.location, coarser):
        return False
    if m.timex is not None and ct is not None:
        return dates_compatible(m.timex, ct)
    # an undated current mention still happened on the day its sentence reports on: "protesters
    # who stormed parliament on Tuesday" is not "smaller protests last week"
    # (not for a mention with figures: "the toll rose to 35 on Thursday" is the attack's toll)
    if not m.figures and not any(x.figures for x in c.mentions):
        mine = m.timex or (m.context_timex if not m.framed_historical else None)
        theirs = ct or next((x.context_timex for x in c.mentions if x.context_timex is not None
                             and not x.framed_historical), None)
        if mine is not None and theirs is not None and (m.timex is None or ct is None) \
                and not dates_compatible(mine, theirs):
            return False
    if m.timex is not None and ct is None:
        if _period(m.timex):
            return False  # a tally over years ("between 1985 and 2018") is not the undated event before it
        published = doc.reference_date
        past = published is not None and m.timex.end is not None and \
            (published - m.timex.end).days > HISTORICAL_AFTER_DAYS
        return past == any(x.framed_historical for x in c.mentions)
    return True


def link(doc: Doc, mentions: list[EventMention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    # the clusters of each family and modality, in order: a mention joins no cluster of another
    kinds: dict[tuple[str, str], list[Cluster]] = {}
    for m in mentions:
        target = None
        if not m.distinct or m.weak:
            for c in reversed(kinds.get((m.family, m.modality), ())):
                if joinable(doc, c, m):
                    target = c
                    break
        if target is None and not m.weak:
            if m.timex is None and m.figures and any(figures_apart(c, m) == 1 for c in clusters):
                # "the war has killed more than 20,000 people": a tally over no day of its own
                # is the past's, not an event on the day of the news
                m.framed_historical = True
            clusters.append(Cluster([m]))
            kinds.setdefault((m.family, m.modality), []).append(clusters[-1])
        elif target is not None:
            target.mentions.append(m)
    return clusters


_KIND_ORDER = {k: i for i, k in enumerate(("killed", "injured", "detained", "missing", "abducted", "displaced"))}


def counts(cluster: Cluster, doc: Doc | None = None) -> list[Count]:
    chosen: dict[str, Count] = {}
    for m in cluster.mentions:
        for f in m.figures:
            kind = f.count.kind
            if kind not in chosen or f.update_from is not None or _sharper(f.count, chosen[kind]) \
                    or (doc is not None and _new_toll(doc, f, chosen[kind])):
                chosen[kind] = f.count
    return sorted(chosen.values(), key=lambda c: _KIND_ORDER.get(c.kind, 9))


def _sharper(new: Count, old: Count) -> bool:
    """"Dozens were injured" and later "more than 50 of its supporters had been injured": a
    precise figure that is not smaller replaces a vague one (a smaller one may be a part of it)."""
    return old.qualifier == "vague" and new.qualifier != "vague" and (new.min or 0) >= (old.min or 0)


def _new_toll(doc: Doc, f: Figure, old: Count) -> bool:
    """"bringing the death toll to six" after "two soldiers were killed": a toll that is not
    smaller replaces the figure before it, as "rose to 35 from 20" does."""
    return "toll" in doc.article.text[f.anchor[0]:f.anchor[1]].lower() and (f.count.min or 0) >= (old.min or 0)


def _last_before(c: Cluster, sentence: int) -> int:
    return max(m.sentence for m in c.mentions if m.sentence <= sentence)


def adopt_orphans(clusters: list[Cluster], orphans: list[Figure], doc: Doc | None = None) -> None:
    """Figures in sentences without a trigger join the latest fitting event before them."""
    for f in orphans:
        wanted = VIOLENT_FAMILIES if f.count.kind in CASUALTY_KINDS else VIOLENT_FAMILIES | {"COERCE"}
        victims = head_word(Mention(text=f.count.who, span=None)) if f.count.who else None
        best, best_targeted = None, None
        for c in clusters:
            if c.family not in wanted or c.modality or all(m.negated for m in c.mentions) \
                    or c.mentions[0].sentence > f.sentence:
                continue  # ("did not open fire on civilians" has no victims to adopt)
            # the event told last before the figure ("At least 17 people were injured" after
            # the clashes, not after the shooting of the day before that a later quote recalls)
            if best is None or _last_before(c, f.sentence) >= _last_before(best, f.sentence):
                best = c
            # ... unless an event before it targeted these victims ("threw stones at officers ...
            # police used water cannon ... Eleven police officers were injured")
            if victims and any(head_word(m.recipient) == victims for m in c.mentions) and (
                    best_targeted is None or _last_before(c, f.sentence) >= _last_before(best_targeted, f.sentence)):
                best_targeted = c
        best = best_targeted or best
        if best is None:
            continue
        same_kind = [x.count for m in best.mentions for x in m.figures if x.count.kind == f.count.kind]
        if not same_kind or f.update_from is not None or all(_sharper(f.count, c) for c in same_kind) \
                or (doc is not None and all(_new_toll(doc, f, c) for c in same_kind)):
            best.mentions[-1].figures.append(f)
