"""What an article has said about its people so far: genders and roles.

Invariant: everything here is read from the text and the entity mentions
only, lazily and once per document. A person's gender comes from a title
before one of their first mentions ("Mrs Lopez"), else from their given name
(`given_name_genders.txt`), else from a pronoun resolved to them earlier; a
gendered role word ("the congresswoman") counts as a title. A person's roles
come from role words just before a mention ("Mayor Ana Ruiz", "White House
spokesman Tom Reyes") and from an apposition just after it ("Reyes, the
spokesman,"), each remembered with where it was said.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from reader.analysis.model import Entity
from reader.analysis.wordlists import given_name_genders, role_words, word_group

MALE_TITLES = word_group("male_titles")
FEMALE_TITLES = word_group("female_titles")
PREPOSITIONS = word_group("prepositions")
TITLE_LOOKS = 5
"""How many of an entity's first mentions are checked for a title."""
ROLE_BEFORE = 40
"""How far before a mention its role words may start ("Former Vice President ...")."""
APPOSITION_WORDS = 10
"""Longest apposition read for a role ("Reyes, the agency's chief spokesman,")."""
PRONOUN_REACH = 120
"""How far after a mention its own pronoun is looked for."""
PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f", "hers": "f"}
_OWN_PRONOUN = re.compile(r"[.!?\n\u201c\"]|\b(he|his|him|she|her|hers)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.-]*")
_LAST_CUT = re.compile('(?s:.*)[,;:()\n\u201c\u201d"]')
"""Up to the last mark that ends a run of title words before a mention."""
_APPOSITION_LEADS = (", the ", ", a ", ", an ")
"""How an apposition after a mention opens ("Reyes, the spokesman,")."""
_APPOSITION_END = re.compile(r"[,;:()\u2014\u201c\u201d\"]|\.(?:\s|$)")


def _clean(word: str) -> str:
    """A word as the role list spells it: lower case, no full stop or possessive."""
    word = word.lower().rstrip(".").replace("\u2019", "'")
    return word[:-2] if word.endswith("'s") else word


class Genders:
    """What the text tells of each person's gender: titles, given names, pronouns used."""

    def __init__(self, text: str) -> None:
        """Read genders from `text` as they are asked for."""
        self.text = text
        self.known: dict[str, str | None] = {}

    def of(self, entity: Entity) -> str | None:
        """`m`, `f`, or None when neither the text nor the given name says."""
        if entity.id not in self.known:
            self.known[entity.id] = (
                self._title_gender(entity) or _name_gender(entity) or self._own_pronoun(entity)
            )
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
        roles = role_words()
        for start, _end in entity.mentions[:TITLE_LOOKS]:
            before = self.text[max(0, start - 16) : start].split()
            word = _clean(before[-1]) if before else ""
            if word in MALE_TITLES:
                return "m"
            if word in FEMALE_TITLES:
                return "f"
            if word in roles and roles[word][1] is not None:
                return roles[word][1]
        return None

    def _own_pronoun(self, entity: Entity) -> str | None:
        """The gender of the pronoun that first follows a mention in its sentence, when the
        mention opens the sentence ("Obama said his ...": m)."""
        if entity.kind != "person":
            return None
        for start, end in entity.mentions[:TITLE_LOOKS]:
            if start > 0 and self.text[start - 1] not in "\n ":
                continue
            lead = self.text[max(0, start - 3) : start].strip()
            if lead and lead[-1] not in ".\n":
                continue  # a mention that opens its sentence, the likeliest subject
            m = _OWN_PRONOUN.search(self.text, end, end + PRONOUN_REACH)
            if m is not None and m.group(1):
                return PRONOUN_GENDER[m.group(1).lower()]
        return None


def _name_gender(entity: Entity) -> str | None:
    """The gender the given name of a person suggests ("Maria Lopez": f), if it is clear."""
    if entity.kind != "person":
        return None
    words = entity.name.split()
    if len(words) < 2:
        return None
    return given_name_genders().get(words[0].lower().rstrip("."))


class Roles:
    """The roles the text gives its people, and where: "the mayor" is the last mayor named."""

    def __init__(self, text: str, people: list[Entity]) -> None:
        """Read the roles of `people` from `text` (every mention's context)."""
        self.text = text
        self.by_role: dict[str, list[tuple[int, Entity]]] = {}
        self.has_role: set[str] = set()
        found: list[tuple[int, str, Entity]] = []
        roles = role_words()
        leads: dict[str, bool] = {}  # word before a mention -> whether it may be a role
        for ent in people:
            for start, end in ent.mentions:
                # roles before it (a capitalised or role word just before) or after it
                # (", the"): the word before is tested once per distinct word
                prev = text[max(0, start - 16) : start].rsplit(None, 1)
                before: bool | None = False
                if prev:
                    before = leads.get(prev[-1])
                    if before is None:
                        word = prev[-1]
                        before = leads[word] = word[:1].isupper() or _clean(word) in roles
                after = text.startswith(_APPOSITION_LEADS, end)
                if before:
                    found.extend((start, role, ent) for role in self._roles_before(start))
                if after:
                    found.extend((start, role, ent) for role in self._roles_after(end))
        for pos, role, ent in sorted(found, key=lambda r: r[0]):
            self.by_role.setdefault(role, []).append((pos, ent))
            self.has_role.add(ent.id)
        self._positions = {r: [p for p, _ in rows] for r, rows in self.by_role.items()}

    def holder(self, role: str, pos: int) -> Entity | None:
        """The person last given `role` before `pos`, else the first given it after."""
        rows = self.by_role.get(role)
        if not rows:
            return None
        i = bisect_right(self._positions[role], pos) - 1
        return rows[i][1] if i >= 0 else rows[0][1]

    def _roles_before(self, start: int) -> list[str]:
        """Role words in the capitalised run just before a mention ("Mayor", "Sen.")."""
        roles = role_words()
        out: list[str] = []
        before = self.text[max(0, start - ROLE_BEFORE) : start]
        last = _LAST_CUT.match(before)  # the last of these marks, as `rfind` of each
        cut = last.end() - 1 if last is not None else -1
        words: list[str] = _WORD.findall(before[cut + 1 :])
        for w in reversed(words):
            word = _clean(w)
            if _possessive(w):
                break  # "the nominee's daughter Ivanka": she is the daughter only
            if word in roles:
                out.append(roles[word][0])
            elif not w[0].isupper():
                break  # "...said the mayor Ruiz" stops at "said"
        return out

    def _roles_after(self, end: int) -> list[str]:
        """Role words in an apposition after a mention (", the agency's spokesman,")."""
        roles = role_words()
        out: list[str] = []
        rest = self.text[end : end + 160]
        if rest.startswith(","):
            stop = _APPOSITION_END.search(rest, 1)
            words = _WORD.findall(rest[1 : stop.start() if stop else len(rest)])
            if words and len(words) <= APPOSITION_WORDS and _clean(words[0]) in {"the", "a", "an"}:
                for w in words:
                    if w.lower() in PREPOSITIONS:
                        break  # "the wife of the mayor": not the mayor
                    if not _possessive(w) and _clean(w) in roles:
                        out.append(roles[_clean(w)][0])
        return out


def _possessive(word: str) -> bool:
    """True for "nominee's", "voters'"."""
    return word.endswith(("'s", "\u2019s", "'", "\u2019"))
