"""Whether bytes are a feed (RSS, Atom) rather than an article: cheap, without feedparser.

Invariant: importing this costs one regular expression (the reader asks it for every
`reader PATH|URL` before choosing a screen, so it must not load feedparser); it
reads at most the first 4 KB.
"""

from __future__ import annotations

import os
import re
import stat

SNIFF = 4096
"""Bytes looked at."""
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
    return bool(_FEED_ROOT.match(data[:SNIFF]))


def file_looks_like_feed(source: str) -> bool:
    """Whether the local regular file `source` starts like a feed (False for anything
    else: a URL, `-`, a missing file, a FIFO or a device is never opened for this)."""
    if source == "-" or "://" in source:
        return False
    try:
        if not stat.S_ISREG(os.stat(source).st_mode):
            return False
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            return looks_like_feed(handle.read(SNIFF))
    except OSError:
        return False
