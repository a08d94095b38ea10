"""Sentence segmentation on tricky news prose: a table of cases and the span contract."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.document import split_sentences

CASES: list[tuple[str, list[str]]] = [
    (
        "On December 6—St. Nicholas’ Day—all came. They ate.",
        ["On December 6—St. Nicholas’ Day—all came.", "They ate."],
    ),
    (
        "Mr. Smith went to Washington. He met Dr. Jones.",
        ["Mr. Smith went to Washington.", "He met Dr. Jones."],
    ),
    (
        "Mrs. Lind and Prof. Okafor spoke first. Gen. Hale followed.",
        ["Mrs. Lind and Prof. Okafor spoke first.", "Gen. Hale followed."],
    ),
    (
        "Sen. Ortiz and Rep. Kline voted no. The bill failed.",
        ["Sen. Ortiz and Rep. Kline voted no.", "The bill failed."],
    ),
    (
        "He lives in St. Petersburg now. She does not.",
        ["He lives in St. Petersburg now.", "She does not."],
    ),
    (
        "The U.S. economy grew. Analysts were surprised.",
        ["The U.S. economy grew.", "Analysts were surprised."],
    ),
    ("U.S. President Joe Biden spoke.", ["U.S. President Joe Biden spoke."]),
    (
        "Troops stayed in the U.S. The report said so.",
        ["Troops stayed in the U.S.", "The report said so."],
    ),
    (
        "The U.K. and the U.N. disagreed. Talks went on.",
        ["The U.K. and the U.N. disagreed.", "Talks went on."],
    ),
    (
        "The meeting ended at 5 p.m. on Friday. Nobody spoke.",
        ["The meeting ended at 5 p.m. on Friday.", "Nobody spoke."],
    ),
    ("It started at 9 a.m. The crowd was small.", ["It started at 9 a.m.", "The crowd was small."]),
    ("Acme Inc. said profits rose. Shares fell.", ["Acme Inc. said profits rose.", "Shares fell."]),
    (
        "Shares of Globex Corp. rose. It was a good day.",
        ["Shares of Globex Corp. rose.", "It was a good day."],
    ),
    ("He works for Acme Inc. The firm is small.", ["He works for Acme Inc.", "The firm is small."]),
    (
        "The vote is on Jan. 6 in Paris. Feb. 3 is too late.",
        ["The vote is on Jan. 6 in Paris.", "Feb. 3 is too late."],
    ),
    (
        "He lives at No. 10 Downing Street. It is old.",
        ["He lives at No. 10 Downing Street.", "It is old."],
    ),
    ("J. K. Rowling wrote it. Fans cheered.", ["J. K. Rowling wrote it.", "Fans cheered."]),
    ("George W. Bush was there. So was Laura.", ["George W. Bush was there.", "So was Laura."]),
    (
        "The company lost $3.5 billion. Its chief resigned.",
        ["The company lost $3.5 billion.", "Its chief resigned."],
    ),
    (
        "Growth was 2.5 percent in 2024. That was low.",
        ["Growth was 2.5 percent in 2024.", "That was low."],
    ),
    ("He paused... and then went on.", ["He paused... and then went on."]),
    ("She waited... Nobody came.", ["She waited...", "Nobody came."]),
    ("She waited… Nobody came.", ["She waited…", "Nobody came."]),
    ('"We will win," he said. "No doubt."', ['"We will win," he said.', '"No doubt."']),
    ('He said, "It is over." Then he left.', ['He said, "It is over."', "Then he left."]),
    ("He said, “It is over.” Then he left.", ["He said, “It is over.”", "Then he left."]),
    ("She called it ‘a farce.’ Others agreed.", ["She called it ‘a farce.’", "Others agreed."]),
    ('"Are you leaving?" she asked.', ['"Are you leaving?" she asked.']),
    (
        "“Heavens! what a virulent attack!” replied the prince.",
        ["“Heavens! what a virulent attack!” replied the prince."],
    ),
    ("Is it true? Nobody knows.", ["Is it true?", "Nobody knows."]),
    ("Stop! Police!", ["Stop!", "Police!"]),
    ("What?! That cannot be.", ["What?!", "That cannot be."]),
    (
        "He left early. (He was tired.) Nobody minded.",
        ["He left early.", "(He was tired.)", "Nobody minded."],
    ),
    (
        "The plan (approved in 2019) failed. Critics cheered.",
        ["The plan (approved in 2019) failed.", "Critics cheered."],
    ),
    ("Costs rose (see the table). Revenue fell.", ["Costs rose (see the table).", "Revenue fell."]),
    (
        "Apples, pears, etc. were sold. The market closed.",
        ["Apples, pears, etc. were sold.", "The market closed."],
    ),
    ("Compare Smith vs. Jones. They differ.", ["Compare Smith vs. Jones.", "They differ."]),
    ("Use a fruit, e.g. an apple. It helps.", ["Use a fruit, e.g. an apple.", "It helps."]),
    (
        "The talks, which began in Geneva, ended. Both sides left.",
        ["The talks, which began in Geneva, ended.", "Both sides left."],
    ),
    ("Version 2.0 shipped. Users upgraded.", ["Version 2.0 shipped.", "Users upgraded."]),
    ("Visit example.com today. It is free.", ["Visit example.com today.", "It is free."]),
    (
        "The report was first published\nby the paper. It was long.",
        ["The report was first published\nby the paper.", "It was long."],
    ),
    ("  Leading space. Trailing space.  ", ["Leading space.", "Trailing space."]),
    ("No terminal punctuation here", ["No terminal punctuation here"]),
    ("Mr. Pitt spoke. Mr. Fox replied.", ["Mr. Pitt spoke.", "Mr. Fox replied."]),
    (
        "It was signed by Smith et al. The study was long.",
        ["It was signed by Smith et al.", "The study was long."],
    ),
    ("Plan B. That was the idea.", ["Plan B.", "That was the idea."]),
    ("Born in 1805. He died young.", ["Born in 1805.", "He died young."]),
    (
        'The ministry said: "It is false." The denial came late.',
        ['The ministry said: "It is false."', "The denial came late."],
    ),
    (
        "Peskov denied it.\u00a0He said nothing more.",
        ["Peskov denied it.", "He said nothing more."],
    ),
    ("1. The first point is clear.", ["1. The first point is clear."]),
    (
        "Ms. Varga, 34, leads the group. She is a teacher.",
        ["Ms. Varga, 34, leads the group.", "She is a teacher."],
    ),
]


def sentences_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_splits_like_a_careful_reader(text: str, expected: list[str]) -> None:
    assert sentences_of(text) == expected


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40


def test_offsets_index_the_whole_text_inside_the_range() -> None:
    text = "Preamble. Mr. Lind spoke. He left.\n\nAfter."
    start, end = text.index("Mr."), text.index("\n\n")
    found = split_sentences(text, start, end)
    assert [text[s.start : s.end] for s in found] == ["Mr. Lind spoke.", "He left."]
    assert all(start <= s.start < s.end <= end for s in found)


def test_empty_and_blank_ranges_have_no_sentences() -> None:
    assert split_sentences("", 0, 0) == []
    assert split_sentences("  \n ", 0, 4) == []


def test_a_quote_reply_is_one_sentence_in_a_novel() -> None:
    text = "“Can one be calm?” said Anna Pávlovna. “You are staying, I hope?”"
    assert sentences_of(text) == [
        "“Can one be calm?” said Anna Pávlovna.",
        "“You are staying, I hope?”",
    ]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab A.!?…"”’() \nMrU.S1')), max_size=80))
def test_sentences_are_ordered_disjoint_trimmed_and_cover_all_non_space(text: str) -> None:
    found = split_sentences(text, 0, len(text))
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
        previous_end = sentence.end
    covered = "".join(text[s.start : s.end] for s in found)
    assert covered.replace(" ", "").replace("\n", "") == "".join(text.split())
