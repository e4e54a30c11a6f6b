"""A whole build of the generated Markdown (build_site): check the data, then run the pipeline's
stages (generator.pipeline) on it.

Kept apart from the pipeline so that a build reads and checks the data, and starts the rules' second
process, before it imports the page, template, search and similarity code: on two CPUs the rules
then run beside those imports (0.3–0.4 s of a fresh interpreter: the page modules, Jinja, numpy,
rjieba's dictionary), on a CPU that had nothing to do, instead of beside the index, the search
index's process and the similar-measure links, which they slowed down.
"""
from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from generator.beside import can_fork, long_lived, no_cycle_collection
from generator.checking import Timings, rules_pending
from generator.diagnostics import DataErrors, Diagnostic
from generator.index import build_index_without_links, with_similarity
from generator.load import display_path
from generator.write import OutputTree, PathClash, WriteResult, publish


def build_site(data_root: Path, content_root: Path, out: Path, timings: Timings | None = None,
               stream: bool = False) -> WriteResult:
    """Check, index, render and write the generated Markdown into `out`. Into a staging folder
    beside `out` first, whose files then replace those of `out` that changed (write.publish), so a
    failure leaves `out` as it was; or, with ``stream``, written as rendered into `out`, which must
    then be a new folder that is only published when everything succeeded (site.build's staging).
    A streamed build on two or more CPUs makes the search index in a second process while the
    similar-measure links are computed, and the downloads in another while the pages render; that
    one then renders the page parts this one has not claimed (pipeline.SharedParts)."""
    timings = timings or Timings()
    if not stream:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out.parent))  # on out's file system: files move in by rename
        try:
            tree = _generate(data_root, content_root, OutputTree(stream_to=staging / "docs"), timings)
            with timings.stage("write"):
                return publish(staging / "docs", out, tree.paths())
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    tree = _generate(data_root, content_root, OutputTree(stream_to=out), timings)
    with timings.stage("write"):
        return tree.write(out)


def _generate(data_root: Path, content_root: Path, tree: OutputTree, timings: Timings) -> OutputTree:
    """The build of build_site, streamed into ``tree``'s folder as it renders."""
    with contextlib.ExitStack() as stack:
        keep = stack.enter_context(long_lived())  # the corpus and the index live to the end
        # On two CPUs the rules run in a second process while this one imports the pipeline, builds the
        # index, starts the search index's process and computes the similar-measure links: the rules'
        # verdict is waited for after those (at 50× this process waited 1.2 s for it before going on).
        # The pipeline decides the same way whether it starts second processes (pipeline._two_processes).
        with rules_pending(data_root, content_root, timings, rules_beside=tree.streaming is not None and can_fork()) as corpus:
            with timings.stage("index"), no_cycle_collection():  # marked long-lived before the collector walks it
                index = build_index_without_links(corpus)
                keep()
            with timings.stage("setup"):
                # imported only now, the rules' process started (see the module's docstring)
                from generator import pipeline
                from generator.pages.common import make_measure_views

                early, env, made_early = pipeline.set_up(stack, index, tree)
            with timings.stage("similarity"), no_cycle_collection():  # its links live to the end too
                index = with_similarity(index, pipeline.similar_measures(index))
                keep()

        def measure_views() -> None:
            # every measure's view, shown on several pages, made at once while the downloads' process
            # (forked just before) runs, and marked long-lived: the collector no longer walks through
            # them while the pages are rendered (at 10x it took a sixth of the pages' CPU). The page
            # parts that process renders once its files are made build their own views as they go.
            with timings.stage("measure views"), no_cycle_collection():
                make_measure_views(index)
                keep()

        with timings.stage("render"):
            try:
                pipeline.render_tree(index, content_root, tree=tree, timings=timings,
                                     made_elsewhere=pipeline.outputs.MADE_BEFORE_SIMILARITY if made_early is not None else (),
                                     made_early=made_early, early=early, env=env, prepare=measure_views)
            except PathClash as clash:  # two ids that make one file name (content names are checked earlier)
                raise DataErrors([Diagnostic(display_path(data_root), 1, 1, "page-path-clash", str(clash),
                                             "给其中一个编号改名，让每个页面有自己的路径")]) from None
    return tree
