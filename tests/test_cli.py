"""Exit codes and the promise that nothing is written when any error exists."""
import shutil
import subprocess
import sys

from tests.conftest import FIXTURE, ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_check_ok_exits_0():
    result = run("check", "--data", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "检查通过：2 份文件，5 个条目，所有引文与原文一字不差\n"


def test_data_error_exits_1_and_writes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    doc = data / "documents/jiangjin/jiangjin-test.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("written: 2022-04-16", "written: 2022-02-30"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.md").write_text("last good build")
    result = run("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 1
    assert "jiangjin-test.yaml:10:12: 错误[invalid-date]" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["previous.md"]


def test_github_format_annotates_the_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "themes.yaml").write_text("themes:\n  - slug: Energy\n", encoding="utf-8")
    result = run("check", "--data", str(data), "--format", "github")
    assert result.returncode == 1
    assert "::error file=" in result.stderr and "themes.yaml,line=2,col=" in result.stderr


def test_usage_error_exits_2():
    assert run("frobnicate").returncode == 2
    assert run("check", "--format", "xml").returncode == 2
