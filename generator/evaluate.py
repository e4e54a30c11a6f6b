"""Evaluate similar-measure links against the labelled gold sets in tests/similarity_gold.yaml."""
from __future__ import annotations

from dataclasses import dataclass

from generator.index import SiteIndex


@dataclass(frozen=True)
class SimilarityScore:
    anchors: int
    gold_pairs: int
    precision_at_5: float  # share of shown links that are labelled equivalents
    recall_at_5: float  # share of labelled equivalents shown (capped at 5 per anchor)
    success_at_5: float  # share of anchors with at least one labelled equivalent shown


def evaluate(index: SiteIndex, gold: list[dict]) -> SimilarityScore:
    hits = shown = wanted = succeeded = pairs = 0
    for item in gold:
        equivalent = set(item["equivalent"])
        top = [s.other for s in index.similar.get(item["anchor"], ())]
        found = len(equivalent.intersection(top))
        hits += found
        shown += len(top)
        wanted += min(len(equivalent), 5)
        succeeded += found > 0
        pairs += len(equivalent)
    return SimilarityScore(len(gold), pairs, hits / shown if shown else 0.0, hits / wanted, succeeded / len(gold))
