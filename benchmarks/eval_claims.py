"""Claim extraction figures: PolNeAR-style scores in process, and speed on a book.

As an extractor for the shared scorer (load_text + find_entities + find_claims
in this process, offsets mapped back onto the input if the loader changed it):

    python /work/shared/eval-dev/claims_eval.py --extractor benchmarks/eval_claims.py:claims

As a script, the same scores plus the claim stage's time on War and Peace:

    python benchmarks/eval_claims.py

Dev figures, 2026-11-25, rule backend, 2 shared cores (84 PolNeAR dev articles,
2192 gold claims): claim F1 66.9 (P 78.6, R 58.2), full triple (content +
source + cue) F1 60.3; recall direct 79%, indirect 50%, sourceless 19%.
`find_claims` on War and Peace (562k words, 7,450 claims, entities given):
0.8-0.9 s CPU, 121 MB peak for the whole analysis. Seed article
(`gold_eval.py seed.json`): claims 10/10, attribution, tags and disputes 1.00;
the project's samples (`--base . tests/gold/*.json`): claims R 1.00 P 0.91,
attribution 0.97, tags 1.00, disputes 7/7.
"""

from __future__ import annotations

import difflib
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from reader.analysis.claims import find_claims
from reader.document.loader import load_text

DESCRIPTION = "reader rule backend, in process (load_text + find_entities + find_claims)"


def _entities(document: Any) -> tuple[Any, ...]:
    """The rule entities, or none when the entity finder is not available."""
    try:
        from reader.analysis.entities import find_entities
    except ImportError:
        return ()
    return tuple(find_entities(document))


def _mapper(src: str, dst: str) -> Callable[[int], int]:
    """A function from an offset in `src` to the matching offset in `dst`."""
    if src == dst:
        return lambda i: i
    blocks = difflib.SequenceMatcher(None, src, dst, autojunk=False).get_matching_blocks()

    def mapped(i: int) -> int:
        for a, b, n in blocks:
            if a <= i <= a + n:
                return b + (i - a)
            if a > i:
                return b
        return len(dst)

    return mapped


def claims(text: str) -> list[dict[str, Any]]:
    """Claims of `text` as `{speaker, cue, content}` spans over `text`."""
    document = load_text(text, source="article.txt")
    m = _mapper(document.text, text)

    def span(v: tuple[int, int] | None) -> tuple[int, int] | None:
        return (m(v[0]), m(v[1])) if v else None

    out: list[dict[str, Any]] = []
    for c in find_claims(document, _entities(document)):
        if c.cue is None and out and c.source_span and span(c.source_span) == out[-1]["speaker"]:
            out[-1]["content"].append(span(c.content))  # PolNeAR: one claim per quotation
            continue
        out.append(
            {"speaker": span(c.source_span), "cue": span(c.cue), "content": [span(c.content)]}
        )
    return out


SHARED = os.environ.get("READER_SHARED", "/work/shared")


def _book_seconds(path: str) -> tuple[int, int, float, float]:
    """(words, claims, wall seconds, CPU seconds) for `find_claims` on the book at `path`."""
    from reader.document.loader import load

    document = load(path)
    entities = _entities(document)
    wall, cpu = time.perf_counter(), time.process_time()
    found = find_claims(document, entities)
    return (
        len(document.text.split()),
        len(found),
        time.perf_counter() - wall,
        time.process_time() - cpu,
    )


def main() -> None:
    """Score the dev articles, then time the claim stage on the book."""
    sys.path.insert(0, os.path.join(SHARED, "eval-dev"))
    import claims_eval  # the shared scorer, outside the project

    claims_eval.main(["--extractor", f"{os.path.abspath(__file__)}:claims"])
    book = os.path.join(SHARED, "corpus", "war-and-peace.txt")
    words, n, wall, cpu = _book_seconds(book)
    print(
        f"War and Peace: {words} words, {n} claims, find_claims {wall:.2f} s wall, {cpu:.2f} s CPU"
    )


if __name__ == "__main__":
    main()
