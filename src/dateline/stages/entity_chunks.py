"""Capitalised chunks and the people in them, for the entities stage.

The text is cut into tokens and maximal capitalised chunks ("Kurdistan Workers' Party (PKK)",
"Secretary of State Jane Doe"); :class:`PersonRules` reads a chunk as a person with a title or
honorific ("Gen. X", "Kenyan President X"), a name "of" an organisation, or a guess from the
words around it; ``title_before``/``title_after``/``title_reverse`` find a person's title in the
text beside a mention. The typer of :mod:`.entities` is built on these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import gazetteer

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w\-]|['’](?=[^\W_]))*|\d[\w.,:\-]*|[^\w\s]")
PARTICLE_TOKEN = re.compile(r"^(?:al|el|ad|ar|as|an|at|ash|az|ul|bin|ibn|abu|de|da|di|du|van|von|le|la|d)-\w")
CONNECTORS = frozenset(("of", "for", "the", "and", "&", "on", "de", "da", "do", "dos", "das", "du", "del",
                        "della", "di", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "ibn",
                        "bint", "abu", "y"))
_NAME_PARTICLES = frozenset(("de", "da", "do", "dos", "das", "du", "del", "della", "di", "van", "von", "der",
                             "den", "la", "le", "al", "el", "bin", "ibn", "bint", "abu", "y"))
NAME_PARTICLES = _NAME_PARTICLES
SPLITTERS = ("of", "for", "on")
_SAY = re.compile(r"\s*,?\s*(?:said|says|say|told|tells|added|adds|explained|insisted|warned|wrote|"
                  r"recalled|stated|confirmed|asked|replied|noted)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|according\s+to|asked|by)\s*$")
_SAID_ENDS = ("said", "says", "told", "added", "to", "asked", "by")  # what _SAID_BEFORE needs at the end
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|around|across|at|from)\s+(?:the\s+)?$")
_LOCATIVE_ENDS = ("in", "near", "outside", "around", "across", "at", "from", "the")
_CASE_ODD = {0x130: "i", 0x131: "i", 0x17F: "s"}  # what re.I matches to i and s beyond I, i, S, s
_HYPHEN_MODIFIER = re.compile(r"^([A-Z][\w]*)(-[a-z][\w\-]*)$")  # "Somalia-based", "Saudi-led"
ALWAYS_DROP = frozenset(("a", "an", "the", "this", "that", "these", "those", "in", "on", "at", "as", "but",
                         "and", "if", "when", "while", "after", "before", "for", "from", "with", "by",
                         "to", "it", "he", "she", "they", "we", "his", "her", "their", "its", "our"))
_APPOSITION = re.compile(r",\s+((?:a|an|the)\s+[^,.;:!?\"“”()]{2,90}?)(?=\s+(?:who|which|that|whose|said|told)\b|[,.;:!?\"“”)]|$)")
_CLAUSE_START = re.compile(r"(?:^|[.;:!?\"“”(]\s*|,\s+|\n)\s*((?:the|a|an|The|A|An)\s[^,.;:!?\"“”()\n]{2,100}),\s+$")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-.]{1,9}$")
_POSSESSIVE_BEFORE = re.compile(r"([A-Z][\w\-]+)['’]s\s+$")
_POSSESSIVE_ENDS = ("'s", "’s")
_OF_TO_FROM_BEFORE = re.compile(r"\b(?:of|to|from)\s+$")
_WORDS = re.compile(r"[\w\-]+")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


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
def lexicon():
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
        "modifiers": lower_set(lex["stopwords"]["modifiers"]),
        "month_homographs": frozenset(lex["calendar"]["homographs"]),
        "month_cues": lower_set(lex["calendar"]["cues_before"]),
        "org_to": frozenset(lex["org"]["to_heads"]),
        "honorifics": frozenset(lex["honorifics"]["words"]),
        "heads": heads,
        "head_words": frozenset(w.split()[-1] for w in heads),
        "breaks": lower_set(lex["titles"]["breaks"]),
        "org": frozenset(lex["org"]["keywords"]),
        "known_org": {gazetteer.fold(w): w for w in lex["org"]["known"]},
        "groups": lower_set(lex["org"]["group_nouns"]),
        "fac": frozenset(lex["fac"]["keywords"]),
        "streets": frozenset(lex["fac"]["streets"]),
        "fac_lower": lower_set(lex["fac"]["keywords"]),
        "law": frozenset(lex["law"]["keywords"]),
        "event": frozenset(lex["event"]["keywords"]),
        "suffixes": suffixes,
        "suffix_caps": frozenset(w.capitalize() for w in suffixes if " " not in w),
        "suffix_after": re.compile(rf"\s+({suffix_alt})\b", re.I),
        "suffix_starts": tuple(suffixes),
        "suffix_width": max(map(len, suffixes)),
        "of_before": re.compile(rf"\b(?:{before_of})\s+of\s+(?:the\s+)?$", re.I),
        "not_places": frozenset(gazetteer.fold(n) for n in lex["not_places"]["names"]),
    }


# The "before"/"after" windows below are searched with $-anchored or alternation patterns that
# re tries at every position; a plain string test of what a match must end (or start) with
# rules most windows out first.

def locative_before(before: str) -> bool:
    """``before`` ends with "in ", "near the ", "from " ..."""
    return before[-1:].isspace() and before.rstrip().endswith(_LOCATIVE_ENDS) \
        and _LOCATIVE_BEFORE.search(before) is not None


def of_before(lex, before: str) -> bool:
    """``before`` ends with "the town of ", "the province of the " ..."""
    return before[-1:].isspace() and before.rstrip()[-3:].lower().endswith(("of", "the")) \
        and lex["of_before"].search(before) is not None


def suffix_after(lex, after: str) -> re.Match[str] | None:
    """A place noun ("state", "refugee camp") starting ``after``; group 1 is the noun."""
    if not after[:1].isspace():
        return None
    head = after.lstrip()[:lex["suffix_width"]]
    if not (head if head.isascii() else head.translate(_CASE_ODD)).lower().startswith(lex["suffix_starts"]):
        return None
    return lex["suffix_after"].match(after)


_MEMO: dict[str, dict] = {}
_MEMO_OWNER: list = [None]


def word_memo(gaz) -> dict[str, dict]:
    """Per-word answers that depend only on the word, the lexicon and the gazetteer (whether it
    is a name word, a place name ...), kept across documents: names recur in a news stream."""
    if _MEMO_OWNER[0] is not gaz or sum(map(len, _MEMO.values())) > 200_000:
        _MEMO_OWNER[0] = gaz
        _MEMO.update(name_word={}, placeish={}, known={}, place_kinds={})
    return _MEMO


# --- chunking ----------------------------------------------------------------------------

def _is_cap(text: str) -> bool:
    return text[:1].isupper() or bool(PARTICLE_TOKEN.match(text))


class _Tokens(list):
    """Words, numbers and punctuation ("Somalia-based" is two tokens, so "Somalia" stays a
    name), read on demand from ``pos``: no token holds whitespace, so reading can start after any."""

    def __init__(self, text: str, pos: int) -> None:
        super().__init__()
        self.text = text
        self.pos = pos  # where reading goes on: the end of the last token read

    def has(self, k: int) -> bool:
        """Whether token ``k`` exists, reading on as far as it."""
        while len(self) <= k:
            m = _TOKEN_AT.match(self.text, self.pos)
            if m is None:
                return False
            start, end = m.span(1)
            self.pos = end
            word = m.group(1)
            hm = _HYPHEN_MODIFIER.match(word) if "-" in word else None
            if hm:
                cut = start + len(hm.group(1))
                self.append(Tok(hm.group(1), start, cut))
                self.append(Tok(hm.group(2), cut, end))
            else:
                self.append(Tok(word, start, end))
        return True


def _any_case(words) -> str:
    """A pattern of ``words`` with their letters in any case (the tokens whose ``lower()`` is one),
    as a tree of first letters: re tests a word's first letter once, not once a word."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(word[1:])
    alternatives = []
    for c, rests in by_first.items():
        head = f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c)
        longer = [r for r in rests if r]
        if longer:
            head += f"{_any_case(longer)}{'?' if len(longer) < len(rests) else ''}"
        alternatives.append(head)
    return "(?:" + "|".join(alternatives) + ")"


# after a chunk's first token: capitalised words (possessive or not) with single spaces between,
# also after one or two connectors that no third follows ("Bank of Ghana", as _read_tokens joins
# them), then what surely ends the chunk: a lower-case word that is no connector, a number,
# punctuation that neither opens a group nor follows an honorific, other whitespace, the end of
# the text
_CONNECTOR = _any_case(CONNECTORS) + r"(?![\w\-'’])"  # which of "del", "de" matches: the one a non-word ends
_PLAIN_WORD = r"[A-Z]\w+(?:['’]s)?"
_PLAIN_TAIL = (rf"((?: {_PLAIN_WORD}| {_CONNECTOR}(?: {_CONNECTOR})? (?!{_CONNECTOR}){_PLAIN_WORD})*)"
               r"(?: (?:([a-z]\w*)(?![\w\-'’])|(?=[\d\s_]|[^\w\s(&]))|[^\S ]|(\.)|(?=[^\w\s'’.\-])|\Z)")
_PLAIN_REST = re.compile(_PLAIN_TAIL)
# a capital (or any letter outside ASCII) or a hyphen ("al-Shabaab") in a word that may start a chunk
_HINT = "[A-Z\u00c0-\u1fff\u2070-\U0010ffff\\-]"
# the next hint of a chunk start; when it begins a capitalised word after whitespace or an
# opening quote or bracket (so a token starts there), that word's plain chunk too if it is one
_NEXT_HINT = re.compile(_HINT + r"(?:(?<=[\s\"“‘(\[][A-Z])(\w+(?:['’]s)?|(?!\.))" + _PLAIN_TAIL + ")?")
_HINT_CANDIDATES = bytes(int(65 <= b <= 90 or b >= 0xC0 or chr(b) in "-?") for b in range(256))
_TOKEN_AT = re.compile(r"[\s_]*(" + _TOKEN.pattern + ")")  # only whitespace and "_" lie between tokens


_CAPITAL_AFTER = re.compile(r" ([A-Z][a-z]+)")


def _initial_before_name(text: str, pos: int) -> bool:
    """Does a name word follow the period at ``pos`` ("K. Srinivas Reddy", not "Plan B. Then")?"""
    m = _CAPITAL_AFTER.match(text, pos)
    return m is not None and m.group(1).lower() not in lexicon()["stop"]


def _keeps_period(word: str, honorifics) -> bool:
    """An honorific ("Gen.") or an initial ("K.") keeps the period after it."""
    return word in honorifics or (len(word) == 1 and "A" <= word <= "Z")


def _plain(text: str, first: str, start: int, rest: str, next_word: str | None, period: str | None,
           honorifics) -> list[Tok] | None:
    """The chunk of a _PLAIN_TAIL match after the word ``first``; None when its end is not sure
    after all."""
    if period and _keeps_period(rest.rpartition(" ")[2] if rest else first, honorifics):
        return None
    end = start + len(first)
    if next_word and next_word.lower() in CONNECTORS and _joins_after(text, end + len(rest)):
        return None  # "Bank of Ghana": the chunk goes on after its connector
    chunk = [Tok(first, start, end)]
    if rest:
        for word in rest[1:].split(" "):
            chunk.append(Tok(word, end + 1, end + 1 + len(word)))
            end += 1 + len(word)
    return chunk


def _joins_after(text: str, pos: int) -> bool:
    """Whether the connectors after ``pos`` ("of", "and the") join a capitalised word to the
    chunk that ends there, as :func:`_read_tokens` reads them (it would go on to the end of the
    connectors otherwise, and find no chunk in them that the search for hints does not find)."""
    tokens = _Tokens(text, pos)
    k, end = 0, pos  # end: where the token before token k ends
    while tokens.has(k) and tokens[k].text.lower() in CONNECTORS and text[end:tokens[k].start] == " ":
        end = tokens[k].end
        k += 1
    return 0 < k <= 2 and tokens.has(k) and _is_cap(tokens[k].text) and tokens[k].text[0].isalpha() \
        and text[end:tokens[k].start] == " "


def chunks(text: str, honorifics: frozenset[str]) -> list[list[Tok]]:
    """Maximal capitalised sequences; connectors and a parenthesised group may sit inside.

    The text is read from one hint of a chunk start to the next: most chunks are plain and read
    in that one match, the others token by token from the start of the hint's word."""
    out: list[list[Tok]] = []
    hint_at = _NEXT_HINT.match
    # one byte per character, 1 where a hint may stand: bytes.find jumps to the next one far
    # quicker than re scans for the class (outside Latin-1 every character is a "?", a candidate)
    find_candidate = text.encode("latin-1", "replace").translate(_HINT_CANDIDATES).find
    pos = c = 0  # pos: where reading goes on; c: where the next hint is looked for
    while True:
        c = find_candidate(1, c)
        if c < 0:
            return out
        m = hint_at(text, c)
        if m is None:  # no hint after all
            c += 1
            continue
        word, rest, next_word, period = m.groups()
        if word is not None:
            chunk = _plain(text, text[c:c + 1 + len(word)], c, rest, next_word, period, honorifics)
            if chunk is not None:
                out.append(chunk)
                pos = c = chunk[-1].end
                continue
        while c > pos and not text[c - 1].isspace():
            c -= 1  # read from the start of the word stretch: tokens restart after whitespace
        pos = c = _read_tokens(text, c, honorifics, out)


def _read_tokens(text: str, pos: int, honorifics: frozenset[str], out: list[list[Tok]]) -> int:
    """Read tokens from ``pos`` and add the chunks they start to ``out``, until every token
    read is used; returns where reading stopped."""
    tokens = _Tokens(text, pos)
    has = tokens.has
    if not has(0):
        return len(text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        first = tok.text[0]
        if not (first.isalpha() and (first.isupper() or PARTICLE_TOKEN.match(tok.text))):
            i += 1
            continue
        if i == len(tokens) - 1 and tokens.pos == tok.end:
            m = _PLAIN_REST.match(text, tok.end)  # the common case, read in one match
            chunk = m and _plain(text, tok.text, tok.start, m.group(1), m.group(2), m.group(3), honorifics)
            if chunk:
                out.append(chunk)
                tokens.pos = chunk[-1].end
                break
        chunk = [tok]
        j = i + 1
        while has(j):
            prev, cur = chunk[-1], tokens[j]
            gap = text[prev.end:cur.start]
            if cur.text == "." and gap == "" and _keeps_period(prev.text, honorifics) \
                    and (prev.text in honorifics or _initial_before_name(text, cur.end)):
                prev.end = cur.end  # "Gen." keeps its period, and so does the initial of "K. Srinivas Reddy"
                j += 1
                continue
            if gap not in (" ", "") or (gap == "" and cur.text[0].isalnum()):
                if not (gap == " " and cur.text == "("):
                    break
            if _is_cap(cur.text) and cur.text[0].isalpha() and gap == " ":
                chunk.append(cur)
                j += 1
                continue
            if cur.text in ("'", "’") and gap == "" and prev.text.endswith("s") and has(j + 1) \
                    and _is_cap(tokens[j + 1].text) and text[cur.end:tokens[j + 1].start] == " ":
                prev.end = cur.end  # "Workers' Party"
                prev.text += cur.text
                j += 1
                continue
            if cur.text == "(" and gap == " ":
                k = j + 1
                while has(k) and k - j <= 6 and tokens[k].text != ")" and _is_cap(tokens[k].text):
                    k += 1
                if has(k) and k > j + 1 and tokens[k].text == ")":
                    chunk.extend(tokens[j:k + 1])
                    j = k + 1
                    continue
                break
            if cur.text.lower() in CONNECTORS and gap == " ":
                k = j
                while has(k) and tokens[k].text.lower() in CONNECTORS \
                        and text[tokens[k - 1].end:tokens[k].start] == " ":
                    k += 1
                if has(k) and k > j and _is_cap(tokens[k].text) and tokens[k].text[0].isalpha() \
                        and text[tokens[k - 1].end:tokens[k].start] == " " and k - j <= 2:
                    chunk.extend(tokens[j:k + 1])
                    j = k + 1
                    continue
            break
        out.append(chunk)
        i = j
    return tokens.pos


# --- people: titles, honorifics and names inside a chunk -----------------------------------

class PersonRules:
    """How the entities typer reads a chunk as a person. Mixed into that typer, which supplies
    ``text``, ``lex``, ``gaz``, ``mentions``, ``add``, ``classify``, ``_strip_connectors``,
    ``_place_kinds``, ``_place``, ``_locative``, ``_keyword_type`` and ``_country_inside``."""

    def _person_of(self, words: list[str]) -> bool:
        left = words[:words.index("of")]
        return 2 <= len(left) <= 4 and all(self._name_word(w) for w in left) and not self._keyword_type(left) \
            and not self._place_kinds(" ".join(left)) and not self._placeish(left[0])

    def _placeish(self, word: str) -> bool:
        """A country, division, big city or nationality: no person's first name in prose."""
        memo = self.memo["placeish"]
        found = memo.get(word)
        if found is None:
            key = gazetteer.fold(word)
            found = memo[word] = self.gaz.demonym(word) is not None or any(
                p.kind in ("country", "region") or p.kind == "city" and p.population >= 100000
                and gazetteer.fold(p.name) == key for p in self._place_kinds(word))
        return found

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
        if before.lower() in CONNECTORS and len(toks) - tail >= 3 and any(
                w.lower() in lex["heads"] for w in words[:tail]):
            # "Secretary of State Jane Doe", "Commissioner for Human Rights Jane Doe"
            tail = len(toks) - (3 if words[-3] in _NAME_PARTICLES or words[-2] in _NAME_PARTICLES else 2)
            before, is_title = words[tail - 1], True
        if not is_title and (len(toks) - tail == 2 or (len(toks) - tail == 3 and len(words[tail].rstrip(".")) == 1)):
            # "Inspector General of Police Usman Baba", "Chief of Army Staff Faruk Yahaya": a title
            # whose complement ends in an organisation's word
            joint = next((k for k in range(1, tail - 1) if words[k].lower() in ("of", "for")), None)
            is_title = joint is not None and any(w.lower() in lex["heads"] for w in words[:joint])
        if not is_title or before.lower() in CONNECTORS:
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
        cut = 0
        for w in words:
            if w in SPLITTERS or w == "(":
                break
            cut += 1
        if cut == 0 or words[cut - 1].lower() not in self.lex["heads"]:
            return False
        rest = self._strip_connectors(toks[cut:])
        if rest and rest[0].text != "(":
            before = len(self.mentions)
            self.classify(rest, False)
            self.mentions[before:] = [m for m in self.mentions[before:] if m.type != "PERSON"]
        return True

    def _name_word(self, word: str) -> bool:
        memo = self.memo["name_word"]
        found = memo.get(word)
        if found is None:
            lex = self.lex
            found = memo[word] = \
                (word[:1].isupper() or bool(PARTICLE_TOKEN.match(word)) or word in _NAME_PARTICLES) \
                and word.lower() not in lex["heads"] and word.rstrip(".") not in lex["honorifics"] \
                and word not in lex["org"] and word not in ("(", ")") and self.gaz.demonym(word) is None \
                and word.lower() not in ("of", "for", "the", "and", "on")
        return found

    def _country_before(self, tok: Tok) -> str | None:
        """The country of a possessive just before: "Iraq's Foreign Minister ..."."""
        before = self.text[max(0, tok.start - 40):tok.start]
        if not before[-1:].isspace() or not before.rstrip().endswith(_POSSESSIVE_ENDS):
            return None  # what the pattern needs at the end, checked without a search
        m = _POSSESSIVE_BEFORE.search(before)
        return self.gaz.country_code(m.group(1)) if m else None

    def _person_or_guess(self, toks: list[Tok], words: list[str], sentence_initial: bool) -> None:
        text = self.text
        after = text[toks[-1].end:toks[-1].end + 30]
        before = text[max(0, toks[0].start - 30):toks[0].start]
        says = bool(_SAY.match(after) or before.rstrip().endswith(_SAID_ENDS) and _SAID_BEFORE.search(before))
        name_like = 2 <= len(toks) <= 4 and not words[-1].isupper() and "of" not in words
        if name_like:
            for w in words:  # names, particles; no word in capitals
                if not (w[:1].isupper() or w in _NAME_PARTICLES or PARTICLE_TOKEN.match(w)) \
                        or len(w) > 1 and w.isupper():
                    name_like = False
                    break
            name_like = name_like and not self._placeish(words[0])
        locative = len(toks) == 1 and locative_before(before)
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
                if ACRONYM.match(word) and len(word) >= 2:
                    self.add(toks, "ORG", weak=True)
                else:
                    self.add(toks, "PERSON", weak=True)  # kept only as a known surname
                    self.mentions[-1].title = "?"
                return
            if locative_before(before) and not _OF_TO_FROM_BEFORE.search(before):
                self.add(toks, "GPE", weak=True)
            else:
                self.add(toks, "PERSON", weak=True)
                self.mentions[-1].title = "?"


# --- titles from context ---------------------------------------------------------------------

def title_before(text: str, start: int, lex) -> str | None:
    """"police spokesman X", "Foreign Ministry spokesman X", "defence lawyer X"."""
    pos, kept = start, []
    while len(kept) < 4:
        span = _word_before(text, pos)
        if span is None:
            break
        word = text[span[0]:span[1]]
        low = word.lower()
        if not kept and low not in lex["head_words"]:
            return None
        if kept and (low in lex["breaks"] or low in ALWAYS_DROP):
            break
        kept.append(word)
        pos = span[0]
    return text[pos:start].strip() if kept else None


def _word_before(text: str, pos: int) -> tuple[int, int] | None:
    r"""The word that one space (and at most a newline) separates from ``pos``: what
    ``([\w'’\-]+) $`` finds searching the 40 characters before ``pos``."""
    floor = max(0, pos - 40)
    end = pos - 1 if pos > floor and text[pos - 1] == "\n" else pos  # $ matches before a last newline
    if end <= floor or text[end - 1] != " ":
        return None
    end -= 1
    start = end
    while start > floor and _is_word_char(text[start - 1]):
        start -= 1
    return (start, end) if start < end else None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_'’-"


def title_after(text: str, end: int, lex) -> str | None:
    m = _APPOSITION.match(text, end)
    if not m:
        return None
    phrase = m.group(1)
    if len(phrase.split()) > 12 or not any(w.lower() in lex["head_words"] for w in _WORDS.findall(phrase)):
        return None
    return phrase.strip()


def title_reverse(text: str, start: int, lex) -> str | None:
    """"The chairman of the X council, Jane Doe, said ..."."""
    before = text[max(0, start - 110):start]
    m = _CLAUSE_START.search(before) if before[-1:].isspace() and before.rstrip().endswith(",") else None
    if not m:
        return None
    phrase = m.group(1)
    words = phrase.split()
    if len(words) > 12 or words[1].lower() not in lex["head_words"] and not any(
            w.lower() in lex["head_words"] for w in words[1:4]):
        return None
    return _LEADING_THE.sub("", phrase)
