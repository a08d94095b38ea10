"""The notes layer: the TinyDB note store, anchors and export (no Textual here).

Invariant: nothing the reader wrote is lost. Every change is durable when the
call returns (`storage`), concurrent writers are serialised by a file lock
(`shelf`), a damaged file is set aside and reported, and a note that no longer
fits its article is kept as an orphan (`anchor`, `fuzzy`).

Modules: `store` (`NoteStore`: articles, notes, verdicts), `model` (records),
`anchor` / `fuzzy` (selectors and re-anchoring), `session` (`ArticleNotes`,
one open article), `verdicts` (`VerdictBook`), `export` (Markdown and Web
Annotation JSON-LD), `storage` / `shelf` (files, locking, schema).
"""
