"""Helpers for the cross-article tests: short articles analysed for real, linked by name.

`stored(text)` runs the real loader and rule analysis and keeps what the library keeps;
`by_name(...)` is the simplest honest linker (same kind and canonical name), standing in
for the library's entity linking, which the cross-article algorithms take as an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reader.analysis import analyze
from reader.document.loader import load_text
from reader.library.model import StoredAnalysis, StoredClaim
from reader.notes.model import article_id_for, content_hash


def stored(text: str, source: str = "article.md") -> StoredAnalysis:
    """`text` (Markdown with front matter) analysed and stored as the library would."""
    document = load_text(text, source=source)
    return StoredAnalysis.from_analysis(
        analyze(document),
        article_id=article_id_for(source, document.text),
        content_hash=content_hash(document.text),
        source=source,
        outlet=None,
        added="2026-12-01T00:00:00+00:00",
    )


def article(title: str, date: str, *paragraphs: str) -> str:
    """A Markdown article with front matter."""
    body = "\n\n".join(paragraphs)
    return f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n"


def by_name(analyses: Iterable[StoredAnalysis]) -> Callable[[str, str], str | None]:
    """Link entities by kind and canonical name (None for an id the article lacks)."""
    keys = {
        (a.article_id, e.id): f"{e.kind}:{e.name.lower()}" for a in analyses for e in a.entities
    }
    return lambda article_id, entity_id: keys.get((article_id, entity_id))


def claim_with(analysis: StoredAnalysis, words: str) -> StoredClaim:
    """The one claim of `analysis` whose content contains `words`."""
    found = [c for c in analysis.claims if words in c.content]
    assert len(found) == 1, (words, [c.content for c in analysis.claims])
    return found[0]
