"""Command line: check, build, serve, stats, schema, bench, fmt, new.

Exit codes: 0 all good, 1 data errors (diagnostics printed), 2 usage or internal error.
"""
from __future__ import annotations

import argparse
import gc
import sys
import traceback
from pathlib import Path

from generator.diagnostics import DataErrors, render
from generator.site import ENGINES, EngineFailed
from generator.write import ForeignFolder

DEFAULT_DATA = Path("site_data")
DEFAULT_OUT = Path("build/docs")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m generator", description="区县双碳政策对照: check the data and generate the site's Markdown.")
    sub = p.add_subparsers(dest="command", required=True)
    def add_format(command: argparse.ArgumentParser) -> None:
        command.add_argument("--format", choices=["text", "github", "json"], default="text",
                             help="diagnostic format (github annotates a pull request)")

    check = sub.add_parser("check", help="validate every YAML file and every quote; write nothing")
    check.add_argument("--data", type=Path, default=DEFAULT_DATA)
    check.add_argument("--content", type=Path, default=Path("content"), help="hand-written pages, published as they are")
    add_format(check)

    build = sub.add_parser("build", help="check, then generate Markdown into build/docs/")
    build.add_argument("--data", type=Path, default=DEFAULT_DATA)
    build.add_argument("--content", type=Path, default=Path("content"))
    build.add_argument("--out", type=Path, default=DEFAULT_OUT)
    add_format(build)
    build.add_argument("--timings", action="store_true", help="print the time each stage took")

    serve = sub.add_parser("serve", help="live preview: regenerate on every change to the data, content or templates, "
                                         "with the site server beside it")
    serve.add_argument("--data", type=Path, default=DEFAULT_DATA)
    serve.add_argument("--content", type=Path, default=Path("content"))
    serve.add_argument("--port", type=int, default=8000)

    fmt_cmd = sub.add_parser("fmt", help="write every data file in the canonical YAML layout (comments kept)")
    fmt_cmd.add_argument("files", nargs="*", type=Path, help="files to format (default: every YAML file under --data)")
    fmt_cmd.add_argument("--data", type=Path, default=DEFAULT_DATA)
    fmt_cmd.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not formatted")

    new = sub.add_parser("new", help="start a new document file with every field explained (Chinese comments)")
    new.add_argument("--district", required=True, help="district slug from districts.yaml, e.g. jiangjin")
    new.add_argument("--id", required=True, dest="doc_id", help="document id = file name, e.g. jiangjin-2023-12")
    new.add_argument("--data", type=Path, default=DEFAULT_DATA)
    site = sub.add_parser("site", help="check, generate and build the whole site into build/; the old site stays until the new one is complete")
    site.add_argument("--data", type=Path, default=DEFAULT_DATA)
    site.add_argument("--content", type=Path, default=Path("content"))
    site.add_argument("--out", type=Path, default=Path("build"), help="folder that receives docs/ and site/")
    site.add_argument("--engine", choices=ENGINES, default="mkdocs",
                      help="site engine: MkDocs + Material (default) or Zensical, which reads the same mkdocs.yml")
    add_format(site)
    site.add_argument("--timings", action="store_true", help="print the time each stage took")

    stats = sub.add_parser("stats", help="print the data-coverage report per document")
    stats.add_argument("--data", type=Path, default=DEFAULT_DATA)

    evaluate = sub.add_parser("evaluate", help="score similar-measure links on the tuning and held-out labelled sets")
    evaluate.add_argument("--data", type=Path, default=DEFAULT_DATA)
    evaluate.add_argument("--set", choices=("tuning", "held-out", "both"), default="both", dest="which",
                          help="which labelled set to score: tune on 'tuning' only; 'held-out' once the design is final")
    evaluate.add_argument("--gold", type=Path, action="append", metavar="YAML",
                          help="a labelled set to score instead (repeatable)")

    contexts = sub.add_parser("contexts", help="write templates/CONTEXTS.md: the context every template receives")
    contexts.add_argument("--data", type=Path, default=Path("tests/fixtures/corpus"))

    schema = sub.add_parser("schema", help="write the JSON Schema of every data file into a folder")
    schema.add_argument("--out", type=Path, default=Path("site_data/schema"))

    bench = sub.add_parser("bench", help="whole-build benchmark with --scale N…; without it, the search benchmark at 1× and N×")
    bench.add_argument("--data", type=Path, default=DEFAULT_DATA)
    bench.add_argument("--scale", type=int, nargs="+", help="whole build at these corpus sizes, e.g. --scale 1 10 50")
    bench.add_argument("--json", action="store_true", help="with --scale: print the measurements as JSON")
    bench.add_argument("--factor", type=int, default=50, help="size of the synthetic corpus (default 50×)")
    bench.add_argument("--out", type=Path, default=Path("bench/results.md"), help="where to write the table")
    bench.add_argument("--work", type=Path, default=None, help="keep the built sites here (default: a temporary folder)")
    bench.add_argument("--no-browser", action="store_true", help="sizes only; no timing in headless Chromium")

    synth = sub.add_parser("synth", help="write a synthetic corpus: the real documents copied into N synthetic districts")
    synth.add_argument("--data", type=Path, default=DEFAULT_DATA)
    synth.add_argument("--factor", type=int, default=50)
    synth.add_argument("--out", type=Path, required=True, help="folder to write (replaced if it exists)")
    extract = sub.add_parser("extract", help="draft a new document's YAML from its source (txt, html, docx, pdf)")
    extract.add_argument("source", type=Path, nargs="?", help="the published file")
    extract.add_argument("--district", help="district slug from districts.yaml, e.g. jiangjin")
    extract.add_argument("--id", dest="doc_id", help="document id (default: <district>-<year>-<number> from the 文号)")
    extract.add_argument("--out", type=Path, help="write the YAML here and the source text beside it (default: print)")
    extract.add_argument("--json", action="store_true", help="print the draft items as data/measures.json records")
    extract.add_argument("--compare", action="store_true", help="score drafts of the corpus' sources against the curated YAML")
    extract.add_argument("--data", type=Path, default=DEFAULT_DATA)
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
        print(f"\n共发现 {len(exc.diagnostics)} 个问题，没有写出任何文件。", file=sys.stderr)
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
    from generator.pipeline import check_data

    if args.command == "extract":
        from generator.extract.run import compare_command, extract_command

        if args.compare:
            return compare_command(args.data)
        if args.source is None or args.district is None:
            print("错误：请给出原文文件 SOURCE 和 --district（或者用 --compare）", file=sys.stderr)
            return 2
        return extract_command(args.source, args.district, args.doc_id, args.out, args.json, args.data)

    if args.command == "check":
        warnings: list = []
        corpus = check_data(args.data, warnings, content_root=args.content)
        if warnings:
            print(render(warnings, args.format), file=sys.stderr)
        docs = len(corpus.documents)
        measures = sum(len(d.document.measures) for d in corpus.documents)
        gaps = f"；草稿中还有 {len(warnings)} 处 TODO 待填" if warnings else ""
        print(f"检查通过：{docs} 份文件，{measures} 个条目，所有引文与原文一字不差{gaps}")
        return 0
    if args.command == "build":
        from generator.pipeline import Timings, build_site

        timings = Timings()
        written = build_site(args.data, args.content, args.out, timings)
        print(f"完成：向 {args.out} 写出 {written.pages} 个页面（其中 {written.changed} 个有改动）")
        if args.timings:
            print(timings.text())
        return 0
    if args.command == "serve":
        from generator.serve import serve

        return serve(args.data, args.content, DEFAULT_OUT, args.port)  # mkdocs.yml's docs_dir
    if args.command == "fmt":
        from generator.fmt import data_files, format_files

        report = format_files(args.files or data_files(args.data), args.data, check=args.check)
        for path in report.changed:
            print(f"{'格式未整理' if args.check else '已整理格式'}：{path}")
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
    if args.command == "site":
        from generator.site import build as build_whole_site

        result = build_whole_site(args.data, args.content, args.out, args.engine)
        total = sum(seconds for _, seconds in result.timings)
        print(f"完成：生成 {result.pages} 个文件，网站已建到 {args.out / 'site'}，用时 {total:.1f} 秒")
        if args.timings:
            from generator.pipeline import format_timings

            print(format_timings(result.timings))
        return 0
    if args.command == "stats":
        from generator.stats import coverage_report

        print(coverage_report(check_data(args.data)))
        return 0
    if args.command == "evaluate":
        from generator.evaluate import HELDOUT_SET, TUNING_SET, evaluate, load_labels
        from generator.evaluate import report as score_report
        from generator.pipeline import index_data

        index = index_data(args.data)
        named = {"tuning": [TUNING_SET], "held-out": [HELDOUT_SET], "both": [TUNING_SET, HELDOUT_SET]}
        sets = args.gold or named[args.which]
        for path in sets:
            name = {TUNING_SET: "tuning", HELDOUT_SET: "held-out"}.get(path, str(path))
            print(score_report(name, evaluate(index, load_labels(path))))
        return 0
    if args.command == "bench" and args.scale:
        from generator.buildbench import main as build_bench

        out = None if args.json else Path("bench/build.md")
        return build_bench(args.data, args.scale, args.json, out, args.work)
    if args.command == "bench":
        from generator.bench import main as bench_main

        return bench_main(args.data, args.factor, args.out, args.work, browser=not args.no_browser)
    if args.command == "synth":
        from generator.synth import synthesize

        counts = synthesize(args.data, args.out, args.factor)
        print(f"ok: wrote {counts['documents']} documents in {counts['districts']} synthetic districts into {args.out}")
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
