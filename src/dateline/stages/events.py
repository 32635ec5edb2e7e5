"""PLOVER events: triggers found per sentence, grouped into mentions, mentions linked into events.

1. Each sentence's lexicon triggers (stages/triggers.py) are filtered (weak triggers need a
   figure; a disaster in the sentence claims its "killed") and grouped by family and modality
   into one *mention* per group.
2. Each mention gets the time expression that governs it (stages/event_time.py), its figures,
   actor, recipient and location (stages/participants.py).
3. Mentions link into events across sentences (stages/event_links.py): same family and
   modality, compatible dates and places.
The timing stage then decides each event's timing and fills dates the text does not give.

(The stage's helpers read ``doc.article.text``: ``Doc.text`` is a property, a function call at
every turn of the per-trigger code.)
"""

from __future__ import annotations

import re
from functools import cache
from operator import attrgetter

from ..doc import Doc, Figure, TimeX
from ..lexicons import load
from ..record import Event, Location, Mention
from . import event_links, event_places, event_time, participants, timing_cues
from .anniversary import Anniversary, remembered_timex
from .anniversary import find as find_anniversary
from .event_links import EventMention
from .phrases import PhraseSet, folded
from .triggers import (
    STATEMENT_TYPES,
    VIOLENT_FAMILIES,
    TriggerMatch,
    TriggerSpec,
    find_triggers,
    triggers_by_sentence,
)

REQUIRES = ("sentences", "entities", "places", "times", "quotes", "figures")
SETS = "events"

_MODE_PRIORITY = ("drone", "aerial", "unconventional", "suicide-attack", "explosives", "heavy-weapons",
                  "targeted", "abduct", "sexual", "torture", "primitive", "firearms", "crowd-control", "beat",
                  "arrest", "sentence", "deport", "curfew", "hunger", "strike", "riot", "obstruct", "boycott", "demo",
                  "disaster", "accident")
_LABOUR = re.compile(r"\b(?:workers?|unions?|pay|wages?|salar\w+|walked out|employees|staff)\b", re.IGNORECASE)
_DISTINCT = re.compile(r"\b(?:a second|a third|another|a separate|a fresh|a new|a further|a smaller|a larger|"
                       r"a bigger|a similar)\s+(?:[\w-]+\s+){0,2}$",
                       re.IGNORECASE)
_ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those)\s+$", re.IGNORECASE)
# "the shelling of the border post by units of ...": a reaction's object told in full is news of its own
_SPECIFIED_AFTER = re.compile(r"\s+(?:of|by|in|at|near|against|outside|inside|on\s+(?!(?:the\s+)?(?:Mon|Tues|Wednes|"
                              r"Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|\d))\b")
_REACTIONS = frozenset({"PROTEST", "ACCUSE", "REQUEST", "REJECT", "SUPPORT"})  # what answers an event told before
# (the charge ends where its cause begins: "charged with murder after a shooting at a house party")
_LEGAL_CHARGE = re.compile(r"\b(?:charges?|charged|indicted|prosecuted)\s+(?:of|including|with|for)\s+"
                           r"(?:(?!(?:after|following|over|in|at|during)\b)[\w-]+,?\s+){0,4}$", re.IGNORECASE)
_CHARGE_WORDS = ("charge", "indicted", "prosecuted")
_DISTINCT_WORDS = ("second", "third", "another", "separate", "fresh", "new", "further", "smaller", "larger", "bigger",
                   "similar")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|those|these)\s+$", re.IGNORECASE)
_VERB_FORM = re.compile(r"^[a-z]+(?:ed|ing)$")  # a figure's anchor used as a verb: "seized", "wounding"
_RAID = re.compile(r"^(?:raid|raids|raided|swoop)$", re.IGNORECASE)
_ARMED = re.compile(r"\b(?:troops|soldiers|army|military|junta|militants?|gunmen|fighters|rebels|insurgents|"
                    r"militia(?:s|men)?|forces|jihadists|bandits|paramilitar(?:y|ies)|police|attackers|assailants|"
                    r"raiders|gangs?)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?$", re.I)
_SECURITY = re.compile(r"\b(?:police|security|soldiers|troops|army|military|officers|agents|gendarmes|gendarmerie|"
                       r"forces|interior ministry|ministry of interior|ministry of the interior)\b", re.I)
# the month: "March 8", "8 March", "March 2024", "in March", "In March, gunmen ...", "since early March"
_MONTH_MARCH = re.compile(r"March(?=\s+\d|,?\s+(?:19|20)\d\d)")
_MONTH_WORD_BEFORE = re.compile(r"(?:\b(?:in|of|on|since|until|by|from|early|late|last|next|this|to|and|between|"
                                r"through|during|before|after)\s+|\d\s+|mid-)$", re.IGNORECASE)
_CLAIM = re.compile(r"([A-Z][\w'’-]+(?:[\s-][A-Z][\w'’-]+){0,3})\s+(?:has\s+|have\s+)?(?:claimed responsibility|"
                    r"said it (?:had )?carried out|claimed the (?:attack|bombing|killing))")
_CLAIM_WORDS = ("claimed responsibility", "said it carried out", "said it had carried out", "claimed the attack",
                "claimed the bombing", "claimed the killing")  # what _CLAIM cannot match without


@cache
def _standalone() -> tuple[PhraseSet, PhraseSet]:
    lex = load("standalone")
    return (PhraseSet("standalone.responses", lex["responses"], shared=True),
            PhraseSet("standalone.aggregates", lex["aggregates"], shared=True))


_ACROSS_PLACE = re.compile(r"\b(?:across|throughout)\s+(?:[A-Z][\w'’-]+\s*)+")


def _response(doc: Doc, s, m: TriggerMatch) -> bool:
    """The target of an earlier event striking back: "returned fire", "who responded with"."""
    lo = m.start - 20
    return _standalone()[0].search(doc, lo if lo > s.start else s.start, m.end) is not None


def _tally(doc: Doc, s) -> bool:
    """A sentence about a whole country or a long period: "across Haiti", "nationwide"."""
    if _standalone()[1].search(doc, s.start, s.end) is not None:
        return True
    lowered = folded(doc)
    return (lowered.find("across", s.start, s.end) >= 0 or lowered.find("throughout", s.start, s.end) >= 0) \
        and _ACROSS_PLACE.search(doc.article.text, s.start, s.end) is not None


def _doc_mentions(doc: Doc, words: tuple[str, ...]) -> bool:
    """Does the folded text contain one of ``words`` anywhere? (Once per document, before a
    _mentions_any per trigger.)"""
    key = ("events.mentions", words)
    found = doc.memo.get(key)
    if found is None:
        lowered = folded(doc)
        found = False
        for w in words:
            if w in lowered:
                found = True
                break
        doc.memo[key] = found
    return found


def _mentions_any(lowered: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Does ``lowered[start:end]`` contain one of ``words``? A cheap test before a costly regex."""
    window = lowered[start:end]
    for w in words:
        if w in window:
            return True
    return False


_MODE_RANK = {mode: rank for rank, mode in enumerate(_MODE_PRIORITY)}


def _pick_mode(modes) -> str | None:
    """The mode that comes first in _MODE_PRIORITY, else the first one given."""
    first = best = best_rank = None
    count = 0
    for mode in modes:
        if not mode:
            continue
        count += 1
        if first is None:
            first = mode
        rank = _MODE_RANK.get(mode)
        if rank is not None and (best_rank is None or rank < best_rank):
            best, best_rank = mode, rank
    if count < 2 or best is None:
        return first
    return best


_SPEC_MODE = attrgetter("spec.mode")
_MODE = attrgetter("mode")


_CRIME_COMPLEMENT = re.compile(r"\b(?:for|over|of)\s+(?:(?:his|her|their|its|the)\s+)?"
                               r"(?:(?:role|part|involvement)\s+in\s+(?:the\s+)?)?(?:ordering\s+(?:the\s+)?)?$",
                               re.IGNORECASE)
_JUDICIAL_FAMILIES = frozenset({"COERCE", "SANCTION"})  # not "blamed X for the violence": that is the news
# "earlier fighting", "previous attacks", "years of violence" right before a trigger (folded text)
_EARLIER_BEFORE = re.compile(r"\b(?:earlier|previous|past|prior|recent|years\s+of|decades\s+of)\s+$")
_TIME_ANCHOR_BEFORE = re.compile(r"\b(?:before|after|since|following)\s+the\s+$", re.IGNORECASE)


def _time_anchored(text: str, lowered: str, start: int) -> bool:
    """"in the week before the shootings": a time told against the trigger at ``start``. (The
    folded text holds "the" wherever the regex can match: a cheap test first.)"""
    lo = start - 14 if start > 14 else 0
    return lowered.find("the", lo, start) >= 0 and _TIME_ANCHOR_BEFORE.search(text, lo, start) is not None


_GENERIC_HAZARDS = frozenset({"disaster", "natural disaster"})
_PARTICIPLE_NOUNS = frozenset({"accused", "detained", "arrested", "abducted", "kidnapped", "condemned",
                               "sentenced", "convicted", "deported"})
_DEADLY_RIOT = TriggerSpec("ASSAULT", None, "noun", False, ())
_UNSET = object()
_KIND_ORDER = {"verb": 0, "noun": 1}  # a group's lead: a verb before a noun before an agent


def _filter(doc: Doc, matches: list[TriggerMatch], deadly_riot: bool = False) -> tuple[list[TriggerMatch], set[int]]:
    """The matches that are events; with the starts of those that "earlier", "previous" ... precede."""
    text = doc.article.text
    lowered = folded(doc)
    if deadly_riot:
        matches = [TriggerMatch(m.start, m.end, m.text, _DEADLY_RIOT) if m.spec.mode == "riot" else m
                   for m in matches]
    hazards = weak_hazards = strong_violence = False
    for m in matches:
        spec = m.spec
        if spec.type is None:
            if spec.weak:
                weak_hazards = True
            else:
                hazards = True
        elif spec.type == "ASSAULT" and spec.mode and not spec.weak:
            strong_violence = True
    charges = _doc_mentions(doc, _CHARGE_WORDS)
    out = []
    earlier = set()
    # (conditional expressions, not max(): this Python's max() of two numbers costs several times more)
    for m in matches:
        spec = m.spec
        start = m.start
        word = m.text.lower()
        if word in _PARTICIPLE_NOUNS and _DETERMINER_BEFORE.search(text[start - 7 if start > 7 else 0:start]):
            continue  # "the accused", "those arrested": a participle used as a noun
        if word == "march" and text[start] == "M" and (
                _MONTH_MARCH.match(text, start)
                or _MONTH_WORD_BEFORE.search(text, start - 10 if start > 10 else 0, start)):
            continue  # the month
        if charges:
            lo = start - 50 if start > 50 else 0
            if _mentions_any(lowered, lo, start, _CHARGE_WORDS) and _LEGAL_CHARGE.search(text, lo, start):
                continue  # "on charges including rioting": the name of a crime, not an event
        if spec.type == "ASSAULT" and word in ("strike", "strikes"):
            sentence = text[doc.sentences[doc.sentence_at(start)].start:m.end + 60]
            if _LABOUR.search(sentence):
                continue  # a labour strike: the PROTEST forms ("on strike", "strikers") cover it
        if spec.type == "ASSAULT" and not spec.mode and (hazards or (weak_hazards and not strong_violence)) \
                and (hazards or word in _casualty_words() or _counts_victims(doc, m)):
            continue  # "floods killed eight", "a fire killed 46": the hazard is the event, "killed" its figure
            # (but "drones attacked a refinery, setting off a fire": an attack that caused a fire)
        if spec.type is None and spec.weak and (strong_violence or hazards):
            continue  # "bomb blast" is an attack; "homes collapsed" in a flood is the flood
        if m.text[0].isupper() and _in_organisation_name(doc, m):
            continue  # "the Provincial Disaster Management Authority said": a name, not a disaster
        after_earlier = _EARLIER_BEFORE.search(lowered, start - 12 if start > 12 else 0, start) is not None
        if after_earlier and (spec.weak or any(o.spec.family == spec.family and o is not m for o in matches)):
            continue  # "bombs hit a monastery where families displaced by earlier fighting sheltered"
        if word in _GENERIC_HAZARDS and any(o.spec.type is None and o is not m for o in matches):
            continue  # "the collapse killed 1,134, making it the deadliest disaster": the collapse
        if _time_anchored(text, lowered, start) \
                and any(o.spec.family == spec.family and not o.spec.weak and o.start > m.end for o in matches):
            continue  # "in the week before the shootings, ten people had been killed": the shootings date them
        out.append(m)
        if after_earlier:
            earlier.add(start)
    return out, earlier


def _in_organisation_name(doc: Doc, m: TriggerMatch) -> bool:
    spans = doc.memo.get("organisation_spans")
    if spans is None:
        spans = doc.memo["organisation_spans"] = [span for e in doc.entities if e.type in ("ORG", "FAC")
                                                   for span in e.spans]
    return any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in spans)


@cache
def _casualty_words() -> frozenset[str]:
    """The words that tell a toll ("killed", "died", "wounded"), from the figures lexicon."""
    kinds = load("figures")["kinds"]
    return frozenset(w.lower() for kind in ("killed", "injured") for role in ("active", "post", "intransitive")
                     for w in kinds[kind].get(role, ()))


def _counts_victims(doc: Doc, m: TriggerMatch) -> bool:
    """Is the trigger the word of a figure ("a fire killed 46")?"""
    return any(f.anchor[0] <= m.start < f.anchor[1] for f in doc.figures)


def _speaker_at(doc: Doc):
    def lookup(offset: int) -> Mention | None:
        for q in doc.quotes:
            if q.span[0] - 2 <= offset <= q.span[1] + 2 and q.speaker:
                ent = next((e for e in doc.entities if e.id == q.speaker_entity), None)
                return Mention(text=q.speaker, span=None, entity=q.speaker_entity,
                               country=ent.country if ent else None)
        return None
    return lookup


_AFTER_BEFORE_CLAUSE = re.compile(r"\b(?:(?:a|one|two|three|four|five|six|\w+)\s+(?:days?|weeks?|hours?)\s+)?"
                                  r"(?:after|before)\s+(?!(?:\w+\s+){0,2}(?:said|says)\b)", re.IGNORECASE)


def _two_tolls_at(doc: Doc, s, figures: list[Figure]) -> int | None:
    """"the army said it had killed 30 militants, two days after an attack on a camp there killed
    12 soldiers": where an after/before clause parts two tolls of one kind, the violence before
    it and the violence after it are two events. The clause's start, or None."""
    if len(figures) < 2:
        return None
    lowered = folded(doc)
    if lowered.find("after", s.start, s.end) < 0 and lowered.find("before", s.start, s.end) < 0:
        return None
    for m in _AFTER_BEFORE_CLAUSE.finditer(doc.article.text, s.start, s.end):
        p = m.start()
        kinds_before = {f.count.kind for f in figures if f.anchor[1] <= p}
        if any(f.count.kind in kinds_before for f in figures if f.anchor[0] >= m.end()):
            return p
    return None


def _reporting_authority(doc: Doc, trigger: TriggerMatch) -> Mention | None:
    """"Police commander Peter Maina said 18 people had been arrested": an arrest that names no
    arrester was made by the security force whose officer reports it."""
    if not _PASSIVE_BEFORE.search(doc.article.text, max(0, trigger.start - 30), trigger.start):
        return None  # "members of one group detained a commander": an active verb has a subject of its own
    for q in doc.quotes:
        if q.span[0] <= trigger.start < q.span[1] and q.speaker and "source" not in q.speaker.lower():
            who = f"{q.speaker_title} {q.speaker}" if q.speaker_title else q.speaker
            if _SECURITY.search(who):
                ent = next((e for e in doc.entities if e.id == q.speaker_entity), None)
                return Mention(text=who, span=None, entity=q.speaker_entity, country=ent.country if ent else None)
    # "The police said in a statement on Wednesday ... It said 30 people had been arrested"
    index = doc.sentence_at(trigger.start)
    s = doc.sentences[index]
    if index > 0 and _IT_SAID.match(doc.article.text, s.start, trigger.start):
        prev = doc.sentences[index - 1]
        said = _SECURITY_SAID.match(doc.article.text, prev.start, prev.end)
        if said is not None:
            return Mention(text=said.group(1), span=(said.start(1), said.end(1)))
    return None


_IT_SAID = re.compile(r"\s*(?:It|They)\s+(?:also\s+)?(?:said|added|told\s+\w+)\s+(?:that\s+)?")
_SECURITY_SAID = re.compile(r"\s*(?:The\s+)?((?:[A-Z][\w-]*\s+){0,3}(?:police|army|military|gendarmerie|security forces|"
                            r"Police|Army|Military|Gendarmerie))\s+(?:also\s+)?(?:said|told|announced|added)\b")


_AND_BEFORE = re.compile(r",?\s+and\s+(?:then\s+)?$")


def _coordinated_verb(text: str, said: TriggerMatch, lead: TriggerMatch) -> bool:
    """"fighters entered the village, accused residents of helping the guerrillas, and shot 14
    men": a verb coordinated after a statement verb shares its subject; the statement does not
    frame it as "X condemned the attack" does."""
    return lead.spec.kind == "verb" and said.spec.kind == "verb" and lead.start - said.end < 120 \
        and _AND_BEFORE.search(text, said.end, lead.start) is not None \
        and not _SAID_IN.search(text, said.end, lead.start)


_SAID_IN = re.compile(r"\b(?:said|says|that|who|which)\b")


def _has_deadly_riot(doc: Doc, triggers: list[list[TriggerMatch]]) -> bool:
    """A riot that killed people is coded as the violence it was, in every sentence that names it."""
    return any(f.count.kind == "killed" and (f.count.min or 0) > 0
               and any(m.spec.mode == "riot" for m in triggers[f.sentence]) for f in doc.figures)


def _mentions_in_sentence(doc: Doc, index: int, figures: list[Figure], speaker_at, deadly_riot: bool = False,
                          anniversary: Anniversary | None = None,
                          triggers: list[TriggerMatch] | None = None) -> list[EventMention]:
    s = doc.sentences[index]
    if triggers is None:
        triggers = find_triggers(doc.article.text, s.start, s.end)
    if not triggers:
        return []
    matches, after_earlier = _filter(doc, triggers, deadly_riot)
    if not matches:
        return []
    owners = event_time.owners(doc, index, matches)
    text = doc.article.text
    lowered = folded(doc)
    groups: dict[tuple[str, str, int], list[TriggerMatch]] = {}
    cues = {}
    split = _two_tolls_at(doc, s, figures)
    responses = _standalone()[0].occurs(doc, s.start, s.end)  # "returned fire" (see _response)
    # what the sentence says of all its mentions, worked out for the first that asks
    past_narrative: bool | None = None
    context_timex = _UNSET
    for m in matches:
        cue = timing_cues.cues_for(doc, index, m.start, m.end)
        cues[id(m)] = cue
        statement = m.spec.family in STATEMENT_TYPES
        modality = "hypothetical" if cue.hypothetical and not statement else "future" if cue.future else ""
        part = int(split is not None and m.spec.family in VIOLENT_FAMILIES and m.start > split)
        if part == 0 and responses and m.spec.family in VIOLENT_FAMILIES and _response(doc, s, m) \
                and text.find(", who", m.start - 40 if m.start - 40 > s.start else s.start, m.start) >= 0:
            part = 2  # "fans threw stones at riot police, who responded with tear gas": two events
        groups.setdefault((m.spec.family, modality, part), []).append(m)
    mentions = []
    for (family, modality, part), group in groups.items():
        if len(group) > 1:
            group.sort(key=_lead_first)
        lead = group[0]
        statement = family in STATEMENT_TYPES
        if len(groups) == 1:  # the one group holds every match and owns every time expression
            owned, others = set(owners), []
        else:
            indices = {id(m) for m in group}
            mine = set()
            others = []
            for j, m in enumerate(matches):
                if id(m) in indices:
                    mine.add(j)
                else:
                    others.append(m)
            owned = {i for i, owner in owners.items() if owner == -1 or owner in mine}
        # "sentenced on Wednesday for shooting dead a protester ... in January 2019": the crime's
        # own date follows it; the day before it is the sentence's
        crime = family in VIOLENT_FAMILIES and _after_judicial(matches, lead.start) \
            and _CRIME_COMPLEMENT.search(text, lead.start - 45 if lead.start - 45 > s.start else s.start,
                                         lead.start) is not None
        if crime:
            owned = {i for i in owners if doc.timexes[i].time.span[0] >= lead.end and not doc.timexes[i].future}
        negated = historical = False
        weak = True
        for m in group:
            cue = cues[id(m)]
            negated = negated or cue.negated
            historical = historical or cue.historical
            weak = weak and m.spec.weak
        # (family, type, mode, sentence, trigger, modality, negated, framed_historical, weak,
        # distinct): positional, as building a dataclass from keywords costs twice as much
        mention = EventMention(
            family, lead.spec.type, _pick_mode(map(_SPEC_MODE, group)) if len(group) > 1 else lead.spec.mode or None,
            index, lead, modality, negated, historical,
            weak, part > 0 or _anchored_before(text, lowered, triggers, family, lead.start)
            or _told_apart(doc, s, group, responses),
        )
        mention.timex = event_time.governing_timex(doc, index, group, owned, statement)
        if mention.timex is not None:
            mention.timex = event_time.years_ago(doc, mention.timex) or mention.timex
        if after_earlier and all(m.start in after_earlier for m in group):
            mention.framed_historical = True  # "previous attacks on the town killed 12"
        if mention.timex is None and not statement:
            if past_narrative is None:
                past_narrative = event_time.in_past_narrative(doc, index)
            if past_narrative:
                mention.framed_historical = True
        if not crime and context_timex is _UNSET:
            context_timex = event_time.context_timex(doc, index)
        mention.context_timex = None if crime or (statement and event_time.present_statement(lead.text)) \
            else context_timex
        current_story = mention.timex is None and event_time.in_current_narrative(doc, index)
        if current_story and mention.context_timex is None and not crime:
            # "The explosion on Tuesday morning was heard ... A bomb ... killed three officers": that Tuesday
            mention.context_timex = event_time.context_timex(doc, index - 1)
        if anniversary is not None and mention.timex is None and not current_story \
                and family in VIOLENT_FAMILIES and modality == "" and anniversary.frames(doc, index):
            # "said Hatidza Omerovic, whose husband and two sons were also killed": in an anniversary
            # article, violence the text leaves undated belongs to the past it remembers
            mention.framed_historical = True
        if anniversary is not None and not statement and not current_story:
            mention.timex = remembered_timex(doc, anniversary, lead.start, index, mention.timex) or mention.timex
        if family not in ("disaster", "accident"):
            # "X condemned the attack": X did not attack; but "X denied shelling", "X threatened
            # to kill" name the would-be actor
            floor = 0 if statement else _said_before(text, matches, lead)
            mention.actor = participants.find_actor(doc, s.start, s.end, group, speaker_at, statement, floor,
                                                    others)
            if mention.actor is None and family == "COERCE" and modality == "":
                mention.actor = _reporting_authority(doc, lead)
            if mention.actor is None and family == "PROTEST":
                call = next((m for m in reversed(matches) if m.end <= lead.start and m.spec.family == "REQUEST"
                             and m.text.lower().startswith("call")), None)
                if call is not None:  # "Protest organisers called for a general strike": theirs
                    mention.actor = participants.find_actor(doc, s.start, s.end, [call], speaker_at, True, 0, others)
            mention.recipient = participants.find_recipient(doc, lead.end, s.end)
        # the attacker's own name is not where the attack was; "a Brussels jury" sits in Brussels
        exclude = mention.actor.span if mention.actor and mention.actor.span and family in VIOLENT_FAMILIES else None
        mention.location = event_places.find_location(doc, s.start, s.end, group, others, exclude, statement)
        if lead.spec.type == "ASSAULT" and _RAID.match(lead.text) and (
                any(m.spec.type == "COERCE" and m.spec.mode == "arrest" for m in matches)
                or (mention.actor and _SECURITY.search(mention.actor.text))):
            mention.family, mention.type, mention.mode = "COERCE", "COERCE", "arrest"  # a police raid
        if family == "PROTEST" and mention.mode == "vandalize" and mention.actor and _ARMED.search(mention.actor.text):
            # "junta troops set fire to more than 200 houses": an armed force burning homes is no protest
            mention.family, mention.type, mention.mode = "ASSAULT", "ASSAULT", None
        mentions.append(mention)
    _attach_figures(mentions, figures)
    tally = figures and _tally(doc, s)
    for m in mentions:
        if tally and m.figures:  # the figures are a tally's, not the news event's: keep them apart
            m.distinct = True
    for m in mentions:
        if m.actor is None and m.family == "ASSAULT" and m.figures:
            m.actor = _actor_of_figure_verb(doc, index, m, matches, speaker_at)
        lo = m.trigger.start - 12 if m.trigger.start - 12 > s.start else s.start
        if not m.figures and m.timex is None and m.family == "ASSAULT" and not m.mode and not m.modality and (
                m.actor is None or _ANAPHORIC.search(text[lo:m.trigger.start])):
            m.weak = True  # "the attack", "killed or captured": a reference back, not a new event
        if not m.figures and m.family in ("ASSAULT", "COERCE") and not m.modality \
                and _ANAPHORIC.search(text, lo, m.trigger.start) \
                and not _SPECIFIED_AFTER.match(doc.article.text, m.trigger.end, s.end) \
                and any(o.spec.family in _REACTIONS and o.end <= m.trigger.start for o in matches):
            m.weak = True  # "blocked the motorway to protest against the killing": the killing told before
            m.timex = None  # ("condemned the detention on Tuesday": the condemnation's day)
        if m.family in ("disaster", "accident") and not m.figures and doc.sentences[index].in_quote:
            m.weak = True  # "I thought it was an earthquake": a simile in a witness's words
        m.weak = m.weak and not m.figures and not (m.timex is not None and m.timex.basis == "inferred")
    return mentions


def _lead_first(m: TriggerMatch) -> tuple:
    """A group's lead: a strong trigger before a weak one, a verb before a noun before an agent."""
    return m.spec.weak, _KIND_ORDER.get(m.spec.kind, 2), m.start


def _after_judicial(matches: list[TriggerMatch], start: int) -> bool:
    """Does a sentencing or a sanction end before ``start``?"""
    for o in matches:
        if o.spec.family in _JUDICIAL_FAMILIES and o.end <= start:
            return True
    return False


def _anchored_before(text: str, lowered: str, triggers: list[TriggerMatch], family: str, start: int) -> bool:
    """"in the week before the shootings": a trigger of ``family`` before ``start`` that a time is
    told against, so this one is another event."""
    for o in triggers:
        if o.spec.family == family and o.end <= start and _time_anchored(text, lowered, o.start):
            return True
    return False


def _told_apart(doc: Doc, s, group: list[TriggerMatch], responses: bool) -> bool:
    """"a second strike", "another attack", "returned fire": a mention that is no earlier one's."""
    text = doc.article.text
    lowered = folded(doc)
    for m in group:
        lo = m.start - 40 if m.start - 40 > s.start else s.start
        if (_mentions_any(lowered, lo, m.start, _DISTINCT_WORDS) and _DISTINCT.search(text[lo:m.start])) \
                or (responses and _response(doc, s, m)):
            return True
    return False


def _said_before(text: str, matches: list[TriggerMatch], lead: TriggerMatch) -> int:
    """"X condemned the attack": where the last statement verb before ``lead`` ends (0 for none)."""
    floor = 0
    for m in matches:
        if m.spec.family in ("ACCUSE", "REQUEST", "SUPPORT") and m.end <= lead.start and m.end > floor \
                and not _coordinated_verb(text, m, lead):
            floor = m.end
    return floor


def _actor_of_figure_verb(doc: Doc, index: int, mention: EventMention, matches: list[TriggerMatch],
                          speaker_at) -> Mention | None:
    """"Mass abductions ... after Boko Haram militants seized 276 schoolgirls": the verb that
    carries the event's figure has a subject of its own, which is the event's actor."""
    s = doc.sentences[index]
    taken = {(m.start, m.end) for m in matches}
    for f in mention.figures:
        start, end = f.anchor
        word = doc.article.text[start:end]
        if f.sentence != index or (start, end) in taken or not _VERB_FORM.match(word) \
                or _DETERMINER_BEFORE.search(doc.article.text, max(s.start, start - 7), start) \
                or _PASSIVE_BEFORE.search(doc.article.text, max(s.start, start - 30), start) or f.count.span[0] < start:
            # "put the toll at seven", "the wounded", "two soldiers were killed", "... and 26
            # wounded": no doer before it
            continue
        verb = TriggerMatch(start, end, doc.article.text[start:end], mention.trigger.spec)
        found = participants.find_actor(doc, s.start, s.end, [verb], speaker_at, False, 0, ())
        if found is not None:
            return found
    return None


def _attach_figures(mentions: list[EventMention], figures: list[Figure]) -> None:
    if not figures:
        return
    violent = [m for m in mentions if m.family in VIOLENT_FAMILIES and m.modality == ""]
    coerce = [m for m in mentions if m.family == "COERCE" and m.modality == ""]
    # "150 were killed, 744 injured and 841 detained": arrests without an arrester of their own
    # belong to the attack; "police arrested 41 fans after ... injuring 27" are an arrest event
    casualty_list = any(f.count.kind in ("killed", "injured") for f in figures) and violent and not any(
        m.actor for m in coerce)
    protests = [m for m in mentions if m.family == "PROTEST" and m.modality == ""]
    for f in figures:
        pool = violent
        if f.count.kind == "detained" and coerce and not casualty_list:
            pool = coerce
        if not pool and f.count.kind in ("killed", "injured") and f.count.max == 0:
            pool = protests  # "residents protested against insecurity; no injuries were reported"
        if not pool:
            continue
        target = min(pool, key=lambda m: abs(m.trigger.start - f.anchor[0]) + (0 if m.trigger.start <= f.anchor[0] else 50))
        target.figures.append(f)
    if casualty_list:  # "... killed, 744 injured and 841 detained": the arrests belong to the attack
        for m in list(coerce):
            if any(f.count.kind == "detained" for v in violent for f in v.figures) and not m.figures:
                mentions.remove(m)


def _claimed_by(doc: Doc) -> Mention | None:
    """"Al-Shabaab said it carried out the attack": the claimant, for violence without a named actor."""
    text = doc.article.text
    first = -1
    for words in _CLAIM_WORDS:
        at = text.find(words)
        if at >= 0 and (first < 0 or at < first):
            first = at
    if first < 0:
        return None
    # a match is names and spaces ending at one of _CLAIM_WORDS: none starts before the sentence
    # of the first of them, nor before an earlier sentence unless what comes before the spaces
    # that open it may be part of a name (a headline without a full stop)
    index = doc.sentence_at(first)
    while True:
        lo = doc.sentences[index].start
        j = lo
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j == 0 or not (text[j - 1].isalnum() or text[j - 1] in "_'’-"):
            break
        if index == 0:
            lo = 0
            break
        index -= 1
    m = _CLAIM.search(text, lo)
    if not m:
        return None
    ent = next((e for e in doc.entities for sp in e.spans if sp[0] >= m.start(1) and sp[1] <= m.end(1)), None)
    return Mention(text=m.group(1), span=(m.start(1), m.end(1)), entity=ent.id if ent else None,
                   country=ent.country if ent else None)


_THE_TOWN = re.compile(r"\bthe\s+(?:town|city|village|capital|district)(?:['’]s)?\b", re.IGNORECASE)
# _THE_TOWN on the lower-cased text, where IGNORECASE still matches dotless ı, dotted İ and long ſ
# for i and s: a scan for its literal "the " before the costlier regex
_THE_TOWN_HINT = re.compile(r"the\s+(?:town|c[iıİ]ty|v[iıİ]llage|cap[iıİ]tal|d[iıİ][sſ]tr[iıİ]ct)")


def _town_referred_to(doc: Doc, cluster: event_links.Cluster) -> Location | None:
    """"in the town's central square": the last town the article named before that sentence."""
    lowered = folded(doc)
    for m in cluster.mentions:
        s = doc.sentences[m.sentence]
        ref = _THE_TOWN.search(doc.article.text, s.start, s.end) if _THE_TOWN_HINT.search(lowered, s.start, s.end) else None
        if ref is None:
            continue
        towns = [(span, ent) for span, ent in participants.entities_between(doc, 0, ref.start(),
                                                                           frozenset({"GPE"}))
                 if ent.geo is not None and ent.geo.feature == "city"]
        if towns:
            return event_places.location_of(towns[-1][1])
    return None


def _fallback_location(doc: Doc, statement: bool, actor: Mention | None) -> Location | None:
    """Where the text names no place: a statement was made where the dateline is; other events
    keep only the country the article is about."""
    place = doc.article.dateline.place if doc.article.dateline else None
    if statement and place:
        ent = next((e for e in doc.entities if e.name == place and e.type in ("GPE", "LOC")), None)
        if ent is not None and ent.country:
            return event_places.location_of(ent)
    country = (actor.country if statement and actor and actor.country else None) or doc.country_hint
    return Location(country=country) if country else None


def _inherit_locations(doc: Doc, events: list[Event], clusters: list[event_links.Cluster],
                       anniversary: Anniversary | None = None) -> None:
    """A current event whose sentences name no place happened, as far as the article says, where
    the current events before it did ("Police arrested 18 people for looting" after the Kisumu
    protest); failing that, only the article's country is known. In an anniversary article, the
    remembered event the text does not place is where it is remembered ("rallied at the site")."""
    last = None
    first_current = None
    for event, cluster in zip(events, clusters, strict=True):
        current = cluster.modality == "" and not any(m.framed_historical for m in cluster.mentions)
        if first_current is None and current and event.location and event.location.lat is not None:
            first_current = event.location
        if cluster.location(doc) is not None:
            if event.location and event.location.name and event.location.lat is not None and current:
                last = event.location
            continue
        if current and last is not None \
                and (event.location is None or event.location.country in (None, last.country)):
            event.location = Location(**vars(last))
            event.confidence = round(max(0.3, event.confidence - 0.1), 2)
    if anniversary is None or first_current is None:
        return
    for event, cluster in zip(events, clusters, strict=True):
        if cluster.location(doc) is None and any(m.framed_historical for m in cluster.mentions) \
                and event.type in (None, "ASSAULT") \
                and (event.location is None or event.location.country in (None, first_current.country)):
            event.location = Location(**vars(first_current))
            event.confidence = round(max(0.3, event.confidence - 0.1), 2)


_NARRATED_FAMILIES = VIOLENT_FAMILIES | {"PROTEST"}  # what a narrative of the past tells along the way


def _share_the_past(doc: Doc, clusters: list[event_links.Cluster]) -> None:
    """"Police opened fire on workers who had gathered during a wildcat strike": an undated event
    told only in sentences that tell a past event happened then too."""
    published = doc.reference_date
    if published is None:
        return
    past: dict[int, TimeX] = {}  # sentence -> the date of a past event told in it
    for c in clusters:
        t = c.timex
        if t is not None and t.end is not None and (published - t.end).days > event_links.HISTORICAL_AFTER_DAYS:
            for m in c.mentions:
                past.setdefault(m.sentence, t)
    for c in clusters:
        if c.timex is not None or c.modality or c.family not in _NARRATED_FAMILIES \
                or not all(m.sentence in past for m in c.mentions):
            continue
        t = past[c.mentions[0].sentence]
        for m in c.mentions:
            m.framed_historical = True
            m.timex = TimeX(time=t.time, sentence=t.sentence, start=t.start, end=t.end, precision=t.precision,
                            basis="inferred")


def _to_event(doc: Doc, cluster: event_links.Cluster, number: int, claimant: Mention | None) -> Event:
    mentions = cluster.mentions
    lead = mentions[0]
    for m in mentions:
        if m.trigger.spec.kind == "verb" and not m.trigger.spec.weak:
            lead = m
            break
    actor = lead.actor
    recipient = None
    for m in mentions:
        if actor is None and m.actor:
            actor = m.actor
        if recipient is None and m.recipient:
            recipient = m.recipient
    counts = event_links.counts(cluster, doc)
    if actor is None and claimant is not None and cluster.family == "ASSAULT" and cluster.modality == "" \
            and counts:
        actor = claimant
    etype = mentions[0].type
    mode = _pick_mode(map(_MODE, mentions)) if len(mentions) > 1 else mentions[0].mode or None
    if etype == "PROTEST" and mode == "riot" and any(c.kind == "killed" and (c.min or 0) > 0 for c in counts):
        etype, mode = "ASSAULT", None  # a deadly riot is coded as the violence it was
    if etype is None and mode not in ("disaster", "accident"):
        mode = "accident"
    location = cluster.location(doc) or _town_referred_to(doc, cluster) or _fallback_location(
        doc, cluster.family in STATEMENT_TYPES, actor)
    told_in = set()
    for m in mentions:
        told_in.add(m.sentence)
        for f in m.figures:
            told_in.add(f.sentence)
    sentences = doc.sentences
    evidence = sorted({(sentences[i].start, sentences[i].end) for i in told_in})
    confidence = 0.45 + 0.1 * (len(mentions) - 1) + (0.15 if cluster.timex else 0) \
        + (0.1 if actor else 0) + (0.1 if counts else 0)
    # (id, type, mode, trigger, actor, recipient, location, date, timing, counts, evidence,
    # confidence): positional, as building a dataclass from keywords costs twice as much
    return Event(f"ev{number}", etype, mode, Mention(lead.trigger.text, (lead.trigger.start, lead.trigger.end)),
                 actor, recipient, location, None, "current", counts, evidence,
                 confidence if confidence < 0.95 else 0.95)


def apply(doc: Doc) -> None:
    by_sentence: dict[int, list[Figure]] = {}
    for f in doc.figures:
        by_sentence.setdefault(f.sentence, []).append(f)
    speaker_at = _speaker_at(doc)
    mentions: list[EventMention] = []
    orphan_figures: list[Figure] = []
    triggers = triggers_by_sentence(doc)
    deadly_riot = _has_deadly_riot(doc, triggers)
    anniversary = find_anniversary(doc)
    for index in range(len(doc.sentences)):
        figures = by_sentence.get(index, [])
        found = _mentions_in_sentence(doc, index, figures, speaker_at, deadly_riot, anniversary, triggers[index])
        if figures:
            attached = {id(f) for m in found for f in m.figures}
            orphan_figures += [f for f in figures if id(f) not in attached]
        mentions += found
    clusters = event_links.link(doc, mentions)
    event_links.adopt_orphans(clusters, orphan_figures, doc)
    _share_the_past(doc, clusters)
    claimant = _claimed_by(doc)
    for number, cluster in enumerate(clusters, start=1):
        event = _to_event(doc, cluster, number, claimant)
        doc.events.append(event)
        doc.mentions[event.id] = cluster.mentions
    _inherit_locations(doc, doc.events, clusters, anniversary)
    event_places.refine_regions(doc, doc.events, clusters)
    event_places.in_dateline_town(doc, doc.events, clusters)

