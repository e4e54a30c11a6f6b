"""How results are ordered. The weights travel in the manifest; search.js reads them there.

Per typed term, a record scores: exactTitle when the term (or a word it expands to) is a whole
title value, title for a hit in the title, lead for a hit in the lead (牵头) units, whole for a
whole-word hit (the match starts and ends on a word boundary), kind when the term names the
record's kind (重点项目); summed over the query's terms. Records found by the query as typed come
before those found only by a term's parts (屋顶光伏 → 屋顶, 光伏); within each, records that hold every
term in a field of their own before measures that hold one only in their document's title or
themes (records.RANKED_LATER), then those that match every term as typed (or as a kind name)
before those found only through an expansion; then the score. Among records alike in all of these
the districts take turns (reference.interleaved: each district's best before anyone's second, so a
cross-district comparison's first page and the header box's few items are not all the first
districts' in list order); within a turn, the number of occurrences, then the stable record order
(pages first, then measures in site order).
"""
from __future__ import annotations

from collections.abc import Iterable

from generator.search.postings import VALUE_END, VALUE_START, WORD_END, WORD_START
from generator.search.records import F_KIND, F_LEAD, F_TITLE

WEIGHTS = {"exactTitle": 8, "title": 4, "lead": 2, "whole": 1, "kind": 4}


def term_score(matches: Iterable[tuple[int, int]]) -> int:
    """Score of one term's matches [(field, flags)] in one record."""
    exact = title = lead = whole = kind = 0
    for f, flags in matches:
        if f == F_KIND:
            kind = 1
            continue
        if f == F_TITLE:
            title = 1
            if flags & (VALUE_START | VALUE_END) == VALUE_START | VALUE_END:
                exact = 1
        if f == F_LEAD:
            lead = 1
        if flags & (WORD_START | WORD_END) == WORD_START | WORD_END:
            whole = 1
    return (WEIGHTS["exactTitle"] * exact + WEIGHTS["title"] * title + WEIGHTS["lead"] * lead
            + WEIGHTS["whole"] * whole + WEIGHTS["kind"] * kind)
