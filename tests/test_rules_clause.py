"""The lead/support/joint lists against the printed responsibility clause (units-differ-from-clause):
what the fixture's wrong edits report is in tests/test_diagnostics.py; here the real corpus, damaged
print, clauses the parser cannot read, and a listed unit the clause prints but does not name."""
from __future__ import annotations

from pathlib import Path

from generator.checking import check_data
from generator.rules import read_clause, run_rules
from tests.conftest import DATA, FIXTURE
from tests.test_diagnostics import DOC, broken_corpus, edited_copy, in_another_role, problems

SRC = "sources/jiangjin-test.txt"
M1 = ("      clause: (牵头单位:区发展改革委;配合单位:区经济信息委)\n"
      "      lead: [区发展改革委]\n      support: [区经济信息委]\n")


def codes(root: Path) -> list[str]:
    return [line.split("错误[")[1].split("]")[0] for line in problems(root)]


def test_the_real_corpus_agrees_with_its_clauses(real_corpus):
    assert [d for d in run_rules(real_corpus) if d.code == "units-differ-from-clause"] == []


def test_every_clause_of_the_real_corpus_is_read(real_corpus):
    # a clause the parser cannot read with confidence is not checked at all: a new printed style
    # shows up here, and generator.clauses should learn it
    aliases = {a for d in real_corpus.departments.departments for a in d.aliases}
    clauses = [m for doc in real_corpus.documents for m in doc.document.measures if m.responsibility.clause is not None]
    unread = [m.responsibility.clause for m in clauses if read_clause(m.responsibility, aliases) is None]
    assert len(clauses) >= 73
    assert unread == []


def test_lead_and_support_swapped_in_a_real_document(tmp_path):
    # the editor test's case: jiangjin-2022-57 m2, clause (牵头单位:区发展改革委;配合单位:区经济信息委、区水利局)
    file = "documents/jiangjin/jiangjin-2022-57.yaml"
    root = edited_copy(tmp_path, DATA, [(file, "      lead: [区发展改革委]\n      support: [区经济信息委, 区水利局]\n",
                                    "      lead: [区经济信息委]\n      support: [区发展改革委, 区水利局]\n")])
    clause = "(牵头单位:区发展改革委;配合单位:区经济信息委、区水利局)"
    assert problems(root) == [
        in_another_role("123:14", "m2", "区经济信息委", "lead", "support", clause, file),
        in_another_role("124:17", "m2", "区发展改革委", "support", "lead", clause, file),
    ]

DAMAGED_SOURCE = (SRC, "配合单位:区经济信息委)", "配合单位:区经济言息委)")
DAMAGED_UNIT = ("        - printed: 区经济言息委\n          reading: 区经济信息委\n"
                "          note: 「言」为「信」之误\n")


def test_damaged_print_does_not_false_alarm(tmp_path):
    # the clause and its unit quoted as printed (言 for 信), with their readings
    root = edited_copy(tmp_path, FIXTURE, [DAMAGED_SOURCE, (DOC, M1, (
        "      clause:\n        printed: (牵头单位:区发展改革委;配合单位:区经济言息委)\n"
        "        reading: (牵头单位:区发展改革委;配合单位:区经济信息委)\n        note: 「言」为「信」之误\n"
        "      lead: [区发展改革委]\n      support:\n" + DAMAGED_UNIT))])
    check_data(root)


def test_damaged_unit_in_a_plain_clause_does_not_false_alarm(tmp_path):
    root = edited_copy(tmp_path, FIXTURE, [DAMAGED_SOURCE, (DOC, M1, (
        "      clause: (牵头单位:区发展改革委;配合单位:区经济言息委)\n      lead: [区发展改革委]\n      support:\n"
        + DAMAGED_UNIT))])
    check_data(root)


def test_damaged_unit_in_the_wrong_role_is_reported(tmp_path):
    root = edited_copy(tmp_path, FIXTURE, [DAMAGED_SOURCE, (DOC, M1, (
        "      clause: (牵头单位:区发展改革委;配合单位:区经济言息委)\n      lead:\n        - 区发展改革委\n"
        + DAMAGED_UNIT))])
    assert problems(root) == [
        in_another_role("50:11", "m1", "区经济言息委", "lead", "support", "(牵头单位:区发展改革委;配合单位:区经济言息委)"),
    ]

def test_a_clause_the_parser_cannot_read_is_not_guessed_at(tmp_path):
    # 和 is no list separator the parser knows: it reads one unit 区发展改革委和区经济信息委, which
    # no department has, so the clause is not checked
    clause = "(区发展改革委和区经济信息委负责)"
    root = edited_copy(tmp_path, FIXTURE, [(SRC, "(牵头单位:区发展改革委;配合单位:区经济信息委)", clause),
                                      (DOC, "(牵头单位:区发展改革委;配合单位:区经济信息委)", clause)])
    check_data(root)


def test_a_listed_unit_the_clause_prints_but_does_not_name(tmp_path):
    # 发展改革委 is a known name and printed inside 区发展改革委, so no other rule says it is wrong
    root = broken_corpus(tmp_path, DOC, "      lead: [区发展改革委]", "      lead: [发展改革委]")
    departments = root / "departments.yaml"
    departments.write_text(departments.read_text(encoding="utf-8").replace(
        "aliases: [区发展改革委, 区发改委]", "aliases: [区发展改革委, 区发改委, 发展改革委]"), encoding="utf-8")
    assert problems(root) == [
        f"{DOC}:48:14: 错误[units-differ-from-clause]: 条目 m1：`发展改革委` 写在 `lead`（牵头单位）中，"
        "但责任单位原文没有把它列为一个单位\n"
        "    建议：照原文逐字写出原文列出的单位名称，或删掉这一项；责任单位原文是 `(牵头单位:区发展改革委;配合单位:区经济信息委)`",
    ]


def test_a_dropped_lead_is_reported_once_with_its_role(tmp_path):
    root = broken_corpus(tmp_path, DOC, "      lead: [区发展改革委]\n", "")
    assert codes(root) == ["units-differ-from-clause"]
    assert "牵头单位 `区发展改革委` 没有写进任何名单" in problems(root)[0]
