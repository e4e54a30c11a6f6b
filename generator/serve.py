"""Live preview for editors: `python -m generator serve`.

A watcher of the data, content and template folders regenerates the Markdown in
build/docs whenever their bytes change, and a site server (`mkdocs serve
--dirtyreload`) beside it rebuilds the pages whose Markdown changed and reloads
the browser. The generator does not depend on MkDocs hooks, so any server that
watches build/docs works the same way (Zensical, `mkdocs serve`).

Nothing the generator writes lies in a watched folder, so a run never triggers
another run. Only files whose bytes change are written, so the server rebuilds
only the pages that changed.

On a data error the last good pages stay as they are and only
``assets/preview-errors.js`` is rewritten with the diagnostics: every page loads
it, and ``assets/preview.js`` shows them in a banner until the data is fixed.
"""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.diagnostics import DataErrors, Diagnostic, render
from generator.index import Similarity, SiteIndex, build_index
from generator.pipeline import ASSETS, ROOT, TEMPLATES, check_data, render_tree
from generator.similarity import similar_measures
from generator.write import OutputTree, write_if_changed

ERRORS_FILE = "assets/preview-errors.js"  # loaded by every page (mkdocs.yml extra_javascript)
NO_ERRORS = (ASSETS / "preview-errors.js").read_bytes()  # the shipped version: an empty list
DEBOUNCE_SECONDS = 0.2  # an editor's save is often several file events; wait until they settle


def errors_script(diagnostics: Iterable[Diagnostic]) -> bytes:
    """The errors file for the banner. JSON data only (never markup): assets/preview.js puts each
    field into the page as text. `<` is escaped so no `</script>` can end the script early."""
    items = [asdict(d) for d in sorted(set(diagnostics))]
    data = json.dumps(items, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f"window.previewErrors = {data};\n".encode()


def _internal_error_script(text: str) -> bytes:
    item = {"path": "", "line": 0, "col": 0, "code": "internal-error", "message": text,
            "hint": "这不是数据错误：请把终端中的输出报告给开发者。"}
    data = json.dumps([item], ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f"window.previewErrors = {data};\n".encode()


def fingerprint(folders: Iterable[Path]) -> str:
    """A hash of every file's path and bytes under the folders. Content, not modification
    times: saving a file unchanged (or `touch`) is not a change."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.exists():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class RememberedSimilarity:
    """Similar-measure links, recomputed only when what they depend on changed: the measures'
    words, districts, documents and themes, and the registries' terms. While an editor changes
    anything else (a note, a target, a unit, a date) the last links are reused."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._links: dict[str, tuple[Similarity, ...]] = {}

    def __call__(self, index: SiteIndex) -> dict[str, tuple[Similarity, ...]]:
        inputs = repr((
            [(m.key, m.full_text, m.district.slug, m.document.id, [t.slug for t in m.themes]) for m in index.measures],
            index.departments, index.metrics, index.themes,
        ))
        key = hashlib.sha256(inputs.encode()).hexdigest()
        if key != self._key:
            self._links, self._key = similar_measures(index), key
        return self._links


@dataclass(frozen=True)
class Outcome:
    """What one regeneration did."""

    ok: bool
    changed: int  # files written into the output folder (0 when the data has errors)
    diagnostics: tuple[Diagnostic, ...]
    seconds: float

    def summary(self) -> str:
        if self.ok:
            return f"preview updated: {self.changed} file(s) changed in {self.seconds:.1f} s"
        if not self.diagnostics:
            return "internal error (see above); the preview keeps the last good pages"
        return (render(list(self.diagnostics)) + f"\n\n{len(self.diagnostics)} problem(s); the preview keeps the "
                "last good pages and shows these problems on every page until they are fixed")


class Preview:
    """Regenerates the output folder when the watched folders' bytes change.

    ``refresh()`` is the whole logic and is driven directly by the tests; ``watch()`` only
    calls it when the file system reports an event.
    """

    def __init__(self, data: Path, content: Path, out: Path, templates: Path = TEMPLATES):
        self.data, self.content, self.out = data, content, out
        self.templates = templates
        self.watched = (data, content, templates)
        self._seen: str | None = None
        self._similarity = RememberedSimilarity()

    def refresh(self) -> Outcome | None:
        """Regenerate if anything watched changed since the last call; None if nothing did."""
        current = fingerprint(self.watched)
        if current == self._seen:
            return None
        self._seen = current
        start = time.perf_counter()
        try:
            index = build_index(check_data(self.data), similarity=self._similarity)
            tree = render_tree(index, self.content, self.templates)
            changed = tree.write(self.out).changed
        except DataErrors as exc:
            self._show_errors(errors_script(exc.diagnostics))
            return Outcome(False, 0, tuple(exc.diagnostics), time.perf_counter() - start)
        except Exception:  # a bug, not the editor's fault: keep serving, say so on the page
            text = traceback.format_exc()
            print(text, file=sys.stderr)
            self._show_errors(_internal_error_script(text.strip().splitlines()[-1]))
            return Outcome(False, 0, (), time.perf_counter() - start)
        return Outcome(True, changed, (), time.perf_counter() - start)

    def _show_errors(self, script: bytes) -> None:
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
            observer.stop()
            observer.join()


def site_server_command(port: int, config: Path = ROOT / "mkdocs.yml") -> list[str]:
    """The site server beside the watcher: MkDocs rebuilds only the pages whose Markdown changed."""
    return [sys.executable, "-m", "mkdocs", "serve", "--dirtyreload", "--quiet", "-f", str(config),
            "-a", f"127.0.0.1:{port}"]


def serve(data: Path, content: Path, out: Path, port: int) -> int:
    preview = Preview(data, content, out)
    first = preview.refresh()
    assert first is not None
    print(first.summary(), file=sys.stderr if not first.ok else sys.stdout, flush=True)
    # stopped by a signal (not Ctrl+C), still stop the site server: raise KeyboardInterrupt instead
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    # the server watches the folder the preview writes (mkdocs.yml reads docs_dir from CPC_DOCS_DIR)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", CPC_DOCS_DIR=str(out.resolve()))
    server = subprocess.Popen(site_server_command(port), cwd=ROOT, env=env)
    print(f"preview on http://127.0.0.1:{port}/ ; watching {', '.join(str(p) for p in preview.watched)} "
          "(Ctrl+C stops)", flush=True)
    stop = threading.Event()

    def stop_when_the_server_ends() -> None:
        server.wait()
        stop.set()

    threading.Thread(target=stop_when_the_server_ends, daemon=True).start()

    def report(outcome: Outcome) -> None:
        print(outcome.summary(), file=sys.stderr if not outcome.ok else sys.stdout, flush=True)

    try:
        preview.watch(stop, report)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    if server.returncode not in (0, -15):
        print(f"the site server stopped (exit code {server.returncode}); is port {port} in use? "
              "try `python -m generator serve --port 8001`", file=sys.stderr)
        return 2
    return 0
