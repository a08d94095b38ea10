"""Export notes as an Obsidian vault folder: one Markdown file per article.

Invariant: every file is written inside the chosen directory and nowhere else: its name
comes from `export_names.safe_stem` (one path component, never `..`), it is written
atomically beside where it lands (`storage.write_atomic`), and a file already there is
replaced only if an earlier export wrote it for the same article (its front matter
says `reader_article: "<id>"`); anything else there (the reader's own note, a symlink,
a folder) keeps its name and the export takes a numbered one. Front matter values are
JSON-quoted YAML strings with every character YAML would not take raw escaped, so a
hostile title cannot end the string, add a key or break a line; article text quoted in
the body has HTML escaped and controls made visible (`safe_text.for_terminal`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from reader.errors import StoreError
from reader.notes.export import source_link, where
from reader.notes.export_names import Namer, safe_stem
from reader.notes.model import Article, Note, Verdict, parse_tags
from reader.notes.storage import write_atomic
from reader.safe_text import BIDI_CONTROLS, for_terminal, one_line

OWNER_KEY = "reader_article"
"""The front matter key naming the article a file was exported for."""
_YAML_UNSAFE = re.compile(f"[\\x7f-\\x9f\\u2028\\u2029\\ufeff{BIDI_CONTROLS}]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HEAD_BYTES = 4096


@dataclass(frozen=True, slots=True)
class Exported:
    """What an Obsidian export wrote."""

    files: tuple[Path, ...]
    notes: int
    verdicts: int


def yaml_str(value: str) -> str:
    """`value` as a double-quoted YAML scalar that is exactly `value` when read back."""
    clean = value.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    quoted = json.dumps(clean, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def obsidian_page(
    article: Article, notes: Iterable[Note], verdicts: Iterable[Verdict], date: str | None
) -> str:
    """One article's file: front matter, a heading, its highlights, notes and verdicts."""
    notes = sorted(notes, key=lambda n: (n.anchor.start, n.created))
    verdicts = sorted(verdicts, key=lambda v: v.anchor.start)
    tags = list(dict.fromkeys(tag for note in notes for tag in note.tags))
    title = article.title or article.source or article.id
    lines = ["---", f"title: {yaml_str(title)}", f"source: {yaml_str(article.source)}"]
    if date is not None and _DATE.fullmatch(date):
        lines.append(f"date: {yaml_str(date)}")
    lines.append("tags: [" + ", ".join(yaml_str(tag) for tag in tags) + "]")
    lines += [f"{OWNER_KEY}: {yaml_str(article.id)}", "---", "", f"# {_inline(title)}", ""]
    link = source_link(article)
    if link:
        lines += [f"Source: <{_url(link)}>", ""]
    for note in notes:
        lines += _highlight(article, note)
    if verdicts:
        lines += ["## Verdicts on claims", ""]
        lines += [_verdict(article, verdict) for verdict in verdicts]
        lines.append("")
    return for_terminal("\n".join(lines).rstrip("\n") + "\n")


def export_obsidian(
    directory: Path,
    articles: Iterable[Article],
    notes: Iterable[Note],
    verdicts: Iterable[Verdict] = (),
    dates: Mapping[str, str] | None = None,
) -> Exported:
    """Write one file per article that has notes or verdicts into `directory`.

    `dates` gives an article's own date where known (else the day it was first opened).

    Raises:
        StoreError: `directory` is not a directory or a file cannot be written (files
            written before the failure stay, each complete).
    """
    notes_of: dict[str, list[Note]] = {}
    for note in notes:
        notes_of.setdefault(note.article_id, []).append(note)
    verdicts_of: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        verdicts_of.setdefault(verdict.article_id, []).append(verdict)
    _prepare(directory)
    namer = Namer()
    written: list[Path] = []
    counts = [0, 0]
    for article in articles:
        mine, judged = notes_of.get(article.id, []), verdicts_of.get(article.id, [])
        if not mine and not judged:
            continue
        date = (dates or {}).get(article.id) or article.created[:10] or None
        page = obsidian_page(article, mine, judged, date)
        path = directory / _name_for(directory, namer, article)
        try:
            write_atomic(path, page.encode("utf-8"))
        except OSError as error:
            raise StoreError(f"cannot write {one_line(str(path))}: {error.strerror}") from error
        written.append(path)
        counts[0] += len(mine)
        counts[1] += len(judged)
    return Exported(tuple(written), counts[0], counts[1])


def _prepare(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError as error:
        raise StoreError(f"{one_line(str(directory))} is not a directory") from error
    except OSError as error:
        raise StoreError(f"cannot make {one_line(str(directory))}: {error.strerror}") from error


def _name_for(directory: Path, namer: Namer, article: Article) -> str:
    """The first free name for `article`'s file: unused, or its own earlier export."""
    fallback = Path(article.source).stem if article.source not in ("", "-") else article.id
    stem = safe_stem(article.title, fallback=safe_stem(fallback, fallback=article.id))
    for name in namer.candidates(stem):
        if Path(name).name != name or name in (".", ".."):  # safe_stem's promise, checked
            continue
        if _free_for(directory / name, article.id):
            return namer.take(name)
    raise AssertionError("unreachable: candidates never end")


def _free_for(path: Path, article_id: str) -> bool:
    """True when nothing is at `path`, or a regular file this export wrote for the article."""
    try:
        if path.is_symlink():
            return False
        if not path.exists():
            return True
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    front = head.split("\n---", 1)[0] if head.startswith("---\n") else ""
    return f"\n{OWNER_KEY}: {yaml_str(article_id)}" in front


def _highlight(article: Article, note: Note) -> list[str]:
    quoted = [f"> {_escape(line)}".rstrip() for line in note.anchor.exact.splitlines() or [""]]
    lines = [*quoted, "", note.body.strip() or "*(no text)*", ""]
    written = {tag.lower() for tag in parse_tags(note.body)}
    if any(tag not in written for tag in note.tags):  # tags not in the body as #tags
        lines.append(" ".join(f"#{tag}" for tag in note.tags))
    if note.orphan:
        lines.append("*Orphan: this passage is no longer in the article (quoted as it was).*")
    link = source_link(article, note.anchor)
    place = where(note.anchor)
    lines += [f"[{place}](<{_url(link)}>)" if link else place, ""]
    return lines


def _verdict(article: Article, verdict: Verdict) -> str:
    quote = _escape(" ".join(verdict.anchor.exact.split()))
    link = source_link(article, verdict.anchor)
    back = f" ([source](<{_url(link)}>))" if link else ""
    return f"- **{_escape(verdict.verdict)}**: “{quote}”{back}"


def _escape(text: str) -> str:
    """Article text made inert as Markdown-embedded HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(text: str) -> str:
    return _escape(one_line(text))


def _url(link: str) -> str:
    """A link safe inside `<...>`: no angle brackets, spaces or breaks."""
    return re.sub(r"[<>\s]", lambda m: quote(m.group()), link)
