"""A PDF opened again comes from the extracted-text cache, never from a bad entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from make_books import PdfBlock, make_pdf

from reader.document import load, load_text, pdf_cache
from reader.document import pdf as pdf_module
from reader.paths import cache_dir

PAGES: list[list[PdfBlock]] = [
    [(20, ["Harbour tender report"]), (11, ["The auditors said the contract was awarded."])],
    [(11, ["Ms Varga denied it on Monday."])],
]


def _entries() -> list[Path]:
    return sorted((cache_dir() / "pdf").glob("*.json"))


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real extractions (pypdf runs) in the test."""
    calls: list[int] = []
    real = pdf_module.read_pdf

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_module, "read_pdf", counting)
    return calls


def test_second_opening_reads_the_cache_and_gives_the_same_document(
    tmp_path: Path, extractions: list[int]
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(PAGES, title="Harbour Report"))
    first = load(str(path))
    assert len(extractions) == 1 and len(_entries()) == 1
    second = load(str(path))
    assert len(extractions) == 1  # pypdf did not run again
    assert second == first
    assert second.text[second.pages[1] :].startswith("Ms Varga denied")


def test_other_bytes_are_extracted_afresh(extractions: list[int]) -> None:
    load_text(make_pdf(PAGES), source="a.pdf")
    changed = load_text(make_pdf([*PAGES, [(11, ["A page added later."])]]), source="a.pdf")
    assert len(extractions) == 2 and len(_entries()) == 2
    assert changed.text.endswith("A page added later.")


@pytest.mark.parametrize(
    "spoil",
    [
        lambda entry: "{not json",
        lambda entry: json.dumps({**entry, "key": "1/0.0/pypdf-1/" + "0" * 64}),  # stale
        lambda entry: json.dumps({**entry, "pages": [0, 10**9]}),  # past the text
        lambda entry: json.dumps({**entry, "blocks": [["script", 0, 5, 0, ""]]}),
        lambda entry: json.dumps({**entry, "blocks": [["paragraph", 9, 3, 0, ""]]}),
        lambda entry: json.dumps({**entry, "text": 42}),
        lambda entry: json.dumps([entry]),
    ],
    ids=[
        "corrupt",
        "stale-key",
        "page-out-of-text",
        "unknown-kind",
        "reversed-block",
        "text-not-string",
        "not-an-object",
    ],
)
def test_a_bad_entry_is_ignored_and_replaced(spoil: object, extractions: list[int]) -> None:
    raw = make_pdf(PAGES)
    good = load_text(raw, source="a.pdf")
    [entry_path] = _entries()
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry_path.write_text(spoil(entry), encoding="utf-8")  # type: ignore[operator]
    again = load_text(raw, source="a.pdf")
    assert again == good and len(extractions) == 2
    assert json.loads(entry_path.read_text(encoding="utf-8")) == entry  # rewritten whole


def test_an_unwritable_cache_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extractions: list[int]
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setattr(pdf_cache, "cache_dir", lambda: blocked)
    doc = load_text(make_pdf(PAGES), source="a.pdf")
    assert doc.text.startswith("Harbour tender report")
    load_text(make_pdf(PAGES), source="a.pdf")
    assert len(extractions) == 2


def test_old_entries_are_pruned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_cache, "KEEP", 2)
    for n in range(4):
        load_text(make_pdf([[(11, [f"Page number {n} of a short report."])]]), source="a.pdf")
    assert len(_entries()) == 2
    assert not list((cache_dir() / "pdf").glob(".part-*"))


def test_a_cached_long_pdf_opens_on_its_head_cut_from_the_cache(
    tmp_path: Path, extractions: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.document import paged_head
    from reader.document.paged_head import HEAD_PAGES, load_paged_head, whole_loader

    monkeypatch.setitem(paged_head.MIN_BYTES, "pdf", 1024)

    pages: list[list[PdfBlock]] = [
        [(11, [f"Clause {n} of the harbour tender was read out.", "The board agreed."])]
        for n in range(HEAD_PAGES + 6)
    ]
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf(pages))
    whole = load(str(path))
    assert len(extractions) == 1
    head = load_paged_head(str(path))
    assert head is not None and len(extractions) == 1  # cut from the cache, no pypdf
    assert whole.text.startswith(head.text) and len(head.text) < len(whole.text)
    assert head.pages == whole.pages[:HEAD_PAGES]
    assert f"Clause {HEAD_PAGES - 1} " in head.text and f"Clause {HEAD_PAGES} " not in head.text
    assert whole_loader(head)(str(path)) == whole  # in process: nothing left for pypdf
    assert len(extractions) == 1
