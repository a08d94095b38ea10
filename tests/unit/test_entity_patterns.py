"""Name shapes from issue 10: town endings, buildings, hyphenated given names, "Dept"."""

from __future__ import annotations

import pytest

from reader.analysis.entities import find_entities
from reader.analysis.model import EntityKind
from reader.document import load_text


def _kinds(text: str) -> dict[str, EntityKind]:
    return {e.name: e.kind for e in find_entities(load_text(text, source="x.txt"))}


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The envoys reached St. Petersburg at dawn.", "St. Petersburg", "place"),
        ("Trains to Strasbourg were late again.", "Strasbourg", "place"),
        ("The tanks rolled towards Volgograd.", "Volgograd", "place"),
        ("Justice Ruth Bader Ginsburg wrote for the court.", "Ruth Bader Ginsburg", "person"),
        ("They buried him in Kensal Green Cemetery.", "Kensal Green Cemetery", "place"),
        ("Traffic backed up in the Mersey Tunnel.", "Mersey Tunnel", "place"),
        ("The choir sang at Tewkesbury Abbey.", "Tewkesbury Abbey", "place"),
        ("The Dept of Transport answered.", "Dept of Transport", "org"),
        # a town's name that a person's title goes with is the person's
        ("Lord Byron wrote it in Venice. Byron sailed on.", "Byron", "person"),
        ("Mr. Lincoln rose to speak at noon.", "Lincoln", "person"),
        ("The envoys reached St. Petersburg. Petersburg was cold.", "Petersburg", "place"),
        ("Lincoln is a city in Nebraska.", "Lincoln", "place"),
        # a place and a plural: a team named for its town, not the town
        ("The Pittsburgh Pirates beat them twice.", "Pittsburgh Pirates", "org"),
        ("Fans of the Boston Red Sox waited.", "Boston Red Sox", "org"),
        ("Ferries sail to the Cayman Islands daily.", "Cayman Islands", "place"),
        ("Tourists crowded onto London Bridge at noon.", "London Bridge", "place"),
        # an outlet written in capitals is the outlet, not the country it starts with
        ("A USA TODAY review of the filings found gaps.", "USA TODAY", "org"),
        ("She edits Wikipedia in the evenings.", "Wikipedia", "org"),
    ],
)
def test_kinds(text: str, name: str, kind: EntityKind) -> None:
    assert _kinds(text).get(name) == kind


@pytest.mark.parametrize(
    ("text", "kept", "absent"),  # kept None: only the joined form must not appear
    [
        ("The activist Lam Wing-kei spoke first.", "Lam Wing-kei", "Lam"),
        ("Talks with Moon Jae-in resumed.", "Moon Jae-in", "Moon"),
        ("The New York-based bank said no.", "New York", "New York-based"),
        ("Buses from the New York-area suburbs came.", "New York", "New York-area"),
        ("Anna Mills-Burke won the seat.", "Anna Mills-Burke", "Anna Mills"),
        ("Lee Hsien-loong and Kim Jong-un met.", "Lee Hsien-loong", "Lee"),
        ("They met in a Hong Kong-style cafe.", "Hong Kong", "Hong Kong-style"),
        ("It was a Tom Bush-led team.", None, "Tom Bush-led"),
        # a given name and its epithet or seat are one person's name
        ("In 1703 Peter the Great founded a city.", "Peter the Great", "Peter"),
        ("The envoy served Catherine of Aragon for years.", "Catherine of Aragon", "Aragon"),
        # a place or a full name before "of" is not: two names
        ("He flew from Jordan of all places.", None, "Jordan of"),
        ("We met Anna Berg of Northwind Shipping.", "Anna Berg", "Anna Berg of Northwind Shipping"),
    ],
)
def test_hyphenated_given_names(text: str, kept: str | None, absent: str) -> None:
    kinds = _kinds(text)
    assert kept is None or kept in kinds
    assert absent not in kinds


@pytest.mark.parametrize(
    ("text", "name", "parts"),  # one organisation, and none of its pieces alone
    [
        (
            "She trained at the Academy of Pottery and Weaving in Leith.",
            "Academy of Pottery and Weaving",
            ("Weaving",),
        ),
        (
            "He joined the Institute for Welsh and Breton Studies last year.",
            "Institute for Welsh and Breton Studies",
            ("Breton Studies", "for Welsh"),
        ),
        (
            "Funding for the Centre for Coastal Studies was cut.",
            "Centre for Coastal Studies",
            ("for Coastal Studies",),
        ),
    ],
)
def test_organisation_names_with_inner_joiners(
    text: str, name: str, parts: tuple[str, ...]
) -> None:
    kinds = _kinds(text)
    assert name in kinds
    assert not set(parts) & set(kinds)


@pytest.mark.parametrize(
    ("text", "names"),  # "and" between two names keeps them two
    [
        ("Loans from the Bank of Spain and Portugal were repaid.", ("Bank of Spain", "Portugal")),
        (
            "The University of Leeds and Maria Lopez signed the deal.",
            ("University of Leeds", "Maria Lopez"),
        ),
    ],
)
def test_and_between_two_names_splits(text: str, names: tuple[str, ...]) -> None:
    kinds = _kinds(text)
    assert all(n in kinds for n in names), kinds


@pytest.mark.parametrize(
    ("text", "name", "kind"),  # a lone surname typed by what only a person does
    [
        (
            "In the spring of that year Quellmar was born in a fishing village.",
            "Quellmar",
            "person",
        ),
        ("The poems of Varnoski, who taught in the valley, were lost.", "Varnoski", "person"),
        ("Two years later Tessaro died in the harbour town.", "Tessaro", "person"),
        ("Snow fell on Quellmar all winter.", "Quellmar", "other"),
    ],
)
def test_lone_surnames_typed_by_person_predicates(text: str, name: str, kind: EntityKind) -> None:
    assert _kinds(text).get(name) == kind
