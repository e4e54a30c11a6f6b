"""Hostile inputs: everything an editor's pull request can contain, run through the real command
line in a subprocess with a memory cap and a timeout. Each case gives the exact diagnostic lines
(without their hints) and the exit code; none may print a traceback, hang or exceed the cap.

Run: .venv/bin/pytest tests/test_hostile.py -q
"""
from __future__ import annotations

import os
import re
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
HINT = "    建议："
CJK = re.compile("[\u4e00-\u9fff]")  # a Chinese character
SRC = "site_data/sources/jiangjin-test.txt"
TOO_DEEP = "列表或映射嵌套的层数太多（到这里已超过 100 层）"


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def errors(self) -> list[str]:
        """The first line of every diagnostic."""
        return [line for line in self.stderr.splitlines() if "错误[" in line]

    @property
    def hints(self) -> list[str]:
        """The hint line of every diagnostic, without its label."""
        return [line.removeprefix(HINT) for line in self.stderr.splitlines() if line.startswith(HINT)]


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
        "site_data/sources/jiangjin-test.txt:1:1: 错误[not-a-regular-file]:"
        " 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("source-links-to-proc-environ", symlink(SRC, "/proc/self/environ"), [
        "site_data/sources/jiangjin-test.txt:1:1: 错误[not-a-regular-file]:"
        " 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("source-links-to-dev-zero", symlink(SRC, "/dev/zero"), [
        "site_data/sources/jiangjin-test.txt:1:1: 错误[not-a-regular-file]:"
        " 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("source-is-a-fifo", fifo(SRC), [
        "site_data/sources/jiangjin-test.txt:1:1: 错误[not-a-regular-file]:"
        " 这是命名管道（FIFO），不是普通文件，不会被读取",
    ]),
    Case("document-links-inside-repository", both(
        write("site_data/documents/jiangjin/copy.yaml", ""),
        symlink("site_data/documents/jiangjin/copy.yaml", DOC)), [
            "site_data/documents/jiangjin/copy.yaml:1:1: 错误[not-a-regular-file]:"
            " 这是符号链接，不是普通文件，不会被读取",
        ]),
    Case("registry-links-to-proc-environ", symlink("site_data/themes.yaml", "/proc/self/environ"), [
        "site_data/themes.yaml:1:1: 错误[not-a-regular-file]: 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("linked-folder", symlink("site_data/documents/evil", "/etc"), [
        "site_data/documents/evil:1:1: 错误[not-a-regular-file]: 这是符号链接，不是普通文件，"
        "不会被读取",
    ]),
    Case("unused-link-in-site-data", symlink("site_data/notes.txt", "/etc/hostname"), [
        "site_data/notes.txt:1:1: 错误[not-a-regular-file]: 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("content-links-to-proc-environ", symlink("content/env.md", "/proc/self/environ"), [
        "content/env.md:1:1: 错误[not-a-regular-file]: 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("content-links-to-dev-zero", symlink("content/zero.md", "/dev/zero"), [
        "content/zero.md:1:1: 错误[not-a-regular-file]: 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("yaml-of-50-mb", sparse(DOC, 50 * 1024 * 1024), [
        f"{DOC}:1:1: 错误[file-too-large]: 文件有 52,428,800 字节，超过上限 5,242,880 字节（5"
        " MB），不会被读取",
    ]),
    Case("source-of-6-mb", sparse(SRC, 6 * 1024 * 1024), [
        "site_data/sources/jiangjin-test.txt:1:1: 错误[file-too-large]: 文件有"
        " 6,291,456 字节，超过上限 5,242,880 字节（5 MB），不会被读取",
    ]),
    Case("content-of-50-mb", sparse("content/big.md", 50 * 1024 * 1024), [
        "content/big.md:1:1: 错误[file-too-large]: 文件有 52,428,800 字节，超过上限"
        " 5,242,880 字节（5 MB），不会被读取",
    ]),
    # ---- item 5: what once crashed after a passing check, or crashed check itself
    Case("document-id-of-260-characters", both(
        edit(DOC, "id: jiangjin-test", f"id: {LONG_SLUG}"),
        lambda w: (w / DOC).rename(w / f"site_data/documents/jiangjin/{LONG_SLUG[:200]}.yaml")), [
            f"site_data/documents/jiangjin/{LONG_SLUG[:200]}.yaml:1:5: 错误[invalid-id]: 字段 `id`（文件编号）超过 64 个字符",
        ], build_too=True),
    Case("district-slug-of-260-characters", edit("site_data/districts.yaml", "slug: jiangjin", f"slug: {LONG_SLUG}"), [
        "site_data/districts.yaml:2:11: 错误[invalid-id]: districts 中的"
        f" {LONG_SLUG}："
        "字段 `slug`（拼音编号）超过 64 个字符",
    ], build_too=True),
    Case("target-value-of-400-digits", edit(DOC, 'value: "16"', f'value: "{DIGITS_400}"'), [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）："
        "`99999999999999999999…` 的整数部分超过 12 位或小数部分超过 6 位；请核对这个数字",
    ], build_too=True),
    Case("content-takes-a-generated-name", write("content/data.md", "# 数据\n"), [
        "content/data.md:1:1: 错误[page-path-clash]: content/data.md 会占用网站自动生成的"
        " `data.md` 页面的位置",
    ], build_too=True),
    Case("content-takes-a-generated-folder", write("content/districts/jiangjin.md", "# 江津\n"), [
        "content/districts/jiangjin.md:1:1: 错误[page-path-clash]:"
        " content/districts/jiangjin.md 会占用网站自动生成的 `districts` 页面的位置",
    ], build_too=True),
    Case("folder-named-like-a-document", folder("site_data/documents/jiangjin/x.yaml"), [
        "site_data/documents/jiangjin/x.yaml:1:1: 错误[misplaced-file]:"
        " 区县文件夹里的子文件夹不会被读取（政策文件直接放在区县文件夹里）",
    ]),
    Case("dangling-link", symlink("site_data/documents/jiangjin/ghost.yaml", "/nonexistent/ghost.yaml"), [
        "site_data/documents/jiangjin/ghost.yaml:1:1: 错误[not-a-regular-file]:"
        " 这是符号链接，不是普通文件，不会被读取",
    ]),
    Case("registry-is-a-folder", folder("site_data/themes.yaml", replace=True), [
        "site_data/themes.yaml:1:1: 错误[not-a-regular-file]: 这是文件夹，不是普通文件，不会被读取",
    ]),
    Case("data-folder-missing", lambda w: shutil.rmtree(w / "site_data"), [
        "site_data:1:1: 错误[missing-file]: 数据文件夹不存在",
    ]),
    # ---- item 6: unbounded work
    Case("billion-laughs", write("site_data/themes.yaml", billion_laughs()), [
        "site_data/themes.yaml:1:5: 错误[yaml-alias]: 不允许使用锚点（`&名称`）和别名（`*名称`）",
    ]),
    Case("alias-used-once", edit(DOC, "    themes: [transport, energy]", "    themes: &t [transport, energy]"), [
        f"{DOC}:61:13: 错误[yaml-alias]: 不允许使用锚点（`&名称`）和别名（`*名称`）",
    ]),
    Case("list-of-6000-aliases", write("site_data/departments.yaml", many_aliases(6000)), [
        "site_data/departments.yaml:7:7: 错误[too-many-items]: 这个列表有 6,000 项，超过上限"
        " 5,000 项",
    ]),
    Case("list-of-600000-aliases", write("site_data/departments.yaml", many_aliases(600_000)), [
        "site_data/departments.yaml:1:1: 错误[file-too-large]: 文件有 12,489,031 字节，"
        "超过上限 5,242,880 字节（5 MB），不会被读取",
    ]),
    Case("file-of-120000-values", write("site_data/departments.yaml", many_aliases(120_000)), [
        "site_data/departments.yaml:99993:9: 错误[too-many-values]: 文件中的值超过"
        " 100,000 个",
    ]),
    # ---- item 7: quieter faults
    Case("year-with-leading-zeros", edit(DOC, "base_year: 2020", "base_year: 0012"), [
        f"{DOC}:38:20: 错误[invalid-year]: 条目 goal：字段 `targets#1.base_year`（变化的基准年）应是四位数的年份，"
        "如 2025，这里是 '0012'",
    ]),
    Case("year-99999", edit(DOC, "target_year: 2025", "target_year: 99999"), [
        f"{DOC}:39:22: 错误[invalid-year]: 条目 goal：字段 `targets#1.target_year`（目标的年份）"
        "应是四位数的年份，如 2025，这里是 '99999'",
    ]),
    Case("year-before-1949", edit(DOC, "base_year: 2020", "base_year: 1900"), [
        f"{DOC}:38:20: 错误[invalid-year]: 条目 goal：字段 `targets#1.base_year`（变化的基准年）年份 1900"
        " 不在 1949–2100 之间",
    ]),
    Case("date-zero", edit(DOC, "written: null", "written: 0"), [
        f"{DOC}:10:12: 错误[invalid-date]: 字段 `dates.written`（成文日期）应是 YYYY-MM-DD 格式的日期，这里是"
        " '0'",
    ]),
    Case("date-year-one", edit(DOC, "last_verified: 2026-11-22", "last_verified: 0001-01-01"), [
        f"{DOC}:16:16: 错误[invalid-date]: 字段 `last_verified`（核对日期）日期 0001-01-01 不在"
        " 1949–2100 年之间",
    ]),
    Case("negative-money", add_project(total="-100"), [
        f"{DOC}:75:16: 错误[invalid-value]: 条目 p1：字段 `project.investment.total`（总投资）："
        "`-100` 是负数；金额不会小于零",
    ]),
    Case("start-year-after-end-year", add_project(start="2026", end="2025"), [
        f"{DOC}:72:17: 错误[year-order]: 条目 p1：起始年 start_year 2026 晚于结束年 end_year"
        " 2025",
    ]),
    Case("nul-in-text", edit(DOC, "title: 行动目标。", "title: 行动\x00目标。"), [
        f"{DOC}:29:14: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0000，不允许使用",
    ]),
    Case("bidi-override-in-district-name", edit("site_data/districts.yaml", "name: 江津区", "name: 江津\u202e区"), [
        "site_data/districts.yaml:3:13: 错误[invalid-character]: 文字中有看不见的字符或控制字符"
        " U+202E，不允许使用",
    ]),
    Case("zero-width-space-in-alias", edit("site_data/departments.yaml", "[区发展改革委, 区发改委]",
                                           "[区发展改革委, 区发展改革委\u200b]"), [
        "site_data/departments.yaml:6:29: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+200B，不允许使用",
    ]),
    Case("zero-width-joiner-in-id", edit(DOC, "  - id: m1\n", "  - id: m\u200d1\n"), [
        f"{DOC}:40:10: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+200D，不允许使用",
    ]),
    Case("escaped-zero-width-space", edit(DOC, "title: 协同开发油气资源。", 'title: "协同\\u200b开发油气资源。"'), [
        f"{DOC}:44:12: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+200B，不允许使用",
    ]),
    Case("terminal-escape-in-text", edit(DOC, "title: 测试区行动方案", "title: 测试\x1b[2J区行动方案"), [
        f"{DOC}:3:10: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+001B，不允许使用",
    ]),
    Case("bidi-isolate-in-source", transform(SRC, lambda b: b + "附\u2066注\n".encode()), [
        "site_data/sources/jiangjin-test.txt:8:2: 错误[invalid-character]:"
        " 文字中有看不见的字符或控制字符 U+2066，不允许使用",
    ]),
    Case("terminal-escape-in-file-name", write("site_data/documents/jiangjin/a\x1b[2Jb.txt", "x"), [
        "site_data/documents/jiangjin/a\\x1b[2Jb.txt:1:1: 错误[misplaced-file]:"
        " `a\\x1b[2Jb.txt` 是纯文本文件，不是政策文件的 YAML：site_data/documents/ 的区县文件夹中只放政策文件的 YAML"
        "（<编号>.yaml），其他文件不会被读取",
    ]),
    Case("measure-id-of-the-search-page", edit(DOC, "  - id: m1\n", "  - id: cs-page\n"), [
        f"{DOC}:40:9: 错误[invalid-value]: 条目 cs-page：字段 `id`（文件内稳定的编号）：以 `cs-` 开头的编号是网站搜索专用的；"
        "请换一个编号",
    ]),
    Case("unclosed-quote-points-at-the-quote", edit(DOC, "    themes: [transport, energy]", '    themes: "transport'), [
        f"{DOC}:61:13: 错误[yaml-syntax]: YAML 格式错误：这里开始的引号没有闭合（到第 62 行才发现）",
    ]),
    Case("unclosed-quote-in-a-block", edit(DOC, "title: 测试区行动方案", 'title: "测试区行动方案'), [
        f"{DOC}:3:8: 错误[yaml-syntax]: YAML 格式错误：这里开始的引号没有闭合（到第 35 行才发现）",
    ]),
    # ---- the usual ones
    Case("malformed-yaml", edit(DOC, "title: 测试区行动方案", "title: [测试区行动方案"), [
        f"{DOC}:3:8: 错误[yaml-syntax]: YAML 格式错误：以 `[` 开始的列表没有闭合，或列表项之间缺少逗号（到第 4"
        " 行才发现）",
    ]),
    Case("colon-without-space", edit(DOC, "    title: 协同开发油气资源。", "    title:协同开发油气资源。"), [
        f"{DOC}:44:10: 错误[yaml-syntax]: YAML 格式错误：这一行的键后面的冒号 `:` 后面缺少空格，YAML 不把它当作键与值的分隔",
    ]),
    Case("comparator-typed-in-ascii", edit(DOC, "comparator: ≥", "comparator: >="), [
        f"{DOC}:37:22: 错误[yaml-syntax]: YAML 格式错误：值以 `>` 或 `|` 开头，YAML 把它们当作多行文字的标记",
    ]),
    Case("theme-written-as-its-chinese-name", edit(DOC, "    themes: [transport, energy]", "    themes: [transport, 能源]"), [
        f"{DOC}:61:25: 错误[invalid-id]: 条目 m2：字段 `themes#2`（主题）要写主题的英文编号，不写中文名称，这里是 '能源'",
    ]),
    Case("tab-indentation", edit(DOC, "  written: null", "\twritten: null"), [
        f"{DOC}:10:1: 错误[yaml-syntax]: YAML 格式错误：缩进或值的前面用了制表符（Tab）；YAML"
        " 在这些位置只允许空格",
    ]),
    Case("duplicate-key", edit(DOC, "kind: 行动方案\n", "kind: 行动方案\nkind: 规划\n"), [
        f"{DOC}:8:1: 错误[duplicate-key]: 键 `kind` 在同一层出现了两次（第一次在第 7 行）",
    ]),
    Case("unknown-field", edit(DOC, "short_title:", "shorttitle:"), [
        f"{DOC}:4:13: 错误[unknown-field]: 这里没有 `shorttitle` 这个字段",
    ]),
    Case("coercible-boolean", edit(DOC, "joint_etc: true", "joint_etc: yes"), [
        f"{DOC}:60:18: 错误[invalid-boolean]: 条目 m2：字段 `responsibility.joint_etc`（共同负责单位后有“等”）只能是"
        " true 或 false，这里是 'yes'",
    ]),
    Case("coercible-boolean-one", edit(DOC, "joint_etc: true", "joint_etc: 1"), [
        f"{DOC}:60:18: 错误[invalid-boolean]: 条目 m2：字段 `responsibility.joint_etc`（共同负责单位后有“等”）只能是"
        " true 或 false，这里是 '1'",
    ]),
    Case("coercible-year-float", edit(DOC, "target_year: 2025", "target_year: 2025.0"), [
        f"{DOC}:39:22: 错误[invalid-year]: 条目 goal：字段 `targets#1.target_year`（目标的年份）"
        "应是四位数的年份，如 2025，这里是 '2025.0'",
    ]),
    Case("coercible-number-exponent", edit(DOC, 'value: "16"', "value: 1.6e1"), [
        f"{DOC}:35:16: 错误[invalid-value]: 条目 goal：字段 `targets#1.value`（目标数值）：`1.6e1` 用了科学记数法",
    ]),
    Case("unsafe-id-path", edit(DOC, "  - id: m1\n", "  - id: ../../etc\n"), [
        f"{DOC}:40:9: 错误[invalid-id]: 条目 ../../etc：字段 `id`（文件内稳定的编号）应是小写的编号，如 `m7` 或"
        " `jiangjin-2022-57`，这里是 '../../etc'",
    ]),
    Case("unsafe-id-markup", edit("site_data/themes.yaml", "slug: energy", 'slug: "<b>energy"'), [
        "site_data/themes.yaml:2:11: 错误[invalid-id]: themes 中的 <b>energy：字段 `slug`（英文编号）"
        "应是小写的编号，如 `m7` 或 `jiangjin-2022-57`，这里是 '<b>energy'",
    ]),
    Case("dangling-theme", edit(DOC, "    themes: [transport, energy]", "    themes: [transport, energie]"), [
        f"{DOC}:61:25: 错误[unknown-theme]: 条目 m2：主题 `energie` 不在"
        " themes.yaml（主题名录）中",
    ]),
    Case("dangling-department", edit(DOC, "      joint: [区交通局, 区发改委]", "      joint: [区交通局, 区发改]"), [
        f"{DOC}:59:21: 错误[unknown-department]: 条目 m2：单位 `区发改` 不是任何部门的别名",
    ]),
    Case("dangling-section", edit(DOC, "    section: s2\n", "    section: s9\n"), [
        f"{DOC}:42:14: 错误[unknown-section]: 条目 m1：章节 `s9` 不在本文件的大纲中",
    ]),
    Case("gbk-yaml", transform(DOC, lambda b: b.decode("utf-8").encode("gbk")), [
        f"{DOC}:3:8: 错误[not-utf8]: 文件不是 UTF-8 编码（第 44 字节，0xb2），可能被保存成了 GBK",
    ]),
    Case("gbk-source", transform(SRC, lambda b: b.decode("utf-8").encode("gbk")), [
        "site_data/sources/jiangjin-test.txt:1:1: 错误[not-utf8]: 原文文件不是 UTF-8"
        " 编码（第 0 字节，0xb2），可能被保存成了 GBK",
    ]),
    Case("bom-yaml-is-accepted", transform(DOC, lambda b: b"\xef\xbb\xbf" + b), [], code=0),
    Case("bom-source-is-accepted", transform(SRC, lambda b: b"\xef\xbb\xbf" + b), [], code=0),
    Case("crlf-yaml-is-accepted", transform(DOC, lambda b: b.replace(b"\n", b"\r\n")), [], code=0),
    Case("crlf-source-is-accepted", transform(SRC, lambda b: b.replace(b"\n", b"\r\n")), [], code=0),
    Case("bom-in-the-middle", edit(DOC, "title: 测试区行动方案", "title: 测试\ufeff区行动方案"), [
        f"{DOC}:3:10: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+FEFF，不允许使用",
    ]),
    Case("binary-yaml", write(DOC, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), [
        f"{DOC}:1:1: 错误[not-utf8]: 文件不是 UTF-8 编码（第 0 字节，0x89），可能被保存成了 GBK",
    ]),
    Case("binary-that-is-utf8", write(DOC, b"id: x\x00\x01\x02\n"), [
        f"{DOC}:1:6: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0000，不允许使用",
        f"{DOC}:1:7: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:8: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0002，不允许使用",
    ]),
    Case("twelve-control-characters", write(DOC, "id: x" + "\x01" * 12 + "\n"), [
        f"{DOC}:1:6: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:7: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:8: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:9: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:10: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:11: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:12: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:13: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:14: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用",
        f"{DOC}:1:15: 错误[invalid-character]: 文字中有看不见的字符或控制字符 U+0001，不允许使用（本文件另有"
        " 2 处）",
    ]),
    Case("empty-yaml", write(DOC, ""), [
        f"{DOC}:1:1: 错误[wrong-type]: 文件是空的（只有空行或注释）",
    ]),
    Case("yaml-of-comments-only", write(DOC, "# 新文件\n\n"), [
        f"{DOC}:1:1: 错误[wrong-type]: 文件是空的（只有空行或注释）",
    ]),
    Case("yaml-that-is-a-list", write(DOC, "- id: x\n"), [
        f"{DOC}:1:1: 错误[wrong-type]: 文件内容应是一组字段（每行一个 `键: 值`）",
    ]),
    Case("deep-nesting", write(DOC, "a: " + "[" * 5000 + "]" * 5000 + "\n"), [
        f"{DOC}:1:103: 错误[yaml-syntax]: {TOO_DEEP}",  # the file's mapping and 99 lists are allowed, not the 100th
    ]),
    # a user test: 30,000 levels made libyaml's composer overflow the C stack (exit 139, nothing printed)
    Case("deep-nesting-left-open", write(DOC, "note: " + "[" * 30_000 + "\n"), [
        f"{DOC}:1:106: 错误[yaml-syntax]: {TOO_DEEP}",
    ], build_too=True),
    Case("deep-nesting-of-mappings-in-a-registry", write("site_data/themes.yaml", "themes: " + "{a: " * 30_000 + "\n"), [
        f"site_data/themes.yaml:1:405: 错误[yaml-syntax]: {TOO_DEEP}",
    ]),
    Case("deep-nesting-of-block-list-items", write(DOC, "- " * 100_000 + "x\n"), [
        f"{DOC}:1:201: 错误[yaml-syntax]: {TOO_DEEP}",
    ]),
    # two documents of more than PARALLEL_BYTES in all: one of them is parsed by the second process
    Case("deep-nesting-in-the-second-parsing-process", both(
        write(DOC, "note: " + "[" * 2_200_000 + "\n"),
        write("site_data/documents/jiangjin/jiangjin-deep.yaml", "note: " + "{" * 2_200_000 + "\n")), [
        f"site_data/documents/jiangjin/jiangjin-deep.yaml:1:106: 错误[yaml-syntax]: {TOO_DEEP}",
        f"{DOC}:1:106: 错误[yaml-syntax]: {TOO_DEEP}",
    ]),
    Case("yaml-tag", edit(DOC, "written: null", "written: !!timestamp 2022-04-16"), [
        f"{DOC}:10:12: 错误[yaml-syntax]: 这里不允许使用标签 `tag:yaml.org,2002:timestamp`",
    ]),
    Case("python-tag", write("site_data/themes.yaml", "themes: !!python/object/apply:os.system ['id']\n"), [
        "site_data/themes.yaml:1:9: 错误[yaml-syntax]: 这里不允许使用标签"
        " `tag:yaml.org,2002:python/object/apply:os.system`",
    ]),
    Case("content-html", write("content/page.html", "<script>alert(1)</script>"), [
        "content/page.html:1:1: 错误[content-file-not-allowed]: `page.html` 不是"
        " Markdown 页面或图片；content/ 中的文件会原样发布，所以只允许 .md、.png、.jpg、.jpeg、.gif 和"
        " .webp",
    ]),
    Case("content-svg", write("content/logo.svg", "<svg onload='alert(1)'/>"), [
        "content/logo.svg:1:1: 错误[content-file-not-allowed]: `logo.svg` 不是"
        " Markdown 页面或图片；content/ 中的文件会原样发布，所以只允许 .md、.png、.jpg、.jpeg、.gif 和"
        " .webp",
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
    # every problem is told in Chinese, with a hint: a new message left in English fails here
    assert len(result.hints) == len(result.errors)
    for said in [line.split("]: ", 1)[1] for line in result.errors] + result.hints:
        assert CJK.search(said), said
    if case.code == 1:
        assert result.stderr.rstrip().endswith(f"共发现 {len(case.errors)} 个问题，没有写出任何文件。")
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
        "line=1,col=1,title=错误[misplaced-file]::`x,line=1::error file=forged.yaml::forged\\nz.txt` 是纯文本文件，"
        "不是政策文件的 YAML：site_data/documents/ 的区县文件夹中只放政策文件的 YAML（<编号>.yaml），其他文件不会被读取 "
        "建议：它是一份文件的逐字原文时，移到 site_data/sources/ 并改名为 <编号>.txt（与 YAML 中 `source.file` 写的一致）；"
        "否则把它移出 site_data/documents/",
    ]


def test_github_message_escapes_percent_and_line_breaks():
    from generator.diagnostics import Diagnostic

    d = Diagnostic("a%b,c:d.yaml", 1, 2, "yaml-syntax", "100% 错误\r\n第二行", "建议")
    assert d.github() == ("::error file=a%25b%2Cc%3Ad.yaml,line=1,col=2,title=错误[yaml-syntax]::"
                          "100%25 错误%0D%0A第二行 建议：建议")


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
        "content/pipe.md:1:1: 错误[not-a-regular-file]: 这是命名管道（FIFO），不是普通文件，不会被读取"
    ]


def test_two_pages_on_one_path_are_a_diagnostic_not_a_traceback(tmp_path, monkeypatch):
    """Whatever ids make two pages share a file name, the build reports it and writes nothing."""
    from generator.build import build_site
    from generator.diagnostics import DataErrors
    from generator.pages import home

    real = home.pages
    monkeypatch.setattr(home, "pages", lambda index: real(index) * 2)  # the home page twice
    with pytest.raises(DataErrors) as exc:
        build_site(FIXTURE, tmp_path / "content", tmp_path / "out")
    (d,) = exc.value.diagnostics
    assert (d.code, d.line, d.col) == ("page-path-clash", 1, 1)
    assert d.message == "两个页面要写到同一个路径：index.md"
    assert not (tmp_path / "out").exists()


def test_nesting_too_deep_for_the_c_stack_is_diagnosed_by_every_command_that_reads_yaml(tmp_path):
    """The user test's file (`note: ` and 30,000 `[`) made `check`, with either format, end with a
    segfault and print nothing. Every command that reads the data now says where the nesting is too
    deep, as `check` does, and ends with its usual exit code."""
    work = make_work(tmp_path)
    write(DOC, "note: " + "[" * 30_000 + "\n")(work)
    write("site_data/themes.yaml", "themes: " + "[" * 30_000 + "\n")(work)  # a registry `extract` reads
    write("site_data/districts.yaml", "districts:\n" + "- " * 30_000 + "\n")(work)  # the one `new` reads
    (work / "source.txt").write_text("一、积极推进节能降碳。\n", encoding="utf-8")
    places = {DOC: (1, 106), "site_data/themes.yaml": (1, 108), "site_data/districts.yaml": (2, 199)}
    runs = {
        "check": (run_cli(work, "check"), 1, places),
        "check --format github": (run_cli(work, "check", "--format", "github"), 1, places),
        "build": (run_cli(work, "build", "--out", "out"), 1, places),
        "site": (run_cli(work, "site", "--out", "built"), 1, places),
        "fmt": (run_cli(work, "fmt", DOC), 1, {DOC: places[DOC]}),
        "extract": (run_cli(work, "extract", "source.txt", "--district", "jiangjin"), 1,
                    {"site_data/districts.yaml": places["site_data/districts.yaml"]}),
        "extract --compare": (run_cli(work, "extract", "--compare"), 1,
                              {"site_data/districts.yaml": places["site_data/districts.yaml"]}),
    }
    for command, (result, code, where) in runs.items():
        said = result.stderr
        assert "Traceback" not in said and result.code == code, (command, result.code, said[-2000:])
        for path, (line, col) in where.items():
            place = f"file={path},line={line},col={col}" if "github" in command else f"{path}:{line}:{col}: 错误[yaml-syntax]"
            assert place in said.replace("%2C", ",") and TOO_DEEP in said, (command, said[-2000:])
    new = run_cli(work, "new", "--district", "jiangjin", "--id", "jiangjin-2023-1")
    assert "Traceback" not in new.stderr and new.code == 2, new.stderr[-2000:]
    assert new.stderr.startswith("错误：site_data/districts.yaml（区县名录）缺失或有错") and "check" in new.stderr
