"""A claim's topic stems, as the cross-article dispute rule compares claims by them.

Invariant: `claim_topics(content, source_words)` is what `reader.library.crossdispute`
compares (condition 3 of its invariant): the stems of `reader.analysis.topic_words` of
the content, less those of the words naming the source, sorted. Worked out where a claim
is analysed (`StoredAnalysis.from_analysis`) or first cached (`reader.library.tables`),
never on a question: importing the topic words loads the analysis layer, so it is
imported here only when called.
"""

from __future__ import annotations


def claim_topics(content: str, source_words: str | None) -> tuple[str, ...]:
    """Topic stems of a claim's content, without the words naming its source, sorted
    (what `StoredClaim.topics` holds)."""
    from reader.analysis.topic_words import READ_CHARS, topic_stems  # loads the analysis

    stems = topic_stems(content[:READ_CHARS])
    if source_words:
        stems -= topic_stems(source_words)
    return tuple(sorted(stems))
