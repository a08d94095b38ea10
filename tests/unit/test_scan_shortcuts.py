"""The entity scan's shortcuts find exactly what the plain regex searches find."""

from __future__ import annotations

import pytest

from reader.analysis.entities import resolve
from reader.analysis.entities.scan import CANDIDATE, WRAPPED_CANDIDATE, _candidates

TEXTS = [
    "The talks in Geneva ended when al-Rashid met Ms. O'Neill and d'Artagnan.",
    "Both ash-d’Abbas and Mac Donald-Smith spoke; x-Ray and -Ab are not names.",
    "AT&T and the U.N. sent Dr. Lee to St. Petersburg\nwith Prof. Amara Diallo.",
    "abu-Bakr, bin-Laden-ish, dd'Xy, Aabu-Zed, İstanbul and Ørsted's plant.",
    "",
    "no capitals at all here",
]


@pytest.mark.parametrize("text", TEXTS)
def test_candidates_are_finditer(text: str) -> None:
    for pattern in (CANDIDATE, WRAPPED_CANDIDATE):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in _candidates(pattern, text)] == expected


@pytest.mark.parametrize("text", TEXTS + ["Mr.  \nSmith", "the  sub-unit_9. \tNames", "x. . Y"])
def test_previous_word_is_the_window_search(text: str) -> None:
    for start in range(len(text) + 1):
        plain = resolve._PREV_WORD.search(text, max(0, start - 30), start)
        fast = resolve.previous_word(text, start)
        assert (fast and fast.span()) == (plain and plain.span())
