"""Feed XML written for the feed tests and the feed benchmark (RSS 2.0, RSS 1.0, Atom, hostile)."""

from __future__ import annotations

RSS2 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Harbour &amp; Town</title><link>https://example.org/</link>
<description>Local news</description>
<item><title>Council delays harbour vote</title><link>https://example.org/vote</link>
<guid>urn:harbour:1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
<author>ann@example.org (Ann Lee)</author>
<description>&lt;p&gt;The council &lt;b&gt;delayed&lt;/b&gt; the vote.
&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;&lt;p&gt;Again &amp;amp; again.&lt;/p&gt;
</description></item>
<item><title>Ferry timetable changes</title><link>https://example.org/ferry</link>
<guid>urn:harbour:2</guid><pubDate>Wed, 03 Jan 2024 09:30:00 +0100</pubDate>
<description>New times from Monday.</description></item>
<item><title>Undated note</title><link>https://example.org/note</link></item>
</channel></rss>
"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.net/"><title>RDF Weekly</title>
<link>https://example.net/</link><description>d</description></channel>
<item rdf:about="https://example.net/a"><title>First</title><link>https://example.net/a</link>
<dc:date>2023-05-01T12:00:00Z</dc:date><dc:creator>Bo</dc:creator>
<description>One &amp; only</description></item>
<item rdf:about="https://example.net/b"><title>Second</title><link>https://example.net/b</link>
<dc:date>2023-06-01T12:00:00Z</dc:date></item>
</rdf:RDF>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Log</title><link href="https://example.com/"/>
<id>urn:atom:log</id><updated>2024-02-02T00:00:00Z</updated>
<entry><title>Later</title><link href="https://example.com/later"/><id>urn:atom:2</id>
<updated>2024-02-02T00:00:00Z</updated><author><name>Cy</name></author>
<content type="html">&lt;em&gt;Rich&lt;/em&gt; text</content></entry>
<entry><title>Earlier</title><link href="https://example.com/earlier"/><id>urn:atom:1</id>
<published>2024-01-15T08:00:00-05:00</published><summary>Plain summary</summary></entry>
</feed>
"""

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
HOSTILE_TITLE = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Evil&#x1b;]52;c;eA==&#x7;</title>'
    "<link>https://example.org/</link>"
    "<item><title>Click \x1b]52;c;ZWNobyBwd25lZA==\x07 me</title>"
    "<link>https://example.org/x</link><guid>x</guid>"
    "<description>&lt;b&gt;sum&lt;/b&gt; \x1b[2J</description></item>"
    "</channel></rss>"
)

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Not a feed</title></head><body><p>Hello</p></body></html>
"""

EMPTY_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>
<link>https://example.org/</link></channel></rss>"""


def rss(title: str, count: int, *, start: int = 0) -> str:
    """An RSS 2.0 feed of `count` items numbered from `start`, one a day."""
    items = "".join(
        f"<item><title>{title} item {n}</title><link>https://example.org/{title}/{n}</link>"
        f"<guid>{title}-{n}</guid>"
        f"<pubDate>{1 + n % 28:02d} Jan 2024 10:{n % 60:02d}:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Summary {n}&lt;/p&gt;</description></item>"
        for n in range(start, start + count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://example.org/{title}</link>{items}</channel></rss>"
    )
