"""How results are ordered. The weights travel in the manifest; search.js reads them there.

Per typed term, a record scores: exactTitle when the term as typed is a whole title value (a word
it expands to that is one makes the record found as typed, below, but scores no exactTitle: 充电桩
names the metric 充电桩数量 before 充电基础设施数量, whose other name 充电基础设施 is 充电桩's synonym),
title for a hit in the title, page for a hit in the title of a page (a district, document,
theme, department or metric: its title holds its names, a measure's a sentence), target for a hit in
the names of the metrics a measure sets targets for (an indicator row, a target: short records about
the metric), lead for a hit in the lead (牵头) units, whole for a whole-word hit (the match starts and
ends on a word boundary), kind when the term names the record's kind (重点项目); summed over the
query's terms. So a page named by the term (碳排放: the metric 单位地区生产总值二氧化碳排放降低) ranks
before the measures whose titles say it, and an indicator row of a metric named by the term before
the long measures that mention it once in their text.

Records that hold every term (or every part of a term searched as its parts: 屋顶光伏 → 屋顶, 光伏) in
fields of their own come before measures that hold one only in their document's title or themes
(records.RANKED_LATER); within each, records found by the query as typed before those found by the
parts (reference.SearchFiles.found), then those that match every term as
typed (or as a kind name, or that the term names: a word it expands to is one of the record's whole
names, 充电站 → the metric page 充电桩数量, whose other name is 充电桩) before those found only through
an expansion; then the score; then the pages one of whose names starts with every term as typed (工业:
the theme 工业与制造业 and the metric 工业固体废物综合利用率, not the ten metrics that only hold 工业, as
规模以上工业增加值能耗). Among records alike in all of these the districts take turns
(reference.interleaved: each district's best before anyone's second, so a cross-district
comparison's first page and the header box's few items are not all the first districts' in list
order); within a turn, a page before the measures and the shorter title first (工业与制造业 before
工业固体废物综合利用率; 建筑, which starts none: the theme 城乡建设与建筑 before the metric
城镇新建建筑中绿色建筑占比), then the number of occurrences, then the stable record order (pages first,
then measures in site order).
"""
from __future__ import annotations

from collections.abc import Iterable

from generator.search.postings import VALUE_END, VALUE_START, WORD_END, WORD_START
from generator.search.records import F_KIND, F_LEAD, F_METRIC, F_TITLE

WEIGHTS = {"exactTitle": 8, "title": 4, "page": 4, "target": 2, "lead": 2, "whole": 1, "kind": 4}
WHOLE_VALUE = VALUE_START | VALUE_END


def names_record(field: int, flags: int) -> bool:
    """Whether a match is one of the record's whole names (a whole title value)."""
    return field == F_TITLE and flags & WHOLE_VALUE == WHOLE_VALUE


NOT_A_PAGE = 1 << 30  # a measure's title length in the tie-break (Hit.length): after every page's


def starts_title(matches: Iterable[tuple[int, int]]) -> bool:
    """Whether one of a term's matches [(field, flags)] starts a title value (as typed: a word it expands
    to carries no value flags): 工业 starts 工业与制造业, not 规模以上工业增加值能耗."""
    return any(f == F_TITLE and flags & VALUE_START for f, flags in matches)


def term_score(matches: Iterable[tuple[int, int]], page: bool) -> int:
    """Score of one term's matches [(field, flags)] in one record; ``page``: the record is a page, not a measure."""
    exact = title = target = lead = whole = kind = 0
    for f, flags in matches:
        if f == F_KIND:
            kind = 1
            continue
        if f == F_TITLE:
            title = 1
            if names_record(f, flags):
                exact = 1
        if f == F_METRIC:
            target = 1
        if f == F_LEAD:
            lead = 1
        if flags & (WORD_START | WORD_END) == WORD_START | WORD_END:
            whole = 1
    return (WEIGHTS["exactTitle"] * exact + WEIGHTS["title"] * title + WEIGHTS["page"] * title * page
            + WEIGHTS["target"] * target + WEIGHTS["lead"] * lead + WEIGHTS["whole"] * whole + WEIGHTS["kind"] * kind)
