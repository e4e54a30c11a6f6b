"""Hostile inputs: everything an editor's pull request can contain, run through the real command
line in a subprocess with a memory cap and a timeout. Each case gives the exact diagnostic lines
(without their hints) and the exit code; none may print a traceback, hang or exceed the cap.

Run: .venv/bin/pytest tests/test_hostile.py -q
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT

MEMORY_CAP = 1536 * 1024 * 1024  # 1.5 GB of address space for the whole CLI process
TIMEOUT = 120  # seconds; a normal check of the fixture takes about one on an idle machine

DOC = "site_data/documents/jiangjin/jiangjin-test.yaml"
SRC = "site_data/sources/jiangjin-test.txt"


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def errors(self) -> list[str]:
        """The first line of every diagnostic (hints are checked elsewhere)."""
        return [line for line in self.stderr.splitlines() if "error[" in line]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_cli(work: Path, *args: str) -> Result:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=work, env=env, capture_output=True,
                          timeout=TIMEOUT, preexec_fn=_limit_memory)
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def make_work(tmp_path: Path) -> Path:
    """A copy of the fixture corpus as site_data/ and a small content/ beside it."""
    work = tmp_path / "work"
    shutil.copytree(FIXTURE, work / "site_data")
    (work / "content").mkdir()
    (work / "content" / "about.md").write_text("# 关于\n\n本站说明。\n", encoding="utf-8")
    return work


# ---------------------------------------------------------------- ways to break a corpus

Setup = Callable[[Path], None]


def edit(rel: str, old: str, new: str, count: int = 1) -> Setup:
    def apply(work: Path) -> None:
        path = work / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture changed: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return apply


def write(rel: str, data: str | bytes) -> Setup:
    def apply(work: Path) -> None:
        path = work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() or path.is_symlink():
            path.unlink()
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


def transform(rel: str, fn: Callable[[bytes], bytes]) -> Setup:
    def apply(work: Path) -> None:
        path = work / rel
        path.write_bytes(fn(path.read_bytes()))
    return apply


def symlink(rel: str, target: str) -> Setup:
    """Replace ``rel`` by a link to ``target`` (absolute, or relative to the work folder)."""
    def apply(work: Path) -> None:
        path = work / rel
        if path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target if target.startswith("/") else work / target)
    return apply


def secret_link(rel: str) -> Setup:
    """Link ``rel`` to a file outside the repository whose text the corpus quotes."""
    def apply(work: Path) -> None:
        outside = work.parent / "outside-secret.txt"
        outside.write_bytes((work / SRC).read_bytes() + b"TOKEN=secret-value\n")
        path = work / rel
        path.unlink()
        path.symlink_to(outside)
    return apply


def fifo(rel: str) -> Setup:
    def apply(work: Path) -> None:
        path = work / rel
        path.unlink()
        os.mkfifo(path)
    return apply


def sparse(rel: str, size: int) -> Setup:
    """A file of ``size`` bytes (zeros; sparse on disk, so the test stays fast)."""
    def apply(work: Path) -> None:
        path = work / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.truncate(size)
    return apply


def folder(rel: str, replace: bool = False) -> Setup:
    def apply(work: Path) -> None:
        path = work / rel
        if replace:
            path.unlink()
        path.mkdir(parents=True)
    return apply


def both(*steps: Setup) -> Setup:
    def apply(work: Path) -> None:
        for step in steps:
            step(work)
    return apply


PROJECT = """
  - id: p1
    kind: project
    section: s2
    text: 建设充电桩。
    themes: [energy]
    project:
      category: 能源
      name: 充电桩
      start_year: {start}
      end_year: {end}
      period_printed: 2021-2025
      investment:
        total: "{total}"
        printed: "100"
"""


def add_project(start: str = "2021", end: str = "2025", total: str = "100") -> Setup:
    def apply(work: Path) -> None:
        path = work / DOC
        path.write_text(path.read_text(encoding="utf-8") + PROJECT.format(start=start, end=end, total=total),
                        encoding="utf-8")
    return apply


def billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def many_aliases(n: int) -> str:
    return ("departments:\n  - slug: fazhan-gaige\n    name: 发展改革委\n    full_name: 区发展和改革委员会\n"
            "    kind: 区级部门\n    aliases:\n" + "".join(f"      - 别名{i}\n" for i in range(n)))


LONG_SLUG = "a" * 260
DIGITS_400 = "9" * 400


@dataclass(frozen=True)
class Case:
    name: str
    setup: Setup
    errors: list[str]  # first line of each diagnostic, in output order
    code: int = 1
    build_too: bool = False  # these once passed `check` and crashed `build`


CASES: list[Case] = [
    # ---- item 3: files from outside the repository, links, pipes, devices, size
    Case("source-links-outside", secret_link(SRC), [
        f"{SRC}:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; it is not read",
    ]),
    Case("source-links-to-proc-environ", symlink(SRC, "/proc/self/environ"), [
        f"{SRC}:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; it is not read",
    ]),
    Case("source-links-to-dev-zero", symlink(SRC, "/dev/zero"), [
        f"{SRC}:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; it is not read",
    ]),
    Case("source-is-a-fifo", fifo(SRC), [
        f"{SRC}:1:1: error[not-a-regular-file]: this is a named pipe (FIFO), not a plain file; it is not read",
    ]),
    Case("document-links-inside-repository", both(
        write("site_data/documents/jiangjin/copy.yaml", ""),
        symlink("site_data/documents/jiangjin/copy.yaml", DOC)), [
        "site_data/documents/jiangjin/copy.yaml:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain "
        "file; it is not read",
    ]),
    Case("registry-links-to-proc-environ", symlink("site_data/themes.yaml", "/proc/self/environ"), [
        "site_data/themes.yaml:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; "
        "it is not read",
    ]),
    Case("linked-folder", symlink("site_data/documents/evil", "/etc"), [
        "site_data/documents/evil:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; "
        "it is not read",
    ]),
    Case("unused-link-in-site-data", symlink("site_data/notes.txt", "/etc/hostname"), [
        "site_data/notes.txt:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; it is not read",
    ]),
    Case("content-links-to-proc-environ", symlink("content/env.md", "/proc/self/environ"), [
        "content/env.md:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; it is not read",
    ]),
    Case("content-links-to-dev-zero", symlink("content/zero.md", "/dev/zero"), [
        "content/zero.md:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain file; it is not read",
    ]),
    Case("yaml-of-50-mb", sparse(DOC, 50 * 1024 * 1024), [
        f"{DOC}:1:1: error[file-too-large]: the file has 52,428,800 bytes, more than the limit of 5,242,880 (5 MB); "
        "it is not read",
    ]),
    Case("source-of-6-mb", sparse(SRC, 6 * 1024 * 1024), [
        f"{SRC}:1:1: error[file-too-large]: the file has 6,291,456 bytes, more than the limit of 5,242,880 (5 MB); "
        "it is not read",
    ]),
    Case("content-of-50-mb", sparse("content/big.md", 50 * 1024 * 1024), [
        "content/big.md:1:1: error[file-too-large]: the file has 52,428,800 bytes, more than the limit of 5,242,880 "
        "(5 MB); it is not read",
    ]),
    # ---- item 5: what once crashed after a passing check, or crashed check itself
    Case("document-id-of-260-characters", both(
        edit(DOC, "id: jiangjin-test", f"id: {LONG_SLUG}"),
        lambda w: (w / DOC).rename(w / f"site_data/documents/jiangjin/{LONG_SLUG[:200]}.yaml")), [
        f"site_data/documents/jiangjin/{LONG_SLUG[:200]}.yaml:1:5: error[invalid-id]: `id` is longer than 64 "
        "characters",
    ], build_too=True),
    Case("district-slug-of-260-characters", edit("site_data/districts.yaml", "slug: jiangjin", f"slug: {LONG_SLUG}"), [
        "site_data/districts.yaml:2:11: error[invalid-id]: districts entry "
        f"{LONG_SLUG}: `slug` is longer than 64 characters",
    ], build_too=True),
    Case("target-value-of-400-digits", edit(DOC, 'value: "16"', f'value: "{DIGITS_400}"'), [
        f"{DOC}:35:16: error[invalid-value]: measure goal: `targets#1.value`: `99999999999999999999…` has more than 12 "
        "digits before or 6 after the point; check the number",
    ], build_too=True),
    Case("content-takes-a-generated-name", write("content/data.md", "# 数据\n"), [
        "content/data.md:1:1: error[page-path-clash]: content/data.md would take the place of the generated "
        "`data.md` page of the site",
    ], build_too=True),
    Case("content-takes-a-generated-folder", write("content/districts/jiangjin.md", "# 江津\n"), [
        "content/districts/jiangjin.md:1:1: error[page-path-clash]: content/districts/jiangjin.md would take the "
        "place of the generated `districts` page of the site",
    ], build_too=True),
    Case("folder-named-like-a-document", folder("site_data/documents/jiangjin/x.yaml"), [
        "site_data/documents/jiangjin/x.yaml:1:1: error[misplaced-file]: a folder inside a district folder is not "
        "read (documents are files there)",
    ]),
    Case("dangling-link", symlink("site_data/documents/jiangjin/ghost.yaml", "/nonexistent/ghost.yaml"), [
        "site_data/documents/jiangjin/ghost.yaml:1:1: error[not-a-regular-file]: this is a symbolic link, not a plain "
        "file; it is not read",
    ]),
    Case("registry-is-a-folder", folder("site_data/themes.yaml", replace=True), [
        "site_data/themes.yaml:1:1: error[not-a-regular-file]: this is a folder, not a plain file; it is not read",
    ]),
    Case("data-folder-missing", lambda w: shutil.rmtree(w / "site_data"), [
        "site_data:1:1: error[missing-file]: the data folder does not exist",
    ]),
    # ---- item 6: unbounded work
    Case("billion-laughs", write("site_data/themes.yaml", billion_laughs()), [
        "site_data/themes.yaml:1:5: error[yaml-alias]: anchors (`&name`) and aliases (`*name`) are not allowed",
    ]),
    Case("alias-used-once", edit(DOC, "    themes: [transport, energy]", "    themes: &t [transport, energy]"), [
        f"{DOC}:61:13: error[yaml-alias]: anchors (`&name`) and aliases (`*name`) are not allowed",
    ]),
    Case("list-of-6000-aliases", write("site_data/departments.yaml", many_aliases(6000)), [
        "site_data/departments.yaml:7:7: error[too-many-items]: the list has 6,000 entries, more than 5,000",
    ]),
    Case("list-of-600000-aliases", write("site_data/departments.yaml", many_aliases(600_000)), [
        "site_data/departments.yaml:1:1: error[file-too-large]: the file has 12,489,031 bytes, more than the limit "
        "of 5,242,880 (5 MB); it is not read",
    ]),
    Case("file-of-120000-values", write("site_data/departments.yaml", many_aliases(120_000)), [
        "site_data/departments.yaml:99993:9: error[too-many-values]: the file holds more than 100,000 values",
    ]),
    # ---- item 7: quieter faults
    Case("year-with-leading-zeros", edit(DOC, "base_year: 2020", "base_year: 0012"), [
        f"{DOC}:38:20: error[invalid-year]: measure goal: `targets#1.base_year` must be a year of four digits such "
        "as 2025, found '0012'",
    ]),
    Case("year-99999", edit(DOC, "target_year: 2025", "target_year: 99999"), [
        f"{DOC}:39:22: error[invalid-year]: measure goal: `targets#1.target_year` must be a year of four digits such "
        "as 2025, found '99999'",
    ]),
    Case("year-before-1949", edit(DOC, "base_year: 2020", "base_year: 1900"), [
        f"{DOC}:38:20: error[invalid-year]: measure goal: `targets#1.base_year` the year 1900 is outside 1949–2100",
    ]),
    Case("date-zero", edit(DOC, "written: 2022-04-16", "written: 0"), [
        f"{DOC}:10:12: error[invalid-date]: `dates.written` must be a date written as YYYY-MM-DD, found '0'",
    ]),
    Case("date-year-one", edit(DOC, "last_verified: 2026-11-22", "last_verified: 0001-01-01"), [
        f"{DOC}:16:16: error[invalid-date]: `last_verified` the date 0001-01-01 is outside the years 1949–2100",
    ]),
    Case("negative-money", add_project(total="-100"), [
        f"{DOC}:75:16: error[invalid-value]: measure p1: `project.investment.total`: `-100` is negative; an amount "
        "of money is never below zero",
    ]),
    Case("start-year-after-end-year", add_project(start="2026", end="2025"), [
        f"{DOC}:72:17: error[year-order]: measure p1: start_year 2026 is after end_year 2025",
    ]),
    Case("nul-in-text", edit(DOC, "title: 行动目标。", "title: 行动\x00目标。"), [
        f"{DOC}:29:14: error[invalid-character]: the invisible or control character U+0000 is not allowed in text",
    ]),
    Case("bidi-override-in-district-name", edit("site_data/districts.yaml", "name: 江津区", "name: 江津\u202e区"), [
        "site_data/districts.yaml:3:13: error[invalid-character]: the invisible or control character U+202E is not "
        "allowed in text",
    ]),
    Case("zero-width-space-in-alias", edit("site_data/departments.yaml", "[区发展改革委, 区发改委]",
                                           "[区发展改革委, 区发展改革委\u200b]"), [
        "site_data/departments.yaml:6:29: error[invalid-character]: the invisible or control character U+200B is "
        "not allowed in text",
    ]),
    Case("zero-width-joiner-in-id", edit(DOC, "  - id: m1\n", "  - id: m\u200d1\n"), [
        f"{DOC}:40:10: error[invalid-character]: the invisible or control character U+200D is not allowed in text",
    ]),
    Case("escaped-zero-width-space", edit(DOC, "title: 协同开发油气资源。", 'title: "协同\\u200b开发油气资源。"'), [
        f"{DOC}:44:12: error[invalid-character]: the invisible or control character U+200B is not allowed in text",
    ]),
    Case("terminal-escape-in-text", edit(DOC, "title: 测试区行动方案", "title: 测试\x1b[2J区行动方案"), [
        f"{DOC}:3:10: error[invalid-character]: the invisible or control character U+001B is not allowed in text",
    ]),
    Case("bidi-isolate-in-source", transform(SRC, lambda b: b + "附\u2066注\n".encode()), [
        f"{SRC}:8:2: error[invalid-character]: the invisible or control character U+2066 is not allowed in text",
    ]),
    Case("terminal-escape-in-file-name", write("site_data/documents/jiangjin/a\x1b[2Jb.txt", "x"), [
        "site_data/documents/jiangjin/a\\x1b[2Jb.txt:1:1: error[misplaced-file]: a document file must be "
        "site_data/documents/<district>/<id>.yaml; this file is not read",
    ]),
    Case("measure-id-of-the-search-page", edit(DOC, "  - id: m1\n", "  - id: cs-page\n"), [
        f"{DOC}:40:9: error[invalid-value]: measure cs-page: `id`: ids starting with `cs-` are reserved for the "
        "site's search; choose another id",
    ]),
    Case("unclosed-quote-points-at-the-quote", edit(DOC, "    themes: [transport, energy]", '    themes: "transport'), [
        f"{DOC}:61:13: error[yaml-syntax]: the file is not valid YAML: while scanning a quoted scalar, found "
        "unexpected end of stream (noticed at line 62)",
    ]),
    Case("unclosed-quote-in-a-block", edit(DOC, "title: 测试区行动方案", 'title: "测试区行动方案'), [
        f"{DOC}:35:17: error[yaml-syntax]: the file is not valid YAML: expected <block end>, but found '<scalar>'",
    ]),
    # ---- the usual ones
    Case("malformed-yaml", edit(DOC, "title: 测试区行动方案", "title: [测试区行动方案"), [
        f"{DOC}:3:8: error[yaml-syntax]: the file is not valid YAML: while parsing a flow sequence, expected ',' or "
        "']', but got ':' (noticed at line 4)",
    ]),
    Case("tab-indentation", edit(DOC, "  written: 2022-04-16", "\twritten: 2022-04-16"), [
        f"{DOC}:10:1: error[yaml-syntax]: the file is not valid YAML: a tab is used for indentation or before a "
        "value; YAML allows spaces only there",
    ]),
    Case("duplicate-key", edit(DOC, "kind: 行动方案\n", "kind: 行动方案\nkind: 规划\n"), [
        f"{DOC}:8:1: error[duplicate-key]: the key `kind` appears twice in the same mapping (first at line 7)",
    ]),
    Case("unknown-field", edit(DOC, "short_title:", "shorttitle:"), [
        f"{DOC}:1:1: error[missing-field]: the required field `short_title` is missing",
        f"{DOC}:4:13: error[unknown-field]: `shorttitle` is not a known field here",
    ]),
    Case("coercible-boolean", edit(DOC, "joint_etc: true", "joint_etc: yes"), [
        f"{DOC}:60:18: error[invalid-boolean]: measure m2: `responsibility.joint_etc` must be true or false, "
        "found 'yes'",
    ]),
    Case("coercible-boolean-one", edit(DOC, "joint_etc: true", "joint_etc: 1"), [
        f"{DOC}:60:18: error[invalid-boolean]: measure m2: `responsibility.joint_etc` must be true or false, "
        "found '1'",
    ]),
    Case("coercible-year-float", edit(DOC, "target_year: 2025", "target_year: 2025.0"), [
        f"{DOC}:39:22: error[invalid-year]: measure goal: `targets#1.target_year` must be a year of four digits such "
        "as 2025, found '2025.0'",
    ]),
    Case("coercible-number-exponent", edit(DOC, 'value: "16"', "value: 1.6e1"), [
        f"{DOC}:35:16: error[invalid-value]: measure goal: `targets#1.value`: `1.6e1` is not a plain decimal number; "
        "write digits such as 16 or 0.56",
    ]),
    Case("unsafe-id-path", edit(DOC, "  - id: m1\n", "  - id: ../../etc\n"), [
        f"{DOC}:40:9: error[invalid-id]: measure ../../etc: `id` must be a lowercase id such as `m7` or "
        "`jiangjin-2022-57`, found '../../etc'",
    ]),
    Case("unsafe-id-markup", edit("site_data/themes.yaml", "slug: energy", 'slug: "<b>energy"'), [
        "site_data/themes.yaml:2:11: error[invalid-id]: themes entry <b>energy: `slug` must be a lowercase id such as "
        "`m7` or `jiangjin-2022-57`, found '<b>energy'",
    ]),
    Case("dangling-theme", edit(DOC, "    themes: [transport, energy]", "    themes: [transport, energie]"), [
        f"{DOC}:61:25: error[unknown-theme]: measure m2: theme `energie` is not in themes.yaml",
    ]),
    Case("dangling-department", edit(DOC, "      joint: [区交通局, 区发改委]", "      joint: [区交通局, 区发改]"), [
        f"{DOC}:59:21: error[unknown-department]: measure m2: the unit `区发改` is not an alias of any department",
    ]),
    Case("dangling-section", edit(DOC, "    section: s2\n", "    section: s9\n"), [
        f"{DOC}:42:14: error[unknown-section]: measure m1: section `s9` is not in this document's outline",
    ]),
    Case("gbk-yaml", transform(DOC, lambda b: b.decode("utf-8").encode("gbk")), [
        f"{DOC}:3:8: error[not-utf8]: the file is not UTF-8 text (byte 44, 0xb2); it may be saved as GBK",
    ]),
    Case("gbk-source", transform(SRC, lambda b: b.decode("utf-8").encode("gbk")), [
        f"{SRC}:1:1: error[not-utf8]: the source text is not UTF-8 text (byte 0, 0xb2); it may be saved as GBK",
    ]),
    Case("bom-yaml-is-accepted", transform(DOC, lambda b: b"\xef\xbb\xbf" + b), [], code=0),
    Case("bom-source-is-accepted", transform(SRC, lambda b: b"\xef\xbb\xbf" + b), [], code=0),
    Case("crlf-yaml-is-accepted", transform(DOC, lambda b: b.replace(b"\n", b"\r\n")), [], code=0),
    Case("crlf-source-is-accepted", transform(SRC, lambda b: b.replace(b"\n", b"\r\n")), [], code=0),
    Case("bom-in-the-middle", edit(DOC, "title: 测试区行动方案", "title: 测试\ufeff区行动方案"), [
        f"{DOC}:3:10: error[invalid-character]: the invisible or control character U+FEFF is not allowed in text",
    ]),
    Case("binary-yaml", write(DOC, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), [
        f"{DOC}:1:1: error[not-utf8]: the file is not UTF-8 text (byte 0, 0x89); it may be saved as GBK",
    ]),
    Case("binary-that-is-utf8", write(DOC, b"id: x\x00\x01\x02\n"), [
        f"{DOC}:1:6: error[invalid-character]: the invisible or control character U+0000 is not allowed in text",
        f"{DOC}:1:7: error[invalid-character]: the invisible or control character U+0001 is not allowed in text",
        f"{DOC}:1:8: error[invalid-character]: the invisible or control character U+0002 is not allowed in text",
    ]),
    Case("twelve-control-characters", write(DOC, "id: x" + "\x01" * 12 + "\n"), [
        f"{DOC}:1:{col}: error[invalid-character]: the invisible or control character U+0001 is not allowed in text"
        for col in range(6, 15)
    ] + [
        f"{DOC}:1:15: error[invalid-character]: the invisible or control character U+0001 is not allowed in text "
        "(2 more in this file)",
    ]),
    Case("empty-yaml", write(DOC, ""), [
        f"{DOC}:1:1: error[wrong-type]: the file must be a mapping of fields (key: value lines)",
    ]),
    Case("yaml-that-is-a-list", write(DOC, "- id: x\n"), [
        f"{DOC}:1:1: error[wrong-type]: the file must be a mapping of fields (key: value lines)",
    ]),
    Case("deep-nesting", write(DOC, "a: " + "[" * 5000 + "]" * 5000 + "\n"), [
        f"{DOC}:1:1: error[yaml-syntax]: the file nests lists or mappings too deeply",
    ]),
    Case("yaml-tag", edit(DOC, "written: 2022-04-16", "written: !!timestamp 2022-04-16"), [
        f"{DOC}:10:12: error[yaml-syntax]: the tag `tag:yaml.org,2002:timestamp` is not allowed here",
    ]),
    Case("python-tag", write("site_data/themes.yaml", "themes: !!python/object/apply:os.system ['id']\n"), [
        "site_data/themes.yaml:1:9: error[yaml-syntax]: the tag `tag:yaml.org,2002:python/object/apply:os.system` "
        "is not allowed here",
    ]),
    Case("content-html", write("content/page.html", "<script>alert(1)</script>"), [
        "content/page.html:1:1: error[content-file-not-allowed]: `page.html` is not a Markdown page or an image; "
        "content/ publishes files as they are, so only .md, .png, .jpg, .jpeg, .gif and .webp are allowed",
    ]),
    Case("content-svg", write("content/logo.svg", "<svg onload='alert(1)'/>"), [
        "content/logo.svg:1:1: error[content-file-not-allowed]: `logo.svg` is not a Markdown page or an image; "
        "content/ publishes files as they are, so only .md, .png, .jpg, .jpeg, .gif and .webp are allowed",
    ]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_gives_exact_diagnostics(tmp_path, case: Case):
    work = make_work(tmp_path)
    case.setup(work)
    result = run_cli(work, "check")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.errors == case.errors, result.stderr[-3000:]
    assert result.code == case.code, result.stderr[-3000:]
    if case.code == 1:
        assert result.stderr.rstrip().endswith(f"{len(case.errors)} problem(s) found; nothing was written.")
    if case.build_too:
        built = run_cli(work, "build", "--out", "out")
        assert "Traceback" not in built.stderr
        assert (built.code, built.errors) == (1, case.errors)
        assert not (work / "out").exists()


def test_github_format_cannot_be_forged_by_a_file_name(tmp_path):
    """A file name holding `,`, `::` and a line break stays inside its own annotation."""
    work = make_work(tmp_path)
    name = "x,line=1::error file=forged.yaml::forged\nz.txt"
    write(f"site_data/documents/jiangjin/{name}", "x")(work)
    result = run_cli(work, "check", "--format", "github")
    assert result.code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("::")]
    assert lines == [
        "::error file=site_data/documents/jiangjin/x%2Cline=1%3A%3Aerror file=forged.yaml%3A%3Aforged\\nz.txt,"
        "line=1,col=1::[misplaced-file] a document file must be site_data/documents/<district>/<id>.yaml; this file "
        "is not read — move it to site_data/documents/<district>/x,line=1::error file=forged.yaml::forged\\nz.yaml "
        "(extension .yaml)",
    ]


def test_github_message_escapes_percent_and_line_breaks():
    from generator.diagnostics import Diagnostic

    d = Diagnostic("a%b.yaml", 1, 2, "yaml-syntax", "100% wrong\r\nsecond", "hint")
    assert d.github() == "::error file=a%25b.yaml,line=1,col=2::[yaml-syntax] 100%25 wrong%0D%0Asecond — hint"


def test_every_output_format_shows_control_characters_escaped(tmp_path):
    work = make_work(tmp_path)
    write("site_data/documents/jiangjin/a\x1b]0;owned\x07b\u202e.txt", "x")(work)
    for fmt in ("text", "github", "json"):
        result = run_cli(work, "check", "--format", fmt)
        assert result.code == 1
        assert not any(c in result.stderr for c in "\x1b\x07\u202e"), fmt
        assert "\\x1b]0;owned\\x07b\\u202e" in result.stderr.replace("\\\\", "\\"), fmt


def test_content_names_reserved_are_the_names_the_build_writes(tmp_path):
    """The list of names content/ may not take is exactly what the generator writes at the top."""
    from generator.load import GENERATED_NAMES
    from generator.pipeline import index_data, render_tree

    tree = render_tree(index_data(FIXTURE), tmp_path)  # an empty content folder
    assert {rel.split("/")[0] for rel, _ in tree.items()} == GENERATED_NAMES


def test_fifo_is_never_opened_for_reading(tmp_path):
    """A pipe with no writer would block a plain open() forever; check returns at once instead."""
    work = make_work(tmp_path)
    os.mkfifo(work / "content" / "pipe.md")
    result = run_cli(work, "check")
    assert result.errors == [
        "content/pipe.md:1:1: error[not-a-regular-file]: this is a named pipe (FIFO), not a plain file; it is not read"
    ]


def test_two_pages_on_one_path_are_a_diagnostic_not_a_traceback(tmp_path, monkeypatch):
    """Whatever ids make two pages share a file name, the build reports it and writes nothing."""
    from generator.diagnostics import DataErrors
    from generator.pages import home
    from generator.pipeline import build_site

    real = home.pages
    monkeypatch.setattr(home, "pages", lambda index: real(index) * 2)  # the home page twice
    with pytest.raises(DataErrors) as exc:
        build_site(FIXTURE, tmp_path / "content", tmp_path / "out")
    (d,) = exc.value.diagnostics
    assert (d.code, d.line, d.col) == ("page-path-clash", 1, 1)
    assert d.message == "two pages want the same path: index.md"
    assert not (tmp_path / "out").exists()
