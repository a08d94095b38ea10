"""Keys in the first second: how long the reader takes to act on them right after it opens.

Starts the installed `reader` on a book in tmux (a real terminal), waits for the
first frame, then at once presses `space` eight times, each once the previous one
has shown, and times press-to-repaint from capture-pane. Run twice per round:
the first opening has no saved place; the second must show the place the first
left on its very first frame. Needs tmux.

    python benchmarks/bench_startup_keys.py [--book PATH] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BOOK = Path(__file__).parents[1].parent / "shared" / "corpus" / "war-and-peace.txt"
SESSION = "bench-startup-keys"


def _screen() -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", SESSION], capture_output=True, text=True
    ).stdout


def _article_rows(shown: str) -> list[str]:
    """The article's first rows (the left 90 columns: the panel fills in meanwhile)."""
    return [row[:90] for row in shown.splitlines()[1:6]]


def _wait(test: object, limit: float = 20.0) -> float:
    start = time.monotonic()
    while not test(_screen()):  # type: ignore[operator]
        if time.monotonic() - start > limit:
            raise SystemExit("the reader never showed its first frame")
        time.sleep(0.003)
    return time.monotonic() - start


def one_opening(book: Path, home: Path) -> tuple[float, list[float], list[str]]:
    """First-paint seconds, the eight key latencies, and the first frame's article rows."""
    subprocess.run(["tmux", "kill-session", "-t", SESSION], stderr=subprocess.DEVNULL)
    command = f"env -u COLUMNS -u LINES READER_HOME={home} reader {book}"
    subprocess.run(["tmux", "new-session", "-d", "-s", SESSION, "-x", "160", "-y", "45", command])
    paint = _wait(lambda shown: "%" in shown or "…" in shown.splitlines()[-2:][0])
    first_rows = _article_rows(_screen())
    latencies = []
    for _ in range(8):
        before = _screen()
        subprocess.run(["tmux", "send-keys", "-t", SESSION, "space"])
        latencies.append(_wait(lambda shown, before=before: shown != before, 5.0))
        time.sleep(0.1)
    subprocess.run(["tmux", "send-keys", "-t", SESSION, "q"])
    time.sleep(1.0)
    subprocess.run(["tmux", "kill-session", "-t", SESSION], stderr=subprocess.DEVNULL)
    return paint, latencies, first_rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("tmux") is None or shutil.which("reader") is None:
        print("needs tmux and the installed reader command", file=sys.stderr)
        return 1
    rows: list[tuple[str, float, list[float], str]] = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as home:
            fresh = one_opening(args.book, Path(home))
            again = one_opening(args.book, Path(home))
            placed = "yes" if again[2] != fresh[2] else "NO"
            rows += [("fresh", fresh[0], fresh[1], "-"), ("reopened", again[0], again[1], placed)]
    print("| opening | first paint (s) | key latencies (ms) | saved place on the first frame |")
    print("|---|---:|---|---|")
    for name, paint, latencies, placed in rows:
        shown = ", ".join(f"{1000 * latency:.0f}" for latency in latencies)
        print(f"| {name} | {paint:.2f} | {shown} | {placed} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
