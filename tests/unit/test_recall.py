"""Verdict recall: a claim that says what an already-judged claim said brings its verdict."""

from __future__ import annotations

import pytest
from hypothesis import given as given_
from hypothesis import strategies as st
from library_texts import article, stored

from reader.library.recall import (
    THRESHOLD,
    GivenVerdict,
    RecallIndex,
    given_verdicts,
    recall,
    similarity,
    words_of,
)

TALKS = "Lars Vendelbo held regular private conversations with Anatoly Verin over two years"
RAISED = "Elon Musk's company raised $5 million from investors"
TANKERS = (
    "the Russian President allegedly asked Mr Vendelbo to keep several older tankers "
    "out of inspection ports in the North Sea"
)


def given(
    content: str,
    verdict: str = "false",
    *,
    article_id: str = "a" * 16,
    title: str = "Tycoon held talks",
    date: str = "2026-10-14",
    given_at: str = "",
) -> GivenVerdict:
    """A verdict given on a claim with this content."""
    return GivenVerdict(verdict, content, article_id, title, date, given_at=given_at)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a word changed
        (TALKS, "Lars Vendelbo had regular private conversations with Anatoly Verin for two years"),
        (RAISED, "Elon Musk's company raised $5 million from backers"),
        # a clause moved
        (
            TALKS,
            "over two years, Lars Vendelbo held regular private conversations with Anatoly Verin",
        ),
        # re-worded around the same facts
        (
            TANKERS,
            "the Russian president asked Mr Vendelbo to keep several old tankers away from "
            "inspection ports in the North Sea",
        ),
        # a detail added, a title instead of a first name
        (TALKS, "Mr Vendelbo held regular private conversations with Verin over two years"),
        # the same figure written another way; curly apostrophes and case
        ("Tesla sold 1,000 cars in May to Hertz", "TESLA SOLD 1000 CARS IN MAY TO HERTZ"),
        ("Tesla sold five cars to Hertz in May", "Tesla sold 5 cars to Hertz in May"),
        ("Musk\u2019s company did not pay the fine", "Musk's company didn't pay the fine"),
    ],
)
def test_the_same_claim_in_other_words_recalls_the_verdict(old: str, new: str) -> None:
    found = recall(new, [given(old)])
    assert found is not None
    assert found.given.verdict == "false"
    assert THRESHOLD <= found.score <= 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a different figure is a different claim
        (RAISED, "Elon Musk's company raised $50 million from investors"),
        ("Musk met Putin in Moscow in 2022", "Musk met Putin in Moscow in 2023"),
        ("Nordhavn raised prices by 5% this spring", "Nordhavn raised prices by 5 this spring"),
        # a different person
        (
            "Musk spoke with Putin about the war in Ukraine",
            "Musk spoke with Zelensky about the war in Ukraine",
        ),
        # the opposite claim
        (TALKS, "Lars Vendelbo did not hold regular private conversations with Anatoly Verin"),
        # a different topic about the same people
        ("Musk spoke with Putin about the war", "Musk spoke with Putin about Starlink"),
        (TALKS, "Lars Vendelbo founded Nordhavn Lines in 1998"),
        # too little in common to tell
        ("Verin lied", "Verin lied again, Strokova"),
        ("", ""),
    ],
)
def test_a_different_claim_recalls_nothing(old: str, new: str) -> None:
    assert recall(new, [given(old)]) is None
    assert similarity(old, new) < THRESHOLD


def test_the_closest_verdict_wins_and_says_where_it_was_given() -> None:
    verdicts = [
        given(TALKS, "supported", title="First report", date="2026-10-14"),
        given(
            "Vendelbo held regular private conversations with Verin, the Chronicle said",
            "false",
            title="Second report",
            date="2026-10-20",
        ),
    ]
    found = recall(TALKS + ".", verdicts)
    assert found is not None
    assert (found.given.verdict, found.given.title, found.given.date) == (
        "supported",
        "First report",
        "2026-10-14",
    )
    assert found.score == 1.0


def test_a_tie_goes_to_the_verdict_given_last() -> None:
    verdicts = [
        given(TALKS, "false", given_at="2026-11-02T10:00:00+00:00"),
        given(TALKS, "supported", given_at="2026-11-05T10:00:00+00:00"),
        given(TALKS, "disputed", given_at="2026-10-01T10:00:00+00:00"),
    ]
    found = recall(TALKS, verdicts)
    assert found is not None and found.given.verdict == "supported"


def test_verdicts_in_the_article_itself_are_left_out_when_asked() -> None:
    verdicts = [given(TALKS, article_id="b" * 16)]
    assert recall(TALKS, verdicts, article_id="b" * 16) is None
    assert recall(TALKS, verdicts, article_id="c" * 16) is not None


def test_the_index_recalls_for_every_claim_of_a_new_article() -> None:
    old = stored(
        article(
            "Tycoon held secret talks with the Kremlin",
            "2026-10-14",
            "The Financial Chronicle reported that Lars Vendelbo held regular private "
            "conversations with Anatoly Verin over two years.",
            "Lars Vendelbo founded Nordhavn Lines in 1998, the company said.",
        ),
        "old.md",
    )
    new = stored(
        article(
            "Danish shipowner under scrutiny",
            "2026-10-21",
            "According to the Chronicle, over two years Lars Vendelbo held regular private "
            "conversations with Anatoly Verin.",
            "Nordhavn Lines said it had sold four ships in 2025.",
        ),
        "new.md",
    )
    verdicts = [
        GivenVerdict("needs-checking", c.content, old.article_id, old.title, old.date, c.id)
        for c in old.claims
    ]
    found = RecallIndex(verdicts).all([c.content for c in new.claims], article_id=new.article_id)
    assert len(found) == len(new.claims) == 2
    first, second = found
    assert first is not None
    assert first.given.claim_id == old.claims[0].id
    assert first.given.title == "Tycoon held secret talks with the Kremlin"
    assert second is None


def test_stored_verdicts_bring_the_content_of_the_claim_they_were_given_on() -> None:
    from reader.notes.anchor import Anchor
    from reader.notes.model import Verdict

    old = stored(
        article(
            "Tycoon held secret talks with the Kremlin",
            "2026-10-14",
            "The Financial Chronicle reported that Lars Vendelbo held regular private "
            "conversations with Anatoly Verin over two years.",
        ),
        "old.md",
    )
    claim = old.claims[0]
    on_claim = Verdict(
        "v1", old.article_id, Anchor(claim.start, claim.end, claim.text), "false", claim.id,
        created="2026-10-15T09:00:00+00:00",
    )  # fmt: skip
    elsewhere = Verdict("v2", "f" * 16, Anchor(0, 9, "Some text"), "supported")
    first, second = given_verdicts([on_claim, elsewhere], {old.article_id: old})
    assert (first.content, first.title, first.date) == (
        claim.content,
        "Tycoon held secret talks with the Kremlin",
        "2026-10-14",
    )
    assert first.claim_id == claim.id and first.given_at == "2026-10-15T09:00:00+00:00"
    assert (second.content, second.title, second.date) == ("Some text", "", None)
    found = recall("over two years Lars Vendelbo held regular private conversations with "
                   "Anatoly Verin", [first, second])  # fmt: skip
    assert found is not None and found.given.verdict == "false"


@given_(st.text(), st.text())
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    assert similarity(a, b) == similarity(b, a)
    assert 0 <= similarity(a, b) <= 1


@given_(st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), min_size=1))
def test_a_claim_recalls_its_own_verdict_when_it_has_content_words(content: str) -> None:
    found = recall(content, [given(content)])
    assert (found is not None) == bool(words_of(content).words)
