"""What a researcher needs from the downloads beyond the rows themselves: every reading's note and
doubt, counts that reproduce the site's, scopes whose tables agree with each other, the documents,
lists that split cleanly and a data package that uses the spec's own keys."""
from __future__ import annotations

import csv
import io
import json

import pytest

from generator.model import Reading
from generator.pages.downloads import files

V1 = "data/v1"


@pytest.fixture(scope="module")
def downloads(real_index) -> dict[str, bytes]:
    return dict(files(real_index))


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def table(downloads, path: str) -> list[dict]:
    """A JSON download's rows as dicts (values typed, unlike CSV)."""
    data = json.loads(downloads[path])
    return [dict(zip(data["columns"], row, strict=True)) for row in data["data"]]


# ------------------------------------------------------------------ 1. readings keep their note and doubt


def expected_reading(quote) -> tuple[str | None, bool]:
    return (quote.note or None, quote.uncertain) if isinstance(quote, Reading) else (None, False)


def test_every_reading_keeps_its_note_and_whether_it_is_uncertain(downloads, real_index):
    measures = {r["id"]: r for r in table(downloads, f"{V1}/measures.json")}
    targets = {r["id"]: r for r in table(downloads, f"{V1}/targets.json")}
    units = {(r["measure"], r["role"], r["position"]): r for r in table(downloads, f"{V1}/units.json")}
    uncertain = 0
    for me in real_index.measures:
        row = measures[me.key]
        for prefix, quote in (("title", me.measure.title), ("text", me.measure.text)):
            assert (row[f"{prefix}_reading_note"], row[f"{prefix}_reading_uncertain"]) == expected_reading(quote), me.key
            uncertain += row[f"{prefix}_reading_uncertain"]
        for n, te in enumerate(me.measure.targets, start=1):
            t = targets[f"{me.key}/t{n}"]
            assert (t["clause_reading_note"], t["clause_reading_uncertain"]) == expected_reading(te.clause)
            assert t["uncertain"] is te.uncertain  # the value's reading: a flag of its own
        positions: dict[str, int] = {}
        for u in me.units:
            positions[u.role] = positions.get(u.role, 0) + 1
            r = units[(me.key, u.role, positions[u.role])]
            assert (r["unit_reading_note"], r["unit_reading_uncertain"]) == expected_reading(u.quote)
    assert uncertain > 0
    # the cases the review named
    assert measures["qianjiang-2022-24/m10"]["text_reading_note"].startswith("「信,息」")
    assert targets["qianjiang-2022-24/task-60/t2"]["clause_reading_uncertain"] is True
    assert targets["qianjiang-2022-24/task-67/t2"]["clause_reading_uncertain"] is True
    flagged = {(r["measure"], r["unit_printed"]): r for r in units.values() if r["unit_reading_uncertain"]}
    assert flagged[("qianjiang-2022-24/task-79", "区所局")]["unit_reading"] == "区科技局"
    assert flagged[("qianjiang-2022-24/task-95", "区局")]["unit_reading"] == "区统计局"
