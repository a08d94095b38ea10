"""Stealth edits: what changed between two versions of an article, sentence by sentence."""

from __future__ import annotations

from reader.library.changes import changes, sentences

OLD = (
    "Tycoon kept private channel to the Kremlin\n\n"
    "The Financial Chronicle reported that Lars Vendelbo spoke to Anatoly Verin nine times. "
    "The calls were never disclosed to the Danish government.\n\n"
    "\u201cThere is no private channel. There never was one,\u201d Yelena Strokova said. "
    "Vendelbo is yet to respond to the report.\n"
)


def test_an_unchanged_or_rewrapped_article_has_no_changes() -> None:
    assert changes(OLD, OLD) == []
    rewrapped = OLD.replace("spoke to Anatoly", "spoke to\nAnatoly").replace(". The", ".  The")
    assert len(sentences(rewrapped)) == len(sentences(OLD)) + 1  # the line break splits one
    assert changes(OLD, OLD.replace(". The", ".  The")) == []


def test_added_and_removed_sentences_are_listed_with_their_places() -> None:
    new = OLD.replace("Vendelbo is yet to respond to the report.", "").replace(
        "nine times. ",
        "nine times. The newspaper cited five officials. ",
    )
    found = changes(OLD, new)
    assert [(c.kind, c.new.text if c.new else c.old.text if c.old else "") for c in found] == [
        ("added", "The newspaper cited five officials."),
        ("removed", "Vendelbo is yet to respond to the report."),
    ]
    added = found[0].new
    assert added is not None and new[added.start : added.end] == added.text
    removed = found[1].old
    assert removed is not None and OLD[removed.start : removed.end] == removed.text


def test_an_edited_sentence_is_altered_with_its_word_changes() -> None:
    new = OLD.replace("nine times", "several times")
    (change,) = changes(OLD, new)
    assert change.kind == "altered" and not change.quoted
    assert [(op.kind, op.words) for op in change.ops if op.kind != "equal"] == [
        ("removed", "nine"),
        ("added", "several"),
    ]


def test_a_changed_quote_is_marked_as_a_quote() -> None:
    new = OLD.replace("There never was one", "There has not been one for years")
    (change,) = changes(OLD, new)
    assert change.kind == "altered" and change.quoted
    assert change.old is not None and "never was one" in change.old.text
    assert change.new is not None and "for years" in change.new.text


def test_a_rewritten_sentence_is_a_removal_and_an_addition() -> None:
    new = OLD.replace(
        "The calls were never disclosed to the Danish government.",
        "Copenhagen says it knew of every call.",
    )
    kinds = [c.kind for c in changes(OLD, new)]
    assert sorted(kinds) == ["added", "removed"]


def test_empty_versions() -> None:
    assert changes("", "") == []
    assert {c.kind for c in changes("", OLD)} == {"added"}
    assert {c.kind for c in changes(OLD, "")} == {"removed"}
    assert len(changes(OLD, "")) == len(sentences(OLD))
