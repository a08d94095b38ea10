"""Resolving a claim's source words to an entity across the document.

Invariant: resolution only looks at entity mentions (never guesses a name
that is not an entity); a source that names an entity resolves to it, a
pronoun to the most recent person mentioned before it, and a described
source ("the report", "the ministry", "the spokesperson") to the most recent
entity of the fitting kind.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.analysis.model import Entity

Range = tuple[int, int]

PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "his", "i", "who", "whom"])
THING_PRONOUNS = frozenset(["it", "its", "which"])
PERSON_NOUNS = frozenset(
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "president",
        "minister",
        "senator",
        "candidate",
        "nominee",
        "official",
        "aide",
        "adviser",
        "advisor",
        "secretary",
        "chairman",
        "chairwoman",
        "director",
        "ceo",
        "founder",
        "governor",
        "mayor",
        "leader",
        "lawyer",
        "attorney",
        "judge",
        "billionaire",
    ]
)
OUTLET_NOUNS = frozenset(
    [
        "report",
        "newspaper",
        "paper",
        "outlet",
        "journal",
        "magazine",
        "study",
        "survey",
        "poll",
        "analysis",
        "investigation",
        "statement",
        "article",
        "broadcaster",
        "network",
        "agency",
    ]
)
ORG_NOUNS = frozenset(
    [
        "ministry",
        "department",
        "company",
        "campaign",
        "government",
        "administration",
        "committee",
        "party",
        "firm",
        "group",
        "organisation",
        "organization",
        "council",
        "court",
        "office",
        "commission",
        "kremlin",
        "bank",
        "union",
        "agency",
    ]
)
MEDIA_WORDS = frozenset(
    [
        "journal",
        "post",
        "times",
        "news",
        "guardian",
        "reuters",
        "press",
        "bbc",
        "cnn",
        "telegraph",
        "herald",
        "tribune",
        "gazette",
        "bloomberg",
        "axios",
        "politico",
        "magazine",
        "daily",
        "independent",
        "observer",
        "economist",
        "wire",
        "breitbart",
        "fox",
        "msnbc",
        "npr",
        "abc",
        "cbs",
        "nbc",
        "newsweek",
        "atlantic",
    ]
)
PERSON = frozenset({"person"})
OUTLET_LOOKAHEAD = 400
"""How far after "a new report" an outlet named next may still be the one meant."""


class MentionIndex:
    """Entity mentions in text order, for lookups by position."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        """Index every mention of `entities`."""
        rows = sorted((s, e, ent) for ent in entities for s, e in ent.mentions)
        self.starts = [r[0] for r in rows]
        self.rows = rows

    def inside(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention inside `start..end`, in text order."""
        i = bisect_left(self.starts, start)
        out: list[Entity] = []
        while i < len(self.rows) and self.rows[i][0] < end:
            if self.rows[i][1] <= end:
                out.append(self.rows[i][2])
            i += 1
        return out

    def last_before(
        self, pos: int, kinds: frozenset[str], word: str = "", window: int = 60
    ) -> Entity | None:
        """The latest entity of `kinds` mentioned before `pos` (its name holding `word`)."""
        i = bisect_right(self.starts, pos) - 1
        stop = max(-1, i - window)
        while i > stop:
            s, e, ent = self.rows[i]
            if e <= pos and ent.kind in kinds and (not word or word in ent.name.lower()):
                return ent
            i -= 1
        return None


def is_media(entity: Entity) -> bool:
    """True when an organisation's name reads like a news outlet."""
    return entity.kind == "org" and any(w in MEDIA_WORDS for w in entity.name.lower().split())


def resolve(
    text: str, span: Range, mentions: MentionIndex, speaker: Entity | None = None
) -> Entity | None:
    """The entity that the source words at `span` refer to, or None.

    Args:
        text: The document text.
        span: The source words.
        mentions: The document's entity mentions.
        speaker: The person who spoke just before, preferred for "he" and "she".
    """
    named = mentions.inside(*span)
    if named:
        people = [e for e in named if e.kind == "person"]
        return people[0] if people else named[-1]
    words = text[span[0] : span[1]].lower().replace("\u2019", "'").split()
    if not words:
        return None
    head = words[-1].strip(".,")
    head = head[:-2] if head.endswith("'s") else head
    if len(words) <= 2 and head in PERSON_PRONOUNS:
        return speaker or mentions.last_before(span[0], PERSON)
    if head in PERSON_NOUNS:
        return mentions.last_before(span[0], PERSON)
    if head in THING_PRONOUNS and len(words) == 1:
        return mentions.last_before(span[0], frozenset({"org"}))
    if head in ORG_NOUNS:
        return mentions.last_before(span[0], frozenset({"org"}), head) or mentions.last_before(
            span[0], frozenset({"org"})
        )
    if any(w.strip(".,") in OUTLET_NOUNS for w in words):
        return _last_outlet(span[0], mentions)
    return None


def _last_outlet(pos: int, mentions: MentionIndex, window: int = 200) -> Entity | None:
    """The most recent news outlet mentioned before `pos`, else one named just after it."""
    i = bisect_right(mentions.starts, pos) - 1
    for j in range(i, max(-1, i - window), -1):
        if is_media(mentions.rows[j][2]) and mentions.rows[j][1] <= pos:
            return mentions.rows[j][2]
    for s, _e, ent in mentions.rows[i + 1 : i + 4]:
        if s - pos <= OUTLET_LOOKAHEAD and is_media(ent):
            return ent
    return None
