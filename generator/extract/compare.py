"""Compare a draft with the curated YAML of the same source (the answer key).

Per document: the share of curated items found (a draft item with nearly the same verbatim text),
of their lead/supporting/joint unit lists that are identical, of their targets found with the
right value and year, and how good the suggested themes are. A draft's theme list is `todo` and
then the suggestions (`[todo, energy]`: a guess the editor confirms); `todo` is the mark that the
list is unconfirmed, not a theme, so it is left out and the suggestions after it are scored: the
curated themes among them (recall) and the suggestions the editor kept (precision).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from generator.load import display_path
from generator.model import GAP, ROLES
from generator.yamlio import read_data

TODO_THEME = "todo"  # the mark opening a draft's theme list: not a theme, never scored

SAME_TEXT = 90  # rapidfuzz ratio of the squeezed texts: the same item, OCR gaps aside


@dataclass(frozen=True)
class Score:
    document: str
    items: int
    items_found: int
    unit_lists: int
    unit_lists_same: int
    targets: int
    targets_found: int
    themes: int = 0  # the curated themes of the items found
    themes_found: int = 0  # those the draft suggested
    themes_suggested: int = 0  # the draft's suggestions for those items (`todo` not counted)

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def row(self) -> str:
        return (f"| {self.document} | {self.items_found}/{self.items} ({self.share(self.items_found, self.items):.1%}) "
                f"| {self.unit_lists_same}/{self.unit_lists} ({self.share(self.unit_lists_same, self.unit_lists):.1%}) "
                f"| {self.targets_found}/{self.targets} ({self.share(self.targets_found, self.targets):.1%}) "
                f"| {self.themes_found}/{self.themes} ({self.share(self.themes_found, self.themes):.1%}) "
                f"| {self.themes_found}/{self.themes_suggested} "
                f"({self.share(self.themes_found, self.themes_suggested):.1%}) |")


def _printed(value) -> str:
    if isinstance(value, dict):
        return value.get("printed", "")
    return value or ""


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text.replace(GAP, ""))


def _units(measure: dict) -> tuple:
    r = measure.get("responsibility") or {}
    return tuple(tuple(_printed(u) for u in r.get(role, [])) for role in ROLES)


def _target_key(t: dict) -> tuple:
    value = t.get("value")
    return (str(float(value)) if value is not None else "市级下达", t.get("target_year"))


def compare(document: str, draft: dict, curated: dict) -> Score:
    drafted = draft["measures"]
    texts = [_squeeze(_printed(m.get("title")) + _printed(m["text"])) for m in drafted]
    bodies = [_squeeze(_printed(m["text"])) for m in drafted]
    items = found = lists = same = targets = targets_found = themes = themes_found = suggested = 0
    used: set[int] = set()
    for m in curated["measures"]:
        items += 1
        want = _squeeze(_printed(m["text"]))
        whole = _squeeze(_printed(m.get("title")) + _printed(m["text"]))
        candidates = process.extract(want, bodies, scorer=fuzz.ratio, limit=8) + \
            process.extract(whole, texts, scorer=fuzz.ratio, limit=8)
        # the best draft item not yet taken by another curated item (tables repeat short texts)
        free = sorted((c for c in candidates if c[1] >= SAME_TEXT and c[2] not in used), key=lambda c: (-c[1], c[2]))
        best = free[0] if free else None
        wanted_targets = [_target_key(t) for t in m.get("targets", [])]
        targets += len(wanted_targets)
        if best is None:
            continue
        match = drafted[best[2]]
        used.add(best[2])
        found += 1
        if any(_units(m)):
            lists += 1
            same += _units(m) == _units(match)
        wanted_themes = set(m.get("themes", []))
        guessed = set(match.get("themes", [])) - {TODO_THEME}
        themes += len(wanted_themes)
        themes_found += len(wanted_themes & guessed)
        suggested += len(guessed)
        offered = [_target_key(t) for t in match.get("targets", [])]
        for key in wanted_targets:
            if key in offered:
                offered.remove(key)
                targets_found += 1
    return Score(document, items, found, lists, same, targets, targets_found, themes, themes_found, suggested)


def compare_corpus(data_root: Path) -> list[Score]:
    from generator.extract.draft import Registries, build_draft
    from generator.extract.read import read_source

    registries = Registries.load(data_root)
    districts = {d.slug: d for d in registries.districts}
    scores = []
    for path in sorted((data_root / "documents").glob("*/*.yaml")):
        text = path.read_text(encoding="utf-8")
        read_data(text, display_path(path))  # within `check`'s limits (no crash on deep nesting) before PyYAML types it
        curated = yaml.safe_load(text)
        source = read_source(data_root / "sources" / f"{curated['id']}.txt")
        draft = build_draft(source, districts[curated["district"]], curated["id"], registries)
        scores.append(compare(curated["id"], draft.document, curated))
    return scores


def table(scores: list[Score]) -> str:
    lines = ["| 文件 | 草稿找到的条目 | 单位名单相同 | 目标（数值与年份都对） | 编辑定的主题被建议到 | 建议的主题被编辑采用 |",
             "|---|---|---|---|---|---|"]
    lines += [s.row() for s in scores]
    total = Score("合计", *(sum(getattr(s, f) for s in scores) for f in
                           ("items", "items_found", "unit_lists", "unit_lists_same", "targets", "targets_found",
                            "themes", "themes_found", "themes_suggested")))
    lines.append(total.row())
    return "\n".join(lines)
