"""Byte-stable writes of the generated tree.

Everything is rendered in memory first; only then is anything written, so a
failure leaves the previous build untouched (a large build instead streams its files
into a new staging folder that is published only when the build has succeeded). Only files whose bytes changed are
rewritten (so `mkdocs serve --dirtyreload` rebuilds just those pages), files
that are no longer generated are removed, and two pages on one path are refused.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Container, Sequence
from dataclasses import dataclass
from pathlib import Path

Parts = Sequence[bytes | memoryview]
"""A file as the pieces it is made of, one after another: written as they are (os.writev), never
joined, so that a large file put together from slices of a buffer (the downloads) is not first
copied into one bytes object."""


def size_of(content: bytes | Parts) -> int:
    """The bytes a file given as bytes or as its Parts holds: its size once written."""
    return len(content) if isinstance(content, bytes) else sum(map(len, content))


MARKER = ".generated-by-generator"  # marks a folder this program owns and may clean


class PathClash(Exception):
    @classmethod
    def on(cls, rel_path: str) -> PathClash:
        return cls(f"两个页面要写到同一个路径：{rel_path}")


class ForeignFolder(Exception):
    """The output folder holds files this program did not write; it is never cleaned."""


@dataclass(frozen=True)
class WriteResult:
    pages: int
    changed: int
    removed: int


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically (temporary file, then rename) unless the file already
    holds exactly these bytes; say whether it wrote. An unchanged file keeps its mtime."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return True


def write_new(path: str | Path, data: bytes | Parts, rel_path: str) -> None:
    """Create `path` holding `data` (bytes, or the Parts the file is made of) in a streamed tree's
    folder. That folder is new and nobody serves it until the build has succeeded, so no temporary
    file and rename are needed (on this project's build machine they made creating a file two to
    three times as costly); a file that already exists was written by the other process of the
    build: a clash."""
    try:
        fd = os.open(path, _NEW_FILE, 0o644)
    except FileNotFoundError:  # the first file of its folder
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(path, _NEW_FILE, 0o644)
    except FileExistsError:
        raise PathClash.on(rel_path) from None
    try:
        if _UMASK & 0o644:  # a strict umask: still readable by the site engine and a web server
            os.fchmod(fd, 0o644)
        _write_parts(fd, [data] if isinstance(data, bytes) else data)
    finally:
        os.close(fd)


_MOST_PARTS = os.sysconf("SC_IOV_MAX")  # the buffers one os.writev takes


def _write_parts(fd: int, parts: Parts) -> None:
    """Write the parts one after another, as many to a system call as it takes. os.writev may write
    less than asked (a signal, a full disk): the rest of a part begun is written with what follows."""
    pending = list(parts)
    first = 0
    while first < len(pending):
        asked = pending[first:first + _MOST_PARTS]
        written = os.writev(fd, asked)
        for part in asked:
            if written < len(part):
                pending[first] = memoryview(part)[written:]
                break
            written -= len(part)
            first += 1


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # only read: os.umask can only be read by setting it


class OutputTree:
    """Files to be written, keyed by their path relative to the output folder.

    Held in memory until ``write``; or, with ``stream_to`` (a new, empty folder that nobody
    serves, such as a build's staging folder), written there as they are added so that a large
    site never has to fit in memory. Either way a clash of two paths is refused."""

    def __init__(self, stream_to: Path | None = None, shared: bool = False) -> None:
        """``shared``: another tree streams into the same folder (the build's second process),
        which is therefore not required to be empty; the other tree's files are adopted later."""
        self._files: dict[str, bytes] = {}
        self._stream = stream_to
        # the folder's path as text, to which a file's is joined: a Path made per file cost more than writing it
        self._stream_prefix = os.path.join(stream_to, "") if stream_to is not None else ""
        self._streamed = 0
        if stream_to is not None and not shared:
            if stream_to.exists() and any(stream_to.iterdir()):
                raise ForeignFolder(f"{stream_to} 必须是新建的空文件夹，生成的文件会直接写入其中")
            stream_to.mkdir(parents=True, exist_ok=True)

    def add(self, rel_path: str, content: str | bytes | Parts) -> None:
        """A file by its text, its bytes, or the Parts its bytes are made of (written as they are
        into a streamed tree's folder, joined to be held in memory)."""
        if rel_path in self._files:
            raise PathClash.on(rel_path)
        if self._stream is not None:
            write_new(self._stream_prefix + rel_path, content.encode("utf-8") if isinstance(content, str) else content, rel_path)
            self._streamed += 1
            self._files[rel_path] = b""  # on disk now; only the path is kept
        elif isinstance(content, str):
            self._files[rel_path] = content.encode("utf-8")
        else:
            self._files[rel_path] = content if isinstance(content, bytes) else b"".join(content)

    @property
    def streaming(self) -> Path | None:
        """The folder the files are written into as they are added (None: held in memory)."""
        return self._stream

    def paths(self) -> list[str]:
        return sorted(self._files)

    def adopt(self, paths: list[str]) -> None:
        """Count as this tree's the files another tree wrote into the same folder (a clash refused)."""
        if self._stream is None:
            raise ValueError("only a streamed tree adopts files written beside it")
        for rel_path in paths:
            if rel_path in self._files:
                raise PathClash.on(rel_path)
            self._files[rel_path] = b""
            self._streamed += 1

    def __contains__(self, rel_path: str) -> bool:
        return rel_path in self._files

    def items(self):
        if self._stream is not None:
            raise ValueError("the files of a streamed tree are on disk, not in memory")
        return sorted(self._files.items())

    def write(self, out: Path) -> WriteResult:
        if self._stream is not None:
            if out.resolve() != self._stream.resolve():
                raise ValueError(f"this tree was written into {self._stream}, not {out}")
            (out / MARKER).write_text("This folder is generated; files not generated are removed.\n", encoding="utf-8")
            return WriteResult(len(self._files), self._streamed, 0)
        _claim(out)
        changed = 0
        for rel, data in self.items():
            changed += write_if_changed(out / rel, data)
        return WriteResult(len(self._files), changed, _remove_stale(out, self._files))


def publish(staged: Path, out: Path, paths: list[str]) -> WriteResult:
    """Bring the files a streamed build wrote into ``staged`` (a folder on out's file system) into
    ``out`` as ``OutputTree.write`` would have written them from memory: a new or changed file is
    moved in by a rename (atomic: a watching server never reads half a file), an unchanged one keeps
    its mtime, and files no longer generated are removed. A large site need not fit in memory."""
    _claim(out)
    changed = 0
    for rel in paths:
        source, target = staged / rel, out / rel
        if target.is_file() and _same_bytes(source, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        changed += 1
    return WriteResult(len(paths), changed, _remove_stale(out, set(paths)))


def _same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _claim(out: Path) -> None:
    """Make ``out`` the generator's folder, refusing one that holds files it did not write."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ForeignFolder(f"{out} 不是空文件夹，也不是生成器写出的；请换一个空的或新的文件夹（什么都没有改动）")
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    if not marker.exists():  # written once: rewriting it would make a watching server rebuild
        marker.write_text("This folder is generated; files not generated are removed.\n", encoding="utf-8")


def _remove_stale(out: Path, generated: Container[str]) -> int:
    """Remove the files of ``out`` that are not among ``generated`` (relative paths), and the folders
    left empty; return how many files went."""
    removed = 0
    for existing in sorted(out.rglob("*"), reverse=True):
        rel = existing.relative_to(out).as_posix()
        if existing.is_file() and rel not in generated and rel != MARKER:
            existing.unlink()
            removed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return removed
