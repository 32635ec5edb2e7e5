import gzip
import json

import pytest

from dateline.errors import ReadError
from dateline.readers.detect import FEED, HTML, JSONL, WARC, WIRE, decode_text, sniff

WIRE_TEXT = ("Drought pushes maize prices to record in Malawi\n\n"
             "LILONGWE (Lake Press) — Maize prices rose to a record on Monday.\n")
JSON_LINE = json.dumps({"title": "t", "text": "LILONGWE — Prices rose."}) + "\n"
HTML_TEXT = "<!DOCTYPE html><html><head><title>x</title></head><body><p>Text.</p></body></html>"
RSS_TEXT = "<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>"
ATOM_TEXT = "<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>"


@pytest.mark.parametrize(("content", "name", "expected"), [
    (WIRE_TEXT, "story.txt", WIRE),
    (WIRE_TEXT, "story", WIRE),
    (JSON_LINE, "export.jsonl", JSONL),
    (JSON_LINE, "export.txt", JSONL),          # content wins over the extension
    (HTML_TEXT, "page.txt", HTML),
    (HTML_TEXT, "page.xml", HTML),
    ("<p>A fragment of a page.</p>", "frag.dat", HTML),
    (RSS_TEXT, "feed.html", FEED),
    (ATOM_TEXT, "feed", FEED),
    ("not json at all\n", "broken.jsonl", JSONL),  # claimed JSON: its reader reports the bad line
])
def test_format_by_content(content, name, expected):
    assert sniff(content.encode("utf-8"), name).format == expected


def test_gzip_is_transparent():
    sniffed = sniff(gzip.compress(HTML_TEXT.encode()), "page.html.gz")
    assert sniffed.format == HTML and sniffed.data == HTML_TEXT.encode()
    assert sniff(gzip.compress(WIRE_TEXT.encode()), "x.gz").text == WIRE_TEXT


def test_warc_magic_plain_and_inside_gzip():
    record = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n"
    assert sniff(record, "crawl.bin").format == WARC
    packed = gzip.compress(record)
    sniffed = sniff(packed, "crawl.warc.gz")
    assert sniffed.format == WARC and sniffed.data == packed  # warcio reads the gzip itself


def test_text_decoding():
    assert decode_text("\ufeffCaf\u00e9 \u201cquoted\u201d\r\nline".encode("utf-8"), "a") == (
        "Caf\u00e9 \u201cquoted\u201d\nline")
    assert decode_text("Caf\u00e9 owners say \u201cno\u201d".encode("cp1252"), "a") == (
        "Caf\u00e9 owners say \u201cno\u201d")
    assert decode_text("Hello from Lusaka".encode("utf-16"), "a") == "Hello from Lusaka"


@pytest.mark.parametrize(("raw", "reason"), [
    (b"", "empty file"),
    (b"  \n\n\t ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"\xde\xad\xbe\xef\x90\x81\x8d" * 50, "binary or undecodable"),
    (gzip.compress(b"some story text" * 100)[:-30], "truncated gzip"),
    (gzip.compress(b"   \n"), "empty file"),
])
def test_bad_bytes_are_read_errors(raw, reason):
    with pytest.raises(ReadError) as err:
        sniff(raw, "in/bad.txt")
    assert err.value.path == "in/bad.txt" and reason in err.value.reason
