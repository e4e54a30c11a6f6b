"""A document whose heading names another district than its `district:` (a user test copied a 大足区
document into 江津's folder, changing only `id`, `district` and `source.file`): `check` passed and the
site published it as 江津区's. The check now says so, with the look-up `extract` refuses such a draft by."""
from __future__ import annotations

import pytest

from generator.checking import check_data
from generator.districts import named_elsewhere
from generator.model import District
from tests.conftest import DATA, FIXTURE
from tests.test_diagnostics import DOC, edited_copy, problems

SOURCE = "sources/jiangjin-test.txt"


def retitled(tmp_path, title: str, doc_number: str, issuer: str):
    """The fixture corpus with jiangjin-test's printed heading (source and YAML alike) replaced."""
    return edited_copy(tmp_path, FIXTURE, [
        (SOURCE, "测试区行动方案\n江津测试〔2022〕1号", f"{title}\n{doc_number}"),
        (DOC, "title: 测试区行动方案", f"title: {title}"),
        (DOC, "doc_number: 江津测试〔2022〕1号", f"doc_number: {doc_number}"),
        (DOC, "issuer: 测试区人民政府办公室", f"issuer: {issuer}"),
    ])


FIX_ALSO = "；确是江津区的文件时，照原文逐字改正标题、文号和发文机关"


@pytest.mark.parametrize("heading,said,fix", [
    # a district not registered: its slug offered for registering (as `extract` offers it)
    (("大足区绿色低碳发展试点实施方案", "大足府办发〔2023〕1号", "重庆市大足区人民政府办公室"),
     "大足区（标题「大足区绿色低碳发展试点实施方案」、发文机关「重庆市大足区人民政府办公室」）",
     "这是大足区的文件时（例如从大足区的文件复制而来），大足区还没有在 districts.yaml 中登记：先登记它（编号如 `dazu`，"
     "见编辑指南“登记新区县”），再把 `district` 改成 `dazu`，并把文件移到 site_data/documents/dazu/"),
    # a registered district, named by the 文号 alone
    (("绿色低碳发展试点实施方案", "黔江府办发〔2023〕1号", "区人民政府办公室"), "黔江区（文号「黔江府办发〔2023〕1号」）",
     "这是黔江区的文件时（例如从黔江区的文件复制而来），把 `district` 改成 `qianjiang`，并把文件移到 site_data/documents/qianjiang/"),
], ids=["unregistered", "registered-by-doc-number"])
def test_a_document_naming_another_district_is_an_error_at_its_district(tmp_path, heading, said, fix):
    assert problems(retitled(tmp_path, *heading)) == [
        f"{DOC}:2:11: 错误[printed-district-mismatch]: 文件写的区县是 `jiangjin`（江津区），原文写的却是{said}，"
        f"没有写江津区：这份文件会作为江津区的文件发布\n    建议：{fix}{FIX_ALSO}",
    ]


def test_a_heading_naming_its_own_district_or_none_passes(tmp_path):
    # its own district beside another (a cooperation), in the 文号 alone, or no district at all (an OCR copy
    # whose district name was removed: its attribution is inferred)
    for title, doc_number, issuer in [("江津区大足区协同推进碳达峰实施方案", "渝府办发〔2023〕1号", "重庆市大足区人民政府办公室"),
                                      ("大足区绿色低碳发展试点实施方案", "江津府办发〔2023〕1号", "区人民政府办公室"),
                                      ("绿色低碳发展试点实施方案", "府办发〔2023〕1号", "区人民政府办公室")]:
        check_data(retitled(tmp_path / doc_number, title, doc_number, issuer))


def test_the_corpus_names_each_documents_own_district():
    """江津's, 铜梁's and 永川's documents print their district; 黔江's OCR copy prints none (its issuer
    and 文号 come from outside the copy and name 黔江区)."""
    check_data(DATA)


DAZU_DOC_NUMBER = "大足府办发〔2023〕1号"


def test_a_short_name_names_a_district_only_where_a_doc_number_begins():
    yongchuan = District(slug="yongchuan", name="永川区", region="主城都市区", aliases=[])
    found = named_elsewhere(None, {"标题": "绿色低碳发展试点实施方案"}, yongchuan, [yongchuan], DAZU_DOC_NUMBER)
    assert found is not None and (found.slug, found.name, found.registered, found.where) == (
        "dazu", "大足区", False, f"文号「{DAZU_DOC_NUMBER}」")
    # 长寿 is 长寿区 in 长寿府发 but a word in a title, and the text is not looked at without one
    assert named_elsewhere(None, {"标题": "长寿命建筑推广方案"}, yongchuan, [yongchuan], "府发〔2023〕1号") is None
    assert named_elsewhere(None, {"标题": "方案"}, yongchuan, [yongchuan], "长寿府发〔2023〕1号").slug == "changshou"
    assert named_elsewhere(None, {"标题": "方案"}, yongchuan, [yongchuan]) is None
    assert named_elsewhere(None, {"标题": "方案"}, yongchuan, [yongchuan], "永川府办发〔2023〕1号") is None
