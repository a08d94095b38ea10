"""`reader.start_cache`: a TUI start's patterns and dataclass functions come compiled from
the cache, and exactly as Python would compile them.

Each check runs in a fresh interpreter (the cache installs itself once per process), with
its own `READER_HOME`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, re, sys
from re import _compiler
from reader import start_cache
plain = _compiler.compile
compiled = []
def spy(pattern, flags=0):
    compiled.append(pattern)
    return plain(pattern, flags)
_compiler.compile = spy
start_cache.load("probe")
preloaded = {key: re._cache[key] for key in start_cache._start.keys if key in re._cache}
compiled.clear()  # what the imports of `load` itself compiled

def same(p, q):
    return (p == q and p.groups == q.groups and p.groupindex == q.groupindex
            and [m.span() for m in p.finditer(SAMPLE)] == [m.span() for m in q.finditer(SAMPLE)])

SAMPLE = "Mr. Smith said: 'It is 42!' ... and left, café, caf\u00e9 ABC-def ghi_jkl"
SOURCES = [
    (r"(?P<word>\w+)\s+(?P<num>\d+)?", 0),
    (r"[A-Z][a-z]+", re.IGNORECASE | re.MULTILINE),
    (r"(?<=\.)\s+(?=[A-Z])", 0),
    (r"caf\u00e9|\bleft\b", re.UNICODE),
]
patterns = [re.compile(pattern, flags) for pattern, flags in SOURCES]
exact = all(same(p, plain(*source)) for p, source in zip(patterns, SOURCES))
raw = re.compile(rb"[\x00-\x1f]+")
ours = len(compiled)
exact = exact and raw == plain(rb"[\x00-\x1f]+") and raw.findall(b"a\x01\x02b") == [b"\x01\x02"]
hits = all(same(p, re.compile(key[1], key[2])) for key, p in preloaded.items()
           if isinstance(key[1], str))

import dataclasses, inspect
@dataclasses.dataclass(frozen=True, slots=True)
class Probe:
    name: str
    count: int = 3
    tags: tuple[str, ...] = ()
made = Probe("x", 2)
shape = [str(inspect.signature(Probe.__init__)), repr(Probe.__init__.__annotations__),
         repr(made), made == Probe("x", 2), hash(made) == hash(Probe("x", 2)),
         Probe.__init__.__code__.co_filename]
try:
    made.name = "y"
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
writer = start_cache.keep()
if writer is not None:
    writer.join()
json.dump({"preloaded": len(preloaded), "compiled": ours, "exact": exact,
           "hits": hits, "shape": shape, "frozen": frozen,
           "new_codes": start_cache._start.new_codes}, sys.stdout)
"""


def probe(home: Path) -> dict[str, object]:
    env = {**os.environ, "READER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def table(home: Path) -> Path:
    return home / "cache" / "start-probe.marshal"


def test_a_second_start_compiles_nothing_and_gets_the_same_objects(tmp_path: Path) -> None:
    first = probe(tmp_path)
    assert first["preloaded"] == 0
    assert first["compiled"] == 5 and first["new_codes"] > 0
    assert table(tmp_path).is_file()
    assert table(tmp_path).stat().st_mode & 0o077 == 0
    second = probe(tmp_path)
    assert second["preloaded"] >= 5
    assert second["compiled"] == 0  # every pattern came from the table
    assert second["new_codes"] == 0  # every dataclass function too
    assert second["exact"] and second["hits"]
    assert second["shape"] == first["shape"]  # same signature, annotations, repr, eq, hash
    assert second["frozen"] and first["frozen"]


def test_a_corrupt_or_foreign_table_is_compiled_around_and_rewritten(tmp_path: Path) -> None:
    probe(tmp_path)
    path = table(tmp_path)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    again = probe(tmp_path)
    assert again["preloaded"] == 0 and again["compiled"] == 5
    assert again["shape"] == probe(tmp_path)["shape"]
    path.chmod(0o666)  # writable by others: never read
    assert probe(tmp_path)["preloaded"] == 0
    path.write_bytes(b"not a table")
    path.chmod(0o600)
    assert probe(tmp_path)["compiled"] == 5


def test_nothing_is_installed_without_load() -> None:
    code = (
        "import dataclasses\nfrom reader import start_cache\n"
        "print('exec' in vars(dataclasses), start_cache.keep())"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "None"]


FEW = r"""
import json, re, sys, uuid
from reader import start_cache
start_cache.load("probe")
for _ in range(int(sys.argv[1])):
    re.compile(f"never-seen-{uuid.uuid4().hex}")
writer = start_cache.keep()
if writer is not None:
    writer.join()
print(json.dumps(writer is not None))
"""


def test_a_few_new_patterns_do_not_rewrite_a_kept_table(tmp_path: Path) -> None:
    # A library whose pattern text follows a set's order compiles a new variant in every
    # process: that alone must not make every start write the table again.
    env = {**os.environ, "READER_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}

    def start(new: int) -> bool:
        done = subprocess.run(
            [sys.executable, "-c", FEW, str(new)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        wrote: bool = json.loads(done.stdout)
        return wrote

    assert start(1)  # no table yet: the first start writes what it compiled
    assert not start(2)
    assert start(6)  # many new ones (a new code path, an upgrade): written


def test_reader_extract_starts_from_its_table_and_leaves_it_alone_after(tmp_path: Path) -> None:
    article = ROOT / "sample_articles" / "harbour-tender.txt"
    outputs, stamps = [], []
    for seed in ("1", "2", "3"):  # another hash seed each time, as every process has
        env = {
            **os.environ,
            "READER_HOME": str(tmp_path),
            "PYTHONPATH": str(ROOT),
            "PYTHONHASHSEED": seed,
        }
        done = subprocess.run(
            [sys.executable, "-m", "reader", "extract", "--json", str(article)],
            env=env,
            capture_output=True,
            check=True,
        )
        outputs.append(done.stdout)
        path = tmp_path / "cache" / "start-extract.marshal"
        stamps.append((path.stat().st_mtime_ns, path.stat().st_size))
    assert outputs[0] == outputs[1] == outputs[2]
    assert stamps[1] == stamps[2]  # nothing new to keep once the first run wrote it
