"""`reader.analysis.table_cache` and `regex_cache`: tables built once, read back compiled.

Every test has its own `$READER_HOME` (conftest), so its own cache directory.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.analysis import regex_cache, table_cache
from reader.analysis.table_cache import cache_dir, cached

ROOT = Path(__file__).resolve().parents[2]


class Builder:
    """A build function that counts its calls and reads its source file."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> dict[str, object]:
        self.calls += 1
        words = self.source.read_text(encoding="utf-8").split()
        return {"words": frozenset(words), "first": words[0], "count": len(words)}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "names.txt"
    path.write_text("Lagos Lima Lisbon", encoding="utf-8")
    return path


def test_cache_lives_in_reader_home(reader_home: Path) -> None:
    assert cache_dir() == reader_home / "cache"


def test_a_table_is_built_once_then_read_back(source: Path) -> None:
    build = Builder(source)
    first = cached("places", [source], build)
    again = cached("places", [source], build)
    assert build.calls == 1
    assert (
        first
        == again
        == {"words": frozenset({"Lagos", "Lima", "Lisbon"}), "first": "Lagos", "count": 3}
    )
    assert (cache_dir() / "places.table").is_file()


def test_a_stale_table_is_rebuilt(source: Path) -> None:
    build = Builder(source)
    cached("places", [source], build)
    source.write_text("Oslo Ottawa", encoding="utf-8")
    info = source.stat()
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))  # the data file changed
    assert cached("places", [source], build)["words"] == frozenset({"Oslo", "Ottawa"})
    assert build.calls == 2
    assert cached("places", [source], build)["first"] == "Oslo"
    assert build.calls == 2


def test_another_salt_is_another_table(source: Path) -> None:
    build = Builder(source)
    cached("places", [source], build, salt="a")
    cached("places", [source], build, salt="b")
    assert build.calls == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw[:-1] + bytes([raw[-1] ^ 0xFF]),  # one byte of the payload flipped
        lambda raw: b"reader-table\n" + b"\x00" * 64 + b"\xff\xfe garbage",
        lambda raw: os.urandom(len(raw)),
    ],
)
def test_a_corrupt_table_is_replaced(source: Path, damage: object) -> None:
    build = Builder(source)
    cached("places", [source], build)
    path = cache_dir() / "places.table"
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cached("places", [source], build)["count"] == 3
    assert build.calls == 2
    assert cached("places", [source], build)["first"] == "Lagos"
    assert build.calls == 2  # the damaged file was replaced by a good one


def test_an_unwritable_cache_still_gives_the_table(
    source: Path, reader_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = reader_home / "cache"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    build = Builder(source)
    assert cached("places", [source], build)["count"] == 3
    assert cached("places", [source], build)["count"] == 3
    assert build.calls == 2
    assert blocker.read_text(encoding="utf-8").startswith("a file")


BUILD_TOGETHER = """
import sys, time
from pathlib import Path
from reader.analysis.table_cache import cached

source, barrier, me = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def build():
    (barrier / me).touch()
    deadline = time.monotonic() + 60
    while len(list(barrier.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)  # wait until the other process is building too
    return {"words": tuple(source.read_text().split()), "by": me}

table = cached("shared", [source], build)
print(table["by"], " ".join(table["words"]))
"""


def test_two_processes_building_at_once(source: Path, tmp_path: Path, reader_home: Path) -> None:
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "READER_HOME": str(reader_home)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BUILD_TOGETHER, str(source), str(barrier), me],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for me in ("one", "two")
    ]
    results = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    assert sorted(out for out, _ in results) == [
        "one Lagos Lima Lisbon\n",
        "two Lagos Lima Lisbon\n",
    ]
    assert sorted(p.name for p in barrier.iterdir()) == ["one", "two"]  # both really built
    assert [p.name for p in cache_dir().iterdir()] == ["shared.table"]  # no temporary left
    build = Builder(source)
    table = cached("shared", [source], lambda: {"words": (), "by": build()})
    assert table["by"] in {"one", "two"} and table["words"] == ("Lagos", "Lima", "Lisbon")
    assert build.calls == 0


def test_the_real_tables_read_back_equal_to_fresh_builds() -> None:
    from reader.analysis import wordlists
    from reader.analysis.entities import lexicon

    for loader, build in [
        (lexicon.gazetteer, lexicon.build_gazetteer),
        (lexicon.city_names, lexicon.build_city_names),
        (wordlists.given_name_genders, wordlists._build_given_name_genders),
    ]:
        loader.cache_clear()
        built = loader()  # built here (a fresh cache) and written
        loader.cache_clear()
        assert loader() == built == build()  # read back from the file
    assert lexicon.gazetteer()["france"] == "place"
    assert "Lagos" in lexicon.city_names()


SAMPLE = (ROOT / "sample_articles" / "kremlin-channel.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"(?P<name>[A-ZÀ-ÖØ-ÞĀĂĄ][\w'’-]+)(?:\s+(?P=name))?", 0),
        (r"(?<!\w)(?:(?P<hedge>allegedly|reportedly)|(?P<verb>said|told|denied))\b", re.I),
        (r"^\s*#+\s*(.*)$", re.MULTILINE),
    ],
)
def test_a_cached_pattern_is_the_pattern_re_compiles(pattern: str, flags: int) -> None:
    fresh = re.compile(pattern, flags)
    for _ in range(2):  # compiled and stored, then rebuilt from the stored program
        kept = regex_cache.compiled("test", pattern, flags)
        assert kept == fresh
        assert kept.groupindex == fresh.groupindex and kept.flags == fresh.flags
        assert [m.span() for m in kept.finditer(SAMPLE)] == [
            m.span() for m in fresh.finditer(SAMPLE)
        ]
    assert (table_cache.cache_dir() / "re-test.table").is_file()


def test_the_rules_big_patterns_equal_fresh_compiles() -> None:
    import importlib

    scan = importlib.import_module("reader.analysis.entities.scan")
    from reader.analysis.claims.cues import load_cues

    cue_re = load_cues().cue_re
    assert cue_re == re.compile(cue_re.pattern, re.IGNORECASE)
    for kept in (scan.CANDIDATE, scan.WRAPPED_CANDIDATE):
        assert kept == re.compile(kept.pattern)
