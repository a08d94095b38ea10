"""The panel's lines about other articles: disputes across the library and recalled verdicts.

Invariant: `across_lines` runs in a worker thread after the article's analysis is kept
in the library and never raises (a library it cannot read gives no lines: the reading
goes on); the panel only draws the finished lines (`SidePanel.show_across`), so it never
reads the library itself. Titles are article text: made one line here, drawn safely.
"""

from __future__ import annotations

import os

from reader.library.ledger import by_article
from reader.safe_text import one_line
from reader.tui.panel.verdicts import verdict_label

Lines = dict[str, tuple[str, ...]]
"""Claim id -> what other articles say about it, one line each, led by its glyph
(`⚡` a dispute, `↺` a verdict recalled)."""


def where(title: str, date: str | None) -> str:
    """`Kremlin denies ..., 2026-11-02`."""
    return (one_line(title) or "(untitled)") + (f", {date}" if date else "")


def disputed_in(denials: int) -> str:
    """What leads the line naming an article whose `denials` dispute a claim."""
    return "disputed in" if denials == 1 else f"disputed by {denials} denials in"


def disputes_in(claims: int) -> str:
    """What leads the line naming an article `claims` of which a denial disputes."""
    return "disputes a claim in" if claims == 1 else f"disputes {claims} claims in"


def across_lines(db: str | os.PathLike[str] | None, article_id: str) -> Lines:
    """The lines for each claim of the stored article `article_id` that other articles
    dispute, that disputes claims of other articles, or that the reader judged elsewhere."""
    from reader.library.elsewhere import elsewhere
    from reader.library.library import Library

    try:
        found = elsewhere(Library(db), article_id)
    except Exception:  # noqa: BLE001 - the library is extra: never end the reading over it
        return {}
    lines: Lines = {}
    for claim_id, seen in found.items():
        # One line per other article, however many of its claims are involved.
        out = [f"⚡ {disputed_in(n)}: {where(a.title or a.source, a.date)}"
               for a, n in by_article(seen.disputed_in)]  # fmt: skip
        out += [f"⚡ {disputes_in(n)}: {where(a.title or a.source, a.date)}"
                for a, n in by_article(seen.disputes)]  # fmt: skip
        if (recalled := seen.recalled) is not None:
            given, label = recalled.given, verdict_label(recalled.given.verdict)
            out.append(f"↺ you judged it {label} in: {where(given.title, given.date)}")
        lines[claim_id] = tuple(out)
    return lines
