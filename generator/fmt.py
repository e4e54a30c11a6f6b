"""`python -m generator fmt [--check] [FILE …]`: every data file in one canonical layout.

The layout: 2-space indentation, list items indented under their key (`  - id: m1`), one
value per line however long (Chinese text is never wrapped), comments and quoting kept as
the editor wrote them, and a first line that names the file's JSON Schema so that editors
such as VS Code (YAML extension) validate and complete as one types:

    # yaml-language-server: $schema=../../schema/document.schema.json

A diff then shows only what an editor meant to change. The values never change: every
file is read back after formatting and must give the same data, or it is left alone.
"""
from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.diagnostics import Diagnostic
from generator.load import decode_utf8
from generator.yamlio import load_yaml

MODELINE = "# yaml-language-server: $schema="


def schema_reference(path: Path, data_root: Path) -> str | None:
    """The relative path from a data file to its schema in site_data/schema/, or None for a
    file that has none."""
    try:
        rel = path.resolve().relative_to(data_root.resolve())
    except ValueError:  # a file outside the data folder
        return None
    if rel.parts[0] == "documents":
        schema = "document.schema.json"
    elif len(rel.parts) == 1 and rel.suffix == ".yaml":
        schema = rel.name.replace(".yaml", ".schema.json")
    else:
        return None
    if not (data_root / "schema" / schema).is_file():
        return None
    return os.path.relpath(data_root / "schema" / schema, (data_root / rel).parent).replace(os.sep, "/")


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000  # never fold a long line of text
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    # an empty value is written `null`, as the editor guide and the data dictionary spell it
    yaml.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


@dataclass(frozen=True)
class Formatted:
    text: str | None  # None when the file could not be formatted safely (see problem)
    problem: Diagnostic | None = None


def format_text(text: str, path: str, schema: str | None) -> Formatted:
    """The canonical layout of one file's text."""
    before, problems = load_yaml(text, path)
    if before is None or problems:
        return Formatted(None, problems[0] if problems else None)
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(MODELINE)).lstrip("\n")
    yaml = _yaml()
    try:
        data = yaml.load(body)
        out = io.StringIO()
        yaml.dump(data, out)
    except YAMLError:
        return Formatted(None, Diagnostic(path, 1, 1, "yaml-syntax", "无法整理这个文件的格式",
                                          "先运行 `make check`（python -m generator check），改正它列出的问题"))
    result = out.getvalue()
    if schema is not None:
        result = f"{MODELINE}{schema}\n" + result
    after, _ = load_yaml(result, path)
    if after is None or after.data != before.data:  # the layout must never change a value
        return Formatted(None, Diagnostic(path, 1, 1, "yaml-syntax",
                                          "整理格式会改变文件中的某个值，所以这个文件保持原样",
                                          "请把这个文件报告给开发者"))
    return Formatted(result)


def data_files(data_root: Path) -> list[Path]:
    return sorted(p for p in data_root.rglob("*.yaml") if p.is_file())


@dataclass(frozen=True)
class FormatReport:
    first_changed_line: dict[Path, int]  # each file reformatted (or, with --check, needing it): where it changes
    problems: tuple[Diagnostic, ...]

    @property
    def changed(self) -> tuple[Path, ...]:
        return tuple(self.first_changed_line)


def first_difference(before: str, after: str) -> int:
    """The first line (1-based) where ``after`` differs from ``before``."""
    old, new = before.split("\n"), after.split("\n")
    return next((n for n, (a, b) in enumerate(zip(old, new, strict=False), start=1) if a != b), min(len(old), len(new)))


def format_files(paths: list[Path], data_root: Path, check: bool) -> FormatReport:
    changed: dict[Path, int] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        if not path.is_file():
            problems.append(Diagnostic(str(path), 1, 1, "missing-file", "找不到这个文件（或者它是文件夹）",
                                       "核对文件路径；不写文件名时，整理 --data 下的全部 YAML 文件"))
            continue
        if path.suffix not in (".yaml", ".yml"):  # a source text or a page: fmt lays out data files only
            problems.append(Diagnostic(str(path), 1, 1, "misplaced-file",
                                       f"这不是 YAML 数据文件（扩展名是 {path.suffix or '空'}），fmt 只整理 .yaml 文件",
                                       "给出 site_data/ 下的 .yaml 文件；原文（sources/*.txt）要逐字保留，不整理"))
            continue
        raw = path.read_bytes()
        text, unreadable = decode_utf8(path, raw, "文件")  # as `check` reads it: a byte-order mark and CRLF are fine
        if text is None:
            problems += unreadable
            continue
        result = format_text(text, str(path), schema_reference(path, data_root))
        if result.text is None:
            if result.problem is not None:
                problems.append(result.problem)
            continue
        if result.text.encode("utf-8") != raw:  # written without the mark, with LF line ends
            plain = text.encode("utf-8") == raw  # a byte-order mark or CRLF line ends change line 1
            changed[path] = first_difference(text, result.text) if plain else 1
            if not check:
                path.write_text(result.text, encoding="utf-8")
    return FormatReport(changed, tuple(problems))
