"""Shared by the search tests: a store with articles and notes, and short queries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.notes import observe
from reader.search import _notes_changed, search, watch

TEXT = "The agency reported a leak. Officials denied it on Monday. A review is due."
OTHER = "The ferry company raised its fares. Passengers complained at Élan Bay."


@pytest.fixture
def watching() -> Iterator[None]:
    """The note-store hook on (as the TUI and `reader notes` have it), off afterwards."""
    watch()
    yield
    observe.unsubscribe(_notes_changed)


def found(db: Path | str | None, query: str, fresh: bool = True, **options: object) -> list:
    """`(kind, note/claim id or article id)` of each result."""
    hits = search(db, query, fresh=fresh, **options).hits  # type: ignore[arg-type]
    return [(hit.kind, hit.ref or hit.article_id) for hit in hits]
