"""Ledger figures on a 2,000-article library: the screen opening, an entity's claims, links.

Builds the library once in DIR (`benchmarks/make_library.py`, then `reader add`) unless
it is there already, then, in a headless 120x36 app started on the library screen:
- **open**: from `e` to the entity list drawn (a new `LedgerScreen` and `Library` each
  time: the cache file is read, not the articles); target < 300 ms;
- **claims**: from `enter` on an entity to its claims drawn (target < 100 ms; for an
  entity with more than `FIRST_CLAIMS`, the newest of them), **all claims**: to every
  claim drawn, and **links**: to the same list redrawn with disputes and quote drift
  from other articles;
for entities ranked 1 (in the most articles), 10, 100 and 1000 and the one with the most
claims (about and by: a newspaper quoted in hundreds of articles); and, as a baseline for
what the headless app and `Pilot.press` cost on this machine, `?` to the help screen.
Wall clock, medians of `--repeat` runs, and the process's CPU time over the same steps
(both threads: on a shared machine the wall clock is mostly other people's load); the
load average is printed (2 shared cores).

Run: ``python benchmarks/bench_ledger.py [--dir /tmp/ledger-bench] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path, articles: int) -> Path:
    """The library's note store in `folder` (made the first time)."""
    db = folder / "store" / "notes.json"
    if (folder / "store" / "notes.library.articles").is_dir():
        return db
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(folder / "home")}
    texts = folder / "articles"
    make = [sys.executable, str(ROOT / "benchmarks" / "make_library.py"), str(texts)]
    subprocess.run([*make, "--articles", str(articles)], check=True, env=env)
    (folder / "store").mkdir(parents=True, exist_ok=True)
    add = [sys.executable, "-m", "reader", "add", "--db", str(db), str(texts)]
    subprocess.run(add, check=True, env=env)
    return db


async def until(ready: object, limit: float = 120.0) -> float:
    """Seconds until `ready()` holds (polled every 2 ms)."""
    start = time.perf_counter()
    while not ready():  # type: ignore[operator]
        if time.perf_counter() - start > limit:
            raise TimeoutError
        await asyncio.sleep(0.002)
    return time.perf_counter() - start


async def measure(
    db: Path, repeat: int, ranks: list[int]
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    from reader.tui.app import ReaderApp
    from reader.tui.screens.help import HelpScreen
    from reader.tui.screens.ledger import LedgerScreen
    from reader.tui.screens.library import LibraryScreen
    from reader.tui.widgets.ledger_rows import EntityLine

    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    app = ReaderApp(None, db=str(db))
    async with app.run_test(size=(120, 36)) as pilot:
        await until(lambda: isinstance(app.screen, LibraryScreen))
        await pilot.pause(0.5)
        for _ in range(repeat):
            start = time.perf_counter()  # the baseline: a screen that reads nothing
            used = time.process_time()
            await pilot.press("question_mark")
            await until(lambda: isinstance(app.screen, HelpScreen))
            await pilot.pause(0)
            times.setdefault("help (baseline)", []).append(time.perf_counter() - start)
            cpu.setdefault("help (baseline)", []).append(time.process_time() - used)
            await pilot.press("escape")
            await until(lambda: isinstance(app.screen, LibraryScreen))
            start, used = time.perf_counter(), time.process_time()
            await pilot.press("e")

            def listed() -> bool:
                screen = app.screen
                return isinstance(screen, LedgerScreen) and any(
                    isinstance(r, EntityLine) for r in screen.rows.rows
                )

            await until(listed)
            await pilot.pause(0)  # the frame with the list
            times.setdefault("open", []).append(time.perf_counter() - start)
            cpu.setdefault("open", []).append(time.process_time() - used)
            screen = app.screen
            assert isinstance(screen, LedgerScreen) and screen.entities is not None
            most = max(screen.entities, key=lambda e: e.claims_about + e.claims_by)
            chosen = [(f"#{r}", screen.entities[min(r, len(screen.entities)) - 1]) for r in ranks]
            for rank, entity in [*chosen, ("most claims", most)]:
                start, used = time.perf_counter(), time.process_time()
                screen.open_entity(entity)
                await until(lambda: screen.dossier is not None)  # noqa: B023
                await pilot.pause(0)
                times.setdefault(f"claims {rank}", []).append(time.perf_counter() - start)
                cpu.setdefault(f"claims {rank}", []).append(time.process_time() - used)
                await until(lambda: screen.dossier.complete)  # type: ignore[union-attr]  # noqa: B023
                await pilot.pause(0)
                times.setdefault(f"all claims {rank}", []).append(time.perf_counter() - start)
                await until(lambda: screen.dossier.linked)  # type: ignore[union-attr]  # noqa: B023
                times.setdefault(f"links {rank}", []).append(time.perf_counter() - start)
                key = rank
                if key not in times:
                    dossier = screen.dossier
                    assert dossier is not None
                    print(f"entity {key}: {entity.name} ({entity.articles} articles, "
                          f"{dossier.claims} claims)")  # fmt: skip
                    times[key] = []
                await pilot.press("escape")
                await pilot.pause(0)
            await pilot.press("escape")
            await until(lambda: isinstance(app.screen, LibraryScreen))
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/ledger-bench"))
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    db = build(options.dir, options.articles)
    os.environ["READER_HOME"] = str(options.dir / "home")
    before = os.getloadavg()[0]
    times, cpu = asyncio.run(measure(db, options.repeat, [1, 10, 100, 1000]))
    print(f"load average: {before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print("| step | median (ms) | best (ms) | worst (ms) | CPU median (ms) |")
    print("|---|---:|---:|---:|---:|")
    for step, found in times.items():
        if found:
            ms = [t * 1000 for t in found]
            used = f"{statistics.median(cpu[step]) * 1000:.0f}" if step in cpu else ""
            print(f"| {step} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} "
                  f"| {used} |")  # fmt: skip


if __name__ == "__main__":
    main()
