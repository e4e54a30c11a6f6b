"""The JSON Schemas editors' tools read: committed = generated from the models, in Chinese, named by
every data file, and every real file valid under an independent validator (jsonschema). Plus the
workflow files, checked against GitHub's workflow schema (check-jsonschema's bundled copy, offline)."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from ruamel.yaml import YAML

from generator.schema import schemas
from tests.conftest import DATA, ROOT

SCHEMA_DIR = DATA / "schema"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _data_files() -> list[Path]:
    return sorted(DATA.rglob("*.yaml"))


def _as_editor_sees_it(path: Path):
    """The file as YAML 1.2 (what VS Code's YAML extension uses): dates stay text."""
    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        return value
    return plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def test_committed_schemas_are_the_models_schemas():
    committed = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}
    assert committed == schemas(), "run `python -m generator schema` and commit site_data/schema/"


def _descriptions(node, where=""):
    if isinstance(node, dict):
        if "properties" in node:
            for name, prop in node["properties"].items():
                yield f"{where}.{name}", prop.get("description")
        if "title" in node and "type" in node and node.get("type") == "object":
            yield where or "(root)", node.get("description")
        for key, value in node.items():
            yield from _descriptions(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _descriptions(value, f"{where}[{i}]")


@pytest.mark.parametrize("name", sorted(schemas()))
def test_every_field_and_object_is_described_in_chinese(name):
    missing = [where for where, text in _descriptions(schemas()[name]) if not text or not CJK.search(text)]
    assert missing == []


def test_every_data_file_names_its_schema_on_its_first_line():
    wrong = []
    for path in _data_files():
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        expected = "document.schema.json" if "documents" in path.relative_to(DATA).parts else \
            path.name.replace(".yaml", ".schema.json")
        match = MODELINE.match(first)
        if not match or (path.parent / match.group(1)).resolve() != (SCHEMA_DIR / expected).resolve():
            wrong.append(str(path.relative_to(ROOT)))
    assert wrong == [], "run `python -m generator fmt`"


@pytest.mark.parametrize("path", _data_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_real_file_is_valid_under_its_schema(path):
    schema_path = (path.parent / MODELINE.match(path.read_text(encoding="utf-8").split("\n", 1)[0]).group(1))
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    document = _as_editor_sees_it(path)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_the_schema_rejects_what_the_model_rejects():
    """The schema is not vacuous: a misspelt field, a wrong choice and a missing field are errors."""
    document = _as_editor_sees_it(DATA / "documents" / "jiangjin" / "jiangjin-2022-57.yaml")
    validator = Draft202012Validator(schemas()["document.schema.json"], format_checker=FormatChecker())
    document["status"] = "草稿"
    document["measures"][0]["leed"] = []
    del document["title"]
    messages = sorted(e.message for e in validator.iter_errors(document))
    assert any("'title' is a required property" in m for m in messages)
    assert any("'草稿' is not one of" in m for m in messages)
    assert any("'leed' was unexpected" in m for m in messages)



def test_the_schema_lets_an_empty_field_be_null():
    """A field the model takes empty as `number:` (没有编号时留空) is not flagged in the editor either."""
    document = _as_editor_sees_it(DATA / "documents" / "jiangjin" / "jiangjin-2022-57.yaml")
    validator = Draft202012Validator(schemas()["document.schema.json"], format_checker=FormatChecker())
    document["measures"][0]["number"] = None
    document["measures"][0]["note"] = None
    assert [e.message for e in validator.iter_errors(document)] == []


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_are_valid_github_workflows():
    assert [p.name for p in WORKFLOWS] == ["check.yml", "publish.yml"]
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_schema_check_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    step: []\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(broken)], capture_output=True, text=True)
    assert result.returncode == 1


def test_pull_requests_and_pre_commit_run_the_same_checks():
    check = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    publish = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    hooks = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [h["entry"] for repo in hooks["repos"] for h in repo["hooks"]]
    assert "python -m generator check --format github" in check
    assert "python -m generator fmt --check" in check and ".ci/run" in check and "make site" in check
    assert ".venv/bin/python -m generator fmt --check" in entries
    assert ".venv/bin/python -m generator check" in entries
    assert "actions/deploy-pages@" in publish and "path: build/site" in publish


def test_codeowners_names_paths_that_exist():
    lines = [line.split()[0] for line in (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert "/site_data/" in lines
    assert [p for p in lines if p != "*" and not (ROOT / p.strip("/")).exists()] == []
