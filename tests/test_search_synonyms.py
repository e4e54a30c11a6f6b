"""The synonym registry and the departments' spoken names are checked like every registry:
each problem an editor can cause gives path:line:col, a stable code, a message and a hint."""
from __future__ import annotations

import pytest

from generator.model import REGISTRIES
from tests.test_diagnostics import broken_corpus, problems

SYN = "synonyms.yaml"
GROUP = "    terms: [充电桩, 充电站, 充电基础设施]"
NOTE = "    note: 电动汽车充电设施的不同写法。"

CASES = [
    ("term-in-two-groups", SYN, NOTE, NOTE + "\n  - slug: stations\n    terms: [加氢站, 充电站]\n    note: 站。", [
        f"{SYN}:7:18: error[ambiguous-alias]: `充电站` is listed under both `charging` and `stations`\n"
        "    hint: keep the name under the one entry it means",
    ]),
    ("group-of-one", SYN, GROUP, "    terms: [充电桩, 充电桩]", [
        f"{SYN}:4:5: error[synonym-group-too-small]: synonym group `charging` has only one different term, "
        "so it widens no search\n"
        "    hint: add the other wordings that mean the same thing, or delete the group",
    ]),
    ("empty-group", SYN, GROUP, "    terms: []", [
        f"{SYN}:4:5: error[empty-list]: synonyms entry charging: `terms` must not be empty\n"
        "    hint: give at least one entry",
    ]),
    ("single-character", SYN, GROUP, "    terms: [充电桩, 桩]", [
        f"{SYN}:4:18: error[synonym-term-too-short]: synonym group `charging`: `桩` has fewer than two characters; "
        "the search never looks for single characters\n"
        "    hint: write the whole word, e.g. 光伏 rather than 光",
    ]),
    ("duplicate-slug", SYN, NOTE, NOTE + "\n  - slug: charging\n    terms: [加氢站, 加注站]\n    note: 站。", [
        f"{SYN}:6:11: error[duplicate-id]: the slug `charging` appears twice in synonyms.yaml\n"
        "    hint: keep one entry per slug",
    ]),
    ("spoken-name-of-two-departments", "departments.yaml", "    aliases: [区交通局]",
     "    aliases: [区交通局]\n    colloquial: [区发展改革委]", [
         "departments.yaml:17:18: error[ambiguous-alias]: `区发展改革委` is listed under both `fazhan-gaige` and `jiaotong`\n"
         "    hint: keep the name under the one entry it means",
     ]),
]


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_synonym_diagnostics(tmp_path, name, file, old, new, expected):
    assert problems(broken_corpus(tmp_path, file, old, new)) == expected


def test_every_registry_is_loaded_checked_and_documented(real_corpus):
    from generator.pages.dictionary import DOCUMENTED
    from generator.schema import schemas

    documented = {model for _, model in DOCUMENTED}
    for spec in REGISTRIES:
        assert spec.file in real_corpus.registry_yaml
        assert spec.entries(getattr(real_corpus, spec.key)), f"{spec.file} has entries"
        assert spec.item in documented
        assert spec.file.replace(".yaml", ".schema.json") in schemas()
