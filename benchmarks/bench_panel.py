"""Keypress-to-repaint of the side panel on War and Peace, measured with Pilot.

Run: `python benchmarks/bench_panel.py [--synthetic | --app] [--size 120x40]`.
`--app` drives the whole reader (article and panel) while its own worker
analyses the book; the default drives the panel alone with the finished
analysis and again while a thread analyses the book in a loop.

Invariant: each figure is the time from Pilot sending a key to the end of the
first screen update after it (the compositor has rendered the changed lines:
`App._display` is wrapped to stamp it). Pilot's own idle waits (20 ms steps)
are not counted. Measured with the analysis finished and again while a thread
analyses the book. Figures go to stdout; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from panel_demo import PanelDemoApp
from panel_synthetic import synthetic_analysis
from textual import events

from reader.analysis.model import Analysis
from reader.errors import ReaderError
from reader.tui.panel import SidePanel

BOOK = Path("/work/shared/corpus/war-and-peace.txt")


def build_analysis(synthetic: bool) -> tuple[Analysis, str, Callable[[], object]]:
    """The book's analysis, how it was made, and a function that analyses it again."""
    text = BOOK.read_text(encoding="utf-8")
    if not synthetic:
        try:
            from reader.analysis import analyze
            from reader.document import load

            document = load(str(BOOK))
            return analyze(document), "rule backend", lambda: analyze(document)
        except (ReaderError, ImportError, ValueError, KeyError, IndexError) as error:
            print(f"rule backend unavailable ({type(error).__name__}: {error}); using synthetic")
    return synthetic_analysis(text), "synthetic", lambda: synthetic_analysis(text)


def summary(name: str, samples: list[Sample]) -> str:
    """One table row: wall median, p95 and worst, then UI-thread CPU median, in ms."""
    ms = sorted(wall * 1000 for wall, _ in samples)
    if not ms:
        return f"| {name} | 0 | - | - | - | - |"
    cpu = statistics.median(c * 1000 for _, c in samples)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    median = statistics.median(ms)
    return f"| {name} | {len(ms)} | {median:.1f} | {p95:.1f} | {ms[-1]:.1f} | {cpu:.1f} |"


PAINTS: list[float] = []
"""perf_counter() at the end of every screen update."""
PAINT_CPU: dict[float, float] = {}
"""The UI thread's CPU clock (thread_time) at each of those paints."""
Sample = tuple[float, float]
"""(wall seconds, UI-thread CPU seconds) from a key to the first paint after it."""


def stamp_paints(app: PanelDemoApp) -> None:
    """Wrap `App._display` so every screen update records when it finished."""
    display = app._display

    def stamped(screen, renderable) -> None:  # noqa: ANN001 - Textual internals
        display(screen, renderable)
        if renderable is not None:
            now = time.perf_counter()
            PAINTS.append(now)
            PAINT_CPU[now] = time.thread_time()

    app._display = stamped  # type: ignore[method-assign]


async def timed(pilot, keys: list[str]) -> list[Sample]:  # noqa: ANN001 - Pilot is generic
    """Press each key; time from sending it to the first repaint after it.

    A press that changes nothing on screen (e.g. stepping to the next mention
    with no article attached) paints nothing and is left out.
    """
    times = []
    for key in keys:
        PAINTS.clear()
        start, cpu = time.perf_counter(), time.thread_time()
        await pilot.press(key)
        after = [t for t in PAINTS if t > start]
        if after:
            times.append((after[0] - start, PAINT_CPU[after[0]] - cpu))
    return times


async def timed_raw(app, key: str) -> list[Sample]:  # noqa: ANN001
    """Send one key as the terminal would and wait for the next paint (no idle waits).

    Pilot waits for the process to go idle between keys, which never happens
    while the analysis thread is busy; this keeps pressing at a reader's pace.
    """
    PAINTS.clear()
    start, cpu = time.perf_counter(), time.thread_time()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)
    while time.perf_counter() - start < 2.0:
        await asyncio.sleep(0.002)
        if any(t > start for t in PAINTS):
            break
    await asyncio.sleep(0.05)
    painted = [t for t in PAINTS if t > start]
    return [(painted[0] - start, PAINT_CPU[painted[0]] - cpu)] if painted else []


async def scenario(pilot, app: PanelDemoApp) -> dict[str, list[Sample]]:  # noqa: ANN001
    """The interactions a reader does in the panel."""
    panel = app.query_one(SidePanel)
    out: dict[str, list[Sample]] = {}
    panel.action_show_tab("entities")
    await pilot.pause()
    out["entities: down"] = await timed(pilot, ["down"] * 40)
    out["entities: pagedown"] = await timed(pilot, ["pagedown"] * 10)
    out["entities: enter (expand, step)"] = await timed(pilot, ["enter"] * 5)
    out["entities: s (regroup)"] = await timed(pilot, ["s"] * 4)
    await pilot.press("slash")
    out["filter: typing"] = await timed(pilot, list("prince"))
    PAINTS.clear()
    start = time.perf_counter()
    panel.entities.apply_filter_now()
    rebuilt = time.perf_counter()
    await pilot.pause()
    painted = [t for t in PAINTS if t > rebuilt]
    out["filter: debounced rebuild"] = [((painted[0] if painted else rebuilt) - start, 0.0)]
    out["filter: erasing"] = await timed(pilot, ["backspace"] * 6)
    await pilot.press("enter")
    panel.action_show_tab("claims")
    await pilot.pause()
    out["claims: down"] = await timed(pilot, ["down"] * 40)
    out["claims: pagedown"] = await timed(pilot, ["pagedown"] * 10)
    out["claims: tag filter 1-6, 0"] = await timed(pilot, [*"123456", "0"] * 2)
    out["claims: end/home"] = await timed(pilot, ["end", "home"] * 3)
    return out


async def run(size: tuple[int, int], synthetic: bool) -> None:
    """Open the panel on the book and print a Markdown table of figures."""
    analysis, how, again = build_analysis(synthetic)
    print(
        f"War and Peace, {how}: {len(analysis.entities)} entities, {len(analysis.claims)} claims; "
        f"terminal {size[0]}x{size[1]}"
    )
    app = PanelDemoApp(analysis)
    stamp_paints(app)
    start = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        print(f"panel open and filled: {(time.perf_counter() - start) * 1000:.0f} ms (incl. app)")
        start = time.perf_counter()
        app.query_one(SidePanel).show(analysis)
        await pilot.pause()
        print(f"show(analysis) + repaint: {(time.perf_counter() - start) * 1000:.0f} ms")
        print("| interaction | presses | median ms | p95 ms | max ms | UI CPU median ms |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, times in (await scenario(pilot, app)).items():
            print(summary(name + " (idle)", times))
        stop = threading.Event()
        runs: list[float] = []

        def analyse_until_stopped() -> None:
            while not stop.is_set():
                begun = time.perf_counter()
                again()
                runs.append(time.perf_counter() - begun)

        busy = threading.Thread(target=analyse_until_stopped, daemon=True)
        busy.start()
        for name, times in (await scenario(pilot, app)).items():
            print(summary(name + " (analysis running)", times))
        stop.set()
        busy.join()
        middle = statistics.median(runs) if runs else 0.0
        print(f"background analyses completed meanwhile: {len(runs)}, median {middle:.2f} s each")


async def run_app(size: tuple[int, int]) -> None:
    """The whole reader on the book: keys while its own worker analyses, then after."""
    os.environ["READER_HOME"] = tempfile.mkdtemp(prefix="bench-panel-")  # no real store
    from reader.document import load
    from reader.tui.app import ReaderApp
    from reader.tui.panel.wiring import ReadingBody

    app = ReaderApp(load(str(BOOK)))
    stamp_paints(app)  # type: ignore[arg-type]
    start = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        body = app.screen.query_one(ReadingBody)
        await pilot.pause()
        print(f"reader open on the book: {(time.perf_counter() - start) * 1000:.0f} ms")
        during: dict[str, list[Sample]] = {"article: j": [], "article: space": [], "tab": []}
        while body.analysis is None:
            for key, name in (("j", "article: j"), ("space", "article: space"), ("tab", "tab")):
                if body.analysis is None:
                    during[name] += await timed_raw(app, key)
        print(f"analysis filled the panel {time.perf_counter() - start:.1f} s after opening")
        analysis = body.analysis
        print(f"rule backend: {len(analysis.entities)} entities, {len(analysis.claims)} claims")
        print("| interaction | presses | median ms | p95 ms | max ms | UI CPU median ms |")
        print("| --- | --- | --- | --- | --- | --- |")
        for name, times in during.items():
            print(summary(name + " (analysis running)", times))
        app.screen.query_one(SidePanel).focus_list()
        for name, times in (await scenario(pilot, app)).items():  # type: ignore[arg-type]
            print(summary(name + " (after)", times))
        body.article.focus()
        after = {
            "article: ] next claim": await timed(pilot, ["right_square_bracket"] * 20),
            "article: j": await timed(pilot, ["j"] * 20),
        }
        for name, times in after.items():
            print(summary(name + " (after)", times))


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", action="store_true", help="skip the rule backend")
    parser.add_argument("--app", action="store_true", help="the whole reader, real analysis")
    parser.add_argument("--size", default="120x40", help="terminal size, e.g. 120x40")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    if args.app:
        asyncio.run(run_app((width, height)))
    else:
        asyncio.run(run((width, height), args.synthetic))


if __name__ == "__main__":
    main()
