"""Two rankings of similar-measure candidates tried on the TUNING set only (tests/similarity_gold.yaml);
the held-out set is not read. Prints the shipped rule's score, a grid over a blend with sentence-level
matching, and a logistic re-ranker cross-validated by anchor. Results: bench/similarity.md.

    PYTHONPATH=. .venv/bin/python bench/similarity_rerank.py
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

import generator.similarity as sim
from generator.checking import check_data
from generator.evaluate import TUNING_SET, SimilarityScore, evaluate, load_labels, passages_of
from generator.index import Similarity, build_index
from generator.terms import registry_terms, tokenizer, wording_groups

SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def f1(r: SimilarityScore) -> float:
    return 2 * r.precision_at_5 * r.recall_at_5 / (r.precision_at_5 + r.recall_at_5 + 1e-12)


def main() -> None:
    index = build_index(check_data(Path("site_data")))
    measures = index.measures
    n = len(measures)
    tk = tokenizer(registry_terms(index.departments, index.metrics, index.themes))
    pattern, feature_of = sim.synonym_pattern(wording_groups(index.metrics, index.synonyms))
    drop = sim.district_words(index)
    matrix = sim.measure_vectors(index).matrix
    text = (matrix @ matrix.T).toarray()
    squared, present, total = sim._weights(matrix)
    coverage = (squared @ present.T).toarray() / np.where(total > 0, total, 1)[:, None]
    shared = (present @ present.T).toarray().astype(np.int64)  # features each pair shares
    slugs = [m.district.slug for m in measures]
    other = np.array(slugs)[:, None] != np.array(slugs)[None, :]
    masks = sim.theme_masks(measures, index.themes)
    union = np.bitwise_count(masks[:, None] | masks[None, :]).astype(float)
    jaccard = np.divide(np.bitwise_count(masks[:, None] & masks[None, :]).astype(float), union,
                        out=np.zeros_like(union), where=union > 0)

    # sentence level: the best-matching pair of sentences of two measures (L2-normalised TF-IDF)
    sentences, owner = [], []
    for i, m in enumerate(measures):
        for part in SENTENCE_END.split(m.full_text):
            found = sim.tokens(part, tk, pattern, feature_of, drop)
            if len(found) >= 2:
                sentences.append(found)
                owner.append(i)
    rows = sim.vectorize(sentences).matrix
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    rows = sparse.diags(1 / np.where(norms > 0, norms, 1)) @ rows
    starts = np.r_[0, np.flatnonzero(np.diff(owner)) + 1]
    owners = np.array(owner)[starts]
    best_sentence = np.zeros((n, n))
    pair_max = np.maximum.reduceat(np.maximum.reduceat((rows @ rows.T).toarray(), starts, axis=0), starts, axis=1)
    best_sentence[np.ix_(owners, owners)] = pair_max

    gold = load_labels(TUNING_SET)
    position = {m.key: i for i, m in enumerate(measures)}
    passage_of = sim.passages(index)

    def candidates(i: int) -> np.ndarray:
        cand = np.flatnonzero(other[i] & (text[i] > 0))
        return cand[np.lexsort((cand, -(text[i, cand] + sim.THEME_WEIGHT * jaccard[i, cand])))][: sim.CANDIDATES]

    def score(chosen: dict[str, list[tuple[int, float]]]) -> SimilarityScore:
        similar = {a: tuple(Similarity(measures[j].key, s, (), ()) for j, s in links) for a, links in chosen.items()}
        return evaluate(SimpleNamespace(similar=similar, relations=index.relations), gold)

    def blend(a: float, b: float, floor: float, sentence_floor: float, min_coverage: float) -> SimilarityScore:
        combined = a * text + b * best_sentence + sim.THEME_WEIGHT * jaccard
        chosen = {}
        with mock.patch.object(sim, "MIN_SCORE", floor), mock.patch.object(sim, "MIN_COVERAGE", min_coverage):
            for item in gold:
                i = position[item["anchor"]]
                cand = np.flatnonzero(other[i] & (text[i] > 0))
                cand = cand[np.lexsort((cand, -combined[i, cand]))][: sim.CANDIDATES]
                kept = [(int(j), float(combined[i, j]), float(text[i, j]), float(coverage[i, j]), int(shared[i, j]))
                        for j in cand if best_sentence[i, j] >= sentence_floor]
                chosen[item["anchor"]] = sim.choose(kept, slugs, passage_of)
        return score(chosen)

    shipped = blend(1, 0, sim.MIN_SCORE, 0, sim.MIN_COVERAGE)
    print(f"shipped rule: P@5 {shipped.precision_at_5:.3f} R@5 {shipped.recall_at_5:.3f} F1 {f1(shipped):.3f}")
    grid = []
    for a, b in [(1, 0), (0.75, 0.25), (0.5, 0.5), (0.25, 0.75), (0, 1), (0.5, 0.25), (0.5, 0.75), (1, 0.5)]:
        for floor in (0.1, 0.15, 0.2, 0.25, 0.3):
            for sentence_floor in (0, 0.2, 0.3, 0.4, 0.5):
                for min_coverage in (0, 0.08, 0.15):
                    r = blend(a, b, floor, sentence_floor, min_coverage)
                    grid.append((f1(r), r.precision_at_5, r.recall_at_5, a, b, floor, sentence_floor, min_coverage))
    grid.sort(reverse=True)
    print(f"sentence blend: {len(grid)} rules; best five (F1, P@5, R@5, text weight, sentence weight, floor, sentence floor, coverage):")
    for row in grid[:5]:
        print("  " + "  ".join(f"{v:.3f}" for v in row))

    # logistic re-ranker over the top-20 candidates, 5 folds by anchor
    lengths = np.array([len(m.full_text) for m in measures], float)
    examples = []
    for item in gold:
        i = position[item["anchor"]]
        relevant = frozenset().union(*passages_of(item, index))
        for j in candidates(i):
            ratio = np.log(lengths[j] / lengths[i])
            features = [text[i, j], best_sentence[i, j], coverage[i, j], coverage[j, i], jaccard[i, j], ratio, abs(ratio), 1.0]
            examples.append((item["anchor"], int(j), features, measures[j].key in relevant))
    anchors = np.array([e[0] for e in examples])
    x = np.array([e[2] for e in examples])
    y = np.array([e[3] for e in examples], float)
    reachable = sum(1 for item in gold for p in passages_of(item, index)
                    if p & {measures[e[1]].key for e in examples if e[0] == item["anchor"]})
    print(f"labelled passages among the top-{sim.CANDIDATES} candidates: {reachable} of "
          f"{sum(len(passages_of(item, index)) for item in gold)}")

    def fit(xt: np.ndarray, yt: np.ndarray) -> np.ndarray:
        def loss(w: np.ndarray) -> float:
            p = 1 / (1 + np.exp(-(xt @ w)))
            return float(-np.sum(yt * np.log(p + 1e-12) + (1 - yt) * np.log(1 - p + 1e-12)) + np.sum(w[:-1] ** 2))
        return minimize(loss, np.zeros(xt.shape[1]), method="L-BFGS-B").x

    names = [item["anchor"] for item in gold]
    folds = [names[k::5] for k in range(5)]
    print("logistic re-ranker, cross-validated (probability floor: P@5 R@5 F1 links shown per anchor):")
    for floor in (0.3, 0.4, 0.5, 0.6):
        chosen = {}
        for fold in folds:
            w = fit(x[~np.isin(anchors, fold)], y[~np.isin(anchors, fold)])
            for name in fold:
                mine = np.flatnonzero(anchors == name)
                p = 1 / (1 + np.exp(-(x[mine] @ w)))
                ranked = sorted(((float(p[t]), examples[k][1]) for t, k in enumerate(mine)), key=lambda v: (-v[0], v[1]))
                with mock.patch.object(sim, "MIN_SCORE", 0.0), mock.patch.object(sim, "MIN_COVERAGE", 0.0), \
                        mock.patch.object(sim, "MIN_TEXT_SCORE", 0.0):
                    chosen[name] = sim.choose([(j, pp, 1.0, 1.0, int(shared[position[name], j])) for pp, j in ranked if pp >= floor],
                                             slugs, passage_of)
        r = score(chosen)
        print(f"  {floor:.1f}: {r.precision_at_5:.3f} {r.recall_at_5:.3f} {f1(r):.3f} {r.shown_per_anchor:.2f}")


if __name__ == "__main__":
    main()
