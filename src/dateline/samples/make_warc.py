"""Write ``warc/crawl-2024-sample.warc.gz``: a small crawl holding two saved news pages.

Run it from anywhere with the project's Python (``python src/dateline/samples/make_warc.py``);
the output is byte-for-byte reproducible (fixed record ids and dates, gzip mtime 0), so
re-running it leaves git clean. The crawl holds, in order: a warcinfo record, the HTTP
request for the first page, and the two HTML responses. Readers must skip the first two.
"""

from __future__ import annotations

import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parent / "warc" / "crawl-2024-sample.warc.gz"

SAGAING_URL = "https://ayeyarwadytimes.example/news/2024/04/09/sagaing-airstrike-village"
SAGAING_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Junta air strike on Sagaing village kills 17, residents say - Ayeyarwady Times</title>
<meta property="og:site_name" content="Ayeyarwady Times">
<meta property="og:type" content="article">
<meta property="og:title" content="Junta air strike on Sagaing village kills 17, residents say">
<meta property="article:published_time" content="2024-04-09T14:25:00+06:30">
<meta property="article:section" content="Conflict">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Junta air strike on Sagaing village kills 17, residents say",
 "datePublished": "2024-04-09T14:25:00+06:30", "articleSection": "Conflict",
 "author": {"@type": "Person", "name": "Ko Zaw Min"},
 "publisher": {"@type": "Organization", "name": "Ayeyarwady Times"}}
</script>
</head>
<body>
<div class="cookie-bar">We use cookies to improve your experience. <button>OK</button></div>
<nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/conflict/">Conflict</a>
<a href="/business/">Business</a> <a href="/opinion/">Opinion</a> <a href="/donate/">Donate</a></nav>
<article>
<h1>Junta air strike on Sagaing village kills 17, residents say</h1>
<p class="byline">By Ko Zaw Min | 9 April 2024</p>
<p>Myanmar's military killed at least 17 civilians, including six children, when a fighter jet bombed
a village in Sagaing Region's Shwebo Township on Monday afternoon, residents and a local resistance
group said.</p>
<p>The jet dropped two bombs on the village while people were gathered at a monastery for a novice
ordination ceremony, a villager who helped collect the bodies told the Ayeyarwady Times. About 30 people
were wounded, he said.</p>
<p>&ldquo;There were no soldiers or fighters there, only families in their best clothes. The children were
sitting in the front rows,&rdquo; he said, asking not to be named for his safety.</p>
<p>The monastery and at least 20 houses were destroyed, according to the local administration of the
National Unity Government (NUG), the shadow government set up by opponents of the junta. The NUG called
on the United Nations to impose an arms embargo and to stop the sale of aviation fuel to the military.</p>
<p>A junta spokesman, Major General Zaw Htun Aung, denied that the air force had targeted civilians. He
told state media that the strike had hit &quot;a training camp of terrorist groups&quot; and that reports of
a massacre were &quot;fake news spread by the enemy&quot;.</p>
<p>Sagaing Region has been a stronghold of armed resistance since the military seized power in a coup in
February 2021. Air strikes have become the army's main weapon against the resistance, and monitoring
groups say they have killed hundreds of civilians in the region.</p>
</article>
<aside class="related"><h3>Related</h3>
<a href="/news/2024/03/30/monywa-power-cuts">Monywa residents endure 20-hour power cuts</a>
<a href="/news/2024/03/21/conscription-law">Young people flee conscription law</a></aside>
<footer>&copy; 2024 Ayeyarwady Times. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body>
</html>
"""

TURBAT_URL = "https://arabianseaherald.example/pakistan/2024-08-20/gunmen-kill-seven-labourers-turbat"
TURBAT_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gunmen kill seven labourers near Turbat | Arabian Sea Herald</title>
<meta property="og:site_name" content="Arabian Sea Herald">
<meta property="og:type" content="article">
<meta property="og:title" content="Gunmen kill seven labourers near Turbat">
<meta property="article:published_time" content="2024-08-20T11:05:00+05:00">
<meta property="article:section" content="Pakistan">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Gunmen kill seven labourers near Turbat",
 "datePublished": "2024-08-20T11:05:00+05:00", "articleSection": "Pakistan",
 "publisher": {"@type": "Organization", "name": "Arabian Sea Herald"}}
</script>
</head>
<body>
<div id="consent">This site uses cookies. <a href="/cookies">Read more</a> <button>Accept</button></div>
<header><a class="logo" href="/">Arabian Sea Herald</a>
<nav><a href="/pakistan/">Pakistan</a> <a href="/world/">World</a> <a href="/sport/">Sport</a>
<a href="/business/">Business</a> <a href="/epaper/">E-paper</a></nav></header>
<main>
<article>
<h1>Gunmen kill seven labourers near Turbat</h1>
<div class="story-text">
<p>TURBAT: Unidentified gunmen killed seven construction labourers and wounded three others at a
building site on the outskirts of Turbat in Balochistan's Kech district late on Monday night,
police said.</p>
<p>The attackers stormed a rented house where the workers, all from Punjab province, were sleeping
after a day's work on a private housing project, Deputy Inspector General of Police Makran Range
Naveed Alam said.</p>
<p>&quot;The assailants checked the identity cards of the workers before opening fire. It was a targeted
attack,&quot; the police officer said. He said the wounded had been shifted to the Teaching Hospital
Turbat, where one was in critical condition.</p>
<p>No group has claimed responsibility, but banned Baloch separatist groups have carried out several
similar attacks on workers from other provinces in recent years.</p>
<p>The interior minister condemned the killings and directed the provincial authorities to arrest those
responsible. &ldquo;Terrorists who target poor labourers earning a living for their families deserve no
mercy,&rdquo; he said in a statement.</p>
<p>According to police, security forces have cordoned off the area and launched a search operation.
The bodies will be flown to Multan on Tuesday evening.</p>
</div>
</article>
<section class="more"><h2>More from Pakistan</h2>
<a href="/pakistan/2024-08-19/gwadar-port-traffic">Gwadar port traffic picks up</a>
<a href="/pakistan/2024-08-18/heatwave-sindh">Heatwave grips Sindh</a></section>
</main>
<footer>Arabian Sea Herald &middot; Karachi &middot; <a href="/terms">Terms</a> &middot; <a href="/contact">Contact</a></footer>
</body>
</html>
"""


def _record_id(name: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def _response(writer: WARCWriter, url: str, html: str, date: str, http_date: str):
    body = html.encode("utf-8")
    http_headers = StatusAndHeaders(
        "200 OK",
        [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Date", http_date),
            ("Server", "nginx"),
        ],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict={"WARC-Record-ID": _record_id(url), "WARC-Date": date},
    )


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        info = b"software: dateline samples/make_warc.py\r\nformat: WARC File Format 1.1\r\n"
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": _record_id("warcinfo"),
                    "WARC-Date": "2024-08-21T06:00:00Z",
                    "WARC-Filename": OUT.name,
                },
            )
        )
        request = (
            b"GET /news/2024/04/09/sagaing-airstrike-village HTTP/1.1\r\n"
            b"Host: ayeyarwadytimes.example\r\nUser-Agent: dateline-sample-crawler\r\n\r\n"
        )
        writer.write_record(
            writer.create_warc_record(
                SAGAING_URL,
                "request",
                payload=BytesIO(request),
                length=len(request),
                warc_headers_dict={
                    "WARC-Record-ID": _record_id("request:" + SAGAING_URL),
                    "WARC-Date": "2024-08-21T06:00:01Z",
                },
            )
        )
        writer.write_record(
            _response(
                writer, SAGAING_URL, SAGAING_HTML, "2024-08-21T06:00:01Z", "Wed, 21 Aug 2024 06:00:01 GMT"
            )
        )
        writer.write_record(
            _response(
                writer, TURBAT_URL, TURBAT_HTML, "2024-08-21T06:00:03Z", "Wed, 21 Aug 2024 06:00:03 GMT"
            )
        )


if __name__ == "__main__":
    main()
