"""The reader's verdicts on one article's claims, for the side panel.

Invariant: a verdict is stored with the claim's anchor (quote + position), so
it follows the claim's words when the article is edited; `VerdictBook` maps
verdicts to the current text's spans and changes memory only after the store
has saved. Plain Python: the TUI calls `set` / `cycle` from a thread worker.
`reanchor` stores the verdicts' new anchors when an article's text changed (`reader
refresh`); a verdict whose claim is gone keeps its last anchor (never deleted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reader.notes.anchor import anchor_for, place
from reader.notes.model import VERDICTS, Article, Verdict
from reader.notes.store import NoteStore

LABELS = {
    "supported": "✓ supported",
    "disputed": "⚠ disputed",
    "false": "✗ false",
    "needs-checking": "? needs checking",
}
"""How each verdict is shown beside a claim."""


def next_verdict(current: str | None) -> str | None:
    """The verdict after `current` in the cycle none → supported → ... → none."""
    cycle: list[str | None] = [None, *VERDICTS]
    return cycle[(cycle.index(current) + 1) % len(cycle)]


class VerdictBook:
    """Verdicts of one article keyed by the claim span they sit on now."""

    def __init__(self, store: NoteStore, article: Article, text: str, pages: Sequence[int] = ()):
        """Load the article's verdicts and place them on `text`; ``pages``: its page map
        (`Document.pages`), so a verdict on a PDF says its page."""
        self.store = store
        self.article = article
        self.text = text
        self.pages = pages
        self._by_span: dict[tuple[int, int], Verdict] = {}
        for verdict in store.verdicts(article.id):
            found = place(verdict.anchor, text)
            if found is not None:
                self._by_span[(found.start, found.end)] = verdict

    def get(self, start: int, end: int) -> str | None:
        """The verdict on the claim at `start..end`, if any."""
        verdict = self._by_span.get((start, end))
        return verdict.verdict if verdict else None

    def set(self, start: int, end: int, verdict: str | None, claim_id: str | None = None) -> None:
        """Save (or with None clear) the verdict on the claim at `start..end`."""
        old = self._by_span.get((start, end))
        anchor = old.anchor if old else anchor_for(self.text, start, end, self.pages)
        saved = self.store.set_verdict(self.article.id, anchor, verdict, claim_id)
        if saved is None:
            self._by_span.pop((start, end), None)
        else:
            self._by_span[(start, end)] = saved

    def cycle(self, start: int, end: int, claim_id: str | None = None) -> str | None:
        """Move the claim's verdict to the next one in the cycle; return it."""
        verdict = next_verdict(self.get(start, end))
        self.set(start, end, verdict, claim_id)
        return verdict

    def all(self) -> dict[tuple[int, int], str]:
        """Every placed verdict by claim span."""
        return {span: verdict.verdict for span, verdict in self._by_span.items()}


def reanchor(
    store: NoteStore, article_id: str, text: str, pages: Sequence[int] = ()
) -> list[Verdict]:
    """Place the article's verdicts on its new `text` (page map ``pages``) and store the
    anchors that moved, in one durable write; returns the verdicts that fit nowhere (kept
    as they were)."""
    moved: list[Verdict] = []
    lost: list[Verdict] = []
    for verdict in store.verdicts(article_id):
        found = place(verdict.anchor, text)
        if found is None or found.end <= found.start:
            lost.append(verdict)
            continue
        anchor = anchor_for(text, found.start, found.end, pages)
        if anchor != verdict.anchor:
            moved.append(replace(verdict, anchor=anchor))
    store.save_verdict_anchors(article_id, moved)
    return lost
