"""Exit codes, the promise that nothing is written when any error exists, and a command line in Chinese."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT, see_cpus


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_check_ok_exits_0():
    result = run("check", "--data", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "检查通过：2 份文件，5 个条目，所有引文与原文一字不差\n"


def test_data_error_exits_1_and_writes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    doc = data / "documents/jiangjin/jiangjin-test.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("written: null", "written: 2022-02-30"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "previous.md").write_text("last good build")
    result = run("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 1
    assert "jiangjin-test.yaml:10:12: 错误[invalid-date]" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["previous.md"]


def test_github_format_annotates_the_file(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "themes.yaml").write_text("themes:\n  - slug: Energy\n", encoding="utf-8")
    result = run("check", "--data", str(data), "--format", "github")
    assert result.returncode == 1
    assert "::error file=" in result.stderr and "themes.yaml,line=2,col=" in result.stderr


CJK = re.compile("[\u4e00-\u9fff]")
ARGPARSE_ENGLISH = re.compile(r"usage:|error:|invalid choice|required|unrecognized|expected|argument|options|"
                              r"positional|show this help|choose from|invalid int")

USAGE_ERRORS = {
    "no command": ([], "缺少必需的参数：命令"),
    "unknown command": (["frobnicate"], "参数 命令：没有 'frobnicate' 这一项"),
    "invalid choice": (["check", "--format", "xml"], "参数 --format：没有 'xml' 这一项"),
    "missing arguments": (["new"], "缺少必需的参数：--district, --id"),
    "missing value": (["new", "--district"], "参数 --district：后面要跟一个值"),
    "unknown option": (["check", "--bogus"], "无法识别的参数：--bogus"),
    "not a number": (["serve", "--port", "abc"], "参数 --port：应是整数，这里是 'abc'"),
}


@pytest.mark.parametrize("name", sorted(USAGE_ERRORS))
def test_usage_error_exits_2_and_says_so_in_chinese(name):
    args, message = USAGE_ERRORS[name]
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("用法：python -m generator")
    assert f"错误：{message}" in result.stderr
    assert lines[-1].startswith("    建议：运行 `python -m generator") and lines[-1].endswith("--help` 查看这个命令的用法")
    assert not ARGPARSE_ENGLISH.search(result.stderr), result.stderr
    usage_continued = [line for line in lines[1:] if line.startswith(" " * 10)]  # the usage wrapped: options only
    assert all(CJK.search(line) for line in lines if line not in usage_continued), result.stderr


@pytest.mark.parametrize("command", [[], ["check"], ["extract"], ["new"], ["fmt"], ["serve"], ["stats"], ["site"], ["bench"]])
def test_help_is_chinese(command):
    result = run(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：python -m generator")
    assert not ARGPARSE_ENGLISH.search(result.stdout), result.stdout
    assert "选项" in result.stdout and "显示本帮助并退出" in result.stdout


def test_every_command_and_option_is_explained_in_chinese():
    """Read off the parser itself, not its printed help: every command has a Chinese description
    and every option of every command a Chinese help text."""
    import argparse

    from generator.cli import _parser

    parser = _parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    missing = []
    for name, sub in commands.choices.items():
        if not CJK.search(sub.description or ""):
            missing.append(name)
        missing += [f"{name} {a.option_strings or a.dest}" for a in sub._actions if not CJK.search(a.help or "")]
    assert missing == []
    assert all(CJK.search(a.help or "") for a in commands._choices_actions)


def test_every_argparse_message_has_a_chinese_translation():
    """Every message the running Python's argparse marks for translation (read from its source)
    has a Chinese one, so an upgrade that adds a message fails here rather than print English."""
    import argparse
    import ast

    from generator.usage import MESSAGES, PLURAL_MESSAGES

    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    singular, plural = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            texts = tuple(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
            if node.func.id == "_" and texts:
                singular.add(texts[0])
            elif node.func.id == "ngettext":
                plural.add(texts[:2])
    assert "usage: " in singular and len(singular) > 30  # the extraction itself works
    assert sorted(singular - set(MESSAGES)) == []
    assert sorted(plural - set(PLURAL_MESSAGES)) == []
    chinese = re.compile("[\u4e00-\u9fff\uff01-\uff5e]")  # a Chinese character or full-width sign (`%(heading)s：`)
    assert all(chinese.search(text) for text in [*MESSAGES.values(), *PLURAL_MESSAGES.values()])


def test_argparse_is_english_again_outside_the_cli():
    """The Chinese catalog is put in place only while the generator's parser works."""
    import argparse

    from generator.cli import _parser

    _parser().format_help()
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


@pytest.mark.parametrize("width", [10, 24, 40])
def test_help_lines_fit_the_terminal_in_columns(width):
    from generator.usage import NO_LINE_START, display_width, wrap

    text = ("检查全部 YAML 文件和每一处引文，一次列出所有问题；不写出任何文件。"
            "districts.yaml 中的区县编号，如 jiangjin（默认 site_data/documents）。")
    lines = wrap(text, width)
    longest_word = max(display_width(w) for w in ("site_data/documents）。", "districts.yaml"))
    assert all(display_width(line) <= max(width, longest_word) for line in lines), lines
    assert not any(line[0] in NO_LINE_START for line in lines), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_site_reports_the_time_it_took_not_the_sum_of_stages_that_overlap(monkeypatch, capsys, tmp_path):
    """Stage timings overlap (search and downloads run in a second process beside the pages) and
    nest, so their sum was larger than the time the command took (13.6 s said, 8.3 s taken)."""
    import generator.site
    from generator.cli import main

    result = generator.site.SiteResult(3, (("similarity", 40.0), ("search (2nd process)", 40.0), ("mkdocs", 40.0)))
    monkeypatch.setattr(generator.site, "build", lambda *args: result)
    assert main(["site", "--out", str(tmp_path)]) == 0
    said = re.search(r"用时 ([\d.]+) 秒", capsys.readouterr().out)
    assert said and float(said.group(1)) < 40, said


@pytest.mark.parametrize(("args", "written"), [
    (["--scale", "1"], "bench/build.md"), (["--scale", "1", "--out", "x/build.md"], "x/build.md"),
    (["--scale", "1", "--json"], None), (["--scale", "1", "--json", "--out", "x/build.md"], "x/build.md"),
    ([], "bench/results.md"), (["--out", "x/search.md"], "x/search.md")])
def test_bench_writes_its_table_where_it_is_told(monkeypatch, args, written):
    """`bench --scale` wrote bench/build.md whatever --out said (a trial run overwrote the recorded table)."""
    import generator.bench
    import generator.buildbench
    from generator.cli import main

    told = []
    monkeypatch.setattr(generator.buildbench, "main", lambda data, scales, as_json, out, *rest: told.append(out) or 0)
    monkeypatch.setattr(generator.bench, "main", lambda data, factor, out, *rest, **kw: told.append(out) or 0)
    assert main(["bench", *args]) == 0
    assert told == [None if written is None else Path(written)]


@pytest.mark.parametrize("processes", [1, 2])
def test_timings_name_every_stage_of_a_real_build_in_chinese(tmp_path, monkeypatch, processes):
    """`--timings` is read by editors: every stage a build records gets a Chinese name (the English
    names stay the benchmark's JSON keys), and the seconds line up in one column. Streamed as `site`
    builds, with one process and with the second processes of a machine with two CPUs."""
    from generator.build import build_site
    from generator.checking import Timings
    from generator.usage import display_width, format_timings

    see_cpus(monkeypatch, processes > 1)
    timings = Timings()
    build_site(FIXTURE, ROOT / "content", tmp_path / "docs", timings, stream=True)
    recorded = [name for name, _ in timings.stages]
    assert ("rules (2nd process)" in recorded) == (processes > 1)  # the two-process stages were recorded
    names = recorded + ["mkdocs", "zensical"]
    lines = format_timings((name, 1.0) for name in names).splitlines()
    assert len(lines) == len(names)
    labels = [line[:line.index(" 1.00 秒")].strip() for line in lines]
    untranslated = [(name, label) for name, label in zip(names, labels, strict=True)
                    if not any("\u4e00" <= c <= "\u9fff" for c in label)]
    assert not untranslated
    assert len({display_width(line[:line.index(" 1.00 秒")]) for line in lines}) == 1


def test_the_command_line_starts_without_loading_the_generator():
    """`--help` and a usage mistake answer at once: the command line imports the pipeline (index,
    pages, pydantic, Jinja) only for a command that builds. A module-level import of the pipeline
    in generator.usage (for the name of the second process's stages) made `--help` take 0.76 s
    instead of 0.09 s."""
    probe = "import sys, generator.cli; print(sorted(m for m in ('generator.pipeline', 'generator.index', 'pydantic', 'jinja2') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_check_loads_no_page_search_or_download_code():
    """`check`, which an editor runs on every save, reads and checks the data only: none of the
    pipeline's later stages (pages, Jinja, similarity with scipy, spreadsheets) is imported for it.
    Before generator.checking it imported the whole pipeline: 1.3 s instead of 0.55 s on the real data."""
    later = ("generator.pipeline", "generator.index", "generator.pages", "generator.similarity", "jinja2", "scipy", "openpyxl")
    probe = ("import sys; from generator.cli import main; code = main(['check']); "
             f"print(code, sorted(m for m in {later!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 []"


def test_a_build_starts_its_rules_before_it_imports_the_pipeline(tmp_path):
    """On two CPUs `build` reads and checks the data and starts the rules' second process before it
    imports the pipeline (pages, Jinja, numpy, rjieba: the rules run beside those imports), and scipy
    only after the search index's process has started (generator.build, pipeline.similar_measures)."""
    probe = ("import sys; import generator.beside as b; real = b.beside; seen = []\n"
             "def started(work):\n"
             "    seen.append(sorted(m for m in ('generator.pipeline', 'scipy') if m in sys.modules))\n"
             "    return real(work)\n"
             "b.beside, b.can_fork = started, lambda: True\n"
             "from generator.cli import main\n"
             f"code = main(['build', '--data', {str(FIXTURE)!r}, '--out', {str(tmp_path / 'docs')!r}])\n"
             "print(code, seen)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # the rules', the search index's and the downloads' processes
    assert result.stdout.strip().splitlines()[-1] == "0 [[], ['generator.pipeline'], ['generator.pipeline', 'scipy']]"


def test_the_closing_count_tells_errors_from_a_drafts_reminders(tmp_path, capsys):
    """`check` lists a draft's TODO reminders with the errors; the closing line counts the errors
    and names the reminders apart."""
    from generator.cli import main

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    path = data / "documents" / "jiangjin" / "jiangjin-test.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("last_verified: 2026-11-22", "last_verified: TODO").replace("页岩气", "页岩汽", 1),
                    encoding="utf-8")
    assert main(["check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "提醒[todo]" in err and "错误[quote-not-found]" in err
    assert err.rstrip().endswith("共发现 1 个问题（另有 1 处提醒），没有写出任何文件。")


def test_an_error_repeated_thousands_of_times_is_listed_twenty_times_and_counted_whole(tmp_path, capsys):
    """A user test pasted one entry 3 000 times: `check` printed 6 002 lines (1 MB) of one error. The
    text lists 20 of each code and says how many more; the count, the exit code and the json and
    github formats stay whole."""
    from generator.cli import main
    from tests.test_diagnostics import DOC, M1_BLOCK

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    path = data / DOC
    copies = "".join(M1_BLOCK.replace("id: m1", f"id: m1-copy{k}") for k in range(25))
    text = path.read_text(encoding="utf-8").replace("  - id: m2\n", copies + "  - id: m2\n", 1)
    path.write_text(text.replace("themes: [transport, energy]", "themes: [transport, enrgy]", 1), encoding="utf-8")  # and one other error
    assert main(["check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert err.count("错误[duplicate-entry]") == 20 and err.count("错误[unknown-theme]") == 1
    assert ("\n另有 5 处同类问题（duplicate-entry）没有列出：多半是同一个原因，先改正上面列出的 20 处再检查；"
            "要列出全部，加 `--format json`\n") in err
    assert "（unknown-theme）" not in err
    assert err.rstrip().endswith("共发现 26 个问题，没有写出任何文件。")
    assert main(["check", "--data", str(data), "--format", "github"]) == 1
    err = capsys.readouterr().err
    assert err.count("title=错误[duplicate-entry]::") == 25 and "另有" not in err
    assert main(["check", "--data", str(data), "--format", "json"]) == 1
    assert capsys.readouterr().err.count('"code": "duplicate-entry"') == 25
