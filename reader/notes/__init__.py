"""The notes layer: the TinyDB note store, anchors and export (no Textual here).

Invariant: nothing the reader wrote is lost. Every change is durable when the
call returns (`storage`), concurrent writers are served in turn by a fair file
lock (`fairlock`, `shelf`), a change of many files is all or none (`commit`),
the index is a cache the article files can rebuild (`catalog`), a damaged file
is reported (and set aside by the next write), and a note that no longer fits
its article is kept as an orphan, marked in the store (`anchor`, `fuzzy`,
`session`).

Modules: `store` (`NoteStore`: articles, notes, verdicts), `model` (records),
`catalog` (the article list, tolerant reads), `anchor` / `fuzzy` (selectors
and re-anchoring), `session` (`ArticleNotes`, one open article), `verdicts`
(`VerdictBook`), `export` (Markdown and Web Annotation JSON-LD), `validate` /
`importer` (checked, all-or-none import), `storage` / `shelf` / `commit` /
`fairlock` (files, locking, schema, multi-file commits).
"""

VERDICTS = ("supported", "disputed", "false", "needs-checking")
"""The reader's verdicts on a claim, in the order a key cycles through them (here, not in
`model`, so a command that only names them, `reader claims --verdict`, loads no record)."""
