"""Fuzzy quote matching: find an edited quote again, fast, in a long text.

Invariant: `fuzzy_find` returns a span of `text` (half-open offsets) whose
content resembles the quote, or `None`; it never scans the whole text with an
edit distance. Short exact pieces ("seeds") of prefix + quote + suffix are
looked up with `str.find`, each occurrence votes for where the quote would
start, and only the best-voted candidate windows are compared with difflib,
so the cost is a few `find` passes plus a handful of small comparisons.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

MIN_QUOTE_SCORE = 0.6
"""Below this similarity of the quote itself, the note is an orphan."""
MAX_SEEDS = 24
"""Seeds looked up at most, taken evenly across the pattern."""
MAX_HITS_PER_SEED = 40
"""Occurrences of one seed counted at most (common words vote little)."""
GOOD_ENOUGH = 0.9
"""A score at which the search stops looking at further candidates."""
CANDIDATES = 12
"""Candidate windows compared in full."""
NEAR = 20_000
"""Characters either side of the old place searched before the whole text."""
BUCKET = 8
"""Votes within this many characters count for the same candidate."""
WEIGHTS = (0.6, 0.15, 0.15, 0.1)
"""Weights of quote, prefix, suffix and nearness in the score."""


def fuzzy_find(
    text: str, exact: str, prefix: str, suffix: str, old_start: int
) -> tuple[int, int, float] | None:
    """Find the span of `text` that best matches the quote and its context.

    Args:
        text: The current text.
        exact: The quoted text as it was.
        prefix: Text just before the quote, as it was.
        suffix: Text just after the quote, as it was.
        old_start: Where the quote started, to prefer nearby matches.

    Returns:
        `(start, end, score)` with score in 0..1, or `None` if nothing is close.
    """
    # Most edits move a quote a little: look near the old place first (cheap on a
    # 3 MB book), and over the whole text only when nothing close matches.
    reach = NEAR + 4 * len(exact)
    near = (max(0, old_start - reach), min(len(text), old_start + len(exact) + reach))
    best = None
    for bounds in (near, (0, len(text))):
        best = _best(text, exact, prefix, suffix, old_start, bounds)
        if best is not None or bounds == (0, len(text)):
            break
    if best is None:
        return None
    score, start, end = best
    return start, end, round(score, 3)


def _best(
    text: str, exact: str, prefix: str, suffix: str, old_start: int, bounds: tuple[int, int]
) -> tuple[float, int, int] | None:
    best: tuple[float, int, int] | None = None
    for candidate in _candidates(text, exact, prefix, suffix, bounds):
        scored = _score(text, exact, prefix, suffix, old_start, candidate)
        if scored is not None and (best is None or scored[0] > best[0]):
            best = scored
            if best[0] >= GOOD_ENOUGH:
                break  # candidates come best-voted first; this one will not be beaten
    return best


def _candidates(
    text: str, exact: str, prefix: str, suffix: str, bounds: tuple[int, int]
) -> list[int]:
    """Likely start offsets of the quote, by seed votes."""
    pattern = prefix + exact + suffix
    size = 8 if len(exact) >= 16 else max(3, len(exact) // 2)
    offsets = list(range(0, max(1, len(pattern) - size + 1), size))
    if len(offsets) > MAX_SEEDS:
        step = len(offsets) / MAX_SEEDS
        offsets = [offsets[int(i * step)] for i in range(MAX_SEEDS)]
    votes: Counter[int] = Counter()
    for offset in offsets:
        seed = pattern[offset : offset + size]
        for hit in _hits(text, seed, *bounds):
            votes[(hit - offset + len(prefix)) // BUCKET] += 1
    ranked = votes.most_common(CANDIDATES)
    # A place with a third of the best place's votes is rarely the answer: skip it.
    floor = ranked[0][1] // 3 if ranked else 0
    return [bucket * BUCKET for bucket, count in ranked if count >= floor]


def _hits(text: str, seed: str, lo: int, hi: int) -> list[int]:
    hits: list[int] = []
    index = text.find(seed, lo, hi)
    while index != -1 and len(hits) < MAX_HITS_PER_SEED:
        hits.append(index)
        index = text.find(seed, index + 1, hi)
    return hits


def _score(
    text: str, exact: str, prefix: str, suffix: str, old_start: int, candidate: int
) -> tuple[float, int, int] | None:
    """Refine a candidate window to a span and score it, or `None` if too unlike."""
    slack = max(BUCKET * 2, len(exact) // 4)
    window_start = max(0, candidate - slack)
    window = text[window_start : candidate + len(exact) + slack]
    blocks = [b for b in SequenceMatcher(None, exact, window, autojunk=False).get_matching_blocks()]
    blocks = [b for b in blocks if b.size >= 3] or [b for b in blocks if b.size]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    start = window_start + first.b
    end = window_start + last.b + last.size
    # Unmatched characters at the quote's edges were rewritten or deleted: keep the
    # edge where the old prefix / suffix fits the text better.
    if first.a:
        wide = max(0, start - first.a)
        if _fit_before(text, prefix, wide) >= _fit_before(text, prefix, start):
            start = wide
    if last.a + last.size < len(exact):
        wide = min(len(text), end + len(exact) - last.a - last.size)
        if _fit_after(text, suffix, wide) >= _fit_after(text, suffix, end):
            end = wide
    # Imported here: the document package is heavy, and the store's readers (`reader
    # claims`, `reader notes list`) never re-anchor, so they need not load it.
    from reader.document.sentences import trim_span

    start, end = trim_span(text, start, end)
    quote = _ratio(exact, text[start:end])
    if quote < MIN_QUOTE_SCORE:
        return None
    before = _ratio(prefix, text[max(0, start - len(prefix)) : start]) if prefix else 0.5
    after = _ratio(suffix, text[end : end + len(suffix)]) if suffix else 0.5
    near = 1.0 - min(1.0, abs(start - old_start) / max(1, len(text)))
    weights = WEIGHTS
    score = weights[0] * quote + weights[1] * before + weights[2] * after + weights[3] * near
    return score, start, end


def _fit_before(text: str, prefix: str, start: int) -> float:
    return _ratio(prefix, text[max(0, start - len(prefix)) : start]) if prefix else 0.0


def _fit_after(text: str, suffix: str, end: int) -> float:
    return _ratio(suffix, text[end : end + len(suffix)]) if suffix else 0.0


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
