"""The snapshot store: one file per text version, named by its hash, in the data directory
only, written once, never trusted when damaged; kept when an article is added or opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.analysis import analyze
from reader.cli import main
from reader.document import load, load_text
from reader.errors import StoreError
from reader.library import intake
from reader.library.library import Library
from reader.library.snapshots import Snapshots, snapshot_folder
from reader.notes.model import content_hash
from reader.notes.store import NoteStore

TEXT = "# Quay\n\nThe mayor said the quay would open in June.\n"


def files_under(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.mark.parametrize(
    "name",
    ["../../outside", "/etc/passwd", "0" * 63, "0" * 64 + "/../x", "A" * 64, "", "..", "\x1b[2J"],
)
def test_no_name_but_a_content_hash_names_a_snapshot(tmp_path: Path, name: str) -> None:
    snapshots = Snapshots(tmp_path / "snaps")
    with pytest.raises(StoreError) as raised:
        snapshots.path(name)
    assert "\x1b" not in str(raised.value)
    with pytest.raises(StoreError):
        snapshots.text(name)
    assert not (tmp_path / "snaps").exists()


def test_a_text_is_written_once_under_its_hash(tmp_path: Path) -> None:
    snapshots = Snapshots(tmp_path / "snaps")
    assert snapshots.keep(TEXT) is True
    assert snapshots.keep(TEXT) is False
    [kept] = files_under(tmp_path)
    assert kept == tmp_path / "snaps" / f"{content_hash(TEXT)}.txt"
    assert snapshots.text(content_hash(TEXT)) == TEXT


def test_a_text_a_crash_left_short_is_written_again(tmp_path: Path) -> None:
    # `reader add`'s workers keep texts unsynced (the batch is settled at once): after a
    # crash the file can be there but short, and the next keep must not take it as kept.
    snapshots = Snapshots(tmp_path / "snaps")
    assert snapshots.keep(TEXT, durable=False) is True
    snapshots.settle([content_hash(TEXT)])
    assert snapshots.text(content_hash(TEXT)) == TEXT
    snapshots.path(content_hash(TEXT)).write_bytes(b"")
    assert snapshots.keep(TEXT, durable=False) is True
    assert snapshots.keep(TEXT) is False
    assert snapshots.text(content_hash(TEXT)) == TEXT
    assert len(files_under(tmp_path)) == 1  # no temporary file left behind


def test_settling_without_os_sync_syncs_each_kept_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.library.snapshots.sys.platform", "darwin")
    synced: list[int] = []
    monkeypatch.setattr("reader.library.snapshots.os.fsync", synced.append)
    snapshots = Snapshots(tmp_path / "snaps")
    snapshots.keep(TEXT, durable=False)
    snapshots.settle([content_hash(TEXT), "0" * 64])  # one kept, one never was
    assert len(synced) == 2  # the kept text's file, then the folder
    assert snapshots.text(content_hash(TEXT)) == TEXT


def test_a_damaged_snapshot_is_reported_and_not_trusted(tmp_path: Path) -> None:
    warnings: list[str] = []
    snapshots = Snapshots(tmp_path / "snaps", warnings.append)
    snapshots.keep(TEXT)
    snapshots.path(content_hash(TEXT)).write_text(TEXT.replace("June", "July"))
    assert snapshots.text(content_hash(TEXT)) is None
    assert len(warnings) == 1 and "damaged" in warnings[0]
    snapshots.path(content_hash(TEXT)).write_bytes(b"\xff\xfe\x00")
    assert snapshots.text(content_hash(TEXT)) is None


def test_add_and_refresh_write_only_inside_the_data_directory(
    tmp_path: Path, reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "articles" / "quay.md"
    article.parent.mkdir()
    article.write_text(TEXT)
    outside = files_under(tmp_path) - files_under(reader_home)
    assert main(["add", str(article)]) == 0
    first = load(str(article)).text
    assert Snapshots(snapshot_folder(None)).text(content_hash(first)) == first
    article.write_text(TEXT.replace("June", "August"))
    second = load(str(article)).text
    for ref in (str(article), "../../../tmp/x", "0" * 64, "/etc/passwd"):
        main(["refresh", ref])
    capsys.readouterr()
    assert files_under(tmp_path) - files_under(reader_home) == outside
    snaps = sorted(p.name for p in snapshot_folder(None).iterdir())
    assert snaps == sorted(f"{content_hash(t)}.txt" for t in (first, second))


def test_opening_an_article_keeps_its_text_once(tmp_path: Path) -> None:
    """The TUI's path (`keep_opened`, run in its worker thread): the first open keeps the
    text, a second open of the same text writes nothing."""
    document = load_text(TEXT, source=str(tmp_path / "quay.md"))
    article = NoteStore().open_article(document.source, document.text, document.title)
    assert intake.keep_opened(None, analyze(document), article, document.source) is None
    path = Snapshots(snapshot_folder(None)).path(content_hash(document.text))
    stamp = path.stat().st_mtime_ns
    assert intake.keep_opened(None, analyze(document), article, document.source) is None
    assert path.stat().st_mtime_ns == stamp
    assert [a.id for a in Library().articles()] == [article.id]


def test_db_keeps_the_texts_beside_that_store(
    tmp_path: Path, reader_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "quay.md"
    article.write_text(TEXT)
    db = tmp_path / "elsewhere" / "mine.json"
    assert main(["add", str(article), "--db", str(db)]) == 0
    article.write_text(TEXT.replace("June", "August"))
    assert main(["refresh", str(article), "--db", str(db)]) == 0
    assert "-June.- +August.+" in capsys.readouterr().out
    assert len(list((tmp_path / "elsewhere" / "mine.library.snapshots").iterdir())) == 2
    assert not snapshot_folder(None).exists()
