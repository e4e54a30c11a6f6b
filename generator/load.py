"""Find every YAML file under ``site_data/``, validate each, collect every problem.

Never stops at the first bad file: an editor sees all problems at once.
"""
from __future__ import annotations

import copy
import difflib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.diagnostics import Diagnostic
from generator.model import (
    REGISTRIES,
    DepartmentRegistry,
    DistrictRegistry,
    Document,
    MetricRegistry,
    SynonymRegistry,
    ThemeRegistry,
)
from generator.yamlio import LoadedYaml, character_problems, load_yaml


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
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def special_file(path: Path, mode: int) -> Diagnostic:
    """The one diagnostic for an entry that is not a plain file (the same wherever it is found)."""
    return Diagnostic(display_path(path), 1, 1, "not-a-regular-file",
                      f"this is {_kind_of(mode)}, not a plain file; it is not read",
                      "commit the file itself (git add the real file, not a link); remove links, pipes and devices")


def too_large(path: Path, size: int) -> Diagnostic:
    return Diagnostic(display_path(path), 1, 1, "file-too-large",
                      f"the file has {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,} (5 MB); it is not read",
                      "split the document or check that the right file was saved here")


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


def plain_files(root: Path) -> tuple[list[Path], list[Path], list[Diagnostic]]:
    """Walk ``root`` without following links: (plain files, folders, diagnostics for everything
    else: symbolic links, pipes, devices, sockets), all sorted."""
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
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                folders.append(path)
                pending.append(path)
            elif stat.S_ISREG(mode):
                files.append(path)
            else:
                problems.append(special_file(path, mode))
    return sorted(files), sorted(folders), problems


def decode_utf8(path: Path, data: bytes, what: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (a leading byte-order mark is dropped, CRLF line ends become LF) or a
    diagnostic at the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        return None, [Diagnostic(display_path(path), line, col, "not-utf8",
                                 f"{what} is not UTF-8 text (byte {exc.start}, 0x{data[exc.start]:02x}); "
                                 "it may be saved as GBK",
                                 "save the file as UTF-8 in your editor without changing a character")]
    return text.removeprefix("\ufeff").replace("\r\n", "\n"), []


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
                                       f"`{path.name}` is not a Markdown page or an image; content/ publishes files as "
                                       "they are, so only .md, .png, .jpg, .jpeg, .gif and .webp are allowed",
                                       "remove the file, or ask a developer to add the feature it was meant for"))
            continue
        if rel.split("/")[0] in GENERATED_NAMES:
            problems.append(Diagnostic(display_path(path), 1, 1, "page-path-clash",
                                       f"content/{rel} would take the place of the generated `{rel.split('/')[0]}` "
                                       "page of the site",
                                       "rename the file; these names are generated: "
                                       + ", ".join(sorted(GENERATED_NAMES))))
            continue
        data, found = read_regular(path)
        problems += found
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
            return f"measure {ident or '#' + str(loc[1] + 1)}: "
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(data, dict):
        items = data.get(loc[0])
        if isinstance(items, list) and loc[1] < len(items):
            item = items[loc[1]]
            ident = (item.get("slug") or item.get("id")) if isinstance(item, dict) else None
            return f"{loc[0]} entry {ident or '#' + str(loc[1] + 1)}: "
    return ""


def _field_label(loc: tuple) -> str:
    """A field path in editors' words: `targets#1.value` (the record is named separately)."""
    if not loc:
        return "(top level)"
    if len(loc) >= 2 and isinstance(loc[1], int):
        loc = loc[2:]
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}#{part + 1}" if parts else f"#{part + 1}"]
        else:
            parts.append(str(part))
    return ".".join(parts) or "the entry itself"


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
        elif node is None and isinstance(part, str) and not out[-1:] == [part]:
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


def _inner_model(annotation: Any) -> Any:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validation_diagnostics(loaded: LoadedYaml, exc: ValidationError, model: type[BaseModel]) -> list[Diagnostic]:
    """Turn pydantic errors into editor-facing diagnostics with positions."""
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for err in exc.errors(include_url=False):
        raw_loc = tuple(err["loc"])
        loc = _data_loc(loaded.data, raw_loc)
        kind = err["type"]
        key = (loc, kind)
        if key in seen:
            continue
        seen.add(key)
        line, col = loaded.where(loc)
        record = _record_name(loaded.data, loc)
        field = _field_label(loc)
        if kind == "missing":
            msg = f"{record}the required field `{loc[-1]}` is missing"
            hint = f"add `{loc[-1]}:` here; the data dictionary page (数据字典) lists every field"
            code = "missing-field"
        elif kind == "extra_forbidden":
            allowed = _field_names(model, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
            msg = f"{record}`{loc[-1]}` is not a known field here"
            hint = (f"did you mean `{close[0]}`? " if close else "") + f"allowed fields: {', '.join(allowed)}"
            code = "unknown-field"
        elif kind in ("invalid_year", "invalid_date", "year_order"):  # raised by the model's own validators
            msg = f"{record}`{field}` {err['msg']}" if kind != "year_order" else f"{record}{err['msg']}"
            hint = {"invalid_year": "write the year as four digits, e.g. 2025",
                    "invalid_date": "write a real calendar date as YYYY-MM-DD, e.g. 2022-04-16",
                    "year_order": "check the two years against the printed period (完成时限)"}[kind]
            code = kind.replace("_", "-")
        elif kind == "string_too_long":
            msg = f"{record}`{field}` is longer than {err.get('ctx', {}).get('max_length')} characters"
            hint = "ids become file names and link anchors: keep them short, e.g. `jiangjin-2022-57`"
            code = "invalid-id"
        elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
            msg = f"{record}`{field}` is not a valid date: {err.get('input')!r}"
            hint = "write a real calendar date as YYYY-MM-DD, e.g. 2022-04-16"
            code = "invalid-date"
        elif kind == "enum" or kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"{record}`{field}` has the value {err.get('input')!r}, which is not allowed"
            hint = f"use one of: {expected}"
            code = "invalid-choice"
        elif kind == "string_pattern_mismatch":
            msg = f"{record}`{field}` must be a lowercase id such as `m7` or `jiangjin-2022-57`, found {err.get('input')!r}"
            hint = "use lowercase letters, digits and single hyphens only"
            code = "invalid-id"
        elif kind in ("int_parsing", "int_type", "int_from_float"):
            msg = f"{record}`{field}` must be a whole number (a year such as 2025), found {err.get('input')!r}"
            hint = "write digits only, without quotes or units"
            code = "invalid-number"
        elif kind in ("bool_parsing", "bool_type"):
            msg = f"{record}`{field}` must be true or false, found {err.get('input')!r}"
            hint = "write `true` or `false` (lowercase, no quotes)"
            code = "invalid-boolean"
        elif kind in ("list_type",):
            msg = f"{record}`{field}` must be a list"
            hint = "write items as `- item` lines or as [a, b]"
            code = "wrong-type"
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            msg = f"{record}`{field}` must be a mapping of fields (key: value lines)"
            hint = "indent the fields under this key"
            code = "wrong-type"
        elif kind in ("string_type",):
            msg = f"{record}`{field}` must be text, found {type(err.get('input')).__name__}"
            hint = "put the text in quotes if it looks like something else (true, null, a list)"
            code = "wrong-type"
        elif kind == "too_short":
            msg = f"{record}`{field}` must not be empty"
            hint = "give at least one entry"
            code = "empty-list"
        else:
            text = err["msg"].removeprefix("Value error, ")
            msg = f"{record}`{field}`: {text}"
            hint = "fix the value as the message says; the data dictionary lists what each field takes"
            code = "invalid-value"
        out.append(Diagnostic(loaded.path, line, col, code, msg, hint))
    return _drop_union_noise(out)


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


TODO_TEXT = "TODO"  # free text starting with TODO marks a gap a draft (`extract`) could not fill
TODO_SLUG = "todo"  # the same in an id field (a theme or metric slug)


def todo_markers(loaded: LoadedYaml) -> dict[tuple, tuple[int, int]]:
    """Every TODO marker of a draft: its data path and its position."""
    found: dict[tuple, tuple[int, int]] = {}

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
    return [Diagnostic(loaded.path, line, col, "todo", f"`{_field_label(loc)}` is still a TODO gap of the draft",
                       "fill in the value from the source text, then remove the TODO", severity="warning")
            for loc, (line, col) in todo_markers(loaded).items()]


def _placeholder(err: Any) -> Any:
    """A value of the right type standing in for a TODO while the rest of a draft is validated."""
    kind = err["type"]
    if kind.startswith("date"):
        return "1970-01-01"
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
        node[loc[-1]] = _placeholder(err)
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


def _parse_bytes(path: Path, shown: str, data: bytes, model: type[BaseModel]) -> Parsed:
    text, problems = decode_utf8(path, data, "the file")
    if text is None:
        return None, None, problems
    loaded, problems = load_yaml(text, shown)
    if loaded is None or problems:
        return None, loaded, problems
    if not isinstance(loaded.data, dict):
        return None, loaded, [Diagnostic(shown, 1, 1, "wrong-type", "the file must be a mapping of fields (key: value lines)",
                                         "start the file with `id:` (documents) or the registry's list key")]
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
    if document.source.file != expected:
        return None, [Diagnostic(loaded.path, line, col, "source-name-mismatch",
                                 f"the source text of {document.id} must be named `{expected}`, not `{document.source.file}`",
                                 f"save the verbatim text as site_data/sources/{expected} and write `file: {expected}`")]
    path = root / "sources" / expected
    if not os.path.lexists(path):
        return None, []  # reported by the rule `source_exists`
    data, problems = read_regular(path)
    if data is None:
        return None, problems
    text, problems = decode_utf8(path, data, "the source text")
    if text is None:
        return None, problems
    return text, character_problems(text, display_path(path))


def load_corpus(root: Path, cache: ParsedFiles | None = None) -> tuple[Corpus | None, list[Diagnostic]]:
    """Read and validate every file. Returns the valid part of the corpus (None when a registry is
    invalid) and the problems found; the corpus is complete only when there are none."""
    if not root.is_dir():
        return None, [Diagnostic(display_path(root), 1, 1, "missing-file", "the data folder does not exist",
                                 "run the command from the repository, or give the folder with --data")]
    # Links, pipes and devices anywhere under site_data/ are refused, used or not.
    _, _, problems = plain_files(root)
    registries: dict[str, BaseModel] = {}
    registry_yaml: dict[str, LoadedYaml] = {}
    for spec in REGISTRIES:
        name, model = spec.file, spec.model
        path = root / name
        if not os.path.lexists(path):
            problems.append(Diagnostic(display_path(path), 1, 1, "missing-file", f"the registry {name} is missing",
                                       f"restore {name} from git; every build needs it"))
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
    for path in placed:
        parsed, loaded, found = parse_file(path, Document, cache)
        problems += found
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
                                   "a document file must be site_data/documents/<district>/<id>.yaml; "
                                   "this file is not read",
                                   f"move it to site_data/documents/<district>/{stray.stem}.yaml (extension .yaml)"))
    for folder in folders:
        if folder.parent.parent == doc_root:
            problems.append(Diagnostic(display_path(folder), 1, 1, "misplaced-file",
                                       "a folder inside a district folder is not read (documents are files there)",
                                       f"move its files to site_data/documents/<district>/ and remove `{folder.name}`"))
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
