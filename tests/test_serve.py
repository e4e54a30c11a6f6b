"""The live preview's watcher logic, driven directly (no server, no long sleeps), its lock with the
site server, and (marked slow) the whole `serve` end to end."""
from __future__ import annotations

import contextlib
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
    assert f"`make serve PORT={port + 1}`（即 `python -m generator serve --port {port + 1}`）" in run.stderr
    assert "预览已更新" not in run.stdout  # nothing was generated


def test_a_todo_is_labelled_a_warning_as_check_labels_it(preview):
    """Found by a user test: the preview called a TODO 错误[todo] where `check` and the editor guide
    say 提醒[todo]. The severity now comes from the check, as `check` prints it; like a build, the
    preview still shows no page of a draft."""
    from generator.checking import check_data

    preview.refresh()
    page_before = (preview.out / PAGE).read_bytes()
    _edit(preview.data / DOC, "themes: [transport, energy]", "themes: [todo, transport, energy]")
    outcome = preview.refresh()
    assert outcome is not None and not outcome.ok
    warnings: list[Diagnostic] = []
    check_data(preview.data, warnings)
    assert [d.label for d in warnings] == ["提醒[todo]"]
    shown = _errors_shown(preview)
    assert [(e["code"], e["severity"], e["label"]) for e in shown] == [("todo", "warning", "提醒[todo]")]
    assert "提醒[todo]" in outcome.summary() and "错误[todo]" not in outcome.summary()
    assert [d.text() for d in outcome.diagnostics] == [d.text() for d in warnings]  # the terminal's lines: check's
    assert (preview.out / PAGE).read_bytes() == page_before


def test_nesting_too_deep_for_the_c_stack_is_shown_in_the_banner(preview):
    """The user test's file (`note: ` and 30,000 `[`) killed the watcher with a segfault: now it is
    a data error like any other, and fixing it brings the pages back."""
    preview.refresh()
    doc = preview.data / DOC
    good = doc.read_bytes()
    doc.write_text("note: " + "[" * 30_000 + "\n", encoding="utf-8")
    outcome = preview.refresh()
    assert outcome is not None and not outcome.ok
    assert [(e["code"], e["line"], e["col"], e["message"]) for e in _errors_shown(preview)] == [
        ("yaml-syntax", 1, 106, "列表或映射嵌套的层数太多（到这里已超过 100 层）")]
    doc.write_bytes(good)
    assert preview.refresh().ok and _errors_shown(preview) == []


def test_a_file_gone_between_listing_and_reading_is_no_failure(tmp_path, monkeypatch):
    """An editor's save often writes a temporary file beside the file and renames it: listed, then gone."""
    from generator.serve import file_hashes

    (tmp_path / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / ".a.yaml.tmp").write_text("a: 2\n", encoding="utf-8")
    read_bytes = Path.read_bytes

    def renamed_meanwhile(path: Path) -> bytes:
        if path.name.endswith(".tmp"):
            path.unlink()
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", renamed_meanwhile)
    assert list(file_hashes([tmp_path])) == [tmp_path / "a.yaml"]


def test_the_watcher_shows_an_unexpected_failure_and_keeps_watching(preview, monkeypatch):
    """Found by a user test: the watcher died, its site server went on serving stale pages without an
    error box, and later saves changed nothing. A regeneration that fails (a crashed second process,
    any exception, even while looking at the files) is now shown on the pages as an internal error,
    and the next save is regenerated as usual."""
    import generator.serve as serve_module

    preview.refresh()
    failures = [RuntimeError("the second build process ended with exit code -11"), PermissionError("site_data")]
    check_data, file_hashes = serve_module.check_data, serve_module.file_hashes

    def failing(real, kind):
        def call(*args, **kwargs):
            if failures and isinstance(failures[0], kind):
                raise failures.pop(0)
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(serve_module, "check_data", failing(check_data, RuntimeError))
    monkeypatch.setattr(serve_module, "file_hashes", failing(file_hashes, OSError))
    outcomes: list[Outcome] = []
    reported = threading.Semaphore(0)
    stop = threading.Event()

    def report(outcome: Outcome) -> None:
        outcomes.append(outcome)
        reported.release()

    thread = threading.Thread(target=preview.watch, args=(stop, report), daemon=True)
    thread.start()
    shown = []
    try:
        threading.Event().wait(0.5)  # let the observer start
        text = "text: 积极推进天然气(页岩气)勘探开发。"
        _edit(preview.data / DOC, text, text + "\n    note: 第一次保存")
        for before, after in (("第一次", "第一次"), ("第一次", "第二次"), ("第二次", "第三次")):
            if before != after:
                _edit(preview.data / DOC, f"note: {before}保存", f"note: {after}保存")
            assert reported.acquire(timeout=90), f"no regeneration after the {after} save"
            assert thread.is_alive()
            shown.append([e["code"] for e in _errors_shown(preview)])
    finally:
        stop.set()
        thread.join(10)
    assert [o.ok for o in outcomes] == [False, False, True], [o.summary() for o in outcomes]
    assert shown == [["internal-error"], ["internal-error"], []]
    assert "第三次保存" in (preview.out / PAGE).read_text(encoding="utf-8")
    assert not failures


def test_every_file_the_preview_writes_is_written_holding_the_docs_lock(preview, monkeypatch):
    """The site server builds only while it holds the lock beside the docs folder (generator.siteserver),
    so every file the watcher writes or removes must be written while the watcher holds it."""
    import fcntl

    import generator.serve as serve_module
    import generator.write as write_module

    unlocked: list[str] = []

    def checked(real):
        def write(path: Path, data: bytes) -> bool:
            with open(preview.lock.path, "a+b") as other:  # another open file: the site server's
                try:
                    fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    pass  # held by the preview: as it should be
                else:
                    fcntl.flock(other, fcntl.LOCK_UN)
                    unlocked.append(path.name)
            return real(path, data)
        return write

    monkeypatch.setattr(serve_module, "write_if_changed", checked(serve_module.write_if_changed))
    monkeypatch.setattr(write_module, "write_if_changed", checked(write_module.write_if_changed))
    _edit(preview.data / DOC, "themes: [transport, energy]", "themes: [transport, enrgy]")
    assert not preview.refresh().ok  # the banner on a first site
    _edit(preview.data / DOC, "themes: [transport, enrgy]", "themes: [transport, energy]")
    assert preview.refresh().ok  # the whole site
    text = "text: 积极推进天然气(页岩气)勘探开发。"
    _edit(preview.data / DOC, text, text + "\n    note: 加锁写出")
    outcome = preview.refresh()
    assert outcome.ok and outcome.first_pages is not None  # the edited file's pages first, then the rest
    _edit(preview.data / DOC, "themes: [transport, energy]", "themes: [transport, enrgy]")
    assert not preview.refresh().ok  # the banner on the last good site
    assert unlocked == []


MINIMAL_SITE = """\
site_name: 锁
docs_dir: docs
site_dir: site
theme:
  name: material
"""


def test_a_page_written_while_the_site_server_builds_waits_for_the_build(tmp_path, monkeypatch):
    """Found by a user test: every save that touched many pages printed `Error building page …:
    argument of type 'NoneType' is not iterable`, a traceback and "The server will appear stuck".
    MkDocs' dirty rebuild reads the pages whose Markdown is newer than their HTML, then builds those
    that are newer; a page the watcher rewrote between the two steps was built unread. Here the
    watcher writes a page at exactly that moment: with the lock (siteserver.locked, held by every
    write of the preview) the write waits for the build, and the next build shows it."""
    import mkdocs.commands.build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.siteserver import DocsLock, lock_path, locked
    from generator.write import write_if_changed

    docs = tmp_path / "docs"
    for name in ("index", "a"):
        write_if_changed(docs / f"{name}.md", f"# {name}\n\n第一版\n".encode())
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_SITE, encoding="utf-8")
    lock = DocsLock(lock_path(docs))
    build = locked(mkdocs.commands.build.build, lock)

    def config():
        return load_config(str(tmp_path / "mkdocs.yml"))

    build(config(), dirty=False)
    os.utime(docs / "index.md")  # a change that starts the rebuild (the edited document's page)
    writer = threading.Thread(target=lambda: _write_locked(lock, docs / "a.md", "# a\n\n第二版\n".encode()))
    copy = Files.copy_static_files

    def meanwhile(files, *args, **kwargs):  # between reading the pages and building them
        if not writer.is_alive() and writer.ident is None:
            writer.start()
            writer.join(1.0)  # the watcher's write: done at once without the lock
        return copy(files, *args, **kwargs)

    monkeypatch.setattr(Files, "copy_static_files", meanwhile)
    build(config(), dirty=True)  # without the lock: TypeError, the page built with no content
    writer.join(10)
    assert "第二版" not in (tmp_path / "site/a/index.html").read_text(encoding="utf-8")
    build(config(), dirty=True)  # the rebuild the write's file event starts
    assert "第二版" in (tmp_path / "site/a/index.html").read_text(encoding="utf-8")


def _write_locked(lock, path: Path, data: bytes) -> None:
    """A write of the preview (Preview._write_first): holding the lock."""
    from generator.write import write_if_changed

    with lock.held():
        write_if_changed(path, data)


def test_the_site_server_stops_when_the_watcher_dies(tmp_path):
    """Found by a user test: the watcher died, its `mkdocs serve` went on holding the port, and the next
    `make serve` said the port was taken. The site server reads its standard input, a pipe whose other
    end only the watcher holds, and stops when it ends: here the watcher is killed outright."""
    import signal
    import subprocess
    import sys
    import time

    server = ("import time\nfrom generator.siteserver import stop_when_stdin_ends\nstop_when_stdin_ends()\n"
              "try:\n    time.sleep(120)\nexcept KeyboardInterrupt:\n    print('stopped as by Ctrl+C', flush=True)\n")
    watcher = ("import subprocess, sys, time\n"
               f"server = subprocess.Popen([sys.executable, '-c', {server!r}], stdin=subprocess.PIPE)\n"
               "print(server.pid, flush=True)\ntime.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", watcher], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    time.sleep(1.0)
    assert _alive(child), "the site server stopped while the watcher still ran"
    parent.send_signal(signal.SIGKILL)  # as a crash ends it: no `finally`, no clean-up
    parent.wait(10)
    deadline = time.monotonic() + 15
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child), "the site server outlived its watcher"


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
def test_serve_end_to_end_saves_give_no_traceback_and_a_killed_watcher_frees_the_port(tmp_path):
    """The user test, end to end: `serve` on a copy of the data; a document's short title changed
    three times (each save rewrites the pages of every list that names the document) gives no
    traceback of the site server; then the watcher is killed outright, and its site server stops and
    frees the port for the next `serve`."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    from generator.serve import port_taken

    data = tmp_path / "site_data"
    shutil.copytree(FIXTURE, data)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (tmp_path / "serve.log").open("w+", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    watcher = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--data", str(data), "--content",
                                str(ROOT / "content"), "--port", str(port)], cwd=tmp_path, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    page = f"http://127.0.0.1:{port}/documents/jiangjin-test/"

    def shows(text: str, limit: float = 180) -> bool:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and watcher.poll() is None:
            try:
                with urllib.request.urlopen(page, timeout=10) as response:
                    if text in response.read().decode("utf-8"):
                        return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert shows("江津测试方案"), _read(log)
        before = "江津测试方案"
        for title in ("江津测试方案甲", "江津测试方案乙", "江津测试方案丙"):
            _edit(data / DOC, f"short_title: {before}\n", f"short_title: {title}\n")
            before = title
            assert shows(title), _read(log)
            time.sleep(3)  # the rest of the site is regenerated and rebuilt
        said = _read(log)
        assert "Traceback" not in said and "Error building page" not in said, said
        server = [int(pid) for pid in Path(f"/proc/{watcher.pid}/task/{watcher.pid}/children").read_text().split()]
        assert len(server) == 1
        watcher.send_signal(signal.SIGKILL)  # as a crash ends it
        watcher.wait(10)
        deadline = time.monotonic() + 20
        while (_alive(server[0]) or port_taken(port)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(server[0]) and not port_taken(port), _read(log)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(watcher.pid, signal.SIGKILL)  # the site server too, when it outlived the watcher
        watcher.wait(10)
        log.close()


def _read(log) -> str:
    log.flush()
    return Path(log.name).read_text(encoding="utf-8")


def test_a_page_whose_markdown_was_removed_is_no_longer_served(tmp_path):
    """Found by a user test of the editor's path: a document's YAML deleted during `make serve`, the
    watcher removed its pages from build/docs, yet the preview kept serving them (200, the old page):
    MkDocs' dirty rebuild only adds and replaces. The site server's build (clean_after_removals, as
    siteserver.main wraps it) builds the whole site after a file has gone, and stays dirty otherwise."""
    import mkdocs.commands.build
    from mkdocs.config import load_config

    from generator.siteserver import clean_after_removals
    from generator.write import write_if_changed

    docs, site = tmp_path / "docs", tmp_path / "site"
    for name in ("index", "a", "b"):
        write_if_changed(docs / f"{name}.md", f"# {name}\n".encode())
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_SITE, encoding="utf-8")
    kinds: list[bool] = []

    def build(config, **kwargs):
        kinds.append(kwargs["dirty"])
        return mkdocs.commands.build.build(config, **kwargs)

    serve_build = clean_after_removals(build)

    def rebuild():
        serve_build(load_config(str(tmp_path / "mkdocs.yml")), dirty=True)

    rebuild()
    write_if_changed(docs / "c.md", b"# c\n")  # a page added: a dirty build is enough
    rebuild()
    assert (site / "b/index.html").is_file() and (site / "c/index.html").is_file()
    (docs / "b.md").unlink()  # the watcher removed a document's page
    rebuild()
    assert not (site / "b/index.html").exists()
    assert (site / "a/index.html").is_file() and (site / "c/index.html").is_file()
    assert kinds == [True, True, False]
    rebuild()  # nothing gone since: dirty again
    assert kinds[-1] is True
