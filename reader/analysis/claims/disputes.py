"""Linking a denial or contrary statement to the earlier claims it disputes.

Invariant: a claim only disputes earlier claims, from a different source,
that share an entity with it and lie within a bounded window; candidates are
found through a per-entity index of recent claims, so linking is linear in
the number of claims. A claim's keys are the entities its content names
plus its own source ("Reed denied selling" answers claims about Reed).

A denial, or a statement with contrary words (no, not, never, only...),
disputes an earlier claim when: the denial names nothing and the claim is
about the denier ("Varga denied any conflict of interest"); or they share two
keys and the earlier claim is a report or allegation, or the speaker is who
it was about and denies outright ("I have had no business with Salis"); or
they share a topic word (`cues_topics.txt` groups "contact", "spoke",
"conversation") and the statement is a denial or the earlier claim a report.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence

from reader.analysis.model import Claim
from reader.analysis.topic_words import READ_CHARS, topic_stems
from reader.analysis.wordlists import word_group

WINDOW = 25
"""How many recent claims per entity a dispute may reach back to."""
CONTRARY = word_group("contrary")


_CONTRARY_RE = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in CONTRARY} | {"'", "\u2019"})) + "])"
    r"(?:['\u2019]t\b|(?<!\w)(?:"
    + "|".join(sorted(CONTRARY, key=lambda w: (-len(w), w)))  # the same text in every process
    + r")\b)",
    re.IGNORECASE,
)


_DENYING = re.compile(r"n['\u2019]t\b|\b(?:no|not|never|none|nothing|false|untrue)\b", re.I)
"""Words that deny outright; "only" or "once" contradict only what they share a topic with."""


def _contrary(text: str) -> bool:
    """True when the words of `text` contradict (no, not, never, only...)."""
    return _CONTRARY_RE.search(text) is not None


def link_disputes(text: str, claims: Sequence[Claim]) -> list[tuple[str, ...]]:
    """For each claim, the ids of the earlier claims it disputes."""
    recent: dict[str, deque[int]] = {}
    topics = _Topics(text, claims)
    out: list[tuple[str, ...]] = []
    for i, claim in enumerate(claims):
        if not _any_recent(claim, recent):
            out.append(())  # no earlier claim shares an entity: nothing to dispute
        else:
            start, end = claim.content
            denial = "denial" in claim.tags
            contrary = denial or _contrary(text[start : min(end, start + READ_CHARS)])
            out.append(_disputed(i, claims, recent, topics, denial) if contrary else ())
        for ent in set(claim.entities):
            kept = recent.get(ent)
            if kept is None:  # not `setdefault`, which builds a deque every time
                kept = recent[ent] = deque(maxlen=WINDOW)
            kept.append(i)
    return out


def _any_recent(claim: Claim, recent: dict[str, deque[int]]) -> bool:
    """Whether a recent claim shares one of `claim`'s entities or its source: without one,
    `_disputed` finds nothing, so the content is not read (a third of a novel's claims)."""
    if claim.source is not None and recent.get(claim.source):
        return True
    return any(recent.get(ent) for ent in claim.entities)


class _Topics:
    """Content-word stems per claim, computed only for the claims a dispute compares."""

    def __init__(self, text: str, claims: Sequence[Claim]) -> None:
        """Prepare to compare the claims of `text`."""
        self.text = text
        self.claims = claims
        self.cache: dict[int, frozenset[str]] = {}

    def content(self, i: int) -> str:
        """The content text of claim `i` (its first `READ_CHARS` characters)."""
        start, end = self.claims[i].content
        return self.text[start : min(end, start + READ_CHARS)]

    def __getitem__(self, i: int) -> frozenset[str]:
        """The stems of claim `i`'s content words, without its source's words."""
        if i not in self.cache:
            claim = self.claims[i]
            content = self.content(i)
            self.cache[i] = topic_stems(content) - _names(claim, self.text)
        return self.cache[i]


def _names(claim: Claim, text: str) -> frozenset[str]:
    """Stems of the source words, so a shared name is not taken for a shared topic."""
    if claim.source_span is None:
        return frozenset()
    return topic_stems(text[claim.source_span[0] : claim.source_span[1]])


def _disputed(
    i: int,
    claims: Sequence[Claim],
    recent: dict[str, deque[int]],
    stems: _Topics,
    denial: bool,
) -> tuple[str, ...]:
    """The earlier claims that claim `i` (a denial or contrary statement) disputes."""
    claim = claims[i]
    strong: bool | None = denial or None  # whether it denies outright, read when needed
    shared: dict[int, int] = {}
    keys = set(claim.entities) | ({claim.source} if claim.source else set())
    for ent in keys:
        for j in recent.get(ent, ()):
            shared[j] = shared.get(j, 0) + 1
    picked = []
    for j, count in sorted(shared.items()):
        other = claims[j]
        if _same_source(claim, other) or "denial" in other.tags:
            continue
        report = _is_report(other)
        about_denier = denial and not claim.entities and claim.source in other.entities
        if not about_denier and count >= 2 and not report and strong is None:
            strong = _DENYING.search(stems.content(i)) is not None
        if (
            about_denier
            or (count >= 2 and (report or (strong and claim.source in other.entities)))
            or ((denial or report) and stems[i] & stems[j])
        ):
            picked.append(other.id)
    return tuple(picked)


def _same_source(a: Claim, b: Claim) -> bool:
    """True when both claims come from the same entity."""
    return a.source is not None and a.source == b.source


def _is_report(claim: Claim) -> bool:
    """True for claims a denial typically answers: reports and allegations."""
    return "reported" in claim.tags or "alleged" in claim.tags
