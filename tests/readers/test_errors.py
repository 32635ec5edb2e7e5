import gzip
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.errors import ReadError
from dateline.readers import read, read_inputs, walk
from dateline.record import Article


def test_each_bad_input_is_yielded_and_the_others_go_on(write, tmp_path, wire_story, rss_feed):
    good = write("good.txt", wire_story)
    inputs = [
        write("empty.txt", b""),
        good,
        write("junk.bin", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))),
        write("cut.txt.gz", gzip.compress(wire_story.encode())[:-40]),
        str(tmp_path / "missing.txt"),
        write("broken.xml", "<?xml version='1.0'?><rss><channel><title>A</title></channel>&&&"),
        write("lines.jsonl", '{"title": "x", "text": "Kigali residents queued for water."}\n{"title": \n'),
        write("feed.rss", rss_feed),
    ]
    results = list(read_inputs(inputs))
    summary = [(os.path.basename(r.path), r.item, r.reason) if isinstance(r, ReadError)
               else os.path.basename(r.origin.path) for r in results]
    assert summary[1] == "good.txt"
    assert summary[-2:] == ["feed.rss", "feed.rss"]
    errors = {name: (item, reason) for name, item, reason in [s for s in summary if isinstance(s, tuple)]}
    assert errors["empty.txt"] == (None, "empty file")
    assert "binary" in errors["junk.bin"][1]
    assert "truncated gzip" in errors["cut.txt.gz"][1]
    assert errors["missing.txt"] == (None, "no such file or directory")
    assert "broken XML" in errors["broken.xml"][1]
    assert errors["lines.jsonl"][0] == "line 2"
    assert "lines.jsonl" in summary  # the good line of the same file still came through


def test_read_raises_on_the_first_problem(write, tmp_path, wire_story):
    folder = tmp_path / "in"
    write("in/a.txt", wire_story)
    write("in/b.txt", b"\x00\x01\x02 binary")
    write("in/c.txt", wire_story)
    seen = []
    with pytest.raises(ReadError) as err:
        for article in read(folder):
            seen.append(article)
    assert len(seen) == 1 and err.value.path.endswith("b.txt")
    with pytest.raises(ReadError, match="no such file"):
        list(read(tmp_path / "nowhere.txt"))


def test_unreadable_file(write, wire_story, monkeypatch):
    path = write("locked.txt", wire_story)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # chmod does not stop root, who runs many CI jobs: refuse the open itself
    monkeypatch.setattr("dateline.readers.detect.open", refuse, raising=False)
    (error,) = list(read_inputs([path]))
    assert isinstance(error, ReadError) and error.reason == "permission denied" and error.path == path


def test_folder_walk_is_sorted_recursive_and_skips_hidden_and_gold(write, tmp_path, wire_story):
    for name in ("b/z.txt", "b/a.txt", "a.txt", "c.txt", ".hidden.txt", ".cache/x.txt",
                 "a.gold.json", "b/story.gold.json"):
        write(f"in/{name}", wire_story)
    given = str(tmp_path / "in")
    files = [os.path.relpath(f, given) for f in walk(given)]
    assert files == ["a.txt", "b/a.txt", "b/z.txt", "c.txt"]
    articles = list(read(given))
    assert [a.origin.path for a in articles] == [os.path.join(given, f) for f in files]
    assert len({a.id for a in articles}) == 1  # the same story everywhere: the same id


def test_relative_path_kept_as_given(write, tmp_path, wire_story, monkeypatch):
    write("in/story.txt", wire_story)
    monkeypatch.chdir(tmp_path)
    (article,) = list(read("in"))
    assert article.origin.path == os.path.join("in", "story.txt")
    (article,) = list(read("./in/story.txt"))
    assert article.origin.path == "./in/story.txt"


def test_empty_feed_and_empty_jsonl_are_errors(write):
    with pytest.raises(ReadError, match="feed has no items"):
        list(read(write("none.xml", "<?xml version='1.0'?><rss version='2.0'><channel><title>A</title>"
                                    "</channel></rss>")))
    with pytest.raises(ReadError, match="no articles found"):
        list(read(write("none.json", "[]")))


JSON_LINES = b'{"title": "Kigali water cuts", "text": "KIGALI - Taps ran dry."}\n' * 2


# the story fixtures are constants, so sharing them across hypothesis examples is safe
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pick=st.integers(0, 3), cut=st.floats(0, 1),
       flips=st.lists(st.tuples(st.floats(0, 0.999), st.integers(0, 255)), max_size=12),
       gz=st.booleans(), suffix=st.sampled_from([".txt", ".html", ".xml", ".jsonl", ""]))
def test_damaged_inputs_never_escape_as_other_errors(tmp_path_factory, wire_story, html_page, rss_feed,
                                                     pick, cut, flips, gz, suffix):
    seed = [wire_story.encode(), html_page.encode(), rss_feed.encode(), JSON_LINES][pick]
    data = bytearray(seed[: int(len(seed) * cut)])
    for where, value in flips:
        if data:
            data[int(where * len(data))] = value
    raw = gzip.compress(bytes(data)) if gz else bytes(data)
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(raw)
    for item in read_inputs([path]):
        assert isinstance(item, (Article, ReadError))
        if isinstance(item, Article):
            assert item.text.strip() and item.origin.path == str(path)
