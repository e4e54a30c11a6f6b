"""What an editor met in a user test: each message names the file at fault, says what the data
means (a registered Chinese name, a copied file, a misspelt unit) and, followed, fixes the data."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checking import check_data
from generator.cli import main
from generator.diagnostics import DataErrors, Diagnostic
from generator.model import Target
from tests.conftest import DATA, FIXTURE
from tests.test_diagnostics import DOC, edited_copy, problems

YONGCHUAN = "documents/yongchuan/yongchuan-2022-112.yaml"


def warnings_of(root: Path) -> list[str]:
    found: list[Diagnostic] = []
    check_data(root, found)
    prefix = str(root) + "/"
    return [d.text().replace(prefix, "") for d in found]


# ---------------------------------------------------------------- a document started from a copy

def test_a_copy_is_blamed_not_the_published_original(tmp_path):
    root = edited_copy(tmp_path, FIXTURE, [])
    copy = root / "documents" / "jiangjin" / "jiangjin-2023-5.yaml"  # sorts before jiangjin-test.yaml
    shutil.copy(root / DOC, copy)
    assert problems(root) == [
        "documents/jiangjin/jiangjin-2023-5.yaml:1:5: 错误[id-file-mismatch]: 文件编号 `jiangjin-test` 与文件名 "
        f"`jiangjin-2023-5.yaml` 不一致，而且这个编号已被 {DOC} 使用\n"
        f"    建议：这个文件像是从 {DOC} 复制来的：把 `id` 改成与文件名一致的 `jiangjin-2023-5`"
        "（`jiangjin-test` 是那个文件的编号，不要改动它）",
    ]
    # followed, the copy has an id of its own; nothing is said of the original
    copy.write_text(copy.read_text(encoding="utf-8").replace("id: jiangjin-test", "id: jiangjin-2023-5", 1), encoding="utf-8")
    assert not any(DOC in p for p in problems(root) if "source-name-mismatch" not in p)


def test_the_same_id_in_files_named_after_it_in_two_folders_is_still_a_duplicate(tmp_path):
    root = edited_copy(tmp_path, FIXTURE, [])
    twin = root / "documents" / "qianjiang" / "jiangjin-test.yaml"
    shutil.copy(root / DOC, twin)
    said = problems(root)
    assert [p.split(": ")[1] for p in said if "duplicate-id" in p] == ["错误[duplicate-id]"]
    assert any(p.startswith("documents/qianjiang/jiangjin-test.yaml:1:5: 错误[duplicate-id]") for p in said)


# ---------------------------------------------------------------- an id written as its Chinese name

@pytest.mark.parametrize("old,new,expected", [
    ("      - metric: energy-intensity-reduction", "      - metric: 单位地区生产总值能耗降低",
     f"{DOC}:33:17: 错误[invalid-id]: 条目 goal：字段 `targets#1.metric`（指标）要写指标的英文编号，不写中文名称，"
     "这里是 '单位地区生产总值能耗降低'\n"
     "    建议：改成 `energy-intensity-reduction`（单位地区生产总值能耗降低）；编号见 site_data/metrics.yaml 中各项的 `slug:` 一行"),
    # a district in the words `new` and `extract` use for their --district (load.unknown_district)
    ("district: jiangjin", "district: 江津区",
     f"{DOC}:2:11: 错误[invalid-id]: 区县 `江津区` 写的是中文名称：这里要写 districts.yaml（区县名录）中的英文编号（`slug:` 一行）\n"
     "    建议：是不是要写 `jiangjin`（江津区）？可用的区县编号：jiangjin（江津区）、qianjiang（黔江区）"),
])
def test_a_registered_chinese_name_gets_its_id(tmp_path, old, new, expected):
    assert problems(edited_copy(tmp_path, FIXTURE, [(DOC, old, new)])) == [expected]


@pytest.mark.parametrize("written", ["jiangjn", "江津区"])
def test_a_documents_district_is_told_as_new_tells_its_district(tmp_path, monkeypatch, written):
    """`district:` not a registered slug: `check` says what `new --district` says (one wording)."""
    from generator.scaffold import ScaffoldRefused, scaffold

    root = edited_copy(tmp_path, FIXTURE, [(DOC, "district: jiangjin", f"district: {written}")])
    monkeypatch.chdir(root)
    with pytest.raises(ScaffoldRefused) as refused:
        scaffold(Path("."), written, "jiangjin-2030-1")
    message, hint = str(refused.value).replace("--district ", "").split("\n    建议：")
    said = [p for p in problems(Path(".")) if p.startswith(f"{DOC}:2:11: 错误[unknown-district]")
            or p.startswith(f"{DOC}:2:11: 错误[invalid-id]")]
    assert len(said) == 1, said
    assert said[0].split(": ", 2)[2].split("\n    建议：")[0] == message
    assert said[0].endswith(hint)  # after, for a slug, the registered slug no document names (a rename?)


def test_a_metric_written_as_its_alias_gets_its_id(tmp_path):
    root = edited_copy(tmp_path, DATA, [(YONGCHUAN, "      - metric: green-factories", "      - metric: 绿色工厂")])
    assert problems(root) == [
        f"{YONGCHUAN}:248:17: 错误[invalid-id]: 条目 m6-1：字段 `targets#2.metric`（指标）要写指标的英文编号，不写中文名称，"
        "这里是 '绿色工厂'\n"
        "    建议：改成 `green-factories`（绿色工厂数量）；编号见 site_data/metrics.yaml 中各项的 `slug:` 一行",
    ]


# ---------------------------------------------------------------- the commands' --district

def test_new_says_the_slug_of_a_registered_chinese_name(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    registry = data / "districts.yaml"
    registry.write_text(registry.read_text(encoding="utf-8")
                        + "  - slug: rongchang\n    name: 荣昌区\n    region: 主城都市区\n    aliases: [荣昌]\n", encoding="utf-8")
    assert main(["new", "--data", str(data), "--district", "荣昌", "--id", "rongchang-2022-1"]) == 2
    assert capsys.readouterr().err == (
        f"错误：区县 `荣昌` 写的是中文名称：这里要写 {registry}（区县名录）中的英文编号（`slug:` 一行）\n"
        "    建议：是不是要写 `--district rongchang`（荣昌区）？可用的区县编号：jiangjin（江津区）、qianjiang（黔江区）、"
        "rongchang（荣昌区）、tongliang（铜梁区）、yongchuan（永川区）\n")
    assert main(["new", "--data", str(data), "--district", "rongchang", "--id", "rongchang-2022-1"]) == 0


# ---------------------------------------------------------------- a misspelt unit

M17_CLAUSE = ("（牵头单位：区生态环境局、区城市管理局、区经济信息委、区交通局、区农业农村委、区住房城乡建委，"
              "责任单位：区财政局、区公安局、区市场监管局、区商务委、区机关事务管理中心，各镇街）")


def test_a_misspelt_unit_is_one_error_naming_the_clause_spelling_and_the_clause_around_it(tmp_path):
    support = "      support: [区财政局, 区公安局, 区市场监管局, 区商务委, 区机关事务管理中心, 各镇街]"
    root = edited_copy(tmp_path, DATA, [(YONGCHUAN, support, support.replace("区商务委", "区商物委"))])
    assert problems(root) == [
        f"{YONGCHUAN}:488:37: 错误[unknown-department]: 条目 m17：单位 `区商物委` 不是任何部门的别名，"
        "也没有出现在它的责任单位原文（clause）中\n"
        "    建议：照责任单位原文逐字写 `区商务委`（shangwu）；责任单位原文是 "
        "`…区农业农村委、区住房城乡建委，责任单位：区财政局、区公安局、区市场监管局、区商务委、区机关事务管理中心，各镇街）`",
    ]


def test_a_long_clause_is_shown_around_the_name_and_cut_between_names():
    from generator.rules import _clause_around

    assert len(M17_CLAUSE) > 60
    start = _clause_around(M17_CLAUSE, None)
    assert start.startswith("（牵头单位：") and start.endswith("，责任单位：区财政局…")  # not cut inside a name (`…区…`)
    around = _clause_around(M17_CLAUSE, "区机关事务管理中心")
    assert "区机关事务管理中心" in around and around.startswith("…") and not around.startswith("…区…")


# ---------------------------------------------------------------- 累计 and 较2020年 said, not recorded

def test_a_clause_saying_cumulative_or_a_base_year_reminds_until_the_target_says_so(tmp_path):
    base = edited_copy(tmp_path / "base", FIXTURE, [(DOC, "        base_year: 2020\n", "")])
    assert warnings_of(base) == [
        f"{DOC}:34:17: 提醒[base-year-not-set]: 条目 goal 的第 1 个目标：目标原句说“较2020年”"
        "（`单位地区生产总值能耗较2020年降低16`），目标却没有写 `base_year`（基年）\n"
        "    建议：在这个目标下写 `base_year: 2020`（变化的基准年）；“较2020年”说的不是这个数值时，写 `base_year: null`，检查就不再提醒",
    ]
    opted_out = edited_copy(tmp_path / "null", FIXTURE, [(DOC, "        base_year: 2020\n", "        base_year: null\n")])
    assert warnings_of(opted_out) == []
    cumulative = "        target_year: 2025\n        cumulative: true\n  - id: m6-2"
    unset = edited_copy(tmp_path / "cumulative", DATA, [(YONGCHUAN, cumulative, "        target_year: 2025\n  - id: m6-2")])
    assert [w.split("\n")[0] for w in warnings_of(unset)] == [
        f"{YONGCHUAN}:249:17: 提醒[cumulative-not-set]: 条目 m6-1 的第 2 个目标：目标原句说“累计”（`累计建成绿色工厂18`），"
        "目标却没有写 `cumulative: true`",
    ]
    said_false = edited_copy(tmp_path / "false", DATA, [(YONGCHUAN, cumulative,
                                                        "        target_year: 2025\n        cumulative: false\n  - id: m6-2")])
    assert warnings_of(said_false) == []
    with pytest.raises(DataErrors):  # a build refuses a reminder, as every warning
        check_data(unset)


def test_only_the_words_leading_to_the_value_are_read():
    from generator.rules import _leading_words

    def target(clause: str, value: str) -> Target:
        return Target(metric="forest-coverage", clause=clause, value=value, unit="%")

    assert _leading_words(target("单位地区生产总值能耗较2020年下降14%，森林覆盖率达到55%", "55")) == "森林覆盖率达到55"
    assert "较2020年" in _leading_words(target("能耗和二氧化碳排放强度分别较2020年降低16%、18%以上", "18"))
    assert _leading_words(target("累计建成绿色工厂18个", "18")) == "累计建成绿色工厂18"


def test_the_real_corpus_has_no_such_reminder():
    found: list[Diagnostic] = []
    check_data(DATA, found)
    assert [d for d in found if d.code in ("cumulative-not-set", "base-year-not-set")] == []


# ---------------------------------------------------------------- each kind of unit, one message

QIANJIANG_PARK = ("  - slug: qianjiang-yuanqu\n    name: 黔江区工业园区管委会\n    full_name: 黔江区工业园区管理委员会\n"
                  "    kind: 园区管理机构\n    district: qianjiang\n    aliases: [工业园区管委会, 黔江区工业园区管委会]\n")
M1_CLAUSE = "(牵头单位:区发展改革委;配合单位:区经济信息委)"


@pytest.mark.parametrize("unit,printed,kind,code", [
    ("区交通局", "区交通局", "known", None),
    ("工业园区管委会", "工业园区管委会", "other-district", "unit-wrong-district"),
    ("区发展改革委、区交通局", "区发展改革委、区交通局", "joined", "unknown-department"),
    ("区交通局等", "区交通局等", "with-etc", "unknown-department"),
    ("江津区工业园区管委会", "江津区工业园区管委会", "new-body", "unknown-department"),
    ("区交通居", "区交通居", "typo", "unknown-department"),
    ("区交通居", "区经济信息委", "typo", "unknown-department"),  # not printed in the clause either: still one
    ("区经济信息委", "区交通局", "known", "unit-not-in-clause"),  # known, not printed: said by quotes_are_verbatim
])
def test_a_unit_of_each_kind_gets_exactly_one_message(tmp_path, unit, printed, kind, code):
    from generator.load import load_corpus
    from generator.rules import _unit_classifier

    clause = M1_CLAUSE.replace("区经济信息委", printed)
    source = "sources/jiangjin-test.txt"
    root = edited_copy(tmp_path, FIXTURE, [
        ("departments.yaml", "  - slug: jiaotong\n", QIANJIANG_PARK + "  - slug: jiaotong\n"),
        (DOC, f"      clause: {M1_CLAUSE}\n      lead: [区发展改革委]\n      support: [区经济信息委]",
         f"      clause: {clause}\n      lead: [区发展改革委]\n      support: [{unit}]"),
        (source, M1_CLAUSE, clause),
    ])
    corpus, _ = load_corpus(root)
    assert corpus is not None
    assert _unit_classifier(corpus)("jiangjin", unit).kind.value == kind
    if code is None:
        check_data(root)  # nothing to say
        return
    said = [p for p in problems(root) if p.startswith(f"{DOC}:49:17:")]  # at the unit (not at its list)
    assert [p.split("错误[")[1].split("]")[0] for p in said] == [code], said


# ---------------------------------------------------------------- one source entered twice

def entered_twice(tmp_path: Path, source: str) -> Path:
    """The fixture corpus with a second 江津 document (sorting after jiangjin-test) whose source text is ``source``."""
    root = edited_copy(tmp_path, FIXTURE, [])
    text = (root / DOC).read_text(encoding="utf-8")
    again = text.replace("id: jiangjin-test", "id: jiangjin-zz", 1).replace("file: jiangjin-test.txt", "file: jiangjin-zz.txt", 1)
    (root / "documents" / "jiangjin" / "jiangjin-zz.yaml").write_text(again, encoding="utf-8")
    (root / "sources" / "jiangjin-zz.txt").write_text(source, encoding="utf-8")
    return root


def test_a_source_entered_twice_is_told_at_the_second_naming_the_first(tmp_path):
    """A user test ran `extract` on a source the corpus had (黔江's, under another name, plus a trailing
    newline): neither extract nor check said so."""
    original = (FIXTURE / "sources" / "jiangjin-test.txt").read_text(encoding="utf-8")
    lines = original.splitlines()
    # the same text with a blank at the end of its first line and blank lines after its end
    copy = "\n".join([lines[0] + " \u3000", *lines[1:]]) + "\n\n\n"
    assert copy != original
    assert problems(entered_twice(tmp_path, copy)) == [
        "documents/jiangjin/jiangjin-zz.yaml:12:9: 错误[duplicate-source]: 原文文件 `jiangjin-zz.txt` 与 "
        f"{DOC}（jiangjin-test）的原文 `jiangjin-test.txt` 内容相同（至多差行末空格或末尾空行）：同一份文件录入了两次，"
        "其中的条目会被计算两次\n"
        "    建议：同一份文件只录入一次：删去后录入的那一份（它的 YAML 文件和 site_data/sources/ 中的原文文件），"
        "要补充的内容改在留下的那一份中；确是两份不同的文件时，把各自的逐字原文放进各自的原文文件",
    ]


def test_sources_that_differ_in_more_than_blanks_at_line_ends_are_two_documents(tmp_path):
    original = (FIXTURE / "sources" / "jiangjin-test.txt").read_text(encoding="utf-8")
    check_data(entered_twice(tmp_path, original + "（此件公开发布）\n"))
