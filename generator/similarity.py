"""Similar measures in other districts: TF-IDF over domain-segmented words plus shared
themes, computed once at build time. Each link carries its reasons."""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from generator.index import MeasureEntry, SiteIndex, Similarity
from generator.terms import registry_terms, tokenizer, words

TOP_N = 5
MIN_SCORE = 0.12
THEME_WEIGHT = 0.15
NEAR_DUPLICATE = 0.6


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _vectors(measures: tuple[MeasureEntry, ...], tk) -> list[dict[str, float]]:
    docs = [Counter(words(m.full_text, tk)) for m in measures]
    df = Counter(term for d in docs for term in d)
    n = len(docs)
    vectors = []
    for d in docs:
        vec = {t: (1 + math.log(c)) * math.log((n + 1) / (df[t] + 0.5)) for t, c in d.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def similar_measures(index: SiteIndex) -> dict[str, tuple[Similarity, ...]]:
    measures = index.measures
    tk = tokenizer(registry_terms(index.departments, index.metrics, index.themes))
    vectors = _vectors(measures, tk)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vectors):
        for term in vec:
            postings[term].append(i)
    out: dict[str, tuple[Similarity, ...]] = {}
    for i, me in enumerate(measures):
        scores: dict[int, float] = defaultdict(float)
        for term, weight in vectors[i].items():
            for j in postings[term]:
                if measures[j].district.slug != me.district.slug:
                    scores[j] += weight * vectors[j][term]
        mine = {t.slug for t in me.themes}
        ranked = []
        for j, cosine in scores.items():
            theirs = {t.slug for t in measures[j].themes}
            jaccard = len(mine & theirs) / len(mine | theirs)
            score = cosine + THEME_WEIGHT * jaccard
            if score >= MIN_SCORE and cosine > 0.05:
                ranked.append((-score, measures[j].key, j))
        ranked.sort()
        sims, chosen = [], []
        for neg, key, j in ranked:
            if len(sims) == TOP_N:
                break
            # a table row that restates a paragraph of the same document adds nothing: keep the better one
            if any(measures[k].document.id == measures[j].document.id and _cosine(vectors[k], vectors[j]) > NEAR_DUPLICATE
                   for k in chosen):
                continue
            chosen.append(j)
            shared = sorted(vectors[i].keys() & vectors[j].keys(), key=lambda t: (-vectors[i][t] * vectors[j][t], t))
            themes = tuple(t.name for t in me.themes if t in measures[j].themes)
            sims.append(Similarity(key, round(-neg, 4), themes, tuple(shared[:4])))
        out[me.key] = tuple(sims)
    return out
