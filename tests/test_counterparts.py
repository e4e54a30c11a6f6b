"""可借鉴措施 must not list a measure the district has, however many districts share it.

Shown similar-measure links stop at TOP_N per measure; with 38 districts a measure can have confident
equivalents in many more. Ground truth here is a brute-force test of every pair of measures with the
confidence rule written out (dense numpy, the TF-IDF recipe of tests/test_similarity.dense_tfidf), not
generator.similarity's candidate search. Two corpora: the real one, and a synthetic one made by
generator.synth from one real document copied into 8 districts, where every measure has its copies,
confident equivalents, in 7 other districts: more than TOP_N.
"""
from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from generator import similarity
from generator.index import is_borrowable
from generator.pipeline import index_data
from generator.synth import synthesize
from generator.terms import registry_terms, tokenizer, wording_groups
from tests.test_similarity import dense_tfidf, shared_words

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "site_data"
SYNTH_DOCUMENT = "yongchuan/yongchuan-2022-112"  # 32 items: 8 copies stay under POSTINGS_CAP per word
SYNTH_DISTRICTS = 8


def one_document_corpus(out: Path, document: str) -> Path:
    """A site_data folder with every registry and one real document with its source text."""
    out.mkdir(parents=True)
    for path in DATA.glob("*.yaml"):
        shutil.copyfile(path, out / path.name)
    source = DATA / "documents" / f"{document}.yaml"
    (out / "documents" / source.parent.name).mkdir(parents=True)
    shutil.copyfile(source, out / "documents" / source.parent.name / source.name)
    found = re.search(r"(?m)^  file: (.*)$", source.read_text(encoding="utf-8"))
    assert found is not None
    (out / "sources").mkdir()
    shutil.copyfile(DATA / "sources" / found.group(1).strip(), out / "sources" / found.group(1).strip())
    return out


@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory):
    work = tmp_path_factory.mktemp("counterparts")
    synthesize(one_document_corpus(work / "one", SYNTH_DOCUMENT), work / "synth", SYNTH_DISTRICTS)
    return index_data(work / "synth")


@pytest.fixture(scope="module", params=["real", "synthetic"])
def case(request, real_index, synthetic_index):
    index = real_index if request.param == "real" else synthetic_index
    return index, brute_force_equivalents(index)


def brute_force_equivalents(index) -> tuple[dict[str, set[str]], np.ndarray]:
    """measure key → districts holding a confident equivalent of it, or a measure it is the confident
    equivalent of; and each feature's document frequency (to state when the search is exact).

    The rule for anchor a and other measure b, with w the TF-IDF rows: text = w_a · w_b; score = text
    + THEME_WEIGHT × |themes_a ∩ themes_b| / |themes_a ∪ themes_b|; coverage = Σ w_a,f² over the
    features f that b has, divided by Σ w_a,f²; shared = how many words both have (a group's wording
    and the group's feature one word). An equivalent:
    b in another district, score ≥ MIN_SCORE, text ≥ MIN_TEXT_SCORE, coverage ≥ MIN_COVERAGE and
    shared ≥ MIN_SHARED (a shown link could be made), and score ≥ COUNTERPART_MIN_SCORE."""
    tk = tokenizer(registry_terms(index.departments, index.metrics, index.themes))
    pattern, feature_of = similarity.synonym_pattern(wording_groups(index.metrics, index.synonyms))
    drop = similarity.district_words(index)
    docs = [similarity.tokens(m.full_text, tk, pattern, feature_of, drop) for m in index.measures]
    w, features = dense_tfidf(docs)
    measures = index.measures
    n = len(measures)
    text = w @ w.T
    themes = [{t.slug for t in m.themes} for m in measures]
    jaccard = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            union = themes[i] | themes[j]
            jaccard[i, j] = len(themes[i] & themes[j]) / len(union) if union else 0.0
    score = text + similarity.THEME_WEIGHT * jaccard
    squared = w * w
    total = squared.sum(axis=1)
    shared = squared @ (w > 0).T.astype(float)
    coverage = np.divide(shared, total[:, None], out=np.zeros_like(shared), where=total[:, None] > 0)
    both = shared_words(index, w, features)
    district = np.array([m.district.slug for m in measures])
    sure = ((district[:, None] != district[None, :]) & (score >= similarity.MIN_SCORE)
            & (text >= similarity.MIN_TEXT_SCORE) & (coverage >= similarity.MIN_COVERAGE)
            & (both >= similarity.MIN_SHARED) & (score >= similarity.COUNTERPART_MIN_SCORE))
    has: dict[str, set[str]] = defaultdict(set)
    for a, b in zip(*np.nonzero(sure), strict=True):
        has[measures[a].key].add(str(district[b]))
        has[measures[b].key].add(str(district[a]))
    return has, (w > 0).sum(axis=0)


def test_the_synthetic_case_needs_more_than_the_shown_links(synthetic_index):
    """The premise: in the synthetic corpus a measure has confident equivalents in at least 7 other
    districts, more than its shown links can name."""
    has, _ = brute_force_equivalents(synthetic_index)
    widest = max(has.values(), key=len)
    assert len(widest) >= 7 > similarity.TOP_N
    capped = [key for key, districts in has.items()
              if len({synthetic_index.measure(s.other).district.slug for s in synthetic_index.similar[key]}) < len(districts)]
    assert capped  # the shown links leave districts out, so they cannot decide 可借鉴措施


def test_no_listed_measure_has_a_confident_equivalent_in_the_district(case):
    """No district's 可借鉴措施 lists a measure that it, or a table row of it, has a confident
    equivalent of in that district (either way), on any theme."""
    index, (has, _) = case
    for d in index.districts:
        for bt in index.borrowable[d.slug].by_theme:
            for dm in bt.examples:
                held = [m.key for m in (dm.measure,) + dm.rows if d.slug in has.get(m.key, ())]
                assert not held, (d.slug, bt.theme.slug, dm.key, held)


def test_borrowable_counts_equal_the_brute_force_count(case):
    """Per district and theme, the count is every borrowable distinct measure of another district
    without a confident equivalent in the district: nothing the district has, and nothing left out.
    Exact while no word's postings are cut (POSTINGS_CAP), which holds for both corpora."""
    index, (has, df) = case
    assert df.max() <= similarity.POSTINGS_CAP
    rel = index.relations
    for d in index.districts:
        want = {}
        for theme in index.themes:
            count = sum(1 for dm in rel.distinct_by_theme.get(theme.slug, ())
                        if dm.district.slug != d.slug and is_borrowable(dm.measure.measure)
                        and not any(d.slug in has.get(m.key, ()) for m in (dm.measure,) + dm.rows))
            if count:
                want[theme.slug] = count
        assert {bt.theme.slug: bt.count for bt in index.borrowable[d.slug].by_theme} == want, d.slug


def test_counterpart_districts_equal_the_brute_force_pairs(case):
    index, (has, _) = case
    assert {k: set(v) for k, v in index.counterpart_districts.items()} == dict(has)


def test_with_cut_postings_no_district_is_named_without_an_equivalent(real_index):
    """With postings cut to 5 per word (as for common words at 50× scale) some equivalents are missed,
    but every district named holds a confident equivalent by the brute force (the partial scores are
    lower bounds), and the cut is real here (something is missed)."""
    has, _ = brute_force_equivalents(real_index)
    measures = real_index.measures
    slugs = [m.district.slug for m in measures]
    ids = {s: i for i, s in enumerate(dict.fromkeys(slugs))}
    vectors = similarity.measure_vectors(real_index)
    found = similarity.nearest(vectors.matrix, np.array([ids[s] for s in slugs]),
                               similarity.theme_masks(measures, real_index.themes), cap=5, block=100, words=vectors.words)
    names = list(ids)
    got = {m.key: {names[d] for d in np.flatnonzero(found.equivalent[i])} for i, m in enumerate(measures)}
    assert all(got[key] <= has.get(key, set()) for key in got)
    assert any(got[key] != has.get(key, set()) for key in got)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_entries_at_reads_each_position_whatever_the_two_patterns(data):
    """The coverage of a pair is read from a second sparse product at the first product's positions.
    The two usually share a pattern, but not where a sum rounds to zero in one of them; the lookup must
    then give that pair's own value, or 0, never its neighbour's. Ground truth: dense matrices."""
    rows, cols = data.draw(st.integers(1, 6)), data.draw(st.integers(1, 6))
    cells = st.lists(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.5]), min_size=cols, max_size=cols),
                     min_size=rows, max_size=rows)
    values, like = np.array(data.draw(cells)), np.array(data.draw(cells))
    got = similarity.entries_at(sparse.csr_matrix(values), sparse.csr_matrix(like))
    where = np.nonzero(like)  # row-major, the order of a CSR matrix's stored entries
    assert got.tolist() == values[where].tolist()


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_coverage_products_are_read_at_the_text_products_positions(data):
    """nearest() reads the shared squared weight of each pair from a second product in the text
    product's storage order, unsorted, unless a sum rounded to zero (a tiny weight squared), when both
    are sorted and matched. Either way each stored pair gets its own value. Ground truth: dense."""
    rows, inner, cols = (data.draw(st.integers(1, 5)) for _ in range(3))
    weights = np.array(data.draw(st.lists(st.lists(st.sampled_from([0.0, 1e-200, 0.5, 1.0, 2.5]), min_size=inner, max_size=inner),
                                          min_size=rows, max_size=rows)))
    postings = np.array(data.draw(st.lists(st.lists(st.sampled_from([0.0, 1.0, 2.0]), min_size=cols, max_size=cols),
                                           min_size=inner, max_size=inner)))
    matrix, kept = sparse.csr_matrix(weights), sparse.csr_matrix(postings)
    present = kept.copy()
    present.data = np.ones_like(present.data)
    text = (matrix @ kept).tocsr()
    shared = (matrix.multiply(matrix).tocsr() @ present).tocsr()
    got = similarity._aligned(shared, text)
    row = np.repeat(np.arange(rows), np.diff(text.indptr))
    want = ((weights * weights) @ (postings != 0))[row, text.indices]
    assert np.allclose(got, want, rtol=1e-12, atol=0) and ((got == 0) == (want == 0)).all()


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_shared_features_are_ordered_by_product_then_text_then_id(data):
    """A link's reasons are read from the features its two measures share, weightiest first; all
    links' shared features are found and ordered in one sparse product and one sort. Ground truth:
    per pair, the intersection of two rows' features sorted as (-product, text, id) in Python.
    Equal products and equal texts are common in the drawn matrices."""
    rows, cols = data.draw(st.integers(1, 6)), data.draw(st.integers(1, 7))
    weights = np.array(data.draw(st.lists(st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0, 2.0]), min_size=cols, max_size=cols),
                                          min_size=rows, max_size=rows)))
    features = tuple(data.draw(st.lists(st.sampled_from(["充电", "充电桩", "光伏", "≈秸秆"]), min_size=cols, max_size=cols)))
    vectors = similarity.Vectors(sparse.csr_matrix(weights), features, tuple({} for _ in range(rows)))
    pairs = data.draw(st.lists(st.tuples(st.integers(0, rows - 1), st.integers(0, rows - 1)), max_size=8))
    want = [[f for _, _, f in sorted((-weights[i, f] * weights[j, f], features[f], f)
                                     for f in range(cols) if weights[i, f] and weights[j, f])] for i, j in pairs]
    assert list(similarity.shared_features(vectors, pairs)) == want


def test_an_indicator_row_kept_as_a_task_is_not_a_measure_to_borrow(real_index):
    """铜梁's task table opens with its 2025 indicators (河库自然岸线保有率达到80%): rows whose text is
    their target and nothing else. 可借鉴措施 lists none of them (their targets are compared by metric);
    a task that says more than its target, a project and a pilot stay."""
    by_id = {(m.document.id, m.measure.id): m.measure for m in real_index.measures}
    indicators = [("tongliang-2021-climate-plan", f"task-{n}") for n in range(1, 13)]
    kept = [("tongliang-2021-climate-plan", "project-5"), ("tongliang-2021-climate-plan", "project-32"),
            ("tongliang-2021-climate-plan", "task-135"), ("tongliang-2021-climate-plan", "task-70"),
            ("qianjiang-2022-24", "task-10")]
    assert not any(is_borrowable(by_id[key]) for key in indicators)
    assert all(is_borrowable(by_id[key]) for key in kept)
    listed = {(dm.measure.document.id, dm.measure.measure.id) for b in real_index.borrowable.values()
              for bt in b.by_theme for dm in bt.examples}
    assert not listed & set(indicators), sorted(listed & set(indicators))
