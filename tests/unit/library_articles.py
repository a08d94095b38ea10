"""Short news articles the library tests add: one story told by two outlets, and a
namesake, so "Holt" is one person across two articles and ambiguous across three."""

from __future__ import annotations

from pathlib import Path

LEAK = """---
title: Veltra Energy chief accused of hiding pipeline leak
date: 2026-11-02
source: Northern Ledger
---

# Veltra Energy chief accused of hiding pipeline leak

Maren Holt, the chief executive of Veltra Energy, knew about a leak in the Skarvik pipeline
weeks before it was made public, according to internal emails seen by the Northern Ledger.

The emails show that Ms Holt was told of falling pressure readings on 3 September, the
newspaper reported.

"We acted on every warning we received, and we informed the regulator as soon as the facts
were clear," Holt said in a statement on Monday.

The Norwegian Petroleum Safety Authority said it had opened an inquiry into the timing of
the company's disclosure.
"""

DENIAL = """---
title: Veltra denies emails show early warning of leak
date: 2026-11-04
source: Coastal Times
---

# Veltra denies emails show early warning of leak

Veltra Energy on Wednesday denied that its chief executive had been warned of the Skarvik
leak in early September.

A company spokesman, Erik Dahl, said Ms Holt "was not shown the pressure data until
October" and rejected reports that she had kept the leak quiet.

Holt allegedly asked engineers to delay a shutdown of the pipeline, two former employees
told the Coastal Times.

Dahl dismissed the account as "a story built on rumour".
"""

NAMESAKE = """---
title: Harbour board picks new chair
date: 2026-10-20
source: Coastal Times
---

# Harbour board picks new chair

Tomas Holt, a former ferry captain, was elected chair of the Skarvik harbour board on
Tuesday, the board said.

Mr Holt said the harbour would "stay open to every fishing boat that needs it".
"""

FOLLOW_UP = """---
title: Regulator widens Skarvik inquiry
date: 2026-11-09
source: Northern Ledger
---

# Regulator widens Skarvik inquiry

The Norwegian Petroleum Safety Authority said on Monday it would question Holt about the
September pressure readings.

Holt said she would "answer every question in full".
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write one article into `folder`; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def add(library: object, *paths: Path) -> object:
    """Analyse `paths` in this process and add them to `library` (what `reader add` does)."""
    from reader.analysis import analyze
    from reader.document import load
    from reader.library import intake

    prepared = [(str(p), intake.prepare(analyze(load(str(p))))) for p in paths]
    return intake.add(library, prepared)  # type: ignore[arg-type]
