"""Export notes as Markdown or W3C Web Annotation JSON-LD, and import them back.

Invariant: `to_jsonld` followed by `from_jsonld` gives back exactly the same
articles, notes and verdicts (ids, anchors, bodies, tags, times): reader's own
fields ride along under the `reader:` prefix, so the JSON is at once a valid
Web Annotation collection and a lossless backup. Orphans are exported too, marked
(`reader:orphan`, and a line in Markdown). Markdown is for people and is made
safe for a terminal by the caller; the JSON stays exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reader.notes.anchor import Anchor
from reader.notes.model import Article, Note, Verdict
from reader.notes.validate import PDF_FRAGMENT, read_collection

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"reader": "https://reader.invalid/ns#"}]
"""JSON-LD context: the Web Annotation vocabulary plus reader's own prefix."""


def where(anchor: Anchor) -> str:
    """Where a note sits, for people: "p. 12, characters 80-95" (the page for PDFs)."""
    span = f"characters {anchor.start}-{anchor.end}"
    return f"p. {anchor.page}, {span}" if anchor.page is not None else span


def source_link(article: Article, anchor: Anchor | None = None) -> str:
    """A link back to the source: the URL (with a text fragment) or a file URI."""
    if article.source.startswith(("http://", "https://")):
        if anchor is None:
            return article.source
        words = anchor.exact.split()
        fragment = quote(" ".join(words[:8]), safe="")
        return f"{article.source}#:~:text={fragment}"
    if article.source in ("", "-"):
        return ""
    page = f"#page={anchor.page}" if anchor is not None and anchor.page is not None else ""
    return Path(article.source).as_uri() + page  # PDF viewers open `#page=N` at the page


def to_markdown(
    articles: Iterable[Article], notes: Iterable[Note], verdicts: Iterable[Verdict] = ()
) -> str:
    """Per article: a heading, the source link, each quote, note and tags, then the
    reader's verdicts on claims."""
    by_article: dict[str, list[Note]] = {}
    for note in notes:
        by_article.setdefault(note.article_id, []).append(note)
    verdicts_of: dict[str, list[Verdict]] = {}
    for verdict in verdicts:
        verdicts_of.setdefault(verdict.article_id, []).append(verdict)
    parts: list[str] = []
    for article in articles:
        article_notes = by_article.get(article.id, [])
        article_verdicts = verdicts_of.get(article.id, [])
        if not article_notes and not article_verdicts:
            continue
        parts.append(f"# {article.title or article.source or article.id}\n")
        link = source_link(article)
        if link:
            parts.append(f"Source: <{link}>\n")
        for note in article_notes:
            parts.append(_note_markdown(article, note))
        if article_verdicts:
            parts.append("## Verdicts on claims\n")
            parts.append("".join(_verdict_markdown(v) for v in article_verdicts))
    return "\n".join(parts)


def _verdict_markdown(verdict: Verdict) -> str:
    quote_ = " ".join(verdict.anchor.exact.split())
    page = f" (p. {verdict.anchor.page})" if verdict.anchor.page is not None else ""
    return f"- **{verdict.verdict}**: “{quote_}”{page}\n"


def _note_markdown(article: Article, note: Note) -> str:
    quoted = "\n".join(f"> {line}" for line in note.anchor.exact.splitlines() or [""])
    lines = [quoted, "", note.body.strip() or "*(no text)*", ""]
    if note.tags:
        lines.append("Tags: " + " ".join(f"#{tag}" for tag in note.tags) + "  ")
    if note.orphan:
        lines.append("*Orphan: this passage is no longer in the article (quoted as it was).*  ")
    link = source_link(article, note.anchor)
    place = where(note.anchor)
    lines.append(f"[{place}]({link})" if link else place)
    return "\n".join(lines) + "\n"


def to_jsonld(
    articles: list[Article], notes: list[Note], verdicts: list[Verdict]
) -> dict[str, Any]:
    """A Web Annotation `AnnotationCollection` holding every note and verdict."""
    sources = {article.id: article.source for article in articles}
    items = [_note_annotation(n, sources.get(n.article_id, "")) for n in notes]
    items += [_verdict_annotation(v, sources.get(v.article_id, "")) for v in verdicts]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "reader notes",
        "total": len(items),
        "reader:articles": [article.to_dict() for article in articles],
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _target(anchor: Anchor, source: str) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
        {
            "type": "TextQuoteSelector",
            "exact": anchor.exact,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
        },
    ]
    if anchor.page is not None:
        page = {
            "type": "FragmentSelector",
            "conformsTo": PDF_FRAGMENT,
            "value": f"page={anchor.page}",
        }
        selectors.append(page)
    return {"source": source, "selector": selectors}


def _note_annotation(note: Note, source: str) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "commenting", "value": note.body, "format": "text/plain"}
    ]
    body += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in note.tags]
    return {
        "id": f"urn:uuid:{note.id}",
        "type": "Annotation",
        "motivation": "commenting",
        "created": note.created,
        "modified": note.updated,
        "reader:article": note.article_id,
        "reader:orphan": note.orphan,
        "body": body,
        "target": _target(note.anchor, source),
    }


def _verdict_annotation(verdict: Verdict, source: str) -> dict[str, Any]:
    return {
        "id": f"urn:uuid:{verdict.id}",
        "type": "Annotation",
        "motivation": "assessing",
        "created": verdict.created,
        "modified": verdict.updated,
        "reader:article": verdict.article_id,
        "reader:claim": verdict.claim_id,
        "reader:extra": verdict.extra,
        "body": {"type": "TextualBody", "purpose": "assessing", "value": verdict.verdict},
        "target": _target(verdict.anchor, source),
    }


def from_jsonld(data: Any) -> tuple[list[Article], list[Note], list[Verdict]]:
    """Read a collection written by `to_jsonld`, every field checked (`validate`).

    Raises:
        BadExport: naming the first bad item and field.
    """
    return read_collection(data)
