"""Headlines and results tables, found line by line, are what the one-regex searches found."""

from __future__ import annotations

import random
import re

import pytest

from reader.analysis.entities import headlines, tables

# The patterns as they were: each tried at every position of the text.
CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*$", re.M)
ISOLATED_LINE = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*([^\n]{8,240}+)(?=\n[ \t]*\n|\n?\Z)")

TEXTS = [
    "",
    "\n",
    "ABC",
    "\n\nABC DEF GHI\n",
    "Big Headline Holds Talks\n\nThe body here said more.",
    "  BREAKING NEWS\nmore text\n\nMayor Meets Unions Over Pay\n\nThe mayor met them.",
    "Results\nArsenal 2 Chelsea 1\nLeeds United 10 6 2 2 18 9 20\nMan City 3 Spurs 3 \n",
    "  Foo 1 2 3\nEverton 1 1 1 1\nx 3 . 4\nReal Madrid 1.5 2 3/4 5\nA 1 B 2",
]


def plain_headlines(text: str, headings: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    spans = [m.span() for m in CAPS_LINE.finditer(text)]
    spans.extend(headings)
    body = len(text.strip())
    for pattern in (ISOLATED_LINE, headlines._FIRST_LINE):
        for m in pattern.finditer(text):
            if len(m.group(1).strip()) < body and headlines._headline_capitals(m.group(1)):
                spans.append(m.span(1))
    return headlines._merged(spans)


def plain_teams(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern, groups in ((tables._STANDING, ("a",)), (tables._RESULT, ("a", "b"))):
        for m in pattern.finditer(text):
            spans.extend(m.span(g) for g in groups if tables._team(m.group(g)))
    return sorted(spans)


def shuffled_texts() -> list[str]:
    pieces = ["ab", "AB", " ", "\t", "\n", "\n\n", ".", "Xyz Qq", "12", " 3 ", "Lee"]
    rng = random.Random(13)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(400)]


@pytest.mark.parametrize("text", TEXTS + shuffled_texts())
def test_line_scans_find_what_the_plain_searches_find(text: str) -> None:
    assert headlines.headline_spans(text) == plain_headlines(text, ())
    assert headlines.headline_spans(text, ((0, 1),)) == plain_headlines(text, ((0, 1),))
    assert tables.team_spans(text) == plain_teams(text)


def test_a_results_table_still_gives_its_teams() -> None:
    text = TEXTS[6]
    assert [text[s:e] for s, e in tables.team_spans(text)] == [
        "Arsenal",
        "Chelsea",
        "Leeds United",
        "Man City",
        "Spurs",
    ]
