"""`python -m generator bench`: how big the search index is and how fast the first result
shows, for today's corpus (1×) and a synthetic corpus N times its size (default 50×).

1. Builds the real site (generator + `mkdocs build --strict`) into a work folder and serves it.
2. Writes the N× synthetic corpus (generator.synth), builds its search files, and serves a copy
   of the site whose search/ files are the N× ones (the search page reads its filters from
   search/facets.json, so it behaves exactly as on an N× site; result links are not followed).
3. Reports the index size on disk (files, raw and gzip bytes), the bytes a browser downloads
   before the first page of results shows for typical queries (manifest, facets, postings
   shards and the display chunks of the first 20 results; raw, and gzip as a server that
   compresses would send them), and the time from the keystroke to the rendered results in
   headless Chromium, cold (new browser profile) and warm (files cached).

The table is printed and written to bench/results.md.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from generator.search import search_files
from generator.search.reference import SearchFiles, gzip_size

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("充电桩", "装配式建筑", "碳汇", "发展改革委", "清洁生产审核", "珞璜", "5G", "LNG", "府办发〔2022〕57号",
           "碳达峰", "绿色低碳发展", "发改委", "经信委", "光伏", "重点项目", "铜梁 重点项目")
# typed with a wrong character or in part: what the search offers instead (你是不是要找) is measured apart
TYPO_QUERIES = ("充电庄", "光扶", "发改", "碳打峰", "新能原汽车", "阿斯顿马丁")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
LIMIT = 1_000_000  # bytes a first query may download at 50×


# ------------------------------------------------------------------ building and serving


def build_static_site(data: Path, work: Path) -> Path:
    """Generate the Markdown and build the site with `mkdocs build --strict` into work/site."""
    from generator.build import build_site
    from generator.site import engine_build

    docs, site = work / "docs", work / "site"
    build_site(data, ROOT / "content", docs)
    engine_build(docs, site)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


@contextlib.contextmanager
def chromium_browser(browser=None) -> Iterator:
    """A headless Chromium: the one given (the caller's, already running: Playwright's sync API
    runs one instance per process, so a test session shares one), or one started here and stopped after."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        started = launch_chromium(pw)
        try:
            yield started
        finally:
            started.close()


def read_search_files(site: Path) -> dict[str, bytes]:
    return {f"search/{p.name}": p.read_bytes() for p in sorted((site / "search").glob("*.json"))}


def swap_search_files(site: Path, files: dict[str, bytes], out: Path) -> Path:
    """A copy of a built site whose search/*.json files are replaced by ``files``."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site, out)
    for old in (out / "search").glob("*.json"):
        old.unlink()
    for rel, data in files.items():
        (out / rel).write_bytes(data)
    return out


# ------------------------------------------------------------------ measuring


@dataclass
class QueryRow:
    query: str
    results: int
    files: int
    raw: int
    gzip: int
    predicted: tuple[str, ...] = ()  # the files the Python reference says the browser needs
    cold_ms: float | None = None
    warm_ms: float | None = None
    after: tuple[str, ...] = ()  # the files fetched after the results show, for the suggestions (suggest.py)


@dataclass
class SuggestRow:
    """What a query that finds nothing or little costs for its suggestions, after its results show."""

    query: str
    results: int
    offered: list[tuple[str, int]]  # the queries offered, with their numbers of results
    data_files: int  # s-<L>.json and pinyin.json
    data_raw: int
    data_gzip: int
    search_files: int  # the postings shards the searches of the candidates need besides
    search_raw: int
    search_gzip: int


@dataclass
class Corpus:
    label: str
    records: int
    measures: int
    build_s: float
    files: int
    raw: int
    gzip: int
    rows: list[QueryRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    suggestions: list[SuggestRow] = field(default_factory=list)


def downloads_for(files: dict[str, bytes], query: str, page_size: int = 20) -> tuple[int, list[str]]:
    """Results and the files the browser fetches before the first page of results shows
    (the Python reference of search.js does the same fetches)."""
    ref = SearchFiles(files)
    ref.fetched.append("search/manifest.json")
    hits = ref.search(query)
    if not hits and (fallback := ref.fallback(query)) is not None:
        hits = fallback.found.hits  # a query that finds nothing shows what it finds without its terms that find nothing
    ref.facets()
    for hit in hits[:page_size]:
        ref.display(hit.record)
    return len(hits), list(dict.fromkeys(ref.fetched))


def suggestion_downloads(files: dict[str, bytes], query: str) -> tuple[list[tuple[str, int]], list[str]]:
    """The suggestions for a query (SearchFiles.suggestions) and the files the browser fetches for
    them after its first page of results shows (none for a query that finds enough)."""
    ref = SearchFiles(files)
    _, first = downloads_for(files, query)
    offered = ref.suggestions(query)
    return offered, [f for f in dict.fromkeys(ref.fetched) if f not in first]


def is_suggestion_data(name: str) -> bool:
    from generator.search.suggest import SHARD, SOUNDS

    base = name.rsplit("/", 1)[-1]
    return base == SOUNDS or (base.startswith(SHARD.split("{")[0]) and base.endswith(".json"))


def measure_files(label: str, files: dict[str, bytes], records: int, measures: int, build_s: float,
                  queries: Sequence[str], typos: Sequence[str] = TYPO_QUERIES) -> Corpus:
    corpus = Corpus(label, records, measures, build_s, len(files), sum(map(len, files.values())),
                    sum(gzip_size(v) for v in files.values()))
    for q in queries:
        n, needed = downloads_for(files, q)
        corpus.rows.append(QueryRow(q, n, len(needed), sum(len(files[f]) for f in needed),
                                    sum(gzip_size(files[f]) for f in needed), tuple(needed),
                                    after=tuple(suggestion_downloads(files, q)[1])))
    for q in typos:
        n, _ = downloads_for(files, q)
        offered, after = suggestion_downloads(files, q)
        data = [f for f in after if is_suggestion_data(f)]
        searched = [f for f in after if not is_suggestion_data(f)]
        corpus.suggestions.append(SuggestRow(
            q, n, offered, len(data), sum(len(files[f]) for f in data), sum(gzip_size(files[f]) for f in data),
            len(searched), sum(len(files[f]) for f in searched), sum(gzip_size(files[f]) for f in searched)))
    return corpus


def browser_timings(site: Path, corpus: Corpus, files: dict[str, bytes], chromium=None) -> None:
    """Fill in cold and warm keystroke-to-results times, and check that the browser fetched
    exactly the files the reference says (the byte counts are those of the files it fetched).
    ``chromium``: a running browser to use (see chromium_browser)."""
    with serve(site) as base, chromium_browser(chromium) as browser:
        for row in corpus.rows:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            fetched: list[str] = []
            page.on("request", lambda req, fetched=fetched: fetched.append(req.url))
            page.goto(base + "search/")
            page.wait_for_load_state("load")
            fetched.clear()
            row.cold_ms = _timed_query(page, row.query)
            paths = (urlsplit(u).path for u in fetched)
            got = list(dict.fromkeys(p.lstrip("/") for p in paths if p.startswith("/search/") and p.endswith(".json")))
            # the suggestions' files come after the results show (they are not counted)
            if set(got) != set(row.predicted) | set(row.after):
                corpus.notes.append(f"{row.query}: the browser fetched {sorted(set(got) ^ (set(row.predicted) | set(row.after)))} "
                                    "unlike the Python reference")
            got = [f for f in got if f in row.predicted]
            row.files = len(got)
            row.raw = sum(len(files[f]) for f in got)
            row.gzip = sum(gzip_size(files[f]) for f in got)
            page.fill("#cs-q", "")
            page.wait_for_function("document.getElementById('cs-page').dataset.state === 'idle'")
            row.warm_ms = _timed_query(page, row.query)
            context.close()


def _timed_query(page, query: str) -> float:
    page.fill("#cs-q", query)
    page.wait_for_function(
        "q => { const p = document.getElementById('cs-page');"
        " return p.dataset.state === 'done' && p.dataset.query === q; }",
        arg=" ".join(_terms(query)), timeout=120_000)
    ms = float(page.get_attribute("#cs-page", "data-ms"))
    # then the suggestions, if the query found little: their files are fetched by then
    page.wait_for_function("() => document.getElementById('cs-page').dataset.suggest !== 'pending'", timeout=120_000)
    return ms


def _terms(query: str) -> list[str]:
    from generator.search import query_terms

    return query_terms(query)


# ------------------------------------------------------------------ the run


def run(data: Path, factor: int, work: Path, site: Path | None = None, browser: bool = True,
        queries: Sequence[str] = QUERIES, log=print, chromium=None) -> list[Corpus]:
    """The search benchmark at 1× and ``factor``×; with ``browser``, timed in headless Chromium
    (``chromium``: a running one to use)."""
    from generator.checking import check_data
    from generator.index import build_index
    from generator.search.records import records
    from generator.synth import synthesize

    work.mkdir(parents=True, exist_ok=True)
    if site is None:
        log("building the real site …")
        site = build_static_site(data, work / "real")
    index = build_index(check_data(data))
    t = time.perf_counter()
    files1 = search_files(index)
    build1 = time.perf_counter() - t
    if files1 != read_search_files(site):
        raise RuntimeError(f"{site} was not built from {data}: its search files differ")
    one = measure_files("1×", files1, len(records(index)), len(index.measures), build1, queries)

    log(f"writing the {factor}× synthetic corpus …")
    synthesize(data, work / f"synth-{factor}", factor)
    big_index = build_index(check_data(work / f"synth-{factor}"))
    t = time.perf_counter()
    files_n = search_files(big_index)
    build_n = time.perf_counter() - t
    many = measure_files(f"{factor}× synthetic", files_n, len(records(big_index)), len(big_index.measures), build_n, queries)
    if browser:
        log("timing queries in headless Chromium …")
        browser_timings(site, one, files1, chromium)
        browser_timings(swap_search_files(site, files_n, work / f"site-{factor}"), many, files_n, chromium)
    return [one, many]


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def _ms(v: float | None) -> str:
    return "–" if v is None else f"{v:,.0f} ms"


def table(corpora: list[Corpus]) -> str:
    lines = [
        "| corpus | records (measures) | search files | index raw | index gzip | index build (Python) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for c in corpora:
        lines.append(f"| {c.label} | {c.records:,} ({c.measures:,}) | {c.files:,} | {_kb(c.raw)} | {_kb(c.gzip)} | {c.build_s:.1f} s |")
    lines += ["", "Per query, in a fresh browser profile: the files and bytes fetched before the first page of "
              "(up to) 20 results shows — manifest, facets, postings shards, display chunks — and the time from the "
              "keystroke (the input event; the page waits 60 ms for more typing before it searches) to the rendered "
              "results: *cold* with nothing cached, *warm* when the same query is typed again.", ""]
    for c in corpora:
        lines += [f"**{c.label}**", "", "| query | results | files | raw | gzip | cold | warm |", "|---|---:|---:|---:|---:|---:|---:|"]
        for r in c.rows:
            lines.append(f"| {r.query} | {r.results:,} | {r.files} | {_kb(r.raw)} | {_kb(r.gzip)} | {_ms(r.cold_ms)} | {_ms(r.warm_ms)} |")
        worst = max(c.rows, key=lambda r: r.raw)
        cold = [r.cold_ms for r in c.rows if r.cold_ms is not None]
        warm = [r.warm_ms for r in c.rows if r.warm_ms is not None]
        lines.append("")
        lines.append(f"{c.label}: largest first-query download {_kb(worst.raw)} raw / {_kb(worst.gzip)} gzip ({worst.query})"
                     + (f"; median cold {statistics.median(cold):.0f} ms, median warm {statistics.median(warm):.0f} ms;"
                        f" slowest cold {max(cold):.0f} ms." if cold else "."))
        if c.notes:
            lines += [""] + [f"- {n}" for n in c.notes]
        lines.append("")
    lines += ["你是不是要找: after the results of a query that finds nothing (or a single term that finds a few) show, "
              "the browser fetches the suggestion data (the s-<L>.json of each term's length and pinyin.json) and "
              "searches the best candidates, so that each number shown is what a tap finds (the tap then needs no "
              "download). Neither is part of the first-query download above.", ""]
    for c in corpora:
        if not c.suggestions:
            continue
        lines += [f"**{c.label}**", "", "| query | results | offered | data files | data raw | data gzip | "
                  "candidate search files | raw | gzip |", "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
        for s in c.suggestions:
            offered = "、".join(f"{q}（{n:,}）" for q, n in s.offered) or "–"
            lines.append(f"| {s.query} | {s.results:,} | {offered} | {s.data_files} | {_kb(s.data_raw)} | {_kb(s.data_gzip)} | "
                         f"{s.search_files} | {_kb(s.search_raw)} | {_kb(s.search_gzip)} |")
        lines.append("")
    return "\n".join(lines)


def goal_met(corpora: list[Corpus]) -> bool:
    """Whether every first query at the largest size downloads less than LIMIT bytes."""
    return max(r.raw for r in corpora[-1].rows) < LIMIT


def report(corpora: list[Corpus], factor: int) -> str:
    big = corpora[-1]
    worst = max(r.raw for r in big.rows)
    verdict = "met" if goal_met(corpora) else "NOT met"
    return (
        "# Search benchmark\n\n"
        f"Written by `python -m generator bench --factor {factor}` on {platform.node() or 'this machine'} "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()}); served by Python's http.server on 127.0.0.1 "
        "(no compression: raw bytes are what the browser fetched, gzip what a compressing server would send).\n\n"
        + table(corpora)
        + f"\nGoal: at {big.label} the first query downloads < 1 MB — {verdict} (largest: {worst:,} bytes raw).\n"
    )


def main(data: Path, factor: int, out: Path, work: Path | None, browser: bool) -> int:
    if browser and not CHROMIUM.exists():
        print(f"{CHROMIUM} not found: timing skipped (install Debian's chromium)", file=sys.stderr)
        browser = False
    with contextlib.ExitStack() as stack:
        if work is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="search-bench-")))
        corpora = run(data, factor, work, browser=browser, log=lambda m: print(m, file=sys.stderr))
    text = report(corpora, factor)
    print(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"written to {out}", file=sys.stderr)
    return 0 if goal_met(corpora) or factor < 50 else 1

