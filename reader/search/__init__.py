"""Search across the library: notes, article text and claims (no Textual here).

Below `library` (which feeds it every article it stores) and above `notes` and
`analysis`; it takes plain records, so it never needs the library's types.
"""
