"""Who did it and to whom: actor and recipient of an event trigger (where: event_places.py).

No parser: a trigger's clause is cut at clause boundaries, and candidates are entities
(PERSON, ORG, NORP, GPE) and the agent/victim head nouns of lexicons/actors.toml, expanded
to their noun phrase. The events stage calls these helpers once per trigger.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from operator import itemgetter

from ..doc import Doc
from ..lexicons import load
from ..record import Entity, Mention
from .phrases import PhraseSet, caseless, folded

# Where a trigger's clause can start. Matched on the document's lower-cased text (phrases.folded)
# and spelt so that every alternative opens with a plain character, the word boundary checked
# just after it: the regex engine then rejects most positions at the first character (a
# leading \b or IGNORECASE would make it try every alternative at every position). Alternatives
# that open with the same letter share one branch (in their order), which the engine enters once.
# The dash alternative opens with \s, which stops the engine at every space: sentences without a
# dash (nearly all) are read with the pattern that lacks it.
_DASH_BREAK = r"\s[—–]\s|"
_CLAUSE_BREAK = re.compile(
    r";|:|" + _DASH_BREAK + r",\s+(?:when|after|as|while|since|because|before|where|but|although|though)\s"
    r"|i(?<!\wi)n\s+which\s|d(?<!\wd)(?:uring\s+which\s|ays\s+(?:after|before)\s)|u(?<!\wu)nder\s+which\s"
    r"|w(?<!\ww)(?:here\s|eeks\s+(?:after|before)\s|(?:hen|hile)\s)"
    r"|a(?<!\wa)(?:\sday\s+(?:after|before)\s|(?:fter|lthough)\s|dded\s+(?:that\s+)?)"
    r"|t(?<!\wt)(?:wo\sdays\s+(?:after|before)\s|old\s+\w+\s+(?:that\s+)?)|h(?<!\wh)ours\s+(?:after|before)\s"
    r"|m(?<!\wm)onths\s+(?:after|before)\s"
    r"|s(?<!\ws)(?:(?:hortly|oon)\s+(?:after|before)\s|(?:aid|ays|ay)\s+(?:that\s+)?)"
    r"|j(?<!\wj)ust\s+(?:after|before)\s|o(?<!\wo)nly\s+(?:after|before)\s|b(?<!\wb)ecause\s"
    r"|r(?<!\wr)(?:eported\s+(?:that\s+)?|ecall(?:s|ed)?\s+that\s)|n(?<!\wn)oted\s+that\s"
    r"|s(?<!\ws)tressed\s+that\s"  # "The Ministry recalls that the armed clashes ... claimed the lives of 55"
)
_CLAUSE_BREAK_NO_DASH = re.compile(_CLAUSE_BREAK.pattern.replace(_DASH_BREAK, "", 1))
_WORD_INNER = frozenset("_'’-")
_WORD_PUNCT = frozenset("'’-")
_NAME_WORD = r"[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)*"  # "O'Brien", not the possessive of "Libya's"
_OF_COMPLEMENT = re.compile(rf"\s+of\s+(?:the\s+)?((?:[\w-]+\s+){{0,2}}?{_NAME_WORD}(?:\s+{_NAME_WORD})*"
                            r"(?:['’]s(?:\s+[a-z][\w-]*){0,2}\s+(?:governments?|authorities|forces|factions|parties|"
                            r"groups|sides|delegations|administrations|army|military|police|navy|faction|forces)\b)?)")  # "of Libya's two rival governments"
_WORDS = re.compile(r"[\w'’-]+")
# (each alternative opens with a plain letter and checks the word boundary after it, so that the
# regex engine skips the positions where none can start)
_PRONOUN = re.compile(r"(h(?<!\wh)e|s(?<!\ws)he|I(?<!\wI)|w(?<!\ww)e|W(?<!\wW)e|H(?<!\wH)e|S(?<!\wS)he)\b")
_ACCUSED = re.compile(r"\b(?:accused|accuses|accusing|blamed|blames)\s+(.{2,80}?)\s+(?:of|for)\s+(?:\w+\s+){0,2}$")
_BY_BETWEEN = re.compile(r"[^.;,]{0,40}?\b(?:by|between)\s+")
_BY_FAR = re.compile(r"\s+of\s[^.;,:()—–]{0,110}?\bby\s+")
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
_REDUCED_PASSIVE = re.compile(r"(?:ed|\sdead|\sdown)$")  # "killed", "shot dead", "gunned down"
_NEAR_BY = re.compile(r"\s+(?:\w+\s+)?by\s+")
_AGENTIVE_BY = re.compile(r"\s*(?:\w+\s+)?(?:carried\s+out|committed|perpetrated|claimed|ordered|organi[sz]ed|called|"
                          r"staged|launched|conducted|led)\s+by\s+$|\s*by\s+$")
_PARTICIPLE_BY = re.compile(r"\b(?:[a-z]+(?:ed|en)|run|led|held|hit|made|built|set|caught|struck)\s+by\s+$")
# "the mass killings of Armenians by Ottoman Turks": an event noun after an article and a modifier
_ARTICLE_MODIFIER_BEFORE = re.compile(r"\b(?:an?|the|this|that|last|latest)\s+[a-z][\w-]*\s+$", re.I)
_NOUN_FORM = re.compile(r"(?:ings|tions?|s)$")
_PASSIVE_VERB = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", re.I)
# _PASSIVE_VERB for the folded text (see phrases.caseless), spelt to open with a plain letter
_PASSIVE_VERB_FOLDED = re.compile(r"(?:w(?<!\ww)(?:as|ere)|b(?<!\wb)e(?:en|ing)?|i(?<!\wi)s|a(?<!\wa)re)\s+(?:\w+ly\s+)?$")
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|this|that|last|latest)\s+$", re.I)  # "an attack by": a noun
_PASSIVE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?\S+$")
_FIRST_PERSON = re.compile(r"(?:we|i)\s", re.IGNORECASE)
_THEY = re.compile(r"(?:t(?<!\wt)hey|i(?<!\wi)t)\b")
_RECIPIENT_LEAD = re.compile(r"\s*(?:against|on|at|of)?\s*")
_PREPOSITIONS = frozenset(
    "of in at on near from against with to into for across by over under through between among toward towards "
    "outside inside around behind beside along within without".split()
)
_CAPITALISED = re.compile(r"[A-Z][\w'’-]+")
_PARTITIVES = frozenset("hundreds thousands dozens scores tens millions some many most several all members "
                        "groups group crowds crowd one two three four five six seven eight nine ten".split())
_MODIFIERS = frozenset("the a an its their his her former new local rival armed two three several some".split())
_POSSESSIVE = re.compile(r"['’]s?\s+")
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_PERSON = frozenset({"PERSON"})
_NATIONAL_OR_ORG = frozenset({"NORP", "ORG"})
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "i": "SPEAKER", "we": "SPEAKER"}


@cache
def _lexicon() -> tuple[PhraseSet, PhraseSet, frozenset[str]]:
    lex = load("actors")
    return (PhraseSet("agents", lex["agents"], shared=True), PhraseSet("victims", lex["victims"], shared=True),
            frozenset(lex["np_stop"]))


def _entity_index(doc: Doc, types: frozenset[str] | None) -> tuple[list[int], list, list[int] | None]:
    """The mentions of entities of ``types`` (all types for None), sorted by span; with their
    starts, and their ends where these rise with the starts (mentions that do not nest)."""
    key = ("entity_index", types or None)
    index = doc.memo.get(key)
    if index is None:
        if types:  # a subsequence of the sorted index of all mentions is sorted
            spans = [item for item in _entity_index(doc, None)[1] if item[1].type in types]
        else:
            spans = sorted([(sp, ent) for ent in doc.entities for sp in ent.spans], key=_START)
        ends = [sp[1] for sp, _ in spans]
        rising = ends == sorted(ends)
        index = doc.memo[key] = ([sp[0] for sp, _ in spans], spans, ends if rising else None)
    return index


def entities_between(doc: Doc, start: int, end: int, types: frozenset[str] | None = None):
    """(span, entity) for each entity mention inside [start, end), in text order."""
    starts, spans, ends = doc.memo.get(("entity_index", types or None)) or _entity_index(doc, types)
    lo = bisect_left(starts, start)
    hi = bisect_left(starts, end, lo)
    if ends is not None:  # the mentions that end by ``end`` come first
        return spans[lo:bisect_right(ends, end, lo, hi)]
    return [item for item in spans[lo:hi] if item[0][1] <= end]


def _clause_start(doc: Doc, sent_start: int, trigger_start: int, sent_end: int) -> int:
    """The end of the last clause break before ``trigger_start`` (the sentence start if none)."""
    key = ("clause_breaks", sent_start, sent_end)
    state = doc.memo.get(key)
    if state is None:
        lowered = folded(doc)
        dashed = lowered.find("—", sent_start, sent_end) >= 0 or lowered.find("–", sent_start, sent_end) >= 0
        breaks = _CLAUSE_BREAK if dashed else _CLAUSE_BREAK_NO_DASH
        state = doc.memo[key] = [[], breaks.finditer(lowered, sent_start, sent_end)]
    breaks, pending = state
    # the regex is costly and most triggers stand early in their sentence: read its matches (in
    # text order, ends increasing) only as far as the first that ends after the trigger
    while pending is not None and (not breaks or breaks[-1] <= trigger_start):
        m = next(pending, None)
        if m is None:
            pending = state[1] = None
        else:
            breaks.append(m.end())
    i = bisect_right(breaks, trigger_start)
    return breaks[i - 1] if i else sent_start


def _word_before(text: str, floor: int, pos: int) -> int | None:
    r"""Start of the word that white space separates from ``pos`` (what ``([\w][\w'’-]*)\s+$``
    finds in ``text[floor:pos]``), read backwards from ``pos``."""
    i = pos
    while i > floor and text[i - 1].isspace():
        i -= 1
    if i == pos:
        return None
    j = i
    while j > floor and (text[j - 1].isalnum() or text[j - 1] in _WORD_INNER):
        j -= 1
    while j < i and text[j] in _WORD_PUNCT:
        j += 1
    return j if j < i else None


def _expand_left(text: str, start: int, floor: int, stop: frozenset[str]) -> int:
    """Grow a noun phrase leftwards over modifiers ("stone-throwing", "Iraq's", "al-Shabaab")."""
    pos = start
    for _ in range(4):
        begin = _word_before(text, floor, pos)
        if begin is None:
            break
        word = text[begin:pos].rstrip()
        if word.lower() in stop or word.lower().endswith("ly") or word.isdigit():
            break
        pos = begin
    return pos


def _expand_right(text: str, end: int, limit: int) -> int:
    """Take an "of the Kurdistan Region" / "of Ecuador" complement into the phrase."""
    m = _OF_COMPLEMENT.match(text, end, limit)
    return m.end() if m else end


def _preceded_by_preposition(text: str, start: int, floor: int) -> bool:
    """Is the phrase at ``start`` the object of a preposition ("at the Embassy", "by the former USSR")?"""
    window = text[start - 40 if start - 40 > floor else floor:start]
    found = _WORDS.findall(window[window.rfind(",") + 1:])[-4:]  # ("On Sunday, army officers": a comma ends it)
    words = [w.lower() for w in found]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word == "of" and i > 0 and (words[i - 1] in _PARTITIVES or words[i - 1].isdigit()):
            return False  # "hundreds of oil workers", "dozens of relatives": the phrase is the subject
        if word in _PREPOSITIONS:
            return True
        # a title or a name of the phrase's own ("under the command of General Ratko Mladic") reads on
        if word not in _MODIFIERS and not found[i][:1].isupper() and word not in ("the", "a", "an"):
            return False
    return False


@lru_cache(maxsize=4096)
def _country_of(word: str) -> str | None:
    from .places import country_of  # the places stage knows demonyms and country names

    return country_of(word)


_TITLE_HEAD = re.compile(r"\b(?:minister|ombudsman|ombudsperson|governor|mayor|president|spokesman|spokeswoman|"
                         r"spokesperson|commander|chief|leader|director|magistrate|judge|prosecutor|secretary|"
                         r"ambassador|envoy|commissioner|chairman|chairwoman|head)\b", re.IGNORECASE)
# whether _TITLE_HEAD occurs, on the folded text (see phrases.caseless): every alternative opens
# with a plain letter, so that the regex engine skips most positions at the first character
_TITLE_HEAD_FOLDED = re.compile(
    r"(?:m(?<!\wm)(?:inister|ayor|agistrate)|o(?<!\wo)mbuds(?:man|person)|g(?<!\wg)overnor"
    r"|p(?<!\wp)(?:resident|rosecutor)|s(?<!\ws)(?:pokes(?:man|woman|person)|ecretary)"
    r"|c(?<!\wc)(?:ommander|hief|ommissioner|hair(?:man|woman))|l(?<!\wl)eader|d(?<!\wd)irector|j(?<!\wj)udge"
    r"|a(?<!\wa)mbassador|e(?<!\we)nvoy|h(?<!\wh)ead)\b")


def _title_head(doc: Doc, start: int, end: int) -> bool:
    if caseless(doc):
        return _TITLE_HEAD_FOLDED.search(folded(doc), start, end) is not None
    return _TITLE_HEAD.search(doc.article.text, start, end) is not None


def _mention(doc: Doc, start: int, end: int, entity: Entity | None) -> Mention:
    full = doc.article.text
    if entity is None and _title_head(doc, start, end):
        from .entities import person_titled  # "the interior minister said": the minister the article names

        entity = person_titled(doc, full[start:end])
        if entity is not None:
            return Mention(entity.name, (start, end), entity.id, entity.country)

    if entity is not None and entity.type == "PERSON" and entity.title:
        # "Regional governor Mamadou Seck": the title travels with the name
        lo = start - len(entity.title) - 1
        lead = full[lo if lo > 0 else 0:start]
        if lead.rstrip().lower().endswith(entity.title.lower()):
            start -= len(lead) - lead.lower().rfind(entity.title.lower())
    text = full[start:end].strip(" ,")
    country = entity.country if entity is not None else None
    if country is None:
        for word in _CAPITALISED.findall(text):
            country = _country_of(word)
            if country:
                break
    # (text, span, entity, country): positional, as building a dataclass from keywords costs twice as much
    return Mention(text, (start, end), entity.id if entity else None, country)


_LINKER = re.compile(r"(?:-(?:linked|allied|backed|affiliated|led|aligned|inspired)|['’]s)?\s+"
                     r"(?:and\s+[A-Z][\w'’-]+\s+)?(?:[\w-]+\s+)?", re.IGNORECASE)


def _head_after(doc: Doc, pos: int, end: int) -> int | None:
    """End of an agent noun that a name or nationality modifies: "Turkish forces",
    "Islamic State-linked insurgents", "Rwandan and Mozambican troops", "Iraq's Foreign Ministry"."""
    agents, _, _ = _lexicon()
    text = doc.article.text
    link = _LINKER.match(text, pos, end)
    if not link:
        return None
    for stop in (link.end(), link.start() + len(link.group().rstrip()) - len(link.group().rstrip().split()[-1])
                 if link.group().strip() else link.end()):
        head = agents.match(doc, stop, end)
        if head:
            return head[1]
    return None


def _candidates(doc: Doc, start: int, end: int) -> list[tuple[int, int, Entity | None]]:
    """Actor candidates in [start, end): (start, end, entity or None), in text order."""
    key = ("actor_candidates", start, end)
    out = doc.memo.get(key)
    if out is None:
        out = doc.memo[key] = _find_candidates(doc, start, end)
    return out


def _find_candidates(doc: Doc, start: int, end: int) -> list[tuple[int, int, Entity | None]]:
    agents, _, stop = _lexicon()
    text = doc.article.text
    out = []
    for span, ent in entities_between(doc, start, end, _ACTOR_TYPES):
        s = _expand_left(text, span[0], start, stop) if ent.type == "NORP" else span[0]
        e = span[1]
        if ent.type != "PERSON":
            head = _head_after(doc, e, end)
            if head is not None:
                e = head
                if not _usable(doc, ent, False):
                    ent = None  # "Akron police officers": the officers act, not the town
        out.append((s, e, ent))
    named = len(out)
    for m_start, m_end in agents.finditer(doc, start, end):
        if _inside_named(out, named, m_start, m_end):
            continue  # (and "Regional governor Mamadou Seck": the title of the name after it)
        s = _expand_left(text, m_start, start, stop)
        e = m_end
        poss = _POSSESSIVE.match(text, e, end)
        if poss:
            e = (agents.match(doc, poss.end(), end) or (m_start, m_end))[1]
        e = _expand_right(text, e, end)
        if e > m_end:  # "fighters of the United Self-Defence Forces of Colombia (AUC)": the whole name
            reach = e
            for span, _ in entities_between(doc, m_end, end, _ACTOR_TYPES):
                if span[0] < e and span[1] > reach:
                    reach = span[1]
            e = reach
        out.append((s, e, None))
    if len(out) > 1:
        out.sort(key=_START)
    return out


_START = itemgetter(0)


def _inside_named(out: list, named: int, m_start: int, m_end: int) -> bool:
    """Does an agent noun at [m_start, m_end) fall inside one of the candidates found so far, or
    stand right before a person's name (of the first ``named``, the entities)?"""
    for i, (s, e, ent) in enumerate(out):
        if s <= m_start < e or (i < named and ent is not None and ent.type == "PERSON" and 0 < s - m_end <= 1):
            return True
    return False


def _pronoun_actor(doc: Doc, start: int, end: int, speaker_at) -> Mention | None:
    m = _PRONOUN.search(doc.article.text[start:end])
    if not m:
        return None
    kind = _PRONOUNS[m.group(1).lower()]
    if kind == "SPEAKER":
        return speaker_at(start + m.start())
    people = [(span, ent) for span, ent in entities_between(doc, 0, start + m.start(), _PERSON)]
    if people:
        span, ent = people[-1]
        return Mention(text=ent.name, span=span, entity=ent.id, country=ent.country)
    return None


def _strong_actor(doc: Doc, sent_start: int, sent_end: int, trig_start: int, trig_end: int,
                  noun_trigger: bool) -> Mention | None:
    """Actors that a construction names outright: "accused X of", "by X", "between X", "X drone strike"."""
    text = doc.article.text
    lowered = folded(doc)
    key = ("accused_at", sent_start, sent_end)
    accused = doc.memo.get(key)
    if accused is None:  # where "accus" or "blame" first stands in the sentence (they are as long)
        found = [at for at in (lowered.find("accus", sent_start, sent_end), lowered.find("blame", sent_start, sent_end))
                 if at >= 0]
        accused = doc.memo[key] = min(found) if found else -1
    m = _ACCUSED.search(text[sent_start:trig_start]) if 0 <= accused <= trig_start - 5 else None
    if m:
        cands = _candidates(doc, sent_start + m.start(1), sent_start + m.end(1))
        if cands:
            s, e, ent = cands[0]
            return _mention(doc, s, e, ent)
    window = trig_end + 50 if trig_end + 50 < sent_end else sent_end
    after = _BY_BETWEEN.match(text[trig_end:sent_end]) if (
        lowered.find("by", trig_end, window) >= 0 or lowered.find("between", trig_end, window) >= 0) else None
    lo12 = trig_start - 12 if trig_start - 12 > sent_start else sent_start
    if after is None and lowered.find(" by ", trig_end, trig_end + 130 if trig_end + 130 < sent_end else sent_end) >= 0 \
            and (noun_trigger or _ARTICLE_BEFORE.search(text, lo12, trig_start)):
        # "the shelling of the border post \"Dostuk\" in the Batken district by units of ..." (not
        # "an attack on a camp run by the UN": a participle's agent)
        after = _BY_FAR.match(text[trig_end:sent_end])
    if after is not None and _PARTICIPLE_BY.search(after.group()) and not _AGENTIVE_BY.match(after.group()):
        after = None  # "the attack on a camp run by the UN": the UN runs the camp (but "a strike called by")
    if after and (noun_trigger or _PASSIVE.search(text[sent_start:trig_end]) or "between" in after.group()
                  or not text[sent_start:trig_start].strip(" \"“'‘")  # "Shelling by government forces killed six"
                  or _ARTICLE_BEFORE.search(text, lo12, trig_start)
                  or (_NOUN_FORM.search(text, trig_start, trig_end)
                      and _ARTICLE_MODIFIER_BEFORE.search(text, trig_start - 30 if trig_start - 30 > sent_start
                                                          else sent_start, trig_start))
                  or (_REDUCED_PASSIVE.search(text, trig_start, trig_end)
                      and _NEAR_BY.fullmatch(after.group()))):  # "31 people shot dead there by soldiers"
        lo = trig_end + after.end()
        cands = _candidates(doc, lo, lo + 100 if lo + 100 < sent_end else sent_end)
        if cands and cands[0][0] - lo < 25:
            s, e, ent = cands[0]
            return _mention(doc, s, e, ent)
    if noun_trigger:  # "a Turkish drone strike", "an al-Shabaab attack"
        lo = trig_start - 40 if trig_start - 40 > sent_start else sent_start
        if not entities_between(doc, lo, trig_start, _NATIONAL_OR_ORG):
            return None  # (only a people's or an organisation's name can be the candidate)
        for s, e, ent in _candidates(doc, lo, trig_start):
            if ent is not None and ent.type in _NATIONAL_OR_ORG and not text[e:trig_start].strip(" -"):
                return _mention(doc, s, e, ent)
    return None


def _usable(doc: Doc, ent: Entity | None, statement: bool) -> bool:
    """A town is where things happen, not who does them ("gunmen killed two traders between
    Sévaré and Mopti"); a country or a town can speak ("Ankara said") or act as a state."""
    if ent is None or ent.type != "GPE" or statement:
        return True
    return (ent.geo is not None and ent.geo.feature == "country") or is_country_name(ent.name)


_SPEECH_BREAK = re.compile(r"\b(?:said|says|say|told\s+\w+|added|announced|warned)\s+(?:that\s+)?", re.I)


# "police shot", "troops reportedly shelled", "the army had \"neutralised\"" (not "were killed": a passive)
_ADJACENT = re.compile(r"\s+(?:(?:\w+ly|has|have|had|will|would|also|then)\s+){0,2}[\"“]?")
# "police fired tear gas", "troops used live ammunition": a noun trigger as the object of the subject's verb
@cache
def _verb_then_object() -> re.Pattern:
    verbs = "|".join(re.escape(v).replace("\\ ", "\\s+") for v in load("actors")["object_verbs"])
    return re.compile(rf"\s+(?:(?:\w+ly|also|then|again)\s+)?(?:{verbs})\s+(?:(?:the|a|an|some|more)\s+)?")
# "riot police, who responded with tear gas": the relative pronoun's antecedent is the subject
_WHO_THEN = re.compile(r",?\s+(?:who|which)\s+(?:[a-z]+\s+){0,2}")
_SUBJECT_PRONOUN = re.compile(r"(?:i(?<!\wi)t|t(?<!\wt)hey|h(?<!\wh)e|s(?<!\ws)he)\s+(?!is\b|was\b)")
# "protesters angered by the decision to suspend talks on joining the European Union threw ...":
# the noun before the verb is another verb's object
_OBJECT_OF_VERB = re.compile(r"\b[a-z]+(?:ing|ed)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?$")
_RELATIVE = re.compile(r"\b(?:who|which|that|whose)\b")
_COORDINATED = re.compile(r"\band\s+(?:\w+\s+){0,2}$")


def _subject_of_another(text: str, end: int, trig_start: int, others) -> bool:
    """Is the phrase ending at ``end`` the subject of another event's verb before ``trig_start``?"""
    for o in others:
        between = text[end:o.start]
        if o.spec.kind == "verb" and end <= o.start < trig_start and o.start - end < 60 \
                and "," not in between and not _RELATIVE.search(between) \
                and not _COORDINATED.search(text, o.end, trig_start):
            # ("bandits who abducted 23 villagers have threatened": a relative clause, still ours;
            # "X condemned the raid and called on ...": coordinated verbs share X)
            return True
    return False


_BLAMING = re.compile(r",\s+(?:blaming|accusing)\s+(?:the\s+)?")


def _blamed_after(doc: Doc, after: int, sent_end: int, statement: bool) -> Mention | None:
    """"... killed two soldiers, the army said, blaming the ELN rebel group": the one blamed."""
    text = doc.article.text
    if text.find("blaming", after, sent_end) < 0 and text.find("accusing", after, sent_end) < 0:
        return None
    m = _BLAMING.search(text, after, sent_end)
    if m is None:
        return None
    cands = [c for c in _candidates(doc, m.end(), min(sent_end, m.end() + 60)) if _usable(doc, c[2], statement)]
    if cands and cands[0][0] - m.end() < 5:
        s, e, ent = cands[0]
        return _mention(doc, s, e, ent)
    return None


def _passive(text: str, sent_start: int, trig, lowered: str | None = None) -> bool:
    """"were killed", "had been tortured" (not "are fighting", nor "troops were deployed", whose
    subject is who was mobilised). ``lowered``: the folded text, where phrases.caseless allows."""
    if trig.spec.kind != "verb" or trig.text.endswith("ing") or trig.spec.family == "MOBILIZE":
        return False
    lo = trig.start - 25 if trig.start - 25 > sent_start else sent_start
    if lowered is not None:
        return _PASSIVE_VERB_FOLDED.search(lowered, lo, trig.start) is not None
    return _PASSIVE_VERB.search(text, lo, trig.start) is not None


_APPOSITIVE_BEFORE = re.compile(r"[^\W\d],\s+$")
_APPOSITIVE_AFTER = re.compile(r",\s+(?:(?:\w+ly|has|have|had|also|then)\s+){0,2}")


def _appositive_name(text: str, cand, lo: int, trig_start: int) -> bool:
    """"A party spokesman in Dhaka, Rafiqul Alam, condemned the arrests": the name set off by
    commas right before the verb is its subject."""
    start, end, ent = cand
    return ent is not None and ent.type == "PERSON" and start - lo > 2 \
        and _APPOSITIVE_BEFORE.search(text, start - 4 if start - 4 > lo else lo, start) is not None \
        and _APPOSITIVE_AFTER.fullmatch(text, end, trig_start) is not None


def find_actor(doc: Doc, sent_start: int, sent_end: int, group, speaker_at,
               statement: bool = False, floor: int = 0, others=()) -> Mention | None:
    """The actor of a group of triggers of one event in one sentence (``group[0]`` leads).
    ``floor``: where the event's own clause can start at the earliest ("X condemned the
    attack": X is not the attacker)."""
    text = doc.article.text
    lead = group[0]
    if _FIRST_PERSON.match(lead.text):  # the trigger "We ask" carries its subject
        return speaker_at(lead.start)
    _, _, stop = _lexicon()
    if lead.spec.kind == "agent":  # "protesters", "gunmen": the trigger names its own doers
        return _mention(doc, _expand_left(text, lead.start, sent_start, stop), lead.end, None)
    for trig in group:
        found = _strong_actor(doc, sent_start, sent_end, trig.start, trig.end, trig.spec.kind == "noun")
        if found is not None and _usable(doc, _entity_of(doc, found), statement):
            return found
    # (gap between subject and its verb, is the lead, candidate, subject of a relative clause); the
    # candidate becomes a Mention only if chosen
    choices = []
    lead_passive = False
    lowered = folded(doc) if caseless(doc) else None
    for trig in group:
        if _passive(text, sent_start, trig, lowered):
            lead_passive = lead_passive or trig is lead
            continue  # "38,000 Palestinians have been killed": the subject of a passive is its victim
        lo = _clause_start(doc, sent_start, trig.start, sent_end)
        lo = lo if lo > floor else floor
        cands = _candidates(doc, lo, trig.start)
        relative = bool(cands) and _WHO_THEN.fullmatch(text, cands[-1][1], trig.start) is not None
        if cands and _usable(doc, cands[-1][2], statement) and (
                relative or _appositive_name(text, cands[-1], lo, trig.start) or (
                    (trig.spec.kind == "verb" and _ADJACENT.fullmatch(text, cands[-1][1], trig.start)
                     or _verb_then_object().fullmatch(text, cands[-1][1], trig.start))
                             and not _preceded_by_preposition(text, cands[-1][0], lo)
                             and not _OBJECT_OF_VERB.search(text, cands[-1][0] - 20 if cands[-1][0] - 20 > lo else lo,
                                                            cands[-1][0]))):
            # "miners gathered to mark ten years since police shot dead 34": the noun right before
            # a verb is its subject, whatever stands at the head of the clause
            s, e, ent = cands[-1]
            choices.append((trig.start - e, trig is lead, cands[-1], relative))
            continue
        if cands and _SUBJECT_PRONOUN.search(text, lo, cands[0][0]):
            cands = []  # "the army said it had pursued the attackers and arrested five": a pronoun subject
        for s, e, ent in cands:
            if _preceded_by_preposition(text, s, lo) or not _usable(doc, ent, statement):
                continue
            if _subject_of_another(text, e, trig.start, others):
                continue  # "A court in Abuja sentenced a man for helping militants plan a raid"
            choices.append((trig.start - e, trig is lead, (s, e, ent), False))
            break
    lead_choice = None
    for c in choices:
        if c[1]:
            lead_choice = c
            break
    if lead.text.lower().endswith("ing"):
        # a participle modifies the noun right before it: "the population protesting against ..."
        lo = _clause_start(doc, sent_start, lead.start, sent_end)
        lo = lo if lo > floor else floor
        last = [c for c in _candidates(doc, lo, lead.start) if _usable(doc, c[2], statement)][-1:]
        if last and lead.start - last[0][1] <= 2:
            s, e, ent = last[0]
            return _mention(doc, s, e, ent)
    # a subject right before another trigger of the event beats a far one before the lead:
    # "survivors gathered to remember the massacre in which paramilitary units killed 30"
    # (not the subject of a relative clause on the lead's object: "police fired tear gas at
    # protesters who stormed parliament")
    nearest = None
    for c in choices:
        if not c[1] and not c[3] and c[0] < 40 and (lead_choice is None or c[0] < lead_choice[0]) \
                and (nearest is None or c[0] < nearest[0]):
            nearest = c
    if nearest is not None:
        return _mention(doc, *nearest[2])
    if lead_choice is not None:
        return _mention(doc, *lead_choice[2])
    if not statement:
        blamed = _blamed_after(doc, lead.end, sent_end, statement)
        if blamed is not None:
            return blamed
    if lead_passive:
        return None  # "rights groups said they had been tortured": the pronoun is the victim
    lo = _clause_start(doc, sent_start, lead.start, sent_end)
    lo = lo if lo > floor else floor
    found = _pronoun_actor(doc, lo, lead.start, speaker_at)
    if found is None and _THEY.search(text, lo, lead.start):
        speech = list(_SPEECH_BREAK.finditer(text, sent_start, lead.start))[-1:]
        if speech:
            speech = speech[0]  # "Organisers said they would march": they are the organisers
            for s, e, ent in _candidates(doc, sent_start, speech.start()):
                if not _preceded_by_preposition(text, s, sent_start) and _usable(doc, ent, statement):
                    return _mention(doc, s, e, ent)
    if found is None:
        for agent in group:
            if agent.spec.kind == "agent":
                return _mention(doc, _expand_left(text, agent.start, sent_start, stop), agent.end, None)
    return found


def _entity_of(doc: Doc, mention: Mention) -> Entity | None:
    return next((e for e in doc.entities if e.id == mention.entity), None) if mention.entity else None


def find_recipient(doc: Doc, trig_end: int, sent_end: int) -> Mention | None:
    agents, victims, stop = _lexicon()
    text = doc.article.text
    window_end = trig_end + 80 if trig_end + 80 < sent_end else sent_end
    m = _RECIPIENT_LEAD.match(text, trig_end, window_end)
    lo = m.end() if m else trig_end
    v = victims.search(doc, lo, window_end)
    if v is not None and _BY_BEFORE.search(text, v[0] - 12 if v[0] - 12 > lo else lo, v[0]):
        v = None  # "shot dead there by soldiers": the agent, not the target
    for span, ent in entities_between(doc, lo, window_end, _ACTOR_TYPES):
        if span[0] - lo < 25 and (v is None or span[0] < v[0]):
            return _mention(doc, span[0], span[1], ent)
        break
    if v and v[0] - lo < 40:
        s = _expand_left(text, v[0], lo, stop)
        return _mention(doc, s, v[1], None)
    if m is not None and m.group().strip() and agents.occurs(doc, lo, window_end):
        # "threw stones at riot police": an armed or uniformed target (an agent noun among the candidates)
        for s, e, ent in _candidates(doc, lo, window_end):
            if ent is None:
                if s - lo < 12:
                    return _mention(doc, s, e, None)
                break
    return None


def is_country_name(name: str) -> bool:
    return _country_of(name) is not None and " " not in name.strip() or name in ("USSR", "Soviet Union")
