"""The search query language and folding (issue 15)."""

from __future__ import annotations

import pytest

from reader.search import matches_in
from reader.search.fold import fold, span_of, tokens
from reader.search.query import MAX_CHARS, MAX_TERMS, QueryError, parse


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Élan", "elan"),
        ("ELAN", "elan"),
        ("naïve", "naive"),
        ("ﬁle", "file"),
        ("Straße", "strasse"),
        ("Ǆemal", "dzemal"),
        ("İstanbul", "istanbul"),
    ],
)
def test_folding_ignores_case_and_accents(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_tokens_keep_the_original_spans() -> None:
    text = "Le café «Élan», 2026."
    assert [(w, text[s:e]) for w, s, e in tokens(text)] == [
        ("le", "Le"),
        ("cafe", "café"),
        ("elan", "Élan"),
        ("2026", "2026"),
    ]
    assert span_of(text, 2) == (text.index("Élan"), text.index("Élan") + 4)
    assert span_of(text, 9) is None


def test_words_phrases_and_tags() -> None:
    query = parse('Budget "Private  Channel" #Audit #needs-checking, naïve')
    assert query.words == ("budget", "naive")
    assert query.phrases == (("private", "channel"),)
    assert query.tags == ("audit", "needs-checking")
    assert query.terms == ("budget", "naive", "private", "channel")


def test_a_word_of_several_tokens_is_a_phrase_and_an_open_quote_runs_to_the_end() -> None:
    assert parse("don't").phrases == (("don", "t"),)
    assert parse('"open quote here').phrases == (("open", "quote", "here"),)
    assert parse("#a.b").tags == () and parse("#a.b").phrases == (("a", "b"),)


def test_repeated_words_count_once() -> None:
    assert parse("audit AUDIT Audit").words == ("audit",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \t", "empty"),
        ("!!! ... ?", "punctuation"),
        ('""', "punctuation"),
        ("#", "punctuation"),
        ("x" * (MAX_CHARS + 1), "too long"),
        (" ".join(f"w{n}" for n in range(MAX_TERMS + 1)), "too many"),
    ],
)
def test_bad_queries_are_refused_with_one_line(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as caught:
        parse(text)
    assert "\n" not in str(caught.value)


def test_with_tag_adds_a_required_tag() -> None:
    assert parse("budget").with_tag("#Audit").tags == ("audit",)
    with pytest.raises(QueryError):
        parse("budget").with_tag("###")


def test_matches_in_finds_words_and_phrases_accent_blind() -> None:
    text = "The Élan report. An elan vital. The report's élan."
    spans = matches_in(text, '"elan vital" report')
    assert [text[s:e] for s, e in spans] == ["report", "elan vital", "report"]
