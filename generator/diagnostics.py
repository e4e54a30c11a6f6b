"""One record per problem an editor can cause, and the ways to print them.

Every diagnostic names a file, a line and a column, carries a stable
kebab-case code, says what is wrong in plain words and how to fix it.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass


# Every code an editor can meet. The editor guide explains each one (a test checks it).
CODES = frozenset({
    "yaml-syntax", "yaml-key", "duplicate-key", "not-utf8", "wrong-type", "missing-field", "unknown-field",
    "invalid-date", "invalid-choice", "invalid-id", "invalid-number", "invalid-boolean", "empty-list",
    "invalid-value", "missing-file", "misplaced-file", "id-file-mismatch", "district-folder-mismatch",
    "duplicate-id", "ambiguous-alias", "unknown-district", "unknown-section", "unknown-theme", "unknown-metric",
    "unknown-department", "missing-source", "quote-not-found", "reading-unchanged", "unit-not-in-clause",
    "project-total-mismatch", "source-name-mismatch", "unit-wrong-district", "todo",
})
SEVERITIES = ("error", "warning")  # a warning (only `todo` so far) does not fail `check`


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

    def text(self) -> str:
        out = f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            out += f"\n    hint: {self.hint}"
        return out

    def github(self) -> str:
        # GitHub workflow command; newlines must be URL-encoded in the message.
        msg = f"[{self.code}] {self.message}" + (f" — {self.hint}" if self.hint else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.path},line={self.line},col={self.col}::{msg}"


class DataErrors(Exception):
    """Raised when a stage found problems; carries every diagnostic at once."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(f"{len(self.diagnostics)} data error(s)")


def render(diagnostics: list[Diagnostic], fmt: str = "text") -> str:
    diagnostics = sorted(set(diagnostics))
    if fmt == "json":
        return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.github() for d in diagnostics)
    return "\n".join(d.text() for d in diagnostics)
