"""The live preview's watcher logic, driven directly (no server, no long sleeps)."""
from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic
from generator.serve import ERRORS_FILE, NO_ERRORS, Outcome, Preview, errors_script
from tests.conftest import FIXTURE, ROOT

DOC = Path("documents/jiangjin/jiangjin-test.yaml")
PAGE = Path("documents/jiangjin-test.md")


@pytest.fixture()
def preview(tmp_path) -> Preview:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    return Preview(data, content, tmp_path / "docs", templates)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _errors_shown(preview: Preview) -> list[dict]:
    text = (preview.out / ERRORS_FILE).read_text(encoding="utf-8")
    prefix = "window.previewErrors = "
    start = text.index(prefix) + len(prefix)
    return json.loads(text[start:].strip().removesuffix(";"))


def _full_build(preview: Preview, tmp_path: Path) -> tuple[Path, list[Path]]:
    """A fresh build of the preview's current data beside it, and its files."""
    from generator.pipeline import index_data, render_tree

    fresh = tmp_path / "fresh"
    render_tree(index_data(preview.data), preview.content, preview.templates).write(fresh)
    return fresh, sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())


def test_first_run_builds_then_nothing_changed_means_no_rebuild(preview):
    first = preview.refresh()
    assert first is not None and first.ok and first.changed > 0
    assert preview.refresh() is None
    doc = preview.data / DOC
    os.utime(doc, (doc.stat().st_atime, doc.stat().st_mtime + 5))  # saved again without a change
    assert preview.refresh() is None
    assert (preview.out / ERRORS_FILE).read_bytes() == NO_ERRORS


def test_an_edit_is_picked_up_once(preview):
    preview.refresh()
    marker = preview.out / ".generated-by-generator"
    marker_mtime = marker.stat().st_mtime_ns
    _edit(preview.data / DOC, "text: 积极推进天然气(页岩气)勘探开发。",
          "text: 积极推进天然气(页岩气)勘探开发。\n    note: 预览测试编者注")
    outcome = preview.refresh()
    assert outcome is not None and outcome.ok
    assert "预览测试编者注" in (preview.out / PAGE).read_text(encoding="utf-8")
    # only the pages that show the measure changed, not the whole site
    assert 0 < outcome.changed < len([p for p in preview.out.rglob("*.md")])
    assert preview.refresh() is None
    # the generator's own marker is not rewritten: a server watching the folder sees no change
    assert marker.stat().st_mtime_ns == marker_mtime


def test_a_data_error_is_shown_and_the_last_good_pages_stay_until_it_is_fixed(preview):
    preview.refresh()
    page_before = (preview.out / PAGE).read_bytes()
    _edit(preview.data / DOC, "themes: [transport, energy]", "themes: [transport, enrgy]")
    outcome = preview.refresh()
    assert outcome is not None and not outcome.ok and outcome.changed == 0
    assert (preview.out / PAGE).read_bytes() == page_before
    shown = _errors_shown(preview)
    assert [(e["code"], e["path"].endswith("jiangjin-test.yaml"), e["line"]) for e in shown] == [
        ("unknown-theme", True, 61)]
    assert "enrgy" in shown[0]["message"] and shown[0]["hint"]
    assert preview.refresh() is None  # the same error is not rebuilt again

    _edit(preview.data / DOC, "themes: [transport, enrgy]", "themes: [transport, energy]")
    fixed = preview.refresh()
    assert fixed is not None and fixed.ok
    assert (preview.out / ERRORS_FILE).read_bytes() == NO_ERRORS
    assert (preview.out / PAGE).read_bytes() == page_before


def test_an_error_before_any_good_build_still_gives_a_page_with_the_banner(preview):
    _edit(preview.data / DOC, "themes: [transport, energy]", "themes: [transport, enrgy]")
    outcome = preview.refresh()
    assert outcome is not None and not outcome.ok
    assert (preview.out / "index.md").is_file() and (preview.out / "assets/preview.js").is_file()
    assert _errors_shown(preview)[0]["code"] == "unknown-theme"
    _edit(preview.data / DOC, "themes: [transport, enrgy]", "themes: [transport, energy]")
    assert preview.refresh().ok
    assert (preview.out / "index.md").read_text(encoding="utf-8") != "# 预览\n\n数据有错误，改正后这里会显示网站。\n"


def test_a_template_change_is_picked_up(preview):
    preview.refresh()
    _edit(preview.watched[2] / "document.md.j2", "| 项目 | 内容 |", "| 项目 | 内容（预览） |")
    outcome = preview.refresh()
    assert outcome is not None and outcome.ok
    assert "内容（预览）" in (preview.out / PAGE).read_text(encoding="utf-8")


def test_the_errors_file_holds_data_that_cannot_close_the_script():
    hostile = Diagnostic("a.yaml", 3, 4, "unknown-theme", "</script><script>alert(1)</script>", "<b>hint</b>")
    script = errors_script([hostile]).decode()
    assert "<" not in script
    data = json.loads(script.removeprefix("window.previewErrors = ").strip().removesuffix(";"))
    assert data == [{"path": "a.yaml", "line": 3, "col": 4, "code": "unknown-theme",
                     "message": "</script><script>alert(1)</script>", "hint": "<b>hint</b>",
                     "severity": "error", "label": "错误[unknown-theme]"}]


def test_the_watcher_rebuilds_after_a_file_event(preview):
    preview.refresh()
    outcomes: list[Outcome] = []
    done, stop = threading.Event(), threading.Event()

    def report(outcome: Outcome) -> None:
        outcomes.append(outcome)
        done.set()

    thread = threading.Thread(target=preview.watch, args=(stop, report), daemon=True)
    thread.start()
    try:
        threading.Event().wait(0.5)  # let the observer start
        _edit(preview.data / DOC, "title: 协同开发油气资源。\n    text: 积极推进天然气",
              "title: 协同开发油气资源。\n    note: 监视器测试\n    text: 积极推进天然气")
        assert done.wait(60), "the watcher did not rebuild after the edit"
        threading.Event().wait(1.5)  # what the rebuild wrote must not start another rebuild
    finally:
        stop.set()
        thread.join(10)
    assert len(outcomes) == 1 and outcomes[0].ok
    assert "监视器测试" in (preview.out / PAGE).read_text(encoding="utf-8")


def _assert_preview_equals_a_full_build(preview, tmp_path):
    fresh, files = _full_build(preview, tmp_path)
    assert files == sorted(p.relative_to(preview.out) for p in preview.out.rglob("*") if p.is_file())
    assert [f for f in files if (fresh / f).read_bytes() != (preview.out / f).read_bytes()] == []


def test_the_preview_writes_exactly_what_a_full_build_writes(preview, tmp_path):
    """Reusing similar-measure links between runs never leaves a stale link: after a change of
    wording the preview's files equal a fresh build's, byte for byte."""
    preview.refresh()
    text = "text: 积极推进天然气(页岩气)勘探开发。"
    _edit(preview.data / DOC, text, text + "\n    note: 只改编者注")
    preview.refresh()
    _edit(preview.data / DOC, "themes: [transport, energy]", "themes: [transport]")
    assert preview.refresh().ok
    _assert_preview_equals_a_full_build(preview, tmp_path)


def test_the_edited_files_pages_are_written_first_and_only_it_is_parsed_again(preview, monkeypatch):
    import generator.load as load

    preview.refresh()
    first: list[list[str]] = []
    write_first = Preview._write_first
    monkeypatch.setattr(Preview, "_write_first", lambda self, pages: first.append([p.path for p in pages])
                        or write_first(self, pages))
    parsed: list[str] = []
    parse = load._parse_bytes
    monkeypatch.setattr(load, "_parse_bytes", lambda path, *rest: parsed.append(path.name) or parse(path, *rest))

    text = "text: 积极推进天然气(页岩气)勘探开发。"
    _edit(preview.data / DOC, text, text + "\n    note: 先写本文件的页面")
    outcome = preview.refresh()
    assert outcome is not None and outcome.ok and outcome.first_pages is not None
    assert parsed == [DOC.name]
    # the document's own pages, and no page of another file
    assert PAGE.as_posix() in first[0]
    assert all("jiangjin-test" in path for path in first[0]), first[0]
    assert "先写本文件的页面" in (preview.out / PAGE).read_text(encoding="utf-8")

    _edit(preview.watched[2] / "document.md.j2", "| 项目 | 内容 |", "| 项目 | 内容（预览） |")
    outcome = preview.refresh()
    assert outcome is not None and outcome.ok and outcome.first_pages is None  # a template: everything at once
    assert first[1] == []


def test_after_a_change_of_wording_the_preview_equals_a_full_build(preview, tmp_path):
    """The first pages are written with the last similar-measure links; the links are then
    recomputed and every page that shows them is written again."""
    preview.refresh()
    # the source reworded and the text with it (a text must run up to its clause: entry-parts-apart)
    _edit(preview.data / "sources" / "jiangjin-test.txt", "勘探开发。(牵头", "勘查开发。(牵头")
    _edit(preview.data / DOC, "text: 积极推进天然气(页岩气)勘探开发。", "text: 积极推进天然气(页岩气)勘查开发。")
    assert preview.refresh().ok
    _assert_preview_equals_a_full_build(preview, tmp_path)


def test_a_save_during_regeneration_interrupts_it_and_the_next_refresh_completes(preview, tmp_path):
    preview.refresh()
    text = "text: 积极推进天然气(页岩气)勘探开发。"
    _edit(preview.data / DOC, text, text + "\n    note: 中途又保存")
    preview.superseded = lambda: True  # the watcher saw another save
    outcome = preview.refresh()
    assert outcome is not None and outcome.interrupted and outcome.first_pages is not None
    assert "中途又保存" in (preview.out / PAGE).read_text(encoding="utf-8")  # the edited page is there at once
    _edit(preview.data / DOC, "中途又保存", "再次保存")
    preview.superseded = lambda: False
    outcome = preview.refresh()
    assert outcome is not None and outcome.ok and not outcome.interrupted
    fresh, files = _full_build(preview, tmp_path)
    assert [f for f in files if (fresh / f).read_bytes() != (preview.out / f).read_bytes()] == []


def test_a_busy_port_is_one_chinese_sentence_before_anything_is_generated():
    """Found walking as a new editor: with the port taken by another program, `serve` generated the
    whole preview, then printed the site server's Python traceback. Now it stops first, in Chinese."""
    import socket
    import subprocess
    import sys

    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))  # what another preview (python -m http.server) holds
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "generator", "serve", "--data", str(FIXTURE), "--port", str(port)],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    assert run.stderr.startswith(f"错误：端口 {port} 已被另一个程序占用"), run.stderr
    assert f"--port {port + 1}" in run.stderr
    assert "预览已更新" not in run.stdout  # nothing was generated
