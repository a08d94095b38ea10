"""The library answers across articles: disputes, verdict recall and quote drift, wired in.

Two short articles under tests/fixtures/ledger, added to a library for real (loaded,
analysed, stored): a report that Vendelbo held private talks with Verin, and a Kremlin
denial a fortnight later in which the spokesperson's quote has changed one word.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis import analyze
from reader.cli import main
from reader.document import load
from reader.library.crossdispute import cross_disputes
from reader.library.intake import add, prepare
from reader.library.ledger import LedgerClaim
from reader.library.library import Library
from reader.notes.anchor import anchor_for

LEDGER = Path(__file__).parents[1] / "fixtures" / "ledger"
REPORT, DENIAL = LEDGER / "courier-talks.md", LEDGER / "kremlin-denies.md"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A note store whose library holds the two articles."""
    path = tmp_path / "notes.json"
    add(Library(path), [(str(p), prepare(analyze(load(str(p))))) for p in (REPORT, DENIAL)])
    return path


def claim(claims: list[LedgerClaim], words: str) -> LedgerClaim:
    """The one claim whose content holds `words`."""
    found = [c for c in claims if words in c.content]
    assert len(found) == 1, [c.content for c in claims]
    return found[0]


def test_a_denial_lists_the_claim_it_disputes_in_the_other_article(db: Path) -> None:
    claims = Library(db).claims(about="Vendelbo")
    denial = claim(claims, "any regular contact")
    assert [(d.article.title, d.text) for d in denial.disputes] == [
        (
            "Shipping tycoon held private talks with Kremlin aide, paper says",
            "The Financial Chronicle reported that Lars Vendelbo held regular private "
            "conversations with Anatoly Verin over two years.",
        )
    ]
    assert denial.disputes[0].article.date == "2026-10-14"
    assert claim(claims, "evaded taxes").disputes == ()  # about Vendelbo, but not the talks


def test_the_disputed_claim_knows_which_denial_disputes_it(db: Path) -> None:
    library = Library(db)
    claims = library.claims(about="Anatoly Verin")
    talks = claim(claims, "private conversations")
    found = library.disputed_in([talks])[(talks.article.id, talks.id)]
    assert [(d.article.title, d.article.date) for d in found] == [
        ("Kremlin denies private channel to shipping tycoon", "2026-11-02")
    ]


def test_links_from_the_index_are_those_over_the_whole_library(db: Path) -> None:
    library = Library(db)
    everything = library.claims()
    forward, backward = library.across.links(everything)
    analyses = [a for e in library.articles() if (a := library.stored(e.id))]
    whole = cross_disputes(analyses, library.across.key_of)
    assert {(d.article_id, d.claim_id): [(t.article_id, t.claim_id) for t in ts]
            for d, ts in whole.items()} == {
        key: [(d.article.id, d.claim) for d in found] for key, found in forward.items()
    }  # fmt: skip
    assert sum(map(len, backward.values())) == sum(map(len, whole.values())) == 1


def test_claims_json_carries_disputes_across_articles(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["claims", "--db", str(db), "--by", "Strokova", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    denial = next(c for c in out if "any regular contact" in c["content"])
    assert [d["article"]["date"] for d in denial["disputes"]] == ["2026-10-14"]


def test_a_verdict_given_in_one_article_is_recalled_for_the_same_claim_elsewhere(
    db: Path,
) -> None:
    library = Library(db)
    talks = claim(library.claims(about="Anatoly Verin"), "private conversations")
    document = load(str(REPORT))
    anchor = anchor_for(document.text, talks.start, talks.end)
    library.store.set_verdict(talks.article.id, anchor, "false", talks.id)
    same = "Lars Vendelbo had regular private conversations with Anatoly Verin for two years"
    other = "Lars Vendelbo founded a second shipping company in 2004"
    recalled = library.recall([same, other], article_id="f" * 16)
    assert recalled[1] is None
    assert recalled[0] is not None
    assert (recalled[0].given.verdict, recalled[0].given.date) == ("false", "2026-10-14")
    assert recalled[0].given.title.startswith("Shipping tycoon held private talks")
    # Not from the article it was given in, and forgotten once cleared.
    assert library.recall([same], article_id=talks.article.id) == [None]
    library.store.set_verdict(talks.article.id, anchor, None)
    assert library.recall([same], article_id="f" * 16) == [None]


def test_a_speakers_changed_quote_is_drift_with_its_word_differences(db: Path) -> None:
    found = Library(db).drift("Strokova")
    assert len(found) == 1
    assert "-once,- +twice,+" in found[0].render()
    assert Library(db).drift("Anatoly Verin") == []


def test_a_dossier_read_in_two_steps_is_the_newest_claims_then_all_of_them(db: Path) -> None:
    from reader.library.dossier import dossier

    library = Library(db)
    vendelbo = library.one("Vendelbo")
    whole = dossier(library, vendelbo, links=False)
    head = dossier(library, vendelbo, first=2)  # links are for the whole list only
    assert whole.complete and not head.complete and not head.linked
    ids = [(e.claim.article.id, e.claim.id) for s in whole.sections for e in s.entries]
    assert [(e.claim.article.id, e.claim.id) for s in head.sections for e in s.entries] == ids[:2]
    assert dossier(library, vendelbo, first=len(ids) + 1).complete


def test_the_cache_token_changes_exactly_when_an_answer_may_have(db: Path) -> None:
    library = Library(db)
    token = library.cache.token()
    assert Library(db).cache.token() == token  # another process, nothing changed
    people = [e.name for e in library.entities("person")]
    library.merge(people[0], people[1])  # the reader's links changed
    merged = Library(db).cache.token()
    assert merged != token
    add(Library(db), [(str(REPORT), prepare(analyze(load(str(REPORT)))))])  # unchanged text
    assert Library(db).cache.token() == merged


def test_a_denial_naming_a_nationality_lists_the_claim_it_disputes(tmp_path: Path) -> None:
    """The ledger finds what the dispute index finds: a denial naming an organisation
    and a nationality is about the organisation ("Russian" need not be in the report)."""
    sale, denial = tmp_path / "sale.md", tmp_path / "denial.md"
    sale.write_text(
        "# Shipping line sold vessels, paper says\n\n"
        "The Courier reported that Nordhavn Lines sold four ships to a front company.\n",
        encoding="utf-8",
    )
    denial.write_text(
        "# Shipping line denies sale\n\n"
        "A spokesperson denied that Nordhavn Lines sold ships to Russian buyers.\n",
        encoding="utf-8",
    )
    path = tmp_path / "notes.json"
    add(Library(path), [(str(p), prepare(analyze(load(str(p))))) for p in (sale, denial)])
    claims = Library(path).claims(about="Nordhavn Lines")
    found = claim(claims, "Russian buyers")
    assert [d.text for d in found.disputes] == [
        "The Courier reported that Nordhavn Lines sold four ships to a front company."
    ]


def test_the_claims_commands_disputes_are_the_indexs_links(db: Path) -> None:
    # `reader claims` tests each denial against the claims about its rarest entity only
    # (`Across.disputes`); the ledger's dossier indexes every candidate (`Across.links`).
    library = Library(db)
    everything = library.claims()
    fast = library.across.disputes(everything)
    assert fast == library.across.links(everything)[0]
    assert sum(map(len, fast.values())) == 1


def test_one_question_scans_the_files_once_however_long_it_takes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every look-up would sync again with no freshness window (a slow, loaded machine);
    # the claims of one question, with their disputes in other articles, sync once.
    from reader.library import cache

    monkeypatch.setattr(cache, "FRESH", 0.0)
    library = Library(db)
    syncs: list[object] = []
    real = library.cache._sync
    monkeypatch.setattr(library.cache, "_sync", lambda conn: (syncs.append(conn), real(conn)))
    denial = claim(library.claims(about="Vendelbo"), "any regular contact")
    assert len(denial.disputes) == 1 and len(syncs) == 1
    library.claims(about="Vendelbo")
    assert len(syncs) == 2  # the next question syncs again
