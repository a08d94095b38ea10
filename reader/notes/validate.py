"""Checking an export before anything of it is imported: every field, every item.

Invariant: `read_collection` either returns records that the store and every
view can use as they are (texts are text, offsets whole numbers with
0 <= start <= end, times ISO 8601, verdicts known, tags text, article ids of
the store's own format), or raises `BadExport` naming the first bad item and
field, in one line. Nothing here touches the store, so a bad file changes
nothing. Also `parse_json`: the file itself, with its size and nesting bounded.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from reader.errors import InputError
from reader.notes.anchor import Anchor
from reader.notes.model import VERDICTS, Article, Note, Verdict, is_article_id
from reader.safe_text import one_line

PDF_FRAGMENT = "http://tools.ietf.org/rfc/rfc3778"
"""A `FragmentSelector`'s `conformsTo` for a PDF's `page=N` (the Web Annotation model's)."""

MAX_BYTES = 512 * 1024 * 1024
"""Largest export read (100,000 notes are about 90 MB)."""
MAX_EXTRA_DEPTH = 16
"""Deepest nesting accepted inside a verdict's free-form `reader:extra`."""
MOTIVATIONS = ("commenting", "assessing")
"""What reader exports: notes and verdicts."""


class BadExport(InputError):
    """The file is not a reader notes export, or one of its items is wrong."""


def parse_json(raw: bytes) -> Any:
    """The JSON in `raw`; a one-line `BadExport` if it is not JSON or too deep."""
    try:
        return json.loads(raw)
    except RecursionError as error:
        raise BadExport("nested too deeply to be a reader notes export") from error
    except UnicodeDecodeError as error:
        raise BadExport("not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise BadExport(f"not JSON ({error.msg} at line {error.lineno})") from error
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        raise BadExport(f"not usable JSON ({one_line(str(error))[:120]})") from error


def read_collection(data: Any) -> tuple[list[Article], list[Note], list[Verdict]]:
    """The articles, notes and verdicts of an export, every field checked.

    Raises:
        BadExport: naming the first bad item and field.
    """
    if not isinstance(data, dict):
        raise BadExport(f"not a reader notes export (the top level is {_kind(data)})")
    if "reader:articles" not in data or "first" not in data:
        raise BadExport("not a reader notes export (no 'reader:articles' or 'first')")
    rows = _list(data["reader:articles"], "reader:articles")
    articles = [_article(_dict(row, f"reader:articles[{i}]"), i) for i, row in enumerate(rows)]
    page = _dict(data["first"], "first")
    items = _list(page.get("items"), "first.items")
    notes: list[Note] = []
    verdicts: list[Verdict] = []
    for index, item in enumerate(items):
        where = f"first.items[{index}]"
        item = _dict(item, where)
        label = _label(item, where)
        try:
            motivation = item.get("motivation")
            if motivation == "commenting":
                notes.append(_note(item))
            elif motivation == "assessing":
                verdicts.append(_verdict(item))
            else:
                raise _Bad("motivation", f"must be one of {', '.join(MOTIVATIONS)}")
        except _Bad as bad:
            raise BadExport(f"{label}: {bad.field} {bad.problem}") from None
    return articles, notes, verdicts


class _Bad(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, problem)
        self.field = field
        self.problem = problem


def _label(item: dict[str, Any], where: str) -> str:
    ident = item.get("id")
    return f"{where} ({one_line(ident)[:60]})" if isinstance(ident, str) else where


def _article(row: dict[str, Any], index: int) -> Article:
    where = f"reader:articles[{index}]"
    try:
        ident = row.get("id")
        if not is_article_id(ident):
            shown = one_line(ident)[:60] if isinstance(ident, str) else _kind(ident)
            raise _Bad("id", f"'{shown}' is not a reader article id (16 hex digits)")
        values: dict[str, Any] = {"id": ident}
        for key in ("source", "title", "content_hash"):
            values[key] = _text(row.get(key, ""), key)
        for key in ("created", "last_opened"):
            values[key] = _time(row.get(key, ""), key, empty=True)
        values["position"] = _offset(row.get("position", 0), "position")
    except _Bad as bad:
        raise BadExport(f"{where}: {bad.field} {bad.problem}") from None
    return Article(**values)


def _note(item: dict[str, Any]) -> Note:
    bodies = _list_field(item.get("body"), "body")
    comments = [b for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"]
    if len(comments) != 1:
        raise _Bad("body", "must hold exactly one commenting TextualBody")
    tags: list[str] = []
    for number, body in enumerate(bodies):
        if not isinstance(body, dict):
            raise _Bad(f"body[{number}]", f"must be an object, not {_kind(body)}")
        value = _text(body.get("value"), f"body[{number}].value")
        if body.get("purpose") == "tagging":
            tags.append(value)
        elif body.get("purpose") != "commenting":
            raise _Bad(f"body[{number}].purpose", "must be commenting or tagging")
    orphan = item.get("reader:orphan", False)
    if not isinstance(orphan, bool):
        raise _Bad("reader:orphan", f"must be true or false, not {_kind(orphan)}")
    return Note(
        id=_record_id(item),
        article_id=_article_id(item),
        anchor=_anchor(item.get("target")),
        body=_text(comments[0].get("value"), "body value"),
        tags=tuple(tags),
        created=_time(item.get("created"), "created"),
        updated=_time(item.get("modified"), "modified"),
        orphan=orphan,
    )


def _verdict(item: dict[str, Any]) -> Verdict:
    body = item.get("body")
    if not isinstance(body, dict):
        raise _Bad("body", f"must be an object, not {_kind(body)}")
    verdict = body.get("value")
    if verdict not in VERDICTS:
        raise _Bad("body.value", f"must be one of {', '.join(VERDICTS)}")
    claim = item.get("reader:claim")
    if claim is not None and not isinstance(claim, str):
        raise _Bad("reader:claim", f"must be text or null, not {_kind(claim)}")
    extra = item.get("reader:extra", {})
    if not isinstance(extra, dict) or _depth(extra) > MAX_EXTRA_DEPTH:
        raise _Bad("reader:extra", "must be an object nested at most 16 deep")
    return Verdict(
        id=_record_id(item),
        article_id=_article_id(item),
        anchor=_anchor(item.get("target")),
        verdict=verdict,
        claim_id=claim,
        created=_time(item.get("created"), "created"),
        updated=_time(item.get("modified"), "modified"),
        extra=extra,
    )


def _anchor(target: Any) -> Anchor:
    if not isinstance(target, dict):
        raise _Bad("target", f"must be an object, not {_kind(target)}")
    selectors = _list_field(target.get("selector"), "target.selector")
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    position = by_type.get("TextPositionSelector")
    quote = by_type.get("TextQuoteSelector")
    if position is None or quote is None:
        raise _Bad("target.selector", "needs a TextPositionSelector and a TextQuoteSelector")
    start = _offset(position.get("start"), "TextPositionSelector.start")
    end = _offset(position.get("end"), "TextPositionSelector.end")
    if start > end:
        raise _Bad("TextPositionSelector", f"start {start} is after end {end}")
    exact, prefix, suffix = (
        _text(quote.get(key, "" if key != "exact" else None), f"TextQuoteSelector.{key}")
        for key in ("exact", "prefix", "suffix")
    )
    pdf = [s for s in selectors if isinstance(s, dict) and s.get("conformsTo") == PDF_FRAGMENT]
    page = _page(pdf[0] if pdf else None)
    return Anchor(start, end, exact, prefix, suffix, page=page)


def _page(fragment: Any) -> int | None:
    """The page of a PDF's `FragmentSelector` (`page=N`; other fragments are not ours to
    read); None when there is none."""
    if fragment is None:
        return None
    value = _text(fragment.get("value"), "FragmentSelector.value")
    name, _, number = value.partition("=")
    if name != "page" or not number.isdigit() or len(number) > 9 or int(number) < 1:
        raise _Bad("FragmentSelector.value", "must be page=N, N a page number from 1")
    return int(number)


def _record_id(item: dict[str, Any]) -> str:
    ident = _text(item.get("id"), "id").removeprefix("urn:uuid:")
    if not ident or len(ident) > 200:
        raise _Bad("id", "must be a non-empty id of at most 200 characters")
    return ident


def _article_id(item: dict[str, Any]) -> str:
    ident = item.get("reader:article")
    if not is_article_id(ident):
        shown = one_line(ident)[:60] if isinstance(ident, str) else _kind(ident)
        raise _Bad("reader:article", f"'{shown}' is not a reader article id (16 hex digits)")
    return str(ident)


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise _Bad(field, f"must be text, not {_kind(value)}")
    return value


def _offset(value: Any, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Bad(field, f"must be a whole number, not {_kind(value)}")
    if value < 0:
        raise _Bad(field, f"must not be negative ({value})")
    return value


def _time(value: Any, field: str, empty: bool = False) -> str:
    text = _text(value, field)
    if empty and text == "":
        return text
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise _Bad(field, f"'{one_line(text)[:40]}' is not an ISO 8601 time") from None
    return text


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadExport(f"not a reader notes export ({where} is {_kind(value)}, not a list)")
    return value


def _list_field(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(field, f"must be a list, not {_kind(value)}")
    return value


def _dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadExport(f"{where} must be an object, not {_kind(value)}")
    return value


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_EXTRA_DEPTH:
        return level
    if isinstance(value, dict):
        value = list(value.values())
    children = value if isinstance(value, list) else []
    return max((_depth(child, level + 1) for child in children), default=level)


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a fraction", str: "text",
             list: "a list", dict: "an object", type(None): "null"}  # fmt: skip
    return names.get(type(value), type(value).__name__)
