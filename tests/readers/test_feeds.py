import hashlib
import re

import pytest

from dateline.errors import ReadError
from dateline.readers import read, read_inputs
from dateline.readers.feeds import outlet_from_title

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Highland Bulletin | Asia</title>
  <id>urn:uuid:7c1f0e2a-highland-asia</id>
  <updated>2024-10-03T08:00:00+05:45</updated>
  <entry>
    <title>Landslide blocks highway to Pokhara</title>
    <link rel="alternate" href="https://highlandbulletin.example/asia/pokhara-landslide"/>
    <id>urn:uuid:entry-1</id>
    <published>2024-10-03T07:45:00+05:45</published>
    <updated>2024-10-03T09:10:00+05:45</updated>
    <author><name>Sita Gurung</name></author>
    <category term="Nepal"/>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;A landslide triggered by overnight rain buried a section of the Prithvi highway west of Kathmandu on Thursday, stranding hundreds of buses and trucks, police said.&lt;/p&gt;&lt;p&gt;Bulldozers were sent from both ends of the blocked stretch.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_items(write, rss_feed):
    path = write("sahel.xml", rss_feed)
    first, second = list(read(path))
    assert first.origin.index == 0 and second.origin.index == 1
    assert first.headline == "Dakar bus drivers end three-day strike"
    assert first.published == "2024-09-12T10:20:00+00:00"
    assert second.published == "2024-09-10T09:30:00-05:00"
    # the item's full content wins over its description
    assert first.text.startswith("Bus drivers in Dakar returned to work")
    assert "teaser" not in first.text
    assert first.text.count("\n\n") == 1
    # source: the dateline's outlet, else the channel title without its section
    assert first.source == "Coastline News Agency" and first.dateline.place == "Dakar"
    assert second.source == "Sahel Morning Post" and second.dateline.text == "MOPTI, Mali"
    assert (first.section, second.section) == ("Senegal", "Mali")
    assert (first.byline, second.byline) == ("Aminata Diallo", "Oumar Traore")
    assert second.url == "https://sahelmorning.example/west-africa/mopti-ferry"
    assert second.text.endswith("Fishermen pulled 23 people from the water.")  # no "appeared first on"
    assert second.language == "en"
    items = re.findall(rb"<item>.*?</item>", rss_feed.encode(), re.S)
    assert first.origin.sha256 == hashlib.sha256(items[0]).hexdigest()
    assert first.origin.sha256 != second.origin.sha256


def test_atom_entry(write):
    (a,) = list(read(write("feed.atom", ATOM_FEED)))
    assert a.headline == "Landslide blocks highway to Pokhara"
    assert a.published == "2024-10-03T07:45:00+05:45"
    assert (a.source, a.section, a.byline) == ("Highland Bulletin", "Nepal", "Sita Gurung")
    assert a.url == "https://highlandbulletin.example/asia/pokhara-landslide"
    assert a.dateline is None
    assert a.text.startswith("A landslide triggered") and a.text.endswith("blocked stretch.")


def test_gzipped_feed_with_odd_name(write, rss_feed):
    articles = list(read(write("download.bin.gz", rss_feed, gz=True)))
    assert [a.origin.index for a in articles] == [0, 1]


def test_broken_feed_is_a_read_error(write):
    path = write("broken.xml", "<?xml version='1.0'?>\n<rss version='2.0'><channel><title>Desk</channel>&&")
    with pytest.raises(ReadError) as err:
        list(read(path))
    assert err.value.path == path and "broken XML" in err.value.reason


def test_truncated_feed_keeps_complete_items(write, rss_feed):
    cut = rss_feed[: rss_feed.index("Fishermen pulled")]
    results = list(read_inputs([write("cut.xml", cut)]))
    assert results[0].headline == "Dakar bus drivers end three-day strike"
    assert isinstance(results[1], ReadError) and results[1].item == "item 1"
    assert "broken XML" in results[1].reason
    assert len(results) == 2


def test_item_without_text_is_yielded_as_error_and_others_go_on(write, rss_feed):
    feed = rss_feed.replace("<item>", "<item><title>Empty teaser</title></item>\n  <item>", 1)
    results = list(read_inputs([write("gap.xml", feed)]))
    assert isinstance(results[0], ReadError) and results[0].item == "item 0"
    assert "no text" in results[0].reason
    assert [r.origin.index for r in results[1:]] == [1, 2]


def test_aggregator_item_source(write):
    feed = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Regional digest</title><item>"
            "<title>Oman extends fishing ban</title><source url='https://gulf.example/rss'>Gulf Ledger</source>"
            "<description>Oman extended a seasonal ban on shrimp fishing by two weeks.</description>"
            "</item></channel></rss>")
    (a,) = list(read(write("digest.xml", feed)))
    assert a.source == "Gulf Ledger"
    assert a.text == "Oman extended a seasonal ban on shrimp fishing by two weeks."


def test_outlet_from_title():
    assert outlet_from_title("Sahel Morning Post — West Africa") == "Sahel Morning Post"
    assert outlet_from_title("Daily Ledger - World") == "Daily Ledger"
    assert outlet_from_title("Highland Bulletin | Asia") == "Highland Bulletin"
    assert outlet_from_title("Al-Nahar English") == "Al-Nahar English"
    assert outlet_from_title(None) is None
