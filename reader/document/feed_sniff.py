"""Whether bytes are a feed (RSS, Atom) rather than an article: cheap, without feedparser.

Invariant: importing this costs one regular expression (the reader asks it for every
`reader PATH|URL` before choosing a screen, so it must not load feedparser); it
reads at most the first 4 KB.
"""

from __future__ import annotations

import re

_FEED_ROOT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!doctype[^>]*>\s*)*"
    rb"<(?:rss|feed|(?:[a-z0-9_]+:)?rdf)\b",
    re.I | re.S,
)
FEED_ONLY_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/x-rss+xml",
)
"""Content types that name a feed whatever the bytes look like at first."""


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """Whether bytes read for `reader PATH|URL` are a feed (RSS or Atom) rather than an
    article: by a feed content type, else by the root element of the first 4 KB."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in FEED_ONLY_TYPES:
        return True
    return bool(_FEED_ROOT.match(data[:4096]))
