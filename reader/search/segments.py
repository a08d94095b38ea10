"""Segments: the index's files, each a complete set of postings for the scopes it owns.

Invariant: a segment owns scopes, `(article id, kind)` pairs with the signature of
what it indexed (a note-store file's `[inode, mtime_ns, size]`, a text's or a claim
list's hash); of all segments holding a scope, the newest one (by name) owns it, and
only its postings and documents for that scope count. So a change is one new small
segment (a delta), never a rewrite, and segments are merged later (`merge`).

Two shapes on disk, both JSON written whole and renamed into place:

- a delta, one file `deltas/d-<time_ns>-<unique>.json` holding everything
  (`articles`, `scopes`, `dates`, `docs`, `postings`);
- the base, a directory `base-<unique>/`: `meta.json` (articles, scopes, dates),
  `p-NNN.bin` postings sharded by the term's CRC-32 (`reader.search.shard`: only the
  terms asked for are decoded), `d-NNN.json` documents sharded
  by article, so a query reads the meta, one shard per word and the documents of the
  results it shows, never the whole index.

A file that does not parse or has the wrong shape raises `Damaged`.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from reader.search.docs import (
    CLAIM,
    MAX_DOCS,
    MAX_TITLE,
    NOTE,
    TEXT,
    ClaimDoc,
    NoteDoc,
    Postings,
    PostingsBuilder,
    claim_fields,
    make_ref,
    note_fields,
)
from reader.search.fold import terms
from reader.search.shard import Row, Shard, ShardError, list_rows
from reader.search.shard import encode as encode_shard

VERSION = 1
"""Format of the index files; another version is rebuilt."""
SHARDS = 256
"""Postings shards of the base (by CRC-32 of the term)."""
DOC_SHARDS = 128
"""Document shards of the base (by CRC-32 of the article id)."""
SCOPE_NAMES = {TEXT: "text", NOTE: "notes", CLAIM: "claims"}


class Damaged(Exception):
    """An index file that is there but cannot be used (cut short, not JSON, wrong shape)."""


class Entry:
    """What to index for one article: the scopes given (None: not this segment's).

    (Plain classes here and in `docs`, `query`, `rank`: a dataclass compiles its methods
    at import, 20 ms of every `reader search`.)"""

    def __init__(
        self,
        article_id: str,
        title: str = "",
        source: str = "",
        date: str = "",
        notes: Sequence[NoteDoc] | None = None,
        notes_sig: list[int] | None = None,
        text: str | None = None,
        text_sig: str = "",
        claims: Sequence[ClaimDoc] | None = None,
        claims_sig: str = "",
    ) -> None:
        self.article_id, self.title, self.source, self.date = article_id, title, source, date
        self.notes = notes
        self.notes_sig = notes_sig
        """The note-store file's signature when `notes` were read (None: no file)."""
        self.text, self.text_sig = text, text_sig
        self.claims, self.claims_sig = claims, claims_sig


class SegmentData:
    """A segment in memory (what a delta file holds, and the base's parts together)."""

    def __init__(
        self,
        articles: list[str] | None = None,
        scopes: dict[str, dict[str, Any]] | None = None,
        dates: dict[str, str] | None = None,
        docs: dict[str, dict[str, Any]] | None = None,
        postings: Postings | None = None,
        count: int = 0,
    ) -> None:
        self.articles: list[str] = articles if articles is not None else []
        self.scopes: dict[str, dict[str, Any]] = scopes if scopes is not None else {}
        self.dates: dict[str, str] = dates if dates is not None else {}
        self.docs: dict[str, dict[str, Any]] = docs if docs is not None else {}
        self.postings: Postings = postings if postings is not None else {}
        self.count = count

    def to_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "articles": self.articles,
            "scopes": self.scopes,
            "dates": self.dates,
            "docs": self.docs,
            "postings": self.postings,
            "count": self.count,
        }


def build(entries: Iterable[Entry]) -> SegmentData:
    """A segment owning the scopes the entries give."""
    data = SegmentData()
    builder = PostingsBuilder()
    for number, entry in enumerate(entries):
        aid = entry.article_id
        data.articles.append(aid)
        scopes: dict[str, Any] = {}
        docs: dict[str, Any] = {
            "title": entry.title[:MAX_TITLE],
            "source": entry.source[:MAX_TITLE],
        }
        if entry.text is not None:
            scopes["text"] = entry.text_sig
            builder.add_text(make_ref(number, TEXT, 0), terms(entry.text))
        if entry.notes is not None:
            scopes["notes"] = entry.notes_sig
            notes = list(entry.notes)[:MAX_DOCS]
            docs["notes"] = [note.row() for note in notes]
            for idx, note in enumerate(notes):
                builder.add_fields(make_ref(number, NOTE, idx), note_fields(note), note.tags)
        if entry.claims is not None:
            scopes["claims"] = entry.claims_sig
            claims = list(entry.claims)[:MAX_DOCS]
            docs["claims"] = [claim.row() for claim in claims]
            for idx, claim in enumerate(claims):
                builder.add_fields(make_ref(number, CLAIM, idx), claim_fields(claim), claim.tags)
        data.scopes[aid] = scopes
        data.dates[aid] = entry.date
        data.docs[aid] = docs
    data.postings, data.count = builder.postings, builder.count
    return data


# -- reading ------------------------------------------------------------------------


def read_json(path: Path) -> Any:
    """A JSON file's value; `Damaged` if it does not parse (FileNotFoundError passes)."""
    return _parse(path.read_bytes(), path.name)


def _parse(raw: bytes, name: str) -> Any:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Damaged(f"{name} is not valid JSON, perhaps cut short") from error


def _checked(value: Any, name: str, keys: Iterable[str]) -> dict[str, Any]:
    if not isinstance(value, dict) or value.get("version") != VERSION:
        raise Damaged(f"{name} is not an index file of this version")
    for key in keys:
        if key not in value:
            raise Damaged(f"{name} lacks '{key}'")
    if not isinstance(value["articles"], list) or not isinstance(value["scopes"], dict):
        raise Damaged(f"{name} has the wrong shape")
    return value


class Segment:
    """A segment as a query reads it: articles, scopes, dates; postings and docs on demand."""

    name: str
    articles: list[str]
    scopes: dict[str, dict[str, Any]]
    dates: dict[str, str]
    count: int

    def postings(self, term: str) -> list[Row]:
        """The posting rows of `term` (all, owned or not)."""
        raise NotImplementedError

    def docs(self, article_id: str) -> dict[str, Any]:
        """The documents entry of an article (title, source, notes, claims)."""
        raise NotImplementedError


class Delta(Segment):
    """A delta file, read whole."""

    def __init__(self, path: Path) -> None:
        raw = path.read_bytes()
        self.size = len(raw)
        value = _checked(
            _parse(raw, path.name), path.name, ("articles", "scopes", "postings", "docs")
        )
        self.name = path.name
        self.path = path
        self.articles, self.scopes = value["articles"], value["scopes"]
        self.dates, self.count = value.get("dates", {}), int(value.get("count", 0))
        self._docs: dict[str, dict[str, Any]] = value["docs"]
        self._postings: Postings = value["postings"]

    def postings(self, term: str) -> list[Row]:
        return list_rows(self._postings.get(term, []))

    def docs(self, article_id: str) -> dict[str, Any]:
        return self._docs.get(article_id, {})

    def data(self) -> SegmentData:
        return SegmentData(
            self.articles, self.scopes, self.dates, self._docs, self._postings, self.count
        )


class Base(Segment):
    """The base directory: the meta read now, shards when first asked for."""

    def __init__(self, folder: Path) -> None:
        meta = _checked(read_json(folder / "meta.json"), "meta.json", ("articles", "scopes"))
        self.name = ""  # older than every delta
        self.folder = folder
        self.articles, self.scopes = meta["articles"], meta["scopes"]
        self.dates, self.count = meta.get("dates", {}), int(meta.get("count", 0))
        self._shards: dict[int, Shard] = {}
        self._doc_shards: dict[int, dict[str, dict[str, Any]]] = {}

    def postings(self, term: str) -> list[Row]:
        number = shard_of(term, SHARDS)
        if number not in self._shards:
            self._shards[number] = self._shard(number)
        try:
            return self._shards[number].rows(term)
        except ShardError as error:
            raise Damaged(f"p-{number:03d}.bin: {error}") from error

    def _shard(self, number: int) -> Shard:
        try:
            return Shard((self.folder / f"p-{number:03d}.bin").read_bytes())
        except ShardError as error:
            raise Damaged(f"p-{number:03d}.bin: {error}") from error

    def docs(self, article_id: str) -> dict[str, Any]:
        shard = shard_of(article_id, DOC_SHARDS)
        if shard not in self._doc_shards:
            self._doc_shards[shard] = self._read(f"d-{shard:03d}.json")
        return self._doc_shards[shard].get(article_id, {})

    def _read(self, name: str) -> dict[str, Any]:
        value = read_json(self.folder / name)
        if not isinstance(value, dict):
            raise Damaged(f"{name} has the wrong shape")
        return value

    def data(self) -> SegmentData:
        """Everything, for a merge."""
        postings: Postings = {}
        for number in range(SHARDS):
            try:
                postings.update(self._shard(number).all())
            except ShardError as error:
                raise Damaged(f"p-{number:03d}.bin: {error}") from error
        docs: dict[str, dict[str, Any]] = {}
        for shard in range(DOC_SHARDS):
            docs.update(self._read(f"d-{shard:03d}.json"))
        return SegmentData(self.articles, self.scopes, self.dates, docs, postings, self.count)


def shard_of(key: str, shards: int) -> int:
    """The shard of a term or an article id (stable across processes, unlike `hash`)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % shards


def base_files(data: SegmentData) -> dict[str, bytes]:
    """The files of a base directory holding `data`."""
    meta = {
        "version": VERSION,
        "articles": data.articles,
        "scopes": data.scopes,
        "dates": data.dates,
        "count": data.count,
    }
    files = {"meta.json": _dump(meta)}
    shards: list[Postings] = [{} for _ in range(SHARDS)]
    for term, rows in data.postings.items():
        shards[shard_of(term, SHARDS)][term] = rows
    for number, shard in enumerate(shards):
        files[f"p-{number:03d}.bin"] = encode_shard(shard)
    doc_shards: list[dict[str, Any]] = [{} for _ in range(DOC_SHARDS)]
    for aid, docs in data.docs.items():
        doc_shards[shard_of(aid, DOC_SHARDS)][aid] = docs
    for number, doc_shard in enumerate(doc_shards):
        files[f"d-{number:03d}.json"] = _dump(doc_shard)
    return files


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def dump(data: SegmentData) -> bytes:
    """A delta file's bytes."""
    return _dump(data.to_json())


# -- merging ------------------------------------------------------------------------


def owners(segments: Sequence[Segment], first: int = 0) -> dict[tuple[str, str], int]:
    """For each scope `(article id, scope name)`, the index of the segment owning it
    (numbered from `first`)."""
    found: dict[tuple[str, str], int] = {}
    for number, segment in enumerate(segments, start=first):  # oldest first: the last wins
        for aid, scopes in segment.scopes.items():
            for scope in scopes:
                found[(aid, scope)] = number
    return found


def merge(parts: Sequence[tuple[Segment, SegmentData]]) -> SegmentData:
    """One segment owning every scope of `parts` (oldest first), as its owner had it."""
    owner = owners([segment for segment, _ in parts])
    merged = SegmentData()
    numbers: dict[str, int] = {}
    for _, data in parts:
        for aid in data.articles:
            if aid not in numbers:
                numbers[aid] = len(merged.articles)
                merged.articles.append(aid)
    for s, (_, data) in enumerate(parts):
        remap = [numbers[aid] for aid in data.articles]
        owned = {
            number << 2 | kind
            for number, aid in enumerate(data.articles)
            for kind, scope in SCOPE_NAMES.items()
            if owner.get((aid, scope)) == s
        }
        for term, rows in data.postings.items():
            kept = [
                [remap[row[0] >> 20] << 20 | (row[0] & 0xFFFFF), *row[1:]]
                for row in rows
                if row[0] >> 18 in owned
            ]
            if kept:
                merged.postings.setdefault(term, []).extend(kept)
        for aid, scopes in data.scopes.items():
            target = merged.scopes.setdefault(aid, {})
            docs = merged.docs.setdefault(aid, {})
            given = data.docs.get(aid, {})
            for scope, sig in scopes.items():
                if owner.get((aid, scope)) == s:
                    target[scope] = sig
                    if scope in ("notes", "claims"):
                        docs[scope] = given.get(scope, [])
            if given.get("title") or given.get("source") or "title" not in docs:
                docs["title"], docs["source"] = given.get("title", ""), given.get("source", "")
            if data.dates.get(aid) or aid not in merged.dates:
                merged.dates[aid] = data.dates.get(aid, "")
    merged.count = _count_docs(merged)
    return merged


def _count_docs(data: SegmentData) -> int:
    total = 0
    for aid, scopes in data.scopes.items():
        docs = data.docs.get(aid, {})
        total += ("text" in scopes) + len(docs.get("notes", [])) + len(docs.get("claims", []))
    return total
