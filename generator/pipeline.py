"""The one-way pipeline: read → validate → rules → index → pages → render → write.

Each stage takes only the previous stage's output; nothing reads back. A whole build's driver,
which runs the stages in turn, is generator.build.build_site.
"""
from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from jinja2 import Environment

from generator import pages as outputs
from generator.beside import SECOND_PROCESS, Beside, beside, can_fork, no_cycle_collection
from generator.checking import Timings, check_data
from generator.diagnostics import DataErrors
from generator.index import REPOSITORY_ROOT, Origin, SimilarMeasures, SiteIndex, build_index
from generator.load import content_files, repository_sections
from generator.pages.common import Page
from generator.render import front_matter, load_templates, make_environment, render_page
from generator.repository import load_repository
from generator.search.tokens import site_tokenizer
from generator.write import OutputTree, Parts, PathClash, size_of

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ASSETS = Path(__file__).resolve().parent / "assets"
CONFIG = ROOT / "mkdocs.yml"  # names the repository host of the edit links (extra.repository)


def similar_measures(index: SiteIndex) -> SimilarMeasures:
    """generator.similarity.similar_measures, imported when first called. scipy.sparse (0.13 s with
    the numpy modules its array-API layer imports), which nothing else uses, is then imported after a
    build has started the search index's process (set_up), while that process works: not before it
    starts, at start-up."""
    from generator.similarity import similar_measures as scored

    return scored(index)


def index_data(data_root: Path) -> SiteIndex:
    return build_index(check_data(data_root), similarity=similar_measures)


def page_list(index: SiteIndex, kinds: Iterable[ModuleType] = outputs.OUTPUTS) -> list[Page]:
    """The Markdown pages of the given outputs (every output by default), with their contexts; not
    those that describe their output's files (every_page lists them too)."""
    return list(each_page(index, kinds))


def every_page(index: SiteIndex, kinds: Iterable[ModuleType] = outputs.OUTPUTS) -> list[Page]:
    """page_list and the pages that describe their output's files (``pages_of_files``), for which
    the files are made again and measured: for tools and tests that list pages outside a build (a
    build renders those pages where it makes the files: add_files)."""
    kinds = tuple(kinds)
    return page_list(index, kinds) + [
        page for kind in kinds if hasattr(kind, "pages_of_files")
        for page in kind.pages_of_files(index, {rel: size_of(data) for rel, data in files_of(index, kind)})]


def each_page(index: SiteIndex, kinds: Iterable[ModuleType] = outputs.OUTPUTS) -> Iterator[Page]:
    """page_list one output at a time: a build renders each output's pages before the next output's
    contexts are made, so they are never all held at once (at 50× they would take ~200 MB)."""
    return pages_of(index, ((kind, None) for kind in kinds if hasattr(kind, "pages")))


PagePart = tuple[ModuleType, int | None]  # an output and one part of its pages (None: all of them)


def page_parts(index: SiteIndex, kinds: Iterable[ModuleType]) -> tuple[PagePart, ...]:
    """The pages of these outputs in the parts a build's two processes claim (SharedParts): an output
    whose pages come in parts (``parts(index)``, e.g. one per document) in those, any other whole."""
    return tuple((kind, part) for kind in kinds if hasattr(kind, "pages")
                 for part in (range(kind.parts(index)) if hasattr(kind, "parts") else (None,)))


def pages_of(index: SiteIndex, parts: Iterable[PagePart]) -> Iterator[Page]:
    """The pages of these parts, one part after another."""
    for kind, part in parts:
        yield from kind.pages(index) if part is None else kind.pages(index, part)


def add_pages(tree: OutputTree, index: SiteIndex, kinds: Iterable[ModuleType] = outputs.OUTPUTS,
              templates: Path = TEMPLATES, pages: Iterable[Page] | None = None) -> None:
    """Render the Markdown pages of the given outputs, or the given pages (already listed)."""
    render_pages(tree, each_page(index, kinds) if pages is None else pages, templates)


class Interrupted(Exception):
    """Rendering was given up because its result is no longer wanted (the live preview's data
    changed again); nothing was written."""


def render_pages(tree: OutputTree, pages: Iterable[Page], templates: Path = TEMPLATES,
                 interrupt: Callable[[], bool] | None = None, env: Environment | None = None) -> None:
    env = env or make_environment(templates, load_repository(CONFIG))
    # The collector off: a page's context and its rendering make thousands of objects, freed by
    # reference counting once it is written, and the collector walked through those of the page at
    # hand again and again (a tenth of the pages' CPU at 10x). The only cycles they leave are the
    # macro modules a page imports with its context (about 60 objects a page that does), collected after.
    with no_cycle_collection():
        for n, page in enumerate(pages):
            if interrupt is not None and n % 20 == 0 and interrupt():
                raise Interrupted
            tree.add(page.path, render_page(env, page.template, page.path, page.context, page.edit, page.hide))


def files_of(index: SiteIndex, kind: ModuleType) -> Iterable[tuple[str, bytes | Parts]]:
    """An output's data files (``files(index)``: a mapping or pairs, as pairs), made as they are asked for."""
    made = kind.files(index) if hasattr(kind, "files") else {}
    return made.items() if isinstance(made, Mapping) else made


def add_files(tree: OutputTree, index: SiteIndex, kinds: Iterable[ModuleType] = outputs.OUTPUTS,
              templates: Path = TEMPLATES, env: Environment | None = None) -> None:
    """Add the data files (downloads, search index, compare data …) of the given outputs, with the
    cycle collector off (it walked through the search index's records again and again: 0.23 s at 50×).
    An output whose pages describe its files (``pages_of_files(index, sizes)``: the downloads page
    states each file's size) has them rendered right after its files, in the same process, from the
    sizes of the bytes just added: whichever process writes the files, the page states their sizes."""
    with no_cycle_collection():
        for kind in kinds:
            sizes: dict[str, int] = {}  # each file's bytes, by its path
            for rel, data in files_of(index, kind):
                tree.add(rel, data)
                sizes[rel] = size_of(data)
            if hasattr(kind, "pages_of_files"):
                render_pages(tree, kind.pages_of_files(index, sizes), templates, env=env)


def add_static(tree: OutputTree, content_root: Path) -> None:
    """Hand-written pages from content/ (plain files only, checked by load.content_files) and the
    site's own assets, copied as they are (a page gets the front matter of its edit button, and
    keeps only the sections that hold with or without a repository: load.repository_sections)."""
    content, problems = content_files(content_root)
    if problems:
        raise DataErrors(problems)
    repository = load_repository(CONFIG)
    for rel, data in content.items():
        if rel.endswith(".md"):  # text that holds only with a repository address, or only without one
            data = repository_sections(data, repository is not None)
        if rel.endswith(".md") and repository is not None:  # the edit button opens the page's own file
            matter = front_matter(repository.edit_url(Origin(_content_path(content_root / rel, rel)))).encode()
            # a page with front matter of its own gets the line added to it
            data = matter.split(b"\n---\n")[0] + b"\n" + data[4:] if data.startswith(b"---\n") else matter + data
        tree.add(rel, data)
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            tree.add("assets/" + path.relative_to(ASSETS).as_posix(), path.read_bytes())


def render_tree(index: SiteIndex, content_root: Path, templates: Path = TEMPLATES,
                pages: Iterable[Page] | None = None, interrupt: Callable[[], bool] | None = None,
                tree: OutputTree | None = None, timings: Timings | None = None,
                made_elsewhere: tuple[ModuleType, ...] = (), made_early: Beside | None = None,
                early: SharedParts | None = None, env: Environment | None = None,
                prepare: Callable[[], None] | None = None) -> OutputTree:
    """Render every page (or the pages already listed by page_list) and every file (but those of
    the outputs ``made_elsewhere``) in memory, or into the new folder a streaming ``tree`` writes
    to. ``interrupt`` is asked now and then whether to give up (raising Interrupted).

    Into a streaming tree, on a machine with two or more CPUs, a second process writes the
    outputs.MADE_BESIDE_PAGES while this one renders the pages, then renders the page parts this
    one has not claimed: the same files as one process. ``made_early`` is the build's first second
    process, which makes the search index and renders the ``early`` kinds (outputs.PAGES_BEFORE_SIMILARITY)
    it claims: this one renders those it has not claimed, then goes on with the other pages; the
    downloads' process starts as soon as the first has ended (two large processes at most).

    ``prepare`` (the measures' views) is called once before the other pages: after the downloads'
    process has started when it can start then, so that the two run at the same time."""
    tree = OutputTree() if tree is None else tree
    timings = timings or Timings()
    env = env or make_environment(templates, load_repository(CONFIG))
    with contextlib.ExitStack() as stack:
        late = tuple(k for k in outputs.PAGES_BY_COST if early is None or k not in outputs.PAGES_BEFORE_SIMILARITY)
        shared = SharedParts(page_parts(index, late), "pages") if pages is None and _two_processes(tree) else None
        decided: list[Beside | None] = []  # the downloads' process once started (None: made here)
        ended = made_early.ended if made_early is not None else lambda: True

        def next_process() -> None:
            """(Once) take the first second process's files, then start the downloads' process."""
            if not decided:
                if made_early is not None:
                    _adopt(made_early, tree, timings)
                decided.append(_start_beside(stack, index, tree, outputs.MADE_BESIDE_PAGES, shared, env))

        def late_claims(claims: Iterator[PagePart]) -> Iterator[PagePart]:
            """The claims; before each, the downloads' process started once the first has ended."""
            for claim in claims:
                if not decided and ended():
                    next_process()
                yield claim

        if ended():
            next_process()
        if made_early is not None and early is not None:
            with timings.stage(early.stage):
                render_pages(tree, pages_of(index, early.claim(first=True)), templates, interrupt, env)
        if pages is None and shared is not None:
            pages = pages_of(index, late_claims(shared.claim(first=True)))
        elif pages is None:
            pages = each_page(index, late)
        if prepare is not None:
            prepare()

        def make_files(kinds: Iterable[ModuleType]) -> None:
            for kind in kinds:
                if kind in made_elsewhere or not hasattr(kind, "files"):
                    continue
                if interrupt is not None and interrupt():
                    raise Interrupted
                if not decided and ended():
                    next_process()
                with timings.stage(_output_name(kind)):
                    add_files(tree, index, [kind], templates, env)

        # this process's files (the compare view's data …) before its pages, so that what it does last
        # is page parts, which the second process shares once its own files are made (made after the
        # pages, the compare data kept this one busy 1.4 s at 50× while the second had nothing to do)
        make_files(k for k in outputs.OUTPUTS if k not in outputs.MADE_BESIDE_PAGES)
        with timings.stage("pages"):
            render_pages(tree, pages, templates, interrupt, env)
        next_process()
        made_beside = decided[0]
        if made_beside is None:  # one CPU, or a tree held in memory: the downloads are made here too
            make_files(outputs.MADE_BESIDE_PAGES)
        add_static(tree, content_root)
        if made_beside is not None:
            _adopt(made_beside, tree, timings)
    return tree


def _output_name(kind: ModuleType) -> str:
    return kind.__name__.rpartition(".")[2]


class SharedParts:
    """The page parts of one build (page_parts), shared by two processes: each part is rendered by the
    process that claims it first, this one from the front of the list, the second from the back. The
    claims are two positions in shared memory behind one lock, made before the second process is
    forked. Parts are small (a document, a department, a theme with its district pages), so neither
    process waits long for the other's last one."""

    def __init__(self, parts: tuple[PagePart, ...], stage: str) -> None:
        context = multiprocessing.get_context("fork")
        self._parts = parts
        self.stage = stage  # the name of the build stage that renders them (Timings)
        self._lock = context.Lock()
        self._ends = context.RawArray("i", [0, len(parts)])  # the unclaimed parts: [front, back)

    def claim(self, first: bool) -> Iterator[PagePart]:
        """Parts claimed one at a time, from the front (``first``) or the back, until none is left."""
        while True:
            with self._lock:
                front, back = self._ends
                if front >= back:
                    return
                at = front if first else back - 1
                self._ends[0 if first else 1] = front + 1 if first else back - 1
            yield self._parts[at]


class _NotYetComputed(Mapping):
    """Stands for the similar-measure links (and what is made of them) in the index of a process that
    renders pages before they are computed: asked for anything, it fails the build, so a page kind
    that reads them cannot be listed in outputs.PAGES_BEFORE_SIMILARITY unnoticed."""

    def _refuse(self, *_: object) -> NoReturn:
        raise RuntimeError("a page kind of outputs.PAGES_BEFORE_SIMILARITY reads the similar-measure links")

    __getitem__ = __iter__ = __len__ = __contains__ = _refuse


def before_similarity(index: SiteIndex) -> SiteIndex:
    """The index as a process working before the similar-measure links exist sees it."""
    absent = _NotYetComputed()
    return dataclasses.replace(index, similar=absent, counterpart_districts=absent, near_by_district=absent, borrowable=absent)


def set_up(stack: contextlib.ExitStack, index: SiteIndex, tree: OutputTree) -> tuple[SharedParts | None, Environment, Beside | None]:
    """A build's setup stage (generator.build): every template compiled, once, so that the processes
    share them; the word list loaded, once: the similar-measure links and the search index beside
    segment with it; and, into a streaming tree on two CPUs, the search index's process started, which
    then renders the pages of outputs.PAGES_BEFORE_SIMILARITY it claims. The parts of those pages, the
    environment and that process (None when there is none)."""
    early = SharedParts(page_parts(index, outputs.PAGES_BEFORE_SIMILARITY), "pages without links") if _two_processes(tree) else None
    env = load_templates(make_environment(TEMPLATES, load_repository(CONFIG)))
    site_tokenizer(index)
    made_early = _start_beside(stack, before_similarity(index), tree, outputs.MADE_BEFORE_SIMILARITY, early, env)
    return early, env, made_early


def _start_beside(stack: contextlib.ExitStack, index: SiteIndex, tree: OutputTree, kinds: tuple[ModuleType, ...],
                  shared: SharedParts | None = None, env: Environment | None = None) -> Beside | None:
    """A second process writing the files of these outputs into the streaming tree's folder, then
    rendering the ``shared`` page parts it claims; None when the tree is held in memory or there is
    one CPU (the caller then makes them itself)."""
    folder = tree.streaming if _two_processes(tree) else None
    if folder is None:
        return None
    return stack.enter_context(beside(partial(_files_beside, index, folder, kinds, shared, env)))


def _two_processes(tree: OutputTree) -> bool:
    """Whether a build into this tree shares its work with second processes: it streams into a
    folder (which they write into too) on a machine with two or more CPUs."""
    return tree.streaming is not None and can_fork()


def _files_beside(index: SiteIndex, folder: Path, kinds: tuple[ModuleType, ...], shared: SharedParts | None = None,
                  env: Environment | None = None) -> tuple[list[str], list[tuple[str, float]], str | None]:
    """In the second process: write the outputs' files into ``folder`` (and the pages that describe
    them: add_files), then render the page parts left to claim; their paths and times, and the
    message of a clash of two of its pages (which _adopt raises in the first process, where
    build_site makes it the editor's diagnostic)."""
    tree, timings = OutputTree(stream_to=folder, shared=True), Timings()
    try:
        for kind in kinds:
            with timings.stage(_output_name(kind)):
                add_files(tree, index, [kind], env=env)
        if shared is not None:
            with timings.stage(shared.stage):
                render_pages(tree, pages_of(index, shared.claim(first=False)), env=env)
    except PathClash as clash:
        return [], [], str(clash)
    return tree.paths(), timings.stages, None


def _adopt(work: Beside, tree: OutputTree, timings: Timings) -> None:
    """Wait for a second process; its files become the tree's, its times the build's."""
    start = time.perf_counter()
    paths, stages, clash = work.result()
    if clash is not None:
        raise PathClash(clash)
    timings.stages.extend((name + SECOND_PROCESS, seconds) for name, seconds in stages)
    timings.stages.append(("waiting for a 2nd process", time.perf_counter() - start))
    tree.adopt(paths)


def _content_path(path: Path, rel: str) -> str:
    try:
        return path.resolve().relative_to(REPOSITORY_ROOT).as_posix()
    except ValueError:  # content kept outside the repository (a test's copy)
        return "content/" + rel
