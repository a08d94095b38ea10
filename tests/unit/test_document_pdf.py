"""PDF: the text layer as headings and paragraphs, page offsets, and unreadable PDFs."""

from __future__ import annotations

import io
import textwrap
from bisect import bisect_right
from pathlib import Path

import pypdf
import pytest
from make_books import PdfBlock, make_pdf

from reader.analysis import analyze
from reader.cli import main
from reader.document import load, load_text
from reader.document.model import BlockKind, Document

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_articles" / "harbour-tender.txt"

PAGES: list[list[PdfBlock]] = [
    [
        (20, ["Port contract went to partner"]),
        (11, ["The city of Valmora awarded a con-", "tract to a firm, the auditors said."]),
        (11, ["Ms Varga denied it and called the tender the most", "open the city had"]),
    ],
    [(11, ["ever run.", "A second paragraph starts here."])],
    [(11, ["The last page."])],
]


def test_paragraphs_headings_hyphens_running_headers_and_pages() -> None:
    doc = load_text(make_pdf(PAGES, header="Valmora Gazette"), source="port.pdf")
    assert (doc.format, doc.title) == ("pdf", "Port contract went to partner")
    assert doc.text == (
        "Port contract went to partner\n\n"
        "The city of Valmora awarded a contract to a firm, the auditors said.\n\n"
        "Ms Varga denied it and called the tender the most open the city had ever run.\n\n"
        "A second paragraph starts here.\n\nThe last page."
    )
    assert doc.blocks[0].kind is BlockKind.HEADING
    assert [b.kind for b in doc.blocks[1:]] == [BlockKind.PARAGRAPH] * 4
    assert doc.pages[0] == 0
    assert doc.text[doc.pages[1] :].startswith("ever run.")
    assert doc.text[doc.pages[2] :] == "The last page."
    assert bisect_right(doc.pages, doc.text.index("A second")) == 2


def test_the_title_comes_from_the_document_info_first() -> None:
    doc = load_text(make_pdf(PAGES, title="Harbour Report"), source="-")
    assert (doc.format, doc.title) == ("pdf", "Harbour Report")


def _pdf_of(doc: Document, lines_per_page: int = 30) -> bytes:
    pages: list[list[PdfBlock]] = [[]]
    used = 0
    for block in doc.blocks:
        text = " ".join(doc.text[block.start : block.end].split())
        size = 18.0 if block.kind is BlockKind.HEADING else 11.0
        lines = textwrap.wrap(text, 60 if size > 11 else 80, break_on_hyphens=False)
        if used + len(lines) > lines_per_page:
            pages.append([])
            used = 0
        pages[-1].append((size, lines))
        used += len(lines) + 1
    return make_pdf(pages, header="Costa Bruna Herald")


def test_the_analysis_matches_the_same_text_as_plain_text() -> None:
    plain = load(str(SAMPLE))
    doc = load_text(_pdf_of(plain), source="tender.pdf")

    def norm(s: str) -> str:
        return " ".join(s.split())

    assert norm(doc.text) == norm(plain.text)
    ours, theirs = analyze(doc), analyze(plain)
    assert sorted(e.name for e in ours.entities) == sorted(e.name for e in theirs.entities)
    assert [norm(doc.text[c.start : c.end]) for c in ours.claims] == [
        norm(plain.text[c.start : c.end]) for c in theirs.claims
    ]
    for span in (*doc.blocks, *doc.sentences):
        assert 0 <= span.start < span.end <= len(doc.text)
        assert doc.text[span.start : span.end].strip() == doc.text[span.start : span.end]
    assert list(doc.pages) == sorted(doc.pages) and len(doc.pages) > 1


def _encrypted() -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf(PAGES))))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


GOOD = make_pdf(PAGES)
BAD = {
    "scan.pdf": (make_pdf([[], []], numbers=False), "no text layer: this PDF is scanned images"),
    "locked.pdf": (_encrypted(), "encrypted and needs a password"),
    "truncated.pdf": (GOOD[:200], "not a valid PDF"),
    "garbage.pdf": (b"%PDF-1.4\n" + b"\x00junk" * 50, "not a valid PDF"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_unreadable_pdfs_are_one_clear_line_and_exit_1(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["extract", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err and "Traceback" not in err


def test_a_broken_xref_is_recovered_or_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = GOOD.rindex(b"xref")
    broken = GOOD[:start] + GOOD[start:].replace(b" 00000 n", b" 00000 x").replace(b"0000", b"9999")
    path = tmp_path / "xref.pdf"
    path.write_bytes(broken)
    code = main(["extract", str(path)])
    captured = capsys.readouterr()
    if code == 0:
        assert "Valmora" in captured.out
    else:
        assert code == 1 and "\n" not in captured.err.strip()
        assert "PDF" in captured.err
