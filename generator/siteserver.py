"""The live preview's site server: `mkdocs serve`, run as `python -m generator.siteserver ARGS…`
(the arguments are mkdocs serve's) by the watcher in generator.serve, with two safeguards.

It builds only while the watcher is not writing. MkDocs' dirty rebuild reads the pages whose
Markdown is newer than their HTML, then builds those that are newer: a page the watcher rewrote
between the two steps was built unread (`Error building page …: argument of type 'NoneType' is not
iterable`, a traceback and "The server will appear stuck" after every save that touched many
pages), and a page removed between them failed too. Both sides now hold one lock (DocsLock, a file
beside the docs folder, named in CPC_PREVIEW_LOCK): the watcher while it writes, this server while
it builds. So MkDocs only ever reads a complete docs tree; what the watcher wrote meanwhile is built
by the next rebuild, which its file events start.

A page whose Markdown the watcher removed (a document deleted or renamed) is removed from the site
too: a dirty rebuild only adds and replaces, so its old page went on being served as if it still
belonged to the site. A build after a file left the docs folder is therefore a whole one, which
empties the site folder first (clean_after_removals); any other build stays dirty and quick.

It ends when the watcher ends, however the watcher ends (a crash included): its standard input is a
pipe whose other end only the watcher holds, and at the pipe's end it stops as Ctrl+C stops it (MkDocs
removes its temporary site). Before, a watcher that died left this server holding the port and
serving stale pages, and the next `make serve` was told the port was taken.

It imports nothing of the generator but this module, so it starts as quickly as `mkdocs serve`.
"""
from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock, as before
    fcntl = None  # type: ignore[assignment]

LOCK_ENV = "CPC_PREVIEW_LOCK"
GRACE_SECONDS = 10  # after the watcher ended: time to stop as Ctrl+C stops, before exiting outright


def lock_path(docs: Path) -> Path:
    """The lock file of a docs folder: beside it, where neither the site server nor the watcher looks
    for pages (build/docs → build/docs.lock)."""
    return docs.with_name(docs.name + ".lock")


class DocsLock:
    """An exclusive lock between the processes that write and read one docs folder (flock on a file;
    each holding opens the file anew, so that two threads of one process also exclude each other)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def locked(build: Callable[..., Any], lock: DocsLock) -> Callable[..., Any]:
    """``build`` (MkDocs' build) run while holding ``lock``: never while the watcher is writing."""
    def build_a_whole_tree(*args: Any, **kwargs: Any) -> Any:
        with lock.held():
            return build(*args, **kwargs)
    return build_a_whole_tree


def clean_after_removals(build: Callable[..., Any]) -> Callable[..., Any]:
    """``build`` (MkDocs' build) made whole (``dirty=False``: the site folder emptied first) when a file
    of the docs folder has gone since the previous build, so that no page outlives its Markdown."""
    before: set[str] | None = None

    def build_without_stale_pages(config: Any, *args: Any, dirty: bool = False, **kwargs: Any) -> Any:
        nonlocal before
        docs = config.docs_dir  # os.walk: no stat of each of a large site's files, as rglob and is_dir make
        now = {os.path.relpath(os.path.join(folder, name), docs) for folder, _, names in os.walk(docs) for name in names}
        gone = before is not None and not before <= now
        built = build(config, *args, dirty=dirty and not gone, **kwargs)
        before = now  # only once built: after a failed build the next one is whole again
        return built
    return build_without_stale_pages


def stop_when_stdin_ends(grace: float = GRACE_SECONDS) -> threading.Thread:
    """Read standard input to its end in a thread, then stop this process as Ctrl+C does (SIGINT),
    and exit outright if it has not stopped ``grace`` seconds later."""
    def wait() -> None:
        # os.read, not sys.stdin: a daemon thread blocked in a buffered read holds the buffer's lock,
        # and the interpreter aborts when it finds that lock held at its exit
        with contextlib.suppress(OSError):
            while os.read(0, 1 << 16):
                pass
        os.kill(os.getpid(), signal.SIGINT)
        threading.Event().wait(grace)
        os._exit(0)

    thread = threading.Thread(target=wait, name="stop-with-the-watcher", daemon=True)
    thread.start()
    return thread


_stopping = threading.Event()


def _interrupt_once(signum: int, frame: Any) -> None:
    """SIGINT: stop as Ctrl+C stops MkDocs (it removes its temporary site), once. A second SIGINT (a
    second Ctrl+C, or the watcher's end after a Ctrl+C that reached both) must not interrupt that."""
    if _stopping.is_set():
        return
    _stopping.set()
    raise KeyboardInterrupt


def main(argv: list[str]) -> None:
    import mkdocs.commands.serve
    from mkdocs.__main__ import cli

    # also when SIGINT was ignored (a preview started in the background): the end of the watcher sends it
    signal.signal(signal.SIGINT, _interrupt_once)
    build = clean_after_removals(mkdocs.commands.serve.build)
    lock = os.environ.get(LOCK_ENV)
    mkdocs.commands.serve.build = locked(build, DocsLock(Path(lock))) if lock else build
    stop_when_stdin_ends()
    cli.main(args=["serve", *argv], prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
