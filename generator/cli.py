"""Command line: check, build, serve, stats, schema, bench, fmt, new, extract (every word an editor reads is Chinese).

Exit codes: 0 all good, 1 data errors (diagnostics printed), 2 usage or internal error.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
import traceback
from pathlib import Path

from generator.diagnostics import DataErrors, render
from generator.site import ENGINES, EngineFailed
from generator.usage import ChineseArgumentParser, format_timings
from generator.write import ForeignFolder

DEFAULT_DATA = Path("site_data")
DEFAULT_OUT = Path("build/docs")


def whole_number(text: str) -> int:
    """An argparse type: a whole number, refused in Chinese otherwise."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应是整数，这里是 {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    """Every command, option and help text of the command line (Chinese, like the site)."""
    p = ChineseArgumentParser(prog="python -m generator", description="区县双碳政策对照：检查数据，生成网站。",
                              epilog="退出码：0 正常，1 数据有错（逐条列出），2 命令写错或内部错误。"
                                     "每个命令的用法：python -m generator 命令 --help")
    sub = p.add_subparsers(dest="command", required=True, metavar="命令", help="下列之一：")

    def add_data(command: argparse.ArgumentParser, default: Path = DEFAULT_DATA) -> None:
        command.add_argument("--data", type=Path, default=default, metavar="目录",
                             help=f"数据文件夹（默认 {default}）")

    def add_content(command: argparse.ArgumentParser) -> None:
        command.add_argument("--content", type=Path, default=Path("content"), metavar="目录",
                             help="照原样发布的手写页面所在的文件夹（默认 content）")

    def add_format(command: argparse.ArgumentParser) -> None:
        command.add_argument("--format", choices=["text", "github", "json"], default="text",
                             help="报错的格式：text 供人阅读（默认），github 在拉取请求中标注，json 供程序读取")

    def add_timings(command: argparse.ArgumentParser) -> None:
        command.add_argument("--timings", action="store_true", help="列出每个步骤的用时")

    check = sub.add_parser("check", help="检查全部 YAML 文件和每一处引文，不写出任何文件",
                           description="检查全部 YAML 文件和每一处引文，一次列出所有问题；不写出任何文件。")
    add_data(check)
    add_content(check)
    add_format(check)

    build = sub.add_parser("build", help="检查后把网站的 Markdown 生成到 build/docs/",
                           description="检查数据，然后把网站的 Markdown 生成到 build/docs/（有错时什么也不写）。")
    add_data(build)
    add_content(build)
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="目录", help=f"写入的文件夹（默认 {DEFAULT_OUT}）")
    add_format(build)
    add_timings(build)

    serve = sub.add_parser("serve", help="本机预览：数据、页面或模板一改就重新生成，浏览器自动刷新",
                           description="本机预览：监视数据、content/ 和 templates/，保存后重新生成，浏览器自动刷新；"
                                       "数据有错时页面顶部列出错误。按 Ctrl+C 停止。")
    add_data(serve)
    add_content(serve)
    serve.add_argument("--port", type=whole_number, default=8000, metavar="端口", help="预览网址的端口（默认 8000）")

    fmt_cmd = sub.add_parser("fmt", help="把数据文件整理成统一的 YAML 格式（保留注释）",
                             description="把数据文件整理成统一的 YAML 格式：缩进、列表和 null 的写法；保留注释，不改变任何值。")
    fmt_cmd.add_argument("files", nargs="*", type=Path, metavar="文件", help="要整理的文件（默认：--data 下的全部 YAML 文件）")
    add_data(fmt_cmd)
    fmt_cmd.add_argument("--check", action="store_true", help="只检查，不改写；有文件未整理时退出码为 1")

    new = sub.add_parser("new", help="新建一份文件的 YAML 模板，每个字段都有中文注释",
                         description="在 site_data/documents/区县/编号.yaml 写出新文件的模板，每个字段旁注明该填什么。")
    new.add_argument("--district", required=True, metavar="区县编号", help="districts.yaml 中的区县编号，如 jiangjin")
    new.add_argument("--id", required=True, dest="doc_id", metavar="编号", help="文件编号，即文件名，如 jiangjin-2023-12")
    add_data(new)

    site = sub.add_parser("site", help="检查、生成并建好整个网站到 build/site/",
                          description="检查数据、生成 Markdown 并建好整个网站到 build/site/；"
                                      "新网站完整建好后才替换旧网站，出错时旧网站保持不变。")
    add_data(site)
    add_content(site)
    site.add_argument("--out", type=Path, default=Path("build"), metavar="目录", help="放 docs/ 和 site/ 的文件夹（默认 build）")
    site.add_argument("--engine", choices=ENGINES, default="mkdocs",
                      help="建站工具：mkdocs（MkDocs + Material，默认）或 zensical（读取同一个 mkdocs.yml）")
    add_format(site)
    add_timings(site)

    stats = sub.add_parser("stats", help="列出每份文件的数据覆盖情况", description="列出每份文件的条目数、目标数、单位和主题的覆盖情况。")
    add_data(stats)

    evaluate = sub.add_parser("evaluate", help="用调参集和留出集给“相似措施”链接打分（开发者用）",
                              description="用人工标注的调参集和留出集给“相似措施”链接打分（开发者用）。")
    add_data(evaluate)
    evaluate.add_argument("--set", choices=("tuning", "held-out", "both"), default="both", dest="which",
                          help="打分用的标注集：调参只用 tuning；设计定稿后才用 held-out（默认 both）")
    evaluate.add_argument("--gold", type=Path, action="append", metavar="YAML",
                          help="改用这个标注集打分（可写多次）")

    contexts = sub.add_parser("contexts", help="写出 templates/CONTEXTS.md：每个模板收到的数据（开发者用）",
                              description="写出 templates/CONTEXTS.md：每个模板收到的数据（开发者用）。")
    add_data(contexts, Path("tests/fixtures/corpus"))

    schema = sub.add_parser("schema", help="把每种数据文件的 JSON Schema 写到一个文件夹",
                            description="把每种数据文件的 JSON Schema 写到一个文件夹，供编辑器检查和补全。")
    schema.add_argument("--out", type=Path, default=Path("site_data/schema"), metavar="目录", help="写入的文件夹（默认 site_data/schema）")

    bench = sub.add_parser("bench", help="建站和搜索的性能测试（开发者用）",
                           description="性能测试（开发者用）：有 --scale 时按给定倍数的数据测整个建站；否则测 1 倍和 N 倍数据下的搜索。")
    add_data(bench)
    bench.add_argument("--scale", type=whole_number, nargs="+", metavar="N", help="按这些倍数的数据测整个建站，如 --scale 1 10 50")
    bench.add_argument("--json", action="store_true", help="与 --scale 一起用：以 JSON 打印测量结果")
    bench.add_argument("--repeat", type=whole_number, default=1, metavar="N",
                       help="与 --scale 一起用：每种倍数建 N 次，每个步骤取用时的中位数（默认 1）")
    bench.add_argument("--factor", type=whole_number, default=50, metavar="N", help="合成数据的倍数（默认 50）")
    bench.add_argument("--out", type=Path, default=None, metavar="文件",
                       help="结果表写到哪里（默认 bench/results.md；与 --scale 一起用时默认 bench/build.md）")
    bench.add_argument("--work", type=Path, default=None, metavar="目录", help="把建好的网站留在这里（默认用临时文件夹）")
    bench.add_argument("--no-browser", action="store_true", help="只量大小，不在无界面 Chromium 中计时")

    synth = sub.add_parser("synth", help="写出合成数据：把真实文件复制到 N 个虚构区县（开发者用）",
                           description="写出合成数据：把真实文件复制到 N 个虚构区县，用于性能测试（开发者用）。")
    add_data(synth)
    synth.add_argument("--factor", type=whole_number, default=50, metavar="N", help="倍数（默认 50）")
    synth.add_argument("--out", type=Path, required=True, metavar="目录", help="写入的文件夹（已存在时整个替换）")

    extract = sub.add_parser("extract", help="从原文（txt、html、docx、pdf）起草新文件的 YAML",
                             description="从下载的原文（纯文本、另存的网页、.docx、带文字层的 PDF）起草新文件的 YAML；"
                                         "拿不准的地方写成 TODO，结束时列出。")
    extract.add_argument("source", type=Path, nargs="?", metavar="原文文件", help="下载的原文文件")
    extract.add_argument("--district", metavar="区县编号", help="districts.yaml 中的区县编号，如 jiangjin")
    extract.add_argument("--id", dest="doc_id", metavar="编号", help="文件编号（默认取 --out 的文件名；不给 --out 时由文号推出：区县-年份-序号）")
    extract.add_argument("--out", type=Path, metavar="文件", help="YAML 写到这里，原文写到 site_data/sources/（默认只打印）")
    extract.add_argument("--force", action="store_true", help="--out 的文件或原文已经存在时也覆盖它们（默认拒绝）")
    extract.add_argument("--json", action="store_true", help="按 data/measures.json 的格式打印草稿条目")
    extract.add_argument("--compare", action="store_true", help="起草库中每份原文，与编辑整理的 YAML 比较打分")
    add_data(extract)
    return p


GC_THRESHOLDS = (50_000, 20, 20)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    # The corpus is hundreds of thousands of long-lived, acyclic objects: Python's default cycle
    # collector (every 700 allocations) spent 60% of a 50× check re-scanning them. Collect rarely.
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _run(args)
    except DataErrors as exc:
        print(render(exc.diagnostics, getattr(args, "format", "text")), file=sys.stderr)
        reminders = sum(d.severity == "warning" for d in exc.diagnostics)  # a draft's TODOs and targets not recorded
        also = f"（另有 {reminders} 处提醒）" if reminders else ""
        print(f"\n共发现 {len(exc.diagnostics) - reminders} 个问题{also}，没有写出任何文件。", file=sys.stderr)
        return 1
    except EngineFailed as exc:
        print(exc.output.rstrip(), file=sys.stderr)
        print("\n错误：网站生成工具出错（见上方输出），原来的网站保持不变。", file=sys.stderr)
        return 1
    except ForeignFolder as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 2
    except Exception:  # an internal error, never an editor's fault
        traceback.print_exc()
        print("内部错误（不是数据的问题）：请把上面的输出报告给开发者", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    from generator.checking import check_data

    if args.command == "extract":
        from generator.extract.run import compare_command, extract_command

        if args.compare:
            return compare_command(args.data)
        if args.source is None or args.district is None:
            print("错误：请给出原文文件和 --district 区县（或者只写 --compare）\n"
                  "    建议：例如 `python -m generator extract 下载的文件.docx --district jiangjin`", file=sys.stderr)
            return 2
        from generator.fmt import format_text, schema_reference

        def canonical(text: str, out: Path | None) -> str:
            """The draft in `fmt`'s layout, with its schema line when written into a data folder's
            documents/<district>/ (as the source text goes to that folder's sources/)."""
            where = out.resolve() if out is not None else None
            placed = where is not None and where.parent.parent.name == "documents"
            schema = schema_reference(where, where.parents[2]) if where is not None and placed else None
            formatted = format_text(text, str(out or "draft.yaml"), schema)
            return formatted.text if formatted.text is not None else text

        return extract_command(args.source, args.district, args.doc_id, args.out, args.json, args.data, canonical,
                               args.force)

    if args.command == "check":
        warnings: list = []
        corpus = check_data(args.data, warnings, content_root=args.content)
        if warnings:
            print(render(warnings, args.format), file=sys.stderr)
        docs = len(corpus.documents)
        measures = sum(len(d.document.measures) for d in corpus.documents)
        todos = sum(d.code == "todo" for d in warnings)
        gaps = f"；草稿中还有 {todos} 处 TODO 待填" if todos else ""
        if len(warnings) > todos:  # a reminder of another kind (target-not-recorded): the build refuses it too
            gaps += f"；另有 {len(warnings) - todos} 处提醒要处理，处理之前不能生成网站"
        print(f"检查通过：{docs} 份文件，{measures} 个条目，所有引文与原文一字不差{gaps}")
        return 0
    if args.command == "build":
        from generator.build import build_site
        from generator.checking import Timings

        timings = Timings()
        written = build_site(args.data, args.content, args.out, timings)
        print(f"完成：向 {args.out} 写出 {written.pages} 个文件（页面与数据文件；其中 {written.changed} 个有改动）")
        if args.timings:
            print(format_timings(timings.stages))
        return 0
    if args.command == "serve":
        from generator.serve import serve

        return serve(args.data, args.content, DEFAULT_OUT, args.port)  # mkdocs.yml's docs_dir
    if args.command == "fmt":
        from generator.fmt import data_files, format_files

        report = format_files(args.files or data_files(args.data), args.data, check=args.check)
        for path, line in report.first_changed_line.items():
            print(f"{'格式未整理' if args.check else '已整理格式'}：{path}" + (f"（第 {line} 行起）" if args.check else ""))
        if not report.changed and not report.problems:
            print("所有文件的格式都已统一，没有要改的")
        if report.problems:
            print(render(list(report.problems), "text"), file=sys.stderr)
        if args.check and report.changed:
            print(f"\n有 {len(report.changed)} 个文件的格式未整理：请运行 `python -m generator fmt`",
                  file=sys.stderr)
        return 1 if report.problems or (args.check and report.changed) else 0
    if args.command == "new":
        from generator.scaffold import ScaffoldRefused, scaffold

        try:
            path = scaffold(args.data, args.district, args.doc_id)
        except ScaffoldRefused as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 2
        print(f"已写出 {path}：请填写各字段，然后运行 `make check`（python -m generator check）")
        return 0
    if args.command == "site":
        from generator.repository import publishing_reminders
        from generator.site import build as build_whole_site
        from generator.site import hosting_reminders

        started = time.perf_counter()
        result = build_whole_site(args.data, args.content, args.out, args.engine)
        total = time.perf_counter() - started  # the clock: stages overlap (a 2nd process) and nest
        print(f"完成：生成 {result.pages} 个文件，网站已建到 {args.out / 'site'}，用时 {total:.1f} 秒")
        for reminder in publishing_reminders() + hosting_reminders(args.out / "site"):
            print(f"提醒：{reminder}", file=sys.stderr)
        if args.timings:
            print(format_timings(result.timings))
        return 0
    if args.command == "stats":
        from generator.stats import coverage_report

        print(coverage_report(check_data(args.data)))
        return 0
    if args.command == "evaluate":
        from generator.evaluate import HELDOUT_SET, TUNING_SET, evaluate, lacks_score, load_labels
        from generator.evaluate import report as score_report
        from generator.pipeline import index_data

        index = index_data(args.data)
        named = {"tuning": [TUNING_SET], "held-out": [HELDOUT_SET], "both": [TUNING_SET, HELDOUT_SET]}
        sets = args.gold or named[args.which]
        for path in sets:
            name = {TUNING_SET: "调优集（tuning）", HELDOUT_SET: "留出集（held-out）"}.get(path, str(path))
            labels = load_labels(path)
            print(score_report(name, evaluate(index, labels), lacks_score(index, labels)))
        return 0
    if args.command == "bench" and args.scale:
        from generator.buildbench import main as build_bench

        # the table goes where --out says; by default to bench/build.md, unless the JSON is what was asked for
        out = args.out or (None if args.json else Path("bench/build.md"))
        return build_bench(args.data, args.scale, args.json, out, args.work, args.repeat)
    if args.command == "bench":
        from generator.bench import main as bench_main

        return bench_main(args.data, args.factor, args.out or Path("bench/results.md"), args.work, browser=not args.no_browser)
    if args.command == "synth":
        from generator.synth import synthesize

        counts = synthesize(args.data, args.out, args.factor)
        print(f"完成：向 {args.out} 写出 {counts['documents']} 份文件，分属 {counts['districts']} 个合成区县")
        return 0
    if args.command == "contexts":
        from generator.contexts import OUT, contexts_page
        from generator.pipeline import index_data

        OUT.write_text(contexts_page(index_data(args.data)), encoding="utf-8")
        print(OUT)
        return 0
    if args.command == "schema":
        from generator.schema import write_schemas

        for path in write_schemas(args.out):
            print(path)
        return 0
    return 2  # pragma: no cover - argparse guarantees a command
