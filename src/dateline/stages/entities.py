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
from dataclasses import dataclass
from functools import cache

from .. import gazetteer
from ..doc import Doc
from ..record import Entity

REQUIRES = ("sentences",)
SETS = "entities"

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w\-]|['’](?=[^\W_]))*|\d[\w.,:\-]*|[^\w\s]")
_PARTICLE_TOKEN = re.compile(r"^(?:al|el|ad|ar|as|an|at|ash|az|ul|bin|ibn|abu|de|da|di|du|van|von|le|la|d)-\w")
_CONNECTORS = frozenset(("of", "for", "the", "and", "&", "on", "de", "da", "do", "dos", "das", "du", "del",
                         "della", "di", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "ibn",
                         "bint", "abu", "y"))
_NAME_PARTICLES = frozenset(("de", "da", "do", "dos", "das", "du", "del", "della", "di", "van", "von", "der",
                             "den", "la", "le", "al", "el", "bin", "ibn", "bint", "abu", "y"))
_SPLITTERS = ("of", "for", "on")
_NATURAL_FIRST = frozenset(("Lake", "Mount", "Mt.", "Gulf", "Bay", "Cape", "River", "Sea", "Mountains"))
_PLAIN_HONORIFICS = frozenset(("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Doctor"))
_SAY = re.compile(r"\s*,?\s*(?:said|says|say|told|tells|added|adds|explained|insisted|warned|wrote|"
                  r"recalled|stated|confirmed|asked|replied|noted)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|according\s+to|asked|by)\s*$")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|around|across|at|from)\s+(?:the\s+)?$")
_HYPHEN_MODIFIER = re.compile(r"^([A-Z][\w]*)(-[a-z][\w\-]*)$")  # "Somalia-based", "Saudi-led"
_ALWAYS_DROP = frozenset(("a", "an", "the", "this", "that", "these", "those", "in", "on", "at", "as", "but",
                          "and", "if", "when", "while", "after", "before", "for", "from", "with", "by",
                          "to", "it", "he", "she", "they", "we", "his", "her", "their", "its", "our"))
_APPOSITION = re.compile(r",\s+((?:a|an|the)\s+[^,.;:!?\"“”()]{2,90}?)(?=\s+(?:who|which|that|whose|said|told)\b|[,.;:!?\"“”)]|$)")
_CLAUSE_START = re.compile(r"(?:^|[.;:!?\"“”(]\s*|,\s+|\n)\s*((?:the|a|an|The|A|An)\s[^,.;:!?\"“”()\n]{2,100}),\s+$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-.]{1,9}$")


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    type: str
    name: str
    title: str | None = None
    country: str | None = None
    alias: str | None = None  # an acronym in parentheses that names the same thing
    weak: bool = False  # a single word typed by a guess; yields to a person's surname


@cache
def _lexicon():
    lex = gazetteer.lexicon()

    def lower_set(words):
        return frozenset(w.lower() for w in words)

    heads = lower_set(lex["titles"]["heads"])
    geo = lex["geo_suffix"]
    suffixes = {w: kind for kind in ("admin1", "admin2", "settlement", "natural") for w in geo[kind]}
    suffix_alt = "|".join(sorted((re.escape(w) for w in suffixes), key=len, reverse=True))
    before_of = "|".join(re.escape(w) for w in geo["before_of"])
    return {
        "calendar": frozenset(lex["calendar"]["words"]),
        "stop": lower_set(lex["stopwords"]["words"]),
        "honorifics": frozenset(lex["honorifics"]["words"]),
        "heads": heads,
        "head_words": frozenset(w.split()[-1] for w in heads),
        "breaks": lower_set(lex["titles"]["breaks"]),
        "org": frozenset(lex["org"]["keywords"]),
        "known_org": {gazetteer.fold(w): w for w in lex["org"]["known"]},
        "groups": lower_set(lex["org"]["group_nouns"]),
        "fac": frozenset(lex["fac"]["keywords"]),
        "law": frozenset(lex["law"]["keywords"]),
        "event": frozenset(lex["event"]["keywords"]),
        "suffixes": suffixes,
        "suffix_caps": frozenset(w.capitalize() for w in suffixes if " " not in w),
        "suffix_after": re.compile(rf"\s+({suffix_alt})\b", re.I),
        "of_before": re.compile(rf"\b(?:{before_of})\s+of\s+(?:the\s+)?$", re.I),
        "not_places": frozenset(gazetteer.fold(n) for n in lex["not_places"]["names"]),
    }


# --- chunking ----------------------------------------------------------------------------

def _is_cap(text: str) -> bool:
    return text[:1].isupper() or bool(_PARTICLE_TOKEN.match(text))


def _chunks(text: str, tokens: list[Tok], honorifics: frozenset[str]) -> list[list[Tok]]:
    """Maximal capitalised sequences; connectors and a parenthesised group may sit inside."""
    out: list[list[Tok]] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if not (_is_cap(tok.text) and tok.text[0].isalpha()):
            i += 1
            continue
        chunk = [tok]
        j = i + 1
        while j < n:
            prev, cur = chunk[-1], tokens[j]
            gap = text[prev.end:cur.start]
            if cur.text == "." and prev.text in honorifics and gap == "":
                prev.end = cur.end  # "Gen." keeps its period
                j += 1
                continue
            if gap not in (" ", "") or (gap == "" and cur.text[0].isalnum()):
                if not (gap == " " and cur.text == "("):
                    break
            if _is_cap(cur.text) and cur.text[0].isalpha() and gap == " ":
                chunk.append(cur)
                j += 1
                continue
            if cur.text in ("'", "’") and gap == "" and prev.text.endswith("s") and j + 1 < n \
                    and _is_cap(tokens[j + 1].text) and text[cur.end:tokens[j + 1].start] == " ":
                prev.end = cur.end  # "Workers' Party"
                prev.text += cur.text
                j += 1
                continue
            if cur.text == "(" and gap == " ":
                k = j + 1
                while k < n and k - j <= 6 and tokens[k].text != ")" and _is_cap(tokens[k].text):
                    k += 1
                if k < n and k > j + 1 and tokens[k].text == ")":
                    chunk.extend(tokens[j:k + 1])
                    j = k + 1
                    continue
                break
            if cur.text.lower() in _CONNECTORS and gap == " ":
                k = j
                while k < n and tokens[k].text.lower() in _CONNECTORS and text[tokens[k - 1].end:tokens[k].start] == " ":
                    k += 1
                if k < n and k > j and _is_cap(tokens[k].text) and tokens[k].text[0].isalpha() \
                        and text[tokens[k - 1].end:tokens[k].start] == " " and k - j <= 2:
                    chunk.extend(tokens[j:k + 1])
                    j = k + 1
                    continue
            break
        out.append(chunk)
        i = j
    return out


# --- typing --------------------------------------------------------------------------------

class _Typer:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = _lexicon()
        self.gaz = gazetteer.get()
        self.starts = self._sentence_starts()
        self.lower_words = set(re.findall(r"(?<![\w'’-])[a-z][a-z'-]+", self.text))
        self.mentions: list[Mention] = []
        self.outlets = self._outlets(doc)

    @staticmethod
    def _outlets(doc: Doc) -> frozenset[str]:
        """The agency or paper that wrote the article: "told Meridian" names it, not a town."""
        names = [doc.article.source or ""]
        if doc.article.dateline is not None:
            names += re.findall(r"\(([^)]+)\)", doc.article.dateline.text or "")
        return frozenset(gazetteer.fold(re.sub(r"^(?:The|the)\s+", "", n)) for n in names if n.strip())

    def _sentence_starts(self) -> set[int]:
        starts = {0}
        for s in self.doc.sentences:
            starts.add(s.start)
        for m in re.finditer(r"(?:^|\n|[.!?:—–]\s|\s-\s|[.!?]\s*[\"”’]\s)[\s\"“‘(\[*•\-–—]*", self.text):
            starts.add(m.end())
        return starts

    def _place_kinds(self, name: str) -> list[gazetteer.Place]:
        if gazetteer.fold(name) in self.lex["not_places"]:
            return []
        return self.gaz.lookup(name)

    def _name_of(self, toks: list[Tok]) -> str:
        raw = self.text[toks[0].start:toks[-1].end]
        if raw.isupper() and len(raw) > 4 and not _ACRONYM.match(raw):
            return " ".join(w.capitalize() for w in raw.split())
        return raw

    def add(self, toks: list[Tok], type_: str, **kw) -> Mention:
        m = Mention(toks[0].start, toks[-1].end, type_, kw.pop("name", None) or self._name_of(toks), **kw)
        self.mentions.append(m)
        return m

    # the chunk pipeline
    def run(self, chunk: list[Tok]) -> None:
        """Split a chunk at possessives and calendar words, drop sentence openers, type the parts."""
        parts: list[tuple[list[Tok], bool]] = []
        cur: list[Tok] = []
        for t in chunk:
            if t.text in self.lex["calendar"]:
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
            if part and (part[0].start in self.starts or part[0].text.lower() in _ALWAYS_DROP):
                part = self._drop_sentence_opener(part)
            if not part:
                continue
            before = len(self.mentions)
            self.classify(part, possessive)
            for m in self.mentions[before:]:  # "Iraq's Foreign Ministry": the ministry is Iraq's
                if prev_country and m.type in ("ORG", "PERSON") and not m.country:
                    m.country = prev_country
            prev_country = None
            if possessive:
                prev_country = self.gaz.country_code(self._name_of(part))

    def _strip_connectors(self, toks: list[Tok]) -> list[Tok]:
        while toks and (toks[0].text.lower() in _CONNECTORS or toks[0].text in "()"):
            toks = toks[1:]
        while toks and (toks[-1].text.lower() in _CONNECTORS or toks[-1].text == "("
                        or toks[-1].text == ")" and "(" not in [t.text for t in toks]):
            toks = toks[:-1]
        return toks

    def _drop_sentence_opener(self, toks: list[Tok]) -> list[Tok]:
        first = toks[0].text
        low = first.lower()
        if low in _ALWAYS_DROP or low in self.lex["stop"] or (low in self.lower_words and not self._known(first)):
            return self._strip_connectors(toks[1:])
        return toks

    def _known(self, word: str) -> bool:
        return (self.gaz.demonym(word) is not None or bool(self._place_kinds(word))
                or word in self.lex["honorifics"] or gazetteer.fold(word) in self.lex["known_org"])

    def classify(self, toks: list[Tok], possessive: bool) -> None:
        lex, text = self.lex, self.text
        words = [t.text for t in toks]
        whole = self._name_of(toks)
        folded = gazetteer.fold(whole)
        sentence_initial = toks[0].start in self.starts

        # an acronym in parentheses closes the chunk: "Kurdistan Workers' Party (PKK)"
        alias = None
        if len(toks) >= 4 and words[-1] == ")" and words[-3] == "(" and _ACRONYM.match(words[-2]):
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
            self.add(toks, "ORG", country=self._country_inside(words))
            return
        if all(w.isupper() or not w[0].isalpha() for w in words if w not in "()"):
            self._all_caps(toks, whole)
            return
        if self._with_title(toks, words):
            return
        if self._title_only(toks, words):
            return
        demonym = self.gaz.demonym(whole)
        kinds = self._place_kinds(whole) if alias is None else []
        if demonym is not None and len(toks) <= 3 and (not kinds or kinds[0].kind != "country"):
            self.add(toks, "NORP", country=demonym or None)
            return
        if self._agency(toks):
            self.add(toks, "ORG")
            return
        if len(toks) > 1 and words[0] in _NATURAL_FIRST:
            self.add(toks, "LOC")  # "Lake Albert", "Mount Kenya"
            return
        if kinds and not (len(toks) == 1 and sentence_initial and kinds[0].kind == "city"
                          and not self._locative(toks)):
            if len(toks) > 1 or kinds[0].kind != "city" or kinds[0].population >= 15000 or self._locative(toks):
                self._place(toks, kinds)
                if len(toks) == 1 and kinds[0].kind != "country":
                    self.mentions[-1].weak = True  # "Farah" may be a surname met before
                return
        if ("and" in words or "&" in words) and self._and_splits(toks, words):
            return
        if "of" in words and self._person_of(words):
            self._split(toks, words, possessive)  # "Jane Doe of the Law Society"
            return
        if words[0].rstrip(".") in lex["honorifics"] and any(w in _SPLITTERS for w in words):
            self._split(toks, words, possessive)  # "Ms Jane Doe of the World Food Programme"
            return
        typed = self._keyword_type(words)
        if typed:
            self.add(toks, typed, country=self._country_inside(words), alias=alias)
            return
        if self._split(toks, words, possessive):
            return
        after = text[toks[-1].end:toks[-1].end + 40]
        m = lex["suffix_after"].match(after)
        if m or lex["of_before"].search(text[max(0, toks[0].start - 30):toks[0].start]):
            if self.gaz.demonym(words[0]) is None:
                kind = lex["suffixes"].get(m.group(1).lower()) if m else "settlement"
                self.add(toks, "LOC" if kind == "natural" else "GPE")
                return
        if words[-1] in lex["suffix_caps"] and len(toks) > 1:
            self.add(toks, "LOC" if lex["suffixes"].get(words[-1].lower()) == "natural" else "GPE")
            return
        group = re.match(r"\s+(\w+)", after)
        if group and group.group(1).lower() in lex["groups"]:
            demonym = self.gaz.demonym(words[0])
            if demonym is None:
                self.add(toks, "ORG")
                return
        if demonym is not None:
            self.add(toks, "NORP", country=demonym or None)
            return
        self._person_or_guess(toks, words, sentence_initial)

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
        elif len(words) == 1 and _ACRONYM.match(words[0]):
            self.add(toks, "ORG")

    def _agency(self, toks: list[Tok]) -> bool:
        """"BEIRUT, Lebanon (Caspian Wire) -": a name in parentheses on a dateline is the agency."""
        text = self.text
        if text[toks[0].start - 1:toks[0].start] != "(" or text[toks[-1].end:toks[-1].end + 1] != ")":
            return False
        line_start = text.rfind("\n", 0, toks[0].start) + 1
        return toks[0].start - line_start < 80 and bool(re.match(r"\)\s*[-—–:]", text[toks[-1].end:]))

    def _locative(self, toks: list[Tok]) -> bool:
        before = self.text[max(0, toks[0].start - 30):toks[0].start]
        after = self.text[toks[-1].end:toks[-1].end + 30]
        return bool(_LOCATIVE_BEFORE.search(before) or self.lex["suffix_after"].match(after)
                    or self.lex["of_before"].search(before) or after.startswith(","))

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
        cut = next((i for i, w in enumerate(words) if w in _SPLITTERS), len(words))
        head = words[cut - 1] if cut > 0 else words[-1]
        if head in lex["law"]:
            return "LAW"
        if head in lex["event"]:
            return "EVENT"
        if head in lex["fac"]:
            return "FAC"
        if any(w in lex["org"] for w in words):
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

    def _person_of(self, words: list[str]) -> bool:
        left = words[:words.index("of")]
        return 2 <= len(left) <= 4 and all(self._name_word(w) for w in left) and not self._keyword_type(left) \
            and not self._place_kinds(" ".join(left)) and not self._placeish(left[0])

    def _placeish(self, word: str) -> bool:
        """A country, division, big city or nationality: no person's first name in prose."""
        key = gazetteer.fold(word)
        return self.gaz.demonym(word) is not None or any(
            p.kind in ("country", "region") or p.kind == "city" and p.population >= 100000
            and gazetteer.fold(p.name) == key for p in self._place_kinds(word))

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

    def _with_title(self, toks: list[Tok], words: list[str]) -> bool:
        """"Senior Magistrate Jane Doe", "Kenyan President X", "Gen. X": title + person."""
        lex = self.lex
        tail = len(toks)
        while tail > 0 and self._name_word(words[tail - 1]):
            tail -= 1
        if tail == 0 or tail == len(toks) or len(toks) - tail > 4:
            return False
        before = words[tail - 1]
        bare = before.rstrip(".")
        is_title = (before.lower() in lex["heads"] or bare in lex["honorifics"] or before == ")"
                    or any(" ".join(words[k:tail]).lower() in lex["heads"] for k in range(max(0, tail - 3), tail)))
        if before.lower() in _CONNECTORS and len(toks) - tail >= 3 and any(
                w.lower() in lex["heads"] for w in words[:tail]):
            # "Secretary of State Jane Doe", "Commissioner for Human Rights Jane Doe"
            tail = len(toks) - (3 if words[-3] in _NAME_PARTICLES or words[-2] in _NAME_PARTICLES else 2)
            before, is_title = words[tail - 1], True
        if not is_title or before.lower() in _CONNECTORS:
            return False
        start = 0
        country = None
        while start < tail - 1:
            code = self.gaz.demonym(words[start]) or self.gaz.country_code(words[start])
            if not code or words[start].lower() in lex["heads"]:
                break
            self.add([toks[start]], "NORP" if self.gaz.demonym(words[start]) else "GPE",
                     country=code)
            country = country or code
            start += 1
        title = self.text[toks[start].start:toks[tail - 1].end]
        if bare in ("Mr", "Mrs", "Ms", "Miss", "Mx") and start == tail - 1:
            title = None
        person = self.add(toks[tail:], "PERSON", title=title, country=country or self._country_before(toks[0]))
        if start < tail - 1:  # title complements: "Commissioner for Human Rights of Azerbaijan"
            person.country = person.country or self._country_inside(words[start:tail])
        return True

    def _title_only(self, toks: list[Tok], words: list[str]) -> bool:
        """"Commissioner for Human Rights of X", "National Leader": a title, no name; only the
        places and organisations of its complement are entities."""
        cut = next((i for i, w in enumerate(words) if w in _SPLITTERS or w == "("), len(words))
        if cut == 0 or words[cut - 1].lower() not in self.lex["heads"]:
            return False
        rest = self._strip_connectors(toks[cut:])
        if rest and rest[0].text != "(":
            before = len(self.mentions)
            self.classify(rest, False)
            self.mentions[before:] = [m for m in self.mentions[before:] if m.type != "PERSON"]
        return True

    def _name_word(self, word: str) -> bool:
        lex = self.lex
        return (word[:1].isupper() or bool(_PARTICLE_TOKEN.match(word)) or word in _NAME_PARTICLES) \
            and word.lower() not in lex["heads"] and word.rstrip(".") not in lex["honorifics"] \
            and word not in lex["org"] and word not in ("(", ")") and self.gaz.demonym(word) is None \
            and word.lower() not in ("of", "for", "the", "and", "on")

    def _country_before(self, tok: Tok) -> str | None:
        """The country of a possessive just before: "Iraq's Foreign Minister ..."."""
        m = re.search(r"([A-Z][\w\-]+)['’]s\s+$", self.text[max(0, tok.start - 40):tok.start])
        return self.gaz.country_code(m.group(1)) if m else None

    def _person_or_guess(self, toks: list[Tok], words: list[str], sentence_initial: bool) -> None:
        text = self.text
        after = text[toks[-1].end:toks[-1].end + 30]
        before = text[max(0, toks[0].start - 30):toks[0].start]
        says = bool(_SAY.match(after) or _SAID_BEFORE.search(before))
        name_like = 2 <= len(toks) <= 4 and all(w[:1].isupper() or w in _NAME_PARTICLES or _PARTICLE_TOKEN.match(w)
                                                 for w in words) and not words[-1].isupper() \
            and not self._placeish(words[0]) and "of" not in words \
            and not any(len(w) > 1 and w.isupper() for w in words)
        locative = len(toks) == 1 and bool(_LOCATIVE_BEFORE.search(before))
        if name_like or (says and len(toks) <= 4 and not locative):
            self.add(toks, "PERSON", country=self._country_before(toks[0]))
            return
        if len(toks) == 1:
            word = words[0]
            kinds = self._place_kinds(word)
            if kinds:
                if not sentence_initial or self._locative(toks):
                    self._place(toks, kinds)
                    self.mentions[-1].weak = True
                return
            if sentence_initial or word.isupper():
                if _ACRONYM.match(word) and len(word) >= 2:
                    self.add(toks, "ORG", weak=True)
                else:
                    self.add(toks, "PERSON", weak=True)  # kept only as a known surname
                    self.mentions[-1].title = "?"
                return
            if _LOCATIVE_BEFORE.search(before) and not re.search(r"\b(?:of|to|from)\s+$", before):
                self.add(toks, "GPE", weak=True)
            else:
                self.add(toks, "PERSON", weak=True)
                self.mentions[-1].title = "?"


# --- titles from context ---------------------------------------------------------------------

def _title_before(text: str, start: int, lex) -> str | None:
    """"police spokesman X", "Foreign Ministry spokesman X", "defence lawyer X"."""
    pos, kept = start, []
    while len(kept) < 4:
        m = re.search(r"([\w'’\-]+)( ?)$", text[max(0, pos - 40):pos])
        if not m or (not m.group(2) and kept) or (kept == [] and not m.group(2)):
            break
        word = m.group(1)
        low = word.lower()
        if not kept and low not in lex["head_words"]:
            return None
        if kept and (low in lex["breaks"] or low in _ALWAYS_DROP):
            break
        kept.append(word)
        pos = max(0, pos - 40) + m.start(1)
    return text[pos:start].strip() if kept else None


def _title_after(text: str, end: int, lex) -> str | None:
    m = _APPOSITION.match(text, end)
    if not m:
        return None
    phrase = m.group(1)
    if len(phrase.split()) > 12 or not any(w.lower() in lex["head_words"] for w in re.findall(r"[\w\-]+", phrase)):
        return None
    return phrase.strip()


def _title_reverse(text: str, start: int, lex) -> str | None:
    """"The chairman of the X council, Jane Doe, said ..."."""
    m = _CLAUSE_START.search(text[max(0, start - 110):start])
    if not m:
        return None
    phrase = m.group(1)
    words = phrase.split()
    if len(words) > 12 or words[1].lower() not in lex["head_words"] and not any(
            w.lower() in lex["head_words"] for w in words[1:4]):
        return None
    return re.sub(r"^(?:the|The)\s+", "", phrase)


# --- merging -----------------------------------------------------------------------------------

def _merge(doc: Doc, mentions: list[Mention], lex) -> list[Entity]:
    text = doc.text
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], Entity] = {}
    persons: list[tuple[Entity, list[str]]] = []
    full_tokens: dict[str, list[Entity]] = {}
    by_name: dict[str, Entity] = {}  # folded name -> first non-person entity of that name
    for m in mentions:
        if m.type == "PERSON" and len(m.name.split()) > 1 and not m.weak:
            for part in m.name.split():
                if part[:1].isupper():
                    full_tokens.setdefault(gazetteer.fold(part), [])

    def new(m: Mention, key: tuple[str, str]) -> Entity:
        ent = Entity(id="", type=m.type, name=m.name, title=None if m.title == "?" else m.title,
                     country=m.country, spans=[(m.start, m.end)])
        entities.append(ent)
        by_key[key] = ent
        return ent

    for m in sorted(mentions, key=lambda x: x.start):
        span = (m.start, m.end)
        folded = gazetteer.fold(m.name)
        if m.type == "PERSON" or (m.weak and folded in full_tokens):
            parts = [gazetteer.fold(p) for p in m.name.split() if p[:1].isupper() or _PARTICLE_TOKEN.match(p)]
            match = None
            for ent, ent_parts in reversed(persons):
                if parts and (parts == ent_parts or set(parts) <= set(ent_parts) and parts[-1] in ent_parts):
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
                persons.append((ent, parts))
                match = ent
            else:
                match.spans.append(span)
                if len(m.name) > len(match.name):
                    match.name = m.name
            honorific = m.title is not None and m.title.rstrip(".") in _PLAIN_HONORIFICS
            if match.title is None and m.title not in (None, "?") and not honorific:
                match.title = m.title
            if match.title is None:
                match.title = (_title_before(text, m.start, lex) or _title_after(text, m.end, lex)
                               or _title_reverse(text, m.start, lex) or (m.title if honorific else None))
            match.country = match.country or m.country
            continue
        if m.weak and ("ORG", folded) in by_key:  # "told Meridian": the agency of the dateline
            by_key[("ORG", folded)].spans.append(span)
            continue
        key_name = m.country if m.type == "NORP" and m.country else folded
        key_name = re.sub(r" (?:state|province|region|county|governorate|district)$", "", key_name)
        key = (m.type if m.type != "LOC" else "GPE", key_name)
        if m.type == "ORG" and (m.alias or (_ACRONYM.match(m.name) and ("ORG", folded) not in by_key)):
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


def apply(doc: Doc) -> None:
    typer = _Typer(doc)
    lex = typer.lex
    tokens: list[Tok] = []
    for m in _TOKEN.finditer(doc.text):
        word = m.group()
        hm = _HYPHEN_MODIFIER.match(word) if "-" in word else None
        if hm:
            cut = m.start() + len(hm.group(1))
            tokens += [Tok(hm.group(1), m.start(), cut), Tok(hm.group(2), cut, m.end())]
        else:
            tokens.append(Tok(word, m.start(), m.end()))
    for chunk in _chunks(doc.text, tokens, lex["honorifics"]):
        typer.run(chunk)
    doc.entities = _merge(doc, typer.mentions, lex)


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
