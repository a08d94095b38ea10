"""Resolving a claim's source words to an entity, and saying how.

Invariant: a source resolves only to a given entity, never to a guessed name,
and says how (`SourceVia`): "name" when the source words name it, "pronoun"
("he", "who"), "description" ("the mayor", "the daily"), "speaker-label"
("RUIZ:"). The source words are read by their head, the last word before a
comma, a bracket or a preposition: "spokeswoman for Northwind" is a person
described, not Northwind; "the influential British weekly" is a weekly, not
Britain; "Fisher's programme" is no speaker. When nothing fits, no entity is
linked: a wrong source is worse than none.

Pronouns: "he"/"she" is the previous speaker unless another person of the
fitting gender became the subject of a sentence since, in which case it is
that person; names inside quotations never count. "who" is the person named
just before it. A description of a person is the last person given that role
("the spokesman": "Reyes, the spokesman,") unless the source words name them in
an apposition ("Its chief executive, Pieter van den Berg"), of an organisation the last
organisation whose name holds the word or, failing that, the last one that
spoke; "the newspaper" is the last outlet named.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from reader.analysis.claims.attribution import QuoteIndex
from reader.analysis.claims.coref import MentionIndex, is_media, last_outlet
from reader.analysis.claims.discourse import Genders, Roles
from reader.analysis.model import Entity, SourceVia
from reader.analysis.wordlists import role_words, word_group
from reader.span import Span

OUTLET_NOUNS = word_group("outlet_nouns")
ORG_NOUNS = word_group("org_nouns")
PERSON_NOUNS = word_group("person_nouns")
PREPOSITIONS = word_group("prepositions")
DETERMINERS = word_group("determiners")
AFTER_SOURCE = word_group("after_source") - {"this", "last", "earlier", "in", "on"}
_HEAD_ENDS = PREPOSITIONS | AFTER_SOURCE
"""Words a source's head stops before ("spokeswoman for", "a poll released")."""
INTRO_WORDS = PREPOSITIONS | word_group("time_words") | {"earlier", "later", "meanwhile"}
PERSON = frozenset({"person"})
ORG = frozenset({"org"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
SPEAKER_REACH = 600
"""How far (in characters) "he" or "she" may reach back to the last speaker."""
PRONOUN_REACH = 1200
"""How far back a pronoun looks for a person at all."""
SUBJECT_WORDS = 3
"""Most words before a mention in its sentence for it to count as the subject."""
RELATIVE_GAP = 12
"""Most words between a name and the "who" it takes ("Reed, a lawyer for X, who")."""
DOCUMENT_NOUNS = frozenset({"document", "memo", "memorandum", "filing", "letter", "email"})
"""Papers whose author is named in the source words ("a memo from the agency", "a
document on the campaign's website"), or not at all: never the last outlet."""
OWNER_NOUNS = frozenset({"office", "campaign", "administration", "team", "camp"})
"""What stands for its owner: "his office said" is him speaking."""
SIGNED_REACH = 1500
"""Longest paragraph (in characters) between a letter's "I" and its signature."""
BYLINE_REACH = 400
"""How far into the text a byline ("By Ana Ruiz") may stand."""
_SIGNATURE = re.compile(r"(?:,\s*[A-Z][\w.' -]*)?\.?\s*")
_BYLINE = re.compile(r"(?:^|\n)\s*By\s+(?=[A-Z])")
_AGE = re.compile(r"\d+-years?-old")
_WORD = re.compile(r"[\w][\w'\u2019.&-]*")
_ROLE_OF = re.compile(r"(?:\s+(?:for|of|at|to)\s+[^,;:\n\u201c\"]{1,60}?)?\s*,")
"""A role's comma, past its own phrase: "A spokesperson for the company," ."""
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s|\n")
_LAST_SENTENCE_END = re.compile(r"(?s:.*)(?:" + _SENTENCE_END.pattern + ")")
"""Up to the end of the `_SENTENCE_END` that starts last, tried from the right: the one
`finditer` gives last ends there too (only a line break inside one can start another,
and both end with it)."""


@dataclass(slots=True, init=False)
class Resolved:
    """A source's entity and how it was reached."""

    entity: Entity | None
    via: SourceVia | None

    # An `__init__` of our own (`init=False`): the one `dataclass` writes is Python that
    # the compiled build calls as such (0.2-0.5 us an object, tens of thousands a book).
    def __init__(self, entity: Entity | None = None, via: SourceVia | None = None) -> None:
        self.entity = entity
        self.via = via


@dataclass(slots=True)
class SourceResolver:
    """Resolves source words in text order, remembering who spoke last."""

    text: str
    mentions: MentionIndex
    quotes: QuoteIndex
    genders: Genders = field(init=False)
    _roles: Roles | None = None
    speaker: Entity | None = None
    speaker_end: int = -SPEAKER_REACH
    org_speaker: Entity | None = None

    def __post_init__(self) -> None:
        """Start with nothing said."""
        self.genders = Genders(self.text)

    @property
    def roles(self) -> Roles:
        """The people's roles, read the first time a description needs them."""
        if self._roles is None:
            people = {id(r[2]): r[2] for r in self.mentions.rows if r[2].kind == "person"}
            self._roles = Roles(self.text, list(people.values()))
        return self._roles

    def resolve(self, span: Span, unit: Span, kinds: set[str]) -> Resolved:
        """The entity the source words at `span` stand for; remember who spoke."""
        found = self._resolve(span, unit, kinds)
        ent = found.entity
        if ent is not None and ent.kind == "person":
            self.speaker, self.speaker_end = ent, unit[1]
        elif ent is not None and ent.kind == "org":
            self.org_speaker = ent
        return found

    def _resolve(self, span: Span, unit: Span, kinds: set[str]) -> Resolved:
        """`resolve` without the remembering."""
        words = _core(self.text, span)
        if not words:
            return Resolved()
        if "label" in kinds:
            ent = self._covering(words) or self._by_name(words)
            return Resolved(ent, "speaker-label" if ent else None)
        head = words[-1]
        low = _clean(head.group())
        covering = self.mentions.covering(head.start(), head.end())
        if covering is not None:
            return Resolved(covering, "name")
        named = self._apposed(words, span, low)
        if named is not None:
            return Resolved(named, "name")
        if low in PRONOUN_GENDER and len(words) <= 2:
            return self._named(self._pronoun(span[0], unit[0], PRONOUN_GENDER[low]), "pronoun")
        if low == "i" and len(words) == 1:
            return self._named(self._signer(span[1]), "pronoun")
        if low in {"who", "whom"}:
            return self._named(self._relative(span[0], PERSON), "pronoun")
        if low in {"which", "it"} and len(words) == 1:
            return self._named(self._relative(span[0], ORG) or self._org(span[0]), "pronoun")
        if head.group()[0].isupper() and low not in DETERMINERS:
            ent = self._by_name(words)
            if ent is not None:
                return Resolved(ent, "name")
        return self._described(span, words, low)

    def _described(self, span: Span, words: list[re.Match[str]], head: str) -> Resolved:
        """A described source: a person by role, an organisation, an outlet, a document."""
        first = _clean(words[0].group())
        roles = role_words()
        if head in OWNER_NOUNS and first in PRONOUN_GENDER:
            return self._named(self._pronoun(span[0], span[0], PRONOUN_GENDER[first]), "pronoun")
        if head in OWNER_NOUNS:
            owner = self._covering(words[:-1])  # "the Reyes campaign", "the Northwind team"
            if owner is not None and owner.kind in {"person", "org"}:
                return Resolved(owner, "name")
        if head in roles or head in PERSON_NOUNS:
            aged = any(_AGE.fullmatch(w.group()) for w in words)
            return self._named(self._person(span[0], head, aged), "description")
        if head in OUTLET_NOUNS or head in {"daily", "weekly", "broadcaster", "network"}:
            author = self._author(words, span)
            if author is not None:
                return Resolved(author, "name")
            return self._named(last_outlet(span[0], self.mentions), "description")
        if head in ORG_NOUNS:
            return self._named(self._org(span[0], head), "description")
        if head in DOCUMENT_NOUNS:
            # "a letter to Senate leaders" names its readers, not its writer
            to = re.search(r"\bto\b", self.text[words[-1].end() : span[1]])
            upto = (span[0], words[-1].end() + to.start()) if to else span
            return self._named(self._author(words, upto), "name")  # no one named: no one
        return Resolved()

    def _apposed(self, words: list[re.Match[str]], span: Span, head: str) -> Entity | None:
        """The person named in an apposition to a described source: "Its chief executive,
        Pieter van den Berg" is van den Berg, not the last chief executive named."""
        if head not in role_words() and head not in PERSON_NOUNS:
            return None
        lead_in = _ROLE_OF.match(self.text, words[-1].end(), span[1])
        if lead_in is None:
            return None  # no comma, or more than the role's own "for the company" before it
        comma = lead_in.end()
        rows = self.mentions.rows
        i = bisect_right(self.mentions.starts, comma - 1)
        if i >= len(rows) or rows[i][0] >= span[1] or rows[i][2].kind != "person":
            return None
        lead = _WORD.findall(self.text, comma, rows[i][0])
        if len(lead) > 1 or any(not w[0].isupper() for w in lead):
            return None  # "The spokesman, a friend of Reyes,": not Reyes; "Dr Ruiz" is
        return rows[i][2]

    def _signer(self, pos: int) -> Entity | None:
        """ "I" in a signed letter or column: the person whose name stands alone on the
        first line after the paragraph ("Ana Ruiz." or "Ana Ruiz, Valmora"), or in a
        byline ("By Ana Ruiz") at the top of the text."""
        brk = self.text.find("\n\n", pos)
        if brk != -1 and brk - pos <= SIGNED_REACH:
            start = brk + 2
            while start < len(self.text) and self.text[start].isspace():
                start += 1
            end = self.text.find("\n", start)
            end = len(self.text) if end == -1 else end
            rows = self.mentions.rows
            i = bisect_left(self.mentions.starts, start)
            signed = i < len(rows) and rows[i][0] == start and rows[i][2].kind == "person"
            if signed and _SIGNATURE.fullmatch(self.text, rows[i][1], end):
                return rows[i][2]
        byline = _BYLINE.search(self.text, 0, BYLINE_REACH)
        if byline is not None:
            name = self.mentions.covering(byline.end(), byline.end() + 1)
            if name is not None and name.kind == "person":
                return name
        return None

    def _named(self, ent: Entity | None, via: SourceVia) -> Resolved:
        """`Resolved` for `ent`, with no way when there is no entity."""
        return Resolved(ent, via if ent is not None else None)

    def _covering(self, words: list[re.Match[str]]) -> Entity | None:
        """An entity with a mention over one of `words`, the last first."""
        for w in reversed(words):
            ent = self.mentions.covering(w.start(), w.end())
            if ent is not None:
                return ent
        return None

    def _by_name(self, words: list[re.Match[str]]) -> Entity | None:
        """The person whose name ends with the last of `words` ("WALLACE", "Reed")."""
        return self.mentions.person_named(_clean(words[-1].group()))

    def _author(self, words: list[re.Match[str]], span: Span) -> Entity | None:
        """Who wrote a document named in the source: "a Herald poll", "a study by X"."""
        for ent in self.mentions.inside(words[0].start(), span[1]):
            if ent.kind in {"org", "person"}:
                return ent
        return None

    def _in_quote(self, pos: int, speaker_pos: int) -> bool:
        """True when `pos` is inside a quotation that does not also hold `speaker_pos`."""
        q = self.quotes.containing(pos)
        return q is not None and not q[0] < speaker_pos < q[1]

    def _is_subject(self, start: int, end: int) -> bool:
        """True when the mention at `start..end` opens its sentence (no possessive)."""
        if self.text.startswith(("'s", "\u2019s"), end):
            return False
        floor = max(0, start - 160)
        last = _LAST_SENTENCE_END.match(self.text, floor, start)
        begin = last.end() if last else floor
        lead = _WORD.findall(self.text, begin, start)
        if len(lead) <= SUBJECT_WORDS:
            return True
        # "During the hearing, Ruiz ...": an opening phrase, then the subject
        return lead[0].lower() in INTRO_WORDS and _comma_before(self.text, start)

    def _pronoun(self, pos: int, unit_start: int, gender: str | None) -> Entity | None:
        """ "he"/"she": the last speaker unless a fitting person became the subject since."""
        speaker = self.speaker if unit_start - self.speaker_end <= SPEAKER_REACH else None
        if speaker is not None and not self.genders.fits(speaker, gender):
            speaker = None
        floor = max(self.speaker_end if speaker is not None else 0, pos - PRONOUN_REACH)
        subject: Entity | None = None
        latest: Entity | None = None
        i = bisect_right(self.mentions.starts, pos) - 1
        while i >= 0 and self.mentions.rows[i][0] >= floor:
            s, e, ent = self.mentions.rows[i]
            i -= 1
            if e > pos or ent.kind != "person" or not self.genders.fits(ent, gender):
                continue
            if self._in_quote(s, pos):
                continue
            latest = latest or ent
            if ent is not speaker and self._is_subject(s, e):
                subject = ent
                break
        found = subject or speaker or latest
        if found is not None:
            self.genders.learn(found, gender)
        return found

    def _relative(self, pos: int, kinds: frozenset[str]) -> Entity | None:
        """ "who"/"which": the entity of `kinds` named just before, in the same sentence."""
        i = bisect_right(self.mentions.starts, pos) - 1
        while i >= 0:
            s, e, ent = self.mentions.rows[i]
            i -= 1
            if e > pos:
                continue
            gap = self.text[e:pos]
            if _SENTENCE_END.search(gap) or len(_WORD.findall(gap)) > RELATIVE_GAP:
                return None
            if ent.kind in kinds and not self._in_quote(s, pos):
                return ent
        return None

    def _person(self, pos: int, head: str, aged: bool = False) -> Entity | None:
        """ "the spokesman": the last person given the role, else a fitting recent person.

        An age ("the 34-year-old mother") marks a person the reader already knows: the
        last speaker, whatever other role they were given."""
        role, gender = role_words().get(head, (head, None))
        holder = self.roles.holder(role, pos)
        if holder is not None:
            return holder
        speaker = self.speaker if pos - self.speaker_end <= SPEAKER_REACH else None
        fallback = speaker or self.mentions.last_before(pos, PERSON)
        if fallback is None or (fallback.id in self.roles.has_role and not aged):
            return None  # a person known by another role is not this one
        return fallback if self.genders.fits(fallback, gender) else None

    def _org(self, pos: int, head: str = "") -> Entity | None:
        """ "the agency": an organisation named with the word, else the last that spoke."""
        if head:
            named = self.mentions.last_before(pos, ORG, head) or self.mentions.first_after(
                pos, ORG, head
            )
            if named is not None:
                return named
        if self.org_speaker is not None and not is_media(self.org_speaker):
            return self.org_speaker
        return None


def _clean(word: str) -> str:
    """A word as the word lists spell it: lower case, no possessive or trailing stop."""
    word = word.lower().replace("\u2019", "'").rstrip(".,")
    return word[:-2] if word.endswith("'s") else word


def _core(text: str, span: Span) -> list[re.Match[str]]:
    """The source's words up to its head: before a bracket, a comma or a preposition."""
    words: list[re.Match[str]] = []
    depth = 0
    pos = span[0]
    for m in _WORD.finditer(text, span[0], span[1]):
        between = text[pos : m.start()]
        depth += between.count("(") - between.count(")")
        pos = m.start()
        if depth > 0:
            continue
        if words and ("," in between or ";" in between or "\u2014" in between):
            break
        if words and m.group().lower() in _HEAD_ENDS:
            break
        if len(words) >= 2 and m.group()[0].islower() and m.group().endswith(("ed", "ing")):
            break  # "a report released last year", "a memo circulating"
        words.append(m)
    return words


def _comma_before(text: str, pos: int) -> bool:
    """Whether the last non-space character before `pos` is a comma (what
    `text[:pos].rstrip().endswith(",")` says, without copying the text before `pos`:
    on a book that copy was 5% of the whole analysis)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos > 0 and text[pos - 1] == ","
