"""Document layer figures (issue 2): how long `load()` takes on a big plain-text book.

Run: `python benchmarks/bench_load.py [--book PATH] [--repeat 15]`.
For slices of about 100 KB and 1 MB (cut at a paragraph break) and the whole
book (`../shared/corpus/war-and-peace.txt`, 3.2 MB), prints the median and best
wall time of `reader.document.load()` (read + decode + blocks + sentences), its
median CPU time (steadier on a shared machine), the split between its stages
(CPU medians), plus the block and sentence counts. The reading view's first
paint has 0.5 s in all; the loader's share should stay well under 0.2 s.

`--hostile` instead times generated worst cases (issue 8, "bounded cost"),
each in a fresh process so its peak memory is its own: 48 MB of `&amp;` as
Markdown (refused at once: over the Markdown limit) and as plain text, 9 MB
of `&amp;` Markdown (inline markup past the budget is shown as text), 9 MB
of prose Markdown, 3.5 MB of HTML and 48 MB of plain prose.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reader.document import load
from reader.document.decode import decode
from reader.document.loader import block_sentences
from reader.document.plaintext import parse_plain

DEFAULT_BOOK = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "war-and-peace.txt"
SIZES = (("100 KB", 100_000), ("1 MB", 1_000_000), ("whole", 0))


def timed(
    action: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    """Times of `repeat` calls by `clock` (wall time unless told), in seconds."""
    times = []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return times


def slice_book(text: str, size: int) -> str:
    """The first `size` characters of the book, cut at a paragraph break."""
    if not size or size >= len(text):
        return text
    cut = text.rfind("\n\n", 0, size)
    return text[: cut if cut > 0 else size]


def stages(path: Path, repeat: int) -> tuple[float, float, float]:
    """Median CPU seconds spent decoding, finding blocks and splitting sentences."""
    raw = path.read_bytes()
    text = decode(raw, source=str(path))
    parsed = parse_plain(text)
    cpu = time.process_time
    decode_s = statistics.median(timed(lambda: decode(raw, source=str(path)), repeat, cpu))
    parse_s = statistics.median(timed(lambda: parse_plain(text), repeat, cpu))
    sent_s = statistics.median(
        timed(lambda: block_sentences(parsed.text, parsed.blocks), repeat, cpu)
    )
    return decode_s, parse_s, sent_s


def hostile_input(kind: str, book: str) -> tuple[bytes, str]:
    """Generated worst-case content and the name it is loaded as."""
    mb = 2**20
    if kind == "entities-48MB.md":
        return b"&amp;" * (48 * mb // 5), kind
    if kind == "entities-48MB.txt":
        return b"&amp;" * (48 * mb // 5), kind
    if kind == "entities-9MB.md":
        return (b"&amp; " * 100 + b"\n\n") * (9 * mb // 602), kind
    if kind == "prose-9MB.md":
        return (book * (9 * mb // len(book) + 1))[: 9 * mb].encode(), kind
    if kind == "prose-48MB.txt":
        return (book * (48 * mb // len(book) + 1))[: 48 * mb].encode(), kind
    import html

    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in book.split("\n\n"))
    page = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    return page[: int(3.5 * mb)].encode(), "page-3.5MB.html"


HOSTILE = (
    "entities-48MB.md",
    "entities-48MB.txt",
    "entities-9MB.md",
    "prose-9MB.md",
    "prose-48MB.txt",
    "page-3.5MB.html",
)


def _hostile_run(kind: str, book: str, results: multiprocessing.Queue[str]) -> None:
    from reader.document import load_text
    from reader.errors import InputError

    raw, name = hostile_input(kind, book)
    start = time.perf_counter()
    try:
        doc = load_text(raw, source=name)
        outcome = f"{len(doc.text):,} chars, {len(doc.blocks):,} blocks"
    except InputError as error:
        outcome = f"refused: {error}"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.put(f"| {kind} | {seconds:.2f} | {peak:.0f} | {outcome} |")


def hostile(book: str) -> None:
    """One row per worst case: wall seconds of `load_text` and the process's peak RSS."""
    print("| input | seconds | peak MB (process) | outcome |")
    print("|---|---:|---:|---|")
    results: multiprocessing.Queue[str] = multiprocessing.Queue()
    for kind in HOSTILE:
        process = multiprocessing.Process(target=_hostile_run, args=(kind, book, results))
        process.start()
        print(results.get())
        process.join()


def main() -> None:
    """Print one table row per size (or per worst case with `--hostile`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=DEFAULT_BOOK)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--hostile", action="store_true", help="time generated worst cases")
    args = parser.parse_args()
    book = args.book.read_text(encoding="utf-8")
    if args.hostile:
        hostile(book)
        return
    print(
        "| size | chars | blocks | sentences | load median (ms) | load best (ms) "
        "| load CPU median (ms) | decode (ms) | blocks (ms) | sentences (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in SIZES:
            path = Path(tmp) / f"book-{label.replace(' ', '')}.txt"
            path.write_text(slice_book(book, size), encoding="utf-8")
            doc = load(str(path))
            times = timed(lambda p=path: load(str(p)), args.repeat)
            cpu = timed(lambda p=path: load(str(p)), args.repeat, time.process_time)
            decode_s, parse_s, sent_s = stages(path, args.repeat)
            print(
                f"| {label} | {len(doc.text):,} | {len(doc.blocks):,} | {len(doc.sentences):,} "
                f"| {statistics.median(times) * 1000:.0f} | {min(times) * 1000:.0f} "
                f"| {statistics.median(cpu) * 1000:.0f} "
                f"| {decode_s * 1000:.0f} | {parse_s * 1000:.0f} | {sent_s * 1000:.0f} |"
            )


if __name__ == "__main__":
    main()
