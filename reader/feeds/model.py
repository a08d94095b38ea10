"""A feed and its items as plain data (the `reader feed --json` shape)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One entry of a feed; text fields are plain text, `date` ISO 8601 or None."""

    title: str
    link: str
    date: str | None
    author: str
    summary: str
    id: str
    """The entry's id, else its link, else title and date: what "seen" remembers."""
    content: str = ""
    """The entry's full content as the feed gives it (HTML, untrusted, at most
    `MAX_CONTENT` characters), or "" when the feed carries only a summary."""

    def to_json(self) -> dict[str, str | None]:
        """The public JSON object (without the internal id)."""
        return {
            "title": self.title,
            "link": self.link,
            "date": self.date,
            "author": self.author,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and link, and its items newest first."""

    title: str
    link: str
    source: str
    """The path or the final URL it was read from."""
    items: list[Item] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """`{"title", "link", "items": [...]}`."""
        return {
            "title": self.title,
            "link": self.link,
            "items": [item.to_json() for item in self.items],
        }
