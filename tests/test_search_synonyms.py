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
        "synonyms.yaml:7:18: 错误[ambiguous-alias]: `充电站` 同时列在 `charging` 和"
        " `stations` 下面\n"
        "    建议：只在它真正所指的那一项下保留这个名称",
    ]),
    ("group-of-one", SYN, GROUP, "    terms: [充电桩, 充电桩]", [
        "synonyms.yaml:4:5: 错误[synonym-group-too-small]: 同义词组 `charging`"
        " 只有一个不同的用语，扩展不了任何搜索\n"
        "    建议：补上意思相同的其他说法，或删除这一组",
    ]),
    ("empty-group", SYN, GROUP, "    terms: []", [
        "synonyms.yaml:4:5: 错误[empty-list]: synonyms 中的 charging：字段 `terms`（同义的各个用语）不能为空\n"
        "    建议：至少写一项",
    ]),
    ("single-character", SYN, GROUP, "    terms: [充电桩, 桩]", [
        "synonyms.yaml:4:18: 错误[synonym-term-too-short]: 同义词组 `charging`：`桩`"
        " 不到两个字，搜索从不查找单个字\n"
        "    建议：写出完整的词，如写 光伏 而不是 光",
    ]),
    ("duplicate-slug", SYN, NOTE, NOTE + "\n  - slug: charging\n    terms: [加氢站, 加注站]\n    note: 站。", [
        "synonyms.yaml:6:11: 错误[duplicate-id]: 编号 `charging` 在 synonyms.yaml"
        " 中出现了两次\n"
        "    建议：每个编号只保留一项",
    ]),
    ("spoken-name-of-two-departments", "departments.yaml", "    aliases: [区交通局]",
     "    aliases: [区交通局]\n    colloquial: [区发展改革委]", [
         "departments.yaml:17:18: 错误[ambiguous-alias]: `区发展改革委` 同时列在"
         " `fazhan-gaige` 和 `jiaotong` 下面\n"
         "    建议：只在它真正所指的那一项下保留这个名称",
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


# Words officials say that no document prints (user tests found nothing for them): each must belong
# to a reviewed group whose other wordings the published texts do print, so the search finds those.
SPOKEN_ONLY = ("电动车",)


@pytest.mark.parametrize("word", SPOKEN_ONLY)
def test_a_word_officials_say_but_no_document_prints_finds_its_group(word):
    import yaml

    from tests.conftest import DATA

    texts = "".join(p.read_text(encoding="utf-8") for p in sorted((DATA / "sources").glob("*.txt")))
    assert word not in texts  # else plain search finds it and it needs no group
    groups = [g["terms"] for g in yaml.safe_load((DATA / SYN).read_text(encoding="utf-8"))["synonyms"] if word in g["terms"]]
    assert len(groups) == 1, f"{word} is in no synonym group"
    assert [t for t in groups[0] if t != word and t in texts]
