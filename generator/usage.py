"""The command line's own words in Chinese: argparse's messages, its help layout and usage errors.

argparse passes every text it prints itself ("usage: ", "options", "invalid choice: …") through
gettext, bound in argparse as ``_`` and ``ngettext``. Such a catalog usually comes from a compiled
``.mo`` file picked by the user's locale; an editor's terminal may have any locale, and the
interface is Chinese whatever it is, so the catalog is the dictionary below, put in place of
argparse's gettext only while a ChineseArgumentParser builds, parses or prints.
"""
from __future__ import annotations

import argparse
import gettext
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from generator.beside import SECOND_PROCESS  # not from pipeline: the command line starts without the generator's modules

MESSAGES: dict[str, str] = {
    # what an editor meets: help, usage, mistakes on the command line
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "subcommands": "命令",
    "%(heading)s:": "%(heading)s：",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    " (default: %(default)s)": "（默认：%(default)s）",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有 %(value)r 这一项（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "没有 %(value)r 这一项，是不是要写 %(closest)r？（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的 %(type)s 值",
    "expected one argument": "后面要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "没有预料到的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有 %(parser_name)r 这个命令（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
    'argument "-" with mode %r': '模式为 %r 的参数 "-"',
    "option %(option)s is deprecated": "选项 %(option)s 已停用",
    "argument %(argument_name)s is deprecated": "参数 %(argument_name)s 已停用",
    "command %(parser_name)r is deprecated": "命令 %(parser_name)r 已停用",
    # mistakes in the parser's own definition: a developer's, never an editor's, but Chinese as well
    ".__call__() not defined": ".__call__() 没有定义",
    "'required' is an invalid argument for positionals": "位置参数不能设置 'required'",
    "mutually exclusive arguments must be optional": "互斥的参数必须是选项",
    "%r is not callable": "%r 不能调用",
    "cannot merge actions - two groups are named %r": "无法合并：两个参数组都叫 %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "选项写法 %(option)r 无效：必须以 %(prefix_chars)r 中的字符开头",
    "dest= is required for options like %r": "%r 这样的选项必须给出 dest=",
    "invalid conflict_resolution value: %r": "conflict_resolution 的值 %r 无效",
    "cannot have multiple subparser arguments": "只能有一组命令",
    "conflicting subparser: %s": "命令重名：%s",
    "conflicting subparser alias: %s": "命令别名重名：%s",
}
"""argparse's messages (its gettext msgids) in Chinese; a test checks that every msgid of the
running Python's argparse has one."""

PLURAL_MESSAGES: dict[tuple[str, str], str] = {
    ("conflicting option string: %s", "conflicting option strings: %s"): "选项重名：%s",
    ("expected %s argument", "expected %s arguments"): "后面要跟 %s 个值",
}


class ChineseCatalog(gettext.NullTranslations):
    """A gettext catalog held in MESSAGES (Chinese has one form for every count)."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return PLURAL_MESSAGES.get((msgid1, msgid2), msgid1 if n == 1 else msgid2)


CATALOG = ChineseCatalog()


@contextmanager
def chinese_messages() -> Iterator[None]:
    """argparse's gettext is CATALOG inside the block (nested blocks leave it so)."""
    hooks = vars(argparse)
    saved = hooks["_"], hooks["ngettext"]
    hooks["_"], hooks["ngettext"] = CATALOG.gettext, CATALOG.ngettext
    try:
        yield
    finally:
        hooks["_"], hooks["ngettext"] = saved


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: two for a Chinese character or a full-width sign."""
    return sum(2 if _is_wide(c) else 1 for c in text)


NO_LINE_START = set("，。、；：？！）》」』”’…%")
"""Punctuation that must not begin a line (it stays with the character before it)."""


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns: Chinese text may break between any two characters,
    other text at spaces; closing punctuation never starts a line."""
    tokens: list[str] = []
    for char in " ".join(text.split()):
        previous = tokens[-1][-1] if tokens else " "
        if tokens and (char in NO_LINE_START or not (char == " " or previous == " " or _is_wide(char) or _is_wide(previous))):
            tokens[-1] += char  # the rest of a word, or punctuation kept with what it closes
        else:
            tokens.append(char)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token == " ":
            line += " " if line else ""
        elif line and display_width(line + token) > width:
            lines.append(line.rstrip())
            line = token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines


SECTION_HEADING = re.compile(r"^(\S[^\n]*):$", re.MULTILINE)


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's layout with lines measured in terminal columns, so Chinese help text is not
    twice as wide as the terminal."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def format_help(self) -> str:
        # a section heading ("选项:") ends in an ASCII colon, which argparse before 3.13 does not translate
        return SECTION_HEADING.sub(r"\1：", super().format_help())

    def add_argument(self, action: argparse.Action) -> None:
        # argparse places the help column by the options' lengths in characters; a Chinese
        # placeholder (`--data 目录`) is two columns a character: make room for its width
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            width = display_width(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)

    def _format_action(self, action: argparse.Action) -> str:
        # ... and pads each option to that column by its length: take the extra columns off
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = display_width(invocation) - len(invocation)
        head, found, rest = text.partition(invocation)
        padding = len(rest) - len(rest.lstrip(" "))
        if found and extra and padding - extra >= 2:
            return head + invocation + rest[extra:]
        return text


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese; a usage error reads like the other errors
    (``错误：…`` and ``    建议：…``) and exits 2. Its subcommands' parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with chinese_messages():  # the titles "positional arguments" and "options", -h's help
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with chinese_messages():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        with chinese_messages():  # "unrecognized arguments" is raised here, not in parse_known_args
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with chinese_messages():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese_messages():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese_messages():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{message}\n    建议：运行 `{self.prog} --help` 查看这个命令的用法\n")


# What `--timings` calls each stage (the stage names stay English: the benchmark's JSON keys).
STAGE_LABELS = {
    "check": "读取并检查数据", "rules": "规则与引文核对", "index": "建立索引", "setup": "载入生成代码，准备模板与分词", "similarity": "相似措施",
    "measure views": "措施的页面视图", "pages": "生成页面", "pages without links": "生成不含相似措施的页面",
    "render": "生成页面与文件（合计）", "write": "写入文件",
    "waiting for a 2nd process": "等待第二个进程", "waiting for the rules": "等待规则核对", "mkdocs": "MkDocs 建站", "zensical": "Zensical 建站",
    # outputs that make data files (pages/*.files)
    "search": "搜索索引", "downloads": "数据下载文件", "compare": "区县对比数据", "district": "可借鉴措施数据",
}


def stage_label(name: str) -> str:
    """The Chinese name of a stage; an output's own files are named after the output module."""
    base = name.removesuffix(SECOND_PROCESS)
    label = STAGE_LABELS.get(base, base)
    return label if base == name else label + "（第二个进程）"


def format_timings(stages: Iterable[tuple[str, float]]) -> str:
    """One line per stage: its Chinese name, padded by display width (a Chinese character is two
    columns), and its seconds."""
    rows = [(stage_label(name), seconds) for name, seconds in stages]
    width = max((display_width(label) for label, _ in rows), default=0)
    return "\n".join(f"  {label}{' ' * (width - display_width(label))} {seconds:7.2f} 秒" for label, seconds in rows)
