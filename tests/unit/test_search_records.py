"""An article record is written a slice of its text at a time (a book never becomes one
more whole copy in memory), and the file is the same JSON as one `json.dumps` of it."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

import pytest

from reader.search import sources
from reader.search.docs import ClaimDoc
from reader.search.segments import Entry
from reader.search.sources import read_record, text_sig, write_record

PIECES = ['"', "\\", "\n", "\t", "\x00", "\x1f", "\u2028", "é", "—", "\U0001f600", "\udc80", "ab "]


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["", "x", *("".join(rng.choices(PIECES, k=rng.randint(1, 60))) for _ in range(200))]


@pytest.mark.parametrize("chunk", [1, 3, 7, 1 << 20])
def test_sliced_json_and_signature_equal_the_whole(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "CHUNK", chunk)
    before = {"version": 1, "id": "0123456789abcdef", "title": 'a "title"', "date": None}
    for text in _texts(chunk):
        for after in ({}, {"text_sig": "s", "marks": [0, 5]}):
            whole = json.dumps({**before, "text": text, **after}, ensure_ascii=False)
            parts = sources._record_json(before, text, after)
            assert b"".join(parts) == whole.encode("utf-8", "surrogatepass")
        expected = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        assert text_sig(text) == expected


def test_a_record_reads_back_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "CHUNK", 5)
    text = 'He said "no" \\ twice.\n\nÉmile — \U0001f600 left.' * 3
    claim = ClaimDoc("c1", 0, 12, "He said", "no", "Émile", ("reported",))
    entry = Entry(
        "0123456789abcdef", "T", "s.txt", "", text=text, text_sig=text_sig(text), claims=[claim]
    )
    write_record(tmp_path, entry, None)
    record = read_record(tmp_path, "0123456789abcdef")
    assert record is not None and record.text == text
    assert record.claims == [claim]
    # Only the claims given: the text kept before stays.
    write_record(tmp_path, Entry("0123456789abcdef", "T", "s.txt", "", claims=[]), None)
    again = read_record(tmp_path, "0123456789abcdef")
    assert again is not None and again.text == text and again.claims == []
