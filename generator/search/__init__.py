"""The site's own Chinese full-text search: what is searchable and the files the browser reads.

Why our own search (see ARCHITECTURE.md, "Known traps"): Material's search downloads the whole
index before the first result and its word segmentation loses Chinese hits; Pagefind splits
Chinese queries differently from its index. Here the promise is exact:

    a record is found for a typed term  ⇔  the term is a substring of one of the record's
    searchable fields, both normalised (normalise.py)

— and, unless the official asks for the exact-only search, also when one of the words the term
expands to (expansions.py: department names, metric wordings, reviewed synonyms) is such a
substring, or when the term names the record's kind (重点项目). A term of PARTS_FROM (4) or more
characters (and, in the exact-only search too, a term that finds nothing) is also searched as its
parts (normalise.term_parts: the district and department names and the corpus's words it holds,
屋顶光伏 → 屋顶, 光伏), each part a term as above. A measure that holds a term only in its document's
title or its themes ranks after those that hold every term, or every part, in fields of their own
(records.RANKED_LATER); within each, the records found only by the parts (or found as typed only
through their document or themes, while their own fields hold every part) rank after the others,
found by the parts. Then the score
(ranking.py): a page whose names hold the term (碳排放: the metric 单位地区生产总值二氧化碳排放降低)
before the measures whose titles say it, a row that sets a target for a metric the term names before
the measures that print the term in their text; a record one of whose names is a word the term
expands to ranks as found as typed (充电站: the metric page 充电桩数量, also called 充电桩). Among
results that rank alike, the districts take turns (reference.interleaved). A role word (records.ROLE_WORDS: 牵头, 配合,
分工负责 …) is, unless the search is exact-only or the official asks for it as text, no term but a
filter: it keeps the results where a unit the other terms name (or, naming none, any unit) has the role.
A query that finds nothing, though some of its terms find something on their own, shows what it
finds without the terms that find nothing (电车充电 → 充电; reference.SearchFiles.fallback), and says
which it left out; terms that each find something but not together are never searched apart.

How (one module per job):

* records.py — one record per page and per measure, its searchable values per field;
* normalise.py — the search form of a text (NFKC, 〔〕【】[] → (), quotation marks dropped, lower
  case, spaces);
* tokens.py — word boundaries, for ranking whole-word hits first;
* postings.py — every pair of adjacent non-space characters (a bigram) with its position:
  posting = (record, field, position, flags), and their compact encoding. A query term of L ≥ 2
  characters is covered by the bigrams at offsets 0, 2, 4, … and L-2; a record matches at p iff
  every covering bigram j occurs at p + j in the same field: exactly "the term occurs at p";
* expansions.py — the words a typed term also looks for;
* ranking.py — the score weights;
* shards.py — the files under search/ (postings shards, display chunks, facets, manifest);
* suggest.py — 你是不是要找: the vocabulary and the sounds a query that finds nothing (or little) is
  compared with (充电庄 → 充电桩, 发改 → 发改委), in files fetched only then, and their ranking.

``assets/search.js`` runs the query in the browser from what the manifest says;
``reference.py`` is the same algorithm in Python, used only by the tests and the benchmark.
"""
from __future__ import annotations

from generator.search.normalise import normalize, query_terms
from generator.search.shards import BuildOptions, search_files

# The records themselves: generator.search.records.records(index).
__all__ = ["BuildOptions", "normalize", "query_terms", "search_files"]
