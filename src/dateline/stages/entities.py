"""Entities: people, organisations, places, nationalities, laws, events - by rule, no model.

Capitalised sequences are chunked from the text (with connectors such as "of", "for",
particles such as "al-" or "da", acronyms in parentheses) and typed by the lexicon of
``lexicons/entities.toml``, the gazetteer and the context: titles and honorifics before
names, "said X", appositions (", a lawyer who ..."), place nouns after names ("Zamfara
state"), group nouns ("militants"). Later mentions merge into earlier entities: a surname
into the full name, an acronym into the organisation it abbreviates. Places get their
coordinates in the ``places`` stage; here a place only gets its country when it is one.
"""

from __future__ import annotations

import re

from .. import gazetteer
from ..doc import Doc
from ..record import Entity
from .entity_chunks import (
    ACRONYM,
    ALWAYS_DROP,
    CONNECTORS,
    NAME_PARTICLES,
    SPLITTERS,
    Mention,
    PersonRules,
    Tok,
    chunks,
    lexicon,
    locative_before,
    of_before,
    suffix_after,
    word_memo,
)
from .entity_merge import _add_repeated_mentions, merge

REQUIRES = ("sentences",)
SETS = "entities"

_NATURAL_FIRST = frozenset(("Lake", "Mount", "Mt.", "Gulf", "Bay", "Cape", "River", "Sea", "Mountains"))
# where a sentence (or a line, a quote, a dash-led clause) starts. The ^ of the text is handled
# apart and each alternative starts with the one class below, tried only where a candidate is
_OPENER_TAIL = re.compile(r"[\s\"“‘(\[*•\-–—]*")
_SENTENCE_OPENER = re.compile(r"[\n.!?:—–\-](?:(?<=\n)|(?<=[.!?:—–])\s|(?<=\s-)\s|(?<=[.!?])\s*[\"”’]\s)"
                              + _OPENER_TAIL.pattern)
# 1 for each Latin-1 byte that may open a _SENTENCE_OPENER; the dashes lie outside Latin-1 and
# encode as "?", which is one: bytes.find jumps between them far quicker than re tests each character
_OPENER_CANDIDATES = bytes(int(chr(b) in "\n.!?:-") for b in range(256))
_NEXT_WORD = re.compile(r"\s+(\w+)")
_NEXT_TOKEN = re.compile(r"[ \t]+(\w+)")
_LAST_WORD = re.compile(r"(?<![\w'’-])([A-Za-z-]+)[ \t]+$")
_AGENCY_CLOSE = re.compile(r"\)\s*[-—–:]")
_LOWER_WORD = re.compile(r"[a-z][a-z'-]+")
_LOWER_TAIL = frozenset("abcdefghijklmnopqrstuvwxyz'-")
_WORD_CHAR = re.compile(r"[\w'’-]")
_IN_PARENS = re.compile(r"\(([^)]+)\)")
_LEADING_THE = re.compile(r"^(?:The|the)\s+")


# --- typing --------------------------------------------------------------------------------

class _Typer(PersonRules):
    """Types the chunks of one document as mentions; the person rules come from PersonRules."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lexicon()
        self.gaz = gazetteer.get()
        self.memo = word_memo(self.gaz)
        self.starts = self._sentence_starts()
        self.lower_seen: dict[str, bool] = {}
        self.mentions: list[Mention] = []
        self.outlets = self._outlets(doc)
        self.calendar = self.lex["calendar"]

    @staticmethod
    def _outlets(doc: Doc) -> frozenset[str]:
        """The agency or paper that wrote the article: "told Meridian" names it, not a town."""
        names = [doc.article.source or ""]
        if doc.article.dateline is not None:
            names += _IN_PARENS.findall(doc.article.dateline.text or "")
        return frozenset(gazetteer.fold(_LEADING_THE.sub("", n)) for n in names if n.strip())

    def _sentence_starts(self) -> set[int]:
        starts = {0}
        starts.update([s.start for s in self.doc.sentences])
        text = self.text
        pos = _OPENER_TAIL.match(text).end()
        starts.add(pos)
        find_candidate = text.encode("latin-1", "replace").translate(_OPENER_CANDIDATES).find
        opener_at = _SENTENCE_OPENER.match
        while (c := find_candidate(1, pos)) >= 0:
            m = opener_at(text, c)
            if m is None:
                pos = c + 1
            else:  # as finditer goes on: after the opener
                pos = m.end()
                starts.add(pos)
        return starts

    def _lower_word(self, low: str) -> bool:
        """Whether ``low`` stands in the text as a whole lower-case word ("the", "police")."""
        seen = self.lower_seen.get(low)
        if seen is None:
            seen = False
            if _LOWER_WORD.fullmatch(low):
                text, n = self.text, len(low)
                i = text.find(low)
                while i >= 0:
                    if (i == 0 or not _WORD_CHAR.match(text, i - 1)) and text[i + n:i + n + 1] not in _LOWER_TAIL:
                        seen = True
                        break
                    i = text.find(low, i + 1)
            self.lower_seen[low] = seen
        return seen

    def _place_kinds(self, name: str) -> list[gazetteer.Place]:
        """The places of that name (a list no caller changes: it is kept for the next call)."""
        memo = self.memo["place_kinds"]
        kinds = memo.get(name)
        if kinds is None:
            kinds = memo[name] = [] if gazetteer.fold(name) in self.lex["not_places"] else self.gaz.lookup(name)
        return kinds

    def _name_of(self, toks: list[Tok]) -> str:
        raw = self.text[toks[0].start:toks[-1].end]
        if raw.isupper() and len(raw) > 4 and not ACRONYM.match(raw):
            return " ".join(w.capitalize() for w in raw.split())
        return raw

    def add(self, toks: list[Tok], type_: str, name: str | None = None, **kw) -> Mention:
        m = Mention(toks[0].start, toks[-1].end, type_, name or self._name_of(toks), **kw)
        self.mentions.append(m)
        return m

    # the chunk pipeline
    def run(self, chunk: list[Tok]) -> None:
        """Split a chunk at possessives and calendar words, drop sentence openers, type the parts."""
        if len(chunk) == 1:  # most chunks: one word, often a sentence opener ("The", "Police")
            t = chunk[0]
            text = t.text
            if text in self.calendar:
                return  # a weekday or month alone
            if not (text.endswith(("'s", "’s")) and len(text) > 2):
                low = text.lower()
                if low in CONNECTORS or text in "()":
                    return
                if t.start in self.starts or low in ALWAYS_DROP:
                    chunk = self._drop_sentence_opener(chunk)
                    if not chunk:
                        return
                self.classify(chunk, False)
                return
        for t in chunk:
            if t.text in self.calendar or t.text.endswith(("'s", "’s")) and len(t.text) > 2:
                break
        else:  # no weekday, month or possessive to split at: the chunk is one part
            part = self._strip_connectors(chunk)
            if part and (part[0].start in self.starts or part[0].text.lower() in ALWAYS_DROP):
                part = self._drop_sentence_opener(part)
            if part:
                self.classify(part, False)
            return
        parts: list[tuple[list[Tok], bool]] = []
        cur: list[Tok] = []
        for t in chunk:
            if t.text in self.calendar:
                parts.append((cur, False))
                cur = []
            elif t.text.endswith(("'s", "’s")) and len(t.text) > 2:
                cur.append(Tok(t.text[:-2], t.start, t.end - 2))
                parts.append((cur, True))
                cur = []
            else:
                cur.append(t)
        parts.append((cur, False))
        prev_country = None
        for part, possessive in parts:
            part = self._strip_connectors(part)
            if part and (part[0].start in self.starts or part[0].text.lower() in ALWAYS_DROP):
                part = self._drop_sentence_opener(part)
            if not part:
                continue
            before = len(self.mentions)
            self.classify(part, possessive)
            if prev_country:  # "Iraq's Foreign Ministry": the ministry is Iraq's
                for m in self.mentions[before:]:
                    if m.type in ("ORG", "PERSON") and not m.country:
                        m.country = prev_country
            prev_country = None
            if possessive:
                prev_country = self.gaz.country_code(self._name_of(part))

    def _strip_connectors(self, toks: list[Tok]) -> list[Tok]:
        while toks and (toks[0].text.lower() in CONNECTORS or toks[0].text in "()"):
            first = toks[0].text
            if len(toks) > 1 and first[0].isupper() and first.lower() in NAME_PARTICLES and toks[1].text[0].isupper():
                break  # "El Obeid", "La Paz", "Abu Dhabi": the particle opens the name
            toks = toks[1:]
        while toks and (toks[-1].text.lower() in CONNECTORS or toks[-1].text == "("
                        or toks[-1].text == ")" and "(" not in [t.text for t in toks]):
            toks = toks[:-1]
        return toks

    def _drop_sentence_opener(self, toks: list[Tok]) -> list[Tok]:
        first = toks[0].text
        low = first.lower()
        if low in ALWAYS_DROP or low in self.lex["stop"] or (self._lower_word(low) and not self._known(first)):
            return self._strip_connectors(toks[1:])
        if low in self.lex["modifiers"] and len(toks) > 1 and self._names_thing(toks[1].text):
            return toks[1:]  # "Veteran Culiacán journalist X": an adjective before a place
        return toks

    def _names_thing(self, word: str) -> bool:
        """A place, nationality or known group (no honorific: "Former President X" keeps its title)."""
        return bool(self._place_kinds(word)) or self.gaz.demonym(word) is not None \
            or gazetteer.fold(word) in self.lex["known_org"]

    def _month(self, tok: Tok) -> bool:
        """"in May 2017", "since May", "May 5": the month, neither a place nor a person."""
        after = _NEXT_TOKEN.match(self.text, tok.end)
        if after and after.group(1)[0].isdigit():
            return True
        before = _LAST_WORD.search(self.text, max(0, tok.start - 20), tok.start)
        return before is not None and before.group(1).lower() in self.lex["month_cues"]

    def _known(self, word: str) -> bool:
        memo = self.memo["known"]
        known = memo.get(word)
        if known is None:
            known = memo[word] = (self.gaz.demonym(word) is not None or bool(self._place_kinds(word))
                                  or word in self.lex["honorifics"] or gazetteer.fold(word) in self.lex["known_org"])
        return known

    def classify(self, toks: list[Tok], possessive: bool) -> None:
        lex, text = self.lex, self.text
        words = [t.text for t in toks]
        if len(toks) == 1 and words[0] in lex["month_homographs"] and self._month(toks[0]):
            return
        whole = self._name_of(toks)
        folded = gazetteer.fold(whole)
        sentence_initial = toks[0].start in self.starts

        # an acronym in parentheses closes the chunk: "Kurdistan Workers' Party (PKK)"
        alias = None
        if len(toks) >= 4 and words[-1] == ")" and words[-3] == "(" and ACRONYM.match(words[-2]):
            alias = words[-2]
        if "(" in words and alias is None:
            cut = words.index("(")
            head = toks[:cut]
            if head and not any(w.lower() in lex["heads"] or w in lex["honorifics"] for w in words[:cut]):
                close = words.index(")") if ")" in words else len(words)
                for part in (head, toks[cut + 1:close], toks[close + 1:]):
                    part = self._strip_connectors(part)
                    if part:
                        self.classify(part, possessive and part[-1] is toks[-1])
                return

        if folded in lex["known_org"] or folded in self.outlets:
            self.add(toks, "ORG", whole, country=self._country_inside(words))
            return
        for w in words:
            if w[0].isalpha() and not w.isupper():
                break
        else:  # every word in capitals (or no word at all: brackets, numbers)
            self._all_caps(toks, whole)
            return
        if len(toks) > 1 and self._with_title(toks, words):
            return
        if len(toks) == 1:
            if words[0].lower() in lex["heads"]:
                return  # a title alone ("President"): no one named
        elif self._title_only(toks, words):
            return
        demonym = self.gaz.demonyms.get(folded)
        kinds = self._place_kinds(whole) if alias is None else []
        if demonym is not None and len(toks) <= 3 and (not kinds or kinds[0].kind != "country"):
            self.add(toks, "NORP", whole, country=demonym or None)
            return
        if self._agency(toks):
            self.add(toks, "ORG", whole)
            return
        if len(toks) > 1 and words[0] in _NATURAL_FIRST:
            self.add(toks, "LOC", whole)  # "Lake Albert", "Mount Kenya"
            return
        if kinds and kinds[-1].kind == "city" and kinds[0].population < 15000 and self._facility_after(toks):
            self.add(toks, "FAC", whole)  # "the Mariano Moreno bus terminal": a hamlet's name, no hamlet
            return
        if kinds and not (len(toks) == 1 and sentence_initial and kinds[0].kind == "city"
                          and not self._locative(toks)):
            if len(toks) > 1 or kinds[0].kind != "city" or kinds[0].population >= 15000 or self._locative(toks):
                self._place(toks, kinds, whole)
                if len(toks) == 1 and kinds[0].kind != "country":
                    self.mentions[-1].weak = True  # "Farah" may be a surname met before
                return
        if len(toks) > 1:  # (a word alone is no connector: those are stripped)
            if ("and" in words or "&" in words) and self._and_splits(toks, words):
                return
            if "of" in words and self._person_of(words):
                self._split(toks, words, possessive)  # "Jane Doe of the Law Society"
                return
            if words[0].rstrip(".") in lex["honorifics"] and any(w in SPLITTERS for w in words):
                self._split(toks, words, possessive)  # "Ms Jane Doe of the World Food Programme"
                return
        typed = self._keyword_type(words)
        if typed:
            street = typed == "FAC" and words[-1] in lex["streets"]
            self.add(toks, typed, whole, country=None if street else self._country_inside(words), alias=alias)
            return
        if len(toks) > 1 and self._split(toks, words, possessive):
            return
        after = text[toks[-1].end:toks[-1].end + 40]
        m = suffix_after(lex, after)
        if m and after.startswith(" of ", m.end()) and lex["suffixes"].get(m.group(1).lower()) == "settlement":
            return  # "the Caribbean city of Santa Marta": a modifier; the city is the name after "of"
        if m or of_before(lex, text[max(0, toks[0].start - 30):toks[0].start]):
            if self.gaz.demonym(words[0]) is None:
                kind = lex["suffixes"].get(m.group(1).lower()) if m else "settlement"
                self.add(toks, "LOC" if kind == "natural" else "GPE", whole)
                return
        if words[-1] in lex["suffix_caps"] and len(toks) > 1:
            self.add(toks, "LOC" if lex["suffixes"].get(words[-1].lower()) == "natural" else "GPE", whole)
            return
        group = _NEXT_WORD.match(after)
        if group and group.group(1).lower() in lex["groups"]:
            demonym = self.gaz.demonym(words[0])
            if demonym is None:
                self.add(toks, "ORG", whole)
                return
        if demonym is not None:
            self.add(toks, "NORP", whole, country=demonym or None)
            return
        if not kinds and self._facility_after(toks):
            self.add(toks, "FAC", whole)  # "near the Lonmin platinum mine", "at Mitiga airport"
            return
        self._person_or_guess(toks, words, sentence_initial)

    def _facility_after(self, toks: list[Tok]) -> bool:
        """A facility noun in lower case after the name, at most one lower-case word between:
        "X airport", "X bus terminal", "X platinum mine"."""
        end = toks[-1].end
        if self.text[end:end + 1] != " ":
            return False
        words = self.text[end + 1:end + 40].split(" ", 2)
        lex = self.lex
        for i, word in enumerate(words[:2]):
            word = word.rstrip(".,;:")
            if word in lex["fac_lower"]:
                return True
            if i or not word.isalpha() or not word.islower() or word in lex["stop"] or word in lex["breaks"]:
                return False
        return False

    def _all_caps(self, toks: list[Tok], whole: str) -> None:
        words = [t.text for t in toks if t.text not in "()"]
        if len(words) == 1 and words[0].lower() in self.lex["stop"]:
            return
        kinds = self._place_kinds(whole)
        if kinds and (kinds[0].kind != "city" or len(gazetteer.fold(whole)) > 3):
            short_country = kinds[0].kind == "country" and len(gazetteer.fold(whole)) <= 4
            self._place(toks, kinds, name=kinds[0].name if short_country else whole.title())
        elif self.gaz.demonym(whole) is not None and len(whole) > 4:
            self.add(toks, "NORP", country=self.gaz.demonym(whole) or None, name=whole.title())
        elif len(words) == 1 and ACRONYM.match(words[0]):
            self.add(toks, "ORG")

    def _agency(self, toks: list[Tok]) -> bool:
        """"BEIRUT, Lebanon (Caspian Wire) -": a name in parentheses on a dateline is the agency."""
        text = self.text
        if text[toks[0].start - 1:toks[0].start] != "(" or text[toks[-1].end:toks[-1].end + 1] != ")":
            return False
        line_start = text.rfind("\n", 0, toks[0].start) + 1
        return toks[0].start - line_start < 80 and bool(_AGENCY_CLOSE.match(text, toks[-1].end))

    def _locative(self, toks: list[Tok]) -> bool:
        before = self.text[max(0, toks[0].start - 30):toks[0].start]
        after = self.text[toks[-1].end:toks[-1].end + 30]
        return after.startswith(",") or locative_before(before) or bool(suffix_after(self.lex, after)) \
            or of_before(self.lex, before)

    def _place(self, toks: list[Tok], kinds, name: str | None = None) -> None:
        kind = kinds[0]
        type_ = "LOC" if kind.kind == "region" and not kind.country else "GPE"
        country = kind.country if kind.kind == "country" else None
        if kind.kind == "region" and kind.country:
            country = kind.country
        self.add(toks, type_, country=country, name=name)

    def _keyword_type(self, words: list[str]) -> str | None:
        lex = self.lex
        if len(words) < 2 and words[0] not in ("Parliament", "Congress", "Senate", "Kremlin"):
            return None
        cut = 0
        while cut < len(words) and words[cut] not in SPLITTERS:
            cut += 1
        head = words[cut - 1] if cut > 0 else words[-1]
        if head in lex["law"]:
            return "LAW"
        if head in lex["event"]:
            return "EVENT"
        if head in lex["fac"]:
            return "FAC"
        if not lex["org"].isdisjoint(words):
            return "ORG"
        if words[-1] in lex["fac"]:
            return "FAC"
        return None

    def _country_inside(self, words: list[str]) -> str | None:
        for w in words:
            if w[:1].isupper():
                code = self.gaz.demonym(w)
                if code:
                    return code
        for w in words:
            if w[:1].isupper() and len(w) > 2:
                code = self.gaz.country_code(w)
                if code:
                    return code
        return None

    def _and_splits(self, toks: list[Tok], words: list[str]) -> bool:
        """"Kenya and Somalia" are two; "Ministry of Foreign Affairs and Trade" is one."""
        i = words.index("and") if "and" in words else words.index("&")
        left, right = words[:i], words[i + 1:]
        lex = self.lex
        right_head = right[-1] if right else ""
        independent = (right_head in lex["org"] or right_head in lex["law"] or right_head in lex["fac"]
                       or bool(self._place_kinds(" ".join(w for w in right if w != "the"))))
        if self._keyword_type(left) in ("ORG", "LAW", "EVENT") and not independent:
            return False
        self._split(toks, words, False)
        return True

    def _split(self, toks: list[Tok], words: list[str], possessive: bool) -> bool:
        """Split "Kenya and Somalia", "Horn of X": parts typed alone."""
        for sep in ("and", "&", "of", "for", "on"):
            if sep in words:
                i = words.index(sep)
                left, right = self._strip_connectors(toks[:i]), self._strip_connectors(toks[i + 1:])
                if left:
                    self.classify(left, False)
                if right:
                    self.classify(right, possessive)
                return True
        return False


def apply(doc: Doc) -> None:
    typer = _Typer(doc)
    lex = typer.lex
    found = chunks(doc.text, lex["honorifics"])
    org_to, text = lex["org_to"], doc.text
    for i, chunk in enumerate(found):
        if chunk[-1].text in org_to and i + 1 < len(found) and chunk[-1].end + 4 == found[i + 1][0].start \
                and text[chunk[-1].end:chunk[-1].end + 4] == " to " and not typer._names_thing(found[i + 1][0].text):
            # "the Committee to Protect Journalists": one name, its purpose after "to"
            found[i + 1] = [*chunk, Tok("to", chunk[-1].end + 1, chunk[-1].end + 3), *found[i + 1]]
            continue
        typer.run(chunk)
    doc.entities = merge(doc, typer.mentions, lex)
    _add_repeated_mentions(doc)


# --- helpers other stages call ---------------------------------------------------------------------

def entity_at(doc: Doc, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping [start, end) (the first such, in id order)."""
    for ent in doc.entities:
        for s, e in ent.spans:
            if s < end and start < e:
                return ent
    return None


def mentions_in(doc: Doc, start: int, end: int, types: tuple[str, ...] | None = None):
    """(entity, span) pairs whose span lies inside [start, end), in text order."""
    out = [(ent, span) for ent in doc.entities if types is None or ent.type in types
           for span in ent.spans if start <= span[0] and span[1] <= end]
    return sorted(out, key=lambda pair: pair[1])


def persons_in(doc: Doc, sentence_index: int) -> list[Entity]:
    """PERSON entities mentioned in one sentence, in order of their mention there."""
    s = doc.sentences[sentence_index]
    seen: list[Entity] = []
    for ent, _span in mentions_in(doc, s.start, s.end, ("PERSON",)):
        if ent not in seen:
            seen.append(ent)
    return seen


def person_named(doc: Doc, name: str) -> Entity | None:
    """The PERSON a name or surname refers to ("Aliyeva" -> "Sabina Aliyeva")."""
    parts = [gazetteer.fold(p) for p in name.split() if p[:1].isupper()]
    if not parts:
        return None
    for ent in doc.entities:
        if ent.type == "PERSON":
            ent_parts = [gazetteer.fold(p) for p in ent.name.split()]
            if set(parts) <= set(ent_parts):
                return ent
    return None


def person_titled(doc: Doc, title: str) -> Entity | None:
    """The PERSON whose title holds the last word of ``title`` ("the ombudsman", "the judge")."""
    words = re.findall(r"[\w\-]+", title.lower())
    if not words:
        return None
    for ent in doc.entities:
        if ent.type == "PERSON" and ent.title and words[-1] in ent.title.lower():
            return ent
    return None
