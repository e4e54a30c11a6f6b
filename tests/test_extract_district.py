"""`extract` with a `--district` the source does not name: refused, naming the district it does.

A user test ran `extract` on 铜梁's plan with `--district rongchang`: the draft said the source named no
district and proposed registering 铜梁's towns as 荣昌区庆隆镇人民政府 and the like.
"""
from __future__ import annotations

import pytest
import yaml

from generator.districts import CHONGQING, named_elsewhere
from generator.extract.draft import Registries, build_draft
from generator.extract.read import read_source
from generator.model import District
from tests.conftest import DATA
from tests.test_extract_inputs import run
from tests.test_extract_units import PLAN, RONGCHANG, data  # noqa: F401 - data: the corpus with 荣昌区 registered, as the user test's editor had done

TONGLIANG = DATA / "sources" / "tongliang-2021-climate-plan.txt"


def test_a_source_of_another_registered_district_is_refused_naming_it(data, tmp_path):  # noqa: F811 - the imported fixture
    out = data / "documents" / "rongchang" / "rongchang-2021-1.yaml"
    result = run("extract", str(TONGLIANG), "--district", "rongchang", "--data", str(data), "--out", str(out))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "错误：原文写的是铜梁区（标题「铜梁区应对气候变化“十四五”规划」、印发通知的标题「关于《铜梁区“十四五”应对气候变化规划》"
        "公开征求意见的通知」），不是 --district rongchang（荣昌区）：草稿会被归到荣昌区名下，原文的单位也会被当作荣昌区的单位，没有起草\n"
        "    建议：是不是要写 `--district tongliang`（铜梁区）？核对原文后改正 --district 再运行；原文确是荣昌区的文件、"
        "只是印错了区县名时，照编辑指南手写 YAML，并在 attribution 中写明依据\n")
    assert not out.exists() and "荣昌区庆隆镇" not in result.stderr  # nothing drafted, no body invented


def test_a_source_of_a_district_not_registered_offers_its_slug_to_register(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    result = run("extract", str(source), "--district", "yongchuan")
    assert result.returncode == 2
    assert result.stderr.startswith("错误：原文写的是荣昌区（标题「荣昌区电能替代推进方案」），不是 --district yongchuan（永川区）")
    assert ("建议：荣昌区还没有在 site_data/districts.yaml 中登记：先登记它（编号如 `rongchang`，见编辑指南“登记新区县”），"
            "再用 `--district rongchang` 运行") in result.stderr


def test_the_right_district_is_drafted(data):  # noqa: F811 - the imported fixture
    registries = Registries.load(data)
    districts = {d.slug: d for d in registries.districts}
    assert build_draft(read_source(TONGLIANG), districts["tongliang"], None, registries).elsewhere is None
    source = data.parent / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    assert build_draft(read_source(source), districts["rongchang"], None, registries).elsewhere is None


def district(slug: str, name: str, aliases: list[str]) -> District:
    return District(slug=slug, name=name, region="主城都市区", aliases=aliases)


YONGCHUAN = district("yongchuan", "永川区", ["永川"])
TONGLIANG_D = district("tongliang", "铜梁区", ["铜梁"])


def test_a_heading_that_names_no_district_leaves_it_to_the_text():
    body = "推进铜梁区工业园区建设。铜梁区新建充电桩。支持铜梁区企业。"
    heading = {"标题": "绿色低碳发展行动方案", "发文机关": None}
    found = named_elsewhere(body, heading, YONGCHUAN, [YONGCHUAN, TONGLIANG_D])
    assert found is not None and (found.slug, found.registered, found.where) == ("tongliang", True, "原文中出现「铜梁区」等写法 3 次")
    # named once or twice (a neighbour, a cooperation), or the given district named too: not another district's source
    assert named_elsewhere("与铜梁区、璧山区协同。", heading, YONGCHUAN, [YONGCHUAN, TONGLIANG_D]) is None
    assert named_elsewhere(body + "永川", heading, YONGCHUAN, [YONGCHUAN, TONGLIANG_D]) is None
    # a copy whose district name was removed (黔江's OCR copy): nothing to tell, the attribution is inferred
    assert named_elsewhere("推进工业园区建设。", heading, YONGCHUAN, [YONGCHUAN]) is None


def test_a_heading_naming_the_given_district_beside_another_is_the_given_ones():
    heading = {"标题": "永川区荣昌区协同推进碳达峰实施方案"}
    assert named_elsewhere("", heading, YONGCHUAN, [YONGCHUAN]) is None


def test_every_district_and_county_of_chongqing_is_known():
    assert len(CHONGQING) == 38 and len({slug for slug, _ in CHONGQING}) == 38
    assert sum(name.endswith("区") for _, name in CHONGQING) == 26
    heading = {"标题": "彭水县碳达峰实施方案"}
    found = named_elsewhere("", heading, YONGCHUAN, [YONGCHUAN])
    assert found is not None and (found.slug, found.name, found.registered) == ("pengshui", "彭水苗族土家族自治县", False)


@pytest.mark.slow
@pytest.mark.parametrize("doc_id,slug", [("jiangjin-2022-57", "jiangjin"), ("jiangjin-2022-manufacturing", "jiangjin"),
                                         ("qianjiang-2022-24", "qianjiang"), ("tongliang-2021-climate-plan", "tongliang"),
                                         ("yongchuan-2022-112", "yongchuan")])
def test_each_corpus_source_is_drafted_under_its_own_district_only(doc_id, slug):
    registries = Registries.load(DATA)
    source = read_source(DATA / "sources" / f"{doc_id}.txt")
    for d in registries.districts:
        found = build_draft(source, d, doc_id, registries).elsewhere
        # 黔江's copy prints no district name: it cannot be told from another's
        assert (found is None) == (d.slug == slug or doc_id.startswith("qianjiang")), (d.slug, found)


def test_the_draft_is_named_by_the_out_file_as_check_wants(data):  # noqa: F811 - the imported fixture
    """A user test: a source printed without a 文号 was drafted as `tongliang-draft` into the file the
    editor named with --out, and `check` then asked to rename the file after that id."""
    out = data / "documents" / "tongliang" / "tongliang-2021-copy.yaml"
    result = run("extract", str(TONGLIANG), "--district", "tongliang", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["id"] == "tongliang-2021-copy"
    assert (data / "sources" / "tongliang-2021-copy.txt").is_file()
    assert not (data / "sources" / "tongliang-draft.txt").exists()


def test_an_id_that_is_not_the_out_file_name_is_refused(data):  # noqa: F811 - the imported fixture
    out = data / "documents" / "tongliang" / "tongliang-2021-copy2.yaml"
    result = run("extract", str(TONGLIANG), "--district", "tongliang", "--data", str(data), "--out", str(out),
                 "--id", "tongliang-2021-other")
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.startswith("错误：--id tongliang-2021-other 与 --out 的文件名 tongliang-2021-copy2.yaml 不一致")
    assert "tongliang-2021-other.yaml" in result.stderr


def test_an_out_file_name_that_cannot_be_an_id_is_refused(data):  # noqa: F811 - the imported fixture
    out = data / "documents" / "tongliang" / "Tongliang 2021.yaml"
    result = run("extract", str(TONGLIANG), "--district", "tongliang", "--data", str(data), "--out", str(out))
    assert result.returncode == 2 and not out.exists()
    assert result.stderr.startswith("错误：--out 的文件名 Tongliang 2021.yaml 不能用作文件编号")
