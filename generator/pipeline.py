"""The one-way pipeline: read → validate → rules → index → pages → render → write.

Each stage takes only the previous stage's output; nothing reads back.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import ModuleType

from generator import pages as outputs
from generator.diagnostics import DataErrors, Diagnostic
from generator.index import SiteIndex, build_index
from generator.load import Corpus, load_corpus
from generator.render import make_environment, render_page
from generator.rules import run_rules
from generator.similarity import similar_measures
from generator.write import OutputTree, WriteResult

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"


class Timings:
    """Wall time of each stage of one build, in order (`build --timings` prints them)."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stages.append((name, time.perf_counter() - start))

    def text(self) -> str:
        return format_timings(self.stages)


def format_timings(stages: Iterable[tuple[str, float]]) -> str:
    return "\n".join(f"  {name:<12} {seconds:7.2f} s" for name, seconds in stages)


def check_data(data_root: Path, warnings: list[Diagnostic] | None = None) -> Corpus:
    """Load and cross-check everything; raise DataErrors with every problem at once.

    TODO gaps of a draft are warnings: appended to ``warnings`` when the caller accepts drafts
    (`check`), errors otherwise (a build never publishes a draft)."""
    corpus, problems = load_corpus(data_root)
    if corpus is not None:
        problems = problems + run_rules(corpus)
    gaps = {(d.path, d.line, d.col) for d in problems if d.code == "todo"}
    # an error standing on a TODO (an unknown `todo` theme, a quote that is a TODO) is that gap itself
    problems = [d for d in problems if d.code == "todo" or (d.path, d.line, d.col) not in gaps]
    if warnings is None:
        problems = [replace(d, severity="error") for d in problems]
    errors = [d for d in problems if d.severity == "error"]
    if errors or corpus is None:
        raise DataErrors(problems)
    if warnings is not None:
        warnings.extend(sorted(problems))
    return corpus


def index_data(data_root: Path) -> SiteIndex:
    return build_index(check_data(data_root), similarity=similar_measures)


def add_pages(tree: OutputTree, index: SiteIndex, kinds: Iterable[ModuleType] = outputs.OUTPUTS) -> None:
    """Render the Markdown pages of the given outputs (every output by default)."""
    env = make_environment(TEMPLATES)
    for kind in kinds:
        for page in kind.pages(index) if hasattr(kind, "pages") else ():
            tree.add(page.path, render_page(env, page.template, page.path, page.context))


def add_files(tree: OutputTree, index: SiteIndex, kinds: Iterable[ModuleType] = outputs.OUTPUTS) -> None:
    """Add the data files (downloads, search index, compare data …) of the given outputs."""
    for kind in kinds:
        for rel, data in kind.files(index).items() if hasattr(kind, "files") else ():
            tree.add(rel, data)


def add_static(tree: OutputTree, content_root: Path) -> None:
    """Hand-written pages from content/ and the site's own assets, copied as they are."""
    for path in sorted(content_root.rglob("*")) if content_root.exists() else []:
        if path.is_file():
            tree.add(path.relative_to(content_root).as_posix(), path.read_bytes())
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            tree.add("assets/" + path.relative_to(ASSETS).as_posix(), path.read_bytes())


def render_tree(index: SiteIndex, content_root: Path) -> OutputTree:
    """Render every page and file in memory; nothing touches the disk here."""
    tree = OutputTree()
    add_pages(tree, index)
    add_files(tree, index)
    add_static(tree, content_root)
    return tree


def build_site(data_root: Path, content_root: Path, out: Path, timings: Timings | None = None) -> WriteResult:
    timings = timings or Timings()
    with timings.stage("check"):
        corpus = check_data(data_root)
    with timings.stage("index"):
        index = build_index(corpus, similarity=similar_measures)
    with timings.stage("render"):
        tree = render_tree(index, content_root)
    with timings.stage("write"):
        return tree.write(out)
