"""Dispute linking: denials and contrary statements point at the claims they answer."""

from __future__ import annotations

import pytest
from test_claims import claims_of, part

from reader.analysis.claims import find_claims
from reader.analysis.claims.disputes import WINDOW, link_disputes
from reader.analysis.model import Analysis, Claim
from reader.document.model import Document


def test_denial_disputes_the_report_it_answers() -> None:
    text = (
        "The Daily Herald reported that Northwind kept regular contact with Ivan Petrov. "
        "Lopez said the weather in the north was fine. "
        "Northwind denied any contact with Ivan Petrov."
    )
    claims, _ = claims_of(text)
    report, weather, denial = claims
    assert "denial" in denial.tags
    assert denial.disputes == (report.id,)
    assert weather.disputes == ()


def test_both_directions_are_available() -> None:
    text = (
        "The Daily Herald reported that Reed had sold the ferry to Northwind. "
        "Reed denied selling the ferry."
    )
    claims, entities = claims_of(text)
    analysis = Analysis(Document(text=text), entities, claims)
    assert claims[1].disputes == (claims[0].id,)
    assert analysis.disputed_by(claims[0].id) == (claims[1].id,)


def test_contrary_statement_disputes_a_report_on_the_same_people() -> None:
    text = (
        "The Daily Herald reported that Tom Reed met Ivan Petrov every month. "
        "Maria Lopez said that Tom Reed only met Ivan Petrov once."
    )
    claims, _ = claims_of(text)
    assert claims[1].disputes == (claims[0].id,)


def test_a_denial_in_other_words_still_answers_the_report() -> None:
    text = (
        "The Daily Herald reported that Tom Reed spoke to Ivan Petrov nine times. "
        "Northwind denied any regular contact between Tom Reed and its staff."
    )
    claims, _ = claims_of(text)
    assert claims[1].disputes == (claims[0].id,)


def test_the_person_a_claim_is_about_answers_it() -> None:
    text = (
        "Lopez said that Northwind is owned by Tom Reed and Ivan Petrov. "
        'Ivan Petrov said: "I have had no business with Reed for years."'
    )
    claims, _ = claims_of(text)
    assert claims[1].disputes == (claims[0].id,)


@pytest.mark.parametrize(
    "text",
    [
        # a source never disputes itself
        "Northwind said that Reed sold the ferry. Northwind later denied selling the ferry.",
        # a denial about someone else disputes nothing
        "The Daily Herald reported that Reed sold the ferry. Berg denied any contact with Petrov.",
        # agreement is not a dispute
        "The Daily Herald reported that Reed met Petrov. Lopez said that Reed met Petrov.",
    ],
)
def test_no_dispute(text: str) -> None:
    claims, _ = claims_of(text)
    assert all(c.disputes == () for c in claims)


def test_disputes_point_only_backwards() -> None:
    text = (
        "Northwind denied any contact with Ivan Petrov. "
        "The Daily Herald reported that Northwind kept contact with Ivan Petrov."
    )
    claims, _ = claims_of(text)
    assert all(c.disputes == () for c in claims)


def _claim(i: int, entities: tuple[str, ...], tags: tuple[str, ...], source: str) -> Claim:
    """A claim over the i-th copy of a fixed sentence."""
    start = i * 40
    return Claim(
        f"c{i + 1}", start, start + 39, (start, start + 39), None, None, source, tags, entities
    )  # type: ignore[arg-type]


def test_window_bounds_how_far_back_a_denial_reaches() -> None:
    sentence = "Reed had contact with the board again.  "
    n = WINDOW + 10
    claims = [_claim(i, ("e1",), ("reported",), "e9") for i in range(n)]
    text = sentence * (n + 1)
    denial_start = n * 40
    claims.append(
        Claim(
            f"c{n + 1}",
            denial_start,
            denial_start + 39,
            (denial_start, denial_start + 39),
            None,
            None,
            "e1",
            ("denial",),
            ("e1",),
        )
    )
    linked = link_disputes(text, claims)[-1]
    assert len(linked) == WINDOW
    assert linked[0] == f"c{n - WINDOW + 1}"


def test_seed_like_article_links_both_disputes() -> None:
    text = (
        "Tom Reed has kept regular contact with Ivan Petrov for two years, according to "
        "a new report. The Daily Herald report stated that the scale of Tom Reed's contacts "
        "with Ivan Petrov was a secret. Northwind spokesperson Anna Berg said the only "
        "conversation between Tom Reed and Ivan Petrov was a single call. Berg denied any "
        "regular contact between Tom Reed and Northwind."
    )
    claims, _ = claims_of(text)
    by_cue = {part(text, c.cue): c for c in claims}
    first, second = by_cue["according to"], by_cue["stated"]
    assert first.id in by_cue["said"].disputes
    assert set(by_cue["denied"].disputes) >= {first.id, second.id}


def test_long_book_of_claims_links_quickly_and_boundedly() -> None:
    text = " ".join(
        f"The Daily Herald reported that Reed met Petrov on day {n}. Reed denied meeting Petrov."
        for n in range(300)
    )
    claims, _ = claims_of(text)
    assert len(claims) == 600
    assert max(len(c.disputes) for c in claims) <= WINDOW
    assert find_claims(Document(text=""), ()) == ()
