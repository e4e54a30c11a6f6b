import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.yamlio import load_yaml, may_hold_anchor


def test_plain_scalars_stay_text():
    loaded, problems = load_yaml("a: YES\nb: 0012\nc: 2022-04-16\nd: 1.50\ne: true\nf: ~\n", "x.yaml")
    assert problems == []
    assert loaded.data == {"a": "YES", "b": "0012", "c": "2022-04-16", "d": "1.50", "e": True, "f": None}


def test_positions_point_at_values_and_keys():
    loaded, _ = load_yaml("title: 标题\nmeasures:\n  - id: m1\n    text: 正文\n", "x.yaml")
    assert loaded.where(("title",)) == (1, 8)
    assert loaded.where(("measures", 0, "text")) == (4, 11)
    # a missing field is reported at its nearest existing parent
    assert loaded.where(("measures", 0, "themes")) == loaded.where(("measures", 0))


def test_duplicate_key_is_an_error_with_both_lines():
    _, problems = load_yaml("id: a\ntitle: x\nid: b\n", "doc.yaml")
    assert [p.text() for p in problems] == [
        "doc.yaml:3:1: 错误[duplicate-key]: 键 `id` 在同一层出现了两次（第一次在第 1 行）\n"
        "    建议：YAML 只会用后一个值：对照原文核对第 1 行和第 3 行哪个值对，留下对的那个；如果第 3 行起本是列表中新的一项，"
        "是它前面漏了 `- `（新的一项以 `- ` 开头，与上一项的 `- ` 对齐）"
    ]


def test_a_list_item_that_lost_its_dash_is_one_error_where_it_starts():
    """`  - id: m2` written `    id: m2` merges the item into the one before: every key repeats. One
    error at the line where the lost item starts says to add the `- ` (a user test: one "keep only one
    of them" per key had the editor delete the second item)."""
    text = ("measures:\n  - id: m1\n    kind: measure\n    title: 甲\n"
            "    id: m2\n    kind: measure\n    title: 乙\n  - id: m3\n    kind: measure\n")
    _, problems = load_yaml(text, "doc.yaml")
    assert [p.text() for p in problems] == [
        "doc.yaml:5:5: 错误[duplicate-key]: 第 2 行开始的列表项里，`id`、`kind`、`title`各出现了两次："
        "从第 5 行起像是新的一项，却被并进了上一项\n"
        "    建议：第 5 行前面是不是漏了列表项的 `- `？新的一项要以 `- ` 开头，与上一项的 `- ` 对齐（第 2 行的 `-` 在第 3 列）："
        "写成 `- id: …`"
    ]
    # in a nested list (a measure's targets) too
    text = ("targets:\n  - metric: a\n    value: \"1\"\n    metric: b\n    value: \"2\"\n")
    _, problems = load_yaml(text, "doc.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(4, 5, "duplicate-key")] and "漏了列表项的 `- `" in problems[0].hint
    # one key written twice is a plain duplicate, even in a list item
    _, problems = load_yaml("items:\n  - id: a\n    title: x\n    title: y\n", "doc.yaml")
    assert [(p.line, "第一次在第 3 行" in p.message) for p in problems] == [(4, True)]
    # keys repeated outside a list are not taken for a lost `- `
    _, problems = load_yaml("id: a\ntitle: x\nid: b\ntitle: y\n", "doc.yaml")
    assert [p.line for p in problems] == [3, 4] and all("第一次" in p.message for p in problems)


def test_a_line_indented_with_full_width_spaces_is_named_at_its_blank():
    """A full-width space (U+3000) or no-break space (U+00A0) at the start of a line is no
    indentation to YAML: the parser fails on that line or the next with a message about
    indentation; the diagnostic names the blank, at its own line and column (a user test)."""
    cases = {
        "a:\n  b: 1\n\u3000\u3000c: 2\n  d: 3\n": (3, 1, "全角空格「\u3000」"),
        "a:\n  b: 1\n  c: 2\n \u3000d: 3\n": (4, 2, "全角空格「\u3000」"),
        "a:\n  - x\n\u00a0\u00a0- y\n": (3, 1, "不换行空格（U+00A0"),
    }
    for text, (line, col, what) in cases.items():
        loaded, problems = load_yaml(text, "doc.yaml")
        assert loaded is None
        assert [(p.line, p.col, p.code) for p in problems] == [(line, col, "yaml-syntax")], text
        assert f"第 {line} 行用{what}" in problems[0].message and "半角空格" in problems[0].hint
    # a full-width space inside a text written over several lines is text, not indentation
    _, problems = load_yaml("a: 长文字\n  \u3000继续\nb: [x\n", "doc.yaml")
    assert "全角空格" not in problems[0].message


def test_a_character_of_a_one_line_text_has_its_own_column():
    """where_in gives the column of a character within a text written on one line as it reads; a
    text whose characters do not stand one for one in the file (an escape, a doubled quote, a block,
    a text folded over lines) gives the text's start."""
    loaded, _ = load_yaml("a: \"一二三\"\nb: '一二三'\nc: 一二三\nd: \"一\\u4e8c三\"\ne: '一''二'\n"
                          "f: |\n  一二三\ng: 一二\n  三\nh: [一二, \"三四\"]\n", "x.yaml")
    assert loaded is not None
    assert [loaded.where_in((key,), 1) for key in "abcdefg"] == [
        (1, 6), (2, 6), (3, 5), (4, 4), (5, 4), (6, 4), (8, 4)]
    assert loaded.where_in(("h", 1), 1) == (10, 11)  # `四`, after `h: [一二, "三`


def test_syntax_error_has_position_and_hint():
    loaded, problems = load_yaml("id: a\ntitle: [unclosed\n", "doc.yaml")
    assert loaded is None
    (p,) = problems
    assert (p.path, p.code) == ("doc.yaml", "yaml-syntax")
    # the unclosed bracket is the fault, not the end of the file where the parser gave up
    assert (p.line, p.col) == (2, 8) and p.hint


def test_a_key_indented_too_far_is_pointed_at_where_it_starts_not_at_its_colon():
    """A user test: `     kind: measure` (one space too many) was reported at its colon (column 10),
    though the message is about the line's indentation; a colon inside a value is still the place."""
    measure = "measures:\n  - id: m1\n     kind: measure\n"
    [found] = load_yaml(measure, "d.yaml")[1]
    assert (found.line, found.col, found.code) == (3, 6, "yaml-syntax") and "缩进" in found.message
    [found] = load_yaml("measures:\n  - id: m1\n    title: 说明: 推进光伏\n", "d.yaml")[1]
    assert (found.line, found.col) == (3, 14)  # the colon after 说明


def test_a_full_width_colon_or_space_after_a_key_is_named_on_its_own_line():
    """`title：…` or `title:　…` is no key to YAML, and the parser gives up on the next line: the
    diagnostic points at the full-width character on the key's own line and names it."""
    cases = {
        "id: a\ntitle：值\nkind: b\n": (2, 6, "全角冒号「：」（U+FF1A）"),
        "id: a\ntitle:\u3000值\nkind: b\n": (2, 7, "全角空格（U+3000）"),
        "measures:\n  - id: m1\n    title：值\n    kind: b\n": (3, 10, "全角冒号「：」（U+FF1A）"),
        "id: a\ntitle：值\n": (2, 6, "全角冒号「：」（U+FF1A）"),
    }
    for text, (line, col, what) in cases.items():
        loaded, problems = load_yaml(text, "doc.yaml")
        assert loaded is None
        assert [(p.line, p.col, p.code) for p in problems] == [(line, col, "yaml-syntax")], text
        assert what in problems[0].message and "`键: 值`" in problems[0].hint
    # a key that only misses its colon keeps the general message
    _, problems = load_yaml("id: a\ntitle 值\nkind: b\n", "doc.yaml")
    assert "全角" not in problems[0].message and "缺少空格" not in problems[0].message


def test_a_colon_without_its_space_is_named_on_the_key_s_own_line():
    """`title:协同…` (a common slip) is read as one text and the parser gives up on the next line,
    which is right: the diagnostic points at the colon of the key's own line and says what is missing."""
    cases = {
        "id: a\ntitle:协同推进\nkind: b\n": (2, 6),
        "measures:\n  - id: m1\n    kind:measure\n    text: 值\n": (3, 9),
        "measures:\n  - id:m1\n    kind: measure\n": (2, 7),
    }
    for text, (line, col) in cases.items():
        loaded, problems = load_yaml(text, "doc.yaml")
        assert loaded is None
        assert [(p.line, p.col, p.code) for p in problems] == [(line, col, "yaml-syntax")], (text, problems)
        assert "冒号 `:` 后面缺少空格" in problems[0].message and problems[0].hint == "在冒号后面加一个半角空格，写成 `键: 值`"


def test_anchors_and_aliases_are_refused_wherever_they_stand():
    cases = {
        "a: &x 1\nb: 2\n": (1, 4),
        "a: [&x 1, 2]\n": (1, 5),
        "a: {b: 1,c: &x 2}\n": (1, 13),
        "&x a: 1\n": (1, 1),
        "a:\n- &x 1\n": (2, 3),
        "a:\n\t- 1\nb: 2\n": None,  # a syntax error, not an alias
    }
    for text, where in cases.items():
        loaded, problems = load_yaml(text, "x.yaml")
        assert loaded is None, text
        if where is not None:
            assert [(p.code, p.line, p.col) for p in problems] == [("yaml-alias", *where)], text


def test_ampersand_and_asterisk_inside_text_are_text():
    # OCR text holds them inside words; quoted text may start with them
    text = "a: 绿&产品\nb: 至*M尝成本\nc: '&x'\nd: \"*y\"\ne: [a&b, c*d]\nf: x &y\n"
    loaded, problems = load_yaml(text, "x.yaml")
    assert problems == []
    assert loaded.data == {"a": "绿&产品", "b": "至*M尝成本", "c": "&x", "d": "*y", "e": ["a&b", "c*d"], "f": "x &y"}
    assert loaded.where(("e", 1)) == (5, 10)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("&* \t\n\r[]{},:-a绿'\""), max_size=30))
def test_the_quick_anchor_test_agrees_with_the_pattern_it_replaced(text):
    # a `&` or `*` at a line start (after a line feed only, as `^` with re.MULTILINE) or after a
    # blank or flow indicator: the old regular expression, tried at every position
    pattern = re.compile(r"(?:^|[ \t\[\]{},])[&*]", re.MULTILINE)
    assert may_hold_anchor(text) == (pattern.search(text) is not None)


def test_an_unclosed_bracket_is_named_in_the_hint():
    """PyYAML's 'while parsing a flow sequence' tells an editor nothing: the message names the bracket."""
    _, problems = load_yaml("themes: [energy\ntitle: x\n", "a.yaml")
    assert [(p.line, p.col, p.message, p.hint) for p in problems] == [(
        1, 9, "YAML 格式错误：以 `[` 开始的列表没有闭合，或列表项之间缺少逗号（到第 2 行才发现）",
        "在列表末尾补上 `]`，列表项之间用英文逗号 `,` 分开；含有 `:` 或 `,` 的值要加引号")]
    _, problems = load_yaml("unit: {name: x\ntitle: x\n", "a.yaml")
    assert [(p.line, p.col, p.message, p.hint) for p in problems] == [(
        1, 7, "YAML 格式错误：以 `{` 开始的映射没有闭合，或各项之间缺少逗号（到第 2 行才发现）",
        "在末尾补上 `}`，各项之间用英文逗号 `,` 分开")]


def _forbidden_class() -> re.Pattern[str]:
    """The forbidden characters as one regular expression, built the slow way: every code point of the
    invisible categories (planes 4-13 and 15-16 are unassigned or private use), the noncharacters,
    then tab and line feed taken out."""
    import unicodedata

    from generator.diagnostics import INVISIBLE_CATEGORIES

    points = [c for c in (*range(0x40000), *range(0xE0000, 0xE1000)) if unicodedata.category(chr(c)) in INVISIBLE_CATEGORIES]
    points += [*range(0xFDD0, 0xFDF0), *(plane * 0x10000 + tail for plane in range(17) for tail in (0xFFFE, 0xFFFF))]
    ranges = "".join(f"\\U{c:08x}" for c in sorted(set(points)) if c < 0xF0000)
    return re.compile("(?![\t\n])[" + ranges + "\\U000f0000-\\U0010ffff]")


def test_quick_character_scan_finds_exactly_what_the_full_class_finds():
    # every code point once: the scan with the quick pre-filter and the per-character test must report
    # the same characters as the full class of forbidden characters applied everywhere (the slow way)
    import unicodedata

    from generator.yamlio import _forbidden

    full = _forbidden_class()
    everything = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _forbidden(everything)] == [m.start() for m in full.finditer(everything)]
    # and the full class is what its comment says, for a few characters named here
    for char in "\u200b\u200d\ufeff\u00ad\x00\x1b\u202e\ue000\r":
        assert full.fullmatch(char), (hex(ord(char)), unicodedata.name(char, "?"))
    for char in "\t\n 江。，Aé\u2002":
        assert not full.fullmatch(char)


def test_escaped_invisible_character_in_a_double_quoted_text_is_found():
    _, problems = load_yaml('a: ok\nb: "零\\u200b宽"\nc: \'单引号里的 \\u200b 只是文字\'\n', "x.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 4, "invalid-character")]


def test_a_tagged_key_is_reported_where_it_is():
    loaded, problems = load_yaml("title: 甲\n!a a: 1\nb: 2\n", "x.yaml")
    assert [(p.line, p.col, p.code) for p in problems] == [(2, 1, "yaml-syntax")]
    assert "标签 `!a`" in problems[0].message and loaded.data == {"title": "甲", "b": "2"}  # every value a text


def _composed(text: str):
    """load_yaml as it was before read_plainly: every text composed into nodes and built."""
    from unittest import mock

    from generator import yamlio

    with mock.patch.object(yamlio, "read_plainly", lambda text: None):
        return load_yaml(text, "x.yaml")


def _same_as_composed(text: str) -> bool:
    """load_yaml gives what it gave when it composed every text: the same data, positions (in the same
    order) and problems. True when read_plainly read the text."""
    from generator.yamlio import read_plainly

    composed, composed_problems = _composed(text)
    loaded, problems = load_yaml(text, "x.yaml")
    assert problems == composed_problems, text
    assert (loaded is None) == (composed is None), text
    if loaded is not None:
        assert loaded.data == composed.data and type(loaded.data) is type(composed.data), text
        assert list(loaded.positions.items()) == list(composed.positions.items()), text
    return read_plainly(text) is not None


scalars = st.sampled_from(["a", "", "null", "~", "Null", "true", "false", "True", "yes", "0012", "1.5", "绿&产品",
                           "a: b", "- x", "'q'", "#c", "x\ny", " lead", "\\u200b", "\u200b"])
plain_data = st.recursive(scalars | st.none() | st.booleans(),
                          lambda inner: st.lists(inner, max_size=4) | st.dictionaries(scalars, inner, max_size=4),
                          max_leaves=12)


@settings(max_examples=400, deadline=None)
@given(plain_data, st.sampled_from([None, False, True]), st.sampled_from([None, '"', "'"]))
def test_reading_plainly_gives_what_composing_gives(data, flow_style, style):
    _same_as_composed(yaml.safe_dump({"k": data, "l": [data, data]}, allow_unicode=True, default_flow_style=flow_style,
                                     default_style=style))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(list("ab:- \n[]{},'\"&*!#~?|>\\") + ["null", "true", "  ", "a: ", "- ", "!!str ", "&x ", "*x",
                                                                   "---\n"]), max_size=30).map("".join))
def test_reading_plainly_leaves_anything_unusual_to_the_composer(text):
    _same_as_composed(text)


def test_ordinary_documents_are_read_plainly():
    root = Path(__file__).resolve().parent.parent / "site_data"
    files = sorted(root.glob("*.yaml")) + sorted(root.glob("documents/*/*.yaml"))
    assert files and all(_same_as_composed(f.read_text(encoding="utf-8")) for f in files)


def test_what_reading_plainly_leaves_alone_is_composed_and_reported():
    from generator.yamlio import MAX_ITEMS, PLAIN_DEPTH, read_plainly

    for text in ("a: 1\na: 2\n", "~: 1\n", "[a]: 1\n", "a: !!str 1\n", "a: &x 1\n", "a: [", "", "# only a comment\n",
                 "a: 1\n---\nb: 2\n", "a: \"\\u200b\"\n", "- " * (PLAIN_DEPTH + 1) + "a\n",
                 "a: [" + "1, " * MAX_ITEMS + "1]\n"):
        assert read_plainly(text) is None, text


def test_a_file_read_keeps_no_text_and_finds_a_character_by_reading_it_again(tmp_path):
    """A file's LoadedYaml does not hold its text (pickled back from the second parsing process, kept
    in the live preview's cache); where_in reads the file again for a character's column."""
    import pickle

    from generator.load import _read_yaml

    path = tmp_path / "x.yaml"
    body = "# 只在文件里的注释\na: 一二三\nb: \"四五六\"\n"
    path.write_bytes(("\ufeff" + body).replace("\n", "\r\n").encode("utf-8"))
    loaded, problems = _read_yaml(path, "x.yaml", path.read_bytes())
    assert loaded is not None and not problems
    assert loaded.text is None
    assert "只在文件里的注释".encode() not in pickle.dumps(loaded)
    assert [loaded.where_in(("a",), 1), loaded.where_in(("b",), 2)] == [(2, 5), (3, 7)]
    path.write_text("a: 另一个值\n", encoding="utf-8")  # changed since: the value's start, never a wrong column
    assert loaded.where_in(("b",), 2) == (3, 4)


# Nesting: lists and mappings inside each other, each kind of opener the text can repeat. Each gives
# the text nested `depth` deep and the (line, column) of its k-th opener (0-based).
NESTINGS = {
    "flow lists left open": (lambda depth: "[" * depth, lambda k: (1, k + 1)),
    "flow lists closed": (lambda depth: "[" * depth + "]" * depth, lambda k: (1, k + 1)),
    "flow mappings left open": (lambda depth: "{" * depth, lambda k: (1, k + 1)),
    "flow mappings with keys": (lambda depth: "{a: " * depth + "1" + "}" * depth, lambda k: (1, 4 * k + 1)),
    "lists and mappings mixed": (lambda depth: "[{a: " * (depth // 2) + "[" * (depth % 2),
                                 lambda k: (1, 5 * (k // 2) + (k % 2) + 1)),
    "block list items on one line": (lambda depth: "- " * depth + "x\n", lambda k: (1, 2 * k + 1)),
    "explicit keys on one line": (lambda depth: "? " * depth + "x\n", lambda k: (1, 2 * k + 1)),
    "block list items indented": (lambda depth: "".join("  " * k + "-\n" for k in range(depth)) + "  " * depth + "x\n",
                                  lambda k: (k + 1, 2 * k + 1)),
    "block mappings indented": (lambda depth: "".join(" " * k + "k:\n" for k in range(depth)) + " " * depth + "x\n",
                                lambda k: (k + 1, k + 1)),
}
_LOAD_EACH = """
import json, sys
from generator.yamlio import load_yaml
for text in json.loads(sys.stdin.read()):
    loaded, problems = load_yaml(text, "x.yaml")
    print(json.dumps([loaded is not None, [(p.line, p.col, p.code, p.message) for p in problems]]), flush=True)
"""


def _too_deep(line: int, col: int) -> tuple[int, int, str, str]:
    from generator.yamlio import TOO_DEEP
    return line, col, "yaml-syntax", TOO_DEEP[0]


def test_nesting_far_deeper_than_allowed_is_refused_at_its_place_without_a_crash():
    """Found by a user test: `note: ` and 30,000 `[` made `check` die of a segfault without a word
    (libyaml's composer recurses in C and overflowed the stack; depths up to ~24,000 gave a message
    at 1:1). Every shape of nesting, at depths from just past the limit to the size of a whole file,
    is now refused at the first list or mapping past MAX_DEPTH, quickly. Run in a second process
    with an 8 MB stack (Linux's usual), as a crash would end pytest itself."""
    import json
    import resource
    import subprocess
    import sys
    import time

    from generator.yamlio import MAX_DEPTH
    from tests.conftest import ROOT

    cases = [(name, depth) for name in NESTINGS for depth in (MAX_DEPTH + 1, 30_000, 200_000)
             if not ("indented" in name and depth > 3_000)]  # indented: 3,000 levels already fill 9 MB
    cases += [(name, 3_000) for name in NESTINGS if "indented" in name]
    texts = [NESTINGS[name][0](depth) for name, depth in cases]

    def stack_of_8_mb() -> None:
        resource.setrlimit(resource.RLIMIT_STACK, (8 << 20, resource.getrlimit(resource.RLIMIT_STACK)[1]))

    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _LOAD_EACH], input=json.dumps(texts), capture_output=True, text=True,
                         cwd=ROOT, timeout=300, preexec_fn=stack_of_8_mb)
    seconds = time.perf_counter() - start
    results = [json.loads(line) for line in run.stdout.splitlines()]
    done = len(results)
    assert run.returncode == 0, f"crashed ({run.returncode}) on {cases[done] if done < len(cases) else '?'}: {run.stderr[-2000:]}"
    for (name, depth), (loaded, problems) in zip(cases, results, strict=True):
        assert not loaded and problems == [list(_too_deep(*NESTINGS[name][1](MAX_DEPTH)))], (name, depth, problems)
    assert seconds < 60, seconds  # ~5 s on a busy 2-CPU machine, most of it the 200,000-level texts


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(1, 8), st.integers(97, 130)).flatmap(  # shallow, or about the limit (MAX_DEPTH = 100)
    lambda n: st.lists(st.sampled_from(["[", "{a: ", "{? "]), min_size=n, max_size=n)), st.booleans())
def test_nesting_up_to_the_limit_loads_and_one_level_more_is_refused_at_that_opener(openers, in_a_key):
    from generator.yamlio import MAX_DEPTH

    closers = {"[": "]", "{a: ": "}", "{? ": "}"}
    prefix = "note: " if in_a_key else ""  # the file's own mapping is one level more
    text = prefix + "".join(openers) + "x" + "".join(closers[o] for o in reversed(openers)) + "\n"
    loaded, problems = load_yaml(text, "x.yaml")
    depth = len(openers) + in_a_key
    if depth <= MAX_DEPTH:
        assert loaded is not None and not [p for p in problems if p.code == "yaml-syntax"], problems
        return
    refused = MAX_DEPTH - in_a_key  # the opener that makes it MAX_DEPTH + 1 deep
    col = len(prefix) + sum(len(o) for o in openers[:refused]) + 1
    assert loaded is None and [(p.line, p.col, p.code, p.message) for p in problems] == [_too_deep(1, col)]
