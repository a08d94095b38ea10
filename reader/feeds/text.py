"""Feed HTML (summaries, sometimes titles) as plain text."""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "head", "title", "template"})
_BREAKS = frozenset(
    {"p", "br", "div", "li", "ul", "ol", "tr", "td", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"blockquote", "pre", "section", "article", "hr", "table", "dd", "dt"}
)
MAX_TEXT = 4000
"""Characters kept of one summary (longer ones end with an ellipsis)."""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip and self.size <= MAX_TEXT * 2:
            self.parts.append(data)
            self.size += len(data)


def plain_text(markup: str, *, limit: int = MAX_TEXT) -> str:
    """`markup` without tags, entities decoded, whitespace collapsed, at most `limit` characters."""
    if "<" not in markup and "&" not in markup:
        text = " ".join(markup.split())
    else:
        parser = _Text()
        parser.feed(markup)
        parser.close()
        text = " ".join("".join(parser.parts).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
