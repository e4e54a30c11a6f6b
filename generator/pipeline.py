"""The one-way pipeline: read → validate → rules → index → pages → render → write.

Each stage takes only the previous stage's output; nothing reads back.
"""
from __future__ import annotations

from pathlib import Path

from generator import pages as page_kinds
from generator.diagnostics import DataErrors, Diagnostic
from generator.index import SiteIndex, build_index
from generator.load import Corpus, content_files, display_path, load_corpus
from generator.render import make_environment, render_page
from generator.rules import run_rules
from generator.search import search_files
from generator.similarity import similar_measures
from generator.write import OutputTree, PathClash, WriteResult

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"


def check_data(data_root: Path, content_root: Path | None = None) -> Corpus:
    """Load and cross-check everything (and the hand-written pages of ``content_root`` when
    given); raise DataErrors with every problem at once."""
    corpus, problems = load_corpus(data_root)
    if content_root is not None:
        problems += content_files(content_root)[1]
    if corpus is not None:
        problems = problems + run_rules(corpus)
    if problems or corpus is None:
        raise DataErrors(problems)
    return corpus


def index_data(data_root: Path, content_root: Path | None = None) -> SiteIndex:
    return build_index(check_data(data_root, content_root), similarity=similar_measures)


def render_tree(index: SiteIndex, content_root: Path) -> OutputTree:
    """Render every page and file in memory; nothing touches the disk here."""
    env = make_environment(TEMPLATES)
    content, problems = content_files(content_root)
    if problems:
        raise DataErrors(problems)
    tree = OutputTree()
    for page in page_kinds.all_pages(index):
        tree.add(page.path, render_page(env, page.template, page.path, page.context))
    for rel, text in page_kinds.downloads.data_files(index).items():
        tree.add(rel, text)
    for rel, data in search_files(index).items():  # search/: the site's own Chinese search index
        tree.add(rel, data)
    for rel, data in content.items():
        tree.add(rel, data)
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            tree.add("assets/" + path.relative_to(ASSETS).as_posix(), path.read_bytes())
    return tree


def build_site(data_root: Path, content_root: Path, out: Path) -> WriteResult:
    index = index_data(data_root, content_root)
    try:
        tree = render_tree(index, content_root)
    except PathClash as clash:  # two ids that make one file name (content names are checked earlier)
        raise DataErrors([Diagnostic(display_path(data_root), 1, 1, "page-path-clash", str(clash),
                                     "rename one of the two ids so that each page has its own path")]) from None
    return tree.write(out)
