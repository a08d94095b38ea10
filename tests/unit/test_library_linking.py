"""Entities linked across articles: unambiguous short names join the full name, ambiguous
ones stay apart and say "possibly", and the reader's merges and splits persist."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_articles import DENIAL, FOLLOW_UP, LEAK, NAMESAKE, add, write

from reader.errors import InputError
from reader.library.library import Library
from reader.library.linking import EntityRow, LibraryEntity, Link
from reader.library.linking import link as linked


def row(article: str, name: str, kind: str = "person", aliases: tuple[str, ...] = ()) -> EntityRow:
    return EntityRow(article, "e1", name, kind, aliases, 2, ("c1",), ())


def link(rows: list[EntityRow], links: list[Link] | None = None) -> list[LibraryEntity]:
    return [found.entity for found in linked(rows, links or [])]


def named(entities: list[LibraryEntity], name: str) -> LibraryEntity:
    return next(e for e in entities if e.name == name)


def test_short_names_and_honorifics_join_the_one_full_name() -> None:
    rows = [row("a1", "Elon Musk"), row("a2", "Musk"), row("a3", "Mr Musk"), row("a4", "Mr. Musk")]
    entities = link(rows)
    assert [(e.name, e.articles) for e in entities] == [("Elon Musk", 4)]
    assert set(entities[0].aliases) == {"Musk", "Mr Musk", "Mr. Musk"}
    assert entities[0].possibly == ()


def test_a_short_name_of_two_full_names_stays_apart_and_says_possibly() -> None:
    rows = [row("a1", "Elon Musk"), row("a2", "Kimbal Musk"), row("a3", "Musk")]
    entities = link(rows)
    short = named(entities, "Musk")
    assert short.possibly == ("Elon Musk", "Kimbal Musk")
    assert named(entities, "Elon Musk").articles == 1
    assert named(entities, "Kimbal Musk").articles == 1


def test_kinds_are_never_joined_by_name() -> None:
    entities = link([row("a1", "Jordan Ferry"), row("a2", "Ferry", kind="org")])
    assert sorted((e.name, e.kind) for e in entities) == [
        ("Ferry", "org"),
        ("Jordan Ferry", "person"),
    ]


def test_an_alias_one_article_gave_links_another_article() -> None:
    rows = [row("a1", "Julian Harcourt", aliases=("Sir Julian",)), row("a2", "Julian")]
    assert [e.name for e in link(rows)] == ["Julian Harcourt"]


def test_the_readers_links_are_applied_in_order() -> None:
    rows = [row("a1", "Elon Musk"), row("a2", "Kimbal Musk"), row("a3", "Musk")]
    merged = link(rows, [Link("merge", ("person", "kimbal musk"), ("person", "musk"))])
    assert named(merged, "Kimbal Musk").articles == 2
    assert named(merged, "Kimbal Musk").possibly == ()
    split = link(rows[::2], [Link("split", ("person", "musk"), ("person", "elon musk"))])
    assert sorted(e.name for e in split) == ["Elon Musk", "Musk"]


def test_holt_is_one_person_across_two_outlets(tmp_path: Path) -> None:
    library = Library()
    add(library, write(tmp_path, "leak.md", LEAK), write(tmp_path, "denial.md", DENIAL))
    holt = library.one("Holt")
    assert holt.name == "Maren Holt"
    assert holt.articles == 2
    denial = next(a for a in library.articles() if a.title.startswith("Veltra denies"))
    stored = library.stored(denial.id)
    assert stored is not None
    local = next(e for e in stored.entities if e.name == "Holt")
    assert library.entity_of(denial.id, local.id) == holt
    assert "Ms Holt" in holt.aliases
    titles = {claim.article.title for claim in library.claims(about="Maren Holt")}
    assert titles == {
        "Veltra Energy chief accused of hiding pipeline leak",
        "Veltra denies emails show early warning of leak",
    }


def test_a_namesake_makes_the_short_name_ambiguous(tmp_path: Path) -> None:
    library = Library()
    add(library, write(tmp_path, "leak.md", LEAK), write(tmp_path, "denial.md", DENIAL))
    add(library, write(tmp_path, "harbour.md", NAMESAKE))
    entities = library.entities(kind="person")
    short = named(entities, "Holt")
    assert short.possibly == ("Maren Holt", "Tomas Holt")
    assert named(entities, "Maren Holt").articles == 1
    assert named(entities, "Tomas Holt").articles == 1


def test_a_merge_is_saved_and_applied_to_an_article_added_later(tmp_path: Path) -> None:
    library = Library()
    add(library, write(tmp_path, "leak.md", LEAK), write(tmp_path, "harbour.md", NAMESAKE))
    add(library, write(tmp_path, "denial.md", DENIAL))
    assert library.one("Holt").possibly == ("Maren Holt", "Tomas Holt")
    merged = library.merge("Maren Holt", "Holt")
    assert merged.articles == 2 and merged.possibly == ()
    later = Library()  # a new process: the merge was saved
    add(later, write(tmp_path, "follow-up.md", FOLLOW_UP))
    assert later.one("Maren Holt").articles == 3
    follow_up = [c for c in later.claims(about="Maren Holt") if c.article.title.startswith("Reg")]
    assert follow_up and all("Maren Holt" in c.about for c in follow_up)


def test_a_split_is_saved_and_applied_to_an_article_added_later(tmp_path: Path) -> None:
    library = Library()
    add(library, write(tmp_path, "leak.md", LEAK), write(tmp_path, "denial.md", DENIAL))
    assert library.one("Maren Holt").articles == 2
    part = library.split("Maren Holt", "Holt")
    assert part.name == "Holt" and part.articles == 1
    later = Library()
    add(later, write(tmp_path, "follow-up.md", FOLLOW_UP))
    assert later.one("Maren Holt").articles == 1
    assert later.one("person:holt").articles == 2
    with pytest.raises(InputError, match="not a separate name"):
        later.split("Maren Holt", "Ms Holt")  # a spelling inside one article's own entity
