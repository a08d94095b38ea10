"""From a run of capitalised words to the bare names inside it.

Invariant: `parse_candidate(surface)` returns (start, end, flags) offsets into
`surface` whose slices are names without a leading title, role, nationality
or sentence opener and without trailing weekdays or stray letters; `flags`
say what was stripped or seen. It is a pure function of the string (cached).
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.analysis.entities.joiners import (
    JOINERS,
    head_words,
    org_head_words,
    segments,
)
from reader.analysis.entities.lexicon import (
    SAINTS,
    common_words,
    first_names,
    gazetteer,
    name_key,
    nationalities,
    saint_place,
    titles,
)
from reader.analysis.wordlists import given_name_genders, word_list

DOTTED_TITLES = (
    r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Adm|Maj|Rev|St|Jr|Sr|Mt|Ft)\."
)
"""Abbreviated titles written with a dot ("Mr.", "Gen."): one token each."""

_WORD = re.compile(r"\S+")
_ADJECTIVES = frozenset({"Democratic", "Conservative", "Liberal", "Federal", "National", "Eastern"})
"""Adjectives that name nothing alone, though they start names ("Democratic Party")."""
_PARTY_STATE = re.compile(r"[DRI]-[A-Z]")
"""Party and state labels as in "(D-Va.)": the letter and hyphen are no part of a name."""
_TRAILING = frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    | {"January", "February", "March", "July", "September", "October", "November", "December"}
    | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
)
"""Words that end a run of capitals without being part of the name before them."""
_DOTTED_TITLE = re.compile(DOTTED_TITLES)
_GENERIC_HEADS = frozenset(
    {"Inc", "Corp", "Co", "Ltd", "LLC", "Plc", "PLC", "League", "Party", "Union", "Group"}
    | {"Company", "Department", "Ministry", "Committee", "Council", "Commission", "Agency"}
    | {"Association", "Federation", "Board", "Bureau", "Office", "Division", "Cup"}
    | {"Dept", "Dept.", "Govt", "Govt.", "Ministry", "Corps", "Institute", "Authority"}
)
"""Head words that alone name nothing in particular ("the League", "the Party")."""
_ORDINALS = frozenset({"First", "Second", "Third"})
"""Openers that begin an organisation's name before its head word ("First Bank")."""

TITLE = 1
"""A title or role was stripped from the front: the name is a person's."""
INITIAL = 2
"""The first word opens a sentence or quote: its capital proves nothing."""
CAPS = 4
"""All-caps or heading text: only names known from elsewhere count."""
STRIPPED = 8
"""A sentence opener, nationality or title was removed from the front."""
PREFIX = 16
"""Words before a title ("U.S." in "U.S. President Bill Clinton"): kept only if known."""
STATE = 32
"""The state in a party-state label ("Mass" in "(D-Mass.)"): a place."""
NORP = 64
"""A nationality, religious or political group ("Russian", "Muslims", "Democrats"): what
OntoNotes calls NORP, an entity of kind other, apart from the name it may qualify."""


def _phrase_len(words: list[str], i: int, table: frozenset[str]) -> int:
    """How many words from `words[i]` form an entry of `table` (longest, 0 if none)."""
    for n in (3, 2, 1):
        if i + n <= len(words) and " ".join(words[i : i + n]).casefold() in table:
            return n
    return 0


def is_given_name(word: str) -> bool:
    """Whether `word` is a given name: a common one, or one of the long list of given
    names that is no English word ("Irena", "Tomas"; not "Will", "Grace")."""
    if word in first_names():
        return True
    folded = word.casefold()
    return word[1:].islower() and folded in given_name_genders() and folded not in common_words()


def possessive_binds(owner: str, rest: str) -> bool:
    """Whether `owner` + "'s" + `rest` is one organisation's name.

    It is when the possessor is a common noun, not a known name, and the
    capitalised words after it end in an organisation head word before any
    joiner: "People's Renewal Party", "Women's Institute", "Children's
    Hospital". "Musk's SpaceX" and "Apple's Board" stay two names.
    """
    last = owner.rsplit(None, 1)[-1] if owner.strip() else ""
    if not last or last.casefold() not in common_words() or name_key(last) in gazetteer():
        return False
    if last in head_words():
        return False  # "Michigan State University's Broad Art Museum": the owner is a name
    words = rest.split()
    end = next((j for j, w in enumerate(words) if w in JOINERS), len(words))
    return end > 0 and words[end - 1] in word_list("org_words.txt")


def is_demonym(word: str) -> bool:
    """Whether `word` names a nationality or its people ("Russian", "Russians", "Sino-Thai")."""
    if "-" in word:
        return all(is_demonym(part) for part in word.split("-"))
    return word in nationalities() or (word[-1:] == "s" and word[:-1] in nationalities())


def _plural_title(word: str) -> int:
    """1 for a plural title ("Generals", "Princes") standing before names, else 0."""
    return int(word[-1:] == "s" and word[:-1].casefold() in titles())


def _strip_demonym(words: list[str], a: int, b: int) -> bool:
    """Whether the nationality at `a` only qualifies the name after it: a title, a person's
    name or a known name follows ("Russian President Vladimir Putin", "Russian Yelena
    Strokova", "German Bayer").

    Otherwise it opens the name ("American Revolution", "British National Corpus",
    "Spanish Netherlands"), as it does before a head word ("British Airways",
    "Republican National Committee") and in a known name ("Saudi Arabia").
    """
    if words[a + 1] in head_words() or words[b - 1] in org_head_words():
        return False
    if b - a == 2 and words[a] in first_names() and words[b - 1] not in first_names():
        return False  # "Christian Okafor": a given name, then the surname
    if name_key(" ".join(words[a:b])) in gazetteer():
        return False
    after = words[a + 1]
    if _phrase_len(words, a + 1, titles()) or _plural_title(after) or _ROLE_NOUN.fullmatch(after):
        return True
    return is_given_name(after) or name_key(" ".join(words[a + 1 : b])) in gazetteer()


def _is_title(words: list[str], i: int, b: int) -> int:
    """Length of a title at `words[i]` that is followed by a name, not by a head word.

    A title followed by "of" or "for" heads a name itself ("Centre for Irish Studies");
    a saint's title in a town's name is no title ("St. Louis").
    """
    n = _phrase_len(words, i, titles()) or _plural_title(words[i])
    if n and words[i].rstrip(".").casefold() in SAINTS and saint_place(words[i + 1 : b]):
        return 0
    if not n or i + n >= b or words[b - 1] in org_head_words() or words[i + n] in JOINERS:
        return 0
    after = words[i + n]
    word_of_name = after in org_head_words() and after not in first_names()
    if word_of_name and words[i].casefold() in common_words():
        return 0  # "Major League Baseball", "General Assembly": the word is a name's
    return n


_ROLE_NOUN = re.compile(r"[A-Z][a-z]{3,}(?:ist|ian|er|or|ant|ent|ee|ey|ic)")
"""The shape of an English noun for what a person does ("Biologist", "Mathematician",
"Attorney", "YouTuber"), written with a capital only because it opens the sentence or
is used as a title."""


def _role_noun(words: list[str], a: int, b: int) -> int:
    """1 when `words[a]` is a noun for a person's work or role before their full name
    ("Mathematician Hermann Weyl", "Attorney Ruth Okafor"), else 0. A given name
    ("Christian Cullen", "Hunter Biden") or a place is no role."""
    word, given = words[a], words[a + 1] if a + 1 < b else ""
    if b - a < 3 or not _ROLE_NOUN.fullmatch(word) or not is_given_name(given):
        return 0
    if word in first_names() or word.casefold() in given_name_genders():
        return 0
    if any(w in head_words() for w in words[a + 1 : b]):
        return 0  # "Webber Douglas Academy": an organisation named for people
    return int(name_key(word) not in gazetteer() and words[a + 2][:1].isupper())


def _person_after_org(words: list[str], a: int, j: int, b: int) -> bool:
    """Whether an organisation's name `words[a:j]` runs into a person's full name at `j`
    ("European Union Sara Haddad said", "University of Leeds Omar Farouk"): the first
    part holds an organisation's head word, then come a given name and one or two
    capitalised words that are no head words."""
    if not 2 <= b - j <= 3 or words[j - 1] in JOINERS or words[j] not in first_names():
        return False
    rest = words[j + 1 : b]
    if any(w in head_words() or w in JOINERS or not w[:1].isupper() for w in rest):
        return False
    return any(w in org_head_words() for w in words[a:j])


_PLACE_PREPOSITIONS = frozenset({"In", "At", "From", "Near", "Outside", "Throughout"})
"""Prepositions that open a sentence with a place before its subject ("In Kiev Pierre
found some people he knew")."""


def _place_then_person(words: list[str], a: int, b: int) -> int:
    """Words of a known place at `words[a]` that a preposition opened and a person's name
    follows ("In Kiev Pierre found...", "At New York Anna Petrova said..."): the place
    ends there. 0 when what follows is no given name ("In Washington Square", "In Jordan
    Valley"): one name."""
    for n in (3, 2, 1):
        if a + n < b and name_key(" ".join(words[a : a + n])) in gazetteer():
            return n if is_given_name(words[a + n]) else 0
    return 0


def _trim(words: list[str], a: int, b: int) -> list[tuple[int, int, int]]:
    """Drop openers, titles and nationalities; split "U.S. President Bill Clinton".

    Returns (first word, end word, flags) for each name left in `words[a:b]`.
    """
    stop = word_list("stopwords_caps.txt")
    flags = 0
    groups: list[tuple[int, int, int]] = []
    while a < b:
        n = _is_title(words, a, b) or _role_noun(words, a, b)
        if n:
            flags |= TITLE | STRIPPED
            a += n
        elif words[a] in stop and not (words[a] in _ORDINALS and words[b - 1] in org_head_words()):
            flags = (flags | STRIPPED) & ~TITLE
            a += 1
            if words[a - 1] in _PLACE_PREPOSITIONS and (place := _place_then_person(words, a, b)):
                groups.append((a, a + place, flags))
                flags = 0
                a += place
        elif is_demonym(words[a]) and a + 1 < b and _strip_demonym(words, a, b):
            groups.append((a, a + 1, NORP))
            flags |= STRIPPED
            a += 1
        else:
            break
    while b > a + 1 and (words[b - 1] in _TRAILING or _DOTTED_TITLE.fullmatch(words[b - 1])):
        b -= 1
    role = b > a + 2 and words[b - 1].casefold() in titles() and words[b - 2] not in JOINERS
    if role and any(w in org_head_words() for w in words[a : b - 1]):
        b -= 1  # "Foreign Office Spokesperson": the organisation, its role left out
    return groups + _split_rest(words, a, b, flags)


def _split_rest(words: list[str], a: int, b: int, flags: int) -> list[tuple[int, int, int]]:
    """The names in `words[a:b]` once its openers are gone: split where a title or a
    person's name follows an organisation's; nothing for a lone opener or title."""
    for j in range(a + 1, b - 1):
        n = _is_title(words, j, b)
        if n:
            rest = _trim(words, j + n, b)
            rest = [(x, y, f | TITLE | STRIPPED) for x, y, f in rest]
            return [(a, j, flags | PREFIX), *rest]
        if _person_after_org(words, a, j, b):
            return [(a, j, flags), (j, b, 0)]
    if b - a == 1 and is_demonym(words[a]):
        return [(a, b, flags | NORP)]
    stop = word_list("stopwords_caps.txt")
    if b - a == 1 and (words[a] in stop or words[a] in _ADJECTIVES or words[a] in _GENERIC_HEADS):
        return []
    if a < b and _phrase_len(words, a, titles()) == b - a:
        return []
    return [(a, b, flags)] if a < b else []


@lru_cache(maxsize=1 << 16)
def parse_candidate(surface: str) -> tuple[tuple[int, int, int], ...]:
    """The names inside one candidate string, as (start, end, flags) offsets into it."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(surface)]
    words = [surface[s:e] for s, e in spans]
    state = 0
    if words and _PARTY_STATE.match(words[0]):
        spans[0] = (spans[0][0] + 2, spans[0][1])
        words[0] = words[0][2:]
        state = STATE if len(words) == 1 else 0
    out = []
    for a, b in segments(words):
        for la, lb, after_loud in _loudness_runs(words, a, b):
            for ta, tb, flags in _trim(words, la, lb):
                out.append((spans[ta][0], spans[tb - 1][1], flags | after_loud | state))
    return tuple(out)


def _loud(word: str) -> bool:
    """An all-caps word too long for an acronym: a subhead or a shout."""
    return word.isupper() and len(word) >= 5


def _loudness_runs(words: list[str], a: int, b: int) -> list[tuple[int, int, int]]:
    """Split "A QUARTER Let" where all-caps words meet ordinary ones.

    Words right after a loud run open a sentence (a subhead runs into its
    paragraph), so they get the INITIAL flag.
    """
    runs, start = [], a
    for i in range(a + 1, b):
        prev, word = words[i - 1], words[i]
        if _loud(prev) and word in head_words():
            continue  # "BAFTA Award", "UNESCO Prize": an acronym and its head word
        if (_loud(prev) and not word.isupper()) or (_loud(word) and not prev.isupper()):
            runs.append((start, i, INITIAL if start > a and _loud(words[start - 1]) else 0))
            start = i
    runs.append((start, b, INITIAL if start > a and _loud(words[start - 1]) else 0))
    return runs
