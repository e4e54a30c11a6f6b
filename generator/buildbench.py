"""`python -m generator bench --scale N …`: the whole build, stage by stage, at N× corpus size.

For each scale the real corpus (1×) or a synthetic corpus N times its size (generator.synth)
goes through every stage of `python -m generator site` in this process, and the benchmark
reports per stage the wall time and the peak resident memory (the kernel's high-water mark,
reset before each stage), then the built site's page count, bytes, largest page, the largest
first-view transfer (a page's HTML with the CSS and script it loads, gzip), and the largest
first-query download of the search. Numbers, not assertions: the table lives in bench/build.md.
"""
from __future__ import annotations

import compileall
import contextlib
import gzip
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import generator.similarity  # noqa: F401 - imported by a build with its links: here, so that no stage holds it (START_UP)
from generator.beside import SECOND_PROCESS
from generator.beside import beside as run_beside
from generator.build import build_site
from generator.checking import Timings
from generator.pipeline import ROOT
from generator.site import engine_build, site_size

STAGES = ("start-up", "check", "rules", "index", "setup", "similarity", "render", "search", "write", "other", "mkdocs")


def _peak_mb() -> float:
    """This process's resident-memory high-water mark since the last reset, in MB."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> None:
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")  # Linux: reset the high-water mark of resident memory


@contextlib.contextmanager
def _stage(stages: dict, name: str) -> Iterator[None]:
    _reset_peak()
    start = time.perf_counter()
    yield
    stages[name] = {"seconds": round(time.perf_counter() - start, 2), "peak_mb": round(_peak_mb(), 1)}


def _page_kind(rel: str) -> str:
    """A page's kind from its address: `themes/energy/jiangjin/index.html` → `themes/*/*`."""
    parts = rel.split("/")[:-1]
    if not parts:
        return "home"
    return "/".join([parts[0]] + ["*"] * (len(parts) - 1))


def _first_view_gzip(site: Path, page: Path, html: bytes) -> int:
    """gzip bytes of a page and of every stylesheet and script it loads from the site."""
    total = len(gzip.compress(html, 6, mtime=0))
    text = html.decode("utf-8", "replace")
    for ref in re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js))', text):
        asset = (page.parent / ref).resolve()
        if asset.is_file() and site.resolve() in asset.parents:
            total += len(gzip.compress(asset.read_bytes(), 6, mtime=0))
    return total


def site_sizes(site: Path) -> dict:
    pages = sorted(site.rglob("*.html"))
    largest: dict[str, tuple[int, str]] = {}
    first_view = (0, "")
    for page in pages:
        html = page.read_bytes()
        rel = page.relative_to(site).as_posix()
        kind = _page_kind(rel)
        if len(html) > largest.get(kind, (0, ""))[0]:
            largest[kind] = (len(html), rel)
        view = _first_view_gzip(site, page, html)
        if view > first_view[0]:
            first_view = (view, rel)
    biggest = max(largest.values())
    return {
        "pages": len(pages),
        "site_bytes": site_size(site)[0],
        "largest_page_bytes": biggest[0],
        "largest_page": biggest[1],
        "largest_page_by_kind": {k: {"bytes": v[0], "page": v[1]} for k, v in sorted(largest.items())},
        "largest_first_view_gzip_bytes": first_view[0],
        "largest_first_view_page": first_view[1],
    }


def search_first_query_bytes(files: dict[str, bytes]) -> int:
    """The largest download before the first results show, over the search benchmark's queries."""
    from generator.bench import QUERIES, downloads_for

    worst = 0
    for query in QUERIES:
        _, needed = downloads_for(files, query)
        worst = max(worst, sum(len(files[name]) for name in needed if name in files))
    return worst


def _engine_peak_mb(docs: Path, site: Path) -> float:
    """Run the engine; its peak resident memory (this process's only child)."""
    engine_build(docs, site)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _pss_mb(pid: int | str) -> float:
    """A process's proportional set size: its private memory plus its share of what it shares."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("Pss:")) / 1024
    except (OSError, StopIteration):  # ended meanwhile, or not Linux
        return 0.0


def _children() -> list[str]:
    pids: list[str] = []
    for task in Path("/proc/self/task").glob("*"):
        with contextlib.suppress(OSError):
            pids += (task / "children").read_text(encoding="ascii").split()
    return pids


class StageMeter(Timings):
    """The build's own Timings, with per stage the peak memory: this process's high-water mark (reset
    when a top-level stage starts), and the sum of the proportional set sizes of this process and its
    second processes, sampled every SAMPLE_SECONDS (pages they share counted once)."""

    SAMPLE_SECONDS = 0.1

    def __init__(self, sample: bool = True) -> None:
        """``sample``: whether to sample the summed memory of the processes (a thread of this process
        reading /proc every SAMPLE_SECONDS, which costs the build CPU time: ~35 ms per read of a 1.5 GB
        process, about a third of a CPU at 50×; timed builds run without it)."""
        super().__init__()
        self.peaks: dict[str, tuple[float, float]] = {}
        self._depth = 0
        self._total = 0.0
        self._done = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampling = sample
        if sample:
            self._sampler.start()

    def _sample(self) -> None:
        while not self._done.wait(self.SAMPLE_SECONDS):
            self._total = max(self._total, _pss_mb("self") + sum(_pss_mb(pid) for pid in _children()))

    def close(self) -> None:
        self._done.set()
        if self._sampler.is_alive():
            self._sampler.join()

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self._depth == 0:
            _reset_peak()
            self._total = _pss_mb("self") if self._sampling else 0.0
        self._depth += 1
        try:
            with super().stage(name):
                yield
        finally:
            self._depth -= 1
        if self._depth == 0:
            if self._sampling:
                self._total = max(self._total, _pss_mb("self"))
            self.peaks[name] = (_peak_mb(), self._total)


# Every module `python -m generator site` runs; a real build imports the pipeline once its rules'
# process has started (generator.build), and scipy with the similar-measure links (pipeline.similar_measures).
START_UP = "import generator.cli, generator.build, generator.pipeline, generator.similarity"


def start_up(runs: int) -> dict:
    """The wall time of a fresh interpreter importing every module `python -m generator site` runs,
    median of ``runs``. The benchmark's builds are forked from this process, which has imported them
    already, so their stages do not hold it (a real build imports most of them while its rules run in
    their second process: generator.build)."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", START_UP], cwd=ROOT, check=True)
        seconds.append(round(time.perf_counter() - start, 2))
    return {"seconds": statistics.median(seconds), "runs": seconds}


def build_once(corpus_root: Path, docs: Path, sample_memory: bool = True) -> dict:
    """One build of the corpus into ``docs`` as `python -m generator site` builds it: each top-level
    stage's seconds and peak memory (with ``sample_memory``, that of all processes too), and the
    parts of the render stage."""
    meter = StageMeter(sample_memory)
    start = time.perf_counter()
    try:
        build_site(corpus_root, ROOT / "content", docs, meter, stream=True)
    finally:
        whole = time.perf_counter() - start
        meter.close()
    times = dict(meter.stages)
    stages: dict[str, dict] = {
        name: {"seconds": round(times[name], 2), "peak_mb": round(own, 1),
               **({"with_second_processes_mb": round(total, 1)} if sample_memory else {})}
        for name, (own, total) in meter.peaks.items() if name in STAGES}
    # the build's time outside the top-level stages of the table (waiting for the rules among it), so
    # that the stages add up to the whole build
    stages["other"] = {"seconds": round(max(0.0, whole - sum(times[name] for name in stages)), 2)}
    after_similarity = [name for name, _ in meter.stages].index("similarity") + 1
    stages["render"]["parts"] = {name: round(seconds, 2) for name, seconds in meter.stages[after_similarity:]
                                 if seconds >= 0.005 and name not in meter.peaks}
    beside = "search" + SECOND_PROCESS in times
    stages["search"] = {"seconds": round(times["search" + SECOND_PROCESS if beside else "search"], 2),
                        "in": "similarity and render" if beside else "render"}
    if "rules" + SECOND_PROCESS in times:  # run beside the index and the similar-measure links
        stages["rules"] = {"seconds": round(times["rules" + SECOND_PROCESS], 2), "in": "index and similarity"}
    return stages


def combined(runs: list[dict], memory: dict | None = None) -> dict:
    """The stages of several builds of one corpus as one: each time the median of the runs (every
    run's time listed beside it), each memory peak the highest of the runs and of ``memory``, a build
    whose memory was sampled (and whose times are not taken)."""
    out: dict[str, dict] = {}
    measured = runs + ([memory] if memory is not None else [])
    for name, first in runs[0].items():
        seconds = [run[name]["seconds"] for run in runs]
        stage = {**first, "seconds": round(statistics.median(seconds), 2)}
        if len(runs) > 1:
            stage["runs"] = seconds
        for key in ("peak_mb", "with_second_processes_mb"):
            peaks = [run[name][key] for run in measured if key in run.get(name, {})]
            if peaks:
                stage[key] = max(peaks)
        if "parts" in first:
            stage["parts"] = {part: round(statistics.median(run[name]["parts"].get(part, 0.0) for run in runs), 2)
                              for part in first["parts"]}
        out[name] = stage
    return out


def run_scale(data: Path, scale: int, work: Path, repeat: int = 1) -> dict:
    """Build the N× corpus ``repeat`` times as `python -m generator site` does, each build in a process
    of its own (forked from this one: memory an earlier build left behind does not count), then the
    site of the last with MkDocs; return the measurements. One more build comes first, whose summed
    memory of all processes is sampled; the timed builds run without the sampler, which slowed them."""
    from generator.synth import synthesize

    corpus_root = data
    if scale > 1:
        corpus_root = work / f"synth-{scale}"
        synthesize(data, corpus_root, scale)
    docs = work / f"docs-{scale}-memory"
    with run_beside(partial(build_once, corpus_root, docs, sample_memory=True)) as built:
        memory = built.result()  # the memory of all processes, sampled: this build's times are not taken
    # Only the last run's pages are built into a site; the others' are deleted at the end. Deleted
    # between runs, the next build created its files in the inodes just freed, which ext4 does slowly
    # for a minute or so (it checks each one's deletion time): ~2 s of a 50× build's CPU.
    trees = [docs]
    runs = []
    for run in range(repeat):
        docs = work / f"docs-{scale}-{run}"
        with run_beside(partial(build_once, corpus_root, docs, sample_memory=False)) as built:
            runs.append(built.result())
        trees.append(docs)
    stages = {"start-up": start_up(max(3, repeat)), **combined(runs, memory)}
    site = work / f"site-{scale}"
    start = time.perf_counter()
    with run_beside(partial(_engine_peak_mb, docs, site)) as engine:  # a process whose only child is the engine
        peak = engine.result()
    stages["mkdocs"] = {"seconds": round(time.perf_counter() - start, 2), "peak_mb": round(peak, 1)}
    search = {path.relative_to(docs).as_posix(): path.read_bytes() for path in (docs / "search").rglob("*") if path.is_file()}
    measures = json.loads((docs / "data" / "v1" / "measures.json").read_bytes())  # {"columns", "data"}
    district = measures["columns"].index("district")
    for folder in trees[:-1]:
        shutil.rmtree(folder)
    return {"scale": scale, "repeat": repeat, "measures": len(measures["data"]),
            "districts": len({row[district] for row in measures["data"]}),
            "stages": stages, **site_sizes(site), "search_first_query_bytes": search_first_query_bytes(search)}


def _cell(stage: dict) -> str:
    if "in" in stage:  # made by a second process during other stages
        return f"{stage['seconds']:.1f} (during {stage['in']})"
    if "peak_mb" not in stage:  # a time without a process of its own to measure (start-up, other)
        return f"{stage['seconds']:.1f}"
    total = stage.get("with_second_processes_mb", stage["peak_mb"])
    both = f" ({total:,.0f} all processes)" if total > stage["peak_mb"] + 1 else ""
    return f"{stage['seconds']:.1f} / {stage['peak_mb']:,.0f}{both}"


def _table(results: list[dict]) -> str:
    head = "| measure | " + " | ".join(f"{r['scale']}×" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    lines.append("| items (districts) | " + " | ".join(f"{r['measures']:,} ({r['districts']})" for r in results) + " |")
    for name in STAGES:
        lines.append(f"| {name}: s / peak MB | " + " | ".join(_cell(r["stages"][name]) for r in results) + " |")
    generate = [sum(v["seconds"] for s, v in r["stages"].items() if s != "mkdocs" and "in" not in v) for r in results]
    lines.append("| check + generate, s | " + " | ".join(f"{g:.1f}" for g in generate) + " |")
    lines.append("| … as share of mkdocs | " + " | ".join(
        f"{100 * g / r['stages']['mkdocs']['seconds']:.0f}%" for g, r in zip(generate, results, strict=True)) + " |")
    lines.append("| peak memory of the build, MB | " + " | ".join(
        f"{max(v.get('with_second_processes_mb', v.get('peak_mb', 0)) for v in r['stages'].values()):,.0f}" for r in results) + " |")
    lines.append("| pages | " + " | ".join(f"{r['pages']:,}" for r in results) + " |")
    lines.append("| site bytes | " + " | ".join(f"{r['site_bytes'] / 1e6:,.1f} MB" for r in results) + " |")
    lines.append("| largest page (HTML) | " + " | ".join(
        f"{r['largest_page_bytes'] / 1024:,.0f} KB `{r['largest_page']}`" for r in results) + " |")
    lines.append("| largest first view (gzip) | " + " | ".join(
        f"{r['largest_first_view_gzip_bytes'] / 1024:,.0f} KB" for r in results) + " |")
    lines.append("| largest search first query | " + " | ".join(
        f"{r['search_first_query_bytes'] / 1024:,.0f} KB" for r in results) + " |")
    kinds = sorted({k for r in results for k in r["largest_page_by_kind"]})
    lines += ["", "Largest page of each kind (HTML KB):", "",
              "| kind | " + " | ".join(f"{r['scale']}×" for r in results) + " |", "|---|" + "---:|" * len(results)]
    for kind in kinds:
        lines.append(f"| `{kind}` | " + " | ".join(
            f"{r['largest_page_by_kind'][kind]['bytes'] / 1024:,.0f}" if kind in r["largest_page_by_kind"] else "–"
            for r in results) + " |")
    return "\n".join(lines)


def main(data: Path, scales: list[int], as_json: bool, out: Path | None, work: Path | None, repeat: int = 1) -> int:
    # the generator's bytecode as `make` compiles it: where PYTHONDONTWRITEBYTECODE is set, the start-up
    # measured below would otherwise include compiling its modules (~0.15 s), which no build after the first pays
    compileall.compile_dir(ROOT / "generator", quiet=1)
    results = []
    with contextlib.ExitStack() as stack:
        if work is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="build-bench-")))
        for scale in scales:
            # each build in a process of its own, forked from this one: memory a smaller scale or an
            # earlier run left behind (freed, but still held by the allocator) does not count
            results.append(run_scale(data, scale, work, repeat))
    if as_json:
        print(json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False, indent=1))
    text = (f"# Whole-build benchmark\n\nWritten by `python -m generator bench --scale {' '.join(map(str, scales))}"
            + (f" --repeat {repeat}" if repeat > 1 else "") + "` "
            f"on a {os.cpu_count()}-CPU machine (Python {platform.python_version()}). "
            + (f"Each build ran {repeat} times, each in a process of its own; a stage's time is the median of the runs, "
               "its memory the highest, and MkDocs built the last run's pages once. " if repeat > 1 else "")
            + "Each stage's wall time and peak "
            "resident memory (this process's high-water mark, reset before the stage; mkdocs: the engine's own process). "
            "The build runs as `python -m generator site` runs it: with two or more CPUs a second process parses half "
            "the policy documents of a large corpus (in check), another runs the rules while the index is built and the similar-measure "
            "links are computed (other includes waiting for them; rules is that process's own time), another makes the "
            "search index while the links are computed and another the downloads while the pages "
            "render, then renders the page parts this one has not begun (\"pages (2nd process)\" among the render "
            "stage's parts); for those stages \"all processes\" is the peak of the summed proportional set sizes (shared "
            "pages counted once, sampled every 0.1 s in one more build run before the timed ones: sampling costs the build CPU "
            "time, so the timed builds run without it), and search is the search process's own time. Start-up is a fresh "
            "interpreter importing every module `python -m generator site` runs (the builds are forked from "
            "a process that has, so no stage holds it; a real build imports most of them while the rules run in their "
            "second process), from the bytecode `make` compiles. Setup compiles the "
            "templates, loads the word list and starts the search index's process; other is the build's time outside "
            "every stage, so that check + generate is the whole wall time of the generator's part of a build.\n\n"
            + _table(results) + "\n")
    if not as_json:
        print(text)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return 0
