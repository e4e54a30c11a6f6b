"""`python -m generator fmt`: one canonical layout, comments kept, values never changed; every
committed data file is in it. `python -m generator new`: an annotated document that validates."""
from __future__ import annotations

import shutil

import pytest

from generator.cli import main
from generator.fmt import data_files, format_files, format_text
from generator.load import parse_file, todo_markers
from generator.model import Document
from generator.scaffold import ScaffoldRefused, scaffold
from generator.yamlio import load_yaml
from tests.conftest import DATA, FIXTURE

LONG = "积极推进天然气(页岩气)勘探开发，这一行很长" + "很长" * 24 + "。"  # never wrapped

MESSY = f"""\
# the plan of a district
id:   jiangjin-test
dates: {{written: 2022-04-16, published: null}}
measures:
- id: m1     # first measure
  text:    {LONG}
  themes: [energy,   transport]
  title:
  targets:
  -   metric: x
      value: "16"
"""

CANONICAL = f"""\
# yaml-language-server: $schema=../../schema/document.schema.json
# the plan of a district
id: jiangjin-test
dates: {{written: 2022-04-16, published: null}}
measures:
  - id: m1   # first measure
    text: {LONG}
    themes: [energy, transport]
    title: null
    targets:
      - metric: x
        value: "16"
"""


def test_a_messy_file_gets_the_canonical_layout_with_comments_kept():
    result = format_text(MESSY, "x.yaml", "../../schema/document.schema.json")
    assert result.problem is None
    assert result.text == CANONICAL
    assert format_text(CANONICAL, "x.yaml", "../../schema/document.schema.json").text == CANONICAL


def test_formatting_keeps_every_value():
    before, _ = load_yaml(MESSY, "x.yaml")
    after, _ = load_yaml(CANONICAL, "x.yaml")
    assert before is not None and after is not None and before.data == after.data


def test_a_file_with_a_yaml_error_is_reported_not_formatted():
    result = format_text("id: a\nid: b\n", "x.yaml", None)
    assert result.text is None and result.problem is not None
    assert result.problem.text() == (
        "x.yaml:2:1: 错误[duplicate-key]: 键 `id` 在同一层出现了两次（第一次在第 1 行）\n"
        "    建议：YAML 只会用后一个值：对照原文核对第 1 行和第 2 行哪个值对，留下对的那个；如果第 2 行起本是列表中新的一项，"
        "是它前面漏了 `- `（新的一项以 `- ` 开头，与上一项的 `- ` 对齐）")


def test_every_committed_data_file_is_formatted():
    report = format_files(data_files(DATA), DATA, check=True)
    assert report.problems == ()
    assert [str(p.relative_to(DATA)) for p in report.changed] == [], "run `python -m generator fmt`"


def test_fmt_check_fails_on_an_unformatted_file_and_fmt_fixes_it(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    shutil.copytree(DATA / "schema", data / "schema")
    path = data / "documents" / "jiangjin" / "jiangjin-test.yaml"
    assert main(["fmt", "--data", str(data), str(path)]) == 0  # the canonical layout first
    capsys.readouterr()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    kind: goal\n", "    kind:    goal\n", 1), encoding="utf-8")
    line = text.split("\n").index("    kind: goal") + 1
    assert main(["fmt", "--check", "--data", str(data), str(path)]) == 1
    assert f"格式未整理：{path}（第 {line} 行起）" in capsys.readouterr().out  # where the editor looks
    assert main(["fmt", "--data", str(data), str(path)]) == 0
    assert main(["fmt", "--check", "--data", str(data), str(path)]) == 0
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/document.schema.json\n")



@pytest.mark.parametrize("mark,line_end", [(b"\xef\xbb\xbf", b"\n"), (b"", b"\r\n"), (b"\xef\xbb\xbf", b"\r\n")])
def test_fmt_reads_a_file_as_check_does_and_writes_it_plainly(tmp_path, capsys, mark, line_end):
    """A byte-order mark and CRLF line ends, which `check` accepts, are no error to `fmt` either:
    --check names the file, and fmt writes it without the mark, with LF, values unchanged."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    shutil.copytree(DATA / "schema", data / "schema")
    path = data / "documents" / "jiangjin" / "jiangjin-test.yaml"
    assert main(["fmt", "--data", str(data), str(path)]) == 0
    plain = path.read_bytes()  # the canonical layout
    path.write_bytes(mark + plain.replace(b"\n", line_end))
    assert main(["check", "--data", str(data)]) == 0
    capsys.readouterr()
    assert main(["fmt", "--check", "--data", str(data), str(path)]) == 1
    out = capsys.readouterr()
    assert f"格式未整理：{path}" in out.out and "错误" not in out.err
    assert main(["fmt", "--data", str(data), str(path)]) == 0
    assert path.read_bytes() == plain


def test_fmt_says_when_nothing_needed_formatting_and_names_a_file_that_is_not_there(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    shutil.copytree(DATA / "schema", data / "schema")
    path = data / "documents" / "jiangjin" / "jiangjin-test.yaml"
    assert main(["fmt", "--data", str(data), str(path)]) == 0
    assert capsys.readouterr().out == f"已整理格式：{path}\n"
    assert main(["fmt", "--data", str(data), str(path)]) == 0  # the second time there is nothing to do
    assert capsys.readouterr().out == "所有文件的格式都已统一，没有要改的\n"
    source = data / "sources" / "jiangjin-test.txt"  # not a data file: refused, never rewritten
    before = source.read_bytes()
    assert main(["fmt", "--data", str(data), str(source)]) == 1
    out = capsys.readouterr()
    assert f"{source}:1:1: 错误[misplaced-file]: 这不是 YAML 数据文件（扩展名是 .txt）" in out.err and source.read_bytes() == before
    missing = data / "documents" / "jiangjin" / "jiangjin-tset.yaml"
    for args in (["fmt", "--data", str(data), str(missing)], ["fmt", "--data", str(data), str(missing.parent)]):
        assert main(args) == 1
        out = capsys.readouterr()
        assert out.out == "" and f"{args[-1]}:1:1: 错误[missing-file]: 找不到这个文件（或者它是文件夹）" in out.err, out


def test_new_scaffolds_an_annotated_document_that_validates(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = scaffold(data, "jiangjin", "jiangjin-2030-1")
    assert path == data / "documents" / "jiangjin" / "jiangjin-2030-1.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# 文件编号 = 文件名" in text
    document, loaded, problems = parse_file(path, Document)  # TODO markers stand in for valid values, as in `check`
    assert problems == [] and loaded is not None and isinstance(document, Document)
    assert (document.id, document.district) == ("jiangjin-2030-1", "jiangjin")
    assert document.source.file == "jiangjin-2030-1.txt"
    assert format_files([path], data, check=True).changed == ()
    # every value the editor must write is a TODO marker: `check` lists it and `site` refuses to publish it
    markers = {".".join(map(str, loc)) for loc in todo_markers(loaded)}
    # (nobody has checked the new file against its source yet, nor said what kind of document it is)
    assert markers == {"title", "short_title", "issuer", "kind", "source.format_note", "attribution.evidence.0",
                       "last_verified", "outline.0.title", "measures.0.text", "measures.0.themes.0"}


def test_new_exits_0_after_writing(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    assert main(["new", "--data", str(data), "--district", "jiangjin", "--id", "jiangjin-2030-1"]) == 0
    assert capsys.readouterr().out.startswith(f"已写出 {data / 'documents' / 'jiangjin' / 'jiangjin-2030-1.yaml'}")


SLUGS = "可用的区县编号：jiangjin（江津区）、qianjiang（黔江区）、tongliang（铜梁区）、yongchuan（永川区）"


@pytest.mark.parametrize("district,doc_id,message", [
    ("jiangjn", "jiangjin-2030-1",
     "区县 `jiangjn` 不在 {registry}（区县名录）中\n    建议：是不是要写 `--district jiangjin`（江津区）？"
     f"{SLUGS}；新区县先在 {{registry}} 中登记（见编辑指南“登记新区县”）"),
    # a registered district's Chinese name or alias where its slug belongs: the slug it means, not "not registered"
    ("江津", "jiangjin-2030-1",
     "区县 `江津` 写的是中文名称：这里要写 {registry}（区县名录）中的英文编号（`slug:` 一行）\n"
     f"    建议：是不是要写 `--district jiangjin`（江津区）？{SLUGS}"),
    ("永川区", "yongchuan-2030-1",
     "区县 `永川区` 写的是中文名称：这里要写 {registry}（区县名录）中的英文编号（`slug:` 一行）\n"
     f"    建议：是不是要写 `--district yongchuan`（永川区）？{SLUGS}"),
    ("jiangjin", "Jiangjin_2030",
     "`Jiangjin_2030` 不是有效的编号\n    建议：只用小写字母、数字和单个连字符 `-`，如 jiangjin-2023-12"),
])
def test_new_refuses_with_a_reason(tmp_path, district, doc_id, message):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    with pytest.raises(ScaffoldRefused) as exc:
        scaffold(data, district, doc_id)
    assert str(exc.value) == message.format(registry=data / "districts.yaml")


def test_new_never_overwrites(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    existing = data / "documents" / "jiangjin" / "jiangjin-2022-57.yaml"
    before = existing.read_bytes()
    with pytest.raises(ScaffoldRefused) as exc:
        scaffold(data, "jiangjin", "jiangjin-2022-57")
    assert existing.read_bytes() == before
    # said as every other error is: what is wrong, then 建议 (a user test found it without one)
    assert str(exc.value) == (f"{existing} 已经存在，没有写出任何内容\n"
                              "    建议：新文件换一个编号（--id）；要从头重写 jiangjin-2022-57 时，先把原来的文件删去或改名"
                              "（它可能是已经核对过的内容，`git status` 可以看出它是否已经提交）")


# ---------------------------------------------------------------- comments in brackets, dates, blank lines

BRACKETED = """\
dates:
  written: '2022-04-16'
  printed: [
    "[ 成文日期 ] 2022-04-16",  # 网页
    "2022年4月16日",  # 落款
    ]
responsibility:
  support: [区发展改革委,   # 第一个
    区经信委]
  lead: [区经信委,   区发展改革委]  # 一行写完
"""

UNFOLDED = """\
dates:
  written: 2022-04-16
  printed:
    - "[ 成文日期 ] 2022-04-16"  # 网页
    - "2022年4月16日"  # 落款
responsibility:
  support:
    - 区发展改革委           # 第一个
    - 区经信委
  lead: [区经信委, 区发展改革委]    # 一行写完
"""


def test_a_bracketed_list_with_comments_becomes_one_item_a_line_and_keeps_every_comment():
    result = format_text(BRACKETED, "x.yaml", None)
    assert result.problem is None
    assert result.text == UNFOLDED
    assert format_text(UNFOLDED, "x.yaml", None).text == UNFOLDED
    before, _ = load_yaml(BRACKETED, "x.yaml")
    after, _ = load_yaml(UNFOLDED, "x.yaml")
    assert before is not None and after is not None and before.data == after.data


def test_a_comment_fmt_cannot_keep_leaves_the_file_as_it_is(tmp_path, capsys):
    # ruamel.yaml drops a comment inside `{…}` when it reads the file: fmt refuses rather than lose it
    text = "dates: {written: 2022-04-16,  # 落款\n  published: null}\n"
    result = format_text(text, "x.yaml", None)
    assert result.text is None and result.problem is not None
    assert "`# 落款`" in result.problem.message and "每项一行" in result.problem.hint
    # where the comment is, under a code of its own (the file is valid YAML: not a yaml-syntax error at 1:1)
    assert (result.problem.line, result.problem.col, result.problem.code) == (1, 31, "fmt-comment-in-brackets")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    report = format_files([path], tmp_path, check=False)
    assert report.problems and path.read_text(encoding="utf-8") == text


def test_a_fields_quoted_date_is_unquoted_and_blank_lines_are_at_most_one():
    text = ("id: x\ndates:\n  written: '2022-12-02'\n  published: \"2022-12-05\"\n"
            "  printed: [\"2022-12-02\", 2022年12月2日]\n\n\n\nlast_verified: '2022-02-30'\n"
            "note: |\n  第一段\n\n\n\n  第二段\n\n\n")
    result = format_text(text, "x.yaml", None)
    assert result.problem is None
    assert result.text == ("id: x\ndates:\n  written: 2022-12-02\n  published: 2022-12-05\n"
                           "  printed: [\"2022-12-02\", 2022年12月2日]\n\nlast_verified: '2022-02-30'\n"
                           "note: |\n  第一段\n\n\n\n  第二段\n")
    # a printed form in a list keeps its quotes; a date that does not exist stays quoted for check to report;
    # the blank lines inside the literal text are part of its value
