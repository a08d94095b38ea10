"""The claim rules, in the order they run, and the loop that runs them on one unit.

How claims are found (see `reader.analysis.claims.find_claims`): the text is
cut into units (sentences merged so that no quotation is cut, `units`). In
each unit, every cue match of `cues.cue_re` ("said", "according to",
"allegedly") is offered to `CUE_RULES` in order: the first rule that returns
True has handled the cue, whether it added an attribution (`state.add`) or
decided the cue makes none. Then every rule of `UNIT_RULES` runs once on the
unit. Over the whole text, `DOCUMENT_RULES` find attributions marked by
layout rather than a cue word; they replace a guessed continuation of the
same content.

Adding a rule is one file and one line:

1. Write `reader/analysis/claims/rules/NAME.py` with a function of one of
   the three shapes below: a cue rule `rule(state, m) -> bool` (return False
   to pass the cue on), a unit rule `rule(state) -> None`, or a document rule
   `rule(text, quotes) -> list[Attribution]`. Build attributions with
   `phrases` (source before or after a cue, content end) and `attribution`;
   every one must lie inside `state.unit` (see `attribution.Attribution`).
2. Add `("NAME", NAME.rule)` to the list here, where it should run: a cue
   rule before the rules it must take cues from (`passive` is last and takes
   whatever is left). The word lists it needs go in `reader/data`
   (`wordlists.word_group` for a `[group]` of `cues_words.txt`).
3. Add its examples to `tests/unit/test_claims.py` (`test_claim_patterns`) or
   `tests/unit/test_claim_shapes.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reader.analysis.claims.attribution import Attribution, QuoteIndex
from reader.analysis.claims.rules import (
    according,
    as_aside,
    asked,
    colon_lead,
    continued,
    hedge,
    in_source,
    labels,
    noun_cue,
    noun_topic,
    passive,
    quoted,
    reporting_verb,
    topic,
)
from reader.analysis.claims.state import UnitState

CueRule = Callable[[UnitState, re.Match[str]], bool]
"""Looks at one cue match of the unit; True when it handled the cue."""
UnitRule = Callable[[UnitState], None]
"""Runs once per unit, after every cue has been handled."""
DocumentRule = Callable[[str, QuoteIndex], list[Attribution]]
"""Finds attributions over the whole text, whatever the units."""

CUE_RULES: tuple[tuple[str, CueRule], ...] = (
    ("hedge", hedge.collect),  # "allegedly", "is said to": applied by the unit rule
    ("quoted", quoted.rule),  # a cue inside a quotation is content
    ("according", according.rule),  # "according to X"
    ("asked", asked.rule),  # "Asked about the closure, ...": a question, no source
    ("as_aside", as_aside.rule),  # "As Lee noted, ...", "as predicted": the clause around
    ("topic", topic.rule),  # "X spoke of ...", "railed against ...", "pointed to ..."
    ("noun_topic", noun_topic.rule),  # "his comments about ...", "claims of fraud"
    ("reporting_verb", reporting_verb.rule),  # "X said (that) ...", '"...," said X'
    ("passive", passive.rule),  # "X was accused of ...", "... was reported by Z"
)
UNIT_RULES: tuple[tuple[str, UnitRule], ...] = (
    ("hedge", hedge.apply),  # tag the attribution holding a hedge, or make one
    ("noun_cue", noun_cue.rule),  # "his insistence that ...", "the claim that ..."
    ("in_source", in_source.rule),  # "In this poll, ...", "In his view, ..."
    ("colon_lead", colon_lead.rule),  # 'He said:' then '"..."'
    ("continued", continued.rule),  # a bare quotation continues the last speaker
)
DOCUMENT_RULES: tuple[tuple[str, DocumentRule], ...] = (
    ("signed_quote", labels.signed_quotes),  # '"..." ― Ana Ruiz'
    ("speaker_label", labels.speaker_labels),  # 'RUIZ: We will win.'
)


def run_unit(state: UnitState, matches: Sequence[re.Match[str]]) -> list[Attribution]:
    """Offer each cue match of the unit to the cue rules, then run the unit rules.

    Args:
        state: The unit and its context; its `found` list collects the result.
        matches: The `cues.cue_re` matches inside the unit, in text order.

    Returns:
        `state.found`: the unit's attributions, in the order the rules added them.
    """
    for m in matches:
        for _name, cue_rule in CUE_RULES:
            if cue_rule(state, m):
                break
    for _name, unit_rule in UNIT_RULES:
        unit_rule(state)
    return state.found


def run_document(text: str, quotes: QuoteIndex) -> list[Attribution]:
    """Every document rule's attributions, in rule order."""
    out: list[Attribution] = []
    for _name, document_rule in DOCUMENT_RULES:
        out.extend(document_rule(text, quotes))
    return out
