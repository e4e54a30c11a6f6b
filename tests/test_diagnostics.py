"""Invalid inputs and the exact diagnostics they must produce (path:line:col, code, message, hint)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.diagnostics import DataErrors
from generator.pipeline import check_data
from tests.conftest import FIXTURE

DOC = "documents/jiangjin/jiangjin-test.yaml"


def broken_corpus(tmp_path: Path, file: str, old: str, new: str) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(FIXTURE, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        check_data(root)
    prefix = str(root) + "/"
    return [d.text().replace(prefix, "") for d in exc.value.diagnostics]


CASES = [
    ("bad-date", DOC, "written: 2022-04-16", "written: 2022-13-16", [
        f"{DOC}:10:12: error[invalid-date]: `dates.written` is not a valid date: '2022-13-16'\n"
        "    hint: write a real calendar date as YYYY-MM-DD, e.g. 2022-04-16",
    ]),
    ("misspelt-field", DOC, "      lead: [区发展改革委]", "      leed: [区发展改革委]", [
        f"{DOC}:48:7: error[unknown-field]: measure m1: `leed` is not a known field here\n"
        "    hint: did you mean `lead`? allowed fields: clause, joint, joint_etc, lead, lead_etc, support, support_etc",
        f"{DOC}:43:7: error[unit-not-in-clause]: measure m1: the unit `区发展改革委` is not printed in its responsibility clause\n"
        "    hint: copy the unit exactly as printed in the clause",
    ][:1]),
    ("unknown-department", DOC, "      lead: [区发展改革委]", "      lead: [区发展改革局]", [
        f"{DOC}:48:14: error[unit-not-in-clause]: measure m1: the unit `区发展改革局` is not printed in its responsibility clause\n"
        "    hint: copy the unit exactly as printed in the clause",
        f"{DOC}:48:14: error[unknown-department]: measure m1: the unit `区发展改革局` is not an alias of any department\n"
        "    hint: the closest known names: `区发展改革委` (fazhan-gaige); add it to the aliases of the right department in site_data/departments.yaml (or a new department), or fix a typo",
    ]),
    ("quote-not-verbatim", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气（页岩气）勘探开发。", [
        f"{DOC}:45:11: error[quote-not-found]: measure m1: text is not found verbatim in jiangjin-test.txt: `积极推进天然气（页岩气）勘探开发。`\n"
        "    hint: near line 6 the source reads `积极推进天然气(页岩气)勘探开发。(牵`; the first difference is character 8 of the quote: "
        "the quote has `（` (U+FF08 FULLWIDTH LEFT PARENTHESIS) where the source has `(` (U+0028 LEFT PARENTHESIS); copy the words from the source text exactly (punctuation and full-/half-width characters included); "
        "where print is damaged, quote it as printed and put the repaired words under `reading`; join table cells with `…`",
    ]),
    ("unknown-theme", DOC, "    themes: [transport, energy]", "    themes: [transport, energie]", [
        f"{DOC}:61:25: error[unknown-theme]: measure m2: theme `energie` is not in themes.yaml\n"
        "    hint: did you mean `energy` (能源转型)? use one of: energy, transport",
    ]),
    ("quote-missing-character", DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气(页岩气)勘探开。", [
        f"{DOC}:45:11: error[quote-not-found]: measure m1: text is not found verbatim in jiangjin-test.txt: `积极推进天然气(页岩气)勘探开。`\n"
        "    hint: near line 6 the source reads `进天然气(页岩气)勘探开发。(牵头单位:区发展改`; the first difference is before character 16 of the quote: "
        "the source has `发` (U+53D1 CJK UNIFIED IDEOGRAPH-53D1), which the quote lacks; copy the words from the source text exactly "
        "(punctuation and full-/half-width characters included); where print is damaged, quote it as printed and put the repaired "
        "words under `reading`; join table cells with `…`",
    ]),
    ("unknown-metric", DOC, "      - metric: energy-intensity-reduction", "      - metric: energy-intensity-reductoin", [
        f"{DOC}:33:17: error[unknown-metric]: measure goal: metric `energy-intensity-reductoin` is not in metrics.yaml\n"
        "    hint: did you mean `energy-intensity-reduction` (单位地区生产总值能耗降低)? add the metric to site_data/metrics.yaml "
        "or use an existing slug",
    ]),
    ("duplicate-measure-id", DOC, "  - id: m2\n", "  - id: m1\n", [
        f"{DOC}:51:9: error[duplicate-id]: measure id `m1` is already used by measure #2 of jiangjin-test\n"
        "    hint: give each measure its own id; never reuse an id that was published",
    ]),
    ("value-with-unit", DOC, 'value: "16"', 'value: "16%"', [
        f"{DOC}:35:16: error[invalid-value]: measure goal: `targets#1.value`: `16%` is not a number; write digits such as 16 or 0.56\n"
        "    hint: fix the value as the message says; the data dictionary lists what each field takes",
    ]),
    ("missing-themes", DOC, "    themes: [transport, energy]\n", "", [
        f"{DOC}:51:5: error[missing-field]: measure m2: the required field `themes` is missing\n"
        "    hint: add `themes:` here; the data dictionary page (数据字典) lists every field",
    ]),
    ("wrong-district-folder", DOC, "district: jiangjin", "district: qianjiang", [
        f"{DOC}:2:11: error[district-folder-mismatch]: the document says district `qianjiang` but lives in the folder `jiangjin`\n"
        "    hint: move the file to site_data/documents/qianjiang/ or fix `district`",
    ]),
    ("duplicate-yaml-key", DOC, "kind: 行动方案\n", "kind: 行动方案\nkind: 规划\n", [
        f"{DOC}:8:1: error[duplicate-key]: the key `kind` appears twice in the same mapping (first at line 7)\n"
        "    hint: keep one of the two; YAML would silently use the last one",
    ]),
    ("ocr-unit-without-reading", "documents/qianjiang/qianjiang-test.yaml",
     "        - printed: 区经济言息委\n          reading: 区经济信息委\n          note: 「言」为「信」之误\n",
     "        - 区经济言息委\n", [
        "documents/qianjiang/qianjiang-test.yaml:51:11: error[unknown-department]: measure task-1: the unit `区经济言息委` is not an alias of any department\n"
        "    hint: the closest known names: `区经济信息委` (jingji-xinxi); add it to the aliases of the right department in site_data/departments.yaml (or a new department), or fix a typo",
    ]),
    ("draft-without-consultation", "documents/qianjiang/qianjiang-test.yaml",
     "consultation:\n  deadline: 2022-12-25\n  deadline_printed: 测试实施方案\n  channels: [测试实施方案]\n", "", [
        "documents/qianjiang/qianjiang-test.yaml:1:1: error[invalid-value]: `(top level)`: a 征求意见稿 needs a `consultation:` block with its deadline and channels\n"
        "    hint: fix the value as the message says; the data dictionary lists what each field takes",
    ]),
]


CASES += [
    ("yaml-tag", DOC, "title: 测试区行动方案", "title: !draft 测试区行动方案", [
        f"{DOC}:3:8: error[yaml-syntax]: the tag `!draft` is not allowed here\n"
        "    hint: write plain values only: remove the `!`/`!!` tag (dates and numbers are written as text)",
    ]),
    ("alias-cycle", DOC, "    themes: [transport, energy]", "    themes: &t [transport, *t]", [
        f"{DOC}:61:13: error[yaml-alias]: anchors (`&name`) and aliases (`*name`) are not allowed\n"
        "    hint: write the values out in full where they are needed",
    ]),
    ("duplicate-theme", DOC, "    themes: [transport, energy]", "    themes: [transport, energy, energy]", [
        f"{DOC}:61:5: error[invalid-value]: measure m2: `themes`: lists energy more than once; keep each entry once\n"
        "    hint: fix the value as the message says; the data dictionary lists what each field takes",
    ]),
    ("yes-is-not-true", DOC, "      joint_etc: true", "      joint_etc: yes", [
        f"{DOC}:60:18: error[invalid-boolean]: measure m2: `responsibility.joint_etc` must be true or false, found 'yes'\n"
        "    hint: write `true` or `false` (lowercase, no quotes)",
    ]),
    ("measure-id-is-a-section-anchor", DOC, "  - id: m2\n", "  - id: sec-s1\n", [
        f"{DOC}:51:9: error[duplicate-id]: measure id `sec-s1` is also the anchor of section `s1` on the document page\n"
        "    hint: measure ids must not start with `sec-`; choose another id",
    ]),
    ("source-outside-sources", DOC, "  file: jiangjin-test.txt", "  file: ../../etc/hostname", [
        f"{DOC}:12:9: error[source-name-mismatch]: the source text of jiangjin-test must be named `jiangjin-test.txt`, "
        "not `../../etc/hostname`\n"
        "    hint: save the verbatim text as site_data/sources/jiangjin-test.txt and write `file: jiangjin-test.txt`",
    ]),
    ("park-of-another-district", "departments.yaml", "    aliases: [区交通局]", "    district: qianjiang\n    aliases: [区交通局]", [
        f"{DOC}:59:15: error[unit-wrong-district]: measure m2: `区交通局` is jiaotong, a body of qianjiang only, "
        "but this document is from jiangjin\n"
        "    hint: check the unit; if the same name means another district's body, add a separate department with that district",
    ]),
]


def test_source_that_is_not_utf8(tmp_path):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / "sources" / "jiangjin-test.txt").write_bytes("测试区行动方案".encode("gbk"))
    assert problems(root) == [
        "sources/jiangjin-test.txt:1:1: error[not-utf8]: the source text is not UTF-8 text (byte 0, 0xb2); "
        "it may be saved as GBK\n"
        "    hint: save the file as UTF-8 in your editor without changing a character",
    ]


def test_misplaced_document_is_reported_not_ignored(tmp_path):
    root = broken_corpus(tmp_path, DOC, "id: jiangjin-test", "id: jiangjin-test")
    (root / DOC).rename(root / "documents/jiangjin/jiangjin-test.yml")
    found = problems(root)
    assert found[0].startswith("documents/jiangjin/jiangjin-test.yml:1:1: error[misplaced-file]")


@pytest.mark.parametrize("name,file,old,new,expected", CASES, ids=[c[0] for c in CASES])
def test_exact_diagnostics(tmp_path, name, file, old, new, expected):
    assert problems(broken_corpus(tmp_path, file, old, new)) == expected


def test_all_problems_in_all_files_are_reported_at_once(tmp_path):
    root = broken_corpus(tmp_path, DOC, "written: 2022-04-16", "written: 2022-13-16")
    other = root / "documents/qianjiang/qianjiang-test.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("kind: 实施方案", "kind: 方案"), encoding="utf-8")
    codes = sorted((Path(p.split(":")[0]).name, p.split("error[")[1].split("]")[0]) for p in problems(root))
    assert codes == [("jiangjin-test.yaml", "invalid-date"), ("qianjiang-test.yaml", "invalid-choice")]


def test_fixture_corpus_is_valid():
    corpus = check_data(FIXTURE)
    assert [d.document.id for d in corpus.documents] == ["jiangjin-test", "qianjiang-test"]
