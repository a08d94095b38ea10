"""Cue words for claims: reporting verbs, denials and hedges, from `reader.data`.

Invariant: the word lists are read once and compiled into case-insensitive,
whole-word regular expressions; nothing here knows about documents or spans,
so every pattern can run on any string.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reader.analysis.regex_cache import compiled
from reader.analysis.table_cache import cached
from reader.analysis.wordlists import data_file, lines, word_group

PATTERN_SOURCES = ("reporting_verbs.txt", "denial_verbs.txt", "topic_verbs.txt", "hedges.txt")
"""The word lists the cue patterns are built from (`_patterns`)."""

FACED = (
    r"(?:fac(?:e|es|ed|ing)|dr(?:aw|aws|ew|awn|awing)|c(?:ame|ome|omes|oming)\s+under)"
    r"\s+(?:[a-z]+\s+){0,2}?"
    r"(?:criticism|questions|scrutiny|ridicule|accusations|allegations|charges|backlash"
    r"|condemnation)"
)
"""A hedge with no critic named: a verb of undergoing, at most two modifiers ("sharp",
"growing") and a noun of blame ("has faced sharp criticism for", "drew questions about",
"came under scrutiny over"). Part of the one cue scan, so it costs a book nothing."""
Trie = dict[str, "Trie"]
"""A character trie of cue phrases: "" marks a phrase ending here."""


@dataclass(frozen=True, slots=True)
class VerbInfo:
    """What one reporting-verb form means as a cue."""

    kind: str
    """`say`, `report`, `hedge`, `opinion` or `deny`."""
    weak: bool
    """True when the verb is a cue only next to "that", a colon or a quotation."""
    lemma: str
    """The verb's base form ("say" for "said")."""


@dataclass(frozen=True, slots=True)
class Cues:
    """The compiled cue patterns and the meaning of every verb form."""

    verbs: dict[str, VerbInfo]
    """Lower-case verb form -> its meaning."""
    cue_re: re.Pattern[str]
    """Any cue in one scan: group `hedge` matches a hedge phrase ("allegedly", "is said
    to", "has faced criticism": `FACED`), group `verb` a reporting or denial verb form, a
    form of `topics` or "according to" (one trie: a third alternative would cost a
    book's scan an eighth more)."""
    cue_words: frozenset[str]
    """Verb forms that cannot be nouns ("said", "says", not "report"): a subject stops there."""
    cue_scan: re.Pattern[str]
    """Where `cue_re` may match, found fast: run on the lower-cased text (`cue_scan.cues`),
    it matches the character before each possible cue (so the engine skips letters)."""
    topics: dict[str, tuple[tuple[str, ...], ...]]
    """Verb form -> the particles after which its object is a claim ("spoke" -> "of",
    "about", ...: `topic_verbs.txt`, read by `rules.topic`). A form missing from `verbs`
    is a cue of that rule only."""


def _read_verbs() -> dict[str, VerbInfo]:
    """Every verb form of `reporting_verbs.txt` and `denial_verbs.txt`."""
    verbs: dict[str, VerbInfo] = {}
    rows = [ln.split() for ln in lines("reporting_verbs.txt")]
    rows += [["deny", *ln.split()] for ln in lines("denial_verbs.txt")]
    for kind, first, *rest in rows:
        weak = first.endswith("*")
        lemma = first.rstrip("*")
        for form in (lemma, *rest):
            verbs.setdefault(form.lower(), VerbInfo(kind, weak, lemma))
    return verbs


def _read_topics() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Every verb form of `topic_verbs.txt` and its particle phrases, as word tuples."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for line in lines("topic_verbs.txt"):
        forms, _, particles = line.partition("|")
        phrases = tuple(tuple(p.split()) for p in particles.split(",") if p.strip())
        for form in forms.split()[1:]:
            out[form.lower()] = phrases
    return out


def _alternation(phrases: Sequence[str]) -> str:
    """A regex matching any of `phrases`, built as a trie so it runs fast on a book."""
    trie: Trie = {}
    for phrase in {p.lower() for p in phrases}:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: Trie) -> str:
    """The regex for one trie node: a group of its branches, optional when a phrase ends here."""
    ends = "" in node
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


def _first_letters(verbs: Sequence[str], hedges: Sequence[str]) -> str:
    """A class of every letter a cue can start with: a lookahead, after the cheaper
    "no word character before" test that turns away most positions (inside words),
    together about a third faster on a book than a bare word boundary."""
    letters = {p[0].lower() for p in [*verbs, *hedges, "according"]}
    return "[" + "".join(sorted(letters | {c.upper() for c in letters})) + "]"


def _patterns() -> tuple[str, str]:
    """The texts of `Cues.cue_re` and `Cues.cue_scan`, built from the word lists."""
    verbs = _read_verbs()
    topics = _read_topics()
    verb = r"according\s+to|" + _alternation([*verbs, *topics])
    hedges = lines("hedges.txt")
    hedge = _alternation(hedges) + "|" + FACED
    body = rf"(?:(?P<hedge>{hedge})|(?P<verb>{verb}))"
    # `body`'s phrases in one trie for `cue_scan` (a third faster than its two groups):
    # whatever is added to `hedge` or `verb` must be added here too.
    every = _alternation([*verbs, *topics, *hedges, "according to"]) + "|" + FACED
    return (
        rf"(?<!\w)(?={_first_letters([*verbs, *topics], hedges)}){body}\b",
        rf"[^a-z0-9_](?=(?:{every})(?![a-z0-9_]))",
    )


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read and compile the word lists (once per process; the tries that turn them into
    patterns are built once per change of the lists, kept in the table cache)."""
    verbs = _read_verbs()
    nouns = word_group("nouns")
    sources = [Path(__file__), *(data_file(f) for f in PATTERN_SOURCES)]
    cue_re, cue_scan = cached("cue-patterns", sources, _patterns)
    return Cues(
        verbs=verbs,
        cue_words=frozenset(
            f for f, v in verbs.items() if f not in (v.lemma, v.lemma + "s") or v.lemma not in nouns
        ),
        topics=_read_topics(),
        cue_re=compiled("cues", cue_re, re.IGNORECASE),
        cue_scan=compiled("cue-scan", cue_scan),
    )
