import hashlib
import io
import re

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.errors import ReadError
from dateline.readers import read, read_inputs

PAGE = """<html><head><meta charset="utf-8"><title>{title} | Lakes Gazette</title>
<meta property="og:site_name" content="Lakes Gazette">
<meta property="article:published_time" content="2024-07-{day}T08:30:00+02:00"></head>
<body><div class="cookie-banner"><p>We use cookies to personalise content.</p></div>
<article><h1>{title}</h1>
<p>GOMA, Democratic Republic of Congo (Lakes Gazette) &mdash; {lead}</p>
<p>Aid agencies said they were struggling to reach families who had fled to the lake shore, where
camps were already overcrowded and short of clean water after weeks of fighting in the hills.</p>
<p>Local officials appealed for tents, food and medicine, and said schools had been turned into shelters.</p>
</article></body></html>"""

STORIES = [
    ("Thousands flee fighting north of Goma", "11",
     "Thousands of people fled villages north of Goma on Thursday as fighting spread along the main road."),
    ("Ferry service on Lake Kivu resumes", "12",
     "Ferries between Goma and Bukavu resumed on Friday after a two-week suspension over security fears."),
]


def page(i: int) -> bytes:
    title, day, lead = STORIES[i]
    return PAGE.format(title=title, day=day, lead=lead).encode("utf-8")


def warc_bytes(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test-crawler"}))

    def response(url, body, content_type="text/html; charset=utf-8", status="200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2024-07-13T10:00:00Z"})
        writer.write_record(rec)

    req = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "lakes.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://lakes.example/a", "request", payload=io.BytesIO(b""),
                                                  http_headers=req))
    response("https://lakes.example/a", page(0))                                  # record 2
    response("https://lakes.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    response("https://lakes.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found")
    response("https://lakes.example/b", page(1))                                  # record 5
    return buf.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_articles(write, gz):
    path = write("crawl.warc.gz" if gz else "crawl.warc", warc_bytes(gz))
    first, second = list(read(path))
    assert (first.origin.index, second.origin.index) == (2, 5)  # positions among all records
    assert first.url == "https://lakes.example/a"
    assert first.origin.retrieved == "2024-07-13T10:00:00Z"
    assert first.origin.sha256 == hashlib.sha256(page(0)).hexdigest()
    assert first.headline == "Thousands flee fighting north of Goma"
    assert (first.source, first.published) == ("Lakes Gazette", "2024-07-11T08:30:00+02:00")
    assert first.dateline.place == "Goma"
    assert first.text.startswith("Thousands of people fled villages")
    assert "cookies" not in first.text
    assert second.headline == "Ferry service on Lake Kivu resumes"


def test_same_page_from_warc_and_file_has_same_id_and_hash(write):
    from_warc = list(read(write("c.warc", warc_bytes(False))))[0]
    (from_file,) = list(read(write("a.html", page(0))))
    assert from_warc.id == from_file.id
    assert from_warc.origin.sha256 == from_file.origin.sha256


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_yields_articles_then_an_error(write, gz):
    data = warc_bytes(gz)
    cut = data[: len(data) - 400]
    results = list(read_inputs([write("cut.warc.gz" if gz else "cut.warc", cut)]))
    assert results[0].headline == "Thousands flee fighting north of Goma"
    assert isinstance(results[-1], ReadError)
    assert "truncated" in results[-1].reason and results[-1].item == "record 5"
    assert len(results) == 2


def test_garbage_after_records_is_an_error(write):
    results = list(read_inputs([write("junk.warc", warc_bytes(False) + b"this is not a record\r\n" * 5)]))
    assert results[0].headline and results[1].headline
    assert isinstance(results[-1], ReadError) and results[-1].item == "record 6"


@pytest.mark.parametrize("offset", [12, 25, 90])
def test_cut_inside_a_record_header_is_an_error(write, offset):
    data = warc_bytes(False)
    starts = [m.start() for m in re.finditer(rb"WARC/1\.0\r\n", data)]
    results = list(read_inputs([write("h.warc", data[: starts[3] + offset])]))
    assert results[0].headline == "Thousands flee fighting north of Goma"
    assert isinstance(results[1], ReadError) and results[1].item == "record 3"
    assert len(results) == 2
