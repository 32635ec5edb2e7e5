"""Saved HTML pages: the story text through trafilatura, the metadata from the page's own tags.

Metadata comes from what publishers write for machines (Open Graph and ``article:`` meta tags,
schema.org JSON-LD, ``<time datetime>``, ``<link rel=canonical>``), read here directly so that
a publication time keeps its own offset (``…T06:15:00+03:00``) and is never turned into UTC.
Before trafilatura sees the page, elements whose class or id names page furniture (cookie
banners, share bars, "related stories", donation boxes) are pruned; after it, a headline
repeated at the top of the body, short furniture lines at either end and "Read more: ..."
links anywhere are dropped (:func:`trim_edges`, shared with the feed and JSON readers).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from ..errors import ReadError
from ..record import Article, Dateline, Origin
from .cues import html_cues
from .dateline_parse import cut_dateline
from .paragraphs import clean, join
from .stamps import normalise_stamp
from .wire import parse_published_line

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")
_ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                  "BlogPosting", "LiveBlogPosting", "Report", "OpinionNewsArticle")
_BLOCKS = frozenset(
    "p div section article main body h1 h2 h3 h4 h5 h6 li ul ol dl dd dt blockquote pre table tr "
    "td th caption figcaption address hr header footer center".split()
)
_SKIP = frozenset("script style noscript template svg iframe form button nav aside figure select head".split())
_EDGE_MAX = 250  # a furniture line at the start or end of a body is short
_HEADLINE_WINDOW = 4  # the page headline, when trafilatura keeps it, is among the first paragraphs


@cache
def _furniture() -> tuple[frozenset[str], re.Pattern, frozenset[str], re.Pattern]:
    cues = html_cues()
    phrases = "|".join(re.escape(p) for p in sorted(cues["edge_phrases"], key=len, reverse=True))
    prefixes = "|".join(re.escape(p) for p in sorted(cues["inline_prefixes"], key=len, reverse=True))
    return (frozenset(cues["boilerplate_tokens"]), re.compile(phrases, re.I),
            frozenset(line.casefold() for line in cues["edge_lines"]), re.compile(rf"^(?:{prefixes})", re.I))


def parse_page(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1) or "<html></html>")


# ---- plain paragraphs from any HTML (feed content, JSON fields, fallback) ----

def html_to_paragraphs(markup: str | etree._Element) -> list[str]:
    """Plain paragraphs of an HTML fragment or element: block elements and double ``<br>``
    separate paragraphs; scripts, navigation and figures are left out."""
    if isinstance(markup, str):
        if "<" not in markup:
            return [p for p in (clean(x) for x in re.split(r"\n\s*\n", markup)) if p]
        try:
            root = lxml.html.fragment_fromstring(_XML_DECLARATION.sub("", markup), create_parent="div")
        except (etree.ParserError, ValueError):
            return []
    else:
        root = markup
    parts: list[str] = []
    _emit(root, parts, top=True)
    return [p for p in (clean(x) for x in re.split(r"\n\s*\n", "".join(parts))) if p]


def _emit(el: etree._Element, parts: list[str], top: bool = False) -> None:
    tag = el.tag.lower() if isinstance(el.tag, str) else None
    if tag is None or tag in _SKIP:  # comments and processing instructions have no str tag
        if not top:
            parts.append(el.tail or "")
        return
    block = tag in _BLOCKS
    if tag == "br":
        parts.append("\n")
    if block:
        parts.append("\n\n")
    parts.append(el.text or "")
    for child in el:
        _emit(child, parts)
    if block:
        parts.append("\n\n")
    if not top:
        parts.append(el.tail or "")


# ---- metadata ----

def _metas(tree: lxml.html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        value = meta.get("content")
        if key and value and value.strip():
            out.setdefault(key.strip().lower(), value.strip())
    return out


def _walk_jsonld(node: Any) -> Iterator[dict]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_jsonld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                yield from _walk_jsonld(node[key])


def _jsonld_objects(tree: lxml.html.HtmlElement) -> list[dict]:
    objects: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            objects.extend(_walk_jsonld(json.loads(script.text.strip().rstrip(";"))))
        except (ValueError, RecursionError):
            continue
    return objects


def _types(obj: dict) -> list[str]:
    kind = obj.get("@type")
    return [kind] if isinstance(kind, str) else [k for k in kind or [] if isinstance(k, str)]


def _name(value: Any) -> str | None:
    """The name of a schema.org person/organisation given as a string, an object or a list."""
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _first_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return clean(value) if isinstance(value, str) and value.strip() else None


def _time_element(tree: lxml.html.HtmlElement) -> str | None:
    times = [t for t in tree.iter("time") if t.get("datetime")]
    preferred = [t for t in times if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None
                 or "publish" in (t.get("class") or "").lower()]
    for t in preferred + times:
        stamp = normalise_stamp(t.get("datetime"))
        if stamp:
            return stamp
    return None


def _strip_title_suffix(title: str, outlet: str | None) -> tuple[str, str | None]:
    """``"Headline | Outlet"`` -> ``("Headline", "Outlet")``."""
    for sep in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if not found or not head.strip():
            continue
        tail = tail.strip()
        if outlet and tail.casefold() == outlet.casefold():
            return head.strip(), tail
        if not outlet and sep.strip() in "|·»::" and len(tail.split()) <= 5:
            return head.strip(), tail
    return title, None


def page_metadata(tree: lxml.html.HtmlElement) -> dict[str, str | None]:
    """language, headline, published, source, section, byline and url from a page's tags."""
    metas = _metas(tree)
    objects = _jsonld_objects(tree)
    story = next((o for o in objects if any(t in _ARTICLE_TYPES for t in _types(o))), {})
    site = next((o for o in objects if {"WebSite", "Organization", "NewsMediaOrganization"} & set(_types(o))), {})

    source = (metas.get("og:site_name") or _name(story.get("publisher")) or _name(site.get("name"))
              or metas.get("application-name"))
    title_el = tree.find(".//title")
    page_title = clean(title_el.text_content()) if title_el is not None else ""
    headline = (metas.get("og:title") or _first_text(story.get("headline")) or metas.get("twitter:title")
                or page_title or None)
    if headline:
        headline, suffix = _strip_title_suffix(clean(headline), source)
        source = source or suffix
    if not headline:
        h1 = tree.find(".//h1")
        headline = clean(h1.text_content()) if h1 is not None else None

    published = normalise_stamp(metas.get("article:published_time")) or normalise_stamp(
        _first_text(story.get("datePublished")))
    if not published:
        for key in ("datepublished", "og:published_time", "publishdate", "publish-date", "pubdate",
                    "dc.date.issued", "dcterms.issued", "dc.date", "parsely-pub-date", "sailthru.date", "date"):
            published = normalise_stamp(metas.get(key))
            if published:
                break
    published = published or _time_element(tree)

    author_meta = metas.get("author") or metas.get("article:author") or metas.get("dc.creator")
    if author_meta and author_meta.startswith(("http://", "https://")):
        author_meta = None
    byline = (_name(story.get("author")) or author_meta or metas.get("parsely-author")
              or (re.sub(r"^By\s+", "", metas["byl"]) if metas.get("byl") else None))

    canonical = next((link.get("href") for link in tree.iter("link")
                      if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")), None)
    lang = tree.get("lang") or metas.get("og:locale") or metas.get("content-language") or "en"
    return {
        "language": re.split(r"[-_]", lang.strip())[0].lower() or "en",
        "headline": headline or None,
        "published": published,
        "source": source,
        "section": metas.get("article:section") or _first_text(story.get("articleSection")),
        "byline": byline,
        "url": canonical or metas.get("og:url") or _first_text(story.get("url")),
    }


# ---- body ----

def _prune_furniture(tree: lxml.html.HtmlElement) -> None:
    tokens = _furniture()[0]
    body = tree.find("body")
    if body is None:
        return
    total = sum(len(p.text_content()) for p in body.iter("p")) or 1
    doomed = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("body", "main", "article"):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if names.strip() and tokens.intersection(_TOKEN_SPLIT.split(names)):
            doomed.append(el)
    for el in doomed:
        if sum(len(p.text_content()) for p in el.iter("p")) * 2 < total and el.getparent() is not None:
            el.drop_tree()


def _trafilatura_paragraphs(tree: lxml.html.HtmlElement, url: str | None) -> tuple[list[str], Any]:
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_formatting=False, include_links=False,
        )
    except Exception:  # a damaged page can trip trafilatura up: fall back to the page's own blocks
        return [], None
    if doc is None or getattr(doc, "body", None) is None:
        return [], doc
    paragraphs: list[str] = []
    for el in doc.body:
        for lb in el.iter("lb"):
            lb.tail = " " + (lb.tail or "")
        items = list(el.iter("item")) if el.tag == "list" else [el]
        paragraphs.extend(p for p in (clean("".join(i.itertext())) for i in items) if p)
    return paragraphs, doc


def trim_edges(paragraphs: list[str], headline: str | None = None) -> list[str]:
    """The paragraphs without a repeated headline, without furniture lines (bylines, update stamps,
    share and donate prompts, "The post ... appeared first on ...") at either end, and without
    "Read more: <other story>" lines anywhere."""
    _, phrases, lines, link_prefix = _furniture()

    def furniture(p: str) -> bool:
        return p.casefold().strip(" .:") in lines or (len(p) <= _EDGE_MAX and bool(phrases.search(p)))

    paras = [p for p in paragraphs if not (len(p) <= _EDGE_MAX and link_prefix.match(p))]
    if headline:
        key = clean(headline).casefold()
        for i, p in enumerate(paras[:_HEADLINE_WINDOW]):
            if p.casefold() == key:
                paras = paras[i + 1:]
                break
    while paras and (furniture(paras[0]) or (len(paras[0]) < 100 and (
            re.match(r"^By\s+[A-Z]", paras[0]) or parse_published_line(paras[0])))):
        paras.pop(0)
    while paras and furniture(paras[-1]):
        paras.pop()
    return paras


def read_html(text: str, origin: Origin, url: str | None = None) -> Article:
    """One article from the text of an HTML page. ``url``, when given (a WARC target URI),
    is where the page was fetched and wins over the page's canonical link."""
    try:
        tree = parse_page(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError(origin.path, f"unparseable HTML ({exc})", origin.index) from None
    meta = page_metadata(tree)
    _prune_furniture(tree)
    paragraphs, doc = _trafilatura_paragraphs(tree, url or meta["url"])
    if not paragraphs:
        container = next((el for el in (tree.find(".//article"), tree.find(".//main"), tree.find("body"))
                          if el is not None), None)
        paragraphs = html_to_paragraphs(container) if container is not None else []
    paragraphs = trim_edges(paragraphs, meta["headline"] or (doc.title if doc else None))
    found, paragraphs = cut_dateline(paragraphs)
    if not paragraphs:
        raise ReadError(origin.path, "no article text found in the HTML page", origin.index)
    categories = getattr(doc, "categories", None) or []
    return Article(
        text=join(paragraphs),
        headline=meta["headline"] or (clean(doc.title) if doc and doc.title else None),
        source=meta["source"] or (found.source if found else None) or (doc.sitename if doc else None),
        url=url or meta["url"],
        byline=meta["byline"] or (doc.author if doc else None),
        dateline=Dateline(found.text, found.place) if found else None,
        published=meta["published"] or (normalise_stamp(doc.date) if doc and doc.date else None),
        section=meta["section"] or (categories[0] if categories else None),
        language=meta["language"],
        origin=origin,
    )
