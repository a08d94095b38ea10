"""Cross-article disputes: a denial in one article answers a claim made in another."""

from __future__ import annotations

from dataclasses import replace

from library_texts import article, by_name, claim_with, stored

from reader.library.crossdispute import DisputeIndex, cross_disputes, disputed_by
from reader.library.model import ClaimRef, StoredAnalysis

REPORT = stored(
    article(
        "Tycoon held secret talks with the Kremlin, paper says",
        "2026-10-14",
        "The Financial Chronicle reported that Lars Vendelbo held regular private "
        "conversations with Anatoly Verin over two years.",
        "Lars Vendelbo founded Nordhavn Lines in 1998, the company said.",
    ),
    "courier.md",
)
KREMLIN = stored(
    article(
        "Kremlin denies private channel to shipping tycoon",
        "2026-11-02",
        "Kremlin spokesperson Yelena Strokova denied any regular contact between "
        "Anatoly Verin and Lars Vendelbo.",
        "Strokova also denied that Lars Vendelbo had evaded taxes in Denmark.",
        "She denied that Anatoly Verin had ever held talks with Kasper Holm-Nielsen.",
    ),
    "wire.md",
)
TYCOON = stored(
    article(
        "Vendelbo speaks",
        "2026-11-03",
        "Lars Vendelbo denied holding private talks with the Russian president.",
    ),
    "interview.md",
)
MINISTER = stored(
    article(
        "Minister orders review",
        "2026-10-15",
        "Kasper Holm-Nielsen said the government would examine the report.",
        "The ministry said that Kasper Holm-Nielsen had asked for a list of the ships.",
        "The Courier reported that Kasper Holm-Nielsen held talks with the Danish ambassador.",
    ),
    "minister.md",
)
"""Claims about Holm-Nielsen (one of a meeting): more than about Verin, so the Verin
claims are the candidates the denial about both is checked against."""
LIBRARY = (REPORT, KREMLIN, TYCOON, MINISTER)
LINK = by_name(LIBRARY)


def ref(analysis: StoredAnalysis, words: str) -> ClaimRef:
    """The library name of the claim of `analysis` containing `words`."""
    return ClaimRef(analysis.article_id, claim_with(analysis, words).id)


TALKS = ref(REPORT, "private conversations")
FOUNDED = ref(REPORT, "founded Nordhavn")
CONTACT_DENIAL = ref(KREMLIN, "any regular contact")
TAX_DENIAL = ref(KREMLIN, "evaded taxes")
OTHER_PERSON_DENIAL = ref(KREMLIN, "Holm-Nielsen")
OWN_DENIAL = ref(TYCOON, "private talks")


def test_a_kremlin_denial_answers_the_report_in_another_article() -> None:
    links = cross_disputes(LIBRARY, LINK)
    assert links[CONTACT_DENIAL] == (TALKS,)


def test_the_person_the_report_is_about_denies_it_in_his_own_words() -> None:
    # "private talks" ~ "private conversations"; the denier is who the report is about.
    assert cross_disputes(LIBRARY, LINK)[OWN_DENIAL] == (TALKS,)


def test_an_unrelated_denial_about_the_same_person_is_not_linked() -> None:
    links = cross_disputes(LIBRARY, LINK)
    assert TAX_DENIAL not in links  # about Vendelbo, but taxes, not the talks
    assert FOUNDED not in {t for targets in links.values() for t in targets}


def test_a_denial_about_a_different_person_is_not_linked() -> None:
    # Verin and "held talks" are shared, but the denial is about Holm-Nielsen.
    assert OTHER_PERSON_DENIAL not in cross_disputes(LIBRARY, LINK)


def test_disputed_by_gives_the_report_its_denials_for_its_panel() -> None:
    reverse = disputed_by(cross_disputes(LIBRARY, LINK))
    assert reverse[TALKS] == (CONTACT_DENIAL, OWN_DENIAL)


def test_entities_the_library_cannot_link_match_nothing() -> None:
    assert cross_disputes(LIBRARY, lambda article_id, entity_id: None) == {}


def test_the_same_article_is_not_a_cross_article_dispute() -> None:
    both = stored(
        article(
            "Both sides",
            "2026-11-04",
            "The Financial Chronicle reported that Lars Vendelbo held regular private "
            "conversations with Anatoly Verin.",
            "Yelena Strokova denied any regular contact between Anatoly Verin and Lars Vendelbo.",
        ),
        "both.md",
    )
    assert cross_disputes([both], by_name([both])) == {}


def test_a_source_does_not_dispute_itself_across_articles() -> None:
    said = stored(
        article(
            "Chronicle one",
            "2026-10-01",
            "The Financial Chronicle reported that Lars Vendelbo held private talks with "
            "Anatoly Verin.",
        ),
        "one.md",
    )
    retracted = stored(
        article(
            "Chronicle two",
            "2026-10-09",
            "The Financial Chronicle denied that Lars Vendelbo held private talks with "
            "Anatoly Verin.",
        ),
        "two.md",
    )
    assert cross_disputes([said, retracted], by_name([said, retracted])) == {}


def test_adding_one_article_at_a_time_finds_links_in_both_directions() -> None:
    index = DisputeIndex(LINK)
    assert index.add(KREMLIN) == {}  # nothing to deny yet
    # The report arrives after its denials: they are linked to it now.
    assert index.add(REPORT) == {CONTACT_DENIAL: (TALKS,)}
    assert index.add(TYCOON) == {OWN_DENIAL: (TALKS,)}
    assert index.add(TYCOON) == {}  # the same article again adds nothing
    assert index.add(MINISTER) == {}
    assert len(index) == 4


def test_the_batch_is_the_same_whatever_the_order() -> None:
    forward = cross_disputes(LIBRARY, LINK)
    backward = cross_disputes(LIBRARY[::-1], LINK)
    assert {d: set(t) for d, t in forward.items()} == {d: set(t) for d, t in backward.items()}


def test_the_index_finds_exactly_what_comparing_every_pair_finds() -> None:
    # A synthetic library (the benchmark's: the samples with people renamed from a
    # Zipf-weighted pool) checked against the rule applied to every pair of claims.
    from bench_crossarticle import base_analyses, library

    from reader.library.crossdispute import _disputes, _indexed

    articles = library(base_analyses(), 150)
    link = by_name(articles)
    items = [item for i, a in enumerate(articles) for item in _indexed(a, i, link)]
    expected: dict[ClaimRef, set[ClaimRef]] = {}
    for denial in (item for item in items if item.denial):
        for claim in items:
            if _disputes(denial, claim):
                expected.setdefault(denial.ref, set()).add(claim.ref)
    found = cross_disputes(articles, link)
    assert {d: set(t) for d, t in found.items()} == expected
    assert sum(map(len, expected.values())) > 20  # the library does have disputes


def test_a_changed_article_replaces_its_claims_and_their_links() -> None:
    corrected = stored(
        article(
            "Tycoon held secret talks with the Kremlin, paper says",
            "2026-10-14",
            "The Financial Chronicle reported that Lars Vendelbo sold four tankers to "
            "Anatoly Verin.",
        ),
        "courier.md",
    )
    corrected = replace(corrected, article_id=REPORT.article_id)  # the same article, edited
    current = {a.article_id: a for a in (REPORT, KREMLIN)}

    def link(article_id: str, entity_id: str) -> str | None:
        return by_name(current.values())(article_id, entity_id)

    index = DisputeIndex(link)
    index.add(REPORT)
    assert index.add(KREMLIN) == {CONTACT_DENIAL: (TALKS,)}
    current[REPORT.article_id] = corrected
    assert index.replace(corrected) == {}  # tankers are not talks: the link is gone
    assert len(index) == 2
    index.remove(KREMLIN.article_id)
    assert index.add(KREMLIN) == {}  # the old report's claims are out of the index
    index.remove(KREMLIN.article_id)
    current[REPORT.article_id] = REPORT
    assert index.replace(REPORT) == {}  # no denials left to link
    assert index.add(KREMLIN) == {CONTACT_DENIAL: (TALKS,)}  # and back again


def test_a_nationality_in_a_denial_qualifies_it_and_is_not_required_of_the_report() -> None:
    """Naming no person, a denial is about the organisations and places it names, not
    about a nationality beside them ("Russian" buyers: the report need not say it)."""
    sale = stored(
        article(
            "Shipping line sold vessels, paper says",
            "2026-10-20",
            "The Courier reported that Nordhavn Lines sold four ships to a front company.",
        ),
        "sale.md",
    )
    denial = stored(
        article(
            "Shipping line denies sale",
            "2026-10-21",
            "A spokesperson denied that Nordhavn Lines sold ships to Russian buyers.",
        ),
        "denial.md",
    )
    library = (sale, denial)
    kinds = {e.name: e.kind for e in denial.entities}
    assert kinds.get("Russian") == "other" and kinds.get("Nordhavn Lines") == "org"
    links = cross_disputes(library, by_name(library))
    assert links[ref(denial, "Russian buyers")] == (ref(sale, "four ships"),)
