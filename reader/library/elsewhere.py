"""What other articles in the library say about one article's claims (for its panel).

Invariant: computed from the stored analysis of the article (so only once the library
keeps it) through `Library` answers: for each claim, the denials in other articles that
dispute it, the claims of other articles it disputes, and the closest verdict the reader
gave on the same claim in another article. Claims with none of these are left out, so an
article nobody else talks about costs an empty dict.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.library.ledger import Dispute
from reader.library.library import Library
from reader.library.recall import Recalled


@dataclass(frozen=True, slots=True)
class Elsewhere:
    """One claim as other articles see it."""

    disputed_in: tuple[Dispute, ...] = ()
    """Denials in other articles that dispute this claim."""
    disputes: tuple[Dispute, ...] = ()
    """Claims in other articles this denial disputes."""
    recalled: Recalled | None = None
    """The reader's verdict on the same claim in another article, if any."""


def elsewhere(library: Library, article_id: str) -> dict[str, Elsewhere]:
    """Claim id -> what other articles say about it, for the stored article `article_id`."""
    entry = library.across.entries([article_id]).get(article_id)
    stored = library.across.analysis(entry) if entry is not None else None
    if stored is None or not stored.claims:
        return {}
    forward, backward = library.across.links((article_id, c.id) for c in stored.claims)
    recalled = library.recall([c.content for c in stored.claims], article_id)
    found: dict[str, Elsewhere] = {}
    for claim, recall in zip(stored.claims, recalled, strict=True):
        key = (article_id, claim.id)
        if key in forward or key in backward or recall is not None:
            found[claim.id] = Elsewhere(
                disputed_in=tuple(backward.get(key, ())),
                disputes=tuple(forward.get(key, ())),
                recalled=recall,
            )
    return found
