"""In-process claim extractor for `claims_eval.py` (PolNeAR-style scoring).

Runs the document loader, the rule entity finder and `find_claims` in this
process (no subprocess per article), and maps offsets from `document.text`
back onto the input when the loader changed the text.

    python /work/shared/eval-dev/claims_eval.py \
        --extractor benchmarks/eval_claims.py:claims

Dev figures are recorded in `benchmarks/README_claims.md`.
"""

from __future__ import annotations

import difflib
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
