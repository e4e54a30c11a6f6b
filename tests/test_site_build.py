"""`python -m generator site` publishes a new site only when every step succeeded: a data error,
a strict-mode warning, or a kill part-way leaves the previous build/docs and build/site complete."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.diagnostics import DataErrors
from generator.site import EngineFailed, build

from .conftest import FIXTURE, ROOT


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a digest of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    build(FIXTURE, ROOT / "content", out, log=lambda _: None)
    return out


def fresh_copy(good_build: Path, tmp_path: Path) -> tuple[Path, dict, dict]:
    out = tmp_path / "out"
    shutil.copytree(good_build, out)
    return out, snapshot(out / "docs"), snapshot(out / "site")


def test_a_good_build_publishes_docs_and_site(good_build):
    assert (good_build / "site" / "index.html").is_file()
    assert (good_build / "docs" / "index.md").is_file()
    assert not list(good_build.glob(".staging-*"))


def test_a_data_error_keeps_the_previous_site(good_build, tmp_path):
    out, docs, site = fresh_copy(good_build, tmp_path)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "themes.yaml").write_text("themes: [\n", encoding="utf-8")
    with pytest.raises(DataErrors):
        build(data, ROOT / "content", out, log=lambda _: None)
    assert snapshot(out / "docs") == docs and snapshot(out / "site") == site


def test_a_strict_mode_warning_keeps_the_previous_site(good_build, tmp_path):
    out, docs, site = fresh_copy(good_build, tmp_path)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "about.md").write_text("# 关于\n\n[断开的链接](no-such-page.md)\n", encoding="utf-8")
    with pytest.raises(EngineFailed) as failure:
        build(FIXTURE, content, out, log=lambda _: None)
    assert "no-such-page.md" in failure.value.output
    assert snapshot(out / "docs") == docs and snapshot(out / "site") == site


def test_a_killed_build_keeps_the_previous_site_and_the_next_build_recovers(good_build, tmp_path):
    out, docs, site = fresh_copy(good_build, tmp_path)
    command = [sys.executable, "-m", "generator", "site", "--data", str(FIXTURE), "--out", str(out)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    # wait until the engine is writing the new site into staging, then kill the whole group
    while not list(out.glob(".staging-*/site/assets")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the build ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(out / "docs") == docs and snapshot(out / "site") == site
    build(FIXTURE, ROOT / "content", out, log=lambda _: None)
    assert not list(out.glob(".staging-*"))
    assert snapshot(out / "site").keys() == site.keys()


def test_a_swap_interrupted_between_its_renames_is_undone(good_build, tmp_path):
    out, _, site = fresh_copy(good_build, tmp_path)
    os.rename(out / "site", out / ".site.old")  # the state a kill after the first rename leaves
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "themes.yaml").write_text("themes: [\n", encoding="utf-8")
    with pytest.raises(DataErrors):
        build(data, ROOT / "content", out, log=lambda _: None)
    assert snapshot(out / "site") == site
