"""Entity mentions by position, for resolving claim sources (see `sources`).

Invariant: lookups only return entities whose mentions were given; nothing
here guesses a name that is not an entity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from reader.analysis.model import Entity
from reader.analysis.wordlists import word_group

MEDIA_WORDS = word_group("media_words")
LOOKAHEAD = OUTLET_LOOKAHEAD = 400
"""How far after "a new report" or "the audit office" the one meant may be named."""


class MentionIndex:
    """Entity mentions in text order, for lookups by position."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        """Index every mention of `entities`."""
        rows = sorted((s, e, ent) for ent in entities for s, e in ent.mentions)
        self.starts = [r[0] for r in rows]
        self.rows = rows
        self._names: dict[str, list[tuple[str, Entity]]] | None = None
        """Names of two words or more, lower case, by their last word."""
        self._surnames: dict[str, dict[str, Entity]] | None = None
        """People by the last word of each of their names, lower case."""

    def inside(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention inside `start..end`, in text order."""
        i = bisect_left(self.starts, start)
        out: list[Entity] = []
        while i < len(self.rows) and self.rows[i][0] < end:
            if self.rows[i][1] <= end:
                out.append(self.rows[i][2])
            i += 1
        return out

    def covering(self, start: int, end: int) -> Entity | None:
        """The entity with a mention over `start..end` (the longest such mention)."""
        i = bisect_right(self.starts, start) - 1
        best: tuple[int, Entity] | None = None
        for s, e, ent in self.rows[max(0, i - 8) : i + 1]:
            if s <= start and end <= e and (best is None or e - s > best[0]):
                best = (e - s, ent)
        return best[1] if best else None

    def person_named(self, word: str) -> Entity | None:
        """The one person whose name or alias ends with `word` (lower case), if only one."""
        if self._surnames is None:
            self._surnames = {}
            unique = {ent.id: ent for _s, _e, ent in self.rows}
            for ent in unique.values():
                if ent.kind == "person":
                    for name in (ent.name, *ent.aliases):
                        self._surnames.setdefault(name.lower().split()[-1], {})[ent.id] = ent
        found = self._surnames.get(word, {})
        return next(iter(found.values())) if len(found) == 1 else None

    def named_in(self, phrase: str) -> Entity | None:
        """An entity whose name or alias (two words or more) the lower-case `phrase` holds."""
        if self._names is None:
            self._names = {}
            for _s, _e, ent in self.rows:
                for name in (ent.name, *ent.aliases):
                    words = name.lower().split()
                    if len(words) >= 2:
                        self._names.setdefault(words[-1], []).append((" ".join(words), ent))
        padded = f" {phrase} "
        hits = [
            (len(name), ent)
            for word in set(phrase.split())
            for name, ent in self._names.get(word, ())
            if f" {name} " in padded
        ]
        return max(hits, key=lambda h: h[0])[1] if hits else None

    def first_after(
        self, pos: int, kinds: frozenset[str], word: str, reach: int = LOOKAHEAD
    ) -> Entity | None:
        """The first entity of `kinds` whose name holds `word`, named soon after `pos`."""
        i = bisect_left(self.starts, pos)
        while i < len(self.rows) and self.rows[i][0] - pos <= reach:
            ent = self.rows[i][2]
            if ent.kind in kinds and word in ent.name.lower():
                return ent
            i += 1
        return None

    def last_before(
        self,
        pos: int,
        kinds: frozenset[str],
        word: str = "",
        accept: Callable[[Entity], bool] | None = None,
        window: int = 60,
    ) -> Entity | None:
        """The latest entity of `kinds` mentioned before `pos`.

        Args:
            pos: Where to look back from.
            kinds: Entity kinds that may match.
            word: If given, a word the entity's name must hold ("ministry").
            accept: If given, a further test the entity must pass (gender).
            window: How many mentions back to look at most.
        """
        i = bisect_right(self.starts, pos) - 1
        stop = max(-1, i - window)
        while i > stop:
            s, e, ent = self.rows[i]
            fits = ent.kind in kinds and (not word or word in ent.name.lower())
            if e <= pos and fits and (accept is None or accept(ent)):
                return ent
            i -= 1
        return None


def is_media(entity: Entity) -> bool:
    """True when an organisation's name reads like a news outlet."""
    return entity.kind == "org" and any(w in MEDIA_WORDS for w in entity.name.lower().split())


def last_outlet(pos: int, mentions: MentionIndex, window: int = 200) -> Entity | None:
    """The most recent news outlet mentioned before `pos`, else one named just after it."""
    i = bisect_right(mentions.starts, pos) - 1
    for j in range(i, max(-1, i - window), -1):
        if is_media(mentions.rows[j][2]) and mentions.rows[j][1] <= pos:
            return mentions.rows[j][2]
    for s, _e, ent in mentions.rows[i + 1 : i + 4]:
        if s - pos <= OUTLET_LOOKAHEAD and is_media(ent):
            return ent
    return None
