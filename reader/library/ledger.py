"""The ledger's records: a claim across the library, with its article, names and verdict.

Invariant: plain frozen values built from stored analyses and the note store's
verdicts; `to_json` gives the `reader claims --json` object. Names are
library entity names (linked across articles), never article-local ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from reader.library.entry import ArticleEntry

if TYPE_CHECKING:
    from reader.notes.model import Verdict


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article a claim is in, as the ledger shows it."""

    id: str
    """The note store's article id."""
    title: str
    source: str
    """Where it was read from (path or URL)."""
    outlet: str | None
    date: str | None

    @classmethod
    def of(cls, entry: ArticleEntry) -> ArticleRef:
        """The reference of an indexed article."""
        return cls(entry.id, entry.title, entry.source, entry.outlet, entry.date)

    def to_json(self) -> dict[str, Any]:
        """`{"id", "title", "source", "outlet", "date"}`."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "outlet": self.outlet,
            "date": self.date,
        }


@dataclass(frozen=True, slots=True)
class Dispute:
    """A claim that one claim disputes, and where it is."""

    article: ArticleRef
    claim: str
    """The disputed claim's id in its article."""
    text: str

    def to_json(self) -> dict[str, Any]:
        """`{"article": {...}, "claim": id, "text": ...}`."""
        return {"article": self.article.to_json(), "claim": self.claim, "text": self.text}


@dataclass(frozen=True, slots=True)
class LedgerClaim:
    """One claim of one article, as the ledger lists it."""

    article: ArticleRef
    id: str
    """The claim's id in its article (`c3`)."""
    start: int
    end: int
    """Where it is in the article's text (to open the article there)."""
    text: str
    content: str
    tags: tuple[str, ...]
    source: str | None
    """The library entity the claim is attributed to, if resolved."""
    source_words: str | None
    """The words naming the source in the article ("she", "a spokesman")."""
    about: tuple[str, ...]
    """Library entities the claim's content names."""
    verdict: str | None
    """The reader's verdict, from the note store."""
    disputes: tuple[Dispute, ...]

    def to_json(self) -> dict[str, Any]:
        """The `reader claims --json` object of this claim."""
        return {
            "article": self.article.to_json(),
            "id": self.id,
            "text": self.text,
            "content": self.content,
            "tags": list(self.tags),
            "source": self.source,
            "source_words": self.source_words,
            "about": list(self.about),
            "verdict": self.verdict,
            "disputes": [d.to_json() for d in self.disputes],
        }


def by_article(disputes: Sequence[Dispute]) -> list[tuple[ArticleRef, int]]:
    """Each article among `disputes` once, in the order first met, with how many of
    the disputes are in it (a denial answering three claims of one article is one
    line about that article, not three)."""
    found: dict[str, tuple[ArticleRef, int]] = {}
    for dispute in disputes:
        ref, count = found.get(dispute.article.id, (dispute.article, 0))
        found[dispute.article.id] = (ref, count + 1)
    return list(found.values())


def verdict_on(text: str, start: int, claim_id: str, verdicts: Sequence[Verdict]) -> str | None:
    """The reader's verdict on the claim with these words at `start`: one anchored on its
    exact words, preferring the one at its place, then the one given to its id (the anchor
    decides, the id only breaks ties)."""
    same = [v for v in verdicts if v.anchor.exact == text]
    if not same:
        return None
    best = min(same, key=lambda v: (v.anchor.start != start, v.claim_id != claim_id))
    return best.verdict


def with_disputes(
    claims: Sequence[LedgerClaim], extra: Mapping[tuple[str, str], Sequence[Dispute]]
) -> list[LedgerClaim]:
    """`claims` with disputes found across articles added, keyed by (article id, claim id)."""
    if not extra:
        return list(claims)
    out = []
    for claim in claims:
        found = extra.get((claim.article.id, claim.id), ())
        # Most claims dispute nothing in their own article: no comparisons to make then.
        own = claim.disputes
        more = tuple(d for d in found if d not in own) if own else tuple(found)
        out.append(replace(claim, disputes=claim.disputes + more) if more else claim)
    return out
