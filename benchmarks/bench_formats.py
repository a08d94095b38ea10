"""EPUB and PDF figures (issue 12): first paint of a book as EPUB or PDF vs the same as .txt.

Run: `python benchmarks/bench_formats.py [--book PATH] [--repeat 3] [--pages 300] [--load]`.
War and Peace (`../shared/corpus/war-and-peace.txt`) is built into an EPUB
in memory (one XHTML chapter per "CHAPTER" heading, paragraphs as `<p>`), and
the text of a `--pages`-page PDF (Helvetica, 45 lines of 80 characters a page,
paragraphs wrapped, a running header and page numbers) is also written as
a .txt. Each file is opened as `reader PATH` in a fresh process (headless,
100x30, a fresh READER_HOME), format and .txt interleaved so each ratio is
taken under the same load; first paint is from spawning the process to the
article's last visible row drawn, "whole" to the whole text in the view (a
long file paints from its head first). The targets are EPUB within 1.3x and
PDF within 1.5x of the .txt. `--load` also times `load()` in this process.
Prints median wall times and the ratios.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import textwrap
import time
from pathlib import Path

from bench_reading import PATCH_AND_RUN, run_child
from make_books import PdfBlock, make_epub, make_pdf

from reader.document import load

BOOK = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "war-and-peace.txt"
LINES_PER_PAGE = 45

PAINT_CHILD = (
    r"""
import asyncio, builtins, json, resource, sys, time
R = {}

def render_line(self, y, _render=None):
    strip = _render(self, y)
    if "paint" not in R and y == self.viewport_height - 1:
        R["paint"] = time.time()
    return strip

async def pilot_run(pilot):
    while "paint" not in R:
        await asyncio.sleep(0.002)
    view = pilot.app.screen.query_one("#article")
    deadline = time.time() + 60
    while view.rest.loading and time.time() < deadline:
        await asyncio.sleep(0.005)
    R["G0"], R["G"] = R["paint"], time.time()  # G: the whole text in, after the paint
    pilot.app.exit(0)

"""
    + PATCH_AND_RUN
)
"""`reader PATH` to its first paint, then the whole text in (bench_reading's child, no `G`)."""


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


def _paint(path: Path, plain: Path, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """Medians of first paint and whole text for ``path`` and ``plain``, runs interleaved."""
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for _ in range(repeat):
        for file, runs in ((path, ours), (plain, theirs)):
            run = run_child(PAINT_CHILD, file, 90.0)
            if run is None:
                raise SystemExit(f"{file.name}: timed out")
            runs.append(run)
    return tuple(  # type: ignore[return-value]
        {key: statistics.median(r[key] for r in runs) for key in ("paint", "G")}
        for runs in (ours, theirs)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--load", action="store_true", help="also time load() in process")
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(f"load average {one:.2f} {five:.2f}; medians of {args.repeat}")
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
            fmt, base = _paint(path, plain, args.repeat)
            ratio = fmt["paint"] / base["paint"]
            verdict = "ok" if ratio <= target else "over"
            print(
                f"{name:18} {path.stat().st_size / 2**20:4.1f} MB  first paint "
                f"{fmt['paint']:.3f} s  .txt {base['paint']:.3f} s  ratio {ratio:4.2f}x "
                f"(target {target}x: {verdict});  whole text in {fmt['G']:.2f} s after "
                f"(.txt {base['G']:.2f} s)"
            )
            if args.load:
                fmt_load, base_load = _time(path, args.repeat), _time(plain, args.repeat)
                print(
                    f"{'':18} load() {fmt_load * 1000:.0f} ms  .txt {base_load * 1000:.0f} ms"
                    f"  ratio {fmt_load / base_load:.2f}x"
                )
        one, five, _ = os.getloadavg()
        print(f"load average after {one:.2f} {five:.2f}")


if __name__ == "__main__":
    main()
