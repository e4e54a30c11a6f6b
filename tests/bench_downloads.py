"""Benchmark of the open-data downloads: `python -m tests.bench_downloads [--factor 10]`.

For today's corpus (1×) and a synthetic corpus N times its size (generator.synth), reports the
time ``generator.opendata.output.files`` takes (wall and CPU, best of the runs), the time to write
those files to disk, and the files and bytes added per format. Writes bench/downloads.md.

The garbage collector is set as a build sets it (generator.cli.GC_THRESHOLDS, the index frozen
as the downloads' second process has it), so that the numbers are those of a build.
"""
from __future__ import annotations

import argparse
import collections
import gc
import os
import platform
import tempfile
import time
from pathlib import Path

from generator.cli import GC_THRESHOLDS
from generator.opendata.output import files
from generator.pipeline import index_data
from generator.synth import synthesize
from generator.write import OutputTree

ROOT = Path(__file__).resolve().parent.parent


def measure(label: str, data: Path, runs: int) -> dict:
    index = index_data(data)
    gc.freeze()  # as the second process that makes the downloads has the index (generator.beside)
    best_wall = best_cpu = float("inf")
    out: dict[str, bytes] = {}
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        out = dict(files(index))
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    tree = OutputTree()
    for rel, data_bytes in out.items():
        tree.add(rel, data_bytes)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        tree.write(Path(tmp) / "docs")
        write_s = time.perf_counter() - start
    count: collections.Counter = collections.Counter()
    size: collections.Counter = collections.Counter()
    for rel, data_bytes in out.items():
        ext = rel.rsplit(".", 1)[1]
        if not rel.startswith("data/v1/") or "/schemas/" in rel or rel.endswith("datapackage.json"):
            ext = "other"  # schemas, the data package, the legacy copies
        count[ext] += 1
        size[ext] += len(data_bytes)
    return {"label": label, "measures": len(index.measures), "districts": len(index.districts),
            "wall": best_wall, "cpu": best_cpu, "write": write_s, "count": count, "size": size}


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def table(results: list[dict]) -> str:
    lines = ["| corpus | measures | districts | files | bytes | CSV | JSON | XLSX | other | files(index) wall | CPU | write |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(
            f"| {r['label']} | {r['measures']:,} | {r['districts']} | {sum(r['count'].values()):,} | "
            f"{mb(sum(r['size'].values()))} | {r['count']['csv']} / {mb(r['size']['csv'])} | "
            f"{r['count']['json']} / {mb(r['size']['json'])} | {r['count']['xlsx']} / {mb(r['size']['xlsx'])} | "
            f"{r['count']['other']} / {mb(r['size']['other'])} | "
            f"{r['wall']:.1f} s | {r['cpu']:.1f} s | {r['write']:.1f} s |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factor", type=int, default=10)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "downloads.md")
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLDS)
    results = [measure("1×", ROOT / "site_data", args.runs)]
    with tempfile.TemporaryDirectory() as tmp:
        synthesize(ROOT / "site_data", Path(tmp) / "data", args.factor)
        results.append(measure(f"{args.factor}× synthetic", Path(tmp) / "data", args.runs))
    text = ("# Downloads benchmark\n\n"
            f"Written by `python -m tests.bench_downloads --factor {args.factor}` on {platform.node()} "
            f"({os.cpu_count()} CPUs, Python {platform.python_version()}); best of {args.runs} runs. "
            "The machine is shared, so CPU time is the steadier number. \"files\" counts every file under "
            "data/: the CSV, JSON and XLSX downloads of the site and of every district, document, theme and "
            "department page, and \"other\" (schemas, datapackage.json, the two legacy copies).\n\n"
            + table(results))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
