"""Similar measures in other districts, evaluated on hand-labelled gold sets (tests/similarity_gold.yaml).

Measured on 2026-11-22 (40 anchors, 209 gold pairs): precision@5 0.51, recall@5 0.60, success@5 0.95.
The test fails below those figures (rounded down)."""
from pathlib import Path

import yaml

from generator.evaluate import evaluate

GOLD = Path(__file__).resolve().parent / "similarity_gold.yaml"


def gold():
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))["anchors"]


def test_gold_set_refers_to_real_measures_in_other_districts(real_index):
    for item in gold():
        anchor = real_index.measure(item["anchor"])
        for key in item["equivalent"]:
            assert real_index.measure(key).district.slug != anchor.district.slug


def test_similar_links_only_point_to_other_districts_with_reasons(real_index):
    for me in real_index.measures:
        sims = real_index.similar[me.key]
        assert len(sims) <= 5
        assert [s.score for s in sims] == sorted((s.score for s in sims), reverse=True)
        for s in sims:
            assert real_index.measure(s.other).district.slug != me.district.slug
            assert s.shared_terms or s.shared_themes


def test_quality_on_the_gold_set(real_index):
    score = evaluate(real_index, gold())
    assert score.anchors >= 30 and score.gold_pairs >= 150
    assert score.precision_at_5 >= 0.50
    assert score.recall_at_5 >= 0.58
    assert score.success_at_5 >= 0.92


def test_measures_json_carries_ids_and_similar_lists(real_index):
    import json

    from generator.pages.downloads import files

    records = json.loads(files(real_index)["data/v1/measures.json"])
    assert len(records) == len(real_index.measures)
    ids = {r["id"] for r in records}
    for r in records:
        similar = (r["similar"] or "").split()
        assert similar == [s.other for s in real_index.similar[r["id"]]]
        assert set(similar) <= ids
