"""Live preview for editors: `python -m generator serve`.

A watcher of the data, content and template folders regenerates the Markdown in
build/docs whenever their bytes change, and a site server (`mkdocs serve
--dirtyreload`, run by generator.siteserver) beside it rebuilds the pages whose
Markdown changed and reloads the browser. The generator does not depend on MkDocs
hooks, so any server that watches build/docs works the same way (Zensical,
`mkdocs serve`); generator.siteserver adds two safeguards: it never builds while
the watcher writes (a lock beside build/docs, which every write of the watcher
holds), so it never reads a half-replaced docs tree, and it stops when the watcher
ends, however that ends.

Nothing the generator writes lies in a watched folder, so a run never triggers
another run. Only files whose bytes change are written, so the server rebuilds
only the pages that changed.

A failure that is not the editor's (a bug, a crashed second process) is shown on
the pages as an internal error, and the watcher keeps watching.

On a data error the last good pages stay as they are and only
``assets/preview-errors.js`` is rewritten with the diagnostics: every page loads
it, and ``assets/preview.js`` shows them in a banner until the data is fixed.
"""
from __future__ import annotations

import contextlib
import faulthandler
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

from generator.checking import check_data
from generator.diagnostics import DataErrors, Diagnostic, left_out, render, shown_to_a_reader
from generator.index import SimilarMeasures, SiteIndex, build_index, repository_path, with_similarity
from generator.load import ParsedFiles, editor_working_file
from generator.pages.common import Page
from generator.pipeline import ASSETS, ROOT, TEMPLATES, Interrupted, page_list, render_pages, render_tree
from generator.similarity import similar_measures
from generator.siteserver import LOCK_ENV, DocsLock, lock_path
from generator.write import OutputTree, write_if_changed

ERRORS_FILE = "assets/preview-errors.js"  # loaded by every page (mkdocs.yml extra_javascript)
NO_ERRORS = (ASSETS / "preview-errors.js").read_bytes()  # the shipped version: an empty list
T = TypeVar("T")
DEBOUNCE_SECONDS = 0.2  # an editor's save is often several file events; wait until they settle


def errors_script(diagnostics: Iterable[Diagnostic]) -> bytes:
    """The errors file for the banner: what the terminal lists (the first SHOWN_PER_CODE errors of a
    code) and, for a code with more, how many more and the sentence saying so. JSON data only (never
    markup): assets/preview.js puts each field into the page as text. `<` is escaped so no `</script>`
    can end the script early."""
    shown, left = shown_to_a_reader(diagnostics)
    items = [{**asdict(d), "label": d.label} for d in shown]  # label: 错误[code], as the terminal shows it
    more = [{"code": code, "count": n, "text": left_out(code, n) + "；要列出全部，在终端运行 `python -m generator check --format json`"}
            for code, n in left.items()]
    script = f"window.previewErrors = {_script_json(items)};\n"
    return (script + (f"window.previewErrorsLeft = {_script_json(more)};\n" if more else "")).encode()


def _script_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def _internal_error_script(text: str) -> bytes:
    item = {"path": "", "line": 0, "col": 0, "code": "internal-error", "label": "内部错误", "message": text,
            "hint": "这不是数据错误：请把终端中的输出报告给开发者。"}
    return f"window.previewErrors = {_script_json([item])};\n".encode()


def file_hashes(folders: Iterable[Path]) -> dict[Path, bytes]:
    """The hash of every file's bytes under the folders. Content, not modification times: saving
    a file unchanged (or `touch`) is not a change."""
    hashes: dict[Path, bytes] = {}
    for folder in folders:
        if folder.exists():
            for path in sorted(p for p in folder.rglob("*") if p.is_file() and not editor_working_file(p)):
                try:
                    hashes[path] = hashlib.sha256(path.read_bytes()).digest()
                except FileNotFoundError:  # gone since listed (an editor's temporary file): its removal is an event too
                    continue
    return hashes


class RememberedSimilarity:
    """Similar-measure links and counterpart districts (SimilarMeasures), recomputed only when what they depend on changed: the measures'
    words, districts, documents and themes, and the registries' terms. While an editor changes
    anything else (a note, a target, a unit, a date) the last links are reused.

    ``remembered`` gives the last links at once, even when they are out of date (links of measures
    that no longer exist left out), so the page being edited can be shown before the links are
    recomputed; ``current`` recomputes them when needed."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._found = SimilarMeasures()

    @staticmethod
    def _inputs(index: SiteIndex) -> str:
        inputs = repr((
            [(m.key, m.full_text, m.district.slug, m.document.id, [t.slug for t in m.themes]) for m in index.measures],
            index.departments, index.metrics, index.themes, index.synonyms,
        ))
        return hashlib.sha256(inputs.encode()).hexdigest()

    def is_current(self, index: SiteIndex) -> bool:
        return self._key == self._inputs(index)

    def remembered(self, index: SiteIndex) -> SimilarMeasures:
        present = index.measure_by_key
        return SimilarMeasures(
            {key: tuple(s for s in links if s.other in present) for key, links in self._found.links.items() if key in present},
            {key: districts for key, districts in self._found.counterpart_districts.items() if key in present})

    def current(self, index: SiteIndex) -> SimilarMeasures:
        key = self._inputs(index)
        if key != self._key:
            self._found, self._key = similar_measures(index), key
        return self._found


LOWER_PRIORITY = 10  # nice increment of the regeneration after the first pages


def at_low_priority(work: Callable[[], T], lowered: bool = True) -> T:
    """Run `work` in a thread of lower CPU priority (Linux gives each thread its own nice value)
    and wait for it: while the rest of the site is regenerated, the site server rebuilding the
    page the editor looks at gets the processor first. Elsewhere, or not lowered, it just runs."""
    if not lowered or not hasattr(os, "setpriority"):
        return work()
    result: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWER_PRIORITY)
        except OSError:
            pass
        try:
            result.append(work())
        except BaseException as exc:  # handed to the caller as if raised there
            failure.append(exc)

    thread = threading.Thread(target=run, name="regenerate")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return result[0]


@dataclass(frozen=True)
class Outcome:
    """What one regeneration did."""

    ok: bool
    changed: int  # files written into the output folder (0 when the data has errors)
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    first_pages: float | None = None  # seconds until the edited file's own pages were written
    interrupted: bool = False  # the files changed again before the rest was regenerated

    def summary(self) -> str:
        if self.interrupted:
            return "预览：所改文件的页面已更新；文件又有改动，正在重新生成"
        if self.ok:
            first = f"（所改文件的页面 {self.first_pages:.1f} 秒后已更新）" if self.first_pages is not None else ""
            return f"预览已更新：{self.seconds:.1f} 秒内改动了 {self.changed} 个文件{first}"
        if not self.diagnostics:
            return "内部错误（见上方输出）；预览保留上次正确的页面"
        return (render(list(self.diagnostics)) + f"\n\n共发现 {len(self.diagnostics)} 个问题；预览保留上次正确的页面，"
                "并在每个页面上显示这些问题，直到改正为止")


class Preview:
    """Regenerates the output folder when the watched folders' bytes change.

    ``refresh()`` is the whole logic and is driven directly by the tests; ``watch()`` only
    calls it when the file system reports an event.
    """

    def __init__(self, data: Path, content: Path, out: Path, templates: Path = TEMPLATES):
        self.data, self.content, self.out = data, content, out
        self.templates = templates
        self.lock = DocsLock(lock_path(out))  # held while writing into ``out``: the site server never builds then
        self.watched = (data, content, templates)
        self._seen: dict[Path, bytes] | None = None
        self._parsed = ParsedFiles()
        self._similarity = RememberedSimilarity()
        self.superseded: Callable[[], bool] = lambda: False  # the watcher: did the files change again?

    def refresh(self) -> Outcome | None:
        """Regenerate if anything watched changed since the last call; None if nothing did.

        Two steps: the pages that come from a changed YAML file (the document being edited) are
        rendered and written first, with the last similar-measure links, so the editor sees the
        change at once; then everything is regenerated as in a build, and only the files whose
        bytes differ are written (the first step's pages are already current).

        Any failure that is not the editor's (a bug, a crashed second process) is printed with its
        traceback and shown on the pages as an internal error; the next change is regenerated as usual."""
        start = time.perf_counter()
        try:
            return self._refresh(start)
        except Exception:  # a bug, not the editor's fault: keep serving, say so on the page
            text = traceback.format_exc()
            print(text, file=sys.stderr, flush=True)
            try:
                self._show_errors(_internal_error_script("生成器内部出错：" + text.strip().splitlines()[-1]))
            except Exception:  # not even the banner could be written (a full disk): the terminal has said it
                traceback.print_exc()
            return Outcome(False, 0, (), time.perf_counter() - start)

    def _refresh(self, start: float) -> Outcome | None:
        current = file_hashes(self.watched)
        if current == self._seen:
            return None
        changed = set(current) if self._seen is None else {
            path for path in current.keys() | self._seen.keys() if current.get(path) != self._seen.get(path)}
        first_run = self._seen is None
        self._seen = current
        first_pages = None
        try:
            # as `check` finds them, a TODO a warning (提醒); like a build, the preview shows no page of a draft
            warnings: list[Diagnostic] = []
            corpus = check_data(self.data, warnings, parsed=self._parsed)
            if warnings:
                raise DataErrors(warnings)
            index = build_index(corpus, similarity=self._similarity.remembered)
            pages = page_list(index)
            if not first_run:
                if self._write_first(self._pages_of(pages, changed)):
                    first_pages = time.perf_counter() - start
            changed_files = at_low_priority(lambda: self._regenerate(index, pages), lowered=first_pages is not None)
        except Interrupted:  # saved again meanwhile: the next refresh regenerates everything
            return Outcome(True, 0, (), time.perf_counter() - start, first_pages, interrupted=True)
        except DataErrors as exc:
            self._show_errors(errors_script(exc.diagnostics))
            return Outcome(False, 0, tuple(exc.diagnostics), time.perf_counter() - start)
        return Outcome(True, changed_files, (), time.perf_counter() - start, first_pages)

    def _regenerate(self, index: SiteIndex, pages: list[Page]) -> int:
        """Everything, as in a build; returns how many files were written."""
        if not self._similarity.is_current(index):
            index = with_similarity(index, self._similarity.current(index))
            pages = page_list(index)
        tree = render_tree(index, self.content, self.templates, pages=pages, interrupt=self.superseded)
        with self.lock.held():
            return tree.write(self.out).changed

    def _pages_of(self, pages: list[Page], changed: set[Path]) -> list[Page]:
        """The pages whose edit button opens one of the changed data files."""
        data = self.data.resolve()
        files = {repository_path(self.data, path) for path in changed
                 if path.suffix == ".yaml" and path.resolve().is_relative_to(data)}
        return [page for page in pages if page.edit is not None and page.edit.path in files]

    def _write_first(self, pages: list[Page]) -> bool:
        """Write these pages now; say whether there were any."""
        if not pages or not (self.out / "index.md").is_file():
            return False
        tree = OutputTree()
        render_pages(tree, pages, self.templates)
        with self.lock.held():
            for rel, data in tree.items():
                write_if_changed(self.out / rel, data)
            # the banner of an error just fixed goes with the first pages
            write_if_changed(self.out / ERRORS_FILE, NO_ERRORS)
        return True

    def _show_errors(self, script: bytes) -> None:
        with self.lock.held():
            if not (self.out / "index.md").is_file():
                # no good build yet: a minimal site, so the server can start and the banner shows
                tree = OutputTree()
                tree.add("index.md", "# 预览\n\n数据有错误，改正后这里会显示网站。\n")
                for path in sorted(ASSETS.rglob("*")):
                    if path.is_file():
                        tree.add("assets/" + path.relative_to(ASSETS).as_posix(), path.read_bytes())
                tree.write(self.out)
            write_if_changed(self.out / ERRORS_FILE, script)

    def watch(self, stop: threading.Event, report: Callable[[Outcome], None]) -> None:
        """Run ``refresh`` after each burst of file events until ``stop`` is set."""
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        pending = threading.Event()

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type not in ("opened", "closed_no_write"):
                    pending.set()

        observer = Observer()
        for folder in self.watched:
            if folder.exists():
                observer.schedule(Handler(), str(folder), recursive=True)
        observer.start()
        self.superseded = pending.is_set
        try:
            while not stop.is_set():
                if not pending.wait(0.5):
                    continue
                while pending.is_set():  # wait until the events settle
                    pending.clear()
                    time.sleep(DEBOUNCE_SECONDS)
                outcome = self.refresh()
                if outcome is not None:
                    report(outcome)
        finally:
            self.superseded = lambda: False
            observer.stop()
            observer.join()


def site_server_command(port: int, config: Path = ROOT / "mkdocs.yml") -> list[str]:
    """The site server beside the watcher: MkDocs rebuilds only the pages whose Markdown changed
    (`mkdocs serve`, with generator.siteserver's safeguards)."""
    return [sys.executable, "-m", "generator.siteserver", "--dirtyreload", "--quiet", "-f", str(config),
            "-a", f"127.0.0.1:{port}"]


def port_taken(port: int) -> bool:
    """Whether another program already listens on the preview's port. Checked before anything is
    generated, so a busy port gives one plain sentence, not the site server's traceback after the
    first build. SO_REUSEADDR lets a port a stopped preview left in TIME_WAIT count as free."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def stop_site_server(server: subprocess.Popen, grace: float = 5) -> None:
    """Stop the site server: the end of its standard input stops it as Ctrl+C does (MkDocs removes its
    temporary site); if it has not stopped ``grace`` seconds later it is terminated, then killed."""
    with contextlib.suppress(OSError):
        server.stdin.close()  # type: ignore[union-attr]
    for end in (lambda: None, server.terminate, server.kill):
        end()
        try:
            server.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


def serve(data: Path, content: Path, out: Path, port: int) -> int:
    if port_taken(port):
        print(f"错误：端口 {port} 已被另一个程序占用，预览没有启动\n"
              f"    建议：换一个端口，如 `make serve PORT={port + 1}`（即 `python -m generator serve --port {port + 1}`）；"
              "或先停止占用它的程序（例如另一个还在运行的预览）", file=sys.stderr)
        return 2
    faulthandler.enable()  # a crash in C code still says where, instead of nothing
    preview = Preview(data, content, out)
    first = preview.refresh()
    assert first is not None
    print(first.summary(), file=sys.stderr if not first.ok else sys.stdout, flush=True)
    # stopped by a signal (not Ctrl+C), still stop the site server: raise KeyboardInterrupt instead
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    # the server watches the folder the preview writes (mkdocs.yml reads docs_dir from CPC_DOCS_DIR) and
    # builds only while the preview's lock is free (generator.siteserver, found as cwd is ROOT); its standard
    # input is a pipe only this process holds, so it stops when this process ends, however it ends
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CPC_DOCS_DIR=str(out.resolve()),
               **{LOCK_ENV: str(preview.lock.path.resolve())})
    server = subprocess.Popen(site_server_command(port), cwd=ROOT, env=env, stdin=subprocess.PIPE)
    print(f"预览地址 http://127.0.0.1:{port}/ ；正在监视 {', '.join(str(p) for p in preview.watched)} "
          "（按 Ctrl+C 停止）", flush=True)
    stop = threading.Event()

    def stop_when_the_server_ends() -> None:
        server.wait()
        stop.set()

    threading.Thread(target=stop_when_the_server_ends, daemon=True).start()

    def report(outcome: Outcome) -> None:
        print(outcome.summary(), file=sys.stderr if not outcome.ok else sys.stdout, flush=True)

    interrupted = False
    try:
        preview.watch(stop, report)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        stop.set()
        ended_first = server.poll() is not None
        stop_site_server(server)
    if ended_first and not interrupted and server.returncode not in (0, -15):
        print(f"网站服务已停止（退出码 {server.returncode}）；端口 {port} 是否已被占用？"
              f"可以试试 `make serve PORT={port + 1}`（即 `python -m generator serve --port {port + 1}`）", file=sys.stderr)
        return 2
    return 0
