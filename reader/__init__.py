"""reader: a terminal reader with annotations."""

from __future__ import annotations

__version__ = "0.1.0"
