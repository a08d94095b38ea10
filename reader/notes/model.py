"""What the note store holds: articles, notes and verdicts on claims.

Invariant: records are frozen and JSON-round-trip exactly through
`to_dict` / `from_dict`; times are ISO 8601 UTC strings; every offset (anchor,
reading position) is a character offset into the article's canonical text,
never a screen row, so it survives a different terminal width.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from reader.notes.anchor import Anchor

VERDICTS = ("supported", "disputed", "false", "needs-checking")
"""The reader's verdicts on a claim, in the order a key cycles through them."""

_TAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")


def now() -> str:
    """The current time as an ISO 8601 UTC string (microseconds kept for ordering)."""
    return datetime.now(UTC).isoformat()


def new_id() -> str:
    """A fresh random record id."""
    return uuid.uuid4().hex


def parse_tags(body: str) -> tuple[str, ...]:
    """The `#tags` written in a note body, lower-cased, first occurrence order."""
    tags: dict[str, None] = {}
    for match in _TAG.finditer(body):
        tags.setdefault(match.group(1).lower(), None)
    return tuple(tags)


def normalise_source(source: str) -> str:
    """One spelling per source: absolute paths, URLs without fragment or case noise."""
    if source in ("", "-"):
        return source
    parts = urlsplit(source)
    if parts.scheme in ("http", "https"):
        path = parts.path.rstrip("/") or "/"
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
    return os.path.abspath(os.path.expanduser(source))


def content_hash(text: str) -> str:
    """SHA-256 of the canonical text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for(source: str, text: str) -> str:
    """The id a new article gets: normalised source plus content hash.

    The id is fixed at creation; later edits of the file change the stored
    `content_hash`, not the id (the store finds the article by its source).
    """
    key = f"{normalise_source(source)}\0{content_hash(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """An article the reader has opened."""

    id: str
    """Stable id (see `article_id_for`)."""
    source: str
    """Normalised source: absolute path, URL, or `-` for stdin."""
    title: str = ""
    """Title shown in the library."""
    content_hash: str = ""
    """Hash of the text last opened, to notice edits."""
    created: str = ""
    """When first opened."""
    last_opened: str = ""
    """When last opened."""
    position: int = 0
    """Reading position: a character offset into the canonical text."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of `to_dict` (unknown keys ignored)."""
        return cls(**{key: data[key] for key in _fields(cls) if key in data})


@dataclass(frozen=True, slots=True)
class Note:
    """A note the reader wrote on a span of an article."""

    id: str
    """Record id."""
    article_id: str
    """The article it belongs to."""
    anchor: Anchor
    """Where it sits (position and quote selectors)."""
    body: str
    """What the reader wrote."""
    tags: tuple[str, ...] = ()
    """Tags parsed from `#tags` in the body."""
    created: str = ""
    """When written."""
    updated: str = ""
    """When last edited."""

    def edited(self, body: str) -> Note:
        """This note with a new body, its tags re-parsed and `updated` set."""
        return replace(self, body=body, tags=parse_tags(body), updated=now())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        data = asdict(self)
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        """Inverse of `to_dict`."""
        return cls(
            id=data["id"],
            article_id=data["article_id"],
            anchor=Anchor.from_dict(data["anchor"]),
            body=data.get("body", ""),
            tags=tuple(data.get("tags", ())),
            created=data.get("created", ""),
            updated=data.get("updated", ""),
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """The reader's verdict on a claim, anchored like a note."""

    id: str
    """Record id."""
    article_id: str
    """The article it belongs to."""
    anchor: Anchor
    """The claim's span when the verdict was given."""
    verdict: str
    """One of `VERDICTS`."""
    claim_id: str | None = None
    """The analysis' claim id at that time (a hint; the anchor is authoritative)."""
    created: str = ""
    """When first given."""
    updated: str = ""
    """When last changed."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Room for later fields without a schema bump."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        """Inverse of `to_dict`."""
        values = {key: data[key] for key in _fields(cls) if key in data}
        values["anchor"] = Anchor.from_dict(data["anchor"])
        return cls(**values)


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(cls.__dataclass_fields__)  # type: ignore[attr-defined]
