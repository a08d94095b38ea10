"""`quick_init` for the analysis's dataclasses: it lives in `reader.quick_init` so the
document model (a layer below the analysis) uses it too.

Invariant: the same function object as `reader.quick_init.quick_init`.
"""

from __future__ import annotations

from reader.quick_init import quick_init

__all__ = ["quick_init"]
