"""Pieces of generator.similarity made cheaper, checked against the plain way: the choice rule as first
written (a loop over one measure's candidates) for the numpy rule of all measures at once, per pair or
per row in Python, and the reasons' word tests as first written (one reason at a time)."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from generator import similarity


def choose_as_first_written(candidates, district_of, passage_of, top=similarity.TOP_N):
    seen_passages: set[str] = set()
    per_district: dict[str, int] = {}
    ranked = []
    for position, (j, score, text, coverage, shared) in enumerate(candidates):
        if not similarity.confident(score, text, coverage, shared) or passage_of[j] in seen_passages:
            continue
        seen_passages.add(passage_of[j])
        round_ = per_district.get(district_of[j], 0)
        per_district[district_of[j]] = round_ + 1
        ranked.append((round_, position, j, score))
    ranked.sort()
    return sorted([(j, score) for _, _, j, score in ranked[:top]], key=lambda pair: -pair[1])


candidate = st.tuples(st.integers(0, 9), st.sampled_from([0.1, 0.2, 0.3, 0.3, 0.5]),
                      st.sampled_from([0.0, 0.05, 0.2]), st.sampled_from([0.0, 0.5]), st.sampled_from([1, 2, 3]))


@settings(max_examples=500, deadline=None)
@given(st.lists(candidate, max_size=25), st.lists(st.sampled_from("abc"), min_size=10, max_size=10),
       st.lists(st.sampled_from("pqrstu"), min_size=10, max_size=10), st.integers(1, 6))
def test_choose_is_the_rule_as_first_written(candidates, district_of, passage_of, top):
    """Few districts and passages, repeated measures and equal scores: every branch of the rule."""
    assert similarity.choose(candidates, district_of, passage_of, top) == choose_as_first_written(candidates, district_of, passage_of, top)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(candidate, max_size=8), min_size=1, max_size=6), st.lists(st.sampled_from("abc"), min_size=10, max_size=10),
       st.lists(st.sampled_from("pqrstu"), min_size=10, max_size=10))
def test_choose_all_applies_the_rule_to_each_row(rows, district_of, passage_of):
    """Rows of unequal length, padded as nearest pads them (not ok)."""
    width = max(1, max(len(r) for r in rows))
    score = np.zeros((len(rows), width))
    ok = np.zeros((len(rows), width), dtype=bool)
    measure = np.zeros((len(rows), width), dtype=np.int64)
    for r, row in enumerate(rows):
        for p, (j, s, t, c, f) in enumerate(row):
            measure[r, p], score[r, p], ok[r, p] = j, s, similarity.confident(s, t, c, f)
    district = np.array([[ord(district_of[j]) for j in row] for row in measure])
    passage = np.array([[ord(passage_of[j]) for j in row] for row in measure])
    picked = similarity.choose_all(score, ok, district, passage)
    for r, row in enumerate(rows):
        got = [(int(measure[r, p]), float(score[r, p])) for p in picked[r] if p >= 0]
        assert got == choose_as_first_written(row, district_of, passage_of)


@given(st.lists(st.integers(0, 3), min_size=1, max_size=8), st.data())
def test_once_per_kind_asks_each_pair_of_kinds_once_and_answers_every_pair(kinds, data):
    kind = np.array(kinds)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, len(kinds) - 1), st.integers(0, len(kinds) - 1)), max_size=12))
    first, second = np.array([a for a, _ in pairs], dtype=np.int64), np.array([b for _, b in pairs], dtype=np.int64)
    asked = []

    def work(mine, theirs):
        asked.extend((kinds[a], kinds[b]) for a, b in zip(mine, theirs, strict=True))
        return [f"{kinds[a]}-{kinds[b]}" for a, b in zip(mine, theirs, strict=True)]

    assert similarity.once_per_kind(kind, first, second, work) == [f"{kinds[a]}-{kinds[b]}" for a, b in pairs]
    assert sorted(asked) == sorted({(kinds[a], kinds[b]) for a, b in pairs})


@given(st.lists(st.lists(st.booleans(), min_size=11, max_size=11), max_size=6))
def test_district_sets_name_each_rows_districts(rows):
    slugs = [f"d{k}" for k in range(11)]
    got = similarity.district_sets(np.array(rows, dtype=bool).reshape(len(rows), 11), slugs)
    assert got == [frozenset(slugs[d] for d, marked in enumerate(row) if marked) for row in rows]


def reasons_as_first_written(mine_of, theirs_of, shared):
    def in_any(words, texts):
        return any(word in text for text in texts for word in words)

    out: list[str] = []
    for f in shared:
        mine, theirs = mine_of[f], theirs_of[f]
        if mine in theirs or theirs in mine:
            reason = mine if len(mine) <= len(theirs) else theirs
        else:
            reason = f"{mine}／{theirs}"
        said = reason.split("／")
        if in_any(said, out):
            continue
        out = [earlier for earlier in out if not all(in_any((word,), said) for word in earlier.split("／"))]
        out.append(reason)
        if len(out) == similarity.REASON_TERMS:
            break
    return tuple(out)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_reasons_test_words_as_first_written(data):
    """Words of few letters, so that one is often part of another, some empty, some holding a ／."""
    features = data.draw(st.integers(1, 8))
    word = st.text(alphabet="ab／", max_size=3)
    mine, theirs = ({f: data.draw(word) for f in range(features)} for _ in range(2))
    shared = data.draw(st.permutations(range(features)))
    vectors = similarity.Vectors(sparse.csr_matrix((2, features)), tuple(map(str, range(features))), (mine, theirs))
    assert similarity.reasons(vectors, 0, 1, shared) == reasons_as_first_written(mine, theirs, shared)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([-1.0, 0.0, 0.25, 0.5, 0.5, 1.0]), max_size=9), min_size=1, max_size=5), st.integers(1, 4),
       st.randoms(use_true_random=False))
def test_best_per_row_keeps_each_rows_k_largest_positive_values(rows, k, random):
    """Few values, so ties are common; columns stored in any order, as a sparse product may store them."""
    columns = [random.sample(range(20), len(values)) for values in rows]
    indptr = np.cumsum([0] + [len(values) for values in rows])
    row = np.repeat(np.arange(len(rows)), [len(values) for values in rows])
    col = np.array([c for cs in columns for c in cs], dtype=np.int64)
    value = np.array([v for values in rows for v in values])
    got_row, got_col = similarity._best_per_row(indptr, row, col, value, k)
    want = {(r, c) for r, (values, cs) in enumerate(zip(rows, columns, strict=True))
            for v, c in sorted(zip(values, cs, strict=True), key=lambda pair: (-pair[0], pair[1]))[:k] if v > 0}
    assert sorted(zip(got_row.tolist(), got_col.tolist(), strict=True)) == sorted(want)
