"""Similar measures in other districts, computed once at build time. Each link carries its reasons.

How it works, in four steps whose cost grows linearly with the number of measures:

1. **Features.** Each measure's title and text are segmented into content words (generator.terms),
   district names dropped. Every wording of a group that search expands too (generator.terms.
   wording_groups: a reviewed synonym group of site_data/synonyms.yaml such as 充电桩 / 充电站 /
   充电基础设施, or a metric's name and printed variants in site_data/metrics.yaml) adds one feature
   for its group, so different wordings match; the words themselves stay, so 碳排放权交易 still
   shares 碳排放权 with a text that names the right alone. Terms found in more than ``MAX_DF_SHARE``
   of all measures are dropped as too common to tell measures apart.
2. **Vectors.** A sparse TF-IDF matrix (scipy.sparse), one row per measure, with pivoted length
   normalisation (``PIVOT_SLOPE``): a row is divided by a blend of its L2 norm and the mean norm, so a
   short table row that shares two common words with a paragraph does not outrank a paragraph that
   shares its substance. The text score of two measures is the dot product of their rows.
3. **Candidates.** For each term only the ``POSTINGS_CAP`` measures where it weighs most are kept as
   candidate sources; a row-block product with that truncated matrix gives each measure its candidate
   neighbours in other districts (blocking by district) without scoring every pair. The best
   ``CANDIDATES`` are then rescored exactly: text score plus ``THEME_WEIGHT`` × the Jaccard overlap of
   their themes. While no term occurs in more than ``POSTINGS_CAP`` measures (the real corpus) the
   result equals a brute-force computation over all pairs; a test checks that.
4. **Choice: only confident links.** A measure shows 0 to ``TOP_N`` links, not always ``TOP_N``. A
   candidate is dropped unless (a) its combined score is at least ``MIN_SCORE`` and its text score
   at least ``MIN_TEXT_SCORE`` (it shares words, not only themes), (b) the words it shares carry at
   least ``MIN_COVERAGE`` of the anchor's own weight: Σ w² over the shared features divided by Σ w²
   over all the anchor's features (its TF-IDF row), and (c) it shares at least ``MIN_SHARED`` words
   (a wording of a group and the group's feature are one word: Vectors.words). Rule (b) drops links
   that share one minor word of a long paragraph, e.g. 铜梁 project-20 (refuse transfer stations),
   which shares only 城乡 with 江津 m12 (推动城乡集约化融合发展); rule (c) drops links that rest on one word
   however short the anchor, e.g. 黔江 task-63 (新增热电联产，优先支持燃气机组) and 铜梁 project-22 (refuse
   treatment), which share only 燃气. From the rest: one item per source passage (a paragraph and the
   table rows of its document that carry it out count once), then the best item of each district
   before the second-best of any district, up to ``TOP_N`` links, shown by score.

   How the rule was chosen (bench/similarity.md): on the tuning set only
   (tests/similarity_gold.yaml), by the F1 of precision@5 and recall@5 fixed before any variant was
   scored, the simplest rule within 0.005 of the best winning. Tried: score floors, a cut-off relative
   to the anchor's best link, a shared rare word, coverage, fewer links (top 3/4), and their pairs.
   Coverage alone lifted F1 from 0.625 to 0.651; coverage with top 4 scored 0.657 but was dropped:
   a lower cap, unlike a confidence cut, hides a district's confident link as soon as more other
   districts have one than the cap allows, and 可借鉴措施 then lists measures the district does have.
   Two shared features (rule c, added after a user test) lifted it to 0.658.
5. **Counterparts, not capped.** Whatever the cap, 可借鉴措施 asks another question: does a district have
   any measure that is a confident equivalent of this one? So beside the shown links, every pair of
   the candidate product of step 3 (not only the best ``CANDIDATES``) is tested by the rule of step
   4 (a), (b), (c), and must moreover score at least ``COUNTERPART_MIN_SCORE`` (``counterpart``): a
   counterpart hides a measure from the district's list, and hiding one it lacks (a false
   counterpart) fails the official who asked what peers do that the district does not, while listing
   one it has costs a glance. Chosen on the tuning set by the F1 of the district-level verdict "the
   district lacks it" as the site reaches it (a distinct measure and its table rows, either way;
   ``python -m generator evaluate`` prints it for both sets): the shown-link rule alone gave 0.19
   (it found a counterpart in nine of ten districts that have none), a floor of 0.3 gives 0.46
   (held-out: 0.25 → 0.56). Floors from 0.29 to 0.41, more shared features, a shared theme: all
   within the noise of 27 labelled pairs (0.44–0.51), so the simplest rule was kept. Its text score
   and coverage come from the same kind of sparse product, so the test is vectorised and its cost
   that of the product, linear in the corpus. The districts found are kept per measure in both
   directions (SimilarMeasures.counterpart_districts). Keeping only the best candidate of each
   district would not do: coverage does not follow the score, so a district's best-scoring measure
   may fail the rule while its second passes. While no postings are cut (the real corpus) the sets
   equal a brute-force test of every pair; with cut postings a pair's partial text score and
   coverage are lower bounds, so no district is named without an equivalent, and the exactly
   rescored candidates of step 3 are added too.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TypeVar, overload

import numpy as np
from scipy import sparse

from generator.index import MeasureEntry, Similarity, SimilarMeasures, SiteIndex
from generator.terms import registry_terms, tokenizer, wording_groups, words

TOP_N = 5  # links shown per measure at most (0 to TOP_N: only confident ones)
CANDIDATES = 20  # ranked neighbours kept per measure before choosing the TOP_N
MIN_SCORE = 0.15  # weaker links are not shown at all
MIN_TEXT_SCORE = 0.05  # a link needs shared words, not only shared themes
MIN_COVERAGE = 0.08  # the shared words carry at least this share of the anchor's squared TF-IDF weight
MIN_SHARED = 2  # a link shares at least this many words (a wording and its group's feature count once), not one
COUNTERPART_MIN_SCORE = 0.3  # 可借鉴措施: an equivalent that hides a measure scores higher than a shown link
THEME_WEIGHT = 0.15  # weight of the themes' Jaccard overlap added to the text score
MAX_DF_SHARE = 0.2  # a term in more than this share of all measures is too common to be a reason
PIVOT_SLOPE = 0.5  # pivoted length normalisation: short rows matching two common words rank lower
MIN_DF = 2  # features in fewer measures are dropped
MIN_DF_CAP = 20  # ... but a term is never dropped for being common while it is in fewer measures
POSTINGS_CAP = 100  # candidates are generated from the measures where a term weighs most
BLOCK_ROWS = 1024  # measures scored together in one sparse product (bounds memory)
REASON_TERMS = 4  # shared terms listed as reasons
MAX_THEME_SETS = 2048  # distinct theme sets up to which the theme bonus is a table (32 MB at most)
T = TypeVar("T")


@dataclass(frozen=True)
class Vectors:
    """The TF-IDF matrix and what is needed to explain a link."""

    matrix: sparse.csr_matrix  # measures × features, TF-IDF rows with pivoted length normalisation
    features: tuple[str, ...]  # feature id → feature ("≈" + the group's first term for a synonym group)
    surface: tuple[dict[int, str], ...]  # per measure: feature id → the word as printed there
    # feature id → the word it stands for: a wording of a group and the group's feature are one word
    # (公交 in a text gives both), counted once by rule (c); None: each feature a word of its own
    words: np.ndarray | None = None

    @cached_property
    def by_text(self) -> np.ndarray:
        """The feature ids in the order of the features' text (ties by id)."""
        return np.array(sorted(range(len(self.features)), key=self.features.__getitem__), dtype=np.int64)

    @cached_property
    def feature_rank(self) -> np.ndarray:
        """Each feature id's place in ``by_text``."""
        rank = np.empty(len(self.features), dtype=np.int64)
        rank[self.by_text] = np.arange(len(self.features))
        return rank


@dataclass(frozen=True)
class Neighbours:
    """Ranked candidate neighbours in other districts: row i lists measure indices and scores."""

    index: np.ndarray  # n × k, -1 where there are fewer than k candidates
    score: np.ndarray  # n × k, combined score (text + theme bonus), descending per row
    text: np.ndarray  # n × k
    coverage: np.ndarray  # n × k, share of row i's squared weight on the features it shares with the neighbour
    shared: np.ndarray  # n × k, how many words row i shares with the neighbour (word_presence)
    equivalent: np.ndarray  # n × districts, bool: a counterpart of row i (step 5) is in that district, or is row i's


# ---------------------------------------------------------------- features and vectors

def synonym_pattern(groups: Iterable[Sequence[str]]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One regular expression that finds any wording of a group (longest first) and the feature of each
    wording. Groups that share a wording are one feature (充电桩 is a synonym of 充电站 and a printed
    variant of the metric 充电基础设施数量), named after the first wording of the first of them."""
    feature: dict[str, str] = {}
    for terms in groups:
        joined = {feature[t] for t in terms if t in feature}
        canonical = min(joined, key=lambda f: list(feature.values()).index(f)) if joined else "≈" + terms[0]
        for term, f in list(feature.items()):
            if f in joined:
                feature[term] = canonical
        for term in terms:
            feature[term] = canonical
    if not feature:
        return None, feature
    return re.compile(_longest_of(feature)), feature


def _longest_of(wordings: Iterable[str]) -> str:
    """A regular expression that matches, at a place, the longest of the wordings found there, factored
    by prefix (充电(?:桩|站|基础设施)?): the engine tests a place against one branch per character,
    not against each of the ~180 wordings in turn (which took a fifth of the segmentation's time at 50×).
    A greedy optional group tries the longer wordings first and backs off to the shorter."""
    trie: dict[str, dict] = {}
    for wording in wordings:
        node = trie
        for char in wording:
            node = node.setdefault(char, {})
        node[""] = {}  # a wording ends here

    def branches(node: dict[str, dict]) -> str:
        below = [re.escape(char) + branches(child) for char, child in sorted(node.items()) if char]
        if not below:
            return ""
        group = "(?:" + "|".join(below) + ")"
        return group + "?" if "" in node else group
    return branches(trie)


def tokens(text: str, tk, synonyms: re.Pattern[str] | None, feature_of: dict[str, str],
           drop: frozenset[str]) -> list[tuple[str, str]]:
    """(feature, surface word) pairs of one text: the words of the domain segmenter (generator.terms), then one group feature
    for each wording of a group found in the text (longest wording first, not overlapping)."""
    out = [(w, w) for w in words(text, tk) if w not in drop]
    if synonyms is not None:
        out += [(feature_of[wording], wording) for wording in synonyms.findall(text)]  # no groups: whole matches
    return out


# Regions every district of the Chengdu–Chongqing plans names (成渝地区双城经济圈, 川渝电网一体化):
# a shared place name says where, not what, so it is no reason for a link.
REGION_WORDS = ("成渝", "川渝", "双城经济圈", "四川", "重庆")


def district_words(index: SiteIndex) -> frozenset[str]:
    """District names as they may be segmented (江津区, 江津), their region groups (渝东南) and
    REGION_WORDS: a place name is no reason for a link."""
    names: set[str] = set(REGION_WORDS)
    for d in index.districts:
        names.add(d.region.value)
        for name in (d.name, *d.aliases):
            names.add(name)
            if len(name) > 2 and name[-1] in "区县":
                names.add(name[:-1])
    return frozenset(names)


def vectorize(docs: Sequence[Sequence[tuple[str, str]]]) -> Vectors:
    """Sparse TF-IDF rows (sublinear tf, smoothed idf; features of one measure only or of more than
    MAX_DF_SHARE of all measures get no weight), divided by a pivoted length norm."""
    n = len(docs)
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    surface: list[dict[int, str]] = []
    for i, doc in enumerate(docs):
        seen: dict[int, str] = {}
        for feat, word in doc:
            j = vocab.setdefault(feat, len(vocab))
            rows.append(i)
            cols.append(j)
            seen.setdefault(j, word)
        surface.append(seen)
    counts = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, len(vocab)))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=len(vocab))
    limit = max(MIN_DF_CAP, MAX_DF_SHARE * n)
    idf = np.log((n + 1) / (df + 0.5))
    idf[df > limit] = 0.0
    idf[df < MIN_DF] = 0.0  # a word of one measure only links nothing, but would dilute that measure's scores
    tf = counts.copy()
    tf.data = 1.0 + np.log(tf.data)
    weighted = tf.multiply(idf[np.newaxis, :]).tocsr()
    weighted.eliminate_zeros()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    if PIVOT_SLOPE != 1.0:
        norms = (1 - PIVOT_SLOPE) * norms.mean() + PIVOT_SLOPE * norms
    matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)
    matrix.sort_indices()
    features = tuple(sorted(vocab, key=vocab.__getitem__))
    return Vectors(matrix, features, tuple(surface))


# ---------------------------------------------------------------- candidate neighbours

def _truncated_postings(matrix: sparse.csr_matrix, cap: int) -> sparse.csr_matrix:
    """The matrix with, per feature (column), only the ``cap`` largest weights kept."""
    csc = matrix.tocsc()
    keep = np.ones(csc.nnz, dtype=bool)
    counts = np.diff(csc.indptr)
    for col in np.flatnonzero(counts > cap):
        lo, hi = csc.indptr[col], csc.indptr[col + 1]
        # order by weight, ties by measure index, so the choice is deterministic
        order = np.lexsort((csc.indices[lo:hi], -csc.data[lo:hi]))
        keep[lo + order[cap:]] = False
    csc.data = np.where(keep, csc.data, 0.0)
    csc.eliminate_zeros()
    return csc.tocsr()


def _theme_jaccard(masks: np.ndarray, sizes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Jaccard overlap of the theme sets (bit masks, and their sizes: np.bitwise_count(masks)) of
    measures a[k] and b[k]. The union's size is the sizes' sum less the overlap: one bit count, not two."""
    inter = np.bitwise_count(masks[a] & masks[b])
    union = sizes[a] + sizes[b] - inter
    return np.divide(inter, union, out=np.zeros(len(inter)), where=union > 0)


def theme_bonus(masks: np.ndarray) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """THEME_WEIGHT × the Jaccard overlap of the themes (bit masks) of measures a[k] and b[k], as a
    function of a and b. A corpus tags its measures with a few dozen to a few hundred distinct theme
    sets whatever its size (122 at 50×), so the bonus is computed once per pair of sets and each of the
    millions of candidate pairs reads it from that table (half the time of counting bits per pair); only with
    more than MAX_THEME_SETS sets, where the table would be too large, is it computed per pair."""
    distinct, kind = np.unique(masks, return_inverse=True)
    if len(distinct) > MAX_THEME_SETS:
        sizes = np.bitwise_count(masks)
        return lambda a, b: THEME_WEIGHT * _theme_jaccard(masks, sizes, a, b)
    width = len(distinct)
    first, second = np.divmod(np.arange(width * width), width)
    table = THEME_WEIGHT * _theme_jaccard(distinct, np.bitwise_count(distinct), first, second)
    kind = kind.astype(np.int32)  # narrow: read for every candidate pair
    return lambda a, b: table[kind[a] * width + kind[b]]


def _exact_text_score(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Text score (dot product) of rows a[k] and b[k]."""
    if len(a) == 0:
        return np.zeros(0)
    return np.asarray(matrix[a].multiply(matrix[b]).sum(axis=1)).ravel()


def _weights(matrix: sparse.csr_matrix) -> tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray]:
    """Squared weights, the pattern of present features (ones) and each row's total squared weight."""
    squared = matrix.multiply(matrix).tocsr()
    present = matrix.copy()
    present.data = np.ones_like(present.data)
    return squared, present, np.asarray(squared.sum(axis=1)).ravel()


def _coverage(weights: tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray], a: np.ndarray,
              b: np.ndarray) -> np.ndarray:
    """Share of row a[k]'s squared weight that lies on features row b[k] has too (``weights``: _weights of the matrix)."""
    squared, present, total = weights
    shared = np.zeros(len(a))
    for pairs in _pair_steps(len(a)):
        shared[pairs] = np.asarray(squared[a[pairs]].multiply(present[b[pairs]]).sum(axis=1)).ravel()
    return np.divide(shared, total[a], out=np.zeros_like(shared), where=total[a] > 0)


def _pair_steps(n: int) -> Iterator[slice]:
    step = BLOCK_ROWS * CANDIDATES  # pairs at a time: the row copies stay small at any corpus size
    return (slice(start, start + step) for start in range(0, n, step))


def word_presence(present: sparse.csr_matrix, words: np.ndarray | None) -> sparse.csr_matrix:
    """Measures × words, 1 where a measure has a weighted feature standing for the word (``present``:
    the features each measure has, _weights' pattern; ``words``: Vectors.words; None: each feature a word)."""
    if words is None:
        return present
    stands_for = sparse.csr_matrix((np.ones(len(words)), (np.arange(len(words)), words)),
                                   shape=(len(words), int(words.max()) + 1 if len(words) else 0))
    out = (present @ stands_for).tocsr()
    out.data = np.ones_like(out.data)
    return out


def _shared_words(presence: sparse.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many words rows a[k] and b[k] share (``presence``: word_presence)."""
    count = np.zeros(len(a), dtype=np.int64)
    for pairs in _pair_steps(len(a)):
        count[pairs] = np.diff(presence[a[pairs]].multiply(presence[b[pairs]]).tocsr().indptr)
    return count


def entries_at(values: sparse.csr_matrix, like: sparse.csr_matrix) -> np.ndarray:
    """The entries of ``values`` at the positions of ``like``'s stored entries, in ``like``'s order, 0 where
    ``values`` stores none. Both are CSR of one shape with sorted indices. Two products of one pattern can
    still differ where a sum rounds to zero in one of them (a tiny weight squared, say), so the positions
    are matched, not assumed equal."""
    width = np.int64(like.shape[1])
    have = np.repeat(np.arange(values.shape[0], dtype=np.int64), np.diff(values.indptr)) * width + values.indices
    want = np.repeat(np.arange(like.shape[0], dtype=np.int64), np.diff(like.indptr)) * width + like.indices
    at = np.minimum(np.searchsorted(have, want), max(len(have) - 1, 0))
    found = (at < len(have)) & (have[at] == want) if len(have) else np.zeros(len(want), dtype=bool)
    return np.where(found, values.data[at] if len(have) else 0.0, 0.0)


def _aligned(values: sparse.csr_matrix, like: sparse.csr_matrix) -> np.ndarray:
    """``values``'s entries at ``like``'s stored positions, in ``like``'s storage order. Two products of
    matrices of one pattern store their entries in one order (scipy's product visits the inputs' entries
    in storage order), so nothing need be sorted, unless a sum rounded to zero in one of them: then both
    are sorted and the positions matched (``entries_at``). Later steps do not depend on the order."""
    if np.array_equal(values.indptr, like.indptr) and np.array_equal(values.indices, like.indices):
        return values.data
    values.sort_indices()
    like.sort_indices()
    return entries_at(values, like)


def nearest(matrix: sparse.csr_matrix, districts: np.ndarray, themes: np.ndarray, k: int = CANDIDATES,
            cap: int = POSTINGS_CAP, block: int = BLOCK_ROWS, words: np.ndarray | None = None) -> Neighbours:
    """For each row, the k best rows of OTHER districts by text score + THEME_WEIGHT × theme Jaccard,
    among rows sharing at least one feature. Ties are broken by row index. Beside them, the districts
    in which each row has a counterpart (a confident equivalent that also passes ``counterpart``), either way (step 5 of the module's docstring)."""
    n = matrix.shape[0]
    postings = _truncated_postings(matrix, cap)
    postings_t = postings.T.tocsr()
    present_t = postings_t.copy()
    present_t.data = np.ones_like(present_t.data)
    weights = _weights(matrix)  # once: every coverage below uses them
    presence = word_presence(weights[1], words)  # the words each measure has, for rule (c)
    bonus = theme_bonus(themes)
    squared, _, total = weights
    equivalent = np.zeros((n, int(districts.max()) + 1 if n else 0), dtype=bool)
    district = districts.astype(np.min_scalar_type(equivalent.shape[1]))  # narrow: compared for every candidate pair
    out_index = np.full((n, k), -1, dtype=np.int64)
    out_score = np.zeros((n, k))
    out_text = np.zeros((n, k))
    out_coverage = np.zeros((n, k))
    out_shared = np.zeros((n, k), dtype=np.int64)
    for start in range(0, n, block):
        stop = min(start + block, n)
        partial = (matrix[start:stop] @ postings_t).tocsr()  # text score via the kept postings only
        # the same pairs' shared squared weight (a product of the same pattern as matrix × postings)
        shared = (squared[start:stop] @ present_t).tocsr()
        shared_here = _aligned(shared, partial)
        per_row = np.diff(partial.indptr)
        row = np.repeat(np.arange(start, stop), per_row)
        col = partial.indices
        other = (np.repeat(district[start:stop], per_row) != district[col]) & (partial.data > 0)
        value = partial.data + bonus(row, col)
        # coverage only where it decides: equivalents if they shared all of the anchor's weight
        maybe = np.flatnonzero(other & confident(value, partial.data, 1.0, MIN_SHARED) & counterpart(value))
        a, b = row[maybe], col[maybe]
        coverage = np.divide(shared_here[maybe], total[a], out=np.zeros(len(maybe)), where=total[a] > 0)
        sure = confident(value[maybe], partial.data[maybe], coverage, MIN_SHARED)
        a, b = a[sure], b[sure]
        new = ~(equivalent[a, districts[b]] & equivalent[b, districts[a]])  # a pair that would mark nothing new is not counted
        a, b = a[new], b[new]
        enough = _shared_words(presence, a, b) >= MIN_SHARED  # over every word, not only the kept postings
        a, b = a[enough], b[enough]
        equivalent[a, districts[b]] = True
        equivalent[b, districts[a]] = True
        value[~other] = -1.0
        row, col = _best_per_row(partial.indptr, row, col, value, k)  # preselect by the partial score
        text = _exact_text_score(matrix, row, col)
        value = text + bonus(row, col)
        keep = text > 0
        row, col, value, text = row[keep], col[keep], value[keep], text[keep]
        order = np.lexsort((col, -value, row))
        row, col, value, text = row[order], col[order], value[order], text[order]
        rank = np.arange(len(row)) - np.searchsorted(row, row)
        out_index[row, rank] = col
        out_score[row, rank] = value
        out_text[row, rank] = text
    listed = np.nonzero(out_index >= 0)
    out_coverage[listed] = _coverage(weights, listed[0], out_index[listed])
    out_shared[listed] = _shared_words(presence, listed[0], out_index[listed])
    # exact: may add pairs cut postings hid
    sure = (confident(out_score[listed], out_text[listed], out_coverage[listed], out_shared[listed])
            & counterpart(out_score[listed]))
    a, b = listed[0][sure], out_index[listed][sure]
    equivalent[a, districts[b]] = True
    equivalent[b, districts[a]] = True
    return Neighbours(out_index, out_score, out_text, out_coverage, out_shared, equivalent)


def _best_per_row(indptr: np.ndarray, row: np.ndarray, col: np.ndarray, value: np.ndarray,
                  k: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, col) of the k largest positive values of each CSR row (ties: lower column first)."""
    keep = np.zeros(len(value), dtype=bool)
    for lo, hi in pairwise(indptr.tolist()):
        if hi - lo <= k:
            keep[lo:hi] = True
            continue
        v = value[lo:hi]
        kth = np.partition(v, hi - lo - k)[hi - lo - k]  # the k-th largest value
        above = v > kth
        keep[lo:hi] = above
        tied = np.flatnonzero(v == kth)
        places = k - np.count_nonzero(above)
        if len(tied) > places:  # rare: more ties than places, the lower columns take them
            tied = tied[np.argsort(col[lo:hi][tied], kind="stable")][:places]
        keep[lo + tied] = True
    keep &= value > 0
    return row[keep], col[keep]


# ---------------------------------------------------------------- passages and the final choice

def passages(index: SiteIndex) -> list[str]:
    """Source passage of each measure: a table row that carries out a main-text measure of its document
    (``implements`` in the data) belongs to that measure's passage; any other item is a passage of its own."""
    out = []
    for m in index.measures:
        implemented = index.relations.implements.get(m.key, ())
        out.append(implemented[0].key if implemented else m.key)
    return out


@overload
def confident(score: float, text: float, coverage: float, shared: int) -> bool: ...
@overload
def confident(score: np.ndarray, text: np.ndarray, coverage: np.ndarray | float, shared: np.ndarray | int) -> np.ndarray: ...
def confident(score, text, coverage, shared):
    """The cut-off rule of step 4: strong enough, sharing words (more than one), and words that carry
    part of the anchor. Of numbers or, element-wise, of numpy arrays (step 5 tests whole blocks of pairs)."""
    return (score >= MIN_SCORE) & (text >= MIN_TEXT_SCORE) & (coverage >= MIN_COVERAGE) & (shared >= MIN_SHARED)


def counterpart(score: np.ndarray) -> np.ndarray:
    """What a confident pair needs besides to count as an equivalent for 可借鉴措施 (step 5): a higher score."""
    return score >= COUNTERPART_MIN_SCORE


def choose(candidates: Sequence[tuple[int, float, float, float, int]], district_of: Sequence[str],
           passage_of: Sequence[str], top: int = TOP_N) -> list[tuple[int, float]]:
    """From candidates (measure, score, text, coverage, shared features) ranked best first: drop those that are not
    confident, keep the best item of each passage, take the best of every district before the second
    of any, and return up to ``top`` (measure, score) by score. (The rule for one measure: choose_all
    applies it to all measures at once.)"""
    if not candidates:
        return []
    measure, score, text, coverage, shared = (np.array([column]) for column in zip(*candidates, strict=True))
    district_code: dict[str, int] = {}
    passage_code: dict[str, int] = {}
    district = np.array([[district_code.setdefault(district_of[j], len(district_code)) for j in measure[0].tolist()]])
    passage = np.array([[passage_code.setdefault(passage_of[j], len(passage_code)) for j in measure[0].tolist()]])
    picked = choose_all(score, confident(score, text, coverage, shared), district, passage, top)[0]
    return [(int(measure[0, p]), float(score[0, p])) for p in picked[picked >= 0].tolist()]


def choose_all(score: np.ndarray, ok: np.ndarray, district: np.ndarray, passage: np.ndarray, top: int = TOP_N) -> np.ndarray:
    """The rule of ``choose`` for many measures at once, in numpy: per measure (row), its candidates
    ranked best first (columns) with their score, whether they may be chosen (ok: confident, not a
    pad), and codes of their district and source passage. Returns per row the columns chosen, by score
    (equal scores in the order of the rule), and -1 after them."""
    k = score.shape[1]
    above = np.tri(k, k, -1, dtype=bool)  # above[p, q]: candidate q is ranked above candidate p
    # the best item of each passage: a candidate is dropped if one ranked above it may be chosen and is of its passage
    kept = ok & ~((passage[:, :, np.newaxis] == passage[:, np.newaxis, :]) & ok[:, np.newaxis, :] & above).any(axis=2)
    # the best of every district before the second of any: a candidate's round counts the kept ones of its district above it
    round_ = ((district[:, :, np.newaxis] == district[:, np.newaxis, :]) & kept[:, np.newaxis, :] & above).sum(axis=2)
    order = np.argsort(np.where(kept, round_ * k + np.arange(k), k * k), axis=1, kind="stable")[:, :top]  # by round, then rank
    chosen = np.take_along_axis(kept, order, axis=1)
    by_score = np.argsort(np.where(chosen, -np.take_along_axis(score, order, axis=1), np.inf), axis=1, kind="stable")
    return np.where(np.take_along_axis(chosen, by_score, axis=1), np.take_along_axis(order, by_score, axis=1), -1)


def shared_features(vectors: Vectors, pairs: Sequence[tuple[int, int]]) -> Iterator[list[int]]:
    """For each pair (i, j), the features rows i and j share, weightiest first: by the product of
    their weights, then by the feature's text, then by its id. All pairs in one go (the products by
    scipy, the order by one numpy sort): per pair in Python this was a third of the similarity step.
    Each pair's list is made as it is asked for (all of them at once would be ~100 MB at 50×)."""
    if not pairs:
        return
    first, second = (np.fromiter((pair[k] for pair in pairs), dtype=np.int64, count=len(pairs)) for k in (0, 1))
    products = sparse.csr_matrix(vectors.matrix[first].multiply(vectors.matrix[second]))
    # Columns renamed by their text's rank and sorted within each pair (scipy, row by row in C): then
    # one stable sort by pair and product keeps ties in text order. Ranking by text inside a three-key
    # sort of a few million entries (50×) took half as long again.
    products.indices = vectors.feature_rank[products.indices].astype(products.indices.dtype)
    products.has_sorted_indices = False
    products.sort_indices()
    # 32-bit keys: the sort is a seventh cheaper than with 64-bit ones
    pair_of = np.repeat(np.arange(len(pairs), dtype=np.int32), np.diff(products.indptr))
    order = np.lexsort((-products.data, pair_of))
    ordered, bounds = vectors.by_text[products.indices[order]], products.indptr.tolist()
    for k in range(len(pairs)):
        yield ordered[bounds[k]:bounds[k + 1]].tolist()


def reasons(vectors: Vectors, i: int, j: int, shared: Sequence[int]) -> tuple[str, ...]:
    """The shared words that say why measure j is like measure i, given the features they share
    weightiest first (shared_features)."""
    mine_of, theirs_of = vectors.surface[i], vectors.surface[j]
    out: list[str] = []
    for f in shared:
        mine, theirs = mine_of[f], theirs_of[f]
        if mine in theirs or theirs in mine:
            reason = mine if len(mine) <= len(theirs) else theirs  # 秸秆综合利用率 says what 农作物秸秆综合利用率 shares
        else:
            reason = f"{mine}／{theirs}"  # a synonym: both wordings
        # Words are the parts of reasons split at ／, so none holds a ／: a word is part of one of some
        # reasons exactly when it is part of them joined by ／ (one test of a string, not one per reason).
        said = reason.split("／")
        if out and _any_in(said, "／".join(out)):
            continue  # said already (换电 after 充电桩／充电、换电)
        # a word the new reason says in full is dropped (换电 before 充电桩／充电、换电)
        out = [earlier for earlier in out if not _all_in(earlier.split("／"), reason)]
        out.append(reason)
        if len(out) == REASON_TERMS:
            break
    return tuple(out)


# Plain loops, not any() over generators: reasons runs them about 100,000 times at 10×, and
# creating the generators took more than half its time.
def _any_in(words: Sequence[str], text: str) -> bool:
    """Whether one of the words is part of the text."""
    for word in words:
        if word in text:
            return True
    return False


def _all_in(words: Sequence[str], text: str) -> bool:
    """Whether each of the words is part of the text."""
    for word in words:
        if word not in text:
            return False
    return True


def _shared_themes(me: MeasureEntry, theirs: set[str]) -> tuple[str, ...]:
    """The names of my themes that the other measure has too (``theirs``: its theme slugs), in my order."""
    return tuple(t.name for t in me.themes if t.slug in theirs)


def once_per_kind(kind: np.ndarray, first: np.ndarray, second: np.ndarray,
                  work: Callable[[list[int], list[int]], Iterable[T]]) -> list[T]:
    """work(firsts, seconds) over the pairs (first[k], second[k]) of measures, asked once for each pair
    of kinds: ``kind`` numbers the measures so that two of one kind give one result (say, measures with
    the same themes: a few dozen theme sets in any corpus)."""
    width = int(kind.max()) + 1 if len(kind) else 1
    _, one, which = np.unique(kind[first] * width + kind[second], return_index=True, return_inverse=True)
    done = list(work(first[one].tolist(), second[one].tolist()))
    return [done[w] for w in which.tolist()]


def pair_shared_themes(measures: Sequence[MeasureEntry], first: np.ndarray, second: np.ndarray) -> list[tuple[str, ...]]:
    """The shared themes of each pair (first[k], second[k]) of measures (_shared_themes), found once
    per pair of theme sets."""
    signature: dict[tuple[str, ...], int] = {}
    theme_set = np.array([signature.setdefault(tuple(t.slug for t in m.themes), len(signature)) for m in measures], dtype=np.int64)
    return once_per_kind(theme_set, first, second, lambda mine, theirs: [
        _shared_themes(measures[a], {t.slug for t in measures[b].themes}) for a, b in zip(mine, theirs, strict=True)])


def measure_vectors(index: SiteIndex) -> Vectors:
    tk = tokenizer(registry_terms(index.departments, index.metrics, index.themes))
    pattern, feature_of = synonym_pattern(wording_groups(index.metrics, index.synonyms))
    drop = district_words(index)
    vectors = vectorize([tokens(m.full_text, tk, pattern, feature_of, drop) for m in index.measures])
    return dataclasses.replace(vectors, words=word_ids(vectors.features, feature_of))


def word_ids(features: Sequence[str], feature_of: Mapping[str, str]) -> np.ndarray:
    """Per feature, the number of the word it stands for: a wording of a group stands for its group
    (``feature_of``: wording → the group's feature), every other feature for itself."""
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(feature_of.get(f, f), len(ids)) for f in features], dtype=np.int64)


def theme_masks(measures: Sequence[MeasureEntry], themes: Sequence) -> np.ndarray:
    bit = {t.slug: np.uint64(1) << np.uint64(i) for i, t in enumerate(themes)}
    if len(bit) > 64:
        raise ValueError("theme bit masks hold at most 64 themes")
    masks = np.zeros(len(measures), dtype=np.uint64)
    for i, m in enumerate(measures):
        for t in m.themes:
            masks[i] |= bit[t.slug]
    return masks


def district_sets(rows: np.ndarray, slugs: Sequence[str]) -> list[frozenset[str]]:
    """The slugs of the districts each row of a bool matrix (row × district) marks. Rows of one pattern
    share one set: in a large corpus many measures have equivalents in the same districts."""
    packed = np.packbits(rows, axis=1)
    width, patterns = packed.shape[1], packed.tobytes()
    sets: dict[bytes, frozenset[str]] = {}
    out = []
    for i in range(len(rows)):
        pattern = patterns[i * width:(i + 1) * width]
        if pattern not in sets:
            sets[pattern] = frozenset(slugs[d] for d in np.flatnonzero(rows[i]).tolist())
        out.append(sets[pattern])
    return out


def similar_measures(index: SiteIndex) -> SimilarMeasures:
    """The links each measure shows (at most TOP_N) and, not capped, the districts with a confident
    equivalent of each measure either way (for 可借鉴措施)."""
    measures = index.measures
    vectors = measure_vectors(index)
    slugs = [m.district.slug for m in measures]
    district_ids = {s: k for k, s in enumerate(dict.fromkeys(slugs))}
    districts = np.array([district_ids[s] for s in slugs], dtype=np.int64)
    found = nearest(vectors.matrix, districts, theme_masks(measures, index.themes), words=vectors.words)
    passage_code: dict[str, int] = {}
    passage_of = np.array([passage_code.setdefault(p, len(passage_code)) for p in passages(index)], dtype=np.int64)
    candidate = np.maximum(found.index, 0)  # a pad (-1) is read as measure 0, and is not ok
    ok = (found.index >= 0) & confident(found.score, found.text, found.coverage, found.shared)
    picked = choose_all(found.score, ok, districts[candidate], passage_of[candidate])
    i, column = np.nonzero(picked >= 0)  # by measure, then by score
    j, score = found.index[i, picked[i, column]], found.score[i, picked[i, column]]
    pairs = list(zip(i.tolist(), j.tolist(), strict=True))
    why = (reasons(vectors, a, b, shared) for (a, b), shared in zip(pairs, shared_features(vectors, pairs), strict=True))
    keys = [m.key for m in measures]
    links = [Similarity(keys[b], round(s, 4), themes, said)
             for b, s, themes, said in zip(j.tolist(), score.tolist(), pair_shared_themes(measures, i, j), why, strict=True)]
    bounds = np.searchsorted(i, np.arange(len(measures) + 1)).tolist()
    out = {key: tuple(links[lo:hi]) for key, (lo, hi) in zip(keys, pairwise(bounds), strict=True)}
    counterparts = {key: there for key, there in zip(keys, district_sets(found.equivalent, list(district_ids)), strict=True) if there}
    return SimilarMeasures(out, counterparts)
