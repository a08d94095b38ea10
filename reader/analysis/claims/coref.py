"""Resolving a claim's source words to an entity across the document.

Invariant: resolution only looks at entity mentions (never guesses a name
that is not an entity); a source that names an entity resolves to it, a
pronoun to the most recent person mentioned before it, and a described
source ("the report", "the ministry", "the spokesperson") to the most recent
entity of the fitting kind.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from reader.analysis.model import Entity
from reader.analysis.wordlists import word_group
from reader.span import Span

PERSON_PRONOUNS = word_group("person_pronouns")
THING_PRONOUNS = word_group("thing_pronouns")
PERSON_NOUNS = word_group("person_nouns")
OUTLET_NOUNS = word_group("outlet_nouns")
ORG_NOUNS = word_group("org_nouns")
MEDIA_WORDS = word_group("media_words")
PERSON = frozenset({"person"})
ORG = frozenset({"org"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
MALE_TITLES = word_group("male_titles")
FEMALE_TITLES = word_group("female_titles")
TITLE_LOOKS = 5
"""How many of an entity's first mentions are checked for a title."""
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

    def inside(self, start: int, end: int) -> list[Entity]:
        """Entities with a mention inside `start..end`, in text order."""
        i = bisect_left(self.starts, start)
        out: list[Entity] = []
        while i < len(self.rows) and self.rows[i][0] < end:
            if self.rows[i][1] <= end:
                out.append(self.rows[i][2])
            i += 1
        return out

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


class Genders:
    """What the text tells of each person's gender: titles before names, pronouns used."""

    def __init__(self, text: str) -> None:
        """Read genders from `text` as they are asked for."""
        self.text = text
        self.known: dict[str, str | None] = {}

    def of(self, entity: Entity) -> str | None:
        """`m`, `f`, or None when the text has not said."""
        if entity.id not in self.known:
            self.known[entity.id] = self._title_gender(entity)
        return self.known[entity.id]

    def fits(self, entity: Entity, gender: str | None) -> bool:
        """True unless the entity is known to have another gender."""
        known = self.of(entity)
        return gender is None or known is None or known == gender

    def learn(self, entity: Entity, gender: str | None) -> None:
        """Remember a gender a pronoun showed, unless one is known."""
        if gender is not None and self.of(entity) is None:
            self.known[entity.id] = gender

    def _title_gender(self, entity: Entity) -> str | None:
        """The gender of a title just before one of the first mentions ("Mrs Clinton")."""
        for start, _end in entity.mentions[:TITLE_LOOKS]:
            before = self.text[max(0, start - 12) : start].split()
            word = before[-1].lower().rstrip(".") if before else ""
            if word in MALE_TITLES:
                return "m"
            if word in FEMALE_TITLES:
                return "f"
        return None


def is_media(entity: Entity) -> bool:
    """True when an organisation's name reads like a news outlet."""
    return entity.kind == "org" and any(w in MEDIA_WORDS for w in entity.name.lower().split())


def resolve(
    text: str,
    span: Span,
    mentions: MentionIndex,
    speaker: Entity | None = None,
    genders: Genders | None = None,
) -> Entity | None:
    """The entity that the source words at `span` refer to, or None.

    Args:
        text: The document text.
        span: The source words.
        mentions: The document's entity mentions.
        speaker: The person who spoke just before, preferred for "he" and "she".
        genders: What is known of people's genders; "she" skips a known man.
    """
    named = mentions.inside(*span)
    if named:
        people = [e for e in named if e.kind == "person"]
        return people[-1] if people else named[-1]
    words = text[span[0] : span[1]].lower().replace("\u2019", "'").split()
    if not words:
        return None
    spelled = mentions.named_in(" ".join(words))
    if spelled is not None:
        return spelled
    head = words[-1].strip(".,")
    head = head[:-2] if head.endswith("'s") else head
    if len(words) <= 2 and head in PERSON_PRONOUNS:
        return _pronoun(span[0], PRONOUN_GENDER.get(head), mentions, speaker, genders)
    if head in PERSON_NOUNS:
        return mentions.last_before(span[0], PERSON)
    if head in THING_PRONOUNS and len(words) == 1:
        return mentions.last_before(span[0], ORG)
    if head in ORG_NOUNS:
        return (
            mentions.last_before(span[0], ORG, head)
            or mentions.first_after(span[1], ORG, head)
            or mentions.last_before(span[0], ORG)
        )
    if any(w.strip(".,") in OUTLET_NOUNS for w in words):
        return _last_outlet(span[0], mentions)
    return None


def _pronoun(
    pos: int,
    gender: str | None,
    mentions: MentionIndex,
    speaker: Entity | None,
    genders: Genders | None,
) -> Entity | None:
    """ "he" or "she": the last speaker if the gender fits, else the last fitting person."""
    fits = (lambda e: genders.fits(e, gender)) if genders is not None else None
    if speaker is not None and (fits is None or fits(speaker)):
        found: Entity | None = speaker
    else:
        found = mentions.last_before(pos, PERSON, accept=fits)
    if found is not None and genders is not None:
        genders.learn(found, gender)
    return found


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
