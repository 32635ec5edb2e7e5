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

import datetime as dt
import re
from dataclasses import dataclass, field

from ..doc import Doc, Figure, TimeX
from ..gazetteer import fold
from ..record import Count, Event, Location, Mention, Time
from . import participants, timing_cues
from .anniversary import Anniversary, remembered_timex
from .anniversary import find as find_anniversary
from .timing import HISTORICAL_AFTER_DAYS
from .triggers import STATEMENT_TYPES, VIOLENT_FAMILIES, TriggerMatch, TriggerSpec, find_triggers

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
    r"updated|revised|jumped|increased|ruled|found|concluded|declared|estimated|sentenced|convicted)\b",
)  # lower case only: "Port Said" is a place
_TOLL_UPDATE = re.compile(r"\b(?:toll|number of (?:dead|deaths|victims))\b[^.]{0,160}?\b(?:rose|climbed|risen|"
                          r"reached|jumped|increased|rises|climbs|has risen)\b", re.IGNORECASE)
_DISTINCT = re.compile(r"\b(?:a second|a third|another|a separate|a fresh|a new|a further)\s+(?:[\w-]+\s+){0,2}$",
                       re.IGNORECASE)
_ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those)\s+$", re.IGNORECASE)
_RAID = re.compile(r"^(?:raid|raids|raided|swoop)$", re.IGNORECASE)
_SECURITY = re.compile(r"\b(?:police|security|soldiers|troops|army|officers|agents|gendarmes|forces)\b", re.I)
_MONTH_MARCH = re.compile(r"March(?=\s+\d)|(?<=\d\s)March|(?<=in\s)March|(?<=of\s)March")
_CLAIM = re.compile(r"([A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+){0,3})\s+(?:has\s+|have\s+)?(?:claimed responsibility|"
                    r"said it (?:had )?carried out|claimed the (?:attack|bombing|killing))")
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
    weak: bool = False  # only weak triggers and no figure: may join an event, never start one
    distinct: bool = False  # "a second drone strike": never joins an earlier event
    timex: TimeX | None = None
    context_timex: TimeX | None = None  # the sentence's own day, for a current event the text leaves undated
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


_PARTICIPLE_NOUNS = frozenset({"accused", "detained", "arrested", "abducted", "kidnapped", "condemned",
                               "sentenced", "convicted", "deported"})
_DEADLY_RIOT = TriggerSpec("ASSAULT", None, "noun", False, ())


def _filter(doc: Doc, matches: list[TriggerMatch], deadly_riot: bool = False) -> list[TriggerMatch]:
    text = doc.text
    if deadly_riot:
        matches = [TriggerMatch(m.start, m.end, m.text, _DEADLY_RIOT) if m.spec.mode == "riot" else m
                   for m in matches]
    hazards = [m for m in matches if m.spec.type is None and not m.spec.weak]
    weak_hazards = [m for m in matches if m.spec.type is None and m.spec.weak]
    strong_violence = [m for m in matches if m.spec.type == "ASSAULT" and m.spec.mode and not m.spec.weak]
    out = []
    for m in matches:
        word = m.text.lower()
        if word in _PARTICIPLE_NOUNS and re.search(r"\b(?:the|a|an|those|these)\s+$",
                                                   text[max(0, m.start - 7):m.start], re.I):
            continue  # "the accused", "those arrested": a participle used as a noun
        if word == "march" and _MONTH_MARCH.match(text, m.start):
            continue  # the month
        if m.spec.type == "ASSAULT" and word in ("strike", "strikes"):
            sentence = text[doc.sentences[doc.sentence_at(m.start)].start:m.end + 60]
            if _LABOUR.search(sentence):
                continue  # a labour strike: the PROTEST forms ("on strike", "strikers") cover it
        if m.spec.type == "ASSAULT" and not m.spec.mode and (hazards or (weak_hazards and not strong_violence)):
            continue  # "floods killed eight", "a fire killed 46": the hazard is the event, "killed" its figure
        if m.spec.type is None and m.spec.weak and (strong_violence or hazards):
            continue  # "bomb blast" is an attack; "homes collapsed" in a flood is the flood
        out.append(m)
    return out


def _attachment_distance(text: str, a: int, b: int, m: TriggerMatch) -> float:
    """How far the phrase at [a, b) is from trigger ``m``, counting clause breaks as distance:
    adverbials follow their verb ("went on strike on Saturday, demanding ..."), and "a day after
    the riot" puts the day outside the riot."""
    lo, hi = (b, m.start) if b <= m.start else (m.end, a)
    between = text[lo:hi] if lo < hi else ""
    distance = float(len(between))
    if "," in between or ";" in between:
        distance += 15
    if re.search(r"\b(?:after|before|since|following|when|until)\b", between):
        distance += 40
    if b <= m.start:
        distance += 3  # a trigger before the phrase is its more likely head
        if re.match(r"\W*(?:have|has|had|were|was|is|are|will)\b", between):
            distance += 30  # "who abducted 23 villagers last week have threatened": the relative clause's
    return distance


_SENTENCE_OPENER = re.compile(r"\W*(?:(?:on|in|at|during|by|since|from|early|late|until)\s+)?"
                              r"(?:the\s+(?:night|morning|evening|afternoon|weekend|early\s+hours|dawn)\s+"
                              r"(?:of|from)\s+)?$", re.IGNORECASE)


def _owners(doc: Doc, sentence: int, matches: list[TriggerMatch]) -> dict[int, int]:
    """Each time expression of the sentence goes to the nearest trigger ("A court on Tuesday
    sentenced a man for a raid": Tuesday is the sentencing's); one that opens the sentence
    before any trigger governs them all (value -1)."""
    owners = {}
    s = doc.sentences[sentence]
    first = min((m.start for m in matches), default=s.end)
    for i, tx in enumerate(doc.timexes):
        if tx.sentence != sentence:
            continue
        a, b = tx.time.span
        if b <= first and _SENTENCE_OPENER.match(doc.text, s.start, a):
            owners[i] = -1  # "On the night from January 19 to 20, 1990, Soviet forces ...": the whole sentence's
            continue
        dist = [(_attachment_distance(doc.text, a, b, m), j) for j, m in enumerate(matches)]
        owners[i] = min(dist)[1] if dist else -1
    return owners


def _governing_timex(doc: Doc, sentence: int, group: list[TriggerMatch], owned: set[int],
                     statement: bool) -> TimeX | None:
    text = doc.text
    s = doc.sentences[sentence]
    trig = group[0]
    toll = _TOLL_UPDATE.search(text, s.start, s.end)
    best, best_score = None, None
    for i, tx in enumerate(doc.timexes):
        if i not in owned or tx.start is None or tx.time.type not in ("DATE", "TIME"):
            continue
        a, b = tx.time.span
        if toll and a > toll.start() and not statement:
            continue
        left = text[max(s.start, a - 30):a]
        right = text[b:min(s.end, b + 25)]
        # "said on Thursday", "on Thursday said"; but "killed 15 on Thursday, police said" is the killing's
        reporting = bool(_REPORTING.search(left[-22:]) or re.match(
            r"\s+(?:(?!and\b|but\b)\w+\s+)?(?:said|told|announced|reported)\b", right))
        between = text[min(b, trig.start):max(a, trig.end)]
        subordinate = bool(re.search(r"\b(?:after|before|since|following)\b", between)) and a < trig.start
        shifted = _day_offset(between, tx) if subordinate else None
        if shifted is not None:  # "on Tuesday, a day after a police officer shot dead ...": Monday
            tx, subordinate = shifted, False
        score = min(abs((a + b) / 2 - (m.start + m.end) / 2) for m in group)
        if reporting and not statement:
            score += 400
        if subordinate:
            score += 400
        if statement and not reporting:
            score += 60
        if best_score is None or score < best_score:
            best, best_score = tx, score
    if best is not None and best_score >= 400 and not statement:
        return None
    return best


_OFFSET = re.compile(r"^\W*(a|one|two|three|four|five|six|seven)\s+(day|days|week|weeks)\s+(after|before)\b",
                     re.IGNORECASE)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _day_offset(between: str, tx: TimeX) -> TimeX | None:
    m = _OFFSET.match(between)
    if not m or tx.precision != "day" or tx.start is None:
        return None
    days = _SMALL[m.group(1).lower()] * (7 if m.group(2).lower().startswith("week") else 1)
    delta = dt.timedelta(days=-days if m.group(3).lower() == "after" else days)
    day = tx.start + delta
    return TimeX(time=Time(text=f"{tx.time.text}{between[:m.end()]}", span=tx.time.span, type="DATE",
                           value=day.isoformat()), sentence=tx.sentence, start=day, end=day,
                 precision="day", basis="relative")


def _context_timex(doc: Doc, sentence: int) -> TimeX | None:
    """The day a sentence reports on ("A man was shot dead on Tuesday as police fired tear gas to
    disperse protesters"), skipping reporting times ("said on Wednesday")."""
    text = doc.text
    published = doc.reference_date
    for tx in doc.timexes:
        if tx.sentence != sentence or tx.precision != "day" or tx.start is None or tx.future:
            continue
        if published is not None and tx.start > published:
            continue
        a, b = tx.time.span
        if _REPORTING.search(text[max(0, a - 22):a]) or re.match(r"\s+(?:\w+\s+)?(?:said|told)\b", text[b:b + 25]):
            continue
        return tx
    return None


def _speaker_at(doc: Doc):
    def lookup(offset: int) -> Mention | None:
        for q in doc.quotes:
            if q.span[0] - 2 <= offset <= q.span[1] + 2 and q.speaker:
                ent = next((e for e in doc.entities if e.id == q.speaker_entity), None)
                return Mention(text=q.speaker, span=None, entity=q.speaker_entity,
                               country=ent.country if ent else None)
        return None
    return lookup


def _has_deadly_riot(doc: Doc, triggers: list[list[TriggerMatch]]) -> bool:
    """A riot that killed people is coded as the violence it was, in every sentence that names it."""
    return any(f.count.kind == "killed" and (f.count.min or 0) > 0
               and any(m.spec.mode == "riot" for m in triggers[f.sentence]) for f in doc.figures)


def _mentions_in_sentence(doc: Doc, index: int, figures: list[Figure], speaker_at, deadly_riot: bool = False,
                          anniversary: Anniversary | None = None,
                          triggers: list[TriggerMatch] | None = None) -> list[EventMention]:
    s = doc.sentences[index]
    if triggers is None:
        triggers = find_triggers(doc.text, s.start, s.end)
    matches = _filter(doc, triggers, deadly_riot)
    owners = _owners(doc, index, matches)
    groups: dict[tuple[str, str], list[TriggerMatch]] = {}
    cues = {}
    for m in matches:
        cue = timing_cues.cues_for(doc, index, m.start, m.end)
        cues[id(m)] = cue
        statement = m.spec.family in STATEMENT_TYPES
        modality = "hypothetical" if cue.hypothetical and not statement else "future" if cue.future else ""
        groups.setdefault((m.spec.family, modality), []).append(m)
    mentions = []
    for (family, modality), group in groups.items():
        group.sort(key=lambda m: (m.spec.weak, {"verb": 0, "noun": 1}.get(m.spec.kind, 2), m.start))
        lead = group[0]
        statement = family in STATEMENT_TYPES
        indices = {id(m) for m in group}
        mine = {j for j, m in enumerate(matches) if id(m) in indices}
        owned = {i for i, owner in owners.items() if owner == -1 or owner in mine}
        mention = EventMention(
            family=family, type=lead.spec.type, mode=_pick_mode(m.spec.mode for m in group),
            sentence=index, trigger=lead, modality=modality,
            negated=any(cues[id(m)].negated for m in group),
            framed_historical=any(cues[id(m)].historical for m in group),
            weak=all(m.spec.weak for m in group),
            distinct=any(_DISTINCT.search(doc.text[max(s.start, m.start - 40):m.start]) for m in group),
        )
        mention.timex = _governing_timex(doc, index, group, owned, statement)
        mention.context_timex = _context_timex(doc, index)
        if anniversary is not None and not statement:
            mention.timex = remembered_timex(doc, anniversary, lead.start, index, mention.timex) or mention.timex
        if family not in ("disaster", "accident"):
            # "X condemned the attack": X did not attack; but "X denied shelling", "X threatened
            # to kill" name the would-be actor
            said = [m.end for m in matches if m.spec.family in ("ACCUSE", "REQUEST", "SUPPORT")
                    and m.end <= lead.start]
            floor = max(said) if said and not statement else 0
            others = [m for m in matches if id(m) not in indices]
            mention.actor = participants.find_actor(doc, s.start, s.end, group, speaker_at, statement, floor,
                                                    others)
            mention.recipient = participants.find_recipient(doc, lead.end, s.end)
        # the attacker's own name is not where the attack was; "a Brussels jury" sits in Brussels
        exclude = mention.actor.span if mention.actor and mention.actor.span and family in VIOLENT_FAMILIES else None
        others = [m for m in matches if id(m) not in indices]
        mention.location = participants.find_location(doc, s.start, s.end, group, others, exclude, statement)
        if lead.spec.type == "ASSAULT" and _RAID.match(lead.text) and (
                any(m.spec.type == "COERCE" and m.spec.mode == "arrest" for m in matches)
                or (mention.actor and _SECURITY.search(mention.actor.text))):
            mention.family, mention.type, mention.mode = "COERCE", "COERCE", "arrest"  # a police raid
        mentions.append(mention)
    _attach_figures(mentions, figures)
    for m in mentions:
        if not m.figures and m.timex is None and m.family == "ASSAULT" and not m.mode and not m.modality and (
                m.actor is None or _ANAPHORIC.search(doc.text[max(s.start, m.trigger.start - 12):m.trigger.start])):
            m.weak = True  # "the attack", "killed or captured": a reference back, not a new event
        if m.family in ("disaster", "accident") and not m.figures and doc.sentences[index].in_quote:
            m.weak = True  # "I thought it was an earthquake": a simile in a witness's words
        m.weak = m.weak and not m.figures and not (m.timex is not None and m.timex.basis == "inferred")
    return mentions


def _attach_figures(mentions: list[EventMention], figures: list[Figure]) -> None:
    violent = [m for m in mentions if m.family in VIOLENT_FAMILIES and m.modality == ""]
    coerce = [m for m in mentions if m.family == "COERCE" and m.modality == ""]
    # "150 were killed, 744 injured and 841 detained": arrests without an arrester of their own
    # belong to the attack; "police arrested 41 fans after ... injuring 27" are an arrest event
    casualty_list = any(f.count.kind in ("killed", "injured") for f in figures) and violent and not any(
        m.actor for m in coerce)
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
    # a day's slack between two single days ("late Tuesday", "overnight into Wednesday"), none for spans
    slack = 1 if a.precision == "day" and b.precision == "day" and a.start == a.end and b.start == b.end else 0
    return (a.start.toordinal() - slack <= b.end.toordinal()) and (b.start.toordinal() - slack <= a.end.toordinal())


def _places_compatible(a: Location | None, b: Location | None, coarser: bool = False) -> bool:
    """Can two places name the site of one event? ``coarser``: the second comes with a date of
    another precision ("earlier this month" against "late on Monday"), so a different place
    name means a different event."""
    if a is None or b is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if not (a.name and b.name):
        return True
    x, y = fold(a.name), fold(b.name)
    if x in y or y in x or (a.admin1 and fold(a.admin1) in y) or (b.admin1 and fold(b.admin1) in x):
        return True
    if a.lat is not None and b.lat is not None:
        return abs(a.lat - b.lat) + abs(a.lon - b.lon) < 0.5
    return not coarser


_SPECIFICITY = {"city": 3, "admin2": 2, "admin1": 1, "country": 0}


def _specificity(doc: Doc, loc: Location) -> int:
    if loc.name is None:
        return -1
    ent = next((e for e in doc.entities if e.name == loc.name and e.geo is not None), None)
    if ent is None:
        return 0 if participants.is_country_name(loc.name) else 3
    return _SPECIFICITY.get(ent.geo.feature or "city", 2)


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

    def location(self, doc: Doc) -> Location | None:
        located = [m.location for m in self.mentions if m.location is not None]
        if not located:
            return None
        return max(located, key=lambda loc: (_specificity(doc, loc), -located.index(loc)))


def _head(mention: Mention | None) -> str | None:
    if mention is None or not mention.text:
        return None
    word = mention.text.split()[-1].lower().strip(".,'’")
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def _roles_reversed(c: _Cluster, m: EventMention) -> bool:
    """"Police fired tear gas at the protesters" and "protesters threw stones at police" are
    two events: the doer of one is the target of the other."""
    actor = _head(m.actor)
    if actor is None or m.family != "ASSAULT":
        return False
    own = {_head(x.actor) for x in c.mentions if x.actor}
    targets = {_head(x.recipient) for x in c.mentions if x.recipient}
    return actor not in own and actor in targets


def _joinable(doc: Doc, c: _Cluster, m: EventMention) -> bool:
    if c.family != m.family or c.modality != m.modality:
        return False
    if _roles_reversed(c, m):
        return False
    if m.timex is None and c.timex is None and not m.framed_historical \
            and all(x.framed_historical for x in c.mentions):
        return False  # background ("groups have carried out similar bombings") is not the news event
    if m.negated and not c.mentions[0].negated and (m.timex is None or c.timex is None):
        return False  # "the town had not been attacked": not a mention of the attack before it
    if m.family in STATEMENT_TYPES:
        same_actor = m.actor and c.mentions[0].actor and m.actor.text == c.mentions[0].actor.text
        if not same_actor or m.sentence - c.mentions[-1].sentence > 1:
            return False
    ct = c.timex
    coarser = m.timex is not None and ct is not None and m.timex.precision != ct.precision
    if not _places_compatible(c.location(doc), m.location, coarser):
        return False
    if m.timex is not None and ct is not None:
        return _dates_compatible(m.timex, ct)
    if m.timex is not None and ct is None:
        published = doc.reference_date
        past = published is not None and m.timex.end is not None and \
            (published - m.timex.end).days > HISTORICAL_AFTER_DAYS
        return past == any(x.framed_historical for x in c.mentions)
    return True


def _link(doc: Doc, mentions: list[EventMention]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for m in mentions:
        target = None
        if not m.distinct or m.weak:
            target = next((c for c in reversed(clusters) if _joinable(doc, c, m)), None)
        if target is None and not m.weak:
            clusters.append(_Cluster([m]))
        elif target is not None:
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


def _claimed_by(doc: Doc) -> Mention | None:
    """"Al-Shabaab said it carried out the attack": the claimant, for violence without a named actor."""
    m = _CLAIM.search(doc.text)
    if not m:
        return None
    ent = next((e for e in doc.entities for sp in e.spans if sp[0] >= m.start(1) and sp[1] <= m.end(1)), None)
    return Mention(text=m.group(1), span=(m.start(1), m.end(1)), entity=ent.id if ent else None,
                   country=ent.country if ent else None)


def _fallback_location(doc: Doc, statement: bool, actor: Mention | None) -> Location | None:
    """Where the text names no place: a statement was made where the dateline is; other events
    keep only the country the article is about."""
    place = doc.article.dateline.place if doc.article.dateline else None
    if statement and place:
        ent = next((e for e in doc.entities if e.name == place and e.type in ("GPE", "LOC")), None)
        if ent is not None and ent.country:
            return participants.location_of(ent)
    country = (actor.country if statement and actor and actor.country else None) or doc.country_hint
    return Location(country=country) if country else None


def _inherit_locations(doc: Doc, events: list[Event], clusters: list[_Cluster]) -> None:
    """A current event whose sentences name no place happened, as far as the article says, where
    the current events before it did ("Police arrested 18 people for looting" after the Kisumu
    protest); failing that, only the article's country is known."""
    last = None
    for event, cluster in zip(events, clusters, strict=True):
        if cluster.location(doc) is not None:
            if event.location and event.location.name and event.location.lat is not None \
                    and cluster.modality == "" and not any(m.framed_historical for m in cluster.mentions):
                last = event.location
            continue
        if cluster.modality == "" and not any(m.framed_historical for m in cluster.mentions) and last is not None \
                and (event.location is None or event.location.country in (None, last.country)):
            event.location = Location(**vars(last))
            event.confidence = round(max(0.3, event.confidence - 0.1), 2)


def _to_event(doc: Doc, cluster: _Cluster, number: int, claimant: Mention | None) -> Event:
    lead = next((m for m in cluster.mentions if m.trigger.spec.kind == "verb" and not m.trigger.spec.weak),
                cluster.mentions[0])
    actor = lead.actor or next((m.actor for m in cluster.mentions if m.actor), None)
    counts = _counts(cluster)
    if actor is None and claimant is not None and cluster.family == "ASSAULT" and cluster.modality == "" \
            and counts:
        actor = claimant
    recipient = next((m.recipient for m in cluster.mentions if m.recipient), None)
    etype = cluster.mentions[0].type
    mode = _pick_mode(m.mode for m in cluster.mentions)
    if etype == "PROTEST" and mode == "riot" and any(c.kind == "killed" and (c.min or 0) > 0 for c in counts):
        etype, mode = "ASSAULT", None  # a deadly riot is coded as the violence it was
    if etype is None and mode not in ("disaster", "accident"):
        mode = "accident"
    location = cluster.location(doc) or _fallback_location(doc, cluster.family in STATEMENT_TYPES, actor)
    evidence = sorted({(doc.sentences[i].start, doc.sentences[i].end)
                       for i in {m.sentence for m in cluster.mentions}
                       | {f.sentence for m in cluster.mentions for f in m.figures}})
    confidence = min(0.95, 0.45 + 0.1 * (len(cluster.mentions) - 1) + (0.15 if cluster.timex else 0)
                     + (0.1 if actor else 0) + (0.1 if counts else 0))
    return Event(
        id=f"ev{number}", type=etype, mode=mode,
        trigger=Mention(text=lead.trigger.text, span=(lead.trigger.start, lead.trigger.end)),
        actor=actor, recipient=recipient, location=location, counts=counts,
        evidence=evidence, confidence=confidence,
    )


def apply(doc: Doc) -> None:
    by_sentence: dict[int, list[Figure]] = {}
    for f in doc.figures:
        by_sentence.setdefault(f.sentence, []).append(f)
    speaker_at = _speaker_at(doc)
    mentions: list[EventMention] = []
    orphan_figures: list[Figure] = []
    triggers = [find_triggers(doc.text, s.start, s.end) for s in doc.sentences]
    deadly_riot = _has_deadly_riot(doc, triggers)
    anniversary = find_anniversary(doc)
    for index in range(len(doc.sentences)):
        found = _mentions_in_sentence(doc, index, by_sentence.get(index, []), speaker_at, deadly_riot,
                                      anniversary, triggers[index])
        attached = {id(f) for m in found for f in m.figures}
        orphan_figures += [f for f in by_sentence.get(index, []) if id(f) not in attached]
        mentions += found
    clusters = _link(doc, mentions)
    _adopt_orphans(clusters, orphan_figures)
    claimant = _claimed_by(doc)
    for number, cluster in enumerate(clusters, start=1):
        event = _to_event(doc, cluster, number, claimant)
        doc.events.append(event)
        doc.mentions[event.id] = cluster.mentions
    _inherit_locations(doc, doc.events, clusters)


def _adopt_orphans(clusters: list[_Cluster], orphans: list[Figure]) -> None:
    """Figures in sentences without a trigger join the latest fitting event before them."""
    for f in orphans:
        wanted = VIOLENT_FAMILIES if f.count.kind in _CASUALTY_KINDS else VIOLENT_FAMILIES | {"COERCE"}
        best = None
        for c in clusters:
            if c.family not in wanted or c.modality:
                continue
            if c.mentions[0].sentence <= f.sentence and (best is None or max(
                    m.sentence for m in c.mentions) >= max(m.sentence for m in best.mentions)):
                best = c
        if best is None:
            continue
        has_kind = any(x.count.kind == f.count.kind for m in best.mentions for x in m.figures)
        if not has_kind or f.update_from is not None:
            best.mentions[-1].figures.append(f)
