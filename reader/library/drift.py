"""Quote drift: one speaker's quote worded differently in different articles.

Invariant: a `Drift` pairs two quotes (tag `quote`) from different articles whose
sources are the same library entity, whose words differ (compared case-folded, without
punctuation, so house style is not drift) and whose word sequences are near-identical:
difflib's ratio on the words >= `MIN_RATIO`, so a re-worded or trimmed quote is aligned
and a different quote is not. Identical wordings are one version: each speaker's
versions are compared by their earliest quote (article date, then library order),
`before` being the earlier. `ops` cover both quotes in order, so joining the `equal`
and `removed` words gives `before` and the `equal` and `added` words gives `after`.
Candidates are pairs of versions sharing enough words (an inverted index per speaker),
so a prolific speaker costs what their near-duplicates cost, not all pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from reader.library.model import ClaimRef, StoredAnalysis

MIN_RATIO = 0.75
"""difflib ratio 2M/(|a|+|b|) of the two word sequences needed to align them. From the
examples in tests/unit/test_drift.py: a word changed in a twenty-word quote scores 0.96,
a phrase replaced 0.89, a clause dropped 0.79, "no ... never" turned into "a ...
always" 0.78 (exactly what should stand out); the first half of a quote alone scores
0.72 (outlets quote fragments all the time: that is not drift) and another quote on
the same subject below 0.25."""
MAX_WORDS = 400
"""Words of a quote compared at most (difflib's cost grows with the product of lengths)."""
MIN_WORDS = 4
"""Quotes shorter than this ("No comment") are too short to tell drift from chance."""
PREFILTER = 0.5
"""Dice on word sets below which difflib is not even run (it cannot reach MIN_RATIO...
nearly: word sets bound the ratio from above only loosely, so this is set low)."""

Link = Callable[[str, str], str | None]
OpKind = Literal["equal", "removed", "added"]
_QUOTES = "\"'“”‘’«»„‚"
_PUNCT = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class WordOp:
    """A run of words both quotes share, or that only `before` / only `after` has."""

    kind: OpKind
    words: str


@dataclass(frozen=True, slots=True)
class Drift:
    """Two wordings of one speaker's quote, and their word differences."""

    speaker: str
    """The library key of who is quoted."""
    before: ClaimRef
    after: ClaimRef
    before_text: str
    after_text: str
    ops: tuple[WordOp, ...]
    ratio: float

    def render(self) -> str:
        """The differences inline: `-removed-` and `+added+` among the shared words.

        Article text: show it through `reader.safe_text` (`one_line`), like any other.
        """
        marks = {"equal": "{}", "removed": "-{}-", "added": "+{}+"}
        return " ".join(marks[op.kind].format(op.words) for op in self.ops)


@dataclass(frozen=True, slots=True)
class _Quote:
    ref: ClaimRef
    order: tuple[str, int, int]
    """(date or "~", article position, claim position): earliest first, undated last."""
    text: str
    words: tuple[str, ...]
    keys: tuple[str, ...]


def drifts(analyses: Sequence[StoredAnalysis], link: Link) -> list[Drift]:
    """Every drift in `analyses`, by speaker then by the earlier quote."""
    by_speaker: dict[str, list[_Quote]] = {}
    for position, analysis in enumerate(analyses):
        for i, claim in enumerate(analysis.claims):
            if "quote" not in claim.tags or claim.source is None:
                continue
            speaker = link(analysis.article_id, claim.source)
            quote = _quote(analysis, position, i)
            if speaker is not None and quote is not None:
                by_speaker.setdefault(speaker, []).append(quote)
    found: list[Drift] = []
    for speaker in sorted(by_speaker):
        found.extend(_speaker_drifts(speaker, by_speaker[speaker]))
    return found


def word_ops(before: Sequence[str], after: Sequence[str]) -> tuple[WordOp, ...]:
    """The word-level differences of two word sequences (case and punctuation ignored)."""
    a_keys, b_keys = [word_key(w) for w in before], [word_key(w) for w in after]
    return _ops(SequenceMatcher(None, a_keys, b_keys, autojunk=False), before, after)


def _ops(
    matcher: SequenceMatcher[str], before: Sequence[str], after: Sequence[str]
) -> tuple[WordOp, ...]:
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", " ".join(after[j1:j2])))
            continue
        if i2 > i1:
            ops.append(WordOp("removed", " ".join(before[i1:i2])))
        if j2 > j1:
            ops.append(WordOp("added", " ".join(after[j1:j2])))
    return tuple(ops)


def _speaker_drifts(speaker: str, quotes: list[_Quote]) -> list[Drift]:
    versions: dict[tuple[str, ...], list[_Quote]] = {}
    for quote in sorted(quotes, key=lambda q: q.order):
        versions.setdefault(quote.keys, []).append(quote)
    firsts = [group[0] for group in versions.values()]
    sets = [frozenset(q.keys) for q in firsts]
    by_word: dict[str, list[int]] = {}
    out: list[Drift] = []
    for j, quote in enumerate(firsts):
        shared = Counter(i for w in sets[j] for i in by_word.get(w, ()))
        for i, common in sorted(shared.items()):
            if 2 * common / (len(sets[i]) + len(sets[j])) < PREFILTER:
                continue
            drift = _drift(speaker, versions[firsts[i].keys], versions[quote.keys])
            if drift is not None:
                out.append(drift)
        for word in sets[j]:
            by_word.setdefault(word, []).append(j)
    return out


def _drift(speaker: str, earlier: list[_Quote], later: list[_Quote]) -> Drift | None:
    """The earliest pair of quotes of the two versions in different articles, if close."""
    pair = next(
        ((b, a) for b in earlier for a in later if b.ref.article_id != a.ref.article_id), None
    )
    if pair is None:
        return None
    before, after = pair
    matcher = SequenceMatcher(None, before.keys, after.keys, autojunk=False)
    ratio = matcher.ratio()
    if ratio < MIN_RATIO:
        return None
    return Drift(
        speaker=speaker,
        before=before.ref,
        after=after.ref,
        before_text=before.text,
        after_text=after.text,
        ops=_ops(matcher, before.words, after.words),
        ratio=round(ratio, 3),
    )


def _quote(analysis: StoredAnalysis, position: int, i: int) -> _Quote | None:
    claim = analysis.claims[i]
    text = claim.content.strip().strip(_QUOTES + ",. ").strip()
    text = " ".join(text.split())
    words = tuple(text.split()[:MAX_WORDS])
    text = " ".join(words)
    keys = tuple(word_key(w) for w in words)
    if sum(1 for k in keys if any(c.isalnum() for c in k)) < MIN_WORDS:
        return None
    order = (analysis.date or "~", position, i)
    return _Quote(ClaimRef(analysis.article_id, claim.id), order, text, words, keys)


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """A word as compared: case-folded, punctuation gone (a bare dash stays itself)."""
    return _PUNCT.sub("", word.casefold().replace("\u2019", "'")) or word
