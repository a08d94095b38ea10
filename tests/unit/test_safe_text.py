"""Terminal sanitising: no escape sequence from outside reaches the terminal raw."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.safe_text import for_terminal, one_line, same_length, without_colours

HOSTILE = [
    "Report \x1b]52;c;ZWNobyBwd25lZA==\x07",  # OSC 52: writes the clipboard
    "\x1b]0;new title\x1b\\",  # OSC 0: sets the window title
    "\x1b[2J\x1b[H",  # clears the screen
    "\x9b31m",  # 8-bit CSI
    "\x90qpayload\x9c",  # 8-bit DCS ... ST
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_control_survives(text: str) -> None:
    for clean in (for_terminal(text), one_line(text), for_terminal(text, keep_breaks=False)):
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in clean)


def test_escape_is_shown_not_dropped() -> None:
    assert for_terminal("a\x1b[31mb") == "a\u241b[31mb"
    assert for_terminal("bell\x07") == "bell\u2407"


def test_breaks_kept_or_flattened() -> None:
    assert for_terminal("one\n\ttwo") == "one\n\ttwo"
    assert for_terminal("one\ntwo", keep_breaks=False) == "one\u240atwo"
    assert one_line("one\n\n two\tthree") == "one  two three"


def test_bidi_override_is_shown() -> None:
    assert for_terminal("invoice\u202etxt.exe") == "invoice<U+202E>txt.exe"
    assert "\u2066" not in one_line("a\u2066b")
    assert (
        for_terminal("\u05e9\u05dc\u05d5\u05dd\u200f (2024)")
        == "\u05e9\u05dc\u05d5\u05dd\u200f (2024)"
    )


def test_same_length_keeps_offsets() -> None:
    text = "Acme\x07 Systems\x1b[0m \x0cnext page \u00e9\u202e"
    clean = same_length(text)
    assert len(clean) == len(text)
    assert "\x1b" not in clean and "\x07" not in clean
    assert clean.endswith("next page \u00e9\u202e")
    assert "\x0c" not in clean


def test_ordinary_text_unchanged() -> None:
    text = "«Déjà vu» — 東京, naïve café; tab\there\nnew line"
    assert for_terminal(text) == text
    assert same_length(text) == text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("said \x1b[1;31mJohn Smith\x1b[0m.", "said John Smith."),  # `ls --color > f`
        ("x\x9b31my\x1b[m", "xy"),  # 8-bit CSI, bare reset
        ("a\x1b]52;c;aGVsbG8=\x07b", "a\x1b]52;c;aGVsbG8=\x07b"),  # OSC 52 stays, to be seen
        ("\x1b[2J\x1b[Hpage", "\x1b[2J\x1b[Hpage"),  # cursor moves stay too
        ("no escapes at all", "no escapes at all"),
    ],
)
def test_document_text_loses_only_colour_codes(raw: str, clean: str) -> None:
    assert without_colours(raw) == clean


def test_coloured_text_file_reads_as_words(tmp_path: Path) -> None:
    from reader.document import load

    path = tmp_path / "coloured.txt"
    path.write_bytes(b'"It is over," \x1b[1mJohn Smith\x1b[0m said on \x1b[31mMonday\x1b[0m.\n')
    document = load(str(path))
    assert document.text == '"It is over," John Smith said on Monday.\n'
