"""Re-anchoring notes after the article text changed (issue 5, "Anchors")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.notes.anchor import CONTEXT, Anchor, anchor_for, place

TEXT = (
    "The council met on Tuesday. The mayor said the budget was balanced. "
    "Critics disputed the figures and called for an audit. "
    "The mayor said the budget was balanced. Nobody answered the question."
)
QUOTE = "Critics disputed the figures and called for an audit."


def _anchor(text: str = TEXT, quote: str = QUOTE, occurrence: int = 0) -> Anchor:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return anchor_for(text, start, start + len(quote))


def test_anchor_keeps_quote_and_context() -> None:
    anchor = _anchor()
    assert anchor.exact == QUOTE
    assert anchor.prefix == TEXT[anchor.start - CONTEXT : anchor.start]
    assert anchor.suffix == TEXT[anchor.end : anchor.end + CONTEXT]
    assert len(anchor.prefix) == CONTEXT and len(anchor.suffix) == CONTEXT
    assert Anchor.from_dict(anchor.to_dict()) == anchor


def test_unchanged_text_places_by_position() -> None:
    placed = place(_anchor(), TEXT)
    assert placed is not None
    assert (placed.method, TEXT[placed.start : placed.end]) == ("position", QUOTE)


def test_edit_before_the_quote_finds_it_by_quote() -> None:
    edited = "BREAKING. " + TEXT.replace("on Tuesday", "late on Tuesday evening")
    placed = place(_anchor(), edited)
    assert placed is not None and placed.method == "quote"
    assert edited[placed.start : placed.end] == QUOTE


def test_edit_after_the_quote_keeps_position() -> None:
    edited = TEXT.replace("Nobody answered", "No one answered")
    placed = place(_anchor(), edited)
    assert placed is not None and placed.method == "position"


def test_edit_inside_the_quote_finds_it_fuzzily() -> None:
    edited = "Update: " + TEXT.replace("called for an audit", "demanded an independent audit")
    placed = place(_anchor(), edited)
    assert placed is not None and placed.method == "fuzzy"
    found = edited[placed.start : placed.end]
    assert found.startswith("Critics disputed the figures")
    assert found.endswith("audit.")
    assert 0 < placed.score < 1


def test_deleted_quote_is_an_orphan() -> None:
    edited = TEXT.replace(QUOTE + " ", "")
    assert place(_anchor(), edited) is None


def test_quote_in_a_rewritten_text_is_an_orphan() -> None:
    assert place(_anchor(), "Completely different text about the weather in spring.") is None


@pytest.mark.parametrize("occurrence", [0, 1])
def test_repeated_phrase_keeps_the_right_occurrence(occurrence: int) -> None:
    phrase = "The mayor said the budget was balanced."
    anchor = _anchor(quote=phrase, occurrence=occurrence)
    # Shift everything so the old position lands on neither occurrence.
    edited = "Some forty characters of new introduction. " + TEXT
    placed = place(anchor, edited)
    assert placed is not None
    expected = -1
    for _ in range(occurrence + 1):
        expected = edited.index(phrase, expected + 1)
    assert placed.start == expected


def test_repeated_phrase_after_an_edit_elsewhere_keeps_its_context() -> None:
    phrase = "The mayor said the budget was balanced."
    anchor = _anchor(quote=phrase, occurrence=1)
    edited = TEXT.replace("Critics disputed", "Some critics strongly disputed")
    placed = place(anchor, edited)
    assert placed is not None
    assert placed.start == edited.rindex(phrase)


def test_span_outside_text_is_refused() -> None:
    with pytest.raises(ValueError):
        anchor_for("short", 2, 99)


@settings(max_examples=40, deadline=None)
@given(
    before=st.text(alphabet="abcdefgh .", max_size=60),
    after=st.text(alphabet="abcdefgh .", max_size=60),
)
def test_any_insertion_around_the_quote_still_places_it(before: str, after: str) -> None:
    anchor = _anchor()
    index = TEXT.index(QUOTE)
    edited = TEXT[:index] + before + QUOTE + after + TEXT[index + len(QUOTE) :]
    placed = place(anchor, edited)
    assert placed is not None
    assert edited[placed.start : placed.end] == QUOTE


@settings(max_examples=40, deadline=None)
@given(
    where=st.integers(min_value=0, max_value=len(QUOTE) - 6),
    replacement=st.text(alphabet="xyz ", min_size=0, max_size=6),
    before=st.text(alphabet="abc .", max_size=80),
)
def test_small_edit_inside_the_quote_still_places_it(
    where: int, replacement: str, before: str
) -> None:
    anchor = _anchor()
    edited_quote = QUOTE[:where] + replacement + QUOTE[where + 5 :]
    index = TEXT.index(QUOTE)
    edited = before + TEXT[:index] + edited_quote + TEXT[index + len(QUOTE) :]
    placed = place(anchor, edited)
    assert placed is not None
    start = len(before) + index
    # The placed span lies on the edited quote, give or take its edges.
    assert abs(placed.start - start) <= 6
    assert abs(placed.end - (start + len(edited_quote))) <= 6


def test_words_deleted_at_the_quote_end_do_not_pull_in_the_next_sentence() -> None:
    edited = TEXT.replace("called for an audit.", "called for.")
    placed = place(_anchor(), edited)
    assert placed is not None
    found = edited[placed.start : placed.end]
    assert found.startswith("Critics disputed") and found.rstrip(".").endswith("called for")
