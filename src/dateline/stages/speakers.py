"""Speaker phrases: the noun phrase beside a speech verb, read from the tokens of the text.

:class:`PhraseReader` reads the phrase that ends just before a verb ("police spokesman Ali
Musa said") or starts right after it ("said the governor, a former judge"): a name with its
title, a title alone, a group, a document or a pronoun, with the apposition beside it - and
the subject that opens a sentence. The quotes stage (:mod:`.quotes`) turns such a phrase into
a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import load

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
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’\-]\w+)*|[^\w\s]")
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
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTICLE_NAME = re.compile(r"[a-z]{1,4}[-’'][A-Z]")  # al-Tamimi, el-Sisi, d'Souza


@dataclass
class Phrase:
    """A noun phrase beside a speech verb."""

    start: int
    end: int
    kind: str  # pronoun | name | title | document | group
    name: tuple[int, int] | None = None  # the personal name inside it
    title: str | None = None
    head: str = ""


def capitalised(tok: str) -> bool:
    return tok[:1].isupper() or bool(_PARTICLE_NAME.match(tok))


class PhraseReader:
    """Reads speaker phrases from the text between character offsets."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _tokens(self, lo: int, hi: int) -> list[re.Match[str]]:
        return list(_TOKEN.finditer(self.text, lo, hi))

    @staticmethod
    def _abbrev_dot(toks: list[re.Match[str]], i: int) -> bool:
        """The '.' at i closes an initial or a title abbreviation ("J.", "Col.", "Mr.")."""
        if i == 0 or toks[i].group() != "." or toks[i - 1].end() != toks[i].start():
            return False
        prev = toks[i - 1].group()
        return (len(prev) == 1 and prev.isupper()) or prev + "." in _ABBREVIATIONS

    def _phrase(self, toks: list[re.Match[str]], a: int, b: int) -> Phrase | None:
        """Read tokens a..b (inclusive) as a speaker: a name with its title, a title, a group."""
        while a <= b and (toks[a].group().lower() in STOP | CONNECTORS or toks[a].group() in ").,"):
            a += 1
        while b >= a and (toks[b].group().lower() in CONNECTORS or toks[b].group() in "(,"):
            b -= 1
        if a > b:
            return None
        words = [t.group() for t in toks[a:b + 1]]
        lows = [w.lower() for w in words]
        start, end = toks[a].start(), toks[b].end()
        if len(words) == 1 and lows[0] in _PRONOUNS:
            return Phrase(start, end, "pronoun", head=lows[0])
        k = b  # walk back over the personal name
        while k >= a:
            w, low = words[k - a], lows[k - a]
            if self._abbrev_dot(toks, k) and len(toks[k - 1].group()) == 1:
                k -= 1
            elif (capitalised(w) and low not in ROLE_WORDS and low not in HONORIFICS
                  and low not in DETERMINERS) or \
                    (low in _NAME_LINKS and k > a and capitalised(words[k - a - 1])):
                k -= 1
            else:
                break
        before = lows[k - a] if k >= a else ""
        if k < b and before not in _ARTICLES and before not in _PREPOSITIONS and before != "and":
            title_toks = [t for i, t in enumerate(toks[a:k + 1], a)
                          if t.group().lower() not in HONORIFICS and t.group().lower() not in DETERMINERS
                          and not (t.group() == "." and toks[i - 1].group().lower() in HONORIFICS)]
            title = self.text[title_toks[0].start():title_toks[-1].end()] if title_toks else None
            return Phrase(start, end, "name", name=(toks[k + 1].start(), end), title=title, head=lows[-1])
        cut = next((i for i, low in enumerate(lows) if low in _PREPOSITIONS and i > 0), len(lows))
        head = lows[cut - 1]
        if head in DOCUMENTS:
            return Phrase(start, end, "document", head=head)
        if head in _TITLES and head not in _GROUPS:
            t0 = a + 1 if lows[0] in DETERMINERS else a
            return Phrase(start, end, "title", title=self.text[toks[t0].start():end], head=head)
        if len(words) > 7 or head in NOT_CLAUSE or head in STOP:
            return None
        return Phrase(start, end, "group", head=head)

    def _left_start(self, toks: list[re.Match[str]], i: int) -> int:
        """First token of the phrase that ends at token i."""
        first, j = i + 1, i
        while j >= 0 and i - j < 12:
            tok = toks[j].group()
            low = _POSSESSIVE.sub("", tok.lower())
            prev = toks[j - 1].group() if j else ""
            if self._abbrev_dot(toks, j) or tok in "()":
                first = j
            elif not tok[0].isalnum() or low in _CALENDAR:
                break
            elif low in _ARTICLES or (low in DETERMINERS and tok.islower()):
                return j
            elif low in _PRONOUNS:
                return j if j == i else first
            elif low in CONNECTORS and first <= i and (capitalised(prev) or prev.lower() in ROLE_WORDS):
                first = j  # "Ould Abdallah", "officials and witnesses"
            elif capitalised(tok) or low in ROLE_WORDS:
                if low in STOP:
                    break
                first = j
            elif low in STOP:
                break
            elif j == i and tok.isalpha():  # the head noun right before the verb: "union leaders said"
                first = j
            elif j < i and toks[j + 1].group().lower() in ROLE_WORDS and (
                    capitalised(prev) or prev.lower() in ROLE_WORDS):
                first = j  # "UN humanitarian coordinator X"
            else:  # an adjective in a description: "a grieving mother" needs its article
                k = j - 1
                while k >= 0 and j - k < 3 and toks[k].group().islower() and toks[k].group() not in STOP:
                    if toks[k].group() in _ARTICLES:
                        return k
                    k -= 1
                break
            j -= 1
        return first

    def phrase_left(self, lo: int, verb_start: int) -> tuple[Phrase | None, str | None]:
        """The speaker phrase that ends just before a verb, and its apposition ("X, a lawyer, said")."""
        toks = self._tokens(lo, verb_start)
        i = len(toks) - 1
        while i >= 0 and toks[i].group().lower() in _ADVERBS:
            i -= 1
        if i < 0 or toks[i].group().lower() in _AUXILIARIES:
            return None, None
        apposition, named = None, None
        if toks[i].group() == ",":
            j = self._other_comma(toks, i, -1)
            if j < 1 or toks[j].group() != "," or i - j < 2:
                return None, None
            apposition, named = self._apposition(toks, j + 1, i - 1)
            i = j - 1
        first = self._left_start(toks, i)
        if first > i:
            return None, None
        phrase = self._phrase(toks, first, i)
        if first >= 2 and toks[first - 1].group() in _PREPOSITIONS and toks[first - 2].group()[0].isalnum():
            outer_first = self._left_start(toks, first - 2)  # "Police in Kano", "Traders on First Avenue"
            outer = self._phrase(toks, outer_first, first - 2) if outer_first <= first - 2 else None
            if outer is not None and outer.kind == "name":
                return outer, None
            if outer is not None:
                phrase, apposition = self._phrase(toks, outer_first, i), None
        return self._with_named_apposition(phrase, named, apposition)

    def _with_named_apposition(self, phrase, named, apposition):
        """"the police chief, Ali Musa, said": the name in the apposition is the speaker."""
        if phrase is not None and named is not None and phrase.kind in ("title", "group") \
                and named.kind == "name" and " " in self.text[named.name[0]:named.name[1]]:
            named.title = phrase.title or named.title
            return named, None
        return phrase, apposition

    def phrase_right(self, verb_end: int, hi: int) -> tuple[Phrase | None, str | None]:
        """The speaker phrase right after a verb ("said police spokesman X, a ...")."""
        toks = self._tokens(verb_end, hi)
        b, seen_article = -1, False
        for i, m in enumerate(toks[:12]):
            tok = m.group()
            low = tok.lower()
            nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
            if self._abbrev_dot(toks, i) or (tok in "()" and b >= 0):
                b = i
                continue
            if not tok[0].isalnum() or (low in STOP and not capitalised(tok)):
                break
            if low in ("of", "for", "and"):
                if not capitalised(nxt) and nxt.lower() not in _ARTICLES:
                    break
            elif i == 0 and low in DETERMINERS:
                seen_article = True
            elif not capitalised(tok) and low not in ROLE_WORDS and low not in _NAME_LINKS:
                upcoming = [t.group() for t in toks[i + 1:i + 3]]
                role_before_name = b == i - 1 and any(capitalised(t) for t in upcoming) and all(
                    capitalised(t) or t.islower() and t not in STOP for t in upcoming)
                if not (role_before_name or (seen_article and i < 3)):
                    break
            b = i
        if b < 0:
            return None, None
        apposition, named = None, None
        if b + 1 < len(toks) and toks[b + 1].group() == ",":
            j = self._other_comma(toks, b + 1, 1)
            if j > b + 2:
                apposition, named = self._apposition(toks, b + 2, j - 1)
        return self._with_named_apposition(self._phrase(toks, 0, b), named, apposition)

    def _other_comma(self, toks: list[re.Match[str]], i: int, step: int) -> int:
        """From the comma at i, the index of the punctuation that closes the apposition."""
        j = i + step
        while 0 <= j < len(toks) and abs(j - i) < 40 and (
                toks[j].group() not in ",.;:“”\"" or self._abbrev_dot(toks, j)):
            j += step
        return j

    def _apposition(self, toks: list[re.Match[str]], a: int, b: int) -> tuple[str | None, Phrase | None]:
        """The role in ", a lawyer who heads the bar association," (not ", 34," or ", however,"),
        and the apposition read as a phrase (", Ali Musa,")."""
        words = self.text[toks[a].start():toks[b].end()].split()
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
        i = 0
        while i < len(toks):
            tok = toks[i].group()
            low = _POSSESSIVE.sub("", tok.lower())
            if tok == ",":
                j = self._other_comma(toks, i, 1)
                i = j + 1 if j < len(toks) and toks[j].group() == "," else i + 1
                continue
            prev = toks[i - 1].group().lower() if i else ""
            if tok[0].isalpha() and not capitalised(tok) and low not in ROLE_WORDS | CONNECTORS \
                    and low not in DETERMINERS | _PREPOSITIONS and prev not in DETERMINERS | _PREPOSITIONS \
                    and not (i + 1 < len(toks) and toks[i + 1].group().lower() in ROLE_WORDS):
                return self.phrase_left(lo, toks[i].start()) if i else (None, None)
            if not tok[0].isalnum() and tok not in "()" and not self._abbrev_dot(toks, i):
                break
            i += 1
        return None, None
