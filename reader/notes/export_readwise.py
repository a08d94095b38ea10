"""Export notes as a Readwise CSV (Highlight, Title, Author, URL, Note, Location).

Invariant: one row per note and per verdict, article by article in reading order;
every cell has terminal controls made visible (`safe_text.for_terminal`, line breaks
kept: CSV quoting carries them) and a cell a spreadsheet would run as a formula (one
starting with = + - @, a tab or a carriage return, after any spaces) starts with `'`.
Tags ride in the note as Readwise's `.tag` words; Location is a PDF passage's page,
else its character offset. A local file's path is not sent to
a web service: only http(s) sources fill the URL column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from reader.notes.anchor import Anchor
from reader.notes.model import Article, Note, Verdict
from reader.safe_text import for_terminal

HEADER = ("Highlight", "Title", "Author", "URL", "Note", "Location")
MAX_HIGHLIGHT = 8191
"""Readwise's limit on a highlight's characters."""
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """`value` safe for a CSV cell opened in a spreadsheet and printed on a terminal."""
    text = for_terminal(value)
    stripped = text.lstrip(" ")
    if stripped.startswith(_FORMULA) or value.lstrip(" ").startswith(_FORMULA):
        return "'" + text
    return text


def to_readwise_csv(
    articles: Iterable[Article], notes: Iterable[Note], verdicts: Iterable[Verdict] = ()
) -> str:
    """The whole CSV, header first."""
    rows: dict[str, list[tuple[int, int, tuple[str, str], str]]] = {}
    for note in notes:
        row = (note.anchor.start, 0, _note(note), _location(note.anchor))
        rows.setdefault(note.article_id, []).append(row)
    for verdict in verdicts:
        said = (verdict.anchor.exact, f".verdict Verdict: {verdict.verdict}")
        row = (verdict.anchor.start, 1, said, _location(verdict.anchor))
        rows.setdefault(verdict.article_id, []).append(row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for article in articles:
        url = article.source if article.source.startswith(("http://", "https://")) else ""
        title = " ".join((article.title or article.source or article.id).split())
        for _, _, (highlight, remark), location in sorted(rows.get(article.id, []), key=_place):
            values = (highlight[:MAX_HIGHLIGHT], title, "", url, remark, location)
            writer.writerow([cell(value) for value in values])
    return out.getvalue()


def _place(row: tuple[int, int, tuple[str, str], str]) -> tuple[int, int]:
    return row[0], row[1]


def _location(anchor: Anchor) -> str:
    """Readwise's Location: the page of a PDF's passage, else its character offset."""
    return str(anchor.page if anchor.page is not None else anchor.start)


def _note(note: Note) -> tuple[str, str]:
    """The highlight and the Readwise note (`.tags` first, then the body)."""
    body = note.body.strip()
    if note.orphan:
        body += "\n(This passage is no longer in the article.)"
    tags = " ".join(f".{tag}" for tag in note.tags)
    return note.anchor.exact, f"{tags}\n{body}".strip() if tags else body
