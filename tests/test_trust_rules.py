"""The `implements` rule: a table row names main-text measures of its own document."""
from __future__ import annotations

from tests.test_diagnostics import broken_corpus, problems

QJ = "documents/qianjiang/qianjiang-test.yaml"
HINT_UNKNOWN = "    hint: name the id of a main-text measure of this same document, e.g. m12"


def test_unknown_implemented_measure(tmp_path):
    root = broken_corpus(tmp_path, QJ, "    implements: [m1]", "    implements: [m9]")
    assert problems(root) == [
        f"{QJ}:55:18: error[implements-unknown-measure]: measure task-1: `m9` is not a measure of qianjiang-test\n"
        + HINT_UNKNOWN,
    ]


def test_measure_of_another_document_is_not_found_here(tmp_path):
    # `goal` exists in jiangjin-test only: a row may not carry out another document's measure.
    root = broken_corpus(tmp_path, QJ, "    implements: [m1]", "    implements: [m1, goal]")
    assert problems(root) == [
        f"{QJ}:55:22: error[implements-unknown-measure]: measure task-1: `goal` is not a measure of qianjiang-test\n"
        + HINT_UNKNOWN,
    ]


def test_row_cannot_implement_itself(tmp_path):
    root = broken_corpus(tmp_path, QJ, "    implements: [m1]", "    implements: [task-1]")
    assert problems(root) == [
        f"{QJ}:55:18: error[implements-wrong-kind]: measure task-1 names itself in `implements`\n"
        "    hint: name the main-text measure this row carries out",
    ]


def test_main_text_measure_cannot_implement(tmp_path):
    root = broken_corpus(tmp_path, QJ, "    themes: [energy, transport]\n",
                         "    themes: [energy, transport]\n    implements: [m1]\n")
    found = problems(root)
    assert found[0].startswith(f"{QJ}:37:18: error[implements-wrong-kind]: measure m1 is a main-text measure; "
                               "only task, indicator and project rows carry out other measures")


def test_row_cannot_implement_another_row(tmp_path):
    root = broken_corpus(tmp_path, QJ, "  - id: m1\n    kind: measure", "  - id: m1\n    kind: task")
    assert problems(root) == [
        f"{QJ}:55:18: error[implements-wrong-kind]: measure task-1: `m1` is a task row, not a main-text measure\n"
        "    hint: name a goal, measure or safeguard of the main text, not another table row",
    ]


def test_source_url_must_be_a_plain_web_address(tmp_path):
    doc = "documents/jiangjin/jiangjin-test.yaml"
    root = broken_corpus(tmp_path, doc, "  file: jiangjin-test.txt\n",
                         "  file: jiangjin-test.txt\n  url: javascript:alert(1)\n")
    found = problems(root)
    assert len(found) == 1 and "error[invalid-value]" in found[0] and "is not a web address" in found[0]
