"""The `implements` rule: a table row names main-text measures of its own document."""
from __future__ import annotations

from tests.test_diagnostics import broken_corpus, problems

QJ = "documents/qianjiang/qianjiang-test.yaml"
JJ = "documents/jiangjin/jiangjin-test.yaml"
HINT_UNKNOWN = "    建议：写本文件中某个正文条目的编号，如 m12"


def test_unknown_implemented_measure(tmp_path):
    root = broken_corpus(tmp_path, QJ, "    implements: [m1]", "    implements: [m9]")
    assert problems(root) == [
        f"{QJ}:55:18: 错误[implements-unknown-measure]: 条目 task-1：`m9` 不是 qianjiang-test 中的条目\n"
        + HINT_UNKNOWN,
    ]


def test_measure_of_another_document_is_not_found_here(tmp_path):
    # `goal` exists in jiangjin-test only: a row may not carry out another document's measure.
    root = broken_corpus(tmp_path, QJ, "    implements: [m1]", "    implements: [m1, goal]")
    assert problems(root) == [
        f"{QJ}:55:22: 错误[implements-unknown-measure]: 条目 task-1：`goal` 不是 qianjiang-test 中的条目\n"
        + HINT_UNKNOWN,
    ]


def test_row_cannot_implement_itself(tmp_path):
    root = broken_corpus(tmp_path, QJ, "    implements: [m1]", "    implements: [task-1]")
    assert problems(root) == [
        f"{QJ}:55:18: 错误[implements-wrong-kind]: 条目 task-1 在 `implements`（落实）中写了它自己\n"
        "    建议：写本行所落实的正文条目的编号",
    ]


def test_main_text_measure_cannot_implement(tmp_path):
    root = broken_corpus(tmp_path, QJ, "    themes: [energy, transport]\n",
                         "    themes: [energy, transport]\n    implements: [m1]\n")
    found = problems(root)
    assert found[0] == (f"{QJ}:37:18: 错误[implements-wrong-kind]: 条目 m1 是正文条目（measure）；"
                        "只有 task、indicator、project 表格行才能落实其他条目\n"
                        "    建议：删掉这里的 `implements`（落实），把它写在落实本条的表格行上")


def test_row_cannot_implement_another_row(tmp_path):
    root = broken_corpus(tmp_path, QJ, "  - id: m1\n    kind: measure", "  - id: m1\n    kind: task")
    assert problems(root) == [
        f"{QJ}:55:18: 错误[implements-wrong-kind]: 条目 task-1：`m1` 是表格行（task），不是正文条目\n"
        "    建议：写正文中的 goal、measure 或 safeguard 条目，而不是另一个表格行",
    ]


def test_source_url_must_be_a_plain_web_address(tmp_path):
    doc = "documents/jiangjin/jiangjin-test.yaml"
    root = broken_corpus(tmp_path, doc, "  file: jiangjin-test.txt\n",
                         "  file: jiangjin-test.txt\n  url: javascript:alert(1)\n")
    found = problems(root)
    assert found == [
        "documents/jiangjin/jiangjin-test.yaml:13:8: 错误[invalid-value]: 字段 `source.url`（政府发布该文件的网址）：`javascript:alert(1)` 不是网址；"
        "请写成 https://…（不含空格或括号），或者留空\n"
        "    建议：按提示改正这个值；数据字典页说明了每个字段可以写什么"]


def test_quotes_out_of_printed_order_are_found_and_a_missing_one_is_still_reported(tmp_path):
    """quotes_are_verbatim looks for each quote after the one before it first (they come mostly in
    printed order): one printed earlier than the quote before it must be found all the same."""
    m1, m2 = "text: 积极推进天然气(页岩气)勘探开发。", "text: 布局电动汽车充换电配套设施,建设充电桩<script>。"
    root = broken_corpus(tmp_path, JJ, m1, "text: SWAPPED")
    path = root / JJ
    path.write_text(path.read_text(encoding="utf-8").replace(m2, m1).replace("text: SWAPPED", m2), encoding="utf-8")
    # m1's text, clause and m2's title are printed before the quote looked for before each: every quote is
    # found, and only the swap itself is reported (each text stands apart from its entry's title and clause)
    assert [line.split(": ", 2)[1] for line in problems(root)] == ["错误[entry-parts-apart]"] * 2

    path.write_text(path.read_text(encoding="utf-8").replace("title: 建设充电设施。", "title: 建设充电设施和加氢站。"), encoding="utf-8")
    assert [line.split(": ", 2)[1] for line in problems(root)] == ["错误[entry-parts-apart]", "错误[quote-not-found]"]


def _with_source(root, old: str, new: str):
    source = root / "sources" / "jiangjin-test.txt"
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_a_title_is_found_across_a_line_break_and_an_export_bookmark(tmp_path):
    """A title printed over two lines, the second opening with a word processor's export bookmark
    (永川's notice title: 关于 / [bookmark: _Hlk117096641]印发…), is quoted as one title, without `…`."""
    from generator.checking import check_data

    root = broken_corpus(tmp_path, JJ, "title: 测试区行动方案\n", "title: 测试区行动方案\n")
    check_data(_with_source(root, "测试区行动方案\n", "测试区\n[bookmark: _Hlk117096641]行动方案\n"))


def test_a_bookmark_does_not_excuse_other_words_in_a_title(tmp_path):
    root = broken_corpus(tmp_path, JJ, "title: 测试区行动方案\n", "title: 测试区行动实施方案\n")
    found = problems(_with_source(root, "测试区行动方案\n", "测试区\n[bookmark: _Hlk117096641]行动方案\n"))
    assert len(found) == 1 and "错误[quote-not-found]" in found[0] and "标题（title）" in found[0]
