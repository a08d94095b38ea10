"""Document layer figures (issue 2): how long `load()` takes on a big plain-text book.

Run: `python benchmarks/bench_load.py [--book PATH] [--repeat 15]`.
For slices of about 100 KB and 1 MB (cut at a paragraph break) and the whole
book (`../shared/corpus/war-and-peace.txt`, 3.2 MB), prints the median and best
wall time of `reader.document.load()` (read + decode + blocks + sentences), its
median CPU time (steadier on a shared machine), the split between its stages
(CPU medians), plus the block and sentence counts. The reading view's first
paint has 0.5 s in all; the loader's share should stay well under 0.2 s.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    """Print one table row per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=DEFAULT_BOOK)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    book = args.book.read_text(encoding="utf-8")
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
