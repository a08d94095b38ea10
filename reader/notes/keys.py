"""How an article is recognised: its source spelled one way, and its text's hash.

Invariant: these are the only spellings of an article's source and content hash; the
store (`reader.notes.model`, which re-exports both) and the first frame's peek at the
saved place (`reader.notes.peek`) use them alike. This module imports only `os` and
`urllib.parse` (`hashlib`, OpenSSL's library, when a text is hashed): the peek runs
before the first frame, and the store's model (dataclasses, `uuid`, anchors) can wait.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit


def normalise_source(source: str) -> str:
    """One spelling per source: absolute paths, URLs without fragment or case noise."""
    if source in ("", "-"):
        return source
    parts = urlsplit(source)
    if parts.scheme in ("http", "https"):
        path = parts.path.rstrip("/") or "/"
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
    return os.path.abspath(os.path.expanduser(source))


HASH_CHUNK = 1 << 18
"""Characters encoded at a time for `content_hash`."""


def content_hash(text: str) -> str:
    """SHA-256 of the canonical text, hex."""
    import hashlib  # see the module's docstring

    # A piece at a time: the UTF-8 of a 30 MB book at once is 37 MB more in the UI
    # process, and the digest of the pieces' bytes is the digest of the whole.
    digest = hashlib.sha256()
    for start in range(0, len(text), HASH_CHUNK):
        digest.update(text[start : start + HASH_CHUNK].encode("utf-8"))
    return digest.hexdigest()
