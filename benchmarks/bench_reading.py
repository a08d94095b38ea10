"""Reading-view figures: process start to first paint, `G`, peak memory.

For slices of War and Peace (100 KB, 1 MB, full 3.2 MB) this runs, each in a
fresh Python process, (a) the reader as `reader PATH` would (document loaded
before the app, headless 100x30 terminal), and (b) Textual's `Markdown`
widget in a `VerticalScroll` on the same text. Times are wall clock from just
before the child process is spawned (so interpreter start and every import
count) to the first painted screen (for the reader: its last visible row
drawn; for Markdown: its first block drawn, and separately every block
mounted); `G` is from the key press to the end of the document being drawn.
Each child gets a fresh READER_HOME, so no saved reading position applies.
Markdown runs are capped (default: up to 1 MB and 60 s each). Figures go to
stdout as a table; nothing here is a test.

Run: ``python benchmarks/bench_reading.py [--book PATH] [--repeat N] [--markdown-max BYTES]``

``--issue13``: instead, issue 13's first three rows side by side in one run (a
bare Textual app, the novel in Windows-1252, 1 MB of Markdown against
Textual's `Markdown` widget, and ten novels in one 31 MB file), as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BOOK = Path("/work/shared/corpus/war-and-peace.txt")
SIZES = {"100 KB": 100_000, "1 MB": 1_000_000, "3 MB": None}

PATCH_AND_RUN = r"""
# Run the real `reader PATH` code path (reader.cli.main), patching the app's
# run() to be headless with an autopilot, and the view's render_line to note
# the times, as soon as their modules are imported (not before: importing
# them early would change what is measured).
_import = builtins.__import__
def _patching_import(name, *args, **kwargs):
    module = _import(name, *args, **kwargs)
    canvas = sys.modules.get("reader.tui.widgets.article_canvas")
    if hasattr(canvas, "ArticleCanvas") and not hasattr(canvas, "_bench"):
        canvas._bench = True
        original = canvas.ArticleCanvas.render_line
        canvas.ArticleCanvas.render_line = lambda self, y: render_line(self, y, original)
    app = sys.modules.get("reader.tui.app")
    if hasattr(app, "ReaderApp") and not hasattr(app, "_bench"):
        app._bench = True
        run = app.ReaderApp.run
        app.ReaderApp.run = lambda self: run(
            self, headless=True, size=(100, 30), auto_pilot=pilot_run
        )
    return module
builtins.__import__ = _patching_import

from reader.cli import main
main([sys.argv[1]])
R["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(R))
"""
"""The end of every child that runs `reader PATH` (here and in `bench_formats.py`)."""

READER_CHILD = (
    r"""
import asyncio, builtins, json, os, resource, sys, time
R = {}

def render_line(self, y, _render=None):
    strip = _render(self, y)
    if "paint" not in R and y == self.viewport_height - 1:
        R["paint"] = time.time()
        R["paint_cpu"] = time.process_time()
    if "G0" in R and "G" not in R and round(self.scroll_y) + y >= len(self.layout) - 1:
        R["G"] = time.time()
    return strip

async def pilot_run(pilot):
    while "paint" not in R:
        await asyncio.sleep(0.002)
    await pilot.pause()
    view = pilot.app.screen.query_one("#article")
    assert view.scroll_y == 0 and view.max_scroll_y > 0, "the view must start at the top"
    R["G0"] = time.time()
    await pilot.press("G")
    while "G" not in R:
        await asyncio.sleep(0.001)
    # Peak memory counts the background analysis too: let it finish (the side
    # panel's body holds the result) or give up after 20 s ($BENCH_ANALYSIS_WAIT).
    body = pilot.app.screen.query_one("#reading-body")
    display = pilot.app._display

    def stamped(screen, renderable):  # the first frame written once the panel is filled
        display(screen, renderable)
        if renderable is not None and "full" not in R and body.analysis is not None:
            R["full"] = time.time()

    pilot.app._display = stamped
    deadline = time.time() + float(os.environ.get("BENCH_ANALYSIS_WAIT", "20"))
    while "full" not in R and time.time() < deadline:
        await asyncio.sleep(0.01)
    R["analysed"] = "full" in R
    if R["analysed"]:
        await pilot.pause()  # and the process idle again (at most 1 s: Textual's wait)
        R["idle"] = time.time()
    pilot.app.exit(0)

"""
    + PATCH_AND_RUN
)

MARKDOWN_CHILD = r"""
import asyncio, json, resource, sys, time
R = {}
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock

_render_lines = MarkdownBlock.render_lines
def render_lines(self, crop):
    R.setdefault("paint", time.time())  # the compositor draws the first block
    return _render_lines(self, crop)
MarkdownBlock.render_lines = render_lines

text = open(sys.argv[1], encoding="utf-8").read()

class MarkdownApp(App):
    def compose(self):
        with VerticalScroll():
            yield Markdown(text)

async def pilot_run(pilot):
    markdown = pilot.app.query_one(Markdown)
    while "paint" not in R:
        await asyncio.sleep(0.002)
    await asyncio.sleep(0.05)
    async with markdown.lock:  # held until every block is mounted
        R["mounted"] = time.time()
    await pilot.pause()
    scroller = pilot.app.query_one(VerticalScroll)
    R["G0"] = time.time()
    scroller.scroll_end(animate=False, immediate=True)
    await pilot.pause()
    R["G"] = time.time()
    pilot.app.exit(0)

MarkdownApp().run(headless=True, size=(100, 30), auto_pilot=pilot_run)
R["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(R))
"""


BARE_CHILD = r"""
import json, resource, sys, time
R = {}
from textual.app import App
from textual.strip import Strip
from textual.widget import Widget

class Lines(Widget):
    def render_line(self, y):
        if "paint" not in R and y == self.size.height - 1:
            R["paint"] = time.time()
            R["paint_cpu"] = time.process_time()
        return Strip.blank(self.size.width)

async def pilot_run(pilot):
    import asyncio
    while "paint" not in R:
        await asyncio.sleep(0.002)
    R["G0"] = R["G"] = time.time()
    pilot.app.exit(0)

class Bare(App):
    def compose(self):
        yield Lines()

Bare().run(headless=True, size=(100, 30), auto_pilot=pilot_run)
R["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(R))
"""


def run_child(
    code: str, path: Path, timeout: float, cache: Path | None = None, home: Path | None = None
) -> dict[str, float] | None:
    """Run one measurement in a fresh process; None if it timed out. ``cache``: a
    warm cache to start from (`$READER_HOME/cache`: tables, parsed stylesheets), as a
    reader's would be; ``home``: run in that data directory instead (to warm it)."""
    # A fresh data directory: a reading position saved by an earlier run would
    # open the book at the end and make `G` a no-op.
    with tempfile.TemporaryDirectory() as fresh:
        if home is None:
            home = Path(fresh)
            if cache is not None:
                shutil.copytree(cache, home / "cache")
        env = {**os.environ, "READER_HOME": str(home)}
        start = time.time()
        try:
            done = subprocess.run(
                [sys.executable, "-c", code, str(path)],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=True,
                env=env,
            )
        except subprocess.TimeoutExpired:
            return None
    result = json.loads(done.stdout.strip().splitlines()[-1])
    figures = {"paint": result["paint"] - start, "G": result["G"] - result["G0"]}
    if "mounted" in result:
        figures["mounted"] = result["mounted"] - start
    figures["maxrss_mb"] = result["maxrss_mb"]
    if "paint_cpu" in result:  # the process's CPU seconds to the first paint (less noisy)
        figures["paint_cpu"] = result["paint_cpu"]
    figures["analysed"] = float(result.get("analysed", True))
    if "full" in result:  # the side panel filled and drawn, after the first paint
        figures["full"] = result["full"] - result["paint"]
        figures["idle"] = result["idle"] - result["paint"]
    return figures


def extract_wall(path: Path, timeout: float, home: Path) -> dict[str, float]:
    """Wall time of `reader extract PATH --json` (output discarded), a fresh process with
    ``home`` as its data directory (its table cache warm)."""
    env = {**os.environ, "READER_HOME": str(home)}
    command = [sys.executable, "-m", "reader", "extract", str(path), "--json"]
    start = time.time()
    subprocess.run(command, env=env, timeout=timeout, check=True, stdout=subprocess.DEVNULL)
    return {"wall": time.time() - start}


def slice_book(book: Path, size: int | None, folder: Path) -> Path:
    """The first ``size`` bytes of the book, cut at a paragraph break."""
    text = book.read_text(encoding="utf-8")
    if size is not None:
        cut = text.rfind("\n\n", 0, size)
        text = text[: cut if cut > 0 else size]
    path = folder / f"slice-{size or 'full'}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def median_run(code: str, path: Path, repeat: int, timeout: float) -> dict[str, float] | None:
    """Median of each figure over ``repeat`` runs (None if any run timed out)."""
    runs = [run_child(code, path, timeout) for _ in range(repeat)]
    if any(run is None for run in runs):
        return None
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}  # type: ignore[index]


def issue13_files(book: Path, folder: Path) -> dict[str, Path]:
    """The issue 13 inputs: the novel in Windows-1252, 1 MB of Markdown (the book's
    first 1 MB with its BOOK and CHAPTER lines as headings), ten novels in one file."""
    import re

    text = book.read_text(encoding="utf-8")
    cp1252 = folder / "novel-cp1252.txt"
    cp1252.write_bytes(text.encode("cp1252", "replace"))
    cut = text.rfind("\n\n", 0, 1_000_000)
    markdown = re.sub(r"(?m)^(CHAPTER [IVXLC]+)", r"## \1", text[:cut])
    markdown = re.sub(r"(?m)^(BOOK [A-Z]+.*)$", r"# \1", markdown)
    md = folder / "book-1mb.md"
    md.write_text(markdown, encoding="utf-8")
    big = folder / "ten-novels.txt"
    big.write_text("\n\n".join([text] * 10), encoding="utf-8")
    return {"novel": cp1252, "markdown": md, "big": big}


def issue13(book: Path, repeat: int, timeout: float) -> None:
    """The first three rows of issue 13's table, measured side by side in this run."""
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; medians of {repeat}")
    with tempfile.TemporaryDirectory() as folder:
        files = issue13_files(book, Path(folder))
        # Compiled bytecode (kept out of the tree) and one warm table cache for every run,
        # as an installed reader has them (both are built once, on first use).
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        warm = Path(folder) / "home"
        extract_wall(files["novel"], timeout, warm)
        cache = warm / "cache"
        run_child(BARE_CHILD, files["novel"], timeout)
        # One reader run in the warm home: its cache gets what the reader keeps there
        # after its first frame (the parsed stylesheets), as after an installed reader's
        # first start; every measured run starts from a copy.
        run_child(READER_CHILD, files["markdown"], timeout, home=warm)
        # Interleaved (bare, novel, big, Markdown; again ...): the machine is shared,
        # and a ratio of two figures measured minutes apart would measure the load.
        runs: dict[str, list[dict[str, float]]] = {
            "bare": [],
            "novel": [],
            "big": [],
            "md": [],
            "extract": [],
        }
        for _ in range(repeat):
            for key, code, path in (
                ("bare", BARE_CHILD, files["novel"]),
                ("novel", READER_CHILD, files["novel"]),
                ("big", READER_CHILD, files["big"]),
                ("md", READER_CHILD, files["markdown"]),
                ("extract", "", files["novel"]),
            ):
                if key == "extract":
                    run: dict[str, float] | None = extract_wall(path, timeout, warm)
                else:
                    run = run_child(code, path, timeout, cache)
                if run is not None:
                    runs[key].append(run)
        med = {
            key: {name: statistics.median(r[name] for r in rs if name in r) for name in rs[0]}
            for key, rs in runs.items()
            if rs
        }
        bare, novel, big, md = (med.get(key) for key in ("bare", "novel", "big", "md"))
        # Peak memory depends on whether the analysis landed before the wait ended (its
        # result, and what is done with it, count then): say how often it did.
        names = {"3.2 MB cp1252 novel": "novel", "30 MB plain text": "big"}
        peaks = {
            label: max((r["maxrss_mb"] for r in runs[k]), default=0.0) for label, k in names.items()
        }
        landed = {label: sum(bool(r["analysed"]) for r in runs[k]) for label, k in names.items()}
        assert bare is not None
        print(
            f"bare Textual app: first paint {bare['paint']:.3f}s (CPU {bare['paint_cpu']:.3f}s), "
            f"{bare['maxrss_mb']:.0f} MB"
        )
        theirs = median_run(MARKDOWN_CHILD, files["markdown"], 1, timeout)
        for label, ours, base, name in (
            ("3.2 MB cp1252 novel", novel, bare, "bare app"),
            ("30 MB plain text", big, bare, "bare app"),
        ):
            if ours is None:
                print(f"{label}: timed out")
                continue
            print(
                f"{label}: first paint {ours['paint']:.3f}s = {ours['paint'] / base['paint']:.2f}x "
                f"the {name} (CPU {ours['paint_cpu']:.3f}s = "
                f"{ours['paint_cpu'] / base['paint_cpu']:.2f}x); G {ours['G'] * 1000:.0f} ms; "
                f"peak {ours['maxrss_mb']:.0f} MB (max {peaks[label]:.0f} MB; the analysis "
                f"landed in {landed[label]} of {repeat} runs)"
            )
        extract = med.get("extract")
        if novel is not None and extract is not None and "full" in novel:
            print(
                f"War and Peace (cp1252) panel full {novel['full']:.2f}s after the first paint; "
                f"`reader extract --json` {extract['wall']:.2f}s: "
                f"{novel['full'] / extract['wall']:.2f}x (the process idle again after it: "
                f"{novel['idle']:.2f}s, {novel['idle'] / extract['wall']:.2f}x)"
            )
        if md is not None and theirs is not None:
            vs_bare = md["paint"] / bare["paint"]
            print(
                f"1 MB Markdown: first paint {md['paint']:.3f}s ({vs_bare:.2f}x "
                f"the bare app); Textual's Markdown {theirs['paint']:.2f}s: "
                f"{theirs['paint'] / md['paint']:.0f}x faster"
            )


def main() -> None:
    """Print the table (MB*: peak RSS once the background analysis has finished;
    a trailing ? means it had not finished within 20 s)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--repeat", type=int, default=3, help="reader runs per size (median)")
    parser.add_argument("--markdown-max", type=int, default=1_000_000, help="largest size (chars)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per child run")
    parser.add_argument("--issue13", action="store_true", help="the issue 13 rows only")
    parser.add_argument(
        "--analysis-wait",
        type=float,
        default=20.0,
        help="seconds each reader run waits for the panel's analysis after G (peak memory "
        "counts it only if it lands)",
    )
    args = parser.parse_args()
    os.environ["BENCH_ANALYSIS_WAIT"] = str(args.analysis_wait)
    if args.issue13:
        issue13(args.book, args.repeat, args.timeout)
        return
    print(HEADER)
    with tempfile.TemporaryDirectory() as folder:
        for label, size in SIZES.items():
            path = slice_book(args.book, size, Path(folder))
            ours = median_run(READER_CHILD, path, args.repeat, args.timeout)
            theirs: dict[str, float] | None | str = "skipped"
            if size is not None and size <= args.markdown_max:
                theirs = median_run(MARKDOWN_CHILD, path, 1, args.timeout) or "timed out"
            print(format_row(label, ours, theirs))


HEADER = (
    "   size | reader paint | reader G | reader MB* | Markdown paint | Markdown mounted "
    "| Markdown G | Markdown MB | ratio"
)


def format_row(
    label: str, ours: dict[str, float] | None, theirs: dict[str, float] | str | None
) -> str:
    """One table line; ratio is Markdown's first paint over the reader's first paint."""
    if ours is None:
        return f"{label:>7} | reader timed out"
    left = (
        f"{label:>7} | {ours['paint']:>11.3f}s | {ours['G'] * 1000:>6.1f}ms "
        f"| {ours['maxrss_mb']:>9.0f}{'' if ours.get('analysed', 1) else '?'}"
    )
    if not isinstance(theirs, dict):
        return left + f" | {theirs or '':>14} |"
    ratio = theirs["paint"] / ours["paint"]
    return (
        left + f" | {theirs['paint']:>13.3f}s | {theirs['mounted']:>15.3f}s "
        f"| {theirs['G'] * 1000:>8.1f}ms | {theirs['maxrss_mb']:>11.0f} | {ratio:.0f}x"
    )


if __name__ == "__main__":
    main()
