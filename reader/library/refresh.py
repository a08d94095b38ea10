"""Stealth edits: fetch a stored article again and say what changed since the last fetch.

Invariant: refreshing one article either fails with one message and changes nothing,
or, when the text changed, (1) keeps the new text (`reader.library.snapshots`) before
anything else is written, (2) stores its new analysis through the library's intake
(old claims replaced, the note store's entry given the new hash), (3) places the
article's notes and verdicts on the new text through the notes layer's re-anchoring
(`ArticleNotes`, `verdicts.reanchor`), storing their new anchors; a note that fits
nowhere is marked an orphan and kept, never deleted, and (4) lists the sentences
added, removed and altered against the last kept text (`reader.library.changes`).
An unchanged text writes nothing but a first snapshot when none was kept. Plain
Python, on the caller's thread; everything it returns is article text, shown only
through `reader.safe_text`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from reader.errors import ReaderError
from reader.library import intake, model
from reader.library.changes import Change, Piece, sentences
from reader.library.changes import changes as diff
from reader.library.entry import ArticleEntry
from reader.library.library import Library
from reader.library.snapshots import HASH, Snapshots, snapshot_folder
from reader.notes.model import Article, Note, content_hash

if TYPE_CHECKING:
    from reader.document.model import Document

Status = Literal["changed", "unchanged", "error"]


@dataclass(frozen=True, slots=True)
class Orphan:
    """A note that the new text no longer holds."""

    note: Note
    sentence: str | None
    """The sentence of the last kept text it sat in (None when no text was kept)."""


@dataclass
class Refreshed:
    """What refreshing one article found."""

    article: Article
    status: Status
    changes: list[Change] = field(default_factory=list)
    """Quotes altered first, then the rest in the order of the new text."""
    orphans: list[Orphan] = field(default_factory=list)
    """Notes that became orphans with this fetch."""
    lost_verdicts: int = 0
    """Verdicts whose claim the new text no longer holds (kept as they were)."""
    first_kept: bool = False
    """No earlier text was kept (an article stored before snapshots); this one is now."""
    local: bool = False
    """A local file (changed on disk), not a URL."""
    error: str | None = None


def is_local(source: str) -> bool:
    """Whether an article's source is a local file (not a URL, not stdin)."""
    return source not in ("", "-") and "://" not in source


class Refresher:
    """Refreshes articles of one library (shared snapshot store, linking done once)."""

    def __init__(self, library: Library) -> None:
        """Refresh articles of `library` (its note store holds their notes)."""
        self.library = library
        self.snapshots = Snapshots(snapshot_folder(library.db), library.warnings.append)
        self.stored_any = False
        """Whether an analysis was stored (the caller then links once: `finish`)."""

    @cached_property
    def entries(self) -> dict[str, ArticleEntry]:
        """The library's articles by id, as they were before this refresh (asked once)."""
        return {entry.id: entry for entry in self.library.articles()}

    def last_hash(self, article: Article) -> str:
        """The hash of the text last stored for `article` (library, else note store)."""
        stored = self.entries.get(article.id)
        return stored.content_hash if stored is not None else article.content_hash

    def is_current(self, article: Article, digest: str) -> bool:
        """Whether the library holds `article` analysed from this text by today's rules."""
        stored = self.entries.get(article.id)
        return (
            stored is not None
            and stored.content_hash == digest
            and stored.version == model.ANALYSIS_VERSION
        )

    def refresh(self, article: Article, *, only_if_changed: bool = False) -> Refreshed | None:
        """Fetch `article` again and bring everything to its new text (module doc).

        Args:
            article: The note store's article (its source is fetched).
            only_if_changed: Return None for an unchanged text (local files in `--all`).
        """
        from reader.document import load

        if article.source in ("", "-"):
            return Refreshed(article, "error", error="read from stdin: cannot be fetched again")
        local = is_local(article.source)
        if local and not os.path.exists(article.source):
            return Refreshed(
                article, "error", local=True, error=f"the file is gone: {article.source}"
            )
        try:
            document = load(article.source)
        except ReaderError as error:
            return Refreshed(article, "error", local=local, error=str(error))
        text, old_hash = document.text, self.last_hash(article)
        if content_hash(text) == old_hash:
            current = self.is_current(article, old_hash)
            if only_if_changed and current:
                return None
            first = self.snapshots.keep(text)
            if not current:  # not in the library yet, or analysed by older rules
                failed = self._store(article, document)
                if failed is not None:
                    return Refreshed(article, "error", local=local, error=failed)
            return Refreshed(article, "unchanged", first_kept=first, local=local)
        old_text = self.snapshots.text(old_hash) if HASH.fullmatch(old_hash) else None
        self.snapshots.keep(text)
        failed = self._store(article, document)
        if failed is not None:
            return Refreshed(article, "error", local=local, error=failed)
        return self._changed(article, document, old_text, local)

    def _store(self, article: Article, document: Document) -> str | None:
        """Analyse the new text and store it through the intake (old claims replaced);
        the one-line error when the analysis failed (a bug: nothing is stored)."""
        from reader.analysis import analyze

        try:
            analysis = analyze(document)
        except ReaderError as error:
            return str(error)
        except Exception as error:  # noqa: BLE001 - a bug in one article: the rest go on
            return f"internal error in the analysis ({type(error).__name__})"
        intake.add(self.library, [(article.source, intake.prepare(analysis))], link=False)
        self.stored_any = True
        return None

    def _changed(
        self, article: Article, document: Document, old_text: str | None, local: bool
    ) -> Refreshed:
        from reader.notes.session import ArticleNotes
        from reader.notes.verdicts import reanchor

        store = self.library.store
        before = {note.id: note.orphan for note in store.notes(article.id)}
        placed = ArticleNotes(store, article, document.text, document.pages).placed
        lost = reanchor(store, article.id, document.text, document.pages)
        found = diff(old_text, document.text) if old_text is not None else []
        found.sort(key=lambda change: not (change.kind == "altered" and change.quoted))
        old_pieces = sentences(old_text) if old_text is not None else []
        orphans = [
            Orphan(p.note, _sentence_of(p.note, old_text, old_pieces))
            for p in placed
            if p.span is None and not before.get(p.note.id, False)
        ]
        return Refreshed(article, "changed", found, orphans, len(lost), old_text is None, local)

    def finish(self) -> None:
        """Link the entities across the library once, if any analysis was stored."""
        if self.stored_any:
            self.library.sync()
            self.stored_any = False


def summary(result: Refreshed) -> str:
    """One line on what a refresh found, after the article's name: "unchanged since the
    last fetch", "changed: 1 quote altered, 1 sentence added; 1 note orphaned", or the
    error. Article text is not in it (only counts), so it needs no cutting."""
    if result.status == "error":
        return f"not refreshed: {result.error}"
    if result.status == "unchanged":
        return "unchanged since the last fetch" + (" (its text is kept now)" * result.first_kept)
    counts: dict[str, int] = {}
    for change in result.changes:
        kind = f"{'quote' if change.quoted else 'sentence'} {change.kind}"
        counts[kind] = counts.get(kind, 0) + 1
    order = sorted(counts, key=lambda k: (not k.startswith("quote"), k))
    parts = [_count(counts[k], *k.split()) for k in order]
    said = ", ".join(parts) if parts else "only spacing changed"
    if result.first_kept:
        said = "changed; no earlier text was kept to compare with"
    if result.orphans:
        said += f"; {_count(len(result.orphans), 'note', 'orphaned')}"
    if result.lost_verdicts:
        lost = result.lost_verdicts
        gone = "its claim" if lost == 1 else "their claims"
        said += f"; {_count(lost, 'verdict', 'kept')}, {gone} gone"
    return f"changed: {said}"


def _count(n: int, noun: str, what: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''} {what}"


def _sentence_of(note: Note, old_text: str | None, pieces: list[Piece]) -> str | None:
    """The sentence of the old text the note's anchor sat in, if the old text is kept."""
    anchor = note.anchor
    if old_text is None or old_text[anchor.start : anchor.end] != anchor.exact:
        return None
    covering = [p.text for p in pieces if p.start < anchor.end and anchor.start < p.end]
    return " ".join(covering) or None
