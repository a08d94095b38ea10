"""Claim patterns: attribution, quotes, hedges, denials and pronoun sources.

Each case is a short article of our own and the claims a careful reader
expects from it. Documents are built without the loader (the claim finder
splits sentences itself), and entities by hand, so these tests only exercise
`find_claims`.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis.claims import find_claims
from reader.analysis.claims.units import MAX_UNIT, cap_units
from reader.analysis.model import Analysis, Claim, Entity
from reader.document import load_text
from reader.document.model import Block, BlockKind, Document, Sentence

PEOPLE = ("Maria Lopez", "Lopez", "Tom Reed", "Reed", "Anna Berg", "Berg", "Ivan Petrov")
ORGS = ("The Daily Herald", "Daily Herald", "Herald", "Northwind", "City Council")


def entities_for(text: str) -> tuple[Entity, ...]:
    """Hand-made entities: every listed name found in `text` (longest names first)."""
    taken: list[tuple[int, int, str]] = []
    for name in sorted(PEOPLE + ORGS, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), name))
    groups: dict[str, list[tuple[int, int]]] = {}
    for s, e, name in sorted(taken):
        key = next(n for n in PEOPLE + ORGS if name in n or n in name)
        key = max((n for n in PEOPLE + ORGS if key.split()[-1] in n), key=len)
        groups.setdefault(key, []).append((s, e))
    return tuple(
        Entity(f"e{i}", name, "person" if name in PEOPLE else "org", (), tuple(spans))
        for i, (name, spans) in enumerate(groups.items(), 1)
    )


def loaded(text: str) -> Document:
    """`text` through the plain-text loader: the document layer splits its sentences."""
    if not text.strip():
        return Document(text=text)  # the loader refuses a blank text: nothing to split
    return load_text(text, source="x.txt")


def plain(text: str) -> Document:
    """`text` as a plain-text document whose text is exactly `text`."""
    document = loaded(text)
    assert document.text == text
    return document


def claims_of(text: str) -> tuple[tuple[Claim, ...], tuple[Entity, ...]]:
    """The claims of `text` with hand-made entities."""
    entities = entities_for(text)
    return find_claims(plain(text), entities), entities


def part(text: str, span: tuple[int, int] | None) -> str | None:
    """The text at `span`, or None."""
    return text[span[0] : span[1]] if span else None


# (text, content snippet, source words, cue words, tags)
CASES = [
    (
        "The Daily Herald reported that the mayor had resigned.",
        "the mayor had resigned",
        "The Daily Herald",
        "reported",
        ("reported",),
    ),
    (
        "The budget will be cut next year, the minister said.",
        "The budget will be cut next year",
        "the minister",
        "said",
        ("statement",),
    ),
    (
        "According to the Herald, the bridge will close in May.",
        "the bridge will close in May",
        "the Herald",
        "According to",
        ("reported",),
    ),
    (
        "The bridge will close in May, according to city engineers.",
        "The bridge will close in May",
        "city engineers",
        "according to",
        ("statement",),
    ),
    (
        'Maria Lopez said: "We will not give up."',
        "We will not give up",
        "Maria Lopez",
        "said",
        ("statement", "quote"),
    ),
    (
        '"We are ready," said Maria Lopez, the team captain.',
        "We are ready",
        "Maria Lopez",
        "said",
        ("statement", "quote"),
    ),
    (
        '"The plan failed. Nobody checked the numbers," the auditor said.',
        "The plan failed. Nobody checked the numbers",
        "the auditor",
        "said",
        ("statement", "quote"),
    ),
    (
        "\"He told me 'never again,' and I believed him,\" said Tom Reed.",
        "never again",
        "Tom Reed",
        "said",
        ("statement", "quote"),
    ),
    (
        "The senator allegedly accepted gifts from the company.",
        "accepted gifts from the company",
        None,
        "allegedly",
        ("alleged",),
    ),
    (
        "The factory reportedly closed its doors last week.",
        "closed its doors last week",
        None,
        "reportedly",
        ("alleged",),
    ),
    (
        "The general is said to be furious about the leak.",
        "be furious about the leak",
        None,
        "is said to",
        ("alleged",),
    ),
    (
        "The deal is close to being signed, sources said.",
        "The deal is close to being signed",
        "sources",
        "said",
        ("statement", "alleged"),
    ),
    (
        "Northwind denied any wrongdoing in the sale.",
        "any wrongdoing in the sale",
        "Northwind",
        "denied",
        ("statement", "denial"),
    ),
    (
        "Lopez rejected the accusations as baseless.",
        "the accusations as baseless",
        "Lopez",
        "rejected",
        ("statement", "denial"),
    ),
    (
        "The council dismissed the report as a political stunt.",
        "the report as a political stunt",
        "The council",
        "dismissed",
        ("statement", "denial"),
    ),
    (
        "Scientists have refuted the idea that the lake is drying up.",
        "the idea that the lake is drying up",
        "Scientists",
        "refuted",
        ("statement", "denial"),
    ),
    (
        "Reed told reporters that the vote would be delayed.",
        "the vote would be delayed",
        "Reed",
        "told",
        ("statement",),
    ),
    (
        "The agency said on Tuesday that it would appeal the ruling.",
        "it would appeal the ruling",
        "The agency",
        "said",
        ("statement",),
    ),
    (
        "Lopez, speaking at a rally in Denver, said the race was tight.",
        "the race was tight",
        "Lopez",
        "said",
        ("statement",),
    ),
    (
        "The economy, the governor said, is stronger than it has been in years.",
        "is stronger than it has been in years",
        "the governor",
        "said",
        ("statement",),
    ),
    (
        '"We tried everything," she said, "but the money ran out."',
        "but the money ran out",
        "she",
        "said",
        ("statement", "quote"),
    ),
    (
        "The group claimed that the count had been rigged.",
        "the count had been rigged",
        "The group",
        "claimed",
        ("statement", "alleged"),
    ),
    (
        "Berg called the new stadium a waste of public money.",
        "the new stadium a waste of public money",
        "Berg",
        "called",
        ("statement", "opinion"),
    ),
    (
        '"Heavens, what a dreadful attack!" replied the prince, not at all disturbed.',
        "Heavens, what a dreadful attack",
        "the prince",
        "replied",
        ("statement", "quote"),
    ),
    (
        "''We will win the final,'' said Reed.",
        "We will win the final",
        "Reed",
        "said",
        ("statement", "quote"),
    ),
    (
        'Rain fell all day. "Who could have known it would flood?" Reed said.',
        "Who could have known it would flood",
        "Reed",
        "said",
        ("statement", "quote"),
    ),
    (
        "Officials warned that the storm could be severe.",
        "the storm could be severe",
        "Officials",
        "warned",
        ("statement",),
    ),
    (
        "A new study found that most commuters cycle in summer.",
        "most commuters cycle in summer",
        "A new study",
        "found",
        ("reported",),
    ),
    (
        "The Daily Herald claimed that the ferry had been sold.",
        "the ferry had been sold",
        "The Daily Herald",
        "claimed",
        ("reported", "alleged"),
    ),
    (
        "Readers wrote in.\n\n\u201cThe park is the heart of this town.\u201d \u2015 Maria Lopez\n",
        "The park is the heart of this town",
        "Maria Lopez",
        "\u2015",
        ("statement", "quote"),
    ),
    (
        "LOPEZ: We will not give up on this town.\n\nREED: Nor will we.",
        "We will not give up on this town",
        "LOPEZ",
        ":",
        ("statement",),
    ),
    (
        "Storm Will Hit the Coast Tonight, Mayor Anna Berg Says\n\nThe city is ready.",
        "Storm Will Hit the Coast Tonight",
        "Mayor Anna Berg",
        "Says",
        ("statement",),
    ),
    (
        '"You do not know what you are doing," said Tom Reed severely.',
        "You do not know what you are doing",
        "Tom Reed",
        "said",
        ("statement", "quote"),
    ),
    (
        'The wind rose. "We are ready for the storm." Reed, the harbour master, said on Monday.',
        "We are ready for the storm",
        "Reed",
        "said",
        ("statement", "quote"),
    ),
    (
        "Tom Reed was accused of using the harbour fund for his own boat.",
        "Tom Reed was accused of using the harbour fund for his own boat",
        None,
        "accused",
        ("alleged",),
    ),
    (
        "The sale was first reported by the Daily Herald.",
        "The sale",
        "the Daily Herald",
        "reported",
        ("reported",),
    ),
    (
        "Reed has been harshly criticized for the delay.",
        "Reed has been harshly criticized for the delay",
        None,
        "criticized",
        ("alleged", "opinion"),
    ),
    (
        "Rep. Anna Berg (D-Ore.) said the bill would pass.",
        "the bill would pass",
        "Rep. Anna Berg (D-Ore.)",
        "said",
        ("statement",),
    ),
    # a noun's complement clause: the possessor is the source, an article leaves none
    (
        "The minister repeated his insistence that the new bridge would open in May.",
        "the new bridge would open in May",
        "his",
        "insistence",
        ("statement",),
    ),
    (
        "At the hearing Lee challenged Mayor Ana Ruiz's claim that the dam was safe.",
        "the dam was safe",
        "Mayor Ana Ruiz",
        "claim",
        ("statement",),
    ),
    (
        "On Monday the allegation that the canal had been drained at night spread.",
        "the canal had been drained at night",
        None,
        "allegation",
        ("alleged",),
    ),
    (
        "The council\u2019s belief that tourists would stay away kept the pier closed.",
        "tourists would stay away",
        "The council",
        "belief",
        ("statement", "opinion"),
    ),
    # judgement passives and evidentials with no one named: sourceless, alleged
    (
        "The old pier is widely regarded as the most dangerous in the county.",
        "The old pier is widely regarded as the most dangerous in the county",
        None,
        "is widely regarded as",
        ("alleged",),
    ),
    (
        "It remains unclear whether the ferry will run next summer.",
        "It remains unclear whether the ferry will run next summer",
        None,
        "It remains unclear",
        ("alleged",),
    ),
]


@pytest.mark.parametrize(("text", "content", "source", "cue", "tags"), CASES)
def test_claim_patterns(
    text: str, content: str, source: str | None, cue: str, tags: tuple[str, ...]
) -> None:
    claims, _ = claims_of(text)
    match = [c for c in claims if content in text[c.content[0] : c.content[1]]]
    assert match, f"no claim holds {content!r}: {[part(text, c.content) for c in claims]}"
    claim = match[0]
    assert part(text, claim.source_span) == source
    assert part(text, claim.cue) == cue
    assert claim.tags == tags


NO_CLAIMS = [
    "She walked to the store and bought bread.",
    "The State Department opened an office in the United States.",
    "He said nothing.",
    "The report was long and the statement was short.",
    "",
    "Reports, claims and statements.",
    "There was a telephone call in April and several calls in May.",
    "The full report is available on the council website.",
    "Turnout rose by five percentage points in the north.",
    "On the way home, wrapped in a cloak, he thought nothing of the cold.",
    "Without understanding what was said to him, Reed got up and left.",
    "The view that morning was of grey water and a low sky.",
    "Such a claim would need more evidence.",
]


ODD = [
    'In the new book "Home," Reed said \u2014 and the roads and bridges of the town were all '
    "falling apart that year.",
    "said, said. Said: according to according to",
    '"""\u201c\u201d\u201c said \u201d',
    "Reed said\n\nthat.",
    "is \n\n said to",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_text_keeps_every_span_inside(text: str) -> None:
    claims, _ = claims_of(text)
    for c in claims:
        assert 0 <= c.start <= c.content[0] < c.content[1] <= c.end <= len(text)


@pytest.mark.parametrize("text", NO_CLAIMS)
def test_plain_sentences_make_no_claims(text: str) -> None:
    assert claims_of(text)[0] == ()


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        (
            "Officials announced a curfew and said the roads would stay closed.",
            ["a curfew", "the roads would stay closed"],
        ),
        ("Reed said the vote was fair; his rivals disagreed.", ["the vote was fair"]),
        (
            "Berg said the plant was safe, but the inspectors left early.",
            ["the plant was safe"],
        ),
    ],
)
def test_content_stops_where_another_clause_takes_over(text: str, contents: list[str]) -> None:
    claims, _ = claims_of(text)
    assert [part(text, c.content) for c in claims] == contents
    assert len({part(text, c.source_span) for c in claims}) == 1


def test_transcript_lines_each_belong_to_their_speaker() -> None:
    text = "LOPEZ: We will rebuild the harbour.\nREED: The money is not there yet.\n"
    claims, _ = claims_of(text)
    assert [(part(text, c.source_span), part(text, c.content)) for c in claims] == [
        ("LOPEZ", "We will rebuild the harbour."),
        ("REED", "The money is not there yet."),
    ]


def test_text_without_sentence_ends_is_cut_into_bounded_units() -> None:
    text = "Reed said the plan would work and Lopez claimed it was sound, " * 300
    units = cap_units(text, [(0, len(text))])
    assert all(0 < end - start <= MAX_UNIT for start, end in units)
    assert " ".join(text[s:e] for s, e in units).split() == text.split()
    claims, _ = claims_of(text)
    assert len(claims) >= 300


def test_code_blocks_hold_no_claims() -> None:
    text = 'Reed said the build was green.\n\nlog("the server said that it failed")\n'
    code_start = text.index("log")
    document = Document(
        text=text,
        blocks=(
            Block(BlockKind.PARAGRAPH, 0, code_start - 2),
            Block(BlockKind.CODE, code_start, len(text) - 1),
        ),
        sentences=(Sentence(0, code_start - 2), Sentence(code_start, len(text) - 1)),
    )
    claims = find_claims(document, ())
    assert [part(text, c.content) for c in claims] == ["the build was green"]


def test_quote_continued_in_the_next_sentence_keeps_its_speaker() -> None:
    text = 'Maria Lopez said the team was ready. "The season starts now."'
    claims, entities = claims_of(text)
    assert [part(text, c.content) for c in claims] == [
        "the team was ready",
        '"The season starts now."',
    ]
    second = claims[1]
    assert second.cue is None
    assert part(text, second.source_span) == "Maria Lopez"
    assert second.source == next(e.id for e in entities if e.name == "Maria Lopez")
    assert second.tags == ("statement", "quote")
    assert text[second.start : second.end] == '"The season starts now."'


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        # a quotation split by its attribution is one claim, however many parts follow
        (
            '"We are ready," Maria Lopez said. "The season starts now."',
            ['"We are ready," Maria Lopez said. "The season starts now."'],
        ),
        (
            '"We are ready," she said. "The season starts now." "Nobody can stop us."',
            ['"We are ready," she said. "The season starts now." "Nobody can stop us."'],
        ),
        # "adding" says a new statement follows: two claims
        (
            '"We are ready," said Maria Lopez, the coach, adding. "The season starts now."',
            ['"We are ready,"', '"The season starts now."'],
        ),
        # a paragraph break ends the quotation: the next one is a claim of its own
        (
            '"We are ready," Maria Lopez said.\n\n"The season starts now."',
            ['"We are ready,"'],
        ),
        # a quotation after a sentence with no quotation is not a split quotation
        (
            'Maria Lopez said the team was ready. "The season starts now."',
            ["the team was ready", '"The season starts now."'],
        ),
    ],
)
def test_split_quotation_is_one_claim(text: str, contents: list[str]) -> None:
    claims, _ = claims_of(text)
    assert [part(text, c.content) for c in claims] == contents
    assert all(part(text, c.source_span) in {"Maria Lopez", "she"} for c in claims)


def test_quote_over_several_sentences_is_one_claim() -> None:
    text = 'Lopez spoke first. "The plan failed. Nobody checked. We paid," said Reed.'
    claims, _ = claims_of(text)
    assert len(claims) == 1
    assert text[claims[0].start : claims[0].end] == (
        '"The plan failed. Nobody checked. We paid," said Reed.'
    )


def test_cue_inside_a_quotation_is_not_a_claim_of_its_own() -> None:
    text = '"I said no and I meant it," Reed said.'
    claims, _ = claims_of(text)
    assert len(claims) == 1
    assert part(text, claims[0].cue) == "said"
    assert claims[0].cue[0] > text.index(',"')


def test_she_also_said_resolves_to_the_last_speaker() -> None:
    text = (
        "Maria Lopez said the road was unsafe. Tom Reed's report was ignored. "
        "She also said that the council had been warned."
    )
    claims, entities = claims_of(text)
    lopez = next(e.id for e in entities if e.name == "Maria Lopez")
    last = claims[-1]
    assert part(text, last.source_span) == "She"
    assert last.source == lopez


def test_he_skips_a_speaker_known_to_be_a_woman() -> None:
    text = (
        "Mrs. Lopez said the bridge was safe. Tom Reed disagreed. "
        "He said that the bridge was cracked."
    )
    claims, entities = claims_of(text)
    reed = next(e.id for e in entities if e.name == "Tom Reed")
    assert part(text, claims[-1].source_span) == "He"
    assert claims[-1].source == reed


def test_he_without_a_recent_speaker_is_the_last_person_mentioned() -> None:
    text = "Tom Reed arrived late on Monday. He said the train had stopped twice."
    claims, entities = claims_of(text)
    assert claims[0].source == next(e.id for e in entities if e.name == "Tom Reed")


def test_the_spokesperson_resolves_to_a_person() -> None:
    text = "Anna Berg speaks for Northwind. The spokesperson said the plant would reopen."
    claims, entities = claims_of(text)
    assert claims[0].source == next(e.id for e in entities if e.name == "Anna Berg")


def test_the_report_resolves_to_the_outlet() -> None:
    text = (
        "The Daily Herald published its findings on Friday. "
        "The report states that the mill had been polluting the river."
    )
    claims, entities = claims_of(text)
    herald = next(e.id for e in entities if e.name == "The Daily Herald")
    assert part(text, claims[0].source_span) == "The report"
    assert claims[0].source == herald
    assert "reported" in claims[0].tags


def test_hedge_inside_an_attributed_claim_tags_it_alleged() -> None:
    text = "The Daily Herald reported that Reed allegedly hid the money."
    claims, _ = claims_of(text)
    assert len(claims) == 1
    assert claims[0].tags == ("reported", "alleged")


def test_participle_cue_shares_the_speaker() -> None:
    text = '"We lost," Lopez said, adding that the team would rebuild over the summer.'
    claims, _ = claims_of(text)
    assert [part(text, c.cue) for c in claims] == ["said", "adding"]
    assert part(text, claims[1].source_span) == "Lopez"
    assert part(text, claims[1].content) == "the team would rebuild over the summer"


def test_entities_are_those_named_in_the_content() -> None:
    text = "Reed said that Maria Lopez had met Ivan Petrov twice."
    claims, entities = claims_of(text)
    names = {e.id: e.name for e in entities}
    assert [names[i] for i in claims[0].entities] == ["Maria Lopez", "Ivan Petrov"]


def test_ids_are_in_text_order_and_progress_ends_at_one() -> None:
    text = " ".join(f"Reed said the count was {n} votes." for n in range(30))
    seen: list[float] = []
    claims = find_claims(plain(text), (), seen.append)
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, 31)]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


VOCAB = [
    "said",
    "says",
    "told",
    "according",
    "to",
    "that",
    "allegedly",
    "denied",
    "Reed",
    "Maria",
    "Lopez",
    "she",
    "he",
    "the",
    "report",
    "Herald",
    ",",
    ".",
    ":",
    "?",
    '"',
    "\u201c",
    "\u201d",
    "''",
    "'",
    "\n",
    "\n\n",
    "is",
    "said to",
    "adding",
    "(",
    ")",
    "-",
    "\u2014",
    "We",
    "win",
    "Mr.",
    "sources",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join),
        st.text(max_size=200),
    )
)
def test_any_text_gives_spans_inside_it(raw: str) -> None:
    document = loaded(raw)  # the loader may normalise line ends
    text = document.text
    entities = entities_for(text)
    claims = find_claims(document, entities)
    ids = set()
    for c in claims:
        assert 0 <= c.start <= c.content[0] < c.content[1] <= c.end <= len(text)
        if c.cue:
            assert c.start <= c.cue[0] < c.cue[1] <= c.end
        if c.source_span and c.cue:
            assert c.start <= c.source_span[0] < c.source_span[1] <= c.end
        elif c.source_span:  # a quotation continued: its speaker was named before
            assert 0 <= c.source_span[0] < c.source_span[1] <= c.start
        assert set(c.disputes) <= ids
        ids.add(c.id)
    out = Analysis(Document(text=text), entities, claims).to_json()
    for c, js in zip(claims, out["claims"], strict=True):
        assert js["text"] == text[c.start : c.end]


def test_a_rule_added_to_the_registry_runs_in_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.analysis.claims import registry
    from reader.analysis.claims.state import UnitState

    text = "According to the Daily Herald, the port will close. Reed said the port was safe."
    assert [part(text, c.cue) for c in claims_of(text)[0]] == ["According to", "said"]

    def ignore_according(state: UnitState, m: re.Match[str]) -> bool:
        return m.group().lower().startswith("according")  # handled: makes no claim

    names = [name for name, _ in registry.CUE_RULES]
    rules = list(registry.CUE_RULES)
    rules.insert(names.index("according"), ("ignore_according", ignore_according))
    monkeypatch.setattr(registry, "CUE_RULES", tuple(rules))
    assert [part(text, c.cue) for c in claims_of(text)[0]] == ["said"]


def test_registry_names_each_rule_once() -> None:
    from reader.analysis.claims import registry

    for rules in (registry.CUE_RULES, registry.UNIT_RULES, registry.DOCUMENT_RULES):
        names = [name for name, _ in rules]
        assert len(names) == len(set(names))


def test_a_claim_no_one_named_makes_is_alleged() -> None:
    """ "rejected the claim that X": X is said by someone unnamed, and shown as alleged,
    never with no tag at all."""
    text = "Tom Reed rejected the claim that the canal had been drained at night."
    claims, _ = claims_of(text)
    nested = [c for c in claims if part(text, c.content) == "the canal had been drained at night"]
    assert nested and all(c.tags for c in claims)
    assert "alleged" in nested[-1].tags
