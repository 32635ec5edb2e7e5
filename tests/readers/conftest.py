"""Shared fixtures of the reader tests: invented stories, written to tmp_path in the test."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

WIRE_STORY = """\
Floodwaters cut main road to Kisumu as lake rises to record level

By Achieng Otieno, The Lakeside Observer

KISUMU, Kenya, 4 May (Rift Valley Wire) – Rising water in Lake Victoria cut the main road into the port city of Kisumu on Saturday, stranding hundreds of lorries and forcing about 1,200 families from their homes, county officials said.

“We have never seen the lake come this far inland,” said Grace Anyango, who sells fish at the Dunga beach market. “The water is in our kitchens.”

The county’s disaster office said two people had drowned in Nyando sub-county since Thursday and that rescue teams were using boats to reach villages cut off by the flooding.

Meteorologists expect more rain over the western highlands this week.

(Reporting by Achieng Otieno; Editing by Peter Mwangi)

Africa 2024-05-04 15:42:10
"""

OWN_LINE_STORY = """\
Ombudsman urges release of detained journalists

Tashkent, March 3, Silk Road News
The country's human rights ombudsman on Sunday called on the authorities to release four journalists detained during protests in the capital last week.
In a statement, the ombudsman said the reporters had been covering a demonstration against rising utility prices when police took them into custody.
The Interior Ministry has not commented on the detentions.

Region 2024-03-03 11:05:00
"""

HTML_PAGE = """\
<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Port workers strike over unpaid wages | The Harbour Ledger</title>
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:title" content="Port workers strike over unpaid wages">
<meta property="og:url" content="https://harbourledger.example/news/port-strike-2291">
<meta property="article:published_time" content="2024-06-18T06:15:00+03:00">
<meta property="article:section" content="Tanzania">
<meta name="author" content="Neema Mushi">
<link rel="canonical" href="https://harbourledger.example/news/port-strike-2291">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "The Harbour Ledger", "url": "https://harbourledger.example/"},
  {"@type": "NewsArticle", "headline": "Port workers strike over unpaid wages",
   "datePublished": "2024-06-18T06:15:00+03:00", "articleSection": "Tanzania",
   "author": {"@type": "Person", "name": "Neema Mushi"},
   "publisher": {"@type": "Organization", "name": "The Harbour Ledger"}}]}
</script>
<script>window.dataLayer = []; var page = {section: "tanzania"};</script>
</head>
<body>
<div id="cookie-consent" class="cookie-banner">
  <p>We use cookies to improve your experience and to show you personalised adverts. By clicking
  Accept all you agree to our use of cookies. Read our privacy policy to find out more.</p>
  <button>Accept all</button>
</div>
<header class="site-header">
  <a class="logo" href="/">The Harbour Ledger</a>
  <nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
  <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<main>
<article class="story">
  <nav class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/news">News</a></nav>
  <p class="kicker">Tanzania &middot; Labour</p>
  <h1>Port workers strike over unpaid wages</h1>
  <div class="story-meta"><span class="byline">By Neema Mushi</span>
    <time datetime="2024-06-18T06:15:00+03:00">18 June 2024</time></div>
  <div class="story-body">
    <p>DAR ES SALAAM, Tanzania (The Harbour Ledger) &mdash; Hundreds of dock workers walked off the job at the port of Dar es Salaam on Monday, demanding three months of unpaid wages from a private cargo-handling contractor.</p>
    <p>Ships queued outside the harbour as cranes stood idle, and union officials said the strike would continue until every worker had been paid in full.</p>
    <p><strong>READ MORE:</strong> <a href="/news/fuel-2201">Fuel prices rise for third month</a></p>
    <p>&ldquo;We have families to feed. We cannot work for promises,&rdquo; said Juma Kassim, a crane operator who has worked at the port for eleven years.</p>
    <p>The contractor said in a statement that it had been waiting for payment from the port authority and expected to settle the arrears by the end of the week.</p>
  </div>
  <div class="support-box"><p>Independent journalism depends on readers like you. Donate today.</p></div>
  <section class="related-stories"><h2>Related stories</h2><ul>
    <li><a href="/a">Fuel prices rise for third month in a row</a></li>
    <li><a href="/b">Ferry operators warn of delays on Zanzibar route</a></li></ul></section>
</article>
</main>
<footer class="site-footer"><p>&copy; 2024 The Harbour Ledger. All rights reserved.</p>
<p><a href="/about">About us</a> | <a href="/privacy">Privacy</a></p></footer>
</body>
</html>
"""

RSS_FEED = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Sahel Morning Post — West Africa</title>
  <link>https://sahelmorning.example/west-africa/</link>
  <description>West Africa news</description>
  <language>en-gb</language>
  <item>
    <title>Dakar bus drivers end three-day strike</title>
    <link>https://sahelmorning.example/west-africa/dakar-bus-strike-ends</link>
    <pubDate>Thu, 12 Sep 2024 10:20:00 +0000</pubDate>
    <dc:creator>Aminata Diallo</dc:creator>
    <category>Senegal</category>
    <description>Short teaser about the bus strike.</description>
    <content:encoded><![CDATA[<p>DAKAR (Coastline News Agency) — Bus drivers in Dakar returned to work on Thursday after the transport ministry agreed to review their pay, ending a three-day strike that had left commuters stranded.</p>
<p>“We have been heard, for now,” said union leader Moussa Ndiaye.</p>]]></content:encoded>
  </item>
  <item>
    <title>Niger river ferry capsizes near Mopti</title>
    <link>https://sahelmorning.example/west-africa/mopti-ferry</link>
    <pubDate>Tue, 10 Sep 2024 09:30:00 -0500</pubDate>
    <author>desk@sahelmorning.example (Oumar Traore)</author>
    <category>Mali</category>
    <description><![CDATA[<p>MOPTI, Mali — A wooden ferry carrying traders to a weekly market capsized on the Niger river, and at least seven passengers are missing, local officials said.</p><p>Fishermen pulled 23 people from the water.</p><p>The post <a href="https://sahelmorning.example/west-africa/mopti-ferry">Niger river ferry capsizes near Mopti</a> appeared first on <a href="https://sahelmorning.example">Sahel Morning Post</a>.</p>]]></description>
  </item>
</channel>
</rss>
"""


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content, gz=False) -> path of a file under tmp_path holding ``content``."""

    def _write(name: str, content: str | bytes, gz: bool = False) -> str:
        data = content.encode("utf-8") if isinstance(content, str) else content
        if gz:
            data = gzip.compress(data)
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return str(path)

    return _write


@pytest.fixture
def wire_story() -> str:
    return WIRE_STORY


@pytest.fixture
def own_line_story() -> str:
    return OWN_LINE_STORY


@pytest.fixture
def html_page() -> str:
    return HTML_PAGE


@pytest.fixture
def rss_feed() -> str:
    return RSS_FEED
