"""What the index holds about one article, as plain data, and how it becomes postings.

Invariant: a document is named by one integer `ref` within a segment:
`article_no << 20 | kind << 18 | idx` (kind `TEXT`, `NOTE` or `CLAIM`; idx the note's
or claim's place in its article's list), and a posting list is `[[ref, p1, p2, ...]]`
in ref order. Positions of a note or a claim carry their field in the high bits
(`field << 16 | token`: a note's body is field 0, its quote field 1; a claim's
content field 0, its source field 1), so a phrase never runs across fields and a
match is found again in the right string. Tags are terms `#tag` without positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from reader.search.fold import fold_tag, terms

TEXT, NOTE, CLAIM = 0, 1, 2
KINDS = {"text": TEXT, "notes": NOTE, "claims": CLAIM}
"""Scope names (also the `--in` choices) to kinds."""
KIND_NAMES = {TEXT: "text", NOTE: "note", CLAIM: "claim"}
MAX_DOCS = 1 << 18
"""Notes (or claims) of one article indexed at most; more are left out of search."""
FIELD = 16
"""Bits of a note's or claim's token position below its field number."""
MAX_FIELD_TOKENS = (1 << FIELD) - 1
MAX_TITLE = 300
"""Characters of a title or source kept in the index."""

Postings = dict[str, list[list[int]]]


class ClaimDoc(NamedTuple):
    """A claim as search sees it (the library passes these to `index_article`)."""

    id: str
    """The analysis' claim id within its article (`c1`)."""
    start: int
    """Where the claim's highlighted text starts in the article text."""
    end: int
    """Where it ends (exclusive)."""
    text: str
    """The highlighted text."""
    content: str
    """What is claimed (searched, with the source name and the tags)."""
    source: str | None = None
    """The source's name ("Ana Ruiz", "The Post"), if known."""
    tags: tuple[str, ...] = ()
    """The analysis' tags (`reported`, `denial`, ...)."""

    def row(self) -> list[Any]:
        """The JSON row kept in the index."""
        return [
            self.id,
            self.start,
            self.end,
            self.text,
            self.content,
            self.source,
            list(self.tags),
        ]

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> ClaimDoc:
        """Inverse of `row` (raises TypeError/ValueError on a malformed row)."""
        cid, start, end, text, content, source, tags = row
        if not (isinstance(start, int) and isinstance(end, int)):
            raise TypeError("claim offsets must be whole numbers")
        return cls(
            str(cid),
            start,
            end,
            str(text),
            str(content),
            None if source is None else str(source),
            tuple(str(t) for t in tags),
        )


class NoteDoc(NamedTuple):
    """A note as search sees it (read from the note store's article file)."""

    id: str
    body: str
    quote: str
    """The text the note is anchored on."""
    tags: tuple[str, ...]
    start: int
    """The anchor's start offset in the article text."""
    end: int
    updated: str = ""

    def row(self) -> list[Any]:
        """The JSON row kept in the index."""
        return [self.id, self.body, self.quote, list(self.tags), self.start, self.end, self.updated]

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> NoteDoc:
        """Inverse of `row`."""
        nid, body, quote, tags, start, end, updated = row
        if not (isinstance(start, int) and isinstance(end, int)):
            raise TypeError("note offsets must be whole numbers")
        return cls(
            str(nid), str(body), str(quote), tuple(str(t) for t in tags), start, end, str(updated)
        )


def note_fields(note: NoteDoc) -> tuple[list[str], ...]:
    """A note's searched fields: its body, then the text it is anchored on."""
    return terms(note.body), terms(note.quote)


def claim_fields(claim: ClaimDoc) -> tuple[list[str], ...]:
    """A claim's searched fields: what is claimed (else its text), then its source."""
    return terms(claim.content or claim.text), terms(claim.source or "")


class PostingsBuilder:
    """Collects the postings of documents added in ref order."""

    def __init__(self) -> None:
        self.postings: Postings = {}
        self.count = 0
        """Documents added."""

    def add_text(self, ref: int, words: Iterable[str]) -> None:
        """A document of one field whose positions are plain token numbers."""
        self._add(ref, set(), enumerate(words))

    def add_fields(self, ref: int, fields: Sequence[list[str]], tags: Iterable[str]) -> None:
        """A note or claim: fields of words, and tags."""

        def positions() -> Iterable[tuple[int, str]]:
            for number, words in enumerate(fields):
                for token, word in enumerate(words[:MAX_FIELD_TOKENS]):
                    yield number << FIELD | token, word

        self._add(ref, {f"#{fold_tag(tag)}" for tag in tags if fold_tag(tag)}, positions())

    def _add(self, ref: int, tags: set[str], words: Iterable[tuple[int, str]]) -> None:
        self.count += 1
        seen: dict[str, list[int]] = {}
        get = seen.get
        for position, word in words:  # the hot loop of a rebuild (faster than setdefault)
            found = get(word)
            if found is None:
                seen[word] = [ref, position]
            else:
                found.append(position)
        for tag in tags:
            seen[tag] = [ref]
        postings = self.postings
        for word, row in seen.items():
            postings.setdefault(word, []).append(row)


def make_ref(article_no: int, kind: int, idx: int) -> int:
    """The ref of document `idx` of `kind` in article number `article_no`."""
    return article_no << 20 | kind << 18 | idx


def split_ref(ref: int) -> tuple[int, int, int]:
    """`(article_no, kind, idx)` of a ref."""
    return ref >> 20, (ref >> 18) & 3, ref & (MAX_DOCS - 1)
