"""Which candidate mentions are names, grouped by key, with the evidence of their kind.

Invariant: `Resolver.spans[key]` lists spans of the text whose slices are
kept names with that comparison key (`lexicon.name_key`, places folded to
their alias group); `Resolver.evidence[key]` holds what their contexts showed
(titles, "said", "in", company cues). Capitals in running text are evidence
of a name; sentence openers, all-caps and headline words count only when the
name is known from elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from reader.analysis.entities import scan as mn
from reader.analysis.entities.joiners import MEMBERS
from reader.analysis.entities.kind import Evidence
from reader.analysis.entities.lexicon import (
    common_words,
    first_names,
    gazetteer,
    name_key,
    place_groups,
)
from reader.analysis.entities.org_context import ACRONYM, org_after, org_before
from reader.analysis.entities.tables import team_spans
from reader.analysis.model import EntityKind
from reader.analysis.wordlists import word_list
from reader.span import Span

_WORDS = re.compile(r"\S+")
_SPEAKER_LABEL = re.compile(
    r"[ \t]*[\"\u201c]?([A-Z][A-Z'\u2019-]+(?:[ \t][A-Z][A-Z'\u2019-]+){0,2})[ \t]*:"
    r"(?:[ \t]+[^\s:]+){4}"
)
"""An all-caps speaker label opening a line of prose in a transcript ("WALLACE: Let's
start with"); a table's field ("ISSUER: Ohio") has too few words after it."""
LABEL_REACH = 40
"""Longest line start (quote, label, spaces) before a speaker label's colon."""
SPEAKER_TURNS = 2
"""Lines of prose a label must open before it is taken as a speaker's name."""
_LAYOUT_LABELS = frozenset(
    {"update", "updated", "correction", "clarification", "editor's", "editors", "photo"}
    | {"photos", "video", "source", "sources", "related", "advertisement", "caption"}
    | {"credit", "warning", "breaking", "exclusive"}
)
"""Labels of a newspaper's layout rather than of a speaker."""
_SPACE = re.compile(r"\s")
_DATELINE_TAIL = re.compile(r"[ \t,]*(?:\d{4}-\d\d-\d\d|\d{1,2} [A-Za-z]+ \d{4}|\([A-Z][\w ]*\))")
_PLACE_BEFORE = frozenset(
    {"in", "near", "outside", "across", "around", "towards", "toward", "through", "into"}
)
_PLACE_NOUN_AFTER = re.compile(
    r"[ \t]+(?:province|county|prefecture|region|district|oblast|canton|department)\b"
)
"""A lower-case word for a part of a country after a name: "Jiangsu province"."""
_REGION_FIRST = frozenset("pcrdo")
"""The first letters of `_PLACE_NOUN_AFTER`'s words: a quick test before the pattern."""
_PLACE_THEN_COMMA = re.compile(r"([A-Z][\w'’-]+(?:[ \t][A-Z][\w'’-]+)?),[ \t]+\Z")
"""A capitalised name and a comma just before a mention: "Exeter, Devon"."""
_LEADING_JOINER = re.compile(r"(?:of|the|and|for|&)\s+")
"""A joiner left at the front of a name when its opener is cut off."""
_ADDRESS_TAIL = re.compile(r",[ \t]+([A-Z][\w.]*)")
"""The word after a comma that may make a place of the name before it ("Washington, D.C.")."""
_PHRASE_END = re.compile(r"[,.;)\n]|[ \t]+\d")
"""What ends an address after its last name: a stop, a comma, a bracket, a dateline's date."""
_TITLE_LEADS = frozenset(
    {"Prime", "Vice", "Deputy", "Foreign", "Interior", "Finance", "Defence", "Defense"}
    | {"Home", "Health", "Justice", "Chief", "Attorney", "Lord", "First", "Grand", "Crown"}
)
"""Words that open a title of two ("Prime Minister", "Attorney General")."""
_SAID = frozenset({"said", "says", "told", "added", "asked", "wrote"})
_PREV_WORD = re.compile(r"([A-Za-z][\w-]*\.?)[ \t]+$")
_NEXT_SAID = re.compile(
    r"[ \t]*(?:,[^,\n]{0,40},[ \t]*)?(?:said|says|told|added|stated|argued"
    r"|was[ \t]+born|died|married)\b"
    r"|,[ \t]+who[ \t]"
)
"""After a name, what only a person does: speaks, is born, dies, marries, is "who"."""


_SEAT_TITLES = frozenset(
    {"duke", "duchess", "earl", "marquis", "marquess", "count", "countess", "viscount"}
    | {"baron", "baroness", "prince", "princess", "king", "queen", "emperor", "empress"}
    | {"tsar", "czar", "lord", "lady", "bishop", "archbishop", "abbot", "abbess", "patriarch"}
)
"""Titles held of a place: "Duke of Orleans", "Bishop of Durham"."""


def previous_word(text: str, start: int) -> re.Match[str] | None:
    """`_PREV_WORD` searched in the 30 characters before `start`, begun where a match can
    begin (in the last run of word characters before the trailing spaces and dots): the
    same match, without trying every position of the window."""
    floor = max(0, start - 30)
    begin = start
    while begin > floor and text[begin - 1] in " \t\n.":
        begin -= 1
    while begin > floor and (text[begin - 1].isalnum() or text[begin - 1] in "_-"):
        begin -= 1
    return _PREV_WORD.search(text, begin, start)


def _label_lines(text: str) -> Iterator[str]:
    """The label of each line `_SPEAKER_LABEL` opens, found from the colons (a book has
    few next to its lines; a multi-line regex would try every character)."""
    colon = text.find(":")
    while colon != -1:
        start = text.rfind("\n", 0, colon) + 1
        if colon - start <= LABEL_REACH:
            m = _SPEAKER_LABEL.match(text, start)
            if m is not None and text.find(":", m.end(1)) == colon:  # its own colon
                yield m.group(1)
        colon = text.find(":", colon + 1)


_LOWER_AFTER = re.compile(r"[ \t]+([a-z]+)")
"""The lower-case word after a mention ("president" in "the Russian president")."""
GROUP_KEY = "group:"
"""What the group key of a nationality, religion or party starts with ("group:russian"):
no name's key has a colon, so no name folds into it."""


class Resolver:
    """Decides which candidate mentions are names, and under which key they group."""

    def __init__(self, text: str, scan: mn.Scan) -> None:
        self.text = text
        self.scan = scan
        self.gaz = gazetteer()
        self.evidence: dict[str, Evidence] = defaultdict(Evidence)
        self.spans: dict[str, list[Span]] = defaultdict(list)
        self.known: set[str] = set()
        self.surnames: set[str] = set()
        self.firsts: set[str] = set()
        self.stop = word_list("stopwords_caps.txt")
        self.claimed: set[int] = set()
        self._speakers: frozenset[str] | None = None
        self._titles = mn.titles()
        self._names: dict[str, tuple[str, str]] = {}
        """Each name's grouped key and its form with single spaces: a book names the same
        few thousand names 25,000 times, so they are worked out once each."""

    def _name(self, name: str) -> tuple[str, str]:
        """`name`'s key folded to its place group, and its form with single spaces."""
        found = self._names.get(name)
        if found is None:
            key = name_key(name)
            found = self._names[name] = (place_groups().get(key, key), " ".join(name.split()))
        return found

    def teams(self) -> None:
        """Names in results tables: teams, kept apart from the place they are named after."""
        for start, end in team_spans(self.text):
            key = "team:" + name_key(self.text[start:end])
            self.add(start, end, 0, forced="org", key=key)
            self.claimed.add(start)

    def add(
        self,
        start: int,
        end: int,
        flags: int,
        forced: EntityKind | None = None,
        key: str | None = None,
    ) -> None:
        """Record a kept mention and what its context says about its kind."""
        if start in self.claimed:
            return
        text = self.text
        name = text[start:end]
        grouped, form = self._name(name)
        if key is None:
            key = grouped
            if text[end : end + 1] == "," and (tail := _ADDRESS_TAIL.match(text, end)):
                # "Washington, D.C.": the city, grouped with its "D.C."
                key = place_groups().get(f"{key}, {name_key(tail.group(1))}", key)
        self.spans[key].append((start, end))
        ev = self.evidence[key]
        ev.forms[form] += 1
        if flags & mn.TITLE:
            ev.title += 1
        if forced is not None:
            ev.forced = forced
        if not flags & mn.CAPS:
            prev = previous_word(text, start)
            before = prev.group(1).casefold() if prev else ""
            if prev is not None and before in self._titles:
                ev.title += 1
                if prev.group(1)[0].isupper():
                    title = prev.group(1)
                    lead = previous_word(text, prev.start())
                    if lead is not None and lead.group(1) in _TITLE_LEADS:
                        title = f"{lead.group(1)} {title}"  # "Prime Minister", not "Minister"
                    ev.titled[f"{title} {form}"] += 1
            before = before.rstrip(".")
            if before in _SAID or _NEXT_SAID.match(text, end):
                ev.said += 1
            near = before in _PLACE_BEFORE
            if not near and (
                text[start - 2 : start] == ", " or text[end + 1 : end + 2] in _REGION_FIRST
            ):
                near = self._in_place(start, end)  # the quick tests first
            if near:
                ev.near += 1
            if before == "the":
                ev.the += 1
            if before == "of" and prev is not None and self._titled_seat(prev.start()):
                ev.seat += 1
            if (
                org_before(text, start)
                or org_after(text, end)
                or (text[end : end + 2] in ("'s", "’s") and ACRONYM.fullmatch(name))
            ):
                ev.org += 1

    def _in_place(self, start: int, end: int) -> bool:
        """Whether the name at `start..end` is written as a part of a country: after a
        known place and a comma, ending the phrase ("born in Exeter, Devon.", "Oldham,
        Lancashire, England") or before a lower-case word for a region ("Jiangsu
        province")."""
        if _PLACE_NOUN_AFTER.match(self.text, end):
            return True
        if self.text[max(0, start - 2) : start] not in (", ", ",\t"):
            return False
        if end < len(self.text) and not _PHRASE_END.match(self.text, end):
            return False  # "in Sochi, Russia, Wikinews interviewed": a new clause's subject
        found = _PLACE_THEN_COMMA.search(self.text, max(0, start - 40), start)
        return found is not None and self.gaz.get(name_key(found.group(1))) == "place"

    def _titled_seat(self, of: int) -> bool:
        """Whether the "of" at `of` follows a title held of a place ("Duke of", "Bishop of"):
        the name after it is a seat, a place."""
        prev = previous_word(self.text, of)
        return (
            prev is not None
            and prev.group(1)[:1].isupper()
            and (prev.group(1).casefold() in _SEAT_TITLES)
        )

    def speakers(self) -> frozenset[str]:
        """Speaker labels of a transcript: all-caps names that open lines before a colon
        ("WALLACE:") at least `SPEAKER_TURNS` times. A label that is an ordinary word
        ("UPDATE:", "EDITOR'S NOTE:"), a sentence opener or a place (a dateline, "NEW
        DELHI:") is no speaker."""
        if self._speakers is None:
            turns = Counter(label for label in _label_lines(self.text))
            common = common_words()
            self._speakers = frozenset(
                label
                for label, n in turns.items()
                if n >= SPEAKER_TURNS
                and name_key(label) not in self.gaz
                and not any(
                    w.casefold().strip(".") in common
                    or w.casefold() in _LAYOUT_LABELS
                    or w.title() in self.stop
                    for w in label.split()
                )
            )
        return self._speakers

    def is_known(self, key: str, single: bool) -> bool:
        """Whether a name was seen alone or as a surname elsewhere, or is in the gazetteer."""
        return key in self.known or key in self.gaz or (single and key in self.surnames)

    def normal(self, mentions: Iterable[mn.Mention]) -> None:
        """Mentions in running text, not sentence-initial: capitals are evidence."""
        parts: dict[str, tuple[str, str, str] | tuple[str]] = {}  # name -> its keys
        text, known, add = self.text, self.known, self.add
        for m in mentions:
            if m.end - m.start == 1:
                continue
            add(m.start, m.end, m.flags, forced="place" if m.flags & mn.STATE else None)
            name = text[m.start : m.end]
            keys = parts.get(name)
            if keys is None:
                words = name.split()
                keys = parts[name] = (
                    (name_key(name), name_key(words[-1]), name_key(words[0]))
                    if len(words) > 1
                    else (name_key(name),)
                )
            known.add(keys[0])
            if len(keys) == 3:
                self.surnames.add(keys[1])
                self.firsts.add(keys[2])

    def opener(self, m: mn.Mention) -> mn.Mention | None:
        """A multi-word sentence opener as a plain mention, without a common first word."""
        name = self.text[m.start : m.end]
        space = _SPACE.search(name)
        if space is None:
            return None
        cut = space.start()
        first = name[:cut]
        known = name_key(first) in self.gaz or name_key(name) in self.gaz
        second = _SPACE.search(name, cut + 1)
        if second is not None and name_key(name[: second.start()]) in self.gaz:
            known = True  # "New York Newsdesk": a known two-word name opens it
        if first in MEMBERS and name[cut:].lstrip().startswith("of "):
            known = True  # "Friends of the Earth protested": a society's name
        if self.common(first) and not known:
            start = m.start + len(name) - len(name[cut:].lstrip())
            while (joiner := _LEADING_JOINER.match(self.text, start, m.end)) is not None:
                start = joiner.end()  # "Critics of Trump": not "of Trump"
            if start >= m.end:
                return None
            rest = mn.Mention(start, m.end, m.flags)
            return None if self.common(self.text[start : m.end]) else rest
        return m

    def common(self, word: str) -> bool:
        """Whether the text also writes `word` in lower case (so it is no name)."""
        folded = word.casefold()
        in_text = folded in self.scan.lower_words or folded in common_words()
        return in_text and word not in first_names()

    def group_word(self, m: mn.Mention) -> None:
        """A nationality, religious or political group ("Russian", "Muslims"): of kind other
        wherever it stands, since the word list, not its capital, makes it one; singular and
        plural are one entity ("Democrat", "Democrats")."""
        name = self.text[m.start : m.end]
        if name.isupper() and len(name) > 1:
            return  # "RUSSIAN" in a shouted headline
        role = _LOWER_AFTER.match(self.text, m.end)
        if role is not None and role.group(1) in mn.titles():
            return  # "the Russian president": a description of a person, about no group
        key = name_key(name)
        singular = key[:-1] if key.endswith("s") and not key.endswith("ss") else key
        self.add(m.start, m.end, m.flags, forced="other", key=GROUP_KEY + singular)

    def initial(self, m: mn.Mention) -> None:
        """A one-word sentence opener: kept only if known as a name from elsewhere."""
        name = self.text[m.start : m.end]
        key = name_key(name)
        rare = not self.common(name)
        if key in self.known or key in self.surnames or (rare and self.known_part(key)):
            self.add(m.start, m.end, m.flags)

    def known_part(self, key: str) -> bool:
        """Whether `key` is a known place or begins a name seen in running text."""
        return key in self.gaz or key in self.firsts

    def caps(self, m: mn.Mention) -> None:
        """All-caps or heading text: keep only the longest known names inside it."""
        line_start = self.text.rfind("\n", 0, m.start) + 1
        if self.text[m.start : m.end] in self.speakers() and _SPEAKER_LABEL.match(
            self.text, line_start
        ):
            self.add(m.start, m.end, m.flags, forced="person")
            return
        if not self.text[line_start : m.start].strip() and _DATELINE_TAIL.match(self.text, m.end):
            self.add(m.start, m.end, m.flags, forced="place")
            return
        name = self.text[m.start : m.end]
        words = [(w.start(), w.end()) for w in _WORDS.finditer(name)]
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                s, e = words[i][0], words[i + n - 1][1]
                if name[s : words[i][1]].title() in self.stop or e - s == 1:
                    continue
                if self.is_known(name_key(name[s:e]), n == 1):
                    self.add(m.start + s, m.start + e, m.flags)
                    i += n
                    break
            else:
                i += 1
