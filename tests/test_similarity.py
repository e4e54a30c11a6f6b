"""Similar measures in other districts.

Ground truth here is computed independently of generator.similarity: a dense numpy computation over
all pairs for the neighbour search, the data's own `implements:` fields for source passages, and two
hand-labelled sets for quality (tests/similarity_gold.yaml for tuning, tests/similarity_heldout.yaml
held out: labelled before the output for its anchors was looked at).
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from scipy import sparse

from generator import similarity
from generator.evaluate import HELDOUT_SET, TUNING_SET, evaluate, lacks_score, load_labels
from generator.index import Similarity
from generator.terms import STOP_WORDS, wording_groups

ROOT = Path(__file__).resolve().parent.parent


def labels(path: Path) -> list[dict]:
    return load_labels(ROOT / path)


def passage_from_data(index, key: str) -> str:
    """A row's passage is the first main-text measure its `implements:` names; otherwise itself."""
    me = index.measure(key)
    implements = me.measure.implements
    return f"{me.document.id}/{implements[0]}" if implements else key


# ---------------------------------------------------------------- the labelled sets

@pytest.mark.parametrize("path", [TUNING_SET, HELDOUT_SET])
def test_labelled_sets_refer_to_real_measures_in_other_districts(real_index, path):
    for item in labels(path):
        anchor = real_index.measure(item["anchor"])
        for entry in item["equivalent"]:
            for key in [entry] if isinstance(entry, str) else entry:
                assert real_index.measure(key).district.slug != anchor.district.slug, (item["anchor"], key)


def test_heldout_set_is_separate_and_covers_every_district(real_index):
    heldout = labels(HELDOUT_SET)
    assert len(heldout) >= 30
    assert {real_index.measure(i["anchor"]).district.slug for i in heldout} == {d.slug for d in real_index.districts}
    assert not {i["anchor"] for i in heldout} & {i["anchor"] for i in labels(TUNING_SET)}


# ---------------------------------------------------------------- what every link list promises

def test_links_point_to_other_districts_one_per_passage_with_reasons(real_index):
    for me in real_index.measures:
        sims = real_index.similar[me.key]
        assert len(sims) <= similarity.TOP_N
        assert [s.score for s in sims] == sorted((s.score for s in sims), reverse=True)
        others = [real_index.measure(s.other) for s in sims]
        assert all(o.district.slug != me.district.slug for o in others), me.key
        passages = [passage_from_data(real_index, o.key) for o in others]
        assert len(passages) == len(set(passages)), (me.key, [s.other for s in sims])
        for s in sims:
            assert s.shared_terms or s.shared_themes


def test_several_districts_before_several_items_of_one(real_index, vectors_and_docs):
    """A district is listed twice only when every other district with a confident link among the
    CANDIDATES best pairs is listed too (pairs ranked here over all pairs by brute force, coverage
    written out from the dense rows)."""
    vectors, _ = vectors_and_docs
    dense = vectors.matrix.toarray()
    text = dense @ dense.T
    squared = dense * dense
    coverage = (squared @ (dense != 0).T) / np.maximum(squared.sum(axis=1), 1e-300)[:, None]
    shared = shared_words(real_index, dense, list(vectors.features))
    best = brute_force(real_index, dense, similarity.CANDIDATES)
    checked = 0
    for i, me in enumerate(real_index.measures):
        listed = Counter(real_index.measure(s.other).district.slug for s in real_index.similar[me.key])
        if not listed or max(listed.values()) == 1:
            continue
        checked += 1
        for j, score in best[i]:
            other = real_index.measures[j]
            if other.district.slug in listed:
                continue
            confident = (text[i, j] >= similarity.MIN_TEXT_SCORE and score >= similarity.MIN_SCORE
                         and coverage[i, j] >= similarity.MIN_COVERAGE and shared[i, j] >= similarity.MIN_SHARED)
            assert not confident, (me.key, other.key)
    assert checked > 0


def test_reasons_are_meaningful_words(real_index):
    names = {d.name for d in real_index.districts} | {d.name[:-1] for d in real_index.districts}
    names |= {"成渝", "川渝", "双城经济圈", "渝东南", "主城都市区"}  # regions say where, not what
    for sims in real_index.similar.values():
        for s in sims:
            for reason in s.shared_terms:
                for word in reason.split("／"):
                    assert word not in STOP_WORDS and word not in names, reason
                    assert word not in {"继续", "进一步", "切实", "坚决"}, reason
            said = [w for r in s.shared_terms for w in r.split("／")]
            assert not any(a != b and a in b for a in said for b in said), s.shared_terms  # 换电 beside 充电、换电


def test_segmenters_cut_alike_whichever_is_made_first():
    """The first segmenter adopts the one rjieba made at import (terms._new_jieba); the words one adds
    stay its own: a later segmenter, made new, cuts as it would have."""
    from generator.terms import Segmenter

    text = "加快建设充电桩和换电站，推广分布式光伏与碳惠通"
    plain, with_terms, plain_again = Segmenter(()), Segmenter(("换电站", "分布式光伏")), Segmenter(())
    assert plain.lcut(text) == plain_again.lcut(text) != with_terms.lcut(text)
    assert "分布式光伏" in with_terms.lcut(text) and "分布式光伏" not in plain_again.lcut(text)


def test_synonyms_become_one_feature():
    pattern, feature_of = similarity.synonym_pattern([["充电桩", "充电站", "充电基础设施"], ["光伏", "太阳能发电"]])
    from generator.terms import tokenizer

    tk = tokenizer(())
    a = similarity.tokens("建设充电桩和屋顶光伏", tk, pattern, feature_of, frozenset())
    b = similarity.tokens("建设城区公共充电站，推广太阳能发电", tk, pattern, feature_of, frozenset())
    assert {f for f, _ in a if f.startswith("≈")} == {f for f, _ in b if f.startswith("≈")} == {"≈充电桩", "≈光伏"}
    assert ("≈充电桩", "充电站") in b  # the printed word is kept for the reasons


def test_a_group_feature_keeps_the_words_it_covers():
    """碳排放权交易 is a wording of the carbon-trading group; a text that names 碳排放权 alone must still
    share that word with it (the group feature is added beside the words, not instead of them)."""
    from generator.terms import tokenizer

    pattern, feature_of = similarity.synonym_pattern([["碳交易", "碳市场", "碳排放权交易"]])
    tk = tokenizer(())
    a = {f for f, _ in similarity.tokens("积极参与重庆市碳排放权交易", tk, pattern, feature_of, frozenset())}
    b = {f for f, _ in similarity.tokens("融入排污权、碳排放权等环境权益类市场", tk, pattern, feature_of, frozenset())}
    assert "≈碳交易" in a and "碳排放权" in a & b


def test_every_wording_of_a_group_links_measures_that_share_nothing_else(real_index, vectors_and_docs):
    """Synonym pairs produce a match: for each reviewed group and each metric with printed variants,
    two made-up texts added to the corpus, one per wording, padded with characters no other text has,
    score above zero with the two wordings as the reason."""
    from generator.terms import registry_terms, tokenizer, wording_groups

    _, docs = vectors_and_docs
    groups = wording_groups(real_index.metrics, real_index.synonyms)
    assert {tuple(g.terms) for g in real_index.synonyms} <= set(groups)
    assert any(m.name in g for m in real_index.metrics for g in groups)
    tk = tokenizer(registry_terms(real_index.departments, real_index.metrics, real_index.themes))
    pattern, feature_of = similarity.synonym_pattern(groups)
    checked = 0
    for group in groups:
        first, other = group[0], group[-1]
        if first in other or other in first:
            continue  # one wording contains the other: the plain words match them already
        pair = [similarity.tokens(f"甲乙丙{first}", tk, pattern, feature_of, frozenset()),
                similarity.tokens(f"丁戊己{other}", tk, pattern, feature_of, frozenset())]
        vectors = similarity.vectorize([*docs, *pair])
        n = len(docs)
        assert vectors.matrix[n].multiply(vectors.matrix[n + 1]).sum() > 0, group
        assert f"{first}／{other}" in similarity.reasons(vectors, n, n + 1, next(similarity.shared_features(vectors, [(n, n + 1)]))), group
        checked += 1
    assert checked >= 10


# ---------------------------------------------------------------- the neighbour search against brute force

def dense_tfidf(docs: list[list[tuple[str, str]]]) -> tuple[np.ndarray, list[str]]:
    """TF-IDF rows written out plainly, following the documented recipe, for comparison."""
    vocab = sorted({f for d in docs for f, _ in d})
    col = {f: j for j, f in enumerate(vocab)}
    n = len(docs)
    tf = np.zeros((n, len(vocab)))
    for i, d in enumerate(docs):
        for f, _ in d:
            tf[i, col[f]] += 1
    df = (tf > 0).sum(axis=0)
    idf = np.array([math.log((n + 1) / (x + 0.5)) for x in df])
    idf[(df > max(similarity.MIN_DF_CAP, similarity.MAX_DF_SHARE * n)) | (df < similarity.MIN_DF)] = 0
    w = np.where(tf > 0, 1 + np.log(np.maximum(tf, 1)), 0) * idf
    norm = np.sqrt((w * w).sum(axis=1))
    norm[norm == 0] = 1
    slope = similarity.PIVOT_SLOPE
    return w / ((1 - slope) * norm.mean() + slope * norm)[:, None], vocab


def shared_words(index, rows: np.ndarray, features: list[str]) -> np.ndarray:
    """Pairs × how many words two rows share, a wording of a synonym or metric group and the group's
    feature (tokens adds both) being one word: each feature read as the group it is a wording of."""
    _, feature_of = similarity.synonym_pattern(wording_groups(index.metrics, index.synonyms))
    word = [feature_of.get(f, f) for f in features]
    names = sorted(set(word))
    has = np.zeros((rows.shape[0], len(names)))
    for j, w in enumerate(word):
        has[:, names.index(w)] = np.maximum(has[:, names.index(w)], rows[:, j] != 0)
    return has @ has.T


def brute_force(real_index, rows: np.ndarray, k: int):
    measures = real_index.measures
    text = rows @ rows.T
    themes = [{t.slug for t in m.themes} for m in measures]
    district = [m.district.slug for m in measures]
    out = []
    for i in range(len(measures)):
        scored = []
        for j in np.flatnonzero(text[i] > 0):
            if district[j] == district[i]:
                continue
            union = themes[i] | themes[j]
            jaccard = len(themes[i] & themes[j]) / len(union) if union else 0.0
            scored.append((-(text[i, j] + similarity.THEME_WEIGHT * jaccard), int(j)))
        scored.sort()
        out.append([(j, -s) for s, j in scored[:k]])
    return out


@pytest.fixture(scope="module")
def vectors_and_docs(real_index):
    from generator.terms import registry_terms, tokenizer, wording_groups

    tk = tokenizer(registry_terms(real_index.departments, real_index.metrics, real_index.themes))
    pattern, feature_of = similarity.synonym_pattern(wording_groups(real_index.metrics, real_index.synonyms))
    drop = similarity.district_words(real_index)
    docs = [similarity.tokens(m.full_text, tk, pattern, feature_of, drop) for m in real_index.measures]
    return similarity.vectorize(docs), docs


def search(real_index, vectors, cap: int):
    slugs = [m.district.slug for m in real_index.measures]
    ids = {s: i for i, s in enumerate(dict.fromkeys(slugs))}
    return similarity.nearest(vectors.matrix, np.array([ids[s] for s in slugs]),
                              similarity.theme_masks(real_index.measures, real_index.themes),
                              k=similarity.CANDIDATES, cap=cap, block=100)


def test_tfidf_matrix_matches_a_plain_dense_computation(vectors_and_docs):
    vectors, docs = vectors_and_docs
    dense, vocab = dense_tfidf(docs)
    order = [vocab.index(f) for f in vectors.features]
    assert np.allclose(vectors.matrix.toarray(), dense[:, order])


@pytest.mark.parametrize("theme_table", [True, False], ids=["theme-bonus-table", "theme-bonus-per-pair"])
def test_top_k_equals_brute_force_over_all_pairs(real_index, vectors_and_docs, monkeypatch, theme_table):
    if not theme_table:  # a corpus with more distinct theme sets than the table is made for
        monkeypatch.setattr(similarity, "MAX_THEME_SETS", 0)
    vectors, _ = vectors_and_docs
    dense = vectors.matrix.toarray()
    expected = brute_force(real_index, dense, similarity.CANDIDATES)
    found = search(real_index, vectors, cap=similarity.POSTINGS_CAP)
    for i, want in enumerate(expected):
        got = [(int(j), float(s)) for j, s in zip(found.index[i], found.score[i], strict=True) if j >= 0]
        assert [j for j, _ in got] == [j for j, _ in want], real_index.measures[i].key
        assert np.allclose([s for _, s in got], [s for _, s in want])


def test_truncated_postings_still_score_every_listed_pair_exactly(real_index, vectors_and_docs):
    """With postings cut to 5 per word (as at 50× scale), candidates may be missed, but every listed
    pair is in another district and carries its exact score, best first."""
    vectors, _ = vectors_and_docs
    dense = vectors.matrix.toarray()
    found = search(real_index, vectors, cap=5)
    exact = brute_force(real_index, dense, similarity.CANDIDATES)
    misses = 0
    for i, m in enumerate(real_index.measures):
        listed = [(int(j), float(s)) for j, s in zip(found.index[i], found.score[i], strict=True) if j >= 0]
        assert [s for _, s in listed] == sorted((s for _, s in listed), reverse=True)
        for j, s in listed:
            assert real_index.measures[j].district.slug != m.district.slug
            union = {t.slug for t in m.themes} | {t.slug for t in real_index.measures[j].themes}
            jac = len({t.slug for t in m.themes} & {t.slug for t in real_index.measures[j].themes}) / len(union)
            assert s == pytest.approx(dense[i] @ dense[j] + similarity.THEME_WEIGHT * jac)
        misses += [j for j, _ in listed] != [j for j, _ in exact[i]]
    assert misses > 0  # the cut is real here, so this test exercises the exact rescoring


# ---------------------------------------------------------------- the cut-off rule on a tiny corpus

def tiny_links(rows: list[list[float]]) -> list[int]:
    """Links chosen for row 0 of a hand-made weight matrix, each row in a district of its own."""
    matrix = sparse.csr_matrix(np.array(rows))
    n = len(rows)
    found = similarity.nearest(matrix, np.arange(n), np.zeros(n, dtype=np.uint64))
    candidates = [(int(j), float(s), float(t), float(c), int(f))
                  for j, s, t, c, f in zip(found.index[0], found.score[0], found.text[0], found.coverage[0], found.shared[0],
                                           strict=True) if j >= 0]
    return [j for j, _ in similarity.choose(candidates, [str(k) for k in range(n)], [str(k) for k in range(n)])]


def test_a_link_sharing_only_a_minor_word_of_the_anchor_is_dropped():
    """Anchor weights 0.6, 0.6, 0.5, 0.1 (squared: 0.36, 0.36, 0.25, 0.01; sum 0.98). Row 1 shares the
    first two words (coverage 0.72 / 0.98); row 2 shares only the minor fourth word, strongly enough to
    pass the score floor (text 0.1 × 2.0 = 0.2) but carrying 0.01 / 0.98 ≈ 1% of the anchor: dropped."""
    assert 0.01 / 0.98 < similarity.MIN_COVERAGE <= 0.72 / 0.98
    assert 0.2 >= similarity.MIN_SCORE
    anchor = [0.6, 0.6, 0.5, 0.1]
    assert tiny_links([anchor, [0.5, 0.5, 0, 0], [0, 0, 0, 2.0]]) == [1]


def test_a_link_sharing_a_real_part_of_the_anchor_is_kept():
    """The same row 2 sharing the third word as well: coverage 0.26 / 0.98 ≈ 27%, kept (after row 1,
    whose score is higher)."""
    assert 0.26 / 0.98 >= similarity.MIN_COVERAGE
    anchor = [0.6, 0.6, 0.5, 0.1]
    assert tiny_links([anchor, [0.5, 0.5, 0, 0], [0, 0, 0.3, 2.0]]) == [1, 2]


def test_a_link_resting_on_one_word_is_dropped_however_strong():
    """Row 2 shares only the anchor's third word, weighted heavily (text 0.5 × 2.0 = 1.0, coverage
    0.25 / 0.97 ≈ 26%): it passes the score floor and the coverage rule, but one shared word is not a
    reason to call two measures alike (黔江 task-63 and 铜梁 project-22 shared only 燃气)."""
    assert 0.25 / 0.97 >= similarity.MIN_COVERAGE and 1.0 >= similarity.MIN_SCORE
    assert similarity.MIN_SHARED == 2
    anchor = [0.6, 0.6, 0.5]
    assert tiny_links([anchor, [0.5, 0.5, 0], [0, 0, 2.0]]) == [1]


def test_a_wording_and_its_groups_feature_are_one_word():
    """公交 in a text gives the feature 公交 and its group's (≈公共交通): sharing only that is
    sharing one word, so no link (the reviewer found five such links); sharing 公交 and 光伏 is two."""
    features = ["公交", "≈公共交通", "光伏", "储能"]
    words = similarity.word_ids(features, {"公交": "≈公共交通", "公共交通": "≈公共交通"})
    assert words.tolist() == [0, 0, 1, 2]
    anchor = [0.5, 0.5, 0.5, 0.5]
    rows = [anchor, [0.6, 0.6, 0, 0], [0.5, 0.5, 0.5, 0]]
    matrix = sparse.csr_matrix(np.array(rows))
    found = similarity.nearest(matrix, np.arange(3), np.zeros(3, dtype=np.uint64), words=words)
    shared = dict(zip(found.index[0].tolist(), found.shared[0].tolist(), strict=True))
    assert shared[1] == 1 and shared[2] == 2
    candidates = [(int(j), float(s), float(t), float(c), int(f))
                  for j, s, t, c, f in zip(found.index[0], found.score[0], found.text[0], found.coverage[0], found.shared[0],
                                           strict=True) if j >= 0]
    assert [j for j, _ in similarity.choose(candidates, ["0", "1", "2"], ["0", "1", "2"])] == [2]


def test_links_below_the_score_floor_are_dropped_whatever_they_cover():
    """Row 1 shares all of the anchor's words (coverage 1) but scores 0.1 < MIN_SCORE: no link at all."""
    assert 0.1 < similarity.MIN_SCORE
    assert tiny_links([[1.0, 0, 0], [0.1, 0, 0]]) == []


# ---------------------------------------------------------------- quality an official would notice

def test_the_issues_distributed_pv_case(real_index):
    """Issue 10: 永川 (七) listed 4 of 5 coal measures, 3 of them one 铜梁 passage, and missed 黔江 12
    (农村分布式光伏) and 江津 (四). Both must be listed now."""
    shown = [s.other for s in real_index.similar["yongchuan-2022-112/m7"]]
    assert "qianjiang-2022-24/m12" in shown
    assert "jiangjin-2022-57/m4" in shown
    tongliang = [passage_from_data(real_index, k) for k in shown if k.startswith("tongliang")]
    assert len(tongliang) == len(set(tongliang))


def test_a_user_tests_one_word_links_are_gone(real_index):
    """A user test found 黔江 task-63 (新增热电联产，优先支持燃气机组) linked to 铜梁 project-22
    (refuse treatment) on 燃气 alone. A link now needs two shared words; that one is gone."""
    assert "tongliang-2021-climate-plan/project-22" not in [s.other for s in real_index.similar["qianjiang-2022-24/task-63"]]


def test_charging_measures_find_each_other_across_wordings(real_index):
    """江津 writes 充电桩, 黔江 充电站 / 充电基础设施, 永川 充电、换电: the synonym registry joins them."""
    shown = [s.other for s in real_index.similar["jiangjin-2022-57/m10"]]
    assert "qianjiang-2022-24/m14" in shown
    assert "yongchuan-2022-112/m8" in shown


def test_heldout_success_at_5(real_index):
    """Product floor, not today's score: for at least 4 anchors in 5 an official finds one labelled
    equivalent among the links shown. (Measured on 2026-12-05 with the confident-links rule: success@5
    0.886, precision@5 0.391, recall@5 0.675 on the held-out set, printed by `python -m generator
    evaluate --set held-out`; bench/similarity.md.)"""
    score = evaluate(real_index, labels(HELDOUT_SET))
    assert score.success_at_5 >= 0.8


def test_evaluate_counts_passages_once():
    """precision per shown link; recall per labelled passage, a row and its paragraph counting once."""
    row = SimpleNamespace(key="b/m1")
    index = SimpleNamespace(
        similar={"a/m1": (Similarity("b/t1", 0.9, (), ()), Similarity("b/m1", 0.8, (), ()),
                          Similarity("c/m9", 0.5, (), ()))},
        relations=SimpleNamespace(implements={"b/t1": (row,)}),
    )
    gold = [{"anchor": "a/m1", "equivalent": ["b/m1", "b/t1", "c/m2"]}]
    score = evaluate(index, gold)  # type: ignore[arg-type]
    assert score.gold_passages == 2  # b/m1 and b/t1 are one passage by the data's implements link
    assert score.precision_at_5 == pytest.approx(2 / 3)
    assert score.recall_at_5 == pytest.approx(1 / 2)
    assert score.success_at_5 == 1.0
    assert score.shown_per_anchor == 3
    assert score.slot_precision_at_5 == pytest.approx(2 / 5)  # two labelled ids among 5 slots
    assert score.slot_precision_ceiling == pytest.approx(2 / 5)  # two passages can fill 2 of 5 slots
    assert score.shown_precision_ceiling == pytest.approx(2 / 3)  # 3 links shown, 2 passages to show


def test_the_lacks_verdict_is_scored_per_anchor_and_district():
    """Four districts. The anchor (district a) has labelled equivalents in b and c, none in d. The site
    finds a counterpart in b only: it says c and d lack one, and only d truly does. Precision 1/2 (c is
    wrong), recall 1/1, from the labels alone."""
    districts = [SimpleNamespace(slug=s) for s in "abcd"]
    anchor = SimpleNamespace(key="a/m1", district=districts[0])
    others = {k: SimpleNamespace(key=k, district=next(d for d in districts if d.slug == k[0])) for k in ("b/m1", "c/m2")}
    distinct = SimpleNamespace(key="a/m1")
    index = SimpleNamespace(
        districts=districts, measure={"a/m1": anchor, **others}.__getitem__,
        relations=SimpleNamespace(implements={}, distinct_of={"a/m1": (distinct,)}),
        distinct_counterparts={"a/m1": frozenset({"b"})},
    )
    score = lacks_score(index, [{"anchor": "a/m1", "equivalent": ["b/m1", "c/m2"]}])  # type: ignore[arg-type]
    assert (score.lacking, score.precision, score.recall) == (1, 0.5, 1.0)
    assert score.f1 == pytest.approx(2 / 3)


def test_measures_json_carries_ids_and_similar_lists(real_index):
    import json

    from generator.opendata.output import files

    table = json.loads(dict(files(real_index))["data/v1/measures.json"])
    records = [dict(zip(table["columns"], row, strict=True)) for row in table["data"]]
    assert len(records) == len(real_index.measures)
    ids = {r["id"] for r in records}
    for r in records:
        similar = (r["similar"] or "").split()
        assert similar == [s.other for s in real_index.similar[r["id"]]]
        assert set(similar) <= ids


def test_labelled_set_files_parse_as_documented():
    for path in (TUNING_SET, HELDOUT_SET):
        data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
        for item in data["anchors"]:
            assert item["topic"] and item["why"] and item["equivalent"]
