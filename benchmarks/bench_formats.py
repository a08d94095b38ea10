"""EPUB and PDF load figures (issue 12): `load()` of a book as EPUB or PDF vs the same as .txt.

Run: `python benchmarks/bench_formats.py [--book PATH] [--repeat 5] [--pages 300]`.
War and Peace (`../shared/corpus/war-and-peace.txt`) is built into an EPUB
in memory (one XHTML chapter per "CHAPTER" heading, paragraphs as `<p>`), and
the text of a `--pages`-page PDF (Helvetica, 45 lines of 80 characters a page,
paragraphs wrapped, a running header and page numbers) is also written as
a .txt. `load()` is the proxy for first paint; the targets are EPUB within 1.3x
and PDF within 1.5x of the .txt. Prints median wall times and the ratios.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import textwrap
import time
from pathlib import Path

from make_books import PdfBlock, make_epub, make_pdf

from reader.document import load

BOOK = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "war-and-peace.txt"
LINES_PER_PAGE = 45


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def book_chapters(text: str) -> list[tuple[str, list[str]]]:
    """Chapters split at "CHAPTER" headings; the front matter is a chapter without one."""
    chapters: list[tuple[str, list[str]]] = [("", [])]
    for para in _paragraphs(text):
        if para.startswith("CHAPTER"):
            chapters.append((para, []))
        else:
            chapters[-1][1].append(para)
    return [c for c in chapters if c[0] or c[1]]


def pdf_pages(text: str, pages: int) -> tuple[list[list[PdfBlock]], str]:
    """`pages` pages of the book's paragraphs, and the same paragraphs as plain text."""
    out: list[list[PdfBlock]] = [[]]
    used, kept = 0, []
    for para in _paragraphs(text):
        lines = textwrap.wrap(para, 80)
        if used + len(lines) > LINES_PER_PAGE:
            if len(out) == pages:
                break
            out.append([])
            used = 0
        out[-1].append((11.0, lines))
        kept.append(para)
        used += len(lines) + 1
    return out, "\n\n".join(kept) + "\n"


def _time(path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        load(str(path))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    text = args.book.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        epub, txt = folder / "book.epub", folder / "book.txt"
        epub.write_bytes(make_epub(book_chapters(text), title="War and Peace", author="Tolstoy"))
        txt.write_text(text, encoding="utf-8")
        pages, same = pdf_pages(text, args.pages)
        pdf, pdf_txt = folder / "pages.pdf", folder / "pages.txt"
        pdf.write_bytes(make_pdf(pages, title="War and Peace", header="WAR AND PEACE"))
        pdf_txt.write_text(same, encoding="utf-8")
        rows = [
            ("EPUB", epub, txt, 1.3),
            (f"PDF ({len(pages)} pages)", pdf, pdf_txt, 1.5),
        ]
        for name, path, plain, target in rows:
            fmt, base = _time(path, args.repeat), _time(plain, args.repeat)
            ratio = fmt / base
            verdict = "ok" if ratio <= target else "over"
            print(
                f"{name:18} {path.stat().st_size / 2**20:5.1f} MB  load {fmt * 1000:7.0f} ms"
                f"  .txt {base * 1000:6.0f} ms  ratio {ratio:4.2f}x (target {target}x: {verdict})"
            )


if __name__ == "__main__":
    main()
