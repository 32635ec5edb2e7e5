"""Speaker phrases: the noun phrase beside a speech verb, read from the tokens of the text.

:class:`PhraseReader` reads the phrase that ends just before a verb ("police spokesman Ali
Musa said") or starts right after it ("said the governor, a former judge"): a name with its
title, a title alone, a group, a document or a pronoun, with the apposition beside it - and
the subject that opens a sentence. The quotes stage (:mod:`.quotes`) turns such a phrase into
a speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import load
from .numbers import FOLD_SPECIAL

_LEX = load("speech")
_SPEECH, _SPEAKERS, _GRAMMAR = _LEX["speech"], _LEX["speakers"], _LEX["grammar"]
_ENTITY_LEX = load("entities")  # title heads, honorifics and organisation words are shared

_ADVERBS = frozenset(_SPEECH["adverbs"])
_PRONOUNS = frozenset(_SPEECH["pronouns"])
DOCUMENTS = frozenset(_SPEECH["documents"])
_TITLES = frozenset(w.lower() for w in _SPEAKERS["titles"] + _ENTITY_LEX["titles"]["heads"]
                    + _ENTITY_LEX["honorifics"]["words"] if " " not in w)
_MODIFIERS = frozenset(_SPEAKERS["title_modifiers"])
_GROUPS = frozenset(w.lower() for w in _SPEAKERS["groups"] + _ENTITY_LEX["org"]["keywords"])
ROLE_WORDS = _TITLES | _MODIFIERS | _GROUPS | DOCUMENTS
_TOKEN = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.)+|\w++(?:['’\-]\w+)*+|[^\w\s]")  # "U.S.", "al-Sisi", ","
_ARTICLES = frozenset(_GRAMMAR["articles"])
DETERMINERS = _ARTICLES | frozenset(_GRAMMAR["quantifiers"])
_NAME_LINKS = frozenset(_GRAMMAR["name_particles"])
CONNECTORS = _NAME_LINKS | frozenset(_GRAMMAR["title_links"])
STOP = frozenset(_GRAMMAR["stop"])
_PREPOSITIONS = frozenset(_GRAMMAR["prepositions"])
_AUXILIARIES = frozenset(_GRAMMAR["auxiliaries"])
HONORIFICS = frozenset(_GRAMMAR["honorifics"])
NOT_CLAUSE = frozenset(_GRAMMAR["not_clause_start"])
_CALENDAR = frozenset(w.lower() for w in _LEX["abbreviations"]["clock_followers"] if w[-1] != ".")
_ABBREVIATIONS = frozenset(_LEX["abbreviations"]["never_final"])
_STOP_OR_CONNECTOR = STOP | CONNECTORS
_CLOSES_APPOSITION = frozenset(",.;:“”\"")
_ROLE_OR_CONNECTOR = ROLE_WORDS | CONNECTORS
_NOT_NAME = ROLE_WORDS | HONORIFICS | DETERMINERS
_DETERMINER_OR_PREPOSITION = DETERMINERS | _PREPOSITIONS
_PARTICLE_NAME = re.compile(r"[a-z]{1,4}[-’'][A-Z]")  # al-Tamimi, el-Sisi, d'Souza
_NAME_LIKE_TITLES = frozenset(_SPEAKERS["name_like_titles"])


def _given_name_pattern() -> re.Pattern[str]:
    """"who gave his name only as Ko Min", "identified only as Ibrahim": the phrase, then the name."""
    own = {"his": "(?:his|her|their)", "himself": "(?:himself|herself|themselves)"}
    phrases = sorted({" ".join(p.split()) for p in _SPEAKERS["given_name_phrases"]}, key=len, reverse=True)
    alts = [r"(?:\s+only)?\s+".join(own.get(w, re.escape(w)) for w in p.split()) for p in phrases]
    name = r"[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}"
    return re.compile(rf"(?i:\b(?:{'|'.join(alts)})(?:\s+only)?)\s*,?\s+(?P<name>{name})")


GIVEN_NAME = _given_name_pattern()
# the word each given-name phrase opens with: where the text has none, GIVEN_NAME cannot match
_GIVEN_NAME_FIRST = tuple({p.split()[0].lower() for p in _SPEAKERS["given_name_phrases"]})
_OPENERS_IN_HAY = all(w.isascii() and w.isalnum() for w in _GIVEN_NAME_FIRST)  # found as they are in a word hay
_GIVEN_GAP = re.compile(r"[^.;:!?“”\"]{0,60}")  # "a woman from the village, " before "who gave her name"


@dataclass
class Phrase:
    """A noun phrase beside a speech verb."""

    start: int
    end: int
    kind: str  # pronoun | name | title | document | group
    name: tuple[int, int] | None = None  # the personal name inside it
    title: str | None = None
    head: str = ""


def _strip_possessive(low: str) -> str:
    """"ali's" -> "ali", "parents'" -> "parents"."""
    if low.endswith(("'s", "’s")):
        return low[:-2]
    return low[:-1] if low.endswith(("'", "’")) else low


@lru_cache(maxsize=1 << 14)
def capitalised(tok: str) -> bool:
    return tok[:1].isupper() or ("-" in tok or "’" in tok or "'" in tok) and bool(_PARTICLE_NAME.match(tok))


def _ascii_marks() -> tuple[bytes, dict[int, tuple[str, str]]]:
    """The ASCII letters, digits and spaces (to delete from encoded text, leaving its marks), and
    each mark that is always a token of its own with the spaced text that splits it off."""
    plain = bytes(c for c in range(128) if chr(c).isalnum() or chr(c).isspace())
    marks = {c: (chr(c), f" {chr(c)} ") for c in range(128) if c not in plain and chr(c) not in "'-._"}
    return plain, marks


_PLAIN, _MARKS = _ascii_marks()
# where an apostrophe or hyphen is not between two letters or digits, it is a token of its own
_LOOSE_JOINERS = (" '", "' ", " -", "- ", "''", "--", "'-", "-'")


def _plain_tokens(span: str) -> tuple[list[str], list[str]] | None:
    """The tokens of an ASCII ``span`` and their lower-cased forms, found by spacing out its
    marks; None where it holds a period or underscore or an apostrophe or hyphen that splits off."""
    if "." in span or "_" in span:
        return None
    for mark in set(span.encode().translate(None, _PLAIN)):
        pair = _MARKS.get(mark)
        if pair is not None:
            span = span.replace(*pair)
    words = span.split()
    if "'" in span or "-" in span:  # "Ali's", "al-Sisi": one token each
        padded = f" {' '.join(words)} "
        if any(pair in padded for pair in _LOOSE_JOINERS):
            return None
    return words, span.lower().split()


class _Tokens:
    """The _TOKEN matches of ``text[lo:hi]``: their strings (``w``), lower-cased strings (``low``)
    and, when asked for, their offsets (``start``, ``end``)."""

    __slots__ = ("text", "lo", "hi", "w", "low", "_starts", "_front", "_back")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text, self.lo, self.hi = text, lo, hi
        # No token holds a space, and a run of letters and digits between spaces is one token.
        span = text[lo:hi]
        plain = _plain_tokens(span) if span.isascii() else None
        if plain is not None:
            self.w, self.low = plain
        elif "".join(chunks := span.split()).isalnum():  # words only: lower-casing keeps the spaces
            self.w, self.low = chunks, span.lower().split()
        else:
            self.w = w = []
            for chunk in chunks:
                if chunk.isalnum():
                    w.append(chunk)
                elif chunk[:-1].isalnum() and chunk[-1] != "_":  # "Nigeria,": a word and a mark
                    w += (chunk[:-1], chunk[-1])
                else:
                    w += _TOKEN.findall(chunk)
            # lower-cased together: no token holds a newline, and none can change case by its neighbours
            self.low = "\n".join(w).lower().split("\n") if w else []
        self._starts: list[int | None] = [None] * len(self.w)
        self._front, self._back = -1, len(self.w)  # offsets known for tokens ..front and back..

    def __len__(self) -> int:
        return len(self.w)

    def start(self, i: int) -> int:
        """Offset of token i, found from the nearer end of the tokens: a token starts at the first
        occurrence of its first character after the token before it (only spaces are between)."""
        starts = self._starts
        found = starts[i]
        if found is not None:
            return found
        w, text = self.w, self.text
        if i - self._front <= self._back - i:
            j = self._front
            if j < 0:
                j, starts[0] = 0, text.find(w[0][0], self.lo)
            while j < i:
                starts[j + 1] = text.find(w[j + 1][0], starts[j] + len(w[j]))
                j += 1
            self._front = i
        else:
            j = self._back
            if j == len(w):
                j -= 1
                starts[j] = text.rfind(w[j][-1], self.lo, self.hi) + 1 - len(w[j])
            while j > i:
                starts[j - 1] = text.rfind(w[j - 1][-1], self.lo, starts[j]) + 1 - len(w[j - 1])
                j -= 1
            self._back = i
        return starts[i]

    def end(self, i: int) -> int:
        return self.start(i) + len(self.w[i])


def _occurrences(text: str, words, shift: int) -> tuple[list[int], list[int]]:
    """Where each word occurs in ``text`` less ``shift`` (overlaps included): starts in order, and
    their ends."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append((at - shift, at - shift + len(word)))
            at = text.find(word, at + 1)
    found.sort()
    return [a for a, _ in found], [b for _, b in found]


class PhraseReader:
    """Reads speaker phrases from the text between character offsets."""

    def __init__(self, text: str, hay: str | None = None) -> None:
        """``hay``: the text's :func:`.numbers.word_hay`, where the caller has it made."""
        self.text = text
        self.hay = hay
        self.lower: str | None | bool = False  # the lower-cased text (see _lower), not made yet
        self._openers: tuple[list[int], list[int]] | None | bool = False  # see _name_openers, not made yet

    def _lower(self) -> str | None:
        """The lower-cased text, or None where its offsets or case folding differ from the text's."""
        if self.lower is False:
            lower = self.text.lower()
            folds_apart = len(lower) != len(self.text) or any(ch in self.text for ch in FOLD_SPECIAL)
            self.lower = None if folds_apart else lower
        return self.lower

    def _name_openers(self) -> tuple[list[int], list[int]] | None:
        """Where the words that open GIVEN_NAME's phrases occur in the lower-cased text (starts in
        order, and their ends), or None where its offsets or case folding differ from the text's."""
        if self._openers is False:
            if any(ch in self.text for ch in FOLD_SPECIAL):  # the letters that lower-case apart
                self._openers = None
            elif self.hay is not None and _OPENERS_IN_HAY:  # the hay has the same ASCII letters, one on
                self._openers = _occurrences(self.hay, _GIVEN_NAME_FIRST, 1)
            else:
                self._openers = _occurrences(self.text.lower(), _GIVEN_NAME_FIRST, 0)
        return self._openers

    def may_give_name(self, lo: int, hi: int) -> bool:
        """Whether GIVEN_NAME may match inside ``text[lo:hi]``: it holds a word that opens its phrases."""
        openers = self._name_openers()
        if openers is None:
            return True
        starts, ends = openers
        for k in range(bisect.bisect_left(starts, lo), len(starts)):
            if starts[k] >= hi:
                break
            if ends[k] <= hi:
                return True
        return False

    def given_name_search(self, lo: int, hi: int) -> re.Match[str] | None:
        """``GIVEN_NAME.search(text, lo, hi)``, tried only where a word that opens its phrases starts."""
        openers = self._name_openers()
        if openers is None:
            return GIVEN_NAME.search(self.text, lo, hi)
        starts, ends = openers
        for k in range(bisect.bisect_left(starts, lo), len(starts)):
            if starts[k] >= hi:
                break
            if ends[k] <= hi and (m := GIVEN_NAME.match(self.text, starts[k], hi)) is not None:
                return m
        return None

    def _tokens(self, lo: int, hi: int) -> _Tokens:
        return _Tokens(self.text, lo, hi)

    @staticmethod
    def _abbrev_dot(toks: _Tokens, i: int) -> bool:
        """The '.' at i closes an initial or a title abbreviation ("J.", "Col.", "Mr.")."""
        if i == 0 or toks.w[i] != "." or toks.end(i - 1) != toks.start(i):
            return False
        prev = toks.w[i - 1]
        return (len(prev) == 1 and prev.isupper()) or prev + "." in _ABBREVIATIONS

    def _phrase(self, toks: _Tokens, a: int, b: int) -> Phrase | None:
        """Read tokens a..b (inclusive) as a speaker: a name with its title, a title, a group."""
        tw, tl = toks.w, toks.low
        while a <= b and (tl[a] in _STOP_OR_CONNECTOR or tw[a] in ").,"):
            a += 1
        while b >= a and (tl[b] in CONNECTORS or tw[b] in "(,"):
            b -= 1
        if a > b:
            return None
        start, end = toks.start(a), toks.end(b)
        if a == b and tl[a] in _PRONOUNS:
            return Phrase(start, end, "pronoun", head=tl[a])
        k = b  # walk back over the personal name
        while k >= a:
            w = tw[k]
            if w == ".":  # an initial's period
                if not (self._abbrev_dot(toks, k) and len(tw[k - 1]) == 1):
                    break
            elif not (capitalised(w) and tl[k] not in _NOT_NAME
                      or tl[k] in _NAME_LINKS and k > a and capitalised(tw[k - 1])):
                break
            k -= 1
        before = tl[k] if k >= a else ""
        if k < b and before not in _ARTICLES and before not in _PREPOSITIONS and before != "and":
            title_toks = [i for i in range(a, k + 1)
                          if tl[i] not in HONORIFICS and tl[i] not in DETERMINERS
                          and not (tw[i] == "." and tl[i - 1] in HONORIFICS)]
            title = self.text[toks.start(title_toks[0]):toks.end(title_toks[-1])] if title_toks else None
            return Phrase(start, end, "name", name=(toks.start(k + 1), end), title=title, head=tl[b])
        lows = tl[a:b + 1]
        cut = len(lows)
        if not _PREPOSITIONS.isdisjoint(lows):
            for i in range(1, cut):
                if lows[i] in _PREPOSITIONS:
                    cut = i
                    break
        head = lows[cut - 1]
        if head in DOCUMENTS:
            return Phrase(start, end, "document", head=head)
        if head in _TITLES and head not in _GROUPS:
            t0 = a + 1 if lows[0] in DETERMINERS else a
            return Phrase(start, end, "title", title=self.text[toks.start(t0):end], head=head)
        if len(lows) > 7 or head in NOT_CLAUSE or head in STOP:
            return None
        return Phrase(start, end, "group", head=head)

    def _left_start(self, toks: _Tokens, i: int) -> int:
        """First token of the phrase that ends at token i."""
        tw, tl = toks.w, toks.low
        first = i + 1
        for j in range(i, max(i - 12, -1), -1):  # at most 12 tokens back
            tok = tw[j]
            if (tok == "." and self._abbrev_dot(toks, j)) or tok in "()":
                first = j
                continue
            low = tl[j]
            if "'" in low or "’" in low:
                low = _strip_possessive(low)
            if not tok[0].isalnum() or low in _CALENDAR:
                break
            elif low in _ARTICLES or (low in DETERMINERS and tok.islower()):
                return j
            elif low in _PRONOUNS:
                return j if j == i else first
            prev, prev_low = (tw[j - 1], tl[j - 1]) if j else ("", "")
            if low in CONNECTORS and first <= i and (capitalised(prev) or prev_low in ROLE_WORDS):
                first = j  # "Ould Abdallah", "officials and witnesses"
            elif capitalised(tok) or low in ROLE_WORDS:
                if low in STOP:
                    break
                first = j
            elif low in STOP:
                break
            elif j == i and tok.isalpha():  # the head noun right before the verb: "union leaders said"
                first = j
            elif j < i and tl[j + 1] in ROLE_WORDS and (capitalised(prev) or prev_low in ROLE_WORDS):
                first = j  # "UN humanitarian coordinator X"
            else:  # an adjective in a description: "a grieving mother" needs its article
                k = j - 1
                while k >= 0 and j - k < 3 and tw[k].islower() and tw[k] not in STOP:
                    if tw[k] in _ARTICLES:
                        return k
                    k -= 1
                break
        return first

    def phrase_left(self, lo: int, verb_start: int) -> tuple[Phrase | None, str | None]:
        """The speaker phrase that ends just before a verb, and its apposition ("X, a lawyer, said")."""
        toks = self._tokens(lo, verb_start)
        tw, tl = toks.w, toks.low
        i = len(toks.w) - 1
        while i >= 0 and tl[i] in _ADVERBS:
            i -= 1
        if i < 0 or tl[i] in _AUXILIARIES:
            return None, None
        apposition, named, apposition_end = None, None, None
        if tw[i] == ",":
            j = self._other_comma(toks, i, -1)
            if j < 1 or tw[j] != "," or i - j < 2:
                return None, None
            apposition, named = self._apposition(toks, j + 1, i - 1)
            i, apposition_end = j - 1, toks.end(i - 1)
        first = self._left_start(toks, i)
        if first > i:
            return None, None
        phrase = self._phrase(toks, first, i)
        if first >= 2 and tw[first - 1] in _PREPOSITIONS and tw[first - 2][0].isalnum():
            outer_first = self._left_start(toks, first - 2)  # "Police in Kano", "Traders on First Avenue"
            outer = self._phrase(toks, outer_first, first - 2) if outer_first <= first - 2 else None
            if outer is not None and outer.kind == "name":
                return outer, None
            if outer is not None:
                phrase, apposition = self._phrase(toks, outer_first, i), None
        if phrase is not None and phrase.kind == "name" and phrase.start == phrase.name[0]:
            phrase = self._described(lo, phrase)  # "A resident who gave his name as Ko Min said"
        if apposition_end is not None:  # "A woman, who gave her name as Mariama, said"
            given = self.given_name(phrase, apposition_end)
            if given is not phrase:
                return given, None
        return self._with_named_apposition(phrase, named, apposition)

    def _with_named_apposition(self, phrase, named, apposition):
        """"the police chief, Ali Musa, said": the name in the apposition is the speaker; after a
        title, "Emir Suljagic" is a name, not a second title."""
        if phrase is not None and named is not None and phrase.kind in ("title", "group") and named.kind == "name":
            lo, hi = named.name
            lead = self.text[named.start:lo].split()
            if " " not in self.text[lo:hi] and len(lead) == 1 and lead[0].lower() in _NAME_LIKE_TITLES:
                named.name, named.title = (named.start, hi), None
            if " " in self.text[named.name[0]:named.name[1]]:
                named.title = phrase.title or named.title
                return named, None
        return phrase, apposition

    def _described(self, lo: int, phrase: Phrase) -> Phrase:
        """The name read back from a verb with the speaker it names: "a resident who gave his name
        only as [Ko Min]" -> Ko Min, titled resident, from "a resident" on."""
        near = max(lo, phrase.start - 120)
        m = next((g for g in GIVEN_NAME.finditer(self.text, near, phrase.end)
                  if g.span("name") == phrase.name), None) if self.may_give_name(near, phrase.end) else None
        if m is None:
            return phrase
        described, _ = self.phrase_left(lo, m.start())
        if described is None or described.kind not in ("title", "group"):
            return phrase
        given = self.given_name(described, phrase.end)
        return given if given.kind == "name" and given.name == phrase.name else phrase

    def given_name(self, phrase: Phrase | None, hi: int) -> Phrase | None:
        """"a resident who gave his name only as Ko Min", "a woman from the village, who gave her
        name as Mariama": the unnamed speaker by the name the article gives."""
        if phrase is None or phrase.kind in ("name", "pronoun", "document"):
            return phrase
        end = min(hi, phrase.end + 120)
        m = self.given_name_search(phrase.start, end)
        if m is None or (m.start() > phrase.end and not _GIVEN_GAP.fullmatch(self.text, phrase.end, m.start())):
            return phrase
        title = phrase.title
        if title is None:
            words = self.text[phrase.start:m.start()].rstrip(" ,").split()  # "woman from the village"
            title = " ".join(words[1:] if words and words[0].lower() in _ARTICLES else words) or None
        return Phrase(phrase.start, m.end("name"), "name", name=(m.start("name"), m.end("name")), title=title,
                      head=phrase.head)

    def phrase_right(self, verb_end: int, hi: int) -> tuple[Phrase | None, str | None]:
        """The speaker phrase right after a verb ("said police spokesman X, a ...")."""
        toks = self._tokens(verb_end, hi)
        tw, tl = toks.w, toks.low
        n = len(toks.w)
        b, seen_article = -1, False
        for i in range(min(n, 12)):
            tok = tw[i]
            low = tl[i]
            if (tok == "." and self._abbrev_dot(toks, i)) or (tok in "()" and b >= 0):
                b = i
                continue
            if not tok[0].isalnum() or (low in STOP and not capitalised(tok)):
                break
            if low in ("of", "for", "and"):
                nxt, nxt_low = (tw[i + 1], tl[i + 1]) if i + 1 < n else ("", "")
                if not capitalised(nxt) and nxt_low not in _ARTICLES:
                    break
            elif i == 0 and low in DETERMINERS:
                seen_article = True
            elif not capitalised(tok) and low not in ROLE_WORDS and low not in _NAME_LINKS:
                upcoming = tw[i + 1:i + 3]
                role_before_name = b == i - 1 and any(capitalised(t) for t in upcoming) and all(
                    capitalised(t) or t.islower() and t not in STOP for t in upcoming)
                if not (role_before_name or (seen_article and i < 3)):
                    break
            b = i
        if b < 0:
            return None, None
        phrase = self._phrase(toks, 0, b)
        given = self.given_name(phrase, hi)  # "said a resident who gave his name only as Ko Min"
        if given is not phrase:
            return given, None
        apposition, named = None, None
        if b + 1 < n and tw[b + 1] == ",":
            j = self._other_comma(toks, b + 1, 1)
            if j > b + 2:
                apposition, named = self._apposition(toks, b + 2, j - 1)
        return self._with_named_apposition(phrase, named, apposition)

    def _other_comma(self, toks: _Tokens, i: int, step: int) -> int:
        """From the comma at i, the index of the punctuation that closes the apposition (at most 39
        tokens on), else where the search stopped: the 40th token or one past the tokens."""
        tw = toks.w
        stop = max(i - 40, -1) if step < 0 else min(i + 40, len(tw))
        for j in range(i + step, stop, step):
            tok = tw[j]
            if tok in _CLOSES_APPOSITION and not (tok == "." and self._abbrev_dot(toks, j)):
                return j
        return stop

    def _apposition(self, toks: _Tokens, a: int, b: int) -> tuple[str | None, Phrase | None]:
        """The role in ", a lawyer who heads the bar association," (not ", 34," or ", however,"),
        and the apposition read as a phrase (", Ali Musa,")."""
        words = self.text[toks.start(a):toks.end(b)].split()
        first = words[0].lower()
        if first in ("a", "an", "the"):
            words = words[1:]
        elif not (first in _TITLES or first in _MODIFIERS or capitalised(words[0])):
            words = []
        return (" ".join(words) or None) if len(words) <= 25 else None, self._phrase(toks, a, b)

    def _subject(self, lo: int, hi: int) -> tuple[Phrase | None, str | None]:
        """The subject of the sentence part [lo, hi): the phrase before its first verb-like word
        ("The U.N. coordinator in Nigeria, Fatima Ali, condemned ..." -> Fatima Ali)."""
        toks = self._tokens(lo, min(hi, lo + 240))
        tw, tl, n = toks.w, toks.low, len(toks.w)
        i = 0
        while i < n:
            tok = tw[i]
            low = _strip_possessive(tl[i])
            if tok == ",":
                j = self._other_comma(toks, i, 1)
                i = j + 1 if j < n and tw[j] == "," else i + 1
                continue
            prev = tl[i - 1] if i else ""
            if tok[0].isalpha() and not capitalised(tok) and low not in _ROLE_OR_CONNECTOR \
                    and low not in _DETERMINER_OR_PREPOSITION and prev not in _DETERMINER_OR_PREPOSITION \
                    and not (i + 1 < n and tl[i + 1] in ROLE_WORDS):
                return self.phrase_left(lo, toks.start(i)) if i else (None, None)
            if not tok[0].isalnum() and tok not in "()" and not self._abbrev_dot(toks, i):
                break
            i += 1
        return None, None
