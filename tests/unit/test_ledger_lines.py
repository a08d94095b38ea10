"""Links to other articles, as the ledger and the panel word them: one line per article."""

from __future__ import annotations

from reader.library.dossier import Entry
from reader.library.ledger import ArticleRef, Dispute, LedgerClaim, by_article
from reader.tui.widgets.ledger_rows import link_lines

REPORT = ArticleRef("a" * 16, "Tycoon met aide, paper says", "/r.md", "Courier", "2026-10-14")
WIRE = ArticleRef("b" * 16, "Tycoon and aide: the wire", "/w.md", None, "2026-10-20")
DENIAL = ArticleRef("c" * 16, "Kremlin denies private channel", "/d.md", None, "2026-11-02")


def claim(article: ArticleRef, tags: tuple[str, ...]) -> LedgerClaim:
    return LedgerClaim(
        article=article, id="c1", start=0, end=10, text="Peskov denied it.",
        content="it", tags=tags, source="Dmitry Peskov", source_words="Peskov",
        about=("Anatoly Verin",), verdict=None, disputes=(),
    )  # fmt: skip


def test_by_article_counts_each_article_once_in_the_order_met() -> None:
    found = [Dispute(REPORT, "c2", "x"), Dispute(WIRE, "c1", "y"), Dispute(REPORT, "c5", "z")]
    assert by_article(found) == [(REPORT, 2), (WIRE, 1)]
    assert by_article([]) == []


def test_a_denial_disputing_three_claims_of_one_article_names_it_once() -> None:
    disputed = (
        Dispute(REPORT, "c2", "They met in May."),
        Dispute(REPORT, "c4", "They spoke by phone."),
        Dispute(WIRE, "c1", "They met twice."),
        Dispute(REPORT, "c7", "They met in June."),
    )
    entry = Entry(claim(DENIAL, ("denial",)), about=True, by=False, disputes_elsewhere=disputed)
    assert link_lines(entry) == [
        ("⚡ disputes 3 claims in: Tycoon met aide, paper says", ", 2026-10-14"),
        ("⚡ disputes a claim in: Tycoon and aide: the wire", ", 2026-10-20"),
    ]


def test_a_claim_two_denials_of_one_article_dispute_names_it_once() -> None:
    denials = (Dispute(DENIAL, "c1", "No."), Dispute(DENIAL, "c3", "Never."))
    entry = Entry(claim(REPORT, ("reported",)), about=True, by=False, disputed_in=denials)
    assert link_lines(entry) == [
        ("⚡ disputed by 2 denials in: Kremlin denies private channel", ", 2026-11-02")
    ]
