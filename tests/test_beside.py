"""The site build's second process (generator.beside): same files as one process, and its
failures are the build's failures."""
import gc
import os
import signal

import pytest

from generator.beside import beside, long_lived, no_cycle_collection
from generator.diagnostics import DataErrors, Diagnostic

from .conftest import FIXTURE, see_cpus


def test_the_result_comes_back():
    with beside(lambda: ("made", [1, 2])) as work:
        assert work.result() == ("made", [1, 2])


def test_diagnostics_of_the_second_process_are_raised_as_they_were():
    problem = Diagnostic("site_data/x.yaml", 3, 5, "unknown-theme", "no theme x", "use a known theme")

    def fail():
        raise DataErrors([problem])

    with beside(fail) as work, pytest.raises(DataErrors) as raised:
        work.result()
    assert raised.value.diagnostics == [problem]


def test_a_crash_or_a_killed_process_fails_the_build():
    with beside(lambda: 1 / 0) as work, pytest.raises(RuntimeError, match="ZeroDivisionError"):
        work.result()
    with beside(lambda: os.kill(os.getpid(), signal.SIGKILL)) as work, pytest.raises(RuntimeError, match="exit code -9"):
        work.result()


def test_leaving_early_stops_the_second_process():
    with pytest.raises(KeyError), beside(lambda: __import__("time").sleep(60)) as work:
        raise KeyError("this process failed first")
    assert not work._process.is_alive()


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_streamed_build_with_a_second_process_writes_what_one_process_writes(tmp_path, monkeypatch):
    from generator import pipeline
    from generator.build import build_site
    from generator.pipeline import ROOT

    calls = []
    real = pipeline.beside
    see_cpus(monkeypatch, True)
    monkeypatch.setattr(pipeline, "beside", lambda work: calls.append(work) or real(work))
    build_site(FIXTURE, ROOT / "content", tmp_path / "two", stream=True)
    assert len(calls) == 2  # the search index and the downloads were made by second processes
    see_cpus(monkeypatch, False)
    build_site(FIXTURE, ROOT / "content", tmp_path / "one", stream=True)
    assert len(calls) == 2
    two, one = _files(tmp_path / "two"), _files(tmp_path / "one")
    assert any(k.startswith("search/") for k in two) and any(k.endswith(".xlsx") for k in two)
    assert two.keys() == one.keys() and two == one


def test_pages_are_rendered_while_the_search_index_is_still_being_made(tmp_path, monkeypatch):
    """The main process does not wait for the search index's process before rendering the pages that
    show similar-measure links; the downloads' process starts once that one has ended. Same files."""
    from generator import pages, pipeline
    from generator.build import build_site
    from generator.pipeline import ROOT

    see_cpus(monkeypatch, True)
    monkeypatch.setattr(pages.search, "files", _slowly(pages.search.files, 2.0))
    rendered_before: list[list[str]] = []
    real_adopt = pipeline._adopt
    monkeypatch.setattr(pipeline, "_adopt", lambda work, tree, timings: rendered_before.append(tree.paths()) or real_adopt(work, tree, timings))
    build_site(FIXTURE, ROOT / "content", tmp_path / "two", stream=True)
    first = rendered_before[0]  # what this process had rendered when it took the search index's files
    assert any(path.startswith("documents/") for path in first) and not any(path.startswith("search/") for path in first)
    see_cpus(monkeypatch, False)
    build_site(FIXTURE, ROOT / "content", tmp_path / "one", stream=True)
    assert _files(tmp_path / "two") == _files(tmp_path / "one")


def test_the_downloads_are_made_while_the_measures_views_are(tmp_path, monkeypatch):
    """Once the search index's process has ended, the downloads' process starts before this one makes
    every measure's view (1.8 s at 50x the corpus), not after: the two run at the same time."""
    import time

    from generator import pages, pipeline
    from generator.build import build_site
    from generator.pipeline import ROOT

    started = []
    real_beside, real_similar, real_views = pipeline.beside, pipeline.similar_measures, pages.common.make_measure_views
    see_cpus(monkeypatch, True)
    monkeypatch.setattr(pipeline, "beside", lambda work: started.append(work) or real_beside(work))
    monkeypatch.setattr(pages.search, "files", lambda index: {})  # the first process ends at once …
    monkeypatch.setattr(pipeline, "similar_measures", lambda index: time.sleep(1.0) or real_similar(index))  # … surely before the links
    processes_at_views: list[int] = []
    monkeypatch.setattr(pages.common, "make_measure_views", lambda index: processes_at_views.append(len(started)) or real_views(index))
    build_site(FIXTURE, ROOT / "content", tmp_path / "docs", stream=True)
    assert processes_at_views == [2]  # the search index's, then the downloads' had started


@pytest.mark.parametrize("output", ["search", "downloads"])
def test_a_failure_in_a_second_process_fails_the_build(tmp_path, monkeypatch, output):
    from generator import build, pages, pipeline

    see_cpus(monkeypatch, True)
    monkeypatch.setattr(getattr(pages, output), "files", lambda index: 1 / 0)
    with pytest.raises(RuntimeError, match="second build process failed"):
        build.build_site(FIXTURE, pipeline.ROOT / "content", tmp_path / "docs", stream=True)


def test_long_lived_marks_last_to_the_end_of_the_outermost_block():
    """A build marks its corpus and index long-lived; a second process started inside the build
    (which marks what it inherits) must not lift the build's marks, and nothing stays marked after."""
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(10)]
    with long_lived() as keep:
        keep()
        marked = gc.get_freeze_count()
        assert marked >= len(kept)
        with long_lived() as keep_inner:
            keep_inner()
        assert gc.get_freeze_count() >= marked  # the inner block leaves the outer marks alone
    assert gc.get_freeze_count() == 0
    with long_lived() as keep:
        keep()
    assert gc.get_freeze_count() == 0


def test_blocks_know_the_marks_without_counting_the_marked_objects(monkeypatch):
    """gc.get_freeze_count() walks every marked object (millions in a large build: asked at each
    block's end it cost a 10x build 0.5 s), so the blocks keep track of the marks themselves. What
    a block makes inside marked objects stays marked to the outermost block's end; outside, it is
    not marked at all."""
    counted = gc.get_freeze_count
    monkeypatch.setattr(gc, "get_freeze_count", lambda: pytest.fail("the marked objects were counted"))
    with no_cycle_collection():
        made = [[] for _ in range(10)]
    assert counted() == 0  # no enclosing marks: nothing stays marked
    with long_lived() as keep:
        with no_cycle_collection():
            made = [[] for _ in range(10)]
        assert counted() == 0  # nothing is marked until the block's function is called
        keep()
        marked = counted()
        with no_cycle_collection():
            made += [[] for _ in range(10)]
        assert counted() >= marked + 10
        with long_lived() as keep_inner:
            keep_inner()
        assert counted() >= marked + 10  # the inner block leaves the outer marks alone
    assert counted() == 0
    assert len(made) == 20


def test_each_page_part_is_rendered_by_one_process_only():
    """The build's two processes claim page parts from the two ends of one shared list: whatever the
    timing, every part is claimed once, this process's from the front, the other's from the back."""
    from generator.pipeline import SharedParts

    parts = SharedParts(tuple(range(40)), "pages")  # any 40 items: the claims only count positions
    with beside(lambda: list(parts.claim(first=False))) as work:
        mine = list(parts.claim(first=True))
        theirs = work.result()
    assert mine == list(range(len(mine)))
    assert theirs == list(range(39, 39 - len(theirs), -1))
    assert sorted(mine + theirs) == list(range(40))


def test_every_page_kind_is_in_the_order_the_two_processes_claim_them():
    """A kind missing from PAGES_BY_COST would be rendered by neither process of a streamed build."""
    from generator import pages

    listed = pages.PAGES_BY_COST
    assert len(listed) == len(set(listed)) and set(listed) == {k for k in pages.OUTPUTS if hasattr(k, "pages")}
    assert set(pages.PAGES_BEFORE_SIMILARITY) < set(listed)


def test_a_page_kind_that_reads_similar_measures_cannot_be_rendered_before_them(tmp_path, monkeypatch):
    """The search index's process renders outputs.PAGES_BEFORE_SIMILARITY while this one computes the
    links; a kind listed there that reads them (document pages show them) fails the build."""
    from generator import build, pages, pipeline

    see_cpus(monkeypatch, True)
    monkeypatch.setattr(pages, "PAGES_BEFORE_SIMILARITY", pages.PAGES_BEFORE_SIMILARITY + (pages.document,))
    # the second process claims from the back of the list: the document pages are its first claim
    monkeypatch.setattr(pipeline, "similar_measures", _slowly(pipeline.similar_measures))
    with pytest.raises(RuntimeError, match="second build process failed(.|\n)*reads the similar-measure links"):
        build.build_site(FIXTURE, pipeline.ROOT / "content", tmp_path / "docs", stream=True)


def _slowly(function, seconds=3.0):
    """``function`` taking at least ``seconds``: the other process claims its work meanwhile."""
    import time

    def call(*args, **kwargs):
        time.sleep(seconds)
        return function(*args, **kwargs)
    return call


@pytest.mark.parametrize("twice, slow", [
    ("home", "similarity"),  # the search index's process renders the home pages while the links are computed
    ("home", "search"),  # this process renders them while the search index is made
    ("district", "document"),  # the downloads' process renders the district pages (the last kind it claims)
])
def test_two_pages_on_one_path_are_a_diagnostic_in_a_streamed_build_too(tmp_path, monkeypatch, twice, slow):
    """Whichever process renders two pages on one path, the clash is the editor's diagnostic."""
    from generator import build, pages, pipeline

    see_cpus(monkeypatch, True)
    kind = getattr(pages, twice)
    real = kind.pages
    monkeypatch.setattr(kind, "pages", lambda index, *part: real(index, *part) * 2)  # each page twice (of a part too)
    if slow == "similarity":
        monkeypatch.setattr(pipeline, "similar_measures", _slowly(pipeline.similar_measures))
    elif slow == "search":
        monkeypatch.setattr(pages.search, "files", _slowly(pages.search.files))
    else:  # this process is busy with the first kind it claims
        monkeypatch.setattr(pages.document, "pages", _slowly(pages.document.pages))
    with pytest.raises(DataErrors) as exc:
        build.build_site(FIXTURE, pipeline.ROOT / "content", tmp_path / "docs", stream=True)
    (d,) = exc.value.diagnostics
    assert (d.code, d.line, d.col) == ("page-path-clash", 1, 1)
    assert d.message.startswith("两个页面要写到同一个路径：")
    assert (twice == "home") == (d.message == "两个页面要写到同一个路径：index.md")


def test_the_cycle_collector_is_off_only_inside_the_block():
    from generator.beside import no_cycle_collection

    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
        with no_cycle_collection():  # an inner block leaves it to the outer one
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), no_cycle_collection():
        raise KeyError("a failure inside")
    assert gc.isenabled()
