"""Where the small words inside a run of capitalised words join one name, and where they
separate two ("Bank of England", "Peter the Great", "Sons of Liberty" against "Britain
and France", "Jordan of Chicago").

Invariant: pure functions of the words given (and the cached word lists and gazetteer);
`segments` returns the runs between the joiners that do not bind, in order, none ending
in a joiner. Used by `candidates.parse_candidate`; the head-word lists are shared with it.
"""

from __future__ import annotations

from functools import cache

from reader.analysis.entities.lexicon import first_names, gazetteer, name_key, titles
from reader.analysis.wordlists import given_name_genders, word_list

JOINERS = frozenset({"of", "the", "and", "for", "&"})
"""Words that may join the parts of one name, or stand between two names."""
MEMBERS = frozenset(
    {"Friends", "Sons", "Daughters", "Brothers", "Sisters", "Children", "Knights"}
    | {"Soldiers", "Veterans", "Doctors", "Mothers", "Fathers", "Citizens", "Disciples"}
    | {"Guardians", "Defenders", "Keepers", "Servants", "Heroes", "Martyrs", "Partisans"}
)
"""Plural nouns for members or kin that open the name of a society ("Sons of Liberty")."""


@cache
def head_words() -> frozenset[str]:
    """Head words that make a name an organisation, place or other thing."""
    return word_list("org_words.txt") | word_list("place_words.txt") | word_list("other_words.txt")


@cache
def org_head_words() -> frozenset[str]:
    """Head words of organisations and other things: "General Motors" has no title."""
    return word_list("org_words.txt") | word_list("other_words.txt")


def segments(words: list[str]) -> list[tuple[int, int]]:
    """Split a candidate's words at joiners that do not bind two names into one."""
    heads = head_words()
    cuts: list[tuple[int, int]] = []
    begin = 0
    for i, word in enumerate(words):
        if word not in JOINERS:
            continue
        binds = word != "and" and i > begin and words[i - 1] in heads
        binds = binds or " ".join(words[i - 1 : i + 2]).casefold() in titles()
        binds = binds or (word == "and" and _and_binds(words, begin, i))
        binds = binds or (word == "and" and _coordinated_complement(words, begin, i))
        binds = binds or (word in {"the", "of"} and _epithet(words, begin, i))
        binds = binds or (word == "of" and _fellowship(words, begin, i))
        if word == "&" or binds or (word == "the" and i > begin and words[i - 1] == "of"):
            continue
        if i > begin:
            cuts.append((begin, i))
        begin = i + 1
    if begin < len(words):
        cuts.append((begin, len(words)))
    return [(a, b) for a, b in cuts if words[b - 1] not in JOINERS]


def _epithet(words: list[str], begin: int, i: int) -> bool:
    """Whether "the" or "of" at `i` joins a given name to its epithet or seat: one name
    ("Peter the Great", "Catherine of Aragon", "Theodorus of Tabennese").

    It is when a single given name (no place's name) stands before it and a single
    capitalised word after it ends the run: "Jordan of Chicago", "Paul Smith of
    Acme" and "Anna of the Lakes District" stay apart.
    """
    if i - begin == 2 and words[begin].casefold() in titles():
        begin += 1  # "Tsar Peter the Great"
    if i - begin != 1 or i + 2 > len(words):
        return False
    if i + 2 < len(words) and words[i + 2] not in JOINERS:
        return False
    given, after = words[begin], words[i + 1]
    if name_key(given) in gazetteer() or not _given(given, after):
        return False
    return after[:1].isupper() and not after.isupper() and after not in head_words()


def _given(word: str, seat: str) -> bool:
    """Whether `word` is a given name before an epithet or seat: a common one, or one of
    the long list of given names before a seat that is no known place ("Hilary of
    Poitiers"; "Smith of Chicago" stays two names)."""
    if word in first_names():
        return True
    folded = word.casefold()
    if folded in titles() or folded not in given_name_genders():
        return False  # "Earl of Clare", "Duke of Orleans": a title and a seat
    return name_key(seat) not in gazetteer()


def _fellowship(words: list[str], begin: int, i: int) -> bool:
    """Whether "of" at `i` follows a plural noun for members or kin that opens a
    society's name ("Friends of the Earth", "Sons of Liberty", "Daughters of the
    Revolution"; not "Prices of U.S. Treasury" nor "Halls of Congress")."""
    if words[begin] in ("The", "the"):
        begin += 1
    return i - begin == 1 and i + 1 < len(words) and words[begin] in MEMBERS


def _and_binds(words: list[str], begin: int, i: int) -> bool:
    """Whether "and" at `i` is inside one name ("Family and Medical Leave Act").

    It is when the words after it end in a head word and a single ordinary
    word comes before it ("Britain and France", "Jane Roe and Acme Group"
    are two names each).
    """
    end = next((j for j in range(i + 1, len(words)) if words[j] in JOINERS), len(words))
    heads, left = head_words(), words[begin:i]
    if len(left) != 1 or left[0].isupper() or left[0] in first_names():
        return False
    return words[end - 1] in heads and left[0] not in heads and name_key(left[0]) not in gazetteer()


def _coordinated_complement(words: list[str], begin: int, i: int) -> bool:
    """Whether "and" at `i` joins two words of one complement after a head word
    ("Academy of Painting and Sculpture", "Centre for Irish and Scottish Studies").

    It is when a head word's "of" or "for" stands two words before it, the word
    between is no known name, and the word after it is neither a given name nor a
    head word: "Bank of Spain and Portugal" and "Ministry of Health and Oxfam" stay
    two names each.
    """
    k = i - 2
    if k <= begin or words[k] not in {"of", "for"} or words[k - 1] not in head_words():
        return False
    if i + 1 >= len(words) or name_key(words[i - 1]) in gazetteer():
        return False
    after = words[i + 1]
    heads = head_words()
    return after not in first_names() and after not in heads and name_key(after) not in gazetteer()
