"""`regex_cache.preload`: the rule modules' patterns come compiled from the cache.

Each check runs in a fresh interpreter (this one imported the rule modules long ago),
with its own `READER_HOME`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, re, sys
from re import _compiler
from reader.analysis import regex_cache
compiled = []
plain = _compiler.compile
def spy(pattern, flags=0):
    compiled.append((pattern, int(flags)))
    return plain(pattern, flags)
_compiler.compile = spy
before = set(re._cache)
regex_cache.preload()
preloaded = {key: re._cache[key] for key in re._cache if key not in before}
same = all(p == plain(key[1], key[2]) for key, p in preloaded.items())
for module in regex_cache.RULE_MODULES:
    __import__(module)
json.dump({"preloaded": len(preloaded), "same": same, "compiled": len(compiled)}, sys.stdout)
"""


def probe(home: Path, code: str = PROBE) -> dict[str, int]:
    env = {**os.environ, "READER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, int] = json.loads(done.stdout)
    return result


def test_a_second_process_imports_the_rules_without_compiling_their_patterns(
    tmp_path: Path,
) -> None:
    first = probe(tmp_path)  # compiles them and keeps them
    assert first["compiled"] >= 50
    assert (tmp_path / "cache" / "re-modules.table").is_file()
    second = probe(tmp_path)
    assert second["preloaded"] >= 50
    assert second["same"]  # each equals what re.compile gives
    assert second["compiled"] < first["compiled"] - 50
    assert second["compiled"] <= 5  # what the look-up of the module files compiles


def test_a_corrupt_table_is_rebuilt(tmp_path: Path) -> None:
    first = probe(tmp_path)
    table = tmp_path / "cache" / "re-modules.table"
    table.write_bytes(table.read_bytes()[:100])
    assert probe(tmp_path)["compiled"] == first["compiled"]  # built again
    assert probe(tmp_path)["compiled"] < first["compiled"] - 50


def test_nothing_is_kept_when_the_rules_are_imported_already(tmp_path: Path) -> None:
    code = "import reader.analysis.claims, reader.analysis.entities\n" + PROBE
    assert probe(tmp_path, code)["preloaded"] == 0
    assert probe(tmp_path, code)["compiled"] == 0
    assert not (tmp_path / "cache" / "re-modules.table").exists()
