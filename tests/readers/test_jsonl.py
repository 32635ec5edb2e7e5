import hashlib
import json

import pytest

from dateline.errors import ReadError
from dateline.readers import read, read_inputs

FIRST = {
    "url": "https://volta.example/2024/08/01/tamale-clashes",
    "title": "Curfew imposed in Tamale after chieftaincy clashes",
    "text": ("TAMALE, Ghana (Volta Courier) — Authorities imposed a dusk-to-dawn curfew on parts of Tamale "
             "on Thursday after clashes between rival factions in a chieftaincy dispute left four people dead."
             "\n\nPolice said 19 people had been arrested.\n\n(Reporting by Kwame Asante)"),
    "published": "2024-08-01T19:05:00+00:00",
    "source": "Volta Courier",
    "section": "Ghana",
}
SECOND = {  # the aliases
    "headline": "Harvest festival draws record crowds in Kumasi",
    "body": "KUMASI — Tens of thousands of people packed the streets of Kumasi on Saturday.",
    "date": "Sat, 03 Aug 2024 16:00:00 +0000",
    "byline": "Efua Boateng",
}


def lines(*objects) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objects)


def test_json_lines(write):
    content = lines(FIRST, SECOND)
    first, second = list(read(write("export.jsonl", content)))
    assert first.headline == FIRST["title"] and first.url == FIRST["url"]
    assert (first.source, first.section, first.published) == ("Volta Courier", "Ghana", "2024-08-01T19:05:00+00:00")
    assert first.dateline.place == "Tamale"
    assert first.text == ("Authorities imposed a dusk-to-dawn curfew on parts of Tamale on Thursday after clashes "
                          "between rival factions in a chieftaincy dispute left four people dead.\n\n"
                          "Police said 19 people had been arrested.")
    assert first.origin.index == 0 and second.origin.index == 1
    assert first.origin.sha256 == hashlib.sha256(content.split("\n")[0].encode()).hexdigest()
    assert second.headline == SECOND["headline"] and second.byline == "Efua Boateng"
    assert second.published == "2024-08-03T16:00:00+00:00"
    assert second.source is None and second.dateline.place == "Kumasi"


def test_bad_lines_are_errors_with_line_numbers_and_the_rest_goes_on(write):
    path = write("mixed.jsonl", lines(FIRST, "", "{not json", '["a list"]', {"title": "No body"}, SECOND))
    results = list(read_inputs([path]))
    errors = [r for r in results if isinstance(r, ReadError)]
    articles = [r for r in results if not isinstance(r, ReadError)]
    assert [e.item for e in errors] == ["line 3", "line 4", "line 5"]
    assert all(e.path == path for e in errors)
    assert "line 3" in str(errors[0]) and "not valid JSON" in errors[0].reason
    assert "not a JSON object" in errors[1].reason and "no text" in errors[2].reason
    assert [a.origin.index for a in articles] == [0, 5]  # 0-based line positions, blank line counted


def test_read_raises_on_the_first_bad_line(write):
    with pytest.raises(ReadError, match=r"\(line 2\)"):
        list(read(write("bad.jsonl", lines(FIRST, "{oops"))))


def test_json_array_file(write):
    path = write("export.json", json.dumps([FIRST, SECOND], indent=2))
    articles = list(read(path))
    assert [a.origin.index for a in articles] == [0, 1]
    assert articles[1].headline == SECOND["headline"]


def test_html_in_text_field(write):
    obj = dict(FIRST, text="<p>TAMALE (Volta Courier) — Calm returned.</p><p>Shops reopened.</p>")
    (a,) = list(read(write("html.jsonl", lines(obj))))
    assert a.text == "Calm returned.\n\nShops reopened."
