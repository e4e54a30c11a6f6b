"""Byte-stable writes of the generated tree.

Everything is rendered in memory first; only then is anything written, so a
failure leaves the previous build untouched. Only files whose bytes changed are
rewritten (so `mkdocs serve --dirtyreload` rebuilds just those pages), files
that are no longer generated are removed, and two pages on one path are refused.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PathClash(Exception):
    pass


@dataclass(frozen=True)
class WriteResult:
    pages: int
    changed: int
    removed: int


class OutputTree:
    """Files to be written, keyed by their path relative to the output folder."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}

    def add(self, rel_path: str, content: str | bytes) -> None:
        if rel_path in self._files:
            raise PathClash(f"two pages want the same path: {rel_path}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._files[rel_path] = data

    def __contains__(self, rel_path: str) -> bool:
        return rel_path in self._files

    def items(self):
        return sorted(self._files.items())

    def write(self, out: Path) -> WriteResult:
        out.mkdir(parents=True, exist_ok=True)
        changed = 0
        for rel, data in self.items():
            target = out / rel
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
            changed += 1
        removed = 0
        for existing in sorted(out.rglob("*"), reverse=True):
            rel = existing.relative_to(out).as_posix()
            if existing.is_file() and rel not in self._files:
                existing.unlink()
                removed += 1
            elif existing.is_dir() and not any(existing.iterdir()):
                existing.rmdir()
        return WriteResult(len(self._files), changed, removed)
