"""The garbage collector tuned for a process that only analyses documents.

Invariant: only when and how often the collector runs changes, never what an
analysis computes; called once, in a process whose work is analysis (`reader
extract`, a batch worker, the reading screen's analysis child), never in the
TUI's own process.

An analysis allocates millions of small objects (matches, spans, mentions) and
few reference cycles, so the collector's default (a young-generation pass
every 700 net allocations, each older pass walking everything alive) costs
about 7% of a book's analysis for no memory back (peak RSS is the same).
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 100)
"""Young-generation pass every 50,000 net allocations; older ones in proportion."""


def tune_for_analysis() -> None:
    """Freeze what is alive now (imports, tables) and collect less often from here on."""
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
