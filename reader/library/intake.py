"""Putting analyses into the library: from `reader add`'s workers and from the TUI.

Invariant: an article enters the library registered in the note store under the
note store's id for it (found by source, else by text, as `NoteStore.open_article`
does, without moving the reader's place), with its analysis replacing any older one;
an article already stored for the same text by the current rules is left untouched,
in both stores (adding twice is a no-op). The text of every version added or opened is
kept once (`reader.library.snapshots`: one file per new hash, written where the
analysis ran), so `reader refresh` has the last text to compare with.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from reader.analysis.model import Analysis
from reader.errors import ReaderError
from reader.library import model, searchfeed
from reader.library.entry import ArticleEntry
from reader.library.library import Library
from reader.library.model import StoredAnalysis
from reader.library.snapshots import Snapshots, snapshot_folder
from reader.notes.model import Article, content_hash, normalise_source, now


def prepare(analysis: Analysis) -> StoredAnalysis:
    """The analysis as the library keeps it, made where the analysis ran (a worker):
    only this small record crosses back. `article_id` is left empty and `source` is the
    document's own (`settle` fills in both)."""
    document = analysis.document
    return StoredAnalysis.from_analysis(
        analysis,
        article_id="",
        content_hash=content_hash(document.text),
        source=document.source,
        outlet=None,
        added=now(),
    )


def prepare_kept(folder: Path, analysis: Analysis) -> StoredAnalysis:
    """`prepare`, keeping the document's text in the snapshot `folder` first if no file of
    its hash is there (one stat, at most one unsynced write, in the worker that has the
    text; `add` makes the batch's texts durable before it stores their analyses).
    Bind `folder` with `functools.partial` to pass it as a worker's `finish`."""
    Snapshots(folder).keep(analysis.document.text, durable=False)  # `add` settles them
    return prepare(analysis)


def outlet_of(document_source: str, origin: str) -> str | None:
    """Who published an article: the source its metadata names ("Baltic Courier"), else a
    URL's host without `www.`, else None (a bare file path names no outlet)."""
    named = " ".join(document_source.split())
    origin_normal = normalise_source(origin)
    is_place = named in ("", "-", origin, origin_normal) or "/" in named or "\\" in named
    if not is_place and len(named) <= 120:
        return named
    parts = urlsplit(origin)
    if parts.scheme in ("http", "https") and parts.hostname:
        host = parts.hostname
        return host[4:] if host.startswith("www.") else host
    return None


@dataclass
class Intake:
    """What one `add` did."""

    added: list[StoredAnalysis] = field(default_factory=list)
    """Articles new to the library."""
    updated: list[StoredAnalysis] = field(default_factory=list)
    """Articles stored before, re-analysed (changed text or older rules)."""
    unchanged: int = 0
    """Articles already stored for the same text: nothing done."""


def add(
    library: Library,
    prepared: Sequence[tuple[str, StoredAnalysis]],
    before: Sequence[ArticleEntry] | None = None,
    *,
    link: bool = True,
) -> Intake:
    """Store `prepared` (origin, `prepare`d analysis) pairs: register them in the note
    store in one write, then save their analyses in one commit.

    Args:
        library: Where they go.
        prepared: What `prepare` made of each, with the source it was read from.
        before: The library's articles before (default: asked now); a caller adding in
            batches passes what it had at the start, so a batch costs no cache sync.
        link: Bring the cache up to date now (a caller adding in batches does it once,
            after the last: linking looks at the whole library).
    """
    intake = Intake()
    known = library.articles() if before is None else before
    current = {(e.source, e.content_hash): e for e in known}
    fresh: list[tuple[str, StoredAnalysis]] = []
    for origin, stored in prepared:
        entry = current.get((normalise_source(origin), stored.content_hash))
        if entry is not None and entry.version == model.ANALYSIS_VERSION:
            intake.unchanged += 1
        else:
            fresh.append((origin, stored))
    if not fresh:
        return intake
    articles = library.store.register_articles(
        [(origin, stored.content_hash, stored.title) for origin, stored in fresh]
    )
    settled: dict[str, StoredAnalysis] = {}
    for (origin, stored), article in zip(fresh, articles, strict=True):
        settled[article.id] = settle(stored, origin, article)
    stored_before = {entry.id for entry in known}
    for article_id, stored in settled.items():
        (intake.updated if article_id in stored_before else intake.added).append(stored)
    snapshots = Snapshots(snapshot_folder(library.db))
    snapshots.settle(stored.content_hash for stored in settled.values())  # see prepare_kept
    library.save(settled.values(), link=link)
    searchfeed.feed(
        library.db, list(settled.values()), _kept_text(snapshots), library.warnings.append
    )
    return intake


def _kept_text(snapshots: Snapshots) -> searchfeed.Texts:
    def text(digest: str) -> str | None:
        try:
            return snapshots.text(digest)
        except ReaderError:
            return None

    return text


def settle(stored: StoredAnalysis, origin: str, article: Article) -> StoredAnalysis:
    """A `prepare`d analysis under its note store article."""
    return replace(
        stored,
        article_id=article.id,
        source=article.source,
        outlet=outlet_of(stored.source, origin),
    )


def store_opened(library: Library, analysis: Analysis, article: Article, origin: str) -> bool:
    """Keep the analysis of an article open in the TUI (registered by its notes already);
    False when it was stored for this text by these rules (nothing written then, but
    the text's snapshot if none was kept: `reader.library.snapshots`)."""
    try:  # the text is kept for `reader refresh`; not keeping it never stops the analysis
        Snapshots(snapshot_folder(library.db), library.warnings.append).keep(analysis.document.text)
    except ReaderError as error:
        library.warnings.append(str(error))
    stored = prepare(analysis)
    if library.is_current(article.id, stored.content_hash):
        return False
    settled = settle(stored, origin, article)
    library.save([settled])
    text = analysis.document.text
    searchfeed.feed(library.db, [settled], lambda _digest: text, library.warnings.append)
    return True


def keep_opened(
    db: str | os.PathLike[str] | None, analysis: Analysis, article: Article, origin: str
) -> str | None:
    """`store_opened` for the TUI's worker thread: never raises; returns the one warning
    to show when the analysis could not be kept (the reading goes on either way)."""
    library = Library(db)
    try:
        store_opened(library, analysis, article, origin)
    except ReaderError as error:
        return f"Not kept in the library: {error}"
    except Exception as error:  # noqa: BLE001 - a bug here must never end the reading
        return f"Not kept in the library (internal error: {type(error).__name__})"
    finally:
        library.close()
    return library.warnings[0] if library.warnings else None
