"""The one-way pipeline: read → validate → rules → index → pages → render → write.

Each stage takes only the previous stage's output; nothing reads back.
"""
from __future__ import annotations

from pathlib import Path

from generator.opendata import output as opendata
from generator import pages as page_kinds
from generator.diagnostics import DataErrors
from generator.index import SiteIndex, build_index
from generator.load import Corpus, load_corpus
from generator.render import make_environment, render_page
from generator.rules import run_rules
from generator.search import search_files
from generator.similarity import similar_measures
from generator.write import OutputTree, WriteResult

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"


def check_data(data_root: Path) -> Corpus:
    """Load and cross-check everything; raise DataErrors with every problem at once."""
    corpus, problems = load_corpus(data_root)
    if corpus is not None:
        problems = problems + run_rules(corpus)
    if problems or corpus is None:
        raise DataErrors(problems)
    return corpus


def index_data(data_root: Path) -> SiteIndex:
    return build_index(check_data(data_root), similarity=similar_measures)


def render_tree(index: SiteIndex, content_root: Path) -> OutputTree:
    """Render every page and file in memory; nothing touches the disk here."""
    env = make_environment(TEMPLATES)
    tree = OutputTree()
    for page in page_kinds.all_pages(index):
        tree.add(page.path, render_page(env, page.template, page.path, page.context))
    for rel, data in opendata.files(index).items():  # data/: the downloads
        tree.add(rel, data)
    for rel, data in search_files(index).items():  # search/: the site's own Chinese search index
        tree.add(rel, data)
    for path in sorted(content_root.rglob("*")) if content_root.exists() else []:
        if path.is_file():
            tree.add(path.relative_to(content_root).as_posix(), path.read_bytes())
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            tree.add("assets/" + path.relative_to(ASSETS).as_posix(), path.read_bytes())
    return tree


def build_site(data_root: Path, content_root: Path, out: Path) -> WriteResult:
    index = index_data(data_root)
    tree = render_tree(index, content_root)
    return tree.write(out)
