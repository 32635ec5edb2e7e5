"""Direct and reported speech, with who said it.

Direct quotes come from the quotation marks that :func:`segment.quotations` follows across
sentences and paragraphs. The speaker is the phrase beside a speech verb on either side
(“...,” said X / X said: “...” / “...” according to X); a pronoun becomes the last person who
spoke or opened a sentence; a title alone ("the governor") becomes the person the article
names with that title; "The statement reads: ..." goes to whoever issued the statement. A
quotation with no verb beside it continues the previous speaker. A few quoted words with no
speech verb beside them are scare quotes, not quotes.

Reported speech ("X said (that) ...", "..., police said.", "according to X, ...") is kind
``indirect``, only with an explicit speaker. Speakers come from ``doc.entities`` when the
entities stage found them, else from the capitalised words beside the verb.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from operator import itemgetter

import ahocorasick

from ..doc import Doc
from ..lexicons import load
from ..record import Entity, Quote
from .numbers import FOLD_SPECIAL, doc_hay, padded_automaton
from .segment import Quotation, quotations
from .speakers import (
    CONNECTORS,
    DETERMINERS,
    DOCUMENTS,
    GIVEN_NAME,
    HONORIFICS,
    NOT_CLAUSE,
    ROLE_WORDS,
    STOP,
    Phrase,
    PhraseReader,
    capitalised,
)

REQUIRES = ("sentences", "entities")
SETS = "quotes"

_LEX = load("speech")
_SPEECH, _FRAMES = _LEX["speech"], _LEX["frames"]


def _alt(items) -> str:
    """A regex alternation of words, longest first."""
    return "(?:" + "|".join(sorted({re.escape(w) for w in items}, key=len, reverse=True)) + ")"


def _verb_pattern(verbs, according) -> re.Pattern[str]:
    """A speech verb (case as listed) or an "according to" phrase (any case), as whole words."""
    def alt(items):
        return _alt(items) if items else "(?!)"
    return re.compile(r"\b(?:(?P<verb>" + alt(verbs) + r")|(?P<according>(?i:" + alt(according) + r")))\b")


_SPEECH_VERBS = _SPEECH["direct_verbs"] + _SPEECH["indirect_verbs"] + _SPEECH["indirect_that_verbs"]
_VERB = _verb_pattern(_SPEECH_VERBS, _SPEECH["according"])
_VERB_PHRASES = _SPEECH_VERBS + _SPEECH["according"]


def _verbs_by_first() -> dict[str, re.Pattern[str]]:
    """_VERB cut down to the phrases that can start with each character, for text without the
    characters that case-insensitive matching takes for ASCII letters (FOLD_SPECIAL): at a
    position where _VERB can match, its pattern matches the same (the phrases keep their order)."""
    firsts = {v[0] for v in _SPEECH_VERBS} | {c for a in _SPEECH["according"] for c in (a[0].lower(), a[0].upper())}
    return {c: _verb_pattern([v for v in _SPEECH_VERBS if v[0] == c],
                             [a for a in _SPEECH["according"] if a[0].lower() == c.lower()]) for c in firsts}


_VERB_BY_FIRST = _verbs_by_first()
# a non-ASCII first letter may fold to more than its lower and upper case: then try _VERB at the rest
_VERB_ELSEWHERE = None if all(a[:1].isascii() for a in _SPEECH["according"]) else _VERB


def _verb_automaton() -> ahocorasick.Automaton:
    """Every verb and "according" phrase as a whole word: where _VERB can match (it is checked there)."""
    return padded_automaton({p.lower() for p in _VERB_PHRASES})


_VERB_AUTOMATON = _verb_automaton()
_INDIRECT_VERBS = frozenset(_SPEECH["indirect_verbs"])
_THAT_VERBS = frozenset(_SPEECH["indirect_that_verbs"])
_PARTICIPLES = frozenset(_SPEECH["document_participles"])
_ISSUED = re.compile(r"\b" + _alt(_SPEECH["issue_verbs"]) + r"\b(?:\s+[\w'’\-]+){0,3}?\s+"
                     + _alt(_SPEECH["documents"]) + r"\b", re.I)
_FRAME_PREP = frozenset(_FRAMES["prepositions"])
_FRAME_WORDS = frozenset(_FRAMES["frame_words"]) | DOCUMENTS
_TOLD_OBJECT = re.compile(r"\s*(?:(?i:" + _alt(_FRAMES["told_objects"]) + r")\b"
                          r"|(?:the\s+)?(?:[A-Z][\w'’\-]*\.?\s*){1,4})")  # "told local radio", "told AFP"
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_SENTENCE_OPENERS = frozenset(_LEX["abbreviations"]["sentence_openers"])
_QUOTE_MARKS = "“”\""
_TRIM = " \t\n\r,;:"
_FRAME_HEAD = re.compile(r"\s*,?\s*([\w'’\-]+)")
_NEXT_WORD = re.compile(r"\s+([\w'’\-]+)")
_THAT_LATER = re.compile(r"[^,;:“”\"]{0,80}?\bthat\b")
_SUBORDINATORS = ("as", "what", "when", "if", "whether", "because", "unless")
_SUBORDINATE = re.compile(r"\b(?i:" + "|".join(_SUBORDINATORS) + r")\s+$")
_LONGEST_SUBORDINATOR = max(map(len, _SUBORDINATORS))
_THAT_LEAD = re.compile(r"\s*,?\s*(that\b)?\s*")
_NAME_BEFORE = re.compile(r"\b((?:[A-Z][\w'’\-]*\.?\s+){1,4})([A-Z][\w'’\-]+)\b")
_SHORT_GAP = re.compile(r"\s*(?:that\s*)?[:,]?\s*")
_INTRODUCES_QUOTE = re.compile(r":\s*[“\"]")
_TITLE_STOP = ROLE_WORDS | HONORIFICS | STOP
_HONORIFIC_STOP = HONORIFICS | STOP
_MIN_WORDS = 4  # fewer quoted words than this need a speech verb right beside the marks
_INHERIT_PARAGRAPHS = 1  # an unattributed quotation continues a speaker this many paragraphs back


# “...,” Oleksandr Hrytsenko, deputy head of the regional military administration, told reporters
_NAME_AND_APPOSITION = re.compile(r"[\s,]*(?:[A-Z][\w'’.-]*\s+){1,3}?[A-Z][\w'’.-]*,\s[^,]+,\s*$")


@dataclass
class Speaker:
    name: str | None
    entity: str | None = None
    title: str | None = None
    person: bool = False



class _Finder(PhraseReader):
    """Finds the quotes of one document, in text order."""

    def __init__(self, doc: Doc) -> None:
        super().__init__(doc.text, doc_hay(doc))
        self.doc = doc
        self.sentences = doc.sentences
        self.entities = doc.entities
        self.mentions = sorted([(s[0], s[1], e) for e in doc.entities for s in e.spans], key=itemgetter(0, 1))
        self.mention_starts = [m[0] for m in self.mentions]
        self.longest_mention = max((e - s for s, e, _ in self.mentions), default=0)
        self.people: list[tuple[int, Speaker]] = []  # people who spoke or opened a sentence, by position
        self.last_said: tuple[int, int, Speaker] | None = None  # (end, paragraph, speaker) of the last quote
        paras: dict[int, list[int]] = {}
        for s in self.sentences:
            paras.setdefault(s.paragraph, [s.start, s.end])[1] = s.end
        self.paragraphs = [tuple(v) for _, v in sorted(paras.items())]
        self.quotations = _quotations(doc, self.paragraphs)
        self.inner_starts = [q.inner[0] for q in self.quotations]
        self.used_verbs: set[int] = set()
        self.starts = [s.start for s in self.sentences]
        self.verb_starts = _verb_candidates(self.text, self.hay)
        if not self.entities:
            self._sentence_subjects()

    # ------------------------------------------------------------------ text helpers
    def sentence_at(self, pos: int) -> int:
        """Same as ``doc.sentence_at`` (the sentences do not change while quotes are read)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i > 0 else 0

    def sentence(self, pos: int) -> tuple[int, int]:
        s = self.sentences[self.sentence_at(pos)]
        return s.start, s.end

    def paragraph(self, pos: int) -> int:
        return self.sentences[self.sentence_at(pos)].paragraph

    def verbs(self, lo: int, hi: int):
        """The matches of ``_VERB.finditer(text, lo, hi)``, trying only where a verb starts."""
        if self.verb_starts is None:
            yield from _VERB.finditer(self.text, lo, hi)
            return
        starts, text, pos = self.verb_starts, self.text, lo
        for k in range(bisect.bisect_left(starts, lo), len(starts)):
            p = starts[k]
            if p >= hi:
                return
            if p < pos:
                continue
            pattern = _VERB_BY_FIRST.get(text[p], _VERB_ELSEWHERE)
            m = pattern.match(text, p, hi) if pattern is not None else None
            if m is not None:
                yield m
                pos = m.end()

    def verb_search(self, lo: int, hi: int) -> re.Match[str] | None:
        return next(self.verbs(lo, hi), None)

    def quoted(self, pos: int) -> bool:
        """Whether ``pos`` lies inside the words of a quotation."""
        i = bisect.bisect_right(self.inner_starts, pos) - 1
        return i >= 0 and self.quotations[i].inner[0] <= pos < self.quotations[i].inner[1]

    # ------------------------------------------------------------------ phrase -> speaker
    def _entity_over(self, lo: int, hi: int, types: tuple[str, ...]) -> Entity | None:
        found = None
        mentions = self.mentions
        # a mention starting before lo - longest_mention ends before lo
        for k in range(bisect.bisect_left(self.mention_starts, lo - self.longest_mention), len(mentions)):
            s, e, ent = mentions[k]
            if s >= hi:
                break
            if e > lo and ent.type in types and (found is None or ent.type == "PERSON"):
                found = ent
        return found

    def resolve(self, phrase: Phrase | None, apposition: str | None, at: int) -> Speaker | None:
        if phrase is None:
            return None
        text = self.text
        if phrase.kind == "pronoun":
            return self._last_person(at)
        if phrase.kind == "document":
            return self._issuer(at)
        words = text[phrase.start:phrase.end].split()
        if len(words) == 2 and words[0].lower() == "the" and words[1].isupper() and 2 <= len(words[1]) <= 5:
            found = self._person_by_title_initials(words[1], at)
            if found is not None:
                return found  # "the ACP said": the Assistant Commissioner of Police named before
        if phrase.kind == "name":
            lo, hi = phrase.name
            name_text = text[lo:hi]
            ent = self._entity_over(lo, hi, ("PERSON", "ORG", "NORP"))
            if ent is not None:
                name, known = ent.name, None
                if ent.type == "PERSON" and " " not in name:  # the entities stage missed the full name
                    name, known = self._full_name(name, lo)
                    if " " not in name and " " in name_text and name_text.endswith(name):
                        name = name_text  # "Emir Suljagic": the phrase read the whole name
                known = known or next((sp.title for _, sp in reversed(self.people)
                                       if sp.name == name and sp.title), None)
                speaker = Speaker(name, ent.id, phrase.title or apposition or known or ent.title,
                                  ent.type == "PERSON")
            elif self.entities and self._entity_over(lo, hi, ("GPE", "LOC", "FAC", "EVENT", "LAW")):
                return Speaker(text[phrase.start:phrase.end], None, phrase.title or apposition)
            else:
                full, title = self._full_name(name_text, lo)
                speaker = Speaker(full, None, phrase.title or apposition or title, True)
            if speaker.person:
                self.people.append((phrase.start, speaker))
            return speaker
        if phrase.kind == "title":
            if text[phrase.start:phrase.end].lower().startswith("the "):
                found = self._titled_person(phrase.head, at)
                if found is not None:
                    return found
            return Speaker(text[phrase.start:phrase.end], None, phrase.title)
        ent = self._entity_over(phrase.start, phrase.end, ("ORG", "PERSON", "NORP"))
        if ent is not None:
            return Speaker(ent.name, ent.id, apposition or ent.title, ent.type == "PERSON")
        return Speaker(text[phrase.start:phrase.end], None, apposition)

    def _full_name(self, name: str, at: int) -> tuple[str, str | None]:
        """A surname alone becomes the full name (and title) the article gave earlier."""
        if " " in name:
            return name, None
        for _, sp in reversed(self.people):
            if sp.name and sp.name.split()[-1] == name:
                return sp.name, sp.title
        first = self.text.find(name, 0, at)
        if first < 0:
            return name, None
        # no match holds a comma, so the one that ends in ``name`` starts after the last comma
        # before it, and a scan from there finds what a scan from the start finds after it
        for m in _NAME_BEFORE.finditer(self.text, self.text.rfind(",", 0, first) + 1, at):
            if m.group(2) != name:
                continue
            lead = m.group(1).split()
            n = len(lead)
            while n and lead[n - 1].lower() not in _TITLE_STOP:
                n -= 1
            if n < len(lead):
                title = [w for w in lead[:n] if w.lower() not in _HONORIFIC_STOP]
                return " ".join(lead[n:] + [name]), " ".join(title) or None
        return name, None

    def _titled_person(self, head: str, at: int) -> Speaker | None:
        """'the governor' -> the person the article calls Governor."""
        for _, sp in reversed(self.people):
            if sp.title and head in _WORD.findall(sp.title.lower()):
                return sp
        for ent in self.entities:
            if ent.type == "PERSON" and ent.title and head in ent.title.lower() and ent.spans[0][0] < at:
                return Speaker(ent.name, ent.id, ent.title, True)
        m = _titled_name_search(self.text, self._lower(), head, at)  # "Governor Ali Musa"
        if m:
            return Speaker(m.group(1).strip(), None, self.text[m.start():m.start(1)].strip(), True)
        return None

    def _person_by_title_initials(self, acronym: str, at: int) -> Speaker | None:
        for ent in self.entities:
            if ent.type == "PERSON" and ent.title and ent.spans[0][0] < at \
                    and "".join(w[0] for w in ent.title.split() if w[:1].isupper()).endswith(acronym):
                return Speaker(ent.name, ent.id, ent.title, True)
        return None

    def _last_person(self, at: int) -> Speaker | None:
        """The most recent person who spoke or opened a sentence before ``at``."""
        best_pos, best = -1, None
        for pos, sp in self.people:
            if best_pos <= pos < at:
                best_pos, best = pos, sp
        for s, _e, ent in self.mentions:
            if s >= at:
                break
            if ent.type == "PERSON" and s > best_pos and self._opens_sentence(s):
                best_pos, best = s, Speaker(ent.name, ent.id, ent.title, True)
        return best

    def _opens_sentence(self, start: int) -> bool:
        lead = self.text[self.sentence(start)[0]:start]
        return all(capitalised(w) or w.lower() in ROLE_WORDS or w.lower() in DETERMINERS
                   for w in _WORD.findall(lead))

    def _issuer(self, at: int) -> Speaker | None:
        """Who issued the statement, letter or post that a sentence quotes."""
        si = self.sentence_at(at)
        for k in range(si, max(-1, si - 3), -1):
            lo, hi = self.sentences[k].start, min(self.sentences[k].end, at)
            candidates = [self.phrase_left(lo, m.start()) for m in _ISSUED.finditer(self.text, lo, hi)]
            for phrase, apposition in candidates + [self._subject(lo, hi)]:
                if phrase is not None and phrase.kind not in ("document", "pronoun"):
                    return self.resolve(phrase, apposition, phrase.start)
            for type_ in ("PERSON", "ORG"):
                ent = next((e for s, _e, e in self.mentions if lo <= s < hi and e.type == type_), None)
                if ent is not None:
                    return Speaker(ent.name, ent.id, ent.title, type_ == "PERSON")
        lo = self.sentences[max(0, si - 2)].start
        return next((sp for pos, sp in reversed(self.people) if lo <= pos < at), None)

    def _sentence_subjects(self) -> None:
        """Without entities, people who open a sentence are antecedents for "he said"."""
        for s in self.sentences:
            phrase, apposition = self._subject(s.start, s.end)
            if phrase is not None and phrase.kind == "name" and " " in self.text[phrase.name[0]:phrase.name[1]]:
                name = self.text[phrase.name[0]:phrase.name[1]]
                self.people.append((phrase.start, Speaker(name, None, phrase.title or apposition, True)))

    # ------------------------------------------------------------------ direct quotes
    def _attribution_after(self, q: Quotation, ends_sentence: bool) -> tuple[Speaker | None, bool]:
        """“...,” said X / “...,” X said / “...” according to X. Returns (speaker, verb found)."""
        para_end = self.paragraphs[self.paragraph(q.end - 1)][1]
        near = min(para_end, q.end + 160)
        m = self.verb_search(q.end, near)
        given = self.given_name_search(q.end, near) if m else None
        if given and given.start() <= m.start() < given.end():  # "who asked to be identified as Musa told"
            m = self.verb_search(given.end(), near)
        if not m:
            return None, False
        gap = self.text[q.end:m.start()]
        # “...,” a fisherman who asked to be identified as Musa told
        most = 16 if (self.may_give_name(q.end, m.start()) and GIVEN_NAME.search(gap)) \
            or _NAME_AND_APPOSITION.match(gap) else 8  # “...,” X, deputy head of the regional ..., told
        if any(c in gap for c in _QUOTE_MARKS) or len(gap.split(None, most)) > most:
            return None, False
        sent_end = self.sentence(m.start())[1]
        if self.sentence(m.start()) != self.sentence(q.end - 1) and not ends_sentence:
            return None, False
        if ends_sentence and (len(self.text[m.end():sent_end].split(None, 4)) > 4 or gap.strip(" ,") == ""):
            return None, False
        if gap.strip(" ,") == "":
            phrase, apposition = self.phrase_right(m.end(), sent_end)
        else:
            phrase, apposition = self.phrase_left(q.end, m.start())
            if phrase is None:
                return None, False
        self.used_verbs.add(m.start())
        return self.resolve(phrase, apposition, q.start), True

    def _attribution_before(self, q: Quotation, short: bool) -> tuple[Speaker | None, bool]:
        """X said: “...” / X told local radio: "..." / The statement reads: “...”."""
        lo, _ = self.sentence(q.start)
        if not self.text[lo:q.start].strip():
            si = self.sentence_at(q.start)
            prev = self.sentences[si - 1] if si > 0 else None
            if prev is None or not self.text[prev.start:prev.end].rstrip().endswith(":"):
                return None, False
            lo = prev.start
        for other in self.quotations:
            if lo <= other.end <= q.start:
                lo = other.end
        verbs = list(self.verbs(lo, q.start))
        if not verbs:
            return None, False
        m = verbs[-1]
        gap = self.text[m.end():q.start]
        if m.group("verb") in ("told", "tells"):
            obj = _TOLD_OBJECT.match(gap)
            gap = gap[obj.end():] if obj else gap
        if short and not _SHORT_GAP.fullmatch(gap):
            return None, False
        if len(gap.split(None, 12)) > 12:
            return None, False
        if m.group("according"):
            phrase, apposition = self.phrase_right(m.end(), q.start)
        else:
            phrase, apposition = self.phrase_left(lo, m.start())
            if phrase is None and not self.text[lo:m.start()].strip():
                phrase, apposition = self.phrase_right(m.end(), q.start)  # Added the governor: “...”
        if phrase is None:
            return None, False
        self.used_verbs.add(m.start())
        return self.resolve(phrase, apposition, q.start), True

    def direct(self, q: Quotation) -> Quote | None:
        lo, hi = self._trim(*q.inner)
        text = self.text
        words = text[lo:hi].split()
        if not words:
            return None
        short = len(words) < _MIN_WORDS
        ends_sentence = text[hi - 1] in ".!?" and self.sentence(q.end - 1)[1] == q.end
        speaker, verb = self._attribution_after(q, ends_sentence)
        if not verb:
            speaker, verb = self._attribution_before(q, short)
        if short and not verb:
            return None  # a scare quote
        if not verb:
            if all(capitalised(w) or w.lower() in CONNECTORS for w in words):
                return None  # a title or a name in quotation marks
            s_start = self.sentence(q.start)[0]
            last = self.last_said
            if text[s_start:q.start].strip():  # embedded: the sentence's subject ("X described it as “...”")
                speaker = self.resolve(*self._subject(s_start, q.start), s_start)
            elif last and self.paragraph(q.start) - last[1] <= _INHERIT_PARAGRAPHS:
                speaker = last[2]
        if speaker is not None:
            self.last_said = (q.end, self.paragraph(q.end - 1), speaker)
        quoted = text[lo:hi]
        for mark in sorted(q.reopened, reverse=True):
            if lo <= mark < hi:
                quoted = quoted[:mark - lo] + quoted[mark - lo + 1:]
        return _quote(speaker, quoted, (lo, hi), "direct")

    # ------------------------------------------------------------------ reported speech
    def _frames_end(self, pos: int, end: int) -> int:
        """Skip "on Monday", "in a statement", "late on Sunday" after a verb."""
        for _ in range(3):
            m = _FRAME_HEAD.match(self.text, pos, end)
            if not m or m.group(1).lower() not in _FRAME_PREP:
                break
            p, n = m.end(), 0
            while n < 4:
                w = _NEXT_WORD.match(self.text, p, end)
                if not w or not (capitalised(w.group(1)) or w.group(1).lower() in _FRAME_WORDS):
                    break
                p, n = w.end(), n + 1
            if n == 0:
                break
            pos = p
        return pos

    def indirect(self, m: re.Match[str]) -> Quote | None:
        text = self.text
        s_start, s_end = self.sentence(m.start())
        body_end = s_start + len(text[s_start:s_end].rstrip().rstrip(".!?"))  # a closing quote mark stays
        before = text[s_start:m.start()].rstrip()
        if m.group("according"):
            phrase, apposition = self.phrase_right(m.end(), body_end)
            if phrase is None:
                return None
            if before.endswith(","):  # "..., according to X."
                if len(text[phrase.end:body_end].split(None, 3)) > 3:
                    return None
                return self._reported(phrase, apposition, m.start(), s_start, s_start + len(before) - 1)
            if not before:  # "According to X, ..."
                comma = text.find(",", phrase.end, body_end)
                return self._reported(phrase, apposition, m.start(), comma + 1, body_end) if comma > 0 else None
            return None
        verb = m.group("verb")
        if verb not in _INDIRECT_VERBS and verb not in _THAT_VERBS:
            return None
        if before.endswith(",") and verb not in ("told", "tells"):  # "..., said X, a lawyer."
            phrase, apposition = self.phrase_right(m.end(), body_end)
            tail = text[phrase.end:body_end].strip() if phrase is not None else "-"
            if phrase is not None and phrase.kind != "pronoun" and (not tail or tail.startswith(",")):
                return self._reported(phrase, apposition, m.start(), s_start, s_start + len(before) - 1)
        after = self._frames_end(m.end(), body_end)
        rest = text[after:body_end].split(None, 4)  # the first words, and more than three or not
        if len(rest) <= 3 and rest[:1] != ["that"] or rest[:1] == [","] or rest[:1] and rest[0][0] == ",":
            # "..., X said on Monday." / "..., X said, speaking on condition of anonymity."
            phrase, apposition = self.phrase_left(s_start, m.start())
            if phrase is None:
                return None
            comma = text.rfind(",", s_start, phrase.start)
            if comma < 0 or text[comma:phrase.start].strip(" ,"):
                return None
            return self._reported(phrase, apposition, m.start(), s_start, comma)
        phrase, apposition = self.phrase_left(s_start, m.start())
        if phrase is None or _subordinate(text, s_start, phrase.start):
            return None  # "As the minister said last year, ..."
        if verb in ("told", "tells"):
            obj = _TOLD_OBJECT.match(text, after, body_end)
            after = self._frames_end(obj.end(), body_end) if obj else after
        word = _WORD.match(text, after, body_end) or _WORD.search(text, after, body_end)
        if word and word.group().lower() in _PARTICIPLES:  # "said in a statement posted online that ..."
            that = _THAT_LATER.match(text, word.start(), body_end)
            after = that.end() if that else after
        lead = _THAT_LEAD.match(text, after, body_end)
        if verb in _THAT_VERBS and not lead.group(1):
            return None
        after = lead.end()
        first = _WORD.match(text, after, body_end)
        if not first or first.group().lower() in NOT_CLAUSE:
            return None
        if _INTRODUCES_QUOTE.search(text, after, body_end):
            return None  # introduces a direct quotation
        return self._reported(phrase, apposition, m.start(), after, body_end)

    def _trim(self, lo: int, hi: int) -> tuple[int, int]:
        """The span without surrounding spaces and clause punctuation."""
        words = self.text[lo:hi]
        return lo + len(words) - len(words.lstrip(_TRIM)), hi - len(words) + len(words.rstrip(_TRIM))

    def _reported(self, phrase, apposition, at: int, lo: int, hi: int) -> Quote | None:
        if phrase is None or hi <= lo:
            return None
        lo, hi = self._trim(lo, hi)
        clause = self.text[lo:hi]
        if len(clause.split(None, 2)) < 3 or clause[0] in _QUOTE_MARKS or self.quoted(lo):
            return None
        speaker = self.resolve(phrase, apposition, at)
        if speaker is None or not speaker.name:
            return None
        return _quote(speaker, clause, (lo, hi), "indirect")

    # ------------------------------------------------------------------ all of it
    def find(self) -> list[Quote]:
        found: list[Quote] = []
        verbs = [(m.start(), 1, m) for m in self.verbs(0, len(self.text)) if not self.quoted(m.start())]
        for _pos, kind, item in sorted([(q.start, 0, q) for q in self.quotations] + verbs, key=lambda x: x[:2]):
            if kind == 1 and item.start() in self.used_verbs:
                continue
            quote = self.direct(item) if kind == 0 else self.indirect(item)
            if quote is not None:
                found.append(quote)
                if quote.kind == "indirect":
                    self.last_said = (quote.span[1], self.paragraph(quote.span[1] - 1),
                                      Speaker(quote.speaker, quote.speaker_entity, quote.speaker_title))
        return sorted(found, key=lambda q: q.span)


def _subordinate(text: str, lo: int, hi: int) -> bool:
    """``_SUBORDINATE.search(text, lo, hi)``: only the last word before the spaces can match."""
    words_end = lo + len(text[lo:hi].rstrip())
    return _SUBORDINATE.search(text, max(lo, words_end - _LONGEST_SUBORDINATOR), hi) is not None


def _titled_name_search(text: str, lower: str | None, head: str, at: int) -> re.Match[str] | None:
    """``head`` (any case) followed by a capitalised name, first in ``text[:at]``; ``lower`` is
    the lower-cased text where it has the same offsets and case-folds like it, else None."""
    pattern = re.compile(r"\b(?i:" + re.escape(head) + r")\s+((?:[A-Z][\w'’\-]+ ?){1,3})")
    if not head.isascii() or not head or lower is None:
        return pattern.search(text, 0, at)
    pos = lower.find(head, 0, at)  # where the head can start: its lower-case letters in the lower-cased text
    while pos >= 0:
        m = pattern.match(text, pos, at)
        if m is not None:
            return m
        pos = lower.find(head, pos + 1, at)
    return None


def _verb_candidates(text: str, hay: str) -> list[int] | None:
    """Sorted offsets where a speech verb or "according to" starts (in any case), or None when
    the text has a character that case-insensitive matching takes for an ASCII letter."""
    if any(ch in text for ch in FOLD_SPECIAL):
        return None
    return sorted({last - size - 1 for last, (size, _) in _VERB_AUTOMATON.iter(hay)})


def _quotations(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """The segment stage's quotations when it left them for these paragraphs, else found again."""
    memo = doc.memo.get("quotations")
    if memo is not None and memo[0] == paragraphs:
        return memo[1]
    return quotations(doc.text, paragraphs)


def _quote(speaker: Speaker | None, text: str, span: tuple[int, int], kind: str) -> Quote:
    speaker = speaker or Speaker(None)
    return Quote(speaker.name, speaker.entity, speaker.title, text, span, kind)


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct and reported speech of a segmented document (entities used when present)."""
    found = _Finder(doc).find() if doc.sentences else []
    return [q for q in found if q.text.strip()]  # 'said “ “': a pair of marks with nothing inside


def apply(doc: Doc) -> None:
    doc.quotes = find_quotes(doc)
