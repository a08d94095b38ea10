"""The one place a crash goes: a log file, and one line for the user.

Invariant: a bug never shows the user a traceback and never exits 0. The full
traceback is written to `crash-<time>.log` in the data directory (or the
temporary directory when that cannot be written) and the user is told where.
"""

from __future__ import annotations

import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from reader import __version__
from reader.paths import data_dir
from reader.safe_text import one_line


def write_crash_log(error: BaseException) -> Path | None:
    """Write ``error``'s traceback to a new log file; return its path (None if none could)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    report = f"reader {__version__} crashed at {stamp} UTC\n\n" + "".join(
        traceback.format_exception(error)
    )
    for folder in (data_dir(), Path(tempfile.gettempdir())):
        path = folder / f"crash-{stamp}.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8") as log:
                log.write(report)
        except OSError:
            continue
        return path
    return None


def crash_line(error: BaseException, log: Path | None) -> str:
    """The one line the user reads after a crash."""
    where = f"the full traceback is in {log}" if log else "no log file could be written"
    return one_line(f"reader: internal error ({type(error).__name__}), sorry; {where}")
