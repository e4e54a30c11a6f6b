"""One record per problem an editor can cause, and the ways to print them.

Every diagnostic names a file, a line and a column, carries a stable
kebab-case code, says what is wrong in plain words and how to fix it.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

# Every code an editor can meet. The editor guide explains each one (a test checks it).
CODES = frozenset({
    "yaml-syntax", "yaml-key", "duplicate-key", "not-utf8", "wrong-type", "missing-field", "unknown-field",
    "invalid-date", "invalid-choice", "invalid-id", "invalid-number", "invalid-boolean", "empty-list",
    "invalid-value", "missing-file", "misplaced-file", "id-file-mismatch", "district-folder-mismatch", "printed-district-mismatch",
    "duplicate-id", "duplicate-entry", "ambiguous-alias",
    "separator-in-name", "unknown-district", "unknown-section", "unknown-theme", "unknown-metric",
    "unknown-department", "missing-source", "duplicate-source", "quote-not-found", "text-not-whole", "reading-unchanged",
    "unit-not-in-clause", "units-differ-from-clause",
    "project-total-mismatch", "source-name-mismatch", "unit-wrong-district", "todo",
    "implements-unknown-measure", "implements-wrong-kind", "target-unit-mismatch", "target-unit-differs-from-metric",
    "target-value-not-in-clause", "target-year-not-printed", "date-not-printed", "date-order",
    "base-year-not-printed", "comparator-contradicts-clause", "target-value-missing", "conflicting-targets",
    "duplicate-name", "date-in-future",
    "not-a-regular-file", "file-too-large", "yaml-alias", "too-many-values", "invalid-character",
    "invalid-year", "year-order", "content-file-not-allowed", "page-path-clash", "unmatched-marker", "too-many-items",
    "synonym-group-too-small", "synonym-term-too-short",
    "entry-parts-apart", "number-not-as-printed", "target-not-recorded", "not-target-not-in-text", "cumulative-not-set", "base-year-not-set",
    "fmt-comment-in-brackets",
})
SEVERITIES = ("error", "warning")  # a warning (`todo`, `target-not-recorded`, `cumulative-not-set` …) does not fail `check`; a build refuses it
SEVERITY_LABELS = {"error": "错误", "warning": "提醒"}
"""How each severity reads in the text format and in annotation titles (editors read Chinese;
`--format json` and GitHub's command name keep the English value, which machines read)."""

INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
"""Unicode categories of characters that are invisible or change what is around them: controls
(NUL, ESC, CR …), format characters (zero-width spaces and joiners, bidi overrides and isolates,
soft hyphen, BOM), private use, surrogates, line and paragraph separators."""


def invisible(char: str) -> bool:
    """Whether ``char`` is invisible or changes what is around it: a character of INVISIBLE_CATEGORIES
    or a noncharacter (U+FDD0–U+FDEF and the last two code points of every plane)."""
    point = ord(char)
    return unicodedata.category(char) in INVISIBLE_CATEGORIES or 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


def printable(text: str) -> str:
    """``text`` with every invisible or control character shown as a visible escape (``\\x1b``):
    a file name or a quoted value holding ESC could otherwise recolour or rewrite a terminal, and a
    bidi override reorder a CI log."""
    if text.isprintable():  # holds no character of INVISIBLE_CATEGORIES and no noncharacter
        return text
    return "".join(ascii(char)[1:-1] if invisible(char) else char for char in text)


def _github_property(value: str) -> str:
    # GitHub's workflow-command escaping for property values (file=…): `,` and `:` end a property.
    return (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def _github_message(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undocumented diagnostic code {self.code!r}: add it to CODES and the editor guide")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def label(self) -> str:
        """`错误[invalid-choice]`: the severity in Chinese and the code to look up in the editor guide."""
        return f"{SEVERITY_LABELS[self.severity]}[{self.code}]"

    def text(self) -> str:
        out = f"{self.path}:{self.line}:{self.col}: {self.label}: {self.message}"
        if self.hint:
            out += f"\n    建议：{self.hint}"
        return out

    def github(self) -> str:
        # A GitHub workflow command on one line: escaped so that no file name or message can end
        # it early or start a second command.
        msg = self.message + (f" 建议：{self.hint}" if self.hint else "")
        return (f"::{self.severity} file={_github_property(self.path)},line={self.line},col={self.col},"
                f"title={_github_property(self.label)}::{_github_message(msg)}")

    def printable(self) -> Diagnostic:
        """The same diagnostic with control characters made visible in every text field."""
        return replace(self, path=printable(self.path), message=printable(self.message), hint=printable(self.hint))


class DataErrors(Exception):
    """Raised when a stage found problems; carries every diagnostic at once."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(f"{len(self.diagnostics)} data error(s)")


SHOWN_PER_CODE = 20
"""Errors of one code the text format prints: 3 000 copies of one pasted entry printed 3 000 errors
(1 MB) that said one thing. The rest of that code is one line saying how many; the count after the
listing stays exact. Reminders (a draft's TODOs, whose number extract announces as the places
`check` lists) are printed whole: they are the draft's worklist. `--format json` and `github` print
every diagnostic: programs read the one, and the other's log is where a reviewer finds what GitHub's
own cap on annotations per step leaves out."""


def shown_to_a_reader(diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], dict[str, int]]:
    """What a person reads, in the terminal (the text format) or in the live preview's banner: the
    diagnostics in order but the errors of a code past the first SHOWN_PER_CODE, and how many of each
    code were left out."""
    seen: Counter[str] = Counter()
    shown = []
    for d in sorted(set(diagnostics)):
        if d.severity == "error":
            seen[d.code] += 1
            if seen[d.code] > SHOWN_PER_CODE:
                continue
        shown.append(d)
    return shown, {code: n - SHOWN_PER_CODE for code, n in sorted(seen.items()) if n > SHOWN_PER_CODE}


def left_out(code: str, count: int) -> str:
    """The sentence standing for the errors of one code left out (shown_to_a_reader)."""
    return f"另有 {count} 处同类问题（{code}）没有列出：多半是同一个原因，先改正上面列出的 {SHOWN_PER_CODE} 处再检查"


def render(diagnostics: list[Diagnostic], fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps([asdict(d.printable()) for d in sorted(set(diagnostics))], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.printable().github() for d in sorted(set(diagnostics)))
    shown, left = shown_to_a_reader(diagnostics)
    lines = [d.printable().text() for d in shown]
    notes = [left_out(code, n) + "；要列出全部，加 `--format json`" for code, n in left.items()]
    return "\n".join(lines + ([""] + notes if notes else []))
