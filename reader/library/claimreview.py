"""The reader's verdicts as schema.org ClaimReview JSON-LD (`reader claims --format claimreview`).

Invariant: one `ClaimReview` per claim that has a verdict, nothing invented: the claim's
words are `claimReviewed`, the claimant is the library entity the claim is attributed to
(else the article's own source words, else left out), and `reviewRating` carries the
verdict by name (`alternateName`) on a 1-5 scale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reader.library.ledger import LedgerClaim

RATINGS = {"false": 1, "disputed": 2, "needs-checking": 3, "supported": 5}
"""Each verdict's `ratingValue` (worst 1, best 5)."""
TYPES = {"person": "Person", "org": "Organization", "place": "Place"}

KindOf = Callable[[str], str | None]
"""The kind of the library entity with this name, if known."""


def claim_reviews(claims: Sequence[LedgerClaim], kind_of: KindOf) -> dict[str, Any]:
    """A JSON-LD document of the ClaimReviews of the `claims` that have a verdict."""
    return {
        "@context": "https://schema.org",
        "@graph": [_review(claim, kind_of) for claim in claims if claim.verdict in RATINGS],
    }


def _review(claim: LedgerClaim, kind_of: KindOf) -> dict[str, Any]:
    verdict = claim.verdict or ""
    article = claim.article
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
    if "://" in article.source:
        appearance["url"] = article.source
    if article.date:
        appearance["datePublished"] = article.date
    if article.outlet:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet}
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    claimant = claim.source or claim.source_words
    if claimant:
        kind = kind_of(claim.source) if claim.source else None
        item["author"] = {"@type": TYPES.get(kind or "", "Thing"), "name": claimant}
    return {
        "@type": "ClaimReview",
        "claimReviewed": claim.content,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS[verdict],
            "worstRating": 1,
            "bestRating": 5,
            "alternateName": verdict,
        },
    }
