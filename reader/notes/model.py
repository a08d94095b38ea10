"""What the note store holds: articles, notes and verdicts on claims.

Invariant: records are frozen and JSON-round-trip exactly through
`to_dict` / `from_dict`; times are ISO 8601 UTC strings; every offset (anchor,
reading position) is a character offset into the article's canonical text,
never a screen row, so it survives a different terminal width.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from reader.notes import VERDICTS as VERDICTS  # re-exported: their names live there
from reader.notes.anchor import Anchor
from reader.notes.keys import content_hash as content_hash
from reader.notes.keys import normalise_source as normalise_source

ARTICLE_ID = re.compile(r"[0-9a-f]{16}")
"""The only shape an article id has (see `article_id_for`); ids name files, so nothing else
is ever accepted as one (an id like `../../tmp/x` would be a path)."""

_TAG = re.compile(r"(?<![\w#])#(\w[\w-]*)")


def is_article_id(value: object) -> bool:
    """Whether `value` is an article id of the store's own format (16 lower-case hex digits)."""
    return isinstance(value, str) and ARTICLE_ID.fullmatch(value) is not None


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


def article_id_for(source: str, text: str) -> str:
    """The id a new article gets: normalised source plus content hash.

    The id is fixed at creation; later edits of the file change the stored
    `content_hash`, not the id (the store finds the article by its source).
    """
    return article_id_from_hash(normalise_source(source), content_hash(text))


def article_id_from_hash(normal_source: str, digest: str) -> str:
    """`article_id_for` from a normalised source and the text's `content_hash`."""
    key = f"{normal_source}\0{digest}"
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
        """Inverse of `to_dict` (unknown keys ignored).

        Raises:
            TypeError: if a field has the wrong type.
        """
        values = {key: data[key] for key in _fields(cls) if key in data}
        position = values.get("position", 0)
        if not isinstance(position, int) or isinstance(position, bool):
            raise TypeError("article position must be a whole number")
        for key, value in values.items():
            if key != "position":
                _text(value)
        return cls(**values)


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
    orphan: bool = False
    """Whether the note could not be placed on the article's text when it was last opened
    (its anchor is then the last one that fitted, kept so it can be found again)."""

    def edited(self, body: str) -> Note:
        """This note with a new body, its tags re-parsed and `updated` set."""
        return replace(self, body=body, tags=parse_tags(body), updated=now())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (built by hand: `dataclasses.asdict` was most of an import's time)."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "anchor": self.anchor.to_dict(),
            "body": self.body,
            "tags": list(self.tags),
            "created": self.created,
            "updated": self.updated,
            "orphan": self.orphan,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        """Inverse of `to_dict`.

        Raises:
            TypeError: if a field has the wrong type (a row the store then skips and
                reports, instead of crashing every view later).
        """
        tags = data.get("tags", [])
        if not isinstance(tags, list | tuple) or not all(isinstance(t, str) for t in tags):
            raise TypeError("note tags must be a list of text")
        orphan = data.get("orphan", False)
        if not isinstance(orphan, bool):
            raise TypeError("note orphan flag must be true or false")
        return cls(
            id=_text(data["id"]),
            article_id=_text(data["article_id"]),
            anchor=Anchor.from_dict(data["anchor"]),
            body=_text(data.get("body", "")),
            tags=tuple(tags),
            created=_text(data.get("created", "")),
            updated=_text(data.get("updated", "")),
            orphan=orphan,
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


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(cls.__dataclass_fields__)  # type: ignore[attr-defined]
