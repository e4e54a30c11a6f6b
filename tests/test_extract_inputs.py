"""`extract` on texts of our own in the same genre, in every format, and on bad input.

The expectations are read off the fixture texts by hand (tests/fixtures/extract/), not computed
the way the extractor computes them.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.extract.clean import split_paragraphs
from generator.extract.draft import Registries, build_draft
from generator.extract.items import parse_body
from generator.extract.metadata import find_metadata
from generator.extract.read import ExtractError, read_source
from tests.conftest import DATA, ROOT

HERE = Path(__file__).resolve().parent / "fixtures" / "extract"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def registries() -> Registries:
    return Registries.load(DATA)


def _preamble(path: Path) -> tuple[list[str], str]:
    """What find_metadata reads: the lines before the body, and the whole text."""
    source = read_source(path)
    return parse_body(list(split_paragraphs(source.text).items)).title_lines, source.text


def draft_of(path: Path, district: str, registries: Registries) -> dict:
    districts = {d.slug: d for d in registries.districts}
    return build_draft(read_source(path), districts[district], None, registries).document


def by_number(doc: dict) -> dict[str, dict]:
    return {m["number"]: m for m in doc["measures"] if m["number"]}


def printed(value) -> str:
    return value["printed"] if isinstance(value, dict) else value


def targets(measure: dict) -> list[tuple]:
    return [(t.get("value"), t["unit"], t["comparator"], t.get("target_year"), bool(t.get("set_by_municipality")))
            for t in measure.get("targets", [])]


# ---------------------------------------------------------------- own texts, plain text


def test_numbering_with_ideographic_comma_and_units_in_other_words(registries):
    doc = draft_of(HERE / "county-paren-arabic.txt", "jiangjin", registries)
    assert doc["doc_number"] == "江津府办发〔2024〕9号"
    assert doc["title"] == "江津区光伏与储能推进行动方案"
    assert doc["notice_title"] == "关于印发江津区光伏与储能推进行动方案的通知"
    # the relation is the editor's to confirm (a TODO); the reading of 「贯彻落实《…》」 is the guess
    assert doc["policies"] == [{"title": "重庆市能源发展“十四五”规划", "doc_number": "渝府发〔2022〕11号",
                                "relation": "todo"}]
    meta = find_metadata(*_preamble(HERE / "county-paren-arabic.txt"))
    assert meta.policies[0]["relation"] == "implements"
    items = by_number(doc)
    assert sorted(items) == ["1、", "2、", "3、", "（一）", "（二）"]
    assert items["1、"]["title"] == "建设公共建筑屋顶光伏。"
    assert items["1、"]["responsibility"]["lead"] == ["区发展改革委"]
    assert items["1、"]["responsibility"]["support"] == ["区机关事务管理中心", "区教委", "区卫生健康委"]
    assert targets(items["1、"]) == [("50", "%", "≥", 2025, False)]
    # `由A牵头，B配合`: 由 is not part of the unit
    assert items["2、"]["responsibility"]["lead"] == ["区农业农村委"]
    assert items["2、"]["responsibility"]["support"] == ["各镇街"]
    assert items["3、"]["responsibility"]["joint"] == ["区经济信息委", "区发展改革委"]
    assert targets(items["3、"]) == [("3", "万千瓦", "=", 2025, False)]
    assert items["（二）"]["kind"] == "safeguard" and items["（二）"]["responsibility"]["joint"] == ["区财政局"]
    goal = next(m for m in doc["measures"] if m["kind"] == "goal")
    # 达到12万千瓦 says =; 新增800个 says no comparator: a guess the editor confirms (`todo`)
    assert targets(goal) == [("12", "万千瓦", "=", 2025, False), ("800", "个", "todo", 2025, False)]


def test_chapters_and_bold_led_paragraphs(registries):
    doc = draft_of(HERE / "county-chapters-boldled.txt", "tongliang", registries)
    titles = [printed(m["title"]) for m in doc["measures"] if m["kind"] == "measure"]
    assert titles == ["推进大宗货物公转铁。", "发展多式联运。", "加快公交车电动化。", "建设充电基础设施。"]
    goal = next(m for m in doc["measures"] if m["kind"] == "goal")
    assert targets(goal) == [("25", "%", "=", 2027, False), ("98", "%", "≥", 2027, False)]
    first = doc["measures"][1]
    assert targets(first) == [("20", "%", "todo", 2027, False)] and first["targets"][0]["base_year"] == 2023  # 增长20%
    assert [m["kind"] for m in doc["measures"]].count("safeguard") == 1
    assert not any("近年来" in printed(m["text"]) for m in doc["measures"])  # 发展基础 is not a measure


def test_flattened_task_table_with_lead_and_supporting_columns(registries):
    doc = draft_of(HERE / "task-table.txt", "yongchuan", registries)
    tasks = [m for m in doc["measures"] if m["kind"] == "task"]
    assert [t["number"] for t in tasks] == ["1", "2", "3"]
    assert [t["category"] for t in tasks] == ["源头减量", "源头减量", "回收处置"]
    assert tasks[0]["responsibility"] == {"lead": ["区市场监管局"], "support": ["区经济信息委", "区商务委"]}
    assert tasks[2]["responsibility"]["support"] == ["区商务委", "区供销合作社"]
    assert tasks[2]["responsibility"]["support_etc"] is True
    assert targets(tasks[1]) == [("80", "%", "=", 2025, False)]


def test_unknown_unit_gets_the_nearest_department_with_a_score_and_a_todo(registries):
    doc = draft_of(HERE / "units-other-words.txt", "yongchuan", registries)
    goal, farm, industry, town = doc["measures"]
    assert goal["kind"] == "goal" and goal["title"] == "工作目标。"
    assert targets(goal) == [("16", "%", "todo", 2025, False), ("0.52", "", "=", 2025, False)]  # 下降16%, 提高到0.52
    assert goal["targets"][0]["base_year"] == 2020
    assert farm["responsibility"]["lead"] == ["区农业农村委"]
    assert farm["responsibility"]["support"] == ["区水利局", "区财政局"]
    assert farm["responsibility"]["support_etc"] is True
    assert targets(farm) == [("1.5", "万亩", "todo", 2025, False)]  # 新增…1.5万亩
    assert industry["responsibility"]["joint"] == ["区经济信息委", "区水利局"]
    assert targets(industry) == [(None, "", "=", 2025, True)]  # 完成市下达的…目标任务
    assert targets(town) == [("9", "%", "≤", 2025, False)]
    water = town["responsibility"]["support"][1]
    assert water["printed"] == "永川区水务集团" and water["note"].startswith("TODO") and "相似度" in water["note"]


def test_unknown_numbering_is_refused_with_a_clear_message():
    result = run("extract", str(HERE / "unknown-numbering.txt"), "--district", "jiangjin")
    assert result.returncode == 1
    assert "中没有认出任何带编号的条目、标题或表格行" in result.stderr
    assert_chinese_error(result.stderr)


# ---------------------------------------------------------------- other formats


def test_html_page_without_portal_boilerplate(registries):
    source = read_source(HERE / "portal-page.html")
    assert source.format == "html"
    for chrome in ("统计代码", "扫一扫", "ICP备", "政务服务"):  # script, nav and footer are not text
        assert chrome not in source.text
    doc = draft_of(HERE / "portal-page.html", "jiangjin", registries)
    # the sharing line stays in the verbatim source text but is no part of any item
    assert "分享到" in source.text and not any("分享" in printed(m["text"]) for m in doc["measures"])
    assert doc["doc_number"] == "江津府办发〔2024〕15号"
    assert doc["dates"]["written"] == "2024-05-06" and doc["dates"]["published"] == "2024-05-10"
    items = by_number(doc)
    assert sorted(items) == ["1.", "2.", "（一）"]
    assert items["2."]["responsibility"]["support"] == ["区机关事务管理中心", "区财政局"]
    assert targets(items["1."]) == [("100", "%", "=", 2025, False)]


def _docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in ["永川区塑料污染治理实施方案", "一、工作目标", "到2025年，塑料制品管理制度基本建立。", "二、重点任务",
                 "1.推广替代产品。推广使用环保布袋、纸袋，到2025年可降解购物袋使用比例达到80%。（牵头单位：区商务委；配合单位：区市场监管局）",
                 "附表 重点任务分工表"]:
        document.add_paragraph(line)
    rows = [("序号", "重点任务", "牵头单位", "配合单位"),
            ("1", "禁止生产和销售超薄塑料购物袋。", "区市场监管局", "区经济信息委、区商务委"),
            ("2", "加强塑料废弃物回收利用，生活垃圾回收利用率达到35%。", "区城市管理局", "区商务委")]
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_docx_paragraphs_and_a_real_table(tmp_path, registries):
    doc = draft_of(_docx(tmp_path / "plastics.docx"), "yongchuan", registries)
    kinds = [(m["kind"], m["number"]) for m in doc["measures"]]
    assert kinds == [("goal", ""), ("measure", "1."), ("task", "1"), ("task", "2")]
    assert doc["measures"][1]["responsibility"] == {
        "clause": "（牵头单位：区商务委；配合单位：区市场监管局）", "lead": ["区商务委"], "support": ["区市场监管局"]}
    assert doc["measures"][3]["responsibility"] == {"lead": ["区城市管理局"], "support": ["区商务委"]}
    assert targets(doc["measures"][3]) == [("35", "%", "=", 2025, False)]


def _pdf(path: Path, lines: list[str] | None, image: bool = False) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if image:  # a scanned page: pixels only, no text layer
        from PIL import Image

        picture = path.with_suffix(".png")
        Image.new("L", (400, 300), 200).save(picture)
        pdf.image(str(picture), x=10, y=10, w=150)
    else:
        pdf.add_font("noto", "", str(CJK_FONT), collection_font_number=2)
        pdf.set_font("noto", size=10)
        for line in lines or []:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.mark.skipif(not CJK_FONT.exists(), reason="fonts-noto-cjk is not installed (.ci/run installs it)")
def test_pdf_with_a_text_layer_gives_the_same_items_as_the_text(tmp_path, registries):
    text = (HERE / "units-other-words.txt").read_text(encoding="utf-8").splitlines()
    pdf = _pdf(tmp_path / "water.pdf", [line for line in text if line])
    from_pdf = draft_of(pdf, "yongchuan", registries)
    from_txt = draft_of(HERE / "units-other-words.txt", "yongchuan", registries)
    assert [(m["number"], m.get("responsibility")) for m in from_pdf["measures"]] == \
        [(m["number"], m.get("responsibility")) for m in from_txt["measures"]]


# ---------------------------------------------------------------- bad input: a message, no traceback


def _writes(data: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path
    return make


def _zip_without_document(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "这不是 Word 文件")
    return path


def _gbk(path: Path) -> Path:
    path.write_bytes((HERE / "county-paren-arabic.txt").read_text(encoding="utf-8").encode("gbk"))
    return path


BAD = {
    "empty.txt": (_writes(b""), "是空文件"),
    "blank.txt": (_writes(b"\n  \n"), "是空文件"),
    "binary.bin": (_writes(bytes(range(256)) * 8), "是二进制文件"),
    # a Word 97 file (its OLE header) and a WPS one: told to save them as .docx (found by an editor test)
    "old-word.doc": (_writes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), "旧版 Word（.doc）或 WPS 格式"),
    "plan.wps": (_writes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), "“另存为” .docx"),
    "garbage.txt": (_writes(b"lorem ipsum 12345 !!! ###\n" * 40), "几乎没有中文"),
    "gbk.txt": (_gbk, "看起来是 GBK 编码"),
    "neither-utf8-nor-gbk.txt": (_writes(b"\xff\xfe\xfd" * 200), "既不是 UTF-8 文本，也不是 GBK 文本"),
    "controls.txt": (_writes("政策".encode() + b"\x01\x02\x03" * 200), "控制字符太多"),
    "fake.docx": (_writes(b"PK\x03\x04 not really a zip"), "不是 .docx 文件"),
    "zip-not-docx.docx": (_zip_without_document, "不是能读取的 .docx 文件"),
    "broken.pdf": (_writes(b"%PDF-1.4\n garbage"), "不是能读取的 PDF 文件"),
    "scanned.pdf": (lambda p: _pdf(p, None, image=True), "没有文字层"),
}


CJK = re.compile("[\u4e00-\u9fff]")


def assert_chinese_error(stderr: str) -> None:
    """An extract error reads like every other error: `错误：…` and `    建议：…`, both in Chinese."""
    lines = stderr.splitlines()
    assert len(lines) == 2 and "Traceback" not in stderr, stderr
    assert lines[0].startswith("错误：") and CJK.search(lines[0].removeprefix("错误：")), stderr
    assert lines[1].startswith("    建议：") and CJK.search(lines[1].removeprefix("    建议：")), stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_a_clear_message_with_exit_1(tmp_path, name):
    make, message = BAD[name]
    path = make(tmp_path / name)
    result = run("extract", str(path), "--district", "jiangjin")
    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert_chinese_error(result.stderr)
    # no library's English reaches the editor (PDFium's "Failed to load document (PDFium: Data format error)")
    assert not re.search(r"Error|Failed|PDFium|zip file", result.stderr), result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2_with_a_chinese_message(tmp_path):
    usage_errors = {
        "missing file": (run("extract", str(tmp_path / "missing.txt"), "--district", "jiangjin"), "找不到文件"),
        "a folder": (run("extract", str(tmp_path), "--district", "jiangjin"), "是文件夹，不是文件"),
        "unknown district": (run("extract", str(HERE / "task-table.txt"), "--district", "atlantis"),
                             "区县 `atlantis` 不在"),
        "unknown district, how to add it": (run("extract", str(HERE / "task-table.txt"), "--district", "atlantis"),
                                            "新区县先在 site_data/districts.yaml 中登记（见编辑指南“登记新区县”）"),
        # a registered district's Chinese name or alias: the slug meant (as `new` says it), not "register it"
        "district by its Chinese name": (run("extract", str(HERE / "task-table.txt"), "--district", "永川区"),
                                         "是不是要写 `--district yongchuan`（永川区）？可用的区县编号：jiangjin（江津区）、"),
        "district by its alias": (run("extract", str(HERE / "task-table.txt"), "--district", "永川"),
                                  "区县 `永川` 写的是中文名称：这里要写 site_data/districts.yaml（区县名录）中的英文编号"),
        "an id check would refuse": (run("extract", str(HERE / "task-table.txt"), "--district", "yongchuan",
                                         "--id", "Bad_ID"), "编号 `Bad_ID` 不能用作文件编号"),
        "no district": (run("extract", str(HERE / "task-table.txt")), "请给出原文文件和 --district"),
        "no data folder": (run("extract", str(HERE / "task-table.txt"), "--district", "jiangjin", "--data", str(tmp_path)),
                           "中没有 districts.yaml"),
    }
    for name, (result, message) in usage_errors.items():
        assert result.returncode == 2, name
        assert message in result.stderr, name
        assert_chinese_error(result.stderr)


def test_broken_registries_are_an_error_not_a_traceback(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "themes.yaml").write_text("themes: [\n", encoding="utf-8")
    result = run("extract", str(HERE / "task-table.txt"), "--district", "yongchuan", "--data", str(data))
    assert result.returncode == 1
    assert "名录文件" in result.stderr
    # first what is wrong where, as `check` says it; then the extract error
    said, hint, *extract_error = result.stderr.splitlines()
    assert said.startswith(f"{data / 'themes.yaml'}:2:1: 错误[yaml-syntax]: ") and hint.startswith("    建议：")
    assert_chinese_error("\n".join(extract_error))


def test_read_source_names_the_file_in_its_error(tmp_path):
    with pytest.raises(ExtractError, match="empty.txt 是空文件"):
        read_source(BAD["empty.txt"][0](tmp_path / "empty.txt"))


# ---------------------------------------------------------------- drafts against `check` and `build`


def test_drafts_pass_check_with_todo_warnings_and_build_refuses_them(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    sources = [("jiangjin", ROOT / "site_data/sources/jiangjin-2022-57.txt", "jiangjin-redraft"),
               ("qianjiang", ROOT / "site_data/sources/qianjiang-2022-24.txt", "qianjiang-redraft"),
               ("tongliang", ROOT / "site_data/sources/tongliang-2021-climate-plan.txt", "tongliang-redraft"),
               ("jiangjin", HERE / "portal-page.html", "jiangjin-2024-15"),
               ("yongchuan", HERE / "units-other-words.txt", "yongchuan-water")]
    for published in ("jiangjin/jiangjin-2022-57", "qianjiang/qianjiang-2022-24", "tongliang/tongliang-2021-climate-plan"):
        # redrafted, each is the only copy of its source (two would be duplicate-source)
        (data / "documents" / f"{published}.yaml").unlink()
        (data / "sources" / f"{published.split('/')[1]}.txt").unlink()
    for district, source, doc_id in sources:
        out = data / "documents" / district / f"{doc_id}.yaml"
        result = run("extract", str(source), "--district", district, "--id", doc_id, "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert "没能填写" in result.stderr
        assert (data / "sources" / f"{doc_id}.txt").is_file()
    check = run("check", "--data", str(data))
    assert check.returncode == 0, check.stderr
    assert "错误[" not in check.stderr
    layout = run("fmt", "--check", "--data", str(data))  # drafts come in the canonical layout
    assert layout.returncode == 0, layout.stdout + layout.stderr
    assert "提醒[todo]" in check.stderr and "处 TODO 待填" in check.stdout
    # a gap names its record and its field, with the field's meaning
    assert "yongchuan-water.yaml:41:14: 提醒[todo]: 条目 goal-1：字段 `themes#1`（主题）仍是草稿中待填的 TODO" in check.stderr
    assert "yongchuan-water.yaml:8:14: 提醒[todo]: 字段 `short_title`（表格和链接中使用的中文简称）仍是草稿中待填的 TODO" in check.stderr
    build = run("build", "--data", str(data), "--out", str(tmp_path / "out"))
    assert build.returncode == 1 and "错误[todo]" in build.stderr


def test_extract_never_overwrites_checked_work_without_force(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "site_data", data)
    out = data / "documents" / "jiangjin" / "jiangjin-2022-57.yaml"
    source = data / "sources" / "jiangjin-2022-57.txt"
    before = (out.read_bytes(), source.read_bytes())
    args = ("extract", str(ROOT / "site_data/sources/jiangjin-2022-57.txt"), "--district", "jiangjin",
            "--id", "jiangjin-2022-57", "--data", str(data), "--out", str(out))
    refused = run(*args)
    assert refused.returncode == 2
    assert f"错误：{out}、{source} 已经存在，没有写出任何内容" in refused.stderr and "--force" in refused.stderr
    assert (out.read_bytes(), source.read_bytes()) == before
    forced = run(*args, "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_bytes() != before[0] and "TODO" in out.read_text(encoding="utf-8")


def test_a_target_year_or_value_the_clause_does_not_print_is_explained_or_left_to_the_editor():
    """Where the check looks for a target's year finds none, the draft marks the year it took from
    the document's horizon as a TODO naming it; a value read from words (「优于Ⅲ类」 → 3) gets a
    note naming the number: so a filled-in draft passes the check's value and year rules."""
    drafted = {}
    for doc_id, district in (("qianjiang-2022-24", "qianjiang"), ("yongchuan-2022-112", "yongchuan")):
        result = run("extract", str(ROOT / "site_data/sources" / f"{doc_id}.txt"), "--district", district)
        assert result.returncode == 0, result.stderr
        drafted[doc_id] = (yaml.safe_load(result.stdout), result.stderr)
    qianjiang, summary = drafted["qianjiang-2022-24"]
    guessed = [t for m in qianjiang["measures"] for t in m.get("targets", [])
               if str(t.get("note", "")).startswith("TODO: 本条目没有印出年份")]
    assert guessed and all(f"写出 {t['target_year']}" in t["note"] for t in guessed)
    assert summary.count("按文件期限推定") == len(guessed)
    classes = [t for m in drafted["yongchuan-2022-112"][0]["measures"] for t in m.get("targets", []) if t["unit"] == "类"]
    assert classes and all(f"记 {t['value']}（" in t["note"] for t in classes)


def test_json_prints_measures_json_records():
    import json

    result = run("extract", str(HERE / "task-table.txt"), "--district", "yongchuan", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    layout = ["id", "document", "district", "district_name", "document_status", "kind", "number", "category", "title",
              "text", "text_reading", "lead", "lead_etc", "support", "support_etc", "joint", "joint_etc", "themes",
              "targets", "url", "similar"]
    assert [list(r) for r in records] == [layout] * len(records)
    assert records[1]["lead"][0]["printed"] == "区市场监管局"


def test_without_out_nothing_is_written(tmp_path):
    before = sorted(p.relative_to(DATA) for p in DATA.rglob("*"))
    result = run("extract", str(HERE / "task-table.txt"), "--district", "yongchuan", cwd=ROOT)
    assert result.returncode == 0
    assert yaml.safe_load(result.stdout)["measures"]
    assert sorted(p.relative_to(DATA) for p in DATA.rglob("*")) == before


def test_a_todo_is_printed_as_a_warning_in_every_format():
    from generator.diagnostics import Diagnostic, render

    gap = Diagnostic("d.yaml", 3, 5, "todo", "`short_title` 仍是草稿中待填的 TODO", "对照原文填入这个值，再删掉 TODO",
                     severity="warning")
    assert render([gap]) == "d.yaml:3:5: 提醒[todo]: `short_title` 仍是草稿中待填的 TODO\n    建议：对照原文填入这个值，再删掉 TODO"
    assert render([gap], "github") == ("::warning file=d.yaml,line=3,col=5,title=提醒[todo]::`short_title` 仍是草稿中待填的 TODO "
                                       "建议：对照原文填入这个值，再删掉 TODO")
    assert '"severity": "warning"' in render([gap], "json")
    assert Diagnostic("d.yaml", 1, 1, "todo", "m").severity == "error"  # the default stays an error
    with pytest.raises(ValueError):
        Diagnostic("d.yaml", 1, 1, "todo", "m", severity="notice")


@pytest.mark.parametrize("source,district", [("task-table.txt", "yongchuan"), ("units-other-words.txt", "yongchuan"),
                                             ("portal-page.html", "jiangjin")])
def test_the_summary_an_editor_reads_is_chinese(source, district):
    """What extract found and what it could not fill: every line of the summary is Chinese."""
    result = run("extract", str(HERE / source), "--district", district)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("extract：") and any(line.startswith("  没能填写（") for line in lines)
    assert [line for line in lines if not CJK.search(line)] == []
    assert yaml.safe_load(result.stdout)["measures"]
    assert result.stdout.startswith("# 由 `python -m generator extract` 起草")


def test_every_todo_marker_is_found_also_when_its_text_repeats():
    from generator.load import todo_markers
    from generator.yamlio import load_yaml

    text = "a: TODO 待填\nb:\n  - TODO 待填\n  - c: todo\n    d: [todo, 已填, TODO]\ne: 没有标记\n"
    loaded, _ = load_yaml(text, "x.yaml")
    assert todo_markers(loaded) == {("a",): (1, 4), ("b", 0): (3, 5), ("b", 1, "c"): (4, 8),
                                    ("b", 1, "d", 0): (5, 9), ("b", 1, "d", 2): (5, 19)}
    loaded, _ = load_yaml("a: 待填\nb: [to do, Todo]\n", "x.yaml")
    assert todo_markers(loaded) == {}
