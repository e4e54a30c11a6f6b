"""Evaluate similar-measure links against hand-labelled sets: tests/similarity_gold.yaml (used for
tuning) and tests/similarity_heldout.yaml (labelled before looking at the output, never tuned on).

A labelled anchor lists its equivalents as source passages: a measure id, or a list of ids that are
one passage (a paragraph and the table rows restating it). The site shows one item per passage, so
a passage is found when any of its ids is shown, and each passage is wanted once.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.index import SiteIndex

K = 5
TUNING_SET = Path("tests/similarity_gold.yaml")
HELDOUT_SET = Path("tests/similarity_heldout.yaml")


@dataclass(frozen=True)
class SimilarityScore:
    anchors: int
    gold_passages: int
    precision_at_5: float  # share of shown links that are labelled equivalents
    recall_at_5: float  # share of labelled passages shown (at most 5 wanted per anchor)
    success_at_5: float  # share of anchors with at least one labelled equivalent shown
    shown_per_anchor: float = 0.0  # links shown per anchor (at most 5)
    slot_precision_at_5: float = 0.0  # labelled equivalents shown / (5 × anchors): the textbook P@5
    slot_precision_ceiling: float = 0.0  # the best slot P@5 the labels allow: min(passages, 5) / 5 per anchor
    shown_precision_ceiling: float = 0.0  # the best precision@5 with as many links shown as now: Σ min(shown, passages) / Σ shown
    # precision per shown link and recall@5 can both reach 1.0: show exactly the labelled passages
    # (at most 5); so their ceilings are 1.0 by construction and are not stored.


@dataclass(frozen=True)
class LacksScore:
    """The district-level verdict "this district lacks an equivalent of the anchor" (no counterpart of
    its distinct measure there: SiteIndex.distinct_counterparts, as SiteIndex.lacks reads it), scored for each anchor and each other district
    against the labels, which list every equivalent in every other district. A labelled district
    without any equivalent is one the district truly lacks."""

    lacking: int  # (anchor, district) pairs whose district has no labelled equivalent
    precision: float  # of the pairs said to lack one, the share that do
    recall: float  # of the pairs that lack one, the share said to

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / (self.precision + self.recall) if self.precision + self.recall else 0.0


def lacks_score(index: SiteIndex, gold: list[dict]) -> LacksScore:
    said = right = lacking = 0
    for item in gold:
        anchor = index.measure(item["anchor"])
        distinct = index.relations.distinct_of[anchor.key][0]
        have = {index.measure(key).district.slug for key in frozenset().union(*passages_of(item))}
        for district in index.districts:
            if district.slug == anchor.district.slug:
                continue
            truly = district.slug not in have
            says = district.slug not in index.distinct_counterparts.get(distinct.key, ())
            lacking += truly
            said += says
            right += truly and says
    return LacksScore(lacking, right / said if said else 0.0, right / lacking if lacking else 0.0)


def load_labels(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["anchors"]


def passages_of(item: dict, index: SiteIndex | None = None) -> list[frozenset[str]]:
    """The labelled passages of one anchor, each a set of measure ids. With an index, labelled
    passages that the data's ``implements`` links join (a row and the paragraph it carries out)
    are merged into one, as the site shows them once."""
    groups = [set([entry] if isinstance(entry, str) else entry) for entry in item["equivalent"]]
    if index is None:
        return [frozenset(g) for g in groups]

    def root(key: str) -> str:
        implemented = index.relations.implements.get(key, ())
        return implemented[0].key if implemented else key

    merged: list[tuple[set[str], set[str]]] = []  # (ids, their passage roots)
    for group in groups:
        roots = {root(k) for k in group}
        joined = [m for m in merged if m[1] & roots]
        for m in joined:
            merged.remove(m)
            group |= m[0]
            roots |= m[1]
        merged.append((group, roots))
    return [frozenset(ids) for ids, _ in merged]


def evaluate(index: SiteIndex, gold: list[dict]) -> SimilarityScore:
    hits = shown = wanted = found = succeeded = total = fillable = 0
    for item in gold:  # wanted doubles as the ceiling's numerator: min(passages, 5) per anchor
        passages = passages_of(item, index)
        relevant = frozenset().union(*passages)
        top = [s.other for s in index.similar.get(item["anchor"], ())][:K]
        hits += sum(1 for key in top if key in relevant)
        shown += len(top)
        fillable += min(len(top), len(passages))
        reached = sum(1 for p in passages if p.intersection(top))
        found += reached
        wanted += min(len(passages), K)
        succeeded += reached > 0
        total += len(passages)
    slots = K * len(gold)
    return SimilarityScore(
        len(gold), total, hits / shown if shown else 0.0, found / wanted if wanted else 0.0,
        succeeded / len(gold) if gold else 0.0,
        shown / len(gold) if gold else 0.0, hits / slots if slots else 0.0, wanted / slots if slots else 0.0,
        fillable / shown if shown else 0.0,
    )


def report(name: str, score: SimilarityScore, lacks: LacksScore | None = None) -> str:
    """A line in Chinese, and one on the verdict 可借鉴措施 and the compare view's gap filter rest on;
    the measures keep their usual names (precision@5 …)."""
    return (f"{name}：{score.anchors} 个锚点，{score.gold_passages} 段标注的等同措施，"
            f"每个锚点平均显示 {score.shown_per_anchor:.2f} 条链接：\n"
            f"  precision@5 {score.precision_at_5:.3f}（显示同样多链接时的上限 {score.shown_precision_ceiling:.3f}），"
            f"recall@5 {score.recall_at_5:.3f}，success@5 {score.success_at_5:.3f}；"
            f"按 5 个位置计的精确率 {score.slot_precision_at_5:.3f}（上限 {score.slot_precision_ceiling:.3f}）"
            + (f"\n  “某区县没有相似措施”的判断（可借鉴措施、区县对比的筛选）：{lacks.lacking} 对锚点与区县确实没有，"
               f"precision {lacks.precision:.3f}，recall {lacks.recall:.3f}，F1 {lacks.f1:.3f}"
               if lacks else ""))
