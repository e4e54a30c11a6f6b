"""Find every YAML file under ``site_data/``, validate each, collect every problem.

Never stops at the first bad file: an editor sees all problems at once.
"""
from __future__ import annotations

import codecs
import copy
import difflib
import hashlib
import marshal
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from rapidfuzz import fuzz, process

from generator.beside import beside, can_fork
from generator.diagnostics import Diagnostic
from generator.model import (
    FIRST_YEAR,
    REGISTRIES,
    DepartmentRegistry,
    District,
    DistrictRegistry,
    Document,
    MetricRegistry,
    SynonymRegistry,
    ThemeRegistry,
    UnitNames,
    field_meaning,
)
from generator.yamlio import LoadedYaml, blank_name, character_problems, load_yaml


@dataclass(frozen=True)
class LoadedDocument:
    document: Document
    yaml: LoadedYaml
    source_text: str | None  # None when the source file is missing


@dataclass(frozen=True)
class Corpus:
    """Everything read from ``site_data/``, validated file by file (not yet cross-checked).
    Each registry of :data:`generator.model.REGISTRIES` is the attribute named by its key."""

    root: Path
    districts: DistrictRegistry
    departments: DepartmentRegistry
    themes: ThemeRegistry
    metrics: MetricRegistry
    synonyms: SynonymRegistry
    registry_yaml: dict[str, LoadedYaml]
    documents: tuple[LoadedDocument, ...]

    @cached_property
    def unit_names(self) -> UnitNames:
        """The corpus's look-up of printed unit names (made once: the rules and the index share it)."""
        return UnitNames(self.departments.departments)


def content_hash(root: Path) -> str:
    """SHA-256 of the data as the loader reads it: each file `plain_files` gives (an editor's working
    files left out), by its path from ``root`` (sorted), with its text as `decode_utf8` makes it (no
    byte-order mark, LF line ends). Any change of the data, its sources or its registries gives
    another hash, and the same data the same hash on any machine, whatever line ends a checkout
    wrote (the data version of the downloads)."""
    hashed = hashlib.sha256()
    for path in plain_files(root)[0]:
        data = path.read_bytes()
        if b"\r" in data or data.startswith(codecs.BOM_UTF8):  # else as_read leaves it as it is (a 50x corpus: 0.09 s saved)
            data = as_read(data.decode("utf-8", errors="surrogateescape")).encode("utf-8", errors="surrogateescape")
        hashed.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        hashed.update(data)
    return hashed.hexdigest()


def display_path(path: Path) -> str:
    """Path as an editor sees it: relative to the working directory when possible."""
    try:  # resolve the folder only: a link must be named as itself, never as what it points to
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- reading files safely

MAX_FILE_BYTES = 5 * 1024 * 1024
"""No YAML, source or content file may be larger than this (5 MB; the editor guide says so).
The largest real file is a quarter of a megabyte; the cap keeps memory and time bounded."""

# Files in content/ are published as they are; only these kinds may be there (no HTML, SVG or
# script, which a browser would run).
CONTENT_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp"})

# Top-level names the generator writes into build/docs; a content file may not take one
# (tests/test_hostile.py checks this list against a real build).
GENERATED_NAMES = frozenset({
    "assets", "compare", "data", "data-dictionary.md", "data.md", "departments", "districts", "documents",
    "index.md", "metrics", "search", "search.md", "sources", "themes",
})


def _kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "符号链接"
    if stat.S_ISDIR(mode):
        return "文件夹"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


def special_file(path: Path, mode: int) -> Diagnostic:
    """The one diagnostic for an entry that is not a plain file (the same wherever it is found)."""
    return Diagnostic(display_path(path), 1, 1, "not-a-regular-file",
                      f"这是{_kind_of(mode)}，不是普通文件，不会被读取",
                      "提交文件本身（git add 真正的文件，而不是链接）；删除链接、管道和设备文件")


def too_large(path: Path, size: int) -> Diagnostic:
    return Diagnostic(display_path(path), 1, 1, "file-too-large",
                      f"文件有 {size:,} 字节，超过上限 {MAX_FILE_BYTES:,} 字节（5 MB），不会被读取",
                      "拆分文件，或检查这里保存的是不是正确的文件")


def read_regular(path: Path) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a plain file of at most MAX_FILE_BYTES. Links are never followed and pipes or
    devices never read (so nothing from outside the repository, and no endless /dev/zero)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        try:
            mode = path.lstat().st_mode
        except OSError:
            mode = 0
        return None, [special_file(path, mode)]
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        return None, [special_file(path, info.st_mode)]
    if info.st_size > MAX_FILE_BYTES:
        os.close(fd)
        return None, [too_large(path, info.st_size)]
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # grew while being read
        return None, [too_large(path, len(data))]
    return data, []


EDITOR_WORKING_FILE = re.compile(r"^(?:\.#|~\$)(?P<of>.+)$|^#(?P<of2>.+)#$|^\.(?P<of3>.+)\.sw[a-p]$", re.IGNORECASE)
"""A file an editor keeps beside the file it has open, and deletes when it closes it: .#x (a link)
and #x# of Emacs, .x.swp of Vim, ~$x of Word. Neither read nor reported (nor watched by `serve`):
an editor with a data file open would otherwise stop every check, build and preview until it
closed it. .gitignore keeps them out of the repository."""


def editor_working_file(path: Path) -> bool:
    return EDITOR_WORKING_FILE.match(path.name) is not None


def plain_files(root: Path) -> tuple[list[Path], list[Path], list[Diagnostic]]:
    """Walk ``root`` without following links: (plain files, folders, diagnostics for everything
    else: symbolic links, pipes, devices, sockets), all sorted; an editor's working files are
    passed over (EDITOR_WORKING_FILE)."""
    files: list[Path] = []
    folders: list[Path] = []
    problems: list[Diagnostic] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            problems.append(special_file(folder, 0))
            continue
        for entry in entries:
            path = Path(entry.path)
            if editor_working_file(path):
                continue
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                folders.append(path)
                pending.append(path)
            elif stat.S_ISREG(mode):
                files.append(path)
            else:
                problems.append(special_file(path, mode))
    return sorted(files), sorted(folders), problems


OFFICE_SIGNATURES = (
    (b"PK\x03\x04", "Word 文档（.docx）或其他 ZIP 压缩文件"),
    (b"%PDF", "PDF 文件"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word 文档（.doc）或其他 Office 文件"),
    (b"{\\rtf", "RTF 文档"),
)
"""The first bytes of files an editor may save under a .yaml or .txt name by mistake."""


def not_text(path: Path, data: bytes, what: str) -> Diagnostic | None:
    """One diagnostic for a Word, PDF or zip file saved under a text file's name (not a line per byte)."""
    kind = next((kind for sign, kind in OFFICE_SIGNATURES if data.startswith(sign)), None)
    if kind is None:
        return None
    yaml_name = path.suffix in (".yaml", ".yml")
    spaced = f" {kind}" if kind[0].isascii() else kind
    return Diagnostic(display_path(path), 1, 1, "not-utf8",
                      f"{what}是{spaced}，不是{' YAML 文本' if yaml_name else '纯文本'}（只是扩展名写成了 {path.suffix}）",
                      "先把它移出 site_data/ 并改回原来的扩展名，再用 `python -m generator extract 那个文件 --district 区县 "
                      "--out site_data/documents/区县/编号.yaml` 从它"
                      + ("起草 YAML（同时写出逐字原文）" if yaml_name else "提取逐字原文（写到 site_data/sources/）")
                      + "；extract 能读 .docx 和带文字层的 PDF")


def decode_utf8(path: Path, data: bytes, what: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (a leading byte-order mark is dropped, CRLF line ends become LF) or a
    diagnostic at the line and column of the first bad byte."""
    office = not_text(path, data, what)
    if office is not None:
        return None, [office]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return None, [Diagnostic(display_path(path), line, col, "not-utf8",
                                 f"{what}不是 UTF-8 编码（第 {exc.start} 字节，0x{data[exc.start]:02x}），"
                                 + _saved_as(data),
                                 "在编辑器里把文件另存为 UTF-8 编码，不要改动任何文字")]
    return as_read(text), []


def as_read(text: str) -> str:
    """A text file's text as the generator reads it: a leading byte-order mark dropped, CRLF line
    ends (or CR alone, as old Mac editors saved them) made LF."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if "\r" in text and "\n" not in text:  # saved with CR alone at each line's end: lines all the same
        text = text.replace("\r", "\n")
    return text


def _saved_as(data: bytes) -> str:
    """What the bytes of a text that is not UTF-8 look like: UTF-16 by its byte-order mark (Windows
    Notepad's "Unicode"), GBK when they read as GB 18030, else neither."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "而是 UTF-16 编码（Windows 记事本另存时叫“Unicode”）"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return "也不是 GBK 编码"
    return "可能被保存成了 GBK"


# Content pages (content/*.md) may hold text that is true only with a repository address, or only
# without one: `<!-- if repository -->…<!-- end if -->` and `<!-- if no repository -->…<!-- end if -->`
# (inline or around whole lines; not nested). The site keeps the one that holds, without its markers.
# A marker written in code (between backticks, or in a fenced block) is text: the editor guide shows them.
_SECTION = re.compile(rb"<!-- if (no )?repository -->((?:(?!<!-- if ).)*?)<!-- end if -->", re.S)  # the innermost
_MARKER = re.compile(rb"<!-- (?:if (?:no )?repository|end if) -->")
_CODE = re.compile(rb"^ {0,3}(```+|~~~+).*?(?:^ {0,3}\1|\Z)|(`+)(?:(?!\2|\n\n).)+?\2", re.S | re.M)  # a span ends in its paragraph


def _outside_code(text: bytes) -> bytes:
    """The text with every byte of its code (spans and fenced blocks) but line ends made `x`:
    markers are looked for in this copy, at the same offsets as in the text."""
    return _CODE.sub(lambda m: re.sub(rb"[^\n]", b"x", m.group(0)), text)


def repository_sections(text: bytes, has_repository: bool) -> bytes:
    """The content page with each section that does not hold taken out and the markers removed."""
    if b"<!-- " not in text:
        return text
    kept, at = [], 0
    for m in _SECTION.finditer(_outside_code(text)):
        kept += [text[at:m.start()], text[m.start(2):m.end(2)] if has_repository != bool(m.group(1)) else b""]
        at = m.end()
    return b"".join(kept) + text[at:]


def stray_markers(text: bytes) -> list[int]:
    """1-based lines of the markers that open or close no section (left in the page, the text they
    should guard would show whether or not a repository is set)."""
    if b"<!-- " not in text:
        return []
    left = _SECTION.sub(lambda m: b"\n" * m.group(0).count(b"\n"), _outside_code(text))
    return [left.count(b"\n", 0, m.start()) + 1 for m in _MARKER.finditer(left)]


def content_files(content_root: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """The hand-written files of content/, published as they are: Markdown pages and images only,
    plain files no larger than the cap, and no name that a generated page takes."""
    if not content_root.exists():
        return {}, []
    files, _, problems = plain_files(content_root)
    out: dict[str, bytes] = {}
    for path in files:
        rel = path.relative_to(content_root).as_posix()
        if path.suffix.lower() not in CONTENT_SUFFIXES:
            problems.append(Diagnostic(display_path(path), 1, 1, "content-file-not-allowed",
                                       f"`{path.name}` 不是 Markdown 页面或图片；content/ 中的文件会原样发布，"
                                       "所以只允许 .md、.png、.jpg、.jpeg、.gif 和 .webp",
                                       "删除这个文件，或请开发者添加它所需要的功能"))
            continue
        if rel.split("/")[0] in GENERATED_NAMES:
            problems.append(Diagnostic(display_path(path), 1, 1, "page-path-clash",
                                       f"content/{rel} 会占用网站自动生成的 `{rel.split('/')[0]}` 页面的位置",
                                       "给文件改名；以下名称由生成器使用："
                                       + "、".join(sorted(GENERATED_NAMES))))
            continue
        data, found = read_regular(path)
        problems += found
        if data is not None and rel.endswith(".md"):
            problems += [Diagnostic(display_path(path), line, 1, "unmatched-marker",
                                    "这一行的 `<!-- if repository -->`、`<!-- if no repository -->` 或 `<!-- end if -->` "
                                    "没有配对：它所标出的文字会不论是否设置了数据仓库地址都显示",
                                    "每个 `<!-- if repository -->` 或 `<!-- if no repository -->` 之后写一个 "
                                    "`<!-- end if -->`，两者之间不要再写 `<!-- if … -->`")
                         for line in stray_markers(data)]
        if data is not None:
            out[rel] = data
    return out, problems


def _record_name(data: Any, loc: tuple) -> str:
    """Name the record a location points into, in editors' words."""
    if len(loc) >= 2 and loc[0] == "measures" and isinstance(loc[1], int) and isinstance(data, dict):
        measures = data.get("measures")
        if isinstance(measures, list) and loc[1] < len(measures):
            item = measures[loc[1]]
            ident = item.get("id") if isinstance(item, dict) else None
            return f"条目 {ident or '第 ' + str(loc[1] + 1) + ' 条'}："
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data, dict):
        items = data.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items):
            item = items[loc[1]]
            ident = (item.get("slug") or item.get("id")) if isinstance(item, dict) else None
            return f"{loc[0]} 中的 {ident or '第 ' + str(loc[1] + 1) + ' 项'}："
    return ""


def _field_label(loc: tuple) -> str:
    """A field path in editors' words: `targets#1.value` (the record is named separately)."""
    if not loc:
        return "（顶层）"
    if len(loc) >= 2 and isinstance(loc[1], int):
        loc = loc[2:]
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}#{part + 1}" if parts else f"#{part + 1}"]
        else:
            parts.append(str(part))
    return ".".join(parts) or "（条目本身）"


def _is_branch_tag(part: str) -> bool:
    return part[:1].isupper() or part in ("str", "int", "bool") or "[" in part


def _data_loc(data: Any, loc: tuple) -> tuple:
    """Drop union-branch tags that pydantic adds to locations; keep real keys and indices."""
    out: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and (part in node or not _is_branch_tag(part)):
            out.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            out.append(part)
            node = node[part] if part < len(node) else None
        elif node is None and isinstance(part, str) and not out[-1:] == [part] and not _is_branch_tag(part):
            out.append(part)  # a missing field: name it
            break
        # anything else is a union-branch tag such as `Reading` or `str`: skip it
    return tuple(out)


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    """Allowed field names of the model that ``loc`` (a path to a mapping) points to."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return sorted(getattr(current, "model_fields", {}).keys())


def _field_info(model: type[BaseModel], loc: tuple) -> FieldInfo | None:
    """The model field that ``loc`` (a data path) ends on, if the models name one there."""
    current: Any = model
    field = None
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return field


def _named(model: type[BaseModel], loc: tuple, label: str) -> str:
    """`字段 `targets#1.value`（目标数值）`: the field as written in the file, with its meaning
    taken from the model's field description (the data dictionary's words)."""
    if label.startswith("（"):  # the file or an entry as a whole, not one field
        return label
    return f"字段 `{label}`{_meaning_of(model, loc)}"


def _meaning_of(model: type[BaseModel], loc: tuple) -> str:
    field = _field_info(model, loc)
    return f"（{field_meaning(field)}）" if field is not None else ""


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_TYPE_NAMES = {bool: "true/false", int: "数字", float: "数字", list: "列表", dict: "一组字段", type(None): "空值"}
"""How a YAML value that is not text is named to an editor (a `wrong-type` message)."""


_CJK = re.compile(r"[\u3400-\u9fff]")
# An id field that names an entry of a registry or of the document itself: (what, where its ids are
# listed, how an id is found there, the registry file whose entries (its list of the same name) they
# are, None for the document's own), for an editor who wrote the entry's Chinese name instead.
_REFERENCED = {
    "themes": ("主题", "site_data/themes.yaml", "`slug:` 一行，如能源转型是 `energy`", "themes.yaml"),
    "metric": ("指标", "site_data/metrics.yaml", "`slug:` 一行，如单位地区生产总值能耗降低是 `energy-intensity-reduction`",
               "metrics.yaml"),
    "district": ("区县", "site_data/districts.yaml", "`slug:` 一行，如江津区是 `jiangjin`", "districts.yaml"),
    "section": ("章节", "本文件的 `outline:`（大纲）", "标题的 `id:`，如 `s2-1`", None),
    "implements": ("正文条目", "本文件的 `measures:`", "条目的 `id:`，如 `m12`", None),
}


def registered_names(written: str, entries: Iterable[Any]) -> list[tuple[str, str]]:
    """The (slug, name) of the registry entries (districts, themes, metrics: anything with a slug, a
    name and maybe aliases) an editor means by ``written``, a Chinese name: the entry whose name or
    alias it is; else those whose name or an alias holds it or is held in it (能源 → 能源转型), at most
    three. The one look-up of a registry entry by its Chinese name (the `invalid-id` hint, the
    commands' --district)."""
    entries = list(entries)
    said = [(e, [e.name, *getattr(e, "aliases", [])]) for e in entries]
    exact = [(e.slug, e.name) for e, names in said if written in names]
    if exact or len(written) < 2:
        return exact
    return [(e.slug, e.name) for e, names in said if any(written in n or n in written for n in names)][:3]


def registered_hint(written: str, entries: Iterable[Any]) -> str:
    """`改成 `green-factories`（绿色工厂数量）；` for the entry ``written`` names, `是不是要写 `energy`（能源转型）？`
    for entries close to it (registered_names), or nothing."""
    entries = list(entries)
    found = registered_names(written, entries)
    if len(found) == 1 and any(written in [e.name, *getattr(e, "aliases", [])] for e in entries):
        return f"改成 `{found[0][0]}`（{found[0][1]}）；"
    return f"是不是要写 {' 或 '.join(f'`{slug}`（{name}）' for slug, name in found)}？" if found else ""


def closest_names(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names most like ``name`` (a typo, a missing character), best first."""
    found = process.extract(name, sorted(set(known)), scorer=fuzz.ratio, limit=limit, score_cutoff=70)
    return [choice for choice, _, _ in found]


def unknown_district(written: str, districts: Sequence[District], registry: str, option: str = "") -> tuple[str, str]:
    """The message and hint for a district ``written`` where a registered slug belongs, the one
    wording of this mistake wherever it is made: a document's `district` (a Chinese name, refused by
    the model: _with_registered_names; a slug not registered: rules.references_resolve) and `new`
    and `extract`'s --district (written ``option`` + slug). The slug of the district it names in
    Chinese (荣昌、荣昌区 → `--district rongchang`), else slugs like it, and every slug. ``registry``
    is the districts file as the editor knows it (site_data/districts.yaml)."""
    message = f"区县 `{written}` 不在 {registry}（区县名录）中"
    slugs = [d.slug for d in districts]
    names = {d.slug: d.name for d in districts}
    listing = "可用的区县编号：" + "、".join(f"{d.slug}（{d.name}）" for d in sorted(districts, key=lambda d: d.slug))
    named = registered_names(written, districts)
    if named:
        shown = " 或 ".join(f"`{option}{slug}`（{name}）" for slug, name in named)
        return (f"区县 `{written}` 写的是中文名称：这里要写 {registry}（区县名录）中的英文编号（`slug:` 一行）",
                f"是不是要写 {shown}？{listing}")
    close = closest_names(written, slugs)
    hint = f"是不是要写 {' 或 '.join(f'`{option}{c}`（{names[c]}）' for c in close)}？" if close else ""
    return message, f"{hint}{listing}；新区县先在 {registry} 中登记（见编辑指南“登记新区县”）"


def _named_entries(registries: dict[str, BaseModel]) -> dict[str, list[Any]]:
    """The entries of the registries that loaded, by the field of a document that names them (_REFERENCED)."""
    out: dict[str, list[Any]] = {}
    for key, (*_, file) in _REFERENCED.items():
        if file is not None and file in registries:
            out[key] = getattr(registries[file], file.removesuffix(".yaml"))  # themes.yaml holds `themes:`
    return out


def _with_registered_names(problems: list[Diagnostic], loaded: LoadedYaml, entries: dict[str, list[Any]],
                           districts_file: str = "site_data/districts.yaml") -> list[Diagnostic]:
    """``problems`` of a document, each `invalid-id` at a theme, metric or district written as a
    registered Chinese name (or alias) of one telling the id to write; a district in the words of
    unknown_district (as `new` and `extract` say it), ``districts_file`` being the registry as shown."""
    if not isinstance(loaded.data, dict) or not any(d.code == "invalid-id" for d in problems):
        return problems
    named: dict[tuple[int, int], str] = {}  # the position of each Chinese name written for an id → the hint
    district_said: dict[tuple[int, int], tuple[str, str]] = {}  # a district's: (message, hint)

    def note(loc: tuple, value: Any, key: str) -> None:
        if isinstance(value, str) and _CJK.search(value) and key in entries:
            hint = registered_hint(value, entries[key])
            if hint:
                named[loaded.where(loc)] = hint + f"编号见 {_REFERENCED[key][1]} 中各项的 `slug:` 一行"
    district = loaded.data.get("district")
    if isinstance(district, str) and _CJK.search(district) and "district" in entries:
        district_said[loaded.where(("district",))] = unknown_district(district, entries["district"], districts_file)
    measures = loaded.data.get("measures")
    for i, m in enumerate(measures if isinstance(measures, list) else []):
        if not isinstance(m, dict):
            continue
        themes, targets = m.get("themes"), m.get("targets")
        for j, theme in enumerate(themes if isinstance(themes, list) else []):
            note(("measures", i, "themes", j), theme, "themes")
        for j, target in enumerate(targets if isinstance(targets, list) else []):
            if isinstance(target, dict):
                note(("measures", i, "targets", j, "metric"), target.get("metric"), "metric")
    out = []
    for d in problems:
        if d.code == "invalid-id" and (d.line, d.col) in district_said:
            message, hint = district_said[(d.line, d.col)]
            d = replace(d, message=message, hint=hint)
        elif d.code == "invalid-id" and (d.line, d.col) in named:
            d = replace(d, hint=named[(d.line, d.col)])
        out.append(d)
    return out


def validation_diagnostics(loaded: LoadedYaml, exc: ValidationError, model: type[BaseModel]) -> list[Diagnostic]:
    """Turn pydantic errors into editor-facing diagnostics with positions."""
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    errors = exc.errors(include_url=False)
    # a required field written under a misspelt key (`measure:` for `measures:`) is one mistake: the
    # unknown key's message names the field it should be, at its own line; "missing" is not said as well
    misspelt: set[tuple] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = _data_loc(loaded.data, tuple(err["loc"]))
            close = difflib.get_close_matches(str(loc[-1]), _field_names(model, loc[:-1]), n=1)
            misspelt.update((*loc[:-1], name) for name in close)
            outer = _indented_too_far(loaded.data, model, loc) if not close else None
            if outer is not None:  # `themes:` indented under `responsibility:`: missing one level out
                misspelt.add((*outer, loc[-1]))
    for err in errors:
        raw_loc = tuple(err["loc"])
        loc = _data_loc(loaded.data, raw_loc)
        kind = err["type"]
        key = (loc, kind)
        if key in seen:
            continue
        seen.add(key)
        line, col = loaded.where(loc)
        record = _record_name(loaded.data, loc)
        field = _named(model, loc, _field_label(loc))
        if kind == "missing" and loc in misspelt:
            continue
        if kind == "missing":
            msg = f"{record}缺少必填{_named(model, loc, str(loc[-1]))}"
            hint = f"在这里添加 `{loc[-1]}:`；数据字典页列出了每个字段"
            code = "missing-field"
        elif kind == "extra_forbidden":
            allowed = _field_names(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            msg = f"{record}这里没有 `{loc[-1]}` 这个字段"
            name = str(loc[-1])
            spaced = name.strip()  # YAML has dropped ASCII spaces: what is left is a full-width, no-break … space
            indented = spaced != name and name[0] != spaced[:1]  # `        　unit:`
            lead, trail = name[:len(name) - len(name.lstrip())], name[len(name.rstrip()):]
            blank = "和".join(blank_name(c) for c in dict.fromkeys(lead if indented else lead + trail))
            if spaced != name and spaced in allowed:  # `title　:`: a full-width space before the colon
                msg += (f"：这一行用{blank}缩进，YAML 把它读成了键的一部分" if indented
                        else f"：键的前后多了{blank}")
                close = [spaced]
            # a field of a record inside this one (`support:` moved out of `responsibility:`): its indent
            owner = next((name for name in allowed if loc[-1] in _field_names(model, (*loc[:-1], name))), None)
            outer = _indented_too_far(loaded.data, model, loc) if not close else None
            if outer is not None:
                sibling = next(part for part in reversed(loc[:-1]) if isinstance(part, str))
                hint = (f"缩进多了？`{loc[-1]}` 是上一层的字段，不是 `{sibling}` 下面的字段："
                        f"把它向左移，与 `{sibling}:` 从同一列开始")
            elif owner is not None and not close:
                hint = (f"`{loc[-1]}` 是 `{owner}` 下面的字段：这一行的缩进少了，"
                        f"让它与 `{owner}:` 下面的其他字段从同一列开始（比 `{owner}:` 多缩进两个空格）")
            elif indented and close == [spaced]:
                hint = f"请改成半角空格：删掉 `{spaced}` 前面的{blank.split('（')[0]}，用半角空格缩进，与同一层的其他键对齐"
            else:
                hint = (f"是不是要写 `{close[0]}`{_meaning_of(model, (*loc[:-1], close[0]))}？" if close else "") \
                    + f"这里可以写的字段：{', '.join(allowed)}"
            code = "unknown-field"
        elif kind in ("invalid_year", "invalid_date", "year_order"):  # raised by the model's own validators
            msg = f"{record}{field}{err['msg']}" if kind != "year_order" else f"{record}{err['msg']}"
            hint = {"invalid_year": "把年份写成四位数字，如 2025",
                    "invalid_date": "写一个真实的日期，格式为 YYYY-MM-DD，如 2022-04-16",
                    "year_order": "对照原文的完成时限核对这两个年份"}[kind]
            code = kind.replace("_", "-")
        elif kind in ("number_with_extras", "full_width_digits", "number_format"):  # raised by model._decimal_text
            msg = f"{record}{field}：{err['msg']}"
            hint = _number_hint(str(loc[-1]), err.get("ctx", {}), kind)
            code = "invalid-value"
        elif kind == "string_too_long":
            msg = f"{record}{field}超过 {err.get('ctx', {}).get('max_length')} 个字符"
            hint = "编号会成为文件名和链接锚点，请写得简短，如 `jiangjin-2022-57`"
            code = "invalid-id"
        elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
            msg = f"{record}{field}不是有效的日期：{err.get('input')!r}"
            hint = "写一个真实的日期，格式为 YYYY-MM-DD，如 2022-04-16"
            code = "invalid-date"
        elif kind == "enum" or kind == "literal_error":
            choices = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
            msg = f"{record}{field}的值 {err.get('input')!r} 不在可选范围内"
            hint = f"只能写以下之一：{'、'.join(choices)}"
            code = "invalid-choice"
        elif kind == "string_pattern_mismatch":
            named = _REFERENCED.get(next((part for part in reversed(loc) if isinstance(part, str)), ""))
            joined = LIST_SEPARATOR.search(str(err.get("input", "")))
            if named is not None and _CJK.search(str(err.get("input", ""))) and not joined:  # `themes: [能源]`
                msg = f"{record}{field}要写{named[0]}的英文编号，不写中文名称，这里是 {err.get('input')!r}"
                hint = f"在 {named[1]} 中找到这一项，照抄它的编号（{named[2]}）"
            else:
                msg = f"{record}{field}应是小写的编号，如 `m7` 或 `jiangjin-2022-57`，这里是 {err.get('input')!r}"
                hint = "只用小写字母、数字和单个连字符 `-`"
            if joined:  # `[energy， transport]`: YAML separates a list's items by the half-width comma only
                hint = f"这里用了「{joined.group()}」分隔几个编号：列表项之间要用半角逗号加空格 `, `；" + hint
            code = "invalid-id"
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            msg = f"{record}{field}应是整数（如年份 2025），这里是 {err.get('input')!r}"
            hint = "只写数字，不加引号或单位"
            code = "invalid-number"
        elif kind in ("bool_parsing", "bool_type"):
            msg = f"{record}{field}只能是 true 或 false，这里是 {err.get('input')!r}"
            hint = "写 `true`（是）或 `false`（否），小写，不加引号"
            code = "invalid-boolean"
        elif kind in ("list_type",):
            msg = f"{record}{field}应是列表"
            hint = "每项写成一行 `- 内容`，或写成 [甲, 乙]"
            info = _field_info(model, loc)
            if err.get("input") is None and info is not None and not info.is_required():  # `targets:` left empty
                msg += "，这里空着"
                hint = f"没有要写的就删去 `{loc[-1]}:` 这一行；有的话" + hint
            code = "wrong-type"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            msg = f"{record}{field}应是一组字段（每行一个 `键: 值`）"
            hint = "把各字段缩进写在这个键的下面"
            code = "wrong-type"
        elif kind in ("string_type",):
            msg = f"{record}{field}应是文字，这里是{_TYPE_NAMES.get(type(err.get('input')), '其他类型的值')}"
            hint = "文字看起来像别的值（true、null、列表）时，给它加上引号"
            if err.get("input") is None:  # `title:` left empty: quoting `null` would print "null"
                hint = "这个字段必须写出文字：照原文填写（空着、`null` 和 `~` 都是空值；不要写成带引号的 \"null\"，网站会照样印出它）"
            code = "wrong-type"
        elif kind == "too_short":
            msg = f"{record}{field}不能为空"
            hint = "至少写一项"
            code = "empty-list"
        elif kind in ("value_error", "assertion_error"):  # the model's own validators say it in Chinese
            text = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
            whole = not loc or (len(loc) == 2 and isinstance(loc[1], int))  # the file or the entry as a whole
            msg = f"{record}{'' if whole else f'{field}：'}{text}"
            hint = "按提示改正这个值；数据字典页说明了每个字段可以写什么"
            code = "invalid-value"
        else:  # a pydantic check the model does not name: its wording is English, so it is not shown
            msg = f"{record}{field}的值不符合要求（{kind}）"
            hint = "数据字典页说明了这个字段可以写什么"
            code = "invalid-value"
        out.append(Diagnostic(loaded.path, line, col, code, msg, hint))
    return _drop_union_noise(out)


def _number_hint(name: str, ctx: dict, kind: str) -> str:
    """What to write for a number field ``name`` given its comparator or unit (`value: "≥14.5%"`) or
    in full-width digits (`value: "１４.５"`): the number alone, and where the rest goes."""
    number = ctx.get("number", "")
    if kind == "number_format":
        return f'改成 `{name}: "{number}"`'
    if kind == "full_width_digits":
        return (f'改成半角数字：`{name}: "{number}"`（原文印的是全角数字也这样写：'
                "检查把全角和半角数字当作同一个数与原文核对）")
    words, sign, unit = ctx.get("words", ""), ctx.get("sign", ""), ctx.get("unit", "")
    rest = []
    if words:
        rest.append(f'「{words}」写在 `comparator: "{sign}"`' if name == "value"
                    else f"「{words}」不写（比较符只写在目标数值旁的 `comparator`）")
    if unit:
        rest.append(f'「{unit}」写在 `unit: "{unit}"`' if name in ("value", "base_value")
                    else f"「{unit}」不写：这个字段的单位固定是万元（原文用其他单位时先换算成万元）")
    return f'只写 `{name}: "{number}"`' + ("；" + "，".join(rest) if rest else "")


def _indented_too_far(data: Any, model: type[BaseModel], loc: tuple) -> tuple | None:
    """The record one level out that ``loc``'s unknown key belongs to, when the key is a field of
    that record not written there (it was indented too far), else None."""
    outer = loc[:-1]
    while outer and isinstance(outer[-1], int):  # an item of a list: the list's key is one level out
        outer = outer[:-1]
    if not outer:
        return None
    outer = outer[:-1]
    if loc[-1] not in _field_names(model, outer):
        return None
    node = data
    for part in outer:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return outer if isinstance(node, dict) and loc[-1] not in node else None


def _drop_union_noise(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A wrong Quote makes pydantic complain once for the text branch and once for the mapping
    branch; when one spot has both a `wrong-type` and a more specific complaint, keep the latter."""
    by_spot: dict[tuple, list[Diagnostic]] = {}
    for d in diagnostics:
        by_spot.setdefault((d.path, d.line, d.col), []).append(d)
    out: list[Diagnostic] = []
    for group in by_spot.values():
        specific = [d for d in group if d.code != "wrong-type"]
        out.extend(specific or group[:1])
    return out


LIST_SEPARATOR = re.compile("[，、；;]")  # what separates a list's items in Chinese text, but not in YAML
TODO_TEXT = "TODO"  # free text starting with TODO marks a gap a draft (`extract`) could not fill
TODO_SLUG = "todo"  # the same in an id field (a theme or metric slug)


def todo_markers(loaded: LoadedYaml) -> dict[tuple, tuple[int, int]]:
    """Every TODO marker of a draft: its data path and its position."""
    found: dict[tuple, tuple[int, int]] = {}
    if not loaded.may_hold_todo:
        return found
    # made in C, every text in it in UTF-8 (at least once: a repeated text may be a reference back),
    # twice as fast as repr, which tests whether each character is printable
    flat = marshal.dumps(loaded.data)
    if TODO_TEXT.encode() not in flat and TODO_SLUG.encode() not in flat:
        return found  # no text holds a marker (most files: the walk below is slower)

    def walk(node: Any, loc: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, loc + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, loc + (i,))
        elif isinstance(node, str) and (node.startswith(TODO_TEXT) or node == TODO_SLUG):
            found[loc] = loaded.where(loc)

    walk(loaded.data, ())
    return found


def todo_warnings(loaded: LoadedYaml) -> list[Diagnostic]:
    """One warning per TODO of a draft document, naming its record and its field (with the field's meaning)."""
    return [Diagnostic(loaded.path, line, col, "todo",
                       f"{_record_name(loaded.data, loc)}{_named(Document, loc, _field_label(loc))}仍是草稿中待填的 TODO",
                       _TODO_HINTS.get(loc[-2] if len(loc) > 1 and loc[-2] == "themes" else loc[-1] if loc else "",
                                       "对照原文填入这个值，再删掉 TODO"),
                       severity="warning")
            for loc, (line, col) in todo_markers(loaded).items()]


_TODO_HINTS = {  # where a draft's TODO stands for a guess of extract's, or an instruction: what the editor does
    "themes": "todo 后面的主题是 extract 按关键词猜的（可能为空）：对照原文增删主题，再删掉 todo",
    "relation": "文件写明贯彻落实这份政策时写 implements，只是提及时写 cites（extract 的总结写出了它按上下文的猜测）",
    "comparator": "原句在数值旁没有说明比较的字样，extract 按“单纯数值写 =”猜的是 =：对照原文写 ≥、>、=、≤、< 之一并加引号"
                  "（以上、不低于、不少于 写 \"≥\"；超过、突破 写 \">\"；以内、不超过、控制在 写 \"≤\"；达到或单纯数值写 \"=\"）",
    "kind": "照方案本身标题末尾的字样写 行动方案、行动计划、实施方案、规划 之一（extract 的猜测和理由写在这个 TODO 里）",
    "status": "正式印发的写 印发；公开征求意见的草案写 征求意见稿，并填写 consultation（extract 的猜测和理由写在这个 TODO 里）",
    "written": "照发文机关落款下的日期写成 YYYY-MM-DD；原文确实没有印日期时写 null（extract 的猜测和理由写在这个 TODO 里）",
    "note": "按说明处理后删去这句 TODO",  # a note's TODO is an instruction (register a unit …), not a value to fill in
}


def _placeholder(err: Any, field: FieldInfo | None = None) -> Any:
    """A value of the right type standing in for a TODO while the rest of a draft is validated: for a
    choice with a default, the default (a comparator extract leaves `todo` is its guess, =, so the
    rules compare the targets as extract did), else the first choice."""
    kind = err["type"]
    if kind == "enum" and field is not None and isinstance(field.default, Enum):
        return field.default.value
    if "date" in kind:  # pydantic's date_* and the model's invalid_date
        return "1970-01-01"
    if kind == "invalid_year":
        return str(FIRST_YEAR)
    if kind in ("enum", "literal_error"):
        expected = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        return expected[0] if expected else TODO_SLUG
    return TODO_SLUG


def _validate_draft(loaded: LoadedYaml, model: type[BaseModel], exc: ValidationError) -> BaseModel | None:
    """Validate again with every TODO that the model rejects replaced by a placeholder; None if
    anything other than a TODO is wrong (then the original errors are reported)."""
    markers = todo_markers(loaded)
    data = copy.deepcopy(loaded.data)
    for err in exc.errors(include_url=False):
        loc = _data_loc(loaded.data, tuple(err["loc"]))
        if loc not in markers:
            return None
        node = data
        for part in loc[:-1]:
            node = node[part]
        node[loc[-1]] = _placeholder(err, _field_info(model, loc))
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


Parsed = tuple[BaseModel | None, LoadedYaml | None, list[Diagnostic]]


class ParsedFiles:
    """Each file's parse, kept by its path, model and bytes: a file read again with the same bytes
    is not parsed again (the live preview re-checks everything on every save). Models and loaded
    data are never changed after parsing, so sharing them between checks is safe."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Path, type[BaseModel]], tuple[bytes, Parsed]] = {}

    def get(self, path: Path, model: type[BaseModel], data: bytes) -> Parsed | None:
        kept = self._kept.get((path, model))
        return kept[1] if kept is not None and kept[0] == data else None

    def keep(self, path: Path, model: type[BaseModel], data: bytes, parsed: Parsed) -> Parsed:
        self._kept[(path, model)] = (data, parsed)
        return parsed


def parse_file(path: Path, model: type[BaseModel], cache: ParsedFiles | None = None) -> Parsed:
    shown = display_path(path)
    data, problems = read_regular(path)
    if data is None:
        return None, None, problems
    if cache is not None:
        kept = cache.get(path, model, data)
        if kept is not None:
            return kept[0], kept[1], list(kept[2])
        return cache.keep(path, model, data, _parse_bytes(path, shown, data, model))
    return _parse_bytes(path, shown, data, model)


PARALLEL_BYTES = 4 << 20  # policy documents larger than this in all are parsed by two processes


def parse_documents(paths: list[Path], cache: ParsedFiles | None = None) -> list[Parsed]:
    """parse_file of each policy document, in order. A large corpus on a machine with two or more
    CPUs is parsed half here and half in a forked second process (the halves of equal size), which
    sends its parses back pickled; the live preview (``cache``) parses only the saved file anyway."""
    sizes = [_size(path) for path in paths]
    if cache is not None or sum(sizes) < PARALLEL_BYTES or not can_fork():
        return [parse_file(path, Document, cache) for path in paths]
    mine: list[int] = []
    theirs: list[int] = []
    loads = [0, 0]
    for k in sorted(range(len(paths)), key=lambda k: (-sizes[k], k)):  # largest first, to the lighter half
        half = 0 if loads[0] <= loads[1] else 1
        (mine, theirs)[half].append(k)
        loads[half] += sizes[k]
    by_position: dict[int, Parsed] = {}
    with beside(partial(_read_each, [paths[k] for k in theirs])) as work:
        for k in mine:
            by_position[k] = parse_file(paths[k], Document)
        for k, (loaded, problems) in zip(theirs, work.result(), strict=True):
            by_position[k] = _validated(loaded, problems, Document)
    return [by_position[k] for k in range(len(paths))]


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:  # gone or unreadable: parse_file says so
        return 0


Read = tuple[LoadedYaml | None, list[Diagnostic]]


def _read_each(paths: list[Path]) -> list[Read]:
    """In the second process: the first half of parse_file of each document, its YAML read but not
    validated (the first process validates it). The second process was the one that finished last,
    and plain data is quicker to send: for half the 50× corpus 0.34 s to pickle and 0.17 s to
    unpickle, with the models 0.46 s and 0.27 s (validating takes 0.17 s); with the plain data
    marshalled (LoadedYaml.__reduce_ex__) 0.12 s and 0.15 s."""
    out: list[Read] = []
    for path in paths:
        data, problems = read_regular(path)
        out.append(_read_yaml(path, display_path(path), data) if data is not None else (None, problems))
    return out


def _parse_bytes(path: Path, shown: str, data: bytes, model: type[BaseModel]) -> Parsed:
    return _validated(*_read_yaml(path, shown, data), model)


def _read_yaml(path: Path, shown: str, data: bytes) -> Read:
    """A file's bytes decoded and read as YAML, with every value's position."""
    text, problems = decode_utf8(path, data, "文件")
    if text is None:
        return None, problems
    loaded, problems = load_yaml(text, shown)
    if loaded is None:
        return None, problems
    loaded.may_hold_todo = _may_hold_todo(text)
    return loaded.from_file(path), problems


def _may_hold_todo(text: str) -> bool:
    """Whether a YAML text may hold a TODO marker: it holds `TODO` or `todo`, or a backslash (a quoted
    text's escape may spell one: "\\x54ODO"). Looking through the text is five times as fast as
    todo_markers' look through the data (most files hold none)."""
    return TODO_TEXT in text or TODO_SLUG in text or "\\" in text


def _validated(loaded: LoadedYaml | None, problems: list[Diagnostic], model: type[BaseModel]) -> Parsed:
    """The model made from a file's YAML (as _read_yaml read it), or the diagnostics."""
    if loaded is None or problems:
        return None, loaded, problems
    if not isinstance(loaded.data, dict):
        empty = loaded.data is None  # nothing but blank lines and comments
        if model is Document:
            hint = ("不再需要这个文件就删除它；" if empty else "") + "政策文件以 `id:` 开头"
        else:  # a registry (themes.yaml …), which the site cannot do without
            lists = "、".join(f"`{name}:`" for name in model.model_fields)
            hint = (f"名录文件不能删除，可从版本库恢复（`git checkout -- {loaded.path}`）；" if empty else "") + f"它以 {lists} 开头"
        return None, loaded, [Diagnostic(loaded.path, 1, 1, "wrong-type",
                                         "文件是空的（只有空行或注释）" if empty else "文件内容应是一组字段（每行一个 `键: 值`）",
                                         hint)]
    try:
        return model.model_validate(loaded.data), loaded, []
    except ValidationError as exc:
        draft = _validate_draft(loaded, model, exc) if model is Document else None
        if draft is not None:
            return draft, loaded, []
        return None, loaded, validation_diagnostics(loaded, exc, model)


def read_source(root: Path, document: Document, loaded: LoadedYaml) -> tuple[str | None, list[Diagnostic]]:
    """The verbatim source text, which must be site_data/sources/<id>.txt (nothing else is read)."""
    line, col = loaded.where(("source", "file"))
    expected = f"{document.id}.txt"
    if document.source.file == f"{Path(loaded.path).stem}.txt":  # the id differs from the file's name, which the
        expected = document.source.file  # rule id-file-mismatch reports: the source named after the file is read
    if document.source.file != expected:
        return None, [Diagnostic(loaded.path, line, col, "source-name-mismatch",
                                 f"{document.id} 的原文文件应命名为 `{expected}`，而不是 `{document.source.file}`",
                                 f"把逐字原文保存为 site_data/sources/{expected}，并写 `file: {expected}`")]
    path = root / "sources" / expected
    if not os.path.lexists(path):
        return None, []  # reported by the rule `source_exists`
    data, problems = read_regular(path)
    if data is None:
        return None, problems
    text, problems = decode_utf8(path, data, "原文文件")
    if text is None:
        return None, problems
    return text, character_problems(text, display_path(path))


SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})  # written by a file manager, never by an editor
BACKUP_FILE = re.compile(r"^(?P<of>.+?)(?:~|\.bak|\.orig|\.old|\.tmp)$", re.IGNORECASE)
"""A backup an editor or a tool leaves beside a file it saved (x~, x.bak, x.orig)."""
SOURCE_KINDS = {".docx": "Word 文档", ".doc": "Word 文档", ".wps": "WPS 文档", ".pdf": "PDF 文件",
                ".html": "网页", ".htm": "网页", ".rtf": "RTF 文档"}
"""The formats a downloaded policy document comes in (`extract` reads them)."""
ONLY_YAML = "site_data/documents/ 的区县文件夹中只放政策文件的 YAML（<编号>.yaml），其他文件不会被读取"


def stray_file(path: Path, in_district: bool) -> tuple[str, str]:
    """The message and hint for a file under site_data/documents/ that is not read (only
    `<区县>/<编号>.yaml` is), fitting what the file is: the system's, an editor's swap or backup file,
    a document whose extension is `.yml` or `.YAML` or that is not in a district's folder, a source
    text or a downloaded original, a note, or anything else."""
    name, suffix = path.name, path.suffix.lower()
    if name.lower() in SYSTEM_FILES:
        return f"`{name}` 是操作系统的文件管理器自动生成的文件，不会被读取", "删除它（它不属于数据，也不要提交到仓库）"
    if (backup := BACKUP_FILE.match(name)) is not None:
        of = backup.group("of")
        return (f"`{name}` 是保存 `{of}` 时留下的备份，不会被读取",
                f"确认 `{of}` 是要保留的版本后删除这个备份（git 保存着每个版本，数据文件夹中不放备份）")
    if suffix in (".yaml", ".yml"):  # `.yml`, `.YAML`, or a `.yaml` not in a district's folder
        if not in_district:
            return ("政策文件应放在 site_data/documents/<区县>/<编号>.yaml；这个文件不会被读取",
                    f"把它移到 site_data/documents/<区县>/{path.stem}.yaml（扩展名为 .yaml）")
        return (f"扩展名是 `{path.suffix}`：只有扩展名为小写 `.yaml` 的文件才会被读取，这个文件不会被读取",
                f"把它改名为 `{path.stem}.yaml`")
    if suffix == ".txt":
        return (f"`{name}` 是纯文本文件，不是政策文件的 YAML：{ONLY_YAML}",
                "它是一份文件的逐字原文时，移到 site_data/sources/ 并改名为 <编号>.txt（与 YAML 中 `source.file` 写的一致）；"
                "否则把它移出 site_data/documents/")
    if suffix in SOURCE_KINDS:
        return (f"`{name}` 是下载的原件（{SOURCE_KINDS[suffix]}），不是政策文件的 YAML：{ONLY_YAML}",
                "用 `python -m generator extract 原件 --district <区县> --out site_data/documents/<区县>/<编号>.yaml` 起草 YAML"
                "（它同时把逐字原文写到 site_data/sources/<编号>.txt），然后把原件移出 site_data/documents/")
    if suffix in (".md", ".markdown") or path.stem.upper() in ("README", "NOTES", "TODO"):
        return (f"`{name}` 是说明文档，不是政策文件的 YAML：{ONLY_YAML}",
                "把它移出 site_data/documents/：给编辑看的说明写进 content/editor-guide.md，"
                "关于某份文件的说明写在它的 YAML 中（`note` 字段，或以 # 开头的注释行）")
    rename = "改名为 `<编号>.yaml`" if in_district else "移到 site_data/documents/<区县>/<编号>.yaml"
    return (f"`{name}` 不是政策文件的 YAML（扩展名不是 .yaml）：{ONLY_YAML}",
            f"把它移出 site_data/documents/；它是一份政策文件的数据时，{rename}")


def load_corpus(root: Path, cache: ParsedFiles | None = None) -> tuple[Corpus | None, list[Diagnostic]]:
    """Read and validate every file. Returns the valid part of the corpus (None when a registry is
    invalid) and the problems found; the corpus is complete only when there are none."""
    if not root.is_dir():
        return None, [Diagnostic(display_path(root), 1, 1, "missing-file", "数据文件夹不存在",
                                 "在仓库的根目录下运行命令，或用 --data 指定数据文件夹")]
    # Links, pipes and devices anywhere under site_data/ are refused, used or not.
    _, _, problems = plain_files(root)
    registries: dict[str, BaseModel] = {}
    registry_yaml: dict[str, LoadedYaml] = {}
    for spec in REGISTRIES:
        name, model = spec.file, spec.model
        path = root / name
        if not os.path.lexists(path):
            problems.append(Diagnostic(display_path(path), 1, 1, "missing-file", f"缺少名录文件 {name}",
                                       f"从 git 恢复 {name}；每次生成都需要它"))
            continue
        parsed, loaded, found = parse_file(path, model, cache)
        problems += found
        if parsed is not None and loaded is not None:
            registries[name] = parsed
            registry_yaml[name] = loaded
    documents: list[LoadedDocument] = []
    doc_root = root / "documents"
    files, folders, _ = plain_files(doc_root) if doc_root.is_dir() and not doc_root.is_symlink() else ([], [], [])
    placed = [p for p in files if p.suffix == ".yaml" and p.parent.parent == doc_root]
    entries = _named_entries(registries)
    districts_file = registry_yaml["districts.yaml"].path if "districts.yaml" in registry_yaml else display_path(
        root / "districts.yaml")
    for parsed, loaded, found in parse_documents(placed, cache):
        problems += _with_registered_names(found, loaded, entries, districts_file) if loaded is not None else found
        if loaded is not None:
            problems += todo_warnings(loaded)
        if parsed is None or loaded is None:
            continue
        assert isinstance(parsed, Document)  # parse_file validated it with the Document model
        source_text, found = read_source(root, parsed, loaded)
        problems += found
        documents.append(LoadedDocument(parsed, loaded, source_text))
    for stray in sorted(set(files) - set(placed)):
        problems.append(Diagnostic(display_path(stray), 1, 1, "misplaced-file",
                                   *stray_file(stray, in_district=stray.parent.parent == doc_root)))
    for folder in folders:
        if folder.parent.parent == doc_root:
            problems.append(Diagnostic(display_path(folder), 1, 1, "misplaced-file",
                                       "区县文件夹里的子文件夹不会被读取（政策文件直接放在区县文件夹里）",
                                       f"把其中的文件移到 site_data/documents/<区县>/，并删除 `{folder.name}`"))
    if len(registries) != len(REGISTRIES):
        return None, problems
    # With valid registries the cross-file rules can still check every valid document, so an
    # editor sees all problems in one run; the caller fails if `problems` is not empty.
    corpus = Corpus(
        root=root,
        **{spec.key: registries[spec.file] for spec in REGISTRIES},  # type: ignore[arg-type]
        registry_yaml=registry_yaml,
        documents=tuple(documents),
    )
    return corpus, problems
