"""The fast whole-text scans give exactly what the plain regex passes gave.

`cue_scan.cues` must equal `cue_re.finditer` (spans and groups) and `scan.lower_words`
must equal the set of `_LOWER_WORD.findall`, on any text: real articles, texts built
from the cue phrases themselves in odd cases, and the characters where lower-casing
and case-insensitive matching part ways.
"""

from __future__ import annotations

import importlib
import random
import re
import string
import sys
from pathlib import Path

import pytest

from reader.analysis import topic_words
from reader.analysis.claims import cue_scan, cue_sense, objects, phrases, sources, units
from reader.analysis.claims.cues import load_cues
from reader.analysis.claims.rules import labels
from reader.analysis.entities import org_context, tables
from reader.analysis.entities.scan import _LOWER_WORD, _distinct_tokens, lower_words
from reader.analysis.wordlists import lines
from reader.document import sentences

scan = importlib.import_module("reader.analysis.entities.scan")  # the module, not `scan()`
SAMPLES = Path(__file__).resolve().parents[2] / "sample_articles"
ODD = ["\u0130", "\u0131", "\u017f", "\u212a", "\u00e9", "\u2019", "_", "1", "\u00a0"]
"""Dotted capital I (two characters in lower case), dotless i, long s, the Kelvin sign,
an accented letter, a curly apostrophe, a digit, a no-break space."""


def plain_cues(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in load_cues().cue_re.finditer(text)]


def fast_cues(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in cue_scan.cues(text, load_cues())]


def _recased(phrase: str, rng: random.Random) -> str:
    out = []
    for ch in phrase:
        roll = rng.random()
        if ch == "i" and roll < 0.05:
            out.append(rng.choice(["\u0131", "\u0130"]))
        elif ch == "s" and roll < 0.05:
            out.append("\u017f")
        elif ch == "k" and roll < 0.1:
            out.append("\u212a")
        else:
            out.append(ch.upper() if roll < 0.3 else ch)
    return "".join(out)


def phrase_texts(count: int) -> list[str]:
    """Texts of cue phrases, parts of them and odd characters, glued in random ways."""
    cues = load_cues()
    phrases = [*cues.verbs, *lines("hedges.txt"), "according to", "faced sharp criticism"]
    glue = [" ", "  ", "\n", "-", "'", '"', ",", "", "x", "un", "ly", *ODD]
    rng = random.Random(10)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            phrase = rng.choice(phrases)
            if rng.random() < 0.2:
                phrase = phrase[: rng.randint(1, len(phrase))]
            parts.append(_recased(phrase, rng))
            parts.append(rng.choice(glue))
        texts.append("".join(parts))
    return texts


def test_case_folding_facts_the_cue_scan_relies_on() -> None:
    # Every character IGNORECASE matches to an ASCII letter lower-cases (with the
    # module's FOLDS) onto that letter, or changes length when lower-cased; and
    # nothing whose folded form is an ASCII word character is a non-word character.
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for m in re.finditer("[a-z]", every, re.IGNORECASE):
        ch = m.group()
        low = cue_scan.folded(ch)
        if low is None:
            continue
        for letter in string.ascii_lowercase:
            if re.fullmatch(letter, ch, re.IGNORECASE):
                assert low == letter, hex(ord(ch))
    word = set(string.ascii_lowercase + string.digits + "_")
    non_word = "".join(re.findall(r"\W", every))
    low = non_word.lower()
    assert len(low) == len(non_word)
    assert not word.intersection(low)
    assert all(odd not in non_word for odd, _ in cue_scan.FOLDS)


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda p: p.name)
def test_cues_of_the_sample_articles(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = fast_cues(text)
    assert found == plain_cues(text)
    assert found  # every sample article reports something


@pytest.mark.parametrize(
    "text", ["", "said", "Said", " SAID ", "\u0130s said to"] + phrase_texts(600)
)
def test_cues_of_made_up_texts(text: str) -> None:
    assert fast_cues(text) == plain_cues(text)


def test_a_cue_after_a_dotless_i_or_long_s_is_still_found() -> None:
    text = "Officials \u017fay the plan is \u017faid to work; he \u017fa\u0131d so."
    found = [text[s:e] for (s, e), _ in fast_cues(text)]
    assert found == ["\u017fay", "plan", "is \u017faid to", "\u017fa\u0131d"]
    assert fast_cues(text) == plain_cues(text)


def test_a_text_whose_lower_case_grows_takes_the_plain_scan() -> None:
    text = "\u0130stanbul officials said it is believed to work."
    assert cue_scan.folded(text) is None
    assert fast_cues(text) == plain_cues(text)
    assert [text[s:e] for (s, e), _ in fast_cues(text)] == ["said", "it is believed"]


def word_texts(count: int) -> list[str]:
    pieces = [
        "ab",
        "Ab",
        "a",
        "x1",
        "_y",
        "caf\u00e9",
        "don't",
        " ",
        "\n",
        ".",
        "-",
        "(",
        ",",
        *ODD,
    ]
    rng = random.Random(11)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(400)]


@pytest.mark.parametrize("text", word_texts(400))
def test_lower_words_are_the_plain_findall(text: str) -> None:
    assert lower_words(text) == frozenset(_LOWER_WORD.findall(text))


def test_lower_words_of_an_article() -> None:
    text = (SAMPLES / "harbour-tender.txt").read_text(encoding="utf-8")
    words = lower_words(text)
    assert words == frozenset(_LOWER_WORD.findall(text))
    assert "the" in words and "The" not in words


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"We will win." \u2015 Ana Ruiz\n\u201cNo.\u201d \u2014 Lee Park',
        '\u201d\u2014 A "\u2013B "x \u201d \u00a0\u2015\u00a0Z "" \u2014 Q \u201d\u2014q',
    ],
)
def test_signed_lines_are_the_plain_search(text: str) -> None:
    plain = re.compile('[\u201d"]' + labels._SIGNED_TAIL)
    split = sorted(
        (m for p in labels._SIGNED_LINE for m in p.finditer(text)), key=lambda m: m.start()
    )
    assert [m.span() for m in split] == [m.span() for m in plain.finditer(text)]
    assert text == "" or split


def org_texts(count: int) -> list[str]:
    pieces = ["the ", "The ", "shares in ", "stake of ", "party ", "PARTY\t", "firm  ", "of", "x"]
    pieces += [
        "company ",
        "the big group ",
        "Bank",
        " ",
        "\t",
        "\n",
        "-",
        "\u212a",
        "\u0130",
        "\u0131n ",
        "Ann",
    ]
    rng = random.Random(12)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(count)]


@pytest.mark.parametrize("text", org_texts(300))
def test_org_before_is_the_plain_search(text: str) -> None:
    for start in range(len(text) + 1):
        floor = max(0, start - org_context.ORG_BEFORE_REACH)
        plain = org_context._ORG_BEFORE.search(text, floor, start) is not None
        assert org_context.org_before(text, start) == plain, start


def plain_words_after_barrier(text: str, floor: int, cue: int) -> list[tuple[int, int]]:
    """The words `phrases.source_before` read before: the whole window, then filtered."""
    window = max(floor, cue - phrases.SOURCE_REACH)
    words = list(phrases._WORD.finditer(text, window, cue))
    if words and window > floor and text[window - 1].isalnum():
        words = words[1:]
    if not words:
        return []
    barrier = None
    for m in phrases._BARRIER.finditer(text, words[0].start(), cue):
        barrier = m.end()
    if barrier is not None:
        words = [w for w in words if w.start() >= barrier]
    return [w.span() for w in words]


def barrier_texts(count: int) -> list[str]:
    pieces = ["Ann", "said", "the mayor", "rock''n", "''", "'", "x.y", "a-b", " -- ", " - "]
    pieces += [
        ",",
        ";",
        ":",
        '"',
        "\u201c",
        "\u201d",
        "\u2014",
        " ",
        "  ",
        "\n",
        "[",
        "]",
        "\u2019",
    ]
    rng = random.Random(14)
    out = []
    for _ in range(count):
        size = rng.choice([5, 20, 80])
        out.append("".join(rng.choice(pieces) for _ in range(size)))
    return out


@pytest.mark.parametrize("text", barrier_texts(200))
def test_words_after_the_barrier_are_the_filtered_window(text: str) -> None:
    rng = random.Random(len(text))
    for _ in range(30):
        cue = rng.randint(0, len(text))
        floor = rng.randint(0, cue)
        got = [w.span() for w in phrases._words_after_barrier(text, floor, cue)]
        assert got == plain_words_after_barrier(text, floor, cue), (floor, cue)


@pytest.mark.parametrize("text", barrier_texts(100))
def test_first_words_are_a_slice_of_the_window(text: str) -> None:
    rng = random.Random(len(text) + 1)
    for _ in range(30):
        end = rng.randint(0, len(text))
        start = rng.randint(0, end)
        whole = [w.span() for w in phrases.words_in(text, start, end)]
        for count in (1, 2, 3, 8):
            first = [w.span() for w in phrases.first_words(text, start, end, count)]
            assert first == whole[:count], (start, end, count)
        one = phrases.first_word(text, start, end)
        assert (one.span() if one else None) == (whole[0] if whole else None), (start, end)


def passive_texts(count: int) -> list[str]:
    pieces = ["was", "is", "been", "not", "also", "first", "harshly", "ly", "it", "the plan"]
    pieces += ["report", " ", "  ", "\n", ",", "-", "'", ".", "x" * 25, "Ann"]
    rng = random.Random(16)
    return [
        "".join(rng.choice(pieces) for _ in range(rng.choice([3, 10, 30]))) for _ in range(count)
    ]


@pytest.mark.parametrize("text", passive_texts(150))
def test_passive_auxiliary_from_the_near_words_is_the_plain_reading(text: str) -> None:
    """Given the words of the 20 characters before the cue, the passive test reads the
    same auxiliary as from its own 40, and its kept answer is the one it would give."""
    rng = random.Random(len(text) + 2)
    for _ in range(30):
        cue = rng.randint(0, len(text))
        floor = rng.randint(0, cue)
        cue_sense._last_passive = None
        plain = cue_sense.passive_auxiliary(text, floor, cue)
        cue_sense._last_passive = None
        near = cue_sense.words_near(text, floor, cue)
        assert cue_sense.passive_auxiliary(text, floor, cue, near) == plain, (floor, cue)
        assert cue_sense.passive_auxiliary(text, floor, cue) == plain  # the kept answer
        assert cue_sense.passive_auxiliary(text + " ", floor, cue) == plain  # another text


@pytest.mark.parametrize("text", barrier_texts(100))
def test_last_sentence_end_is_where_finditer_stops(text: str) -> None:
    rng = random.Random(len(text) + 3)
    text = text.replace("said", "said. ").replace("''", "!\u201d\n")
    for _ in range(30):
        end = rng.randint(0, len(text))
        start = rng.randint(0, end)
        plain = [m.end() for m in sources._SENTENCE_END.finditer(text, start, end)]
        last = sources._LAST_SENTENCE_END.match(text, start, end)
        assert (last.end() if last else None) == (plain[-1] if plain else None), (start, end)


def quote_texts(count: int) -> list[str]:
    pieces = ["\u201c", "\u201d", "\u201c\u201d", "a", "word ", "\n", "\n\n", "\n \t\n", " ", '"']
    rng = random.Random(15)
    out = [("\u201c" + "x" * 3000 + "\u201d"), ("\u201c" + "x" * 3001 + "\u201d \u201cok\u201d")]
    for _ in range(count):
        out.append("".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))))
    return out


@pytest.mark.parametrize("text", quote_texts(300))
def test_curly_quotes_are_the_plain_finditer(text: str) -> None:
    assert units.curly_quotes(text) == [m.span() for m in units._CURLY.finditer(text)]


@pytest.mark.parametrize("text", word_texts(200))
def test_distinct_tokens_split_a_chunk_at_a_time_are_the_plain_split(text: str) -> None:
    for chunk in (1, 3, 64):
        assert _distinct_tokens(text * 3, chunk) == set((text * 3).split())


def score_texts(count: int) -> list[str]:
    pieces = ["Leeds", " ", "\t", "\n", "1", "10", ".", "x", "\u0663", "Arsenal 2 Leeds 1\n"]
    rng = random.Random(17)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(count)]


@pytest.mark.parametrize("text", score_texts(300))
def test_score_lines_are_the_lines_of_the_plain_search(text: str) -> None:
    plain, pos = [], 0
    while (found := re.compile(r"[ \t][\d.]").search(text, pos)) is not None:
        plain.append(text.rfind("\n", 0, found.start()) + 1)
        end = text.find("\n", found.end())
        if end < 0:
            break
        pos = end + 1
    assert tables._score_lines(text) == plain


def _plain_candidate(connector: str) -> re.Pattern[str]:
    """The candidate pattern as first written: a word's letters and inner apostrophes in
    one alternation, and no look-ahead for a word's first letter after a connector."""
    up, let = scan.UP, scan.LET
    token = scan.TOKEN.replace(f"[{up}]{let}*(?:['’][{up}]{let}*)*", f"[{up}](?:{let}|['’][{up}])*")
    assert token != scan.TOKEN
    return re.compile(rf"(?<![\w'’@#-]){token}(?:{connector}{token})*")


def name_texts(count: int) -> list[str]:
    pieces = ["Ann", "O'Neil", "d'Arc", "al-Assad", "ash-Shams", "McDonald", "Mac", "de", "la"]
    pieces += ["of", "the", "and", "U.S.", "AT&T", "Mr.", "G7", "Inc.", "Jones'", "x", "é", "É"]
    glue = [" ", "  ", "\n", " \n ", "-", "'", "’", ",", ". ", "", "\t"]
    rng = random.Random(18)
    return [
        "".join(rng.choice(pieces) + rng.choice(glue) for _ in range(rng.randint(1, 12)))
        for _ in range(count)
    ]


@pytest.mark.parametrize("wrapped", [False, True])
def test_candidates_are_the_plain_pattern(wrapped: bool) -> None:
    fast = scan.WRAPPED_CANDIDATE if wrapped else scan.CANDIDATE
    plain = _plain_candidate(scan._WRAP_CONNECTOR if wrapped else scan.CONNECTOR)
    texts = name_texts(1500) + [
        p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.iterdir())
    ]
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_sentence_candidates_are_the_plain_pattern() -> None:
    plain = re.compile(r"([.!?…]+[\"'”’»)\]]*)(?:\s+(?=(\S))|\s*\Z)")
    pieces = ["A", "b", ".", "..", "!", "?", "…", '"', "”", ")", "]", " ", "\n", "\t", "x. Y"]
    rng = random.Random(19)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SAMPLES.iterdir())]
    for text in texts:
        fast = [(m.span(), m.groups()) for m in sentences._CANDIDATE.finditer(text)]
        assert fast == [(m.span(), m.groups()) for m in plain.finditer(text)]


def stop_texts(count: int) -> list[str]:
    words = ["adding", "but", "as", "even", "in", "what", "who", "which", "and", "has", "walked"]
    words += ["On", "a", "his", "big", "interview", "Tweet", "during", "until", "x", "sitting"]
    glue = [" ", "  ", ", ", ",", "; ", ";", " -- ", "--", "\n", "\t", "-"]
    rng = random.Random(20)
    return [
        "".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 10)))
        for _ in range(count)
    ]


def test_clause_stops_are_the_plain_patterns() -> None:
    adjuncts, events = "|".join(objects.ADJUNCT_STARTS), objects.SPEECH_EVENTS.split()
    plain_content = re.compile(
        r";\s|\s--\s|,\s+(?:adding|saying|noting|arguing|writing|explaining|insisting|citing|"
        r"but|and|especially|although|though|even\s+as|after|because|since|while|as|with"
        r"|[a-z]{2,}ing|despite|amid|in\s+what)\b"
    )
    plain_object = re.compile(
        rf",\s+(?:who|which)\b|\s(?:{adjuncts})\b"
        r"|\s(?:and|or|but)\s+(?:has|have|had|was|were|is|will|would|[a-z]+ed)\b"
        r"|\s+(?i:in|on)\s+(?i:a|an|his|her|their|its)\s+(?:[\w-]+\s+)?(?i:"
        + "|".join(re.escape(w) for w in events)
        + r")\b"
    )
    rng = random.Random(21)
    for text in stop_texts(3000):
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for fast, plain in (
            (phrases._CONTENT_STOP, plain_content),
            (objects._OBJECT_STOP, plain_object),
        ):
            assert [m.span() for m in fast.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ]
            assert [m.span() for m in fast.finditer(text, start, end)] == [
                m.span() for m in plain.finditer(text, start, end)
            ]


def test_topic_words_are_the_plain_findall() -> None:
    plain = re.compile(r"\b[a-z]{4,}")
    pieces = ["abcd", "abc", "Abcd", "aBcde", "x1", "_abcd", "word", " ", "-", "'", "\n", *ODD]
    rng = random.Random(22)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        assert topic_words._WORD.findall(text) == plain.findall(text)
