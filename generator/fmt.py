"""`python -m generator fmt [--check] [FILE …]`: every data file in one canonical layout.

The layout: 2-space indentation, list items indented under their key (`  - id: m1`), one
value per line however long (Chinese text is never wrapped), `null` for an empty value, a
field's date unquoted (`written: 2022-12-02`, which the data files read as the same text as
`'2022-12-02'`; a list item such as a printed form `"2021-11-25"` keeps its quotes), at most
one blank line in a row, and a first line that names the file's JSON Schema so that editors
such as VS Code (YAML extension) validate and complete as one types:

    # yaml-language-server: $schema=../../schema/document.schema.json

A list or mapping keeps the style the editor chose: on one line (`[a, b]`, `{a: 1}`, spacing
made even) or one item per line. One written over several lines in brackets with comments
inside becomes one item per line, each comment on its item's line (ruamel.yaml would otherwise
put it on one line and drop the comments). Other quoting is kept as written.

A diff then shows only what an editor meant to change. The values never change and no comment
is lost: every file is read back after formatting and must give the same data and the same
comments, or it is left alone.
"""
from __future__ import annotations

import bisect
import datetime as dt
import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.tokens import ScalarToken

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


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


COMMENT = re.compile(r"(?:^|(?<=[ \t]))(?=#)", re.MULTILINE)


def _text_spans(text: str) -> list[tuple[int, int]]:
    """Where the text values of a file's text are (as the scanner reads it), in order."""
    return sorted((t.start_mark.index, t.end_mark.index) for t in YAML(typ="rt").scan(text) if isinstance(t, ScalarToken))


def _in_text(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _one_blank_line(text: str) -> str:
    """At most one blank line in a row, and none at the end, except inside a value (a literal block)."""
    spans = _text_spans(text)
    starts = [start for start, _ in spans]
    out = re.sub(r"\n(?:[ \t]*\n){2,}", lambda m: m.group(0) if _in_text(spans, starts, m.start()) else "\n\n", text)
    return out.rstrip("\n") + "\n"


def comments(text: str) -> Counter:
    """Every comment of a file's text, counted by its words: a `#` after a blank or at a line's
    start that no text value (as the scanner reads the file) contains."""
    spans = _text_spans(text)
    starts = [start for start, _ in spans]
    out: Counter = Counter()
    line_done = -1  # a comment runs to the end of its line: a `#` in it starts no other
    for m in COMMENT.finditer(text):
        if m.start() > line_done and not _in_text(spans, starts, m.start()):
            end = text.find("\n", m.start())
            line_done = len(text) if end < 0 else end
            out[text[m.start():line_done].strip()] += 1
    return out


def _inside(node: CommentedMap | CommentedSeq) -> list[Any]:
    """The comment tokens between a collection's brackets (not one after the closing bracket)."""
    found: list[Any] = []

    def collect(value: Any) -> None:
        if isinstance(value, list):
            for v in value:
                collect(v)
        elif value is not None and hasattr(value, "value"):
            found.append(value)

    collect(list(node.ca.items.values()))
    collect(node.ca.end)
    return found


def _unfold(node: CommentedMap | CommentedSeq) -> CommentedMap | CommentedSeq:
    """A bracketed collection with comments inside, as a block one with each comment at the end
    of the line of the item it follows (the first item for one before every item)."""
    keys = list(node.keys()) if isinstance(node, CommentedMap) else list(range(len(node)))
    lines = [node.lc.key(k)[0] if isinstance(node, CommentedMap) else node.lc.item(k)[0] for k in keys]
    out: CommentedMap | CommentedSeq = CommentedMap() if isinstance(node, CommentedMap) else CommentedSeq()
    for k in keys:
        if isinstance(out, CommentedMap):
            out[k] = node[k]
        else:
            out.append(node[k])
    notes: dict[Any, list[str]] = {}
    columns: dict[Any, int] = {}
    for token in _inside(node):
        at = next((k for k, line in zip(reversed(keys), reversed(lines), strict=True) if line <= token.start_mark.line),
                  keys[0])
        notes.setdefault(at, []).extend(c.strip() for c in re.findall(r"#[^\n]*", token.value))
        columns.setdefault(at, token.start_mark.column)
    for k, texts in notes.items():
        out.yaml_add_eol_comment("  ".join(texts), k, column=columns[k])
        entry = out.ca.items[k]
        token = entry[0] if isinstance(out, CommentedSeq) else entry[2]
        token.value = " " + token.value  # two blanks before it where the item is longer than its column
    out.fa.set_block_style()
    return out


def _canonical(node: Any, field: bool = False) -> Any:
    """``node`` with its bracketed collections that hold comments unfolded and the quoted dates of
    its fields unquoted (``field``: ``node`` is a key's value; a list item such as a date's printed
    form `"2021-11-25"` is text and keeps its quotes)."""
    if isinstance(node, (CommentedMap, CommentedSeq)):
        keys = list(node.keys()) if isinstance(node, CommentedMap) else range(len(node))
        for k in keys:
            node[k] = _canonical(node[k], isinstance(node, CommentedMap))
        if node.fa.flow_style() and len(node) and _inside(node):
            unfolded = _unfold(node)
            unfolded.ca.comment = node.ca.comment  # a comment after the closing bracket stays there
            return unfolded
        return node
    if field and isinstance(node, ScalarString) and ISO_DATE.fullmatch(str(node)):  # '2022-12-02' → 2022-12-02
        try:
            return dt.date.fromisoformat(str(node))
        except ValueError:  # not a real date (2022-02-30): left quoted, `check` reports it
            return node
    return node


def format_text(text: str, path: str, schema: str | None) -> Formatted:
    """The canonical layout of one file's text."""
    before, problems = load_yaml(text, path)
    if before is None or problems:
        return Formatted(None, problems[0] if problems else None)
    body = "".join(line for line in text.splitlines(keepends=True) if not line.startswith(MODELINE)).lstrip("\n")
    yaml = _yaml()
    try:
        data = _canonical(yaml.load(body))
        out = io.StringIO()
        yaml.dump(data, out)
        result = out.getvalue()
        lost = comments(body) - comments(result)
    except YAMLError:
        return Formatted(None, Diagnostic(path, 1, 1, "yaml-syntax", "无法整理这个文件的格式",
                                          "先运行 `make check`（python -m generator check），改正它列出的问题"))
    if schema is not None:
        result = f"{MODELINE}{schema}\n" + result
    result = _one_blank_line(result)
    after, _ = load_yaml(result, path)
    if after is None or after.data != before.data:  # the layout must never change a value
        return Formatted(None, Diagnostic(path, 1, 1, "yaml-syntax",
                                          "整理格式会改变文件中的某个值，所以这个文件保持原样",
                                          "请把这个文件报告给开发者"))
    if lost:  # nor lose a comment (ruamel.yaml drops one inside `{…}`): told where it is written
        comment = next(iter(lost))
        at = text.find(comment)
        line = text.count("\n", 0, at) + 1
        col = at - text.rfind("\n", 0, at)
        return Formatted(None, Diagnostic(path, line, col, "fmt-comment-in-brackets",
                                          f"整理格式会丢掉注释 `{comment}`，所以这个文件保持原样",
                                          "把写着这条注释的 `{…}` 或 `[…]` 改成每项一行（`键: 值` 或 `- 项`），"
                                          "注释写在该项的行尾，再运行 fmt"))
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
