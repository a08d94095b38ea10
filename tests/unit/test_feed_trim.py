"""An update parses only the items it has not seen: the feed it gets is the whole feed's
items less the seen ones, exactly, for RSS 2.0, RSS 1.0 and Atom; a feed lxml cannot read
strictly is parsed whole by feedparser as before."""

from __future__ import annotations

import itertools

import pytest
from feed_samples import ATOM, HOSTILE_TITLE, RSS1, RSS2, rss

from reader.feeds.parse import parse_feed
from reader.feeds.trim import drop_seen

CARRIED = (
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Caf\xe9</title>\n'
    "<item><title>One</title><guid> urn:one </guid>"
    "<content:encoded><![CDATA[<p>Full <b>text</b> & more</p>]]></content:encoded></item>\n"
    "<item><title>Two</title><link>https://example.org/two</link></item>\n"
    "<item><title>Three</title><guid>urn:three</guid></item>\n"
    "</channel></rss>"
).encode("iso-8859-1")


@pytest.mark.parametrize(
    "data",
    [
        RSS2.encode(),
        RSS1.encode(),
        ATOM.encode(),
        CARRIED,
        rss("wire", 40).encode(),
    ],
    ids=["rss2", "rss1", "atom", "carried", "wire"],
)
def test_the_items_left_are_the_unseen_ones_exactly(data: bytes) -> None:
    whole = parse_feed(data, "feed.xml")
    ids = [item.id for item in whole.items]
    assert ids
    for size in range(len(ids) + 1):
        for seen in itertools.islice(itertools.combinations(ids, size), 6):
            part = parse_feed(data, "feed.xml", seen=set(seen))
            assert part.title == whole.title
            assert list(part.items) == [item for item in whole.items if item.id not in seen]


def test_only_seen_items_are_taken_out() -> None:
    data = rss("wire", 10).encode()
    assert drop_seen(data, set()) is data
    assert drop_seen(data, {"not-an-item"}) is data
    assert len(drop_seen(data, {"wire-3", "wire-4"})) < len(data)


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>a&nbsp;b</title>'
        b"<item><guid>x</guid></item></channel></rss>",  # an entity HTML knows, XML does not
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss version="2.0"><channel>'
        b"<title>&e;</title><item><guid>x</guid></item></channel></rss>",
        b'<rss version="2.0"><channel><item><guid>x</guid></item>',  # cut short
        HOSTILE_TITLE.encode(),  # raw terminal controls: not XML
    ],
    ids=["entity", "doctype", "truncated", "controls"],
)
def test_a_feed_lxml_cannot_read_strictly_is_left_whole(data: bytes) -> None:
    assert drop_seen(data, {"x"}) is data
