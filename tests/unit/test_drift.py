"""Quote drift: one speaker's quote worded differently in two articles stands out."""

from __future__ import annotations

import pytest
from library_texts import article, by_name, claim_with, stored

from reader.library.drift import MIN_RATIO, Drift, WordOp, drifts, word_ops
from reader.library.model import ClaimRef, StoredAnalysis

FORUM = (
    "Mr Vendelbo has spoken to the president {}, at a public economic forum, and the "
    "conversation was about shipping routes in the Arctic"
)
FIRST = stored(
    article(
        "Kremlin denies channel",
        "2026-10-14",
        "Kremlin spokesperson Yelena Strokova denied any regular contact between the two men.",
        f"\u201c{FORUM.format('once')},\u201d Strokova told reporters in Moscow.",
        "\u201cThere is no private channel. There never was one,\u201d she said.",
    ),
    "first.md",
)
SECOND = stored(
    article(
        "Moscow rejects report",
        "2026-10-15",
        f"\u201c{FORUM.format('twice')},\u201d Yelena Strokova told reporters.",
        "\u201cThere is no private channel. There never was one,\u201d Strokova said.",
        "\u201cThe Kremlin will not comment further on the private affairs of Mr Vendelbo,"
        "\u201d Strokova added.",
        "\u201cThere is no private channel, and there never was one,\u201d said Tobias Krag, "
        "a spokesperson for Nordhavn Lines.",
    ),
    "second.md",
)
LIBRARY = [FIRST, SECOND]


def ref(analysis: StoredAnalysis, words: str) -> ClaimRef:
    """The library name of the claim of `analysis` containing `words`."""
    return ClaimRef(analysis.article_id, claim_with(analysis, words).id)


def test_a_changed_word_in_the_same_speakers_quote_is_drift() -> None:
    found = drifts(LIBRARY, by_name(LIBRARY))
    assert len(found) == 1
    drift = found[0]
    assert drift.speaker == "person:yelena strokova"
    assert drift.before == ref(FIRST, "once")
    assert drift.after == ref(SECOND, "twice")
    assert [op for op in drift.ops if op.kind != "equal"] == [
        WordOp("removed", "once,"),
        WordOp("added", "twice,"),
    ]
    assert "-once,- +twice,+" in drift.render()
    assert drift.before_text == FORUM.format("once")
    assert MIN_RATIO <= drift.ratio < 1


def test_the_ops_rebuild_both_wordings() -> None:
    (drift,) = drifts(LIBRARY, by_name(LIBRARY))
    before = " ".join(op.words for op in drift.ops if op.kind != "added")
    after = " ".join(op.words for op in drift.ops if op.kind != "removed")
    assert (before, after) == (drift.before_text, drift.after_text)


def test_identical_quotes_are_not_drift_nor_are_different_ones_aligned() -> None:
    # "There is no private channel..." is word for word the same in both articles, and
    # "The Kremlin will not comment..." is another quote altogether: neither is listed.
    found = drifts(LIBRARY, by_name(LIBRARY))
    named = {r for d in found for r in (d.before, d.after)}
    assert ref(SECOND, "no private channel. There") not in named
    assert ref(SECOND, "will not comment") not in named


def test_a_near_identical_quote_from_another_speaker_is_not_drift() -> None:
    # Tobias Krag's "There is no private channel, and there never was one" is close to
    # Strokova's words, but he is not Strokova.
    found = drifts(LIBRARY, by_name(LIBRARY))
    assert ref(SECOND, "and there never was one") not in {d.after for d in found}


def test_speakers_the_library_cannot_link_have_no_drift() -> None:
    assert drifts(LIBRARY, lambda article_id, entity_id: None) == []


def test_the_same_quote_twice_in_one_article_is_not_drift() -> None:
    one = stored(
        article(
            "Pull quote",
            "2026-10-16",
            f"\u201c{FORUM.format('once')},\u201d Yelena Strokova said.",
            f"\u201c{FORUM.format('only once')},\u201d Strokova repeated.",
        ),
        "one.md",
    )
    assert drifts([one], by_name([one])) == []


def test_a_speakers_three_wordings_are_each_aligned_with_the_earlier_ones() -> None:
    third = stored(
        article(
            "Strokova again",
            "2026-10-20",
            f"\u201c{FORUM.format('once')} in Vladivostok,\u201d Yelena Strokova said.",
        ),
        "third.md",
    )
    library = [third, SECOND, FIRST]  # library order does not decide before/after: dates do
    found = drifts(library, by_name(library))
    pairs = {(d.before.article_id, d.after.article_id) for d in found}
    assert pairs == {
        (FIRST.article_id, SECOND.article_id),
        (FIRST.article_id, third.article_id),
        (SECOND.article_id, third.article_id),
    }
    assert all(isinstance(d, Drift) for d in found)


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        (
            "There is no private channel. There never was one.",
            "There is a private channel. There always was one.",
            "There is -no- +a+ private channel. There -never- +always+ was one.",
        ),
        (
            "We will examine the report with the seriousness it deserves",
            "We will examine the report with all the seriousness it deserves",
            "We will examine the report with +all+ the seriousness it deserves",
        ),
        (
            "If one man can open his own line to the Kremlin while his ships carry oil",
            "if one man can open his own line to the Kremlin",
            "if one man can open his own line to the Kremlin -while his ships carry oil-",
        ),
    ],
)
def test_word_ops_show_what_changed(before: str, after: str, shown: str) -> None:
    ops = word_ops(before.split(), after.split())
    marks = {"equal": "{}", "removed": "-{}-", "added": "+{}+"}
    assert " ".join(marks[op.kind].format(op.words) for op in ops) == shown


def test_a_fragment_of_the_quote_is_not_drift() -> None:
    # Outlets quote the half they need: that is not a changed quote.
    fragment = stored(
        article(
            "Kremlin on the forum",
            "2026-10-16",
            "Yelena Strokova said Mr Vendelbo had spoken to Verin \u201conce, at a public "
            "economic forum\u201d.",
            "\u201cMr Vendelbo has spoken to the president once, at a public economic forum,"
            "\u201d Yelena Strokova said.",
        ),
        "fragment.md",
    )
    library = [FIRST, fragment]
    assert drifts(library, by_name(library)) == []
