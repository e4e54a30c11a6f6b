"""Docs that tests keep honest."""
import re

from generator import model
from generator.diagnostics import CODES
from tests.conftest import ROOT


def test_editor_guide_explains_every_diagnostic_code():
    guide = (ROOT / "content" / "editor-guide.md").read_text(encoding="utf-8")
    missing = sorted(code for code in CODES if f"`{code}`" not in guide)
    assert not missing, f"content/editor-guide.md does not explain: {missing}"


def test_every_model_field_has_a_description():
    undocumented = []
    for name in dir(model):
        cls = getattr(model, name)
        if isinstance(cls, type) and issubclass(cls, model.Strict) and cls is not model.Strict:
            undocumented += [f"{name}.{f}" for f, info in cls.model_fields.items() if not info.description]
    registries = {"DistrictRegistry", "DepartmentRegistry", "ThemeRegistry", "MetricRegistry"}
    assert [u for u in undocumented if u.split(".")[0] not in registries] == []


def test_every_description_opens_with_the_fields_meaning():
    """Model-check messages name a field by the opening words of its description (`字段 instrument
    （政策工具类型）`): those words must be a short Chinese name, not a rule or an English key."""
    bad = []
    for name in dir(model):
        cls = getattr(model, name)
        if isinstance(cls, type) and issubclass(cls, model.Strict) and cls is not model.Strict:
            for f, info in cls.model_fields.items():
                meaning = model.field_meaning(info)
                if not (2 <= len(meaning) <= 16 and re.search("[\u4e00-\u9fff]", meaning)) or re.search("[A-Za-z`]", meaning):
                    bad.append(f"{name}.{f}: {meaning!r}")
    assert bad == []


def test_data_dictionary_lists_every_field_of_every_documented_model(fixture_index):
    from generator.pages.dictionary import DOCUMENTED, pages

    (page,) = pages(fixture_index)
    listed = {(m.heading, f.name) for m in page.context.models for f in m.fields}
    for heading, cls in DOCUMENTED:
        for field in cls.model_fields:
            assert (heading, field) in listed


def test_data_dictionary_states_every_rule_in_chinese(fixture_index):
    """The dictionary page's 跨文件规则 listed each rule as its Python name and English docstring on a
    Chinese site (found reading it as a new editor): each rule is now one Chinese sentence."""
    from generator.pages.dictionary import pages
    from generator.render import make_environment, render_page
    from generator.rules import RULES

    (page,) = pages(fixture_index)
    text = render_page(make_environment(ROOT / "templates"), page.template, page.path, page.context)
    rules = text.split("## 跨文件规则", 1)[1]
    items = [line for line in rules.splitlines() if line.startswith("- ")]
    assert len(items) == len(RULES)
    for item in items:
        plain = re.sub(r"<code>.*?</code>|[\w/-]+\.(yaml|txt)|site_data/\S*", "", item.replace("\\", ""))  # names of files
        assert re.search("[\u4e00-\u9fff]{10}", plain), item  # a Chinese sentence
        assert not re.search(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}", plain), item  # and no English words in a row


def test_committed_json_schemas_are_current():
    import json

    from generator.schema import schemas

    folder = ROOT / "site_data" / "schema"
    for name, schema in schemas().items():
        committed = json.loads((folder / name).read_text(encoding="utf-8"))
        assert committed == schema, f"site_data/schema/{name} is stale: run `python -m generator schema`"


def test_editor_guide_example_is_what_check_prints(tmp_path):
    """The guide's example of an error is the real output for the mistake it describes."""
    import os
    import shutil
    import subprocess
    import sys

    guide = (ROOT / "content" / "editor-guide.md").read_text(encoding="utf-8")
    example = guide.split("## 报错怎么改", 1)[1].split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    shutil.copytree(ROOT / "site_data", tmp_path / "site_data")
    doc = tmp_path / "site_data" / "documents" / "jiangjin" / "jiangjin-2022-57.yaml"
    text = doc.read_text(encoding="utf-8")
    mistake = ("      lead: [区经济信息委]\n      support: [区发展改革委, 区科技局, 科学城江津管委会",
               "      lead: [区经信委员会]\n      support: [区发展改革委, 区科技局, 科学城江津管委会")
    assert text.count(mistake[0]) == 1
    doc.write_text(text.replace(*mistake), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    printed = done.stderr.splitlines()
    assert done.returncode == 1
    start = printed.index(example[0])
    assert printed[start:start + 2] == example[:2]
    assert printed[-1] == example[-1]


def _guide_example(after: str) -> list[str]:
    """The lines of the first ```text block after the line that contains ``after``."""
    guide = (ROOT / "content" / "editor-guide.md").read_text(encoding="utf-8")
    return guide.split(after, 1)[1].split("```text\n", 1)[1].split("```", 1)[0].splitlines()


def _generator(*args: str, cwd=ROOT):
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="80"))


def test_editor_guide_example_of_a_usage_error_is_what_the_command_prints():
    done = _generator("new")
    assert done.returncode == 2
    assert done.stderr.splitlines() == _guide_example("命令本身写错时")


def test_editor_guide_example_of_an_extract_error_is_what_extract_prints(tmp_path):
    (tmp_path / "下载的文件.txt").write_bytes("重庆市江津区人民政府办公室关于印发行动方案的通知".encode("gbk"))
    done = _generator("extract", "下载的文件.txt", "--district", "jiangjin", "--data", str(ROOT / "site_data"), cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.splitlines() == _guide_example("报错和检查的报错写法相同")


def test_make_serve_takes_the_port_the_guide_and_readme_name():
    """`make serve` always used port 8000; `--port` was only in `serve --help`. PORT=… now reaches the
    command, and the editor guide and the README say so where they explain `make serve`."""
    import subprocess

    def command(*args: str) -> str:
        # under `make test` the inner make would also print the folders it enters and leaves
        done = subprocess.run(["make", "-n", "--no-print-directory", "serve", *args], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        return next(line for line in done.stdout.splitlines() if "-m generator serve" in line)

    assert command().endswith("-m generator serve --port 8000")
    assert command("PORT=8123").endswith("-m generator serve --port 8123")
    guide = (ROOT / "content" / "editor-guide.md").read_text(encoding="utf-8")
    assert "`make serve PORT=8123`（即 `python -m generator serve --port 8123`）" in guide
    assert "`make serve PORT=8123`" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_editor_guide_shows_a_texts_reading_the_check_accepts():
    """The guide's example of a measure's `text` with `printed`/`reading` (a user test found only a
    unit's): a Reading as the model takes it, its printed words verbatim in the source and in the
    curated entry it is taken from, its reading differing, and the note it requires."""
    import yaml

    guide = (ROOT / "content" / "editor-guide.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    texts = [yaml.safe_load(block)["text"] for block in blocks if block.lstrip().startswith("text:")]
    assert len(texts) == 1, "content/editor-guide.md shows no example of a text's printed/reading"
    example = model.Reading.model_validate(texts[0])
    assert example.note and example.reading != example.printed
    source = (ROOT / "site_data" / "sources" / "yongchuan-2022-112.txt").read_text(encoding="utf-8")
    curated = (ROOT / "site_data" / "documents" / "yongchuan" / "yongchuan-2022-112.yaml").read_text(encoding="utf-8")
    assert example.printed in source and example.printed.rstrip("。") in curated
    assert example.reading.rstrip("。") in curated
    for field in ("`printed`", "`reading`", "`note`"):
        assert f"- {field}（必填）" in guide
