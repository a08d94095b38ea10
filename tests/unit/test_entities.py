"""Entity extraction: what a careful reader expects, one table row per pattern."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.analysis.entities import find_entities
from reader.analysis.model import Entity
from reader.document import load_text
from reader.document.model import Document
from reader.errors import ReaderError


def entities(text: str, source: str = "x.txt") -> tuple[Entity, ...]:
    """Entities of a plain-text (or Markdown, by `source`) document."""
    return find_entities(load_text(text, source=source))


def by_name(found: tuple[Entity, ...]) -> dict[str, Entity]:
    """Entities keyed by canonical name."""
    return {e.name: e for e in found}


def all_forms(found: tuple[Entity, ...]) -> set[str]:
    """Every canonical name and alias."""
    return {form for e in found for form in (e.name, *e.aliases)}


# (text, {canonical name: kind}) -- each named entity must be found with that kind.
FOUND = [
    ("Xi Jinping met officials in Beijing.", {"Xi Jinping": "person", "Beijing": "place"}),
    ("Crowds cheered Recep Tayyip Erdogan in Ankara.", {"Recep Tayyip Erdogan": "person"}),
    ("Voters asked Alexandria Ocasio-Cortez about rent.", {"Alexandria Ocasio-Cortez": "person"}),
    ("The museum honours Charles de Gaulle and his era.", {"Charles de Gaulle": "person"}),
    (
        "Rebels fought troops loyal to Bashar al-Assad near Aleppo.",
        {"Bashar al-Assad": "person", "Aleppo": "place"},
    ),
    ("The saga was written by J. R. R. Tolkien at his desk.", {"J. R. R. Tolkien": "person"}),
    ("Aides to George W. Bush flew to Texas.", {"George W. Bush": "person", "Texas": "place"}),
    ("Our reporter met Dr. Jane Goodall at the zoo.", {"Jane Goodall": "person"}),
    ("It angered Russian President Vladimir Putin deeply.", {"Vladimir Putin": "person"}),
    (
        "Later Kremlin spokesperson Dmitry Peskov said no.",
        {"Dmitry Peskov": "person", "Kremlin": "org"},
    ),
    ("She joined the Ministry of Defence in spring.", {"Ministry of Defence": "org"}),
    (
        "He studied at Harvard University and then left for Boston.",
        {"Harvard University": "org", "Boston": "place"},
    ),
    ("Shares of Acme Holdings fell sharply.", {"Acme Holdings": "org"}),
    ("A tanker sailed into the Red Sea at dawn.", {"Red Sea": "place"}),
    ("Fans in France celebrated the World Cup.", {"France": "place", "World Cup": "other"}),
    ("Theresa May resigned after the vote.", {"Theresa May": "person"}),
    ("We heard that Prime Minister Keir Starmer would speak.", {"Keir Starmer": "person"}),
    (
        "Last year General Motors cut jobs in Detroit.",
        {"General Motors": "org", "Detroit": "place"},
    ),
    ("Officials in the Kremlin were silent.", {"Kremlin": "org"}),
    ("Yesterday The Wall Street Journal reported a deal.", {"Wall Street Journal": "org"}),
    ("Traders on Wall Street were nervous.", {"Wall Street": "place"}),
    ("Mr Musk met Putin in Moscow.", {"Musk": "person", "Putin": "other", "Moscow": "place"}),
    ("A story in The Guardian said so.", {"Guardian": "org"}),
    ("Yesterday British Airways cancelled flights.", {"British Airways": "org"}),
    ("Fans in the Czech Republic cheered.", {"Czech Republic": "place"}),
    ("Talks with Secretary of State Antony Blinken ended.", {"Antony Blinken": "person"}),
    ("The new platform X (formerly Twitter) changed its rules.", {"Twitter": "org"}),
    (
        "The North Atlantic Treaty Organization (NATO) met. NATO said it would act.",
        {"North Atlantic Treaty Organization": "org"},
    ),
    ("LONDON 2024-03-01\nThe bank raised rates again.", {"LONDON": "place"}),
    ("Storms hit.\nPresident Bill Clinton ordered aid.", {"Bill Clinton": "person"}),
    ("Police detained the writer Wang Donghai on Friday.", {"Wang Donghai": "person"}),
    ("The bowler Ata-ur-Rehman said the pitch was slow.", {"Ata-ur-Rehman": "person"}),
    ("Crews at Air France walked out.", {"Air France": "org"}),
    ("The ceasefire held in Zvornik overnight.", {"Zvornik": "place"}),
    (
        "Engineers met Christina Montgomery. Montgomery said little.",
        {"Christina Montgomery": "person"},
    ),
    (
        "Lumora chief executive Dana Frey resigned. Investors put money in Lumora.",
        {"Lumora": "org", "Dana Frey": "person"},
    ),
    ("Analysts expect Meta Platforms to gain.", {"Meta Platforms": "org"}),
    ("Buyers met Brenvik, the shipping company, in May.", {"Brenvik": "org"}),
    ("Its ferries belong to Halvard Lines now.", {"Halvard Lines": "org"}),
    ("It aired on the public broadcaster NBC Northland last night.", {"NBC Northland": "org"}),
    ("Money came from Harcourt Estates, whose chairman gave it.", {"Harcourt Estates": "org"}),
    ("The National Farmers' Union objected.", {"National Farmers' Union": "org"}),
    ("Cocoa from Côte d'Ivoire rose.", {"Côte d'Ivoire": "place"}),
    (
        "Workers cited the Family and Medical Leave Act often.",
        {"Family and Medical Leave Act": "other"},
    ),
    ("Oil flowed from Saudi Arabia again.", {"Saudi Arabia": "place"}),
    ("The flanker Joost van der Westhuizen scored twice.", {"Joost van der Westhuizen": "person"}),
    ("Donors gave to the Republican National Committee.", {"Republican National Committee": "org"}),
    ("Agents of the FBI arrived; patients with PTSD waited.", {"FBI": "org", "PTSD": "other"}),
    ("Shares in Nortex fell after Nortex said profits dropped.", {"Nortex": "org"}),
    ("The actor grew up in Stratford-upon-Avon quietly.", {"Stratford-upon-Avon": "place"}),
    ("Delegates from the World Economic Forum arrived.", {"World Economic Forum": "org"}),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds_names_with_their_kind(text: str, expected: dict[str, str]) -> None:
    found = by_name(entities(text))
    for name, kind in expected.items():
        assert name in found, f"{name!r} not in {sorted(found)}"
        assert found[name].kind == kind


# (text, organisation, possessor) -- a common noun's "'s" inside a name does not split it.
POSSESSIVE_NAMES = [
    ("The governing People's Renewal Party received money.", "People's Renewal Party", "People"),
    ("She spoke at the Women's Institute in York.", "Women's Institute", "Women"),
    ("Doctors at the Children's Hospital agreed.", "Children's Hospital", "Children"),
    ("Donors to the Workers' Party met.", "Workers' Party", "Workers"),
    ("She led the Mother's Union for years.", "Mother's Union", "Mother"),
]


@pytest.mark.parametrize(("text", "name", "possessor"), POSSESSIVE_NAMES)
def test_possessive_common_noun_stays_inside_an_organisation(
    text: str, name: str, possessor: str
) -> None:
    found = entities(text)
    org = by_name(found)
    assert name in org, f"{name!r} not in {sorted(org)}"
    assert org[name].kind == "org"
    assert {text[s:e] for s, e in org[name].mentions} == {name}
    assert possessor not in all_forms(found)


# (text, possessor, what follows) -- a name's possessive still gives the name alone.
POSSESSIVE_SPLITS = [
    ("Engineers at Musk's SpaceX cheered.", "Musk", "SpaceX"),
    ("Aides said Trump's campaign would appeal.", "Trump", None),
    ("Shares rose after Apple's Board met.", "Apple", None),
]


@pytest.mark.parametrize(("text", "owner", "owned"), POSSESSIVE_SPLITS)
def test_possessive_of_a_name_is_split_off(text: str, owner: str, owned: str | None) -> None:
    found = by_name(entities(text))
    assert owner in found, f"{owner!r} not in {sorted(found)}"
    assert {text[s:e] for s, e in found[owner].mentions} == {owner}
    if owned is not None:
        assert owned in found
    assert not any("'s" in name for name in found)


# (text, words that must not be an entity or part of one's name)
NOT_NAMES = [
    ("Chinese and Russian diplomats met in private.", {"Chinese and Russian"}),
    ("Analysts expect growth. Growth was slow this year.", {"Analysts", "Growth"}),
    (
        "MARKETS RALLY AS INVESTORS CHEER\nShares rose in London on Tuesday.",
        {"MARKETS", "RALLY", "INVESTORS", "CHEER", "Shares", "Tuesday"},
    ),
    ("In March the council met again.", {"In", "March", "In March"}),
    ('"Nothing happened," she said. "Everything is fine."', {"Nothing", "Everything"}),
    ("The Kremlin-backed media ignored it.", {"Kremlin-backed"}),
    ("It pleased the Russian President, officials said.", {"President", "Russian President"}),
    ("Mr Musk spoke.", {"Mr"}),
    ("The Republican candidate spoke on Friday.", {"Republican candidate", "Friday"}),
    (
        "Hispanics and Mexican-Americans voted; Latinos stayed home.",
        {"Hispanics and Mexican-Americans"},
    ),
    ("Fans posted #HillaryClinton and @MaryJBlige all night.", {"HillaryClinton", "MaryJBlige"}),
    ("We said NO to ALL of it.", {"NO", "ALL"}),
    ("Agents of the FBI and Justice Department met.", {"FBI and Justice Department"}),
    (
        "It heard Christina Montgomery and New York University staff.",
        {"Christina Montgomery and New York University"},
    ),
]


@pytest.mark.parametrize(("text", "absent"), NOT_NAMES)
def test_capitals_alone_do_not_make_names(text: str, absent: set[str]) -> None:
    forms = all_forms(entities(text))
    assert not forms & absent


# (text, canonical name, number of mentions, mention texts) -- one entity, many forms.
GROUPED = [
    ("Musk's company grew. Elon Musk said Mr Musk would stay.", "Elon Musk", 3, {"Musk"}),
    (
        "The United States said U.S. troops would leave the US soon.",
        "United States",
        3,
        {"U.S.", "US"},
    ),
    ("Fiona Hill testified. Ms Hill said more later.", "Fiona Hill", 2, {"Hill"}),
    ("Michael Jordan scored 30 points. Jordan smiled.", "Michael Jordan", 2, {"Jordan"}),
    ("Peskov denied it. Later, Dmitry Peskov repeated the denial.", "Dmitry Peskov", 2, {"Peskov"}),
    (
        "MERKEL MEETS MACRON IN PARIS\nAngela Merkel met Emmanuel Macron in Paris.",
        "Angela Merkel",
        2,
        {"MERKEL"},
    ),
    (
        "The North Atlantic Treaty Organization (NATO) met. NATO said it would act.",
        "North Atlantic Treaty Organization",
        3,
        {"NATO"},
    ),
    ("The European Union agreed. Diplomats said the EU would act.", "European Union", 2, {"EU"}),
    (
        "The Financial Chronicle reported it first. The Chronicle later added more.",
        "Financial Chronicle",
        2,
        {"Chronicle"},
    ),
    (
        "Quayline Construction won. Quayline said costs would rise.",
        "Quayline Construction",
        2,
        {"Quayline"},
    ),
    (
        "Staff of the University of Lenzburg gathered in Lenzburg.",
        "University of Lenzburg",
        1,
        set(),
    ),
    ("The Valmora Herald said prices in Valmora rose.", "Valmora Herald", 1, set()),
    ("Recep Tayyip Erdogan won. Erdogan thanked voters.", "Recep Tayyip Erdogan", 2, {"Erdogan"}),
]


@pytest.mark.parametrize(("text", "name", "count", "forms"), GROUPED)
def test_short_forms_are_one_entity(text: str, name: str, count: int, forms: set[str]) -> None:
    found = entities(text)
    entity = by_name(found)[name]
    assert len(entity.mentions) == count
    assert {text[s:e] for s, e in entity.mentions} == forms | {name}
    assert forms <= set(entity.aliases)


def test_results_table_names_are_teams_not_places() -> None:
    text = "Results on Saturday:\nLeeds 2 Norwich 1\nStandings:\nLeeds 10 6 2 2 18 9 20\n"
    text += "Fans travelled from Norwich by train."
    found = entities(text)
    teams = {e.name for e in found if e.kind == "org"}
    assert teams == {"Leeds", "Norwich"}
    places = [e for e in found if e.kind == "place"]
    assert [text[s:e] for p in places for s, e in p.mentions] == ["Norwich"]


def test_title_case_first_line_of_plain_text_is_a_headline() -> None:
    text = (
        "Senator Warns Voters About Rising Costs In Ohio\n\n"
        "Senator Maria Lopez told voters in Ohio that costs were rising."
    )
    forms = all_forms(entities(text))
    assert {"Warns Voters About Rising Costs", "Voters", "Rising Costs"}.isdisjoint(forms)
    assert {"Maria Lopez", "Ohio"} <= forms


def test_all_caps_subhead_running_into_a_sentence_is_split() -> None:
    text = "The fund grew.\n\nMANY CAVEATS Plenty of savers lost money in Denver."
    forms = all_forms(entities(text))
    assert "MANY CAVEATS Plenty" not in forms and "Plenty" not in forms
    assert "Denver" in forms


def test_party_state_labels_are_not_names() -> None:
    text = "Rep. Ann Carter (D-Va.) and Rep. Joe Hale (R-Mass.) disagreed."
    found = by_name(entities(text))
    assert {"Ann Carter", "Joe Hale"} <= set(found)
    assert not any(name.startswith(("D-", "R-")) for name in found)
    assert found["Mass"].kind == "place"


def test_an_acronym_is_not_folded_into_a_person_sharing_its_letters() -> None:
    text = "Kim Jong Un tested a missile. The U.N. condemned it, and the UN met."
    found = by_name(entities(text))
    assert found["Kim Jong Un"].kind == "person"
    assert len(found["Kim Jong Un"].mentions) == 1


def test_hard_wrapped_text_keeps_names_across_line_breaks() -> None:
    line = "officials said the long talks went on late into the night and"
    text = "\n".join([line] * 8 + ["then the guests left and at last came Vladimir", "Putin."])
    (putin,) = entities(text)
    ((start, end),) = putin.mentions
    assert text[start:end] == "Vladimir\nPutin"
    assert putin.name == "Vladimir Putin"


def test_titled_forms_are_aliases_but_never_the_name_or_a_span() -> None:
    text = "Elon Musk spoke first. Later Mr Musk left, and Mr. Musk's staff stayed."
    (musk,) = entities(text)
    assert musk.name == "Elon Musk"
    assert {"Mr Musk", "Mr. Musk", "Musk"} <= set(musk.aliases)
    assert {text[s:e] for s, e in musk.mentions} == {"Elon Musk", "Musk"}


def test_a_title_of_two_words_is_kept_whole_in_the_alias() -> None:
    text = "Prime Minister Ana Ruiz spoke. Later Foreign Minister Tom Reed left."
    aliases = {form for ent in entities(text) for form in ent.aliases}
    assert {"Prime Minister Ana Ruiz", "Foreign Minister Tom Reed"} <= aliases
    assert not aliases & {"Minister Ana Ruiz", "Minister Tom Reed"}


def test_spans_are_the_bare_name() -> None:
    text = "Mr Musk's rockets flew. Dr. Jane Goodall's talk and Russian President Vladimir Putin."
    spans = {text[s:e] for ent in entities(text) for s, e in ent.mentions}
    assert spans == {"Musk", "Jane Goodall", "Russian", "Vladimir Putin"}


def test_headline_in_title_case_keeps_only_known_names() -> None:
    text = "# Putin Holds Talks With Xi\n\nVladimir Putin met Xi Jinping in Moscow."
    found = entities(text, source="x.md")
    forms = all_forms(found)
    assert {"Holds", "Talks", "Putin Holds Talks"}.isdisjoint(forms)
    assert len(by_name(found)["Vladimir Putin"].mentions) == 2


def test_ids_follow_mention_counts_and_mentions_are_sorted() -> None:
    text = "Berlin talks. Paris agreed with Paris and Paris again. Berlin waited. Rome too."
    found = entities(text)
    assert [e.id for e in found] == [f"e{i}" for i in range(1, len(found) + 1)]
    assert [e.name for e in found][:3] == ["Paris", "Berlin", "Rome"]
    counts = [len(e.mentions) for e in found]
    assert counts == sorted(counts, reverse=True)
    assert all(list(e.mentions) == sorted(e.mentions) for e in found)


def test_canonical_name_is_the_fullest_form() -> None:
    text = "Putin spoke first. Then Vladimir Putin left. Putin returned."
    (entity,) = entities(text)
    assert entity.name == "Vladimir Putin"
    assert entity.aliases == ("Putin",)


@pytest.mark.parametrize("zero_width", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_zero_width_character_does_not_split_a_name(zero_width: str) -> None:
    text = (
        f"Russian President Vla{zero_width}dimir Putin met envoys.\n\n"
        f"Later Putin{zero_width} left, and Vladimir Putin said nothing."
    )
    found = by_name(entities(text))
    assert set(found) == {"Russian", "Vladimir Putin"}
    putin = found["Vladimir Putin"]
    assert [text[s:e] for s, e in putin.mentions] == [
        f"Vla{zero_width}dimir Putin",
        "Putin",
        "Vladimir Putin",
    ]
    assert "Putin" in putin.aliases
    assert not any(zero_width in form for form in (putin.name, *putin.aliases))


def test_works_without_sentences_from_the_loader() -> None:
    text = "Growth slowed.\nAngela Merkel met officials in Berlin."
    found = by_name(find_entities(Document(text=text)))
    assert set(found) == {"Angela Merkel", "Berlin"}


def test_empty_text_has_no_entities() -> None:
    assert find_entities(Document(text="")) == ()


def test_progress_is_reported_up_to_one() -> None:
    seen: list[float] = []
    text = "Angela Merkel visited Paris. " * 3000
    find_entities(Document(text=text), seen.append)
    assert seen and seen[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in seen)
    assert seen == sorted(seen)


NAMEY = st.sampled_from(
    [
        "Paris",
        "Mr",
        "Musk",
        "'s",
        "U.S.",
        "al-Assad",
        "de",
        "of",
        "the",
        "NATO",
        "(",
        ")",
        "formerly",
        "Dr.",
        "J.",
        "LONDON",
        "Ministry",
        "Russian",
        "said",
        ".",
        ",",
        '"',
        "\n",
        "2024-01-01",
        "-",
        "&",
        "Ocasio-Cortez",
        "é",
        "É",
        "’s",
        " ",
    ]
)


TEXTS = st.one_of(st.text(max_size=200), st.lists(NAMEY, max_size=40).map(" ".join))


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_loaded_text_gives_valid_spans(raw: str) -> None:
    try:
        document = load_text(raw, source="x.txt")
    except ReaderError:
        return
    text = document.text
    for entity in find_entities(document):
        for s, e in entity.mentions:
            assert 0 <= s < e <= len(text)
            assert text[s:e].strip() == text[s:e]


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_any_text_gives_valid_spans(text: str) -> None:
    found = find_entities(Document(text=text))
    spans = sorted(m for entity in found for m in entity.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "no overlaps"
    assert [e.id for e in found] == [f"e{i}" for i in range(1, len(found) + 1)]
    for entity in found:
        assert entity.mentions
        for s, e in entity.mentions:
            assert 0 <= s < e <= len(text)
            mention = text[s:e]
            assert mention.strip() == mention
