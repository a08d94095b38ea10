"""Analysis backends: each composes an entity finder with the claim finder.

`rules` runs `reader.analysis.entities` then `reader.analysis.claims`; `spacy`
replaces the entity stage with a spaCy pipeline. Both satisfy
`reader.analysis.model.Backend`; `reader.analysis.get_backend` picks one.
"""
