"""The garbage collector tuned for a process that only analyses documents.

Invariant: only when and how often the collector runs changes, never what an
analysis computes; called once, in a process whose work is analysis (`reader
extract`, a batch worker, the reading screen's analysis child), never in the
TUI's own process.

An analysis allocates millions of small objects (matches, spans, mentions) and
few reference cycles, so the collector's default (a young-generation pass
every 700 net allocations, each older pass walking everything alive) costs
about 7% of a book's analysis for no memory back (peak RSS is the same).
A rule-backend analysis runs with the collector paused (`paused`): even the
tuned passes were 1-3% of a book's `reader extract`, and War and Peace peaks at
the same RSS without them (the rules leave no cyclic garbage worth a pass).
Loading (HTML, PDF, EPUB parsers) keeps collecting, and so does a batch worker
between its documents.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 20, 100)
"""Young-generation pass every 50,000 net allocations; older ones in proportion."""


def tune_for_analysis() -> None:
    """Freeze what is alive now (imports, tables) and collect less often from here on."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def paused(pause: bool = True) -> Iterator[None]:
    """No collection inside the block (when `pause`); the collector as it was after it.

    What the block made is frozen on the way out: re-enabled as it was, the collector
    would make one pass over every object the analysis left (its whole result) at the
    next allocation; frozen, they are left out of passes as the tables are."""
    was = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.freeze()
        if was:
            gc.enable()
