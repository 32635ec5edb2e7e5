import pytest

from dateline.errors import ReadError
from dateline.readers import read
from dateline.readers.html import html_to_paragraphs, page_metadata, parse_page


def one(path):
    (article,) = list(read(path))
    return article


def test_cluttered_page(write, html_page):
    a = one(write("port-strike.html", html_page))
    assert a.headline == "Port workers strike over unpaid wages"
    assert a.source == "The Harbour Ledger"
    assert a.published == "2024-06-18T06:15:00+03:00"  # the page's own offset, not UTC
    assert (a.section, a.byline) == ("Tanzania", "Neema Mushi")
    assert a.url == "https://harbourledger.example/news/port-strike-2291"
    assert a.language == "en"
    assert a.dateline.text == "DAR ES SALAAM, Tanzania (The Harbour Ledger)"
    assert a.dateline.place == "Dar es Salaam"
    assert a.text.startswith("Hundreds of dock workers walked off the job")
    assert a.text.endswith("settle the arrears by the end of the week.")
    assert len(a.text.split("\n\n")) == 4
    assert "“We have families to feed. We cannot work for promises,”" in a.text
    for furniture in ("cookies", "Accept all", "Home", "Related stories", "Fuel prices", "Donate",
                      "All rights reserved", "Labour", "By Neema Mushi", "18 June 2024", "READ MORE"):
        assert furniture not in a.text, furniture


def test_page_named_txt_is_still_html(write, html_page):
    assert one(write("saved-page.txt", html_page)).source == "The Harbour Ledger"


GRAPH_ONLY = """<html><head><meta charset="utf-8">
<title>Tanker runs aground off Mombasa - Coast Herald</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Coast Herald"},
 {"@type":["NewsArticle"],"headline":"Tanker runs aground off Mombasa",
  "datePublished":"2024-02-01T21:40:00Z","articleSection":["Kenya","Maritime"],
  "author":[{"@type":"Person","name":"Salim Bakari"},{"@type":"Person","name":"Mercy Wanjiku"}],
  "publisher":{"@type":"Organization","name":"Coast Herald"}}]}</script>
</head><body><div class="entry-content">
<p>MOMBASA, Kenya &mdash; A fuel tanker ran aground on a reef at the entrance to Kilindini harbour late on Thursday, and the port authority said it had closed the channel to large ships while salvage teams assessed the damage to the hull.</p>
<p>No oil had leaked from the vessel by Friday morning, the Kenya Maritime Authority said, but booms had been laid around the ship as a precaution against a spill reaching the beaches of the south coast.</p>
<p>The tanker, which was carrying diesel from the Gulf, had been waiting for a pilot to guide it into the harbour when its anchor dragged in strong winds.</p>
</div></body></html>"""


def test_json_ld_graph_metadata(write):
    a = one(write("tanker.html", GRAPH_ONLY))
    assert a.headline == "Tanker runs aground off Mombasa"
    assert a.source == "Coast Herald"
    assert a.published == "2024-02-01T21:40:00+00:00"
    assert a.section == "Kenya"
    assert a.byline == "Salim Bakari, Mercy Wanjiku"
    assert a.dateline.place == "Mombasa" and a.source == "Coast Herald"
    assert a.text.startswith("A fuel tanker ran aground")


def test_time_element_and_title_suffix():
    page = parse_page(
        "<html><head><title>Curfew lifted in Bamako | Niger Bend Daily</title></head><body>"
        "<article><h1>Curfew lifted</h1><time class='published' datetime='2023-11-02T08:00:00+00:00'>"
        "2 Nov</time><p>Text.</p></article></body></html>"
    )
    meta = page_metadata(page)
    assert meta["headline"] == "Curfew lifted in Bamako"
    assert meta["source"] == "Niger Bend Daily"
    assert meta["published"] == "2023-11-02T08:00:00+00:00"


def test_leading_byline_and_update_lines_are_trimmed(write):
    page = ("<html><head><title>Bridge collapse | Delta Times</title></head><body><article>"
            "<h1>Bridge collapse</h1><p>By Ngozi Okafor</p><p>Updated: 4 March 2024 10:20 WAT</p>"
            "<p>ONITSHA, Nigeria — A section of a footbridge over a busy market road collapsed on Monday, "
            "injuring at least six traders, emergency officials said.</p>"
            "<p>Engineers had warned last year that the bridge needed urgent repairs.</p>"
            "</article></body></html>")
    a = one(write("onitsha.html", page))
    assert a.text.startswith("A section of a footbridge")
    assert a.dateline.place == "Onitsha" and a.source == "Delta Times"


def test_html_to_paragraphs():
    assert html_to_paragraphs("<p>One <b>bold</b> line.</p><p>Two.</p>") == ["One bold line.", "Two."]
    assert html_to_paragraphs("First part<br/><br/>Second part<br>same para") == [
        "First part", "Second part same para"]
    assert html_to_paragraphs("<div>Lead<script>var x=1;</script><ul><li>a</li><li>b</li></ul></div>") == [
        "Lead", "a", "b"]
    assert html_to_paragraphs("plain text\n\nsecond") == ["plain text", "second"]


def test_page_without_text_is_an_error(write):
    with pytest.raises(ReadError, match="no article text"):
        one(write("empty.html", "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>"))


def test_cp1252_page_with_meta_charset(write):
    page = ("<html><head><meta charset='windows-1252'><title>Caf\xe9 owners protest</title></head>"
            "<body><article><p>NICE \u2014 Caf\xe9 owners in Nice marched on the town hall on Monday "
            "against a new terrace tax that they say will cost them thousands of euros each summer season, "
            "the organisers said.</p><p>The mayor\u2019s office said the tax would fund street cleaning.</p>"
            "</article></body></html>")
    a = one(write("nice.html", page.encode("cp1252")))
    assert a.headline == "Caf\xe9 owners protest"
    assert a.text.startswith("Caf\xe9 owners in Nice marched")
    assert "mayor\u2019s office" in a.text
