"""Load YAML literally and remember where every value came from.

Plain scalars stay strings (no ``YES`` → True, no ``0012`` → 12, no dates):
the typed model converts them and can say exactly what is wrong. Only
``null``/``~``/empty and ``true``/``false`` are resolved here. Duplicate
keys are errors. Every value gets a position so that a problem found later
(by the model or a cross-file rule) can be reported at its line and column.

Refused as well: tags, anchors and aliases (no "billion laughs"), more than
MAX_NODES values or MAX_ITEMS entries in one list, lists and mappings nested more
than MAX_DEPTH deep, and invisible or control characters anywhere in the text
(reported at their own line and column).
"""
from __future__ import annotations

import contextlib
import itertools
import marshal
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, invisible

DataPath = tuple  # a path into the loaded data: keys and list indices


MAX_NODES = 100_000
"""Values (keys, texts, list items) one YAML file may hold: nine times the largest real document.
Composing stops here, so a huge list costs a bounded time and memory."""
MAX_ITEMS = 5_000
"""Entries one list may hold (measures of a document, aliases of a department …); the longest
real list has a few hundred. Later stages may then compare entries pairwise without harm."""
MAX_DEPTH = 100
"""Lists and mappings one YAML file may nest inside each other (real documents nest five deep).
Composing stops at the first one deeper, said at its line and column: libyaml's composer recurses
in C, a level of the C stack per level of nesting, and at about 24,000 levels (30,000 `[` in one
value) it overflowed the stack and killed the process without a word; PyYAML's own composer and
the later stages (build, marshal, pydantic, ruamel.yaml in `fmt`) recurse in Python, a few frames
per level, and stay far from Python's recursion limit below this depth."""


class Refused(yaml.MarkedYAMLError):
    """YAML that is valid but not allowed here (an alias or anchor, too many values)."""

    def __init__(self, code: str, problem: str, hint: str, mark: yaml.Mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.code = code
        self.hint = hint


NULL_TAG, BOOL_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"
STR_TAG, SEQ_TAG, MAP_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
BOOLS = {"true": True, "false": False}


class LiteralResolution:
    """Resolve a plain scalar to null (NULLS) or a boolean (BOOLS) and every other scalar to text.
    One set look-up per value, where PyYAML's resolver tries a list of patterns."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if value in NULLS:
                    return NULL_TAG
                if value in BOOLS:
                    return BOOL_TAG
            return STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG


class LiteralLoader(LiteralResolution, yaml.SafeLoader):
    """SafeLoader that resolves nothing but null and true/false, refuses anchors and aliases
    (so a few lines can never expand to billions of values), stops after MAX_NODES values and at a
    list or mapping nested deeper than MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes = 0
        self.depth = 0  # lists and mappings open around the node being composed

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused("yaml-alias", "不允许使用锚点（`&名称`）和别名（`*名称`）",
                          "在每个需要的地方把值完整写出来；文字以 `&` 或 `*` 开头时，给整段文字加上引号", event.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Refused("too-many-values", f"文件中的值超过 {MAX_NODES:,} 个",
                          "请检查是否误粘贴了大量内容；真实的政策文件远达不到这个数量", event.start_mark)
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return super().compose_node(parent, index)
        if self.depth == MAX_DEPTH:
            raise Refused("yaml-syntax", *TOO_DEEP, event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# The same resolution on libyaml's parser (C), where PyYAML has it: parsing is the slowest part
# of a check, and the live preview parses every file on every save.
_CParser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TooManyNodes(Exception):
    """LiteralComposer gave up: the text holds more than MAX_NODES values, or nodes nested more than
    MAX_DEPTH deep (LiteralLoader then says where)."""


class LiteralComposer(LiteralResolution, _CParser):  # type: ignore[valid-type, misc]
    """Composes nodes for load_yaml; resolves like LiteralLoader and counts the values, giving up
    after MAX_NODES (so a huge file costs bounded time and memory here too) and at a node nested
    deeper than MAX_DEPTH, before libyaml's recursion in C can exhaust the stack. A node may be a
    text (which LiteralLoader allows inside MAX_DEPTH lists): such text is composed by LiteralLoader,
    which decides."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nodes = 0
        self.depth = 0  # nodes open, the one beginning included

    def descend_resolver(self, parent: yaml.Node | None, index: object) -> None:
        """Called by libyaml's composer as each node (value) begins."""
        self.nodes += 1
        self.depth += 1
        if self.nodes > MAX_NODES or self.depth > MAX_DEPTH:
            raise TooManyNodes

    def ascend_resolver(self) -> None:
        """Called by libyaml's composer as each node ends."""
        self.depth -= 1


# An anchor (`&a`) or alias (`*a`) starts a node, so it follows a line start, a space or tab, or a
# flow indicator. A `&` or `*` inside a word (OCR text such as 绿&产品) cannot be one. The test is
# conservative: text that matches (a quoted " *" too) only takes the slower path.
_ANCHOR_SIGNS = "&*"
_BEFORE_NODE = frozenset(" \t[]{},\n")


def may_hold_anchor(text: str) -> bool:
    """Whether an anchor or alias may start somewhere in ``text``: a `&` or `*` at the start of the
    text or of a line, or after a space, tab or flow indicator. Each sign is looked for with
    str.find, which skips the long runs of text without either sign many times faster than a
    regular expression that tries every position (0.07 s of the 10× corpus's 5 MB)."""
    for sign in _ANCHOR_SIGNS:
        at = text.find(sign)
        while at != -1:
            if at == 0 or text[at - 1] in _BEFORE_NODE:
                return True
            at = text.find(sign, at + 1)
    return False


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, composed by libyaml where that is safe, else by LiteralLoader.

    libyaml is several times faster but knows none of LiteralLoader's limits. So it is used only
    for text where no anchor or alias can occur and whose tree stays within MAX_NODES; anything
    else, and any syntax error, is composed again in Python, whose diagnostics (Refused,
    MarkedYAMLError) name the exact place."""
    if not may_hold_anchor(text):
        try:
            return yaml.compose(text, Loader=LiteralComposer)
        except (yaml.MarkedYAMLError, TooManyNodes):
            pass
    return yaml.compose(text, Loader=LiteralLoader)


ALLOWED_TAGS = frozenset({STR_TAG, NULL_TAG, BOOL_TAG, SEQ_TAG, MAP_TAG})


class _LeftToComposer(Exception):
    """read_plainly met something it leaves to the composer and build (which report it)."""


PLAIN_DEPTH = 64
"""Nesting read_plainly goes into (real documents nest five deep); deeper text is composed, and the
composer says when it is too deep (MAX_DEPTH)."""
assert PLAIN_DEPTH <= MAX_DEPTH
_RESOLVED = {**dict.fromkeys(NULLS), **BOOLS}  # a plain scalar that is not text: null, true or false


def read_plainly(text: str) -> tuple[Any, dict[DataPath, tuple[int, int]], dict[DataPath, Folds]] | None:
    """The data of ``text`` and the position of every path in it, read in one pass over libyaml's
    events, or None when the text holds anything but plain values: a tag, anchor or alias, a key
    that is not text or is repeated, a list longer than MAX_ITEMS, more than MAX_NODES values, an
    escaped forbidden character, no document or two, nesting deeper than PLAIN_DEPTH, or a syntax error.
    Such text is composed into nodes and built by load_yaml, which reports what it finds; for any
    other text both ways give the same data and positions (tests.test_yamlio checks that). Making
    no nodes, load_yaml takes 0.48 s instead of 0.68 s for the 10× documents.

    Like _compose it reads with libyaml only text where no anchor may stand: elsewhere PyYAML's
    parser, which does not always agree with libyaml on invalid text, has the last word."""
    if may_hold_anchor(text):
        return None
    parser = _CParser(text)
    next_event = parser.get_event
    positions: dict[DataPath, tuple[int, int]] = {}
    escapes = "\\" in text  # see load_yaml
    folds: dict[DataPath, Folds] = {}
    count = itertools.count(1).__next__  # values read so far, keys included (as the composer counts)

    def scalar(event: yaml.ScalarEvent) -> Any:
        if count() > MAX_NODES or event.anchor is not None or event.tag is not None:
            raise _LeftToComposer
        value = event.value
        if event.implicit[0]:  # a plain scalar: resolved as LiteralResolution does
            return _RESOLVED.get(value, value)
        if escapes and event.style == '"' and forbidden_character(value) is not None:
            raise _LeftToComposer
        return value

    def read(event: yaml.Event, loc: DataPath, depth: int) -> Any:
        """The value that ``event`` begins; its position and those of the values inside it recorded."""
        mark = event.start_mark
        positions[loc] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            if event.end_mark.line != mark.line and event.style in FOLDING_STYLES:
                folds[loc] = folds_of(text, mark, event.end_mark, event.style)
            return scalar(event)
        if kind not in (yaml.MappingStartEvent, yaml.SequenceStartEvent) or depth == PLAIN_DEPTH:
            raise _LeftToComposer  # an alias, or too deep
        if count() > MAX_NODES or event.anchor is not None or event.tag is not None:
            raise _LeftToComposer
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            while type(item := next_event()) is not yaml.SequenceEndEvent:
                if len(items) == MAX_ITEMS:
                    raise _LeftToComposer
                items.append(read(item, loc + (len(items),), depth + 1))
            return items
        result: dict[str, Any] = {}
        while type(key_event := next_event()) is not yaml.MappingEndEvent:
            key = scalar(key_event) if type(key_event) is yaml.ScalarEvent else None
            if not isinstance(key, str) or key in result:
                raise _LeftToComposer
            value_event = next_event()
            result[key] = read(value_event, loc + (key,), depth + 1)
            if type(value_event) is not yaml.ScalarEvent:
                key_mark = key_event.start_mark  # a list or mapping: where its key is
                positions[loc + (key,)] = (key_mark.line + 1, key_mark.column + 1)
        return result

    try:
        next_event()  # the stream's start
        if type(next_event()) is not yaml.DocumentStartEvent:
            raise _LeftToComposer  # no document
        data = read(next_event(), (), 0)
        next_event()  # the document's end
        if type(next_event()) is not yaml.StreamEndEvent:
            raise _LeftToComposer  # a second document
    except (_LeftToComposer, yaml.YAMLError, RecursionError):
        return None
    return data, positions, folds


Folds = tuple[tuple[int, int, int], ...]
"""Where YAML folded a text's line breaks into spaces: (offset of the space in the value, line, column
of the line's end in the file), both 1-based."""
FOLDING_STYLES = frozenset({None, "", ">"})  # a plain text and a `>` block fold a line break into a space


def folds_of(text: str, start: yaml.Mark, end: yaml.Mark, style: str | None) -> Folds:
    """The line breaks that YAML folded into a space in a plain or `>` text running from ``start`` to
    ``end``: each one's offset in the value and the end of the line it ends."""
    lines = text.split("\n")
    if style == ">":  # the text starts on the line after the indicator
        first, last = start.line + 1, end.line - (0 if end.column else 1)
        pieces = [lines[k].strip() for k in range(first, min(last, len(lines) - 1) + 1)]
    else:
        first, last = start.line, end.line
        pieces = [(lines[first][start.column:] if k == first else lines[k][:end.column] if k == last else lines[k]).strip()
                  for k in range(first, last + 1)]
    while pieces and not pieces[-1]:
        pieces.pop()
    found = []
    offset = 0
    for k, piece in enumerate(pieces[:-1]):
        offset += len(piece)
        if not piece:
            offset += 1  # an empty line is kept as a line break
        elif pieces[k + 1]:
            found.append((offset, first + k + 1, len(lines[first + k].rstrip()) + 1))
            offset += 1
    return tuple(found)


def _unmarshalled(plain: bytes, text: str | None, file: Path | None, may_hold_todo: bool) -> LoadedYaml:
    """A LoadedYaml as LoadedYaml.__reduce_ex__ pickled it."""
    path, data, positions, folds = marshal.loads(plain)
    return LoadedYaml(path, data, positions, folds, text=text, file=file, may_hold_todo=may_hold_todo)


@dataclass
class LoadedYaml:
    """The plain data of one file and the 1-based (line, col) of every path in it."""

    path: str
    data: Any
    positions: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    folds: dict[DataPath, Folds] = field(default_factory=dict)  # texts written over several lines
    # The text read, to find a character within a value (where_in). A file's is not kept (from_file):
    # it would be pickled back from the second parsing process and held in the live preview's cache,
    # for a few diagnostics' columns; where_in reads the file again.
    text: str | None = field(default=None, repr=False, compare=False)
    file: Path | None = field(default=None, repr=False, compare=False)
    # False when the text read holds no TODO marker (load.todo_markers), told before from_file drops it
    may_hold_todo: bool = field(default=True, repr=False, compare=False)

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickled (the second parsing process sends its files back, load.parse_documents) with its
        plain parts marshalled, which is made in C: for half the 50× corpus 0.12 s to pickle and
        0.15 s to unpickle, object by object 0.31 s and 0.16 s. Equal, and as shared within a file."""
        try:
            plain = marshal.dumps((self.path, self.data, self.positions, self.folds))
        except ValueError:  # nested deeper than marshal goes (more than 2000 levels)
            return super().__reduce_ex__(protocol)
        return _unmarshalled, (plain, self.text, self.file, self.may_hold_todo)

    def from_file(self, file: Path) -> LoadedYaml:
        """This, read from ``file``: its text is dropped, and read again from the file when needed."""
        self.file, self.text = file, None
        return self

    def _line(self, line: int) -> str:
        """The ``line``-th line (1-based) of the text read, or "" when it is no longer at hand."""
        lines: Sequence[str] = ()
        if self.text is not None:
            lines = self.text.split("\n", line)
        elif self.file is not None:
            with contextlib.suppress(OSError):
                stat = self.file.stat()
                lines = _file_lines(self.file, stat.st_mtime_ns, stat.st_size)
        return lines[line - 1] if len(lines) >= line else ""

    def where_in(self, loc: DataPath, offset: int) -> tuple[int, int]:
        """Position of the character at ``offset`` (0-based) in the text value at ``loc``, when the
        value stands on one line character for character (plain, or quoted without escapes or a
        doubled `''`); else the position of the value's start."""
        line, col = self.where(loc)
        value = self._value_at(loc)
        if value is None or loc not in self.positions or not 0 <= offset <= len(value) or loc in self.folds:
            return line, col
        written = self._line(line)  # a file changed since it was read gives a line the value is not on: its start
        opening = written[col - 1:col]
        if opening in ("'", '"'):  # quoted: the value starts after the quote and ends at the same quote
            if opening in value or "\\" in value or written[col:col + len(value) + 1] != value + opening:
                return line, col
            return line, col + 1 + offset
        if written[col - 1:col - 1 + len(value)] != value:  # a block (`|`, `>`) or text over several lines
            return line, col
        return line, col + offset

    def _value_at(self, loc: DataPath) -> str | None:
        node = self.data
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node if isinstance(node, str) and node else None

    def where(self, loc: DataPath) -> tuple[int, int]:
        """Position of ``loc`` or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return self.positions.get((), (1, 1))


@lru_cache(maxsize=2)  # a document's diagnostics come together: its file is read once for them
def _file_lines(file: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    """The lines of a YAML file as load.decode_utf8 gives its text (BOM dropped, CRLF as LF); none
    when it cannot be read. ``mtime_ns`` and ``size`` tell a changed file from the one read before."""
    try:
        text = file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    return tuple(text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n"))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _mark_of(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


# Characters that no text on the site may hold are every invisible or control character except tab
# and line feed (diagnostics.invisible: zero-width spaces and joiners, bidi overrides, soft hyphens,
# BOM, NUL, ESC, private use …). They are invisible or reorder what a reader sees, so two names that
# look equal could differ. Characters that are surely allowed: printable ASCII, Latin, Greek and
# Cyrillic, the typographic spaces, dashes, quotation marks, symbols and circled numbers, CJK
# punctuation and ideographs, full-width forms (tests.test_yamlio checks that none is forbidden). Only
# a character outside this quick class is looked at one by one.
_MAYBE_FORBIDDEN = re.compile("[^\t\n\u0020-\u007e\u00a0-\u00ac\u00ae-\u05ff\u2000-\u200a\u2010-\u2027\u2030-\u205e"
                              "\u2070-\u2bff\u3000-\u9fff\uff01-\uffef]")
MAX_REPORTED = 10  # character problems listed per file; the rest are counted


def _forbidden(text: str) -> Iterator[re.Match[str]]:
    """Every character of ``text`` that no text on the site may hold."""
    for maybe in _MAYBE_FORBIDDEN.finditer(text):
        if invisible(maybe.group()):
            yield maybe


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that no text on the site may hold, or None."""
    found = next(_forbidden(text), None)
    return found.group() if found else None


def _char_problem(path: str, line: int, col: int, char: str, more: int = 0) -> Diagnostic:
    extra = f"（本文件另有 {more} 处）" if more else ""
    return Diagnostic(path, line, col, "invalid-character",
                      f"文字中有看不见的字符或控制字符 U+{ord(char):04X}，不允许使用{extra}",
                      "删除这个字符（从原文重新复制这段文字，或重新输入这个词）；只允许制表符和换行这两种控制字符")


def character_problems(text: str, path: str) -> list[Diagnostic]:
    """A diagnostic at the line and column of each forbidden character (the first few)."""
    hits = list(_forbidden(text))
    shown = hits[:MAX_REPORTED]
    out = []
    for i, found in enumerate(shown):
        start = found.start()
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        more = len(hits) - len(shown) if i == len(shown) - 1 else 0
        out.append(_char_problem(path, line, col, found.group(), more))
    return out


def _left_open(exc: yaml.MarkedYAMLError) -> bool:
    """True when the error is a quote or a flow bracket left open: that opening is the fault. (For a
    block mapping or list the context is only where the enclosing block began, often line 1.)"""
    return exc.context_mark is not None and any(word in (exc.context or "") for word in ("quoted", "flow"))


def _position(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """Where to point for a syntax error: at the construct that was left open (an unclosed quote
    or bracket) rather than where the parser gave up, which may be the end of the file."""
    problem, context = exc.problem_mark, exc.context_mark
    opened = _left_open(exc)
    mark = context if opened else problem
    if mark is None:
        return 1, 1, ""
    later = ""
    if opened and problem is not None and problem.line != mark.line:
        later = f"（到第 {problem.line + 1} 行才发现）"
    return mark.line + 1, mark.column + 1, later


@dataclass(frozen=True)
class SyntaxFault:
    """One kind of YAML syntax error, told in an editor's words. PyYAML's own message names the
    parser's state ("expected <block end>, but found '<scalar>'"), which says nothing to someone
    who only left out a quote, so it never reaches the editor; ``signs`` recognise the kind from
    PyYAML's context and problem text."""

    signs: tuple[str, ...]
    message: str
    hint: str

    def matches(self, exc: yaml.MarkedYAMLError) -> bool:
        said = f"{exc.context or ''} | {exc.problem or ''}"
        return any(sign in said for sign in self.signs)


UNCLOSED_QUOTE = SyntaxFault(("quoted scalar",), "这里开始的引号没有闭合",
                             "在这段文字的末尾补上同样的引号（`\"` 或 `'`）；文字里本身含有这种引号时，整段改用另一种引号")
MISINDENTED = SyntaxFault(("mapping values are not allowed",),
                          "这一行的缩进与上一行不一致（多了或少了空格），或者值里含有“冒号加空格”",
                          "让这一行与同一层的其他键从同一列开始；如果值里本来就有冒号，给整个值加上引号")
SYNTAX_FAULTS = (
    SyntaxFault(("'\\t'", "tab character"),
                "缩进或值的前面用了制表符（Tab）；YAML 在这些位置只允许空格",
                "把制表符换成空格：每一级缩进用两个空格，与同一层的其他行对齐"),
    SyntaxFault(("escape character",),
                "双引号里的反斜杠 `\\` 后面跟了 YAML 不认识的字符",
                "删掉反斜杠，或把双引号改成单引号"),
    UNCLOSED_QUOTE,
    SyntaxFault(("flow sequence",),
                "以 `[` 开始的列表没有闭合，或列表项之间缺少逗号",
                "在列表末尾补上 `]`，列表项之间用英文逗号 `,` 分开；含有 `:` 或 `,` 的值要加引号"),
    SyntaxFault(("flow mapping",),
                "以 `{` 开始的映射没有闭合，或各项之间缺少逗号",
                "在末尾补上 `}`，各项之间用英文逗号 `,` 分开"),
    SyntaxFault(("another document", "document separator"),
                "文件里出现了第二个 YAML 文档（`---` 或 `...` 分隔线）；一个文件只能有一个文档",
                "删除多余的 `---` 或 `...` 行；它出现在文字中间时，给整段文字加上引号"),
    MISINDENTED,
    SyntaxFault(("could not find expected ':'",),
                "这一行的键后面缺少冒号 `:`，或上一行的引号没有闭合",
                "写成 `键: 值`（冒号后面留一个空格）；检查上一行的引号是否成对"),
    SyntaxFault(("block sequence entries are not allowed",),
                "这里不能开始列表项 `- `",
                "列表项要另起一行，写在所属的键下面并多缩进两个空格"),
    SyntaxFault(("expected alphabetic or numeric character", "undefined tag handle"),
                "以 `&`、`*` 或 `!` 开头的值会被 YAML 当作特殊标记",
                "给整个值加上引号，例如 `title: \"*特别说明\"`"),
    SyntaxFault(("block scalar",),
                "值以 `>` 或 `|` 开头，YAML 把它们当作多行文字的标记",
                "给整个值加上引号；比较符号直接写 ≥、>、=、≤、< 之一，如 `comparator: \"≥\"`（不写 `>=`）"),
    SyntaxFault(("cannot start any token",),
                "值以 YAML 的保留字符（如 `@`、`` ` ``、`%`）开头",
                "给整个值加上引号"),
    SyntaxFault(("block end", "expected key", "'-' indicator", "block mapping", "block collection"),
                "这一行的缩进与同一层的其他行不一致，或前面有没闭合的引号",
                "同一层的键要从同一列开始（只用空格缩进）；检查前面各行的引号是否成对"),
)
OTHER_SYNTAX_FAULT = SyntaxFault((), "这一处无法按 YAML 读取",
                                 "检查缩进（只用空格）、键后面的冒号 `:`，以及引号和括号是否成对")
TOO_DEEP = (f"列表或映射嵌套的层数太多（到这里已超过 {MAX_DEPTH} 层）",
            "检查这里之前是否有没闭合的括号 `[` 或 `{`，或在一行里多写了 `- `；真实的数据最多嵌套五层左右")


def _quote_running_on(text: str, error_line: int) -> yaml.Mark | None:
    """Where a quoted value that runs over several lines before ``error_line`` (0-based) begins.

    A quote opened and never closed swallows the lines after it up to the next quote character,
    and the parser fails there, far from the fault. Valid data has no multi-line quoted values
    (every text is one line), so after a syntax error such a value is the likely cause."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line >= error_line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.end_mark.line > token.start_mark.line):
                found = token.start_mark
    except yaml.YAMLError:
        pass
    return found


# A key written with a full-width colon (`title：…`), a full-width space around its colon
# (`title:　…`) or no space after its colon (`title:协同…`) is no key to YAML: the line is read as
# a text, and the parser gives up on the next line, which is not where the fault is.
_BAD_KEY_SEPARATOR = re.compile(r"^[ ]*(?:-[ ]+)?[^\s:：#'\"]+?(?P<bad>：|\u3000+:|:\u3000|:(?=[^\s:]))")


def _bad_key_separator(text: str, exc: yaml.MarkedYAMLError) -> Diagnostic | None:
    """The key, on the line a "could not find expected ':'" error began (or the line before a
    "mapping values are not allowed" error), whose colon is full-width, has a full-width space
    beside it or no space after it: said at that character, with the fix."""
    lines = text.split("\n")
    if exc.context_mark is not None and "simple key" in (exc.context or ""):
        at_line = exc.context_mark.line
    elif exc.problem_mark is not None and "mapping values are not allowed" in (exc.problem or ""):
        at_line = exc.problem_mark.line - 1  # `- id:m1` read as a text, then the next line's key refused
    else:
        return None
    found = _BAD_KEY_SEPARATOR.match(lines[at_line]) if 0 <= at_line < len(lines) else None
    if found is None:
        return None
    bad = found.group("bad")
    if bad == ":":
        return Diagnostic("", at_line + 1, found.start("bad") + 1, "yaml-syntax",
                          "YAML 格式错误：这一行的键后面的冒号 `:` 后面缺少空格，YAML 不把它当作键与值的分隔",
                          "在冒号后面加一个半角空格，写成 `键: 值`")
    what = "全角冒号「：」（U+FF1A）" if bad == "：" else "全角空格（U+3000）"
    at = found.start("bad") + (1 if bad.startswith(":") else 0)  # at the full-width character itself
    return Diagnostic("", at_line + 1, at + 1, "yaml-syntax",
                      f"YAML 格式错误：这一行的键后面用了{what}，YAML 不把它当作键与值的分隔",
                      "改成半角冒号加一个半角空格，写成 `键: 值`")


MERGED_KEYS = 2  # keys of a list item repeated, from its first key on, that say a `- ` was lost


def _merged_item(text: str, path: str, node: yaml.MappingNode) -> Diagnostic | None:
    """The diagnostic for a list item into which the next item was merged because the next item's
    first line lost its `- ` (`  - id: m6-2` written `    id: m6-2`): the item's own first key
    is repeated, and at least MERGED_KEYS keys from there on repeat keys before it. Said once, at the
    line where the lost item starts; None for a mapping without such a repeat."""
    keys = [key.value if isinstance(key, yaml.ScalarNode) else None for key, _ in node.value]
    if not keys or keys[0] is None:
        return None
    start = next((k for k in range(1, len(keys)) if keys[k] == keys[0]), None)
    if start is None or len(set(keys[:start])) != start:  # no repeat of the first key, or a repeat before it
        return None
    repeated = [key for key in dict.fromkeys(keys[start:]) if key in keys[:start]]
    if len(repeated) < MERGED_KEYS:
        return None
    line, col = _mark(node.value[start][0])
    first_line = node.start_mark.line + 1
    before = text.split("\n", node.start_mark.line + 1)[node.start_mark.line][:node.start_mark.column].rstrip()
    dash = f"（第 {first_line} 行的 `-` 在第 {len(before)} 列）" if before.endswith("-") else ""
    shown = "、".join(f"`{key}`" for key in repeated[:4]) + (f" 等 {len(repeated)} 个键" if len(repeated) > 4 else "")
    return Diagnostic(path, line, col, "duplicate-key",
                      f"第 {first_line} 行开始的列表项里，{shown}各出现了两次：从第 {line} 行起像是新的一项，"
                      "却被并进了上一项",
                      f"第 {line} 行前面是不是漏了列表项的 `- `？新的一项要以 `- ` 开头，与上一项的 `- ` 对齐{dash}："
                      f"写成 `- {keys[start]}: …`")


# A blank other than the ASCII space at the start of a line, after any spaces: the full-width space
# U+3000 (typed by Chinese input methods), the no-break space U+00A0 (pasted from web pages) or a
# typographic space. YAML indents with ASCII spaces only and reads such a blank as text, so the
# parser gives up on this line or a later one with a message about indentation.
_ODD_INDENT = re.compile(r"^ *(?P<odd>[^\S \t\n\r])", re.MULTILINE)
_BLANK_NAMES = {"\u3000": "全角空格「　」", "\u00a0": "不换行空格（U+00A0，多从网页复制而来）"}


def blank_name(blank: str) -> str:
    """A blank that is not an ASCII space as an editor is told it: 全角空格「　」, 不换行空格（U+00A0…）,
    or 特殊空格 with its code point."""
    return _BLANK_NAMES.get(blank, f"特殊空格（U+{ord(blank):04X}）")


def _odd_indentation(text: str, exc: yaml.MarkedYAMLError) -> Diagnostic | None:
    """The first line, up to the one where the parser gave up, indented with a blank that is not an
    ASCII space (outside any text value that runs over several lines): said at that blank."""
    mark = exc.problem_mark
    if mark is None:
        return None
    end = text.find("\n", mark.index)
    found = [m for m in _ODD_INDENT.finditer(text, 0, len(text) if end < 0 else end)]
    if not found:
        return None
    inside: list[tuple[int, int]] = []  # where the text values read before the error are
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken):
                inside.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        pass
    for m in found:
        at = m.start("odd")
        if any(start < at < stop for start, stop in inside):
            continue  # a blank inside a text written over several lines: part of the text
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        blank = m.group("odd")
        name = blank_name(blank)
        return Diagnostic("", line, col, "yaml-syntax",
                          f"YAML 格式错误：第 {line} 行用{name}缩进，YAML 不把它当作空格",
                          f"请改成半角空格：删掉这一行开头的{name.split('（')[0]}，用半角空格缩进，与同一层的其他行对齐")
    return None


def _key_column(text: str, line: int, col: int) -> int:
    """Where to point for a MISINDENTED line whose colon is at ``col``: at its key (where the line's
    text begins) when that colon ends the key, since the fault is the line's indentation (`     kind:`
    one space too far); at the colon when it stands in a value (`title: 说明: …`)."""
    row = text.split("\n")[line - 1]
    start = len(row) - len(row.lstrip(" "))
    return start + 1 if ":" not in row[start:col - 1] else col


def syntax_fault(exc: yaml.MarkedYAMLError) -> SyntaxFault:
    """The kind of syntax error ``exc`` is (the first of SYNTAX_FAULTS that matches)."""
    return next((fault for fault in SYNTAX_FAULTS if fault.matches(exc)), OTHER_SYNTAX_FAULT)


class NotLoaded(ValueError):
    """read_data could not load a text; ``diagnostics`` say why, as `check` says it."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.text() for d in diagnostics))
        self.diagnostics = diagnostics


def read_data(text: str, path: str) -> Any:
    """The plain data of ``text`` as load_yaml reads it, within the same limits (no anchors, at most
    MAX_NODES values and MAX_DEPTH levels): for a command that only needs a registry's values (`new`,
    `extract`). PyYAML's own loaders would raise RecursionError on deep nesting, or crash in C. Raises
    NotLoaded (a ValueError) with load_yaml's diagnostics."""
    loaded, problems = load_yaml(text, path)
    if loaded is None or problems:
        raise NotLoaded(problems)
    return loaded.data


def load_yaml(text: str, path: str) -> tuple[LoadedYaml | None, list[Diagnostic]]:
    """Parse ``text``; return the data with positions, or diagnostics."""
    bad_characters = character_problems(text, path)
    if bad_characters:
        return None, bad_characters
    plain = read_plainly(text)
    if plain is not None:
        return LoadedYaml(path, *plain, text=text), []
    try:
        root = _compose(text)
    except Refused as exc:
        line, col = _mark_of(exc.problem_mark)
        return None, [Diagnostic(path, line, col, exc.code, exc.problem or "", exc.hint)]
    except yaml.MarkedYAMLError as exc:
        separator = _odd_indentation(text, exc) or _bad_key_separator(text, exc)
        if separator is not None:
            return None, [replace(separator, path=path)]
        line, col, later = _position(exc)
        fault = syntax_fault(exc)
        opened = None if _left_open(exc) else _quote_running_on(text, line - 1)
        if opened is not None:
            fault, later = UNCLOSED_QUOTE, f"（到第 {line} 行才发现）"
            line, col = opened.line + 1, opened.column + 1
        elif fault is MISINDENTED:
            col = _key_column(text, line, col)
        return None, [Diagnostic(path, line, col, "yaml-syntax", f"YAML 格式错误：{fault.message}{later}", fault.hint)]
    except yaml.YAMLError:  # pragma: no cover - non-marked errors are rare
        return None, [Diagnostic(path, 1, 1, "yaml-syntax", f"YAML 格式错误：{OTHER_SYNTAX_FAULT.message}",
                                 OTHER_SYNTAX_FAULT.hint)]
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, "yaml-syntax", *TOO_DEEP)]
    loaded = LoadedYaml(path, None, text=text)
    problems: list[Diagnostic] = []
    if root is None:
        loaded.data = None
        loaded.positions[()] = (1, 1)
        return loaded, problems
    constructor = LiteralLoader("")
    # A double-quoted text can hold a character the text of the file does not (written as an escape
    # such as "\u200b") only where the file has a backslash; without one every value is made of the
    # file's characters, which were all checked above.
    escapes = "\\" in text

    def scalar(node: yaml.Node) -> Any:
        return node.value if node.tag == STR_TAG else constructor.construct_object(node)

    def refuse(node: yaml.Node, message: str, hint: str) -> None:
        line, col = _mark(node)
        problems.append(Diagnostic(path, line, col, "yaml-syntax", message, hint))

    def tagged(node: yaml.Node) -> bool:
        """Whether a node carries a tag it may not (a key's, too): said where it is."""
        if node.tag in ALLOWED_TAGS:
            return False
        refuse(node, f"这里不允许使用标签 `{node.tag}`", "只写普通的值：删掉 `!` 或 `!!` 开头的标签（日期和数字直接写出即可）")
        return True

    def build(node: yaml.Node, loc: DataPath) -> Any:
        loaded.positions[loc] = _mark(node)
        if tagged(node):
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            # an item of a list whose next item lost its `- `: one diagnostic instead of one per key
            merged = _merged_item(text, path, node) if loc and isinstance(loc[-1], int) else None
            for key_node, value_node in node.value:
                if tagged(key_node):
                    continue
                key = scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str):
                    line, col = _mark(key_node)
                    problems.append(Diagnostic(path, line, col, "yaml-key", f"键必须是普通文字，这里是 {key!r}",
                                               "把键写成一个词，例如 `title:`"))
                    continue
                if key in result:
                    if merged is None:
                        line, col = _mark(key_node)
                        first = loaded.positions[loc + (key,)]
                        problems.append(Diagnostic(
                            path, line, col, "duplicate-key",
                            f"键 `{key}` 在同一层出现了两次（第一次在第 {first[0]} 行）",
                            f"YAML 只会用后一个值：对照原文核对第 {first[0]} 行和第 {line} 行哪个值对，留下对的那个；"
                            f"如果第 {line} 行起本是列表中新的一项，是它前面漏了 `- `（新的一项以 `- ` 开头，与上一项的 `- ` 对齐）",
                        ))
                    elif merged not in problems:
                        problems.append(merged)
                    continue
                result[key] = build(value_node, loc + (key,))  # which records where the value starts
                if isinstance(value_node, (yaml.MappingNode, yaml.SequenceNode)):
                    loaded.positions[loc + (key,)] = _mark(key_node)  # a list or mapping: where its key is
            return result
        if isinstance(node, yaml.SequenceNode):
            if len(node.value) > MAX_ITEMS:
                line, col = _mark(node)
                problems.append(Diagnostic(path, line, col, "too-many-items",
                                           f"这个列表有 {len(node.value):,} 项，超过上限 {MAX_ITEMS:,} 项",
                                           "请检查是否误粘贴了大量内容，或把列表缩短"))
                return []
            return [build(item, loc + (i,)) for i, item in enumerate(node.value)]
        value = scalar(node)
        if node.end_mark.line != node.start_mark.line and node.style in FOLDING_STYLES and isinstance(value, str):
            loaded.folds[loc] = folds_of(text, node.start_mark, node.end_mark, node.style)
        if escapes and node.style == '"' and isinstance(value, str):  # only a double-quoted text has escapes
            char = forbidden_character(value)  # written as an escape such as "\u200b"
            if char is not None:
                problems.append(_char_problem(path, *_mark(node), char))
        return value

    try:
        loaded.data = build(root, ())
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, "yaml-syntax", *TOO_DEEP)]
    return loaded, problems
