"""The library layer: every article's stored analysis, linked across articles (no Textual here).

Above `analysis` and `notes` (which stay independent of each other): the library keeps
each article's entities and claims beside its notes, links "Musk" in one article to
"Elon Musk" in another, and answers questions across everything read (the ledger).

Modules: `model` (the stored records: `StoredEntity`, `StoredClaim`, `StoredAnalysis`).
"""
