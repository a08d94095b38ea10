"""Parsing feeds (RSS 2.0, RSS 1.0, Atom) from bytes and files, and hostile feeds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from feed_samples import ATOM, EMPTY_FEED, HOSTILE_TITLE, HTML_PAGE, OSC52, RSS1, RSS2, rss

from reader.errors import InputError
from reader.feeds import MAX_FEED_BYTES, MAX_ITEMS, parse_feed, read_feed
from reader.feeds.parse import MAX_ELEMENTS
from reader.feeds.text import MAX_TEXT, plain_text


def test_rss2_items_newest_first_with_plain_summaries() -> None:
    feed = parse_feed(RSS2.encode(), "harbour.xml")
    assert feed.title == "Harbour & Town"
    assert feed.link == "https://example.org/"
    assert [item.title for item in feed.items] == [
        "Ferry timetable changes",
        "Council delays harbour vote",
        "Undated note",
    ]
    ferry, vote, undated = feed.items
    assert ferry.date == "2024-01-03T08:30:00+00:00"
    assert vote.date == "2024-01-01T10:00:00+00:00"
    assert undated.date is None
    assert vote.summary == "The council delayed the vote. Again & again."
    assert "alert" not in vote.summary
    assert vote.author == "ann@example.org (Ann Lee)"
    assert vote.id == "urn:harbour:1"
    assert undated.id == "https://example.org/note"


def test_rss1_and_atom() -> None:
    rdf = parse_feed(RSS1.encode(), "rdf.xml")
    assert rdf.title == "RDF Weekly"
    assert [item.title for item in rdf.items] == ["Second", "First"]
    assert rdf.items[1].author == "Bo"
    assert rdf.items[1].summary == "One & only"
    assert rdf.items[1].date == "2023-05-01T12:00:00+00:00"
    atom = parse_feed(ATOM.encode(), "atom.xml")
    assert atom.title == "Atom Log"
    assert atom.link == "https://example.com/"
    later, earlier = atom.items
    assert (later.title, later.author, later.summary) == ("Later", "Cy", "Rich text")
    assert earlier.date == "2024-01-15T13:00:00+00:00"
    assert earlier.link == "https://example.com/earlier"


def test_json_shape() -> None:
    data = parse_feed(ATOM.encode(), "atom.xml").to_json()
    assert set(data) == {"title", "link", "items"}
    items = data["items"]
    assert isinstance(items, list)
    assert set(items[0]) == {"title", "link", "date", "author", "summary"}


def test_hostile_title_keeps_its_text_for_json() -> None:
    feed = parse_feed(HOSTILE_TITLE.encode(), "evil.xml")
    assert OSC52 in feed.items[0].title  # exact in JSON; the CLI makes it inert on a terminal


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "is empty"),
        (b"  \n", "is empty"),
        (HTML_PAGE.encode(), "is an HTML page, not a feed"),
        (b"\xef\xbb\xbf<html><body>x</body></html>", "is an HTML page"),
        (b"just some text", "is not a feed"),
        (b"<?xml version='1.0'?><note>hi</note>", "is not a feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is not a feed"),
    ],
)
def test_bad_input_is_one_line(raw: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_feed(raw, "bad.xml")
    assert "\n" not in str(caught.value)
    assert "bad.xml" in str(caught.value)


def test_a_feed_without_items_parses_empty() -> None:
    assert parse_feed(EMPTY_FEED.encode(), "quiet.xml").items == []


def test_item_count_and_text_are_bounded() -> None:
    feed = parse_feed(rss("big", MAX_ITEMS + 50).encode(), "big.xml")
    assert len(feed.items) == MAX_ITEMS
    long = plain_text("<p>" + "word " * 5000 + "</p>")
    assert len(long) == MAX_TEXT and long.endswith("…")


def test_huge_feed_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FEED_BYTES + 1)
    with pytest.raises(InputError, match="too large for a feed"):
        read_feed(str(path))
    with pytest.raises(InputError, match="too large for a feed"):
        parse_feed(b" " * (MAX_FEED_BYTES + 1), "huge")


def test_element_floods_are_refused_quickly() -> None:
    flood = rss("flood", 1).replace("</item>", "<x/>" * (MAX_ELEMENTS + 1) + "</item>")
    start = time.perf_counter()
    with pytest.raises(InputError, match="more than 50000 elements"):
        parse_feed(flood.encode(), "flood.xml")
    assert time.perf_counter() - start < 1.0


def test_files(tmp_path: Path) -> None:
    path = tmp_path / "atom.xml"
    path.write_text(ATOM, encoding="utf-8")
    assert read_feed(str(path)).title == "Atom Log"
    with pytest.raises(InputError, match="no such file"):
        read_feed(str(tmp_path / "missing.xml"))
    with pytest.raises(InputError, match="is a directory"):
        read_feed(str(tmp_path))


def test_feedparser_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.request

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("feedparser tried the network")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    external = (
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/x.dtd">'
        '<rss version="2.0"><channel><title>t</title><item><title>a</title>'
        "<link>http://127.0.0.1:9/</link></item></channel></rss>"
    )
    assert parse_feed(external.encode(), "ext.xml").items[0].title == "a"
