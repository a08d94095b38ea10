"""Cross-article disputes: a denial in one article linked to the claims it denies in others.

Invariant: a denial D (tag `denial`) disputes a claim C of *another* article when
  1. C is not itself a denial and does not come from D's source (same library key);
  2. D is about what C is about: every person D's content names (or, naming no person,
     every organisation and place; or, naming none, every entity it names, such as a
     nationality or a product; or, naming nothing, D's own source: "Verin denied any
     contact") is among C's entities, by library key (an entity the library cannot
     link matches nothing). A nationality qualifies, it does not identify: "denied
     meeting Russian officials at the Kremlin" is about the Kremlin;
  3. they share a topic word: the stems of `reader.analysis.topic_words`, so
     "no regular contact" answers "held conversations" exactly as within an article
     (`reader.library.topics`; a claim read from the ledger cache brings them along, worked out
     when it was stored, so comparing claims loads the analysis layer only for a claim
     without them).
Across articles there is no nearness to lean on, so condition 2 is stricter than the
within-article rule: a denial that Verin met Holm-Nielsen does not answer a report that
Verin met Vendelbo. Candidates come from a per-entity index (the rarest of D's required
keys), and denials are filed by (entity, topic word), so linking costs the size of
the smallest bucket per denial and a few look-ups per claim, not all pairs.
`DisputeIndex.add` links one new article against everything added before, in both
directions (`replace` takes a re-analysed article's old claims out first);
`cross_disputes` over a library is the same index filled one article at a time, so
the two never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.library.model import ClaimRef, StoredAnalysis, StoredClaim
from reader.library.topics import claim_topics

Link = Callable[[str, str], str | None]
"""(article id, article-local entity id) -> library entity key, or None when unknown."""


@dataclass(frozen=True, slots=True)
class _Indexed:
    """One claim as the index compares it: library keys and topic stems."""

    ref: ClaimRef
    order: tuple[int, int]
    """(article's position in the index, claim's position in the article): output order."""
    entities: frozenset[str]
    source: str | None
    stems: frozenset[str]
    required: frozenset[str]
    """For a denial, the keys a disputed claim must all be about (condition 2)."""
    denial: bool


class DisputeIndex:
    """Every added article's claims by library entity, to link denials across articles."""

    def __init__(self, link: Link) -> None:
        """An empty index resolving entities through `link`."""
        self._link = link
        self._claims: dict[str, list[_Indexed]] = {}
        """Library key -> non-denial claims about it."""
        self._denials: dict[tuple[str, str], list[_Indexed]] = {}
        """(library key, topic stem) -> denials requiring that key (each filed under its
        rarest key when added) and using that stem: a new claim meets only the denials
        that share an entity and a topic word with it."""
        self._denials_per_key: Counter[str] = Counter()
        self._articles: dict[str, int] = {}
        self._filed: dict[str, list[tuple[list[_Indexed], _Indexed]]] = {}
        """Article id -> the buckets its claims were filed in (to take them out again)."""
        self._rarest: dict[str, list[str]] = {}
        """Article id -> the keys its denials were counted under."""
        self._added = 0

    def __len__(self) -> int:
        """How many articles have been added."""
        return len(self._articles)

    def add(self, analysis: StoredAnalysis) -> dict[ClaimRef, tuple[ClaimRef, ...]]:
        """Add one article; return the new links (denial -> denied), in either article.

        Adding an article id already present does nothing and returns no links: a changed
        article goes through `replace`.
        """
        if analysis.article_id in self._articles:
            return {}
        position = self._added
        self._added += 1
        self._articles[analysis.article_id] = position
        items = _indexed(analysis, position, self._link)
        found: dict[ClaimRef, list[_Indexed]] = {}
        for item in items:
            if item.denial:
                hits = [c for c in self._candidates(item) if _disputes(item, c)]
                if hits:
                    found.setdefault(item.ref, []).extend(hits)
            else:
                for denial in self._denials_about(item):
                    if _disputes(denial, item):
                        found.setdefault(denial.ref, []).append(item)
        for item in items:
            self._file(item)
        return {ref: _ordered(targets) for ref, targets in found.items()}

    def remove(self, article_id: str) -> None:
        """Take an article's claims out of the index (nothing if it is not there)."""
        if self._articles.pop(article_id, None) is None:
            return
        for bucket, item in self._filed.pop(article_id, []):
            bucket.remove(item)
        for key in self._rarest.pop(article_id, []):
            self._denials_per_key[key] -= 1

    def replace(self, analysis: StoredAnalysis) -> dict[ClaimRef, tuple[ClaimRef, ...]]:
        """Re-add a changed (re-analysed) article: its old claims out, the new ones in."""
        self.remove(analysis.article_id)
        return self.add(analysis)

    def _candidates(self, denial: _Indexed) -> list[_Indexed]:
        """The claims filed under the rarest key the denial requires."""
        buckets = [self._claims.get(key, []) for key in denial.required]
        return min(buckets, key=len) if buckets else []

    def _denials_about(self, claim: _Indexed) -> Iterable[_Indexed]:
        """Earlier denials sharing an entity and a topic word with the claim, once each."""
        seen: dict[ClaimRef, _Indexed] = {}
        for key in claim.entities:
            for stem in claim.stems:
                for denial in self._denials.get((key, stem), ()):
                    seen.setdefault(denial.ref, denial)
        return seen.values()

    def _file(self, item: _Indexed) -> None:
        buckets: list[list[_Indexed]] = []
        if not item.denial:
            buckets = [self._claims.setdefault(key, []) for key in item.entities]
        elif item.required:
            rarest = min(item.required, key=self._denials_per_key.__getitem__)
            self._denials_per_key[rarest] += 1
            self._rarest.setdefault(item.ref.article_id, []).append(rarest)
            buckets = [self._denials.setdefault((rarest, stem), []) for stem in item.stems]
        filed = self._filed.setdefault(item.ref.article_id, [])
        for bucket in buckets:
            bucket.append(item)
            filed.append((bucket, item))


def cross_disputes(
    analyses: Sequence[StoredAnalysis], link: Link
) -> dict[ClaimRef, tuple[ClaimRef, ...]]:
    """Every denial in `analyses` -> the claims of other articles it disputes.

    Denied claims are listed in the order of `analyses`, then of the article's claims.
    """
    index = DisputeIndex(link)
    links: dict[ClaimRef, list[ClaimRef]] = {}
    for analysis in analyses:
        # A denial's earlier targets come when it is added, later ones as their articles
        # are: so each list is already in library order.
        for denial, targets in index.add(analysis).items():
            links.setdefault(denial, []).extend(targets)
    return {denial: tuple(targets) for denial, targets in links.items()}


Asked = tuple[str, StoredClaim, Mapping[str, str], Sequence[tuple[str, StoredClaim]]]
"""One denial to test: its article id, the claim, the kinds of its article's entities (by
article-local id) and the candidates, (article id, claim) pairs."""


def denial_disputes(asked: Iterable[Asked], link: Link) -> list[list[tuple[str, StoredClaim]]]:
    """For each denial asked, the candidates it disputes, in the order given: the test
    `DisputeIndex` makes (conditions 1-3), without indexing the candidates' articles
    (each candidate is keyed once, however many denials meet it). A caller that passes
    every claim about the rarest entity a denial requires gets what `cross_disputes`
    links it to (`reader.library.across` asks so for `reader claims`)."""
    keys: dict[tuple[str, str], str | None] = {}
    seen: dict[tuple[str, str], _Indexed] = {}

    def key_in(article: str) -> Callable[[str], str | None]:
        def key(local: str) -> str | None:
            if (article, local) not in keys:
                keys[(article, local)] = link(article, local)
            return keys[(article, local)]

        return key

    def indexed(article: str, claim: StoredClaim) -> _Indexed:
        item = seen.get((article, claim.id))
        if item is None:
            key = key_in(article)
            linked = frozenset(k for k in map(key, claim.entities) if k is not None)
            source = key(claim.source) if claim.source else None
            item = seen[(article, claim.id)] = _Indexed(
                ClaimRef(article, claim.id), (0, 0), linked, source, _topic(claim),
                frozenset(), False,
            )  # fmt: skip
        return item

    out: list[list[tuple[str, StoredClaim]]] = []
    for article_id, denial, kinds, candidates in asked:
        own = key_in(article_id)
        source = own(denial.source) if denial.source else None
        required = _required(denial, dict(kinds), own, source)
        item = _Indexed(ClaimRef(article_id, denial.id), (0, 0), frozenset(), source,
                        _topic(denial), required, True)  # fmt: skip
        out.append(
            [
                (article, claim)
                for article, claim in candidates
                if required
                and article != article_id
                and "denial" not in claim.tags
                and _disputes(item, indexed(article, claim))
            ]
        )
    return out


def disputed_by(
    links: dict[ClaimRef, tuple[ClaimRef, ...]],
) -> dict[ClaimRef, tuple[ClaimRef, ...]]:
    """The reverse of `cross_disputes`: a claim -> the denials that dispute it."""
    reverse: dict[ClaimRef, list[ClaimRef]] = {}
    for denial, targets in links.items():
        for target in targets:
            reverse.setdefault(target, []).append(denial)
    return {claim: tuple(denials) for claim, denials in reverse.items()}


def _disputes(denial: _Indexed, claim: _Indexed) -> bool:
    """Conditions 1-3 of the module invariant (the cheapest, most selective tests first)."""
    return (
        not denial.stems.isdisjoint(claim.stems)
        and bool(denial.required)
        and denial.required <= claim.entities
        and denial.ref.article_id != claim.ref.article_id
        and not claim.denial
        and (denial.source is None or denial.source != claim.source)
    )


def _ordered(targets: list[_Indexed]) -> tuple[ClaimRef, ...]:
    unique = {t.ref: t for t in targets}
    return tuple(t.ref for t in sorted(unique.values(), key=lambda t: t.order))


def _indexed(analysis: StoredAnalysis, position: int, link: Link) -> list[_Indexed]:
    """The article's claims with their library keys (unlinked entities dropped)."""
    article = analysis.article_id
    kinds = {e.id: e.kind for e in analysis.entities}
    keys: dict[str, str | None] = {}

    def key(local: str) -> str | None:
        if local not in keys:
            keys[local] = link(article, local)
        return keys[local]

    out = []
    for i, claim in enumerate(analysis.claims):
        denial = "denial" in claim.tags
        linked = frozenset(k for k in map(key, claim.entities) if k is not None)
        source = key(claim.source) if claim.source else None
        out.append(
            _Indexed(
                ref=ClaimRef(article, claim.id),
                order=(position, i),
                entities=linked,
                source=source,
                stems=_topic(claim),
                required=_required(claim, kinds, key, source) if denial else frozenset(),
                denial=denial,
            )
        )
    return out


def denial_targets(named: Sequence[str], kinds: Mapping[str, str]) -> list[str]:
    """Which of the entities a denial's content names (article-local ids, `kinds` by id)
    condition 2 requires of what it disputes: its people, else its organisations and
    places, else all it names (empty: it names nothing, and its source stands in)."""
    people = [e for e in named if kinds.get(e) == "person"]
    bodies = [e for e in named if kinds.get(e) in ("org", "place")]
    return people or bodies or list(named)


def _required(
    claim: StoredClaim,
    kinds: dict[str, str],
    key: Callable[[str], str | None],
    source: str | None,
) -> frozenset[str]:
    """Condition 2's keys; a required entity the library cannot link makes it unmatchable."""
    chosen = denial_targets(claim.entities, kinds)
    if not chosen:
        return frozenset({source}) if source else frozenset()
    linked = [key(e) for e in chosen]
    if any(k is None for k in linked):
        return frozenset()
    return frozenset(k for k in linked if k is not None)


def _topic(claim: StoredClaim) -> frozenset[str]:
    """Condition 3's stems: those the claim brings, else worked out now."""
    if claim.topics is not None:
        return frozenset(claim.topics)
    return frozenset(claim_topics(claim.content, claim.source_words))
