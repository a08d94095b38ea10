"""The library layer: every article's stored analysis, linked across articles (no Textual here).

Above `analysis` and `notes` (which stay independent of each other): the library keeps
each article's entities and claims beside its notes, links "Musk" in one article to
"Elon Musk" in another, and answers questions across everything read (the ledger).

Modules: `model` (the stored records: `StoredEntity`, `StoredClaim`, `StoredAnalysis`),
`shelf` (one TinyDB file per article), `names` and `linking` (entities across articles),
`links` (the reader's merges and splits), `cache` (the SQLite index queries read),
`library` (`Library`, the query API) with its records in `ledger` and `entry`, `intake`
(from `reader add` and the TUI), `claimreview` (schema.org export).
"""
